//! The consistency of a WPAR's installed software: `lppchk -v` inside it (`verify`,
//! `status --verify`). IBM: a clean `lppchk -v` prints nothing. No published output shows its
//! problem lines, so they are kept as printed.

use crate::aix::{Aix, lppchk_probe};
use crate::error::Error;
use crate::model::Consistency;

/// At most this many lines of lppchk are kept.
const KEEP_LINES: usize = 200;

/// `lppchk -v` inside the WPAR: consistent when it printed nothing and exited 0.
pub fn consistency(aix: &Aix, name: &str) -> Result<Consistency, Error> {
    let (out, end) = aix.collect(&lppchk_probe(name))?;
    let lines: Vec<String> = String::from_utf8_lossy(&out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(KEEP_LINES)
        .map(str::to_string)
        .collect();
    Ok(Consistency {
        consistent: lines.is_empty() && end.success(),
        lines,
        end: end.to_string(),
    })
}
