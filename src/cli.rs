//! Command-line definitions (clap derive). Only parsing lives here; `commands` does the work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::model::WparName;
use crate::program::Program;

/// A duration such as `90s`, `20m`, `2h` or `1h30m` (a bare number is seconds).
fn duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    if let Ok(secs) = s.parse::<u64>() {
        return Ok(std::time::Duration::from_secs(secs));
    }
    humantime::parse_duration(s)
        .map_err(|e| format!("`{s}` is not a duration ({e}): use e.g. 90s, 20m, 2h"))
}

/// `auto` or one of [`Program::PARSED`].
fn family(s: &str) -> Result<String, String> {
    if s == "auto" {
        return Ok(s.to_string());
    }
    Program::parsed_from_name(s)
        .map(|p| p.name().to_string())
        .ok_or_else(|| {
            let names: Vec<&str> = Program::PARSED.iter().map(|p| p.name()).collect();
            format!(
                "`{s}` is not a command wparup parses: use auto, {}",
                names.join(", ")
            )
        })
}

fn wpar_name(s: &str) -> Result<WparName, String> {
    s.parse::<WparName>().map_err(|e| e.to_string())
}

/// Keep AIX workload partitions (WPARs) at the global system's level after a migration or update.
///
/// wparup wraps lswpar, startwpar, stopwpar, rebootwpar, migwpar and syncwpar: it checks before it
/// acts, reads their output into typed results, says what to do next, and gives scripts stable
/// exit codes and JSON. Every live run keeps its full transcript in a log directory.
///
/// The options that choose how AIX commands run (--replay, --record, --bin-dir, --log-dir,
/// --lock-dir) come before the subcommand; --json, -v and -q go anywhere.
#[derive(Debug, Parser)]
#[command(name = "wparup", version, after_long_help = crate::exit::Exit::table())]
pub struct Cli {
    /// Print exactly one JSON document on stdout (everything else goes to stderr).
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,

    /// More diagnostics on stderr: -v what runs (info), -vv how (debug), -vvv every output line
    /// (trace); WPARUP_LOG or RUST_LOG (tracing filters) also work.
    #[arg(short, long, action = clap::ArgAction::Count, global = true, help_heading = "Global options", conflicts_with = "quiet")]
    pub verbose: u8,

    /// Print only the final summary (no live command output, no progress line).
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub quiet: bool,

    /// Replay the AIX commands from a transcript instead of running them.
    #[arg(long, env = "WPARUP_REPLAY", value_name = "FILE")]
    pub replay: Option<PathBuf>,

    /// Print the run's outcome lines (`#! outcome:` of a log) instead of its document: how
    /// `replay --check` reads the replay of each log, in a process of its own.
    #[arg(long, global = true, hide = true)]
    pub print_outcome: bool,

    /// The replay was asked for by `WPARUP_REPLAY` in the environment, not on the command line
    /// (the run then says so on stderr, whatever `-q`).
    #[arg(skip)]
    pub replay_from_env: bool,

    /// With --replay: do not fail when the transcript has unused steps at the end.
    #[arg(long, requires = "replay")]
    pub replay_lenient: bool,

    /// Also write every command wparup runs, with its output, to this transcript.
    #[arg(long, env = "WPARUP_RECORD", value_name = "FILE")]
    pub record: Option<PathBuf>,

    /// Directory holding the AIX commands [default: /usr/sbin, then /usr/bin].
    #[arg(long, env = "WPARUP_BIN_DIR", value_name = "DIR")]
    pub bin_dir: Option<PathBuf>,

    /// Where live runs keep their transcripts [root: /var/adm/wparup; others:
    /// ~/.local/state/wparup/logs].
    #[arg(long, env = "WPARUP_LOG_DIR", value_name = "DIR")]
    pub log_dir: Option<PathBuf>,

