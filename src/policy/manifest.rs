//! The use case manifest (`rules/<use case>/usecase.yaml`): which categories and labels exist, which scripts
//! decide, what scripts may see and why, negation cues, and how stale intelligence is treated. Everything an SME
//! or reviewer might want to change about a use case's behaviour lives here or in the scripts, not in code.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub name: String,
    pub description: String,
    /// Categories a term list may declare, e.g. vulnerability, csae, line, financial, ocg.
    pub categories: Vec<String>,
    /// Labels an event may receive, in order of precedence when two labels tie on points.
    pub labels: Vec<String>,
    pub classify: ClassifyConfig,
    #[serde(default)]
    pub negation: NegationConfig,
    #[serde(default)]
    pub stale_intelligence: StalePolicy,
    /// Attributes scripts may read, each with the reason it is needed.
    pub permitted_attributes: Vec<PermittedAttribute>,
    /// Person scores (involvement, hierarchy) added by later stages; kept here so one manifest describes all.
    #[serde(default)]
    pub scores: BTreeMap<String, ScoreConfig>,
    /// How nominal records become persons and where the chart splits high from low involvement.
    #[serde(default)]
    pub people: PeopleConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleConfig {
    /// Involvement at or above this is "high" (the top half of the chart: safeguard, disrupt, pursue).
    #[serde(default = "default_involvement_split")]
    pub involvement_split: i64,
    /// Nominal matching: probability (0 to 1) at or above which two records are one person.
    #[serde(default = "default_match_probability")]
    pub match_probability: f64,
}

impl Default for PeopleConfig {
    fn default() -> Self {
        Self {
            involvement_split: default_involvement_split(),
            match_probability: default_match_probability(),
        }
    }
}

fn default_involvement_split() -> i64 {
    6
}

fn default_match_probability() -> f64 {
    crate::resolve::DEFAULT_THRESHOLD
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassifyConfig {
    /// Script file name within the use case's rules folder.
    pub script: String,
    /// An event is flagged when the points for its best label reach this.
    pub threshold: i64,
    /// Which events the script sees in the first pass.
    #[serde(default)]
    pub evaluate: Evaluate,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evaluate {
    /// Only events with at least one term hit (negated or not): events without any cannot be flagged by text,
    /// and the nominal route has its own pass. The fast default.
    #[default]
    EventsWithHits,
    /// Every event, for rules that flag on facts alone.
    AllEvents,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NegationConfig {
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub terminators: Vec<String>,
    #[serde(default = "default_window")]
    pub window: usize,
    #[serde(default = "default_window_words")]
    pub window_words: usize,
}

impl Default for NegationConfig {
    fn default() -> Self {
        Self {
            cues: Vec::new(),
            terminators: Vec::new(),
            window: default_window(),
            window_words: default_window_words(),
        }
    }
}

fn default_window() -> usize {
    80
}

fn default_window_words() -> usize {
    5
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StalePolicy {
    /// Intelligence-led terms past `review_by` stop matching; `run.json` lists them.
    #[default]
    Skip,
    /// They keep matching; `check` and `run` warn.
    Warn,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermittedAttribute {
    pub attribute: String,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreConfig {
    pub script: String,
    pub min: i64,
    pub max: i64,
}

/// Attributes the engine can put in front of scripts. Anything else in `permitted_attributes` is a typo.
pub const EVENT_ATTRIBUTES: &[&str] = &["source", "offence", "occurred_on"];
pub const NOMINAL_ATTRIBUTES: &[&str] = &["role", "age", "markers", "ocg_role"];
/// Never shown to a script unless the manifest permits them; `ethnicity` and `sex` never.
pub const PROTECTED_ATTRIBUTES: &[&str] = &[
    "ethnicity",
    "sex",
    "gender",
    "postcode",
    "address",
    "force",
    "location",
];
/// The protected attributes that describe location; only the firearms use case may permit them.
pub const LOCATION_ATTRIBUTES: &[&str] = &["postcode", "address", "force", "location"];
pub const LOCATION_USE_CASE: &str = "firearms";

impl Manifest {
    pub fn permits(&self, attribute: &str) -> bool {
        self.permitted_attributes
            .iter()
            .any(|p| p.attribute == attribute)
    }

    /// Protected attributes scripts of this use case may not mention.
    pub fn forbidden_attributes(&self) -> Vec<&'static str> {
        PROTECTED_ATTRIBUTES
            .iter()
            .copied()
            .filter(|a| !self.permits(a))
            .collect()
    }
}
