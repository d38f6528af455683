//! The steps verbs share: each a function of the AIX, the WPAR and its options that runs (or
//! plans) one piece of an operation and returns a typed outcome or an [`crate::error::Error`]
//! with its advice. Verbs compose them; a step never calls a verb, and no verb calls another.
//!
//! - [`backup`]: savewpar before a change, lssavewpar to read the image back;
//! - [`lifecycle`]: start, stop, reboot one WPAR and check the state it reaches;
//! - [`decide`]: what a WPAR needs, from its level and the global's;
//! - [`media`]: the media directory's warnings and the missing-fileset prediction;
//! - [`sync`]: syncwpar's refusals, arguments, media phase and run;
//! - [`migrate`]: migwpar's plan and run.
//! - [`probe`]: a stopped WPAR read in maintenance mode (`startwpar -m`), then stopped again;
//! - [`restore`]: a WPAR brought back from a savewpar image (guards, rmwpar, restwpar);
//! - [`verify`]: `lppchk -v` inside a running WPAR.

pub(crate) mod backup;
pub(crate) mod decide;
pub(crate) mod lifecycle;
pub(crate) mod media;
pub(crate) mod migrate;
pub(crate) mod probe;
pub(crate) mod restore;
pub(crate) mod sync;
pub(crate) mod verify;
