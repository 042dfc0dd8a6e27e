//! Reading from disk: extract tables (CSV or Parquet, by extension, through polars) and policy files. One of the
//! two modules allowed to touch the file system (the other is `output`).
//!
//! **Invariant:** every input row is either accepted into the `Extract` or quarantined with a reason; for every
//! table `read == accepted + quarantined`. A missing required column, an unreadable file or a missing required
//! table is an error naming the file, never a silent skip. A CSV row with more or fewer fields than the header
//! is quarantined, too long and too short alike: its values cannot be put in columns without guessing. So is a
//! value outside one of the contract's lists (events `source`, links `role`, ocg `ocg_role`; compared trimmed and
//! ignoring case), which would otherwise be accepted and match no rule. Rows are numbered from 1 (the first row
//! after the header).

use std::collections::{BTreeMap, HashSet};

use rustc_hash::FxHashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use polars::prelude::*;
use sha2::{Digest, Sha256};

use crate::extract::{
    Event, Extract, LINK_ROLES, Link, Marker, Nominal, OCG_ROLES, Object, OcgMembership, SOURCES,
};
use crate::ids::{EventId, NominalId};
use crate::policy::PolicyFiles;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read `{path}`: {message}")]
    Unreadable { path: String, message: String },
    #[error("`{path}` is missing required column `{column}` (columns found: {found}){hint}")]
    MissingColumn {
        path: String,
        column: String,
        found: String,
        /// Empty, or a sentence (with its leading "; ") on why the columns were not found.
        hint: String,
    },
    #[error(
        "`{path}` has column `{column}` more than once (names compared ignoring case); keep one"
    )]
    DuplicateColumn { path: String, column: String },
    #[error("`{path}`: column `{column}` has type {dtype}; expected text")]
    WrongType {
        path: String,
        column: String,
        dtype: String,
    },
    #[error(
        "extract directory `{dir}` has no `{table}` table (expected `{table}.csv` or `{table}.parquet`)"
    )]
    MissingTable { dir: String, table: String },
    #[error("extract directory `{dir}` has both `{table}.csv` and `{table}.parquet`; keep one")]
    AmbiguousTable { dir: String, table: String },
    #[error(
        "use case `{use_case}` not found under `{root}` (expected `{expected}`); available: {available}"
    )]
    UnknownUseCase {
        use_case: String,
        root: String,
        expected: String,
        available: String,
    },
}

/// Rows read, accepted and quarantined for one table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct TableCounts {
    pub read: usize,
    pub accepted: usize,
    pub quarantined: usize,
    /// Accepted rows in which some value held invalid UTF-8, kept with the bad bytes replaced by U+FFFD.
    pub repaired: usize,
    /// Accepted nominals whose date of birth was the "not known" default ([`DOB_NOT_KNOWN`]), kept with no date
    /// of birth.
    pub dob_not_known: usize,
}

/// One row set aside, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuarantineRow {
    pub table: String,
    pub row: usize,
    pub reason: String,
    pub raw: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct InputFile {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

pub struct Ingested {
    pub extract: Extract,
    pub counts: BTreeMap<String, TableCounts>,
    pub quarantine: Vec<QuarantineRow>,
    pub inputs: Vec<InputFile>,
    /// True when the directory was written by `ndas synth`.
    pub synthetic: bool,
}

/// A table of the extract contract.
struct TableSpec {
    name: &'static str,
    required: bool,
    columns: &'static [&'static str],
    optional: &'static [&'static str],
}

const EVENTS: TableSpec = TableSpec {
    name: "events",
    required: true,
    columns: &[
        "event_id",
        "source",
        "force",
        "occurred_on",
        "offence",
        "text",
    ],
    optional: &[],
};
const NOMINALS: TableSpec = TableSpec {
    name: "nominals",
    required: true,
    columns: &[
        "nominal_id",
        "forename",
        "surname",
        "dob",
        "sex",
        "ethnicity",
        "postcode",
        "force",
    ],
    optional: &["pnc_id", "address"],
};
const LINKS: TableSpec = TableSpec {
    name: "links",
    required: true,
    columns: &["event_id", "nominal_id", "role"],
    optional: &[],
};
const MARKERS: TableSpec = TableSpec {
    name: "markers",
    required: false,
    columns: &["nominal_id", "marker", "recorded_on"],
    optional: &[],
};
const OCG: TableSpec = TableSpec {
    name: "ocg",
    required: false,
    columns: &["nominal_id", "ocg_id", "ocg_role"],
    optional: &[],
};
const OBJECTS: TableSpec = TableSpec {
    name: "objects",
    required: false,
    columns: &["object_id", "kind", "identifier", "event_id"],
    optional: &[],
};

/// The rows of one table: a column of optional strings per spec column (required, then optional).
struct Table {
    columns: Vec<Vec<Option<String>>>,
    rows: usize,
    /// Rows (by index) with more or fewer fields than the header: (why, the row as written). Each table's checks
    /// quarantine these first, whatever their values.
    ragged: RaggedRows,
    /// Whether a value can be absent (null) as distinct from empty: in Parquet it can; a CSV field cannot say
    /// which it is.
    nullable: bool,
}

