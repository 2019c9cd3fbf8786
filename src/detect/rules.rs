//! Loading the rule data (`rules.toml`) into compiled matchers.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use regex::Regex;
use serde::Deserialize;

use super::engine::Validator;

/// The bundled rules.
pub const RULES: &str = include_str!("rules.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub identifier: Vec<IdentifierRule>,
    pub keywords: Vec<KeywordRule>,
    pub roles_and_topics: RolesAndTopicsRule,
    pub column: Vec<ColumnRule>,
    pub file_names: FileNames,
    #[serde(default)]
    pub case: Vec<Case>,
}

/// What a file's own name says of its rows ("SEN register.xlsx"). See the comment above
/// `[file_names]` in `rules.toml`.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct FileNames {
    /// Words that make the file a document about the topic, not a record of people.
    pub documents: Vec<String>,
    /// Category → the phrases that name a record of it.
    pub categories: BTreeMap<String, Vec<String>>,
}

impl FileNames {
    /// The categories the file name `stem` says its rows hold: the phrases it holds as
    /// whole words (lower case, with `_`, `-`, `.` and brackets as spaces), none if it
    /// also holds a word of `documents`.
    pub fn categories_of(&self, stem: &str) -> Vec<&str> {
        let name: String = stem
            .to_lowercase()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '\'' {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let name = format!(
            " {} ",
            name.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        let holds = |phrase: &str| name.contains(&format!(" {phrase} "));
        if self.documents.iter().any(|d| holds(d)) {
            return Vec::new();
        }
        self.categories
            .iter()
            .filter(|(_, phrases)| phrases.iter().any(|p| holds(p)))
            .map(|(c, _)| c.as_str())
            .collect()
    }
}

/// Words around a sensitive word that make it name a job, a document or an event
/// ("Mental Health Lead", "Medical Conditions Policy") rather than say something about a
/// person. See the comment above `[roles_and_topics]` in `rules.toml`.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RolesAndTopicsRule {
    pub after: Vec<String>,
    pub joining: Vec<String>,
    pub groups: Vec<String>,
    pub counted: Vec<String>,
    pub before: Vec<String>,
    /// Words of an event or a service ("clinic", "training") which, after a sensitive
    /// word, make it tie only to a person in its own piece of text.
    #[serde(default)]
    pub events: Vec<String>,
    /// Words that give kinds of need as examples ("Cognition and learning, including
    /// dyslexia"): a piece of text holding one, with nothing that speaks of one person,
    /// describes what a school provides for.
    #[serde(default)]
    pub examples_of: Vec<String>,
    /// Plural nouns of a year group's pupils ("Year 11 disadvantaged students"): after a
    /// year group and a sensitive word, a cohort, not a person.
    #[serde(default)]
    pub cohorts: Vec<String>,
    /// Last words of job titles: a sensitive word straight after one and a dash is the
    /// job's remit ("Assistant Principal - Disadvantaged & Pastoral").
    #[serde(default)]
    pub job_titles: Vec<String>,
    /// Words after a safeguarding word that make it a pre-employment check of a member of
    /// staff ("police certificate" on a single central record), not a concern.
    #[serde(default)]
    pub vetting: Vec<String>,
    /// Each names a person and yields no sensitive information.
    pub examples: Vec<String>,
    /// Each still yields sensitive information.
    pub negative_examples: Vec<String>,
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
    /// Words that, among the three words just before a value, say it is an
    /// organisation's, not a person's ("School office 0161 496 0732"): such a value counts
    /// only in a column of people's values, whatever context it has.
    #[serde(default)]
    pub owner_words: Vec<String>,
    /// Column headers: every value in such a column is this identifier. For a rule with
    /// `person_context`, a value there counts only when its row is tied to a person (a
    /// list of venues has addresses and phone numbers too).
    #[serde(default)]
    pub headers: Vec<String>,
    /// Column headers that say the values are people's ("Home Address"): they count on
    /// their own, whatever else the row holds.
    #[serde(default)]
    pub personal_headers: Vec<String>,
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
    /// When given, `text` is the contents of a file of this name ("venues.csv"), read
    /// as such a file is (a table, with its header row); otherwise it is running text.
    #[serde(default)]
    pub file: Option<String>,
}

pub fn parse() -> RuleFile {
    toml::from_str(RULES).expect("bundled rules.toml is valid (checked by tests)")
}

/// An identifier rule ready to run.
pub struct Identifier {
    pub rule: IdentifierRule,
    /// The pattern on the `regex` crate, compiled when first needed. The detector runs
    /// the bundled patterns with `detect::matcher` (which checks at start-up that they
    /// compile); this serves the policy's custom identifiers, compiled when loaded.
    regex: std::sync::OnceLock<Regex>,
    pub validator: Validator,
    /// The rule's category when it is one of the known ones (others are custom).
    pub static_category: Option<&'static str>,
}

impl Identifier {
    /// A rule whose pattern is compiled when first used.
    pub fn new(rule: IdentifierRule) -> Identifier {
        Identifier {
            validator: Validator::named(&rule.validator).unwrap_or_else(|| {
                panic!("rule {}: unknown validator {}", rule.id, rule.validator)
            }),
            static_category: super::known_category(&rule.category),
            rule,
            regex: std::sync::OnceLock::new(),
        }
    }

