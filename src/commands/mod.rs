//! The subcommands: each looks before it acts, runs AIX commands through the executor, reads
//! their output with the parsers and returns a typed report. Nothing here prints results; the
//! reports render themselves through [`crate::render`].

pub mod check_media;
pub mod lifecycle;
pub mod list;
pub mod migrate;
pub mod parse_cmd;
pub mod report;
pub mod status;
pub mod sync;
pub mod upgrade;

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use clap::CommandFactory;

use crate::classify::classify;
use crate::cli::{Cli, Command, Target};
use crate::error::Error;
use crate::exec::record::{Recording, Target as RecTarget};
use crate::exec::replay::Replay;
use crate::exec::system::{self, System};
use crate::exec::{Executor, Invocation, Output, OutputLine, Program, Termination, run_collect};
use crate::exit::Exit;
use crate::lock::WparLock;
use crate::model::{OsLevel, Wpar, WparName, WparState};
use crate::parse::lslpp::{self, LslppResult};
use crate::parse::lswpar::{LswparParser, LswparResult};
use crate::parse::wparcmd::{OpCommand, OpParser, OpResult};
use crate::parse::{installp_list, oslevel};
use crate::render::{self, Ui};
pub use report::{AllReport, OpReport, Report};

/// How long `clogin … oslevel -s` / `lslpp -Lc` may take before wparup gives up on it (clogin
/// may prompt; AIX-REFERENCE §9 open question 16).
pub const CLOGIN_TIMEOUT: Duration = Duration::from_secs(120);

/// What every subcommand gets.
pub struct Ctx<'a> {
    /// Runs AIX commands.
    pub exec: &'a dyn Executor,
    /// Terminal.
    pub ui: &'a Ui,
    /// Per-WPAR locks are taken here (live runs only).
    pub lock_dir: Option<PathBuf>,
    /// The transcript log of this run.
    pub log: Option<PathBuf>,
}

