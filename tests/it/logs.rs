//! Logs never cost the operation: private files, none for refused runs, a failed write is a
//! warning, not a failure.

use std::os::unix::fs::PermissionsExt;

use super::util::{FakeAix, install};

#[test]
fn logs_are_private_and_refused_runs_leave_none() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", false);
    std::fs::write(f.state.path().join("wp_name.migrated"), "").unwrap();
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
