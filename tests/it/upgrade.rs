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
            "startwpar -m wp_name",
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

/// The demo host (a 6.1 detached WPAR stopped, a shared WPAR one SP behind, a versioned 5.2
/// WPAR, an up-to-date stopped WPAR) is brought to the global's level by one `upgrade --all
/// --base B -d U`: exit 0, the versioned WPAR kept, the stopped ones stopped again. A second run
/// changes nothing: `changed: false`, and the fakes' log shows only reads and maintenance-mode
/// probes (no syncwpar, migwpar, rebootwpar, no plain startwpar).
#[test]
fn a_whole_host_in_one_run_and_a_second_run_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("host");
    let setup = std::process::Command::new(super::util::root().join("demo/setup"))
        .arg(&dir)
        .output()
        .unwrap();
    assert!(setup.status.success(), "{setup:?}");
    let media = dir.join("media");
    // Complete update media: the compiler updates copied in, the .toc rebuilt.
    for e in std::fs::read_dir(media.join("compiler-updates")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, media.join("7100-00-03").join(p.file_name().unwrap())).unwrap();
    }
    std::fs::remove_file(media.join("7100-00-03/.toc")).unwrap();
    let (b, u) = (media.join("aix71-base"), media.join("7100-00-03"));
    let run = |extra: &[&str]| {
        let mut args = vec!["--json", "upgrade", "--all", "--base"];
        args.push(b.to_str().unwrap());
        args.push("-d");
        args.push(u.to_str().unwrap());
        args.extend_from_slice(extra);
        let mut c = super::util::command(&args);
        c.env("WPARUP_BIN_DIR", dir.join("bin"))
            .env("WPARUP_LOG_DIR", dir.join("logs"))
            .env("WPARUP_LOCK_DIR", dir.join("locks"));
        super::util::run_cmd(c)
    };
    let state = |n: &str| {
        std::fs::read_to_string(dir.join(format!("state/{n}.state")))
            .unwrap()
            .trim()
            .to_string()
    };
    let calls = || std::fs::read_to_string(dir.join("state/calls")).unwrap_or_default();

    let r = run(&["--expand"]);
    assert_eq!(r.code, 0, "{r}");
    let v = r.json();
    assert_eq!(v["changed"], true);
    let row = |name: &str| {
        v["wpar_runs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["wpar"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(row("old52")["decision"]["verdict"], "versioned");
    assert_eq!(row("old52")["exit_code"], 0);
    assert_eq!(row("wp_name")["level_after"], "7100-00-03-1115");
    assert_eq!(row("shared01")["level_after"], "7100-00-03-1115");
    assert_eq!(row("web01")["changed"], false);
    assert_eq!((state("wp_name"), state("web01")), ("D".into(), "D".into()));
    assert_eq!(state("shared01"), "A");

    std::fs::write(dir.join("state/calls"), "").unwrap();
    let again = run(&[]);
    assert_eq!(again.code, 0, "{again}");
    assert_eq!(again.json()["changed"], false);
    let log = calls();
    for l in log.lines() {
        let cmd = l.split_whitespace().next().unwrap_or("");
        let probe = l.starts_with("startwpar -m ") || l.starts_with("stopwpar ");
        assert!(
            matches!(cmd, "lswpar" | "oslevel" | "clogin" | "lslpp" | "installp") || probe,
            "a second run ran `{l}`:\n{log}"
        );
    }
    // Every stopwpar ends a probe: it follows that WPAR's `startwpar -m`.
    let lines: Vec<&str> = log.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if let Some(name) = l.strip_prefix("stopwpar ") {
            assert!(
                lines[..i]
                    .iter()
                    .rev()
                    .any(|p| *p == format!("startwpar -m {name}")),
                "{log}"
            );
        }
    }
    assert_eq!((state("wp_name"), state("web01")), ("D".into(), "D".into()));
}

/// A stopped WPAR whose update media are incomplete: the preview reads it in maintenance mode,
/// predicts syncwpar's 0960-582 and is not "ok" (exit 11), and leaves it stopped.
#[test]
fn the_preview_of_a_stopped_wpar_with_incomplete_media_is_not_ok() {
    let f = super::util::FakeAix::new();
    f.set("global", "filesets", "bos.rte 7.1.0.3\nvac.C 11.1.0.7");
    f.wpar("wp_name", "D", true);
    f.set("wp_name", "level", "7100-00-01-1037");
    f.set("wp_name", "filesets", "bos.rte 7.1.0.1\nvac.C 11.1.0.2");
    let media = super::util::root().join("fixtures/media/7100-00-03-incomplete");
    let r = f.run(&[
        "--json",
        "upgrade",
        "wp_name",
        "-d",
        media.to_str().unwrap(),
        "--preview",
    ]);
    assert_eq!(r.code, 11, "{r}");
    let v = r.json();
    assert_eq!(v["changed"], false);
    assert_eq!(v["media"]["missing"][0]["fileset"], "vac.C");
    assert_eq!(f.state_of("wp_name"), "D");
    assert!(!f.calls().contains("syncwpar"), "{}", f.calls());
}

/// After it changes a WPAR, upgrade runs `lppchk -v` in it: inconsistent software is exit 17
/// even at the global's level; `--no-verify` skips the check. (The problem line is synthetic.)
#[test]
fn upgrade_verifies_what_it_changed_with_lppchk() {
    let f = super::util::FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    f.wpar("w1", "A", false);
    f.set("w1", "level", "7100-00-02-1041");
    std::fs::write(f.state.path().join("w1.lppchk"), "synthetic problem line\n").unwrap();
    let r = f.run(&["--json", "upgrade", "w1"]);
    assert_eq!(r.code, 17, "{r:?}");
    let v = r.json();
    assert_eq!(v["level_after"], "7100-00-03-1115", "{v}");
    assert_eq!(v["consistency"]["consistent"], false);
    assert!(v["error"]["hints"].to_string().contains("lppchk -v -m 3"));

    f.set("w1", "level", "7100-00-02-1041");
    std::fs::remove_file(f.state.path().join("calls")).unwrap();
    let r = f.run(&["--json", "upgrade", "w1", "--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!f.calls().contains("lppchk"), "{}", f.calls());
}
