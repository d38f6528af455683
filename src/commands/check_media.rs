//! `wparup check-media NAME…|--all -d DIR`: before any long run, predict which filesets
//! syncwpar would report as missing from the media (0960-582), and whether the media
//! directory's `.toc` is stale ([`crate::steps::media`]).

use crate::aix::{Aix, filesets_probe};
use crate::cli::CheckMediaArgs;
use crate::each_wpar::{for_each_name, guarded, read_ahead};
use crate::error::Error;
use crate::hints::Hint;
use crate::model::WparState;
use crate::report::{OpReport, Report};
use crate::steps::media::{check, media_warnings, missing_error, preflight_notes};

/// `wparup check-media NAME… -d DIR` (or `--all`): one report for one WPAR, a table for
/// several. With several, the running WPARs' filesets are read ahead, `--jobs` at a time; every
/// WPAR is checked whatever the others' results (nothing is changed).
pub fn run(aix: &Aix, a: &CheckMediaArgs) -> Result<Report, Error> {
    let given: Vec<&str> = a.names.iter().map(|n| n.as_str()).collect();
    let table = a.all || given.len() > 1;
    let names: Vec<String> = if table {
        read_ahead(aix, a.all, &given, |w| {
            if w.state == WparState::Active {
                vec![filesets_probe(&w.name)]
            } else {
                Vec::new()
            }
        })?
    } else {
        given.iter().map(|n| n.to_string()).collect()
    };
    for_each_name(
        aix,
        "check-media",
        &names,
        table,
        |name, _, _| one(aix, a, name),
        false,
    )
}

/// The check of one WPAR, under its lock.
fn one(aix: &Aix, a: &CheckMediaArgs, name: &str) -> Result<OpReport, Error> {
    guarded(aix, "check-media", name, |rep: &mut OpReport| {
        let w = aix.wpar(name)?;
        rep.before(&w);
        let m = aix.media_dir(&a.dir)?;
        rep.warnings.extend(media_warnings(&m));
        if w.state != WparState::Active {
            return Err(Error::WrongState {
                wpar: name.to_string(),
                state: w.state.to_string(),
                why: "its installed fileset levels can only be read while it runs (clogin)".into(),
                hints: vec![
                    Hint::StartFirst { wpar: name.into() },
                    Hint::PreviewSyncWithMedia {
                        wpar: name.into(),
                        dir: a.dir.display().to_string(),
                    },
                ],
            });
        }
        let c = check(aix, &w, m)?;
        preflight_notes(&w, &c, false, rep);
        let missing = !c.missing.is_empty();
        let err = missing.then(|| missing_error(&w, &a.dir, &c, &aix.rerun));
        if !missing {
            rep.summary.push(format!(
                "{} fileset(s) are older in the WPAR than in the global environment; the media carry all of them",
                c.needed
            ));
            let dir = crate::shell::quote_bytes(a.dir.as_os_str().as_encoded_bytes());
            rep.next.push(if c.needed == 0 {
                Hint::NothingToSync { wpar: name.into() }
            } else {
                Hint::SyncNow {
                    wpar: name.into(),
                    dir,
                }
            });
        }
        rep.media = Some(c);
        match err {
            Some(e) => Err(e),
            None => Ok(()),
        }
    })
}
