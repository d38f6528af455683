//! `wparup start`: the seed's 0960-667, idempotence, and the states in which nothing may start.

use super::util::{FakeAix, check_op_doc, replay};

#[test]
fn seed_start_refused_0960_667_says_migrate_with_media() {
    let r = replay("start-0960-667", &["start", "wp_name"]);
    assert_eq!(r.code, 10, "{r:?}");
    assert!(
        r.stdout.contains("wparup migrate wp_name -d"),
        "{}",
        r.stdout
    );
    let r = replay("start-0960-667", &["--json", "start", "wp_name"]);
    let v = r.json();
    check_op_doc(&v);
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "needs_migration");
    assert_eq!(v["state_before"], "defined");
    assert_eq!(v["state_after"], "defined");
    assert_eq!(v["result"]["messages"][0]["id"], "0960-667");
}

#[test]
fn start_and_stop_are_idempotent() {
    let v = replay("start-already-active", &["--json", "start", "wp_name"]).json();
    check_op_doc(&v);
    assert_eq!(
        (v["ok"].clone(), v["changed"].clone()),
        (true.into(), false.into())
    );
    let v = replay("stop-already-defined", &["--json", "stop", "wp_name"]).json();
    assert_eq!(
        (v["ok"].clone(), v["changed"].clone()),
        (true.into(), false.into())
    );
    let r = replay("start-ok", &["--json", "start", "wp_name"]);
    assert_eq!(r.code, 0);
    let v = r.json();
    assert_eq!(
        (v["state_before"].clone(), v["state_after"].clone()),
        ("defined".into(), "active".into())
    );
    assert_eq!(v["changed"], true);
}

#[test]
fn transitional_and_broken_are_refused_with_what_to_do() {
    let r = replay("start-transitional", &["start", "wp_name"]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(r.stdout.contains("another administrative operation"));
    let r = replay("start-broken", &["start", "wp_name"]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(
        r.stdout.contains("wparup stop wp_name --force"),
        "{}",
        r.stdout
    );
    let r = replay("stop-broken-force", &["stop", "wp_name", "--force"]);
    assert_eq!(r.code, 0, "{r:?}");
}

/// A versioned WPAR that refuses to start is advised to be converted (or kept at its level),
/// never migrated plainly.
#[test]
fn a_versioned_wpar_refused_at_start_is_advised_to_convert() {
    let f = FakeAix::new();
    f.wpar("old52", "D", true);
    f.set("old52", "ostype", "5.2");
    f.set("old52", "level", "5200-10-08-0930");
    let r = f.run(&["--json", "start", "old52"]);
    assert_eq!(r.code, 10, "{r}");
    let hints = r.json()["error"]["hints"].to_string();
    assert!(hints.contains("--convert"), "{hints}");
    assert!(!hints.contains("migrate old52 -d"), "{hints}");
}
