//! Writes the starting inputs for the fuzz targets into `fuzz/seeds/<target>/`: the
//! labelled corpus's documents (each prefixed with the byte that picks its format), a tar
//! archive as safecarry writes it, and a small sealed file locked with the passphrase
//! `fuzz` at a low work factor. Run: `cargo run --example fuzz-seeds`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const NAMES: &[&str] = &[
    "txt", "csv", "tsv", "md", "html", "xml", "json", "rtf", "docx", "xlsx", "xlsb", "xls", "pptx",
    "odt", "ods", "odp", "pdf", "eml", "msg", "zip", "bin",
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("fuzz/seeds");
    let dir = |t: &str| {
        let d = seeds.join(t);
        fs::create_dir_all(&d).unwrap();
        d
    };
    // extract and detect: the corpus, smallest files first, at most 64 KiB each.
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("tests/corpus/files"))
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.is_file())
        .collect();
    files.sort_by_key(|p| fs::metadata(p).unwrap().len());
    let (extract, detect) = (dir("extract"), dir("detect"));
    for (i, p) in files.iter().enumerate() {
        let bytes = fs::read(p).unwrap();
        if bytes.len() > 64 * 1024 {
            continue;
        }
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("bin");
        let Some(pick) = NAMES.iter().position(|n| *n == ext) else {
            continue;
        };
        let mut seed = vec![pick as u8];
        seed.extend_from_slice(&bytes);
        fs::write(extract.join(format!("{i:03}-{ext}")), seed).unwrap();
        if matches!(ext, "txt" | "csv" | "tsv" | "md") {
            fs::write(detect.join(format!("{i:03}-{ext}")), &bytes).unwrap();
        }
    }
    // open_payload: a tar as safecarry writes it (folder, file, unicode name via pax).
    let work = tempfile::tempdir().unwrap();
    fs::create_dir_all(work.path().join("Class 4/Ünïcode")).unwrap();
    fs::write(work.path().join("Class 4/notes.txt"), "Amara Nwosu, Year 4").unwrap();
    fs::write(work.path().join("Class 4/Ünïcode/ä.txt"), "x").unwrap();
    let plan = safecarry::collect::collect(&[work.path().join("Class 4")]).unwrap();
    let mut tar_bytes = Vec::new();
    {
        let mut builder = tar::Builder::new(&mut tar_bytes);
        for item in &plan.items {
            let mut src: Box<dyn std::io::Read> = match item.kind {
                safecarry::collect::Kind::File => Box::new(fs::File::open(&item.source).unwrap()),
                safecarry::collect::Kind::Dir => Box::new(std::io::empty()),
            };
            safecarry::tarball::append(&mut builder, item, &mut src).unwrap();
        }
        builder.finish().unwrap();
    }
    fs::write(dir("open_payload").join("safecarry.tar"), &tar_bytes).unwrap();
    fs::write(
        dir("open_payload").join("plain.bin"),
        b"%PDF-1.4 plain age payload",
    )
    .unwrap();
    // open_file: the same archive sealed with the passphrase `fuzz` at log2 N = 10.
    let mut r = age::scrypt::Recipient::new(age::secrecy::SecretString::from("fuzz"));
    r.set_work_factor(10);
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as _)).unwrap();
    let mut sealed = Vec::new();
    let mut w = enc.wrap_output(&mut sealed).unwrap();
    w.write_all(&tar_bytes).unwrap();
    w.finish().unwrap();
    fs::write(dir("open_file").join("sealed.age"), sealed).unwrap();
    println!("seeds written to {}", seeds.display());
}
