//! Opening: authenticates and decrypts a sealed file, restores its contents into a staging
//! folder inside the target, and moves them into place only once the whole age stream has
//! authenticated. Any failure removes the staging folder, so the target is left exactly as
//! it was.
//!
//! Files made by plain `age -p` open too: a payload that is not a tar archive is restored
//! as one file named after the input without `.age`.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use age::armor::ArmoredReader;
use age::secrecy::SecretString;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result, show};
use crate::output::{TEMP_PREFIX, place};
use crate::progress::Progress;
use crate::tarball::{self, EntryKind};
use crate::{interrupt, platform};

/// What a file on disk is, judged from its first bytes and its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock {
    /// An age file locked with a passphrase (scrypt).
    Passphrase,
    /// An age file locked to keys (X25519, SSH, plugins): needs the key, not a passphrase.
    Key,
}

type Source = ArmoredReader<BufReader<Counting>>;

/// A reader that reports progress on the ciphertext, hashes it (for the ledger) and
/// notices Ctrl-C.
struct Counting {
    file: File,
    progress: Progress,
    digest: Arc<Mutex<(Sha256, u64)>>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        interrupt::check()?;
        let n = self.file.read(buf)?;
        self.progress.inc(n as u64);
        if let Ok(mut d) = self.digest.lock() {
            d.0.update(&buf[..n]);
            d.1 += n as u64;
        }
        Ok(n)
    }
}

fn open_source(
    path: &Path,
    progress: Progress,
    digest: Arc<Mutex<(Sha256, u64)>>,
) -> Result<Source> {
    let file = File::open(path).map_err(|e| Error::io("open", path, &e))?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(
            Error::usage(format!("{} is a folder, not a sealed file", show(path)))
                .hint("give the .age file to open"),
        );
    }
    let mut file = file;
    let mut head = Vec::with_capacity(64);
    (&mut file)
        .take(64)
        .read_to_end(&mut head)
        .and_then(|_| file.seek(SeekFrom::Start(0)))
        .map_err(|e| Error::io("read", path, &e))?;
    if !is_age(&head) {
        return Err(not_age(path));
    }
    Ok(ArmoredReader::new(Counting {
        file,
        progress,
        digest,
    }))
}

fn is_age(head: &[u8]) -> bool {
    let trimmed = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&head[..0], |i| &head[i..]);
    head.starts_with(b"age-encryption.org/")
        || trimmed.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
}

fn not_age(path: &Path) -> Error {
    Error::failure(format!(
        "{} is not a sealed file (it is not an age file)",
        show(path)
    ))
    .hint("check you chose the right file: sealed files end in .age")
}

fn damaged(path: &Path) -> Error {
    Error::failure(format!(
        "{} is damaged: it failed its safety check, so nothing was restored",
        show(path)
    ))
    .hint("copy the file again from where it came from (the memory stick or the original)")
}

/// Reads the header: is this a passphrase file or a key file?
pub fn inspect(path: &Path) -> Result<Lock> {
    let source = open_source(path, Progress::hidden(), Default::default())?;
    let decryptor = age::Decryptor::new_buffered(source).map_err(|e| header_error(path, e))?;
    Ok(if decryptor.is_scrypt() {
        Lock::Passphrase
    } else {
        Lock::Key
    })
}

fn header_error(path: &Path, e: age::DecryptError) -> Error {
    use age::DecryptError as D;
    match e {
        D::UnknownFormat => Error::failure(format!(
            "{} was made by a newer kind of age that safecarry cannot read",
            show(path)
        ))
        .hint("update safecarry, or open it with the program that made it"),
        D::Io(_) if interrupt::was_interrupted() => Error::interrupted(),
        _ => damaged(path),
    }
}

/// The error for a key-locked file.
pub fn key_locked(path: &Path) -> Error {
    Error::failure(format!(
        "{} was locked with an age key, not a passphrase, so a passphrase cannot open it",
        show(path)
    ))
    .hint("open it with the age key it was made for, e.g. `age -d -i KEYFILE`")
}

/// An unlocked file, ready to restore.
pub struct Unlocked {
    reader: age::stream::StreamReader<Source>,
    input: PathBuf,
    progress: Progress,
    digest: Arc<Mutex<(Sha256, u64)>>,
}

/// Outcome of trying a passphrase.
pub enum Attempt {
    Unlocked(Box<Unlocked>),
    WrongPassphrase,
}

