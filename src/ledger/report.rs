//! Reading the ledger for people: filters, the `show` table, CSV/JSONL export and the
//! lost-media report for a data protection officer.

use std::fmt::Write as _;

use serde_json::Value;

use super::entry::{self, EntryExt};
use crate::plain::human_size;

/// Which entries to include.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Inclusive lower bound, RFC 3339 UTC.
    pub since: Option<String>,
    /// Exclusive upper bound, RFC 3339 UTC.
    pub until: Option<String>,
    pub user: Option<String>,
    /// A volume label (case-insensitive) or volume id.
    pub volume: Option<String>,
    pub event: Option<String>,
}

/// Turns `2025-03-01` or an RFC 3339 time into a comparable UTC RFC 3339 string.
pub fn parse_time(s: &str) -> Option<String> {
    use chrono::{DateTime, NaiveDate, Utc};
    let fmt = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|t| fmt(t.and_utc()));
    }
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| fmt(t.with_timezone(&Utc)))
}

impl Filter {
    pub fn matches(&self, e: &Value) -> bool {
        let time = e.str_at(&["time"]).unwrap_or("");
        if self.since.as_deref().is_some_and(|s| time < s) {
            return false;
        }
        if self.until.as_deref().is_some_and(|u| time >= u) {
            return false;
        }
        if let Some(u) = &self.user
            && e.str_at(&["user"]) != Some(u.as_str())
        {
            return false;
        }
        if let Some(ev) = &self.event
            && e.str_at(&["event"]) != Some(ev.as_str())
        {
            return false;
        }
        if let Some(v) = &self.volume
            && !on_volume(e, v)
        {
            return false;
        }
        true
    }
}

/// Was this entry's destination the volume with this label or id?
pub fn on_volume(e: &Value, volume: &str) -> bool {
    let label = e.str_at(&["destination", "label"]);
    let id = e.str_at(&["destination", "volume_id"]);
    label.is_some_and(|l| l.eq_ignore_ascii_case(volume)) || id == Some(volume)
}

