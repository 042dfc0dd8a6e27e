//! The rule lifecycle and audit commands: the ledger entry every run appends, `validate`, `audit verify`,
//! `history`, `diff` and `watch`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{AppError, PolicyOrigin, RunOptions, RunSummary, analyse, read_policy_files};
use crate::evaluate::{self, DetectorRow, ValidationEvent};
use crate::history::{self, VersionInfo};
use crate::ingest::{self, Ingested};
use crate::output::{self, ColumnData, Format, OutputTable};
use crate::policy::{self, Policy, PolicyFiles};
use crate::store::{self, Store};
use crate::{ENGINE_VERSION, git};

/// What a ledger entry records about one run.
pub struct Record<'a> {
    pub command: &'a str,
    pub policy: &'a Policy,
    pub files: &'a PolicyFiles,
    pub ingested: &'a Ingested,
    pub outputs: &'a [PathBuf],
    /// Where the outputs will be read from when they were written elsewhere first: (written in, moved to).
    /// `watch` writes into a staging folder and then puts it in place of OUT; the ledger names OUT.
    pub moved: Option<(&'a Path, &'a Path)>,
    pub counts: Value,
    pub verbose_data: bool,
    pub data: &'a Path,
}

fn absolute(path: &Path) -> String {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Keeps the policy version in the store and appends the run to the ledger. Paths of outputs are absolute so
/// `audit verify` can re-hash them from anywhere. Without `verbose_data` the entry holds no path of the extract
/// (a folder name may name a person or an operation) and no quarantine reasons (they quote rows).
pub fn record(store: &Store, record: Record<'_>) -> Result<Value, AppError> {
    store.keep_policy(&record.policy.version, record.files)?;
    let mut outputs = Vec::new();
    for path in record.outputs {
        let shown = record
            .moved
            .and_then(|(from, to)| path.strip_prefix(from).ok().map(|rest| to.join(rest)))
            .unwrap_or_else(|| path.clone());
        outputs.push(json!({"path": absolute(&shown), "sha256": output::hash_file(path)?}));
    }
    let now = chrono::Utc::now();
    let inputs: Vec<Value> = record
        .ingested
        .inputs
        .iter()
        .map(|i| json!({"file": Path::new(&i.path).file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(), "sha256": i.sha256, "bytes": i.bytes}))
        .collect();
    let run_id = format!(
        "RUN-{}-{}",
        now.format("%Y%m%dT%H%M%S"),
        store::sha256_hex(
            format!(
                "{}{}{:?}",
                now.to_rfc3339(),
                record.policy.full_hash,
                record.outputs
            )
            .as_bytes()
        )
        .get(..8)
        .unwrap_or("")
    );
    let mut entry = json!({
        "run_id": run_id,
        "time": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "command": record.command,
        "engine_version": ENGINE_VERSION,
        "use_case": record.policy.use_case,
        "policy_version": record.policy.version,
        "policy_hash": record.policy.full_hash,
        "inputs": inputs,
        "outputs": outputs,
        "counts": record.counts,
        "tables": record.ingested.counts,
        "synthetic": record.ingested.synthetic,
        "data_dir_sha256": store::sha256_hex(absolute(record.data).as_bytes()),
    });
    if record.verbose_data
        && let Some(map) = entry.as_object_mut()
    {
        map.insert("data_dir".into(), json!(absolute(record.data)));
        map.insert(
            "quarantine".into(),
            json!(
                record
                    .ingested
                    .quarantine
                    .iter()
                    .map(|q| json!({"table": q.table, "row": q.row, "reason": q.reason}))
                    .collect::<Vec<_>>()
            ),
        );
    }
    Ok(store.append(entry)?)
}

/// `ndas audit verify`: checks the ledger's chain and the outputs it names. Returns the report and whether all
/// is intact.
pub fn audit_verify(ledger: &Path) -> Result<(String, bool), AppError> {
    let (entries, findings) = store::verify_file(ledger)?;
    if findings.is_empty() {
        return Ok((
            format!(
                "ledger intact: {entries} {}, each chained to the one before, and every output named by the latest entry for it unchanged ({}).\n",
                if entries == 1 { "entry" } else { "entries" },
                ledger.display()
            ),
            true,
        ));
    }
    let mut report = format!(
        "ledger NOT intact ({}): {} problem(s); the first:\n  {}\n",
        ledger.display(),
        findings.len(),
        findings
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    );
    if findings.len() > 1 {
        report.push_str("All:\n");
        for f in &findings {
            report.push_str(&format!("  {f}\n"));
        }
    }
    Ok((report, false))
}

/// A labels file as read: event id -> organised exploitation, and what happened to every row, so none is dropped
/// silently. `rows == by_event.len() + without_id + repeated`.
#[derive(Debug, Default)]
pub struct Labels {
    pub by_event: HashMap<String, bool>,
    /// Data rows in the file.
    pub rows: usize,
    /// Rows with an empty event id (nothing to match them to).
    pub without_id: usize,
    /// Rows repeating an earlier row's event with the same meaning (`oe` and `true` agree).
    pub repeated: usize,
}

/// Reads labels as event id -> organised exploitation. Accepts `oe`/`not_oe` (and `true`/`false`, `1`/`0`),
/// and the synthetic truth's labels (any label but `none` is organised exploitation). Two rows giving one event
/// different labels are an error naming both: either could be the mistake, and keeping one would be a guess.
pub fn read_labels(path: &Path) -> Result<Labels, AppError> {
    let frame = ingest::read_frame(path)?;
    let column = |name: &str| -> Result<Vec<String>, AppError> {
        let c = frame.column(name).map_err(|_| {
            AppError::Usage(format!(
                "`{}` has no `{name}` column (expected event_id,label)",
                path.display()
            ))
        })?;
        let c = c
            .cast(&polars::prelude::DataType::String)
            .map_err(|e| AppError::Usage(format!("`{}`: {e}", path.display())))?;
        let strings = c
            .str()
            .map_err(|e| AppError::Usage(format!("`{}`: {e}", path.display())))?;
        Ok(strings
            .iter()
            .map(|v| v.unwrap_or("").trim().to_string())
            .collect())
    };
    let (ids, labels) = (column("event_id")?, column("label")?);
    let mut out = Labels {
        rows: ids.len(),
        ..Labels::default()
    };
    // Event id -> (first row, its label as written), to name both rows of a conflict.
    let mut first: HashMap<String, (usize, String)> = HashMap::new();
    for (row, (id, label)) in ids.into_iter().zip(labels).enumerate() {
        let value = match label.to_ascii_lowercase().as_str() {
            "oe" | "true" | "1" | "yes" => true,
            "not_oe" | "false" | "0" | "no" | "none" => false,
            "sexual_exploitation" | "criminal_exploitation" => true,
            other => {
                return Err(AppError::Usage(format!(
                    "`{}` row {}: label `{other}` is not oe or not_oe",
                    path.display(),
                    row + 1
                )));
            }
        };
        if id.is_empty() {
            out.without_id += 1;
            continue;
        }
        match out.by_event.get(&id) {
            None => {
                first.insert(id.clone(), (row + 1, label));
                out.by_event.insert(id, value);
            }
            Some(&earlier) if earlier == value => out.repeated += 1,
            Some(_) => {
                let (first_row, first_label) = first.get(&id).cloned().unwrap_or_default();
                return Err(AppError::Usage(format!(
                    "`{}` rows {first_row} and {} give event `{id}` different labels (`{first_label}`, \
                     `{label}`); keep one",
                    path.display(),
                    row + 1
                )));
            }
        }
    }
    Ok(out)
}

fn rate_columns(rows: &[DetectorRow], columns: &mut Vec<(String, ColumnData)>) {
    type RateOf = fn(&DetectorRow) -> Option<evaluate::Rate>;
    let measures: [(&str, RateOf); 3] = [
        ("precision", |r| r.confusion.precision()),
        ("recall", |r| r.confusion.recall()),
        ("noise", |r| r.noise()),
    ];
    for (name, of) in measures {
        let values: Vec<Option<evaluate::Rate>> = rows.iter().map(of).collect();
        let round = |v: f64| (v * 10_000.0).round() / 10_000.0;
        columns.push((
            name.to_string(),
            ColumnData::Float(
                values
                    .iter()
                    .map(|r| r.as_ref().map_or(f64::NAN, |r| round(r.value)))
                    .collect(),
            ),
        ));
        columns.push((
            format!("{name}_low"),
            ColumnData::Float(
                values
                    .iter()
                    .map(|r| r.as_ref().map_or(f64::NAN, |r| round(r.low)))
                    .collect(),
            ),
        ));
        columns.push((
            format!("{name}_high"),
            ColumnData::Float(
                values
                    .iter()
                    .map(|r| r.as_ref().map_or(f64::NAN, |r| round(r.high)))
                    .collect(),
            ),
        ));
    }
}

/// `ndas validate`: precision, recall and F1 of a run's outputs against labels, overall, per category and per
/// term. Writes `validation.csv` into the outputs; returns the report.
pub fn validate(out: &Path, labels_path: &Path) -> Result<String, AppError> {
    let read = read_labels(labels_path)?;
    let labels = &read.by_event;
    let events = output::read_table(out, "events")?;
    let hits = output::read_table(out, "hits")?;
    let get = |row: &BTreeMap<String, String>, key: &str| row.get(key).cloned().unwrap_or_default();
    let mut terms_of: HashMap<String, BTreeSet<String>> = HashMap::new();
    for hit in &hits {
        if get(hit, "negated") != "true" {
            terms_of
                .entry(get(hit, "event_id"))
                .or_default()
                .insert(get(hit, "term_id"));
        }
    }
    let rows: Vec<(String, bool, Vec<String>, Vec<String>)> = events
        .iter()
        .map(|e| {
            let id = get(e, "event_id");
            let categories = get(e, "categories")
                .split('|')
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            let terms = terms_of
                .get(&id)
                .map(|t| t.iter().cloned().collect())
                .unwrap_or_default();
            (id, get(e, "flagged") == "true", categories, terms)
        })
        .collect();
    let view: Vec<ValidationEvent> = rows
        .iter()
        .map(|(id, flagged, categories, terms)| ValidationEvent {
            id,
            flagged: *flagged,
            categories: categories.iter().map(String::as_str).collect(),
            terms: terms.iter().map(String::as_str).collect(),
        })
        .collect();
    let unlabelled = rows.iter().filter(|r| !labels.contains_key(&r.0)).count();
    let in_run: std::collections::HashSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let used = labels
        .keys()
        .filter(|id| in_run.contains(id.as_str()))
        .count();
    let results = evaluate::validate(&view, labels);

    let mut columns = vec![
        (
            "level".to_string(),
            ColumnData::Text(results.iter().map(|r| r.level.to_string()).collect()),
        ),
        (
            "name".to_string(),
            ColumnData::Text(results.iter().map(|r| r.name.clone()).collect()),
        ),
        (
            "events".to_string(),
            ColumnData::Int(
                results
                    .iter()
                    .map(|r| r.confusion.flagged() as i64)
                    .collect(),
            ),
        ),
        (
            "true_positive".to_string(),
            ColumnData::Int(
                results
                    .iter()
                    .map(|r| r.confusion.true_positive as i64)
                    .collect(),
            ),
        ),
        (
            "false_positive".to_string(),
            ColumnData::Int(
                results
                    .iter()
                    .map(|r| r.confusion.false_positive as i64)
                    .collect(),
            ),
        ),
        (
            "false_negative".to_string(),
            ColumnData::Int(
                results
                    .iter()
                    .map(|r| r.confusion.false_negative as i64)
                    .collect(),
            ),
        ),
    ];
    rate_columns(&results, &mut columns);
    columns.push((
        "f1".to_string(),
        ColumnData::Float(
            results
                .iter()
                .map(|r| {
                    r.confusion
                        .f1()
                        .map_or(f64::NAN, |f| (f * 10_000.0).round() / 10_000.0)
                })
                .collect(),
        ),
    ));
    output::write_table(
        out,
        &OutputTable {
            name: "validation".into(),
            columns,
        },
        Format::Csv,
    )?;

    let mut report = String::new();
    let against = format!("the labels in {}", labels_path.display());
    if let Some(overall) = results.first() {
        report.push_str(
            &overall
                .confusion
                .sentence_against("organised exploitation", &against),
        );
        report.push('\n');
        if let Some(p) = overall.confusion.precision() {
            report.push_str(&format!("  precision {p}\n"));
        }
        if let Some(r) = overall.confusion.recall() {
            report.push_str(&format!("  recall    {r}\n"));
        }
        if let Some(f1) = overall.confusion.f1() {
            report.push_str(&format!("  F1        {f1:.3}\n"));
        }
    }
    if unlabelled > 0 {
        report.push_str(&format!(
            "({unlabelled} events have no label and are left out.)\n"
        ));
    }
    // Every label row is accounted for: used, or why not.
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    report.push_str(&format!(
        "Labels: {} read from {}: {} used; {}; {}; {}.\n",
        plural(read.rows, "row", "rows"),
        labels_path.display(),
        used,
        plural(
            labels.len() - used,
            "for an event not in this run's outputs (unknown, or quarantined)",
            "for events not in this run's outputs (unknown, or quarantined)"
        ),
        plural(
            read.without_id,
            "without an event id",
            "without an event id"
        ),
        plural(
            read.repeated,
            "repeating an earlier row's label for its event",
            "repeating an earlier row's label for their event"
        ),
    ));
    report.push_str("\nEach category's hits as a detector of organised exploitation:\n");
    for row in results.iter().filter(|r| r.level == "category") {
        report.push_str(&format!(
            "  {:<14} precision {}  recall {}\n",
            row.name,
            row.confusion
                .precision()
                .map_or("undefined".into(), |r| r.to_string()),
            row.confusion
                .recall()
                .map_or("undefined".into(), |r| r.to_string()),
        ));
    }
    report.push_str(
        "\nNoisiest terms (share of their events labelled not organised exploitation), for an SME to look at:\n",
    );
    for row in results
        .iter()
        .filter(|r| r.level == "term" && r.confusion.false_positive > 0)
        .take(10)
    {
        if let Some(noise) = row.noise() {
            report.push_str(&format!(
                "  {:<12} {} of {} events not organised exploitation ({noise})\n",
                row.name, row.confusion.false_positive, noise.trials
            ));
        }
    }
    report.push_str(&format!(
        "\nEvery row, with Wilson 95% intervals: {}\n",
        out.join("validation.csv").display()
    ));
    Ok(report)
}

/// `ndas history`: changes to terms and rules, from git where the policy root is in a repository, else from
/// the store. `only` keeps one term or rule id.
pub fn history(
    policy_root: &Path,
    use_case: &str,
    store: &Store,
    only: Option<&str>,
) -> Result<String, AppError> {
    let (source, versions) = if git::is_repository(policy_root) {
        let revisions = git::history(policy_root, use_case)?;
        let versions: Vec<(VersionInfo, PolicyFiles)> = revisions
            .into_iter()
            .map(|r| {
                let when = chrono::DateTime::from_timestamp(r.time, 0)
                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default();
                (
                    VersionInfo {
                        id: r.commit,
                        author: r.author,
                        when,
                        message: r.message,
                    },
                    r.files,
                )
            })
            .collect();
        ("git history of the policy root", versions)
    } else {
        let mut versions = Vec::new();
        for (version, stored_at) in store.versions()? {
            let files = store.policy(&version)?;
            if files.use_case != use_case {
                continue;
            }
            versions.push((
                VersionInfo {
                    id: version,
                    author: "(store)".into(),
                    when: stored_at.replace('T', " ").chars().take(16).collect(),
                    message: "first run with this policy version".into(),
                },
                files,
            ));
        }
        (
            "policy versions kept in the store (the policy root is not a git repository)",
            versions,
        )
    };
    let changes: Vec<_> = history::changes(&versions)
        .into_iter()
        .filter(|c| only.is_none_or(|id| c.subject.id() == id))
        .collect();
    let mut report = format!(
        "History from the {source}: {} version(s), {} change(s){}.\n",
        versions.len(),
        changes.len(),
        only.map(|id| format!(" to {id}")).unwrap_or_default()
    );
    for change in &changes {
        report.push_str(&change.line());
        report.push('\n');
    }
    Ok(report)
}

/// Options of `ndas diff`.
#[derive(Clone, Debug)]
pub struct DiffOptions {
    /// A directory, a git revision of the head policy's repository, or a policy version in the store.
    pub base: String,
    pub head: PolicyOrigin,
    pub data: PathBuf,
    pub out: Option<PathBuf>,
    pub use_case: String,
    pub as_of: chrono::NaiveDate,
    pub store: Option<PathBuf>,
}

/// The base policy of a diff: a directory, else a store version, else a git revision.
fn base_files(options: &DiffOptions) -> Result<(PolicyFiles, String), AppError> {
    let as_dir = Path::new(&options.base);
    if as_dir.is_dir() {
        return Ok((
            ingest::read_policy(as_dir, &options.use_case)?,
            format!("directory {}", options.base),
        ));
    }
    if let Some(store) = &options.store
        && let Ok(files) = Store::at(store).policy(&options.base)
    {
        return Ok((files, format!("stored policy version {}", options.base)));
    }
    let root = match &options.head {
        PolicyOrigin::Directory(dir) => dir.clone(),
        PolicyOrigin::Builtin => PathBuf::from("."),
    };
    let files = git::policy_at(&root, &options.use_case, &options.base)?;
    Ok((files, format!("git revision {}", options.base)))
}

/// `ndas diff`: what the head policy changes against the base on one extract. Returns the Markdown report and
/// writes it with CSV tables when `out` is given. Differences are not an error.
pub fn diff(options: &DiffOptions) -> Result<String, AppError> {
    let started = Instant::now();
    let (base_files, base_name) = base_files(options)?;
    let head_files = read_policy_files(&options.head, &options.use_case)?;
    let base = policy::compile(&base_files, options.as_of)
        .map_err(|e| AppError::Usage(format!("the base policy ({base_name}) is invalid: {e}")))?
        .policy;
    let head = policy::compile(&head_files, options.as_of)?.policy;
    let ingested = ingest::read_extract_as_of(&options.data, options.as_of)?;
    let before = analyse(&base, &ingested, true);
    let after = analyse(&head, &ingested, true);
    let extract = &ingested.extract;

    // Terms.
    let term_fields = |t: &policy::Term| -> BTreeMap<&'static str, String> {
        BTreeMap::from([
            ("term", t.text.clone()),
            ("category", t.category.clone()),
            ("list", t.list.to_string()),
            ("strength", t.strength.as_str().to_string()),
            ("source", t.source.as_str().to_string()),
            ("active", t.active.to_string()),
            (
                "review_by",
                t.review_by.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ])
    };
    let base_terms: BTreeMap<String, BTreeMap<&str, String>> = base
        .terms
        .iter()
        .map(|t| (t.id.to_string(), term_fields(t)))
        .collect();
    let head_terms: BTreeMap<String, BTreeMap<&str, String>> = head
        .terms
        .iter()
        .map(|t| (t.id.to_string(), term_fields(t)))
        .collect();
    let mut term_rows: Vec<(String, &str, String)> = Vec::new();
    for (id, fields) in &head_terms {
        match base_terms.get(id) {
            None => term_rows.push((
                id.clone(),
                "added",
                format!("\"{}\"", fields.get("term").cloned().unwrap_or_default()),
            )),
            Some(old) if old != fields => {
                let what: Vec<String> = fields
                    .iter()
                    .filter(|(k, v)| old.get(*k) != Some(*v))
                    .map(|(k, v)| {
                        format!("{k}: {} -> {v}", old.get(k).cloned().unwrap_or_default())
                    })
                    .collect();
                term_rows.push((id.clone(), "changed", what.join("; ")));
            }
            Some(_) => {}
        }
    }
    for (id, fields) in &base_terms {
        if !head_terms.contains_key(id) {
            term_rows.push((
                id.clone(),
                "removed",
                format!("\"{}\"", fields.get("term").cloned().unwrap_or_default()),
            ));
        }
    }

    // Events.
    let terms_of = |policy: &Policy, decision: &crate::classify::EventDecision| -> String {
        let mut ids: Vec<String> = decision
            .hits
            .iter()
            .filter(|h| !h.negated)
            .filter_map(|h| policy.term(h.term).map(|t| t.id.to_string()))
            .collect();
        ids.sort();
        ids.dedup();
        ids.join("|")
    };
    let mut event_rows: Vec<(String, &str, String, String, String)> = Vec::new();
    for (i, event) in extract.events.iter().enumerate() {
        let (Some(b), Some(a)) = (
            before.classification.decisions.get(i),
            after.classification.decisions.get(i),
        ) else {
            continue;
        };
        let change = match (b.flagged, a.flagged) {
            (false, true) => "newly_flagged",
            (true, false) => "no_longer_flagged",
            (true, true) if b.label != a.label => "label_changed",
            _ => continue,
        };
        let responsible = if a.flagged {
            terms_of(&head, a)
        } else {
            terms_of(&base, b)
        };
        event_rows.push((
            event.id.to_string(),
            change,
            b.label.clone().unwrap_or_default(),
            a.label.clone().unwrap_or_default(),
            responsible,
        ));
    }
    event_rows.sort();

    // People.
    let scores = |people: &[crate::people::ScoredPerson]| -> BTreeMap<String, (i64, i64, String)> {
        people
            .iter()
            .map(|p| {
                (
                    p.id.to_string(),
                    (
                        p.score("involvement"),
                        p.score("hierarchy"),
                        p.quadrant.as_str().to_string(),
                    ),
                )
            })
            .collect()
    };
    let (base_people, head_people) = (scores(&before.people), scores(&after.people));
    let mut people_rows: Vec<(String, &str, String, String)> = Vec::new();
    let show = |s: &(i64, i64, String)| format!("involvement {}, hierarchy {}, {}", s.0, s.1, s.2);
    for (id, now) in &head_people {
        match base_people.get(id) {
            None => people_rows.push((id.clone(), "added", String::new(), show(now))),
            Some(was) if was != now => {
                people_rows.push((id.clone(), "changed", show(was), show(now)))
            }
            Some(_) => {}
        }
    }
    for (id, was) in &base_people {
        if !head_people.contains_key(id) {
            people_rows.push((id.clone(), "removed", show(was), String::new()));
        }
    }

    let count = |rows: &[(String, &str, String, String, String)], kind: &str| {
        rows.iter().filter(|r| r.1 == kind).count()
    };
    let mut md = format!(
        "# Policy diff: {} -> {}\n\nBase: {base_name} (policy {}). Head: {} (policy {}). Extract: {} events. {:.1} s.\n\n",
        base.version,
        head.version,
        base.version,
        options.head,
        head.version,
        extract.events.len(),
        started.elapsed().as_secs_f64()
    );
    md.push_str(&format!(
        "**{} term change(s); {} event(s) newly flagged, {} no longer flagged, {} relabelled; {} people changed.**\n\n",
        term_rows.len(),
        count(&event_rows, "newly_flagged"),
        count(&event_rows, "no_longer_flagged"),
        count(&event_rows, "label_changed"),
        people_rows.len()
    ));
    md.push_str("## Terms\n\n");
    if term_rows.is_empty() {
        md.push_str("No term changed.\n\n");
    } else {
        md.push_str("| term | change | detail |\n|---|---|---|\n");
        for (id, kind, detail) in &term_rows {
            md.push_str(&format!(
                "| {id} | {kind} | {} |\n",
                detail.replace('|', "\\|")
            ));
        }
        md.push('\n');
    }
    md.push_str("## Events\n\n");
    if event_rows.is_empty() {
        md.push_str("No event changed.\n\n");
    } else {
        md.push_str("| event | change | label before | label after | terms responsible |\n|---|---|---|---|---|\n");
        for (id, kind, b, a, terms) in event_rows.iter().take(200) {
            md.push_str(&format!(
                "| {id} | {kind} | {b} | {a} | {} |\n",
                terms.replace('|', ", ")
            ));
        }
        if event_rows.len() > 200 {
            md.push_str(&format!(
                "\n({} more in diff_events.csv)\n",
                event_rows.len() - 200
            ));
        }
        md.push('\n');
    }
    md.push_str("## People\n\n");
    if people_rows.is_empty() {
        md.push_str("No person's scores or quadrant changed.\n");
    } else {
        md.push_str("| person | change | before | after |\n|---|---|---|---|\n");
        for (id, kind, b, a) in people_rows.iter().take(200) {
            md.push_str(&format!("| {id} | {kind} | {b} | {a} |\n"));
        }
        if people_rows.len() > 200 {
            md.push_str(&format!(
                "\n({} more in diff_people.csv)\n",
                people_rows.len() - 200
            ));
        }
    }

    // Every diff is recorded in the ledger; its outputs only when it wrote some.
    let mut written = Vec::new();
    if let Some(out) = &options.out {
        output::ensure_dir(out)?;
        let text = |v: Vec<String>| ColumnData::Text(v);
        for table in [
            OutputTable {
                name: "diff_terms".into(),
                columns: vec![
                    (
                        "term_id".into(),
                        text(term_rows.iter().map(|r| r.0.clone()).collect()),
                    ),
                    (
                        "change".into(),
                        text(term_rows.iter().map(|r| r.1.to_string()).collect()),
                    ),
                    (
                        "detail".into(),
                        text(term_rows.iter().map(|r| r.2.clone()).collect()),
                    ),
                ],
            },
            OutputTable {
                name: "diff_events".into(),
                columns: vec![
                    (
                        "event_id".into(),
                        text(event_rows.iter().map(|r| r.0.clone()).collect()),
                    ),
                    (
                        "change".into(),
                        text(event_rows.iter().map(|r| r.1.to_string()).collect()),
                    ),
                    (
                        "label_before".into(),
                        text(event_rows.iter().map(|r| r.2.clone()).collect()),
                    ),
                    (
                        "label_after".into(),
                        text(event_rows.iter().map(|r| r.3.clone()).collect()),
                    ),
                    (
                        "terms".into(),
                        text(event_rows.iter().map(|r| r.4.clone()).collect()),
                    ),
                ],
            },
            OutputTable {
                name: "diff_people".into(),
                columns: vec![
                    (
                        "person_id".into(),
                        text(people_rows.iter().map(|r| r.0.clone()).collect()),
                    ),
                    (
                        "change".into(),
                        text(people_rows.iter().map(|r| r.1.to_string()).collect()),
                    ),
                    (
                        "before".into(),
                        text(people_rows.iter().map(|r| r.2.clone()).collect()),
                    ),
                    (
                        "after".into(),
                        text(people_rows.iter().map(|r| r.3.clone()).collect()),
                    ),
                ],
            },
        ] {
            written.push(output::write_table(out, &table, Format::Csv)?);
        }
        let md_path = out.join("diff.md");
        output::write_file(&md_path, md.as_bytes())?;
        written.push(md_path);
    }
    if let Some(store) = &options.store {
        let store = Store::at(store);
        store.keep_policy(&base.version, &base_files)?;
        record(
            &store,
            Record {
                command: "diff",
                policy: &head,
                files: &head_files,
                ingested: &ingested,
                outputs: &written,
                moved: None,
                counts: json!({
                    "base_policy_version": base.version,
                    "term_changes": term_rows.len(),
                    "events_changed": event_rows.len(),
                    "people_changed": people_rows.len(),
                }),
                verbose_data: false,
                data: &options.data,
            },
        )?;
    }
    Ok(md)
}

/// How `watch` notices edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchMode {
    /// The operating system's file events (inotify on Linux).
    Events,
    /// Looking at the files every interval: for network drives where events do not arrive.
    Poll(Duration),
}

