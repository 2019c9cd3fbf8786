//! The passphrase never appears in process arguments, the environment, the ledger, the
//! output or any file written; sealed files and staging folders are owner-only.
// Unix only: these tests use /proc and unix permissions.
#![cfg(unix)]

mod common;

use std::fs;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

const SECRET: &str = "marigold trombone quasar lemonade fjord";

#[test]
fn the_passphrase_is_nowhere_but_the_file_it_was_read_from() {
    let s = Sandbox::new();
    big_file(&s, "big.bin", 120);
    s.mkdir("stick");
    let pf = s.write("secret-pass", format!("{SECRET}\n"));
    let child = s
        .cmd()
        .args([
            "seal",
            "big.bin",
            "--to",
            "stick",
            "--json",
            "--passphrase-file",
        ])
        .arg(&pf)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // While it runs: its command line and environment.
    #[cfg(target_os = "linux")]
    {
        let pid = child.id();
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(300) {
            for what in ["cmdline", "environ"] {
                if let Ok(b) = fs::read(format!("/proc/{pid}/{what}")) {
                    assert!(
                        !String::from_utf8_lossy(&b).contains("marigold"),
                        "passphrase in {what}"
                    );
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let out = child.wait_with_output().unwrap();
    assert_code(&out, 0);
    assert!(!stdout(&out).contains("marigold") && !stderr(&out).contains("marigold"));
    let sealed = s.path("stick/big.bin.age");
    assert!(sealed.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&sealed).unwrap().permissions().mode() & 0o077,
            0
        );
    }

    // Opening with a wrong passphrase: the error does not repeat what was typed.
    s.mkdir("home");
    let wrong = s.write("wrong-pass", "marigold trombone quasar lemonade fjorx\n");
    let out = s
        .open_cmd("stick/big.bin.age", "home", &wrong)
        .output()
        .unwrap();
    assert_code(&out, 1);
    assert!(!stderr(&out).contains("marigold"), "{}", stderr(&out));
    let out = s
        .open_cmd("stick/big.bin.age", "home", &pf)
        .output()
        .unwrap();
    assert_code(&out, 0);

    // Every file under the sandbox except the passphrase files themselves.
    for (path, content) in tree(s.dir.path()) {
        let name = path.to_string_lossy();
        if name == "secret-pass" || name == "wrong-pass" || name == "pass.txt" {
            continue;
        }
        if let Some(bytes) = content {
            let hay = String::from_utf8_lossy(&bytes);
            assert!(
                !hay.contains("marigold trombone"),
                "passphrase written to {name}"
            );
        }
    }
    let ledger = fs::read_to_string(s.path("ledger.jsonl")).unwrap();
    assert!(ledger.contains("\"event\":\"seal\"") && ledger.contains("\"event\":\"open\""));
}
