//! Typed reports and their two renderings: human text and one JSON document.

use std::path::PathBuf;

use serde::Serialize;

pub(crate) mod envelope;
pub(crate) mod errors;
pub(crate) mod outcome;
mod table;
mod text;

use crate::error::Error;
use crate::exit::Exit;
use crate::media::{MediaDir, Need};
use crate::model::Verdict;
use crate::model::{MissingFileset, Wpar, WparState};
use crate::parse::lswpar::LswparResult;
use crate::parse::op::OpResult;
use crate::render::print_json;
use envelope::{Envelope, ErrorInfo, Outcome, Payload, SCHEMA};

/// The result of any subcommand.
#[derive(Debug)]
pub enum Report {
    /// `list`.
    List(ListReport),
    /// One WPAR operation.
    Op(Box<OpReport>),
    /// `--all`.
    All(AllReport),
    /// `status`.
    Status(StatusReport),
    /// `parse`.
    Parse(ParseReport),
    /// `logs`.
    Logs(LogsReport),
    /// `backups`.
    Backups(BackupsReport),
    /// `replay --check`.
    Checks(ChecksReport),
}

/// `replay --check`: every log replayed and its outcome compared with the one it recorded.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ChecksReport {
    /// One row per log, in the order given (a directory's logs sorted by path).
    pub checks: Vec<CheckRow>,
    /// The JUnit XML report written (`--junit FILE`), if any.
    pub junit: Option<String>,
    /// Logs whose recorded outcome `--accept` rewrote.
    pub accepted: usize,
    /// The exit class (in JSON: the envelope's `exit_code` and `exit_name`).
    #[serde(skip)]
    pub exit: Exit,
}

/// One log of `replay --check`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CheckRow {
    /// The log, as found.
    pub log: String,
    /// `same`, `changed`, `unrecorded` (the log has no recorded outcome: written by an older
    /// wparup, or cut) or `failed` (it could not be replayed).
    pub result: CheckResult,
    /// The first difference in words, or why it could not be replayed.
    pub difference: Option<String>,
    /// The outcome lines the log recorded (`#! outcome:`).
    pub recorded: Vec<String>,
    /// The outcome lines of today's replay.
    pub now: Vec<String>,
    /// How long the replay took, in seconds.
    pub seconds: f64,
}

/// What `replay --check` found for one log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckResult {
    /// The replay concludes what the run concluded.
    Same,
    /// It concludes something else.
    Changed,
    /// The log records no outcome to compare with.
    Unrecorded,
    /// The log could not be replayed.
    Failed,
}

/// `backups`: the images wparup made in a directory, newest first.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BackupsReport {
    /// The backup directory read.
    pub dir: String,
    /// The images found (of one WPAR when asked), newest first.
    pub entries: Vec<crate::model::BackupImage>,
}

/// `logs`: the log directory's files, newest first.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LogsReport {
    /// The log directory, as resolved (`--log-dir`, `WPARUP_LOG_DIR` or the default).
    pub log_dir: String,
    /// The logs (of one WPAR when asked).
    pub entries: Vec<crate::logs::LogEntry>,
    /// What `--prune` deleted.
    pub pruned: Vec<String>,
}

impl Report {
    /// The exit code.
    pub fn exit(&self) -> Exit {
        match self {
            Report::List(r) => r.exit,
            Report::Op(r) => r.exit,
            Report::All(r) => r.exit,
            Report::Status(r) => r.exit,
            Report::Parse(r) => r.exit,
            Report::Logs(_) | Report::Backups(_) => Exit::Ok,
            Report::Checks(r) => r.exit,
        }
    }

    /// The subcommand's name.
    pub fn command(&self) -> &str {
        match self {
            Report::List(_) => "list",
            Report::Op(r) => &r.command,
            Report::All(r) => &r.command,
            Report::Status(_) => "status",
            Report::Parse(_) => "parse",
            Report::Logs(_) => "logs",
            Report::Backups(_) => "backups",
            Report::Checks(_) => "replay",
        }
    }