    /// Where the per-WPAR lock files live [root: /var/locks/wparup; others:
    /// ~/.local/state/wparup/locks].
    #[arg(long, env = "WPARUP_LOCK_DIR", value_name = "DIR")]
    pub lock_dir: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The clap command, its help wrapped to the terminal (clap's `wrap_help` feature does not
/// build for AIX, so the width comes from wparup's own TIOCGWINSZ, then `COLUMNS`, at most 100).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let width = crate::sys::terminal_width(1)
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(100)
        .clamp(40, 100);
    Cli::command().term_width(width)
}

/// Parses a command line: clap, then the combinations clap cannot express (the run options on
/// subcommands that run no AIX command).
pub fn parse(argv: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    use clap::parser::ValueSource;
    let mut cmd = command();
    let m = cmd.try_get_matches_from_mut(argv)?;
    let mut cli = Cli::from_arg_matches(&m)?;
    cli.replay_from_env = m.value_source("replay") == Some(ValueSource::EnvVariable);
    let sub = m.subcommand_name().unwrap_or("");
    // clap's `requires` is satisfied by a flag's default value, so check this one here.
    if let Some((_, sm)) = m.subcommand()
        && sm.try_get_one::<bool>("keep_going").ok().flatten() == Some(&true)
        && sm.try_get_one::<bool>("all").ok().flatten() != Some(&true)
        && sm
            .try_get_many::<WparName>("names")
            .ok()
            .flatten()
            .is_none_or(|n| n.count() < 2)
    {
        return Err(cmd.error(
            clap::error::ErrorKind::MissingRequiredArgument,
            format!(
                "`--keep-going` goes with several WPARs or `--all`: `wparup {sub} --all --keep-going`"
            ),
        ));
    }
    // `upgrade --jobs` reads ahead only for a preview of every WPAR (a real run reads each WPAR
    // just before it changes it).
    if let Some(("upgrade", sm)) = m.subcommand()
        && sm.value_source("jobs") == Some(ValueSource::CommandLine)
        && !(sm.get_flag("all") && sm.get_flag("preview"))
    {
        return Err(cmd.error(
            clap::error::ErrorKind::MissingRequiredArgument,
            "`--jobs` goes with `--all --preview` on upgrade (a real run reads each WPAR just before it changes it): `wparup upgrade --all --preview --jobs N …`",
        ));
    }
    // `--replay` and `--record` would promise a transcript a local subcommand never touches:
    // refused. The directories (`--bin-dir`, `--log-dir`, `--lock-dir`) are accepted and
    // ignored there, so `alias wparup='wparup --bin-dir …'` works for every subcommand.
    let runs_nothing = ["parse", "man", "completions", "schema", "replay", "logs"];
    if runs_nothing.contains(&sub) {
        for (id, flag) in [("replay", "--replay"), ("record", "--record")] {
            if m.value_source(id) == Some(ValueSource::CommandLine) {
                return Err(cmd.error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!("`{flag}` means nothing for `wparup {sub}`, which runs no AIX command: leave it out"),
                ));
            }
        }
    }
    Ok(cli)
}

/// The WPARs a mutating subcommand acts on: the ones named, or all of them.
#[derive(Debug, Clone, Args)]
pub struct Target {
    /// The WPARs, one after another in the order given
    #[arg(
        value_parser = wpar_name,
        value_name = "NAME",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub names: Vec<WparName>,
    /// Every WPAR the operation applies to, one after another; it stops at the first that
    /// fails (the rest are listed as not run) unless --keep-going.
    #[arg(long)]
    pub all: bool,
    /// With --all: leave this WPAR out (repeatable)
    #[arg(long, value_name = "NAME", value_parser = wpar_name, requires = "all")]
    pub exclude: Vec<WparName>,
    /// With several WPARs: go on with the next WPAR after a failure.
    #[arg(long)]
    pub keep_going: bool,
}

impl Target {
    /// One report (a single WPAR named) or a table (several, or `--all`)?
    pub fn is_table(&self) -> bool {
        self.all || self.names.len() > 1
    }

    /// For log file names: the one WPAR, `all`, or the names joined with `+` (a character no
    /// WPAR name may hold).
    pub fn label(&self) -> String {
        if self.all {
            return "all".into();
        }
        self.names
            .iter()
            .map(WparName::to_string)
            .collect::<Vec<_>>()
            .join("+")
    }
}

