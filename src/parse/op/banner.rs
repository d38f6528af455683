//! installp's copyright banners: the markers, and the memo of banner bodies already read, so
//! a body installp prints again (once per fileset, a third of a syncwpar log) is taken in one
//! comparison (see [`OpParser::push_lines`]).

use super::OpParser;

/// installp's copyright banner markers (its message catalog: INP_BEGIN_COPYRIGHT_D and
/// INP_END_COPYRIGHT_D; see docs/installp-output.md).
pub(super) const COPYRIGHT_BEGIN: &[u8] = b". . . . . << Copyright notice for ";
pub(super) const COPYRIGHT_END: &[u8] = b". . . . . << End of copyright notice";
/// A real banner body is about ten lines; past this many the end marker is taken as lost.
pub(super) const COPYRIGHT_MAX_LINES: u8 = 40;

/// A copyright banner read line by line once: its first line (`. . . . . << Copyright notice
/// for X >> …`, as it came, newline included), its body (the lines after it, through its end
/// marker), and what reading the body did. installp prints the same few banners once per
/// fileset, a third of a syncwpar log.
#[derive(Debug, Clone)]
pub(super) struct BannerMemo {
    /// The bytes of the first line where the product's name starts: the order of trial (one
    /// body per product in a real log). Only an order: a memo is taken when equal byte for byte.
    key: [u8; 8],
    head: Vec<u8>,
    /// What reading the first line added to `bytes` and `non_utf8_lines` (it is one typed line).
    head_bytes: u64,
    head_non_utf8: u64,
    body: Vec<u8>,
    lines: u64,
    bytes: u64,
    typed: u64,
    blank: u64,
    non_utf8_lines: u64,
}

/// The 8 bytes of a banner's first line where the product's name starts.
fn key_of(head: &[u8]) -> [u8; 8] {
    let at = COPYRIGHT_BEGIN.len();
    head.get(at..at + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .unwrap_or_default()
}

/// The memos, those that followed a first line with the product's name `key` first.
fn memo_order(memos: &[BannerMemo], key: [u8; 8]) -> impl Iterator<Item = &BannerMemo> {
    let same = memos.iter().filter(move |m| m.key == key);
    same.chain(memos.iter().filter(move |m| m.key != key))
}

/// A banner's first line as [`OpParser::push_lines`] read it: as it came (`raw`, newline
/// included), without its line end (`line`), and whether it is ASCII.
pub(super) struct Head<'a> {
    pub raw: &'a [u8],
    pub line: &'a [u8],
    pub ascii: bool,
}

/// How many banner bodies are remembered (one per software vendor notice in a run; IBM's
/// differ by product), and the longest body remembered.
pub(super) const MEMOS: usize = 8;
pub(super) const MEMO_BYTES: usize = 4096;

impl OpParser {
    /// Reads a banner body from `ahead` (state: just after the banner's first line, `head`).
    pub(super) fn banner_body(&mut self, head: Head, ahead: &[u8]) -> usize {
        let key = key_of(head.line);
        let found = memo_order(&self.memos, key).find(|m| ahead.starts_with(&m.body));
        if let Some(m) = found {
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
            let line = crate::parse::strip_cr(ahead.get(at..at + rel).unwrap_or_default());
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
                    let head_non_utf8 =
                        u64::from(!head.ascii && std::str::from_utf8(head.line).is_err());
                    self.memos.push(BannerMemo {
                        key,
                        head: head.raw.to_vec(),
                        head_bytes: head.line.len() as u64 + 1,
                        head_non_utf8,
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

    /// A whole banner, first line and body, read before (byte for byte) at the start of `rest`:
    /// taken in one comparison, with what reading it did; the bytes taken. Asked by the
    /// prefilter in the state where the first line always opens a banner (no table, no pending
    /// space figure; see `fast.rs`), which is the state its body was read in.
    pub(super) fn banner_again(&mut self, rest: &[u8]) -> Option<usize> {
        let m = memo_order(&self.memos, key_of(rest)).find(|m| {
            rest.starts_with(&m.head)
                && rest
                    .get(m.head.len()..)
                    .is_some_and(|b| b.starts_with(&m.body))
        })?;
        let r = &mut self.r;
        let before = r.lines;
        r.lines += 1 + m.lines;
        r.bytes += m.head_bytes + m.bytes;
        r.typed += 1 + m.typed;
        r.blank += m.blank;
        r.non_utf8_lines += m.head_non_utf8 + m.non_utf8_lines;
        let read = m.head.len() + m.body.len();
        self.banner = None;
        self.cont = None;
        if before / 64 != self.r.lines / 64 {
            self.cap();
        }
        Some(read)
    }
}
