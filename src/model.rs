//! The admin's nouns: WPAR names, states, types, records, AIX messages, fileset tables and levels.
//!
//! Every type here is what a parser produces or a command consumes, and every one serialises to
//! the stable JSON names documented in the README (they are API, like the exit codes). Where the
//! AIX reference marks a fact as uncertain, the type keeps the raw text instead of guessing
//! (`WparState::Unknown`, `WparType::Unknown`, `Wpar::ostype`).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// Longest WPAR name AIX accepts, in bytes (mkwpar/chwpar pages, AIX-REFERENCE §1).
pub const MAX_NAME_LEN: usize = 25;

/// Characters the mkwpar and chwpar pages forbid in a WPAR name (AIX-REFERENCE §1). The page's
/// stray `0` in the list is a rendering artefact; a leading `0` is refused separately.
const FORBIDDEN: &[u8] = b"=:/!;`'\"<>~&()*+[],.^{}|\\";

/// A WPAR name checked against the AIX rules, so that nothing else (a flag such as `-A`, a path, a
/// shell metacharacter) can ever reach an AIX command where a name is expected.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WparName(String);

/// Why a string is not a WPAR name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Nothing given.
    #[error("a WPAR name cannot be empty")]
    Empty,
    /// More than 25 bytes.
    #[error("`{name}` is {len} bytes long; AIX allows at most 25")]
    TooLong {
        /// The rejected name (lossy, for the message).
        name: String,
        /// Its length in bytes.
        len: usize,
    },
    /// Starts with `-` (would be read as a flag, e.g. `-A` = all WPARs) or `0`.
    #[error("`{name}` starts with `{first}`; AIX WPAR names cannot start with `-` or `0`")]
    BadStart {
        /// The rejected name.
        name: String,
        /// The offending first character.
        first: char,
    },
    /// Contains white space, a forbidden symbol or a non-ASCII character.
    #[error("`{name}` contains {what}, which AIX does not allow in a WPAR name")]
    BadChar {
        /// The rejected name (with the character escaped).
        name: String,
        /// A description of the character.
        what: String,
    },
}

impl WparName {
    /// The name as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for WparName {
    type Err = NameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let shown = || s.escape_default().to_string();
        let Some(first) = s.chars().next() else {
            return Err(NameError::Empty);
        };
        if s.len() > MAX_NAME_LEN {
            return Err(NameError::TooLong {
                name: shown(),
                len: s.len(),
            });
        }
        if first == '-' || first == '0' {
            return Err(NameError::BadStart {
                name: shown(),
                first,
            });
        }
        for c in s.chars() {
            let what = if !c.is_ascii() {
                Some(format!("the non-ASCII character `{c}`"))
            } else if c.is_ascii_whitespace() {
                Some("white space".to_string())
            } else if c.is_ascii_control() {
                Some(format!("the control character `{}`", c.escape_default()))
            } else if FORBIDDEN.contains(&(c as u8)) {
                Some(format!("`{c}`"))
            } else {
                None
            };
            if let Some(what) = what {
                return Err(NameError::BadChar {
                    name: shown(),
                    what,
                });
            }
        }
        Ok(WparName(s.to_string()))
    }
}

impl fmt::Display for WparName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for WparName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// A WPAR's state (lswpar letters `D L A F P B T`, words from `-L` and IBM's page).
///
/// Maintenance and Moving both begin with `M` and IBM's letter for them could not be verified
/// (AIX-REFERENCE §2.4, "letter UNCERTAIN"), so the letter `M` maps to `Unknown("M")` rather than
/// to a guess; the words map exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum WparState {
    /// `D`: defined, not running.
    Defined,
    /// `L`: configured in the kernel, no processes.
    Loaded,
    /// `A`: running.
    Active,
    /// `F`: checkpoint in progress.
    Frozen,
    /// `P`: paused after checkpoint/restart.
    Paused,
    /// Started with `startwpar -m` (word only).
    Maintenance,
    /// Being relocated (word only).
    Moving,
    /// `T`: an administrative operation is in progress.
    Transitional,
    /// `B`: an operation failed and left the WPAR unusable.
    Broken,
    /// Anything else, raw letter or word kept.
    Unknown(String),
}

impl WparState {
    /// From the single letter of the tabular and `-c` outputs.
    pub fn from_code(code: &str) -> Self {
        match code.trim() {
            "D" => Self::Defined,
            "L" => Self::Loaded,
            "A" => Self::Active,
            "F" => Self::Frozen,
            "P" => Self::Paused,
            "T" => Self::Transitional,
            "B" => Self::Broken,
            other if other.len() > 1 => Self::from_word(other),
            other => Self::Unknown(other.to_string()),
        }
    }

