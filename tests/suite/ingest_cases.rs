//! The bad-input matrix for extract ingest. Each folder in `tests/cases/ingest/` is an extract directory plus an
//! `expect.yaml` saying what `read_extract_as_of` must make of it: an error naming the file (and the row, where there
//! is one), or exact counts and the exact quarantine reasons. Inputs that are binary or large (a byte-order mark,
//! Windows line endings, invalid UTF-8, Parquet, a 10 MB field) are written by the tests below into a temporary
//! directory, with their `expect.yaml`, and checked by the same helper. Adding a case is adding a folder.

use std::collections::BTreeMap;
use std::path::Path;

use ndas::ingest::{Ingested, read_extract, read_extract_as_of};
use polars::prelude::*;
use serde::Deserialize;

use super::common;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// What the case is about and why this outcome is the right one.
    note: String,
    /// The day the extract is judged as of (dates after it are in the future) [default: the tests' fixed date].
    #[serde(default)]
    as_of: Option<String>,
    /// A substring the error must contain; `{dir}` stands for the case directory, and must appear, so every
    /// error case proves the message names the file.
    #[serde(default)]
    error: Option<String>,
    /// For every table read: `[read, accepted, quarantined]`, or with a fourth number, `repaired`.
    #[serde(default)]
    counts: Option<BTreeMap<String, Vec<usize>>>,
    /// How many nominals gave the "not known" date of birth and were kept with none [default: 0].
    #[serde(default)]
    dob_not_known: usize,
    /// Every quarantined row as `TABLE row N: REASON`, in order.
    #[serde(default)]
    quarantine: Vec<String>,
    /// The `raw` copy of every quarantined row, in order, when given.
    #[serde(default)]
    raw: Option<Vec<String>>,
    /// Accepted events as `id|source|force|occurred_on|offence|text`, in order, when given.
    #[serde(default)]
    events: Option<Vec<String>>,
    /// Accepted nominals as `id|forename|surname|dob|sex|ethnicity|postcode|force|pnc_id|address`, when given.
    #[serde(default)]
    nominals: Option<Vec<String>>,
    /// Accepted links as `event|nominal|role`, when given.
    #[serde(default)]
    links: Option<Vec<String>>,
}

/// The reconciliation invariant, for any successful ingest: every row read is accepted or quarantined, the
/// quarantine holds one row per quarantined count, and the extract holds one value per accepted count.
fn reconciliation(ingested: &Ingested) -> Vec<String> {
    let mut faults = Vec::new();
    let extract = &ingested.extract;
    let held = BTreeMap::from([
        ("events", extract.events.len()),
        ("nominals", extract.nominals.len()),
        ("links", extract.links.len()),
        ("markers", extract.markers.len()),
        ("ocg", extract.ocg.len()),
        ("objects", extract.objects.len()),
    ]);
    for (table, counts) in &ingested.counts {
        if counts.read != counts.accepted + counts.quarantined {
            faults.push(format!(
                "{table}: read {} != accepted {} + quarantined {}",
                counts.read, counts.accepted, counts.quarantined
            ));
        }
        let rows: Vec<usize> = ingested
            .quarantine
            .iter()
            .filter(|q| &q.table == table)
            .map(|q| q.row)
            .collect();
        if rows.len() != counts.quarantined {
            faults.push(format!(
                "{table}: {} quarantine rows for quarantined {}",
                rows.len(),
                counts.quarantined
            ));
        }
        if rows.iter().any(|&row| row == 0 || row > counts.read)
            || rows.windows(2).any(|w| w[0] >= w[1])
        {
            faults.push(format!(
                "{table}: quarantine rows {rows:?} not distinct, in order, within 1..={}",
                counts.read
            ));
        }
        if held.get(table.as_str()) != Some(&counts.accepted) {
            faults.push(format!(
                "{table}: accepted {} but the extract holds {:?}",
                counts.accepted,
                held.get(table.as_str())
            ));
        }
        if counts.repaired > counts.accepted {
            faults.push(format!(
                "{table}: repaired {} > accepted {}",
                counts.repaired, counts.accepted
            ));
        }
    }
    for (table, &n) in &held {
        if n > 0 && !ingested.counts.contains_key(*table) {
            faults.push(format!("{table}: {n} values in the extract but no counts"));
        }
    }
    faults
}

