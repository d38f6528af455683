//! `wparup migrate`: base media for a private /usr, versioned WPARs converted or kept, the seed's migration through real processes.

use super::util::{FakeAix, check_op_doc, redacted, replay};

#[test]
fn seed_migrate_without_d_is_refused_before_migwpar() {
    let r = replay(
        "migrate-without-d-refused",
        &["--json", "migrate", "wp_name", "--no-backup"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    let v = r.json();
    check_op_doc(&v);
    super::util::assert_error_mentions(&v, "Shared /usr WPAR list: none");
}

#[test]
fn seed_migrate_with_d() {
    let r = replay(
        "migrate-with-d",
        &[
            "--json",
            "migrate",
            "wp_name",
            "-d",
            "fixtures/media/aix71-base",
            "--no-backup",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    check_op_doc(&v);
    assert_eq!(v["changed"], true);
    assert_eq!(
        v["result"]["installation_summary"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn versioned_wpars_listed_refused_converted_kept() {
    let v = replay("list-versioned", &["--json", "list"]).json();
    assert_eq!(v["wpars"][1]["versioned"], true);
    assert_eq!(v["wpars"][1]["ostype"], "5.2");
    assert_eq!(v["wpars"][0]["versioned"], false);

    let r = replay(
        "sync-versioned-refused",
        &["sync", "old52", "-d", "fixtures/media/7100-00-03"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stdout.contains("--convert"));

    let r = replay(
        "migrate-convert",
        &[
            "--json",
            "migrate",
            "old52",
            "--convert",
            "-d",
            "fixtures/media/aix71-base",
            "--no-backup",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.json()["ran"][0],
        "migwpar -C -d fixtures/media/aix71-base old52"
    );

    let r = replay(
        "migrate-keep-versioned",
        &[
            "--json",
            "migrate",
            "old52",
            "--keep-versioned",
            "--no-backup",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.json()["ran"][0], "migwpar -V old52");

    let r = replay(
        "migrate-keep-versioned-old-global",
        &["migrate", "old52", "--keep-versioned", "--no-backup"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stdout.contains("7.2 TL2"), "{}", r.stdout);
}

/// The seed story once more, through real processes: fake AIX commands in a temp --bin-dir.
#[test]
fn seed_story_through_the_system_executor() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", true);
    f.set("wp_name", "level", "6100-06-05-1115");
    let media = super::util::root().join("fixtures/media/aix71-base");
    let media = media.to_str().unwrap();

    let r = f.run(&["start", "wp_name"]);
    assert_eq!(r.code, 10, "{r:?}");
    assert!(
        r.stderr.contains("0960-667"),
        "live output is echoed: {}",
        r.stderr
    );

    // No backup decision: refused before anything runs, saying both ways.
    let before = f.calls();
    let r = f.run(&["migrate", "wp_name", "-d", media]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("--backup DIR") && r.stderr.contains("--no-backup"),
        "{r:?}"
    );
    assert_eq!(f.calls(), before, "nothing ran");

    let r = f.run(&["migrate", "wp_name", "--no-backup"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!f.calls().contains("migwpar"), "refused before running");

    // With a backup: savewpar first, then migwpar.
    let backups = tempfile::tempdir().unwrap();
    let b = backups.path().to_str().unwrap();
    let r = f.run(&["--json", "migrate", "wp_name", "-d", media, "--backup", b]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    let log = v["log"].as_str().unwrap().to_string();
    assert!(log.starts_with(f.logs.path().to_str().unwrap()));
    let calls = f.calls();
    assert!(
        calls.find("savewpar").unwrap() < calls.find("migwpar").unwrap(),
        "{calls}"
    );

    let r = f.run(&["start", "wp_name"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(f.state_of("wp_name"), "A");
    assert!(r.stdout.contains("defined -> active"), "{}", r.stdout);

    // The log of the migrate run replays to the same result.
    let again = super::util::wparup(&[
        "--json", "--replay", &log, "migrate", "wp_name", "-d", media, "--backup", b,
    ]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(redacted(again.json()), redacted(v.clone()));
}
