//! `wparup replay --check LOG…|DIR… [--junit FILE] [--accept] [--jobs N]`: production logs as
//! a regression suite. Each log is replayed in a process of its own (its own locks, signals
//! and state: nothing shared, nothing read from this machine but the log), `--jobs` at a time,
//! and the outcome wparup concludes today ([`crate::report::outcome`]) is compared with the one
//! the log recorded at the time (`#! outcome:` lines). `--junit` writes the comparison as JUnit
//! XML, the format CI systems show; `--accept` records today's reading in the logs whose reading
//! changed, so an improvement in classification is one reviewed diff.
//!
//! (`wparup replay LOG` without `--check` is answered by the session: it runs the log's own
//! command line against it.)

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use crate::cli::ReplayArgs;
use crate::error::Error;
use crate::exit::Exit;
use crate::hints::Hint;
use crate::report::{CheckResult, CheckRow, ChecksReport, Report};

/// The longest line read while looking for a log's recorded outcome.
const MAX_LINE: u64 = 64 * 1024;

/// `wparup replay --check`.
pub fn check(a: &ReplayArgs) -> Result<Report, Error> {
    let logs = gather(&a.files)?;
    let exe = std::env::current_exe().map_err(|e| {
        Error::environment(
            format!("cannot find wparup's own executable to replay the logs with: {e}"),
            [Hint::ReportBug],
        )
    })?;
    let next = AtomicUsize::new(0);
    let rows: Vec<Mutex<Option<CheckRow>>> = logs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..usize::from(a.jobs).clamp(1, logs.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(log) = logs.get(i) else { break };
                    if crate::exec::system::interrupted() {
                        break;
                    }
                    let row = check_one(&exe, log);
                    if let Some(slot) = rows.get(i) {
                        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(row);
                    }
                }
            });
        }
    });
    let mut checks = Vec::with_capacity(logs.len());
    for slot in rows {
        match slot.into_inner().unwrap_or_else(PoisonError::into_inner) {
            Some(r) => checks.push(r),
            None => return Err(Error::Interrupted),
        }
    }
    let mut accepted = 0;
    if a.accept {
        for c in checks
            .iter()
            .filter(|c| matches!(c.result, CheckResult::Changed | CheckResult::Unrecorded))
        {
            accept(Path::new(&c.log), &c.now).map_err(|e| {
                Error::environment(
                    format!("cannot record the new outcome in `{}`: {e}", c.log),
                    [Hint::WritableRecord],
                )
            })?;
            accepted += 1;
        }
    }
    let junit = match &a.junit {
        Some(path) => {
            write_junit(path, &checks).map_err(|e| {
                Error::environment(
                    format!("cannot write the JUnit report `{}`: {e}", path.display()),
                    [Hint::WritableRecord],
                )
            })?;
            Some(path.display().to_string())
        }
        None => None,
    };
    let bad = checks
        .iter()
        .filter(|c| c.result != CheckResult::Same)
        .count();
    let exit = if bad == 0 || (a.accept && checks.iter().all(|c| c.result != CheckResult::Failed)) {
        Exit::Ok
    } else {
        Exit::Failed
    };
    Ok(Report::Checks(ChecksReport {
        checks,
        junit,
        accepted,
        exit,
    }))
}

/// The logs named: files as given, directories searched (recursively) for `*.txt` and `*.log`,
/// sorted by path. Nothing found is a usage error naming the input.
fn gather(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut logs = Vec::new();
    for p in inputs {
        let meta = std::fs::metadata(p).map_err(|e| {
            Error::usage(
                format!("`{}` cannot be read: {e}", p.display()),
                [Hint::Help {
                    command: Some("replay".into()),
                }],
            )
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found).map_err(|e| {
                Error::usage(
                    format!("`{}` cannot be searched: {e}", p.display()),
                    [Hint::Help {
                        command: Some("replay".into()),
                    }],
                )
            })?;
            found.sort();
            logs.extend(found);
        } else {
            logs.push(p.clone());
        }
    }
    if logs.is_empty() {
        return Err(Error::usage(
            "no log to check: the directories given hold no `*.txt` or `*.log` file",
            [Hint::Help {
                command: Some("replay".into()),
            }],
        ));
    }
    Ok(logs)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let t = e.file_type()?;
        let p = e.path();
        if t.is_dir() {
            walk(&p, out)?;
        } else if t.is_file() && p.extension().is_some_and(|x| x == "txt" || x == "log") {
            out.push(p);
        }
    }
    Ok(())
}

/// The `#! outcome:` lines a log recorded, read line by line within bounds.
fn recorded(log: &Path) -> std::io::Result<Vec<String>> {
    let mut r = std::io::BufReader::new(std::fs::File::open(log)?);
    let mut out = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        let got = (&mut r).take(MAX_LINE).read_until(b'\n', &mut line)?;
        if got == 0 {
            break;
        }
        if line.last() != Some(&b'\n') && got as u64 == MAX_LINE {
            // The rest of an over-long line (an output line, never an outcome): skip it.
            let mut rest = Vec::new();
            r.read_until(b'\n', &mut rest)?;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        if let Some(v) = text.trim_end().strip_prefix("#! outcome:") {
            out.push(v.trim().to_string());
        }
    }
    Ok(out)
}

