//! Everything that must be refused, and must leave no trace when it is.

mod common;

use std::fs;

use common::*;

#[test]
fn weak_passphrases_exit_3_and_write_nothing() {
    let s = Sandbox::new();
    s.write("report.docx", "Pupil report");
    s.mkdir("stick");
    for (pass, user) in [
        ("password123", "teacher"),
        ("Summer2024!", "teacher"),
        ("coffeetrainfish", "teacher"),
        // The user's own name and a year.
        ("Adebayo.Okonkwo.2024!", "okonkwo.adebayo"),
        ("OkonkwoAdebayo2024", "okonkwo.adebayo"),
    ] {
        let pf = s.passfile(pass);
        let out = s
            .cmd()
            .args(["seal", "report.docx", "--to", "stick", "--passphrase-file"])
            .arg(&pf)
            .env("USER", user)
            .output()
            .unwrap();
        assert_code(&out, 3);
        let err = stderr(&out);
        assert!(
            err.lines().any(|l| l.starts_with("safecarry: error: ")),
            "{err}"
        );
        assert!(err.contains("too weak"), "{err}");
        assert!(
            !err.contains(pass),
            "the passphrase must never be echoed: {err}"
        );
        assert!(
            tree(&s.path("stick")).is_empty(),
            "nothing written for {pass}"
        );
    }
}

/// A passphrase made of the names of pupils in the files being sealed is refused: anyone
/// who finds the stick and knows the class would try them first. The same passphrase
/// seals files that name other people (so it is the names that make it weak), and the
/// refusal does not repeat the names.
#[test]
fn a_passphrase_made_of_names_in_the_files_is_refused() {
    let pass = "Tobias-Wrenfield-Ifeoma-Okonkwo-2016";
    let seal_with = |s: &Sandbox, pass: &str| {
        s.mkdir("stick");
        let pf = s.passfile(pass);
        s.cmd()
            .args(["seal", "class.csv", "--to", "stick", "--passphrase-file"])
            .arg(&pf)
            .env("USER", "teacher")
            .output()
            .unwrap()
    };
    let seal = |s: &Sandbox| seal_with(s, pass);
    let named = Sandbox::new();
    named.write(
        "class.csv",
        "Forename,Surname,Year\nTobias,Wrenfield,4\nIfeoma,Okonkwo,4\nZofia,Nowak,4\n",
    );
    let out = seal(&named);
    assert_code(&out, 3);
    let err = stderr(&out);
    assert!(err.contains("too weak"), "{err}");
    assert!(err.contains("people and places in the files"), "{err}");
    for name in ["Tobias", "Wrenfield", "Ifeoma", "Okonkwo"] {
        assert!(!err.contains(name), "names are not repeated: {err}");
    }
    assert!(tree(&named.path("stick")).is_empty());
    // A pupil's full name with another word added is still theirs.
    let out = seal_with(&named, "Ifeoma-Okonkwo-Lantern-2016");
    assert_code(&out, 3);
    assert!(tree(&named.path("stick")).is_empty());

    // So is a pupil's name with their street or town: "Tobias-Whitehall-Lantern".
    let placed = Sandbox::new();
    placed.write(
        "class.csv",
        "Forename,Surname,Home Address\nTobias,Wrenfield,\"12 Whitehall Road, Ossett\"\n",
    );
    for pass in [
        "Tobias-Whitehall-Lantern-2016",
        "Ossett-Whitehall-Lantern-2016",
    ] {
        let out = seal_with(&placed, pass);
        assert_code(&out, 3);
        assert!(stderr(&out).contains("people and places in the files"));
        assert!(tree(&placed.path("stick")).is_empty());
    }

    let others = Sandbox::new();
    others.write(
        "class.csv",
        "Forename,Surname,Year\nAmara,Nwosu,4\nZofia,Nowak,4\n",
    );
    let out = seal(&others);
    assert_code(&out, 0);
    only_age_file(&others.path("stick"));
}

