//! Things going wrong mid-way: a full, read-only or vanishing drive, Ctrl-C, unreadable or
//! changing sources, an unwritable or busy ledger. Whatever happens, nothing is left under
//! the final name, no temporary file or staging folder is left behind, and the error names
//! the place and what to do. (SIGKILL at twenty points: tests/kill_points.rs.)
// Unix only: these tests use mounts, signals and file permissions.
#![cfg(unix)]

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A small tmpfs mounted for one test (needs root; CI runs as root).
struct SmallDisk {
    path: PathBuf,
}

impl SmallDisk {
    fn mount(path: PathBuf, size: &str) -> Option<SmallDisk> {
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("skipping: mounting a small filesystem needs root (CI runs as root)");
            return None;
        }
        fs::create_dir_all(&path).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .status()
            .unwrap()
            .success();
        assert!(ok, "mount tmpfs failed although running as root");
        Some(SmallDisk { path })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg(&self.path)
            .stderr(Stdio::null())
            .status();
        let _ = fs::remove_dir(&self.path);
    }
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn spawn_seal(s: &Sandbox, input: &str, to: &Path) -> Child {
    let pf = s.passfile(STRONG);
    s.cmd()
        .args(["seal", input, "--to"])
        .arg(to)
        .arg("--passphrase-file")
        .arg(pf)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until safecarry's temporary file appears in `dir` (and optionally reaches `size`).
fn wait_for_partial(dir: &Path, size: u64) -> PathBuf {
    let start = Instant::now();
    loop {
        for e in fs::read_dir(dir).unwrap().flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(".safecarry-")
                && n.ends_with(".partial")
                && e.metadata().map(|m| m.len() >= size).unwrap_or(false)
            {
                return e.path();
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_drive_too_small_is_refused_before_writing() {
    let s = Sandbox::new();
    let Some(disk) = SmallDisk::mount(s.path("tiny"), "2m") else {
        return;
    };
    s.write("big.bin", noise(5_000_000, 4));
    let out = s.seal(&["big.bin", "--to", disk.path.to_str().unwrap()]);
    assert_code(&out, 1);
    assert_stderr_has(&out, "not enough space");
    assert!(leftovers(&disk.path).is_empty());
}

#[test]
fn a_drive_that_fills_up_mid_write_leaves_nothing_behind() {
    let s = Sandbox::new();
    let Some(disk) = SmallDisk::mount(s.path("small"), "8m") else {
        return;
    };
    s.write("work.bin", noise(4_000_000, 5));
    let child = spawn_seal(&s, "work.bin", &disk.path);
    // As soon as the temporary file exists (before scrypt finishes), something else
    // fills the drive.
    wait_for_partial(&disk.path, 0);
    let mut filler = fs::File::create(disk.path.join("filler")).unwrap();
    let chunk = vec![0xAAu8; 64 * 1024];
    while filler.write_all(&chunk).is_ok() {}
    drop(filler);
    let out = child.wait_with_output().unwrap();
    assert_code(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("full"), "{err}");
    assert_eq!(leftovers(&disk.path), ["filler"], "only the filler remains");
}

#[test]
fn ctrl_c_while_sealing_removes_the_temporary_file() {
    let s = Sandbox::new();
    big_file(&s, "big.bin", 300);
    let stick = s.mkdir("stick");
    let child = spawn_seal(&s, "big.bin", &stick);
    wait_for_partial(&stick, 20_000_000);
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    assert_code(&out, 1);
    assert_stderr_has(&out, "interrupted");
    assert!(leftovers(&stick).is_empty(), "{:?}", leftovers(&stick));
}

#[test]
fn ctrl_c_while_opening_removes_the_staging_folder() {
    let s = Sandbox::new();
    big_file(&s, "big.bin", 300);
    let stick = s.mkdir("stick");
    assert_code(&s.seal(&["big.bin", "--to", "stick"]), 0);
    let home = s.mkdir("home");
    let pf = s.passfile(STRONG);
    let child = s
        .open_cmd("stick/big.bin.age", "home", &pf)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the staging folder to fill a little, then press Ctrl-C.
    let start = Instant::now();
    'wait: loop {
        for e in fs::read_dir(&home).unwrap().flatten() {
            if let Ok(inner) = fs::read_dir(e.path()) {
                for f in inner.flatten() {
                    if f.metadata().map(|m| m.len() > 20_000_000).unwrap_or(false) {
                        break 'wait;
                    }
                }
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no staging folder appeared"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    assert_code(&out, 1);
    assert!(leftovers(&home).is_empty(), "{:?}", leftovers(&home));
    let _ = stick;
}

/// After a seal or open is killed outright (no chance to clean up), the next run into the
/// same folder removes what the dead process left; nothing is ever left under a final name.
#[test]
fn leftovers_of_a_killed_seal_or_open_are_cleaned_by_the_next_run() {
    let s = Sandbox::new();
    big_file(&s, "big.bin", 200);
    s.write("small.txt", "x");
    let stick = s.mkdir("stick");
    let mut child = spawn_seal(&s, "big.bin", &stick);
    wait_for_partial(&stick, 10_000_000);
    child.kill().unwrap(); // SIGKILL: no cleanup
    child.wait().unwrap();
    assert!(
        !stick.join("big.bin.age").exists(),
        "nothing under the final name"
    );
    assert_eq!(leftovers(&stick).len(), 1, "{:?}", leftovers(&stick));
    assert_code(&s.seal(&["small.txt", "--to", "stick"]), 0);
    assert_eq!(
        leftovers(&stick),
        ["small.txt.age"],
        "the stale temporary file was removed"
    );

    // The same for open's staging folder.
    assert_code(&s.seal(&["big.bin", "--to", "stick"]), 0);
    let home = s.mkdir("home");
    let pf = s.passfile(STRONG);
    let mut child = s
        .open_cmd("stick/big.bin.age", "home", &pf)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while leftovers(&home).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no staging folder appeared"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        !home.join("big.bin").exists(),
        "no plaintext outside the staging folder"
    );
    assert_code(&s.open("stick/small.txt.age", "home"), 0);
    assert_eq!(
        leftovers(&home),
        ["small.txt"],
        "the stale staging folder was removed"
    );
}

/// A drive mounted under /media is offered as removable, and a policy that allows only
/// removable drives accepts it while refusing an ordinary folder.
#[test]
#[cfg(target_os = "linux")]
fn a_drive_under_media_counts_as_removable() {
    let s = Sandbox::new();
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipping: mounting a drive image needs root (CI runs as root)");
        return;
    }
    // A real block device (a loop device over an ext4 image), as a memory stick would be.
    let image = s.path("stick.img");
    fs::File::create(&image).unwrap().set_len(16 << 20).unwrap();
    let ok = Command::new("mkfs.ext4")
        .args(["-q", "-F"])
        .arg(&image)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfs.ext4 failed (Debian package e2fsprogs)");
    let mount = std::path::PathBuf::from(format!("/media/safecarry-test-{}", std::process::id()));
    fs::create_dir_all(&mount).unwrap();
    let ok = Command::new("mount")
        .args(["-o", "loop"])
        .arg(&image)
        .arg(&mount)
        .status()
        .unwrap()
        .success();
    assert!(ok, "loop mount failed although running as root");
    let disk = SmallDisk { path: mount };
    let out = s.cmd().args(["destinations", "--json"]).output().unwrap();
    assert_code(&out, 0);
    let found = stdout(&out).lines().any(|l| {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        v["kind"] == "removable"
            && v["path"] == disk.path.to_str().unwrap()
            && v["signal"].is_string()
    });
    assert!(found, "{}", stdout(&out));

    s.write("policy.toml", "allowed_destinations = [\"removable\"]\n");
    s.write("a.txt", "Dear Mrs Okafor");
    let out = s.seal(&["a.txt", "--to", disk.path.to_str().unwrap(), "--json"]);
    assert_code(&out, 0);
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["destination"]["kind"], "removable");
    assert!(disk.path.join("a.txt.age").exists());
    s.mkdir("Desktop");
    assert_code(&s.seal(&["a.txt", "--to", "Desktop"]), 3);
    let ledger = fs::read_to_string(s.path("ledger.jsonl")).unwrap();
    assert!(
        ledger.contains("\"kind\":\"removable\""),
        "the ledger records the destination kind"
    );
}

fn is_root() -> bool {
    unsafe { libc::geteuid() == 0 }
}

/// `safecarry` run as an ordinary user, so that file permissions apply (root ignores
/// them): as root, the sandbox is handed to `nobody` and a copy of the binary inside it
/// (the build folder may not be reachable by `nobody`) runs as `nobody`.
fn unprivileged(s: &Sandbox) -> Command {
    use std::os::unix::process::CommandExt;
    if !is_root() {
        return s.cmd();
    }
    let copy = s.path("safecarry-bin");
    if !copy.exists() {
        fs::copy(env!("CARGO_BIN_EXE_safecarry"), &copy).unwrap();
    }
    let mut c = s.cmd_of(&copy);
    {
        let ok = Command::new("chown")
            .args(["-R", "65534:65534"])
            .arg(s.dir.path())
            .status()
            .unwrap()
            .success();
        assert!(ok, "chown of the sandbox failed");
        c.uid(65534).gid(65534);
    }
    c
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// A source file that cannot be read, a destination folder that cannot be written and a
/// ledger folder that cannot be written: each stops the seal with a one-line error naming
/// the place, nothing is left at the destination, and the ledger is never half-written.
#[test]
fn unreadable_sources_and_unwritable_destinations_or_ledgers_write_nothing() {
    let s = Sandbox::new();
    s.write("work/letter.txt", "Dear Mrs Okafor");
    s.write("work/notes.txt", "Jane Smith, Year 4");
    let stick = s.mkdir("stick");
    let pf = s.passfile(STRONG);
    let seal = |ledger: &str| {
        unprivileged(&s)
            .env("SAFECARRY_LEDGER", s.path(ledger))
            .args(["seal", "work", "--to", "stick", "--passphrase-file"])
            .arg(&pf)
            .output()
            .unwrap()
    };

    // Each refusal: exit 1, every expected phrase in the error, nothing on the stick.
    let refused = |ledger: &str, phrases: &[&str]| {
        let out = seal(ledger);
        assert_code(&out, 1);
        let err = stderr(&out);
        for p in phrases {
            assert!(err.contains(p), "{p}: {err}");
        }
        assert!(leftovers(&stick).is_empty(), "{:?}", leftovers(&stick));
    };
    // 1. A source file nobody may read.
    set_mode(&s.path("work/notes.txt"), 0o000);
    refused(
        "ledger.jsonl",
        &[
            "could not read \"work/notes.txt\": permission was refused",
            "nothing was written",
        ],
    );
    set_mode(&s.path("work/notes.txt"), 0o644);

    // 2. A destination folder that may not be written to.
    set_mode(&stick, 0o555);
    refused(
        "ledger.jsonl",
        &["could not write to \"stick\": permission was refused"],
    );
    set_mode(&stick, 0o755);

    // 3. A ledger folder that may not be written to: refused before anything is sealed.
    s.mkdir("locked-ledger");
    set_mode(&s.path("locked-ledger"), 0o555);
    refused(
        "locked-ledger/ledger.jsonl",
        &[
            "cannot be written (permission was refused), so nothing was sealed",
            "tell IT",
        ],
    );
    assert!(
        fs::read_dir(s.path("locked-ledger"))
            .unwrap()
            .next()
            .is_none()
    );
    // 4. An existing ledger file that has been made read-only: the same.
    let out = seal("ledger.jsonl");
    assert_code(&out, 0);
    let before = fs::read(s.path("ledger.jsonl")).unwrap();
    fs::remove_file(only_age_file(&stick)).unwrap();
    set_mode(&s.path("ledger.jsonl"), 0o444);
    refused("ledger.jsonl", &["so nothing was sealed"]);
    assert_eq!(fs::read(s.path("ledger.jsonl")).unwrap(), before);
    set_mode(&s.path("ledger.jsonl"), 0o600);
    let out = s.cmd().args(["ledger", "verify"]).output().unwrap();
    assert_code(&out, 0);
}

/// A drive that is mounted read-only (a memory stick's lock switch) is refused cleanly.
#[test]
fn a_read_only_drive_is_refused_with_a_plain_message() {
    let s = Sandbox::new();
    let Some(disk) = SmallDisk::mount(s.path("locked-stick"), "4m") else {
        return;
    };
    let ok = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&disk.path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "remount read-only failed");
    s.write("a.txt", "Dear Mrs Okafor");
    let out = s.seal(&["a.txt", "--to", disk.path.to_str().unwrap()]);
    assert_code(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("the drive is read-only"), "{err}");
    assert!(err.contains("lock switch"), "{err}");
    assert!(leftovers(&disk.path).is_empty());
}

/// The destination folder deleted, or the drive unmounted, while the sealed file is being
/// written: the seal fails with a plain message and nothing appears anywhere.
#[test]
fn a_destination_removed_mid_write_leaves_nothing() {
    let s = Sandbox::new();
    big_file(&s, "big.bin", 150);

    // The folder is deleted.
    let stick = s.mkdir("stick");
    let child = spawn_seal(&s, "big.bin", &stick);
    wait_for_partial(&stick, 5_000_000);
    fs::remove_dir_all(&stick).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_code(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("stick\": it does not exist"), "{err}");
    assert!(!stick.exists(), "nothing recreated the folder");

    // The drive is unmounted (lazily, as when a stick is yanked and the system lets go).
    let Some(disk) = SmallDisk::mount(s.path("drive"), "400m") else {
        return;
    };
    let child = spawn_seal(&s, "big.bin", &disk.path);
    wait_for_partial(&disk.path, 5_000_000);
    let ok = Command::new("umount")
        .arg("-l")
        .arg(&disk.path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "lazy unmount failed");
    let out = child.wait_with_output().unwrap();
    assert_code(&out, 1);
    assert_stderr_has(&out, "drive\"");
    assert!(
        leftovers(&disk.path).is_empty(),
        "the folder under the mount point is untouched: {:?}",
        leftovers(&disk.path)
    );
    let ledger = fs::read_to_string(s.path("ledger.jsonl")).unwrap();
    assert!(
        !ledger.contains("\"event\":\"seal\""),
        "no seal was recorded"
    );
    assert_eq!(ledger.matches("\"event\":\"seal_failed\"").count(), 2);
}

/// A source file that grows, shrinks or is rewritten while it is being sealed fails the
/// seal (the decision: detect and fail rather than seal an inconsistent copy).
#[test]
fn a_source_file_changing_while_sealed_fails_the_seal() {
    let s = Sandbox::new();
    let stick = s.mkdir("stick");
    type Change = fn(&Path);
    let changes: [(&str, Change); 3] = [
        ("grows", |p| {
            let mut f = fs::OpenOptions::new().append(true).open(p).unwrap();
            f.write_all(&[0u8; 4096]).unwrap();
        }),
        ("shrinks", |p| {
            fs::OpenOptions::new()
                .write(true)
                .open(p)
                .unwrap()
                .set_len(1_000_000)
                .unwrap();
        }),
        ("is rewritten in place", |p| {
            use std::io::{Seek, SeekFrom};
            let mut f = fs::OpenOptions::new().write(true).open(p).unwrap();
            f.seek(SeekFrom::Start(100_000_000)).unwrap();
            f.write_all(b"changed").unwrap();
        }),
    ];
    for (label, change) in changes {
        let src = big_file(&s, "big.bin", 150);
        let child = spawn_seal(&s, "big.bin", &stick);
        wait_for_partial(&stick, 5_000_000);
        change(&src);
        let out = child.wait_with_output().unwrap();
        assert_code(&out, 1);
        let err = stderr(&out);
        assert!(
            err.contains("\"big.bin\" changed while it was being sealed, so nothing was written"),
            "{label}: {err}"
        );
        assert!(leftovers(&stick).is_empty(), "{label}");
    }
}

/// Another process holding the ledger for a long time: a plain wait message, then a
/// refusal after the policy's wait, with nothing sealed; a short hold is simply waited out.
#[test]
fn a_ledger_held_by_another_process_is_waited_for_then_refused() {
    use std::os::unix::process::CommandExt;
    let s = Sandbox::new();
    s.write("policy.toml", "ledger_wait_seconds = 2\n");
    s.write("a.txt", "Dear Mrs Okafor");
    let stick = s.mkdir("stick");
    let hold = |seconds: &str| {
        let lock = s.path("ledger.jsonl.lock");
        let child = Command::new("flock")
            .arg(&lock)
            .args(["sleep", seconds])
            .process_group(0)
            .spawn()
            .expect("flock (util-linux) runs");
        let start = Instant::now();
        while !lock.exists() {
            assert!(start.elapsed() < Duration::from_secs(10));
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(Duration::from_millis(200));
        child
    };
    let mut holder = hold("60");
    let started = Instant::now();
    let out = s.seal(&["a.txt", "--to", "stick"]);
    let waited = started.elapsed();
    // The holder and its sleep (which inherits the lock) go together.
    unsafe { libc::kill(-(holder.id() as i32), libc::SIGKILL) };
    holder.wait().unwrap();
    assert_code(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains("Waiting for the transfer ledger, which another safecarry is using"),
        "{err}"
    );
    assert!(
        err.contains("kept it busy for more than 2 seconds), so nothing was sealed"),
        "{err}"
    );
    assert!(waited < Duration::from_secs(20), "{waited:?}");
    assert!(leftovers(&stick).is_empty());

    let mut holder = hold("1");
    let out = s.seal(&["a.txt", "--to", "stick"]);
    holder.wait().unwrap();
    assert_code(&out, 0);
    assert_eq!(leftovers(&stick), ["a.txt.age"]);
}
