//! The commands of the `ndas` binary, as library functions: each takes checked options, calls ingest, the engine
//! and output in order, and returns a value or an `AppError` that names file, row or line. `main.rs` only parses
//! flags and maps errors to exit codes. Progress bars go to stderr and hide themselves when it is not a terminal.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use crate::classify::{self, Classification};
use crate::evaluate::Confusion;
use crate::explain;
use crate::ingest::{self, IngestError, Ingested};
use crate::network::{self, Networks};
use crate::output::{self, ColumnData, Format, OutputError, OutputTable};
use crate::people::{self, ScoredPerson};
use crate::policy::{self, Compiled, PolicyFault, PolicyInvalid};
use crate::resolve::{self, Resolution};
use crate::synth::{self, SynthConfig};
use crate::{ENGINE_VERSION, builtin};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Policy(#[from] PolicyInvalid),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Synth(#[from] synth::SynthError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Git(#[from] crate::git::GitError),
    #[error("{0}")]
    Usage(String),
}

pub mod lifecycle;
mod network_tables;
mod people_tables;
pub use network_tables::explain_network;
pub use people_tables::{ResolveOptions, explain_person, resolve_file};

/// Where the policy comes from: a directory given or found, or the pack built into the binary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyOrigin {
    Directory(PathBuf),
    Builtin,
}

impl std::fmt::Display for PolicyOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PolicyOrigin::Directory(dir) => write!(f, "{}", dir.display()),
            PolicyOrigin::Builtin => f.write_str("the built-in policy pack"),
        }
    }
}

/// `--policy DIR` if given; else the current directory if it holds the use case; else the built-in pack.
pub fn choose_policy(given: Option<&Path>, use_case: &str) -> PolicyOrigin {
    if let Some(dir) = given {
        return PolicyOrigin::Directory(dir.to_path_buf());
    }
    let here = Path::new(".");
    if here
        .join("rules")
        .join(use_case)
        .join("usecase.yaml")
        .is_file()
    {
        PolicyOrigin::Directory(here.to_path_buf())
    } else {
        PolicyOrigin::Builtin
    }
}

/// Reads and compiles the policy. Warnings come back with it; errors are `AppError::Policy`.
pub fn load_policy(
    origin: &PolicyOrigin,
    use_case: &str,
    as_of: NaiveDate,
) -> Result<Compiled, AppError> {
    let files = read_policy_files(origin, use_case)?;
    Ok(policy::compile(&files, as_of)?)
}

/// The policy files of a use case from a directory or the built-in pack.
pub fn read_policy_files(
    origin: &PolicyOrigin,
    use_case: &str,
) -> Result<policy::PolicyFiles, AppError> {
    Ok(match origin {
        PolicyOrigin::Directory(dir) => ingest::read_policy(dir, use_case)?,
        PolicyOrigin::Builtin => builtin::policy_files(use_case).ok_or_else(|| {
            AppError::Usage(format!(
                "no policy directory given and the built-in pack has no use case `{use_case}`; pass --policy DIR"
            ))
        })?,
    })
}

/// Prints faults to stderr the way `check` does.
pub fn report_faults(faults: &[PolicyFault]) {
    let color = std::io::IsTerminal::is_terminal(&std::io::stderr());
    for fault in faults {
        eprintln!("{}", fault.render(color));
    }
}

fn bar(len: u64, what: &str, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let style =
        ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(what.to_string());
    bar
}

/// Options of `ndas run`.
#[derive(Clone, Debug)]
pub struct RunOptions {
    pub data: PathBuf,
    pub out: PathBuf,
    pub policy: PolicyOrigin,
    pub use_case: String,
    pub format: Format,
    pub as_of: NaiveDate,
    pub quiet: bool,
    /// The workspace store to keep the policy version in and append the ledger entry to (`None`: neither).
    pub store: Option<PathBuf>,
    /// Let the ledger hold the extract's path and quarantine reasons (which may contain personal data).
    pub verbose_data: bool,
}

