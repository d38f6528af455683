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

/// `status --verify` runs `lppchk -v` in every running WPAR (side by side with the levels);
/// with `--check`, an inconsistent WPAR is exit 17, above needs-work's 5. Without `--verify`
/// no lppchk runs. (The problem line is synthetic: no published output shows one.)
#[test]
fn status_verify_gates_on_an_inconsistent_wpar() {
    let f = super::util::FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    for n in ["ok1", "bad1", "old1"] {
        f.wpar(n, "A", true);
        f.set(n, "level", "7100-00-03-1115");
    }
    f.set("old1", "level", "7100-00-02-1041");
    f.wpar("down", "D", true);
    std::fs::write(
        f.state.path().join("bad1.lppchk"),
        "synthetic problem line\n",
    )
    .unwrap();
    let r = f.run(&["--json", "status", "--check"]);
    assert_eq!(r.code, 5, "{r:?}");
    assert!(!f.calls().contains("lppchk"), "{}", f.calls());

    let r = f.run(&["--json", "status", "--check", "--verify"]);
    assert_eq!(r.code, 17, "{r:?}");
    let v = r.json();
    assert_eq!(v["inconsistent"], serde_json::json!(["bad1"]));
    let row = |n: &str| {
        v["wpars"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(row("ok1")["consistent"], true);
    assert_eq!(row("bad1")["consistent"], false);
    assert!(
        row("bad1")["reason"]
            .as_str()
            .unwrap()
            .contains("wparup verify bad1"),
        "{v}"
    );
    assert_eq!(row("down")["consistent"], serde_json::Value::Null);
    // Without --check, the same reading is exit 0.
    assert_eq!(f.run(&["status", "--verify"]).code, 0);
}
