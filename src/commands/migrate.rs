//! `wparup migrate NAME|--all [-d DIR] [--convert|--keep-versioned] [--preview]`: migwpar with
//! the checks first ([`crate::steps::migrate::plan`]), then the run and the next step.

use crate::aix::Aix;
use crate::cli::MigrateArgs;
use crate::each_wpar::{gate, per_wpar};
use crate::error::Error;
use crate::exec::{Invocation, Program};
use crate::hints::Hint;
use crate::report::Report;
use crate::steps::migrate::{Mode, migrate_one, plan};

/// The flags to repeat in a suggested command line (` -d DIR`, ` --convert`, …).
fn dir_flag(a: &MigrateArgs) -> String {
    let mut s = String::new();
    if let Some(d) = &a.dir {
        s.push_str(&format!(
            " -d {}",
            crate::shell::shell_quote(&d.display().to_string())
        ));
    }
    if a.convert {
        s.push_str(" --convert");
    }
    if a.keep_versioned {
        s.push_str(" --keep-versioned");
    }
    s
}

/// `wparup migrate`.
pub fn run(aix: &Aix, a: &MigrateArgs) -> Result<Report, Error> {
    let mode = if a.convert {
        Mode::Convert
    } else if a.keep_versioned {
        Mode::KeepVersioned
    } else {
        Mode::Native
    };
    if a.target.all && mode == Mode::Convert {
        return Err(Error::usage(
            "--convert works on one WPAR at a time (migwpar -C is not allowed with -A)",
            [Hint::ConvertEach],
        ));
    }
    per_wpar(
        aix,
        "migrate",
        &a.target,
        !a.target.keep_going,
        |w, rep, label| {
            let name = &w.name;
            gate(w, "migrate")?;
            let args = plan(aix, w, a.dir.as_deref(), mode, rep)?;
            if a.preview {
                let inv = Invocation::new(Program::Migwpar, args);
                rep.plan.push(inv.to_string());
                rep.summary.push(format!(
                    "preview: checks passed; `{inv}` would run (nothing was changed)"
                ));
                rep.next.push(Hint::RunMigrate {
                    wpar: name.clone(),
                    flags: dir_flag(a),
                });
                return Ok(());
            }
            migrate_one(aix, w, args, rep, label)?;
            rep.summary.push("migwpar finished successfully".into());
            rep.next.push(Hint::StartAndCheck { wpar: name.clone() });
            Ok(())
        },
    )
}
