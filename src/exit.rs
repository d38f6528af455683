//! The exit-code table: wparup's public API for shell scripts and Ansible.
//!
//! One enum, one number per variant, never renumbered or reused. The README's table is checked
//! against [`Exit::ALL`] by a test, so the two cannot drift apart. Clap's own usage errors also
//! exit 2, which is why [`Exit::Usage`] is 2.

use serde::Serialize;

/// How a wparup run ended, as the process exit code.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Exit {
    /// Success, including "already in the requested state".
    Ok,
    /// The AIX command failed for a reason wparup does not classify.
    Failed,
    /// Usage error or invalid input: bad WPAR name, bad media directory, missing `-d` for a
    /// detached WPAR, or an operation AIX does not support for this WPAR (versioned WPAR sync).
    Usage,
    /// The WPAR does not exist.
    NotFound,
    /// The WPAR's state does not allow the operation, another wparup holds its lock, or the
    /// host's installp is busy (`--no-wait`).
    WrongState,
    /// A WPAR is not at the global level: `status --check`, or `upgrade` left one below it.
    NeedsWork,
    /// The OS level in the WPAR is not supported by the global system: migrate it (0960-667).
    NeedsMigration,
    /// Filesets are missing from the installation media (0960-582).
    MediaIncomplete,
    /// Not enough file-system space (0503-008 and kin).
    NoSpace,
    /// installp's build-date check refused images older than the installed filesets
    /// (0503-465, `Installation failed due to BUILDDATE requisite failure`).
    MediaOlder,
    /// Synchronization halted on a cycle (0960-580) with no more specific cause.
    SyncCycle,
    /// An AIX command ran past its time limit and its process group was killed.
    TimedOut,
    /// The WPAR's release and the global's are a pair no IBM page documents a path for:
    /// wparup runs nothing on a guess.
    UndocumentedRelease,
    /// A WPAR's installed software is inconsistent: `lppchk -v` inside it reported problems.
    Inconsistent,
    /// A backup image that does not fit: of another WPAR, or of a shared-/usr WPAR taken when
    /// the global's software differed from today's (restwpar's syncroot would fail).
    ImageMismatch,
    /// AIX commands not available here (not an AIX global environment, or not root).
    NotAix,
    /// Transcript unreadable, or the replay did not match what wparup ran.
    Transcript,
    /// The local environment wparup needs is unusable: the log, lock or `--record` directory
    /// or file, or stdout itself.
    Environment,
    /// A bug in wparup itself.
    Internal,
    /// `parse auto` could not tell which command printed its input.
    Unrecognized,
    /// Interrupted (SIGINT, SIGTERM, SIGHUP).
    Interrupted,
}

impl Exit {
    /// Every variant, in table order (used by the README check and `--help`).
    pub const ALL: [Exit; 21] = [
        Exit::Ok,
        Exit::Failed,
        Exit::Usage,
        Exit::NotFound,
        Exit::WrongState,
        Exit::NeedsWork,
        Exit::NeedsMigration,
        Exit::MediaIncomplete,
        Exit::NoSpace,
        Exit::SyncCycle,
        Exit::UndocumentedRelease,
        Exit::TimedOut,
        Exit::MediaOlder,
        Exit::Inconsistent,
        Exit::ImageMismatch,
        Exit::NotAix,
        Exit::Transcript,
        Exit::Environment,
        Exit::Internal,
        Exit::Unrecognized,
        Exit::Interrupted,
    ];

