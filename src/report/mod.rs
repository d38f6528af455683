//! Typed reports and their two renderings: human text and one JSON document.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

pub(crate) mod envelope;
pub(crate) mod errors;

use crate::error::Error;
use crate::exit::Exit;
use crate::media::{MediaDir, Need};
use crate::model::Verdict;
use crate::model::{MissingFileset, Wpar, WparState};
use crate::parse::lswpar::LswparResult;
use crate::parse::wparcmd::OpResult;
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
}

/// `logs`: the log directory's files, newest first.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LogsReport {
    /// The directory.
    pub log_dir: String,
    /// The logs (of one WPAR when asked).
    pub entries: Vec<crate::logs::LogEntry>,
    /// What `--prune` deleted.
    pub pruned: Vec<String>,
}

impl LogsReport {
    fn human(&self) -> String {
        let mut s = String::new();
        if self.entries.is_empty() {
            let _ = writeln!(s, "no logs in {}", self.log_dir);
        } else {
            let _ = writeln!(
                s,
                "{:<21} {:<8} {:<26} {:>10}  PATH",
                "STARTED", "COMMAND", "WPAR", "BYTES"
            );
            for e in &self.entries {
                let _ = writeln!(
                    s,
                    "{:<21} {:<8} {:<26} {:>10}  {}",
                    e.started, e.command, e.wpar, e.bytes, e.path
                );
            }
        }
        if !self.pruned.is_empty() {
            let _ = writeln!(s, "pruned {} older log(s)", self.pruned.len());
        }
        s
    }
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
            Report::Logs(_) => Exit::Ok,
        }
    }

    /// Human text for stdout.
    pub fn human(&self) -> String {
        match self {
            Report::List(r) => r.human(),
            Report::Op(r) => r.human(),
            Report::All(r) => r.human(),
            Report::Status(r) => r.human(),
            Report::Parse(r) => r.human(),
            Report::Logs(r) => r.human(),
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
    /// Why.
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
    /// The directory.
    pub media: MediaDir,
    /// Was a prediction possible (the WPAR's levels readable)?
    pub predicted: bool,
    /// Why not.
    pub reason: Option<String>,
    /// Filesets older in the WPAR than in the global environment.
    pub needed: usize,
    /// Filesets syncwpar would report as missing (0960-582).
    pub missing: Vec<Need>,
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
    /// The WPAR.
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
    /// State before.
    pub state_before: Option<WparState>,
    /// State after.
    pub state_after: Option<WparState>,
    /// The error, if any.
    #[serde(skip)]
    pub error: Option<ErrorInfo>,
    /// Private /usr (detached).
    pub private_usr: Option<bool>,
    /// Level before (`oslevel -s` in the WPAR).
    pub level_before: Option<String>,
    /// Level after.
    pub level_after: Option<String>,
    /// upgrade: what was decided.
    pub decision: Option<DecisionInfo>,
    /// The AIX commands that ran, in order, shell-quoted.
    pub ran: Vec<String>,
    /// The AIX commands a preview would run (or upgrade planned), in order.
    pub plan: Vec<String>,
    /// Media check.
    pub media: Option<MediaCheck>,
    /// Findings, in words.
    pub summary: Vec<String>,
    /// What to do next after a success (a failure's hints are in `error.hints`).
    pub next: Vec<crate::hints::Hint>,
    /// Warnings.
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// How long the live run took, in seconds (null in a replay).
    pub duration_secs: Option<f64>,
    /// The parsed output of the main AIX command.
    pub result: Option<OpResult>,
    /// The transcript log of this run.
    #[serde(skip)]
    pub log: Option<String>,
    /// The class.
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

    fn human(&self) -> String {
        let mut s = String::new();
        let head = if let Some(why) = &self.skipped {
            format!("skipped: {why}")
        } else if self.ok {
            let took = self
                .duration_secs
                .map(|d| format!(" in {}", human_duration(d)))
                .unwrap_or_default();
            if self.changed {
                format!("done{took}")
            } else {
                format!("ok, nothing changed{took}")
            }
        } else {
            format!("FAILED ({}, exit {})", self.exit_name, self.exit_code)
        };
        let _ = writeln!(s, "wparup {} {}: {head}", self.command, self.wpar);
        match (&self.state_before, &self.state_after) {
            (Some(b), Some(a)) => {
                let _ = writeln!(s, "  state: {b} -> {a}");
            }
            (Some(b), None) => {
                let _ = writeln!(s, "  state: {b}");
            }
            _ => {}
        }
        if let Some(d) = &self.decision {
            let _ = writeln!(s, "  decision: {d}");
        }
        match (&self.level_before, &self.level_after) {
            (Some(b), Some(a)) if a != b => {
                let _ = writeln!(s, "  level: {b} -> {a}");
            }
            (Some(b), _) => {
                let _ = writeln!(s, "  level: {b}");
            }
            (None, Some(a)) => {
                let _ = writeln!(s, "  level now: {a}");
            }
            _ => {}
        }
        if let Some(e) = &self.error {
            let _ = writeln!(s, "  error: {}", e.message);
        }
        for l in &self.summary {
            let _ = writeln!(s, "  {l}");
        }
        if let Some(m) = &self.media {
            if !m.missing.is_empty() {
                let _ = writeln!(
                    s,
                    "  missing from {} (syncwpar would stop with 0960-582):",
                    m.media.path.display()
                );
                s.push_str(&need_table(&m.missing));
            } else if m.predicted {
                let _ = writeln!(
                    s,
                    "  media check: {} fileset(s) to update, all present in {}",
                    m.needed,
                    m.media.path.display()
                );
            }
        }
        if let Some(r) = &self.result
            && !r.missing_filesets.is_empty()
        {
            let _ = writeln!(s, "  missing from the installation media (0960-582):");
            s.push_str(&missing_table(&r.missing_filesets));
        }
        if !self.plan.is_empty() {
            let _ = writeln!(s, "  plan:");
            for (i, p) in self.plan.iter().enumerate() {
                let _ = writeln!(s, "    {}. {p}", i + 1);
            }
        }
        for w in &self.warnings {
            let _ = writeln!(s, "  warning: {w}");
        }
        let next = self.next.iter().map(ToString::to_string);
        let hints = self.error.iter().flat_map(|e| e.hints.iter().cloned());
        for n in next.chain(hints) {
            let _ = writeln!(s, "  next: {n}");
        }
        if let Some(l) = &self.log {
            let _ = writeln!(s, "  log: {l}");
        }
        s
    }
}

/// `42 s`, `3 min 05 s`, `1 h 02 min`.
pub fn human_duration(secs: f64) -> String {
    let s = secs.round() as u64;
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min {:02} s", s / 60, s % 60),
        _ => format!("{} h {:02} min", s / 3600, (s % 3600) / 60),
    }
}

