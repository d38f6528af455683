//! What a WPAR needs, from its level and the global's.
//!
//! Documented paths only (RUST-ON-AIX.md "WPAR releases", AIX-REFERENCE §7/§15): same release
//! with an older TL/SP → syncwpar; a 6.1 WPAR on a 7.1 or 7.2 global → migwpar (the 7.1 and 7.2
//! migwpar pages); 5.2/5.3 → versioned. Every other release pair (7.1 on 7.2, 7.2 on 7.3, 6.1 on
//! 7.3, …) is `unknown`: no IBM page names a path, and wparup does not guess.

use crate::aix::Aix;
use crate::error::Error;
use crate::model::{OsLevel, Verdict, Wpar, WparState};

/// A verdict with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// What the WPAR needs.
    pub verdict: Verdict,
    /// Why (always set for `unknown`).
    pub reason: Option<String>,
    /// The release pair has no documented path (upgrade exits 14).
    pub undocumented: bool,
}

fn d(verdict: Verdict, reason: impl Into<String>) -> Decision {
    Decision {
        verdict,
        reason: Some(reason.into()),
        undocumented: false,
    }
}

/// Why a stopped WPAR's level is unknown when its maintenance-mode probe was refused with
/// 0960-667: [`decide`] reads it as the evidence that the WPAR needs migrating.
pub const OLDER_RELEASE: &str =
    "startwpar -m refused: 0960-667 (the WPAR's release is older than the global's)";

/// Decides from the global level, the WPAR record and its level (or why it is unreadable).
pub fn decide(global: &OsLevel, w: &Wpar, level: Result<&OsLevel, &str>) -> Decision {
    if w.versioned {
        return d(
            Verdict::Versioned,
            format!(
                "versioned WPAR (ostype {})",
                w.ostype.as_deref().unwrap_or("?")
            ),
        );
    }
    let l = match level {
        Ok(l) => l,
        Err(OLDER_RELEASE) => return d(Verdict::NeedsMigrate, OLDER_RELEASE),
        Err(why) => return d(Verdict::Unknown, why),
    };
    if matches!(l.release, 5200 | 5300) {
        return d(
            Verdict::Versioned,
            format!("the WPAR runs AIX {}", l.release_name()),
        );
    }
    if l.release == global.release {
        return match l.cmp_within_release(global) {
            std::cmp::Ordering::Less => d(
                Verdict::NeedsSync,
                format!("{l} is older than the global {global}"),
            ),
            std::cmp::Ordering::Equal => Decision {
                verdict: Verdict::UpToDate,
                reason: None,
                undocumented: false,
            },
            std::cmp::Ordering::Greater => d(
                Verdict::Unknown,
                format!(
                    "the WPAR ({l}) is at a higher level than the global environment ({global})"
                ),
            ),
        };
    }
    if l.release > global.release {
        return d(
            Verdict::Unknown,
            format!(
                "the WPAR's release {} is newer than the global's {}",
                l.release_name(),
                global.release_name()
            ),
        );
    }
    if l.release == 6100 && matches!(global.release, 7100 | 7200) {
        return d(
            Verdict::NeedsMigrate,
            format!(
                "AIX {} WPAR on an AIX {} global: migwpar",
                l.release_name(),
                global.release_name()
            ),
        );
    }
    Decision {
        verdict: Verdict::Unknown,
        reason: Some(format!(
            "no IBM page documents an upgrade path for an AIX {} WPAR on an AIX {} global",
            l.release_name(),
            global.release_name()
        )),
        undocumented: true,
    }
}

/// Reads a WPAR's level when it runs; a stopped one's is read only when asked (a probe:
/// `status --probe`, or `upgrade`), and the reason says how, never "start it" (a WPAR on an
/// older release would refuse to start).
pub fn read_level(aix: &Aix, w: &Wpar) -> Result<Result<OsLevel, String>, Error> {
    if w.state == WparState::Defined {
        return Ok(Err(format!(
            "stopped: `wparup status {} --probe` reads its level in maintenance mode (no processes started)",
            w.name
        )));
    }
    if w.state != WparState::Active {
        return Ok(Err(format!(
            "the WPAR is {}: its level can only be read while it runs",
            w.state
        )));
    }
    aix.wpar_level(&w.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lv(s: &str) -> OsLevel {
        OsLevel::parse(s).unwrap()
    }

    #[test]
    fn documented_and_undocumented_pairs() {
        let w = Wpar::new("w", WparState::Active);
        let g71 = lv("7100-00-03-1115");
        assert_eq!(
            decide(&g71, &w, Ok(&lv("7100-00-01-1037"))).verdict,
            Verdict::NeedsSync
        );
        assert_eq!(
            decide(&g71, &w, Ok(&lv("7100-00-03-1115"))).verdict,
            Verdict::UpToDate
        );
        assert_eq!(
            decide(&g71, &w, Ok(&lv("6100-05-01-1016"))).verdict,
            Verdict::NeedsMigrate
        );
        let g72 = lv("7200-05-07-2346");
        let u = decide(&g72, &w, Ok(&lv("7100-05-04-1914")));
        assert_eq!((u.verdict, u.undocumented), (Verdict::Unknown, true));
        let g73 = lv("7300-02-01-2346");
        assert!(decide(&g73, &w, Ok(&lv("7200-05-03-2148"))).undocumented);
        assert!(decide(&g73, &w, Ok(&lv("6100-09-12-1846"))).undocumented);
        assert_eq!(
            decide(&g73, &w, Ok(&lv("5300-12-09-1341"))).verdict,
            Verdict::Versioned
        );
        assert_eq!(decide(&g73, &w, Err("stopped")).verdict, Verdict::Unknown);
    }
}
