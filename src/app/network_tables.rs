//! The networks side of `run`: the `networks`, `network_members` and `edges` tables, a GraphML file per network
//! and a drawing for the 50 most harmful, and `ndas explain --network`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;

use super::{Analysis, AppError, int, rows_where, text};
use crate::extract::Extract;
use crate::network::render::{self, NetworkView, ViewEdge, ViewNode};
use crate::network::{Network, Networks, NodeKind, Reach};
use crate::output::{self, ColumnData, OutputTable};
use crate::people::ScoredPerson;
use crate::policy::Policy;

/// How many networks get an SVG drawing (by harm).
pub const DRAWN_NETWORKS: usize = 50;

/// The id a node has in `edges` and GraphML: a person id, or `kind:id` for entities.
fn node_id(networks: &Networks, node: petgraph::graph::NodeIndex) -> String {
    let n = &networks.graph[node];
    match n.what {
        NodeKind::Person(_) => n.id.clone(),
        _ => format!("{}:{}", n.what.kind(), n.id),
    }
}

/// Scored persons by resolution index.
fn scored_by_index(analysis: &Analysis) -> FxHashMap<usize, &ScoredPerson> {
    let index: FxHashMap<&str, usize> = analysis
        .resolution
        .persons
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    analysis
        .people
        .iter()
        .filter_map(|s| Some((*index.get(s.id.as_str())?, s)))
        .collect()
}

/// The ties of a network, each once, as (source id, target id, tie).
fn network_edges<'a>(
    networks: &'a Networks,
    network: &Network,
) -> Vec<(String, String, &'a crate::network::Tie)> {
    let members: BTreeSet<_> = network.nodes.iter().copied().collect();
    let mut seen = BTreeSet::new();
    let mut edges = Vec::new();
    for &n in &network.nodes {
        for edge in networks.graph.edges(n) {
            if seen.insert(edge.id())
                && members.contains(&edge.target())
                && members.contains(&edge.source())
            {
                let (a, b) = (
                    node_id(networks, edge.source()),
                    node_id(networks, edge.target()),
                );
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                edges.push((a, b, edge.weight()));
            }
        }
    }
    edges.sort_by(|x, y| (&x.0, &x.1, x.2.kind).cmp(&(&y.0, &y.1, y.2.kind)));
    edges
}

fn event_ids(extract: &Extract, events: &BTreeSet<usize>) -> Vec<String> {
    events
        .iter()
        .filter_map(|&e| extract.events.get(e).map(|ev| ev.id.to_string()))
        .collect()
}

