//! Email: `.eml` (MIME, through `mail-parser`: encoded words, base64 and quoted-printable
//! bodies, HTML bodies turned to text) and Outlook `.msg` (OLE2 property streams read
//! with `cfb`). Headers come out as `Part("from")`, `Part("to")`, `Part("cc")`,
//! `Part("subject")`, bodies as `Part("body")`. Attachments are read like archive
//! members (`mail.eml/attachment-name`), reported before the message itself.

use std::io::{Read, Seek};

use mail_parser::{Address, MessageParser, MimeHeaders};

use super::dispatch::{extract_stream, leaf, refuse};
use super::text::decode_bytes;
use super::{Ctx, Location, Status, Visitor};

/// What a message says, gathered before it is reported (after its attachments).
#[derive(Default)]
struct Gathered {
    texts: Vec<(Location, String)>,
}

impl Gathered {
    fn add(&mut self, part: &str, text: &str) {
        if !text.trim().is_empty() {
            self.texts
                .push((Location::Part(part.into()), text.to_string()));
        }
    }
    fn add_body(&mut self, text: &str) {
        for line in text.lines() {
            self.add("body", line);
        }
    }
}

fn read_bounded(reader: &mut dyn Read, ctx: &Ctx) -> Result<Vec<u8>, String> {
    let limit = ctx.limits.max_in_memory;
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| super::zipread::io_reason(&e, ctx))?;
    if bytes.len() as u64 > limit {
        return Err("too large to read".into());
    }
    Ok(bytes)
}

