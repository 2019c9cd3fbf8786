//! Getting a passphrase from the user: typed twice, read from a file, or generated, and
//! judged against the policy's strength rule before anything is written.

use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;

use crate::cli::Common;
use crate::error::{Error, Result};
use crate::passphrase::strength::{self, Rule, Verdict};
use crate::passphrase::{self, Passphrase, generate};
use crate::policy::Policy;
use crate::ui;

/// How many times to ask before giving up.
const TRIES: usize = 3;

/// Most words of people's names a passphrase is judged against (zxcvbn stays quick).
pub const MAX_NAME_WORDS: usize = 2_000;
/// Most words of places in addresses found a passphrase is judged against, besides.
pub const MAX_PLACE_WORDS: usize = 1_000;

/// The words of names found, then those of places (each sorted, without repeats, and
/// cut to its own limit): what [`for_sealing`] judges a passphrase against.
pub fn names_then_places(mut names: Vec<String>, mut places: Vec<String>) -> Vec<String> {
    for (words, max) in [(&mut names, MAX_NAME_WORDS), (&mut places, MAX_PLACE_WORDS)] {
        words.sort_unstable();
        words.dedup();
        words.truncate(max);
    }
    names.extend(places);
    names
}

/// A strong passphrase for sealing, and zxcvbn's verdict on it.
pub struct Chosen {
    pub passphrase: Passphrase,
    pub verdict: Verdict,
}

/// Gets a passphrase for sealing `inputs`, refusing (exit 3) anything weaker than policy
/// or made of the words of `people` (the names found in the files).
pub fn for_sealing(
    common: &Common,
    generate_requested: bool,
    inputs: &[PathBuf],
    people: &[String],
    policy: &Policy,
) -> Result<Chosen> {
    let files: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let mut user_inputs = strength::user_inputs(&files, policy.school_name.as_deref());
    user_inputs.extend(
        people
            .iter()
            .take(MAX_NAME_WORDS + MAX_PLACE_WORDS)
            .cloned(),
    );
    // zxcvbn, and a passphrase holding two names of people in the files is theirs.
    let judge = |p: &str| {
        let mut verdict = strength::judge(p, &user_inputs);
        verdict.personal |= strength::holds_names(p, people);
        verdict
    };
    let rule = policy.passphrase;

    if let Some(path) = &common.passphrase_file {
        if generate_requested {
            return Err(Error::usage(
                "--generate-passphrase and --passphrase-file cannot be used together",
            ));
        }
        let secret = passphrase::read_file(path)?;
        let verdict = judge(secret.expose_secret());
        if !verdict.is_strong(&rule) {
            return Err(weak_error(&verdict, &rule));
        }
        return Ok(Chosen {
            passphrase: Passphrase {
                secret,
                generated: false,
            },
            verdict,
        });
    }
    if !ui::interactive() || common.yes {
        return Err(
            Error::usage("no passphrase was given, and safecarry cannot ask for one here")
                .hint("run it in a terminal window, or use --passphrase-file FILE"),
        );
    }
    // Nothing typed shows from here on, not even a passphrase typed before its prompt.
    let _quiet = crate::platform::echo_off();
    if generate_requested {
        return generated(&user_inputs, &rule);
    }
    ui::say("Choose a passphrase to lock the files. You will need it to open them.");
    ui::say(
        "(Nothing appears as you type. Press Enter on an empty line to have safecarry make one for you.)",
    );
    for attempt in 1..=TRIES {
        let first = ui::ask_secret("Passphrase: ")?;
        if first.expose_secret().is_empty() {
            return generated(&user_inputs, &rule);
        }
        let verdict = judge(first.expose_secret());
        if !verdict.is_strong(&rule) {
            ui::say("That passphrase is not strong enough to protect pupils' data:");
            for line in verdict.explain(&rule) {
                ui::say(&format!("  - {line}"));
            }
            if attempt < TRIES {
                ui::say(
                    "Please try another (or press Enter on an empty line for a generated one).",
                );
            }
            continue;
        }
        let again = ui::ask_secret("Type it again to check: ")?;
        if again.expose_secret() != first.expose_secret() {
            ui::say("The two passphrases were different. Let's start again.");
            continue;
        }
        return Ok(Chosen {
            passphrase: Passphrase {
                secret: first,
                generated: false,
            },
            verdict,
        });
    }
    Err(
        Error::refused("no strong passphrase was chosen, so nothing was sealed")
            .hint("run safecarry seal with --generate-passphrase to have one made for you"),
    )
}

fn weak_error(verdict: &Verdict, rule: &Rule) -> Error {
    let reasons = verdict.explain(rule);
    let first = reasons.first().cloned().unwrap_or_default();
    Error::refused(format!(
        "the passphrase is too weak to protect personal data, so nothing was sealed. {first}"
    ))
    .hint(reasons.get(1..).map(|r| r.join(" ")).unwrap_or_default())
}

fn generated(user_inputs: &[String], rule: &Rule) -> Result<Chosen> {
    loop {
        let secret = generate::generate();
        let verdict = strength::judge(secret.expose_secret(), user_inputs);
        if !verdict.is_strong(rule) {
            continue; // Astronomically rare; draw again rather than show a weak one.
        }
        ui::show_generated(secret.expose_secret());
        for attempt in 1..=TRIES {
            let typed = ui::ask_secret(
                "When you have written it down, type it here to confirm (Enter alone to cancel): ",
            )?;
            if typed.expose_secret().is_empty() {
                ui::forget_screen();
                return Err(Error::failure("cancelled: nothing was sealed"));
            }
            if typed.expose_secret() == secret.expose_secret() {
                ui::forget_screen();
                return Ok(Chosen {
                    passphrase: Passphrase {
                        secret,
                        generated: true,
                    },
                    verdict,
                });
            }
            if attempt < TRIES {
                ui::say("That does not match what was shown. Check what you wrote and try again.");
            }
        }
        ui::forget_screen();
        return Err(
            Error::failure("the passphrase was not confirmed, so nothing was sealed")
                .hint("run the command again and copy the words carefully"),
        );
    }
}

/// Gets the passphrase to open a file: from the file option, or typed (up to three tries,
/// handled by the caller).
pub fn for_opening(common: &Common) -> Result<Option<passphrase::SecretString>> {
    if let Some(path) = &common.passphrase_file {
        return Ok(Some(passphrase::read_file(path)?));
    }
    if !ui::interactive() || common.yes {
        return Err(
            Error::usage("no passphrase was given, and safecarry cannot ask for one here")
                .hint("run it in a terminal window, or use --passphrase-file FILE"),
        );
    }
    Ok(None)
}
