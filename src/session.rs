//! One wparup run: opens the executor stack (system or replay, media scanner, recording,
//! guard), the log and the lock directory; dispatches the subcommand to its verb; closes (log
//! policy, a replay's unused steps) and prints the run's one document (text, or the JSON
//! envelope) — also when the run ends in an error.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::SystemTime;

use clap::CommandFactory;

use crate::aix::Aix;
use crate::cli::{Cli, Command};
use crate::commands::dispatch;
use crate::error::{Error, error_chain};
use crate::exec::guard::Guard;
use crate::exec::record::{RecordFile, Recording};
use crate::exec::replay::Replay;
use crate::exec::system::System;
use crate::exec::{ExecError, Executor};
use crate::exit::Exit;
use crate::hints::Hint;
use crate::lock::LockWatch;
use crate::media::Scanner;
use crate::render::{self, Ui};
use crate::report::errors::{print_error, print_json_error};
use crate::report::{LogsReport, Report, RunInfo, outcome};
use crate::shell::argv_join;

/// Runs the command line `cli` (whose raw form is `argv`), prints its result, and returns the
/// process exit code. Never fails: an error becomes its own document.
pub fn run(cli: &Cli, argv: &[OsString]) -> Exit {
    let ui = Ui::new(cli.json, cli.quiet, cli.verbose);
    let mut info = RunInfo {
        replay: cli.replay.as_ref().map(|p| p.display().to_string()),
        print_outcome: cli.print_outcome,
        ..RunInfo::default()
    };
    if let (true, Some(f)) = (cli.replay_from_env, &cli.replay) {
        // A variable left in root's environment must never pass for a live run: said always.
        let w = format!(
            "WPARUP_REPLAY is set: this run replays `{}`, no AIX command runs (unset it for a live run)",
            f.display()
        );
        render::print_warning(&w);
        info.warnings.push(w);
    }
    match run_inner(cli, argv, &ui, &mut info) {
        Ok(exit) => exit,
        Err(e) => {
            if let Some(l) = &info.log {
                ui.info(&format!("log: {l}"));
            }
            if info.print_outcome {
                let _ = render::print_text(&(outcome::of_error(&e).join("\n") + "\n"));
                return e.exit();
            }
            let name = info.command.unwrap_or_else(|| cli.command.name());
            print_error(&e, cli.json, name, &info);
            e.exit()
        }
    }
}

fn run_inner(cli: &Cli, argv: &[OsString], ui: &Ui, info: &mut RunInfo) -> Result<Exit, Error> {
    if !cli.command.needs_executor() {
        return without_executor(cli, ui, info);
    }
    let system;
    let replay;
    let base: &dyn Executor = match &cli.replay {
        Some(f) => {
            replay = Replay::load(f, cli.replay_lenient)?;
            &replay
        }
        None => {
            let dirs = match &cli.bin_dir {
                Some(d) => vec![d.clone()],
                None => vec![PathBuf::from("/usr/sbin"), PathBuf::from("/usr/bin")],
            };
            system = System::new(dirs).with_child_watch(std::sync::Arc::new(LockWatch));
            &system
        }
    };
    let scanner = Scanner::new(base);
    let started = SystemTime::now();
    let records = Records::open(cli, argv, base.is_live(), started)?;
    info.log = records.log.as_ref().map(|p| p.display().to_string());
    let has_targets = !records.targets.is_empty();
    let recording = Recording::new(&scanner, records.targets);
    let stack: &dyn Executor = if has_targets { &recording } else { &scanner };
    let guard = Guard::new(stack);
    guard.set_preview(cli.command.is_preview());
    let lock_dir = match base.is_live() && cli.command.takes_locks() {
        true => Some(crate::paths::lock_dir(cli.lock_dir.as_deref())?),
        false => None,
    };
    tracing::debug!(log = ?info.log, ?lock_dir, live = base.is_live(), "session");
    let mut aix = Aix::new(&guard, ui, cli, argv, lock_dir, records.log.clone());
    aix.stamp = run_stamp(cli, started);
    let res = dispatch(&aix, &cli.command);
    if has_targets {
        // Every log and `--record` transcript ends with what the run concluded.
        recording.outcome(&outcome::digest(&res));
    }
    let fin = guard.finish();
    info.changed = guard.changes() > 0;
    if has_targets {
        // A log that no step reached was never created: say so nowhere.
        if let Some(p) = &records.log
            && !recording.created(p)
        {
            info.log = None;
        }
        for w in recording.failures() {
            ui.warn(&w);
            info.warnings.push(w);
        }
    }
    close(
        ui,
        info,
        res,
        fin,
        records.log.as_deref(),
        &cli.command.target(),
    )
}

