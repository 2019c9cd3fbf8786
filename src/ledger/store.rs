//! The ledger file on disk: the lock, appending (with torn-tail recovery and fsync), and
//! reading and verifying the chain.
//!
//! Writers hold an exclusive lock on a sibling `LEDGER.lock` file (not the ledger itself:
//! on Windows a locked range cannot even be read by others). Readers take a shared lock so
//! they never see a half-written line. Each append is one `write` of whole lines followed
//! by `fsync`; the folder is fsynced when the ledger is created.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::entry::{self, GENESIS};

/// A path with a suffix added to its file name (`ledger.jsonl` → `ledger.jsonl.lock`).
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[derive(Debug)]
pub enum StoreError {
    Io(io::Error),
    /// Another process held the lock for longer than the timeout.
    Busy(Duration),
    /// The last complete entry cannot be read, so nothing can be chained onto it.
    DamagedTail(String),
}

impl From<io::Error> for StoreError {
    fn from(e: io::Error) -> Self {
        StoreError::Io(e)
    }
}

/// A held lock on the ledger.
pub struct Locked {
    path: PathBuf,
    _lock: File,
}

/// Takes the ledger lock, waiting (with one message on stderr) up to `wait`.
pub fn lock(path: &Path, exclusive: bool, wait: Duration) -> Result<Locked, StoreError> {
    if exclusive && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let lock_path = sibling(path, ".lock");
    let file = if exclusive {
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)?
    } else {
        File::open(&lock_path)?
    };
    let start = Instant::now();
    let mut told = false;
    loop {
        let r = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match r {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) => {
                if start.elapsed() > wait {
                    return Err(StoreError::Busy(wait));
                }
                if !told && start.elapsed() > Duration::from_millis(500) {
                    crate::ui::say(&format!(
                        "Waiting for the transfer ledger, which another safecarry is using (up to {} seconds)…",
                        wait.as_secs()
                    ));
                    told = true;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
        }
    }
    Ok(Locked {
        path: path.to_path_buf(),
        _lock: file,
    })
}

/// What an append did besides appending.
#[derive(Debug, Default)]
pub struct Appended {
    pub entries: Vec<Value>,
    /// Bytes of a torn last line that were moved to `LEDGER.torn`.
    pub torn_bytes: u64,
}

