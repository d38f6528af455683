//! The progress line on a real terminal (a pseudo-terminal from `script`, util-linux): it shows
//! the elapsed time, keeps ticking while the AIX command is silent, fits the width, and is
//! cleared before other output.

use super::util::FakeAix;

fn run_in_terminal(f: &FakeAix, cols: u16, term: &str, args: &str) -> String {
    let out = tempfile::NamedTempFile::new().unwrap();
    let bin = env!("CARGO_BIN_EXE_wparup");
    let cmd = format!(
        "stty cols {cols} rows 20; TERM={term} WPARUP_BIN_DIR={} WPARUP_LOG_DIR={} WPARUP_LOCK_DIR={} {bin} {args}",
        f.bin.path().display(),
        f.logs.path().display(),
        f.locks.path().display()
    );
    let st = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &cmd])
        .arg(out.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(st.success(), "script: {st:?}");
    String::from_utf8_lossy(&std::fs::read(out.path()).unwrap()).into_owned()
}

#[test]
fn the_progress_line_ticks_fits_and_is_cleared() {
    let f = FakeAix::new();
    let name = "wpar_name_of_25_chars_xxx";
    f.wpar(name, "A", false);
    super::util::write_script(
        &f.bin.path().join("syncwpar"),
        "#!/bin/sh\necho 'Synchronizing workload partition x (1 of 1).'\nsleep 3\necho 'Return Status = SUCCESS.'\n",
    );
    for cols in [80u16, 40] {
        let raw = run_in_terminal(&f, cols, "xterm", &format!("sync {name}"));
        let draws: Vec<&str> = raw
            .split("\r\x1b[2K")
            .skip(1)
            .filter(|s| s.starts_with("[wparup "))
            .map(|s| s.split(['\r', '\n']).next().unwrap_or(""))
            .collect();
        // Redrawn while syncwpar was silent for 3 s: the clock moved.
        assert!(draws.len() >= 3, "{cols} cols: {draws:?}");
        assert!(
            draws.iter().any(|d| d.starts_with("[wparup 00:02]")),
            "{draws:?}"
        );
        for d in &draws {
            assert!(d.chars().count() < usize::from(cols), "{cols} cols: {d:?}");
        }
        // Whatever follows the last draw starts by clearing it.
        let last = raw.rfind("[wparup 0").unwrap();
        let after = &raw[last..];
        let next_text = after.find('\n').unwrap();
        assert!(
            after[..next_text].contains("\r\x1b[2K") || after[..next_text].ends_with('\r'),
            "{cols} cols: the progress line is cleared before other output: {after:?}"
        );
        assert!(
            raw.contains(&format!("wparup sync {name}: done in 3 s")),
            "{raw}"
        );
    }
}

/// `TERM=dumb` (or no `TERM`): no progress line, only the echoed output (newcomer review).
#[test]
fn a_dumb_terminal_gets_no_progress_line() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    super::util::write_script(
        &f.bin.path().join("syncwpar"),
        "#!/bin/sh\necho 'Synchronizing workload partition x (1 of 1).'\nsleep 1\necho 'Return Status = SUCCESS.'\n",
    );
    let raw = run_in_terminal(&f, 80, "dumb", "sync wp_name");
    assert!(!raw.contains("[wparup 0"), "{raw}");
    assert!(raw.contains("wparup sync wp_name: done"), "{raw}");
}

/// On a terminal, a half-said line (`please wait...`, then a pause) stays on the screen: the
/// progress line is not drawn over it while the command works, and the line ends as it began.
#[test]
fn the_progress_line_does_not_wipe_a_half_said_line() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    super::util::write_script(
        &f.bin.path().join("syncwpar"),
        "#!/bin/sh\necho 'Synchronizing workload partition wp_name (1 of 1).'\nprintf 'Restoring files, please wait...'\nsleep 2\nprintf ' 12 files restored.\\n'\necho 'Return Status = SUCCESS.'\n",
    );
    let raw = run_in_terminal(&f, 80, "xterm", "sync wp_name");
    let start = raw.find("Restoring files, please wait...").expect(&raw);
    let end = raw.find(" 12 files restored.").expect(&raw);
    assert!(start < end, "{raw:?}");
    let between = &raw[start..end];
    assert!(
        !between.contains("\x1b[2K") && !between.contains("[wparup "),
        "nothing drawn over the half-said line: {between:?}"
    );
    assert_eq!(raw.matches("please wait").count(), 1, "{raw:?}");
}
