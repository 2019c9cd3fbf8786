//! The transfer ledger end to end: entries from seal and open, verification and tamper
//! detection, the independent Python verifier, hashed paths, torn-line recovery, the reading
//! commands, concurrency, and what happens when the ledger cannot be written.

mod common;

use std::fs;
use std::process::Output;
use std::sync::OnceLock;

use common::*;
use serde_json::{Value, json};

/// A ledger with 3 entries (seal, seal, open) made once by real seals, shared by the tamper
/// tests, which work on copies.
fn base_ledger() -> &'static [u8] {
    static BASE: OnceLock<Vec<u8>> = OnceLock::new();
    BASE.get_or_init(|| {
        let s = Sandbox::new();
        s.write("a/notes.txt", "lesson notes");
        s.write("b/marks.csv", "name,mark\nA,1\n");
        s.mkdir("out");
        s.mkdir("back");
        assert_code(&s.seal(&["a/notes.txt", "--to", "out"]), 0);
        assert_code(&s.seal(&["b/marks.csv", "--to", "out"]), 0);
        assert_code(&s.open("out/notes.txt.age", "back"), 0);
        fs::read(s.path("ledger.jsonl")).unwrap()
    })
}

fn lines(data: &[u8]) -> Vec<Vec<u8>> {
    data.split_inclusive(|&b| b == b'\n')
        .map(|l| l.to_vec())
        .collect()
}

