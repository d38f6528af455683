//! Backing a WPAR up before a change: `savewpar [-X] -f IMAGE NAME` into a directory, then
//! `lssavewpar -l -f IMAGE` to read the image back, and a record (`IMAGE.json`) beside it.
//!
//! No published output of savewpar or lssavewpar exists (docs/transcripts.md, "Backups"): the backup is judged
//! by its exit status and by the image being there and readable; lssavewpar's lines are kept as
//! printed. savewpar's `-X` is passed for `--expand`; that it expands `/tmp` as mkwpardata's
//! `-X` does is UNCERTAIN (IBM's page lists the flag; its text could not be read).

use std::path::{Path, PathBuf};

use crate::aix::Aix;
use crate::error::Error;
use crate::exec::{Executor, Invocation, Program};
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::{BackupImage, Wpar};
use crate::report::OpReport;

/// At most this many lines of lssavewpar are kept in the record.
const KEEP_LINES: usize = 200;

/// The image path of a WPAR backed up in the run of `stamp`: `DIR/<wpar>.<stamp>.bff`.
pub fn image_path(dir: &Path, wpar: &str, stamp: &str) -> PathBuf {
    dir.join(format!("{wpar}.{stamp}.bff"))
}

/// The backup directory must exist and be a directory (wparup does not create it: it must be
/// on a file system the admin chose for the images).
pub fn check_dir(dir: &Path) -> Result<(), Error> {
    if dir.is_dir() {
        return Ok(());
    }
    Err(Error::usage(
        format!(
            "backup directory `{}` {}",
            dir.display(),
            if dir.exists() {
                "is not a directory"
            } else {
                "does not exist"
            }
        ),
        [Hint::BackupDir {
            dir: dir.display().to_string(),
        }],
    ))
}

/// `--backup DIR` of sync, migrate and upgrade: the backup right before the WPAR's first
/// change (nothing when no directory was given). `expand` is the command's own `--expand`.
pub fn before_change(
    aix: &Aix,
    w: &Wpar,
    o: &crate::cli::BackupOpts,
    expand: bool,
    rep: &mut OpReport,
    label: &str,
) -> Result<(), Error> {
    match &o.backup {
        Some(dir) if rep.backup.is_none() => take(aix, w, dir, expand, rep, label).map(|_| ()),
        _ => Ok(()),
    }
}

/// Backs `w` up into `dir` and records the image in `rep.backup`. An error leaves the WPAR
/// untouched: the caller changes nothing after it.
pub fn take(
    aix: &Aix,
    w: &Wpar,
    dir: &Path,
    expand: bool,
    rep: &mut OpReport,
    label: &str,
) -> Result<BackupImage, Error> {
    check_dir(dir)?;
    let image = image_path(dir, &w.name, &aix.stamp);
    let fail = |message: String| Error::Operation {
        wpar: w.name.clone(),
        message,
        exit: Exit::Failed,
        hints: vec![Hint::BackupFailed {
            wpar: w.name.clone(),
        }],
    };
    // A live run writes the image here; a replay only reads what savewpar printed.
    let live = aix.exec.is_live();
    if live && image.exists() {
        return Err(fail(format!(
            "`{}` already exists: wparup never overwrites a backup image",
            image.display()
        )));
    }
    let mut args: Vec<std::ffi::OsString> = Vec::new();
    if expand {
        args.push("-X".into());
    }
    args.push("-f".into());
    args.push(image.clone().into_os_string());
    args.push(w.name.clone().into());
    let inv = Invocation::new(Program::Savewpar, args);
    rep.ran.push(inv.to_string());
    let (_, class) = aix.run_op(&inv, label)?;
    if class.exit != Exit::Ok {
        return Err(fail(format!(
            "`{inv}` failed for WPAR `{}`: {}; the WPAR was not changed",
            w.name, class.cause
        )));
    }
    let size_bytes = if live {
        match std::fs::metadata(&image) {
            Ok(m) if m.len() > 0 => Some(m.len()),
            _ => {
                return Err(fail(format!(
                    "`{inv}` ended without error but `{}` is missing or empty; the WPAR was not changed",
                    image.display()
                )));
            }
        }
    } else {
        // A replay: the image's size when it is still there (it may be, on the same host).
        std::fs::metadata(&image).ok().map(|m| m.len())
    };
    let contents = read_back(aix, &image, rep)?.map_err(|why| {
        fail(format!(
            "the image `{}` cannot be read back ({why}); the WPAR was not changed",
            image.display()
        ))
    })?;
    // The global's level the image belongs with (a shared WPAR's software is the global's).
    let global_level = aix.global_level().ok().map(|l| l.raw);
    let b = BackupImage {
        wpar: w.name.clone(),
        image: image.display().to_string(),
        taken: aix.stamp.clone(),
        level: rep.level_before.clone(),
        global_level,
        size_bytes,
        private_usr: w.private_usr,
        rootvg: w.rootvg,
        contents,
    };
    if live {
        let record = PathBuf::from(format!("{}.json", image.display()));
        let written = serde_json::to_vec_pretty(&b)
            .map_err(std::io::Error::other)
            .and_then(|j| std::fs::write(&record, j));
        if let Err(e) = written {
            rep.warnings.push(format!(
                "the image is complete, but its record `{}` could not be written: {e}",
                record.display()
            ));
        }
    }
    rep.summary
        .push(format!("backed up to {}", image.display()));
    rep.backup = Some(b.clone());
    Ok(b)
}

