//! Where wparup keeps its logs and locks, and UTC time stamps without a date crate.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Default log directory on AIX (AIX keeps command logs under `/var/adm/ras`; ours sit beside).
pub const SYSTEM_LOG_DIR: &str = "/var/adm/wparup";
/// Default lock directory.
pub const SYSTEM_LOCK_DIR: &str = "/var/locks/wparup";

/// Can we create files in `dir` (creating it if needed)?
fn writable(dir: &Path) -> bool {
    if std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    let probe = dir.join(format!(".wparup-probe-{}", std::process::id()));
    let ok = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// The user's state directory for wparup: `$XDG_STATE_HOME/wparup`, `~/.local/state/wparup`,
/// else a directory under `/tmp`.
pub fn user_state_dir() -> PathBuf {
    if let Some(x) = std::env::var_os("XDG_STATE_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(x).join("wparup");
    }
    if let Some(h) = std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(h).join(".local/state/wparup");
    }
    std::env::temp_dir().join(format!("wparup-{}", crate::sys::euid()))
}

/// The explicit directory, else the system one when writable, else `<user state dir>/<sub>`.
fn choose(explicit: Option<&Path>, system: &str, sub: &str) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    let sys = PathBuf::from(system);
    if writable(&sys) {
        sys
    } else {
        user_state_dir().join(sub)
    }
}

/// The log directory: the explicit one, else `/var/adm/wparup` when writable, else the user's
/// state directory.
pub fn log_dir(explicit: Option<&Path>) -> PathBuf {
    choose(explicit, SYSTEM_LOG_DIR, "logs")
}

/// The lock directory, chosen the same way (`/var/locks/wparup`).
pub fn lock_dir(explicit: Option<&Path>) -> PathBuf {
    choose(explicit, SYSTEM_LOCK_DIR, "locks")
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
    fn known_dates() {
        assert_eq!(iso_utc(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_795_602_930);
        assert_eq!(iso_utc(t), "2026-11-25T10:35:30Z");
        assert_eq!(stamp_utc(t), "20261125T103530Z");
    }
}
