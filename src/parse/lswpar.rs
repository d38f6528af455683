//! Parser for `lswpar` output in its three layouts.
//!
//! * Delimited (`-c`, `-cG`): a `#` header of field names, then `:`-separated rows. Fields are
//!   mapped **by header name**, in any order, case-insensitively (\[GEM\], AIX-REFERENCE §2.2/2.3):
//!   ```text
//!   #name:state:type:rootvgwpar:hostname:routing:vipwpar:directory:owner:script:auto:privateusr:…
//!   wp01:A:S:no:wp01.example.com:no::/wpars/wp01:root::no:yes:…
//!   ```
//!   With `-q` there is no header; the caller passes the field list it asked for with `-a`.
//!   Whether lswpar escapes `:` inside values is UNCERTAIN: surplus fields are joined back into the
//!   last column instead of being dropped.
//! * Default table (`Name State Type Hostname Directory [RootVG WPAR]`, \[DW\]), values sliced at
//!   the header's column offsets; long values may end in `...`.
//! * Long (`-L`): records between 65-`=` rules, `name - State` headers, `Label:  value` lines in
//!   GENERAL ([OHAI-SPEC]); the other sections are skipped.
//!
//! `lswpar: 0960-419 Could not find a workload partition called kitchenwpar.` is recorded as a
//! message and the name is listed in `not_found`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{KEEP_UNRECOGNIZED, RawLine, is_rule, parse_message, text};
use crate::model::{Message, Wpar, WparState, WparType, versioned_from_ostype, yes_no};

/// Which layout was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Nothing but messages (or nothing at all).
    Empty,
    /// `-c` / `-d` delimited.
    Delimited,
    /// The default table.
    Table,
    /// `-L` paragraphs.
    Long,
}

/// The typed result of one lswpar run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LswparResult {
    /// The WPARs, in output order.
    pub wpars: Vec<Wpar>,
    /// The layout that was read.
    pub layout: Layout,
    /// `NNNN-NNN` messages.
    pub messages: Vec<Message>,
    /// Names from `0960-419 Could not find a workload partition called X.`
    pub not_found: Vec<String>,
    /// Lines no rule recognised.
    pub unrecognized: u64,
    /// The first of them.
    pub unrecognized_sample: Vec<RawLine>,
    /// WPARs, messages or names beyond [`crate::parse::MAX_KEPT`]: counted, not kept.
    pub dropped: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    Start,
    /// Rows mapped by `LswparParser::header`.
    Delimited,
    /// Rows sliced at `LswparParser::cols`.
    Table,
    /// Inside a `-L` listing: which section we are in, and whether a record header is expected.
    Long {
        section: String,
        expect_header: bool,
    },
}

/// Line-fed lswpar parser.
#[derive(Debug, Clone)]
pub struct LswparParser {
    mode: Mode,
    /// Field names of the delimited layout (lower case).
    header: Vec<String>,
    /// Column names and start offsets (characters) of the default table.
    cols: Vec<(String, usize)>,
    r: LswparResult,
    lines: usize,
    /// The `-L` record being filled.
    long: Option<Wpar>,
}

impl LswparParser {
    /// A parser; `fields` is the `-a` list when the output was requested with `-q` (no header).
    pub fn new(fields: Option<&[&str]>) -> Self {
        let (mode, header) = match fields {
            Some(f) => (
                Mode::Delimited,
                f.iter().map(|s| s.to_ascii_lowercase()).collect(),
            ),
            None => (Mode::Start, Vec::new()),
        };
        LswparParser {
            mode,
            header,
            cols: Vec::new(),
            r: LswparResult {
                wpars: Vec::new(),
                layout: Layout::Empty,
                messages: Vec::new(),
                not_found: Vec::new(),
                unrecognized: 0,
                unrecognized_sample: Vec::new(),
                dropped: 0,
            },
            lines: 0,
            long: None,
        }
    }

