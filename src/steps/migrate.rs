//! migwpar for one WPAR: the plan (checks and arguments, nothing run but `oslevel -s` for
//! `-V`) and the run. A WPAR with a private /usr needs base media (`-d`): without it migwpar
//! prints `Shared /usr WPAR list: none` and migrates nothing (the seed's lesson).

use std::ffi::OsString;
use std::path::Path;

use super::lifecycle::{op_error, read_after, refuse_broken};
use super::media::media_warnings;
use crate::aix::Aix;
use crate::error::Error;
use crate::exec::{Invocation, Program};
use crate::exit::Exit;
use crate::hints::Hint;
use crate::model::Wpar;
use crate::report::OpReport;

/// How to migrate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Plain `migwpar [-d DIR] NAME`.
    Native,
    /// `migwpar -C -d DIR NAME`: versioned to native.
    Convert,
    /// `migwpar -V NAME`: keep a versioned WPAR at its level.
    KeepVersioned,
}

/// Checks and builds the migwpar arguments (no command runs here except `oslevel -s` for `-V`).
pub fn plan(
    aix: &Aix,
    w: &Wpar,
    dir: Option<&Path>,
    mode: Mode,
    rep: &mut OpReport,
) -> Result<Vec<OsString>, Error> {
    let name = w.name.as_str();
    let with_media = |rep: &mut OpReport, d: &Path| -> Result<(), Error> {
        let m = aix.media_dir(d)?;
        rep.warnings.extend(media_warnings(&m));
        Ok(())
    };
    match mode {
        Mode::Convert => {
            if !w.versioned {
                return Err(Error::usage(
                    format!(
                        "WPAR `{name}` shows no evidence of being a versioned (5.2/5.3) WPAR (ostype: {}): --convert is only for versioned WPARs",
                        w.ostype.as_deref().unwrap_or("not shown")
                    ),
                    [Hint::ShowOsType],
                ));
            }
            let Some(d) = dir else {
                return Err(Error::usage(
                    format!(
                        "converting versioned WPAR `{name}` needs the base images: add `-d DIR`"
                    ),
                    [Hint::ConvertNeedsMedia],
                ));
            };
            with_media(rep, d)?;
            Ok(vec![
                "-C".into(),
                "-d".into(),
                d.as_os_str().to_owned(),
                name.into(),
            ])
        }
        Mode::KeepVersioned => {
            let g = aix.global_level()?;
            if g.release < 7200 || (g.release == 7200 && g.tl < 2) {
                return Err(Error::usage(
                    format!(
                        "`migwpar -V` needs AIX 7.2 TL2 or later in the global environment; this one is {g}"
                    ),
                    [Hint::UpdateGlobalOrConvert],
                ));
            }
            if !w.versioned {
                rep.warnings.push(format!(
                    "WPAR `{name}` shows no evidence of being versioned (ostype: {}); migwpar decides",
                    w.ostype.as_deref().unwrap_or("not shown")
                ));
            }
            Ok(vec!["-V".into(), name.into()])
        }
        Mode::Native => {
            if w.private_usr == Some(true) && dir.is_none() {
                return Err(Error::usage(
                    format!(
                        "WPAR `{name}` has a private /usr: migwpar needs the new release's base images (`-d DIR`); without them it prints \"Shared /usr WPAR list: none\" and migrates nothing"
                    ),
                    [Hint::MigrateWithMedia { wpar: name.into() }],
                ));
            }
            let mut args = Vec::new();
            if let Some(d) = dir {
                with_media(rep, d)?;
                args.push("-d".into());
                args.push(d.as_os_str().to_owned());
            }
            args.push(name.into());
            Ok(args)
        }
    }
}

/// Runs migwpar for one WPAR and reads the state afterwards.
pub fn migrate_one(
    aix: &Aix,
    w: &Wpar,
    args: Vec<OsString>,
    rep: &mut OpReport,
    label: &str,
) -> Result<(), Error> {
    let inv = Invocation::new(Program::Migwpar, args);
    rep.ran.push(inv.to_string());
    let (r, class) = aix.run_op(&inv, label)?;
    let (exit, cause) = (class.exit, class.cause);
    rep.result = Some(r);
    let after = read_after(aix, &w.name, rep);
    if exit == Exit::Ok {
        refuse_broken(w, after.as_ref(), &inv.to_string())?;
    }
    if exit != Exit::Ok {
        let mut e = op_error(w, exit, &cause, &inv.to_string());
        if let Error::Operation { hints, .. } = &mut e {
            match exit {
                Exit::Usage => hints.insert(
                    0,
                    Hint::MigrateWithMedia {
                        wpar: w.name.clone(),
                    },
                ),
                Exit::MediaOlder => {
                    let dir = dir_arg(&inv.args);
                    hints.insert(0, Hint::NewerMedia { dir });
                }
                _ => {}
            }
        }
        return Err(e);
    }
    rep.changed = true;
    Ok(())
}

/// The `-d` directory of a migwpar command line (`DIR` when none was given).
fn dir_arg(args: &[OsString]) -> String {
    args.iter()
        .position(|a| a == "-d")
        .and_then(|i| args.get(i + 1))
        .map_or_else(|| "DIR".to_string(), |d| d.to_string_lossy().into_owned())
}
