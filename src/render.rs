//! The only place that writes to the terminal: live echo of AIX output, the progress line,
//! notes and warnings (stderr), and results as text or JSON (stdout).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::cell::{Cell, RefCell};
use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::output::{OutputLine, Stream};

/// Echoed output is written once this much is pending, even if the command is still talking.
const ECHO_BUF: usize = 64 * 1024;

/// Terminal settings and state for one run.
#[derive(Debug)]
pub struct Ui {
    /// `--json`.
    pub json: bool,
    /// `--quiet`.
    pub quiet: bool,
    echo: bool,
    tty: bool,
    shown: Cell<bool>,
    last: Cell<Option<Instant>>,
    started: Cell<Option<Instant>>,
    line: RefCell<String>,
    /// Echoed lines not yet written: one `write` per burst of output, not per line.
    pending: RefCell<Vec<u8>>,
    /// A line echoed in part (the command has not ended it yet): its stream and how many of
    /// its bytes are on the screen.
    open: Cell<Option<(Stream, usize)>>,
}

impl Ui {
    /// Live output is echoed unless `--quiet`, or `--json` without `-v`; the progress line only
    /// on a terminal.
    pub fn new(json: bool, quiet: bool, verbose: u8) -> Ui {
        Ui {
            json,
            quiet,
            echo: !quiet && (!json || verbose > 0),
            // A progress line needs a terminal that moves the cursor: none for `TERM=dumb` or
            // no `TERM` at all (an Emacs shell, a serial console, cron).
            tty: !quiet
                && !json
                && io::stderr().is_terminal()
                && std::env::var("TERM").is_ok_and(|t| !t.is_empty() && t != "dumb"),
            shown: Cell::new(false),
            last: Cell::new(None),
            started: Cell::new(None),
            line: RefCell::new(String::new()),
            pending: RefCell::new(Vec::new()),
            open: Cell::new(None),
        }
    }

    /// Echoes one line of AIX output to stderr (lossy, control characters made visible). The
    /// line is buffered until [`Ui::flush`] (the command went quiet) or the buffer is full.
    pub fn echo(&self, l: &OutputLine) {
        if !self.echo {
            return;
        }
        let full = {
            let mut p = self.pending.borrow_mut();
            let shown = match self.open.take() {
                Some((s, n)) if s == l.stream => n,
                Some(_) => {
                    // The other stream's line was cut short on the screen: end it there.
                    p.push(b'\n');
                    0
                }
                None => 0,
            };
            push_sanitized(&mut p, l.bytes.get(shown..).unwrap_or_default());
            p.push(b'\n');
            p.len() >= ECHO_BUF
        };
        if full {
            self.flush();
        }
    }

    /// Echoes the start of a line the command has not ended yet (written at the next
    /// [`Ui::flush`], which comes as soon as the command pauses); [`Ui::echo`] then adds only
    /// the rest of the line.
    pub fn echo_partial(&self, stream: Stream, bytes: &[u8]) {
        if !self.echo {
            return;
        }
        let mut p = self.pending.borrow_mut();
        let shown = match self.open.get() {
            Some((s, n)) if s == stream => n,
            Some(_) => {
                p.push(b'\n');
                0
            }
            None => 0,
        };
        push_sanitized(&mut p, bytes);
        self.open.set(Some((stream, shown + bytes.len())));
    }

    /// Writes the echoed lines, then redraws the progress line (one `write`).
    pub fn flush(&self) {
        let mut buf = std::mem::take(&mut *self.pending.borrow_mut());
        if buf.is_empty() && !self.tty {
            return;
        }
        if !buf.is_empty() && self.shown.replace(false) {
            buf.splice(0..0, b"\r\x1b[2K".iter().copied());
        }
        // (not while a line is half shown: the progress line would wipe it)
        if self.tty && self.open.get().is_none() {
            self.draw_into(&mut buf);
        }
        if !buf.is_empty() {
            let _ = io::stderr().lock().write_all(&buf);
        }
        buf.clear();
        let mut p = self.pending.borrow_mut();
        if p.is_empty() {
            // Keep the allocation for the next burst.
            *p = buf;
        }
    }

    /// Is a progress line drawn (so that computing its text is worth it)?
    pub fn wants_progress(&self) -> bool {
        self.tty
    }

    /// Starts timing a command for the progress line.
    pub fn start_timer(&self) {
        self.started.set(Some(Instant::now()));
    }

    /// No output for a while: redraw the progress line (its clock) at least once a second.
    pub fn tick(&self) {
        if !self.tty || self.line.borrow().is_empty() {
            return;
        }
        let now = Instant::now();
        if self
            .last
            .get()
            .is_some_and(|t| now.duration_since(t) < Duration::from_secs(1))
        {
            return;
        }
        self.last.set(Some(now));
        self.flush();
    }

