//! Damaged sealed files: every single byte of a small sealed file flipped in turn, and a
//! larger one cut short at every 4 KiB boundary. Each must be refused with exit 1 and leave
//! the target folder exactly as it was: not one byte of plaintext.
//!
//! The files are made by safecarry's own sealing code at a low scrypt work factor (log2 N =
//! 10) so that thousands of opens take seconds rather than hours; `open` itself is the real
//! binary, run once per damaged copy.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use common::*;
use safecarry::seal::{Request, Target, seal};

const MARKER: &str = "Ellery Ashdown-Marchetti, born 14/03/2015, UPN A123456789012";

/// Seals `inputs` (paths in the sandbox) into `name` at a low work factor.
fn seal_fast(s: &Sandbox, inputs: &[&str], name: &str) -> Vec<u8> {
    let paths: Vec<PathBuf> = inputs.iter().map(|i| s.path(i)).collect();
    let plan = safecarry::collect::collect(&paths).unwrap();
    let target = Target::File(s.path(name));
    let sealed = seal(&Request {
        plan: &plan,
        passphrase: &SecretString::from(STRONG),
        work_factor: 10,
        target: &target,
        show_progress: false,
    })
    .unwrap_or_else(|e| panic!("seal: {}", e.message));
    fs::read(sealed.file.path).unwrap()
}

/// Opens each variant (in two worker threads, each with its own target folder) and checks
/// that every one is refused with exit 1 and leaves its target empty.
fn all_refused(s: &Sandbox, label: &str, variants: Vec<(String, Vec<u8>)>) {
    let pf = s.passfile(STRONG);
    let chunks: Vec<Vec<(String, Vec<u8>)>> = {
        let mut a = Vec::new();
        let mut b = Vec::new();
        for (i, v) in variants.into_iter().enumerate() {
            if i % 2 == 0 { a.push(v) } else { b.push(v) }
        }
        vec![a, b]
    };
    std::thread::scope(|scope| {
        for (w, chunk) in chunks.into_iter().enumerate() {
            let pf = &pf;
            scope.spawn(move || {
                let target = s.mkdir(&format!("{label}-target-{w}"));
                let file = s.path(&format!("{label}-{w}.age"));
                for (what, bytes) in chunk {
                    fs::write(&file, &bytes).unwrap();
                    let out = s
                        .cmd()
                        .arg("open")
                        .arg(&file)
                        .arg("--to")
                        .arg(&target)
                        .arg("--passphrase-file")
                        .arg(pf)
                        .output()
                        .unwrap();
                    assert_code(&out, 1);
                    let err = stderr(&out);
                    assert!(
                        err.starts_with("safecarry: error:") && err.lines().count() <= 2,
                        "{label} {what}: not a plain one-line error: {err}"
                    );
                    assert!(!err.contains(STRONG), "{label} {what}");
                    let left = tree(&target);
                    assert!(
                        left.is_empty(),
                        "{label} {what}: target not empty: {left:?}"
                    );
                }
            });
        }
    });
}

fn target_is_untouched(dir: &Path) {
    assert!(tree(dir).is_empty());
}

#[test]
fn every_flipped_byte_of_a_small_sealed_file_is_refused() {
    let s = Sandbox::new();
    s.write("Class 4/notes.txt", MARKER);
    let sealed = seal_fast(&s, &["Class 4"], "small.age");
    // The unchanged file opens: the refusals below are caused by the damage alone.
    s.mkdir("check");
    let out = s.open("small.age", "check");
    assert_code(&out, 0);
    assert_eq!(
        fs::read_to_string(s.path("check/Class 4/notes.txt")).unwrap(),
        MARKER
    );
    eprintln!("flipping each of {} bytes", sealed.len());
    let variants = (0..sealed.len())
        .map(|i| {
            let mut v = sealed.clone();
            v[i] ^= 0xFF;
            (format!("byte {i} flipped"), v)
        })
        .collect();
    all_refused(&s, "flip", variants);
}

#[test]
fn a_sealed_file_cut_at_every_4_kib_boundary_is_refused() {
    let s = Sandbox::new();
    s.write("Class 4/notes.txt", MARKER);
    s.write("Class 4/photo.bin", noise(600_000, 9));
    let sealed = seal_fast(&s, &["Class 4"], "large.age");
    eprintln!("cutting {} bytes at every 4 KiB", sealed.len());
    let variants = (0..sealed.len())
        .step_by(4096)
        .chain([sealed.len() - 1])
        .map(|at| (format!("cut at {at}"), sealed[..at].to_vec()))
        .collect();
    all_refused(&s, "cut", variants);
    target_is_untouched(&s.path("cut-target-0"));
}
