//! `wparup sync`: the seed's failures (missing filesets, a full /usr, the stale `.toc`) and its success, one WPAR and `--all`.

use super::util::{FakeAix, check_op_doc, replay};

#[test]
fn seed_sync_missing_vac_filesets_exit_11_with_table_and_fix() {
    let dir = "fixtures/media/7100-00-03-incomplete";
    let r = replay(
        "sync-preview-missing-vac",
        &["sync", "wp_name", "-d", dir, "--preview"],
    );
    assert_eq!(r.code, 11, "{r:?}");
    assert!(
        r.stdout.contains("vac.aix53.lib 11.1.0.2   11.1.0.7"),
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
            format!(
                "{}# lswpar -cG wp_name\n{lsw}{}# installp -ld {media}\n#! exit: 0\n# wparup-scan-media {media}\n{scan}",
                super::util::OSLEVEL_STEP,
                super::util::probe_refused("wp_name")
            ),
        )
        .unwrap();
        super::util::wparup(&[
            "--replay",
            t.to_str().unwrap(),
            "migrate",
            "wp_name",
            "-d",
            media,
            "--no-backup",
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
    f.set("wp_name", "level", "6100-06-05-1115");
    // The .toc lists the base image but is older than it (stale: warned about).
    let media =
        super::util::media_with_stale_toc("bos.rte 7.1.0.0 I\n", &["bos.rte.7.1.0.0.I", "README"]);
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

/// A sync that says SUCCESS but leaves the WPAR Broken is a failure (reliability review L03).
#[test]
fn a_wpar_left_broken_is_not_success() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    super::util::install(f.bin.path(), "fake-exec", "sync-leaves-broken", "syncwpar");
    let r = f.run(&["--json", "sync", "wp_name"]);
    assert_eq!(r.code, 1, "{r}");
    let v = r.json();
    assert_eq!(v["state_after"], "broken");
    super::util::assert_error_mentions(&v, "Broken afterwards");
}
