//! The catalog of "what to run next": every piece of advice wparup gives, one typed value
//! each, worded once here and filled in with the real WPAR name, media directory and the
//! user's own command line. Errors carry `Vec<Hint>` and reports their `next` steps as hints,
//! so no call site writes advice text of its own (a tidy test keeps it so).

use std::fmt;

/// One piece of advice. Shown as its text (`Display`), serialized as that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    // --- media ---
    /// Filesets are missing from the media: copy their updates in.
    CopyUpdates { dir: String },
    /// The media directory holds no images at all.
    CopyImages { dir: String },
    /// The `.toc` must be rebuilt before installp sees new images.
    RefreshToc { dir: String },
    /// The media's images are older, by build date, than what is installed (BUILDDATE).
    NewerMedia { dir: String },
    /// `-d` must name the image directory.
    ChooseMediaDir,
    /// The media directory cannot be read.
    CheckMediaPath,
    /// The image directory is one level down (the DVD's `installp/ppc`).
    DidYouMean { dir: String },
    /// Run the same command line again (`rerun` is the user's own, shell-quoted).
    RunAgain { rerun: String },

    // --- the WPAR's state ---
    /// The WPAR must run first.
    StartFirst { wpar: String },
    /// Start it once the admin is ready.
    StartWhenReady { wpar: String },
    /// The WPAR must be restarted for the new software.
    Reboot { wpar: String },
    /// Bring it to Defined before upgrading it.
    StopFirst { wpar: String },
    /// An application WPAR cannot be rebooted: stop and start it.
    StopThenStart,
    /// Processes that will not stop.
    ForceStop { wpar: String },
    /// Another operation is running: wait.
    WaitThenList { wpar: String },
    /// Which operation is running.
    ShowOperation { wpar: String },
    /// A Broken WPAR: force it down, then start it.
    ForceStopThenStart { wpar: String },
    /// The errors a WPAR logged.
    PrintErrors { wpar: String },
    /// The last resort for a Broken WPAR.
    RemoveWpar { wpar: String },
    /// Where AIX shows the details of a failed operation.
    Details { wpar: String },
    /// Why a WPAR did not reach the state it should have.
    ShowWhy { wpar: String },
    /// `lswpar -L` shows the OS type of a WPAR thought versioned.
    ShowOsType,
    /// Both levels side by side, and the WPAR.
    StatusAndLswpar { wpar: String },
    /// `wparup list` shows the WPARs.
    ListWpars,

    // --- versioned WPARs and migration ---
    /// A versioned WPAR: convert it.
    ConvertVersioned { wpar: String },
    /// A versioned WPAR: keep it at its level.
    KeepVersioned { wpar: String },
    /// A versioned WPAR's device data alone can be synchronized.
    SyncDeviceData { wpar: String },
    /// Convert or keep: the two ways for a WPAR found running 5.2/5.3.
    ConvertOrKeep,
    /// `--convert` takes one WPAR at a time.
    ConvertEach,
    /// `migwpar -C` needs base images.
    ConvertNeedsMedia,
    /// `migwpar -V` needs a newer global.
    UpdateGlobalOrConvert,
    /// A private-/usr WPAR needs base images to migrate.
    MigrateWithMedia { wpar: String },
    /// `upgrade` needs the base images of the release (`--base`).
    GiveBase { wpar: String, release: String },
    /// A shared-/usr WPAR migrates without media.
    Migrate { wpar: String },
    /// The /usr kind is unknown: migrate, with media if private.
    MigrateMaybeMedia { wpar: String },
    /// A preview passed: run the migration (`flags` as typed: ` -d DIR`, ` --convert`).
    RunMigrate { wpar: String, flags: String },
    /// After a migration: start it and look.
    StartAndCheck { wpar: String },

    // --- synchronization ---
    /// The media passed the check: the sync can run (`dir` shell-quoted).
    SyncNow { wpar: String, dir: String },
    /// Nothing is older in the WPAR than in the global.
    NothingToSync { wpar: String },
    /// A private-/usr WPAR needs `-d` to sync.
    SyncWithMedia { wpar: String },
    /// A shared-/usr WPAR takes no `-d`.
    DropMediaDir { wpar: String },
    /// A stopped WPAR: let syncwpar's preview read it.
    PreviewSyncWithMedia { wpar: String, dir: String },
    /// A preview passed: run the sync.
    RunSync {
        wpar: String,
        dir: Option<String>,
        expand: bool,
    },
    /// /usr (or another file system) is full: let installp grow it.
    SyncExpand { wpar: String, dir: Option<String> },
    /// Grow a file system by hand.
    GrowFs { mount: String, mb: u64, blocks: u64 },
    /// Free space by hand (the shortfall's size is unknown).
    FreeSpace { mount: String },
    /// syncwpar looped (0960-580): preview it.
    PreviewSync { wpar: String },
    /// syncwpar looped: look at the space.
    CheckFreeSpace,
    /// An unclassified failure: the log and the WPAR.
    ReadLog { wpar: String },
    /// Part-way to the global level: finish with the update images.
    FinishWithUpdates {
        wpar: String,
        level: String,
        global: String,
    },

    // --- undocumented release pairs ---
    /// Look with syncwpar's preview (`dir_args` as typed: ` -D -d DIR` or empty).
    PreviewSyncwpar { wpar: String, dir_args: String },
    /// IBM documents few release pairs.
    ReadIbmNotes,
    /// `wparup status` shows both levels.
    StatusShowsLevels { wpar: String },

    // --- command line and local system ---
    /// The `--state` words.
    StateWords,
    /// The `--type` words.
    TypeWords,
    /// ksh has no programmable completion: what to use instead.
    KshCompletion,
    /// The backup directory is missing or not a directory.
    BackupDir { dir: String },
    /// savewpar failed: what to free, and that the WPAR is unchanged.
    BackupFailed { wpar: String },
    /// migrate without a backup decision.
    MigrateBackup { wpar: String },
    /// lppchk found problems: the detailed run.
    LppchkDetails { wpar: String },
    /// Filesets left APPLIED in a WPAR: commit them before the update.
    CommitApplied { wpar: String },
    /// Filesets locked by an iFix in a WPAR.
    EfixLocked { wpar: String },
    /// The global's iFixes missing in a WPAR.
    ApplyIfixes { wpar: String },
    /// A change failed after a backup: the image to go back to.
    UndoFromBackup { wpar: String, image: String },
    /// After a change with `--backup DIR`: the line that undoes it.
    RestoreLine { wpar: String, image: String },
    /// A shared-/usr image taken at another global level: what a restore implies.
    RestoreShared { wpar: String, image: String },
    /// An image whose level or kind wparup does not know.
    RestoreUnknown { wpar: String, image: String },
    /// An image of another WPAR.
    RestoreOtherWpar { image: String },
    /// An image that cannot be read: the images there are.
    ListImages { dir: String },
    /// restwpar failed after the WPAR was removed: the image is intact.
    RestoreAgain { wpar: String, image: String },
    /// A rootvg WPAR after restwpar: its user volume groups are not re-imported.
    ImportUserVgs { wpar: String },
    /// A restored WPAR left stopped: start and verify it.
    StartAndVerify { wpar: String },
    /// `--help` of wparup (no subcommand) or of one subcommand.
    Help { command: Option<String> },
    /// The man pages wparup has.
    ListSubcommands,
    /// `--dir` of `wparup man` must be writable.
    WritableManDir,
    /// A directory only the user can write (`flag`: `--log-dir`, `--lock-dir`).
    PrivateDir { flag: String, euid: u32 },
    /// Name a directory with its flag.
    GiveDir { flag: String },
    /// The log directory cannot be read.
    ChooseLogDir,
    /// Stdout cannot be written.
    CheckStdout,
    /// The lock directory cannot be used.
    ChooseLockDir,
    /// Another wparup holds the lock: wait for it.
    WaitForHolder { pid: Option<i32> },
    /// The lock file.
    LockFile { path: String },
    /// The host's installp is busy: run again without `--no-wait` to wait for it.
    WaitWithoutNoWait,
    /// A command of a killed wparup still runs: wait for it.
    WaitForOrphan { pid: i32 },
    /// It is truly hung.
    KillOrphan { pid: i32, wpar: String },
    /// `wparup parse` could not tell what the input is.
    NameTheCommand { input: String },
    /// Not an AIX global environment.
    RunAsRootInGlobal,
    /// Replay instead.
    ReplayWithoutAix,
    /// Not root.
    RunAsRoot,
    /// Out of file descriptors or processes.
    RaiseLimits,

    // --- transcripts and replays ---
    /// `--record` must not overwrite the replayed file.
    RecordElsewhere,
    /// `--record FILE` or `--log-dir DIR` must be writable.
    WritableRecord,
    /// `replay` takes the original run's log.
    ReplayOriginal,
    /// The transcript is for another command line.
    RecordAgain,
    /// Unused steps may be allowed.
    ReplayLenient,
    /// Where the format is described.
    TranscriptFormat,
    /// Each WPAR's entry has its own hints.
    EachRunHasHints,
    /// After an interruption: what installp may have left, and how to look.
    AfterInterrupt,
    /// A bug.
    ReportBug,
}

