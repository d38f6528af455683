//! The house's floors hold (docs/architecture.md): every room (a top-level module of `src/`)
//! imports only from its own floor or below, the rooms form no import circle, no verb imports
//! another verb, a step never calls a verb, and no function outside the tests is longer than
//! [`MAX_FN_LINES`]. Read from the `crate::` paths of the source (comments and `#[cfg(test)]`
//! modules left out), so anyone can check it with `cargo test --test it architecture`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floors, lowest first: a room may use rooms of its own floor or a lower one.
const FLOORS: &[&[&str]] = &[
    // 0: vocabulary: domain types, exit codes, the programs wparup may run, libc, output lines,
    //    shell quoting.
    &["model", "exit", "program", "sys", "output", "shell"],
    // 1: pure readers of bytes: the parsers, the transcript format.
    &["parse", "transcript"],
    // 2: the executor seam, and the judgement of a parsed run.
    &["exec", "classify"],
    // 3: errors, the advice catalog, the terminal.
    &["error", "hints", "render"],
    // 4: the local system and the command line: paths, locks, media directories, logs, clap.
    &[
        "paths",
        "lock",
        "media",
        "logs",
        "cli",
        "manpages",
        "completions",
    ],
    // 5: what a run reports (types, envelope, text, error documents) and its schema.
    &["report", "schema"],
    // 6: the AIX a run talks to.
    &["aix"],
    // 7: the loop over WPARs and the steps verbs share.
    &["each_wpar", "steps"],
    // 8: the verbs.
    &["commands"],
    // 9: one run: open, dispatch, close.
    &["session"],
];

/// The longest function allowed outside the tests, in lines (signature to closing brace).
const MAX_FN_LINES: usize = 120;

fn src() -> PathBuf {
    super::util::root().join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The room of a file: `src/aix.rs` → `aix`, `src/parse/op/mod.rs` → `parse`.
fn room(file: &Path) -> String {
    let rel = file.strip_prefix(src()).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The lines of a file that are code: comments and the `#[cfg(test)]` module left out.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push((i + 1, l));
    }
    out
}

/// `crate::x` paths on a line (also inside `use crate::{a, b}` groups).
fn crate_refs(line: &str) -> Vec<String> {
    let mut refs = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + 7..];
        if after.starts_with('{') {
            let group = &after[1..after.find('}').unwrap_or(after.len())];
            for part in group.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    refs.push(name);
                }
            }
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                refs.push(name);
            }
        }
        rest = after;
    }
    refs
}

fn floor_of(room: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&room))
}

/// Every room's imports: room → (room it uses → first `file:line` that shows it).
fn graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.sort();
    let mut g: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for f in files {
        let r = room(&f);
        if r == "lib" || r == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let edges = g.entry(r.clone()).or_default();
        for (n, l) in code_lines(&text) {
            for to in crate_refs(l) {
                if to != r && floor_of(&to).is_some() {
                    edges
                        .entry(to)
                        .or_insert_with(|| format!("{}:{n}", f.display()));
                }
            }
        }
    }
    g
}

#[test]
fn every_room_has_a_floor() {
    let g = graph();
    let lost: Vec<&String> = g.keys().filter(|r| floor_of(r).is_none()).collect();
    assert!(
        lost.is_empty(),
        "rooms with no floor in tests/it/architecture.rs FLOORS and docs/architecture.md: {lost:?}"
    );
    // And every room named in FLOORS exists.
    for r in FLOORS.iter().flat_map(|f| f.iter()) {
        assert!(
            g.contains_key(*r),
            "FLOORS names `{r}`, which is not in src/"
        );
    }
}

#[test]
fn nothing_imports_from_a_floor_above_it() {
    let mut up = Vec::new();
    for (from, edges) in graph() {
        let Some(f) = floor_of(&from) else { continue };
        for (to, at) in edges {
            if floor_of(&to).is_some_and(|t| t > f) {
                up.push(format!("{from} (floor {f}) -> {to} at {at}"));
            }
        }
    }
    assert!(
        up.is_empty(),
        "imports that climb a floor:\n{}",
        up.join("\n")
    );
}

