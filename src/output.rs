//! Creating files safely on the destination: a temporary file in the destination folder,
//! fsynced, read back from the device and compared, then renamed into place without ever
//! replacing an existing file. On any failure the temporary file is removed, so nothing is
//! ever left under the final name half-written.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;

use crate::platform;
use crate::progress::Progress;

/// Prefix of safecarry's temporary files and staging folders (hidden on unix).
pub const TEMP_PREFIX: &str = ".safecarry-";

/// Removes temporary files and staging folders that an earlier safecarry left in `dir` when
/// it was killed (power cut, SIGKILL): `.safecarry-PID-….partial` files and
/// `.safecarry-open-PID-…` folders whose process no longer runs. Only names safecarry itself
/// makes are touched. Returns how many were removed.
pub fn clean_stale(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
            continue;
        };
        let (is_open, rest) = match rest.strip_prefix("open-") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid == std::process::id() || platform::process_alive(pid) {
            continue;
        }
        let ok = if is_open {
            e.file_type().is_ok_and(|t| t.is_dir()) && std::fs::remove_dir_all(e.path()).is_ok()
        } else {
            name.ends_with(".partial") && std::fs::remove_file(e.path()).is_ok()
        };
        removed += usize::from(ok);
    }
    removed
}

/// A file being written; becomes visible under its final name only on [`commit`].
///
/// [`commit`]: PendingFile::commit
pub struct PendingFile {
    // Declared before `temp`: dropped (and its thread joined) before the file is removed.
    pipe: Pipe,
    temp: NamedTempFile,
    written: u64,
}

/// A file that was written, verified and put in place.
#[derive(Debug, Clone)]
pub struct Committed {
    pub path: PathBuf,
    pub size: u64,
    pub sha256: String,
    pub verified: bool,
}

impl PendingFile {
    /// Creates the temporary file in `dir` (owner-only permissions on unix).
    pub fn create(dir: &Path) -> io::Result<Self> {
        let temp = tempfile::Builder::new()
            .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
            .suffix(".partial")
            .tempfile_in(dir)?;
        let pipe = Pipe::start(temp.as_file().try_clone()?)?;
        Ok(PendingFile {
            pipe,
            temp,
            written: 0,
        })
    }

    pub fn temp_path(&self) -> &Path {
        self.temp.path()
    }

    /// Bytes handed to the writer so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// A buffered writer whose bytes are hashed and written to the file on a second
    /// thread, so that encrypting and writing overlap.
    pub fn writer(&mut self) -> HashingWriter<'_> {
        HashingWriter {
            buf: Vec::with_capacity(CHUNK),
            pipe: &mut self.pipe,
            written: &mut self.written,
        }
    }

    /// Fsyncs, reads the file back from the device and compares its SHA-256 with what was
    /// written, then renames it to `final_path` (never replacing anything; with
    /// `find_free_name`, adds ` (1)`, ` (2)`… instead of failing when the name is taken).
    pub fn commit(
        self,
        final_path: &Path,
        find_free_name: bool,
        progress: &Progress,
    ) -> io::Result<Committed> {
        let PendingFile {
            mut pipe,
            temp,
            written,
        } = self;
        let (digest, count) = pipe.finish()?;
        if count != written {
            return Err(io::Error::other(VerifyMismatch));
        }
        let expected = hex(&digest);
        temp.as_file().sync_all()?;
        let actual = hash_from_device(temp.path(), progress)?;
        if actual != expected {
            return Err(io::Error::other(VerifyMismatch));
        }
        let path = place(temp.path(), final_path, find_free_name)?;
        // The rename succeeded: the temporary name no longer exists, so disarm its cleanup.
        let _ = temp.into_temp_path().keep();
        if let Some(parent) = path.parent() {
            platform::sync_dir(parent)?;
        }
        Ok(Committed {
            path,
            size: written,
            sha256: expected,
            verified: true,
        })
    }
}

/// The read-back check found different bytes from those written.
#[derive(Debug)]
pub struct VerifyMismatch;

impl std::fmt::Display for VerifyMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the file read back from the drive differs from what was written")
    }
}

impl std::error::Error for VerifyMismatch {}

/// Size of the chunks handed to the writing thread.
const CHUNK: usize = 1 << 20;
/// Chunks in flight between the threads (bounds the memory used to a few MiB).
const IN_FLIGHT: usize = 4;
/// How often the writing thread asks the system to start writing to the device, so that
/// the final fsync has little left to do.
const WRITEBACK_EVERY: u64 = 16 << 20;

/// What the writing thread wrote: the SHA-256 of the bytes and how many there were.
type Written = ([u8; 32], u64);

/// The writing thread: hashes each chunk (SHA-256 of everything written), writes it to
/// the file and starts write-back as it goes.
struct Pipe {
    tx: Option<SyncSender<Vec<u8>>>,
    handle: Option<JoinHandle<io::Result<Written>>>,
    /// Why the thread stopped early, kept for `commit` once `send` has reported it.
    failed: Option<io::Error>,
}

/// A copy of an I/O error (io::Error is not Clone), keeping its OS code when it has one.
fn copy_error(e: &io::Error) -> io::Error {
    match e.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code),
        None => io::Error::new(e.kind(), e.to_string()),
    }
}

