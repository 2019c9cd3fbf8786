//! `safecarry scan` from the outside: the JSON Lines schema, exit codes, masking, and bad
//! files that are reported without stopping the scan.

mod common;

use std::io::Write;

use common::*;

fn json_lines(out: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

#[test]
fn personal_data_is_reported_in_the_design_schema_with_masked_excerpts() {
    let s = Sandbox::new();
    s.write(
        "Y4/marks.csv",
        "UPN,Forename,Legal Surname,DOB,SEN Status\n\
         B801200005001,Zofia,Kowalczyk,2016-03-11,K\n\
         Z209288906286,Chidera,Okafor,2015-11-02,N\n",
    );
    s.write(
        "Y4/plan.txt",
        "Learning objective: add fractions with the same denominator.\n",
    );
    let out = s.cmd().args(["scan", "--json", "Y4"]).output().unwrap();
    assert_code(&out, 4);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    let marks = lines
        .iter()
        .find(|v| v["path"] == "Y4/marks.csv")
        .expect("marks.csv reported");
    for key in [
        "path",
        "inspected",
        "format",
        "personal_data",
        "special_category",
        "categories",
        "subjects",
        "findings",
    ] {
        assert!(marks.get(key).is_some(), "missing {key}: {marks}");
    }
    assert_eq!(marks["inspected"], true);
    assert_eq!(marks["personal_data"], true);
    assert_eq!(
        marks["special_category"], true,
        "SEN status K tied to named pupils"
    );
    assert_eq!(marks["categories"]["upn"], 2);
    assert_eq!(marks["categories"]["date_of_birth"], 2);
    assert_eq!(marks["subjects"], 2);
    let f = &marks["findings"][0];
    assert!(
        f["location"].as_str().unwrap().starts_with('A')
            || f["location"].as_str().unwrap().starts_with('B')
    );
    let text = stdout(&out);
    for raw in [
        "B801200005001",
        "Z209288906286",
        "Kowalczyk",
        "Okafor",
        "2016-03-11",
    ] {
        assert!(!text.contains(raw), "{raw} must be masked in reports");
    }
    let plan = lines.iter().find(|v| v["path"] == "Y4/plan.txt").unwrap();
    assert_eq!(plan["personal_data"], false);
    assert_eq!(plan["subjects"], 0);
}

#[test]
fn clean_files_exit_0_with_a_plain_english_summary() {
    let s = Sandbox::new();
    s.write(
        "maths.txt",
        "Multiply 4806215937 by 3. Is 9434765918 prime?\n",
    );
    s.write(
        "history.md",
        "# Florence Nightingale\nBorn 12 May 1820, she nursed soldiers in the Crimea.\n",
    );
    let out = s
        .cmd()
        .args(["scan", "maths.txt", "history.md"])
        .output()
        .unwrap();
    assert_code(&out, 0);
    assert!(
        stdout(&out).contains("found no personal information"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn broken_files_and_zip_bombs_are_reported_and_the_scan_carries_on() {
    let s = Sandbox::new();
    s.write("broken.docx", b"PK\x03\x04this is not really a docx");
    s.write("broken.pdf", b"%PDF-1.7\n1 0 obj <<");
    s.write("mystery.bin", [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254]);
    s.write("latin1.txt", b"Caf\xe9 rota: Mrs Okafor on Tuesday\n");
    // A zip with one member of 300 MB of zeros: a bomb by ratio.
    {
        let f = std::fs::File::create(s.path("bomb.zip")).unwrap();
        let mut z = zip::ZipWriter::new(f);
        z.start_file("zeros.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        let chunk = vec![0u8; 1 << 20];
        for _ in 0..300 {
            z.write_all(&chunk).unwrap();
        }
        z.finish().unwrap();
    }
    s.write("pupils.csv", "Forename,Surname\nAmara,Nwosu\n");
    let out = s
        .cmd()
        .args([
            "scan",
            "--json",
            "broken.docx",
            "broken.pdf",
            "mystery.bin",
            "latin1.txt",
            "bomb.zip",
            "missing.xlsx",
            "pupils.csv",
        ])
        .output()
        .unwrap();
    // Personal data was found in pupils.csv, so 4, despite the missing file.
    assert_code(&out, 4);
    assert!(stderr(&out).contains("missing.xlsx"), "{}", stderr(&out));
    let lines = json_lines(&out);
    let by = |p: &str| {
        lines
            .iter()
            .find(|v| v["path"] == p)
            .unwrap_or_else(|| panic!("no report for {p}: {lines:?}"))
    };
    for p in ["broken.docx", "broken.pdf", "mystery.bin", "bomb.zip"] {
        assert_eq!(by(p)["inspected"], false, "{p}");
        assert!(
            by(p)["reason"].as_str().is_some_and(|r| !r.is_empty()),
            "{p} needs a reason"
        );
    }
    assert!(
        by("bomb.zip")["reason"]
            .as_str()
            .unwrap()
            .contains("zip bomb")
    );
    assert_eq!(by("latin1.txt")["inspected"], true);
    assert_eq!(
        by("latin1.txt")["personal_data"],
        true,
        "Mrs Okafor in a Windows-1252 file"
    );
    assert_eq!(by("pupils.csv")["personal_data"], true);
}

#[test]
fn photos_count_as_personal_unless_policy_says_otherwise() {
    let s = Sandbox::new();
    s.write(
        "sports day.jpg",
        [0xFFu8, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0],
    );
    let out = s
        .cmd()
        .args(["scan", "--json", "sports day.jpg"])
        .output()
        .unwrap();
    assert_code(&out, 4);
    assert_eq!(json_lines(&out)[0]["categories"]["photo"], 1);
    s.write("policy.toml", "images_are_personal_data = false\n");
    let out = s
        .cmd()
        .args(["scan", "--json", "sports day.jpg"])
        .output()
        .unwrap();
    assert_code(&out, 0);
}
