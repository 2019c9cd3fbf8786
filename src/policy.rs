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
/// How long a writer waits for the ledger lock before giving up.
pub const DEFAULT_LEDGER_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

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
    ledger_wait_seconds: Option<u64>,
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
    /// How long to wait for another safecarry that is writing to the ledger.
    pub ledger_wait: std::time::Duration,
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
    /// Where each key's value came from ("default", "system policy …", "user settings …").
    pub origin: std::collections::BTreeMap<&'static str, String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            passphrase: Rule::default(),
            scrypt_work_factor: DEFAULT_WORK_FACTOR,
            max_scrypt_work_factor: DEFAULT_MAX_WORK_FACTOR,
            ledger_path: None,
            ledger_paths: LedgerPaths::Full,
            ledger_wait: DEFAULT_LEDGER_WAIT,
            syslog: None,
            export_folders: Vec::new(),
            allowed_destinations: vec![DestinationKind::Anywhere],
            school_name: None,
            roster_path: None,
            images_are_personal_data: true,
            allow_overrides: true,
            custom_identifiers: Vec::new(),
            source: None,
            origin: Default::default(),
        }
    }
}

/// A custom identifier must have a name, a pattern that compiles and matches all of its
/// examples, and none of its negative examples.
fn check_custom(c: &CustomIdentifier) -> std::result::Result<(), String> {
    if c.name.trim().is_empty()
        || !c
            .name
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
    {
        return Err("needs a name of letters, digits and underscores".into());
    }
    if c.examples.is_empty() {
        return Err("needs at least one example".into());
    }
    let re = regex::Regex::new(&c.pattern).map_err(|e| {
        format!(
            "has a pattern that is not valid: {}",
            e.to_string().lines().last().unwrap_or("")
        )
    })?;
    if let Some(ex) = c.examples.iter().find(|ex| !re.is_match(ex)) {
        return Err(format!("does not match its own example \"{ex}\""));
    }
    if let Some(ex) = c.negative_examples.iter().find(|ex| re.is_match(ex)) {
        return Err(format!("matches its negative example \"{ex}\""));
    }
    Ok(())
}