/// The transcripts a run writes: `--record FILE`, and on a live mutating run its log.
struct Records {
    targets: Vec<RecordFile>,
    log: Option<PathBuf>,
}

impl Records {
    fn open(
        cli: &Cli,
        argv: &[OsString],
        live: bool,
        started: SystemTime,
    ) -> Result<Records, Error> {
        let header = |note: &str| {
            let mut h = vec![
                ("host", crate::sys::hostname()),
                ("date", crate::paths::iso_utc(started)),
                ("wparup", env!("CARGO_PKG_VERSION").to_string()),
                ("argv", argv_join(argv)),
                ("mode", if live { "live" } else { "replay" }.to_string()),
            ];
            if !note.is_empty() {
                h.push(("note", note.to_string()));
            }
            h
        };
        let mut targets = Vec::new();
        if let Some(r) = &cli.record {
            if let Some(p) = &cli.replay
                && same_file(p, r)
            {
                return Err(Error::usage(
                    format!(
                        "`--record {}` would overwrite the transcript being replayed",
                        r.display()
                    ),
                    [Hint::RecordElsewhere],
                ));
            }
            let mut t = RecordFile::new(r, &header("written by --record"));
            t.open().map_err(|source| ExecError::Record {
                path: r.clone(),
                source,
            })?;
            targets.push(t);
        }
        let mut log = None;
        if live && cli.command.is_mutating() {
            let dir = crate::paths::log_dir(cli.log_dir.as_deref())?;
            let file = dir.join(format!(
                "{}-{}-{}-{}.txt",
                crate::paths::stamp_utc(SystemTime::now()),
                cli.command.name(),
                cli.command.target(),
                std::process::id()
            ));
            // Created (0600) when the first command starts: a run refused before leaves no log.
            targets.push(RecordFile::log(&file, &header("")));
            log = Some(file);
        }
        Ok(Records { targets, log })
    }
}

/// The end of a run with an executor: the log policy, then the one document, or the error
/// (a replay that stopped short names the step wparup did not reach, and why).
fn close(
    ui: &Ui,
    info: &mut RunInfo,
    res: Result<Report, Error>,
    fin: Result<(), ExecError>,
    log_path: Option<&std::path::Path>,
    wpar: &str,
) -> Result<Exit, Error> {
    let res = res.map(|mut rep| {
        if info.log.is_none() {
            rep.clear_log();
        }
        rep
    });
    // The documented policy: a WPAR keeps its newest logs::KEEP logs.
    if info.log.is_some()
        && let Some(dir) = log_path.and_then(|p| p.parent())
        && let Err(e) = crate::logs::prune(dir, Some(wpar), crate::logs::KEEP)
    {
        tracing::warn!("could not prune old logs in {}: {e}", dir.display());
    }
    match (res, fin) {
        (Ok(rep), Ok(())) => finish(ui, rep, info),
        // The replay stopped short: name the step wparup did not reach and why it stopped
        // (unless the run's own error already is about the transcript).
        (
            res,
            Err(ExecError::Leftover {
                because: None,
                file,
                remaining,
                line,
                next,
            }),
        ) if res
            .as_ref()
            .err()
            .is_none_or(|e| e.exit() != Exit::Transcript) =>
        {
            let because = match &res {
                Ok(rep) => report_error(rep),
                Err(e) => Some(error_chain(e)),
            };
            Err(Error::Exec(ExecError::Leftover {
                because,
                file,
                remaining,
                line,
                next,
            }))
        }
        (Ok(_), Err(e)) => Err(e.into()),
        (Err(e), _) => Err(e),
    }
}

