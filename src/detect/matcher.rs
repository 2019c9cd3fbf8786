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
//! 2. each of those finds its matches (what `regex::Regex::find_iter` finds): a forward
//!    DFA finds where the leftmost match ends, a reverse one where it starts.
//!
//! The first pass also sees where matches end. When all of a pattern's matches end at
//! the same place (a table cell holding one identifier), its leftmost match is the one
//! that starts earliest and ends there, and nothing can follow it: only the reverse DFA
//! needs to run, to find that start. A pattern whose matches are all equally long (a UPN
//! is 13 bytes, a ULN 10) needs no reverse DFA at all: its match starts that many bytes
//! before its end. Nor does one that matches the whole text (the set also holds each
//! pattern anchored at both ends, `^(?:…)$`): a postcode, a phone number or an e-mail
//! address alone in its cell starts at the cell's first byte.
//!
//! The loops that walk the DFAs are written here, byte by byte, rather than through the
//! crate's general search routines: on a dozen bytes those spend more on setting up than
//! on searching (the overlapping search, for one, is re-entered once per match). They
//! follow the crate's own `find_fwd`, `find_rev` and `find_overlapping_fwd` (matches are
//! seen one byte late, and the end of the text is a transition of its own).
//!
//! The answers are those of the `regex` crate on the same patterns; a test checks this on
//! every example of every rule.
//!
//! A lazy DFA builds its states as the text needs them, into the cache. Building them costs
//! more than using them, so caches are kept between files: a thread scanning a file leases
//! one ([`PatternSearch::lease`]) and gives it back when done.

use std::sync::{Mutex, OnceLock};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::{LazyStateID, dfa};
use regex_automata::nfa::thompson;
use regex_automata::util::start;
use regex_automata::{Anchored, MatchKind};

/// At most this many patterns: [`PatternSearch::which`] answers with a bit set.
pub const MAX_PATTERNS: usize = 64;

pub struct PatternSearch {
    patterns: Vec<String>,
    /// All patterns at once, reporting every pattern that matches (overlapping).
    set: DFA,
    /// Each pattern on its own, built when first needed.
    each: Vec<OnceLock<OneRegex>>,
    /// The fewest bytes each pattern can match.
    min_len: Vec<usize>,
    /// The length of every match of each pattern, when all are equally long.
    fixed_len: Vec<Option<usize>>,
    /// Caches given back by threads that finished a file.
    spare: Mutex<Vec<Caches>>,
}

/// One pattern: a forward DFA for where its leftmost match ends (leftmost-first, as the
/// `regex` crate chooses) and a reverse one, anchored at that end, for where it starts.
struct OneRegex {
    fwd: DFA,
    rev: DFA,
}

/// The search state of one scanning thread.
struct Caches {
    set: Cache,
    /// Forward and reverse caches of each pattern, made when first needed.
    each: Vec<Option<(Cache, Cache)>>,
}

/// Only a configured give-up limit makes a lazy DFA fail, and none is configured.
const NEVER_GIVES_UP: &str = "no quit bytes or give-up limit are configured";

impl OneRegex {
    fn new(pattern: &str) -> OneRegex {
        let build = |config: dfa::Config, reverse: bool| {
            DFA::builder()
                .configure(config)
                .thompson(thompson::Config::new().reverse(reverse))
                .build(pattern)
                .expect("the pattern compiled as part of the set")
        };
        OneRegex {
            fwd: build(DFA::config(), false),
            rev: build(
                DFA::config()
                    .prefilter(None)
                    .specialize_start_states(false)
                    .match_kind(MatchKind::All),
                true,
            ),
        }
    }

    /// Where the leftmost match in `text[at..]` ends, if there is one.
    fn end(&self, cache: &mut Cache, text: &[u8], at: usize) -> Option<usize> {
        let dfa = &self.fwd;
        let config = start::Config::new().look_behind(at.checked_sub(1).map(|i| text[i]));
        let mut sid = dfa.start_state(cache, &config).expect(NEVER_GIVES_UP);
        let mut end = None;
        for (i, &b) in text.iter().enumerate().skip(at) {
            sid = dfa.next_state(cache, sid, b).expect(NEVER_GIVES_UP);
            if sid.is_tagged() {
                if sid.is_match() {
                    end = Some(i);
                } else if sid.is_dead() {
                    return end;
                }
            }
        }
        sid = dfa.next_eoi_state(cache, sid).expect(NEVER_GIVES_UP);
        if sid.is_match() {
            end = Some(text.len());
        }
        end
    }

