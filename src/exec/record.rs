//! Records what another executor runs: each step is appended to every target transcript as it
//! happens (command line first, then each line, then the end), so a crash mid-run still leaves
//! everything that was seen. Used for `--record FILE` and for the log of every live run.

use std::cell::RefCell;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::{ExecError, Executor, Invocation, OutputLine, Termination};
use crate::transcript::TranscriptWriter;

/// One transcript being written.
pub struct Target {
    path: PathBuf,
    w: TranscriptWriter<File>,
}

impl Target {
    /// Creates (truncates) `path` and writes the header.
    pub fn create(path: &Path, header: &[(&str, String)]) -> Result<Target, ExecError> {
        let err = |source| ExecError::Record {
            path: path.to_path_buf(),
            source,
        };
        let f = File::create(path).map_err(err)?;
        let mut w = TranscriptWriter::new(f);
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

    fn each(&self, f: &mut dyn FnMut(&mut TranscriptWriter<File>) -> std::io::Result<()>) {
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

impl Executor for Recording<'_> {
    fn run(
        &self,
        inv: &Invocation,
        sink: &mut dyn FnMut(&OutputLine),
    ) -> Result<Termination, ExecError> {
        let argv = inv.argv();
        self.each(&mut |w| w.step(&argv));
        let res = self.inner.run(inv, &mut |l| {
            self.each(&mut |w| w.line(l));
            sink(l);
        });
        match &res {
            Ok(t) => self.each(&mut |w| w.end(t)),
            Err(e) => {
                let msg = format!("could not run: {e}");
                self.each(&mut |w| w.note(&msg));
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
