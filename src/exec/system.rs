//! Runs the real AIX commands.
//!
//! * Absolute paths only, looked up in the configured directories (default `/usr/sbin` then
//!   `/usr/bin`; `--bin-dir` replaces both), never a `PATH` search, never a shell.
//! * `LANG=C LC_ALL=C LC_MESSAGES=C`, so AIX prints its English catalog texts (AIX-REFERENCE
//!   §0.5, as IBM's own Ansible collection does). Stdin is `/dev/null`.
//! * stdout and stderr are separate pipes read by two threads; lines reach the caller in arrival
//!   order while the command runs.
//! * The child leads its own process group. SIGINT, SIGTERM and SIGHUP received by wparup are
//!   forwarded to that group; wparup keeps reading until the child exits and then reports the
//!   interruption (exit 130). A timeout kills the group with SIGKILL.

use std::io::{ErrorKind, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use super::{ExecError, Executor, Invocation, OutputLine, Stream, Termination};
use crate::parse::MAX_LINE;
use crate::sys;

/// Set once any forwarded signal arrived; commands stop at the next step and exit 130.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

struct Flags {
    list: Vec<(libc::c_int, Arc<AtomicBool>)>,
}

static FLAGS: OnceLock<Flags> = OnceLock::new();

/// Installs the signal flags (once). Until then signals keep their default action.
fn install_signal_flags() -> &'static Flags {
    FLAGS.get_or_init(|| {
        let mut list = Vec::new();
        for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            let flag = Arc::new(AtomicBool::new(false));
            if signal_hook::flag::register(sig, Arc::clone(&flag)).is_ok() {
                list.push((sig, flag));
            }
        }
        Flags { list }
    })
}

/// Has wparup been asked to stop (SIGINT, SIGTERM, SIGHUP)?
pub fn interrupted() -> bool {
    if let Some(f) = FLAGS.get() {
        for (_, flag) in &f.list {
            if flag.load(Ordering::SeqCst) {
                INTERRUPTED.store(true, Ordering::SeqCst);
            }
        }
    }
    INTERRUPTED.load(Ordering::SeqCst)
}

/// After the child exits, how long to keep reading pipes that a grandchild may hold open.
const PIPE_GRACE: Duration = Duration::from_millis(500);

/// The real executor.
#[derive(Debug, Clone)]
pub struct System {
    dirs: Vec<PathBuf>,
}

impl System {
    /// Looks programs up in `dirs`, in order. Installs the signal forwarding.
    pub fn new(dirs: Vec<PathBuf>) -> Self {
        install_signal_flags();
        System { dirs }
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

enum Msg {
    Line(Stream, Vec<u8>, bool),
    Eof,
}

fn reader(mut r: impl Read, stream: Stream, tx: mpsc::Sender<Msg>) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut line: Vec<u8> = Vec::new();
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let mut data = &buf[..n];
        while let Some(i) = memchr::memchr(b'\n', data) {
            line.extend_from_slice(&data[..i]);
            if tx
                .send(Msg::Line(stream, std::mem::take(&mut line), true))
                .is_err()
            {
                return;
            }
            data = &data[i + 1..];
        }
        line.extend_from_slice(data);
        while line.len() >= MAX_LINE {
            let rest = line.split_off(MAX_LINE);
            if tx
                .send(Msg::Line(stream, std::mem::replace(&mut line, rest), true))
                .is_err()
            {
                return;
            }
        }
    }
    if !line.is_empty() {
        let _ = tx.send(Msg::Line(stream, line, false));
    }
    let _ = tx.send(Msg::Eof);
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

impl Executor for System {
    #[tracing::instrument(level = "debug", skip_all, fields(cmd = %inv))]
    fn run(
        &self,
        inv: &Invocation,
        sink: &mut dyn FnMut(&OutputLine),
    ) -> Result<Termination, ExecError> {
        let path = self.resolve(inv.program.name())?;
        let io_err = |source| ExecError::Io {
            command: inv.to_string(),
            source,
        };
        let (out_r, out_w) = os_pipe::pipe().map_err(io_err)?;
        let (err_r, err_w) = os_pipe::pipe().map_err(io_err)?;
        let expr = duct::cmd(&path, &inv.args)
            .env("LANG", "C")
            .env("LC_ALL", "C")
            .env("LC_MESSAGES", "C")
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
        tracing::debug!(?pid, "started");
        let (tx, rx) = mpsc::channel();
        let tx2 = tx.clone();
        thread::spawn(move || reader(out_r, Stream::Stdout, tx));
        thread::spawn(move || reader(err_r, Stream::Stderr, tx2));

        let started = Instant::now();
        let flags = FLAGS.get();
        let mut eofs = 0;
        let mut status = None;
        let mut exited_at: Option<Instant> = None;
        let mut timed_out = false;
        loop {
            match rx.recv_timeout(Duration::from_millis(50)) {
                Ok(Msg::Line(stream, bytes, eol)) => sink(&OutputLine { stream, bytes, eol }),
                Ok(Msg::Eof) => eofs += 1,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    eofs = 2;
                    thread::sleep(Duration::from_millis(10));
                }
            }
            if let Some(f) = flags {
                for (sig, flag) in &f.list {
                    if flag.swap(false, Ordering::SeqCst) {
                        INTERRUPTED.store(true, Ordering::SeqCst);
                        if let Some(p) = pid {
                            tracing::info!(
                                signal = sys::signal_name(*sig),
                                "forwarding to the child"
                            );
                            sys::kill_group(p, *sig);
                        }
                    }
                }
            }
            if status.is_none()
                && let Some(out) = handle.try_wait().map_err(io_err)?
            {
                status = Some(out.status);
                exited_at = Some(Instant::now());
            }
            if let (Some(limit), None, false) = (inv.timeout, status, timed_out)
                && started.elapsed() > limit
            {
                if let Some(p) = pid {
                    sys::kill_group(p, libc::SIGKILL);
                }
                timed_out = true;
            }
            if status.is_some()
                && (eofs >= 2 || exited_at.is_some_and(|t| t.elapsed() > PIPE_GRACE))
            {
                break;
            }
        }
        while let Ok(Msg::Line(stream, bytes, eol)) = rx.try_recv() {
            sink(&OutputLine { stream, bytes, eol });
        }
        let Some(status) = status else {
            return Ok(Termination::Unknown);
        };
        Ok(termination(status, timed_out))
    }

    fn is_live(&self) -> bool {
        true
    }
}

/// A spawn failure after the path was found: a vanished file or a bad interpreter line is
/// "not found", a missing execute bit "permission denied".
fn spawn_error(program: &'static str, path: &Path, e: std::io::Error) -> ExecError {
    match e.kind() {
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
