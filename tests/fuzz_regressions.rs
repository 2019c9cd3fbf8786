//! Replays the fuzz targets' inputs on the ordinary (stable) toolchain: the seeds in
//! `fuzz/seeds/<target>/` and every input fuzzing ever found a problem with, kept in
//! `fuzz/regressions/<target>/`. Each must pass through the same entry point the fuzz
//! target calls (`safecarry::fuzzing`) without a panic. See docs/fuzzing.md.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for kind in ["seeds", "regressions"] {
        let dir = root.join(kind).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths {
            let data = std::fs::read(&p).unwrap();
            let name = p.display().to_string();
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                panic!("{target}: {name} failed");
            }
            count += 1;
        }
    }
    assert!(
        count > 0,
        "no inputs for {target}: run `cargo run --example fuzz-seeds`"
    );
}

#[test]
fn extract_inputs() {
    replay("extract", safecarry::fuzzing::extract);
}

#[test]
fn detect_inputs() {
    replay("detect", safecarry::fuzzing::detect);
}

#[test]
fn open_payload_inputs() {
    replay("open_payload", safecarry::fuzzing::open_payload);
}

#[test]
fn open_file_inputs() {
    replay("open_file", safecarry::fuzzing::open_file);
}
