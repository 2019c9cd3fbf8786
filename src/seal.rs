//! Sealing: streams a tar archive of the plan straight into the age encryptor and on into
//! a pending file on the destination, then verifies and places it.
//!
//! Nothing here asks questions or decides policy: the caller passes the plan, a passphrase
//! that has already been judged, the work factor and where to write. No plaintext is ever
//! written anywhere: file contents go from the source, through tar and age, to ciphertext.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;

use crate::collect::{Item, Kind, Plan};
use crate::error::{Error, Result, show};
use crate::hashing::Hasher;
use crate::output::{Committed, PendingFile, VerifyMismatch};
use crate::plain::human_size;
use crate::progress::Progress;
use crate::{interrupt, platform, tarball};

/// Where the sealed file goes.
#[derive(Debug, Clone)]
pub enum Target {
    /// This exact path (`-o FILE`); refused if it exists.
    File(PathBuf),
    /// This name in this folder; ` (1)` is added if the name is taken.
    InDir { dir: PathBuf, name: String },
}

impl Target {
    pub fn dir(&self) -> PathBuf {
        match self {
            Target::File(p) => match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            },
            Target::InDir { dir, .. } => dir.clone(),
        }
    }

    pub fn path(&self) -> PathBuf {
        match self {
            Target::File(p) => p.clone(),
            Target::InDir { dir, name } => dir.join(name),
        }
    }
}

pub struct Request<'a> {
    pub plan: &'a Plan,
    pub passphrase: &'a SecretString,
    /// scrypt work factor, log2 N.
    pub work_factor: u8,
    pub target: &'a Target,
    pub show_progress: bool,
}

/// Upper bound on the sealed file's size for `plan`.
pub fn max_sealed_size(plan: &Plan) -> u64 {
    let tar = tarball::max_archive_size(&plan.items);
    // age: header (~200 bytes for one scrypt stanza), 16-byte nonce, 16-byte tag per 64 KiB.
    tar + 512 + 16 + (tar / 65536 + 1) * 16
}

/// What a seal produced: the placed, verified file and the SHA-256 of each source file as
/// it was streamed in (for the ledger; one entry per plan item, `None` for folders).
#[derive(Debug, Clone)]
pub struct Sealed {
    pub file: Committed,
    pub item_sha256: Vec<Option<String>>,
}

/// Whether the sealed file of `plan` can be written into `target`'s folder: it exists
/// and has room. Checked again when sealing, and first before the passphrase is asked
/// for, so that a missing memory stick is said before the teacher makes one up.
pub fn check_folder(target: &Target, plan: &Plan) -> Result<()> {
    check_free_space(&target.dir(), max_sealed_size(plan))
}

/// Seals `req.plan` and returns the placed, verified file.
pub fn seal(req: &Request<'_>) -> Result<Sealed> {
    let dir = req.target.dir();
    let final_path = req.target.path();
    if let Target::File(p) = req.target
        && p.symlink_metadata().is_ok()
    {
        return Err(Error::failure(format!("{} already exists", show(p)))
            .hint("safecarry never replaces a file: choose another name"));
    }
    // (Stale temporary files of an interrupted seal go first: they take room.)
    crate::output::clean_stale(&dir);
    check_folder(req.target, req.plan)?;

    let _writing = interrupt::Writing::begin();
    let mut pending = PendingFile::create(&dir)
        .map_err(|e| Error::io("write to", &dir, &e).hint(write_hint(&e)))?;
    let total = req.plan.total_bytes();
    let progress = Progress::bytes("Sealing", total, req.show_progress);
    let written = write_sealed(req, &mut pending, &progress);
    progress.finish();
    let item_sha256 = written.map_err(|e| map_seal_error(e, &dir))?;

    let size = pending.written();
    let check = Progress::bytes("Checking", size, req.show_progress);
    let find_free = matches!(req.target, Target::InDir { .. });
    let committed = pending
        .commit(&final_path, find_free, &check)
        .map_err(|e| map_commit_error(e, &final_path, &dir));
    check.finish();
    Ok(Sealed {
        file: committed?,
        item_sha256,
    })
}

fn write_sealed(
    req: &Request<'_>,
    pending: &mut PendingFile,
    progress: &Progress,
) -> io::Result<Vec<Option<String>>> {
    let mut recipient = age::scrypt::Recipient::new(req.passphrase.clone());
    recipient.set_work_factor(req.work_factor);
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
        .map_err(|e| io::Error::other(e.to_string()))?;
    let mut hashing = pending.writer();
    let mut digests = Vec::with_capacity(req.plan.items.len());
    {
        let stream = encryptor.wrap_output(&mut hashing)?;
        let mut builder = tar::Builder::new(stream);
        for item in &req.plan.items {
            digests.push(append_item(&mut builder, item, progress)?);
        }
        let stream = builder.into_inner()?;
        stream.finish()?;
    }
    hashing.flush()?;
    Ok(digests)
}

