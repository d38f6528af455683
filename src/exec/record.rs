//! Records what another executor runs: each step is appended to every target transcript as it
//! happens (command line first, then each line, then the end), so a crash mid-run still leaves
//! everything that was seen up to the last burst. Used for `--record FILE` and for the log of
//! every live run.
//!
//! Output lines go through a `BufWriter` and are flushed whenever the command has nothing more
//! pending ([`Output::idle`]), and at every step's start and end: one write per burst of output,
//! not one per line.

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::{Captured, ExecError, Executor, Invocation, Output, OutputLine, Stream, Termination};
use crate::transcript::TranscriptWriter;

/// Buffer of one transcript file.
const BUF: usize = 64 * 1024;

/// The most a transcript holds of commands' output, in MiB (`WPARUP_LOG_CAP_MB` overrides): a
/// runaway command must not fill `/var/adm` (1.4 GB in 4 s, reliability review O08). Past it, a
/// step keeps its last [`TAIL_LINES`] lines (where the trailer and the summaries are) and a
/// `#! note:` says how much was not logged.
pub const LOG_CAP_MB: u64 = 256;

/// Lines of a step kept after the cap, at most [`TAIL_BYTES`].
const TAIL_LINES: usize = 2000;
const TAIL_BYTES: usize = 2 << 20;

fn log_cap() -> u64 {
    std::env::var("WPARUP_LOG_CAP_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(LOG_CAP_MB)
        .saturating_mul(1 << 20)
}

/// Past the cap: the last lines of the current step, and what was left out.
#[derive(Default)]
struct Tail {
    lines: std::collections::VecDeque<OutputLine>,
    bytes: usize,
    dropped_lines: u64,
    dropped_bytes: u64,
}

/// Counts what reached the file, for "how much of the log was kept".
struct Counting {
    f: File,
    written: u64,
}

impl Write for Counting {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let n = self.f.write(b)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.f.flush()
    }
}

type Writer = TranscriptWriter<BufWriter<Counting>>;

/// One transcript being written. The file is created (mode 0600) when the first step starts,
/// so a run refused before any command ran leaves no log behind.
pub struct RecordFile {
    path: PathBuf,
    /// A log wparup names itself: created new (`O_EXCL`), never an existing file.
    exclusive: bool,
    header: Vec<(String, String)>,
    w: Option<Writer>,
    /// The first write error, and how many bytes had reached the file by then.
    failed: Option<(std::io::Error, u64)>,
    /// The output cap in bytes, and, once it is reached, the step's tail.
    cap: u64,
    tail: Option<Tail>,
}

impl RecordFile {
    /// A transcript to be written to `path` (truncated when created) with this header.
    pub fn new(path: &Path, header: &[(&str, String)]) -> RecordFile {
        RecordFile {
            path: path.to_path_buf(),
            exclusive: false,
            header: header
                .iter()
                .map(|(k, v)| ((*k).to_string(), v.clone()))
                .collect(),
            w: None,
            failed: None,
            cap: log_cap(),
            tail: None,
        }
    }

    /// The transcript file this target writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A run's log at `path`, a name wparup chose: created new, never opened if anything (a
    /// file, a planted symbolic link) is already there.
    pub fn log(path: &Path, header: &[(&str, String)]) -> RecordFile {
        RecordFile {
            exclusive: true,
            ..RecordFile::new(path, header)
        }
    }