fn path_of(v: Option<&Value>) -> String {
    let Some(v) = v else {
        return String::new();
    };
    v.get("path")
        .or_else(|| v.get("path_hash"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn short_time(e: &Value) -> String {
    let t = e.str_at(&["time"]).unwrap_or("");
    // 2025-03-01T14:03:22.123Z → 2025-03-01 14:03:22
    t.get(..19).unwrap_or(t).replace('T', " ")
}

fn categories(e: &Value) -> String {
    match e
        .at(&["detection", "categories"])
        .and_then(Value::as_object)
    {
        Some(c) if !c.is_empty() => c
            .iter()
            .map(|(k, v)| format!("{} {}", crate::detect::describe(k), v))
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

fn destination(e: &Value) -> String {
    let kind = e.str_at(&["destination", "kind"]).unwrap_or("");
    match e.str_at(&["destination", "label"]) {
        Some(l) => format!("{l} ({kind})"),
        None => kind.to_string(),
    }
}

/// The readable table.
pub fn table(entries: &[&Value]) -> String {
    let mut rows = vec![[
        "SEQ".to_string(),
        "TIME (UTC)".into(),
        "EVENT".into(),
        "USER".into(),
        "FILES".into(),
        "SIZE".into(),
        "DESTINATION".into(),
        "PERSONAL DATA".into(),
    ]];
    for e in entries {
        let event = e.str_at(&["event"]).unwrap_or("?");
        let (files, bytes) = match event {
            "open" => (
                e.u64_at(&["restored", "files"]),
                e.u64_at(&["restored", "bytes"]),
            ),
            _ => (e.u64_at(&["files"]), e.u64_at(&["bytes"])),
        };
        let pd = if event == "seal" || event == "seal_failed" || event == "check" {
            match e.bool_at(&["detection", "personal_data"]) {
                Some(true) => {
                    let sc = if e.bool_at(&["detection", "special_category"]) == Some(true) {
                        " (special category)"
                    } else {
                        ""
                    };
                    format!(
                        "yes, about {} people{sc}",
                        e.u64_at(&["detection", "subjects"]).unwrap_or(0)
                    )
                }
                Some(false) => "none found".into(),
                None => String::new(),
            }
        } else {
            String::new()
        };
        rows.push([
            e.u64_at(&["seq"])
                .map(|s| s.to_string())
                .unwrap_or_default(),
            short_time(e),
            event.to_string(),
            crate::error::escape(e.str_at(&["user"]).unwrap_or("")),
            files.map(|f| f.to_string()).unwrap_or_default(),
            bytes.map(human_size).unwrap_or_default(),
            crate::error::escape(&destination(e)),
            pd,
        ]);
    }
    let mut widths = [0usize; 8];
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    for r in &rows {
        let mut line = String::new();
        for (i, (c, w)) in r.iter().zip(widths).enumerate() {
            if i + 1 == r.len() {
                line.push_str(c);
            } else {
                let _ = write!(line, "{c:<w$}  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub const CSV_HEADER: &str = "seq,time,event,user,host,files,bytes,output,output_sha256,\
destination_kind,volume_label,volume_id,personal_data,special_category,categories,subjects,\
passphrase_score,passphrase_guesses_log10,passphrase_generated,verified,reason,policy,hash";

fn csv_field(s: &str) -> String {
    // Also neutralise spreadsheet formulas (=, +, -, @ at the start).
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// One CSV row (RFC 4180) per entry.
pub fn csv_row(e: &Value) -> String {
    let s = |p: &[&str]| e.str_at(p).unwrap_or("").to_string();
    let n = |p: &[&str]| e.u64_at(p).map(|v| v.to_string()).unwrap_or_default();
    let b = |p: &[&str]| e.bool_at(p).map(|v| v.to_string()).unwrap_or_default();
    let open = e.str_at(&["event"]) == Some("open");
    let fields = [
        n(&["seq"]),
        s(&["time"]),
        s(&["event"]),
        s(&["user"]),
        s(&["host"]),
        if open {
            n(&["restored", "files"])
        } else {
            n(&["files"])
        },
        if open {
            n(&["restored", "bytes"])
        } else {
            n(&["bytes"])
        },
        if open {
            path_of(e.get("input"))
        } else {
            path_of(e.get("output"))
        },
        if open {
            s(&["input", "sha256"])
        } else {
            s(&["output", "sha256"])
        },
        s(&["destination", "kind"]),
        s(&["destination", "label"]),
        s(&["destination", "volume_id"]),
        b(&["detection", "personal_data"]),
        b(&["detection", "special_category"]),
        e.at(&["detection", "categories"])
            .and_then(Value::as_object)
            .map(|c| {
                c.iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(";")
            })
            .unwrap_or_default(),
        n(&["detection", "subjects"]),
        n(&["passphrase", "score"]),
        e.u64_at(&["passphrase", "guesses_log10_tenths"])
            .map(|t| format!("{}.{}", t / 10, t % 10))
            .unwrap_or_default(),
        b(&["passphrase", "generated"]),
        b(&["verified"]),
        s(&["reason"]),
        s(&["policy"]),
        s(&["hash"]),
    ];
    fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",")
}

/// The canonical line of an entry (for `--json` and JSONL export: exactly the ledger's
/// own bytes for entries this program wrote).
pub fn jsonl(e: &Value) -> String {
    let mut out = Vec::new();
    if entry::canonical_into(e, &mut out).is_err() {
        return e.to_string();
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn strength(e: &Value) -> String {
    let score = e.u64_at(&["passphrase", "score"]);
    let tenths = e.u64_at(&["passphrase", "guesses_log10_tenths"]);
    let generated = e.bool_at(&["passphrase", "generated"]) == Some(true);
    let mut s = match score {
        Some(4) => "very strong (zxcvbn score 4 of 4)".to_string(),
        Some(3) => "strong (zxcvbn score 3 of 4)".to_string(),
        Some(n) => format!("weak (zxcvbn score {n} of 4)"),
        None => "not recorded".into(),
    };
    if let Some(t) = tenths {
        let _ = write!(s, ", estimated 10^{}.{} guesses to crack", t / 10, t % 10);
    }
    s.push_str(if generated {
        ", generated by safecarry (six random words)"
    } else {
        ", chosen by the member of staff"
    });
    s
}

/// The lost-media report for one volume.
pub fn volume_report(
    volume: &str,
    entries: &[&Value],
    ledger: &str,
    chain: &str,
    now: &str,
) -> String {
    let seals: Vec<&&Value> = entries
        .iter()
        .filter(|e| e.str_at(&["event"]) == Some("seal"))
        .collect();
    let mut r = String::new();
    let _ = writeln!(
        r,
        "LOST-MEDIA REPORT: volume \"{}\"",
        crate::error::escape(volume)
    );
    let _ = writeln!(r, "Prepared {now} from the transfer ledger {ledger}");
    let _ = writeln!(r, "Ledger integrity: {chain}");
    let _ = writeln!(r);
    if seals.is_empty() {
        let _ = writeln!(
            r,
            "The ledger records no sealed files written to a volume with this label or id."
        );
        let _ = writeln!(
            r,
            "Check the label or id (`safecarry ledger show` lists destinations). Files copied to the volume \
             without safecarry are not in the ledger."
        );
        return r;
    }
    let first = seals.first().map(|e| short_time(e)).unwrap_or_default();
    let last = seals.last().map(|e| short_time(e)).unwrap_or_default();
    let mut users: Vec<String> = seals
        .iter()
        .filter_map(|e| e.str_at(&["user"]).map(crate::error::escape))
        .collect();
    users.sort();
    users.dedup();
    let personal = seals
        .iter()
        .filter(|e| e.bool_at(&["detection", "personal_data"]) == Some(true))
        .count();
    let special = seals
        .iter()
        .filter(|e| e.bool_at(&["detection", "special_category"]) == Some(true))
        .count();
    let people: u64 = seals
        .iter()
        .map(|e| e.u64_at(&["detection", "subjects"]).unwrap_or(0))
        .sum();
    let max_people = seals
        .iter()
        .map(|e| e.u64_at(&["detection", "subjects"]).unwrap_or(0))
        .max()
        .unwrap_or(0);
    let mut cats: std::collections::BTreeMap<String, u64> = Default::default();
    for e in &seals {
        if let Some(c) = e
            .at(&["detection", "categories"])
            .and_then(Value::as_object)
        {
            for (k, v) in c {
                *cats.entry(k.clone()).or_default() += v.as_u64().unwrap_or(0);
            }
        }
    }
    let unverified = seals
        .iter()
        .filter(|e| e.bool_at(&["verified"]) != Some(true))
        .count();
    let weak = seals
        .iter()
        .filter(|e| e.u64_at(&["passphrase", "score"]).is_none_or(|s| s < 3))
        .count();
    let files: u64 = seals
        .iter()
        .map(|e| e.u64_at(&["files"]).unwrap_or(0))
        .sum();

    let _ = writeln!(r, "SUMMARY");
    let _ = writeln!(
        r,
        "  Sealed files written to this volume: {} (containing {} original files), from {} to {} UTC.",
        seals.len(),
        files,
        first,
        last
    );
    let _ = writeln!(r, "  Written by: {}.", users.join(", "));
    if personal == 0 {
        let _ = writeln!(
            r,
            "  Personal data: safecarry found none in any of these files (detection is automatic and can miss things)."
        );
    } else {
        let _ = writeln!(
            r,
            "  Personal data: found in {personal} of the {} sealed files.",
            seals.len()
        );
        let _ = writeln!(
            r,
            "  Kinds of personal data: {}.",
            cats.iter()
                .map(|(k, v)| format!("{} ({v})", crate::detect::describe(k)))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(
            r,
            "  People affected (approximate): between {max_people} and {people} people (the upper figure counts people who appear in several sealed files more than once)."
        );
    }
    let _ = writeln!(
        r,
        "  Special category data (UK GDPR Article 9, e.g. health, SEN, ethnicity, religion): {}.",
        if special > 0 {
            format!("YES, in {special} sealed file(s)")
        } else {
            "none found".into()
        }
    );
    let _ = writeln!(
        r,
        "  Protection: every file is encrypted (age format: scrypt passphrase key, ChaCha20-Poly1305). \
         {} passphrase(s) were below the policy's strength minimum; {} file(s) were not confirmed by read-back.",
        weak, unverified
    );
    let _ = writeln!(
        r,
        "  Assessment note: without the passphrase the contents cannot practically be read. The risk \
         rests on the passphrase: ask each member of staff whether it was written down or kept with the volume."
    );
    let _ = writeln!(r);
    let _ = writeln!(r, "EACH SEALED FILE");
    for (i, e) in seals.iter().enumerate() {
        let _ = writeln!(
            r,
            "{:>3}. {} UTC, by {} on {} (ledger seq {})",
            i + 1,
            short_time(e),
            crate::error::escape(e.str_at(&["user"]).unwrap_or("unknown")),
            crate::error::escape(e.str_at(&["host"]).unwrap_or("unknown")),
            e.u64_at(&["seq"]).unwrap_or(0)
        );
        let _ = writeln!(
            r,
            "     Sealed file: {} ({}, SHA-256 {})",
            crate::error::escape(&path_of(e.get("output"))),
            human_size(e.u64_at(&["output", "size"]).unwrap_or(0)),
            e.str_at(&["output", "sha256"]).unwrap_or("unknown")
        );
        let _ = writeln!(
            r,
            "     Contents: {} file(s), {}",
            e.u64_at(&["files"]).unwrap_or(0),
            human_size(e.u64_at(&["bytes"]).unwrap_or(0))
        );
        if let Some(items) = e.get("items").and_then(Value::as_array) {
            for it in items.iter().take(50) {
                if it.get("kind").and_then(Value::as_str) == Some("folder") {
                    continue;
                }
                let _ = writeln!(
                    r,
                    "       - {} ({})",
                    crate::error::escape(&path_of(Some(it))),
                    human_size(it.get("size").and_then(Value::as_u64).unwrap_or(0))
                );
            }
            if items.len() > 50 {
                let _ = writeln!(
                    r,
                    "       … and {} more (see ledger export)",
                    items.len() - 50
                );
            }
        }
        let pd = if e.bool_at(&["detection", "personal_data"]) == Some(true) {
            format!(
                "yes: {}; about {} people; special category: {}",
                categories(e),
                e.u64_at(&["detection", "subjects"]).unwrap_or(0),
                if e.bool_at(&["detection", "special_category"]) == Some(true) {
                    "YES"
                } else {
                    "no"
                }
            )
        } else {
            "none found".into()
        };
        let _ = writeln!(r, "     Personal data: {pd}");
        let _ = writeln!(r, "     Passphrase: {}", strength(e));
        let _ = writeln!(
            r,
            "     Read back and verified on the volume: {}",
            if e.bool_at(&["verified"]) == Some(true) {
                "yes"
            } else {
                "NO"
            }
        );
    }
    r
}
