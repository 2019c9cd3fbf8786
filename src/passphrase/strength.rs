//! Judging passphrase strength with zxcvbn.
//!
//! "Strong" means zxcvbn's score is at least the required score (3 by default) *and* its
//! estimated number of guesses is at least 10^12 (by default), and the passphrase has at
//! least the required length. The score alone is not enough: zxcvbn gives score 3 to
//! anything above 10^8 guesses, which lets short phrases such as `coffeetrainfish` through.

use std::path::Path;

use zeroize::Zeroizing;

/// What a passphrase must reach. Policy may raise these, never lower them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub min_score: u8,
    pub min_guesses_log10: f64,
    pub min_length: usize,
}

impl Default for Rule {
    fn default() -> Self {
        Rule {
            min_score: 3,
            min_guesses_log10: 12.0,
            min_length: 0,
        }
    }
}

/// zxcvbn's judgement of one passphrase. Holds no part of the passphrase.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub score: u8,
    pub guesses_log10: f64,
    pub length: usize,
    pub warning: Option<String>,
    pub suggestions: Vec<String>,
    /// Built only from the user's own words (their name, the computer's or school's name,
    /// the file names, the names of people found in the files) plus digits and punctuation. zxcvbn can rate such phrases above
    /// 10^12 because of separators and capitals, but anyone who knows the user tries
    /// them first, so they are refused whatever the estimate.
    pub personal: bool,
}

/// zxcvbn's running time grows quickly with length; beyond this many characters the
/// passphrase is judged on its first part (a longer passphrase is never weaker).
const JUDGE_CHARS: usize = 100;

/// Judges `passphrase` against zxcvbn, with `user_inputs` (user name, host name, file
/// names, school name…) treated as words an attacker would try first.
pub fn judge(passphrase: &str, user_inputs: &[String]) -> Verdict {
    let length = passphrase.chars().count();
    if passphrase.is_empty() {
        return Verdict {
            score: 0,
            guesses_log10: 0.0,
            length: 0,
            warning: Some("The passphrase is empty.".into()),
            suggestions: vec![],
            personal: false,
        };
    }
    let judged: Zeroizing<String>;
    let text = if length > JUDGE_CHARS {
        judged = Zeroizing::new(passphrase.chars().take(JUDGE_CHARS).collect());
        judged.as_str()
    } else {
        passphrase
    };
    let inputs: Vec<&str> = user_inputs.iter().map(String::as_str).collect();
    let entropy = zxcvbn::zxcvbn(text, &inputs);
    let (warning, suggestions) = match entropy.feedback() {
        Some(fb) => (
            fb.warning().map(|w| w.to_string()),
            fb.suggestions().iter().map(|s| s.to_string()).collect(),
        ),
        None => (None, vec![]),
    };
    Verdict {
        score: u8::from(entropy.score()),
        guesses_log10: entropy.guesses_log10(),
        length,
        warning,
        suggestions,
        personal: only_personal_words(passphrase, user_inputs),
    }
}

/// Whether a passphrase holds two or more of `names` (words of the names of people, and of
/// the places in their addresses, found in the files, lower case) as words of its own: "Zofia-Kowalczyk-Residential-2014",
/// "ZofiaKowalczyk!lantern". Someone who finds the stick and knows the class tries a
/// pupil's name first, whatever is added to it. (One name word alone, "Grace", is also an
/// everyday word too often to refuse.)
pub fn holds_names(passphrase: &str, names: &[String]) -> bool {
    // The passphrase's words are looked at as slices of it, never copied: split at every
    // non-letter, and at a capital after a small letter ("ZofiaKowalczyk").
    let mut found: Vec<usize> = Vec::new();
    let mut look = |w: &str| {
        if w.chars().count() < 3 {
            return;
        }
        let lower = || w.chars().flat_map(char::to_lowercase);
        if let Some(i) = names.iter().position(|n| n.chars().eq(lower()))
            && !found.contains(&i)
        {
            found.push(i);
        }
    };
    let (mut start, mut prev_lower) = (None, false);
    for (i, c) in passphrase.char_indices() {
        if (!c.is_alphabetic() || (c.is_uppercase() && prev_lower))
            && let Some(s) = start.take()
        {
            look(&passphrase[s..i]);
        }
        if c.is_alphabetic() && start.is_none() {
            start = Some(i);
        }
        prev_lower = c.is_lowercase();
    }
    if let Some(s) = start {
        look(&passphrase[s..]);
    }
    found.len() >= 2
}

/// True when removing the user's own words (3+ letters) leaves fewer than four letters.
fn only_personal_words(passphrase: &str, user_inputs: &[String]) -> bool {
    // (Copies of the passphrase, wiped when dropped.)
    let mut rest = Zeroizing::new(passphrase.to_lowercase());
    let before = rest.chars().filter(|c| c.is_alphabetic()).count();
    let mut words: Vec<&str> = user_inputs
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphanumeric))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    for w in words {
        rest = Zeroizing::new(rest.replace(w, " "));
    }
    let after = rest.chars().filter(|c| c.is_alphabetic()).count();
    after < before && after < 4
}

