//! The policy: one use case's manifest, term lists and Rhai scripts, validated and compiled once into the value
//! every later stage reads. `compile` is a pure function from file contents to a `Policy` (or every fault found,
//! not just the first), so `check`, `run`, `watch` and the fuzzer share one code path; reading the files from
//! disk is `ingest`'s job.
//!
//! **Invariant:** a `Policy` value has passed every check `ndas check` makes; there is no half-valid policy.
//! Its `version` is the content hash of every file it was built from, so any output names exactly the rules
//! behind it.

pub mod fault;
pub mod manifest;
pub mod terms;
mod variants;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

pub use fault::{PolicyFault, Severity};
pub use manifest::Manifest;
pub use terms::{Strength, Term, TermList, TermSource};

use crate::ids::{ListId, TermId};
use crate::matcher::{self, Hit, Matcher, Negation, Pattern, TermIndex, TermKind, proximity};
use crate::phone;
use crate::script::{CompiledScript, Sandbox};
use crate::yaml::{self, Location};

/// The files of one use case, as read from a policy root. Paths are relative to the root and use `/`.
#[derive(Clone, Debug, Default)]
pub struct PolicyFiles {
    pub use_case: String,
    pub files: BTreeMap<String, Arc<str>>,
}

impl PolicyFiles {
    pub fn manifest_path(&self) -> String {
        format!("rules/{}/usecase.yaml", self.use_case)
    }
    pub fn script_path(&self, name: &str) -> String {
        format!("rules/{}/{}", self.use_case, name)
    }
    pub fn lists_dir(&self) -> String {
        format!("reference_files/{}/", self.use_case)
    }
}

/// A term that will not match in this run, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedTerm {
    pub id: TermId,
    pub reason: String,
}

/// A validated, compiled use case.
pub struct Policy {
    pub use_case: String,
    pub manifest: Manifest,
    /// First 16 hex digits of `full_hash`; stamped on every fired row.
    pub version: String,
    pub full_hash: String,
    /// (path, content hash) of every file the policy was built from.
    pub files: Vec<(String, String)>,
    pub lists: Vec<TermList>,
    pub terms: Vec<Term>,
    pub matcher: Matcher,
    /// The manifest's `ruled_out` phrases, matched as phrase terms are (no negation).
    pub ruled_out: Matcher,
    pub sandbox: Sandbox,
    pub classify: CompiledScript,
    pub score_scripts: BTreeMap<String, CompiledScript>,
    /// The network harm script, when the manifest has a `networks` section.
    pub network_script: Option<CompiledScript>,
    pub skipped: Vec<SkippedTerm>,
    /// The date the policy was judged against (stale terms, `review_by` warnings).
    pub as_of: NaiveDate,
}

/// A compiled policy with the warnings found on the way.
pub struct Compiled {
    pub policy: Policy,
    pub warnings: Vec<PolicyFault>,
}

/// A policy that failed validation: every error and warning, in file order.
#[derive(Debug, thiserror::Error)]
#[error("policy `{use_case}` has {} error(s); first: {}", errors(.faults), first_error(.faults))]
pub struct PolicyInvalid {
    pub use_case: String,
    pub faults: Vec<PolicyFault>,
}

fn errors(faults: &[PolicyFault]) -> usize {
    faults.iter().filter(|f| f.is_error()).count()
}

fn first_error(faults: &[PolicyFault]) -> String {
    faults
        .iter()
        .find(|f| f.is_error())
        .map(ToString::to_string)
        .unwrap_or_default()
}

impl Policy {
    pub fn term(&self, index: TermIndex) -> Option<&Term> {
        self.terms.get(index.0)
    }

    /// The manifest's `ruled_out` phrases in `text`, as written there (whitespace runs as one space), in
    /// order of appearance.
    ///
    /// A phrase that runs into a quotation is not one: the matcher reads `works "alone, for myself"` as the
    /// phrase "works alone", but the words after the quote mark are the person's claim, which the record goes
    /// on to test ("However: no keys to the flat"), not the writer's conclusion. A phrase wholly inside a
    /// quotation still counts (an RHI's conclusion quoted: `RHI: "No concerns of exploitation identified"`).
    pub fn ruled_out_in(&self, text: &str) -> Vec<String> {
        self.ruled_out
            .find(text)
            .iter()
            .filter_map(|hit| text.get(hit.start..hit.end))
            .filter(|span| !matcher::opens_quotation(span))
            .map(matcher::collapse_whitespace)
            .collect()
    }

