//! Memory stays flat, whatever the input: real processes, peak RSS from `wait4`.

use std::process::{Command, Stdio};

use super::util::{FakeAix, install};

/// The limit the field issue sets.
const LIMIT_KB: i64 = 64 * 1024;

/// Runs `c` (stdin from `input`, a shell pipeline, or closed) and returns (exit code, peak RSS
/// in KiB) of that process alone.
#[allow(unsafe_code)]
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
    let child = c.spawn().unwrap();
    let pid = i32::try_from(child.id()).unwrap();
    // Reaped by wait4 below, with its resource usage.
    std::mem::forget(child);
    let mut status = 0;
    // SAFETY: rusage is a plain C struct; wait4 fills it for this one child.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    assert_eq!(rc, pid);
    if let Some(mut f) = feeder {
        let _ = f.kill();
        let _ = f.wait();
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        // Killed: report the signal as a negative number.
        -libc::WTERMSIG(status)
    };
    // Linux reports KiB.
    (code, ru.ru_maxrss)
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
