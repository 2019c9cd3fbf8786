//! The dispatcher: reads the first bytes of an input, asks `detect_format` what it is, and
//! hands it to the right format reader, as a stream when the format allows and otherwise
//! with random access (a file on disk, or an archive member held in memory up to
//! `limits.max_in_memory`). Format readers run under `quietly`, so a panic in a library
//! becomes a `NotInspected` reason instead of aborting the caller.

use std::fs::File;
use std::io::{Cursor, Read, Seek, SeekFrom};

use super::detect_format::{Format, ole_kind, sniff, zip_kind};
use super::{
    Ctx, Emitter, Status, Visitor, archive, email, json, markup, odf, ooxml, pdf, quietly, rtf,
    sheet, table, text,
};

/// How much of the start of a file detection looks at.
const HEAD: u64 = 8 * 1024;

pub(crate) trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}
pub(crate) type Source = Box<dyn ReadSeek>;

pub(crate) const DAMAGED: &str = "damaged or unreadable file";

fn too_large(limit: u64) -> String {
    format!(
        "too large to read (over {} MB)",
        limit.div_ceil(1024 * 1024)
    )
}

/// A file on disk.
pub(crate) fn extract_file(mut file: File, display: &str, ctx: &Ctx, visitor: &mut dyn Visitor) {
    let mut head = Vec::new();
    if (&mut file).take(HEAD).read_to_end(&mut head).is_err()
        || file.seek(SeekFrom::Start(0)).is_err()
    {
        return refuse(visitor, display, "unknown", "could not be read");
    }
    let size = file.metadata().map(|m| m.len()).ok();
    let format = sniff(display, &head);
    if needs_random_access(format) {
        run_random(format, Box::new(file), size, display, ctx, visitor);
    } else {
        let mut reader = std::io::BufReader::with_capacity(64 * 1024, file);
        run_stream(format, &mut reader, display, ctx, visitor);
    }
}

/// A stream (an archive member, an email attachment, or a caller's reader).
pub(crate) fn extract_stream(
    reader: &mut dyn Read,
    display: &str,
    size: Option<u64>,
    ctx: &Ctx,
    visitor: &mut dyn Visitor,
) {
    let mut head = Vec::new();
    if let Err(e) = reader.take(HEAD).read_to_end(&mut head) {
        let reason = super::zipread::io_reason(&e, ctx);
        return refuse(visitor, display, "unknown", &reason);
    }
    let format = sniff(display, &head);
    if !needs_random_access(format) {
        let mut chained = Cursor::new(head).chain(reader);
        return run_stream(format, &mut chained, display, ctx, visitor);
    }
    let limit = ctx.limits.max_in_memory;
    if size.is_some_and(|s| s > limit) {
        return refuse(visitor, display, format.name(), &too_large(limit));
    }
    let mut buf = head;
    let already = buf.len() as u64;
    if let Err(e) = reader
        .take((limit + 1).saturating_sub(already))
        .read_to_end(&mut buf)
    {
        let reason = super::zipread::io_reason(&e, ctx);
        return refuse(visitor, display, format.name(), &reason);
    }
    if buf.len() as u64 > limit {
        return refuse(visitor, display, format.name(), &too_large(limit));
    }
    let len = buf.len() as u64;
    run_random(
        format,
        Box::new(Cursor::new(buf)),
        Some(len),
        display,
        ctx,
        visitor,
    );
}

fn needs_random_access(format: Format) -> bool {
    matches!(
        format,
        Format::ZipContainer | Format::OleContainer | Format::Pdf
    )
}

pub(crate) fn refuse(visitor: &mut dyn Visitor, display: &str, format: &'static str, reason: &str) {
    visitor.begin(display, format);
    visitor.end(Status::NotInspected(reason.to_string()));
}

/// Runs a reader of one file's text: `begin`, its segments, `end`.
pub(crate) fn leaf(
    display: &str,
    format: &'static str,
    ctx: &Ctx,
    visitor: &mut dyn Visitor,
    read: impl FnOnce(&mut Emitter) -> Status,
) {
    visitor.begin(display, format);
    let status = {
        let mut em = Emitter::new(visitor, ctx.limits);
        quietly(|| read(&mut em)).unwrap_or_else(|| Status::NotInspected(DAMAGED.into()))
    };
    let status = if ctx.shared.tripped.get() {
        Status::NotInspected(ctx.shared.reason().into())
    } else {
        status
    };
    visitor.end(status);
}

