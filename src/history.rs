//! Rule and term history: given the policy at successive versions (git commits, or versions in the store),
//! what happened to each term (added, changed field by field, removed) and each rule (added, its `fire` line
//! changed, removed). Pure: versions in, changes out.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::policy::PolicyFiles;

/// Who and when, for one version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionInfo {
    /// A commit id or a policy version.
    pub id: String,
    pub author: String,
    /// `YYYY-MM-DD HH:MM` (UTC).
    pub when: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Term(String),
    Rule(String),
}

impl Subject {
    pub fn id(&self) -> &str {
        match self {
            Subject::Term(id) | Subject::Rule(id) => id,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added(String),
    /// (field, before, after)
    Changed(Vec<(String, String, String)>),
    Removed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub version: VersionInfo,
    pub subject: Subject,
    pub kind: ChangeKind,
}

impl Change {
    /// One line for a person: "LINE-0042  2026-11-20 14:03  a1b2c3d4e5  alice  changed review_by: ... ("msg")".
    pub fn line(&self) -> String {
        let what = match &self.kind {
            ChangeKind::Added(summary) => format!("added: {summary}"),
            ChangeKind::Removed => "removed".to_string(),
            ChangeKind::Changed(fields) => format!(
                "changed {}",
                fields
                    .iter()
                    .map(|(f, a, b)| format!("{f}: {a} -> {b}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        };
        let kind = match self.subject {
            Subject::Term(_) => "term",
            Subject::Rule(_) => "rule",
        };
        format!(
            "{kind} {:<16} {}  {}  {:<14} {what}  (\"{}\")",
            self.subject.id(),
            self.version.when,
            self.version.id,
            self.version.author,
            self.version.message
        )
    }
}

/// Every term of a policy: id -> (list file, the entry's fields as text).
fn terms(files: &PolicyFiles) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let prefix = files.lists_dir();
    for (path, text) in &files.files {
        if !path.starts_with(&prefix) {
            continue;
        }
        let Ok(list) = crate::yaml::parse::<Value>(text) else {
            continue;
        };
        let Some(entries) = list.get("terms").and_then(Value::as_array) else {
            continue;
        };
        for entry in entries {
            let Some(map) = entry.as_object() else {
                continue;
            };
            let Some(id) = map.get("id").and_then(Value::as_str) else {
                continue;
            };
            let mut fields: BTreeMap<String, String> = map
                .iter()
                .filter(|(k, _)| k.as_str() != "id")
                .map(|(k, v)| {
                    let shown = match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.clone(), shown)
                })
                .collect();
            fields.insert("list".into(), path.trim_start_matches(&prefix).to_string());
            out.insert(id.to_string(), fields);
        }
    }
    out
}

/// Every rule id named by a `fire` call in the scripts: id -> the call lines, trimmed (so a change of points
/// or reason shows).
fn rules(files: &PolicyFiles) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, text) in &files.files {
        if !path.ends_with(".rhai") {
            continue;
        }
        for line in text.lines() {
            for call in ["fire(\"", "fire_with_events(\""] {
                let mut rest = line;
                while let Some(after) = rest.find(call).and_then(|at| rest.get(at + call.len()..)) {
                    if let Some(id) = after.find('"').and_then(|end| after.get(..end)) {
                        out.entry(id.to_string())
                            .or_default()
                            .push(line.trim().to_string());
                    }
                    rest = after;
                }
            }
        }
    }
    out.into_iter().map(|(k, v)| (k, v.join(" | "))).collect()
}

fn summary(fields: &BTreeMap<String, String>) -> String {
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    format!(
        "\"{}\" ({}, {} match, source {})",
        get("term"),
        get("list"),
        if get("match").is_empty() {
            "phrase"
        } else {
            get("match")
        },
        get("source")
    )
}

/// Changes between successive versions, oldest first. The first version's terms and rules count as added.
pub fn changes(versions: &[(VersionInfo, PolicyFiles)]) -> Vec<Change> {
    let mut out = Vec::new();
    let mut before_terms: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut before_rules: BTreeMap<String, String> = BTreeMap::new();
    for (info, files) in versions {
        let after_terms = terms(files);
        let after_rules = rules(files);
        for (id, fields) in &after_terms {
            let kind = match before_terms.get(id) {
                None => Some(ChangeKind::Added(summary(fields))),
                Some(old) if old != fields => {
                    let mut keys: Vec<&String> = old.keys().chain(fields.keys()).collect();
                    keys.sort();
                    keys.dedup();
                    let diffs = keys
                        .into_iter()
                        .filter_map(|k| {
                            let (a, b) = (old.get(k), fields.get(k));
                            (a != b).then(|| {
                                (
                                    k.clone(),
                                    a.cloned().unwrap_or_else(|| "(none)".into()),
                                    b.cloned().unwrap_or_else(|| "(none)".into()),
                                )
                            })
                        })
                        .collect();
                    Some(ChangeKind::Changed(diffs))
                }
                Some(_) => None,
            };
            if let Some(kind) = kind {
                out.push(Change {
                    version: info.clone(),
                    subject: Subject::Term(id.clone()),
                    kind,
                });
            }
        }
        for id in before_terms
            .keys()
            .filter(|id| !after_terms.contains_key(*id))
        {
            out.push(Change {
                version: info.clone(),
                subject: Subject::Term(id.clone()),
                kind: ChangeKind::Removed,
            });
        }
        for (id, text) in &after_rules {
            let kind = match before_rules.get(id) {
                None => Some(ChangeKind::Added(text.clone())),
                Some(old) if old != text => Some(ChangeKind::Changed(vec![(
                    "fire".into(),
                    old.clone(),
                    text.clone(),
                )])),
                Some(_) => None,
            };
            if let Some(kind) = kind {
                out.push(Change {
                    version: info.clone(),
                    subject: Subject::Rule(id.clone()),
                    kind,
                });
            }
        }
        for id in before_rules
            .keys()
            .filter(|id| !after_rules.contains_key(*id))
        {
            out.push(Change {
                version: info.clone(),
                subject: Subject::Rule(id.clone()),
                kind: ChangeKind::Removed,
            });
        }
        before_terms = after_terms;
        before_rules = after_rules;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn files(list: &str, script: &str) -> PolicyFiles {
        let mut files = BTreeMap::new();
        files.insert("reference_files/uc/line.yaml".to_string(), Arc::from(list));
        files.insert("rules/uc/classify.rhai".to_string(), Arc::from(script));
        PolicyFiles {
            use_case: "uc".into(),
            files,
        }
    }

    fn info(id: &str) -> VersionInfo {
        VersionInfo {
            id: id.into(),
            author: "sme".into(),
            when: "2026-11-01 10:00".into(),
            message: "m".into(),
        }
    }

    #[test]
    fn terms_and_rules_are_followed_across_versions() {
        let v1 = files(
            "terms:\n  - id: L-1\n    term: trap house\n    source: sme\n",
            "fn classify(e) { fire(\"R-1\", 3, \"x\"); }",
        );
        let v2 = files(
            "terms:\n  - id: L-1\n    term: trap house\n    source: sme\n    review_by: 2027-01-01\n  - id: L-2\n    term: cuckooing\n    source: sme\n",
            "fn classify(e) { fire(\"R-1\", 2, \"x\"); fire(\"R-2\", 1, \"y\"); }",
        );
        let v3 = files(
            "terms:\n  - id: L-2\n    term: cuckooing\n    source: sme\n",
            "fn classify(e) { fire(\"R-2\", 1, \"y\"); }",
        );
        let all = changes(&[(info("c1"), v1), (info("c2"), v2), (info("c3"), v3)]);
        let of = |id: &str| -> Vec<(&str, &ChangeKind)> {
            all.iter()
                .filter(|c| c.subject.id() == id)
                .map(|c| (c.version.id.as_str(), &c.kind))
                .collect()
        };
        let l1 = of("L-1");
        assert_eq!(l1.len(), 3);
        assert!(matches!(l1[0], ("c1", ChangeKind::Added(_))));
        assert_eq!(
            l1[1],
            (
                "c2",
                &ChangeKind::Changed(vec![(
                    "review_by".into(),
                    "(none)".into(),
                    "2027-01-01".into()
                )])
            )
        );
        assert_eq!(l1[2], ("c3", &ChangeKind::Removed));
        assert!(matches!(of("L-2")[..], [("c2", ChangeKind::Added(_))]));
        let r1 = of("R-1");
        assert!(matches!(r1[1], ("c2", ChangeKind::Changed(_))));
        assert_eq!(r1[2], ("c3", &ChangeKind::Removed));
    }
}
