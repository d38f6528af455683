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
    super::util::write_script(
        &f.bin.path().join("syncwpar"),
        "#!/bin/sh\nhead -c 2500000 /dev/zero | tr '\\0' x\necho\necho 'Return Status = SUCCESS.'\n",
    );
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

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

/// wparup never loosens or narrows a directory it did not create (reliability review
/// D01–D05): a shared sticky directory such as /var/tmp keeps its 1777, and wparup works in a
/// private subdirectory it creates there; a directory others may write to without the sticky
/// bit is refused (exit 22); a read-only `list` needs no lock directory at all.
#[test]
fn directories_given_by_the_user_keep_their_mode() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", false);
    let shared = tempfile::tempdir().unwrap();
    std::fs::set_permissions(shared.path(), std::fs::Permissions::from_mode(0o1777)).unwrap();
    let mut c = f.command(&["--json", "start", "wp_name"]);
    c.env("WPARUP_LOG_DIR", shared.path())
        .env("WPARUP_LOCK_DIR", shared.path());
    let r = super::util::run_cmd(c);
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(mode(shared.path()), 0o1777);
    let euid = std::fs::metadata(f.state.path()).map(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid()
    });
    let sub = shared.path().join(format!("wparup.{}", euid.unwrap()));
    assert_eq!(mode(&sub), 0o700);
    let log = r.json()["log"].as_str().unwrap().to_string();
    assert!(log.starts_with(sub.to_str().unwrap()), "{log}");
    // A plain directory of this user keeps its mode too.
    let own = tempfile::tempdir().unwrap();
    std::fs::set_permissions(own.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut c = f.command(&["--json", "stop", "wp_name"]);
    c.env("WPARUP_LOG_DIR", own.path());
    assert_eq!(super::util::run_cmd(c).code, 0);
    assert_eq!(mode(own.path()), 0o755);
    // Writable by others without the sticky bit: refused, nothing runs.
    let open = tempfile::tempdir().unwrap();
    std::fs::set_permissions(open.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let mut c = f.command(&["--json", "start", "wp_name"]);
    c.env("WPARUP_LOG_DIR", open.path());
    let r = super::util::run_cmd(c);
    assert_eq!(r.code, 22, "{r}");
    super::util::assert_error_mentions(&r.json(), "without the sticky bit");
    assert_eq!(mode(open.path()), 0o777);
    // A read-only list with an unusable lock directory: it takes no lock.
    let mut c = f.command(&["--json", "list"]);
    c.env("WPARUP_LOCK_DIR", open.path());
    assert_eq!(super::util::run_cmd(c).code, 0);
}

/// A transcript path that is a symbolic link is never written through (reliability review
/// D06; the run's own logs are created new, `O_EXCL`, tested in `exec::record`): refused before
/// anything runs, the link's target untouched.
#[test]
fn a_record_path_that_is_a_link_is_never_followed() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", false);
    let victim = f.state.path().join("victim.txt");
    std::fs::write(&victim, "IMPORTANT\n").unwrap();
    let link = f.logs.path().join("rec.txt");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let r = f.run(&[
        "--json",
        "--record",
        link.to_str().unwrap(),
        "start",
        "wp_name",
    ]);
    assert_eq!(r.code, 22, "{r}");
    super::util::assert_error_mentions(&r.json(), "symbolic link");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "IMPORTANT\n");
    assert!(!f.calls().contains("startwpar"), "{}", f.calls());
}

/// `--record` to a FIFO with no reader is refused at once (reliability review Q04), not a hang.
#[test]
fn a_record_fifo_with_no_reader_is_refused_at_once() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", false);
    let fifo = f.logs.path().join("fifo");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let started = std::time::Instant::now();
    let r = f.run(&[
        "--json",
        "--record",
        fifo.to_str().unwrap(),
        "start",
        "wp_name",
    ]);
    assert_eq!(r.code, 22, "{r}");
    assert!(started.elapsed().as_secs() < 10, "it did not hang");
    super::util::assert_error_mentions(&r.json(), "FIFO");
}

/// A runaway command's output does not fill the disk (reliability review O08): past the cap
/// (`WPARUP_LOG_CAP_MB`) the log keeps its first part and the step's last lines, says how much
/// it left out, and still replays to the run's outcome.
#[test]
fn a_log_stops_growing_at_its_cap() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    install(f.bin.path(), "fake-exec", "flood", "syncwpar");
    let mut c = f.command(&["--json", "-q", "sync", "wp_name"]);
    c.env("WPARUP_LOG_CAP_MB", "1");
    let r = super::util::run_cmd(c);
    let v = r.json();
    let log = v["log"].as_str().unwrap().to_string();
    let size = std::fs::metadata(&log).unwrap().len();
    assert!(
        size < 4 << 20,
        "{size} bytes: the 100 MB of output were capped"
    );
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("were not logged: the log reached its cap of 1 MiB"),
        "{}",
        &text[text.len() - 500..]
    );
    let again = super::util::wparup(&["replay", &log]);
    assert_eq!(again.code, r.code, "{again:?}");
}
