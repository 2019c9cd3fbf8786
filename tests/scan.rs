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

    // A name that is not there: its error, exit 1, and no summary of nothing under it.
    let out = s.cmd().args(["scan", "no-such-folder"]).output().unwrap();
    assert_code(&out, 1);
    assert!(stderr(&out).contains("\"no-such-folder\": it does not exist"));
    assert!(stdout(&out).trim().is_empty(), "{}", stdout(&out));
    // Beside one that is, the summary is of the files read.
    let out = s
        .cmd()
        .args(["scan", "no-such-folder", "maths.txt"])
        .output()
        .unwrap();
    assert_code(&out, 1);
    assert!(stdout(&out).contains("found no personal information"));

    // A zip's own line, after its files', does not read as a verdict on them.
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file(
        "reports/Amara.txt",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut z, b"Pupil: Amara Okafor has an EHCP.").unwrap();
    s.write("reports.zip", z.finish().unwrap().into_inner());
    let out = s.cmd().args(["scan", "reports.zip"]).output().unwrap();
    assert_code(&out, 4);
    let text = stdout(&out);
    assert!(
        text.contains("reports.zip/reports/Amara.txt: personal information"),
        "{text}"
    );
    assert!(
        text.contains("reports.zip: archive, its files are listed above"),
        "{text}"
    );
    assert!(
        !text.contains("reports.zip: no personal information"),
        "{text}"
    );
    // The summary counts the file inside, not the archive as one more.
    assert!(text.contains("The file checked holds"), "{text}");
    // In JSON the archive's own line says that a file in it holds personal data (and
    // special category data), leaving the counts to its files.
    let out = s
        .cmd()
        .args(["scan", "--json", "reports.zip"])
        .output()
        .unwrap();
    let lines = json_lines(&out);
    let archive = lines.iter().find(|l| l["path"] == "reports.zip").unwrap();
    assert_eq!(archive["personal_data"], true, "{archive}");
    assert_eq!(archive["special_category"], true, "{archive}");
    assert_eq!(archive["subjects"], 1, "{archive}");
    assert!(archive["categories"].as_object().unwrap().is_empty());
    // So does an e-mail whose attachment holds what its own text does not (whoever
    // carries the e-mail carries the attachment).
    s.write(
        "catering.eml",
        "From: Lena Fitzgerald <l.fitzgerald@oakfield.sch.uk>\r\n\
         To: kitchen@oakfield.sch.uk\r\n\
         Subject: Y8 residential diets\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/plain\r\n\r\n\
         Hi, the list for the residential is attached. Thanks, Lena Fitzgerald\r\n\
         --b1\r\nContent-Type: text/csv\r\n\
         Content-Disposition: attachment; filename=\"diets.csv\"\r\n\r\n\
         Pupil,Dietary needs\r\nZofia Mazur,Nut allergy - EpiPen\r\nIdris Quayson,Halal\r\n\
         --b1--\r\n",
    );
    let out = s
        .cmd()
        .args(["scan", "--json", "catering.eml"])
        .output()
        .unwrap();
    let lines = json_lines(&out);
    let inner = lines
        .iter()
        .find(|l| l["path"] == "catering.eml/diets.csv")
        .unwrap();
    assert_eq!(inner["special_category"], true, "{inner}");
    let message = lines.iter().find(|l| l["path"] == "catering.eml").unwrap();
    assert_eq!(message["special_category"], true, "{message}");
    assert!(message["subjects"].as_u64().unwrap() >= 2, "{message}");
    // Its own counts are its own text's.
    assert!(message["categories"].get("health").is_none(), "{message}");
    let out = s.cmd().args(["scan", "catering.eml"]).output().unwrap();
    assert!(
        stdout(&out).contains("catering.eml: personal information about roughly 2 people - SENSITIVE (in the files it holds, listed above)"),
        "{}",
        stdout(&out)
    );
    // The summary counts the sensitive list once, in the attachment.
    assert!(
        stdout(&out).contains("2 of the 2 files checked hold")
            && stdout(&out).contains("1 of them also holds sensitive"),
        "{}",
        stdout(&out)
    );
    // A message with nothing personal in its own text says where it is.
    s.write(
        "forward.eml",
        "From: office@oakfield.sch.uk\r\nTo: kitchen@oakfield.sch.uk\r\n\
         Subject: diets\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n\
         --b1\r\nContent-Type: text/csv\r\n\
         Content-Disposition: attachment; filename=\"diets.csv\"\r\n\r\n\
         Pupil,Dietary needs\r\nZofia Mazur,Nut allergy - EpiPen\r\n\
         --b1--\r\n",
    );
    let out = s.cmd().args(["scan", "forward.eml"]).output().unwrap();
    assert!(
        stdout(&out).contains(
            "forward.eml: personal information in the files it holds, listed above - SENSITIVE\n"
        ),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("1 of the 2 files checked holds"),
        "{}",
        stdout(&out)
    );

    // An archive of files without personal data says so too.
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file("menu.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut z, b"Monday: pasta bake. Tuesday: curry.").unwrap();
    s.write("menus.zip", z.finish().unwrap().into_inner());
    let out = s
        .cmd()
        .args(["scan", "--json", "menus.zip"])
        .output()
        .unwrap();
    assert_code(&out, 0);
    assert!(
        stdout(&out).contains(
            r#""path":"menus.zip","inspected":true,"format":"zip","personal_data":false"#
        ),
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
    assert_stderr_has(&out, "missing.xlsx");
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

/// Malformed, truncated and hostile files: each gets `inspected:false` with a reason that
/// says which problem, the scan goes on to the other files, and memory stays bounded (a
/// 2 GiB CSV line with no line break included).
#[test]
#[cfg(target_os = "linux")]
fn malformed_truncated_and_hostile_files_each_get_a_reason_with_bounded_memory() {
    let s = Sandbox::new();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/files");
    let first_half = |from: &str, to: &str| {
        let bytes = std::fs::read(corpus.join(from)).unwrap();
        s.write(to, &bytes[..bytes.len() / 2]);
    };
    first_half("archive/Y6 transition pack.zip", "truncated.zip");
    first_half(
        "safeguarding/MASH referral form - completed.pdf",
        "truncated.pdf",
    );
    first_half("sen/EHCP_draft_section_B.pdf", "truncated-2.pdf");
    for (ext, to) in [
        ("docx", "truncated.docx"),
        ("xlsx", "truncated.xlsx"),
        ("pptx", "truncated.pptx"),
        ("odt", "truncated.odt"),
    ] {
        let any = walkdir::WalkDir::new(&corpus)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap();
        let bytes = std::fs::read(any).unwrap();
        s.write(to, &bytes[..bytes.len() / 2]);
    }
    let mut junk = b"PK\x03\x04".to_vec();
    junk.extend(noise(5000, 11));
    s.write("malformed.xlsx", &junk);
    s.write("malformed.eml", noise(5000, 12));
    // Nested ten deep (each level a stored zip holding the next).
    let zip_of = |name: &str, data: &[u8]| {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(data).unwrap();
        z.finish().unwrap().into_inner()
    };
    let mut level = zip_of("pupil.txt", b"Pupil: Amara Nwosu");
    for i in 0..10 {
        level = zip_of(&format!("level{i}.zip"), &level);
    }
    s.write("deep.zip", &level);
    // Wide: 20,000 tiny members.
    {
        let f = std::fs::File::create(s.path("wide.zip")).unwrap();
        let mut z = zip::ZipWriter::new(f);
        for i in 0..20_000 {
            z.start_file(
                format!("f{i}.txt"),
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            z.write_all(b"x").unwrap();
        }
        z.finish().unwrap();
    }
    // A 2 GiB CSV line with no line break.
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(s.path("one-line.csv")).unwrap());
        f.write_all(b"Name,Notes\nAmara Nwosu,").unwrap();
        let chunk = b"lorem ipsum ".repeat(87_382); // ~1 MiB
        let mut written = 0u64;
        while written < 2 << 30 {
            f.write_all(&chunk).unwrap();
            written += chunk.len() as u64;
        }
        f.flush().unwrap();
    }
    s.write("fine.csv", "Forename,Surname\nAmara,Nwosu\n");

    let mut cmd = s.cmd();
    cmd.args(["scan", "--json", "."]);
    let report = s.path("report.jsonl");
    let (code, peak_kib) = peak_rss_kib(Some(&report), cmd);
    assert_eq!(code, 4, "personal data was found in fine.csv");
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let reason = |p: &str| -> String {
        let v = lines
            .iter()
            .find(|v| v["path"].as_str().unwrap().ends_with(&format!("/{p}")))
            .unwrap_or_else(|| panic!("no report for {p}: {lines:?}"));
        assert_eq!(v["inspected"], false, "{p}: {v}");
        v["reason"].as_str().unwrap().to_string()
    };
    for p in [
        "truncated.zip",
        "truncated.docx",
        "truncated.xlsx",
        "truncated.pptx",
        "truncated.odt",
        "malformed.xlsx",
    ] {
        assert!(reason(p).contains("damaged"), "{p}: {}", reason(p));
    }
    for p in ["truncated.pdf", "truncated-2.pdf"] {
        let r = reason(p);
        assert!(
            r.contains("damaged") || r.contains("no text layer"),
            "{p}: {r}"
        );
    }
    assert_eq!(reason("malformed.eml"), "not a format safecarry can read");
    assert!(
        reason("deep.zip").contains("nested too deeply"),
        "{}",
        reason("deep.zip")
    );
    assert!(
        reason("wide.zip").contains("too many files inside"),
        "{}",
        reason("wide.zip")
    );
    assert!(
        reason("one-line.csv").contains("row too long"),
        "{}",
        reason("one-line.csv")
    );
    // The scan carried on past all of them.
    let fine = lines
        .iter()
        .find(|v| v["path"].as_str().unwrap().ends_with("/fine.csv"))
        .unwrap();
    assert_eq!(fine["personal_data"], true);
    assert!(peak_kib < 150 * 1024, "peak memory {peak_kib} KiB");
}