    /// Where the match that ends at `end` starts (no earlier than `at`).
    fn start(&self, cache: &mut Cache, text: &[u8], at: usize, end: usize) -> usize {
        let dfa = &self.rev;
        let config = start::Config::new()
            .anchored(Anchored::Yes)
            .look_behind(text.get(end).copied());
        let mut sid = dfa.start_state(cache, &config).expect(NEVER_GIVES_UP);
        let mut start = end;
        for i in (at..end).rev() {
            sid = dfa.next_state(cache, sid, text[i]).expect(NEVER_GIVES_UP);
            if sid.is_tagged() {
                if sid.is_match() {
                    start = i + 1;
                } else if sid.is_dead() {
                    return start;
                }
            }
        }
        sid = match at.checked_sub(1) {
            Some(i) => dfa.next_state(cache, sid, text[i]),
            None => dfa.next_eoi_state(cache, sid),
        }
        .expect(NEVER_GIVES_UP);
        if sid.is_match() { at } else { start }
    }
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
        // Each pattern as it is, then each anchored at both ends (whole-text matches).
        let whole: Vec<String> = patterns.iter().map(|p| format!("^(?:{p})$")).collect();
        let all: Vec<&str> = patterns
            .iter()
            .copied()
            .chain(whole.iter().map(String::as_str))
            .collect();
        let set = DFA::builder()
            .configure(DFA::config().match_kind(MatchKind::All))
            .build_many(&all)
            .map_err(|e| e.to_string())?;
        Ok(PatternSearch {
            patterns: patterns.iter().map(|p| p.to_string()).collect(),
            set,
            each: patterns.iter().map(|_| OnceLock::new()).collect(),
            min_len,
            fixed_len: patterns
                .iter()
                .map(|p| super::rules::fixed_len(p))
                .collect(),
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
            each: self.patterns.iter().map(|_| None).collect(),
        });
        Lease {
            search: self,
            caches: Some(caches),
            ends: [0; MAX_PATTERNS],
            pass: 0,
        }
    }
}