    /// Creates the file now, if not yet done (for `--record`: a bad path is refused up front).
    /// Never through a symbolic link (`O_NOFOLLOW`); a log is created new (`O_EXCL`); a
    /// `--record` path must be a regular file (opened without blocking, so a FIFO with no
    /// reader is refused at once instead of hanging).
    pub fn open(&mut self) -> std::io::Result<()> {
        if self.w.is_some() {
            return Ok(());
        }
        let mut o = std::fs::OpenOptions::new();
        o.write(true).mode(0o600);
        if self.exclusive {
            o.create_new(true).custom_flags(libc::O_NOFOLLOW);
        } else {
            o.create(true)
                .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        let f = o.open(&self.path).map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                std::io::Error::new(
                    e.kind(),
                    "it is a symbolic link: wparup writes no file through a link",
                )
            } else if e.raw_os_error() == Some(libc::ENXIO) {
                std::io::Error::new(e.kind(), "it is a FIFO with no reader")
            } else {
                e
            }
        })?;
        if !f.metadata()?.is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "it is not a regular file (a FIFO, a device or a directory)",
            ));
        }
        if !self.exclusive {
            f.set_len(0)?;
        }
        let mut w =
            TranscriptWriter::new(BufWriter::with_capacity(BUF, Counting { f, written: 0 }));
        let pairs: Vec<(&str, String)> = self
            .header
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        w.header(&pairs)?;
        self.w = Some(w);
        Ok(())
    }

    /// Was the file created?
    pub fn created(&self) -> bool {
        self.w.is_some()
    }

    /// Writes with `f`, unless an earlier write failed; keeps the first error.
    fn apply(&mut self, f: &mut dyn FnMut(&mut Writer) -> std::io::Result<()>) {
        if self.failed.is_some() {
            return;
        }
        let res = self.open().and_then(|()| match self.w.as_mut() {
            Some(w) => f(w),
            None => Ok(()),
        });
        if let Err(e) = res {
            let kept = self.w.as_mut().map_or(0, |w| w.get_mut().get_ref().written);
            self.failed = Some((e, kept));
        }
    }

    /// One output line: written, or past the cap kept in the step's tail.
    fn line(&mut self, l: &OutputLine) {
        let written = self.w.as_mut().map_or(0, |w| w.get_mut().get_ref().written);
        if self.tail.is_none() && written >= self.cap {
            self.tail = Some(Tail::default());
        }
        let Some(t) = self.tail.as_mut() else {
            self.apply(&mut |w| w.line(l));
            return;
        };
        t.bytes += l.bytes.len() + 1;
        t.lines.push_back(l.clone());
        while t.lines.len() > TAIL_LINES || t.bytes > TAIL_BYTES {
            let Some(old) = t.lines.pop_front() else {
                break;
            };
            t.bytes -= old.bytes.len() + 1;
            t.dropped_lines += 1;
            t.dropped_bytes += old.bytes.len() as u64 + 1;
        }
    }

    /// At a step's end: what the cap left out, said, then the step's last lines.
    fn flush_tail(&mut self) {
        let Some(t) = self.tail.as_mut() else { return };
        let lines: Vec<OutputLine> = t.lines.drain(..).collect();
        let (n, b) = (t.dropped_lines, t.dropped_bytes);
        t.bytes = 0;
        t.dropped_lines = 0;
        t.dropped_bytes = 0;
        if n > 0 {
            let note = format!(
                "{n} line(s) ({b} bytes) of this step's output were not logged: the log reached its cap of {} MiB (WPARUP_LOG_CAP_MB); its first part and the step's last lines are kept",
                self.cap >> 20
            );
            self.apply(&mut |w| w.note(&note));
        }
        for l in &lines {
            self.apply(&mut |w| w.line(l));
        }
    }

    /// The first write error in words, naming the file and how much of it was kept.
    pub fn failure(&self) -> Option<String> {
        self.failed.as_ref().map(|(e, kept)| {
            format!(
                "the transcript `{}` is incomplete: writing it failed after {kept} bytes ({e}); the run itself went on to its end",
                self.path.display()
            )
        })
    }
}

/// The recording decorator. A failed write never fails the run: it is reported by
/// [`Recording::failures`] (the caller turns it into a warning), and the command is read to its
/// end all the same.
pub struct Recording<'a> {
    inner: &'a dyn Executor,
    targets: RefCell<Vec<RecordFile>>,
}

impl<'a> Recording<'a> {
    /// Wraps `inner`.
    pub fn new(inner: &'a dyn Executor, targets: Vec<RecordFile>) -> Self {
        Recording {
            inner,
            targets: RefCell::new(targets),
        }
    }

    fn each(&self, f: &mut dyn FnMut(&mut Writer) -> std::io::Result<()>) {
        for t in self.targets.borrow_mut().iter_mut() {
            t.apply(f);
        }
    }

