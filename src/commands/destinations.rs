//! `safecarry destinations`.

use serde_json::json;

use crate::cli::Common;
use crate::destinations;
use crate::error::{Exit, Result};
use crate::plain::human_size;
use crate::policy::Policy;

pub fn run(common: &Common) -> Result<Exit> {
    let policy = Policy::load()?;
    let list = destinations::list(&policy);
    if common.json {
        for d in &list {
            super::print_json(&json!({
                "kind": d.kind.as_str(),
                "path": d.path,
                "label": d.label,
                "volume_id": d.volume_id,
                "free_bytes": d.free_bytes,
                "signal": d.signal,
            }));
        }
        return Ok(Exit::Success);
    }
    if list.is_empty() {
        println!("No memory sticks, removable drives or export folders were found.");
        return Ok(Exit::Success);
    }
    for d in &list {
        let free = d
            .free_bytes
            .map(|f| format!("{} free", human_size(f)))
            .unwrap_or_default();
        println!(
            "{:<14} {:<30} {:<16} {:<20} {}",
            d.kind.as_str(),
            d.path.display(),
            d.label.as_deref().unwrap_or("-"),
            d.volume_id.as_deref().unwrap_or("-"),
            free
        );
    }
    Ok(Exit::Success)
}
