//! Ledger entries: the event types, the canonical form and the hash chain arithmetic.
//!
//! An entry is a JSON object. Its `hash` is the SHA-256 of its canonical form without the
//! `hash` member (docs/ledger-format.md defines it; a Python verifier there proves it can
//! be checked without this program). Entries are kept as `serde_json::Value` so that the
//! verifier checks exactly what is on disk, including members a later version may add.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The format version written in every entry's `v` member.
pub const FORMAT_VERSION: u64 = 1;

/// The `prev` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Seal,
    SealFailed,
    Open,
    /// Reserved for the `check` command: a scan of files without sealing.
    Check,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Seal => "seal",
            Event::SealFailed => "seal_failed",
            Event::Open => "open",
            Event::Check => "check",
        }
    }

    pub fn parse(s: &str) -> Option<Event> {
        Some(match s {
            "seal" => Event::Seal,
            "seal_failed" => Event::SealFailed,
            "open" => Event::Open,
            "check" => Event::Check,
            _ => return None,
        })
    }
}

/// Why a value cannot be put in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCanonical(pub String);

/// Appends the canonical form of `v` to `out`: object keys sorted by their UTF-8 bytes,
/// no whitespace, strings escaped as serde_json escapes them, integers only.
pub fn canonical_into(v: &Value, out: &mut Vec<u8>) -> Result<(), NotCanonical> {
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => {
            if n.is_f64() {
                return Err(NotCanonical(format!(
                    "the number {n} is not a whole number (the ledger format allows only integers)"
                )));
            }
            out.extend_from_slice(n.to_string().as_bytes());
        }
        Value::String(s) => write_string(s, out),
        Value::Array(a) => {
            out.push(b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical_into(x, out)?;
            }
            out.push(b']');
        }
        Value::Object(m) => canonical_object(m, None, out)?,
    }
    Ok(())
}

fn canonical_object(
    m: &Map<String, Value>,
    skip: Option<&str>,
    out: &mut Vec<u8>,
) -> Result<(), NotCanonical> {
    let mut keys: Vec<&String> = m.keys().filter(|k| Some(k.as_str()) != skip).collect();
    // Byte order of UTF-8 equals code-point order; sort explicitly so the result does not
    // depend on which map type serde_json was built with.
    keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    out.push(b'{');
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_string(k, out);
        out.push(b':');
        canonical_into(&m[k.as_str()], out)?;
    }
    out.push(b'}');
    Ok(())
}

/// serde_json's escaping: `"` and `\` escaped, \b \f \n \r \t short forms, other
/// controls below U+0020 as \u00xx (lowercase hex), everything else as raw UTF-8.
fn write_string(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => &[],
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if esc.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 15) as usize]);
        } else {
            out.extend_from_slice(esc);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// The canonical bytes an entry's `hash` covers: the entry without its `hash` member.
pub fn hashed_bytes(entry: &Map<String, Value>) -> Result<Vec<u8>, NotCanonical> {
    let mut out = Vec::with_capacity(512);
    canonical_object(entry, Some("hash"), &mut out)?;
    Ok(out)
}

/// Lowercase hex SHA-256 of the entry's canonical form without `hash`.
pub fn compute_hash(entry: &Map<String, Value>) -> Result<String, NotCanonical> {
    Ok(hex(&Sha256::digest(hashed_bytes(entry)?)))
}

/// Fills in `seq`, `prev` and `hash` and returns the line to write (canonical form of the
/// whole entry, hash included, without the newline).
pub fn seal_entry(
    entry: &mut Map<String, Value>,
    seq: u64,
    prev: &str,
) -> Result<Vec<u8>, NotCanonical> {
    entry.remove("hash");
    entry.insert("seq".into(), Value::from(seq));
    entry.insert("prev".into(), Value::from(prev));
    let h = compute_hash(entry)?;
    entry.insert("hash".into(), Value::from(h));
    let mut line = Vec::with_capacity(512);
    canonical_object(entry, None, &mut line)?;
    Ok(line)
}

/// Is `s` a lowercase-hex SHA-256?
pub fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

pub fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// Small typed accessors for reading entries.
pub trait EntryExt {
    fn str_at(&self, path: &[&str]) -> Option<&str>;
    fn u64_at(&self, path: &[&str]) -> Option<u64>;
    fn bool_at(&self, path: &[&str]) -> Option<bool>;
    fn at(&self, path: &[&str]) -> Option<&Value>;
}

impl EntryExt for Value {
    fn at(&self, path: &[&str]) -> Option<&Value> {
        let mut v = self;
        for p in path {
            v = v.get(p)?;
        }
        Some(v)
    }
    fn str_at(&self, path: &[&str]) -> Option<&str> {
        self.at(path)?.as_str()
    }
    fn u64_at(&self, path: &[&str]) -> Option<u64> {
        self.at(path)?.as_u64()
    }
    fn bool_at(&self, path: &[&str]) -> Option<bool> {
        self.at(path)?.as_bool()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_form_sorts_keys_at_every_level_and_drops_whitespace() {
        let v = json!({"b": 1, "a": {"z": [true, null, "x"], "é": "q", "Z": -2}});
        let mut out = Vec::new();
        canonical_into(&v, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":{"Z":-2,"z":[true,null,"x"],"é":"q"},"b":1}"#
        );
    }

    #[test]
    fn strings_are_escaped_exactly_like_serde_json() {
        for s in [
            "plain",
            "quote\" back\\",
            "\n\r\t\u{8}\u{c}",
            "\u{1}\u{1f}\u{7f}",
            "Zoë 😀 /",
        ] {
            let mut out = Vec::new();
            write_string(s, &mut out);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }

    #[test]
    fn floats_are_refused() {
        let mut out = Vec::new();
        assert!(canonical_into(&json!({"x": 1.5}), &mut out).is_err());
    }

    #[test]
    fn the_hash_covers_everything_but_itself() {
        let mut e = json!({"event": "seal", "user": "amy"})
            .as_object()
            .unwrap()
            .clone();
        let line = seal_entry(&mut e, 1, GENESIS).unwrap();
        let h = e["hash"].as_str().unwrap().to_string();
        assert!(is_hash(&h));
        let parsed: Value = serde_json::from_slice(&line).unwrap();
        assert_eq!(compute_hash(parsed.as_object().unwrap()).unwrap(), h);
        e.insert("user".into(), json!("bob"));
        assert_ne!(compute_hash(&e).unwrap(), h);
    }
}