    /// Forgets the log path (no step ran, so no log was written).
    pub fn clear_log(&mut self) {
        match self {
            Report::Op(r) => r.log = None,
            Report::All(r) => {
                r.log = None;
                for x in &mut r.results {
                    x.log = None;
                }
            }
            _ => {}
        }
    }

    /// Prints the one JSON document of the run.
    pub fn print_json(&self, run: &RunInfo) -> std::io::Result<()> {
        let mut outcome = match self {
            Report::Op(r) => r.outcome(),
            Report::All(r) => r.outcome(),
            Report::List(r) => not_found_outcome(r.exit, &r.result.not_found),
            Report::Status(r) => not_found_outcome(r.exit, &r.not_found),
            other => Outcome::of(other.exit()),
        };
        outcome.warnings.extend(run.warnings.iter().cloned());
        let payload = match self {
            Report::List(r) => Payload::List {
                wpars: &r.result.wpars,
                not_found: &r.result.not_found,
            },
            Report::Op(r) => Payload::Wpar(r),
            Report::All(r) => Payload::All {
                wpar_runs: r
                    .results
                    .iter()
                    .map(|d| WparRun {
                        outcome: d.outcome(),
                        detail: d,
                    })
                    .collect(),
            },
            Report::Status(r) => Payload::Status(r),
            Report::Parse(r) => Payload::Parse(r),
            Report::Logs(r) => Payload::Logs(r),
            Report::Backups(r) => Payload::Backups(r),
            Report::Checks(r) => Payload::Checks(r),
        };
        print_json(&Envelope {
            schema: SCHEMA,
            command: self.command(),
            outcome: &outcome,
            replay: run.replay.clone(),
            log: run.log.clone(),
            logs: matches!(self, Report::All(_)).then(|| run.log.iter().cloned().collect()),
            payload,
        })
    }
}

/// Facts about the run that every document carries.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    /// The transcript replayed (`--replay`), if any.
    pub replay: Option<String>,
    /// The log written, if any.
    pub log: Option<String>,
    /// A mutating AIX command ran before the run ended in an error.
    pub changed: bool,
    /// The subcommand that ran, when it differs from the command line's (`replay`).
    pub command: Option<&'static str>,
    /// Warnings about the run itself (an incomplete log), added to the document's.
    pub warnings: Vec<String>,
    /// Print the outcome lines instead of the document (`replay --check` reads a replay so).
    pub print_outcome: bool,
}

/// One entry of `wpar_runs`: the WPAR's own outcome, then its details.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct WparRun<'a> {
    /// How this WPAR's run ended.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// What happened to it.
    #[serde(flatten)]
    pub detail: &'a WparDetail,
}

/// The details of one WPAR's run (the envelope or the `wpar_runs` entry holds its outcome).
pub type WparDetail = OpReport;

/// What `upgrade` decided, as fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DecisionInfo {
    /// `up-to-date`, `needs-sync`, `needs-migrate`, `versioned`, `unknown`.
    pub verdict: Verdict,
    /// Why, in words, when the verdict needs one.
    pub reason: Option<String>,
}

impl std::fmt::Display for DecisionInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.reason {
            Some(r) => write!(f, "{}: {r}", self.verdict.word()),
            None => f.write_str(self.verdict.word()),
        }
    }
}

/// What a media check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MediaCheck {
    /// What the media directory holds (`wparup-scan-media DIR`).
    pub media: MediaDir,
    /// Was a prediction possible (the WPAR's levels readable)?
    pub predicted: bool,
    /// Why no prediction was made, when none was.
    pub reason: Option<String>,
    /// Filesets older in the WPAR than in the global environment.
    pub needed: usize,
    /// Filesets syncwpar would report as missing (0960-582).
    pub missing: Vec<Need>,
    /// Preflight: filesets left APPLIED (not committed) in the WPAR (IBM: commit them before
    /// updating).
    pub uncommitted: Vec<String>,
    /// Preflight: filesets an iFix locks in the WPAR (an EFIX lock blocks their update).
    pub efix_locked: Vec<String>,
    /// Preflight: the free-space forecast of the WPAR's `/usr` (private /usr, and media whose
    /// image files carry the fileset names), else null.
    pub space: Option<crate::model::SpaceForecast>,
}

