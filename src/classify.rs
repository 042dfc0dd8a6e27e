//! Event classification: term hits plus event facts in, a decision with its evidence out. Pure: no I/O, and a
//! script error on one event is recorded on that event while the rest go on.
//!
//! Two passes, following the ethics-committee paper:
//! 1. **Text**: `classify(event)` sees each event's permitted facts and its un-negated hits by category.
//! 2. **Nominal characteristics**: for events pass 1 left unflagged that share a nominal with a flagged event,
//!    `classify_by_nominals(event)` (if the script defines it) sees, for each linked nominal, how many *other*
//!    events they are linked to and how many of those pass 1 flagged, and the points pass 1 gave this event;
//!    so a child suspect in a bland PWITS crime who also appears in flagged missing episodes can bring that
//!    crime in, and so can a weak sign in an event about someone most of whose events are flagged. One round
//!    only: flags from pass 2 do not feed another pass, so the result does not depend on evaluation order.
//!    Nominals are records here, not persons: classification runs before nominal matching.
//!
//! Decision: each firing's points count for its label (a firing without a label counts for every label). The
//! event is flagged when its best label reaches the manifest's threshold; ties go to the label listed first.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rhai::{Array, Dynamic, Map};

use crate::extract::{Extract, age_on, ocg_rank};
use crate::matcher::Hit;
use crate::policy::manifest::Evaluate;
use crate::policy::{Policy, Strength};
use crate::script::{Firing, ScriptRunError};

/// Why an event was or was not flagged, with everything needed to show it.
#[derive(Clone, Debug, Default)]
pub struct EventDecision {
    pub flagged: bool,
    pub label: Option<String>,
    /// Points for the chosen label (or the best label when not flagged).
    pub score: i64,
    /// Categories with at least one hit that counted (`Counted::Yes`).
    pub categories: BTreeSet<String>,
    pub hits: Vec<Hit>,
    /// Whether each hit (same order as `hits`) counted towards the rules, and if not, why not.
    pub counted: Vec<Counted>,
    pub firings: Vec<Firing>,
    pub errors: Vec<ScriptRunError>,
    /// Which pass flagged it: `text` or `nominals`.
    pub route: Option<&'static str>,
}

/// Whether a hit counted towards the rules, and if not, why not: the `counted` column of `hits`, so a reader
/// sees which words are the evidence behind a score and which were found and set aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    Yes,
    /// A negation cue stands before or after it in its sentence ("no concerns about ... county lines").
    Negated,
    /// A term of strength `other_sense`: the words in another sense, counted for nothing.
    OtherSense,
    /// Inside a longer hit, or on exactly the words of an earlier one (the same span, or the same anchor of a
    /// near term joined to companions on both sides), or inside a negated one: one piece of text is one piece
    /// of evidence.
    WithinLongerHit,
    /// The same sign as a hit already counted in this text: the same term again, or another wording of it
    /// (`variant_of`).
    SignAlreadyCounted,
}

impl Counted {
    pub fn as_str(self) -> &'static str {
        match self {
            Counted::Yes => "yes",
            Counted::Negated => "negated",
            Counted::OtherSense => "other_sense",
            Counted::WithinLongerHit => "within_longer_hit",
            Counted::SignAlreadyCounted => "sign_already_counted",
        }
    }
}

/// What the rules see of one text's hits: distinct signs per category and strength, the ids of the terms that
/// counted, how many hits a negation set aside, and each hit's `Counted`.
struct Tally<'a> {
    strong: BTreeMap<&'a str, i64>,
    supporting: BTreeMap<&'a str, i64>,
    terms: BTreeSet<&'a str>,
    negated: i64,
    counted: Vec<Counted>,
}