impl Locked {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends entries (bodies without seq/prev/hash) and fsyncs. A torn last line left by
    /// a crash is first moved to `LEDGER.torn`, and the first new entry records that.
    pub fn append(&self, bodies: Vec<Map<String, Value>>) -> Result<Appended, StoreError> {
        let (mut file, created) = match OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&self.path)
        {
            Ok(f) => (f, true),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => (
                OpenOptions::new().read(true).write(true).open(&self.path)?,
                false,
            ),
            Err(e) => return Err(e.into()),
        };
        if created {
            crate::platform::owner_only(&self.path, false).ok();
            if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
                crate::platform::sync_dir(dir)?;
            }
        }
        let len = file.metadata()?.len();
        let tail = read_tail(&mut file, len)?;
        let mut torn_bytes = 0;
        let mut torn_note = None;
        if !tail.torn.is_empty() {
            torn_bytes = tail.torn.len() as u64;
            self.set_aside(&tail.torn, tail.complete_end)?;
            file.set_len(tail.complete_end)?;
            file.sync_all()?;
            torn_note = Some(serde_json::json!({
                "bytes": torn_bytes,
                "sha256": entry::hex(&Sha256::digest(&tail.torn)),
            }));
        }
        let (mut seq, mut prev) = match &tail.last_line {
            None => (0, GENESIS.to_string()),
            Some(line) => last_link(line).ok_or_else(|| {
                StoreError::DamagedTail(
                    "its last complete entry cannot be read, so new entries cannot be chained onto it"
                        .into(),
                )
            })?,
        };
        let mut out = Vec::new();
        let mut entries = Vec::with_capacity(bodies.len());
        for (i, mut body) in bodies.into_iter().enumerate() {
            if i == 0
                && let Some(n) = torn_note.take()
            {
                body.insert("torn_tail_set_aside".into(), n);
            }
            seq += 1;
            let line = entry::seal_entry(&mut body, seq, &prev)
                .map_err(|e| StoreError::Io(io::Error::other(e.0)))?;
            prev = body["hash"].as_str().unwrap_or_default().to_string();
            out.extend_from_slice(&line);
            out.push(b'\n');
            entries.push(Value::Object(body));
        }
        file.seek(SeekFrom::Start(tail.complete_end))?;
        file.write_all(&out)?;
        file.sync_all()?;
        Ok(Appended {
            entries,
            torn_bytes,
        })
    }

    /// Can a new entry be chained on? (The last complete entry must be readable; a torn
    /// line after it is fine: the next append sets it aside.)
    pub fn check_tail(&self) -> Result<(), StoreError> {
        let mut file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        let len = file.metadata()?.len();
        let tail = read_tail(&mut file, len)?;
        match &tail.last_line {
            Some(line) if last_link(line).is_none() => Err(StoreError::DamagedTail(
                "its last complete entry cannot be read, so new entries cannot be chained onto it"
                    .into(),
            )),
            _ => Ok(()),
        }
    }

    fn set_aside(&self, torn: &[u8], offset: u64) -> io::Result<()> {
        let path = sibling(&self.path, ".torn");
        let mut f = OpenOptions::new().create(true).append(true).open(&path)?;
        let note = format!(
            "# {} safecarry set aside {} bytes found at byte {} of the ledger: an entry whose writing was cut short\n",
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            torn.len(),
            offset
        );
        f.write_all(note.as_bytes())?;
        f.write_all(torn)?;
        f.write_all(b"\n")?;
        f.sync_all()
    }
}

fn last_link(line: &[u8]) -> Option<(u64, String)> {
    let v: Value = serde_json::from_slice(line).ok()?;
    let seq = v.get("seq")?.as_u64()?;
    let hash = v.get("hash")?.as_str()?;
    entry::is_hash(hash).then(|| (seq, hash.to_string()))
}

struct Tail {
    /// Bytes after the last newline (a torn write), usually empty.
    torn: Vec<u8>,
    /// Length of the file up to and including the last newline.
    complete_end: u64,
    /// The last complete line, without its newline.
    last_line: Option<Vec<u8>>,
}

