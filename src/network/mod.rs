//! Networks: who is connected to whom through exploitation events. Pure: the analysis so far in, networks with
//! their members, ties, centrality and harm out.
//!
//! The graph (petgraph) has a node per person in scope and per entity: a named line or line number found by the
//! manifest's entity terms, an organised crime group, and any event too large to tie its people pairwise. Ties:
//! - `event`: two people on the same tie event in tie roles, weight the sum over shared events of 1/(k - 1) for
//!   an event of k people (Newman's collaboration weighting: a pair of two says more than a crowd of ten);
//! - `large_event`: a person to an event of more than `max_event_size` people, weight 1/(k - 1): a party of 80
//!   is a star through the event, not 3,160 pairwise ties that would dominate every measure;
//! - `line`: a person on an event whose text names the line, weight the number of such events;
//! - `ocg`: a person to their organised crime group.
//!
//! Scope: everyone scored (linked to a flagged event), then `hops` steps out through unflagged events of at most
//! `max_event_size` people. A network is a connected component with at least `min_size` people; its id is
//! `NET-` and its smallest person id (without `P-`), stable across runs on the same data. The harm score is a
//! Rhai script like every other score, so the order of networks is traced to rules.

pub mod centrality;
pub mod render;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use rhai::{Array, Dynamic, Map};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::classify::Classification;
use crate::extract::Extract;
use crate::matcher::TermKind;
use crate::people::{Score, ScoredPerson};
use crate::policy::Policy;
use crate::policy::manifest::NetworkConfig;
use crate::resolve::Resolution;
use centrality::Centrality;

/// What a node stands for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    /// Index into `Resolution::persons`.
    Person(usize),
    /// A line name or number: the term id that found it.
    Line(String),
    Ocg(String),
    /// Index into `Extract::events`.
    Event(usize),
}

