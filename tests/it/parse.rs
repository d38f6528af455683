//! Every fixture in fixtures/<command>/ is parsed and its typed result pinned as a snapshot.

use super::util::wparup;
use std::path::Path;

use wparup::cli::ParseArgs;
use wparup::testing::commands::parse as parse_cmd;
use wparup::testing::parse::op::OpParser;
use wparup::testing::program::Program;
use wparup::testing::report::Parsed;
use wparup::testing::report::Report;

fn parse_fixture(path: &Path) -> serde_json::Value {
    let rep = parse_cmd::run(&ParseArgs {
        family: "auto".into(),
        file: Some(path.to_path_buf()),
    })
    .unwrap();
    let Report::Parse(p) = rep else {
        panic!("not a parse report")
    };
    // The typed result, with the classification the command acts on beside it.
    let mut v = match &p.parsed {
        Parsed::Lswpar(l) => serde_json::to_value(l).unwrap(),
        Parsed::Op { result: o } => serde_json::to_value(o).unwrap(),
        Parsed::Steps { steps } => serde_json::to_value(steps).unwrap(),
    };
    v["exit_code"] = p.exit.code().into();
    v["exit_name"] = p.exit.name().into();
    v["cause"] = p.cause.clone().into();
    v
}

#[test]
fn fixtures_snapshot() {
    insta::glob!(
        "../../fixtures",
        "{lswpar,startwpar,stopwpar,migwpar,syncwpar}/*.txt",
        |path| {
            insta::assert_json_snapshot!(parse_fixture(path));
        }
    );
}

#[test]
fn seed_episodes_typed() {
    let v = parse_fixture(
        &super::util::root().join("fixtures/startwpar/0960-667-os-level-not-supported.txt"),
    );
    assert_eq!(v["exit_code"], 10);
    assert_eq!(v["messages"][0]["id"], "0960-667");

    let v =
        parse_fixture(&super::util::root().join("fixtures/syncwpar/seed-0960-582-missing-vac.txt"));
    assert_eq!(v["exit_code"], 11);
    assert_eq!(v["status"], "failure");
    assert_eq!(
        v["missing_filesets"],
        serde_json::json!([
            {"fileset": "vac.C", "wpar_level": "11.1.0.2", "global_level": "11.1.0.7"},
            {"fileset": "vac.aix53.lib", "wpar_level": "11.1.0.2", "global_level": "11.1.0.7"}
        ])
    );

    let v = parse_fixture(
        &super::util::root().join("fixtures/syncwpar/seed-usr-full-0503-008-cycle-0960-580.txt"),
    );
    assert_eq!(v["exit_code"], 12, "space explains the cycle");
    assert_eq!(v["cycle_detected"], true);
    assert_eq!(
        v["space_shortfalls"],
        serde_json::json!([{"filesystem": "/usr", "blocks_512": 930568}])
    );
    assert_eq!(
        v["fileset_statistics"],
        serde_json::json!({"selected": 291, "passed": 291, "failed": null, "total": 291})
    );
    assert_eq!(
        v["environments"],
        serde_json::json!([{"name": "wp_name", "return_code": 255}])
    );

    let v = parse_fixture(
        &super::util::root().join("fixtures/syncwpar/seed-success-reboot-banner.txt"),
    );
    assert_eq!(v["exit_code"], 0);
    assert_eq!(v["status"], "success");
    assert_eq!(v["reboot_required"], true);
    assert_eq!(v["synchronized"], serde_json::json!(["wp_name"]));
    assert_eq!(
        v["installation_summary"],
        serde_json::json!([{"name": "Java6.sdk", "level": "6.0.0.265", "part": "USR", "event": "COMMIT", "result": "SUCCESS"}])
    );
    assert_eq!(v["operation_summaries"].as_array().unwrap().len(), 2);
    assert_eq!(v["total_time"], "1 mins 28 secs");

    let v = parse_fixture(
        &super::util::root().join("fixtures/migwpar/detached-without-d-shared-usr-list-none.txt"),
    );
    assert_eq!(v["exit_code"], 2, "nothing migrated is not success");
}

