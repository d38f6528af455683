//! Reading the format as a stream of events, one line at a time: a transcript of any size is
//! replayed or parsed in bounded memory, and a line longer than [`MAX_TRANSCRIPT_LINE`] (an
//! endless file such as `/dev/zero`) is an error, not an allocation.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use super::{TranscriptError, unescape};
use crate::output::{OutputLine, Stream, Termination};
use crate::shell::{argv_join, argv_split};

/// The longest line a transcript may hold: a [`crate::output::MAX_LINE`] output line in its
/// escaped form (`\xHH` quadruples a byte), and then some.
pub const MAX_TRANSCRIPT_LINE: usize = 4 * crate::output::MAX_LINE + 64;

/// What a transcript says, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A `#! key: value` header line (a wrapped value arrives joined).
    Header(String, String),
    /// Output before any command line (a raw log pasted with no prompt), and its line.
    Preamble(OutputLine, usize),
    /// A step starts: the command line and its line number.
    Step(Vec<OsString>, usize),
    /// An output line of the current step.
    Line(OutputLine),
    /// How the current step ended.
    End(Termination),
    /// A `#! note:` inside a step: what wparup itself did while the command ran (forwarded a
    /// signal, killed the process group), or free text.
    Note(String),
    /// A `#! outcome:` line after the steps: what the recorded run concluded
    /// ([`crate::report::outcome`]), for `replay --check`.
    Outcome(String),
}

/// `fill_buf`, again when a signal interrupted it.
fn fill<R: BufRead>(r: &mut R) -> std::io::Result<&[u8]> {
    loop {
        match r.fill_buf() {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
            Ok(_) => break,
        }
    }
    // Once more for the buffer itself (filled now: no read): a borrow returned from inside the
    // loop is one the borrow checker refuses.
    r.fill_buf()
}

/// The streaming reader.
pub struct Reader<R> {
    r: R,
    path: PathBuf,
    /// Lines read so far.
    n: usize,
    in_header: bool,
    seen_body: bool,
    header_open: Option<(String, String)>,
    /// The last output line, held back until we know whether `#! noeol` follows it.
    held: Option<(OutputLine, Option<usize>)>,
    /// The current step's command line and line, and whether it has ended.
    step: Option<(String, usize, bool)>,
    queue: VecDeque<Event>,
    buf: Vec<u8>,
    /// Line buffers handed back by the consumer ([`Reader::recycle`]), reused for the next
    /// output lines: a transcript of millions of lines allocates a handful.
    spare: Vec<Vec<u8>>,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// Reads `r`; `path` names it in errors.
    pub fn new(r: R, path: &Path) -> Self {
        Reader {
            r,
            path: path.to_path_buf(),
            n: 0,
            in_header: true,
            seen_body: false,
            header_open: None,
            held: None,
            step: None,
            queue: VecDeque::new(),
            buf: Vec::new(),
            spare: Vec::new(),
            done: false,
        }
    }

    fn err(&self, line: usize, message: String) -> TranscriptError {
        TranscriptError::Syntax {
            path: self.path.clone(),
            line,
            message,
        }
    }

    /// Gives back the bytes of an output line the caller is done with, for the next lines.
    pub fn recycle(&mut self, mut bytes: Vec<u8>) {
        if self.spare.len() < 4 {
            bytes.clear();
            self.spare.push(bytes);
        }
    }

    /// `bytes` in a reused buffer.
    fn copied(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut v = self.spare.pop().unwrap_or_default();
        v.extend_from_slice(bytes);
        v
    }

