//! HTML and XML: streamed with quick-xml. HTML is read tolerantly (unmatched or unclosed
//! tags allowed, HTML entities resolved, `<script>`/`<style>` skipped); its tables are
//! passed on as tables (the first row as headers, each row a record, as a Word
//! document's) and the rest of its text block by block as `Part("body")`. For XML each text node (and attribute
//! value) is passed with `header` = its element (or attribute) name and `record` = the
//! serial number of the enclosing record element, so record-shaped XML such as CTF files
//! (`<Pupil><UPN>…</UPN><Surname>…</Surname></Pupil>`) reads like a table.

use std::io::{BufReader, Read};

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, Event};

use super::ooxml::Flow;
use super::text::decode_bytes;
use super::{Ctx, Emitter, Location, Status, zipread::io_reason};

/// Resolves an entity or character reference to text (unknown entities are dropped).
pub(crate) fn resolve_ref(r: &BytesRef, html: bool) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = String::from_utf8_lossy(r);
    if let Some(s) = resolve_predefined_entity(&name) {
        return s.to_string();
    }
    if html {
        return match name.as_ref() {
            "nbsp" => " ",
            "pound" => "£",
            "euro" => "€",
            "copy" => "©",
            "eacute" => "é",
            "egrave" => "è",
            "aacute" => "á",
            "ouml" => "ö",
            "uuml" => "ü",
            "auml" => "ä",
            "ndash" => "–",
            "mdash" => "—",
            "rsquo" | "lsquo" => "'",
            "ldquo" | "rdquo" => "\"",
            _ => "",
        }
        .to_string();
    }
    String::new()
}

const BLOCKS: &[&[u8]] = &[
    b"p",
    b"div",
    b"br",
    b"li",
    b"tr",
    b"td",
    b"th",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"table",
    b"ul",
    b"ol",
    b"section",
    b"article",
    b"title",
    b"body",
    b"hr",
    b"dt",
    b"dd",
    b"blockquote",
    b"pre",
    b"header",
    b"footer",
    b"form",
    b"option",
    b"label",
];

pub(crate) fn extract(reader: &mut dyn Read, html: bool, em: &mut Emitter, ctx: &Ctx) -> Status {
    let mut xml = Reader::from_reader(BufReader::with_capacity(64 * 1024, reader));
    if html {
        let config = xml.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        config.check_comments = false;
        extract_html(&mut xml, em, ctx)
    } else {
        extract_xml(&mut xml, em, ctx)
    }
}

/// The table element an HTML tag opens or closes.
#[derive(Clone, Copy, PartialEq)]
enum TablePart {
    Table,
    Row,
    Cell,
}

fn table_part(name: &[u8]) -> Option<TablePart> {
    match name {
        b"table" => Some(TablePart::Table),
        b"tr" => Some(TablePart::Row),
        b"td" | b"th" => Some(TablePart::Cell),
        _ => None,
    }
}

/// HTML tables read as tables, like a Word document's: each row a record, the first row
/// the headers when it is all `<th>` cells (or, without `<th>`, short labels); other
/// blocks as paragraphs. HTML may leave
/// `</td>` and `</tr>` out, so for each open table this remembers whether a row and a cell
/// are open. Text in a table outside any cell is passed on as running text. Nesting and
/// row width are bounded, so memory stays flat whatever the markup.
struct HtmlFlow {
    flow: Flow,
    /// For each open table: (a row is open, a cell is open).
    open: Vec<(bool, bool)>,
    /// `<table>` tags beyond [`HtmlFlow::MAX_DEPTH`], read as paragraph breaks.
    too_deep: usize,
    /// How many of the open row's cells are `<th>`.
    row_th: usize,
    /// The open row's first cell is a `<th>`.
    first_th: bool,
    /// Cells in the open row.
    row_cells: usize,
}

impl HtmlFlow {
    const MAX_DEPTH: usize = 32;
    const MAX_CELLS: usize = 1024;

