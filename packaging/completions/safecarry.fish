# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_safecarry_global_optspecs
    string join \n json passphrase-file= y/yes no-progress h/help V/version
end

function __fish_safecarry_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_safecarry_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_safecarry_using_subcommand
    set -l cmd (__fish_safecarry_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c safecarry -n "__fish_safecarry_needs_command" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_needs_command" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_needs_command" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_needs_command" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c safecarry -n "__fish_safecarry_needs_command" -s V -l version -d 'Print version'
complete -c safecarry -n "__fish_safecarry_needs_command" -a "seal" -d 'Seal files and folders into one passphrase-locked .age file'
complete -c safecarry -n "__fish_safecarry_needs_command" -a "open" -d 'Open a sealed .age file and restore its files'
complete -c safecarry -n "__fish_safecarry_needs_command" -a "scan" -d 'Look for personal data in files and folders, and report it. Writes nothing'
complete -c safecarry -n "__fish_safecarry_needs_command" -a "check" -d 'Audit a memory stick or export folder: unlocked files with personal data, and sealed files (known to this computer\'s ledger or not)'
complete -c safecarry -n "__fish_safecarry_needs_command" -a "destinations" -d 'List memory sticks and other removable drives, and the policy\'s export folders'
complete -c safecarry -n "__fish_safecarry_needs_command" -a "policy" -d 'Show the policy in effect: every value and where it came from'
complete -c safecarry -n "__fish_safecarry_needs_command" -a "roster" -d 'IT: load the school\'s pupil and staff names from an MIS export, so they are recognised exactly'
complete -c safecarry -n "__fish_safecarry_needs_command" -a "ledger" -d 'Read the transfer ledger (for IT): verify it, show it, export it, report a lost volume'
complete -c safecarry -n "__fish_safecarry_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c safecarry -n "__fish_safecarry_using_subcommand seal" -l to -d 'Folder to write the sealed file into (e.g. the memory stick)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand seal" -s o -l output -d 'Exact path of the sealed file to write' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand seal" -l name -d 'Name for the sealed file (".age" is added if missing)' -r
complete -c safecarry -n "__fish_safecarry_using_subcommand seal" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand seal" -l generate-passphrase -d 'Make a strong passphrase for me (six random words) instead of asking for one'
complete -c safecarry -n "__fish_safecarry_using_subcommand seal" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand seal" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand seal" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand seal" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand open" -l to -d 'Folder to restore into (default: the current folder)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand open" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand open" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand open" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand open" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand open" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand scan" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand scan" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand scan" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand scan" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand scan" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand check" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand check" -l seal -d 'Offer to lock the unlocked files into one sealed file on the same drive, then delete the originals (only after the sealed file is checked)'
complete -c safecarry -n "__fish_safecarry_using_subcommand check" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand check" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand check" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand check" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand destinations" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand destinations" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand destinations" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand destinations" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand destinations" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand policy" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand policy" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand policy" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand policy" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand policy" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and not __fish_seen_subcommand_from import status help" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and not __fish_seen_subcommand_from import status help" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and not __fish_seen_subcommand_from import status help" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and not __fish_seen_subcommand_from import status help" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and not __fish_seen_subcommand_from import status help" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and not __fish_seen_subcommand_from import status help" -f -a "import" -d 'Import names from an MIS export (CSV or XLSX with Forename/Surname columns)'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and not __fish_seen_subcommand_from import status help" -f -a "status" -d 'Show how many names are loaded, and when they were imported'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and not __fish_seen_subcommand_from import status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from import" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from import" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from import" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from import" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from status" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from status" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from status" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from status" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import names from an MIS export (CSV or XLSX with Forename/Surname columns)'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show how many names are loaded, and when they were imported'
complete -c safecarry -n "__fish_safecarry_using_subcommand roster; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and not __fish_seen_subcommand_from verify show export report help" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and not __fish_seen_subcommand_from verify show export report help" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and not __fish_seen_subcommand_from verify show export report help" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and not __fish_seen_subcommand_from verify show export report help" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and not __fish_seen_subcommand_from verify show export report help" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and not __fish_seen_subcommand_from verify show export report help" -f -a "verify" -d 'Check every link of the hash chain; exit 1 naming the first broken entry'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and not __fish_seen_subcommand_from verify show export report help" -f -a "show" -d 'Show entries as a table (or JSON lines with --json)'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and not __fish_seen_subcommand_from verify show export report help" -f -a "export" -d 'Export entries for a spreadsheet (csv) or a SIEM (jsonl)'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and not __fish_seen_subcommand_from verify show export report help" -f -a "report" -d 'The lost-media report: everything sealed onto one volume, for a breach assessment'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and not __fish_seen_subcommand_from verify show export report help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l head -d 'A head hash recorded earlier: check it is still in the chain' -r
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from show" -l since -d 'Only entries at or after this time (YYYY-MM-DD or RFC 3339; dates are UTC)' -r
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from show" -l until -d 'Only entries before this time' -r
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from show" -l user -d 'Only this user\'s entries' -r
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from show" -l volume -d 'Only entries written to this volume (label or id)' -r
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from show" -l event -d 'Only this event: seal, seal_failed, open or check' -r -f -a "seal\t''
seal_failed\t''
open\t''
check\t''"
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from show" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from show" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from show" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from export" -l format -d 'csv or jsonl' -r -f -a "csv\t''
jsonl\t''"
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from export" -l since -d 'Only entries at or after this time (YYYY-MM-DD or RFC 3339; dates are UTC)' -r
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from export" -l until -d 'Only entries before this time' -r
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from export" -l user -d 'Only this user\'s entries' -r
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from export" -l volume -d 'Only entries written to this volume (label or id)' -r
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from export" -l event -d 'Only this event: seal, seal_failed, open or check' -r -f -a "seal\t''
seal_failed\t''
open\t''
check\t''"
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from export" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from export" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from export" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from report" -l volume -d 'The volume\'s label (e.g. STICK) or id' -r
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from report" -l passphrase-file -d 'Read the passphrase from the first line of FILE ("-" for standard input)' -r -F
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from report" -l json -d 'Print a machine-readable JSON result on standard output'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from report" -s y -l yes -d 'Never ask questions: refuse instead wherever one would be needed'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from report" -l no-progress -d 'Do not show progress bars'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from report" -s h -l help -d 'Print help'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check every link of the hash chain; exit 1 naming the first broken entry'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show entries as a table (or JSON lines with --json)'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export entries for a spreadsheet (csv) or a SIEM (jsonl)'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "report" -d 'The lost-media report: everything sealed onto one volume, for a breach assessment'
complete -c safecarry -n "__fish_safecarry_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and not __fish_seen_subcommand_from seal open scan check destinations policy roster ledger help" -f -a "seal" -d 'Seal files and folders into one passphrase-locked .age file'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and not __fish_seen_subcommand_from seal open scan check destinations policy roster ledger help" -f -a "open" -d 'Open a sealed .age file and restore its files'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and not __fish_seen_subcommand_from seal open scan check destinations policy roster ledger help" -f -a "scan" -d 'Look for personal data in files and folders, and report it. Writes nothing'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and not __fish_seen_subcommand_from seal open scan check destinations policy roster ledger help" -f -a "check" -d 'Audit a memory stick or export folder: unlocked files with personal data, and sealed files (known to this computer\'s ledger or not)'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and not __fish_seen_subcommand_from seal open scan check destinations policy roster ledger help" -f -a "destinations" -d 'List memory sticks and other removable drives, and the policy\'s export folders'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and not __fish_seen_subcommand_from seal open scan check destinations policy roster ledger help" -f -a "policy" -d 'Show the policy in effect: every value and where it came from'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and not __fish_seen_subcommand_from seal open scan check destinations policy roster ledger help" -f -a "roster" -d 'IT: load the school\'s pupil and staff names from an MIS export, so they are recognised exactly'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and not __fish_seen_subcommand_from seal open scan check destinations policy roster ledger help" -f -a "ledger" -d 'Read the transfer ledger (for IT): verify it, show it, export it, report a lost volume'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and not __fish_seen_subcommand_from seal open scan check destinations policy roster ledger help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and __fish_seen_subcommand_from roster" -f -a "import" -d 'Import names from an MIS export (CSV or XLSX with Forename/Surname columns)'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and __fish_seen_subcommand_from roster" -f -a "status" -d 'Show how many names are loaded, and when they were imported'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "verify" -d 'Check every link of the hash chain; exit 1 naming the first broken entry'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "show" -d 'Show entries as a table (or JSON lines with --json)'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "export" -d 'Export entries for a spreadsheet (csv) or a SIEM (jsonl)'
complete -c safecarry -n "__fish_safecarry_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "report" -d 'The lost-media report: everything sealed onto one volume, for a breach assessment'
