//! wparup: bring AIX workload partitions (WPARs) to the global system's level after a migration
//! or update, with typed results, stable exit codes and JSON.
//!
//! Layout: [`cli`] (clap definitions) → [`commands`] (one module per subcommand, returning typed
//! reports) → [`render`] (the only writer of results). AIX commands run only through
//! [`exec::Executor`]; their output is read only by [`parse`]; [`classify`] turns a parsed result
//! into an [`exit::Exit`]. Domain types live in [`model`].
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod classify;
pub mod cli;
pub mod commands;
pub mod envelope;
pub mod error;
pub mod exec;
pub mod exit;
pub mod hints;
pub mod lock;
pub mod media;
pub mod model;
pub mod parse;
pub mod paths;
pub mod program;
pub mod render;
pub mod schema;
pub mod sys;
pub mod transcript;

pub use commands::run;
pub use error::Error;
pub use exit::Exit;
