//! Format detection: decides what a file is from its first bytes (magic numbers) and,
//! failing that, its extension. Zip and OLE2 containers are told apart by their contents
//! (`word/`, `xl/`, `ppt/`, ODF `mimetype`; OLE2 stream names).

use std::io::{Read, Seek};

/// What a file is, as far as extraction is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Csv,
    Tsv,
    Html,
    Xml,
    Json,
    Rtf,
    Eml,
    Pdf,
    /// A zip file whose contents decide what it is (see [`zip_kind`]).
    ZipContainer,
    /// An OLE2 compound file whose streams decide what it is (see [`ole_kind`]).
    OleContainer,
    Docx,
    Pptx,
    Xlsx,
    Xls,
    Ods,
    Odt,
    Odp,
    Msg,
    Zip,
    /// A photo, video or audio file, with its short format name.
    Media(&'static str),
    /// A format recognised but not read: short name and plain-English reason.
    Refused(&'static str, &'static str),
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Html => "html",
            Format::Xml => "xml",
            Format::Json => "json",
            Format::Rtf => "rtf",
            Format::Eml => "eml",
            Format::Pdf => "pdf",
            Format::ZipContainer | Format::Zip => "zip",
            Format::OleContainer => "ole",
            Format::Docx => "docx",
            Format::Pptx => "pptx",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Odt => "odt",
            Format::Odp => "odp",
            Format::Msg => "msg",
            Format::Media(n) | Format::Refused(n, _) => n,
        }
    }
}

pub(crate) const OLD_OFFICE: &str =
    "old Word/PowerPoint format (.doc/.ppt) is not read; save as .docx/.pptx";

/// The lower-case extension of a display path ("" if none).
pub(crate) fn extension(name: &str) -> String {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

fn media_by_extension(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "jpg" | "jpeg" | "jfif" => "jpg",
        "png" => "png",
        "gif" => "gif",
        "heic" | "heif" => "heic",
        "bmp" => "bmp",
        "tif" | "tiff" => "tiff",
        "webp" => "webp",
        "mp4" | "m4v" => "mp4",
        "mov" => "mov",
        "avi" => "avi",
        "mkv" | "webm" => "mkv",
        "wmv" => "wmv",
        "mp3" => "mp3",
        "m4a" => "m4a",
        "wav" => "wav",
        "aac" => "aac",
        "ogg" | "oga" | "opus" => "ogg",
        _ => return None,
    })
}

fn media_by_magic(head: &[u8], ext: &str) -> Option<&'static str> {
    let by_ext = media_by_extension(ext);
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("jpg");
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("png");
    }
    if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        return Some("gif");
    }
    if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        return Some("tiff");
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" {
        match &head[8..12] {
            b"WEBP" => return Some("webp"),
            b"WAVE" => return Some("wav"),
            b"AVI " => return Some("avi"),
            _ => {}
        }
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        return Some(match &head[8..12] {
            b"heic" | b"heix" | b"mif1" | b"msf1" | b"hevc" => "heic",
            b"qt  " => "mov",
            b"M4A " | b"M4B " => "m4a",
            _ => by_ext.unwrap_or("mp4"),
        });
    }
    if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return Some("mkv");
    }
    if head.starts_with(&[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]) {
        return Some(by_ext.unwrap_or("wmv"));
    }
    if head.starts_with(b"OggS") {
        return Some("ogg");
    }
    if head.starts_with(b"ID3") {
        return Some("mp3");
    }
    if head.starts_with(b"BM") && ext == "bmp" {
        return Some("bmp");
    }
    // MPEG audio / ADTS frames have weak magic: trust them only with a matching extension.
    if head.len() >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0 {
        return by_ext;
    }
    None
}

/// True if the start of a file looks like text (no NUL bytes, few control characters).
pub(crate) fn looks_like_text(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || super::text::utf16_without_bom(head).is_some()
    {
        return true;
    }
    if head.contains(&0) {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1A))
        .count();
    controls * 100 <= head.len()
}

/// Guesses a format from the display name and up to the first few KiB of content.
pub(crate) fn sniff(name: &str, head: &[u8]) -> Format {
    let ext = extension(name);
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Format::ZipContainer;
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::OleContainer;
    }
    if head.len() >= 5
        && head[..head.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Format::Pdf;
    }
    if head.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    if let Some(m) = media_by_magic(head, &ext) {
        return Format::Media(m);
    }
    if head.starts_with(b"Rar!") || head.starts_with(b"7z\xBC\xAF\x27\x1C") {
        return Format::Refused(
            "archive",
            "RAR and 7-Zip archives are not read; use a .zip file",
        );
    }
    if head.starts_with(&[0x1F, 0x8B]) {
        return Format::Refused("archive", "compressed .gz files are not read");
    }
    let text = looks_like_text(head);
    match ext.as_str() {
        "docx" | "docm" | "dotx" | "xlsx" | "xlsm" | "pptx" | "pptm" | "odt" | "ods" | "odp"
        | "zip" | "xls" | "msg" | "pdf" => {
            return Format::Refused(leak_ext(&ext), "damaged or unreadable file");
        }
        "doc" | "ppt" | "dot" | "pps" => return Format::Refused(leak_ext(&ext), OLD_OFFICE),
        _ => {}
    }
    if let Some(m) = media_by_extension(&ext)
        && !text
    {
        return Format::Media(m);
    }
    if !text {
        return Format::Refused("binary", crate::extract::UNKNOWN_REASON);
    }
    match ext.as_str() {
        "csv" => Format::Csv,
        "tsv" | "tab" => Format::Tsv,
        "htm" | "html" | "xhtml" | "mht" | "mhtml" => Format::Html,
        "xml" | "ctf" | "xsd" | "svg" | "rss" | "atom" | "plist" => Format::Xml,
        "rtf" => Format::Rtf,
        "eml" => Format::Eml,
        "json" | "jsonl" | "ndjson" | "geojson" => Format::Json,
        _ => sniff_text(head),
    }
}

