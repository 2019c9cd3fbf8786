//! Plain text (also Markdown, JSON, logs…): streamed line by line, never held whole. Lines
//! longer than `limits.max_segment` are passed on in pieces, so one endless line stays
//! bounded in memory. Encodings: UTF-16 (with a BOM, or without one when every other byte is
//! zero), UTF-8 (with or without BOM), and
//! Windows-1252 for any line that is not valid UTF-8. Also provides the decoding helpers
//! used by the CSV reader.

use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read};

use encoding_rs::{Decoder, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::{Ctx, Emitter, Location, Status, zipread::io_reason};

/// Text as UTF-8 if it is valid UTF-8, else as Windows-1252 (which decodes any bytes).
pub(crate) fn decode_bytes(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// Wraps a reader so that UTF-16 input (recognised by its BOM) comes out as UTF-8; other
/// input comes out unchanged (minus a UTF-8 BOM), to be decoded line by line or field by
/// field with [`decode_bytes`].
pub(crate) fn utf8_reader<'r>(reader: &'r mut dyn Read) -> io::Result<Box<dyn BufRead + 'r>> {
    let mut br = BufReader::with_capacity(64 * 1024, reader);
    let head = br.fill_buf()?;
    let mut head3 = [0u8; 3];
    let n = head.len().min(3);
    head3[..n].copy_from_slice(&head[..n]);
    if head3.starts_with(&[0xFF, 0xFE]) {
        br.consume(2);
        return Ok(Box::new(BufReader::new(DecodeReader::new(
            br,
            UTF_16LE.new_decoder_without_bom_handling(),
        ))));
    }
    if head3.starts_with(&[0xFE, 0xFF]) {
        br.consume(2);
        return Ok(Box::new(BufReader::new(DecodeReader::new(
            br,
            UTF_16BE.new_decoder_without_bom_handling(),
        ))));
    }
    if head3 == [0xEF, 0xBB, 0xBF] {
        br.consume(3);
    }
    if let Some(little) = utf16_without_bom(br.fill_buf()?) {
        let encoding = if little { UTF_16LE } else { UTF_16BE };
        return Ok(Box::new(BufReader::new(DecodeReader::new(
            br,
            encoding.new_decoder_without_bom_handling(),
        ))));
    }
    Ok(Box::new(br))
}

/// Whether `head` is UTF-16 written without a byte-order mark (some Windows tools save
/// "Unicode text" that way), and then whether little-endian: text in Latin script then has
/// a zero in nearly every other byte, and almost none in the others. `None` for anything
/// else (UTF-8 text has no zero bytes at all).
pub(crate) fn utf16_without_bom(head: &[u8]) -> Option<bool> {
    let head = &head[..head.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros_at = |odd: usize| {
        head.iter()
            .skip(odd)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // At least 80% zeros on one side, at most 5% on the other.
    let mostly = |n: usize| n * 5 >= pairs * 4;
    let hardly = |n: usize| n * 20 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(true)
    } else if mostly(even) && hardly(odd) {
        Some(false)
    } else {
        None
    }
}

/// A streaming decoder to UTF-8.
struct DecodeReader<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    output: String,
    pos: usize,
    eof: bool,
}

impl<R: BufRead> DecodeReader<R> {
    fn new(inner: R, decoder: Decoder) -> Self {
        DecodeReader {
            inner,
            decoder,
            input: Vec::new(),
            output: String::with_capacity(32 * 1024),
            pos: 0,
            eof: false,
        }
    }
}

impl<R: BufRead> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.output.len() {
            if self.eof {
                return Ok(0);
            }
            self.output.clear();
            self.pos = 0;
            let chunk = self.inner.fill_buf()?;
            let last = chunk.is_empty();
            let take = chunk.len().min(16 * 1024);
            self.input.clear();
            self.input.extend_from_slice(&chunk[..take]);
            self.inner.consume(take);
            let mut consumed = 0;
            loop {
                let (result, read, _) =
                    self.decoder
                        .decode_to_string(&self.input[consumed..], &mut self.output, last);
                consumed += read;
                match result {
                    encoding_rs::CoderResult::InputEmpty => break,
                    encoding_rs::CoderResult::OutputFull => {
                        self.output.reserve(self.output.capacity().max(1024));
                    }
                }
            }
            if last {
                self.eof = true;
            }
        }
        let bytes = &self.output.as_bytes()[self.pos..];
        let n = bytes.len().min(buf.len());
        buf[..n].copy_from_slice(&bytes[..n]);
        self.pos += n;
        Ok(n)
    }
}

