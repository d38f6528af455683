//! Reading a stopped WPAR without starting it: its level (and, when a media check will need
//! them, its installed filesets) read in maintenance mode, then the WPAR returned to Defined.
//!
//! IBM's `startwpar -m` starts a WPAR in maintenance mode (startwpar page, AIX 7.1 and 7.2;
//! AIX-REFERENCE §3), the state lswpar describes as "kernel configured and file systems mounted
//! but no processes" (lswpar page, AIX-REFERENCE §2.4): the WPAR's own `/usr` and its ODM are
//! there to read, and none of its services, cron jobs or network addresses come up. The
//! least intrusive way IBM documents to read what is installed in a stopped WPAR.
//!
//! UNCERTAIN (AIX-REFERENCE §9): whether `clogin` reaches a WPAR in maintenance mode is not
//! documented. When it cannot, the level stays unknown with the reason, the preview says so and
//! is not "ok", and a real run starts the WPAR as 0.2 did to read it.
//!
//! The probe is not a change: `startwpar -m` and the `stopwpar` that ends it run as probes
//! ([`crate::exec::Invocation::probe`]): allowed in a preview, never counted in `changed`, and
//! a WPAR that refuses to start (0960-667: its release is older than the global's) was never
//! brought up at all.

use crate::aix::{Aix, filesets_probe};
use crate::error::Error;
use crate::exec::{Invocation, Program};
use crate::exit::Exit;
use crate::model::{OsLevel, Wpar};
use crate::report::OpReport;
use crate::steps::lifecycle::op_error;

/// What the probe of a stopped WPAR found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probed {
    /// Its level (or why `clogin` could not read it in maintenance mode).
    Level(Result<OsLevel, String>),
    /// `startwpar -m` refused with 0960-667: the WPAR's release is older than the global's.
    OlderRelease,
}

/// Probes the Defined WPAR `w`: `startwpar -m`, `clogin … oslevel -s`, and when `filesets`
/// says so for the level read, `clogin … lslpp -Lc` (kept for the media check that follows),
/// then `stopwpar` back to Defined.
pub fn stopped(
    aix: &Aix,
    w: &Wpar,
    filesets: impl Fn(&OsLevel) -> bool,
    rep: &mut OpReport,
    label: &str,
) -> Result<Probed, Error> {
    let name = w.name.as_str();
    let up = Invocation::new(Program::Startwpar, ["-m", name]).as_probe();
    rep.ran.push(up.to_string());
    let (_, class) = aix.run_op(&up, label)?;
    match class.exit {
        Exit::Ok => {}
        Exit::NeedsMigration => {
            rep.summary.push(format!(
                "probed: `{up}` refused (0960-667): its release is older than the global's"
            ));
            return Ok(Probed::OlderRelease);
        }
        other => return Err(op_error(w, other, &class.cause, &up.to_string())),
    }
    // From here on the WPAR is up (without its processes): it goes back down whatever the
    // reads found.
    let read = read_in_maintenance(aix, name, &filesets);
    let down = Invocation::new(Program::Stopwpar, [name]).as_probe();
    rep.ran.push(down.to_string());
    let (_, class) = aix.run_op(&down, label)?;
    if class.exit != Exit::Ok {
        return Err(op_error(w, class.exit, &class.cause, &down.to_string()));
    }
    let level = read?;
    rep.summary.push(match &level {
        Ok(l) => format!(
            "probed in maintenance mode (startwpar -m, no processes started): level {l}; returned to Defined"
        ),
        Err(why) => format!("probed in maintenance mode, but the level could not be read: {why}"),
    });
    Ok(Probed::Level(level))
}

/// The reads made while the WPAR is in maintenance mode.
fn read_in_maintenance(
    aix: &Aix,
    name: &str,
    filesets: &impl Fn(&OsLevel) -> bool,
) -> Result<Result<OsLevel, String>, Error> {
    let level = aix.wpar_level(name)?;
    if let Ok(l) = &level
        && filesets(l)
    {
        aix.prefetch(&[filesets_probe(name)])?;
    }
    Ok(level)
}

/// The level of `w` whatever its state: read in the running WPAR, or by probing a stopped one
/// ([`stopped`], no filesets read). Other states give their reason.
pub fn level(aix: &Aix, w: &Wpar, rep: &mut OpReport, label: &str) -> Result<Probed, Error> {
    match w.state {
        crate::model::WparState::Active => Ok(Probed::Level(aix.wpar_level(&w.name)?)),
        crate::model::WparState::Defined => stopped(aix, w, |_| false, rep, label),
        _ => Ok(Probed::Level(Err(format!(
            "the WPAR is {}: its level can be read only when it runs or is stopped",
            w.state
        )))),
    }
}
