//! Helpers: run the real binary, build directories of fake AIX commands.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a wparup run produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The run as a snapshot shows it: `exit: N`, then stdout and stderr under their headings.
impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// The keys of a document that differ between a live run and its replay: where the log is,
/// what was replayed, how long it took. Redacted (at any depth) so the two compare equal when
/// everything else is.
const VOLATILE: [&str; 4] = ["log", "logs", "replay", "duration_secs"];

/// `v` with the [`VOLATILE`] keys replaced by `"[redacted]"` wherever they appear.
pub fn redacted(mut v: serde_json::Value) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if VOLATILE.contains(&k.as_str()) {
                        *x = serde_json::Value::from("[redacted]");
                    } else {
                        walk(x);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    v
}

impl Run {
    /// The one JSON document on stdout, checked: the envelope's keys first and in order,
    /// `exit_code` equal to the process exit status, and valid against the committed schema.
    pub fn json(&self) -> serde_json::Value {
        let v = check_envelope(&self.stdout, self.code);
        validate(&v);
        v
    }
}

/// The envelope's keys, in this order, at the start of every document.
pub const ENVELOPE_KEYS: [&str; 10] = [
    "schema",
    "command",
    "ok",
    "exit_code",
    "exit_name",
    "changed",
    "error",
    "warnings",
    "replay",
    "log",
];
/// Checks the envelope of one document: its keys first, in order, and `exit_code` = `code`.
pub fn check_envelope(stdout: &str, code: i32) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("not one JSON document ({e}): {stdout}"));
    let mut at = 0;
    for k in ENVELOPE_KEYS {
        let needle = format!("\n  \"{k}\":");
        let pos = stdout[at..]
            .find(&needle)
            .unwrap_or_else(|| panic!("key {k} missing or out of order in {stdout}"));
        at += pos + needle.len();
    }
    assert_eq!(v["schema"], 2);
    assert_eq!(v["exit_code"], code, "exit_code is the process exit status");
    assert_eq!(v["ok"], code == 0);
    assert!(
        v.get("results").is_none(),
        "no top-level `results` (Ansible loop key)"
    );
    if let Some(e) = v["error"].as_object() {
        for k in ["kind", "message", "hints"] {
            assert!(e.contains_key(k), "error lacks {k}");
        }
        assert!(e["hints"].is_array());
    }
    v
}

/// Validates a document against `schema/wparup.schema.json`.
pub fn validate(v: &serde_json::Value) {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("schema/wparup.schema.json")).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    });
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect();
    assert!(
        errors.is_empty(),
        "invalid against the schema: {errors:#?}\n{v:#}"
    );
}

/// A `Command` for the binary with a clean environment (no WPARUP_* from the caller).
/// Asserts that a JSON envelope's `error.message` contains `needle`.
#[track_caller]
pub fn assert_error_mentions(v: &serde_json::Value, needle: &str) {
    let msg = v["error"]["message"].as_str().unwrap_or_default();
    assert!(msg.contains(needle), "error.message lacks {needle:?}: {v}");
}

pub fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_wparup"));
    c.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    for v in [
        "WPARUP_REPLAY",
        "WPARUP_RECORD",
        "WPARUP_BIN_DIR",
        "WPARUP_LOG_DIR",
        "WPARUP_LOCK_DIR",
        "RUST_LOG",
        "WPARUP_LOG",
        "WPARUP_LOG_CAP_MB",
        "WPARUP_READ_TIMEOUT",
        "WPARUP_KILL_GRACE",
        // The caller's terminal must not change a snapshot (`COLUMNS=100 cargo test`).
        "COLUMNS",
        "TERM",
    ] {
        c.env_remove(v);
    }
    // A live run that a test did not point elsewhere keeps its log and locks under target/,
    // never in /var/adm/wparup or /var/locks/wparup (tests run as root in CI).
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    c.env("WPARUP_LOG_DIR", tmp.join("logs"))
        .env("WPARUP_LOCK_DIR", tmp.join("locks"));
    c
}

/// Runs wparup to completion.
pub fn wparup(args: &[&str]) -> Run {
    run_cmd(command(args))
}

