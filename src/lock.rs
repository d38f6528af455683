//! One wparup at a time per WPAR, across the whole system.
//!
//! * A POSIX `fcntl` write lock on `<lock dir>/<wpar>.lock`, opened without following symlinks
//!   (`O_NOFOLLOW`, mode 0600, in a private 0700 directory), held for the whole run. The kernel
//!   drops it when the process dies, even by SIGKILL. On conflict `F_GETLK` names the holder.
//! * The lock survives its holder: while a mutating AIX command runs, the file records the
//!   command's pid and start time. A new run that finds the lock free but that command still
//!   alive (its wparup was killed with `kill -9`) refuses, naming it.
//! * A deleted or replaced lock file is noticed by the holder (before each mutating command and
//!   about every half second while one runs) and recreated and locked again; if another wparup
//!   took the new file in between, no further mutating command is started.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;
use crate::exec::system::ChildWatch;
use crate::sys::{self, LockAttempt};

/// The lock this process holds (one WPAR at a time), and what runs under it.
struct Active {
    wpar: String,
    path: PathBuf,
    file: File,
    /// `pid start command` of the running mutating command.
    child: Option<String>,
}

static ACTIVE: Mutex<Option<Active>> = Mutex::new(None);

fn active() -> std::sync::MutexGuard<'static, Option<Active>> {
    ACTIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A held lock; dropping it releases the lock (the file itself is held by the process-wide
/// record that [`LockWatch`] reads).
#[derive(Debug)]
pub struct WparLock {
    _held: (),
}

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

/// Opens `path` again after it disappeared from under its holder: the file deleted, or its
/// directory renamed or removed (reliability review C13). The directory is created again,
/// private (0700), when it is missing; only its last component (a lock directory whose parent
/// is gone too is an error).
fn reopen_lock_file(path: &Path) -> std::io::Result<File> {
    match open_lock_file(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                use std::os::unix::fs::DirBuilderExt;
                match std::fs::DirBuilder::new().mode(0o700).create(dir) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(e),
                }
            }
            open_lock_file(path)
        }
        r => r,
    }
}

/// Is the file at `path` the one `file` is open on?
fn same_file(file: &File, path: &Path) -> bool {
    let ours = file.metadata().ok().map(|m| (m.dev(), m.ino()));
    let on_disk = std::fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.file_type().is_file())
        .map(|m| (m.dev(), m.ino()));
    ours.is_some() && ours == on_disk
}

impl WparLock {
    /// Takes the lock for `wpar` in `dir` (a private directory: [`crate::paths::lock_dir`])
    /// without waiting.
    pub fn acquire(dir: &Path, wpar: &str) -> Result<WparLock, Error> {
        let path = dir.join(format!("{wpar}.lock"));
        let io = |source| Error::LockIo {
            wpar: wpar.to_string(),
            path: path.clone(),
            source,
        };
        let mut file = open_lock_file(&path).map_err(io)?;
        match sys::try_write_lock(&file).map_err(io)? {
            LockAttempt::Acquired => {}
            LockAttempt::Held(pid) => {
                return Err(Error::Locked {
                    wpar: wpar.to_string(),
                    pid,
                    path,
                });
            }
        }
        // The previous holder may have died and left its AIX command running.
        let mut before = String::new();
        let _ = file.read_to_string(&mut before);
        if let Some((pid, command)) = orphan(&before) {
            return Err(Error::Orphan {
                wpar: wpar.to_string(),
                pid,
                command,
                path,
            });
        }
        write_state(&mut file, None).map_err(io)?;
        *active() = Some(Active {
            wpar: wpar.to_string(),
            path,
            file,
            child: None,
        });
        Ok(WparLock { _held: () })
    }
}

impl Drop for WparLock {
    fn drop(&mut self) {
        *active() = None;
    }
}

/// Rewrites the lock file: our pid, and the running command if any.
fn write_state(file: &mut File, child: Option<&str>) -> std::io::Result<()> {
    let mut text = format!("wparup {}\n", std::process::id());
    if let Some(c) = child {
        text.push_str(&format!("child {c}\n"));
    }
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(text.as_bytes())?;
    file.flush()
}

/// `child PID START COMMAND` of a lock file whose holder is gone, if that process still runs
/// (same pid and, where the system tells, same start time).
fn orphan(text: &str) -> Option<(i32, String)> {
    let line = text.lines().find_map(|l| l.strip_prefix("child "))?;
    let mut it = line.splitn(3, ' ');
    let pid: i32 = it.next()?.parse().ok()?;
    let start = it.next()?;
    let command = it.next().unwrap_or("").to_string();
    // A zombie (exited, not reaped: a container whose init does not reap) runs nothing.
    if !sys::alive(pid) || sys::zombie(pid) {
        return None;
    }
    match sys::process_start(pid) {
        Some(now) if start != "-" && now != start => None,
        _ => Some((pid, command)),
    }
}