impl Hint {
    /// The wording of media, runs again and the WPAR's state; `None` for the other hints.
    fn media_and_state(&self, f: &mut fmt::Formatter<'_>) -> Option<fmt::Result> {
        Some(match self {
            Hint::CopyUpdates { dir } => write!(
                f,
                "copy the update images of the missing filesets (at the global level) into `{dir}`"
            ),
            Hint::CopyImages { dir } => write!(
                f,
                "copy the installp images (*.bff, *.I, *.U) into `{dir}`, then run `inutoc {dir}`"
            ),
            Hint::RefreshToc { dir } => write!(
                f,
                "rebuild the media's table of contents: `inutoc {dir}` (installp ignores images a stale .toc does not list; `--refresh-toc` on sync or upgrade does it for you)"
            ),
            Hint::NewerMedia { dir } => write!(
                f,
                "the images in `{dir}` were built before the filesets installed: point -d at the media the global system was updated from (the level `oslevel -s` shows there), or newer; an older service pack cannot go over a newer one"
            ),
            Hint::ChooseMediaDir => f.write_str(
                "give the directory that holds the installp images (e.g. the DVD's `installp/ppc`) with `-d DIR`",
            ),
            Hint::CheckMediaPath => {
                f.write_str("check the path and its permissions, then give it with `-d DIR`")
            }
            Hint::DidYouMean { dir } => write!(f, "did you mean `-d {dir}`?"),
            Hint::RunAgain { rerun } => write!(f, "then run again: `{rerun}`"),
            Hint::StartFirst { wpar } => write!(f, "start it first: `wparup start {wpar}`"),
            Hint::StartWhenReady { wpar } => {
                write!(f, "start it when ready: `wparup start {wpar}`")
            }
            Hint::Reboot { wpar } => write!(
                f,
                "restart it for the new software: `wparup reboot {wpar}` (or add --restart next time)"
            ),
            Hint::StopFirst { wpar } => {
                write!(f, "bring it to Defined first: `wparup stop {wpar}`")
            }
            Hint::StopThenStart => f.write_str(
                "stop and start it instead: `wparup stop NAME` then `wparup start NAME`",
            ),
            Hint::ForceStop { wpar } => write!(
                f,
                "processes that will not stop: `wparup stop {wpar} --force` (stopwpar -F; the WPAR may be left Broken)"
            ),
            Hint::WaitThenList { wpar } => {
                write!(f, "wait, then check with `wparup list {wpar}`")
            }
            Hint::ShowOperation { wpar } => write!(
                f,
                "`lswpar -L {wpar}` shows the running operation and its process id (OPERATION section)"
            ),
            Hint::ForceStopThenStart { wpar } => write!(
                f,
                "force it down with `wparup stop {wpar} --force` (stopwpar -F), then `wparup start {wpar}`"
            ),
            Hint::PrintErrors { wpar } => {
                write!(f, "`wparprnterr {wpar}` prints the errors the WPAR logged")
            }
            Hint::RemoveWpar { wpar } => write!(
                f,
                "if it cannot be recovered, `rmwpar -F {wpar}` removes it (destructive)"
            ),
            Hint::Details { wpar } => {
                write!(f, "`lswpar -L {wpar}` and `wparprnterr {wpar}` show the details")
            }
            Hint::ShowWhy { wpar } => {
                write!(f, "`lswpar -L {wpar}` and `wparprnterr {wpar}` show why")
            }
            Hint::ShowOsType => f.write_str(
                "`lswpar -L NAME` shows the OS type; if it is versioned, run `migwpar -C -d DIR NAME` by hand",
            ),
            Hint::StatusAndLswpar { wpar } => {
                write!(f, "`wparup status {wpar}` and `lswpar -L {wpar}`")
            }
            Hint::ListWpars => f.write_str("`wparup list` shows the WPARs of this system"),
            Hint::ConvertVersioned { wpar } => write!(
                f,
                "convert it to a native WPAR: `wparup migrate {wpar} --convert -d <base media, e.g. /mnt/installp/ppc> --backup <dir>`"
            ),
            Hint::KeepVersioned { wpar } => write!(
                f,
                "or keep it at its level: `wparup migrate {wpar} --keep-versioned --backup <dir>` (global AIX 7.2 TL2 or later)"
            ),
            Hint::SyncDeviceData { wpar } => write!(
                f,
                "its device data alone can be synchronized with `syncwpar -c {wpar}`"
            ),
            _ => return None,
        })
    }

