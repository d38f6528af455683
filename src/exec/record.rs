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
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::{ExecError, Executor, Invocation, Output, OutputLine, Termination};
use crate::transcript::TranscriptWriter;

/// Buffer of one transcript file.
const BUF: usize = 64 * 1024;

/// One transcript being written.
pub struct Target {
    path: PathBuf,
    w: TranscriptWriter<BufWriter<File>>,
}

impl Target {
    /// Creates (truncates) `path` and writes the header.
    pub fn create(path: &Path, header: &[(&str, String)]) -> Result<Target, ExecError> {
        let err = |source| ExecError::Record {
            path: path.to_path_buf(),
            source,
        };
        let f = File::create(path).map_err(err)?;
        let mut w = TranscriptWriter::new(BufWriter::with_capacity(BUF, f));
        w.header(header).map_err(err)?;
        Ok(Target {
            path: path.to_path_buf(),
            w,
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

type Writer = TranscriptWriter<BufWriter<File>>;

/// The recording decorator.
pub struct Recording<'a> {
    inner: &'a dyn Executor,
    targets: RefCell<Vec<Target>>,
    failure: RefCell<Option<ExecError>>,
}

impl<'a> Recording<'a> {
    /// Wraps `inner`.
    pub fn new(inner: &'a dyn Executor, targets: Vec<Target>) -> Self {
        Recording {
            inner,
            targets: RefCell::new(targets),
            failure: RefCell::new(None),
        }
    }

    /// Applies `f` to every target; the first write error is kept for [`Executor::finish`].
    fn each(&self, f: &mut dyn FnMut(&mut Writer) -> std::io::Result<()>) {
        for t in self.targets.borrow_mut().iter_mut() {
            if let Err(source) = f(&mut t.w) {
                let mut fail = self.failure.borrow_mut();
                if fail.is_none() {
                    *fail = Some(ExecError::Record {
                        path: t.path.clone(),
                        source,
                    });
                }
            }
        }
    }
}

/// Tees the inner executor's output into the transcripts, then hands it on.
struct Tee<'r, 'a> {
    rec: &'r Recording<'a>,
    out: &'r mut dyn Output,
}

impl Output for Tee<'_, '_> {
    fn line(&mut self, l: &OutputLine) {
        self.rec.each(&mut |w| w.line(l));
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
}

impl Executor for Recording<'_> {
    fn run(&self, inv: &Invocation, out: &mut dyn Output) -> Result<Termination, ExecError> {
        let argv = inv.argv();
        self.each(&mut |w| w.step(&argv));
        let res = self.inner.run(inv, &mut Tee { rec: self, out });
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

    fn finish(&self) -> Result<(), ExecError> {
        self.inner.finish()?;
        match self.failure.borrow_mut().take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn is_live(&self) -> bool {
        self.inner.is_live()
    }
}