    /// Hits of the terms active in this run.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut hits = self.matcher.find(text);
        self.keep_active(&mut hits);
        hits
    }

    /// `find` for many texts at once (faster: see `Matcher::find_batch`).
    pub fn find_batch(&self, texts: &[&str]) -> Vec<Vec<Hit>> {
        let mut batch = self.matcher.find_batch(texts);
        for hits in &mut batch {
            self.keep_active(hits);
        }
        batch
    }

    fn keep_active(&self, hits: &mut Vec<Hit>) {
        hits.retain(|h| self.terms.get(h.term.0).is_some_and(|t| t.active));
    }

    pub fn list(&self, id: &ListId) -> Option<&TermList> {
        self.lists.iter().find(|l| &l.id == id)
    }
}

fn hash_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn short(hash: &str) -> String {
    hash.get(..16).unwrap_or(hash).to_string()
}

fn is_well_formed_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Validates and compiles `files`, judging dates against `as_of`.
pub fn compile(files: &PolicyFiles, as_of: NaiveDate) -> Result<Compiled, PolicyInvalid> {
    let mut faults: Vec<PolicyFault> = Vec::new();
    let invalid = |faults: Vec<PolicyFault>| PolicyInvalid {
        use_case: files.use_case.clone(),
        faults,
    };

    // The manifest first: without it nothing else can be judged.
    let manifest_path = files.manifest_path();
    let Some(manifest_text) = files.files.get(&manifest_path) else {
        return Err(invalid(vec![
            PolicyFault::error(&manifest_path, Location { line: 1, column: 1 }, "use case manifest is missing")
                .with_help("every use case needs `rules/<use case>/usecase.yaml`; is --policy pointing at the policy root?"),
        ]));
    };
    let manifest: Manifest = match yaml::parse(manifest_text) {
        Ok(m) => m,
        Err(err) => {
            return Err(invalid(vec![
                PolicyFault::error(&manifest_path, err.location, err.message)
                    .with_source(manifest_text),
            ]));
        }
    };
    check_manifest(
        &manifest,
        &files.use_case,
        &manifest_path,
        manifest_text,
        &mut faults,
    );

    // Term lists.
    let mut lists: Vec<TermList> = Vec::new();
    let mut terms: Vec<Term> = Vec::new();
    let mut seen_ids: HashMap<String, (String, usize)> = HashMap::new();
    let lists_dir = files.lists_dir();
    for (path, text) in files.files.range(lists_dir.clone()..) {
        let Some(file_name) = path.strip_prefix(&lists_dir) else {
            break;
        };
        if file_name.contains('/') || !(file_name.ends_with(".yaml") || file_name.ends_with(".yml"))
        {
            continue;
        }
        let stem = file_name.trim_end_matches(".yaml").trim_end_matches(".yml");
        load_list(
            path,
            stem,
            text,
            &manifest,
            as_of,
            &mut seen_ids,
            &mut lists,
            &mut terms,
            &mut faults,
        );
    }
    if lists.is_empty() {
        faults.push(PolicyFault::error(
            &manifest_path,
            Location { line: 1, column: 1 },
            format!("no term lists found under `{lists_dir}`"),
        ));
    }

    // Scripts.
    let sandbox = Sandbox::new();
    let forbidden = manifest.forbidden_attributes();
    let compile_script = |name: &str, location: Location, faults: &mut Vec<PolicyFault>| {
        let path = files.script_path(name);
        let Some(source) = files.files.get(&path) else {
            faults.push(
                PolicyFault::error(
                    &manifest_path,
                    location,
                    format!("script `{path}` does not exist"),
                )
                .with_source(manifest_text),
            );
            return None;
        };
        match sandbox.compile(&path, source) {
            Ok(script) => {
                let lint = sandbox.lint(&script, source, &forbidden);
                let clean = lint.is_empty();
                for fault in lint {
                    faults.push(
                        PolicyFault::error(
                            &path,
                            Location {
                                line: fault.line,
                                column: fault.column,
                            },
                            fault.message,
                        )
                        .about(format!("script `{name}`"))
                        .with_source(source),
                    );
                }
                clean.then_some(script)
            }
            Err(fault) => {
                faults.push(
                    PolicyFault::error(
                        &path,
                        Location {
                            line: fault.line,
                            column: fault.column,
                        },
                        fault.message,
                    )
                    .about(format!("script `{name}`"))
                    .with_source(source),
                );
                None
            }
        }
    };
    let classify_at =
        yaml::locate(manifest_text, "script", &manifest.classify.script).unwrap_or_default();
    let classify = compile_script(&manifest.classify.script, classify_at, &mut faults);
    if let Some(script) = &classify
        && !script.has_function("classify", 1)
    {
        faults.push(
            PolicyFault::error(
                &script.file,
                Location { line: 1, column: 1 },
                "script must define `fn classify(event)`",
            )
            .with_source(files.files.get(&script.file).unwrap_or(manifest_text)),
        );
    }
    let mut score_scripts = BTreeMap::new();
    for (score, config) in &manifest.scores {
        let at = yaml::locate(manifest_text, "script", &config.script).unwrap_or_default();
        if let Some(script) = compile_script(&config.script, at, &mut faults) {
            if !script.has_function("score", 1) {
                faults.push(
                    PolicyFault::error(
                        &script.file,
                        Location { line: 1, column: 1 },
                        format!("score script for `{score}` must define `fn score(person)`"),
                    )
                    .with_source(files.files.get(&script.file).unwrap_or(manifest_text)),
                );
            }
            score_scripts.insert(score.clone(), script);
        }
    }
    let mut network_script = None;
    if let Some(networks) = &manifest.networks {
        let at = yaml::locate(manifest_text, "script", &networks.harm.script).unwrap_or_default();
        if let Some(script) = compile_script(&networks.harm.script, at, &mut faults) {
            if !script.has_function("score", 1) {
                faults.push(
                    PolicyFault::error(
                        &script.file,
                        Location { line: 1, column: 1 },
                        "network harm script must define `fn score(network)`",
                    )
                    .with_source(files.files.get(&script.file).unwrap_or(manifest_text)),
                );
            }
            network_script = Some(script);
        }
    }

    // The matcher, then the examples, which are tests of the terms through the real matcher.
    let negation = Negation {
        cues: manifest.negation.cues.clone(),
        post_cues: manifest.negation.post_cues.clone(),
        terminators: manifest.negation.terminators.clone(),
        window: manifest.negation.window,
        window_words: manifest.negation.window_words,
    };
    let patterns: Vec<Pattern> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| Pattern {
            term: TermIndex(i),
            kind: t.kind,
            text: &t.text,
            near: &t.near,
            within: t.within,
        })
        .collect();
    // A matcher that cannot be built is a fault of the manifest (its lists are too large for the automaton).
    let mut build = |patterns: &[Pattern], negation: &Negation, what: &str| {
        Matcher::new(patterns, negation)
            .map_err(|err| {
                faults.push(PolicyFault::error(
                    &manifest_path,
                    Location::default(),
                    format!("{what}: {err}"),
                ));
            })
            .ok()
    };
    let matcher = build(&patterns, &negation, "terms");
    let ruled_out_patterns: Vec<Pattern> = manifest
        .ruled_out
        .iter()
        .enumerate()
        .map(|(i, text)| Pattern {
            term: TermIndex(i),
            kind: TermKind::Phrase,
            text,
            near: &[],
            within: 0,
        })
        .collect();
    let ruled_out = build(
        &ruled_out_patterns,
        &Negation::default(),
        "ruled_out phrases",
    );
    if let Some(matcher) = &matcher {
        check_examples(&terms, matcher, files, &mut faults);
        check_other_senses(&terms, matcher, files, &mut faults);
        check_covered_terms(&terms, matcher, files, &mut faults);
    }
    check_repeated_terms(&terms, files, &mut faults);
    variants::check_marks(&terms, &seen_ids, files, &mut faults);
    variants::check_unmarked(&terms, files, &mut faults);
    if let Some(ruled_out) = &ruled_out {
        check_repeated_ruled_out(
            &manifest.ruled_out,
            ruled_out,
            &manifest_path,
            manifest_text,
            &mut faults,
        );
    }

    let skipped: Vec<SkippedTerm> = terms
        .iter()
        .filter(|t| !t.active)
        .map(|t| SkippedTerm {
            id: t.id.clone(),
            reason: format!(
                "intelligence-led term past its review_by date {}",
                t.review_by.map(|d| d.to_string()).unwrap_or_default()
            ),
        })
        .collect();

    faults.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    let (Some(matcher), Some(ruled_out), Some(classify), false) = (
        matcher,
        ruled_out,
        classify,
        faults.iter().any(PolicyFault::is_error),
    ) else {
        return Err(invalid(faults));
    };

    let file_hashes: Vec<(String, String)> = files
        .files
        .iter()
        .map(|(path, text)| (path.clone(), hash_hex(text.as_bytes())))
        .collect();
    let mut whole = Sha256::new();
    for (path, hash) in &file_hashes {
        whole.update(path.as_bytes());
        whole.update([0]);
        whole.update(hash.as_bytes());
        whole.update([0]);
    }
    let full_hash: String = whole
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Compiled {
        policy: Policy {
            use_case: files.use_case.clone(),
            version: short(&full_hash),
            full_hash,
            files: file_hashes,
            manifest,
            lists,
            terms,
            matcher,
            ruled_out,
            sandbox,
            classify,
            score_scripts,
            network_script,
            skipped,
            as_of,
        },
        warnings: faults,
    })
}