/// Calls `f(line_number, bytes)` for each line (1-based, without the line ending); a line
/// longer than `max` bytes is passed in several pieces with the same number, cut at UTF-8
/// character boundaries. Memory stays below about `2 * max` whatever the input.
pub(crate) fn for_each_line(
    reader: &mut dyn BufRead,
    max: usize,
    mut f: impl FnMut(u64, &[u8]),
) -> io::Result<()> {
    let max = max.max(16);
    let mut line: Vec<u8> = Vec::new();
    let mut number = 1u64;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            if !line.is_empty() {
                f(number, strip_cr(&line));
            }
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                append(&mut line, &buf[..i], max, number, &mut f);
                f(number, strip_cr(&line));
                line.clear();
                number += 1;
                reader.consume(i + 1);
            }
            None => {
                let len = buf.len();
                append(&mut line, buf, max, number, &mut f);
                reader.consume(len);
            }
        }
    }
}

fn append(
    line: &mut Vec<u8>,
    mut data: &[u8],
    max: usize,
    number: u64,
    f: &mut impl FnMut(u64, &[u8]),
) {
    while line.len() + data.len() > max {
        let room = max - line.len();
        line.extend_from_slice(&data[..room]);
        data = &data[room..];
        let cut = match std::str::from_utf8(line) {
            Err(e) if e.error_len().is_none() && e.valid_up_to() > 0 => e.valid_up_to(),
            _ => line.len(),
        };
        f(number, &line[..cut]);
        line.drain(..cut);
    }
    line.extend_from_slice(data);
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

pub(crate) fn extract(reader: &mut dyn Read, em: &mut Emitter, ctx: &Ctx) -> Status {
    let max = em.max_segment;
    let result = utf8_reader(reader).and_then(|mut r| {
        for_each_line(&mut *r, max, |n, bytes| {
            em.text(Location::Line(n), &decode_bytes(bytes));
        })
    });
    match result {
        Ok(()) => Status::Inspected,
        Err(e) => Status::NotInspected(io_reason(&e, ctx)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{Collect, run_bytes};
    use super::super::{Limits, Location, Status};

    #[test]
    fn lines_and_encodings() {
        let c = run_bytes(
            "notes.txt",
            b"Hello\r\n\r\nJane Smith\nlast",
            &Limits::default(),
        );
        assert_eq!(c.status(), Status::Inspected);
        assert_eq!(c.texts(), ["Hello", "Jane Smith", "last"]);
        assert_eq!(c.segs[1].location, Location::Line(3));

        let c = run_bytes("a.txt", b"Caf\xe9 \xa3", &Limits::default());
        assert_eq!(c.texts(), ["Café £"]);

        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Zoë\nMo".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let c = run_bytes("a.txt", &utf16, &Limits::default());
        assert_eq!(c.texts(), ["Zoë", "Mo"]);

        let c = run_bytes("a.md", "\u{feff}# Über".as_bytes(), &Limits::default());
        assert_eq!(c.texts(), ["# Über"]);

        // UTF-16 without a byte-order mark, both ways round; a CSV too.
        let text = "Surname,Forename\r\nO'Brien,Zoë\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [&le, &be] {
            let c = run_bytes("a.txt", bytes, &Limits::default());
            assert_eq!(c.texts(), ["Surname,Forename", "O'Brien,Zoë"]);
            let c = run_bytes("attendance.csv", bytes, &Limits::default());
            assert_eq!(c.status(), Status::Inspected);
            assert_eq!(c.find("Zoë").header.as_deref(), Some("Forename"));
        }
        assert_eq!(super::utf16_without_bom(b"plain ASCII text"), None);
        assert_eq!(
            super::utf16_without_bom(b"\x00\x01\x02\x03binary\x00\x00"),
            None
        );
    }

    #[test]
    fn long_line_is_split_and_bounded() {
        let limits = Limits {
            max_segment: 1000,
            ..Limits::default()
        };
        // 20 MB without a newline, multi-byte characters straddling the cuts.
        let data = "é".repeat(10 * 1024 * 1024);
        let mut c = Collect::counting();
        super::super::extract_reader(&mut data.as_bytes(), "big.txt", None, &limits, &mut c);
        assert_eq!(c.status(), Status::Inspected);
        assert!(c.count >= 20 * 1024 * 1024 / 1000);
        assert!(c.max_len <= 1000);
        assert_eq!(c.total_len, 20 * 1024 * 1024);
    }

    #[test]
    fn binary_is_not_read() {
        let c = run_bytes("blob.dat", b"\x00\x01\x02\x03binary", &Limits::default());
        assert_eq!(
            c.status(),
            Status::NotInspected("not a format safecarry can read".into())
        );
    }
}
