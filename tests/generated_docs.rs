//! The man page and shell completions are generated from the clap definition and committed
//! under packaging/ (so packages can ship them). This test fails when they are out of date.
//! To refresh them: `SAFECARRY_UPDATE_GENERATED=1 cargo test --test generated_docs`.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;
use safecarry::cli::Cli;

fn check_or_update(path: &Path, fresh: &[u8]) -> Option<String> {
    if std::env::var_os("SAFECARRY_UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, fresh).unwrap();
        return None;
    }
    match std::fs::read(path) {
        Ok(old) if old == fresh => None,
        _ => Some(path.display().to_string()),
    }
}

#[test]
fn man_page_and_completions_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging");
    let mut stale = Vec::new();

    let mut man = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut man)
        .unwrap();
    assert!(String::from_utf8_lossy(&man).contains("safecarry"));
    stale.extend(check_or_update(&root.join("man/safecarry.1"), &man));

    for (shell, file) in [
        (Shell::Bash, "safecarry.bash"),
        (Shell::Zsh, "_safecarry"),
        (Shell::Fish, "safecarry.fish"),
        (Shell::PowerShell, "_safecarry.ps1"),
    ] {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "safecarry", &mut out);
        stale.extend(check_or_update(&root.join("completions").join(file), &out));
    }
    assert!(
        stale.is_empty(),
        "out of date: {stale:?}; run SAFECARRY_UPDATE_GENERATED=1 cargo test --test generated_docs"
    );
}
