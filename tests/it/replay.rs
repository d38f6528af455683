//! `wparup replay` and `--replay`: a live run's log replays to the same result; a replay that stops short or runs out says where.

use super::util::{FakeAix, redacted, wparup};

#[test]
fn record_a_live_run_then_replay_it() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", true);
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("rec.txt");
    let live = f.run(&[
        "--json",
        "--record",
        rec.to_str().unwrap(),
        "start",
        "wp_name",
    ]);
    assert_eq!(live.code, 0, "{live:?}");
    let text = std::fs::read_to_string(&rec).unwrap();
    assert!(text.starts_with("#! wparup-transcript: 1\n"));
    assert!(
        text.contains("\n# startwpar wp_name\nStarting workload partition 'wp_name'.\n"),
        "{text}"
    );
    let again = super::util::wparup(&[
        "--json",
        "--replay",
        rec.to_str().unwrap(),
        "start",
        "wp_name",
    ]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(redacted(live.json()), redacted(again.json()));
}

#[test]
fn a_replay_that_stops_short_says_which_step_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.txt");
    let scan = "# wparup-scan-media /mnt/installp/ppc\ntoc: 1300000000\nimage: 1299990000 bos.rte.7.1.0.0.I\n#! exit: 0\n";
    std::fs::write(
        &t,
        format!(
            "{}# lswpar -cG wp_name\n{}{}{scan}# migwpar -d /mnt/installp/ppc wp_name\n#! exit: 0\n",
            super::util::OSLEVEL_STEP,
            lsw("D"),
            super::util::probe_refused("wp_name")
        ),
    )
    .unwrap();
    // Recorded with -d; replayed without it: wparup refuses before migwpar (-d missing).
    let r = wparup(&[
        "--json",
        "--replay",
        t.to_str().unwrap(),
        "migrate",
        "wp_name",
    ]);
    assert_eq!(r.code, 21, "{r:?}");
    let msg = r.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(msg.contains("stopped short"), "{msg}");
    assert!(msg.contains("wparup-scan-media /mnt/installp/ppc"), "{msg}");
    assert!(msg.contains("private /usr"), "why it stopped early: {msg}");
}

#[test]
fn a_replay_that_runs_out_after_the_mutating_step_is_exit_21() {
    let full = std::fs::read_to_string("fixtures/scenarios/upgrade-seed-evening.txt").unwrap();
    let cut = full.rfind("\n# ").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("short.txt");
    std::fs::write(&t, &full[..=cut]).unwrap();
    let r = wparup(&["--json", "replay", t.to_str().unwrap()]);
    assert_eq!(r.code, 21, "{r:?}");
    let v = r.json();
    super::util::assert_error_mentions(&v, "after the last recorded step");
    assert_eq!(v["changed"], true, "migwpar had run");
}

/// A `lswpar -cG wp_name` step of a transcript, the WPAR in `state`.
fn lsw(state: &str) -> String {
    format!(
        "#|#name:state:type:rootvgwpar:hostname:routing:vipwpar:directory:owner:script:auto:privateusr:checkpointable:application:ostype:xwparipc:architecture:uuid\nwp_name:{state}:S:no:wp_name:no::/wpars/wp_name:root::no:yes:no::0:no:none:\n#! exit: 0\n"
    )
}

/// A lswpar that prints rows and then fails is not a complete list (reliability review L12).
#[test]
fn a_failing_lswpar_is_not_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.txt");
    let rows = lsw("A").replace("#! exit: 0\n", "#! exit: 1\n");
    std::fs::write(&t, format!("# lswpar -cG\n{rows}")).unwrap();
    let r = wparup(&["--json", "--replay", t.to_str().unwrap(), "list"]);
    assert_eq!(r.code, 1, "{r}");
}

/// A wparup transcript cut inside a step (its `#! exit` line lost) replays to exit 21, never
/// to success (reliability review R32).
#[test]
fn a_transcript_cut_inside_a_step_is_exit_21() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.txt");
    let lswpar = lsw("D");
    let cut_after = lswpar.replace("#! exit: 0\n", "");
    std::fs::write(
        &t,
        format!(
            "#! wparup-transcript: 1\n#! argv: wparup start wp_name\n#! ---\n# lswpar -cG wp_name\n{lswpar}# startwpar wp_name\n#! exit: 0\n# lswpar -cG wp_name\n{cut_after}"
        ),
    )
    .unwrap();
    let r = wparup(&["--json", "replay", t.to_str().unwrap()]);
    assert_eq!(r.code, 21, "{r}");
    super::util::assert_error_mentions(&r.json(), "cut inside it");
}

/// `wparup replay` reads a header within bounds (reliability review T18): `/dev/zero` and a
/// 3 MB `#! argv:` line are refused at once, as not transcripts.
#[test]
fn a_replay_header_is_read_within_bounds() {
    let r = wparup(&["--json", "replay", "/dev/zero"]);
    assert_eq!(r.code, 21, "{r}");
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("big.txt");
    let mut big = String::from("#! wparup-transcript: 1\n#! argv: wparup list ");
    big.push_str(&"x".repeat(3 << 20));
    big.push('\n');
    std::fs::write(&t, big).unwrap();
    let r = wparup(&["--json", "replay", t.to_str().unwrap()]);
    assert_eq!(r.code, 21, "{r}");
    super::util::assert_error_mentions(&r.json(), "longer than 64 KiB");
}
