//! Writing transcripts: header, steps, lines (escaped when needed), ends.

use std::io::{self, Write};

use super::escape::{escape, needs_escape};
use crate::output::{OutputLine, Stream, Termination};
use crate::shell::argv_join;

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

    /// The underlying writer.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.w
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

    /// One `#! outcome:` line (after the last step).
    pub fn outcome(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.w, "#! outcome: {}", text.replace('\n', " "))
    }

    /// Writes a note.
    pub fn note(&mut self, text: &str) -> io::Result<()> {
        self.w
            .write_all(format!("#! note: {}\n", text.replace('\n', " ")).as_bytes())?;
        self.w.flush()
    }
}