    /// Updates the one-line progress indicator (terminal only, at most 10 times a second).
    pub fn progress(&self, text: &str) {
        if !self.tty {
            return;
        }
        {
            let mut line = self.line.borrow_mut();
            line.clear();
            line.push_str(text);
        }
        let now = Instant::now();
        if self
            .last
            .get()
            .is_some_and(|t| now.duration_since(t) < Duration::from_millis(100))
        {
            return;
        }
        self.last.set(Some(now));
        self.flush();
    }

    fn draw_into(&self, buf: &mut Vec<u8>) {
        let line = self.line.borrow();
        if line.is_empty() {
            return;
        }
        let elapsed = self
            .started
            .get()
            .map_or(Duration::ZERO, |t| t.elapsed())
            .as_secs();
        let full = format!(
            "[wparup {:02}:{:02}] {}",
            elapsed / 60,
            elapsed % 60,
            clean(&line)
        );
        // One character short of the width: a full row would wrap on some terminals, and a
        // wrapped row leaves stale lines that `\r\x1b[2K` cannot clear.
        let width = crate::sys::terminal_width(2)
            .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
            .unwrap_or(80)
            .max(10);
        let shown: String = full.chars().take(width - 1).collect();
        buf.extend_from_slice(b"\r\x1b[2K");
        buf.extend_from_slice(shown.as_bytes());
        self.shown.set(true);
    }

    /// Writes pending echo and removes the progress line, before other output.
    pub fn clear_progress(&self) {
        let mut buf = std::mem::take(&mut *self.pending.borrow_mut());
        if self.shown.replace(false) {
            buf.splice(0..0, b"\r\x1b[2K".iter().copied());
        }
        if self.open.take().is_some() {
            // A half-shown line: what follows starts on a line of its own (the line is echoed
            // whole once it ends).
            buf.push(b'\n');
        }
        if !buf.is_empty() {
            let _ = io::stderr().lock().write_all(&buf);
        }
    }

    /// Ends progress for the current command.
    pub fn done(&self) {
        self.clear_progress();
        self.line.borrow_mut().clear();
    }

    /// A note on stderr (`wparup: …`), unless `--quiet`.
    pub fn info(&self, msg: &str) {
        if self.quiet {
            return;
        }
        self.clear_progress();
        let _ = writeln!(io::stderr().lock(), "wparup: {}", clean(msg));
    }

    /// A warning on stderr, always.
    pub fn warn(&self, msg: &str) {
        self.clear_progress();
        let _ = writeln!(io::stderr().lock(), "warning: {}", clean(msg));
    }
}

/// Appends `b` as [`sanitize`] shows it; printable ASCII is copied as it is.
fn push_sanitized(out: &mut Vec<u8>, b: &[u8]) {
    if b.iter().all(|&c| (0x20..0x7f).contains(&c) || c == b'\t') {
        out.extend_from_slice(b);
    } else {
        out.extend_from_slice(sanitize(b).as_bytes());
    }
}

/// Lossy text with control characters (other than TAB) shown as `\xHH`.
pub fn sanitize(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(b);
    if !s.chars().any(|c| c.is_control() && c != '\t') {
        return s.into_owned();
    }
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                format!("\\x{:02x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Human text with every control character but newline and TAB shown as `\xHH`: AIX output,
/// WPAR names and paths from a log may carry terminal escape sequences, which must never reach
/// the admin's terminal.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    // Printable ASCII (nearly all of it) is answered a byte at a time, without decoding.
    let plain = |b: &u8| (0x20..0x7f).contains(b) || *b == b'\n' || *b == b'\t';
    if s.as_bytes().iter().all(plain)
        || !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The width human output must fit: stdout's terminal, else `COLUMNS`; None (no limit) when
/// stdout is a file or pipe and `COLUMNS` is unset, so scripts see one line per row.
pub fn out_width() -> Option<usize> {
    crate::sys::terminal_width(1)
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .map(|w: usize| w.max(40))
}

/// Wraps text to `width` columns at spaces, continuing a line at its own indentation, or, for an
/// option line (`  -d, --device <DIR>  Directory …`), under the start of its description.
/// (clap's own wrapping needs its `wrap_help` feature, which does not build for AIX.)
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        if line.chars().count() <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let mut hang = indent;
        let body = &line[indent..];
        // A term and its description (`  -d, --dir <DIR>  The media…`, `  check-media  Predict…`,
        // `  11   media incomplete`): continue under the description; when the term leaves no
        // room, the description goes under the term, indented.
        if let Some(gap) = body.find("  ")
            && indent > 0
            && {
                let term = &body[..gap];
                term.starts_with(['-', '[', '<']) || !term.contains(' ')
            }
        {
            let rest = body[gap..].trim_start();
            let after = indent + gap + (body.len() - gap - rest.len());
            if after < width / 2 {
                hang = after;
            } else if !rest.is_empty() {
                out.push_str(&line[..indent + gap]);
                out.push('\n');
                out.push_str(&wrap(&format!("{}{rest}", " ".repeat(indent + 4)), width));
                continue;
            }
        }
        let mut col = 0;
        let mut first = true;
        for word in body.split(' ') {
            let w = word.chars().count();
            if first {
                out.push_str(&line[..indent]);
                out.push_str(word);
                col = indent + w;
                first = false;
            } else if col + 1 + w > width && col > hang && !word.is_empty() {
                out.push('\n');
                out.push_str(&" ".repeat(hang));
                out.push_str(word);
                col = hang + w;
            } else {
                out.push(' ');
                out.push_str(word);
                col += 1 + w;
            }
        }
        out.push('\n');
    }
    out
}

