//! Writing results: analyst tables (CSV or Parquet), `quarantine.csv`, `run.json`, and reading them back for
//! `explain`. One of the two modules allowed to touch the file system (the other is `ingest`).
//!
//! **Invariant:** output files are created readable by their owner only (mode 0600): they hold personal data.
//! Each file is written to a temporary name and renamed into place, so a reader never sees half a file; a table
//! written in one format removes the same table left in the other, so a re-run replaces its outputs whole.
//! Tables are built in a deterministic order by the caller; floats are formatted with fixed precision.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use polars::prelude::*;
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot write `{path}`: {message}")]
    Write { path: String, message: String },
    #[error("cannot read `{path}`: {message}")]
    Read { path: String, message: String },
    /// An ingest error reading an output table back, which names its file itself.
    #[error("{0}")]
    Ingest(String),
    #[error(
        "cannot write outputs to `{out}`: `{out}` is the extract directory, and the output `events` table would \
         replace (or, in the other format, sit beside) the extract's own; choose another --out"
    )]
    IsExtract { out: String },
    #[error(
        "cannot write outputs to `{out}`: `{out}` holds an extract (`{table}`), whose `events` table the outputs \
         would replace; choose another --out"
    )]
    HoldsExtract { out: String, table: String },
    #[error(
        "cannot watch into `{out}`: the extract directory `{data}` is inside it, and watch replaces its output \
         directory whole; choose an --out outside the extract"
    )]
    ExtractInside { out: String, data: String },
}

fn write_error(path: &Path, err: impl std::fmt::Display) -> OutputError {
    OutputError::Write {
        path: path.display().to_string(),
        message: err.to_string(),
    }
}

/// Output format for analyst tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    Csv,
    #[default]
    Parquet,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }

    /// The format a table is not written in this time.
    fn other(self) -> Format {
        match self {
            Format::Csv => Format::Parquet,
            Format::Parquet => Format::Csv,
        }
    }
}

/// A typed column of an output table.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnData {
    Text(Vec<String>),
    Int(Vec<i64>),
    Bool(Vec<bool>),
    /// Written with up to 6 decimals and no trailing zeros, so outputs are byte-stable for snapshots.
    Float(Vec<f64>),
    /// Integers that may be absent (empty in CSV, null in Parquet).
    OptInt(Vec<Option<i64>>),
}

pub use crate::number::format_float;

impl ColumnData {
    fn len(&self) -> usize {
        match self {
            ColumnData::Text(v) => v.len(),
            ColumnData::Int(v) => v.len(),
            ColumnData::Bool(v) => v.len(),
            ColumnData::Float(v) => v.len(),
            ColumnData::OptInt(v) => v.len(),
        }
    }

    fn cell(&self, row: usize) -> String {
        match self {
            ColumnData::Text(v) => v.get(row).cloned().unwrap_or_default(),
            ColumnData::Int(v) => v.get(row).map(ToString::to_string).unwrap_or_default(),
            ColumnData::Bool(v) => v.get(row).map(ToString::to_string).unwrap_or_default(),
            ColumnData::Float(v) => v.get(row).map(|f| format_float(*f)).unwrap_or_default(),
            ColumnData::OptInt(v) => v
                .get(row)
                .copied()
                .flatten()
                .map(|i| i.to_string())
                .unwrap_or_default(),
        }
    }
}

/// A table ready to write: named columns of equal length.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputTable {
    pub name: String,
    pub columns: Vec<(String, ColumnData)>,
}

impl OutputTable {
    pub fn rows(&self) -> usize {
        self.columns.first().map(|(_, c)| c.len()).unwrap_or(0)
    }

    /// The table as CSV text, for snapshots and CSV output alike.
    pub fn to_csv(&self) -> Result<Vec<u8>, OutputError> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let error = |e: csv::Error| write_error(Path::new(&self.name), e);
        writer
            .write_record(self.columns.iter().map(|(name, _)| name))
            .map_err(error)?;
        for row in 0..self.rows() {
            writer
                .write_record(self.columns.iter().map(|(_, c)| c.cell(row)))
                .map_err(error)?;
        }
        writer
            .into_inner()
            .map_err(|e| write_error(Path::new(&self.name), e))
    }

    fn to_frame(&self) -> PolarsResult<DataFrame> {
        let columns: Vec<Column> = self
            .columns
            .iter()
            .map(|(name, data)| {
                let name = PlSmallStr::from(name.as_str());
                match data {
                    ColumnData::Text(v) => Column::new(name, v),
                    ColumnData::Int(v) => Column::new(name, v),
                    ColumnData::Bool(v) => Column::new(name, v),
                    ColumnData::Float(v) => Column::new(name, v),
                    ColumnData::OptInt(v) => Column::new(name, v),
                }
            })
            .collect();
        DataFrame::new_infer_height(columns)
    }
}