impl Table {
    fn cell(&self, column: usize, row: usize) -> Option<&str> {
        self.columns
            .get(column)
            .and_then(|c| c.get(row))
            .and_then(|v| v.as_deref())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// Whether any cell of the row holds U+FFFD, which the lossy UTF-8 read puts where the file had invalid
    /// bytes: such a row is kept (the rest of it is good data) but counted as repaired, so the repair is never
    /// silent.
    fn replaced(&self, row: usize) -> bool {
        self.columns.iter().any(|c| {
            c.get(row)
                .and_then(|v| v.as_deref())
                .is_some_and(|v| v.contains('\u{fffd}'))
        })
    }

    /// The raw row for quarantine.csv: required columns joined by commas, long values shortened; a ragged row as
    /// it is written in the file, since its values cannot be put in columns.
    fn raw(&self, row: usize) -> String {
        if let Some((_, raw)) = self.ragged.get(&row) {
            return raw.clone();
        }
        let cells: Vec<String> = (0..self.columns.len())
            .map(|c| {
                let value = self.cell(c, row).unwrap_or("");
                shorten(value, 200)
            })
            .collect();
        cells.join(",")
    }
}

fn shorten(value: &str, limit: usize) -> String {
    if value.len() <= limit {
        return value.to_string();
    }
    let mut end = limit;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", value.get(..end).unwrap_or(""))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Finds `NAME.csv` or `NAME.parquet` in `dir`. A name that is there but is no readable file (a directory, a link
/// to nothing or to itself) is an error naming it, not a missing table.
fn table_path(dir: &Path, spec: &TableSpec) -> Result<Option<PathBuf>, IngestError> {
    let csv = dir.join(format!("{}.csv", spec.name));
    let parquet = dir.join(format!("{}.parquet", spec.name));
    for path in [&csv, &parquet] {
        if fs::symlink_metadata(path).is_ok() && !path.is_file() {
            let message = match fs::metadata(path) {
                Ok(meta) if meta.is_dir() => "is a directory, not a file".to_string(),
                Ok(_) => "is not a regular file".to_string(),
                Err(err) => err.to_string(),
            };
            return Err(unreadable(path, message));
        }
    }
    match (csv.is_file(), parquet.is_file()) {
        (true, true) => Err(IngestError::AmbiguousTable {
            dir: display(dir),
            table: spec.name.to_string(),
        }),
        (true, false) => Ok(Some(csv)),
        (false, true) => Ok(Some(parquet)),
        (false, false) if spec.required => Err(IngestError::MissingTable {
            dir: display(dir),
            table: spec.name.to_string(),
        }),
        (false, false) => Ok(None),
    }
}

/// Error messages from polars quote the offending value, which in a broken file can be megabytes long: keep the
/// first line, shortened, so the message still fits a terminal and names the file.
fn unreadable(path: &Path, err: impl std::fmt::Display) -> IngestError {
    IngestError::Unreadable {
        path: display(path),
        message: shorten(err.to_string().lines().next().unwrap_or(""), 300),
    }
}

/// A quote opened at this row (0 is the header) and line (from 1) never closes: the file cannot be split into
/// rows at all, so it is an error, not a quarantined row.
struct OpenQuote {
    row: usize,
    line: usize,
    /// The first quote out of place in the file (one opening a value already begun, or one closing a value
    /// with more after it), which is where the quotes began to pair up wrongly; otherwise the last to open.
    out_of_place: bool,
}

impl OpenQuote {
    /// The first quote out of place, at `row` and `line`.
    fn misplaced(row: usize, line: usize) -> Self {
        Self {
            row,
            line,
            out_of_place: true,
        }
    }

    /// Says where, by data row as quarantine numbers them and by line as an editor does (they differ once a
    /// value spans lines), and what to do about it.
    fn message(&self) -> String {
        let at = match self.row {
            0 => format!("the header (line {})", self.line),
            row => format!("row {row} (line {})", self.line),
        };
        if self.out_of_place {
            return format!(
                "{at} has a quote (`\"`) out of place (a quote may open only a whole value, and a value's \
                 closing quote must be followed by a comma or the end of the line); from there the quotes pair up \
                 wrongly and the rest of the file would be read as one value: remove it, or write a quote inside a \
                 quoted value as `\"\"`"
            );
        }
        format!(
            "{at} opens a quote (`\"`) that is never closed, so everything after it would be read as one value; \
             close it, or write a quote inside a quoted value as `\"\"`"
        )
    }
}

/// A data row with more or fewer fields than the header: which value belongs to which column is a guess (a row
/// cut short, an unquoted comma in a narrative), so the row is quarantined, never read with values shifted or
/// silently empty. Too long and too short are treated alike.
struct Ragged {
    /// Data row, from 1 (as quarantine numbers them).
    row: usize,
    /// The line of the file the row starts on, from 1.
    line: usize,
    fields: usize,
    header: usize,
    /// Byte range of the row in the file, without its line ending, to copy it as written into quarantine.csv.
    start: u64,
    end: u64,
}

impl Ragged {
    fn reason(&self) -> String {
        format!(
            "row has {} fields but the header has {} (line {})",
            self.fields, self.header, self.line
        )
    }
}

/// What `scan_csv` finds before polars parses a file.
struct Scan {
    /// Data rows (after the header), counted as polars splits them.
    rows: usize,
    ragged: Vec<Ragged>,
    /// Whether lines end in a carriage return alone (classic Mac OS, some old exports): no line feed outside
    /// quotes, and a carriage return not followed by one. polars would read such a file as one header line.
    carriage_return_lines: bool,
    /// The first quote out of place, should polars fail on the file without saying where.
    out_of_place: Option<OpenQuote>,
}

/// Finds the faults polars reports without a row number, or not at all: a quote left open (polars either fails
/// quoting the value, or, when the quote is in the header, reads the whole file as one column name and returns no
/// rows), and rows with more or fewer fields than the header (polars fails on the first long one without naming
/// it, and reads a short one with its missing values as empty). A quote toggles wherever it appears, as polars'
/// own row splitter treats it, so `""` inside a quoted value is neutral. A blank line (nothing but spaces, tabs
/// or a carriage return) is not counted as ragged: it is a row with no values, quarantined for its missing id.
/// It also notes what polars would misread without a word: lines ended by a carriage return alone, and the first
/// quote out of place (where a file whose quotes pair up wrongly went wrong). Streams the file: it may be large.
fn scan_csv(path: &Path, mut file: impl Read) -> Result<Result<Scan, OpenQuote>, IngestError> {
    let mut buffer = vec![0_u8; 1 << 16];
    let (mut line_feeds, mut lone_carriage_returns) = (0_usize, 0_usize);
    let (mut row, mut line, mut fields) = (0_usize, 1_usize, 1_usize);
    let (mut row_line, mut row_start, mut offset) = (1_usize, 0_u64, 0_u64);
    let (mut quoted, mut blank, mut carriage_return) = (false, true, false);
    let mut opened = OpenQuote {
        row: 0,
        line: 1,
        out_of_place: false,
    };
    let mut out_of_place: Option<OpenQuote> = None;
    let (mut at_value_start, mut just_closed) = (true, false);
    // A header whose last names are empty ("event_id,nominal_id,role," from a spreadsheet) does not make every
    // row that stops at the last named column ragged: rows may leave the unnamed columns out.
    let (mut value_empty, mut trailing_empty) = (true, 0_usize);
    let mut header: Option<(usize, usize)> = None;
    let mut ragged = Vec::new();
    let mut end_row = |row: usize,
                       line: usize,
                       fields: usize,
                       trailing_empty: usize,
                       start: u64,
                       end: u64,
                       blank: bool| match header {
        None => header = Some((fields, trailing_empty)),
        Some((header, unnamed)) if (fields > header || fields + unnamed < header) && !blank => {
            ragged.push(Ragged {
                row,
                line,
                fields,
                header,
                start,
                end,
            })
        }
        Some(_) => {}
    };
    loop {
        let n = file.read(&mut buffer).map_err(|e| unreadable(path, e))?;
        if n == 0 {
            break;
        }
        for &byte in buffer.get(..n).unwrap_or(&[]) {
            // Most bytes are none of the marks below: they only end a quote's "just closed" state and mark
            // the row and the value as holding something. Kept apart so the common case stays short.
            if !matches!(byte, b'"' | b',' | b'\n' | b'\r' | b' ' | b'\t') {
                if just_closed {
                    // A closing quote with more of the value after it.
                    out_of_place.get_or_insert(OpenQuote::misplaced(row, line));
                }
                if carriage_return && !quoted {
                    lone_carriage_returns += 1;
                }
                (just_closed, blank, value_empty) = (false, false, false);
                (carriage_return, at_value_start) = (false, false);
                offset += 1;
                continue;
            }
            if carriage_return && byte != b'\n' && !quoted {
                lone_carriage_returns += 1;
            }
            // Only the marks reach here: of them, a quote opening a value already begun is out of place.
            if byte == b'"' && !quoted && !at_value_start && !just_closed {
                out_of_place.get_or_insert(OpenQuote::misplaced(row, line));
            }
            just_closed = byte == b'"' && quoted;
            match byte {
                b'"' => {
                    quoted = !quoted;
                    if quoted {
                        opened = OpenQuote {
                            row,
                            line,
                            out_of_place: false,
                        };
                    }
                }
                b',' if !quoted => {
                    fields += 1;
                    trailing_empty = if value_empty { trailing_empty + 1 } else { 0 };
                    value_empty = true;
                }
                b'\n' => {
                    if !quoted {
                        line_feeds += 1;
                        let end = offset - u64::from(carriage_return);
                        let trailing = if value_empty { trailing_empty + 1 } else { 0 };
                        end_row(row, row_line, fields, trailing, row_start, end, blank);
                        row += 1;
                        fields = 1;
                        (value_empty, trailing_empty) = (true, 0);
                        blank = true;
                        row_start = offset + 1;
                        row_line = line + 1;
                    }
                    line += 1;
                }
                _ => {}
            }
            if !matches!(byte, b' ' | b'\t' | b'\r' | b'\n') {
                blank = false;
            }
            if !matches!(byte, b' ' | b'\t' | b'\r' | b'\n' | b',') || quoted {
                value_empty = false;
            }
            carriage_return = byte == b'\r';
            at_value_start = !quoted && matches!(byte, b',' | b'\n');
            offset += 1;
        }
    }
    if quoted {
        return Ok(Err(out_of_place.unwrap_or(opened)));
    }
    if offset > row_start {
        let end = offset - u64::from(carriage_return);
        let trailing = if value_empty { trailing_empty + 1 } else { 0 };
        end_row(row, row_line, fields, trailing, row_start, end, blank);
        row += 1;
    }
    Ok(Ok(Scan {
        rows: row.saturating_sub(1),
        ragged,
        carriage_return_lines: line_feeds == 0 && lone_carriage_returns > 0,
        out_of_place,
    }))
}

/// Ragged rows by row index (from 0, as polars numbers rows): why, and the row as written in the file.
type RaggedRows = FxHashMap<usize, (String, String)>;

/// How much of a ragged row quarantine.csv keeps (the rest is marked with `…`).
const RAW_ROW_LIMIT: u64 = 2_000;

/// The ragged rows as quarantine will record them, keyed by row index (from 0, as polars numbers rows): the
/// reason, and the row as written in the file (not as polars truncated or padded it), shortened.
fn ragged_rows(path: &Path, ragged: &[Ragged]) -> Result<RaggedRows, IngestError> {
    use std::io::{Seek, SeekFrom};
    let mut file = fs::File::open(path).map_err(|e| unreadable(path, e))?;
    let mut rows = FxHashMap::default();
    for r in ragged {
        let length = r.end.saturating_sub(r.start);
        let mut bytes = vec![0_u8; usize::try_from(length.min(RAW_ROW_LIMIT)).unwrap_or(0)];
        file.seek(SeekFrom::Start(r.start))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(|e| unreadable(path, e))?;
        let mut raw = String::from_utf8_lossy(&bytes).to_string();
        if length > RAW_ROW_LIMIT {
            // A cut may split a character: the lossy read shows it as U+FFFD, which is honest enough here.
            raw.push('…');
        }
        rows.insert(r.row.saturating_sub(1), (r.reason(), raw));
    }
    Ok(rows)
}

/// A CSV or Parquet file as a polars frame (every CSV column as text), with the ragged CSV rows by row index.
/// polars reads a long row cut to the header's width and a short one padded with nulls; those rows are
/// quarantined by whoever reads the table, using the map.
fn read_frame_ragged(path: &Path) -> Result<(DataFrame, RaggedRows), IngestError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("parquet") => {
            let file = fs::File::open(path).map_err(|e| unreadable(path, e))?;
            let frame = ParquetReader::new(file)
                .finish()
                .map_err(|e| unreadable(path, e))?;
            Ok((frame, FxHashMap::default()))
        }
        Some("csv") => {
            let empty = fs::metadata(path).map_err(|e| unreadable(path, e))?.len() == 0;
            if empty {
                return Err(unreadable(
                    path,
                    "the file is empty (not even a header row)",
                ));
            }
            let file = fs::File::open(path).map_err(|e| unreadable(path, e))?;
            let mut scan =
                scan_csv(path, file)?.map_err(|open| unreadable(path, open.message()))?;
            // A file whose lines end in a carriage return alone is read with each one as a line feed, byte for
            // byte, so rows keep their offsets (for quarantine) and their count; in memory, as such files are
            // rare and small.
            let as_line_feeds = if scan.carriage_return_lines {
                let mut bytes = fs::read(path).map_err(|e| unreadable(path, e))?;
                for byte in &mut bytes {
                    if *byte == b'\r' {
                        *byte = b'\n';
                    }
                }
                scan = scan_csv(path, bytes.as_slice())?
                    .map_err(|open| unreadable(path, open.message()))?;
                Some(bytes)
            } else {
                None
            };
            let options = CsvReadOptions::default()
                .with_has_header(true)
                .with_infer_schema_length(Some(0))
                .with_raise_if_empty(false)
                .map_parse_options(|o| {
                    o.with_encoding(CsvEncoding::LossyUtf8)
                        .with_truncate_ragged_lines(true)
                });
            let parsed = match as_line_feeds {
                Some(bytes) => options
                    .into_reader_with_file_handle(std::io::Cursor::new(bytes))
                    .finish(),
                None => options
                    .try_into_reader_with_file_path(Some(path.to_path_buf()))
                    .and_then(|reader| reader.finish()),
            };
            let frame = parsed.map_err(|e| match scan.ragged.first() {
                    // A file polars cannot parse at all that also has rows of the wrong width (a semicolon
                    // export whose narratives hold commas) is best explained by its first such row.
                    Some(first) => unreadable(
                        path,
                        format!(
                            "row {} {}; the first of {} rows with the wrong number of fields (is the file \
                             comma-separated?)",
                            first.row,
                            first.reason().trim_start_matches("row "),
                            scan.ragged.len()
                        ),
                    ),
                    None => match &scan.out_of_place {
                        Some(quote) => unreadable(path, quote.message()),
                        None => unreadable(path, e),
                    },
                })?;
            // Ragged rows are found by our scan and looked up by polars' row index: if the two ever split the
            // file differently, quarantining by index would set aside the wrong rows, so stop instead.
            if !scan.ragged.is_empty() && scan.rows != frame.height() {
                return Err(unreadable(
                    path,
                    format!(
                        "{} rows by our count but {} as parsed; cannot tell which rows have the wrong number of \
                         fields",
                        scan.rows,
                        frame.height()
                    ),
                ));
            }
            Ok((frame, ragged_rows(path, &scan.ragged)?))
        }
        _ => Err(unreadable(path, "expected a .csv or .parquet file")),
    }
}

