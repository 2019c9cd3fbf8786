//! `safecarry seal` and the drag-and-drop entry (`safecarry PATH…`).

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::cli::{Common, TargetArgs};
use crate::collect::{self, Kind, Plan};
use crate::destinations::{self, Destination};
use crate::detect::{Detector, FileReport, Summary};
use crate::error::{Error, Exit, Result, show};
use crate::ledger::{Ledger, SealRecord};
use crate::plain::human_size;
use crate::policy::{DestinationKind, Policy};
use crate::scan;
use crate::seal::{self, Target};
use crate::ui;

pub fn run(
    paths: &[PathBuf],
    target: &TargetArgs,
    generate: bool,
    common: &Common,
    dropped: bool,
) -> Result<Exit> {
    let policy = Policy::load()?;
    let plan = collect::collect(paths)?;
    if plan.items.is_empty() {
        report_skipped(&plan);
        return Err(Error::failure(
            "there is nothing to seal: no ordinary files or folders were given",
        )
        .hint("choose the files or folders themselves, not shortcuts to them"));
    }
    let detector = super::detector(&policy)?.with_name_words();
    if !common.json {
        describe_plan(&plan);
    }
    let mut flagged: Vec<FileReport> = Vec::new();
    // The words of the names (and places) found: a passphrase made of them is refused.
    let mut people: Vec<String> = Vec::new();
    let mut places: Vec<String> = Vec::new();
    let found = scan::scan_plan(&detector, &plan, &mut |r| {
        if r.personal_data && !r.is_archive() && flagged.len() < 20 {
            flagged.push(r.clone());
        }
        let room = super::passphrase::MAX_NAME_WORDS.saturating_sub(people.len());
        people.extend(r.name_words.iter().take(room).cloned());
        let room = super::passphrase::MAX_PLACE_WORDS.saturating_sub(places.len());
        places.extend(r.place_words.iter().take(room).cloned());
    });
    let people = super::passphrase::names_then_places(people, places);
    if !common.json {
        describe_findings(&found, &flagged);
    }
    let (target, destination) = choose_target(target, &plan, &policy, common, dropped, &detector)?;
    check_not_inside_inputs(&target.dir(), &plan)?;
    check_allowed(&destination, &policy)?;
    crate::seal::check_folder(&target, &plan)?;
    let ledger = Ledger::for_policy(&policy, true);
    ledger.ready()?;
    let chosen = super::passphrase::for_sealing(common, generate, &plan.inputs, &people, &policy)?;
    let sealed = seal::seal(&seal::Request {
        plan: &plan,
        passphrase: &chosen.passphrase.secret,
        work_factor: policy.scrypt_work_factor,
        target: &target,
        show_progress: !common.no_progress && !common.json,
    });
    let target_dir = target.dir();
    let context = Recorder {
        ledger: &ledger,
        plan: &plan,
        found: &found,
        destination: &destination,
        chosen: &chosen,
        work_factor: policy.scrypt_work_factor,
        target: &target_dir,
    };
    let sealed = context.settle(sealed)?;
    let recorded = context.record(Some(&sealed), None);
    let outcome = &sealed.file;

    if common.json {
        super::print_json(&json!({
            "event": "seal",
            "output": {
                "path": outcome.path,
                "size": outcome.size,
                "sha256": outcome.sha256,
            },
            "verified": outcome.verified,
            "files": plan.file_count(),
            "folders": plan.folder_count(),
            "bytes": plan.total_bytes(),
            "items": plan.items.iter().map(|i| json!({
                "path": i.name,
                "kind": if i.kind == Kind::Dir { "folder" } else { "file" },
                "size": i.size,
            })).collect::<Vec<_>>(),
            "skipped": plan.skipped.iter().map(|s| json!({
                "path": s.path,
                "reason": s.reason.as_str(),
            })).collect::<Vec<_>>(),
            "destination": {
                "kind": destination.kind.as_str(),
                "label": destination.label,
                "volume_id": destination.volume_id,
            },
            "passphrase": {
                "score": chosen.verdict.score,
                "guesses_log10": (chosen.verdict.guesses_log10 * 10.0).round() / 10.0,
                "generated": chosen.passphrase.generated,
            },
            "scrypt_work_factor": policy.scrypt_work_factor,
            "detection": {
                "personal_data": found.personal_data,
                "special_category": found.special_category,
                "categories": found.categories,
                "subjects": found.subjects,
                "files": found.files,
                "files_with_personal_data": found.files_with_personal_data,
                "files_not_inspected": found.files_not_inspected,
            },
        }));
    } else {
        println!(
            "Sealed {} into {} ({}), locked with your passphrase and checked on the drive.",
            what(&plan),
            show(&outcome.path),
            human_size(outcome.size)
        );
        if destination.kind == destinations::Kind::Removable {
            println!("It is now safe to remove the drive (use \"Eject\" first).");
        }
        println!(
            "To open it: safecarry open {}   (or: age -d FILE.age | tar -x)",
            show(Path::new(outcome.path.file_name().unwrap_or_default()))
        );
    }
    ledger_outcome(
        &ledger,
        recorded,
        "The sealed file is complete and safe to use",
    )
}

