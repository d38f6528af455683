//! Runs the real AIX commands.
//!
//! * Absolute paths only, looked up in the configured directories (default `/usr/sbin` then
//!   `/usr/bin`; `--bin-dir` replaces both), never a `PATH` search, never a shell.
//! * A scrubbed environment ([`child_env`]): a fixed `PATH`, `LANG=C LC_ALL=C LC_MESSAGES=C`
//!   (AIX prints its English catalog texts, AIX-REFERENCE §0.5, as IBM's own Ansible collection
//!   does), and only `HOME`, `LOGNAME`, `USER`, `TZ` and `ODMDIR` from the caller. Stdin is
//!   `/dev/null`. Arguments are passed as bytes.
//! * stdout and stderr are separate pipes read by two threads, each handing over what one `read`
//!   returned (a bounded channel: back-pressure, flat memory); lines reach the caller in arrival
//!   order while the command runs, and every byte the child wrote is delivered, however slow the
//!   caller is.
//! * The child leads its own process group. SIGINT, SIGTERM, SIGHUP and SIGQUIT received by
//!   wparup are forwarded to that group; wparup keeps reading until the child exits and then
//!   reports the interruption (exit 130). A second signal, or [`KILL_GRACE`] after the first,
//!   sends SIGKILL to the group, so a command that ignores signals cannot keep wparup alive. A
//!   signal inherited as ignored (`nohup`) stays ignored. A timeout kills the group with SIGKILL.
//!   Each of these is noted in the log.

use std::io::{ErrorKind, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use super::{
    Captured, ExecError, Executor, Invocation, Output, OutputLine, Stream, Termination, capture,
};
use crate::output::MAX_LINE;
use crate::sys;

/// Set once any forwarded signal arrived; commands stop at the next step and exit 130.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

struct Flags {
    /// Per forwarded signal, how many arrived that the run loop has not handled yet.
    list: Vec<(libc::c_int, Arc<AtomicUsize>)>,
}

static FLAGS: OnceLock<Flags> = OnceLock::new();

/// The signals wparup forwards to the AIX command's process group.
const FORWARDED: [libc::c_int; 4] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT];

/// Installs the signal flags (once). Until then signals keep their default action. A signal
/// that wparup inherited as ignored (`nohup`, `trap '' HUP`) stays ignored and is never
/// forwarded: the AIX command inherits the same disposition and runs to its end. SIGXFSZ is
/// ignored, so a log over `ulimit -f` fails a write instead of killing wparup mid-run.
fn install_signal_flags() -> &'static Flags {
    FLAGS.get_or_init(|| {
        let mut list = Vec::new();
        sys::ignore_signal(libc::SIGXFSZ);
        for sig in FORWARDED {
            if sys::signal_ignored(sig) {
                tracing::debug!(
                    signal = sys::signal_name(sig),
                    "inherited as ignored: left alone"
                );
                continue;
            }
            let count = Arc::new(AtomicUsize::new(0));
            if sys::count_signal(sig, Arc::clone(&count)).is_ok() {
                list.push((sig, count));
            }
        }
        Flags { list }
    })
}

/// How long the AIX command gets after the first forwarded signal before wparup sends SIGKILL to
/// its process group (a second signal does it at once). `WPARUP_KILL_GRACE` (seconds) overrides.
pub const KILL_GRACE: Duration = Duration::from_secs(30);

fn kill_grace() -> Duration {
    std::env::var("WPARUP_KILL_GRACE")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(KILL_GRACE, Duration::from_secs)
}

/// Marks the run interrupted, as a signal would (a replay reaching the step a live run was
/// interrupted in).
pub fn mark_interrupted() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Has wparup been asked to stop (SIGINT, SIGTERM, SIGHUP, SIGQUIT)?
pub fn interrupted() -> bool {
    if let Some(f) = FLAGS.get() {
        for (_, count) in &f.list {
            if count.load(Ordering::SeqCst) > 0 {
                INTERRUPTED.store(true, Ordering::SeqCst);
            }
        }
    }
    INTERRUPTED.load(Ordering::SeqCst)
}

/// After the child has exited, how long to keep reading pipes that a grandchild may hold open,
/// counted from the last data received (a slow consumer never cuts the output short).
const PIPE_GRACE: Duration = Duration::from_millis(500);

