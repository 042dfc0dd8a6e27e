//! A network as files an analyst opens: GraphML for Gephi, Cytoscape and link-chart tools, and an SVG drawing
//! with the network's own hierarchy chart beside it. Pure: a view of the network in, text out.
//!
//! The drawing is a Fruchterman-Reingold layout from a fixed start (a circle in id order), so the same network
//! is drawn the same way every run. Node colour is the hierarchy score (blue workforce, grey middle, red
//! management; white for people brought in by hops, who are not scored), size is betweenness, and people are
//! labelled by id. Beyond `MAX_DRAWN` nodes the drawing keeps the most central ones and says so.

use std::fmt::Write;

use crate::chart::{self, ChartPoint};
use crate::people::Quadrant;

/// One node as drawn and exported.
#[derive(Clone, Debug)]
pub struct ViewNode {
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    pub involvement: Option<i64>,
    pub hierarchy: Option<i64>,
    pub quadrant: Option<Quadrant>,
    pub degree: usize,
    pub betweenness: f64,
    pub closeness: f64,
    pub eigenvector: f64,
}

#[derive(Clone, Debug)]
pub struct ViewEdge {
    /// Indices into the view's nodes.
    pub source: usize,
    pub target: usize,
    pub kind: &'static str,
    pub weight: f64,
    pub events: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct NetworkView {
    pub id: String,
    pub harm: i64,
    pub nodes: Vec<ViewNode>,
    pub edges: Vec<ViewEdge>,
    pub involvement_split: i64,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A node id unique across kinds (a line term id and an OCG id could otherwise collide).
fn graphml_id(node: &ViewNode) -> String {
    if node.kind == "person" {
        node.id.clone()
    } else {
        format!("{}:{}", node.kind, node.id)
    }
}

/// GraphML with every attribute: node kind, label, scores, quadrant and centrality; edge kind, weight, events.
pub fn graphml(view: &NetworkView) -> String {
    let mut out = String::with_capacity(1024 + view.nodes.len() * 400 + view.edges.len() * 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (id, domain, name, kind) in [
        ("kind", "node", "kind", "string"),
        ("label", "node", "label", "string"),
        ("involvement", "node", "involvement", "int"),
        ("hierarchy", "node", "hierarchy", "int"),
        ("quadrant", "node", "quadrant", "string"),
        ("degree", "node", "degree", "int"),
        ("betweenness", "node", "betweenness", "double"),
        ("closeness", "node", "closeness", "double"),
        ("eigenvector", "node", "eigenvector", "double"),
        ("tie", "edge", "kind", "string"),
        ("weight", "edge", "weight", "double"),
        ("events", "edge", "events", "string"),
    ] {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        );
    }
    let _ = writeln!(
        out,
        "  <graph id=\"{}\" edgedefault=\"undirected\">",
        escape(&view.id)
    );
    for node in &view.nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&graphml_id(node)));
        let _ = writeln!(out, "      <data key=\"kind\">{}</data>", node.kind);
        let _ = writeln!(
            out,
            "      <data key=\"label\">{}</data>",
            escape(&node.label)
        );
        if let Some(v) = node.involvement {
            let _ = writeln!(out, "      <data key=\"involvement\">{v}</data>");
        }
        if let Some(v) = node.hierarchy {
            let _ = writeln!(out, "      <data key=\"hierarchy\">{v}</data>");
        }
        if let Some(q) = node.quadrant {
            let _ = writeln!(out, "      <data key=\"quadrant\">{}</data>", q.as_str());
        }
        let _ = writeln!(out, "      <data key=\"degree\">{}</data>", node.degree);
        for (key, value) in [
            ("betweenness", node.betweenness),
            ("closeness", node.closeness),
            ("eigenvector", node.eigenvector),
        ] {
            let _ = writeln!(
                out,
                "      <data key=\"{key}\">{}</data>",
                crate::number::format_float(value)
            );
        }
        out.push_str("    </node>\n");
    }
    for (i, edge) in view.edges.iter().enumerate() {
        let (Some(a), Some(b)) = (view.nodes.get(edge.source), view.nodes.get(edge.target)) else {
            continue;
        };
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            escape(&graphml_id(a)),
            escape(&graphml_id(b))
        );
        let _ = writeln!(out, "      <data key=\"tie\">{}</data>", edge.kind);
        let _ = writeln!(
            out,
            "      <data key=\"weight\">{}</data>",
            crate::number::format_float(edge.weight)
        );
        let _ = writeln!(
            out,
            "      <data key=\"events\">{}</data>",
            escape(&edge.events.join("|"))
        );
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// At most this many nodes are drawn; larger networks show their most central nodes.
pub const MAX_DRAWN: usize = 150;
const SIDE: f64 = 700.0;