/// Distinct signs, not occurrences: a report that says "missing from home" three times is not three times the
/// evidence, nor is one that says "county line" and then "county lines" (a term marked `variant_of` counts as
/// the other's sign). Nor is a term found inside a longer one's match ("exploitation" within "financial
/// exploitation"): the longer term is the evidence, the shorter one part of its wording.
fn tally<'a>(policy: &'a Policy, hits: &[Hit]) -> Tally<'a> {
    let zero: BTreeMap<&str, i64> = policy
        .manifest
        .categories
        .iter()
        .map(|c| (c.as_str(), 0))
        .collect();
    let mut tally = Tally {
        strong: zero.clone(),
        supporting: zero,
        terms: BTreeSet::new(),
        negated: 0,
        counted: Vec::with_capacity(hits.len()),
    };
    let mut signs: BTreeSet<&str> = BTreeSet::new();
    let longest = hits.iter().map(|h| h.end - h.start).max().unwrap_or(0);
    for (at, hit) in hits.iter().enumerate() {
        let verdict = match policy.term(hit.term) {
            // A hit of no term of this policy: none is made, and it would count for nothing.
            None => Counted::OtherSense,
            Some(_) if hit.negated => {
                tally.negated += 1;
                Counted::Negated
            }
            Some(term) if !term.strength.counts() => Counted::OtherSense,
            Some(_) if within_longer_hit(hits, at, longest) => Counted::WithinLongerHit,
            Some(term) => {
                tally.terms.insert(term.id.as_str());
                if signs.insert(term.sign().as_str()) {
                    let counts = if term.strength == Strength::Strong {
                        &mut tally.strong
                    } else {
                        &mut tally.supporting
                    };
                    *counts.entry(term.category.as_str()).or_insert(0) += 1;
                    Counted::Yes
                } else {
                    Counted::SignAlreadyCounted
                }
            }
        };
        tally.counted.push(verdict);
    }
    tally
}

/// Decisions for every event, in extract order.
pub struct Classification {
    pub decisions: Vec<EventDecision>,
    /// How many events each pass put in front of the script (for run.json and benchmarks).
    pub evaluated_text: usize,
    pub evaluated_nominals: usize,
}

impl Classification {
    pub fn flagged(&self) -> usize {
        self.decisions.iter().filter(|d| d.flagged).count()
    }
    pub fn rule_errors(&self) -> usize {
        self.decisions.iter().map(|d| d.errors.len()).sum()
    }
}

/// Who is linked to each event, and what is known about each nominal, indexed once for both passes.
struct Facts<'a> {
    links_by_event: Vec<Vec<(usize, &'a str)>>,
    events_by_nominal: Vec<Vec<usize>>,
    markers: Vec<Vec<&'a str>>,
    ocg_role: Vec<Option<&'a str>>,
}

impl<'a> Facts<'a> {
    fn new(extract: &'a Extract) -> Self {
        let nominal_index = extract.nominal_index();
        let mut links_by_event = vec![Vec::new(); extract.events.len()];
        let mut events_by_nominal = vec![Vec::new(); extract.nominals.len()];
        for link in &extract.links {
            if let Some(slot) = links_by_event.get_mut(link.event_index) {
                slot.push((link.nominal_index, link.role.as_str()));
            }
            if let Some(slot) = events_by_nominal.get_mut(link.nominal_index) {
                slot.push(link.event_index);
            }
        }
        let mut markers = vec![Vec::new(); extract.nominals.len()];
        for marker in &extract.markers {
            if let Some(slot) = nominal_index
                .get(&marker.nominal)
                .and_then(|&n| markers.get_mut(n))
            {
                slot.push(marker.marker.as_str());
            }
        }
        for list in &mut markers {
            list.sort_unstable();
            list.dedup();
        }
        let mut ocg_role: Vec<Option<&str>> = vec![None; extract.nominals.len()];
        for membership in &extract.ocg {
            if let Some(slot) = nominal_index
                .get(&membership.nominal)
                .and_then(|&n| ocg_role.get_mut(n))
                && slot.is_none_or(|r| ocg_rank(r) < ocg_rank(&membership.role))
            {
                *slot = Some(membership.role.as_str());
            }
        }
        Self {
            links_by_event,
            events_by_nominal,
            markers,
            ocg_role,
        }
    }
}

