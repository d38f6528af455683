//! The subcommands: each looks before it acts, runs AIX commands through the executor, reads
//! their output with the parsers and returns a typed report. Nothing here prints results; the
//! reports render themselves through [`crate::render`].
//!
//! Layout: [`session`] sets up a run (executor stack, log, lock directory) and prints its one
//! document; [`queries`] holds the typed AIX queries; [`per_wpar`](mod@per_wpar) the loop over WPARs; this
//! file maps a subcommand to its module.

pub(crate) mod check_media;
pub(crate) mod lifecycle;
pub(crate) mod list;
pub(crate) mod migrate;
pub mod parse_cmd;
pub(crate) mod per_wpar;
pub(crate) mod queries;
pub mod report;
pub mod session;
pub(crate) mod status;
pub(crate) mod sync;
pub(crate) mod upgrade;

use crate::cli::{Command, Target};
use crate::error::Error;
use crate::model::WparName;
pub(crate) use per_wpar::{gate, guarded, per_wpar};
pub(crate) use queries::Ctx;
pub use report::{AllReport, OpReport, Report};
pub use session::run;

/// Does the subcommand run mutating AIX commands (so a live run keeps a log)?
pub fn mutating(c: &Command) -> bool {
    matches!(
        c,
        Command::Start(_)
            | Command::Stop(_)
            | Command::Reboot(_)
            | Command::Migrate(_)
            | Command::Sync(_)
            | Command::Upgrade(_)
    )
}

/// Is this a preview (no mutating command may run)?
pub fn preview(c: &Command) -> bool {
    match c {
        Command::Sync(a) => a.preview,
        Command::Upgrade(a) => a.preview,
        Command::Migrate(a) => a.preview,
        _ => false,
    }
}

/// Subcommand name and target, for log names and error documents.
pub fn describe(c: &Command) -> (&'static str, String) {
    let t = |t: &Target| {
        t.name
            .as_ref()
            .map(WparName::to_string)
            .unwrap_or_else(|| "all".into())
    };
    match c {
        Command::List(_) => ("list", "all".into()),
        Command::Start(a) => ("start", t(&a.target)),
        Command::Stop(a) => ("stop", t(&a.target)),
        Command::Reboot(a) => ("reboot", t(&a.target)),
        Command::Migrate(a) => ("migrate", t(&a.target)),
        Command::Sync(a) => ("sync", t(&a.target)),
        Command::Status(_) => ("status", "all".into()),
        Command::CheckMedia(a) => (
            "check-media",
            match (a.all, a.names.as_slice()) {
                (false, [one]) => one.to_string(),
                _ => "all".into(),
            },
        ),
        Command::Upgrade(a) => ("upgrade", t(&a.target)),
        Command::Parse(_) => ("parse", String::new()),
        Command::Replay(_) => ("replay", String::new()),
        Command::Schema => ("schema", String::new()),
        Command::Logs(a) => ("logs", a.wpar.clone().unwrap_or_default()),
        Command::Completions { .. } => ("completions", String::new()),
        Command::Man(_) => ("man", String::new()),
    }
}

/// Runs the subcommand.
pub fn dispatch(ctx: &Ctx, c: &Command) -> Result<Report, Error> {
    match c {
        Command::List(a) => list::run(ctx, a),
        Command::Start(a) => lifecycle::start(ctx, a),
        Command::Stop(a) => lifecycle::stop(ctx, a),
        Command::Reboot(a) => lifecycle::reboot(ctx, a),
        Command::Migrate(a) => migrate::run(ctx, a),
        Command::Sync(a) => sync::run(ctx, a),
        Command::Status(a) => status::run(ctx, a),
        Command::CheckMedia(a) => check_media::run(ctx, a),
        Command::Upgrade(a) => upgrade::run(ctx, a),
        Command::Parse(_)
        | Command::Replay(_)
        | Command::Logs(_)
        | Command::Schema
        | Command::Completions { .. }
        | Command::Man(_) => Err(Error::Internal(format!(
            "`{}` reached dispatch; it is handled before any executor exists",
            describe(c).0
        ))),
    }
}
