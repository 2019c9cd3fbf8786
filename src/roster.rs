//! The school roster: exact names of the school's pupils and staff, stored as keyed hashes.
//!
//! `safecarry roster import FILE` reads an MIS export (CSV or spreadsheet), finds the
//! forename, surname and preferred-name columns by their headers, and stores HMAC-SHA256
//! digests (key: 32 random bytes made at the first import, kept beside the roster,
//! owner-only) of every normalised "first last" pair. Detection then recognises those
//! people's names exactly, including names no dictionary holds.
//!
//! What this protects against, honestly: the roster file alone shows no names, so a copy of
//! it (or a glance at it) reveals nothing. It does NOT stop someone who has both the roster
//! and its key from testing guesses (every name in a phone book, say) — names are guessable,
//! so anyone with access to the machine's files could confirm whether a given person is on
//! it. It is a way not to keep a readable list, not encryption.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::detect::names::{KnownNames, fold, normalise};
use crate::detect::rules::normalise_header;
use crate::error::{Error, Result, show};
use crate::extract::{self, Segment, Status, Visitor};

type HmacSha256 = Hmac<Sha256>;

#[derive(Debug, Serialize, Deserialize)]
pub struct RosterFile {
    pub format: String,
    pub imported: String,
    pub source_file_name_hash: String,
    pub people: u64,
    pub hashes: Vec<String>,
}

/// The loaded roster.
pub struct Roster {
    key: Vec<u8>,
    hashes: HashSet<String>,
    pub people: u64,
    pub imported: String,
}

/// Where the roster lives: the policy's `roster_path`, else a machine-wide data folder.
pub fn default_path() -> PathBuf {
    crate::platform::machine_data_dir().join("roster.json")
}

fn key_path(roster: &Path) -> PathBuf {
    roster.with_extension("key")
}

fn digest(key: &[u8], full_name: &str) -> String {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(full_name.as_bytes());
    crate::output::hex(&mac.finalize().into_bytes()[..16])
}

/// Normalises a name the same way detection does: lower case, single spaces, folded.
fn norm(s: &str) -> String {
    fold(&normalise(s))
}

impl KnownNames for Roster {
    fn contains(&self, normalised_full_name: &str) -> bool {
        self.hashes
            .contains(&digest(&self.key, normalised_full_name))
    }
}

impl Roster {
    /// Loads the roster at `path`, if there is one.
    pub fn load(path: &Path) -> Result<Option<Roster>> {
        if !path.exists() {
            return Ok(None);
        }
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::io("read the roster", path, &e))?;
        let file: RosterFile = serde_json::from_str(&text).map_err(|_| {
            Error::failure(format!("the roster {} is damaged", show(path)))
                .hint("ask IT to import the roster again (safecarry roster import FILE)")
        })?;
        let key = std::fs::read(key_path(path))
            .map_err(|e| Error::io("read the roster key", &key_path(path), &e))?;
        Ok(Some(Roster {
            key,
            hashes: file.hashes.into_iter().collect(),
            people: file.people,
            imported: file.imported,
        }))
    }

    /// Reads the roster file's summary without its key (for `roster status`).
    pub fn status(path: &Path) -> Result<Option<RosterFile>> {
        if !path.exists() {
            return Ok(None);
        }
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::io("read the roster", path, &e))?;
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|_| Error::failure(format!("the roster {} is damaged", show(path))))
    }
}

/// Collects people from an MIS export's name columns.
#[derive(Default)]
struct Collector {
    /// Column index → role, per sheet.
    roles: std::collections::HashMap<(String, u32), Role>,
    /// (sheet, row) → parts found.
    rows: std::collections::BTreeMap<(String, u64), Parts>,
    failure: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    First,
    Preferred,
    Middle,
    Last,
    PreferredLast,
    Full,
}

#[derive(Default, Debug)]
struct Parts {
    first: Option<String>,
    preferred: Option<String>,
    last: Option<String>,
    preferred_last: Option<String>,
    full: Option<String>,
}

fn role_of(header: &str) -> Option<Role> {
    let h = normalise_header(header);
    let h = h.as_str();
    Some(match h {
        "forename" | "forenames" | "first name" | "first names" | "firstname" | "given name"
        | "legal forename" | "legalforename" | "pupil forename" | "student forename" => Role::First,
        "preferred forename" | "preferred name" | "preferredforename" | "known as" => {
            Role::Preferred
        }
        "middle name" | "middle names" => Role::Middle,
        "surname" | "last name" | "lastname" | "family name" | "legal surname" | "legalsurname"
        | "pupil surname" | "student surname" => Role::Last,
        "preferred surname" | "preferredsurname" => Role::PreferredLast,
        "name" | "full name" | "fullname" | "pupil name" | "student name" | "staff name"
        | "pupil" | "student" => Role::Full,
        _ => return None,
    })
}

