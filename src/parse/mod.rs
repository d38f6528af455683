//! Parsers: pure functions from the bytes AIX printed to typed results. No I/O happens here.
//!
//! Each parser is a line-fed state machine (`push_line`, then `finish`), so a live 20-minute
//! syncwpar is parsed as it streams and a truncated log still yields what was seen. The batch
//! form is a fold over [`lines`]. Nothing here panics on input and nothing is dropped silently:
//! unrecognised lines are counted (and the first few kept), and every `NNNN-NNN` message is kept.
//!
//! Modules: [`lswpar`]; [`op`] (startwpar, stopwpar, rebootwpar, migwpar, syncwpar — one
//! grammar, because migwpar and syncwpar embed inuwpar and installp output and the others print
//! the same message forms); [`oslevel`], [`lslpp`], [`installp_list`] for the media check;
//! [`detect`] recognises the family of a captured log.

pub mod detect;
pub mod df;
pub mod emgr;
pub mod installp_list;
pub mod lslpp;
pub mod lswpar;
pub mod op;
pub mod oslevel;
pub mod scan;

use std::io::{self, Read};
use std::ops::ControlFlow;

use memchr::memchr;
use serde::Serialize;

use crate::model::Message;

/// How many unrecognised lines a result keeps verbatim (the rest are counted; the whole raw output
/// is always in the run's transcript log).
pub const KEEP_UNRECOGNIZED: usize = 50;

/// A line kept verbatim because no rule recognised it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RawLine {
    /// 1-based line number.
    pub line: usize,
    /// The text, decoded lossily.
    pub text: String,
}

/// How much of an unrecognised line a sample keeps (the log keeps all of it).
pub const SAMPLE_BYTES: usize = 400;

impl RawLine {
    /// A sample of line `line`: its first [`SAMPLE_BYTES`] bytes, decoded lossily, `…` when cut.
    pub fn new(line: usize, bytes: &[u8]) -> RawLine {
        let mut text = text(&bytes[..bytes.len().min(SAMPLE_BYTES)]);
        if bytes.len() > SAMPLE_BYTES {
            text.push('…');
        }
        RawLine { line, text }
    }
}

/// Splits a buffer into lines: on `\n`, with one trailing `\r` removed; a last line without a
/// newline is yielded too.
pub fn lines(buf: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = buf;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = split_line(rest);
        rest = next;
        Some(line)
    })
}

/// The first line of a non-empty buffer (without its `\n` and one `\r`) and the rest after
/// it. An empty line (a third of an installp log) is answered without a `memchr` call.
#[inline]
pub fn split_line(buf: &[u8]) -> (&[u8], &[u8]) {
    let at = match buf.first() {
        Some(b'\n') => Some(0),
        _ => memchr(b'\n', buf),
    };
    match at {
        Some(i) => (
            strip_cr(buf.get(..i).unwrap_or_default()),
            buf.get(i + 1..).unwrap_or_default(),
        ),
        None => (strip_cr(buf), &[]),
    }
}

/// [`split_line`], also saying whether the line is ASCII (known from the same pass, so a
/// parser need not look at its bytes again to count non-UTF-8 lines).
#[inline]
pub fn split_line_ascii(buf: &[u8]) -> (&[u8], &[u8], bool) {
    if let [b'\n', rest @ ..] = buf {
        return (&[], rest, true);
    }
    let (at, ascii) = scan::line_end(buf);
    match at {
        Some(i) => (
            strip_cr(buf.get(..i).unwrap_or_default()),
            buf.get(i + 1..).unwrap_or_default(),
            ascii,
        ),
        None => (strip_cr(buf), &[], ascii),
    }
}

/// Removes one trailing `\r`.
pub fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

pub use crate::output::MAX_LINE;

/// How many records of one kind a parser keeps (messages, summary rows, WPARs, …): far above
/// any real output (AIX allows at most 8,192 WPARs; a full system has a few thousand
/// filesets), low enough that endless repeated input keeps memory flat. Records beyond it are
/// counted in the result's `dropped`, not kept.
pub const MAX_KEPT: usize = 50_000;

/// Trims `v` back to `cap`, counting what was dropped (called after every line, so the list
/// never grows past the cap by more than one line's records).
pub(crate) fn cap<T>(v: &mut Vec<T>, cap: usize, dropped: &mut u64) {
    if v.len() > cap {
        *dropped += (v.len() - cap) as u64;
        v.truncate(cap);
    }
}

