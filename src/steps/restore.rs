//! Bringing a WPAR back from a savewpar image: read the image back, guard against what IBM warns
//! about, then stop, `rmwpar`, `restwpar -f IMAGE -n NAME`, start again if it was running, and
//! verify.
//!
//! What IBM documents and this follows (docs/transcripts.md, "Backups"): restwpar creates a WPAR
//! from an image (`-f` the image, `-n` the name); a shared-/usr WPAR restored onto a global whose
//! installation history differs fails in syncroot, so IBM advises restoring onto a similar
//! system; the user volume groups of a rootvg WPAR are not re-imported. rmwpar removes a WPAR and
//! its file systems (the image replaces them). That a pre-update image of a shared WPAR restored
//! onto the updated global is exactly that syncroot case is an inference (UNCERTAIN): wparup
//! refuses it unless `--force`. No published output of restwpar exists: it is judged by its exit
//! status and the state lswpar shows afterwards.

use std::path::Path;

use crate::aix::Aix;
use crate::error::Error;
use crate::exec::{Invocation, Program};
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::{BackupImage, OsLevel, Wpar, WparState};
use crate::report::OpReport;

/// What wparup knows of an image before it restores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFacts {
    /// Its size in bytes.
    pub size: Option<u64>,
    /// The record wparup wrote beside it, when there is one.
    pub record: Option<BackupImage>,
    /// Why there is none.
    pub no_record: Option<String>,
}

/// Reads `wparup-image-record IMAGE` (wparup's own look, recorded like a command): the image
/// must be a readable file; its record is optional.
pub fn image_facts(aix: &Aix, image: &Path) -> Result<ImageFacts, Error> {
    let inv = Invocation::new(Program::ImageRecord, [image.as_os_str()]);
    let (out, end) = aix.collect(&inv)?;
    let text = String::from_utf8_lossy(&out);
    if !end.success() {
        let why = text
            .lines()
            .find_map(|l| l.strip_prefix("error: "))
            .map(str::to_string)
            .unwrap_or_else(|| end.to_string());
        return Err(Error::usage(
            format!("backup image `{}` cannot be read: {why}", image.display()),
            [Hint::ListImages {
                dir: image_dir(image),
            }],
        ));
    }
    Ok(parse_facts(&text))
}

/// The lines of `wparup-image-record` (`image: SIZE`, `record: JSON` or `record: none (why)`).
pub fn parse_facts(text: &str) -> ImageFacts {
    let mut f = ImageFacts {
        size: None,
        record: None,
        no_record: None,
    };
    for l in text.lines() {
        if let Some(n) = l.strip_prefix("image: ") {
            f.size = n.trim().parse().ok();
        } else if let Some(r) = l.strip_prefix("record: ") {
            match serde_json::from_str::<BackupImage>(r) {
                Ok(b) => f.record = Some(b),
                Err(e) => {
                    f.no_record = Some(
                        r.strip_prefix("none (")
                            .and_then(|w| w.strip_suffix(')'))
                            .map(str::to_string)
                            .unwrap_or_else(|| format!("not a wparup record: {e}")),
                    );
                }
            }
        }
    }
    if f.record.is_none() && f.no_record.is_none() {
        f.no_record = Some("no record line".into());
    }
    f
}

/// The directory an image is in, for `wparup backups --dir`.
pub fn image_dir(image: &Path) -> String {
    image
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| ".".into())
}

/// The WPAR an image is of: its record's, else what its name says (`<wpar>.<time>.bff`).
pub fn image_wpar(image: &Path, record: Option<&BackupImage>) -> Option<String> {
    if let Some(r) = record {
        return Some(r.wpar.clone());
    }
    let name = image.file_name()?.to_str()?;
    let (who, taken) = name.strip_suffix(".bff")?.split_once('.')?;
    (taken.len() == 16 && taken.ends_with('Z')).then(|| who.to_string())
}

/// What the guards conclude: go on (with warnings and next steps), or refuse.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Cleared {
    /// Said on stderr (and in JSON's `warnings`).
    pub warnings: Vec<String>,
    /// Next steps after a successful restore.
    pub next: Vec<Hint>,
}

