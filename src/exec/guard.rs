//! The guard every run goes through: it counts the mutating AIX commands that ran (the
//! envelope's `changed`), and in preview mode refuses to run any (preview is safe by
//! construction, not by each subcommand's care).

use std::cell::Cell;

use super::{Captured, ExecError, Executor, Invocation, Output, Termination, capture};

/// Wraps the executor stack.
pub struct Guard<'a> {
    inner: &'a dyn Executor,
    preview: Cell<bool>,
    mutations: Cell<u32>,
    unchanged: Cell<u32>,
}

impl<'a> Guard<'a> {
    /// Wraps `inner`; not in preview mode.
    pub fn new(inner: &'a dyn Executor) -> Self {
        Guard {
            inner,
            preview: Cell::new(false),
            mutations: Cell::new(0),
            unchanged: Cell::new(0),
        }
    }

    /// From now on, refuse every mutating command.
    pub fn set_preview(&self, on: bool) {
        self.preview.set(on);
    }

    /// The last mutating command was refused by AIX before it changed anything (startwpar's
    /// 0960-667, syncwpar's 0960-582, installp's build-date refusal, migwpar finding nothing
    /// to migrate): it does not count as a change.
    pub fn refused_unchanged(&self) {
        self.unchanged.set(self.unchanged.get() + 1);
    }

    /// How many mutating commands may have changed the system: those started, less those AIX
    /// refused before changing anything (the envelope's `changed`).
    pub fn changes(&self) -> u32 {
        self.mutations.get().saturating_sub(self.unchanged.get())
    }
}

impl Executor for Guard<'_> {
    fn run(&self, inv: &Invocation, out: &mut dyn Output) -> Result<Termination, ExecError> {
        if inv.mutating() {
            if self.preview.get() {
                return Err(ExecError::PreviewRefused {
                    command: inv.to_string(),
                });
            }
            // Counted before it runs: a command that fails half-way may have changed the WPAR.
            self.mutations.set(self.mutations.get() + 1);
        }
        self.inner.run(inv, out)
    }

    fn run_many(&self, invs: &[Invocation], jobs: usize) -> Vec<Captured> {
        // Probes are read-only; a mutating one is refused (or counted) as in `run`.
        if invs.iter().any(Invocation::mutating) {
            return invs.iter().map(|inv| capture(self, inv)).collect();
        }
        self.inner.run_many(invs, jobs)
    }

    fn finish(&self) -> Result<(), ExecError> {
        self.inner.finish()
    }

    fn is_live(&self) -> bool {
        self.inner.is_live()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exec::{OutputLine, Program};

    /// Runs everything successfully, silently.
    struct Yes;
    impl Executor for Yes {
        fn run(&self, _: &Invocation, _: &mut dyn Output) -> Result<Termination, ExecError> {
            Ok(Termination::Exited(0))
        }
    }

    #[test]
    fn preview_mode_refuses_every_mutating_command_and_counts_none() {
        let g = Guard::new(&Yes);
        g.set_preview(true);
        let mut sink = |_: &OutputLine| {};
        for p in [
            Program::Startwpar,
            Program::Stopwpar,
            Program::Rebootwpar,
            Program::Migwpar,
            Program::Syncwpar,
            Program::Inutoc,
        ] {
            let inv = Invocation::new(p, ["wp_name"]);
            let e = g.run(&inv, &mut sink).unwrap_err();
            assert!(matches!(e, ExecError::PreviewRefused { .. }), "{p:?}: {e}");
        }
        // Read-only commands and syncwpar's own preview (-p) run.
        for inv in [
            Invocation::new(Program::Lswpar, ["-cG"]),
            Invocation::new(Program::Syncwpar, ["-p", "wp_name"]),
            Invocation::new(Program::Oslevel, ["-s"]),
        ] {
            assert_eq!(g.run(&inv, &mut sink).unwrap(), Termination::Exited(0));
        }
        assert_eq!(g.changes(), 0);
    }

    #[test]
    fn a_mutating_command_counts_even_when_it_fails() {
        struct Fails;
        impl Executor for Fails {
            fn run(&self, _: &Invocation, _: &mut dyn Output) -> Result<Termination, ExecError> {
                Ok(Termination::Exited(1))
            }
        }
        let g = Guard::new(&Fails);
        let mut sink = |_: &OutputLine| {};
        g.run(&Invocation::new(Program::Lswpar, ["-cG"]), &mut sink)
            .unwrap();
        assert_eq!(g.changes(), 0);
        g.run(&Invocation::new(Program::Syncwpar, ["wp_name"]), &mut sink)
            .unwrap();
        assert_eq!(g.changes(), 1);
    }
}
