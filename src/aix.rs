//! The AIX a run talks to ([`Aix`]): the typed queries and runs every verb and step uses: `lswpar`, `oslevel`, `clogin`, `lslpp`,
//! `installp -ld`, and WPAR operations with live echo, progress and parsing.

use std::path::PathBuf;
use std::time::Duration;

use crate::classify::classify;
use crate::error::Error;
use crate::exec::guard::Guard;
use crate::exec::system;
use crate::exec::{
    Executor, Invocation, Output, OutputLine, Program, Stream, Termination, run_collect,
};
use crate::exit::Exit;
use crate::hints::Hint;
use crate::lock::{HostLock, WparLock};
use crate::model::{OsLevel, Wpar};
use crate::parse::lslpp::{self, LslppResult};
use crate::parse::lswpar::{LswparParser, LswparResult};
use crate::parse::op::{OpParser, OpResult};
use crate::parse::{installp_list, oslevel};
use crate::render::{self, Ui};

/// How long `clogin … oslevel -s` / `lslpp -Lc` may take before wparup gives up on it (clogin
/// may prompt; AIX-REFERENCE §9 open question 16).
pub const CLOGIN_TIMEOUT: Duration = Duration::from_secs(120);

/// How long a read-only query (`lswpar`, `oslevel`, `lslpp`, `installp -ld`, the media scan)
/// may take: generous, but a hung NFS media mount must not hang wparup. `WPARUP_READ_TIMEOUT`
/// (seconds) overrides it.
pub const READ_TIMEOUT: Duration = Duration::from_secs(600);

fn read_timeout() -> Duration {
    std::env::var("WPARUP_READ_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(READ_TIMEOUT, Duration::from_secs)
}

/// The AIX system as a run sees it: its executor stack, terminal, locks, and what it has
/// already read (each read once per run).
pub struct Aix<'a> {
    /// Runs AIX commands (the guard of the executor stack).
    pub exec: &'a Guard<'a>,
    /// The terminal: echo, progress, info and warnings (stderr).
    pub ui: &'a Ui,
    /// Per-WPAR locks are taken here (live runs only).
    pub lock_dir: Option<PathBuf>,
    /// The transcript log of this run.
    pub log: Option<PathBuf>,
    /// The user's command line, to suggest running again ([`crate::hints::rerun_line`]).
    pub rerun: String,
    /// `--timeout` of sync, migrate and upgrade: the limit of their mutating commands.
    pub op_timeout: Option<Duration>,
    /// The log path was shown.
    pub announced: std::cell::Cell<bool>,
    /// The global environment's filesets, read once per run (`lslpp -Lc` does not change while
    /// wparup checks several WPARs against it).
    pub global_filesets: std::cell::OnceCell<LslppResult>,
    /// `oslevel -s` of the global environment, read once per run.
    global_level: std::cell::OnceCell<OsLevel>,
    /// `--no-wait`: a busy host installp lock is a refusal, not a wait.
    pub no_wait: bool,
    /// How many read-only probes run at once (`--jobs`).
    pub jobs: usize,
    /// `installp -ld DIR` per media directory, read once per run (until `inutoc` rewrites it).
    pub media_lists:
        std::cell::RefCell<std::collections::HashMap<PathBuf, installp_list::MediaList>>,
    /// Read-only probes run ahead ([`Aix::prefetch`]), by command line: the next identical
    /// query takes its output instead of running it again.
    pub prefetched: std::cell::RefCell<std::collections::HashMap<String, (Vec<u8>, Termination)>>,
    /// A `lswpar -cG` of every WPAR already read this run, for the next [`Aix::all_wpars`].
    pub listing: std::cell::RefCell<Option<LswparResult>>,
    /// WPARs as a read-only run's one listing showed them ([`Aix::read_only_listing`]): the
    /// per-WPAR step takes its WPAR from here instead of one `lswpar` per WPAR.
    listed: std::cell::RefCell<std::collections::HashMap<String, Wpar>>,
    /// The run's time as names use it (`YYYYMMDDTHHMMSSZ`): backup images are named with it,
    /// the same on a replay as in the run recorded.
    pub stamp: String,
}

