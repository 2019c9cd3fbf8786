//! The transfer ledger: where it lives, what each event records, and appending entries
//! (with syslog forwarding). The format is in docs/ledger-format.md, IT's guide in
//! docs/ledger.md.
//!
//! - [`entry`]: entry types, canonical form, hashing.
//! - [`store`]: locking, appending, torn-line recovery, reading and verifying.
//! - [`syslog`]: RFC 5424 forwarding and the pending queue.
//! - [`report`]: show, export and the lost-media report.

pub mod entry;
pub mod report;
pub mod store;
pub mod syslog;

use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use serde_json::{Map, Value, json};
use sha2::Sha256;

use crate::error::{Error, Result, show};
use crate::policy::{LEDGER_ENV, LedgerPaths, Policy};

pub use entry::Event;

/// The ledger as the policy configures it.
#[derive(Debug, Clone)]
pub struct Ledger {
    pub path: PathBuf,
    pub paths: LedgerPaths,
    pub syslog: Option<String>,
    pub policy_file: Option<PathBuf>,
    /// How long to wait for another writer's lock.
    pub wait: std::time::Duration,
    /// Said once when the default location fell back to the user's own folder.
    pub note: Option<String>,
}

/// The machine-wide default ledger for this platform.
pub fn system_default() -> PathBuf {
    crate::platform::machine_data_dir().join("ledger.jsonl")
}

/// The per-user fallback when the machine-wide folder cannot be written.
pub fn user_default() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    #[cfg(windows)]
    {
        let _ = home;
        std::env::var_os("LOCALAPPDATA")
            .map(|d| PathBuf::from(d).join("safecarry").join("ledger.jsonl"))
    }
    #[cfg(target_os = "macos")]
    {
        home.map(|h| h.join("Library/Application Support/safecarry/ledger.jsonl"))
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        std::env::var_os("XDG_STATE_HOME")
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .or_else(|| home.map(|h| h.join(".local/state")))
            .map(|d| d.join("safecarry").join("ledger.jsonl"))
    }
}

