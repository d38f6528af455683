//! `wparup list`: what lswpar knows, filtered, as a table or JSON.

use crate::aix::Aix;
use crate::cli::ListArgs;
use crate::error::Error;
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::{WparState, WparType};
use crate::report::{ListReport, Report};

/// Runs `lswpar -cG [NAMES]` and filters by state and type.
pub fn run(aix: &Aix, a: &ListArgs) -> Result<Report, Error> {
    let names: Vec<&str> = a.names.iter().map(|n| n.as_str()).collect();
    let mut r = aix.lswpar(&names)?;
    if let Some(s) = &a.state {
        let want = WparState::from_filter(s);
        if let WparState::Unknown(_) = want {
            return Err(Error::usage(
                format!("unknown state `{s}` for --state"),
                [Hint::StateWords],
            ));
        }
        r.wpars.retain(|w| w.state == want);
    }
    if let Some(t) = &a.wpar_type {
        let want = WparType::from_code(t);
        if let WparType::Unknown(_) = want {
            return Err(Error::usage(
                format!("unknown type `{t}` for --type"),
                [Hint::TypeWords],
            ));
        }
        r.wpars.retain(|w| w.wpar_type == want);
    }
    // Names asked for but absent without a 0960-419 line (lswpar's behaviour is UNCERTAIN).
    for n in &names {
        let seen = r.wpars.iter().any(|w| w.name == *n) || r.not_found.iter().any(|x| x == n);
        if !seen && a.state.is_none() && a.wpar_type.is_none() {
            r.not_found.push(n.to_string());
        }
    }
    let exit = if r.not_found.is_empty() {
        Exit::Ok
    } else {
        Exit::NotFound
    };
    Ok(Report::List(ListReport {
        result: r,
        exit,
        names_only: a.names_only,
    }))
}
