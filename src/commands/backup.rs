//! `wparup backup NAME…|--all --to DIR`: a savewpar image of each WPAR, one after another,
//! each read back with lssavewpar and recorded beside the image.

use crate::aix::Aix;
use crate::cli::BackupArgs;
use crate::each_wpar::per_wpar;
use crate::error::Error;
use crate::model::WparState;
use crate::report::Report;
use crate::steps::backup;

/// `wparup backup`.
pub fn run(aix: &Aix, a: &BackupArgs) -> Result<Report, Error> {
    // A missing directory is said once, before any WPAR is looked at.
    backup::check_dir(&a.to)?;
    per_wpar(
        aix,
        "backup",
        &a.target,
        !a.target.keep_going,
        |w, rep, label| {
            // The level the image holds, when the WPAR runs (a stopped one is not started
            // for it).
            if w.state == WparState::Active
                && let Ok(Ok(l)) = aix.wpar_level(&w.name)
            {
                rep.level_before = Some(l.to_string());
            }
            backup::take(aix, w, &a.to, a.expand, rep, label)?;
            rep.changed = true;
            Ok(())
        },
    )
}
