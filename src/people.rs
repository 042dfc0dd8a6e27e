//! People: the persons linked to flagged events, their facts, and their scores. Pure: classification and
//! resolution in, scored persons out; a script error on one person is recorded on that person and the rest go on.
//!
//! Who is scored: every person (after nominal matching) linked to at least one flagged event. What scripts see
//! is built here and only here, so the protected-attribute rule is enforced by the engine: sex, ethnicity,
//! postcode, address and force are never put in the map, and a fact derived from a permitted attribute (age,
//! role, markers, OCG role) is left out when the manifest does not permit that attribute.
//!
//! Every score is the sum of its firings' points (saturating at the limits of `i64`, `script::total_points`),
//! clamped to the manifest's range; `Score::check` proves it for each person, and `explain --person` shows the
//! sum.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rayon::prelude::*;
use rhai::{Array, Dynamic, Map};
use rustc_hash::FxHashMap;

use crate::classify::Classification;
use crate::extract::{Extract, age_on, ocg_rank};
use crate::ids::{NominalId, PersonId};
use crate::policy::Policy;
use crate::resolve::Resolution;
use crate::script::{Firing, ScriptRunError, total_points};

/// Where a person sits on the chart: the three high-involvement zones of the seed's 4P approach (safeguard the
/// exploited, disrupt the middle, pursue the exploiters) and the same three at low involvement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quadrant {
    Safeguard,
    Disrupt,
    Pursue,
    LowWorkforce,
    LowMiddle,
    LowManagement,
}

impl Quadrant {
    pub fn of(hierarchy: i64, involvement: i64, split: i64) -> Self {
        let high = involvement >= split;
        match (hierarchy.signum(), high) {
            (-1, true) => Quadrant::Safeguard,
            (0, true) => Quadrant::Disrupt,
            (_, true) => Quadrant::Pursue,
            (-1, false) => Quadrant::LowWorkforce,
            (0, false) => Quadrant::LowMiddle,
            (_, false) => Quadrant::LowManagement,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::Safeguard => "safeguard",
            Quadrant::Disrupt => "disrupt",
            Quadrant::Pursue => "pursue",
            Quadrant::LowWorkforce => "low_workforce",
            Quadrant::LowMiddle => "low_middle",
            Quadrant::LowManagement => "low_management",
        }
    }
}

/// One score of one person with the firings that make it.
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// The clamped sum.
    pub value: i64,
    /// The sum before clamping.
    pub raw: i64,
    pub min: i64,
    pub max: i64,
    pub firings: Vec<Firing>,
    pub errors: Vec<ScriptRunError>,
}

impl Score {
    pub fn from_parts(
        firings: Vec<Firing>,
        errors: Vec<ScriptRunError>,
        min: i64,
        max: i64,
    ) -> Self {
        let raw = total_points(firings.iter().map(|f| f.points));
        Self {
            value: raw.clamp(min, max),
            raw,
            min,
            max,
            firings,
            errors,
        }
    }

    /// The clamped sum of firings' points: what every score is.
    pub fn clamped_sum(firings: &[Firing], min: i64, max: i64) -> i64 {
        total_points(firings.iter().map(|f| f.points)).clamp(min, max)
    }

    /// The invariant every score keeps: it is the clamped sum of its firings' points.
    pub fn check(&self) -> bool {
        let raw = total_points(self.firings.iter().map(|f| f.points));
        raw == self.raw && raw.clamp(self.min, self.max) == self.value
    }
}

/// A scored person.
#[derive(Clone, Debug)]
pub struct ScoredPerson {
    pub id: PersonId,
    /// Nominal record indices (into `Extract::nominals`).
    pub records: Vec<usize>,
    /// Flagged event indices, by date then id.
    pub flagged_events: Vec<usize>,
    /// Scores by name (`involvement`, `hierarchy`, and any other the manifest defines).
    pub scores: BTreeMap<String, Score>,
    pub quadrant: Quadrant,
    /// Age at the latest flagged event, if a date of birth is known (for network facts; scripts see it only
    /// where the manifest permits `age`).
    pub age: Option<i64>,
    /// Highest OCG role across the person's records ("" if none).
    pub ocg_role: String,
}

impl ScoredPerson {
    pub fn score(&self, name: &str) -> i64 {
        self.scores.get(name).map_or(0, |s| s.value)
    }

    pub fn rule_errors(&self) -> usize {
        self.scores.values().map(|s| s.errors.len()).sum()
    }

    pub fn nominal_ids<'a>(&self, extract: &'a Extract) -> Vec<&'a NominalId> {
        let mut ids: Vec<&NominalId> = self
            .records
            .iter()
            .filter_map(|&r| extract.nominals.get(r).map(|n| &n.id))
            .collect();
        ids.sort();
        ids
    }
}