/// `networks`, `network_members` and `edges`.
pub fn tables(extract: &Extract, analysis: &Analysis) -> Vec<OutputTable> {
    let Some(networks) = &analysis.networks else {
        return Vec::new();
    };
    let list = &networks.networks;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let networks_table = OutputTable {
        name: "networks".into(),
        columns: vec![
            ("network_id".into(), text(list, |n| n.id.clone())),
            ("size".into(), int(list, |n| n.persons as i64)),
            (
                "flagged_events".into(),
                int(list, |n| n.flagged_events.len() as i64),
            ),
            (
                "forces".into(),
                text(list, |n| {
                    n.forces.iter().cloned().collect::<Vec<_>>().join("|")
                }),
            ),
            ("harm".into(), int(list, |n| n.harm.value)),
            ("first_seen".into(), text(list, |n| date(n.first_seen))),
            ("last_seen".into(), text(list, |n| date(n.last_seen))),
            ("nodes".into(), int(list, |n| n.nodes.len() as i64)),
            ("events".into(), int(list, |n| n.events.len() as i64)),
            (
                "betweenness".into(),
                text(list, |n| n.centrality.method.describe()),
            ),
            (
                "betweenness_error".into(),
                ColumnData::Float(list.iter().map(|n| n.centrality.method.error()).collect()),
            ),
            (
                "rule_errors".into(),
                int(list, |n| n.harm.errors.len() as i64),
            ),
        ],
    };

    let scored = scored_by_index(analysis);
    struct Member<'a> {
        network: &'a str,
        person: String,
        degree: usize,
        betweenness: f64,
        closeness: f64,
        eigenvector: f64,
        scored: Option<&'a ScoredPerson>,
        reach: String,
    }
    let mut members = Vec::new();
    for network in list {
        for (i, p) in networks.persons_of(network) {
            let c = &network.centrality;
            members.push(Member {
                network: &network.id,
                person: network
                    .nodes
                    .get(i)
                    .map(|n| networks.graph[*n].id.clone())
                    .unwrap_or_default(),
                degree: c.degree.get(i).copied().unwrap_or(0),
                betweenness: c.betweenness.get(i).copied().unwrap_or(0.0),
                closeness: c.closeness.get(i).copied().unwrap_or(0.0),
                eigenvector: c.eigenvector.get(i).copied().unwrap_or(0.0),
                scored: scored.get(&p).copied(),
                reach: describe_reach(networks, extract, analysis, p),
            });
        }
    }
    let round = |v: f64| (v * 1e6).round() / 1e6;
    let members_table = OutputTable {
        name: "network_members".into(),
        columns: vec![
            (
                "network_id".into(),
                text(&members, |m| m.network.to_string()),
            ),
            ("person_id".into(), text(&members, |m| m.person.clone())),
            ("degree".into(), int(&members, |m| m.degree as i64)),
            (
                "betweenness".into(),
                ColumnData::Float(members.iter().map(|m| round(m.betweenness)).collect()),
            ),
            (
                "closeness".into(),
                ColumnData::Float(members.iter().map(|m| round(m.closeness)).collect()),
            ),
            (
                "eigenvector".into(),
                ColumnData::Float(members.iter().map(|m| round(m.eigenvector)).collect()),
            ),
            (
                "involvement".into(),
                ColumnData::OptInt(
                    members
                        .iter()
                        .map(|m| m.scored.map(|s| s.score("involvement")))
                        .collect(),
                ),
            ),
            (
                "hierarchy".into(),
                ColumnData::OptInt(
                    members
                        .iter()
                        .map(|m| m.scored.map(|s| s.score("hierarchy")))
                        .collect(),
                ),
            ),
            ("reach".into(), text(&members, |m| m.reach.clone())),
        ],
    };

    let mut edges = Vec::new();
    for network in list {
        for (a, b, tie) in network_edges(networks, network) {
            edges.push((network.id.as_str(), a, b, tie));
        }
    }
    let edges_table = OutputTable {
        name: "edges".into(),
        columns: vec![
            ("network_id".into(), text(&edges, |e| e.0.to_string())),
            ("source".into(), text(&edges, |e| e.1.clone())),
            ("target".into(), text(&edges, |e| e.2.clone())),
            (
                "kind".into(),
                text(&edges, |e| e.3.kind.as_str().to_string()),
            ),
            (
                "weight".into(),
                ColumnData::Float(edges.iter().map(|e| round(e.3.weight)).collect()),
            ),
            (
                "events".into(),
                text(&edges, |e| event_ids(extract, &e.3.events).join("|")),
            ),
        ],
    };
    vec![networks_table, members_table, edges_table]
}

/// Why a person is in scope: linked to flagged events, or reached through an unflagged event.
fn describe_reach(
    networks: &Networks,
    extract: &Extract,
    analysis: &Analysis,
    person: usize,
) -> String {
    match networks.reach.get(&person) {
        Some(Reach::Flagged) | None => "flagged".to_string(),
        Some(Reach::Hop { depth, event, from }) => format!(
            "hop {depth} via {} with {}",
            extract
                .events
                .get(*event)
                .map(|e| e.id.as_str())
                .unwrap_or(""),
            analysis
                .resolution
                .persons
                .get(*from)
                .map(|p| p.id.as_str())
                .unwrap_or("")
        ),
    }
}

/// The view of one network that GraphML and the drawing are made from. `scored` is `scored_by_index`, built
/// once by the caller (it spans every person).
pub fn view(
    policy: &Policy,
    extract: &Extract,
    analysis: &Analysis,
    scored: &FxHashMap<usize, &ScoredPerson>,
    network: &Network,
) -> Option<NetworkView> {
    let networks = analysis.networks.as_ref()?;
    let position: BTreeMap<String, usize> = network
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (node_id(networks, *n), i))
        .collect();
    let c = &network.centrality;
    let nodes = network
        .nodes
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let node = &networks.graph[n];
            let person = match node.what {
                NodeKind::Person(p) => scored.get(&p).copied(),
                _ => None,
            };
            ViewNode {
                id: node.id.clone(),
                kind: node.what.kind(),
                label: node.label.clone(),
                involvement: person.map(|s| s.score("involvement")),
                hierarchy: person.map(|s| s.score("hierarchy")),
                quadrant: person.map(|s| s.quadrant),
                degree: c.degree.get(i).copied().unwrap_or(0),
                betweenness: c.betweenness.get(i).copied().unwrap_or(0.0),
                closeness: c.closeness.get(i).copied().unwrap_or(0.0),
                eigenvector: c.eigenvector.get(i).copied().unwrap_or(0.0),
            }
        })
        .collect();
    let edges = network_edges(networks, network)
        .into_iter()
        .filter_map(|(a, b, tie)| {
            Some(ViewEdge {
                source: *position.get(&a)?,
                target: *position.get(&b)?,
                kind: tie.kind.as_str(),
                weight: tie.weight,
                events: event_ids(extract, &tie.events),
            })
        })
        .collect();
    Some(NetworkView {
        id: network.id.clone(),
        harm: network.harm.value,
        nodes,
        edges,
        involvement_split: policy.manifest.people.involvement_split,
    })
}

