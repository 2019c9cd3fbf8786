//! SIGKILL at twenty points of a large seal and of a large open. A killed process cannot
//! clean up, so this checks what is left at every point: never a file under its final name
//! that is incomplete, never plaintext in the target outside the staging folder, a ledger
//! that still verifies (a torn last line at most, which the next run sets aside), and the
//! next run removing the leftovers the dead process owned.
//!
//! The points are spread over a measured full run by time: four before the first byte is
//! written (the scan and the key derivation) and sixteen over the writing, the read-back
//! check, the rename and the ledger append.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const MARKER: &str = "Pupil Ellery Ashdown-Marchetti, UPN A123456789012";

fn visible(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with(".safecarry-"))
        .collect();
    v.sort();
    v
}

fn ours(dir: &Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".safecarry-")
        })
        .count()
}

/// Runs `cmd` to completion and returns the twenty kill points: four spread before
/// `writing()` first holds, sixteen spread from then to the end.
fn kill_points(mut cmd: Command, writing: impl Fn() -> bool) -> Vec<Duration> {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first_write = None;
    let status = loop {
        if first_write.is_none() && writing() {
            first_write = Some(start.elapsed());
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    assert!(status.success(), "the complete run failed");
    let full = start.elapsed();
    let first = first_write.expect("nothing was ever written");
    let mut points: Vec<Duration> = (1..=4).map(|k| first * k / 5).collect();
    points.extend((1..=16).map(|k| first + (full - first) * k / 17));
    points
}

/// Starts `cmd` and SIGKILLs it after `after` (or lets it finish if it is quicker).
fn kill_after(mut cmd: Command, after: Duration) {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill();
    child.wait().unwrap();
}

/// The ledger verifies, or (killed mid-append) has only a torn last line.
fn ledger_sound(s: &Sandbox, point: u32) {
    if !s.path("ledger.jsonl").exists() {
        return;
    }
    let out = s.cmd().args(["ledger", "verify"]).output().unwrap();
    if code(&out) != 0 {
        assert!(
            stderr(&out).contains("incomplete") || stdout(&out).contains("incomplete"),
            "point {point}: ledger broken\n{}{}",
            stdout(&out),
            stderr(&out)
        );
    }
}

fn seal_cmd(s: &Sandbox) -> Command {
    let pf = s.passfile(STRONG);
    let mut c = s.cmd();
    c.args([
        "seal",
        "work",
        "--to",
        "stick",
        "--name",
        "work",
        "--passphrase-file",
    ])
    .arg(pf);
    c
}

fn open_cmd(s: &Sandbox, file: &str) -> Command {
    s.open_cmd(file, "home", &s.passfile(STRONG))
}

#[test]
fn killing_a_seal_or_an_open_at_twenty_points_loses_and_leaks_nothing() {
    let s = Sandbox::new();
    s.write("work/notes.txt", MARKER);
    big_file(&s, "work/video.bin", 120);
    let stick = s.mkdir("stick");
    let source = tree(&s.path("work"));

    // A complete run first: when the writing starts and how long a seal takes here.
    let partial_written = || {
        fs::read_dir(&stick).unwrap().flatten().any(|e| {
            e.file_name().to_string_lossy().ends_with(".partial")
                && e.metadata().is_ok_and(|m| m.len() > 0)
        })
    };
    let points = kill_points(seal_cmd(&s), partial_written);
    fs::rename(stick.join("work.age"), s.path("reference.age")).unwrap();

    for (k, at) in (1..).zip(points) {
        kill_after(seal_cmd(&s), at);
        eprintln!(
            "seal killed at {at:?}: final {:?}, leftovers {}",
            visible(&stick),
            ours(&stick)
        );
        // Under its final name there is nothing, or the complete, verified file.
        match visible(&stick).as_slice() {
            [] => {}
            [one] if one == "work.age" => {
                s.mkdir("home");
                let out = open_cmd(&s, "stick/work.age").output().unwrap();
                assert_code(&out, 0);
                assert_eq!(tree(&s.path("home/work")), source, "point {k}");
                fs::remove_dir_all(s.path("home")).unwrap();
                fs::remove_file(stick.join("work.age")).unwrap();
            }
            other => panic!("point {k}: unexpected files on the stick: {other:?}"),
        }
        ledger_sound(&s, k);
    }
    // The plaintext never reached the stick, in any leftover.
    for e in fs::read_dir(&stick).unwrap() {
        let bytes = fs::read(e.unwrap().path()).unwrap();
        assert!(
            !bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()),
            "plaintext on the stick"
        );
    }
    // The next run removes every leftover of the killed runs and the ledger verifies.
    s.write("tiny.txt", "x");
    let out = s.seal(&["tiny.txt", "--to", "stick"]);
    assert_code(&out, 0);
    assert_eq!(ours(&stick), 0, "stale temporary files were removed");
    assert_eq!(visible(&stick), ["tiny.txt.age"]);
    assert_code(&s.cmd().args(["ledger", "verify"]).output().unwrap(), 0);

    // The same for open, into a target folder.
    let home = s.mkdir("home");
    let staging_exists = || {
        fs::read_dir(&home).unwrap().flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".safecarry-open-")
        })
    };
    let points = kill_points(open_cmd(&s, "reference.age"), staging_exists);
    fs::remove_dir_all(&home).unwrap();
    let home = s.mkdir("home");
    for (k, at) in (1..).zip(points) {
        kill_after(open_cmd(&s, "reference.age"), at);
        eprintln!(
            "open killed at {at:?}: placed {:?}, leftovers {}",
            visible(&home),
            ours(&home)
        );
        // Outside the staging folder: nothing, or the whole folder, complete.
        match visible(&home).as_slice() {
            [] => {}
            [one] if one == "work" => {
                assert_eq!(tree(&home.join("work")), source, "point {k}: incomplete");
                fs::remove_dir_all(home.join("work")).unwrap();
            }
            other => panic!("point {k}: unexpected plaintext in the target: {other:?}"),
        }
        ledger_sound(&s, k);
    }
    let out = s.open("stick/tiny.txt.age", "home");
    assert_code(&out, 0);
    assert_eq!(ours(&home), 0, "stale staging folders were removed");
    assert_eq!(visible(&home), ["tiny.txt"]);
    assert_code(&s.cmd().args(["ledger", "verify"]).output().unwrap(), 0);
}