/// After the command exited, how long wparup keeps waiting for output that a process it left
/// behind (a grandchild holding the pipe) trickles in: counted only while wparup had nothing
/// to do, so a backlog the command wrote before it exited is always delivered whole.
const DRAIN_IDLE: Duration = Duration::from_secs(2);

/// After the command exited, the most wparup reads at all from a process it left behind that
/// writes without pause.
const DRAIN_MAX: Duration = Duration::from_secs(30);

/// How often the holder checks, while a mutating command runs, that its lock file was not
/// deleted or replaced.
const LOCK_WATCH: Duration = Duration::from_millis(500);

/// Bytes asked of the pipe per `read`.
const READ_BUF: usize = 64 * 1024;

/// Messages in flight between the reader threads and the main loop: with [`READ_BUF`], at most
/// about 2 MiB of output is queued; a reader that gets further ahead blocks (back-pressure), and
/// so does the child on its full pipe, as it would writing to a slow terminal.
const CHANNEL_DEPTH: usize = 32;

/// Told when a mutating command starts and ends, and asked while it runs whether anything
/// needs noting: the per-WPAR lock ([`crate::lock::LockWatch`]) names the running command in its
/// file, so a wparup killed with -9 does not let the next run start a second operation next to
/// it, and notices when its file was deleted or replaced.
pub trait ChildWatch: Send + Sync {
    /// A mutating command started as process `pid`.
    fn started(&self, pid: u32, command: &str);
    /// Called about every [`LOCK_WATCH`] while it runs: a note for the log, if any.
    fn check(&self) -> Option<String>;
    /// It ended.
    fn ended(&self);
}

/// The real executor.
#[derive(Clone)]
pub struct System {
    dirs: Vec<PathBuf>,
    watch: Option<Arc<dyn ChildWatch>>,
}

impl std::fmt::Debug for System {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("System").field("dirs", &self.dirs).finish()
    }
}

impl System {
    /// Looks programs up in `dirs`, in order. Installs the signal forwarding.
    pub fn new(dirs: Vec<PathBuf>) -> Self {
        install_signal_flags();
        System { dirs, watch: None }
    }

    /// Tells `watch` about every mutating command ([`ChildWatch`]).
    pub fn with_child_watch(mut self, watch: Arc<dyn ChildWatch>) -> Self {
        self.watch = Some(watch);
        self
    }

    /// The absolute path of `program`, or the list of places tried.
    pub fn resolve(&self, program: &'static str) -> Result<PathBuf, ExecError> {
        let searched: Vec<PathBuf> = self.dirs.iter().map(|d| d.join(program)).collect();
        for p in &searched {
            if p.is_file() {
                return Ok(p.clone());
            }
        }
        Err(ExecError::NotFound { program, searched })
    }
}

/// What a reader thread hands over: one message per `read`, not per line.
enum Msg {
    /// Output bytes: complete lines (each ending in `\n`), except that the last piece may have
    /// no newline (a piece of an over-long line, cut at [`MAX_LINE`], or the stream's last,
    /// unterminated line): `tail_eol` is then false.
    Data {
        stream: Stream,
        bytes: Vec<u8>,
        tail_eol: bool,
    },
    /// The start of a line not ended yet, for the terminal: the bytes that came since the
    /// last `Partial` of the same line. The whole line follows in a later `Data`.
    Partial { stream: Stream, bytes: Vec<u8> },
    /// The stream reached end of file (or could not be read any more).
    Eof,
}

fn reader(mut r: impl Read, stream: Stream, tx: mpsc::SyncSender<Msg>) {
    let mut buf = vec![0u8; READ_BUF];
    // The unfinished line carried over from the previous read, and how much of it has been
    // shown as a partial line.
    let mut carry: Vec<u8> = Vec::new();
    let mut shown = 0;
    let send = |bytes: Vec<u8>, tail_eol: bool| {
        tx.send(Msg::Data {
            stream,
            bytes,
            tail_eol,
        })
        .is_ok()
    };
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let data = &buf[..n];
        match memchr::memrchr(b'\n', data) {
            Some(i) => {
                shown = 0;
                let mut chunk = std::mem::take(&mut carry);
                chunk.extend_from_slice(&data[..=i]);
                carry.extend_from_slice(&data[i + 1..]);
                if !send(chunk, true) {
                    return;
                }
            }
            None => carry.extend_from_slice(data),
        }
        // An over-long line is handed on in pieces of MAX_LINE bytes, each marked as having no
        // newline of its own: the log writes `#! noeol` after it, so it stays byte-exact.
        while carry.len() >= MAX_LINE {
            let rest = carry.split_off(MAX_LINE);
            if !send(std::mem::replace(&mut carry, rest), false) {
                return;
            }
            shown = 0;
        }
        // The start of a line that did not end in this read (`please wait...`, then a pause):
        // shown at once, not when its newline comes.
        let end = whole_chars(&carry);
        if end > shown {
            let bytes = carry.get(shown..end).unwrap_or_default().to_vec();
            shown = end;
            if tx.send(Msg::Partial { stream, bytes }).is_err() {
                return;
            }
        }
    }
    if !carry.is_empty() && !send(carry, false) {
        return;
    }
    let _ = tx.send(Msg::Eof);
}