/// End of input before any passphrase (an empty file, a closed standard input) is like
/// Ctrl-D at the prompt: exit 1, nothing written.
#[test]
fn an_empty_passphrase_source_is_end_of_input() {
    use std::process::Stdio;
    let s = Sandbox::new();
    s.write("report.docx", "Pupil report");
    s.mkdir("stick");
    s.write("empty.txt", "");
    let out = s
        .cmd()
        .args([
            "seal",
            "report.docx",
            "--to",
            "stick",
            "--passphrase-file",
            "empty.txt",
        ])
        .output()
        .unwrap();
    assert_code(&out, 1);
    assert!(
        stderr(&out)
            .contains("no passphrase was given (\"empty.txt\" is empty), so nothing was written"),
        "{}",
        stderr(&out)
    );
    let out = s
        .cmd()
        .args([
            "seal",
            "report.docx",
            "--to",
            "stick",
            "--passphrase-file",
            "-",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_code(&out, 1);
    assert_stderr_has(&out, "standard input is empty");
    assert!(tree(&s.path("stick")).is_empty());
}

#[test]
fn a_school_policy_can_demand_more() {
    let s = Sandbox::new();
    s.write(
        "policy.toml",
        "min_passphrase_length = 40\nschool_name = \"Oakfield Primary\"\n",
    );
    s.write("a.txt", "x");
    s.mkdir("stick");
    let out = s.seal(&["a.txt", "--to", "stick"]);
    assert_code(&out, 3);
    assert_stderr_has(&out, "40 characters");
    assert!(tree(&s.path("stick")).is_empty());

    // The school's name counts as a personal word.
    s.write("policy.toml", "school_name = \"Oakfield Primary\"\n");
    let out = s.run_with_pass(
        "Oakfield.Primary.2025!",
        &["seal", "a.txt", "--to", "stick"],
    );
    assert_code(&out, 3);
}

#[test]
fn a_broken_policy_fails_closed() {
    let s = Sandbox::new();
    s.write("policy.toml", "min_passphrase_score = 2\n");
    s.write("a.txt", "x");
    s.mkdir("stick");
    let out = s.seal(&["a.txt", "--to", "stick"]);
    assert_code(&out, 3);
    assert_stderr_has(&out, "min_passphrase_score");
    assert!(tree(&s.path("stick")).is_empty());
    s.write("policy.toml", "unknown_key = true\n");
    assert_code(&s.seal(&["a.txt", "--to", "stick"]), 3);
}

/// One sealed file, then every way of failing to open it: each exits 1 and leaves the
/// target folder exactly as it was.
#[test]
fn damaged_wrong_and_foreign_files_are_refused_and_leave_the_target_untouched() {
    let s = Sandbox::new();
    s.write(
        "work/marks.csv",
        "name,mark\nAmira Hussain,67\n".repeat(20_000),
    );
    s.mkdir("stick");
    assert_code(&s.seal(&["work", "--to", "stick"]), 0);
    let good = fs::read(s.path("stick/work.age")).unwrap();
    assert!(good.len() > 200_000);

    let target = s.mkdir("home");
    s.write("home/existing.txt", "already here");
    let before = tree(&target);

    let check = |label: &str, file: &str, pass: &str, expect: &str| {
        let out = s.run_with_pass(pass, &["open", file, "--to", "home"]);
        assert_code(&out, 1);
        let err = stderr(&out);
        assert!(
            err.lines().any(|l| l.starts_with("safecarry: error: ")),
            "{label}: {err}"
        );
        assert!(
            err.contains(expect),
            "{label}: expected {expect:?} in {err}"
        );
        assert!(!err.contains(pass), "{label}: passphrase echoed");
        assert_eq!(tree(&target), before, "{label}: target changed");
    };

    check(
        "wrong passphrase",
        "stick/work.age",
        "maple quarry lantern fossil",
        "passphrase does not open",
    );

    fs::write(s.path("truncated.age"), &good[..good.len() - 1000]).unwrap();
    check("truncated", "truncated.age", STRONG, "damaged");

    // A flipped byte in the header, in the first payload chunk and in the last one.
    for (label, pos) in [
        ("header", 40),
        ("payload", 300),
        ("last chunk", good.len() - 20),
    ] {
        let mut bad = good.clone();
        bad[pos] ^= 0x01;
        fs::write(s.path("flipped.age"), &bad).unwrap();
        let expect = if label == "header" { "" } else { "damaged" };
        check(label, "flipped.age", STRONG, expect);
    }

    s.write(
        "notes.docx.age",
        "PK\u{3}\u{4} this is a zip, not an age file",
    );
    check("not age", "notes.docx.age", STRONG, "not a sealed file");
    s.write("empty.age", "");
    check("empty", "empty.age", STRONG, "not a sealed file");
    check("missing", "nope.age", STRONG, "does not exist");
}

/// A key-based age file (X25519 recipient) cannot be opened with a passphrase.
#[test]
fn key_locked_files_get_their_own_message() {
    use std::io::Write;
    let s = Sandbox::new();
    let key = age::x25519::Identity::generate();
    let enc = age::Encryptor::with_recipients(std::iter::once(&key.to_public() as _)).unwrap();
    let mut out = Vec::new();
    let mut w = enc.wrap_output(&mut out).unwrap();
    w.write_all(b"secret").unwrap();
    w.finish().unwrap();
    s.write("keyed.age", out);
    let target = s.mkdir("home");
    let o = s.run_with_pass(STRONG, &["open", "keyed.age", "--to", "home"]);
    assert_code(&o, 1);
    assert_stderr_has(&o, "locked with an age key");
    assert!(tree(&target).is_empty());
}

fn raw_header(name: &[u8], kind: tar::EntryType, size: u64, link: Option<&[u8]>) -> tar::Header {
    let mut h = tar::Header::new_ustar();
    h.as_old_mut().name[..name.len()].copy_from_slice(name);
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(0o644);
    if let Some(l) = link {
        h.as_old_mut().linkname[..l.len()].copy_from_slice(l);
    }
    h.set_cksum();
    h
}

/// A tar stream: one harmless file, then the hostile entry.
fn hostile_tar(name: &[u8], kind: tar::EntryType, data: &[u8], link: Option<&[u8]>) -> Vec<u8> {
    tar_of(vec![(
        raw_header(name, kind, data.len() as u64, link),
        data.to_vec(),
    )])
}

/// A tar stream: one harmless file, then `entries` as given (headers may lie about sizes).
fn tar_of(entries: Vec<(tar::Header, Vec<u8>)>) -> Vec<u8> {
    let mut out = Vec::new();
    let first = (
        raw_header(b"innocent.txt", tar::EntryType::Regular, 5, None),
        b"hello".to_vec(),
    );
    for (h, d) in std::iter::once(first).chain(entries) {
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(&d);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

/// A pax extended header carrying `records` (key, value), then a regular entry `name`.
fn pax_then_file(records: &[(&str, &[u8])], name: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in records {
        let rest = 1 + k.len() + 1 + v.len() + 1; // " k=v\n"
        let mut len = rest + 1;
        while len.to_string().len() + rest != len {
            len = len.to_string().len() + rest;
        }
        body.extend_from_slice(format!("{len} {k}=").as_bytes());
        body.extend_from_slice(v);
        body.push(b'\n');
    }
    tar_of(vec![
        (
            raw_header(
                b"PaxHeader",
                tar::EntryType::XHeader,
                body.len() as u64,
                None,
            ),
            body,
        ),
        (
            raw_header(name, tar::EntryType::Regular, 4, None),
            b"evil".to_vec(),
        ),
    ])
}

#[test]
fn hostile_archives_inside_valid_age_files_are_refused() {
    let s = Sandbox::new();
    let target = s.mkdir("home/inner");
    s.write("home/inner/keep.txt", "keep");
    let before = tree(&s.path("home"));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "parent",
            hostile_tar(b"../escape.txt", tar::EntryType::Regular, b"evil", None),
        ),
        (
            "nested parent",
            hostile_tar(
                b"a/../../escape.txt",
                tar::EntryType::Regular,
                b"evil",
                None,
            ),
        ),
        (
            "absolute",
            hostile_tar(
                b"/tmp/safecarry-escape.txt",
                tar::EntryType::Regular,
                b"evil",
                None,
            ),
        ),
        (
            "symlink",
            hostile_tar(b"link", tar::EntryType::Symlink, b"", Some(b"/etc/passwd")),
        ),
        (
            "hard link",
            hostile_tar(b"hard", tar::EntryType::Link, b"", Some(b"innocent.txt")),
        ),
        (
            "device",
            hostile_tar(b"dev", tar::EntryType::Char, b"", None),
        ),
        (
            "duplicate",
            hostile_tar(b"innocent.txt", tar::EntryType::Regular, b"again", None),
        ),
        (
            "control chars",
            hostile_tar(b"bad\x1b[2Jname", tar::EntryType::Regular, b"x", None),
        ),
        (
            "block device",
            hostile_tar(b"disk", tar::EntryType::Block, b"", None),
        ),
        (
            "fifo",
            hostile_tar(b"pipe", tar::EntryType::Fifo, b"", None),
        ),
        (
            "huge declared size",
            tar_of(vec![(
                raw_header(b"huge.bin", tar::EntryType::Regular, 1 << 40, None),
                b"only a few bytes follow".to_vec(),
            )]),
        ),
        (
            "pax path with NUL",
            pax_then_file(&[("path", b"ok\0/../../escape.txt")], b"plain.txt"),
        ),
        (
            "pax path parent",
            pax_then_file(&[("path", b"../escape.txt")], b"plain.txt"),
        ),
        (
            "pax path absolute",
            pax_then_file(&[("path", b"/tmp/safecarry-escape.txt")], b"plain.txt"),
        ),
        (
            "pax path very long",
            pax_then_file(&[("path", "deep/".repeat(2000).as_bytes())], b"plain.txt"),
        ),
        (
            "GNU long name parent",
            tar_of(vec![
                (
                    raw_header(b"././@LongLink", tar::EntryType::GNULongName, 14, None),
                    b"../escape.txt\0".to_vec(),
                ),
                (
                    raw_header(b"plain.txt", tar::EntryType::Regular, 4, None),
                    b"evil".to_vec(),
                ),
            ]),
        ),
        (
            "file then folder of the same name",
            tar_of(vec![(
                raw_header(b"innocent.txt/inner.txt", tar::EntryType::Regular, 4, None),
                b"evil".to_vec(),
            )]),
        ),
    ];
    for (label, tar_bytes) in cases {
        // A low work factor keeps the many opens quick; it changes nothing else.
        s.write("hostile.age", age_encrypt_at(&tar_bytes, STRONG, 10));
        let out = s.run_with_pass(STRONG, &["open", "hostile.age", "--to", "home/inner"]);
        assert_code(&out, 1);
        let err = stderr(&out);
        assert!(
            err.contains("was not opened") || err.contains("nothing was restored"),
            "{label}: {err}"
        );
        assert_eq!(
            err.lines().count(),
            2,
            "{label}: one error, one hint: {err}"
        );
        eprintln!("{label}: {}", err.lines().next().unwrap());
        assert_eq!(tree(&s.path("home")), before, "{label}: target changed");
        assert!(!s.path("home/escape.txt").exists(), "{label}");
        assert!(
            !std::path::Path::new("/tmp/safecarry-escape.txt").exists(),
            "{label}"
        );
    }
    let _ = target;
}

/// A pax `size` record that is not a number is ignored (the tar crate's behaviour): the
/// entry's own header size applies, so the stream stays consistent and nothing can be
/// written beyond what the archive holds.
#[test]
fn a_malformed_pax_size_cannot_stretch_an_entry() {
    let s = Sandbox::new();
    s.mkdir("home");
    let tar_bytes = pax_then_file(&[("size", b"99999999999999999999999")], b"big.bin");
    s.write("odd.age", age_encrypt(&tar_bytes, STRONG));
    let out = s.open("odd.age", "home");
    assert_code(&out, 0);
    assert_eq!(fs::read(s.path("home/big.bin")).unwrap(), b"evil");
    assert_eq!(fs::read(s.path("home/innocent.txt")).unwrap(), b"hello");
    assert_eq!(tree(&s.path("home")).len(), 2);
}

#[test]
fn plain_age_payloads_open_as_one_file() {
    let s = Sandbox::new();
    s.write("report.pdf.age", age_encrypt(b"%PDF-1.4 not a tar", STRONG));
    s.mkdir("home");
    let out = s.open("report.pdf.age", "home");
    assert_code(&out, 0);
    assert_eq!(
        fs::read(s.path("home/report.pdf")).unwrap(),
        b"%PDF-1.4 not a tar"
    );
}

#[test]
fn command_line_mistakes_are_usage_errors() {
    let s = Sandbox::new();
    s.write("a.txt", "x");
    let folder = s.mkdir("stick");
    // A folder given as -o.
    let out = s.seal(&["a.txt", "-o", "stick"]);
    assert_code(&out, 2);
    // Sealing a folder into itself, or naming an output file inside it.
    s.write("work/a.txt", "x");
    let out = s.seal(&["work", "--to", "work"]);
    assert_code(&out, 2);
    assert_stderr_has(&out, "being sealed");
    let out = s.seal(&["work", "-o", "work/out.age"]);
    assert_code(&out, 2);
    assert_stderr_has(&out, "being sealed");
    let out = s.seal(&["work", "--to", "work/.."]);
    assert_code(&out, 0);
    fs::remove_file(s.path("work.age")).unwrap();
    assert_eq!(tree(&s.path("work")).len(), 1, "nothing was added to work");
    // A destination that does not exist, or is a file.
    for to in ["nowhere", "a.txt"] {
        let out = s.seal(&["a.txt", "--to", to]);
        assert_ne!(code(&out), 0, "{to}");
        assert_stderr_has(&out, &format!("\"{to}\""));
    }
    // It is said before a passphrase is asked for (here, with none given and no terminal
    // to ask in, the missing folder is what is said, not the missing passphrase).
    let out = s
        .cmd()
        .args(["seal", "a.txt", "--to", "nowhere"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_code(&out, 1);
    assert_stderr_has(&out, "could not use the destination folder \"nowhere\"");
    // The same file twice, and a file inside a folder also given: carried once, and said.
    let out = s.seal(&[
        "work/a.txt",
        "work/a.txt",
        "work",
        "--to",
        "stick",
        "--json",
    ]);
    assert_code(&out, 0);
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["files"], 1);
    assert_eq!(v["skipped"][0]["reason"], "already_included");
    fs::remove_file(only_age_file(&folder)).unwrap();
    // Opening something that is not there, or a folder.
    let out = s.open("nothing.age", "stick");
    assert_code(&out, 1);
    assert_stderr_has(&out, "\"nothing.age\": it does not exist");
    let out = s.open("stick", "stick");
    assert_code(&out, 2);
    // A path that does not exist: a failure naming it.
    let out = s.seal(&["missing.docx", "--to", "stick"]);
    assert_code(&out, 1);
    assert_stderr_has(&out, "missing.docx");
    // No destination and no terminal to ask.
    let out = s.seal(&["a.txt"]);
    assert_code(&out, 2);
    // No passphrase source and no terminal.
    let out = s
        .cmd()
        .args(["seal", "a.txt", "--to", "stick"])
        .output()
        .unwrap();
    assert_code(&out, 2);
    // A command typed wrongly is not a file to seal: a usage error naming it.
    let out = s.cmd().args(["sael", "a.txt"]).output().unwrap();
    assert_code(&out, 2);
    assert_stderr_has(&out, "did you mean \"safecarry seal\"");
    // Unknown flags; there is no way to give a passphrase on the command line.
    let out = s
        .cmd()
        .args(["seal", "a.txt", "--passphrase", "x"])
        .output()
        .unwrap();
    assert_code(&out, 2);
    assert!(
        stderr(&out).starts_with("safecarry: error:"),
        "{}",
        stderr(&out)
    );
    assert!(tree(&folder).is_empty());
}

#[test]
fn destinations_the_policy_does_not_allow_are_refused() {
    let s = Sandbox::new();
    s.write("a.txt", "x");
    let export = s.mkdir("Export");
    let other = s.mkdir("Desktop");
    s.write(
        "policy.toml",
        format!(
            "allowed_destinations = [\"removable\", \"export_folder\"]\nexport_folders = [\"{}\"]\n",
            export.display()
        ),
    );
    let out = s.seal(&["a.txt", "--to", "Desktop"]);
    assert_code(&out, 3);
    assert_stderr_has(&out, "policy does not allow");
    assert!(tree(&other).is_empty());
    // An export folder (or a folder inside one) is allowed.
    s.mkdir("Export/Autumn");
    assert_code(&s.seal(&["a.txt", "--to", "Export/Autumn"]), 0);
    assert!(s.path("Export/Autumn/a.txt.age").exists());

    s.write("policy.toml", "allowed_destinations = [\"removable\"]\n");
    let out = s.seal(&["a.txt", "-o", "Desktop/a.age"]);
    assert_code(&out, 3);
    assert!(tree(&other).is_empty());
}

#[test]
fn the_policy_command_shows_the_ledger_in_use() {
    let s = Sandbox::new();
    let ledger_shown = || -> serde_json::Value {
        let o = s.cmd().args(["policy", "--json"]).output().unwrap();
        let shown: serde_json::Value =
            serde_json::from_str(&stdout(&o)).expect("policy --json prints JSON");
        shown["settings"]["ledger_path"].clone()
    };
    // The sandbox names its ledger with SAFECARRY_LEDGER, which the policy allows.
    let ledger = ledger_shown();
    assert_eq!(
        ledger["value"].as_str(),
        Some(s.path("ledger.jsonl").to_str().unwrap())
    );
    assert_eq!(ledger["from"], "SAFECARRY_LEDGER");
    let text = stdout(&s.cmd().arg("policy").output().unwrap());
    assert!(text.contains("SAFECARRY_LEDGER"), "{text}");
    // A policy that does not allow it: its own ledger_path is the one in use.
    let own = policy_with_its_own_ledger(&s);
    let ledger = ledger_shown();
    assert_eq!(ledger["value"].as_str(), Some(own.to_str().unwrap()));
    assert_ne!(ledger["from"], "SAFECARRY_LEDGER");
}

/// Writes the sandbox a policy that allows no overrides and names a ledger of its own;
/// returns that ledger's path.
fn policy_with_its_own_ledger(s: &Sandbox) -> std::path::PathBuf {
    let own = s.path("policy-ledger.jsonl");
    s.write(
        "policy.toml",
        format!(
            "allow_overrides = false\nledger_path = \"{}\"\n",
            own.display()
        ),
    );
    own
}

#[test]
fn a_policy_that_disallows_overrides_keeps_the_ledger_where_it_says() {
    let s = Sandbox::new();
    let own = policy_with_its_own_ledger(&s);
    s.write("a.txt", "x");
    s.mkdir("stick");
    assert_code(&s.seal(&["a.txt", "--to", "stick"]), 0);
    assert!(own.exists(), "the policy's ledger was used");
    assert!(
        !s.path("ledger.jsonl").exists(),
        "SAFECARRY_LEDGER was ignored"
    );
}
