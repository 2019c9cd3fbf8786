//! RTF: text through the `rtf-parser` crate. RTF is 7-bit text with escapes, so the file
//! is read (bounded by `limits.max_in_memory`) as Windows-1252 and parsed whole; the text
//! is passed on paragraph by paragraph as `Part("body")`, and a table's rows as a table
//! (the first row its headers, as in a Word table).
//!
//! The crate passes paragraph, cell and row ends (`\par`, `\cell`, `\row`) over without
//! a trace, so a letter's address lines would run together ("Quennell131 Victoria
//! RoadBradfordBD9 5EA"), and it loses `\uN` characters. Before parsing, those are
//! rewritten as text the crate passes on (see [`prepare`]).

use std::io::Read;

use rtf_parser::RtfDocument;

use super::text::decode_bytes;
use super::{Ctx, Emitter, Location, Status, table, zipread::io_reason};

pub(crate) fn extract(reader: &mut dyn Read, em: &mut Emitter, ctx: &Ctx) -> Status {
    let limit = ctx.limits.max_in_memory;
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
        return Status::NotInspected(io_reason(&e, ctx));
    }
    if bytes.len() as u64 > limit {
        return Status::NotInspected("too large to read".into());
    }
    let source = prepare(&decode_bytes(&bytes));
    drop(bytes);
    let doc = match RtfDocument::try_from(source) {
        Ok(d) => d,
        Err(_) => return Status::NotInspected("damaged or unreadable RTF".into()),
    };
    let text = doc.get_text();
    let mut table = Table::default();
    for line in text.split(['\n', '\r']) {
        if line.contains(ROW_END) {
            table.row(em, line);
        } else if line.contains(CELL_END) {
            // Cells never closed as a row: read as text, cell by cell.
            table.end();
            for cell in line.split(CELL_END) {
                em.text(Location::Part("body".into()), cell);
            }
        } else {
            table.end();
            em.text(Location::Part("body".into()), line);
        }
    }
    Status::Inspected
}

/// What a cell's end becomes in the text (the "unit separator" control character).
const CELL_END: char = '\u{1f}';
/// What a row's end becomes (the "record separator").
const ROW_END: char = '\u{1e}';

