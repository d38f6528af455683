//! `wparup list`: lswpar's WPARs, filtered; a name that does not exist is exit 3.

use super::util::{replay, wparup};

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

const HEADER: &str = "#|#name:state:type:rootvgwpar:hostname:routing:vipwpar:directory:owner:script:auto:privateusr:checkpointable:application:ostype:xwparipc:architecture:uuid\n";

fn row(name: &str) -> String {
    format!("{name}:A:S:no:{name}:no::/wpars/x:root::no:no:no::0:no:none:\n")
}

/// A line lswpar writes on stderr (here a shell's complaint before the header) is never a WPAR.
#[test]
fn a_line_on_lswpar_stderr_is_never_a_wpar() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.txt");
    std::fs::write(
        &t,
        format!(
            "# lswpar -cG\n#2|/usr/sbin/lswpar: 16: cannot create /x/calls: Permission denied\n{HEADER}{}#2|lswpar: a second complaint between the rows\n{}#! exit: 0\n",
            row("wp_name"),
            row("web01")
        ),
    )
    .unwrap();
    let r = wparup(&["--json", "--replay", t.to_str().unwrap(), "list"]);
    assert_eq!(r.code, 0, "{r}");
    let names: Vec<String> = r.json()["wpars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["wp_name", "web01"]);
}

/// Names lswpar lists that AIX could not have given a WPAR (`-A`, `--help`, white space, a
/// shell expansion) stop the run before any command acts on them (reliability review O09).
#[test]
fn a_listing_with_a_name_no_wpar_can_have_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.txt");
    for bad in ["-A", "--help", "a b", "$(id)"] {
        std::fs::write(
            &t,
            format!(
                "# lswpar -cG\n{HEADER}{}{}#! exit: 0\n",
                row("wp_name"),
                row(bad)
            ),
        )
        .unwrap();
        // A replay holding no syncwpar step: had wparup run one, it would be a mismatch (21).
        let r = wparup(&[
            "--json",
            "--replay",
            t.to_str().unwrap(),
            "sync",
            "--all",
            "--keep-going",
        ]);
        assert_eq!(r.code, 1, "{bad}: {r}");
        super::util::assert_error_mentions(&r.json(), "is not a WPAR name");
    }
}
