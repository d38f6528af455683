//! The executor seam: the one place where wparup meets the operating system.
//!
//! A call names a [`Program`] (an enum: wparup can run nothing else) and its arguments, streams
//! every output line to the caller **as it arrives**, tagged stdout or stderr, and returns how the
//! program ended. A non-zero exit is data, not an error: [`ExecError`] means "could not run at
//! all" or "the replay does not match".
//!
//! Implementations: [`system::System`] (real processes, via duct), [`replay::Replay`] (a
//! transcript), [`record::Recording`] (wraps another executor and writes a transcript as it goes).

pub mod guard;
pub mod record;
pub mod replay;
pub mod system;

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

pub use crate::output::{Output, OutputLine, Stream, Termination};
pub use crate::program::Program;
use crate::shell::argv_join;
use crate::transcript::TranscriptError;

/// One command to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    /// The AIX command to run (wparup can run no other than a [`Program`]).
    pub program: Program,
    /// Its arguments, as bytes (never passed through a shell; a path in ISO8859-1 reaches the
    /// command byte for byte).
    pub args: Vec<OsString>,
    /// Kill the process group after this long.
    pub timeout: Option<Duration>,
    /// Part of a read-only probe (`startwpar -m` and the `stopwpar` that ends it: the WPAR is
    /// brought up without its processes to read its level, then returned to Defined): never
    /// counted as a change, allowed in preview. Not part of the command line.
    pub probe: bool,
}

impl Invocation {
    /// A call without timeout.
    pub fn new<I, S>(program: Program, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        Invocation {
            program,
            args: args.into_iter().map(Into::into).collect(),
            timeout: None,
            probe: false,
        }
    }

    /// As part of a read-only probe ([`Invocation::probe`]).
    pub fn as_probe(mut self) -> Self {
        self.probe = true;
        self
    }

    /// With a timeout.
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = Some(t);
        self
    }

    /// Does this call change the system? `syncwpar -p` (preview) and a probe do not; the
    /// other commands are as [`Program::mutating`] says.
    pub fn mutating(&self) -> bool {
        if self.probe {
            return false;
        }
        match self.program {
            Program::Syncwpar => !self.args.iter().any(|a| a == "-p"),
            p => p.mutating(),
        }
    }

    /// Program name followed by the arguments.
    pub fn argv(&self) -> Vec<OsString> {
        let mut v = vec![OsString::from(self.program.name())];
        v.extend(self.args.iter().cloned());
        v
    }
}

impl fmt::Display for Invocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&argv_join(&self.argv()))
    }
}

