//! `safecarry check DIR [--seal]`: audit a memory stick or export folder.
//!
//! Lists plaintext files holding personal data and the sealed `.age` files (recognised in
//! this machine's ledger or not), records a `check` entry, and exits 4 when plaintext
//! personal data is present. With `--seal` it offers to move those plaintext files into one
//! sealed file on the same drive: seal, verify, and only then delete the originals, so an
//! interruption at any point leaves the originals or the verified archive, never neither.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::cli::Common;
use crate::collect::{self, Kind};
use crate::detect::{self, FileReport, Summary};
use crate::error::{Error, Exit, Result, escape, show};
use crate::ledger::{Ledger, store};
use crate::policy::Policy;
use crate::seal::{self, Target};
use crate::{destinations, ui};

/// A sealed file found on the drive.
struct SealedFile {
    path: String,
    known: bool,
}

pub fn run(dir: &Path, seal_them: bool, common: &Common) -> Result<Exit> {
    let policy = Policy::load()?;
    if !dir.is_dir() {
        return Err(Error::usage(format!("{} is not a folder", show(dir)))
            .hint("give the memory stick or export folder to check, e.g. safecarry check E:\\"));
    }
    let detector = super::detector(&policy)?.with_name_words();
    let ledger = Ledger::for_policy(&policy, true);
    let known = known_outputs(&ledger);

    let plan = collect::collect(&[dir.to_path_buf()])?;
    let mut summary = Summary::default();
    let mut plaintext: Vec<(PathBuf, FileReport)> = Vec::new();
    let mut sealed: Vec<SealedFile> = Vec::new();
    for item in plan.items.iter().filter(|i| i.kind == Kind::File) {
        if is_age_file(&item.source) {
            let digest =
                sha256_file(&item.source).map_err(|e| Error::io("read", &item.source, &e))?;
            let s = SealedFile {
                path: item.name.clone(),
                known: known.contains(&digest),
            };
            if common.json {
                println!(
                    "{}",
                    json!({"path": s.path, "sealed": true, "known_in_ledger": s.known})
                );
            }
            sealed.push(s);
            continue;
        }
        detector.scan_path(&item.source, &item.name, &mut |r: FileReport| {
            summary.add(&r);
            if common.json {
                println!("{}", serde_json::to_string(&r).expect("report serialises"));
            }
            if r.personal_data && !plaintext.iter().any(|(p, _)| *p == item.source) {
                plaintext.push((item.source.clone(), r));
            }
        });
    }

    if !common.json {
        print_human(&plaintext, &sealed, &summary);
    }
    let body = ledger.check_body(&[dir.to_path_buf()], &summary)?;
    if let Err(e) = ledger.append(vec![body]) {
        ui::warn(&format!(
            "this check could not be recorded in the ledger: {}",
            e.message
        ));
    }

    if plaintext.is_empty() {
        return Ok(Exit::Success);
    }
    if !seal_them {
        if !common.json {
            println!("To lock them now: safecarry check {} --seal", show(dir));
        }
        return Ok(Exit::Found);
    }
    seal_plaintext(dir, &plaintext, &summary, &policy, &ledger, common)
}

/// SHA-256 of the outputs of every seal recorded in this machine's ledger.
fn known_outputs(ledger: &Ledger) -> HashSet<String> {
    let Ok(data) = store::read_all(&ledger.path) else {
        return HashSet::new();
    };
    store::parse_entries(&data)
        .into_iter()
        .filter(|(_, e)| e["event"] == "seal")
        .filter_map(|(_, e)| e["output"]["sha256"].as_str().map(str::to_string))
        .collect()
}

fn is_age_file(path: &Path) -> bool {
    let mut head = [0u8; 34];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    head[..n].starts_with(b"age-encryption.org/")
        || head[..n].starts_with(b"-----BEGIN AGE ENCRYPTED FILE")
}

fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(crate::output::hex(&h.finalize()))
}

