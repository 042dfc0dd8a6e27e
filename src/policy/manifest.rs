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
    /// Phrases with which a record concludes that a concern was looked into and ruled out ("no concerns
    /// identified", "concerns unfounded"). Matched as phrase terms are; scripts see those found as
    /// `e.ruled_out`. Negation sets aside one hit; these speak for the whole record.
    #[serde(default)]
    pub ruled_out: Vec<String>,
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
    /// Who is tied to whom, how far networks reach, and the harm score that orders them. No networks without it.
    #[serde(default)]
    pub networks: Option<NetworkConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkConfig {
    /// Roles on an event that tie people together (a witness or a reporter is not tied to a suspect).
    pub tie_roles: Vec<String>,
    /// How many steps beyond people linked to flagged events a network reaches, through unflagged events
    /// (0: flagged events only).
    #[serde(default)]
    pub hops: usize,
    /// Roles through which a hop reaches: both the person in scope and the person brought in must hold one on
    /// the unflagged event (co-offending), so a burglary victim is not drawn into a network.
    #[serde(default)]
    pub hop_roles: Vec<String>,
    /// An event with more people than this (a party, a large disorder) ties each of them to the event as a node
    /// of its own, with weight 1/(people - 1), instead of tying every pair: no 80-person cliques.
    pub max_event_size: usize,
    /// Networks with fewer people than this are not reported.
    pub min_size: usize,
    /// Exact betweenness for networks with at most this many nodes; above, a sampled estimate with its error.
    pub exact_betweenness_up_to: usize,
    /// Sources sampled for the estimate.
    pub betweenness_samples: usize,
    /// Terms whose hits are entities of their own (named lines and their numbers), not just words.
    #[serde(default)]
    pub entities: Vec<EntityTerms>,
    /// The harm score that orders networks: `fn score(network)` in this script, clamped to min..max.
    pub harm: ScoreConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityTerms {
    pub category: String,
    /// Only terms from this source (`intelligence`: named lines and numbers, not county-lines vocabulary).
    #[serde(default)]
    pub source: Option<String>,
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
    /// Roles that make a person part of a flagged event, so scored (a reporter or a witness is not).
    #[serde(default = "default_subject_roles")]
    pub subject_roles: Vec<String>,
}

fn default_subject_roles() -> Vec<String> {
    [
        "suspect",
        "offender",
        "victim",
        "missing_person",
        "subject",
        "associate",
    ]
    .iter()
    .map(|r| r.to_string())
    .collect()
}

impl Default for PeopleConfig {
    fn default() -> Self {
        Self {
            involvement_split: default_involvement_split(),
            match_probability: default_match_probability(),
            subject_roles: default_subject_roles(),
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
    /// Cues that negate a hit they follow in its sentence.
    #[serde(default)]
    pub post_cues: Vec<String>,
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
            post_cues: Vec::new(),
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