    /// The fast lane of a replay: while the current step has an output line held and the
    /// reader's buffer holds whole plain output lines (not starting with `#`), hands each held
    /// line to `f` and holds the next, reusing its buffer: no event, no allocation. It stops at
    /// anything else (a `#` line, a line cut by the buffer's end, a queued event), which
    /// [`Reader::next_event`] then reads as usual; what `f` sees is exactly the `Event::Line`s
    /// `next_event` would have returned.
    pub fn plain_lines(&mut self, f: &mut dyn FnMut(&OutputLine)) -> Result<(), TranscriptError> {
        if !self.queue.is_empty() || self.done || !matches!(self.step, Some((_, _, false))) {
            return Ok(());
        }
        loop {
            let Some((held, None)) = self.held.as_mut() else {
                return Ok(());
            };
            let avail = fill(&mut self.r).map_err(|source| TranscriptError::Io {
                path: self.path.clone(),
                source,
            })?;
            if avail.first().is_none_or(|&b| b == b'#') {
                return Ok(());
            }
            let Some(i) = memchr::memchr(b'\n', avail).filter(|&i| i <= MAX_TRANSCRIPT_LINE) else {
                return Ok(());
            };
            let line = crate::parse::strip_cr(&avail[..i]);
            f(held);
            held.bytes.clear();
            held.bytes.extend_from_slice(line);
            held.stream = Stream::Stdout;
            held.eol = true;
            self.n += 1;
            self.r.consume(i + 1);
        }
    }

    /// The next event, or None at the end.
    pub fn next_event(&mut self) -> Result<Option<Event>, TranscriptError> {
        loop {
            if let Some(e) = self.queue.pop_front() {
                return Ok(Some(e));
            }
            if self.done {
                return Ok(None);
            }
            self.read_line()?;
        }
    }

    fn flush_held(&mut self) {
        if let Some((l, pre)) = self.held.take() {
            self.queue.push_back(match pre {
                Some(n) => Event::Preamble(l, n),
                None => Event::Line(l),
            });
        }
    }

    fn flush_header(&mut self) {
        if let Some((k, v)) = self.header_open.take() {
            self.queue.push_back(Event::Header(k, v));
        }
    }

    /// Reads one line (with its `\n`, if any) into `self.buf`, at most
    /// [`MAX_TRANSCRIPT_LINE`] + 1 bytes: straight from the reader's buffer, found with memchr
    /// (a transcript is millions of lines; std's `read_until` through `take` cost a sixth of a
    /// replay).
    fn read_raw(&mut self) -> std::io::Result<usize> {
        let limit = MAX_TRANSCRIPT_LINE + 1;
        loop {
            let avail = fill(&mut self.r)?;
            if avail.is_empty() {
                return Ok(self.buf.len());
            }
            let room = limit - self.buf.len();
            let (take, done) = match memchr::memchr(b'\n', &avail[..avail.len().min(room)]) {
                Some(i) => (i + 1, true),
                None => {
                    let take = avail.len().min(room);
                    (take, take == room)
                }
            };
            self.buf.extend_from_slice(&avail[..take]);
            self.r.consume(take);
            if done {
                return Ok(self.buf.len());
            }
        }
    }

    /// Reads one line and turns it into events (queued).
    fn read_line(&mut self) -> Result<(), TranscriptError> {
        self.buf.clear();
        let got = self.read_raw().map_err(|source| TranscriptError::Io {
            path: self.path.clone(),
            source,
        })?;
        if got == 0 {
            self.flush_header();
            self.flush_held();
            self.done = true;
            return Ok(());
        }
        self.n += 1;
        let n = self.n;
        if !self.buf.ends_with(b"\n") && self.buf.len() > MAX_TRANSCRIPT_LINE {
            return Err(self.err(
                n,
                format!("line longer than {MAX_TRANSCRIPT_LINE} bytes: not a transcript"),
            ));
        }
        let mut line = std::mem::take(&mut self.buf);
        if line.ends_with(b"\n") {
            line.pop();
        }
        if line.ends_with(b"\r") {
            line.pop();
        }
        let res = self.line(&line, n);
        self.buf = line;
        res
    }