/// A mutating command started under the active lock: record it there (and in the host lock,
/// when this process holds it).
pub fn child_started(pid: u32, command: &str) {
    let Ok(p) = i32::try_from(pid) else { return };
    let start = sys::process_start(p).unwrap_or_else(|| "-".into());
    let c = format!("{pid} {start} {}", command.replace('\n', " "));
    if let Some(h) = host().as_mut() {
        let line = format!("child {c}\n");
        let _ = h.file.write_all(line.as_bytes());
        let _ = h.file.flush();
        h.state.push_str(&line);
    }
    if let Some(a) = active().as_mut() {
        let _ = write_state(&mut a.file, Some(&c));
        a.child = Some(c);
    }
}

/// The recorded command ended.
pub fn child_ended() {
    if let Some(a) = active().as_mut()
        && a.child.take().is_some()
    {
        let _ = write_state(&mut a.file, None);
    }
}

/// Checks that the lock file on disk is still the one we hold; recreates and relocks it when it
/// was deleted or replaced. `Ok(Some(note))` says what was done; `Err` means another wparup
/// holds the new file (no further mutating command may start).
pub fn watch() -> Result<Option<String>, Error> {
    let wpar = watch_wpar()?;
    let host = watch_host()?;
    Ok(match (wpar, host) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    })
}

/// What [`take_back`] found.
enum TakenBack {
    /// The file on disk is still the one held.
    Unchanged,
    /// It was gone or replaced: the path is locked again, by this process.
    Relocked,
    /// Another process locked the path in the meantime.
    Held(Option<i32>),
}

