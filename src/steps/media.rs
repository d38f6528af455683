//! The media directory seen from one WPAR: warnings about the directory itself (a stale or
//! missing `.toc`) and the prediction of the filesets syncwpar would report as missing
//! (0960-582), with its error and fix.
//!
//! Levels come from `lslpp -Lc` in the global environment, `clogin NAME -l root /usr/bin/lslpp
//! -Lc` in the WPAR (which must be running: a stopped WPAR's file systems are not mounted and no
//! source shows another way to read them), and `installp -ld DIR` for the media — installp's own
//! view through the `.toc`, so a stale `.toc` shows up as missing filesets, as it would in the run.

use std::path::Path;

use crate::aix::Aix;
use crate::error::Error;
use crate::exit::Exit;
use crate::hints::Hint;
use crate::media::{self, MediaDir};
use crate::model::Wpar;
use crate::report::MediaCheck;

/// Runs the prediction for a running WPAR.
pub fn check(aix: &Aix, w: &Wpar, media: MediaDir) -> Result<MediaCheck, Error> {
    let global = aix.global_filesets()?;
    let wpar = aix.wpar_filesets(&w.name)?;
    let list = aix.media_list(&media.path)?;
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
