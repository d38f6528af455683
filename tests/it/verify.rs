//! `wparup verify`: inside each running WPAR, its level against the global's and `lppchk -v`.
//! (The demo's lppchk problem lines are synthetic: no published output shows them.)

use super::util::FakeAix;

fn host() -> FakeAix {
    let f = FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    for n in ["good", "broken"] {
        f.wpar(n, "A", true);
        f.set(n, "level", "7100-00-03-1115");
    }
    f
}

#[test]
fn a_consistent_wpar_at_the_global_level_passes() {
    let f = host();
    let r = f.run(&["--json", "verify", "good"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["consistency"]["consistent"], true);
    assert_eq!(v["decision"]["verdict"], "up-to-date");
    assert_eq!(v["changed"], false);
    assert!(f.calls().contains("clogin good -l root /usr/bin/lppchk -v"));
}

/// The test breaks one WPAR's software (lppchk prints problem lines and exits 1): verify names
/// it with exit 17 and the command that shows the details, and still checks the other.
#[test]
fn an_inconsistent_wpar_is_exit_17_with_what_lppchk_said() {
    let f = host();
    std::fs::write(
        f.state.path().join("broken.lppchk"),
        "synthetic problem line for bos.rte.libc\n",
    )
    .unwrap();
    f.set("broken", "wparerr", "synthetic logged error of broken");
    let r = f.run(&["--json", "verify", "--all"]);
    assert_eq!(r.code, 17, "{r:?}");
    let v = r.json();
    assert_eq!(v["exit_name"], "inconsistent");
    let runs = v["wpar_runs"].as_array().unwrap();
    let broken = runs.iter().find(|w| w["wpar"] == "broken").unwrap();
    assert_eq!(broken["exit_code"], 17);
    assert_eq!(broken["consistency"]["consistent"], false);
    assert_eq!(
        broken["consistency"]["lines"],
        serde_json::json!(["synthetic problem line for bos.rte.libc"])
    );
    assert!(
        broken["error"]["hints"]
            .to_string()
            .contains("lppchk -v -m 3"),
        "{broken}"
    );
    // What the WPAR logged (wparprnterr), beside lppchk's lines.
    assert_eq!(
        broken["errors_logged"],
        serde_json::json!(["synthetic logged error of broken"])
    );
    let good = runs.iter().find(|w| w["wpar"] == "good").unwrap();
    assert_eq!(good["exit_code"], 0, "{good}");
    assert!(good["errors_logged"].is_null(), "{good}");
    assert!(!f.calls().contains("wparprnterr good"), "{}", f.calls());
    let text = f.run(&["verify", "broken"]);
    assert_eq!(text.code, 17);
    assert!(text.stdout.contains("inconsistent"), "{}", text.stdout);
}

#[test]
fn below_the_global_level_is_exit_5_and_stopped_wpars_are_skipped_with_all() {
    let f = host();
    f.set("good", "level", "7100-00-02-1041");
    f.wpar("stopped", "D", true);
    let r = f.run(&["--json", "verify", "--all"]);
    assert_eq!(r.code, 5, "{r:?}");
    let v = r.json();
    let stopped = v["wpar_runs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["wpar"] == "stopped")
        .unwrap()
        .clone();
    assert!(stopped["skipped"].as_str().unwrap().contains("stopped"));
    // Named, a stopped WPAR is a wrong state (exit 4), with what to do.
    let one = f.run(&["verify", "stopped"]);
    assert_eq!(one.code, 4, "{one:?}");
    assert!(
        one.stdout.contains("wparup start stopped"),
        "{}",
        one.stdout
    );
    assert!(!f.calls().contains("startwpar"), "verify changes nothing");
}

/// IBM's Redbook: syncwpar, inuwpar and syncroot do not manage iFixes. verify reads `emgr -l` in
/// the global once and inside each WPAR, and names the global's iFixes a WPAR lacks (a warning:
/// the exit stays 0), with the way to apply them.
#[test]
fn the_globals_ifixes_missing_in_a_wpar_are_named() {
    let f = host();
    f.set(
        "global",
        "ifixes",
        "IJ20785s2a tcpdump CVEs fixed\nIJ11550s0a Xorg fix",
    );
    f.set("good", "ifixes", "IJ20785s2a tcpdump CVEs fixed");
    let r = f.run(&["--json", "verify", "good", "broken"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    let runs = v["wpar_runs"].as_array().unwrap();
    let good = runs.iter().find(|w| w["wpar"] == "good").unwrap();
    assert_eq!(
        good["ifixes"]["installed"][0]["label"], "IJ20785s2a",
        "{good}"
    );
    assert_eq!(
        good["ifixes"]["not_in_wpar"],
        serde_json::json!(["IJ11550s0a"])
    );
    let broken = runs.iter().find(|w| w["wpar"] == "broken").unwrap();
    assert_eq!(
        broken["ifixes"]["not_in_wpar"],
        serde_json::json!(["IJ20785s2a", "IJ11550s0a"])
    );
    let warnings = v["warnings"].to_string();
    assert!(
        warnings.contains("not in WPAR `good`: IJ11550s0a"),
        "{warnings}"
    );
    assert!(good["next"].to_string().contains("emgr -e"), "{good}");
    let calls = f.calls();
    let inside = calls
        .lines()
        .filter(|l| l.starts_with("clogin ") && l.ends_with("/usr/sbin/emgr -l"))
        .count();
    assert_eq!(inside, 2, "once per WPAR: {calls}");
    let global = calls.lines().position(|l| l == "emgr -l");
    let first_clogin = calls.lines().position(|l| l.starts_with("clogin "));
    assert!(global < first_clogin, "the global's first, once: {calls}");

    // No iFix anywhere: nothing to say.
    std::fs::remove_file(f.state.path().join("global.ifixes")).unwrap();
    let r = f.run(&["--json", "verify", "good"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["ifixes"]["not_in_wpar"], serde_json::json!([]));
    assert!(!v["warnings"].to_string().contains("iFix"), "{v}");
}