fn addresses(address: Option<&Address>) -> String {
    let Some(address) = address else {
        return String::new();
    };
    address
        .iter()
        .map(|a| match (a.name(), a.address()) {
            (Some(n), Some(e)) => format!("{n} <{e}>"),
            (Some(n), None) => n.to_string(),
            (None, Some(e)) => e.to_string(),
            (None, None) => String::new(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reports the attachments, then the message with its gathered text.
fn report(
    gathered: Gathered,
    attachments: Vec<(String, &[u8])>,
    display: &str,
    format: &'static str,
    ctx: &Ctx,
    visitor: &mut dyn Visitor,
) {
    let inner = ctx.nested();
    let mut skipped = false;
    for (i, (name, data)) in attachments.into_iter().enumerate() {
        let name = if name.trim().is_empty() {
            format!("attachment {}", i + 1)
        } else {
            name.replace(['/', '\\'], "_")
        };
        let path = format!("{display}/{name}");
        if ctx.depth >= ctx.limits.max_depth {
            refuse(
                visitor,
                &path,
                "unknown",
                "attachments nested too deeply to read",
            );
            skipped = true;
            continue;
        }
        let mut r = data;
        extract_stream(&mut r, &path, Some(data.len() as u64), &inner, visitor);
    }
    leaf(display, format, ctx, visitor, |em| {
        for (location, text) in &gathered.texts {
            em.text(location.clone(), text);
        }
        if skipped {
            Status::NotInspected("some attachments could not be read".into())
        } else {
            Status::Inspected
        }
    });
}

pub(crate) fn extract_eml(
    reader: &mut dyn Read,
    display: &str,
    ctx: &Ctx,
    visitor: &mut dyn Visitor,
) {
    let bytes = match read_bounded(reader, ctx) {
        Ok(b) => b,
        Err(reason) => return refuse(visitor, display, "eml", &reason),
    };
    let parsed = super::quietly(|| MessageParser::default().parse(&bytes)).flatten();
    let Some(message) = parsed else {
        return refuse(visitor, display, "eml", "damaged or unreadable email");
    };
    let mut g = Gathered::default();
    g.add("from", &addresses(message.from()));
    g.add("to", &addresses(message.to()));
    g.add("cc", &addresses(message.cc()));
    g.add("subject", message.subject().unwrap_or(""));
    for i in 0..message.text_body_count().max(message.html_body_count()) {
        if let Some(body) = message.body_text(i) {
            g.add_body(&body);
        }
    }
    // An HTML alternative to a plain-text body usually says the same, but not always: a
    // form may be only in the HTML ("The full form is in the HTML part of this email").
    // Its lines that the plain text does not already hold are read too.
    let html_only: Vec<_> = message
        .html_body
        .iter()
        .filter(|id| !message.text_body.contains(id))
        .filter_map(|&id| match &message.part(id)?.body {
            mail_parser::PartType::Html(html) => Some(mail_parser::decoders::html::html_to_text(
                &mark_rows_and_cells(html),
            )),
            _ => None,
        })
        .collect();
    if !html_only.is_empty() {
        // What the plain text says, its spaces and line breaks made single spaces: an
        // HTML line found in it is not read again, however the two were wrapped.
        let plain = squeeze(
            &g.texts
                .iter()
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        for body in html_only {
            for line in body.lines() {
                let line = line.trim().trim_end_matches('|').trim_end();
                let squeezed = squeeze(line);
                if !squeezed.is_empty() && !plain.contains(&squeezed) {
                    g.add("body", line);
                }
            }
        }
    }
    let attachments: Vec<(String, &[u8])> = message
        .attachments()
        .map(|part| {
            let name = part
                .attachment_name()
                .map(str::to_string)
                .unwrap_or_else(|| {
                    if part.is_message() {
                        "attached message.eml".to_string()
                    } else {
                        String::new()
                    }
                });
            (name, part.contents())
        })
        .collect();
    report(g, attachments, display, "eml", ctx, visitor);
}

/// `text` with every run of spaces and line breaks made one space, trimmed.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An HTML body with a line break after each table row, block and list item, and " | "
/// after each table cell: `html_to_text` breaks lines only at `<br>` and `</p>`, and would
/// run a form's cells together ("Pupil nameTyrese Campbell").
fn mark_rows_and_cells(html: &str) -> String {
    const ROWS: &[&str] = &[
        "</tr>", "</div>", "</li>", "</table>", "</h1>", "</h2>", "</h3>", "</h4>", "</h5>",
        "</h6>",
    ];
    const CELLS: &[&str] = &["</td>", "</th>"];
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut last = 0;
    for (at, _) in lower.match_indices("</") {
        let rest = &lower[at..];
        let mark = if let Some(tag) = ROWS.iter().find(|t| rest.starts_with(**t)) {
            (tag.len(), "<br>")
        } else if let Some(tag) = CELLS.iter().find(|t| rest.starts_with(**t)) {
            (tag.len(), " | ")
        } else {
            continue;
        };
        out.push_str(&html[last..at + mark.0]);
        out.push_str(mark.1);
        last = at + mark.0;
    }
    out.push_str(&html[last..]);
    out
}

/// A string property of a .msg: `prop` is the 4-hex-digit property id.
fn msg_string<F: Read + Seek>(
    cfb: &mut cfb::CompoundFile<F>,
    storage: &str,
    prop: &str,
    limit: u64,
) -> Option<String> {
    for (kind, utf16) in [("001F", true), ("001E", false)] {
        let path = format!("{storage}/__substg1.0_{prop}{kind}");
        if let Ok(bytes) = msg_bytes(cfb, &path, limit) {
            return Some(if utf16 {
                let units: Vec<u16> = bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
                    .trim_end_matches('\0')
                    .to_string()
            } else {
                decode_bytes(&bytes).trim_end_matches('\0').to_string()
            });
        }
    }
    None
}

fn msg_bytes<F: Read + Seek>(
    cfb: &mut cfb::CompoundFile<F>,
    path: &str,
    limit: u64,
) -> Result<Vec<u8>, ()> {
    let mut stream = cfb.open_stream(path).map_err(|_| ())?;
    if stream.len() > limit {
        return Err(());
    }
    let mut out = Vec::new();
    stream.read_to_end(&mut out).map_err(|_| ())?;
    Ok(out)
}

pub(crate) fn extract_msg<F: Read + Seek>(
    mut cfb: cfb::CompoundFile<F>,
    display: &str,
    ctx: &Ctx,
    visitor: &mut dyn Visitor,
) {
    let limit = ctx.limits.max_in_memory;
    let mut g = Gathered::default();
    let sender = match (
        msg_string(&mut cfb, "", "0C1A", limit),
        msg_string(&mut cfb, "", "0C1F", limit).or_else(|| msg_string(&mut cfb, "", "5D01", limit)),
    ) {
        (Some(n), Some(e)) if !e.is_empty() => format!("{n} <{e}>"),
        (Some(n), _) => n,
        (None, Some(e)) => e,
        (None, None) => String::new(),
    };
    g.add("from", &sender);
    g.add(
        "to",
        &msg_string(&mut cfb, "", "0E04", limit).unwrap_or_default(),
    );
    g.add(
        "cc",
        &msg_string(&mut cfb, "", "0E03", limit).unwrap_or_default(),
    );
    let storages: Vec<String> = cfb
        .read_root_storage()
        .filter(|e| e.is_storage())
        .map(|e| e.name().to_string())
        .collect();
    for recip in storages
        .iter()
        .filter(|n| n.starts_with("__recip_version1.0_"))
    {
        let path = format!("/{recip}");
        if let Some(addr) = msg_string(&mut cfb, &path, "3003", limit) {
            g.add("to", &addr);
        }
    }
    g.add(
        "subject",
        &msg_string(&mut cfb, "", "0037", limit).unwrap_or_default(),
    );
    if let Some(body) = msg_string(&mut cfb, "", "1000", limit) {
        g.add_body(&body);
    }
    let mut owned: Vec<(String, Vec<u8>)> = Vec::new();
    for att in storages
        .iter()
        .filter(|n| n.starts_with("__attach_version1.0_"))
    {
        let path = format!("/{att}");
        let name = msg_string(&mut cfb, &path, "3707", limit)
            .or_else(|| msg_string(&mut cfb, &path, "3704", limit))
            .unwrap_or_default();
        if let Ok(data) = msg_bytes(&mut cfb, &format!("{path}/__substg1.0_37010102"), limit) {
            owned.push((name, data));
        }
    }
    let attachments = owned
        .iter()
        .map(|(n, d)| (n.clone(), d.as_slice()))
        .collect();
    report(g, attachments, display, "msg", ctx, visitor);
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{run_bytes, run_file};
    use super::super::{Limits, Location, Status};

    const EML: &str = "From: \"Mrs Head\" <head@school.example>\r\n\
To: =?UTF-8?Q?Zo=C3=AB_Parent?= <zoe@example.com>\r\n\
Cc: office@school.example\r\n\
Subject: =?UTF-8?B?UmVwb3J0IGZvciBBbWVsaWU=?=\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
Dear Zo=C3=AB,\r\n\
Amelie's UPN is A123456789012.\r\n\
--b1\r\n\
Content-Type: text/csv; name=\"class.csv\"\r\n\
Content-Disposition: attachment; filename=\"class.csv\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
TmFtZSxEb0IKQW1lbGllLDIwMTUtMDMtMDEK\r\n\
--b1--\r\n";

    #[test]
    fn eml_headers_body_and_attachments() {
        let c = run_file("mail.eml", EML.as_bytes(), &Limits::default());
        let names: Vec<_> = c.files.iter().map(|f| (f.0.as_str(), f.1)).collect();
        assert_eq!(names, [("mail.eml/class.csv", "csv"), ("mail.eml", "eml")]);
        assert_eq!(c.status(), Status::Inspected);
        assert_eq!(
            c.find("Mrs Head <head@school.example>").location,
            Location::Part("from".into())
        );
        assert_eq!(
            c.find("Zoë Parent <zoe@example.com>").location,
            Location::Part("to".into())
        );
        assert_eq!(
            c.find("office@school.example").location,
            Location::Part("cc".into())
        );
        assert_eq!(
            c.find("Report for Amelie").location,
            Location::Part("subject".into())
        );
        assert_eq!(c.find("Dear Zoë,").location, Location::Part("body".into()));
        assert_eq!(c.find("2015-03-01").header.as_deref(), Some("DoB"));
        assert_eq!(c.find("2015-03-01").file, "mail.eml/class.csv");
    }

    /// The body lines read from a message of two alternatives, `plain` and `html`.
    fn body_of(plain: &str, html: &str) -> Vec<String> {
        let eml = format!(
            "From: a@school.example\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{plain}\r\n\
--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n\
--b--\r\n"
        );
        let c = run_file("mail.eml", eml.as_bytes(), &Limits::default());
        c.segs
            .iter()
            .filter(|s| s.location == Location::Part("body".into()))
            .map(|s| s.text.clone())
            .collect()
    }

    #[test]
    fn an_html_alternative_is_read_for_what_the_plain_text_lacks() {
        let body = body_of(
            "Dear team,\r\nThe full form is in the HTML part.",
            "<p>Dear team,</p><table><tr><td>Pupil name</td><td>Tyrese Campbell</td></tr>\
             <tr><td>SEN status</td><td>EHCP - autism</td></tr></table>",
        );
        // A table's row on a line, its cells apart.
        assert!(
            body.contains(&"Pupil name | Tyrese Campbell".to_string()),
            "{body:?}"
        );
        assert!(
            body.contains(&"SEN status | EHCP - autism".to_string()),
            "{body:?}"
        );
        // The plain text's lines are not read twice.
        assert_eq!(body.iter().filter(|t| t.contains("Dear team")).count(), 1);

        // HTML that says what the plain text says, wrapped otherwise: nothing read twice.
        let body = body_of(
            "Amara has asthma and\r\nneeds her inhaler at lunch.",
            "<div>Amara has asthma and needs her inhaler at lunch.</div><div><br></div>",
        );
        assert_eq!(
            body,
            ["Amara has asthma and", "needs her inhaler at lunch."]
        );
    }

    #[test]
    fn eml_sniffed_without_extension_is_text_at_worst() {
        let c = run_bytes("mail.eml", b"\x00\x01garbage", &Limits::default());
        assert!(matches!(c.status(), Status::NotInspected(_)));
    }

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
    }

    #[test]
    fn outlook_msg() {
        use std::io::Write;
        let mut cfb = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        let put = |cfb: &mut cfb::CompoundFile<_>, path: &str, data: &[u8]| {
            cfb.create_stream(path).unwrap().write_all(data).unwrap();
        };
        put(&mut cfb, "/__properties_version1.0", &[0u8; 32]);
        put(
            &mut cfb,
            "/__substg1.0_0037001F",
            &utf16("Trip consent: Ben Cole"),
        );
        put(
            &mut cfb,
            "/__substg1.0_1000001F",
            &utf16("Ben has asthma.\r\nInhaler in bag."),
        );
        put(&mut cfb, "/__substg1.0_0C1A001F", &utf16("Ms Ray"));
        cfb.create_storage("/__attach_version1.0_#00000000")
            .unwrap();
        put(
            &mut cfb,
            "/__attach_version1.0_#00000000/__substg1.0_3707001F",
            &utf16("names.txt"),
        );
        put(
            &mut cfb,
            "/__attach_version1.0_#00000000/__substg1.0_37010102",
            b"Ben Cole 4B",
        );
        cfb.flush().unwrap();
        let bytes = cfb.into_inner().into_inner();
        let c = run_bytes("consent.msg", &bytes, &Limits::default());
        let names: Vec<_> = c.files.iter().map(|f| (f.0.as_str(), f.1)).collect();
        assert_eq!(
            names,
            [("consent.msg/names.txt", "text"), ("consent.msg", "msg")]
        );
        assert_eq!(c.status(), Status::Inspected);
        assert_eq!(
            c.find("Trip consent: Ben Cole").location,
            Location::Part("subject".into())
        );
        assert_eq!(
            c.find("Inhaler in bag.").location,
            Location::Part("body".into())
        );
        assert_eq!(c.find("Ms Ray").location, Location::Part("from".into()));
        assert_eq!(c.texts_of("consent.msg/names.txt"), ["Ben Cole 4B"]);
    }
}
