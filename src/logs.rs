//! The logs of earlier runs: listed (`wparup logs`) and pruned by a documented policy: every
//! live mutating run prunes its WPAR's logs down to the newest [`KEEP`], and
//! `wparup logs --prune --keep N` does it for every WPAR.
//!
//! Log names are `<UTC stamp>-<subcommand>-<wpar or all>-<pid>.txt` (see `commands::session`).

use std::path::{Path, PathBuf};

use serde::Serialize;

/// Logs kept per WPAR.
pub const KEEP: usize = 50;

/// One log file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LogEntry {
    /// The file, as given or found.
    pub path: String,
    /// When the run started (`2026-12-01T02:44:51Z`).
    pub started: String,
    /// The subcommand, as typed (`sync`, `check-media`).
    pub command: String,
    /// The WPAR, or `all`.
    pub wpar: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Reads a log's name; None for files that are not wparup logs.
fn entry(path: &Path) -> Option<LogEntry> {
    let name = path.file_name()?.to_str()?.strip_suffix(".txt")?;
    let (rest, pid) = name.rsplit_once('-')?;
    pid.parse::<u32>().ok()?;
    let (stamp, rest) = rest.split_once('-')?;
    let (command, wpar) = rest.split_once('-')?;
    let b = stamp.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let started = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &stamp[0..4],
        &stamp[4..6],
        &stamp[6..8],
        &stamp[9..11],
        &stamp[11..13],
        &stamp[13..15]
    );
    Some(LogEntry {
        path: path.display().to_string(),
        started,
        command: command.to_string(),
        wpar: wpar.to_string(),
        bytes: std::fs::symlink_metadata(path).ok()?.len(),
    })
}

/// The logs in `dir`, newest first, optionally of one WPAR.
pub fn list(dir: &Path, wpar: Option<&str>) -> std::io::Result<Vec<LogEntry>> {
    let mut v: Vec<LogEntry> = std::fs::read_dir(dir)?
        .flatten()
        .filter_map(|e| entry(&e.path()))
        .filter(|e| wpar.is_none_or(|w| e.wpar == w))
        .collect();
    // The stamp sorts by time; the path breaks ties.
    v.sort_by(|a, b| (&b.started, &b.path).cmp(&(&a.started, &a.path)));
    Ok(v)
}

/// Deletes all but the newest `keep` logs of each WPAR (of `wpar` only, when given); returns
/// what was deleted.
pub fn prune(dir: &Path, wpar: Option<&str>, keep: usize) -> std::io::Result<Vec<PathBuf>> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut gone = Vec::new();
    for e in list(dir, wpar)? {
        let n = seen.entry(e.wpar.clone()).or_default();
        *n += 1;
        if *n > keep {
            let p = PathBuf::from(&e.path);
            std::fs::remove_file(&p)?;
            gone.push(p);
        }
    }
    Ok(gone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_and_pruned_per_wpar() {
        let d = tempfile::tempdir().unwrap();
        for (i, w) in ["wp1", "wp1", "wp1", "wp-2", "all"].iter().enumerate() {
            let f = d
                .path()
                .join(format!("2026120{}T024451Z-sync-{w}-{}.txt", i + 1, 100 + i));
            std::fs::write(f, "x").unwrap();
        }
        std::fs::write(d.path().join("notes.txt"), "not a log").unwrap();
        let all = list(d.path(), None).unwrap();
        assert_eq!(all.len(), 5);
        assert_eq!(all[0].wpar, "all");
        assert_eq!(all[0].started, "2026-12-05T02:44:51Z");
        assert_eq!(list(d.path(), Some("wp-2")).unwrap()[0].command, "sync");
        let gone = prune(d.path(), None, 1).unwrap();
        assert_eq!(gone.len(), 2, "two older wp1 logs");
        assert_eq!(
            list(d.path(), Some("wp1")).unwrap()[0].started,
            "2026-12-03T02:44:51Z"
        );
        assert!(d.path().join("notes.txt").exists());
    }
}
