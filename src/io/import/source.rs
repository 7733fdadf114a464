//! Reading an import file record by record, with the physical line each record starts on.
//!
//! The first line is read ahead to choose the format (JSON lines when it starts with `{`,
//! else CSV) and the CSV delimiter (the most frequent of `;`, tab and `,` outside quotes in
//! the header line). The rest is streamed: only the current record, the CSV parser's buffer
//! and the bytes between two records are in memory.
//!
//! CSV parsing is the `csv` crate's. Its positions count a record as starting where the
//! previous record's terminator ended (so after a CRLF, or after blank lines, its line number
//! is early), so physical lines are counted here from the bytes themselves: a small tape
//! keeps the bytes the parser has read until the record that holds them is done, and
//! newlines (`\n`, `\r\n`, lone `\r`) are counted up to each record's first byte.

use super::decode::{decode_bytes, decode_cells, TextEncoding, UTF8_BOM};
use std::cell::RefCell;
use std::io::{self, BufRead, BufReader, Chain, Cursor, Read};
use std::rc::Rc;

/// Most bytes read ahead to sniff the format.
const SNIFF_LIMIT: usize = 1 << 20;

/// Lines read ahead to find the delimiter (a title line or two may precede the header).
pub const SNIFF_LINES: usize = 12;

/// The format of an import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with this delimiter.
    Csv(u8),
    /// One JSON object per line.
    JsonLines,
    /// An Excel or LibreOffice workbook (.xlsx, .xls, .ods), not a CSV.
    Spreadsheet,
}

/// A file whose first line has been read ahead.
pub struct Sniffed<R> {
    /// The format found.
    pub format: Format,
    /// The stream, BOM removed, first line included.
    pub stream: Chain<Cursor<Vec<u8>>, R>,
}

/// Reads the first lines of `reader` (up to [`SNIFF_LINES`] line ends outside quotes, at most
/// 1 MiB), removes a UTF-8 BOM, and chooses the format: a spreadsheet workbook is recognised
/// by its signature; JSON lines when the file name ends in `.jsonl`/`.ndjson` or the first
/// non-blank byte is `{`; else CSV with `forced` as delimiter, or the one of the line that
/// holds the most delimiters (the header, even under a title line or two).
pub fn sniff<R: Read>(
    mut reader: R,
    file_name: &str,
    forced: Option<u8>,
) -> io::Result<Sniffed<R>> {
    let mut prefix = Vec::new();
    let mut chunk = [0u8; 8192];
    let mut in_quotes = false;
    let mut scanned = 0;
    let mut line_ends: Vec<usize> = Vec::new();
    while line_ends.len() < SNIFF_LINES && prefix.len() < SNIFF_LIMIT {
        let n = match reader.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            break;
        }
        prefix.extend_from_slice(&chunk[..n]);
        for (i, b) in prefix.iter().enumerate().skip(scanned) {
            match b {
                b'"' => in_quotes = !in_quotes,
                b'\n' if !in_quotes => {
                    line_ends.push(i);
                    if line_ends.len() >= SNIFF_LINES {
                        break;
                    }
                }
                _ => {}
            }
        }
        scanned = prefix.len();
    }
    if prefix.starts_with(b"PK\x03\x04") || prefix.starts_with(b"\xD0\xCF\x11\xE0") {
        return Ok(Sniffed {
            format: Format::Spreadsheet,
            stream: Cursor::new(prefix).chain(reader),
        });
    }
    let bom = if prefix.starts_with(UTF8_BOM) {
        prefix.drain(..UTF8_BOM.len());
        UTF8_BOM.len()
    } else {
        0
    };
    let lower = file_name.to_ascii_lowercase();
    let json_name = lower.ends_with(".jsonl") || lower.ends_with(".ndjson");
    let first = prefix.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let format = if json_name || (first == Some(b'{') && forced.is_none()) {
        Format::JsonLines
    } else if let Some(d) = forced {
        Format::Csv(d)
    } else {
        let mut start = 0;
        let mut best = (0usize, b',');
        let ends = line_ends
            .iter()
            .map(|e| e.saturating_sub(bom))
            .chain([prefix.len()]);
        for end in ends {
            let line = &prefix[start.min(end)..end.min(prefix.len())];
            let (count, d) = delimiter_counts(line);
            if count > best.0 {
                best = (count, d);
            }
            start = end + 1;
        }
        Format::Csv(best.1)
    };
    Ok(Sniffed {
        format,
        stream: Cursor::new(prefix).chain(reader),
    })
}

