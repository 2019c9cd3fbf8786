//! JSON (an MIS or API export, a web form's answers): walked with `serde_json`, value by
//! value, without building the document. Every object is a record, as an XML element is:
//! each of its values is passed on with `header` = its key and `record` = the object's
//! serial number, so `{"legal_surname": "Okafor", "date_of_birth": "2014-07-04",
//! "sen_status": "K"}` reads like a row of a table under those headers. A list of values
//! under a key ("medical_conditions": ["Asthma"]) reads under that key. Locations are the
//! enclosing key and the key ("students/date_of_birth").
//!
//! Several documents one after another (JSON Lines) are read in turn. A key that reads
//! as data rather than a field name (one with a space, a figure or an '@': `{"Jayden
//! Clarke": {...}}`) is read too, as a value of its object.
//!
//! Nothing is left unread: the file (after its byte-order mark; UTF-16 is transcoded) is
//! first checked as JSON whole, and a file that is not JSON throughout (a bad escape, a
//! Windows-1252 character, cut short, nested deeper than `serde_json` allows) is read as
//! plain text instead, from its start. A file larger than [`JSON_IN_MEMORY`] is read as
//! plain text as it streams, so memory stays bounded.

use std::fmt;
use std::io::Read;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{Ctx, Emitter, Location, Status, text, zipread::io_reason};

/// JSON files up to this size are read as JSON; larger ones as plain text.
pub const JSON_IN_MEMORY: u64 = 16 * 1024 * 1024;

pub(crate) fn extract(reader: &mut dyn Read, em: &mut Emitter, ctx: &Ctx) -> Status {
    let mut utf8 = match text::utf8_reader(reader) {
        Ok(r) => r,
        Err(e) => return Status::NotInspected(io_reason(&e, ctx)),
    };
    let mut bytes = Vec::new();
    if let Err(e) = (&mut utf8).take(JSON_IN_MEMORY + 1).read_to_end(&mut bytes) {
        return Status::NotInspected(io_reason(&e, ctx));
    }
    if bytes.len() as u64 > JSON_IN_MEMORY {
        // Too large to hold: what was read, then the rest, as text.
        let mut rest = std::io::Cursor::new(bytes).chain(utf8);
        return text::extract(&mut rest, em, ctx);
    }
    // (Skipping a value does not check its text is UTF-8: that is checked first.)
    let all_json = std::str::from_utf8(&bytes).is_ok()
        && serde_json::Deserializer::from_slice(&bytes)
            .into_iter::<IgnoredAny>()
            .all(|v| v.is_ok());
    if !all_json {
        return text::extract(&mut bytes.as_slice(), em, ctx);
    }
    let mut walk = Walk { em, serial: 0 };
    let mut de = serde_json::Deserializer::from_slice(&bytes);
    loop {
        match Node::new(&mut walk, "", "", None).deserialize(&mut de) {
            Ok(()) => {}
            Err(e) if e.is_eof() => return Status::Inspected,
            // Deeper than the walk may go (skipping checks no depth): read as text.
            Err(_) => return text::extract(&mut bytes.as_slice(), walk.em, ctx),
        }
    }
}

struct Walk<'a, 'v> {
    em: &'a mut Emitter<'v>,
    serial: u64,
}

/// A value to walk: the key it is under, the key its object is under, and the record
/// (object) it belongs to.
struct Node<'w, 'a, 'v> {
    walk: &'w mut Walk<'a, 'v>,
    key: &'w str,
    parent_key: &'w str,
    record: Option<u64>,
}

impl<'w, 'a, 'v> Node<'w, 'a, 'v> {
    fn new(
        walk: &'w mut Walk<'a, 'v>,
        key: &'w str,
        parent_key: &'w str,
        record: Option<u64>,
    ) -> Self {
        Node {
            walk,
            key,
            parent_key,
            record,
        }
    }