/// Matches every event's text, in parallel over chunks of events (each chunk matched as a batch). `tick` is
/// called once per event for progress.
pub fn match_events(policy: &Policy, extract: &Extract, tick: &(dyn Fn() + Sync)) -> Vec<Vec<Hit>> {
    extract
        .events
        .par_chunks(256)
        .flat_map_iter(|chunk| {
            let texts: Vec<&str> = chunk.iter().map(|e| e.text.as_str()).collect();
            let hits = policy.find_batch(&texts);
            for _ in chunk {
                tick();
            }
            hits
        })
        .collect()
}

/// Classifies every event given its hits (from `match_events`).
pub fn classify(
    policy: &Policy,
    extract: &Extract,
    hits: Vec<Vec<Hit>>,
    tick: &(dyn Fn() + Sync),
) -> Classification {
    let facts = Facts::new(extract);
    let evaluate_all = policy.manifest.classify.evaluate == Evaluate::AllEvents;
    let mut decisions: Vec<EventDecision> = hits
        .into_par_iter()
        .enumerate()
        .map(|(index, hits)| {
            let tally = tally(policy, &hits);
            let mut decision = EventDecision {
                categories: hits
                    .iter()
                    .zip(&tally.counted)
                    .filter(|&(_, &counted)| counted == Counted::Yes)
                    .filter_map(|(h, _)| policy.term(h.term))
                    .map(|t| t.category.clone())
                    .collect(),
                hits,
                ..EventDecision::default()
            };
            if evaluate_all || !decision.hits.is_empty() {
                let argument = event_facts(policy, extract, &facts, index, &tally, None);
                run_script(policy, "classify", extract, index, argument, &mut decision);
                decide(policy, &mut decision, "text");
            }
            decision.counted = tally.counted;
            tick();
            decision
        })
        .collect();

    let evaluated_text = if evaluate_all {
        decisions.len()
    } else {
        decisions.iter().filter(|d| !d.hits.is_empty()).count()
    };
    let mut evaluated_nominals = 0;
    if policy.classify.has_function("classify_by_nominals", 1) {
        let flagged_by_nominal: Vec<usize> = facts
            .events_by_nominal
            .iter()
            .map(|events| {
                events
                    .iter()
                    .filter(|&&e| decisions.get(e).is_some_and(|d| d.flagged))
                    .count()
            })
            .collect();
        let candidates: Vec<usize> = (0..decisions.len())
            .filter(|&e| {
                !decisions.get(e).is_some_and(|d| d.flagged)
                    && facts.links_by_event.get(e).is_some_and(|links| {
                        links
                            .iter()
                            .any(|&(n, _)| flagged_by_nominal.get(n).copied().unwrap_or(0) > 0)
                    })
            })
            .collect();
        evaluated_nominals = candidates.len();
        let updates: Vec<(usize, EventDecision)> = candidates
            .par_iter()
            .map(|&index| {
                let mut decision = decisions.get(index).cloned().unwrap_or_default();
                // A nominal's other events are all its events less its links to this one. Counted from the
                // totals, not by walking the nominal's events: a prolific nominal (a store detective, "person
                // unknown") is in thousands of events, most of them candidates here, and walking each one's
                // list made the second pass quadratic in that nominal's events.
                let links_here = facts
                    .links_by_event
                    .get(index)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let this_flagged = usize::from(decision.flagged);
                let other_events = |nominal: usize| {
                    let here = links_here.iter().filter(|&&(n, _)| n == nominal).count();
                    let linked = facts.events_by_nominal.get(nominal).map_or(0, Vec::len);
                    let flagged = flagged_by_nominal.get(nominal).copied().unwrap_or(0);
                    OtherEvents {
                        flagged: flagged.saturating_sub(here * this_flagged),
                        linked: linked.saturating_sub(here),
                    }
                };
                let second_pass = SecondPass {
                    text_score: decision.score,
                    other_events: &other_events,
                };
                let argument = event_facts(
                    policy,
                    extract,
                    &facts,
                    index,
                    &tally(policy, &decision.hits),
                    Some(&second_pass),
                );
                run_script(
                    policy,
                    "classify_by_nominals",
                    extract,
                    index,
                    argument,
                    &mut decision,
                );
                decide(policy, &mut decision, "nominals");
                (index, decision)
            })
            .collect();
        for (index, decision) in updates {
            if let Some(slot) = decisions.get_mut(index) {
                *slot = decision;
            }
        }
    }
    Classification {
        evaluated_text,
        evaluated_nominals,
        decisions,
    }
}

