//! Plain-language explanations for people who must check a decision: what was decided, each rule that fired and
//! why, and each term found shown inside its surrounding text. Pure: it formats rows already read from a run's
//! outputs, so an explanation always agrees with the tables an analyst has.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::extract::Event;

type Row = BTreeMap<String, String>;

/// Everything known about one event's decision.
pub struct EventView<'a> {
    pub row: &'a Row,
    pub hits: &'a [Row],
    pub fired: &'a [Row],
    /// The event from the extract, for its text; `None` if the extract is no longer available.
    pub event: Option<&'a Event>,
    pub policy_version: &'a str,
    /// Points an event needs to be flagged, as recorded in run.json.
    pub threshold: Option<i64>,
}

fn get<'a>(row: &'a Row, key: &str) -> &'a str {
    row.get(key).map(String::as_str).unwrap_or("")
}

/// Why a hit did not count towards the rules, as a clause to follow it, or "" when it counted. Read from the
/// `counted` column; outputs written before that column existed say only what the `negated` and `strength`
/// columns do.
fn why_not_counted(hit: &Row) -> &'static str {
    let counted = match get(hit, "counted") {
        "" if get(hit, "negated") == "true" => "negated",
        "" if get(hit, "strength") == "other_sense" => "other_sense",
        "" => "yes",
        counted => counted,
    };
    match counted {
        "negated" => {
            ": set aside, a negation stands before it (\"no concerns about\") or after it (\"no concerns identified\") in the sentence"
        }
        "other_sense" => {
            ": the words in another sense, counted for nothing, nor is a term within them"
        }
        "within_longer_hit" => {
            ": inside a longer hit (or on the same words as one), which is the evidence; not counted again"
        }
        "sign_already_counted" => {
            ": the same sign as a term counted above (the term again, or another wording of it); counted once"
        }
        _ => "",
    }
}

/// How many bytes of text to show either side of a hit.
const CONTEXT: usize = 60;

