//! Lays out the bundled name lists as a lookup table (see `src/detect/word_table.rs`), so
//! the program does not build one every time it starts.

use std::collections::BTreeMap;
use std::path::Path;

#[path = "src/detect/word_table.rs"]
#[allow(dead_code)]
mod word_table;

fn main() {
    let data = Path::new("src/detect/data");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    println!("cargo::rerun-if-changed=src/detect/word_table.rs");
    let mut short: BTreeMap<u128, u8> = BTreeMap::new();
    let mut long: BTreeMap<String, u8> = BTreeMap::new();
    for (file, bits) in word_table::LISTS {
        let path = data.join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        let list = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        for w in word_table::lines(&list) {
            match word_table::key(w.as_bytes(), |b| b) {
                Some(k) => *short.entry(k).or_default() |= bits,
                None => *long.entry(w.to_string()).or_default() |= bits,
            }
        }
    }
    assert!(
        short.len() * 2 < word_table::SLOTS,
        "{} words: make the table bigger (SLOT_BITS)",
        short.len()
    );
    let mut keys = vec![0u128; word_table::SLOTS];
    let mut values = vec![0u8; word_table::SLOTS];
    for (&k, &bits) in &short {
        let mut s = word_table::slot(k);
        while keys[s] != 0 {
            s = (s + 1) % word_table::SLOTS;
        }
        keys[s] = k;
        values[s] = bits;
    }
    let key_bytes: Vec<u8> = keys.iter().flat_map(|k| k.to_le_bytes()).collect();
    write(&out.join("name_keys.bin"), &key_bytes);
    write(&out.join("name_bits.bin"), &values);
    let long: String = long.iter().map(|(w, b)| format!("{w}\t{b}\n")).collect();
    write(&out.join("name_long.txt"), long.as_bytes());
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
