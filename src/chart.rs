//! The hierarchy chart of the seed paper as SVG: hierarchy on x (-5 workforce to +5 management), involvement on y
//! (0 to 12). Top left is safeguard (most involved, likely exploited), top right pursue (most involved, likely
//! exploiting). Pure: points in, SVG text out; `output` writes it.
//!
//! Scores are integers, so many people share a cell; each cell's people are spread on a sunflower spiral so every
//! one stays visible, and crowded cells carry their count. Hovering a point shows the person id and scores.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::people::Quadrant;

/// One person on the chart.
#[derive(Clone, Debug)]
pub struct ChartPoint {
    pub id: String,
    pub hierarchy: i64,
    pub involvement: i64,
    pub quadrant: Quadrant,
}

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 680.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 40.0;
const TOP: f64 = 70.0;
const BOTTOM: f64 = 80.0;
const X_MIN: i64 = -5;
const X_MAX: i64 = 5;
const Y_MAX: i64 = 12;

fn x_of(h: f64) -> f64 {
    let plot = WIDTH - LEFT - RIGHT;
    LEFT + (h - (X_MIN as f64 - 0.5)) / ((X_MAX - X_MIN + 1) as f64) * plot
}

fn y_of(i: f64) -> f64 {
    let plot = HEIGHT - TOP - BOTTOM;
    TOP + plot - (i + 0.5) / ((Y_MAX + 1) as f64) * plot
}

