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
        None => {
            mistyped_command(&cli.paths)?;
            seal::run(&cli.paths, &Default::default(), false, &cli.common, true)
        }
    }
}

/// A first word that is no file or folder and is one or two letters from a command's name
/// ("sael", "scna", "opne") is a command typed wrongly, not something to seal.
fn mistyped_command(paths: &[std::path::PathBuf]) -> Result<()> {
    use clap::CommandFactory;
    let Some(first) = paths.first().and_then(|p| p.to_str()) else {
        return Ok(());
    };
    if paths[0].exists() || !first.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(());
    }
    let word = first.to_ascii_lowercase();
    let command = Cli::command();
    let near = command
        .get_subcommands()
        .map(|c| c.get_name())
        .find(|name| edit_distance(&word, name) <= 2 && word.len() >= 3);
    match near {
        Some(name) => Err(crate::error::Error::usage(format!(
            "there is no command \"{first}\", nor a file or folder of that name"
        ))
        .hint(format!(
            "did you mean \"safecarry {name}\"? See safecarry --help"
        ))),
        None => Ok(()),
    }
}

/// The number of single-letter changes (insert, delete, replace, swap two neighbours)
/// that turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_typed_wrongly_are_told_from_things_to_seal() {
        assert_eq!(edit_distance("sael", "seal"), 1);
        assert_eq!(edit_distance("scna", "scan"), 1);
        assert_eq!(edit_distance("opn", "open"), 1);
        assert_eq!(edit_distance("reports", "seal"), 6);
        let err = mistyped_command(&["sael".into()]).unwrap_err();
        assert_eq!(err.exit, Exit::Usage);
        assert!(err.to_string().contains("\"sael\""), "{err}");
        // A real word far from every command is a file to look for (and not found).
        assert!(mistyped_command(&["reports".into()]).is_ok());
        assert!(mistyped_command(&["Year 6 trip".into()]).is_ok());
        assert!(mistyped_command(&["sael.docx".into()]).is_ok());
    }
}
