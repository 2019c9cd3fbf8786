
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'safecarry' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'safecarry'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'safecarry' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('seal', 'seal', [CompletionResultType]::ParameterValue, 'Seal files and folders into one passphrase-locked .age file')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open a sealed .age file and restore its files')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Look for personal data in files and folders, and report it. Writes nothing')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Audit a memory stick or export folder: unlocked files with personal data, and sealed files (known to this computer''s ledger or not)')
            [CompletionResult]::new('destinations', 'destinations', [CompletionResultType]::ParameterValue, 'List memory sticks and other removable drives, and the policy''s export folders')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Show the policy in effect: every value and where it came from')
            [CompletionResult]::new('roster', 'roster', [CompletionResultType]::ParameterValue, 'IT: load the school''s pupil and staff names from an MIS export, so they are recognised exactly')
            [CompletionResult]::new('ledger', 'ledger', [CompletionResultType]::ParameterValue, 'Read the transfer ledger (for IT): verify it, show it, export it, report a lost volume')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'safecarry;seal' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Folder to write the sealed file into (e.g. the memory stick)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Exact path of the sealed file to write')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Exact path of the sealed file to write')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name for the sealed file (".age" is added if missing)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--generate-passphrase', '--generate-passphrase', [CompletionResultType]::ParameterName, 'Make a strong passphrase for me (six random words) instead of asking for one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;open' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Folder to restore into (default: the current folder)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;scan' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;check' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--seal', '--seal', [CompletionResultType]::ParameterName, 'Offer to lock the unlocked files into one sealed file on the same drive, then delete the originals (only after the sealed file is checked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;destinations' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;policy' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;roster' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import names from an MIS export (CSV or XLSX with Forename/Surname columns)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show how many names are loaded, and when they were imported')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'safecarry;roster;import' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;roster;status' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;roster;help' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import names from an MIS export (CSV or XLSX with Forename/Surname columns)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show how many names are loaded, and when they were imported')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'safecarry;roster;help;import' {
            break
        }
        'safecarry;roster;help;status' {
            break
        }
        'safecarry;roster;help;help' {
            break
        }
        'safecarry;ledger' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every link of the hash chain; exit 1 naming the first broken entry')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show entries as a table (or JSON lines with --json)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export entries for a spreadsheet (csv) or a SIEM (jsonl)')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The lost-media report: everything sealed onto one volume, for a breach assessment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'safecarry;ledger;verify' {
            [CompletionResult]::new('--head', '--head', [CompletionResultType]::ParameterName, 'A head hash recorded earlier: check it is still in the chain')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;ledger;show' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries at or after this time (YYYY-MM-DD or RFC 3339; dates are UTC)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only entries before this time')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only this user''s entries')
            [CompletionResult]::new('--volume', '--volume', [CompletionResultType]::ParameterName, 'Only entries written to this volume (label or id)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only this event: seal, seal_failed, open or check')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;ledger;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'csv or jsonl')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries at or after this time (YYYY-MM-DD or RFC 3339; dates are UTC)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only entries before this time')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only this user''s entries')
            [CompletionResult]::new('--volume', '--volume', [CompletionResultType]::ParameterName, 'Only entries written to this volume (label or id)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only this event: seal, seal_failed, open or check')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;ledger;report' {
            [CompletionResult]::new('--volume', '--volume', [CompletionResultType]::ParameterName, 'The volume''s label (e.g. STICK) or id')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of FILE ("-" for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a machine-readable JSON result on standard output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask questions: refuse instead wherever one would be needed')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'safecarry;ledger;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every link of the hash chain; exit 1 naming the first broken entry')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show entries as a table (or JSON lines with --json)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export entries for a spreadsheet (csv) or a SIEM (jsonl)')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The lost-media report: everything sealed onto one volume, for a breach assessment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'safecarry;ledger;help;verify' {
            break
        }
        'safecarry;ledger;help;show' {
            break
        }
        'safecarry;ledger;help;export' {
            break
        }
        'safecarry;ledger;help;report' {
            break
        }
        'safecarry;ledger;help;help' {
            break
        }
        'safecarry;help' {
            [CompletionResult]::new('seal', 'seal', [CompletionResultType]::ParameterValue, 'Seal files and folders into one passphrase-locked .age file')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open a sealed .age file and restore its files')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Look for personal data in files and folders, and report it. Writes nothing')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Audit a memory stick or export folder: unlocked files with personal data, and sealed files (known to this computer''s ledger or not)')
            [CompletionResult]::new('destinations', 'destinations', [CompletionResultType]::ParameterValue, 'List memory sticks and other removable drives, and the policy''s export folders')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Show the policy in effect: every value and where it came from')
            [CompletionResult]::new('roster', 'roster', [CompletionResultType]::ParameterValue, 'IT: load the school''s pupil and staff names from an MIS export, so they are recognised exactly')
            [CompletionResult]::new('ledger', 'ledger', [CompletionResultType]::ParameterValue, 'Read the transfer ledger (for IT): verify it, show it, export it, report a lost volume')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'safecarry;help;seal' {
            break
        }
        'safecarry;help;open' {
            break
        }
        'safecarry;help;scan' {
            break
        }
        'safecarry;help;check' {
            break
        }
        'safecarry;help;destinations' {
            break
        }
        'safecarry;help;policy' {
            break
        }
        'safecarry;help;roster' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import names from an MIS export (CSV or XLSX with Forename/Surname columns)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show how many names are loaded, and when they were imported')
            break
        }
        'safecarry;help;roster;import' {
            break
        }
        'safecarry;help;roster;status' {
            break
        }
        'safecarry;help;ledger' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every link of the hash chain; exit 1 naming the first broken entry')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show entries as a table (or JSON lines with --json)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export entries for a spreadsheet (csv) or a SIEM (jsonl)')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The lost-media report: everything sealed onto one volume, for a breach assessment')
            break
        }
        'safecarry;help;ledger;verify' {
            break
        }
        'safecarry;help;ledger;show' {
            break
        }
        'safecarry;help;ledger;export' {
            break
        }
        'safecarry;help;ledger;report' {
            break
        }
        'safecarry;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