/// What a run did, for the caller to print.
pub struct RunSummary {
    pub events: usize,
    pub flagged: usize,
    pub quarantined: usize,
    pub rule_errors: usize,
    pub policy_version: String,
    pub outputs: Vec<PathBuf>,
    pub stage_seconds: BTreeMap<&'static str, f64>,
    pub warnings: usize,
}

/// The analysis of one extract under one policy: pure values, before anything is written.
pub struct Analysis {
    pub classification: Classification,
    pub resolution: Resolution,
    pub people: Vec<ScoredPerson>,
    pub networks: Option<Networks>,
    pub stage_seconds: BTreeMap<&'static str, f64>,
}

/// Runs the engine stages on an ingested extract.
pub fn analyse(policy: &policy::Policy, ingested: &Ingested, quiet: bool) -> Analysis {
    let mut stage_seconds = BTreeMap::new();
    let events = &ingested.extract.events;
    let started = Instant::now();
    let progress = bar(events.len() as u64, "match", quiet);
    let hits = classify::match_events(policy, &ingested.extract, &|| progress.inc(1));
    progress.finish_and_clear();
    stage_seconds.insert("match", started.elapsed().as_secs_f64());
    let started = Instant::now();
    let progress = bar(events.len() as u64, "classify", quiet);
    let classification = classify::classify(policy, &ingested.extract, hits, &|| progress.inc(1));
    progress.finish_and_clear();
    stage_seconds.insert("classify", started.elapsed().as_secs_f64());
    let started = Instant::now();
    let resolution = resolve::resolve_nominals(
        &ingested.extract.nominals,
        policy.manifest.people.match_probability,
    );
    stage_seconds.insert("resolve", started.elapsed().as_secs_f64());
    let started = Instant::now();
    let people = people::score_people(policy, &ingested.extract, &classification, &resolution);
    stage_seconds.insert("score", started.elapsed().as_secs_f64());
    let started = Instant::now();
    let networks = network::build(
        policy,
        &ingested.extract,
        &classification,
        &resolution,
        &people,
    );
    stage_seconds.insert("network", started.elapsed().as_secs_f64());
    Analysis {
        classification,
        resolution,
        people,
        networks,
        stage_seconds,
    }
}

fn text<T>(rows: &[T], cell: impl Fn(&T) -> String) -> ColumnData {
    ColumnData::Text(rows.iter().map(cell).collect())
}

fn int<T>(rows: &[T], cell: impl Fn(&T) -> i64) -> ColumnData {
    ColumnData::Int(rows.iter().map(cell).collect())
}

fn boolean<T>(rows: &[T], cell: impl Fn(&T) -> bool) -> ColumnData {
    ColumnData::Bool(rows.iter().map(cell).collect())
}

/// One firing with its subject, for the `fired` table.
struct FiredRow<'a> {
    kind: &'static str,
    subject: &'a str,
    /// The score a person firing counts towards; empty for events.
    score: &'a str,
    firing: &'a crate::script::Firing,
}

/// One hit with the event and term it belongs to, for the `hits` table.
struct HitRow<'a> {
    event: &'a crate::extract::Event,
    term: &'a policy::Term,
    list_version: &'a str,
    hit: crate::matcher::Hit,
    counted: classify::Counted,
}

