//! The human text of every report: one `human()` per report type, and the tables they
//! share. What the terminal does with the text (wrapping, escaping, progress) is
//! [`crate::render`]'s.

use std::fmt::Write as _;

use super::table::Table;
use super::*;

impl LogsReport {
    pub(super) fn human(&self) -> String {
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

impl BackupsReport {
    pub(super) fn human(&self) -> String {
        if self.entries.is_empty() {
            return format!("no wparup backup images in {}\n", self.dir);
        }
        let mut t = Table::new(0, &["TAKEN", "WPAR", "LEVEL", "BYTES", "IMAGE"]);
        for b in &self.entries {
            t.row(vec![
                b.taken.clone(),
                b.wpar.clone(),
                b.level.clone().unwrap_or_else(|| "-".into()),
                b.size_bytes.map_or_else(|| "-".into(), |n| n.to_string()),
                b.image.clone(),
            ]);
        }
        t.render(crate::render::out_width())
    }
}

impl Report {
    /// Human text for stdout.
    pub fn human(&self) -> String {
        match self {
            Report::List(r) => r.human(),
            Report::Op(r) => r.human(),
            Report::All(r) => r.human(),
            Report::Status(r) => r.human(),
            Report::Parse(r) => r.human(),
            Report::Logs(r) => r.human(),
            Report::Backups(r) => r.human(),
            Report::Checks(r) => r.human(),
        }
    }
}

impl OpReport {
    pub(super) fn human(&self) -> String {
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

impl AllReport {
    pub(super) fn human(&self) -> String {
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

impl ListReport {
    pub(super) fn human(&self) -> String {
        if self.names_only {
            let mut s = String::new();
            for w in &self.result.wpars {
                let _ = writeln!(s, "{}", w.name);
            }
            for n in &self.result.not_found {
                let _ = writeln!(s, "not found: {n}");
            }
            return s;
        }
        wpar_table(&self.result)
    }
}

impl StatusReport {
    pub(super) fn human(&self) -> String {
        let mut s = format!("global level: {}\n", self.global_level);
        if self.wpars.is_empty() && self.not_found.is_empty() {
            s.push_str("no WPARs on this system\n");
        } else if self.wpars.is_empty() {
        } else {
            let mut t = Table::new(0, &["NAME", "STATE", "USR", "LEVEL", "VERDICT", "REASON"]);
            for r in &self.wpars {
                t.row(vec![
                    r.name.clone(),
                    r.state.word().to_string(),
                    match r.private_usr {
                        Some(true) => "private",
                        Some(false) => "shared",
                        None => "-",
                    }
                    .to_string(),
                    r.level.clone().unwrap_or_else(|| "-".into()),
                    r.verdict.to_string(),
                    r.reason.clone().unwrap_or_default(),
                ]);
            }
            s.push_str(&t.render(crate::render::out_width()));
        }
        for n in &self.not_found {
            let _ = writeln!(s, "not found: {n}");
        }
        s
    }
}

impl ParseReport {
    pub(super) fn human(&self) -> String {
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
            Parsed::Op { result: r } => self.op_text(r, &mut s),
        }
        s
    }

    /// The text of one parsed operation: outcome, messages, tables, flags.
    fn op_text(&self, r: &OpResult, s: &mut String) {
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
    let mut t = Table::new(
        4,
        &["Fileset", "WPAR level", "Global level", "Best on media"],
    );
    for r in rows {
        t.row(vec![
            r.fileset.clone(),
            r.wpar_level.clone(),
            r.global_level.clone(),
            r.media_level.clone().unwrap_or_else(|| "-".into()),
        ]);
    }
    t.render(crate::render::out_width())
}

fn missing_table(rows: &[MissingFileset]) -> String {
    let mut t = Table::new(4, &["Fileset", "WPAR level", "Global level"]);
    for r in rows {
        t.row(vec![
            r.fileset.clone(),
            r.wpar_level.clone().unwrap_or_else(|| "-".into()),
            r.global_level.clone().unwrap_or_else(|| "-".into()),
        ]);
    }
    t.render(crate::render::out_width())
}

/// The `list` table (also used by `parse` for lswpar logs).
fn wpar_table(result: &LswparResult) -> String {
    let mut s = String::new();
    if result.wpars.is_empty() {
        s.push_str("no WPARs\n");
    } else {
        let mut t = Table::new(
            0,
            &[
                "NAME",
                "STATE",
                "TYPE",
                "USR",
                "ROOTVG",
                "VERSIONED",
                "DIRECTORY",
            ],
        );
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
            t.row(vec![
                w.name.clone(),
                state,
                w.wpar_type.word().to_string(),
                usr.to_string(),
                yn(w.rootvg).to_string(),
                versioned,
                w.directory.clone().unwrap_or_else(|| "-".into()),
            ]);
        }
        s.push_str(&t.render(crate::render::out_width()));
    }
    for n in &result.not_found {
        let _ = writeln!(s, "not found: {n}");
    }
    s
}

impl ChecksReport {
    pub(super) fn human(&self) -> String {
        let mut s = String::new();
        let mut count = [0usize; 4];
        for c in &self.checks {
            let (i, word) = match c.result {
                CheckResult::Same => (0, "same"),
                CheckResult::Changed => (1, "changed"),
                CheckResult::Unrecorded => (2, "unrecorded"),
                CheckResult::Failed => (3, "failed"),
            };
            count[i] += 1;
            let _ = write!(s, "{word:<11}{}", c.log);
            if let Some(d) = &c.difference {
                let _ = write!(s, ": {d}");
            }
            s.push('\n');
        }
        let _ = writeln!(
            s,
            "{} log(s): {} same, {} changed, {} without a recorded outcome, {} could not be replayed{}",
            self.checks.len(),
            count[0],
            count[1],
            count[2],
            count[3],
            if self.accepted > 0 {
                format!(
                    "; {} recorded outcome(s) rewritten (--accept)",
                    self.accepted
                )
            } else {
                String::new()
            }
        );
        if let Some(j) = &self.junit {
            let _ = writeln!(s, "junit: {j}");
        }
        s
    }
}
