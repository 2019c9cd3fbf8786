//! Text extraction: turns files of many formats into segments of text for detection.
//!
//! Read-only, streaming and bounded: nothing here writes a file, and every format has limits
//! (segment length, archive depth, member count, expansion ratio) so hostile input ends in a
//! clear `NotInspected` reason, never in memory exhaustion.
//!
//! The contract with detection is [`Visitor`]: for each file (a top-level file or an archive
//! member such as `pupils.zip/Y4/marks.xlsx`) extraction calls `begin`, then `segment` for
//! each piece of text, then `end` with the outcome.

use std::cell::Cell;
use std::io::Read;
use std::path::Path;

mod archive;
mod detect_format;
mod dispatch;
mod email;
mod json;
mod markup;
mod odf;
mod ooxml;
mod pdf;
mod rtf;
mod sheet;
mod sheet_notes;
mod table;
mod text;
mod zipread;

#[cfg(test)]
pub(crate) mod testutil;

/// Where a segment came from, for reports ("Sheet1!B2", "line 12", "page 3").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A line of a text file (1-based).
    Line(u64),
    /// A spreadsheet or CSV cell: sheet name (CSV: empty), 0-based row and column.
    Cell { sheet: String, row: u32, col: u32 },
    /// A page of a PDF (1-based).
    Page(u32),
    /// A slide of a presentation (1-based).
    Slide(u32),
    /// A named part: "body", "header", "footer", "comments", "notes", "subject", an email
    /// attachment's name…
    Part(String),
}

impl Location {
    /// The form used in reports: `Sheet1!B2` (spreadsheets), `B2` (CSV), `line 12`,
    /// `page 3`, `slide 2`, or the part name.
    pub fn display(&self) -> String {
        match self {
            Location::Line(n) => format!("line {n}"),
            Location::Cell { sheet, row, col } => {
                let cell = format!("{}{}", column_letters(*col), row + 1);
                if sheet.is_empty() {
                    cell
                } else {
                    format!("{sheet}!{cell}")
                }
            }
            Location::Page(n) => format!("page {n}"),
            Location::Slide(n) => format!("slide {n}"),
            Location::Part(p) => p.clone(),
        }
    }
}

/// 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// One piece of text.
#[derive(Debug, Clone)]
pub struct Segment<'a> {
    pub location: Location,
    pub text: &'a str,
    /// For table cells below the header row: that column's header text.
    pub header: Option<&'a str>,
    /// True for the cells of a table's header row.
    pub is_header: bool,
    /// Groups segments about one record: the table row (0-based) for tables, `None` for
    /// running text.
    pub record: Option<u64>,
}

/// How extraction of one file ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// All of its text was read.
    Inspected,
    /// It could not be read as text; the reason is plain English ("protected", "not a
    /// format safecarry can read", "archive expands too much (possible zip bomb)"…).
    NotInspected(String),
    /// A photo, video or audio file: not read, counted as `photo`.
    Media,
}

/// Receives what extraction finds.
pub trait Visitor {
    /// A new file begins: `path` is its display path (archive members are
    /// `archive.zip/inner/file.docx`), `format` a short name ("docx", "csv", "zip"…).
    fn begin(&mut self, path: &str, format: &'static str);
    /// A piece of its text.
    fn segment(&mut self, seg: &Segment<'_>);
    /// The file ended.
    fn end(&mut self, status: Status);
}

/// Bounds on the work extraction does for one input.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Longest segment passed on; longer text is split.
    pub max_segment: usize,
    /// How deep archives may nest (a zip in a zip in a zip…).
    pub max_depth: u32,
    /// Most members read from one archive.
    pub max_members: u64,
    /// Largest uncompressed/compressed ratio accepted for an archive member.
    pub max_ratio: u64,
    /// Most bytes decompressed from one archive in all.
    pub max_expanded: u64,
    /// Largest file read by formats that must hold a whole part in memory (spreadsheets,
    /// PDF, Office XML parts).
    pub max_in_memory: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_segment: 64 * 1024,
            max_depth: 4,
            max_members: 10_000,
            max_ratio: 200,
            max_expanded: 2 * 1024 * 1024 * 1024,
            max_in_memory: 256 * 1024 * 1024,
        }
    }
}

/// Extracts one file on disk, reporting it as `display`.
///
/// Never panics and never returns an error: every problem ends in `Status::NotInspected`
/// with a plain-English reason. Archives and emails report each member first (as
/// `display/member`), then themselves.
pub fn extract_path(path: &Path, display: &str, limits: &Limits, visitor: &mut dyn Visitor) {
    let shared = Shared::default();
    let ctx = Ctx {
        limits,
        depth: 0,
        shared: &shared,
    };
    match std::fs::File::open(path) {
        Ok(file) => dispatch::extract_file(file, display, &ctx, visitor),
        Err(e) => {
            visitor.begin(display, "unknown");
            visitor.end(Status::NotInspected(open_failed_reason(&e)));
        }
    }
}