/// Writes text to stdout (control characters made visible: [`clean`]).
pub fn print_text(s: &str) -> io::Result<()> {
    let s = clean(s);
    // Tables pad their last column: no line ends in blanks.
    let s = if s.lines().any(|l| l.ends_with(' ')) {
        let mut t: String = s.lines().map(|l| format!("{}\n", l.trim_end())).collect();
        if !s.ends_with('\n') {
            t.pop();
        }
        std::borrow::Cow::Owned(t)
    } else {
        s
    };
    let mut out = io::stdout().lock();
    out.write_all(s.as_bytes())?;
    if !s.is_empty() && !s.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Writes one JSON document to stdout.
pub fn print_json<T: Serialize>(v: &T) -> io::Result<()> {
    // Built whole first: a value that cannot be serialized leaves stdout untouched (the caller
    // then prints the error's envelope), never half a document followed by a second one.
    let doc = json_doc(v)?;
    let mut out = io::stdout().lock();
    out.write_all(&doc)?;
    out.flush()
}

/// One JSON document, whole, in serde_json's pretty layout, with a final newline.
fn json_doc<T: Serialize>(v: &T) -> io::Result<Vec<u8>> {
    let mut doc = Doc(Vec::with_capacity(1 << 16));
    let mut ser = serde_json::Serializer::with_formatter(&mut doc, Pretty::default());
    v.serialize(&mut ser).map_err(io::Error::other)?;
    let mut doc = doc.0;
    doc.push(b'\n');
    Ok(doc)
}

/// The JSON document being built: a `Vec` whose one-byte writes (quotes, commas, brackets: a
/// third of the writes) are pushes, not copies.
struct Doc(Vec<u8>);

impl Write for Doc {
    #[inline]
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.write_all(b)?;
        Ok(b.len())
    }
    #[inline]
    fn write_all(&mut self, b: &[u8]) -> io::Result<()> {
        match b {
            [one] => self.0.push(*one),
            _ => self.0.extend_from_slice(b),
        }
        Ok(())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// serde_json's pretty layout (two spaces, `": "`, `[]` and `{}` when empty), byte for byte,
/// with each line break and its indentation written at once: a parse's JSON is thousands of
/// rows, and the stock formatter writes an indentation one level at a time.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// `,` when not `first`, a line break and the indentation of the current depth.
    fn new_line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        const BREAK: &[u8] = b"\n                                                                ";
        if !first {
            w.write_all(b",")?;
        }
        let mut want = 1 + 2 * self.depth;
        let mut head = BREAK;
        while want > 0 {
            let n = want.min(head.len());
            w.write_all(head.get(..n).unwrap_or_default())?;
            want -= n;
            head = BREAK.get(1..).unwrap_or_default();
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, b: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, b: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.new_line(w, true)?;
        }
        w.write_all(b)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.new_line(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.new_line(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes raw bytes to stdout (man page, completions).
pub fn print_bytes(b: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(b)?;
    out.flush()
}

/// A warning that goes to stderr whatever `-q` says (a run that is not what it seems).
pub fn print_warning(msg: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "wparup: warning: {}", clean(msg));
}

/// One line on stderr, as it is (control characters made visible).
pub fn print_warning_line(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", clean(line));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same bytes as serde_json's own pretty printer: empty and nested containers, strings
    /// that need escaping, and nesting deeper than one prepared indentation (33 levels).
    #[test]
    fn json_layout_is_serde_jsons_pretty_layout() {
        let mut deep = serde_json::json!({"leaf": [1, {}, []]});
        for i in 0..40 {
            deep = if i % 2 == 0 {
                serde_json::json!([deep, null])
            } else {
                serde_json::json!({"k": deep, "e": {}, "a": [], "s": "t\"\u{1}\u{e9}"})
            };
        }
        for v in [
            serde_json::json!(null),
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!({"a": [1, 2, {"b": []}], "c": "x"}),
            deep,
        ] {
            let mut want = serde_json::to_vec_pretty(&v).unwrap_or_default();
            want.push(b'\n');
            assert_eq!(json_doc(&v).unwrap_or_default(), want);
        }
    }
}
