//! Parser for `lslpp -Lc` (colon-separated installed-fileset list).
//!
//! Real line (Chef Ohai fixture, AIX 7.1), fields `package:fileset:level:…:state:type:description…`;
//! the header line starts with `#`:
//! ```text
//! #Package Name:Fileset:Level:State:PTF Id:Fix State:Type:Description:…
//! bos.sysmgt:bos.sysmgt.smit:7.1.1.15: : :C:F:System Management Interface Tool (SMIT): : : : : : :0:0:/:1216
//! ```
//! The fileset name and level are read at the fixed positions 1 and 2 (the same in every
//! published sample, so the header is not needed). For the preflight, the `Fix State` letter
//! (field 6: `C` in the sample; `A` is read as APPLIED, lslpp -L's state letters) and the
//! `EFIX Locked` flag (third field from the end, so that a description holding a colon does not
//! move it; `0` in the sample) are read too. That an applied fileset shows `A` there, and a
//! locked one `1`, is UNCERTAIN: no published sample shows either; anything else reads as
//! neither.

use serde::Serialize;

use super::{KEEP_UNRECOGNIZED, RawLine, parse_message};
use crate::model::{FilesetLevel, Message};

/// One installed fileset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Installed {
    /// The fileset, as installp names it (`bos.rte`).
    pub fileset: String,
    /// Level as printed.
    pub level: String,
    /// The `Fix State` letter (`C` committed, `A` applied), when one was printed.
    pub fix_state: Option<String>,
    /// The `EFIX Locked` field is `1`.
    pub efix_locked: bool,
}

/// What `lslpp -Lc` printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LslppResult {
    /// Installed filesets, in output order.
    pub filesets: Vec<Installed>,
    /// The `NNNN-NNN` messages it printed.
    pub messages: Vec<Message>,
    /// Lines not understood.
    pub unrecognized: u64,
    /// The first of them.
    pub unrecognized_sample: Vec<RawLine>,
}

/// Line-fed parser.
#[derive(Debug, Clone, Default)]
pub struct LslppParser {
    filesets: Vec<Installed>,
    messages: Vec<Message>,
    unrecognized: u64,
    sample: Vec<RawLine>,
    n: usize,
}

impl LslppParser {
    /// Feeds one line.
    pub fn push_line(&mut self, line: &[u8]) {
        self.n += 1;
        let t = line.trim_ascii();
        if t.is_empty() || t.starts_with(b"#") {
            return;
        }
        let mut it = t.split(|b| *b == b':');
        if let (Some(_pkg), Some(fs), Some(level)) = (it.next(), it.next(), it.next()) {
            let fs = String::from_utf8_lossy(fs.trim_ascii()).into_owned();
            let level = String::from_utf8_lossy(level.trim_ascii()).into_owned();
            if !fs.is_empty() && FilesetLevel::parse(&level).is_some() {
                let rest: Vec<&[u8]> = it.collect();
                let fix_state = rest
                    .get(2)
                    .map(|f| String::from_utf8_lossy(f.trim_ascii()).into_owned())
                    .filter(|f| f.len() == 1);
                // Fields 4… are `rest`; 18 in all means `EFIX Locked` is third from the end.
                let efix_locked = rest.len() >= 15
                    && rest
                        .len()
                        .checked_sub(3)
                        .and_then(|i| rest.get(i))
                        .is_some_and(|f| f.trim_ascii() == b"1");
                self.filesets.push(Installed {
                    fileset: fs,
                    level,
                    fix_state,
                    efix_locked,
                });
                return;
            }
        }
        if let Some(m) = parse_message(t, self.n) {
            self.messages.push(m);
            return;
        }
        self.unrecognized += 1;
        if self.sample.len() < KEEP_UNRECOGNIZED {
            self.sample.push(RawLine::new(self.n, t));
        }
    }

    /// Ends the stream.
    pub fn finish(self) -> LslppResult {
        LslppResult {
            filesets: self.filesets,
            messages: self.messages,
            unrecognized: self.unrecognized,
            unrecognized_sample: self.sample,
        }
    }
}

/// Batch form.
pub fn parse(out: &[u8]) -> LslppResult {
    let mut p = LslppParser::default();
    for l in super::lines(out) {
        p.push_line(l);
    }
    p.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ohai_line() {
        let r = super::parse(b"#Package Name:Fileset:Level\nbos.sysmgt:bos.sysmgt.smit:7.1.1.15: : :C:F:System Management Interface Tool (SMIT): : : : : : :0:0:/:1216\n");
        assert_eq!(r.filesets.len(), 1);
        assert_eq!(r.filesets[0].fileset, "bos.sysmgt.smit");
        assert_eq!(r.filesets[0].level, "7.1.1.15");
        assert_eq!(r.filesets[0].fix_state.as_deref(), Some("C"));
        assert!(!r.filesets[0].efix_locked);
    }

    /// The same line shape, APPLIED and EFIX-locked (synthetic: no published sample shows
    /// either), one with a colon in its description.
    #[test]
    fn applied_and_efix_locked_are_read_where_a_colon_cannot_move_them() {
        let r = super::parse(
            b"bos.rte:bos.rte.libc:7.1.0.2: : :A:F:libc: the C library: : : : : : :0:0:/:1115\nbos.rte:bos.rte.net:7.1.0.2: : :C:F:Network: : : : : : :0:1:/:1115\n",
        );
        assert_eq!(r.filesets.len(), 2);
        assert_eq!(r.filesets[0].fix_state.as_deref(), Some("A"));
        assert!(!r.filesets[0].efix_locked);
        assert!(r.filesets[1].efix_locked);
    }
}