impl Ctx<'_> {
    /// Takes the WPAR's lock (no-op on replay).
    pub fn lock(&self, wpar: &str) -> Result<Option<WparLock>, Error> {
        match &self.lock_dir {
            Some(d) => WparLock::acquire(d, wpar).map(Some),
            None => Ok(None),
        }
    }

    /// Stops when SIGINT/SIGTERM/SIGHUP arrived.
    pub fn check_interrupted(&self) -> Result<(), Error> {
        if system::interrupted() {
            return Err(Error::Interrupted);
        }
        Ok(())
    }

    /// Runs a read-only command and collects its output (echoed only with `-v`).
    fn collect(&self, inv: &Invocation) -> Result<(Vec<u8>, Termination), Error> {
        self.check_interrupted()?;
        tracing::info!(cmd = %inv, "running");
        Ok(run_collect(self.exec, inv, |_| {})?)
    }

    /// `lswpar -cG [NAMES]`: the general attributes of the WPARs, mapped by header name.
    pub fn lswpar(&self, names: &[&str]) -> Result<LswparResult, Error> {
        let mut args = vec!["-cG".to_string()];
        args.extend(names.iter().map(|s| s.to_string()));
        let inv = Invocation::new(Program::Lswpar, args);
        let (out, end) = self.collect(&inv)?;
        let r = LswparParser::parse(&out, None);
        if !end.success() && r.wpars.is_empty() && r.not_found.is_empty() {
            return Err(Error::Command {
                command: inv.to_string(),
                cause: first_message(&out, &end),
                exit: if r.messages.iter().any(|m| m.id == "0403-006") {
                    Exit::NotAix
                } else {
                    Exit::Failed
                },
            });
        }
        Ok(r)
    }

    /// One WPAR, or `NotFound`.
    pub fn wpar(&self, name: &str) -> Result<Wpar, Error> {
        let r = self.lswpar(&[name])?;
        r.wpars
            .into_iter()
            .find(|w| w.name == name)
            .ok_or_else(|| Error::NotFound {
                wpar: name.to_string(),
            })
    }

    /// Runs a WPAR operation with live echo, progress and parsing; classifies the result.
    pub fn run_op(
        &self,
        inv: &Invocation,
        cmd: OpCommand,
        label: &str,
    ) -> Result<(OpResult, Termination), Error> {
        self.check_interrupted()?;
        self.ui.info(&format!("running `{inv}`"));
        let mut live = LiveOp {
            ui: self.ui,
            parser: OpParser::new(cmd),
            label,
        };
        let end = self.exec.run(inv, &mut live)?;
        let p = live.parser;
        self.ui.done();
        let mut r = p.finish(end.known());
        classify(&mut r, &end);
        if system::interrupted() {
            return Err(Error::Interrupted);
        }
        Ok((r, end))
    }

    /// Runs a mutating command that is not a WPAR operation (`inutoc`): echo, check exit status.
    pub fn run_plain(&self, inv: &Invocation) -> Result<(), Error> {
        self.check_interrupted()?;
        self.ui.info(&format!("running `{inv}`"));
        let mut out = Vec::new();
        let mut echoed = Echoed {
            ui: self.ui,
            also: |l: &OutputLine| {
                out.extend_from_slice(&l.bytes);
                out.push(b'\n');
            },
        };
        let end = self.exec.run(inv, &mut echoed)?;
        self.ui.done();
        if !end.success() {
            return Err(Error::Command {
                command: inv.to_string(),
                cause: first_message(&out, &end),
                exit: Exit::Failed,
            });
        }
        Ok(())
    }

    /// The global environment's level (`oslevel -s`).
    pub fn global_level(&self) -> Result<OsLevel, Error> {
        let inv = Invocation::new(Program::Oslevel, ["-s"]);
        let (out, end) = self.collect(&inv)?;
        let r = oslevel::parse(&out);
        match r.level {
            Some(l) if end.success() || !end.known() => Ok(l),
            _ => Err(Error::Command {
                command: inv.to_string(),
                cause: first_message(&out, &end),
                exit: Exit::Failed,
            }),
        }
    }

    /// A running WPAR's level through `clogin NAME -l root /usr/bin/oslevel -s` (stdin closed,
    /// timeout). `Ok(Err(reason))` when it cannot be read.
    pub fn wpar_level(&self, name: &str) -> Result<Result<OsLevel, String>, Error> {
        let inv = Invocation::new(
            Program::Clogin,
            [name, "-l", "root", "/usr/bin/oslevel", "-s"],
        )
        .timeout(CLOGIN_TIMEOUT);
        let (out, end) = self.collect(&inv)?;
        let r = oslevel::parse(&out);
        Ok(match r.level {
            Some(l) if end.success() || !end.known() => Ok(l),
            _ => Err(format!(
                "`{inv}` did not print a level: {}",
                first_message(&out, &end)
            )),
        })
    }

    /// `lslpp -Lc` in the global environment.
    pub fn global_filesets(&self) -> Result<LslppResult, Error> {
        let inv = Invocation::new(Program::Lslpp, ["-Lc"]);
        let (out, end) = self.collect(&inv)?;
        checked(&inv, &out, &end)?;
        Ok(lslpp::parse(&out))
    }

    /// `clogin NAME -l root /usr/bin/lslpp -Lc`.
    pub fn wpar_filesets(&self, name: &str) -> Result<LslppResult, Error> {
        let inv = Invocation::new(
            Program::Clogin,
            [name, "-l", "root", "/usr/bin/lslpp", "-Lc"],
        )
        .timeout(CLOGIN_TIMEOUT);
        let (out, end) = self.collect(&inv)?;
        checked(&inv, &out, &end)?;
        Ok(lslpp::parse(&out))
    }

    /// `installp -ld DIR`: what the media offer (as installp sees it, through the `.toc`).
    pub fn media_list(&self, dir: &std::path::Path) -> Result<installp_list::MediaList, Error> {
        let inv = Invocation::new(
            Program::Installp,
            ["-ld".to_string(), dir.display().to_string()],
        );
        let (out, end) = self.collect(&inv)?;
        let r = installp_list::parse(&out);
        if !end.success() && end.known() && r.filesets.is_empty() {
            return Err(Error::usage(
                format!(
                    "installp cannot read the media in `{}`: {}",
                    dir.display(),
                    first_message(&out, &end)
                ),
                &[&format!(
                    "run `inutoc {}` to rebuild its .toc, and check that it holds installp images",
                    dir.display()
                )],
            ));
        }
        Ok(r)
    }
}