/// The RTF source made ready for the crate:
/// - `\par`, `\sect` and `\page` become `\line`, which the crate turns into a line break;
/// - `\cell` becomes [`CELL_END`], and `\row` [`ROW_END`] and a line break;
/// - `\uN` (a Unicode character, then N fallback characters for old readers, N set by
///   `\ucN`) becomes the character itself: the crate loses the character and the text
///   after it ("In\u234?s" gave "In").
///
/// Escaped backslashes and braces (`\\par` is the text "\par") and longer words (`\pard`,
/// `\rowd`) are left as they are.
fn prepare(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + src.len() / 16);
    let mut rest = src;
    // `\ucN` holds to the end of its group: the value in each open group.
    let mut fallback = 1;
    let mut outer: Vec<usize> = Vec::new();
    // The first half of a character beyond U+FFFF, written as two `\u` escapes.
    let mut high: Option<u32> = None;
    // Within a table row (after `\\trowd` or `\\intbl`, before `\\row` or `\\pard`).
    let mut in_row = false;
    while let Some(i) = rest.find(['\\', '{', '}']) {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match rest.as_bytes()[i] {
            b'{' if outer.len() < 4096 => {
                outer.push(fallback);
                out.push('{');
                rest = after;
                continue;
            }
            b'{' => {
                out.push('{');
                rest = after;
                continue;
            }
            b'}' => {
                fallback = outer.pop().unwrap_or(1);
                out.push('}');
                rest = after;
                continue;
            }
            _ => {}
        }
        let bytes = after.as_bytes();
        let word_len = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        if word_len == 0 {
            // A control symbol ("\\", "\{", "\'e9"…): copied with the character it escapes.
            let symbol = after.chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[i..i + 1 + symbol]);
            rest = &after[symbol..];
            continue;
        }
        // The word's numeric parameter, if any ("\u-3913", "\uc1").
        let sign = usize::from(bytes.get(word_len) == Some(&b'-'));
        let digits = bytes[word_len + sign..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
            .min(9);
        let param: Option<i64> = (digits > 0)
            .then(|| after[word_len..word_len + sign + digits].parse().ok())
            .flatten();
        let end = word_len + if digits > 0 { sign + digits } else { 0 };
        // A space after a control word is part of it.
        let spaced = end + usize::from(bytes.get(end) == Some(&b' '));
        match (&after[..word_len], param) {
            ("u", Some(v)) => {
                let unit = (v.rem_euclid(65_536)) as u32;
                match unit {
                    0xD800..=0xDBFF => high = Some(unit),
                    0xDC00..=0xDFFF => {
                        if let Some(h) = high.take() {
                            let c = 0x10000 + ((h - 0xD800) << 10) + (unit - 0xDC00);
                            out.extend(char::from_u32(c));
                        }
                    }
                    _ => out.extend(char::from_u32(unit)),
                }
                let mut tail = &after[spaced..];
                for _ in 0..fallback {
                    tail = skip_fallback(tail);
                }
                rest = tail;
                continue;
            }
            ("uc", Some(n)) => fallback = n.clamp(0, 8) as usize,
            // Within a table row, a paragraph's or line's end is a space: the cell goes on.
            ("par" | "line", None) if in_row => {
                out.push(' ');
                rest = &after[spaced..];
                continue;
            }
            ("par" | "sect" | "page", None) => {
                out.push_str("\\line");
                rest = &after[end..];
                continue;
            }
            ("intbl" | "trowd", _) => in_row = true,
            ("pard", _) => in_row = false,
            ("cell" | "nestcell", None) => {
                out.push(CELL_END);
                rest = &after[spaced..];
                continue;
            }
            ("row" | "nestrow", None) => {
                in_row = false;
                out.push(ROW_END);
                out.push_str("\\line");
                rest = &after[end..];
                continue;
            }
            _ => {}
        }
        out.push_str(&rest[i..i + 1 + end]);
        // The crate reads a control word up to the next space: one is put after it unless
        // there is one ("\uc2\u20013" would become "\uc2中", lost as one word).
        if !after[end..].starts_with([' ', '\n', '\r', ';']) && end < after.len() {
            out.push(' ');
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// `text` after one fallback character of a `\uN` escape: a character, or a `\'hh` escape.
/// A group's brace or another control word is not a fallback character: nothing is skipped.
fn skip_fallback(text: &str) -> &str {
    if let Some(hex) = text.strip_prefix("\\'") {
        let digits = hex
            .bytes()
            .take(2)
            .take_while(u8::is_ascii_hexdigit)
            .count();
        return &hex[digits..];
    }
    match text.chars().next() {
        Some(c) if !matches!(c, '\\' | '{' | '}') => &text[c.len_utf8()..],
        _ => text,
    }
}

/// The RTF table being read: its rows come as lines of cells.
#[derive(Default)]
struct Table {
    count: u32,
    row: u32,
    /// Set once the table's first row has been read (see [`table::emit_row`]).
    headers: Option<Vec<String>>,
    open: bool,
}

impl Table {
    fn row(&mut self, em: &mut Emitter, line: &str) {
        if !self.open {
            self.open = true;
            self.count += 1;
            self.row = 0;
            self.headers = None;
        }
        let line = line.trim_end_matches([ROW_END, ' ']);
        let line = line.strip_suffix(CELL_END).unwrap_or(line);
        let cells: Vec<&str> = line.split([CELL_END, ROW_END]).map(str::trim).collect();
        let name = format!("table {}", self.count);
        table::emit_row(em, &name, self.row, &cells, &mut self.headers);
        self.row += 1;
    }

    fn end(&mut self) {
        self.open = false;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::run_bytes;
    use super::super::{Limits, Status};

    #[test]
    fn rtf_text() {
        let rtf = br"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f0\pard Pupil: {\b Jane Smith}\par DOB 01/02/2015\par Ren\'e9e \u233?x\par}";
        let c = run_bytes("letter.rtf", rtf, &Limits::default());
        assert_eq!(c.status(), Status::Inspected, "{:?}", c.files);
        let all = c.all_text();
        assert!(all.contains("Jane Smith"), "{all}");
        assert!(all.contains("DOB 01/02/2015"), "{all}");
        assert!(all.contains("Renée"), "{all}");
    }

    #[test]
    fn rtf_paragraphs_and_tables() {
        // A letter's address lines stay apart; a table's rows are a table under its first
        // row; an escaped "\\par" is text, and "\pard" is not a paragraph's end.
        let rtf = br"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f0
\pard Mrs Gemma Quennell\par
\pard 131 Victoria Road\par Bradford\par BD9 5EA\par
\trowd\cellx3000\cellx6000 \pard\intbl Name\cell\pard\intbl Date of birth\cell\row
\trowd\cellx3000\cellx6000 \pard\intbl In\u234?s Pinto\cell\pard\intbl 26/02/2018\cell\row
\pard After the table, a back\\par slash\par
\pard\uc1 Wi\u347?niewski, {\uc2\u20013\'d6\'d0} and \u-10179?\u-8704? Ren\'e9e\par
\pard Dear Mrs {\b Khan}, Mrs \b Okafor\b0  and \i Mr\i0  Jones\par
\trowd\cellx3000\cellx6000 \pard\intbl Name\cell\pard\intbl Address\cell\row
\trowd\cellx3000\cellx6000 \pard\intbl Amara Okafor\cell\pard\intbl 131 Victoria Road\par Bradford BD9 5EA\cell\row
\pard\intbl Unclosed\cell\pard\intbl Jayden Clarke\cell
\pard Odd \u233\'a\'e9 end\par}";
        let c = run_bytes("letter.rtf", rtf, &Limits::default());
        assert_eq!(c.status(), Status::Inspected, "{:?}", c.files);
        for line in [
            "Mrs Gemma Quennell",
            "131 Victoria Road",
            "Bradford",
            "BD9 5EA",
        ] {
            c.find(line);
        }
        assert_eq!(c.find("Inês Pinto").header.as_deref(), Some("Name"));
        let dob = c.find("26/02/2018");
        assert_eq!(dob.header.as_deref(), Some("Date of birth"));
        assert!(c.find("Date of birth").is_header);
        c.find("After the table, a back\\par slash");
        c.find("Wiśniewski, 中 and \u{1F600} Renée");
        c.find("Dear Mrs Khan, Mrs Okafor and Mr Jones");
        // A paragraph within a cell stays in its cell; cells never closed as a row are text.
        let address = c.find("131 Victoria Road Bradford BD9 5EA");
        assert_eq!(address.header.as_deref(), Some("Address"));
        assert!(c.find("Jayden Clarke").header.is_none());
        assert!(c.all_text().contains("end"), "{:?}", c.texts());
    }

    #[test]
    fn broken_rtf() {
        let c = run_bytes("bad.rtf", br"{\rtf1 {\b unclosed", &Limits::default());
        assert!(matches!(
            c.status(),
            Status::NotInspected(_) | Status::Inspected
        ));
    }
}