/// A table of predicted missing filesets.
pub fn need_table(rows: &[Need]) -> String {
    let mut s = format!(
        "    {:<32} {:<14} {:<14} {}\n",
        "Fileset", "WPAR level", "Global level", "Best on media"
    );
    for r in rows {
        let _ = writeln!(
            s,
            "    {:<32} {:<14} {:<14} {}",
            r.fileset,
            r.wpar_level,
            r.global_level,
            r.media_level.as_deref().unwrap_or("-")
        );
    }
    s
}

fn missing_table(rows: &[MissingFileset]) -> String {
    let mut s = format!(
        "    {:<32} {:<14} {}\n",
        "Fileset", "WPAR level", "Global level"
    );
    for r in rows {
        let _ = writeln!(
            s,
            "    {:<32} {:<14} {}",
            r.fileset,
            r.wpar_level.as_deref().unwrap_or("-"),
            r.global_level.as_deref().unwrap_or("-")
        );
    }
    s
}

/// `--all`: one report per WPAR and the worst exit code.
#[derive(Debug, Clone)]
pub struct AllReport {
    /// The subcommand.
    pub command: String,
    /// Per WPAR.
    pub results: Vec<OpReport>,
    /// The transcript log.
    pub log: Option<String>,
    /// The worst class.
    pub exit: Exit,
    /// The worst exit code.
    pub exit_code: u8,
    /// Its name.
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

