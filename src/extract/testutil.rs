//! Test helpers: a collecting visitor and fixture builders.

use std::io::Write;

use super::{Limits, Location, Segment, Status, Visitor};

#[derive(Debug, Clone)]
pub struct Seg {
    pub file: String,
    pub location: Location,
    pub text: String,
    pub header: Option<String>,
    pub is_header: bool,
    pub record: Option<u64>,
}

/// Records everything; in counting mode keeps only counts (for big inputs).
#[derive(Default)]
pub struct Collect {
    pub counting: bool,
    pub count: u64,
    pub max_len: usize,
    pub total_len: usize,
    pub segs: Vec<Seg>,
    pub files: Vec<(String, &'static str, Option<Status>)>,
    current: Vec<String>,
}

impl Collect {
    pub fn counting() -> Self {
        Collect {
            counting: true,
            ..Default::default()
        }
    }
    /// Status of the last file ended (the top-level one for containers).
    pub fn status(&self) -> Status {
        self.files
            .last()
            .and_then(|f| f.2.clone())
            .expect("a file ended")
    }
    pub fn status_of(&self, path: &str) -> Option<Status> {
        self.files
            .iter()
            .find(|f| f.0 == path)
            .and_then(|f| f.2.clone())
    }
    pub fn texts(&self) -> Vec<String> {
        self.segs.iter().map(|s| s.text.clone()).collect()
    }
    pub fn texts_of(&self, file: &str) -> Vec<String> {
        self.segs
            .iter()
            .filter(|s| s.file == file)
            .map(|s| s.text.clone())
            .collect()
    }
    pub fn all_text(&self) -> String {
        self.texts().join("\n")
    }
    pub fn find(&self, text: &str) -> &Seg {
        self.segs
            .iter()
            .find(|s| s.text == text)
            .unwrap_or_else(|| panic!("no segment {text:?} in {:?}", self.texts()))
    }
}

impl Visitor for Collect {
    fn begin(&mut self, path: &str, format: &'static str) {
        assert!(self.current.is_empty(), "begin inside {:?}", self.current);
        self.current.push(path.to_string());
        self.files.push((path.to_string(), format, None));
    }
    fn segment(&mut self, seg: &Segment<'_>) {
        assert!(!self.current.is_empty(), "segment outside a file");
        self.count += 1;
        self.max_len = self.max_len.max(seg.text.len());
        self.total_len += seg.text.len();
        if !self.counting {
            self.segs.push(Seg {
                file: self.current[0].clone(),
                location: seg.location.clone(),
                text: seg.text.to_string(),
                header: seg.header.map(str::to_string),
                is_header: seg.is_header,
                record: seg.record,
            });
        }
    }
    fn end(&mut self, status: Status) {
        let path = self.current.pop().expect("end after begin");
        let f = self.files.iter_mut().rev().find(|f| f.0 == path).unwrap();
        f.2 = Some(status);
    }
}

pub fn run_bytes(name: &str, bytes: &[u8], limits: &Limits) -> Collect {
    let mut c = Collect::default();
    let mut r = bytes;
    super::extract_reader(&mut r, name, Some(bytes.len() as u64), limits, &mut c);
    c
}

/// Also runs through `extract_path` on a temporary file, checking both agree.
pub fn run_file(name: &str, bytes: &[u8], limits: &Limits) -> Collect {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name.rsplit('/').next().unwrap());
    std::fs::write(&path, bytes).unwrap();
    let mut c = Collect::default();
    super::extract_path(&path, name, limits, &mut c);
    c
}

/// A zip with the given (name, content) members, deflated.
pub fn zip_bytes(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in members {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
    }
    out.into_inner()
}
