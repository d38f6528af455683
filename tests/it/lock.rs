//! One wparup per WPAR, with real processes: fcntl locks, holder's pid, SIGKILL releases.

use std::process::Stdio;

use super::util::FakeAix;

#[test]
fn second_run_on_the_same_wpar_exits_4_naming_the_holder() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    f.wpar("other", "A", false);
    f.hold("wp_name");
    let mut first = f.command(&["-q", "sync", "wp_name"]);
    first.stdout(Stdio::null()).stderr(Stdio::null());
    let mut holder = first.spawn().unwrap();
    f.wait_for("wp_name.syncing");

    let r = f.run(&["sync", "wp_name"]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(
        r.stdout.contains(&format!("pid {}", holder.id())),
        "{}",
        r.stdout
    );

    // A different WPAR is not locked, but the host's installp is busy: with `--no-wait` the
    // second sync is refused, naming the holder.
    let r = f.run(&["--json", "sync", "other", "--no-wait"]);
    assert_eq!(r.code, 4, "{r:?}");
    let v = r.json();
    assert_eq!(v["error"]["reason"], "host_busy");
    super::util::assert_error_mentions(&v, "syncwpar wp_name");

    // Kill the holder with SIGKILL: the kernel drops its lock, but its syncwpar runs on, and
    // the lock file names it: a new run refuses to start a second sync next to it.
    holder.kill().unwrap();
    holder.wait().unwrap();
    let r = f.run(&["--json", "sync", "wp_name"]);
    assert_eq!(r.code, 4, "{r:?}");
    let v = r.json();
    assert_eq!(v["error"]["reason"], "locked");
    super::util::assert_error_mentions(&v, "syncwpar wp_name");
    assert_eq!(
        v["log"],
        serde_json::Value::Null,
        "refused before running: no log"
    );
    let orphan = v["error"]["holder_pid"].as_i64().unwrap().to_string();
    // Once that syncwpar ends, the next run goes ahead.
    f.release("wp_name");
    for _ in 0..100 {
        let alive = std::process::Command::new("kill")
            .args(["-0", &orphan])
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success();
        if !alive {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let r = f.run(&["sync", "wp_name"]);
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn sigterm_reaches_the_child_and_wparup_exits_130() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    super::util::install(f.bin.path(), "fake-exec", "trap-term", "syncwpar");
    let mut c = f.command(&["sync", "wp_name"]);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    f.wait_for("wp_name.syncing");
    let pid = child.id().to_string();
    let k = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(k.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("got TERM, cleaning up"),
        "the child's last words are kept: {stderr}"
    );
}

#[test]
fn a_deleted_lock_file_is_recreated_by_its_holder() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    f.hold("wp_name");
    let mut first = f.command(&["--json", "sync", "wp_name"]);
    first.stdout(Stdio::piped()).stderr(Stdio::null());
    let holder = first.spawn().unwrap();
    f.wait_for("wp_name.syncing");
    let lock = f.locks.path().join("wp_name.lock");
    std::fs::remove_file(&lock).unwrap();
    // The holder notices within about half a second and takes the path back.
    std::thread::sleep(std::time::Duration::from_millis(1200));
    let r = f.run(&["sync", "wp_name"]);
    assert_eq!(r.code, 4, "never two syncwpar on one WPAR: {r:?}");
    f.release("wp_name");
    let out = holder.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let log = std::fs::read_to_string(v["log"].as_str().unwrap()).unwrap();
    assert!(
        log.contains(
            "was deleted or replaced, or its directory moved: wparup recreated and locked it"
        ),
        "{log}"
    );
    assert_eq!(f.calls().matches("syncwpar").count(), 1, "{}", f.calls());
}

#[test]
fn lock_files_are_never_followed_through_a_symlink() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    let victim = f.state.path().join("victim.txt");
    std::fs::write(&victim, "IMPORTANT\n").unwrap();
    std::os::unix::fs::symlink(&victim, f.locks.path().join("wp_name.lock")).unwrap();
    let r = f.run(&["--json", "sync", "wp_name"]);
    assert_eq!(r.code, 22, "{r:?}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "IMPORTANT\n");
    assert!(!f.calls().contains("syncwpar"));
}

#[test]
fn a_lock_directory_owned_by_someone_else_is_refused() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    if unsafe_euid() != 0 {
        return; // only root can hand a directory to another user
    }
    let dir = f.locks.path().join("theirs");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::chown(&dir, Some(65534), Some(65534)).unwrap();
    let mut c = f.command(&["--json", "sync", "wp_name"]);
    c.env("WPARUP_LOCK_DIR", &dir);
    let r = super::util::run_cmd(c);
    assert_eq!(r.code, 22, "{r:?}");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("uid 65534")
    );
    assert!(!f.calls().contains("syncwpar"));
}

