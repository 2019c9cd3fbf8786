//! Office Open XML documents: docx (body, tables, headers, footers, footnotes, endnotes,
//! comments, tracked insertions and deletions) and pptx (slides, notes). Each part is
//! streamed from the zip through the bounded member reader and parsed with quick-xml.
//! Also holds [`Flow`], the paragraph-and-table collector shared with OpenDocument text.

use std::io::{BufReader, Read, Seek};

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::ZipArchive;

use super::markup::resolve_ref;
use super::{Ctx, Emitter, Location, Status, table, zipread};

/// Collects running text into paragraphs and table cells into rows.
pub(crate) struct Flow {
    /// Where running text is reported.
    pub location: Location,
    /// Prefix of table names ("" for the body, "header " for headers…).
    pub table_prefix: String,
    para: String,
    tables: Vec<TableState>,
    table_count: u32,
}

struct TableState {
    name: String,
    row: u32,
    headers: Option<Vec<String>>,
    cells: Vec<String>,
    cell: String,
}

impl Flow {
    pub fn new(location: Location, table_prefix: &str) -> Self {
        Flow {
            location,
            table_prefix: table_prefix.to_string(),
            para: String::new(),
            tables: Vec::new(),
            table_count: 0,
        }
    }

    pub fn text(&mut self, em: &mut Emitter, s: &str) {
        match self.tables.last_mut() {
            Some(t) => {
                t.cell.push_str(s);
                // A cell longer than any table cell should be (a page laid out in one
                // cell): passed on as running text so far, so memory stays bounded and
                // nothing is left unread.
                if t.cell.len() > em.max_segment * 4 {
                    em.text(self.location.clone(), &t.cell);
                    t.cell.clear();
                }
            }
            None => {
                self.para.push_str(s);
                if self.para.len() > em.max_segment {
                    em.text(self.location.clone(), &self.para);
                    self.para.clear();
                }
            }
        }
    }

    pub fn paragraph_end(&mut self, em: &mut Emitter) {
        match self.tables.last_mut() {
            Some(t) => t.cell.push('\n'),
            None => {
                em.text(self.location.clone(), &self.para);
                self.para.clear();
            }
        }
    }

    pub fn table_start(&mut self, em: &mut Emitter) {
        if self.tables.is_empty() {
            em.text(self.location.clone(), &self.para);
            self.para.clear();
        }
        self.table_count += 1;
        self.tables.push(TableState {
            name: format!("{}table {}", self.table_prefix, self.table_count),
            row: 0,
            headers: None,
            cells: Vec::new(),
            cell: String::new(),
        });
    }