/// Reads a CSV or Parquet file into a polars frame, every CSV column as text. For files read whole rather than
/// row by row (labels, a run's own outputs), a row with the wrong number of fields is an error naming it.
pub fn read_frame(path: &Path) -> Result<DataFrame, IngestError> {
    let (frame, ragged) = read_frame_ragged(path)?;
    match ragged.iter().min_by_key(|(row, _)| **row) {
        Some((row, (reason, _))) => Err(unreadable(path, format!("row {}: {reason}", row + 1))),
        None => Ok(frame),
    }
}

/// Column name as a person meant it: no byte-order mark, no surrounding spaces, lowercase.
fn clean_name(name: &str) -> String {
    name.trim_start_matches('\u{feff}')
        .trim()
        .to_ascii_lowercase()
}

/// Why a header read as one column may have no required column in it: the file is separated by something other
/// than commas (a semicolon from some Excel locales, a tab, a bar), or is not UTF-8 text at all (UTF-16, whose
/// every other byte is zero). Empty when the columns look like a comma-separated header.
fn separator_hint(found: &[String]) -> String {
    if found.iter().any(|name| name.contains(['\0', '\u{fffd}'])) {
        return "; the header is not UTF-8 text (is the file saved as UTF-16? save it as CSV UTF-8)".to_string();
    }
    let [only] = found else {
        return String::new();
    };
    match [';', '\t', '|'].into_iter().find(|&c| only.contains(c)) {
        Some(';') => {
            "; the header is separated by semicolons: save the file comma-separated".to_string()
        }
        Some('\t') => {
            "; the header is separated by tabs: save the file comma-separated".to_string()
        }
        Some(_) => "; the header is separated by `|`: save the file comma-separated".to_string(),
        None => String::new(),
    }
}