/// The `events`, `hits`, `fired` and `rule_errors` tables, rows sorted by id for deterministic output.
pub fn result_tables(
    policy: &policy::Policy,
    ingested: &Ingested,
    analysis: &Analysis,
) -> Vec<OutputTable> {
    let events = &ingested.extract.events;
    let decisions = &analysis.classification.decisions;
    let mut rows: Vec<(&crate::extract::Event, &classify::EventDecision)> =
        events.iter().zip(decisions.iter()).collect();
    rows.sort_by(|a, b| a.0.id.cmp(&b.0.id));

    let mut hits = Vec::new();
    let mut fired = Vec::new();
    let mut errors = Vec::new();
    for &(event, decision) in &rows {
        for (at, &hit) in decision.hits.iter().enumerate() {
            let Some(term) = policy.term(hit.term) else {
                continue;
            };
            let counted = decision
                .counted
                .get(at)
                .copied()
                .unwrap_or(classify::Counted::OtherSense);
            let list_version = policy
                .list(&term.list)
                .map(|l| l.version.as_str())
                .unwrap_or("");
            hits.push(HitRow {
                event,
                term,
                list_version,
                hit,
                counted,
            });
        }
        fired.extend(decision.firings.iter().map(|f| FiredRow {
            kind: "event",
            subject: event.id.as_str(),
            score: "",
            firing: f,
        }));
        errors.extend(
            decision
                .errors
                .iter()
                .map(|e| ("event", event.id.as_str(), e)),
        );
    }

    let events_table = OutputTable {
        name: "events".into(),
        columns: vec![
            ("event_id".into(), text(&rows, |(e, _)| e.id.to_string())),
            ("flagged".into(), boolean(&rows, |(_, d)| d.flagged)),
            (
                "label".into(),
                text(&rows, |(_, d)| d.label.clone().unwrap_or_default()),
            ),
            (
                "categories".into(),
                text(&rows, |(_, d)| {
                    d.categories.iter().cloned().collect::<Vec<_>>().join("|")
                }),
            ),
            (
                "hit_count".into(),
                int(&rows, |(_, d)| {
                    d.hits.iter().filter(|h| !h.negated).count() as i64
                }),
            ),
            ("score".into(), int(&rows, |(_, d)| d.score)),
            (
                "route".into(),
                text(&rows, |(_, d)| d.route.unwrap_or("").to_string()),
            ),
            (
                "rule_errors".into(),
                int(&rows, |(_, d)| d.errors.len() as i64),
            ),
        ],
    };
    let hits_table = OutputTable {
        name: "hits".into(),
        columns: vec![
            ("event_id".into(), text(&hits, |h| h.event.id.to_string())),
            ("term_id".into(), text(&hits, |h| h.term.id.to_string())),
            ("list".into(), text(&hits, |h| h.term.list.to_string())),
            ("category".into(), text(&hits, |h| h.term.category.clone())),
            ("start".into(), int(&hits, |h| h.hit.start as i64)),
            ("end".into(), int(&hits, |h| h.hit.end as i64)),
            (
                "matched".into(),
                text(&hits, |h| {
                    h.event
                        .text
                        .get(h.hit.start..h.hit.end)
                        .unwrap_or("")
                        .to_string()
                }),
            ),
            ("negated".into(), boolean(&hits, |h| h.hit.negated)),
            (
                "strength".into(),
                text(&hits, |h| h.term.strength.as_str().to_string()),
            ),
            (
                "list_version".into(),
                text(&hits, |h| h.list_version.to_string()),
            ),
            (
                "counted".into(),
                text(&hits, |h| h.counted.as_str().to_string()),
            ),
        ],
    };
    for person in &analysis.people {
        for (name, score) in &person.scores {
            fired.extend(score.firings.iter().map(|f| FiredRow {
                kind: "person",
                subject: person.id.as_str(),
                score: name.as_str(),
                firing: f,
            }));
            errors.extend(
                score
                    .errors
                    .iter()
                    .map(|e| ("person", person.id.as_str(), e)),
            );
        }
    }
    if let Some(networks) = &analysis.networks {
        let mut ordered: Vec<&network::Network> = networks.networks.iter().collect();
        ordered.sort_by(|a, b| a.id.cmp(&b.id));
        for n in ordered {
            fired.extend(n.harm.firings.iter().map(|f| FiredRow {
                kind: "network",
                subject: n.id.as_str(),
                score: "harm",
                firing: f,
            }));
            errors.extend(n.harm.errors.iter().map(|e| ("network", n.id.as_str(), e)));
        }
    }
    let fired_table = OutputTable {
        name: "fired".into(),
        columns: vec![
            ("subject_kind".into(), text(&fired, |r| r.kind.to_string())),
            ("subject_id".into(), text(&fired, |r| r.subject.to_string())),
            (
                "rule_id".into(),
                text(&fired, |r| r.firing.rule.to_string()),
            ),
            ("source".into(), text(&fired, |r| r.firing.source.clone())),
            ("points".into(), int(&fired, |r| r.firing.points)),
            ("reason".into(), text(&fired, |r| r.firing.reason.clone())),
            (
                "label".into(),
                text(&fired, |r| r.firing.label.clone().unwrap_or_default()),
            ),
            ("score".into(), text(&fired, |r| r.score.to_string())),
            ("events".into(), text(&fired, |r| r.firing.events.join("|"))),
            (
                "policy_version".into(),
                text(&fired, |_| policy.version.clone()),
            ),
        ],
    };
    let errors_table = OutputTable {
        name: "rule_errors".into(),
        columns: vec![
            ("subject_kind".into(), text(&errors, |r| r.0.to_string())),
            ("subject_id".into(), text(&errors, |r| r.1.to_string())),
            ("script".into(), text(&errors, |r| r.2.file.clone())),
            ("function".into(), text(&errors, |r| r.2.function.clone())),
            ("message".into(), text(&errors, |r| r.2.message.clone())),
        ],
    };
    let mut tables = vec![events_table, hits_table, fired_table, errors_table];
    tables.extend(people_tables::tables(policy, &ingested.extract, analysis));
    tables.extend(network_tables::tables(&ingested.extract, analysis));
    tables
}

