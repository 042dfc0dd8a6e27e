//! Reference files: the SME-edited YAML term lists, as read from disk (`TermListFile`) and as the engine uses
//! them (`Term`, `TermList`). The file types reject unknown fields, so a misspelt `reveiw_by` is an error with
//! its line, not a silently ignored key.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::ids::{ListId, TermId};
use crate::matcher::TermKind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermListFile {
    pub list: String,
    pub category: String,
    pub description: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub terms: Vec<TermEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermEntry {
    pub id: String,
    pub term: String,
    #[serde(default, rename = "match")]
    pub kind: TermKind,
    /// For `match: near`: the companion phrases, one of which must stand within `within` words of the term.
    #[serde(default)]
    pub near: Vec<String>,
    #[serde(default)]
    pub within: Option<usize>,
    #[serde(default)]
    pub strength: Strength,
    /// The id of a term this one is another wording of ("county line" of "county lines"): the rules count the
    /// two as one sign.
    #[serde(default)]
    pub variant_of: Option<String>,
    pub source: TermSource,
    pub added: String,
    pub added_by: String,
    pub rationale: String,
    #[serde(default)]
    pub review_by: Option<String>,
    #[serde(default)]
    pub examples: Examples,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default, rename = "match")]
    pub should_match: Vec<String>,
    #[serde(default)]
    pub no_match: Vec<String>,
}

/// How much one occurrence of a term is worth to the rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// One occurrence is evidence for its category.
    #[default]
    Strong,
    /// Counts only alongside other evidence (hotel, party, cash).
    Supporting,
    /// A phrase in which a shorter term means something else ("over the county line" is a boundary, not a
    /// drug line; "dog grooming"). Reported in `hits` and counted for nothing, and since a term inside a longer
    /// hit is not counted, the shorter term within it no longer counts either.
    OtherSense,
}

impl Strength {
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Strong => "strong",
            Strength::Supporting => "supporting",
            Strength::OtherSense => "other_sense",
        }
    }

    /// Whether a hit of this strength counts toward a decision (and towards the categories an event shows).
    pub fn counts(self) -> bool {
        self != Strength::OtherSense
    }
}

/// Where a term comes from; intelligence-led terms go stale and carry a `review_by` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermSource {
    Sme,
    Intelligence,
}

impl TermSource {
    pub fn as_str(self) -> &'static str {
        match self {
            TermSource::Sme => "sme",
            TermSource::Intelligence => "intelligence",
        }
    }
}

/// A term list as loaded: one YAML file.
#[derive(Debug, Clone)]
pub struct TermList {
    pub id: ListId,
    pub category: String,
    pub description: String,
    /// Path relative to the policy root.
    pub file: String,
    /// Content hash of the file (16 hex digits): the list's version in every hit.
    pub version: String,
}

/// A term as the engine uses it.
#[derive(Debug, Clone)]
pub struct Term {
    pub id: TermId,
    pub text: String,
    pub kind: TermKind,
    /// For a `near` term: its companion phrases and reach in words (empty and 0 otherwise).
    pub near: Vec<String>,
    pub within: usize,
    pub strength: Strength,
    /// The term whose sign this one is another wording of; `None` for a sign's own term.
    pub variant_of: Option<TermId>,
    pub source: TermSource,
    pub list: ListId,
    pub category: String,
    pub added: NaiveDate,
    pub added_by: String,
    pub rationale: String,
    pub review_by: Option<NaiveDate>,
    pub examples: Examples,
    /// Path relative to the policy root, and the line of the term's `id`.
    pub file: String,
    pub line: usize,
    /// False when the term is skipped for this run (stale intelligence).
    pub active: bool,
}

impl Term {
    /// The id the rules count this term under: a record holding several wordings of one sign counts it once.
    pub fn sign(&self) -> &TermId {
        self.variant_of.as_ref().unwrap_or(&self.id)
    }

    /// A near term's companions as the matcher reads them, sorted, so two terms' companions compare as sets.
    pub fn companions(&self) -> Vec<String> {
        let mut companions: Vec<String> = self
            .near
            .iter()
            .map(|c| crate::matcher::normalise_phrase(c))
            .collect();
        companions.sort();
        companions
    }
}