fn string_column(
    frame: &DataFrame,
    path: &Path,
    name: &str,
) -> Result<Vec<Option<String>>, IngestError> {
    let column = frame
        .columns()
        .iter()
        .find(|c| clean_name(c.name()) == name)
        .ok_or_else(|| {
            let found: Vec<String> = frame
                .get_column_names()
                .iter()
                .map(|n| clean_name(n))
                .collect();
            IngestError::MissingColumn {
                path: display(path),
                column: name.to_string(),
                found: shorten(&found.join(", "), 300),
                hint: separator_hint(&found),
            }
        })?;
    // Two columns for one name (polars renames an exact repeat `NAME_duplicated_0`; `Text` and `text` both clean
    // to `text`) would leave us choosing one silently; the person who wrote the file must choose.
    let same_name = |c: &&Column| {
        let cleaned = clean_name(c.name());
        cleaned == name
            || cleaned
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with("_duplicated_"))
    };
    if frame.columns().iter().filter(same_name).count() > 1 {
        return Err(IngestError::DuplicateColumn {
            path: display(path),
            column: name.to_string(),
        });
    }
    let wrong_type = || IngestError::WrongType {
        path: display(path),
        column: name.to_string(),
        dtype: column.dtype().to_string(),
    };
    let as_text = match column.dtype() {
        DataType::String => column.clone(),
        DataType::Null => column.cast(&DataType::String).map_err(|_| wrong_type())?,
        dtype if dtype.is_integer() && name.ends_with("_id") => {
            column.cast(&DataType::String).map_err(|_| wrong_type())?
        }
        _ => return Err(wrong_type()),
    };
    let strings = as_text.str().map_err(|_| wrong_type())?;
    Ok(strings.iter().map(|v| v.map(str::to_string)).collect())
}