/// The subcommands answered without an executor: completions, man, schema, parse, logs, and
/// `replay LOG` (which runs the log's own command line against it).
fn without_executor(cli: &Cli, ui: &Ui, info: &mut RunInfo) -> Result<Exit, Error> {
    // These print a document of their own (roff, a shell script, the schema): with `--json` the
    // caller expects the envelope, and gets it, with a usage error (J2, J3).
    if cli.json
        && matches!(
            cli.command,
            Command::Completions { .. } | Command::Man(_) | Command::Schema
        )
    {
        return Err(Error::usage(
            format!(
                "`wparup {}` prints its own document (not JSON output of a run): leave out `--json`",
                cli.command.name()
            ),
            [Hint::Help {
                command: Some(cli.command.name().to_string()),
            }],
        ));
    }
    match &cli.command {
        Command::Completions { shell } => {
            let buf = crate::completions::script(*shell)?;
            write_out(render::print_bytes(&buf)).map(|()| Exit::Ok)
        }
        Command::Man(a) => {
            let pages = crate::manpages::pages()?;
            if let Some(dir) = &a.dir {
                for (name, text) in &pages {
                    let path = dir.join(format!("{name}.1"));
                    std::fs::write(&path, text).map_err(|e| {
                        Error::environment(
                            format!("cannot write `{}`: {e}", path.display()),
                            [Hint::WritableManDir],
                        )
                    })?;
                }
                ui.info(&format!(
                    "wrote {} man pages to {}",
                    pages.len(),
                    dir.display()
                ));
                return Ok(Exit::Ok);
            }
            let want = match &a.subcommand {
                Some(s) => format!("wparup-{s}"),
                None => "wparup".into(),
            };
            let Some((_, text)) = pages.iter().find(|(n, _)| *n == want) else {
                return Err(Error::usage(
                    format!(
                        "no man page for `{}`",
                        a.subcommand.as_deref().unwrap_or("")
                    ),
                    [Hint::ListSubcommands],
                ));
            };
            write_out(render::print_bytes(text.as_bytes())).map(|()| Exit::Ok)
        }
        Command::Schema => {
            let text = crate::schema::json_schema_text();
            write_out(render::print_text(&text)).map(|()| Exit::Ok)
        }
        Command::Parse(a) => {
            let rep = crate::commands::parse::run(a)?;
            finish(ui, rep, info)
        }
        Command::Logs(a) => finish(ui, logs_report(cli, a)?, info),
        Command::Backups(a) => finish(ui, backups_report(a)?, info),
        Command::Replay(a) if a.check => {
            let rep = crate::commands::replay::check(a)?;
            finish(ui, rep, info)
        }
        Command::Replay(a) => {
            let [file] = a.files.as_slice() else {
                return Err(Error::usage(
                    format!(
                        "`wparup replay` replays one log ({} given): several logs or directories go with `--check`",
                        a.files.len()
                    ),
                    [Hint::Help {
                        command: Some("replay".into()),
                    }],
                ));
            };
            let (inner, inner_argv) = replay_cli(cli, file)?;
            info.replay = Some(file.display().to_string());
            info.command = Some(inner.command.name());
            let ui = Ui::new(inner.json, inner.quiet, inner.verbose);
            run_inner(&inner, &inner_argv, &ui, info)
        }
        other => Err(Error::Internal(format!(
            "`{}` needs an executor",
            other.name()
        ))),
    }
}

/// Do two paths name the same file (the second may not exist yet)?
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The first error message of a report, if it failed.
fn report_error(rep: &Report) -> Option<String> {
    match rep {
        Report::Op(r) => r.error.as_ref().map(|e| e.message.clone()),
        Report::All(r) => r.results.iter().find_map(|x| {
            x.error
                .as_ref()
                .map(|e| format!("{}: {}", x.wpar, e.message))
        }),
        _ => None,
    }
}

