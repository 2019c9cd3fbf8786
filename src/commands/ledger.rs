//! `safecarry ledger verify|show|export|report`: IT's view of the transfer ledger.

use serde_json::{Value, json};

use crate::cli::{Common, LedgerCommand, LedgerFilter};
use crate::error::{Error, Exit, Result, show};
use crate::ledger::report::{self, Filter};
use crate::ledger::{Ledger, entry, store, syslog};
use crate::policy::Policy;

pub fn run(cmd: &LedgerCommand, common: &Common) -> Result<Exit> {
    let policy = Policy::load()?;
    let ledger = Ledger::for_policy(&policy, false);
    match cmd {
        LedgerCommand::Verify { head } => verify(&ledger, head.as_deref(), common),
        LedgerCommand::Show(f) => {
            let entries = load(&ledger)?;
            let filter = filter(f)?;
            let picked: Vec<&Value> = entries.iter().filter(|e| filter.matches(e)).collect();
            if common.json {
                let mut out = String::new();
                for e in &picked {
                    out.push_str(&report::jsonl(e));
                    out.push('\n');
                }
                print!("{out}");
            } else if picked.is_empty() {
                crate::ui::say("No ledger entries match.");
            } else {
                print!("{}", report::table(&picked));
            }
            Ok(Exit::Success)
        }
        LedgerCommand::Export { format, filter: f } => {
            let entries = load(&ledger)?;
            let filter = filter(f)?;
            let mut out = String::new();
            if format == "csv" {
                out.push_str(report::CSV_HEADER);
                out.push_str("\r\n");
            }
            for e in entries.iter().filter(|e| filter.matches(e)) {
                if format == "csv" {
                    out.push_str(&report::csv_row(e));
                    out.push_str("\r\n");
                } else {
                    out.push_str(&report::jsonl(e));
                    out.push('\n');
                }
            }
            print!("{out}");
            Ok(Exit::Success)
        }
        LedgerCommand::Report { volume } => {
            let data = read(&ledger)?;
            let v = store::verify(&data, None);
            let chain = match &v.problem {
                None => format!(
                    "verified: {} entries, every link intact (head {})",
                    v.entries,
                    v.head.as_ref().map(|h| h.1.as_str()).unwrap_or("none")
                ),
                Some(p) => format!(
                    "WARNING: the ledger does not verify (line {}: {}). Treat this report as incomplete.",
                    p.line, p.what
                ),
            };
            let entries: Vec<Value> = store::parse_entries(&data)
                .into_iter()
                .map(|(_, e)| e)
                .collect();
            let picked: Vec<&Value> = entries
                .iter()
                .filter(|e| report::on_volume(e, volume))
                .collect();
            let now = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string();
            print!(
                "{}",
                report::volume_report(volume, &picked, &show(&ledger.path), &chain, &now)
            );
            Ok(Exit::Success)
        }
    }
}

fn read(ledger: &Ledger) -> Result<Vec<u8>> {
    store::read_all(&ledger.path).map_err(|e| {
        Error::io("read the ledger", &ledger.path, &e)
            .hint("IT staff may need to run this as an administrator")
    })
}

fn load(ledger: &Ledger) -> Result<Vec<Value>> {
    Ok(store::parse_entries(&read(ledger)?)
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

fn filter(f: &LedgerFilter) -> Result<Filter> {
    let time = |s: &Option<String>, name: &str| -> Result<Option<String>> {
        match s {
            None => Ok(None),
            Some(t) => report::parse_time(t).map(Some).ok_or_else(|| {
                Error::usage(format!(
                    "--{name} \"{}\" is not a date or time",
                    crate::error::escape(t)
                ))
                .hint("use a date like 2025-03-01 or a time like 2025-03-01T14:00:00Z")
            }),
        }
    };
    Ok(Filter {
        since: time(&f.since, "since")?,
        until: time(&f.until, "until")?,
        user: f.user.clone(),
        volume: f.volume.clone(),
        event: f.event.clone(),
    })
}

fn verify(ledger: &Ledger, head: Option<&str>, common: &Common) -> Result<Exit> {
    if let Some(h) = head
        && !entry::is_hash(h)
    {
        return Err(Error::usage(format!(
            "--head \"{}\" is not a ledger hash",
            crate::error::escape(h)
        ))
        .hint("give the 64-character hash that `safecarry ledger verify` printed"));
    }
    let data = read(ledger)?;
    let v = store::verify(&data, head);
    let head_seq = v.head.as_ref().map(|h| h.0).unwrap_or(0);
    let pending = if ledger.syslog.is_some() {
        Some(syslog::pending(&ledger.path, head_seq))
    } else {
        None
    };
    let checkpoint_missing = head.is_some() && v.checkpoint_seq.is_none() && v.problem.is_none();
    if common.json {
        super::print_json(&json!({
            "ledger": ledger.path,
            "ok": v.problem.is_none() && !checkpoint_missing,
            "entries": v.entries,
            "head": v.head.as_ref().map(|h| &h.1),
            "problem": v.problem.as_ref().map(|p| json!({"line": p.line, "seq": p.seq, "what": p.what, "torn": p.torn})),
            "checkpoint": head.map(|h| json!({"hash": h, "seq": v.checkpoint_seq})),
            "pending_syslog": pending,
        }));
    }
    if let Some(n) = pending.filter(|n| *n > 0) {
        crate::ui::say(&format!(
            "{n} {} not yet forwarded to the log server (they are sent by the next seal or open).",
            if n == 1 { "entry is" } else { "entries are" }
        ));
    }
    if let Some(p) = &v.problem {
        let seq = p.seq.map(|s| format!(" (seq {s})")).unwrap_or_default();
        return Err(Error::failure(format!(
            "the ledger {} is not intact: line {}{seq} {}",
            show(&ledger.path),
            p.line,
            p.what
        ))
        .hint(if p.torn {
            "this is what a crash while writing looks like; nothing earlier is affected"
        } else {
            "the entries before that line are intact; compare with a backup or the log server's copy"
        }));
    }
    if checkpoint_missing {
        return Err(Error::failure(format!(
            "the ledger {} no longer contains the checkpoint {}: entries recorded up to it were removed or changed (the chain itself is intact up to seq {head_seq})",
            show(&ledger.path),
            head.unwrap_or("")
        ))
        .hint("compare with a backup or the log server's copy"));
    }
    if !common.json {
        match &v.head {
            None => println!("OK: the ledger {} has no entries yet.", show(&ledger.path)),
            Some((seq, hash)) => {
                println!(
                    "OK: {} entries, every link intact. Head: {hash} (seq {seq})",
                    v.entries
                );
                println!("Ledger: {}", show(&ledger.path));
                if let (Some(h), Some(s)) = (head, v.checkpoint_seq) {
                    println!(
                        "Checkpoint {h} is entry {s}; {} entries were added after it.",
                        seq - s
                    );
                }
            }
        }
    }
    Ok(Exit::Success)
}
