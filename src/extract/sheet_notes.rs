//! The notes (comments) on cells of an xlsx workbook, which calamine does not read. A
//! teacher's note on a pupil's row ("on the CAMHS waiting list") is about that pupil, so
//! each note is read as a cell of its row, after the row's own cells.
//!
//! Where a sheet's notes are: `xl/workbook.xml` names the sheets and their relationship
//! ids, `xl/_rels/workbook.xml.rels` gives each id's part (`xl/worksheets/sheet1.xml`),
//! and that part's own relationships (`xl/worksheets/_rels/sheet1.xml.rels`) point to its
//! comments part (`xl/comments1.xml`). Threaded comments (Excel 365) are also written as
//! such notes, so they are read too. Every part goes through the bounded member reader.

use std::collections::HashMap;
use std::io::{Read, Seek};

use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::Ctx;
use super::markup::resolve_ref;
use super::ooxml::stream_part;

/// A note: its 0-based row and column, and its text.
pub(crate) type Note = (u32, u32, String);

/// At most this many notes, and this many bytes of their text, are read from one
/// workbook (bounds on memory: they are held until their sheet is read; a workbook with
/// more is still read, its notes beyond these are not).
const MAX_NOTES: usize = 10_000;
const MAX_NOTES_BYTES: usize = 16 * 1024 * 1024;

/// The notes of each sheet, by sheet name, in the order of their cells (row by row).
pub(crate) fn notes<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    ctx: &Ctx,
) -> Result<HashMap<String, Vec<Note>>, String> {
    let mut out = HashMap::new();
    // Most workbooks have no notes at all: nothing to look up.
    if !zip.file_names().any(|n| n.starts_with("xl/comments")) {
        return Ok(out);
    }
    let sheets = sheet_ids(zip, ctx)?;
    let parts = relationships(zip, "xl/_rels/workbook.xml.rels", "xl/", ctx)?;
    let (mut total, mut bytes) = (0, 0);
    // A comments part shared by several sheets (a damaged or hostile file) is read once.
    let mut read = std::collections::HashSet::new();
    for (name, id) in sheets {
        let Some((sheet_part, _)) = parts.iter().find(|(_, (i, _))| *i == id) else {
            continue;
        };
        let (dir, file) = sheet_part.rsplit_once('/').unwrap_or(("", sheet_part));
        let rels = format!("{dir}/_rels/{file}.rels");
        let targets = relationships(zip, &rels, &format!("{dir}/"), ctx)?;
        for (part, (_, kind)) in targets {
            if !kind.ends_with("/comments")
                || total >= MAX_NOTES
                || bytes >= MAX_NOTES_BYTES
                || !read.insert(part.clone())
            {
                continue;
            }
            let room = (MAX_NOTES - total, MAX_NOTES_BYTES - bytes);
            let mut list = comments(zip, &part, ctx, room)?;
            total += list.len();
            bytes += list.iter().map(|n| n.2.len()).sum::<usize>();
            list.sort_by_key(|(row, col, _)| (*row, *col));
            out.entry(name.clone())
                .or_insert_with(Vec::new)
                .extend(list);
        }
    }
    Ok(out)
}

fn attribute(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            let raw = String::from_utf8_lossy(&a.value);
            quick_xml::escape::unescape(&raw)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The sheets named in `xl/workbook.xml` with their relationship ids, in order.
fn sheet_ids<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    ctx: &Ctx,
) -> Result<Vec<(String, String)>, String> {
    let mut sheets = Vec::new();
    stream_part(zip, "xl/workbook.xml", ctx, |ev| {
        if let Event::Start(e) | Event::Empty(e) = ev
            && e.local_name().as_ref() == b"sheet"
            && let (Some(name), Some(id)) = (attribute(e, b"name"), attribute(e, b"id"))
        {
            sheets.push((name, id));
        }
        true
    })?;
    Ok(sheets)
}

/// A relationship: its target's part name, its id and its type.
type Relationship = (String, (String, String));

