//! wparup's integration tests: one binary, one module per concern.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

mod architecture;
mod cli;
mod contract;
mod demo;
mod exec;
mod lock;
mod logs;
mod memory;
mod packaging;
mod parse;
mod robust;
mod scenarios;
mod signals;
mod stories;
mod stream;
mod terminal;
mod tidy;
mod util;
