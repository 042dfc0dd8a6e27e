//! The people side of the commands: the `people`, `persons` and `merges` tables and the chart written by `run`,
//! and `ndas resolve`, which deduplicates one nominals table on its own with the same code.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::json;

use super::{Analysis, AppError, int, text};
use crate::chart::{self, ChartPoint};
use crate::evaluate::Rate;
use crate::extract::{Extract, Nominal};
use crate::ingest;
use crate::output::{self, ColumnData, Format, OutputTable};
use crate::people::ScoredPerson;
use crate::policy::Policy;
use crate::resolve::{self, Field, Resolution};

/// `people`, `persons` and `merges` for a run.
pub fn tables(policy: &Policy, extract: &Extract, analysis: &Analysis) -> Vec<OutputTable> {
    let mut people: Vec<&ScoredPerson> = analysis.people.iter().collect();
    people.sort_by(|a, b| a.id.cmp(&b.id));
    let mut columns = vec![
        ("person_id".into(), text(&people, |p| p.id.to_string())),
        (
            "nominal_ids".into(),
            text(&people, |p| {
                p.nominal_ids(extract)
                    .iter()
                    .map(|n| n.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            }),
        ),
        (
            "involvement".into(),
            int(&people, |p| p.score("involvement")),
        ),
        ("hierarchy".into(), int(&people, |p| p.score("hierarchy"))),
        (
            "quadrant".into(),
            text(&people, |p| p.quadrant.as_str().to_string()),
        ),
        (
            "flagged_events".into(),
            int(&people, |p| p.flagged_events.len() as i64),
        ),
        (
            "event_ids".into(),
            text(&people, |p| {
                p.flagged_events
                    .iter()
                    .filter_map(|&e| extract.events.get(e).map(|ev| ev.id.as_str()))
                    .collect::<Vec<_>>()
                    .join("|")
            }),
        ),
    ];
    for name in policy.manifest.scores.keys() {
        if name != "involvement" && name != "hierarchy" {
            columns.push((
                name.clone(),
                int(&people, |p| p.scores.get(name).map_or(0, |s| s.value)),
            ));
        }
        columns.push((
            format!("{name}_raw"),
            int(&people, |p| p.scores.get(name).map_or(0, |s| s.raw)),
        ));
    }
    columns.push((
        "rule_errors".into(),
        int(&people, |p| p.rule_errors() as i64),
    ));
    vec![
        OutputTable {
            name: "people".into(),
            columns,
        },
        persons_table(&extract.nominals, &analysis.resolution),
        merges_table(&extract.nominals, &analysis.resolution),
        merge_review_table(&extract.nominals, &analysis.resolution),
    ]
}

/// `persons`: every nominal record with the person it belongs to.
pub fn persons_table(nominals: &[Nominal], resolution: &Resolution) -> OutputTable {
    let mut rows: Vec<(&str, &str)> = nominals
        .iter()
        .zip(&resolution.person_of)
        .filter_map(|(n, &p)| Some((n.id.as_str(), resolution.persons.get(p)?.id.as_str())))
        .collect();
    rows.sort_unstable();
    OutputTable {
        name: "persons".into(),
        columns: vec![
            ("nominal_id".into(), text(&rows, |r| r.0.to_string())),
            ("person_id".into(), text(&rows, |r| r.1.to_string())),
        ],
    }
}

/// `merges`: every linked pair of records with the evidence for it.
pub fn merges_table(nominals: &[Nominal], resolution: &Resolution) -> OutputTable {
    let pairs: Vec<(&resolve::Merge, Option<String>)> =
        resolution.merges.iter().map(|m| (m, None)).collect();
    pair_table("merges", nominals, resolution, &pairs)
}

/// `merge_review`: pairs left apart that a person should look at (near misses, vetoes, joins held apart), each
/// with the evidence and why it was not merged: the clerical-review queue of record linkage.
pub fn merge_review_table(nominals: &[Nominal], resolution: &Resolution) -> OutputTable {
    let pairs: Vec<(&resolve::Merge, Option<String>)> = resolution
        .reviews
        .iter()
        .map(|r| (&r.merge, Some(r.reason.explain())))
        .collect();
    pair_table("merge_review", nominals, resolution, &pairs)
}

/// One row of a pair table.
struct PairRow<'a> {
    id_a: String,
    id_b: String,
    record_a: usize,
    record_b: usize,
    merge: &'a resolve::Merge,
    reason: Option<&'a str>,
}

