//! One wparup at a time per WPAR: a POSIX `fcntl` write lock on `<lock dir>/<wpar>.lock`,
//! opened read-write and held for the whole run. The kernel drops it when the process dies, even
//! by SIGKILL, so a crash never leaves a stale lock. On conflict, `F_GETLK` names the holder.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::sys::{self, LockAttempt};

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct WparLock {
    _file: File,
    path: PathBuf,
}

impl WparLock {
    /// Takes the lock for `wpar` in `dir` without waiting.
    pub fn acquire(dir: &Path, wpar: &str) -> Result<WparLock, Error> {
        let path = dir.join(format!("{wpar}.lock"));
        let io = |source| Error::LockIo {
            wpar: wpar.to_string(),
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match sys::try_write_lock(&file).map_err(io)? {
            LockAttempt::Acquired => {
                // For humans reading the file; the lock itself is the truth.
                file.set_len(0).map_err(io)?;
                writeln!(file, "{}", std::process::id()).map_err(io)?;
                Ok(WparLock { _file: file, path })
            }
            LockAttempt::Held(pid) => Err(Error::Locked {
                wpar: wpar.to_string(),
                pid,
                path,
            }),
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
