//! Loading the rule data (`rules.toml`) into compiled matchers.

use rustc_hash::FxHashMap as HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use serde::Deserialize;

/// The bundled rules.
pub const RULES: &str = include_str!("rules.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub identifier: Vec<IdentifierRule>,
    pub keywords: Vec<KeywordRule>,
    pub column: Vec<ColumnRule>,
    #[serde(default)]
    pub case: Vec<Case>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct IdentifierRule {
    pub id: String,
    pub category: String,
    #[serde(default)]
    pub description: String,
    pub pattern: String,
    pub validator: String,
    pub needs_context: bool,
    /// Also counts when the same piece of text (or table row) mentions a person.
    #[serde(default)]
    pub person_context: bool,
    /// For NHS numbers: the 3-3-4 spaced form counts without context.
    #[serde(default)]
    pub spaced_counts: bool,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub headers: Vec<String>,
    pub examples: Vec<String>,
    pub negative_examples: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct KeywordRule {
    pub id: String,
    pub category: String,
    pub words: Vec<String>,
    #[serde(default)]
    pub words_case_sensitive: Vec<String>,
    #[serde(default)]
    pub strong: Vec<String>,
    pub examples: Vec<String>,
    pub negative_examples: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct ColumnRule {
    pub kind: String,
    #[serde(default)]
    pub category: Option<String>,
    pub headers: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub category: String,
    pub text: String,
    pub expect: bool,
}

pub fn parse() -> RuleFile {
    toml::from_str(RULES).expect("bundled rules.toml is valid (checked by tests)")
}

/// An identifier rule ready to run.
pub struct Identifier {
    pub rule: IdentifierRule,
    /// Compiled when first needed: most files need only some of the rules, and for a
    /// handful of small files start-up is most of the time. (The detector's `RegexSet`,
    /// built at start-up from the same patterns, has already checked they compile.)
    regex: std::sync::OnceLock<Regex>,
}

impl Identifier {
    /// A rule whose pattern is compiled when first used.
    pub fn new(rule: IdentifierRule) -> Identifier {
        Identifier {
            rule,
            regex: std::sync::OnceLock::new(),
        }
    }

    /// A rule with its pattern already compiled.
    pub fn compiled(rule: IdentifierRule, regex: Regex) -> Identifier {
        Identifier {
            rule,
            regex: regex.into(),
        }
    }

    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            Regex::new(&self.rule.pattern).unwrap_or_else(|e| panic!("rule {}: {e}", self.rule.id))
        })
    }
}

/// What kind of column a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Name,
    /// Holds sensitive data of this category.
    Sensitive(&'static str),
    OtherPersonal,
    /// People studied or published (authors, scientists): not the school's people.
    Public,
}