    pub fn cell_end(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            let cell = std::mem::take(&mut t.cell);
            t.cells.push(cell.trim().replace('\n', " "));
        }
    }

    pub fn row_end(&mut self, em: &mut Emitter) {
        if let Some(t) = self.tables.last_mut() {
            let cells = std::mem::take(&mut t.cells);
            table::emit_row(em, &t.name, t.row, &cells, &mut t.headers);
            t.row += 1;
        }
    }

    /// Passes on text collected in the current table outside any cell (HTML may have
    /// text between rows, or a table never closed), as running text.
    pub fn stray_text(&mut self, em: &mut Emitter) {
        if let Some(t) = self.tables.last_mut() {
            em.text(self.location.clone(), &t.cell);
            t.cell.clear();
        }
    }

    /// Passes on the open row as a form's field ("Medical: Asthma - inhaler in office"),
    /// running text, rather than as a table row: for a table of labels and values.
    pub fn row_as_field(&mut self, em: &mut Emitter) {
        if let Some(t) = self.tables.last_mut() {
            let cells = std::mem::take(&mut t.cells);
            if let Some((label, values)) = cells.split_first() {
                em.text(
                    self.location.clone(),
                    &format!("{label}: {}", values.join(" ")),
                );
            }
        }
    }

    /// Whether the current table's open row reads as a header row: two cells or more,
    /// each a short label without figures ("Pupil", "Class", "Need").
    pub fn row_looks_like_headers(&self) -> bool {
        self.tables.last().is_some_and(|t| {
            t.cells.len() >= 2
                && t.cells.iter().all(|c| {
                    !c.is_empty() && c.len() <= 40 && !c.bytes().any(|b| b.is_ascii_digit())
                })
        })
    }

    /// Whether the current table's open row is its first and reads as a title across the
    /// table: one short cell ("Pupil profile", "Year 5 trip consent 2025").
    pub fn row_is_title(&self) -> bool {
        self.tables.last().is_some_and(|t| {
            t.row == 0
                && t.headers.is_none()
                && matches!(&t.cells[..], [c] if !c.is_empty() && c.len() <= 60)
        })
    }

    /// Passes on the open row's cells as running text too (a title row, which may say
    /// something itself: "Jayden Clarke - medical plan").
    pub fn row_as_text(&mut self, em: &mut Emitter) {
        if let Some(t) = self.tables.last() {
            for c in &t.cells {
                em.text(self.location.clone(), c);
            }
        }
    }

    /// The current table's first row holds data, not headers (an HTML table without
    /// `<th>`): every row is then a record without column headers. Acts only before the
    /// first row has been passed on.
    pub fn without_header_row(&mut self) {
        if let Some(t) = self.tables.last_mut()
            && t.row == 0
            && t.headers.is_none()
        {
            t.headers = Some(Vec::new());
        }
    }

    pub fn table_end(&mut self) {
        self.tables.pop();
    }

    pub fn finish(&mut self, em: &mut Emitter) {
        em.text(self.location.clone(), &self.para);
        self.para.clear();
    }
}

/// Streams one part of a zip through quick-xml, calling `on` for each event.
pub(crate) fn stream_part<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    name: &str,
    ctx: &Ctx,
    mut on: impl FnMut(&Event) -> bool,
) -> Result<(), String> {
    let Some(index) = zip.index_for_name(name) else {
        return Ok(());
    };
    let member = zipread::open(zip, index, ctx)?;
    let mut xml = Reader::from_reader(BufReader::with_capacity(64 * 1024, member));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) => return Ok(()),
            Ok(ev) => {
                if let Event::Text(t) = &ev
                    && std::str::from_utf8(t).is_err()
                {
                    return Err("damaged or unreadable file (invalid characters)".into());
                }
                if !on(&ev) {
                    return Ok(());
                }
            }
            Err(quick_xml::Error::Io(e)) => return Err(zipread::io_reason(&e, ctx)),
            Err(_) if ctx.shared.tripped.get() => return Err(ctx.shared.reason().into()),
            Err(_) => return Err("damaged or unreadable file".into()),
        }
    }
}

/// Text of a word-processing or presentation part into `flow`. `text_elems` are the
/// elements whose text content is document text.
fn read_flow<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    part: &str,
    flow: &mut Flow,
    em: &mut Emitter,
    ctx: &Ctx,
) -> Result<(), String> {
    let mut in_text = 0u32;
    let mut skip = 0u32;
    stream_part(zip, part, ctx, |ev| {
        match ev {
            Event::Start(e) => {
                let n = e.local_name();
                let n = n.as_ref();
                if skip > 0 || n == b"Fallback" {
                    skip += 1;
                    return true;
                }
                match n {
                    b"t" | b"delText" => in_text += 1,
                    b"tbl" => flow.table_start(em),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    return true;
                }
                match e.local_name().as_ref() {
                    b"t" | b"delText" => in_text = in_text.saturating_sub(1),
                    b"p" => flow.paragraph_end(em),
                    b"tc" => flow.cell_end(),
                    b"tr" => flow.row_end(em),
                    b"tbl" => flow.table_end(),
                    _ => {}
                }
            }
            Event::Empty(e) if skip == 0 => match e.local_name().as_ref() {
                b"tab" => flow.text(em, "\t"),
                b"br" | b"cr" => flow.text(em, "\n"),
                b"tc" => flow.cell_end(),
                _ => {}
            },
            Event::Text(t) if in_text > 0 && skip == 0 => {
                flow.text(em, &String::from_utf8_lossy(t));
            }
            Event::GeneralRef(r) if in_text > 0 && skip == 0 => {
                flow.text(em, &resolve_ref(r, false));
            }
            _ => {}
        }
        true
    })?;
    flow.finish(em);
    Ok(())
}

