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
        "--no-backup",
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

/// The repository's scenarios, checked as a regression suite: each replays to the outcome it
/// recorded.
#[test]
fn every_scenario_replays_to_its_recorded_outcome() {
    let r = wparup(&["replay", "--check", "fixtures/scenarios"]);
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.contains("0 changed"), "{r}");
}

/// A live run's log checks as the same; the same log with a line turned into a 0960-582 table
/// checks as changed, naming the new cause; `--accept` records the new reading; 30 logs are
/// checked side by side; `--junit` writes XML a JUnit reader takes, one testcase per log.
#[test]
fn production_logs_as_a_regression_suite() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    let live = f.run(&["--json", "sync", "wp_name"]);
    assert_eq!(live.code, 0, "{live}");
    let log = live.json()["log"].as_str().unwrap().to_string();
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("#! outcome: exit 0 ok"), "{text}");
    let r = wparup(&["replay", "--check", &log]);
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.starts_with("same "), "{r}");

    let dir = tempfile::tempdir().unwrap();
    let changed = dir.path().join("changed.txt");
    let table = "syncwpar: 0960-582 The following filesets could not be synchronized\nbecause the required software level was not found on the installation media:\nFileset Name WPAR Level Global Level\nvac.C 11.1.0.2 11.1.0.7";
    let mutated = text.replacen(
        "Workload partition wp_name synchronized successfully.",
        table,
        1,
    );
    assert_ne!(mutated, text);
    std::fs::write(&changed, &mutated).unwrap();
    let r = wparup(&["--json", "replay", "--check", changed.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{r}");
    let v = r.json();
    assert_eq!(v["checks"][0]["result"], "changed");
    assert!(
        v["checks"][0]["difference"]
            .as_str()
            .unwrap()
            .contains("media_incomplete"),
        "{v}"
    );
    let r = wparup(&["replay", "--check", "--accept", changed.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r}");
    let r = wparup(&["replay", "--check", changed.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r}");

    // 30 logs, side by side, with a JUnit report.
    let many = tempfile::tempdir().unwrap();
    let scenarios: Vec<_> = std::fs::read_dir(super::util::root().join("fixtures/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .take(29)
        .collect();
    for (i, p) in scenarios.iter().enumerate() {
        std::fs::copy(p, many.path().join(format!("{i:02}.txt"))).unwrap();
    }
    std::fs::copy(&changed, many.path().join("sub-changed.txt")).unwrap();
    std::fs::write(
        many.path().join("zz-changed.txt"),
        std::fs::read_to_string(&changed).unwrap().replace(
            "#! outcome: exit 11 media_incomplete",
            "#! outcome: exit 0 ok",
        ),
    )
    .unwrap();
    let junit = many.path().join("report.xml");
    let r = wparup(&[
        "replay",
        "--check",
        "--jobs",
        "8",
        "--junit",
        junit.to_str().unwrap(),
        many.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{r}");
    assert!(r.stdout.contains("31 log(s): 30 same, 1 changed"), "{r}");
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert_eq!(xml.matches("<testcase ").count(), 31, "{xml}");
    // A JUnit reader takes it: Python's own XML parser (tests/all.sh needs python3 anyway).
    let o = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, xml.etree.ElementTree as E; s = E.parse(sys.argv[1]).getroot().find('testsuite'); print(s.get('tests'), s.get('failures'), len(s.findall('testcase')))",
        ])
        .arg(&junit)
        .output()
        .expect("python3");
    assert!(o.status.success(), "{o:?}");
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "31 1 31");
}
