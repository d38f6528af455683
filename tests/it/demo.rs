//! The README's "Try it" walkthrough, line by line, against the demo AIX that `demo/setup`
//! builds: each `wparup …` line must end with the exit code its comment names (0 otherwise).

use super::util::{command, redacted, root, run_cmd};

#[test]
fn the_readme_walkthrough_runs_on_the_demo_aix() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let block = readme
        .split("<!-- demo:start -->")
        .nth(1)
        .and_then(|r| r.split("<!-- demo:end -->").next())
        .expect("README has the demo block");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    let dir = dir.to_str().unwrap();
    let setup = std::process::Command::new(root().join("demo/setup"))
        .arg(dir)
        .output()
        .unwrap();
    assert!(setup.status.success(), "{setup:?}");
    let env = String::from_utf8(setup.stdout).unwrap();
    assert!(env.contains("WPARUP_BIN_DIR="), "{env}");
    let mut ran = 0;
    let mut vars: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        let mut line = line.replace("/tmp/wparup-demo", dir);
        // `B=… U=…` lines set shell variables the next lines use.
        if line.starts_with(|c: char| c.is_ascii_uppercase()) && line.contains('=') {
            for assignment in line.split_whitespace() {
                if let Some((k, v)) = assignment.split_once('=') {
                    vars.push((format!("${k}"), v.to_string()));
                }
            }
            continue;
        }
        for (k, v) in &vars {
            line = line.replace(k.as_str(), v);
        }
        let (cmd, comment) = match line.split_once('#') {
            Some((c, rest)) => (c.trim().to_string(), rest.to_string()),
            None => (line.trim().to_string(), String::new()),
        };
        if let Some(args) = cmd.strip_prefix("wparup ") {
            let want: i32 = comment
                .trim()
                .strip_prefix("exit ")
                .and_then(|r| r.split(':').next())
                .map_or(0, |n| n.trim().parse().unwrap());
            let argv = wparup::testing::shell::argv_split(args).unwrap();
            let argv: Vec<&str> = argv.iter().map(|a| a.to_str().unwrap()).collect();
            let mut c = command(&argv);
            c.env("WPARUP_BIN_DIR", format!("{dir}/bin"))
                .env("WPARUP_LOG_DIR", format!("{dir}/logs"))
                .env("WPARUP_LOCK_DIR", format!("{dir}/locks"));
            let r = run_cmd(c);
            assert_eq!(r.code, want, "`wparup {args}`:\n{}\n{}", r.stdout, r.stderr);
            ran += 1;
        } else if cmd.starts_with("cp ") {
            let ok = std::process::Command::new("sh")
                .args(["-c", &cmd])
                .status()
                .unwrap()
                .success();
            assert!(ok, "{cmd}");
        }
    }
    assert!(ran >= 15, "the walkthrough ran {ran} wparup lines");
}

