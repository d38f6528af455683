//! Replays a transcript: each call must be the next recorded step (same program, same
//! arguments); its output lines and end are served exactly, through the same line callback as a
//! live run, so progress and parsing are exercised too.
//!
//! The file is read as a stream ([`crate::transcript::Reader`]): one step ahead, one line at a
//! time, so a transcript of any size replays in bounded memory.

use std::cell::{Cell, RefCell};
use std::ffi::OsString;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use super::{ExecError, Executor, Invocation, Output, Termination};
use crate::shell::argv_join;
use crate::transcript::{Event, Reader, TranscriptError};

/// The replay executor.
pub struct Replay {
    file: PathBuf,
    reader: RefCell<Reader<BufReader<File>>>,
    /// The next step's command line and line number, already read.
    next: RefCell<Option<(Vec<OsString>, usize)>>,
    /// Steps served so far.
    served: Cell<usize>,
    lenient: bool,
    /// The first call that found no step left (reported again by `finish`, so that a caller
    /// that treats the failed call as a warning cannot turn a short replay into a success).
    exhausted: RefCell<Option<String>>,
    /// The transcript says it was written by wparup (`#! wparup-transcript:`): every step of it
    /// ends with its `#! exit` (or signal, time-out) line, so one without is a cut file.
    written_by_wparup: Cell<bool>,
}

impl std::fmt::Debug for Replay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replay").field("file", &self.file).finish()
    }
}

fn program(argv: &[OsString]) -> String {
    let p = argv
        .first()
        .map(|a| a.to_string_lossy().into_owned())
        .unwrap_or_default();
    p.rsplit('/').next().unwrap_or(&p).to_string()
}

impl Replay {
    /// Opens a transcript file. `lenient` allows unused steps at the end.
    pub fn load(file: &Path, lenient: bool) -> Result<Replay, ExecError> {
        let f = File::open(file).map_err(|source| TranscriptError::Io {
            path: file.to_path_buf(),
            source,
        })?;
        let replay = Replay {
            file: file.to_path_buf(),
            // 256 KB reads: a transcript is read straight through.
            reader: RefCell::new(Reader::new(BufReader::with_capacity(1 << 18, f), file)),
            next: RefCell::new(None),
            served: Cell::new(0),
            lenient,
            exhausted: RefCell::new(None),
            written_by_wparup: Cell::new(false),
        };
        replay.advance(&mut |_| {})?;
        Ok(replay)
    }

    /// Reads up to the next step, handing output lines to `line` and returning the last end
    /// seen; stores the next step (if any) in `self.next`.
    fn advance(
        &self,
        line: &mut dyn FnMut(&crate::exec::OutputLine),
    ) -> Result<Termination, ExecError> {
        let mut r = self.reader.borrow_mut();
        let mut end = Termination::Unknown;
        let mut ended = false;
        let cut = |step_line: Option<usize>| -> ExecError {
            TranscriptError::Syntax {
                path: self.file.clone(),
                line: step_line.unwrap_or(0),
                message: "this step has no end (`#! exit: N`): the transcript was cut inside it, so it cannot say how the command ended".into(),
            }
            .into()
        };
        let current = self.next.borrow().as_ref().map(|(_, n)| *n);
        loop {
            // Plain output lines straight to `line` (the common case, millions of them).
            r.plain_lines(&mut |l| line(l))?;
            let Some(e) = r.next_event()? else { break };
            match e {
                Event::Header(k, _) if k == "wparup-transcript" => {
                    self.written_by_wparup.set(true);
                }
                Event::Header(..) => {}
                Event::Preamble(_, n) => {
                    return Err(TranscriptError::Syntax {
                        path: self.file.clone(),
                        line: n,
                        message: "output before the first `# <command>` line: a replay transcript needs the command each output belongs to".into(),
                    }
                    .into());
                }
                Event::Step(argv, n) => {
                    if current.is_some() && !ended && self.written_by_wparup.get() {
                        return Err(cut(current));
                    }
                    *self.next.borrow_mut() = Some((argv, n));
                    return Ok(end);
                }
                Event::Line(l) => {
                    tracing::trace!(?l.stream, text = %String::from_utf8_lossy(&l.bytes), "output");
                    line(&l);
                    r.recycle(l.bytes);
                }
                Event::End(t) => {
                    end = t;
                    ended = true;
                }
                // The live run was interrupted during this step (it forwarded a signal): the
                // replay is interrupted at the same point, and ends as the run did (exit 130).
                Event::Note(text) if is_interruption(&text) => super::system::mark_interrupted(),
                Event::Note(_) | Event::Outcome(_) => {}
            }
        }
        if current.is_some() && !ended && self.written_by_wparup.get() {
            return Err(cut(current));
        }
        *self.next.borrow_mut() = None;
        Ok(end)
    }
}

impl Executor for Replay {
    fn run(&self, inv: &Invocation, out: &mut dyn Output) -> Result<Termination, ExecError> {
        let Some((argv, line)) = self.next.borrow().clone() else {
            self.exhausted
                .borrow_mut()
                .get_or_insert_with(|| inv.to_string());
            return Err(ExecError::Exhausted {
                file: self.file.clone(),
                actual: inv.to_string(),
            });
        };
        let same = program(&argv) == inv.program.name()
            && argv.get(1..).unwrap_or_default() == inv.args.as_slice();
        if !same {
            return Err(ExecError::Mismatch {
                file: self.file.clone(),
                line,
                step: self.served.get() + 1,
                expected: argv_join(&argv),
                actual: inv.to_string(),
            });
        }
        self.served.set(self.served.get() + 1);
        tracing::debug!(step = self.served.get(), line, "replaying");
        let end = self.advance(&mut |l| out.line(l))?;
        out.idle();
        Ok(end)
    }

    fn finish(&self) -> Result<(), ExecError> {
        if let Some(actual) = self.exhausted.borrow().clone() {
            return Err(ExecError::Exhausted {
                file: self.file.clone(),
                actual,
            });
        }
        let Some((argv, line)) = self.next.borrow().clone() else {
            return Ok(());
        };
        if self.lenient {
            return Ok(());
        }
        // Count what is left (streaming: the steps are read, their output skipped).
        let mut remaining = 1;
        loop {
            self.advance(&mut |_| {})?;
            if self.next.borrow().is_none() {
                break;
            }
            remaining += 1;
        }
        Err(ExecError::Leftover {
            because: None,
            file: self.file.clone(),
            remaining,
            line,
            next: argv_join(&argv),
        })
    }
}

/// Does a `#! note:` record that wparup was interrupted during the step (the notes
/// [`super::system::System`] writes when it forwards a signal)?
fn is_interruption(note: &str) -> bool {
    [
        "wparup forwarded ",
        "wparup got a second signal",
        "wparup was interrupted",
    ]
    .iter()
    .any(|p| note.starts_with(p))
}
