//! Running the bundled identifier patterns on short texts, fast.
//!
//! Table cells are a dozen bytes long. On text that short, most of the cost of a general
//! regex search is its set-up (a cache fetched from a shared pool, a choice of strategy, a
//! second scan backwards to find where the match starts), not the scan itself. Here the
//! patterns run as lazy DFAs (`regex-automata`'s `hybrid` engine, which the `regex` crate
//! itself uses underneath) with caches that the scanning thread owns:
//!
//! 1. one DFA of all the patterns tells which of them match anywhere in the text (what
//!    `regex::RegexSet::matches` tells), then
//! 2. each of those finds its matches (what `regex::Regex::find_iter` finds).
//!
//! The answers are those of the `regex` crate on the same patterns; a test checks this on
//! every example of every rule.
//!
//! A lazy DFA builds its states as the text needs them, into the cache. Building them costs
//! more than using them, so caches are kept between files: a thread scanning a file leases
//! one ([`PatternSearch::lease`]) and gives it back when done.

use std::sync::{Mutex, OnceLock};

use regex_automata::{Input, MatchKind, PatternSet, hybrid};

/// At most this many patterns: [`PatternSearch::which`] answers with a bit set.
pub const MAX_PATTERNS: usize = 64;

pub struct PatternSearch {
    patterns: Vec<String>,
    /// All patterns at once, reporting every pattern that matches (overlapping).
    set: hybrid::dfa::DFA,
    /// Each pattern on its own, built when first needed.
    each: Vec<OnceLock<hybrid::regex::Regex>>,
    /// The fewest bytes each pattern can match.
    min_len: Vec<usize>,
    /// Caches given back by threads that finished a file.
    spare: Mutex<Vec<Caches>>,
}

/// The search state of one scanning thread.
struct Caches {
    set: hybrid::dfa::Cache,
    hits: PatternSet,
    each: Vec<Option<hybrid::regex::Cache>>,
}

impl PatternSearch {
    /// Compiles the set of patterns. Fails for a pattern the lazy DFA cannot run (Unicode
    /// word boundaries, look-around), one that can match the empty string, or for more
    /// than [`MAX_PATTERNS`].
    pub fn new(patterns: &[&str]) -> Result<PatternSearch, String> {
        if patterns.len() > MAX_PATTERNS {
            return Err(format!(
                "{} patterns: at most {MAX_PATTERNS}",
                patterns.len()
            ));
        }
        let min_len: Vec<usize> = patterns
            .iter()
            .map(|p| super::rules::minimum_len(p))
            .collect();
        if let Some(i) = min_len.iter().position(|&n| n == 0) {
            return Err(format!(
                "{}: can match the empty string, or cannot be read",
                patterns[i]
            ));
        }
        let set = hybrid::dfa::DFA::builder()
            .configure(hybrid::dfa::Config::new().match_kind(MatchKind::All))
            .build_many(patterns)
            .map_err(|e| e.to_string())?;
        Ok(PatternSearch {
            patterns: patterns.iter().map(|p| p.to_string()).collect(),
            set,
            each: patterns.iter().map(|_| OnceLock::new()).collect(),
            min_len,
            spare: Mutex::new(Vec::new()),
        })
    }

    /// The fewest bytes any of the patterns can match: shorter text holds none.
    pub fn min_len(&self) -> usize {
        self.min_len.iter().copied().min().unwrap_or(0)
    }

    /// Search state for one thread, kept until the lease is dropped.
    pub fn lease(&self) -> Lease<'_> {
        let spare = self.spare.lock().ok().and_then(|mut s| s.pop());
        let caches = spare.unwrap_or_else(|| Caches {
            set: self.set.create_cache(),
            hits: PatternSet::new(self.patterns.len()),
            each: self.patterns.iter().map(|_| None).collect(),
        });
        Lease {
            search: self,
            caches: Some(caches),
        }
    }
}

/// One thread's use of a [`PatternSearch`].
pub struct Lease<'a> {
    search: &'a PatternSearch,
    /// Always `Some` until dropped.
    caches: Option<Caches>,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let (Some(c), Ok(mut spare)) = (self.caches.take(), self.search.spare.lock()) {
            spare.push(c);
        }
    }
}

