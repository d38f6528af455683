//! `wparup migrate NAME|--all [-d DIR] [--convert|--keep-versioned] [--preview]`: migwpar with
//! the checks first ([`crate::steps::migrate::plan`]), then the run and the next step.

use crate::aix::Aix;
use crate::cli::MigrateArgs;
use crate::each_wpar::{gate, per_wpar};
use crate::error::Error;
use crate::exec::{Invocation, Program};
use crate::hints::Hint;
use crate::model::{OsLevel, Wpar};
use crate::report::OpReport;
use crate::report::Report;
use crate::steps::backup;
use crate::steps::media::base_dir;
use crate::steps::migrate::{Mode, migrate_one, plan};
use crate::steps::probe::{self, Probed};

/// The flags to repeat in a suggested command line (` -d DIR`, ` --convert`, the backup, …).
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
    // The real run needs a backup decision: the one the preview was given, else a backup.
    match (&a.backup.backup, a.backup.no_backup) {
        (Some(b), _) => s.push_str(&format!(
            " --backup {}",
            crate::shell::shell_quote(&b.display().to_string())
        )),
        (None, true) => s.push_str(" --no-backup"),
        (None, false) => s.push_str(" --backup <dir>"),
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
    if a.target.is_table() && mode == Mode::Convert {
        return Err(Error::usage(
            "--convert works on one WPAR at a time (migwpar -C is not allowed with -A)",
            [Hint::ConvertEach],
        ));
    }
    // migwpar cannot be undone but from a backup: taking one, or not, is said on the command
    // line (a preview changes nothing and needs neither).
    if !a.preview && a.backup.backup.is_none() && !a.backup.no_backup {
        let wpar = match (a.target.all, a.target.names.as_slice()) {
            (false, [one]) => one.to_string(),
            _ => "NAME".to_string(),
        };
        return Err(Error::usage(
            "`wparup migrate` changes a WPAR for good: say `--backup DIR` (a savewpar image of each WPAR first) or `--no-backup`",
            [Hint::MigrateBackup { wpar }],
        ));
    }
    let global = match mode {
        Mode::Native => Some(aix.global_level()?),
        _ => None,
    };
    per_wpar(
        aix,
        "migrate",
        &a.target,
        !a.target.keep_going,
        |w, rep, label| {
            let name = &w.name;
            gate(w, "migrate")?;
            if let Some(g) = &global {
                refuse_versioned(w)?;
                if already_migrated(aix, w, g, rep, label)? {
                    return Ok(());
                }
                if a.dir.is_some() {
                    base_dir(aix, w, None, a.dir.as_deref(), g)?;
                }
            }
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
            backup::before_change(aix, w, &a.backup, false, rep, label)?;
            migrate_one(aix, w, args, rep, label)?;
            rep.summary.push("migwpar finished successfully".into());
            rep.next.push(Hint::StartAndCheck { wpar: name.clone() });
            Ok(())
        },
    )
}

/// A plain migration of a versioned (5.2/5.3) WPAR is refused: converting it or keeping it at
/// its level is an explicit decision (`--convert` or `--keep-versioned`).
fn refuse_versioned(w: &Wpar) -> Result<(), Error> {
    if !w.versioned {
        return Ok(());
    }
    Err(Error::usage(
        format!(
            "WPAR `{}` is a versioned WPAR (ostype {}): a plain migration does not apply; converting it or keeping it at its level is your decision",
            w.name,
            w.ostype.as_deref().unwrap_or("?")
        ),
        [
            Hint::ConvertVersioned {
                wpar: w.name.clone(),
            },
            Hint::KeepVersioned {
                wpar: w.name.clone(),
            },
        ],
    ))
}

/// Is `w` already on the global's release? Then migwpar must not run again: nothing changes,
/// and the report says so (and how to reach the global's TL/SP when it is below it).
fn already_migrated(
    aix: &Aix,
    w: &Wpar,
    global: &OsLevel,
    rep: &mut OpReport,
    label: &str,
) -> Result<bool, Error> {
    let Probed::Level(Ok(l)) = probe::level(aix, w, rep, label)? else {
        return Ok(false);
    };
    rep.level_before = Some(l.raw.clone());
    if l.release < global.release {
        return Ok(false);
    }
    rep.summary.push(format!(
        "already at AIX {} (level {l}): nothing to migrate",
        l.release_name()
    ));
    if l.release == global.release && l.cmp_within_release(global).is_lt() {
        rep.next.push(Hint::FinishWithUpdates {
            wpar: w.name.clone(),
            level: l.to_string(),
            global: global.to_string(),
        });
    }
    Ok(true)
}
