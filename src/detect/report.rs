//! What detection reports: per file, and a summary for the whole set.

use std::collections::BTreeMap;

use crate::plain::thousands;
use serde::Serialize;

/// One place personal data was found. The excerpt is masked.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Finding {
    pub category: String,
    pub location: String,
    pub excerpt: String,
}

/// The result for one file (or archive member), in the `scan --json` schema.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FileReport {
    pub path: String,
    pub inspected: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub format: String,
    pub personal_data: bool,
    pub special_category: bool,
    pub categories: BTreeMap<String, u64>,
    pub subjects: u64,
    pub findings: Vec<Finding>,
    /// The words of the names found (lower case), when the detector was asked for them
    /// ([`super::Detector::with_name_words`]): never written out, only used to refuse a
    /// passphrase made of them.
    #[serde(skip)]
    pub name_words: Vec<String>,
    /// Likewise the words of the places in the addresses and venues found.
    #[serde(skip)]
    pub place_words: Vec<String>,
}

impl FileReport {
    /// An archive that was read whole: its files are reported on their own (before it),
    /// and its own report only says whether any of them holds personal data.
    pub fn is_archive(&self) -> bool {
        self.format == "zip" && self.inspected
    }
}

/// Totals over many files, for the plain-English summary and the ledger.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: u64,
    pub files_with_personal_data: u64,
    pub files_with_special_category: u64,
    pub files_not_inspected: u64,
    pub categories: BTreeMap<String, u64>,
    /// Estimated number of people: the largest single file's estimate. Summing the files'
    /// estimates would over-count (a class list, its register and its reports name the same
    /// pupils), so over several files with personal data this is a lower bound, and the
    /// summary says "at least".
    pub subjects: u64,
    pub special_category: bool,
    pub personal_data: bool,
}

impl Summary {
    pub fn add(&mut self, r: &FileReport) {
        // An archive that was read whole is counted by its files, not again as a file.
        if r.is_archive() {
            return;
        }
        self.files += 1;
        if !r.inspected {
            self.files_not_inspected += 1;
        }
        // A file is counted for what it holds itself: an e-mail that is personal or
        // sensitive only through an attachment is counted by the attachment, not twice.
        let own = |sensitive: bool| {
            r.categories
                .keys()
                .any(|k| super::is_sensitive(k) == sensitive)
        };
        if r.personal_data && own(false) {
            self.files_with_personal_data += 1;
        }
        if r.special_category && own(true) {
            self.files_with_special_category += 1;
        }
        self.personal_data |= r.personal_data;
        self.special_category |= r.special_category;
        for (k, v) in &r.categories {
            *self.categories.entry(k.clone()).or_default() += v;
        }
        self.subjects = self.subjects.max(r.subjects);
    }

    /// One paragraph of plain English for the whole set.
    pub fn paragraph(&self) -> String {
        if self.files == 0 {
            return "There were no files to check.".into();
        }
        let files = |n: u64| {
            if n == 1 {
                "1 file".to_string()
            } else {
                format!("{} files", thousands(n))
            }
        };
        if !self.personal_data {
            let mut s = format!(
                "safecarry checked {} and found no personal information about pupils or staff.",
                files(self.files)
            );
            if self.files_not_inspected > 0 {
                s += &format!(
                    " {} could not be read, so check {} yourself.",
                    files(self.files_not_inspected),
                    if self.files_not_inspected == 1 {
                        "it"
                    } else {
                        "them"
                    }
                );
            }
            return s;
        }
        let kinds: Vec<&str> = self
            .categories
            .keys()
            .filter(|k| !super::is_sensitive(k))
            .map(|k| super::describe(k))
            .collect();
        let sensitive: Vec<&str> = self
            .categories
            .keys()
            .filter(|k| super::is_sensitive(k))
            .map(|k| super::describe(k))
            .collect();
        let holds = |n: u64| if n == 1 { "holds" } else { "hold" };
        let mut s = if self.files == 1 {
            "The file checked holds personal information".to_string()
        } else {
            format!(
                "{} of the {} files checked {} personal information",
                thousands(self.files_with_personal_data),
                thousands(self.files),
                holds(self.files_with_personal_data)
            )
        };
        if self.subjects > 0 {
            s += &format!(
                " about {}{} {}",
                if self.files_with_personal_data > 1 {
                    "at least "
                } else if self.subjects > 1 {
                    "roughly "
                } else {
                    ""
                },
                thousands(self.subjects),
                if self.subjects == 1 {
                    "person"
                } else {
                    "people"
                }
            );
        }
        if !kinds.is_empty() {
            s += &format!(" ({})", join(&kinds));
        }
        s.push('.');
        if self.special_category {
            let who = if self.files_with_personal_data == 1 && self.files_with_special_category == 1
            {
                "It also holds".to_string()
            } else {
                format!(
                    "{} of them also {}",
                    thousands(self.files_with_special_category),
                    holds(self.files_with_special_category)
                )
            };
            s += &format!(
                " {who} sensitive information ({}), which needs the most care.",
                join(&sensitive)
            );
        }
        if self.files_not_inspected > 0 {
            s += &format!(" {} could not be read.", files(self.files_not_inspected));
        }
        s
    }
}