fn entries(s: &Sandbox) -> Vec<Value> {
    fs::read_to_string(s.path("ledger.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn verify(s: &Sandbox, extra: &[&str]) -> Output {
    s.cmd()
        .args(["ledger", "verify"])
        .args(extra)
        .output()
        .unwrap()
}

/// Writes `data` as the sandbox ledger and checks verify fails naming `want` (e.g.
/// "line 2 (seq 3)") and `why`.
#[track_caller]
fn assert_caught(data: &[u8], want: &str, why: &str) {
    let s = Sandbox::new();
    s.write("ledger.jsonl", data);
    let o = verify(&s, &[]);
    assert_code(&o, 1);
    let err = stderr(&o);
    assert!(err.contains(want), "want {want:?} in {err}");
    assert!(err.contains(why), "want {why:?} in {err}");
    let py = python_verify(&s.path("ledger.jsonl"));
    assert!(
        !py.status.success(),
        "python verifier accepted a tampered ledger"
    );
}

/// Runs the verifier printed in docs/ledger-format.md.
fn python_verify(ledger: &std::path::Path) -> Output {
    let doc = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/ledger-format.md"
    ))
    .unwrap();
    let start = doc.find("```python\n").expect("python block in the docs") + 10;
    let end = start + doc[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("verify.py");
    fs::write(&script, &doc[start..end]).unwrap();
    std::process::Command::new("python3")
        .arg(&script)
        .arg(ledger)
        .output()
        .expect("python3 is needed for the ledger format test")
}

#[test]
fn seal_and_open_write_entries_that_verify_here_and_in_python() {
    let s = Sandbox::new();
    s.write("ledger.jsonl", base_ledger());
    let e = entries(&s);
    assert_eq!(
        e.iter()
            .map(|e| e["event"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["seal", "seal", "open"]
    );
    let seal = &e[0];
    let item = &seal["items"][0];
    assert!(item["path"].as_str().unwrap().ends_with("notes.txt"));
    assert_eq!(item["size"], 12);
    // SHA-256 of "lesson notes", computed while sealing.
    assert_eq!(item["sha256"], sha256_hex(b"lesson notes"));
    assert_eq!(seal["verified"], true);
    assert_eq!(seal["passphrase"]["score"], 4);
    assert_eq!(seal["passphrase"]["generated"], false);
    assert!(seal["passphrase"]["guesses_log10_tenths"].as_u64().unwrap() >= 120);
    assert_eq!(seal["destination"]["kind"], "other");
    assert!(seal["policy"].as_str().unwrap().ends_with("policy.toml"));
    assert_eq!(e[2]["input"]["sha256"], e[0]["output"]["sha256"]);
    assert_eq!(e[2]["restored"]["files"], 1);
    let text = String::from_utf8_lossy(base_ledger()).into_owned();
    assert!(!text.contains(STRONG) && !text.contains("lesson notes"));

    let o = verify(&s, &[]);
    assert_code(&o, 0);
    let head = e[2]["hash"].as_str().unwrap();
    assert!(stdout(&o).contains("OK: 3 entries"), "{}", stdout(&o));
    assert!(stdout(&o).contains(head));
    // It says which ledger it checked (an override or the policy's own).
    let named = format!("Ledger: \"{}\"", s.path("ledger.jsonl").display());
    assert!(stdout(&o).contains(&named), "{}", stdout(&o));
    let py = python_verify(&s.path("ledger.jsonl"));
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&py.stdout).trim(),
        format!("OK 3 entries, head {head}")
    );
}

fn sha256_hex(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

#[test]
fn an_edited_field_is_caught_at_its_line() {
    let mut l = lines(base_ledger());
    let edited = String::from_utf8(l[1].clone())
        .unwrap()
        .replace("\"verified\":true", "\"verified\":false");
    assert_ne!(edited.as_bytes(), &l[1][..]);
    l[1] = edited.into_bytes();
    assert_caught(&l.concat(), "line 2 (seq 2)", "does not match its own hash");
}

#[test]
fn a_deleted_middle_entry_is_caught() {
    let mut l = lines(base_ledger());
    l.remove(1);
    assert_caught(&l.concat(), "line 2 (seq 3)", "where 2 was expected");
}

#[test]
fn reordered_entries_are_caught() {
    let mut l = lines(base_ledger());
    l.swap(1, 2);
    assert_caught(&l.concat(), "line 2 (seq 3)", "out of order");
}

#[test]
fn a_truncated_last_entry_is_caught_as_torn() {
    let data = base_ledger();
    assert_caught(&data[..data.len() - 40], "line 3", "incomplete");
}

#[test]
fn an_appended_forgery_with_a_wrong_prev_is_caught() {
    let mut body = json!({"event": "seal", "user": "mallory", "time": "2030-01-01T00:00:00.000Z"})
        .as_object()
        .unwrap()
        .clone();
    let line = safecarry::ledger::entry::seal_entry(&mut body, 4, &"ab".repeat(32)).unwrap();
    let mut data = base_ledger().to_vec();
    data.extend_from_slice(&line);
    data.push(b'\n');
    assert_caught(&data, "line 4 (seq 4)", "does not link");
}

#[test]
fn head_checkpoints_catch_removal_of_the_newest_entries() {
    let e: Vec<Value> = lines(base_ledger())
        .iter()
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    let s = Sandbox::new();
    s.write("ledger.jsonl", base_ledger());
    let h2 = e[1]["hash"].as_str().unwrap();
    let h3 = e[2]["hash"].as_str().unwrap();
    let o = verify(&s, &["--head", h2]);
    assert_code(&o, 0);
    assert!(
        stdout(&o).contains("is entry 2; 1 entries were added after it"),
        "{}",
        stdout(&o)
    );
    // Drop the newest entry: the chain is still intact, but the checkpoint is gone.
    let l = lines(base_ledger());
    s.write("ledger.jsonl", l[..2].concat());
    assert_code(&verify(&s, &[]), 0);
    let o = verify(&s, &["--head", h3]);
    assert_code(&o, 1);
    assert_stderr_has(&o, "no longer contains the checkpoint");
    assert_code(&verify(&s, &["--head", "nothex"]), 2);
}

#[test]
fn a_torn_line_is_reported_then_set_aside_by_the_next_seal() {
    let s = Sandbox::new();
    let mut data = base_ledger().to_vec();
    data.extend_from_slice(b"{\"event\":\"seal\",\"us");
    s.write("ledger.jsonl", &data);
    let o = verify(&s, &[]);
    assert_code(&o, 1);
    assert_stderr_has(&o, "line 4 is incomplete");
    s.write("c.txt", "more");
    s.mkdir("out");
    let o = s.seal(&["c.txt", "--to", "out"]);
    assert_code(&o, 0);
    assert_stderr_has(&o, "set aside");
    let o = verify(&s, &[]);
    assert_code(&o, 0);
    assert!(stdout(&o).contains("OK: 4 entries"), "{}", stdout(&o));
    let torn = fs::read_to_string(s.path("ledger.jsonl.torn")).unwrap();
    assert!(torn.contains("{\"event\":\"seal\",\"us"), "{torn}");
    let e = entries(&s);
    assert_eq!(e[3]["torn_tail_set_aside"]["bytes"], 19);
    assert_eq!(
        &fs::read(s.path("ledger.jsonl")).unwrap()[..base_ledger().len()],
        base_ledger()
    );
}

#[test]
fn hashed_paths_keep_file_names_out_of_the_ledger() {
    let s = Sandbox::new();
    s.write("policy.toml", "ledger_paths = \"hashed\"\n");
    s.write("Amelia Pond reading record.txt", "reads well");
    s.mkdir("Zanzibar");
    assert_code(
        &s.seal(&["Amelia Pond reading record.txt", "--to", "Zanzibar"]),
        0,
    );
    let text = fs::read_to_string(s.path("ledger.jsonl")).unwrap();
    for name in ["Amelia", "Pond", "reading record", "Zanzibar"] {
        assert!(!text.contains(name), "{name} leaked: {text}");
    }
    let e = entries(&s);
    let h = e[0]["items"][0]["path_hash"].as_str().unwrap();
    assert!(h.starts_with("hmac-sha256:") && h.len() == 12 + 64, "{h}");
    assert!(e[0]["output"]["path_hash"].is_string());
    assert_eq!(e[0]["ledger_paths"], "hashed");
    let key = fs::read_to_string(s.path("ledger.key")).unwrap();
    assert_eq!(key.trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(s.path("ledger.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "ledger.key must be owner-only");
    }
    assert_code(&verify(&s, &[]), 0);
}

#[test]
fn a_failed_seal_is_recorded_with_its_reason() {
    let s = Sandbox::new();
    s.write("x.txt", "x");
    s.write("out/taken.age", "already here");
    let o = s.seal(&["x.txt", "-o", "out/taken.age"]);
    assert_code(&o, 1);
    let e = entries(&s);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0]["event"], "seal_failed");
    assert!(e[0]["reason"].as_str().unwrap().contains("already exists"));
    assert_eq!(e[0]["output"], Value::Null);
    assert_eq!(e[0]["verified"], false);
    assert_code(&verify(&s, &[]), 0);
}

/// A ledger whose last complete entry is unreadable cannot take a new link: the seal is
/// refused before anything is written, and the ledger is left as it was for IT.
#[test]
fn a_damaged_last_entry_refuses_the_seal_up_front() {
    let s = Sandbox::new();
    s.write("x.txt", "x");
    s.mkdir("out");
    assert_code(&s.seal(&["x.txt", "--to", "out"]), 0);
    fs::remove_file(s.path("out/x.txt.age")).unwrap();
    let mut ledger = fs::read(s.path("ledger.jsonl")).unwrap();
    ledger.extend_from_slice(b"{\"not\": \"an entry\"}\n");
    fs::write(s.path("ledger.jsonl"), &ledger).unwrap();
    let o = s.seal(&["x.txt", "--to", "out"]);
    assert_code(&o, 1);
    assert_stderr_has(&o, "the ledger is damaged");
    assert_stderr_has(&o, "so nothing was sealed");
    assert!(tree(&s.path("out")).is_empty());
    assert_eq!(fs::read(s.path("ledger.jsonl")).unwrap(), ledger);
}

/// A seal that could not be recorded is refused before anything is written; an open
/// (nothing leaves the school) still restores the files, then warns and exits 1.
#[test]
fn an_unwritable_ledger_refuses_the_seal_and_makes_open_warn() {
    let s = Sandbox::new();
    s.write("x.txt", "x");
    s.write("afile", "not a folder");
    s.mkdir("out");
    let broken = |args: &[&str]| {
        s.cmd()
            .env("SAFECARRY_LEDGER", s.path("afile/ledger.jsonl"))
            .args(args)
            .arg("--passphrase-file")
            .arg(s.passfile(STRONG))
            .output()
            .unwrap()
    };
    let o = broken(&["seal", "x.txt", "--to", "out"]);
    assert_code(&o, 1);
    assert!(tree(&s.path("out")).is_empty(), "nothing was sealed");
    let err = stderr(&o);
    assert!(err.contains("so nothing was sealed"), "{err}");
    assert!(err.contains("tell IT"), "{err}");

    assert_code(&s.seal(&["x.txt", "--to", "out"]), 0);
    s.mkdir("home");
    let o = broken(&["open", "out/x.txt.age", "--to", "home"]);
    assert_code(&o, 1);
    assert_eq!(fs::read(s.path("home/x.txt")).unwrap(), b"x");
    let err = stderr(&o);
    assert!(
        err.contains("The files were opened and are complete"),
        "{err}"
    );
    assert!(err.contains("could not be recorded in the ledger"), "{err}");
}

/// A ledger of synthetic entries written through the library, for the reading commands.
fn synthetic(s: &Sandbox) {
    let mk = |user: &str, time: &str, event: &str, label: Option<&str>, special: bool| {
        json!({
            "v": 1, "event": event, "time": time, "user": user, "host": "STAFF-PC1",
            "tool_version": "0.1.0", "policy": null, "ledger_paths": "full",
            "items": [{"path": "/home/x/Year 6/pupil list.csv", "kind": "file", "size": 2048, "sha256": "ab".repeat(32)}],
            "files": 1, "bytes": 2048,
            "detection": {"personal_data": true, "special_category": special,
                "categories": {"names": 30, "dates_of_birth": 30}, "subjects": 30,
                "files": 1, "files_with_personal_data": 1, "files_not_inspected": 0},
            "destination": {"kind": "removable", "label": label, "volume_id": label.map(|l| format!("{l}-ID")), "path": "/media/x"},
            "passphrase": {"score": 4, "guesses_log10_tenths": 213, "generated": true},
            "scrypt_work_factor": 18,
            "output": {"path": "/media/x/pupil list.csv.age", "size": 2300, "sha256": "cd".repeat(32)},
            "verified": true,
        })
        .as_object()
        .unwrap()
        .clone()
    };
    let bodies = vec![
        mk(
            "amy",
            "2025-03-01T09:00:00.000Z",
            "seal",
            Some("STICK"),
            false,
        ),
        mk(
            "bob",
            "2025-03-02T09:00:00.000Z",
            "seal",
            Some("OTHER"),
            false,
        ),
        mk(
            "amy",
            "2025-03-03T09:00:00.000Z",
            "seal",
            Some("STICK"),
            true,
        ),
        mk(
            "bob",
            "2025-03-04T09:00:00.000Z",
            "seal_failed",
            None,
            false,
        ),
    ];
    safecarry::ledger::append_batch_for_benchmarks(&s.path("ledger.jsonl"), bodies).unwrap();
}

fn run(s: &Sandbox, args: &[&str]) -> Output {
    s.cmd().args(args).output().unwrap()
}

#[test]
fn show_filters_and_json() {
    let s = Sandbox::new();
    synthetic(&s);
    let o = run(&s, &["ledger", "show"]);
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(out.starts_with("SEQ"), "{out}");
    assert_eq!(out.lines().count(), 5, "{out}");
    let count = |args: &[&str]| {
        let mut a = vec!["ledger", "show", "--json"];
        a.extend_from_slice(args);
        let o = run(&s, &a);
        assert_code(&o, 0);
        stdout(&o)
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["seq"]
                    .as_u64()
                    .unwrap()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(count(&[]), [1, 2, 3, 4]);
    assert_eq!(count(&["--user", "amy"]), [1, 3]);
    assert_eq!(count(&["--volume", "stick"]), [1, 3]);
    assert_eq!(count(&["--volume", "OTHER-ID"]), [2]);
    assert_eq!(count(&["--event", "seal_failed"]), [4]);
    assert_eq!(
        count(&["--since", "2025-03-02", "--until", "2025-03-04"]),
        [2, 3]
    );
    assert_eq!(count(&["--user", "nobody"]), Vec::<u64>::new());
    assert_code(&run(&s, &["ledger", "show", "--since", "yesterday"]), 2);
}

#[test]
fn export_csv_and_jsonl() {
    let s = Sandbox::new();
    synthetic(&s);
    let o = run(&s, &["ledger", "export", "--format", "csv"]);
    assert_code(&o, 0);
    let out = stdout(&o);
    let rows: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 5);
    assert!(rows[0].starts_with("seq,time,event,user,host,files,bytes,output"));
    let cols = rows[0].split(',').count();
    assert!(rows[1].starts_with("1,2025-03-01T09:00:00.000Z,seal,amy,STAFF-PC1,1,2048,"));
    assert!(
        rows[1].contains(
            ",removable,STICK,STICK-ID,true,false,dates_of_birth=30;names=30,30,4,21.3,true,true,"
        ),
        "{}",
        rows[1]
    );
    assert_eq!(rows[1].split(',').count(), cols);
    let o = run(
        &s,
        &["ledger", "export", "--format", "jsonl", "--event", "seal"],
    );
    let data = fs::read(s.path("ledger.jsonl")).unwrap();
    let l = lines(&data);
    assert_eq!(
        stdout(&o).as_bytes(),
        [&l[0][..], &l[1][..], &l[2][..]].concat()
    );
}

#[test]
fn the_lost_media_report_lists_what_was_on_the_volume() {
    let s = Sandbox::new();
    synthetic(&s);
    let o = run(&s, &["ledger", "report", "--volume", "STICK"]);
    assert_code(&o, 0);
    let r = stdout(&o);
    assert!(r.contains("LOST-MEDIA REPORT: volume \"STICK\""), "{r}");
    assert!(r.contains("verified: 4 entries"), "{r}");
    assert!(r.contains("Sealed files written to this volume: 2"), "{r}");
    assert!(r.contains("Written by: amy."), "{r}");
    assert!(r.contains("between 30 and 60 people"), "{r}");
    assert!(r.contains("YES, in 1 sealed file"), "{r}");
    assert!(r.contains("/home/x/Year 6/pupil list.csv"), "{r}");
    assert!(r.contains("generated by safecarry"), "{r}");
    assert!(!r.contains("bob"), "{r}");
    let o = run(&s, &["ledger", "report", "--volume", "NOPE"]);
    assert!(stdout(&o).contains("records no sealed files"));
}

#[test]
fn eight_processes_sealing_at_once_leave_a_valid_chain() {
    let s = Sandbox::new();
    s.mkdir("out");
    let pf = s.passfile(STRONG);
    let mut children = Vec::new();
    for p in 0..8 {
        let dir = s.mkdir(&format!("src{p}"));
        for i in 0..25 {
            fs::write(
                dir.join(format!("f{i}.txt")),
                format!("process {p} file {i}"),
            )
            .unwrap();
        }
        let script = format!(
            "for i in $(seq 0 24); do \"$0\" seal src{p}/f$i.txt -o out/p{p}-$i.age --passphrase-file \"$1\" --no-progress >/dev/null 2>&1 || exit 1; done"
        );
        let mut c = std::process::Command::new("sh");
        c.arg("-c")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_safecarry"))
            .arg(&pf)
            .current_dir(s.path(""))
            .env("SAFECARRY_POLICY", s.path("policy.toml"))
            .env("SAFECARRY_LEDGER", s.path("ledger.jsonl"));
        children.push(c.spawn().unwrap());
    }
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let o = verify(&s, &[]);
    assert_code(&o, 0);
    assert!(stdout(&o).contains("OK: 200 entries"), "{}", stdout(&o));
    let e = entries(&s);
    let mut outputs: Vec<String> = e
        .iter()
        .map(|e| {
            e["output"]["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    outputs.sort();
    outputs.dedup();
    assert_eq!(outputs.len(), 200, "every seal has its own entry");
}
