//! The roster: names imported from an MIS export are recognised exactly, and the roster
//! file holds no readable name.

mod common;

use common::*;

/// A name no dictionary holds, and no rule finds on its own.
const RARE: &str = "Xanthe Quilliamson-Brae";

#[test]
fn a_name_found_only_through_the_roster_is_detected_and_the_roster_is_unreadable() {
    let s = Sandbox::new();
    let roster = s.path("roster/roster.json");
    s.write(
        "policy.toml",
        format!("roster_path = \"{}\"\n", roster.display()),
    );
    s.write("note.txt", format!("Spoke with {RARE} about homework.\n"));

    // Before the import: not recognised.
    let out = s
        .cmd()
        .args(["scan", "--json", "note.txt"])
        .output()
        .unwrap();
    assert_code(&out, 0);

    s.write(
        "export.csv",
        "Legal Forename,Legal Surname,Preferred Forename,Year Group\n\
         Xanthe,Quilliamson-Brae,Xan,5\n\
         Amara,Nwosu,,5\n",
    );
    let out = s
        .cmd()
        .args(["roster", "import", "export.csv"])
        .output()
        .unwrap();
    assert_code(&out, 0);
    assert!(
        stdout(&out).contains("Imported 2 people"),
        "{}",
        stdout(&out)
    );

    let out = s
        .cmd()
        .args(["scan", "--json", "note.txt"])
        .output()
        .unwrap();
    assert_code(&out, 4);
    assert!(stdout(&out).contains("\"full_name\":1"), "{}", stdout(&out));

    // No readable name in the roster or its key.
    for f in [roster.clone(), roster.with_extension("key")] {
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for part in ["xanthe", "quilliamson", "amara", "nwosu", "export.csv"] {
            assert!(!text.contains(part), "{part} readable in {f:?}");
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(roster.with_extension("key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the key is owner-only");
    }
    let out = s.cmd().args(["roster", "status"]).output().unwrap();
    assert_code(&out, 0);
    assert!(stdout(&out).contains("holds 2 people"), "{}", stdout(&out));
}

#[test]
fn a_spreadsheet_export_imports_and_a_file_without_name_columns_is_refused() {
    let s = Sandbox::new();
    let roster = s.path("roster.json");
    s.write(
        "policy.toml",
        format!("roster_path = \"{}\"\n", roster.display()),
    );
    let xlsx = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/files/mis/MIS export autumn 2024.xlsx");
    let out = s
        .cmd()
        .args(["roster", "import"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_code(&out, 0);
    let st = s
        .cmd()
        .args(["roster", "status", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(stdout(&st).trim()).unwrap();
    assert!(v["people"].as_u64().unwrap() >= 10, "{v}");

    s.write("timetable.csv", "Day,Period,Room\nMon,1,IT2\n");
    let out = s
        .cmd()
        .args(["roster", "import", "timetable.csv"])
        .output()
        .unwrap();
    assert_code(&out, 1);
    assert_stderr_has(&out, "no name columns");
}
