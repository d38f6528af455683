//! The few libc calls std does not offer: POSIX record locks, signalling a process group, the
//! host name. The only module allowed `unsafe`; each block is one FFI call on valid memory.
#![allow(unsafe_code)]

use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;

/// Result of trying to take a write lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockAttempt {
    /// We hold it now.
    Acquired,
    /// Someone else does (their pid, when the kernel reports one).
    Held(Option<i32>),
}

fn whole_file(kind: libc::c_short) -> libc::flock {
    // SAFETY: flock is a plain C struct; all-zero is a valid value for every field.
    let mut fl: libc::flock = unsafe { std::mem::zeroed() };
    fl.l_type = kind;
    fl.l_whence = libc::SEEK_SET as libc::c_short;
    fl.l_start = 0;
    fl.l_len = 0;
    fl
}

/// `fcntl(F_SETLK)` write lock on the whole file; on conflict `F_GETLK` names the holder.
/// POSIX record locks are released by the kernel when the process dies, and on AIX they are the
/// only reliable kind (`flock` is an fcntl wrapper there; RUST-ON-AIX.md).
pub fn try_write_lock(f: &File) -> io::Result<LockAttempt> {
    let fd = f.as_raw_fd();
    let fl = whole_file(libc::F_WRLCK as libc::c_short);
    // SAFETY: fd is open for the lifetime of `f`; `fl` is a valid flock struct.
    let rc = unsafe { libc::fcntl(fd, libc::F_SETLK, &fl) };
    if rc == 0 {
        return Ok(LockAttempt::Acquired);
    }
    let err = io::Error::last_os_error();
    match err.raw_os_error() {
        Some(e) if e == libc::EAGAIN || e == libc::EACCES => {
            let mut q = whole_file(libc::F_WRLCK as libc::c_short);
            // SAFETY: as above; F_GETLK writes into `q`.
            let rc = unsafe { libc::fcntl(fd, libc::F_GETLK, &mut q) };
            let pid = (rc == 0 && q.l_type != libc::F_UNLCK as libc::c_short).then_some(q.l_pid);
            Ok(LockAttempt::Held(pid))
        }
        _ => Err(err),
    }
}

/// Sends `sig` to the process group `pgid`.
pub fn kill_group(pgid: u32, sig: libc::c_int) {
    if let Ok(p) = i32::try_from(pgid) {
        // SAFETY: kill has no memory effects; a stale pgid only yields ESRCH.
        unsafe {
            libc::kill(-p, sig);
        }
    }
}

/// Was `sig` ignored when wparup started (`nohup`, `trap '' HUP`, a background job of a
/// non-interactive shell)? Such a signal must stay ignored.
pub fn signal_ignored(sig: libc::c_int) -> bool {
    // SAFETY: sigaction with a null new action only reads the current one into `old`, a
    // zeroed plain C struct.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(sig, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN
    }
}

/// The process group of the AIX command running now (0: none). The signal handler forwards to
/// it directly, so a signal reaches the command even while wparup's main thread is blocked (a
/// write to a stalled stderr: reliability review R39).
static CHILD_GROUP: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);
/// Signals delivered since the current command started.
static DELIVERED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
/// Signals the handler forwarded that the run loop has not noted yet.
static FORWARDED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The command whose group the handler forwards signals to (None when it has ended). Set it
/// right after the spawn, clear it when the command's exit has been collected.
pub fn set_child_group(pgid: Option<u32>) {
    use std::sync::atomic::Ordering::SeqCst;
    DELIVERED.store(0, SeqCst);
    FORWARDED.store(0, SeqCst);
    CHILD_GROUP.store(
        pgid.and_then(|p| i32::try_from(p).ok()).unwrap_or(0),
        SeqCst,
    );
}

