//! Generated passphrases: six words drawn uniformly from the EFF large diceware list.
//!
//! The list (7,776 words, so 12.9 bits a word and about 77 bits for six) is the
//! Electronic Frontier Foundation's "long word list" of 2016, published under the Creative
//! Commons Attribution 3.0 US licence; see docs/passphrases.md.

use age::secrecy::SecretString;
use rand::Rng;
use rand::rngs::OsRng;
use zeroize::Zeroizing;

const LIST: &str = include_str!("eff_large_wordlist.txt");

/// How many words a generated passphrase has.
pub const WORDS: usize = 6;

/// The word list, in order.
pub fn words() -> impl Iterator<Item = &'static str> {
    LIST.lines().filter_map(|l| l.split('\t').nth(1))
}

/// Makes a new passphrase of `WORDS` words separated by spaces, using the operating
/// system's random number generator.
pub fn generate() -> SecretString {
    let list: Vec<&str> = words().collect();
    let mut out = Zeroizing::new(String::with_capacity(64));
    let mut rng = OsRng;
    for i in 0..WORDS {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(list[rng.gen_range(0..list.len())]);
    }
    SecretString::from(out.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::secrecy::ExposeSecret;

    #[test]
    fn the_list_is_the_full_eff_large_list() {
        let list: Vec<&str> = words().collect();
        assert_eq!(list.len(), 7776);
        assert_eq!(list[0], "abacus");
        assert_eq!(list[7775], "zoom");
        let mut sorted = list.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), 7776, "no duplicates");
    }

    #[test]
    fn generated_passphrases_are_six_words_and_strong() {
        let rule = crate::passphrase::strength::Rule::default();
        for _ in 0..20 {
            let p = generate();
            let s = p.expose_secret();
            assert_eq!(s.split(' ').count(), WORDS);
            let v = crate::passphrase::strength::judge(s, &[]);
            assert!(
                v.is_strong(&rule),
                "score {} guesses 10^{}",
                v.score,
                v.guesses_log10
            );
        }
    }

    #[test]
    fn generated_passphrases_differ() {
        let a = generate();
        let b = generate();
        assert_ne!(a.expose_secret(), b.expose_secret());
    }
}