/// What one `watch` cycle did, for the caller (and tests) to see.
#[derive(Clone, Debug, PartialEq)]
pub enum Cycle {
    /// The policy on disk compiled and the outputs were replaced. `rule_errors` rules failed on some subject
    /// (the run went on; they are in the outputs' `rule_errors` table).
    Ran {
        policy_version: String,
        seconds: f64,
        rule_errors: usize,
    },
    /// The policy on disk is invalid; the outputs from `serving` stay.
    Invalid {
        errors: usize,
        serving: Option<String>,
    },
    /// The run failed for another reason (unreadable extract, output error).
    Failed { message: String },
}

/// Writes `status.json` beside the outputs: which policy they come from, whether the policy on disk is valid, and
/// whether the run behind them had rule errors (a run with rule errors is not `ok`: `ndas run` would exit 1).
fn write_status(
    out: &Path,
    format: Format,
    cycle: &Cycle,
    serving: Option<&str>,
    faults: &[String],
) -> Result<(), AppError> {
    let status_path = status_path(out);
    let rule_errors = match cycle {
        Cycle::Ran { rule_errors, .. } => *rule_errors,
        _ => 0,
    };
    let (state, stale) = match cycle {
        Cycle::Ran { .. } if rule_errors > 0 => ("rule_errors", false),
        Cycle::Ran { .. } => ("ok", false),
        Cycle::Invalid { .. } => ("policy_invalid", true),
        Cycle::Failed { .. } => ("run_failed", true),
    };
    let table = (rule_errors > 0).then(|| {
        out.join(format!("rule_errors.{}", format.extension()))
            .display()
            .to_string()
    });
    let status = json!({
        "state": state,
        "outputs_policy_version": serving,
        "outputs_stale": stale,
        "policy_on_disk_valid": !matches!(cycle, Cycle::Invalid { .. }),
        "errors": faults,
        "rule_errors": rule_errors,
        "rule_errors_table": table,
        "message": match cycle {
            Cycle::Ran { policy_version, .. } if rule_errors > 0 => format!(
                "outputs are from policy {policy_version}, the policy on disk; {rule_errors} rule error(s) occurred \
                 (a rule failed on some subject and the run went on): see {}",
                table.as_deref().unwrap_or("rule_errors")
            ),
            Cycle::Ran { policy_version, .. } => format!("outputs are from policy {policy_version}, the policy on disk"),
            Cycle::Invalid { .. } => format!("the policy on disk is invalid; outputs are still from the last good policy {}", serving.unwrap_or("(none yet)")),
            Cycle::Failed { message } => format!("the last run failed: {message}; outputs are from policy {}", serving.unwrap_or("(none yet)")),
        },
        "time": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    });
    if let Some(parent) = status_path.parent() {
        output::ensure_dir(parent)?;
    }
    output::write_json(&status_path, &status)?;
    Ok(())
}