/// Extracts a file given as a stream (for example a member of an archive the caller opened
/// itself). `name` is the display path; its extension helps detection. `size` is the
/// length if known (only used to refuse early what cannot fit in memory).
///
/// Formats that need random access (Office, PDF, spreadsheets, zip) are read into memory
/// up to `limits.max_in_memory`; larger ones end in `NotInspected`.
pub fn extract_reader(
    reader: &mut dyn Read,
    name: &str,
    size: Option<u64>,
    limits: &Limits,
    visitor: &mut dyn Visitor,
) {
    let shared = Shared::default();
    let ctx = Ctx {
        limits,
        depth: 0,
        shared: &shared,
    };
    dispatch::extract_stream(reader, name, size, &ctx, visitor);
}

fn open_failed_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "could not be opened (permission denied)".into(),
        std::io::ErrorKind::NotFound => "could not be opened (it has disappeared)".into(),
        _ => "could not be opened".into(),
    }
}

/// The reason given when an archive (or an Office file, which is a zip) exceeds the limits.
pub const BOMB_REASON: &str = "archive expands too much (possible zip bomb)";
/// The reason given when archives are nested deeper than the limit.
pub const DEEP_REASON: &str = "archives nested too deeply inside each other (possible zip bomb)";
/// The reason given when an archive holds more members than the limit.
pub const WIDE_REASON: &str = "too many files inside (possible zip bomb)";
/// The reason given for password-protected files.
pub const PROTECTED_REASON: &str = "protected";
/// The reason given for files of unknown formats.
pub const UNKNOWN_REASON: &str = "not a format safecarry can read";
/// Reason for a PDF with no text layer: a scanned document, in effect an image.
pub const SCANNED_REASON: &str = "no text layer (a scanned image?)";

/// State shared by everything read from one top-level input.
#[derive(Default)]
pub(crate) struct Shared {
    /// Bytes decompressed so far from archives (and Office containers).
    pub expanded: Cell<u64>,
    /// Set once an archive limit was exceeded: every enclosing archive then stops.
    pub tripped: Cell<bool>,
    /// Which limit, when it was not the expansion limit ([`BOMB_REASON`]).
    pub trip_reason: Cell<Option<&'static str>>,
}

impl Shared {
    /// Trips the limit with a specific reason.
    pub fn trip(&self, reason: &'static str) {
        self.tripped.set(true);
        if self.trip_reason.get().is_none() {
            self.trip_reason.set(Some(reason));
        }
    }

    /// Why the limit tripped, for every enclosing archive's report.
    pub fn reason(&self) -> &'static str {
        self.trip_reason.get().unwrap_or(BOMB_REASON)
    }
}

/// What a format reader needs to know besides its input.
pub(crate) struct Ctx<'a> {
    pub limits: &'a Limits,
    /// How many archives enclose the current input (0 for a file on disk).
    pub depth: u32,
    pub shared: &'a Shared,
}

impl Ctx<'_> {
    pub fn nested(&self) -> Ctx<'_> {
        Ctx {
            limits: self.limits,
            depth: self.depth + 1,
            shared: self.shared,
        }
    }
}

/// Sends text to a visitor: skips blank text and splits text longer than
/// `limits.max_segment` at character boundaries.
pub(crate) struct Emitter<'v> {
    pub visitor: &'v mut dyn Visitor,
    pub max_segment: usize,
    /// Number of non-blank segments sent.
    pub sent: u64,
}

impl<'v> Emitter<'v> {
    pub fn new(visitor: &'v mut dyn Visitor, limits: &Limits) -> Self {
        Emitter {
            visitor,
            max_segment: limits.max_segment.max(16),
            sent: 0,
        }
    }

    /// Running text (no table role).
    pub fn text(&mut self, location: Location, text: &str) {
        self.emit(location, text, None, false, None);
    }

    pub fn emit(
        &mut self,
        location: Location,
        text: &str,
        header: Option<&str>,
        is_header: bool,
        record: Option<u64>,
    ) {
        let text = trim(text);
        if text.is_empty() {
            return;
        }
        // Most pieces (every table cell, most lines) are short enough to go as they are.
        if text.len() <= self.max_segment {
            self.sent += 1;
            self.visitor.segment(&Segment {
                location,
                text,
                header,
                is_header,
                record,
            });
            return;
        }
        let mut rest = text;
        while !rest.is_empty() {
            let mut cut = rest.len().min(self.max_segment);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let (piece, tail) = rest.split_at(cut);
            rest = tail;
            self.sent += 1;
            self.visitor.segment(&Segment {
                location: location.clone(),
                text: piece,
                header,
                is_header,
                record,
            });
        }
    }
}