/// Positions in [0, 1]², Fruchterman-Reingold from a circle, 300 rounds with a cooling temperature.
pub fn layout(nodes: usize, edges: &[(usize, usize)]) -> Vec<(f64, f64)> {
    if nodes == 0 {
        return Vec::new();
    }
    let mut position: Vec<(f64, f64)> = (0..nodes)
        .map(|i| {
            let angle = i as f64 / nodes as f64 * std::f64::consts::TAU;
            (0.5 + 0.3 * angle.cos(), 0.5 + 0.3 * angle.sin())
        })
        .collect();
    if nodes == 1 {
        return vec![(0.5, 0.5)];
    }
    let k = 0.5 * (1.0 / nodes as f64).sqrt();
    let rounds = 300;
    for round in 0..rounds {
        let temperature = 0.1 * (1.0 - round as f64 / rounds as f64) + 0.002;
        let mut shift = vec![(0.0f64, 0.0f64); nodes];
        for i in 0..nodes {
            for j in (i + 1)..nodes {
                let (Some(&(xi, yi)), Some(&(xj, yj))) = (position.get(i), position.get(j)) else {
                    continue;
                };
                let (dx, dy) = (xi - xj, yi - yj);
                let distance = (dx * dx + dy * dy).sqrt().max(1e-4);
                let force = k * k / distance;
                let (fx, fy) = (dx / distance * force, dy / distance * force);
                if let Some(s) = shift.get_mut(i) {
                    s.0 += fx;
                    s.1 += fy;
                }
                if let Some(s) = shift.get_mut(j) {
                    s.0 -= fx;
                    s.1 -= fy;
                }
            }
        }
        for &(a, b) in edges {
            let (Some(&(xa, ya)), Some(&(xb, yb))) = (position.get(a), position.get(b)) else {
                continue;
            };
            let (dx, dy) = (xa - xb, ya - yb);
            let distance = (dx * dx + dy * dy).sqrt().max(1e-4);
            let force = distance * distance / k;
            let (fx, fy) = (dx / distance * force, dy / distance * force);
            if let Some(s) = shift.get_mut(a) {
                s.0 -= fx;
                s.1 -= fy;
            }
            if let Some(s) = shift.get_mut(b) {
                s.0 += fx;
                s.1 += fy;
            }
        }
        for (p, s) in position.iter_mut().zip(shift.iter_mut()) {
            // A little gravity keeps disconnected-looking parts from drifting to the frame.
            s.0 += (0.5 - p.0) * k;
            s.1 += (0.5 - p.1) * k;
            let length = (s.0 * s.0 + s.1 * s.1).sqrt().max(1e-9);
            let step = length.min(temperature);
            p.0 = (p.0 + s.0 / length * step).clamp(0.0, 1.0);
            p.1 = (p.1 + s.1 / length * step).clamp(0.0, 1.0);
        }
    }
    // Fill the frame: rescale the bounding box to [0, 1] on both axes (keeping the aspect ratio).
    let (mut lo_x, mut lo_y, mut hi_x, mut hi_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &position {
        lo_x = lo_x.min(x);
        lo_y = lo_y.min(y);
        hi_x = hi_x.max(x);
        hi_y = hi_y.max(y);
    }
    let span = (hi_x - lo_x).max(hi_y - lo_y).max(1e-9);
    let (offset_x, offset_y) = (
        (1.0 - (hi_x - lo_x) / span) / 2.0,
        (1.0 - (hi_y - lo_y) / span) / 2.0,
    );
    position
        .into_iter()
        .map(|(x, y)| ((x - lo_x) / span + offset_x, (y - lo_y) / span + offset_y))
        .collect()
}

/// Hierarchy as colour: blue at -5, grey at 0, red at +5.
fn hierarchy_colour(h: i64) -> String {
    let t = (h.clamp(-5, 5) as f64) / 5.0;
    let (grey, blue, red) = (
        (158.0, 158.0, 158.0),
        (31.0, 95.0, 168.0),
        (180.0, 35.0, 24.0),
    );
    let (from, to, amount) = if t < 0.0 {
        (grey, blue, -t)
    } else {
        (grey, red, t)
    };
    let mix = |a: f64, b: f64| (a + (b - a) * amount).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(from.0, to.0),
        mix(from.1, to.1),
        mix(from.2, to.2)
    )
}

