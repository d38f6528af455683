//! What a command printed and how it ended: the types every floor shares (the executor
//! produces them, the transcript format stores them, the parsers and the terminal read them).

use std::fmt;

/// Longest line handed to a parser; longer lines are split (a parser must never need the whole
/// input in memory).
pub const MAX_LINE: usize = 1 << 20;

/// Which stream a line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    /// Standard output (also: a merged paste).
    Stdout,
    /// Standard error.
    Stderr,
}

/// One line of output, without its newline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputLine {
    /// Where it came from.
    pub stream: Stream,
    /// The bytes, exactly.
    pub bytes: Vec<u8>,
    /// False for a last line that ended without a newline.
    pub eol: bool,
}

/// How a command ended.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Termination {
    /// Exited with this status.
    Exited(i32),
    /// Killed by this signal (name, e.g. `SIGTERM`).
    Signaled(String),
    /// wparup's timeout killed it.
    TimedOut,
    /// Not known (a pasted log without an exit line).
    Unknown,
}

impl Termination {
    /// Exited with status 0.
    pub fn success(&self) -> bool {
        matches!(self, Termination::Exited(0))
    }

    /// Is the end known at all?
    pub fn known(&self) -> bool {
        !matches!(self, Termination::Unknown)
    }
}

impl fmt::Display for Termination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Termination::Exited(c) => write!(f, "exit status {c}"),
            Termination::Signaled(s) => write!(f, "killed by {s}"),
            Termination::TimedOut => f.write_str("timed out"),
            Termination::Unknown => f.write_str("unknown end"),
        }
    }
}

/// Where a running command's output goes: every line, in arrival order, and a signal when no
/// more output is pending for now (flush buffers then, so a silent command shows what it said).
///
/// Any `FnMut(&OutputLine)` closure is an `Output` whose `idle` does nothing.
pub trait Output {
    /// One line of output (the same `OutputLine` may be reused for the next call: copy what
    /// you keep).
    fn line(&mut self, l: &OutputLine);

    /// Every line received so far has been delivered and none is waiting.
    fn idle(&mut self) {}

    /// Something wparup itself did while the command ran (forwarded a signal, killed the
    /// process group): the log records it as a `#! note:`.
    fn note(&mut self, _text: &str) {}

    /// Time passes with no output (called about every 50 ms while the command is silent):
    /// a progress line can show it is alive.
    fn tick(&mut self) {}

    /// The start of a line the command has not ended yet (`please wait...` before a pause),
    /// for the terminal only: `bytes` is what came since the last call for this line. The
    /// whole line still arrives through [`Output::line`] once it ends; logs and parsers wait
    /// for that.
    fn partial(&mut self, _stream: Stream, _bytes: &[u8]) {}
}

impl<F: FnMut(&OutputLine)> Output for F {
    fn line(&mut self, l: &OutputLine) {
        self(l);
    }
}