/// The number in a part name such as `word/header12.xml` or `ppt/slides/slide3.xml`.
fn part_number(name: &str) -> u32 {
    let stem = name
        .rsplit('/')
        .next()
        .unwrap_or(name)
        .trim_end_matches(".xml");
    let digits: String = stem
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .chars()
        .rev()
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}

fn parts_matching<R: Read + Seek>(zip: &ZipArchive<R>, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = zip
        .file_names()
        .filter(|n| {
            n.starts_with(prefix) && n.ends_with(".xml") && !n[prefix.len()..].contains('/')
        })
        .map(str::to_string)
        .collect();
    names.sort_by_key(|n| (part_number(n), n.clone()));
    names
}

fn finish(result: Result<(), String>) -> Status {
    match result {
        Ok(()) => Status::Inspected,
        Err(reason) => Status::NotInspected(reason),
    }
}

pub(crate) fn docx<R: Read + Seek>(zip: &mut ZipArchive<R>, em: &mut Emitter, ctx: &Ctx) -> Status {
    if zip.index_for_name("word/document.xml").is_none() {
        return Status::NotInspected("damaged or unreadable file".into());
    }
    // Headers first, as a reader sees them at the top of the page ("Reference draft —
    // OLUWASEUN ADEBAYO (13C)" above "Seun has sickle cell disease…"); then the body, and
    // footers after it.
    let docx_parts = parts_matching(zip, "word/");
    let named = |prefix: &str, label: &'static str| -> Vec<(String, &'static str)> {
        docx_parts
            .iter()
            .filter(|n| n.starts_with(prefix))
            .map(|n| (n.clone(), label))
            .collect()
    };
    let mut parts = named("word/header", "header");
    parts.push(("word/document.xml".into(), "body"));
    parts.extend(named("word/footer", "footer"));
    for (name, label) in [
        ("word/footnotes.xml", "footnotes"),
        ("word/endnotes.xml", "endnotes"),
        ("word/comments.xml", "comments"),
    ] {
        parts.push((name.into(), label));
    }
    let result = parts.iter().try_for_each(|(name, label)| {
        let prefix = if *label == "body" {
            String::new()
        } else {
            format!("{label} ")
        };
        let mut flow = Flow::new(Location::Part(label.to_string()), &prefix);
        read_flow(zip, name, &mut flow, em, ctx)
    });
    finish(result)
}