    /// The wording of migration, synchronization and release pairs; `None` for the other hints.
    fn migration_and_sync(&self, f: &mut fmt::Formatter<'_>) -> Option<fmt::Result> {
        Some(match self {
            Hint::ConvertOrKeep => {
                f.write_str("`wparup migrate NAME --convert -d DIR` or `--keep-versioned`")
            }
            Hint::ConvertEach => f.write_str(
                "run `wparup migrate NAME --convert -d DIR` for each versioned WPAR",
            ),
            Hint::ConvertNeedsMedia => f.write_str("migwpar -C requires -d (AIX 7.2 migwpar page)"),
            Hint::UpdateGlobalOrConvert => f.write_str(
                "update the global environment first, or convert the WPAR: `wparup migrate NAME --convert -d DIR`",
            ),
            Hint::MigrateWithMedia { wpar } => write!(
                f,
                "give the new release's base images: `wparup migrate {wpar} -d <base media, e.g. /mnt/installp/ppc> --backup <dir>` (a private /usr needs them)"
            ),
            Hint::Migrate { wpar } => write!(f, "migrate it: `wparup migrate {wpar} --backup <dir>`"),
            Hint::GiveBase { wpar, release } => write!(
                f,
                "give the AIX {release} base images (e.g. the DVD's `installp/ppc`) with `--base DIR`: `wparup upgrade {wpar} --base <base images> -d <update images>`"
            ),
            Hint::MigrateMaybeMedia { wpar } => write!(
                f,
                "migrate it: `wparup migrate {wpar} --backup <dir>` (add `-d <base media>` if the WPAR has a private /usr)"
            ),
            Hint::RunMigrate { wpar, flags } => {
                write!(f, "run it: `wparup migrate {wpar}{flags}`")
            }
            Hint::StartAndCheck { wpar } => write!(
                f,
                "start it and check: `wparup start {wpar}` then `wparup status {wpar}`"
            ),
            Hint::SyncNow { wpar, dir } => write!(
                f,
                "synchronize it: `wparup sync {wpar} -d {dir}` (or `wparup upgrade {wpar} -d {dir}`, which also restarts it when installp asks)"
            ),
            Hint::NothingToSync { wpar } => write!(
                f,
                "nothing to synchronize: `wparup status {wpar}` should say up-to-date"
            ),
            Hint::SyncWithMedia { wpar } => write!(
                f,
                "e.g. `wparup sync {wpar} -d /path/to/7100-00-03 --preview`"
            ),
            Hint::DropMediaDir { wpar } => write!(f, "drop `-d`: `wparup sync {wpar}`"),
            Hint::PreviewSyncWithMedia { wpar, dir } => write!(
                f,
                "or let syncwpar preview it: `wparup sync {wpar} -d {dir} --preview`"
            ),
            Hint::RunSync { wpar, dir, expand } => write!(
                f,
                "run it: `wparup sync {wpar}{}{}`",
                dir.as_ref().map(|d| format!(" -d {d}")).unwrap_or_default(),
                if *expand { " --expand" } else { "" }
            ),
            Hint::SyncExpand { wpar, dir } => write!(
                f,
                "let installp grow the file systems: `wparup sync {wpar}{} --expand`",
                dir.as_ref().map(|d| format!(" -d {d}")).unwrap_or_default()
            ),
            Hint::GrowFs { mount, mb, blocks } => write!(
                f,
                "or grow it by hand: `chfs -a size=+{mb}M {mount}` ({blocks} 512-byte blocks = {mb} MB)"
            ),
            Hint::FreeSpace { mount } => write!(f, "or free space in {mount}"),
            Hint::PreviewSync { wpar } => write!(
                f,
                "preview first to see what blocks it: `wparup sync {wpar} --preview`"
            ),
            Hint::CheckFreeSpace => f.write_str(
                "check free space in the WPAR's /usr, /opt and /tmp (`df -k`), and the log",
            ),
            Hint::ReadLog { wpar } => write!(
                f,
                "read the full output in the log; `lswpar -L {wpar}` shows the WPAR"
            ),
            Hint::FinishWithUpdates {
                wpar,
                level,
                global,
            } => write!(
                f,
                "now at {level}, the global is at {global}: bring it to the global TL/SP with `wparup upgrade {wpar} -d <update directory>`"
            ),
            Hint::PreviewSyncwpar { wpar, dir_args } => write!(
                f,
                "look first, changing nothing: `syncwpar -p{dir_args} {wpar}` (preview)"
            ),
            Hint::ReadIbmNotes => f.write_str(
                "read IBM's notes for this release pair; `migwpar` documents 6.1 -> 7.1/7.2 only",
            ),
            Hint::StatusShowsLevels { wpar } => {
                write!(f, "`wparup status {wpar}` shows both levels")
            }
            Hint::StateWords => f.write_str(
                "use a word (defined, active, transitional, broken, …) or a letter (D, A, T, B, …)",
            ),
            Hint::TypeWords => f.write_str("use system (S) or application (A)"),
            _ => return None,
        })
    }

