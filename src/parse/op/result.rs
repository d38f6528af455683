//! What the output of one WPAR operation told us: the typed result the state machine fills.

use serde::Serialize;

use crate::model::{
    BuildDateFailure, EnvReturn, FilesetStats, Message, MissingFileset, SpaceShortfall, SummaryRow,
    TrailerStatus,
};
use crate::parse::RawLine;
use crate::program::Program;

/// `Synchronizing workload partition wp_name (1 of 1).`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Section {
    /// The WPAR being processed.
    pub wpar: String,
    /// Its position (`N` of `(N of M)`).
    pub index: Option<u32>,
    /// Out of how many.
    pub of: Option<u32>,
    /// 1-based line number.
    pub line: usize,
}

/// A `fileset level` pair (preview "Fileset levels to be applied:").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FilesetAtLevel {
    /// The fileset, as installp names it (`bos.rte`).
    pub fileset: String,
    /// Its level, `V.R.M.F` as printed.
    pub level: String,
}

/// installp progress: `Filesets processed:  N of M`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Progress {
    /// Filesets processed so far (`Filesets processed: N of M`: N).
    pub done: u64,
    /// Filesets to process in all (M).
    pub total: u64,
}

/// Everything the output of one WPAR operation told us ([`crate::classify`] judges it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OpResult {
    /// `syncwpar`, `migwpar`, …
    pub command: Program,
    /// False when the output ended before any final word (trailer, terminal message, exit status).
    pub complete: bool,
    /// What the output says of the outcome: `failure` when it shows a refusal or error
    /// message, a FAILED summary row, `Result = FAILURE`, an installp installation failure or a
    /// FAILURE trailer; `success` when the command's own success lines (or a SUCCESS trailer)
    /// say so; `unknown` otherwise. The trailer itself is in `trailer`.
    pub status: TrailerStatus,
    /// The status trailer's (or `Result = …` line's) word alone.
    #[serde(skip)]
    pub trailer_status: TrailerStatus,
    /// Every `NNNN-NNN` message, in order.
    pub messages: Vec<Message>,
    /// The 0960-582 table (and installp's "Missing Filesets" list, levels unknown).
    pub missing_filesets: Vec<MissingFileset>,
    /// 0503-008 and kin.
    pub space_shortfalls: Vec<SpaceShortfall>,
    /// installp's build-date check (0503-465): media images older than the installed filesets.
    pub builddate_failures: Vec<BuildDateFailure>,
    /// Every row of every `inuwpar: Operation Summary`, in order.
    pub environments: Vec<EnvReturn>,
    /// The Operation Summary tables one by one (they repeat during a sync).
    pub operation_summaries: Vec<Vec<EnvReturn>>,
    /// installp Installation Summary rows.
    pub installation_summary: Vec<SummaryRow>,
    /// installp FILESET STATISTICS (the last block seen).
    pub fileset_statistics: Option<FilesetStats>,
    /// The `A T T E N T I O N` banner or 0503-292: the WPAR must be restarted.
    pub reboot_required: bool,
    /// 0960-580.
    pub cycle_detected: bool,
    /// `Workload partition X synchronized successfully.`
    pub synchronized: Vec<String>,
    /// Per-WPAR sections.
    pub sections: Vec<Section>,
    /// `Shared /usr WPAR list: …` (empty list for `none`).
    pub shared_usr_list: Option<Vec<String>>,
    /// `Cleaning up ...` seen.
    pub cleaning_up: bool,
    /// A preview run (`Previewing install operations …`).
    pub preview: bool,
    /// Preview: `Fileset levels to be applied:`.
    pub to_apply: Vec<FilesetAtLevel>,
    /// Filesets listed under `installp: APPLYING software for:`.
    pub applying: u64,
    /// Filesets listed under `installp: COMMITTING software for:`.
    pub committing: u64,
    /// Last `Filesets processed: N of M`.
    pub progress: Option<Progress>,
    /// `Finished processing all filesets.` seen.
    pub finished: bool,
    /// Its total time (`1 mins 28 secs`).
    pub total_time: Option<String>,
    /// syncroot: `Your global system is at a higher version than the WPAR.`
    pub higher_global_version: bool,
    /// installp/syncroot failures without an id (requisites, `Error synchronizing installp software`).
    pub install_errors: Vec<String>,
    /// Media problems without an id (`Device … could not be accessed`, invalid `.toc`).
    pub media_errors: Vec<String>,
    /// Configuration files installp reports as modified (`File /etc/group has been modified.`,
    /// before `One or more of the files listed in /etc/check_config.files have changed.`): worth
    /// a look at `/var/adm/ras/config.diff` after an upgrade.
    pub config_files_changed: Vec<String>,
    /// The trailer line as printed.
    pub trailer: Option<String>,
    /// Lines read (each counted once: typed, blank, elided or unrecognised).
    pub lines: u64,
    /// Bytes read (newlines included).
    pub bytes: u64,
    /// Lines that were not valid UTF-8 (shown lossily; the log keeps the bytes).
    pub non_utf8_lines: u64,
    /// Lines a rule read (messages, rows, landmarks, continuations).
    pub typed: u64,
    /// Lines empty or white space only.
    pub blank: u64,
    /// Lines no rule recognised.
    pub unrecognized: u64,
    /// The first of them.
    pub unrecognized_sample: Vec<RawLine>,
    /// `...` lines (an author's elision in published logs).
    pub elided: u64,
    /// Records beyond [`crate::parse::MAX_KEPT`] (or a smaller cap for rarer kinds): counted,
    /// not kept.
    pub dropped: u64,
}

impl OpResult {
    pub(super) fn new(command: Program) -> Self {
        OpResult {
            command,
            complete: false,
            status: TrailerStatus::Unknown,
            trailer_status: TrailerStatus::Unknown,
            messages: Vec::new(),
            missing_filesets: Vec::new(),
            space_shortfalls: Vec::new(),
            builddate_failures: Vec::new(),
            environments: Vec::new(),
            operation_summaries: Vec::new(),
            installation_summary: Vec::new(),
            fileset_statistics: None,
            reboot_required: false,
            cycle_detected: false,
            synchronized: Vec::new(),
            sections: Vec::new(),
            shared_usr_list: None,
            cleaning_up: false,
            preview: false,
            to_apply: Vec::new(),
            applying: 0,
            committing: 0,
            progress: None,
            finished: false,
            total_time: None,
            higher_global_version: false,
            install_errors: Vec::new(),
            media_errors: Vec::new(),
            config_files_changed: Vec::new(),
            trailer: None,
            lines: 0,
            bytes: 0,
            non_utf8_lines: 0,
            typed: 0,
            blank: 0,
            unrecognized: 0,
            unrecognized_sample: Vec::new(),
            elided: 0,
            dropped: 0,
        }
    }

    /// Has a message with this id been seen?
    pub fn has_id(&self, id: &str) -> bool {
        self.messages.iter().any(|m| m.id == id)
    }

    /// A preview that listed what it would apply (the seed: no SUCCESS line after a good preview).
    pub fn complete_preview(&self) -> bool {
        !self.to_apply.is_empty() || self.environments.iter().any(|e| e.return_code == 0)
    }

    /// Installation-summary rows that did not succeed.
    pub fn failed_rows(&self) -> impl Iterator<Item = &SummaryRow> {
        self.installation_summary.iter().filter(|r| r.failed())
    }
}