/// Opens `path` for writing with owner-only permissions.
fn create_private(path: &Path) -> Result<fs::File, OutputError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|e| write_error(path, e))
}

/// Writes `bytes` to `path` via a temporary file and a rename.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let temporary = temporary_name(path);
    {
        let mut file = BufWriter::new(create_private(&temporary)?);
        file.write_all(bytes)
            .map_err(|e| write_error(&temporary, e))?;
        file.flush().map_err(|e| write_error(&temporary, e))?;
    }
    fs::rename(&temporary, path).map_err(|e| write_error(path, e))
}

fn temporary_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp"))
}

/// Puts the folder `staging` in the place of `target` (outputs of a finished run replacing the last run's): two
/// renames, so a reader sees the old folder whole, then briefly none, then the new one whole, never a mix.
pub fn replace_dir(staging: &Path, target: &Path) -> Result<(), OutputError> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    let previous = target.with_file_name(format!(".{name}.previous"));
    let _ = fs::remove_dir_all(&previous);
    if target.exists() {
        fs::rename(target, &previous).map_err(|e| write_error(target, e))?;
    }
    fs::rename(staging, target).map_err(|e| write_error(target, e))?;
    let _ = fs::remove_dir_all(&previous);
    Ok(())
}

/// Removes the files in `dir` whose names `owned` accepts (outputs of an earlier run), leaving anything else.
pub fn remove_files(dir: &Path, owned: impl Fn(&str) -> bool) -> Result<(), OutputError> {
    let entries = fs::read_dir(dir).map_err(|e| write_error(dir, e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if path.is_file() && owned(&name) {
            fs::remove_file(&path).map_err(|e| write_error(&path, e))?;
        }
    }
    Ok(())
}

/// Tables of the extract contract that no command writes as output: a folder holding one of them is an extract.
const INPUT_ONLY_TABLES: &[&str] = &["nominals", "links", "markers", "ocg", "objects"];

/// Refuses an output directory whose writing would destroy input: the extract directory itself (compared
/// canonicalised, so `data/./` and a symlink are caught), or any folder holding an extract (the `events` output
/// table would replace its events table). With `replaced_whole` (`watch` swaps its output folder for a new one),
/// also a folder the extract lies inside. A folder that does not exist yet holds nothing and passes; an extract
/// that cannot be found is left for ingest to report.
pub fn check_destination(out: &Path, data: &Path, replaced_whole: bool) -> Result<(), OutputError> {
    let (Ok(out_real), Ok(data_real)) = (fs::canonicalize(out), fs::canonicalize(data)) else {
        return Ok(());
    };
    let shown = out.display().to_string();
    if out_real == data_real {
        return Err(OutputError::IsExtract { out: shown });
    }
    if replaced_whole && data_real.starts_with(&out_real) {
        return Err(OutputError::ExtractInside {
            out: shown,
            data: data.display().to_string(),
        });
    }
    for table in INPUT_ONLY_TABLES {
        for extension in ["csv", "parquet"] {
            let file = format!("{table}.{extension}");
            if out_real.join(&file).is_file() {
                return Err(OutputError::HoldsExtract {
                    out: shown,
                    table: file,
                });
            }
        }
    }
    Ok(())
}

/// The longest id kept whole in a file name; a longer one is cut and told apart by its hash.
const FILE_STEM_MAX: usize = 96;

/// A file name (without extension) for an id that comes from the extract, such as a network named after a
/// nominal id (`NET-DUR/P/536376`). Forces write ids with `/`, spaces and other characters a file name cannot
/// hold, or that would lead out of the folder (`..`). Letters, digits, `-` and `_` stay, and so does `.` after
/// the first character; anything else becomes `_`. Where any character changed, or the id was longer than
/// `FILE_STEM_MAX`, `-` and 8 hex digits of the id's SHA-256 follow, so two ids that differ only there still give
/// two files. An id already safe is its own file name.
pub fn file_stem(id: &str) -> String {
    let mut stem = String::with_capacity(id.len());
    let mut changed = false;
    for (i, c) in id.chars().enumerate() {
        let kept = c.is_ascii_alphanumeric() || c == '-' || c == '_' || (c == '.' && i > 0);
        if i >= FILE_STEM_MAX {
            changed = true;
            break;
        }
        stem.push(if kept { c } else { '_' });
        changed |= !kept;
    }
    if stem.is_empty() || changed {
        let digest = Sha256::digest(id.as_bytes());
        stem.push('-');
        stem.extend(digest.iter().take(4).map(|b| format!("{b:02x}")));
    }
    stem
}

/// Creates the output directory (owner-only) if needed.
pub fn ensure_dir(dir: &Path) -> Result<(), OutputError> {
    fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| write_error(dir, e))?;
    }
    Ok(())
}