/// The most frequent of `;`, tab and `,` outside quotes in `line` and its count (ties: `;`,
/// then tab, then `,`); `(0, b',')` when there is none.
fn delimiter_counts(line: &[u8]) -> (usize, u8) {
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    for b in line {
        match b {
            b'"' => in_quotes = !in_quotes,
            b';' if !in_quotes => counts[0] += 1,
            b'\t' if !in_quotes => counts[1] += 1,
            b',' if !in_quotes => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b';', b'\t', b','];
    let max = counts.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return (0, b',');
    }
    let best = counts.iter().position(|c| *c == max).unwrap_or(2);
    (max, candidates[best])
}

/// The delimiter of a header line: the most frequent of `;`, tab and `,` outside quotes
/// (ties: `;`, then tab, then `,`); `,` when there is none.
pub fn sniff_delimiter(header: &[u8]) -> u8 {
    delimiter_counts(header).1
}

/// Bytes the CSV parser has read, kept until the record holding them is done.
#[derive(Default)]
struct Tape {
    buf: Vec<u8>,
    /// Index in `buf` of the first byte still needed.
    start: usize,
    /// Stream offset of `buf[0]`.
    base: u64,
    eof: bool,
}

impl Tape {
    fn index(&self, offset: u64) -> Option<usize> {
        usize::try_from(offset.checked_sub(self.base)?).ok()
    }
    fn get(&self, offset: u64) -> Option<u8> {
        self.buf.get(self.index(offset)?).copied()
    }
    fn slice(&self, from: u64, to: u64) -> &[u8] {
        let b = self.index(to).unwrap_or(0).min(self.buf.len());
        let a = self.index(from).unwrap_or(0).min(b);
        &self.buf[a..b]
    }
    /// Forgets the bytes before `offset`; the buffer is compacted only once the forgotten
    /// part outweighs the rest, so each byte is moved at most a few times.
    fn release(&mut self, offset: u64) {
        let n = self.index(offset).unwrap_or(0).min(self.buf.len());
        self.start = self.start.max(n);
        if self.start > 4096 && self.start * 2 > self.buf.len() {
            self.buf.drain(..self.start);
            self.base += self.start as u64;
            self.start = 0;
        }
    }
}

/// A reader that records on the tape every byte it hands out.
struct Tap<R> {
    inner: R,
    tape: Rc<RefCell<Tape>>,
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        let mut t = self.tape.borrow_mut();
        if n == 0 {
            t.eof = true;
        }
        t.buf.extend_from_slice(&out[..n]);
        Ok(n)
    }
}

/// One CSV record, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// Physical line of its first byte (1-based).
    pub line: u64,
    /// Physical lines it spans (1 unless a quoted cell holds line breaks).
    pub span: u64,
    /// Blank lines between the previous record and this one (skipped by the parser).
    pub blank_before: u64,
    /// Cells, decoded, NFC.
    pub cells: Vec<String>,
    /// How it was decoded.
    pub encoding: TextEncoding,
}

/// CSV records of a stream, with physical line numbers.
pub struct CsvRows<R: Read> {
    reader: csv::Reader<Tap<R>>,
    tape: Rc<RefCell<Tape>>,
    record: csv::ByteRecord,
    /// Newlines counted in the stream before `counted_to`.
    lines: u64,
    counted_to: u64,
    prev_end_line: u64,
}

impl<R: Read> CsvRows<R> {
    /// Parses `stream` with `delimiter`: RFC 4180 quotes (doubled quotes inside, line breaks
    /// inside quoted cells), CR, LF or CRLF line ends, rows of any length.
    pub fn new(stream: R, delimiter: u8) -> Self {
        let tape = Rc::new(RefCell::new(Tape::default()));
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .quoting(true)
            .double_quote(true)
            .from_reader(Tap {
                inner: stream,
                tape: Rc::clone(&tape),
            });
        CsvRows {
            reader,
            tape,
            record: csv::ByteRecord::new(),
            lines: 0,
            counted_to: 0,
            prev_end_line: 0,
        }
    }

