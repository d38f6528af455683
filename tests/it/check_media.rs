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