/// What a seal's ledger entry is made from (shared by `seal` and `check --seal`).
pub struct Recorder<'a> {
    pub ledger: &'a Ledger,
    pub plan: &'a Plan,
    pub found: &'a Summary,
    pub destination: &'a Destination,
    pub chosen: &'a super::passphrase::Chosen,
    pub work_factor: u8,
    pub target: &'a Path,
}

impl Recorder<'_> {
    /// Passes a successful seal through; for a failed one (after the passphrase was
    /// accepted) records a `seal_failed` entry with the user-facing reason — never a
    /// passphrase or content — and returns the error.
    pub fn settle(&self, result: Result<seal::Sealed>) -> Result<seal::Sealed> {
        result.inspect_err(|e| {
            if let Err(le) = self.record(None, Some(&e.message)) {
                ui::warn(&le.message);
            }
        })
    }

    /// Appends a `seal` entry, or a `seal_failed` one when `failure` says why.
    pub fn record(
        &self,
        sealed: Option<&seal::Sealed>,
        failure: Option<&str>,
    ) -> Result<Vec<serde_json::Value>> {
        let body = self.ledger.seal_body(&SealRecord {
            plan: self.plan,
            item_sha256: sealed.map(|s| s.item_sha256.as_slice()).unwrap_or(&[]),
            detection: self.found,
            destination: self.destination,
            verdict: &self.chosen.verdict,
            generated: self.chosen.passphrase.generated,
            work_factor: self.work_factor,
            output: sealed.map(|s| &s.file),
            target: self.target,
            failure,
        })?;
        self.ledger.append(vec![body])
    }
}

/// The seal (or open) itself succeeded; if the ledger could not record it, what was made
/// stays (`done` says so: it is complete and verified) but the command warns and exits 1
/// so IT hears of it.
pub fn ledger_outcome(
    ledger: &Ledger,
    recorded: Result<Vec<serde_json::Value>>,
    done: &str,
) -> Result<Exit> {
    match recorded {
        Ok(_) => {
            if let Some(n) = &ledger.note {
                ui::say(n);
            }
            Ok(Exit::Success)
        }
        Err(e) => {
            ui::warn(&format!(
                "{} {done}; this only affects the school's record.",
                e.message
            ));
            Err(
                Error::failure("the transfer was done but could not be recorded in the ledger")
                    .hint("tell IT, so they can fix the ledger (the transfer itself worked)"),
            )
        }
    }
}

/// "3 files and 1 folder (2.1 MB)".
fn what(plan: &Plan) -> String {
    let files = plan.file_count();
    let folders = plan.folder_count();
    let f = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut s = f(files, "file", "files");
    if folders > 0 {
        s += &format!(" in {}", f(folders, "folder", "folders"));
    }
    format!("{s} ({})", human_size(plan.total_bytes()))
}

fn describe_plan(plan: &Plan) {
    ui::say(&format!("Ready to seal {}.", what(plan)));
    report_skipped(plan);
}

fn describe_findings(found: &Summary, flagged: &[FileReport]) {
    ui::say(&found.paragraph());
    for r in flagged {
        let kinds: Vec<&str> = r
            .categories
            .keys()
            .map(|k| crate::detect::describe(k))
            .collect();
        ui::say(&format!(
            "  {}: {}",
            crate::error::escape(&r.path),
            kinds.join(", ")
        ));
    }
    if found.personal_data {
        ui::say("This is why the files will be locked with a passphrase.");
    }
}

fn report_skipped(plan: &Plan) {
    for s in &plan.skipped {
        ui::say(&format!(
            "  Left out {}: {}",
            show(&s.path),
            s.reason.describe()
        ));
    }
}

fn choose_target(
    args: &TargetArgs,
    plan: &Plan,
    policy: &Policy,
    common: &Common,
    dropped: bool,
    detector: &Detector,
) -> Result<(Target, Destination)> {
    let mut name = output_name(args.name.as_deref(), plan)?;
    if args.output.is_none() && scan::name_reveals_person(detector, &name) {
        let neutral = dated_name();
        if !common.json {
            ui::say(&format!(
                "The sealed file will be named after the date and time, like \"{neutral}\": its usual name would show a person's name or number on the stick."
            ));
        }
        name = neutral;
    }
    if let Some(out) = &args.output {
        if out.is_dir() {
            return Err(Error::usage(format!("{} is a folder", show(out)))
                .hint("use --to FOLDER to seal into a folder, or -o with a file name"));
        }
        let target = Target::File(out.clone());
        let dest = destinations::classify(&target.dir(), policy);
        return Ok((target, dest));
    }
    if let Some(dir) = &args.to {
        let target = Target::InDir {
            dir: dir.clone(),
            name,
        };
        let dest = destinations::classify(dir, policy);
        return Ok((target, dest));
    }
    if !ui::interactive() || common.yes {
        return Err(Error::usage("say where to put the sealed file")
            .hint("add --to FOLDER (for example the memory stick) or -o FILE"));
    }
    let _ = dropped;
    let dest = pick_destination(policy)?;
    let target = Target::InDir {
        dir: dest.path.clone(),
        name,
    };
    Ok((target, dest))
}