    /// From the word of `lswpar -L` (`applejack-541ba3 - Active`), any case.
    pub fn from_word(word: &str) -> Self {
        match word.trim().to_ascii_lowercase().as_str() {
            "defined" => Self::Defined,
            "loaded" => Self::Loaded,
            "active" => Self::Active,
            "frozen" => Self::Frozen,
            "paused" => Self::Paused,
            "maintenance" => Self::Maintenance,
            "moving" => Self::Moving,
            "transitional" => Self::Transitional,
            "broken" => Self::Broken,
            _ => Self::Unknown(word.trim().to_string()),
        }
    }

    /// Lower-case word for JSON and tables (`"unknown"` for anything not recognised).
    pub fn word(&self) -> &'static str {
        match self {
            Self::Defined => "defined",
            Self::Loaded => "loaded",
            Self::Active => "active",
            Self::Frozen => "frozen",
            Self::Paused => "paused",
            Self::Maintenance => "maintenance",
            Self::Moving => "moving",
            Self::Transitional => "transitional",
            Self::Broken => "broken",
            Self::Unknown(_) => "unknown",
        }
    }

    /// Parses the `--state` filter of `wparup list`: a word or a letter.
    pub fn from_filter(s: &str) -> Self {
        if s.len() == 1 {
            Self::from_code(&s.to_ascii_uppercase())
        } else {
            Self::from_word(s)
        }
    }
}

impl fmt::Display for WparState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unknown(raw) => write!(f, "unknown ({raw})"),
            other => f.write_str(other.word()),
        }
    }
}

impl Serialize for WparState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.word())
    }
}

/// A WPAR's type (`S` system, `A` application; UCMDB content shows lower-case letters too).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum WparType {
    /// `S`.
    System,
    /// `A`.
    Application,
    /// Anything else, raw kept.
    Unknown(String),
}

impl WparType {
    /// From the letter, any case.
    pub fn from_code(code: &str) -> Self {
        match code.trim().to_ascii_uppercase().as_str() {
            "S" | "SYSTEM" => Self::System,
            "A" | "APPLICATION" => Self::Application,
            _ => Self::Unknown(code.trim().to_string()),
        }
    }

    /// Lower-case word for JSON and tables.
    pub fn word(&self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Application => "application",
            Self::Unknown(_) => "unknown",
        }
    }
}

impl Serialize for WparType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.word())
    }
}

/// One WPAR as lswpar describes it. Facts lswpar did not show are `None` (JSON `null`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Wpar {
    /// The name exactly as lswpar printed it.
    pub name: String,
    /// Its state (lswpar `state`, a letter or a word).
    pub state: WparState,
    /// The state letter, when the output showed one.
    pub state_code: Option<String>,
    /// System or application (lswpar `type`: `S` or `A`).
    #[serde(rename = "type")]
    pub wpar_type: WparType,
    /// The type letter, when shown.
    pub type_code: Option<String>,
    /// Host name (lswpar `hostname`).
    pub hostname: Option<String>,
    /// Base directory (`/wpars/<name>`; `/` for application WPARs).
    pub directory: Option<String>,
    /// Private (detached, writable) /usr: needs `-d` media for syncwpar -D and migwpar.
    pub private_usr: Option<bool>,
    /// rootvg WPAR.
    pub rootvg: Option<bool>,
    /// The raw OS-type value (`ostype` / `OStype:`), whose meanings IBM does not document.
    pub ostype: Option<String>,
    /// True only with evidence that this is a 5.2/5.3 versioned WPAR (see [`versioned_from_ostype`]).
    pub versioned: bool,
}

impl Wpar {
    /// A record with only a name and a state, everything else unknown.
    pub fn new(name: &str, state: WparState) -> Self {
        Wpar {
            name: name.to_string(),
            state,
            state_code: None,
            wpar_type: WparType::Unknown(String::new()),
            type_code: None,
            hostname: None,
            directory: None,
            private_usr: None,
            rootvg: None,
            ostype: None,
            versioned: false,
        }
    }
}

/// Reads lswpar's `yes`/`no` (any case); anything else is unknown.
pub fn yes_no(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Some(true),
        "no" | "n" | "false" => Some(false),
        _ => None,
    }
}

/// Evidence of a versioned WPAR in the raw `ostype` value.
///
/// UNCERTAIN (AIX-REFERENCE §2.2, open question 4): IBM documents neither the field's presence per
/// level nor its values. wparup claims "versioned" only when the value names release 5.2 or 5.3
/// (`5.2`, `52`, `5200`, `AIX 5.3`, …); `0`, empty, and everything else are treated as native, and
/// the raw value is always shown so the admin can judge.
pub fn versioned_from_ostype(raw: &str) -> bool {
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit()).collect();
    ["52", "53"].iter().any(|p| digits.starts_with(p))
}