impl<'a> Aix<'a> {
    /// The AIX behind `exec`, as a run of `cli` sees it; nothing read yet.
    pub fn new(
        exec: &'a Guard<'a>,
        ui: &'a Ui,
        cli: &crate::cli::Cli,
        argv: &[std::ffi::OsString],
        lock_dir: Option<PathBuf>,
        log: Option<PathBuf>,
    ) -> Self {
        Aix {
            exec,
            ui,
            lock_dir,
            log,
            rerun: crate::hints::rerun_line(argv),
            op_timeout: cli.command.op_timeout(),
            no_wait: cli.command.no_wait(),
            announced: std::cell::Cell::new(false),
            // Read-only probes run side by side only when nothing records the steps live.
            jobs: if cli.record.is_some() {
                1
            } else {
                cli.command.jobs()
            },
            global_filesets: std::cell::OnceCell::new(),
            global_level: std::cell::OnceCell::new(),
            media_lists: std::cell::RefCell::new(std::collections::HashMap::new()),
            prefetched: std::cell::RefCell::new(std::collections::HashMap::new()),
            listing: std::cell::RefCell::new(None),
            listed: std::cell::RefCell::new(std::collections::HashMap::new()),
            stamp: crate::paths::stamp_utc(std::time::SystemTime::now()),
        }
    }

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

    /// Runs a read-only command and collects its output (echoed only with `-v`); a probe run
    /// ahead by [`Aix::prefetch`] is taken instead.
    pub fn collect(&self, inv: &Invocation) -> Result<(Vec<u8>, Termination), Error> {
        if let Some(hit) = self.prefetched.borrow_mut().remove(&inv.to_string()) {
            return Ok(hit);
        }
        self.check_interrupted()?;
        tracing::info!(cmd = %inv, "running");
        let inv = with_default_timeout(inv, read_timeout());
        let r = run_collect(self.exec, &inv, |_| {})?;
        // A signal during a read-only query is the interruption it is (130), not a failure of
        // the query that the signal killed (reliability review S01).
        self.check_interrupted()?;
        Ok(r)
    }

    /// Runs a read-only command and collects stdout and stderr apart.
    pub fn collect_split(
        &self,
        inv: &Invocation,
    ) -> Result<(Vec<u8>, Vec<u8>, Termination), Error> {
        self.check_interrupted()?;
        tracing::info!(cmd = %inv, "running");
        let inv = with_default_timeout(inv, read_timeout());
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let end = self.exec.run(&inv, &mut |l: &OutputLine| {
            let buf = match l.stream {
                crate::output::Stream::Stdout => &mut out,
                crate::output::Stream::Stderr => &mut err,
            };
            buf.extend_from_slice(&l.bytes);
            buf.push(b'\n');
        })?;
        self.check_interrupted()?;
        Ok((out, err, end))
    }