/// Runs `read_extract` on the case directory and compares with its `expect.yaml`. Returns the mismatches (empty
/// when the case holds) and the ingest, for tests that look further.
fn check(dir: &Path) -> (Vec<String>, Option<Ingested>) {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let text = match std::fs::read_to_string(dir.join("expect.yaml")) {
        Ok(text) => text,
        Err(e) => return (vec![format!("{name}: cannot read expect.yaml: {e}")], None),
    };
    let expect: Expect = match serde_yaml::from_str(&text) {
        Ok(expect) => expect,
        Err(e) => return (vec![format!("{name}: bad expect.yaml: {e}")], None),
    };
    let mut faults = Vec::new();
    let mut fault = |what: String| faults.push(format!("{name} ({}): {what}", expect.note.trim()));
    let as_of = match expect.as_of.as_deref().map(ndas::ingest::parse_date) {
        None => common::as_of(),
        Some(Some(date)) => date,
        Some(None) => return (vec![format!("{name}: as_of is not YYYY-MM-DD")], None),
    };
    let result = read_extract_as_of(dir, as_of);
    let ingested = match (result, &expect.error, &expect.counts) {
        (_, Some(_), Some(_)) | (_, None, None) => {
            fault("expect.yaml must give exactly one of `error` and `counts`".into());
            None
        }
        (Err(err), Some(wanted), None) => {
            if !wanted.contains("{dir}") {
                fault(format!(
                    "the expected error `{wanted}` must name the file through {{dir}}"
                ));
            }
            let wanted = wanted.replace("{dir}", &dir.display().to_string());
            let got = err.to_string();
            if !got.contains(&wanted) {
                fault(format!(
                    "error\n    expected to contain {wanted:?}\n    got {got:?}"
                ));
            }
            None
        }
        (Ok(ingested), Some(wanted), None) => {
            fault(format!(
                "expected an error containing {wanted:?}, got counts {:?}",
                ingested.counts
            ));
            Some(ingested)
        }
        (Err(err), None, Some(_)) => {
            fault(format!("expected counts, got error: {err}"));
            None
        }
        (Ok(ingested), None, Some(counts)) => {
            let got: BTreeMap<String, Vec<usize>> = ingested
                .counts
                .iter()
                .map(|(table, c)| {
                    (
                        table.clone(),
                        vec![c.read, c.accepted, c.quarantined, c.repaired],
                    )
                })
                .collect();
            let wanted: BTreeMap<String, Vec<usize>> = counts
                .iter()
                .map(|(table, c)| {
                    let mut c = c.clone();
                    if c.len() == 3 {
                        c.push(0);
                    }
                    (table.clone(), c)
                })
                .collect();
            if got != wanted {
                fault(format!(
                    "counts [read, accepted, quarantined, repaired]\n    expected {wanted:?}\n    got {got:?}"
                ));
            }
            let dob_not_known = ingested
                .counts
                .get("nominals")
                .map_or(0, |c| c.dob_not_known);
            if dob_not_known != expect.dob_not_known {
                fault(format!(
                    "nominals with the not-known date of birth: expected {}, got {dob_not_known}",
                    expect.dob_not_known
                ));
            }
            let quarantine: Vec<String> = ingested
                .quarantine
                .iter()
                .map(|q| format!("{} row {}: {}", q.table, q.row, q.reason))
                .collect();
            if quarantine != expect.quarantine {
                fault(format!(
                    "quarantine\n    expected {:#?}\n    got {quarantine:#?}",
                    expect.quarantine
                ));
            }
            if let Some(wanted) = &expect.raw {
                let raw: Vec<&str> = ingested.quarantine.iter().map(|q| q.raw.as_str()).collect();
                if raw != *wanted {
                    fault(format!(
                        "quarantine raw\n    expected {wanted:#?}\n    got {raw:#?}"
                    ));
                }
            }
            for problem in reconciliation(&ingested) {
                fault(format!("reconciliation: {problem}"));
            }
            let extract = &ingested.extract;
            let events: Vec<String> = extract
                .events
                .iter()
                .map(|e| {
                    format!(
                        "{}|{}|{}|{}|{}|{}",
                        e.id.as_str(),
                        e.source,
                        e.force,
                        e.occurred_on,
                        e.offence,
                        e.text
                    )
                })
                .collect();
            let nominals: Vec<String> = extract
                .nominals
                .iter()
                .map(|n| {
                    let dob = n.dob.map(|d| d.to_string()).unwrap_or_default();
                    let pnc = n.pnc_id.clone().unwrap_or_default();
                    let address = n.address.clone().unwrap_or_default();
                    format!(
                        "{}|{}|{}|{dob}|{}|{}|{}|{}|{pnc}|{address}",
                        n.id.as_str(),
                        n.forename,
                        n.surname,
                        n.sex,
                        n.ethnicity,
                        n.postcode,
                        n.force
                    )
                })
                .collect();
            let links: Vec<String> = extract
                .links
                .iter()
                .map(|l| format!("{}|{}|{}", l.event.as_str(), l.nominal.as_str(), l.role))
                .collect();
            for (table, wanted, got) in [
                ("events", &expect.events, events),
                ("nominals", &expect.nominals, nominals),
                ("links", &expect.links, links),
            ] {
                if let Some(wanted) = wanted
                    && *wanted != got
                {
                    fault(format!(
                        "accepted {table}\n    expected {wanted:#?}\n    got {got:#?}"
                    ));
                }
            }
            Some(ingested)
        }
    };
    (faults, ingested)
}