/// Writes `table` as `dir/NAME.csv` or `dir/NAME.parquet` and removes the same table in the other format, left by
/// an earlier run in the other format: outputs are replaced as a whole, and a reader that finds both (`read_table`
/// prefers Parquet) would otherwise read the stale one. Returns the path written.
pub fn write_table(
    dir: &Path,
    table: &OutputTable,
    format: Format,
) -> Result<PathBuf, OutputError> {
    let path = dir.join(format!("{}.{}", table.name, format.extension()));
    match format {
        Format::Csv => write_file(&path, &table.to_csv()?)?,
        Format::Parquet => {
            let mut frame = table.to_frame().map_err(|e| write_error(&path, e))?;
            let temporary = temporary_name(&path);
            {
                let file = create_private(&temporary)?;
                ParquetWriter::new(file)
                    .finish(&mut frame)
                    .map_err(|e| write_error(&temporary, e))?;
            }
            fs::rename(&temporary, &path).map_err(|e| write_error(&path, e))?;
        }
    }
    // Only once the new table is in place, so a failed write leaves the old outputs rather than none.
    let stale = dir.join(format!("{}.{}", table.name, format.other().extension()));
    if stale.is_file() {
        fs::remove_file(&stale).map_err(|e| write_error(&stale, e))?;
    }
    Ok(path)
}

/// Writes a JSON value, pretty-printed, with a trailing newline.
pub fn write_json(path: &Path, value: &serde_json::Value) -> Result<(), OutputError> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| write_error(path, e))?;
    text.push('\n');
    write_file(path, text.as_bytes())
}

/// SHA-256 of a file, hex.
pub fn hash_file(path: &Path) -> Result<String, OutputError> {
    let bytes = fs::read(path).map_err(|e| OutputError::Read {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Reads `dir/NAME.csv` or `dir/NAME.parquet` back as rows of text cells keyed by column name.
pub fn read_table(
    dir: &Path,
    name: &str,
) -> Result<Vec<std::collections::BTreeMap<String, String>>, OutputError> {
    let csv = dir.join(format!("{name}.csv"));
    let parquet = dir.join(format!("{name}.parquet"));
    let path = if parquet.is_file() { parquet } else { csv };
    let read_error = |message: String| OutputError::Read {
        path: path.display().to_string(),
        message,
    };
    // The ingest error already names the file: carry it as it is, not inside a second "cannot read".
    let frame = crate::ingest::read_frame(&path).map_err(|e| OutputError::Ingest(e.to_string()))?;
    let mut columns = Vec::new();
    for column in frame.columns() {
        let text = column
            .cast(&DataType::String)
            .map_err(|e| read_error(e.to_string()))?;
        let values: Vec<String> = text
            .str()
            .map_err(|e| read_error(e.to_string()))?
            .iter()
            .map(|v| v.unwrap_or("").to_string())
            .collect();
        columns.push((column.name().to_string(), values));
    }
    let rows = frame.height();
    Ok((0..rows)
        .map(|row| {
            columns
                .iter()
                .map(|(name, values)| (name.clone(), values.get(row).cloned().unwrap_or_default()))
                .collect()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_keep_safe_ids_and_mark_changed_ones() {
        assert_eq!(file_stem("NET-N0000123"), "NET-N0000123");
        assert_eq!(file_stem("NET-MPN.410000_b"), "NET-MPN.410000_b");
        let slashed = file_stem("NET-DUR/P/536376");
        assert!(slashed.starts_with("NET-DUR_P_536376-"), "{slashed}");
        assert_eq!(slashed.len(), "NET-DUR_P_536376-".len() + 8);
        // Two ids that differ only where a character was replaced stay two files.
        assert_ne!(file_stem("NET-DUR/P/1"), file_stem("NET-DUR_P/1"));
        assert_ne!(file_stem("NET-DUR/P/1"), file_stem("NET-DUR_P_1"));
        // Nothing leads out of the folder or hides the file.
        for id in [
            "../../etc/passwd",
            "..",
            ".hidden",
            "a\\b",
            "",
            "NET-a b:c*?",
        ] {
            let stem = file_stem(id);
            assert!(
                !stem.is_empty() && !stem.starts_with('.'),
                "{id:?} -> {stem:?}"
            );
            assert!(
                stem.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
                "{id:?} -> {stem:?}"
            );
        }
        let long = format!("NET-{}", "x".repeat(300));
        assert_eq!(file_stem(&long).len(), FILE_STEM_MAX + 9);
        assert_ne!(file_stem(&long), file_stem(&format!("{long}y")));
    }
}