impl Verdict {
    pub fn is_strong(&self, rule: &Rule) -> bool {
        !self.personal
            && self.score >= rule.min_score
            && self.guesses_log10 >= rule.min_guesses_log10
            && self.length >= rule.min_length
    }

    /// Plain-English lines explaining a refusal: zxcvbn's own warning and suggestions,
    /// then what would be strong enough.
    pub fn explain(&self, rule: &Rule) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(w) = &self.warning {
            lines.push(w.clone());
        }
        if self.personal {
            lines.push(
                "It is made from names: your own, the computer's or the school's, the files' \
                 or those of people and places in the files. Anyone who finds the files and \
                 knows you or the school would try those first."
                    .into(),
            );
        }
        if self.length < rule.min_length {
            lines.push(format!(
                "It must be at least {} characters long (it has {}).",
                rule.min_length, self.length
            ));
        }
        if self.score < rule.min_score || self.guesses_log10 < rule.min_guesses_log10 {
            lines.push(format!(
                "It could be guessed in about {} tries; it needs to take at least {} tries.",
                tries(self.guesses_log10),
                tries(rule.min_guesses_log10)
            ));
        }
        lines.extend(self.suggestions.iter().cloned());
        lines.push(
            "Four or five unrelated words that mean nothing together work well, \
             e.g. a made-up sentence. Avoid names, dates, school words and common phrases."
                .into(),
        );
        lines
    }
}

/// Describes 10^x as words a teacher can picture.
pub fn tries(log10: f64) -> String {
    let x = log10.floor() as i32;
    match x {
        i32::MIN..=2 => "a hundred".into(),
        3..=5 => "a thousand".into(),
        6..=8 => "a million".into(),
        9..=11 => "a billion".into(),
        12..=14 => "a million million".into(),
        15..=17 => "a thousand million million".into(),
        _ => format!("10^{x}"),
    }
}

/// Words an attacker who knows the user would try first: their login and real name, the
/// computer's name, the school's name and the names of the files being sealed.
pub fn user_inputs(files: &[&Path], school_name: Option<&str>) -> Vec<String> {
    let mut inputs = Vec::new();
    let mut push_words = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            return;
        }
        inputs.push(s.to_lowercase());
        for w in s.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().count() >= 3 {
                inputs.push(w.to_lowercase());
            }
        }
    };
    for who in crate::platform::user_names() {
        push_words(&who);
    }
    if let Some(host) = crate::platform::host_name() {
        push_words(&host);
    }
    if let Some(school) = school_name {
        push_words(school);
    }
    for f in files {
        if let Some(stem) = f.file_stem() {
            push_words(&stem.to_string_lossy());
        }
    }
    inputs.sort();
    inputs.dedup();
    inputs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strong(p: &str, inputs: &[&str]) -> bool {
        let inputs: Vec<String> = inputs.iter().map(|s| s.to_string()).collect();
        judge(p, &inputs).is_strong(&Rule::default())
    }

    #[test]
    fn two_names_of_people_in_the_files_make_a_passphrase_theirs() {
        let names: Vec<String> = ["zofia", "kowalczyk", "amara", "grace"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for p in [
            "Zofia-Kowalczyk-Residential-2014",
            "ZofiaKowalczyk!lantern",
            "lantern amara orbit grace",
        ] {
            assert!(holds_names(p, &names), "{p}");
        }
        for p in [
            "Grace-lantern-orbit-meadow",
            "copper lantern orbit meadow quietly",
            "zofiakowalczyk",
            "",
        ] {
            assert!(!holds_names(p, &names), "{p}");
        }
    }

    #[test]
    fn common_weak_passphrases_are_refused() {
        for p in [
            "password123",
            "Summer2024!",
            "coffeetrainfish",
            "letmein",
            "",
        ] {
            assert!(!strong(p, &[]), "{p} should be weak");
        }
    }

    #[test]
    fn score_three_alone_is_not_enough() {
        let v = judge("coffeetrainfish", &[]);
        assert!(v.score >= 3, "zxcvbn scores it {}", v.score);
        assert!(!v.is_strong(&Rule::default()));
    }

    #[test]
    fn the_users_own_name_and_a_year_is_refused() {
        assert!(!strong(
            "sarahjones2024",
            &["sarah", "jones", "sarah jones"]
        ));
        assert!(!strong(
            "Oakfield Primary 2025",
            &["oakfield primary", "oakfield", "primary"]
        ));
    }

    #[test]
    fn long_unrelated_word_phrases_pass() {
        assert!(strong("tulip anchor velvet gravy orbit", &[]));
    }

    #[test]
    fn policy_length_is_enforced() {
        let rule = Rule {
            min_length: 40,
            ..Rule::default()
        };
        let v = judge("tulip anchor velvet gravy orbit", &[]);
        assert!(!v.is_strong(&rule));
        assert!(v.explain(&rule).iter().any(|l| l.contains("40 characters")));
    }

    #[test]
    fn refusals_explain_what_is_needed() {
        let v = judge("password123", &[]);
        let text = v.explain(&Rule::default()).join(" ");
        assert!(text.contains("million million"), "{text}");
    }
}
