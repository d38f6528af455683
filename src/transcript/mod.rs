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
//!
//! This module holds the error type and `read_argv`; [`reader`] reads the format as a stream of
//! events, [`escape`] escapes output lines, [`writer`] writes it. The line and end types are
//! [`crate::output`]'s; command lines are quoted by [`crate::shell`].

mod escape;
mod reader;
mod writer;

pub use escape::unescape;
pub use reader::{Event, Reader};
pub use writer::TranscriptWriter;

use std::io;
use std::path::{Path, PathBuf};

/// A transcript could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TranscriptError {
    /// The file could not be read.
    #[error("cannot read transcript `{}`", path.display())]
    Io {
        /// The file, as given or found.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// A line breaks the format.
    #[error("{}:{line}: {message}", path.display())]
    Syntax {
        /// The file, as given or found.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The header lacks what the caller needs.
    #[error("transcript `{}`: {message}", file.display())]
    Header {
        /// The file, as given or found.
        file: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// The wparup command line recorded in a transcript's `#! argv:` header (logs and
/// `--record` files write it; so does every scenario fixture). Reads only the header.
pub fn read_argv(path: &Path) -> Result<Vec<std::ffi::OsString>, TranscriptError> {
    let header_err = |message: String| TranscriptError::Header {
        file: path.to_path_buf(),
        message,
    };
    let Some(v) = read_header_value(path, "argv")? else {
        return Err(header_err(
            "no `#! argv:` line in its header: it was not written by wparup 0.2 or later".into(),
        ));
    };
    let argv = crate::shell::argv_split(v.trim())
        .map_err(|m| header_err(format!("bad `#! argv:` line: {m}")))?;
    if argv.is_empty() {
        return Err(header_err("empty `#! argv:` line".into()));
    }
    Ok(argv)
}

/// One `#! KEY: value` of a transcript's header (`argv`, `date`, …), or None. Reads only the
/// header.
pub fn read_header_value(path: &Path, key: &str) -> Result<Option<String>, TranscriptError> {
    use std::io::{BufRead, Read};
    let f = std::fs::File::open(path).map_err(|source| TranscriptError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // At most 64 header lines of at most 64 KiB each: a header is a few short lines, and a
    // file that is not a transcript (`/dev/zero`, a binary) must not be read whole (T18).
    const MAX_HEADER_LINE: u64 = 64 * 1024;
    let prefix = format!("#! {key}:");
    let mut r = io::BufReader::new(f);
    for _ in 0..64 {
        let mut line = Vec::new();
        let got = (&mut r)
            .take(MAX_HEADER_LINE + 1)
            .read_until(b'\n', &mut line)
            .map_err(|source| TranscriptError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        if got == 0 {
            break;
        }
        if line.len() as u64 > MAX_HEADER_LINE {
            return Err(TranscriptError::Header {
                file: path.to_path_buf(),
                message: format!(
                    "a header line longer than {} KiB: this is not a wparup transcript",
                    MAX_HEADER_LINE / 1024
                ),
            });
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches('\r');
        if let Some(v) = line.strip_prefix(&prefix) {
            return Ok(Some(v.trim().to_string()));
        }
        if line == "#! ---" || !line.starts_with("#!") {
            break;
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exec::Stream;
    use crate::output::{OutputLine, Termination};

    /// The replay's fast lane delivers exactly the lines `next_event` does, in order, whatever
    /// mixes with them: stderr and escaped lines, `#! noeol`, notes, CRs, several steps, and a
    /// buffer so small that lines are cut by its end.
    #[test]
    fn plain_lines_deliver_what_next_event_does() {
        let text: &[u8] = b"#! wparup-transcript: 1\n#! ---\n# syncwpar w1\nplain one\r\nplain two\n#2|on stderr\nplain three\n#! noeol\n#~|esc\\x41ped\nplain four\n#! note: a note\nplain five\n#! exit: 0\n# syncwpar w2\nother one\nother two\n#! exit: 1\n";
        let slow = {
            let mut r = Reader::new(text, Path::new("t"));
            let mut v = Vec::new();
            while let Some(e) = r.next_event().unwrap() {
                v.push(e);
            }
            v
        };
        for cap in [1usize, 3, 7, 64, 4096] {
            let mut r = Reader::new(std::io::BufReader::with_capacity(cap, text), Path::new("t"));
            let mut v: Vec<Event> = Vec::new();
            loop {
                let mut lines = Vec::new();
                r.plain_lines(&mut |l| lines.push(Event::Line(l.clone())))
                    .unwrap();
                v.extend(lines);
                match r.next_event().unwrap() {
                    Some(e) => v.push(e),
                    None => break,
                }
            }
            assert_eq!(v, slow, "buffer of {cap} bytes");
        }
        assert!(slow.iter().any(|e| matches!(e, Event::Line(l) if !l.eol)));
    }

    // A whole transcript in memory, read through the streaming reader (the tests' view).
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

    /// A parsed transcript file.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct Transcript {
        /// Header pairs, in order.
        pub header: Vec<(String, String)>,
        /// Output lines before the first command line (a raw log with no prompt).
        pub preamble: Vec<OutputLine>,
        /// 1-based line of the first of them.
        pub preamble_line: Option<usize>,
        /// The steps, in order.
        pub steps: Vec<Step>,
    }

    /// Parses a whole transcript held in memory (`path` names it in errors). For files of any
    /// size, read them with [`Reader`] instead.
    pub fn parse(data: &[u8], path: &Path) -> Result<Transcript, TranscriptError> {
        let mut t = Transcript::default();
        let mut r = Reader::new(data, path);
        while let Some(e) = r.next_event()? {
            match e {
                Event::Header(k, v) => t.header.push((k, v)),
                Event::Note(_) | Event::Outcome(_) => {}
                Event::Preamble(l, n) => {
                    t.preamble_line.get_or_insert(n);
                    t.preamble.push(l);
                }
                Event::Step(argv, line) => t.steps.push(Step {
                    argv,
                    line,
                    output: Vec::new(),
                    termination: Termination::Unknown,
                }),
                Event::Line(l) => {
                    if let Some(s) = t.steps.last_mut() {
                        s.output.push(l);
                    }
                }
                Event::End(end) => {
                    if let Some(s) = t.steps.last_mut() {
                        s.termination = end;
                    }
                }
            }
        }
        Ok(t)
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
        assert!(t.header.iter().any(|(k, v)| k == "host" && v == "h"));
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