    /// Counts newlines up to `offset` (a lone `\r` is a line end; `\r\n` is one).
    fn count_to(&mut self, offset: u64) {
        if offset <= self.counted_to {
            return;
        }
        let tape = self.tape.borrow();
        let from = self.counted_to.max(tape.base);
        let bytes = tape.slice(from, offset);
        let mut lines = 0u64;
        for (i, b) in bytes.iter().enumerate() {
            match b {
                b'\n' => lines += 1,
                b'\r' => {
                    let next = match bytes.get(i + 1) {
                        Some(n) => Some(*n),
                        None => tape.get(from + i as u64 + 1),
                    };
                    if next != Some(b'\n') {
                        lines += 1;
                    }
                }
                _ => {}
            }
        }
        self.lines += lines;
        self.counted_to = offset;
    }

    /// Bytes of the stream the parser has consumed so far.
    pub fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The next record, or None at the end of the stream.
    pub fn next_row(&mut self) -> io::Result<Option<CsvRow>> {
        let got = self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(csv_to_io)?;
        if !got {
            return Ok(None);
        }
        let start = self.record.position().map(|p| p.byte()).unwrap_or(0);
        let end = self.reader.position().byte();
        let (content_start, content_end) = {
            let tape = self.tape.borrow();
            let raw = tape.slice(start, end);
            let lead = raw
                .iter()
                .take_while(|b| **b == b'\r' || **b == b'\n')
                .count();
            let body = &raw[lead..];
            let trail = if body.ends_with(b"\r\n") {
                2
            } else if body.ends_with(b"\n") || body.ends_with(b"\r") {
                1
            } else {
                0
            };
            (start + lead as u64, end - trail as u64)
        };
        self.count_to(content_start);
        let line = self.lines + 1;
        self.count_to(content_end);
        let end_line = self.lines + 1;
        self.tape.borrow_mut().release(content_end);
        let blank_before = line.saturating_sub(self.prev_end_line + 1);
        self.prev_end_line = end_line;
        let (cells, encoding) = decode_cells(self.record.iter());
        Ok(Some(CsvRow {
            line,
            span: end_line - line + 1,
            blank_before,
            cells,
            encoding,
        }))
    }

    /// Blank lines after the last record (call once `next_row` gave None).
    pub fn trailing_blank_lines(&mut self) -> u64 {
        let end = self.reader.position().byte();
        let before = self.lines;
        self.count_to(end);
        (self.lines - before).saturating_sub(1)
    }
}

fn csv_to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// One line of a JSON lines file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonLine {
    /// Physical line, 1-based.
    pub line: u64,
    /// The text, decoded (UTF-8, else Windows-1252), line end removed.
    pub text: String,
    /// How it was decoded.
    pub encoding: TextEncoding,
}

/// Lines of a JSON lines stream.
pub struct JsonLines<R: Read> {
    reader: BufReader<R>,
    buf: Vec<u8>,
    line: u64,
    bytes: u64,
}

