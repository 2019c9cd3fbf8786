//! `safecarry scan`: report personal data found; writes nothing.

use std::path::PathBuf;

use crate::cli::Common;
use crate::collect;
use crate::detect::{self, FileReport};
use crate::error::{Exit, Result, escape};
use crate::plain::thousands;
use crate::policy::Policy;
use crate::ui;

/// Findings listed per file in the human report.
const SHOWN: usize = 5;

pub fn run(paths: &[PathBuf], common: &Common) -> Result<Exit> {
    let policy = Policy::load()?;
    let detector = super::detector(&policy)?;
    // Every input's files in one plan, in the order given: they are scanned side by side
    // on all cores, not one input after another.
    let mut items = Vec::new();
    let mut failed = false;
    for input in paths {
        match collect::collect(std::slice::from_ref(input)) {
            Ok(plan) => items.extend(plan.items),
            Err(e) => {
                // Report and carry on with the other inputs; the exit status says so.
                ui::print_error(&e);
                failed = true;
            }
        }
    }
    let plan = collect::Plan {
        items,
        skipped: Vec::new(),
        inputs: Vec::new(),
        canonical_inputs: Vec::new(),
    };
    let summary = crate::scan::scan_plan(&detector, &plan, &mut |r| {
        if common.json {
            println!("{}", serde_json::to_string(r).expect("report serialises"));
        } else {
            print_report(r);
        }
    });
    // When an input was missing and there was nothing else to read, its error says it
    // all: "There were no files to check" under it would only muddle it.
    let nothing_read = failed && plan.items.is_empty();
    if !common.json && !nothing_read {
        println!();
        println!("{}", summary.paragraph());
    }
    Ok(if summary.personal_data {
        Exit::Found
    } else if failed {
        Exit::Failure
    } else {
        Exit::Success
    })
}

/// The first line about a file holding personal data: whom, how many, and what kinds.
fn headline(path: &str, r: &FileReport) -> String {
    // An e-mail whose own text holds no personal information but one of whose attachments
    // (listed above it) does.
    if r.categories.is_empty() {
        let special = if r.special_category {
            " - SENSITIVE"
        } else {
            ""
        };
        return format!(
            "{path}: personal information in the files it holds, listed above{special}"
        );
    }
    let kinds: Vec<String> = r
        .categories
        .iter()
        .map(|(k, v)| format!("{} ({})", detect::describe(k), thousands(*v)))
        .collect();
    let people = if r.subjects == 1 {
        "1 person".to_string()
    } else {
        format!("roughly {} people", thousands(r.subjects))
    };
    // Nor sensitive information, while an attachment does.
    let from_inside = !r.categories.keys().any(|k| detect::is_sensitive(k));
    let special = match (r.special_category, from_inside) {
        (true, false) => " - SENSITIVE",
        (true, true) => " - SENSITIVE (in the files it holds, listed above)",
        (false, _) => "",
    };
    format!(
        "{path}: personal information about {people}{special}: {}",
        kinds.join(", ")
    )
}

/// One file, in plain English, with a few masked findings.
pub fn print_report(r: &FileReport) {
    let path = escape(&r.path);
    if !r.inspected && !r.personal_data {
        println!(
            "{path}: not checked ({})",
            r.reason.as_deref().unwrap_or("unreadable")
        );
        return;
    }
    // A zip's own line comes after its files': it holds nothing but them.
    if r.is_archive() {
        println!("{path}: archive, its files are listed above");
        return;
    }
    if !r.personal_data {
        println!("{path}: no personal information found");
        return;
    }
    println!("{}", headline(&path, r));
    for line in finding_lines(r) {
        println!("{line}");
    }
}

/// The findings shown under a file's headline, in columns: where, what kind, and the
/// masked excerpt. Each column is as wide as its widest entry (in characters).
fn finding_lines(r: &FileReport) -> Vec<String> {
    let shown = &r.findings[..r.findings.len().min(SHOWN)];
    let width = |cell: &dyn Fn(&detect::Finding) -> &str| {
        shown
            .iter()
            .map(|f| cell(f).chars().count())
            .max()
            .unwrap_or(0)
    };
    let where_w = width(&|f| &f.location);
    let what_w = width(&|f| detect::describe(&f.category));
    let mut lines: Vec<String> = shown
        .iter()
        .map(|f| {
            let line = format!(
                "    {:<where_w$}  {:<what_w$}  {}",
                f.location,
                detect::describe(&f.category),
                f.excerpt
            );
            line.trim_end().to_string()
        })
        .collect();
    if r.findings.len() > SHOWN {
        lines.push(format!(
            "    … and {} more",
            thousands((r.findings.len() - SHOWN) as u64)
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_say_how_many_people_once() {
        let mut r = FileReport {
            path: "a.csv".into(),
            inspected: true,
            personal_data: true,
            subjects: 1,
            ..FileReport::default()
        };
        r.categories.insert("full_name".into(), 2);
        assert_eq!(
            headline("a.csv", &r),
            "a.csv: personal information about 1 person: names (2)"
        );
        r.subjects = 40;
        r.special_category = true;
        r.categories.insert("health".into(), 3);
        let h = headline("a.csv", &r);
        assert!(
            h.starts_with("a.csv: personal information about roughly 40 people - SENSITIVE: "),
            "{h}"
        );
        assert!(!h.contains("about about"), "{h}");
        r.subjects = 20_384;
        r.categories.insert("full_name".into(), 40_768);
        let h = headline("a.csv", &r);
        assert!(h.contains("roughly 20,384 people"), "{h}");
        assert!(h.contains("names (40,768)"), "{h}");
    }

    #[test]
    fn findings_line_up_however_long_their_descriptions() {
        let finding = |location: &str, category: &str, excerpt: &str| detect::Finding {
            category: category.into(),
            location: location.into(),
            excerpt: excerpt.into(),
        };
        let mut r = FileReport {
            findings: vec![
                finding("Sheet1!A2", "full_name", "A•••• O•••••"),
                finding("line 14", "safeguarding", "child protection"),
                finding("B2", "health", "asthma"),
            ],
            ..FileReport::default()
        };
        let lines = finding_lines(&r);
        assert_eq!(lines.len(), 3);
        // Every excerpt starts in the same column, in characters.
        let starts: Vec<usize> = lines
            .iter()
            .zip(&r.findings)
            .map(|(l, f)| l[..l.find(&f.excerpt).unwrap()].chars().count())
            .collect();
        assert!(starts.iter().all(|&s| s == starts[0]), "{lines:#?}");
        let kinds: Vec<usize> = lines
            .iter()
            .zip(&r.findings)
            .map(|(l, f)| {
                l[..l.find(detect::describe(&f.category)).unwrap()]
                    .chars()
                    .count()
            })
            .collect();
        assert!(kinds.iter().all(|&s| s == kinds[0]), "{lines:#?}");
        // Beyond the ones shown, a count.
        r.findings = (0..1_205)
            .map(|_| finding("A1", "upn", "A1••••••••••2"))
            .collect();
        let lines = finding_lines(&r);
        assert_eq!(lines.len(), SHOWN + 1);
        assert_eq!(lines[SHOWN], "    … and 1,200 more");
    }
}