/// `wparup replay LOG`: the command line recorded in the log's `#! argv:` header, run against
/// the log. Output options given to `replay` (`--json`, `-q`, `-v`) are added to it.
fn replay_cli(outer: &Cli, file: &std::path::Path) -> Result<(Cli, Vec<OsString>), Error> {
    let recorded = crate::transcript::read_argv(file).map_err(ExecError::from)?;
    // The recorded line, replayed against the log (`--replay LOG` before the subcommand).
    let mut argv = recorded.clone();
    argv.splice(
        1..1,
        [OsString::from("--replay"), file.as_os_str().to_owned()],
    );
    let mut inner = crate::cli::parse(&argv).map_err(|e| {
        Error::Exec(ExecError::Transcript(
            crate::transcript::TranscriptError::Header {
                file: file.to_path_buf(),
                message: format!(
                    "its recorded command line does not parse: {}",
                    e.to_string().lines().next().unwrap_or_default()
                ),
            },
        ))
    })?;
    if matches!(inner.command, Command::Replay(_)) {
        return Err(Error::usage(
            format!("`{}` records a `wparup replay` run", file.display()),
            [Hint::ReplayOriginal],
        ));
    }
    inner.replay = Some(file.to_path_buf());
    inner.replay_lenient |= outer.replay_lenient;
    inner.record = None;
    inner.json |= outer.json;
    inner.quiet |= outer.quiet;
    inner.verbose = inner.verbose.max(outer.verbose);
    Ok((inner, recorded))
}

/// The options that choose how the AIX commands run: before the subcommand only.
const RUN_OPTIONS: [&str; 6] = [
    "--replay",
    "--replay-lenient",
    "--record",
    "--bin-dir",
    "--log-dir",
    "--lock-dir",
];

/// A command line clap refused (or `--help`/`--version`): clap's own text on stderr (or stdout
/// for help), and with `--json` anywhere on the line, the envelope too. Exit 2 for errors.
pub fn command_line_error(e: &clap::Error, argv: &[OsString]) -> Exit {
    use clap::error::ErrorKind;
    if e.kind() == ErrorKind::DisplayHelp {
        let width = crate::sys::terminal_width(1)
            .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
            .unwrap_or(100)
            .clamp(40, 100);
        let text = crate::render::wrap(&e.render().to_string(), width);
        let _ = render::print_text(&text);
        return Exit::Ok;
    }
    if e.kind() == ErrorKind::DisplayVersion {
        let _ = e.print();
        return Exit::Ok;
    }
    // A run option placed after the subcommand: clap's tip ("use '-- --replay'") would pass it
    // as a WPAR name. Say where it goes instead.
    let misplaced = (e.kind() == ErrorKind::UnknownArgument)
        .then(|| e.get(clap::error::ContextKind::InvalidArg))
        .flatten()
        .map(ToString::to_string)
        .filter(|a| {
            let flag = a.split('=').next().unwrap_or(a);
            RUN_OPTIONS.contains(&flag)
        });
    let message = match &misplaced {
        Some(a) => {
            let flag = a.split('=').next().unwrap_or(a).to_string();
            let text = format!(
                "`{flag}` chooses how the AIX commands run: it goes before the subcommand, e.g. `wparup {flag} … sync wp_name`"
            );
            render::print_warning_line(&format!("error: {text}"));
            text
        }
        None => {
            let _ = e.print();
            // The first line, and the lines that detail it (`  <NAME>...`): the missing or
            // wrong argument is named, not only "the following required arguments …".
            let rendered = e.render().to_string();
            let mut lines = rendered.lines();
            let mut m = lines
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ")
                .to_string();
            for l in lines {
                if !l.starts_with("  ") || l.trim().starts_with("tip:") {
                    break;
                }
                m.push(' ');
                m.push_str(l.trim());
            }
            m
        }
    };
    let json = argv.iter().skip(1).any(|a| a == "--json");
    if json {
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        let command = argv
            .iter()
            .skip(1)
            .filter_map(|a| a.to_str())
            .find(|a| names.iter().any(|n| n == a))
            .unwrap_or("wparup")
            .to_string();
        let hint = Hint::Help {
            command: (command != "wparup").then(|| command.clone()),
        };
        let err = Error::Usage {
            message,
            hints: vec![hint],
        };
        print_json_error(&err, &command, &RunInfo::default());
    }
    Exit::Usage
}