/// The quarantine table (always CSV: it is for fixing the extract by hand).
pub fn quarantine_table(ingested: &Ingested) -> OutputTable {
    let q = &ingested.quarantine;
    OutputTable {
        name: "quarantine".into(),
        columns: vec![
            (
                "table".into(),
                ColumnData::Text(q.iter().map(|r| r.table.clone()).collect()),
            ),
            (
                "row".into(),
                ColumnData::Int(q.iter().map(|r| r.row as i64).collect()),
            ),
            (
                "reason".into(),
                ColumnData::Text(q.iter().map(|r| r.reason.clone()).collect()),
            ),
            (
                "raw".into(),
                ColumnData::Text(q.iter().map(|r| r.raw.clone()).collect()),
            ),
        ],
    }
}

/// `ndas run`.
pub fn run(options: &RunOptions) -> Result<RunSummary, AppError> {
    let started = Instant::now();
    let files = read_policy_files(&options.policy, &options.use_case)?;
    let compiled = policy::compile(&files, options.as_of)?;
    run_compiled(options, None, &files, compiled, "run", started)
}

/// `run` with a policy already compiled (`watch` compiles first to see whether the edit is valid). `command`
/// names the run in the ledger.
///
/// `final_out`: where the outputs will live if `options.out` is a staging folder (as under `watch`), so the
/// ledger names the outputs where an auditor will find them.
pub fn run_compiled(
    options: &RunOptions,
    final_out: Option<&Path>,
    files: &policy::PolicyFiles,
    compiled: Compiled,
    command: &str,
    started: Instant,
) -> Result<RunSummary, AppError> {
    // Before reading anything: outputs written into the extract would replace its tables (data loss).
    output::check_destination(
        final_out.unwrap_or(&options.out),
        &options.data,
        final_out.is_some(),
    )?;
    report_faults(&compiled.warnings);
    let policy = compiled.policy;
    let policy_seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let spinner = if options.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new_spinner()
    };
    spinner.set_message(format!("reading {}", options.data.display()));
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let ingested = ingest::read_extract_as_of(&options.data, options.as_of);
    spinner.finish_and_clear();
    let ingested = ingested?;
    let ingest_seconds = started.elapsed().as_secs_f64();

    let mut analysis = analyse(&policy, &ingested, options.quiet);
    analysis.stage_seconds.insert("policy", policy_seconds);
    analysis.stage_seconds.insert("ingest", ingest_seconds);

    let started = Instant::now();
    output::ensure_dir(&options.out)?;
    let mut outputs = Vec::new();
    for table in result_tables(&policy, &ingested, &analysis) {
        outputs.push(output::write_table(&options.out, &table, options.format)?);
    }
    outputs.push(output::write_table(
        &options.out,
        &quarantine_table(&ingested),
        Format::Csv,
    )?);
    let chart = options.out.join("chart.svg");
    output::write_file(
        &chart,
        people_tables::chart_svg(&policy, &analysis.people).as_bytes(),
    )?;
    outputs.push(chart);
    outputs.extend(network_tables::write_files(
        &policy,
        &ingested.extract,
        &analysis,
        &options.out,
    )?);
    analysis
        .stage_seconds
        .insert("output", started.elapsed().as_secs_f64());

    let classification = &analysis.classification;
    let rule_errors = classification.rule_errors()
        + analysis
            .people
            .iter()
            .map(ScoredPerson::rule_errors)
            .sum::<usize>()
        + analysis.networks.as_ref().map_or(0, |n| {
            n.networks
                .iter()
                .map(|n| n.harm.errors.len())
                .sum::<usize>()
        });
    let resolved = &analysis.resolution.stats;
    let mut output_hashes = Vec::new();
    for path in &outputs {
        output_hashes.push(json!({"path": file_name(path), "sha256": output::hash_file(path)?}));
    }
    let tables: BTreeMap<&String, serde_json::Value> = ingested
        .counts
        .iter()
        .map(|(name, c)| {
            (name, json!({"read": c.read, "accepted": c.accepted, "quarantined": c.quarantined, "repaired": c.repaired, "dob_not_known": c.dob_not_known, "reconciled": c.read == c.accepted + c.quarantined}))
        })
        .collect();
    let data_dir = std::fs::canonicalize(&options.data).unwrap_or_else(|_| options.data.clone());
    let manifest = json!({
        "engine_version": ENGINE_VERSION,
        "use_case": policy.use_case,
        "policy_origin": options.policy.to_string(),
        "policy_version": policy.version,
        "policy_hash": policy.full_hash,
        "policy_files": policy.files.iter().map(|(p, h)| json!({"path": p, "sha256": h})).collect::<Vec<_>>(),
        "as_of": options.as_of.to_string(),
        "data_dir": data_dir.display().to_string(),
        "synthetic": ingested.synthetic,
        "inputs": ingested.inputs,
        "tables": tables,
        "reconciled": ingested.counts.values().all(|c| c.read == c.accepted + c.quarantined),
        "classify_threshold": policy.manifest.classify.threshold,
        "events_flagged": classification.flagged(),
        "script_evaluations": {"text": classification.evaluated_text, "nominals": classification.evaluated_nominals},
        "rule_errors": rule_errors,
        "nominal_matching": {"records": resolved.records, "persons": resolved.persons, "matched_pairs": resolved.matched_pairs, "candidate_pairs": resolved.candidate_pairs, "blocks_skipped": resolved.blocks_skipped, "match_probability": policy.manifest.people.match_probability, "prior_log2_odds": resolved.prior_log2_odds},
        "people_scored": analysis.people.len(),
        "networks": analysis.networks.as_ref().map(|n| json!({"persons_in_scope": n.persons_in_scope, "components": n.components, "reported": n.networks.len(), "largest": n.networks.iter().map(|n| n.persons).max().unwrap_or(0)})),
        "score_ranges": policy.manifest.scores.iter().map(|(k, v)| (k.clone(), json!({"min": v.min, "max": v.max}))).collect::<serde_json::Map<_, _>>(),
        "skipped_terms": policy.skipped.iter().map(|s| json!({"term_id": s.id.as_str(), "reason": s.reason})).collect::<Vec<_>>(),
        "policy_warnings": compiled.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "format": options.format.extension(),
        "outputs": output_hashes,
        "stage_seconds": analysis.stage_seconds.iter().map(|(k, v)| (k.to_string(), json!((v * 1000.0).round() / 1000.0))).collect::<serde_json::Map<_, _>>(),
        "peak_memory_bytes": peak_memory_bytes(),
    });
    let run_json = options.out.join("run.json");
    output::write_json(&run_json, &manifest)?;
    outputs.push(run_json);
    if let Some(store) = &options.store {
        lifecycle::record(
            &crate::store::Store::at(store),
            lifecycle::Record {
                command,
                policy: &policy,
                files,
                ingested: &ingested,
                outputs: &outputs,
                moved: final_out.map(|to| (options.out.as_path(), to)),
                counts: json!({
                    "events": ingested.extract.events.len(),
                    "events_flagged": classification.flagged(),
                    "people_scored": analysis.people.len(),
                    "networks": analysis.networks.as_ref().map_or(0, |n| n.networks.len()),
                    "rule_errors": rule_errors,
                    "quarantined": ingested.quarantine.len(),
                }),
                verbose_data: options.verbose_data,
                data: &options.data,
            },
        )?;
    }
    Ok(RunSummary {
        events: ingested.extract.events.len(),
        flagged: classification.flagged(),
        quarantined: ingested.quarantine.len(),
        rule_errors,
        policy_version: policy.version.clone(),
        outputs,
        stage_seconds: analysis.stage_seconds,
        warnings: compiled.warnings.len(),
    })
}

