//! The per-WPAR loop: targets, the state gate, one WPAR under its lock, `--all`.

use crate::aix::Aix;
use crate::cli::Target;
use crate::error::Error;
use crate::exec::{Executor, Invocation};
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::{Wpar, WparState};
use crate::report::{AllReport, OpReport, Report};

/// The WPARs a run goes through: the ones named (each once, in the order given), or every
/// WPAR lswpar lists but those `--exclude`d.
pub fn targets(aix: &Aix, t: &Target) -> Result<Vec<String>, Error> {
    if !t.all {
        let mut names: Vec<String> = Vec::new();
        for n in &t.names {
            if !names.iter().any(|x| x == n.as_str()) {
                names.push(n.to_string());
            }
        }
        return Ok(names);
    }
    let r = aix.all_wpars()?;
    Ok(r.wpars
        .into_iter()
        .map(|w| w.name)
        .filter(|n| !t.exclude.iter().any(|x| x.as_str() == n))
        .collect())
}

/// Refuses states in which no operation may start: Transitional (another operation is running)
/// and Broken (an operation failed; only a forced stop helps).
pub fn gate(w: &Wpar, op: &str) -> Result<(), Error> {
    match w.state {
        WparState::Transitional => Err(Error::WrongState {
            wpar: w.name.clone(),
            state: "Transitional".into(),
            why: format!(
                "another administrative operation (start, stop, migrate, sync…) is running on it, so `{op}` must wait"
            ),
            hints: vec![
                Hint::WaitThenList {
                    wpar: w.name.clone(),
                },
                Hint::ShowOperation {
                    wpar: w.name.clone(),
                },
            ],
        }),
        WparState::Broken => Err(Error::WrongState {
            wpar: w.name.clone(),
            state: "Broken".into(),
            why: "an administrative operation failed and left it unusable".into(),
            hints: vec![
                Hint::ForceStopThenStart {
                    wpar: w.name.clone(),
                },
                Hint::PrintErrors {
                    wpar: w.name.clone(),
                },
                Hint::RemoveWpar {
                    wpar: w.name.clone(),
                },
            ],
        }),
        _ => Ok(()),
    }
}

/// Runs one WPAR operation under its lock; failures that concern only this WPAR become part of
/// its report (so `--all` can go on and JSON stays one document), while executor failures and
/// interruptions end the whole run.
pub fn guarded(
    aix: &Aix,
    command: &str,
    name: &str,
    body: impl FnOnce(&mut OpReport) -> Result<(), Error>,
) -> Result<OpReport, Error> {
    let mut rep = OpReport::new(command, name, aix.log.as_ref());
    let lock = match aix.lock(name) {
        Ok(l) => l,
        Err(e) => return Ok(rep.failed(&e)),
    };
    let before = aix.exec.changes();
    let started = std::time::Instant::now();
    let res = body(&mut rep);
    if aix.exec.is_live() {
        rep.duration_secs = Some((started.elapsed().as_secs_f64() * 10.0).round() / 10.0);
    }
    drop(lock);
    // True whenever a mutating command started that AIX did not refuse before changing
    // anything (a failure half-way may have changed the WPAR).
    rep.changed = aix.exec.changes() > before;
    match res {
        Ok(()) => {
            // A change made after a backup: the line that undoes it.
            if let (true, Some(b)) = (rep.changed && command != "backup", &rep.backup) {
                rep.next.push(crate::hints::Hint::RestoreLine {
                    wpar: b.wpar.clone(),
                    image: b.image.clone(),
                });
            }
            Ok(rep)
        }
        Err(e @ Error::Exec(_)) => Err(e),
        Err(
            e @ Error::Command {
                exit: Exit::NotAix, ..
            },
        ) => Err(e),
        // Interrupted: this WPAR's report says so (and what ran); `--all` stops after it.
        Err(e) => {
            let mut rep = rep.failed(&e);
            // It failed after it changed: the backup taken before is the way back.
            if let (true, Some(b)) = (rep.changed, &rep.backup) {
                let hint = crate::hints::Hint::UndoFromBackup {
                    wpar: b.wpar.clone(),
                    image: b.image.clone(),
                };
                rep.next.push(hint);
            }
            Ok(rep)
        }
    }
}

