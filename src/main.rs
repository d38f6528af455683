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

fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("WPARUP_LOG")
        .or_else(|_| tracing_subscriber::EnvFilter::try_from_default_env())
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .without_time()
        .try_init();
}