fn checked(inv: &Invocation, out: &[u8], end: &Termination) -> Result<(), Error> {
    if end.success() || !end.known() {
        return Ok(());
    }
    Err(Error::Command {
        command: inv.to_string(),
        cause: first_message(out, end),
        exit: Exit::Failed,
    })
}

/// The first non-empty output line (lossy), else the termination.
pub fn first_message(out: &[u8], end: &Termination) -> String {
    crate::parse::lines(out)
        .map(|l| render::sanitize(l.trim_ascii()))
        .find(|l| !l.is_empty())
        .map(|l| format!("{l} ({end})"))
        .unwrap_or_else(|| format!("no output ({end})"))
}

/// A WPAR operation's live output: echoed, parsed, shown as progress.
struct LiveOp<'a> {
    ui: &'a Ui,
    parser: OpParser,
    label: &'a str,
}

impl Output for LiveOp<'_> {
    fn line(&mut self, l: &OutputLine) {
        self.ui.echo(l);
        self.parser.push_line(&l.bytes);
        if self.ui.wants_progress() {
            self.ui
                .progress(&progress_text(self.label, self.parser.current()));
        }
    }

    fn idle(&mut self) {
        self.ui.flush();
    }
}

/// Echoed output that is also handed to `also`.
struct Echoed<'a, F: FnMut(&OutputLine)> {
    ui: &'a Ui,
    also: F,
}

impl<F: FnMut(&OutputLine)> Output for Echoed<'_, F> {
    fn line(&mut self, l: &OutputLine) {
        self.ui.echo(l);
        (self.also)(l);
    }

    fn idle(&mut self) {
        self.ui.flush();
    }
}

fn progress_text(label: &str, r: &OpResult) -> String {
    if let Some(p) = r.progress {
        return format!("{label}: filesets {} of {}", p.done, p.total);
    }
    if let Some(s) = r.sections.last() {
        return match (s.index, s.of) {
            (Some(i), Some(n)) => format!("{label}: WPAR {} ({i} of {n})", s.wpar),
            _ => format!("{label}: WPAR {}", s.wpar),
        };
    }
    if r.applying > 0 || r.committing > 0 {
        return format!(
            "{label}: {} applying, {} committing",
            r.applying, r.committing
        );
    }
    format!("{label}: running ({} lines)", r.lines)
}

/// The WPARs a `--all` run goes through, or the one named.
pub fn targets(ctx: &Ctx, t: &Target) -> Result<Vec<String>, Error> {
    match (&t.name, t.all) {
        (Some(n), _) => Ok(vec![n.to_string()]),
        (None, _) => {
            let r = ctx.lswpar(&[])?;
            Ok(r.wpars.into_iter().map(|w| w.name).collect())
        }
    }
}

/// Refuses states in which no operation may start: Transitional (another operation is running)
/// and Broken (an operation failed; only a forced stop helps).
pub fn gate(w: &Wpar, op: &str) -> Result<(), Error> {
    match w.state {
        WparState::Transitional => Err(Error::WrongState {
            wpar: w.name.clone(),
            state: "Transitional".into(),
            why: format!(
                "another administrative operation (start, stop, migrate, sync…) is running on it, so `{op}` must wait"
            ),
            hints: vec![
                format!("wait, then check with `wparup list {}`", w.name),
                format!(
                    "`lswpar -L {}` shows the running operation and its process id (OPERATION section)",
                    w.name
                ),
            ],
        }),
        WparState::Broken => Err(Error::WrongState {
            wpar: w.name.clone(),
            state: "Broken".into(),
            why: "an administrative operation failed and left it unusable".into(),
            hints: vec![
                format!(
                    "force it down with `wparup stop {} --force` (stopwpar -F), then `wparup start {}`",
                    w.name, w.name
                ),
                format!("`wparprnterr {}` prints the errors the WPAR logged", w.name),
                format!(
                    "if it cannot be recovered, `rmwpar -F {}` removes it (destructive)",
                    w.name
                ),
            ],
        }),
        _ => Ok(()),
    }
}

