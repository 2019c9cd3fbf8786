//! Scanning a set of inputs for personal data: walks them as seal would, runs detection on
//! every file and gathers a summary. Read-only.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use crate::collect::{Item, Kind, Plan};
use crate::detect::{Detector, FileReport, Summary};

/// Most files scanned at once.
const MAX_WORKERS: usize = 4;
/// How far ahead of the oldest unfinished file the workers may go (bounds the reports held
/// back to keep the output in order).
const AHEAD: usize = 16;
/// Stack for scanning threads: the document parsers recurse, so give them what the main
/// thread has.
const STACK: usize = 8 << 20;

/// Scans every file of `plan`, calling `each` with every report (archive members included)
/// in the plan's order. Files are scanned on up to one thread per core (at most
/// [`MAX_WORKERS`]), each thread one file at a time, so memory stays bounded by a few
/// files' worth whatever the plan's size.
pub fn scan_plan(detector: &Detector, plan: &Plan, each: &mut dyn FnMut(&FileReport)) -> Summary {
    let files: Vec<&Item> = plan.items.iter().filter(|i| i.kind == Kind::File).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_WORKERS)
        .min(files.len());
    let mut summary = Summary::default();
    let mut emit = |r: &FileReport| {
        summary.add(r);
        each(r);
    };
    let next = AtomicUsize::new(0);
    // The index of the oldest file not yet passed on; workers wait rather than run more
    // than AHEAD files past it.
    let oldest = (Mutex::new(0usize), Condvar::new());
    let mut spawned = 0;
    std::thread::scope(|scope| {
        if workers <= 1 {
            return;
        }
        let (tx, rx) = mpsc::sync_channel::<(usize, Vec<FileReport>)>(workers * 2);
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, files, oldest) = (&next, &files, &oldest);
            let worker = move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = files.get(i) else { break };
                    {
                        let (lock, cv) = oldest;
                        let mut o = lock.lock().unwrap_or_else(|p| p.into_inner());
                        while i >= *o + AHEAD {
                            o = cv.wait(o).unwrap_or_else(|p| p.into_inner());
                        }
                    }
                    let mut reports = Vec::new();
                    detector.scan_path(&item.source, &item.name, &mut |r| reports.push(r));
                    if tx.send((i, reports)).is_err() {
                        break;
                    }
                }
            };
            if std::thread::Builder::new()
                .name("scan".into())
                .stack_size(STACK)
                .spawn_scoped(scope, worker)
                .is_ok()
            {
                spawned += 1;
            }
        }
        drop(tx);
        // Reports arrive in any order; pass them on in the plan's order.
        let mut waiting: BTreeMap<usize, Vec<FileReport>> = BTreeMap::new();
        let mut wanted = 0;
        for (i, reports) in rx {
            waiting.insert(i, reports);
            while let Some(reports) = waiting.remove(&wanted) {
                reports.iter().for_each(&mut emit);
                wanted += 1;
            }
            let (lock, cv) = &oldest;
            *lock.lock().unwrap_or_else(|p| p.into_inner()) = wanted;
            cv.notify_all();
        }
    });
    if spawned == 0 {
        // One core, one file, or no thread could be started: scan here.
        for item in files {
            detector.scan_path(&item.source, &item.name, &mut |r: FileReport| emit(&r));
        }
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

    #[test]
    fn reports_come_in_plan_order_whatever_finishes_first() {
        let d = Detector::new(&Policy::default()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        // Big and small files interleaved, so later files often finish first.
        for i in 0..24 {
            let body = if i % 3 == 0 {
                "Dear Mrs Okafor, thank you.\n".repeat(20_000)
            } else {
                format!("Pupil {i}: Amara Nwosu\n")
            };
            std::fs::write(dir.path().join(format!("f{i:02}.txt")), body).unwrap();
        }
        let plan = crate::collect::collect(&[dir.path().to_path_buf()]).unwrap();
        let mut seen = Vec::new();
        let summary = scan_plan(&d, &plan, &mut |r| seen.push(r.path.clone()));
        let expected: Vec<String> = plan
            .items
            .iter()
            .filter(|i| i.kind == Kind::File)
            .map(|i| i.name.clone())
            .collect();
        assert_eq!(seen, expected);
        assert_eq!(summary.files, 24);
        assert_eq!(summary.files_with_personal_data, 24);
    }
}
