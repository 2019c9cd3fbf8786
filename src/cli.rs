//! The command line, as typed: clap definitions only, no work. The same definitions make
//! the man page and shell completions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub const EXIT_CODES: &str = "\
Exit codes (the same for every command):
  0  success, or nothing found
  1  failure: a file could not be read or written, a sealed file is damaged,
     the passphrase is wrong, or the work was interrupted
  2  the command was typed wrongly
  3  refused by policy: weak passphrase, destination not allowed, broken policy file
  4  scan or check found personal data";

#[derive(Debug, Parser)]
#[command(
    name = "safecarry",
    version,
    about = "Take school files home safely: seal them into one passphrase-locked file.",
    long_about = "safecarry seals files and folders into one encrypted .age file that opens only \
with a strong passphrase, so pupil and staff data is safe if a memory stick or laptop is lost. \
Sealed files open with `safecarry open`, or with any age tool (`age -d FILE.age | tar -x`).",
    after_help = "Examples:\n  safecarry \"Year 4 reports\"            seal a folder, choosing a memory stick\n  safecarry seal marks.xlsx --to E:\\       seal a file onto drive E:\n  safecarry open marks.xlsx.age           open it again at home\n\nRun `safecarry help COMMAND` for more.",
    after_long_help = EXIT_CODES,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = false
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or folders to seal (what a drop onto the program gives).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args, Clone, Default)]
pub struct Common {
    /// Print a machine-readable JSON result on standard output.
    #[arg(long, global = true)]
    pub json: bool,

    /// Read the passphrase from the first line of FILE ("-" for standard input).
    #[arg(long, value_name = "FILE", global = true)]
    pub passphrase_file: Option<PathBuf>,

    /// Never ask questions: refuse instead wherever one would be needed.
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,

    /// Do not show progress bars.
    #[arg(long, global = true)]
    pub no_progress: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Seal files and folders into one passphrase-locked .age file.
    #[command(
        after_help = "Examples:\n  safecarry seal \"Year 4\" --to /media/me/STICK\n  safecarry seal marks.xlsx notes.docx -o E:\\work.age\n  safecarry seal report.docx --to E:\\ --generate-passphrase"
    )]
    Seal(SealArgs),

    /// Open a sealed .age file and restore its files.
    #[command(
        after_help = "Examples:\n  safecarry open E:\\marks.xlsx.age\n  safecarry open work.age --to Documents"
    )]
    Open(OpenArgs),

    /// Look for personal data in files and folders, and report it. Writes nothing.
    #[command(
        after_help = "Examples:\n  safecarry scan \"Year 4\"\n  safecarry scan --json marks.xlsx notes.docx\n\nExit status 4 means personal data was found, 0 that none was."
    )]
    Scan(ScanArgs),

    /// Audit a memory stick or export folder: unlocked files with personal data, and
    /// sealed files (known to this computer's ledger or not).
    #[command(
        after_help = "Examples:\n  safecarry check /media/me/STICK\n  safecarry check E:\\ --seal\n\nExit status 4 means unlocked personal data is on the drive."
    )]
    Check(CheckArgs),

    /// List memory sticks and other removable drives, and the policy's export folders.
    #[command(after_help = "Examples:\n  safecarry destinations\n  safecarry destinations --json")]
    Destinations,

    /// Show the policy in effect: every value and where it came from.
    #[command(after_help = "Examples:\n  safecarry policy\n  safecarry policy --json")]
    Policy,

    /// IT: load the school's pupil and staff names from an MIS export, so they are
    /// recognised exactly.
    #[command(subcommand)]
    Roster(RosterCommand),

    /// Read the transfer ledger (for IT): verify it, show it, export it, report a lost volume.
    #[command(subcommand)]
    Ledger(LedgerCommand),
}

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Check every link of the hash chain; exit 1 naming the first broken entry.
    #[command(
        after_help = "Examples:\n  safecarry ledger verify\n  safecarry ledger verify --head 3f2a…   (a head hash you recorded earlier)"
    )]
    Verify {
        /// A head hash recorded earlier: check it is still in the chain.
        #[arg(long, value_name = "HASH")]
        head: Option<String>,
    },
    /// Show entries as a table (or JSON lines with --json).
    #[command(
        after_help = "Examples:\n  safecarry ledger show --since 2025-03-01 --event seal\n  safecarry ledger show --volume STICK --json"
    )]
    Show(LedgerFilter),
    /// Export entries for a spreadsheet (csv) or a SIEM (jsonl).
    #[command(
        after_help = "Examples:\n  safecarry ledger export --format csv > transfers.csv\n  safecarry ledger export --format jsonl --since 2026-09-01"
    )]
    Export {
        /// csv or jsonl.
        #[arg(long, value_name = "FORMAT", value_parser = ["csv", "jsonl"])]
        format: String,
        #[command(flatten)]
        filter: LedgerFilter,
    },
    /// The lost-media report: everything sealed onto one volume, for a breach assessment.
    #[command(
        after_help = "Examples:\n  safecarry ledger report --volume KINGSTON\n  safecarry ledger report --volume 3A1F-92C4"
    )]
    Report {
        /// The volume's label (e.g. STICK) or id.
        #[arg(long, value_name = "LABEL|ID")]
        volume: String,
    },
}

#[derive(Debug, Args, Clone, Default)]
pub struct LedgerFilter {
    /// Only entries at or after this time (YYYY-MM-DD or RFC 3339; dates are UTC).
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only entries before this time.
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Only this user's entries.
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,
    /// Only entries written to this volume (label or id).
    #[arg(long, value_name = "LABEL|ID")]
    pub volume: Option<String>,
    /// Only this event: seal, seal_failed, open or check.
    #[arg(long, value_name = "EVENT", value_parser = ["seal", "seal_failed", "open", "check"])]
    pub event: Option<String>,
}

#[derive(Debug, Args)]
pub struct SealArgs {
    /// Files or folders to seal.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub target: TargetArgs,

    /// Make a strong passphrase for me (six random words) instead of asking for one.
    #[arg(long)]
    pub generate_passphrase: bool,
}

#[derive(Debug, Args, Default, Clone)]
pub struct TargetArgs {
    /// Folder to write the sealed file into (e.g. the memory stick).
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub to: Option<PathBuf>,

    /// Exact path of the sealed file to write.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Name for the sealed file (".age" is added if missing).
    #[arg(long, value_name = "NAME", conflicts_with = "output")]
    pub name: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Import names from an MIS export (CSV or XLSX with Forename/Surname columns).
    #[command(after_help = "Example:\n  safecarry roster import \"SIMS pupil list.xlsx\"")]
    Import {
        /// The MIS export.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Show how many names are loaded, and when they were imported.
    #[command(after_help = "Example:\n  safecarry roster status")]
    Status,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The memory stick or export folder to check.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Offer to lock the unlocked files into one sealed file on the same drive, then
    /// delete the originals (only after the sealed file is checked).
    #[arg(long)]
    pub seal: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or folders to check.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The sealed file to open.
    #[arg(value_name = "FILE.age")]
    pub file: PathBuf,

    /// Folder to restore into (default: the current folder).
    #[arg(long, value_name = "DIR")]
    pub to: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn drag_and_drop_paths_parse_without_a_subcommand() {
        let cli = Cli::try_parse_from(["safecarry", "a.docx", "Year 4"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.paths.len(), 2);
    }

    #[test]
    fn there_is_no_passphrase_option() {
        assert!(
            Cli::try_parse_from(["safecarry", "seal", "a", "--to", "d", "--passphrase", "x"])
                .is_err()
        );
    }
}
