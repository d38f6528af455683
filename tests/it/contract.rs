//! The contract with scripts: one JSON envelope on every path, exit codes that never lie.

use super::util::{FakeAix, install, wparup};
use std::process::Stdio;

#[test]
fn usage_errors_caught_by_clap_print_the_envelope_too() {
    for (args, command) in [
        (&["--json", "sync", "--bogus", "wp_name"][..], "sync"),
        (&["--json", "start"][..], "start"),
        (&["--json", "start", "--", "-A"][..], "start"),
        (&["--json", "frobnicate"][..], "wparup"),
    ] {
        let r = wparup(args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        let v = r.json();
        assert_eq!(v["command"], command, "{args:?}");
        assert_eq!(v["error"]["kind"], "usage");
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
        assert!(
            r.stderr.contains("error:"),
            "clap's own text stays on stderr"
        );
    }
    // Help is not an error and prints no document.
    let r = wparup(&["--json", "sync", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Usage:"));
}

#[test]
fn a_closed_stdout_keeps_the_runs_own_exit_code() {
    let (reader, writer) = os_pipe::pipe().unwrap();
    drop(reader);
    let mut c = super::util::command(&[
        "--json",
        "replay",
        "fixtures/scenarios/upgrade-media-missing.txt",
    ]);
    c.stdout(writer).stderr(Stdio::piped());
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(11), "{out:?}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("error:"),
        "quiet: {out:?}"
    );
}

#[test]
fn an_unwritable_stdout_is_an_environment_error_not_usage() {
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut c = super::util::command(&["replay", "fixtures/scenarios/start-ok.txt"]);
    c.stdout(full).stderr(Stdio::piped());
    let out = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(22), "{stderr}");
    assert!(stderr.contains("cannot write stdout"), "{stderr}");
}

#[test]
fn a_child_killed_by_a_signal_nobody_sent_is_a_failure_not_an_interruption() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    install(f.bin.path(), "fake-exec", "killed", "syncwpar");
    let r = f.run(&["--json", "sync", "wp_name"]);
    assert_eq!(r.code, 1, "{r:?}");
    let v = r.json();
    assert_eq!(v["changed"], true, "syncwpar started");
    super::util::assert_error_mentions(&v, "SIGTERM");
}

#[test]
fn unusable_log_and_record_files_are_environment_errors() {
    let f = FakeAix::new();
    f.wpar("wp_name", "D", false);
    let mut c = f.command(&["--json", "start", "wp_name"]);
    c.env("WPARUP_LOG_DIR", "/dev/null/logs");
    let r = super::util::run_cmd(c);
    assert_eq!(r.code, 22, "{r:?}");
    assert!(
        r.json()["error"]["hints"][0]
            .as_str()
            .unwrap()
            .contains("--log-dir")
    );
    assert!(
        !f.calls().contains("startwpar"),
        "refused before anything ran"
    );

    let r = f.run(&[
        "--json",
        "--record",
        "/dev/null/rec.txt",
        "start",
        "wp_name",
    ]);
    assert_eq!(r.code, 22, "{r:?}");
    assert!(!f.calls().contains("startwpar"));
}

#[test]
fn an_interrupted_all_run_reports_what_was_done_and_what_was_not() {
    let f = FakeAix::new();
    for n in ["a1", "b2", "c3"] {
        f.wpar(n, "A", false);
    }
    std::fs::write(f.state.path().join("b2.hold"), "").unwrap();
    install(f.bin.path(), "fake-exec", "sync-hold", "syncwpar");
    let mut c = f.command(&["--json", "sync", "--all"]);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    f.wait_for("b2.syncing");
    let k = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(k.success());
    let out = child.wait_with_output().unwrap();
    let r = super::util::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_eq!(r.code, 130, "{r:?}");
    let v = r.json();
    let runs = v["wpar_runs"].as_array().unwrap();
    assert_eq!(runs.len(), 3, "{v}");
    assert_eq!(
        (runs[0]["wpar"].as_str(), runs[0]["exit_code"].as_u64()),
        (Some("a1"), Some(0))
    );
    assert_eq!(runs[1]["exit_name"], "interrupted");
    assert_eq!(runs[1]["changed"], true);
    assert!(runs[2]["skipped"].as_str().unwrap().contains("interrupted"));
    assert!(!f.calls().contains("c3"), "c3 never ran");
}

#[test]
fn a_media_path_that_is_not_utf8_is_recorded_and_replayed_byte_for_byte() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let f = FakeAix::new();
    f.wpar("wp_name", "D", true);
    f.set("wp_name", "level", "6100-06-05-1115");
    let parent = tempfile::tempdir().unwrap();
    // `média` in ISO8859-1, AIX's default codeset.
    let media = parent.path().join(OsStr::from_bytes(b"m\xe9dia"));
    std::fs::create_dir(&media).unwrap();
    std::fs::write(media.join(".toc"), "bos.rte 7.1.0.0 I\n").unwrap();
    std::fs::write(media.join("bos.rte.7.1.0.0.I"), "").unwrap();
    let rec = parent.path().join("rec.txt");
    let mut c = f.command(&[
        "--record",
        rec.to_str().unwrap(),
        "migrate",
        "wp_name",
        "--preview",
        "-d",
    ]);
    c.arg(&media);
    let live = super::util::run_cmd(c);
    assert_eq!(live.code, 0, "{live:?}");
    let text = std::fs::read(&rec).unwrap();
    let text = String::from_utf8(text).expect("the transcript itself is UTF-8");
    assert!(text.contains("m\\xe9dia'"), "quoted with $'…': {text}");
    // The replay asks for the same bytes and matches them.
    std::fs::remove_dir_all(&media).unwrap();
    let again = wparup(&["replay", rec.to_str().unwrap()]);
    assert_eq!(again.code, 0, "{again:?}");
}