/// An AIX diagnostic: `<command>: NNNN-NNN text` (or `NNNN-NNN <command>: text`, or id only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Message {
    /// The command that printed it, when the line names one (`syncwpar`, `installp`, …).
    pub command: Option<String>,
    /// The `NNNN-NNN` id.
    pub id: String,
    /// The text, continuation lines joined with a space.
    pub text: String,
    /// 1-based line number in the parsed output.
    pub line: usize,
}

/// A row of the table after `syncwpar: 0960-582`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MissingFileset {
    /// Fileset name (`vac.C`).
    pub fileset: String,
    /// Level in the WPAR, when shown.
    pub wpar_level: Option<String>,
    /// Level in the global environment, when shown.
    pub global_level: Option<String>,
}

/// installp's build-date check refused a fileset: the image on the media was built before the
/// fileset already installed (`0503-465 installp: The build date requisite check failed for
/// fileset bos.rte.install.`, then `Installed fileset build date of 0816 is more recent than the
/// selected fileset build date of 0746.`; dates are YYWW).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct BuildDateFailure {
    /// The fileset, when the message names it.
    pub fileset: Option<String>,
    /// Build date (YYWW) of the fileset installed.
    pub installed: Option<String>,
    /// Build date (YYWW) of the image on the media.
    pub selected: Option<String>,
}

/// `0503-008 … filesystem /usr (930568 more 512-byte blocks are required).`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SpaceShortfall {
    /// The file system (mount point) as printed.
    pub filesystem: String,
    /// 512-byte blocks still needed, when printed (lquerypv's /tmp message has no number).
    pub blocks_512: Option<u64>,
}

impl SpaceShortfall {
    /// The shortfall in MiB, rounded up (what `chfs -a size=+<N>M` wants).
    pub fn megabytes(&self) -> Option<u64> {
        self.blocks_512.map(|b| (b * 512).div_ceil(1024 * 1024))
    }
}

/// A row of `inuwpar: Operation Summary:` (`Environment  Return Code`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct EnvReturn {
    /// The environment (a WPAR name, or `Global`).
    pub name: String,
    /// Its return code.
    pub return_code: i64,
}

/// What `lppchk -v` said inside a WPAR (`verify`): nothing, exit 0 is consistent (IBM); any
/// line, or another exit, is a problem. No published output shows lppchk's problem lines, so
/// they are kept as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Consistency {
    /// No output and exit 0.
    pub consistent: bool,
    /// lppchk's lines (stdout, then stderr), as printed.
    pub lines: Vec<String>,
    /// How lppchk ended (`exit status 0`, …).
    pub end: String,
}

/// One installed iFix (`emgr -l`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Ifix {
    /// Its label (`IJ20785s2a`).
    pub label: String,
    /// Its state code (`S`, `*Q*`, …).
    pub state: String,
    /// The abstract, as printed.
    pub summary: String,
}

/// The iFixes of a WPAR against the global's (`verify`): IBM's Redbook says syncwpar, inuwpar
/// and syncroot do not manage iFixes, so a global's iFix is not in a detached WPAR, and its
/// root-part changes are not in a shared one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct IfixCheck {
    /// The iFixes `emgr -l` lists inside the WPAR.
    pub installed: Vec<Ifix>,
    /// Labels the global lists that the WPAR does not.
    pub not_in_wpar: Vec<String>,
    /// Lines of the table that could not be typed, as printed.
    pub unparsed: Vec<String>,
}

/// The free-space forecast of a WPAR's `/usr` before a sync or migration: the update images of
/// the filesets to apply against what `df` shows free there. The images' size is a lower bound
/// of what installp writes (it also keeps saved copies and works in /tmp): a shortfall is
/// certain, a fit is not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SpaceForecast {
    /// The file system (`/wpars/wp_name/usr`).
    pub mount: String,
    /// Free there now, in bytes (`df -Pk`).
    pub free_bytes: u64,
    /// The update images of the filesets to apply, in bytes.
    pub images_bytes: u64,
    /// Filesets to apply whose image file does not carry their name: not counted.
    pub not_sized: usize,
    /// The images alone do not fit.
    pub short: bool,
}

