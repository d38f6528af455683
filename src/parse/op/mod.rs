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
//! This file holds the parser and its line loop (messages, continuations, space figures);
//! [`machine`] the table and list modes, [`landmarks`] the id-less lines that mean something,
//! [`banner`] installp's copyright banners, [`lines`] small line readers, and [`result`] the
//! typed result it fills.

mod banner;
mod fast;
mod landmarks;
mod lines;
mod machine;
mod result;

use banner::{BannerMemo, COPYRIGHT_BEGIN, COPYRIGHT_END, COPYRIGHT_MAX_LINES, Head};
use landmarks::{APPLYING, builddate_fileset};
use lines::space_line;
use machine::{ListKind, Mode};
pub use result::OpResult;

use super::{KEEP_UNRECOGNIZED, RawLine, parse_message, scan, text};
use crate::model::{
    BuildDateFailure, EnvReturn, FilesetStats, Message, SpaceShortfall, TrailerStatus,
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
        self.push_known(line, line.is_ascii());
    }

    /// [`OpParser::push_line`] with `ascii` (is every byte of `line` ASCII?) already known.
    #[inline]
    fn push_known(&mut self, line: &[u8], ascii: bool) {
        if line.is_empty() && self.mode == Mode::Normal {
            self.empty_line();
            return;
        }
        self.push_other(line, ascii);
    }

    /// What `normal` does with an empty line outside any table, without the call: a third of
    /// an installp log is empty lines.
    #[inline]
    fn empty_line(&mut self) {
        self.cont = None;
        self.count_line(1, true);
    }

    /// [`OpParser::push_line`] for all but an empty line outside any table.
    fn push_other(&mut self, line: &[u8], ascii: bool) {
        self.r.lines += 1;
        self.r.bytes += line.len() as u64 + 1;
        if !ascii && std::str::from_utf8(line).is_err() {
            self.r.non_utf8_lines += 1;
        }
        let n = self.r.lines as usize;
        let t = scan::trim(line);
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
        while let Some(&first) = rest.first() {
            if first == b'\n' && self.mode == Mode::Normal {
                // A third of the lines a large log does not hold in banners.
                self.empty_line();
                rest = rest.get(1..).unwrap_or_default();
                continue;
            }
            // The line shapes most of a large log is made of, read from the run's bytes by the
            // prefilter (`fast.rs`); none of them leaves a banner just opened.
            if let Some(n) = self.fast(rest) {
                rest = rest.get(n..).unwrap_or_default();
                continue;
            }
            let (line, next, ascii) = super::split_line_ascii(rest);
            let raw = rest.get(..rest.len() - next.len()).unwrap_or_default();
            self.push_known(line, ascii);
            rest = next;
            if self.banner == Some(0) && self.quiet() {
                let read = self.banner_body(Head { raw, line, ascii }, rest);
                rest = rest.get(read..).unwrap_or_default();
            }
        }
    }

    /// No table, continuation or pending space figure: the only state in which a banner body
    /// is remembered or taken again.
    fn quiet(&self) -> bool {
        self.mode == Mode::Normal && self.cont.is_none() && self.space_pending == 0
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

    fn normal(&mut self, t: &[u8], n: usize) -> Kind {
        if t.is_empty() {
            self.cont = None;
            return Kind::Blank;
        }
        if t == APPLYING {
            // Once per fileset: what the general path below does with it (it holds no message
            // id and no space figure), without the search.
            self.open_applying();
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

    /// `installp:  APPLYING software for:`: a new fileset list (and a pending space figure
    /// looked for on one line less).
    fn open_applying(&mut self) {
        self.space_pending = self.space_pending.saturating_sub(1);
        self.mode = Mode::List {
            kind: ListKind::Applying,
            rows: false,
        };
        self.cont = None;
        self.banner = None;
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
        let space = NO_SPACE.find(t).is_some();
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

/// installp's space message, searched with one prebuilt searcher (once per message).
static NO_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"not enough free disk space"));

/// Ids after which the command has said its last word.
const TERMINAL_IDS: &[&str] = &["0960-667", "0960-264", "0960-580", "0960-419", "0960-254"];

#[cfg(test)]
mod tests {
    use super::landmarks::{is_list_row, progress, progress_any, progress_as_printed};
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