    /// Batch form.
    pub fn parse(out: &[u8], fields: Option<&[&str]>) -> LswparResult {
        let mut p = LswparParser::new(fields);
        for l in super::lines(out) {
            p.push_line(l);
        }
        p.finish()
    }

    /// Feeds one line.
    pub fn push_line(&mut self, line: &[u8]) {
        self.push_line_inner(line);
        let r = &mut self.r;
        crate::parse::cap(&mut r.wpars, crate::parse::MAX_KEPT, &mut r.dropped);
        crate::parse::cap(&mut r.messages, 10_000, &mut r.dropped);
        crate::parse::cap(&mut r.not_found, 10_000, &mut r.dropped);
    }

    fn push_line_inner(&mut self, line: &[u8]) {
        self.lines += 1;
        let t = line.trim_ascii();
        if t.is_empty() {
            return;
        }
        if super::find_message_id(t).is_some()
            && let Some(m) = parse_message(t, self.lines)
        {
            if m.id == "0960-419"
                && let Some(name) = m.text.rsplit("called ").next()
            {
                self.r
                    .not_found
                    .push(name.trim_end_matches('.').trim().to_string());
            }
            self.r.messages.push(m);
            return;
        }
        match &self.mode {
            Mode::Start => self.start(line, t),
            // A new header (several lswpar outputs pasted together).
            Mode::Delimited if t.starts_with(b"#") => self.start(line, t),
            Mode::Delimited => {
                self.r.layout = Layout::Delimited;
                let w = delimited_wpar(&self.header, line);
                self.push(w);
            }
            Mode::Table if is_rule(t) => {}
            Mode::Table => {
                let w = wpar_from(&table_map(&self.cols, line));
                self.push(w);
            }
            Mode::Long { .. } => self.long_line(line, t),
        }
    }

    /// Ends the stream.
    pub fn finish(mut self) -> LswparResult {
        if let Some(w) = self.long.take() {
            self.r.wpars.push(w);
        }
        self.r
    }

    fn unrecognized(&mut self, t: &[u8]) {
        self.r.unrecognized += 1;
        if self.r.unrecognized_sample.len() < KEEP_UNRECOGNIZED {
            self.r.unrecognized_sample.push(RawLine::new(self.lines, t));
        }
    }

    fn start(&mut self, line: &[u8], t: &[u8]) {
        if let Some(h) = t.strip_prefix(b"#") {
            let names: Vec<String> = String::from_utf8_lossy(h)
                .split(':')
                .map(|s| s.trim().to_ascii_lowercase())
                .collect();
            self.r.layout = Layout::Delimited;
            self.header = names;
            self.mode = Mode::Delimited;
        } else if t.len() >= 20 && t.iter().all(|b| *b == b'=') {
            self.r.layout = Layout::Long;
            self.mode = Mode::Long {
                section: String::new(),
                expect_header: true,
            };
        } else if t.starts_with(b"Name") && super::contains(t, b"State") {
            self.r.layout = Layout::Table;
            self.cols = table_columns(line);
            self.mode = Mode::Table;
        } else if t.contains(&b':') {
            // `-c -q` without a field list. UNCERTAIN (AIX-REFERENCE §2.2): only "field 2 is the
            // state letter" is known; the rest of this order is the default table's.
            let names = [
                "name",
                "state",
                "type",
                "hostname",
                "directory",
                "rootvgwpar",
            ];
            self.header = names.iter().map(|s| s.to_string()).collect();
            self.r.layout = Layout::Delimited;
            self.mode = Mode::Delimited;
            let w = delimited_wpar(&self.header, line);
            self.push(w);
        } else {
            self.unrecognized(t);
        }
    }

    /// Keeps a parsed row; a row without a name is counted as unrecognised.
    fn push(&mut self, w: Option<Wpar>) {
        match w {
            Some(w) => self.r.wpars.push(w),
            None => self.r.unrecognized += 1,
        }
    }

