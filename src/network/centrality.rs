//! Centrality on one connected network, as an i2 Analyst's Notebook or networkx user expects them: degree,
//! betweenness (Brandes), closeness and eigenvector centrality, all on the unweighted graph.
//!
//! Written here rather than taken from rustworkx-core because we need a sampled betweenness for large networks
//! with a stated error, which it lacks; one Brandes implementation serves both the exact measure (every node a
//! source) and the estimate (k sources, scaled by n/k), so the two agree by construction. Values follow
//! networkx's conventions (normalised betweenness, Wasserman-Faust closeness on a connected graph, L2-normalised
//! eigenvector), and the tests check them against the published Zachary karate club values.

use std::collections::VecDeque;

/// Centrality of each node, in the order of the adjacency lists given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Centrality {
    pub degree: Vec<usize>,
    pub betweenness: Vec<f64>,
    pub closeness: Vec<f64>,
    pub eigenvector: Vec<f64>,
    pub method: Betweenness,
}

/// How betweenness was computed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Betweenness {
    #[default]
    Exact,
    /// From `sources` of `nodes` sources; each value is within `error` of the exact one with 95% confidence
    /// (Hoeffding's bound).
    Sampled {
        sources: usize,
        nodes: usize,
        error: f64,
    },
}

impl Betweenness {
    pub fn describe(&self) -> String {
        match self {
            Betweenness::Exact => "exact".to_string(),
            Betweenness::Sampled {
                sources,
                nodes,
                error,
            } => format!("sampled from {sources} of {nodes} nodes, within ±{error:.3} at 95%"),
        }
    }

    pub fn error(&self) -> f64 {
        match self {
            Betweenness::Exact => 0.0,
            Betweenness::Sampled { error, .. } => *error,
        }
    }
}

/// Computes every measure. `adjacency[i]` lists the neighbours of node `i` (undirected, no duplicates).
/// Betweenness is exact up to `exact_up_to` nodes and sampled from `samples` evenly spread sources beyond.
pub fn compute(adjacency: &[Vec<usize>], exact_up_to: usize, samples: usize) -> Centrality {
    let n = adjacency.len();
    let degree = adjacency.iter().map(Vec::len).collect();
    let (betweenness, method) = if n <= exact_up_to || samples == 0 || samples >= n {
        (
            betweenness(adjacency, &(0..n).collect::<Vec<_>>()),
            Betweenness::Exact,
        )
    } else {
        // Evenly spread sources over the (id-sorted) nodes: deterministic, and unbiased in expectation as a
        // systematic sample.
        let sources: Vec<usize> = (0..samples).map(|i| i * n / samples).collect();
        let partial = betweenness(adjacency, &sources);
        let scale = n as f64 / sources.len() as f64;
        let error = (f64::ln(2.0 / 0.05) / (2.0 * sources.len() as f64)).sqrt();
        (
            partial.into_iter().map(|b| b * scale).collect(),
            Betweenness::Sampled {
                sources: sources.len(),
                nodes: n,
                error,
            },
        )
    };
    Centrality {
        degree,
        betweenness,
        closeness: closeness(adjacency),
        eigenvector: eigenvector(adjacency),
        method,
    }
}