fn unsafe_euid() -> u32 {
    let out = std::process::Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// Two wparup runs on two WPARs of one host never run two installp at once: the second waits,
/// visibly, for the first syncwpar to end, then runs its own (the fakes' log shows the order).
#[test]
fn two_syncs_on_two_wpars_never_overlap() {
    let f = FakeAix::new();
    f.wpar("w1", "A", false);
    f.wpar("w2", "A", false);
    f.hold("w1");
    let mut first = f.command(&["-q", "sync", "w1"]);
    first.stdout(Stdio::null()).stderr(Stdio::null());
    let mut a = first.spawn().unwrap();
    f.wait_for("w1.syncing");
    let second = f.command(&["sync", "w2"]);
    let b = std::thread::spawn(move || super::util::run_cmd(second));
    // While w1's syncwpar runs, w2's has not started.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(!f.calls().contains("syncwpar w2"), "{}", f.calls());
    f.release("w1");
    assert!(a.wait().unwrap().success());
    let r = b.join().unwrap();
    assert_eq!(r.code, 0, "{r}");
    assert!(
        r.stderr.contains("waiting: another wparup") && r.stderr.contains("syncwpar w1"),
        "the wait is said, naming the holder: {r}"
    );
    let calls = f.calls();
    let at = |needle: &str| {
        calls
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}: {calls}"))
    };
    assert!(at("syncwpar w1") < at("syncwpar w2"), "{calls}");
}

/// A zombie (an exited command its parent never reaped, as in a container whose init does not
/// reap) named in a lock file is not a running orphan: the next run goes ahead.
#[test]
fn a_zombie_is_not_a_running_orphan() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    // A child of this test that exits and is not waited for: a zombie until the end.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let rest = &stat[stat.rfind(')').unwrap() + 1..];
    assert_eq!(rest.split_whitespace().next(), Some("Z"), "{stat}");
    let start = rest.split_whitespace().nth(19).unwrap();
    std::fs::write(
        f.locks.path().join("wp_name.lock"),
        format!("wparup 1\nchild {pid} {start} syncwpar wp_name\n"),
    )
    .unwrap();
    let r = f.run(&["sync", "wp_name"]);
    child.wait().unwrap();
    assert_eq!(r.code, 0, "{r:?}");
}

/// The WPAR's lock file deleted under a running sync (reliability review R07): a second run on
/// the same WPAR takes a new lock file, but never starts a second syncwpar next to the first:
/// the host's installp lock holds it (here refused with `--no-wait`).
#[test]
fn a_deleted_lock_file_never_lets_a_second_syncwpar_start() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    f.hold("wp_name");
    let mut first = f.command(&["-q", "sync", "wp_name"]);
    first.stdout(Stdio::null()).stderr(Stdio::null());
    let mut holder = first.spawn().unwrap();
    f.wait_for("wp_name.syncing");
    std::fs::remove_file(f.locks.path().join("wp_name.lock")).unwrap();
    let r = f.run(&["--json", "sync", "wp_name", "--no-wait"]);
    f.release("wp_name");
    assert!(holder.wait().unwrap().success());
    assert_eq!(r.code, 4, "{r:?}");
    let calls = f.calls();
    assert_eq!(calls.matches("syncwpar").count(), 1, "{calls}");
}

/// The lock directory renamed away under a running sync (reliability review C13): the holder
/// notices within its watch interval, creates the directory again and relocks both its WPAR
/// lock and the host's installp lock there, so a second run on the same WPAR is refused and
/// never starts a second syncwpar.
#[test]
fn a_lock_directory_renamed_under_a_running_sync_is_taken_back() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    f.hold("wp_name");
    let locks = f.locks.path().join("private");
    let mut first = f.command(&[
        "-q",
        "--lock-dir",
        locks.to_str().unwrap(),
        "sync",
        "wp_name",
    ]);
    first.stdout(Stdio::null()).stderr(Stdio::null());
    let mut holder = first.spawn().unwrap();
    f.wait_for("wp_name.syncing");
    let moved = f.locks.path().join("moved");
    std::fs::rename(&locks, &moved).unwrap();
    // The holder takes the path back (its lock file reappears there) before anyone else runs.
    let back = locks.join("wp_name.lock");
    for _ in 0..200 {
        if back.exists() && locks.join("host.installp.lock").exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(back.exists(), "the holder did not recreate its lock");
    let r = f.run(&[
        "--json",
        "--lock-dir",
        locks.to_str().unwrap(),
        "sync",
        "wp_name",
        "--no-wait",
    ]);
    f.release("wp_name");
    assert!(holder.wait().unwrap().success());
    assert_eq!(r.code, 4, "{r:?}");
    let calls = f.calls();
    assert_eq!(calls.matches("syncwpar").count(), 1, "{calls}");
}
