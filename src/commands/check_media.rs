//! `wparup check-media`: before any long run, predict which filesets syncwpar would report as
//! missing from the media (0960-582), and whether the media directory's `.toc` is stale.
//!
//! Levels come from `lslpp -Lc` in the global environment, `clogin NAME -l root /usr/bin/lslpp
//! -Lc` in the WPAR (which must be running: a stopped WPAR's file systems are not mounted and no
//! source shows another way to read them), and `installp -ld DIR` for the media — installp's own
//! view through the `.toc`, so a stale `.toc` shows up as missing filesets, as it would in the run.

use std::path::Path;

use super::per_wpar::for_each_name;
use super::queries::filesets_probe;
use super::report::MediaCheck;
use super::{Ctx, OpReport, Report, guarded};
use crate::cli::CheckMediaArgs;
use crate::error::Error;
use crate::exec::Invocation;
use crate::exit::Exit;
use crate::hints::Hint;
use crate::media::{self, MediaDir};
use crate::model::{Wpar, WparState};

/// Runs the prediction for a running WPAR.
pub fn check(ctx: &Ctx, w: &Wpar, media: MediaDir) -> Result<MediaCheck, Error> {
    let global = ctx.global_filesets()?;
    let wpar = ctx.wpar_filesets(&w.name)?;
    let list = ctx.media_list(&media.path)?;
    let p = media::predict(&global.filesets, &wpar.filesets, &list);
    Ok(MediaCheck {
        media,
        predicted: true,
        reason: None,
        needed: p.needed,
        missing: p.missing,
    })
}

/// The media-check result as an error (exit 11) with the fix.
pub fn missing_error(w: &Wpar, dir: &Path, m: &MediaCheck, rerun: &str) -> Error {
    let d = dir.display().to_string();
    let names: Vec<&str> = m.missing.iter().map(|n| n.fileset.as_str()).collect();
    Error::Operation {
        wpar: w.name.clone(),
        message: format!(
            "{} fileset(s) installed in the global environment are not on the media in `{d}` at the global level: {}",
            names.len(),
            names.join(", ")
        ),
        exit: Exit::MediaIncomplete,
        hints: vec![
            Hint::CopyUpdates { dir: &d }.into(),
            Hint::RefreshToc { dir: &d }.into(),
            Hint::RunAgain { rerun }.into(),
        ],
    }
}

/// Warnings about the media directory itself.
pub fn media_warnings(m: &MediaDir) -> Vec<String> {
    let mut v = Vec::new();
    if m.stale_toc {
        let d = m.path.display().to_string();
        v.push(format!(
            "the .toc in `{d}` is older than `{}`: installp will not see images copied after it was built; {}",
            m.newer_than_toc.as_deref().unwrap_or("an image"),
            Hint::RefreshToc { dir: &d }
        ));
    }
    if !m.has_toc {
        v.push(format!(
            "`{}` has no .toc yet; installp builds one on first use",
            m.path.display()
        ));
    }
    v
}

/// `wparup check-media NAME… -d DIR` (or `--all`): one report for one WPAR, a table for
/// several. With several, the running WPARs' filesets are read ahead, `--jobs` at a time; every
/// WPAR is checked whatever the others' results (nothing is changed).
pub fn run(ctx: &Ctx, a: &CheckMediaArgs) -> Result<Report, Error> {
    let given: Vec<&str> = a.names.iter().map(|n| n.as_str()).collect();
    let table = a.all || given.len() > 1;
    let names: Vec<String> = if table {
        let listing = if a.all {
            ctx.all_wpars()?
        } else {
            ctx.lswpar(&given)?
        };
        let probes: Vec<Invocation> = listing
            .wpars
            .iter()
            .filter(|w| w.state == WparState::Active)
            .map(|w| filesets_probe(&w.name))
            .collect();
        ctx.prefetch(&probes)?;
        if a.all {
            listing.wpars.into_iter().map(|w| w.name).collect()
        } else {
            given.iter().map(|n| n.to_string()).collect()
        }
    } else {
        given.iter().map(|n| n.to_string()).collect()
    };
    for_each_name(
        ctx,
        "check-media",
        &names,
        table,
        |name, _, _| one(ctx, a, name),
        false,
    )
}

/// The check of one WPAR, under its lock.
fn one(ctx: &Ctx, a: &CheckMediaArgs, name: &str) -> Result<OpReport, Error> {
    guarded(ctx, "check-media", name, |rep: &mut OpReport| {
        let w = ctx.wpar(name)?;
        rep.before(&w);
        let m = ctx.media_dir(&a.dir)?;
        rep.warnings.extend(media_warnings(&m));
        if w.state != WparState::Active {
            return Err(Error::WrongState {
                wpar: name.to_string(),
                state: w.state.to_string(),
                why: "its installed fileset levels can only be read while it runs (clogin)".into(),
                hints: vec![
                    Hint::StartFirst { wpar: name }.into(),
                    format!(
                        "or let syncwpar preview it: `wparup sync {name} -d {} --preview`",
                        a.dir.display()
                    ),
                ],
            });
        }
        let c = check(ctx, &w, m)?;
        let missing = !c.missing.is_empty();
        let err = missing.then(|| missing_error(&w, &a.dir, &c, &ctx.rerun));
        if !missing {
            rep.summary.push(format!(
                "{} fileset(s) are older in the WPAR than in the global environment; the media carry all of them",
                c.needed
            ));
            let dir = crate::transcript::quote_bytes(a.dir.as_os_str().as_encoded_bytes());
            rep.next.push(if c.needed == 0 {
                format!("nothing to synchronize: `wparup status {name}` should say up-to-date")
            } else {
                Hint::SyncNow {
                    wpar: name,
                    dir: &dir,
                }
                .to_string()
            });
        }
        rep.media = Some(c);
        match err {
            Some(e) => Err(e),
            None => Ok(()),
        }
    })
}
