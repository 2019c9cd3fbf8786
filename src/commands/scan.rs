//! `safecarry scan`: report personal data found; writes nothing.

use std::path::PathBuf;

use crate::cli::Common;
use crate::collect;
use crate::detect::{self, FileReport};
use crate::error::{Exit, Result, escape};
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
    if !common.json {
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
    let kinds: Vec<String> = r
        .categories
        .iter()
        .map(|(k, v)| format!("{} ({v})", detect::describe(k)))
        .collect();
    let people = if r.subjects == 1 {
        "1 person".to_string()
    } else {
        format!("roughly {} people", r.subjects)
    };
    let special = if r.special_category {
        " - SENSITIVE"
    } else {
        ""
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
    if !r.personal_data {
        println!("{path}: no personal information found");
        return;
    }
    println!("{}", headline(&path, r));
    for f in r.findings.iter().take(SHOWN) {
        println!(
            "    {:<14} {:<22} {}",
            f.location,
            detect::describe(&f.category),
            f.excerpt
        );
    }
    if r.findings.len() > SHOWN {
        println!("    … and {} more", r.findings.len() - SHOWN);
    }
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
    }
}