/// Reads backwards from the end for the last complete line and any torn bytes after it.
fn read_tail(file: &mut File, len: u64) -> io::Result<Tail> {
    const BLOCK: u64 = 64 * 1024;
    let mut buf: Vec<u8> = Vec::new(); // file[pos..len]
    let mut pos = len;
    // Find the last newline, then the one before it.
    let mut last_nl: Option<u64> = None;
    loop {
        let search_from = if let Some(n) = last_nl {
            n - pos
        } else {
            buf.len() as u64
        };
        let found = buf[..search_from as usize]
            .iter()
            .rposition(|&b| b == b'\n')
            .map(|i| pos + i as u64);
        match (last_nl, found) {
            (None, Some(n)) => {
                last_nl = Some(n);
                continue;
            }
            (Some(end), Some(start)) => {
                let torn = buf[(end + 1 - pos) as usize..].to_vec();
                let line = buf[(start + 1 - pos) as usize..(end - pos) as usize].to_vec();
                return Ok(Tail {
                    torn,
                    complete_end: end + 1,
                    last_line: Some(line),
                });
            }
            _ => {}
        }
        if pos == 0 {
            return Ok(match last_nl {
                None => Tail {
                    torn: buf,
                    complete_end: 0,
                    last_line: None,
                },
                Some(end) => Tail {
                    torn: buf[(end + 1) as usize..].to_vec(),
                    complete_end: end + 1,
                    last_line: Some(buf[..end as usize].to_vec()),
                },
            });
        }
        let start = pos.saturating_sub(BLOCK);
        let mut chunk = vec![0u8; (pos - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut chunk)?;
        chunk.extend_from_slice(&buf);
        buf = chunk;
        pos = start;
    }
}

/// Reads the whole ledger under a shared lock (or without one when the lock file cannot
/// be opened, e.g. a copy IT is examining). A missing ledger reads as empty.
pub fn read_all(path: &Path) -> io::Result<Vec<u8>> {
    let _guard = lock(path, false, crate::policy::DEFAULT_LEDGER_WAIT).ok();
    match std::fs::read(path) {
        Ok(d) => Ok(d),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// The first problem found in a ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number.
    pub line: u64,
    /// The entry's own `seq`, when it could be read.
    pub seq: Option<u64>,
    pub what: String,
    /// True when the problem is an incomplete last line (a cut-short write).
    pub torn: bool,
}

/// The outcome of verifying a ledger.
#[derive(Debug, Clone, Default)]
pub struct Verification {
    /// Entries checked and found good (up to the first problem).
    pub entries: u64,
    /// Hash and seq of the last good entry.
    pub head: Option<(u64, String)>,
    pub problem: Option<Problem>,
    /// With `--head`: the seq of the entry whose hash is the checkpoint, if found.
    pub checkpoint_seq: Option<u64>,
}

enum LineCheck {
    Good {
        seq: u64,
        prev: String,
        hash: String,
    },
    Bad {
        seq: Option<u64>,
        what: String,
    },
}

fn check_line(line: &[u8]) -> LineCheck {
    fast_check(line).unwrap_or_else(|| slow_check(line))
}

/// The common case, without building a JSON tree: every entry safecarry writes is already
/// in canonical form, so its canonical form without `hash` is the line with the `hash`
/// member cut out. If the SHA-256 of those bytes is the stored hash, the entry is intact.
/// Anything unusual (the member not found exactly once, a mismatch) goes to the full check,
/// which re-serialises canonically and names the problem.
fn fast_check(line: &[u8]) -> Option<LineCheck> {
    let text = std::str::from_utf8(line).ok()?;
    if !text.starts_with('{') || !text.ends_with('}') {
        return None;
    }
    let once = |pat: &str| -> Option<usize> {
        let mut it = text.match_indices(pat);
        let (i, _) = it.next()?;
        it.next().is_none().then_some(i)
    };
    let h_at = once("\"hash\":\"")?;
    let hash = text.get(h_at + 8..h_at + 72)?;
    if !entry::is_hash(hash) || text.as_bytes().get(h_at + 72) != Some(&b'"') {
        return None;
    }
    let member_end = h_at + 73;
    // Cut `,"hash":"…"` (or `"hash":"…",` when it is the first member).
    let (cut_from, cut_to) = match (text.as_bytes()[h_at - 1], text.as_bytes()[member_end]) {
        (b',', _) => (h_at - 1, member_end),
        (b'{', b',') => (h_at, member_end + 1),
        (b'{', b'}') => (h_at, member_end),
        _ => return None,
    };
    let mut hasher = sha2::Sha256::new();
    sha2::Digest::update(&mut hasher, &line[..cut_from]);
    sha2::Digest::update(&mut hasher, &line[cut_to..]);
    if entry::hex(&sha2::Digest::finalize(hasher)) != hash {
        return None;
    }
    let p_at = once("\"prev\":\"")?;
    let prev = text.get(p_at + 8..p_at + 72)?;
    if !entry::is_hash(prev) {
        return None;
    }
    let s_at = once("\"seq\":")?;
    let digits: String = text[s_at + 6..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let seq: u64 = digits.parse().ok()?;
    Some(LineCheck::Good {
        seq,
        prev: prev.to_string(),
        hash: hash.to_string(),
    })
}

fn slow_check(line: &[u8]) -> LineCheck {
    let v: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(_) => {
            return LineCheck::Bad {
                seq: None,
                what: "is not a readable ledger entry (it is not valid JSON)".into(),
            };
        }
    };
    let Some(obj) = v.as_object() else {
        return LineCheck::Bad {
            seq: None,
            what: "is not a ledger entry (it is not a JSON object)".into(),
        };
    };
    let seq = obj.get("seq").and_then(Value::as_u64);
    let hash = obj
        .get("hash")
        .and_then(Value::as_str)
        .filter(|h| entry::is_hash(h));
    let prev = obj
        .get("prev")
        .and_then(Value::as_str)
        .filter(|h| entry::is_hash(h));
    let (Some(s), Some(h), Some(p)) = (seq, hash, prev) else {
        return LineCheck::Bad {
            seq,
            what: "lacks a valid seq, prev or hash".into(),
        };
    };
    match entry::compute_hash(obj) {
        Ok(actual) if actual == h => LineCheck::Good {
            seq: s,
            prev: p.to_string(),
            hash: actual,
        },
        Ok(_) => LineCheck::Bad {
            seq,
            what: "does not match its own hash: it was changed after it was written".into(),
        },
        Err(e) => LineCheck::Bad {
            seq,
            what: format!("is not in the ledger format: {}", e.0),
        },
    }
}

/// Splits into lines; the bool is true when the data ends in a torn (unterminated) line.
fn lines(data: &[u8]) -> (Vec<&[u8]>, bool) {
    let mut v: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    let torn = match v.last() {
        Some(&[]) => {
            v.pop();
            false
        }
        Some(_) => true,
        None => false,
    };
    (v, torn)
}

/// Verifies every link. Entries are hashed on all cores; the chain is then walked in order
/// and the first problem is reported.
pub fn verify(data: &[u8], checkpoint: Option<&str>) -> Verification {
    let (lines, torn) = lines(data);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk = lines.len().div_ceil(threads).max(1);
    let checks: Vec<LineCheck> = std::thread::scope(|s| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|l| check_line(l)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut out = Verification::default();
    let mut prev_hash = GENESIS.to_string();
    let last = lines.len();
    for (i, c) in checks.into_iter().enumerate() {
        let line = i as u64 + 1;
        let expected = out.entries + 1;
        let is_torn = torn && i + 1 == last;
        let bad = |seq: Option<u64>, what: String| Problem {
            line,
            seq,
            what,
            torn: false,
        };
        let problem = match c {
            _ if is_torn => Some(Problem {
                line,
                seq: None,
                what: "is incomplete: writing it was cut short (a crash or power cut); the next \
                       seal will set it aside in the .torn file and carry on"
                    .into(),
                torn: true,
            }),
            LineCheck::Bad { seq, what } => Some(bad(seq, what)),
            LineCheck::Good { seq, .. } if seq != expected => Some(bad(
                Some(seq),
                format!(
                    "has seq {seq} where {expected} was expected: an entry before it is missing, or entries are out of order"
                ),
            )),
            LineCheck::Good { seq, prev, .. } if prev != prev_hash => Some(bad(
                Some(seq),
                "does not link to the entry before it (its prev is not that entry's hash): an entry was removed, replaced or inserted".into(),
            )),
            LineCheck::Good { seq, hash, .. } => {
                if checkpoint == Some(hash.as_str()) {
                    out.checkpoint_seq = Some(seq);
                }
                out.entries = seq;
                out.head = Some((seq, hash.clone()));
                prev_hash = hash;
                None
            }
        };
        if problem.is_some() {
            out.problem = problem;
            break;
        }
    }
    out
}

/// Parses every readable entry with its line number (for show, export and report). Lines
/// that are not JSON objects are skipped; `verify` is the place that reports them.
pub fn parse_entries(data: &[u8]) -> Vec<(u64, Value)> {
    let (lines, _) = lines(data);
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            serde_json::from_slice::<Value>(l)
                .ok()
                .filter(Value::is_object)
                .map(|v| (i as u64 + 1, v))
        })
        .collect()
}

/// The last good entry's seq (0 for an empty ledger), read from the tail only.
pub fn head_seq(path: &Path) -> io::Result<u64> {
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let len = f.metadata()?.len();
    let tail = read_tail(&mut f, len)?;
    Ok(tail
        .last_line
        .as_deref()
        .and_then(last_link)
        .map(|(s, _)| s)
        .unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(n: u64) -> Map<String, Value> {
        json!({"event": "check", "n": n})
            .as_object()
            .unwrap()
            .clone()
    }

    #[test]
    fn appends_chain_and_verify() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.jsonl");
        let l = lock(&p, true, crate::policy::DEFAULT_LEDGER_WAIT).unwrap();
        l.append(vec![body(1), body(2)]).unwrap();
        l.append(vec![body(3)]).unwrap();
        drop(l);
        let v = verify(&std::fs::read(&p).unwrap(), None);
        assert_eq!(v.problem, None);
        assert_eq!(v.entries, 3);
        assert_eq!(head_seq(&p).unwrap(), 3);
    }

    #[test]
    fn a_torn_tail_is_reported_then_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.jsonl");
        let l = lock(&p, true, crate::policy::DEFAULT_LEDGER_WAIT).unwrap();
        l.append(vec![body(1), body(2)]).unwrap();
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(b"{\"event\":\"se").unwrap();
        let v = verify(&std::fs::read(&p).unwrap(), None);
        let prob = v.problem.unwrap();
        assert!(prob.torn);
        assert_eq!(prob.line, 3);
        let a = l.append(vec![body(3)]).unwrap();
        assert_eq!(a.torn_bytes, 12);
        let v = verify(&std::fs::read(&p).unwrap(), None);
        assert_eq!((v.problem, v.entries), (None, 3));
        let torn = std::fs::read_to_string(sibling(&p, ".torn")).unwrap();
        assert!(torn.contains("{\"event\":\"se"), "{torn}");
    }

    #[test]
    fn tail_reading_handles_long_lines_and_no_newline_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.jsonl");
        let big = "x".repeat(200_000);
        let l = lock(&p, true, crate::policy::DEFAULT_LEDGER_WAIT).unwrap();
        let mut b = body(1);
        b.insert("big".into(), json!(big));
        l.append(vec![b.clone(), b]).unwrap();
        assert_eq!(head_seq(&p).unwrap(), 2);
        std::fs::write(&p, b"garbage").unwrap();
        let a = l.append(vec![body(1)]).unwrap();
        assert_eq!(a.torn_bytes, 7);
        assert_eq!(verify(&std::fs::read(&p).unwrap(), None).entries, 1);
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    fn line(seq: u64) -> Vec<u8> {
        let mut m = Map::new();
        m.insert("event".into(), Value::from("seal"));
        m.insert(
            "items".into(),
            serde_json::json!([{"path": "a \"q\" b", "size": 3}]),
        );
        entry::seal_entry(&mut m, seq, entry::GENESIS).unwrap()
    }

    fn same(a: &LineCheck, b: &LineCheck) -> bool {
        match (a, b) {
            (
                LineCheck::Good {
                    seq: s1,
                    prev: p1,
                    hash: h1,
                },
                LineCheck::Good {
                    seq: s2,
                    prev: p2,
                    hash: h2,
                },
            ) => s1 == s2 && p1 == p2 && h1 == h2,
            _ => false,
        }
    }

    #[test]
    fn the_fast_path_agrees_with_the_full_check_and_defers_on_doubt() {
        let l = line(7);
        let fast = fast_check(&l).expect("canonical lines take the fast path");
        assert!(same(&fast, &slow_check(&l)));
        // Any change: the fast path declines and the full check names the problem.
        let mut bad = l.clone();
        let i = bad.windows(4).position(|w| w == b"seal").unwrap();
        bad[i] = b'S';
        assert!(fast_check(&bad).is_none());
        assert!(matches!(slow_check(&bad), LineCheck::Bad { .. }));
    }
}
