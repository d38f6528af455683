//! Parser for the output of `startwpar`, `stopwpar`, `rebootwpar`, `migwpar` and `syncwpar`.
//!
//! One grammar serves all five: they print the same `<command>: NNNN-NNN text` messages, and
//! migwpar/syncwpar embed `inuwpar` and `installp` output (FILESET STATISTICS, Installation
//! Summary, Operation Summary tables). The parser is a line-fed state machine, so the same code
//! reads a live stream and a captured log. Stdout and stderr lines are fed in arrival order.
//!
//! Recognised forms (sources: the relined seed, docs/seed-story.md; published output cited in
//! each fixture header and in docs/installp-output.md):
//!
//! ```text
//! startwpar: 0960-667 The operating system level within the workload partition is not supported.
//! syncwpar: 0960-582 The following filesets could not be synchronized
//! because the required software level was not found on the installation media:
//! Fileset Name WPAR Level Global Level
//! vac.C 11.1.0.2 11.1.0.7
//! 0503-008 installp: There is not enough free disk space in filesystem
//! /usr (930568 more 512-byte blocks are required).
//! syncwpar: 0960-580 Synchronization operation halted due to a cycle detected while processing syncwpar.
//! inuwpar: Operation Summary:        (then "Environment Return Code", a rule, "wp_name 255")
//! FILESET STATISTICS                 (then "291 Selected to be installed, of which:" …)
//! Installation Summary               (then "Name Level Part Event Result", rows)
//! Finished processing all filesets. (Total time: 1 mins 28 secs).
//! installp: * * * A T T E N T I O N ! ! !
//! Synchronizing workload partition wp_name (1 of 1).
//! Workload partition wp_name synchronized successfully.
//! Return Status = SUCCESS.           (also "syncroot: Returns Status = FAILURE")
//! Shared /usr WPAR list: none
//! ```
//!
//! Column spacing is never relied on (the seed lost it); tables are split on white space.
//!
//! This file is the state machine; [`result`] holds the typed result it fills and [`lines`]
//! the landmark lines it recognises.

mod lines;
mod result;

use lines::{is_level_bytes, is_word_upper, section, space_line, total_time};
pub use result::{FilesetAtLevel, OpResult, Progress, Section};

use super::{
    KEEP_UNRECOGNIZED, RawLine, contains, fields, is_rule, lossy, parse_message, text, words,
};
use crate::model::{
    BuildDateFailure, EnvReturn, FilesetStats, Message, MissingFileset, SpaceShortfall, SummaryRow,
    TrailerStatus,
};
use crate::program::Program;

/// How a line was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// By a rule: a message, a table row, a landmark, a continuation.
    Typed,
    /// Empty.
    Blank,
    /// `...`, an author's elision.
    Elided,
    /// By no rule (counted in `unrecognized`).
    Unrecognized,
}

/// The reboot banner's word, searched with one prebuilt searcher.
static ATTENTION: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"A T T E N T I O N"));

/// A decimal number of ASCII digits (as `u64::from_str`, leading `+` allowed).
fn ascii_u64(b: &[u8]) -> Option<u64> {
    let b = b.strip_prefix(b"+").unwrap_or(b);
    if b.is_empty() || b.len() > 19 {
        return None;
    }
    let mut v = 0u64;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v = v * 10 + u64::from(d);
    }
    Some(v)
}

/// `  N of M  (Total time: …)` after `Filesets processed:`: N and M are its first and third
/// words (the second is `of` or its translation); what follows is not looked at.
fn progress(rest: &[u8]) -> Option<Progress> {
    progress_as_printed(rest).or_else(|| progress_any(rest))
}

/// [`progress`] for the line as installp prints it (spaces, digits, a word, digits, a blank),
/// reading the numbers as it scans; `None` for any other shape, which [`progress_any`] reads.
fn progress_as_printed(rest: &[u8]) -> Option<Progress> {
    type Bytes<'a> = std::iter::Peekable<std::iter::Copied<std::slice::Iter<'a, u8>>>;
    let number = |it: &mut Bytes| {
        while it.next_if_eq(&b' ').is_some() {}
        let (mut v, mut digits) = (0u64, 0);
        while let Some(d) = it.next_if(u8::is_ascii_digit) {
            v = v.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
            digits += 1;
        }
        // 1 to 19 digits, then a blank or the end (else: another shape).
        let ends = it.peek().is_none_or(u8::is_ascii_whitespace);
        ((1..=19).contains(&digits) && ends).then_some(v)
    };
    let mut it = rest.iter().copied().peekable();
    let done = number(&mut it)?;
    while it.next_if(u8::is_ascii_whitespace).is_some() {}
    it.next_if(|b| !b.is_ascii_whitespace())?;
    while it.next_if(|b| !b.is_ascii_whitespace()).is_some() {}
    it.next_if(u8::is_ascii_whitespace)?;
    let total = number(&mut it)?;
    Some(Progress { done, total })
}

