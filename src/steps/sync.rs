//! syncwpar for one WPAR: what it cannot do (refused before anything runs), its arguments
//! (detached, private-/usr WPARs get `-D -d DIR`; `-p` previews, `-X` expands), the media
//! phase (`.toc`, the missing-fileset prediction) and the run with its outcome and next step.

use std::ffi::OsString;
use std::path::PathBuf;

use super::lifecycle::{migrate_hint, read_after, reboot_one, refuse_broken};
use super::media::{check, media_warnings, missing_error};
use crate::aix::Aix;
use crate::cli::StopOpts;
use crate::error::Error;
use crate::exec::{Invocation, Program};
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::{Wpar, WparState, WparType};
use crate::parse::op::OpResult;
use crate::report::{MediaCheck, OpReport};

/// Sync options (shared with `upgrade`).
#[derive(Debug, Clone, Default)]
pub struct SyncOpts {
    /// The media directory (`-d`): the update images syncwpar -D installs from.
    pub dir: Option<PathBuf>,
    /// `-p`.
    pub preview: bool,
    /// `-X`.
    pub expand: bool,
    /// Run `inutoc DIR` first.
    pub refresh_toc: bool,
    /// Restart after success.
    pub restart: bool,
    /// Skip the fileset prediction.
    pub skip_media_check: bool,
    /// `--all`: a shared WPAR ignores `-d` instead of refusing it.
    pub all: bool,
    /// The WPAR is stopped, and its filesets were read by a maintenance-mode probe
    /// ([`crate::steps::probe`]) for the media check.
    pub probed: bool,
}

/// Refuses what syncwpar cannot do, before anything runs.
pub fn refuse(w: &Wpar, o: &SyncOpts) -> Result<(), Error> {
    let name = &w.name;
    if w.versioned {
        return Err(Error::Usage {
            message: format!(
                "WPAR `{name}` is a versioned WPAR (ostype {}): syncwpar cannot synchronize the software of 5.2/5.3 versioned WPARs",
                w.ostype.as_deref().unwrap_or("?")
            ),
            hints: vec![
                Hint::ConvertVersioned { wpar: name.clone() },
                Hint::KeepVersioned { wpar: name.clone() },
                Hint::SyncDeviceData { wpar: name.clone() },
            ],
        });
    }
    if w.wpar_type == WparType::Application {
        return Err(Error::usage(
            format!(
                "WPAR `{name}` is an application WPAR: it shares the global's software, there is nothing to synchronize"
            ),
            [],
        ));
    }
    if w.private_usr == Some(true) && o.dir.is_none() {
        return Err(Error::Usage {
            message: format!(
                "WPAR `{name}` has a private /usr: syncwpar -D needs a directory holding every update installed in the global environment (`-d DIR`)"
            ),
            hints: vec![Hint::SyncWithMedia { wpar: name.clone() }],
        });
    }
    if w.private_usr != Some(true) && o.dir.is_some() && !o.all {
        return Err(Error::Usage {
            message: format!(
                "WPAR `{name}` shares /usr with the global environment: `-d` is only for detached WPARs (syncwpar -D)"
            ),
            hints: vec![Hint::DropMediaDir { wpar: name.clone() }],
        });
    }
    Ok(())
}

/// The syncwpar arguments.
pub fn args(w: &Wpar, o: &SyncOpts) -> Vec<OsString> {
    let mut v = Vec::new();
    if w.private_usr == Some(true)
        && let Some(d) = &o.dir
    {
        v.push("-D".into());
        v.push("-d".into());
        v.push(d.as_os_str().to_owned());
    }
    if o.preview {
        v.push("-p".into());
    }
    if o.expand {
        v.push("-X".into());
    }
    v.push(OsString::from(&w.name));
    v
}

