//! The executors against real child processes, replay errors, and record -> replay.

use std::time::{Duration, Instant};

use wparup::testing::exec::record::{RecordFile, Recording};
use wparup::testing::exec::replay::Replay;
use wparup::testing::exec::system::System;
use wparup::testing::exec::{
    ExecError, Executor, Invocation, OutputLine, Program, Stream, Termination,
};

use super::util::{install, replay, wparup};

/// A bin dir where `script` plays `lswpar`.
fn as_lswpar(script: &str) -> (tempfile::TempDir, System) {
    let d = tempfile::tempdir().unwrap();
    install(d.path(), "fake-exec", script, "lswpar");
    let s = System::new(vec![d.path().to_path_buf()]);
    (d, s)
}

fn collect(e: &dyn Executor, inv: &Invocation) -> (Vec<OutputLine>, Termination) {
    let mut v = Vec::new();
    let t = e.run(inv, &mut |l: &OutputLine| v.push(l.clone())).unwrap();
    (v, t)
}

#[test]
fn first_line_arrives_while_the_command_still_runs() {
    let (_d, s) = as_lswpar("slow");
    let start = Instant::now();
    let mut arrivals = Vec::new();
    let t = s
        .run(
            &Invocation::new(Program::Lswpar, ["-cG"]),
            &mut |l: &OutputLine| {
                arrivals.push((start.elapsed(), l.bytes.clone()));
            },
        )
        .unwrap();
    let end = start.elapsed();
    assert_eq!(t, Termination::Exited(0));
    assert_eq!(arrivals.len(), 2);
    assert_eq!(arrivals[0].1, b"first line");
    assert!(
        arrivals[0].0 + Duration::from_millis(700) < end,
        "first line at {:?}, command ended at {end:?}",
        arrivals[0].0
    );
}

#[test]
fn stderr_is_tagged_and_exit_codes_are_data() {
    let (_d, s) = as_lswpar("stderr-exit3");
    let (lines, t) = collect(&s, &Invocation::new(Program::Lswpar, ["x"]));
    assert_eq!(t, Termination::Exited(3));
    let err: Vec<_> = lines
        .iter()
        .filter(|l| l.stream == Stream::Stderr)
        .collect();
    assert_eq!(err.len(), 1);
    assert!(err[0].bytes.starts_with(b"lswpar: 0960-419"));
    assert!(
        lines
            .iter()
            .any(|l| l.stream == Stream::Stdout && l.bytes == b"to stdout")
    );
}

#[test]
fn non_utf8_bytes_and_missing_newline_are_kept_exactly() {
    let (_d, s) = as_lswpar("binary");
    let (lines, _) = collect(&s, &Invocation::new(Program::Lswpar, Vec::<String>::new()));
    let out: Vec<_> = lines
        .iter()
        .filter(|l| l.stream == Stream::Stdout)
        .collect();
    assert_eq!(out[0].bytes, b"caf\xe9 \xff\xfe");
    assert_eq!(out[1].bytes, b"no newline at end");
    assert!(!out[1].eol);
    let err: Vec<_> = lines
        .iter()
        .filter(|l| l.stream == Stream::Stderr)
        .collect();
    assert_eq!(err[0].bytes, b"dos line\r");
}

#[test]
fn the_c_locale_reaches_the_child() {
    let (_d, s) = as_lswpar("locale");
    let (lines, _) = collect(&s, &Invocation::new(Program::Lswpar, Vec::<String>::new()));
    assert_eq!(lines[0].bytes, b"LANG=C LC_ALL=C LC_MESSAGES=C");
}

#[test]
fn a_signal_is_reported_by_name() {
    let (_d, s) = as_lswpar("killed");
    let (lines, t) = collect(&s, &Invocation::new(Program::Lswpar, Vec::<String>::new()));
    assert_eq!(t, Termination::Signaled("SIGTERM".into()));
    assert_eq!(lines[0].bytes, b"about to be killed");
}