    fn new() -> HtmlFlow {
        HtmlFlow {
            flow: Flow::new(Location::Part("body".into()), ""),
            open: Vec::new(),
            too_deep: 0,
            row_th: 0,
            first_th: false,
            row_cells: 0,
        }
    }

    fn end_cell(&mut self) {
        if let Some(o) = self.open.last_mut()
            && o.1
        {
            self.flow.cell_end();
            o.1 = false;
        }
    }

    fn end_row(&mut self, em: &mut Emitter) {
        self.end_cell();
        if let Some(o) = self.open.last_mut()
            && o.0
        {
            // A header row is all <th>, or (old or exported HTML without <th>) short
            // labels, or a title across the table ("Pupil profile"), as a Word table's
            // first row is. A row of <th> beside <td> is a form ("Name | Jayden Clarke").
            let headers = if self.row_th > 0 {
                self.row_th == self.row_cells
            } else if self.flow.row_looks_like_headers() {
                true
            } else if self.flow.row_is_title() {
                // A header is not read for what it says; a title may say something.
                self.flow.row_as_text(em);
                true
            } else {
                false
            };
            if self.first_th && self.row_th == 1 && self.row_cells >= 2 {
                // A label and its value ("Name | Jayden Clarke", "Medical | Asthma"): a
                // form, whose rows are all about one person.
                self.flow.row_as_field(em);
            } else {
                if !headers {
                    self.flow.without_header_row();
                }
                self.flow.row_end(em);
            }
            o.0 = false;
        }
        self.row_th = 0;
        self.first_th = false;
        self.row_cells = 0;
    }

    /// Text collected while no cell was open is not a cell's.
    fn stray(&mut self, em: &mut Emitter) {
        if self.open.last().is_some_and(|o| !o.1) {
            self.flow.stray_text(em);
        }
    }

    fn start(&mut self, part: Option<TablePart>, th: bool, em: &mut Emitter) {
        match part {
            Some(TablePart::Table) if self.open.len() < Self::MAX_DEPTH => {
                self.stray(em);
                self.flow.table_start(em);
                self.open.push((false, false));
            }
            Some(TablePart::Table) => {
                self.too_deep += 1;
                self.flow.paragraph_end(em);
            }
            Some(TablePart::Row) if !self.open.is_empty() => {
                self.end_row(em);
                self.stray(em);
                self.open.last_mut().expect("a table is open").0 = true;
            }
            Some(TablePart::Cell) if !self.open.is_empty() => {
                self.end_cell();
                if self.row_cells >= Self::MAX_CELLS {
                    self.end_row(em);
                }
                self.stray(em);
                let o = self.open.last_mut().expect("a table is open");
                *o = (true, true);
                self.row_th += usize::from(th);
                self.first_th |= th && self.row_cells == 0;
                self.row_cells += 1;
            }
            _ => self.flow.paragraph_end(em),
        }
    }

    fn end(&mut self, part: Option<TablePart>, em: &mut Emitter) {
        match part {
            Some(TablePart::Table) if self.too_deep > 0 => {
                self.too_deep -= 1;
                self.flow.paragraph_end(em);
            }
            Some(TablePart::Table) if !self.open.is_empty() => {
                self.end_row(em);
                self.stray(em);
                self.open.pop();
                self.flow.table_end();
            }
            Some(TablePart::Row) if !self.open.is_empty() => self.end_row(em),
            Some(TablePart::Cell) if !self.open.is_empty() => self.end_cell(),
            _ => self.flow.paragraph_end(em),
        }
    }

    fn finish(&mut self, em: &mut Emitter) {
        self.too_deep = 0;
        while !self.open.is_empty() {
            self.end(Some(TablePart::Table), em);
        }
        self.flow.finish(em);
    }
}

