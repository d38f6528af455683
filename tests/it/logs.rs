//! Logs never cost the operation: private files, none for refused runs, a failed write is a
//! warning, not a failure.

use std::os::unix::fs::PermissionsExt;

use super::util::{FakeAix, install};

#[test]
fn logs_are_private_and_refused_runs_leave_none() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", false);
    let r = f.run(&["--json", "start", "wp_name"]);
    assert_eq!(r.code, 0, "{r:?}");
    let log = r.json()["log"].as_str().unwrap().to_string();
    let mode = std::fs::metadata(&log).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let dir = std::fs::metadata(f.logs.path())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(dir & 0o777, 0o700, "{dir:o}");

    let before = std::fs::read_dir(f.logs.path()).unwrap().count();
    let r = f.run(&["--json", "migrate", "--all", "--convert", "-d", "/mnt/x"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(r.json()["log"], serde_json::Value::Null);
    assert_eq!(std::fs::read_dir(f.logs.path()).unwrap().count(), before);
}

#[test]
fn a_log_that_cannot_be_written_is_a_warning_and_the_outcome_stands() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    install(f.bin.path(), "fake-exec", "chatty-sync", "syncwpar");
    let inner = f.command(&["--json", "sync", "wp_name"]);
    // `ulimit -f 64`: the log may not grow past 32 KiB; SIGXFSZ must not kill wparup.
    let mut c = std::process::Command::new("sh");
    c.arg("-c")
        .arg("ulimit -f 64 && exec \"$@\"")
        .arg("sh")
        .arg(inner.get_program())
        .args(inner.get_args());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    let r = super::util::run_cmd(c);
    assert_eq!(r.code, 0, "the sync succeeded: {r:?}");
    assert!(f.state.path().join("wp_name.finished").exists());
    let v = r.json();
    assert_eq!(v["result"]["synchronized"][0], "wp_name");
    let w = v["warnings"].to_string();
    assert!(w.contains("is incomplete: writing it failed after"), "{w}");
    assert!(w.contains(v["log"].as_str().unwrap()), "names the log: {w}");
}

#[test]
fn logs_are_listed_and_pruned() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    for _ in 0..3 {
        assert_eq!(f.run(&["stop", "wp_name"]).code, 0);
        f.wpar("wp_name", "A", false);
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let r = f.run(&["--json", "logs", "wp_name"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3, "{v}");
    assert_eq!(entries[0]["command"], "stop");
    assert!(entries[0]["started"].as_str() > entries[2]["started"].as_str());
    let r = f.run(&["--json", "logs", "--prune", "--keep", "1"]);
    assert_eq!(r.json()["pruned"].as_array().unwrap().len(), 2);
    assert_eq!(std::fs::read_dir(f.logs.path()).unwrap().count(), 1);
    let r = f.run(&["logs"]);
    assert!(r.stdout.contains("STARTED"), "{}", r.stdout);
}

#[test]
fn a_line_longer_than_a_mebibyte_is_logged_byte_for_byte() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    std::fs::write(
        f.bin.path().join("syncwpar"),
        "#!/bin/sh\nhead -c 2500000 /dev/zero | tr '\\0' x\necho\necho 'Return Status = SUCCESS.'\n",
    )
    .unwrap();
    std::fs::set_permissions(
        f.bin.path().join("syncwpar"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let r = f.run(&["--json", "-q", "sync", "wp_name"]);
    let v = r.json();
    let log = std::fs::read_to_string(v["log"].as_str().unwrap()).unwrap();
    let step = log.split("# syncwpar wp_name\n").nth(1).unwrap();
    // Pieces of 1 MiB, each followed by `#! noeol`: joined they give the line back.
    let joined: String = step
        .lines()
        .take_while(|l| !l.starts_with("Return Status"))
        .filter(|l| *l != "#! noeol")
        .collect();
    assert_eq!(joined.len(), 2_500_000);
    assert_eq!(
        step.matches("#! noeol").count(),
        2,
        "two full pieces, then the rest"
    );
}
