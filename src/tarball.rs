//! The tar layer of the sealed format: writing portable entries, and reading them back
//! with every safety check an archive from an untrusted source needs.
//!
//! Writing: ustar headers, with a pax `path` record when a name is not plain ASCII or is
//! too long for ustar, so every POSIX tar (GNU, bsdtar, Go, Python) restores the exact
//! name. Owner names and ids are not stored (they would reveal the sealer's login).
//!
//! Reading: only regular files and folders are accepted. Absolute paths, `..`, links,
//! devices, control characters and duplicate names reject the whole archive.

use std::collections::HashSet;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tar::{EntryType, Header};

use crate::collect::{Item, Kind};

/// Appends one item. `data` must yield exactly `item.size` bytes for a file.
pub fn append<W: Write>(
    builder: &mut tar::Builder<W>,
    item: &Item,
    data: &mut dyn Read,
) -> io::Result<()> {
    let mut name = item.name.clone();
    if item.kind == Kind::Dir {
        name.push('/');
    }
    let mut header = Header::new_ustar();
    let (kind, mode, size) = match item.kind {
        Kind::Dir => (EntryType::Directory, 0o755, 0),
        Kind::File if item.executable => (EntryType::Regular, 0o755, item.size),
        Kind::File => (EntryType::Regular, 0o644, item.size),
    };
    header.set_entry_type(kind);
    header.set_mode(mode);
    header.set_size(size);
    header.set_mtime(unix_seconds(item.mtime));
    header.set_uid(0);
    header.set_gid(0);

    let fits = name.is_ascii() && header.set_path(&name).is_ok() && header_path_is(&header, &name);
    if !fits {
        let record = pax_record("path", &name);
        let mut pax = Header::new_ustar();
        pax.set_entry_type(EntryType::XHeader);
        pax.set_mode(0o644);
        pax.set_size(record.len() as u64);
        pax.set_mtime(unix_seconds(item.mtime));
        pax.set_path(ascii_fallback("PaxHeaders/", &name))?;
        pax.set_cksum();
        builder.append(&pax, record.as_slice())?;
        header.set_path(ascii_fallback("", &name))?;
    }
    header.set_cksum();
    builder.append(&header, data)
}

fn header_path_is(header: &Header, name: &str) -> bool {
    header.path_bytes().as_ref() == name.trim_end_matches('/').as_bytes()
        || header.path_bytes().as_ref() == name.as_bytes()
}

/// One pax extended-header record: `"<len> <key>=<value>\n"`, where `<len>` counts the
/// whole record including its own digits.
pub fn pax_record(key: &str, value: &str) -> Vec<u8> {
    let body = format!(" {key}={value}\n");
    let mut len = body.len() + 1;
    loop {
        let total = len.to_string().len() + body.len();
        if total == len {
            break;
        }
        len = total;
    }
    format!("{len}{body}").into_bytes()
}

/// A short ASCII stand-in for the name, for readers that ignore pax (none should).
fn ascii_fallback(prefix: &str, name: &str) -> String {
    let is_dir = name.ends_with('/');
    let base = name
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("item");
    let mut s: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let room = 99 - prefix.len() - usize::from(is_dir);
    if s.len() > room {
        s.truncate(room);
    }
    if s.is_empty() {
        s.push_str("item");
    }
    let mut out = format!("{prefix}{s}");
    if is_dir {
        out.push('/');
    }
    out
}

