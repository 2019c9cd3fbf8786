//! Finding the words and phrases of a list where words start.
//!
//! Sensitive words and the names of people studied in lessons count only as whole words,
//! so a match can only begin where a word begins: at the start of the text or after a
//! character that is not a letter or a digit. Prose has about one such place in six bytes,
//! and at most of them the first two letters already rule out every entry of the list.
//! So instead of running an automaton over every byte, [`WordStarts`] visits the places
//! where a word starts (found 64 bytes at a time), keeps those whose first three or four
//! bytes may begin an entry (a table of bits, hashed, that fits in the processor's cache),
//! and walks an anchored automaton (the aho-corasick crate's NFA, quick to build) from
//! there.
//!
//! Matching is ASCII case-insensitive, as the lists are searched everywhere else.

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind, PatternID};

pub struct WordStarts {
    nfa: aho_corasick::nfa::contiguous::NFA,
    /// Whether an entry starts with this byte (in either ASCII case).
    first: [bool; 256],
    /// Bit `a << 8 | b` is set when an entry of one or two bytes starts with `a`, `b`
    /// (ASCII lower case); an entry of one byte `a` sets every `a << 8 | b`.
    short: Box<[u64; 1024]>,
    /// Bit [`hashed`]`(first three bytes)` is set for every entry of three bytes, and bit
    /// [`hashed`]`(first four bytes)` for every longer entry (one table).
    longer: Box<[u64; HASHED / 64]>,
    /// The length in bytes of the shortest entry.
    min_len: usize,
    /// Only at words that start with a capital (see [`WordStarts::at_capitals`]): the first
    /// bytes (ASCII small letters) of the entries that may still start with a small one.
    small_starts: Option<[bool; 256]>,
}

/// Words that start a name in small letters ("van Gogh", "da Vinci").
const SMALL_PARTICLES: &[&str] = &["van", "von", "de", "da", "di", "du", "le", "la", "al"];

impl WordStarts {
    pub fn new<P: AsRef<[u8]>>(entries: &[P]) -> WordStarts {
        let nfa = aho_corasick::nfa::contiguous::Builder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(entries)
            .expect("word list automaton");
        let mut short = Box::new([0u64; 1024]);
        let mut longer = Box::new([0u64; HASHED / 64]);
        let mut first = [false; 256];
        for e in entries {
            // Entries start with a letter or a digit: a word start is never found before
            // ASCII punctuation.
            debug_assert!(
                e.as_ref()
                    .first()
                    .is_none_or(|a| !a.is_ascii() || a.is_ascii_alphanumeric())
            );
            if let Some(&a) = e.as_ref().first() {
                first[usize::from(a.to_ascii_lowercase())] = true;
                first[usize::from(a.to_ascii_uppercase())] = true;
            }
            match *e.as_ref() {
                [] => {}
                [a] => (0..=255).for_each(|b| set(&mut short[..], pair(a, b))),
                [a, b] => set(&mut short[..], pair(a, b)),
                [a, b, c] => set(&mut longer[..], hashed([a, b, c, 0])),
                [a, b, c, d, ..] => set(&mut longer[..], hashed([a, b, c, d])),
            }
        }
        WordStarts {
            min_len: nfa.min_pattern_len(),
            nfa,
            first,
            short,
            longer,
            small_starts: None,
        }
    }

    /// Entries are found only at a word that starts with a capital letter or with a
    /// character that is not ASCII ("Tom Kitten", "TOM KITTEN"; not "tom kitten"), except
    /// entries that start with one of a few particles, found in small letters too ("van
    /// Gogh"). For names, which the rules find only where they are capitalised: most words
    /// of running text start with a small letter, and are passed over without a look.
    pub fn at_capitals<P: AsRef<[u8]>>(entries: &[P]) -> WordStarts {
        let mut small = [false; 256];
        for e in entries {
            let e = e.as_ref();
            let word = e.split(|&b| b == b' ').next().unwrap_or_default();
            if SMALL_PARTICLES
                .iter()
                .any(|p| p.as_bytes().eq_ignore_ascii_case(word))
            {
                small[usize::from(e[0].to_ascii_lowercase())] = true;
            }
        }
        WordStarts {
            small_starts: Some(small),
            ..WordStarts::new(entries)
        }
    }