#[test]
fn failed_row_is_failure_even_with_exit_zero() {
    use wparup::testing::classify::classify;
    use wparup::testing::exec::Termination;

    let out = b"Installation Summary\n--------------------\nName Level Part Event Result\n-------------------------------------------------------------------------------\nchef 12.0.0.1 USR APPLY SUCCESS\nchef 12.0.0.1 ROOT APPLY FAILED\n";
    let r = OpParser::parse(Program::Syncwpar, out, true);
    let o = classify(&r, &Termination::Exited(0));
    assert_eq!(o.exit.code(), 1);
    assert!(o.cause.contains("FAILED"));
}

#[test]
fn several_wpars_in_sections() {
    let out = b"Synchronizing workload partition w1 (1 of 2).\nWorkload partition w1 synchronized successfully.\nSynchronizing workload partition w2 (2 of 2).\nWorkload partition w2 synchronized successfully.\nReturn Status = SUCCESS.\n";
    let r = OpParser::parse(Program::Syncwpar, out, false);
    assert_eq!(r.sections.len(), 2);
    assert_eq!(r.sections[1].of, Some(2));
    assert_eq!(r.synchronized, ["w1", "w2"]);
}

#[test]
fn a_message_id_glued_to_a_pasted_prompt_is_found() {
    let v = parse_fixture(
        &super::util::root().join("fixtures/startwpar/pasted-glued-0960-667-seed-collapsed.txt"),
    );
    assert_eq!(v["exit_code"], 10, "{v}");
    assert_eq!(v["messages"][0]["command"], "startwpar");
    assert_eq!(v["messages"][0]["id"], "0960-667");
    // Not for a word that merely contains a command name without glue.
    let r = OpParser::parse(
        Program::Syncwpar,
        b"wp_name_syncwpar: 0960-264 Error synchronizing workload partition x.\n",
        true,
    );
    assert_eq!(r.messages[0].command.as_deref(), Some("wp_name_syncwpar"));
}

#[test]
fn one_file_system_reported_twice_is_one_shortfall_with_its_figure() {
    let v = parse_fixture(
        &super::util::root().join("fixtures/syncwpar/tmp-space-reported-twice-synthetic.txt"),
    );
    let s = v["space_shortfalls"].as_array().unwrap();
    assert_eq!(s.len(), 1, "{v}");
    assert_eq!(s[0]["filesystem"], "/tmp");
    assert_eq!(s[0]["blocks_512"], 200);
    assert_eq!(v["exit_code"], 12);
}

#[test]
fn a_builddate_refusal_is_its_own_cause_with_the_filesets_and_dates() {
    let v = parse_fixture(
        &super::util::root().join("fixtures/syncwpar/installp-builddate-0503-465-synthetic.txt"),
    );
    assert_eq!(v["exit_code"], 16, "{v}");
    assert_eq!(v["exit_name"], "media_older");
    assert_eq!(v["status"], "failure");
    assert_eq!(v["unrecognized"], 0, "{v}");
    assert_eq!(
        v["builddate_failures"],
        serde_json::json!([
            {"fileset": "bos.rte.install", "installed": "0816", "selected": "0746"},
            {"fileset": "devices.pciex.df1028e214103c04.diag", "installed": "1341", "selected": "1241"}
        ])
    );
    assert!(
        v["cause"]
            .as_str()
            .unwrap()
            .contains("bos.rte.install (installed 0816, media 0746)"),
        "{v}"
    );
    // The failure line alone (a log cut before the 0503-465 lines) still names the cause.
    let r = OpParser::parse(
        Program::Syncwpar,
        b"installp: Installation failed due to BUILDDATE requisite failure.\n",
        true,
    );
    let o = wparup::testing::classify::classify(&r, &wparup::testing::exec::Termination::Exited(1));
    assert_eq!(o.exit.code(), 16, "{o:?}");
}

#[test]
fn a_0960_582_without_its_table_says_so() {
    let v = parse_fixture(
        &super::util::root().join("fixtures/syncwpar/0960-582-without-table-synthetic.txt"),
    );
    assert_eq!(v["exit_code"], 11);
    assert!(
        v["cause"].as_str().unwrap().contains("table was not found"),
        "{v}"
    );
}