    fn line(&mut self, line: &[u8], n: usize) -> Result<(), TranscriptError> {
        if let Some(d) = line.strip_prefix(b"#!") {
            let d = std::str::from_utf8(d)
                .map_err(|_| self.err(n, "a `#!` line must be UTF-8".into()))?;
            if d.trim() == "---" {
                self.flush_header();
                self.in_header = false;
                return Ok(());
            }
            if self.in_header && !self.seen_body {
                if d.starts_with("  ") || d.starts_with('\t') {
                    // A wrapped header value.
                    if let Some((_, v)) = self.header_open.as_mut() {
                        v.push(' ');
                        v.push_str(d.trim());
                    }
                    return Ok(());
                }
                let Some((k, v)) = d.split_once(':') else {
                    return Err(self.err(n, format!("header line `#!{d}` is not `#! key: value`")));
                };
                self.flush_header();
                self.header_open = Some((k.trim().to_string(), v.trim().to_string()));
                return Ok(());
            }
            self.flush_header();
            self.in_header = false;
            return self.directive(d.trim(), n);
        }
        self.flush_header();
        self.in_header = false;
        if let Some(cmd) = line.strip_prefix(b"# ") {
            self.seen_body = true;
            let cmd = std::str::from_utf8(cmd)
                .map_err(|_| self.err(n, "a command line must be UTF-8".into()))?;
            let argv = argv_split(cmd).map_err(|m| self.err(n, m))?;
            if argv.is_empty() {
                return Err(self.err(n, "empty command line after `# `".into()));
            }
            self.flush_held();
            self.step = Some((argv_join(&argv), n, false));
            self.queue.push_back(Event::Step(argv, n));
            return Ok(());
        }
        self.seen_body = true;
        let out = |stream: Stream, bytes: Vec<u8>| OutputLine {
            stream,
            bytes,
            eol: true,
        };
        let o = if let Some(rest) = line.strip_prefix(b"#2~|") {
            out(Stream::Stderr, unescape(rest).map_err(|m| self.err(n, m))?)
        } else if let Some(rest) = line.strip_prefix(b"#~|") {
            out(Stream::Stdout, unescape(rest).map_err(|m| self.err(n, m))?)
        } else if let Some(rest) = line.strip_prefix(b"#2|") {
            out(Stream::Stderr, self.copied(rest))
        } else if let Some(rest) = line.strip_prefix(b"#|") {
            out(Stream::Stdout, self.copied(rest))
        } else {
            out(Stream::Stdout, self.copied(line))
        };
        if let Some((cmd, at, true)) = &self.step {
            return Err(self.err(
                n,
                format!(
                    "output after the end of step `{cmd}` (line {at}); start a new step with `# <command>`"
                ),
            ));
        }
        self.flush_held();
        let pre = self.step.is_none().then_some(n);
        self.held = Some((o, pre));
        Ok(())
    }

    fn directive(&mut self, d: &str, n: usize) -> Result<(), TranscriptError> {
        let (key, value) = match d.split_once(':') {
            Some((k, v)) => (k.trim(), v.trim()),
            None => (d, ""),
        };
        if key == "outcome" {
            self.flush_held();
            self.queue.push_back(Event::Outcome(value.to_string()));
            return Ok(());
        }
        if key == "note" {
            if self.step.is_some() {
                self.queue.push_back(Event::Note(value.to_string()));
            }
            return Ok(());
        }
        if key == "noeol" {
            return match self.held.as_mut() {
                Some((l, _)) => {
                    l.eol = false;
                    self.flush_held();
                    Ok(())
                }
                None => Err(self.err(n, "`#! noeol` must follow an output line".into())),
            };
        }
        let end = match key {
            "exit" => Termination::Exited(
                value
                    .parse::<i32>()
                    .map_err(|_| self.err(n, format!("`#! exit: {value}` is not a number")))?,
            ),
            "signal" if value.is_empty() => {
                return Err(self.err(n, "`#! signal:` needs a signal name such as SIGTERM".into()));
            }
            "signal" => Termination::Signaled(value.to_string()),
            "timed-out" => Termination::TimedOut,
            other => {
                return Err(self.err(
                    n,
                    format!(
                        "unknown directive `#! {other}` (known: exit, signal, timed-out, noeol, note, outcome)"
                    ),
                ));
            }
        };
        match self.step.as_mut() {
            Some(s) => s.2 = true,
            None => {
                return Err(self.err(
                    n,
                    format!("`#! {key}` at line {n} has no command before it"),
                ));
            }
        }
        self.flush_held();
        self.queue.push_back(Event::End(end));
        Ok(())
    }
}
