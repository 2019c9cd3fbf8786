//! The bundled name lists as one lookup table, laid out when safecarry is built (by
//! `build.rs`, which includes this file) rather than each time it starts: reading
//! 90,000 words into a hash map took longer than scanning a handful of files.
//!
//! A word of up to [`SHORT`] bytes is keyed by its bytes and its length packed into one
//! 128-bit number ([`key`]). The table has [`SLOTS`] slots, each a key (16 bytes, little
//! endian; 0 for an empty slot, which no word's key is, as its length is at least 1) and
//! the word's list bits (one byte, in a second array). A key's first slot is given by
//! [`slot`]; a word that finds its slot taken goes to the next free one (linear probing),
//! so a look-up walks from the first slot until it finds the key or an empty slot. Longer
//! words, a few hundred, are listed apart.
//!
//! This file is shared between the build script and the program, so it uses only the
//! standard library.

/// In the given-name list.
pub const FIRST: u8 = 1;
/// In the surname list.
pub const LAST: u8 = 2;
/// In the list of everyday words that are also names ("Rose", "Bill", "Grace").
pub const WORD: u8 = 4;

/// The longest word in the table.
pub const SHORT: usize = 15;
/// log2 of the number of slots: about a third of them are used, so a look-up of a word
/// that is not there stops after one or two slots.
pub const SLOT_BITS: u32 = 18;
/// The number of slots.
pub const SLOTS: usize = 1 << SLOT_BITS;

/// The lists, with the bits their words get (read by the build script and the tests).
#[allow(dead_code)]
pub const LISTS: [(&str, u8); 3] = [
    ("first_names.txt", FIRST),
    ("surnames.txt", LAST),
    ("name_words.txt", WORD),
];

/// The words of a list: one per line, trimmed; blank lines and `#` comments skipped.
pub fn lines(list: &str) -> impl Iterator<Item = &str> {
    list.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `word`'s bytes, with `map` applied to each, and its length (in the last byte) as a
/// key; `None` if it is longer than [`SHORT`].
pub fn key(word: &[u8], map: impl Fn(u8) -> u8) -> Option<u128> {
    if word.len() > SHORT {
        return None;
    }
    let mut k = [0; 16];
    for (k, &b) in k.iter_mut().zip(word) {
        *k = map(b);
    }
    k[15] = word.len() as u8;
    Some(u128::from_le_bytes(k))
}

/// The first slot to try for `key`.
pub fn slot(key: u128) -> usize {
    let mixed = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOT_BITS)) as usize
}
