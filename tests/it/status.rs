//! `wparup status`: each WPAR's level against the global's, and `--check` for scripts.

use super::util::replay;

#[test]
fn status_on_a_mix() {
    let r = replay("status-mix", &["--json", "status"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["global_level"], "7100-00-03-1115");
    let verdicts: Vec<(&str, &str)> = v["wpars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["name"].as_str().unwrap(), w["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("uptodate", "up-to-date"),
            ("wp_name", "needs-sync"),
            ("old61", "needs-migrate"),
            ("stopped", "unknown"),
            ("nologin", "unknown"),
            ("old52", "versioned"),
        ]
    );
    for w in v["wpars"].as_array().unwrap() {
        for k in ["name", "state", "private_usr", "level", "verdict", "reason"] {
            assert!(w.get(k).is_some(), "{k}");
        }
    }
    assert!(
        v["wpars"][3]["reason"]
            .as_str()
            .unwrap()
            .contains("--probe` reads its level in maintenance mode")
    );
    assert!(
        v["wpars"][4]["reason"]
            .as_str()
            .unwrap()
            .contains("timed out")
    );
}

#[test]
fn status_check_gates_a_script() {
    let r = replay("status-mix", &["status"]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = replay("status-mix", &["--json", "status", "--check"]);
    assert_eq!(r.code, 5, "{r:?}");
    let v = r.json();
    assert_eq!(v["exit_name"], "needs_work");
    assert!(!v["needs_work"].as_array().unwrap().is_empty());
}
