//! Spreadsheets (xlsx/xlsm, xls, ods) through calamine, every sheet. The first non-empty
//! row of a sheet is its header row; later cells carry their column's header and their row
//! as the record. Dates come out as ISO `YYYY-MM-DD`, integral numbers without `.0`.
//! calamine holds a sheet in memory and trusts zip headers, so xlsx/ods containers are
//! first decompressed once through the bounded reader to prove they keep within limits.
//! The notes on xlsx cells, which calamine does not read, come from [`sheet_notes`], each
//! after its row's cells.

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};

use calamine::{Data, Range, Reader, Sheets};
use zip::ZipArchive;

use super::sheet_notes::{self, Note};
use super::{Ctx, Emitter, Location, PROTECTED_REASON, Status, table, zipread};

/// A cell as text ("" for empty).
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, min, s, _) = dt.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) || dt.as_f64() >= 1.0 {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{h:02}:{min:02}:{s:02}")
            }
        }
        Data::DateTime(dt) => float_text(dt.as_f64()),
        Data::DateTimeIso(s) => match s.get(..10) {
            Some(date) if date.as_bytes().get(4) == Some(&b'-') => date.to_string(),
            _ => s.clone(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) => String::new(),
    }
}

fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Emits a sheet's cells row by row, each row followed by the notes on its cells
/// (`notes` in row order): a note is read as one more cell of its row.
fn emit_range(em: &mut Emitter, sheet: &str, range: &Range<Data>, notes: &[Note]) {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut headers: Option<Vec<String>> = None;
    let mut notes = notes.iter().peekable();
    let mut emit_notes = |em: &mut Emitter, through: u32| {
        while let Some((row, col, text)) = notes.next_if(|n| n.0 <= through) {
            let location = Location::Cell {
                sheet: sheet.to_string(),
                row: *row,
                col: *col,
            };
            em.emit(location, text, None, false, Some(u64::from(*row)));
        }
    };
    for (i, row) in range.rows().enumerate() {
        // Cells keep their true columns: pad with the columns before the range.
        let mut cells: Vec<String> = vec![String::new(); col0 as usize];
        cells.extend(row.iter().map(cell_text));
        let r = row0 + i as u32;
        table::emit_row(em, sheet, r, &cells, &mut headers);
        emit_notes(em, r);
    }
    // Notes on cells beyond the sheet's values (on an empty cell).
    emit_notes(em, u32::MAX);
}

fn read_all<RS: Read + Seek>(
    mut book: Sheets<RS>,
    notes: &HashMap<String, Vec<Note>>,
    em: &mut Emitter,
) -> Status {
    for name in book.sheet_names() {
        let notes = notes.get(&name).map_or(&[][..], Vec::as_slice);
        match book.worksheet_range(&name) {
            Ok(range) => emit_range(em, &name, &range, notes),
            Err(e) => return Status::NotInspected(reason(&e.to_string())),
        }
    }
    Status::Inspected
}

fn reason(message: &str) -> String {
    if message.contains("assword") {
        PROTECTED_REASON.into()
    } else {
        "damaged or unreadable spreadsheet".into()
    }
}

pub(crate) fn extract_zip<R: Read + Seek>(
    mut zip: ZipArchive<R>,
    ods: bool,
    em: &mut Emitter,
    ctx: &Ctx,
) -> Status {
    if let Err(reason) = zipread::verify_all(&mut zip, ctx) {
        return Status::NotInspected(reason);
    }
    let xlsb = !ods && zip.index_for_name("xl/workbook.bin").is_some();
    let notes = if ods || xlsb {
        HashMap::new()
    } else {
        // Notes are extra: a damaged comments part leaves the cells to be read without
        // them. (A limit tripped while reading it still ends the file, as it would later.)
        match sheet_notes::notes(&mut zip, ctx) {
            Ok(notes) => notes,
            Err(reason) if ctx.shared.tripped.get() => return Status::NotInspected(reason),
            Err(_) => HashMap::new(),
        }
    };
    let mut inner = zip.into_inner();
    if inner.seek(SeekFrom::Start(0)).is_err() {
        return Status::NotInspected("could not be read".into());
    }
    let book = if xlsb {
        calamine::Xlsb::new(inner)
            .map(Sheets::Xlsb)
            .map_err(|e| e.to_string())
    } else if ods {
        calamine::Ods::new(inner)
            .map(Sheets::Ods)
            .map_err(|e| e.to_string())
    } else {
        calamine::Xlsx::new(inner)
            .map(Sheets::Xlsx)
            .map_err(|e| e.to_string())
    };
    match book {
        Ok(book) => read_all(book, &notes, em),
        Err(e) => Status::NotInspected(reason(&e)),
    }
}