impl MediaCheck {
    /// The directory was looked at, but no fileset prediction was made, for `reason`.
    pub fn unpredicted(media: MediaDir, reason: &str) -> MediaCheck {
        MediaCheck {
            media,
            predicted: false,
            reason: Some(reason.into()),
            needed: 0,
            missing: Vec::new(),
            uncommitted: Vec::new(),
            efix_locked: Vec::new(),
            space: None,
        }
    }
}

/// The report of one WPAR operation. Serialized, it is the payload of a one-WPAR envelope or
/// of a `wpar_runs` entry; its outcome fields (`ok`, `exit_code`, `changed`, `error`,
/// `warnings`) are written by [`OpReport::outcome`], in front of it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OpReport {
    /// The wparup subcommand.
    #[serde(skip)]
    pub command: String,
    /// The WPAR's name.
    pub wpar: String,
    /// Success?
    #[serde(skip)]
    pub ok: bool,
    /// A mutating AIX command ran.
    #[serde(skip)]
    pub changed: bool,
    /// The exit code.
    #[serde(skip)]
    pub exit_code: u8,
    /// Its stable name.
    #[serde(skip)]
    pub exit_name: &'static str,
    /// Not run, and why (`--all` after a failure or an interruption), or null.
    pub skipped: Option<String>,
    /// The state lswpar showed before anything ran.
    pub state_before: Option<WparState>,
    /// The state lswpar showed after the last command.
    pub state_after: Option<WparState>,
    /// The error, if any.
    #[serde(skip)]
    pub error: Option<ErrorInfo>,
    /// Private /usr (detached).
    pub private_usr: Option<bool>,
    /// Level before (`oslevel -s` in the WPAR).
    pub level_before: Option<String>,
    /// The WPAR\'s `oslevel -s` after the operation, when it was read.
    pub level_after: Option<String>,
    /// upgrade: what was decided.
    pub decision: Option<DecisionInfo>,
    /// `verify`: what `lppchk -v` said inside the WPAR, else null.
    pub consistency: Option<crate::model::Consistency>,
    /// `verify`: the WPAR's iFixes against the global's (`emgr -l`), else null.
    pub ifixes: Option<crate::model::IfixCheck>,
    /// `verify` of an inconsistent WPAR: what `wparprnterr` printed (the errors the WPAR
    /// logged), as printed, else null.
    pub errors_logged: Option<Vec<String>>,
    /// The backup taken before the first change (`backup`, `--backup DIR`), else null.
    pub backup: Option<crate::model::BackupImage>,
    /// `restore`: the image the WPAR was (or, in a preview, would be) restored from.
    pub restored_from: Option<crate::model::BackupImage>,
    /// The AIX commands that ran, in order, shell-quoted.
    pub ran: Vec<String>,
    /// The AIX commands a preview would run (or upgrade planned), in order.
    pub plan: Vec<String>,
    /// The media check (missing filesets predicted before syncwpar).
    pub media: Option<MediaCheck>,
    /// Findings, in words.
    pub summary: Vec<String>,
    /// What to do next after a success (a failure's hints are in `error.hints`).
    pub next: Vec<crate::hints::Hint>,
    /// Warnings for the terminal (in JSON: the envelope\'s `warnings`).
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// How long the live run took, in seconds (null in a replay).
    pub duration_secs: Option<f64>,
    /// The parsed output of the main AIX command.
    pub result: Option<OpResult>,
    /// The transcript log of this run.
    #[serde(skip)]
    pub log: Option<String>,
    /// The exit class (in JSON: the envelope's `exit_code` and `exit_name`).
    #[serde(skip)]
    pub exit: Exit,
}