    fn long_line(&mut self, line: &[u8], t: &[u8]) {
        let Mode::Long {
            section,
            expect_header,
        } = &mut self.mode
        else {
            return;
        };
        if t.len() >= 20 && t.iter().all(|b| *b == b'=') {
            // Opening rule of a record (the closing one follows the header).
            if self.long.is_some() && *expect_header {
                return;
            }
            *expect_header = true;
            if let Some(w) = self.long.take() {
                self.r.wpars.push(w);
            }
            return;
        }
        if *expect_header {
            let s = text(t);
            if let Some((name, state)) = s.rsplit_once(" - ") {
                self.long = Some(Wpar::new(name.trim(), WparState::from_word(state)));
                section.clear();
                return;
            }
            *expect_header = false;
        }
        *expect_header = false;
        if !line.starts_with(b" ")
            && t.iter()
                .all(|b| b.is_ascii_uppercase() || *b == b' ' || *b == b'-')
        {
            *section = text(t);
            return;
        }
        if section != "GENERAL" {
            return;
        }
        let s = text(t);
        let Some((label, value)) = s.split_once(':') else {
            self.unrecognized(t);
            return;
        };
        let Some(w) = self.long.as_mut() else {
            return;
        };
        let value = value.trim();
        let opt = || (!value.is_empty()).then(|| value.to_string());
        match label.trim().to_ascii_lowercase().as_str() {
            "type" => {
                w.type_code = opt();
                w.wpar_type = WparType::from_code(value);
            }
            "rootvg wpar" => w.rootvg = yes_no(value),
            "hostname" => w.hostname = opt(),
            "directory" => w.directory = opt(),
            "private /usr" => w.private_usr = yes_no(value),
            "ostype" | "os type" => {
                w.ostype = opt();
                w.versioned = versioned_from_ostype(value);
            }
            _ => {}
        }
    }
}

/// A colon-separated row straight to a [`Wpar`]: the cells are borrowed from the line and only
/// the kept ones are copied (`list` on 10,000 WPARs stays fast). Whether lswpar escapes `:`
/// inside values is UNCERTAIN: the last field keeps any surplus `:`-separated parts instead of
/// dropping them.
fn delimited_wpar(header: &[String], line: &[u8]) -> Option<Wpar> {
    let s = String::from_utf8_lossy(line);
    let cells: Vec<&str> = s.splitn(header.len().max(1), ':').collect();
    let get = |k: &str| {
        header
            .iter()
            .position(|h| h == k)
            .and_then(|i| cells.get(i))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    wpar_with(get)
}

/// A default-table row by column name. When every column is filled, white space splits it
/// exactly, whatever the spacing; otherwise the header's offsets slice it (empty cells).
fn table_map<'c>(cols: &'c [(String, usize)], line: &[u8]) -> BTreeMap<&'c str, String> {
    let s = String::from_utf8_lossy(line);
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() == cols.len() {
        return cols
            .iter()
            .map(|c| c.0.as_str())
            .zip(words.into_iter().map(str::to_string))
            .collect();
    }
    let chars: Vec<char> = s.chars().collect();
    cols.iter()
        .enumerate()
        .map(|(i, (name, from))| {
            let to = cols
                .get(i + 1)
                .map_or(chars.len(), |c| c.1)
                .min(chars.len());
            let cell: String = chars
                .get((*from).min(to)..to)
                .unwrap_or_default()
                .iter()
                .collect();
            (name.as_str(), cell.trim().to_string())
        })
        .collect()
}

/// A WPAR from a row mapped by lswpar field names; `None` without a name.
fn wpar_from(map: &BTreeMap<&str, String>) -> Option<Wpar> {
    let get = |k: &str| map.get(k).filter(|v| !v.is_empty()).cloned();
    wpar_with(get)
}

