//! `wparup start NAME|--all`: idempotent (an active WPAR is left alone), the state read before
//! and after.

use crate::aix::Aix;
use crate::cli::StartArgs;
use crate::each_wpar::{gate, per_wpar};
use crate::error::Error;
use crate::model::WparState;
use crate::report::Report;
use crate::steps::lifecycle::start_one;

/// `wparup start`.
pub fn run(aix: &Aix, a: &StartArgs) -> Result<Report, Error> {
    per_wpar(
        aix,
        "start",
        &a.target,
        !a.target.keep_going,
        |w, rep, label| {
            if w.state == WparState::Active {
                rep.state_after = Some(WparState::Active);
                rep.summary.push("already active".into());
                return Ok(());
            }
            gate(w, "start")?;
            start_one(aix, w, rep, label)?;
            rep.summary.push("started".into());
            Ok(())
        },
    )
}