/// Could not run, or the replay disagrees.
#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    /// The program is not where AIX keeps it.
    #[error(
        "`{program}` not found (looked for {}){}",
        list(searched),
        if *program == "lswpar" {
            ": this is not an AIX global environment"
        } else {
            ": this system lacks it, or --bin-dir points elsewhere"
        }
    )]
    NotFound {
        /// The command.
        program: &'static str,
        /// The paths tried.
        searched: Vec<PathBuf>,
    },
    /// Not allowed to run it (not root, or not executable).
    #[error("permission denied running `{}`: {}", path.display(), if crate::sys::euid() == 0 {
        "it is not executable (check its mode)"
    } else {
        "wparup must run as root in the global environment"
    })]
    PermissionDenied {
        /// The program's path.
        path: PathBuf,
    },
    /// The file exists but cannot be started (a script whose `#!` interpreter is missing).
    #[error("cannot start `{}`: the program it names in its first line (`#!`) is missing", path.display())]
    BadInterpreter {
        /// The program's path.
        path: PathBuf,
    },
    /// Spawning failed for another reason.
    #[error("cannot start `{}`", path.display())]
    Spawn {
        /// The program's path.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// Waiting for or reading from the child failed.
    #[error("lost contact with `{command}`")]
    Io {
        /// The command line.
        command: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The transcript is unreadable.
    #[error(transparent)]
    Transcript(#[from] TranscriptError),
    /// The next step is a different command.
    #[error(
        "replay mismatch at {}:{line} (step {step}): wparup ran\n    {actual}\n  but the transcript expects\n    {expected}",
        file.display()
    )]
    Mismatch {
        /// The transcript, as given on the command line.
        file: PathBuf,
        /// Line of the expected step.
        line: usize,
        /// 1-based step number.
        step: usize,
        /// What the transcript has.
        expected: String,
        /// What wparup asked for.
        actual: String,
    },
    /// No step left.
    #[error("replay of `{}` is exhausted: wparup ran `{actual}` after the last recorded step", file.display())]
    Exhausted {
        /// The transcript, as given on the command line.
        file: PathBuf,
        /// What wparup asked for.
        actual: String,
    },
    /// Steps were not used.
    #[error(
        "replay of `{}` stopped short: {remaining} step(s) not used, the next at line {line} was `{next}`{}",
        file.display(),
        because.as_ref().map(|b| format!("; wparup stopped early because: {b}")).unwrap_or_default()
    )]
    Leftover {
        /// Why wparup stopped before that step (the run's own error), when it did.
        because: Option<String>,
        /// The transcript, as given on the command line.
        file: PathBuf,
        /// Unused steps, counted.
        remaining: usize,
        /// Line of the first unused step.
        line: usize,
        /// Its command line.
        next: String,
    },
    /// A mutating command was asked for in preview mode (a bug: previews never mutate).
    #[error("internal error: preview mode refused to run `{command}`, which changes the system")]
    PreviewRefused {
        /// The command line.
        command: String,
    },
    /// Writing a transcript failed.
    #[error("cannot write transcript `{}`", path.display())]
    Record {
        /// The file, as given or found.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}

fn list(p: &[PathBuf]) -> String {
    p.iter()
        .map(|p| format!("`{}`", p.display()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs AIX commands.
pub trait Executor {
    /// Runs `inv`, handing every output line to `out` as it arrives, and returns how it ended.
    fn run(&self, inv: &Invocation, out: &mut dyn Output) -> Result<Termination, ExecError>;

    /// Runs read-only probes, at most `jobs` at a time where the executor can (the real one
    /// runs them side by side), each captured whole. Results come back in the order of `invs`,
    /// and a recording notes them in that order, so a replay (always one at a time) asks for
    /// them as they were written. The default runs them one after the other through
    /// [`Executor::run`] and stops after the first that could not run.
    fn run_many(&self, invs: &[Invocation], jobs: usize) -> Vec<Captured> {
        let _ = jobs;
        let mut outs = Vec::with_capacity(invs.len());
        for inv in invs {
            let r = capture(self, inv);
            let failed = r.is_err();
            outs.push(r);
            if failed {
                break;
            }
        }
        outs
    }

    /// Called once at the end of the wparup run (replay: report unused steps).
    fn finish(&self) -> Result<(), ExecError> {
        Ok(())
    }

    /// True when commands really run (locks and logs apply).
    fn is_live(&self) -> bool {
        false
    }
}

/// One probe run whole: every output line and how the command ended.
pub type Captured = Result<(Vec<OutputLine>, Termination), ExecError>;

/// Runs `inv` on `exec` and keeps every output line.
pub fn capture<E: Executor + ?Sized>(exec: &E, inv: &Invocation) -> Captured {
    let mut lines = Vec::new();
    exec.run(inv, &mut |l: &OutputLine| lines.push(l.clone()))
        .map(|end| (lines, end))
}

/// Runs `inv` and collects its output (for short commands such as `oslevel`).
pub fn run_collect(
    exec: &dyn Executor,
    inv: &Invocation,
    mut also: impl FnMut(&OutputLine),
) -> Result<(Vec<u8>, Termination), ExecError> {
    let mut buf = Vec::new();
    let t = exec.run(inv, &mut |l: &OutputLine| {
        buf.extend_from_slice(&l.bytes);
        buf.push(b'\n');
        also(l);
    })?;
    Ok((buf, t))
}
