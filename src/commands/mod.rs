//! One module per command: each turns parsed arguments into calls on the library and
//! prints the result. They hold no file-format or crypto logic of their own.

pub mod check;
pub mod destinations;
pub mod ledger;
pub mod open;
pub mod passphrase;
pub mod policy;
pub mod roster;
pub mod scan;
pub mod seal;

use crate::cli::{Cli, Command, RosterCommand};
use crate::detect::Detector;
use crate::error::{Exit, Result};
use crate::policy::Policy;

/// Runs the parsed command line and returns the exit status.
pub fn run(cli: Cli) -> Result<Exit> {
    match cli.command {
        Some(Command::Seal(args)) => seal::run(
            &args.paths,
            &args.target,
            args.generate_passphrase,
            &cli.common,
            false,
        ),
        Some(Command::Open(args)) => open::run(&args, &cli.common),
        Some(Command::Scan(args)) => scan::run(&args.paths, &cli.common),
        Some(Command::Check(args)) => check::run(&args.dir, args.seal, &cli.common),
        Some(Command::Destinations) => destinations::run(&cli.common),
        Some(Command::Policy) => policy::run(&cli.common),
        Some(Command::Roster(RosterCommand::Import { file })) => roster::import(&file, &cli.common),
        Some(Command::Roster(RosterCommand::Status)) => roster::status(&cli.common),
        Some(Command::Ledger(cmd)) => ledger::run(&cmd, &cli.common),
        None => seal::run(&cli.paths, &Default::default(), false, &cli.common, true),
    }
}

/// Prints a JSON value as one line on standard output.
pub fn print_json(value: &serde_json::Value) {
    println!("{value}");
}

/// The detector for this policy, with the school's roster when one has been imported.
pub fn detector(policy: &Policy) -> Result<Detector> {
    let d = Detector::new(policy)?;
    Ok(match crate::roster::Roster::load(&roster::path(policy))? {
        Some(r) => d.with_known_names(Box::new(r)),
        None => d,
    })
}