    fn emit(self, value: &str) {
        let location = match (self.parent_key, self.key) {
            ("", "") => Location::Part("value".into()),
            ("", k) | (k, "") => Location::Part(k.to_string()),
            (p, k) => Location::Part(format!("{p}/{k}")),
        };
        let header = Some(self.key).filter(|k| !k.is_empty());
        self.walk
            .em
            .emit(location, value, header, false, self.record);
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.emit(if v { "true" } else { "false" });
        Ok(())
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.emit(&v.to_string());
        Ok(())
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.emit(&v.to_string());
        Ok(())
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.emit(&v.to_string());
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.emit(v);
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    /// A list: its items are values under the list's key, in the same record.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Node {
            walk,
            key,
            parent_key,
            record,
        } = self;
        while seq
            .next_element_seed(Node::new(walk, key, parent_key, record))?
            .is_some()
        {}
        Ok(())
    }

    /// An object: a record of its own.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Node { walk, key, .. } = self;
        walk.serial += 1;
        let record = Some(walk.serial);
        while let Some(k) = map.next_key::<String>()? {
            // A key that is data ("Jayden Clarke", "07700 900091", an address).
            if k.contains([' ', '@']) || k.bytes().any(|b| b.is_ascii_digit()) {
                Node::new(walk, "", key, record).emit(&k);
            }
            map.next_value_seed(Node::new(walk, &k, key, record))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::run_bytes;
    use super::super::{Limits, Location, Status};

    #[test]
    fn objects_are_records_under_their_keys() {
        let json = br#"{"meta": {"school": "Hollins Brook"}, "students": [
            {"upn": "Q352460212036", "legal_surname": "Grabowska", "dateOfBirth": "2008-07-08",
             "medicalConditions": ["Severe peanut allergy"], "year": 12, "pp": true,
             "contacts": [{"name": "Mr Tomasz Grabowski", "mobile": "07700 900091"}]},
            {"upn": "A123456789012", "legal_surname": "Okafor", "notes": null}]}"#;
        let c = run_bytes("api.json", json, &Limits::default());
        assert_eq!(c.status(), Status::Inspected);
        let surname = c.find("Grabowska");
        assert_eq!(surname.header.as_deref(), Some("legal_surname"));
        assert_eq!(
            surname.location,
            Location::Part("students/legal_surname".into())
        );
        let dob = c.find("2008-07-08");
        assert_eq!(dob.header.as_deref(), Some("dateOfBirth"));
        assert_eq!(dob.record, surname.record);
        let allergy = c.find("Severe peanut allergy");
        assert_eq!(allergy.header.as_deref(), Some("medicalConditions"));
        assert_eq!(allergy.record, surname.record);
        assert_eq!(c.find("12").record, surname.record);
        assert_eq!(c.find("true").header.as_deref(), Some("pp"));
        // A nested object is a record of its own; the next object another.
        let contact = c.find("Mr Tomasz Grabowski");
        assert_ne!(contact.record, surname.record);
        assert_eq!(c.find("07700 900091").record, contact.record);
        assert_ne!(c.find("Okafor").record, surname.record);
        assert_eq!(c.find("Hollins Brook").header.as_deref(), Some("school"));
    }

    #[test]
    fn json_lines_and_text_that_is_not_json() {
        let lines = b"{\"name\": \"Amara Okafor\"}\n{\"name\": \"Jayden Clarke\"}\n";
        let c = run_bytes("export.json", lines, &Limits::default());
        assert_ne!(
            c.find("Amara Okafor").record,
            c.find("Jayden Clarke").record
        );
        // Broken part-way: the whole file is read as text, so nothing is lost.
        let broken = b"{\"name\": \"Amara Okafor\", oops\nPupil: Jayden Clarke, DOB 01/02/2015\n";
        let c = run_bytes("broken.json", broken, &Limits::default());
        assert_eq!(c.status(), Status::Inspected);
        assert!(c.all_text().contains("\"Amara Okafor\", oops"));
        assert!(
            c.all_text()
                .contains("Pupil: Jayden Clarke, DOB 01/02/2015")
        );
        // Keys that are data; a file cut short, a bad escape, a Windows-1252 character, a
        // byte-order mark: all read whole, as JSON or as text.
        let keyed =
            br#"{"Jayden Clarke": {"class": "5H", "notes": "has asthma"}, "07700 900091": "mum"}"#;
        let c = run_bytes("keyed.json", keyed, &Limits::default());
        c.find("Jayden Clarke");
        c.find("07700 900091");
        assert_eq!(c.find("has asthma").header.as_deref(), Some("notes"));
        for bad in [
            &b"{\"notes\": \"Jayden Clarke DOB 01/02/2015 has asthma"[..],
            b"{\"notes\": \"Jayden Clarke DOB 01/02/2015 \\q has asthma\"}",
            b"{\"notes\": \"Ren\xe9e Clarke DOB 01/02/2015 has asthma\"}",
        ] {
            let c = run_bytes("bad.json", bad, &Limits::default());
            assert_eq!(c.status(), Status::Inspected);
            assert!(
                c.all_text().contains("DOB 01/02/2015 "),
                "{bad:?} {:?}",
                c.texts()
            );
        }
        let c = run_bytes(
            "bom.json",
            "\u{feff}{\"Jayden Clarke\": 1}".as_bytes(),
            &Limits::default(),
        );
        c.find("Jayden Clarke");
        // Nested deeper than serde_json allows: read as text.
        let deep = format!("{}\"Jayden Clarke\"{}", "[".repeat(500), "]".repeat(500));
        let c = run_bytes("deep.json", deep.as_bytes(), &Limits::default());
        assert_eq!(c.status(), Status::Inspected);
        assert!(c.all_text().contains("Jayden Clarke"));
    }
}
