//! Signals with real processes: nohup, escalation to SIGKILL, SIGQUIT.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::util::{FakeAix, Run, install};

fn kill(sig: &str, pid: u32) {
    let ok = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig} {pid}");
}

/// `wp_name` running, `script` (from tests/fake-exec) playing its syncwpar, and wparup started
/// with `args` (output piped), once syncwpar has begun (`wp_name.syncing`).
fn syncing(script: &str, args: &[&str]) -> (FakeAix, std::process::Child) {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    install(f.bin.path(), "fake-exec", script, "syncwpar");
    let mut c = f.command(args);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    f.wait_for("wp_name.syncing");
    (f, child)
}

fn finish(child: std::process::Child) -> Run {
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn alive(pid: &str) -> bool {
    Command::new("kill")
        .args(["-0", pid.trim()])
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success()
}

#[test]
fn under_nohup_a_hangup_does_not_stop_the_sync() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    install(f.bin.path(), "fake-exec", "slow-sync", "syncwpar");
    let inner = f.command(&["--json", "sync", "wp_name"]);
    let mut c = Command::new("nohup");
    c.arg(inner.get_program()).args(inner.get_args());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    f.wait_for("wp_name.syncing");
    kill("-HUP", child.id());
    let r = finish(child);
    assert_eq!(r.code, 0, "the sync ran to its end: {r:?}");
    let v = r.json();
    assert_eq!(v["result"]["synchronized"][0], "wp_name");
}

#[test]
fn a_second_signal_kills_a_command_that_ignores_them() {
    let (f, child) = syncing("deaf-sync", &["--json", "sync", "wp_name"]);
    let start = Instant::now();
    kill("-INT", child.id());
    std::thread::sleep(Duration::from_millis(300));
    kill("-INT", child.id());
    let r = finish(child);
    assert!(start.elapsed() < Duration::from_secs(10), "wparup ended");
    assert_eq!(r.code, 130, "{r:?}");
    let pid = std::fs::read_to_string(f.state.path().join("wp_name.pid")).unwrap();
    assert!(!alive(&pid), "syncwpar {pid} was killed, not left behind");
    let v = r.json();
    let log = std::fs::read_to_string(v["log"].as_str().unwrap()).unwrap();
    assert!(log.contains("#! note: wparup forwarded SIGINT"), "{log}");
    assert!(log.contains("sent SIGKILL to the process group"), "{log}");
    assert!(log.contains("#! signal: SIGKILL"), "{log}");
}

#[test]
fn one_signal_then_the_grace_period_kills_too() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    install(f.bin.path(), "fake-exec", "deaf-sync", "syncwpar");
    let mut c = f.command(&["sync", "wp_name"]);
    c.env("WPARUP_KILL_GRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    f.wait_for("wp_name.syncing");
    kill("-TERM", child.id());
    let r = finish(child);
    assert_eq!(r.code, 130, "{r:?}");
    let pid = std::fs::read_to_string(f.state.path().join("wp_name.pid")).unwrap();
    assert!(!alive(&pid), "syncwpar {pid} was killed");
}

#[test]
fn sigquit_is_forwarded_like_sigint() {
    let (_f, child) = syncing("quit-sync", &["sync", "wp_name"]);
    kill("-QUIT", child.id());
    let r = finish(child);
    assert_eq!(r.code, 130, "{r:?}");
    assert!(r.stderr.contains("got QUIT, cleaning up"), "{}", r.stderr);
}

#[test]
fn timeout_kills_a_long_operation_exit_15() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    install(f.bin.path(), "fake-exec", "deaf-sync", "syncwpar");
    let start = Instant::now();
    let r = f.run(&["--json", "sync", "wp_name", "--timeout", "1s"]);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(r.code, 15, "{r:?}");
    let v = r.json();
    assert_eq!(v["error"]["kind"], "timed_out");
    assert_eq!(v["changed"], true, "syncwpar had started");
    let pid = std::fs::read_to_string(f.state.path().join("wp_name.pid")).unwrap();
    assert!(!alive(&pid), "syncwpar {pid} was killed with its group");
    let log = std::fs::read_to_string(v["log"].as_str().unwrap()).unwrap();
    assert!(log.contains("#! timed-out"), "{log}");
}

#[test]
fn a_hung_read_only_query_times_out_too() {
    let f = FakeAix::new();
    install(f.bin.path(), "fake-exec", "hang", "lswpar");
    let mut c = f.command(&["--json", "list"]);
    c.env("WPARUP_READ_TIMEOUT", "1");
    let start = Instant::now();
    let r = super::util::run_cmd(c);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(r.code, 15, "{r:?}");
    let pid = std::fs::read_to_string(f.state.path().join("hang.pid")).unwrap();
    assert!(!alive(&pid), "lswpar {pid} was killed");
    let bad = f.run(&["sync", "wp_name", "--timeout", "soon"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("not a duration"), "{}", bad.stderr);
}

/// The log of a run interrupted at 2 a.m. replays to the same interruption (exit 130), and the
/// report says what to look at and run next.
#[test]
fn the_log_of_an_interrupted_run_replays_to_the_interruption() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    f.hold("wp_name");
    let mut c = f.command(&["--json", "sync", "wp_name"]);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    f.wait_for("wp_name.syncing");
    kill("-TERM", child.id());
    f.release("wp_name");
    let live = finish(child);
    assert_eq!(live.code, 130, "{live:?}");
    let v = live.json();
    let log = v["log"].as_str().unwrap().to_string();
    let hints = v["error"]["hints"].to_string();
    assert!(
        hints.contains("--probe") && hints.contains("lslpp"),
        "{hints}"
    );
    let again = super::util::wparup(&["--json", "replay", &log]);
    assert_eq!(again.code, 130, "{again:?}");
    assert_eq!(again.json()["error"]["kind"], "interrupted");
}