/// Reads `input` and calls `f` for every line (without `\n`/`\r`), never holding more than one
/// line (at most [`MAX_LINE`] bytes) plus one chunk in memory.
pub fn for_each_line<R: Read>(input: R, mut f: impl FnMut(&[u8])) -> io::Result<u64> {
    for_each_line_until(input, |l| {
        f(l);
        ControlFlow::Continue(())
    })
}

/// [`for_each_line`], stopping (without reading further) when `f` says `Break`.
pub fn for_each_line_until<R: Read>(
    input: R,
    mut f: impl FnMut(&[u8]) -> ControlFlow<()>,
) -> io::Result<u64> {
    for_each_run(input, |run| {
        for l in lines(run) {
            f(l)?;
        }
        ControlFlow::Continue(())
    })
}

/// How much [`for_each_run`] reads at a time.
const CHUNK: usize = 256 * 1024;

/// Reads `input` and calls `f` with runs of lines, in order: all the whole lines a read
/// brought in (every byte up to and including the last `\n`), so a parser splits them in its
/// own loop instead of being called once per line. A run that does not end in `\n` is one
/// line: the input's last, or a [`MAX_LINE`]-byte piece of a longer one (no line handed on is
/// longer). Memory: one chunk and the line a read cut, whatever the input.
pub fn for_each_run<R: Read>(
    mut input: R,
    mut f: impl FnMut(&[u8]) -> ControlFlow<()>,
) -> io::Result<u64> {
    let mut buf = vec![0u8; CHUNK];
    let mut runs = Runs::default();
    let mut total = 0u64;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        total += n as u64;
        if runs
            .chunk(buf.get(..n).unwrap_or_default(), &mut f)
            .is_break()
        {
            return Ok(total);
        }
    }
    runs.end(&mut f);
    Ok(total)
}

/// Cuts the chunks of an input into the runs [`for_each_run`] hands on, keeping the line a
/// chunk cut until the next completes it.
#[derive(Default)]
struct Runs {
    carry: Vec<u8>,
}

impl Runs {
    /// Hands `f` every run `data` completes; `Break` when `f` said so.
    fn chunk(
        &mut self,
        data: &[u8],
        f: &mut impl FnMut(&[u8]) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let mut start = 0;
        if !self.carry.is_empty() {
            // The line the last chunk cut: complete it (cut into MAX_LINE pieces if need be).
            let end = memchr(b'\n', data).map_or(data.len(), |i| i + 1);
            self.carry
                .extend_from_slice(data.get(..end).unwrap_or_default());
            start = end;
            while self.carry.len() >= MAX_LINE
                && memchr(b'\n', self.carry.get(..MAX_LINE).unwrap_or_default()).is_none()
            {
                f(self.carry.get(..MAX_LINE).unwrap_or_default())?;
                self.carry.drain(..MAX_LINE);
            }
            if self.carry.ends_with(b"\n") {
                f(&self.carry)?;
                self.carry.clear();
            }
        }
        // Every whole line of the chunk at once (each shorter than a chunk, so than MAX_LINE).
        let rest = data.get(start..).unwrap_or_default();
        match memchr::memrchr(b'\n', rest) {
            Some(last) => {
                f(rest.get(..=last).unwrap_or_default())?;
                self.carry
                    .extend_from_slice(rest.get(last + 1..).unwrap_or_default());
            }
            None => self.carry.extend_from_slice(rest),
        }
        // A cut line longer than MAX_LINE is handed on in pieces as it grows.
        while self.carry.len() >= MAX_LINE {
            f(self.carry.get(..MAX_LINE).unwrap_or_default())?;
            self.carry.drain(..MAX_LINE);
        }
        ControlFlow::Continue(())
    }

    /// The input's last line, when it did not end in `\n`.
    fn end(self, f: &mut impl FnMut(&[u8]) -> ControlFlow<()>) {
        if !self.carry.is_empty() {
            let _ = f(&self.carry);
        }
    }
}

/// Lossy text of a line with surrounding blanks removed.
pub fn text(line: &[u8]) -> String {
    lossy(line.trim_ascii())
}

/// Whitespace-separated fields of a line, lossily decoded.
pub fn fields(line: &[u8]) -> Vec<String> {
    line.split(|b| b.is_ascii_whitespace())
        .filter(|f| !f.is_empty())
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect()
}

/// The first `N` whitespace-separated words of a line (empty slices past the last one) and how
/// many words the line has, counted up to `N + 1` ("more than `N`"). Nothing is allocated:
/// table rows are read thousands of times.
pub fn words<const N: usize>(line: &[u8]) -> ([&[u8]; N], usize) {
    let mut out: [&[u8]; N] = [&[]; N];
    let mut n = 0;
    let mut rest = line;
    while n <= N {
        let Some((word, next)) = next_word(rest) else {
            break;
        };
        if let Some(slot) = out.get_mut(n) {
            *slot = word;
        }
        n += 1;
        rest = next;
    }
    (out, n)
}

