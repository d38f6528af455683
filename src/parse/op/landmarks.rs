//! The landmark lines of the op parser: the lines without a message id that mean something
//! (headings that open a table, `Synchronizing workload partition …`, the trailer, installp's
//! and inuwpar's own lines), recognised by their first byte, then their words.

use super::OpParser;
use super::lines::{is_level_bytes, section, total_time};
use super::machine::{ListKind, Mode};
use super::result::Progress;
use crate::model::{BuildDateFailure, FilesetStats, TrailerStatus};
use crate::parse::{contains, is_rule, lossy, text};

/// The reboot banner's word, searched with one prebuilt searcher.
static ATTENTION: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"A T T E N T I O N"));

/// A decimal number of ASCII digits (as `u64::from_str`, leading `+` allowed).
fn ascii_u64(b: &[u8]) -> Option<u64> {
    let b = b.strip_prefix(b"+").unwrap_or(b);
    if b.is_empty() || b.len() > 19 {
        return None;
    }
    let mut v = 0u64;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v = v * 10 + u64::from(d);
    }
    Some(v)
}

/// `  N of M  (Total time: …)` after `Filesets processed:`: N and M are its first and third
/// words (the second is `of` or its translation); what follows is not looked at.
pub(super) fn progress(rest: &[u8]) -> Option<Progress> {
    progress_as_printed(rest).or_else(|| progress_any(rest))
}

/// [`progress`] for the line as installp prints it (spaces, digits, a word, digits, a blank),
/// reading the numbers as it scans; `None` for any other shape, which [`progress_any`] reads.
pub(super) fn progress_as_printed(rest: &[u8]) -> Option<Progress> {
    // One forward pass over the bytes: this runs once per fileset, thousands of times per log.
    let mut it = rest.iter().copied();
    let mut b = it.next()?;
    while b == b' ' {
        b = it.next()?;
    }
    let (mut done, mut digits) = (0u64, 0u32);
    while b.is_ascii_digit() {
        done = done.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
        digits += 1;
        b = it.next()?;
    }
    if !(1..=19).contains(&digits) || !b.is_ascii_whitespace() {
        return None;
    }
    while b.is_ascii_whitespace() {
        b = it.next()?;
    }
    // The word between the numbers (`of`, or its translation), then one blank.
    while !b.is_ascii_whitespace() {
        b = it.next()?;
    }
    let mut next = it.next();
    while next == Some(b' ') {
        next = it.next();
    }
    let (mut total, mut digits) = (0u64, 0u32);
    while let Some(d) = next.filter(u8::is_ascii_digit) {
        total = total.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
        digits += 1;
        next = it.next();
    }
    let ends = next.is_none_or(|c| c.is_ascii_whitespace());
    ((1..=19).contains(&digits) && ends).then_some(Progress { done, total })
}

/// [`progress`] for any shape: the first and third whitespace-separated words, each a decimal
/// number as [`ascii_u64`] reads it.
pub(super) fn progress_any(rest: &[u8]) -> Option<Progress> {
    let mut words = rest
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty());
    let done = ascii_u64(words.next()?)?;
    words.next()?;
    let total = ascii_u64(words.next()?)?;
    Some(Progress { done, total })
}

/// The fileset of `The build date requisite check failed for fileset bos.rte.install.`
pub(super) fn builddate_fileset(text: &str) -> Option<String> {
    let (_, rest) = text.split_once("check failed for fileset ")?;
    let name = rest.split_whitespace().next()?.trim_end_matches('.');
    (!name.is_empty()).then(|| name.to_string())
}

/// `Installed fileset build date of 0816 is more recent than the selected fileset build date
/// of 0746.`: the two dates (YYWW).
fn builddates(t: &[u8]) -> Option<(String, String)> {
    let rest = t.strip_prefix(b"Installed fileset build date of ")?;
    let at = memchr::memmem::find(rest, b"selected fileset build date of ")?;
    let word = |b: &[u8]| {
        let w = b.split(u8::is_ascii_whitespace).find(|w| !w.is_empty())?;
        let w = w.strip_suffix(b".").unwrap_or(w);
        (!w.is_empty()).then(|| lossy(w))
    };
    Some((word(rest)?, word(rest.get(at + 31..)?)?))
}

