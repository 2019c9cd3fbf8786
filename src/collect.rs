//! Gathering what to seal: walks the inputs (never following links), keeps folders
//! (including empty ones), and sets aside operating-system litter and anything that is not
//! a plain file or folder, reporting each.
//!
//! This module only looks; it reads no file contents.

use std::collections::HashSet;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use walkdir::WalkDir;

use crate::error::{Error, Result, show};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
}

/// One file or folder to seal.
#[derive(Debug, Clone)]
pub struct Item {
    /// Where it is on this computer.
    pub source: PathBuf,
    /// Its path inside the sealed file: relative, `/`-separated, starting with the input's
    /// own name.
    pub name: String,
    pub kind: Kind,
    pub size: u64,
    pub mtime: SystemTime,
    pub executable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Operating-system clutter (thumbnails caches, Office lock files…).
    Litter,
    /// A shortcut/link: not followed, so nothing outside the chosen items is carried.
    Link,
    /// A device, pipe or socket.
    Special,
    /// A name that is not valid text and so cannot be stored portably.
    BadName,
    /// Given twice, or inside a folder that is also being sealed: carried once.
    AlreadyIncluded,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Litter => "system_file",
            SkipReason::Link => "link",
            SkipReason::Special => "special_file",
            SkipReason::BadName => "unreadable_name",
            SkipReason::AlreadyIncluded => "already_included",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::Litter => "system clutter file, not needed",
            SkipReason::Link => "a shortcut (link); the file it points to was not included",
            SkipReason::Special => "not an ordinary file",
            SkipReason::BadName => "its name cannot be stored (not valid text)",
            SkipReason::AlreadyIncluded => {
                "given twice, or inside a folder being sealed; it is included once"
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

/// Everything a seal will carry, in archive order.
#[derive(Debug, Default)]
pub struct Plan {
    pub items: Vec<Item>,
    pub skipped: Vec<Skipped>,
    /// The inputs as given (after removing exact repeats).
    pub inputs: Vec<PathBuf>,
    /// The inputs, canonicalised (to check the destination is not inside one).
    pub canonical_inputs: Vec<PathBuf>,
}

impl Plan {
    pub fn file_count(&self) -> usize {
        self.items.iter().filter(|i| i.kind == Kind::File).count()
    }

    pub fn folder_count(&self) -> usize {
        self.items.iter().filter(|i| i.kind == Kind::Dir).count()
    }

    pub fn total_bytes(&self) -> u64 {
        self.items.iter().map(|i| i.size).sum()
    }
}

/// Is this file or folder name operating-system clutter that nobody means to carry?
pub fn is_litter(name: &str, is_dir: bool) -> bool {
    let lower = name.to_ascii_lowercase();
    if is_dir {
        return matches!(
            lower.as_str(),
            "$recycle.bin"
                | "system volume information"
                | ".spotlight-v100"
                | ".trashes"
                | ".fseventsd"
                | ".temporaryitems"
                | ".documentrevisions-v100"
                | "__macosx"
        );
    }
    matches!(
        lower.as_str(),
        "thumbs.db" | "ehthumbs.db" | "ehthumbs_vista.db" | "desktop.ini" | ".ds_store"
    ) || name.starts_with("~$") // Office owner/lock files
        || name.starts_with("._") // macOS AppleDouble resource forks
        || (name.starts_with(".~lock.") && name.ends_with('#')) // LibreOffice lock files
}

/// Walks `inputs` into a [`Plan`].
///
/// An input given twice, or inside a folder that is also an input, is carried once and
/// reported as [`SkipReason::AlreadyIncluded`] — but only when the folder's walk really
/// included it (the walk leaves out clutter and unreadable names; given on its own, such an
/// item is sealed as asked).
pub fn collect(inputs: &[PathBuf]) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut seen_sources: HashSet<PathBuf> = HashSet::new();
    let mut root_names: HashSet<String> = HashSet::new();
    let mut canonicals = Vec::with_capacity(inputs.len());
    for input in inputs {
        input.symlink_metadata().map_err(|e| {
            Error::io("find", input, &e).hint("check the name of the file or folder")
        })?;
        canonicals.push(std::fs::canonicalize(input).map_err(|e| Error::io("find", input, &e))?);
    }
    // Real folders among the inputs (a link to a folder is not followed, so it holds nothing).
    let folders: Vec<&PathBuf> = inputs
        .iter()
        .zip(&canonicals)
        .filter(|(i, _)| i.symlink_metadata().is_ok_and(|m| m.is_dir()))
        .map(|(_, c)| c)
        .collect();

    let mut nested = Vec::new();
    for (input, canonical) in inputs.iter().zip(canonicals.iter().cloned()) {
        let meta = input
            .symlink_metadata()
            .map_err(|e| Error::io("find", input, &e))?;
        if meta.file_type().is_symlink() {
            // Checked first: a link is never followed, so it includes nothing.
            plan.skipped.push(Skipped {
                path: input.clone(),
                reason: SkipReason::Link,
            });
            continue;
        }
        if folders
            .iter()
            .any(|f| canonical != **f && canonical.starts_with(f))
        {
            nested.push((input, canonical));
            continue;
        }
        if !seen_sources.insert(canonical.clone()) {
            plan.skipped.push(Skipped {
                path: input.clone(),
                reason: SkipReason::AlreadyIncluded,
            });
            continue;
        }
        add_input(input, canonical, &mut root_names, &mut plan)?;
    }
    if !nested.is_empty() {
        let walked: HashSet<PathBuf> = plan
            .items
            .iter()
            .filter_map(|i| std::fs::canonicalize(&i.source).ok())
            .collect();
        for (input, canonical) in nested {
            if walked.contains(&canonical) || !seen_sources.insert(canonical.clone()) {
                plan.skipped.push(Skipped {
                    path: input.clone(),
                    reason: SkipReason::AlreadyIncluded,
                });
            } else {
                add_input(input, canonical, &mut root_names, &mut plan)?;
            }
        }
    }
    Ok(plan)
}

/// Adds one input (a file or a real folder) and everything under it to the plan.
fn add_input(
    input: &Path,
    canonical: PathBuf,
    root_names: &mut HashSet<String>,
    plan: &mut Plan,
) -> Result<()> {
    let Some(root) = root_name(input, &canonical) else {
        return Err(Error::usage(format!(
            "cannot seal {} as a whole: it has no name",
            show(input)
        ))
        .hint("choose the folders or files inside it instead"));
    };
    let key = root.to_lowercase();
    if !root_names.insert(key) {
        return Err(Error::usage(format!(
            "two of the items to seal are both called \"{root}\""
        ))
        .hint("seal them separately, or rename one of them first"));
    }
    plan.inputs.push(input.to_path_buf());
    plan.canonical_inputs.push(canonical);
    walk_one(input, &root, plan)
}

fn root_name(input: &Path, canonical: &Path) -> Option<String> {
    let name = input.file_name().or_else(|| canonical.file_name())?;
    name.to_str().map(str::to_owned)
}

fn walk_one(input: &Path, root: &str, plan: &mut Plan) -> Result<()> {
    let walker = WalkDir::new(input)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    let mut skipped = Vec::new();
    let mut walker = walker.filter_entry(|e| {
        // Litter folders are skipped whole; the entry itself is reported below.
        if e.depth() > 0
            && e.file_type().is_dir()
            && let Some(n) = e.file_name().to_str()
            && is_litter(n, true)
        {
            skipped.push(Skipped {
                path: e.path().to_path_buf(),
                reason: SkipReason::Litter,
            });
            return false;
        }
        true
    });
    for entry in walker.by_ref() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(input).to_path_buf();
            match e.io_error() {
                Some(io) => Error::io("read", &path, io),
                None => Error::failure(format!("could not read {}", show(&path))),
            }
        })?;
        let path = entry.path();
        let ft = entry.file_type();
        let skip = |reason| Skipped {
            path: path.to_path_buf(),
            reason,
        };
        if ft.is_symlink() {
            plan.skipped.push(skip(SkipReason::Link));
            continue;
        }
        let Some(fname) = entry.file_name().to_str() else {
            plan.skipped.push(skip(SkipReason::BadName));
            continue;
        };
        if entry.depth() > 0 && ft.is_file() && is_litter(fname, false) {
            plan.skipped.push(skip(SkipReason::Litter));
            continue;
        }
        if !ft.is_file() && !ft.is_dir() {
            plan.skipped.push(skip(SkipReason::Special));
            continue;
        }
        let rel = path.strip_prefix(input).unwrap_or(Path::new(""));
        let mut name = root.to_string();
        let mut bad = false;
        for comp in rel.components() {
            match comp.as_os_str().to_str() {
                Some(c) => {
                    name.push('/');
                    name.push_str(c);
                }
                None => bad = true,
            }
        }
        if bad {
            plan.skipped.push(skip(SkipReason::BadName));
            continue;
        }
        let meta = entry.metadata().map_err(|e| {
            let io = e
                .io_error()
                .map(|i| std::io::Error::new(i.kind(), i.to_string()))
                .unwrap_or_else(|| std::io::Error::other("unreadable"));
            Error::io("read", path, &io)
        })?;
        plan.items.push(item(path, name, &meta, ft.is_dir()));
    }
    drop(walker);
    plan.skipped.extend(skipped);
    Ok(())
}