/// The guards, a pure function of what is known: the image is of this WPAR; a shared-/usr (or
/// unknown) WPAR's image was taken at the global's level of today; a rootvg WPAR's user volume
/// groups will need importing. `force` turns each refusal into a warning.
pub fn guard(
    name: &str,
    image: &Path,
    facts: &ImageFacts,
    current: Option<&Wpar>,
    global: &OsLevel,
    force: bool,
) -> Result<Cleared, Error> {
    let mut c = Cleared::default();
    let shown = image.display().to_string();
    let record = facts.record.as_ref();
    let refuse = |c: &mut Cleared, message: String, hints: Vec<Hint>| {
        if force {
            c.warnings.push(format!("--force: {message}"));
            Ok(())
        } else {
            Err(Error::Operation {
                wpar: name.to_string(),
                message,
                exit: Exit::ImageMismatch,
                hints,
            })
        }
    };
    if let Some(who) = image_wpar(image, record).filter(|w| w != name) {
        refuse(
            &mut c,
            format!("`{shown}` is an image of WPAR `{who}`, not of `{name}`"),
            vec![Hint::RestoreOtherWpar {
                image: shown.clone(),
            }],
        )?;
    }
    // What the image holds decides (restwpar recreates the WPAR from its specification); the
    // WPAR as it is now stands in when the image has no record.
    let private = record
        .and_then(|r| r.private_usr)
        .or(current.and_then(|w| w.private_usr));
    // A shared WPAR's software is the global's: the global's level when the image was taken
    // (older records: the WPAR's, which a synchronized shared WPAR shares).
    let taken_at = record
        .and_then(|r| r.global_level.as_deref().or(r.level.as_deref()))
        .and_then(OsLevel::parse);
    let same_level =
        |l: &OsLevel| l.release == global.release && l.tl == global.tl && l.sp == global.sp;
    match (private, &taken_at) {
        (Some(true), _) => {}
        (Some(false), Some(l)) if same_level(l) => {}
        (Some(false), Some(l)) => refuse(
            &mut c,
            format!(
                "WPAR `{name}` shares the global's /usr and `{shown}` was taken when the global was at {}, but it is at {global} now",
                l.raw
            ),
            vec![Hint::RestoreShared {
                wpar: name.to_string(),
                image: shown.clone(),
            }],
        )?,
        _ => refuse(
            &mut c,
            format!(
                "wparup cannot tell whether `{shown}` fits this global: {}{}",
                match (private, &taken_at) {
                    (None, _) => "the WPAR's kind (shared or private /usr) is unknown",
                    _ => "the level the image was taken at is unknown",
                },
                facts
                    .no_record
                    .as_deref()
                    .map(|why| format!(" (no record beside it: {why})"))
                    .unwrap_or_default()
            ),
            vec![Hint::RestoreUnknown {
                wpar: name.to_string(),
                image: shown.clone(),
            }],
        )?,
    }
    let rootvg = record
        .and_then(|r| r.rootvg)
        .or(current.and_then(|w| w.rootvg));
    if rootvg == Some(true) {
        c.warnings.push(format!(
            "WPAR `{name}` is a rootvg WPAR: restwpar does not re-import its user volume groups"
        ));
        c.next.push(Hint::ImportUserVgs {
            wpar: name.to_string(),
        });
    }
    Ok(c)
}

/// The AIX commands a restore runs, in order; `start` when the WPAR is to run again.
pub fn plan(name: &str, image: &Path, current: Option<&Wpar>, start: bool) -> Vec<Invocation> {
    let mut v = Vec::new();
    match current.map(|w| &w.state) {
        // rmwpar -F ignores most failures and removes a Broken WPAR (IBM's rmwpar page).
        Some(WparState::Broken) => v.push(Invocation::new(Program::Rmwpar, ["-F", name])),
        Some(WparState::Active) => {
            v.push(Invocation::new(Program::Stopwpar, [name]));
            v.push(Invocation::new(Program::Rmwpar, [name]));
        }
        Some(_) => v.push(Invocation::new(Program::Rmwpar, [name])),
        None => {}
    }
    // (the image path byte for byte: a path that is not UTF-8 reaches restwpar as it is)
    v.push(Invocation::new(
        Program::Restwpar,
        [
            std::ffi::OsStr::new("-f"),
            image.as_os_str(),
            std::ffi::OsStr::new("-n"),
            std::ffi::OsStr::new(name),
        ],
    ));
    if start {
        v.push(Invocation::new(Program::Startwpar, [name]));
    }
    v
}

