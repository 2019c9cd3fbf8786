//! The IT policy: a TOML file at the machine-wide location, read once at start.
//!
//! A policy that does not parse, names an unknown key or holds an out-of-range value is an
//! error (exit 3): safecarry fails closed rather than run with rules IT did not intend.
//! Values can only make rules stricter than the built-in defaults, never weaker.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result, show};
use crate::passphrase::strength::Rule;

/// Environment variable naming a policy file to use instead of the machine-wide one.
pub const POLICY_ENV: &str = "SAFECARRY_POLICY";
/// Environment variable naming the ledger file.
pub const LEDGER_ENV: &str = "SAFECARRY_LEDGER";

/// The built-in scrypt work factor (log2 N), the reference age CLI's.
pub const DEFAULT_WORK_FACTOR: u8 = 18;
/// The highest work factor `open` accepts by default (the reference CLI's limit).
pub const DEFAULT_MAX_WORK_FACTOR: u8 = 22;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DestinationKind {
    Removable,
    ExportFolder,
    Anywhere,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerPaths {
    Full,
    Hashed,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Raw {
    min_passphrase_score: Option<u8>,
    min_passphrase_guesses_log10: Option<f64>,
    min_passphrase_length: Option<usize>,
    scrypt_work_factor: Option<u8>,
    max_scrypt_work_factor: Option<u8>,
    ledger_path: Option<PathBuf>,
    ledger_paths: Option<String>,
    syslog: Option<String>,
    export_folders: Option<Vec<PathBuf>>,
    allowed_destinations: Option<Vec<String>>,
    school_name: Option<String>,
    roster_path: Option<PathBuf>,
    images_are_personal_data: Option<bool>,
    allow_overrides: Option<bool>,
    custom_identifier: Option<Vec<CustomIdentifier>>,
}

/// A school-specific identifier pattern (e.g. the admission number format).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomIdentifier {
    pub name: String,
    pub pattern: String,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default)]
    pub negative_examples: Vec<String>,
}

/// The effective policy.
#[derive(Debug, Clone)]
pub struct Policy {
    pub passphrase: Rule,
    pub scrypt_work_factor: u8,
    pub max_scrypt_work_factor: u8,
    pub ledger_path: Option<PathBuf>,
    pub ledger_paths: LedgerPaths,
    pub syslog: Option<String>,
    pub export_folders: Vec<PathBuf>,
    pub allowed_destinations: Vec<DestinationKind>,
    pub school_name: Option<String>,
    pub roster_path: Option<PathBuf>,
    pub images_are_personal_data: bool,
    pub allow_overrides: bool,
    pub custom_identifiers: Vec<CustomIdentifier>,
    /// The policy file in effect, if any.
    pub source: Option<PathBuf>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            passphrase: Rule::default(),
            scrypt_work_factor: DEFAULT_WORK_FACTOR,
            max_scrypt_work_factor: DEFAULT_MAX_WORK_FACTOR,
            ledger_path: None,
            ledger_paths: LedgerPaths::Full,
            syslog: None,
            export_folders: Vec::new(),
            allowed_destinations: vec![DestinationKind::Anywhere],
            school_name: None,
            roster_path: None,
            images_are_personal_data: true,
            allow_overrides: true,
            custom_identifiers: Vec::new(),
            source: None,
        }
    }
}

/// The machine-wide policy location for this platform.
pub fn system_path() -> PathBuf {
    #[cfg(windows)]
    {
        let base = std::env::var_os("ProgramData").unwrap_or_else(|| "C:\\ProgramData".into());
        PathBuf::from(base).join("safecarry").join("policy.toml")
    }
    #[cfg(target_os = "macos")]
    {
        PathBuf::from("/Library/Application Support/safecarry/policy.toml")
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        PathBuf::from("/etc/safecarry/policy.toml")
    }
}

impl Policy {
    /// Loads the effective policy: the system policy if there is one; `SAFECARRY_POLICY`
    /// instead when no system policy exists or the system policy allows overrides.
    pub fn load() -> Result<Policy> {
        let system = system_path();
        let system_policy = if system.exists() {
            Some(Self::from_file(&system)?)
        } else {
            None
        };
        let override_path = std::env::var_os(POLICY_ENV).map(PathBuf::from);
        match (system_policy, override_path) {
            (Some(p), Some(o)) if !p.allow_overrides => {
                let _ = o;
                Ok(p)
            }
            (_, Some(o)) => Self::from_file(&o),
            (Some(p), None) => Ok(p),
            (None, None) => Ok(Policy::default()),
        }
    }

    /// May `SAFECARRY_LEDGER` and similar overrides be used?
    pub fn overrides_allowed(&self) -> bool {
        self.allow_overrides
    }