fn print_human(plaintext: &[(PathBuf, FileReport)], sealed: &[SealedFile], summary: &Summary) {
    if plaintext.is_empty() {
        println!("No readable files with personal information were found.");
    } else {
        println!("Files that are NOT locked and hold personal information:");
        for (_, r) in plaintext {
            let kinds: Vec<&str> = r.categories.keys().map(|k| detect::describe(k)).collect();
            let special = if r.special_category {
                " (sensitive)"
            } else {
                ""
            };
            println!("  {}{special}: {}", escape(&r.path), kinds.join(", "));
        }
    }
    if !sealed.is_empty() {
        println!("Sealed (locked) files:");
        for s in sealed {
            let whose = if s.known {
                "sealed on this computer"
            } else {
                "not in this computer's ledger (sealed elsewhere, or by another tool)"
            };
            println!("  {}: {whose}", escape(&s.path));
        }
    }
    println!();
    println!("{}", summary.paragraph());
}

fn seal_plaintext(
    dir: &Path,
    plaintext: &[(PathBuf, FileReport)],
    found: &Summary,
    policy: &Policy,
    ledger: &Ledger,
    common: &Common,
) -> Result<Exit> {
    let files: Vec<PathBuf> = plaintext.iter().map(|(p, _)| p.clone()).collect();
    if !common.yes {
        if !ui::interactive() {
            return Err(
                Error::usage("--seal needs a confirmation, and safecarry cannot ask here")
                    .hint("add --yes to seal and then delete the originals without asking"),
            );
        }
        let q = format!(
            "Lock these {} file(s) into one sealed file on this drive, then delete the unlocked originals?",
            files.len()
        );
        if !ui::confirm(&q)? {
            println!("Nothing was changed.");
            return Ok(Exit::Found);
        }
    }
    let plan = collect::plan_for_files(dir, &files)?;
    let destination = destinations::classify(dir, policy);
    ledger.ready()?;
    // A passphrase made of the names found in the files is refused.
    let people = super::passphrase::names_then_places(
        plaintext
            .iter()
            .flat_map(|(_, r)| r.name_words.iter().cloned())
            .collect(),
        plaintext
            .iter()
            .flat_map(|(_, r)| r.place_words.iter().cloned())
            .collect(),
    );
    let chosen = super::passphrase::for_sealing(common, false, &files, &people, policy)?;
    let target = Target::InDir {
        dir: dir.to_path_buf(),
        name: super::seal::dated_name(),
    };
    // 1. Seal and verify (the archive appears under its name only once verified).
    let sealed = seal::seal(&seal::Request {
        plan: &plan,
        passphrase: &chosen.passphrase.secret,
        work_factor: policy.scrypt_work_factor,
        target: &target,
        show_progress: !common.no_progress && !common.json,
    });
    let context = super::seal::Recorder {
        ledger,
        plan: &plan,
        found,
        destination: &destination,
        chosen: &chosen,
        work_factor: policy.scrypt_work_factor,
        target: dir,
    };
    let sealed = context.settle(sealed).map_err(|e| {
        Error::failure(format!(
            "{} The unlocked files were left as they were.",
            e.message
        ))
        .hint(e.hint.unwrap_or_default())
    })?;
    // 2. Only now delete the originals.
    let mut not_deleted = Vec::new();
    for f in &files {
        if let Err(e) = std::fs::remove_file(f) {
            not_deleted.push(format!("{} ({})", show(f), crate::error::describe_io(&e).0));
        }
    }
    let recorded = context.record(Some(&sealed), None);
    if common.json {
        super::print_json(&json!({
            "event": "check_seal",
            "output": {"path": sealed.file.path, "size": sealed.file.size, "sha256": sealed.file.sha256},
            "verified": sealed.file.verified,
            "sealed_files": files.len(),
            "not_deleted": not_deleted,
        }));
    } else {
        println!(
            "Locked {} file(s) into {} (checked on the drive) and deleted the unlocked copies.",
            files.len(),
            show(&sealed.file.path)
        );
        println!(
            "Deleting a file on a memory stick does not always wipe it from the chip: if the stick is lost, report it as you would any lost data."
        );
    }
    if !not_deleted.is_empty() {
        return Err(Error::failure(format!(
            "the files were sealed, but these could not be deleted: {}",
            not_deleted.join(", ")
        ))
        .hint("delete them by hand; the sealed copy is complete"));
    }
    super::seal::ledger_outcome(
        ledger,
        recorded,
        "The sealed file is complete and safe to use",
    )
}
