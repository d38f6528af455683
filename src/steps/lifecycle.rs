//! Starting, stopping and rebooting one WPAR: the command, the state read afterwards, and the
//! check that the WPAR reached the state it should (used by start, stop, reboot, sync, upgrade).

use crate::aix::Aix;
use crate::cli::StopOpts;
use crate::error::Error;
use crate::exec::{Invocation, Program};
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::{Wpar, WparState};
use crate::report::OpReport;

/// The exact next command after 0960-667.
pub fn migrate_hint(w: &Wpar) -> Hint {
    let wpar = w.name.clone();
    // A versioned WPAR is converted (or kept at its level), never migrated plainly.
    if w.versioned {
        return Hint::ConvertVersioned { wpar };
    }
    match w.private_usr {
        Some(true) => Hint::MigrateWithMedia { wpar },
        Some(false) => Hint::Migrate { wpar },
        None => Hint::MigrateMaybeMedia { wpar },
    }
}

/// Reads the state after an operation (best effort: a failed read is a warning).
pub fn read_after(aix: &Aix, name: &str, rep: &mut OpReport) -> Option<Wpar> {
    match aix.wpar(name) {
        Ok(w) => {
            rep.state_after = Some(w.state.clone());
            Some(w)
        }
        Err(e) => {
            rep.warnings
                .push(format!("could not read the state afterwards: {e}"));
            None
        }
    }
}

/// A command that ended well but left the WPAR Broken did not succeed, whatever its trailer
/// says (reliability review L03).
pub fn refuse_broken(w: &Wpar, after: Option<&Wpar>, inv: &str) -> Result<(), Error> {
    match after {
        Some(a) if a.state == WparState::Broken => Err(Error::Operation {
            wpar: w.name.clone(),
            message: format!(
                "`{inv}` reported success, but WPAR `{}` is Broken afterwards",
                w.name
            ),
            exit: Exit::Failed,
            hints: vec![
                Hint::ForceStopThenStart {
                    wpar: w.name.clone(),
                },
                Hint::PrintErrors {
                    wpar: w.name.clone(),
                },
            ],
        }),
        _ => Ok(()),
    }
}

/// Classified failure of an operation → an error with next steps.
pub fn op_error(w: &Wpar, exit: Exit, cause: &str, what: &str) -> Error {
    let mut hints = Vec::new();
    if exit == Exit::NeedsMigration {
        hints.push(migrate_hint(w));
    }
    hints.push(Hint::Details {
        wpar: w.name.clone(),
    });
    Error::Operation {
        wpar: w.name.clone(),
        message: format!("`{what}` failed for WPAR `{}`: {cause}", w.name),
        exit,
        hints,
    }
}

/// Runs a lifecycle command (`startwpar`, `stopwpar`, `rebootwpar`), reads the state after, and
/// checks both the classified outcome and that the WPAR reached `want`. Returns true when the
/// command found nothing to do (stopwpar 0960-254).
fn run_checked(
    aix: &Aix,
    w: &Wpar,
    inv: Invocation,
    want: WparState,
    rep: &mut OpReport,
    label: &str,
) -> Result<bool, Error> {
    rep.ran.push(inv.to_string());
    let (r, class) = aix.run_op(&inv, label)?;
    let (exit, cause) = (class.exit, class.cause);
    let already = r.has_id("0960-254");
    // The report keeps the main command's output: its own (`start` ↔ startwpar), or the first.
    if rep.result.is_none() || rep.command == inv.program.name().trim_end_matches("wpar") {
        rep.result = Some(r);
    }
    let after = read_after(aix, &w.name, rep);
    if exit != Exit::Ok {
        return Err(op_error(w, exit, &cause, &inv.to_string()));
    }
    if let Some(a) = after
        && a.state != want
    {
        return Err(Error::Operation {
            wpar: w.name.clone(),
            message: format!(
                "`{inv}` ended without error but WPAR `{}` is {} instead of {want}",
                w.name, a.state
            ),
            exit: Exit::Failed,
            hints: vec![Hint::ShowWhy {
                wpar: w.name.clone(),
            }],
        });
    }
    rep.changed = !already;
    Ok(already)
}

/// Starts one WPAR (used by `start` and `upgrade`).
pub fn start_one(aix: &Aix, w: &Wpar, rep: &mut OpReport, label: &str) -> Result<(), Error> {
    let inv = Invocation::new(Program::Startwpar, [w.name.as_str()]);
    run_checked(aix, w, inv, WparState::Active, rep, label).map(|_| ())
}

/// `stopwpar`/`rebootwpar` with the stop options (`-F`, `-h`, `-t N`, `-N`) and the WPAR.
fn stop_like(program: Program, o: &StopOpts, w: &Wpar) -> Invocation {
    let mut v = Vec::new();
    if o.force {
        v.push("-F".to_string());
    }
    if o.hard {
        v.push("-h".to_string());
    }
    match o.timeout {
        // `--timeout 0` waits as long as it takes, like `--no-timeout` (one meaning of 0
        // everywhere: no limit).
        Some(t) if t.is_zero() => v.push("-N".to_string()),
        Some(t) => {
            v.push("-t".to_string());
            // stopwpar takes whole seconds; a part of a second rounds up.
            v.push(
                t.as_secs()
                    .saturating_add(u64::from(t.subsec_nanos() > 0))
                    .to_string(),
            );
        }
        None if o.no_timeout => v.push("-N".to_string()),
        None => {}
    }
    v.push(w.name.clone());
    Invocation::new(program, v)
}

/// Stops one WPAR (used by `stop` and `upgrade`).
pub fn stop_one(
    aix: &Aix,
    w: &Wpar,
    o: &StopOpts,
    rep: &mut OpReport,
    label: &str,
) -> Result<(), Error> {
    let inv = stop_like(Program::Stopwpar, o, w);
    match run_checked(aix, w, inv, WparState::Defined, rep, label) {
        Ok(_) => Ok(()),
        Err(mut e) => {
            if let Error::Operation { hints, .. } = &mut e
                && !o.force
            {
                hints.insert(
                    0,
                    Hint::ForceStop {
                        wpar: w.name.clone(),
                    },
                );
            }
            Err(e)
        }
    }
}

/// Reboots one Active WPAR (used by `reboot`, `sync --restart`, `upgrade`).
pub fn reboot_one(
    aix: &Aix,
    w: &Wpar,
    o: &StopOpts,
    rep: &mut OpReport,
    label: &str,
) -> Result<(), Error> {
    let inv = stop_like(Program::Rebootwpar, o, w);
    run_checked(aix, w, inv, WparState::Active, rep, label).map(|_| ())
}