/// Replays one log in a process of its own and compares.
fn check_one(exe: &Path, log: &Path) -> CheckRow {
    let started = Instant::now();
    let shown = log.display().to_string();
    let row = |result, difference: Option<String>, recorded, now| CheckRow {
        log: shown.clone(),
        result,
        difference,
        recorded,
        now,
        seconds: (started.elapsed().as_secs_f64() * 100.0).round() / 100.0,
    };
    let was = match recorded(log) {
        Ok(v) => v,
        Err(e) => {
            return row(
                CheckResult::Failed,
                Some(format!("cannot read it: {e}")),
                Vec::new(),
                Vec::new(),
            );
        }
    };
    let mut c = std::process::Command::new(exe);
    c.arg("--print-outcome").arg("replay").arg(log);
    for v in [
        "WPARUP_REPLAY",
        "WPARUP_RECORD",
        "WPARUP_BIN_DIR",
        "WPARUP_LOG_DIR",
        "WPARUP_LOCK_DIR",
        "WPARUP_LOG",
        "RUST_LOG",
    ] {
        c.env_remove(v);
    }
    c.stdin(std::process::Stdio::null());
    let out = match c.output() {
        Ok(o) => o,
        Err(e) => {
            return row(
                CheckResult::Failed,
                Some(format!("cannot run the replay: {e}")),
                was,
                Vec::new(),
            );
        }
    };
    let now: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    // A log that no longer replays (the transcript does not match what wparup runs today, or
    // is unreadable) says why: the replay's first error line.
    if out.status.code() == Some(i32::from(Exit::Transcript.code())) {
        let why = String::from_utf8_lossy(&out.stderr)
            .lines()
            .find(|l| l.starts_with("error:"))
            .map(|l| l.trim_start_matches("error:").trim().to_string())
            .unwrap_or_else(|| "the replay failed (exit 21)".into());
        return row(CheckResult::Failed, Some(why), was, now);
    }
    if was.is_empty() {
        return row(
            CheckResult::Unrecorded,
            Some("no recorded outcome (`#! outcome:`): written by an older wparup, or cut; --accept records today's".into()),
            was,
            now,
        );
    }
    if was == now {
        return row(CheckResult::Same, None, was, now);
    }
    let first = was
        .iter()
        .zip(&now)
        .find(|(a, b)| a != b)
        .map(|(a, b)| format!("recorded `{a}`, now `{b}`"))
        .unwrap_or_else(|| format!("recorded {} outcome line(s), now {}", was.len(), now.len()));
    row(CheckResult::Changed, Some(first), was, now)
}

/// Rewrites `log` with `lines` as its recorded outcome: every other line kept byte for byte,
/// the old `#! outcome:` lines dropped, the file replaced in one rename (never half written).
fn accept(log: &Path, lines: &[String]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let dir = log.parent().unwrap_or(Path::new("."));
    let name = log
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.accept.{}", std::process::id()));
    let mode = std::fs::metadata(log).map(|m| {
        use std::os::unix::fs::PermissionsExt;
        m.permissions().mode() & 0o777
    })?;
    let mut out = std::io::BufWriter::new(
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&tmp)?,
    );
    let mut r = std::io::BufReader::new(std::fs::File::open(log)?);
    let mut line = Vec::new();
    let mut last_had_newline = true;
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if line.starts_with(b"#! outcome:") {
            continue;
        }
        last_had_newline = line.last() == Some(&b'\n');
        out.write_all(&line)?;
    }
    if !last_had_newline {
        out.write_all(b"\n")?;
    }
    for l in lines {
        writeln!(out, "#! outcome: {l}")?;
    }
    out.flush()?;
    drop(out);
    std::fs::rename(&tmp, log)
}

/// `&`, `<`, `>`, `"` and `'` as entities; control characters other than TAB and newline
/// (which XML 1.0 cannot hold at all) as `\xHH`.
fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\t' | '\n' => o.push(c),
            c if c.is_control() => o.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => o.push(c),
        }
    }
    o
}

/// The JUnit XML report: one `<testsuite>`, one `<testcase>` per log, a changed reading as a
/// `<failure>` (its message the first difference, its text both outcomes), a log that could not
/// be replayed or has no recorded outcome as an `<error>`. (Written by hand: the format is a few
/// elements, and no JUnit crate was worth a dependency that must also build on AIX.)
fn write_junit(path: &Path, checks: &[CheckRow]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let failures = checks
        .iter()
        .filter(|c| c.result == CheckResult::Changed)
        .count();
    let errors = checks
        .iter()
        .filter(|c| matches!(c.result, CheckResult::Failed | CheckResult::Unrecorded))
        .count();
    let time: f64 = checks.iter().map(|c| c.seconds).sum();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    x.push_str(&format!(
        "  <testsuite name=\"wparup replay --check\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" time=\"{time:.2}\">\n",
        checks.len()
    ));
    for c in checks {
        x.push_str(&format!(
            "    <testcase classname=\"wparup.replay\" name=\"{}\" time=\"{:.2}\"",
            xml(&c.log),
            c.seconds
        ));
        let body = format!(
            "recorded:\n{}\nnow:\n{}",
            c.recorded.join("\n"),
            c.now.join("\n")
        );
        let msg = xml(c.difference.as_deref().unwrap_or(""));
        match c.result {
            CheckResult::Same => x.push_str("/>\n"),
            CheckResult::Changed => x.push_str(&format!(
                ">\n      <failure message=\"{msg}\" type=\"changed\">{}</failure>\n    </testcase>\n",
                xml(&body)
            )),
            CheckResult::Unrecorded | CheckResult::Failed => x.push_str(&format!(
                ">\n      <error message=\"{msg}\" type=\"{}\">{}</error>\n    </testcase>\n",
                if c.result == CheckResult::Failed {
                    "failed"
                } else {
                    "unrecorded"
                },
                xml(&body)
            )),
        }
    }
    x.push_str("  </testsuite>\n</testsuites>\n");
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o644)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    f.write_all(x.as_bytes())?;
    f.flush()
}
