//! Parser for `oslevel -s` (`VVVV-TT-SS-YYWW`, e.g. `7100-00-03-1115`; real samples
//! `7200-04-01-1939`, `7300-02-01-2346` — AIX-REFERENCE §11).
//!
//! The first line that is a level wins; everything else (a login banner printed by `clogin`, a
//! message) is kept.

use serde::Serialize;

use super::{parse_message, text};
use crate::model::{Message, OsLevel};

/// What `oslevel -s` printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OslevelResult {
    /// The level, when a line was one.
    pub level: Option<OsLevel>,
    /// `NNNN-NNN` messages.
    pub messages: Vec<Message>,
    /// Other lines, verbatim (lossy).
    pub other: Vec<String>,
}

/// Parses the whole output (a few lines).
pub fn parse(out: &[u8]) -> OslevelResult {
    let mut r = OslevelResult {
        level: None,
        messages: Vec::new(),
        other: Vec::new(),
    };
    for (i, l) in super::lines(out).enumerate() {
        let t = text(l);
        if t.is_empty() {
            continue;
        }
        if r.level.is_none()
            && let Some(level) = OsLevel::parse(&t)
        {
            r.level = Some(level);
        } else if let Some(m) = parse_message(l, i + 1) {
            r.messages.push(m);
        } else {
            r.other.push(t);
        }
    }
    r
}

#[cfg(test)]
mod tests {
    #[test]
    fn level_among_noise() {
        let r = super::parse(b"\n7200-04-01-1939\n");
        assert_eq!(r.level.unwrap().release, 7200);
        let r = super::parse(b"clogin: something odd\n");
        assert!(r.level.is_none());
        assert_eq!(r.other.len(), 1);
    }
}
