//! Where wparup keeps its logs and locks, and UTC time stamps without a date crate.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::hints::Hint;
use std::time::{SystemTime, UNIX_EPOCH};

/// Default log directory on AIX (AIX keeps command logs under `/var/adm/ras`; ours sit beside).
pub const SYSTEM_LOG_DIR: &str = "/var/adm/wparup";
/// Default lock directory.
pub const SYSTEM_LOCK_DIR: &str = "/var/locks/wparup";

/// The directory wparup keeps its logs or locks in, from `dir` (given or default):
///
/// * missing: created (its parents too), mode 0700: wparup's own;
/// * a real directory of this user that no one else may write to: used as it is (its mode is
///   the owner's business: wparup never changes what it did not create);
/// * a shared directory with the sticky bit (`/tmp`, `/var/tmp`: anyone may create files, no one
///   may remove another's): wparup works in a private subdirectory it creates there,
///   `wparup.<uid>` (0700, checked like the above);
/// * anything else (a symbolic link, not a directory, writable by others without the sticky
///   bit, or another user's) is refused: someone else could replace wparup's files there.
pub fn private_dir(dir: &Path, what: &str, flag: &str) -> Result<PathBuf, Error> {
    use std::os::unix::fs::DirBuilderExt;
    let env_err = |shown: &Path, why: String| {
        Error::environment(
            format!(
                "the {what} directory `{}` cannot be used: {why}",
                shown.display()
            ),
            [Hint::PrivateDir {
                flag: flag.to_string(),
                euid: crate::sys::euid(),
            }],
        )
    };
    let euid = crate::sys::euid();
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = dir.parent() {
                std::fs::create_dir_all(parent).map_err(|e| env_err(dir, e.to_string()))?;
            }
            match std::fs::DirBuilder::new().mode(0o700).create(dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(env_err(dir, e.to_string())),
            }
        }
        Err(e) => return Err(env_err(dir, e.to_string())),
        Ok(_) => {}
    }
    let meta = std::fs::symlink_metadata(dir).map_err(|e| env_err(dir, e.to_string()))?;
    match judge(&meta, euid) {
        Verdict::Own => Ok(dir.to_path_buf()),
        Verdict::Shared => {
            let sub = dir.join(format!("wparup.{euid}"));
            match std::fs::DirBuilder::new().mode(0o700).create(&sub) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(env_err(&sub, e.to_string())),
            }
            let m = std::fs::symlink_metadata(&sub).map_err(|e| env_err(&sub, e.to_string()))?;
            match judge(&m, euid) {
                Verdict::Own => Ok(sub),
                Verdict::Shared => Err(env_err(
                    &sub,
                    "it is writable by others (expected a private directory of this user)".into(),
                )),
                Verdict::Refused(why) => Err(env_err(&sub, why)),
            }
        }
        Verdict::Refused(why) => Err(env_err(dir, why)),
    }
}

/// What a directory is to wparup.
enum Verdict {
    /// This user's, and no one else may write to it.
    Own,
    /// Anyone may write to it, with the sticky bit: use a private subdirectory.
    Shared,
    /// Unusable, and why.
    Refused(String),
}

fn judge(meta: &std::fs::Metadata, euid: u32) -> Verdict {
    use std::os::unix::fs::MetadataExt;
    if meta.file_type().is_symlink() {
        return Verdict::Refused("it is a symbolic link".into());
    }
    if !meta.is_dir() {
        return Verdict::Refused("it is not a directory".into());
    }
    let mode = meta.mode();
    let others_write = mode & 0o022 != 0;
    let sticky = mode & 0o1000 != 0;
    match (meta.uid() == euid, others_write, sticky) {
        (true, false, _) => Verdict::Own,
        (_, true, true) => Verdict::Shared,
        (true, true, false) => Verdict::Refused(format!(
            "others may write to it (mode {:o}) and, without the sticky bit, replace wparup's files",
            mode & 0o7777
        )),
        (false, _, _) => Verdict::Refused(format!(
            "it belongs to uid {}, not to this user (uid {euid})",
            meta.uid()
        )),
    }
}

