//! PDF: the text layer, page by page, with pdf-extract (on lopdf). The whole file is held
//! in memory (bounded by `limits.max_in_memory` in the dispatcher). No text at all means
//! a scanned image; an encrypted PDF that does not open with the empty user password is
//! "protected". Panics inside the PDF libraries are caught by the dispatcher's `quietly`.

use pdf_extract::{Document, PlainTextOutput, output_doc_page};

use super::{Emitter, Location, PROTECTED_REASON, Status};

const DAMAGED_PDF: &str = "damaged or unreadable PDF";

pub(crate) fn extract(bytes: &[u8], em: &mut Emitter) -> Status {
    let mut doc = match Document::load_mem(bytes) {
        Ok(d) => d,
        Err(lopdf::Error::Decryption(_)) => return Status::NotInspected(PROTECTED_REASON.into()),
        Err(_) => return Status::NotInspected(DAMAGED_PDF.into()),
    };
    if doc.is_encrypted() && doc.encryption_state.is_none() && doc.decrypt("").is_err() {
        return Status::NotInspected(PROTECTED_REASON.into());
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    if pages.is_empty() {
        return Status::NotInspected(DAMAGED_PDF.into());
    }
    let before = em.sent;
    let mut failed = 0;
    for page in &pages {
        let mut text = String::new();
        let ok = {
            let mut out = PlainTextOutput::new(&mut text);
            output_doc_page(&doc, &mut out, *page).is_ok()
        };
        if !ok {
            failed += 1;
        }
        for line in text.lines() {
            em.text(Location::Page(*page), line);
        }
    }
    if em.sent == before {
        if failed == pages.len() {
            return Status::NotInspected(DAMAGED_PDF.into());
        }
        return Status::NotInspected(crate::extract::SCANNED_REASON.into());
    }
    Status::Inspected
}

#[cfg(test)]
mod tests {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};

    use super::super::testutil::run_bytes;
    use super::super::{Limits, Location, Status};

    fn pdf(pages: &[&str]) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id },
        });
        let mut kids = Vec::new();
        for text in pages {
            let mut ops = Vec::new();
            if !text.is_empty() {
                ops = vec![
                    Operation::new("BT", vec![]),
                    Operation::new("Tf", vec!["F1".into(), 24.into()]),
                    Operation::new("Td", vec![100.into(), 600.into()]),
                    Operation::new("Tj", vec![Object::string_literal(*text)]),
                    Operation::new("ET", vec![]),
                ];
            }
            let content = Content { operations: ops };
            let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
            let page_id = doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            });
            kids.push(page_id.into());
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => kids, "Count" => count,
                "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn text_by_page() {
        let c = run_bytes(
            "r.pdf",
            &pdf(&["Hello Jane Smith", "", "DOB 01/02/2015"]),
            &Limits::default(),
        );
        assert_eq!(c.status(), Status::Inspected, "{:?}", c.files);
        assert_eq!(c.find("Hello Jane Smith").location, Location::Page(1));
        assert_eq!(c.find("DOB 01/02/2015").location, Location::Page(3));
    }

    #[test]
    fn scanned_and_malformed() {
        let c = run_bytes("scan.pdf", &pdf(&[""]), &Limits::default());
        assert_eq!(
            c.status(),
            Status::NotInspected(crate::extract::SCANNED_REASON.into())
        );
        let mut bytes = pdf(&["Some text"]);
        bytes.truncate(bytes.len() / 2);
        let c = run_bytes("cut.pdf", &bytes, &Limits::default());
        assert!(
            matches!(c.status(), Status::NotInspected(_)),
            "{:?}",
            c.files
        );
        let c = run_bytes(
            "junk.pdf",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF",
            &Limits::default(),
        );
        assert!(matches!(c.status(), Status::NotInspected(_)));
    }
}