/// The relationships of a part: each target's part name (resolved against `base`, the
/// folder of the part they belong to) with its id and type.
fn relationships<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    rels: &str,
    base: &str,
    ctx: &Ctx,
) -> Result<Vec<Relationship>, String> {
    let mut out = Vec::new();
    stream_part(zip, rels, ctx, |ev| {
        if let Event::Start(e) | Event::Empty(e) = ev
            && e.local_name().as_ref() == b"Relationship"
            && let (Some(id), Some(kind), Some(target)) = (
                attribute(e, b"Id"),
                attribute(e, b"Type"),
                attribute(e, b"Target"),
            )
        {
            out.push((resolve(base, &target), (id, kind)));
        }
        true
    })?;
    Ok(out)
}

/// A relationship's target as a part name: "/xl/comments1.xml" is from the package's
/// root, "../comments1.xml" from `base`'s parent.
fn resolve(base: &str, target: &str) -> String {
    if let Some(root) = target.strip_prefix('/') {
        return root.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The notes of one comments part, at most `room.0` of them and about `room.1` bytes.
fn comments<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    part: &str,
    ctx: &Ctx,
    room: (usize, usize),
) -> Result<Vec<Note>, String> {
    let mut out = Vec::new();
    let mut bytes = 0;
    let mut current: Option<(u32, u32, String)> = None;
    let mut in_text = false;
    stream_part(zip, part, ctx, |ev| {
        match ev {
            Event::Start(e) => match e.local_name().as_ref() {
                b"comment" => {
                    current = attribute(e, b"ref")
                        .and_then(|r| cell_ref(&r))
                        .map(|(row, col)| (row, col, String::new()));
                }
                b"t" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"comment" => {
                    if let Some(note) = current.take().filter(|n| !n.2.trim().is_empty()) {
                        bytes += note.2.len();
                        out.push(note);
                    }
                    return out.len() < room.0 && bytes < room.1;
                }
                b"t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some((_, _, text)) = current.as_mut() {
                    push_bounded(text, &String::from_utf8_lossy(t));
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some((_, _, text)) = current.as_mut() {
                    push_bounded(text, &resolve_ref(r, false));
                }
            }
            _ => {}
        }
        true
    })?;
    Ok(out)
}

/// A note longer than this is cut (a note is a few lines; the bound keeps memory flat).
const MAX_NOTE: usize = 64 * 1024;

/// Adds `s` to a note, cutting it (at a character's edge) at [`MAX_NOTE`] bytes.
fn push_bounded(text: &mut String, s: &str) {
    let room = MAX_NOTE.saturating_sub(text.len());
    let mut cut = s.len().min(room);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    text.push_str(&s[..cut]);
}

/// "F13" as its 0-based row and column (12, 5).
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].bytes().try_fold(0u32, |n, b| {
        Some(n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1))
    })?;
    let row: u32 = r[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_read_as_rows_and_columns() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("F13"), Some((12, 5)));
        assert_eq!(cell_ref("AA10"), Some((9, 26)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        for bad in ["", "13", "F", "F0", "ABCD1", "F1x"] {
            assert_eq!(cell_ref(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_long_note_is_cut_not_lost() {
        let mut note = String::from("On the CAMHS waiting list. ");
        push_bounded(&mut note, &"é".repeat(MAX_NOTE));
        assert!(note.starts_with("On the CAMHS waiting list."));
        assert!(note.len() <= MAX_NOTE && note.len() > MAX_NOTE - 2);
        push_bounded(&mut note, "more");
        assert!(note.len() <= MAX_NOTE);
    }

    #[test]
    fn relationship_targets_resolve_as_part_names() {
        assert_eq!(
            resolve("xl/worksheets/", "../comments1.xml"),
            "xl/comments1.xml"
        );
        assert_eq!(
            resolve("xl/", "worksheets/sheet2.xml"),
            "xl/worksheets/sheet2.xml"
        );
        assert_eq!(
            resolve("xl/worksheets/", "/xl/comments3.xml"),
            "xl/comments3.xml"
        );
    }
}
