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

    /// The ethics committee's wording.
    pub fn sentence(&self, what: &str) -> String {
        let show = |rate: Option<Rate>| {
            rate.map(|r| format!("{:.3}", r.value))
                .unwrap_or_else(|| "undefined".into())
        };
        format!(
            "Out of {} events, ndas flagged {} as {what}. Against the synthetic ground truth, {} of those are false positives and {} {what} events were not flagged (precision {}, recall {}).",
            self.total(),
            self.flagged(),
            self.false_positive,
            self.false_negative,
            show(self.precision()),
            show(self.recall()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