/// This process's peak resident memory so far, as the kernel counts it (`VmHWM`); `None` where there is no
/// `/proc` (not Linux). Recorded in run.json and resolve.json so the force benchmarks, and anyone sizing a
/// machine, can read it.
fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// `ndas check`: every fault, and whether any is an error.
pub fn check(
    origin: &PolicyOrigin,
    use_case: &str,
    as_of: NaiveDate,
) -> Result<(usize, Vec<PolicyFault>, String), AppError> {
    match load_policy(origin, use_case, as_of) {
        Ok(compiled) => {
            let summary = format!(
                "ok: use case `{use_case}` from {origin}: {} terms in {} lists, policy version {}",
                compiled.policy.terms.len(),
                compiled.policy.lists.len(),
                compiled.policy.version
            );
            Ok((0, compiled.warnings, summary))
        }
        Err(AppError::Policy(invalid)) => {
            let errors = invalid.faults.iter().filter(|f| f.is_error()).count();
            let summary = format!("use case `{use_case}` from {origin}: {errors} error(s)");
            Ok((errors, invalid.faults, summary))
        }
        Err(other) => Err(other),
    }
}

/// `ndas match`: one document per input line; CSV of every hit to `out`. `source` names the input in errors
/// (a path, or standard input). Nothing is written until the input has given its first line (or its end), so
/// an input that cannot be read at all (a directory) fails with an empty stdout, not half a CSV.
pub fn match_lines(
    policy: &policy::Policy,
    source: &str,
    input: impl BufRead,
    out: impl Write,
    with_negation: bool,
) -> Result<usize, AppError> {
    let mut writer = csv::Writer::from_writer(out);
    let io_error =
        |e: &dyn std::fmt::Display| AppError::Usage(format!("cannot write results: {e}"));
    let mut header = vec![
        "line", "term_id", "list", "category", "start", "end", "matched",
    ];
    if with_negation {
        header.push("negated");
    }
    let mut header = Some(header);
    let mut count = 0;
    for (number, line) in input.split(b'\n').enumerate() {
        let bytes = line.map_err(|e| AppError::Usage(format!("cannot read `{source}`: {e}")))?;
        if let Some(header) = header.take() {
            writer.write_record(&header).map_err(|e| io_error(&e))?;
        }
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_suffix('\r').unwrap_or(&text);
        for hit in policy.find(text) {
            let Some(term) = policy.term(hit.term) else {
                continue;
            };
            let mut record = vec![
                (number + 1).to_string(),
                term.id.to_string(),
                term.list.to_string(),
                term.category.clone(),
                hit.start.to_string(),
                hit.end.to_string(),
                text.get(hit.start..hit.end).unwrap_or("").to_string(),
            ];
            if with_negation {
                record.push(hit.negated.to_string());
            }
            writer.write_record(&record).map_err(|e| io_error(&e))?;
            count += 1;
        }
    }
    // An empty input is readable and has no hits: the header alone.
    if let Some(header) = header {
        writer.write_record(&header).map_err(|e| io_error(&e))?;
    }
    writer.flush().map_err(|e| io_error(&e))?;
    Ok(count)
}