/// Stop options shared by stop and reboot.
#[derive(Debug, Clone, Default, Args)]
pub struct StopOpts {
    /// Force: kill processes harder and unmount remote file systems (stopwpar -F). A WPAR whose
    /// processes still cannot be stopped stays Broken.
    #[arg(long)]
    pub force: bool,
    /// Hard stop (-h; AIX's default timeout is then 60 s).
    #[arg(long)]
    pub hard: bool,
    /// Give up after this long (-t, in seconds: `120`, `2m`; AIX's default is 600); `0` waits
    /// as long as it takes, like --no-timeout
    #[arg(long, value_name = "DURATION", value_parser = duration, conflicts_with = "no_timeout")]
    pub timeout: Option<std::time::Duration>,
    /// Wait as long as it takes (-N).
    #[arg(long)]
    pub no_timeout: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List WPARs: state, type, private /usr, rootvg, versioned, directory.
    #[command(
        after_help = "Examples:\n  wparup list\n  wparup list --state defined --json\n  wparup list wp_name\n  for w in $(wparup list --names --state active); do …; done"
    )]
    List(ListArgs),
    /// Start a WPAR (already Active: success, nothing changed).
    #[command(
        after_help = "Examples:\n  wparup start wp_name\n  wparup start --all\n\nIf AIX refuses with 0960-667 (the WPAR's release is older than the global's), wparup\nexits 10 and prints the migrate command to run."
    )]
    Start(StartArgs),
    /// Stop a WPAR (already Defined: success, nothing changed).
    #[command(
        after_help = "Examples:\n  wparup stop wp_name\n  wparup stop wp_name --timeout 120\n  wparup stop wp_name --force"
    )]
    Stop(StopArgs),
    /// Reboot an Active system WPAR (rebootwpar).
    #[command(after_help = "Examples:\n  wparup reboot wp_name")]
    Reboot(RebootArgs),
    /// Migrate a WPAR to the global system's release (migwpar), e.g. 6.1 to 7.1.
    #[command(
        after_help = "Examples:\n  wparup migrate wp_name -d /mnt/installp/ppc     (private /usr: base media required)\n  wparup migrate shared_wpar                      (shared /usr)\n  wparup migrate old52 --convert -d /mnt/installp/ppc   (versioned -> native)"
    )]
    Migrate(MigrateArgs),
    /// Synchronize a WPAR's software with the global system after a TL/SP update (syncwpar).
    #[command(
        after_help = "Examples:\n  wparup sync wp_name -d /path/to/7100-00-03 --preview\n  wparup sync wp_name -d /path/to/7100-00-03 --expand --restart\n  wparup sync --all"
    )]
    Sync(SyncArgs),
    /// What each WPAR needs: its level against the global level, and a verdict.
    #[command(after_help = "Examples:\n  wparup status\n  wparup status wp_name --json")]
    Status(StatusArgs),
    /// Predict, before any long run, which filesets syncwpar would report missing from the media.
    #[command(after_help = "Examples:\n  wparup check-media wp_name -d /path/to/7100-00-03")]
    CheckMedia(CheckMediaArgs),
    /// Decide what a WPAR needs (migrate or sync), check the media, run it, restart and verify.
    #[command(
        after_help = "Examples:\n  wparup upgrade wp_name -d /mnt/installp/ppc\n  wparup upgrade --all -d /path/to/7100-00-03 --preview\n  wparup upgrade --all -d /path/to/7100-00-03 --keep-going --expand"
    )]
    Upgrade(UpgradeArgs),
    /// Back WPARs up before a change: savewpar to an image file per WPAR, then lssavewpar.
    #[command(
        after_help = "Examples:\n  wparup backup wp_name --to /backup/wpars\n  wparup backup --all --to /backup/wpars --keep-going\n\nEach image is DIR/<wpar>.<UTC time>.bff, never overwritten; beside it, <image>.json records\nthe WPAR, its level, the time, the size and what lssavewpar read back. The WPARs are backed\nup one after another. `--backup DIR` on sync, migrate and upgrade takes the same backup\nright before each WPAR's first change."
    )]
    Backup(BackupArgs),
    /// Check WPARs after a change: their level against the global's, and `lppchk -v` inside.
    #[command(
        after_help = "Examples:\n  wparup verify wp_name\n  wparup verify --all --json\n\nInside each running WPAR: `oslevel -s` (against the global's level) and `lppchk -v` (no\noutput: the installed software is consistent). Every WPAR is checked whatever the others'\nresults; nothing is changed. Below the global's level: exit 5; inconsistent: exit 17."
    )]
    Verify(VerifyArgs),
    /// Bring a WPAR back from a backup image (stop, rmwpar, restwpar, start, verify).
    #[command(
        after_help = "Examples:\n  wparup restore wp_name --from /backup/wpars/wp_name.20261205T020000Z.bff --preview\n  wparup restore wp_name --from /backup/wpars/wp_name.20261205T020000Z.bff\n\nThe image is read back (lssavewpar) before anything changes; then the WPAR is stopped,\nremoved (rmwpar: its file systems go, the image replaces them), recreated from the image\n(restwpar -f IMAGE -n NAME), started again if it was running, and verified (oslevel -s,\nlppchk -v). A shared-/usr WPAR is restored only onto a global at the level the image was taken\nat (else restwpar's syncroot fails: exit 18; --force restores anyway). A rootvg WPAR's user\nvolume groups are not re-imported (IBM): importvg them afterwards."
    )]
    Restore(RestoreArgs),
    /// List the backup images wparup made in a directory (newest first, with level and size).
    #[command(
        after_help = "Examples:\n  wparup backups --dir /backup/wpars\n  wparup backups wp_name --dir /backup/wpars --json\n\nReads DIR/<wpar>.<UTC time>.bff and the IMAGE.json record beside each; an image without its\nrecord is listed with what its name says."
    )]
    Backups(BackupsArgs),
    /// Parse a captured log of an AIX command into a typed result; exit with its classification.
    #[command(
        after_help = "Examples:\n  wparup parse syncwpar /var/adm/ras/syncwpar-wp_name.log\n  wparup parse auto --json captured.txt\n  syncwpar -D -d /media wp_name 2>&1 | wparup parse syncwpar -"
    )]
    Parse(ParseArgs),
    /// Re-run the command line recorded in a wparup log, against that log (no AIX needed).
    #[command(
        after_help = "Examples:\n  wparup replay /var/adm/wparup/20261201T024451Z-sync-wp_name-8790.txt\n  wparup --json replay fixtures/scenarios/upgrade-seed-evening.txt\n  wparup replay --check --junit report.xml logs/\n\nThe log's `#! argv:` header names the command line; --json, -q and -v given here are added.\nWith --check, every log is replayed and what wparup concludes today compared with the outcome\nthe log recorded: exit 1 when any reading changed (--accept records today's)."
    )]
    Replay(ReplayArgs),
    /// List the logs of earlier runs (newest first), or prune old ones.
    #[command(
        after_help = "Examples:\n  wparup logs\n  wparup logs wp_name\n  wparup logs --prune --keep 10\n\nEvery live start/stop/reboot/migrate/sync/upgrade keeps its transcript; `wparup replay LOG`\nreproduces it. Pruning keeps the newest --keep logs of each WPAR (default 50)."
    )]
    Logs(LogsArgs),
    /// Print the JSON Schema of the `--json` envelope.
    #[command(after_help = "Examples:\n  wparup schema > wparup.schema.json")]
    Schema,
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  wparup completions bash > /etc/bash_completion.d/wparup\n  eval \"$(wparup completions bash)\"\n\nThe scripts complete WPAR names from `wparup list --names` at the TAB. ksh (AIX's shell) has\nno programmable completion: `completions ksh` says what to use instead."
    )]
    Completions {
        /// The shell to write completions for.
        shell: CompletionShell,
    },
    /// Print the man page of wparup or of one subcommand (roff), or write them all to a
    /// directory.
    #[command(
        after_help = "Examples:\n  wparup man | man -l -\n  wparup man sync > wparup-sync.1\n  wparup man --dir /opt/freeware/man/man1      (wparup.1, wparup-sync.1, …)"
    )]
    Man(ManArgs),
}