/// The drawing: the network on the left, its members on the hierarchy chart on the right.
pub fn svg(view: &NetworkView) -> String {
    // Which nodes to draw: all, or the most central.
    let mut order: Vec<usize> = (0..view.nodes.len()).collect();
    let shown = if view.nodes.len() > MAX_DRAWN {
        order.sort_by(|&a, &b| {
            let key = |i: usize| {
                view.nodes
                    .get(i)
                    .map_or(0.0, |n| n.betweenness + n.eigenvector)
            };
            key(b).total_cmp(&key(a)).then(a.cmp(&b))
        });
        order.truncate(MAX_DRAWN);
        order.sort_unstable();
        order
    } else {
        order
    };
    let slot: std::collections::HashMap<usize, usize> =
        shown.iter().enumerate().map(|(s, &i)| (i, s)).collect();
    let edges: Vec<(usize, usize, &ViewEdge)> = view
        .edges
        .iter()
        .filter_map(|e| Some((*slot.get(&e.source)?, *slot.get(&e.target)?, e)))
        .collect();
    let positions = layout(
        shown.len(),
        &edges.iter().map(|(a, b, _)| (*a, *b)).collect::<Vec<_>>(),
    );
    // Room on the right of the frame for labels.
    let (margin, label_room) = (40.0, 110.0);
    let at = |s: usize| {
        positions
            .get(s)
            .map(|(x, y)| {
                (
                    margin + x * (SIDE - 2.0 * margin - label_room),
                    80.0 + y * (SIDE - 2.0 * margin - 20.0),
                )
            })
            .unwrap_or((0.0, 0.0))
    };
    let max_betweenness = shown
        .iter()
        .filter_map(|&i| view.nodes.get(i).map(|n| n.betweenness))
        .fold(0.0f64, f64::max);
    let width = SIDE + 700.0;
    let height = SIDE + 40.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif">"#
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&view.id));
    let _ = writeln!(
        out,
        r##"<rect width="{width}" height="{height}" fill="#ffffff"/>"##
    );
    let people = view.nodes.iter().filter(|n| n.kind == "person").count();
    let _ = writeln!(
        out,
        r##"<text x="20" y="28" font-size="17" font-weight="bold" fill="#111111">Network {} (harm {}, {} people)</text>"##,
        escape(&view.id),
        view.harm,
        people
    );
    let note = if shown.len() < view.nodes.len() {
        format!(
            "Showing the {} most central of {} nodes. ",
            shown.len(),
            view.nodes.len()
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        r##"<text x="20" y="48" font-size="11" fill="#444444">{note}Colour: hierarchy (blue workforce, red management; white not scored). Size: betweenness. Green: lines; purple: OCGs; grey squares: large events.</text>"##
    );
    for (a, b, edge) in &edges {
        let ((x1, y1), (x2, y2)) = (at(*a), at(*b));
        let colour = match edge.kind {
            "line" => "#2f855a",
            "ocg" => "#6b46c1",
            "large_event" => "#bbbbbb",
            _ => "#999999",
        };
        let stroke = (0.6 + edge.weight.ln_1p() * 1.5).min(5.0);
        let _ = writeln!(
            out,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{colour}" stroke-width="{stroke:.2}" stroke-opacity="0.7"><title>{} tie, weight {}, events {}</title></line>"#,
            edge.kind,
            crate::number::format_float(edge.weight),
            escape(&edge.events.join(", "))
        );
    }
    let label_all = shown.len() <= 60;
    for (s, &i) in shown.iter().enumerate() {
        let Some(node) = view.nodes.get(i) else {
            continue;
        };
        let (x, y) = at(s);
        let radius = 4.0
            + if max_betweenness > 0.0 {
                12.0 * (node.betweenness / max_betweenness).sqrt()
            } else {
                0.0
            };
        let tip = format!(
            "{} ({}): degree {}, betweenness {:.3}, closeness {:.3}, eigenvector {:.3}{}",
            node.label,
            node.kind,
            node.degree,
            node.betweenness,
            node.closeness,
            node.eigenvector,
            match (node.involvement, node.hierarchy) {
                (Some(i), Some(h)) => format!(", involvement {i}, hierarchy {h:+}"),
                _ => String::new(),
            }
        );
        match node.kind {
            "person" => {
                let (fill, stroke) = match node.hierarchy {
                    Some(h) => (hierarchy_colour(h), "#333333".to_string()),
                    None => ("#ffffff".to_string(), "#777777".to_string()),
                };
                let _ = writeln!(
                    out,
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="{radius:.1}" fill="{fill}" stroke="{stroke}" stroke-width="0.8"><title>{}</title></circle>"#,
                    escape(&tip)
                );
            }
            kind => {
                let fill = match kind {
                    "line" => "#2f855a",
                    "ocg" => "#6b46c1",
                    _ => "#bbbbbb",
                };
                let side = radius * 1.6;
                let _ = writeln!(
                    out,
                    r#"<rect x="{:.1}" y="{:.1}" width="{side:.1}" height="{side:.1}" fill="{fill}" transform="rotate(45 {x:.1} {y:.1})"><title>{}</title></rect>"#,
                    x - side / 2.0,
                    y - side / 2.0,
                    escape(&tip)
                );
            }
        }
        if label_all || node.kind != "person" || radius > 9.0 {
            let _ = writeln!(
                out,
                r##"<text x="{:.1}" y="{:.1}" font-size="9" fill="#222222">{}</text>"##,
                x + radius + 2.0,
                y + 3.0,
                escape(&node.label)
            );
        }
    }
    // The members on the hierarchy chart, scaled into the right half.
    let points: Vec<ChartPoint> = view
        .nodes
        .iter()
        .filter_map(|n| {
            Some(ChartPoint {
                id: n.id.clone(),
                hierarchy: n.hierarchy?,
                involvement: n.involvement?,
                quadrant: n.quadrant?,
            })
        })
        .collect();
    let inner = chart::hierarchy_chart(
        &format!("{}: hierarchy and involvement", view.id),
        &points,
        view.involvement_split,
    );
    let inner = inner.replacen(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"680\"",
        &format!(
            "<svg x=\"{}\" y=\"80\" width=\"672\" height=\"476\"",
            SIDE + 10.0
        ),
        1,
    );
    out.push_str(&inner);
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> NetworkView {
        let node = |id: &str, kind: &'static str, h: Option<i64>| ViewNode {
            id: id.to_string(),
            kind,
            label: id.to_string(),
            involvement: h.map(|_| 6),
            hierarchy: h,
            quadrant: h.map(|h| Quadrant::of(h, 6, 6)),
            degree: 1,
            betweenness: 0.5,
            closeness: 0.5,
            eigenvector: 0.5,
        };
        NetworkView {
            id: "NET-N1".into(),
            harm: 7,
            nodes: vec![
                node("P-N1", "person", Some(4)),
                node("P-N2", "person", Some(-3)),
                node("LINE-0001", "line", None),
            ],
            edges: vec![
                ViewEdge {
                    source: 0,
                    target: 1,
                    kind: "event",
                    weight: 1.0,
                    events: vec!["E1".into(), "E2".into()],
                },
                ViewEdge {
                    source: 1,
                    target: 2,
                    kind: "line",
                    weight: 2.0,
                    events: vec!["E2".into()],
                },
            ],
            involvement_split: 6,
        }
    }

    #[test]
    fn graphml_names_every_node_and_edge() {
        let text = graphml(&view());
        assert_eq!(text.matches("<node ").count(), 3);
        assert_eq!(text.matches("<edge ").count(), 2);
        assert!(text.contains("<node id=\"line:LINE-0001\">"));
        assert!(text.contains("<data key=\"events\">E1|E2</data>"));
    }

    #[test]
    fn layout_is_deterministic_and_inside_the_frame() {
        let a = layout(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        let b = layout(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        assert_eq!(a, b);
        assert!(
            a.iter()
                .all(|(x, y)| (0.0..=1.0).contains(x) && (0.0..=1.0).contains(y))
        );
    }

    #[test]
    fn drawing_holds_the_network_and_its_chart() {
        let svg = svg(&view());
        assert!(svg.contains("Network NET-N1 (harm 7, 2 people)"));
        assert_eq!(svg.matches("<svg").count(), 2);
        assert!(svg.contains("SAFEGUARD (1)"));
    }
}
