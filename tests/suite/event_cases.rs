//! Event decisions on hand-written extracts (`tests/cases/events/<case>/`): each folder is an extract plus
//! `expect.yaml`, naming for each event whether the shipped pack flags it, by which route (`text` or
//! `nominals`), the rules that must fire on it and those that must not (`silent`), and for any term named under
//! `counted`, whether each of its hits in the text counted (the `hits` table's `counted` column, in text order).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::common;

#[derive(Deserialize)]
struct Expect {
    flagged: bool,
    #[serde(default)]
    route: Option<String>,
    #[serde(default)]
    fires: Vec<String>,
    #[serde(default)]
    silent: Vec<String>,
    #[serde(default)]
    counted: BTreeMap<String, Vec<String>>,
}

fn check(case: &str) {
    let data = common::repo().join("tests/cases/events").join(case);
    let expect: BTreeMap<String, Expect> =
        serde_yaml::from_str(&std::fs::read_to_string(data.join("expect.yaml")).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    common::run(&common::repo(), &data, &out, ndas::output::Format::Csv);
    let events = common::rows(&out.join("events.csv"));
    let fired = common::rows(&out.join("fired.csv"));
    let hits = common::rows(&out.join("hits.csv"));
    assert_eq!(
        events.len(),
        expect.len(),
        "{case}: every event needs an expectation"
    );
    for event in &events {
        let id = &event["event_id"];
        let want = &expect[id];
        assert_eq!(
            event["flagged"] == "true",
            want.flagged,
            "{case} {id} flagged: {event:?}"
        );
        if let Some(route) = &want.route {
            assert_eq!(&event["route"], route, "{case} {id} route");
        }
        let rules: Vec<&str> = fired
            .iter()
            .filter(|f| f["subject_kind"] == "event" && &f["subject_id"] == id)
            .map(|f| f["rule_id"].as_str())
            .collect();
        for rule in &want.fires {
            assert!(
                rules.contains(&rule.as_str()),
                "{case} {id}: {rule} did not fire ({rules:?})"
            );
        }
        for rule in &want.silent {
            assert!(
                !rules.contains(&rule.as_str()),
                "{case} {id}: {rule} fired and should not have ({rules:?})"
            );
        }
        for (term, verdicts) in &want.counted {
            let got: Vec<&str> = hits
                .iter()
                .filter(|h| &h["event_id"] == id && &h["term_id"] == term)
                .map(|h| h["counted"].as_str())
                .collect();
            assert_eq!(
                &got, verdicts,
                "{case} {id}: how the hits of {term} counted"
            );
        }
    }
}

#[test]
fn a_child_supplier_linked_to_another_flagged_event_flags_the_supply_event() {
    check("nominal_route");
}

#[test]
fn each_hit_says_whether_it_counted_and_why_not() {
    check("counting");
}

#[test]
fn two_weak_signals_of_a_kind_with_a_child_flag_an_event_but_not_a_supply_offence() {
    check("weak_signals");
}

#[test]
fn an_awareness_session_log_names_the_signs_but_is_not_a_case() {
    check("engagement_log");
}

#[test]
fn a_child_supplying_class_a_or_with_signs_of_both_kinds_flags_an_event() {
    check("child_signals");
}

#[test]
fn a_record_that_concludes_the_concern_was_ruled_out_loses_points() {
    check("ruled_out");
}

#[test]
fn weak_signs_of_two_kinds_count_one_more_but_not_cash_alone_or_a_term_inside_another() {
    check("mixed_signals");
}

#[test]
fn an_adult_five_years_older_than_a_child_under_16_beside_a_sexual_exploitation_sign_counts_one_more()
 {
    check("age_gap");
}

#[test]
fn organised_crime_language_without_a_victim_stops_short_of_the_threshold() {
    check("organised_crime");
}

#[test]
fn offences_that_are_exploitation_by_law_count_as_an_exploitation_header() {
    check("offence_header");
}

#[test]
fn three_signs_of_forced_labour_or_servitude_flag_an_event_among_adults() {
    check("labour_indicators");
}

#[test]
fn a_weak_sign_about_or_the_company_of_someone_most_of_whose_events_are_flagged_flags_an_event() {
    check("network_route");
}

#[test]
fn words_in_another_sense_count_for_nothing_and_near_terms_wait_for_their_companion() {
    check("other_sense");
}

#[test]
fn money_signs_alone_in_a_domestic_abuse_record_are_economic_abuse_not_exploitation() {
    check("economic_abuse");
}