    /// `lswpar -cG [NAMES]`: the general attributes of the WPARs, mapped by header name.
    pub fn lswpar(&self, names: &[&str]) -> Result<LswparResult, Error> {
        let mut args = vec!["-cG".to_string()];
        args.extend(names.iter().map(|s| s.to_string()));
        let inv = Invocation::new(Program::Lswpar, args);
        let (out, err, end) = self.collect_split(&inv)?;
        // WPARs come from stdout only: a line lswpar (or a shell it runs) writes on stderr is
        // never a WPAR. Its messages (0960-419 names not found, 0403-006) count from both.
        let mut r = LswparParser::parse(&out, None);
        let e = LswparParser::parse(&err, None);
        r.messages.extend(e.messages);
        r.not_found.extend(e.not_found);
        // A non-zero exit is a failure unless it is explained by names not found (0960-419):
        // rows printed before the failure are not a complete list (reliability review L12).
        if !end.success() && end.known() && r.not_found.is_empty() {
            let mut both = out.clone();
            both.extend_from_slice(&err);
            return Err(Error::Command {
                command: inv.to_string(),
                cause: first_message(&both, &end),
                exit: if r.messages.iter().any(|m| m.id == "0403-006") {
                    Exit::NotAix
                } else {
                    failed_class(&end)
                },
            });
        }
        // A name AIX could not have given a WPAR is not acted on: the listing is refused, naming
        // the row (an option such as `-A`, a path, white space or a shell character).
        if let Some(bad) = r
            .wpars
            .iter()
            .find(|w| w.name.parse::<crate::model::WparName>().is_err())
        {
            let why = bad
                .name
                .parse::<crate::model::WparName>()
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            return Err(Error::Command {
                command: inv.to_string(),
                cause: format!(
                    "it listed a row whose name is not a WPAR name ({why}): wparup acts on none of this listing"
                ),
                exit: Exit::Failed,
            });
        }
        Ok(r)
    }

    /// `lswpar -cG` of every WPAR: the listing a caller read ahead (once), else a new one.
    pub fn all_wpars(&self) -> Result<LswparResult, Error> {
        match self.listing.borrow_mut().take() {
            Some(r) => Ok(r),
            None => self.lswpar(&[]),
        }
    }

    /// A read-only run (`check-media`, `upgrade --preview`) read every WPAR it will look at in
    /// one listing: each per-WPAR step takes its WPAR from it (once) instead of running
    /// `lswpar -cG NAME` again. Never for a run that changes anything: a WPAR about to be
    /// changed is read again under its lock.
    pub fn read_only_listing(&self, r: &LswparResult) {
        let mut listed = self.listed.borrow_mut();
        for w in &r.wpars {
            listed.insert(w.name.clone(), w.clone());
        }
    }

    /// `df -Pk PATH`: the space free in the file system mounted exactly at `path`, in KB; None
    /// when df fails or `path` is not a mount point (a stopped WPAR's file systems are not
    /// mounted: df then shows the file system above it).
    pub fn free_kb(&self, path: &str) -> Result<Option<u64>, Error> {
        let inv = Invocation::new(Program::Df, ["-Pk", path]);
        let (out, end) = self.collect(&inv)?;
        if !end.success() {
            return Ok(None);
        }
        Ok(crate::parse::df::parse(&out)
            .into_iter()
            .find(|r| r.mounted_on == path)
            .and_then(|r| r.available_kb))
    }

    /// One WPAR, or `NotFound`.
    pub fn wpar(&self, name: &str) -> Result<Wpar, Error> {
        if let Some(w) = self.listed.borrow_mut().remove(name) {
            return Ok(w);
        }
        let r = self.lswpar(&[name])?;
        r.wpars
            .into_iter()
            .find(|w| w.name == name)
            .ok_or_else(|| Error::NotFound {
                wpar: name.to_string(),
            })
    }

    /// Runs a WPAR operation with live echo, progress and parsing; returns the parsed output
    /// and its classification, which the caller acts on.
    pub fn run_op(
        &self,
        inv: &Invocation,
        label: &str,
    ) -> Result<(OpResult, crate::classify::Outcome), Error> {
        self.before_mutation()?;
        self.ui.info(&format!("running `{inv}`"));
        self.ui.start_timer();
        if self.ui.wants_progress() {
            self.ui.progress(&format!("{label}: running"));
        }
        let mut live = LiveOp {
            ui: self.ui,
            parser: OpParser::new(inv.program),
            label,
        };
        let inv = match self.op_timeout {
            Some(t) => with_default_timeout(inv, t),
            None => inv.clone(),
        };
        let host = self.host_lock(&inv)?;
        let end = self.exec.run(&inv, &mut live)?;
        drop(host);
        let p = live.parser;
        self.ui.done();
        let r = p.finish(end.known());
        let class = classify(&r, &end);
        if inv.mutating() && refused_before_change(class.exit) {
            self.exec.refused_unchanged();
        }
        if system::interrupted() {
            return Err(Error::Interrupted);
        }
        Ok((r, class))
    }