#[test]
fn a_timeout_kills_the_process_group() {
    let (_d, s) = as_lswpar("sleeper");
    let start = Instant::now();
    let inv =
        Invocation::new(Program::Lswpar, Vec::<String>::new()).timeout(Duration::from_millis(500));
    let (lines, t) = collect(&s, &inv);
    assert_eq!(t, Termination::TimedOut);
    assert_eq!(lines[0].bytes, b"sleeping");
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_missing_program_is_not_aix_exit_20() {
    let d = tempfile::tempdir().unwrap();
    let s = System::new(vec![d.path().to_path_buf()]);
    let e = s
        .run(
            &Invocation::new(Program::Lswpar, ["-cG"]),
            &mut |_: &OutputLine| {},
        )
        .unwrap_err();
    assert!(matches!(e, ExecError::NotFound { .. }));
    let r = wparup(&["--bin-dir", d.path().to_str().unwrap(), "list"]);
    assert_eq!(r.code, 20, "{r:?}");
    assert!(
        r.stderr.contains(&format!("{}/lswpar", d.path().display())),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("not an AIX global environment"));
}

#[test]
fn record_then_replay_is_byte_exact() {
    let (_d, s) = as_lswpar("binary");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.txt");
    let inv = Invocation::new(Program::Lswpar, ["-cG", "a b"]);
    let recorded = {
        let rec = Recording::new(&s, vec![RecordFile::new(&file, &[("host", "test".into())])]);
        let r = collect(&rec, &inv);
        rec.finish().unwrap();
        r
    };
    let rep = Replay::load(&file, false).unwrap();
    let replayed = collect(&rep, &inv);
    rep.finish().unwrap();
    assert_eq!(recorded, replayed);
    // And a second recording of the replay is the same file.
    let file2 = dir.path().join("t2.txt");
    let rep = Replay::load(&file, false).unwrap();
    let rec = Recording::new(
        &rep,
        vec![RecordFile::new(&file2, &[("host", "test".into())])],
    );
    collect(&rec, &inv);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&file2).unwrap()
    );
}

#[test]
fn replay_mismatch_names_expected_actual_and_line() {
    let r = replay("start-ok", &["start", "other"]);
    assert_eq!(r.code, 21, "{r:?}");
    assert!(
        r.stderr.contains("fixtures/scenarios/start-ok.txt:6"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("lswpar -cG other"));
    assert!(r.stderr.contains("lswpar -cG wp_name"));
}

#[test]
fn replay_leftover_steps_are_reported_unless_lenient() {
    let r = replay("stop-then-start", &["list", "wp_name"]);
    assert_eq!(r.code, 21, "{r:?}");
    assert!(r.stderr.contains("unused step"), "{}", r.stderr);
    let r = replay("stop-then-start", &["--replay-lenient", "list", "wp_name"]);
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn replay_exhausted_and_garbled_transcripts_exit_21() {
    let r = replay("start-already-active", &["stop", "wp_name"]);
    assert_eq!(r.code, 21, "{r:?}");
    assert!(r.stderr.contains("exhausted"), "{}", r.stderr);
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("unknown.txt", "# lswpar -cG\n#! exit: zero\n"),
        ("directive.txt", "# lswpar -cG\n#! bogus: 1\n"),
        ("quote.txt", "# lswpar 'unterminated\n"),
        ("escape.txt", "# lswpar -cG\n#~|\\q\n"),
        ("preamble.txt", "output without command\n# lswpar -cG\n"),
    ] {
        let f = dir.path().join(name);
        std::fs::write(&f, body).unwrap();
        let r = wparup(&["--replay", f.to_str().unwrap(), "list"]);
        assert_eq!(r.code, 21, "{name}: {r:?}");
        assert!(
            r.stderr.contains(&format!("{name}:")),
            "{name}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"));
    }
    let r = wparup(&[
        "--replay",
        dir.path().join("preamble.txt").to_str().unwrap(),
        "list",
    ]);
    assert!(
        r.stderr.contains("preamble.txt:1:"),
        "the first output line is named: {}",
        r.stderr
    );
    let r = wparup(&["--replay", "/nonexistent/t.txt", "list"]);
    assert_eq!(r.code, 21);
}