    /// The wording of the command line, the local system and transcripts; `None` for the other hints.
    fn local_and_transcripts(&self, f: &mut fmt::Formatter<'_>) -> Option<fmt::Result> {
        Some(match self {
            Hint::Help { command: None } => {
                f.write_str("`wparup --help` lists the subcommands and options")
            }
            Hint::Help {
                command: Some(c),
            } => write!(f, "`wparup {c} --help` lists its options"),
            Hint::ListSubcommands => f.write_str("`wparup --help` lists the subcommands"),
            Hint::WritableManDir => f.write_str("give a writable directory with `--dir DIR`"),
            Hint::PrivateDir { flag, euid } => write!(
                f,
                "choose a directory only you can write with `{flag} DIR`, or fix this one (owner {euid}, mode 0700)"
            ),
            Hint::GiveDir { flag } => write!(f, "give one with `{flag} DIR`"),
            Hint::ChooseLogDir => f.write_str("choose it with `--log-dir DIR`"),
            Hint::CheckStdout => f.write_str(
                "check the file or pipe that stdout goes to (disk full? closed?)",
            ),
            Hint::ChooseLockDir => f.write_str(
                "choose a writable lock directory with `--lock-dir DIR` (env WPARUP_LOCK_DIR)",
            ),
            Hint::WaitForHolder { pid } => write!(
                f,
                "wait for it to finish{}; the lock is released automatically when that process ends",
                pid.map(|p| format!(" (`ps -p {p}`)")).unwrap_or_default()
            ),
            Hint::LockFile { path } => write!(f, "lock file: {path}"),
            Hint::WaitWithoutNoWait => f.write_str(
                "or run it again without `--no-wait`: wparup then waits for the other installp to end",
            ),
            Hint::WaitForOrphan { pid } => write!(
                f,
                "wait for it to end (`ps -p {pid}`): wparup will not start a second operation next to it"
            ),
            Hint::KillOrphan { pid, wpar } => write!(
                f,
                "if it is truly hung: `kill {pid}` (then `kill -9 {pid}`), and check the WPAR with `lswpar -L {wpar}`"
            ),
            Hint::NameTheCommand { input } => write!(
                f,
                "name the command: `wparup parse syncwpar {}` (or lswpar, startwpar, stopwpar, rebootwpar, migwpar)",
                if input == "<stdin>" { "-" } else { input }
            ),
            Hint::RunAsRootInGlobal => f.write_str(
                "run wparup as root in an AIX global environment, or point `--bin-dir` at the commands",
            ),
            Hint::ReplayWithoutAix => f.write_str(
                "without AIX, replay a recorded transcript: `wparup --replay FILE <command>`",
            ),
            Hint::RunAsRoot => f.write_str("run wparup as root (the WPAR commands are root-only)"),
            Hint::RaiseLimits => f.write_str(
                "this process ran out of file descriptors or processes: raise the limits (`ulimit -n`, `ulimit -u`) and run again",
            ),
            Hint::RecordElsewhere => f.write_str("record into another file"),
            Hint::WritableRecord => f.write_str(
                "choose a writable file for `--record FILE`, or a writable `--log-dir DIR`",
            ),
            Hint::ReplayOriginal => f.write_str("give `replay` the log of the original run"),
            Hint::RecordAgain => f.write_str(
                "the transcript was recorded for a different command line; record a new one with `--record FILE`, or fix the `# …` line",
            ),
            Hint::ReplayLenient => f.write_str("add `--replay-lenient` to allow unused steps"),
            Hint::TranscriptFormat => f.write_str("the format is described in docs/transcripts.md"),
            Hint::EachRunHasHints => {
                f.write_str("each entry of `wpar_runs` has its own error and hints")
            }
            Hint::AfterInterrupt => f.write_str(
                "an interrupted syncwpar or migwpar may leave installp's work half done: `wparup status NAME --probe` shows each WPAR's level, and `clogin NAME -l root lslpp -l` lists filesets left APPLIED or BROKEN; then run the same command again",
            ),
            Hint::ReportBug => {
                f.write_str("please report this bug with the command line and the log")
            }
            _ => return None,
        })
    }

