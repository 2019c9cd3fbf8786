//! Bounded reading of zip members, shared by archives and by Office/OpenDocument files
//! (which are zips): never trusts the sizes in headers. A member's output is cut off the
//! moment it exceeds its declared size, its compressed size times `limits.max_ratio`, or
//! the input's total `limits.max_expanded`; the shared "tripped" flag is then set so every
//! enclosing archive stops with the zip-bomb reason.

use std::io::{self, Read, Seek};

use zip::ZipArchive;

use super::{BOMB_REASON, Ctx, PROTECTED_REASON};

/// Output below this size is accepted whatever its compression ratio: small, highly
/// repetitive files are common and harmless.
const RATIO_FLOOR: u64 = 1024 * 1024;

/// A reader over one zip member that enforces the limits.
pub(crate) struct Bounded<'c, R> {
    inner: R,
    declared: u64,
    compressed: u64,
    read: u64,
    ctx: &'c Ctx<'c>,
}

impl<R: Read> Read for Bounded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ctx.shared.tripped.get() {
            return Err(io::Error::other(BOMB_REASON));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        let total = self.ctx.shared.expanded.get() + n as u64;
        self.ctx.shared.expanded.set(total);
        let ratio_exceeded = self.read > RATIO_FLOOR
            && self.read > self.compressed.saturating_mul(self.ctx.limits.max_ratio);
        if self.read > self.declared || ratio_exceeded || total > self.ctx.limits.max_expanded {
            self.ctx.shared.tripped.set(true);
            return Err(io::Error::other(BOMB_REASON));
        }
        Ok(n)
    }
}

/// Facts about a member, from the central directory (not trusted for reading).
pub(crate) struct MemberInfo {
    pub name: String,
    pub is_dir: bool,
    pub encrypted: bool,
    pub declared: u64,
    pub compressed: u64,
}

pub(crate) fn info<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    index: usize,
) -> Result<MemberInfo, String> {
    let f = zip
        .by_index_raw(index)
        .map_err(|_| "damaged or unreadable archive".to_string())?;
    Ok(MemberInfo {
        name: f.name().to_string(),
        is_dir: f.is_dir(),
        encrypted: f.encrypted(),
        declared: f.size(),
        compressed: f.compressed_size(),
    })
}

/// Checks the declared sizes before anything is decompressed.
pub(crate) fn check_declared(info: &MemberInfo, ctx: &Ctx) -> Result<(), String> {
    let limits = ctx.limits;
    let too_big = info.declared
        > limits
            .max_expanded
            .saturating_sub(ctx.shared.expanded.get());
    let ratio = info.declared > RATIO_FLOOR
        && info.declared > info.compressed.saturating_mul(limits.max_ratio);
    if too_big || ratio {
        ctx.shared.tripped.set(true);
        return Err(BOMB_REASON.into());
    }
    Ok(())
}

/// Opens member `index` for bounded reading.
pub(crate) fn open<'z, 'c, R: Read + Seek>(
    zip: &'z mut ZipArchive<R>,
    index: usize,
    ctx: &'c Ctx<'c>,
) -> Result<Bounded<'c, zip::read::ZipFile<'z, R>>, String> {
    let info = info(zip, index)?;
    if info.encrypted {
        return Err(PROTECTED_REASON.into());
    }
    check_declared(&info, ctx)?;
    let f = zip.by_index(index).map_err(|e| match e {
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
            PROTECTED_REASON.to_string()
        }
        zip::result::ZipError::UnsupportedArchive(_) => {
            "uses a zip compression method safecarry cannot read".to_string()
        }
        _ => "damaged or unreadable archive".to_string(),
    })?;
    Ok(Bounded {
        inner: f,
        declared: info.declared,
        compressed: info.compressed,
        read: 0,
        ctx,
    })
}

/// Decompresses every member once (discarding the output) to prove the container keeps
/// within the limits before a library that trusts headers reads it.
pub(crate) fn verify_all<R: Read + Seek>(zip: &mut ZipArchive<R>, ctx: &Ctx) -> Result<(), String> {
    if zip.len() as u64 > ctx.limits.max_members {
        ctx.shared.tripped.set(true);
        return Err(BOMB_REASON.into());
    }
    for i in 0..zip.len() {
        let mut member = open(zip, i, ctx)?;
        io::copy(&mut member, &mut io::sink()).map_err(|e| io_reason(&e, ctx))?;
    }
    Ok(())
}

/// A reason for an I/O error met while reading a member.
pub(crate) fn io_reason(e: &io::Error, ctx: &Ctx) -> String {
    if ctx.shared.tripped.get() {
        BOMB_REASON.into()
    } else if e.to_string().contains("assword") {
        PROTECTED_REASON.into()
    } else {
        "damaged or unreadable file".into()
    }
}
