//! The verbs: one file per subcommand that talks to AIX, each a recipe of
//! [`steps`](crate::steps) over the WPARs it is given ([`each_wpar`](crate::each_wpar)),
//! returning a typed [`Report`]. Nothing here prints; no verb imports another.
//!
//! `parse` (which reads a file, not AIX) lives here too; the subcommands that need no executor
//! at all (completions, man, schema, logs, replay of a log) are answered by the
//! [`session`](crate::session).

pub(crate) mod backup;
pub(crate) mod check_media;
pub(crate) mod list;
pub(crate) mod migrate;
pub mod parse;
pub(crate) mod reboot;
pub(crate) mod replay;
pub(crate) mod restore;
pub(crate) mod start;
pub(crate) mod status;
pub(crate) mod stop;
pub(crate) mod sync;
pub(crate) mod upgrade;
pub(crate) mod verify;

use crate::aix::Aix;
use crate::cli::Command;
use crate::error::Error;
use crate::report::Report;

/// Runs a subcommand that talks to AIX.
pub(crate) fn dispatch(aix: &Aix, c: &Command) -> Result<Report, Error> {
    match c {
        Command::List(a) => list::run(aix, a),
        Command::Start(a) => start::run(aix, a),
        Command::Stop(a) => stop::run(aix, a),
        Command::Reboot(a) => reboot::run(aix, a),
        Command::Migrate(a) => migrate::run(aix, a),
        Command::Sync(a) => sync::run(aix, a),
        Command::Status(a) => status::run(aix, a),
        Command::CheckMedia(a) => check_media::run(aix, a),
        Command::Upgrade(a) => upgrade::run(aix, a),
        Command::Backup(a) => backup::run(aix, a),
        Command::Verify(a) => verify::run(aix, a),
        Command::Restore(a) => restore::run(aix, a),
        Command::Parse(_)
        | Command::Replay(_)
        | Command::Logs(_)
        | Command::Backups(_)
        | Command::Schema
        | Command::Completions { .. }
        | Command::Man(_) => Err(Error::Internal(format!(
            "`{}` reached dispatch; it is handled before any executor exists",
            c.name()
        ))),
    }
}