/// Media directory checks and the fileset prediction. Err(11) when filesets are missing.
pub fn media_phase(aix: &Aix, w: &Wpar, o: &SyncOpts, rep: &mut OpReport) -> Result<(), Error> {
    let Some(dir) = o.dir.as_deref().filter(|_| w.private_usr == Some(true)) else {
        return Ok(());
    };
    let mut m = aix.media_dir(dir)?;
    if o.refresh_toc && (m.stale_toc || !m.has_toc) && !o.preview {
        let inv = Invocation::new(Program::Inutoc, [dir.as_os_str()]);
        rep.ran.push(inv.to_string());
        aix.run_plain(&inv)?;
        m = aix.media_dir(dir)?;
    } else if o.refresh_toc && o.preview && (m.stale_toc || !m.has_toc) {
        // installp reads the media through the .toc, which the real run rebuilds first: a
        // prediction through today's .toc would report the images copied since as missing.
        rep.plan.push(format!("inutoc {}", dir.display()));
        rep.warnings.push(format!(
            "the .toc in `{}` will be rebuilt first (--refresh-toc): the missing-fileset check runs after inutoc in the real run, not in this preview",
            dir.display()
        ));
        rep.media = Some(MediaCheck::unpredicted(
            m,
            "the .toc is rebuilt first (--refresh-toc)",
        ));
        return Ok(());
    }
    rep.warnings.extend(media_warnings(&m));
    if o.skip_media_check {
        return Ok(());
    }
    if w.state != WparState::Active && !o.probed {
        rep.warnings.push(format!(
            "WPAR `{}` is not running: its installed levels cannot be read, so missing filesets cannot be predicted (syncwpar will report them with 0960-582)",
            w.name
        ));
        rep.media = Some(MediaCheck::unpredicted(m, "the WPAR is not running"));
        return Ok(());
    }
    let c = check(aix, w, m)?;
    super::media::preflight_notes(w, &c, o.expand, rep);
    let err = (!c.missing.is_empty()).then(|| missing_error(w, dir, &c, &aix.rerun));
    rep.media = Some(c);
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Summary lines for a successful sync.
fn success_summary(r: &OpResult) -> Vec<String> {
    let applied = r
        .installation_summary
        .iter()
        .filter(|x| x.event == "APPLY" && !x.failed())
        .count();
    let committed = r
        .installation_summary
        .iter()
        .filter(|x| x.event == "COMMIT" && !x.failed())
        .count();
    let mut v = Vec::new();
    if r.preview {
        v.push(format!(
            "preview: {} fileset level(s) would be applied{}",
            r.to_apply.len(),
            r.to_apply
                .first()
                .map(|f| format!(" (first: {} {})", f.fileset, f.level))
                .unwrap_or_default()
        ));
    } else if !r.installation_summary.is_empty() || r.fileset_statistics.is_some() {
        v.push(format!(
            "installation summary: {applied} applied, {committed} committed{}",
            r.fileset_statistics
                .as_ref()
                .and_then(|s| s.total)
                .map(|t| format!(" ({t} selected by installp)"))
                .unwrap_or_default()
        ));
    }
    if let Some(t) = &r.total_time {
        v.push(format!("installp time: {t}"));
    }
    // A preview's "synchronized successfully" is syncwpar's own line for the preview: no
    // software changed, so the summary does not repeat it.
    if !r.preview {
        for s in &r.synchronized {
            v.push(format!("workload partition {s} synchronized successfully"));
        }
    }
    v
}

/// What to do after syncwpar failed with `exit`: per class, the fix and the way back.
fn failure_hints(aix: &Aix, w: &Wpar, o: &SyncOpts, exit: Exit, r: &OpResult) -> Vec<Hint> {
    let wpar = w.name.clone();
    let dir = o
        .dir
        .as_deref()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| "DIR".into());
    let rerun = aix.rerun.clone();
    match exit {
        Exit::Ok => Vec::new(),
        Exit::MediaIncomplete => vec![
            Hint::CopyUpdates { dir: dir.clone() },
            Hint::RefreshToc { dir },
            Hint::RunAgain { rerun },
        ],
        Exit::MediaOlder => vec![Hint::NewerMedia { dir }, Hint::RunAgain { rerun }],
        Exit::NoSpace => {
            let mut v = vec![Hint::SyncExpand {
                wpar,
                dir: (w.private_usr == Some(true)).then_some(dir),
            }];
            for s in &r.space_shortfalls {
                let mount = match (&w.directory, s.filesystem.starts_with('/')) {
                    (Some(d), true) if s.filesystem != "/tmp" || w.private_usr.is_some() => {
                        format!("{}{}", d.trim_end_matches('/'), s.filesystem)
                    }
                    _ => s.filesystem.clone(),
                };
                v.push(match s.megabytes() {
                    Some(mb) => Hint::GrowFs {
                        mount,
                        mb,
                        blocks: s.blocks_512.unwrap_or(0),
                    },
                    None => Hint::FreeSpace { mount },
                });
            }
            v
        }
        Exit::SyncCycle => vec![Hint::PreviewSync { wpar }, Hint::CheckFreeSpace],
        Exit::NeedsMigration => vec![migrate_hint(w)],
        _ => vec![Hint::ReadLog { wpar }],
    }
}

/// Runs syncwpar for one WPAR (checks already done) and handles the outcome.
pub fn sync_one(
    aix: &Aix,
    w: &Wpar,
    o: &SyncOpts,
    rep: &mut OpReport,
    label: &str,
) -> Result<(), Error> {
    let inv = Invocation::new(Program::Syncwpar, args(w, o));
    rep.ran.push(inv.to_string());
    let (r, class) = aix.run_op(&inv, label)?;
    let (exit, cause) = (class.exit, class.cause);
    let name = w.name.as_str();
    let hints = failure_hints(aix, w, o, exit, &r);
    let summary = if exit == Exit::Ok {
        success_summary(&r)
    } else {
        Vec::new()
    };
    let reboot = r.reboot_required;
    rep.result = Some(r);
    let after = read_after(aix, name, rep);
    if exit != Exit::Ok {
        return Err(Error::Operation {
            wpar: name.to_string(),
            message: format!("`{inv}` failed for WPAR `{name}`: {cause}"),
            exit,
            hints,
        });
    }
    refuse_broken(w, after.as_ref(), &inv.to_string())?;
    rep.summary.extend(summary);
    rep.changed = !o.preview;
    if o.preview {
        rep.next.push(Hint::RunSync {
            wpar: name.into(),
            dir: o
                .dir
                .as_deref()
                .filter(|_| w.private_usr == Some(true))
                .map(|d| d.display().to_string()),
            expand: o.expand,
        });
        return Ok(());
    }
    if reboot {
        rep.summary
            .push("installp asks for a restart of the WPAR for the changes to take effect".into());
    }
    let running = after.as_ref().is_some_and(|a| a.state == WparState::Active);
    if o.restart {
        if let Some(a) = after.filter(|_| running) {
            reboot_one(
                aix,
                &a,
                &StopOpts::default(),
                rep,
                &format!("reboot {name}"),
            )?;
            rep.summary.push("WPAR restarted (rebootwpar)".into());
        } else {
            rep.summary
                .push("WPAR is not running: it will pick up the changes at its next start".into());
        }
    } else if reboot {
        rep.next.push(if running {
            Hint::Reboot { wpar: name.into() }
        } else {
            Hint::StartWhenReady { wpar: name.into() }
        });
    }
    Ok(())
}