/// Writes `networks/NET-*.graphml` for every network and `NET-*.svg` for the most harmful, each named after the
/// network id as `output::file_stem` makes it safe (an id comes from a nominal id, which may hold `/`); clears
/// files of an earlier run first so the folder never mixes runs. Returns the paths written.
pub fn write_files(
    policy: &Policy,
    extract: &Extract,
    analysis: &Analysis,
    out: &Path,
) -> Result<Vec<std::path::PathBuf>, AppError> {
    let Some(networks) = &analysis.networks else {
        return Ok(Vec::new());
    };
    let dir = out.join("networks");
    output::ensure_dir(&dir)?;
    output::remove_files(&dir, |name| {
        name.starts_with("NET-") && (name.ends_with(".graphml") || name.ends_with(".svg"))
    })?;
    let mut written = Vec::new();
    let scored = scored_by_index(analysis);
    for (rank, network) in networks.networks.iter().enumerate() {
        let Some(view) = view(policy, extract, analysis, &scored, network) else {
            continue;
        };
        let stem = output::file_stem(&network.id);
        let path = dir.join(format!("{stem}.graphml"));
        output::write_file(&path, render::graphml(&view).as_bytes())?;
        written.push(path);
        if rank < DRAWN_NETWORKS {
            let path = dir.join(format!("{stem}.svg"));
            output::write_file(&path, render::svg(&view).as_bytes())?;
            written.push(path);
        }
    }
    Ok(written)
}

/// `ndas explain --network ID`: members and why each is in, the strongest ties and their events, read from a
/// run's outputs.
pub fn explain_network(out: &Path, network_id: &str) -> Result<String, AppError> {
    let run_json = super::read_run_json(out)?;
    let get = |row: &BTreeMap<String, String>, key: &str| row.get(key).cloned().unwrap_or_default();
    let Some(row) = rows_where(out, "networks", &[("network_id", network_id)])?
        .into_iter()
        .next()
    else {
        return Err(AppError::Usage(format!(
            "network `{network_id}` is not in the networks output in `{}`",
            out.display()
        )));
    };
    let members = rows_where(out, "network_members", &[("network_id", network_id)])?;
    let mut edges = rows_where(out, "edges", &[("network_id", network_id)])?;
    let fired = rows_where(
        out,
        "fired",
        &[("subject_kind", "network"), ("subject_id", network_id)],
    )?;
    let mut text = format!(
        "Network {network_id}: {} people, {} flagged events, harm {}; first seen {}, last seen {}; forces: {}.\n",
        get(&row, "size"),
        get(&row, "flagged_events"),
        get(&row, "harm"),
        get(&row, "first_seen"),
        get(&row, "last_seen"),
        get(&row, "forces").replace('|', ", "),
    );
    text.push_str(&format!(
        "Policy version {}. Betweenness {}. A network is a lead for a person to check, never a finding.\n",
        run_json.get("policy_version").and_then(|v| v.as_str()).unwrap_or(""),
        get(&row, "betweenness")
    ));
    text.push_str(&format!(
        "\nHarm {} (the sum of these rules, clamped):\n",
        get(&row, "harm")
    ));
    for f in &fired {
        text.push_str(&format!(
            "  {:>3}  {:<18} {}  [{}]\n",
            get(f, "points"),
            get(f, "rule_id"),
            get(f, "reason"),
            get(f, "source")
        ));
    }
    let mut members = members;
    members.sort_by(|a, b| {
        let key =
            |r: &BTreeMap<String, String>| get(r, "betweenness").parse::<f64>().unwrap_or(0.0);
        key(b)
            .total_cmp(&key(a))
            .then_with(|| get(a, "person_id").cmp(&get(b, "person_id")))
    });
    text.push_str("\nMembers, most central first (why each is in):\n");
    for m in &members {
        let scores = if get(m, "involvement").is_empty() {
            "not scored".to_string()
        } else {
            format!(
                "involvement {}, hierarchy {}",
                get(m, "involvement"),
                get(m, "hierarchy")
            )
        };
        let reach = get(m, "reach");
        let why = if reach == "flagged" {
            "linked to flagged events".to_string()
        } else {
            format!("brought in by {reach}")
        };
        text.push_str(&format!(
            "  {:<14} degree {:>3}, betweenness {:.3}, eigenvector {:.3}; {scores}; {why}\n",
            get(m, "person_id"),
            get(m, "degree"),
            get(m, "betweenness").parse::<f64>().unwrap_or(0.0),
            get(m, "eigenvector").parse::<f64>().unwrap_or(0.0),
        ));
    }
    edges.sort_by(|a, b| {
        let key = |r: &BTreeMap<String, String>| get(r, "weight").parse::<f64>().unwrap_or(0.0);
        key(b).total_cmp(&key(a))
    });
    text.push_str(
        "\nStrongest ties (weight: shared events, each counting 1/(people on it - 1)):\n",
    );
    for e in edges.iter().take(15) {
        let events = get(e, "events");
        let why = if events.is_empty() {
            "membership".to_string()
        } else {
            format!("events {}", events.replace('|', ", "))
        };
        text.push_str(&format!(
            "  {} - {} ({} tie, weight {}): {why}\n",
            get(e, "source"),
            get(e, "target"),
            get(e, "kind"),
            get(e, "weight"),
        ));
    }
    let file = output::file_stem(network_id);
    text.push_str(&format!(
        "\nIn the output folder: networks/{file}.graphml (for Gephi or Cytoscape) and, for the 50 most harmful, networks/{file}.svg.\n"
    ));
    Ok(text)
}