/// A WPAR from a lookup by lswpar field name (`name`, `state`, `type`, …); `None` without a
/// name. The `-c` rows and the default table both come here.
fn wpar_with(get: impl Fn(&str) -> Option<String>) -> Option<Wpar> {
    let name = get("name")?;
    let state_code = get("state");
    let type_code = get("type");
    let ostype = get("ostype");
    Some(Wpar {
        name,
        state: state_code
            .as_deref()
            .map_or(WparState::Unknown(String::new()), WparState::from_code),
        state_code,
        wpar_type: type_code
            .as_deref()
            .map_or(WparType::Unknown(String::new()), WparType::from_code),
        type_code,
        hostname: get("hostname"),
        directory: get("directory"),
        private_usr: get("privateusr").as_deref().and_then(yes_no),
        rootvg: get("rootvgwpar").as_deref().and_then(yes_no),
        versioned: ostype.as_deref().is_some_and(versioned_from_ostype),
        ostype,
    })
}

/// Column names (lower case; `RootVG WPAR` becomes `rootvgwpar`, the `-c` field name) and their
/// start offsets in characters, from the table header.
fn table_columns(header: &[u8]) -> Vec<(String, usize)> {
    let s = String::from_utf8_lossy(header);
    let mut cols: Vec<(String, usize)> = Vec::new();
    let mut word = String::new();
    let mut start = 0;
    for (i, ch) in s.chars().chain([' ']).enumerate() {
        if !ch.is_whitespace() {
            if word.is_empty() {
                start = i;
            }
            word.push(ch.to_ascii_lowercase());
            continue;
        }
        if word.is_empty() {
            continue;
        }
        let w = std::mem::take(&mut word);
        match (w.as_str(), cols.last()) {
            ("wpar", Some((last, _))) if last == "rootvgwpar" => {}
            ("rootvg", _) => cols.push(("rootvgwpar".into(), start)),
            _ => cols.push((w, start)),
        }
    }
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimited_by_header_in_any_order() {
        let r = LswparParser::parse(
            b"#state:name:privateusr:type\nA:wp01:yes:S\nD:wp02:no:s\n",
            None,
        );
        assert_eq!(r.layout, Layout::Delimited);
        assert_eq!(r.wpars.len(), 2);
        assert_eq!(r.wpars[0].state, WparState::Active);
        assert_eq!(r.wpars[0].private_usr, Some(true));
        assert_eq!(r.wpars[1].wpar_type, WparType::System);
    }

    #[test]
    fn quiet_with_field_list() {
        let r = LswparParser::parse(b"wp01:T\n", Some(&["name", "state"]));
        assert_eq!(r.wpars[0].state, WparState::Transitional);
    }

    #[test]
    fn default_table_from_developerworks() {
        let r = LswparParser::parse(
            b"Name      State   Type   Hostname             Directory\n\
---------------------------------------------------------------------------------\n\
bar       A       S      bar.austin.ibm.com   /wpars/bar\n\
trigger   A       A      trigger              /\n",
            None,
        );
        assert_eq!(r.layout, Layout::Table);
        assert_eq!(r.wpars[1].wpar_type, WparType::Application);
        assert_eq!(r.wpars[1].directory.as_deref(), Some("/"));
    }

    #[test]
    fn rootvg_column_empty_cells_and_colons_in_values() {
        let r = LswparParser::parse(
            b"Name   State  Type  Hostname  Directory    RootVG WPAR\n\
-----------------------------------------------------------\n\
wp01   A      S               /wpars/wp01  yes\n",
            None,
        );
        assert_eq!(r.wpars[0].hostname, None);
        assert_eq!(r.wpars[0].directory.as_deref(), Some("/wpars/wp01"));
        assert_eq!(r.wpars[0].rootvg, Some(true));
        let r = LswparParser::parse(b"#name:state:directory\nwp01:A:/wpars/a:b\n", None);
        assert_eq!(r.wpars[0].directory.as_deref(), Some("/wpars/a:b"));
    }

    #[test]
    fn not_found_message() {
        let r = LswparParser::parse(
            b"lswpar: 0960-419 Could not find a workload partition called kitchenwpar.\n",
            None,
        );
        assert_eq!(r.not_found, ["kitchenwpar"]);
        assert!(r.wpars.is_empty());
    }
}
