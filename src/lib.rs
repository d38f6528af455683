//! wparup: bring AIX workload partitions (WPARs) to the global system's level after a migration
//! or update, with typed results, stable exit codes and JSON.
//!
//! Layout: [`cli`] (clap definitions) → [`commands`] (one module per subcommand, returning typed
//! reports) → [`render`] (the only writer of results). AIX commands run only through
//! [`exec::Executor`]; their output is read only by [`parse`]; [`classify`] turns a parsed result
//! into an [`exit::Exit`]. Domain types live in [`model`].
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]
// The docs are built with `--document-private-items` (.ci/run): links to internal modules
// resolve there, and they are the map a contributor needs.
#![allow(rustdoc::private_intra_doc_links)]

pub(crate) mod aix;
pub mod classify;
pub mod cli;
pub mod commands;
pub(crate) mod each_wpar;
pub mod error;
pub mod exec;
pub mod exit;
pub(crate) mod hints;
pub(crate) mod lock;
pub mod logs;
pub(crate) mod manpages;
pub(crate) mod media;
pub mod model;
pub mod output;
pub mod parse;
pub(crate) mod paths;
pub mod program;
pub(crate) mod render;
pub mod report;
pub mod schema;
pub mod session;
pub mod shell;
pub(crate) mod steps;
pub(crate) mod sys;
pub mod transcript;

pub use error::Error;
pub use exit::Exit;
pub use session::run;
