//! The workspace store (`.ndas/` by default, like `.git`): every policy version that produced outputs, kept
//! content-addressed, and the run ledger. With `ingest` and `output`, one of the three modules that touch the
//! file system; the ledger's chain arithmetic is pure and tested on strings.
//!
//! Layout:
//! - `objects/<sha256>`: each policy file's bytes, once, whatever version it belongs to;
//! - `policies/<policy_version>.json`: the files of one version (path -> sha256), with the time first stored;
//! - `ledger.jsonl`: one JSON object per line, appended by every `run`, `watch` re-run and `diff`. Each entry
//!   holds the hash of the one before it (`prev`) and its own hash over everything else (`hash`), so an entry
//!   altered, removed or moved breaks the chain at a place `ndas audit verify` can name. Entries hold ids,
//!   hashes, counts and paths, never free text or names (unless `--verbose-data`).

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::output;
use crate::policy::PolicyFiles;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot write the store at `{path}`: {message}")]
    Write { path: String, message: String },
    #[error("cannot read `{path}`: {message}")]
    Read { path: String, message: String },
    #[error(transparent)]
    Output(#[from] output::OutputError),
    #[error("policy version `{version}` is not in the store at `{store}`")]
    UnknownVersion { version: String, store: String },
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

fn read_error(path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Read {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The workspace store at a directory.
#[derive(Clone, Debug)]
pub struct Store {
    pub root: PathBuf,
}

impl Store {
    pub fn at(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
        }
    }

    /// The store's folders, owner-only, as every output folder.
    fn ensure(&self) -> Result<(), StoreError> {
        for dir in [
            self.root.clone(),
            self.root.join("objects"),
            self.root.join("policies"),
        ] {
            output::ensure_dir(&dir)?;
        }
        Ok(())
    }

    /// Keeps every file of a policy version; a version already stored is left as it is.
    pub fn keep_policy(&self, version: &str, files: &PolicyFiles) -> Result<(), StoreError> {
        self.ensure()?;
        let manifest_path = self.root.join("policies").join(format!("{version}.json"));
        if manifest_path.is_file() {
            return Ok(());
        }
        let mut listing = BTreeMap::new();
        for (path, text) in &files.files {
            let hash = sha256_hex(text.as_bytes());
            let object = self.root.join("objects").join(&hash);
            if !object.is_file() {
                output::write_file(&object, text.as_bytes())?;
            }
            listing.insert(path.clone(), hash);
        }
        let manifest = json!({
            "policy_version": version,
            "use_case": files.use_case,
            "stored_at": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "files": listing,
        });
        Ok(output::write_file(
            &manifest_path,
            manifest.to_string().as_bytes(),
        )?)
    }

    /// The files of a stored policy version.
    pub fn policy(&self, version: &str) -> Result<PolicyFiles, StoreError> {
        let path = self.root.join("policies").join(format!("{version}.json"));
        let text = fs::read_to_string(&path).map_err(|_| StoreError::UnknownVersion {
            version: version.to_string(),
            store: self.root.display().to_string(),
        })?;
        let manifest: Value = serde_json::from_str(&text).map_err(|e| read_error(&path, e))?;
        let use_case = manifest
            .get("use_case")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let mut files = BTreeMap::new();
        if let Some(listing) = manifest.get("files").and_then(Value::as_object) {
            for (file, hash) in listing {
                let object = self.root.join("objects").join(hash.as_str().unwrap_or(""));
                let text = fs::read_to_string(&object).map_err(|e| read_error(&object, e))?;
                files.insert(file.clone(), std::sync::Arc::from(text.as_str()));
            }
        }
        Ok(PolicyFiles { use_case, files })
    }

    /// Stored versions, oldest first, as (version, stored_at).
    pub fn versions(&self) -> Result<Vec<(String, String)>, StoreError> {
        let dir = self.root.join("policies");
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(Vec::new());
        };
        let mut versions = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let text = fs::read_to_string(&path).map_err(|e| read_error(&path, e))?;
            let manifest: Value = serde_json::from_str(&text).map_err(|e| read_error(&path, e))?;
            let field = |k: &str| {
                manifest
                    .get(k)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            versions.push((field("policy_version"), field("stored_at")));
        }
        versions.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
        Ok(versions)
    }

    pub fn ledger_path(&self) -> PathBuf {
        self.root.join("ledger.jsonl")
    }

    /// Appends an entry to the ledger, chaining it to the last one. `entry` must be a JSON object; `seq`,
    /// `prev` and `hash` are set here. Returns the entry as written.
    pub fn append(&self, entry: Value) -> Result<Value, StoreError> {
        self.ensure()?;
        let path = self.ledger_path();
        let existing = fs::read_to_string(&path).unwrap_or_default();
        let last = existing.lines().rev().find(|l| !l.trim().is_empty());
        let (seq, prev) = match last.and_then(|l| serde_json::from_str::<Value>(l).ok()) {
            Some(v) => (
                v.get("seq").and_then(Value::as_u64).map_or(0, |s| s + 1),
                v.get("hash")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
            ),
            None => (0, String::new()),
        };
        let line = chain_entry(entry, seq, &prev);
        let mut options = fs::OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&path).map_err(|e| write_error(&path, e))?;
        writeln!(file, "{line}").map_err(|e| write_error(&path, e))?;
        file.sync_data().map_err(|e| write_error(&path, e))?;
        Ok(line)
    }
}