impl<R: Read> JsonLines<R> {
    /// Reads `stream` line by line.
    pub fn new(stream: R) -> Self {
        JsonLines {
            reader: BufReader::new(stream),
            buf: Vec::new(),
            line: 0,
            bytes: 0,
        }
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// The next line (blank ones included), or None at the end.
    pub fn next_line(&mut self) -> io::Result<Option<JsonLine>> {
        self.buf.clear();
        let n = self.reader.read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        self.bytes += n as u64;
        self.line += 1;
        while self.buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            self.buf.pop();
        }
        let (text, encoding) = decode_bytes(&self.buf);
        Ok(Some(JsonLine {
            line: self.line,
            text,
            encoding,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(data: &[u8]) -> (Vec<CsvRow>, u64) {
        let s = sniff(data, "x.csv", None).unwrap();
        let Format::Csv(d) = s.format else {
            panic!("not csv")
        };
        let mut r = CsvRows::new(s.stream, d);
        let mut out = Vec::new();
        while let Some(row) = r.next_row().unwrap() {
            out.push(row);
        }
        let trailing = r.trailing_blank_lines();
        (out, trailing)
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter(b"a;b;c"), b';');
        assert_eq!(sniff_delimiter(b"a,b,c"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"\"x;y\",b,c"), b',');
        assert_eq!(sniff_delimiter(b"CA (k,EUR);b"), b';');
        assert_eq!(sniff_delimiter(b"nom"), b',');
    }

    #[test]
    fn physical_lines_with_multiline_cells_and_blank_lines() {
        let data = b"h;a\r\n1;\"x\r\ny\r\nz\";3\r\n\r\n;;;\r\n\r\n\r\n2;b\r\n\r\n";
        let (rows, trailing) = rows(data);
        let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 6, 9]);
        assert_eq!(rows[1].span, 3);
        assert_eq!(rows[1].cells[1], "x\r\ny\r\nz");
        let blanks: Vec<u64> = rows.iter().map(|r| r.blank_before).collect();
        assert_eq!(blanks, vec![0, 0, 1, 2]);
        assert_eq!(trailing, 1);
    }

    #[test]
    fn lf_and_lone_cr() {
        let (rows_lf, t) = rows(b"h;a\n1;2\n\n\n3;4");
        assert_eq!(
            rows_lf.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![1, 2, 5]
        );
        assert_eq!(t, 0);
        let (rows_cr, _) = rows(b"h;a\r1;2\r\r3;4\r");
        assert_eq!(
            rows_cr.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![1, 2, 4]
        );
    }

    #[test]
    fn bom_removed_and_json_detected() {
        let (r, _) = rows(b"\xEF\xBB\xBFSIRET;Nom\r\n1;2\r\n");
        assert_eq!(r[0].cells, vec!["SIRET", "Nom"]);
        let s = sniff(&b"\xEF\xBB\xBF {\"name\":\"x\"}\n"[..], "f.txt", None).unwrap();
        assert_eq!(s.format, Format::JsonLines);
        let s = sniff(&b"nom\n"[..], "f.jsonl", None).unwrap();
        assert_eq!(s.format, Format::JsonLines);
        let s = sniff(&b"PK\x03\x04\x14\x00"[..], "f.csv", None).unwrap();
        assert_eq!(s.format, Format::Spreadsheet);
    }

    #[test]
    fn delimiter_of_the_header_under_a_title() {
        let s = sniff(
            &b"Forum 2026, liste des inscrits\r\n\r\nSIRET;Nom;Ville\r\n1;2;3\r\n"[..],
            "f.csv",
            None,
        )
        .unwrap();
        assert_eq!(s.format, Format::Csv(b';'));
    }

    #[test]
    fn lines_right_across_parser_buffer_boundaries() {
        // Many records with quoted multi-line cells: every start line is predictable.
        let mut data = b"h;a\r\n".to_vec();
        let mut expected = vec![1u64];
        let mut line = 2;
        for i in 0..3000 {
            expected.push(line);
            if i % 3 == 0 {
                data.extend_from_slice(format!("{i};\"l1\r\nl2\"\r\n").as_bytes());
                line += 2;
            } else if i % 7 == 0 {
                data.extend_from_slice(format!("{i};x\r\n\r\n").as_bytes());
                line += 2;
            } else {
                data.extend_from_slice(format!("{i};y\r\n").as_bytes());
                line += 1;
            }
        }
        let (rows, _) = rows(&data);
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn json_lines_counted() {
        let s = sniff(&b"{\"a\":1}\r\n\r\n{\"a\":2}"[..], "f", None).unwrap();
        let mut j = JsonLines::new(s.stream);
        let mut got = Vec::new();
        while let Some(l) = j.next_line().unwrap() {
            got.push((l.line, l.text));
        }
        assert_eq!(
            got,
            vec![
                (1, "{\"a\":1}".to_string()),
                (2, String::new()),
                (3, "{\"a\":2}".to_string())
            ]
        );
    }
}
