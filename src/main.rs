//! The `wparup` binary: parse the command line, set up logging, run, map to an exit code.
#![allow(clippy::print_stderr)]

use std::process::ExitCode;

use clap::Parser;
use wparup::cli::Cli;
use wparup::{Error, Exit};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(Exit::Usage.code()));
        }
    };
    init_tracing(cli.verbose);
    match real_main(&cli) {
        Ok(exit) => exit.into(),
        Err(e) => {
            let (name, _) = wparup::commands::describe(&cli.command);
            match e.downcast_ref::<Error>() {
                Some(err) => {
                    wparup::render::print_error(err, cli.json, name);
                    err.exit().into()
                }
                None => {
                    eprintln!("error: {e:#}");
                    Exit::Failed.into()
                }
            }
        }
    }
}

fn real_main(cli: &Cli) -> anyhow::Result<Exit> {
    Ok(wparup::run(cli)?)
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
