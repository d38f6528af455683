//! The README and the fixtures keep their promises.

use wparup::Exit;

fn readme() -> String {
    std::fs::read_to_string(super::util::root().join("README.md")).unwrap()
}

#[test]
fn readme_exit_table_matches_the_enum() {
    let text = readme();
    let rows: Vec<(u8, String)> = text
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let code = cells.get(1)?.parse::<u8>().ok()?;
            let name = cells.get(2)?.trim_matches('`').to_string();
            Some((code, name))
        })
        .collect();
    let want: Vec<(u8, String)> = Exit::ALL
        .iter()
        .map(|e| (e.code(), e.name().to_string()))
        .collect();
    assert_eq!(
        rows, want,
        "README exit-code table must list exactly Exit::ALL (code | `name` | meaning)"
    );
}

#[test]
fn readme_top_commands_and_ci_agree() {
    let text = readme();
    let first: Vec<&str> = text.lines().take(12).collect();
    let first = first.join("\n");
    assert!(
        first.contains("cargo run --release -- replay fixtures/scenarios/upgrade-seed-evening.txt")
    );
    assert!(first.contains("bash tests/all.sh"));
    let ci = std::fs::read_to_string(super::util::root().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l == "bash tests/all.sh"),
        ".ci/run runs the README's test command"
    );
    let all = std::fs::read_to_string(super::util::root().join("tests/all.sh")).unwrap();
    assert!(all.lines().any(|l| l == "cargo test --locked"));
    assert!(all.lines().any(|l| l == "bash ansible/test.sh"));
    assert!(ci.contains("cargo fmt --check"));
    assert!(ci.contains("cargo clippy --locked --all-targets -- -D warnings"));
    assert!(
        ci.find("cargo fmt --check") < ci.find("cargo clippy"),
        "formatting is checked first"
    );
    assert!(ci.contains("cargo doc --no-deps"));
}

#[test]
fn every_fixture_says_where_it_comes_from() {
    let root = super::util::root().join("fixtures");
    let mut n = 0;
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() || dir.ends_with("media") {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let text = std::fs::read_to_string(&f).unwrap();
            assert!(
                text.starts_with("#! wparup-transcript: 1\n"),
                "{}",
                f.display()
            );
            assert!(
                text.contains("\n#! source: "),
                "{} lacks `#! source:`",
                f.display()
            );
            assert!(
                text.contains("\n#! synthetic: "),
                "{} lacks `#! synthetic:`",
                f.display()
            );
            n += 1;
        }
    }
    assert!(n > 30);
}

#[test]
fn committed_json_schema_is_up_to_date() {
    let committed =
        std::fs::read_to_string(super::util::root().join("schema/wparup.schema.json")).unwrap();
    let now = wparup::testing::schema::json_schema_text();
    assert!(
        committed == now,
        "schema/wparup.schema.json is stale: run `cargo run -q -- schema > schema/wparup.schema.json` and commit it"
    );
}

/// Advice is a typed value, worded once in the hint catalog (src/hints.rs).
#[test]
fn advice_is_typed_and_worded_only_in_the_hint_catalog() {
    let mut offenders = Vec::new();
    let src = super::util::root().join("src");
    let mut stack = vec![src.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.ends_with("hints.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // Wordings that belong to a Hint.
            for needle in [
                "`inutoc {",
                "--convert -d <",
                "--keep-versioned` (",
                "copy the update images",
                "run it: `wparup",
                "then run again",
                "hints: vec![format!",
                "next.push(format!",
            ] {
                if text.contains(needle) {
                    offenders.push(format!("{}: {needle}", p.display()));
                }
            }
            // Advice is held as `Hint` values; only the JSON form (envelope.rs) holds text.
            if !p.ends_with("envelope.rs") {
                for (i, l) in text.lines().enumerate() {
                    let t = l.trim();
                    if t.starts_with("pub hints: Vec<String>")
                        || t.starts_with("hints: Vec<String>")
                        || t.starts_with("pub next: Vec<String>")
                        || t.contains("let mut hints: Vec<String>")
                    {
                        offenders.push(format!("{}:{}: {t}", p.display(), i + 1));
                    }
                }
            }
        }
    }
    // The catalog has no free-text variant: every hint is named and worded there.
    let catalog = std::fs::read_to_string(src.join("hints.rs")).unwrap();
    let start = catalog.find("pub enum Hint {").unwrap();
    let end = start + catalog[start..].find("\n}\n").unwrap();
    for l in catalog[start..end].lines().skip(1) {
        let t = l.trim();
        if t.chars().next().is_some_and(char::is_uppercase) && t.contains('(') {
            offenders.push(format!("src/hints.rs: free-text variant `{t}`"));
        }
    }
    // Every variant is worded (the wording is split over three matches with a fallback arm,
    // so the compiler cannot tell).
    let wording = &catalog[catalog.find("impl Hint {").unwrap()..];
    for l in catalog[start..end].lines().skip(1) {
        let t = l.trim();
        if l.starts_with("    ")
            && !l.starts_with("     ")
            && t.chars().next().is_some_and(char::is_uppercase)
        {
            let name: String = t.chars().take_while(|c| c.is_alphanumeric()).collect();
            let arm = format!("Hint::{name} ");
            let unit = format!("Hint::{name} =>");
            if !wording.contains(&arm) && !wording.contains(&unit) {
                offenders.push(format!("src/hints.rs: `{name}` has no wording"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "advice must be a crate::hints::Hint: {offenders:#?}"
    );
}