/// The next whitespace-separated word and what follows it (table columns are padded with runs
/// of spaces: skipped a word at a time).
#[inline]
fn next_word(s: &[u8]) -> Option<(&[u8], &[u8])> {
    let s = scan::skip_blanks(s);
    if s.is_empty() {
        return None;
    }
    let len = scan::first_blank(s).unwrap_or(s.len());
    Some((s.get(..len)?, s.get(len..)?))
}

/// Lossy text of a byte slice, as it is.
pub fn lossy(b: &[u8]) -> String {
    lossy_str(b).into_owned()
}

/// `String::from_utf8_lossy`, valid UTF-8 (nearly every line AIX prints) checked the fast way
/// first: `from_utf8` takes ASCII a word at a time, the lossy decoder a byte at a time.
pub fn lossy_str(b: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(b) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(b),
    }
}

/// The non-blank lines of an output no parser types (lssavewpar, lppchk), as printed (lossy),
/// at most `max` of them.
pub fn text_lines(b: &[u8], max: usize) -> Vec<String> {
    String::from_utf8_lossy(b)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(max)
        .map(str::to_string)
        .collect()
}

/// Is this a rule line (only `-`, `=`, `+` and blanks, at least 3 of them)?
pub fn is_rule(line: &[u8]) -> bool {
    let t = line.trim_ascii();
    t.len() >= 3 && t.iter().all(|b| matches!(b, b'-' | b'=' | b'+' | b' '))
}

/// Finds an AIX message id `NNNN-NNN` standing as a word (AIX-REFERENCE §0.1: match the id
/// anywhere, because its position varies: `startwpar: 0960-667 …`, `0503-105 geninstall: …`).
/// Returns the byte offset of the id.
pub fn find_message_id(line: &[u8]) -> Option<usize> {
    // `NNNN-NNN` is 8 bytes: shorter lines (most blank-ish and list lines) cannot hold one.
    if line.len() < 8 || (line.len() <= 256 && !has_dash(line)) {
        return None;
    }
    let mut from = 0;
    while let Some(rel) = line.get(from..).and_then(|r| memchr(b'-', r)) {
        let dash = from + rel;
        from = dash + 1;
        if dash < 4 {
            continue;
        }
        let start = dash - 4;
        let (Some(pre), Some(post)) = (line.get(start..dash), line.get(dash + 1..dash + 4)) else {
            continue;
        };
        if !pre.iter().all(u8::is_ascii_digit) || !post.iter().all(u8::is_ascii_digit) {
            continue;
        }
        let before_ok = start == 0
            || line
                .get(start - 1)
                .is_some_and(|b| !b.is_ascii_alphanumeric() && *b != b'-' && *b != b'.');
        let after_ok = line
            .get(dash + 4)
            .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'-' && *b != b'.');
        if before_ok && after_ok {
            return Some(start);
        }
    }
    None
}

/// Does a short line hold a `-` at all? Every byte is looked at (no early exit), which the
/// compiler turns into a few vector instructions: cheaper than a `memchr` call on the many
/// progress lines that have none.
fn has_dash(line: &[u8]) -> bool {
    line.iter().fold(false, |seen, &b| seen | (b == b'-'))
}

/// Parses a message line in any of its real forms:
/// `syncwpar: 0960-582 The following …` (command first), `0503-105 geninstall: The device …`
/// (id first, then command), `0513-071 The ctrmc Subsystem has been added.` (id only), and
/// `installp: 0503-008 …`-style lines inside longer prefixes.
pub fn parse_message(line: &[u8], lineno: usize) -> Option<Message> {
    let at = find_message_id(line)?;
    let id = lossy(line.get(at..at + 8)?);
    let before = lossy_str(line.get(..at)?);
    let after = lossy_str(line.get(at + 8..)?);
    let before_t = before.trim();
    let mut command = before_t
        .strip_suffix(':')
        .and_then(|c| c.rsplit([':', ' ', '\t']).next())
        .map(|c| c.trim())
        .filter(|c| !c.is_empty() && is_command_word(c))
        .map(command_of);
    let mut text = after.trim().to_string();
    if command.is_none() {
        // `0503-105 geninstall: The device …`
        if let Some((word, rest)) = text.split_once(':') {
            let word = word.trim();
            if is_command_word(word) && !word.contains(' ') {
                command = Some(word.to_string());
                text = rest.trim().to_string();
            }
        }
    }
    Some(Message {
        command,
        id,
        text,
        line: lineno,
    })
}

