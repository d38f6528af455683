//! The `wparup` binary: parse the command line, set up logging, run, map to an exit code.
#![allow(clippy::print_stderr)]

use std::process::ExitCode;

use std::ffi::OsString;

fn main() -> ExitCode {
    drop_empty_settings();
    let argv: Vec<OsString> = std::env::args_os().collect();
    let cli = match wparup::cli::parse(&argv) {
        Ok(c) => c,
        Err(e) => return wparup::command_line_error(&e, &argv).into(),
    };
    init_tracing(cli.verbose);
    wparup::run(&cli, &argv).into()
}

/// `WPARUP_BIN_DIR=` (set but empty) means "not set", as shells and sudo often pass it: clap
/// would otherwise refuse it as a missing value for a flag the user never typed.
#[allow(unsafe_code)]
fn drop_empty_settings() {
    for k in [
        "WPARUP_BIN_DIR",
        "WPARUP_LOG_DIR",
        "WPARUP_LOCK_DIR",
        "WPARUP_REPLAY",
        "WPARUP_RECORD",
    ] {
        if std::env::var_os(k).is_some_and(|v| v.is_empty()) {
            // SAFETY: called first thing in main, before any other thread exists.
            unsafe { std::env::remove_var(k) };
        }
    }
}

/// Logging to stderr: `-v`/`-vv`/`-vvv`, or a filter in `WPARUP_LOG` (then `RUST_LOG`). A
/// filter that does not parse is said on stderr, and the default is used: a typo in a variable
/// must not silence the diagnostics the admin asked for.
fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = match env_filter() {
        Ok(Some(f)) => f,
        Ok(None) => tracing_subscriber::EnvFilter::new(default),
        Err(e) => {
            eprintln!(
                "wparup: warning: {e}: {}; logging at the default level ({default})",
                e.root_cause()
            );
            tracing_subscriber::EnvFilter::new(default)
        }
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .without_time()
        .try_init();
}

/// The filter from `WPARUP_LOG`, else `RUST_LOG`; `None` when neither is set.
fn env_filter() -> anyhow::Result<Option<tracing_subscriber::EnvFilter>> {
    use anyhow::Context as _;
    for var in ["WPARUP_LOG", "RUST_LOG"] {
        let Some(v) = std::env::var_os(var) else {
            continue;
        };
        let text = v
            .to_str()
            .with_context(|| format!("{var} is not valid UTF-8"))?;
        let f = tracing_subscriber::EnvFilter::try_new(text)
            .with_context(|| format!("{var}=`{text}` is not a log filter (e.g. `wparup=debug`)"))?;
        return Ok(Some(f));
    }
    Ok(None)
}
