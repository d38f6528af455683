//! The op parser's prefilter: the few line shapes most of a large installp log is made of,
//! read straight from the bytes of a run, before the general line loop splits, trims and
//! dispatches them. Per fileset installp prints an `APPLYING software for:` line, its fileset
//! rows, blank lines, a copyright banner and a `Filesets processed:` line; the rest of a log is
//! a few hundred lines.
//!
//! Each path here does exactly what the general path does with that line in that state, and
//! takes the line only when that is certain: plain ASCII, the exact shape, a newline at its
//! end; anything else (CRLF, trailing blanks, another mode, a pending space figure) is left to
//! the general path. The property tests in `tests/it/robust.rs` hold `push_lines` (this) to
//! `push_line` (the general path alone) on generated logs, every fixture and mutations of them.

use super::OpParser;
use super::banner::COPYRIGHT_BEGIN;
use super::landmarks::{APPLYING, progress};
use super::machine::{ListKind, Mode};
use crate::parse::{find_message_id, scan};

impl OpParser {
    /// Takes the line (or, for a banner read before, the lines) at the start of `rest` if it is
    /// one of the shapes below in a state where its effect is known; the bytes taken.
    #[inline]
    pub(super) fn fast(&mut self, rest: &[u8]) -> Option<usize> {
        match (rest.first()?, self.mode) {
            (b'\n', Mode::List { rows, .. }) => Some(self.list_end(rows)),
            (b' ' | b'\t', Mode::List { kind, .. }) => self.list_row_fast(rest, kind),
            (b'i', Mode::Normal | Mode::List { .. }) => self.applying_fast(rest),
            (b'F', Mode::Normal) if self.space_pending == 0 => self.progress_fast(rest),
            (b'.', Mode::Normal)
                if self.space_pending == 0 && rest.starts_with(COPYRIGHT_BEGIN) =>
            {
                self.banner_again(rest)
            }
            _ => None,
        }
    }

    /// One more line of `bytes` bytes (newline included): the counts every path keeps, and
    /// the lists trimmed to their caps every 64 lines as `push_other` does.
    #[inline]
    pub(super) fn count_line(&mut self, bytes: usize, blank: bool) {
        let r = &mut self.r;
        r.lines += 1;
        r.bytes += bytes as u64;
        if blank {
            r.blank += 1;
        } else {
            r.typed += 1;
        }
        if r.lines.is_multiple_of(64) {
            self.cap();
        }
    }

    /// An empty line in a fileset list: the list ends if it has rows (`list_row`).
    fn list_end(&mut self, rows: bool) -> usize {
        if rows {
            self.mode = Mode::Normal;
        }
        self.count_line(1, true);
        1
    }

    /// `        bos.rte.libc 7.1.0.3` (eight spaces or a TAB, a name, one space, a level) in a
    /// fileset list: a row (`list_row`, `is_list_row`).
    fn list_row_fast(&mut self, rest: &[u8], kind: ListKind) -> Option<usize> {
        let indent = if rest.starts_with(b"        ") { 8 } else { 1 };
        let from = rest.get(indent..)?;
        // The name: ASCII, no blank or control byte; then exactly one space.
        let name = scan::name_end(from)?;
        if name == 0 || from.get(name) != Some(&b' ') {
            return None;
        }
        let level = from.get(name + 1..)?;
        let (end, ascii) = scan::line_end(level);
        let end = end?;
        if !ascii || !scan::is_level(level.get(..end)?) {
            return None;
        }
        self.list_row_seen(kind);
        let taken = indent + name + 1 + end + 1;
        self.count_line(taken, false);
        Some(taken)
    }

    /// `installp:  APPLYING software for:`, as installp prints it, in a list or outside any
    /// table: a new list (`normal`; a list first ends on it in `list_row`).
    fn applying_fast(&mut self, rest: &[u8]) -> Option<usize> {
        if !(rest.starts_with(APPLYING) && rest.get(APPLYING.len()) == Some(&b'\n')) {
            return None;
        }
        self.open_applying();
        self.count_line(APPLYING.len() + 1, false);
        Some(APPLYING.len() + 1)
    }

    /// `Filesets processed:  6 of 291  (Total time:  2 mins 4 secs).` outside any table, with no
    /// space figure pending: no message id in it, not a trailer, nothing to trim; the progress
    /// (`normal`, `structure`, `landmark_f`).
    fn progress_fast(&mut self, rest: &[u8]) -> Option<usize> {
        const HEAD: &[u8] = b"Filesets processed:";
        let after = rest.strip_prefix(HEAD)?;
        let (end, ascii, dash) = scan::line_end_dash(after);
        let line = rest.get(..HEAD.len() + end?)?;
        let last = *line.last()?;
        if !ascii || last <= b' ' || (dash && find_message_id(line).is_some()) {
            return None;
        }
        let tail = line.strip_suffix(b".").unwrap_or(line);
        if tail.ends_with(b"SUCCESS") || tail.ends_with(b"FAILURE") {
            return None;
        }
        if let Some(p) = progress(line.get(HEAD.len()..)?) {
            self.r.progress = Some(p);
        }
        self.cont = None;
        self.banner = None;
        self.count_line(line.len() + 1, false);
        Some(line.len() + 1)
    }
}