/// Brandes' algorithm from the given sources, normalised as networkx does for undirected graphs
/// (divided by (n-1)(n-2)/2, each pair counted once).
fn betweenness(adjacency: &[Vec<usize>], sources: &[usize]) -> Vec<f64> {
    let n = adjacency.len();
    let mut centrality = vec![0.0; n];
    let mut sigma = vec![0.0f64; n];
    let mut distance = vec![-1i64; n];
    let mut delta = vec![0.0f64; n];
    let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut stack = Vec::with_capacity(n);
    let mut queue = VecDeque::with_capacity(n);
    for &s in sources {
        for v in 0..n {
            if let Some(p) = predecessors.get_mut(v) {
                p.clear();
            }
        }
        sigma.iter_mut().for_each(|x| *x = 0.0);
        distance.iter_mut().for_each(|x| *x = -1);
        delta.iter_mut().for_each(|x| *x = 0.0);
        stack.clear();
        queue.clear();
        if let (Some(sg), Some(d)) = (sigma.get_mut(s), distance.get_mut(s)) {
            *sg = 1.0;
            *d = 0;
        } else {
            continue;
        }
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            let dv = distance.get(v).copied().unwrap_or(0);
            let sv = sigma.get(v).copied().unwrap_or(0.0);
            for &w in adjacency.get(v).map(Vec::as_slice).unwrap_or(&[]) {
                let Some(dw) = distance.get_mut(w) else {
                    continue;
                };
                if *dw < 0 {
                    *dw = dv + 1;
                    queue.push_back(w);
                }
                if *dw == dv + 1 {
                    if let Some(sw) = sigma.get_mut(w) {
                        *sw += sv;
                    }
                    if let Some(p) = predecessors.get_mut(w) {
                        p.push(v);
                    }
                }
            }
        }
        while let Some(w) = stack.pop() {
            let sw = sigma.get(w).copied().unwrap_or(1.0);
            let dw = delta.get(w).copied().unwrap_or(0.0);
            for &v in predecessors.get(w).map(Vec::as_slice).unwrap_or(&[]) {
                let sv = sigma.get(v).copied().unwrap_or(0.0);
                if let Some(dv) = delta.get_mut(v) {
                    *dv += sv / sw * (1.0 + dw);
                }
            }
            if w != s
                && let Some(c) = centrality.get_mut(w)
            {
                *c += dw;
            }
        }
    }
    // Each unordered pair was counted from both ends: halve, then normalise by the number of pairs that
    // exclude the node.
    let pairs = if n > 2 {
        ((n - 1) * (n - 2)) as f64 / 2.0
    } else {
        1.0
    };
    centrality.iter().map(|c| c / 2.0 / pairs).collect()
}

/// (n - 1) / sum of distances to every other node; 0 for a lone node.
fn closeness(adjacency: &[Vec<usize>]) -> Vec<f64> {
    let n = adjacency.len();
    let mut distance = vec![usize::MAX; n];
    let mut queue = VecDeque::with_capacity(n);
    (0..n)
        .map(|s| {
            distance.iter_mut().for_each(|d| *d = usize::MAX);
            queue.clear();
            if let Some(d) = distance.get_mut(s) {
                *d = 0;
            }
            queue.push_back(s);
            let (mut total, mut reached) = (0usize, 0usize);
            while let Some(v) = queue.pop_front() {
                let dv = distance.get(v).copied().unwrap_or(0);
                total += dv;
                reached += 1;
                for &w in adjacency.get(v).map(Vec::as_slice).unwrap_or(&[]) {
                    if let Some(dw) = distance.get_mut(w)
                        && *dw == usize::MAX
                    {
                        *dw = dv + 1;
                        queue.push_back(w);
                    }
                }
            }
            if total == 0 || n < 2 {
                return 0.0;
            }
            // Wasserman and Faust's scaling, as networkx: exact on a connected graph.
            let reached = reached as f64;
            (reached - 1.0) / total as f64 * ((reached - 1.0) / (n as f64 - 1.0))
        })
        .collect()
}