    /// A rule with its pattern already compiled.
    pub fn compiled(rule: IdentifierRule, regex: Regex) -> Identifier {
        let id = Identifier::new(rule);
        id.regex.set(regex).expect("not compiled yet");
        id
    }

    /// Whether this is a contact detail (an e-mail address, a phone number, a postcode, a
    /// street address): venues, suppliers and schools have these as well as people.
    pub fn is_contact(&self) -> bool {
        matches!(
            self.static_category,
            Some("email" | "phone" | "postcode" | "address")
        )
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
    /// Job titles ("Role", "Job Title"): a sensitive word there names a job ("Mental Health
    /// Lead"), not something about the person.
    Role,
    /// Places (a trip's "Venue", "Destination"): "Chester Zoo" and "Eden Camp" are not
    /// people.
    Place,
}

/// Normalises a header or label: lower case, `_ . -` and runs of spaces to one space, a
/// trailing `(s)`, `:`, `*` or remark in brackets ("Candidate (name as on certificate)",
/// "Date of birth (dd/mm/yyyy)") removed.
pub fn normalise_header(h: &str) -> String {
    let lower = split_camel_case(h.trim()).to_lowercase();
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
        if s.ends_with(')')
            && let Some(open) = s.rfind('(')
            && !s[..open].trim_end().is_empty()
        {
            s.truncate(open);
            s.truncate(s.trim_end().len());
        }
        if s.len() == before {
            break;
        }
    }
    s
}

/// A key written in camel case, as JSON exports write them ("dateOfBirth",
/// "legalFirstName", "senStatus"), as words: a space before a capital that follows a
/// lower-case letter (not the first) and starts a lower-case run. "DoB", "SENStatus" and
/// "eMail" are left as they are.
fn split_camel_case(h: &str) -> std::borrow::Cow<'_, str> {
    let b = h.as_bytes();
    let cut = |i: usize| {
        b[i].is_ascii_uppercase()
            && i >= 2
            && b[i - 1].is_ascii_lowercase()
            && b.get(i + 1).is_some_and(u8::is_ascii_lowercase)
    };
    if !(0..b.len()).any(cut) {
        return std::borrow::Cow::Borrowed(h);
    }
    let mut out = String::with_capacity(h.len() + 4);
    for (i, c) in h.char_indices() {
        if cut(i) {
            out.push(' ');
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// The lists a sensitive keyword pattern can come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeywordKind {
    /// A whole word in any case; a stem (`dyslexi*`) allows any ending.
    Word,
    /// A whole word in exactly this case (ethnicity codes such as WBRI).
    Code,
    /// A phrase that describes an individual by itself ("has an EHCP").
    Strong,
}

pub struct KeywordPattern {
    pub kind: KeywordKind,
    pub category: String,
    pub stem: bool,
    /// As written (codes are compared in this case).
    pub word: String,
}

/// Sensitive keyword matchers: every word, code and phrase of every list in one
/// automaton, so one pass over a text finds them all.
pub struct Keywords {
    /// Reports every pattern at every word start, in any ASCII case.
    all: super::starts::WordStarts,
    pub patterns: Vec<KeywordPattern>,
    /// Every word of every list holds a run of at least this many ASCII letters, so text
    /// without such a run holds none ("7A", "LS1 4AB" and "A123456789012" skip the search).
    pub letter_run: usize,
}

/// A keyword found: pattern index, start, end.
pub type KeywordHit = (usize, usize, usize);

impl Keywords {
    pub fn build(rules: &[KeywordRule]) -> Keywords {
        let mut patterns = Vec::new();
        let cs_set: HashMap<String, ()> = rules
            .iter()
            .flat_map(|r| {
                r.words_case_sensitive
                    .iter()
                    .map(|w| (w.to_lowercase(), ()))
            })
            .collect();
        let mut add = |kind, category: &str, stem, word: String| {
            patterns.push(KeywordPattern {
                kind,
                category: category.to_string(),
                stem,
                word,
            })
        };
        for r in rules {
            for w in &r.words {
                let lw = w.to_lowercase();
                if cs_set.contains_key(&lw) {
                    continue; // matched case-sensitively instead
                }
                match lw.strip_suffix('*') {
                    Some(s) => add(KeywordKind::Word, &r.category, true, s.to_string()),
                    None => add(KeywordKind::Word, &r.category, false, lw),
                }
            }
            for w in &r.words_case_sensitive {
                add(KeywordKind::Code, &r.category, false, w.clone());
            }
            for s in &r.strong {
                add(KeywordKind::Strong, &r.category, false, s.to_lowercase());
            }
        }
        let letter_run = patterns
            .iter()
            .map(|p| longest_letter_run(&p.word))
            .min()
            .unwrap_or(0);
        let words: Vec<&str> = patterns.iter().map(|p| p.word.as_str()).collect();
        let all = super::starts::WordStarts::new(&words);
        Keywords {
            all,
            patterns,
            letter_run,
        }
    }

    /// The keywords in `text` that start where a word starts, into `hits`: for each list
    /// on its own (words, then codes, then phrases, each in text order), from left to
    /// right, the longest occurrence at a word start not yet covered. One pass reports
    /// every occurrence at every word start; each list then keeps its own.
    pub fn find(&self, text: &str, hits: &mut Vec<KeywordHit>) {
        hits.clear();
        // Text shorter than every pattern cannot hold one ("N", "Y", "7A").
        if text.len() < self.all.min_len() {
            return;
        }
        self.all.each(text, |i, start, end| {
            let p = &self.patterns[i];
            if p.kind != KeywordKind::Code || text.as_bytes()[start..end] == *p.word.as_bytes() {
                hits.push((i, start, end));
            }
        });
        if hits.len() > 1 {
            let kind = |h: &KeywordHit| self.patterns[h.0].kind;
            hits.sort_unstable_by_key(|h| (kind(h), h.1, std::cmp::Reverse(h.2), h.0));
            let mut covered = (KeywordKind::Word, 0);
            hits.retain(|h| {
                let k = kind(h);
                if k != covered.0 {
                    covered = (k, 0);
                }
                let keep = h.1 >= covered.1;
                if keep {
                    covered.1 = h.2;
                }
                keep
            });
        }
    }
}

/// Tells a sensitive word that names a job, a document or an event ("Mental Health
/// Lead", "asthma awareness session", "governor for child protection") from one that says
/// something about a person.
pub struct RolesAndTopics {
    after: Vec<String>,
    joining: Vec<String>,
    /// Phrases as their words.
    groups: Vec<Vec<String>>,
    counted: Vec<String>,
    /// Phrases as their words.
    before: Vec<Vec<String>>,
    events: Vec<String>,
    examples_of: Vec<String>,
    cohorts: Vec<String>,
    job_titles: Vec<String>,
    vetting: Vec<String>,
}

impl RolesAndTopics {
    /// Words between a `before` phrase and the sensitive word, at most.
    const BEFORE_GAP: usize = 3;
    /// How far back (in bytes) a `before` phrase is looked for.
    const BEFORE_REACH: usize = 80;

    pub fn build(rule: &RolesAndTopicsRule) -> RolesAndTopics {
        let lower = |v: &[String]| v.iter().map(|w| w.to_lowercase()).collect();
        let words = |v: &[String]| {
            v.iter()
                .map(|p| {
                    p.to_lowercase()
                        .split_whitespace()
                        .map(String::from)
                        .collect()
                })
                .collect()
        };
        RolesAndTopics {
            after: lower(&rule.after),
            joining: lower(&rule.joining),
            groups: words(&rule.groups),
            counted: lower(&rule.counted),
            before: words(&rule.before),
            events: lower(&rule.events),
            examples_of: lower(&rule.examples_of),
            cohorts: lower(&rule.cohorts),
            job_titles: lower(&rule.job_titles),
            vetting: lower(&rule.vetting),
        }
    }

    /// Whether the sensitive word at `start..end` of `text` names a role or a topic.
    /// `cohorts`: whether a year group's cohort may be told (in running text; in a table
    /// row, "Y6 pupil premium children" under `Group` is the row's pupil's group).
    pub fn names_a_role(&self, text: &str, start: usize, end: usize, cohorts: bool) -> bool {
        if self.role_after(&text[end..]) {
            return true;
        }
        // Nothing before the word in its piece (a table cell "Asthma"): nothing to look at.
        let head = &text[..start];
        if !head.bytes().any(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        let words = Self::clause_words(head);
        let rest = &text[end..];
        self.a_jobs_remit(head, &text[start..])
            || Self::shortly_after(&self.before, &words)
            || ((Self::shortly_after(&self.groups, &words) || self.a_count_before(&words))
                && !Self::heads_a_list(rest))
            || (cohorts
                && Self::ends_with_a_year_group(&words)
                && self.word_after(&self.cohorts, rest)
                && !Self::heads_a_list_of_names(rest)
                && !Self::names_someone(head, rest))
    }

    /// Whether the clause around a sensitive word (`head` before it, `rest` from it on)
    /// holds what looks like a person's name: two capitalised words in a row ("Amara
    /// Okafor is one of the Year 6 disadvantaged pupils", "… children Amara Okafor and
    /// Leo Brennan need laptops"), or a label of names before a colon ("Amara Okafor and
    /// Leo Brennan: Y6 looked after children").
    fn names_someone(head: &str, rest: &str) -> bool {
        const CLAUSE_ENDS: [char; 8] = ['.', ';', ':', '!', '?', '(', ')', '\n'];
        let clause_before = head.rsplit(CLAUSE_ENDS).next().unwrap_or("");
        let clause_after = rest.split(CLAUSE_ENDS).next().unwrap_or("");
        // The text before a colon that opens the clause: a label of names?
        let label = head
            .strip_suffix(clause_before)
            .and_then(|h| h.strip_suffix(':'))
            .map(|h| h.rsplit(['.', ';', '!', '?', '\n']).next().unwrap_or(""));
        // (A titled name is an adult's, speaking of the cohort: "Mrs Whitfield asked for
        // laptops for Year 6 disadvantaged pupils".)
        let full_name = |t: &str| {
            let mut run = 0;
            let mut titled = false;
            for w in t
                .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '-'))
                .filter(|w| !w.is_empty())
            {
                if !w.starts_with(char::is_uppercase) {
                    (run, titled) = (0, false);
                } else if super::names::is_title(w) {
                    (run, titled) = (0, true);
                } else if !titled {
                    run += 1;
                    if run == 2 {
                        return true;
                    }
                }
            }
            false
        };
        let label_ends_with_a_name = label.is_some_and(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            words.len() >= 2
                && words[words.len() - 2..]
                    .iter()
                    .all(|w| w.starts_with(char::is_uppercase))
        });
        full_name(clause_before) || full_name(clause_after) || label_ends_with_a_name
    }