/// A text file without a telling extension: HTML, XML, email or plain text.
fn sniff_text(head: &[u8]) -> Format {
    let start = String::from_utf8_lossy(&head[..head.len().min(512)]).to_ascii_lowercase();
    let trimmed = start.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("<!doctype html") || trimmed.starts_with("<html") {
        return Format::Html;
    }
    if trimmed.starts_with("<?xml") {
        return if trimmed.contains("<html") {
            Format::Html
        } else {
            Format::Xml
        };
    }
    Format::Text
}

fn leak_ext(ext: &str) -> &'static str {
    match ext {
        "docx" | "docm" | "dotx" => "docx",
        "xlsx" | "xlsm" => "xlsx",
        "pptx" | "pptm" => "pptx",
        "odt" => "odt",
        "ods" => "ods",
        "odp" => "odp",
        "zip" => "zip",
        "xls" => "xls",
        "msg" => "msg",
        "pdf" => "pdf",
        "doc" | "dot" => "doc",
        _ => "ppt",
    }
}

/// Tells what a zip container is from its member names (and ODF `mimetype`).
pub(crate) fn zip_kind<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Format {
    let has =
        |zip: &zip::ZipArchive<R>, prefix: &str| zip.file_names().any(|n| n.starts_with(prefix));
    let ext = extension(name);
    if zip.index_for_name("[Content_Types].xml").is_some() {
        if has(zip, "word/") {
            return Format::Docx;
        }
        if has(zip, "xl/") {
            return Format::Xlsx;
        }
        if has(zip, "ppt/") {
            return Format::Pptx;
        }
    }
    if let Ok(mut f) = zip.by_name("mimetype") {
        let mut m = String::new();
        let _ = (&mut f).take(100).read_to_string(&mut m);
        let m = m.trim();
        if m.ends_with("opendocument.text") {
            return Format::Odt;
        }
        if m.ends_with("opendocument.spreadsheet") {
            return Format::Ods;
        }
        if m.ends_with("opendocument.presentation") {
            return Format::Odp;
        }
    }
    match ext.as_str() {
        "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp" | "xlsm" | "docm" | "pptm" => {
            Format::Refused(leak_ext(&ext), "damaged or unreadable file")
        }
        _ => Format::Zip,
    }
}

/// Tells what an OLE2 compound file is from its streams.
pub(crate) fn ole_kind<F: Read + Seek>(cfb: &cfb::CompoundFile<F>) -> Format {
    let names: Vec<String> = cfb
        .read_root_storage()
        .map(|e| e.name().to_string())
        .collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("EncryptedPackage") {
        return Format::Refused("office", crate::extract::PROTECTED_REASON);
    }
    if has("Workbook") || has("Book") {
        return Format::Xls;
    }
    if has("__properties_version1.0") || names.iter().any(|n| n.starts_with("__substg1.0_")) {
        return Format::Msg;
    }
    if has("WordDocument") {
        return Format::Refused("doc", OLD_OFFICE);
    }
    if has("PowerPoint Document") {
        return Format::Refused("ppt", OLD_OFFICE);
    }
    Format::Refused("ole", crate::extract::UNKNOWN_REASON)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_magic_and_extension() {
        assert_eq!(sniff("a.txt", b"hello"), Format::Text);
        assert_eq!(sniff("a.CSV", b"a,b\n1,2"), Format::Csv);
        assert_eq!(sniff("x.bin", b"%PDF-1.4\n"), Format::Pdf);
        assert_eq!(
            sniff("photo", b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Format::Media("jpg")
        );
        assert_eq!(
            sniff("clip.mov", b"\0\0\0\x14ftypqt  "),
            Format::Media("mov")
        );
        assert_eq!(
            sniff("a.heic", b"\0\0\0\x18ftypheic"),
            Format::Media("heic")
        );
        assert_eq!(sniff("song.mp3", b"\xFF\xFB\x90\x00"), Format::Media("mp3"));
        assert_eq!(sniff("x", b"PK\x03\x04rest"), Format::ZipContainer);
        assert_eq!(sniff("page", b"<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(sniff("data", b"<?xml version='1.0'?><a/>"), Format::Xml);
        assert_eq!(
            sniff("a.exe", b"MZ\x90\0\x03\0\0\0"),
            Format::Refused("binary", crate::extract::UNKNOWN_REASON)
        );
        assert_eq!(
            sniff("old.doc", b"junk"),
            Format::Refused("doc", OLD_OFFICE)
        );
        assert_eq!(extension("dir.v2/file"), "");
        assert_eq!(extension("a/b.Tar.GZ"), "gz");
    }
}
