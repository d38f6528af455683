//! The media directory seen from one WPAR: warnings about the directory itself (a stale or
//! missing `.toc`) and the prediction of the filesets syncwpar would report as missing
//! (0960-582), with its error and fix.
//!
//! Levels come from `lslpp -Lc` in the global environment, `clogin NAME -l root /usr/bin/lslpp
//! -Lc` in the WPAR (which must be running: a stopped WPAR's file systems are not mounted and no
//! source shows another way to read them), and `installp -ld DIR` for the media — installp's own
//! view through the `.toc`, so a stale `.toc` shows up as missing filesets, as it would in the run.

use std::path::{Path, PathBuf};

use crate::aix::Aix;
use crate::error::Error;
use crate::exit::Exit;
use crate::hints::Hint;
use crate::media::{self, MediaDir, Offer};
use crate::model::{OsLevel, SpaceForecast, Wpar};
use crate::report::MediaCheck;

/// Runs the prediction for a running WPAR.
pub fn check(aix: &Aix, w: &Wpar, media: MediaDir) -> Result<MediaCheck, Error> {
    let global = aix.global_filesets()?;
    let wpar = aix.wpar_filesets(&w.name)?;
    let list = aix.media_list(&media.path)?;
    let p = media::predict(&global.filesets, &wpar.filesets, &list);
    let space = forecast(aix, w, &media, &p.needs)?;
    let with = |f: &dyn Fn(&crate::parse::lslpp::Installed) -> bool| -> Vec<String> {
        wpar.filesets
            .iter()
            .filter(|i| f(i))
            .map(|i| i.fileset.clone())
            .collect()
    };
    Ok(MediaCheck {
        media,
        predicted: true,
        reason: None,
        needed: p.needed,
        missing: p.missing,
        uncommitted: with(&|i| i.fix_state.as_deref() == Some("A")),
        efix_locked: with(&|i| i.efix_locked),
        space,
    })
}

/// The free-space forecast of a private /usr: the images (named after their filesets) of the
/// filesets to apply against `df -Pk` of the WPAR's `/usr`. None when it cannot be told: a
/// shared /usr (the global's), a scan without sizes (an older transcript), no image named after
/// a fileset to apply, or a `/usr` that is not mounted.
fn forecast(
    aix: &Aix,
    w: &Wpar,
    media: &MediaDir,
    needs: &[String],
) -> Result<Option<SpaceForecast>, Error> {
    if w.private_usr != Some(true) || media.sizes.is_empty() || needs.is_empty() {
        return Ok(None);
    }
    let sized: Vec<u64> = needs.iter().filter_map(|n| media.bytes_of(n)).collect();
    let images_bytes = sized.iter().fold(0u64, |a, b| a.saturating_add(*b));
    if images_bytes == 0 {
        return Ok(None);
    }
    let base = w
        .directory
        .clone()
        .unwrap_or_else(|| format!("/wpars/{}", w.name));
    let mount = format!("{}/usr", base.trim_end_matches('/'));
    let Some(free_kb) = aix.free_kb(&mount)? else {
        return Ok(None);
    };
    let free_bytes = free_kb.saturating_mul(1024);
    Ok(Some(SpaceForecast {
        mount,
        free_bytes,
        images_bytes,
        not_sized: needs.len() - sized.len(),
        short: images_bytes > free_bytes,
    }))
}

/// The preflight's findings in the WPAR's filesets, as warnings and next steps (they do not
/// stop the run: installp's own checks decide; wparup says it before the long run).
pub fn preflight_notes(w: &Wpar, c: &MediaCheck, expand: bool, rep: &mut crate::report::OpReport) {
    let list = |v: &[String]| {
        let mut s = v.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
        if v.len() > 10 {
            s.push_str(&format!(", … ({} in all)", v.len()));
        }
        s
    };
    if !c.uncommitted.is_empty() {
        rep.warnings.push(format!(
            "{} fileset(s) in WPAR `{}` are APPLIED, not committed: {}",
            c.uncommitted.len(),
            w.name,
            list(&c.uncommitted)
        ));
        rep.next.push(Hint::CommitApplied {
            wpar: w.name.clone(),
        });
    }
    if let Some(s) = c.space.as_ref().filter(|s| s.short && !expand) {
        let mb = |b: u64| b.div_ceil(1 << 20);
        let more = s.images_bytes - s.free_bytes;
        rep.warnings.push(format!(
            "predicted shortfall: the update images to apply in WPAR `{}` total {} MB, but {} has {} MB free; syncwpar would stop with 0503-008 (then 0960-580) after a long run",
            w.name,
            mb(s.images_bytes),
            s.mount,
            s.free_bytes >> 20
        ));
        rep.next.push(Hint::SyncExpand {
            wpar: w.name.clone(),
            dir: Some(crate::shell::quote_bytes(
                c.media.path.as_os_str().as_encoded_bytes(),
            )),
        });
        rep.next.push(Hint::GrowFs {
            mount: s.mount.clone(),
            mb: mb(more),
            blocks: more.div_ceil(512),
        });
    }
    if !c.efix_locked.is_empty() {
        rep.warnings.push(format!(
            "{} fileset(s) in WPAR `{}` are locked by an iFix (EFIX LOCKED), which blocks their update: {}",
            c.efix_locked.len(),
            w.name,
            list(&c.efix_locked)
        ));
        rep.next.push(Hint::EfixLocked {
            wpar: w.name.clone(),
        });
    }
}

