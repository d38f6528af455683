//! The admin's stories, replayed end to end through the CLI: a transcript, a command, the
//! typed result and the exit code.

use super::util::{FakeAix, replay};

const OP_KEYS: [&str; 5] = ["wpar", "state_before", "state_after", "result", "ran"];
const RESULT_KEYS: [&str; 12] = [
    "command",
    "complete",
    "status",
    "messages",
    "missing_filesets",
    "space_shortfalls",
    "environments",
    "installation_summary",
    "fileset_statistics",
    "reboot_required",
    "cycle_detected",
    "synchronized",
];

fn check_op_doc(v: &serde_json::Value) {
    for k in OP_KEYS {
        assert!(v.get(k).is_some(), "missing key {k} in {v:#}");
    }
    if v["result"].is_object() {
        for k in RESULT_KEYS {
            assert!(v["result"].get(k).is_some(), "result lacks {k}");
        }
    }
}

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
fn seed_migrate_without_d_is_refused_before_migwpar() {
    let r = replay(
        "migrate-without-d-refused",
        &["--json", "migrate", "wp_name"],
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
fn seed_sync_missing_vac_filesets_exit_11_with_table_and_fix() {
    let dir = "fixtures/media/7100-00-03-incomplete";
    let r = replay(
        "sync-preview-missing-vac",
        &["sync", "wp_name", "-d", dir, "--preview"],
    );
    assert_eq!(r.code, 11, "{r:?}");
    assert!(
        r.stdout
            .contains("vac.aix53.lib                    11.1.0.2       11.1.0.7"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains(&format!("inutoc {dir}")));
    assert!(
        r.stdout.contains("not running"),
        "prediction impossible is said: {}",
        r.stdout
    );
    let v = replay(
        "sync-preview-missing-vac",
        &["--json", "sync", "wp_name", "-d", dir, "--preview"],
    )
    .json();
    check_op_doc(&v);
    assert_eq!(v["result"]["missing_filesets"][0]["fileset"], "vac.C");
}

#[test]
fn seed_full_usr_exit_12_with_both_fixes() {
    let r = replay(
        "sync-usr-full-cycle",
        &["sync", "wp_name", "-d", "fixtures/media/7100-00-03"],
    );
    assert_eq!(r.code, 12, "{r:?}");
    assert!(r.stdout.contains("455 MB"), "{}", r.stdout);
    assert!(r.stdout.contains("--expand"));
    assert!(
        r.stdout.contains("chfs -a size=+455M /wpars/wp_name/usr"),
        "{}",
        r.stdout
    );
}

#[test]
fn seed_success_with_reboot_banner() {
    let r = replay(
        "sync-success-reboot-hint",
        &["sync", "wp_name", "-d", "fixtures/media/7100-00-03"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("1 committed"), "{}", r.stdout);
    assert!(r.stdout.contains("wparup reboot wp_name"), "{}", r.stdout);
    let r = replay(
        "sync-success-restart",
        &[
            "--json",
            "sync",
            "wp_name",
            "-d",
            "fixtures/media/7100-00-03",
            "-X",
            "--restart",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    check_op_doc(&v);
    assert_eq!(v["result"]["reboot_required"], true);
    assert_eq!(v["ran"][1], "rebootwpar wp_name");
    assert_eq!(v["state_after"], "active");
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

#[test]
fn not_found_exits_3() {
    let r = replay("not-found", &["start", "kitchenwpar"]);
    assert_eq!(r.code, 3, "{r:?}");
    let r = replay("not-found", &["--json", "list", "kitchenwpar"]);
    assert_eq!(r.code, 3);
    let v = r.json();
    assert_eq!(v["not_found"][0], "kitchenwpar");
    // Like every failing run, it says what failed (the Ansible module shows this message).
    assert_eq!(v["error"]["kind"], "not_found");
    assert_eq!(v["error"]["message"], "no WPAR named `kitchenwpar`");
}

#[test]
fn sync_all_mixed_results_worst_exit() {
    let r = replay(
        "sync-all-mixed",
        &[
            "--json",
            "sync",
            "--all",
            "--keep-going",
            "-d",
            "fixtures/media/7100-00-03-incomplete",
        ],
    );
    assert_eq!(r.code, 11, "{r:?}");
    let v = r.json();
    assert_eq!(v["logs"], serde_json::json!([]), "a replay writes no log");
    let res = v["wpar_runs"].as_array().unwrap();
    assert_eq!(res.len(), 3);
    assert_eq!(res[0]["exit_code"], 0);
    assert_eq!(res[1]["exit_code"], 11);
    assert!(res[2]["skipped"].as_str().unwrap().contains("versioned"));
    for x in res {
        check_op_doc(x);
    }
    let r = replay(
        "sync-all-mixed",
        &[
            "sync",
            "--all",
            "--keep-going",
            "-d",
            "fixtures/media/7100-00-03-incomplete",
        ],
    );
    assert!(
        r.stdout.contains("overall: media_incomplete (exit 11)"),
        "{}",
        r.stdout
    );
}

#[test]
fn upgrade_the_seed_evening() {
    let r = replay(
        "upgrade-seed-evening",
        &[
            "--json",
            "upgrade",
            "wp_name",
            "-d",
            "fixtures/media/aix71-base",
            "--restart",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    check_op_doc(&v);
    assert_eq!(v["decision"]["verdict"], "needs-migrate");
    assert_eq!(
        v["ran"],
        serde_json::json!([
            "startwpar wp_name",
            "migwpar -d fixtures/media/aix71-base wp_name",
            "startwpar wp_name"
        ])
    );
    assert_eq!(v["state_after"], "active");
    assert_eq!(v["level_after"], "7100-00-00-0000");
}

#[test]
fn upgrade_media_check_names_vac_before_syncwpar_then_passes() {
    let r = replay(
        "upgrade-media-missing",
        &[
            "--json",
            "upgrade",
            "wp_name",
            "-d",
            "fixtures/media/7100-00-03-incomplete",
        ],
    );
    assert_eq!(r.code, 11, "{r:?}");
    let v = r.json();
    let names: Vec<&str> = v["media"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["fileset"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["vac.C", "vac.aix53.lib"]);
    assert!(
        !v["ran"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c.as_str().unwrap().starts_with("syncwpar"))
    );
    let text = std::fs::read_to_string(
        super::util::root().join("fixtures/scenarios/upgrade-media-missing.txt"),
    )
    .unwrap();
    assert!(
        !text.contains("# syncwpar"),
        "the transcript proves syncwpar never ran"
    );

    let r = replay(
        "upgrade-media-complete",
        &[
            "--json",
            "upgrade",
            "wp_name",
            "-d",
            "fixtures/media/7100-00-03",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(
        v["ran"],
        serde_json::json!([
            "syncwpar -D -d fixtures/media/7100-00-03 wp_name",
            "rebootwpar wp_name"
        ])
    );
    assert_eq!(v["level_before"], "7100-00-01-1037");
    assert_eq!(v["level_after"], "7100-00-03-1115");
    assert_eq!(v["state_after"], "active");
}

#[test]
fn upgrade_preview_runs_nothing_that_changes_the_system() {
    let r = replay(
        "upgrade-preview",
        &[
            "--json",
            "upgrade",
            "wp_name",
            "-d",
            "fixtures/media/7100-00-03",
            "--preview",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["ran"], serde_json::json!([]));
    assert_eq!(
        v["plan"][0],
        "syncwpar -D -d fixtures/media/7100-00-03 wp_name"
    );
    let text =
        std::fs::read_to_string(super::util::root().join("fixtures/scenarios/upgrade-preview.txt"))
            .unwrap();
    for p in [
        "startwpar",
        "stopwpar",
        "rebootwpar",
        "migwpar",
        "syncwpar",
        "inutoc",
    ] {
        assert!(
            !text.contains(&format!("\n# {p}")),
            "{p} in a preview transcript"
        );
    }
}

#[test]
fn upgrade_undocumented_release_pair_exit_14_runs_nothing() {
    let r = replay(
        "upgrade-undocumented-7.2-on-7.3",
        &["--json", "upgrade", "wp72"],
    );
    assert_eq!(r.code, 14, "{r:?}");
    let v = r.json();
    assert_eq!(v["error"]["kind"], "undocumented_release");
    assert!(
        v["error"]["hints"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h.as_str().unwrap().contains("syncwpar -p"))
    );
    assert_eq!(v["ran"], serde_json::json!([]));
}

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
            .contains("only be read while it runs")
    );
    assert!(
        v["wpars"][4]["reason"]
            .as_str()
            .unwrap()
            .contains("timed out")
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
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        r.json()["ran"][0],
        "migwpar -C -d fixtures/media/aix71-base old52"
    );

    let r = replay(
        "migrate-keep-versioned",
        &["--json", "migrate", "old52", "--keep-versioned"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.json()["ran"][0], "migwpar -V old52");

    let r = replay(
        "migrate-keep-versioned-old-global",
        &["migrate", "old52", "--keep-versioned"],
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

    let r = f.run(&["migrate", "wp_name"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!f.calls().contains("migwpar"), "refused before running");

    let r = f.run(&["--json", "migrate", "wp_name", "-d", media]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    let log = v["log"].as_str().unwrap().to_string();
    assert!(log.starts_with(f.logs.path().to_str().unwrap()));

    let r = f.run(&["start", "wp_name"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(f.state_of("wp_name"), "A");
    assert!(r.stdout.contains("defined -> active"), "{}", r.stdout);

    // The log of the migrate run replays to the same result.
    let again = super::util::wparup(&[
        "--json", "--replay", &log, "migrate", "wp_name", "-d", media,
    ]);
    assert_eq!(again.code, 0, "{again:?}");
    let mut a = again.json();
    let mut b = v.clone();
    a["log"] = serde_json::Value::Null;
    a["replay"] = serde_json::Value::Null;
    a["duration_secs"] = serde_json::Value::Null;
    b["log"] = serde_json::Value::Null;
    b["replay"] = serde_json::Value::Null;
    b["duration_secs"] = serde_json::Value::Null;
    assert_eq!(a, b);
}

#[test]
fn check_media_predicts_0960_582_then_passes() {
    let r = replay(
        "check-media-missing",
        &[
            "--json",
            "check-media",
            "wp_name",
            "-d",
            "fixtures/media/7100-00-03-incomplete",
        ],
    );
    assert_eq!(r.code, 11, "{r:?}");
    let v = r.json();
    assert_eq!(v["media"]["missing"][1]["fileset"], "vac.aix53.lib");
    assert_eq!(v["media"]["missing"][1]["global_level"], "11.1.0.7");
    assert_eq!(v["media"]["needed"], 3);
    let r = replay(
        "check-media-complete",
        &["check-media", "wp_name", "-d", "fixtures/media/7100-00-03"],
    );
    assert_eq!(r.code, 0, "{r:?}");
}

/// The seed's "remove the .toc file!": images newer than the .toc are invisible to installp.
#[test]
fn stale_toc_is_warned_about_and_refresh_toc_runs_inutoc() {
    // Recorded on an AIX host: its `.toc` is an hour older than an image copied in later. The
    // replay reads that from the transcript; /mnt/7100-00-03 does not exist here.
    let d = "/mnt/7100-00-03";
    let scan_stale = format!(
        "# wparup-scan-media {d}\ntoc: 1300000000\nimage: 1300003600 vac.C.11.1.0.7.U\n#! exit: 0\n"
    );
    let scan_fresh = format!(
        "# wparup-scan-media {d}\ntoc: 1300007200\nimage: 1300003600 vac.C.11.1.0.7.U\n#! exit: 0\n"
    );
    let lsw = "#|#name:state:type:rootvgwpar:hostname:routing:vipwpar:directory:owner:script:auto:privateusr:checkpointable:application:ostype:xwparipc:architecture:uuid\nwp_name:D:S:no:wp_name:no::/wpars/wp_name:root::no:yes:no::0:no:none:\n#! exit: 0\n";
    let ok = "Workload partition wp_name synchronized successfully.\nReturn Status = SUCCESS.\n#! exit: 0\n";
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, format!("# lswpar -cG wp_name\n{lsw}{scan_stale}# syncwpar -D -d {d} wp_name\n{ok}# lswpar -cG wp_name\n{lsw}")).unwrap();
    let r = super::util::wparup(&[
        "--replay",
        plain.to_str().unwrap(),
        "sync",
        "wp_name",
        "-d",
        d,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("is older than `vac.C.11.1.0.7.U`"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains(&format!("inutoc {d}")));

    let refresh = dir.path().join("refresh.txt");
    std::fs::write(
        &refresh,
        format!("# lswpar -cG wp_name\n{lsw}{scan_stale}# inutoc {d}\n#! exit: 0\n{scan_fresh}# syncwpar -D -d {d} wp_name\n{ok}# lswpar -cG wp_name\n{lsw}"),
    )
    .unwrap();
    let r = super::util::wparup(&[
        "--json",
        "--replay",
        refresh.to_str().unwrap(),
        "sync",
        "wp_name",
        "-d",
        d,
        "--refresh-toc",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["ran"][0], format!("inutoc {d}"));
    assert!(
        !v["warnings"].to_string().contains("older than"),
        "the .toc is fresh after inutoc: {}",
        v["warnings"]
    );
}

#[test]
fn a_media_directory_without_images_is_refused_with_exit_2() {
    let lsw = "#|#name:state:type:rootvgwpar:hostname:routing:vipwpar:directory:owner:script:auto:privateusr:checkpointable:application:ostype:xwparipc:architecture:uuid\nwp_name:D:S:no:wp_name:no::/wpars/wp_name:root::no:yes:no::0:no:none:\n#! exit: 0\n";
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.txt");
    // `wparup migrate wp_name -d MEDIA`, replayed with what the media scan saw.
    let migrate = |media: &str, scan: &str| {
        std::fs::write(
            &t,
            format!("# lswpar -cG wp_name\n{lsw}# wparup-scan-media {media}\n{scan}"),
        )
        .unwrap();
        super::util::wparup(&[
            "--replay",
            t.to_str().unwrap(),
            "migrate",
            "wp_name",
            "-d",
            media,
        ])
    };
    // The DVD's root was given instead of its image directory.
    let r = migrate("/mnt/cdrom", "subdir: installp/ppc\n#! exit: 0\n");
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stdout.contains("holds no installp images"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("did you mean `-d /mnt/cdrom/installp/ppc`?")
    );
    let r = migrate(
        "/nonexistent/media",
        "error: No such file or directory (os error 2)\n#! exit: 1\n",
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stdout.contains("/nonexistent/media"));
    assert!(r.stdout.contains("No such file or directory"));
}

/// The live scan, as the system executor runs it: what it prints is what a replay reads.
#[test]
fn the_live_media_scan_is_recorded_and_replays_without_the_directory() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", true);
    let media = super::util::media_with_stale_toc("", &["bos.rte.7.1.0.0.I", "README"]);
    let d = media.path().to_str().unwrap().to_string();
    let keep = tempfile::tempdir().unwrap();
    let rec = keep.path().join("rec.txt");
    let live = f.run(&[
        "--json",
        "--record",
        rec.to_str().unwrap(),
        "migrate",
        "wp_name",
        "-d",
        &d,
        "--preview",
    ]);
    assert_eq!(live.code, 0, "{live:?}");
    let text = std::fs::read_to_string(&rec).unwrap();
    assert!(
        text.contains(&format!("# wparup-scan-media {d}\ntoc: ")),
        "{text}"
    );
    assert!(text.contains(" bos.rte.7.1.0.0.I\n#! exit: 0"), "{text}");
    assert!(!text.contains("README"), "only images are listed");
    let v = live.json();
    assert!(
        v["warnings"][0]
            .as_str()
            .unwrap()
            .contains("bos.rte.7.1.0.0.I"),
        "stale .toc: {v}"
    );
    // The directory is gone; the replay still sees what the live run saw.
    drop(media);
    let again = super::util::wparup(&["--json", "replay", rec.to_str().unwrap()]);
    assert_eq!(again.code, 0, "{again:?}");
    let a = again.json();
    assert_eq!(a["warnings"], v["warnings"]);
    assert_eq!(a["plan"], v["plan"]);
    assert_eq!(a["replay"], rec.to_str().unwrap());
}

#[test]
fn record_a_live_run_then_replay_it() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", true);
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("rec.txt");
    let live = f.run(&[
        "--json",
        "--record",
        rec.to_str().unwrap(),
        "start",
        "wp_name",
    ]);
    assert_eq!(live.code, 0, "{live:?}");
    let text = std::fs::read_to_string(&rec).unwrap();
    assert!(text.starts_with("#! wparup-transcript: 1\n"));
    assert!(
        text.contains("\n# startwpar wp_name\nStarting workload partition 'wp_name'.\n"),
        "{text}"
    );
    let again = super::util::wparup(&[
        "--json",
        "--replay",
        rec.to_str().unwrap(),
        "start",
        "wp_name",
    ]);
    assert_eq!(again.code, 0, "{again:?}");
    let (mut a, mut b) = (live.json(), again.json());
    a["log"] = serde_json::Value::Null;
    a["replay"] = serde_json::Value::Null;
    a["duration_secs"] = serde_json::Value::Null;
    b["log"] = serde_json::Value::Null;
    b["replay"] = serde_json::Value::Null;
    b["duration_secs"] = serde_json::Value::Null;
    assert_eq!(a, b);
}

/// The seed's stale `.toc`, in a fleet's one-command form: `upgrade --refresh-toc` rebuilds it
/// before the media check and the sync; its preview plans inutoc and changes nothing.
#[test]
fn upgrade_refresh_toc_rebuilds_a_stale_toc_first_and_its_preview_only_plans_it() {
    let f = FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    f.set(
        "global",
        "filesets",
        "bos.rte 7.1.0.3\nvac.C 11.1.0.7\nvac.aix53.lib 11.1.0.7",
    );
    f.wpar("wp_name", "A", true);
    f.set("wp_name", "level", "7100-00-01-1037");
    f.set(
        "wp_name",
        "filesets",
        "bos.rte 7.1.0.1\nvac.C 11.1.0.2\nvac.aix53.lib 11.1.0.2",
    );
    // The update was unpacked and its .toc built; the compiler updates were copied in later.
    let media = super::util::media_with_stale_toc(
        "bos.rte 7.1.0.3\n",
        &[
            "bos.rte.7.1.0.3.U",
            "vac.C.11.1.0.7.U",
            "vac.aix53.lib.11.1.0.7.U",
        ],
    );
    let d = media.path().to_str().unwrap();

    // Without --refresh-toc, installp would not see the compiler updates: exit 11, as the seed.
    let r = f.run(&["--json", "upgrade", "wp_name", "-d", d, "--preview"]);
    assert_eq!(r.code, 11, "{r:?}");

    let r = f.run(&[
        "--json",
        "upgrade",
        "wp_name",
        "-d",
        d,
        "--preview",
        "--refresh-toc",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["plan"][0], format!("inutoc {d}"));
    assert!(v["plan"][1].as_str().unwrap().starts_with("syncwpar -D -d"));
    assert_eq!(v["media"]["predicted"], false);
    assert!(v["warnings"].to_string().contains("will be rebuilt first"));
    assert_eq!(v["changed"], false);
    assert!(!f.calls().contains("inutoc"), "{}", f.calls());

    let r = f.run(&["--json", "upgrade", "wp_name", "-d", d, "--refresh-toc"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["ran"][0], format!("inutoc {d}"));
    assert_eq!(v["media"]["missing"], serde_json::json!([]));
    assert_eq!(v["level_after"], "7100-00-03-1115");
    assert_eq!(v["changed"], true);
}