fn load_table(path: &Path, spec: &TableSpec) -> Result<Table, IngestError> {
    let (frame, ragged) = read_frame_ragged(path)?;
    let mut columns = Vec::with_capacity(spec.columns.len() + spec.optional.len());
    for name in spec.columns {
        columns.push(string_column(&frame, path, name)?);
    }
    for name in spec.optional {
        match string_column(&frame, path, name) {
            Ok(column) => columns.push(column),
            Err(IngestError::MissingColumn { .. }) => columns.push(vec![None; frame.height()]),
            Err(other) => return Err(other),
        }
    }
    let nullable = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
    Ok(Table {
        columns,
        rows: frame.height(),
        ragged,
        nullable,
    })
}

fn hash_file(path: &Path) -> Result<InputFile, IngestError> {
    let mut file = fs::File::open(path).map_err(|e| unreadable(path, e))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0_u8; 1 << 20];
    let mut bytes = 0_u64;
    loop {
        let n = file.read(&mut buffer).map_err(|e| unreadable(path, e))?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        hasher.update(buffer.get(..n).unwrap_or(&[]));
    }
    Ok(InputFile {
        path: display(path),
        sha256: hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        bytes,
    })
}

/// The date of birth many police and health systems store when none is known: the earliest their date fields
/// take. Read as a date, it would make its person over 120 years old (an adult who leans management, by the
/// hierarchy rules) and keep them from matching their own records that have the real date, so it is read as no
/// date of birth, and counted.
pub const DOB_NOT_KNOWN: (i32, u32, u32) = (1900, 1, 1);

/// Earlier dates of birth are taken as mistyped years (`1890` for `1990`) rather than a person over 120.
const EARLIEST_DOB: (i32, u32, u32) = (1900, 1, 1);

/// Why a date that parsed is still impossible: after the day the extract is judged as of (nothing in it can
/// have happened later; mistyped years land there), or, for a date of birth, before 1900.
fn implausible(column: &str, date: NaiveDate, as_of: NaiveDate) -> Option<String> {
    if date > as_of {
        return Some(format!("{column} `{date}` is after the as-of date {as_of}"));
    }
    let (year, month, day) = EARLIEST_DOB;
    let earliest = NaiveDate::from_ymd_opt(year, month, day)?;
    (column == "dob" && date < earliest).then(|| format!("{column} `{date}` is before {year}"))
}

/// `value` checked against one of the contract's lists (`column` names it in the reason): the value lowercased
/// (it was trimmed when read, so ` SUSPECT ` is `suspect`), or why the row is quarantined. A value outside the
/// list would be accepted and then match no rule, silently.
fn listed(column: &str, value: Option<&str>, allowed: &[&str]) -> Result<String, String> {
    let expected = || allowed.join(", ");
    let Some(value) = value else {
        return Err(format!("missing {column} (expected one of {})", expected()));
    };
    let lower = value.to_ascii_lowercase();
    if allowed.contains(&lower.as_str()) {
        Ok(lower)
    } else {
        Err(format!(
            "unknown {column} `{value}` (expected one of {})",
            expected()
        ))
    }
}

/// Parses a YYYY-MM-DD date; a time after the date (`2024-03-05T10:00`, `2024-03-05 10:00:00`) is ignored.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let date = match value.get(10..11) {
        Some("T") | Some(" ") => value.get(..10)?,
        _ => value,
    };
    // chrono alone reads `24-01-02` as the year 24 and accepts `2024-1-2`: insist on the contract's shape, four
    // digits, two and two, so a two-digit year is quarantined rather than silently placed two millennia ago.
    let shaped = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// Why a date cell was refused. UK exports often write dates day first (`02/08/1999`). The contract does not read
/// them, since an export written month first would then be misread without a word, but where the cell reads as a
/// day-first date the reason shows it in the contract's form, so whoever fixes the extract sees the conversion.
fn unparseable_date(column: &str, given: &str, may_be_empty: bool) -> String {
    let expected = if may_be_empty {
        "YYYY-MM-DD or empty"
    } else {
        "YYYY-MM-DD"
    };
    match day_first(given) {
        Some(date) => format!(
            "unparseable {column} `{given}` (expected {expected}; if it is day first, that is {date})"
        ),
        None => format!("unparseable {column} `{given}` (expected {expected})"),
    }
}

/// `DD/MM/YYYY` (or with `.` or `-`, one- or two-digit day and month, a time after it ignored) as a date.
fn day_first(given: &str) -> Option<NaiveDate> {
    let date = given.split_whitespace().next()?;
    let mut parts = date.split(['/', '.', '-']);
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let number = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some()
        || !number(day, 1..=2)
        || !number(month, 1..=2)
        || !number(year, 4..=4)
    {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// Ids whose rows were all quarantined (none accepted under another row): id -> its first row, from 1.
fn quarantined_ids(table: &Table, accepted: impl Fn(&str) -> bool) -> FxHashMap<String, usize> {
    let mut ids = FxHashMap::default();
    for row in 0..table.rows {
        if let Some(id) = table.cell(0, row)
            && !accepted(id)
        {
            ids.entry(id.to_string()).or_insert(row + 1);
        }
    }
    ids
}

/// Why a row referring to an id that was not accepted is quarantined: the id was never in the extract, or its
/// own row was quarantined, named so the fix is made there (the reference itself may be fine).
fn not_accepted(
    refers: &str,
    kind: &str,
    id: &str,
    quarantined: &FxHashMap<String, usize>,
    table: &str,
) -> String {
    match quarantined.get(id) {
        Some(row) => format!("{refers} a quarantined {kind} `{id}` ({table} row {row})"),
        None => format!("{refers} unknown {kind} `{id}`"),
    }
}

/// Accumulates accepted and quarantined rows for one table, keeping the reconciliation honest.
struct Tally<'a> {
    table: &'static str,
    counts: TableCounts,
    quarantine: &'a mut Vec<QuarantineRow>,
}

impl Tally<'_> {
    fn reject(&mut self, source: &Table, row: usize, reason: String) {
        self.counts.quarantined += 1;
        self.quarantine.push(QuarantineRow {
            table: self.table.to_string(),
            row: row + 1,
            reason,
            raw: source.raw(row),
        });
    }

    /// Quarantines the row if it has the wrong number of fields (before any other check: its values may sit in
    /// the wrong columns). Returns whether it did.
    fn rejected_ragged(&mut self, source: &Table, row: usize) -> bool {
        let Some((reason, _)) = source.ragged.get(&row) else {
            return false;
        };
        self.reject(source, row, reason.clone());
        true
    }

    /// Counts an accepted row, and whether invalid UTF-8 in it was replaced on the way in.
    /// The checked value, or `None` with the row quarantined for the check's reason.
    fn passes<T>(&mut self, source: &Table, row: usize, checked: Result<T, String>) -> Option<T> {
        checked
            .map_err(|reason| self.reject(source, row, reason))
            .ok()
    }

    fn accept(&mut self, source: &Table, row: usize) {
        self.counts.accepted += 1;
        if source.replaced(row) {
            self.counts.repaired += 1;
        }
    }
}

