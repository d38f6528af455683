//! Parser for `lslpp -Lc` (colon-separated installed-fileset list).
//!
//! Real line (Chef Ohai fixture, AIX 7.1), fields `package:fileset:level:…:state:type:description…`;
//! the header line starts with `#`:
//! ```text
//! #Package Name:Fileset:Level:State:PTF Id:Fix State:Type:Description:…
//! bos.sysmgt:bos.sysmgt.smit:7.1.1.15: : :C:F:System Management Interface Tool (SMIT): : : : : : :0:0:/:1216
//! ```
//! Only the fileset name and level are used; the fixed positions 1 and 2 are the same in every
//! published sample, so the header is not needed.

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
                self.filesets.push(Installed { fileset: fs, level });
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
    }
}
