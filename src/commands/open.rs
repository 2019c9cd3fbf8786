//! `safecarry open`.

use std::path::PathBuf;

use serde_json::json;

use crate::cli::{Common, OpenArgs};
use crate::error::{Exit, Result, show};
use crate::ledger::Ledger;
use crate::open::{self, Attempt, Lock};
use crate::plain::human_size;
use crate::policy::Policy;
use crate::tarball::EntryKind;
use crate::ui;

const TRIES: usize = 3;

pub fn run(args: &OpenArgs, common: &Common) -> Result<Exit> {
    let policy = Policy::load()?;
    let target = args.to.clone().unwrap_or_else(|| PathBuf::from("."));
    if open::inspect(&args.file)? == Lock::Key {
        return Err(open::key_locked(&args.file));
    }
    let show_progress = !common.no_progress && !common.json;
    let from_file = super::passphrase::for_opening(common)?;
    let unlocked = match from_file {
        Some(secret) => match open::unlock(
            &args.file,
            &secret,
            policy.max_scrypt_work_factor,
            show_progress,
        )? {
            Attempt::Unlocked(u) => u,
            Attempt::WrongPassphrase => return Err(open::wrong_passphrase(&args.file)),
        },
        None => {
            // A retry typed while the last try is checked does not show either.
            let _quiet = crate::platform::echo_off();
            let mut result = None;
            for attempt in 1..=TRIES {
                let secret = ui::ask_secret(&format!(
                    "Passphrase for {}: ",
                    show(
                        args.file
                            .file_name()
                            .map(std::path::Path::new)
                            .unwrap_or(&args.file)
                    )
                ))?;
                match open::unlock(
                    &args.file,
                    &secret,
                    policy.max_scrypt_work_factor,
                    show_progress,
                )? {
                    Attempt::Unlocked(u) => {
                        result = Some(u);
                        break;
                    }
                    Attempt::WrongPassphrase if attempt < TRIES => {
                        ui::say(
                            "That passphrase does not open this file. Check Caps Lock and try again.",
                        );
                    }
                    Attempt::WrongPassphrase => {}
                }
            }
            match result {
                Some(u) => u,
                None => return Err(open::wrong_passphrase(&args.file)),
            }
        }
    };
    let outcome = open::restore(unlocked, &target)?;
    let ledger = Ledger::for_policy(&policy, true);
    let recorded = ledger
        .open_body(&args.file, &outcome, &target)
        .and_then(|b| ledger.append(vec![b]));

    if common.json {
        super::print_json(&json!({
            "event": "open",
            "input": args.file,
            "restored": outcome.restored.iter().map(|r| json!({
                "path": r.path,
                "kind": if r.kind == EntryKind::Dir { "folder" } else { "file" },
            })).collect::<Vec<_>>(),
            "files": outcome.files,
            "folders": outcome.folders,
            "bytes": outcome.bytes,
            "tar": !outcome.single_file,
        }));
    } else {
        println!(
            "Opened {}: restored {} {} ({}).",
            show(&args.file),
            outcome.files,
            if outcome.files == 1 { "file" } else { "files" },
            human_size(outcome.bytes)
        );
        for r in &outcome.restored {
            println!("  {}", show(&r.path));
        }
    }
    super::seal::ledger_outcome(&ledger, recorded, "The files were opened and are complete")
}