    /// The length in bytes of the shortest entry: shorter text holds none.
    pub fn min_len(&self) -> usize {
        self.min_len
    }

    /// Calls `f(entry, start, end)` for every entry found at every word start of `text`,
    /// in order of start (and, at one start, of end).
    pub fn each(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let b = text.as_bytes();
        if b.len() < self.min_len {
            return;
        }
        // Word starts are found 64 bytes at a time, as bit masks (no branch per byte):
        // a letter or digit, or the first byte of any other character, after a byte that is
        // neither (an ASCII space or punctuation). After a character that is not ASCII
        // ("“Asthma", "café"), whether a word starts is decided character by character.
        let last = b.len() - self.min_len; // no entry fits after this
        // Of the byte before this block: ASCII letter or digit, or not ASCII.
        let (mut prev_word, mut prev_high) = (0u64, 0u64);
        for (k, block) in b.chunks(64).enumerate() {
            let base = k * 64;
            if base > last {
                break;
            }
            let (alnum, high, cont, small) = masks(block);
            let starts_char = alnum | (high & !cont);
            let word_or_high = alnum | high;
            let sure = starts_char & !((word_or_high << 1) | prev_word);
            let unsure = starts_char & ((high << 1) | prev_high);
            let top = block.len() - 1;
            prev_word = (word_or_high >> top) & 1;
            prev_high = (high >> top) & 1;
            let mut candidates = sure | unsure;
            if let Some(small_starts) = &self.small_starts {
                // Capitals only: a word starting with a small letter is passed over,
                // unless an entry may start with that letter in small ("van Gogh").
                let mut smalls = candidates & small;
                candidates &= !small;
                while smalls != 0 {
                    let j = smalls.trailing_zeros() as usize;
                    smalls &= smalls - 1;
                    if small_starts[usize::from(b[base + j])] {
                        candidates |= 1 << j;
                    }
                }
            }
            while candidates != 0 {
                let j = candidates.trailing_zeros() as usize;
                candidates &= candidates - 1;
                let i = base + j;
                if i > last {
                    return;
                }
                if !self.first[usize::from(b[i])]
                    || (unsure >> j) & 1 == 1 && ends_word_char(&text[..i])
                    || !self.may_start(b, i)
                {
                    continue;
                }
                self.at(b, i, |entry, end| f(entry, i, end));
            }
        }
    }

    /// At each word start, the longest entry there that ends a word (followed by a
    /// character that is not a letter or a digit: "Tom Kitten", not "Churchillian"); left
    /// to right, not overlapping (the leftmost wins): as `(start, end)`.
    pub fn whole_words(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        self.each(text, |_, start, end| {
            if text[end..].chars().next().is_some_and(alphanumeric) {
                return;
            }
            match out.last_mut() {
                Some(last) if last.0 == start => last.1 = end,
                _ => out.push((start, end)),
            }
        });
        // Keep them from overlapping.
        let mut covered = 0;
        out.retain(|&(s, e)| {
            let keep = s >= covered;
            if keep {
                covered = e;
            }
            keep
        });
        out
    }

    /// Whether an entry may start at `b[i]` (which starts one).
    #[inline]
    fn may_start(&self, b: &[u8], i: usize) -> bool {
        // Four bytes at once, lower-cased together (most word starts).
        if let Some(&four) = b.get(i..).and_then(|r| r.first_chunk::<4>()) {
            let x = ascii_lowercase_u32(u32::from_le_bytes(four));
            return get(
                &self.short[..],
                (x as usize & 0xff) << 8 | (x as usize >> 8 & 0xff),
            ) || get(&self.longer[..], hash_u32(x & 0x00ff_ffff))
                || get(&self.longer[..], hash_u32(x));
        }
        let a = b[i];
        let second = b.get(i + 1).copied().unwrap_or(0);
        if get(&self.short[..], pair(a, second)) {
            return true;
        }
        let Some(&third) = b.get(i + 2) else {
            return false;
        };
        get(&self.longer[..], hashed([a, second, third, 0]))
            || b.get(i + 3)
                .is_some_and(|&d| get(&self.longer[..], hashed([a, second, third, d])))
    }