/// Facts about a subcommand that the session needs: asked of the command line itself.
impl Command {
    /// The subcommand's name, as typed (`check-media`).
    pub fn name(&self) -> &'static str {
        match self {
            Command::List(_) => "list",
            Command::Start(_) => "start",
            Command::Stop(_) => "stop",
            Command::Reboot(_) => "reboot",
            Command::Migrate(_) => "migrate",
            Command::Sync(_) => "sync",
            Command::Status(_) => "status",
            Command::CheckMedia(_) => "check-media",
            Command::Upgrade(_) => "upgrade",
            Command::Backup(_) => "backup",
            Command::Verify(_) => "verify",
            Command::Restore(_) => "restore",
            Command::Backups(_) => "backups",
            Command::Parse(_) => "parse",
            Command::Replay(_) => "replay",
            Command::Schema => "schema",
            Command::Logs(_) => "logs",
            Command::Completions { .. } => "completions",
            Command::Man(_) => "man",
        }
    }

    /// What it acts on, for log file names: one WPAR's name, `all`, or empty.
    pub fn target(&self) -> String {
        let t = Target::label;
        match self {
            Command::List(_) | Command::Status(_) => "all".into(),
            Command::Start(a) => t(&a.target),
            Command::Stop(a) => t(&a.target),
            Command::Reboot(a) => t(&a.target),
            Command::Migrate(a) => t(&a.target),
            Command::Sync(a) => t(&a.target),
            Command::Upgrade(a) => t(&a.target),
            Command::Backup(a) => t(&a.target),
            Command::Restore(a) => a.name.to_string(),
            Command::Verify(a) => match (a.all, a.names.as_slice()) {
                (false, [one]) => one.to_string(),
                _ => "all".into(),
            },
            Command::CheckMedia(a) => match (a.all, a.names.as_slice()) {
                (false, [one]) => one.to_string(),
                _ => "all".into(),
            },
            Command::Logs(a) => a.wpar.clone().unwrap_or_default(),
            Command::Backups(a) => a.wpar.as_ref().map(|w| w.to_string()).unwrap_or_default(),
            Command::Parse(_)
            | Command::Replay(_)
            | Command::Schema
            | Command::Completions { .. }
            | Command::Man(_) => String::new(),
        }
    }

    /// Does it run mutating AIX commands (so a live run keeps a log)?
    pub fn is_mutating(&self) -> bool {
        matches!(
            self,
            Command::Start(_)
                | Command::Stop(_)
                | Command::Reboot(_)
                | Command::Migrate(_)
                | Command::Sync(_)
                | Command::Upgrade(_)
                | Command::Backup(_)
                | Command::Restore(_)
        )
    }

    /// Does it take WPAR locks (and so need the lock directory)? The mutating subcommands,
    /// `check-media` and `status --probe`; a read-only `list` or `status` needs none.
    pub fn takes_locks(&self) -> bool {
        self.is_mutating()
            || matches!(self, Command::CheckMedia(_))
            || matches!(self, Command::Status(a) if a.probe)
    }

    /// Is it a preview (the executor refuses every mutating command)?
    pub fn is_preview(&self) -> bool {
        match self {
            Command::Sync(a) => a.preview,
            Command::Upgrade(a) => a.preview,
            Command::Migrate(a) => a.preview,
            Command::Restore(a) => a.preview,
            _ => false,
        }
    }

    /// `--timeout` of sync, migrate and upgrade: the limit of their mutating commands.
    pub fn op_timeout(&self) -> Option<std::time::Duration> {
        match self {
            Command::Sync(a) => a.timeout,
            Command::Migrate(a) => a.timeout,
            Command::Upgrade(a) => a.timeout,
            Command::Restore(a) => a.timeout,
            _ => None,
        }
        // `0` is no limit, as for `stop --timeout 0` (never "kill it at once").
        .filter(|d| !d.is_zero())
    }

    /// `--no-wait`: refuse (exit 4) rather than wait for the host's installp lock.
    pub fn no_wait(&self) -> bool {
        match self {
            Command::Sync(a) => a.no_wait,
            Command::Migrate(a) => a.no_wait,
            Command::Upgrade(a) => a.no_wait,
            Command::Restore(a) => a.no_wait,
            _ => false,
        }
    }

    /// How many read-only probes may run at once (`--jobs`; 1 where there is none).
    pub fn jobs(&self) -> usize {
        match self {
            Command::Status(a) => usize::from(a.jobs),
            Command::Upgrade(a) => usize::from(a.jobs.unwrap_or(8)),
            Command::CheckMedia(a) => usize::from(a.jobs),
            Command::Verify(a) => usize::from(a.jobs),
            _ => 1,
        }
    }

    /// Does it need an executor (and so a session with a log and locks)? The others
    /// (completions, man, schema, parse, logs, replay of a log) are answered before one exists.
    pub fn needs_executor(&self) -> bool {
        !matches!(
            self,
            Command::Parse(_)
                | Command::Replay(_)
                | Command::Logs(_)
                | Command::Backups(_)
                | Command::Schema
                | Command::Completions { .. }
                | Command::Man(_)
        )
    }
}

