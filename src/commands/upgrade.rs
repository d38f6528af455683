//! `wparup upgrade`: decide from the levels what a WPAR needs, check the media, run migwpar or
//! syncwpar, restart, verify — the seed's whole evening as one command.
//!
//! Per WPAR: read it (lswpar); read its level (clogin oslevel -s) — a Defined WPAR is started to
//! read it, and a 0960-667 refusal is itself the proof that it needs migrating; decide
//! ([`crate::steps::decide::decide`]); run the media check; migrate (then start and verify Active) or
//! sync (then restart when installp asks for it); leave the WPAR running if it ran before or
//! with `--restart`, else stop it again. `--preview` runs only read-only commands and prints the
//! plan. An undocumented release pair stops with exit 14 and runs nothing.

use crate::aix::{Aix, filesets_probe, level_of, level_probe};
use crate::cli::{StopOpts, UpgradeArgs};
use crate::each_wpar::{gate, per_wpar};
use crate::error::Error;
use crate::exec::{Invocation, Program};
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::Verdict;
use crate::model::{OsLevel, Wpar, WparState, WparType};
use crate::report::{DecisionInfo, OpReport, Report};
use crate::steps::decide::{Decision, decide};
use crate::steps::lifecycle::{op_error, reboot_one, start_one, stop_one};
use crate::steps::migrate::{self, Mode};
use crate::steps::sync::{self, SyncOpts};

/// `wparup upgrade`.
pub fn run(aix: &Aix, a: &UpgradeArgs) -> Result<Report, Error> {
    let global = aix.global_level()?;
    if a.preview && a.target.all {
        read_ahead(aix, a, &global)?;
    }
    per_wpar(
        aix,
        "upgrade",
        &a.target,
        !a.target.keep_going,
        |w, rep, label| {
            let res = one(aix, a, &global, w, rep, label);
            // Leave a WPAR that was Defined and only started here as it was found, even after a
            // failure (Defined before and Active now means wparup started it).
            if !a.restart
                && !a.preview
                && rep.state_before == Some(WparState::Defined)
                && rep.state_after == Some(WparState::Active)
                && !matches!(res, Err(Error::Interrupted | Error::Exec(_)))
            {
                let now = Wpar::new(&w.name, WparState::Active);
                if let Err(e) = stop_one(aix, &now, &StopOpts::default(), rep, label) {
                    rep.warnings.push(format!("could not stop it again: {e}"));
                }
            }
            res
        },
    )
}

/// `--all --preview`: reads every running WPAR's level, then the installed filesets of those
/// the media check will compare, `--jobs` at a time ([`Aix::prefetch`]), before the WPAR by
/// WPAR preview takes them. Only what that preview would read is read (the same decision, the
/// same conditions as the media check), so nothing runs twice; only WPARs the loop never
/// reaches (it stops at a failure without --keep-going) were read for nothing.
fn read_ahead(aix: &Aix, a: &UpgradeArgs, global: &OsLevel) -> Result<(), Error> {
    let listing = aix.all_wpars()?;
    let running: Vec<&Wpar> = listing
        .wpars
        .iter()
        .filter(|w| w.state == WparState::Active && !w.versioned)
        .collect();
    let levels: Vec<Invocation> = running.iter().map(|w| level_probe(&w.name)).collect();
    let outs = aix.prefetch(&levels)?;
    let mut filesets = Vec::new();
    // The media check reads a WPAR's filesets for a sync with -d of a private-/usr WPAR; with
    // --refresh-toc and a stale .toc a preview leaves it to the real run, so none is read ahead.
    if a.dir.is_some() && !a.refresh_toc {
        for ((w, inv), (out, end)) in running.iter().zip(&levels).zip(&outs) {
            let level = level_of(inv, out, end);
            let d = decide(global, w, level.as_ref().map_err(String::as_str));
            if d.verdict == Verdict::NeedsSync
                && w.private_usr == Some(true)
                && w.wpar_type != WparType::Application
            {
                filesets.push(filesets_probe(&w.name));
            }
        }
    }
    aix.prefetch(&filesets)?;
    // The per-WPAR loop lists the WPARs from this same listing.
    *aix.listing.borrow_mut() = Some(listing);
    Ok(())
}

