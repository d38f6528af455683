//! Installation media directories: is this installp media, is its `.toc` stale, and which
//! filesets would syncwpar report as missing (0960-582) — predicted before any long run.
//!
//! installp and bffcreate rebuild a `.toc` only when there is none (AIX-REFERENCE §10 \[INUTOC\]);
//! images copied in later are invisible to installp until `inutoc DIR` runs. The seed's author
//! learned this the hard way ("remove the .toc file!").

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::error::Error;
use crate::exec::{
    Captured, ExecError, Executor, Invocation, Output, OutputLine, Program, Stream, Termination,
};
use crate::hints::Hint;
use crate::model::FilesetLevel;
use crate::parse::installp_list::MediaList;
use crate::parse::lslpp::Installed;

/// Tolerance before calling a `.toc` stale (copies and `inutoc` can share a second).
const STALE_SLACK: Duration = Duration::from_secs(2);

/// What a media directory holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MediaDir {
    /// The directory, as given with `-d` (a path that is not UTF-8 in the shell's `$'…'`
    /// quoting, byte for byte).
    #[serde(serialize_with = "path_lossless")]
    #[schemars(with = "String")]
    pub path: PathBuf,
    /// A `.toc` is present.
    pub has_toc: bool,
    /// Number of installp images (`*.bff`, `*.I`, `*.U`).
    pub images: usize,
    /// The newest image, when it is newer than the `.toc`.
    pub newer_than_toc: Option<String>,
    /// The `.toc` is older than an image: installp will not see that image.
    pub stale_toc: bool,
    /// The images newer than the `.toc` (file names): what a stale `.toc` hides.
    #[serde(skip)]
    pub after_toc: Vec<String>,
    /// Each image's size in bytes (file name, size), when the scan gave them.
    #[serde(skip)]
    pub sizes: Vec<(String, u64)>,
}

impl MediaDir {
    /// Is there an image of `fileset` (`vac.C.11.1.0.7.U`) that the stale `.toc` does not list?
    pub fn hides(&self, fileset: &str) -> bool {
        self.after_toc.iter().any(|n| image_of(n, fileset))
    }

    /// The bytes of the images named after `fileset` (`bos.rte.7.1.0.3.U`, as bffcreate names
    /// them), or None when no image carries its name (an image named `U834862.bff` says
    /// nothing of what it holds).
    pub fn bytes_of(&self, fileset: &str) -> Option<u64> {
        let mut found = None;
        for (n, b) in &self.sizes {
            if image_of(n, fileset) {
                found = Some(found.unwrap_or(0u64).saturating_add(*b));
            }
        }
        found
    }
}

/// Is the image file `name` one of `fileset` (its name, a dot, then a level)?
fn image_of(name: &str, fileset: &str) -> bool {
    name.strip_prefix(fileset)
        .and_then(|r| r.strip_prefix('.'))
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

fn is_image(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".bff") || name.ends_with(".I") || name.ends_with(".U")
}

