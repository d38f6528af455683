//! `wparup upgrade NAME…|--all [--base DIR] [-d DIR]`: brings every WPAR it is given to the
//! global's level — the seed's whole evening as one command, for a whole host.
//!
//! Per WPAR: read it (lswpar). A versioned (5.2/5.3) WPAR is kept as it is (only `migrate
//! --convert`/`--keep-versioned` changes one). Read its level: in the running WPAR (`clogin …
//! oslevel -s`), or, for a stopped one, in maintenance mode ([`crate::steps::probe`]; a 0960-667
//! refusal is itself the proof that it needs migrating). Decide
//! ([`crate::steps::decide::decide`]). A WPAR on the old release is migrated with the base
//! images (`--base`, or `-d` when it holds them), started and verified Active, and, when it is
//! then below the global's TL/SP, synchronized with the update images (`-d`); one on the
//! global's release but an older TL/SP is synchronized after the media check. Then its level is
//! read again: a WPAR left below the global's level is a failure (exit 5) naming the command
//! that finishes it. It is left running if it ran before or with `--restart`, else stopped
//! again. `--preview` runs only read-only commands (and probes) and prints the plan. An
//! undocumented release pair stops with exit 14 and runs nothing.

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
use crate::steps::backup;
use crate::steps::decide::{Decision, decide};
use crate::steps::lifecycle::{reboot_one, start_one, stop_one};
use crate::steps::media::{base_dir, update_dir};
use crate::steps::migrate::{self, Mode};
use crate::steps::probe::{self, Probed};
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
    // The per-WPAR loop lists the WPARs from this same listing, and (a preview changes
    // nothing) reads each WPAR from it too.
    aix.read_only_listing(&listing);
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
    if w.versioned {
        keep_versioned(w, w.ostype.as_ref().map(|o| format!("ostype {o}")), rep);
        return Ok(());
    }
    let Some(decision) = level_and_verdict(aix, a, global, w, rep, label)? else {
        return Ok(());
    };
    rep.decision = Some(DecisionInfo {
        verdict: decision.verdict,
        reason: decision.reason.clone(),
    });
    match act(aix, a, global, w, &decision, rep, label)? {
        Acted::Planned => Ok(()),
        Acted::Nothing => settle(aix, a, w, rep, label),
        Acted::Changed => {
            reached(aix, a, global, w, rep)?;
            if !a.no_verify {
                consistent(aix, w, rep)?;
            }
            settle(aix, a, w, rep, label)
        }
    }
}

/// A versioned (5.2/5.3) WPAR is kept at its level: `upgrade` neither synchronizes nor migrates
/// one (only `migrate --convert` or `--keep-versioned` changes it, an explicit decision). Not a
/// failure.
fn keep_versioned(w: &Wpar, reason: Option<String>, rep: &mut OpReport) {
    rep.decision = Some(DecisionInfo {
        verdict: Verdict::Versioned,
        reason,
    });
    rep.summary.push(
        "kept versioned: upgrade neither synchronizes nor migrates a 5.2/5.3 versioned WPAR".into(),
    );
    rep.next.push(Hint::ConvertVersioned {
        wpar: w.name.clone(),
    });
    rep.next.push(Hint::KeepVersioned {
        wpar: w.name.clone(),
    });
}

/// What the WPAR needs, from its level: read in the WPAR when it runs; a stopped WPAR is
/// probed in maintenance mode (its filesets read too when a media check will want them).
/// `None` when nothing more is to be done (a versioned level).
fn level_and_verdict(
    aix: &Aix,
    a: &UpgradeArgs,
    global: &OsLevel,
    w: &Wpar,
    rep: &mut OpReport,
    label: &str,
) -> Result<Option<Decision>, Error> {
    let name = w.name.as_str();
    let level = match w.state {
        WparState::Active => aix.wpar_level(name)?,
        WparState::Defined => {
            let wants = |l: &OsLevel| {
                decide(global, w, Ok(l)).verdict == Verdict::NeedsSync
                    && w.private_usr == Some(true)
                    && (a.dir.is_some() || a.base.is_some())
            };
            match probe::stopped(aix, w, wants, rep, label)? {
                Probed::OlderRelease => {
                    return Ok(Some(Decision {
                        verdict: Verdict::NeedsMigrate,
                        reason: Some("startwpar -m refused: 0960-667 (the WPAR's release is older than the global's)".into()),
                        undocumented: false,
                    }));
                }
                Probed::Level(Ok(l)) => Ok(l),
                Probed::Level(Err(why)) if a.preview => {
                    return Err(Error::Operation {
                        wpar: name.into(),
                        message: format!(
                            "the level of stopped WPAR `{name}` could not be read in maintenance mode ({why}): this preview cannot say what the real run would do"
                        ),
                        exit: Exit::Failed,
                        hints: vec![Hint::StartFirst { wpar: name.into() }],
                    });
                }
                Probed::Level(Err(_)) => {
                    // Read it as 0.2 did: start the WPAR (it is stopped again at the end).
                    start_one(aix, w, rep, label)?;
                    aix.wpar_level(name)?
                }
            }
        }
        _ => {
            return Err(Error::WrongState {
                wpar: name.to_string(),
                state: w.state.to_string(),
                why: "upgrade works on Active or Defined WPARs".into(),
                hints: vec![Hint::StopFirst { wpar: name.into() }],
            });
        }
    };
    rep.level_before = level.as_ref().ok().map(|l| l.raw.clone());
    let d = decide(global, w, level.as_ref().map_err(String::as_str));
    if d.verdict == Verdict::Versioned {
        keep_versioned(w, d.reason, rep);
        return Ok(None);
    }
    Ok(Some(d))
}

