//! The command line itself: hostile names, help, completions, man page, the README demo.

use super::util::{FakeAix, replay, wparup};

#[test]
fn hostile_names_are_refused_before_anything_runs() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    let long = "a".repeat(26);
    for name in ["-A", "-v", long.as_str(), "0abc", "a;b", "../x", ""] {
        for sub in ["start", "stop", "sync", "migrate", "reboot", "upgrade"] {
            let r = f.run(&[sub, "--", name]);
            assert_eq!(r.code, 2, "{sub} {name:?}: {r:?}");
            // A replay with no steps would fail with 21 if anything ran.
            let r = replay("empty", &[sub, "--", name]);
            assert_eq!(r.code, 2, "{sub} {name:?}: {r:?}");
        }
        let r = f.run(&["start", name]);
        assert_eq!(r.code, 2, "without --: {name:?}: {r:?}");
    }
    assert_eq!(f.calls(), "", "no AIX command ran");
}

#[test]
fn every_subcommand_help_shows_a_real_example() {
    for sub in [
        "list",
        "start",
        "stop",
        "reboot",
        "migrate",
        "sync",
        "status",
        "check-media",
        "upgrade",
        "parse",
        "completions",
        "man",
    ] {
        let r = wparup(&[sub, "--help"]);
        assert_eq!(r.code, 0, "{sub}");
        assert!(
            r.stdout.contains("Examples:\n  wparup ") || r.stdout.contains("Examples:\n  syncwpar"),
            "{sub}: {}",
            r.stdout
        );
    }
    let r = wparup(&["--help"]);
    assert!(
        r.stdout.contains("130  interrupted"),
        "exit codes in --help"
    );
}