/// Takes one signal the handler already forwarded (true), so the run loop only notes it.
pub fn take_forwarded() -> bool {
    use std::sync::atomic::Ordering::SeqCst;
    FORWARDED
        .fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

/// Counts every delivery of `sig` in `counter`, so two signals in quick succession are two,
/// not one flag set twice before anyone looked; and, while an AIX command runs, forwards it to
/// the command's process group at once: the first as itself, any later one as SIGKILL (what
/// the run loop does too; it then only notes what the handler did).
pub fn count_signal(
    sig: libc::c_int,
    counter: std::sync::Arc<std::sync::atomic::AtomicUsize>,
) -> std::io::Result<()> {
    // SAFETY: the handler only touches atomic integers and calls kill(2), all async-signal-safe;
    // it allocates nothing and takes no lock.
    unsafe {
        signal_hook::low_level::register(sig, move || {
            use std::sync::atomic::Ordering::SeqCst;
            // Forwarded (and said so) before it is counted: the run loop, seeing the count,
            // always finds that the handler already sent it.
            let group = CHILD_GROUP.load(SeqCst);
            if group > 0 {
                let n = DELIVERED.fetch_add(1, SeqCst) + 1;
                libc::kill(-group, if n >= 2 { libc::SIGKILL } else { sig });
                FORWARDED.fetch_add(1, SeqCst);
            }
            counter.fetch_add(1, SeqCst);
        })
    }
    .map(|_| ())
}

/// Ignores `sig` from now on (SIGXFSZ: a log over `ulimit -f` must fail a write, not kill
/// wparup while an AIX command runs).
pub fn ignore_signal(sig: libc::c_int) {
    // SAFETY: installing SIG_IGN has no memory effects.
    unsafe {
        libc::signal(sig, libc::SIG_IGN);
    }
}

/// Does process `pid` exist (ours to signal or not)?
pub fn alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks for existence and permission.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Is process `pid` a zombie (exited, not yet reaped by its parent)? It runs nothing: a lock
/// that names it names no running command. Linux: the state in `/proc/PID/stat`. AIX: UNCERTAIN
/// how psinfo marks one without an AIX here to check: false, so a zombie there still counts as
/// running (the safe side: wparup refuses rather than start a second operation).
pub fn zombie(pid: i32) -> bool {
    if cfg!(target_os = "aix") {
        return false;
    }
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let rest = stat.get(stat.rfind(')')? + 1..)?.to_string();
            rest.split_whitespace().next().map(|st| st == "Z")
        })
        .unwrap_or(false)
}

/// A token for when process `pid` started, to tell it from a later process with the same pid.
/// Linux: field 22 of `/proc/PID/stat` (clock ticks since boot). AIX: `pr_start.tv_sec` of
/// `/proc/PID/psinfo` (64-bit layout: four 32-bit flags, twelve 64-bit ids and sizes, then
/// `pr_start`; `pr_pid` at byte 48 is checked first, so a different layout gives None rather
/// than a wrong answer: the layout is UNCERTAIN, no AIX here to confirm it). None elsewhere.
pub fn process_start(pid: i32) -> Option<String> {
    if cfg!(target_os = "aix") {
        let b = std::fs::read(format!("/proc/{pid}/psinfo")).ok()?;
        let be = |at: usize| -> Option<i64> {
            Some(i64::from_be_bytes(b.get(at..at + 8)?.try_into().ok()?))
        };
        if be(48)? != i64::from(pid) {
            return None;
        }
        return be(112).map(|s| s.to_string());
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: count after the last `)`.
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    rest.split_whitespace().nth(19).map(str::to_string)
}

/// The width of the terminal on `fd`, if it is one.
pub fn terminal_width(fd: libc::c_int) -> Option<usize> {
    // SAFETY: winsize is a plain C struct; TIOCGWINSZ fills it or fails.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) };
    (rc == 0 && ws.ws_col > 0).then_some(usize::from(ws.ws_col))
}

/// The host name, for transcript headers.
pub fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return "unknown".into();
    }
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// The effective user id.
pub fn euid() -> u32 {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() }
}

/// Signal number to name, from libc's constants (numbers differ between AIX and Linux).
pub fn signal_name(sig: i32) -> String {
    let known = [
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGINT, "SIGINT"),
        (libc::SIGQUIT, "SIGQUIT"),
        (libc::SIGILL, "SIGILL"),
        (libc::SIGABRT, "SIGABRT"),
        (libc::SIGFPE, "SIGFPE"),
        (libc::SIGKILL, "SIGKILL"),
        (libc::SIGSEGV, "SIGSEGV"),
        (libc::SIGPIPE, "SIGPIPE"),
        (libc::SIGALRM, "SIGALRM"),
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGUSR1, "SIGUSR1"),
        (libc::SIGUSR2, "SIGUSR2"),
        (libc::SIGBUS, "SIGBUS"),
    ];
    known
        .iter()
        .find(|(n, _)| *n == sig)
        .map(|(_, s)| s.to_string())
        .unwrap_or_else(|| format!("signal {sig}"))
}