/// Builds the executors, runs the subcommand, prints the report, returns the exit code.
pub fn run(cli: &Cli) -> Result<Exit, Error> {
    let ui = Ui::new(cli.json, cli.quiet, cli.verbose);
    match &cli.command {
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "wparup", &mut buf);
            write_out(render::print_bytes(&buf))?;
            return Ok(Exit::Ok);
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut buf)
                .map_err(|source| Error::Input {
                    path: "man page".into(),
                    source,
                })?;
            write_out(render::print_bytes(&buf))?;
            return Ok(Exit::Ok);
        }
        Command::Parse(a) => {
            let rep = parse_cmd::run(a)?;
            return finish(&ui, &rep);
        }
        _ => {}
    }

    let sys_exec;
    let replay_exec;
    let base: &dyn Executor = match &cli.replay {
        Some(f) => {
            replay_exec = Replay::load(f, cli.replay_lenient)?;
            &replay_exec
        }
        None => {
            let dirs = match &cli.bin_dir {
                Some(d) => vec![d.clone()],
                None => vec![PathBuf::from("/usr/sbin"), PathBuf::from("/usr/bin")],
            };
            sys_exec = System::new(dirs);
            &sys_exec
        }
    };
    let (name, wpar) = describe(&cli.command);
    let header = |extra: &str| {
        let now = SystemTime::now();
        vec![
            ("host", crate::sys::hostname()),
            ("date", crate::paths::iso_utc(now)),
            ("wparup", env!("CARGO_PKG_VERSION").to_string()),
            ("source", format!("wparup {name} {wpar}{extra}")),
            (
                "mode",
                if base.is_live() { "live" } else { "replay" }.to_string(),
            ),
        ]
    };
    let mut targets = Vec::new();
    if let Some(r) = &cli.record {
        targets.push(RecTarget::create(r, &header(" (--record)"))?);
    }
    let mut log = None;
    if base.is_live() && mutating(&cli.command) {
        let dir = crate::paths::log_dir(cli.log_dir.as_deref());
        std::fs::create_dir_all(&dir).map_err(|e| {
            Error::usage(
                format!("cannot create the log directory `{}`: {e}", dir.display()),
                &["choose another with `--log-dir DIR` (env WPARUP_LOG_DIR)"],
            )
        })?;
        let file = dir.join(format!(
            "{}-{name}-{wpar}-{}.txt",
            crate::paths::stamp_utc(SystemTime::now()),
            std::process::id()
        ));
        targets.push(RecTarget::create(&file, &header(""))?);
        log = Some(file);
    }
    let recording;
    let exec: &dyn Executor = if targets.is_empty() {
        base
    } else {
        recording = Recording::new(base, targets);
        &recording
    };
    let lock_dir = base
        .is_live()
        .then(|| crate::paths::lock_dir(cli.lock_dir.as_deref()));
    let ctx = Ctx {
        exec,
        ui: &ui,
        lock_dir,
        log: log.clone(),
    };
    if let Some(l) = &log {
        ui.info(&format!("log: {}", l.display()));
    }
    let res = dispatch(&ctx, &cli.command);
    let fin = exec.finish();
    let rep = match res {
        Ok(r) => r,
        Err(e) => {
            if let Some(l) = &log {
                ui.info(&format!("log: {}", l.display()));
            }
            return Err(e);
        }
    };
    fin?;
    finish(&ui, &rep)
}