/// The shared half of [`watch`]: when the lock file at `path` is no longer the `file` held
/// (deleted, replaced, or its directory moved), opens the path again ([`reopen_lock_file`]),
/// locks it, lets `restate` write what the holder's file says, and holds it instead.
fn take_back(
    path: &Path,
    file: &mut File,
    restate: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<TakenBack> {
    if same_file(file, path) {
        return Ok(TakenBack::Unchanged);
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file()) {
        // Replaced by something that is not a file: take the path back.
        let _ = std::fs::remove_file(path);
    }
    let mut new = reopen_lock_file(path)?;
    match sys::try_write_lock(&new)? {
        LockAttempt::Acquired => {
            restate(&mut new)?;
            *file = new;
            Ok(TakenBack::Relocked)
        }
        LockAttempt::Held(pid) => Ok(TakenBack::Held(pid)),
    }
}

/// [`watch`] for the WPAR's lock.
fn watch_wpar() -> Result<Option<String>, Error> {
    let mut guard = active();
    let Some(a) = guard.as_mut() else {
        return Ok(None);
    };
    let child = a.child.clone();
    let taken = take_back(&a.path, &mut a.file, |f| write_state(f, child.as_deref()));
    match taken.map_err(|source| Error::LockIo {
        wpar: a.wpar.clone(),
        path: a.path.clone(),
        source,
    })? {
        TakenBack::Unchanged => Ok(None),
        TakenBack::Relocked => Ok(Some(format!(
            "the lock file `{}` was deleted or replaced, or its directory moved: wparup recreated and locked it",
            a.path.display()
        ))),
        TakenBack::Held(pid) => Err(Error::Locked {
            wpar: a.wpar.clone(),
            pid,
            path: a.path.clone(),
        }),
    }
}

/// [`watch`] for the host's installp lock, while this process holds it.
fn watch_host() -> Result<Option<String>, Error> {
    let mut guard = host();
    let Some(h) = guard.as_mut() else {
        return Ok(None);
    };
    let state = h.state.clone();
    let taken = take_back(&h.path, &mut h.file, |f| {
        f.set_len(0)?;
        f.write_all(state.as_bytes())?;
        f.flush()
    });
    match taken.map_err(|source| Error::LockIo {
        wpar: h.wpar.clone(),
        path: h.path.clone(),
        source,
    })? {
        TakenBack::Unchanged => Ok(None),
        TakenBack::Relocked => Ok(Some(format!(
            "the host's installp lock `{}` was deleted or moved: wparup recreated and locked it",
            h.path.display()
        ))),
        TakenBack::Held(pid) => Err(Error::HostBusy {
            wpar: h.wpar.clone(),
            pid,
            command: None,
            path: h.path.clone(),
        }),
    }
}

/// The lock's side of the real executor's [`ChildWatch`]: the running command is written into
/// the held lock file, and the file is checked while it runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct LockWatch;

impl ChildWatch for LockWatch {
    fn started(&self, pid: u32, command: &str) {
        child_started(pid, command);
    }

    fn check(&self) -> Option<String> {
        match watch() {
            Ok(note) => note,
            Err(e) => Some(e.to_string()),
        }
    }

    fn ended(&self) {
        child_ended();
    }
}

/// The host's installp lock: `syncwpar` and `migwpar` (both run installp) from two wparup
/// processes never overlap, whichever WPARs they work on. Same hygiene as the per-WPAR locks:
/// a `fcntl` write lock on `<lock dir>/host.installp.lock` (a name no WPAR lock can have: WPAR
/// names hold no `.`), opened `O_NOFOLLOW`, 0600, in the private lock directory; the holder
/// writes its pid and command there, and the running AIX command while it runs, so a holder
/// killed with -9 whose installp still runs keeps the host busy (orphan-aware). Read-only
/// queries never take it; it is held only while the command runs.
#[derive(Debug)]
pub struct HostLock {
    _held: (),
}

/// The host lock this process holds (written by [`child_started`] too).
struct HostHeld {
    wpar: String,
    path: PathBuf,
    file: File,
    /// What the file says (`wparup PID`, the command, the child), to write again after a relock.
    state: String,
}

/// The host lock this process holds, if any.
static HOST: Mutex<Option<HostHeld>> = Mutex::new(None);

fn host() -> std::sync::MutexGuard<'static, Option<HostHeld>> {
    HOST.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Who holds the host lock, as its file says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostHolder {
    /// The holder's pid (from the kernel, else the file).
    pub pid: Option<i32>,
    /// The command it runs.
    pub command: Option<String>,
}

impl HostLock {
    /// The host lock file in `dir`.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join("host.installp.lock")
    }

    /// Takes the host lock for `command` (run on `wpar`). When another process holds it:
    /// with `wait`, calls `waiting` once with the holder and tries again every half second
    /// until it is free (`interrupted` stops the wait); else refuses with `HostBusy`.
    pub fn acquire(
        dir: &Path,
        wpar: &str,
        command: &str,
        wait: bool,
        mut waiting: impl FnMut(&HostHolder),
        interrupted: impl Fn() -> bool,
    ) -> Result<HostLock, Error> {
        let path = HostLock::path(dir);
        let io = |source| Error::LockIo {
            wpar: wpar.to_string(),
            path: path.clone(),
            source,
        };
        let mut told = false;
        loop {
            let mut file = open_lock_file(&path).map_err(io)?;
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            let busy = match sys::try_write_lock(&file).map_err(io)? {
                LockAttempt::Acquired => orphan(&text).map(|(pid, command)| HostHolder {
                    pid: Some(pid),
                    command: Some(command),
                }),
                LockAttempt::Held(pid) => Some(HostHolder {
                    pid: pid.or_else(|| holder_pid(&text)),
                    command: text
                        .lines()
                        .find_map(|l| l.strip_prefix("command "))
                        .map(str::to_string),
                }),
            };
            let Some(holder) = busy else {
                let state = format!(
                    "wparup {}\ncommand {}\n",
                    std::process::id(),
                    command.replace('\n', " ")
                );
                file.set_len(0).map_err(io)?;
                file.rewind().map_err(io)?;
                file.write_all(state.as_bytes()).map_err(io)?;
                *host() = Some(HostHeld {
                    wpar: wpar.to_string(),
                    path: path.clone(),
                    file,
                    state,
                });
                return Ok(HostLock { _held: () });
            };
            // Not ours: drop the descriptor (and with it any lock it got on an orphan's file).
            drop(file);
            if !wait {
                return Err(Error::HostBusy {
                    wpar: wpar.to_string(),
                    pid: holder.pid,
                    command: holder.command,
                    path,
                });
            }
            if !told {
                waiting(&holder);
                told = true;
            }
            if interrupted() {
                return Err(Error::Interrupted);
            }
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
    }
}

impl Drop for HostLock {
    fn drop(&mut self) {
        if let Some(mut h) = host().take() {
            let _ = h.file.set_len(0);
            let _ = h.file.flush();
        }
    }
}

/// The `wparup PID` line of a lock file.
fn holder_pid(text: &str) -> Option<i32> {
    text.lines()
        .find_map(|l| l.strip_prefix("wparup "))
        .and_then(|p| p.trim().parse().ok())
}