/// A backup image wparup took of a WPAR (`savewpar`), and what it knows of it. Written as
/// `<image>.json` beside the image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct BackupImage {
    /// The WPAR.
    pub wpar: String,
    /// The image file.
    pub image: String,
    /// When it was taken (UTC, `YYYYMMDDTHHMMSSZ`).
    pub taken: String,
    /// The WPAR's `oslevel -s` when it was read before the backup, else null.
    pub level: Option<String>,
    /// The global's `oslevel -s` when the image was taken (a shared-/usr WPAR's software is
    /// the global's: its image fits a global at this level), else null.
    #[serde(default)]
    pub global_level: Option<String>,
    /// The image's size in bytes, when the image is on this system (a replay elsewhere: null).
    pub size_bytes: Option<u64>,
    /// The WPAR had a private (detached) /usr when it was saved; false: shared /usr (a
    /// restore onto a global whose software differs fails in syncroot); null: not known.
    #[serde(default)]
    pub private_usr: Option<bool>,
    /// It was a rootvg WPAR (restwpar does not re-import its user volume groups); null: not
    /// known.
    #[serde(default)]
    pub rootvg: Option<bool>,
    /// What `lssavewpar -l -f IMAGE` printed, line by line (kept as printed: no published
    /// output shows its format, so none of it is typed).
    pub contents: Vec<String>,
}

impl BackupImage {
    /// An image wparup has no record of: only its WPAR, its path and the time its name says.
    pub fn unrecorded(wpar: &str, image: String, taken: String) -> Self {
        BackupImage {
            wpar: wpar.to_string(),
            image,
            taken,
            level: None,
            global_level: None,
            size_bytes: None,
            private_usr: None,
            rootvg: None,
            contents: Vec::new(),
        }
    }
}

/// A row of installp's `Installation Summary` (`Name Level Part Event Result`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SummaryRow {
    /// Fileset name (installp may cut it at 27 characters).
    pub name: String,
    /// Its level, `V.R.M.F` as printed.
    pub level: String,
    /// `USR`, `ROOT`, `SHARE`.
    pub part: Word,
    /// `APPLY`, `COMMIT`, `REJECT`, `DEINSTALL`, …
    pub event: Word,
    /// `SUCCESS`, `FAILED`, `CANCELLED`, …
    pub result: Word,
}

/// A word of a small vocabulary (installp's parts, events and results): the usual ones are
/// shared, not allocated per row (a 100 MB log has 50,000 summary rows); any other is kept as
/// printed. Serialized as the string.
pub type Word = std::borrow::Cow<'static, str>;

impl SummaryRow {
    /// Did this row fail?
    pub fn failed(&self) -> bool {
        !self.result.eq_ignore_ascii_case("SUCCESS")
    }
}

/// installp `FILESET STATISTICS` counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FilesetStats {
    /// `N Selected to be installed, of which:`.
    pub selected: Option<u64>,
    /// `N Passed pre-installation verification`.
    pub passed: Option<u64>,
    /// `N FAILED pre-installation verification`.
    pub failed: Option<u64>,
    /// `N Total to be installed`.
    pub total: Option<u64>,
}

/// The status trailer: `Return Status = SUCCESS.`, `syncroot: Returns Status = FAILURE`, …
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrailerStatus {
    /// `= SUCCESS`.
    Success,
    /// `= FAILURE`.
    Failure,
    /// No trailer seen.
    Unknown,
}

/// An AIX level as printed by `oslevel -s`: `VVVV-TT-SS-YYWW`, e.g. `7100-00-03-1115`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OsLevel {
    /// Release, e.g. 7100.
    pub release: u32,
    /// Technology level (`TL` of `RRRR-TL-SP-BUILD`).
    pub tl: u32,
    /// Service pack, when printed.
    pub sp: Option<u32>,
    /// Build sequence YYWW, when printed.
    pub build: Option<u32>,
    /// The text as printed.
    pub raw: String,
}