/// The length of `b` without a UTF-8 character its last bytes only begin (a read can end in
/// the middle of one); bytes that are not UTF-8 at all count as whole.
fn whole_chars(b: &[u8]) -> usize {
    let len = b.len();
    for back in 1..=3.min(len) {
        let Some(&c) = b.get(len - back) else { break };
        if c & 0xC0 != 0x80 {
            // A lead byte (or ASCII): does its character need more bytes than are here?
            let need = match c {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if need > back { len - back } else { len };
        }
    }
    len
}

/// Handles one message; true when it carried output.
fn handle_msg(m: Msg, eofs: &mut u32, out: &mut dyn Output) -> bool {
    match m {
        Msg::Data {
            stream,
            bytes,
            tail_eol,
        } => {
            deliver(stream, &bytes, tail_eol, out);
            true
        }
        Msg::Partial { stream, bytes } => {
            out.partial(stream, &bytes);
            true
        }
        Msg::Eof => {
            *eofs += 1;
            false
        }
    }
}

/// Hands the lines of one message to `out`, reusing one `OutputLine` buffer.
fn deliver(stream: Stream, bytes: &[u8], tail_eol: bool, out: &mut dyn Output) {
    tracing::trace!(?stream, text = %String::from_utf8_lossy(bytes).trim_end(), "output");
    let mut line = OutputLine {
        stream,
        bytes: Vec::new(),
        eol: true,
    };
    let mut rest = bytes;
    while let Some(i) = memchr::memchr(b'\n', rest) {
        line.bytes.clear();
        line.bytes.extend_from_slice(&rest[..i]);
        out.line(&line);
        rest = &rest[i + 1..];
    }
    if !rest.is_empty() {
        line.bytes.clear();
        line.bytes.extend_from_slice(rest);
        line.eol = tail_eol;
        out.line(&line);
    }
}

fn termination(status: std::process::ExitStatus, timed_out: bool) -> Termination {
    if timed_out {
        return Termination::TimedOut;
    }
    match (status.code(), status.signal()) {
        (Some(c), _) => Termination::Exited(c),
        (None, Some(s)) => Termination::Signaled(sys::signal_name(s)),
        (None, None) => Termination::Unknown,
    }
}

/// One running command: the child, its pipes' messages, and what wparup did to it so far.
struct Running<'i> {
    inv: &'i Invocation,
    handle: duct::Handle,
    pid: Option<u32>,
    rx: mpsc::Receiver<Msg>,
    started: Instant,
    eofs: u32,
    status: Option<std::process::ExitStatus>,
    /// The child's exit, then every message after it: the pipe grace counts from here.
    quiet_since: Option<Instant>,
    timed_out: bool,
    signals: u32,
    /// The signal handler forwards to this command's group ([`sys::set_child_group`]).
    direct: bool,
    first_signal: Option<Instant>,
    killed: bool,
    grace: Duration,
    /// When the command exited, and how long wparup has waited for output since.
    exited_at: Option<Instant>,
    idle_after_exit: Duration,
    /// wparup stopped reading a pipe a leftover process still held.
    cut: bool,
}

