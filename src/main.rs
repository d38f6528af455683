//! The `wparup` binary: parse the command line, set up logging, run, map to an exit code.
#![allow(clippy::print_stderr)]

use std::process::ExitCode;

use std::ffi::OsString;

use clap::Parser;
use wparup::cli::Cli;

fn main() -> ExitCode {
    let argv: Vec<OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&argv) {
        Ok(c) => c,
        Err(e) => return wparup::commands::session::command_line_error(&e, &argv).into(),
    };
    init_tracing(cli.verbose);
    wparup::run(&cli, &argv).into()
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