impl OsLevel {
    /// Parses `7100-00-03-1115`, `7100-00-03`, `7100-00` (leading/trailing blanks allowed).
    pub fn parse(s: &str) -> Option<OsLevel> {
        let raw = s.trim();
        let mut parts = raw.split('-');
        let release = parse_fixed(parts.next()?, 4)?;
        let tl = parse_fixed(parts.next()?, 2)?;
        let sp = match parts.next() {
            Some(p) => Some(parse_fixed(p, 2)?),
            None => None,
        };
        let build = match parts.next() {
            Some(p) => Some(parse_fixed(p, 4)?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(OsLevel {
            release,
            tl,
            sp,
            build,
            raw: raw.to_string(),
        })
    }

    /// `7.1` for release 7100.
    pub fn release_name(&self) -> String {
        format!("{}.{}", self.release / 1000, (self.release / 100) % 10)
    }

    /// Compares technology level and service pack within one release (build sequence last).
    pub fn cmp_within_release(&self, other: &OsLevel) -> Ordering {
        (self.tl, self.sp.unwrap_or(0), self.build.unwrap_or(0)).cmp(&(
            other.tl,
            other.sp.unwrap_or(0),
            other.build.unwrap_or(0),
        ))
    }
}

fn parse_fixed(s: &str, width: usize) -> Option<u32> {
    if s.len() != width || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl fmt::Display for OsLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl Serialize for OsLevel {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

/// A fileset level `V.R.M.F` (`11.1.0.7`), compared numerically field by field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FilesetLevel {
    parts: Vec<u32>,
    raw: String,
}

impl FilesetLevel {
    /// Parses a dotted level; `None` unless every field is a number.
    pub fn parse(s: &str) -> Option<FilesetLevel> {
        let raw = s.trim();
        if raw.is_empty() {
            return None;
        }
        let parts = raw
            .split('.')
            .map(|p| p.parse::<u32>().ok())
            .collect::<Option<Vec<u32>>>()?;
        Some(FilesetLevel {
            parts,
            raw: raw.to_string(),
        })
    }

    /// The level as printed.
    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

impl Ord for FilesetLevel {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.parts.len().max(other.parts.len());
        for i in 0..n {
            let a = self.parts.get(i).copied().unwrap_or(0);
            let b = other.parts.get(i).copied().unwrap_or(0);
            match a.cmp(&b) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        Ordering::Equal
    }
}

impl PartialOrd for FilesetLevel {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for FilesetLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

/// What a WPAR needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Same level as the global.
    UpToDate,
    /// Same release, older TL/SP: syncwpar.
    NeedsSync,
    /// Older release with a documented path: migwpar.
    NeedsMigrate,
    /// 5.2/5.3 versioned WPAR: neither sync nor plain migrate applies.
    Versioned,
    /// Cannot tell, or no documented path.
    Unknown,
}

impl Verdict {
    /// The JSON/table word.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::UpToDate => "up-to-date",
            Verdict::NeedsSync => "needs-sync",
            Verdict::NeedsMigrate => "needs-migrate",
            Verdict::Versioned => "versioned",
            Verdict::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_mkwpar_rules() {
        for ok in ["wp_name", "applejack-541ba3", "kitchenwpar", "W1", "a"] {
            assert!(ok.parse::<WparName>().is_ok(), "{ok}");
        }
        let long = "a".repeat(26);
        for bad in [
            "",
            "-A",
            "-v",
            "0abc",
            "a;b",
            "../x",
            "a b",
            "é",
            long.as_str(),
        ] {
            assert!(bad.parse::<WparName>().is_err(), "{bad}");
        }
        assert!("a".repeat(25).parse::<WparName>().is_ok());
    }

    #[test]
    fn states_keep_what_they_do_not_know() {
        assert_eq!(WparState::from_code("A"), WparState::Active);
        assert_eq!(WparState::from_code("M"), WparState::Unknown("M".into()));
        assert_eq!(WparState::from_word("Defined"), WparState::Defined);
        assert_eq!(WparState::from_filter("t"), WparState::Transitional);
    }

    #[test]
    fn levels_compare_numerically() {
        let a = FilesetLevel::parse("11.1.0.2").unwrap();
        let b = FilesetLevel::parse("11.1.0.10").unwrap();
        assert!(a < b);
        let g = OsLevel::parse("7100-00-03-1115").unwrap();
        let w = OsLevel::parse("7100-00-01-1037").unwrap();
        assert_eq!(w.cmp_within_release(&g), Ordering::Less);
        assert_eq!(g.release_name(), "7.1");
        assert!(OsLevel::parse("7100-0-03").is_none());
    }

    #[test]
    fn versioned_needs_evidence() {
        assert!(versioned_from_ostype("5.2"));
        assert!(versioned_from_ostype("5300"));
        assert!(!versioned_from_ostype("0"));
        assert!(!versioned_from_ostype(""));
        assert!(!versioned_from_ostype("7.1"));
    }

    #[test]
    fn shortfall_in_megabytes() {
        let s = SpaceShortfall {
            filesystem: "/usr".into(),
            blocks_512: Some(930568),
        };
        assert_eq!(s.megabytes(), Some(455));
    }
}

/// These serialize as plain strings (their own `Serialize` impls above): so is their schema.
macro_rules! string_schema {
    ($($t:ty),*) => {$(
        impl schemars::JsonSchema for $t {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($t).into()
            }
            fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <String as schemars::JsonSchema>::json_schema(g)
            }
        }
    )*};
}
string_schema!(WparName, WparState, WparType, OsLevel);