fn write_out(r: std::io::Result<()>) -> Result<(), Error> {
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(source) => Err(Error::Input {
            path: "stdout".into(),
            source,
        }),
    }
}

fn finish(ui: &Ui, rep: &Report) -> Result<Exit, Error> {
    let r = if ui.json {
        rep.print_json()
    } else {
        render::print_text(&rep.human())
    };
    write_out(r)?;
    Ok(rep.exit())
}

fn mutating(c: &Command) -> bool {
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
        Command::CheckMedia(a) => ("check-media", a.name.to_string()),
        Command::Upgrade(a) => ("upgrade", t(&a.target)),
        Command::Parse(_) => ("parse", String::new()),
        Command::Completions { .. } => ("completions", String::new()),
        Command::Man => ("man", String::new()),
    }
}

fn dispatch(ctx: &Ctx, c: &Command) -> Result<Report, Error> {
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
        Command::Parse(_) | Command::Completions { .. } | Command::Man => {
            Err(Error::usage("internal: handled before dispatch", &[]))
        }
    }
}

/// Runs one WPAR operation under its lock; failures that concern only this WPAR become part of
/// its report (so `--all` can go on and JSON stays one document), while executor failures and
/// interruptions end the whole run.
pub fn guarded(
    ctx: &Ctx,
    command: &str,
    name: &str,
    body: impl FnOnce(&mut OpReport) -> Result<(), Error>,
) -> Result<OpReport, Error> {
    let mut rep = OpReport::new(command, name, ctx.log.as_ref());
    let lock = match ctx.lock(name) {
        Ok(l) => l,
        Err(e) => return Ok(rep.failed(&e)),
    };
    let res = body(&mut rep);
    drop(lock);
    match res {
        Ok(()) => Ok(rep),
        Err(e @ (Error::Exec(_) | Error::Interrupted)) => Err(e),
        Err(
            e @ Error::Command {
                exit: Exit::NotAix, ..
            },
        ) => Err(e),
        Err(e) => Ok(rep.failed(&e)),
    }
}

/// The shape shared by the WPAR subcommands: for each target, under its lock, read the WPAR
/// with lswpar, record its state in the report, then run `body` with a progress label.
pub fn per_wpar(
    ctx: &Ctx,
    command: &str,
    t: &Target,
    stop_on_failure: bool,
    mut body: impl FnMut(&Wpar, &mut OpReport, &str) -> Result<(), Error>,
) -> Result<Report, Error> {
    for_each_target(
        ctx,
        command,
        t,
        |name, i, n| {
            guarded(ctx, command, name, |rep| {
                let w = ctx.wpar(name)?;
                rep.before(&w);
                body(&w, rep, &format!("{command} {name} ({i}/{n})"))
            })
        },
        stop_on_failure,
    )
}

/// Runs `one` for each target: a single report for one WPAR, a table for `--all`.
pub fn for_each_target(
    ctx: &Ctx,
    command: &str,
    t: &Target,
    mut one: impl FnMut(&str, usize, usize) -> Result<OpReport, Error>,
    stop_on_failure: bool,
) -> Result<Report, Error> {
    let names = targets(ctx, t)?;
    if !t.all {
        let name = names.first().cloned().unwrap_or_default();
        return Ok(Report::Op(Box::new(one(&name, 1, 1)?)));
    }
    let mut results = Vec::new();
    let n = names.len();
    for (i, name) in names.iter().enumerate() {
        ctx.check_interrupted()?;
        let r = one(name, i + 1, n)?;
        let failed = !r.exit.is_ok();
        results.push(r);
        if failed && stop_on_failure {
            for rest in names.iter().skip(i + 1) {
                let mut s = OpReport::new(command, rest, ctx.log.as_ref());
                s.skipped = Some("not run: an earlier WPAR failed (use --keep-going)".into());
                results.push(s);
            }
            break;
        }
    }
    Ok(Report::All(AllReport::new(
        command,
        results,
        ctx.log.as_ref(),
    )))
}
