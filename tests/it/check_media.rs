//! `wparup check-media`: the 0960-582 table predicted before any long run.

use super::util::replay;

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

/// The preflight, before any change (frontier §4): a fileset left APPLIED in the WPAR and one
/// an iFix locks are named, with the command that fixes each, by `check-media` and by an
/// `upgrade --preview` (the lslpp state letters are synthetic: no published sample shows them).
#[test]
fn the_preflight_names_applied_and_efix_locked_filesets_before_any_change() {
    let f = super::util::FakeAix::new();
    std::fs::write(f.state.path().join("global.level"), "7100-00-03-1115\n").unwrap();
    std::fs::write(
        f.state.path().join("global.filesets"),
        "bos.rte 7.1.0.3\nbos.net.tcp.client 7.1.0.3\n",
    )
    .unwrap();
    f.wpar("w1", "A", true);
    f.set("w1", "level", "7100-00-01-1037");
    f.set(
        "w1",
        "filesets",
        "bos.rte 7.1.0.1 A\nbos.net.tcp.client 7.1.0.1 C 1",
    );
    let media = tempfile::tempdir().unwrap();
    std::fs::write(media.path().join("bos.rte.7.1.0.3.U"), "").unwrap();
    std::fs::write(media.path().join("bos.net.tcp.client.7.1.0.3.U"), "").unwrap();
    let d = media.path().to_str().unwrap();
    for v in preflights(&f, d) {
        assert_eq!(
            v["media"]["uncommitted"],
            serde_json::json!(["bos.rte"]),
            "{v}"
        );
        assert_eq!(
            v["media"]["efix_locked"],
            serde_json::json!(["bos.net.tcp.client"])
        );
        let warnings = v["warnings"].to_string();
        assert!(
            warnings.contains("APPLIED, not committed: bos.rte"),
            "{warnings}"
        );
        let next = v["next"].to_string();
        assert!(next.contains("installp -c all"), "{next}");
        assert!(next.contains("emgr -l"), "{next}");
    }
    assert!(!f.calls().contains("syncwpar w1"), "{}", f.calls());
}

/// The free-space forecast (frontier §4, the seed's longest detour): the update images of the
/// filesets the WPAR needs add up to more than its /usr has free (df -Pk), so `check-media` and
/// `upgrade --preview` say so before the long run, with the figure, the `--expand` advice and
/// the chfs line; an APPLIED fileset is named in the same preflight. With room, no warning.
#[test]
fn the_preflight_predicts_a_usr_shortfall_from_the_image_sizes_and_df() {
    let f = super::util::FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    f.set("global", "filesets", "bos.rte 7.1.0.3\nvac.C 11.1.0.7");
    f.wpar("w1", "A", true);
    f.set("w1", "level", "7100-00-01-1037");
    f.set("w1", "filesets", "bos.rte 7.1.0.1 A\nvac.C 11.1.0.2");
    f.set("w1", "usr_free_mb", "100");
    let media = tempfile::tempdir().unwrap();
    for (name, mb) in [("bos.rte.7.1.0.3.U", 90u64), ("vac.C.11.1.0.7.U", 60)] {
        let file = std::fs::File::create(media.path().join(name)).unwrap();
        file.set_len(mb << 20).unwrap();
    }
    let d = media.path().to_str().unwrap();
    for v in preflights(&f, d) {
        let space = &v["media"]["space"];
        assert_eq!(space["mount"], "/wpars/w1/usr", "{v}");
        assert_eq!(space["images_bytes"], 150u64 << 20);
        assert_eq!(space["free_bytes"], 100u64 << 20);
        assert_eq!(space["short"], true);
        let warnings = v["warnings"].to_string();
        assert!(
            warnings.contains("total 150 MB, but /wpars/w1/usr has 100 MB free"),
            "{warnings}"
        );
        assert!(
            warnings.contains("APPLIED, not committed: bos.rte"),
            "{warnings}"
        );
        let next = v["next"].to_string();
        assert!(next.contains("--expand"), "{next}");
        assert!(next.contains("chfs -a size=+50M /wpars/w1/usr"), "{next}");
    }
    assert!(f.calls().contains("df -Pk /wpars/w1/usr"), "{}", f.calls());
    assert!(!f.calls().contains("syncwpar"), "{}", f.calls());

    // Room enough: the forecast is there, without a warning.
    f.set("w1", "usr_free_mb", "1000");
    let r = f.run(&["--json", "check-media", "w1", "-d", d]);
    let v = r.json();
    assert_eq!(v["media"]["space"]["short"], false, "{v}");
    assert!(!v["warnings"].to_string().contains("shortfall"), "{v}");
}

/// The preflight of `w1` against the media `d`, as `check-media` and `upgrade --preview` print
/// it (both exit 0): the two JSON documents.
fn preflights(f: &super::util::FakeAix, d: &str) -> Vec<serde_json::Value> {
    [
        &["--json", "check-media", "w1", "-d", d][..],
        &["--json", "upgrade", "w1", "-d", d, "--preview"][..],
    ]
    .into_iter()
    .map(|args| {
        let r = f.run(args);
        assert_eq!(r.code, 0, "{args:?}: {r:?}");
        r.json()
    })
    .collect()
}
