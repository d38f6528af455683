//! The one JSON document every `wparup --json` run prints: the envelope.
//!
//! Every document starts with the same keys, in this order: `schema`, `command`, `ok`,
//! `exit_code`, `exit_name`, `changed`, `error`, `warnings`, `replay`, `log` (and `logs` for
//! `--all`); the payload follows under names that say what it is:
//!
//! | run | payload keys |
//! |---|---|
//! | one WPAR (`start`, `sync`, `upgrade`, …) | `wpar`, `state_before`, `state_after`, …, `result` (the parsed AIX output) |
//! | `--all` | `wpar_runs`: one object per WPAR, each with its own `ok`, `exit_code`, `changed`, `error`, … |
//! | `list` | `wpars`, `not_found` |
//! | `status` | `global_level`, `wpars` (each with `verdict`, `reason`, `consistent`), `not_found`, `needs_work`, `inconsistent` |
//! | `parse` | `source`, `cause`, and `wpars` (lswpar) or `result` (an operation) |
//! | `logs` | `log_dir`, `entries`, `pruned` |
//! | an error before any report | nothing more |
//!
//! `exit_code` is always the process exit status. The schema, generated from these types, is
//! committed as `schema/wparup.schema.json` (`wparup schema` prints it).

use serde::Serialize;

use crate::exit::Exit;

/// The envelope's version: bumped when a key changes meaning or disappears.
pub const SCHEMA: u32 = 2;

/// `{"kind","message","hints"}`: what went wrong and what to run next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ErrorInfo {
    /// The exit class name (`media_incomplete`, …).
    pub kind: Exit,
    /// What happened, naming the WPAR, path or command line.
    pub message: String,
    /// What to run next, one entry per suggestion.
    pub hints: Vec<String>,
    /// A finer reason where scripts need one: `locked` (another wparup holds the WPAR's lock), `host_busy` (another wparup runs installp on
    /// this host and `--no-wait` was given),
    /// `state` (the WPAR's state forbids the operation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// `locked`: the process id of the wparup that holds the lock, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder_pid: Option<i32>,
}

impl ErrorInfo {
    /// From an error: its class, its message with causes, its hints once.
    pub fn from_error(e: &crate::error::Error) -> ErrorInfo {
        let (reason, holder_pid) = match e {
            crate::error::Error::Locked { pid, .. } => (Some("locked"), *pid),
            crate::error::Error::Orphan { pid, .. } => (Some("locked"), Some(*pid)),
            crate::error::Error::HostBusy { pid, .. } => (Some("host_busy"), *pid),
            crate::error::Error::WrongState { .. } => (Some("state"), None),
            _ => (None, None),
        };
        ErrorInfo {
            kind: e.exit(),
            message: crate::error::error_chain(e),
            hints: e.hints().iter().map(ToString::to_string).collect(),
            reason,
            holder_pid,
        }
    }
}

/// The outcome part shared by the envelope and every entry of `wpar_runs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Outcome {
    /// `exit_code == 0`.
    pub ok: bool,
    /// The exit code (for the envelope: the process exit status).
    pub exit_code: u8,
    /// Its stable name.
    pub exit_name: Exit,
    /// A mutating AIX command ran and may have changed the WPAR (even if it then failed).
    pub changed: bool,
    /// The error, or null.
    pub error: Option<ErrorInfo>,
    /// Warnings, in words.
    pub warnings: Vec<String>,
}

impl Outcome {
    /// A success that changed nothing.
    pub fn ok() -> Self {
        Outcome::of(Exit::Ok)
    }

    /// An outcome of class `exit`, with no error yet.
    pub fn of(exit: Exit) -> Self {
        Outcome {
            ok: exit.is_ok(),
            exit_code: exit.code(),
            exit_name: exit,
            changed: false,
            error: None,
            warnings: Vec::new(),
        }
    }

    /// The exit class of this outcome.
    pub fn exit(&self) -> Exit {
        self.exit_name
    }

    /// Sets the class.
    pub fn set_exit(&mut self, exit: Exit) {
        self.ok = exit.is_ok();
        self.exit_code = exit.code();
        self.exit_name = exit;
    }
}

/// The one JSON document of a `wparup --json` run: the outcome first, then the payload.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Envelope<'a> {
    /// [`SCHEMA`].
    pub schema: u32,
    /// The subcommand (`sync`, `list`, …; `wparup` when the command line named none).
    pub command: &'a str,
    /// How the run ended.
    #[serde(flatten)]
    pub outcome: &'a Outcome,
    /// The transcript replayed, or null for a live run.
    pub replay: Option<String>,
    /// The transcript log this run wrote, or null.
    pub log: Option<String>,
    /// `--all`: every log written (today the run's one log).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logs: Option<Vec<String>>,
    /// What the run produced.
    #[serde(flatten)]
    pub payload: Payload<'a>,
}

/// The payload, by kind of run.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Payload<'a> {
    /// One WPAR.
    Wpar(&'a super::WparDetail),
    /// `--all`.
    All {
        /// One entry per WPAR, in order; WPARs not run say why in `skipped`.
        wpar_runs: Vec<super::WparRun<'a>>,
    },
    /// `list`.
    List {
        /// The WPARs, as lswpar describes them.
        wpars: &'a [crate::model::Wpar],
        /// Names asked for that do not exist.
        not_found: &'a [String],
    },
    /// `status`.
    Status(&'a super::StatusPayload),
    /// `parse`.
    Parse(&'a super::ParsePayload),
    /// `logs`.
    Logs(&'a super::LogsReport),
    /// `backups`.
    Backups(&'a super::BackupsReport),
    /// `replay --check`.
    Checks(&'a super::ChecksReport),
    /// An error before any report: nothing more.
    Nothing {},
}