fn colour(q: Quadrant) -> (&'static str, f64) {
    match q {
        Quadrant::Safeguard => ("#1f5fa8", 0.9),
        Quadrant::Disrupt => ("#b7791f", 0.9),
        Quadrant::Pursue => ("#b42318", 0.9),
        Quadrant::LowWorkforce => ("#1f5fa8", 0.45),
        Quadrant::LowMiddle => ("#b7791f", 0.45),
        Quadrant::LowManagement => ("#b42318", 0.45),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders the chart. `split` is the involvement at which the top half starts.
pub fn hierarchy_chart(title: &str, points: &[ChartPoint], split: i64) -> String {
    let mut svg = String::with_capacity(4096 + points.len() * 160);
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Helvetica, Arial, sans-serif" role="img">"#
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(title));
    let _ = writeln!(
        svg,
        r##"<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>"##
    );

    // The zones: top left safeguard, top middle disrupt, top right pursue.
    let top = y_of(Y_MAX as f64 + 0.5);
    let split_y = y_of(split as f64 - 0.5);
    let mid_left = x_of(-0.5);
    let mid_right = x_of(0.5);
    let (left, right) = (x_of(X_MIN as f64 - 0.5), x_of(X_MAX as f64 + 0.5));
    for (x0, x1, fill) in [
        (left, mid_left, "#e8f0fb"),
        (mid_left, mid_right, "#fbf3e4"),
        (mid_right, right, "#fbe9e7"),
    ] {
        let _ = writeln!(
            svg,
            r#"<rect x="{x0:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="{fill}"/>"#,
            x1 - x0,
            split_y - top
        );
    }
    let counts = points.iter().fold(BTreeMap::new(), |mut m, p| {
        *m.entry(p.quadrant).or_insert(0usize) += 1;
        m
    });
    let count = |q| counts.get(&q).copied().unwrap_or(0);
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="15" font-weight="bold" fill="#1f5fa8">SAFEGUARD ({})</text>"##,
        left + 8.0,
        top + 20.0,
        count(Quadrant::Safeguard)
    );
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#1f5fa8">most involved, likely exploited</text>"##,
        left + 8.0,
        top + 35.0
    );
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="15" font-weight="bold" fill="#b42318" text-anchor="end">PURSUE ({})</text>"##,
        right - 8.0,
        top + 20.0,
        count(Quadrant::Pursue)
    );
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#b42318" text-anchor="end">most involved, likely exploiting</text>"##,
        right - 8.0,
        top + 35.0
    );
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="#b7791f" text-anchor="middle">DISRUPT ({})</text>"##,
        x_of(0.0),
        top + 20.0,
        count(Quadrant::Disrupt)
    );

    // Grid and axes.
    for h in X_MIN..=X_MAX {
        let x = x_of(h as f64);
        let _ = writeln!(
            svg,
            r##"<line x1="{x:.1}" y1="{top:.1}" x2="{x:.1}" y2="{:.1}" stroke="#dddddd" stroke-width="0.5"/>"##,
            y_of(-0.5)
        );
        let _ = writeln!(
            svg,
            r##"<text x="{x:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#333333">{h:+}</text>"##,
            y_of(-0.5) + 18.0
        );
    }
    for i in 0..=Y_MAX {
        let y = y_of(i as f64);
        let _ = writeln!(
            svg,
            r##"<line x1="{left:.1}" y1="{y:.1}" x2="{right:.1}" y2="{y:.1}" stroke="#dddddd" stroke-width="0.5"/>"##
        );
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#333333">{i}</text>"##,
            left - 8.0,
            y + 4.0
        );
    }
    let _ = writeln!(
        svg,
        r##"<line x1="{left:.1}" y1="{split_y:.1}" x2="{right:.1}" y2="{split_y:.1}" stroke="#888888" stroke-dasharray="4 3"/>"##
    );
    let _ = writeln!(
        svg,
        r##"<rect x="{left:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="#555555"/>"##,
        right - left,
        y_of(-0.5) - top
    );
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="13" text-anchor="middle" fill="#222222">Hierarchy score: workforce (likely exploited) -5 ... +5 management (likely exploiting)</text>"##,
        (left + right) / 2.0,
        HEIGHT - 28.0
    );
    let _ = writeln!(
        svg,
        r##"<text transform="translate(24 {:.1}) rotate(-90)" font-size="13" text-anchor="middle" fill="#222222">Involvement in organised exploitation (0 to 12)</text>"##,
        (top + y_of(-0.5)) / 2.0
    );
    let _ = writeln!(
        svg,
        r##"<text x="{left:.1}" y="28" font-size="17" font-weight="bold" fill="#111111">{}</text>"##,
        escape(title)
    );
    let _ = writeln!(
        svg,
        r##"<text x="{left:.1}" y="48" font-size="12" fill="#444444">{} people. Each dot is a person; hover for id and scores. Scores are leads for a person to check, not findings.</text>"##,
        points.len()
    );

    // Points, spread within their cell.
    let mut cells: BTreeMap<(i64, i64), Vec<&ChartPoint>> = BTreeMap::new();
    for p in points {
        let h = p.hierarchy.clamp(X_MIN, X_MAX);
        let i = p.involvement.clamp(0, Y_MAX);
        cells.entry((h, i)).or_default().push(p);
    }
    let cell_w = (WIDTH - LEFT - RIGHT) / ((X_MAX - X_MIN + 1) as f64);
    let cell_h = (HEIGHT - TOP - BOTTOM) / ((Y_MAX + 1) as f64);
    let reach = 0.42 * cell_w.min(cell_h);
    const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;
    for ((h, i), members) in &cells {
        let (cx, cy) = (x_of(*h as f64), y_of(*i as f64));
        let k = members.len();
        let radius = if k > 40 { 1.6 } else { 3.2 };
        for (j, p) in members.iter().enumerate() {
            let r = if k == 1 {
                0.0
            } else {
                reach * ((j as f64 + 0.5) / k as f64).sqrt()
            };
            let angle = j as f64 * GOLDEN_ANGLE;
            let (x, y) = (cx + r * angle.cos(), cy + r * angle.sin() * 0.8);
            let (fill, opacity) = colour(p.quadrant);
            let _ = writeln!(
                svg,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="{radius}" fill="{fill}" fill-opacity="{opacity}"><title>{}: hierarchy {:+}, involvement {}</title></circle>"#,
                escape(&p.id),
                p.hierarchy,
                p.involvement
            );
        }
        if k >= 5 {
            let _ = writeln!(
                svg,
                r##"<text x="{:.1}" y="{:.1}" font-size="9" fill="#222222" text-anchor="end">{k}</text>"##,
                cx + cell_w / 2.0 - 2.0,
                cy - cell_h / 2.0 + 9.0
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_person_is_drawn_and_equal_scores_do_not_overlap() {
        let points: Vec<ChartPoint> = (0..6)
            .map(|n| ChartPoint {
                id: format!("P-{n}"),
                hierarchy: -3,
                involvement: 9,
                quadrant: Quadrant::Safeguard,
            })
            .collect();
        let svg = hierarchy_chart("t", &points, 6);
        let centres: Vec<&str> = svg
            .lines()
            .filter(|l| l.starts_with("<circle"))
            .map(|l| l.split(" r=").next().unwrap_or(""))
            .collect();
        assert_eq!(centres.len(), 6);
        let mut unique = centres.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            6,
            "points with equal scores must not sit on each other"
        );
        assert!(svg.contains("SAFEGUARD (6)"));
    }
}
