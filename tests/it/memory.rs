//! Memory stays flat, whatever the input: real processes, peak RSS from `wait4`.

use std::process::{Command, Stdio};

use super::util::{FakeAix, install};

/// The limit the field issue sets.
const LIMIT_KB: i64 = 64 * 1024;

/// Runs `c` (stdin from `input`, a shell pipeline, or closed) and returns (exit code, peak RSS
/// in KiB) of that process alone: `VmHWM` of `/proc/PID/status`, polled until it exits. (Not
/// `wait4`'s `ru_maxrss`: Linux carries the parent's high-water mark across `posix_spawn`'s
/// shared-memory exec, so it would report the test harness's size.)
fn peak(mut c: Command, input: Option<&str>) -> (i32, i64) {
    c.stdout(Stdio::null()).stderr(Stdio::null());
    let mut feeder = None;
    match input {
        Some(sh) => {
            let mut f = Command::new("sh")
                .args(["-c", sh])
                .stdout(Stdio::piped())
                .spawn()
                .unwrap();
            c.stdin(f.stdout.take().unwrap());
            feeder = Some(f);
        }
        None => {
            c.stdin(Stdio::null());
        }
    }
    let mut child = c.spawn().unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut kb = 0i64;
    let status = loop {
        if let Ok(text) = std::fs::read_to_string(&status_file)
            && let Some(v) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok())
        {
            kb = kb.max(v);
        }
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    if let Some(mut f) = feeder {
        let _ = f.kill();
        let _ = f.wait();
    }
    use std::os::unix::process::ExitStatusExt;
    let code = status
        .code()
        .unwrap_or_else(|| -status.signal().unwrap_or(0));
    (code, kb)
}

#[test]
fn a_live_run_streaming_100_mb_stays_flat() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", false);
    install(f.bin.path(), "fake-exec", "flood", "startwpar");
    let (code, kb) = peak(f.command(&["-q", "start", "wp_name"]), None);
    assert!(code >= 0, "killed by signal {}", -code);
    assert!(kb < LIMIT_KB, "peak RSS {kb} KiB");
}

#[test]
fn parse_of_endless_zeros_and_repeated_records_stays_flat() {
    for (family, input) in [
        ("auto", "head -c 100000000 /dev/zero"),
        (
            "auto",
            "yes 'syncwpar: 0960-264 Error synchronizing workload partition wp_name.' | head -n 600000",
        ),
        (
            "syncwpar",
            "yes 'Workload partition wp_name synchronized successfully.' | head -n 1000000",
        ),
        (
            "lswpar",
            "echo '#name:state:type'; yes 'w1:A:S' | head -n 600000",
        ),
    ] {
        let c = super::util::command(&["-q", "parse", family, "-"]);
        let (code, kb) = peak(c, Some(input));
        assert!(code >= 0, "{family} `{input}`: killed by signal {}", -code);
        assert!(kb < LIMIT_KB, "{family} `{input}`: peak RSS {kb} KiB");
    }
}

#[test]
fn replaying_an_endless_file_fails_fast_and_small() {
    let c = super::util::command(&["--replay", "/dev/zero", "list"]);
    let (code, kb) = peak(c, None);
    assert_eq!(code, 21);
    assert!(kb < LIMIT_KB, "peak RSS {kb} KiB");
}
