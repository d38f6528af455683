//! Landmark lines: pure functions that read one line of WPAR-operation output (a space
//! shortfall, a section header, a total time, a fileset level). The state machine in
//! [`super`] decides when to ask them.

use super::result::Section;
use crate::model::SpaceShortfall;
use crate::parse::text;

/// `/usr (930568 more 512-byte blocks are required).`, also with the message text in front.
pub(super) fn space_line(t: &[u8]) -> Option<SpaceShortfall> {
    let s = String::from_utf8_lossy(t);
    let at = s.find(" more 512-byte blocks")?;
    let head = s.get(..at)?;
    let open = head.rfind('(')?;
    let blocks = head.get(open + 1..)?.trim().parse::<u64>().ok()?;
    let fs = head.get(..open)?.split_whitespace().last()?.to_string();
    Some(SpaceShortfall {
        filesystem: fs,
        blocks_512: Some(blocks),
    })
}

/// `wp_name (1 of 3).`
pub(super) fn section(rest: &[u8], n: usize) -> Section {
    let s = text(rest);
    let s = s.trim_end_matches('.');
    let (wpar, idx, of) = match s.split_once(" (") {
        Some((w, pos)) => {
            let pos = pos.trim_end_matches(')');
            let mut it = pos.split(" of ");
            (
                w.to_string(),
                it.next().and_then(|x| x.trim().parse().ok()),
                it.next().and_then(|x| x.trim().parse().ok()),
            )
        }
        None => (s.to_string(), None, None),
    };
    Section {
        wpar,
        index: idx,
        of,
        line: n,
    }
}

/// `  (Total time:  2 mins 4 secs).`
pub(super) fn total_time(rest: &[u8]) -> Option<String> {
    let s = String::from_utf8_lossy(rest);
    let at = s.find("Total time:")?;
    let v = s.get(at + 11..)?;
    let v = v.trim().trim_end_matches('.').trim_end_matches(')').trim();
    Some(v.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A fileset level: digits and dots, at least one dot (`11.1.0.7`). Asked of every fileset line
/// of every `APPLYING software for:` list.
pub(super) fn is_level_bytes(s: &[u8]) -> bool {
    crate::parse::scan::is_level(s)
}

pub(super) fn is_word_upper(s: &[u8]) -> bool {
    !s.is_empty()
        && s.iter()
            .all(|b| b.is_ascii_uppercase() || *b == b'_' || *b == b'-')
}