/// Checks nominal rows: a missing or duplicate id or an unparseable or impossible date of birth (judged as of
/// `as_of`) sends the row to quarantine; the "not known" date of birth is read as none.
fn accept_nominals(
    table: &Table,
    quarantine: &mut Vec<QuarantineRow>,
    as_of: NaiveDate,
) -> (Vec<Nominal>, TableCounts) {
    let mut nominals = Vec::with_capacity(table.rows);
    let mut tally = Tally {
        table: "nominals",
        counts: TableCounts {
            read: table.rows,
            ..Default::default()
        },
        quarantine,
    };
    let mut first_seen: FxHashMap<String, usize> = FxHashMap::default();
    for row in 0..table.rows {
        if tally.rejected_ragged(table, row) {
            continue;
        }
        let Some(id) = table.cell(0, row) else {
            tally.reject(table, row, "missing nominal_id".into());
            continue;
        };
        if let Some(first) = first_seen.get(id) {
            tally.reject(
                table,
                row,
                format!("duplicate nominal_id `{id}` (first at row {})", first + 1),
            );
            continue;
        }
        let dob = match table.cell(3, row) {
            None => None,
            Some(given) => match parse_date(given) {
                Some(d) => {
                    if let Some(reason) = implausible("dob", d, as_of) {
                        tally.reject(table, row, reason);
                        continue;
                    }
                    let (year, month, day) = DOB_NOT_KNOWN;
                    if NaiveDate::from_ymd_opt(year, month, day) == Some(d) {
                        tally.counts.dob_not_known += 1;
                        None
                    } else {
                        Some(d)
                    }
                }
                None => {
                    tally.reject(table, row, unparseable_date("dob", given, true));
                    continue;
                }
            },
        };
        first_seen.insert(id.to_string(), row);
        let text = |c: usize| table.cell(c, row).unwrap_or("").to_string();
        nominals.push(Nominal {
            id: NominalId::new(id),
            forename: text(1),
            surname: text(2),
            dob,
            sex: text(4),
            ethnicity: text(5),
            postcode: text(6),
            force: text(7),
            pnc_id: table.cell(8, row).map(str::to_string),
            address: table.cell(9, row).map(str::to_string),
        });
        tally.accept(table, row);
    }
    (nominals, tally.counts)
}

/// What `ndas resolve` reads: one nominals table on its own, checked as in an extract.
pub struct NominalsFile {
    pub nominals: Vec<Nominal>,
    pub counts: TableCounts,
    pub quarantine: Vec<QuarantineRow>,
}

/// Reads one nominals table (CSV or Parquet, extract columns; `pnc_id` and `address` optional), judging dates
/// of birth as of today.
pub fn read_nominals(path: &Path) -> Result<NominalsFile, IngestError> {
    let table = load_table(path, &NOMINALS)?;
    let mut quarantine = Vec::new();
    let (nominals, counts) =
        accept_nominals(&table, &mut quarantine, chrono::Local::now().date_naive());
    Ok(NominalsFile {
        nominals,
        counts,
        quarantine,
    })
}

/// Reads the extract in `dir` as of today (what a run without `--as-of` judges by).
pub fn read_extract(dir: &Path) -> Result<Ingested, IngestError> {
    read_extract_as_of(dir, chrono::Local::now().date_naive())
}