impl OpReport {
    /// An empty successful report.
    pub fn new(command: &str, wpar: &str, log: Option<&PathBuf>) -> Self {
        OpReport {
            command: command.to_string(),
            wpar: wpar.to_string(),
            ok: true,
            changed: false,
            exit_code: 0,
            exit_name: Exit::Ok.name(),
            state_before: None,
            state_after: None,
            error: None,
            duration_secs: None,
            result: None,
            log: log.map(|p| p.display().to_string()),
            private_usr: None,
            ran: Vec::new(),
            summary: Vec::new(),
            next: Vec::new(),
            warnings: Vec::new(),
            media: None,
            decision: None,
            backup: None,
            ifixes: None,
            errors_logged: None,
            restored_from: None,
            consistency: None,
            plan: Vec::new(),
            level_before: None,
            level_after: None,
            skipped: None,
            exit: Exit::Ok,
        }
    }

    /// Records the WPAR as read before acting.
    pub fn before(&mut self, w: &Wpar) {
        self.state_before = Some(w.state.clone());
        self.private_usr = w.private_usr;
    }

    /// Marks the report failed with `e`.
    pub fn failed(mut self, e: &Error) -> Self {
        self.set_exit(e.exit());
        self.error = Some(ErrorInfo::from_error(e));
        self
    }

    /// Its outcome, for the envelope or a `wpar_runs` entry.
    pub fn outcome(&self) -> Outcome {
        let mut o = Outcome::of(self.exit);
        o.changed = self.changed;
        o.error = self.error.clone();
        o.warnings = self.warnings.clone();
        o
    }

    /// Sets the exit class.
    pub fn set_exit(&mut self, exit: Exit) {
        self.exit = exit;
        self.exit_code = exit.code();
        self.exit_name = exit.name();
        self.ok = exit.is_ok();
    }
}

/// `--all`: one report per WPAR and the worst exit code.
#[derive(Debug, Clone)]
pub struct AllReport {
    /// The subcommand, as typed (`sync`, `check-media`).
    pub command: String,
    /// One entry per WPAR, in lswpar\'s order.
    pub results: Vec<OpReport>,
    /// The transcript log.
    pub log: Option<String>,
    /// The worst class.
    pub exit: Exit,
    /// The worst exit code.
    pub exit_code: u8,
    /// Its name in `exit_name` (`media_incomplete`).
    pub exit_name: &'static str,
}

impl AllReport {
    /// Merges per-WPAR reports.
    pub fn new(command: &str, results: Vec<OpReport>, log: Option<&PathBuf>) -> Self {
        let exit = results.iter().fold(Exit::Ok, |acc, r| acc.worst(r.exit));
        AllReport {
            command: command.to_string(),
            results,
            log: log.map(|p| p.display().to_string()),
            exit,
            exit_code: exit.code(),
            exit_name: exit.name(),
        }
    }

    /// The run's outcome: the worst class, changed if any WPAR changed, every warning.
    pub fn outcome(&self) -> Outcome {
        let mut o = Outcome::of(self.exit);
        o.changed = self.results.iter().any(|r| r.changed);
        o.warnings = self
            .results
            .iter()
            .flat_map(|r| r.warnings.iter().map(move |w| format!("{}: {w}", r.wpar)))
            .collect();
        if !self.exit.is_ok() {
            let failed: Vec<&str> = self
                .results
                .iter()
                .filter(|r| !r.ok && r.skipped.is_none())
                .map(|r| r.wpar.as_str())
                .collect();
            o.error = Some(ErrorInfo {
                kind: self.exit,
                message: format!(
                    "{} of {} WPAR(s) failed: {}",
                    failed.len(),
                    self.results.len(),
                    failed.join(", ")
                ),
                hints: vec![crate::hints::Hint::EachRunHasHints.to_string()],
                reason: None,
                holder_pid: None,
            });
        }
        o
    }
}

