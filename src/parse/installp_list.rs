//! Parser for `installp -ld DIR`: what installation media offer.
//!
//! Real format (installp-07 in the reference transcripts):
//! ```text
//!   Fileset Name                Level                     I/U Q Content
//!   ====================================================================
//!   chef                        12.0.0.1                   I  N usr,root
//! #   The full stack of chef
//! ```
//! Rows are split on white space: name, level, `I`/`U` (install or update image), `Q`, content.
//! The `#` lines are descriptions. Errors have been seen without ids
//! (`installp: The format of the toc file is invalid.`) and with them (`0503-005`, `0503-105`);
//! they are kept in `errors`.

use serde::Serialize;

use super::{KEEP_UNRECOGNIZED, RawLine, fields, is_rule, parse_message, text};
use crate::model::{FilesetLevel, Message};

/// One image on the media.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MediaFileset {
    /// The fileset, as installp names it (`bos.rte`).
    pub fileset: String,
    /// Its level, `V.R.M.F` as printed.
    pub level: String,
    /// `I` (install image) or `U` (update).
    pub kind: String,
}

/// What `installp -ld` printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MediaList {
    /// Images, in output order.
    pub filesets: Vec<MediaFileset>,
    /// Messages with ids.
    pub messages: Vec<Message>,
    /// installp error lines without ids.
    pub errors: Vec<String>,
    /// Lines not understood.
    pub unrecognized: u64,
    /// The first of them.
    pub unrecognized_sample: Vec<RawLine>,
}

impl MediaList {
    /// The highest level the media carry for `fileset`.
    pub fn best_level(&self, fileset: &str) -> Option<FilesetLevel> {
        self.filesets
            .iter()
            .filter(|f| f.fileset == fileset)
            .filter_map(|f| FilesetLevel::parse(&f.level))
            .max()
    }
}

/// Parses the whole listing.
pub fn parse(out: &[u8]) -> MediaList {
    let mut r = MediaList {
        filesets: Vec::new(),
        messages: Vec::new(),
        errors: Vec::new(),
        unrecognized: 0,
        unrecognized_sample: Vec::new(),
    };
    for (i, l) in super::lines(out).enumerate() {
        let t = l.trim_ascii();
        if t.is_empty() || t.starts_with(b"#") || is_rule(t) {
            continue;
        }
        if t.starts_with(b"Fileset Name") {
            continue;
        }
        let f = fields(t);
        if f.len() >= 3
            && FilesetLevel::parse(&f[1]).is_some()
            && matches!(f[2].as_str(), "I" | "U" | "S" | "E" | "M" | "F")
        {
            r.filesets.push(MediaFileset {
                fileset: f[0].clone(),
                level: f[1].clone(),
                kind: f[2].clone(),
            });
            continue;
        }
        if let Some(m) = parse_message(t, i + 1) {
            r.messages.push(m);
            continue;
        }
        if t.starts_with(b"installp:") {
            r.errors.push(text(t));
            continue;
        }
        r.unrecognized += 1;
        if r.unrecognized_sample.len() < KEEP_UNRECOGNIZED {
            r.unrecognized_sample.push(RawLine::new(i + 1, t));
        }
    }
    r
}

#[cfg(test)]
mod tests {
    #[test]
    fn published_listing() {
        let r = super::parse(b"  Fileset Name                Level                     I/U Q Content\n  ====================================================================\n  chef                        12.0.0.1                   I  N usr,root\n#   The full stack of chef\n");
        assert_eq!(r.filesets.len(), 1);
        assert_eq!(r.best_level("chef").unwrap().as_str(), "12.0.0.1");
        let r = super::parse(b"installp: The format of the toc file is invalid.\n");
        assert_eq!(r.errors.len(), 1);
    }
}