/// Principal eigenvector of the adjacency matrix by power iteration on (A + I) (which has the same
/// eigenvectors and converges on bipartite graphs too), L2-normalised; as networkx, 100 rounds at most.
fn eigenvector(adjacency: &[Vec<usize>]) -> Vec<f64> {
    let n = adjacency.len();
    if n == 0 {
        return Vec::new();
    }
    let mut x = vec![1.0 / n as f64; n];
    for _ in 0..100 {
        let mut next = x.clone();
        for (v, neighbours) in adjacency.iter().enumerate() {
            let xv = x.get(v).copied().unwrap_or(0.0);
            for &w in neighbours {
                if let Some(slot) = next.get_mut(w) {
                    *slot += xv;
                }
            }
        }
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm == 0.0 {
            return vec![0.0; n];
        }
        next.iter_mut().for_each(|v| *v /= norm);
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        x = next;
        if change < n as f64 * 1e-6 {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zachary's karate club (1977), 34 members and 78 ties, numbered from 0 as in networkx.
    pub(crate) fn karate_club() -> Vec<Vec<usize>> {
        const EDGES: &[(usize, usize)] = &[
            (0, 1),
            (0, 2),
            (0, 3),
            (0, 4),
            (0, 5),
            (0, 6),
            (0, 7),
            (0, 8),
            (0, 10),
            (0, 11),
            (0, 12),
            (0, 13),
            (0, 17),
            (0, 19),
            (0, 21),
            (0, 31),
            (1, 2),
            (1, 3),
            (1, 7),
            (1, 13),
            (1, 17),
            (1, 19),
            (1, 21),
            (1, 30),
            (2, 3),
            (2, 7),
            (2, 8),
            (2, 9),
            (2, 13),
            (2, 27),
            (2, 28),
            (2, 32),
            (3, 7),
            (3, 12),
            (3, 13),
            (4, 6),
            (4, 10),
            (5, 6),
            (5, 10),
            (5, 16),
            (6, 16),
            (8, 30),
            (8, 32),
            (8, 33),
            (9, 33),
            (13, 33),
            (14, 32),
            (14, 33),
            (15, 32),
            (15, 33),
            (18, 32),
            (18, 33),
            (19, 33),
            (20, 32),
            (20, 33),
            (22, 32),
            (22, 33),
            (23, 25),
            (23, 27),
            (23, 29),
            (23, 32),
            (23, 33),
            (24, 25),
            (24, 27),
            (24, 31),
            (25, 31),
            (26, 29),
            (26, 33),
            (27, 33),
            (28, 31),
            (28, 33),
            (29, 32),
            (29, 33),
            (30, 32),
            (30, 33),
            (31, 32),
            (31, 33),
            (32, 33),
        ];
        let mut adjacency = vec![Vec::new(); 34];
        for &(a, b) in EDGES {
            adjacency[a].push(b);
            adjacency[b].push(a);
        }
        adjacency
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn karate_club_matches_the_published_values() {
        let c = compute(&karate_club(), 100, 0);
        assert_eq!(c.method, Betweenness::Exact);
        assert_eq!(c.degree[0], 16);
        assert_eq!(c.degree[33], 17);
        // networkx.betweenness_centrality(karate_club_graph())
        for (node, value) in [
            (0, 0.437635),
            (33, 0.304075),
            (32, 0.145247),
            (2, 0.143657),
            (31, 0.138276),
        ] {
            assert!(
                close(c.betweenness[node], value),
                "betweenness {node}: {}",
                c.betweenness[node]
            );
        }
        // networkx.closeness_centrality
        for (node, value) in [(0, 0.568966), (2, 0.559322), (33, 0.55), (31, 0.540984)] {
            assert!(
                close(c.closeness[node], value),
                "closeness {node}: {}",
                c.closeness[node]
            );
        }
        // networkx.eigenvector_centrality
        for (node, value) in [(33, 0.373371), (0, 0.355483), (2, 0.317189), (32, 0.308651)] {
            assert!(
                close(c.eigenvector[node], value),
                "eigenvector {node}: {}",
                c.eigenvector[node]
            );
        }
    }

    #[test]
    fn sampled_betweenness_is_within_its_stated_error() {
        let graph = karate_club();
        let exact = compute(&graph, 100, 0);
        let sampled = compute(&graph, 10, 17);
        let Betweenness::Sampled { error, sources, .. } = sampled.method else {
            panic!("expected a sampled estimate");
        };
        assert_eq!(sources, 17);
        for (e, s) in exact.betweenness.iter().zip(&sampled.betweenness) {
            assert!((e - s).abs() <= error, "{e} vs {s} (error {error})");
        }
    }

    #[test]
    fn a_star_centres_on_its_hub() {
        let star = vec![vec![1, 2, 3], vec![0], vec![0], vec![0]];
        let c = compute(&star, 100, 0);
        assert!(close(c.betweenness[0], 1.0));
        assert!(close(c.betweenness[1], 0.0));
        assert!(close(c.closeness[0], 1.0));
        assert!(close(c.closeness[1], 0.6));
    }
}