    /// Every entry that `b[start..]` begins with, by length.
    fn at(&self, b: &[u8], start: usize, mut f: impl FnMut(usize, usize)) {
        let d = &self.nfa;
        let Ok(mut sid) = d.start_state(Anchored::Yes) else {
            return;
        };
        for (j, &byte) in b[start..].iter().enumerate() {
            sid = d.next_state(Anchored::Yes, sid, byte);
            if d.is_dead(sid) {
                return;
            }
            if d.is_match(sid) {
                let end = start + j + 1;
                for k in 0..d.match_len(sid) {
                    let p: PatternID = d.match_pattern(sid, k);
                    // A match state also lists entries ending here that start later.
                    if d.pattern_len(p) == end - start {
                        f(p.as_usize(), end);
                    }
                }
            }
        }
    }
}

/// Bits in the table of entries' first three or four bytes: 32 KiB, about 1 % of them
/// set by a list of 2,000 entries.
const HASHED: usize = 1 << 18;

fn set(bits: &mut [u64], i: usize) {
    bits[i >> 6] |= 1 << (i & 63);
}

fn get(bits: &[u64], i: usize) -> bool {
    bits[i >> 6] & (1 << (i & 63)) != 0
}

/// Where an entry's first bytes (ASCII lower case; three bytes and a zero for an entry of
/// three) fall in the hashed table.
fn hashed(bytes: [u8; 4]) -> usize {
    hash_u32(u32::from_le_bytes(bytes.map(|b| b.to_ascii_lowercase())))
}

/// [`hashed`] of four bytes already lower-cased, read as a little-endian number.
#[inline]
fn hash_u32(x: u32) -> usize {
    (x.wrapping_mul(0x9E37_79B1) >> (32 - HASHED.trailing_zeros())) as usize
}

/// Each of four bytes (little-endian) ASCII lower-cased, as `u8::to_ascii_lowercase`
/// would: a capital `A`–`Z` gets the bit 0x20, every other byte stays as it is.
#[inline]
fn ascii_lowercase_u32(x: u32) -> u32 {
    // Per byte, with its top bit cleared so that the sums below cannot carry into the
    // next byte: the top bit is set when the byte is at least 'A', and when it is above 'Z'.
    let low7 = x & 0x7f7f_7f7f;
    let at_least_a = low7.wrapping_add(0x3f3f_3f3f); // 0x41 + 0x3f = 0x80
    let above_z = low7.wrapping_add(0x2525_2525); // 0x5b + 0x25 = 0x80
    // A capital: at least 'A', not above 'Z', and ASCII (top bit of the byte clear).
    let capital = at_least_a & !above_z & !x & 0x8080_8080;
    x | (capital >> 2)
}

fn pair(a: u8, b: u8) -> usize {
    (usize::from(a.to_ascii_lowercase()) << 8) | usize::from(b.to_ascii_lowercase())
}

/// Bit masks of a block of at most 64 bytes: ASCII letters and digits, bytes that are not
/// ASCII, the continuation bytes of characters that are not ASCII, and ASCII small letters.
fn masks(block: &[u8]) -> (u64, u64, u64, u64) {
    #[cfg(target_arch = "x86_64")]
    {
        let mut padded = [0u8; 64];
        padded[..block.len()].copy_from_slice(block);
        sse2_masks(&padded)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        scalar_masks(block)
    }
}