/// One thread's use of a [`PatternSearch`].
pub struct Lease<'a> {
    search: &'a PatternSearch,
    /// Always `Some` until dropped.
    caches: Option<Caches>,
    /// Where a match of each pattern ends, as the last [`Lease::which`] saw (valid for the
    /// patterns its answer names). Kept here rather than in each answer, which would have
    /// to clear it every time.
    ends: [usize; MAX_PATTERNS],
    /// How many times `which` has run: an answer is only good until the next one.
    pass: u64,
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

    /// The patterns that match somewhere in `text`, and where their matches end.
    pub fn which(&mut self, text: &str) -> Which {
        let set = &self.search.set;
        let cache = &mut self
            .caches
            .as_mut()
            .expect("caches are held until the lease is dropped")
            .set;
        self.pass += 1;
        let ends = &mut self.ends;
        let mut which = Which {
            bits: 0,
            several: 0,
            whole: 0,
            pass: self.pass,
        };
        let n = self.search.patterns.len();
        // Every match state says which patterns have a match ending here.
        let mut seen = |cache: &Cache, sid: LazyStateID, end: usize| {
            for k in 0..set.match_len(cache, sid) {
                let p = set.match_pattern(cache, sid, k).as_usize();
                if p >= n {
                    // Pattern `p - n` anchored at both ends: it matches the whole text.
                    which.whole |= 1 << (p - n);
                    continue;
                }
                let bit = 1 << p;
                if which.bits & bit == 0 {
                    which.bits |= bit;
                    ends[p] = end;
                } else if ends[p] != end {
                    which.several |= bit;
                }
            }
        };
        let mut sid = set
            .start_state(cache, &start::Config::new())
            .expect(NEVER_GIVES_UP);
        for (i, &b) in text.as_bytes().iter().enumerate() {
            // From a plain state, the transition is read straight from the cache; only
            // one not yet computed, or from a tagged state, goes the long way.
            sid = match sid.is_tagged() {
                false => match set.next_state_untagged(cache, sid, b) {
                    next if next.is_unknown() => {
                        set.next_state(cache, sid, b).expect(NEVER_GIVES_UP)
                    }
                    next => next,
                },
                true => set.next_state(cache, sid, b).expect(NEVER_GIVES_UP),
            };
            if sid.is_tagged() {
                if sid.is_match() {
                    seen(cache, sid, i);
                } else if sid.is_dead() {
                    return which;
                }
            }
        }
        sid = set.next_eoi_state(cache, sid).expect(NEVER_GIVES_UP);
        if sid.is_match() {
            seen(cache, sid, text.len());
        }
        which
    }

    /// Calls `found(start, end)` for each match of pattern `i` in `text`, leftmost first,
    /// never overlapping (as `regex::Regex::find_iter`). `which` is what [`Lease::which`]
    /// said of the same text, in its latest pass.
    pub fn find_each(
        &mut self,
        i: usize,
        text: &str,
        which: &Which,
        mut found: impl FnMut(usize, usize),
    ) {
        if which.bits & 1 << i == 0 {
            return;
        }
        debug_assert_eq!(which.pass, self.pass, "an answer of the latest pass");
        // Where the first match ends: where every match ends, unless there are several.
        let first_end = self.ends[i];
        let single = which.several & 1 << i == 0;
        if single && which.whole & 1 << i != 0 {
            // Every match ends where the text does, and one starts at its first byte: that
            // one is the leftmost, and the only one.
            found(0, text.len());
            return;
        }
        let search = self.search;
        let fixed = search.fixed_len[i];
        if single && let Some(n) = fixed {
            // Every match of this pattern is `n` bytes long: the one ending here starts `n`
            // bytes before, with no scan at all.
            found(first_end - n, first_end);
            return;
        }
        let regex = search.each[i].get_or_init(|| OneRegex::new(&search.patterns[i]));
        let (fwd, rev) = self.caches().each[i]
            .get_or_insert_with(|| (regex.fwd.create_cache(), regex.rev.create_cache()));
        let bytes = text.as_bytes();
        if single {
            found(regex.start(rev, bytes, 0, first_end), first_end);
            return;
        }
        // No pattern here matches the empty string (its shortest match is at least one
        // byte), so each search may start where the last match ended, and none is needed
        // once fewer bytes are left than the pattern's shortest match.
        let min_len = search.min_len[i];
        let mut at = 0;
        while bytes.len() - at >= min_len {
            let Some(end) = regex.end(fwd, bytes, at) else {
                break;
            };
            let start = match fixed {
                Some(n) => end - n,
                None => regex.start(rev, bytes, at, end),
            };
            found(start, end);
            at = end.max(at + 1);
        }
    }
}

/// What one pass of all the patterns over a text saw.
pub struct Which {
    /// Bit `i` set: pattern `i` matches somewhere.
    pub bits: u64,
    /// Bit `i` set: pattern `i` has matches ending in more than one place (where the
    /// first one ends, the lease keeps).
    several: u64,
    /// Bit `i` set: pattern `i` matches the text as a whole.
    whole: u64,
    /// Which pass of the lease this is.
    pass: u64,
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
        // And texts made of pieces of the examples, cut and joined at random places.
        let joined = texts.join(" ");
        let pieces: Vec<&str> = joined.split(' ').collect();
        let mut seed: u64 = 0x5eed_cafe;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..1 + next(4) {
                let p = pieces[next(pieces.len())];
                let cut = (0..=p.len())
                    .filter(|&i| p.is_char_boundary(i))
                    .nth(next(3));
                t.push_str(&p[cut.unwrap_or(0)..]);
                t.push_str([" ", "", "-", ",", "\n", "é", "0"][next(7)]);
            }
            texts.push(t);
        }
        let mut checked = 0;
        for t in &texts {
            let want: Vec<usize> = set.matches(t).iter().collect();
            let which = lease.which(t);
            let got: Vec<usize> = bits(which.bits).collect();
            assert_eq!(got, want, "which patterns match {t:?}");
            for (i, r) in each.iter().enumerate() {
                let want: Vec<(usize, usize)> =
                    r.find_iter(t).map(|m| (m.start(), m.end())).collect();
                let mut got = Vec::new();
                lease.find_each(i, t, &which, |s, e| got.push((s, e)));
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
            assert_eq!(a.which("in 2024").bits, 1);
            let mut b = search.lease(); // a second thread at the same time
            assert_eq!(b.which("no year").bits, 0);
        }
        assert_eq!(search.spare.lock().unwrap().len(), 2);
        let mut c = search.lease();
        assert_eq!(c.which("1999").bits, 1);
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
