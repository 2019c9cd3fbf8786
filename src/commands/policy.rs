//! `safecarry policy`: every effective value and where it came from.

use serde_json::{Value, json};

use crate::cli::Common;
use crate::error::{Exit, Result};
use crate::policy::{self, DestinationKind, LedgerPaths, Policy};

pub fn run(common: &Common) -> Result<Exit> {
    let p = Policy::load()?;
    // `SAFECARRY_LEDGER` names the ledger in use when the policy allows it (as every
    // command that records a transfer reads it): shown as the ledger_path in effect.
    let ledger_override = std::env::var_os(policy::LEDGER_ENV)
        .filter(|v| !v.is_empty() && p.overrides_allowed())
        .map(std::path::PathBuf::from);
    let kinds: Vec<&str> = p
        .allowed_destinations
        .iter()
        .map(|k| match k {
            DestinationKind::Removable => "removable",
            DestinationKind::ExportFolder => "export_folder",
            DestinationKind::Anywhere => "anywhere",
        })
        .collect();
    let rows: Vec<(&'static str, Value)> = vec![
        ("min_passphrase_score", json!(p.passphrase.min_score)),
        (
            "min_passphrase_guesses_log10",
            json!(p.passphrase.min_guesses_log10),
        ),
        ("min_passphrase_length", json!(p.passphrase.min_length)),
        ("scrypt_work_factor", json!(p.scrypt_work_factor)),
        ("max_scrypt_work_factor", json!(p.max_scrypt_work_factor)),
        (
            "ledger_path",
            json!(ledger_override.as_ref().or(p.ledger_path.as_ref())),
        ),
        (
            "ledger_paths",
            json!(match p.ledger_paths {
                LedgerPaths::Full => "full",
                LedgerPaths::Hashed => "hashed",
            }),
        ),
        ("ledger_wait_seconds", json!(p.ledger_wait.as_secs())),
        ("syslog", json!(p.syslog)),
        ("export_folders", json!(p.export_folders)),
        ("allowed_destinations", json!(kinds)),
        ("school_name", json!(p.school_name)),
        ("roster_path", json!(p.roster_path)),
        (
            "images_are_personal_data",
            json!(p.images_are_personal_data),
        ),
        ("allow_overrides", json!(p.allow_overrides)),
        (
            "custom_identifier",
            json!(
                p.custom_identifiers
                    .iter()
                    .map(|c| &c.name)
                    .collect::<Vec<_>>()
            ),
        ),
    ];
    let origin = |k: &str| {
        if k == "ledger_path" && ledger_override.is_some() {
            return policy::LEDGER_ENV.to_string();
        }
        p.origin.get(k).cloned().unwrap_or_else(|| "default".into())
    };
    if common.json {
        let obj: serde_json::Map<String, Value> = rows
            .iter()
            .map(|(k, v)| (k.to_string(), json!({"value": v, "from": origin(k)})))
            .collect();
        super::print_json(&json!({
            "policy_file": p.source,
            "system_policy_path": policy::system_path(),
            "user_settings_path": policy::user_path(),
            "settings": obj,
        }));
        return Ok(Exit::Success);
    }
    println!(
        "Policy in effect: {}",
        p.source
            .as_ref()
            .map(|s| s.display().to_string())
            .unwrap_or_else(|| "built-in defaults (no policy file)".into())
    );
    println!(
        "(system policy location: {})",
        policy::system_path().display()
    );
    println!();
    for (k, v) in &rows {
        let shown = match v {
            Value::Null => "(not set)".to_string(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        println!("{k:<30} {shown:<40} {}", origin(k));
    }
    Ok(Exit::Success)
}
