//! wparup's integration tests: one binary; one file per verb (start, stop, reboot, migrate,
//! sync, upgrade, backup, verify, status, check_media, list, parse, logs, replay) and one per concern that is
//! not a verb (architecture, cli, contract, demo, exec, lock, memory, packaging, robust,
//! scenarios, signals, stream, terminal, tidy); `util` holds the helpers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

mod architecture;
mod backup;
mod check_media;
mod cli;
mod contract;
mod demo;
mod exec;
mod list;
mod lock;
mod logs;
mod memory;
mod migrate;
mod packaging;
mod parse;
mod reboot;
mod replay;
mod restore;
mod robust;
mod scenarios;
mod signals;
mod start;
mod status;
mod stop;
mod stream;
mod sync;
mod terminal;
mod tidy;
mod upgrade;
mod util;
mod verify;