/// Ends the leftover writer a fake left (its pid in `writer.pid`).
fn end_writer(f: &FakeAix) {
    if let Ok(pid) = std::fs::read_to_string(f.state.path().join("writer.pid")) {
        let _ = Command::new("kill")
            .args(["-9", pid.trim()])
            .stderr(Stdio::null())
            .status();
        // setsid: the shell's pid is also its session's, and its children follow it.
        let _ = Command::new("pkill")
            .args(["-9", "-s", pid.trim()])
            .stderr(Stdio::null())
            .status();
    }
}

/// A process the command leaves behind, still writing to its output pipe, does not keep
/// wparup running (reliability review O01): after the command exits, wparup waits for that
/// output a bounded time, notes in the log that it stopped reading, and ends with the
/// command's own outcome.
#[test]
fn a_leftover_writer_does_not_keep_wparup_running() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    install(f.bin.path(), "fake-exec", "leftover-writer", "syncwpar");
    let started = Instant::now();
    let r = f.run(&["--json", "sync", "wp_name"]);
    let took = started.elapsed();
    end_writer(&f);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(took < Duration::from_secs(8), "took {took:?}");
    let log = std::fs::read_to_string(r.json()["log"].as_str().unwrap()).unwrap();
    assert!(
        log.contains("kept its output open: wparup stopped reading"),
        "{log}"
    );
}

/// A writer out of the process group's reach that never stops, and a command that runs past
/// `--timeout`: the time limit holds for the whole run (reliability review O03), exit 15.
#[test]
fn a_timeout_holds_against_a_writer_out_of_reach() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    install(f.bin.path(), "fake-exec", "setsid-writer", "syncwpar");
    let started = Instant::now();
    let r = f.run(&["sync", "wp_name", "--timeout", "2s"]);
    let took = started.elapsed();
    end_writer(&f);
    assert_eq!(r.code, 15, "{r:?}");
    assert!(took < Duration::from_secs(8), "took {took:?}");
}

/// Two signals 5 ms apart are two (reliability review S09): the second sends SIGKILL at once,
/// not after the 30 s grace.
#[test]
fn two_quick_signals_are_two() {
    let (f, child) = syncing("deaf-sync", &["--json", "sync", "wp_name"]);
    let start = Instant::now();
    kill("-INT", child.id());
    std::thread::sleep(Duration::from_millis(5));
    kill("-INT", child.id());
    let r = finish(child);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "wparup ended at once"
    );
    assert_eq!(r.code, 130, "{r:?}");
    let pid = std::fs::read_to_string(f.state.path().join("wp_name.pid")).unwrap();
    assert!(!alive(&pid), "syncwpar {pid} was killed");
}

/// Ctrl-C while the first `lswpar` runs is an interruption, exit 130, not a failure of lswpar
/// (reliability review S01).
#[test]
fn an_interrupt_during_the_first_query_is_130() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    install(f.bin.path(), "fake-exec", "hang", "lswpar");
    let mut c = f.command(&["--json", "sync", "wp_name"]);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    f.wait_for("hang.pid");
    kill("-INT", child.id());
    let r = finish(child);
    assert_eq!(r.code, 130, "{r:?}");
    assert!(!f.calls().contains("syncwpar"));
}

/// SIGINT while wparup's stderr is stalled (reliability review R39): the terminal stops reading,
/// wparup's echo of the command's output blocks, and Ctrl-C must still reach the command at
/// once (the signal handler forwards it), not when the terminal reads again.
#[test]
fn a_signal_reaches_the_command_while_stderr_is_blocked() {
    // (not --json: the command's output is echoed on stderr)
    let (f, mut child) = syncing("flood-int-sync", &["sync", "wp_name"]);
    // Let the echo fill the stderr pipe, which nobody reads yet.
    std::thread::sleep(Duration::from_millis(700));
    kill("-INT", child.id());
    let got = f.state.path().join("wp_name.got-int");
    let start = Instant::now();
    while !got.exists() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let waited = start.elapsed();
    // Now read stderr, so wparup can finish.
    let mut err = child.stderr.take().unwrap();
    let drain = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut v);
        v
    });
    let r = finish(child);
    let _ = drain.join();
    assert!(
        got.exists() && waited < Duration::from_secs(2),
        "the command got SIGINT {waited:?} after it was sent, with stderr blocked"
    );
    assert_eq!(r.code, 130, "{r:?}");
}
