//! Zip archives, recursively: each member is reported as its own file
//! (`archive.zip/dir/member`), then the archive itself. Members are streamed through the
//! bounded reader (see `zipread`); depth, member count, per-member ratio and total
//! expansion are all limited, and once a limit trips every enclosing archive stops with
//! the zip-bomb reason.

use std::io::{Read, Seek};

use zip::ZipArchive;

use super::dispatch::{extract_stream, refuse};
use super::{Ctx, DEEP_REASON, Status, Visitor, WIDE_REASON, zipread};

pub(crate) fn extract<R: Read + Seek>(
    mut zip: ZipArchive<R>,
    display: &str,
    ctx: &Ctx,
    visitor: &mut dyn Visitor,
) {
    let status = read_members(&mut zip, display, ctx, visitor);
    let status = if ctx.shared.tripped.get() {
        Status::NotInspected(ctx.shared.reason().into())
    } else {
        status
    };
    visitor.begin(display, "zip");
    visitor.end(status);
}

fn read_members<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    display: &str,
    ctx: &Ctx,
    visitor: &mut dyn Visitor,
) -> Status {
    if ctx.depth >= ctx.limits.max_depth {
        ctx.shared.trip(DEEP_REASON);
        return Status::NotInspected(DEEP_REASON.into());
    }
    if zip.len() as u64 > ctx.limits.max_members {
        ctx.shared.trip(WIDE_REASON);
        return Status::NotInspected(WIDE_REASON.into());
    }
    let inner = ctx.nested();
    let mut status = Status::Inspected;
    for index in 0..zip.len() {
        if ctx.shared.tripped.get() {
            break;
        }
        let info = match zipread::info(zip, index) {
            Ok(i) => i,
            Err(reason) => return Status::NotInspected(reason),
        };
        if info.is_dir {
            continue;
        }
        let name = format!("{display}/{}", info.name.trim_start_matches(['/', '\\']));
        match zipread::open(zip, index, &inner) {
            Ok(mut member) => {
                extract_stream(&mut member, &name, Some(info.declared), &inner, visitor);
            }
            Err(reason) => {
                let format = if reason == super::PROTECTED_REASON {
                    "protected"
                } else {
                    "unknown"
                };
                refuse(visitor, &name, format, &reason);
                if !ctx.shared.tripped.get() && reason != super::PROTECTED_REASON {
                    status = Status::NotInspected("some files in it could not be read".into());
                }
            }
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::super::testutil::{run_bytes, run_file, zip_bytes};
    use super::super::{BOMB_REASON, DEEP_REASON, Limits, Status, WIDE_REASON};

    #[test]
    fn members_then_archive() {
        let inner = zip_bytes(&[("deep/note.txt", b"Pupil: Sam Hill")]);
        let bytes = zip_bytes(&[
            ("Y4/list.csv", b"Name,Class\nAmy,4B\n"),
            ("inner.zip", &inner),
            ("pic.jpg", b"\xFF\xD8\xFF\xE0 jpeg"),
        ]);
        let c = run_file("pupils.zip", &bytes, &Limits::default());
        let names: Vec<_> = c.files.iter().map(|f| (f.0.as_str(), f.1)).collect();
        assert_eq!(
            names,
            [
                ("pupils.zip/Y4/list.csv", "csv"),
                ("pupils.zip/inner.zip/deep/note.txt", "text"),
                ("pupils.zip/inner.zip", "zip"),
                ("pupils.zip/pic.jpg", "jpg"),
                ("pupils.zip", "zip"),
            ]
        );
        assert_eq!(c.status(), Status::Inspected);
        assert_eq!(c.status_of("pupils.zip/pic.jpg"), Some(Status::Media));
        assert_eq!(
            c.texts_of("pupils.zip/inner.zip/deep/note.txt"),
            ["Pupil: Sam Hill"]
        );
        assert_eq!(c.find("Amy").header.as_deref(), Some("Name"));
    }

    #[test]
    fn compressible_member_is_a_bomb() {
        // 64 MB of zeros compresses ~1000:1, far beyond the ratio limit.
        let mut out = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            w.start_file("zeros.txt", opts).unwrap();
            let block = vec![0u8; 1024 * 1024];
            for _ in 0..64 {
                w.write_all(&block).unwrap();
            }
            w.finish().unwrap();
        }
        let bytes = out.into_inner();
        let c = run_bytes("bomb.zip", &bytes, &Limits::default());
        assert_eq!(c.status(), Status::NotInspected(BOMB_REASON.into()));
        assert_eq!(
            c.status_of("bomb.zip/zeros.txt"),
            Some(Status::NotInspected(BOMB_REASON.into()))
        );

        // Lying headers: declared size patched down to look harmless.
        let mut lying = bytes.clone();
        patch_sizes(&mut lying, 100);
        let c = run_bytes("liar.zip", &lying, &Limits::default());
        assert_eq!(
            c.status(),
            Status::NotInspected(BOMB_REASON.into()),
            "{:?}",
            c.files
        );
    }

    /// Overwrites the uncompressed size in local and central headers.
    fn patch_sizes(zip: &mut [u8], size: u32) {
        let mut i = 0;
        while i + 30 < zip.len() {
            if zip[i..].starts_with(b"PK\x03\x04") {
                zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
            } else if zip[i..].starts_with(b"PK\x01\x02") {
                zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
            }
            i += 1;
        }
    }

    #[test]
    fn nested_bomb_and_depth() {
        let mut level = zip_bytes(&[("a.txt", b"hi")]);
        for _ in 0..8 {
            level = zip_bytes(&[("x1.zip", &level), ("x2.zip", &level)]);
        }
        let c = run_bytes("42.zip", &level, &Limits::default());
        assert_eq!(c.status(), Status::NotInspected(DEEP_REASON.into()));
        assert!(c.files.len() < 64, "stopped early: {}", c.files.len());
    }

    #[test]
    fn too_many_members() {
        let members: Vec<(String, Vec<u8>)> = (0..20)
            .map(|i| (format!("f{i}.txt"), b"x".to_vec()))
            .collect();
        let refs: Vec<(&str, &[u8])> = members
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .collect();
        let limits = Limits {
            max_members: 10,
            ..Limits::default()
        };
        let c = run_bytes("wide.zip", &zip_bytes(&refs), &limits);
        assert_eq!(c.status(), Status::NotInspected(WIDE_REASON.into()));
    }

    #[test]
    fn truncated_zip() {
        let bytes = zip_bytes(&[("a.txt", b"hello there")]);
        let c = run_bytes("t.zip", &bytes[..bytes.len() - 10], &Limits::default());
        assert!(matches!(c.status(), Status::NotInspected(r) if r.contains("damaged")));
    }

    #[test]
    fn encrypted_member_is_protected() {
        let mut bytes = zip_bytes(&[("secret.txt", b"hidden"), ("open.txt", b"visible")]);
        // Set the "encrypted" flag of the first member in both headers.
        let local = 0;
        bytes[local + 6] |= 1;
        let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bytes[central + 8] |= 1;
        let c = run_bytes("s.zip", &bytes, &Limits::default());
        assert_eq!(
            c.status_of("s.zip/secret.txt"),
            Some(Status::NotInspected("protected".into()))
        );
        assert_eq!(c.texts_of("s.zip/open.txt"), ["visible"]);
        assert_eq!(c.status(), Status::Inspected);
    }
}