/// The per-user settings file (stricter-only), if the platform has a place for it.
pub fn user_path() -> Option<PathBuf> {
    #[cfg(windows)]
    {
        std::env::var_os("APPDATA").map(|a| PathBuf::from(a).join("safecarry").join("config.toml"))
    }
    #[cfg(target_os = "macos")]
    {
        std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join("Library/Application Support/safecarry/config.toml"))
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
            .map(|c| c.join("safecarry").join("config.toml"))
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
        let mut policy = Self::choose(system_policy, override_path.as_deref())?;
        if let Some(user) = user_path().filter(|p| p.exists()) {
            policy.apply_user(&user)?;
        }
        Ok(policy)
    }

    /// Which policy is in effect: `SAFECARRY_POLICY`'s file replaces the system policy only
    /// when there is no system policy or it allows overrides.
    fn choose(system: Option<Policy>, override_path: Option<&Path>) -> Result<Policy> {
        Ok(match (system, override_path) {
            (Some(p), Some(_)) if !p.allow_overrides => p,
            (_, Some(o)) => Self::from_file_as(o, "SAFECARRY_POLICY file")?,
            (Some(p), None) => p,
            (None, None) => Policy::default(),
        })
    }

    /// Applies the per-user settings file, which may only make rules stricter. A value
    /// that would weaken a rule is ignored with a warning; a key only IT may set is an
    /// error (exit 3), like any other broken settings file.
    pub fn apply_user(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::refused(format!(
                "your settings file {} cannot be read: {}",
                show(path),
                crate::error::describe_io(&e).0
            ))
        })?;
        let user = Self::parse(&text, path)?;
        let from = format!("user settings {}", path.display());
        const USER_KEYS: &[&str] = &[
            "min_passphrase_score",
            "min_passphrase_guesses_log10",
            "min_passphrase_length",
            "scrypt_work_factor",
            "allowed_destinations",
            "images_are_personal_data",
        ];
        for key in user.origin.keys() {
            if !USER_KEYS.contains(key) {
                return Err(Error::refused(format!(
                    "your settings file {} sets {key}, which only IT can set in the school's policy",
                    show(path)
                ))
                .hint(format!("remove {key} from your settings file")));
            }
        }
        let mut weaker = Vec::new();
        let mut take =
            |key: &'static str,
             stricter: bool,
             origin: &mut std::collections::BTreeMap<&'static str, String>| {
                if !user.origin.contains_key(key) {
                    return false;
                }
                if stricter {
                    origin.insert(key, from.clone());
                    true
                } else {
                    weaker.push(key);
                    false
                }
            };
        if take(
            "min_passphrase_score",
            user.passphrase.min_score >= self.passphrase.min_score,
            &mut self.origin,
        ) {
            self.passphrase.min_score = user.passphrase.min_score;
        }
        if take(
            "min_passphrase_guesses_log10",
            user.passphrase.min_guesses_log10 >= self.passphrase.min_guesses_log10,
            &mut self.origin,
        ) {
            self.passphrase.min_guesses_log10 = user.passphrase.min_guesses_log10;
        }
        if take(
            "min_passphrase_length",
            user.passphrase.min_length >= self.passphrase.min_length,
            &mut self.origin,
        ) {
            self.passphrase.min_length = user.passphrase.min_length;
        }
        let wf_ok = user.scrypt_work_factor >= self.scrypt_work_factor
            && user.scrypt_work_factor <= self.max_scrypt_work_factor;
        if take("scrypt_work_factor", wf_ok, &mut self.origin) {
            self.scrypt_work_factor = user.scrypt_work_factor;
        }
        let narrower = self
            .allowed_destinations
            .contains(&DestinationKind::Anywhere)
            || user
                .allowed_destinations
                .iter()
                .all(|k| self.allowed_destinations.contains(k));
        if take("allowed_destinations", narrower, &mut self.origin) {
            self.allowed_destinations = user.allowed_destinations.clone();
        }
        if take(
            "images_are_personal_data",
            user.images_are_personal_data || !self.images_are_personal_data,
            &mut self.origin,
        ) {
            self.images_are_personal_data = user.images_are_personal_data;
        }
        for key in weaker {
            crate::ui::warn(&format!(
                "your settings file asks for a weaker {key} than the school's policy; the policy's value is used"
            ));
        }
        Ok(())
    }

    /// May `SAFECARRY_LEDGER` and similar overrides be used?
    pub fn overrides_allowed(&self) -> bool {
        self.allow_overrides
    }

    /// Reads and validates one policy file.
    pub fn from_file(path: &Path) -> Result<Policy> {
        Self::from_file_as(path, "system policy")
    }

    fn from_file_as(path: &Path, what: &str) -> Result<Policy> {
        let mut p = Self::read_file(path)?;
        let label = format!("{what} {}", path.display());
        for v in p.origin.values_mut() {
            *v = label.clone();
        }
        Ok(p)
    }

    fn read_file(path: &Path) -> Result<Policy> {
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
        let here = path.display().to_string();
        for (key, set) in [
            ("min_passphrase_score", raw.min_passphrase_score.is_some()),
            (
                "min_passphrase_guesses_log10",
                raw.min_passphrase_guesses_log10.is_some(),
            ),
            ("min_passphrase_length", raw.min_passphrase_length.is_some()),
            ("scrypt_work_factor", raw.scrypt_work_factor.is_some()),
            (
                "max_scrypt_work_factor",
                raw.max_scrypt_work_factor.is_some(),
            ),
            ("ledger_path", raw.ledger_path.is_some()),
            ("ledger_paths", raw.ledger_paths.is_some()),
            ("ledger_wait_seconds", raw.ledger_wait_seconds.is_some()),
            ("syslog", raw.syslog.is_some()),
            ("export_folders", raw.export_folders.is_some()),
            ("allowed_destinations", raw.allowed_destinations.is_some()),
            ("school_name", raw.school_name.is_some()),
            ("roster_path", raw.roster_path.is_some()),
            (
                "images_are_personal_data",
                raw.images_are_personal_data.is_some(),
            ),
            ("allow_overrides", raw.allow_overrides.is_some()),
            ("custom_identifier", raw.custom_identifier.is_some()),
        ] {
            if set {
                p.origin.insert(key, here.clone());
            }
        }
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
        if let Some(w) = raw.ledger_wait_seconds {
            if !(1..=3600).contains(&w) {
                return Err(bad("ledger_wait_seconds", "must be between 1 and 3600"));
            }
            p.ledger_wait = std::time::Duration::from_secs(w);
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
            check_custom(c)
                .map_err(|why| bad("custom_identifier", &format!("\"{}\" {why}", c.name)))?;
        }
        Ok(p)
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
    fn a_system_policy_can_lock_out_the_override_file() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.toml");
        std::fs::write(&other, "min_passphrase_score = 4\n").unwrap();
        let locked = parse("allow_overrides = false\nschool_name = \"System\"\n").unwrap();
        let p = Policy::choose(Some(locked), Some(&other)).unwrap();
        assert_eq!(
            p.school_name.as_deref(),
            Some("System"),
            "the system policy stays"
        );
        assert_eq!(p.passphrase.min_score, 3);
        let open = parse("school_name = \"System\"\n").unwrap();
        let p = Policy::choose(Some(open), Some(&other)).unwrap();
        assert_eq!(
            p.passphrase.min_score, 4,
            "overrides allowed: the other file is used"
        );
        let p = Policy::choose(None, Some(&other)).unwrap();
        assert_eq!(
            p.passphrase.min_score, 4,
            "no system policy: the other file is used"
        );
        assert_eq!(Policy::choose(None, None).unwrap().passphrase.min_score, 3);
        // A broken override file fails closed.
        std::fs::write(&other, "min_passphrase_score = \n").unwrap();
        assert!(Policy::choose(None, Some(&other)).is_err());
    }

    #[test]
    fn the_example_policy_for_it_is_valid() {
        let p = Policy::parse(
            include_str!("../packaging/policy.example.toml"),
            Path::new("example"),
        )
        .unwrap();
        assert_eq!(p.school_name.as_deref(), Some("Oakfield Primary School"));
        assert!(!p.allow_overrides);
        assert_eq!(p.custom_identifiers.len(), 1);
    }

    #[test]
    fn custom_identifiers_must_match_their_examples() {
        let ok = "[[custom_identifier]]\nname = \"admission_number\"\npattern = 'ADM[0-9]{6}'\nexamples = [\"ADM123456\"]\nnegative_examples = [\"ADM12\"]\n";
        assert_eq!(parse(ok).unwrap().custom_identifiers.len(), 1);
        let bad = ok.replace("ADM123456", "XYZ123456");
        let e = parse(&bad).unwrap_err();
        assert!(e.message.contains("own example"), "{}", e.message);
        let e = parse(&ok.replace("ADM[0-9]{6}", "ADM[0-9")).unwrap_err();
        assert!(e.message.contains("not valid"), "{}", e.message);
    }

    #[test]
    fn user_settings_only_make_rules_stricter() {
        let dir = tempfile::tempdir().unwrap();
        let user = dir.path().join("config.toml");
        std::fs::write(
            &user,
            "min_passphrase_score = 4\nmin_passphrase_guesses_log10 = 12\n",
        )
        .unwrap();
        let mut p = parse("min_passphrase_guesses_log10 = 14\n").unwrap();
        p.apply_user(&user).unwrap();
        assert_eq!(p.passphrase.min_score, 4, "raised by the user");
        assert_eq!(
            p.passphrase.min_guesses_log10, 14.0,
            "not lowered by the user"
        );
        assert!(p.origin["min_passphrase_score"].starts_with("user settings"));
        std::fs::write(&user, "ledger_path = \"/tmp/x\"\n").unwrap();
        let e = p.apply_user(&user).unwrap_err();
        assert_eq!(e.exit, crate::error::Exit::Refused);
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
