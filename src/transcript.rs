//! The transcript format: what wparup records, replays, logs, and what an admin pastes.
//!
//! Specified in `docs/transcripts.md`. In short:
//!
//! ```text
//! #! wparup-transcript: 1            header: `#! key: value` lines, ended by `#! ---`
//! #! host: aixhost01
//! #! ---
//! # syncwpar -D -d /mnt/7100-00-03 wp_name      a step: the command line, shell-quoted
//! plain line                                    stdout (or a merged terminal paste)
//! #|#name:state                                 stdout, literal (for lines starting with `#`)
//! #2|syncwpar: 0960-264 Error …                 stderr, literal
//! #~|bad \xe9 byte\r                            stdout, escaped (`\\`, `\xHH`)
//! #2~|…                                         stderr, escaped
//! #! noeol                                      the previous line had no newline
//! #! exit: 1                                    how the step ended (or `signal: SIGTERM`, `timed-out`)
//! #! note: free text                            ignored
//! ```
//!
//! The writer escapes every line that is not valid UTF-8 or holds a control character other
//! than TAB, so record → replay is byte-exact.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Which stream a line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    /// Standard output (also: a merged paste).
    Stdout,
    /// Standard error.
    Stderr,
}

/// One line of output, without its newline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputLine {
    /// Where it came from.
    pub stream: Stream,
    /// The bytes, exactly.
    pub bytes: Vec<u8>,
    /// False for a last line that ended without a newline.
    pub eol: bool,
}

/// How a command ended.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Termination {
    /// Exited with this status.
    Exited(i32),
    /// Killed by this signal (name, e.g. `SIGTERM`).
    Signaled(String),
    /// wparup's timeout killed it.
    TimedOut,
    /// Not known (a pasted log without an exit line).
    Unknown,
}

impl Termination {
    /// Exited with status 0.
    pub fn success(&self) -> bool {
        matches!(self, Termination::Exited(0))
    }

    /// Is the end known at all?
    pub fn known(&self) -> bool {
        !matches!(self, Termination::Unknown)
    }
}

impl fmt::Display for Termination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Termination::Exited(c) => write!(f, "exit status {c}"),
            Termination::Signaled(s) => write!(f, "killed by {s}"),
            Termination::TimedOut => f.write_str("timed out"),
            Termination::Unknown => f.write_str("unknown end"),
        }
    }
}

/// One recorded command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Program and arguments, as bytes.
    pub argv: Vec<std::ffi::OsString>,
    /// 1-based line of the `# command` line.
    pub line: usize,
    /// The output, in order.
    pub output: Vec<OutputLine>,
    /// How it ended.
    pub termination: Termination,
}

impl Step {
    /// The program's base name (`/usr/sbin/syncwpar` → `syncwpar`).
    pub fn program(&self) -> String {
        let p = self
            .argv
            .first()
            .map(|a| a.to_string_lossy().into_owned())
            .unwrap_or_default();
        p.rsplit('/').next().unwrap_or(&p).to_string()
    }
}

/// A parsed transcript file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Transcript {
    /// Header pairs, in order.
    pub header: Vec<(String, String)>,
    /// Output lines before the first command line (a raw log with no prompt).
    pub preamble: Vec<OutputLine>,
    /// 1-based line of the first of them.
    pub preamble_line: Option<usize>,
    /// The steps.
    pub steps: Vec<Step>,
}