/// The day a run judged its extract as of, from its run.json.
fn run_as_of(run_json: &serde_json::Value) -> Option<NaiveDate> {
    run_json
        .get("as_of")
        .and_then(|v| v.as_str())
        .and_then(ingest::parse_date)
}

/// A run's run.json, or an error telling the user to run first.
fn read_run_json(out: &Path) -> Result<serde_json::Value, AppError> {
    std::fs::read_to_string(out.join("run.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .ok_or_else(|| {
            AppError::Usage(format!(
                "`{}` holds no run.json: run `ndas run --out {}` first",
                out.display(),
                out.display()
            ))
        })
}

/// The rows of output table `name` in `out` whose columns hold the given values: what each `explain` reads
/// about its subject.
pub(crate) fn rows_where(
    out: &Path,
    name: &str,
    conditions: &[(&str, &str)],
) -> Result<Vec<BTreeMap<String, String>>, AppError> {
    Ok(output::read_table(out, name)?
        .into_iter()
        .filter(|row| {
            conditions
                .iter()
                .all(|(key, value)| row.get(*key).map(String::as_str) == Some(*value))
        })
        .collect())
}

/// `ndas explain --event ID`: the plain-language account, reading the run's outputs (and its extract for text).
pub fn explain_event(out: &Path, event_id: &str, data: Option<&Path>) -> Result<String, AppError> {
    let run_json = read_run_json(out)?;
    let Some(event_row) = rows_where(out, "events", &[("event_id", event_id)])?
        .into_iter()
        .next()
    else {
        // Not decided: the run may have set its row aside. quarantine.csv has no id column; a quarantined event
        // row's raw copy starts with its id (rows with a wrong number of fields are copied as written, which
        // does too unless the extract's columns are reordered).
        let quarantined: Vec<_> = rows_where(out, "quarantine", &[("table", "events")])?
            .into_iter()
            .filter(|row| {
                row.get("raw").is_some_and(|raw| {
                    raw.strip_prefix(event_id)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(','))
                })
            })
            .collect();
        if !quarantined.is_empty() {
            let file = out.join("quarantine.csv");
            return Ok(explain::quarantined_event(
                event_id,
                &quarantined,
                &file.display().to_string(),
            ));
        }
        return Err(AppError::Usage(format!(
            "event `{event_id}` is not in the outputs in `{}`",
            out.display()
        )));
    };
    let hits = rows_where(out, "hits", &[("event_id", event_id)])?;
    let fired = rows_where(
        out,
        "fired",
        &[("subject_kind", "event"), ("subject_id", event_id)],
    )?;
    let data_dir = data.map(Path::to_path_buf).or_else(|| {
        run_json
            .get("data_dir")
            .and_then(|d| d.as_str())
            .map(PathBuf::from)
    });
    let event = match &data_dir {
        // Read as the run read it, so the events it accepted are found again.
        Some(dir) => run_as_of(&run_json)
            .map_or_else(
                || ingest::read_extract(dir),
                |as_of| ingest::read_extract_as_of(dir, as_of),
            )
            .ok()
            .and_then(|ingested| {
                ingested
                    .extract
                    .events
                    .into_iter()
                    .find(|e| e.id.as_str() == event_id)
            }),
        None => None,
    };
    let policy_version = run_json
        .get("policy_version")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    let threshold = run_json.get("classify_threshold").and_then(|v| v.as_i64());
    Ok(explain::event(&explain::EventView {
        row: &event_row,
        hits: &hits,
        fired: &fired,
        event: event.as_ref(),
        policy_version: &policy_version,
        threshold,
    }))
}