/// The pseudo-command that reads a media directory: `wparup-scan-media DIR`. It runs inside
/// wparup (no process), and goes through the executor like the AIX commands, so a log records
/// what the live run saw of the directory and a replay reads it from there, not from the
/// replaying machine.
///
/// Output, one line each: `toc: SECS` (the `.toc`'s mtime, seconds since the epoch), then
/// `image: SECS NAME` for every installp image (`*.bff`, `*.I`, `*.U`); other files are not
/// listed; a directory with neither but an `installp/ppc` subdirectory gives
/// `subdir: installp/ppc`. A directory that cannot be read gives `error: WHY` and exit status 1.
pub fn scan(dir: &Path, out: &mut dyn Output) -> Termination {
    use std::os::unix::ffi::OsStrExt;
    let mut emit = |bytes: Vec<u8>| {
        out.line(&OutputLine {
            stream: Stream::Stdout,
            bytes,
            eol: true,
        });
    };
    let secs = |t: Option<SystemTime>| {
        t.and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs())
    };
    let fail = |why: String, emit: &mut dyn FnMut(Vec<u8>)| {
        emit(format!("error: {why}").into_bytes());
        Termination::Exited(1)
    };
    match std::fs::metadata(dir) {
        Err(e) => return fail(e.to_string(), &mut emit),
        Ok(m) if !m.is_dir() => return fail("not a directory".into(), &mut emit),
        Ok(_) => {}
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return fail(e.to_string(), &mut emit),
    };
    let mut lines: Vec<Vec<u8>> = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name();
        let mtime = e.metadata().and_then(|m| m.modified()).ok();
        if name.as_bytes() == b".toc" {
            lines.insert(0, format!("toc: {}", secs(mtime)).into_bytes());
        } else if is_image(&name.to_string_lossy()) {
            let mut l = format!("image: {} ", secs(mtime)).into_bytes();
            l.extend_from_slice(name.as_bytes());
            lines.push(l);
            // Its size, for the free-space forecast (transcripts recorded before it have none).
            if let Ok(m) = e.metadata() {
                let mut l = format!("size: {} ", m.len()).into_bytes();
                l.extend_from_slice(name.as_bytes());
                lines.push(l);
            }
        }
    }
    // Stable order: .toc first, then images by name.
    let split = usize::from(lines.first().is_some_and(|l| l.starts_with(b"toc:")));
    lines[split..].sort();
    if lines.is_empty() && dir.join("installp/ppc").is_dir() {
        // The DVD's root instead of its image directory.
        lines.push(b"subdir: installp/ppc".to_vec());
    }
    for l in lines {
        emit(l);
    }
    Termination::Exited(0)
}

/// A path as JSON text without losing a byte: itself when it is UTF-8, else the shell's `$'…'`
/// form with `\xHH` for the other bytes (as logs and transcripts write it).
fn path_lossless<S: serde::Serializer>(p: &std::path::Path, s: S) -> Result<S::Ok, S::Error> {
    use std::os::unix::ffi::OsStrExt;
    match p.to_str() {
        Some(t) => s.serialize_str(t),
        None => s.serialize_str(&crate::shell::quote_bytes(p.as_os_str().as_bytes())),
    }
}

/// What a media directory offers, by kind, as installp sees it through the `.toc`
/// (`installp -ld DIR`: `I` install images, `U` updates): the releases whose base images it
/// holds (a `bos.rte` install image `V.R.0.0` is release `VR00`), and how many updates. One
/// directory may offer both (a NIM lpp_source often does); its name says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Offer {
    /// Releases (`7100`) of the `bos.rte` install images.
    pub base_releases: Vec<u32>,
    /// Update images (`U`), counted.
    pub updates: usize,
    /// Install images (`I`), counted.
    pub installs: usize,
}

impl Offer {
    /// Reads the listing.
    pub fn of(list: &MediaList) -> Offer {
        let mut o = Offer::default();
        for f in &list.filesets {
            match f.kind.as_str() {
                "I" => {
                    o.installs += 1;
                    if f.fileset == "bos.rte"
                        && let Some(r) = release_of(&f.level)
                        && !o.base_releases.contains(&r)
                    {
                        o.base_releases.push(r);
                    }
                }
                "U" => o.updates += 1,
                _ => {}
            }
        }
        o
    }

    /// Does it hold the base images of `release` (`7100`)?
    pub fn has_base(&self, release: u32) -> bool {
        self.base_releases.contains(&release)
    }
}

/// `7.1.0.0` → `7100`.
fn release_of(level: &str) -> Option<u32> {
    let mut it = level.split('.');
    let v: u32 = it.next()?.parse().ok()?;
    let r: u32 = it.next()?.parse().ok()?;
    (v < 100 && r < 10).then_some(v * 1000 + r * 100)
}

/// The executor layer that answers `wparup-scan-media DIR` ([`scan`]) on a live run and hands
/// every other command down. It sits right above the real executor, so the recording and the
/// guard see the scan as one more step, and a replay (which is not live) reads the scan from
/// the transcript.
pub struct Scanner<'a> {
    inner: &'a dyn Executor,
}