/// A table of record pairs: ids, persons, weight, probability, the level of every field and the evidence; with
/// a `reason` column when the pairs carry one. Rows sorted by nominal ids.
fn pair_table(
    name: &str,
    nominals: &[Nominal],
    resolution: &Resolution,
    pairs: &[(&resolve::Merge, Option<String>)],
) -> OutputTable {
    let id = |i: usize| {
        nominals
            .get(i)
            .map(|n| n.id.to_string())
            .unwrap_or_default()
    };
    let person = |record: usize| {
        resolution
            .person_of
            .get(record)
            .and_then(|&p| resolution.persons.get(p))
            .map(|p| p.id.to_string())
            .unwrap_or_default()
    };
    // Record a before record b by nominal id.
    let mut rows: Vec<PairRow> = pairs
        .iter()
        .map(|&(merge, ref reason)| {
            let (a, b) = (id(merge.a), id(merge.b));
            let (id_a, id_b, record_a, record_b) = if a <= b {
                (a, b, merge.a, merge.b)
            } else {
                (b, a, merge.b, merge.a)
            };
            PairRow {
                id_a,
                id_b,
                record_a,
                record_b,
                merge,
                reason: reason.as_deref(),
            }
        })
        .collect();
    rows.sort_by(|x, y| (&x.id_a, &x.id_b).cmp(&(&y.id_a, &y.id_b)));
    let merged = name == "merges";
    let mut columns = vec![
        ("nominal_a".into(), text(&rows, |r| r.id_a.clone())),
        ("nominal_b".into(), text(&rows, |r| r.id_b.clone())),
    ];
    if merged {
        columns.push(("person_id".into(), text(&rows, |r| person(r.record_a))));
    } else {
        columns.push(("person_a".into(), text(&rows, |r| person(r.record_a))));
        columns.push(("person_b".into(), text(&rows, |r| person(r.record_b))));
    }
    columns.push((
        "weight".into(),
        ColumnData::Float(
            rows.iter()
                .map(|r| (r.merge.comparison.weight * 100.0).round() / 100.0)
                .collect(),
        ),
    ));
    columns.push((
        "probability".into(),
        ColumnData::Float(
            rows.iter()
                .map(|r| {
                    let p = r
                        .merge
                        .comparison
                        .probability(resolution.stats.prior_log2_odds);
                    (p * 10_000.0).floor() / 10_000.0
                })
                .collect(),
        ),
    ));
    for field in Field::ALL {
        columns.push((
            field.as_str().to_string(),
            text(&rows, |r| {
                r.merge.comparison.level(field).as_str().to_string()
            }),
        ));
    }
    columns.push((
        "names_swapped".into(),
        ColumnData::Bool(
            rows.iter()
                .map(|r| r.merge.comparison.swapped_names)
                .collect(),
        ),
    ));
    if !merged {
        columns.push((
            "reason".into(),
            text(&rows, |r| r.reason.unwrap_or_default().to_string()),
        ));
    }
    columns.push((
        "evidence".into(),
        text(&rows, |r| r.merge.comparison.explain()),
    ));
    OutputTable {
        name: name.into(),
        columns,
    }
}

/// The force-wide chart of everyone scored.
pub fn chart_svg(policy: &Policy, people: &[ScoredPerson]) -> String {
    let mut points: Vec<ChartPoint> = people
        .iter()
        .map(|p| ChartPoint {
            id: p.id.to_string(),
            hierarchy: p.score("hierarchy"),
            involvement: p.score("involvement"),
            quadrant: p.quadrant,
        })
        .collect();
    points.sort_by(|a, b| a.id.cmp(&b.id));
    chart::hierarchy_chart(
        &format!(
            "Organised exploitation: hierarchy and involvement ({})",
            policy.manifest.name
        ),
        &points,
        policy.manifest.people.involvement_split,
    )
}