fn unix_seconds(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Bytes the tar stream will take for `items`, at most (headers, pax records, padding,
/// end blocks). Used to check free space before writing.
pub fn max_archive_size(items: &[Item]) -> u64 {
    let mut total = 1024; // two zero blocks at the end
    for i in items {
        total += 512; // header
        total += 512 + (i.name.len() as u64).div_ceil(512) * 512 + 512; // possible pax entry
        total += i.size.div_ceil(512) * 512;
    }
    total.div_ceil(10240) * 10240
}

/// What an archive entry is allowed to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Dir,
}

/// Why an archive was rejected. Each names the entry, escaped for display.
#[derive(Debug)]
pub enum Unsafe {
    Absolute(String),
    ParentDir(String),
    BadName(String),
    Link(String),
    Device(String),
    Duplicate(String),
    Unsupported(String),
}

impl std::fmt::Display for Unsafe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unsafe::Absolute(n) => write!(f, "it contains an item with a full path ({n})"),
            Unsafe::ParentDir(n) => write!(
                f,
                "it contains an item that points outside its folder ({n})"
            ),
            Unsafe::BadName(n) => write!(f, "it contains an item with an invalid name ({n})"),
            Unsafe::Link(n) => write!(
                f,
                "it contains a link ({n}), which safecarry never restores"
            ),
            Unsafe::Device(n) => write!(f, "it contains a device or special file ({n})"),
            Unsafe::Duplicate(n) => write!(f, "it contains the same name twice ({n})"),
            Unsafe::Unsupported(n) => write!(f, "it contains an item of an unsupported kind ({n})"),
        }
    }
}

/// Checks an entry's type and name. Returns the relative path to create (with names
/// adjusted for this platform where needed) and the kind.
pub fn check_entry(
    entry_type: EntryType,
    raw_path: &[u8],
    seen: &mut HashSet<PathBuf>,
) -> Result<(PathBuf, EntryKind), Unsafe> {
    let display = crate::error::escape(&String::from_utf8_lossy(raw_path));
    let kind = match entry_type {
        EntryType::Regular | EntryType::Continuous => EntryKind::File,
        EntryType::Directory => EntryKind::Dir,
        EntryType::Symlink | EntryType::Link => return Err(Unsafe::Link(display)),
        EntryType::Char | EntryType::Block | EntryType::Fifo => {
            return Err(Unsafe::Device(display));
        }
        _ => return Err(Unsafe::Unsupported(display)),
    };
    let text = std::str::from_utf8(raw_path).map_err(|_| Unsafe::BadName(display.clone()))?;
    if text.is_empty() || text.chars().any(|c| c.is_control()) {
        return Err(Unsafe::BadName(display));
    }
    if text.starts_with('/') || text.starts_with('\\') || has_drive_prefix(text) {
        return Err(Unsafe::Absolute(display));
    }
    let mut rel = PathBuf::new();
    for part in text.split(['/', '\\']) {
        match part {
            "" | "." => continue,
            ".." => return Err(Unsafe::ParentDir(display)),
            p => rel.push(platform_component(p)),
        }
    }
    if rel.as_os_str().is_empty() {
        return Err(Unsafe::BadName(display));
    }
    // Belt and braces: the result must be purely relative.
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(Unsafe::ParentDir(display));
    }
    let key = PathBuf::from(rel.to_string_lossy().to_lowercase());
    if !seen.insert(key) {
        return Err(Unsafe::Duplicate(display));
    }
    Ok((rel, kind))
}

fn has_drive_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

/// Adjusts one name so this platform can create it. On Windows, characters that Windows
/// forbids become `_`, reserved device names gain a leading `_`, and trailing dots and
/// spaces are removed. Elsewhere the name is kept exactly.
pub fn platform_component(name: &str) -> String {
    if cfg!(windows) {
        windows_component(name)
    } else {
        name.to_string()
    }
}

fn windows_component(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| if "<>:\"|?*".contains(c) { '_' } else { c })
        .collect();
    while s.ends_with('.') || s.ends_with(' ') {
        s.pop();
    }
    if s.is_empty() {
        s.push('_');
    }
    let stem = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        s.insert(0, '_');
    }
    s
}

/// Reads an entry's modification time.
pub fn mtime_of(header: &Header) -> Option<SystemTime> {
    header
        .mtime()
        .ok()
        .map(|s| UNIX_EPOCH + Duration::from_secs(s))
}

/// Does this 512-byte block look like a tar header (ustar magic and a valid checksum)?
pub fn looks_like_tar(block: &[u8]) -> bool {
    if block.len() < 512 {
        return false;
    }
    let magic_ok = &block[257..262] == b"ustar";
    if !magic_ok {
        return false;
    }
    let stored = std::str::from_utf8(&block[148..156])
        .ok()
        .map(|s| s.trim_matches(|c: char| c == '\0' || c == ' '))
        .and_then(|s| u32::from_str_radix(s, 8).ok());
    let computed: u32 = block[..148]
        .iter()
        .chain(std::iter::repeat_n(&b' ', 8))
        .chain(block[156..512].iter())
        .map(|&b| u32::from(b))
        .sum();
    stored == Some(computed)
}