    /// The host's installp lock, for a mutating syncwpar or migwpar on a live run (both run
    /// installp: one at a time per host, [`WparLock`]'s sibling [`HostLock`]). Waits for it with
    /// a visible message, or refuses with `--no-wait`.
    fn host_lock(&self, inv: &Invocation) -> Result<Option<HostLock>, Error> {
        // restwpar runs syncroot (installp) for a shared WPAR.
        let runs_installp = matches!(
            inv.program,
            Program::Syncwpar | Program::Migwpar | Program::Restwpar
        );
        let Some(dir) = self
            .lock_dir
            .as_deref()
            .filter(|_| runs_installp && inv.mutating())
        else {
            return Ok(None);
        };
        let wpar = inv
            .args
            .last()
            .map(|a| a.to_string_lossy().into_owned())
            .unwrap_or_default();
        let lock = HostLock::acquire(
            dir,
            &wpar,
            &inv.to_string(),
            !self.no_wait,
            |h| {
                self.ui.warn(&format!(
                    "waiting: another wparup{} is running installp on this host{} (one at a time; `--no-wait` refuses instead)",
                    h.pid.map(|p| format!(" (pid {p})")).unwrap_or_default(),
                    h.command
                        .as_ref()
                        .map(|c| format!(": `{c}`"))
                        .unwrap_or_default()
                ));
            },
            system::interrupted,
        )?;
        Ok(Some(lock))
    }

    /// Before a mutating command: stop if interrupted; make sure the WPAR's lock file is still
    /// ours (recreated if deleted); announce the log once.
    fn before_mutation(&self) -> Result<(), Error> {
        self.check_interrupted()?;
        if let Some(note) = crate::lock::watch()? {
            self.ui.warn(&note);
        }
        if let Some(l) = &self.log
            && !self.announced.replace(true)
        {
            self.ui.info(&format!("log: {}", l.display()));
        }
        Ok(())
    }

    /// Runs a mutating command that is not a WPAR operation (`inutoc`): echo, check exit status.
    pub fn run_plain(&self, inv: &Invocation) -> Result<(), Error> {
        self.before_mutation()?;
        // `inutoc` rewrites what installp lists.
        self.media_lists.borrow_mut().clear();
        self.ui.info(&format!("running `{inv}`"));
        let mut out = Vec::new();
        let mut echoed = Echoed {
            ui: self.ui,
            also: |l: &OutputLine| {
                out.extend_from_slice(&l.bytes);
                out.push(b'\n');
            },
        };
        let limit = self.op_timeout.unwrap_or_else(read_timeout);
        let end = self
            .exec
            .run(&with_default_timeout(inv, limit), &mut echoed)?;
        self.ui.done();
        if !end.success() {
            return Err(Error::Command {
                command: inv.to_string(),
                cause: first_message(&out, &end),
                exit: failed_class(&end),
            });
        }
        Ok(())
    }

    /// The global environment's level (`oslevel -s`), read once per run (the global does not
    /// change while wparup works on its WPARs).
    pub fn global_level(&self) -> Result<OsLevel, Error> {
        if let Some(l) = self.global_level.get() {
            return Ok(l.clone());
        }
        let inv = Invocation::new(Program::Oslevel, ["-s"]);
        let (out, end) = self.collect(&inv)?;
        let r = oslevel::parse(&out);
        match r.level {
            Some(l) if end.success() || !end.known() => {
                let _ = self.global_level.set(l.clone());
                Ok(l)
            }
            _ => Err(Error::Command {
                command: inv.to_string(),
                cause: first_message(&out, &end),
                exit: failed_class(&end),
            }),
        }
    }

    /// A running WPAR's level through `clogin NAME -l root /usr/bin/oslevel -s` (stdin closed,
    /// timeout). `Ok(Err(reason))` when it cannot be read.
    pub fn wpar_level(&self, name: &str) -> Result<Result<OsLevel, String>, Error> {
        let inv = level_probe(name);
        let (out, end) = self.collect(&inv)?;
        Ok(level_of(&inv, &out, &end))
    }

