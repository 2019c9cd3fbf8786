//! Personal-data detection: rules (data, in `rules.toml`), validators, names, and the engine
//! that turns extracted text into a report per file.
//!
//! Detection never writes a file and never sees a passphrase. Reports carry masked excerpts
//! only, so a report does not become a second copy of the data.

pub mod engine;
mod form;
mod matcher;
mod memo;
pub mod names;
pub mod report;
pub mod rules;
mod starts;
pub mod validators;
mod word_table;

pub use engine::Detector;

pub use report::{FileReport, Finding, Summary};

/// Starts `work` on a thread of its own within `scope`, for start-up work that does not
/// depend on what the caller does meanwhile; the returned function waits for its result.
/// If no thread can be started, the work is done when its result is asked for.
fn beside<'scope, 'env, T: Send + 'env>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    name: &str,
    work: &'env (impl Fn() -> T + Sync),
) -> impl FnOnce() -> T + 'scope {
    let handle = std::thread::Builder::new()
        .name(name.into())
        .spawn_scoped(scope, work)
        .ok();
    move || match handle {
        Some(handle) => handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        None => work(),
    }
}

/// `s` in lower case, written into `buf` when it is ASCII and fits (no allocation: these
/// checks run for every table cell); `None` otherwise, for the caller to lower-case it the
/// usual way.
fn ascii_lowercase<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let b = buf.get_mut(..s.len()).filter(|_| s.is_ascii())?;
    b.copy_from_slice(s.as_bytes());
    b.make_ascii_lowercase();
    Some(std::str::from_utf8(b).expect("ASCII"))
}

/// Whether `phrase` stands in `text` as whole words (not inside a longer word).
fn has_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, m)| {
        !text[..at].ends_with(char::is_alphanumeric)
            && !text[at + m.len()..].starts_with(char::is_alphanumeric)
    })
}

/// The category vocabulary (design.md): ordinary personal data…
pub const PERSONAL: &[&str] = &[
    "full_name",
    "upn",
    "uln",
    "uci",
    "ni_number",
    "nhs_number",
    "date_of_birth",
    "address",
    "postcode",
    "email",
    "phone",
    "bank_details",
    "teacher_ref",
    "candidate_number",
    "photo",
];
/// …and the sensitive categories.
pub const SENSITIVE: &[&str] = &[
    "sen",
    "health",
    "safeguarding",
    "fsm",
    "ethnicity",
    "religion",
    "biometric",
];

/// The category as one of the known ones (rules and policies may name others).
pub fn known_category(c: &str) -> Option<&'static str> {
    PERSONAL.iter().chain(SENSITIVE).find(|k| **k == c).copied()
}

pub fn is_sensitive(category: &str) -> bool {
    SENSITIVE.contains(&category)
}