/// True if `path` has no parent-directory or root parts (for names we build ourselves).
pub fn is_plain_relative(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pax_record_length_counts_itself() {
        let r = pax_record("path", "a");
        assert_eq!(r, b"9 path=a\n");
        // 8 bytes of body + 1 digit is 9; a body of 8+ digits needing 2 digits rolls over.
        let r = pax_record("path", "abcdefgh");
        assert_eq!(r, b"17 path=abcdefgh\n");
        let long = "x".repeat(95);
        let r = pax_record("path", &long);
        let len: usize = std::str::from_utf8(&r)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(len, r.len());
    }

    fn check(t: EntryType, p: &str) -> Result<(PathBuf, EntryKind), Unsafe> {
        check_entry(t, p.as_bytes(), &mut HashSet::new())
    }

    #[test]
    fn dangerous_entries_are_rejected() {
        assert!(matches!(
            check(EntryType::Regular, "../x"),
            Err(Unsafe::ParentDir(_))
        ));
        assert!(matches!(
            check(EntryType::Regular, "a/../../x"),
            Err(Unsafe::ParentDir(_))
        ));
        assert!(matches!(
            check(EntryType::Regular, "a\\..\\..\\x"),
            Err(Unsafe::ParentDir(_))
        ));
        assert!(matches!(
            check(EntryType::Regular, "/etc/passwd"),
            Err(Unsafe::Absolute(_))
        ));
        assert!(matches!(
            check(EntryType::Regular, "C:/x"),
            Err(Unsafe::Absolute(_))
        ));
        assert!(matches!(
            check(EntryType::Symlink, "a"),
            Err(Unsafe::Link(_))
        ));
        assert!(matches!(check(EntryType::Link, "a"), Err(Unsafe::Link(_))));
        assert!(matches!(
            check(EntryType::Char, "a"),
            Err(Unsafe::Device(_))
        ));
        assert!(matches!(
            check(EntryType::Fifo, "a"),
            Err(Unsafe::Device(_))
        ));
        assert!(matches!(
            check(EntryType::Regular, "a\u{1b}[2J"),
            Err(Unsafe::BadName(_))
        ));
        assert!(matches!(
            check(EntryType::Regular, ""),
            Err(Unsafe::BadName(_))
        ));
        let mut seen = HashSet::new();
        assert!(check_entry(EntryType::Regular, b"a/b.txt", &mut seen).is_ok());
        assert!(matches!(
            check_entry(EntryType::Regular, b"a/./b.txt", &mut seen),
            Err(Unsafe::Duplicate(_))
        ));
    }

    #[test]
    fn ordinary_entries_are_accepted() {
        let (p, k) = check(EntryType::Regular, "Year 4/Zoë's marks.xlsx").unwrap();
        assert_eq!(k, EntryKind::File);
        assert_eq!(
            p,
            PathBuf::from("Year 4").join(platform_component("Zoë's marks.xlsx"))
        );
        let (_, k) = check(EntryType::Directory, "Year 4/").unwrap();
        assert_eq!(k, EntryKind::Dir);
    }

    #[test]
    fn windows_names_are_made_creatable() {
        assert_eq!(
            windows_component("Notes: week 1?.txt"),
            "Notes_ week 1_.txt"
        );
        assert_eq!(windows_component("CON.txt"), "_CON.txt");
        assert_eq!(windows_component("com1"), "_com1");
        assert_eq!(windows_component("trailing. "), "trailing");
        assert_eq!(windows_component("console.txt"), "console.txt");
    }

    #[test]
    fn tar_headers_are_recognised() {
        let mut h = Header::new_ustar();
        h.set_path("a.txt").unwrap();
        h.set_size(0);
        h.set_cksum();
        assert!(looks_like_tar(h.as_bytes()));
        let mut bad = *h.as_bytes();
        bad[0] = b'b';
        assert!(!looks_like_tar(&bad));
        assert!(!looks_like_tar(&[0u8; 512]));
    }
}