/// What `upgrade --all --preview` costs per WPAR: the global's level, filesets and the media
/// listing are read once per run, and so is the list of WPARs (one `lswpar`, not one more per
/// WPAR: performance review §3); each WPAR costs two clogin.
#[test]
fn upgrade_all_preview_reads_the_global_and_the_media_once() {
    let f = super::util::FakeAix::new();
    let media = behind(&f, &["w1", "w2", "w3"]);
    let r = f.run(&[
        "upgrade",
        "--all",
        "--preview",
        "-d",
        media.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let calls = f.calls();
    let count = |p: &str| {
        calls
            .lines()
            .filter(|l| l.starts_with(&format!("{p} ")))
            .count()
    };
    assert_eq!(
        (count("oslevel"), count("lslpp"), count("installp")),
        (1, 1, 1),
        "{calls}"
    );
    assert_eq!(count("clogin"), 6, "{calls}");
    assert_eq!(count("lswpar"), 1, "one listing for all: {calls}");
    assert_eq!(count("syncwpar"), 0, "a preview changes nothing");

    // check-media --all: the same single listing.
    std::fs::remove_file(f.state.path().join("calls")).unwrap();
    let r = f.run(&["check-media", "--all", "-d", media.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:?}");
    let calls = f.calls();
    assert_eq!(
        calls.lines().filter(|l| l.starts_with("lswpar ")).count(),
        1,
        "{calls}"
    );
    assert_eq!(
        calls
            .lines()
            .filter(|l| l.contains("/usr/bin/lslpp -Lc"))
            .count(),
        3,
        "{calls}"
    );
}

/// Makes every clogin of `f` take `secs` and note when it begins and ends (in `probes`).
fn slow_clogin(f: &super::util::FakeAix, secs: &str) {
    let clogin = f.bin.path().join("clogin");
    let text = std::fs::read_to_string(&clogin).unwrap();
    std::fs::write(
        &clogin,
        text.replacen(
            "n=\"$1\"",
            &format!(
                "n=\"$1\"; echo \"begin $n\" >> \"$S/probes\"; sleep {secs}; echo \"end $n\" >> \"$S/probes\""
            ),
            1,
        ),
    )
    .unwrap();
}

/// The most clogin probes that were running at once (from the `probes` notes).
fn most_at_once(f: &super::util::FakeAix) -> usize {
    let notes = std::fs::read_to_string(f.state.path().join("probes")).unwrap_or_default();
    let (mut now, mut most) = (0usize, 0usize);
    for l in notes.lines() {
        if l.starts_with("begin ") {
            now += 1;
            most = most.max(now);
        } else {
            now = now.saturating_sub(1);
        }
    }
    most
}

/// Running WPARs, each behind the global's TL (private /usr), and complete media.
fn behind(f: &super::util::FakeAix, names: &[&str]) -> std::path::PathBuf {
    std::fs::write(f.state.path().join("global.level"), "7100-00-03-1115\n").unwrap();
    std::fs::write(
        f.state.path().join("global.filesets"),
        "bos.rte 7.1.0.3\nvac.C 11.1.0.7\n",
    )
    .unwrap();
    for &n in names {
        f.wpar(n, "A", true);
        f.set(n, "level", "7100-00-01-1037");
        f.set(n, "filesets", "bos.rte 7.1.0.1\nvac.C 11.1.0.2");
    }
    let media = f.state.path().join("media");
    std::fs::create_dir(&media).unwrap();
    std::fs::write(media.join("bos.rte.7.1.0.3.U"), "").unwrap();
    std::fs::write(media.join("vac.C.11.1.0.7.U"), "").unwrap();
    media
}

/// `upgrade --all --preview` reads the levels, then the filesets, side by side (`--jobs`),
/// reports in lswpar's order, runs no probe twice, and its log replays to the same document.
#[test]
fn upgrade_all_preview_reads_side_by_side_and_its_log_replays() {
    let f = super::util::FakeAix::new();
    let media = behind(&f, &["w6", "w1", "w5", "w2", "w4", "w3"]);
    slow_clogin(&f, "0.3");
    let r = f.run(&[
        "--json",
        "upgrade",
        "--all",
        "--preview",
        "-d",
        media.to_str().unwrap(),
        "--jobs",
        "6",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(most_at_once(&f) >= 2, "probes never overlapped");
    let v = r.json();
    let runs = v["wpar_runs"].as_array().unwrap();
    let names: Vec<&str> = runs.iter().map(|w| w["wpar"].as_str().unwrap()).collect();
    assert_eq!(names, ["w1", "w2", "w3", "w4", "w5", "w6"]);
    assert!(runs.iter().all(|w| w["decision"]["verdict"] == "needs-sync"
        && w["media"]["predicted"] == true
        && w["level_before"] == "7100-00-01-1037"));
    let calls = f.calls();
    let clogins = calls.lines().filter(|l| l.starts_with("clogin ")).count();
    assert_eq!(
        clogins, 12,
        "one level and one fileset read per WPAR: {calls}"
    );

    // The log lists every probe, in the order a replay asks for them.
    let log = v["log"].as_str().unwrap().to_string();
    let again = super::util::wparup(&[
        "--json",
        "--replay",
        &log,
        "upgrade",
        "--all",
        "--preview",
        "-d",
        media.to_str().unwrap(),
    ]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(redacted(again.json()), redacted(v));
}

/// `check-media --all` checks every WPAR (the running ones' filesets read side by side), in
/// lswpar's order, and goes on after a failure: a stopped WPAR is exit 4, the worst code.
#[test]
fn check_media_all_reads_side_by_side_and_checks_every_wpar() {
    let f = super::util::FakeAix::new();
    let media = behind(&f, &["w6", "w1", "w5", "w2", "w4", "w3"]);
    f.wpar("w0", "D", true);
    slow_clogin(&f, "0.3");
    let r = f.run(&[
        "--json",
        "check-media",
        "--all",
        "-d",
        media.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(most_at_once(&f) >= 2, "probes never overlapped");
    let v = r.json();
    let runs = v["wpar_runs"].as_array().unwrap();
    let got: Vec<(&str, i64)> = runs
        .iter()
        .map(|w| {
            (
                w["wpar"].as_str().unwrap(),
                w["exit_code"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("w0", 4),
            ("w1", 0),
            ("w2", 0),
            ("w3", 0),
            ("w4", 0),
            ("w5", 0),
            ("w6", 0)
        ]
    );
    assert!(runs[1..].iter().all(|w| w["media"]["needed"] == 2));
    let calls = f.calls();
    assert_eq!(
        calls.lines().filter(|l| l.starts_with("clogin ")).count(),
        6,
        "{calls}"
    );

    // Two names: a table of those two, in the order given; one name: one report, as before.
    let r = f.run(&[
        "--json",
        "check-media",
        "w3",
        "w1",
        "-d",
        media.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    let names: Vec<&str> = v["wpar_runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["wpar"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["w3", "w1"]);
    let r = f.run(&["--json", "check-media", "w2", "-d", media.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.json()["wpar"], "w2");
}

/// `status` reads the running WPARs' levels side by side (`--jobs`), in the original order.
#[test]
fn status_reads_levels_side_by_side_in_order() {
    let f = super::util::FakeAix::new();
    let names = ["w6", "w1", "w5", "w2", "w4", "w3"];
    for n in names {
        f.wpar(n, "A", false);
    }
    slow_clogin(&f, "0.3");
    let r = f.run(&["--json", "status", "--jobs", "6"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(most_at_once(&f) >= 2, "probes never overlapped");
    let v = r.json();
    let got: Vec<&str> = v["wpars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    // lswpar lists them sorted (the demo's order); status keeps that order.
    assert_eq!(got, ["w1", "w2", "w3", "w4", "w5", "w6"]);
    assert!(
        v["wpars"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w["verdict"] == "up-to-date")
    );
    std::fs::remove_file(f.state.path().join("probes")).unwrap();
    assert_eq!(f.run(&["status", "--jobs", "1"]).code, 0);
    assert_eq!(most_at_once(&f), 1, "--jobs 1 reads one at a time");
}