/// What [`act`] did.
#[derive(Debug, PartialEq, Eq)]
enum Acted {
    /// A preview: the plan is in the report.
    Planned,
    /// Nothing was needed.
    Nothing,
    /// migwpar or syncwpar ran and succeeded.
    Changed,
}

/// Acts on the decision: nothing, a refusal, a sync, or a migration (then the sync that brings
/// the migrated WPAR to the global's TL/SP); a preview plans instead.
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
        Verdict::UpToDate | Verdict::Versioned => {
            rep.summary
                .push(format!("already at the global level {global}"));
            Ok(Acted::Nothing)
        }
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
        Verdict::NeedsMigrate => migrate(aix, a, global, w, rep, label),
    }
}

/// The sync options of an upgrade: the update images for a private /usr (`-d`, or `--base`
/// when it holds updates), refused before anything runs when there are none.
fn sync_opts(aix: &Aix, a: &UpgradeArgs, w: &Wpar) -> Result<SyncOpts, Error> {
    let dir = if w.private_usr == Some(true) {
        match update_dir(aix, a.base.as_deref(), a.dir.as_deref())? {
            Some(d) => Some(d),
            None => {
                return Err(Error::usage(
                    format!(
                        "WPAR `{}` has a private /usr: its sync needs the update images (`-d DIR`)",
                        w.name
                    ),
                    [Hint::SyncWithMedia {
                        wpar: w.name.clone(),
                    }],
                ));
            }
        }
    } else {
        None
    };
    Ok(SyncOpts {
        dir,
        preview: false,
        expand: a.expand,
        refresh_toc: a.refresh_toc,
        restart: false,
        skip_media_check: false,
        all: true,
        probed: w.state == WparState::Defined,
    })
}

/// The sync of a WPAR that needs one: the media phase, syncwpar on the running WPAR, and the
/// restart installp asks for.
fn sync(
    aix: &Aix,
    a: &UpgradeArgs,
    w: &Wpar,
    rep: &mut OpReport,
    label: &str,
) -> Result<Acted, Error> {
    let name = w.name.as_str();
    let o = sync_opts(aix, a, w)?;
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
        if now.state != WparState::Active {
            rep.plan.push(format!("startwpar {name}"));
        }
        rep.plan
            .push(Invocation::new(Program::Syncwpar, args).to_string());
        rep.plan.push(format!(
            "rebootwpar {name}   (if installp asks for a restart)"
        ));
        rep.summary.push("preview: nothing was changed".into());
        return Ok(Acted::Planned);
    }
    backup::before_change(aix, w, &a.backup, a.expand, rep, label)?;
    if now.state != WparState::Active {
        start_one(aix, w, rep, label)?;
    }
    sync_running(aix, a, w, &o, rep, label)?;
    Ok(Acted::Changed)
}

/// syncwpar on the running WPAR `w`, then the restart installp asks for (unless the WPAR is
/// to be stopped again: its next start takes the new software).
fn sync_running(
    aix: &Aix,
    a: &UpgradeArgs,
    w: &Wpar,
    o: &SyncOpts,
    rep: &mut OpReport,
    label: &str,
) -> Result<(), Error> {
    let name = w.name.as_str();
    let running = Wpar {
        state: WparState::Active,
        ..w.clone()
    };
    sync::sync_one(aix, &running, o, rep, label)?;
    let reboot = rep.result.as_ref().is_some_and(|r| r.reboot_required);
    let stays_up = w.state == WparState::Active || a.restart;
    if reboot && !stays_up {
        rep.summary
            .push("installp asks for a restart: the WPAR is stopped again, its next start takes the new software".into());
        rep.next.retain(|n| !matches!(n, Hint::Reboot { .. }));
    } else if reboot && rep.state_after == Some(WparState::Active) {
        let cur = Wpar::new(name, WparState::Active);
        reboot_one(aix, &cur, &StopOpts::default(), rep, label)?;
        rep.summary
            .push("restarted (rebootwpar) as installp asked".into());
        // Done: the sync's advice to restart it no longer applies.
        rep.next.retain(|n| !matches!(n, Hint::Reboot { .. }));
    }
    Ok(())
}