/// `WPARUP_REPLAY` left in the environment never passes for a live run (reliability review
/// E04): the run says so on stderr, also with `-q`, and in the document's warnings.
#[test]
fn a_replay_from_the_environment_is_said_loudly() {
    let mut c = super::util::command(&["--json", "-q", "start", "wp_name"]);
    c.env("WPARUP_REPLAY", "fixtures/scenarios/start-ok.txt");
    let r = super::util::run_cmd(c);
    assert_eq!(r.code, 0, "{r}");
    assert!(
        r.stderr.contains("WPARUP_REPLAY is set: this run replays"),
        "{r}"
    );
    let v = r.json();
    assert_eq!(v["replay"], "fixtures/scenarios/start-ok.txt");
    assert!(v["warnings"][0].as_str().unwrap().contains("WPARUP_REPLAY"));
}

/// `--timeout 0` means no limit everywhere (reliability review A26): syncwpar is not killed at
/// once, and `stop --timeout 0` is `stopwpar -N`.
#[test]
fn a_timeout_of_zero_is_no_limit() {
    let f = super::util::FakeAix::new();
    f.wpar("wp_name", "A", false);
    super::util::install(f.bin.path(), "fake-exec", "slow-sync", "syncwpar");
    let r = f.run(&["sync", "wp_name", "--timeout", "0"]);
    assert_eq!(r.code, 0, "{r}");
    let r = f.run(&["stop", "wp_name", "--timeout", "0"]);
    assert_eq!(r.code, 0, "{r}");
    assert!(f.calls().contains("stopwpar -N wp_name"), "{}", f.calls());
    // And a duration like sync's: `2m` is 120 seconds for stopwpar -t.
    f.wpar("wp_name", "A", false);
    let r = f.run(&["stop", "wp_name", "--timeout", "2m"]);
    assert_eq!(r.code, 0, "{r}");
    assert!(
        f.calls().contains("stopwpar -t 120 wp_name"),
        "{}",
        f.calls()
    );
}

/// Out of file descriptors is the local environment (22) with its fix, never an AIX failure
/// (reliability review Q10).
#[test]
fn running_out_of_file_descriptors_is_exit_22() {
    let f = super::util::FakeAix::new();
    f.wpar("wp_name", "A", false);
    let inner = f.command(&["--json", "sync", "wp_name"]);
    let mut codes = Vec::new();
    for n in [6, 8, 10] {
        let mut c = std::process::Command::new("sh");
        c.arg("-c")
            .arg(format!("ulimit -n {n}; exec \"$0\" \"$@\""))
            .arg(inner.get_program())
            .args(inner.get_args())
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        for (k, v) in inner.get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        let r = super::util::run_cmd(c);
        assert!(r.code == 22 || r.code == 0, "ulimit -n {n}: {r}");
        if r.code == 22 {
            assert!(r.stdout.contains("ulimit -n"), "{r}");
        }
        codes.push(r.code);
    }
    assert!(codes.contains(&22), "{codes:?}");
}

/// A media path that is not UTF-8 appears in the JSON document without losing a byte (the
/// shell's `$'…'` form), in one whole document (reliability review: half a document, then a
/// second one, exit 22).
#[test]
fn a_path_that_is_not_utf8_is_one_whole_json_document() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let f = FakeAix::new();
    f.wpar("wp_name", "A", true);
    f.set("wp_name", "level", "7100-00-01-1037");
    f.set("global", "filesets", "bos.rte 7.1.0.3");
    f.set("wp_name", "filesets", "bos.rte 7.1.0.1");
    let parent = tempfile::tempdir().unwrap();
    let media = parent.path().join(OsStr::from_bytes(b"m\xe9dia"));
    std::fs::create_dir(&media).unwrap();
    std::fs::write(media.join(".toc"), "bos.rte 7.1.0.3 U\n").unwrap();
    std::fs::write(media.join("bos.rte.7.1.0.3.U"), "").unwrap();
    let mut c = f.command(&["--json", "sync", "wp_name", "--preview", "-d"]);
    c.arg(&media);
    let r = super::util::run_cmd(c);
    assert_eq!(r.code, 0, "{r}");
    let v = r.json();
    let shown = v["media"]["media"]["path"].as_str().unwrap();
    assert!(
        shown.starts_with("$'") && shown.contains("m\\xe9dia'"),
        "{shown}"
    );
}
