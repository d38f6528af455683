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

/// The body of a copyright banner (the lines after its `. . . . . << Copyright notice for X >>`
/// line, through its end marker) that was read line by line once, and what reading it did.
/// installp prints the same few bodies once per fileset, a third of a syncwpar log.
#[derive(Debug, Clone)]
pub(super) struct BannerMemo {
    /// Which first line (`… Copyright notice for X >> …`) the body followed, to try it first
    /// after the same line: installp prints one body per product.
    head: HeadKey,
    body: Vec<u8>,
    lines: u64,
    bytes: u64,
    typed: u64,
    blank: u64,
    non_utf8_lines: u64,
}

/// A banner's first line, told apart cheaply: its length and the 8 bytes where the product's
/// name starts. Only an order of trial: a body is taken only when it is equal byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct HeadKey(usize, [u8; 8]);

impl HeadKey {
    fn of(head: &[u8]) -> HeadKey {
        let at = COPYRIGHT_BEGIN.len();
        let name = head
            .get(at..at + 8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .unwrap_or_default();
        HeadKey(head.len(), name)
    }
}

/// How many banner bodies are remembered (one per software vendor notice in a run; IBM's
/// differ by product), and the longest body remembered.
pub(super) const MEMOS: usize = 8;
pub(super) const MEMO_BYTES: usize = 4096;

impl OpParser {
    /// Reads a banner body from `ahead` (state: just after the banner's first line, `head`).
    pub(super) fn banner_body(&mut self, head: &[u8], ahead: &[u8]) -> usize {
        // The memo of the same first line first: one comparison of the body in a real log
        // instead of one per product seen.
        let key = HeadKey::of(head);
        let same = |m: &&BannerMemo| m.head == key;
        let found = match self
            .memos
            .iter()
            .filter(same)
            .find(|m| ahead.starts_with(&m.body))
        {
            Some(m) => Some(m),
            None => self
                .memos
                .iter()
                .find(|m| m.head != key && ahead.starts_with(&m.body)),
        };
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
                    self.memos.push(BannerMemo {
                        head: key,
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
}