fn run_script(
    policy: &Policy,
    function: &str,
    extract: &Extract,
    index: usize,
    argument: Dynamic,
    decision: &mut EventDecision,
) {
    let subject = extract
        .events
        .get(index)
        .map(|e| format!("event `{}`", e.id))
        .unwrap_or_default();
    match policy
        .sandbox
        .call(&policy.classify, function, &subject, argument)
    {
        Ok(evaluation) => decision.firings.extend(evaluation.firings),
        Err((error, _partial)) => decision.errors.push(error),
    }
}

/// Sums points per label and applies the threshold. Unknown labels are recorded as rule errors.
fn decide(policy: &Policy, decision: &mut EventDecision, route: &'static str) {
    let labels = &policy.manifest.labels;
    for firing in &decision.firings {
        if let Some(label) = &firing.label
            && !labels.contains(label)
        {
            let error = ScriptRunError {
                file: firing.source.clone(),
                function: "fire".to_string(),
                subject: format!("rule `{}`", firing.rule),
                message: format!(
                    "unknown label `{label}`; the manifest lists {}",
                    labels.join(", ")
                ),
            };
            if !decision.errors.contains(&error) {
                decision.errors.push(error);
            }
        }
    }
    let mut best: Option<(&String, i64)> = None;
    for label in labels {
        let points = crate::script::total_points(
            decision
                .firings
                .iter()
                .filter(|f| f.label.as_ref().is_none_or(|l| l == label))
                .map(|f| f.points),
        );
        if best.is_none_or(|(_, p)| points > p) {
            best = Some((label, points));
        }
    }
    let was_flagged = decision.flagged;
    if let Some((label, points)) = best {
        decision.score = points;
        decision.flagged =
            points >= policy.manifest.classify.threshold && !decision.firings.is_empty();
        decision.label = decision.flagged.then(|| label.clone());
    }
    if decision.flagged && !was_flagged {
        decision.route = Some(route);
    }
}

/// Whether hit `at` lies inside a longer hit, or spans exactly the text of an earlier one (a phrase term and a
/// near term both matching "took her passport"): one piece of text is one piece of evidence. A longer hit that
/// a negation set aside takes the words inside it along: "no intel indicating the IP was being used to sell
/// drugs" says nothing of selling drugs, though "sell drugs" stands further from the cue than its reach, and a
/// hit that begins inside a negated one is the same denial going on: in "no intelligence that either group uses
/// children or runs deal lines", "deal lines" begins at the last word of the negated "uses children or runs
/// deal". Words between a near term's anchor and its companion are not its match: "learning disability" in "the
/// flat of Edna (81, learning disability) is being used by" is evidence of its own. Two near terms can join one
/// anchor found once to a companion on each side ("offering cash work, a bed and"): neither span holds the
/// other, but the anchor is one piece of evidence, so the longer of the two counts (the earlier, if equal) and
/// the other is set aside, as if inside it.
///
/// `hits` are sorted by start, as the matcher returns them, and none is longer than `longest` bytes: a hit that
/// covers this one, a negated one it begins inside, or one sharing its anchor starts within `longest` bytes
/// before its anchor, so only those are looked at (a text holding a term thousands of times would otherwise
/// compare every pair of its hits).
fn within_longer_hit(hits: &[Hit], at: usize, longest: usize) -> bool {
    let Some(hit) = hits.get(at) else {
        return false;
    };
    let length = |h: &Hit| h.end - h.start;
    let from = hits.partition_point(|other| other.start + longest <= hit.start);
    let to = hits.partition_point(|other| other.start <= hit.anchor.0);
    let candidates = hits.get(from..to).unwrap_or(&[]);
    candidates.iter().enumerate().any(|(offset, other)| {
        let index = from + offset;
        let longer = length(other) > length(hit);
        let same_span_earlier = index < at && other.start == hit.start && other.end == hit.end;
        let between_its_words = other.between.0 <= hit.start && hit.end <= other.between.1;
        let covers = other.end >= hit.end && (longer || same_span_earlier);
        let begins_inside_negated = other.negated && index != at && hit.start < other.end;
        let shares_anchor = index != at
            && other.anchor == hit.anchor
            && (longer || (length(other) == length(hit) && index < at));
        shares_anchor
            || (other.start <= hit.start && !between_its_words && (covers || begins_inside_negated))
    })
}

