//! The terminal: the only module that asks questions or prints to the user.
//!
//! Rules (after Go age's `tui.go`): results go to standard output; messages, questions and
//! progress go to standard error; passphrases are read from the terminal itself with echo
//! off and are never printed except a generated one, shown once on the terminal.

use std::io::{self, BufRead, IsTerminal, Write};

use age::secrecy::SecretString;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Can we ask the user questions? (Standard input and standard error are terminals.)
pub fn interactive() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// Should messages use colour? Only on terminals, and never when `NO_COLOR` is set.
pub fn colour() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn paint(code: &str, s: &str) -> String {
    if colour() {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// Prints an error in the standard two-line form.
pub fn print_error(e: &Error) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "safecarry: {} {}", paint("1;31", "error:"), e.message);
    if let Some(h) = &e.hint {
        let _ = writeln!(err, "safecarry: {} {}", paint("1;33", "hint:"), h);
    }
}

/// A line of information on standard error.
pub fn say(msg: &str) {
    eprintln!("{msg}");
}

/// A warning line on standard error.
pub fn warn(msg: &str) {
    eprintln!("safecarry: {} {msg}", paint("1;33", "warning:"));
}

/// Asks for a passphrase on the terminal, without echo.
pub fn ask_secret(prompt: &str) -> Result<SecretString> {
    match rpassword::prompt_password(prompt) {
        Ok(s) => {
            let s = Zeroizing::new(s);
            Ok(SecretString::from(s.as_str()))
        }
        Err(e) => Err(no_input(&e)),
    }
}

fn no_input(e: &io::Error) -> Error {
    if e.kind() == io::ErrorKind::Interrupted {
        // Ctrl-C interrupted the read before the Ctrl-C handler could end the program:
        // the same outcome, said the same way.
        crate::platform::restore_terminal();
        return Error::failure("stopped. Nothing was written.");
    }
    if e.kind() == io::ErrorKind::UnexpectedEof {
        Error::failure("no passphrase was typed (input ended), so nothing was written")
    } else {
        Error::failure(format!(
            "could not ask for a passphrase: there is no terminal to type it in ({})",
            crate::error::describe_io(e).0
        ))
        .hint("run safecarry in a terminal window, or use --passphrase-file FILE")
    }
}

/// Asks a question and returns the trimmed answer line.
pub fn ask_line(prompt: &str) -> Result<String> {
    eprint!("{prompt}");
    let _ = io::stderr().flush();
    let mut line = String::new();
    let n = io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| no_input(&e))?;
    if n == 0 {
        return Err(Error::failure(
            "no answer was typed (input ended), so nothing was done",
        ));
    }
    Ok(line.trim().to_string())
}

/// Asks a yes/no question; anything but y/yes is no.
pub fn confirm(prompt: &str) -> Result<bool> {
    let a = ask_line(&format!("{prompt} [y/N] "))?;
    Ok(matches!(a.to_ascii_lowercase().as_str(), "y" | "yes"))
}

/// Shows a generated passphrase once, on the terminal only (standard error).
pub fn show_generated(words: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err);
    let _ = writeln!(err, "  Your new passphrase is:");
    let _ = writeln!(err);
    let _ = writeln!(err, "      {}", paint("1", words));
    let _ = writeln!(err);
    let _ = writeln!(
        err,
        "  Write it down now and keep it apart from the memory stick (not in the same bag)."
    );
    let _ = writeln!(
        err,
        "  It is shown only this once, and nobody can recover it for you."
    );
    let _ = writeln!(err);
}

/// Clears the screen lines holding a generated passphrase, where the terminal allows.
pub fn forget_screen() {
    if io::stderr().is_terminal() {
        // Clear the screen and scrollback so the passphrase does not linger.
        eprint!("\x1b[2J\x1b[3J\x1b[H");
    }
}

/// Keeps a window opened by a drop open until the user presses Enter.
pub fn wait_for_enter() {
    eprint!("\nPress Enter to close this window.");
    let _ = io::stderr().flush();
    let mut s = String::new();
    let _ = io::stdin().lock().read_line(&mut s);
}