impl Running<'_> {
    /// Waits up to 50 ms for output and hands on whatever is queued; true when output came.
    fn receive(&mut self, out: &mut dyn Output) -> bool {
        let mut got_data = false;
        let waiting = Instant::now();
        let received = self.rx.recv_timeout(Duration::from_millis(50));
        if self.status.is_some() {
            self.idle_after_exit += waiting.elapsed();
        }
        match received {
            Ok(m) => {
                got_data |= handle_msg(m, &mut self.eofs, out);
                // Take what else is queued (at most a channel's worth: a writer that never
                // pauses must not keep wparup from its time limits and signals), then tell the
                // consumer it may flush.
                for _ in 0..CHANNEL_DEPTH {
                    let Ok(m) = self.rx.try_recv() else { break };
                    got_data |= handle_msg(m, &mut self.eofs, out);
                }
                out.idle();
            }
            Err(mpsc::RecvTimeoutError::Timeout) => out.tick(),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                self.eofs = 2;
                thread::sleep(Duration::from_millis(10));
            }
        }
        if got_data && self.quiet_since.is_some() {
            self.quiet_since = Some(Instant::now());
        }
        got_data
    }

    /// Forwards the signals wparup received to the child's process group (SIGKILL on the
    /// second), and a signal another thread took (probes side by side) as SIGTERM.
    fn forward_signals(&mut self, out: &mut dyn Output) {
        let inv = self.inv;
        if let Some(f) = FLAGS.get() {
            for (sig, count) in &f.list {
                for _ in 0..count.swap(0, Ordering::SeqCst) {
                    self.on_signal(*sig, out);
                }
            }
        }
        if let (0, Some(p), None) = (self.signals, self.pid, self.status)
            && INTERRUPTED.load(Ordering::SeqCst)
        {
            self.signals = 1;
            self.first_signal = Some(Instant::now());
            sys::kill_group(p, libc::SIGTERM);
            out.note(&format!(
                "wparup was interrupted: sent SIGTERM to the process group of `{inv}`"
            ));
        }
        if let (Some(t), Some(p), None, false) =
            (self.first_signal, self.pid, self.status, self.killed)
            && t.elapsed() > self.grace
        {
            self.killed = true;
            sys::kill_group(p, libc::SIGKILL);
            out.note(&format!(
                "`{inv}` was still running {} s after the signal: wparup sent SIGKILL to its process group",
                self.grace.as_secs()
            ));
        }
    }

    /// One signal wparup received: the first is forwarded to the child's group, the second
    /// sends SIGKILL (a second Ctrl-C is always obeyed at once).
    fn on_signal(&mut self, sig: libc::c_int, out: &mut dyn Output) {
        let inv = self.inv;
        INTERRUPTED.store(true, Ordering::SeqCst);
        self.signals += 1;
        self.first_signal.get_or_insert_with(Instant::now);
        let (Some(p), None) = (self.pid, self.status) else {
            return;
        };
        let name = sys::signal_name(sig);
        tracing::info!(signal = name, "forwarding to the child");
        // The handler already sent it (the same escalation), even if this loop was blocked.
        let sent = sys::take_forwarded();
        if self.signals >= 2 {
            self.killed = true;
            if !sent {
                sys::kill_group(p, libc::SIGKILL);
            }
            out.note(&format!(
                "wparup got a second signal ({name}): sent SIGKILL to the process group of `{inv}`"
            ));
        } else {
            if !sent {
                sys::kill_group(p, sig);
            }
            out.note(&format!(
                "wparup forwarded {name} to the process group of `{inv}`"
            ));
        }
    }

    /// Notes the child's exit, and kills its group at the time limit. True when the run is
    /// over: the child exited and both pipes ended (or stayed quiet for [`PIPE_GRACE`]); or a
    /// process it left behind keeps its output open: reading stops (noted in the log) after
    /// [`DRAIN_IDLE`] of waiting or [`DRAIN_MAX`] in all, and at once (after [`PIPE_GRACE`])
    /// when the run timed out or was interrupted: time limits and signals hold for the whole run.
    fn poll(&mut self, out: &mut dyn Output) -> Result<bool, ExecError> {
        if self.status.is_none()
            && let Some(o) = self.handle.try_wait().map_err(|source| ExecError::Io {
                command: self.inv.to_string(),
                source,
            })?
        {
            self.status = Some(o.status);
            if self.direct {
                // Reaped: its group id may be reused from now on (a signal in the instant
                // between the reap and this store reaches a group that only its leftovers hold).
                sys::set_child_group(None);
                self.direct = false;
            }
            self.quiet_since = Some(Instant::now());
            self.exited_at = Some(Instant::now());
        }
        let over_time = self
            .inv
            .timeout
            .is_some_and(|limit| self.started.elapsed() > limit);
        if let (true, None, false) = (over_time, self.status, self.timed_out) {
            if let Some(p) = self.pid {
                sys::kill_group(p, libc::SIGKILL);
            }
            self.timed_out = true;
        }
        let Some(exited) = self.exited_at else {
            return Ok(false);
        };
        if self.eofs >= 2 || self.quiet_since.is_some_and(|t| t.elapsed() > PIPE_GRACE) {
            return Ok(true);
        }
        let stopping = self.timed_out || over_time || self.signals > 0 || interrupted();
        let cut = if stopping {
            exited.elapsed() > PIPE_GRACE
        } else {
            self.idle_after_exit > DRAIN_IDLE || exited.elapsed() > DRAIN_MAX
        };
        if cut {
            self.cut = true;
            out.note(&format!(
                "`{}` exited, but a process it left behind kept its output open: wparup stopped reading after {:.1} s{}",
                self.inv,
                exited.elapsed().as_secs_f64(),
                if stopping { " (time limit or signal)" } else { "" }
            ));
        }
        Ok(cut)
    }
}