fn writable(path: &Path) -> bool {
    let Some(dir) = path.parent() else {
        return false;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(store::sibling(path, ".lock"))
        .is_ok()
}

impl Ledger {
    /// The ledger the policy names: `SAFECARRY_LEDGER` (when overrides are allowed), else
    /// `ledger_path`, else the platform default. `for_writing` decides the fallback: a
    /// writer falls back to the user's folder when the machine folder is not writable; a
    /// reader uses the machine ledger when it exists.
    pub fn for_policy(policy: &Policy, for_writing: bool) -> Ledger {
        let env = std::env::var_os(LEDGER_ENV)
            .filter(|v| !v.is_empty() && policy.overrides_allowed())
            .map(PathBuf::from);
        let mut note = None;
        let path = match env.or_else(|| policy.ledger_path.clone()) {
            Some(p) => p,
            None => {
                let sys = system_default();
                let use_sys = if for_writing {
                    writable(&sys)
                } else {
                    sys.exists()
                };
                match user_default() {
                    Some(user) if !use_sys => {
                        note = Some(format!(
                            "note: the machine-wide ledger {} cannot be written, so this transfer is recorded in {}",
                            show(&sys),
                            show(&user)
                        ));
                        user
                    }
                    _ => sys,
                }
            }
        };
        Ledger {
            path,
            paths: policy.ledger_paths,
            syslog: policy.syslog.clone(),
            policy_file: policy.source.clone(),
            wait: policy.ledger_wait,
            note,
        }
    }

    /// The members every entry starts with.
    pub fn context(&self, event: Event) -> Map<String, Value> {
        let user = crate::platform::user_names().into_iter().next();
        let v = json!({
            "v": entry::FORMAT_VERSION,
            "event": event.as_str(),
            "time": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "user": user,
            "host": crate::platform::host_name(),
            "tool_version": env!("CARGO_PKG_VERSION"),
            "policy": self.policy_file.as_ref().map(|p| p.to_string_lossy().into_owned()),
            "ledger_paths": match self.paths { LedgerPaths::Full => "full", LedgerPaths::Hashed => "hashed" },
        });
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    /// `{"path": P}` or, with hashed paths, `{"path_hash": "hmac-sha256:…"}`, into `obj`.
    pub fn put_path(&self, obj: &mut Map<String, Value>, path: &Path) -> Result<()> {
        // Absolute where the path still exists, so entries mean the same from any folder.
        let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let text = full.to_string_lossy();
        // Windows' canonical form starts with \\?\ ; drop it for readable entries.
        let text = text.strip_prefix(r"\\?\").unwrap_or(&text);
        match self.paths {
            LedgerPaths::Full => {
                obj.insert("path".into(), json!(text));
            }
            LedgerPaths::Hashed => {
                obj.insert("path_hash".into(), json!(self.path_hash(text)?));
            }
        }
        Ok(())
    }

    /// The keyed hash of a path: HMAC-SHA256 under the per-install key.
    pub fn path_hash(&self, text: &str) -> Result<String> {
        let key = self.key()?;
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key)
            .map_err(|_| Error::failure("the ledger key is unusable"))?;
        mac.update(text.as_bytes());
        Ok(format!(
            "hmac-sha256:{}",
            entry::hex(&mac.finalize().into_bytes())
        ))
    }

    /// The per-install HMAC key (`ledger.key` beside the ledger), made on first use.
    fn key(&self) -> Result<Vec<u8>> {
        self.key_or_make(true)
    }

    fn key_or_make(&self, may_make: bool) -> Result<Vec<u8>> {
        let p = key_path(&self.path);
        let read = std::fs::read_to_string(&p);
        if let Ok(text) = read {
            if let Some(k) = unhex(text.trim()).filter(|k| k.len() == 32) {
                return Ok(k);
            }
            return Err(
                Error::failure(format!("the ledger key {} is damaged", show(&p)))
                    .hint("ask IT: restore ledger.key from a backup (hashed paths depend on it)"),
            );
        }
        if !may_make {
            // It exists (another process made it) but cannot be read.
            let e = read
                .err()
                .unwrap_or_else(|| std::io::Error::other("unreadable"));
            return Err(Error::io("read the ledger key", &p, &e)
                .hint("ask IT: the ledger key must be readable by everyone who seals"));
        }
        use rand::RngCore;
        let mut k = vec![0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut k);
        if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&p)?;
            crate::platform::owner_only(&p, false)?;
            f.write_all(format!("{}\n", entry::hex(&k)).as_bytes())?;
            f.sync_all()
        };
        match write() {
            Ok(()) => Ok(k),
            // Another process made it first: use theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => self.key_or_make(false),
            Err(e) => Err(Error::io("create the ledger key", &p, &e)),
        }
    }

    /// Checks, before anything is sealed, that an entry can be appended: the lock can be
    /// taken (waiting for another writer up to the policy's limit), the ledger file can be
    /// opened for writing and, with hashed paths, the key is usable. A seal that could not
    /// be recorded is refused up front rather than done and left unrecorded.
    pub fn ready(&self) -> Result<()> {
        let fail = |why: String| {
            Error::failure(format!(
                "the transfer ledger {} cannot be written ({why}), so nothing was sealed",
                show(&self.path)
            ))
            .hint(
                "tell IT: safecarry records every transfer and cannot seal until the ledger works",
            )
        };
        let locked = store::lock(&self.path, true, self.wait).map_err(|e| fail(store_error(&e)))?;
        if self.path.exists() {
            std::fs::OpenOptions::new()
                .append(true)
                .open(locked.path())
                .map_err(|e| fail(crate::error::describe_io(&e).0))?;
            locked.check_tail().map_err(|e| fail(store_error(&e)))?;
        }
        if self.paths == LedgerPaths::Hashed {
            self.key().map_err(|e| fail(e.message))?;
        }
        Ok(())
    }

    /// Appends entries under the lock, fsynced, then forwards to syslog. Forwarding
    /// problems are warnings; the entries stay pending.
    pub fn append(&self, bodies: Vec<Map<String, Value>>) -> Result<Vec<Value>> {
        let fail = |why: String| {
            Error::failure(format!(
                "could not record this in the transfer ledger {}: {why}",
                show(&self.path)
            ))
        };
        let locked = store::lock(&self.path, true, self.wait).map_err(|e| fail(store_error(&e)))?;
        let appended = locked.append(bodies).map_err(|e| fail(store_error(&e)))?;
        if appended.torn_bytes > 0 {
            crate::ui::warn(&format!(
                "the ledger ended with an incomplete entry ({} bytes, from a crash); it was set aside in {} and the ledger carries on",
                appended.torn_bytes,
                show(&store::sibling(&self.path, ".torn"))
            ));
        }
        if let Some(url) = &self.syslog
            && let Err(e) = syslog::forward(&locked, url, &appended.entries)
        {
            crate::ui::warn(&format!(
                "could not send the ledger entry to the school's log server ({}); it will be sent next time",
                crate::error::describe_io(&e).0
            ));
        }
        Ok(appended.entries)
    }
}