/// Options of `ndas resolve`.
#[derive(Clone, Debug)]
pub struct ResolveOptions {
    pub nominals: PathBuf,
    pub out: PathBuf,
    pub threshold: f64,
    /// `truth/people.csv` beside the nominals file, if any, to report pairwise precision and recall against.
    pub truth: Option<PathBuf>,
}

/// Pairwise precision and recall of a resolution against a truth table of `nominal_id,person_key`.
pub struct PairwiseQuality {
    pub precision: Option<Rate>,
    pub recall: Option<Rate>,
    pub f1: Option<f64>,
}

impl PairwiseQuality {
    pub fn of(counts: resolve::PairwiseCounts) -> Self {
        let rate = |s: u64, t: u64| Rate::of(s as usize, t as usize);
        let precision = rate(counts.correct_pairs, counts.predicted_pairs);
        let recall = rate(counts.correct_pairs, counts.true_pairs);
        let f1 = match (&precision, &recall) {
            (Some(p), Some(r)) if p.value + r.value > 0.0 => {
                Some(2.0 * p.value * r.value / (p.value + r.value))
            }
            _ => None,
        };
        Self {
            precision,
            recall,
            f1,
        }
    }

    pub fn report(&self) -> String {
        let mut out = String::new();
        if let Some(p) = &self.precision {
            out.push_str(&format!(
                "  pairwise precision {p}: of the record pairs merged, this share belong to one person\n"
            ));
        }
        if let Some(r) = &self.recall {
            out.push_str(&format!(
                "  pairwise recall    {r}: of the record pairs that belong to one person, this share were merged\n"
            ));
        }
        if let Some(f1) = self.f1 {
            out.push_str(&format!("  pairwise F1        {f1:.3}\n"));
        }
        out
    }
}

/// Reads `truth/people.csv` (nominal_id -> person_key) from an extract directory.
pub fn read_person_truth(dir: &Path) -> Result<HashMap<String, String>, AppError> {
    let rows = output::read_table(&dir.join("truth"), "people")?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some((r.get("nominal_id")?.clone(), r.get("person_key")?.clone())))
        .collect())
}

/// Pairwise quality of a resolution of `nominals` against truth keyed by nominal id.
pub fn pairwise_quality(
    nominals: &[Nominal],
    resolution: &Resolution,
    truth: &HashMap<String, String>,
) -> PairwiseQuality {
    let keys: Vec<Option<&str>> = nominals
        .iter()
        .map(|n| truth.get(n.id.as_str()).map(String::as_str))
        .collect();
    PairwiseQuality::of(resolve::pairwise_counts(&resolution.person_of, &keys))
}