/// `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only these WPARs.
    #[arg(value_parser = wpar_name)]
    pub names: Vec<WparName>,
    /// Only WPARs in this state (word or lswpar letter: active, defined, A, D, T, B, …).
    #[arg(long, value_name = "STATE")]
    pub state: Option<String>,
    /// Only WPARs of this type (system, application, S, A).
    #[arg(long = "type", value_name = "TYPE")]
    pub wpar_type: Option<String>,
    /// Print the names alone, one per line (for shell loops; the completion scripts use it).
    #[arg(long = "names")]
    pub names_only: bool,
}

/// `start`.
#[derive(Debug, Args)]
pub struct StartArgs {
    /// Which WPAR(s).
    #[command(flatten)]
    pub target: Target,
}

/// `stop`.
#[derive(Debug, Args)]
pub struct StopArgs {
    /// Which WPAR(s).
    #[command(flatten)]
    pub target: Target,
    /// How to stop it: `--force` (-F), `--hard` (-h), `--timeout SECS` (-t), `--no-timeout` (-N).
    #[command(flatten)]
    pub opts: StopOpts,
}

/// `reboot`.
#[derive(Debug, Args)]
pub struct RebootArgs {
    /// Which WPAR(s).
    #[command(flatten)]
    pub target: Target,
    /// How to stop it: `--force` (-F), `--hard` (-h), `--timeout SECS` (-t), `--no-timeout` (-N).
    #[command(flatten)]
    pub opts: StopOpts,
}

