//! `wparup reboot NAME|--all`: rebootwpar on an active system WPAR.

use crate::aix::Aix;
use crate::cli::RebootArgs;
use crate::each_wpar::{gate, per_wpar};
use crate::error::Error;
use crate::hints::Hint;
use crate::model::{WparState, WparType};
use crate::report::Report;
use crate::steps::lifecycle::reboot_one;

/// `wparup reboot`.
pub fn run(aix: &Aix, a: &RebootArgs) -> Result<Report, Error> {
    per_wpar(
        aix,
        "reboot",
        &a.target,
        !a.target.keep_going,
        |w, rep, label| {
            let name = &w.name;
            if w.wpar_type == WparType::Application {
                return Err(Error::usage(
                    format!(
                        "WPAR `{name}` is an application WPAR: rebootwpar only works on system WPARs"
                    ),
                    [Hint::StopThenStart],
                ));
            }
            gate(w, "reboot")?;
            if w.state != WparState::Active {
                return Err(Error::WrongState {
                    wpar: name.to_string(),
                    state: w.state.to_string(),
                    why: "only an active WPAR can be rebooted".into(),
                    hints: vec![Hint::StartFirst { wpar: name.clone() }],
                });
            }
            reboot_one(aix, w, &a.opts, rep, label)?;
            rep.summary.push("rebooted".into());
            Ok(())
        },
    )
}
