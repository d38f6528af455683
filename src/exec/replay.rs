//! Replays a transcript: each call must be the next recorded step (same program, same
//! arguments); its output lines and end are served exactly, through the same line callback as a
//! live run, so progress and parsing are exercised too.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use super::{ExecError, Executor, Invocation, Output, Termination};
use crate::transcript::{self, Step, Transcript, TranscriptError, argv_join};

/// The replay executor.
#[derive(Debug)]
pub struct Replay {
    file: PathBuf,
    steps: Vec<Step>,
    next: Cell<usize>,
    lenient: bool,
    /// The first call that found no step left (reported again by `finish`, so that a caller
    /// that treats the failed call as a warning cannot turn a short replay into a success).
    exhausted: std::cell::RefCell<Option<String>>,
}

impl Replay {
    /// Loads a transcript file. `lenient` allows unused steps at the end.
    pub fn load(file: &Path, lenient: bool) -> Result<Replay, ExecError> {
        let data = std::fs::read(file).map_err(|source| TranscriptError::Io {
            path: file.to_path_buf(),
            source,
        })?;
        let t = transcript::parse(&data, file)?;
        Self::from_transcript(t, file, lenient)
    }

    /// From a parsed transcript.
    pub fn from_transcript(t: Transcript, file: &Path, lenient: bool) -> Result<Replay, ExecError> {
        if let Some(line) = t.preamble_line {
            return Err(TranscriptError::Syntax {
                path: file.to_path_buf(),
                line,
                message: "output before the first `# <command>` line: a replay transcript needs the command each output belongs to".into(),
            }
            .into());
        }
        Ok(Replay {
            file: file.to_path_buf(),
            steps: t.steps,
            next: Cell::new(0),
            lenient,
            exhausted: std::cell::RefCell::new(None),
        })
    }
}

impl Executor for Replay {
    fn run(&self, inv: &Invocation, out: &mut dyn Output) -> Result<Termination, ExecError> {
        let i = self.next.get();
        let Some(step) = self.steps.get(i) else {
            self.exhausted
                .borrow_mut()
                .get_or_insert_with(|| inv.to_string());
            return Err(ExecError::Exhausted {
                file: self.file.clone(),
                actual: inv.to_string(),
            });
        };
        let same = step.program() == inv.program.name()
            && step.argv.get(1..).unwrap_or_default() == inv.args.as_slice();
        if !same {
            return Err(ExecError::Mismatch {
                file: self.file.clone(),
                line: step.line,
                step: i + 1,
                expected: argv_join(&step.argv),
                actual: inv.to_string(),
            });
        }
        self.next.set(i + 1);
        for l in &step.output {
            out.line(l);
        }
        out.idle();
        Ok(step.termination.clone())
    }

    fn finish(&self) -> Result<(), ExecError> {
        if let Some(actual) = self.exhausted.borrow().clone() {
            return Err(ExecError::Exhausted {
                file: self.file.clone(),
                actual,
            });
        }
        let i = self.next.get();
        match self.steps.get(i) {
            Some(step) if !self.lenient => Err(ExecError::Leftover {
                because: None,
                file: self.file.clone(),
                remaining: self.steps.len() - i,
                line: step.line,
                next: argv_join(&step.argv),
            }),
            _ => Ok(()),
        }
    }
}