/// Reads the extract in `dir`, judged as of `as_of`: a date after it is in the future. Tables are read in
/// parallel; rows are checked in order.
pub fn read_extract_as_of(dir: &Path, as_of: NaiveDate) -> Result<Ingested, IngestError> {
    if !dir.is_dir() {
        let message = if dir.exists() {
            "not a directory (give the directory that holds events.csv and the other tables)"
        } else {
            "no such directory"
        };
        return Err(IngestError::Unreadable {
            path: display(dir),
            message: message.to_string(),
        });
    }
    let specs = [&EVENTS, &NOMINALS, &LINKS, &MARKERS, &OCG, &OBJECTS];
    let mut paths = Vec::new();
    for spec in specs {
        paths.push(table_path(dir, spec)?);
    }
    // Polars parallelises each read on its own thread pool; calling it from inside rayon workers starves that
    // pool (a force extract took 10x longer), so tables are read one after another while a plain thread
    // hashes the input files alongside.
    let present: Vec<&PathBuf> = paths.iter().flatten().collect();
    let (frames, hashes) = std::thread::scope(|scope| {
        let hasher = scope.spawn(|| present.iter().map(|p| hash_file(p)).collect::<Vec<_>>());
        let frames: Vec<Result<Option<Table>, IngestError>> = specs
            .iter()
            .zip(paths.iter())
            .map(|(spec, path)| path.as_ref().map(|p| load_table(p, spec)).transpose())
            .collect();
        let hashes = hasher.join().unwrap_or_else(|_| {
            vec![Err(IngestError::Unreadable {
                path: display(dir),
                message: "hashing the input files failed".to_string(),
            })]
        });
        (frames, hashes)
    });
    let mut inputs = Vec::new();
    for hash in hashes {
        inputs.push(hash?);
    }
    let mut loaded: Vec<Result<Option<Table>, IngestError>> = frames;
    let mut tables: Vec<Option<Table>> = Vec::new();
    for result in loaded.drain(..) {
        tables.push(result?);
    }
    let mut tables = tables.into_iter();
    let mut next = || tables.next().flatten();
    let (events, nominals, links, markers, ocg, objects) =
        (next(), next(), next(), next(), next(), next());

    let mut quarantine = Vec::new();
    let mut counts = BTreeMap::new();
    let mut extract = Extract::default();
    let mut quarantined_events = FxHashMap::default();
    let mut quarantined_nominals = FxHashMap::default();

    if let Some(mut table) = events {
        // Texts are the bulk of an extract: they are moved into their events after the checks (which may need
        // a rejected row's text for quarantine.csv), never copied.
        let mut accepted_rows: Vec<usize> = Vec::with_capacity(table.rows);
        let first_event = extract.events.len();
        let mut tally = Tally {
            table: "events",
            counts: TableCounts {
                read: table.rows,
                ..Default::default()
            },
            quarantine: &mut quarantine,
        };
        let mut first_seen: FxHashMap<&str, usize> = FxHashMap::default();
        for row in 0..table.rows {
            if tally.rejected_ragged(&table, row) {
                continue;
            }
            let Some(id) = table.cell(0, row) else {
                tally.reject(&table, row, "missing event_id".into());
                continue;
            };
            if let Some(first) = first_seen.get(id) {
                tally.reject(
                    &table,
                    row,
                    format!("duplicate event_id `{id}` (first at row {})", first + 1),
                );
                continue;
            }
            let Some(occurred_on) = table.cell(3, row).and_then(parse_date) else {
                let given = table.cell(3, row).unwrap_or("");
                tally.reject(&table, row, unparseable_date("occurred_on", given, false));
                continue;
            };
            if let Some(reason) = implausible("occurred_on", occurred_on, as_of) {
                tally.reject(&table, row, reason);
                continue;
            }
            let Some(source) =
                tally.passes(&table, row, listed("source", table.cell(1, row), SOURCES))
            else {
                continue;
            };
            // An empty text is an event recorded without a narrative (it may still be flagged through the
            // people linked to it); a null one in Parquet says the narrative was never exported.
            let null_text = table.nullable
                && table
                    .columns
                    .get(5)
                    .and_then(|texts| texts.get(row))
                    .is_some_and(Option::is_none);
            if null_text {
                tally.reject(
                    &table,
                    row,
                    "missing text (null; write an empty text for an event with no narrative)"
                        .into(),
                );
                continue;
            }
            first_seen.insert(id, row);
            accepted_rows.push(row);
            extract.events.push(Event {
                id: EventId::new(id),
                source,
                force: table.cell(2, row).unwrap_or("").to_string(),
                occurred_on,
                offence: table.cell(4, row).unwrap_or("").to_string(),
                text: String::new(),
            });
            tally.accept(&table, row);
        }
        if tally.counts.quarantined > 0 {
            quarantined_events = quarantined_ids(&table, |id| first_seen.contains_key(id));
        }
        counts.insert("events".to_string(), tally.counts);
        drop(first_seen);
        if let Some(texts) = table.columns.get_mut(5) {
            let events = extract.events.get_mut(first_event..).unwrap_or_default();
            for (event, row) in events.iter_mut().zip(accepted_rows) {
                event.text = texts
                    .get_mut(row)
                    .and_then(Option::take)
                    .unwrap_or_default();
            }
        }
    }
    let event_ids: FxHashMap<&str, usize> = extract
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();

    if let Some(table) = &nominals {
        let (accepted, table_counts) = accept_nominals(table, &mut quarantine, as_of);
        extract.nominals = accepted;
        counts.insert("nominals".to_string(), table_counts);
    }
    let nominal_ids: FxHashMap<&str, usize> = extract
        .nominals
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    if let Some(table) = &nominals
        && counts.get("nominals").is_some_and(|c| c.quarantined > 0)
    {
        quarantined_nominals = quarantined_ids(table, |id| nominal_ids.contains_key(id));
    }

    if let Some(table) = &links {
        let mut tally = Tally {
            table: "links",
            counts: TableCounts {
                read: table.rows,
                ..Default::default()
            },
            quarantine: &mut quarantine,
        };
        for row in 0..table.rows {
            if tally.rejected_ragged(table, row) {
                continue;
            }
            let (Some(event), Some(nominal)) = (table.cell(0, row), table.cell(1, row)) else {
                tally.reject(table, row, "missing event_id or nominal_id".into());
                continue;
            };
            if !event_ids.contains_key(event) {
                let reason =
                    not_accepted("links to", "event", event, &quarantined_events, "events");
                tally.reject(table, row, reason);
                continue;
            }
            if !nominal_ids.contains_key(nominal) {
                let reason = not_accepted(
                    "links to",
                    "nominal",
                    nominal,
                    &quarantined_nominals,
                    "nominals",
                );
                tally.reject(table, row, reason);
                continue;
            }
            let Some(role) =
                tally.passes(table, row, listed("role", table.cell(2, row), LINK_ROLES))
            else {
                continue;
            };
            extract.links.push(Link {
                event: EventId::new(event),
                nominal: NominalId::new(nominal),
                role,
                event_index: event_ids.get(event).copied().unwrap_or_default(),
                nominal_index: nominal_ids.get(nominal).copied().unwrap_or_default(),
            });
            tally.accept(table, row);
        }
        counts.insert("links".to_string(), tally.counts);
    }

    if let Some(table) = &markers {
        let mut tally = Tally {
            table: "markers",
            counts: TableCounts {
                read: table.rows,
                ..Default::default()
            },
            quarantine: &mut quarantine,
        };
        for row in 0..table.rows {
            if tally.rejected_ragged(table, row) {
                continue;
            }
            let (Some(nominal), Some(marker)) = (table.cell(0, row), table.cell(1, row)) else {
                tally.reject(table, row, "missing nominal_id or marker".into());
                continue;
            };
            if !nominal_ids.contains_key(nominal) {
                let reason = not_accepted(
                    "marker for",
                    "nominal",
                    nominal,
                    &quarantined_nominals,
                    "nominals",
                );
                tally.reject(table, row, reason);
                continue;
            }
            let recorded_on = match table.cell(2, row) {
                None => None,
                Some(given) => match parse_date(given) {
                    Some(d) => {
                        if let Some(reason) = implausible("recorded_on", d, as_of) {
                            tally.reject(table, row, reason);
                            continue;
                        }
                        Some(d)
                    }
                    None => {
                        tally.reject(table, row, unparseable_date("recorded_on", given, true));
                        continue;
                    }
                },
            };
            extract.markers.push(Marker {
                nominal: NominalId::new(nominal),
                marker: marker.to_ascii_uppercase(),
                recorded_on,
            });
            tally.accept(table, row);
        }
        counts.insert("markers".to_string(), tally.counts);
    }

    if let Some(table) = &ocg {
        let mut tally = Tally {
            table: "ocg",
            counts: TableCounts {
                read: table.rows,
                ..Default::default()
            },
            quarantine: &mut quarantine,
        };
        for row in 0..table.rows {
            if tally.rejected_ragged(table, row) {
                continue;
            }
            let (Some(nominal), Some(ocg_id)) = (table.cell(0, row), table.cell(1, row)) else {
                tally.reject(table, row, "missing nominal_id or ocg_id".into());
                continue;
            };
            if !nominal_ids.contains_key(nominal) {
                let reason = not_accepted(
                    "ocg membership for",
                    "nominal",
                    nominal,
                    &quarantined_nominals,
                    "nominals",
                );
                tally.reject(table, row, reason);
                continue;
            }
            let Some(role) = tally.passes(
                table,
                row,
                listed("ocg_role", table.cell(2, row), OCG_ROLES),
            ) else {
                continue;
            };
            extract.ocg.push(OcgMembership {
                nominal: NominalId::new(nominal),
                ocg_id: ocg_id.to_string(),
                role,
            });
            tally.accept(table, row);
        }
        counts.insert("ocg".to_string(), tally.counts);
    }

    if let Some(table) = &objects {
        let mut tally = Tally {
            table: "objects",
            counts: TableCounts {
                read: table.rows,
                ..Default::default()
            },
            quarantine: &mut quarantine,
        };
        let mut seen: HashSet<String> = HashSet::new();
        for row in 0..table.rows {
            if tally.rejected_ragged(table, row) {
                continue;
            }
            let (Some(id), Some(event)) = (table.cell(0, row), table.cell(3, row)) else {
                tally.reject(table, row, "missing object_id or event_id".into());
                continue;
            };
            if !event_ids.contains_key(event) {
                let reason = not_accepted(
                    "object linked to",
                    "event",
                    event,
                    &quarantined_events,
                    "events",
                );
                tally.reject(table, row, reason);
                continue;
            }
            if !seen.insert(format!("{id}\u{0}{event}")) {
                tally.reject(
                    table,
                    row,
                    format!("duplicate object `{id}` on event `{event}`"),
                );
                continue;
            }
            extract.objects.push(Object {
                id: id.to_string(),
                kind: table.cell(1, row).unwrap_or("").to_ascii_lowercase(),
                identifier: table.cell(2, row).unwrap_or("").to_string(),
                event: EventId::new(event),
            });
            tally.accept(table, row);
        }
        counts.insert("objects".to_string(), tally.counts);
    }

    let synthetic = fs::read_to_string(dir.join("synth.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v.get("synthetic").and_then(serde_json::Value::as_bool))
        .unwrap_or(false);
    Ok(Ingested {
        extract,
        counts,
        quarantine,
        inputs,
        synthetic,
    })
}

/// Reads one use case's policy files under `root`: the manifest and scripts in `rules/<use case>/`, the term
/// lists in `reference_files/<use case>/`.
pub fn read_policy(root: &Path, use_case: &str) -> Result<PolicyFiles, IngestError> {
    let rules = root.join("rules").join(use_case);
    if !rules.is_dir() {
        let available: Vec<String> = fs::read_dir(root.join("rules"))
            .map(|entries| {
                let mut names: Vec<String> = entries
                    .filter_map(Result::ok)
                    .filter(|e| e.path().is_dir())
                    .filter_map(|e| e.file_name().to_str().map(str::to_string))
                    .collect();
                names.sort();
                names
            })
            .unwrap_or_default();
        return Err(IngestError::UnknownUseCase {
            use_case: use_case.to_string(),
            root: display(root),
            expected: display(&rules),
            available: if available.is_empty() {
                "none".to_string()
            } else {
                available.join(", ")
            },
        });
    }
    let mut files = BTreeMap::new();
    for (folder, extensions) in [
        (format!("rules/{use_case}"), &["yaml", "yml", "rhai"][..]),
        (format!("reference_files/{use_case}"), &["yaml", "yml"][..]),
    ] {
        let dir = root.join(&folder);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let wanted = path.is_file()
                && path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| extensions.contains(&e));
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            // Editors leave swap and backup files beside the real one; they are not policy.
            if !wanted || name.starts_with('.') || name.ends_with('~') {
                continue;
            }
            let bytes = fs::read(&path).map_err(|e| unreadable(&path, e))?;
            let text = String::from_utf8(bytes)
                .map_err(|e| unreadable(&path, format!("not valid UTF-8 text ({e})")))?;
            files.insert(format!("{folder}/{name}"), Arc::from(text));
        }
    }
    Ok(PolicyFiles {
        use_case: use_case.to_string(),
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::separator_hint;

    fn hint(found: &[&str]) -> String {
        separator_hint(&found.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn a_header_read_as_one_column_says_its_separator_or_its_encoding() {
        assert!(hint(&["event_id;nominal_id;role"]).contains("separated by semicolons"));
        assert!(hint(&["event_id\tnominal_id\trole"]).contains("separated by tabs"));
        assert!(hint(&["event_id|nominal_id|role"]).contains("separated by `|`"));
        // UTF-16 read as UTF-8: a byte-order mark that is no character, and a zero after each ASCII letter.
        assert!(
            hint(&["\u{fffd}\u{fffd}e\0v\0e\0n\0t\0_\0i\0d\0", "\0r\0o\0l\0e\0"])
                .contains("UTF-16")
        );
        // A comma-separated header that merely lacks the column says nothing more.
        assert_eq!(hint(&["event_id", "person", "role"]), "");
        assert_eq!(hint(&["eventid"]), "");
    }
}
