//! The AIX packaging, checked as far as Linux allows: the build script's syntax, the spec's file
//! list against what the build script stages and the binary generates, and `rpmspec --parse`
//! (an ignored test that needs the tool: `tests/all.sh` runs it when rpmspec is installed, and
//! `.ci/run` installs Debian's `rpm`).

use std::collections::BTreeSet;
use std::process::Command;

use super::util::{root, wparup};

fn spec() -> String {
    std::fs::read_to_string(root().join("packaging/aix/wparup.spec")).unwrap()
}

#[test]
fn build_script_parses() {
    let script = root().join("packaging/aix/build-rpm.sh");
    let st = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(st.success());
    if let Ok(st) = Command::new("ksh").arg("-n").arg(&script).status() {
        assert!(st.success(), "ksh -n");
    }
    let text = std::fs::read_to_string(&script).unwrap();
    for step in [
        "cargo build --release --locked",
        "strip -X64",
        "dump -X64 -H",
        "rpmbuild -bb",
    ] {
        assert!(text.contains(step), "{step}");
    }
}

#[test]
fn spec_sources_are_what_the_script_stages() {
    let s = spec();
    let sources: BTreeSet<String> = s
        .lines()
        .filter(|l| l.starts_with("Source"))
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
        .collect();
    let script = std::fs::read_to_string(root().join("packaging/aix/build-rpm.sh")).unwrap();
    // LICENSE and README.md are copied in one `cp … "$STAGE/SOURCES/"`; the rest by name.
    let copied_together = script.contains("cp LICENSE README.md \"$STAGE/SOURCES/\"");
    for src in &sources {
        let together = copied_together && (src == "LICENSE" || src == "README.md");
        assert!(
            together || script.contains(&format!("SOURCES/{src}")),
            "{src} is not staged by build-rpm.sh"
        );
    }
    assert!(s.contains("Requires:       libunwind"));
    assert!(s.contains("%define _prefix /opt/freeware"));
    // What the script generates with the binary really comes out of it.
    for args in [
        &["man"][..],
        &["completions", "bash"],
        &["completions", "zsh"],
    ] {
        let r = wparup(args);
        assert_eq!(r.code, 0);
        assert!(r.stdout.len() > 200, "{args:?}");
    }
}

#[test]
#[ignore = "needs rpmspec (Debian: `apt-get install rpm`); tests/all.sh runs it whenever rpmspec is installed, and .ci/run installs it"]
fn rpmspec_parses_and_lists_the_expected_files() {
    let out = Command::new("rpmspec")
        .arg("--parse")
        .arg(root().join("packaging/aix/wparup.spec"))
        .output()
        .expect("rpmspec is not installed (Debian: `apt-get install rpm`)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let files: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("%files"))
        .skip(1)
        .take_while(|l| !l.starts_with("%changelog"))
        .filter(|l| !l.trim().is_empty() && !l.starts_with("%defattr"))
        .map(|l| l.trim_start_matches("%doc ").trim())
        .collect();
    assert_eq!(
        files,
        [
            "/opt/freeware/bin/wparup",
            "/opt/freeware/man/man1/wparup*.1",
            "/opt/freeware/share/bash-completion/completions/wparup",
            "/opt/freeware/share/zsh/site-functions/_wparup",
            "/opt/freeware/share/doc/wparup/LICENSE",
            "/opt/freeware/share/doc/wparup/README.md",
        ]
    );
}
