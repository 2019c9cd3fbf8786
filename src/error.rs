//! Errors and exit codes: the one place that decides what a failure means to the user.
//!
//! Every error carries an exit code from the documented contract, a plain-English message
//! and, where there is one, a hint saying what to do next. `main` prints them as
//! `safecarry: error: …` and `safecarry: hint: …`. No `Debug` dump ever reaches a user.

use std::fmt;
use std::path::Path;

/// The exit codes, identical for every command (documented in the README and `--help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success, or nothing found.
    Success = 0,
    /// Failure: I/O error, damaged input, wrong passphrase, interrupted.
    Failure = 1,
    /// The command line was wrong.
    Usage = 2,
    /// Refused by policy: weak passphrase, destination not allowed, broken policy file.
    Refused = 3,
    /// `scan`/`check` found personal data.
    Found = 4,
}

impl Exit {
    pub fn code(self) -> i32 {
        self as i32
    }
}

/// A user-facing error.
#[derive(Debug)]
pub struct Error {
    pub exit: Exit,
    pub message: String,
    pub hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Error {
            exit,
            message: message.into(),
            hint: None,
        }
    }

    /// A failure (exit 1).
    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(Exit::Failure, message)
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, message)
    }

    /// Refused by policy (exit 3).
    pub fn refused(message: impl Into<String>) -> Self {
        Self::new(Exit::Refused, message)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// An I/O error on a named file, worded for a teacher.
    pub fn io(action: &str, path: &Path, err: &std::io::Error) -> Self {
        let (what, hint) = describe_io(err);
        Error::failure(format!("could not {action} {}: {what}", show(path))).hint(hint)
    }

    /// The standard error for Ctrl-C.
    pub fn interrupted() -> Self {
        Error::failure("stopped before finishing (interrupted). Nothing was left behind.")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Plain-English description of an I/O error and what to do about it.
pub fn describe_io(err: &std::io::Error) -> (String, String) {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => (
            "it does not exist".into(),
            "check the name and where it is, then try again".into(),
        ),
        K::PermissionDenied => (
            "permission was refused".into(),
            "check you are allowed to use this file or folder, or ask IT".into(),
        ),
        K::StorageFull => (
            "the drive is full".into(),
            "free some space on the drive or choose another one, then try again".into(),
        ),
        K::ReadOnlyFilesystem => (
            "the drive is read-only".into(),
            "check the memory stick's lock switch, or choose another drive".into(),
        ),
        K::AlreadyExists => (
            "something with that name is already there".into(),
            "choose another name or folder".into(),
        ),
        K::InvalidFilename => (
            "a name is too long or not allowed on this drive".into(),
            "choose a folder with a shorter path, or shorten the names".into(),
        ),
        K::Interrupted => ("it was interrupted".into(), "run the command again".into()),
        K::UnexpectedEof => (
            "the file ended too early (it looks cut short)".into(),
            "copy the file again from where it came from".into(),
        ),
        _ => match err.raw_os_error() {
            // EIO / ENODEV / ENXIO: the usual signs of a pulled stick.
            Some(5) | Some(19) | Some(6) => (
                "the drive stopped responding (was it unplugged?)".into(),
                "plug the drive back in and try again".into(),
            ),
            _ => (
                sentence(&err.to_string()),
                "check the drive and try again; if it keeps happening, ask IT".into(),
            ),
        },
    }
}

fn sentence(s: &str) -> String {
    // Strip the "(os error N)" suffix: it means nothing to a teacher.
    let s = match s.find(" (os error") {
        Some(i) => &s[..i],
        None => s,
    };
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A path for display: quoted, with control characters escaped so a hostile file name
/// cannot rewrite the terminal.
pub fn show(path: &Path) -> String {
    format!("\"{}\"", escape(&path.to_string_lossy()))
}

/// Escapes control characters in text taken from file names or archive entries.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_control() {
            out.extend(ch.escape_default());
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_the_documented_contract() {
        assert_eq!(Exit::Success.code(), 0);
        assert_eq!(Exit::Failure.code(), 1);
        assert_eq!(Exit::Usage.code(), 2);
        assert_eq!(Exit::Refused.code(), 3);
        assert_eq!(Exit::Found.code(), 4);
    }

    #[test]
    fn control_characters_in_names_are_escaped() {
        assert_eq!(escape("a\u{1b}[2Jb\nc"), "a\\u{1b}[2Jb\\nc");
        assert_eq!(show(Path::new("Zoë's notes.txt")), "\"Zoë's notes.txt\"");
    }

    #[test]
    fn io_errors_drop_os_error_numbers() {
        let e = std::io::Error::from_raw_os_error(28);
        let (what, _) = describe_io(&e);
        assert!(!what.contains("os error"), "{what}");
    }
}
