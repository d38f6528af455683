//! The table and list modes of the op parser: after a heading line (a 0960-582 message,
//! `Installation Summary`, `FILESET STATISTICS`, …) the lines that follow are that table's
//! rows until a blank line or a line of another shape. One method per mode.

use super::OpParser;
use super::landmarks::is_list_row;
use super::lines::{is_level_bytes, is_word_upper};
use super::result::FilesetAtLevel;
use crate::model::{EnvReturn, MissingFileset, SummaryRow};
use crate::parse::{contains, fields, is_rule, lossy, text, words};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ListKind {
    Applying,
    Committing,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Normal,
    /// After 0960-582: header, rule, rows.
    Missing {
        rows: bool,
    },
    /// After `inuwpar: Operation Summary:`.
    EnvSummary {
        rows: bool,
    },
    /// After `Installation Summary`.
    InstallSummary {
        rows: bool,
    },
    /// After `FILESET STATISTICS`.
    Stats,
    /// After `Fileset levels to be applied:`.
    ToApply {
        rows: bool,
    },
    /// After `installp: APPLYING software for:` and kin.
    List {
        kind: ListKind,
        rows: bool,
    },
    /// installp FAILURES `Missing Filesets` paragraph and names.
    InstallpMissing {
        rows: bool,
    },
    /// After `inuwpar: The operation will be attempted in these environments:`.
    EnvList,
    /// emgr's result table: `EPKG NUMBER  LABEL  OPERATION  RESULT`, a `===` rule, rows.
    Emgr {
        rows: bool,
    },
}

impl OpParser {
    /// Handles a line inside a table or list. Returns false to hand the line to `normal`.
    pub(super) fn in_mode(&mut self, t: &[u8]) -> bool {
        if t == b"..." {
            self.r.elided += 1;
            return true;
        }
        match self.mode {
            Mode::Normal => false,
            Mode::Missing { rows } => self.missing_row(t, rows),
            Mode::EnvSummary { rows } => self.env_summary_row(t, rows),
            Mode::InstallSummary { rows } => self.install_summary_row(t, rows),
            Mode::Stats => self.stats_row(t),
            Mode::ToApply { rows } => self.applied_level_row(t, rows),
            Mode::Emgr { rows } => self.emgr_row(t, rows),
            Mode::List { kind, rows } => self.list_row(t, kind, rows),
            Mode::InstallpMissing { rows } => self.installp_missing_row(t, rows),
            Mode::EnvList => self.env_list_row(t),
        }
    }

    /// A row of the 0960-582 table (fileset, WPAR level, global level).
    fn missing_row(&mut self, t: &[u8], rows: bool) -> bool {
        if t.is_empty() {
            if rows {
                self.mode = Mode::Normal;
            }
            return true;
        }
        if is_rule(t) || (contains(t, b"Fileset") && contains(t, b"Level")) {
            return true;
        }
        if let ([fileset, wpar, global], 3) = words(t)
            && is_level_bytes(wpar)
            && is_level_bytes(global)
        {
            self.r.missing_filesets.push(MissingFileset {
                fileset: lossy(fileset),
                wpar_level: Some(lossy(wpar)),
                global_level: Some(lossy(global)),
            });
            self.mode = Mode::Missing { rows: true };
            return true;
        }
        // "because the required software level …" continuation before the header.
        if !rows && self.cont.is_some() {
            return false;
        }
        self.mode = Mode::Normal;
        false
    }

    /// A row of `inuwpar: Operation Summary:` (environment, return code).
    fn env_summary_row(&mut self, t: &[u8], rows: bool) -> bool {
        if t.is_empty() {
            if rows {
                self.close_table();
            }
            return true;
        }
        if is_rule(t) || (t.starts_with(b"Environment") && contains(t, b"Return")) {
            return true;
        }
        let f = fields(t);
        if f.len() >= 2
            && let Some(rc) = f.last().and_then(|s| s.parse::<i64>().ok())
        {
            let name = f[..f.len() - 1].join(" ");
            let row = EnvReturn {
                name,
                return_code: rc,
            };
            self.table.push(row.clone());
            self.r.environments.push(row);
            self.mode = Mode::EnvSummary { rows: true };
            return true;
        }
        self.close_table();
        false
    }

    /// A row of installp's `Installation Summary`.
    fn install_summary_row(&mut self, t: &[u8], rows: bool) -> bool {
        if t.is_empty() {
            if rows {
                self.mode = Mode::Normal;
            }
            return true;
        }
        if is_rule(t) || (t.starts_with(b"Name") && contains(t, b"Result")) {
            return true;
        }
        let row = match words::<5>(t) {
            ([name, level, part, event, result], 5) => Some((name, level, part, event, result)),
            // installp cuts the Name column at 27 characters; a cut name can touch the level.
            ([name, part, event, result, _], 4) if name.len() >= 27 => {
                Some((name, &b""[..], part, event, result))
            }
            _ => None,
        };
        if let Some((name, level, part, event, result)) = row
            && is_word_upper(part)
            && is_word_upper(event)
        {
            self.r.installation_summary.push(SummaryRow {
                name: lossy(name),
                level: lossy(level),
                part: word(part),
                event: word(event),
                result: word(result),
            });
            self.mode = Mode::InstallSummary { rows: true };
            return true;
        }
        self.mode = Mode::Normal;
        false
    }