fn check_manifest(
    manifest: &Manifest,
    use_case: &str,
    path: &str,
    text: &Arc<str>,
    faults: &mut Vec<PolicyFault>,
) {
    let at = |key: &str, value: &str| {
        yaml::locate(text, key, value).unwrap_or(Location { line: 1, column: 1 })
    };
    if manifest.name != use_case {
        faults.push(
            PolicyFault::error(
                path,
                at("name", &manifest.name),
                format!(
                    "manifest name `{}` does not match its folder `{use_case}`",
                    manifest.name
                ),
            )
            .with_source(text),
        );
    }
    if manifest.labels.is_empty() {
        faults.push(
            PolicyFault::error(
                path,
                at("labels", ""),
                "a use case needs at least one label",
            )
            .with_source(text),
        );
    }
    for permitted in &manifest.permitted_attributes {
        let location = at("attribute", &permitted.attribute);
        let attribute = permitted.attribute.as_str();
        let known = manifest::EVENT_ATTRIBUTES.contains(&attribute)
            || manifest::NOMINAL_ATTRIBUTES.contains(&attribute)
            || manifest::PROTECTED_ATTRIBUTES.contains(&attribute);
        if !known {
            faults.push(
                PolicyFault::error(path, location, format!("unknown attribute `{attribute}`"))
                    .with_help(format!(
                        "scripts can be given: {}, {}",
                        manifest::EVENT_ATTRIBUTES.join(", "),
                        manifest::NOMINAL_ATTRIBUTES.join(", ")
                    ))
                    .with_source(text),
            );
        } else if manifest::PROTECTED_ATTRIBUTES.contains(&attribute) {
            let allowed = manifest::LOCATION_ATTRIBUTES.contains(&attribute)
                && manifest.name == manifest::LOCATION_USE_CASE;
            if !allowed {
                faults.push(
                    PolicyFault::error(path, location, format!(
                        "`{attribute}` is a protected attribute and may not be given to scripts in use case `{}`",
                        manifest.name
                    ))
                    .with_help("ethnicity and sex are never inputs to a score or filter; location only for firearms")
                    .with_source(text),
                );
            }
        }
        if permitted.reason.trim().is_empty() {
            faults.push(
                PolicyFault::error(
                    path,
                    location,
                    format!("attribute `{attribute}` needs a reason"),
                )
                .with_source(text),
            );
        }
    }
    if manifest.classify.threshold <= 0 {
        faults.push(
            PolicyFault::error(
                path,
                at("threshold", &manifest.classify.threshold.to_string()),
                "classify threshold must be positive",
            )
            .with_source(text),
        );
    }
    let probability = manifest.people.match_probability;
    if !(probability > 0.0 && probability <= 1.0) {
        faults.push(
            PolicyFault::error(
                path,
                yaml::locate_key_after(text, Location { line: 0, column: 1 }, "match_probability")
                    .unwrap_or_default(),
                format!(
                    "people.match_probability must be above 0 and at most 1, not {probability}"
                ),
            )
            .with_source(text),
        );
    }
    for (name, score) in &manifest.scores {
        if score.min > score.max {
            faults.push(
                PolicyFault::error(
                    path,
                    at("script", &score.script),
                    format!("score `{name}` has min above max"),
                )
                .with_source(text),
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn load_list(
    path: &str,
    stem: &str,
    text: &Arc<str>,
    manifest: &Manifest,
    as_of: NaiveDate,
    seen_ids: &mut HashMap<String, (String, usize)>,
    lists: &mut Vec<TermList>,
    terms: &mut Vec<Term>,
    faults: &mut Vec<PolicyFault>,
) {
    let file: terms::TermListFile = match yaml::parse(text) {
        Ok(f) => f,
        Err(err) => {
            faults.push(PolicyFault::error(path, err.location, err.message).with_source(text));
            return;
        }
    };
    let top = |key: &str, value: &str| {
        yaml::locate(text, key, value).unwrap_or(Location { line: 1, column: 1 })
    };
    if file.list != stem {
        faults.push(
            PolicyFault::error(
                path,
                top("list", &file.list),
                format!("list `{}` must be named like its file `{stem}`", file.list),
            )
            .with_source(text),
        );
    }
    if !manifest.categories.contains(&file.category) {
        faults.push(
            PolicyFault::error(
                path,
                top("category", &file.category),
                format!("unknown category `{}`", file.category),
            )
            .with_help(format!(
                "categories of this use case: {}",
                manifest.categories.join(", ")
            ))
            .with_source(text),
        );
    }
    let list_id = ListId::new(&file.list);
    lists.push(TermList {
        id: list_id.clone(),
        category: file.category.clone(),
        description: file.description.clone(),
        file: path.to_string(),
        version: short(&hash_hex(text.as_bytes())),
    });
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    for entry in file.terms {
        let nth = occurrences.entry(entry.id.clone()).or_insert(0);
        let location = yaml::locate_nth(text, "id", &entry.id, *nth)
            .unwrap_or(Location { line: 1, column: 1 });
        *nth += 1;
        let subject = format!("term `{}`", entry.id);
        let fault = |message: String| {
            PolicyFault::error(path, location, message)
                .about(subject.clone())
                .with_source(text)
        };
        let field = |key: &str| yaml::locate_key_after(text, location, key).unwrap_or(location);
        if !is_well_formed_id(&entry.id) {
            faults.push(fault(
                "term id must be letters, digits, `-`, `_` or `.`, e.g. `LINE-0001`".into(),
            ));
        }
        if let Some((other_file, other_line)) = seen_ids.get(&entry.id) {
            faults.push(fault(format!(
                "duplicate term id; first defined at {other_file}:{other_line}"
            )).with_help("term ids are unique within a use case and never reused; give this term a new id"));
        } else {
            seen_ids.insert(entry.id.clone(), (path.to_string(), location.line));
        }
        let mut ok = true;
        let within = entry.within.unwrap_or(proximity::DEFAULT_WITHIN);
        if entry.kind == TermKind::Near {
            let has_words = |c: &String| c.chars().any(char::is_alphanumeric);
            if entry.near.is_empty() || !entry.near.iter().all(has_words) {
                faults.push(
                    PolicyFault::error(
                        path,
                        field("near"),
                        "a `match: near` term needs `near`: a list of companion phrases, each with a word in it"
                            .to_string(),
                    )
                    .about(subject.clone())
                    .with_help("e.g. `near: [\"kept by\", \"holds\"]`; the term counts only with one of them a few words away")
                    .with_source(text),
                );
                ok = false;
            }
            if !(1..=proximity::MAX_WITHIN).contains(&within) {
                faults.push(
                    PolicyFault::error(
                        path,
                        field("within"),
                        format!(
                            "`within` is {within} words; it must be 1 to {}",
                            proximity::MAX_WITHIN
                        ),
                    )
                    .about(subject.clone())
                    .with_source(text),
                );
                ok = false;
            }
        } else if !entry.near.is_empty() || entry.within.is_some() {
            let key = if entry.near.is_empty() {
                "within"
            } else {
                "near"
            };
            faults.push(
                PolicyFault::error(
                    path,
                    field(key),
                    format!("`{key}` applies only to a `match: near` term"),
                )
                .about(subject.clone())
                .with_help("add `match: near`, or remove the key")
                .with_source(text),
            );
            ok = false;
        }
        match entry.kind {
            TermKind::Phrase | TermKind::Near => {
                let normalised = matcher::normalise_phrase(&entry.term);
                if normalised.is_empty() {
                    faults.push(
                        PolicyFault::error(path, field("term"), "term is empty".to_string())
                            .about(subject.clone())
                            .with_source(text),
                    );
                    ok = false;
                } else if !normalised.chars().any(char::is_alphanumeric) {
                    faults.push(PolicyFault::error(path, field("term"), format!(
                        "term `{}` has no letters or digits and would match punctuation everywhere",
                        entry.term
                    )).about(subject.clone()).with_source(text));
                    ok = false;
                }
            }
            TermKind::Phone => {
                if phone::normalise(&entry.term).is_none() {
                    faults.push(PolicyFault::error(path, field("term"), format!(
                        "`{}` is not a UK phone number",
                        entry.term
                    ))
                    .about(subject.clone())
                    .with_help("write it as 0 and ten digits, e.g. `07700 900123` (or +44 7700 900123)")
                    .with_source(text));
                    ok = false;
                }
            }
        }
        let added = parse_date(&entry.added);
        if added.is_none() {
            faults.push(
                PolicyFault::error(
                    path,
                    field("added"),
                    format!("`added` date `{}` is not YYYY-MM-DD", entry.added),
                )
                .about(subject.clone())
                .with_source(text),
            );
            ok = false;
        }
        let review_by = match &entry.review_by {
            None => None,
            Some(raw) => match parse_date(raw) {
                Some(d) => Some(d),
                None => {
                    faults.push(
                        PolicyFault::error(
                            path,
                            field("review_by"),
                            format!("`review_by` date `{raw}` is not YYYY-MM-DD"),
                        )
                        .about(subject.clone())
                        .with_source(text),
                    );
                    ok = false;
                    None
                }
            },
        };
        if entry.added_by.trim().is_empty() || entry.rationale.trim().is_empty() {
            faults.push(fault("`added_by` and `rationale` must not be empty".into()));
            ok = false;
        }
        if entry.examples.should_match.is_empty() {
            faults.push(
                PolicyFault::warning(
                    path,
                    location,
                    "no `examples.match`: add a sentence this term should catch",
                )
                .about(subject.clone())
                .with_source(text),
            );
        }
        let mut active = true;
        if let Some(review_by) = review_by {
            if review_by < as_of {
                let skip = entry.source == TermSource::Intelligence
                    && manifest.stale_intelligence == manifest::StalePolicy::Skip;
                active = !skip;
                let consequence = if skip {
                    "; it is skipped in runs until reviewed"
                } else {
                    ""
                };
                faults.push(
                    PolicyFault::warning(
                        path,
                        field("review_by"),
                        format!("past its review_by date {review_by}{consequence}"),
                    )
                    .about(subject.clone())
                    .with_source(text),
                );
            }
        } else if entry.source == TermSource::Intelligence {
            faults.push(
                PolicyFault::warning(
                    path,
                    location,
                    "intelligence-led term without `review_by`: intelligence goes stale",
                )
                .about(subject.clone())
                .with_source(text),
            );
        }
        if let (true, Some(added)) = (ok, added) {
            terms.push(Term {
                id: TermId::new(&entry.id),
                text: entry.term,
                kind: entry.kind,
                near: entry.near,
                within: if entry.kind == TermKind::Near {
                    within
                } else {
                    0
                },
                strength: entry.strength,
                variant_of: entry.variant_of.as_deref().map(TermId::new),
                source: entry.source,
                list: list_id.clone(),
                category: file.category.clone(),
                added,
                added_by: entry.added_by,
                rationale: entry.rationale,
                review_by,
                examples: entry.examples,
                file: path.to_string(),
                line: location.line,
                active,
            });
        }
    }
}

/// A term whose words (and companions, for a `near` term; number, for a phone) repeat an earlier term's. One
/// piece of text counts once, for the term defined first (hits are ordered by span, then policy order), so the
/// later term never counts: a silent no-op an SME should hear about, wherever the first one is. Words are
/// compared in every spelling the matcher looks for (`matcher::spellings`): "til its gone" is one of the
/// spellings of "til it's gone", whose apostrophe a text may leave out, so whichever of the two comes second
/// adds nothing, and an earlier "til its gone" beside a later "til it's gone" is the one reported. Terms skipped
/// for this run (stale intelligence) match nothing, so they neither repeat nor are repeated.
fn check_repeated_terms(terms: &[Term], files: &PolicyFiles, faults: &mut Vec<PolicyFault>) {
    type Key = (TermKind, String, Vec<String>);
    let mut spelled: Vec<Vec<String>> = Vec::new();
    let mut by_spelling: HashMap<Key, Vec<usize>> = HashMap::new();
    let mut reported: HashSet<usize> = HashSet::new();
    let active: Vec<&Term> = terms.iter().filter(|t| t.active).collect();
    for (index, term) in active.iter().enumerate() {
        let spellings = match term.kind {
            // A number that does not parse is reported as an error already.
            TermKind::Phone => phone::normalise(&term.text).into_iter().collect(),
            TermKind::Phrase | TermKind::Near => matcher::spellings(&term.text),
        };
        let companions = term.companions();
        let key = |spelling: &String| (term.kind, spelling.clone(), companions.clone());
        let within = |small: &[String], large: &[String]| small.iter().all(|s| large.contains(s));
        let earlier = spellings
            .iter()
            .filter_map(|spelling| by_spelling.get(&key(spelling)))
            .flatten()
            .copied()
            .find(|&other| {
                let theirs = spelled.get(other).map(Vec::as_slice).unwrap_or(&[]);
                within(&spellings, theirs) || within(theirs, &spellings)
            });
        if let Some(other) = earlier
            && let Some(&first) = active.get(other)
        {
            let theirs = spelled.get(other).map(Vec::as_slice).unwrap_or(&[]);
            if within(&spellings, theirs) {
                faults.push(term_warning(
                    term,
                    files,
                    format!(
                        "never counts: term `{}` in list `{}` ({}:{}) matches the same words and counts first",
                        first.id, first.list, first.file, first.line
                    ),
                    "one piece of text counts once; delete one of the two, or give this one different words",
                ));
            } else if reported.insert(other) {
                faults.push(term_warning(
                    first,
                    files,
                    format!(
                        "adds nothing: term `{}` in list `{}` ({}:{}) matches these words too, also where a text leaves out an apostrophe",
                        term.id, term.list, term.file, term.line
                    ),
                    "one piece of text counts once; delete this one, or give it different words",
                ));
            }
        }
        for spelling in &spellings {
            by_spelling.entry(key(spelling)).or_default().push(index);
        }
        spelled.push(spellings);
    }
}

/// A ruled-out phrase that repeats another, or holds another in its words, decides nothing: wherever it matches
/// the other matches too, and the record is already ruled out. (The shorter phrase also ends first, so it is the
/// one `e.ruled_out` quotes first.) A silent no-op, as a repeated term is; the review of 2be7ee5 found six such
/// phrases by hand. The later of two repeats is the one reported.
fn check_repeated_ruled_out(
    phrases: &[String],
    matcher: &Matcher,
    path: &str,
    text: &Arc<str>,
    faults: &mut Vec<PolicyFault>,
) {
    let at = |index: usize| yaml::locate_list_item(text, "ruled_out", index).unwrap_or_default();
    for (index, phrase) in phrases.iter().enumerate() {
        let own = matcher::normalise_phrase(phrase);
        let other = matcher
            .find(phrase)
            .into_iter()
            .filter_map(|hit| Some((hit.term.0, phrases.get(hit.term.0)?)))
            .find(|&(other, words)| {
                other != index && (other < index || matcher::normalise_phrase(words) != own)
            });
        let Some((other, words)) = other else {
            continue;
        };
        let line = at(other).line;
        let message = if matcher::normalise_phrase(words) == own {
            format!("decides nothing: it repeats line {line}")
        } else {
            format!(
                "decides nothing: it holds `{words}` (line {line}), which rules the record out wherever this matches"
            )
        };
        faults.push(
            PolicyFault::warning(path, at(index), message)
                .about(format!("ruled-out phrase `{phrase}`"))
                .with_help(
                    "delete this phrase; the shorter one already covers every record it would",
                )
                .with_source(text),
        );
    }
}

/// A term of strength `other_sense` exists to stop a counted term inside its words counting; one whose own
/// words hold no counted term changes nothing, which is worth a warning (a typo in either term, or a term
/// since removed).
fn check_other_senses(
    terms: &[Term],
    matcher: &Matcher,
    files: &PolicyFiles,
    faults: &mut Vec<PolicyFault>,
) {
    let counted = |index: TermIndex| {
        terms
            .get(index.0)
            .is_some_and(|t| t.active && t.strength.counts())
    };
    for term in terms.iter().filter(|t| t.active && !t.strength.counts()) {
        if matcher.find(&term.text).iter().any(|h| counted(h.term)) {
            continue;
        }
        faults.push(term_warning(
            term,
            files,
            format!(
                "changes nothing: other_sense term `{}` holds no counted term in its words",
                term.text
            ),
            "an other_sense term stops the term inside it counting; check both spellings",
        ));
    }
}

/// A term whose words hold another term of its category and strength adds no evidence of its own: wherever it
/// matches, the shorter term matches inside it ("card" beside "keeps" inside "keeps the card", "sort code"
/// beside "same" inside "same sort code"), and one piece of text counts once, so the longer term only takes
/// the shorter one's place there. Where the shorter one also matches elsewhere in the same text, the two count
/// one sign twice. The words are read as a text, by the matcher itself, so whatever would find the shorter
/// term in a report (spellings, a near term's companions and reach) decides. A longer term of another strength
/// or category is a different sign and is left alone; an identical one is `check_repeated_terms`' to report.
fn check_covered_terms(
    terms: &[Term],
    matcher: &Matcher,
    files: &PolicyFiles,
    faults: &mut Vec<PolicyFault>,
) {
    // A script that names a term ("FIN-0042", cash) reads it as a sign of its own, and the terms around it
    // are then not the same sign.
    let named_by_a_script = |id: &str| {
        let quoted = format!("\"{id}\"");
        files
            .files
            .iter()
            .any(|(path, text)| path.ends_with(".rhai") && text.contains(&quoted))
    };
    for (index, term) in terms.iter().enumerate() {
        if !term.active || !term.strength.counts() || term.kind == TermKind::Phone {
            continue;
        }
        let own = matcher::spellings(&term.text);
        let own_companions = term.companions();
        let covering = matcher.find(&term.text).into_iter().find_map(|hit| {
            let other = terms.get(hit.term.0)?;
            let same_sign = other.category == term.category && other.strength == term.strength;
            // Same words and companions as the matcher reads them (a phrase and a near term on one anchor are not
            // the same words).
            let repeats = || {
                other.kind == term.kind
                    && other.companions() == own_companions
                    && matcher::spellings(&other.text)
                        .iter()
                        .any(|s| own.contains(s))
            };
            // The script lookup reads every script, so it comes last, for the few hits that pass the rest.
            (hit.term.0 != index
                && other.active
                && same_sign
                && !hit.negated
                && !repeats()
                && !named_by_a_script(other.id.as_str()))
            .then_some(other)
        });
        let Some(other) = covering else {
            continue;
        };
        let how = if other.kind == TermKind::Near {
            format!("`{}` beside `{}`", other.text, other.near.join("` or `"))
        } else {
            format!("`{}`", other.text)
        };
        faults.push(term_warning(
            term,
            files,
            format!(
                "covered: term `{}` in list `{}` ({}:{}), {how}, matches inside these words with the same category and strength, so this term adds no evidence",
                other.id, other.list, other.file, other.line
            ),
            "delete this term, or make it a different strength if these words are a different sign",
        ));
    }
}

/// A warning about one term, at its `id` line, with the file's text for the rendered snippet.
fn term_warning(term: &Term, files: &PolicyFiles, message: String, help: &str) -> PolicyFault {
    let source = files.files.get(&term.file);
    let location = source
        .and_then(|s| yaml::locate_nth(s, "id", term.id.as_str(), 0))
        .unwrap_or(Location {
            line: term.line,
            column: 1,
        });
    let mut fault = PolicyFault::warning(&term.file, location, message)
        .about(format!("term `{}`", term.id))
        .with_help(help);
    if let Some(source) = source {
        fault = fault.with_source(source);
    }
    fault
}

/// An error about one term, at its `key` (at its `id` line when the key is not written), with the file's text
/// for the rendered snippet.
fn term_error_at(term: &Term, files: &PolicyFiles, key: &str, message: String) -> PolicyFault {
    let source = files.files.get(&term.file);
    let id_line = Location {
        line: term.line,
        column: 1,
    };
    let location = source
        .and_then(|s| yaml::locate_key_after(s, id_line, key))
        .unwrap_or(id_line);
    let mut fault =
        PolicyFault::error(&term.file, location, message).about(format!("term `{}`", term.id));
    if let Some(source) = source {
        fault = fault.with_source(source);
    }
    fault
}

/// Every `examples.match` sentence must produce an un-negated hit of its own term; no `no_match` sentence may.
fn check_examples(
    terms: &[Term],
    matcher: &Matcher,
    files: &PolicyFiles,
    faults: &mut Vec<PolicyFault>,
) {
    for (index, term) in terms.iter().enumerate() {
        let own_hit = |sentence: &str| {
            matcher
                .find(sentence)
                .iter()
                .any(|h| h.term == TermIndex(index) && !h.negated)
        };
        let mut push =
            |message: String| faults.push(term_error_at(term, files, "examples", message));
        for sentence in &term.examples.should_match {
            if !own_hit(sentence) {
                push(format!(
                    "example `{sentence}` should match `{}` but does not",
                    term.text
                ));
            }
        }
        for sentence in &term.examples.no_match {
            if own_hit(sentence) {
                push(format!(
                    "example `{sentence}` should not match `{}` but does",
                    term.text
                ));
            }
        }
    }
}