/// Offers the removable drives and export folders and asks which.
fn pick_destination(policy: &Policy) -> Result<Destination> {
    loop {
        let choices: Vec<Destination> = destinations::list(policy)
            .into_iter()
            .filter(|d| allowed(d, policy))
            .collect();
        let anywhere = policy
            .allowed_destinations
            .contains(&DestinationKind::Anywhere);
        if choices.is_empty() {
            ui::say("No memory stick or export folder was found.");
        } else {
            ui::say("Where should the sealed file go?");
            for (i, d) in choices.iter().enumerate() {
                ui::say(&format!("  {}) {}", i + 1, describe_destination(d)));
            }
        }
        let prompt = match (choices.is_empty(), anywhere) {
            (true, true) => {
                "Plug in a memory stick and press Enter, or type a folder (Ctrl+C to stop): "
            }
            (true, false) => "Plug in a memory stick and press Enter (Ctrl+C to stop): ",
            (false, true) => "Type a number, or a folder (Ctrl+C to stop): ",
            (false, false) => "Type a number (Ctrl+C to stop): ",
        };
        let answer = ui::ask_line(prompt)?;
        if answer.is_empty() {
            continue;
        }
        if let Ok(n) = answer.parse::<usize>() {
            if n >= 1 && n <= choices.len() {
                return Ok(choices[n - 1].clone());
            }
            ui::say("There is no choice with that number.");
            continue;
        }
        if anywhere {
            let dir = PathBuf::from(answer.trim_matches('"'));
            if dir.is_dir() {
                return Ok(destinations::classify(&dir, policy));
            }
            ui::say(&format!("{} is not a folder.", show(&dir)));
        }
    }
}

fn describe_destination(d: &Destination) -> String {
    let mut s = match &d.label {
        Some(l) => format!("{l} ({})", d.path.display()),
        None => d.path.display().to_string(),
    };
    if d.kind == destinations::Kind::ExportFolder {
        s += " (export folder)";
    }
    if let Some(f) = d.free_bytes {
        s += &format!(", {} free", human_size(f));
    }
    s
}

fn allowed(d: &Destination, policy: &Policy) -> bool {
    policy.allowed_destinations.iter().any(|k| match k {
        DestinationKind::Anywhere => true,
        DestinationKind::Removable => d.kind == destinations::Kind::Removable,
        DestinationKind::ExportFolder => d.kind == destinations::Kind::ExportFolder,
    })
}

fn check_allowed(d: &Destination, policy: &Policy) -> Result<()> {
    if allowed(d, policy) {
        return Ok(());
    }
    let kinds: Vec<&str> = policy
        .allowed_destinations
        .iter()
        .map(|k| match k {
            DestinationKind::Removable => "a memory stick or other removable drive",
            DestinationKind::ExportFolder => "one of the school's export folders",
            DestinationKind::Anywhere => "anywhere",
        })
        .collect();
    Err(Error::refused(format!(
        "the school's policy does not allow sealed files to be written to {}",
        show(&d.path)
    ))
    .hint(format!("choose {}", kinds.join(" or "))))
}

/// The sealed file's name: `--name`, else the single input's name, else a dated name.
fn output_name(given: Option<&str>, plan: &Plan) -> Result<String> {
    if let Some(n) = given {
        let n = n.trim();
        if n.is_empty() || n.contains(['/', '\\']) || n == "." || n == ".." {
            return Err(Error::usage(format!(
                "\"{}\" cannot be used as a file name",
                crate::error::escape(n)
            ))
            .hint("give just a name, without folders, e.g. --name work"));
        }
        return Ok(if n.to_ascii_lowercase().ends_with(".age") {
            n.to_string()
        } else {
            format!("{n}.age")
        });
    }
    if plan.inputs.len() == 1
        && let Some(first) = plan.items.first()
    {
        let root = first.name.split('/').next().unwrap_or("sealed");
        return Ok(format!("{root}.age"));
    }
    Ok(dated_name())
}

/// `sealed-YYYY-MM-DD-HHMM.age`, in local time.
pub fn dated_name() -> String {
    chrono::Local::now()
        .format("sealed-%Y-%m-%d-%H%M.age")
        .to_string()
}

/// Refuses to write the sealed file inside a folder being sealed: it would seal itself.
fn check_not_inside_inputs(dir: &Path, plan: &Plan) -> Result<()> {
    let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    for input in &plan.canonical_inputs {
        if input.is_dir() && canon.starts_with(input) {
            return Err(Error::usage(format!(
                "the sealed file would be written inside {}, which is being sealed",
                show(input)
            ))
            .hint("choose a destination outside the folders being sealed"));
        }
    }
    Ok(())
}
