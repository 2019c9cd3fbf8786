//! Test harness: each test gets a fresh sandbox folder and a `safecarry` command that is
//! isolated from the machine (its own policy and ledger files, no colour).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A passphrase zxcvbn judges strong (score 4, well over 10^12 guesses).
pub const STRONG: &str = "tulip anchor velvet gravy orbit";

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("safecarry-test-")
            .tempdir()
            .expect("tempdir");
        let s = Sandbox { dir };
        s.write("policy.toml", "");
        s
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&p, content).unwrap();
        p
    }

    pub fn mkdir(&self, rel: &str) -> PathBuf {
        let p = self.path(rel);
        fs::create_dir_all(&p).unwrap();
        p
    }

    /// A passphrase file holding `pass`.
    pub fn passfile(&self, pass: &str) -> PathBuf {
        self.write("pass.txt", format!("{pass}\n"))
    }

    /// `safecarry` with an isolated policy and ledger, run in the sandbox.
    pub fn cmd(&self) -> Command {
        self.cmd_of(Path::new(env!("CARGO_BIN_EXE_safecarry")))
    }

    /// Like [`cmd`](Sandbox::cmd), running the safecarry binary at `program`.
    pub fn cmd_of(&self, program: &Path) -> Command {
        let mut c = Command::new(program);
        c.current_dir(self.dir.path())
            .env("SAFECARRY_POLICY", self.path("policy.toml"))
            .env("SAFECARRY_LEDGER", self.path("ledger.jsonl"))
            .env("NO_COLOR", "1")
            .env_remove("RUST_BACKTRACE");
        c
    }

    /// Runs `safecarry ARGS --passphrase-file <pass>`.
    pub fn run_with_pass(&self, pass: &str, args: &[&str]) -> Output {
        let pf = self.passfile(pass);
        self.cmd()
            .args(args)
            .arg("--passphrase-file")
            .arg(pf)
            .output()
            .expect("run safecarry")
    }

    /// `safecarry open FILE --to DIR --passphrase-file PASS`, not yet run.
    pub fn open_cmd(&self, file: &str, to: &str, pass_file: &Path) -> Command {
        let mut c = self.cmd();
        c.args(["open", file, "--to", to, "--passphrase-file"])
            .arg(pass_file);
        c
    }

    pub fn seal(&self, args: &[&str]) -> Output {
        let mut a = vec!["seal"];
        a.extend_from_slice(args);
        self.run_with_pass(STRONG, &a)
    }

    pub fn open(&self, file: &str, to: &str) -> Output {
        self.run_with_pass(STRONG, &["open", file, "--to", to])
    }
}

pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[track_caller]
pub fn assert_code(o: &Output, want: i32) {
    assert_eq!(
        code(o),
        want,
        "exit code\n--- stdout\n{}\n--- stderr\n{}",
        stdout(o),
        stderr(o)
    );
}

/// The command's error output says `want` (shown in full when it does not).
#[track_caller]
pub fn assert_stderr_has(o: &Output, want: &str) {
    let err = stderr(o);
    assert!(err.contains(want), "stderr lacks {want:?}:\n{err}");
}

/// Every file and folder under `dir` with its contents (folders map to `None`), as
/// relative paths: a snapshot to compare before and after.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap()).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            let rel = p.strip_prefix(base).unwrap().to_path_buf();
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                out.insert(rel, None);
                walk(base, &p, out);
            } else if ft.is_symlink() {
                out.insert(rel, Some(b"<symlink>".to_vec()));
            } else {
                out.insert(rel, Some(fs::read(&p).unwrap()));
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// The single `.age` file in `dir`.
pub fn only_age_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "age"))
        .collect();
    assert_eq!(
        files.len(),
        1,
        "expected one .age file in {dir:?}, found {files:?}"
    );
    files.into_iter().next().unwrap()
}

/// Deterministic incompressible bytes (xorshift), without a random-number dependency.
pub fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    let mut v = Vec::with_capacity(len);
    while v.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.extend_from_slice(&x.to_le_bytes());
    }
    v.truncate(len);
    v
}

/// Writes `megabytes` MB of incompressible data to `rel` in the sandbox, a megabyte at a
/// time (memory stays small).
pub fn big_file(s: &Sandbox, rel: &str, megabytes: u64) -> PathBuf {
    use std::io::Write;
    let path = s.path(rel);
    let mut f = fs::File::create(&path).unwrap();
    for i in 0..megabytes {
        f.write_all(&noise(1_000_000, i)).unwrap();
    }
    path
}

/// Encrypts `plaintext` with a passphrase using the age library directly (for crafting
/// hostile payloads that safecarry itself would never make).
pub fn age_encrypt(plaintext: &[u8], pass: &str) -> Vec<u8> {
    age_encrypt_at(plaintext, pass, 18)
}

/// [`age_encrypt`] at scrypt work factor `log_n` (low values make many opens cheap).
pub fn age_encrypt_at(plaintext: &[u8], pass: &str, log_n: u8) -> Vec<u8> {
    use std::io::Write;
    let mut r = age::scrypt::Recipient::new(age::secrecy::SecretString::from(pass));
    r.set_work_factor(log_n);
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as _)).unwrap();
    let mut out = Vec::new();
    let mut w = enc.wrap_output(&mut out).unwrap();
    w.write_all(plaintext).unwrap();
    w.finish().unwrap();
    out
}

/// Runs `cmd` and returns its exit code and peak RSS (KiB), read by waiting for it with
/// wait4. Its standard output goes to `stdout_to` (or nowhere), standard error nowhere.
#[cfg(target_os = "linux")]
pub fn peak_rss_kib(stdout_to: Option<&Path>, mut cmd: Command) -> (i32, i64) {
    use std::process::Stdio;
    let out = match stdout_to {
        Some(p) => Stdio::from(fs::File::create(p).unwrap()),
        None => Stdio::null(),
    };
    let child = cmd.stdout(out).stderr(Stdio::null()).spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid);
    std::mem::forget(child); // already reaped
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}