    /// Whether the sentence goes on to a colon, or a dash and a capital ("Year 6
    /// disadvantaged pupils: Amara…", "… pupils - Amara Okafor"), not a dash and a price
    /// ("… students - £900").
    fn heads_a_list_of_names(rest: &str) -> bool {
        let sentence = rest.split(['.', ';', '!', '?', '\n']).next().unwrap_or("");
        sentence.contains(':')
            || sentence
                .split('(')
                .skip(1)
                .any(|after| after.trim_start().starts_with(char::is_uppercase))
            || [" - ", " – "].iter().any(|d| {
                sentence
                    .split(d)
                    .skip(1)
                    .any(|after| after.starts_with(|c: char| c.is_uppercase()))
            })
    }

    /// Whether `head` (the text before a sensitive word) ends with a capitalised job title
    /// and a dash, and the clause from the word on (`from`) is a remit of capitalised
    /// words: "Assistant Principal - Disadvantaged & Pastoral", "Deputy Head –
    /// Safeguarding and Attendance". (Not "Deputy Head: Jayden Clarke – child protection
    /// plan", "hit her head - concussion", "Class teacher - SEN support", "Pastoral Manager
    /// - child protection concern about Jayden".)
    fn a_jobs_remit(&self, head: &str, from: &str) -> bool {
        let clause = from
            .split([',', '.', ';', ':', '(', ')', '!', '?', '\n'])
            .next()
            .unwrap_or("");
        let remit = clause.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase) || matches!(w, "&" | "and" | "/" | "-" | "–")
        });
        if !remit {
            return false;
        }
        let Some(before_dash) = head
            .trim_end()
            .strip_suffix(['-', '–', '—'])
            .map(str::trim_end)
        else {
            return false;
        };
        let last = before_dash
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '-'))
            .next()
            .unwrap_or("");
        last.starts_with(char::is_uppercase)
            && self.job_titles.iter().any(|t| t.eq_ignore_ascii_case(last))
    }

    /// Whether the clause's words end with a year group: "year 11", "yr 6", "y6", "ks2",
    /// "key stage 2".
    fn ends_with_a_year_group(words: &[String]) -> bool {
        let number = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
        match words {
            [.., a, n] if number(n) && matches!(a.as_str(), "year" | "yr" | "stage") => true,
            [.., w] => ["y", "yr", "ks"]
                .iter()
                .any(|p| w.strip_prefix(p).is_some_and(number)),
            [] => false,
        }
    }

    /// Whether a figure followed by one of `counted` ("38 pupils are on the SEN
    /// register", "6 have an EHCP", "27% of pupils") comes shortly before the word in
    /// `words` (its clause): a statistic, not a person.
    fn a_count_before(&self, words: &[String]) -> bool {
        let n = words.len();
        let figure =
            |w: &String| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '%');
        let counted = |w: &String| self.counted.iter().any(|c| c == w);
        (1..n).rev().take(Self::BEFORE_GAP + 2).any(|i| {
            (figure(&words[i - 1]) && counted(&words[i]))
                || (i >= 2 && figure(&words[i - 2]) && words[i - 1] == "of" && counted(&words[i]))
        })
    }

    /// The words of the clause that ends `head` (at most [`Self::BEFORE_REACH`] bytes
    /// back), lower case, commas dropped.
    fn clause_words(head: &str) -> Vec<String> {
        let mut from = head.len().saturating_sub(Self::BEFORE_REACH);
        while !head.is_char_boundary(from) {
            from -= 1;
        }
        head[from..]
            .rsplit(['.', ';', ':', '!', '?', '(', ')', '\n'])
            .next()
            .unwrap_or("")
            .to_lowercase()
            .split_whitespace()
            .map(|w| w.trim_matches(',').to_string())
            .collect()
    }

    /// Whether the sentence goes on to a colon or a dash ("Children with allergies:
    /// Amelia…", "Children with allergies - Class 2").
    fn heads_a_list(rest: &str) -> bool {
        let sentence = rest.split(['.', ';', '!', '?', '\n']).next().unwrap_or("");
        sentence.contains(':') || sentence.contains(" - ") || sentence.contains(" – ")
    }

    /// `rest` (the text after the word) goes on, within its clause and past any joining
    /// words, with one of `after`.
    fn role_after(&self, rest: &str) -> bool {
        self.word_after(&self.after, rest)
    }

    /// Whether the safeguarding word ending at `end` of `text` names a check made before
    /// someone starts work ("Portugal police cert", "police check"): see `vetting`.
    pub fn names_a_check(&self, text: &str, end: usize) -> bool {
        self.word_after(&self.vetting, &text[end..])
    }

    /// Whether the sensitive word ending at `end` of `text` names an event or a service
    /// ("The school nurse will run an asthma clinic on Friday"): it says nothing about
    /// anyone but a person named beside it ("Aisha will go to the asthma clinic").
    pub fn names_an_event(&self, text: &str, end: usize) -> bool {
        self.word_after(&self.events, &text[end..])
    }

    /// Whether `text` gives kinds of need as examples ("Social, emotional and mental health
    /// difficulties, including ADHD and anxiety"): one of `examples_of`, as whole words.
    pub fn gives_examples(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        self.examples_of
            .iter()
            .any(|e| super::has_phrase(&lower, e))
    }

    /// Whether one of `list` follows the start of `rest`, perhaps after joining words
    /// ("mental health and wellbeing lead").
    fn word_after(&self, list: &[String], rest: &str) -> bool {
        let mut rest = rest;
        for _ in 0..6 {
            // Only spaces, hyphens, slashes and ampersands within a clause.
            let gap = rest
                .find(|c: char| !(c == ' ' || c == '-' || c == '/' || c == '\u{a0}'))
                .unwrap_or(rest.len());
            if gap == 0 && !rest.is_empty() {
                return false; // punctuation, or a letter straight after the word
            }
            rest = &rest[gap..];
            let word_len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '&' || c == '-'))
                .unwrap_or(rest.len());
            if word_len == 0 {
                return false;
            }
            let word = &rest[..word_len];
            // (First bytes compared first: most phrases start with another letter.)
            let first = rest.as_bytes()[0];
            let starts_with_phrase = |p: &String| {
                let n = p.len();
                p.as_bytes()
                    .first()
                    .is_none_or(|b| b.eq_ignore_ascii_case(&first))
                    && rest.len() >= n
                    && rest.is_char_boundary(n)
                    && rest[..n].eq_ignore_ascii_case(p)
                    && !rest[n..].starts_with(char::is_alphanumeric)
            };
            if list.iter().any(starts_with_phrase) {
                return true;
            }
            if !self.joining.iter().any(|j| j.eq_ignore_ascii_case(word)) {
                return false;
            }
            rest = &rest[word_len..];
        }
        false
    }

    /// Whether one of `phrases` ends at most [`Self::BEFORE_GAP`] words before the end of
    /// `words` (the clause before the word; commas do not end it: "pupils with diabetes,
    /// epilepsy or allergies").
    fn shortly_after(phrases: &[Vec<String>], words: &[String]) -> bool {
        phrases.iter().any(|p| {
            (0..=Self::BEFORE_GAP).any(|gap| {
                words.len() >= p.len() + gap
                    && words[words.len() - gap - p.len()..words.len() - gap] == p[..]
            })
        })
    }
}