/// [`progress`] for any shape: the first and third whitespace-separated words, each a decimal
/// number as [`ascii_u64`] reads it.
fn progress_any(rest: &[u8]) -> Option<Progress> {
    let mut words = rest
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty());
    let done = ascii_u64(words.next()?)?;
    words.next()?;
    let total = ascii_u64(words.next()?)?;
    Some(Progress { done, total })
}

/// The fileset of `The build date requisite check failed for fileset bos.rte.install.`
fn builddate_fileset(text: &str) -> Option<String> {
    let (_, rest) = text.split_once("check failed for fileset ")?;
    let name = rest.split_whitespace().next()?.trim_end_matches('.');
    (!name.is_empty()).then(|| name.to_string())
}

/// `Installed fileset build date of 0816 is more recent than the selected fileset build date
/// of 0746.`: the two dates (YYWW).
fn builddates(t: &[u8]) -> Option<(String, String)> {
    let rest = t.strip_prefix(b"Installed fileset build date of ")?;
    let at = memchr::memmem::find(rest, b"selected fileset build date of ")?;
    let word = |b: &[u8]| {
        let w = b.split(u8::is_ascii_whitespace).find(|w| !w.is_empty())?;
        let w = w.strip_suffix(b".").unwrap_or(w);
        (!w.is_empty()).then(|| lossy(w))
    };
    Some((word(rest)?, word(rest.get(at + 31..)?)?))
}

