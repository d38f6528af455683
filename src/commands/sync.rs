//! `wparup sync NAME|--all [-d DIR] [--preview] [--expand] [--refresh-toc] [--restart]`:
//! syncwpar with the media checked first, the outcome read, and the next step said.

use crate::aix::Aix;
use crate::cli::SyncArgs;
use crate::each_wpar::{gate, per_wpar};
use crate::error::Error;
use crate::model::WparType;
use crate::report::Report;
use crate::steps::backup;
use crate::steps::sync::{SyncOpts, media_phase, refuse, sync_one};

/// `wparup sync`.
pub fn run(aix: &Aix, a: &SyncArgs) -> Result<Report, Error> {
    let o = SyncOpts {
        dir: a.dir.clone(),
        preview: a.preview,
        expand: a.expand,
        refresh_toc: a.refresh_toc,
        restart: a.restart,
        skip_media_check: a.skip_media_check,
        all: a.target.is_table(),
        probed: false,
    };
    per_wpar(
        aix,
        "sync",
        &a.target,
        !a.target.keep_going,
        |w, rep, label| {
            if o.all && (w.versioned || w.wpar_type == WparType::Application) {
                rep.skipped = Some(if w.versioned {
                    "versioned WPAR: syncwpar cannot synchronize it".into()
                } else {
                    "application WPAR: nothing to synchronize".into()
                });
                return Ok(());
            }
            refuse(w, &o)?;
            gate(w, "sync")?;
            media_phase(aix, w, &o, rep)?;
            if !o.preview {
                backup::before_change(aix, w, &a.backup, a.expand, rep, label)?;
            }
            sync_one(aix, w, &o, rep, label)
        },
    )
}
