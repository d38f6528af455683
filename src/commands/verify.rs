//! `wparup verify NAME…|--all`: after a change, inside each running WPAR, its level against the
//! global's (`oslevel -s`) and the consistency of its installed software (`lppchk -v`). Read
//! only: every WPAR is checked whatever the others' results; the reads run `--jobs` at a time.

use crate::aix::{Aix, emgr_probe, level_probe, lppchk_probe};
use crate::cli::VerifyArgs;
use crate::each_wpar::{for_each_name, guarded, read_ahead};
use crate::error::Error;
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::{OsLevel, Verdict, WparState};
use crate::report::{DecisionInfo, OpReport, Report};
use crate::steps::decide::decide;
use crate::steps::verify::{errors_logged, global_ifixes, ifixes, require_consistent};

/// `wparup verify`.
pub fn run(aix: &Aix, a: &VerifyArgs) -> Result<Report, Error> {
    let global = aix.global_level()?;
    // The global's iFixes, once: each WPAR's are compared with them.
    let fixes = global_ifixes(aix)?;
    let given: Vec<&str> = a.names.iter().map(|n| n.as_str()).collect();
    let table = a.all || given.len() > 1;
    // Both reads of every running WPAR, side by side; nothing is changed.
    let names = read_ahead(aix, a.all, &given, |w| {
        if w.state == WparState::Active && !w.versioned {
            vec![
                level_probe(&w.name),
                emgr_probe(&w.name),
                lppchk_probe(&w.name),
            ]
        } else {
            Vec::new()
        }
    })?;
    for_each_name(
        aix,
        "verify",
        &names,
        table,
        |name, _, _| {
            let mut r = one(
                aix,
                &global,
                fixes.as_ref().ok().map(Vec::as_slice),
                name,
                a.all,
            )?;
            if let Err(why) = &fixes {
                r.warnings.push(format!(
                    "the global's iFixes could not be read ({why}): the WPAR's are not compared"
                ));
            }
            Ok(r)
        },
        false,
    )
}

/// The checks of one WPAR, under its lock.
fn one(
    aix: &Aix,
    global: &OsLevel,
    fixes: Option<&[crate::model::Ifix]>,
    name: &str,
    all: bool,
) -> Result<OpReport, Error> {
    guarded(aix, "verify", name, |rep: &mut OpReport| {
        let w = aix.wpar(name)?;
        rep.before(&w);
        if w.versioned {
            rep.skipped = Some("versioned WPAR: kept at its own level".into());
            return Ok(());
        }
        if all && w.state == WparState::Defined {
            rep.skipped = Some(format!(
                "stopped: the checks run inside a running WPAR (`wparup start {name}`, then `wparup verify {name}`)"
            ));
            return Ok(());
        }
        if w.state != WparState::Active {
            return Err(Error::WrongState {
                wpar: name.to_string(),
                state: w.state.to_string(),
                why: "its level and its software are read inside it (clogin)".into(),
                hints: vec![Hint::StartFirst { wpar: name.into() }],
            });
        }
        let level = aix.wpar_level(name)?;
        rep.level_before = level.as_ref().ok().map(|l| l.raw.clone());
        let d = decide(global, &w, level.as_ref().map_err(String::as_str));
        rep.decision = Some(DecisionInfo {
            verdict: d.verdict,
            reason: d.reason.clone(),
        });
        ifixes(aix, name, fixes, rep)?;
        let consistent = require_consistent(
            aix,
            name,
            &format!("the software installed in WPAR `{name}`"),
            rep,
        );
        if consistent.is_err() {
            // What the WPAR logged, next to lppchk's lines.
            errors_logged(aix, name, rep)?;
        }
        consistent?;
        match d.verdict {
            Verdict::UpToDate => {
                rep.summary.push(format!(
                    "at the global level {global}; lppchk -v: consistent"
                ));
                Ok(())
            }
            _ => Err(Error::Operation {
                wpar: name.to_string(),
                message: format!(
                    "WPAR `{name}` is consistent but not at the global level {global}: {}",
                    d.reason
                        .unwrap_or_else(|| format!("{:?}", d.verdict).to_lowercase())
                ),
                exit: Exit::NeedsWork,
                hints: vec![Hint::StatusShowsLevels { wpar: name.into() }],
            }),
        }
    })
}