/// `ndas synth`.
pub fn synth(out: &Path, size: synth::Size, seed: u64) -> Result<synth::SynthSummary, AppError> {
    Ok(synth::write_extract(&SynthConfig { size, seed }, out)?)
}

/// Reads `truth/events.csv` as event id -> is organised exploitation (label other than `none`).
pub fn read_truth(dir: &Path) -> Result<HashMap<String, bool>, AppError> {
    let rows = output::read_table(&dir.join("truth"), "events")?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let id = r.get("event_id")?.clone();
            let label = r.get("label")?.trim().to_string();
            Some((id, !label.is_empty() && label != "none"))
        })
        .collect())
}

/// Precision and recall of a run's `events` output against a truth file.
pub fn evaluate_run(out: &Path, truth: &HashMap<String, bool>) -> Result<Confusion, AppError> {
    let events = output::read_table(out, "events")?;
    let flags: Vec<(String, bool)> = events
        .into_iter()
        .filter_map(|r| Some((r.get("event_id")?.clone(), r.get("flagged")? == "true")))
        .collect();
    Ok(Confusion::of(
        flags.iter().map(|(id, f)| (id.as_str(), *f)),
        truth,
    ))
}

/// Options of `ndas demo`.
#[derive(Clone, Debug)]
pub struct DemoOptions {
    /// The workspace store for the ledger (`.ndas` in the current directory from the command line).
    pub store: Option<PathBuf>,
    pub dir: PathBuf,
    pub size: synth::Size,
    pub seed: u64,
    pub policy: PolicyOrigin,
    pub use_case: String,
    pub as_of: NaiveDate,
    pub quiet: bool,
}