/// The hash of an entry: sha256 of its canonical JSON (keys sorted, as serde_json's map keeps them) without the
/// `hash` field itself.
pub fn entry_hash(entry: &Value) -> String {
    let mut copy = entry.clone();
    if let Some(map) = copy.as_object_mut() {
        map.remove("hash");
    }
    sha256_hex(copy.to_string().as_bytes())
}

/// `entry` with its place in the chain: sequence number, the previous entry's hash, its own hash.
pub fn chain_entry(mut entry: Value, seq: u64, prev: &str) -> Value {
    if let Some(map) = entry.as_object_mut() {
        map.insert("seq".into(), json!(seq));
        map.insert("prev".into(), json!(prev));
        map.remove("hash");
    }
    let hash = entry_hash(&entry);
    if let Some(map) = entry.as_object_mut() {
        map.insert("hash".into(), json!(hash));
    }
    entry
}

/// What `audit verify` found, first problem first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LedgerFinding {
    /// Line (from 1) is not a JSON object.
    Unreadable { line: usize },
    /// The entry's content no longer matches its own hash: altered after it was written.
    Altered { line: usize, seq: u64 },
    /// The entry's `prev` is not the hash of the entry before it: an entry was removed or moved here.
    Broken {
        line: usize,
        seq: u64,
        expected_seq: u64,
    },
    /// An output the entry names has changed since (its hash differs), or is gone.
    OutputChanged {
        line: usize,
        seq: u64,
        path: String,
        now: Option<String>,
    },
}

impl std::fmt::Display for LedgerFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LedgerFinding::Unreadable { line } => {
                write!(f, "line {line}: not a ledger entry (not a JSON object)")
            }
            LedgerFinding::Altered { line, seq } => write!(
                f,
                "line {line} (entry {seq}): altered after it was written (its content does not match its hash)"
            ),
            LedgerFinding::Broken {
                line,
                seq,
                expected_seq,
            } => {
                if seq > expected_seq {
                    write!(
                        f,
                        "line {line} (entry {seq}): entries {expected_seq} to {} are missing (removed)",
                        seq - 1
                    )
                } else {
                    write!(
                        f,
                        "line {line} (entry {seq}): out of order or does not follow the entry before it (expected entry {expected_seq}; reordered or spliced)"
                    )
                }
            }
            LedgerFinding::OutputChanged {
                line,
                seq,
                path,
                now,
            } => match now {
                Some(_) => write!(
                    f,
                    "line {line} (entry {seq}): output `{path}` changed after the run"
                ),
                None => write!(f, "line {line} (entry {seq}): output `{path}` is gone"),
            },
        }
    }
}