#[test]
fn ingest_case_matrix() {
    let root = common::repo().join("tests/cases/ingest");
    let cases = common::sorted_dirs(&root);
    assert!(
        cases.len() >= 20,
        "expected the ingest bad-input matrix, found {} cases",
        cases.len()
    );
    let failures: Vec<String> = cases.iter().flat_map(|case| check(case).0).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const EVENTS: &str = "event_id,source,force,occurred_on,offence,text\n\
                      E1,crime,Met,2024-01-02,theft,Phone taken from a bag\n\
                      E2,intelligence,Met,2024-01-03,,Seen with N1 near the station\n";
const NOMINALS: &str = "nominal_id,forename,surname,dob,sex,ethnicity,postcode,force\n\
                        N1,Alex,Smith,1990-05-06,M,W1,AB1 2CD,Met\n\
                        N2,Sam,Jones,,F,A1,EF3 4GH,Met\n";
const LINKS: &str = "event_id,nominal_id,role\nE1,N1,suspect\nE2,N2,witness\n";

/// Writes a generated case: the given tables, the usual ones for any not given (`None` leaves a table out), and
/// its `expect.yaml`.
fn generated(tables: &[(&str, Option<Vec<u8>>)], expect: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let given = |name: &str| {
        tables
            .iter()
            .any(|(file, _)| file.split('.').next() == Some(name))
    };
    for (name, usual) in [("events", EVENTS), ("nominals", NOMINALS), ("links", LINKS)] {
        if !given(name) {
            std::fs::write(dir.path().join(format!("{name}.csv")), usual).unwrap();
        }
    }
    for (file, bytes) in tables {
        if let Some(bytes) = bytes {
            std::fs::write(dir.path().join(file), bytes).unwrap();
        }
    }
    std::fs::write(dir.path().join("expect.yaml"), expect).unwrap();
    dir
}

/// Checks a generated case and hands back its ingest for further assertions.
fn holds(dir: &tempfile::TempDir) -> Option<Ingested> {
    let (faults, ingested) = check(dir.path());
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    ingested
}

/// The frame as Parquet bytes, written by the same polars that reads it.
fn parquet(mut frame: DataFrame) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(&mut frame).unwrap();
    Some(bytes)
}

/// An events frame in the contract's columns, with `occurred_on` as given.
fn events_frame(occurred_on: Column) -> DataFrame {
    DataFrame::new(
        2,
        vec![
            Column::new("event_id".into(), ["E1", "E2"]),
            Column::new("source".into(), ["crime", "intelligence"]),
            Column::new("force".into(), ["Met", "Met"]),
            occurred_on,
            Column::new("offence".into(), ["theft", ""]),
            Column::new(
                "text".into(),
                ["Phone taken from a bag", "Seen with N1 near the station"],
            ),
        ],
    )
    .unwrap()
}

