//! Interoperability with the reference age implementation (Debian's Go `age` CLI), and
//! safecarry's own terminal prompts, both driven through a pseudo-terminal by `expect`.
//!
//! These tests need `age`, `expect` and `tar`; `.ci/run` installs them. A missing tool is a
//! failure with instructions, never a silent skip.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

fn require(tool: &str, package: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{tool}` is needed for the interoperability tests: install it (Debian: apt-get install {package})"
    );
}

/// Runs an expect script (the passphrase is read from pass.txt in the sandbox, never put
/// on a command line).
fn expect(s: &Sandbox, body: &str) -> std::process::Output {
    require("expect", "expect");
    let script = format!(
        "set timeout 60\nlog_user 1\nset f [open \"{}\"]\nset pass [gets $f]\nclose $f\n{body}\n",
        s.path("pass.txt").display()
    );
    let path = s.write("script.exp", script);
    let out = Command::new("expect")
        .arg("-f")
        .arg(path)
        .current_dir(s.dir.path())
        .env("SAFECARRY_POLICY", s.path("policy.toml"))
        .env("SAFECARRY_LEDGER", s.path("ledger.jsonl"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "expect script failed:\n{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    out
}

fn sample_tree(s: &Sandbox) {
    s.write("Class 6B/Notes for Mrs Patel.txt", "Reading group notes\n");
    s.write("Class 6B/ünïcödé name.txt", "ok");
    s.write("Class 6B/empty.txt", "");
    s.mkdir("Class 6B/Empty folder");
    s.write("Class 6B/data/scores.bin", noise(300_000, 3));
}

#[test]
fn files_sealed_by_safecarry_decrypt_with_age_and_untar_identically() {
    require("age", "age");
    require("tar", "tar");
    let s = Sandbox::new();
    sample_tree(&s);
    s.mkdir("stick");
    assert_code(&s.seal(&["Class 6B", "--to", "stick"]), 0);
    s.passfile(STRONG);
    expect(
        &s,
        "spawn age -d -o out.tar {stick/Class 6B.age}\n\
         expect \"passphrase\"\n\
         sleep 0.3\n             send \"$pass\\r\"\n\
         expect eof\n\
         catch wait result\n\
         exit [lindex $result 3]",
    );
    let home = s.mkdir("home");
    let status = Command::new("tar")
        .arg("-xf")
        .arg(s.path("out.tar"))
        .current_dir(&home)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(tree(&home.join("Class 6B")), tree(&s.path("Class 6B")));
}

#[test]
fn files_made_by_age_p_open_with_safecarry() {
    require("age", "age");
    require("tar", "tar");
    let s = Sandbox::new();
    sample_tree(&s);
    s.write("letter.docx", noise(50_000, 9));
    // A tar made by GNU tar, then encrypted by age -p; and a plain file encrypted by age -p.
    let status = Command::new("tar")
        .args(["-cf", "class.tar", "Class 6B"])
        .current_dir(s.dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    s.passfile(STRONG);
    for (input, output) in [
        ("class.tar", "class.tar.age"),
        ("letter.docx", "letter.docx.age"),
    ] {
        expect(
            &s,
            &format!(
                "spawn age -p -o {output} {input}\n\
                 expect \"passphrase\"\n\
                 sleep 0.3\n             send \"$pass\\r\"\n\
                 expect \"Confirm\"\n\
                 sleep 0.3\n             send \"$pass\\r\"\n\
                 expect eof\n\
                 catch wait result\n\
                 exit [lindex $result 3]"
            ),
        );
    }
    let head = fs::read(s.path("class.tar.age")).unwrap();
    assert!(head.starts_with(b"age-encryption.org/v1\n-> scrypt "));

    s.mkdir("home");
    assert_code(&s.open("class.tar.age", "home"), 0);
    assert_eq!(tree(&s.path("home/Class 6B")), tree(&s.path("Class 6B")));
    assert_code(&s.open("letter.docx.age", "home"), 0);
    assert_eq!(
        fs::read(s.path("home/letter.docx")).unwrap(),
        noise(50_000, 9)
    );
}

#[test]
fn the_terminal_prompts_refuse_weak_passphrases_check_the_repeat_and_open_again() {
    let s = Sandbox::new();
    s.write("report.txt", "Term report");
    s.mkdir("stick");
    s.mkdir("home");
    s.passfile(STRONG);
    let bin = env!("CARGO_BIN_EXE_safecarry");
    let out = expect(
        &s,
        &format!(
            "spawn {bin} seal report.txt --to stick\n\
             expect \"Passphrase: \"\n\
             sleep 0.3\n             send \"password123\\r\"\n\
             expect \"not strong enough\"\n\
             expect \"Passphrase: \"\n\
             sleep 0.3\n             send \"$pass\\r\"\n\
             expect \"again\"\n\
             sleep 0.3\n             send \"$pass typo\\r\"\n\
             expect \"different\"\n\
             expect \"Passphrase: \"\n\
             sleep 0.3\n             send \"$pass\\r\"\n\
             expect \"again\"\n\
             sleep 0.3\n             send \"$pass\\r\"\n\
             expect \"Sealed\"\n\
             expect eof\n\
             catch wait result\n\
             if {{[lindex $result 3] != 0}} {{ exit 1 }}\n\
             spawn {bin} open stick/report.txt.age --to home\n\
             expect \"Passphrase for\"\n\
             sleep 0.3\n             send \"wrong wrong wrong\\r\"\n\
             expect \"does not open\"\n\
             expect \"Passphrase for\"\n\
             sleep 0.3\n             send \"$pass\\r\"\n\
             expect \"Opened\"\n\
             expect eof\n\
             catch wait result\n\
             exit [lindex $result 3]"
        ),
    );
    let transcript = stdout(&out);
    assert!(
        !transcript.contains(STRONG),
        "the passphrase was echoed:\n{transcript}"
    );
    assert!(
        !transcript.contains("password123"),
        "the passphrase was echoed:\n{transcript}"
    );
    assert_eq!(fs::read(s.path("home/report.txt")).unwrap(), b"Term report");
}

#[test]
fn a_passphrase_typed_ahead_of_its_prompt_does_not_show() {
    let s = Sandbox::new();
    s.write("report.txt", "Term report");
    s.mkdir("stick");
    s.passfile(STRONG);
    let bin = env!("CARGO_BIN_EXE_safecarry");
    // A fast typist: the repeat is typed while the first entry is still being judged,
    // before "Type it again" appears (it showed on the screen when the prompts turned
    // echo off only while each one read). Several pauses, as the judging time varies.
    for (i, pause_ms) in [0, 5, 10, 20].into_iter().enumerate() {
        let out = expect(
            &s,
            &format!(
                "spawn {bin} seal report.txt --to stick --name typed{i}\n\
                 expect \"Passphrase: \"\n\
                 send \"$pass\\r\"\n\
                 after {pause_ms}\n\
                 send \"$pass\\r\"\n\
                 expect \"Sealed\"\n\
                 expect eof\n\
                 catch wait result\n\
                 exit [lindex $result 3]"
            ),
        );
        let transcript = stdout(&out);
        assert!(
            !transcript.contains(STRONG),
            "the passphrase was shown (typed {pause_ms} ms after the first):\n{transcript}"
        );
        assert!(s.path(&format!("stick/typed{i}.age")).exists());
    }
}

#[test]
fn a_generated_passphrase_is_shown_once_confirmed_and_opens_the_file() {
    let s = Sandbox::new();
    s.write("report.txt", "Term report");
    s.mkdir("stick");
    s.mkdir("home");
    s.passfile("unused");
    let bin = env!("CARGO_BIN_EXE_safecarry");
    // Capture the six words from the screen, type them back, and use them to open.
    let out = expect(
        &s,
        &format!(
            "spawn {bin} seal report.txt --to stick --generate-passphrase\n\
             expect -re {{new passphrase is:\\s+(?:\\x1b\\[1m)?([a-z-]+( [a-z-]+){{5}})}}\n\
             set words $expect_out(1,string)\n\
             expect \"type it here\"\n\
             sleep 0.3\n             send \"$words\\r\"\n\
             expect \"Sealed\"\n\
             expect eof\n\
             set o [open \"words.txt\" w]\n\
             puts $o $words\n\
             close $o\n\
             catch wait result\n\
             exit [lindex $result 3]"
        ),
    );
    let _ = out;
    let words = fs::read_to_string(s.path("words.txt")).unwrap();
    assert_eq!(words.split_whitespace().count(), 6, "{words}");
    let o = s.run_with_pass(
        words.trim(),
        &["open", "stick/report.txt.age", "--to", "home"],
    );
    assert_code(&o, 0);
    assert!(Path::new(&s.path("home/report.txt")).exists());
}

#[test]
fn dropping_files_on_safecarry_offers_the_export_folder_and_seals_there() {
    let s = Sandbox::new();
    s.write("Lesson plan.txt", "Fractions, week 3");
    let export = s.mkdir("Export");
    s.write(
        "policy.toml",
        format!("export_folders = [\"{}\"]\n", export.display()),
    );
    s.passfile(STRONG);
    let bin = env!("CARGO_BIN_EXE_safecarry");
    expect(
        &s,
        &format!(
            "spawn {bin} {{Lesson plan.txt}}\n\
             expect \"Where should the sealed file go?\"\n\
             expect -re {{([0-9]+)\\) [^\\n]*Export \\(export folder\\)}}\n\
             set choice $expect_out(1,string)\n\
             expect \"Type a number\"\n\
             sleep 0.3\n\
             send \"$choice\\r\"\n\
             expect \"Passphrase: \"\n\
             sleep 0.3\n\
             send \"$pass\\r\"\n\
             expect \"again\"\n\
             sleep 0.3\n\
             send \"$pass\\r\"\n\
             expect \"Sealed\"\n\
             expect eof\n\
             catch wait result\n\
             exit [lindex $result 3]"
        ),
    );
    assert!(export.join("Lesson plan.txt.age").exists());
}

/// Ctrl-C or end of input (Ctrl-D) at a passphrase prompt: nothing is written, exit 1,
/// and the terminal's echo is back on afterwards.
#[test]
fn ctrl_c_or_end_of_input_at_a_prompt_writes_nothing_and_restores_the_terminal() {
    let s = Sandbox::new();
    s.write("report.txt", "Term report for Ellery Ashdown");
    s.mkdir("stick");
    s.mkdir("home");
    s.passfile(STRONG);
    assert_code(&s.seal(&["report.txt", "--to", "stick"]), 0);
    fs::rename(s.path("stick/report.txt.age"), s.path("sealed.age")).unwrap();
    let bin = env!("CARGO_BIN_EXE_safecarry");
    for (label, command, prompt, keys) in [
        (
            "Ctrl-C sealing",
            "seal report.txt --to stick",
            "Passphrase: ",
            "\\003",
        ),
        (
            "Ctrl-D sealing",
            "seal report.txt --to stick",
            "Passphrase: ",
            "\\004",
        ),
        (
            "Ctrl-C at the repeat",
            "seal report.txt --to stick",
            "again",
            "\\003",
        ),
        (
            "Ctrl-C opening",
            "open sealed.age --to home",
            "Passphrase for",
            "\\003",
        ),
        (
            "Ctrl-D opening",
            "open sealed.age --to home",
            "Passphrase for",
            "\\004",
        ),
    ] {
        let first = if prompt == "again" {
            "expect \"Passphrase: \"\nsleep 0.3\nsend \"$pass\\r\"\n"
        } else {
            ""
        };
        let out = expect(
            &s,
            &format!(
                "spawn sh -c \"{bin} {command}; echo exit=\\$?; stty -a\"\n\
                 {first}\
                 expect \"{prompt}\"\n\
                 sleep 0.3\n\
                 send \"{keys}\"\n\
                 expect \"exit=\"\n\
                 expect eof\n"
            ),
        );
        let transcript = stdout(&out);
        assert!(transcript.contains("exit=1"), "{label}:\n{transcript}");
        assert!(
            transcript.contains("Nothing was written")
                || transcript.contains("nothing was written"),
            "{label}:\n{transcript}"
        );
        let stty = transcript.rsplit("exit=1").next().unwrap();
        let words: Vec<&str> = stty.split_whitespace().collect();
        assert!(
            words.contains(&"echo") && !words.contains(&"-echo"),
            "{label}: echo is off after the prompt:\n{stty}"
        );
        assert!(!transcript.contains(STRONG), "{label}: echoed");
        assert!(tree(&s.path("stick")).is_empty(), "{label}");
        assert!(tree(&s.path("home")).is_empty(), "{label}");
    }
}