/// [`masks`] byte by byte (other processors; on x86-64, the tests' reference).
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
fn scalar_masks(block: &[u8]) -> (u64, u64, u64, u64) {
    let (mut alnum, mut high, mut cont, mut small) = (0u64, 0u64, 0u64, 0u64);
    for (j, &c) in block.iter().enumerate() {
        alnum |= u64::from(c.is_ascii_alphanumeric()) << j;
        high |= u64::from(c >= 0x80) << j;
        cont |= u64::from(c & 0xC0 == 0x80) << j;
        small |= u64::from(c.is_ascii_lowercase()) << j;
    }
    (alnum, high, cont, small)
}

/// [`masks`] with SSE2, which every x86-64 processor has: 16 bytes per step.
#[cfg(target_arch = "x86_64")]
fn sse2_masks(block: &[u8; 64]) -> (u64, u64, u64, u64) {
    use std::arch::x86_64::*;
    let (mut alnum, mut high, mut cont, mut small) = (0u64, 0u64, 0u64, 0u64);
    for (k, chunk) in block.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is part of x86-64; the load reads the 16 bytes of `chunk`, unaligned.
        let (a, h, c, s) = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast());
            // Unsigned "x <= n" as "min(x, n) == x".
            let within = |x: __m128i, n: i8| _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(n)), x);
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let letter = within(_mm_sub_epi8(lower, _mm_set1_epi8(b'a' as i8)), 25);
            let small = within(_mm_sub_epi8(v, _mm_set1_epi8(b'a' as i8)), 25);
            let digit = within(_mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8)), 9);
            let continuation = _mm_cmpeq_epi8(
                _mm_and_si128(v, _mm_set1_epi8(0xC0u8 as i8)),
                _mm_set1_epi8(0x80u8 as i8),
            );
            (
                _mm_movemask_epi8(_mm_or_si128(letter, digit)),
                _mm_movemask_epi8(v),
                _mm_movemask_epi8(continuation),
                _mm_movemask_epi8(small),
            )
        };
        let at = 16 * k;
        alnum |= u64::from(a as u16) << at;
        high |= u64::from(h as u16) << at;
        cont |= u64::from(c as u16) << at;
        small |= u64::from(s as u16) << at;
    }
    (alnum, high, cont, small)
}

/// Whether `s` ends with a letter or a digit.
fn ends_word_char(s: &str) -> bool {
    s.chars().next_back().is_some_and(alphanumeric)
}