    fn human(&self) -> String {
        let mut s = String::new();
        for r in &self.results {
            if r.skipped.is_none() {
                s.push_str(&r.human());
            }
        }
        let _ = writeln!(s, "\nwparup {} --all:", self.command);
        let _ = writeln!(s, "  {:<26} {:<22} {:>4}  state", "WPAR", "result", "exit");
        for r in &self.results {
            let result = if r.skipped.is_some() {
                "not run".to_string()
            } else if r.ok {
                if r.changed {
                    "done".into()
                } else {
                    "unchanged".into()
                }
            } else {
                r.exit_name.to_string()
            };
            let state = match (&r.state_before, &r.state_after) {
                (Some(b), Some(a)) => format!("{b} -> {a}"),
                (Some(b), None) => b.to_string(),
                _ => "-".into(),
            };
            let _ = writeln!(
                s,
                "  {:<26} {:<22} {:>4}  {state}",
                r.wpar, result, r.exit_code
            );
            if let Some(why) = &r.skipped {
                let why = why.strip_prefix("not run: ").unwrap_or(why);
                let _ = writeln!(s, "    ({why})");
            }
        }
        let _ = writeln!(s, "  overall: {} (exit {})", self.exit_name, self.exit_code);
        if let Some(l) = &self.log {
            let _ = writeln!(s, "  log: {l}");
        }
        s
    }
}

/// `list`.
#[derive(Debug, Clone)]
pub struct ListReport {
    /// The lswpar result (filtered).
    pub result: LswparResult,
    /// The class (3 when a named WPAR is missing).
    pub exit: Exit,
}

impl ListReport {
    fn human(&self) -> String {
        wpar_table(&self.result)
    }
}

/// One table row: the fixed columns, then the last (free-text) column on the same line when the
/// whole fits `width`, else on the next line, indented and wrapped.
fn fit_row(fixed: &str, last: &str, width: Option<usize>) -> String {
    let inline = format!("{fixed} {last}");
    match width {
        Some(w) if inline.trim_end().chars().count() > w && !last.is_empty() => format!(
            "{}\n{}",
            fixed.trim_end(),
            crate::render::wrap(&format!("    {last}"), w)
        ),
        _ => format!("{}\n", inline.trim_end()),
    }
}

/// The `list` table (also used by `parse` for lswpar logs).
fn wpar_table(result: &LswparResult) -> String {
    let mut s = String::new();
    if result.wpars.is_empty() {
        s.push_str("no WPARs\n");
    } else {
        let width = crate::render::out_width();
        let head = format!(
            "{:<25} {:<12} {:<11} {:<7} {:<6} {:<9}",
            "NAME", "STATE", "TYPE", "USR", "ROOTVG", "VERSIONED"
        );
        s.push_str(&fit_row(&head, "DIRECTORY", width));
        for w in &result.wpars {
            let yn = |b: Option<bool>| match b {
                Some(true) => "yes",
                Some(false) => "no",
                None => "-",
            };
            let state = match &w.state {
                WparState::Unknown(raw) if !raw.is_empty() => format!("unknown({raw})"),
                other => other.word().to_string(),
            };
            let versioned = match (&w.ostype, w.versioned) {
                (Some(o), true) => format!("yes ({o})"),
                (None, true) => "yes".to_string(),
                (Some(_), false) => "no".to_string(),
                (None, false) => "-".to_string(),
            };
            let usr = match w.private_usr {
                Some(true) => "private",
                Some(false) => "shared",
                None => "-",
            };
            let row = format!(
                "{:<25} {:<12} {:<11} {:<7} {:<6} {:<9}",
                w.name,
                state,
                w.wpar_type.word(),
                usr,
                yn(w.rootvg),
                versioned
            );
            s.push_str(&fit_row(&row, w.directory.as_deref().unwrap_or("-"), width));
        }
    }
    for n in &result.not_found {
        let _ = writeln!(s, "not found: {n}");
    }
    s
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
    /// WPAR.
    pub name: String,
    /// State.
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
}

/// `status`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StatusReport {
    /// `oslevel -s` of the global environment.
    pub global_level: String,
    /// Per WPAR.
    pub wpars: Vec<StatusRow>,
    /// Names asked for that do not exist.
    pub not_found: Vec<String>,
    /// The WPARs whose verdict is not `up-to-date` (what `status --check` gates on).
    pub needs_work: Vec<String>,
    /// The class.
    #[serde(skip)]
    pub exit: Exit,
}

/// The `status` payload.
pub type StatusPayload = StatusReport;

/// The `parse` payload.
pub type ParsePayload = ParseReport;

