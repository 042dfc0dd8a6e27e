//! Policy files as they were at a git revision, read with gix (no `git` process): the file-system edge for
//! `ndas history` and `ndas diff --base REV`. The comparison of versions is pure and lives in `history`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::policy::PolicyFiles;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("`{path}` is not inside a git repository")]
    NotARepository { path: String },
    #[error("git: {0}")]
    Git(String),
    #[error("git revision `{rev}` is unknown in `{repo}`")]
    UnknownRevision { rev: String, repo: String },
}

fn git(e: impl std::fmt::Display) -> GitError {
    GitError::Git(e.to_string())
}

/// One commit that touched the policy, with the policy as it was after it.
#[derive(Clone, Debug)]
pub struct Revision {
    pub commit: String,
    pub author: String,
    /// Seconds since the Unix epoch (committer time).
    pub time: i64,
    pub message: String,
    pub files: PolicyFiles,
}

/// The repository holding `policy_root`, and the root's path inside it (`/`-separated, empty at the top).
fn open(policy_root: &Path) -> Result<(gix::Repository, String), GitError> {
    let absolute = std::fs::canonicalize(policy_root).map_err(|_| GitError::NotARepository {
        path: policy_root.display().to_string(),
    })?;
    let repo = gix::discover(&absolute).map_err(|_| GitError::NotARepository {
        path: policy_root.display().to_string(),
    })?;
    let workdir: PathBuf =
        repo.workdir()
            .map(Path::to_path_buf)
            .ok_or_else(|| GitError::NotARepository {
                path: policy_root.display().to_string(),
            })?;
    let workdir = std::fs::canonicalize(&workdir).unwrap_or(workdir);
    let inside = absolute
        .strip_prefix(&workdir)
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default();
    Ok((repo, inside))
}

/// Whether `policy_root` is inside a git repository with at least one commit.
pub fn is_repository(policy_root: &Path) -> bool {
    open(policy_root)
        .map(|(repo, _)| repo.head_commit().is_ok())
        .unwrap_or(false)
}

/// The policy files of `use_case` in a commit's tree.
fn files_at(tree: &gix::Tree<'_>, inside: &str, use_case: &str) -> Result<PolicyFiles, GitError> {
    let mut files = BTreeMap::new();
    for folder in [
        format!("rules/{use_case}"),
        format!("reference_files/{use_case}"),
    ] {
        let path = if inside.is_empty() {
            folder.clone()
        } else {
            format!("{inside}/{folder}")
        };
        let Some(entry) = tree.lookup_entry_by_path(&path).map_err(git)? else {
            continue;
        };
        let Ok(subtree) = entry.object().map_err(git)?.try_into_tree() else {
            continue;
        };
        let decoded = subtree.decode().map_err(git)?;
        for item in &decoded.entries {
            if !item.mode.is_blob() {
                continue;
            }
            let name = item.filename.to_string();
            if !(name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".rhai")) {
                continue;
            }
            let object = tree.repo.find_object(item.oid).map_err(git)?;
            let text = String::from_utf8_lossy(&object.data).to_string();
            files.insert(format!("{folder}/{name}"), Arc::from(text.as_str()));
        }
    }
    Ok(PolicyFiles {
        use_case: use_case.to_string(),
        files,
    })
}

/// The policy of `use_case` under `policy_root` as it was at `rev` (a commit, branch, tag, `HEAD~2`, ...).
pub fn policy_at(policy_root: &Path, use_case: &str, rev: &str) -> Result<PolicyFiles, GitError> {
    let (repo, inside) = open(policy_root)?;
    let id = repo
        .rev_parse_single(rev)
        .map_err(|_| GitError::UnknownRevision {
            rev: rev.to_string(),
            repo: repo.path().display().to_string(),
        })?;
    let commit = id.object().map_err(git)?.try_into_commit().map_err(git)?;
    let tree = commit.tree().map_err(git)?;
    files_at(&tree, &inside, use_case)
}

/// Every first-parent commit from HEAD back whose policy differs from its parent's, oldest first.
pub fn history(policy_root: &Path, use_case: &str) -> Result<Vec<Revision>, GitError> {
    let (repo, inside) = open(policy_root)?;
    let head = repo.head_commit().map_err(git)?;
    let walk = head.ancestors().first_parent_only().all().map_err(git)?;
    let mut revisions: Vec<Revision> = Vec::new();
    for info in walk {
        let info = info.map_err(git)?;
        let commit = info.object().map_err(git)?;
        let tree = commit.tree().map_err(git)?;
        let files = files_at(&tree, &inside, use_case)?;
        let author = commit.author().map_err(git)?;
        let message = commit
            .message_raw()
            .map_err(git)?
            .to_string()
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        revisions.push(Revision {
            commit: commit.id.to_hex_with_len(10).to_string(),
            author: author.name.to_string(),
            time: commit.time().map(|t| t.seconds).unwrap_or(0),
            message,
            files,
        });
    }
    revisions.reverse();
    // Keep the commits that changed the policy (the first that has any policy, then every change).
    let mut kept: Vec<Revision> = Vec::new();
    for revision in revisions {
        let same = kept
            .last()
            .is_some_and(|last| last.files.files == revision.files.files);
        let nothing_yet = kept.is_empty() && revision.files.files.is_empty();
        if !same && !nothing_yet {
            kept.push(revision);
        }
    }
    Ok(kept)
}
