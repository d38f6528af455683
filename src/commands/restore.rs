//! `wparup restore NAME --from IMAGE`: the way back from a backup image. The image is read back
//! and the guards pass before anything changes; then stop, rmwpar, restwpar, start again if it
//! was running, and verify the level and the software inside.

use crate::aix::Aix;
use crate::cli::RestoreArgs;
use crate::each_wpar::{for_each_name, gate, guarded};
use crate::error::Error;
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::{BackupImage, WparState};
use crate::report::Report;
use crate::steps::backup::read_back;
use crate::steps::restore::{guard, image_dir, image_facts, plan, run_step};
use crate::steps::verify::require_consistent;

/// `wparup restore`.
pub fn run(aix: &Aix, a: &RestoreArgs) -> Result<Report, Error> {
    let name = a.name.to_string();
    for_each_name(
        aix,
        "restore",
        std::slice::from_ref(&name),
        false,
        |name, _, _| guarded(aix, "restore", name, |rep| one(aix, a, name, rep)),
        true,
    )
}

fn one(
    aix: &Aix,
    a: &RestoreArgs,
    name: &str,
    rep: &mut crate::report::OpReport,
) -> Result<(), Error> {
    let image = a.from.as_path();
    let global = aix.global_level()?;
    // The WPAR may be gone: restwpar recreates it.
    let current = match aix.wpar(name) {
        Ok(w) => {
            rep.before(&w);
            if w.state != WparState::Broken {
                gate(&w, "restore")?;
            }
            Some(w)
        }
        Err(Error::NotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    let facts = image_facts(aix, image)?;
    // AIX reads the image back before anything is removed.
    let contents = read_back(aix, image, rep)?.map_err(|why| Error::Operation {
        wpar: name.to_string(),
        message: format!(
            "backup image `{}` cannot be read back ({why}); nothing was changed",
            image.display()
        ),
        exit: Exit::ImageMismatch,
        hints: vec![Hint::ListImages {
            dir: image_dir(image),
        }],
    })?;
    let cleared = guard(name, image, &facts, current.as_ref(), &global, a.force)?;
    rep.warnings.extend(cleared.warnings);
    let mut from = facts
        .record
        .clone()
        .unwrap_or_else(|| BackupImage::unrecorded(name, String::new(), String::new()));
    from.image = image.display().to_string();
    from.size_bytes = facts.size;
    from.contents = contents;
    let was_active = current
        .as_ref()
        .is_some_and(|w| w.state == WparState::Active);
    let level = from.level.clone();
    // An image from before a migration holds the old release: startwpar would refuse it
    // (0960-667) until it is migrated again, so it is left stopped.
    let older_release = level
        .as_deref()
        .and_then(crate::model::OsLevel::parse)
        .filter(|l| l.release < global.release);
    let start = was_active && older_release.is_none();
    let steps = plan(name, image, current.as_ref(), start);
    rep.restored_from = Some(from);
    if a.preview {
        rep.plan = steps.iter().map(|i| i.to_string()).collect();
        rep.summary.push(format!(
            "would restore from {}{}",
            image.display(),
            level
                .map(|l| format!(" (taken at {l})"))
                .unwrap_or_default()
        ));
        return Ok(());
    }
    let older = run_plan(aix, name, image, &steps, rep)?
        .or(older_release.map(|l| format!("{} ({})", l.raw, l.release_name())));
    let after = aix.wpar(name)?;
    rep.state_after = Some(after.state.clone());
    rep.summary.push(format!(
        "restored from {}{}",
        image.display(),
        level
            .as_deref()
            .map(|l| format!(" (taken at {l})"))
            .unwrap_or_default()
    ));
    rep.next.extend(cleared.next);
    if let Some(old) = older {
        rep.summary.push(format!(
            "back at {old}: it stays stopped until it is migrated again"
        ));
        rep.next.push(crate::steps::lifecycle::migrate_hint(&after));
        return Ok(());
    }
    if !start {
        rep.next.push(Hint::StartAndVerify { wpar: name.into() });
        return Ok(());
    }
    crate::steps::lifecycle::refuse_broken(&after, Some(&after), "restwpar")?;
    check_running(aix, name, level.as_deref(), !a.no_verify, rep)
}

/// Runs the plan's commands in order. A startwpar that refuses the restored WPAR as older than
/// the global (0960-667) ends the plan well: the image holds an older release (its record may
/// not say so), and that WPAR is migrated next. Returns that release, when so.
fn run_plan(
    aix: &Aix,
    name: &str,
    image: &std::path::Path,
    steps: &[crate::exec::Invocation],
    rep: &mut crate::report::OpReport,
) -> Result<Option<String>, Error> {
    let n = steps.len();
    for (i, inv) in steps.iter().enumerate() {
        let label = format!("restore {name} ({}/{n})", i + 1);
        match run_step(aix, name, image, inv, rep, &label) {
            Err(Error::Operation {
                exit: Exit::NeedsMigration,
                ..
            }) if inv.program == crate::exec::Program::Startwpar => {
                return Ok(Some(
                    "a release older than the global's (startwpar: 0960-667)".into(),
                ));
            }
            other => other?,
        }
    }
    Ok(None)
}

/// A restored WPAR running again: at the image's level, and (unless `--no-verify`) consistent.
fn check_running(
    aix: &Aix,
    name: &str,
    level: Option<&str>,
    verify: bool,
    rep: &mut crate::report::OpReport,
) -> Result<(), Error> {
    let now = aix.wpar_level(name)?;
    rep.level_after = now.as_ref().ok().map(|l| l.raw.clone());
    if let (Some(want), Ok(got)) = (level, &now)
        && got.raw != want
    {
        return Err(Error::Operation {
            wpar: name.to_string(),
            message: format!(
                "WPAR `{name}` was restored but is at {} where the image was taken at {want}",
                got.raw
            ),
            exit: Exit::Failed,
            hints: vec![Hint::StatusShowsLevels { wpar: name.into() }],
        });
    }
    if verify {
        require_consistent(aix, name, &format!("restored WPAR `{name}`"), rep)?;
    }
    Ok(())
}