/// `char::is_alphanumeric`, answered at once for the punctuation of running text (curly
/// quotes, dashes, ellipses: the General Punctuation block holds no letter or digit).
fn alphanumeric(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_bytes_lower_case_as_each_would() {
        // Every byte value in every position, beside bytes around the capitals' edges.
        let edges = [
            0u8, b'@', b'A', b'Z', b'[', b'a', b'z', 0x7f, 0x80, 0xc1, 0xff,
        ];
        for b in 0..=255u8 {
            for &e in &edges {
                for at in 0..4 {
                    let mut bytes = [e; 4];
                    bytes[at] = b;
                    let want = u32::from_le_bytes(bytes.map(|c| c.to_ascii_lowercase()));
                    assert_eq!(
                        ascii_lowercase_u32(u32::from_le_bytes(bytes)),
                        want,
                        "{bytes:?}"
                    );
                }
            }
        }
    }

    /// Entries for the tests: phrases, one entry the suffix of another, one the start of
    /// another, characters of several bytes, one letter.
    const ENTRIES: [&str; 10] = [
        "sen support",
        "sen",
        "port",
        "support",
        "asthma",
        "tom kitten",
        "tom",
        "x",
        "naïve",
        "é",
    ];

    /// What `each` must find, written plainly: at every character boundary that starts a
    /// word, every entry the text continues with there (in any ASCII case).
    fn each_as_specified(entries: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (i, _) in text.char_indices() {
            if text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let mut here: Vec<(usize, usize, usize)> = entries
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    text.as_bytes()
                        .get(i..i + e.len())
                        .is_some_and(|t| t.eq_ignore_ascii_case(e.as_bytes()))
                })
                .map(|(k, e)| (k, i, i + e.len()))
                .collect();
            here.sort_by_key(|&(k, _, e)| (e, k));
            out.extend(here);
        }
        out
    }

    fn found(w: &WordStarts, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        w.each(text, |k, s, e| out.push((k, s, e)));
        out.sort_by_key(|&(k, s, e)| (s, e, k));
        out
    }

    #[test]
    fn entries_are_found_at_word_starts_only() {
        let entries = ENTRIES;
        let w = WordStarts::new(&entries);
        for text in [
            "",
            "x",
            "chosen support; SEN Support for Asthma",
            "Tom Kitten, tom kittens and Tom (Tom) Kittenish",
            "café naïve Naïve naïvely é éé xé x",
            "“Asthma”—asthma’s asthmatic 7asthma _asthma",
            "Zoë sen; Łukasz sen… ✓sen 日本sen",
        ] {
            assert_eq!(
                found(&w, text),
                each_as_specified(&entries, text),
                "{text:?}"
            );
        }
        assert_eq!(w.min_len(), 1);
    }

    /// Long texts, so that words and characters of several bytes straddle the 64-byte
    /// blocks: pieces drawn in a fixed pseudo-random order.
    #[test]
    fn entries_are_found_across_blocks() {
        let entries = ENTRIES;
        let pieces = [
            "sen", " ", "support", "asthma", "é", "naïve", "’", "“", "Tom", "Kitten", ",", "x",
            "7", "ß", "日本", "-", "\n", "  ", "SEN", "chosen",
        ];
        let w = WordStarts::new(&entries);
        let mut seed = 12345u32;
        let mut boundary_starts = 0;
        for n in 0..3000 {
            let len = [1, 20, 63, 64, 65, 130, 200][n % 7];
            let mut text = String::new();
            while text.len() < len {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                text.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
            }
            let want = each_as_specified(&entries, &text);
            boundary_starts += want.iter().filter(|h| h.1 > 0 && h.1 % 64 == 0).count();
            assert_eq!(found(&w, &text), want, "{text:?}");
        }
        // Words did start on a block's first byte, after a word or not.
        assert!(boundary_starts > 20, "{boundary_starts}");
    }

    #[test]
    fn masks_mark_letters_digits_and_other_characters() {
        let block: Vec<u8> = (0..=255u8).collect();
        for chunk in block.chunks(64).chain([&b"a Z0@[`{/:"[..], b""]) {
            let (alnum, high, cont, small) = masks(chunk);
            assert_eq!((alnum, high, cont, small), scalar_masks(chunk));
            for (j, &c) in chunk.iter().enumerate() {
                assert_eq!((small >> j) & 1 == 1, c.is_ascii_lowercase(), "{c}");
                assert_eq!((alnum >> j) & 1 == 1, c.is_ascii_alphanumeric(), "{c}");
                assert_eq!((high >> j) & 1 == 1, c >= 0x80, "{c}");
                assert_eq!((cont >> j) & 1 == 1, (0x80..0xC0).contains(&c), "{c}");
            }
            assert_eq!((alnum | high | cont) >> chunk.len().min(63) >> 1, 0);
        }
    }

    #[test]
    fn whole_words_are_longest_and_do_not_overlap() {
        let w = WordStarts::new(&["tom kitten", "tom", "kitten caboodle", "mr fox"]);
        let t = "Tom Kittens; tom kitten caboodle; Mr Foxy and MR FOX.";
        let words: Vec<&str> = w.whole_words(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(words, ["Tom", "tom kitten", "MR FOX"]);
    }

    #[test]
    fn at_capitals_passes_over_words_in_small_letters() {
        let entries = ["tom kitten", "mr fox", "van gogh"];
        let w = WordStarts::at_capitals(&entries);
        let t = "tom kitten; Tom Kitten; TOM KITTEN; mr fox; by van Gogh; xTom Kitten";
        let words: Vec<&str> = w.whole_words(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(words, ["Tom Kitten", "TOM KITTEN", "van Gogh"]);
        // Past a block of 64 bytes too.
        let long = format!("{}Tom Kitten and tom kitten", "a ".repeat(40));
        assert_eq!(w.whole_words(&long).len(), 1);
    }
}