/// Maps a failed write of the result: a closed pipe (`| head -1`) is not an error; anything
/// else is the local environment's.
fn write_out(r: std::io::Result<()>) -> Result<(), Error> {
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::environment(
            format!("cannot write stdout: {e}"),
            [Hint::CheckStdout],
        )),
    }
}

/// Prints the report (text or the JSON envelope) and returns its exit code; a closed stdout
/// keeps that code.
fn finish(ui: &Ui, rep: Report, info: &RunInfo) -> Result<Exit, Error> {
    let r = if info.print_outcome {
        render::print_text(&(outcome::of_report(&rep).join("\n") + "\n"))
    } else if ui.json {
        rep.print_json(info)
    } else {
        let mut text = rep.human();
        if let Some(r) = &info.replay {
            text.push_str(&format!("replay: {r}\n"));
        }
        render::print_text(&text)
    };
    let exit = rep.exit();
    // The run ends with its report: what it holds (a parse keeps up to 50,000 summary rows and
    // 10,000 messages) is left to the process's end instead of being freed piece by piece,
    // which costs a large parse more than reading a tenth of its log.
    std::mem::forget(rep);
    write_out(r)?;
    Ok(exit)
}

/// `wparup logs`: the log directory's logs (of one WPAR), pruned first when asked.
fn logs_report(cli: &Cli, a: &crate::cli::LogsArgs) -> Result<Report, Error> {
    let dir = crate::paths::log_dir(cli.log_dir.as_deref())?;
    let io = |e: std::io::Error| {
        Error::environment(
            format!("cannot read the log directory `{}`: {e}", dir.display()),
            [Hint::ChooseLogDir],
        )
    };
    let pruned = if a.prune {
        crate::logs::prune(&dir, a.wpar.as_deref(), a.keep).map_err(io)?
    } else {
        Vec::new()
    };
    let entries = crate::logs::list(&dir, a.wpar.as_deref()).map_err(io)?;
    Ok(Report::Logs(LogsReport {
        log_dir: dir.display().to_string(),
        entries,
        pruned: pruned.iter().map(|p| p.display().to_string()).collect(),
    }))
}

/// `wparup backups`: the images wparup made in a directory.
fn backups_report(a: &crate::cli::BackupsArgs) -> Result<Report, Error> {
    crate::steps::backup::check_dir(&a.dir)?;
    let entries =
        crate::steps::backup::list(&a.dir, a.wpar.as_ref().map(|w| w.as_str())).map_err(|e| {
            Error::environment(
                format!(
                    "cannot read the backup directory `{}`: {e}",
                    a.dir.display()
                ),
                [Hint::BackupDir {
                    dir: a.dir.display().to_string(),
                }],
            )
        })?;
    Ok(Report::Backups(crate::report::BackupsReport {
        dir: a.dir.display().to_string(),
        entries,
    }))
}

/// The run's time as names use it (`YYYYMMDDTHHMMSSZ`): now for a live run (the log's `date`),
/// the recorded run's `#! date:` for a replay, so that a replay asks for the same backup image
/// names the run used.
fn run_stamp(cli: &Cli, started: SystemTime) -> String {
    cli.replay
        .as_deref()
        .and_then(|p| {
            crate::transcript::read_header_value(p, "date")
                .ok()
                .flatten()
        })
        .map(|d| {
            d.chars()
                .filter(|c| *c != '-' && *c != ':')
                .collect::<String>()
        })
        .filter(|d| d.len() == 16 && d.ends_with('Z'))
        .unwrap_or_else(|| crate::paths::stamp_utc(started))
}