#[test]
fn completions_and_man_page() {
    let r = wparup(&["completions", "bash"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("wparup"));
    let r = wparup(&["man"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains(".TH wparup"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
    assert!(
        r.stdout.contains(".SH \"EXIT STATUS\""),
        "exit codes under their own heading"
    );
    assert!(!r.stdout.contains("EXTRA"));
    let r = wparup(&["man", "sync"]);
    assert!(r.stdout.contains("wparup\\-sync"), "{}", r.stdout);
    assert!(
        r.stdout.contains("\\-\\-expand"),
        "its options are on its page"
    );
    assert!(r.stdout.contains(".SH EXAMPLES"));
    let d = tempfile::tempdir().unwrap();
    let r = wparup(&["man", "--dir", d.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:?}");
    for page in [
        "wparup.1",
        "wparup-sync.1",
        "wparup-upgrade.1",
        "wparup-logs.1",
    ] {
        assert!(d.path().join(page).exists(), "{page}");
    }
}

#[test]
fn readme_demo_command_runs() {
    // `cargo run --release -- replay fixtures/scenarios/upgrade-seed-evening.txt` (README, first
    // lines): the whole seed evening, from its own recorded command line.
    let r = wparup(&["replay", "fixtures/scenarios/upgrade-seed-evening.txt"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("wparup upgrade wp_name: done"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("replay: fixtures/scenarios/upgrade-seed-evening.txt")
    );
    let r = wparup(&["--replay", "fixtures/demo/list.txt", "list"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("old52"));
    assert!(r.stdout.contains("transitional"));
    let v = wparup(&["--json", "--replay", "fixtures/demo/list.txt", "list"]).json();
    let w = &v["wpars"][0];
    for k in [
        "name",
        "state",
        "state_code",
        "type",
        "type_code",
        "hostname",
        "directory",
        "private_usr",
        "rootvg",
    ] {
        assert!(w.get(k).is_some(), "{k}");
    }
    assert_eq!(w["state"], "active");
    assert_eq!(w["state_code"], "A");
    let v = wparup(&[
        "--json",
        "--replay",
        "fixtures/demo/list.txt",
        "list",
        "--state",
        "t",
    ])
    .json();
    assert_eq!(v["wpars"].as_array().unwrap().len(), 1);
    let v = wparup(&[
        "--json",
        "--replay",
        "fixtures/demo/list.txt",
        "list",
        "--type",
        "application",
    ])
    .json();
    assert_eq!(v["wpars"][0]["name"], "app01");
}

#[test]
fn json_error_document_when_nothing_could_run() {
    let d = tempfile::tempdir().unwrap();
    let r = wparup(&[
        "--json",
        "--bin-dir",
        d.path().to_str().unwrap(),
        "start",
        "wp_name",
    ]);
    assert_eq!(r.code, 20);
    let v = r.json();
    assert_eq!(v["error"]["kind"], "not_aix");
    assert_eq!(v["exit_code"], 20);
}

#[test]
fn escape_sequences_in_a_log_never_reach_the_terminal() {
    let d = tempfile::tempdir().unwrap();
    let esc = d.path().join("esc.log");
    std::fs::write(
        &esc,
        b"syncwpar: 0960-264 Error \x1b]0;PWNED\x07\x1b[2J\x1b[31mred\n",
    )
    .unwrap();
    let lsw = d.path().join("esc-lswpar.log");
    std::fs::write(&lsw, b"#name:state:type\nevil\x1b[31mX:A:S\n").unwrap();
    for (family, file) in [("auto", &esc), ("lswpar", &lsw)] {
        let r = wparup(&["parse", family, file.to_str().unwrap()]);
        assert!(!r.stdout.contains('\x1b'), "{family}: {:?}", r.stdout);
        assert!(!r.stdout.contains('\x07'), "{family}: {:?}", r.stdout);
        assert!(r.stdout.contains("\\x1b"), "shown escaped: {:?}", r.stdout);
    }
}

#[test]
fn an_empty_setting_in_the_environment_means_unset() {
    let mut c = super::util::command(&["--replay", "fixtures/demo/list.txt", "list"]);
    c.env("WPARUP_BIN_DIR", "");
    let r = super::util::run_cmd(c);
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn each_verbosity_level_adds_detail() {
    let run = |v: &str| wparup(&[v, "replay", "fixtures/scenarios/start-0960-667.txt"]).stderr;
    let (one, two, three) = (run("-v"), run("-vv"), run("-vvv"));
    assert!(one.contains("INFO") && !one.contains("DEBUG"), "{one}");
    assert!(two.contains("DEBUG") && !two.contains("TRACE"), "{two}");
    assert!(
        three.contains("TRACE") && three.contains("0960-667"),
        "{three}"
    );
}

#[test]
fn meaningless_combinations_are_refused() {
    for args in [
        &["--replay-lenient", "list"][..],
        &["start", "wp_name", "--keep-going"],
        &["-q", "-v", "list"],
        &["--record", "x.txt", "parse", "auto", "/dev/null"],
        &["--replay", "x.txt", "man"],
        // --jobs reads ahead only for a preview of every WPAR; a real run reads each WPAR
        // just before it changes it.
        &["upgrade", "wp_name", "--preview", "--jobs", "4"],
        &["upgrade", "--all", "--jobs", "4"],
        &["check-media", "--all", "wp_name", "-d", "/tmp"],
    ] {
        let r = wparup(args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stderr.contains("error:"), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn subcommand_help_puts_its_own_options_first() {
    let r = wparup(&["sync", "--help"]);
    let own = r.stdout.find("--expand").unwrap();
    let global = r.stdout.find("Global options:").unwrap();
    assert!(own < global, "{}", r.stdout);
    assert!(
        !r.stdout.contains("--record"),
        "run options belong before the subcommand"
    );
    let r = wparup(&["parse", "--help"]);
    assert!(!r.stdout.contains("--replay"), "{}", r.stdout);
    let mut c = super::util::command(&["sync", "--help"]);
    c.env("COLUMNS", "50");
    let r = super::util::run_cmd(c);
    for l in r.stdout.lines() {
        assert!(
            l.chars().count() <= 50 || !l.contains(' '),
            "wrapped to 50: {l:?}"
        );
    }
}

/// Every help text, pinned: `wparup --help` and each subcommand's, at a fixed width of 100
/// columns. A change to an option, its wording or an example shows up as a snapshot diff.
#[test]
fn every_help_text_is_pinned() {
    use clap::CommandFactory;
    let mut names = vec![String::new()];
    names.extend(
        wparup::cli::Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .filter(|n| n != "help"),
    );
    assert!(names.len() > 10, "{names:?}");
    for name in names {
        let mut args: Vec<&str> = Vec::new();
        if !name.is_empty() {
            args.push(&name);
        }
        args.push("--help");
        let mut c = super::util::command(&args);
        // The help shows the settings' values: none, so the text is the same on every machine.
        c.env("COLUMNS", "100")
            .env_remove("WPARUP_LOG_DIR")
            .env_remove("WPARUP_LOCK_DIR");
        let r = super::util::run_cmd(c);
        assert_eq!(r.code, 0, "{r}");
        let snap = if name.is_empty() {
            "help".to_string()
        } else {
            format!("help-{name}")
        };
        insta::assert_snapshot!(snap, r.stdout);
    }
}

/// A log filter that does not parse is said on stderr (the admin asked for diagnostics), and
/// the run goes on at the default level with its own outcome.
#[test]
fn a_bad_log_filter_is_said_and_the_run_goes_on() {
    let mut c = super::util::command(&["replay", "fixtures/scenarios/upgrade-seed-evening.txt"]);
    c.env("WPARUP_LOG", "wparup=nonsense[");
    let r = super::util::run_cmd(c);
    assert_eq!(r.code, 0, "{r}");
    assert!(
        r.stderr
            .starts_with("wparup: warning: WPARUP_LOG=`wparup=nonsense[` is not a log filter"),
        "{r}"
    );
}

/// `--json` with a subcommand that prints its own document (man, completions, schema) gets the
/// envelope, with a usage error, never a roff page or a script on stdout (J2, J3).
#[test]
fn json_with_a_document_of_its_own_is_an_envelope() {
    for args in [
        &["--json", "schema"][..],
        &["--json", "man"],
        &["--json", "completions", "bash"],
    ] {
        let r = wparup(args);
        assert_eq!(r.code, 2, "{args:?}: {r}");
        assert_eq!(r.json()["exit_name"], "usage");
    }
}

/// The run's directories on a local subcommand are accepted and ignored, so an alias with
/// `--bin-dir` works for every subcommand (newcomer review).
#[test]
fn an_alias_with_run_directories_works_for_local_subcommands() {
    for args in [
        &["--bin-dir", "/tmp", "man", "sync"][..],
        &[
            "--bin-dir",
            "/tmp",
            "--lock-dir",
            "/tmp",
            "parse",
            "auto",
            "fixtures/startwpar/0960-667-os-level-not-supported.txt",
        ],
        &["--bin-dir", "/tmp", "schema"],
    ] {
        let r = wparup(args);
        assert!(r.code == 0 || r.code == 10, "{args:?}: {r}");
    }
}

/// The README's sample output is the tool's real output (newcomer review): the replay it names,
/// with the fixture's path shown as the README's.
#[test]
fn the_readme_sample_output_is_real() {
    let readme = std::fs::read_to_string(super::util::root().join("README.md")).unwrap();
    let start = "$ wparup upgrade wp_name -d /path/to/7100-00-03\n";
    let at = readme.find(start).unwrap() + start.len();
    let shown = &readme[at..at + readme[at..].find("```").unwrap()];
    let r = wparup(&[
        "--replay",
        "fixtures/scenarios/upgrade-media-missing.txt",
        "upgrade",
        "wp_name",
        "-d",
        "fixtures/media/7100-00-03-incomplete",
    ]);
    assert_eq!(r.code, 11, "{r}");
    let real: String = r
        .stdout
        .replace(
            "fixtures/media/7100-00-03-incomplete",
            "/path/to/7100-00-03",
        )
        .lines()
        .filter(|l| !l.starts_with("replay: "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(shown, real);
}

/// A run option after the subcommand is told where it goes (not clap's `-- --replay` tip), and
/// a usage error in JSON names the missing argument; `status` of a name that does not exist
/// does not say "no WPARs on this system" (newcomer review).
#[test]
fn command_line_mistakes_are_told_right() {
    let r = wparup(&["status", "nosuch", "--replay", "x.txt"]);
    assert_eq!(r.code, 2, "{r}");
    assert!(r.stderr.contains("goes before the subcommand"), "{r}");
    assert!(!r.stderr.contains("-- --replay"), "{r}");
    let r = wparup(&["--json", "start"]);
    assert_eq!(r.code, 2, "{r}");
    let msg = r.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(msg.contains("<NAME>"), "{msg}");
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.txt");
    std::fs::write(
        &t,
        format!(
            "{}# lswpar -cG kitchenwpar\n#2|lswpar: 0960-419 Could not find a workload partition called kitchenwpar.\n#! exit: 1\n",
            super::util::OSLEVEL_STEP
        ),
    )
    .unwrap();
    let r = wparup(&["--replay", t.to_str().unwrap(), "status", "kitchenwpar"]);
    assert_eq!(r.code, 3, "{r}");
    assert!(!r.stdout.contains("no WPARs on this system"), "{r}");
}

/// A 40-column terminal (newcomer review F-21, F-22): `list` and `status` fit it (one block per
/// WPAR when the columns cannot), and a wrapped description in `--help` goes on under the
/// description, not back at the left margin.
#[test]
fn a_forty_column_terminal_gets_tables_and_help_that_fit() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", true);
    f.wpar("a_name_of_twenty_chars", "D", false);
    for args in [&["list"][..], &["status"][..]] {
        let mut c = f.command(args);
        c.env("COLUMNS", "40");
        let r = super::util::run_cmd(c);
        assert_eq!(r.code, 0, "{r:?}");
        for l in r.stdout.lines() {
            assert!(l.chars().count() <= 40, "{args:?}: {l:?} in\n{}", r.stdout);
        }
        assert!(
            r.stdout.contains("\nwp_name\n  state: active,"),
            "{}",
            r.stdout
        );
        assert!(
            r.stdout.contains("a_name_of_twenty_chars\n"),
            "{}",
            r.stdout
        );
    }
    // Wide enough: one row per WPAR, the name column as wide as the longest name.
    let mut c = f.command(&["list"]);
    c.env("COLUMNS", "120");
    let r = super::util::run_cmd(c);
    let rows: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(rows.len(), 3, "{}", r.stdout);
    assert!(
        rows[0].starts_with("NAME                   STATE"),
        "{rows:?}"
    );

    let mut c = super::util::command(&["--help"]);
    c.env("COLUMNS", "40");
    let r = super::util::run_cmd(c);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("  check-media  "))
        .unwrap();
    assert!(
        lines[i + 1].starts_with("               ") && !lines[i + 1].trim().is_empty(),
        "the description goes on under itself: {:?}",
        &lines[i..i + 3]
    );
    for l in &lines {
        assert!(l.chars().count() <= 40 || !l.trim().contains(' '), "{l:?}");
    }
}

/// Completion offers the WPAR names lswpar lists at the moment of the TAB, where a subcommand
/// takes a WPAR (and after `--exclude`), not after an option that takes a value; ksh, which has
/// no programmable completion, is told so with what to use instead (newcomer review 3.5, 3.6).
#[test]
fn bash_completion_offers_the_wpar_names_and_ksh_is_answered() {
    let f = FakeAix::new();
    f.wpar("wp_name", "A", false);
    f.wpar("web01", "D", true);
    let script = f.run(&["completions", "bash"]);
    assert_eq!(script.code, 0, "{script:?}");
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &script.stdout).unwrap();
    let exe = std::path::Path::new(env!("CARGO_BIN_EXE_wparup"));
    let path = format!(
        "{}:{}",
        exe.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let cwd = tempfile::tempdir().unwrap();
    let complete = |line: &str| -> String {
        let out = std::process::Command::new("bash")
            .args([
                "-c",
                r#"source "$0"; COMP_WORDS=($1); [[ "$1" == *" " ]] && COMP_WORDS+=("");
                   COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE="$1"; COMP_POINT=${#1}
                   _wparup_wpars wparup "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                   printf '%s\n' "${COMPREPLY[@]}""#,
            ])
            .arg(file.path())
            .arg(line)
            .env("PATH", &path)
            .env("WPARUP_BIN_DIR", f.bin.path())
            .current_dir(cwd.path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(complete("wparup start w"), "web01\nwp_name");
    assert_eq!(complete("wparup --json status "), "web01\nwp_name");
    assert_eq!(complete("wparup upgrade --all --exclude web"), "web01");
    assert_eq!(complete("wparup start --keep-g"), "--keep-going");
    assert!(!complete("wparup sync -d w").contains("wp_name"));
    assert!(!complete("wparup replay w").contains("wp_name"));

    let zsh = f.run(&["completions", "zsh"]).stdout;
    assert!(zsh.contains("_wparup_wpars() {"), "{zsh}");
    assert!(zsh.contains("The WPARs, one after another in the order given:_wparup_wpars'"));
    let fish = f.run(&["completions", "fish"]).stdout;
    assert!(fish.contains("(wparup list --names 2>/dev/null)"), "{fish}");

    let ksh = f.run(&["completions", "ksh"]);
    assert_eq!(ksh.code, 2, "{ksh:?}");
    assert!(
        ksh.stderr.contains("ksh has no programmable completion"),
        "{ksh:?}"
    );
    assert!(ksh.stderr.contains("wparup list --names"), "{ksh:?}");

    let names = f.run(&["list", "--names", "--state", "active"]);
    assert_eq!(names.stdout, "wp_name\n");
}
