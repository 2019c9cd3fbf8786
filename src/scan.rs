//! Scanning a set of inputs for personal data: walks them as seal would, runs detection on
//! every file and gathers a summary. Read-only.

use crate::collect::{Kind, Plan};
use crate::detect::{Detector, FileReport, Summary};

/// Scans every file of `plan`, calling `each` with every report (archive members included).
pub fn scan_plan(detector: &Detector, plan: &Plan, each: &mut dyn FnMut(&FileReport)) -> Summary {
    let mut summary = Summary::default();
    for item in plan.items.iter().filter(|i| i.kind == Kind::File) {
        detector.scan_path(&item.source, &item.name, &mut |r: FileReport| {
            summary.add(&r);
            each(&r);
        });
    }
    summary
}

/// Does this file name give away a person? True when detection finds a name or an
/// identifier in it (the words of the name are checked as text).
pub fn name_reveals_person(detector: &Detector, name: &str) -> bool {
    let stem = name.strip_suffix(".age").unwrap_or(name);
    let words: String = stem
        .chars()
        .map(|c| {
            if matches!(c, '_' | '-' | '.' | '(' | ')') {
                ' '
            } else {
                c
            }
        })
        .collect();
    // A name like "zofia_kowalczyk_report" is often written in lower case: try it as
    // written and with each word capitalised.
    let capitalised: String = words
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    [stem, &words, &capitalised].iter().any(|t| {
        detector
            .scan_text(t)
            .categories
            .keys()
            .any(|k| !crate::detect::is_sensitive(k))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;

    #[test]
    fn names_that_reveal_people_are_recognised() {
        let d = Detector::new(&Policy::default()).unwrap();
        assert!(name_reveals_person(&d, "Zofia Kowalczyk report.docx.age"));
        assert!(name_reveals_person(&d, "zofia_kowalczyk_ehcp.age"));
        assert!(name_reveals_person(&d, "B801200005001.pdf.age"));
        assert!(!name_reveals_person(&d, "Year 4 reports.age"));
        assert!(!name_reveals_person(&d, "marks.xlsx.age"));
        assert!(!name_reveals_person(
            &d,
            "Florence Nightingale worksheet.age"
        ));
    }
}
