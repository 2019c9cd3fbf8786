//! Ctrl-C handling.
//!
//! While safecarry is only asking questions, Ctrl-C stops it at once (after putting the
//! terminal back, since a passphrase prompt turns echo off): nothing has been written yet.
//! While it is writing, Ctrl-C raises a flag that the copy loops check between blocks, so
//! the operation unwinds normally and removes its temporary file or staging folder.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static STOP: AtomicBool = AtomicBool::new(false);
static WRITING: AtomicUsize = AtomicUsize::new(0);

/// Installs the handler. Safe to call more than once (later calls do nothing).
pub fn install() {
    crate::platform::save_terminal();
    let _ = ctrlc::set_handler(|| {
        if WRITING.load(Ordering::SeqCst) > 0 {
            STOP.store(true, Ordering::SeqCst);
        } else {
            crate::platform::restore_terminal();
            eprintln!("\nsafecarry: stopped. Nothing was written.");
            std::process::exit(crate::error::Exit::Failure.code());
        }
    });
}

/// Marks a stretch of work that leaves files to clean up; Ctrl-C during it is deferred
/// to the next [`check`].
pub struct Writing(());

impl Writing {
    pub fn begin() -> Self {
        WRITING.fetch_add(1, Ordering::SeqCst);
        Writing(())
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Fails once Ctrl-C has been pressed.
///
/// The error deliberately does not use `ErrorKind::Interrupted`: std's `write_all`,
/// `read_exact` and `io::copy` retry on that kind, which would spin forever.
pub fn check() -> io::Result<()> {
    if STOP.load(Ordering::SeqCst) {
        Err(io::Error::other(Stopped))
    } else {
        Ok(())
    }
}

/// The error [`check`] returns.
#[derive(Debug)]
pub struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stopped by Ctrl-C")
    }
}

impl std::error::Error for Stopped {}

/// True if the error is our Ctrl-C error.
pub fn was_interrupted() -> bool {
    STOP.load(Ordering::SeqCst)
}
