//! CSV and TSV: the delimiter is sniffed among `,` `;` tab and `|` from the first lines;
//! rows are streamed with the `csv` crate. The first non-empty row is the header row;
//! later cells carry their column's header and their row as the record. Fields are decoded
//! as UTF-8, or Windows-1252 when not valid UTF-8 (UTF-16 input is transcoded first).
//! A single row may not exceed a bound (so a huge file without line breaks stays bounded).

use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

use super::text::{decode_bytes, utf8_reader};
use super::{Ctx, Emitter, Location, Status, zipread::io_reason};

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter that splits the sample's first lines most consistently.
pub(crate) fn sniff_delimiter(sample: &[u8], default: u8) -> u8 {
    let text = String::from_utf8_lossy(sample);
    let mut lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    if lines.len() > 1 && !sample.ends_with(b"\n") {
        lines.pop(); // probably cut off
    }
    let mut best = (default, 0usize, false);
    for &d in &CANDIDATES {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().all(|&c| c == first);
        let better = match (consistent, best.2) {
            (true, false) => true,
            (false, true) => false,
            _ => first > best.1,
        };
        if better {
            best = (d, first, consistent);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d && !quoted {
            n += 1;
        }
    }
    n
}

/// Fails a read once too many bytes have gone by since the last completed row.
struct RowBound<R> {
    inner: R,
    since_row: Rc<Cell<u64>>,
    max: u64,
}

impl<R: Read> Read for RowBound<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let s = self.since_row.get() + n as u64;
        self.since_row.set(s);
        if s > self.max {
            return Err(io::Error::other(ROW_TOO_LONG));
        }
        Ok(n)
    }
}

const ROW_TOO_LONG: &str = "has a row too long to read safely";

pub(crate) fn extract(reader: &mut dyn Read, tsv: bool, em: &mut Emitter, ctx: &Ctx) -> Status {
    let mut input = match utf8_reader(reader) {
        Ok(r) => r,
        Err(e) => return Status::NotInspected(io_reason(&e, ctx)),
    };
    let delimiter = match input.fill_buf() {
        Ok(sample) => sniff_delimiter(sample, if tsv { b'\t' } else { b',' }),
        Err(e) => return Status::NotInspected(io_reason(&e, ctx)),
    };
    let since_row = Rc::new(Cell::new(0));
    // A row may be several segments long, but not unbounded.
    let max_row = (em.max_segment as u64 * 16).max(1024 * 1024);
    let bounded = RowBound {
        inner: input,
        since_row: since_row.clone(),
        max: max_row,
    };
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(64 * 1024)
        .from_reader(bounded);
    let mut record = csv::ByteRecord::new();
    let mut headers: Option<Vec<String>> = None;
    let mut row: u32 = 0;
    // Where each cell of the current record lies in its text; kept between records.
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return match e.kind() {
                    csv::ErrorKind::Io(io) if io.to_string() == ROW_TOO_LONG => {
                        Status::NotInspected(ROW_TOO_LONG.into())
                    }
                    csv::ErrorKind::Io(io) => Status::NotInspected(io_reason(io, ctx)),
                    _ => Status::NotInspected("damaged or unreadable file".into()),
                };
            }
        }
        since_row.set(0);
        match utf8_record(&record, &mut bounds) {
            Some(all) => emit_cells(
                em,
                "",
                row,
                bounds.len(),
                |i| &all[bounds[i].0..bounds[i].1],
                &mut headers,
            ),
            None => {
                let cells: Vec<_> = record.iter().map(decode_bytes).collect();
                emit_row(em, "", row, &cells, &mut headers);
            }
        }
        row = row.saturating_add(1);
    }
    Status::Inspected
}

/// The text of a record and where each of its cells lies in it (`bounds`), when every
/// cell is UTF-8. Validating the whole record at once is much quicker than validating a
/// dozen short cells one by one; when it is valid and every cell starts and ends on a
/// character boundary, each cell is valid on its own (cells that only look valid when
/// joined would break at a boundary). Otherwise `None`: each cell is then decoded alone.
fn utf8_record<'r>(
    record: &'r csv::ByteRecord,
    bounds: &mut Vec<(usize, usize)>,
) -> Option<&'r str> {
    let all = std::str::from_utf8(record.as_slice()).ok()?;
    bounds.clear();
    for i in 0..record.len() {
        let r = record.range(i)?;
        if !(all.is_char_boundary(r.start) && all.is_char_boundary(r.end)) {
            return None;
        }
        bounds.push((r.start, r.end));
    }
    Some(all)
}