pub fn key_path(ledger: &Path) -> PathBuf {
    ledger.with_file_name("ledger.key")
}

fn store_error(e: &store::StoreError) -> String {
    match e {
        store::StoreError::Io(io) => crate::error::describe_io(io).0,
        store::StoreError::Busy(wait) => format!(
            "another safecarry kept it busy for more than {} seconds",
            wait.as_secs()
        ),
        store::StoreError::DamagedTail(s) => format!("the ledger is damaged: {s}"),
    }
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Makes an error message safe for a hashed-paths ledger: quoted names are withheld.
pub fn withhold_names(message: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for ch in message.chars() {
        if ch == '"' {
            if !inside {
                out.push_str("[name withheld]");
            }
            inside = !inside;
        } else if !inside {
            out.push(ch);
        }
    }
    out
}

/// Everything a `seal` or `seal_failed` entry records.
pub struct SealRecord<'a> {
    pub plan: &'a crate::collect::Plan,
    pub item_sha256: &'a [Option<String>],
    pub detection: &'a crate::detect::Summary,
    pub destination: &'a crate::destinations::Destination,
    pub verdict: &'a crate::passphrase::strength::Verdict,
    pub generated: bool,
    pub work_factor: u8,
    pub output: Option<&'a crate::output::Committed>,
    pub target: &'a Path,
    pub failure: Option<&'a str>,
}