#[test]
fn binary_transcript_garbage_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("garbage.txt");
    std::fs::write(&f, b"\xff\xfe# \x00\n#! \xff\n").unwrap();
    let r = wparup(&["--replay", f.to_str().unwrap(), "list"]);
    assert_eq!(r.code, 21, "{r:?}");
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.stderr.contains("garbage.txt:"), "{}", r.stderr);
}

#[test]
fn a_consumer_slower_than_the_grace_period_still_gets_every_line() {
    let (_d, s) = as_lswpar("both-burst");
    let mut out = 0;
    let mut err = 0;
    let t = s
        .run(
            &Invocation::new(Program::Lswpar, Vec::<String>::new()),
            &mut |l: &OutputLine| {
                // 1 ms per 10 lines: about a second in all, twice the grace period, most of
                // it after the child has exited.
                if (out + err) % 10 == 0 {
                    std::thread::sleep(Duration::from_millis(1));
                }
                match l.stream {
                    Stream::Stdout => out += 1,
                    Stream::Stderr => err += 1,
                }
            },
        )
        .unwrap();
    assert_eq!(t, Termination::Exited(0));
    assert_eq!((out, err), (5000, 5000));
}

#[test]
fn the_child_gets_a_scrubbed_environment() {
    let d = tempfile::tempdir().unwrap();
    install(d.path(), "fake-exec", "env-dump", "lswpar");
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("rec.txt");
    // The environment a poisoned caller (or a sloppy sudo) would pass on.
    let mut c = super::util::command(&[
        "--bin-dir",
        d.path().to_str().unwrap(),
        "--record",
        rec.to_str().unwrap(),
        "--json",
        "list",
    ]);
    c.env("LIBPATH", "/evil")
        .env("LD_LIBRARY_PATH", "/evil")
        .env("ENV", "/evil/kshrc")
        .env("NLSPATH", "/evil/%N")
        .env("LANGUAGE", "de")
        .env("LC_CTYPE", "de_DE.UTF-8")
        .env("PATH", "/poison:/usr/bin:/bin")
        .env("TZ", "Europe/Paris");
    let _ = super::util::run_cmd(c);
    // The recorded step holds what the child printed: its environment.
    let seen = std::fs::read_to_string(&rec).unwrap();
    assert!(
        seen.contains("\nPATH=/usr/bin:/etc:/usr/sbin:/usr/ucb:/sbin\n"),
        "{seen}"
    );
    assert!(
        seen.contains("\nLANG=C\n") && seen.contains("\nLC_ALL=C\n"),
        "{seen}"
    );
    assert!(seen.contains("\nTZ=Europe/Paris\n"), "kept: {seen}");
    for gone in [
        "LIBPATH=",
        "LD_LIBRARY_PATH=",
        "ENV=",
        "NLSPATH=",
        "LANGUAGE=",
        "LC_CTYPE=",
        "poison",
    ] {
        assert!(!seen.contains(gone), "{gone} reached the child: {seen}");
    }
}

#[test]
fn spawn_failures_say_what_is_wrong_with_which_command() {
    let d = tempfile::tempdir().unwrap();
    let bin = d.path();
    let s = System::new(vec![bin.to_path_buf()]);
    // A script whose interpreter is missing.
    super::util::write_script(&bin.join("lswpar"), "#!/nonexistent/ksh\necho hi\n");
    let e = s
        .run(
            &Invocation::new(Program::Lswpar, ["-cG"]),
            &mut |_: &OutputLine| {},
        )
        .unwrap_err();
    assert!(e.to_string().contains("first line (`#!`)"), "{e}");
    // A missing command other than lswpar does not claim "not AIX".
    let e = s
        .run(
            &Invocation::new(Program::Oslevel, ["-s"]),
            &mut |_: &OutputLine| {},
        )
        .unwrap_err();
    assert!(e.to_string().contains("`oslevel` not found"), "{e}");
    assert!(
        !e.to_string().contains("not an AIX global environment"),
        "{e}"
    );
}
