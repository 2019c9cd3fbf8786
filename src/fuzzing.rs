//! Entry points shared by the fuzz targets (`fuzz/`, run with `cargo fuzz`) and by the
//! regression test that replays what fuzzing found (`tests/fuzz_regressions.rs`, part of
//! the ordinary test suite). Each takes arbitrary bytes and must return normally: no panic,
//! no hang, no unbounded memory. Each also checks the promises its part of safecarry makes
//! (nothing restored outside the target, every reported file ended, …) and panics, so the
//! fuzzer reports it, when one is broken.

use std::io::Cursor;
use std::path::Path;

use crate::detect::{Detector, engine, validators};
use crate::extract::{self, Limits, Segment, Status, Visitor};

/// Names whose extensions steer format detection; the input's first byte picks one.
const NAMES: &[&str] = &[
    "f.txt", "f.csv", "f.tsv", "f.md", "f.html", "f.xml", "f.json", "f.rtf", "f.docx", "f.xlsx",
    "f.xlsb", "f.xls", "f.pptx", "f.odt", "f.ods", "f.odp", "f.pdf", "f.eml", "f.msg", "f.zip",
    "f.bin",
];

/// Checks the visitor contract: every file that begins also ends, segments stay bounded.
#[derive(Default)]
struct Contract {
    open: i64,
    max_segment: usize,
}

impl Visitor for Contract {
    fn begin(&mut self, _path: &str, _format: &'static str) {
        self.open += 1;
    }

    fn segment(&mut self, seg: &Segment<'_>) {
        assert!(self.open > 0, "a segment outside any file");
        assert!(seg.text.len() <= self.max_segment, "an oversized segment");
    }

    fn end(&mut self, status: Status) {
        self.open -= 1;
        assert!(self.open >= 0, "more ends than begins");
        if let Status::NotInspected(reason) = status {
            assert!(
                !reason.trim().is_empty(),
                "a file not inspected without a reason"
            );
        }
    }
}

/// Every text extractor: the first byte chooses the file name (and so the format hint),
/// the rest is the file.
pub fn extract(data: &[u8]) {
    let Some((pick, body)) = data.split_first() else {
        return;
    };
    let name = NAMES[*pick as usize % NAMES.len()];
    let limits = Limits {
        max_in_memory: 16 << 20,
        max_expanded: 64 << 20,
        ..Limits::default()
    };
    let mut v = Contract {
        max_segment: limits.max_segment,
        ..Contract::default()
    };
    extract::extract_reader(
        &mut Cursor::new(body),
        name,
        Some(body.len() as u64),
        &limits,
        &mut v,
    );
    assert_eq!(v.open, 0, "a file began but never ended");
}

thread_local! {
    static DETECTOR: Detector = Detector::new(&crate::policy::Policy::default())
        .expect("the built-in rules load");
}

/// The identifier validators and the detection engine on arbitrary text.
pub fn detect(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for token in text.split_whitespace().take(2_000) {
        let _ = validators::upn(token);
        let _ = validators::uln(token);
        let _ = validators::nhs(token);
        let _ = validators::uci(token);
        let _ = validators::nino(token);
        let _ = validators::iban(token);
        let _ = validators::postcode(token);
        let _ = validators::phone(token);
        let _ = engine::parse_date(token);
        let _ = engine::plausible_birth_date(token);
    }
    DETECTOR.with(|d| {
        let report = d.scan_text(&text);
        for f in &report.findings {
            assert!(
                report.categories.contains_key(&f.category),
                "a finding whose category is not counted"
            );
        }
        if report.special_category {
            assert!(
                report
                    .categories
                    .keys()
                    .any(|k| crate::detect::is_sensitive(k)),
                "special category without a sensitive finding"
            );
        }
    });
}

/// What `open` does with a decrypted payload, on arbitrary bytes: whatever happens,
/// nothing appears outside the target, nothing restored is a link, and a refused payload
/// leaves the target empty.
pub fn open_payload(data: &[u8]) {
    let dir = tempfile::tempdir().expect("temp folder");
    let target = dir.path().join("target");
    std::fs::create_dir(&target).expect("target folder");
    let result =
        crate::open::restore_payload(&mut Cursor::new(data), Path::new("payload.age"), &target);
    check_only_target(dir.path(), &target);
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&target).min_depth(1) {
        let entry = entry.expect("readable");
        assert!(
            !entry.path_is_symlink(),
            "a link was restored: {:?}",
            entry.path()
        );
        let ft = entry.file_type();
        assert!(ft.is_dir() || ft.is_file(), "a special file was restored");
        count += 1;
    }
    if result.is_err() {
        assert_eq!(count, 0, "a refused payload left something in the target");
    }
}

/// The whole open path on arbitrary bytes as a sealed file (header parsing, scrypt capped
/// low so inputs stay quick, decryption, restoring), with the fixed passphrase `fuzz`.
pub fn open_file(data: &[u8]) {
    use age::secrecy::SecretString;
    let dir = tempfile::tempdir().expect("temp folder");
    let file = dir.path().join("input.age");
    std::fs::write(&file, data).expect("write input");
    let target = dir.path().join("target");
    std::fs::create_dir(&target).expect("target folder");
    let pass = SecretString::from("fuzz");
    if let Ok(crate::open::Attempt::Unlocked(u)) = crate::open::unlock(&file, &pass, 10, false) {
        let result = crate::open::restore(u, &target);
        if result.is_err() {
            assert_eq!(
                std::fs::read_dir(&target).expect("target").count(),
                0,
                "a refused file left something in the target"
            );
        }
    }
    check_only_target(dir.path(), &target);
}

/// `dir` holds nothing but `target` (and, for [`open_file`], the input).
fn check_only_target(dir: &Path, target: &Path) {
    for e in std::fs::read_dir(dir).expect("temp folder") {
        let p = e.expect("entry").path();
        assert!(
            p == target || p.file_name().is_some_and(|n| n == "input.age"),
            "something was written outside the target: {p:?}"
        );
    }
}