    fn each_line(&self, l: &OutputLine) {
        for t in self.targets.borrow_mut().iter_mut() {
            t.line(l);
        }
    }

    /// A step ends: each transcript writes what its cap kept for the end.
    fn end_step(&self) {
        for t in self.targets.borrow_mut().iter_mut() {
            t.flush_tail();
        }
    }

    /// Ends each transcript that a step created with the run's outcome (`#! outcome:` lines).
    pub fn outcome(&self, lines: &[String]) {
        for t in self.targets.borrow_mut().iter_mut() {
            if t.created() {
                for l in lines {
                    t.apply(&mut |w| w.outcome(l));
                }
                t.apply(&mut |w| w.flush());
            }
        }
    }

    /// What went wrong writing each transcript, in words.
    pub fn failures(&self) -> Vec<String> {
        self.targets
            .borrow()
            .iter()
            .filter_map(RecordFile::failure)
            .collect()
    }

    /// Was the transcript at `path` created (did any step run)?
    pub fn created(&self, path: &Path) -> bool {
        self.targets
            .borrow()
            .iter()
            .any(|t| t.path() == path && t.created())
    }
}

/// Tees the inner executor's output into the transcripts, then hands it on.
struct Tee<'r, 'a> {
    rec: &'r Recording<'a>,
    out: &'r mut dyn Output,
}

impl Output for Tee<'_, '_> {
    fn line(&mut self, l: &OutputLine) {
        self.rec.each_line(l);
        self.out.line(l);
    }

    fn idle(&mut self) {
        self.rec.each(&mut |w| w.flush());
        self.out.idle();
    }

    fn note(&mut self, text: &str) {
        self.rec.each(&mut |w| w.note(text));
        self.out.note(text);
    }

    fn tick(&mut self) {
        self.out.tick();
    }

    fn partial(&mut self, stream: Stream, bytes: &[u8]) {
        self.out.partial(stream, bytes);
    }
}

impl Executor for Recording<'_> {
    fn run(&self, inv: &Invocation, out: &mut dyn Output) -> Result<Termination, ExecError> {
        let argv = inv.argv();
        self.each(&mut |w| w.step(&argv));
        let res = self.inner.run(inv, &mut Tee { rec: self, out });
        self.end_step();
        match &res {
            Ok(t) => self.each(&mut |w| {
                w.flush()?;
                w.end(t)
            }),
            Err(e) => {
                let msg = format!("could not run: {e}");
                self.each(&mut |w| {
                    w.flush()?;
                    w.note(&msg)
                });
            }
        }
        res
    }

    fn run_many(&self, invs: &[Invocation], jobs: usize) -> Vec<Captured> {
        let outs = self.inner.run_many(invs, jobs);
        for (inv, r) in invs.iter().zip(&outs) {
            let argv = inv.argv();
            self.each(&mut |w| w.step(&argv));
            match r {
                Ok((lines, end)) => {
                    for l in lines {
                        self.each_line(l);
                    }
                    self.end_step();
                    self.each(&mut |w| {
                        w.flush()?;
                        w.end(end)
                    });
                }
                Err(e) => {
                    let msg = format!("could not run: {e}");
                    self.each(&mut |w| {
                        w.flush()?;
                        w.note(&msg)
                    });
                }
            }
        }
        outs
    }

    fn finish(&self) -> Result<(), ExecError> {
        for t in self.targets.borrow_mut().iter_mut() {
            if t.created() {
                t.apply(&mut |w| w.flush());
            }
        }
        self.inner.finish()
    }

    fn is_live(&self) -> bool {
        self.inner.is_live()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A log is created new: a file or a planted link already at its name is never written.
    #[test]
    fn a_log_never_opens_what_is_already_there() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "IMPORTANT").unwrap();
        let link = dir.path().join("log.txt");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(RecordFile::log(&link, &[]).open().is_err());
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, "old").unwrap();
        assert!(RecordFile::log(&plain, &[]).open().is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "IMPORTANT");
        assert_eq!(std::fs::read_to_string(&plain).unwrap(), "old");
        let new = dir.path().join("new.txt");
        RecordFile::log(&new, &[]).open().unwrap();
        assert!(new.is_file());
    }
}