impl NodeKind {
    pub fn kind(&self) -> &'static str {
        match self {
            NodeKind::Person(_) => "person",
            NodeKind::Line(_) => "line",
            NodeKind::Ocg(_) => "ocg",
            NodeKind::Event(_) => "event",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Node {
    pub what: NodeKind,
    /// The id shown: a person id, a term id, an OCG id or an event id.
    pub id: String,
    /// A readable label: the line's name or number for lines, else the id.
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TieKind {
    Event,
    LargeEvent,
    Line,
    Ocg,
}

impl TieKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TieKind::Event => "event",
            TieKind::LargeEvent => "large_event",
            TieKind::Line => "line",
            TieKind::Ocg => "ocg",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Tie {
    pub kind: TieKind,
    pub weight: f64,
    /// Event indices the tie rests on (empty for OCG membership).
    pub events: BTreeSet<usize>,
}

/// How a person came into scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Linked to a flagged event (scored).
    Flagged,
    /// `hops` steps out, through this unflagged event from this person.
    Hop {
        depth: usize,
        event: usize,
        from: usize,
    },
}

/// One network with everything the outputs need.
#[derive(Clone, Debug)]
pub struct Network {
    pub id: String,
    /// Graph nodes in the network, sorted by id; persons first.
    pub nodes: Vec<NodeIndex>,
    pub persons: usize,
    pub flagged_events: BTreeSet<usize>,
    pub events: BTreeSet<usize>,
    pub forces: BTreeSet<String>,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    /// Centrality per node, in `nodes` order.
    pub centrality: Centrality,
    pub harm: Score,
}

pub struct Networks {
    pub graph: UnGraph<Node, Tie>,
    /// Reportable networks, by harm (highest first) then id.
    pub networks: Vec<Network>,
    pub reach: FxHashMap<usize, Reach>,
    /// Persons in scope and components before the minimum size.
    pub persons_in_scope: usize,
    pub components: usize,
}

/// Builds the networks, or `None` if the manifest has no `networks` section.
pub fn build(
    policy: &Policy,
    extract: &Extract,
    classification: &Classification,
    resolution: &Resolution,
    people: &[ScoredPerson],
) -> Option<Networks> {
    let config = policy.manifest.networks.as_ref()?;
    let decisions = &classification.decisions;
    let flagged = |e: usize| decisions.get(e).is_some_and(|d| d.flagged);
    let person_index: FxHashMap<&str, usize> = resolution
        .persons
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();

    // People on each event in tie roles, once each, and who holds a hop role there.
    let mut on_event: Vec<Vec<usize>> = vec![Vec::new(); extract.events.len()];
    let mut hop_people: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    let mut events_of: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for link in extract
        .links
        .iter()
        .filter(|l| config.tie_roles.contains(&l.role))
    {
        let (Some(&p), Some(slot)) = (
            resolution.person_of.get(link.nominal_index),
            on_event.get_mut(link.event_index),
        ) else {
            continue;
        };
        if !slot.contains(&p) {
            slot.push(p);
            events_of.entry(p).or_default().push(link.event_index);
        }
        if config.hop_roles.contains(&link.role) {
            let holders = hop_people.entry(link.event_index).or_default();
            if !holders.contains(&p) {
                holders.push(p);
            }
        }
    }

    // Scope: everyone scored, then hops out through small unflagged events.
    let mut reach: FxHashMap<usize, Reach> = FxHashMap::default();
    let mut tie_events: BTreeSet<usize> = BTreeSet::new();
    for person in people {
        if let Some(&p) = person_index.get(person.id.as_str()) {
            reach.insert(p, Reach::Flagged);
            for &e in events_of.get(&p).map(Vec::as_slice).unwrap_or(&[]) {
                if flagged(e) {
                    tie_events.insert(e);
                }
            }
        }
    }
    let mut frontier: Vec<usize> = reach.keys().copied().collect();
    frontier.sort_unstable();
    for depth in 1..=config.hops {
        let mut next = Vec::new();
        for &p in &frontier {
            for &e in events_of.get(&p).map(Vec::as_slice).unwrap_or(&[]) {
                let crowd = on_event.get(e).map_or(0, Vec::len);
                let holders = hop_people.get(&e).map(Vec::as_slice).unwrap_or(&[]);
                if flagged(e) || crowd > config.max_event_size || !holders.contains(&p) {
                    continue;
                }
                if holders.len() < 2 {
                    continue;
                }
                tie_events.insert(e);
                for &q in holders {
                    if let std::collections::hash_map::Entry::Vacant(slot) = reach.entry(q) {
                        slot.insert(Reach::Hop {
                            depth,
                            event: e,
                            from: p,
                        });
                        next.push(q);
                    }
                }
            }
        }
        next.sort_unstable();
        frontier = next;
    }

    // Nodes and ties.
    let mut graph: UnGraph<Node, Tie> = UnGraph::default();
    let mut node_of: FxHashMap<NodeKind, NodeIndex> = FxHashMap::default();
    let mut in_scope: Vec<usize> = reach.keys().copied().collect();
    in_scope.sort_unstable();
    for &p in &in_scope {
        let id = resolution
            .persons
            .get(p)
            .map(|r| r.id.to_string())
            .unwrap_or_default();
        let what = NodeKind::Person(p);
        let index = graph.add_node(Node {
            what: what.clone(),
            label: id.clone(),
            id,
        });
        node_of.insert(what, index);
    }
    let mut ties: BTreeMap<(NodeIndex, NodeIndex, TieKind), Tie> = BTreeMap::new();
    let mut tie = |a: NodeIndex, b: NodeIndex, kind: TieKind, weight: f64, event: Option<usize>| {
        let key = if a <= b { (a, b, kind) } else { (b, a, kind) };
        let entry = ties.entry(key).or_insert(Tie {
            kind,
            weight: 0.0,
            events: BTreeSet::new(),
        });
        entry.weight += weight;
        if let Some(e) = event {
            entry.events.insert(e);
        }
    };
    let entity_terms: FxHashSet<usize> = entity_term_indices(policy, config);
    for &e in &tie_events {
        let people_here: Vec<NodeIndex> = on_event
            .get(e)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|p| node_of.get(&NodeKind::Person(*p)).copied())
            .collect();
        let k = people_here.len();
        if k >= 2 && k <= config.max_event_size {
            let weight = 1.0 / (k - 1) as f64;
            for (i, &a) in people_here.iter().enumerate() {
                for &b in people_here.iter().skip(i + 1) {
                    tie(a, b, TieKind::Event, weight, Some(e));
                }
            }
        } else if k > config.max_event_size {
            let what = NodeKind::Event(e);
            let hub = *node_of.entry(what.clone()).or_insert_with(|| {
                let id = extract
                    .events
                    .get(e)
                    .map(|ev| ev.id.to_string())
                    .unwrap_or_default();
                graph.add_node(Node {
                    what,
                    label: format!("{id} ({k} people)"),
                    id,
                })
            });
            for &a in &people_here {
                tie(a, hub, TieKind::LargeEvent, 1.0 / (k - 1) as f64, Some(e));
            }
        }
        // Lines named in the text tie the event's people to the line.
        let Some(decision) = decisions.get(e) else {
            continue;
        };
        let mut lines: BTreeSet<usize> = BTreeSet::new();
        for hit in decision.hits.iter().filter(|h| !h.negated) {
            if entity_terms.contains(&hit.term.0) {
                lines.insert(hit.term.0);
            }
        }
        for term_index in lines {
            let Some(term) = policy.term(crate::matcher::TermIndex(term_index)) else {
                continue;
            };
            let what = NodeKind::Line(term.id.to_string());
            let node = *node_of.entry(what.clone()).or_insert_with(|| {
                graph.add_node(Node {
                    what,
                    id: term.id.to_string(),
                    label: match term.kind {
                        TermKind::Phone => term.text.clone(),
                        TermKind::Phrase | TermKind::Near => format!("\"{}\"", term.text),
                    },
                })
            });
            for &a in &people_here {
                tie(a, node, TieKind::Line, 1.0, Some(e));
            }
        }
    }
    // Organised crime groups of people in scope.
    let nominal_index = extract.nominal_index();
    for membership in &extract.ocg {
        let Some(&p) = nominal_index
            .get(&membership.nominal)
            .and_then(|&n| resolution.person_of.get(n))
        else {
            continue;
        };
        let Some(&person_node) = node_of.get(&NodeKind::Person(p)) else {
            continue;
        };
        let what = NodeKind::Ocg(membership.ocg_id.clone());
        let node = *node_of.entry(what.clone()).or_insert_with(|| {
            graph.add_node(Node {
                what,
                id: membership.ocg_id.clone(),
                label: format!("OCG {}", membership.ocg_id),
            })
        });
        tie(person_node, node, TieKind::Ocg, 1.0, None);
    }
    for ((a, b, _), t) in ties {
        graph.add_edge(a, b, t);
    }

    // Components.
    let mut sets = UnionFind::<usize>::new(graph.node_count());
    for edge in graph.edge_references() {
        sets.union(edge.source().index(), edge.target().index());
    }
    let mut components: BTreeMap<usize, Vec<NodeIndex>> = BTreeMap::new();
    for node in graph.node_indices() {
        components
            .entry(sets.find(node.index()))
            .or_default()
            .push(node);
    }
    let component_count = components.len();
    let scored: FxHashMap<usize, &ScoredPerson> = people
        .iter()
        .filter_map(|s| Some((*person_index.get(s.id.as_str())?, s)))
        .collect();
    let context = Context {
        policy,
        extract,
        classification,
        config,
        graph: &graph,
        scored: &scored,
    };
    let mut networks: Vec<Network> = components
        .into_values()
        .filter(|nodes| {
            nodes
                .iter()
                .filter(|n| matches!(graph[**n].what, NodeKind::Person(_)))
                .count()
                >= config.min_size.max(1)
        })
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|nodes| context.network(nodes))
        .collect();
    networks.sort_by(|a, b| {
        b.harm
            .value
            .cmp(&a.harm.value)
            .then_with(|| a.id.cmp(&b.id))
    });
    Some(Networks {
        graph,
        networks,
        persons_in_scope: in_scope.len(),
        reach,
        components: component_count,
    })
}