impl System {
    /// Starts `inv` in its own process group with stdin closed and two reader threads.
    fn spawn<'i>(&self, inv: &'i Invocation) -> Result<Running<'i>, ExecError> {
        let path = self.resolve(inv.program.name())?;
        let io_err = |source| ExecError::Io {
            command: inv.to_string(),
            source,
        };
        let (out_r, out_w) = os_pipe::pipe().map_err(io_err)?;
        let (err_r, err_w) = os_pipe::pipe().map_err(io_err)?;
        let expr = duct::cmd(&path, &inv.args)
            .full_env(child_env())
            .stdin_null()
            .stdout_file(out_w)
            .stderr_file(err_w)
            .unchecked()
            .before_spawn(|c| {
                c.process_group(0);
                Ok(())
            });
        let handle = expr
            .start()
            .map_err(|e| spawn_error(inv.program.name(), &path, e))?;
        // The expression holds the pipes' write ends: drop it, or EOF never comes.
        drop(expr);
        let pid = handle.pids().first().copied();
        tracing::debug!(?pid, path = %path.display(), timeout = ?inv.timeout, "spawned");
        let (tx, rx) = mpsc::sync_channel(CHANNEL_DEPTH);
        let tx2 = tx.clone();
        thread::spawn(move || reader(out_r, Stream::Stdout, tx));
        thread::spawn(move || reader(err_r, Stream::Stderr, tx2));
        Ok(Running {
            inv,
            handle,
            pid,
            rx,
            started: Instant::now(),
            eofs: 0,
            status: None,
            quiet_since: None,
            timed_out: false,
            signals: 0,
            direct: false,
            first_signal: None,
            killed: false,
            grace: kill_grace(),
            exited_at: None,
            idle_after_exit: Duration::ZERO,
            cut: false,
        })
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        // Whatever way the run ended, the handler stops forwarding to this command's group.
        if self.direct {
            sys::set_child_group(None);
        }
    }
}

impl Executor for System {
    #[tracing::instrument(level = "debug", skip_all, fields(cmd = %inv))]
    fn run(&self, inv: &Invocation, out: &mut dyn Output) -> Result<Termination, ExecError> {
        let mut r = self.spawn(inv)?;
        // A mutating command (never two at once): the signal handler forwards to its group
        // directly, whatever this thread is blocked on. Read-only probes may run side by side:
        // this loop forwards to them.
        if inv.mutating() && r.pid.is_some() {
            r.direct = true;
            sys::set_child_group(r.pid);
        }
        let watch = self
            .watch
            .as_deref()
            .filter(|_| inv.mutating() && r.pid.is_some());
        if let (Some(w), Some(p)) = (watch, r.pid) {
            w.started(p, &inv.to_string());
        }
        let mut last_watch = Instant::now();
        loop {
            r.receive(out);
            r.forward_signals(out);
            if let Some(w) = watch
                && last_watch.elapsed() > LOCK_WATCH
            {
                last_watch = Instant::now();
                if let Some(note) = w.check() {
                    out.note(&note);
                }
            }
            if r.poll(out)? {
                break;
            }
        }
        if let Some(w) = watch {
            w.ended();
        }
        // Whatever is still queued: every message, not only those before the first
        // end-of-file marker; once reading was cut, only what is queued now (a leftover writer
        // could keep the queue full for ever).
        let mut left = if r.cut { CHANNEL_DEPTH } else { usize::MAX };
        while left > 0
            && let Ok(m) = r.rx.try_recv()
        {
            handle_msg(m, &mut r.eofs, out);
            left -= 1;
        }
        out.idle();
        tracing::debug!(status = ?r.status, elapsed = ?r.started.elapsed(), r.timed_out, r.killed, "ended");
        let Some(status) = r.status else {
            return Ok(Termination::Unknown);
        };
        Ok(termination(status, r.timed_out))
    }

