//! Seal then open, and compare: the restored tree must be byte-for-byte the original.

mod common;

use std::fs;
use std::time::{Duration, SystemTime};

use common::*;

#[test]
fn nested_folders_unicode_spaces_empty_file_and_empty_folder_round_trip() {
    let s = Sandbox::new();
    s.write(
        "Year 4/Autumn term/Zoë O'Brien – report.txt",
        "Zoë did well.\n",
    );
    s.write("Year 4/Autumn term/marks sheet.csv", "name,mark\nA,1\n");
    s.write("Year 4/empty file.txt", "");
    s.mkdir("Year 4/Empty folder");
    s.write("Year 4/深い/名前.txt", "unicode all the way down");
    let long = format!(
        "Year 4/{}/{}.txt",
        "long folder name ".repeat(5).trim(),
        "x".repeat(120)
    );
    s.write(&long, "long path survives");
    s.write("Year 4/Thumbs.db", "litter");
    s.write("Year 4/~$marks.xlsx", "lock file");
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    fs::File::options()
        .write(true)
        .open(s.path("Year 4/Autumn term/marks sheet.csv"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    s.mkdir("stick");
    s.mkdir("home");

    let out = s.seal(&["Year 4", "--to", "stick", "--json"]);
    assert_code(&out, 0);
    let result: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(result["verified"], true);
    assert_eq!(result["files"], 5);
    let skipped: Vec<&str> = result["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["reason"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, ["system_file", "system_file"]);

    let sealed = only_age_file(&s.path("stick"));
    assert_eq!(sealed.file_name().unwrap(), "Year 4.age");
    // The output file is owner-only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&sealed).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    let out = s.open("stick/Year 4.age", "home");
    assert_code(&out, 0);
    let mut original = tree(&s.path("Year 4"));
    original.retain(|p, _| {
        let n = p.file_name().unwrap().to_string_lossy();
        n != "Thumbs.db" && !n.starts_with("~$")
    });
    assert_eq!(tree(&s.path("home/Year 4")), original);
    let restored_mtime = fs::metadata(s.path("home/Year 4/Autumn term/marks sheet.csv"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(restored_mtime, old, "modification times are kept");

    // Opening again never overwrites: the second copy gets " (1)".
    let out = s.open("stick/Year 4.age", "home");
    assert_code(&out, 0);
    assert!(s.path("home/Year 4 (1)/empty file.txt").exists());
    assert_eq!(tree(&s.path("home/Year 4 (1)")), original);
    // No staging leftovers.
    let names: Vec<String> = fs::read_dir(s.path("home"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_single_file_round_trips_and_the_name_is_never_reused() {
    let s = Sandbox::new();
    s.write("marks.xlsx", noise(100_000, 7));
    s.mkdir("stick");
    s.mkdir("home");
    assert_code(&s.seal(&["marks.xlsx", "--to", "stick"]), 0);
    assert!(s.path("stick/marks.xlsx.age").exists());
    // Sealing again finds a free name instead of replacing the first.
    assert_code(&s.seal(&["marks.xlsx", "--to", "stick"]), 0);
    assert!(s.path("stick/marks.xlsx (1).age").exists());
    // -o to an existing file is refused and the file is untouched.
    let before = fs::read(s.path("stick/marks.xlsx.age")).unwrap();
    let out = s.seal(&["marks.xlsx", "-o", "stick/marks.xlsx.age"]);
    assert_code(&out, 1);
    assert_stderr_has(&out, "already exists");
    assert_eq!(fs::read(s.path("stick/marks.xlsx.age")).unwrap(), before);

    assert_code(&s.open("stick/marks.xlsx (1).age", "home"), 0);
    assert_eq!(
        fs::read(s.path("home/marks.xlsx")).unwrap(),
        noise(100_000, 7)
    );
}

#[test]
fn plaintext_never_reaches_the_destination() {
    let s = Sandbox::new();
    let marker = "MARKER-7f3a9c-Pupil-Jessica-Okonkwo";
    s.write("notes/safeguarding.txt", format!("{marker}\n").repeat(1000));
    s.write("notes/plain.csv", format!("id,name\n1,{marker}\n"));
    s.mkdir("stick");
    assert_code(&s.seal(&["notes", "--to", "stick"]), 0);
    for (path, content) in tree(&s.path("stick")) {
        if let Some(bytes) = content {
            let hay = String::from_utf8_lossy(&bytes);
            assert!(!hay.contains(marker), "plaintext found in {path:?}");
            assert!(
                !hay.contains("safeguarding"),
                "a file name leaked into {path:?}"
            );
        }
    }
}

#[test]
fn multiple_inputs_get_a_dated_neutral_name_and_a_chosen_name_works() {
    let s = Sandbox::new();
    s.write("a.txt", "a");
    s.write("b.txt", "b");
    s.mkdir("stick");
    assert_code(&s.seal(&["a.txt", "b.txt", "--to", "stick"]), 0);
    let f = only_age_file(&s.path("stick"));
    let name = f.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("sealed-20") && name.len() == "sealed-2026-01-01-1200.age".len(),
        "{name}"
    );
    fs::remove_file(f).unwrap();
    assert_code(
        &s.seal(&["a.txt", "b.txt", "--to", "stick", "--name", "homework"]),
        0,
    );
    assert!(s.path("stick/homework.age").exists());
}

#[test]
#[cfg(target_os = "linux")]
fn a_200_mb_file_round_trips_with_flat_memory() {
    let s = Sandbox::new();
    s.write("small.bin", noise(1_000_000, 1));
    {
        use std::io::Write;
        let mut f = fs::File::create(s.path("big.bin")).unwrap();
        for i in 0..200 {
            f.write_all(&noise(1_000_000, i + 100)).unwrap();
        }
    }
    s.mkdir("stick");
    s.mkdir("home");
    let pf = s.passfile(STRONG);
    let seal = |name: &str| {
        let mut c = s.cmd();
        c.args(["seal", name, "--to", "stick", "--passphrase-file"])
            .arg(&pf);
        peak_rss_kib(None, c)
    };
    let (code_small, rss_small) = seal("small.bin");
    let (code_big, rss_big) = seal("big.bin");
    assert_eq!((code_small, code_big), (0, 0));
    // scrypt needs a fixed 256 MiB; beyond that, sealing 200 MB must not grow memory.
    let growth = rss_big - rss_small;
    assert!(
        growth < 32 * 1024,
        "sealing 200 MB used {growth} KiB more than 1 MB (small {rss_small} KiB, big {rss_big} KiB)"
    );

    let open = |name: &str| {
        let mut c = s.cmd();
        c.args(["open", name, "--to", "home", "--passphrase-file"])
            .arg(&pf);
        peak_rss_kib(None, c)
    };
    let (c1, open_small) = open("stick/small.bin.age");
    let (c2, open_big) = open("stick/big.bin.age");
    assert_eq!((c1, c2), (0, 0));
    let growth = open_big - open_small;
    assert!(
        growth < 32 * 1024,
        "opening 200 MB grew memory by {growth} KiB"
    );

    let a = fs::read(s.path("big.bin")).unwrap();
    let b = fs::read(s.path("home/big.bin")).unwrap();
    assert!(a == b, "200 MB file restored identically");
}

#[test]
fn a_file_named_after_a_pupil_gets_a_neutral_sealed_name() {
    let s = Sandbox::new();
    s.write("Zofia Kowalczyk EHCP review.docx", noise(2_000, 5));
    s.mkdir("stick");
    let out = s.seal(&["Zofia Kowalczyk EHCP review.docx", "--to", "stick"]);
    assert_code(&out, 0);
    let sealed = only_age_file(&s.path("stick"));
    let name = sealed.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("sealed-"), "{name}");
    assert!(
        !name.contains("Zofia") && !name.contains("Kowalczyk"),
        "{name}"
    );
    assert!(
        stderr(&out).contains(&name),
        "the user is told the new name: {}",
        stderr(&out)
    );
    // The name inside is kept: opening restores the original file name.
    s.mkdir("home");
    assert_code(&s.open(&format!("stick/{name}"), "home"), 0);
    assert!(s.path("home/Zofia Kowalczyk EHCP review.docx").exists());
}