/// `text[start..end]` with up to CONTEXT bytes either side, the hit in brackets, on one line.
pub fn in_context(text: &str, start: usize, end: usize) -> String {
    let floor = |mut at: usize| {
        while at > 0 && !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let (start, end) = (floor(start.min(text.len())), floor(end.min(text.len())));
    let from = floor(start.saturating_sub(CONTEXT));
    let to = floor((end + CONTEXT).min(text.len()));
    let flat = crate::matcher::collapse_whitespace;
    format!(
        "{}{}[{}]{}{}",
        if from > 0 { "…" } else { "" },
        flat(text.get(from..start).unwrap_or("")).trim_start(),
        flat(text.get(start..end).unwrap_or("")),
        flat(text.get(end..to).unwrap_or("")).trim_end(),
        if to < text.len() { "…" } else { "" },
    )
    .replace("][", "] [")
}

fn sign(points: &str) -> String {
    match points.parse::<i64>() {
        Ok(p) if p >= 0 => format!("+{p}"),
        Ok(p) => p.to_string(),
        Err(_) => points.to_string(),
    }
}

pub fn event(view: &EventView) -> String {
    let mut out = String::new();
    let id = get(view.row, "event_id");
    let flagged = get(view.row, "flagged") == "true";
    let _ = write!(out, "Event {id}");
    if let Some(event) = view.event {
        let _ = write!(out, " ({}, {}", event.source, event.occurred_on);
        if !event.offence.is_empty() {
            let _ = write!(out, ", offence \"{}\"", event.offence);
        }
        out.push(')');
    }
    out.push('\n');
    let score = get(view.row, "score");
    let threshold = view
        .threshold
        .map(|t| format!(" (threshold {t})"))
        .unwrap_or_default();
    if flagged {
        let label = get(view.row, "label").replace('_', " ");
        let route = match get(view.row, "route") {
            "nominals" => " through the people linked to it (nominal characteristics)",
            _ => " from the words in its text",
        };
        let _ = writeln!(
            out,
            "Decision: flagged as {label}{route}, with {score} points for that label{threshold}."
        );
        // Rules without a label count for every label, so when only they fired the labels tie and the
        // manifest's first is given: say so rather than let it read as a finding about the kind.
        if view.fired.iter().all(|f| get(f, "label").is_empty()) {
            let _ = writeln!(
                out,
                "Only rules without a label fired, so every label has these points: the label given is the first the manifest lists, not a finding about the kind of exploitation."
            );
        }
    } else if view.fired.is_empty() {
        let _ = writeln!(out, "Decision: not flagged. No rule fired for this event.");
    } else {
        let _ = writeln!(
            out,
            "Decision: not flagged. The rules that fired gave {score} points for the best label, below the threshold{threshold}."
        );
    }
    let _ = writeln!(out, "Policy version {}.", view.policy_version);
    let errors = get(view.row, "rule_errors");
    if !errors.is_empty() && errors != "0" {
        let _ = writeln!(
            out,
            "Warning: {errors} rule error(s) occurred for this event; see rule_errors in the outputs."
        );
    }

    if !view.fired.is_empty() {
        let _ = writeln!(
            out,
            "\nRules that fired (points add up per label; a rule without a label counts for every label):"
        );
        for firing in view.fired {
            let label = get(firing, "label");
            let label = if label.is_empty() {
                "any label".to_string()
            } else {
                label.replace('_', " ")
            };
            let _ = writeln!(
                out,
                "  {:>3}  {:<16} {}  [{}; {}]",
                sign(get(firing, "points")),
                get(firing, "rule_id"),
                get(firing, "reason"),
                label,
                get(firing, "source"),
            );
        }
    }

    if view.hits.is_empty() {
        let _ = writeln!(out, "\nNo reference terms were found in the text.");
    } else {
        let _ = writeln!(out, "\nTerms found in the text:");
        for hit in view.hits {
            let (start, end) = (
                get(hit, "start").parse::<usize>().unwrap_or(0),
                get(hit, "end").parse::<usize>().unwrap_or(0),
            );
            let _ = writeln!(
                out,
                "  {} \"{}\" ({} list, {}, {} term, list version {}) at bytes {}..{}{}",
                get(hit, "term_id"),
                get(hit, "matched"),
                get(hit, "list"),
                get(hit, "category"),
                get(hit, "strength"),
                get(hit, "list_version"),
                start,
                end,
                why_not_counted(hit),
            );
            if let Some(event) = view.event {
                let _ = writeln!(out, "      {}", in_context(&event.text, start, end));
            }
        }
    }
    if view.event.is_none() {
        let _ = writeln!(
            out,
            "\n(The extract this run read is not available, so the text around each term is not shown; pass --data DIR.)"
        );
    }
    out
}

/// An event the run quarantined (its `quarantine` rows): nothing was decided, so say why and where to fix it.
pub fn quarantined_event(id: &str, rows: &[Row], quarantine_file: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Event {id} was quarantined by the run, so no rule has seen it:"
    );
    for row in rows {
        let _ = writeln!(
            out,
            "  events row {}: {}",
            get(row, "row"),
            get(row, "reason")
        );
        let _ = writeln!(out, "    as read: {}", get(row, "raw").replace('\n', " "));
    }
    let _ = writeln!(
        out,
        "Correct the row in the extract and run again. Every row set aside is in {quarantine_file}."
    );
    out
}

/// Everything known about one person's scores.
pub struct PersonView<'a> {
    pub row: &'a Row,
    /// The person's firings (subject_kind `person`), in output order.
    pub fired: &'a [Row],
    /// Score name -> (min, max), from run.json.
    pub ranges: &'a BTreeMap<String, (i64, i64)>,
    /// The person's nominal records as (nominal_id, name, dob) and the merges that joined them.
    pub records: &'a [(String, String, String)],
    pub merges: &'a [Row],
    /// Flagged events: the `events` row, its hits, and the event itself if the extract is available.
    pub events: &'a [(Row, Vec<Row>, Option<Event>)],
    pub policy_version: &'a str,
}