/// The media-check result as an error (exit 11) with the fix. When the images of every
/// missing fileset are in the directory but its `.toc`, older than them, does not list them,
/// that is the error, and rebuilding the `.toc` is the first fix (the seed's trap).
pub fn missing_error(w: &Wpar, dir: &Path, m: &MediaCheck, rerun: &str) -> Error {
    let d = dir.display().to_string();
    let names: Vec<&str> = m.missing.iter().map(|n| n.fileset.as_str()).collect();
    let hidden = m.media.stale_toc && !names.is_empty() && names.iter().all(|n| m.media.hides(n));
    if hidden {
        let again = if rerun.contains("--refresh-toc") || !rerun.starts_with("wparup ") {
            rerun.to_string()
        } else {
            format!("{rerun} --refresh-toc")
        };
        return Error::Operation {
            wpar: w.name.clone(),
            message: format!(
                "the images of {} are in `{d}`, but its .toc is older than them and does not list them: installp would not see them ({} fileset(s) missing for syncwpar)",
                names.join(", "),
                names.len()
            ),
            exit: Exit::MediaIncomplete,
            hints: vec![Hint::RefreshToc { dir: d }, Hint::RunAgain { rerun: again }],
        };
    }
    Error::Operation {
        wpar: w.name.clone(),
        message: format!(
            "{} fileset(s) installed in the global environment are not on the media in `{d}` at the global level: {}",
            names.len(),
            names.join(", ")
        ),
        exit: Exit::MediaIncomplete,
        hints: vec![
            Hint::CopyUpdates { dir: d.clone() },
            Hint::RefreshToc { dir: d },
            Hint::RunAgain {
                rerun: rerun.into(),
            },
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
            Hint::RefreshToc { dir: d.clone() }
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

/// The directory holding the base images of the global's release, for migrating `w`: `base`
/// (`--base`) if given, else `dir` (`-d`) when it holds them too (a NIM lpp_source often holds
/// both). `None` for a WPAR that shares the global's /usr (migwpar needs no media for it). A
/// private-/usr WPAR with no such directory is refused before anything runs (exit 2).
pub fn base_dir(
    aix: &Aix,
    w: &Wpar,
    base: Option<&Path>,
    dir: Option<&Path>,
    global: &OsLevel,
) -> Result<Option<PathBuf>, Error> {
    if w.private_usr == Some(false) {
        return Ok(None);
    }
    let release = global.release_name();
    let name = w.name.as_str();
    // `--base` when given, else `-d`: the directory, or why it cannot serve.
    let given = base.map(|b| (b, true)).or(dir.map(|d| (d, false)));
    if let Some((p, is_base)) = given {
        let offer = Offer::of(&aix.media_list(p)?);
        if offer.has_base(global.release) {
            return Ok(Some(p.to_path_buf()));
        }
        hidden_base(aix, p)?;
        let message = if is_base {
            format!(
                "`--base {}` holds no AIX {release} base images (installp lists no bos.rte {release} install image there){}: WPAR `{name}` cannot be migrated from it",
                p.display(),
                updates_only(&offer)
            )
        } else {
            format!(
                "WPAR `{name}` needs migrating to AIX {release}, and `-d {}` holds no AIX {release} base images{}: migwpar would find nothing to migrate it with",
                p.display(),
                updates_only(&offer)
            )
        };
        return Err(Error::usage(
            message,
            [Hint::GiveBase {
                wpar: name.into(),
                release,
            }],
        ));
    }
    if w.private_usr.is_none() {
        // The /usr kind is not shown: migwpar decides, as in 0.2.
        return Ok(None);
    }
    Err(Error::usage(
        format!(
            "WPAR `{name}` needs migrating to AIX {release} and has a private /usr: migwpar needs the release's base images, and no directory was given"
        ),
        [Hint::GiveBase {
            wpar: name.into(),
            release,
        }],
    ))
}

/// The base images are in `dir` but its stale `.toc` does not list them: that is the error,
/// and rebuilding the `.toc` the fix (the seed's trap, for base media).
fn hidden_base(aix: &Aix, dir: &Path) -> Result<(), Error> {
    let m = aix.media_dir(dir)?;
    if m.stale_toc && m.hides("bos.rte") {
        let d = dir.display().to_string();
        return Err(Error::usage(
            format!(
                "the bos.rte images are in `{d}`, but its .toc is older than them and does not list them: installp would not see them"
            ),
            [Hint::RefreshToc { dir: d }],
        ));
    }
    Ok(())
}

/// ` (it holds N update images only)` when that is what the directory offers.
fn updates_only(offer: &Offer) -> String {
    if offer.installs == 0 && offer.updates > 0 {
        format!(" (it holds {} update image(s) only)", offer.updates)
    } else {
        String::new()
    }
}

/// The directory of update images for a private-/usr WPAR's sync: `dir` (`-d`), else `base`
/// when it holds updates too. `None` when neither does (the caller decides what that means).
pub fn update_dir(
    aix: &Aix,
    base: Option<&Path>,
    dir: Option<&Path>,
) -> Result<Option<PathBuf>, Error> {
    if let Some(d) = dir {
        return Ok(Some(d.to_path_buf()));
    }
    if let Some(b) = base
        && Offer::of(&aix.media_list(b)?).updates > 0
    {
        return Ok(Some(b.to_path_buf()));
    }
    Ok(None)
}