impl StatusReport {
    fn human(&self) -> String {
        let mut s = format!("global level: {}\n", self.global_level);
        if self.wpars.is_empty() {
            s.push_str("no WPARs on this system\n");
        } else {
            let width = crate::render::out_width();
            let head = format!(
                "{:<25} {:<12} {:<7} {:<15} {:<13}",
                "NAME", "STATE", "USR", "LEVEL", "VERDICT"
            );
            s.push_str(&fit_row(&head, "REASON", width));
            for r in &self.wpars {
                let row = format!(
                    "{:<25} {:<12} {:<7} {:<15} {:<13}",
                    r.name,
                    r.state.word(),
                    match r.private_usr {
                        Some(true) => "private",
                        Some(false) => "shared",
                        None => "-",
                    },
                    r.level.as_deref().unwrap_or("-"),
                    r.verdict,
                );
                s.push_str(&fit_row(&row, r.reason.as_deref().unwrap_or(""), width));
            }
        }
        for n in &self.not_found {
            let _ = writeln!(s, "not found: {n}");
        }
        s
    }
}

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
    /// The result.
    #[serde(flatten)]
    pub parsed: Parsed,
    /// The class.
    #[serde(skip)]
    pub exit: Exit,
}

impl ParseReport {
    fn human(&self) -> String {
        let mut s = String::new();
        match &self.parsed {
            Parsed::Lswpar(l) => {
                let _ = writeln!(s, "{}: lswpar, {} WPAR(s)", self.source, l.wpars.len());
                s.push_str(&wpar_table(l));
            }
            Parsed::Steps { steps } => {
                let _ = writeln!(
                    s,
                    "{}: wparup log, {} AIX command(s); outcome: {} (exit {})",
                    self.source,
                    steps.len(),
                    self.exit.name(),
                    self.exit.code()
                );
                for (i, st) in steps.iter().enumerate() {
                    let class = st
                        .outcome
                        .map(|e| format!("{}: ", e.name()))
                        .unwrap_or_default();
                    let _ = writeln!(
                        s,
                        "  {:>2}. `{}` ({}): {class}{}",
                        i + 1,
                        st.command,
                        st.ended,
                        st.summary
                    );
                }
            }
            Parsed::Op { result: r } => {
                let _ = writeln!(
                    s,
                    "{}: {} output, {} lines{}",
                    self.source,
                    r.command.name(),
                    r.lines,
                    if r.complete { "" } else { " (incomplete)" }
                );
                let _ = writeln!(
                    s,
                    "  outcome: {} (exit {}): {}",
                    self.exit.name(),
                    self.exit.code(),
                    self.cause.as_deref().unwrap_or("")
                );
                let _ = writeln!(
                    s,
                    "  status trailer: {}",
                    r.trailer.as_deref().unwrap_or("none")
                );
                for m in &r.messages {
                    let _ = writeln!(
                        s,
                        "  {}{} {}",
                        m.command
                            .as_deref()
                            .map(|c| format!("{c}: "))
                            .unwrap_or_default(),
                        m.id,
                        m.text
                    );
                }
                if !r.missing_filesets.is_empty() {
                    let _ = writeln!(s, "  missing filesets:");
                    s.push_str(&missing_table(&r.missing_filesets));
                }
                for sp in &r.space_shortfalls {
                    let _ = writeln!(
                        s,
                        "  space: {} needs {}",
                        sp.filesystem,
                        sp.megabytes()
                            .map(|m| format!("{m} MB more"))
                            .unwrap_or_else(|| "more space".into())
                    );
                }
                if let Some(st) = &r.fileset_statistics {
                    let n = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_else(|| "-".into());
                    let _ = writeln!(
                        s,
                        "  fileset statistics: selected {}, passed {}, failed {}, total {}",
                        n(st.selected),
                        n(st.passed),
                        n(st.failed),
                        n(st.total)
                    );
                }
                for e in &r.environments {
                    let _ = writeln!(s, "  environment {}: return code {}", e.name, e.return_code);
                }
                if !r.installation_summary.is_empty() {
                    let failed = r.failed_rows().count();
                    let _ = writeln!(
                        s,
                        "  installation summary: {} row(s), {failed} not SUCCESS",
                        r.installation_summary.len()
                    );
                }
                if r.reboot_required {
                    let _ = writeln!(s, "  reboot required");
                }
                if r.cycle_detected {
                    let _ = writeln!(s, "  cycle detected (0960-580)");
                }
                if !r.config_files_changed.is_empty() {
                    let _ = writeln!(
                        s,
                        "  configuration files changed: {} (see /var/adm/ras/config.diff)",
                        r.config_files_changed.join(", ")
                    );
                }
                for w in &r.synchronized {
                    let _ = writeln!(s, "  synchronized: {w}");
                }
                if r.unrecognized > 0 {
                    let _ = writeln!(
                        s,
                        "  {} line(s) not recognised (kept in the log)",
                        r.unrecognized
                    );
                }
            }
        }
        s
    }
}
