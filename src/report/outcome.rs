//! The outcome of a run in a few stable lines: what wparup concluded, per WPAR (exit class,
//! verdict, states, levels, the typed cause: missing filesets, space shortfalls, message ids),
//! without anything that changes from one reading to the next (durations, log paths, free
//! text). Every log and `--record` transcript ends with these lines (`#! outcome: …`), and
//! `wparup replay --check` compares them with what a replay concludes today.

use super::{OpReport, Report};
use crate::error::Error;

/// The outcome lines of a finished run.
pub fn digest(res: &Result<Report, Error>) -> Vec<String> {
    match res {
        Ok(rep) => of_report(rep),
        Err(e) => of_error(e),
    }
}

/// The outcome lines of a run that ended with a report.
pub fn of_report(rep: &Report) -> Vec<String> {
    let e = rep.exit();
    let mut v = vec![format!("exit {} {}", e.code(), e.name())];
    match rep {
        Report::Op(r) => v.push(wpar_line(r)),
        Report::All(r) => v.extend(r.results.iter().map(wpar_line)),
        Report::Status(r) => {
            v.push(format!("global {}", r.global_level));
            for w in &r.wpars {
                v.push(format!(
                    "wpar {} verdict {} level {}",
                    w.name,
                    w.verdict,
                    w.level.as_deref().unwrap_or("-")
                ));
            }
        }
        Report::List(r) => {
            for w in &r.result.wpars {
                v.push(format!("wpar {} state {}", w.name, w.state));
            }
        }
        Report::Parse(_) | Report::Logs(_) | Report::Backups(_) | Report::Checks(_) => {}
    }
    v
}

/// The outcome lines of a run that ended in an error.
pub fn of_error(e: &Error) -> Vec<String> {
    let x = e.exit();
    let mut v = vec![format!("exit {} {}", x.code(), x.name())];
    let wpar = match e {
        Error::Operation { wpar, .. }
        | Error::WrongState { wpar, .. }
        | Error::NotFound { wpar } => Some(wpar.as_str()),
        _ => None,
    };
    v.push(format!(
        "error {}{}",
        x.name(),
        wpar.map(|w| format!(" wpar {w}")).unwrap_or_default()
    ));
    v
}

/// One WPAR's line: `wpar NAME exit N NAME verdict V state A -> B level A -> B missing F,G
/// space /usr ids 0960-582,0503-008` (the parts that apply, in that order).
fn wpar_line(r: &OpReport) -> String {
    let mut s = format!("wpar {} exit {} {}", r.wpar, r.exit.code(), r.exit.name());
    if let Some(why) = &r.skipped {
        s.push_str(&format!(
            " skipped {}",
            why.split(':').next().unwrap_or(why)
        ));
    }
    if let Some(d) = &r.decision {
        s.push_str(&format!(" verdict {}", d.verdict.word()));
    }
    let state = |x: &Option<crate::model::WparState>| {
        x.as_ref().map_or("-".to_string(), ToString::to_string)
    };
    if r.state_before.is_some() || r.state_after.is_some() {
        s.push_str(&format!(
            " state {} -> {}",
            state(&r.state_before),
            state(&r.state_after)
        ));
    }
    if r.level_before.is_some() || r.level_after.is_some() {
        s.push_str(&format!(
            " level {} -> {}",
            r.level_before.as_deref().unwrap_or("-"),
            r.level_after.as_deref().unwrap_or("-")
        ));
    }
    let mut missing: Vec<&str> = Vec::new();
    if let Some(m) = &r.media {
        missing.extend(m.missing.iter().map(|x| x.fileset.as_str()));
    }
    let mut ids: Vec<&str> = Vec::new();
    let mut space: Vec<&str> = Vec::new();
    if let Some(res) = &r.result {
        missing.extend(res.missing_filesets.iter().map(|x| x.fileset.as_str()));
        space.extend(res.space_shortfalls.iter().map(|x| x.filesystem.as_str()));
        ids.extend(res.messages.iter().map(|m| m.id.as_str()));
    }
    for (label, mut list) in [("missing", missing), ("space", space), ("ids", ids)] {
        list.sort_unstable();
        list.dedup();
        if !list.is_empty() {
            s.push_str(&format!(" {label} {}", list.join(",")));
        }
    }
    s
}
