//! `safecarry check`: auditing a memory stick, and `--seal` never losing the files.

mod common;

use std::fs;
use std::process::Stdio;
use std::time::Duration;

use common::*;

fn age_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "age"))
        .collect()
}

#[test]
fn a_stick_with_sealed_clean_and_personal_files_is_reported_and_exits_4() {
    let s = Sandbox::new();
    s.write(
        "work/report.txt",
        "Report for Chidera Okafor: excellent progress.",
    );
    s.mkdir("stick");
    assert_code(&s.seal(&["work", "--to", "stick"]), 0);
    s.write("stick/foreign.age", age_encrypt(b"made elsewhere", STRONG));
    s.write("stick/lesson.txt", "Learning objective: compare fractions.");
    s.write(
        "stick/Y5/marks.csv",
        "Pupil,Mark\nAmara Nwosu,17\nZofia Kowalczyk,19\n",
    );

    let out = s.cmd().args(["check", "stick"]).output().unwrap();
    assert_code(&out, 4);
    let text = stdout(&out);
    assert!(text.contains("NOT locked"), "{text}");
    assert!(text.contains("marks.csv"), "{text}");
    assert!(
        !text.contains("lesson.txt:"),
        "clean files are not listed as a problem: {text}"
    );
    assert!(text.contains("work.age: sealed on this computer"), "{text}");
    assert!(
        text.contains("foreign.age: not in this computer's ledger"),
        "{text}"
    );

    let out = s.cmd().args(["check", "--json", "stick"]).output().unwrap();
    assert_code(&out, 4);
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        lines
            .iter()
            .any(|v| v["path"] == "stick/work.age" && v["known_in_ledger"] == true)
    );
    assert!(
        lines
            .iter()
            .any(|v| v["path"] == "stick/Y5/marks.csv" && v["personal_data"] == true)
    );

    // The check is in the ledger.
    let ledger = fs::read_to_string(s.path("ledger.jsonl")).unwrap();
    assert!(ledger.contains("\"event\":\"check\""), "{ledger}");

    // A clean stick exits 0.
    fs::remove_file(s.path("stick/Y5/marks.csv")).unwrap();
    assert_code(&s.cmd().args(["check", "stick"]).output().unwrap(), 0);
}

#[test]
fn check_seal_locks_the_files_verifies_then_deletes_the_originals() {
    let s = Sandbox::new();
    s.write("stick/Y5/marks.csv", "Pupil,Mark\nAmara Nwosu,17\n");
    s.write(
        "stick/notes/visit.txt",
        "Dear Mrs Okafor, thank you for coming in.",
    );
    s.write("stick/lesson.txt", "Learning objective: compare fractions.");
    let out = s.run_with_pass(STRONG, &["check", "stick", "--seal", "--yes"]);
    assert_code(&out, 0);
    assert!(!s.path("stick/Y5/marks.csv").exists());
    assert!(!s.path("stick/notes/visit.txt").exists());
    assert!(s.path("stick/lesson.txt").exists(), "clean files stay");
    let sealed = age_files(&s.path("stick"));
    assert_eq!(sealed.len(), 1);
    s.mkdir("home");
    assert_code(&s.open(sealed[0].to_str().unwrap(), "home"), 0);
    assert_eq!(
        fs::read_to_string(s.path("home/Y5/marks.csv")).unwrap(),
        "Pupil,Mark\nAmara Nwosu,17\n"
    );
    assert!(s.path("home/notes/visit.txt").exists());
    // Without --yes and no terminal, --seal refuses rather than guessing.
    s.write("stick/again.txt", "Dear Mrs Okafor");
    let out = s.run_with_pass(STRONG, &["check", "stick", "--seal"]);
    assert_code(&out, 2);
    assert!(s.path("stick/again.txt").exists());
}

/// Killed at any moment, `check --seal` leaves the originals or the verified archive.
#[test]
fn check_seal_interrupted_at_any_step_never_loses_the_files() {
    let s = Sandbox::new();
    let pf = s.passfile(STRONG);
    for (round, delay_ms) in [0u64, 400, 900, 1500, 2500, 4000].into_iter().enumerate() {
        let stick = s.path(&format!("stick{round}"));
        s.write(
            &format!("stick{round}/pupils.csv"),
            "Pupil,Mark\nAmara Nwosu,17\n".repeat(200_000),
        );
        let original = fs::read(stick.join("pupils.csv")).unwrap();
        let mut child = s
            .cmd()
            .args(["check", "--seal", "--yes", "--passphrase-file"])
            .arg(&pf)
            .arg(&stick)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let has_original = stick.join("pupils.csv").exists();
        let archives = age_files(&stick);
        assert!(
            has_original || archives.len() == 1,
            "round {round}: neither originals nor archive"
        );
        if has_original {
            assert_eq!(
                fs::read(stick.join("pupils.csv")).unwrap(),
                original,
                "round {round}: original changed"
            );
        }
        if !has_original {
            // The archive must be complete: it opens and holds the file.
            let home = s.mkdir(&format!("home{round}"));
            let out = s.run_with_pass(
                STRONG,
                &[
                    "open",
                    archives[0].to_str().unwrap(),
                    "--to",
                    home.to_str().unwrap(),
                ],
            );
            assert_code(&out, 0);
            assert_eq!(fs::read(home.join("pupils.csv")).unwrap(), original);
        }
    }
}