#[test]
fn byte_order_mark_does_not_break_the_first_column() {
    let events = format!("\u{feff}{EVENTS}");
    // Excel's "CSV UTF-8" with quoted headers: the mark sits before the opening quote.
    let nominals = "\u{feff}\"nominal_id\",\"forename\",\"surname\",\"dob\",\"sex\",\"ethnicity\",\"postcode\",\"force\"\n\
                    N1,Alex,Smith,1990-05-06,M,W1,AB1 2CD,Met\nN2,Sam,Jones,,F,A1,EF3 4GH,Met\n";
    let dir = generated(
        &[
            ("events.csv", Some(events.into_bytes())),
            ("nominals.csv", Some(nominals.as_bytes().to_vec())),
        ],
        "note: a UTF-8 byte-order mark before the header is not part of the first column's name\n\
         counts: {events: [2, 2, 0], nominals: [2, 2, 0], links: [2, 2, 0]}\n\
         events:\n\
         - \"E1|crime|Met|2024-01-02|theft|Phone taken from a bag\"\n\
         - \"E2|intelligence|Met|2024-01-03||Seen with N1 near the station\"\n",
    );
    let ingested = holds(&dir).unwrap();
    assert_eq!(ingested.extract.nominals[0].id.as_str(), "N1");
}

#[test]
fn windows_line_endings_leave_no_carriage_returns() {
    let crlf = |text: &str| Some(text.replace('\n', "\r\n").into_bytes());
    let events = "event_id,source,force,occurred_on,offence,text\n\
                  E1,crime,Met,2024-01-02,theft,Phone taken from a bag\n\
                  E2,intelligence,Met,2024-01-03,,\"Two lines:\nsecond line\"\n\
                  E3,crime,Met\n";
    let dir = generated(
        &[
            ("events.csv", crlf(events)),
            ("nominals.csv", crlf(NOMINALS)),
            ("links.csv", crlf(LINKS)),
        ],
        "note: CRLF rows read as LF rows; the last column keeps no \\r; a quoted multi-line value keeps its own line break; a short row after it is named by its own line and copied without its \\r\n\
         counts: {events: [3, 2, 1], nominals: [2, 2, 0], links: [2, 2, 0]}\n\
         quarantine: [\"events row 3: row has 3 fields but the header has 6 (line 5)\"]\n\
         raw: [\"E3,crime,Met\"]\n\
         events:\n\
         - \"E1|crime|Met|2024-01-02|theft|Phone taken from a bag\"\n\
         - \"E2|intelligence|Met|2024-01-03||Two lines:\\r\\nsecond line\"\n\
         nominals:\n\
         - \"N1|Alex|Smith|1990-05-06|M|W1|AB1 2CD|Met||\"\n\
         - \"N2|Sam|Jones||F|A1|EF3 4GH|Met||\"\n\
         links: [\"E1|N1|suspect\", \"E2|N2|witness\"]\n",
    );
    holds(&dir);
}

#[test]
fn invalid_utf8_is_repaired_and_counted_never_dropped() {
    let mut events =
        b"event_id,source,force,occurred_on,offence,text\nE1,crime,Met,2024-01-02,theft,Caf"
            .to_vec();
    events.extend_from_slice(b"\xe9 \xff!\nE2,intelligence,Met,2024-01-03,,fine\nE3,crime,Met,not a date,theft,bad \xc3\n");
    let mut nominals = b"nominal_id,forename,surname,dob,sex,ethnicity,postcode,force\nN1,Alex,Smith,1990-05-06,M,W1,AB1 2CD,Met\nN2,Sam,Jon".to_vec();
    nominals.extend_from_slice(b"\xe8s,,F,A1,EF3 4GH,Met\n");
    let dir = generated(
        &[
            ("events.csv", Some(events)),
            ("nominals.csv", Some(nominals)),
        ],
        "note: invalid bytes (Latin-1 \\xe9, a stray \\xff, a cut-off \\xc3) become U+FFFD; the row is kept and counted as repaired, in any table and any column; a row quarantined for another reason is not counted as repaired\n\
         counts: {events: [3, 2, 1, 1], nominals: [2, 2, 0, 1], links: [2, 2, 0]}\n\
         quarantine: [\"events row 3: unparseable occurred_on `not a date` (expected YYYY-MM-DD)\"]\n\
         events:\n\
         - \"E1|crime|Met|2024-01-02|theft|Caf\u{fffd} \u{fffd}!\"\n\
         - \"E2|intelligence|Met|2024-01-03||fine\"\n\
         nominals:\n\
         - \"N1|Alex|Smith|1990-05-06|M|W1|AB1 2CD|Met||\"\n\
         - \"N2|Sam|Jon\u{fffd}s||F|A1|EF3 4GH|Met||\"\n",
    );
    let ingested = holds(&dir).unwrap();
    assert_eq!(
        ingested.quarantine[0].raw,
        "E3,crime,Met,not a date,theft,bad \u{fffd}"
    );
}