/// Indices of the terms whose hits are entities, per the manifest.
fn entity_term_indices(policy: &Policy, config: &NetworkConfig) -> FxHashSet<usize> {
    policy
        .terms
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            config.entities.iter().any(|rule| {
                rule.category == t.category
                    && rule
                        .source
                        .as_deref()
                        .is_none_or(|s| s == t.source.as_str())
            })
        })
        .map(|(i, _)| i)
        .collect()
}

struct Context<'a> {
    policy: &'a Policy,
    extract: &'a Extract,
    classification: &'a Classification,
    config: &'a NetworkConfig,
    graph: &'a UnGraph<Node, Tie>,
    scored: &'a FxHashMap<usize, &'a ScoredPerson>,
}

impl Context<'_> {
    fn network(&self, mut nodes: Vec<NodeIndex>) -> Network {
        let graph = self.graph;
        // Persons first, then entities, each by id: a stable order for ids, tables and sampling.
        nodes.sort_by(|a, b| {
            let key = |n: &NodeIndex| {
                let node = &graph[*n];
                (!matches!(node.what, NodeKind::Person(_)), node.id.as_str())
            };
            key(a).cmp(&key(b))
        });
        let persons: Vec<usize> = nodes
            .iter()
            .filter_map(|n| match graph[*n].what {
                NodeKind::Person(p) => Some(p),
                _ => None,
            })
            .collect();
        let id = nodes
            .first()
            .map(|n| format!("NET-{}", graph[*n].id.trim_start_matches("P-")))
            .unwrap_or_default();
        let position: FxHashMap<NodeIndex, usize> =
            nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        let mut events = BTreeSet::new();
        for (i, &n) in nodes.iter().enumerate() {
            for edge in graph.edges(n) {
                let other = if edge.source() == n {
                    edge.target()
                } else {
                    edge.source()
                };
                if let (Some(&j), Some(list)) = (position.get(&other), adjacency.get_mut(i))
                    && !list.contains(&j)
                {
                    list.push(j);
                }
                events.extend(edge.weight().events.iter().copied());
            }
        }
        // Members' own flagged events count too, tied or not (one person alone on a flagged event).
        for p in &persons {
            if let Some(person) = self.scored.get(p) {
                events.extend(person.flagged_events.iter().copied());
            }
        }
        let decisions = &self.classification.decisions;
        let flagged_events: BTreeSet<usize> = events
            .iter()
            .copied()
            .filter(|&e| decisions.get(e).is_some_and(|d| d.flagged))
            .collect();
        let dates: Vec<NaiveDate> = events
            .iter()
            .filter_map(|&e| self.extract.events.get(e).map(|ev| ev.occurred_on))
            .collect();
        let forces: BTreeSet<String> = events
            .iter()
            .filter_map(|&e| self.extract.events.get(e).map(|ev| ev.force.clone()))
            .filter(|f| !f.is_empty())
            .collect();
        let centrality = centrality::compute(
            &adjacency,
            self.config.exact_betweenness_up_to,
            self.config.betweenness_samples,
        );
        let harm = self.harm(&id, &nodes, &persons, &flagged_events, &dates);
        Network {
            id,
            persons: persons.len(),
            nodes,
            flagged_events,
            events,
            forces,
            first_seen: dates.iter().min().copied(),
            last_seen: dates.iter().max().copied(),
            centrality,
            harm,
        }
    }

    /// The facts `network.rhai` sees, and its score. Never the forces spanned: that is location.
    fn harm(
        &self,
        id: &str,
        nodes: &[NodeIndex],
        persons: &[usize],
        flagged_events: &BTreeSet<usize>,
        dates: &[NaiveDate],
    ) -> Score {
        let (min, max) = (self.config.harm.min, self.config.harm.max);
        let Some(script) = &self.policy.network_script else {
            return Score::from_parts(Vec::new(), Vec::new(), min, max);
        };
        let members: Vec<&ScoredPerson> = persons
            .iter()
            .filter_map(|p| self.scored.get(p).copied())
            .collect();
        let permits = |a: &str| self.policy.manifest.permits(a);
        let count_kind = |kind: &str| {
            nodes
                .iter()
                .filter(|n| self.graph[**n].what.kind() == kind)
                .count() as i64
        };
        let mut labels: BTreeMap<String, i64> = BTreeMap::new();
        for &e in flagged_events {
            if let Some(label) = self
                .classification
                .decisions
                .get(e)
                .and_then(|d| d.label.clone())
            {
                *labels.entry(label).or_default() += 1;
            }
        }
        let involvement: Vec<i64> = members.iter().map(|m| m.score("involvement")).collect();
        let mut facts = Map::new();
        let int = |v: i64| Dynamic::from(v);
        facts.insert("id".into(), Dynamic::from(id.to_string()));
        facts.insert("size".into(), int(persons.len() as i64));
        facts.insert("scored".into(), int(members.len() as i64));
        facts.insert("flagged_events".into(), int(flagged_events.len() as i64));
        facts.insert(
            "labels".into(),
            Dynamic::from_map(
                labels
                    .into_iter()
                    .map(|(k, v)| (k.into(), int(v)))
                    .collect(),
            ),
        );
        facts.insert("lines".into(), int(count_kind("line")));
        facts.insert("ocgs".into(), int(count_kind("ocg")));
        facts.insert("large_events".into(), int(count_kind("event")));
        if permits("age") {
            let children = members
                .iter()
                .filter(|m| m.age.is_some_and(|a| a < 18))
                .count();
            facts.insert("children".into(), int(children as i64));
        }
        if permits("ocg_role") {
            let senior = members
                .iter()
                .filter(|m| matches!(m.ocg_role.as_str(), "principal" | "significant"))
                .count();
            facts.insert("ocg_principal_or_significant".into(), int(senior as i64));
        }
        facts.insert(
            "management".into(),
            int(members.iter().filter(|m| m.score("hierarchy") >= 2).count() as i64),
        );
        facts.insert(
            "workforce".into(),
            int(members
                .iter()
                .filter(|m| m.score("hierarchy") <= -2)
                .count() as i64),
        );
        facts.insert(
            "max_involvement".into(),
            int(involvement.iter().copied().max().unwrap_or(0)),
        );
        facts.insert(
            "total_involvement".into(),
            int(crate::script::total_points(involvement.iter().copied())),
        );
        let span = match (dates.iter().min(), dates.iter().max()) {
            (Some(a), Some(b)) => (*b - *a).num_days(),
            _ => 0,
        };
        facts.insert("span_days".into(), int(span));
        let event_ids: Array = flagged_events
            .iter()
            .filter_map(|&e| self.extract.events.get(e))
            .map(|ev| Dynamic::from(ev.id.to_string()))
            .collect();
        facts.insert("event_ids".into(), Dynamic::from_array(event_ids));
        match self
            .policy
            .sandbox
            .call(script, "score", id, Dynamic::from_map(facts))
        {
            Ok(evaluation) => Score::from_parts(evaluation.firings, Vec::new(), min, max),
            Err((error, firings)) => Score::from_parts(firings, vec![error], min, max),
        }
    }
}

impl Networks {
    /// The persons (resolution indices) of a network, in its node order.
    pub fn persons_of<'a>(
        &'a self,
        network: &'a Network,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        network
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| match self.graph[*n].what {
                NodeKind::Person(p) => Some((i, p)),
                _ => None,
            })
    }
}