    /// Reads many WPARs' levels ([`Aix::probes`]: `jobs` at a time when allowed). Results come
    /// back in the order of `names`.
    pub fn wpar_levels(&self, names: &[&str]) -> Result<Vec<Result<OsLevel, String>>, Error> {
        let invs: Vec<Invocation> = names.iter().map(|n| level_probe(n)).collect();
        let outs = self.probes(&invs)?;
        Ok(invs
            .iter()
            .zip(outs)
            .map(|(inv, (out, end))| level_of(inv, &out, &end))
            .collect())
    }

    /// Runs read-only probes and returns their outputs in the order of `invs`. With `--jobs`
    /// above 1 they go to [`Executor::run_many`], which the real executor runs side by side
    /// and a recording notes in the order of `invs`; otherwise one after the other. Either way
    /// the log lists them in the order a replay (always one at a time) asks for them.
    pub fn probes(&self, invs: &[Invocation]) -> Result<Vec<(Vec<u8>, Termination)>, Error> {
        if self.jobs <= 1 || invs.len() <= 1 {
            return invs.iter().map(|inv| self.collect(inv)).collect();
        }
        self.check_interrupted()?;
        let invs: Vec<Invocation> = invs
            .iter()
            .map(|i| with_default_timeout(i, read_timeout()))
            .collect();
        let mut outs = Vec::with_capacity(invs.len());
        let mut captured = self.exec.run_many(&invs, self.jobs).into_iter();
        for _ in &invs {
            let Some(c) = captured.next() else {
                return Err(Error::Interrupted);
            };
            let (lines, end) = c?;
            let mut buf = Vec::new();
            for l in &lines {
                buf.extend_from_slice(&l.bytes);
                buf.push(b'\n');
            }
            outs.push((buf, end));
        }
        self.check_interrupted()?;
        Ok(outs)
    }

    /// Runs read-only probes ahead ([`Aix::probes`]) and keeps their outputs for the queries
    /// that will ask for them (each taken once, by its exact command line); also returns them.
    pub fn prefetch(&self, invs: &[Invocation]) -> Result<Vec<(Vec<u8>, Termination)>, Error> {
        let outs = self.probes(invs)?;
        let mut cache = self.prefetched.borrow_mut();
        for (inv, out) in invs.iter().zip(&outs) {
            cache.insert(inv.to_string(), out.clone());
        }
        Ok(outs)
    }

    /// `lslpp -Lc` in the global environment (read once per run).
    pub fn global_filesets(&self) -> Result<LslppResult, Error> {
        if let Some(r) = self.global_filesets.get() {
            return Ok(r.clone());
        }
        let inv = Invocation::new(Program::Lslpp, ["-Lc"]);
        let (out, end) = self.collect(&inv)?;
        checked(&inv, &out, &end)?;
        let r = lslpp::parse(&out);
        let _ = self.global_filesets.set(r.clone());
        Ok(r)
    }

    /// `clogin NAME -l root /usr/bin/lslpp -Lc`.
    pub fn wpar_filesets(&self, name: &str) -> Result<LslppResult, Error> {
        let inv = filesets_probe(name);
        let (out, end) = self.collect(&inv)?;
        checked(&inv, &out, &end)?;
        Ok(lslpp::parse(&out))
    }

    /// What the media directory holds (`wparup-scan-media DIR`, recorded like a command).
    pub fn media_dir(&self, dir: &std::path::Path) -> Result<crate::media::MediaDir, Error> {
        let inv = Invocation::new(Program::ScanMedia, [dir.as_os_str()]);
        let (out, end) = self.collect(&inv)?;
        crate::media::from_scan(dir, &out, &end)
    }