/// The migration of a WPAR that needs one: stopped first, migwpar with the base images,
/// started and verified Active; then, when it is below the global's TL/SP, the sync with the
/// update images.
fn migrate(
    aix: &Aix,
    a: &UpgradeArgs,
    global: &OsLevel,
    w: &Wpar,
    rep: &mut OpReport,
    label: &str,
) -> Result<Acted, Error> {
    let name = w.name.as_str();
    let base = base_dir(aix, w, a.base.as_deref(), a.dir.as_deref(), global)?;
    let args = migrate::plan(aix, w, base.as_deref(), Mode::Native, rep)?;
    if a.preview {
        rep.plan
            .push(Invocation::new(Program::Migwpar, args).to_string());
        rep.plan
            .push(format!("startwpar {name}   (verify it reaches Active)"));
        let after = match update_dir(aix, a.base.as_deref(), a.dir.as_deref())? {
            Some(d) if w.private_usr == Some(true) => {
                format!("syncwpar -D -d {} {name}", d.display())
            }
            _ if w.private_usr == Some(true) => {
                "no update images given (-d): if the migrated level is below the global's TL/SP, the run ends there (exit 5)".into()
            }
            _ => format!("syncwpar {name}"),
        };
        rep.plan.push(format!(
            "{after}   (if the migrated level is below the global's {global})"
        ));
        rep.summary.push("preview: nothing was changed".into());
        return Ok(Acted::Planned);
    }
    backup::before_change(aix, w, &a.backup, a.expand, rep, label)?;
    if rep.state_after.as_ref().unwrap_or(&w.state) == &WparState::Active {
        stop_one(aix, w, &StopOpts::default(), rep, label)?;
    }
    migrate::migrate_one(aix, w, args, rep, label)?;
    rep.summary.push("migrated (migwpar)".into());
    if rep.state_after != Some(WparState::Active) {
        start_one(aix, w, rep, label)?;
    }
    rep.summary.push("started and verified active".into());
    // Still below the global's TL/SP: the update images finish it.
    let Ok(l) = aix.wpar_level(name)? else {
        return Ok(Acted::Changed);
    };
    rep.level_after = Some(l.raw.clone());
    if l.release == global.release && l.cmp_within_release(global).is_lt() {
        rep.level_after = None;
        rep.summary.push(format!(
            "migrated to {l}, below the global {global}: synchronizing with the update images"
        ));
        let o = sync_opts(aix, a, w)?;
        let running = Wpar {
            state: WparState::Active,
            ..w.clone()
        };
        sync::media_phase(aix, &running, &o, rep)?;
        sync_running(aix, a, w, &o, rep, label)?;
    }
    Ok(Acted::Changed)
}

/// After a change, in the running WPAR: `lppchk -v` (`--no-verify` skips it). Inconsistent
/// software is exit 17 with lppchk's lines, even at the global's level.
fn consistent(aix: &Aix, w: &Wpar, rep: &mut OpReport) -> Result<(), Error> {
    if rep.state_after.as_ref().unwrap_or(&w.state) != &WparState::Active {
        return Ok(());
    }
    let name = w.name.as_str();
    let subject = format!("WPAR `{name}` was upgraded, but its installed software");
    crate::steps::verify::require_consistent(aix, name, &subject, rep)?;
    rep.summary.push("lppchk -v: consistent".into());
    Ok(())
}

/// After a change: the level the WPAR reached, read in the running WPAR. Below the global's
/// level is a failure (exit 5) that names what is left and the command that finishes it.
fn reached(
    aix: &Aix,
    a: &UpgradeArgs,
    global: &OsLevel,
    w: &Wpar,
    rep: &mut OpReport,
) -> Result<(), Error> {
    let name = w.name.as_str();
    if rep.state_after.as_ref().unwrap_or(&w.state) != &WparState::Active {
        return Ok(());
    }
    // Read once: the migration already read it when nothing ran after it.
    let read = match rep.level_after.as_deref().and_then(OsLevel::parse) {
        Some(l) => Ok(l),
        None => aix.wpar_level(name)?,
    };
    let l = match read {
        Ok(l) => l,
        Err(why) => {
            rep.warnings
                .push(format!("could not read the level it reached: {why}"));
            return Ok(());
        }
    };
    rep.level_after = Some(l.raw.clone());
    if l.release == global.release && l.cmp_within_release(global).is_eq() {
        return Ok(());
    }
    Err(Error::Operation {
        wpar: name.into(),
        message: format!(
            "WPAR `{name}` is at {l} after the upgrade, below the global {global}{}",
            if a.dir.is_none() {
                ": no update images were given (-d)"
            } else {
                ""
            }
        ),
        exit: Exit::NeedsWork,
        hints: vec![Hint::FinishWithUpdates {
            wpar: name.into(),
            level: l.to_string(),
            global: global.to_string(),
        }],
    })
}

/// The state the WPAR is left in: running if it ran before or with `--restart`. (A WPAR that
/// was stopped and that wparup started is stopped again by [`run`].)
fn settle(
    aix: &Aix,
    a: &UpgradeArgs,
    w: &Wpar,
    rep: &mut OpReport,
    label: &str,
) -> Result<(), Error> {
    let want_active = w.state == WparState::Active || a.restart;
    let now = rep.state_after.clone().unwrap_or(w.state.clone());
    if want_active && now != WparState::Active {
        start_one(aix, w, rep, label)?;
    }
    Ok(())
}