impl Pipe {
    fn start(mut file: File) -> io::Result<Pipe> {
        let (tx, rx) = sync_channel::<Vec<u8>>(IN_FLIGHT);
        let writer = move || -> io::Result<Written> {
            let mut hasher = Sha256::new();
            let (mut offset, mut started) = (0u64, 0u64);
            for chunk in rx {
                hasher.update(&chunk);
                file.write_all(&chunk)?;
                offset += chunk.len() as u64;
                if offset - started >= WRITEBACK_EVERY {
                    platform::start_writeback(&file, started, offset - started);
                    started = offset;
                }
            }
            Ok((hasher.finalize().into(), offset))
        };
        let handle = std::thread::Builder::new()
            .name("write".into())
            .spawn(writer)?;
        Ok(Pipe {
            tx: Some(tx),
            handle: Some(handle),
            failed: None,
        })
    }

    fn send(&mut self, chunk: Vec<u8>) -> io::Result<()> {
        let sent = self.tx.as_ref().map(|tx| tx.send(chunk).is_ok());
        match sent {
            Some(true) => Ok(()),
            // The thread stopped early: it failed to write; its error says why.
            _ => Err(self
                .finish()
                .err()
                .unwrap_or_else(|| io::Error::other("writing stopped"))),
        }
    }

    /// Waits for everything sent to be written; returns its SHA-256 and length.
    fn finish(&mut self) -> io::Result<Written> {
        drop(self.tx.take());
        let result = match self.handle.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(io::Error::other("the writing thread failed")),
            None => Err(self
                .failed
                .as_ref()
                .map(copy_error)
                .unwrap_or_else(|| io::Error::other("writing already finished"))),
        };
        if let Err(e) = &result
            && self.failed.is_none()
        {
            self.failed = Some(copy_error(e));
        }
        result
    }
}

impl Drop for Pipe {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

pub struct HashingWriter<'a> {
    buf: Vec<u8>,
    pipe: &'a mut Pipe,
    written: &'a mut u64,
}

impl Write for HashingWriter<'_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        crate::interrupt::check()?;
        let n = data.len().min(CHUNK - self.buf.len());
        self.buf.extend_from_slice(&data[..n]);
        *self.written += n as u64;
        if self.buf.len() == CHUNK {
            self.flush()?;
        }
        Ok(n)
    }

    /// Hands what is buffered to the writing thread (it is on disk once the pending file
    /// is committed).
    fn flush(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
            self.pipe.send(chunk)?;
        }
        Ok(())
    }
}

impl Drop for HashingWriter<'_> {
    /// Like `BufWriter`: what is still buffered is handed on (errors surface at commit).
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// SHA-256 of a file as stored on the device (bypassing the page cache).
pub fn hash_from_device(path: &Path, progress: &Progress) -> io::Result<String> {
    let mut f = platform::open_uncached(path)?;
    let mut buf = platform::AlignedBuf::new(1 << 20);
    let mut hasher = Sha256::new();
    loop {
        crate::interrupt::check()?;
        let n = match f.read(buf.as_mut_slice()) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buf.as_mut_slice()[..n]);
        progress.inc(n as u64);
    }
    Ok(hex(&hasher.finalize()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Moves `from` to `to`, or (with `find_free_name`) to the first free variant of it
/// (`name (1).ext`…), without ever replacing an existing file or folder.
pub fn place(from: &Path, to: &Path, find_free_name: bool) -> io::Result<PathBuf> {
    let mut n = 0;
    loop {
        let candidate = if n == 0 {
            to.to_path_buf()
        } else {
            numbered(to, n)
        };
        match platform::rename_noreplace(from, &candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && find_free_name && n < 10_000 => {
                n += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// `dir/name.ext` → `dir/name (n).ext`. For sealed files the `.age` suffix stays last:
/// `marks.xlsx.age` → `marks.xlsx (1).age`. A folder name has no extension.
pub fn numbered(path: &Path, n: u32) -> PathBuf {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name.as_str(), ""),
    };
    path.with_file_name(format!("{stem} ({n}){ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_names_keep_the_extension_last() {
        assert_eq!(
            numbered(Path::new("d/marks.xlsx.age"), 1),
            Path::new("d/marks.xlsx (1).age")
        );
        assert_eq!(
            numbered(Path::new("d/Year 4"), 2),
            Path::new("d/Year 4 (2)")
        );
        assert_eq!(
            numbered(Path::new(".profile"), 1),
            Path::new(".profile (1)")
        );
    }

    #[test]
    fn commit_never_replaces_and_finds_a_free_name() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.age");
        std::fs::write(&target, "existing").unwrap();

        let mut p = PendingFile::create(dir.path()).unwrap();
        p.writer().write_all(b"new").unwrap();
        let temp = p.temp_path().to_path_buf();
        let err = p.commit(&target, false, &Progress::hidden()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert!(!temp.exists(), "temp file removed on failure");
        assert_eq!(std::fs::read(&target).unwrap(), b"existing");

        let mut p = PendingFile::create(dir.path()).unwrap();
        {
            let mut w = p.writer();
            w.write_all(b"new").unwrap();
            w.flush().unwrap();
        }
        let c = p.commit(&target, true, &Progress::hidden()).unwrap();
        assert_eq!(c.path, dir.path().join("out (1).age"));
        assert_eq!(std::fs::read(&c.path).unwrap(), b"new");
        assert_eq!(c.size, 3);
        assert_eq!(std::fs::read(&target).unwrap(), b"existing");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 2);
    }
}