/// Whether `text` holds a run of `n` ASCII letters or more. The keywords match in any
/// ASCII case, so a letter of a keyword only ever matches an ASCII letter of the text: a
/// keyword fits only in text with runs as long as its own.
pub fn has_letter_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_alphabetic() { run + 1 } else { 0 };
        if run >= n {
            return true;
        }
    }
    n == 0
}

/// The length of the longest run of ASCII letters in `word`.
fn longest_letter_run(word: &str) -> usize {
    word.split(|c: char| !c.is_ascii_alphabetic())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// The fewest bytes a pattern can match (0 if that cannot be told), so that text shorter
/// than every pattern can skip the search.
pub fn minimum_len(pattern: &str) -> usize {
    regex_syntax::parse(pattern)
        .ok()
        .and_then(|hir| hir.properties().minimum_len())
        .unwrap_or(0)
}

/// The length in bytes of every match of `pattern`, when all its matches are equally long
/// (a UPN is always 13 bytes); `None` when they vary or the pattern cannot be read.
pub fn fixed_len(pattern: &str) -> Option<usize> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let p = hir.properties();
    match (p.minimum_len(), p.maximum_len()) {
        (Some(min), Some(max)) if min == max => Some(min),
        _ => None,
    }
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
            "role" => ColumnKind::Role,
            "place" => ColumnKind::Place,
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
    fn fixed_len_only_when_every_match_is_as_long() {
        assert_eq!(fixed_len(r"(?i-u:\b[A-Z][0-9]{12}\b)"), Some(13));
        assert_eq!(fixed_len(r"(?-u:\b[0-9]{3}[ -]?[0-9]{3}\b)"), None);
        assert_eq!(fixed_len("ab|cd"), Some(2));
        assert_eq!(fixed_len("a+"), None);
        assert_eq!(fixed_len("(unclosed"), None);
    }

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

    /// One overlapping pass finds what a leftmost-longest search of each list finds.
    #[test]
    fn letter_runs_are_measured_in_ascii_letters() {
        assert_eq!(longest_letter_run("fgm"), 3);
        assert_eq!(longest_letter_run("pupil premium"), 7);
        assert_eq!(longest_letter_run("ehcp*"), 4);
        assert_eq!(longest_letter_run("naïve"), 2, "ï is not ASCII");
        assert_eq!(longest_letter_run("42"), 0);
        for w in ["fgm", "pupil premium", "naïve"] {
            assert!(has_letter_run(w, longest_letter_run(w)));
            assert!(!has_letter_run(w, longest_letter_run(w) + 1));
        }
    }

    #[test]
    fn keywords_found_as_separate_searches_would() {
        let rules = parse().keywords;
        let kw = Keywords::build(&rules);
        // Each list on its own, written plainly: at every word start, the longest entry the
        // text continues with (codes in their own case), left to right, not overlapping.
        let separate = |kind: KeywordKind, t: &str| -> Vec<KeywordHit> {
            let mut all: Vec<KeywordHit> = Vec::new();
            for (s, _) in t.char_indices() {
                if t[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                for (i, p) in kw
                    .patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.kind == kind)
                {
                    let Some(here) = t.as_bytes().get(s..s + p.word.len()) else {
                        continue;
                    };
                    let same = if kind == KeywordKind::Code {
                        here == p.word.as_bytes()
                    } else {
                        here.eq_ignore_ascii_case(p.word.as_bytes())
                    };
                    if same {
                        all.push((i, s, s + p.word.len()));
                    }
                }
            }
            all.sort_by_key(|h| (h.1, std::cmp::Reverse(h.2), h.0));
            let mut covered = 0;
            all.retain(|h| {
                let keep = h.1 >= covered;
                if keep {
                    covered = h.2;
                }
                keep
            });
            all
        };
        let lists = [KeywordKind::Word, KeywordKind::Code, KeywordKind::Strong];
        let mut texts: Vec<String> = rules
            .iter()
            .flat_map(|r| r.examples.iter().chain(&r.negative_examples).cloned())
            .collect();
        let every: Vec<&str> = kw.patterns.iter().map(|p| p.word.as_str()).collect();
        texts.push(every.join(" "));
        texts.push(every.join(""));
        texts.push(every.join(" ").to_uppercase());
        texts.push("Has been diagnosed with ADHD; wbri WBRI Wbri; sen support sen statusx".into());
        texts.push("chosen support (SEN support) “asthma” naïve-asthma 7asthma".into());
        let mut hits = Vec::new();
        let mut total = 0;
        for t in &texts {
            let want: Vec<KeywordHit> = lists.iter().flat_map(|&k| separate(k, t)).collect();
            kw.find(t, &mut hits);
            let words = |h: &[KeywordHit]| -> Vec<(String, KeywordKind, usize, usize)> {
                h.iter()
                    .map(|&(i, s, e)| (kw.patterns[i].category.clone(), kw.patterns[i].kind, s, e))
                    .collect()
            };
            assert_eq!(words(&hits), words(&want), "{t:?}");
            total += hits.len();
        }
        assert!(total > 200, "the texts hold keywords ({total})");
    }

    #[test]
    fn headers_normalise() {
        assert_eq!(normalise_header("  Legal_Surname "), "legal surname");
        assert_eq!(normalise_header("Middle Name(s)"), "middle name");
        assert_eq!(normalise_header("D.O.B.:"), "d o b");
        assert_eq!(normalise_header("Date-of-Birth*"), "date of birth");
        assert_eq!(
            normalise_header("Candidate (name as on certificate)"),
            "candidate"
        );
        assert_eq!(normalise_header("DOB (dd/mm/yyyy):"), "dob");
        assert_eq!(normalise_header("(Notes)"), "(notes)");
        assert_eq!(normalise_header("dateOfBirth"), "date of birth");
        assert_eq!(normalise_header("legalFirstName"), "legal first name");
        assert_eq!(normalise_header("senStatus"), "sen status");
        assert_eq!(normalise_header("LegalSurname"), "legal surname");
        assert_eq!(normalise_header("DoB"), "dob");
        assert_eq!(normalise_header("SENStatus"), "senstatus");
        assert_eq!(normalise_header("legal_surname"), "legal surname");
    }
}