impl<'a> Scanner<'a> {
    /// Wraps `inner`.
    pub fn new(inner: &'a dyn Executor) -> Self {
        Scanner { inner }
    }
}

impl Executor for Scanner<'_> {
    fn run(&self, inv: &Invocation, out: &mut dyn Output) -> Result<Termination, ExecError> {
        match inv.program {
            Program::ScanMedia if self.inner.is_live() => {
                Ok(look_in_thread(inv, out, "directory", scan))
            }
            Program::ImageRecord if self.inner.is_live() => {
                Ok(look_in_thread(inv, out, "image", image_record))
            }
            _ => self.inner.run(inv, out),
        }
    }

    fn run_many(&self, invs: &[Invocation], jobs: usize) -> Vec<Captured> {
        if invs
            .iter()
            .any(|i| matches!(i.program, Program::ScanMedia | Program::ImageRecord))
        {
            return invs
                .iter()
                .map(|inv| crate::exec::capture(self, inv))
                .collect();
        }
        self.inner.run_many(invs, jobs)
    }

    fn finish(&self) -> Result<(), ExecError> {
        self.inner.finish()
    }

    fn is_live(&self) -> bool {
        self.inner.is_live()
    }
}

/// The most of a backup image's record that is read (wparup writes a few KB).
const RECORD_CAP: u64 = 1 << 20;

/// `wparup-image-record IMAGE`: `image: SIZE` (bytes), then `record: JSON` (the `IMAGE.json`
/// wparup wrote beside the image, on one line) or `record: none (why)`; exit 1 with `error: …`
/// when the image itself cannot be read. Recorded in the transcript, so a replay reads the
/// same facts the live run read.
pub fn image_record(image: &Path, out: &mut dyn Output) -> Termination {
    use std::io::Read;
    let mut emit = |t: String| {
        out.line(&OutputLine {
            stream: Stream::Stdout,
            bytes: t.into_bytes(),
            eol: true,
        });
    };
    let size = match std::fs::File::open(image).and_then(|f| f.metadata()) {
        Ok(m) if m.is_file() => m.len(),
        Ok(_) => {
            emit("error: not a regular file".into());
            return Termination::Exited(1);
        }
        Err(e) => {
            emit(format!("error: {e}"));
            return Termination::Exited(1);
        }
    };
    emit(format!("image: {size}"));
    let mut record = std::path::PathBuf::from(image).into_os_string();
    record.push(".json");
    let mut text = Vec::new();
    let read = std::fs::File::open(&record)
        .and_then(|f| f.take(RECORD_CAP).read_to_end(&mut text).map(|_| ()));
    let line = match read {
        Err(e) => format!("record: none ({e})"),
        Ok(()) => match serde_json::from_slice::<serde_json::Value>(&text) {
            Ok(v) => format!("record: {v}"),
            Err(e) => format!("record: none (not a wparup record: {e})"),
        },
    };
    emit(line);
    Termination::Exited(0)
}

/// One of wparup's own looks at a path (`wparup-scan-media DIR`, `wparup-image-record IMAGE`),
/// in a thread so that a hung NFS mount cannot hang wparup: after the invocation's time limit
/// the look is abandoned (its thread may stay blocked in the kernel until wparup exits) and the
/// step ends `timed-out`. `what` names the path in that case.
fn look_in_thread(
    inv: &Invocation,
    out: &mut dyn Output,
    what: &str,
    look: fn(&Path, &mut dyn Output) -> Termination,
) -> Termination {
    let path = inv.args.first().map(PathBuf::from).unwrap_or_default();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines: Vec<OutputLine> = Vec::new();
        let end = look(&path, &mut |l: &OutputLine| lines.push(l.clone()));
        let _ = tx.send((lines, end));
    });
    let received = match inv.timeout {
        Some(limit) => rx.recv_timeout(limit).ok(),
        None => rx.recv().ok(),
    };
    let end = match received {
        Some((lines, end)) => {
            for l in &lines {
                out.line(l);
            }
            end
        }
        None => {
            out.line(&OutputLine {
                stream: Stream::Stdout,
                bytes: format!("error: the {what} did not answer in time (a hung NFS mount?)")
                    .into_bytes(),
                eol: true,
            });
            Termination::TimedOut
        }
    };
    out.idle();
    end
}