fn extract_html<R: std::io::BufRead>(xml: &mut Reader<R>, em: &mut Emitter, ctx: &Ctx) -> Status {
    let mut buf = Vec::new();
    let mut skip: Option<Vec<u8>> = None;
    let mut errors = 0;
    let mut out = HtmlFlow::new();
    loop {
        buf.clear();
        let ev = xml.read_event_into(&mut buf);
        if let Some(name) = &skip {
            // Script text is not markup: `if (a < b)` can swallow the closing tag into a
            // bogus element, so also look for it in the raw bytes.
            let mut end = b"</".to_vec();
            end.extend_from_slice(name);
            let raw = match &ev {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => e.to_ascii_lowercase(),
                Ok(Event::Text(t)) => t.to_ascii_lowercase(),
                _ => Vec::new(),
            };
            if raw.windows(end.len()).any(|w| w == end.as_slice())
                || matches!(&ev, Ok(Event::End(e)) if [&b"head"[..], b"body", b"html"].contains(&e.local_name().as_ref()))
            {
                skip = None;
                continue;
            }
        }
        match ev {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if name == b"script" || name == b"style" {
                    skip = Some(name);
                } else if BLOCKS.contains(&name.as_slice()) {
                    out.start(table_part(&name), name == b"th", em);
                }
            }
            Ok(Event::End(e)) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if skip.as_deref() == Some(name.as_slice()) {
                    skip = None;
                } else if BLOCKS.contains(&name.as_slice()) {
                    out.end(table_part(&name), em);
                } else {
                    out.flow.text(em, " ");
                }
            }
            Ok(Event::Empty(e)) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                match table_part(&name) {
                    // <td/>: an empty cell keeps the columns after it in place.
                    Some(TablePart::Cell) => {
                        out.start(Some(TablePart::Cell), name == b"th", em);
                        out.end(Some(TablePart::Cell), em);
                    }
                    Some(_) => {}
                    None if BLOCKS.contains(&name.as_slice()) => out.flow.paragraph_end(em),
                    None => {}
                }
            }
            Ok(Event::Text(t)) if skip.is_none() => out.flow.text(em, &decode_bytes(&t)),
            Ok(Event::CData(t)) if skip.is_none() => out.flow.text(em, &decode_bytes(&t)),
            Ok(Event::GeneralRef(r)) if skip.is_none() => {
                out.flow.text(em, &resolve_ref(&r, true));
            }
            Ok(_) => {}
            Err(quick_xml::Error::Io(e)) => return Status::NotInspected(io_reason(&e, ctx)),
            Err(_) => {
                // Tolerate broken markup: the reader resumes after the bad bit.
                errors += 1;
                if errors > 10_000 {
                    break;
                }
            }
        }
    }
    out.finish(em);
    Status::Inspected
}