#[test]
fn ten_megabyte_text_field_is_kept_whole() {
    const SIZE: usize = 10 * 1024 * 1024;
    // Quoted, with commas, doubled quotes and line breaks inside, so the splitter must honour quoting across it.
    let chunk = "He said \"\"go\"\", then left,\nand came back. ";
    // Each chunk reads back two bytes shorter (`""` is one quote).
    let body = chunk.repeat(SIZE / (chunk.len() - 2) + 1);
    let events = format!(
        "event_id,source,force,occurred_on,offence,text\n\
         E1,crime,Met,2024-01-02,theft,\"{body}\"\n\
         E2,intelligence,Met,2024-01-03,,short\n\
         E3,crime,Met,2024-13-45,theft,\"{body}\"\n"
    );
    let links = "event_id,nominal_id,role\nE1,N1,suspect\nE3,N2,witness\n";
    let dir = generated(
        &[
            ("events.csv", Some(events.into_bytes())),
            ("links.csv", Some(links.as_bytes().to_vec())),
        ],
        "note: a 10 MB quoted field with commas, doubled quotes and line breaks is one value, kept whole; when its row is quarantined, the raw copy is shortened\n\
         counts: {events: [3, 2, 1], nominals: [2, 2, 0], links: [2, 1, 1]}\n\
         quarantine:\n\
         - \"events row 3: unparseable occurred_on `2024-13-45` (expected YYYY-MM-DD)\"\n\
         - \"links row 2: links to a quarantined event `E3` (events row 3)\"\n",
    );
    let ingested = holds(&dir).unwrap();
    let expected = body.replace("\"\"", "\"");
    assert!(expected.len() >= SIZE);
    assert_eq!(ingested.extract.events[0].text.len(), expected.len());
    assert!(
        ingested.extract.events[0].text == expected,
        "the 10 MB text was altered"
    );
    assert_eq!(ingested.extract.events[1].text, "short");
    assert!(
        ingested.quarantine[0].raw.len() < 2_000,
        "the raw copy of a quarantined row is not shortened"
    );
}

#[test]
fn parquet_with_a_float_date_is_an_error_naming_file_and_column() {
    let frame = events_frame(Column::new(
        "occurred_on".into(),
        [20240102.0_f64, 20240103.0],
    ));
    let dir = generated(
        &[("events.parquet", parquet(frame))],
        "note: dates must be YYYY-MM-DD text; a float column cannot be read as one without guessing\n\
         error: \"`{dir}/events.parquet`: column `occurred_on` has type f64; expected text\"\n",
    );
    holds(&dir);
}

#[test]
fn parquet_with_numeric_text_is_an_error_but_integer_ids_are_read_as_text() {
    let mut frame = events_frame(Column::new(
        "occurred_on".into(),
        ["2024-01-02", "2024-01-03"],
    ));
    frame
        .replace("text", Column::new("text".into(), [1_i64, 2]))
        .unwrap();
    let dir = generated(
        &[("events.parquet", parquet(frame))],
        "note: only *_id columns may be integers (read as their decimal text); any other non-text column is an error\n\
         error: \"`{dir}/events.parquet`: column `text` has type i64; expected text\"\n",
    );
    holds(&dir);

    let mut frame = events_frame(Column::new(
        "occurred_on".into(),
        ["2024-01-02", "2024-01-03"],
    ));
    frame
        .replace("event_id", Column::new("event_id".into(), [1_i64, 2]))
        .unwrap();
    let links = "event_id,nominal_id,role\n1,N1,suspect\n2,N2,witness\n";
    let dir = generated(
        &[
            ("events.parquet", parquet(frame)),
            ("links.csv", Some(links.as_bytes().to_vec())),
        ],
        "note: integer event ids in Parquet are read as text and match the ids in a CSV links table\n\
         counts: {events: [2, 2, 0], nominals: [2, 2, 0], links: [2, 2, 0]}\n\
         events:\n\
         - \"1|crime|Met|2024-01-02|theft|Phone taken from a bag\"\n\
         - \"2|intelligence|Met|2024-01-03||Seen with N1 near the station\"\n",
    );
    holds(&dir);
}