/// `OUT/status.json`: written after every cycle, so after a good one it sits in the new folder.
pub fn status_path(out: &Path) -> PathBuf {
    out.join("status.json")
}

/// The content of a policy as one hash: a cycle runs only when it changes (reading the files makes the operating
/// system report events too, and an editor may save the same bytes again).
fn fingerprint(files: &PolicyFiles) -> String {
    let mut all = String::new();
    for (path, text) in &files.files {
        all.push_str(path);
        all.push('\0');
        all.push_str(text);
        all.push('\0');
    }
    store::sha256_hex(all.as_bytes())
}

/// One cycle: validate the policy on disk; if valid, run into a staging folder and swap it in for `out`.
/// `None` when the policy on disk is byte for byte the one the last cycle saw.
fn cycle(
    options: &RunOptions,
    serving: &mut Option<String>,
    seen: &mut Option<String>,
) -> Option<Cycle> {
    let started = Instant::now();
    let files = match read_policy_files(&options.policy, &options.use_case) {
        Ok(files) => {
            let print = fingerprint(&files);
            if seen.as_deref() == Some(print.as_str()) {
                return None;
            }
            *seen = Some(print);
            files
        }
        Err(e) => {
            let message = e.to_string();
            let cycle = Cycle::Failed {
                message: message.clone(),
            };
            let _ = write_status(
                &options.out,
                options.format,
                &cycle,
                serving.as_deref(),
                &[message],
            );
            *seen = None;
            return Some(cycle);
        }
    };
    match policy::compile(&files, options.as_of) {
        Err(invalid) => {
            super::report_faults(&invalid.faults);
            let errors: Vec<String> = invalid
                .faults
                .iter()
                .filter(|f| f.severity == policy::Severity::Error)
                .map(ToString::to_string)
                .collect();
            let cycle = Cycle::Invalid {
                errors: errors.len(),
                serving: serving.clone(),
            };
            let _ = write_status(
                &options.out,
                options.format,
                &cycle,
                serving.as_deref(),
                &errors,
            );
            Some(cycle)
        }
        Ok(compiled) => {
            let staging = options.out.with_file_name(format!(
                ".{}.next",
                options
                    .out
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_else(|| "out".into())
            ));
            let _ = std::fs::remove_dir_all(&staging);
            let staged = RunOptions {
                out: staging.clone(),
                ..options.clone()
            };
            let result: Result<RunSummary, AppError> = super::run_compiled(
                &staged,
                Some(&options.out),
                &files,
                compiled,
                "watch",
                started,
            )
            .and_then(|summary| {
                output::replace_dir(&staging, &options.out)?;
                Ok(summary)
            });
            match result {
                Ok(summary) => {
                    *serving = Some(summary.policy_version.clone());
                    let cycle = Cycle::Ran {
                        policy_version: summary.policy_version,
                        seconds: started.elapsed().as_secs_f64(),
                        rule_errors: summary.rule_errors,
                    };
                    let _ = write_status(
                        &options.out,
                        options.format,
                        &cycle,
                        serving.as_deref(),
                        &[],
                    );
                    Some(cycle)
                }
                Err(e) => {
                    let _ = std::fs::remove_dir_all(&staging);
                    let cycle = Cycle::Failed {
                        message: e.to_string(),
                    };
                    let _ = write_status(
                        &options.out,
                        options.format,
                        &cycle,
                        serving.as_deref(),
                        &[e.to_string()],
                    );
                    // A failed run (an unreadable extract) is tried again on the next event.
                    *seen = None;
                    Some(cycle)
                }
            }
        }
    }
}