#[test]
fn start_progress_lines_are_recognised_and_pick_startwpar() {
    let v = parse_fixture(
        &super::util::root().join("fixtures/startwpar/start-success-lines-synthetic.txt"),
    );
    assert_eq!(v["unrecognized"], 0, "{v}");
    assert_eq!(v["exit_code"], 0);
    for (line, want) in [
        (
            &b"Starting workload partition 'wp1'."[..],
            Program::Startwpar,
        ),
        (b"Stopping workload partition 'wp1'.", Program::Stopwpar),
        (
            b"Workload partition app1 created successfully.",
            Program::Startwpar,
        ),
    ] {
        assert_eq!(wparup::testing::parse::detect::from_line(line), Some(want));
    }
}

/// Every line of every operation fixture is read by a rule, is blank, is an author's `...`, or
/// is counted as unrecognised: the four counts add up to the lines read. Prints each fixture's
/// unrecognised share (`cargo test every_line -- --nocapture`).
#[test]
fn every_line_of_every_fixture_is_accounted_for() {
    let mut n = 0;
    for family in ["startwpar", "stopwpar", "migwpar", "syncwpar"] {
        let dir = super::util::root().join("fixtures").join(family);
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let v = parse_fixture(&p);
            let get = |k: &str| v[k].as_u64().unwrap_or_else(|| panic!("{k} in {v}"));
            let lines = get("lines");
            let sum = get("typed") + get("blank") + get("elided") + get("unrecognized");
            assert_eq!(sum, lines, "{}: {v}", p.display());
            let share = if lines == 0 {
                0.0
            } else {
                100.0 * get("unrecognized") as f64 / lines as f64
            };
            println!(
                "{:>5.1}% unrecognised  {:>4} lines  {}",
                share,
                lines,
                p.strip_prefix(super::util::root()).unwrap().display()
            );
            n += 1;
        }
    }
    assert!(n >= 14, "{n} fixtures");
}

#[test]
fn installp_copyright_banners_are_read_as_banners_not_unrecognised() {
    let v = parse_fixture(
        &super::util::root().join("fixtures/syncwpar/installp-copyright-banners-synthetic.txt"),
    );
    assert_eq!(v["unrecognized"], 0, "{v}");
    assert_eq!(v["applying"], 2, "{v}");
    assert_eq!(v["status"], "success", "{v}");
    assert_eq!(v["exit_code"], 0, "{v}");
}

/// The banner is a mode with a way out: a message interleaved from stderr inside it is still a
/// message, and a banner whose end marker was lost does not swallow the next fileset.
#[test]
fn a_copyright_banner_never_hides_a_message_or_the_next_fileset() {
    let out = b"installp:  APPLYING software for:
        bos.rte.install 7.1.0.3

. . . . . << Copyright notice for bos >> . . . . . . .
 Licensed Materials - Property of IBM
0503-008 installp: There is not enough free disk space in filesystem
/usr (8192 more 512-byte blocks are required).
 All rights reserved.
Filesets processed:  1 of 2  (Total time:  0 mins 12 secs).
installp:  APPLYING software for:
        rsct.core.microsensor 3.1.0.3
";
    let r = OpParser::parse(Program::Syncwpar, out, true);
    assert_eq!(r.messages.len(), 1, "{r:?}");
    assert_eq!(r.messages[0].id, "0503-008");
    assert_eq!(r.space_shortfalls.len(), 1, "{r:?}");
    assert_eq!(r.space_shortfalls[0].filesystem, "/usr");
    assert_eq!(r.space_shortfalls[0].blocks_512, Some(8192));
    // The end marker never came: the progress line and the next fileset are still read.
    assert_eq!(r.applying, 2, "{r:?}");
    assert_eq!(r.progress.as_ref().map(|p| (p.done, p.total)), Some((1, 2)));
    assert_eq!(
        r.typed + r.blank + r.unrecognized + r.elided,
        r.lines,
        "{r:?}"
    );

    // A banner that runs on without end is let go after a bounded number of lines.
    let mut long = b". . . . . << Copyright notice for bos >> . . . . . . .\n".to_vec();
    for _ in 0..60 {
        long.extend_from_slice(b" some text that is not a banner line\n");
    }
    let r = OpParser::parse(Program::Syncwpar, &long, true);
    assert_eq!(r.unrecognized, 20, "{r:?}");

    // A run cut short inside a banner: its trailer is still the trailer.
    let cut = b". . . . . << Copyright notice for bos >> . . . . . . .
 Licensed Materials - Property of IBM
Return Status = FAILURE.
";
    let r = OpParser::parse(Program::Syncwpar, cut, true);
    assert_eq!(
        r.trailer.as_deref(),
        Some("Return Status = FAILURE."),
        "{r:?}"
    );
    assert_eq!(r.unrecognized, 0, "{r:?}");
}