/// Runs one command of the plan; a failure says what state it left behind.
pub fn run_step(
    aix: &Aix,
    name: &str,
    image: &Path,
    inv: &Invocation,
    rep: &mut OpReport,
    label: &str,
) -> Result<(), Error> {
    rep.ran.push(inv.to_string());
    let (r, class) = aix.run_op(inv, label)?;
    rep.result = Some(r);
    if class.exit == Exit::Ok {
        return Ok(());
    }
    let (after, mut hints) = match inv.program {
        Program::Stopwpar | Program::Rmwpar => (
            "nothing was restored; the WPAR is as the command left it",
            vec![Hint::ForceStopThenStart {
                wpar: name.to_string(),
            }],
        ),
        // IBM's syncroot page: a shared WPAR restored onto a system whose installation
        // history differs fails here; running it again fails the same way.
        Program::Restwpar if class.cause.contains("syncroot") => (
            "the WPAR was recreated but its software is not synchronized with the global's",
            vec![Hint::RestoreShared {
                wpar: name.to_string(),
                image: image.display().to_string(),
            }],
        ),
        Program::Restwpar => (
            "the WPAR had been removed before it",
            vec![Hint::RestoreAgain {
                wpar: name.to_string(),
                image: image.display().to_string(),
            }],
        ),
        _ => (
            "the WPAR was restored from the image",
            vec![Hint::PrintErrors {
                wpar: name.to_string(),
            }],
        ),
    };
    hints.push(Hint::Details {
        wpar: name.to_string(),
    });
    crate::steps::lifecycle::read_after(aix, name, rep);
    Err(Error::Operation {
        wpar: name.to_string(),
        message: format!("`{inv}` failed for WPAR `{name}`: {}; {after}", class.cause),
        exit: if class.exit == Exit::Ok {
            Exit::Failed
        } else {
            class.exit
        },
        hints,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(wpar: &str, private: Option<bool>, global: Option<&str>) -> ImageFacts {
        ImageFacts {
            size: Some(1),
            record: Some(BackupImage {
                wpar: wpar.into(),
                image: String::new(),
                taken: "20261201T000000Z".into(),
                level: None,
                global_level: global.map(str::to_string),
                size_bytes: None,
                private_usr: private,
                rootvg: Some(true),
                contents: Vec::new(),
            }),
            no_record: None,
        }
    }

    fn level(s: &str) -> OsLevel {
        OsLevel::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn the_images_record_decides_and_force_only_warns() {
        let img = Path::new("/b/w1.20261201T000000Z.bff");
        let now = level("7100-00-03-1115");
        let mut shared_now = Wpar::new("w1", WparState::Active);
        shared_now.private_usr = Some(false);
        // A detached image restores whatever the WPAR is now; rootvg is said.
        let c = guard(
            "w1",
            img,
            &record("w1", Some(true), None),
            Some(&shared_now),
            &now,
            false,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.next, vec![Hint::ImportUserVgs { wpar: "w1".into() }]);
        // A shared image from another global level: refused (18), or a warning with --force.
        let old = record("w1", Some(false), Some("7100-00-02-1041"));
        let e = guard("w1", img, &old, None, &now, false).err();
        assert!(matches!(
            e,
            Some(Error::Operation {
                exit: Exit::ImageMismatch,
                ..
            })
        ));
        let c = guard("w1", img, &old, None, &now, true).unwrap_or_else(|e| panic!("{e}"));
        assert!(c.warnings[0].starts_with("--force: "), "{c:?}");
        // At today's level: fine.
        let same = record("w1", Some(false), Some("7100-00-03-1115"));
        assert!(guard("w1", img, &same, None, &now, false).is_ok());
        // Another WPAR's image, by its record or by its name.
        assert!(guard("w2", img, &same, None, &now, false).is_err());
        let bare =
            parse_facts("image: 10\nrecord: none (No such file or directory (os error 2))\n");
        assert_eq!(
            bare.no_record.as_deref(),
            Some("No such file or directory (os error 2)")
        );
        assert!(guard("w2", img, &bare, None, &now, false).is_err());
        // No record and no WPAR: the kind is unknown.
        assert!(guard("w1", img, &bare, None, &now, false).is_err());
    }
}