/// How many other events a nominal is linked to, and how many of those the text pass flagged.
struct OtherEvents {
    flagged: usize,
    linked: usize,
}

/// What the second pass (`classify_by_nominals`) sees beyond the first: the points the text rules gave the
/// event (its best label's), and each linked nominal's other events.
struct SecondPass<'a> {
    text_score: i64,
    other_events: &'a (dyn Fn(usize) -> OtherEvents + Sync),
}

/// The map a script sees for one event: only permitted attributes, never protected ones.
fn event_facts(
    policy: &Policy,
    extract: &Extract,
    facts: &Facts,
    index: usize,
    tally: &Tally,
    second_pass: Option<&SecondPass>,
) -> Dynamic {
    let manifest = &policy.manifest;
    let mut map = Map::new();
    let Some(event) = extract.events.get(index) else {
        return Dynamic::from_map(map);
    };
    map.insert("id".into(), event.id.as_str().into());
    if manifest.permits("source") {
        map.insert("source".into(), event.source.as_str().into());
    }
    if manifest.permits("offence") {
        map.insert("offence".into(), event.offence.as_str().into());
    }
    if manifest.permits("occurred_on") {
        map.insert("occurred_on".into(), event.occurred_on.to_string().into());
    }
    let to_map = |counts: &BTreeMap<&str, i64>| -> Dynamic {
        let map: Map = counts
            .iter()
            .map(|(&k, &v)| (k.into(), Dynamic::from_int(v)))
            .collect();
        Dynamic::from_map(map)
    };
    map.insert("hits".into(), to_map(&tally.strong));
    map.insert("supporting".into(), to_map(&tally.supporting));
    map.insert(
        "terms".into(),
        Dynamic::from_array(
            tally
                .terms
                .iter()
                .map(|t| Dynamic::from(t.to_string()))
                .collect(),
        ),
    );
    map.insert("negated".into(), Dynamic::from_int(tally.negated));
    map.insert(
        "ruled_out".into(),
        Dynamic::from_array(
            policy
                .ruled_out_in(&event.text)
                .into_iter()
                .map(Dynamic::from)
                .collect(),
        ),
    );
    let mut nominals = Array::new();
    for &(nominal_index, role) in facts
        .links_by_event
        .get(index)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let Some(nominal) = extract.nominals.get(nominal_index) else {
            continue;
        };
        let mut person = Map::new();
        if manifest.permits("role") {
            person.insert("role".into(), role.into());
        }
        if manifest.permits("age") {
            let age = nominal.dob.and_then(|dob| age_on(dob, event.occurred_on));
            person.insert(
                "age".into(),
                age.map(Dynamic::from_int).unwrap_or(Dynamic::UNIT),
            );
        }
        if manifest.permits("markers") {
            let markers: Array = facts
                .markers
                .get(nominal_index)
                .map(|m| m.iter().map(|s| Dynamic::from(s.to_string())).collect())
                .unwrap_or_default();
            person.insert("markers".into(), Dynamic::from_array(markers));
        }
        if manifest.permits("ocg_role") {
            let role = facts
                .ocg_role
                .get(nominal_index)
                .copied()
                .flatten()
                .unwrap_or("");
            person.insert("ocg_role".into(), role.into());
        }
        if let Some(pass) = second_pass {
            // The nominal's id, an identifier and no attribute of the person: a nominal linked twice to one
            // event (victim and reporter) is one person to the rules that count people. The second pass only:
            // the first runs on every event and has no rule that counts people.
            person.insert("id".into(), nominal.id.as_str().into());
            // Whether the role makes the person part of the event, by the manifest's one list (`people.
            // subject_roles`: not a reporter or a witness), which also decides who is scored.
            let part = manifest.people.subject_roles.iter().any(|r| r == role);
            person.insert("part".into(), Dynamic::from_bool(part));
            let other = (pass.other_events)(nominal_index);
            person.insert(
                "other_flagged".into(),
                Dynamic::from_int(other.flagged as i64),
            );
            person.insert(
                "other_events".into(),
                Dynamic::from_int(other.linked as i64),
            );
        }
        nominals.push(Dynamic::from_map(person));
    }
    map.insert("nominals".into(), Dynamic::from_array(nominals));
    if let Some(pass) = second_pass {
        map.insert("text_score".into(), Dynamic::from_int(pass.text_score));
    }
    Dynamic::from_map(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::TermIndex;

    fn hit(start: usize, end: usize, term: usize) -> Hit {
        Hit {
            start,
            end,
            term: TermIndex(term),
            negated: false,
            between: (end, end),
            anchor: (start, end),
        }
    }

    #[test]
    fn a_hit_inside_a_longer_one_is_found_however_far_back_the_longer_one_starts() {
        // "financial exploitation" (0..22) holds "exploitation" (10..22); a later "exploitation" (100..112)
        // stands alone; a phrase and a near term over one span count once, the earlier of them.
        let hits = [
            hit(0, 22, 0),
            hit(10, 22, 1),
            hit(30, 40, 2),
            hit(30, 40, 3),
            hit(100, 112, 1),
        ];
        let longest = 22;
        let inside: Vec<bool> = (0..hits.len())
            .map(|at| within_longer_hit(&hits, at, longest))
            .collect();
        assert_eq!(inside, [false, true, false, true, false]);
    }

    #[test]
    fn two_near_terms_on_one_anchor_count_once_the_longer_of_them() {
        // "offering cash work, a bed and": "cash work" (10..19) joined to "offering" before it (0..19) by one
        // near term and to "a bed and" after it (10..30) by another; the longer counts. With equal lengths the
        // earlier counts. A third near term on another "cash work" (50..59) is evidence of its own.
        let near = |start, end, term, anchor| Hit {
            anchor,
            ..hit(start, end, term)
        };
        let hits = [
            near(0, 19, 0, (10, 19)),
            near(10, 30, 1, (10, 19)),
            near(40, 59, 0, (50, 59)),
        ];
        let inside: Vec<bool> = (0..hits.len())
            .map(|at| within_longer_hit(&hits, at, 20))
            .collect();
        assert_eq!(inside, [true, false, false]);
        let equal = [near(0, 19, 0, (10, 19)), near(10, 29, 1, (10, 19))];
        let inside: Vec<bool> = (0..equal.len())
            .map(|at| within_longer_hit(&equal, at, 19))
            .collect();
        assert_eq!(inside, [false, true]);
    }

    #[test]
    fn a_hit_inside_a_longer_negated_one_is_set_aside_with_it() {
        // "being used to sell drugs" (0..24), negated by a cue before it, holds "sell drugs" (14..24).
        let negated = Hit {
            negated: true,
            ..hit(0, 24, 0)
        };
        let hits = [negated, hit(14, 24, 1)];
        assert!(within_longer_hit(&hits, 1, 24));
    }

    #[test]
    fn a_hit_that_begins_inside_a_negated_one_is_set_aside_with_it() {
        // "uses children or runs deal" (0..26), negated by "no intelligence that" before it, then "deal lines"
        // (22..32) beginning at its last word; a later "deal lines" (60..70) stands alone, and so does a hit
        // overlapping a longer hit that no cue negated.
        let negated = Hit {
            negated: true,
            ..hit(0, 26, 0)
        };
        let hits = [negated, hit(22, 32, 1), hit(60, 70, 1)];
        let inside: Vec<bool> = (0..hits.len())
            .map(|at| within_longer_hit(&hits, at, 26))
            .collect();
        assert_eq!(inside, [false, true, false]);
        let plain = [hit(0, 26, 0), hit(22, 32, 1)];
        assert!(!within_longer_hit(&plain, 1, 26));
    }
}