/// `ndas resolve`: deduplicates one nominals table; writes persons.csv, merges.csv, merge_review.csv,
/// quarantine.csv and resolve.json; returns the report to print.
pub fn resolve_file(options: &ResolveOptions) -> Result<String, AppError> {
    if !(options.threshold > 0.0 && options.threshold <= 1.0) {
        return Err(AppError::Usage(format!(
            "--threshold is a probability: give a number above 0 and at most 1, not {}",
            options.threshold
        )));
    }
    let started = Instant::now();
    let file = ingest::read_nominals(&options.nominals)?;
    let read_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let resolution = resolve::resolve_nominals(&file.nominals, options.threshold);
    let resolve_seconds = started.elapsed().as_secs_f64();
    output::ensure_dir(&options.out)?;
    let mut written = Vec::new();
    for table in [
        persons_table(&file.nominals, &resolution),
        merges_table(&file.nominals, &resolution),
        merge_review_table(&file.nominals, &resolution),
    ] {
        written.push(output::write_table(&options.out, &table, Format::Csv)?);
    }
    let quarantine = OutputTable {
        name: "quarantine".into(),
        columns: vec![
            ("table".into(), text(&file.quarantine, |q| q.table.clone())),
            ("row".into(), int(&file.quarantine, |q| q.row as i64)),
            (
                "reason".into(),
                text(&file.quarantine, |q| q.reason.clone()),
            ),
            ("raw".into(), text(&file.quarantine, |q| q.raw.clone())),
        ],
    };
    written.push(output::write_table(&options.out, &quarantine, Format::Csv)?);

    let stats = &resolution.stats;
    let mut report = format!(
        "{} nominal records read, {} accepted, {} quarantined; {} persons ({} records merged into others) from {} linked pairs.\n",
        file.counts.read,
        file.counts.accepted,
        file.counts.quarantined,
        stats.persons,
        stats.records.saturating_sub(stats.persons),
        stats.matched_pairs
    );
    if file.counts.dob_not_known > 0 {
        report.push_str(&format!(
            "{} records give the date of birth {}, the default of systems that do not know it; they are read as having none.\n",
            file.counts.dob_not_known,
            not_known_dob_text()
        ));
    }
    report.push_str(&format!(
        "Compared {} candidate pairs from {} blocks ({} blocks over {} records skipped as too common); merged pairs with match probability at least {} and no plain disagreement on a name, the date of birth or the PNC id, and every pair sharing a PNC id (prior odds 1 in {:.0} for two random records, re-estimated from the candidates; the deterministic rules alone said 1 in {:.0}); {:.1} s (read {:.1} s).\n",
        stats.candidate_pairs,
        stats.blocks,
        stats.blocks_skipped,
        resolve::MAX_BLOCK,
        options.threshold,
        (-stats.prior_log2_odds).exp2(),
        (-stats.prior_log2_odds_from_rules).exp2(),
        resolve_seconds + read_seconds,
        read_seconds
    ));
    report.push_str(&format!(
        "{} pairs left apart for review in merge_review.csv (probability at least {}, vetoed, or {} held apart because joining them would give one person conflicting dates of birth, PNC ids, generations (Jnr and Snr) or forenames).\n",
        resolution.reviews.len(),
        resolve::REVIEW_FLOOR.min(options.threshold),
        stats.held_apart
    ));
    let mut quality = serde_json::Value::Null;
    if let Some(truth_dir) = &options.truth {
        let truth = read_person_truth(truth_dir)?;
        let q = pairwise_quality(&file.nominals, &resolution, &truth);
        report.push_str(&format!(
            "Against the truth in {} (people):\n",
            truth_dir.join("truth").display()
        ));
        report.push_str(&q.report());
        quality = json!({
            "pairwise_precision": q.precision.as_ref().map(|r| r.value),
            "pairwise_recall": q.recall.as_ref().map(|r| r.value),
            "pairwise_f1": q.f1,
        });
    }
    let summary = json!({
        "engine_version": crate::ENGINE_VERSION,
        "nominals": options.nominals.display().to_string(),
        "counts": file.counts,
        "match_probability": options.threshold,
        "prior_log2_odds": stats.prior_log2_odds,
        "prior_log2_odds_from_rules": stats.prior_log2_odds_from_rules,
        "m_estimated_from_pnc_pairs": resolution.model.m_pairs,
        "model": resolution.model.table().iter().map(|(f, l, m, u, w)| json!({"field": f.as_str(), "level": l.as_str(), "m": m, "u": u, "weight_bits": w})).collect::<Vec<_>>(),
        "records": stats.records,
        "blocks": stats.blocks,
        "blocks_skipped": stats.blocks_skipped,
        "candidate_pairs": stats.candidate_pairs,
        "matched_pairs": stats.matched_pairs,
        "held_apart": stats.held_apart,
        "review_pairs": resolution.reviews.len(),
        "persons": stats.persons,
        "seconds": {"read": read_seconds, "resolve": resolve_seconds},
        "peak_memory_bytes": super::peak_memory_bytes(),
        "quality": quality,
    });
    output::write_json(&options.out.join("resolve.json"), &summary)?;
    report.push_str(&format!("Outputs: {}\n", options.out.display()));
    Ok(report)
}

