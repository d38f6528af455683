//! `wparup upgrade`: the seed's whole evening as one command, its media check, its preview, and the release pairs it refuses.

use super::util::{FakeAix, check_op_doc, replay};

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