/// `ndas demo`: generate (if absent), run, and judge against the synthetic truth. Returns the report to print.
pub fn demo(options: &DemoOptions) -> Result<String, AppError> {
    let data = options.dir.join("extract");
    let out = options.dir.join("out");
    let wanted = format!("{:?}", options.size).to_lowercase();
    let existing_size = std::fs::read_to_string(data.join("synth.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| {
            Some((
                v.get("size")?.as_str()?.to_string(),
                v.get("seed")?.as_u64()?,
            ))
        });
    let mut report = String::new();
    if existing_size != Some((wanted.clone(), options.seed)) {
        if !options.quiet {
            eprintln!(
                "generating the `{wanted}` synthetic extract in {} ...",
                data.display()
            );
        }
        let started = Instant::now();
        let summary = synth(&data, options.size, options.seed)?;
        report.push_str(&format!(
            "Generated a synthetic `{wanted}` extract (seed {}): {} events, {} nominal records, {} links, in {:.1} s.\n",
            options.seed,
            summary.events,
            summary.nominals,
            summary.links,
            started.elapsed().as_secs_f64()
        ));
    } else {
        report.push_str(&format!(
            "Using the synthetic `{wanted}` extract already in {}.\n",
            data.display()
        ));
    }
    let run_options = RunOptions {
        data: data.clone(),
        out: out.clone(),
        policy: options.policy.clone(),
        use_case: options.use_case.clone(),
        format: Format::Csv,
        as_of: options.as_of,
        quiet: options.quiet,
        store: options.store.clone(),
        verbose_data: false,
    };
    let summary = run(&run_options)?;
    let seconds: f64 = summary.stage_seconds.values().sum();
    report.push_str(&format!(
        "Ran use case `{}` with policy version {} ({}) in {:.1} s: {} events, {} quarantined rows, {} rule errors.\n",
        options.use_case, summary.policy_version, options.policy, seconds, summary.events, summary.quarantined, summary.rule_errors
    ));
    report.push_str(&format!("Outputs: {}\n", out.display()));
    let truth = read_truth(&data)?;
    let confusion = evaluate_run(&out, &truth)?;
    report.push('\n');
    report.push_str(&confusion.sentence("organised exploitation"));
    report.push('\n');
    if let Some(p) = confusion.precision() {
        report.push_str(&format!("  precision {p}\n"));
    }
    if let Some(r) = confusion.recall() {
        report.push_str(&format!("  recall    {r}\n"));
    }
    report.push('\n');
    report.push_str(&people_tables::evaluate_people(&out, &data)?);
    report.push_str(&network_tables::evaluate_networks(&out, &data)?);
    report.push_str(&format!(
        "The chart of everyone scored: {}\n",
        out.join("chart.svg").display()
    ));
    report.push_str(&format!(
        "\nThese are flags for a person to check, not findings. See why any event was flagged, how a person's scores add up, or what ties a network, with:\n  ndas explain --out {} --event EVENT_ID\n  ndas explain --out {} --person PERSON_ID\n  ndas explain --out {} --network NETWORK_ID\n",
        out.display(),
        out.display(),
        out.display()
    ));
    Ok(report)
}