/// installp's line before each fileset it applies, as it prints it.
pub(super) const APPLYING: &[u8] = b"installp:  APPLYING software for:";

/// Is `t` (trimmed) an installp fileset list row `name level`: exactly two words, the second a
/// level?
pub(super) fn is_list_row(t: &[u8]) -> bool {
    // One pass: the first word, the blanks after it, and a level with no blank in it (so
    // exactly two words: `is_level_bytes` refuses a blank).
    let Some(gap) = crate::parse::scan::first_blank(t) else {
        return false;
    };
    gap > 0 && is_level_bytes(t.get(gap..).unwrap_or_default().trim_ascii_start())
}

impl OpParser {
    /// Recognises the id-less landmarks. Returns true when the line was one.
    pub(super) fn structure(&mut self, t: &[u8], n: usize) -> bool {
        let Some(&first) = t.first() else {
            return false;
        };
        // A trailer ends in SUCCESS or FAILURE (`.` optional): test that suffix before looking
        // for `Status = ` in the line.
        let tail = t.strip_suffix(b".").unwrap_or(t);
        if (tail.ends_with(b"SUCCESS") || tail.ends_with(b"FAILURE")) && self.trailer(t) {
            return true;
        }
        match first {
            b'S' => self.landmark_s(t, n),
            b'W' => self.landmark_w(t),
            b'C' => {
                if t.starts_with(b"Cleaning up ...") {
                    self.r.cleaning_up = true;
                    return true;
                }
                t.starts_with(b"Cleaning up software for:")
            }
            b'F' => self.landmark_f(t),
            b'I' => self.landmark_i(t),
            b'O' => {
                t.starts_with(b"One or more of the files listed in /etc/check_config.files")
                    // emgr's own `Operation Summary` heading (inuwpar's has a prefix).
                    || t == b"Operation Summary"
            }
            b'i' => self.tool_line(t),
            b'P' => self.landmark_p(t),
            b'Y' => {
                if t.starts_with(b"Your global system is at a higher version than the WPAR") {
                    self.r.higher_global_version = true;
                    return true;
                }
                false
            }
            b'M' => self.landmark_m(t),
            b's' => {
                if t.starts_with(b"syncroot: Error synchronizing installp software") {
                    self.r.install_errors.push(text(t));
                    return true;
                }
                t.starts_with(b"syncroot: Processing root part")
            }
            b'A' => t.starts_with(b"An attempt to extend this filesystem"),
            // The rest of the A T T E N T I O N banner.
            b'a' => {
                t.starts_with(b"and any of its diskless/dataless clients")
                    // the end of `Filesets listed in this section …`
                    || t == b"and will not be installed."
                    || t == b"and will be installed."
            }
            // A heading's underline (`--------`, `====`) outside any table.
            b'-' | b'=' => is_rule(t),
            b'f' => t.starts_with(b"for the changes to be made effective"),
            b'L' => {
                t.starts_with(b"Loading workload partition")
                    // emgr: `Log file is /var/adm/ras/emgr.log`
                    || t.starts_with(b"Log file is ")
            }
            b'U' => {
                t.starts_with(b"Unmounting all workload partition")
                    || t.starts_with(b"Unloading workload partition")
            }
            b'E' => self.landmark_e(t),
            b'N' => t.starts_with(b"Note: Further operations may be necessary"),
            // installp's build-date check heading and its first line.
            b'B' => t.starts_with(b"BUILDDATE Verification"),
            b'V' => t.starts_with(b"Verifying build dates"),
            b'T' => {
                if t.starts_with(b"The format of the toc file is invalid") {
                    self.r.media_errors.push(text(t));
                    return true;
                }
                false
            }
            b'+' | b'*' => true,
            _ => false,
        }
    }