/// (nominal id, name, dob) for each record, from the extract when it is still available.
fn record_lines(
    nominal_ids: &[String],
    extract: Option<&Extract>,
) -> Vec<(String, String, String)> {
    nominal_ids
        .iter()
        .map(|id| {
            let nominal = extract.and_then(|x| x.nominals.iter().find(|n| n.id.as_str() == id));
            match nominal {
                Some(n) => (
                    id.clone(),
                    format!("{} {}", n.forename, n.surname),
                    n.dob.map(|d| d.to_string()).unwrap_or_default(),
                ),
                None => (id.clone(), "(extract not available)".into(), String::new()),
            }
        })
        .collect()
}

/// `explain --person` for a person the run resolved but did not score: records, merges and review pairs.
fn explain_unscored_person(
    out: &Path,
    person_id: &str,
    extract: Option<&Extract>,
) -> Result<String, AppError> {
    let nominal_ids: Vec<String> = super::rows_where(out, "persons", &[("person_id", person_id)])?
        .iter()
        .filter_map(|r| r.get("nominal_id").cloned())
        .collect();
    if nominal_ids.is_empty() {
        return Err(AppError::Usage(format!(
            "person `{person_id}` is not in the persons output in `{}`",
            out.display()
        )));
    }
    let merges = super::rows_where(out, "merges", &[("person_id", person_id)])?;
    let mut reviews = super::rows_where(out, "merge_review", &[("person_a", person_id)])?;
    for row in super::rows_where(out, "merge_review", &[("person_b", person_id)])? {
        if !reviews.contains(&row) {
            reviews.push(row);
        }
    }
    Ok(crate::explain::unscored_person(
        person_id,
        &record_lines(&nominal_ids, extract),
        &merges,
        &reviews,
    ))
}