    /// Backups, verification, the preflight and shell completion.
    fn backup_and_checks(&self, f: &mut fmt::Formatter<'_>) -> Option<fmt::Result> {
        Some(match self {
            Hint::BackupDir { dir } => write!(
                f,
                "create it (`mkdir -p {dir}`) on a file system with room for the images, or name another directory"
            ),
            Hint::BackupFailed { wpar } => write!(
                f,
                "free space in the backup directory and in /tmp (savewpar describes the WPAR in /tmp/wpardata/{wpar}; `--expand` lets it expand /tmp), then run again: WPAR `{wpar}` was not changed"
            ),
            Hint::MigrateBackup { wpar } => write!(
                f,
                "`wparup migrate {wpar} --backup DIR …` saves the WPAR first (savewpar; IBM highly recommends a backup before migwpar); `--no-backup` goes on without one"
            ),
            Hint::LppchkDetails { wpar } => write!(
                f,
                "`clogin {wpar} -l root /usr/bin/lppchk -v -m 3` shows every error, warning and note; correct the filesets it names inside the WPAR, then `wparup verify {wpar}`"
            ),
            Hint::UndoFromBackup { wpar, image } => write!(
                f,
                "to undo, WPAR `{wpar}` was saved before the change: `wparup restore {wpar} --from {image} --preview`, then without --preview"
            ),
            Hint::ApplyIfixes { wpar } => write!(
                f,
                "apply each inside the WPAR (`clogin {wpar} -l root /usr/sbin/emgr -e PACKAGE`), or from the global with `syncwpar -D -E PACKAGE {wpar}` where your AIX level's syncwpar has -E (detached WPARs); an iFix built for another level must be rebuilt for this one"
            ),
            Hint::RestoreLine { wpar, image } => {
                write!(f, "to undo: `wparup restore {wpar} --from {image}`")
            }
            Hint::RestoreShared { wpar, image } => write!(
                f,
                "WPAR `{wpar}` shares the global's /usr: its image `{image}` fits only a global at the level it was taken at (IBM: restwpar's syncroot fails when the installed software differs), so undoing a shared WPAR means undoing the global too (mksysb, alt_disk); `--force` restores the image whatever the global's level"
            ),
            Hint::RestoreUnknown { wpar, image } => write!(
                f,
                "wparup has no record of `{image}` (its IMAGE.json): the WPAR's kind and level in it are unknown; if `{wpar}` has a private /usr or the global has not changed since, `wparup restore {wpar} --from {image} --force`"
            ),
            Hint::RestoreOtherWpar { image } => write!(
                f,
                "name the WPAR the image was taken of (its file name starts with it), or `--force` to restore `{image}` under the name given"
            ),
            Hint::ListImages { dir } => write!(
                f,
                "`wparup backups --dir {dir}` lists the images wparup made there (newest first)"
            ),
            Hint::RestoreAgain { wpar, image } => write!(
                f,
                "the image is intact: fix what restwpar reported (`wparup logs {wpar}`), then `wparup restore {wpar} --from {image}` again (WPAR `{wpar}` was removed before restwpar ran)"
            ),
            Hint::ImportUserVgs { wpar } => write!(
                f,
                "`{wpar}` is a rootvg WPAR: restwpar does not re-import its user volume groups (IBM); `importvg` them, then export them to the WPAR again"
            ),
            Hint::StartAndVerify { wpar } => write!(
                f,
                "it was stopped and is left stopped: `wparup start {wpar}`, then `wparup verify {wpar}`"
            ),
            Hint::CommitApplied { wpar } => write!(
                f,
                "commit them before the update (IBM: commit applied updates in the WPARs before updating): `clogin {wpar} -l root /usr/sbin/installp -c all`"
            ),
            Hint::EfixLocked { wpar } => write!(
                f,
                "`clogin {wpar} -l root /usr/sbin/emgr -l` lists the iFixes that lock them: remove those before the update, then reapply a version built for the new level"
            ),
            Hint::KshCompletion => f.write_str(
                "in bash, `eval \"$(wparup completions bash)\"`; in ksh, `wparup list --names` prints the WPAR names and `wparup SUBCOMMAND --help` the options",
            ),
            _ => return None,
        })
    }
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.media_and_state(f)
            .or_else(|| self.migration_and_sync(f))
            .or_else(|| self.local_and_transcripts(f))
            .or_else(|| self.backup_and_checks(f))
            .unwrap_or(Ok(()))
    }
}

