//! One classification from a parsed operation to an outcome and its exit code, root cause first.
//!
//! Order (the first match wins):
//! 1. `0403-006` (not root) → 20.
//! 2. `0960-419` (no such WPAR) → 3.
//! 3. installp `0503-430` (another installation in progress; recognised by id, text unseen) → 4;
//!    `0960-667`, or syncroot's "global system is at a higher version than the WPAR" → 10.
//! 4. Missing filesets (0960-582 table, installp "Missing Filesets") → 11, even though the trailer
//!    says FAILURE.
//! 5. installp's build-date check (0503-465, `BUILDDATE requisite failure`) → 16: the media is
//!    older than what is installed.
//! 6. Space (0503-008, the same text without id, 0516-634) → 12, even when a 0960-580 cycle
//!    followed: the full file system is what the admin must fix.
//! 7. Media unreadable (0503-105, 0503-005, "could not be accessed", invalid `.toc`) → 2.
//! 8. 0960-580 alone → 13.
//! 9. Interrupted (0960-367/0960-234; a signal wparup forwarded is the caller's to report) → 130;
//!    a child killed by a signal nobody forwarded → 1.
//! 10. migwpar "Shared /usr WPAR list: none" with nothing installed → 2 (a detached WPAR needs
//!     `-d`; the seed).
//! 11. Any FAILED installation-summary row, FAILURE trailer, 0960-264, an environment with a
//!     non-zero return code, installp errors, a non-zero exit, a signal or timeout → 1 — an
//!     installp FAILED row is a failure even when the command exited 0 (AIX-REFERENCE §0.3).
//! 12. stopwpar `0960-254` (not active) → 0: already stopped.
//! 13. Success evidence (SUCCESS trailer, "synchronized successfully", exit 0, a clean preview)
//!     → 0; no evidence at all → 1 ("incomplete").

use crate::exec::Termination;
use crate::exit::Exit;
use crate::parse::op::OpResult;
use crate::program::Program;

/// The classification of one operation: what the command that ran it uses (the exit class
/// and the root cause), never written back into the parsed result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The exit code class.
    pub exit: Exit,
    /// The root cause in words.
    pub cause: String,
}

fn out(exit: Exit, cause: impl Into<String>) -> Outcome {
    Outcome {
        exit,
        cause: cause.into(),
    }
}

/// Classifies `r`, given how the command ended (`Unknown` for a pasted log): the first rule
/// that matches, in the order of this module's list.
pub fn classify(r: &OpResult, end: &Termination) -> Outcome {
    const RULES: [Rule; 6] = [
        refused,
        media_short,
        space_media_cycle,
        stopped_early,
        failed,
        ended_badly,
    ];
    RULES
        .iter()
        .find_map(|rule| rule(r, end))
        .unwrap_or_else(|| succeeded(r, end))
}

/// One group of rules: the outcome when one of them matches.
type Rule = fn(&OpResult, &Termination) -> Option<Outcome>;

fn found(exit: Exit, cause: impl Into<String>) -> Option<Outcome> {
    Some(out(exit, cause))
}

/// Rules 1–3: not root, no such WPAR, a release older than the global's.
fn refused(r: &OpResult, _end: &Termination) -> Option<Outcome> {
    if r.has_id("0403-006") {
        return found(
            Exit::NotAix,
            "permission denied (0403-006): wparup must run as root",
        );
    }
    if r.has_id("0960-419") {
        return found(Exit::NotFound, "no such WPAR (0960-419)");
    }
    // UNCERTAIN: installp's 0503-430 is named in reviews as "another installation is running";
    // no published output shows its text, so it is recognised by its id alone.
    if r.has_id("0503-430") {
        return found(
            Exit::WrongState,
            "installp reports another installation in progress on this system (0503-430): wait for it to end before the next attempt",
        );
    }
    if r.has_id("0960-667") || r.higher_global_version {
        return found(
            Exit::NeedsMigration,
            "the WPAR's operating system level is older than the global system's release (0960-667): migrate it",
        );
    }
    None
}

/// Rules 4–5: filesets missing from the media, or images older than what is installed.
fn media_short(r: &OpResult, _end: &Termination) -> Option<Outcome> {
    if !r.missing_filesets.is_empty() || r.has_id("0960-582") {
        let names: Vec<&str> = r
            .missing_filesets
            .iter()
            .map(|m| m.fileset.as_str())
            .collect();
        return found(
            Exit::MediaIncomplete,
            if names.is_empty() {
                "filesets are missing from the installation media (0960-582), but their table was not found in the output (cut off?): see the full log, or run `syncwpar -p` to list them".to_string()
            } else {
                format!(
                    "{} fileset(s) missing from the installation media (0960-582): {}",
                    names.len(),
                    names.join(", ")
                )
            },
        );
    }
    if !r.builddate_failures.is_empty()
        || r.install_errors
            .iter()
            .any(|e| e.contains("BUILDDATE requisite failure"))
    {
        let shown: Vec<String> = r
            .builddate_failures
            .iter()
            .map(|f| {
                let name = f.fileset.as_deref().unwrap_or("a fileset");
                match (&f.installed, &f.selected) {
                    (Some(i), Some(s)) => format!("{name} (installed {i}, media {s})"),
                    _ => name.to_string(),
                }
            })
            .collect();
        return found(
            Exit::MediaOlder,
            if shown.is_empty() {
                "installp refused the media's images: they were built before the filesets installed (BUILDDATE requisite failure)".to_string()
            } else {
                format!(
                    "installp refused {} image(s) built before the filesets installed (BUILDDATE check, 0503-465; build dates YYWW): {}",
                    shown.len(),
                    shown.join(", ")
                )
            },
        );
    }
    None
}

