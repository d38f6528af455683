//! `wparup reboot`: only an active system WPAR is rebooted; the others are refused before
//! anything runs, each with what to do instead.

use super::util::FakeAix;

#[test]
fn an_active_system_wpar_is_rebooted() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", true);
    let r = f.run(&["--json", "reboot", "wp_name"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["changed"], true);
    assert_eq!(v["state_after"], "active");
    assert_eq!(v["summary"][0], "rebooted");
    assert!(f.calls().contains("rebootwpar wp_name"), "{}", f.calls());
}

#[test]
fn a_defined_or_application_wpar_is_refused_before_anything_runs() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", true);
    let r = f.run(&["--json", "reboot", "wp_name"]);
    assert_eq!(r.code, 4, "{r:?}");
    let v = r.json();
    assert!(
        v["error"]["hints"][0]
            .as_str()
            .unwrap()
            .contains("wparup start wp_name"),
        "{v}"
    );

    f.wpar("app1", "A", false);
    f.set("app1", "type", "A");
    let r = f.run(&["--json", "reboot", "app1"]);
    assert_eq!(r.code, 2, "{r:?}");
    let v = r.json();
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("application WPAR"),
        "{v}"
    );
    assert!(!f.calls().contains("rebootwpar"), "{}", f.calls());
}
