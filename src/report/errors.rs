//! The documents of a run that ended in an error before any report: the envelope on stdout
//! with `--json`, and always the message and its hints on stderr.

use std::io::{self, Write};

use super::RunInfo;
use super::envelope::{Envelope, ErrorInfo, Outcome, Payload, SCHEMA};
use crate::error::{Error, error_chain};
use crate::render::clean;

/// Prints an error that ended the run: JSON document on stdout with `--json`, and always the
/// message and hints on stderr.
pub fn print_error(e: &Error, json: bool, command: &str, run: &RunInfo) {
    if json {
        print_json_error(e, command, run);
    }
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "error: {}", clean(&error_chain(e)));
    for h in e.hints() {
        let _ = writeln!(err, "hint: {}", clean(&h.to_string()));
    }
    if let Some(r) = &run.replay {
        let _ = writeln!(err, "replay: {r}");
    }
}

/// The envelope of a run that ended in `e` before any report.
pub fn print_json_error(e: &Error, command: &str, run: &RunInfo) {
    {
        let mut outcome = Outcome::of(e.exit());
        outcome.error = Some(ErrorInfo::from_error(e));
        outcome.changed = run.changed;
        outcome.warnings.extend(run.warnings.iter().cloned());
        let _ = crate::render::print_json(&Envelope {
            schema: SCHEMA,
            command,
            outcome: &outcome,
            replay: run.replay.clone(),
            log: run.log.clone(),
            logs: None,
            payload: Payload::Nothing {},
        });
    }
}
