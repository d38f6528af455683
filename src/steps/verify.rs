//! The consistency of a WPAR's installed software: `lppchk -v` inside it (`verify`,
//! `status --verify`). IBM: a clean `lppchk -v` prints nothing. No published output shows its
//! problem lines, so they are kept as printed.

use crate::aix::{Aix, emgr_probe, lppchk_probe};
use crate::error::Error;
use crate::exec::{Invocation, Program};
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::{Consistency, Ifix, IfixCheck};
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

/// Runs an `emgr -l` (`inv`: in the global, or inside a WPAR through clogin): the list, or how
/// it ended when it neither listed iFixes nor said there are none.
fn emgr_list(
    aix: &Aix,
    inv: &Invocation,
) -> Result<Result<crate::parse::emgr::EmgrList, String>, Error> {
    let (out, end) = aix.collect(inv)?;
    let list = crate::parse::emgr::parse(&out);
    if !end.success() && !list.none {
        return Ok(Err(format!("`{inv}`: {end}")));
    }
    Ok(Ok(list))
}

/// `emgr -l` in the global environment: its iFixes, or None (with the reason) when emgr cannot
/// be read (the WPARs are then not compared).
pub fn global_ifixes(aix: &Aix) -> Result<Result<Vec<Ifix>, String>, Error> {
    let inv = Invocation::new(Program::Emgr, ["-l"]);
    Ok(emgr_list(aix, &inv)?.map(|l| l.fixes))
}

/// `emgr -l` inside the WPAR, against the global's iFixes (`global`, when read): the labels the
/// WPAR lacks are a warning with the way to apply them (syncwpar does not carry iFixes).
pub fn ifixes(
    aix: &Aix,
    name: &str,
    global: Option<&[Ifix]>,
    rep: &mut OpReport,
) -> Result<(), Error> {
    let list = match emgr_list(aix, &emgr_probe(name))? {
        Ok(l) => l,
        Err(why) => {
            rep.warnings.push(format!(
                "the iFixes in WPAR `{name}` could not be read ({why})"
            ));
            return Ok(());
        }
    };
    let not_in_wpar: Vec<String> = global
        .unwrap_or_default()
        .iter()
        .filter(|g| !list.fixes.iter().any(|w| w.label == g.label))
        .map(|g| g.label.clone())
        .collect();
    if !not_in_wpar.is_empty() {
        rep.warnings.push(format!(
            "{} iFix(es) of the global are not in WPAR `{name}`: {} (syncwpar and migwpar do not carry iFixes into WPARs)",
            not_in_wpar.len(),
            not_in_wpar.join(", ")
        ));
        rep.next.push(Hint::ApplyIfixes { wpar: name.into() });
    }
    rep.ifixes = Some(IfixCheck {
        installed: list.fixes,
        not_in_wpar,
        unparsed: list.raw,
    });
    Ok(())
}

/// `wparprnterr NAME`: the errors the WPAR logged (its 1 KB buffer), kept as printed; a failed
/// read is a warning. No published output of wparprnterr exists: nothing of it is typed.
pub fn errors_logged(aix: &Aix, name: &str, rep: &mut OpReport) -> Result<(), Error> {
    let inv = Invocation::new(Program::Wparprnterr, [name]);
    let (out, end) = aix.collect(&inv)?;
    if !end.success() {
        rep.warnings
            .push(format!("`{inv}` could not be read: {end}"));
        return Ok(());
    }
    rep.errors_logged = Some(crate::parse::text_lines(&out, KEEP_LINES));
    Ok(())
}