    /// A line of installp's `FILESET STATISTICS`.
    fn stats_row(&mut self, t: &[u8]) -> bool {
        if t.is_empty() || is_rule(t) {
            return true;
        }
        let f = fields(t);
        let Some(num) = f.first().and_then(|s| s.parse::<u64>().ok()) else {
            self.mode = Mode::Normal;
            return false;
        };
        let rest = f.get(1..).map(|r| r.join(" ")).unwrap_or_default();
        if rest.starts_with("Selected to be") {
            self.stats.selected = Some(num);
        } else if rest.starts_with("Passed pre-") {
            self.stats.passed = Some(num);
        } else if rest.starts_with("FAILED pre-") {
            self.stats.failed = Some(num);
        } else if rest.starts_with("Total to be") {
            self.stats.total = Some(num);
            self.r.fileset_statistics = Some(self.stats.clone());
            self.mode = Mode::Normal;
        }
        true
    }

    /// A row of `Fileset levels to be applied:` (a preview).
    fn applied_level_row(&mut self, t: &[u8], rows: bool) -> bool {
        if let ([fileset, level], 2) = words(t)
            && is_level_bytes(level)
        {
            self.r.to_apply.push(FilesetAtLevel {
                fileset: lossy(fileset),
                level: lossy(level),
            });
            self.mode = Mode::ToApply { rows: true };
            return true;
        }
        if t.is_empty() && !rows {
            return true;
        }
        self.mode = Mode::Normal;
        t.is_empty()
    }

    /// A row of emgr's result table.
    fn emgr_row(&mut self, t: &[u8], rows: bool) -> bool {
        if t.is_empty() {
            if rows {
                self.mode = Mode::Normal;
            }
            return true;
        }
        if is_rule(t) {
            return true;
        }
        // `1                 102m_ifix           INSTALL                SUCCESS`
        let mut it = t
            .split(|b| b.is_ascii_whitespace())
            .filter(|s| !s.is_empty());
        let (Some(num), Some(_), Some(_), Some(result), None) =
            (it.next(), it.next(), it.next(), it.next(), it.next())
        else {
            self.mode = Mode::Normal;
            return false;
        };
        if !num.iter().all(u8::is_ascii_digit) {
            self.mode = Mode::Normal;
            return false;
        }
        if result != b"SUCCESS" {
            self.r.install_errors.push(text(t));
        }
        self.mode = Mode::Emgr { rows: true };
        true
    }

    /// A row of installp's fileset lists (`APPLYING software for:` and kin).
    fn list_row(&mut self, t: &[u8], kind: ListKind, rows: bool) -> bool {
        if t.is_empty() {
            if rows {
                self.mode = Mode::Normal;
            }
            return true;
        }
        // "        chef 12.0.0.1" (TAB or spaces, level last)
        if !is_list_row(t) {
            self.mode = Mode::Normal;
            return false;
        }
        self.list_row_seen(kind);
        true
    }

    /// A fileset row of a list of `kind`: counted, and the list has rows.
    pub(super) fn list_row_seen(&mut self, kind: ListKind) {
        match kind {
            ListKind::Applying => self.r.applying += 1,
            ListKind::Committing => self.r.committing += 1,
            ListKind::Other => {}
        }
        self.mode = Mode::List { kind, rows: true };
    }

    /// A name of installp's FAILURES `Missing Filesets` paragraph.
    fn installp_missing_row(&mut self, t: &[u8], rows: bool) -> bool {
        if t.is_empty() {
            if rows {
                self.mode = Mode::Normal;
            }
            return true;
        }
        let f = fields(t);
        if f.len() == 1 && !is_rule(t) && f[0].contains('.') {
            self.r.missing_filesets.push(MissingFileset {
                fileset: f.into_iter().next().unwrap_or_default(),
                wpar_level: None,
                global_level: None,
            });
            self.mode = Mode::InstallpMissing { rows: true };
            return true;
        }
        if !rows {
            // The explanatory paragraph and its underline.
            return true;
        }
        self.mode = Mode::Normal;
        false
    }

    /// A name under `The operation will be attempted in these environments:`.
    fn env_list_row(&mut self, t: &[u8]) -> bool {
        let f = fields(t);
        if f.len() == 1 && !t.starts_with(b"inuwpar:") {
            return true;
        }
        self.mode = Mode::Normal;
        t.is_empty()
    }
}

/// A summary row's part, event or result: one of installp's usual words without an
/// allocation, else the text as printed.
fn word(b: &[u8]) -> crate::model::Word {
    const USUAL: [&str; 13] = [
        "USR",
        "ROOT",
        "SHARE",
        "APPLY",
        "COMMIT",
        "REJECT",
        "DEINSTALL",
        "CLEANUP",
        "SUCCESS",
        "FAILED",
        "CANCELLED",
        "ALREADY_INSTALLED",
        "REMOVE",
    ];
    match USUAL.iter().find(|w| w.as_bytes() == b) {
        Some(w) => std::borrow::Cow::Borrowed(w),
        None => std::borrow::Cow::Owned(lossy(b)),
    }
}