pub fn run_cmd(mut c: Command) -> Run {
    let out = c.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Replays a scenario transcript.
pub fn replay(scenario: &str, args: &[&str]) -> Run {
    let file = format!("fixtures/scenarios/{scenario}.txt");
    let mut all = vec!["--replay", file.as_str()];
    all.extend_from_slice(args);
    wparup(&all)
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `tests/<from>/<script>` into `dir` as `<as_name>`, executable.
pub fn install(dir: &Path, from: &str, script: &str, as_name: &str) {
    let src = root().join("tests").join(from).join(script);
    let dst = dir.join(as_name);
    copy_executables(&[src], &dst);
}

/// Copies files and makes them executable, in a child process (`cp`): a file this test process
/// held open for writing could be inherited, for an instant, by a command another test thread
/// forks, and executing it then fails with ETXTBSY ("Text file busy").
pub fn copy_executables(files: &[std::path::PathBuf], to: &Path) {
    let ok = Command::new("cp")
        .args(files)
        .arg(to)
        .status()
        .unwrap()
        .success();
    assert!(ok, "cp {files:?} {}", to.display());
    let targets: Vec<std::path::PathBuf> = if to.is_dir() {
        files
            .iter()
            .map(|f| to.join(f.file_name().unwrap()))
            .collect()
    } else {
        vec![to.to_path_buf()]
    };
    for t in targets {
        std::fs::set_permissions(&t, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// Writes an executable script, in a child process (see [`copy_executables`]).
pub fn write_script(path: &Path, text: &str) {
    use std::io::Write;
    let mut c = Command::new("sh")
        .args(["-c", "cat > \"$1\" && chmod 755 \"$1\"", "sh"])
        .arg(path)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    c.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    assert!(c.wait().unwrap().success(), "writing {}", path.display());
}

/// A demo AIX in temp dirs: the commands of `demo/bin` (the same ones `demo/setup` installs for
/// people), a state dir with no WPAR yet (global level 7100-00-03-1115), log and lock dirs.
pub struct FakeAix {
    pub bin: tempfile::TempDir,
    pub state: tempfile::TempDir,
    pub logs: tempfile::TempDir,
    pub locks: tempfile::TempDir,
}

impl FakeAix {
    pub fn new() -> FakeAix {
        let bin = tempfile::tempdir().unwrap();
        let scripts: Vec<std::path::PathBuf> = std::fs::read_dir(root().join("demo/bin"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        copy_executables(&scripts, bin.path());
        let state = tempfile::tempdir().unwrap();
        // The commands find their state through `<bin>/fake-state`, not the environment:
        // wparup gives the AIX commands a scrubbed environment, as it does on AIX.
        std::fs::write(
            bin.path().join("fake-state"),
            state.path().to_str().unwrap(),
        )
        .unwrap();
        FakeAix {
            bin,
            state,
            logs: tempfile::tempdir().unwrap(),
            locks: tempfile::tempdir().unwrap(),
        }
    }

    /// Sets one of a WPAR's (or the global's) state files: `level`, `filesets`, …
    pub fn set(&self, name: &str, what: &str, value: &str) {
        std::fs::write(
            self.state.path().join(format!("{name}.{what}")),
            format!("{value}\n"),
        )
        .unwrap();
    }

    /// From now on, syncwpar and migwpar of `name` wait (after touching NAME.syncing) until
    /// released.
    pub fn hold(&self, name: &str) {
        std::fs::write(self.state.path().join(format!("{name}.hold")), "").unwrap();
    }

    pub fn release(&self, name: &str) {
        let _ = std::fs::remove_file(self.state.path().join(format!("{name}.hold")));
    }

    pub fn wpar(&self, name: &str, state: &str, private: bool) {
        std::fs::write(
            self.state.path().join(format!("{name}.state")),
            format!("{state}\n"),
        )
        .unwrap();
        std::fs::write(
            self.state.path().join(format!("{name}.private")),
            if private { "yes\n" } else { "no\n" },
        )
        .unwrap();
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = command(args);
        c.env("WPARUP_BIN_DIR", self.bin.path())
            .env("WPARUP_LOG_DIR", self.logs.path())
            .env("WPARUP_LOCK_DIR", self.locks.path());
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_cmd(self.command(args))
    }

    pub fn calls(&self) -> String {
        std::fs::read_to_string(self.state.path().join("calls")).unwrap_or_default()
    }

    pub fn state_of(&self, name: &str) -> String {
        std::fs::read_to_string(self.state.path().join(format!("{name}.state")))
            .unwrap()
            .trim()
            .to_string()
    }

    pub fn wait_for(&self, file: &str) {
        let p = self.state.path().join(file);
        for _ in 0..200 {
            if p.exists() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("{file} never appeared");
    }
}

/// A media directory whose `.toc` (listing `toc`) was built an hour before `images` were put
/// in: the seed's stale table of contents.
pub fn media_with_stale_toc(toc: &str, images: &[&str]) -> tempfile::TempDir {
    use std::time::{Duration, SystemTime};
    let media = tempfile::tempdir().unwrap();
    let path = media.path().join(".toc");
    std::fs::write(&path, toc).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
    for image in images {
        std::fs::write(media.path().join(image), "").unwrap();
    }
    media
}

pub const OP_KEYS: [&str; 5] = ["wpar", "state_before", "state_after", "result", "ran"];
pub const RESULT_KEYS: [&str; 12] = [
    "command",
    "complete",
    "status",
    "messages",
    "missing_filesets",
    "space_shortfalls",
    "environments",
    "installation_summary",
    "fileset_statistics",
    "reboot_required",
    "cycle_detected",
    "synchronized",
];

/// A WPAR operation's document has its keys, and its parsed result the typed fields.
pub fn check_op_doc(v: &serde_json::Value) {
    for k in OP_KEYS {
        assert!(v.get(k).is_some(), "missing key {k} in {v:#}");
    }
    if v["result"].is_object() {
        for k in RESULT_KEYS {
            assert!(v["result"].get(k).is_some(), "result lacks {k}");
        }
    }
}

/// `oslevel -s` of the seed's global (7100-00-03-1115), as a transcript step.
pub const OSLEVEL_STEP: &str = "# oslevel -s\n7100-00-03-1115\n#! exit: 0\n";

/// The maintenance-mode probe of a stopped 6.1 WPAR, refused with 0960-667, as a transcript
/// step (`startwpar -m NAME`).
pub fn probe_refused(name: &str) -> String {
    format!(
        "# startwpar -m {name}\n#2|startwpar: 0960-667 The operating system level within the workload partition is not supported.\n#! exit: 1\n"
    )
}