/// `ndas explain --person ID`: both scores as waterfalls, the records and why they were merged, and the flagged
/// events with their matched text (when the extract is available).
pub fn explain_person(
    out: &Path,
    person_id: &str,
    data: Option<&Path>,
) -> Result<String, AppError> {
    let run_json = super::read_run_json(out)?;
    let data_dir = data.map(Path::to_path_buf).or_else(|| {
        run_json
            .get("data_dir")
            .and_then(|d| d.as_str())
            .map(PathBuf::from)
    });
    let extract = data_dir.and_then(|dir| ingest::read_extract(&dir).ok().map(|i| i.extract));
    let Some(row) = super::rows_where(out, "people", &[("person_id", person_id)])?
        .into_iter()
        .next()
    else {
        return explain_unscored_person(out, person_id, extract.as_ref());
    };
    let fired = super::rows_where(
        out,
        "fired",
        &[("subject_kind", "person"), ("subject_id", person_id)],
    )?;
    let nominal_ids: Vec<String> = row
        .get("nominal_ids")
        .map(|n| n.split('|').map(str::to_string).collect())
        .unwrap_or_default();
    let merges = super::rows_where(out, "merges", &[("person_id", person_id)])?;
    let event_ids: Vec<&str> = row
        .get("event_ids")
        .map(|e| e.split('|').filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    let is = |row: &std::collections::BTreeMap<String, String>, key: &str, value: &str| {
        row.get(key).map(String::as_str) == Some(value)
    };
    let events_rows = output::read_table(out, "events")?;
    let hits_rows = output::read_table(out, "hits")?;
    let records = record_lines(&nominal_ids, extract.as_ref());
    let events: Vec<_> = event_ids
        .iter()
        .filter_map(|id| {
            let row = events_rows.iter().find(|r| is(r, "event_id", id))?.clone();
            let hits = hits_rows
                .iter()
                .filter(|h| is(h, "event_id", id))
                .cloned()
                .collect();
            let event = extract
                .as_ref()
                .and_then(|x| x.events.iter().find(|e| e.id.as_str() == *id).cloned());
            Some((row, hits, event))
        })
        .collect();
    let ranges: std::collections::BTreeMap<String, (i64, i64)> = run_json
        .get("score_ranges")
        .and_then(|r| r.as_object())
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| {
                    Some((
                        k.clone(),
                        (v.get("min")?.as_i64()?, v.get("max")?.as_i64()?),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let policy_version = run_json
        .get("policy_version")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    Ok(crate::explain::person(&crate::explain::PersonView {
        row: &row,
        fired: &fired,
        ranges: &ranges,
        records: &records,
        merges: &merges,
        events: &events,
        policy_version: &policy_version,
    }))
}

/// How well the people stage did against a synthetic extract's `truth/people.csv`: pairwise quality of nominal
/// matching, and how the hierarchy separates planted management from workforce. Returns the report lines.
pub fn evaluate_people(out: &Path, data: &Path) -> Result<String, AppError> {
    let truth = output::read_table(&data.join("truth"), "people")?;
    let persons = output::read_table(out, "persons")?;
    let people = output::read_table(out, "people")?;
    let field = |row: &std::collections::BTreeMap<String, String>, key: &str| {
        row.get(key).cloned().unwrap_or_default()
    };
    let truth_key: HashMap<String, String> = truth
        .iter()
        .map(|r| (field(r, "nominal_id"), field(r, "person_key")))
        .collect();
    let truth_role: HashMap<String, String> = truth
        .iter()
        .map(|r| (field(r, "nominal_id"), field(r, "role")))
        .collect();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut person_of = Vec::with_capacity(persons.len());
    let mut keys = Vec::with_capacity(persons.len());
    for row in &persons {
        let next = index.len();
        person_of.push(*index.entry(field(row, "person_id")).or_insert(next));
        keys.push(truth_key.get(&field(row, "nominal_id")).map(String::as_str));
    }
    let quality = PairwiseQuality::of(resolve::pairwise_counts(&person_of, &keys));
    let mut report = String::from("Nominal matching against the synthetic truth:\n");
    report.push_str(&quality.report());

    // Hierarchy by planted role: each scored person takes the planted role of their records (management over
    // facilitator over workforce where merged records disagree).
    let rank = |r: &str| match r {
        "management" => 3,
        "facilitator" => 2,
        "workforce" => 1,
        _ => 0,
    };
    let mut by_role: std::collections::BTreeMap<&str, Vec<i64>> = Default::default();
    for row in &people {
        let role = field(row, "nominal_ids")
            .split('|')
            .filter_map(|n| truth_role.get(n).map(String::as_str))
            .max_by_key(|r| rank(r))
            .unwrap_or("none");
        let role = match role {
            "management" => "management",
            "facilitator" => "facilitator",
            "workforce" => "workforce",
            _ => "none",
        };
        let hierarchy = field(row, "hierarchy").parse::<i64>().unwrap_or(0);
        by_role.entry(role).or_default().push(hierarchy);
    }
    report.push_str("Hierarchy score of scored people by their planted role (truth/people.csv):\n");
    for (role, scores) in &by_role {
        let n = scores.len();
        let mean = scores.iter().sum::<i64>() as f64 / n.max(1) as f64;
        let below = scores.iter().filter(|h| **h < 0).count();
        let above = scores.iter().filter(|h| **h > 0).count();
        report.push_str(&format!(
            "  {role:<12} {n:>5} people, mean {mean:+.2}; {below} on the workforce side, {above} on the management side\n"
        ));
    }
    if let (Some(management), Some(workforce)) =
        (by_role.get("management"), by_role.get("workforce"))
        && let Some(auc) = crate::evaluate::separation(management, workforce)
    {
        report.push_str(&format!(
            "  separation: a planted manager scores above a planted workforce member {:.1}% of the time (AUC {auc:.3}; ties count half)\n",
            100.0 * auc
        ));
    }
    Ok(report)
}

/// [`ingest::DOB_NOT_KNOWN`] as the extract writes a date.
fn not_known_dob_text() -> String {
    let (year, month, day) = ingest::DOB_NOT_KNOWN;
    format!("{year}-{month:02}-{day:02}")
}
