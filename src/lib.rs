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
pub(crate) mod classify;
pub mod cli;
pub(crate) mod commands;
pub(crate) mod completions;
pub(crate) mod each_wpar;
pub(crate) mod error;
pub(crate) mod exec;
pub(crate) mod exit;
pub(crate) mod hints;
pub(crate) mod lock;
pub(crate) mod logs;
pub(crate) mod manpages;
pub(crate) mod media;
pub(crate) mod model;
pub(crate) mod output;
pub(crate) mod parse;
pub(crate) mod paths;
pub(crate) mod program;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod schema;
pub(crate) mod session;
pub(crate) mod shell;
pub(crate) mod steps;
pub(crate) mod sys;
pub(crate) mod transcript;

pub use error::Error;
pub use exit::Exit;
pub use session::{command_line_error, run};

/// What the integration tests (`tests/it`) and the benchmarks reach inside the crate, by the
/// modules' own paths. Not an API: everything else is crate-private, so the compiler reports
/// what nothing uses.
#[doc(hidden)]
pub mod testing {
    pub use crate::exit::Exit;

    /// The classification of a parsed run.
    pub mod classify {
        pub use crate::classify::classify;
    }
    /// Domain types.
    pub mod model {
        pub use crate::model::TrailerStatus;
    }
    /// The programs wparup may run.
    pub mod program {
        pub use crate::program::Program;
    }
    /// `wparup parse`'s report.
    pub mod report {
        pub use crate::report::{Parsed, Report};
    }
    /// The JSON Schema of the envelope.
    pub mod schema {
        pub use crate::schema::json_schema_text;
    }
    /// Shell quoting.
    pub mod shell {
        pub use crate::shell::argv_split;
    }

    /// The executor seam and its implementations.
    pub mod exec {
        pub use crate::exec::{
            ExecError, Executor, Invocation, OutputLine, Program, Stream, Termination,
        };
        /// Recording.
        pub mod record {
            pub use crate::exec::record::{RecordFile, Recording};
        }
        /// Replay.
        pub mod replay {
            pub use crate::exec::replay::Replay;
        }
        /// The real executor.
        pub mod system {
            pub use crate::exec::system::System;
        }
    }

    /// The parsers and the line readers.
    pub mod parse {
        pub use crate::parse::{for_each_line, for_each_run, lines};
        /// Which command printed a line.
        pub mod detect {
            pub use crate::parse::detect::from_line;
        }
        /// installp -ld.
        pub mod installp_list {
            pub use crate::parse::installp_list::parse;
        }
        /// lslpp -Lc.
        pub mod lslpp {
            pub use crate::parse::lslpp::parse;
        }
        /// lswpar.
        pub mod lswpar {
            pub use crate::parse::lswpar::LswparParser;
        }
        /// The five WPAR operations.
        pub mod op {
            pub use crate::parse::op::{OpParser, OpResult};
        }
        /// oslevel -s.
        pub mod oslevel {
            pub use crate::parse::oslevel::parse;
        }
    }

    /// `wparup parse`.
    pub mod commands {
        /// Its entry point.
        pub mod parse {
            pub use crate::commands::parse::run;
        }
    }
}