impl Transcript {
    /// A header value.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.header
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A transcript could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TranscriptError {
    /// The file could not be read.
    #[error("cannot read transcript `{}`", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// A line breaks the format.
    #[error("{}:{line}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The header lacks what the caller needs.
    #[error("transcript `{}`: {message}", file.display())]
    Header {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// The wparup command line recorded in a transcript's `#! argv:` header (logs and
/// `--record` files write it; so does every scenario fixture). Reads only the header.
pub fn read_argv(path: &Path) -> Result<Vec<std::ffi::OsString>, TranscriptError> {
    use std::io::BufRead;
    let f = std::fs::File::open(path).map_err(|source| TranscriptError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let header_err = |message: String| TranscriptError::Header {
        file: path.to_path_buf(),
        message,
    };
    for line in io::BufReader::new(f).split(b'\n').take(64) {
        let line = line.map_err(|source| TranscriptError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches('\r');
        if let Some(v) = line.strip_prefix("#! argv:") {
            let argv = argv_split(v.trim())
                .map_err(|m| header_err(format!("bad `#! argv:` line: {m}")))?;
            if argv.is_empty() {
                return Err(header_err("empty `#! argv:` line".into()));
            }
            return Ok(argv);
        }
        if line == "#! ---" || !line.starts_with("#!") {
            break;
        }
    }
    Err(header_err(
        "no `#! argv:` line in its header: it was not written by wparup 0.2 or later".into(),
    ))
}

/// Parses a transcript. `path` is only used in error messages.
pub fn parse(data: &[u8], path: &Path) -> Result<Transcript, TranscriptError> {
    let mut t = Transcript::default();
    let mut in_header = true;
    let mut last_header: Option<usize> = None;
    let err = |line: usize, message: String| TranscriptError::Syntax {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut pieces: Vec<&[u8]> = data.split(|b| *b == b'\n').collect();
    if data.ends_with(b"\n") {
        pieces.pop();
    }
    for (i, raw) in pieces.into_iter().enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        let out = |s: Stream, b: Vec<u8>| OutputLine {
            stream: s,
            bytes: b,
            eol: true,
        };
        if let Some(d) = line.strip_prefix(b"#!") {
            let d =
                std::str::from_utf8(d).map_err(|_| err(n, "a `#!` line must be UTF-8".into()))?;
            if d.trim() == "---" {
                in_header = false;
                continue;
            }
            if in_header && t.steps.is_empty() && t.preamble.is_empty() {
                if d.starts_with("  ") || d.starts_with('\t') {
                    // A wrapped header value.
                    if let Some(v) = last_header.and_then(|k| t.header.get_mut(k)) {
                        v.1.push(' ');
                        v.1.push_str(d.trim());
                    }
                    continue;
                }
                let Some((k, v)) = d.split_once(':') else {
                    return Err(err(
                        n,
                        format!("header line `#!{d}` is not `#! key: value`"),
                    ));
                };
                t.header.push((k.trim().to_string(), v.trim().to_string()));
                last_header = Some(t.header.len() - 1);
                continue;
            }
            in_header = false;
            directive(&mut t, d.trim(), n).map_err(|m| err(n, m))?;
            continue;
        }
        if let Some(cmd) = line.strip_prefix(b"# ") {
            in_header = false;
            let cmd = std::str::from_utf8(cmd)
                .map_err(|_| err(n, "a command line must be UTF-8".into()))?;
            let argv = argv_split(cmd).map_err(|m| err(n, m))?;
            if argv.is_empty() {
                return Err(err(n, "empty command line after `# `".into()));
            }
            t.steps.push(Step {
                argv,
                line: n,
                output: Vec::new(),
                termination: Termination::Unknown,
            });
            continue;
        }
        in_header = false;
        let o = if let Some(rest) = line.strip_prefix(b"#2~|") {
            out(Stream::Stderr, unescape(rest).map_err(|m| err(n, m))?)
        } else if let Some(rest) = line.strip_prefix(b"#~|") {
            out(Stream::Stdout, unescape(rest).map_err(|m| err(n, m))?)
        } else if let Some(rest) = line.strip_prefix(b"#2|") {
            out(Stream::Stderr, rest.to_vec())
        } else if let Some(rest) = line.strip_prefix(b"#|") {
            out(Stream::Stdout, rest.to_vec())
        } else {
            out(Stream::Stdout, line.to_vec())
        };
        match t.steps.last_mut() {
            Some(s) => {
                if s.termination.known() {
                    return Err(err(
                        n,
                        format!(
                            "output after the end of step `{}` (line {}); start a new step with `# <command>`",
                            argv_join(&s.argv),
                            s.line
                        ),
                    ));
                }
                s.output.push(o);
            }
            None => {
                t.preamble_line.get_or_insert(n);
                t.preamble.push(o);
            }
        }
    }
    Ok(t)
}

fn directive(t: &mut Transcript, d: &str, n: usize) -> Result<(), String> {
    let (key, value) = match d.split_once(':') {
        Some((k, v)) => (k.trim(), v.trim()),
        None => (d, ""),
    };
    if key == "note" {
        return Ok(());
    }
    let last = || format!("`#! {key}` at line {n} has no command before it");
    match key {
        "noeol" => {
            let step_out = match t.steps.last_mut() {
                Some(s) => &mut s.output,
                None => &mut t.preamble,
            };
            let Some(l) = step_out.last_mut() else {
                return Err("`#! noeol` must follow an output line".into());
            };
            l.eol = false;
        }
        "exit" => {
            let s = t.steps.last_mut().ok_or_else(last)?;
            let code = value
                .parse::<i32>()
                .map_err(|_| format!("`#! exit: {value}` is not a number"))?;
            s.termination = Termination::Exited(code);
        }
        "signal" => {
            let s = t.steps.last_mut().ok_or_else(last)?;
            if value.is_empty() {
                return Err("`#! signal:` needs a signal name such as SIGTERM".into());
            }
            s.termination = Termination::Signaled(value.to_string());
        }
        "timed-out" => {
            let s = t.steps.last_mut().ok_or_else(last)?;
            s.termination = Termination::TimedOut;
        }
        other => {
            return Err(format!(
                "unknown directive `#! {other}` (known: exit, signal, timed-out, noeol, note)"
            ));
        }
    }
    Ok(())
}

/// Splits a command line the way a POSIX shell would for plain words and quotes (no expansion).
pub fn shell_split(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut have = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if have {
                    out.push(std::mem::take(&mut cur));
                    have = false;
                }
            }
            '\'' => {
                have = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => cur.push(ch),
                        None => return Err("unterminated single quote in command line".into()),
                    }
                }
            }
            '"' => {
                have = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(ch @ ('"' | '\\' | '$' | '`')) => cur.push(ch),
                            Some(ch) => {
                                cur.push('\\');
                                cur.push(ch);
                            }
                            None => return Err("unterminated double quote in command line".into()),
                        },
                        Some(ch) => cur.push(ch),
                        None => return Err("unterminated double quote in command line".into()),
                    }
                }
            }
            '\\' => {
                have = true;
                if let Some(ch) = chars.next() {
                    cur.push(ch);
                }
            }
            ch => {
                have = true;
                cur.push(ch);
            }
        }
    }
    if have {
        out.push(cur);
    }
    Ok(out)
}

