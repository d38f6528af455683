//! The consistency of a WPAR's installed software: `lppchk -v` inside it (`verify`,
//! `status --verify`). IBM: a clean `lppchk -v` prints nothing. No published output shows its
//! problem lines, so they are kept as printed.

use crate::aix::{Aix, lppchk_probe};
use crate::error::Error;
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::Consistency;
use crate::report::OpReport;

/// At most this many lines of lppchk are kept.
const KEEP_LINES: usize = 200;

/// `lppchk -v` inside the WPAR: consistent when it printed nothing and exited 0.
pub fn consistency(aix: &Aix, name: &str) -> Result<Consistency, Error> {
    let (out, end) = aix.collect(&lppchk_probe(name))?;
    let lines = crate::parse::text_lines(&out, KEEP_LINES);
    Ok(Consistency {
        consistent: lines.is_empty() && end.success(),
        lines,
        end: end.to_string(),
    })
}

/// `lppchk -v` in the running WPAR `name`, kept in `rep.consistency`: inconsistent software is
/// exit 17 with the command that shows the details. `subject` names whose software it is, for
/// the message (`the software installed in WPAR `x``).
pub fn require_consistent(
    aix: &Aix,
    name: &str,
    subject: &str,
    rep: &mut OpReport,
) -> Result<(), Error> {
    let c = consistency(aix, name)?;
    let (ok, lines) = (c.consistent, c.lines.len());
    rep.consistency = Some(c);
    if ok {
        return Ok(());
    }
    Err(Error::Operation {
        wpar: name.to_string(),
        message: format!("{subject} is inconsistent: `lppchk -v` reported {lines} line(s)"),
        exit: Exit::Inconsistent,
        hints: vec![
            Hint::LppchkDetails { wpar: name.into() },
            Hint::PrintErrors { wpar: name.into() },
        ],
    })
}
