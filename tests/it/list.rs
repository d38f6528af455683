//! `wparup list`: lswpar's WPARs, filtered; a name that does not exist is exit 3.

use super::util::replay;

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
