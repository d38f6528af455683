//! placeholder to check dependencies
pub use anyhow;
pub use clap;
pub use clap_complete;
pub use clap_mangen;
pub use duct;
pub use libc;
pub use memchr;
pub use os_pipe;
pub use serde_json;
pub use signal_hook;
pub use tracing_subscriber;