/// How the reported networks line up with the networks planted in a synthetic extract: purity (the share of a
/// network's people who come from its main planted network) and coverage (the share of planted-network people
/// who were scored that land in some reported network). Returns the report lines.
pub fn evaluate_networks(out: &Path, data: &Path) -> Result<String, AppError> {
    let get = |row: &BTreeMap<String, String>, key: &str| row.get(key).cloned().unwrap_or_default();
    let truth = output::read_table(&data.join("truth"), "people")?;
    let planted: BTreeMap<String, String> = truth
        .iter()
        .map(|r| (get(r, "nominal_id"), get(r, "network_key")))
        .collect();
    // Person -> planted network (via any of their records).
    let mut person_key: BTreeMap<String, String> = BTreeMap::new();
    for row in output::read_table(out, "persons")? {
        if let Some(key) = planted
            .get(&get(&row, "nominal_id"))
            .filter(|k| !k.is_empty())
        {
            person_key.insert(get(&row, "person_id"), key.clone());
        }
    }
    let members = output::read_table(out, "network_members")?;
    let networks = output::read_table(out, "networks")?;
    let mut by_network: BTreeMap<String, Vec<Option<&String>>> = BTreeMap::new();
    let mut placed = BTreeSet::new();
    for m in &members {
        let person = get(m, "person_id");
        by_network
            .entry(get(m, "network_id"))
            .or_default()
            .push(person_key.get(&person));
        placed.insert(person);
    }
    let (mut pure, mut total) = (0usize, 0usize);
    for keys in by_network.values() {
        let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
        for key in keys.iter().flatten() {
            *counts.entry(key).or_default() += 1;
        }
        pure += counts.values().copied().max().unwrap_or(0);
        total += keys.len();
    }
    let scored: BTreeSet<String> = output::read_table(out, "people")?
        .iter()
        .map(|r| get(r, "person_id"))
        .filter(|p| person_key.contains_key(p))
        .collect();
    let covered = scored.iter().filter(|p| placed.contains(*p)).count();
    let mut report = format!(
        "Networks: {} reported (at least the manifest's minimum size).\n",
        networks.len()
    );
    if total > 0 {
        report.push_str(&format!(
            "  purity {:.3}: {pure} of {total} network members come from their network's main planted network\n",
            pure as f64 / total as f64
        ));
    }
    if !scored.is_empty() {
        report.push_str(&format!(
            "  coverage {:.3}: {covered} of {} scored members of planted networks are in a reported network\n",
            covered as f64 / scored.len() as f64,
            scored.len()
        ));
    }
    for row in networks.iter().take(3) {
        report.push_str(&format!(
            "  {} harm {}, {} people, {} flagged events\n",
            get(row, "network_id"),
            get(row, "harm"),
            get(row, "size"),
            get(row, "flagged_events")
        ));
    }
    Ok(report)
}
