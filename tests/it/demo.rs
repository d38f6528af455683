//! The README's "Try it" walkthrough, line by line, against the demo AIX that `demo/setup`
//! builds: each `wparup …` line must end with the exit code its comment names (0 otherwise).

use super::util::{command, root, run_cmd};

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
    for line in block.lines() {
        let line = line.replace("/tmp/wparup-demo", dir);
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
            let argv = wparup::transcript::argv_split(args).unwrap();
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
/// listing are read once per run; each WPAR costs one lswpar and two clogin.
#[test]
fn upgrade_all_preview_reads_the_global_and_the_media_once() {
    let f = super::util::FakeAix::new();
    std::fs::write(f.state.path().join("global.level"), "7100-00-03-1115\n").unwrap();
    std::fs::write(
        f.state.path().join("global.filesets"),
        "bos.rte 7.1.0.3\nvac.C 11.1.0.7\n",
    )
    .unwrap();
    for n in ["w1", "w2", "w3"] {
        f.wpar(n, "A", true);
        f.set(n, "level", "7100-00-01-1037");
        f.set(n, "filesets", "bos.rte 7.1.0.1\nvac.C 11.1.0.2");
    }
    let media = f.state.path().join("media");
    std::fs::create_dir(&media).unwrap();
    std::fs::write(media.join("bos.rte.7.1.0.3.U"), "").unwrap();
    std::fs::write(media.join("vac.C.11.1.0.7.U"), "").unwrap();
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
    assert_eq!(
        count("lswpar"),
        4,
        "one for the list, one per WPAR: {calls}"
    );
    assert_eq!(count("syncwpar"), 0, "a preview changes nothing");
}

/// `status` reads the running WPARs' levels side by side (`--jobs`), in the original order.
#[test]
fn status_reads_levels_side_by_side_in_order() {
    let f = super::util::FakeAix::new();
    let names = ["w6", "w1", "w5", "w2", "w4", "w3"];
    for n in names {
        f.wpar(n, "A", false);
    }
    // Every clogin takes half a second.
    let clogin = f.bin.path().join("clogin");
    let text = std::fs::read_to_string(&clogin).unwrap();
    std::fs::write(&clogin, text.replacen("n=\"$1\"", "n=\"$1\"; sleep 0.5", 1)).unwrap();
    let start = std::time::Instant::now();
    let r = f.run(&["--json", "status", "--jobs", "6"]);
    let took = start.elapsed();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        took < std::time::Duration::from_millis(2500),
        "six 0.5 s probes side by side took {took:?}"
    );
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
    let serial = std::time::Instant::now();
    assert_eq!(f.run(&["status", "--jobs", "1"]).code, 0);
    assert!(serial.elapsed() > std::time::Duration::from_millis(2900));
}