pub(crate) fn pptx<R: Read + Seek>(zip: &mut ZipArchive<R>, em: &mut Emitter, ctx: &Ctx) -> Status {
    let slides = parts_matching(zip, "ppt/slides/");
    let notes = parts_matching(zip, "ppt/notesSlides/");
    if slides.is_empty() && zip.index_for_name("ppt/presentation.xml").is_none() {
        return Status::NotInspected("damaged or unreadable file".into());
    }
    let result = slides
        .iter()
        .map(|s| {
            (
                s,
                Location::Slide(part_number(s)),
                format!("slide {} ", part_number(s)),
            )
        })
        .chain(notes.iter().map(|s| {
            let n = part_number(s);
            (
                s,
                Location::Part(format!("notes slide {n}")),
                format!("notes slide {n} "),
            )
        }))
        .try_for_each(|(name, location, prefix)| {
            let mut flow = Flow::new(location, &prefix);
            read_flow(zip, name, &mut flow, em, ctx)
        });
    finish(result)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{run_bytes, run_file, zip_bytes};
    use super::super::{Limits, Location, Status};

    const CT: (&str, &[u8]) = ("[Content_Types].xml", b"<Types/>");

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn docx_parts_tables_and_revisions() {
        let body = doc(
            r#"<w:p><w:r><w:t>Report for </w:t></w:r><w:ins><w:r><w:t>Jane</w:t></w:r></w:ins><w:del><w:r><w:delText> Smyth</w:delText></w:r></w:del><w:r><w:tab/><w:t xml:space="preserve">&amp; family</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>UPN</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Tom Jones</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>A1234</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <mc:AlternateContent><mc:Choice><w:p><w:r><w:t>Box</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>Box</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>"#,
        );
        let header = r#"<w:hdr xmlns:w="w"><w:p><w:r><w:t>Oak Class</w:t></w:r></w:p></w:hdr>"#;
        let comments = r#"<w:comments xmlns:w="w"><w:comment><w:p><w:r><w:t>Check DOB</w:t></w:r></w:p></w:comment></w:comments>"#;
        let bytes = zip_bytes(&[
            CT,
            ("word/document.xml", body.as_bytes()),
            ("word/header1.xml", header.as_bytes()),
            ("word/comments.xml", comments.as_bytes()),
        ]);
        let c = run_file("report.docx", &bytes, &Limits::default());
        assert_eq!(c.files[0].1, "docx");
        assert_eq!(c.status(), Status::Inspected);
        let p = c.find("Report for Jane Smyth\t& family");
        assert_eq!(p.location, Location::Part("body".into()));
        let name = c.find("Name");
        assert!(name.is_header);
        assert_eq!(name.location.display(), "table 1!A1");
        let tom = c.find("Tom Jones");
        assert_eq!(tom.header.as_deref(), Some("Name"));
        assert_eq!(tom.record, Some(1));
        assert_eq!(c.find("A1234").header.as_deref(), Some("UPN"));
        assert_eq!(c.texts().iter().filter(|t| *t == "Box").count(), 1);
        assert_eq!(
            c.find("Oak Class").location,
            Location::Part("header".into())
        );
        assert_eq!(
            c.find("Check DOB").location,
            Location::Part("comments".into())
        );
        // The header as a reader sees it, above the body; comments after.
        let texts = c.texts();
        let at = |t: &str| texts.iter().position(|x| x == t).unwrap();
        assert!(at("Oak Class") < at("Report for Jane Smyth\t& family"));
        assert!(at("Check DOB") > at("Box"));
    }

    #[test]
    fn pptx_slides_and_notes() {
        let slide = |t: &str| {
            format!(
                r#"<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>{t}</a:t></a:r></a:p></p:sld>"#
            )
        };
        let (s1, s2, n2) = (
            slide("Welcome"),
            slide("Pupil: Amy Lee"),
            slide("Say hi to Amy"),
        );
        let bytes = zip_bytes(&[
            CT,
            ("ppt/presentation.xml", b"<p/>"),
            ("ppt/slides/slide10.xml", s2.as_bytes()),
            ("ppt/slides/slide2.xml", s1.as_bytes()),
            ("ppt/notesSlides/notesSlide10.xml", n2.as_bytes()),
        ]);
        let c = run_bytes("deck.pptx", &bytes, &Limits::default());
        assert_eq!(c.status(), Status::Inspected);
        assert_eq!(c.texts(), ["Welcome", "Pupil: Amy Lee", "Say hi to Amy"]);
        assert_eq!(c.segs[1].location, Location::Slide(10));
        assert_eq!(c.segs[2].location.display(), "notes slide 10");
    }

    #[test]
    fn truncated_and_invalid_docx() {
        let body = doc("<w:p><w:r><w:t>Hello</w:t></w:r></w:p>");
        let bytes = zip_bytes(&[CT, ("word/document.xml", body.as_bytes())]);
        let c = run_bytes("a.docx", &bytes[..bytes.len() / 2], &Limits::default());
        assert!(
            matches!(c.status(), Status::NotInspected(r) if r.contains("damaged")),
            "{:?}",
            c.files
        );
        let bad = zip_bytes(&[
            CT,
            (
                "word/document.xml",
                b"<w:document><w:body><w:p><w:t>caf\xe9</w:t></w:p>",
            ),
        ]);
        let c = run_bytes("b.docx", &bad, &Limits::default());
        assert!(matches!(c.status(), Status::NotInspected(r) if r.contains("damaged")));
    }
}