/// Emits one table row: the first non-empty row becomes the header row.
pub(crate) fn emit_row<S: AsRef<str>>(
    em: &mut Emitter,
    sheet: &str,
    row: u32,
    cells: &[S],
    headers: &mut Option<Vec<String>>,
) {
    emit_cells(em, sheet, row, cells.len(), |i| cells[i].as_ref(), headers);
}

/// [`emit_row`] for a row of `n` cells, the `i`th of which is `cell(i)`.
fn emit_cells<'c>(
    em: &mut Emitter,
    sheet: &str,
    row: u32,
    n: usize,
    cell: impl Fn(usize) -> &'c str,
    headers: &mut Option<Vec<String>>,
) {
    let location = |col: usize| Location::Cell {
        sheet: sheet.to_string(),
        row,
        col: col as u32,
    };
    match headers {
        None => {
            if (0..n).all(|i| cell(i).trim().is_empty()) {
                return;
            }
            for col in 0..n {
                em.emit(location(col), cell(col), None, true, None);
            }
            *headers = Some((0..n).map(|i| cell(i).trim().to_string()).collect());
        }
        Some(h) => {
            for col in 0..n {
                let header = h.get(col).map(String::as_str).filter(|s| !s.is_empty());
                em.emit(
                    location(col),
                    cell(col),
                    header,
                    false,
                    Some(u64::from(row)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::run_bytes;
    use super::super::{Limits, Location, Status};
    use super::sniff_delimiter;

    #[test]
    fn cells_are_decoded_one_by_one_when_only_the_joined_record_is_valid() {
        let read = |bytes: &[u8]| {
            let mut csv = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(bytes);
            let mut record = csv::ByteRecord::new();
            assert!(csv.read_byte_record(&mut record).unwrap());
            let mut bounds = Vec::new();
            match super::utf8_record(&record, &mut bounds) {
                Some(all) => bounds.iter().map(|&(s, e)| all[s..e].to_string()).collect(),
                None => record
                    .iter()
                    .map(|c| super::decode_bytes(c).to_string())
                    .collect::<Vec<_>>(),
            }
        };
        assert_eq!(read("Zoë,Łukasz,7\n".as_bytes()), ["Zoë", "Łukasz", "7"]);
        // "\xC3" + "\xA9" joined is "é", but neither cell is UTF-8: Windows-1252 each.
        assert_eq!(read(b"\xC3,\xA9\n"), ["Ã", "©"]);
        assert_eq!(read(b"caf\xE9,ok\n"), ["café", "ok"]);
    }

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1;2,5;3\n", b','), b';');
        assert_eq!(sniff_delimiter(b"a\tb\n1\t2\n", b','), b'\t');
        assert_eq!(sniff_delimiter(b"a|b|c\n\"x|y\"|2|3\n", b','), b'|');
        assert_eq!(sniff_delimiter(b"name,age\n\"Smith, J\",9\n", b','), b',');
        assert_eq!(sniff_delimiter(b"one column\n", b','), b',');
    }

    #[test]
    fn header_row_then_records() {
        let csv = b"\n;;\nSurname;Forename;DOB\nSmith;Jane;2015-03-01\nJones;;2016-01-02\n";
        let c = run_bytes("pupils.csv", csv, &Limits::default());
        assert_eq!(c.status(), Status::Inspected);
        let h = c.find("Forename");
        assert!(h.is_header);
        assert_eq!(
            h.location,
            Location::Cell {
                sheet: String::new(),
                row: 1,
                col: 1
            }
        );
        let jane = c.find("Jane");
        assert_eq!(jane.header.as_deref(), Some("Forename"));
        assert_eq!(jane.record, Some(2));
        assert_eq!(jane.location.display(), "B3");
        let d = c.find("2016-01-02");
        assert_eq!(d.header.as_deref(), Some("DOB"));
        assert_eq!(d.record, Some(3));
        assert_eq!(c.segs.len(), 3 + 3 + 2);
    }

    #[test]
    fn tsv_utf16_and_1252() {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Name\tTown\nZoë\tLeeds\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let c = run_bytes("x.tsv", &utf16, &Limits::default());
        assert_eq!(c.find("Zoë").header.as_deref(), Some("Name"));

        let c = run_bytes("x.csv", b"Name,Fee\nRen\xe9e,\xa310\n", &Limits::default());
        assert_eq!(c.find("Renée").header.as_deref(), Some("Name"));
        assert_eq!(c.find("£10").header.as_deref(), Some("Fee"));
    }

    #[test]
    fn endless_row_is_refused() {
        let limits = Limits {
            max_segment: 1000,
            ..Limits::default()
        };
        let data = vec![b'x'; 3 * 1024 * 1024];
        let c = run_bytes("x.csv", &data, &limits);
        assert!(matches!(c.status(), Status::NotInspected(r) if r.contains("too long")));
    }
}