/// `list`.
#[derive(Debug, Clone)]
pub struct ListReport {
    /// The lswpar result (filtered).
    pub result: LswparResult,
    /// The class (3 when a named WPAR is missing).
    pub exit: Exit,
    /// `--names`: the text is the names alone, one per line.
    pub names_only: bool,
}

/// The outcome of `list`/`status`: when names were not found (exit 3), an error that names them,
/// as every failing run has one.
fn not_found_outcome(exit: Exit, not_found: &[String]) -> Outcome {
    let mut o = Outcome::of(exit);
    if exit == Exit::NotFound && !not_found.is_empty() {
        let names: Vec<String> = not_found.iter().map(|n| format!("`{n}`")).collect();
        o.error = Some(ErrorInfo {
            kind: exit,
            message: format!("no WPAR named {}", names.join(", ")),
            hints: vec![crate::hints::Hint::ListWpars.to_string()],
            reason: None,
            holder_pid: None,
        });
    }
    o
}

/// One row of `status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StatusRow {
    /// The WPAR's name.
    pub name: String,
    /// Its state, as lswpar shows it.
    pub state: WparState,
    /// Private /usr.
    pub private_usr: Option<bool>,
    /// The WPAR's `oslevel -s`, when readable.
    pub level: Option<String>,
    /// `up-to-date`, `needs-sync`, `needs-migrate`, `versioned`, `unknown`.
    pub verdict: &'static str,
    /// Why (always for `unknown`).
    pub reason: Option<String>,
    /// Versioned-WPAR evidence.
    pub versioned: bool,
    /// The raw OS type.
    pub ostype: Option<String>,
    /// The release pair has no documented upgrade path.
    pub undocumented: bool,
    /// `--verify`: did `lppchk -v` find the software consistent (null: not checked)?
    pub consistent: Option<bool>,
}

/// `status`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StatusReport {
    /// `oslevel -s` of the global environment.
    pub global_level: String,
    /// One entry per WPAR, in lswpar\'s order.
    pub wpars: Vec<StatusRow>,
    /// Names asked for that do not exist.
    pub not_found: Vec<String>,
    /// The WPARs whose verdict is not `up-to-date` (what `status --check` gates on).
    pub needs_work: Vec<String>,
    /// `--verify`: the WPARs whose `lppchk -v` found problems (`status --check --verify` gates
    /// on them too: exit 17).
    pub inconsistent: Vec<String>,
    /// The exit class (in JSON: the envelope's `exit_code` and `exit_name`).
    #[serde(skip)]
    pub exit: Exit,
}

/// The `status` payload.
pub type StatusPayload = StatusReport;

/// The `parse` payload.
pub type ParsePayload = ParseReport;

/// What `parse` produced: lswpar's WPARs (`wpars`, …) or an operation's `result`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Parsed {
    /// lswpar.
    Lswpar(LswparResult),
    /// An operation.
    Op {
        /// The parsed output.
        result: Box<OpResult>,
    },
    /// A wparup log: one summary per step.
    Steps {
        /// The steps, in order.
        steps: Vec<StepSummary>,
    },
}

/// One AIX command of a wparup log, summed up.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StepSummary {
    /// Its `# …` line in the log.
    pub line: usize,
    /// The command line.
    pub command: String,
    /// How it ended (`exit status 1`, `killed by SIGTERM`, …).
    pub ended: String,
    /// Its class, for lswpar and the WPAR operations.
    pub outcome: Option<Exit>,
    /// In words: the cause, the WPARs found, or the first line of output.
    pub summary: String,
}

/// `parse`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ParseReport {
    /// Where it came from (a path, or `-` for stdin).
    pub source: String,
    /// An operation's root cause, as classified (the envelope's `exit_name` is its class).
    pub cause: Option<String>,
    /// What was parsed (flattened into the document).
    #[serde(flatten)]
    pub parsed: Parsed,
    /// The exit class (in JSON: the envelope's `exit_code` and `exit_name`).
    #[serde(skip)]
    pub exit: Exit,
}