impl serde::Serialize for Hint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for Hint {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Hint".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(g)
    }
}

/// The user's command line as a suggestion: `wparup` and the subcommand with its arguments,
/// without the options that only shape this run's output or executor (`--json`, `-q`, `-v`,
/// `--replay FILE`, `--record FILE`, `--replay-lenient`, `--bin-dir`, `--log-dir`, `--lock-dir`).
pub fn rerun_line(argv: &[std::ffi::OsString]) -> String {
    const DROP: [&str; 5] = ["--json", "-q", "--quiet", "--verbose", "--replay-lenient"];
    const DROP_WITH_VALUE: [&str; 5] = [
        "--replay",
        "--record",
        "--bin-dir",
        "--log-dir",
        "--lock-dir",
    ];
    let mut out = vec![std::ffi::OsString::from("wparup")];
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        let s = a.to_string_lossy();
        if DROP.contains(&s.as_ref())
            || (s.starts_with("-v") && s[1..].chars().all(|c| c == 'v'))
            || DROP_WITH_VALUE
                .iter()
                .any(|d| s.starts_with(&format!("{d}=")))
        {
            continue;
        }
        if DROP_WITH_VALUE.contains(&s.as_ref()) {
            it.next();
            continue;
        }
        out.push(a.clone());
    }
    crate::shell::argv_join(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rerun_keeps_the_subcommand_and_its_flags_only() {
        let argv: Vec<std::ffi::OsString> = [
            "/opt/freeware/bin/wparup",
            "--json",
            "-vv",
            "--log-dir",
            "/tmp/l",
            "upgrade",
            "wp_name",
            "-d",
            "/mnt/7100 03",
            "--restart",
            "--replay=x.txt",
        ]
        .iter()
        .map(Into::into)
        .collect();
        assert_eq!(
            rerun_line(&argv),
            "wparup upgrade wp_name -d '/mnt/7100 03' --restart"
        );
    }
}
