//! RTF: text through the `rtf-parser` crate. RTF is 7-bit text with escapes, so the file
//! is read (bounded by `limits.max_in_memory`) as Windows-1252 and parsed whole; the text
//! is passed on paragraph by paragraph as `Part("body")`.

use std::io::Read;

use rtf_parser::RtfDocument;

use super::text::decode_bytes;
use super::{Ctx, Emitter, Location, Status, zipread::io_reason};

pub(crate) fn extract(reader: &mut dyn Read, em: &mut Emitter, ctx: &Ctx) -> Status {
    let limit = ctx.limits.max_in_memory;
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
        return Status::NotInspected(io_reason(&e, ctx));
    }
    if bytes.len() as u64 > limit {
        return Status::NotInspected("too large to read".into());
    }
    let source = decode_bytes(&bytes).into_owned();
    drop(bytes);
    let doc = match RtfDocument::try_from(source) {
        Ok(d) => d,
        Err(_) => return Status::NotInspected("damaged or unreadable RTF".into()),
    };
    let text = doc.get_text();
    for para in text.split(['\n', '\r']) {
        em.text(Location::Part("body".into()), para);
    }
    Status::Inspected
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
    fn broken_rtf() {
        let c = run_bytes("bad.rtf", br"{\rtf1 {\b unclosed", &Limits::default());
        assert!(matches!(
            c.status(),
            Status::NotInspected(_) | Status::Inspected
        ));
    }
}