/// Fact keys and the attribute each needs; a fact whose attribute is not permitted is never built.
const GATED_FACTS: &[(&str, &str)] = &[
    ("age", "age"),
    ("child_associates", "age"),
    ("adult_associates", "age"),
    ("roles", "role"),
    ("child_co_suspect_events", "age"),
    ("adult_co_suspect_events", "age"),
    ("line_events_as_suspect", "role"),
    ("child_co_suspect_events", "role"),
    ("adult_co_suspect_events", "role"),
    ("missing_episodes", "role"),
    ("markers", "markers"),
    ("ocg_role", "ocg_role"),
];

/// Roles that put a person on the acting side of an event.
fn is_suspect(role: &str) -> bool {
    matches!(role, "suspect" | "offender")
}

/// Scores every person linked to a flagged event in one of the manifest's subject roles. `resolution` must come
/// from `extract.nominals`.
pub fn score_people(
    policy: &Policy,
    extract: &Extract,
    classification: &Classification,
    resolution: &Resolution,
) -> Vec<ScoredPerson> {
    let person_of = &resolution.person_of;
    let decisions = &classification.decisions;
    let flagged = |e: usize| decisions.get(e).is_some_and(|d| d.flagged);

    // Each person's date of birth: the one most of their records agree on (ties: the earliest).
    let dob_of: Vec<Option<NaiveDate>> = resolution
        .persons
        .iter()
        .map(|p| {
            let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
            for d in p
                .records
                .iter()
                .filter_map(|&r| extract.nominals.get(r).and_then(|n| n.dob))
            {
                *counts.entry(d).or_default() += 1;
            }
            let best = counts.values().copied().max()?;
            counts.into_iter().find(|(_, n)| *n == best).map(|(d, _)| d)
        })
        .collect();

    // (person, role) on each event, once per person (a person with two records on one event counts once).
    // Only roles that make a person part of the event: a reporter or a witness of a flagged event is not scored.
    let subject_roles = &policy.manifest.people.subject_roles;
    let mut on_event: Vec<Vec<(usize, &str)>> = vec![Vec::new(); extract.events.len()];
    for link in extract
        .links
        .iter()
        .filter(|l| subject_roles.contains(&l.role))
    {
        let (Some(&p), Some(slot)) = (
            person_of.get(link.nominal_index),
            on_event.get_mut(link.event_index),
        ) else {
            continue;
        };
        if !slot.iter().any(|(q, r)| *q == p && *r == link.role) {
            slot.push((p, link.role.as_str()));
        }
    }
    let mut events_of: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    let mut all_events_of: FxHashMap<usize, Vec<(usize, &str)>> = FxHashMap::default();
    for (e, people) in on_event.iter().enumerate() {
        for &(p, role) in people {
            all_events_of.entry(p).or_default().push((e, role));
            if flagged(e) {
                let list = events_of.entry(p).or_default();
                if list.last() != Some(&e) {
                    list.push(e);
                }
            }
        }
    }

    let nominal_index = extract.nominal_index();
    let mut markers: FxHashMap<usize, BTreeSet<&str>> = FxHashMap::default();
    for m in &extract.markers {
        if let Some(&p) = nominal_index
            .get(&m.nominal)
            .and_then(|&n| person_of.get(n))
        {
            markers.entry(p).or_default().insert(m.marker.as_str());
        }
    }
    let mut ocg_role: FxHashMap<usize, &str> = FxHashMap::default();
    for m in &extract.ocg {
        if let Some(&p) = nominal_index
            .get(&m.nominal)
            .and_then(|&n| person_of.get(n))
        {
            let slot = ocg_role.entry(p).or_insert("");
            if ocg_rank(&m.role) > ocg_rank(slot) {
                *slot = m.role.as_str();
            }
        }
    }

    let mut scored: Vec<usize> = events_of.keys().copied().collect();
    scored.sort_unstable();
    let manifest = &policy.manifest;
    let permitted = |attribute: &str| manifest.permits(attribute);
    let split = manifest.people.involvement_split;
    let context = Context {
        extract,
        classification,
        on_event: &on_event,
        dob_of: &dob_of,
        person_ids: &resolution.persons,
        allow_age: permitted("age"),
        allow_role: permitted("role"),
    };

    scored
        .par_iter()
        .filter_map(|&p| {
            let person = resolution.persons.get(p)?;
            let mut events = events_of.get(&p).cloned().unwrap_or_default();
            events.sort_by(|&a, &b| {
                let key = |e: usize| extract.events.get(e).map(|ev| (ev.occurred_on, &ev.id));
                key(a).cmp(&key(b))
            });
            let mut facts = context.facts(p, &events);
            let missing = all_events_of
                .get(&p)
                .map(|list| {
                    list.iter()
                        .filter(|(e, role)| {
                            *role == "missing_person"
                                || (*role == "subject"
                                    && extract
                                        .events
                                        .get(*e)
                                        .is_some_and(|ev| ev.source == "missing_person"))
                        })
                        .map(|(e, _)| *e)
                        .collect::<BTreeSet<_>>()
                        .len()
                })
                .unwrap_or(0);
            facts.insert("missing_episodes".into(), Dynamic::from(missing as i64));
            let person_markers: Array = markers
                .get(&p)
                .map(|m| m.iter().map(|s| Dynamic::from(s.to_string())).collect())
                .unwrap_or_default();
            facts.insert("markers".into(), Dynamic::from_array(person_markers));
            facts.insert(
                "ocg_role".into(),
                Dynamic::from(ocg_role.get(&p).copied().unwrap_or("").to_string()),
            );
            for (key, attribute) in GATED_FACTS {
                if !permitted(attribute) {
                    facts.remove(*key);
                }
            }
            let facts = Dynamic::from_map(facts);
            let mut scores = BTreeMap::new();
            for (name, config) in &manifest.scores {
                let Some(script) = policy.score_scripts.get(name) else {
                    continue;
                };
                let (firings, errors) =
                    match policy
                        .sandbox
                        .call(script, "score", person.id.as_str(), facts.clone())
                    {
                        Ok(evaluation) => (evaluation.firings, Vec::new()),
                        Err((error, firings)) => (firings, vec![error]),
                    };
                scores.insert(
                    name.clone(),
                    Score::from_parts(firings, errors, config.min, config.max),
                );
            }
            let age = events.last().and_then(|&e| context.age_at(p, e));
            let person_ocg_role = ocg_role.get(&p).copied().unwrap_or("").to_string();
            let hierarchy = scores.get("hierarchy").map_or(0, |s| s.value);
            let involvement = scores.get("involvement").map_or(0, |s| s.value);
            Some(ScoredPerson {
                id: person.id.clone(),
                records: person.records.clone(),
                flagged_events: events,
                scores,
                quadrant: Quadrant::of(hierarchy, involvement, split),
                age,
                ocg_role: person_ocg_role,
            })
        })
        .collect()
}