/// Ids after which the command has said its last word.
const TERMINAL_IDS: &[&str] = &["0960-667", "0960-264", "0960-580", "0960-419", "0960-254"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Applying,
    Committing,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
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

/// installp's line before each fileset it applies, as it prints it.
const APPLYING: &[u8] = b"installp:  APPLYING software for:";

/// Is `t` (trimmed) an installp fileset list row `name level`: exactly two words, the second a
/// level?
fn is_list_row(t: &[u8]) -> bool {
    let Some(gap) = t.iter().rposition(u8::is_ascii_whitespace) else {
        return false;
    };
    let name = t.get(..gap).unwrap_or_default().trim_ascii_end();
    // One comparison per byte (vectorised) rules white space out; only a control byte asks more.
    let one_word = !name.is_empty()
        && (!name.iter().fold(false, |low, b| low | (*b <= b' '))
            || !name.iter().any(u8::is_ascii_whitespace));
    one_word && is_level_bytes(t.get(gap + 1..).unwrap_or_default())
}

/// installp's copyright banner markers (its message catalog: INP_BEGIN_COPYRIGHT_D and
/// INP_END_COPYRIGHT_D; see docs/installp-output.md).
const COPYRIGHT_BEGIN: &[u8] = b". . . . . << Copyright notice for ";
const COPYRIGHT_END: &[u8] = b". . . . . << End of copyright notice";
/// A real banner body is about ten lines; past this many the end marker is taken as lost.
const COPYRIGHT_MAX_LINES: u8 = 40;

/// The line-fed parser. `OpParser::new(cmd)`, `push_line` for each line, then `finish`.
#[derive(Debug, Clone)]
pub struct OpParser {
    r: OpResult,
    mode: Mode,
    /// Index of the message whose text may continue on the next line, and lines joined so far.
    cont: Option<(usize, u8)>,
    /// A space message is waiting for its `<fs> (N more 512-byte blocks are required).` line.
    space_pending: u8,
    stats: FilesetStats,
    table: Vec<EnvReturn>,
    /// `Workload partition NAME created successfully.` seen.
    created: bool,
    /// Inside installp's per-fileset copyright banner (`. . . . . << Copyright notice for X >>`
    /// to `. . . . . << End of copyright notice for X >>. . . .`): body lines read so far. Every
    /// line still goes the normal way first; only a line nothing else recognises is credited to
    /// the banner, so a message, a trailer or the next fileset is never hidden in it, and a
    /// banner whose end marker was lost stops after `COPYRIGHT_MAX_LINES`.
    banner: Option<u8>,
    /// Banner bodies read before, to take again in one comparison (see [`OpParser::push_lines`]).
    memos: Vec<BannerMemo>,
}

/// The body of a copyright banner (the lines after its `. . . . . << Copyright notice for X >>`
/// line, through its end marker) that was read line by line once, and what reading it did.
/// installp prints the same few bodies once per fileset, a third of a syncwpar log.
#[derive(Debug, Clone)]
struct BannerMemo {
    body: Vec<u8>,
    lines: u64,
    bytes: u64,
    typed: u64,
    blank: u64,
    non_utf8_lines: u64,
}

/// How many banner bodies are remembered (one per software vendor notice in a run; IBM's
/// differ by product), and the longest body remembered.
const MEMOS: usize = 8;
const MEMO_BYTES: usize = 4096;

impl OpParser {
    /// A parser for the output of `cmd`.
    pub fn new(cmd: Program) -> Self {
        OpParser {
            r: OpResult::new(cmd),
            mode: Mode::Normal,
            cont: None,
            space_pending: 0,
            stats: FilesetStats::default(),
            table: Vec::new(),
            created: false,
            banner: None,
            memos: Vec::new(),
        }
    }

    /// What has been parsed so far (for a live progress line).
    pub fn current(&self) -> &OpResult {
        &self.r
    }

    /// Feeds one line (without its newline).
    #[inline]
    pub fn push_line(&mut self, line: &[u8]) {
        if line.is_empty() && self.mode == Mode::Normal {
            // What `normal` does with an empty line, without the call: a third of an installp
            // log is empty lines.
            self.r.lines += 1;
            self.r.bytes += 1;
            self.r.blank += 1;
            self.cont = None;
            if self.r.lines.is_multiple_of(64) {
                self.cap();
            }
            return;
        }
        self.push_other(line);
    }

    /// [`OpParser::push_line`] for all but an empty line outside any table.
    fn push_other(&mut self, line: &[u8]) {
        self.r.lines += 1;
        self.r.bytes += line.len() as u64 + 1;
        if !line.is_ascii() && std::str::from_utf8(line).is_err() {
            self.r.non_utf8_lines += 1;
        }
        let n = self.r.lines as usize;
        let t = line.trim_ascii();
        let kind = if self.mode != Mode::Normal && self.in_mode(t) {
            if t.is_empty() {
                Kind::Blank
            } else if t == b"..." {
                Kind::Elided
            } else {
                Kind::Typed
            }
        } else {
            self.normal(t, n)
        };
        // `unrecognized` and `elided` are counted where the line is judged; typed and blank
        // lines here: every line lands in exactly one (tested on every fixture).
        match kind {
            Kind::Typed => self.r.typed += 1,
            Kind::Blank => self.r.blank += 1,
            Kind::Elided | Kind::Unrecognized => {}
        }
        // Every 64 lines: a list may overshoot its cap by 64 lines' records at most before
        // being trimmed (and `finish` trims once more).
        if self.r.lines.is_multiple_of(64) {
            self.cap();
        }
    }

    /// Feeds a run of lines: every `\n`-terminated line, then what follows the last `\n`, if
    /// anything, as one more line. The result is the one [`OpParser::push_line`] on every line
    /// gives (a test compares them on every fixture and on mutated input); this is the fast
    /// way, for a log read in chunks.
    ///
    /// What it does beyond splitting: after a copyright banner's first line, a body it has read
    /// before (byte for byte, from the same state) is taken in one comparison. Only a body whose
    /// every line was blank or credited to the banner, ending with the banner's end marker, is
    /// remembered, so taking it again changes nothing but the line, byte, typed, blank and
    /// non-UTF-8 counts (no message, table row or landmark can be inside it).
    pub fn push_lines(&mut self, run: &[u8]) {
        let mut rest = run;
        while !rest.is_empty() {
            let (line, next) = super::split_line(rest);
            self.push_line(line);
            rest = next;
            if self.banner == Some(0) && self.quiet() {
                let read = self.banner_body(rest);
                rest = rest.get(read..).unwrap_or_default();
            }
        }
    }

    /// No table, continuation or pending space figure: the only state in which a banner body
    /// is remembered or taken again.
    fn quiet(&self) -> bool {
        self.mode == Mode::Normal && self.cont.is_none() && self.space_pending == 0
    }

    /// Reads a banner body from `ahead` (state: just after the banner's first line).
    fn banner_body(&mut self, ahead: &[u8]) -> usize {
        if let Some(m) = self.memos.iter().find(|m| ahead.starts_with(&m.body)) {
            let r = &mut self.r;
            let before = r.lines;
            r.lines += m.lines;
            r.bytes += m.bytes;
            r.typed += m.typed;
            r.blank += m.blank;
            r.non_utf8_lines += m.non_utf8_lines;
            let read = m.body.len();
            self.banner = None;
            if before / 64 != self.r.lines / 64 {
                self.cap();
            }
            return read;
        }
        // Read it line by line (the ordinary way), watching that every line is blank or
        // credited to the banner, up to its end marker.
        let r = &self.r;
        let start = (r.lines, r.bytes, r.typed, r.blank, r.non_utf8_lines);
        let mut at = 0;
        while let Some(rel) = ahead.get(at..).and_then(|a| memchr::memchr(b'\n', a)) {
            let line = super::strip_cr(ahead.get(at..at + rel).unwrap_or_default());
            let before = self.banner;
            self.push_line(line);
            at += rel + 1;
            let quiet = self.quiet();
            match (before, self.banner) {
                (Some(a), Some(b)) if quiet && b == a + 1 => {}
                (Some(a), Some(b)) if quiet && a == b && line.trim_ascii().is_empty() => {}
                (Some(_), None)
                    if quiet
                        && line.trim_ascii().starts_with(COPYRIGHT_END)
                        && at <= MEMO_BYTES =>
                {
                    let r = &self.r;
                    if self.memos.len() == MEMOS {
                        self.memos.remove(0);
                    }
                    self.memos.push(BannerMemo {
                        body: ahead.get(..at).unwrap_or_default().to_vec(),
                        lines: r.lines - start.0,
                        bytes: r.bytes - start.1,
                        typed: r.typed - start.2,
                        blank: r.blank - start.3,
                        non_utf8_lines: r.non_utf8_lines - start.4,
                    });
                    return at;
                }
                _ => return at,
            }
        }
        at
    }

    /// Keeps every list within its cap (one line adds at most one record to each).
    fn cap(&mut self) {
        use crate::parse::{MAX_KEPT, cap};
        const SMALL: usize = 1_000;
        let r = &mut self.r;
        let d = &mut r.dropped;
        cap(&mut r.messages, 10_000, d);
        cap(&mut r.missing_filesets, MAX_KEPT, d);
        cap(&mut r.space_shortfalls, SMALL, d);
        cap(&mut r.builddate_failures, SMALL, d);
        cap(&mut r.environments, 10_000, d);
        cap(&mut r.operation_summaries, SMALL, d);
        cap(&mut r.installation_summary, MAX_KEPT, d);
        cap(&mut r.synchronized, 10_000, d);
        cap(&mut r.sections, 10_000, d);
        cap(&mut r.to_apply, MAX_KEPT, d);
        cap(&mut r.install_errors, SMALL, d);
        cap(&mut r.media_errors, SMALL, d);
        cap(&mut r.config_files_changed, SMALL, d);
    }

    /// Ends the stream. `exited` says whether the caller knows how the command ended (a live run
    /// or a transcript with an exit status), which makes the result complete.
    pub fn finish(mut self, exited: bool) -> OpResult {
        self.close_table();
        self.cap();
        self.r.status = self.overall_status();
        if self.stats != FilesetStats::default() {
            self.r.fileset_statistics = Some(self.stats.clone());
        }
        let terminal = self
            .r
            .messages
            .iter()
            .any(|m| TERMINAL_IDS.contains(&m.id.as_str()));
        self.r.complete =
            exited || self.r.trailer.is_some() || !self.r.synchronized.is_empty() || terminal;
        self.r
    }

    /// Batch form.
    pub fn parse(cmd: Program, out: &[u8], exited: bool) -> OpResult {
        let mut p = OpParser::new(cmd);
        p.push_lines(out);
        p.finish(exited)
    }

    fn close_table(&mut self) {
        if matches!(self.mode, Mode::EnvSummary { .. }) {
            let t = std::mem::take(&mut self.table);
            self.r.operation_summaries.push(t);
        }
        self.mode = Mode::Normal;
    }

    fn unrecognized(&mut self, t: &[u8], n: usize) {
        self.r.unrecognized += 1;
        if self.r.unrecognized_sample.len() < KEEP_UNRECOGNIZED {
            self.r.unrecognized_sample.push(RawLine::new(n, t));
        }
    }

    /// Handles a line inside a table or list. Returns false to hand the line to `normal`.
    fn in_mode(&mut self, t: &[u8]) -> bool {
        if t == b"..." {
            self.r.elided += 1;
            return true;
        }
        match self.mode {
            Mode::Normal => false,
            Mode::Missing { rows } => {
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
            Mode::EnvSummary { rows } => {
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
            Mode::InstallSummary { rows } => {
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
                    ([name, level, part, event, result], 5) => {
                        Some((name, level, part, event, result))
                    }
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
                        part: lossy(part),
                        event: lossy(event),
                        result: lossy(result),
                    });
                    self.mode = Mode::InstallSummary { rows: true };
                    return true;
                }
                self.mode = Mode::Normal;
                false
            }
            Mode::Stats => {
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
            Mode::ToApply { rows } => {
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
            Mode::Emgr { rows } => {
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
            Mode::List { kind, rows } => {
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
                match kind {
                    ListKind::Applying => self.r.applying += 1,
                    ListKind::Committing => self.r.committing += 1,
                    ListKind::Other => {}
                }
                self.mode = Mode::List { kind, rows: true };
                true
            }
            Mode::InstallpMissing { rows } => {
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
            Mode::EnvList => {
                let f = fields(t);
                if f.len() == 1 && !t.starts_with(b"inuwpar:") {
                    return true;
                }
                self.mode = Mode::Normal;
                t.is_empty()
            }
        }
    }

    fn normal(&mut self, t: &[u8], n: usize) -> Kind {
        if t.is_empty() {
            self.cont = None;
            return Kind::Blank;
        }
        if t == APPLYING {
            // Once per fileset: what the general path below does with it (it holds no message
            // id and no space figure), without the search.
            self.space_pending = self.space_pending.saturating_sub(1);
            self.mode = Mode::List {
                kind: ListKind::Applying,
                rows: false,
            };
            self.cont = None;
            self.banner = None;
            return Kind::Typed;
        }
        if t == b"..." {
            self.r.elided += 1;
            return Kind::Elided;
        }
        if t.first() == Some(&b'.') {
            if t.starts_with(COPYRIGHT_BEGIN) {
                self.banner = Some(0);
                self.cont = None;
                return Kind::Typed;
            }
            if t.starts_with(COPYRIGHT_END) {
                // (also the end of a banner whose start was cut off)
                self.banner = None;
                self.cont = None;
                return Kind::Typed;
            }
        }
        if let Some(m) = parse_message(t, n) {
            self.banner = None;
            self.on_message(m, t);
            return Kind::Typed;
        }
        if self.space_pending > 0 {
            self.space_pending -= 1;
            if let Some(s) = space_line(t) {
                self.add_shortfall(s);
                self.space_pending = 0;
                self.continue_message(t);
                return Kind::Typed;
            }
        }
        if self.structure(t, n) {
            self.cont = None;
            self.banner = None;
            return Kind::Typed;
        }
        if self.continue_message(t) {
            return Kind::Typed;
        }
        match self.banner {
            Some(read) if read < COPYRIGHT_MAX_LINES => {
                self.banner = Some(read + 1);
                return Kind::Typed;
            }
            Some(_) => self.banner = None,
            None => {}
        }
        self.unrecognized(t, n);
        Kind::Unrecognized
    }

    /// Appends `t` to the previous message when that message's text is visibly unfinished.
    fn continue_message(&mut self, t: &[u8]) -> bool {
        let Some((idx, joined)) = self.cont else {
            return false;
        };
        let Some(m) = self.r.messages.get_mut(idx) else {
            return false;
        };
        if joined >= 4 || m.text.ends_with('.') || m.text.ends_with(':') {
            self.cont = None;
            return false;
        }
        m.text.push(' ');
        m.text.push_str(&text(t));
        self.cont = Some((idx, joined + 1));
        if m.id == "0960-582" {
            self.mode = Mode::Missing { rows: false };
        }
        true
    }

    fn on_message(&mut self, m: Message, t: &[u8]) {
        match m.id.as_str() {
            "0960-582" => {
                self.close_table();
                self.mode = Mode::Missing { rows: false };
            }
            "0960-580" => self.r.cycle_detected = true,
            "0503-292" => self.r.reboot_required = true,
            // 0503-466 is named with 0503-465 as a build-date failure, but no published output
            // shows its text: it is recognised by its id alone (UNCERTAIN), the fileset taken
            // only if the text has the 0503-465 shape.
            "0503-465" | "0503-466" => self.r.builddate_failures.push(BuildDateFailure {
                fileset: builddate_fileset(&m.text),
                installed: None,
                selected: None,
            }),
            "0516-634" => self.add_shortfall(SpaceShortfall {
                filesystem: "/tmp".into(),
                blocks_512: None,
            }),
            _ => {}
        }
        let idx = self.r.messages.len();
        let space = contains(t, b"not enough free disk space");
        self.r.messages.push(m);
        if space {
            self.on_space(t);
        }
        self.cont = Some((idx, 0));
    }

    /// One shortfall per file system: installp reports the same one more than once (`lquerypv
    /// … /tmp directory does not have enough space`, then `… filesystem /tmp (200 more 512-byte
    /// blocks are required)`); the largest known figure is kept.
    fn add_shortfall(&mut self, s: SpaceShortfall) {
        match self
            .r
            .space_shortfalls
            .iter_mut()
            .find(|x| x.filesystem == s.filesystem)
        {
            Some(x) => x.blocks_512 = x.blocks_512.max(s.blocks_512),
            None => self.r.space_shortfalls.push(s),
        }
    }

    /// `There is not enough free disk space in filesystem` — the file system and block count are
    /// on the same line (collapsed logs) or the next one.
    fn on_space(&mut self, t: &[u8]) {
        if let Some(s) = space_line(t) {
            self.add_shortfall(s);
        } else {
            self.space_pending = 2;
        }
    }

    /// Recognises the id-less landmarks. Returns true when the line was one.
    fn structure(&mut self, t: &[u8], n: usize) -> bool {
        let Some(&first) = t.first() else {
            return false;
        };
        // A trailer ends in SUCCESS or FAILURE (`.` optional): test that suffix before looking
        // for `Status = ` in the line.
        let tail = t.strip_suffix(b".").unwrap_or(t);
        if (tail.ends_with(b"SUCCESS") || tail.ends_with(b"FAILURE")) && self.trailer(t) {
            return true;
        }
        match first {
            b'S' => {
                if let Some(rest) = t.strip_prefix(b"Shared /usr WPAR list:") {
                    let list = text(rest);
                    let names = if list.eq_ignore_ascii_case("none") || list.is_empty() {
                        Vec::new()
                    } else {
                        list.split([' ', ','])
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect()
                    };
                    self.r.shared_usr_list = Some(names);
                    return true;
                }
                if let Some(rest) = t.strip_prefix(b"Synchronizing workload partition ") {
                    self.r.sections.push(section(rest, n));
                    return true;
                }
                if t.starts_with(b"Software changes processed during this session require") {
                    self.r.reboot_required = true;
                    return true;
                }
                // installp, after a summary: `See /var/adm/ras/config.diff for details.`
                t.starts_with(b"See /var/adm/ras/config.diff")
                    || t.starts_with(b"Shutting down all workload partition")
                    || t.starts_with(b"Starting workload partition")
                    || t.starts_with(b"Stopping workload partition")
                    || t.starts_with(b"SUCCESSES")
                    || t.starts_with(b"Summaries:")
                    || t.starts_with(b"Selected Filesets")
            }
            b'W' => {
                if let Some(rest) = t.strip_prefix(b"Workload partition ")
                    && let Some(name) = rest.strip_suffix(b" synchronized successfully.")
                {
                    self.r.synchronized.push(text(name));
                    return true;
                }
                // mkwpar/wparexec: `Workload partition NAME created successfully.`
                if t.starts_with(b"Workload partition ") && t.ends_with(b" created successfully.") {
                    self.created = true;
                    return true;
                }
                false
            }
            b'C' => {
                if t.starts_with(b"Cleaning up ...") {
                    self.r.cleaning_up = true;
                    return true;
                }
                t.starts_with(b"Cleaning up software for:")
            }
            b'F' => {
                if let Some(rest) = t.strip_prefix(b"Filesets processed:") {
                    // `  N of M  (Total time: …)`, read in place: this line repeats thousands of
                    // times in a real log.
                    if let Some(p) = progress(rest) {
                        self.r.progress = Some(p);
                    }
                    return true;
                }
                if t.starts_with(b"FILESET STATISTICS") {
                    self.stats = FilesetStats::default();
                    self.mode = Mode::Stats;
                    return true;
                }
                if let Some(rest) = t.strip_prefix(b"Finished processing all filesets.") {
                    self.r.finished = true;
                    self.r.total_time = total_time(rest);
                    return true;
                }
                if t.starts_with(b"Fileset levels to be applied:") {
                    self.mode = Mode::ToApply { rows: false };
                    return true;
                }
                // `File /etc/group has been modified.`
                if let Some(path) = t
                    .strip_prefix(b"File ")
                    .and_then(|r| r.strip_suffix(b" has been modified."))
                {
                    self.r.config_files_changed.push(text(path));
                    return true;
                }
                // Under installp's FAILURES / SUCCESSES headings:
                // `Filesets listed in this section failed pre-installation verification`
                t.starts_with(b"FAILURES") || t.starts_with(b"Filesets listed in this section ")
            }
            b'I' => {
                if let Some((installed, selected)) = builddates(t) {
                    match self.r.builddate_failures.last_mut() {
                        Some(f) if f.installed.is_none() => {
                            f.installed = Some(installed);
                            f.selected = Some(selected);
                        }
                        _ => self.r.builddate_failures.push(BuildDateFailure {
                            fileset: None,
                            installed: Some(installed),
                            selected: Some(selected),
                        }),
                    }
                    return true;
                }
                if t.starts_with(b"Installation Summary") {
                    self.mode = Mode::InstallSummary { rows: false };
                    return true;
                }
                // emgr: `Initializing log /var/adm/ras/emgr.log ...`
                t.starts_with(b"Initializing log ")
            }
            b'O' => {
                t.starts_with(b"One or more of the files listed in /etc/check_config.files")
                    // emgr's own `Operation Summary` heading (inuwpar's has a prefix).
                    || t == b"Operation Summary"
            }
            b'i' => self.tool_line(t),
            b'P' => {
                if t.starts_with(b"Previewing install operations") {
                    self.r.preview = true;
                    return true;
                }
                t.starts_with(b"Please log out of the WPAR and execute the migwpar")
                    || t.starts_with(b"Pre-installation Verification")
            }
            b'Y' => {
                if t.starts_with(b"Your global system is at a higher version than the WPAR") {
                    self.r.higher_global_version = true;
                    return true;
                }
                false
            }
            b'M' => {
                if t.starts_with(b"MISSING REQUISITES") {
                    self.r.install_errors.push(text(t));
                    return true;
                }
                if t.starts_with(b"Missing Filesets") {
                    self.mode = Mode::InstallpMissing { rows: false };
                    return true;
                }
                t.starts_with(b"Mounting all workload partition")
                    || t.starts_with(b"Make more space available then retry")
            }
            b's' => {
                if t.starts_with(b"syncroot: Error synchronizing installp software") {
                    self.r.install_errors.push(text(t));
                    return true;
                }
                t.starts_with(b"syncroot: Processing root part")
            }
            b'A' => t.starts_with(b"An attempt to extend this filesystem"),
            // The rest of the A T T E N T I O N banner.
            b'a' => {
                t.starts_with(b"and any of its diskless/dataless clients")
                    // the end of `Filesets listed in this section …`
                    || t == b"and will not be installed."
                    || t == b"and will be installed."
            }
            // A heading's underline (`--------`, `====`) outside any table.
            b'-' | b'=' => is_rule(t),
            b'f' => t.starts_with(b"for the changes to be made effective"),
            b'L' => {
                t.starts_with(b"Loading workload partition")
                    // emgr: `Log file is /var/adm/ras/emgr.log`
                    || t.starts_with(b"Log file is ")
            }
            b'U' => {
                t.starts_with(b"Unmounting all workload partition")
                    || t.starts_with(b"Unloading workload partition")
            }
            b'E' => {
                if t.starts_with(b"EPKG NUMBER") {
                    self.mode = Mode::Emgr { rows: false };
                    return true;
                }
                t.starts_with(b"Executing ") || t.starts_with(b"End of installp PREVIEW")
            }
            b'N' => t.starts_with(b"Note: Further operations may be necessary"),
            // installp's build-date check heading and its first line.
            b'B' => t.starts_with(b"BUILDDATE Verification"),
            b'V' => t.starts_with(b"Verifying build dates"),
            b'T' => {
                if t.starts_with(b"The format of the toc file is invalid") {
                    self.r.media_errors.push(text(t));
                    return true;
                }
                false
            }
            b'+' | b'*' => true,
            _ => false,
        }
    }

    /// `installp: …` and `inuwpar: …` lines.
    fn tool_line(&mut self, t: &[u8]) -> bool {
        if let Some(rest) = t.strip_prefix(b"installp:") {
            let rest = rest.trim_ascii();
            // `APPLYING software for:` repeats once per fileset: test it before the banner search.
            if let Some(verb) = rest.strip_suffix(b"software for:") {
                let kind = match verb.trim_ascii() {
                    b"APPLYING" => ListKind::Applying,
                    b"COMMITTING" => ListKind::Committing,
                    _ => ListKind::Other,
                };
                self.mode = Mode::List { kind, rows: false };
                return true;
            }
            if ATTENTION.find(rest).is_some() {
                self.r.reboot_required = true;
                return true;
            }
            if rest.starts_with(b"Installation failed") {
                // `installp: Installation failed due to …`
                self.r.install_errors.push(text(t));
                return true;
            }
            if rest.starts_with(b"Device ") && contains(rest, b"could not be accessed") {
                self.r.media_errors.push(text(t));
                return true;
            }
            if rest.starts_with(b"The format of the toc file is invalid") {
                self.r.media_errors.push(text(t));
                return true;
            }
            return rest.starts_with(b"Using alternate installation device")
                || rest.starts_with(b"No action was indicated");
        }
        if let Some(rest) = t.strip_prefix(b"inuwpar:") {
            let rest = rest.trim_ascii();
            if rest.starts_with(b"Operation Summary") {
                self.close_table();
                self.mode = Mode::EnvSummary { rows: false };
                return true;
            }
            if rest.starts_with(b"The operation will be attempted in these environments") {
                self.mode = Mode::EnvList;
                return true;
            }
            return rest.starts_with(b"====");
        }
        false
    }

    /// `Return Status = SUCCESS.`, `Returns Status = FAILURE`, `syncroot: Returns Status = FAILURE`,
    /// and install_all_updates' `install_all_updates: Result = FAILURE`.
    fn trailer(&mut self, t: &[u8]) -> bool {
        let (at, len) = match memchr::memmem::find(t, b"Status = ") {
            Some(at) => {
                let before = t.get(..at).unwrap_or_default().trim_ascii_end();
                if !(before.ends_with(b"Return") || before.ends_with(b"Returns")) {
                    return false;
                }
                (at, 9)
            }
            None => match memchr::memmem::find(t, b"Result = ") {
                Some(at) => (at, 9),
                None => return false,
            },
        };
        let value = t.get(at + len..).unwrap_or_default().trim_ascii();
        let value = value.strip_suffix(b".").unwrap_or(value);
        let status = match value {
            b"SUCCESS" => TrailerStatus::Success,
            b"FAILURE" => TrailerStatus::Failure,
            _ => return false,
        };
        self.r.trailer_status = status;
        self.r.trailer = Some(text(t));
        true
    }

    /// The `status` field, from everything the output said (see [`OpResult::status`]).
    fn overall_status(&self) -> TrailerStatus {
        const REFUSALS: [&str; 6] = [
            "0960-667", "0960-264", "0960-580", "0960-582", "0960-419", "0503-008",
        ];
        let r = &self.r;
        let failed = r.trailer_status == TrailerStatus::Failure
            || r.messages.iter().any(|m| REFUSALS.contains(&m.id.as_str()))
            || r.failed_rows().next().is_some()
            || !r.install_errors.is_empty()
            || !r.media_errors.is_empty()
            || !r.missing_filesets.is_empty()
            || !r.space_shortfalls.is_empty()
            || !r.builddate_failures.is_empty();
        if failed {
            TrailerStatus::Failure
        } else if r.trailer_status == TrailerStatus::Success
            || !r.synchronized.is_empty()
            || self.created
        {
            TrailerStatus::Success
        } else {
            TrailerStatus::Unknown
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE_MISSING: &[u8] =
        b"syncwpar: 0960-582 The following filesets could not be synchronized
because the required software level was not found on the installation media:
Fileset Name WPAR Level Global Level
vac.C 11.1.0.2 11.1.0.7
vac.aix53.lib 11.1.0.2 11.1.0.7
...
Shutting down all workload partition processes.
syncwpar: 0960-264 Error synchronizing workload partition wp_name.
Return Status = FAILURE.
";

    #[test]
    fn missing_table_after_wrapped_0960_582() {
        let r = OpParser::parse(Program::Syncwpar, SAMPLE_MISSING, false);
        assert_eq!(r.missing_filesets.len(), 2);
        assert_eq!(r.missing_filesets[1].fileset, "vac.aix53.lib");
        assert_eq!(
            r.missing_filesets[1].global_level.as_deref(),
            Some("11.1.0.7")
        );
        assert!(r.messages[0].text.ends_with("installation media:"));
        assert_eq!(r.status, TrailerStatus::Failure);
        assert!(r.complete);
        assert_eq!(r.unrecognized, 0);
    }

    #[test]
    fn space_message_over_two_lines() {
        let r = OpParser::parse(
            Program::Syncwpar,
            b"0503-008 installp: There is not enough free disk space in filesystem\n/usr (930568 more 512-byte blocks are required).\n",
            false,
        );
        assert_eq!(
            r.space_shortfalls,
            [SpaceShortfall {
                filesystem: "/usr".into(),
                blocks_512: Some(930568)
            }]
        );
        assert!(!r.complete);
    }

    #[test]
    fn trailer_spellings() {
        for (line, st) in [
            (&b"Return Status = SUCCESS."[..], TrailerStatus::Success),
            (
                b"syncroot: Returns Status = FAILURE",
                TrailerStatus::Failure,
            ),
            (b"Returns Status = SUCCESS", TrailerStatus::Success),
        ] {
            let r = OpParser::parse(Program::Syncwpar, line, false);
            assert_eq!(r.status, st);
        }
        // install_all_updates' trailer (transcripts/installp-01, -02).
        let r = OpParser::parse(
            Program::Syncwpar,
            b"install_all_updates: Result = FAILURE",
            false,
        );
        assert_eq!(r.status, TrailerStatus::Failure);
        let r = OpParser::parse(Program::Syncwpar, b"Other Status = SUCCESS", false);
        assert_eq!(r.status, TrailerStatus::Unknown);
    }

    #[test]
    fn the_applying_shortcut_reads_as_the_general_path() {
        // The exact line takes a shortcut; three spaces take the general path: same result,
        // down to the pending space figure (the figure is looked for on the next two lines
        // that are not messages, so one line in between keeps it and two lose it).
        let run = |applying: &str, between: usize| {
            let log = format!(
                "0503-008 installp: There is not enough free disk space in filesystem\n{}\
                 /usr (930568 more 512-byte blocks are required).\n{applying}\n        bos.rte 7.1.0.3\n",
                format!("{applying}\n").repeat(between)
            );
            let mut r = OpParser::parse(Program::Syncwpar, log.as_bytes(), false);
            r.bytes = 0;
            r
        };
        for between in [1, 2] {
            let short = run("installp:  APPLYING software for:", between);
            assert_eq!(short, run("installp:   APPLYING software for:", between));
            assert_eq!(short.applying, 1);
            assert_eq!(short.space_shortfalls.is_empty(), between == 2);
        }
    }

    #[test]
    fn progress_is_the_first_and_third_words() {
        let p = |s: &[u8]| progress(s).map(|p| (p.done, p.total));
        assert_eq!(
            p(b"  6 of 291  (Total time:  2 mins 4 secs)."),
            Some((6, 291))
        );
        assert_eq!(p(b"\t+6 von 291"), Some((6, 291)));
        assert_eq!(p(b" 6 of"), None);
        assert_eq!(p(b" 6 of 29l (Total"), None);
        assert_eq!(p(b" six of 291"), None);
        assert_eq!(p(b" 6 of 99999999999999999999"), None);
        // The shape installp prints is read by the fast reader; every other by the general
        // one, with the same answers.
        for line in [
            &b"  6 of 291  (Total time:  2 mins 4 secs)."[..],
            b"\t+6 von 291",
            b" 6 of",
            b" 6 of 29l (Total",
            b" six of 291",
            b"6\tof\t291",
            b" 6 of  291",
            b" 6 of 291",
            b"",
            b" 06 of 0",
        ] {
            assert_eq!(
                progress_as_printed(line).or_else(|| progress_any(line)),
                progress_any(line),
                "{:?}",
                String::from_utf8_lossy(line)
            );
        }
        assert!(progress_as_printed(b"  6 of 291  (Total time:  2 mins 4 secs).").is_some());
    }

    #[test]
    fn list_rows_are_two_words_ending_in_a_level() {
        assert!(is_list_row(b"bos.rte.libc 7.1.0.3"));
        assert!(is_list_row(b"chef\t12.0.0.1"));
        assert!(!is_list_row(b"bos rte 7.1.0.3"));
        assert!(!is_list_row(b"bos.rte.libc"));
        assert!(!is_list_row(b"bos.rte.libc 7.1.a"));
        assert!(!is_list_row(b"bos.rte.libc 7"));
    }

    #[test]
    fn empty_and_garbage_input() {
        let r = OpParser::parse(Program::Startwpar, b"", false);
        assert_eq!(r.lines, 0);
        let r = OpParser::parse(Program::Startwpar, b"\xff\xfe\n\x00\n", false);
        assert_eq!(r.non_utf8_lines, 1);
        assert_eq!(r.unrecognized, 2);
    }
}