pub(crate) fn extract_xls<R: Read + Seek>(inner: R, em: &mut Emitter, _ctx: &Ctx) -> Status {
    match calamine::Xls::new(inner) {
        Ok(book) => read_all(Sheets::Xls(book), &HashMap::new(), em),
        Err(e) => Status::NotInspected(reason(&e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{run_bytes, zip_bytes};
    use super::super::{Limits, Location, Status};

    pub(crate) fn xlsx(sheet_xml: &str) -> Vec<u8> {
        xlsx_with(sheet_xml, &[])
    }

    /// [`xlsx`] with more parts (a sheet's relationships, its comments).
    fn xlsx_with(sheet_xml: &str, more: &[(&str, &[u8])]) -> Vec<u8> {
        let ct = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
        let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let wb = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Y4" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        let wbrels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
        let styles = r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"/><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
        let sheet = format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_xml}</sheetData></worksheet>"#
        );
        let mut parts = vec![
            ("[Content_Types].xml", ct.as_bytes()),
            ("_rels/.rels", rels.as_bytes()),
            ("xl/workbook.xml", wb.as_bytes()),
            ("xl/_rels/workbook.xml.rels", wbrels.as_bytes()),
            ("xl/styles.xml", styles.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ];
        parts.extend_from_slice(more);
        zip_bytes(&parts)
    }

    #[test]
    fn notes_on_cells_are_read_after_their_row() {
        let sheet_rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/></Relationships>"#;
        let comments = r#"<?xml version="1.0"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Head of Year</author></authors><commentList>
            <comment ref="C3" authorId="0"><text><r><rPr><b/></rPr><t>Head of Year:</t></r><r><t xml:space="preserve">
On the CAMHS waiting list &amp; ADHD assessment</t></r></text></comment>
            <comment ref="Z40" authorId="0"><text><t>Check with office</t></text></comment>
            <comment ref="B2" authorId="0"><text><t>Header note</t></text></comment>
            </commentList></comments>"#;
        let bytes = xlsx_with(
            r#"<row r="2"><c r="B2" t="inlineStr"><is><t>Name</t></is></c><c r="C2" t="inlineStr"><is><t>Option</t></is></c></row>
               <row r="3"><c r="B3" t="inlineStr"><is><t>Ann Lee</t></is></c><c r="C3" t="inlineStr"><is><t>Art</t></is></c></row>
               <row r="4"><c r="B4" t="inlineStr"><is><t>Bo Ng</t></is></c></row>"#,
            &[
                ("xl/worksheets/_rels/sheet1.xml.rels", sheet_rels.as_bytes()),
                ("xl/comments1.xml", comments.as_bytes()),
            ],
        );
        let c = run_bytes("options.xlsx", &bytes, &Limits::default());
        assert_eq!(c.status(), Status::Inspected, "{:?}", c.files);
        let texts: Vec<&str> = c.segs.iter().map(|s| s.text.as_str()).collect();
        let note = "Head of Year:\nOn the CAMHS waiting list & ADHD assessment";
        // In order: the header row and its note, row 3 and its note, row 4, then the
        // note on an empty cell.
        assert_eq!(
            texts,
            [
                "Name",
                "Option",
                "Header note",
                "Ann Lee",
                "Art",
                note,
                "Bo Ng",
                "Check with office"
            ]
        );
        let n = c.find(note);
        assert_eq!(n.location.display(), "Y4!C3");
        assert_eq!(n.record, Some(2), "the row of the cell it is on");
        assert_eq!(n.header, None);
        assert_eq!(c.find("Check with office").location.display(), "Y4!Z40");
        // A damaged comments part: the cells are still read, without the notes.
        let broken = xlsx_with(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>
               <row r="2"><c r="A2" t="inlineStr"><is><t>Ann Lee</t></is></c></row>"#,
            &[
                ("xl/worksheets/_rels/sheet1.xml.rels", sheet_rels.as_bytes()),
                (
                    "xl/comments1.xml",
                    b"<comments><commentList><comment ref=\"A2\"><text><t>unclosed",
                ),
            ],
        );
        let c = run_bytes("broken.xlsx", &broken, &Limits::default());
        assert_eq!(c.status(), Status::Inspected, "{:?}", c.files);
        assert_eq!(c.find("Ann Lee").location.display(), "Y4!A2");
        // A workbook without notes reads as before.
        let plain = run_bytes(
            "plain.xlsx",
            &xlsx("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Name</t></is></c></row>"),
            &Limits::default(),
        );
        assert_eq!(plain.segs.len(), 1);
    }

    #[test]
    fn xlsx_headers_dates_numbers() {
        let bytes = xlsx(
            r#"<row r="2"><c r="B2" t="inlineStr"><is><t>Name</t></is></c><c r="C2" t="inlineStr"><is><t>DOB</t></is></c><c r="D2" t="inlineStr"><is><t>Mark</t></is></c></row>
               <row r="3"><c r="B3" t="inlineStr"><is><t>Ann Lee</t></is></c><c r="C3" s="1"><v>42005</v></c><c r="D3"><v>7.0</v></c></row>
               <row r="4"><c r="B4" t="inlineStr"><is><t>Bo Ng</t></is></c><c r="D4"><v>6.5</v></c></row>"#,
        );
        let c = run_bytes("marks.xlsx", &bytes, &Limits::default());
        assert_eq!(c.files[0].1, "xlsx");
        assert_eq!(c.status(), Status::Inspected, "{:?}", c.files);
        let name = c.find("Name");
        assert!(name.is_header);
        assert_eq!(name.location.display(), "Y4!B2");
        let d = c.find("2015-01-01");
        assert_eq!(d.header.as_deref(), Some("DOB"));
        assert_eq!(d.record, Some(2));
        assert_eq!(
            d.location,
            Location::Cell {
                sheet: "Y4".into(),
                row: 2,
                col: 2
            }
        );
        assert_eq!(c.find("7").header.as_deref(), Some("Mark"));
        assert_eq!(c.find("6.5").record, Some(3));
        assert_eq!(c.segs.len(), 3 + 3 + 2);
    }

    #[test]
    fn broken_spreadsheets() {
        let c = run_bytes(
            "x.xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1garbage",
            &Limits::default(),
        );
        assert!(matches!(c.status(), Status::NotInspected(_)));
        let mut bytes = xlsx("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
        bytes.truncate(bytes.len() - 40);
        let c = run_bytes("x.xlsx", &bytes, &Limits::default());
        assert!(matches!(c.status(), Status::NotInspected(_)));
    }

    #[test]
    fn ods_sheet() {
        let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Club"><table:table-row><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Born</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>Ivy Moss</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2014-09-30"><text:p>30/09/14</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
        let bytes = zip_bytes(&[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#),
            ("content.xml", content.as_bytes()),
        ]);
        let c = run_bytes("club.ods", &bytes, &Limits::default());
        assert_eq!(c.files[0].1, "ods");
        assert_eq!(c.status(), Status::Inspected, "{:?}", c.files);
        assert_eq!(c.find("Ivy Moss").location.display(), "Club!A2");
        assert_eq!(c.find("2014-09-30").header.as_deref(), Some("Born"));
    }
}