/// The command a `<word>:` names. A log pasted from a web page or chat loses its line breaks,
/// gluing the previous line to the command (`wp_namestartwpar:`): a word that ends in a known
/// AIX command name after a non-word boundary is that command; any other word is kept as is.
fn command_of(word: &str) -> String {
    const KNOWN: [&str; 12] = [
        "startwpar",
        "stopwpar",
        "rebootwpar",
        "migwpar",
        "syncwpar",
        "lswpar",
        "syncroot",
        "inuwpar",
        "installp",
        "geninstall",
        "mkwpar",
        "rmwpar",
    ];
    if KNOWN.contains(&word) {
        return word.to_string();
    }
    for k in KNOWN {
        if word.len() > k.len()
            && let Some(head) = word.strip_suffix(k)
            // `wp_namestartwpar` is glued text (the previous line's last letter against the
            // command); `wp_name_syncwpar` is a name with a separator, not glue.
            && head.ends_with(|c: char| c.is_ascii_alphanumeric())
            && head.len() >= 2
        {
            return k.to_string();
        }
    }
    word.to_string()
}

fn is_command_word(w: &str) -> bool {
    !w.is_empty()
        && w.len() <= 32
        && w.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/' | b'-'))
}

/// Does `hay` contain `needle` (ASCII case-sensitive)?
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_every_position() {
        let m = parse_message(
            b"startwpar: 0960-667 The operating system level within the workload partition is not supported.",
            1,
        )
        .unwrap();
        assert_eq!(m.command.as_deref(), Some("startwpar"));
        assert_eq!(m.id, "0960-667");
        let m = parse_message(
            b"0503-105 geninstall: The device or directory: /dev/cd0 does not exist.",
            2,
        )
        .unwrap();
        assert_eq!(m.command.as_deref(), Some("geninstall"));
        assert!(m.text.starts_with("The device"));
        let m = parse_message(b"0513-071 The ctrmc Subsystem has been added.", 3).unwrap();
        assert_eq!(m.command, None);
        assert!(parse_message(b"rsct.core.microsensor 3.1.0.3", 4).is_none());
        assert!(parse_message(b"build 7100-00-03-1115 done", 5).is_none());
        assert!(parse_message(b"uuid 541ba314-c7ca-4f67", 6).is_none());
    }

    #[test]
    fn words_are_counted_past_the_ones_kept() {
        assert_eq!(
            words::<2>(b"  vac.C\t11.1.0.2 "),
            ([&b"vac.C"[..], b"11.1.0.2"], 2)
        );
        assert_eq!(words::<2>(b"a b c d").1, 3);
        assert_eq!(words::<3>(b"a"), ([&b"a"[..], b"", b""], 1));
        assert_eq!(words::<1>(b"   ").1, 0);
    }

    #[test]
    fn lines_tolerate_crlf_and_missing_final_newline() {
        let v: Vec<&[u8]> = lines(b"a\r\nb\n\nc").collect();
        assert_eq!(v, [&b"a"[..], b"b", b"", b"c"]);
    }

    #[test]
    fn streaming_reader_splits_huge_lines() {
        let mut data = vec![b'x'; MAX_LINE + 10];
        data.extend_from_slice(b"\nend\n");
        let mut got = Vec::new();
        for_each_line(&data[..], |l| got.push(l.len())).unwrap();
        assert_eq!(got, [MAX_LINE, 10, 3]);
        // Whole runs: the same lines, however the reads fall.
        let mut runs = Vec::new();
        let n = for_each_run(std::io::Cursor::new(data.clone()), |run| {
            runs.extend(lines(run).map(<[u8]>::len));
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(runs, [MAX_LINE, 10, 3]);
        assert_eq!(n, data.len() as u64);
        let mut huge = vec![b'y'; 2 * MAX_LINE + 5];
        huge.extend_from_slice(b"\r\nlast");
        let mut runs = Vec::new();
        for_each_run(std::io::Cursor::new(huge), |run| {
            runs.extend(lines(run).map(<[u8]>::len));
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(runs, [MAX_LINE, MAX_LINE, 5, 4]);
    }

    #[test]
    fn runs_stop_when_told_and_report_read_errors() {
        let mut seen = 0;
        for_each_run(std::io::repeat(b'\n'), |run| {
            seen += run.len();
            ControlFlow::Break(())
        })
        .unwrap();
        assert!(seen > 0);
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        let e = for_each_run(Broken, |_| ControlFlow::Continue(())).unwrap_err();
        assert_eq!(e.to_string(), "disk on fire");
    }
}