/// Quotes one word for a POSIX shell (and for [`shell_split`]).
pub fn shell_quote(w: &str) -> String {
    let plain = !w.is_empty()
        && w.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'_' | b'.' | b'/' | b'=' | b':' | b',' | b'+' | b'@' | b'%' | b'-'
                )
        });
    if plain {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', r"'\''"))
    }
}

/// Quotes one argument given as bytes: [`shell_quote`] when it is printable UTF-8, else ksh93's
/// and bash's `$'…'` with `\xHH` for every byte that is not printable ASCII, so a name in
/// ISO8859-1 or holding a newline survives byte for byte ([`argv_split`] reads it back).
pub fn quote_bytes(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) if !s.chars().any(char::is_control) => shell_quote(s),
        _ => {
            let mut q = String::from("$'");
            for &c in b {
                match c {
                    b'\\' => q.push_str("\\\\"),
                    b'\'' => q.push_str("\\'"),
                    0x20..=0x7e => q.push(char::from(c)),
                    _ => q.push_str(&format!("\\x{c:02x}")),
                }
            }
            q.push('\'');
            q
        }
    }
}

/// Joins an argv given as OS strings (bytes on Unix), quoting each with [`quote_bytes`].
pub fn argv_join(argv: &[std::ffi::OsString]) -> String {
    use std::os::unix::ffi::OsStrExt;
    argv.iter()
        .map(|a| quote_bytes(a.as_bytes()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits what [`argv_join`] wrote (plain words, `'…'`, `"…"`, `\x`, and `$'…'` with `\xHH`,
/// `\n`, `\t`, `\\`, `\'`) back into the exact bytes.
pub fn argv_split(s: &str) -> Result<Vec<std::ffi::OsString>, String> {
    use std::os::unix::ffi::OsStringExt;
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut cur: Vec<u8> = Vec::new();
    let mut have = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        match c {
            b' ' | b'\t' => {
                if have {
                    out.push(std::ffi::OsString::from_vec(std::mem::take(&mut cur)));
                    have = false;
                }
            }
            b'$' if b.get(i) == Some(&b'\'') => {
                have = true;
                i += 1;
                loop {
                    match b.get(i) {
                        None => return Err("unterminated $'…' in command line".into()),
                        Some(b'\'') => {
                            i += 1;
                            break;
                        }
                        Some(b'\\') => {
                            let (byte, used) = match b.get(i + 1) {
                                Some(b'x') => {
                                    let hex = b
                                        .get(i + 2..i + 4)
                                        .and_then(|h| std::str::from_utf8(h).ok())
                                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                                        .ok_or("bad \\xHH escape in $'…'")?;
                                    (hex, 4)
                                }
                                Some(b'n') => (b'\n', 2),
                                Some(b't') => (b'\t', 2),
                                Some(b'r') => (b'\r', 2),
                                Some(&other) => (other, 2),
                                None => return Err("unterminated $'…' in command line".into()),
                            };
                            cur.push(byte);
                            i += used;
                        }
                        Some(&other) => {
                            cur.push(other);
                            i += 1;
                        }
                    }
                }
            }
            b'\'' => {
                have = true;
                let end = b[i..]
                    .iter()
                    .position(|&x| x == b'\'')
                    .ok_or("unterminated single quote in command line")?;
                cur.extend_from_slice(&b[i..i + end]);
                i += end + 1;
            }
            b'"' => {
                have = true;
                loop {
                    match b.get(i) {
                        None => return Err("unterminated double quote in command line".into()),
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(b'\\') if matches!(b.get(i + 1), Some(b'"' | b'\\' | b'$' | b'`')) => {
                            cur.push(b[i + 1]);
                            i += 2;
                        }
                        Some(&other) => {
                            cur.push(other);
                            i += 1;
                        }
                    }
                }
            }
            b'\\' => {
                have = true;
                if let Some(&n) = b.get(i) {
                    cur.push(n);
                    i += 1;
                }
            }
            other => {
                have = true;
                cur.push(other);
            }
        }
    }
    if have {
        out.push(std::ffi::OsString::from_vec(cur));
    }
    Ok(out)
}

/// Joins argv into a shell-quoted command line.
pub fn shell_join<S: AsRef<str>>(argv: &[S]) -> String {
    argv.iter()
        .map(|a| shell_quote(a.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Does this line need the escaped form?
fn needs_escape(b: &[u8]) -> bool {
    // Fast path: printable ASCII (and TAB), the bulk of every AIX log.
    if b.iter().all(|&c| (0x20..0x7f).contains(&c) || c == b'\t') {
        return false;
    }
    match std::str::from_utf8(b) {
        Ok(s) => s.chars().any(|c| c.is_control() && c != '\t'),
        Err(_) => true,
    }
}

/// `\\` for a backslash, `\xHH` for control characters and bytes that are not UTF-8.
pub fn escape(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len());
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => s.push_str("\\\\"),
                '\t' => s.push('\t'),
                c if c.is_control() => {
                    let mut buf = [0u8; 4];
                    for byte in c.encode_utf8(&mut buf).bytes() {
                        s.push_str(&format!("\\x{byte:02x}"));
                    }
                }
                c => s.push(c),
            }
        }
        for byte in chunk.invalid() {
            s.push_str(&format!("\\x{byte:02x}"));
        }
    }
    s
}

/// Reverses [`escape`].
pub fn unescape(b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        match b.get(i + 1) {
            Some(b'\\') => {
                out.push(b'\\');
                i += 2;
            }
            Some(b'x') => {
                let hex = b
                    .get(i + 2..i + 4)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or("bad `\\xHH` escape (two hex digits expected)")?;
                out.push(hex);
                i += 4;
            }
            _ => {
                return Err(
                    "bad escape: only `\\\\` and `\\xHH` are allowed in `#~|` lines".into(),
                );
            }
        }
    }
    Ok(out)
}

/// Writes transcripts. Header, step starts, step ends and notes are flushed at once; output
/// lines are buffered by the caller's writer and flushed by [`TranscriptWriter::flush`], which
/// the recording executor calls whenever the command has no more output pending, so a crash
/// loses at most the burst being written.
pub struct TranscriptWriter<W: Write> {
    w: W,
}

impl<W: Write> TranscriptWriter<W> {
    /// Wraps a writer.
    pub fn new(w: W) -> Self {
        TranscriptWriter { w }
    }

    /// Writes the header block.
    pub fn header(&mut self, pairs: &[(&str, String)]) -> io::Result<()> {
        let mut s = String::from("#! wparup-transcript: 1\n");
        for (k, v) in pairs {
            s.push_str(&format!("#! {k}: {}\n", v.replace('\n', " ")));
        }
        s.push_str("#! ---\n");
        self.w.write_all(s.as_bytes())?;
        self.w.flush()
    }

    /// Starts a step.
    pub fn step(&mut self, argv: &[std::ffi::OsString]) -> io::Result<()> {
        let s = format!("# {}\n", argv_join(argv));
        self.w.write_all(s.as_bytes())?;
        self.w.flush()
    }

    /// Writes one output line (not flushed: see [`TranscriptWriter::flush`]).
    pub fn line(&mut self, l: &OutputLine) -> io::Result<()> {
        let w = &mut self.w;
        if needs_escape(&l.bytes) {
            w.write_all(match l.stream {
                Stream::Stdout => b"#~|",
                Stream::Stderr => b"#2~|",
            })?;
            w.write_all(escape(&l.bytes).as_bytes())?;
        } else {
            match l.stream {
                Stream::Stdout if l.bytes.starts_with(b"#") => w.write_all(b"#|")?,
                Stream::Stdout => {}
                Stream::Stderr => w.write_all(b"#2|")?,
            }
            w.write_all(&l.bytes)?;
        }
        w.write_all(b"\n")?;
        if !l.eol {
            w.write_all(b"#! noeol\n")?;
        }
        Ok(())
    }

    /// Pushes buffered lines to the file.
    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    /// Ends a step.
    pub fn end(&mut self, t: &Termination) -> io::Result<()> {
        let s = match t {
            Termination::Exited(c) => format!("#! exit: {c}\n"),
            Termination::Signaled(sig) => format!("#! signal: {sig}\n"),
            Termination::TimedOut => "#! timed-out\n".into(),
            Termination::Unknown => "#! note: end unknown\n".into(),
        };
        self.w.write_all(s.as_bytes())?;
        self.w.flush()
    }

    /// Writes a note.
    pub fn note(&mut self, text: &str) -> io::Result<()> {
        self.w
            .write_all(format!("#! note: {}\n", text.replace('\n', " ")).as_bytes())?;
        self.w.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argv_round_trips_byte_for_byte() {
        use std::ffi::OsString;
        use std::os::unix::ffi::OsStringExt;
        let argv: Vec<OsString> = vec![
            "wparup".into(),
            "--json".into(),
            "sync".into(),
            "wp_name".into(),
            "-d".into(),
            OsString::from_vec(b"/mnt/m\xe9dia/7100".to_vec()),
            "two words".into(),
            "it's".into(),
            "line\nbreak".into(),
            "back\\slash $x".into(),
            "".into(),
        ];
        let line = argv_join(&argv);
        assert!(line.contains("$'/mnt/m\\xe9dia/7100'"), "{line}");
        assert!(!line.contains('\n'), "one line: {line}");
        assert_eq!(argv_split(&line).unwrap(), argv);
        assert!(argv_split("a $'\\x4'").is_err());
        assert!(argv_split("a 'open").is_err());
    }

    #[test]
    fn round_trip_is_byte_exact() {
        let lines = [
            OutputLine {
                stream: Stream::Stdout,
                bytes: b"plain".to_vec(),
                eol: true,
            },
            OutputLine {
                stream: Stream::Stdout,
                bytes: b"#name:state".to_vec(),
                eol: true,
            },
            OutputLine {
                stream: Stream::Stderr,
                bytes: b"err \\ x".to_vec(),
                eol: true,
            },
            OutputLine {
                stream: Stream::Stdout,
                bytes: b"caf\xe9\r".to_vec(),
                eol: true,
            },
            OutputLine {
                stream: Stream::Stdout,
                bytes: b"".to_vec(),
                eol: true,
            },
            OutputLine {
                stream: Stream::Stdout,
                bytes: b"# not a prompt".to_vec(),
                eol: true,
            },
            OutputLine {
                stream: Stream::Stderr,
                bytes: b"last".to_vec(),
                eol: false,
            },
        ];
        let mut buf = Vec::new();
        let mut w = TranscriptWriter::new(&mut buf);
        w.header(&[("host", "h".into())]).unwrap();
        w.step(&["syncwpar".into(), "-D".into(), "a b".into()])
            .unwrap();
        for l in &lines {
            w.line(l).unwrap();
        }
        w.end(&Termination::Signaled("SIGTERM".into())).unwrap();
        let t = parse(&buf, Path::new("x")).unwrap();
        assert_eq!(t.steps.len(), 1);
        assert_eq!(t.steps[0].argv, ["syncwpar", "-D", "a b"]);
        assert_eq!(t.steps[0].output, lines);
        assert_eq!(
            t.steps[0].termination,
            Termination::Signaled("SIGTERM".into())
        );
        assert_eq!(t.get("host"), Some("h"));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse(b"# lswpar\n#! bogus\n", Path::new("f.txt")).unwrap_err();
        assert_eq!(
            e.to_string().split(':').take(2).collect::<Vec<_>>(),
            ["f.txt", "2"]
        );
        assert!(parse(b"# 'open\n", Path::new("f")).is_err());
        assert!(parse(b"#~|\\q\n", Path::new("f")).is_err());
    }
}