/// Reads what [`scan`] printed for `dir` (live or replayed): is it installp media, is its
/// `.toc` stale? Errors name the directory and the fix.
pub fn from_scan(dir: &Path, out: &[u8], end: &Termination) -> Result<MediaDir, Error> {
    let shown = dir.display().to_string();
    let mut toc: Option<u64> = None;
    let mut images = 0usize;
    let mut newest: Option<(u64, String)> = None;
    let mut subdir: Option<String> = None;
    let mut stamped: Vec<(u64, String)> = Vec::new();
    let mut sizes: Vec<(String, u64)> = Vec::new();
    if *end == Termination::TimedOut {
        return Err(Error::Command {
            command: format!("wparup-scan-media {shown}"),
            cause: "the directory did not answer in time (a hung NFS mount?)".into(),
            exit: crate::exit::Exit::TimedOut,
        });
    }
    for line in out.split(|&b| b == b'\n') {
        if let Some(sub) = line.strip_prefix(b"subdir: ") {
            subdir = Some(String::from_utf8_lossy(sub).into_owned());
        }
        if let Some(why) = line.strip_prefix(b"error: ") {
            let why = String::from_utf8_lossy(why);
            return Err(Error::usage(
                format!("media directory `{shown}` cannot be used: {why}"),
                [Hint::ChooseMediaDir],
            ));
        } else if let Some(t) = line.strip_prefix(b"toc: ") {
            toc = Some(ascii_secs(t).unwrap_or(0));
        } else if let Some(rest) = line.strip_prefix(b"size: ") {
            if let Some(i) = rest.iter().position(|&b| b == b' ')
                && let Some(n) = ascii_secs(&rest[..i])
            {
                sizes.push((String::from_utf8_lossy(&rest[i + 1..]).into_owned(), n));
            }
        } else if let Some(rest) = line.strip_prefix(b"image: ") {
            let (t, name) = match rest.iter().position(|&b| b == b' ') {
                Some(i) => (ascii_secs(&rest[..i]).unwrap_or(0), &rest[i + 1..]),
                None => (0, rest),
            };
            images += 1;
            let name = String::from_utf8_lossy(name).into_owned();
            if newest.as_ref().is_none_or(|(n, _)| t > *n) {
                newest = Some((t, name.clone()));
            }
            stamped.push((t, name));
        }
    }
    if !end.success() && end.known() {
        return Err(Error::usage(
            format!("media directory `{shown}` cannot be read"),
            [Hint::CheckMediaPath],
        ));
    }
    if toc.is_none() && images == 0 {
        let mut hints = vec![Hint::CopyImages { dir: shown.clone() }];
        if let Some(sub) = subdir {
            hints.insert(
                0,
                Hint::DidYouMean {
                    dir: dir.join(sub).display().to_string(),
                },
            );
        }
        return Err(Error::Usage {
            message: format!("media directory `{shown}` holds no installp images and no .toc"),
            hints,
        });
    }
    let (stale, newer) = match (toc, &newest) {
        (Some(t), Some((n, name))) if *n > t + STALE_SLACK.as_secs() => (true, Some(name.clone())),
        _ => (false, None),
    };
    let after_toc = match toc {
        Some(t) if stale => stamped
            .into_iter()
            .filter(|(n, _)| *n > t + STALE_SLACK.as_secs())
            .map(|(_, name)| name)
            .collect(),
        _ => Vec::new(),
    };
    Ok(MediaDir {
        path: dir.to_path_buf(),
        has_toc: toc.is_some(),
        images,
        newer_than_toc: newer,
        stale_toc: stale,
        after_toc,
        sizes,
    })
}