/// Checks the chain of a ledger's text. Pure: `hash_of` gives the current sha256 of an output path (None if
/// unreadable); only the latest entry naming a path is checked against it, since later runs may rewrite the
/// outputs of earlier ones.
pub fn verify(text: &str, hash_of: &dyn Fn(&str) -> Option<String>) -> Vec<LedgerFinding> {
    let mut findings = Vec::new();
    let mut prev = String::new();
    let mut expected_seq = 0u64;
    let mut latest_output: BTreeMap<String, (usize, u64, String)> = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let Some(entry) = serde_json::from_str::<Value>(line)
            .ok()
            .filter(Value::is_object)
        else {
            findings.push(LedgerFinding::Unreadable { line: number });
            continue;
        };
        let seq = entry.get("seq").and_then(Value::as_u64).unwrap_or(u64::MAX);
        let hash = entry.get("hash").and_then(Value::as_str).unwrap_or("");
        if entry_hash(&entry) != hash {
            findings.push(LedgerFinding::Altered { line: number, seq });
        } else if entry.get("prev").and_then(Value::as_str) != Some(prev.as_str())
            || seq != expected_seq
        {
            findings.push(LedgerFinding::Broken {
                line: number,
                seq,
                expected_seq,
            });
        }
        prev = hash.to_string();
        expected_seq = seq.saturating_add(1);
        if let Some(outputs) = entry.get("outputs").and_then(Value::as_array) {
            for output in outputs {
                let (Some(path), Some(sha)) = (
                    output.get("path").and_then(Value::as_str),
                    output.get("sha256").and_then(Value::as_str),
                ) else {
                    continue;
                };
                latest_output.insert(path.to_string(), (number, seq, sha.to_string()));
            }
        }
    }
    for (path, (line, seq, sha)) in latest_output {
        let now = hash_of(&path);
        if now.as_deref() != Some(sha.as_str()) {
            findings.push(LedgerFinding::OutputChanged {
                line,
                seq,
                path,
                now,
            });
        }
    }
    findings.sort_by_key(|f| match f {
        LedgerFinding::Unreadable { line }
        | LedgerFinding::Altered { line, .. }
        | LedgerFinding::Broken { line, .. }
        | LedgerFinding::OutputChanged { line, .. } => *line,
    });
    findings
}

/// Reads a ledger and checks it, re-hashing the outputs it names on disk.
pub fn verify_file(path: &Path) -> Result<(usize, Vec<LedgerFinding>), StoreError> {
    let text = fs::read_to_string(path).map_err(|e| read_error(path, e))?;
    let entries = text.lines().filter(|l| !l.trim().is_empty()).count();
    let hash_of = |p: &str| fs::read(p).ok().map(|bytes| sha256_hex(&bytes));
    Ok((entries, verify(&text, &hash_of)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ledger(n: u64) -> Vec<String> {
        let mut prev = String::new();
        (0..n)
            .map(|seq| {
                let entry = chain_entry(
                    json!({"run_id": format!("r{seq}"), "outputs": [{"path": format!("/out/{seq}.csv"), "sha256": "aa"}]}),
                    seq,
                    &prev,
                );
                prev = entry["hash"].as_str().unwrap().to_string();
                entry.to_string()
            })
            .collect()
    }

    fn check(lines: &[String]) -> Vec<LedgerFinding> {
        verify(&lines.join("\n"), &|_| Some("aa".to_string()))
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(check(&ledger(4)), Vec::new());
    }

    #[test]
    fn each_kind_of_tampering_is_named() {
        // Altered: a count changed in entry 1.
        let mut lines = ledger(4);
        lines[1] = lines[1].replace("r1", "r9");
        assert_eq!(
            check(&lines),
            vec![LedgerFinding::Altered { line: 2, seq: 1 }]
        );
        // Removed: entry 2 deleted.
        let mut lines = ledger(4);
        lines.remove(2);
        assert_eq!(
            check(&lines),
            vec![LedgerFinding::Broken {
                line: 3,
                seq: 3,
                expected_seq: 2
            }]
        );
        // Reordered: entries 1 and 2 swapped.
        let mut lines = ledger(4);
        lines.swap(1, 2);
        let findings = check(&lines);
        assert_eq!(
            findings.first(),
            Some(&LedgerFinding::Broken {
                line: 2,
                seq: 2,
                expected_seq: 1
            })
        );
        // Truncated at the end is not detectable from the chain alone, but a removed last entry leaves a valid
        // shorter chain; the outputs check then catches outputs that the missing entry wrote.
        let findings = verify(&ledger(2).join("\n"), &|p| {
            (p != "/out/1.csv").then(|| "aa".to_string())
        });
        assert_eq!(
            findings,
            vec![LedgerFinding::OutputChanged {
                line: 2,
                seq: 1,
                path: "/out/1.csv".into(),
                now: None
            }]
        );
    }
}
