//! The `safecarry` program: parse, run, report, exit.

use clap::Parser;
use safecarry::cli::Cli;
use safecarry::error::Exit;
use safecarry::{commands, interrupt, platform, ui};

const STAFF_USAGE: &str = "\
safecarry keeps pupil and staff information safe when you take work home.

  To take files home:   drag them onto safecarry, or type
                        safecarry seal FILES-OR-FOLDERS --to YOUR-MEMORY-STICK
  To open them at home: safecarry open FILE.age

You choose a strong passphrase; without it, nobody can read the files.
For all the options: safecarry --help";

fn main() {
    // Like other Unix tools, stop quietly when the reader of our output goes away
    // (`safecarry ledger show | head`) instead of panicking on a broken pipe.
    #[cfg(unix)]
    // SAFETY: called first thing, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let code = real_main();
    std::process::exit(code);
}

fn real_main() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let no_shell = platform::started_without_shell() && ui::interactive();
    if args.len() <= 1 {
        println!("{STAFF_USAGE}");
        if no_shell {
            ui::wait_for_enter();
        }
        return Exit::Success.code();
    }
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    let dropped = cli.command.is_none();
    interrupt::install();
    let code = match commands::run(cli) {
        Ok(exit) => exit.code(),
        Err(e) => {
            ui::print_error(&e);
            e.exit.code()
        }
    };
    if dropped && no_shell {
        ui::wait_for_enter();
    }
    code
}

/// Prints clap's message, starting errors with `safecarry: ` like every other error.
fn clap_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                Exit::Usage.code()
            } else {
                Exit::Success.code()
            }
        }
        _ => {
            let text = e.render().to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            eprint!("safecarry: error: {text}");
            Exit::Usage.code()
        }
    }
}
