//! The catalog of "what to run next": one wording per piece of advice, filled in with the real
//! WPAR name, media directory and the user's own command line. Every hint that more than one
//! place gives lives here, so the advice reads the same wherever it appears.

use std::fmt;

/// One piece of advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint<'a> {
    /// Filesets are missing from the media: copy their updates in.
    CopyUpdates {
        /// The media directory.
        dir: &'a str,
    },
    /// The media directory holds no images at all.
    CopyImages {
        /// The media directory.
        dir: &'a str,
    },
    /// The `.toc` must be rebuilt before installp sees new images.
    RefreshToc {
        /// The media directory.
        dir: &'a str,
    },
    /// The media's images are older, by build date, than what is installed (BUILDDATE).
    NewerMedia {
        /// The media directory.
        dir: &'a str,
    },
    /// `-d` must name the image directory.
    ChooseMediaDir,
    /// Run the same command line again (the user's own, flags included).
    RunAgain {
        /// The command line, shell-quoted.
        rerun: &'a str,
    },
    /// The WPAR must run first.
    StartFirst {
        /// The WPAR.
        wpar: &'a str,
    },
    /// The WPAR must be restarted for the new software.
    Reboot {
        /// The WPAR.
        wpar: &'a str,
    },
    /// A versioned WPAR: convert it.
    ConvertVersioned {
        /// The WPAR.
        wpar: &'a str,
    },
    /// A versioned WPAR: keep it at its level.
    KeepVersioned {
        /// The WPAR.
        wpar: &'a str,
    },
    /// A private-/usr WPAR needs base images to migrate.
    MigrateWithMedia {
        /// The WPAR.
        wpar: &'a str,
    },
    /// The media passed the check: the sync can run.
    SyncNow {
        /// The WPAR.
        wpar: &'a str,
        /// The media directory.
        dir: &'a str,
    },
    /// Where AIX shows the details.
    Details {
        /// The WPAR.
        wpar: &'a str,
    },
}

impl fmt::Display for Hint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Hint::CopyUpdates { dir } => write!(
                f,
                "copy the update images of the missing filesets (at the global level) into `{dir}`"
            ),
            Hint::CopyImages { dir } => write!(
                f,
                "copy the installp images (*.bff, *.I, *.U) into `{dir}`, then run `inutoc {dir}`"
            ),
            Hint::RefreshToc { dir } => write!(
                f,
                "rebuild the media's table of contents: `inutoc {dir}` (installp ignores images a stale .toc does not list; `--refresh-toc` on sync or upgrade does it for you)"
            ),
            Hint::NewerMedia { dir } => write!(
                f,
                "the images in `{dir}` were built before the filesets installed: point -d at the media the global system was updated from (the level `oslevel -s` shows there), or newer; an older service pack cannot go over a newer one"
            ),
            Hint::ChooseMediaDir => f.write_str(
                "give the directory that holds the installp images (e.g. the DVD's `installp/ppc`) with `-d DIR`",
            ),
            Hint::RunAgain { rerun } => write!(f, "then run again: `{rerun}`"),
            Hint::StartFirst { wpar } => write!(f, "start it first: `wparup start {wpar}`"),
            Hint::Reboot { wpar } => write!(
                f,
                "restart it for the new software: `wparup reboot {wpar}` (or add --restart next time)"
            ),
            Hint::ConvertVersioned { wpar } => write!(
                f,
                "convert it to a native WPAR: `wparup migrate {wpar} --convert -d <base media, e.g. /mnt/installp/ppc>`"
            ),
            Hint::KeepVersioned { wpar } => write!(
                f,
                "or keep it at its level: `wparup migrate {wpar} --keep-versioned` (global AIX 7.2 TL2 or later)"
            ),
            Hint::MigrateWithMedia { wpar } => write!(
                f,
                "give the new release's base images: `wparup migrate {wpar} -d <base media, e.g. /mnt/installp/ppc>` (a private /usr needs them)"
            ),
            Hint::SyncNow { wpar, dir } => write!(
                f,
                "synchronize it: `wparup sync {wpar} -d {dir}` (or `wparup upgrade {wpar} -d {dir}`, which also restarts it when installp asks)"
            ),
            Hint::Details { wpar } => {
                write!(f, "`lswpar -L {wpar}` and `wparprnterr {wpar}` show the details")
            }
        }
    }
}

impl From<Hint<'_>> for String {
    fn from(h: Hint<'_>) -> String {
        h.to_string()
    }
}

/// The user's command line as a suggestion: `wparup` and the subcommand with its arguments,
/// without the options that only shape this run's output or executor (`--json`, `-q`, `-v`,
/// `--replay FILE`, `--record FILE`, `--replay-lenient`, `--bin-dir`, `--log-dir`, `--lock-dir`).
pub fn rerun_line(argv: &[std::ffi::OsString]) -> String {
    const DROP: [&str; 5] = ["--json", "-q", "--quiet", "--verbose", "--replay-lenient"];
    const DROP_WITH_VALUE: [&str; 5] = [
        "--replay",
        "--record",
        "--bin-dir",
        "--log-dir",
        "--lock-dir",
    ];
    let mut out = vec![std::ffi::OsString::from("wparup")];
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        let s = a.to_string_lossy();
        if DROP.contains(&s.as_ref())
            || (s.starts_with("-v") && s[1..].chars().all(|c| c == 'v'))
            || DROP_WITH_VALUE
                .iter()
                .any(|d| s.starts_with(&format!("{d}=")))
        {
            continue;
        }
        if DROP_WITH_VALUE.contains(&s.as_ref()) {
            it.next();
            continue;
        }
        out.push(a.clone());
    }
    crate::shell::argv_join(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rerun_keeps_the_subcommand_and_its_flags_only() {
        let argv: Vec<std::ffi::OsString> = [
            "/opt/freeware/bin/wparup",
            "--json",
            "-vv",
            "--log-dir",
            "/tmp/l",
            "upgrade",
            "wp_name",
            "-d",
            "/mnt/7100 03",
            "--restart",
            "--replay=x.txt",
        ]
        .iter()
        .map(Into::into)
        .collect();
        assert_eq!(
            rerun_line(&argv),
            "wparup upgrade wp_name -d '/mnt/7100 03' --restart"
        );
    }
}