impl Ledger {
    /// The `seal` (or, with `failure`, `seal_failed`) entry body.
    pub fn seal_body(&self, r: &SealRecord<'_>) -> Result<Map<String, Value>> {
        let event = if r.failure.is_some() {
            Event::SealFailed
        } else {
            Event::Seal
        };
        let mut m = self.context(event);
        let mut items = Vec::new();
        for (i, item) in r.plan.items.iter().enumerate() {
            let mut o = Map::new();
            self.put_path(&mut o, &item.source)?;
            let is_dir = item.kind == crate::collect::Kind::Dir;
            o.insert("kind".into(), json!(if is_dir { "folder" } else { "file" }));
            o.insert("size".into(), json!(item.size));
            o.insert(
                "sha256".into(),
                json!(r.item_sha256.get(i).cloned().flatten()),
            );
            items.push(Value::Object(o));
        }
        m.insert("items".into(), Value::Array(items));
        m.insert("files".into(), json!(r.plan.file_count()));
        m.insert("bytes".into(), json!(r.plan.total_bytes()));
        let d = r.detection;
        m.insert(
            "detection".into(),
            json!({
                "personal_data": d.personal_data,
                "special_category": d.special_category,
                "categories": d.categories,
                "subjects": d.subjects,
                "files": d.files,
                "files_with_personal_data": d.files_with_personal_data,
                "files_not_inspected": d.files_not_inspected,
            }),
        );
        let mut dest = Map::new();
        dest.insert("kind".into(), json!(r.destination.kind.as_str()));
        dest.insert("label".into(), json!(r.destination.label));
        dest.insert("volume_id".into(), json!(r.destination.volume_id));
        self.put_path(&mut dest, r.target)?;
        m.insert("destination".into(), Value::Object(dest));
        m.insert(
            "passphrase".into(),
            json!({
                "score": r.verdict.score,
                "guesses_log10_tenths": (r.verdict.guesses_log10 * 10.0).round().max(0.0) as u64,
                "generated": r.generated,
            }),
        );
        m.insert("scrypt_work_factor".into(), json!(r.work_factor));
        match r.output {
            Some(o) => {
                let mut out = Map::new();
                self.put_path(&mut out, &o.path)?;
                out.insert("size".into(), json!(o.size));
                out.insert("sha256".into(), json!(o.sha256));
                m.insert("output".into(), Value::Object(out));
                m.insert("verified".into(), json!(o.verified));
            }
            None => {
                m.insert("output".into(), Value::Null);
                m.insert("verified".into(), json!(false));
            }
        }
        if let Some(reason) = r.failure {
            let reason = match self.paths {
                LedgerPaths::Full => reason.to_string(),
                LedgerPaths::Hashed => withhold_names(reason),
            };
            m.insert("reason".into(), json!(reason));
        }
        Ok(m)
    }

    /// The `open` entry body.
    pub fn open_body(
        &self,
        input: &Path,
        outcome: &crate::open::Outcome,
        target: &Path,
    ) -> Result<Map<String, Value>> {
        let mut m = self.context(Event::Open);
        let mut i = Map::new();
        self.put_path(&mut i, input)?;
        i.insert("sha256".into(), json!(outcome.sealed_sha256));
        i.insert(
            "size".into(),
            json!(std::fs::metadata(input).map(|m| m.len()).ok()),
        );
        m.insert("input".into(), Value::Object(i));
        m.insert(
            "restored".into(),
            json!({"files": outcome.files, "folders": outcome.folders, "bytes": outcome.bytes}),
        );
        let mut t = Map::new();
        let canon = std::fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf());
        self.put_path(&mut t, &canon)?;
        m.insert("target".into(), Value::Object(t));
        Ok(m)
    }

    /// The `check` entry body (reserved for the `check` command): what was scanned and
    /// the detection summary, no output.
    pub fn check_body(
        &self,
        inputs: &[PathBuf],
        detection: &crate::detect::Summary,
    ) -> Result<Map<String, Value>> {
        let mut m = self.context(Event::Check);
        let mut items = Vec::new();
        for p in inputs {
            let mut o = Map::new();
            self.put_path(&mut o, p)?;
            items.push(Value::Object(o));
        }
        m.insert("items".into(), Value::Array(items));
        m.insert(
            "detection".into(),
            json!({
                "personal_data": detection.personal_data,
                "special_category": detection.special_category,
                "categories": detection.categories,
                "subjects": detection.subjects,
                "files": detection.files,
            }),
        );
        Ok(m)
    }
}

/// Appends synthetic entries in one locked batch with one fsync: for the benchmark
/// generator (`examples/ledger-fill.rs`) only. Real events always go through
/// [`Ledger::append`].
pub fn append_batch_for_benchmarks(path: &Path, bodies: Vec<Map<String, Value>>) -> Result<u64> {
    let locked = store::lock(path, true, crate::policy::DEFAULT_LEDGER_WAIT)
        .map_err(|e| Error::failure(store_error(&e)))?;
    let a = locked
        .append(bodies)
        .map_err(|e| Error::failure(store_error(&e)))?;
    Ok(a.entries.len() as u64)
}