    /// Landmarks starting with `S`.
    fn landmark_s(&mut self, t: &[u8], n: usize) -> bool {
        if let Some(rest) = t.strip_prefix(b"Shared /usr WPAR list:") {
            let list = text(rest);
            let names = if list.eq_ignore_ascii_case("none") || list.is_empty() {
                Vec::new()
            } else {
                list.split([' ', ','])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            self.r.shared_usr_list = Some(names);
            return true;
        }
        if let Some(rest) = t.strip_prefix(b"Synchronizing workload partition ") {
            self.r.sections.push(section(rest, n));
            return true;
        }
        if t.starts_with(b"Software changes processed during this session require") {
            self.r.reboot_required = true;
            return true;
        }
        // installp, after a summary: `See /var/adm/ras/config.diff for details.`
        t.starts_with(b"See /var/adm/ras/config.diff")
            || t.starts_with(b"Shutting down all workload partition")
            || t.starts_with(b"Starting workload partition")
            || t.starts_with(b"Stopping workload partition")
            || t.starts_with(b"SUCCESSES")
            || t.starts_with(b"Summaries:")
            || t.starts_with(b"Selected Filesets")
    }

    /// Landmarks starting with `W`.
    fn landmark_w(&mut self, t: &[u8]) -> bool {
        if let Some(rest) = t.strip_prefix(b"Workload partition ")
            && let Some(name) = rest.strip_suffix(b" synchronized successfully.")
        {
            self.r.synchronized.push(text(name));
            return true;
        }
        // mkwpar/wparexec: `Workload partition NAME created successfully.`
        if t.starts_with(b"Workload partition ") && t.ends_with(b" created successfully.") {
            self.created = true;
            return true;
        }
        false
    }

    /// Landmarks starting with `F`.
    fn landmark_f(&mut self, t: &[u8]) -> bool {
        if let Some(rest) = t.strip_prefix(b"Filesets processed:") {
            // `  N of M  (Total time: …)`, read in place: this line repeats thousands of
            // times in a real log.
            if let Some(p) = progress(rest) {
                self.r.progress = Some(p);
            }
            return true;
        }
        if t.starts_with(b"FILESET STATISTICS") {
            self.stats = FilesetStats::default();
            self.mode = Mode::Stats;
            return true;
        }
        if let Some(rest) = t.strip_prefix(b"Finished processing all filesets.") {
            self.r.finished = true;
            self.r.total_time = total_time(rest);
            return true;
        }
        if t.starts_with(b"Fileset levels to be applied:") {
            self.mode = Mode::ToApply { rows: false };
            return true;
        }
        // `File /etc/group has been modified.`
        if let Some(path) = t
            .strip_prefix(b"File ")
            .and_then(|r| r.strip_suffix(b" has been modified."))
        {
            self.r.config_files_changed.push(text(path));
            return true;
        }
        // Under installp's FAILURES / SUCCESSES headings:
        // `Filesets listed in this section failed pre-installation verification`
        t.starts_with(b"FAILURES") || t.starts_with(b"Filesets listed in this section ")
    }

    /// Landmarks starting with `I`.
    fn landmark_i(&mut self, t: &[u8]) -> bool {
        if let Some((installed, selected)) = builddates(t) {
            match self.r.builddate_failures.last_mut() {
                Some(f) if f.installed.is_none() => {
                    f.installed = Some(installed);
                    f.selected = Some(selected);
                }
                _ => self.r.builddate_failures.push(BuildDateFailure {
                    fileset: None,
                    installed: Some(installed),
                    selected: Some(selected),
                }),
            }
            return true;
        }
        if t.starts_with(b"Installation Summary") {
            self.mode = Mode::InstallSummary { rows: false };
            return true;
        }
        // emgr: `Initializing log /var/adm/ras/emgr.log ...`
        t.starts_with(b"Initializing log ")
    }

    /// Landmarks starting with `P`.
    fn landmark_p(&mut self, t: &[u8]) -> bool {
        if t.starts_with(b"Previewing install operations") {
            self.r.preview = true;
            return true;
        }
        t.starts_with(b"Please log out of the WPAR and execute the migwpar")
            || t.starts_with(b"Pre-installation Verification")
    }

    /// Landmarks starting with `M`.
    fn landmark_m(&mut self, t: &[u8]) -> bool {
        if t.starts_with(b"MISSING REQUISITES") {
            self.r.install_errors.push(text(t));
            return true;
        }
        if t.starts_with(b"Missing Filesets") {
            self.mode = Mode::InstallpMissing { rows: false };
            return true;
        }
        t.starts_with(b"Mounting all workload partition")
            || t.starts_with(b"Make more space available then retry")
    }

    /// Landmarks starting with `E`.
    fn landmark_e(&mut self, t: &[u8]) -> bool {
        if t.starts_with(b"EPKG NUMBER") {
            self.mode = Mode::Emgr { rows: false };
            return true;
        }
        t.starts_with(b"Executing ") || t.starts_with(b"End of installp PREVIEW")
    }

    /// `installp: …` and `inuwpar: …` lines.
    fn tool_line(&mut self, t: &[u8]) -> bool {
        if let Some(rest) = t.strip_prefix(b"installp:") {
            let rest = rest.trim_ascii();
            // `APPLYING software for:` repeats once per fileset: test it before the banner search.
            if let Some(verb) = rest.strip_suffix(b"software for:") {
                let kind = match verb.trim_ascii() {
                    b"APPLYING" => ListKind::Applying,
                    b"COMMITTING" => ListKind::Committing,
                    _ => ListKind::Other,
                };
                self.mode = Mode::List { kind, rows: false };
                return true;
            }
            if ATTENTION.find(rest).is_some() {
                self.r.reboot_required = true;
                return true;
            }
            if rest.starts_with(b"Installation failed") {
                // `installp: Installation failed due to …`
                self.r.install_errors.push(text(t));
                return true;
            }
            if rest.starts_with(b"Device ") && contains(rest, b"could not be accessed") {
                self.r.media_errors.push(text(t));
                return true;
            }
            if rest.starts_with(b"The format of the toc file is invalid") {
                self.r.media_errors.push(text(t));
                return true;
            }
            return rest.starts_with(b"Using alternate installation device")
                || rest.starts_with(b"No action was indicated");
        }
        if let Some(rest) = t.strip_prefix(b"inuwpar:") {
            let rest = rest.trim_ascii();
            if rest.starts_with(b"Operation Summary") {
                self.close_table();
                self.mode = Mode::EnvSummary { rows: false };
                return true;
            }
            if rest.starts_with(b"The operation will be attempted in these environments") {
                self.mode = Mode::EnvList;
                return true;
            }
            return rest.starts_with(b"====");
        }
        false
    }

    /// `Return Status = SUCCESS.`, `Returns Status = FAILURE`, `syncroot: Returns Status = FAILURE`,
    /// and install_all_updates' `install_all_updates: Result = FAILURE`.
    fn trailer(&mut self, t: &[u8]) -> bool {
        let (at, len) = match memchr::memmem::find(t, b"Status = ") {
            Some(at) => {
                let before = t.get(..at).unwrap_or_default().trim_ascii_end();
                if !(before.ends_with(b"Return") || before.ends_with(b"Returns")) {
                    return false;
                }
                (at, 9)
            }
            None => match memchr::memmem::find(t, b"Result = ") {
                Some(at) => (at, 9),
                None => return false,
            },
        };
        let value = t.get(at + len..).unwrap_or_default().trim_ascii();
        let value = value.strip_suffix(b".").unwrap_or(value);
        let status = match value {
            b"SUCCESS" => TrailerStatus::Success,
            b"FAILURE" => TrailerStatus::Failure,
            _ => return false,
        };
        self.r.trailer_status = status;
        self.r.trailer = Some(text(t));
        true
    }
}