fn append_item<W: Write>(
    builder: &mut tar::Builder<W>,
    item: &Item,
    progress: &Progress,
) -> io::Result<Option<String>> {
    match item.kind {
        Kind::Dir => tarball::append(builder, item, &mut io::empty()).map(|()| None),
        Kind::File => {
            let file = File::open(&item.source).map_err(|e| SourceError::wrap(&item.source, e))?;
            let mut reader = ExactReader {
                file,
                remaining: item.size,
                item,
                progress,
                hasher: Hasher::for_size(item.size),
            };
            tarball::append(builder, item, &mut reader)?;
            reader.check_unchanged()?;
            let digest = reader
                .hasher
                .finish()
                .ok_or_else(|| io::Error::other("hashing the file failed"))?;
            Ok(Some(crate::output::hex(&digest)))
        }
    }
}

/// Reads exactly the size recorded when the plan was made, and fails if the file turns out
/// shorter or longer: a file that changes while it is sealed would otherwise make a
/// corrupt or inconsistent archive. (The decision: detect and fail; see docs/format.md.)
/// It also hashes what it reads, so the ledger gets each file's SHA-256 without a second
/// read.
struct ExactReader<'a> {
    file: File,
    remaining: u64,
    item: &'a Item,
    progress: &'a Progress,
    hasher: Hasher,
}

impl ExactReader<'_> {
    fn check_unchanged(&mut self) -> io::Result<()> {
        let mut one = [0u8; 1];
        let grew = loop {
            match self.file.read(&mut one) {
                Ok(n) => break n > 0,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(SourceError::wrap(&self.item.source, e)),
            }
        };
        let modified = self.file.metadata().ok().and_then(|m| m.modified().ok());
        if grew || modified.is_some_and(|m| m != self.item.mtime) {
            return Err(SourceError::changed(&self.item.source));
        }
        Ok(())
    }
}

impl Read for ExactReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        interrupt::check()?;
        if self.remaining == 0 {
            return Ok(0);
        }
        let want = buf
            .len()
            .min(self.remaining.min(usize::MAX as u64) as usize);
        let n = self
            .file
            .read(&mut buf[..want])
            .map_err(|e| SourceError::wrap(&self.item.source, e))?;
        if n == 0 {
            return Err(SourceError::changed(&self.item.source));
        }
        self.remaining -= n as u64;
        self.hasher.update(&buf[..n]);
        self.progress.inc(n as u64);
        Ok(n)
    }
}

/// An error reading a source file, told apart from errors writing the destination.
#[derive(Debug)]
struct SourceError {
    path: PathBuf,
    error: Option<io::Error>,
}

impl SourceError {
    fn wrap(path: &Path, error: io::Error) -> io::Error {
        if interrupt::was_interrupted() {
            return error;
        }
        io::Error::other(SourceError {
            path: path.to_path_buf(),
            error: Some(error),
        })
    }

    fn changed(path: &Path) -> io::Error {
        io::Error::other(SourceError {
            path: path.to_path_buf(),
            error: None,
        })
    }
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "reading {}", self.path.display())
    }
}

impl std::error::Error for SourceError {}

fn map_seal_error(e: io::Error, dir: &Path) -> Error {
    if interrupt::was_interrupted() {
        return Error::interrupted();
    }
    if let Some(src) = e.get_ref().and_then(|r| r.downcast_ref::<SourceError>()) {
        return match &src.error {
            Some(io) => Error::io("read", &src.path, io)
                .hint("nothing was written; fix the problem with this file and try again"),
            None => Error::failure(format!(
                "{} changed while it was being sealed, so nothing was written",
                show(&src.path)
            ))
            .hint("close the file in any program that has it open, then try again"),
        };
    }
    let hint = write_hint(&e);
    Error::io("write the sealed file to", dir, &e).hint(hint)
}

fn map_commit_error(e: io::Error, final_path: &Path, dir: &Path) -> Error {
    if interrupt::was_interrupted() {
        return Error::interrupted();
    }
    if e.get_ref().is_some_and(|r| r.is::<VerifyMismatch>()) {
        return Error::failure(format!(
            "the copy written to {} did not read back correctly, so it was removed",
            show(dir)
        ))
        .hint("the drive may be faulty: try another memory stick");
    }
    if e.kind() == io::ErrorKind::AlreadyExists {
        return Error::failure(format!("{} already exists", show(final_path)))
            .hint("safecarry never replaces a file: choose another name");
    }
    Error::io("finish writing to", dir, &e).hint(write_hint(&e))
}

fn write_hint(e: &io::Error) -> String {
    let (_, hint) = crate::error::describe_io(e);
    format!("nothing was left on the drive; {hint}")
}

fn check_free_space(dir: &Path, need: u64) -> Result<()> {
    let meta = std::fs::metadata(dir).map_err(|e| {
        Error::io("use the destination folder", dir, &e)
            .hint("check the drive is plugged in and the folder exists")
    })?;
    if !meta.is_dir() {
        return Err(Error::usage(format!("{} is not a folder", show(dir))));
    }
    match platform::free_space(dir) {
        Ok(free) if free < need => Err(Error::failure(format!(
            "not enough space on the drive at {}: the sealed file needs up to {}, but only {} is free",
            show(dir),
            human_size(need),
            human_size(free)
        ))
        .hint("free some space or choose a bigger drive; nothing was written")),
        _ => Ok(()),
    }
}