/// What every person's facts are built from.
struct Context<'a> {
    extract: &'a Extract,
    classification: &'a Classification,
    on_event: &'a [Vec<(usize, &'a str)>],
    dob_of: &'a [Option<NaiveDate>],
    person_ids: &'a [crate::resolve::ResolvedPerson],
    /// Whether the manifest permits `age` and `role`, for the per-event maps (top-level facts are gated by
    /// `GATED_FACTS`).
    allow_age: bool,
    allow_role: bool,
}

impl Context<'_> {
    fn age_at(&self, person: usize, event: usize) -> Option<i64> {
        let born = (*self.dob_of.get(person)?)?;
        age_on(born, self.extract.events.get(event)?.occurred_on)
    }

    /// The facts of person `p` over their flagged events (sorted by date).
    fn facts(&self, p: usize, events: &[usize]) -> Map {
        let mut roles: BTreeMap<String, i64> = BTreeMap::new();
        let mut labels: BTreeMap<String, i64> = BTreeMap::new();
        let mut categories: BTreeMap<String, i64> = BTreeMap::new();
        let mut associates = BTreeSet::new();
        let mut child_associates = BTreeSet::new();
        let mut adult_associates = BTreeSet::new();
        let (mut child_co, mut adult_co, mut line_events) = (0i64, 0i64, 0i64);
        let mut event_maps = Array::new();
        for &e in events {
            let (Some(event), Some(decision), Some(people)) = (
                self.extract.events.get(e),
                self.classification.decisions.get(e),
                self.on_event.get(e),
            ) else {
                continue;
            };
            let my_roles: Vec<&str> = people
                .iter()
                .filter(|(q, _)| *q == p)
                .map(|(_, r)| *r)
                .collect();
            for role in &my_roles {
                *roles.entry(role.to_string()).or_default() += 1;
            }
            if let Some(label) = &decision.label {
                *labels.entry(label.clone()).or_default() += 1;
            }
            for category in &decision.categories {
                *categories.entry(category.clone()).or_default() += 1;
            }
            let acting = my_roles.iter().any(|r| is_suspect(r));
            let (mut co_child, mut co_adult, mut beside_harmed) = (false, false, false);
            for &(q, role) in people.iter().filter(|(q, _)| *q != p) {
                associates.insert(q);
                let age = self.age_at(q, e);
                let is_child = age.is_some_and(|a| a < 18);
                // Someone the suspect may be acting on: a victim, a missing person, or a child in any part of
                // the event (`on_event` holds only the manifest's subject roles, so no witness or reporter).
                beside_harmed |= is_child || role == "victim" || role == "missing_person";
                if is_child {
                    child_associates.insert(q);
                    co_child |= is_suspect(role) || role == "associate" || role == "missing_person";
                } else if age.is_some() {
                    adult_associates.insert(q);
                    co_adult |= is_suspect(role);
                }
            }
            if acting && co_child {
                child_co += 1;
            }
            if acting && co_adult {
                adult_co += 1;
            }
            if acting && decision.categories.contains("line") {
                line_events += 1;
            }
            let mut m = Map::new();
            m.insert("id".into(), Dynamic::from(event.id.to_string()));
            m.insert(
                "occurred_on".into(),
                Dynamic::from(event.occurred_on.to_string()),
            );
            m.insert("source".into(), Dynamic::from(event.source.clone()));
            m.insert(
                "label".into(),
                Dynamic::from(decision.label.clone().unwrap_or_default()),
            );
            m.insert(
                "categories".into(),
                Dynamic::from_array(
                    decision
                        .categories
                        .iter()
                        .map(|c| Dynamic::from(c.clone()))
                        .collect(),
                ),
            );
            if self.allow_role {
                m.insert(
                    "roles".into(),
                    Dynamic::from_array(
                        my_roles
                            .iter()
                            .map(|r| Dynamic::from(r.to_string()))
                            .collect(),
                    ),
                );
            }
            if self.allow_age {
                m.insert(
                    "age".into(),
                    self.age_at(p, e).map_or(Dynamic::UNIT, Dynamic::from),
                );
            }
            if self.allow_role && self.allow_age {
                m.insert("with_harmed".into(), Dynamic::from(acting && beside_harmed));
            }
            event_maps.push(Dynamic::from_map(m));
        }
        let count_map = |m: BTreeMap<String, i64>| {
            Dynamic::from_map(
                m.into_iter()
                    .map(|(k, v)| (k.into(), Dynamic::from(v)))
                    .collect(),
            )
        };
        let date = |e: Option<&usize>| {
            e.and_then(|&e| self.extract.events.get(e))
                .map_or(Dynamic::UNIT, |ev| {
                    Dynamic::from(ev.occurred_on.to_string())
                })
        };
        let mut facts = Map::new();
        let id = self
            .person_ids
            .get(p)
            .map(|r| r.id.to_string())
            .unwrap_or_default();
        facts.insert("id".into(), Dynamic::from(id));
        facts.insert(
            "age".into(),
            events
                .last()
                .and_then(|&e| self.age_at(p, e))
                .map_or(Dynamic::UNIT, Dynamic::from),
        );
        facts.insert("flagged_events".into(), Dynamic::from(events.len() as i64));
        facts.insert("roles".into(), count_map(roles));
        facts.insert("labels".into(), count_map(labels));
        facts.insert("categories".into(), count_map(categories));
        facts.insert("associates".into(), Dynamic::from(associates.len() as i64));
        facts.insert(
            "child_associates".into(),
            Dynamic::from(child_associates.len() as i64),
        );
        facts.insert(
            "adult_associates".into(),
            Dynamic::from(adult_associates.len() as i64),
        );
        facts.insert("child_co_suspect_events".into(), Dynamic::from(child_co));
        facts.insert("adult_co_suspect_events".into(), Dynamic::from(adult_co));
        facts.insert("line_events_as_suspect".into(), Dynamic::from(line_events));
        facts.insert("first_flagged".into(), date(events.first()));
        facts.insert("last_flagged".into(), date(events.last()));
        facts.insert("events".into(), Dynamic::from_array(event_maps));
        facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrants_follow_the_chart() {
        assert_eq!(Quadrant::of(-3, 9, 6), Quadrant::Safeguard);
        assert_eq!(Quadrant::of(0, 6, 6), Quadrant::Disrupt);
        assert_eq!(Quadrant::of(4, 12, 6), Quadrant::Pursue);
        assert_eq!(Quadrant::of(-1, 5, 6), Quadrant::LowWorkforce);
        assert_eq!(Quadrant::of(0, 0, 6), Quadrant::LowMiddle);
        assert_eq!(Quadrant::of(5, 1, 6), Quadrant::LowManagement);
    }

    #[test]
    fn a_score_is_its_clamped_sum() {
        let firing = |points| Firing {
            rule: crate::ids::RuleId::new("R"),
            points,
            reason: String::new(),
            label: None,
            source: String::new(),
            events: Vec::new(),
        };
        let s = Score::from_parts(vec![firing(4), firing(3)], Vec::new(), -5, 5);
        assert_eq!((s.raw, s.value), (7, 5));
        assert!(s.check());
        let mut forged = s.clone();
        forged.value = 7;
        assert!(!forged.check());
    }
}
