//! Every scenario, replayed from its own recorded command line (`wparup replay FILE`), as text
//! and as JSON: exit code, stdout, stderr and the document, pinned together in one snapshot per
//! scenario (the style of uv's and jj's CLI snapshots). A change to any output shows up here
//! as a diff to review.

use super::util::{root, wparup};

#[test]
fn every_scenario_replays_from_its_recorded_command_line() {
    insta::glob!("../../fixtures/scenarios", "*.txt", |path| {
        let rel = path
            .strip_prefix(root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let text = wparup(&["replay", &rel]);
        let json = wparup(&["--json", "replay", &rel]);
        assert_eq!(text.code, json.code, "{rel}: text and JSON runs end alike");
        let doc = json.json(); // envelope order, exit code and schema checked here
        assert_eq!(
            doc["replay"],
            rel.as_str(),
            "{rel}: the document names the replay"
        );
        let said = format!("replay: {rel}\n");
        assert!(
            text.stdout.ends_with(&said) || text.stderr.ends_with(&said),
            "{rel}: the text says it is a replay:\n{}{}",
            text.stdout,
            text.stderr
        );
        insta::assert_snapshot!(format!(
            "{text}--- json stderr\n{}--- json (as printed)\n{}",
            json.stderr, json.stdout
        ));
    });
}

#[test]
fn a_scenario_without_a_recorded_command_line_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("old.txt");
    std::fs::write(
        &f,
        "#! wparup-transcript: 1\n#! ---\n# lswpar -cG\n#! exit: 0\n",
    )
    .unwrap();
    let r = wparup(&["--json", "replay", f.to_str().unwrap()]);
    assert_eq!(r.code, 21, "{r:?}");
    let v = r.json();
    super::util::assert_error_mentions(&v, "no `#! argv:` line");
}
