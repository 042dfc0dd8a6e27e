//! Honest numbers: decisions compared with labels (the synthetic truth or an SME's validation set), with
//! counts, precision, recall and Wilson 95% intervals, worded as the ethics committee asked: "Out of N events,
//! ndas flagged X ... Y of those are false positives and Z ... were not flagged".
//!
//! Pure arithmetic; reading the labels is the caller's business.

use std::collections::HashMap;

/// Confusion counts for a binary decision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Confusion {
    pub true_positive: usize,
    pub false_positive: usize,
    pub false_negative: usize,
    pub true_negative: usize,
}

/// A proportion with its Wilson score 95% interval.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Rate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub successes: usize,
    pub trials: usize,
}

impl Rate {
    pub fn of(successes: usize, trials: usize) -> Option<Rate> {
        let (low, high) = wilson(successes, trials)?;
        Some(Rate {
            value: successes as f64 / trials as f64,
            low,
            high,
            successes,
            trials,
        })
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.3} (95% CI {:.3} to {:.3}; {} of {})",
            self.value, self.low, self.high, self.successes, self.trials
        )
    }
}

/// Wilson score interval at 95% (z = 1.96); `None` when there are no trials.
pub fn wilson(successes: usize, trials: usize) -> Option<(f64, f64)> {
    if trials == 0 || successes > trials {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z = 1.959_963_984_540_054_f64;
    let z2 = z * z;
    let centre = p + z2 / (2.0 * n);
    let margin = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let denominator = 1.0 + z2 / n;
    Some((
        ((centre - margin) / denominator).max(0.0),
        ((centre + margin) / denominator).min(1.0),
    ))
}

/// How well scores separate two groups: the chance that a member of `higher` (planted management, the
/// exploiters) scores above a member of `lower` (the workforce, the exploited), ties counting half. The area under
/// the ROC curve; `None` when either group is empty.
pub fn separation(higher: &[i64], lower: &[i64]) -> Option<f64> {
    let pairs = higher.len() * lower.len();
    if pairs == 0 {
        return None;
    }
    let wins: f64 = higher
        .iter()
        .flat_map(|h| {
            lower.iter().map(move |l| match h.cmp(l) {
                std::cmp::Ordering::Greater => 1.0,
                std::cmp::Ordering::Equal => 0.5,
                std::cmp::Ordering::Less => 0.0,
            })
        })
        .sum();
    Some(wins / pairs as f64)
}

impl Confusion {
    /// Compares flags with truth. `truth` maps event id to "is organised exploitation"; events missing from
    /// truth are not counted (and reported by the caller).
    pub fn of<'a>(
        flags: impl IntoIterator<Item = (&'a str, bool)>,
        truth: &HashMap<String, bool>,
    ) -> Confusion {
        let mut c = Confusion::default();
        for (id, flagged) in flags {
            match (flagged, truth.get(id)) {
                (true, Some(true)) => c.true_positive += 1,
                (true, Some(false)) => c.false_positive += 1,
                (false, Some(true)) => c.false_negative += 1,
                (false, Some(false)) => c.true_negative += 1,
                (_, None) => {}
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.true_positive + self.false_positive + self.false_negative + self.true_negative
    }
    pub fn flagged(&self) -> usize {
        self.true_positive + self.false_positive
    }
    pub fn precision(&self) -> Option<Rate> {
        Rate::of(self.true_positive, self.flagged())
    }
    pub fn recall(&self) -> Option<Rate> {
        Rate::of(self.true_positive, self.true_positive + self.false_negative)
    }
    pub fn f1(&self) -> Option<f64> {
        let p = self.precision()?.value;
        let r = self.recall()?.value;
        (p + r > 0.0).then(|| 2.0 * p * r / (p + r))
    }

    /// The ethics committee's wording, against the synthetic ground truth.
    pub fn sentence(&self, what: &str) -> String {
        self.sentence_against(what, "the synthetic ground truth")
    }

    /// The ethics committee's wording: "Out of N events, ndas flagged X as ... ; Y of those are false positives
    /// and Z ... events were not flagged".
    pub fn sentence_against(&self, what: &str, against: &str) -> String {
        let show = |rate: Option<Rate>| {
            rate.map(|r| format!("{:.3}", r.value))
                .unwrap_or_else(|| "undefined".into())
        };
        format!(
            "Out of {} events, ndas flagged {} as {what}. Against {against}, {} of those are false positives and {} {what} events were not flagged (precision {}, recall {}).",
            self.total(),
            self.flagged(),
            self.false_positive,
            self.false_negative,
            show(self.precision()),
            show(self.recall()),
        )
    }
}

/// One row of a validation: how well a detector (the flag itself, a category's hits, one term's hits) picks out
/// labelled organised exploitation.
#[derive(Clone, Debug, PartialEq)]
pub struct DetectorRow {
    /// `overall`, `category` or `term`.
    pub level: &'static str,
    pub name: String,
    pub confusion: Confusion,
}

impl DetectorRow {
    /// Share of the detector's events labelled not organised exploitation: how noisy a term is.
    pub fn noise(&self) -> Option<Rate> {
        Rate::of(self.confusion.false_positive, self.confusion.flagged())
    }
}

/// One event as validation sees it.
pub struct ValidationEvent<'a> {
    pub id: &'a str,
    pub flagged: bool,
    /// Categories and terms with an un-negated hit.
    pub categories: Vec<&'a str>,
    pub terms: Vec<&'a str>,
}

/// Validation against labels: the flag overall, then each category's and each term's hits treated as a detector
/// of their own (precision: share of events with a hit labelled organised exploitation; recall: share of labelled
/// events with a hit). Terms are ordered noisiest first. Events without a label are left out.
pub fn validate(events: &[ValidationEvent], labels: &HashMap<String, bool>) -> Vec<DetectorRow> {
    let labelled: Vec<(&ValidationEvent, bool)> = events
        .iter()
        .filter_map(|e| Some((e, *labels.get(e.id)?)))
        .collect();
    let detector = |level: &'static str, name: &str, hit: &dyn Fn(&ValidationEvent) -> bool| {
        let mut c = Confusion::default();
        for (event, oe) in &labelled {
            match (hit(event), *oe) {
                (true, true) => c.true_positive += 1,
                (true, false) => c.false_positive += 1,
                (false, true) => c.false_negative += 1,
                (false, false) => c.true_negative += 1,
            }
        }
        DetectorRow {
            level,
            name: name.to_string(),
            confusion: c,
        }
    };
    let mut rows = vec![detector("overall", "flagged", &|e| e.flagged)];
    let categories: std::collections::BTreeSet<&str> = events
        .iter()
        .flat_map(|e| e.categories.iter().copied())
        .collect();
    for category in categories {
        rows.push(detector("category", category, &|e| {
            e.categories.contains(&category)
        }));
    }
    let terms: std::collections::BTreeSet<&str> = events
        .iter()
        .flat_map(|e| e.terms.iter().copied())
        .collect();
    let mut term_rows: Vec<DetectorRow> = terms
        .into_iter()
        .map(|term| detector("term", term, &|e| e.terms.contains(&term)))
        .collect();
    term_rows.sort_by(|a, b| {
        let noise = |r: &DetectorRow| r.noise().map_or(0.0, |n| n.value);
        noise(b)
            .total_cmp(&noise(a))
            .then(b.confusion.flagged().cmp(&a.confusion.flagged()))
            .then(a.name.cmp(&b.name))
    });
    rows.extend(term_rows);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separation_counts_wins_and_half_ties() {
        assert_eq!(separation(&[3, 1], &[-2, 1]), Some(0.875));
        assert_eq!(separation(&[0], &[0]), Some(0.5));
        assert_eq!(separation(&[-1], &[2]), Some(0.0));
        assert_eq!(separation(&[], &[1]), None);
    }

    #[test]
    fn wilson_matches_published_values() {
        // Wilson (1927) / Newcombe (1998) example: 81 of 263 -> 0.2553 to 0.3662.
        let (low, high) = wilson(81, 263).unwrap();
        assert!((low - 0.2553).abs() < 5e-4, "{low}");
        assert!((high - 0.3662).abs() < 5e-4, "{high}");
        let (low, high) = wilson(0, 10).unwrap();
        assert_eq!(low, 0.0);
        assert!((high - 0.2775).abs() < 5e-4, "{high}");
        assert_eq!(wilson(0, 0), None);
    }

    #[test]
    fn confusion_and_sentence() {
        let truth: HashMap<String, bool> = [("a", true), ("b", true), ("c", false), ("d", false)]
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
        let c = Confusion::of(
            [
                ("a", true),
                ("b", false),
                ("c", true),
                ("d", false),
                ("x", true),
            ],
            &truth,
        );
        assert_eq!(
            c,
            Confusion {
                true_positive: 1,
                false_positive: 1,
                false_negative: 1,
                true_negative: 1
            }
        );
        assert_eq!(
            c.sentence("organised exploitation"),
            "Out of 4 events, ndas flagged 2 as organised exploitation. Against the synthetic ground truth, 1 of those are false positives and 1 organised exploitation events were not flagged (precision 0.500, recall 0.500)."
        );
        assert_eq!(c.f1(), Some(0.5));
    }
}

#[cfg(test)]
mod validation_tests {
    use super::*;

    #[test]
    fn validation_arithmetic_on_a_small_labelled_set() {
        let event = |id, flagged, categories: Vec<&'static str>, terms: Vec<&'static str>| {
            ValidationEvent {
                id,
                flagged,
                categories,
                terms,
            }
        };
        let events = vec![
            event("e1", true, vec!["line"], vec!["T1"]),
            event("e2", true, vec!["line", "csae"], vec!["T1", "T2"]),
            event("e3", true, vec!["csae"], vec!["T2"]),
            event("e4", false, vec!["csae"], vec!["T2"]),
            event("e5", false, vec![], vec![]),
            event("e6", false, vec![], vec![]),
            event("unlabelled", true, vec!["line"], vec!["T1"]),
        ];
        let labels: HashMap<String, bool> = [
            ("e1", true),
            ("e2", true),
            ("e3", false),
            ("e4", false),
            ("e5", true),
            ("e6", false),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), *v))
        .collect();
        let rows = validate(&events, &labels);
        let row = |level: &str, name: &str| {
            rows.iter()
                .find(|r| r.level == level && r.name == name)
                .unwrap()
        };
        // Overall: flagged e1, e2 (oe), e3 (not); missed e5.
        let overall = &row("overall", "flagged").confusion;
        assert_eq!(
            (
                overall.true_positive,
                overall.false_positive,
                overall.false_negative,
                overall.true_negative
            ),
            (2, 1, 1, 2)
        );
        assert!((overall.f1().unwrap() - 2.0 / 3.0).abs() < 1e-12);
        // T2 hits e2 (oe), e3 and e4 (not): noise 2 of 3; T1 hits e1, e2 (both oe): noise 0.
        let t2 = row("term", "T2");
        assert_eq!(t2.noise().unwrap().successes, 2);
        assert_eq!(t2.noise().unwrap().trials, 3);
        assert_eq!(row("term", "T1").noise().unwrap().successes, 0);
        // Noisiest term first.
        assert_eq!(rows.iter().find(|r| r.level == "term").unwrap().name, "T2");
        // Category line: e1, e2 both oe, recall 2 of 3 labelled oe.
        let line = &row("category", "line").confusion;
        assert_eq!(line.recall().unwrap().successes, 2);
        assert_eq!(line.recall().unwrap().trials, 3);
    }
}