/// `ndas watch`: runs once, then again after every change under the policy root's `rules/` and
/// `reference_files/` (debounced, so a save by write-and-rename is one change), until `stop` is set. Each cycle
/// is passed to `on_cycle`. A broken edit leaves the last good outputs in place with `status.json` saying so;
/// the next good edit recovers by itself.
pub fn watch(
    options: &RunOptions,
    mode: WatchMode,
    stop: &AtomicBool,
    on_cycle: &mut dyn FnMut(&Cycle),
) -> Result<(), AppError> {
    use notify::RecursiveMode;
    use notify_debouncer_mini::new_debouncer_opt;

    let PolicyOrigin::Directory(root) = &options.policy else {
        return Err(AppError::Usage(
            "watch needs a policy directory (--policy DIR, or run it in a policy root): the built-in pack never changes".into(),
        ));
    };
    // Refused here, not only in each cycle: a cycle would record the refusal and keep watching, and the user
    // asked for something that can never work.
    output::check_destination(&options.out, &options.data, true)?;
    let mut serving = None;
    let mut seen = None;
    let (sender, receiver) = std::sync::mpsc::channel();
    let debounce = Duration::from_millis(300);
    let watch_error =
        |e: notify::Error| AppError::Usage(format!("cannot watch `{}`: {e}", root.display()));
    let folders = [
        root.join("rules").join(&options.use_case),
        root.join("reference_files").join(&options.use_case),
    ];
    // Two shapes of watcher, one loop: the debouncer is generic over the watcher type.
    macro_rules! run_loop {
        ($debouncer:expr) => {{
            let mut debouncer = $debouncer.map_err(watch_error)?;
            for folder in &folders {
                debouncer
                    .watcher()
                    .watch(folder, RecursiveMode::Recursive)
                    .map_err(watch_error)?;
            }
            // The first run comes after the watch is in place, so an edit saved during it is not missed.
            if let Some(first) = cycle(options, &mut serving, &mut seen) {
                on_cycle(&first);
            }
            while !stop.load(Ordering::Relaxed) {
                match receiver.recv_timeout(Duration::from_millis(100)) {
                    Ok(Ok(events)) => {
                        let events: Vec<notify_debouncer_mini::DebouncedEvent> = events;
                        let relevant = events.iter().any(|e| {
                            // By file name only: the folders above may be hidden (a temporary `.tmpXYZ`).
                            let name = e
                                .path
                                .file_name()
                                .map(|n| n.to_string_lossy().to_string())
                                .unwrap_or_default();
                            (name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".rhai"))
                                && !name.starts_with('.')
                        });
                        if relevant && let Some(c) = cycle(options, &mut serving, &mut seen) {
                            on_cycle(&c);
                        }
                    }
                    Ok(Err(_)) | Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
        }};
    }
    match mode {
        WatchMode::Events => {
            run_loop!(new_debouncer_opt::<_, notify::RecommendedWatcher>(
                notify_debouncer_mini::Config::default()
                    .with_timeout(debounce)
                    .with_notify_config(notify::Config::default()),
                sender,
            ))
        }
        WatchMode::Poll(interval) => {
            run_loop!(new_debouncer_opt::<_, notify::PollWatcher>(
                notify_debouncer_mini::Config::default()
                    .with_timeout(debounce)
                    .with_notify_config(
                        notify::Config::default()
                            .with_poll_interval(interval)
                            .with_compare_contents(true)
                    ),
                sender,
            ))
        }
    }
    Ok(())
}
