//! Streaming from a real child: every byte reaches the parser, the echo and the log, whatever
//! the speed of the terminal reading wparup's output.

use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

use super::util::{FakeAix, install};

/// The admin's terminal is slow (a slow ssh session, a paused `| less`): wparup's stderr is read
/// 4 KiB every 20 ms while syncwpar ends with a burst of 20,000 summary rows. Nothing may be
/// dropped: not from the parsed result, not from the echo, not from the log.
#[test]
fn a_slow_terminal_loses_no_line_of_a_final_burst() {
    let f = FakeAix::new();
    f.wpar("wp1", "A", false);
    install(f.bin.path(), "fake-exec", "burst-sync", "syncwpar");
    let mut c = f.command(&["-v", "--json", "sync", "wp1"]);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();

    let mut err = child.stderr.take().unwrap();
    let slow = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match err.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        all
    });
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let status = child.wait().unwrap();
    let echoed = String::from_utf8_lossy(&slow.join().unwrap()).into_owned();

    assert_eq!(status.code(), Some(0), "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let result = &v["result"];
    assert_eq!(
        result["status"], "success",
        "lines parsed: {}, trailer: {}",
        result["lines"], result["trailer"]
    );
    assert_eq!(
        result["installation_summary"].as_array().map(Vec::len),
        Some(20_000)
    );
    assert_eq!(result["synchronized"], serde_json::json!(["wp1"]));

    // The echo on the slow terminal has every row, and the trailer.
    assert_eq!(echoed.matches("bos.fake.fileset").count(), 20_000);
    assert!(echoed.contains("Return Status = SUCCESS."));

    // So does the log, step by step.
    let log = std::fs::read_to_string(v["log"].as_str().unwrap()).unwrap();
    assert_eq!(log.matches("bos.fake.fileset").count(), 20_000);
    let sync_step = log.split("# syncwpar").nth(1).unwrap();
    assert!(
        sync_step.contains("Return Status = SUCCESS.\n#! exit: 0"),
        "the log ends the step with the trailer and the exit: {}",
        &sync_step[sync_step.len().saturating_sub(300)..]
    );
}

/// syncwpar says `please wait...` and works for a long while before it ends the line: the admin
/// sees those words at once, not when the line ends (0.2 held them until the newline).
/// The fake command waits for the test to have seen them, so the test cannot pass by timing.
#[test]
fn a_line_the_command_has_not_ended_is_shown_at_once() {
    let f = FakeAix::new();
    f.wpar("wp1", "A", false);
    let go = f.state.path().join("go");
    super::util::write_script(
        &f.bin.path().join("syncwpar"),
        &format!(
            "#!/bin/sh\necho 'Synchronizing workload partition wp1 (1 of 1).'\nprintf 'Restoring files, please wait...'\ni=0\nwhile [ ! -e {go} ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\nprintf ' 12 files restored.\\n'\necho 'Return Status = SUCCESS.'\n",
            go = go.display()
        ),
    );
    let mut c = f.command(&["sync", "wp1"]);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    let mut err = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = err.read(&mut buf) {
            let _ = tx.send(buf[..n].to_vec());
        }
    });
    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !String::from_utf8_lossy(&seen).contains("please wait...") {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(b) => seen.extend_from_slice(&b),
            Err(_) => {
                std::fs::write(&go, "").unwrap();
                panic!(
                    "the words before the pause were never shown: {:?}",
                    String::from_utf8_lossy(&seen)
                );
            }
        }
    }
    assert!(!go.exists());
    std::fs::write(&go, "").unwrap();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    seen.extend(rx.try_iter().flatten());
    let echoed = String::from_utf8_lossy(&seen).into_owned();
    assert_eq!(status.code(), Some(0), "{echoed}");
    // The line ends where it began, shown once.
    assert_eq!(
        echoed
            .matches("Restoring files, please wait... 12 files restored.\n")
            .count(),
        1,
        "{echoed}"
    );
    assert_eq!(echoed.matches("please wait").count(), 1, "{echoed}");
    // The log has the whole line, once.
    let logs = f.run(&["--json", "logs", "wp1"]).json();
    let log = std::fs::read_to_string(logs["entries"][0]["path"].as_str().unwrap()).unwrap();
    assert_eq!(
        log.matches("Restoring files, please wait... 12 files restored.\n")
            .count(),
        1,
        "{log}"
    );
}