/// `migrate`.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// Which WPAR(s).
    #[command(flatten)]
    pub target: Target,
    /// A backup before each WPAR's first change.
    #[command(flatten)]
    pub backup: BackupOpts,
    /// Installation images of the new release (required for a WPAR with a private /usr).
    #[arg(short = 'd', long = "device", value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Convert a versioned (5.2/5.3) WPAR to a native one (migwpar -C; needs -d).
    #[arg(long, conflicts_with = "keep_versioned")]
    pub convert: bool,
    /// Keep a versioned WPAR at its level after the global's migration (migwpar -V; AIX 7.2 TL2+).
    #[arg(long)]
    pub keep_versioned: bool,
    /// Run the checks and print the migwpar command that would run; change nothing.
    #[arg(short = 'p', long)]
    pub preview: bool,
    /// Kill the AIX command's process group after this long (e.g. `90m`, `2h`; default: no
    /// limit, as the raw command): exit 15.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub timeout: Option<std::time::Duration>,
    /// When another wparup runs installp (syncwpar, migwpar) on this host: exit 4
    /// (`host_busy`) instead of waiting for it
    #[arg(long)]
    pub no_wait: bool,
}

/// `backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Which WPAR(s).
    #[command(flatten)]
    pub target: Target,
    /// The directory the images go to (it must exist).
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,
    /// Let savewpar expand /tmp as needed (savewpar -X).
    #[arg(short = 'X', long)]
    pub expand: bool,
}

/// `backups`.
#[derive(Debug, Args)]
pub struct BackupsArgs {
    /// Only the images of this WPAR.
    #[arg(value_parser = wpar_name, value_name = "WPAR")]
    pub wpar: Option<WparName>,
    /// The backup directory (`--to` of `backup`, `--backup` of the others).
    #[arg(long, value_name = "DIR", env = "WPARUP_BACKUP_DIR")]
    pub dir: PathBuf,
}

/// `--backup DIR` of the subcommands that change a WPAR.
#[derive(Debug, Args, Clone, Default)]
pub struct BackupOpts {
    /// Back each WPAR up (savewpar) into DIR right before its first change; a WPAR whose
    /// backup fails is not changed. Not in a preview.
    #[arg(long, value_name = "DIR", conflicts_with = "no_backup")]
    pub backup: Option<PathBuf>,
    /// Change the WPARs without a backup: an explicit decision (`migrate` refuses to run
    /// without `--backup DIR` or this; migwpar cannot be undone any other way).
    #[arg(long)]
    pub no_backup: bool,
}

