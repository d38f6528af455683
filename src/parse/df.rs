//! `df -Pk PATH…` (POSIX format, 1024-byte blocks), as AIX prints it in the global environment:
//! a header (`Filesystem 1024-blocks Used Available Capacity Mounted on`), then one row per file
//! system, the mount point last; `-` in the figures of a `/proc` row. The format is the one in
//! chef/ohai's AIX fixture of a global with two running WPARs (docs/transcripts.md).

/// One row of df.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DfRow {
    /// The file system (`/dev/fslv04`).
    pub filesystem: String,
    /// Free for users, in 1024-byte blocks (`-` → None).
    pub available_kb: Option<u64>,
    /// Where it is mounted (`/wpars/w1/usr`).
    pub mounted_on: String,
}

/// The rows of df's output; the header and lines that are not rows are skipped.
pub fn parse(out: &[u8]) -> Vec<DfRow> {
    let text = String::from_utf8_lossy(out);
    let mut rows = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 6 || f[0] == "Filesystem" {
            continue;
        }
        rows.push(DfRow {
            filesystem: f[0].to_string(),
            available_kb: f[3].parse().ok(),
            mounted_on: f[5..].join(" "),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_rows_of_a_global_with_wpars() {
        let out = b"Filesystem    1024-blocks      Used Available Capacity Mounted on\n\
/dev/fslv04       5242880   2725040   2517840      52% /wpars/sink-thinker-541ba3/usr\n\
/proc                   -         -         -       -  /wpars/sink-thinker-541ba3/proc\n";
        let rows = parse(out);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].available_kb, Some(2517840));
        assert_eq!(rows[0].mounted_on, "/wpars/sink-thinker-541ba3/usr");
        assert_eq!(rows[1].available_kb, None);
    }
}
