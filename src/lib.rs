//! safecarry: take school files home safely.
//!
//! The library holds all the logic; `main.rs` only parses the command line, calls
//! [`commands::run`] and turns the result into an exit code. Module map:
//!
//! - [`cli`]: the command line as typed (clap definitions).
//! - [`commands`]: one module per command, gluing the pieces together.
//! - [`collect`]: walking inputs into a plan (what to seal, what was left out).
//! - [`tarball`]: the tar layer: portable entries out, safety checks in.
//! - [`seal`] / [`open`]: the streaming seal and open pipelines (tar + age).
//! - [`hashing`]: SHA-256 on a helper thread for large inputs.
//! - [`output`]: creating files safely: temp file, fsync, read-back check, no-clobber rename.
//! - [`passphrase`]: reading, judging (zxcvbn) and generating passphrases.
//! - [`policy`]: the IT policy file.
//! - [`ledger`]: the tamper-evident transfer ledger (entries, store, syslog, reports).
//! - [`destinations`]: removable drives and export folders.
//! - [`platform`]: operating-system specifics.
//! - [`plain`]: numbers and sizes as people write them.
//! - [`ui`], [`progress`]: the only code that talks to the terminal.
//! - [`interrupt`]: Ctrl-C handling.
//! - [`error`]: user-facing errors and the exit-code contract.
//! - `fuzzing`: entry points for the fuzz targets in `fuzz/` and their regression test.

pub mod cli;
pub mod collect;
pub mod commands;
pub mod destinations;
pub mod detect;
pub mod error;
pub mod extract;
#[doc(hidden)]
pub mod fuzzing;
pub mod hashing;
pub mod interrupt;
pub mod ledger;
pub mod open;
pub mod output;
pub mod passphrase;
pub mod plain;
pub mod platform;
pub mod policy;
pub mod progress;
pub mod roster;
pub mod scan;
pub mod seal;
pub mod tarball;
pub mod ui;
