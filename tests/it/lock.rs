//! One wparup per WPAR, with real processes: fcntl locks, holder's pid, SIGKILL releases.

use std::process::Stdio;

use super::util::FakeAix;

#[test]
fn second_run_on_the_same_wpar_exits_4_naming_the_holder() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    f.wpar("other", "A", false);
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

    // A different WPAR is not blocked.
    std::fs::write(f.state.path().join("release"), "").unwrap();
    let r = f.run(&["sync", "other"]);
    assert_eq!(r.code, 0, "{r:?}");
    std::fs::remove_file(f.state.path().join("release")).unwrap();

    // Kill the holder with SIGKILL: the kernel drops its lock.
    holder.kill().unwrap();
    holder.wait().unwrap();
    std::fs::write(f.state.path().join("release"), "").unwrap();
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
