//! OpenDocument text and presentations (odt, odp): `content.xml` streamed through the
//! bounded zip reader (paragraphs, headings, lists, tables like docx tables; odp pages as
//! slides) and the headers/footers in `styles.xml`. Spreadsheets (ods) go to `sheet`.

use std::io::{Read, Seek};

use quick_xml::events::Event;
use zip::ZipArchive;

use super::markup::resolve_ref;
use super::ooxml::{Flow, stream_part};
use super::{Ctx, Emitter, Location, Status};

pub(crate) fn extract<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    presentation: bool,
    em: &mut Emitter,
    ctx: &Ctx,
) -> Status {
    if zip.index_for_name("content.xml").is_none() {
        return Status::NotInspected("damaged or unreadable file".into());
    }
    let result = read_part(zip, "content.xml", presentation, false, em, ctx)
        .and_then(|()| read_part(zip, "styles.xml", false, true, em, ctx));
    match result {
        Ok(()) => Status::Inspected,
        Err(reason) => Status::NotInspected(reason),
    }
}

fn read_part<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    part: &str,
    presentation: bool,
    styles: bool,
    em: &mut Emitter,
    ctx: &Ctx,
) -> Result<(), String> {
    let mut flow = Flow::new(Location::Part("body".into()), "");
    // Depth inside text:p / text:h (text outside them is not document text).
    let mut in_para = 0u32;
    // In styles.xml only header/footer content is document text.
    let mut in_margin = 0u32;
    let mut slide = 0u32;
    stream_part(zip, part, ctx, |ev| {
        match ev {
            Event::Start(e) => {
                let name = e.name();
                match name.as_ref() {
                    b"text:p" | b"text:h" => in_para += 1,
                    b"table:table" => flow.table_start(em),
                    b"draw:page" if presentation => {
                        flow.finish(em);
                        slide += 1;
                        flow = Flow::new(Location::Slide(slide), &format!("slide {slide} "));
                    }
                    b"presentation:notes" => {
                        flow.finish(em);
                        flow = Flow::new(
                            Location::Part(format!("notes slide {slide}")),
                            &format!("notes slide {slide} "),
                        );
                    }
                    n if styles
                        && (n.starts_with(b"style:header") || n.starts_with(b"style:footer")) =>
                    {
                        in_margin += 1;
                        let label = if n.starts_with(b"style:header") {
                            "header"
                        } else {
                            "footer"
                        };
                        flow = Flow::new(Location::Part(label.into()), &format!("{label} "));
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"text:p" | b"text:h" => {
                    in_para = in_para.saturating_sub(1);
                    if !styles || in_margin > 0 {
                        flow.paragraph_end(em);
                    }
                }
                b"table:table-cell" | b"table:covered-table-cell" => flow.cell_end(),
                b"table:table-row" => flow.row_end(em),
                b"table:table" => flow.table_end(),
                b"presentation:notes" if presentation => {
                    flow.finish(em);
                    flow = Flow::new(Location::Slide(slide), &format!("slide {slide} "));
                }
                n if styles
                    && (n.starts_with(b"style:header") || n.starts_with(b"style:footer")) =>
                {
                    flow.finish(em);
                    in_margin = in_margin.saturating_sub(1);
                }
                _ => {}
            },
            Event::Empty(e) if in_para > 0 => match e.name().as_ref() {
                b"text:s" | b"text:tab" => flow.text(em, " "),
                b"text:line-break" => flow.text(em, "\n"),
                _ => {}
            },
            Event::Empty(e) => {
                if let b"table:table-cell" | b"table:covered-table-cell" = e.name().as_ref() {
                    flow.cell_end();
                }
            }
            Event::Text(t) if in_para > 0 && (!styles || in_margin > 0) => {
                flow.text(em, &String::from_utf8_lossy(t));
            }
            Event::GeneralRef(r) if in_para > 0 && (!styles || in_margin > 0) => {
                flow.text(em, &resolve_ref(r, false));
            }
            _ => {}
        }
        true
    })?;
    flow.finish(em);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{run_bytes, zip_bytes};
    use super::super::{Limits, Location, Status};

    #[test]
    fn odt_body_tables_and_footer() {
        let content = r#"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="tb"><office:body><office:text>
            <text:h>Trip list</text:h><text:p>Contact <text:span>Mrs</text:span><text:s/>Patel &amp; co</text:p>
            <table:table><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell><table:table-cell><text:p>Allergy</text:p></table:table-cell></table:table-row>
            <table:table-row><table:table-cell><text:p>Leo Hart</text:p></table:table-cell><table:table-cell><text:p>Nuts</text:p></table:table-cell></table:table-row></table:table>
            </office:text></office:body></office:document-content>"#;
        let styles = r#"<office:document-styles xmlns:office="o" xmlns:style="s" xmlns:text="t"><style:style><text:p>not text</text:p></style:style><office:master-styles><style:master-page><style:footer><text:p>Greenfield Primary</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>"#;
        let bytes = zip_bytes(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
            ("styles.xml", styles.as_bytes()),
        ]);
        let c = run_bytes("trip.odt", &bytes, &Limits::default());
        assert_eq!(c.files[0].1, "odt");
        assert_eq!(c.status(), Status::Inspected, "{:?}", c.files);
        assert_eq!(
            c.find("Contact Mrs Patel & co").location,
            Location::Part("body".into())
        );
        assert!(c.find("Allergy").is_header);
        assert_eq!(c.find("Nuts").header.as_deref(), Some("Allergy"));
        assert_eq!(
            c.find("Greenfield Primary").location,
            Location::Part("footer".into())
        );
        assert!(!c.texts().contains(&"not text".to_string()));
    }

    #[test]
    fn odp_slides() {
        let content = r#"<office:document-content xmlns:office="o" xmlns:draw="d" xmlns:text="t" xmlns:presentation="p"><office:body><office:presentation>
            <draw:page><draw:frame><draw:text-box><text:p>Intro</text:p></draw:text-box></draw:frame></draw:page>
            <draw:page><draw:frame><draw:text-box><text:p>Kim Ode</text:p></draw:text-box></draw:frame><presentation:notes><text:p>remember</text:p></presentation:notes></draw:page>
            </office:presentation></office:body></office:document-content>"#;
        let bytes = zip_bytes(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.presentation",
            ),
            ("content.xml", content.as_bytes()),
        ]);
        let c = run_bytes("talk.odp", &bytes, &Limits::default());
        assert_eq!(c.status(), Status::Inspected);
        assert_eq!(c.find("Kim Ode").location, Location::Slide(2));
        assert_eq!(c.find("remember").location.display(), "notes slide 2");
    }
}
