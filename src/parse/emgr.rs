//! `emgr -l`: the iFixes installed (in the global environment, or inside a WPAR through clogin).
//! The table, as IBM's ansible-power-aix emgr module shows it in its documented samples:
//!
//! ```text
//! ID  STATE LABEL      INSTALL TIME      UPDATED BY ABSTRACT
//! === ===== ========== ================= ========== ======================================
//! 1    S    IJ20785s2a 04/30/20 11:03:46            tcpdump CVEs fixed
//! ```
//!
//! then a blank line and the `STATE codes:` legend. With no iFix, emgr prints `There is no efix
//! data on this system.` (on stderr, in the same samples). Columns are cut where the `===` rule
//! puts them; a row that does not fit is kept raw.

pub use crate::model::Ifix;

/// What `emgr -l` said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmgrList {
    /// The iFixes of the table.
    pub fixes: Vec<Ifix>,
    /// emgr said there is no efix data.
    pub none: bool,
    /// Lines in the table that could not be cut into columns, as printed.
    pub raw: Vec<String>,
}

/// Parses `emgr -l` (stdout and stderr together).
pub fn parse(out: &[u8]) -> EmgrList {
    let text = String::from_utf8_lossy(out);
    let mut r = EmgrList::default();
    let mut cols: Option<Vec<(usize, usize)>> = None;
    for line in text.lines() {
        if line.contains("There is no efix data on this system") {
            r.none = true;
            continue;
        }
        let t = line.trim_end();
        if cols.is_none() {
            if t.trim_start().starts_with("===") {
                cols = Some(spans(t));
            }
            continue;
        }
        if t.trim().is_empty() || t.trim_start().starts_with("STATE codes") {
            cols = None;
            continue;
        }
        match cols.as_deref().and_then(|c| row(t, c)) {
            Some(f) => r.fixes.push(f),
            None => r.raw.push(t.to_string()),
        }
    }
    r
}

/// The (start, end) byte spans of the `===` groups of the rule line.
fn spans(rule: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut start = None;
    for (i, c) in rule.char_indices() {
        match (c == '=', start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                v.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        v.push((s, rule.len()));
    }
    v
}

/// A row cut along the rule's columns (ID, STATE, LABEL, INSTALL TIME, UPDATED BY, ABSTRACT).
fn row(line: &str, cols: &[(usize, usize)]) -> Option<Ifix> {
    if cols.len() < 6 || !line.is_ascii() {
        return None;
    }
    let cut = |i: usize| -> &str {
        let (s, e) = cols[i];
        // The state column is printed a little wider than its rule (`*Q*` starts before it).
        let s = if i == 1 { cols[0].1 } else { s };
        let e = if i + 1 == cols.len() {
            line.len()
        } else {
            e.max(cols[i + 1].0 - 1)
        };
        line.get(s.min(line.len())..e.min(line.len()))
            .unwrap_or("")
            .trim()
    };
    let label = cut(2);
    if label.is_empty() || cut(0).parse::<u32>().is_err() {
        return None;
    }
    Some(Ifix {
        label: label.to_string(),
        state: cut(1).to_string(),
        summary: cut(5).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "ID  STATE LABEL      INSTALL TIME      UPDATED BY ABSTRACT
=== ===== ========== ================= ========== ======================================
1    S    IJ20785s2a 04/30/20 11:03:46            tcpdump CVEs fixed                    
3   *Q*   IJ09625s2a 04/30/20 11:04:14            IJ09624 7.2.3.2                       

STATE codes:
 S = STABLE
";

    #[test]
    fn reads_the_table_of_ibms_sample() {
        let r = parse(SAMPLE.as_bytes());
        assert_eq!(r.fixes.len(), 2, "{r:?}");
        assert_eq!(r.fixes[0].label, "IJ20785s2a");
        assert_eq!(r.fixes[0].state, "S");
        assert_eq!(r.fixes[0].summary, "tcpdump CVEs fixed");
        assert_eq!(r.fixes[1].state, "*Q*");
        assert!(r.raw.is_empty() && !r.none);
    }

    #[test]
    fn no_efix_data_is_an_empty_list() {
        let r = parse(b"There is no efix data on this system.\n");
        assert!(r.none && r.fixes.is_empty());
    }

    #[test]
    fn a_row_that_does_not_fit_is_kept_raw() {
        let mut s = SAMPLE.replace("3   *Q*", "x   *Q*");
        s.push('\n');
        let r = parse(s.as_bytes());
        assert_eq!(r.fixes.len(), 1);
        assert_eq!(r.raw.len(), 1);
    }
}
