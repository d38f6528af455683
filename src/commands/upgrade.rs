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

/// One WPAR: decide what it needs, act on it, then check where it ended.
fn one(
    aix: &Aix,
    a: &UpgradeArgs,
    global: &OsLevel,
    w: &Wpar,
    rep: &mut OpReport,
    label: &str,
) -> Result<(), Error> {
    gate(w, "upgrade")?;
    refuse_versioned(w, rep)?;
    let Some(decision) = decide_one(aix, a, global, w, rep, label)? else {
        return Ok(());
    };
    rep.decision = Some(DecisionInfo {
        verdict: decision.verdict,
        reason: decision.reason.clone(),
    });
    if act(aix, a, global, w, &decision, rep, label)? == Acted::Planned {
        return Ok(());
    }
    settle(aix, a, global, w, rep, label)
}

/// A versioned (5.2/5.3) WPAR is neither synchronized nor migrated by `upgrade`.
fn refuse_versioned(w: &Wpar, rep: &mut OpReport) -> Result<(), Error> {
    if !w.versioned {
        return Ok(());
    }
    rep.decision = Some(DecisionInfo {
        verdict: Verdict::Versioned,
        reason: w.ostype.as_ref().map(|o| format!("ostype {o}")),
    });
    Err(Error::Usage {
        message: format!(
            "WPAR `{}` is a versioned WPAR (ostype {}): upgrade neither syncs nor migrates it",
            w.name,
            w.ostype.as_deref().unwrap_or("?")
        ),
        hints: vec![
            Hint::ConvertVersioned {
                wpar: w.name.clone(),
            },
            Hint::KeepVersioned {
                wpar: w.name.clone(),
            },
        ],
    })
}

/// What the WPAR needs, from its level: read in the WPAR when it runs; a Defined WPAR is
/// started to read it (a 0960-667 refusal is itself the proof that it needs migrating). `None`
/// when a preview of a Defined WPAR can only plan (it does not start it).
fn decide_one(
    aix: &Aix,
    a: &UpgradeArgs,
    global: &OsLevel,
    w: &Wpar,
    rep: &mut OpReport,
    label: &str,
) -> Result<Option<Decision>, Error> {
    let name = w.name.as_str();
    let by_level = |rep: &mut OpReport| -> Result<Decision, Error> {
        let lvl = aix.wpar_level(name)?;
        rep.level_before = lvl.as_ref().ok().map(|l| l.raw.clone());
        Ok(decide(global, w, lvl.as_ref().map_err(String::as_str)))
    };
    match w.state {
        WparState::Active => by_level(rep).map(Some),
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
            Ok(None)
        }
        WparState::Defined => {
            let inv = Invocation::new(Program::Startwpar, [name]);
            rep.ran.push(inv.to_string());
            let (_, class) = aix.run_op(&inv, label)?;
            match class.exit {
                Exit::NeedsMigration => Ok(Some(Decision {
                    verdict: Verdict::NeedsMigrate,
                    reason: Some("startwpar refused: 0960-667 (the WPAR's release is older than the global's)".into()),
                    undocumented: false,
                })),
                Exit::Ok => {
                    let after = aix.wpar(name)?;
                    rep.state_after = Some(after.state.clone());
                    by_level(rep).map(Some)
                }
                other => Err(op_error(w, other, &class.cause, &inv.to_string())),
            }
        }
        _ => Err(Error::WrongState {
            wpar: name.to_string(),
            state: w.state.to_string(),
            why: "upgrade works on Active or Defined WPARs".into(),
            hints: vec![Hint::StopFirst { wpar: name.into() }],
        }),
    }
}

/// Whether [`act`] changed the WPAR or only planned (a preview).
#[derive(Debug, PartialEq, Eq)]
enum Acted {
    Planned,
    Done,
}