    /// Reads and validates one policy file.
    pub fn from_file(path: &Path) -> Result<Policy> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::refused(format!(
                "the policy file {} cannot be read: {}",
                show(path),
                crate::error::describe_io(&e).0
            ))
            .hint("ask IT to fix the policy file; nothing was sealed")
        })?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Policy> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let at = line.map(|l| format!(" at line {l}")).unwrap_or_default();
            let msg = e.message().replace('\n', " ");
            Error::refused(format!(
                "the policy file {}{at} is not valid: {msg}",
                show(path)
            ))
            .hint("ask IT to fix the policy file; nothing was sealed")
        })?;
        let bad = |key: &str, why: &str| {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with(key))
                .map(|i| format!(" (line {})", i + 1))
                .unwrap_or_default();
            Error::refused(format!("the policy file {}{line}: {key} {why}", show(path)))
                .hint("ask IT to fix the policy file; nothing was sealed")
        };
        let mut p = Policy {
            source: Some(path.to_path_buf()),
            ..Policy::default()
        };
        if let Some(s) = raw.min_passphrase_score {
            if !(3..=4).contains(&s) {
                return Err(bad("min_passphrase_score", "must be 3 or 4"));
            }
            p.passphrase.min_score = s;
        }
        if let Some(g) = raw.min_passphrase_guesses_log10 {
            if !(12.0..=40.0).contains(&g) {
                return Err(bad(
                    "min_passphrase_guesses_log10",
                    "must be between 12 and 40",
                ));
            }
            p.passphrase.min_guesses_log10 = g;
        }
        if let Some(l) = raw.min_passphrase_length {
            if l > 128 {
                return Err(bad("min_passphrase_length", "must be at most 128"));
            }
            p.passphrase.min_length = l;
        }
        if let Some(w) = raw.scrypt_work_factor {
            if !(DEFAULT_WORK_FACTOR..=22).contains(&w) {
                return Err(bad("scrypt_work_factor", "must be between 18 and 22"));
            }
            p.scrypt_work_factor = w;
        }
        if let Some(m) = raw.max_scrypt_work_factor {
            if !(DEFAULT_WORK_FACTOR..=30).contains(&m) {
                return Err(bad("max_scrypt_work_factor", "must be between 18 and 30"));
            }
            p.max_scrypt_work_factor = m;
        }
        if p.max_scrypt_work_factor < p.scrypt_work_factor {
            return Err(bad(
                "max_scrypt_work_factor",
                "must not be lower than scrypt_work_factor (files sealed here could not be opened)",
            ));
        }
        p.ledger_path = raw.ledger_path;
        if let Some(lp) = raw.ledger_paths {
            p.ledger_paths = match lp.as_str() {
                "full" => LedgerPaths::Full,
                "hashed" => LedgerPaths::Hashed,
                _ => return Err(bad("ledger_paths", "must be \"full\" or \"hashed\"")),
            };
        }
        if let Some(s) = raw.syslog {
            let ok = ["udp://", "tcp://", "unix://"]
                .iter()
                .any(|p| s.starts_with(p));
            if !ok {
                return Err(bad("syslog", "must start with udp://, tcp:// or unix://"));
            }
            p.syslog = Some(s);
        }
        p.export_folders = raw.export_folders.unwrap_or_default();
        if let Some(kinds) = raw.allowed_destinations {
            if kinds.is_empty() {
                return Err(bad("allowed_destinations", "must name at least one kind"));
            }
            let mut v = Vec::new();
            for k in kinds {
                v.push(match k.as_str() {
                    "removable" => DestinationKind::Removable,
                    "export_folder" => DestinationKind::ExportFolder,
                    "anywhere" => DestinationKind::Anywhere,
                    _ => {
                        return Err(bad(
                            "allowed_destinations",
                            "may only hold \"removable\", \"export_folder\" and \"anywhere\"",
                        ));
                    }
                });
            }
            p.allowed_destinations = v;
        }
        p.school_name = raw.school_name.filter(|s| !s.trim().is_empty());
        p.roster_path = raw.roster_path;
        if let Some(i) = raw.images_are_personal_data {
            p.images_are_personal_data = i;
        }
        if let Some(a) = raw.allow_overrides {
            p.allow_overrides = a;
        }
        p.custom_identifiers = raw.custom_identifier.unwrap_or_default();
        for c in &p.custom_identifiers {
            if regex_is_plausible(&c.pattern).is_err() {
                return Err(bad(
                    "custom_identifier",
                    &format!("\"{}\" has an empty pattern", c.name),
                ));
            }
        }
        Ok(p)
    }
}

fn regex_is_plausible(pattern: &str) -> std::result::Result<(), ()> {
    if pattern.trim().is_empty() {
        Err(())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(t: &str) -> Result<Policy> {
        Policy::parse(t, Path::new("policy.toml"))
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let p = parse("").unwrap();
        assert_eq!(p.passphrase.min_score, 3);
        assert_eq!(p.passphrase.min_guesses_log10, 12.0);
        assert_eq!(p.scrypt_work_factor, 18);
        assert_eq!(p.max_scrypt_work_factor, 22);
        assert_eq!(p.allowed_destinations, vec![DestinationKind::Anywhere]);
    }

    #[test]
    fn values_can_raise_but_never_lower_the_rules() {
        let p = parse(
            "min_passphrase_score = 4\nscrypt_work_factor = 20\nschool_name = \"Oakfield Primary\"",
        )
        .unwrap();
        assert_eq!(p.passphrase.min_score, 4);
        assert_eq!(p.scrypt_work_factor, 20);
        for bad in [
            "min_passphrase_score = 2",
            "min_passphrase_guesses_log10 = 8",
            "scrypt_work_factor = 10",
            "max_scrypt_work_factor = 12",
            "scrypt_work_factor = 21\nmax_scrypt_work_factor = 20",
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.exit, crate::error::Exit::Refused, "{bad}");
        }
    }

    #[test]
    fn unknown_keys_and_syntax_errors_name_the_line() {
        let e = parse("school_name = \"x\"\nmin_pasphrase_score = 4\n").unwrap_err();
        assert_eq!(e.exit, crate::error::Exit::Refused);
        assert!(e.message.contains("line 2"), "{}", e.message);
        assert!(e.message.contains("min_pasphrase_score"), "{}", e.message);
        let e = parse("school_name = \n").unwrap_err();
        assert!(e.message.contains("line 1"), "{}", e.message);
    }
}
