//! wparup's errors: typed, naming the WPAR, the path or the command line, with hints (what to
//! run next) kept apart from the message, uv- and jj-style. Each maps to one exit code.

use std::path::PathBuf;

use crate::exec::ExecError;
use crate::exit::Exit;
use crate::hints::Hint;

/// Everything that can stop a wparup command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: wrong flag combination, bad media directory, missing `-d`.
    #[error("{message}")]
    Usage {
        /// What is wrong, naming the input.
        message: String,
        /// How to fix it.
        hints: Vec<Hint>,
    },
    /// No such WPAR.
    #[error("WPAR `{wpar}` not found")]
    NotFound {
        /// The name asked for.
        wpar: String,
    },
    /// The WPAR's state forbids the operation.
    #[error("WPAR `{wpar}` is {state}: {why}")]
    WrongState {
        /// The WPAR's name.
        wpar: String,
        /// Its state word.
        state: String,
        /// Why that blocks the operation.
        why: String,
        /// What to do.
        hints: Vec<Hint>,
    },
    /// Another wparup holds the WPAR's lock.
    #[error("another wparup{} is already working on WPAR `{wpar}`", pid.map(|p| format!(" (pid {p})")).unwrap_or_default())]
    Locked {
        /// The WPAR's name.
        wpar: String,
        /// The process id of the wparup holding it, when the lock file names one.
        pid: Option<i32>,
        /// The lock file.
        path: PathBuf,
    },
    /// Another wparup runs installp (syncwpar or migwpar) on this host, and `--no-wait` was given.
    #[error(
        "another wparup{} is running installp on this host{}: one installp at a time per host",
        pid.map(|p| format!(" (pid {p})")).unwrap_or_default(),
        command.as_ref().map(|c| format!(" (`{c}`)")).unwrap_or_default()
    )]
    HostBusy {
        /// The WPAR this run wanted to change.
        wpar: String,
        /// The process id of the holder (a wparup, or its orphaned AIX command).
        pid: Option<i32>,
        /// What it runs, as its lock file says.
        command: Option<String>,
        /// The host lock file.
        path: PathBuf,
    },
    /// The lock is free, but the AIX command an earlier wparup started on the WPAR still runs.
    #[error(
        "an AIX command started by an earlier wparup is still running on WPAR `{wpar}`: pid {pid} (`{command}`)"
    )]
    Orphan {
        /// The WPAR's name.
        wpar: String,
        /// The command's pid.
        pid: i32,
        /// Its command line.
        command: String,
        /// The lock file.
        path: PathBuf,
    },
    /// The lock file could not be used.
    #[error("cannot lock WPAR `{wpar}` with `{}`", path.display())]
    LockIo {
        /// The WPAR's name.
        wpar: String,
        /// The lock file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// Running a command failed, or the replay disagrees.
    #[error(transparent)]
    Exec(#[from] ExecError),
    /// An input file could not be read.
    #[error("cannot read `{}`", path.display())]
    Input {
        /// The file, as given or found.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// A read-only AIX command (lswpar, oslevel, …) failed.
    #[error("`{command}` failed: {cause}")]
    Command {
        /// The command line.
        command: String,
        /// What went wrong.
        cause: String,
        /// Its exit class.
        exit: Exit,
    },
    /// An operation was classified as a failure (the report carries the details).
    #[error("{message}")]
    Operation {
        /// The WPAR's name.
        wpar: String,
        /// The classified cause.
        message: String,
        /// The exit class the failure maps to.
        exit: Exit,
        /// What to do next.
        hints: Vec<Hint>,
    },
    /// The local environment is unusable (log directory, stdout, …).
    #[error("{message}")]
    Environment {
        /// What failed, naming the path.
        message: String,
        /// How to fix it.
        hints: Vec<Hint>,
    },
    /// A bug in wparup.
    #[error("internal error: {0}")]
    Internal(String),
    /// `parse auto` could not tell which command printed the input.
    #[error(
        "cannot tell which command printed `{input}`: no lswpar, startwpar, stopwpar, rebootwpar, migwpar or syncwpar landmark in it"
    )]
    Unrecognized {
        /// The file, or `<stdin>`.
        input: String,
    },
    /// SIGINT/SIGTERM/SIGHUP.
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    /// An environment error with hints.
    pub fn environment(message: impl Into<String>, hints: impl IntoIterator<Item = Hint>) -> Self {
        Error::Environment {
            message: message.into(),
            hints: hints.into_iter().collect(),
        }
    }

    /// A usage error with hints.
    pub fn usage(message: impl Into<String>, hints: impl IntoIterator<Item = Hint>) -> Self {
        Error::Usage {
            message: message.into(),
            hints: hints.into_iter().collect(),
        }
    }

    /// The exit code class.
    pub fn exit(&self) -> Exit {
        match self {
            Error::Usage { .. } => Exit::Usage,
            Error::NotFound { .. } => Exit::NotFound,
            Error::WrongState { .. }
            | Error::Locked { .. }
            | Error::Orphan { .. }
            | Error::HostBusy { .. } => Exit::WrongState,
            Error::LockIo { .. } | Error::Environment { .. } => Exit::Environment,
            Error::Internal(_) => Exit::Internal,
            Error::Unrecognized { .. } => Exit::Unrecognized,
            Error::Exec(e) => match e {
                // Out of file descriptors or processes: a local limit, not an AIX failure.
                ExecError::Spawn { source, .. } | ExecError::Io { source, .. }
                    if local_limit(source) =>
                {
                    Exit::Environment
                }
                ExecError::NotFound { .. } | ExecError::PermissionDenied { .. } => Exit::NotAix,
                ExecError::Spawn { .. }
                | ExecError::Io { .. }
                | ExecError::BadInterpreter { .. } => Exit::Failed,
                ExecError::Record { .. } => Exit::Environment,
                ExecError::PreviewRefused { .. } => Exit::Internal,
                ExecError::Transcript(_)
                | ExecError::Mismatch { .. }
                | ExecError::Exhausted { .. }
                | ExecError::Leftover { .. } => Exit::Transcript,
            },
            Error::Input { .. } => Exit::Usage,
            Error::Command { exit, .. } | Error::Operation { exit, .. } => *exit,
            Error::Interrupted => Exit::Interrupted,
        }
    }

    /// What to run next.
    pub fn hints(&self) -> Vec<Hint> {
        match self {
            Error::Usage { hints, .. }
            | Error::Environment { hints, .. }
            | Error::WrongState { hints, .. }
            | Error::Operation { hints, .. } => hints.clone(),
            Error::NotFound { .. } => vec![Hint::ListWpars],
            Error::Unrecognized { input } => vec![Hint::NameTheCommand {
                input: input.clone(),
            }],
            Error::Locked { pid, path, .. } => vec![
                Hint::WaitForHolder { pid: *pid },
                Hint::LockFile {
                    path: path.display().to_string(),
                },
            ],
            Error::HostBusy { pid, path, .. } => vec![
                Hint::WaitForHolder { pid: *pid },
                Hint::WaitWithoutNoWait,
                Hint::LockFile {
                    path: path.display().to_string(),
                },
            ],
            Error::Orphan { pid, wpar, .. } => vec![
                Hint::WaitForOrphan { pid: *pid },
                Hint::KillOrphan {
                    pid: *pid,
                    wpar: wpar.clone(),
                },
            ],
            Error::LockIo { .. } => vec![Hint::ChooseLockDir],
            Error::Exec(ExecError::Spawn { source, .. } | ExecError::Io { source, .. })
                if local_limit(source) =>
            {
                vec![Hint::RaiseLimits]
            }
            Error::Exec(ExecError::NotFound { .. }) => {
                vec![Hint::RunAsRootInGlobal, Hint::ReplayWithoutAix]
            }
            Error::Exec(ExecError::PermissionDenied { .. }) => vec![Hint::RunAsRoot],
            Error::Exec(ExecError::Mismatch { .. }) | Error::Exec(ExecError::Exhausted { .. }) => {
                vec![Hint::RecordAgain]
            }
            Error::Exec(ExecError::Leftover { .. }) => vec![Hint::ReplayLenient],
            Error::Exec(ExecError::Record { .. }) => vec![Hint::WritableRecord],
            Error::Exec(ExecError::PreviewRefused { .. }) | Error::Internal(_) => {
                vec![Hint::ReportBug]
            }
            Error::Exec(ExecError::Transcript(_)) => vec![Hint::TranscriptFormat],
            Error::Interrupted => vec![Hint::AfterInterrupt],
            _ => Vec::new(),
        }
    }
}

/// Is `e` a local limit (open files, processes) rather than the AIX command's doing?
fn local_limit(e: &std::io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EMFILE | libc::ENFILE | libc::EAGAIN | libc::ENOMEM)
    )
}

/// The message with its causes, once each (`a: b: c`).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        let m = c.to_string();
        if !s.contains(&m) {
            s.push_str(": ");
            s.push_str(&m);
        }
        src = c.source();
    }
    s
}