/// Acts on the decision: nothing, a refusal, a sync (restarted when installp asks) or a
/// migration (started and verified Active); a preview plans instead.
fn act(
    aix: &Aix,
    a: &UpgradeArgs,
    global: &OsLevel,
    w: &Wpar,
    decision: &Decision,
    rep: &mut OpReport,
    label: &str,
) -> Result<Acted, Error> {
    let name = w.name.as_str();
    match decision.verdict {
        Verdict::UpToDate => {
            rep.summary
                .push(format!("already at the global level {global}"));
            Ok(Acted::Done)
        }
        Verdict::Versioned => Err(Error::usage(
            format!("WPAR `{name}` runs a 5.2/5.3 level: it is a versioned WPAR"),
            [Hint::ConvertOrKeep],
        )),
        Verdict::Unknown if decision.undocumented => Err(Error::Operation {
            wpar: name.to_string(),
            message: format!(
                "{}: wparup runs nothing on a guess",
                decision.reason.clone().unwrap_or_default()
            ),
            exit: Exit::UndocumentedRelease,
            hints: vec![
                Hint::PreviewSyncwpar {
                    wpar: name.into(),
                    dir_args: a
                        .dir
                        .as_ref()
                        .map(|d| format!(" -D -d {}", d.display()))
                        .unwrap_or_default(),
                },
                Hint::ReadIbmNotes,
                Hint::StatusShowsLevels { wpar: name.into() },
            ],
        }),
        Verdict::Unknown => Err(Error::Operation {
            wpar: name.to_string(),
            message: format!(
                "cannot decide what WPAR `{name}` needs: {}",
                decision.reason.clone().unwrap_or_default()
            ),
            exit: Exit::Failed,
            hints: vec![Hint::StatusAndLswpar { wpar: name.into() }],
        }),
        Verdict::NeedsSync => sync(aix, a, w, rep, label),
        Verdict::NeedsMigrate => migrate(aix, a, w, rep, label),
    }
}

/// The sync of a WPAR that needs one: the media phase, syncwpar, and the restart installp
/// asks for.
fn sync(
    aix: &Aix,
    a: &UpgradeArgs,
    w: &Wpar,
    rep: &mut OpReport,
    label: &str,
) -> Result<Acted, Error> {
    let name = w.name.as_str();
    let o = SyncOpts {
        dir: a.dir.clone(),
        preview: false,
        expand: a.expand,
        refresh_toc: a.refresh_toc,
        restart: false,
        skip_media_check: false,
        all: true,
    };
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
            .push(Invocation::new(Program::Syncwpar, args).to_string());
        rep.plan.push(format!(
            "rebootwpar {name}   (if installp asks for a restart)"
        ));
        rep.summary.push("preview: nothing was changed".into());
        return Ok(Acted::Planned);
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
        rep.next.retain(|n| !matches!(n, Hint::Reboot { .. }));
    }
    Ok(Acted::Done)
}

/// The migration of a WPAR that needs one: stopped first, migwpar, then started and verified.
fn migrate(
    aix: &Aix,
    a: &UpgradeArgs,
    w: &Wpar,
    rep: &mut OpReport,
    label: &str,
) -> Result<Acted, Error> {
    let name = w.name.as_str();
    let args = migrate::plan(aix, w, a.dir.as_deref(), Mode::Native, rep)?;
    if a.preview {
        rep.plan
            .push(Invocation::new(Program::Migwpar, args).to_string());
        rep.plan
            .push(format!("startwpar {name}   (verify it reaches Active)"));
        rep.summary.push("preview: nothing was changed".into());
        return Ok(Acted::Planned);
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
    Ok(Acted::Done)
}

/// After acting: the level the WPAR reached (and what is left to do), and the state it should
/// be left in (running if it ran before or with `--restart`).
fn settle(
    aix: &Aix,
    a: &UpgradeArgs,
    global: &OsLevel,
    w: &Wpar,
    rep: &mut OpReport,
    label: &str,
) -> Result<(), Error> {
    let name = w.name.as_str();
    if rep.state_after.as_ref().unwrap_or(&w.state) == &WparState::Active
        && !rep.ran.is_empty()
        && let Ok(l) = aix.wpar_level(name)?
    {
        if l.release == global.release && l.cmp_within_release(global).is_lt() {
            rep.next.push(Hint::FinishWithUpdates {
                wpar: name.into(),
                level: l.to_string(),
                global: global.to_string(),
            });
        }
        rep.level_after = Some(l.raw);
    }
    let want_active = w.state == WparState::Active || a.restart;
    let now = rep.state_after.clone().unwrap_or(w.state.clone());
    if want_active && now != WparState::Active {
        start_one(aix, w, rep, label)?;
    }
    Ok(())
}