fn join(items: &[&str]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].to_string(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// Masks a matched value: keeps a little at each end so a person can find it, replaces the
/// rest with `•`. Names keep only the first letter of each word.
pub fn mask(category: &str, value: &str) -> String {
    let value = value.trim();
    let chars: Vec<char> = value.chars().collect();
    match category {
        "full_name" => value
            .split_whitespace()
            .map(|w| {
                let mut c = w.chars();
                let f: String = c.next().into_iter().collect();
                f + &"•".repeat(c.count().min(8))
            })
            .collect::<Vec<_>>()
            .join(" "),
        "email" => match value.split_once('@') {
            Some((local, domain)) => {
                let l: String = local.chars().take(1).collect();
                let tld = domain.rsplit('.').next().unwrap_or("");
                format!("{l}•••@•••.{tld}")
            }
            None => "•••".into(),
        },
        _ if chars.len() <= 4 => "•".repeat(chars.len()),
        _ => {
            let keep = if chars.len() >= 10 { 2 } else { 1 };
            let head: String = chars[..keep].iter().collect();
            let tail: String = chars[chars.len() - keep..].iter().collect();
            let middle: String = chars[keep..chars.len() - keep]
                .iter()
                .map(|c| {
                    if c.is_whitespace() || "-/.".contains(*c) {
                        *c
                    } else {
                        '•'
                    }
                })
                .collect();
            format!("{head}{middle}{tail}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_hide_most_of_the_value() {
        assert_eq!(mask("upn", "A801200005012"), "A8•••••••••12");
        assert_eq!(mask("full_name", "Zofia Kowalczyk"), "Z•••• K••••••••");
        assert_eq!(mask("email", "amara.okafor@example.org"), "a•••@•••.org");
        assert_eq!(mask("date_of_birth", "11/03/2014"), "11/••/••14");
        assert_eq!(mask("candidate_number", "0412"), "••••");
    }

    #[test]
    fn summaries_read_as_plain_english() {
        let mut s = Summary::default();
        let mut r = FileReport {
            path: "a.csv".into(),
            inspected: true,
            format: "csv".into(),
            personal_data: true,
            special_category: true,
            categories: BTreeMap::from([("full_name".into(), 4), ("health".into(), 1)]),
            subjects: 4,
            ..FileReport::default()
        };
        s.add(&r);
        r.personal_data = false;
        r.special_category = false;
        r.categories.clear();
        r.subjects = 0;
        s.add(&r);
        let p = s.paragraph();
        assert!(p.starts_with("1 of the 2 files checked holds personal information about roughly 4 people (names)."), "{p}");
        assert!(p.contains("health or medical information"), "{p}");
        // Over several files with people in them, the largest file's count is a floor.
        r.personal_data = true;
        r.categories = BTreeMap::from([("full_name".into(), 9)]);
        r.subjects = 9;
        s.add(&r);
        let p = s.paragraph();
        assert!(p.starts_with("2 of the 3 files checked hold personal information about at least 9 people (names)."), "{p}");
        // One person in one file: no "roughly".
        let mut one = Summary::default();
        r.subjects = 1;
        r.categories = BTreeMap::from([("full_name".into(), 1)]);
        one.add(&r);
        let p = one.paragraph();
        assert!(
            p.contains("personal information about 1 person (names)."),
            "{p}"
        );
    }
}