fn extract_xml<R: std::io::BufRead>(xml: &mut Reader<R>, em: &mut Emitter, ctx: &Ctx) -> Status {
    let mut buf = Vec::new();
    // (element name, its serial number)
    let mut stack: Vec<(String, u64)> = Vec::new();
    let mut serial = 0u64;
    let mut text = String::new();
    let max = em.max_segment;
    let flush = |em: &mut Emitter, stack: &[(String, u64)], text: &mut String| {
        if text.trim().is_empty() {
            text.clear();
            return;
        }
        let (name, _) = stack.last().cloned().unwrap_or_default();
        let record = stack.len().checked_sub(2).map(|i| stack[i].1);
        let location = match stack.len() {
            0 => Location::Part("text".into()),
            1 => Location::Part(name.clone()),
            n => Location::Part(format!("{}/{}", stack[n - 2].0, name)),
        };
        em.emit(
            location,
            text,
            Some(&name).filter(|n| !n.is_empty()).map(|n| n.as_str()),
            false,
            record,
        );
        text.clear();
    };
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) => break,
            Ok(ev @ (Event::Start(_) | Event::Empty(_))) => {
                flush(em, &stack, &mut text);
                let (e, empty) = match &ev {
                    Event::Start(e) => (e, false),
                    Event::Empty(e) => (e, true),
                    _ => unreachable!(),
                };
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                serial += 1;
                for attr in e.attributes().flatten() {
                    let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
                    if attr.key.as_ref().starts_with(b"xmlns") {
                        continue;
                    }
                    if let Ok(v) = attr.decode_and_unescape_value(xml.decoder()) {
                        let loc = Location::Part(format!("{name}@{key}"));
                        em.emit(loc, &v, Some(&key), false, Some(serial));
                    }
                }
                if !empty {
                    stack.push((name, serial));
                }
            }
            Ok(Event::End(_)) => {
                flush(em, &stack, &mut text);
                stack.pop();
            }
            Ok(Event::Text(t)) => text.push_str(&decode_bytes(&t)),
            Ok(Event::CData(t)) => text.push_str(&decode_bytes(&t)),
            Ok(Event::GeneralRef(r)) => text.push_str(&resolve_ref(&r, false)),
            Ok(_) => {}
            Err(quick_xml::Error::Io(e)) => return Status::NotInspected(io_reason(&e, ctx)),
            Err(_) => {
                flush(em, &stack, &mut text);
                return Status::NotInspected("damaged or unreadable XML".into());
            }
        }
        if text.len() > max {
            flush(em, &stack, &mut text);
        }
    }
    flush(em, &stack, &mut text);
    Status::Inspected
}

#[cfg(test)]
mod tests {
    use super::super::testutil::run_bytes;
    use super::super::{Limits, Status};

    #[test]
    fn html_text_without_scripts() {
        let html = b"<!DOCTYPE html><html><head><title>Class list</title><style>p{color:red}</style>
            <script>if (a < b && c) { x = '<p>'; }</script></head>
            <body><p>Jane <b>Smith</b> &amp; Tom&nbsp;Jones<br>DOB 01/02/2015<p>Unclosed &pound;5</body></html>";
        let c = run_bytes("page.html", html, &Limits::default());
        assert_eq!(c.status(), Status::Inspected);
        let all = c.all_text();
        assert!(all.contains("Class list"), "{all}");
        assert!(
            all.contains("Jane Smith  & Tom Jones") || all.contains("Jane Smith & Tom Jones"),
            "{all}"
        );
        assert!(all.contains("DOB 01/02/2015"));
        assert!(all.contains("Unclosed £5"));
        assert!(!all.contains("color"));
        assert!(!all.contains("x ="), "{all}");
    }

    #[test]
    fn html_tables_read_as_tables() {
        // The second table leaves out </td> and </tr>, as HTML allows.
        let html = b"<html><body><p>Provision map</p>
            <table><tr><th>Pupil</th><th>Need</th></tr>
            <tr><td>Ecrin <b>Aydin</b></td><td>SEN Support<br>SEMH</td></tr></table>
            <p>Between</p>
            <table><tr><td>Name<td>Class
            <tr><td>Filip Dabrowski<td>3B
            <tr><td>Zofia Nowak<td>3A</table><p>After</p></body></html>";
        let c = run_bytes("map.html", html, &Limits::default());
        assert_eq!(c.status(), Status::Inspected);
        let need = c.find("SEN Support SEMH");
        assert_eq!(need.header.as_deref(), Some("Need"));
        assert_eq!(need.location.display(), "table 1!B2");
        assert_eq!(c.find("Ecrin Aydin").record, need.record);
        assert!(c.find("Pupil").is_header);
        let filip = c.find("Filip Dabrowski");
        assert_eq!(filip.header.as_deref(), Some("Name"));
        assert_eq!(c.find("3B").record, filip.record);
        assert_eq!(c.find("3B").header.as_deref(), Some("Class"));
        assert_ne!(c.find("Zofia Nowak").record, filip.record);
        assert_eq!(c.find("3A").location.display(), "table 2!B3");
        for p in ["Provision map", "Between", "After"] {
            assert_eq!(
                c.find(p).location,
                super::super::Location::Part("body".into())
            );
        }
    }