    /// The process exit code.
    pub const fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Failed => 1,
            Exit::Usage => 2,
            Exit::NotFound => 3,
            Exit::WrongState => 4,
            Exit::NeedsWork => 5,
            Exit::NeedsMigration => 10,
            Exit::MediaIncomplete => 11,
            Exit::NoSpace => 12,
            Exit::SyncCycle => 13,
            Exit::TimedOut => 15,
            Exit::UndocumentedRelease => 14,
            Exit::MediaOlder => 16,
            Exit::Inconsistent => 17,
            Exit::ImageMismatch => 18,
            Exit::NotAix => 20,
            Exit::Transcript => 21,
            Exit::Environment => 22,
            Exit::Internal => 23,
            Exit::Unrecognized => 24,
            Exit::Interrupted => 130,
        }
    }

    /// A stable name for JSON, so Ansible can branch without decoding numbers.
    pub const fn name(self) -> &'static str {
        match self {
            Exit::Ok => "ok",
            Exit::Failed => "failed",
            Exit::Usage => "usage",
            Exit::NotFound => "not_found",
            Exit::WrongState => "wrong_state",
            Exit::NeedsWork => "needs_work",
            Exit::NeedsMigration => "needs_migration",
            Exit::MediaIncomplete => "media_incomplete",
            Exit::NoSpace => "no_space",
            Exit::SyncCycle => "sync_cycle",
            Exit::TimedOut => "timed_out",
            Exit::UndocumentedRelease => "undocumented_release",
            Exit::MediaOlder => "media_older",
            Exit::Inconsistent => "inconsistent",
            Exit::ImageMismatch => "image_mismatch",
            Exit::NotAix => "not_aix",
            Exit::Transcript => "transcript",
            Exit::Environment => "environment",
            Exit::Internal => "internal",
            Exit::Unrecognized => "unrecognized",
            Exit::Interrupted => "interrupted",
        }
    }

    /// One line for the README table and `--help`.
    pub const fn meaning(self) -> &'static str {
        match self {
            Exit::Ok => "success, including \"already in the requested state\"",
            Exit::Failed => "the AIX command failed for a reason wparup does not classify",
            Exit::Usage => {
                "usage error or invalid input (bad WPAR name, bad media directory, missing `-d` for a detached WPAR, versioned WPAR given to `sync`)"
            }
            Exit::NotFound => "WPAR not found",
            Exit::WrongState => {
                "the WPAR's state does not allow the operation, another wparup holds its lock, or another wparup runs installp on the host (--no-wait)"
            }
            Exit::NeedsWork => {
                "a WPAR is not at the global level: `status --check`, or `upgrade` left one below it"
            }
            Exit::NeedsMigration => {
                "OS level in the WPAR not supported by the global system: migrate it (0960-667)"
            }
            Exit::MediaIncomplete => "filesets missing from the installation media (0960-582)",
            Exit::NoSpace => "not enough file-system space (0503-008 and kin)",
            Exit::SyncCycle => {
                "synchronization halted on a cycle (0960-580) with no more specific cause"
            }
            Exit::TimedOut => {
                "an AIX command ran past its limit (`--timeout`, or 10 minutes for read-only queries, 2 for clogin) and was killed"
            }
            Exit::UndocumentedRelease => {
                "WPAR and global release pair with no documented upgrade path: nothing was run"
            }
            Exit::MediaOlder => {
                "installp refused media images built before the filesets installed (BUILDDATE check, 0503-465): use the media the global was updated from, or newer"
            }
            Exit::Inconsistent => {
                "a WPAR's installed software is inconsistent (`lppchk -v` inside it reported problems): `wparup verify` names them"
            }
            Exit::ImageMismatch => {
                "`restore` refused a backup image that does not fit: of another WPAR, or of a shared-/usr WPAR taken at another global level (`--force` restores it anyway)"
            }
            Exit::NotAix => {
                "AIX commands not available here (not an AIX global environment, or not root)"
            }
            Exit::Transcript => {
                "transcript unreadable, or the replay did not match what wparup ran (mismatch, ran out, or stopped short of its last step)"
            }
            Exit::Environment => {
                "the local environment is unusable: log, lock or `--record` directory or file, or stdout cannot be written"
            }
            Exit::Internal => "a bug in wparup itself: please report it with the log",
            Exit::Unrecognized => {
                "`parse auto` cannot tell which command printed its input: name the command"
            }
            Exit::Interrupted => {
                "interrupted (SIGINT, SIGTERM, SIGHUP, forwarded to the AIX command, which is waited for)"
            }
        }
    }

    /// Is this a success?
    pub const fn is_ok(self) -> bool {
        matches!(self, Exit::Ok)
    }

    /// The worse of two results, for runs over several WPARs: the higher exit code wins, so a
    /// script can reason about it without a table (130 > 21 > 20 > 14 > … > 1 > 0).
    pub fn worst(self, other: Exit) -> Exit {
        if other.code() > self.code() {
            other
        } else {
            self
        }
    }

    /// The exit-code table as text, for `--help`.
    pub fn table() -> String {
        let mut s = String::from("Exit codes:\n");
        for e in Exit::ALL {
            s.push_str(&format!("  {:>3}  {}\n", e.code(), e.meaning()));
        }
        s
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_stable() {
        let codes: Vec<u8> = Exit::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(
            codes,
            [
                0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 23, 24, 130
            ]
        );
    }

    #[test]
    fn worst_picks_the_higher_code() {
        assert_eq!(Exit::Ok.worst(Exit::NoSpace), Exit::NoSpace);
        assert_eq!(Exit::MediaIncomplete.worst(Exit::NoSpace), Exit::NoSpace);
        assert_eq!(Exit::Interrupted.worst(Exit::Failed), Exit::Interrupted);
        assert_eq!(Exit::Failed.worst(Exit::Ok), Exit::Failed);
    }
}