/// Normalises a header or label: lower case, `_ . -` and runs of spaces to one space, a
/// trailing `(s)`, `:` or `*` removed.
pub fn normalise_header(h: &str) -> String {
    let lower = h.trim().to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut space = false;
    for c in lower.chars() {
        let c = if matches!(c, '_' | '.' | '-') || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    let mut s = out.trim_end().to_string();
    loop {
        let before = s.len();
        for suffix in ["(s)", ":", "*"] {
            if let Some(t) = s.strip_suffix(suffix) {
                s = t.trim_end().to_string();
            }
        }
        if s.len() == before {
            break;
        }
    }
    s
}

/// Sensitive keyword matchers: one automaton for all lists.
pub struct Keywords {
    /// Case-insensitive words; pattern index → (category, stem?).
    pub ci: AhoCorasick,
    pub ci_meta: Vec<(String, bool)>,
    /// Case-sensitive codes (ethnicity codes such as WBRI).
    pub cs: AhoCorasick,
    pub cs_meta: Vec<String>,
    /// Strong phrases that describe an individual by themselves.
    pub strong: AhoCorasick,
    pub strong_meta: Vec<String>,
    /// Every word of every list holds an ASCII letter, so text without one holds none.
    pub all_have_letters: bool,
}

impl Keywords {
    pub fn build(rules: &[KeywordRule]) -> Keywords {
        let mut ci_words = Vec::new();
        let mut ci_meta = Vec::new();
        let mut cs_words = Vec::new();
        let mut cs_meta = Vec::new();
        let mut strong = Vec::new();
        let mut strong_meta = Vec::new();
        let cs_set: HashMap<String, ()> = rules
            .iter()
            .flat_map(|r| {
                r.words_case_sensitive
                    .iter()
                    .map(|w| (w.to_lowercase(), ()))
            })
            .collect();
        for r in rules {
            for w in &r.words {
                let lw = w.to_lowercase();
                if cs_set.contains_key(&lw) {
                    continue; // matched case-sensitively instead
                }
                let (word, stem) = match lw.strip_suffix('*') {
                    Some(s) => (s.to_string(), true),
                    None => (lw, false),
                };
                ci_words.push(word);
                ci_meta.push((r.category.clone(), stem));
            }
            for w in &r.words_case_sensitive {
                cs_words.push(w.clone());
                cs_meta.push(r.category.clone());
            }
            for s in &r.strong {
                strong.push(s.to_lowercase());
                strong_meta.push(r.category.clone());
            }
        }
        let build = |words: &[String], ci: bool| {
            AhoCorasickBuilder::new()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .ascii_case_insensitive(ci)
                .match_kind(MatchKind::LeftmostLongest)
                .build(words)
                .expect("keyword automaton")
        };
        let all_have_letters = ci_words
            .iter()
            .chain(&cs_words)
            .chain(&strong)
            .all(|w| w.bytes().any(|b| b.is_ascii_alphabetic()));
        Keywords {
            all_have_letters,
            ci: build(&ci_words, true),
            ci_meta,
            cs: build(&cs_words, false),
            cs_meta,
            strong: build(&strong, true),
            strong_meta,
        }
    }
}

/// The fewest bytes a pattern can match (0 if that cannot be told), so that text shorter
/// than every pattern can skip the search.
pub fn minimum_len(pattern: &str) -> usize {
    regex_syntax::parse(pattern)
        .ok()
        .and_then(|hir| hir.properties().minimum_len())
        .unwrap_or(0)
}

/// The identifier rules, each compiled when first used.
pub fn identifiers(rules: &[IdentifierRule]) -> Vec<Identifier> {
    rules.iter().cloned().map(Identifier::new).collect()
}

/// Header text → column kind.
pub fn columns(rules: &[ColumnRule]) -> HashMap<String, ColumnKind> {
    let mut m = HashMap::default();
    for r in rules {
        let kind = match r.kind.as_str() {
            "name" => ColumnKind::Name,
            "sensitive" => {
                let c = r
                    .category
                    .as_deref()
                    .expect("sensitive columns name a category");
                let c = super::SENSITIVE
                    .iter()
                    .find(|s| **s == c)
                    .unwrap_or_else(|| panic!("unknown sensitive category {c}"));
                ColumnKind::Sensitive(c)
            }
            "other_personal" => ColumnKind::OtherPersonal,
            "public" => ColumnKind::Public,
            other => panic!("unknown column kind {other}"),
        };
        for h in &r.headers {
            m.insert(normalise_header(h), kind);
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimum_len_is_the_shortest_possible_match() {
        assert_eq!(minimum_len(r"(?-u:\b[0-9]{4}\b)"), 4);
        assert_eq!(minimum_len(r"(?i-u:\b(?:GIR ?0AA|BFPO ?[0-9]{1,4})\b)"), 5);
        assert_eq!(minimum_len("a|bcd"), 1);
        // Not a pattern: nothing can be skipped.
        assert_eq!(minimum_len("(unclosed"), 0);
        // Every bundled identifier is at least as long as the skip test assumes.
        for r in parse().identifier {
            let min = minimum_len(&r.pattern);
            for e in &r.examples {
                assert!(e.len() >= min, "{}: example {e:?} shorter than {min}", r.id);
            }
        }
    }

    #[test]
    fn headers_normalise() {
        assert_eq!(normalise_header("  Legal_Surname "), "legal surname");
        assert_eq!(normalise_header("Middle Name(s)"), "middle name");
        assert_eq!(normalise_header("D.O.B.:"), "d o b");
        assert_eq!(normalise_header("Date-of-Birth*"), "date of birth");
    }
}