/// Tries `passphrase` on `path`, accepting scrypt work factors up to `max_work_factor`.
pub fn unlock(
    path: &Path,
    passphrase: &SecretString,
    max_work_factor: u8,
    show_progress: bool,
) -> Result<Attempt> {
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let progress = Progress::bytes("Opening", size, show_progress);
    let digest = Arc::new(Mutex::new((Sha256::new(), 0)));
    let source = open_source(path, progress.clone(), digest.clone())?;
    let decryptor = age::Decryptor::new_buffered(source).map_err(|e| header_error(path, e))?;
    if !decryptor.is_scrypt() {
        return Err(key_locked(path));
    }
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(max_work_factor);
    use age::DecryptError as D;
    match decryptor.decrypt(std::iter::once(&identity as _)) {
        Ok(reader) => Ok(Attempt::Unlocked(Box::new(Unlocked {
            reader,
            input: path.to_path_buf(),
            progress,
            digest,
        }))),
        Err(D::DecryptionFailed) | Err(D::KeyDecryptionFailed) | Err(D::NoMatchingKeys) => {
            Ok(Attempt::WrongPassphrase)
        }
        Err(D::ExcessiveWork { required, .. }) => Err(Error::failure(format!(
            "{} asks for far more unlocking work (2^{required}) than this computer allows (2^{max_work_factor})",
            show(path)
        ))
        .hint("if you trust where the file came from, IT can raise max_scrypt_work_factor in the policy")),
        Err(e) => Err(header_error(path, e)),
    }
}

/// The wrong-passphrase error.
pub fn wrong_passphrase(path: &Path) -> Error {
    Error::failure(format!("the passphrase does not open {}", show(path))).hint(
        "check for typing mistakes and Caps Lock (passphrases are case-sensitive); \
         if you are sure it is right, the file may be damaged",
    )
}

/// One restored top-level item.
#[derive(Debug, Clone)]
pub struct Restored {
    pub path: PathBuf,
    pub kind: EntryKind,
}

#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub restored: Vec<Restored>,
    pub files: u64,
    pub folders: u64,
    pub bytes: u64,
    /// True when the payload was not a tar archive (a plain `age -p` file).
    pub single_file: bool,
    /// SHA-256 of the sealed file as read (lowercase hex), for the ledger.
    pub sealed_sha256: Option<String>,
}

/// Restores an unlocked file into `target`.
pub fn restore(unlocked: Box<Unlocked>, target: &Path) -> Result<Outcome> {
    let Unlocked {
        mut reader,
        input,
        progress,
        digest,
    } = *unlocked;
    let mut outcome = restore_payload(&mut reader, &input, target)?;
    progress.finish();
    drop(reader);
    outcome.sealed_sha256 = finish_digest(&input, &digest);
    Ok(outcome)
}

/// Restores a decrypted payload (a tar archive, or any other bytes as one file named after
/// `input`) into `target` through a staging folder: entries are checked as they come, and
/// moved into place only after the whole payload was read without error. `reader` must
/// fail rather than end early if its input is not authentic (age's reader does).
pub fn restore_payload(reader: &mut dyn Read, input: &Path, target: &Path) -> Result<Outcome> {
    let meta = fs::metadata(target).map_err(|e| {
        Error::io("use the folder", target, &e).hint("create the folder first, or choose another")
    })?;
    if !meta.is_dir() {
        return Err(Error::usage(format!("{} is not a folder", show(target))));
    }
    crate::output::clean_stale(target);
    let _writing = interrupt::Writing::begin();
    let staging = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}open-{}-", std::process::id()))
        .tempdir_in(target)
        .map_err(|e| Error::io("write to", target, &e))?;
    platform::owner_only(staging.path(), true).map_err(|e| Error::io("write to", target, &e))?;

    let mut stager = Stager {
        root: staging.path().to_path_buf(),
        target: target.to_path_buf(),
        input: input.to_path_buf(),
        outcome: Outcome::default(),
        tops: Vec::new(),
        dir_times: Vec::new(),
    };

    let mut block = Vec::with_capacity(512);
    reader
        .take(512)
        .read_to_end(&mut block)
        .map_err(|e| stager.read_error(e))?;
    if tarball::looks_like_tar(&block) {
        let mut archive = tar::Archive::new(io::Cursor::new(block).chain(&mut *reader));
        stager.untar(&mut archive)?;
        // The tar end marker is not the end of the age stream: read to the end so the last
        // chunk is authenticated before anything is moved into place.
        let mut rest = archive.into_inner();
        io::copy(&mut rest, &mut io::sink()).map_err(|e| stager.read_error(e))?;
    } else {
        let name = fallback_name(input);
        let mut src = io::Cursor::new(block).chain(&mut *reader);
        stager.write_file(Path::new(&name), &mut src, None)?;
        stager.tops.push((PathBuf::from(&name), EntryKind::File));
        stager.outcome.single_file = true;
    }
    stager.finish()?;
    drop(staging);
    Ok(stager.outcome)
}

/// Completes the ciphertext hash: everything age read was hashed as it streamed; any
/// bytes it did not need to read (none, normally) are read here.
fn finish_digest(input: &Path, digest: &Mutex<(Sha256, u64)>) -> Option<String> {
    let mut d = digest.lock().ok()?;
    let mut f = File::open(input).ok()?;
    f.seek(SeekFrom::Start(d.1)).ok()?;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => d.0.update(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        }
    }
    Some(crate::output::hex(&d.0.clone().finalize()))
}