#[test]
fn parquet_nulls_in_source_or_text_are_quarantined_but_an_empty_text_is_not() {
    let frame = DataFrame::new(
        4,
        vec![
            Column::new("event_id".into(), ["E1", "E2", "E3", "E4"]),
            Column::new(
                "source".into(),
                [Some("crime"), None, Some("crime"), Some("custody")],
            ),
            Column::new("force".into(), ["Met", "Met", "Met", "Met"]),
            Column::new(
                "occurred_on".into(),
                ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"],
            ),
            Column::new("offence".into(), ["theft", "", "theft", ""]),
            Column::new(
                "text".into(),
                [Some("Phone taken from a bag"), Some("x"), None, Some("")],
            ),
        ],
    )
    .unwrap();
    let links = "event_id,nominal_id,role\nE1,N1,suspect\nE4,N2,subject\n";
    let dir = generated(
        &[
            ("events.parquet", parquet(frame)),
            ("links.csv", Some(links.as_bytes().to_vec())),
        ],
        "note: Parquet can say a value is absent (null) rather than empty; a null source is not in the contract's list, and a null text is no narrative at all (an empty string is an event recorded without one, as an empty CSV field is)\n\
         counts: {events: [4, 2, 2], nominals: [2, 2, 0], links: [2, 2, 0]}\n\
         quarantine:\n\
         - \"events row 2: missing source (expected one of crime, intelligence, missing_person, custody)\"\n\
         - \"events row 3: missing text (null; write an empty text for an event with no narrative)\"\n\
         events:\n\
         - \"E1|crime|Met|2024-01-02|theft|Phone taken from a bag\"\n\
         - \"E4|custody|Met|2024-01-05||\"\n",
    );
    holds(&dir);
}

#[test]
fn parquet_missing_a_column_is_an_error_naming_file_and_column() {
    let frame = events_frame(Column::new(
        "occurred_on".into(),
        ["2024-01-02", "2024-01-03"],
    ))
    .drop("offence")
    .unwrap();
    let dir = generated(
        &[("events.parquet", parquet(frame))],
        "note: the column check is the same for Parquet as for CSV\n\
         error: \"`{dir}/events.parquet` is missing required column `offence` (columns found: event_id, source, force, occurred_on, text)\"\n",
    );
    holds(&dir);
}

#[test]
fn truncated_parquet_is_an_error_naming_the_file() {
    let whole = parquet(events_frame(Column::new(
        "occurred_on".into(),
        ["2024-01-02", "2024-01-03"],
    )))
    .unwrap();
    for (cut, why) in [
        (whole.len() / 2, "The file must end with PAR1"),
        (
            6,
            "A Parquet file must contain a header and footer with at least 12 bytes",
        ),
    ] {
        let dir = generated(
            &[("events.parquet", Some(whole[..cut].to_vec()))],
            &format!(
                "note: a Parquet file cut short (here to {cut} of {} bytes) has no footer; nothing is read from it\n\
                 error: \"cannot read `{{dir}}/events.parquet`: parquet: File out of specification: {why}\"\n",
                whole.len()
            ),
        );
        holds(&dir);
    }
}

#[test]
fn parquet_and_csv_for_one_table_is_an_error() {
    let frame = events_frame(Column::new(
        "occurred_on".into(),
        ["2024-01-02", "2024-01-03"],
    ));
    let dir = generated(
        &[
            ("events.parquet", parquet(frame)),
            ("events.csv", Some(EVENTS.as_bytes().to_vec())),
        ],
        "note: with both files we cannot know which is current, so neither is read\n\
         error: \"extract directory `{dir}` has both `events.csv` and `events.parquet`; keep one\"\n",
    );
    holds(&dir);
}

#[test]
fn extract_path_that_is_not_a_directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("events.csv");
    std::fs::write(&file, EVENTS).unwrap();
    let err = read_extract(&file).err().unwrap().to_string();
    assert_eq!(
        err,
        format!(
            "cannot read `{}`: not a directory (give the directory that holds events.csv and the other tables)",
            file.display()
        )
    );
    let missing = dir.path().join("no_such_dir");
    let err = read_extract(&missing).err().unwrap().to_string();
    assert_eq!(
        err,
        format!("cannot read `{}`: no such directory", missing.display())
    );
}