/// `sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Which WPAR(s).
    #[command(flatten)]
    pub target: Target,
    /// A backup before each WPAR's first change.
    #[command(flatten)]
    pub backup: BackupOpts,
    /// Directory with every update installed on the global (required for a private /usr).
    #[arg(short = 'd', long = "device", value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Preview only (syncwpar -p): nothing is changed.
    #[arg(short = 'p', long)]
    pub preview: bool,
    /// Let installp expand file systems as needed (syncwpar -X).
    #[arg(short = 'X', long)]
    pub expand: bool,
    /// Rebuild the media directory's .toc first (inutoc DIR).
    #[arg(long)]
    pub refresh_toc: bool,
    /// Restart the WPAR after a successful sync (rebootwpar when Active).
    #[arg(long)]
    pub restart: bool,
    /// Skip the fileset prediction before syncwpar runs.
    #[arg(long)]
    pub skip_media_check: bool,
    /// Kill the AIX command's process group after this long (e.g. `90m`, `2h`; default: no
    /// limit, as the raw command): exit 15.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub timeout: Option<std::time::Duration>,
    /// When another wparup runs installp (syncwpar, migwpar) on this host: exit 4
    /// (`host_busy`) instead of waiting for it
    #[arg(long)]
    pub no_wait: bool,
}

/// `status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Only these WPARs (default: all).
    #[arg(value_parser = wpar_name)]
    pub names: Vec<WparName>,
    /// All WPARs (the default when no name is given).
    #[arg(long, conflicts_with = "names")]
    pub all: bool,
    /// Gate a script: exit 5 (needs_work) when any WPAR is not up to date (a versioned WPAR,
    /// kept at its level by policy, does not count)
    #[arg(long)]
    pub check: bool,
    /// Read stopped WPARs' levels too, in maintenance mode (`startwpar -m`: file systems
    /// mounted, no processes started), each returned to Defined
    #[arg(long)]
    pub probe: bool,
    /// Also run `lppchk -v` inside each running WPAR; with --check, an inconsistent WPAR is
    /// exit 17 (inconsistent)
    #[arg(long)]
    pub verify: bool,
    /// How many WPARs' levels to read at once (clogin is slow; reads change nothing). Replays
    /// and `--record` runs read one at a time, to keep the transcript's order.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
}

/// `logs`.
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Only the logs of this WPAR (`all` for `--all` runs).
    pub wpar: Option<String>,
    /// Delete all but the newest `--keep` logs of each WPAR.
    #[arg(long)]
    pub prune: bool,
    /// How many logs of each WPAR `--prune` keeps.
    #[arg(long, value_name = "N", default_value_t = crate::logs::KEEP, requires = "prune")]
    pub keep: usize,
}

/// `man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print (default: wparup's own).
    #[arg(conflicts_with = "dir")]
    pub subcommand: Option<String>,
    /// Write every page (`wparup.1`, `wparup-<subcommand>.1`) into this directory.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// A wparup log or `--record` transcript (its `#! argv:` header names the command line);
    /// with --check, any number of logs and directories (searched for `*.txt` and `*.log`)
    #[arg(value_name = "LOG", required = true)]
    pub files: Vec<PathBuf>,
    /// Replay each log and compare what wparup concludes today with the outcome the log
    /// recorded (`#! outcome:`): one line per log, exit 1 when any differs
    #[arg(long)]
    pub check: bool,
    /// With --check: also write a JUnit XML report (one testcase per log)
    #[arg(long, value_name = "FILE", requires = "check")]
    pub junit: Option<PathBuf>,
    /// With --check: rewrite the recorded outcome of every log whose reading changed (or that
    /// has none) to today's, like `cargo insta accept`: one reviewed diff
    #[arg(long, requires = "check")]
    pub accept: bool,
    /// With --check: how many logs to replay at once (each in a process of its own)
    #[arg(long, short = 'j', value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
}

/// `check-media`.
#[derive(Debug, Args)]
pub struct CheckMediaArgs {
    /// The WPAR(s) (each must be Active so that its installed levels can be read).
    #[arg(value_parser = wpar_name, required_unless_present = "all")]
    pub names: Vec<WparName>,
    /// Every WPAR. Each is checked, whatever the others' results (nothing is changed).
    #[arg(long, conflicts_with = "names")]
    pub all: bool,
    /// The media directory.
    #[arg(short = 'd', long = "device", value_name = "DIR")]
    pub dir: PathBuf,
    /// With several WPARs: how many WPARs' filesets to read at once (clogin is slow; reads
    /// change nothing). Replays and `--record` runs read one at a time.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
}