/// `str::trim`, with ASCII spaces taken off byte by byte first: table cells and lines
/// rarely start or end with any other kind of space. (The vertical tab is a space to
/// `str::trim` but not to `trim_ascii`.)
fn trim(text: &str) -> &str {
    let t = text.trim_ascii();
    let plain = |b: &u8| b.is_ascii() && *b != 0x0b;
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(a), Some(z)) if plain(a) && plain(z) => t,
        _ => t.trim(),
    }
}

/// Runs `f`, turning a panic into `None` without printing the panic message.
///
/// A process-wide hook is installed once; it stays silent only on threads currently
/// inside `quietly`, and defers to the previous hook everywhere else.
pub(crate) fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    use std::sync::Once;
    thread_local! {
        static QUIET: Cell<u32> = const { Cell::new(0) };
    }
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(|q| q.get()) == 0 {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(q.get() + 1));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(q.get() - 1));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_as_the_standard_library_does() {
        for t in [
            "",
            " ",
            "  a b  ",
            "\u{a0}Zoë\u{2003}",
            " \u{3000}x",
            "x\u{85}",
            "\t\n\x0c7\r",
            "é",
            "\u{a0}",
            "a\u{200b}",
            "\x0b1\x0b",
            "\x1f a",
        ] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
        // Every ASCII character at either end, and some others.
        for c in (0..128u8)
            .map(char::from)
            .chain(['\u{a0}', '\u{2003}', 'é', '\u{85}'])
        {
            for t in [
                format!("{c}x{c}"),
                format!("{c}{c}"),
                format!("x{c}"),
                format!("{c}x"),
            ] {
                assert_eq!(trim(&t), t.trim(), "{t:?}");
            }
        }
    }

    #[test]
    fn locations_display_like_spreadsheets() {
        let c = |sheet: &str, row, col| Location::Cell {
            sheet: sheet.into(),
            row,
            col,
        };
        assert_eq!(c("Sheet1", 1, 1).display(), "Sheet1!B2");
        assert_eq!(c("", 0, 26).display(), "AA1");
        assert_eq!(c("Y4", 9, 701).display(), "Y4!ZZ10");
        assert_eq!(Location::Line(12).display(), "line 12");
    }

    fn ole(streams: &[&str]) -> Vec<u8> {
        use std::io::Write;
        let mut cfb = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        for s in streams {
            cfb.create_stream(s).unwrap().write_all(b"data").unwrap();
        }
        cfb.flush().unwrap();
        cfb.into_inner().into_inner()
    }

    #[test]
    fn refusals_media_and_missing_files() {
        use testutil::{run_bytes, run_file};
        let l = Limits::default();
        let c = run_file(
            "secret.docx",
            &ole(&["/EncryptedPackage", "/EncryptionInfo"]),
            &l,
        );
        assert_eq!(c.status(), Status::NotInspected(PROTECTED_REASON.into()));
        let c = run_bytes("old.doc", &ole(&["/WordDocument"]), &l);
        assert!(matches!(c.status(), Status::NotInspected(r) if r.contains(".docx")));
        let c = run_file("IMG_0001.JPG", b"\xFF\xD8\xFF\xE1 exif", &l);
        assert_eq!(c.status(), Status::Media);
        assert_eq!(c.files[0].1, "jpg");
        let c = run_bytes("clip.mp4", b"\0\0\0\x20ftypisom\0\0", &l);
        assert_eq!(c.status(), Status::Media);
        let c = run_bytes("tool.exe", b"MZ\x90\0\x03\0\0\0\x04\0", &l);
        assert_eq!(c.status(), Status::NotInspected(UNKNOWN_REASON.into()));
        let c = run_bytes("fake.docx", b"plain words", &l);
        assert!(matches!(c.status(), Status::NotInspected(r) if r.contains("damaged")));

        let mut c = testutil::Collect::default();
        extract_path(Path::new("/nonexistent/x.txt"), "x.txt", &l, &mut c);
        assert!(matches!(c.status(), Status::NotInspected(r) if r.contains("opened")));
    }

    #[test]
    fn panics_are_caught_quietly() {
        assert_eq!(quietly(|| 5), Some(5));
        let r: Option<()> = quietly(|| panic!("boom"));
        assert_eq!(r, None);
    }
}