fn one(
    aix: &Aix,
    a: &UpgradeArgs,
    global: &OsLevel,
    w: &Wpar,
    rep: &mut OpReport,
    label: &str,
) -> Result<(), Error> {
    let name = w.name.as_str();
    gate(w, "upgrade")?;
    if w.versioned {
        rep.decision = Some(DecisionInfo {
            verdict: Verdict::Versioned,
            reason: w.ostype.as_ref().map(|o| format!("ostype {o}")),
        });
        return Err(Error::Usage {
            message: format!(
                "WPAR `{name}` is a versioned WPAR (ostype {}): upgrade neither syncs nor migrates it",
                w.ostype.as_deref().unwrap_or("?")
            ),
            hints: vec![
                Hint::ConvertVersioned { wpar: name }.into(),
                Hint::KeepVersioned { wpar: name }.into(),
            ],
        });
    }
    let was_active = w.state == WparState::Active;
    let o = SyncOpts {
        dir: a.dir.clone(),
        preview: false,
        expand: a.expand,
        refresh_toc: a.refresh_toc,
        restart: false,
        skip_media_check: false,
        all: true,
    };

    // 1. The WPAR's level.
    let decision: Decision = match w.state {
        WparState::Active => {
            let lvl = aix.wpar_level(name)?;
            rep.level_before = lvl.as_ref().ok().map(|l| l.raw.clone());
            decide(global, w, lvl.as_ref().map_err(String::as_str))
        }
        WparState::Defined if a.preview => {
            rep.decision = Some(DecisionInfo {
                verdict: Verdict::Unknown,
                reason: Some("the WPAR is defined: its level can be read only once it runs".into()),
            });
            rep.plan.push(format!(
                "startwpar {name}   (to read its level; a 0960-667 refusal means: migrate)"
            ));
            rep.plan
                .push(format!("clogin {name} -l root /usr/bin/oslevel -s"));
            rep.plan
                .push("then migwpar or syncwpar, as `wparup status` would decide".into());
            rep.summary.push("preview: the WPAR is defined; its level can only be read after starting it, which --preview does not do".into());
            return Ok(());
        }
        WparState::Defined => {
            let inv = Invocation::new(Program::Startwpar, [name]);
            rep.ran.push(inv.to_string());
            let (_, class) = aix.run_op(&inv, label)?;
            match class.exit {
                Exit::NeedsMigration => Decision {
                    verdict: Verdict::NeedsMigrate,
                    reason: Some("startwpar refused: 0960-667 (the WPAR's release is older than the global's)".into()),
                    undocumented: false,
                },
                Exit::Ok => {
                    let after = aix.wpar(name)?;
                    rep.state_after = Some(after.state.clone());
                    let lvl = aix.wpar_level(name)?;
                    rep.level_before = lvl.as_ref().ok().map(|l| l.raw.clone());
                    decide(global, w, lvl.as_ref().map_err(String::as_str))
                }
                other => return Err(op_error(w, other, &class.cause, &inv.to_string())),
            }
        }
        _ => {
            return Err(Error::WrongState {
                wpar: name.to_string(),
                state: w.state.to_string(),
                why: "upgrade works on Active or Defined WPARs".into(),
                hints: vec![format!("bring it to Defined first: `wparup stop {name}`")],
            });
        }
    };
    rep.decision = Some(DecisionInfo {
        verdict: decision.verdict,
        reason: decision.reason.clone(),
    });

    // 2. Act.
    match decision.verdict {
        Verdict::UpToDate => {
            rep.summary
                .push(format!("already at the global level {global}"));
        }
        Verdict::Versioned => {
            return Err(Error::usage(
                format!("WPAR `{name}` runs a 5.2/5.3 level: it is a versioned WPAR"),
                &["`wparup migrate NAME --convert -d DIR` or `--keep-versioned`"],
            ));
        }
        Verdict::Unknown if decision.undocumented => {
            let reason = decision.reason.clone().unwrap_or_default();
            let d = a
                .dir
                .as_ref()
                .map(|d| format!(" -D -d {}", d.display()))
                .unwrap_or_default();
            return Err(Error::Operation {
                wpar: name.to_string(),
                message: format!("{reason}: wparup runs nothing on a guess"),
                exit: Exit::UndocumentedRelease,
                hints: vec![
                    format!("look first, changing nothing: `syncwpar -p{d} {name}` (preview)"),
                    format!(
                        "read IBM's notes for this release pair; `migwpar` documents 6.1 -> 7.1/7.2 only"
                    ),
                    format!("`wparup status {name}` shows both levels"),
                ],
            });
        }
        Verdict::Unknown => {
            return Err(Error::Operation {
                wpar: name.to_string(),
                message: format!(
                    "cannot decide what WPAR `{name}` needs: {}",
                    decision.reason.clone().unwrap_or_default()
                ),
                exit: Exit::Failed,
                hints: vec![format!("`wparup status {name}` and `lswpar -L {name}`")],
            });
        }
        Verdict::NeedsSync => {
            sync::refuse(w, &o)?;
            let now = Wpar {
                state: rep.state_after.clone().unwrap_or(w.state.clone()),
                ..w.clone()
            };
            // The media phase runs inutoc only in a real run; a preview plans it.
            let media_opts = SyncOpts {
                preview: a.preview,
                ..o.clone()
            };
            sync::media_phase(aix, &now, &media_opts, rep)?;
            let args = sync::args(&now, &o);
            if a.preview {
                rep.plan
                    .push(Invocation::new(Program::Syncwpar, args.clone()).to_string());
                rep.plan.push(format!(
                    "rebootwpar {name}   (if installp asks for a restart)"
                ));
                rep.summary.push("preview: nothing was changed".into());
                return Ok(());
            }
            sync::sync_one(aix, &now, &o, rep, label)?;
            let reboot = rep.result.as_ref().is_some_and(|r| r.reboot_required);
            // Active now: it ran before, or wparup started it to read its level.
            if reboot && rep.state_after == Some(WparState::Active) {
                let cur = Wpar::new(name, WparState::Active);
                reboot_one(aix, &cur, &StopOpts::default(), rep, label)?;
                rep.summary
                    .push("restarted (rebootwpar) as installp asked".into());
                // Done: the sync's advice to restart it no longer applies.
                let done = Hint::Reboot { wpar: name }.to_string();
                rep.next.retain(|n| *n != done);
            }
        }
        Verdict::NeedsMigrate => {
            let args = migrate::plan(aix, w, a.dir.as_deref(), Mode::Native, rep)?;
            if a.preview {
                rep.plan
                    .push(Invocation::new(Program::Migwpar, args.clone()).to_string());
                rep.plan
                    .push(format!("startwpar {name}   (verify it reaches Active)"));
                rep.summary.push("preview: nothing was changed".into());
                return Ok(());
            }
            if rep.state_after.as_ref().unwrap_or(&w.state) == &WparState::Active {
                stop_one(aix, w, &StopOpts::default(), rep, label)?;
            }
            migrate::migrate_one(aix, w, args, rep, label)?;
            rep.summary.push("migrated (migwpar)".into());
            if rep.state_after != Some(WparState::Active) {
                start_one(aix, w, rep, label)?;
            }
            rep.summary.push("started and verified active".into());
        }
    }

    // 3. Level after, and the final state.
    if rep.state_after.as_ref().unwrap_or(&w.state) == &WparState::Active
        && !rep.ran.is_empty()
        && let Ok(l) = aix.wpar_level(name)?
    {
        if l.release == global.release && l.cmp_within_release(global).is_lt() {
            rep.next.push(format!(
                "now at {l}, the global is at {global}: bring it to the global TL/SP with `wparup upgrade {name} -d <update directory>`"
            ));
        }
        rep.level_after = Some(l.raw);
    }
    let want_active = was_active || a.restart;
    let now = rep.state_after.clone().unwrap_or(w.state.clone());
    if want_active && now != WparState::Active {
        start_one(aix, w, rep, label)?;
    }
    Ok(())
}
