//! `wparup stop`: a defined WPAR is left alone, a Broken one needs `--force`, and the flags
//! reach stopwpar as the admin typed them.

use super::util::FakeAix;

#[test]
fn a_defined_wpar_is_left_alone_and_an_active_one_stopped() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", true);
    let r = f.run(&["--json", "stop", "wp_name"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["changed"], false);
    assert_eq!(v["summary"][0], "already stopped (defined)");
    assert!(!f.calls().contains("stopwpar"), "{}", f.calls());

    f.wpar("wp_name", "A", true);
    let r = f.run(&["--json", "stop", "wp_name", "--timeout", "120"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["changed"], true);
    assert_eq!(v["state_after"], "defined");
    assert!(
        f.calls().contains("stopwpar -t 120 wp_name"),
        "{}",
        f.calls()
    );
    assert_eq!(f.state_of("wp_name"), "D");
}

#[test]
fn a_broken_wpar_is_refused_without_force_and_forced_down_with_it() {
    let f = FakeAix::new();
    f.wpar("wp_name", "B", true);
    let r = f.run(&["--json", "stop", "wp_name"]);
    assert_eq!(r.code, 4, "{r:?}");
    let v = r.json();
    let hints = v["error"]["hints"].to_string();
    assert!(hints.contains("wparup stop wp_name --force"), "{hints}");
    assert!(!f.calls().contains("stopwpar"), "{}", f.calls());

    let r = f.run(&["--json", "stop", "wp_name", "--force"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(f.calls().contains("stopwpar -F wp_name"), "{}", f.calls());
    assert_eq!(f.state_of("wp_name"), "D");
}