#[test]
fn the_rooms_form_no_import_circle() {
    let g = graph();
    // Depth-first search with colours; a grey node met again closes a circle.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeMap<String, String>>,
        grey: &mut Vec<String>,
        black: &mut BTreeSet<String>,
        circles: &mut Vec<String>,
    ) {
        if black.contains(n) {
            return;
        }
        if let Some(i) = grey.iter().position(|x| x == n) {
            let mut c = grey[i..].to_vec();
            c.push(n.to_string());
            circles.push(c.join(" -> "));
            return;
        }
        grey.push(n.to_string());
        for to in g.get(n).into_iter().flat_map(|e| e.keys()) {
            visit(to, g, grey, black, circles);
        }
        grey.pop();
        black.insert(n.to_string());
    }
    let mut circles = Vec::new();
    let mut black = BTreeSet::new();
    for n in g.keys() {
        visit(n, &g, &mut Vec::new(), &mut black, &mut circles);
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn commands_holds_only_verbs_and_no_verb_imports_another() {
    let dir = src().join("commands");
    let mut bad = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            p.is_file(),
            "src/commands/ holds verb files only: {}",
            p.display()
        );
        if name == "mod.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        for (n, l) in code_lines(&text) {
            if l.contains("super::") || l.contains("crate::commands") {
                bad.push(format!("{}:{n}: {}", p.display(), l.trim()));
            }
        }
    }
    // Every verb file is a subcommand of the command line.
    let help = super::util::wparup(&["--help"]).stdout;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let stem = p.file_stem().unwrap().to_string_lossy().replace('_', "-");
        if stem != "mod" {
            assert!(
                help.contains(&format!("  {stem} ")),
                "src/commands/{stem}.rs is not a subcommand in `wparup --help`"
            );
        }
    }
    let mut steps = Vec::new();
    rust_files(&src().join("steps"), &mut steps);
    for p in steps {
        let text = std::fs::read_to_string(&p).unwrap();
        for (n, l) in code_lines(&text) {
            if l.contains("crate::commands") {
                bad.push(format!("{}:{n}: {}", p.display(), l.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "a verb imports another verb (or a step a verb):\n{}",
        bad.join("\n")
    );
}

/// Functions outside the tests: (file:line, name, lines). rustfmt puts a function's closing
/// brace alone on a line at the indentation of its `fn`.
fn functions() -> Vec<(String, String, usize)> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let end_of_code = lines
            .iter()
            .position(|l| l.trim_start().starts_with("#[cfg(test)]"))
            .unwrap_or(lines.len());
        for (i, l) in lines.iter().enumerate().take(end_of_code) {
            let t = l.trim_start();
            let indent = l.len() - t.len();
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "pub(super) fn ",
                "const fn ",
            ]
            .iter()
            .any(|p| t.starts_with(p));
            if !is_fn || t.ends_with(';') {
                continue;
            }
            let name: String = t[t.find("fn ").unwrap() + 3..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let close = format!("{}}}", " ".repeat(indent));
            if let Some(end) = lines[i..].iter().position(|x| *x == close) {
                out.push((format!("{}:{}", f.display(), i + 1), name, end + 1));
            }
        }
    }
    out
}

#[test]
fn no_function_outside_the_tests_is_longer_than_the_limit() {
    let all = functions();
    assert!(
        all.len() > 300,
        "the scan found only {} functions",
        all.len()
    );
    let long: Vec<String> = all
        .iter()
        .filter(|(_, _, n)| *n > MAX_FN_LINES)
        .map(|(at, name, n)| format!("{at} {name}: {n} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines (split them along their seams):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_scans_see_what_they_claim() {
    // The reference reader finds grouped and inline paths, and skips nothing else.
    assert_eq!(
        crate_refs("use crate::{aix::Aix, report::Report}; let x = crate::media::scan(d);"),
        ["aix", "report", "media"]
    );
    // The function scan measures a known function of its own crate.
    assert!(
        functions()
            .iter()
            .any(|(at, name, n)| at.contains("session.rs") && name == "run" && *n > 5)
    );
}

#[test]
fn no_test_file_is_forgotten_and_every_verb_has_its_own() {
    let dir = super::util::root().join("tests/it");
    let main = std::fs::read_to_string(dir.join("main.rs")).unwrap();
    let declared: BTreeSet<String> = main
        .lines()
        .filter_map(|l| l.strip_prefix("mod ")?.strip_suffix(';'))
        .map(str::to_string)
        .collect();
    let mut files = BTreeSet::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "rs") {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            if stem != "main" {
                files.insert(stem);
            }
        }
    }
    let forgotten: Vec<&String> = files.difference(&declared).collect();
    assert!(
        forgotten.is_empty(),
        "tests/it files not declared in main.rs (never compiled, never run): {forgotten:?}"
    );
    for e in std::fs::read_dir(src().join("commands")).unwrap() {
        let stem = e
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        if stem != "mod" {
            assert!(
                files.contains(&stem),
                "the verb `{stem}` has no test file tests/it/{stem}.rs"
            );
        }
    }
}
