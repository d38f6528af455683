//! `wparup stop NAME|--all`: idempotent (a defined WPAR is left alone); `--force` also brings
//! down a Broken WPAR.

use crate::aix::Aix;
use crate::cli::StopArgs;
use crate::each_wpar::{gate, per_wpar};
use crate::error::Error;
use crate::model::WparState;
use crate::report::Report;
use crate::steps::lifecycle::stop_one;

/// `wparup stop`.
pub fn run(aix: &Aix, a: &StopArgs) -> Result<Report, Error> {
    per_wpar(
        aix,
        "stop",
        &a.target,
        !a.target.keep_going,
        |w, rep, label| {
            if w.state == WparState::Defined {
                rep.state_after = Some(WparState::Defined);
                rep.summary.push("already stopped (defined)".into());
                return Ok(());
            }
            if !(w.state == WparState::Broken && a.opts.force) {
                gate(w, "stop")?;
            }
            stop_one(aix, w, &a.opts, rep, label)?;
            rep.summary.push("stopped".into());
            Ok(())
        },
    )
}