fn run_stream(
    format: Format,
    reader: &mut dyn Read,
    display: &str,
    ctx: &Ctx,
    visitor: &mut dyn Visitor,
) {
    let name = format.name();
    match format {
        Format::Media(_) => {
            visitor.begin(display, name);
            visitor.end(Status::Media);
        }
        Format::Refused(_, reason) => refuse(visitor, display, name, reason),
        Format::Eml => email::extract_eml(reader, display, ctx, visitor),
        Format::Csv | Format::Tsv => leaf(display, name, ctx, visitor, |em| {
            table::extract(reader, format == Format::Tsv, em, ctx)
        }),
        Format::Html | Format::Xml => leaf(display, name, ctx, visitor, |em| {
            markup::extract(reader, format == Format::Html, em, ctx)
        }),
        Format::Rtf => leaf(display, name, ctx, visitor, |em| {
            rtf::extract(reader, em, ctx)
        }),
        Format::Json => leaf(display, name, ctx, visitor, |em| {
            json::extract(reader, em, ctx)
        }),
        _ => leaf(display, name, ctx, visitor, |em| {
            text::extract(reader, em, ctx)
        }),
    }
}

fn run_random(
    format: Format,
    mut source: Source,
    size: Option<u64>,
    display: &str,
    ctx: &Ctx,
    visitor: &mut dyn Visitor,
) {
    match format {
        Format::ZipContainer => {
            let opened = quietly(|| zip::ZipArchive::new(source));
            let mut zip = match opened {
                Some(Ok(z)) => z,
                _ => {
                    let ext = super::detect_format::extension(display);
                    let name = match sniff(display, b"") {
                        Format::Refused(n, _) => n,
                        _ => "zip",
                    };
                    let reason = if ext == "zip" {
                        "damaged or unreadable archive"
                    } else {
                        DAMAGED
                    };
                    return refuse(visitor, display, name, reason);
                }
            };
            let kind = zip_kind(&mut zip, display);
            let name = kind.name();
            match kind {
                Format::Zip => archive::extract(zip, display, ctx, visitor),
                Format::Docx => leaf(display, name, ctx, visitor, |em| {
                    ooxml::docx(&mut zip, em, ctx)
                }),
                Format::Pptx => leaf(display, name, ctx, visitor, |em| {
                    ooxml::pptx(&mut zip, em, ctx)
                }),
                Format::Odt | Format::Odp => leaf(display, name, ctx, visitor, |em| {
                    odf::extract(&mut zip, kind == Format::Odp, em, ctx)
                }),
                Format::Xlsx | Format::Ods => leaf(display, name, ctx, visitor, |em| {
                    sheet::extract_zip(zip, kind == Format::Ods, em, ctx)
                }),
                Format::Refused(_, reason) => refuse(visitor, display, name, reason),
                _ => refuse(visitor, display, name, super::UNKNOWN_REASON),
            }
        }
        Format::OleContainer => {
            let cfb = match quietly(|| cfb::CompoundFile::open(source)) {
                Some(Ok(c)) => c,
                _ => return refuse(visitor, display, "ole", DAMAGED),
            };
            let kind = ole_kind(&cfb);
            let name = kind.name();
            match kind {
                Format::Xls => {
                    let mut inner = cfb.into_inner();
                    if inner.seek(SeekFrom::Start(0)).is_err() {
                        return refuse(visitor, display, name, DAMAGED);
                    }
                    leaf(display, name, ctx, visitor, |em| {
                        sheet::extract_xls(inner, em, ctx)
                    })
                }
                Format::Msg => email::extract_msg(cfb, display, ctx, visitor),
                Format::Refused(_, reason) => refuse(visitor, display, name, reason),
                _ => refuse(visitor, display, name, super::UNKNOWN_REASON),
            }
        }
        Format::Pdf => {
            let limit = ctx.limits.max_in_memory;
            if size.is_some_and(|s| s > limit) {
                return refuse(visitor, display, "pdf", &too_large(limit));
            }
            let mut bytes = Vec::new();
            if source.take(limit + 1).read_to_end(&mut bytes).is_err() {
                return refuse(visitor, display, "pdf", "could not be read");
            }
            if bytes.len() as u64 > limit {
                return refuse(visitor, display, "pdf", &too_large(limit));
            }
            leaf(display, "pdf", ctx, visitor, |em| pdf::extract(&bytes, em))
        }
        other => run_stream(other, &mut source, display, ctx, visitor),
    }
}