    /// `installp -ld DIR`: what the media offer (as installp sees it, through the `.toc`).
    pub fn media_list(&self, dir: &std::path::Path) -> Result<installp_list::MediaList, Error> {
        if let Some(r) = self.media_lists.borrow().get(dir) {
            return Ok(r.clone());
        }
        let inv = Invocation::new(
            Program::Installp,
            [std::ffi::OsStr::new("-ld"), dir.as_os_str()],
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
                [Hint::RefreshToc {
                    dir: dir.display().to_string(),
                }],
            ));
        }
        self.media_lists
            .borrow_mut()
            .insert(dir.to_path_buf(), r.clone());
        Ok(r)
    }
}

/// `clogin NAME -l root /usr/bin/oslevel -s` (stdin closed, time limit).
pub fn level_probe(name: &str) -> Invocation {
    Invocation::new(
        Program::Clogin,
        [name, "-l", "root", "/usr/bin/oslevel", "-s"],
    )
    .timeout(CLOGIN_TIMEOUT)
}

/// `clogin NAME -l root /usr/sbin/emgr -l`: the iFixes inside the WPAR.
pub fn emgr_probe(name: &str) -> Invocation {
    Invocation::new(
        Program::Clogin,
        [name, "-l", "root", "/usr/sbin/emgr", "-l"],
    )
    .timeout(CLOGIN_TIMEOUT)
}

/// `clogin NAME -l root /usr/bin/lppchk -v`: is the WPAR's installed software consistent? (No
/// output: yes, IBM's lppchk page.)
pub fn lppchk_probe(name: &str) -> Invocation {
    Invocation::new(
        Program::Clogin,
        [name, "-l", "root", "/usr/bin/lppchk", "-v"],
    )
    .timeout(CLOGIN_TIMEOUT)
}

/// `clogin NAME -l root /usr/bin/lslpp -Lc` (stdin closed, time limit).
pub fn filesets_probe(name: &str) -> Invocation {
    Invocation::new(
        Program::Clogin,
        [name, "-l", "root", "/usr/bin/lslpp", "-Lc"],
    )
    .timeout(CLOGIN_TIMEOUT)
}

/// The level a level probe printed, or why there is none.
pub fn level_of(inv: &Invocation, out: &[u8], end: &Termination) -> Result<OsLevel, String> {
    match oslevel::parse(out).level {
        Some(l) if end.success() || !end.known() => Ok(l),
        _ => Err(format!(
            "`{inv}` did not print a level: {}",
            first_message(out, end)
        )),
    }
}

/// Outcomes in which AIX refused an operation before changing anything: startwpar's or
/// syncwpar's 0960-667, syncwpar's 0960-582 table, installp's build-date refusal, migwpar's
/// `Shared /usr WPAR list: none` or unreadable media.
fn refused_before_change(exit: Exit) -> bool {
    matches!(
        exit,
        Exit::NeedsMigration | Exit::MediaIncomplete | Exit::MediaOlder | Exit::Usage
    )
}

/// The class of a failed command: its time limit, or plain failure.
fn failed_class(end: &Termination) -> Exit {
    if *end == Termination::TimedOut {
        Exit::TimedOut
    } else {
        Exit::Failed
    }
}

/// `inv` with `limit` unless it has its own.
fn with_default_timeout(inv: &Invocation, limit: Duration) -> Invocation {
    let mut inv = inv.clone();
    inv.timeout.get_or_insert(limit);
    inv
}

fn checked(inv: &Invocation, out: &[u8], end: &Termination) -> Result<(), Error> {
    if end.success() || !end.known() {
        return Ok(());
    }
    Err(Error::Command {
        command: inv.to_string(),
        cause: first_message(out, end),
        exit: failed_class(end),
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

    fn tick(&mut self) {
        self.ui.tick();
    }

    fn partial(&mut self, stream: Stream, bytes: &[u8]) {
        self.ui.echo_partial(stream, bytes);
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

    fn partial(&mut self, stream: Stream, bytes: &[u8]) {
        self.ui.echo_partial(stream, bytes);
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