/// A score as a waterfall: each fired rule with its points and the running total, then the clamp.
fn waterfall(out: &mut String, name: &str, value: &str, range: Option<(i64, i64)>, fired: &[&Row]) {
    let range_text = range
        .map(|(lo, hi)| format!(" on a scale of {lo} to {hi}"))
        .unwrap_or_default();
    let _ = writeln!(out, "\n{} {value}{range_text}:", capitalise(name));
    if fired.is_empty() {
        let _ = writeln!(
            out,
            "  no rule fired, so the score is 0 (clamped to the scale)"
        );
        return;
    }
    // Summed as the engine sums them (`script::total_points`), so the waterfall ends where the score does.
    let mut points = Vec::with_capacity(fired.len());
    for firing in fired {
        points.push(get(firing, "points").parse::<i64>().unwrap_or(0));
        let total = crate::script::total_points(points.iter().copied());
        let events = get(firing, "events");
        let events = if events.is_empty() {
            String::new()
        } else {
            format!(" (events {})", events.replace('|', ", "))
        };
        let _ = writeln!(
            out,
            "  {:>3}  = {:>3}  {:<22} {}{}  [{}]",
            sign(get(firing, "points")),
            total,
            get(firing, "rule_id"),
            get(firing, "reason"),
            events,
            get(firing, "source"),
        );
    }
    let total = crate::script::total_points(points);
    match range {
        Some((lo, hi)) if total < lo || total > hi => {
            let _ = writeln!(
                out,
                "  sum {total}, clamped to {} (the scale is {lo} to {hi})",
                total.clamp(lo, hi)
            );
        }
        _ => {
            let _ = writeln!(out, "  sum {total}");
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A person's records and the evidence for each merge that joined them.
fn records_and_merges(out: &mut String, records: &[(String, String, String)], merges: &[Row]) {
    let _ = writeln!(out, "\nRecords ({}):", records.len());
    for (nominal, name, dob) in records {
        let dob = if dob.is_empty() { "dob unknown" } else { dob };
        let _ = writeln!(out, "  {nominal}  {name}, {dob}");
    }
    if records.len() > 1 {
        let _ = writeln!(
            out,
            "Why they were merged (each field's evidence in bits; the total with the file's prior gives the probability):"
        );
        for merge in merges {
            let _ = writeln!(
                out,
                "  {} + {}: {}; probability {}",
                get(merge, "nominal_a"),
                get(merge, "nominal_b"),
                get(merge, "evidence"),
                get(merge, "probability")
            );
        }
    }
}

/// A person the run resolved but did not score (linked to no flagged event): their records, why they were
/// merged, and the pairs involving them left apart for review, for a data quality officer.
pub fn unscored_person(
    person_id: &str,
    records: &[(String, String, String)],
    merges: &[Row],
    reviews: &[Row],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Person {person_id} is not scored: none of their records is linked to a flagged event (only those people are)."
    );
    records_and_merges(&mut out, records, merges);
    if !reviews.is_empty() {
        let _ = writeln!(out, "\nPairs left apart for review:");
        for review in reviews {
            let _ = writeln!(
                out,
                "  {} ({}) + {} ({}): {}; probability {}. {}",
                get(review, "nominal_a"),
                get(review, "person_a"),
                get(review, "nominal_b"),
                get(review, "person_b"),
                get(review, "evidence"),
                get(review, "probability"),
                get(review, "reason")
            );
        }
    }
    out
}

pub fn person(view: &PersonView) -> String {
    let mut out = String::new();
    let id = get(view.row, "person_id");
    let quadrant = get(view.row, "quadrant");
    let _ = writeln!(
        out,
        "Person {id}: involvement {}, hierarchy {}, quadrant {quadrant} ({}).",
        get(view.row, "involvement"),
        get(view.row, "hierarchy"),
        match quadrant {
            "safeguard" => "highly involved and likely exploited: safeguard first",
            "pursue" => "highly involved and likely exploiting others: consider pursue",
            "disrupt" => "highly involved, in the middle of the hierarchy: consider disruption",
            "low_workforce" => "less involved, leaning workforce",
            "low_management" => "less involved, leaning management",
            _ => "less involved, in the middle of the hierarchy",
        }
    );
    let _ = writeln!(
        out,
        "Linked to {} flagged event(s). Policy version {}. Scores are leads for a person to check, never findings.",
        get(view.row, "flagged_events"),
        view.policy_version
    );
    let errors = get(view.row, "rule_errors");
    if !errors.is_empty() && errors != "0" {
        let _ = writeln!(
            out,
            "Warning: {errors} rule error(s) occurred for this person; see rule_errors in the outputs."
        );
    }
    let mut names: Vec<&str> = view.fired.iter().map(|f| get(f, "score")).collect();
    names.sort_unstable();
    names.dedup();
    for wanted in ["involvement", "hierarchy"] {
        if !names.contains(&wanted) {
            names.push(wanted);
        }
    }
    names.sort_by_key(|n| match *n {
        "involvement" => 0,
        "hierarchy" => 1,
        _ => 2,
    });
    for name in names {
        let fired: Vec<&Row> = view
            .fired
            .iter()
            .filter(|f| get(f, "score") == name)
            .collect();
        let value = get(view.row, name);
        waterfall(
            &mut out,
            name,
            value,
            view.ranges.get(name).copied(),
            &fired,
        );
    }

    records_and_merges(&mut out, view.records, view.merges);

    let _ = writeln!(out, "\nFlagged events:");
    for (row, hits, event) in view.events {
        let _ = write!(
            out,
            "  {} {} ({} points)",
            get(row, "event_id"),
            get(row, "label").replace('_', " "),
            get(row, "score"),
        );
        if let Some(event) = event {
            let _ = write!(out, ", {} on {}", event.source, event.occurred_on);
        }
        out.push('\n');
        for hit in hits.iter().filter(|h| why_not_counted(h).is_empty()) {
            let (start, end) = (
                get(hit, "start").parse::<usize>().unwrap_or(0),
                get(hit, "end").parse::<usize>().unwrap_or(0),
            );
            match event {
                Some(event) => {
                    let _ = writeln!(
                        out,
                        "      {} {}",
                        get(hit, "term_id"),
                        in_context(&event.text, start, end)
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "      {} \"{}\"",
                        get(hit, "term_id"),
                        get(hit, "matched")
                    );
                }
            }
        }
    }
    if view.events.iter().any(|(_, _, e)| e.is_none()) {
        let _ = writeln!(
            out,
            "\n(The extract this run read is not available, so event text is not shown; pass --data DIR.)"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_marks_the_hit_and_flattens_whitespace() {
        let text = "He was seen at the trap\n house on Elm Road.";
        assert_eq!(
            in_context(text, 19, 30),
            "He was seen at the [trap house] on Elm Road."
        );
        let long = format!("{}county lines{}", "a ".repeat(50), " b".repeat(50));
        let shown = in_context(&long, 100, 112);
        assert!(
            shown.starts_with('…') && shown.ends_with('…') && shown.contains("[county lines]"),
            "{shown}"
        );
    }

    #[test]
    fn a_label_given_on_a_tie_is_said_to_be_one() {
        let row = |pairs: &[(&str, &str)]| -> Row {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let event = row(&[
            ("event_id", "E1"),
            ("flagged", "true"),
            ("label", "criminal_exploitation"),
            ("score", "3"),
        ]);
        let unlabelled = row(&[("rule_id", "OE-VULN"), ("points", "3"), ("label", "")]);
        let labelled = row(&[
            ("rule_id", "OE-CE-LINE"),
            ("points", "3"),
            ("label", "criminal_exploitation"),
        ]);
        let explain = |fired: &[Row]| {
            super::event(&EventView {
                row: &event,
                hits: &[],
                fired,
                event: None,
                policy_version: "v",
                threshold: Some(3),
            })
        };
        let tie = "the label given is the first the manifest lists";
        assert!(explain(std::slice::from_ref(&unlabelled)).contains(tie));
        assert!(!explain(&[unlabelled, labelled]).contains(tie));
    }
}