/// The user's state directory for wparup: `$XDG_STATE_HOME/wparup` or
/// `~/.local/state/wparup`; None when neither is set (never a shared `/tmp` path).
fn user_state_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_STATE_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(x).join("wparup"));
    }
    std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .map(|h| PathBuf::from(h).join(".local/state/wparup"))
}

/// The explicit directory; else, for root, the fixed system directory (no fallback: every
/// root run on the host must meet the same locks); else the user's own state directory.
/// Whichever it is, it is made private ([`private_dir`]).
fn choose(
    explicit: Option<&Path>,
    system: &str,
    sub: &str,
    what: &str,
    flag: &str,
) -> Result<PathBuf, Error> {
    let dir = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            default_dir(crate::sys::euid(), system, sub, user_state_dir()).ok_or_else(|| {
                Error::environment(
                    format!("no place for the {what} directory: HOME and XDG_STATE_HOME are unset"),
                    [Hint::GiveDir {
                        flag: flag.to_string(),
                    }],
                )
            })?
        }
    };
    private_dir(&dir, what, flag)
}

/// Without `--log-dir`/`--lock-dir`: the system directory for root, whatever the environment
/// says (every root run on a host must meet the same locks); the user's state directory for
/// others; None when a non-root user has no state directory.
fn default_dir(euid: u32, system: &str, sub: &str, user: Option<PathBuf>) -> Option<PathBuf> {
    if euid == 0 {
        return Some(PathBuf::from(system));
    }
    user.map(|d| d.join(sub))
}

/// The log directory: `--log-dir`, else `/var/adm/wparup` for root, else
/// `~/.local/state/wparup/logs`; one only this user may write to ([`private_dir`]).
pub fn log_dir(explicit: Option<&Path>) -> Result<PathBuf, Error> {
    choose(explicit, SYSTEM_LOG_DIR, "logs", "log", "--log-dir")
}

/// The lock directory: `--lock-dir`, else `/var/locks/wparup` for root, else
/// `~/.local/state/wparup/locks`; private (0700).
pub fn lock_dir(explicit: Option<&Path>) -> Result<PathBuf, Error> {
    choose(explicit, SYSTEM_LOCK_DIR, "locks", "lock", "--lock-dir")
}

/// UTC date and time fields of `t`.
fn civil(t: SystemTime) -> (i64, u32, u32, u32, u32, u32) {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        ((rem % 3600) / 60) as u32,
        (rem % 60) as u32,
    )
}

/// `2026-11-25T10:15:30Z`.
pub fn iso_utc(t: SystemTime) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `20261125T101530Z`, for file names.
pub fn stamp_utc(t: SystemTime) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn root_never_falls_back_to_home_or_tmp() {
        let home = Some(PathBuf::from("/home/admin/.local/state/wparup"));
        assert_eq!(
            default_dir(0, SYSTEM_LOCK_DIR, "locks", home.clone()),
            Some(PathBuf::from("/var/locks/wparup"))
        );
        assert_eq!(
            default_dir(0, SYSTEM_LOCK_DIR, "locks", None),
            Some(PathBuf::from("/var/locks/wparup"))
        );
        assert_eq!(
            default_dir(1000, SYSTEM_LOCK_DIR, "locks", home),
            Some(PathBuf::from("/home/admin/.local/state/wparup/locks"))
        );
        assert_eq!(default_dir(1000, SYSTEM_LOCK_DIR, "locks", None), None);
    }

    #[test]
    fn known_dates() {
        assert_eq!(iso_utc(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_795_602_930);
        assert_eq!(iso_utc(t), "2026-11-25T10:35:30Z");
        assert_eq!(stamp_utc(t), "20261125T103530Z");
    }
}