/// Plain-English names for reports.
pub fn describe(category: &str) -> &str {
    match category {
        "full_name" => "names",
        "upn" => "pupil numbers (UPN)",
        "uln" => "learner numbers (ULN)",
        "uci" => "exam candidate identifiers (UCI)",
        "ni_number" => "National Insurance numbers",
        "nhs_number" => "NHS numbers",
        "date_of_birth" => "dates of birth",
        "address" => "home addresses",
        "postcode" => "postcodes",
        "email" => "email addresses",
        "phone" => "phone numbers",
        "bank_details" => "bank details",
        "teacher_ref" => "teacher reference numbers",
        "candidate_number" => "exam candidate numbers",
        "photo" => "photos or videos",
        "sen" => "special educational needs (SEN)",
        "health" => "health or medical information",
        "safeguarding" => "safeguarding or child-protection information",
        "fsm" => "free school meals or pupil premium status",
        "ethnicity" => "ethnicity",
        "religion" => "religion",
        "biometric" => "biometric information",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;
    use std::collections::HashSet;

    #[test]
    fn work_beside_the_caller_gives_its_result() {
        let work = || (1..=10).sum::<u32>();
        let (mine, theirs) = std::thread::scope(|s| {
            let theirs = beside(s, "test", &work);
            (work(), theirs())
        });
        assert_eq!((mine, theirs), (55, 55));
    }

    fn detector() -> Detector {
        Detector::new(&Policy::default()).unwrap()
    }

    /// Every rule's examples are detected and its negative examples are not: adding a rule
    /// means adding examples, and this test holds the rule to them.
    #[test]
    fn every_rule_example_behaves() {
        let d = detector();
        let file = rules::parse();
        let mut failures = Vec::new();
        let mut check = |id: &str, category: &str, text: &str, file: Option<&str>, expect| {
            let r = match file {
                None => d.scan_text(text),
                Some(name) => d.scan_contents(name, text),
            };
            let found = r.categories.contains_key(category);
            if found != expect {
                failures.push(format!(
                    "rule {id}: {text:?} should {}be {category}; got {:?}",
                    if expect { "" } else { "not " },
                    r.categories
                ));
            }
        };
        let rules = file
            .identifier
            .iter()
            .map(|r| (&r.id, &r.category, &r.examples, &r.negative_examples))
            .chain(
                file.keywords
                    .iter()
                    .map(|r| (&r.id, &r.category, &r.examples, &r.negative_examples)),
            );
        for (id, category, examples, negatives) in rules {
            assert!(
                !examples.is_empty() && !negatives.is_empty(),
                "rule {id} needs examples"
            );
            for e in examples {
                check(id, category, e, None, true);
            }
            for e in negatives {
                check(id, category, e, None, false);
            }
        }
        for c in &file.case {
            check("case", &c.category, &c.text, c.file.as_deref(), c.expect);
        }
        // Roles and topics: the person counts, the sensitive word does not.
        let roles = &file.roles_and_topics;
        assert!(!roles.examples.is_empty() && !roles.negative_examples.is_empty());
        for (text, expect) in roles
            .examples
            .iter()
            .map(|t| (t, false))
            .chain(roles.negative_examples.iter().map(|t| (t, true)))
        {
            let r = d.scan_text(text);
            let sensitive = r.categories.keys().any(|k| is_sensitive(k));
            if !r.categories.contains_key("full_name") || sensitive != expect {
                failures.push(format!(
                    "roles_and_topics: {text:?} should name a person and {}hold sensitive \
                     information; got {:?}",
                    if expect { "" } else { "not " },
                    r.categories
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} rule examples misbehave:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// The matching code relies on these: context words are compared with lower-cased
    /// text and start with a letter; every sensitive word holds a letter (text without a
    /// run of letters as long as every word's longest skips the keyword search).
    #[test]
    fn rule_words_are_as_the_matchers_expect() {
        let file = rules::parse();
        // A file's name says sensitive categories of the vocabulary, in lower case words.
        for (cat, phrases) in &file.file_names.categories {
            assert!(known_category(cat).is_some_and(is_sensitive), "{cat}");
            for p in phrases.iter().chain(&file.file_names.documents) {
                let plain = p.split(' ').all(|w| {
                    !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c.is_ascii_digit())
                });
                assert!(plain, "{p:?}");
            }
        }
        for r in &file.identifier {
            for w in &r.context {
                assert!(
                    w.starts_with(|c: char| c.is_ascii_alphabetic()) && *w == w.to_lowercase(),
                    "rule {}: context word {w:?}",
                    r.id
                );
            }
        }
        assert!(rules::Keywords::build(&file.keywords).letter_run >= 1);
        assert!(!rules::has_letter_run("A123456789012", 2));
        assert!(!rules::has_letter_run("LS1 4AB", 3));
        assert!(rules::has_letter_run("LS1 4AB", 2));
        assert!(rules::has_letter_run("12 Asthma, EHCP", 6));
        assert!(!rules::has_letter_run("café", 4));
        assert!(rules::has_letter_run("", 0));
    }

    #[test]
    fn rule_ids_are_unique_and_categories_known() {
        let file = rules::parse();
        let mut ids = HashSet::new();
        for r in &file.identifier {
            assert!(ids.insert(r.id.clone()), "duplicate rule id {}", r.id);
            assert!(
                PERSONAL.contains(&r.category.as_str()),
                "unknown category {}",
                r.category
            );
        }
        for r in &file.keywords {
            assert!(ids.insert(r.id.clone()), "duplicate rule id {}", r.id);
            assert!(
                SENSITIVE.contains(&r.category.as_str()),
                "unknown category {}",
                r.category
            );
        }
    }
}