/// `lssavewpar -l -f IMAGE`: the image as AIX reads it back (its lines, kept as printed), or
/// why it cannot be read (the command and its first message).
pub fn read_back(
    aix: &Aix,
    image: &Path,
    rep: &mut OpReport,
) -> Result<Result<Vec<String>, String>, Error> {
    let list = Invocation::new(
        Program::Lssavewpar,
        [
            std::ffi::OsStr::new("-l"),
            std::ffi::OsStr::new("-f"),
            image.as_os_str(),
        ],
    );
    rep.ran.push(list.to_string());
    let (out, err, end) = aix.collect_split(&list)?;
    if !end.success() {
        let text = String::from_utf8_lossy(if err.is_empty() { &out } else { &err });
        return Ok(Err(format!(
            "`{list}`: {end}{}",
            text.lines()
                .next()
                .map(|l| format!(": {}", l.trim()))
                .unwrap_or_default()
        )));
    }
    Ok(Ok(crate::parse::text_lines(&out, KEEP_LINES)))
}

/// The images wparup made in `dir` (of `wpar` when given), newest first: every
/// `<wpar>.<UTC time>.bff` with its `IMAGE.json` record, or, without one, what its name says.
pub fn list(dir: &Path, wpar: Option<&str>) -> std::io::Result<Vec<BackupImage>> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        let Some((who, taken)) = name
            .strip_suffix(".bff")
            .and_then(|stem| stem.split_once('.'))
        else {
            continue;
        };
        // A WPAR name has no dot; the time is wparup's `YYYYMMDDTHHMMSSZ`.
        if taken.len() != 16 || !taken.ends_with('Z') || wpar.is_some_and(|w| w != who) {
            continue;
        }
        let path = e.path();
        let record = std::fs::read(format!("{}.json", path.display()))
            .ok()
            .and_then(|b| serde_json::from_slice::<BackupImage>(&b).ok())
            .filter(|b| b.wpar == who);
        let size = e.metadata().ok().map(|m| m.len());
        v.push(match record {
            Some(b) => BackupImage {
                size_bytes: size,
                image: path.display().to_string(),
                ..b
            },
            None => BackupImage {
                size_bytes: size,
                ..BackupImage::unrecorded(who, path.display().to_string(), taken.to_string())
            },
        });
    }
    v.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| a.wpar.cmp(&b.wpar)));
    Ok(v)
}