    /// Side by side, `jobs` at a time, each captured whole (a signal reaches every running
    /// child: [`Running::forward_signals`]).
    fn run_many(&self, invs: &[Invocation], jobs: usize) -> Vec<Captured> {
        use std::sync::{Mutex, PoisonError};
        let next = AtomicUsize::new(0);
        let slots: Vec<Mutex<Option<Captured>>> = invs.iter().map(|_| Mutex::new(None)).collect();
        thread::scope(|s| {
            for _ in 0..jobs.clamp(1, invs.len().max(1)) {
                s.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(inv) = invs.get(i) else { break };
                        if interrupted() {
                            break;
                        }
                        tracing::info!(cmd = %inv, "running (side by side)");
                        let r = capture(self, inv);
                        if let Some(slot) = slots.get(i) {
                            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(r);
                        }
                    }
                });
            }
        });
        // A probe not run (interrupted) ends the list: the caller sees fewer results.
        slots
            .into_iter()
            .map_while(|s| s.into_inner().unwrap_or_else(PoisonError::into_inner))
            .collect()
    }

    fn is_live(&self) -> bool {
        true
    }
}

/// The fixed search path of the AIX commands' children: AIX's default (`/etc/environment`).
pub const CHILD_PATH: &str = "/usr/bin:/etc:/usr/sbin:/usr/ucb:/sbin";

/// What the caller's environment may pass on to the AIX commands: identity, time zone, and
/// the ODM location (AIX commands read their configuration through it).
const KEPT: [&str; 5] = ["HOME", "LOGNAME", "USER", "TZ", "ODMDIR"];

/// The AIX commands' environment: a fixed `PATH`, the C locale (`LANG`, `LC_ALL`,
/// `LC_MESSAGES`), and [`KEPT`] from the caller, nothing else. syncwpar and migwpar are ksh
/// scripts that call other commands by name: `ENV`, `LIBPATH`, `LD_LIBRARY_PATH`, `NLSPATH`,
/// `LANGUAGE` or a `PATH` from the caller must not change what they run or how they talk.
pub fn child_env() -> Vec<(std::ffi::OsString, std::ffi::OsString)> {
    let mut env: Vec<(std::ffi::OsString, std::ffi::OsString)> = vec![
        ("PATH".into(), CHILD_PATH.into()),
        ("LANG".into(), "C".into()),
        ("LC_ALL".into(), "C".into()),
        ("LC_MESSAGES".into(), "C".into()),
    ];
    for k in KEPT {
        if let Some(v) = std::env::var_os(k) {
            env.push((k.into(), v));
        }
    }
    env
}

/// A spawn failure after the path was found: a vanished file or a bad interpreter line is
/// "not found", a missing execute bit "permission denied".
fn spawn_error(program: &'static str, path: &Path, e: std::io::Error) -> ExecError {
    match e.kind() {
        ErrorKind::NotFound if path.is_file() => ExecError::BadInterpreter {
            path: path.to_path_buf(),
        },
        ErrorKind::NotFound => ExecError::NotFound {
            program,
            searched: vec![path.to_path_buf()],
        },
        ErrorKind::PermissionDenied => ExecError::PermissionDenied {
            path: path.to_path_buf(),
        },
        _ => ExecError::Spawn {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::whole_chars;

    #[test]
    fn a_read_cut_inside_a_character_holds_its_first_bytes_back() {
        assert_eq!(whole_chars(b"please wait..."), 14);
        let e = "r\u{e9}sum\u{e9}".as_bytes(); // é is 2 bytes
        assert_eq!(whole_chars(e), e.len());
        assert_eq!(whole_chars(&e[..e.len() - 1]), e.len() - 2);
        let kanji = "\u{5f85}".as_bytes(); // 3 bytes
        assert_eq!(whole_chars(&kanji[..2]), 0);
        assert_eq!(whole_chars(kanji), 3);
        // Not UTF-8 at all (ISO 8859-1 é): nothing held back.
        assert_eq!(whole_chars(b"caf\xe9"), 3);
        assert_eq!(whole_chars(b"\x80\x80\x80\x80"), 4);
        assert_eq!(whole_chars(b""), 0);
    }
}