/// `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The WPAR(s) (each must be Active: the checks run inside it).
    #[arg(value_parser = wpar_name, required_unless_present = "all")]
    pub names: Vec<WparName>,
    /// Every WPAR (versioned ones are skipped). Each is checked, whatever the others' results.
    #[arg(long, conflicts_with = "names")]
    pub all: bool,
    /// How many WPARs to read at once (reads change nothing). Replays and `--record` runs read
    /// one at a time.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
}

/// `restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The WPAR to bring back (it may be gone: restwpar recreates it).
    #[arg(value_parser = wpar_name, value_name = "WPAR")]
    pub name: WparName,
    /// The savewpar image (`wparup backups` lists them).
    #[arg(long, value_name = "IMAGE")]
    pub from: PathBuf,
    /// Restore an image the guards refuse: of a shared-/usr WPAR taken at another global level
    /// (restwpar's syncroot may then fail: undoing a shared WPAR means undoing the global too),
    /// or whose level or kind is unknown.
    #[arg(long)]
    pub force: bool,
    /// Show what would run (the image is read back; nothing is changed).
    #[arg(long, short = 'p')]
    pub preview: bool,
    /// Skip `lppchk -v` in the WPAR after the restore.
    #[arg(long)]
    pub no_verify: bool,
    /// Kill restwpar's process group after this long (e.g. `90m`; default: no limit): exit 15.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub timeout: Option<std::time::Duration>,
    /// When another wparup runs installp on this host (restwpar's syncroot does too): exit 4
    /// instead of waiting for it
    #[arg(long)]
    pub no_wait: bool,
}

/// `upgrade`.
#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// Which WPAR(s).
    #[command(flatten)]
    pub target: Target,
    /// A backup before each WPAR's first change.
    #[command(flatten)]
    pub backup: BackupOpts,
    /// The update (TL/SP) images, what `syncwpar -D -d` needs for a private /usr (may also
    /// hold the base images: wparup reads what installp sees there, not the name)
    #[arg(short = 'd', long = "device", value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The new release's base images, what `migwpar -d` needs for a WPAR with a private /usr
    /// that is still on the old release (e.g. the DVD's `installp/ppc`)
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
    /// Let installp expand file systems (syncwpar -X).
    #[arg(short = 'X', long)]
    pub expand: bool,
    /// Leave the WPAR running afterwards even if it was stopped before.
    #[arg(long)]
    pub restart: bool,
    /// Before a sync, rebuild the media's .toc with inutoc when it is older than an image or
    /// missing (installp ignores images a stale .toc does not list).
    #[arg(long)]
    pub refresh_toc: bool,
    /// Print the plan (the commands it would run, in order) and change nothing.
    #[arg(long)]
    pub preview: bool,
    /// Kill the AIX command's process group after this long (e.g. `90m`, `2h`; default: no
    /// limit, as the raw command): exit 15.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub timeout: Option<std::time::Duration>,
    /// With --all --preview: how many WPARs' levels and filesets to read at once (default 8;
    /// clogin is slow; reads change nothing). A real run reads each WPAR just before it
    /// changes it, one at a time.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// When another wparup runs installp (syncwpar, migwpar) on this host: exit 4
    /// (`host_busy`) instead of waiting for it
    #[arg(long)]
    pub no_wait: bool,
    /// Do not run `lppchk -v` in each WPAR it changed (by default an upgraded WPAR whose
    /// software is inconsistent is exit 17).
    #[arg(long)]
    pub no_verify: bool,
}

/// `parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The command that printed the log (lswpar, startwpar, stopwpar, rebootwpar, migwpar,
    /// syncwpar), or `auto` to recognise it.
    #[arg(value_parser = family, value_name = "auto|COMMAND")]
    pub family: String,
    /// The log file (a raw capture or a wparup transcript); `-` or nothing reads stdin.
    pub file: Option<PathBuf>,
}

/// The shells `wparup completions` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    #[value(name = "powershell")]
    PowerShell,
    // AIX's default shell: no programmable completion; refused with the alternatives.
    Ksh,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