impl Visitor for Collector {
    fn begin(&mut self, _path: &str, _format: &'static str) {}

    fn segment(&mut self, seg: &Segment<'_>) {
        let extract::Location::Cell { sheet, col, .. } = &seg.location else {
            return;
        };
        if seg.is_header {
            if let Some(r) = role_of(seg.text) {
                self.roles.insert((sheet.clone(), *col), r);
            }
            return;
        }
        let (Some(role), Some(row)) = (self.roles.get(&(sheet.clone(), *col)), seg.record) else {
            return;
        };
        let v = seg.text.trim();
        if v.is_empty() {
            return;
        }
        let parts = self.rows.entry((sheet.clone(), row)).or_default();
        let slot = match role {
            Role::First => &mut parts.first,
            Role::Preferred => &mut parts.preferred,
            Role::Middle => return,
            Role::Last => &mut parts.last,
            Role::PreferredLast => &mut parts.preferred_last,
            Role::Full => &mut parts.full,
        };
        *slot = Some(v.to_string());
    }

    fn end(&mut self, status: Status) {
        if let Status::NotInspected(r) = status {
            self.failure = Some(r);
        }
    }
}

/// Imports `source` into the roster at `dest`. Returns the number of people.
pub fn import(source: &Path, dest: &Path) -> Result<u64> {
    let mut c = Collector::default();
    let name = source
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !source.is_file() {
        return Err(Error::failure(format!("{} is not a file", show(source)))
            .hint("give the MIS export file (CSV or XLSX)"));
    }
    extract::extract_path(source, &name, &extract::Limits::default(), &mut c);
    if let Some(r) = c.failure {
        return Err(
            Error::failure(format!("could not read {}: {r}", show(source)))
                .hint("export the roster from the MIS as CSV or XLSX and try again"),
        );
    }
    if c.roles.is_empty() {
        return Err(Error::failure(format!(
            "{} has no name columns (such as Forename, Surname, Preferred Name)",
            show(source)
        ))
        .hint("export the pupil or staff list with its column headers"));
    }
    let mut names: HashSet<String> = HashSet::new();
    let mut people = 0u64;
    for p in c.rows.values() {
        let mut firsts: Vec<&str> = Vec::new();
        firsts.extend(p.first.as_deref());
        firsts.extend(p.preferred.as_deref());
        let mut lasts: Vec<&str> = Vec::new();
        lasts.extend(p.last.as_deref());
        lasts.extend(p.preferred_last.as_deref());
        let before = names.len();
        for f in &firsts {
            // "Minh Anh" as a forename: the full forename and its first word both count.
            let first_word = f.split_whitespace().next().unwrap_or(f);
            for l in &lasts {
                names.insert(norm(&format!("{f} {l}")));
                names.insert(norm(&format!("{first_word} {l}")));
            }
        }
        if let Some(full) = &p.full {
            let n = norm(full);
            if n.contains(' ') {
                names.insert(n);
            }
        }
        if names.len() > before {
            people += 1;
        }
    }
    if people == 0 {
        return Err(Error::failure(format!(
            "no names were found in {}",
            show(source)
        )));
    }
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::io("create the roster folder", dir, &e)
                .hint("run the import as an administrator, or set roster_path in the policy")
        })?;
    }
    let kp = key_path(dest);
    let key = match std::fs::read(&kp) {
        Ok(k) if k.len() == 32 => k,
        _ => {
            let mut k = vec![0u8; 32];
            rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut k);
            write_private(&kp, &k)?;
            k
        }
    };
    let mut hashes: Vec<String> = names.iter().map(|n| digest(&key, n)).collect();
    hashes.sort();
    let file = RosterFile {
        format: "safecarry-roster-1".into(),
        imported: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        source_file_name_hash: digest(&key, &name),
        people,
        hashes,
    };
    let json = serde_json::to_vec_pretty(&file).expect("roster serialises");
    write_private(dest, &json)?;
    Ok(people)
}

/// Writes a file atomically (temp file + rename) with owner-only permissions on unix.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".safecarry-roster-")
        .tempfile_in(dir)
        .map_err(|e| Error::io("write", path, &e))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Error::io("write", path, &e))?;
    tmp.persist(path)
        .map_err(|e| Error::io("write", path, &e.error))?;
    Ok(())
}