/// A plan for chosen files under `base`, named by their paths relative to it (for `check
/// --seal`, which seals stray files where they are on a drive).
pub fn plan_for_files(base: &Path, files: &[PathBuf]) -> Result<Plan> {
    let mut plan = Plan::default();
    for f in files {
        let meta = f.symlink_metadata().map_err(|e| Error::io("read", f, &e))?;
        let rel = f.strip_prefix(base).unwrap_or(f);
        let name: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        plan.items.push(item(f, name.join("/"), &meta, false));
        plan.inputs.push(f.clone());
        plan.canonical_inputs
            .push(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()));
    }
    Ok(plan)
}

fn item(path: &Path, name: String, meta: &Metadata, is_dir: bool) -> Item {
    Item {
        source: path.to_path_buf(),
        name,
        kind: if is_dir { Kind::Dir } else { Kind::File },
        size: if is_dir { 0 } else { meta.len() },
        mtime: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
        executable: is_executable(meta),
    }
}

#[cfg(unix)]
fn is_executable(meta: &Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.is_file() && meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_meta: &Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn litter_is_recognised_and_real_files_are_not() {
        for n in [
            "Thumbs.db",
            ".DS_Store",
            "desktop.ini",
            "~$report.docx",
            "._notes.txt",
            ".~lock.marks.ods#",
        ] {
            assert!(is_litter(n, false), "{n}");
        }
        for n in [
            "thumbs.db.txt",
            "report.docx",
            "Desktop.ini.bak",
            "~notes.txt",
            "lock.ods",
        ] {
            assert!(!is_litter(n, false), "{n}");
        }
        assert!(is_litter("$RECYCLE.BIN", true));
        assert!(!is_litter("Recycling project", true));
    }

    #[test]
    fn walks_folders_keeping_empty_ones_and_skipping_litter() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().join("Year 4");
        fs::create_dir_all(top.join("empty")).unwrap();
        fs::create_dir_all(top.join("sub")).unwrap();
        fs::write(top.join("sub/a.txt"), "hello").unwrap();
        fs::write(top.join("Thumbs.db"), "x").unwrap();
        fs::write(top.join("~$marks.xlsx"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/passwd", top.join("link")).unwrap();

        let plan = collect(std::slice::from_ref(&top)).unwrap();
        let names: Vec<&str> = plan.items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            ["Year 4", "Year 4/empty", "Year 4/sub", "Year 4/sub/a.txt"]
        );
        assert_eq!(plan.total_bytes(), 5);
        let reasons: Vec<SkipReason> = plan.skipped.iter().map(|s| s.reason).collect();
        assert_eq!(
            reasons.iter().filter(|r| **r == SkipReason::Litter).count(),
            2
        );
        #[cfg(unix)]
        assert!(reasons.contains(&SkipReason::Link));
    }

    #[test]
    fn same_input_twice_is_carried_once_but_clashing_names_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        fs::write(&f, "x").unwrap();
        let plan = collect(&[f.clone(), f.clone()]).unwrap();
        assert_eq!(plan.items.len(), 1);

        fs::create_dir(dir.path().join("other")).unwrap();
        let g = dir.path().join("other/a.txt");
        fs::write(&g, "y").unwrap();
        let err = collect(&[f, g]).unwrap_err();
        assert_eq!(err.exit, crate::error::Exit::Usage);
    }

    #[test]
    fn nested_and_repeated_inputs_are_carried_exactly_once() {
        let dir = tempfile::tempdir().unwrap();
        let work = dir.path().join("work");
        fs::create_dir_all(&work).unwrap();
        fs::write(work.join("a.txt"), "a").unwrap();
        fs::write(work.join("~$b.docx"), "owner file").unwrap();
        let names = |p: &Plan| -> Vec<String> { p.items.iter().map(|i| i.name.clone()).collect() };
        // A file inside a folder also given: once, from the folder.
        let plan = collect(&[work.join("a.txt"), work.clone()]).unwrap();
        assert_eq!(names(&plan), ["work", "work/a.txt"]);
        assert!(
            plan.skipped
                .iter()
                .any(|s| s.reason == SkipReason::AlreadyIncluded)
        );
        // Something the folder's walk leaves out, given explicitly: sealed as asked.
        let plan = collect(&[work.clone(), work.join("~$b.docx")]).unwrap();
        assert!(
            names(&plan).contains(&"~$b.docx".to_string()),
            "{:?}",
            names(&plan)
        );
        #[cfg(unix)]
        {
            // A link to a file listed before the file: the link is left out, the file kept.
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(work.join("a.txt"), &link).unwrap();
            let plan = collect(&[link.clone(), work.join("a.txt")]).unwrap();
            assert_eq!(names(&plan), ["a.txt"]);
            assert_eq!(plan.skipped[0].reason, SkipReason::Link);
            // A link to the folder listed before it: the folder is still sealed whole.
            let dlink = dir.path().join("dlink");
            std::os::unix::fs::symlink(&work, &dlink).unwrap();
            let plan = collect(&[dlink, work.clone()]).unwrap();
            assert!(names(&plan).contains(&"work/a.txt".to_string()));
        }
    }

    #[test]
    fn missing_inputs_are_an_error_naming_the_file() {
        let err = collect(&[PathBuf::from("no-such-file.docx")]).unwrap_err();
        assert!(err.message.contains("no-such-file.docx"), "{}", err.message);
    }
}