fn ascii_secs(b: &[u8]) -> Option<u64> {
    std::str::from_utf8(b).ok()?.trim().parse().ok()
}

/// A fileset the WPAR must be brought to, and what the media offer for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Need {
    /// The fileset, as installp names it (`bos.rte`).
    pub fileset: String,
    /// Level installed in the WPAR.
    pub wpar_level: String,
    /// Level installed in the global environment.
    pub global_level: String,
    /// Highest level on the media, if any.
    pub media_level: Option<String>,
}

/// The prediction of a media check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Prediction {
    /// Filesets older in the WPAR than in the global environment.
    pub needed: usize,
    /// Their names.
    pub needs: Vec<String>,
    /// Of those, the ones the media do not carry at the global level: syncwpar would stop on
    /// them with 0960-582.
    pub missing: Vec<Need>,
}

/// Compares the WPAR's filesets with the global's and the media's.
///
/// A fileset counts as covered when the media carry it at the global level or higher. Whether
/// installp would apply a higher level than the global's during a sync is UNCERTAIN (no source);
/// the check errs on the side of not reporting those as missing.
pub fn predict(global: &[Installed], wpar: &[Installed], media: &MediaList) -> Prediction {
    let g: BTreeMap<&str, &str> = global
        .iter()
        .map(|f| (f.fileset.as_str(), f.level.as_str()))
        .collect();
    let mut needed = 0;
    let mut needs = Vec::new();
    let mut missing = Vec::new();
    for w in wpar {
        let Some(gl) = g.get(w.fileset.as_str()) else {
            continue;
        };
        let (Some(wl), Some(glv)) = (FilesetLevel::parse(&w.level), FilesetLevel::parse(gl)) else {
            continue;
        };
        if wl >= glv {
            continue;
        }
        needed += 1;
        needs.push(w.fileset.clone());
        let best = media.best_level(&w.fileset);
        if best.as_ref().is_some_and(|b| *b >= glv) {
            continue;
        }
        missing.push(Need {
            fileset: w.fileset.clone(),
            wpar_level: w.level.clone(),
            global_level: gl.to_string(),
            media_level: best.map(|b| b.as_str().to_string()),
        });
    }
    missing.sort_by(|a, b| a.fileset.cmp(&b.fileset));
    missing.dedup_by(|a, b| a.fileset == b.fileset);
    Prediction {
        needed,
        needs,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{installp_list, lslpp};

    #[test]
    fn seed_compiler_update_missing() {
        let global = lslpp::parse(b"vac.C:vac.C:11.1.0.7: : :C:F:IBM XL C\nvac.aix53.lib:vac.aix53.lib:11.1.0.7: : :C:F:lib\nbos.rte:bos.rte:7.1.0.3: : :C:F:base\nJava6.sdk:Java6.sdk:6.0.0.265: : :C:F:java\n");
        let wpar = lslpp::parse(b"vac.C:vac.C:11.1.0.2: : :C:F:IBM XL C\nvac.aix53.lib:vac.aix53.lib:11.1.0.2: : :C:F:lib\nbos.rte:bos.rte:7.1.0.1: : :C:F:base\nJava6.sdk:Java6.sdk:6.0.0.265: : :C:F:java\n");
        let media = installp_list::parse(b"  bos.rte   7.1.0.3   U  N usr,root\n");
        let p = predict(&global.filesets, &wpar.filesets, &media);
        assert_eq!(p.needed, 3);
        let names: Vec<&str> = p.missing.iter().map(|m| m.fileset.as_str()).collect();
        assert_eq!(names, ["vac.C", "vac.aix53.lib"]);
        let media = installp_list::parse(b"  bos.rte 7.1.0.3 U N usr\n  vac.C 11.1.0.7 U N usr\n  vac.aix53.lib 11.1.0.7 U N usr\n");
        assert!(
            predict(&global.filesets, &wpar.filesets, &media)
                .missing
                .is_empty()
        );
    }
}
