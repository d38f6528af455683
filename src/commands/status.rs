//! `wparup status [NAME…] [--check]`: each WPAR's level against the global level, and what it
//! needs ([`crate::steps::decide`]).

use crate::aix::Aix;
use crate::cli::StatusArgs;
use crate::error::Error;
use crate::exit::Exit;
use crate::model::{OsLevel, Verdict, Wpar, WparState};
use crate::report::{OpReport, Report, StatusReport, StatusRow};
use crate::steps::decide::{OLDER_RELEASE, decide, read_level};
use crate::steps::probe::{self, Probed};
use crate::steps::verify::consistency;

/// `wparup status`.
pub fn run(aix: &Aix, a: &StatusArgs) -> Result<Report, Error> {
    let global = aix.global_level()?;
    let names: Vec<&str> = a.names.iter().map(|n| n.as_str()).collect();
    let r = aix.lswpar(&names)?;
    let mut not_found = r.not_found.clone();
    for n in &names {
        if !r.wpars.iter().any(|w| w.name == *n) && !not_found.iter().any(|x| x == n) {
            not_found.push(n.to_string());
        }
    }
    // The running, non-versioned WPARs' levels, read `--jobs` at a time.
    let probe: Vec<&str> = r
        .wpars
        .iter()
        .filter(|w| !w.versioned && w.state == WparState::Active)
        .map(|w| w.name.as_str())
        .collect();
    let mut levels = probe.iter().copied().zip(aix.wpar_levels(&probe)?);
    if a.verify {
        // lppchk in every running WPAR, side by side, before the rows take them one by one.
        let checks: Vec<_> = probe.iter().map(|n| crate::aix::lppchk_probe(n)).collect();
        aix.prefetch(&checks)?;
    }
    let mut inconsistent = Vec::new();
    let mut rows = Vec::new();
    for w in &r.wpars {
        aix.check_interrupted()?;
        let level = if w.versioned {
            Err("versioned".to_string())
        } else if w.state == WparState::Active {
            levels
                .next()
                .filter(|(n, _)| *n == w.name)
                .map(|(_, l)| l)
                .ok_or_else(|| Error::Internal(format!("no level read for `{}`", w.name)))?
        } else if a.probe && w.state == WparState::Defined {
            probe_level(aix, w)?
        } else {
            read_level(aix, w)?
        };
        let dec = decide(&global, w, level.as_ref().map_err(String::as_str));
        let mut reason = dec.reason;
        let consistent = if a.verify && !w.versioned && w.state == WparState::Active {
            let c = consistency(aix, &w.name)?;
            if !c.consistent {
                inconsistent.push(w.name.clone());
                let note = format!(
                    "lppchk -v: {} problem line(s) (`wparup verify {}` shows them)",
                    c.lines.len(),
                    w.name
                );
                reason = Some(match reason {
                    Some(r) => format!("{r}; {note}"),
                    None => note,
                });
            }
            Some(c.consistent)
        } else {
            None
        };
        rows.push(StatusRow {
            name: w.name.clone(),
            state: w.state.clone(),
            private_usr: w.private_usr,
            level: level.as_ref().ok().map(|l| l.raw.clone()),
            verdict: dec.verdict.word(),
            reason,
            versioned: w.versioned,
            ostype: w.ostype.clone(),
            undocumented: dec.undocumented,
            consistent,
        });
    }
    let needs_work: Vec<String> = rows
        .iter()
        .filter(|r| r.verdict != Verdict::UpToDate.word() && r.verdict != Verdict::Versioned.word())
        .map(|r| r.name.clone())
        .collect();
    let exit = if !not_found.is_empty() {
        Exit::NotFound
    } else if a.check && !inconsistent.is_empty() {
        Exit::Inconsistent
    } else if a.check && !needs_work.is_empty() {
        Exit::NeedsWork
    } else {
        Exit::Ok
    };
    Ok(Report::Status(StatusReport {
        global_level: global.raw,
        wpars: rows,
        not_found,
        needs_work,
        inconsistent,
        exit,
    }))
}

/// A stopped WPAR's level, read in maintenance mode under its lock (`--probe`). A refusal to
/// start (0960-667) is the evidence that it needs migrating; a WPAR another wparup holds is
/// shown as unknown with that reason.
fn probe_level(aix: &Aix, w: &Wpar) -> Result<Result<OsLevel, String>, Error> {
    let _lock = match aix.lock(&w.name) {
        Ok(l) => l,
        Err(e) => return Ok(Err(e.to_string())),
    };
    let mut scratch = OpReport::new("status", &w.name, None);
    let label = format!("status {}", w.name);
    Ok(
        match probe::stopped(aix, w, |_| false, &mut scratch, &label)? {
            Probed::Level(l) => l,
            Probed::OlderRelease => Err(OLDER_RELEASE.into()),
        },
    )
}