    #[test]
    fn html_tables_without_headers_stray_text_and_empty_cells() {
        // A table without <th>: its first row is data. Text between rows, a <td/>, and a
        // table never closed: nothing is lost and columns stay in place.
        let html = b"<table><tr><td><p>Jayden Clarke has asthma.</p></td></tr>
            <tr><td>Name</td><td>Jayden</td></tr> stray note
            </table>
            <table><tr><th>Pupil</th><th>Class</th><th>Need</th></tr>
            <tr><td>Zofia Nowak</td><td/><td>Autism</td></tr>
            <tr><td>Leo</td><td>3B</td><td>None</td></tr></table>
            <table><tr><th>Name</th><td>Jayden Clarke</td></tr>
            <tr><th>Medical</th><td>Asthma</td></tr>
            <p>Amara Okafor has an EHCP.</p>";
        let c = run_bytes("layout.html", html, &Limits::default());
        assert_eq!(c.status(), Status::Inspected);
        // A first row of one short cell is a title across the table: the table's header
        // row, as a Word table's first row is, and read as text too.
        let first = c.find("Jayden Clarke has asthma.");
        assert!(!first.is_header);
        assert_eq!(first.location, super::super::Location::Part("body".into()));
        assert!(
            c.segs
                .iter()
                .any(|s| s.is_header && s.text == "Jayden Clarke has asthma.")
        );
        assert_eq!(
            c.find("stray note").location,
            super::super::Location::Part("body".into())
        );
        assert_eq!(c.find("Autism").header.as_deref(), Some("Need"));
        assert!(c.all_text().contains("Amara Okafor has an EHCP."));
        // A table of labels and values reads as a form's fields.
        let medical = c.find("Medical: Asthma");
        assert_eq!(
            medical.location,
            super::super::Location::Part("body".into())
        );
        c.find("Name: Jayden Clarke");
    }

    #[test]
    fn html_nesting_and_width_are_bounded() {
        let mut html = b"<table>".repeat(10_000);
        html.extend(b"<tr>".iter().chain(b"<td>x".repeat(5_000).iter()));
        html.extend(b"Amara Okafor</table>");
        let c = run_bytes("deep.html", &html, &Limits::default());
        assert_eq!(c.status(), Status::Inspected);
        assert!(c.all_text().contains("Amara Okafor"));
    }

    #[test]
    fn xml_records_like_a_table() {
        let xml = br#"<?xml version="1.0"?><CTfile><Pupils>
            <Pupil><UPN>A123</UPN><Surname>Smith &amp; Co</Surname></Pupil>
            <Pupil id="7"><UPN>B456</UPN><Surname>Jones</Surname></Pupil></Pupils></CTfile>"#;
        let c = run_bytes("ctf.xml", xml, &Limits::default());
        assert_eq!(c.status(), Status::Inspected);
        let s = c.find("Smith & Co");
        assert_eq!(s.header.as_deref(), Some("Surname"));
        assert_eq!(s.location.display(), "Pupil/Surname");
        let a = c.find("A123");
        assert_eq!(a.record, s.record);
        let j = c.find("Jones");
        assert_ne!(j.record, s.record);
        assert_eq!(c.find("7").header.as_deref(), Some("id"));
        assert_eq!(c.find("7").record, j.record);
    }

    #[test]
    fn broken_xml_and_invalid_utf8() {
        let c = run_bytes("bad.xml", b"<a><b>text</c></a>", &Limits::default());
        assert!(matches!(c.status(), Status::NotInspected(_)));
        let c = run_bytes("x.xml", b"<a>caf\xe9</a>", &Limits::default());
        // Invalid UTF-8 is read leniently rather than refused.
        assert_eq!(c.status(), Status::Inspected);
    }
}