impl Lease<'_> {
    fn caches(&mut self) -> &mut Caches {
        self.caches
            .as_mut()
            .expect("caches are held until the lease is dropped")
    }

    /// The patterns that match somewhere in `text`, as a bit set (bit `i` for pattern `i`).
    pub fn which(&mut self, text: &str) -> u64 {
        let set = &self.search.set;
        let c = self.caches();
        c.hits.clear();
        set.try_which_overlapping_matches(&mut c.set, &Input::new(text), &mut c.hits)
            .expect("no quit bytes or give-up limit are configured");
        c.hits.iter().fold(0, |bits, p| bits | 1 << p.as_usize())
    }

    /// Calls `found(start, end)` for each match of pattern `i` in `text`, leftmost first,
    /// never overlapping (as `regex::Regex::find_iter`).
    pub fn find_each(&mut self, i: usize, text: &str, mut found: impl FnMut(usize, usize)) {
        let search = self.search;
        let regex = search.each[i].get_or_init(|| {
            hybrid::regex::Regex::new(&search.patterns[i])
                .expect("the pattern compiled as part of the set")
        });
        // No pattern here matches the empty string (its shortest match is at least one
        // byte), so each search may start where the last match ended, and none is needed
        // once fewer bytes are left than the pattern's shortest match: in a table cell
        // the match usually ends the text.
        let min_len = search.min_len[i];
        let cache = self.caches().each[i].get_or_insert_with(|| regex.create_cache());
        let mut at = 0;
        while text.len() - at >= min_len {
            let input = Input::new(text).range(at..);
            let Some(m) = regex
                .try_search(cache, &input)
                .expect("no quit bytes or give-up limit are configured")
            else {
                break;
            };
            found(m.start(), m.end());
            at = m.end().max(at + 1);
        }
    }
}

/// The indexes of the bits set in `bits`, lowest first.
pub fn bits(mut bits: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (bits != 0).then(|| {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            i
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers as the `regex` crate, on every example and negative example of
    /// every bundled rule, and on texts that hold several identifiers at once.
    #[test]
    fn answers_as_the_regex_crate_does() {
        let rules = super::super::rules::parse().identifier;
        let patterns: Vec<&str> = rules.iter().map(|r| r.pattern.as_str()).collect();
        let search = PatternSearch::new(&patterns).expect("bundled patterns compile");
        let set = regex::RegexSet::new(&patterns).unwrap();
        let each: Vec<regex::Regex> = patterns
            .iter()
            .map(|p| regex::Regex::new(p).unwrap())
            .collect();
        let mut lease = search.lease();
        let mut texts: Vec<String> = rules
            .iter()
            .flat_map(|r| r.examples.iter().chain(&r.negative_examples).cloned())
            .collect();
        texts.push(texts.join(" "));
        texts.push(texts.join("\n"));
        texts.push("A123456789012 1234567890 07700 900123 LS1 4AB café 12/03/2011 ü".into());
        let mut checked = 0;
        for t in &texts {
            let want: Vec<usize> = set.matches(t).iter().collect();
            let got: Vec<usize> = bits(lease.which(t)).collect();
            assert_eq!(got, want, "which patterns match {t:?}");
            for (i, r) in each.iter().enumerate() {
                let want: Vec<(usize, usize)> =
                    r.find_iter(t).map(|m| (m.start(), m.end())).collect();
                let mut got = Vec::new();
                lease.find_each(i, t, |s, e| got.push((s, e)));
                assert_eq!(got, want, "matches of {} in {t:?}", rules[i].id);
                checked += got.len();
            }
        }
        assert!(checked > 100, "the examples hold matches ({checked})");
    }

    #[test]
    fn caches_are_reused_after_a_lease_ends() {
        let search = PatternSearch::new(&[r"(?-u:\b)[0-9]{4}(?-u:\b)"]).unwrap();
        {
            let mut a = search.lease();
            assert_eq!(a.which("in 2024"), 1);
            let mut b = search.lease(); // a second thread at the same time
            assert_eq!(b.which("no year"), 0);
        }
        assert_eq!(search.spare.lock().unwrap().len(), 2);
        let mut c = search.lease();
        assert_eq!(c.which("1999"), 1);
        assert_eq!(search.spare.lock().unwrap().len(), 1);
    }

    #[test]
    fn patterns_it_cannot_run_are_refused() {
        assert!(
            PatternSearch::new(&["a*"]).is_err(),
            "matches the empty string"
        );
        assert!(
            PatternSearch::new(&[r"\bword\b"]).is_err(),
            "Unicode word boundary"
        );
        let many: Vec<&str> = (0..=MAX_PATTERNS).map(|_| "a").collect();
        assert!(PatternSearch::new(&many).is_err());
        assert!(PatternSearch::new(&[r"(?-u:\b)[0-9]{4}(?-u:\b)"]).is_ok());
    }

    #[test]
    fn bits_are_listed_lowest_first() {
        assert_eq!(bits(0).count(), 0);
        assert_eq!(bits(0b1010_0001).collect::<Vec<_>>(), [0, 5, 7]);
        assert_eq!(bits(1 << 63).collect::<Vec<_>>(), [63]);
    }
}