/// Name for a plain (non-tar) payload: the input's name without `.age`.
fn fallback_name(input: &Path) -> String {
    let name = input
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".age")
        .or_else(|| name.strip_suffix(".AGE"))
        .unwrap_or(&name);
    let stem = tarball::platform_component(stem);
    if stem.is_empty() || stem.starts_with('.') && stem.len() == 1 {
        "opened-file".into()
    } else if stem == name {
        format!("{stem}.opened")
    } else {
        stem
    }
}

struct Stager {
    root: PathBuf,
    target: PathBuf,
    input: PathBuf,
    outcome: Outcome,
    tops: Vec<(PathBuf, EntryKind)>,
    dir_times: Vec<(PathBuf, SystemTime)>,
}

impl Stager {
    fn read_error(&self, _e: io::Error) -> Error {
        if interrupt::was_interrupted() {
            return Error::interrupted();
        }
        damaged(&self.input)
    }

    fn write_error(&self, e: io::Error) -> Error {
        if interrupt::was_interrupted() {
            return Error::interrupted();
        }
        let (_, hint) = crate::error::describe_io(&e);
        Error::io("restore files into", &self.target, &e)
            .hint(format!("nothing was restored; {hint}"))
    }

    /// The archive inside holds something safecarry never restores.
    fn unsafe_archive(&self, why: &str) -> Error {
        Error::failure(format!(
            "{} was not opened: {why}. Nothing was restored",
            show(&self.input)
        ))
        .hint("this file may have been tampered with; ask IT before trusting it")
    }

    fn untar<R: Read>(&mut self, archive: &mut tar::Archive<R>) -> Result<()> {
        let mut seen = HashSet::new();
        let entries = archive.entries().map_err(|e| self.read_error(e))?;
        for entry in entries {
            let mut entry = entry.map_err(|e| self.read_error(e))?;
            let kind = entry.header().entry_type();
            if kind.is_pax_global_extensions() {
                continue;
            }
            let raw = entry.path_bytes().into_owned();
            let (rel, kind) = tarball::check_entry(kind, &raw, &mut seen)
                .map_err(|why| self.unsafe_archive(&why.to_string()))?;
            let mtime = tarball::mtime_of(entry.header());
            if let Some(top) = rel.components().next() {
                let top = PathBuf::from(top.as_os_str());
                let is_top_dir = kind == EntryKind::Dir || rel != top;
                if !self.tops.iter().any(|(t, _)| *t == top) {
                    let k = if is_top_dir {
                        EntryKind::Dir
                    } else {
                        EntryKind::File
                    };
                    self.tops.push((top, k));
                }
            }
            match kind {
                EntryKind::Dir => {
                    let dir = self.root.join(&rel);
                    self.make_dirs(&dir)?;
                    if let Some(t) = mtime {
                        self.dir_times.push((dir, t));
                    }
                    self.outcome.folders += 1;
                }
                EntryKind::File => {
                    self.write_file(&rel, &mut entry, mtime)?;
                }
            }
        }
        Ok(())
    }

    fn make_dirs(&self, dir: &Path) -> Result<()> {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists || e.kind() == io::ErrorKind::NotADirectory
            {
                self.unsafe_archive("it contains a file and a folder with the same name")
            } else {
                self.write_error(e)
            }
        })
    }

    fn write_file(
        &mut self,
        rel: &Path,
        src: &mut dyn Read,
        mtime: Option<SystemTime>,
    ) -> Result<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            self.make_dirs(parent)?;
        }
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut file = opts.open(&path).map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                self.unsafe_archive("it contains the same name twice")
            } else {
                self.write_error(e)
            }
        })?;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = match src.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.read_error(e)),
            };
            file.write_all(&buf[..n]).map_err(|e| self.write_error(e))?;
            self.outcome.bytes += n as u64;
        }
        if let Some(t) = mtime {
            let _ = file.set_modified(t);
        }
        self.outcome.files += 1;
        Ok(())
    }

    /// Everything authenticated: fix folder times, then move each top-level item into the
    /// target, never replacing what is there (` (1)` is added instead).
    fn finish(&mut self) -> Result<()> {
        for (dir, t) in self.dir_times.iter().rev() {
            if let Ok(f) = File::open(dir) {
                let _ = f.set_modified(*t);
            }
        }
        for (top, kind) in std::mem::take(&mut self.tops) {
            interrupt::check().map_err(|e| self.write_error(e))?;
            let from = self.root.join(&top);
            let to = self.target.join(&top);
            let placed = place(&from, &to, true).map_err(|e| self.write_error(e))?;
            self.outcome.restored.push(Restored { path: placed, kind });
        }
        platform::sync_dir(&self.target).map_err(|e| self.write_error(e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_files_are_recognised_by_their_first_bytes() {
        assert!(is_age(b"age-encryption.org/v1\n-> scrypt"));
        assert!(is_age(b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl"));
        assert!(!is_age(b"PK\x03\x04"));
        assert!(!is_age(b""));
    }

    #[test]
    fn plain_payloads_are_named_after_the_input() {
        assert_eq!(fallback_name(Path::new("dir/report.pdf.age")), "report.pdf");
        assert_eq!(fallback_name(Path::new("notes")), "notes.opened");
    }
}