#[test]
fn configuration_files_installp_changed_are_listed() {
    let v = parse_fixture(
        &super::util::root().join("fixtures/syncwpar/installp-config-files-changed-synthetic.txt"),
    );
    assert_eq!(v["unrecognized"], 0, "{v}");
    assert_eq!(
        v["config_files_changed"],
        serde_json::json!(["/etc/group", "/etc/passwd"])
    );
    assert_eq!(v["exit_code"], 0, "{v}");
}

#[test]
fn an_emgr_operation_summary_is_read_and_a_failed_row_fails_the_run() {
    let v = parse_fixture(
        &super::util::root().join("fixtures/syncwpar/emgr-operation-summary-synthetic.txt"),
    );
    assert_eq!(v["unrecognized"], 0, "{v}");
    assert_eq!(v["status"], "success", "{v}");
    assert_eq!(v["exit_code"], 0, "{v}");

    // The same table with a row that is not SUCCESS (rows of this shape are what IBM's own
    // tooling greps for as `INSTALL.*FAILURE`).
    let out = b"EPKG NUMBER       LABEL               OPERATION              RESULT
===========       ==============      =================      ==============
1                 IV99999s1a          INSTALL                FAILURE

Return Status = FAILURE
";
    let r = OpParser::parse(Program::Syncwpar, out, true);
    assert_eq!(r.unrecognized, 0, "{r:?}");
    assert_eq!(r.install_errors.len(), 1, "{r:?}");
    assert!(r.install_errors[0].contains("IV99999s1a"), "{r:?}");
    assert_eq!(r.status, wparup::testing::model::TrailerStatus::Failure);
}

#[test]
fn parse_reads_stdin_and_files_and_exits_with_the_class() {
    use std::io::Write;
    let mut c = super::util::command(&["parse", "syncwpar", "-"]);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"syncwpar: 0960-580 Synchronization operation halted due to a cycle detected while processing syncwpar.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(13));
    let r = wparup(&[
        "--json",
        "parse",
        "auto",
        "fixtures/syncwpar/seed-success-reboot-banner.txt",
    ]);
    assert_eq!(r.code, 0);
    let v = r.json();
    assert_eq!(v["command"], "parse");
    assert_eq!(v["result"]["command"], "syncwpar");
    let r = wparup(&["parse", "auto", "/nonexistent/log"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("/nonexistent/log"));
}

#[test]
fn parse_reads_a_wparup_log_step_by_step() {
    let r = wparup(&[
        "parse",
        "auto",
        "fixtures/scenarios/upgrade-seed-evening.txt",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("wparup log, 11 AIX command(s)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("`startwpar -m wp_name` (exit status 1): needs_migration:")
    );
    let v = wparup(&[
        "--json",
        "parse",
        "auto",
        "fixtures/scenarios/start-0960-667.txt",
    ])
    .json();
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3, "lswpar, startwpar, lswpar");
    assert_eq!(steps[1]["outcome"], "needs_migration");
    assert_eq!(
        v["exit_code"], 10,
        "the run's class is its last WPAR operation's"
    );
    // Text nobody can place is said to be so.
    let r = wparup(&["parse", "auto", "Cargo.toml"]);
    assert_eq!(r.code, 24, "{r:?}");
    assert!(
        r.stderr.contains("wparup parse syncwpar Cargo.toml"),
        "{}",
        r.stderr
    );
}
