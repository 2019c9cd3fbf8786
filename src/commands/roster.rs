//! `safecarry roster import FILE` and `safecarry roster status`.

use std::path::Path;

use serde_json::json;

use crate::cli::Common;
use crate::error::{Exit, Result, show};
use crate::policy::Policy;
use crate::roster::{self, Roster};

pub fn path(policy: &Policy) -> std::path::PathBuf {
    policy
        .roster_path
        .clone()
        .unwrap_or_else(roster::default_path)
}

pub fn import(file: &Path, common: &Common) -> Result<Exit> {
    let policy = Policy::load()?;
    let dest = path(&policy);
    let people = roster::import(file, &dest)?;
    if common.json {
        super::print_json(&json!({"event": "roster_import", "people": people, "roster": dest}));
    } else {
        println!(
            "Imported {people} people from {} into the roster at {}.",
            show(file),
            show(&dest)
        );
        println!("Their names are stored as keyed hashes, not as readable text.");
    }
    Ok(Exit::Success)
}

pub fn status(common: &Common) -> Result<Exit> {
    let policy = Policy::load()?;
    let dest = path(&policy);
    let st = Roster::status(&dest)?;
    if common.json {
        super::print_json(&json!({
            "roster": dest,
            "loaded": st.is_some(),
            "people": st.as_ref().map(|s| s.people),
            "names": st.as_ref().map(|s| s.hashes.len()),
            "imported": st.as_ref().map(|s| s.imported.clone()),
        }));
        return Ok(Exit::Success);
    }
    match st {
        Some(s) => println!(
            "The roster at {} holds {} people ({} name forms), imported {}.",
            show(&dest),
            s.people,
            s.hashes.len(),
            s.imported
        ),
        None => println!(
            "No roster has been imported (looked for {}). Names are found by dictionaries and context only.",
            show(&dest)
        ),
    }
    Ok(Exit::Success)
}