/// A read-only run's look ahead (`check-media`, `verify`): one listing of the WPARs (`all`, or
/// those `given`), the read-only probes `probes` wants of each run side by side (`--jobs`, kept
/// for the per-WPAR steps), and each WPAR's step takes its WPAR from that listing. Returns the
/// names to go through: the listing's with `all`, else as given.
pub fn read_ahead(
    aix: &Aix,
    all: bool,
    given: &[&str],
    probes: impl Fn(&Wpar) -> Vec<Invocation>,
) -> Result<Vec<String>, Error> {
    let listing = if all {
        aix.all_wpars()?
    } else {
        aix.lswpar(given)?
    };
    let invs: Vec<Invocation> = listing.wpars.iter().flat_map(&probes).collect();
    aix.prefetch(&invs)?;
    // Nothing is changed: each WPAR's step reads it from this one listing.
    aix.read_only_listing(&listing);
    Ok(if all {
        listing.wpars.into_iter().map(|w| w.name).collect()
    } else {
        given.iter().map(|n| n.to_string()).collect()
    })
}

/// The shape shared by the WPAR subcommands: for each target, under its lock, read the WPAR
/// with lswpar, record its state in the report, then run `body` with a progress label.
pub fn per_wpar(
    aix: &Aix,
    command: &str,
    t: &Target,
    stop_on_failure: bool,
    mut body: impl FnMut(&Wpar, &mut OpReport, &str) -> Result<(), Error>,
) -> Result<Report, Error> {
    for_each_target(
        aix,
        command,
        t,
        |name, i, n| {
            guarded(aix, command, name, |rep| {
                let w = aix.wpar(name)?;
                rep.before(&w);
                body(&w, rep, &format!("{command} {name} ({i}/{n})"))
            })
        },
        stop_on_failure,
    )
}

/// Runs `one` for each target: a single report for one WPAR, a table for `--all`.
pub fn for_each_target(
    aix: &Aix,
    command: &str,
    t: &Target,
    one: impl FnMut(&str, usize, usize) -> Result<OpReport, Error>,
    stop_on_failure: bool,
) -> Result<Report, Error> {
    let names = targets(aix, t)?;
    for_each_name(aix, command, &names, t.is_table(), one, stop_on_failure)
}

/// Runs `one` for each of `names`: a single report for the first unless `table`, else a table
/// (with `stop_on_failure`, the WPARs after a failure are listed as not run).
pub fn for_each_name(
    aix: &Aix,
    command: &str,
    names: &[String],
    table: bool,
    mut one: impl FnMut(&str, usize, usize) -> Result<OpReport, Error>,
    stop_on_failure: bool,
) -> Result<Report, Error> {
    if !table {
        let name = names.first().cloned().unwrap_or_default();
        return Ok(Report::Op(Box::new(one(&name, 1, 1)?)));
    }
    let mut results = Vec::new();
    let n = names.len();
    for (i, name) in names.iter().enumerate() {
        let r = match aix.check_interrupted() {
            Ok(()) => one(name, i + 1, n)?,
            Err(e) => OpReport::new(command, name, aix.log.as_ref()).failed(&e),
        };
        let interrupted = r.exit == Exit::Interrupted;
        let failed = !r.exit.is_ok();
        results.push(r);
        if interrupted || (failed && stop_on_failure) {
            let why = if interrupted {
                "not run: wparup was interrupted"
            } else {
                "not run: an earlier WPAR failed (use --keep-going)"
            };
            for rest in names.iter().skip(i + 1) {
                let mut s = OpReport::new(command, rest, aix.log.as_ref());
                s.skipped = Some(why.into());
                results.push(s);
            }
            break;
        }
    }
    Ok(Report::All(AllReport::new(
        command,
        results,
        aix.log.as_ref(),
    )))
}
