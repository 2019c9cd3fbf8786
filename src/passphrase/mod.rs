//! Passphrases: where they come from, how strong they are, and how to make a good one.
//!
//! A passphrase lives in a zeroizing secret (`SecretString`) from the moment it is read
//! until it is dropped. It never goes into argv, the environment, logs, the ledger or an
//! error message: nothing in this module formats one.

pub mod generate;
pub mod strength;

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

pub use age::secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::error::{Error, Result, show};

/// Longest passphrase line accepted from a file, in bytes.
pub const MAX_LEN: usize = 1024;

/// A passphrase and how it was obtained.
pub struct Passphrase {
    pub secret: SecretString,
    /// True when safecarry generated it (`--generate-passphrase`).
    pub generated: bool,
}

/// Reads a passphrase from the first line of `path` (`-` = standard input).
///
/// Only the first line counts; a trailing `\n` or `\r\n` is removed. The bytes are held in
/// a zeroizing buffer throughout.
pub fn read_file(path: &Path) -> Result<SecretString> {
    let is_stdin = path.as_os_str() == "-";
    let mut buf = Zeroizing::new(Vec::with_capacity(MAX_LEN + 2));
    let result = if is_stdin {
        read_first_line(io::stdin().lock(), &mut buf)
    } else {
        match File::open(path) {
            Ok(f) => read_first_line(f, &mut buf),
            Err(e) => return Err(Error::io("read the passphrase file", path, &e)),
        }
    };
    let name = if is_stdin {
        "standard input".to_string()
    } else {
        show(path)
    };
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            return Err(Error::usage(format!(
                "the passphrase in {name} is longer than {MAX_LEN} characters"
            ))
            .hint("use a shorter passphrase: six words is plenty"));
        }
        Err(e) => {
            return Err(Error::io("read the passphrase file", path, &e));
        }
    }
    if buf.is_empty() {
        // End of input before any passphrase: like Ctrl-D at the prompt.
        return Err(Error::failure(format!(
            "no passphrase was given ({name} is empty), so nothing was written"
        ))
        .hint("put the passphrase on the first line"));
    }
    match std::str::from_utf8(&buf) {
        Ok(s) => Ok(SecretString::from(s)),
        Err(_) => Err(
            Error::usage(format!("the passphrase in {name} is not readable text"))
                .hint("save the passphrase file as plain text (UTF-8)"),
        ),
    }
}

/// Reads up to the first newline into `out`, which must be a zeroizing buffer.
fn read_first_line(mut r: impl Read, out: &mut Zeroizing<Vec<u8>>) -> io::Result<()> {
    let mut byte = Zeroizing::new([0u8; 1]);
    loop {
        match r.read(&mut byte[..]) {
            Ok(0) => break,
            Ok(_) => {
                if byte[0] == b'\n' {
                    break;
                }
                if out.len() > MAX_LEN {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, "too long"));
                }
                out.push(byte[0]);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    if out.last() == Some(&b'\r') {
        out.pop();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_line(input: &[u8]) -> io::Result<Vec<u8>> {
        let mut buf = Zeroizing::new(Vec::new());
        read_first_line(input, &mut buf)?;
        Ok(buf.to_vec())
    }

    #[test]
    fn only_the_first_line_counts() {
        assert_eq!(first_line(b"one two\nthree\n").unwrap(), b"one two");
        assert_eq!(first_line(b"crlf line\r\nnext").unwrap(), b"crlf line");
        assert_eq!(first_line(b"no newline").unwrap(), b"no newline");
        assert_eq!(first_line(b"").unwrap(), b"");
    }

    #[test]
    fn overlong_lines_are_refused() {
        let long = vec![b'a'; MAX_LEN + 10];
        assert!(first_line(&long).is_err());
        let ok = vec![b'a'; MAX_LEN];
        assert_eq!(first_line(&ok).unwrap().len(), MAX_LEN);
    }
}