/// Rules 6–8: a full file system, unreadable media, a cycle alone.
fn space_media_cycle(r: &OpResult, _end: &Termination) -> Option<Outcome> {
    if let Some(s) = r.space_shortfalls.first() {
        let need = match s.megabytes() {
            Some(mb) => format!("{mb} MB more needed"),
            None => "more space needed".to_string(),
        };
        let cycle = if r.cycle_detected {
            " (the 0960-580 cycle halt that followed is a consequence)"
        } else {
            ""
        };
        return found(
            Exit::NoSpace,
            format!("not enough space in {} ({need}){cycle}", s.filesystem),
        );
    }
    if r.has_id("0503-105") || r.has_id("0503-005") || !r.media_errors.is_empty() {
        return found(
            Exit::Usage,
            "the installation media could not be read (bad -d directory or invalid .toc)",
        );
    }
    if r.cycle_detected {
        return found(
            Exit::SyncCycle,
            "synchronization halted on a cycle (0960-580) with no more specific cause in the output",
        );
    }
    None
}

/// Rules 9–10: the command's own interruption; migwpar with no shared-/usr WPAR.
fn stopped_early(r: &OpResult, _end: &Termination) -> Option<Outcome> {
    let cmd = r.command.name();
    // A child killed by a signal wparup did not forward is a failure (below), not an
    // interruption: only the command's own "interrupted" messages say 130 here. wparup's own
    // interruption is reported by the caller, which knows it forwarded a signal.
    if r.has_id("0960-367") || r.has_id("0960-234") {
        return found(Exit::Interrupted, format!("`{cmd}` was interrupted"));
    }
    let installed_something = !r.installation_summary.is_empty()
        || r.applying > 0
        || r.committing > 0
        || !r.synchronized.is_empty();
    if r.command == Program::Migwpar
        && r.shared_usr_list.as_ref().is_some_and(Vec::is_empty)
        && !installed_something
    {
        return found(
            Exit::Usage,
            "migwpar found no shared-/usr WPAR to migrate (\"Shared /usr WPAR list: none\") and migrated nothing: a WPAR with a private /usr needs base media (-d)",
        );
    }
    None
}

/// Rules 11–12: any sign of failure in the output, then stopwpar's "not active".
fn failed(r: &OpResult, _end: &Termination) -> Option<Outcome> {
    let cmd = r.command.name();
    if let Some(row) = r.failed_rows().next() {
        return found(
            Exit::Failed,
            format!(
                "installp reported {} {} {} {}",
                row.name, row.part, row.event, row.result
            ),
        );
    }
    if let Some(e) = r.environments.iter().find(|e| e.return_code != 0) {
        return found(
            Exit::Failed,
            format!("inuwpar: environment {} returned {}", e.name, e.return_code),
        );
    }
    if r.has_id("0960-264") {
        return found(
            Exit::Failed,
            "syncwpar could not synchronize the WPAR (0960-264)",
        );
    }
    if let Some(e) = r.install_errors.first() {
        return found(Exit::Failed, format!("installation error: {e}"));
    }
    if r.trailer_status == crate::model::TrailerStatus::Failure {
        return found(Exit::Failed, format!("`{cmd}` ended with a FAILURE status"));
    }
    if r.command == Program::Stopwpar && r.has_id("0960-254") {
        return found(
            Exit::Ok,
            "the WPAR was not active (0960-254): already stopped",
        );
    }
    None
}

/// Rule 11, from how the command ended: a non-zero exit, a signal, a timeout.
fn ended_badly(r: &OpResult, end: &Termination) -> Option<Outcome> {
    let cmd = r.command.name();
    match end {
        Termination::Exited(0) | Termination::Unknown => {}
        Termination::Exited(c) => {
            return found(Exit::Failed, format!("`{cmd}` exited with status {c}"));
        }
        Termination::Signaled(s) => {
            return found(Exit::Failed, format!("`{cmd}` was killed by {s}"));
        }
        Termination::TimedOut => {
            return found(
                Exit::TimedOut,
                format!("`{cmd}` ran past its time limit and was killed"),
            );
        }
    }
    None
}

/// Rule 13: success evidence, or "incomplete".
fn succeeded(r: &OpResult, end: &Termination) -> Outcome {
    let cmd = r.command.name();
    if r.trailer_status == crate::model::TrailerStatus::Success || !r.synchronized.is_empty() {
        return out(Exit::Ok, "success");
    }
    if end.success() {
        return out(Exit::Ok, "exit status 0");
    }
    // A pasted log without an exit status: only positive evidence counts.
    if r.preview && r.complete_preview() {
        return out(Exit::Ok, "preview completed without errors");
    }
    let errors = r.messages.iter().any(|m| m.id.starts_with("0960"));
    if matches!(
        r.command,
        Program::Startwpar | Program::Stopwpar | Program::Rebootwpar
    ) && !errors
        && r.lines > 0
    {
        return out(Exit::Ok, "no error in the output");
    }
    out(
        Exit::Failed,
        format!("incomplete: the output of `{cmd}` ends without a status or any sign of success"),
    )
}
