//! Unit tests of matching: comparison levels, decisions and clustering.

use chrono::{Datelike, NaiveDate};

use super::cluster::{
    Identifiers, JoinLink, KAUR, SINGH, dates_would_conflict, opens_as_short_form,
};
use super::comparison::SWAP_PENALTY;
use super::dates::{
    GENERATION_YEARS, compare_dob_as_written, date_digits, day_month_swapped, digit_slips,
    generation_apart, slips_at_least,
};
use super::names::{
    NAME_CHANGE_SURNAME_SHARE, compare_forename, jaro_winkler, neighbouring_keys,
    one_keystroke_apart,
};
use super::sound::{Code, somali_reading};
use super::*;

/// A join through an ordinary pair, and through an initial against a forename.
const PLAIN: JoinLink = JoinLink {
    via_initial: false,
    via_short_form: false,
    estimated_age: false,
    placeholder_at_premises: false,
};
const VIA_INITIAL: JoinLink = JoinLink {
    via_initial: true,
    ..PLAIN
};
const ESTIMATED_AGE: JoinLink = JoinLink {
    estimated_age: true,
    ..PLAIN
};
const PLACEHOLDER_AT_PREMISES: JoinLink = JoinLink {
    placeholder_at_premises: true,
    ..PLAIN
};
const VIA_SHORT_FORM: JoinLink = JoinLink {
    via_short_form: true,
    ..PLAIN
};

#[test]
fn soundex_matches_the_published_examples() {
    for (name, code) in [
        ("Robert", "R163"),
        ("Rupert", "R163"),
        ("Rubin", "R150"),
        ("Ashcraft", "A261"),
        ("Tymczak", "T522"),
        ("Pfister", "P236"),
        ("Honeyman", "H555"),
    ] {
        assert_eq!(soundex(name), code, "{name}");
    }
}

#[test]
fn the_refined_prior_counts_the_matches_among_candidates_wherever_it_starts() {
    let candidate = |weight: f32, pnc_agrees: bool, vetoed: bool| Candidate {
        weight,
        pnc_agrees,
        vetoed,
    };
    // 2,000 records (1,999,000 pairs); 300 sure matches, 100 of them by PNC id, and 50,000 strangers.
    // Vetoed pairs count for nothing, however heavy.
    let candidates: Vec<Candidate> = std::iter::repeat_n(candidate(60.0, false, false), 200)
        .chain(std::iter::repeat_n(candidate(-60.0, true, false), 100))
        .chain(std::iter::repeat_n(candidate(60.0, false, true), 500))
        .chain(std::iter::repeat_n(candidate(-30.0, false, false), 50_000))
        .collect();
    let expected = (300.0_f64 / (1_999_000.0 - 300.0)).log2();
    for start in [-30.0, -21.0, -5.0] {
        let bits = refine_prior(2_000, start, &candidates);
        assert!(
            (bits - expected).abs() < 0.02,
            "from {start}: {bits} against {expected}"
        );
    }
}

#[test]
fn the_refined_prior_of_a_tiny_file_is_reckoned_over_ten_thousand_pairs() {
    let one_pair = [Candidate {
        weight: 60.0,
        pnc_agrees: false,
        vetoed: false,
    }];
    let bits = refine_prior(5, -3.0, &one_pair);
    assert!((bits - (1.0_f64 / 9_999.0).log2()).abs() < 0.01, "{bits}");
}

#[test]
fn a_join_through_an_initial_holds_apart_plainly_different_forenames_but_not_a_surname_written_first()
 {
    let person = |forenames: &[&'static str], surnames: &[&'static str]| Identifiers {
        forenames: forenames.iter().map(|f| (*f, 1)).collect(),
        surnames: surnames.to_vec(),
        ..Identifiers::default()
    };
    let ryan = person(&["ryan", "r"], &["mcallister"]);
    let ross = person(&["ross"], &["mcallister"]);
    assert_eq!(
        ryan.conflict(&ross, VIA_INITIAL),
        Some(INITIAL_BRIDGE_CONFLICT)
    );
    // Each written once and linked by more than an initial: not a conflict (see twin_forenames).
    assert_eq!(ryan.conflict(&ross, PLAIN), None);
    // A short form that opens two names given to siblings is no more evidence than an initial: twins
    // Jaspreet and Jasmeet through a record of "Jas Kaur".
    let jaspreet = person(&["jaspreet", "jas kaur"], &["dhillon"]);
    let jasmeet = person(&["jasmeet"], &["dhillon"]);
    assert_eq!(
        jaspreet.conflict(&jasmeet, VIA_SHORT_FORM),
        Some(SHORT_FORM_BRIDGE_CONFLICT)
    );
    assert_eq!(jaspreet.conflict(&jasmeet, PLAIN), None);
    // Familiar forms plainly different from each other, but no siblings' names, are not held apart: Robert,
    // "Bobby" and "Robbie" are one man.
    let robert = person(&["robert", "bobby"], &["mcallister"]);
    let robbie = person(&["robbie"], &["mcallister"]);
    assert_eq!(robert.conflict(&robbie, VIA_SHORT_FORM), None);
    assert!(opens_as_short_form("jas kaur", "jasmeet"));
    assert!(opens_as_short_form("mohammed", "mo"));
    assert!(!opens_as_short_form("jasmeet", "jaspreet"));
    assert!(!opens_as_short_form("j", "jasmeet"));
    // "Chan Ka Wai" written surname first puts "chan" where a forename stands; Kevin is his English name.
    let kevin = person(&["kevin"], &["chan"]);
    let ka_wai = person(&["k w", "chan"], &["chan", "ka wai"]);
    assert_eq!(kevin.conflict(&ka_wai, VIA_INITIAL), None);
    // Run-together initials ("KJ") and two-part names are not plainly different forenames.
    let kayden = person(&["kayden"], &["hargreaves"]);
    let kj = person(&["kj", "kayden james"], &["hargreaves"]);
    assert_eq!(kayden.conflict(&kj, VIA_INITIAL), None);
}

#[test]
fn a_person_holding_singh_is_held_apart_from_one_holding_kaur_but_not_from_one_holding_both() {
    let person = |sikh_names: u8| Identifiers {
        sikh_names,
        ..Identifiers::default()
    };
    // "Jaswinder Singh Johal" and "Jaswinder Kaur", each joined to a "Jaswinder Johal" of one birthday.
    assert_eq!(
        person(SINGH).conflict(&person(KAUR), PLAIN),
        Some(SINGH_KAUR_CONFLICT)
    );
    assert_eq!(
        person(KAUR).conflict(&person(SINGH), PLAIN),
        Some(SINGH_KAUR_CONFLICT)
    );
    assert_eq!(person(SINGH).conflict(&person(SINGH), PLAIN), None);
    assert_eq!(person(SINGH).conflict(&person(0), PLAIN), None);
    assert_eq!(person(SINGH | KAUR).conflict(&person(KAUR), PLAIN), None);
    let joined = person(SINGH).joined(person(0));
    assert_eq!(
        joined.conflict(&person(KAUR), PLAIN),
        Some(SINGH_KAUR_CONFLICT)
    );
}

#[test]
fn an_age_estimated_beside_a_birthday_conflicts_only_where_the_link_does_not_explain_it() {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let birthday = [date(1990, 9, 19)];
    // 1 January of the next year and of the year before are estimates; two years out, or another day of
    // the next year, is not.
    for (estimate, explained) in [
        (date(1991, 1, 1), true),
        (date(1989, 1, 1), true),
        (date(1992, 1, 1), false),
        (date(1991, 3, 1), false),
    ] {
        assert!(dates_would_conflict(&birthday, &[estimate], PLAIN));
        assert_eq!(
            dates_would_conflict(&birthday, &[estimate], ESTIMATED_AGE),
            !explained,
            "{estimate}"
        );
    }
    // The link explains the estimate, not another date the person holds.
    assert!(dates_would_conflict(
        &birthday,
        &[date(1991, 1, 1), date(1975, 3, 3)],
        ESTIMATED_AGE
    ));
}

#[test]
fn a_placeholder_is_explained_by_a_date_of_its_year_only_at_one_premises() {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    // Carl Walker's records at one flat: 1991-07-17 (a slip), 1992-07-17, and 1992-01-01 (the year only).
    let slip_and_birthday = [date(1991, 7, 17), date(1992, 7, 17)];
    let placeholder = [date(1992, 1, 1)];
    assert!(!dates_would_conflict(
        &slip_and_birthday,
        &placeholder,
        PLACEHOLDER_AT_PREMISES
    ));
    // Between addresses the same dates stay apart: namesakes born a year apart look just so.
    assert!(dates_would_conflict(
        &slip_and_birthday,
        &placeholder,
        PLAIN
    ));
    // The placeholder explains nothing in another year, and two real birthdays of one year are not bridged by a
    // 1 January: it holds no day for them to agree on.
    assert!(dates_would_conflict(
        &slip_and_birthday,
        &[date(1993, 1, 1)],
        PLACEHOLDER_AT_PREMISES
    ));
    assert!(dates_would_conflict(
        &[date(1992, 7, 17)],
        &[date(1992, 3, 5), date(1992, 1, 1)],
        PLACEHOLDER_AT_PREMISES
    ));
}

#[test]
fn clusters_are_transitive_and_named_by_smallest_id() {
    let ids: Vec<NominalId> = ["N3", "N1", "N2"]
        .iter()
        .map(|s| NominalId::new(s))
        .collect();
    let d = NaiveDate::from_ymd_opt(2008, 5, 3);
    let records = vec![
        Prepared::new("William", "Jones", d, "", "", ""),
        Prepared::new("Bill", "Jones", d, "", "", ""),
        Prepared::new("Sarah", "Khan", d, "", "", ""),
    ];
    let r = resolve(&ids, &records, DEFAULT_THRESHOLD);
    assert_eq!(r.persons.len(), 2);
    assert_eq!(r.persons.first().map(|p| p.id.as_str()), Some("P-N1"));
    assert_eq!(r.person_of.first(), r.person_of.get(1));
    assert_ne!(r.person_of.first(), r.person_of.get(2));
}

#[test]
fn neighbouring_keys_touch_across_the_staggered_rows_and_no_further() {
    // Same row; the two keys above a key; the key below it.
    for (x, y) in [
        (b'n', b'm'),
        (b'a', b'q'),
        (b'a', b'w'),
        (b'g', b'b'),
        (b'h', b'b'),
    ] {
        assert!(
            neighbouring_keys(x, y) && neighbouring_keys(y, x),
            "{x} {y}"
        );
    }
    for (x, y) in [
        (b'n', b'r'),
        (b'a', b'e'),
        (b'q', b'z'),
        (b'f', b'b'),
        (b'd', b'h'),
    ] {
        assert!(!neighbouring_keys(x, y), "{x} {y}");
    }
}

#[test]
fn a_record_without_a_suffix_never_joins_a_junior_to_a_senior() {
    let ids: Vec<NominalId> = ["N1", "N2", "N3"]
        .iter()
        .map(|s| NominalId::new(s))
        .collect();
    let d = NaiveDate::from_ymd_opt(1961, 5, 17);
    let site = "Plot 7, Willowholme Site";
    let records = vec![
        Prepared::new("Patrick", "Ward Snr", d, "", "CA2 5BU", site),
        Prepared::new("Patrick", "Ward", d, "", "CA2 5BU", site),
        Prepared::new("Patrick", "Ward Jnr", None, "", "CA2 5BU", site),
    ];
    // A threshold low enough that the plain record links to both: only the generations keep them apart.
    let r = resolve(&ids, &records, 0.01);
    assert_eq!(r.person_of.first(), r.person_of.get(1));
    assert_ne!(r.person_of.get(1), r.person_of.get(2));
    let held = r
        .reviews
        .iter()
        .find(|review| review.reason == ReviewReason::HeldApart(GENERATION_CONFLICT));
    assert!(
        held.is_some(),
        "the junior's link is held apart for its generation"
    );
}

/// A file of `unique` records whose names no other record holds (the first `smiths` of them surnamed
/// Smith), then `extra` (forename, surname) records, indexed from `unique` on.
fn file_of(unique: usize, smiths: usize, extra: &[(&str, &str)]) -> Vec<Prepared> {
    let mut records: Vec<Prepared> = (0..unique)
        .map(|i| {
            let surname = if i < smiths {
                "smith".to_string()
            } else {
                format!("family{}", soundex_free(i + unique))
            };
            Prepared::new(
                &format!("given{}", soundex_free(i)),
                &surname,
                None,
                "",
                "",
                "",
            )
        })
        .collect();
    records.extend(
        extra
            .iter()
            .map(|(f, s)| Prepared::new(f, s, None, "", "", "")),
    );
    records
}

/// Records `a` and `b` of `records` compared under the priors, adjusted by the file's name frequencies.
fn weigh_in_file(records: &[Prepared], a: usize, b: usize) -> Comparison {
    let model = Model::prior();
    let mut comparison = compare(&model, &records[a], &records[b]);
    NameFrequencies::of(records).adjust(&model, a, b, &mut comparison);
    comparison
}

#[test]
fn name_frequencies_weigh_rare_names_up_and_common_ones_down() {
    // 20,000 records (enough to outweigh the smoothing): 2,000 Smiths, a surname held by two records,
    // everyone else unique.
    let records = file_of(
        20_000,
        2_000,
        &[("ada", "quintrell"), ("ada", "quintrell"), ("ada", "smith")],
    );
    let average = Model::prior().weight(Field::Surname, Level::Exact);
    let rare = weigh_in_file(&records, 20_000, 20_001);
    let common = weigh_in_file(&records, 20_002, 0);
    assert!(rare.weights[1] > average + 1.0, "{}", rare.explain());
    assert!(common.weights[1] < average - 1.0, "{}", common.explain());
    assert!(rare.name_frequency > 0.0 && common.name_frequency < 0.0);
    // The reported total is the sum of what the explanation lists.
    let listed: f64 = rare.weights.iter().sum::<f64>() + rare.common_name;
    assert!((rare.weight - listed).abs() < 1e-9);
}

#[test]
fn a_swapped_full_name_weighs_by_how_often_it_is_held_the_other_way_round() {
    // 20,000 unique names, one rare name recorded both ways round once, and a common pair of names
    // ("thomas james" 300 times, "james thomas" 300 times) that strangers often hold crosswise.
    let mut extra = vec![("ada", "quintrell"), ("quintrell", "ada")];
    for _ in 0..300 {
        extra.extend([("thomas", "james"), ("james", "thomas")]);
    }
    let records = file_of(20_000, 0, &extra);
    let weigh_pair = |a: usize, b: usize| weigh_in_file(&records, a, b);
    let rare = weigh_pair(20_000, 20_001);
    let common = weigh_pair(20_002, 20_003);
    assert!(rare.swapped_names && common.swapped_names);
    assert!(rare.crosswise_name > 1.0, "{}", rare.explain());
    assert!(common.crosswise_name < -1.0, "{}", common.explain());
    // Symmetric: the weight does not depend on which record comes first.
    assert!((weigh_pair(20_001, 20_000).weight - rare.weight).abs() < 1e-9);
    assert!((weigh_pair(20_003, 20_002).weight - common.weight).abs() < 1e-9);
    // The total is what the explanation lists.
    let listed = rare.weights.iter().sum::<f64>() + SWAP_PENALTY + rare.crosswise_name;
    assert!((rare.weight - listed).abs() < 1e-9, "{}", rare.explain());
    assert!(
        rare.explain().contains("rare the other way round"),
        "{}",
        rare.explain()
    );
}

#[test]
fn a_familiar_form_of_a_common_full_name_weighs_no_more_than_the_name_itself() {
    // 2,000 records with names no other holds, ten "John Smith"s and one "Jon Smith".
    let mut extra = vec![("john", "smith"); 10];
    extra.push(("jon", "smith"));
    let records = file_of(2_000, 0, &extra);
    let exact = weigh_in_file(&records, 2_000, 2_001);
    let familiar = weigh_in_file(&records, 2_010, 2_000);
    assert!(exact.common_name < 0.0, "{}", exact.explain());
    assert!(familiar.common_name < 0.0, "{}", familiar.explain());
    assert!(
        familiar.weight <= exact.weight + 1e-9,
        "{} against {}",
        familiar.explain(),
        exact.explain()
    );
}

#[test]
fn weights_are_held_in_field_order() {
    for (i, field) in Field::ALL.iter().enumerate() {
        assert_eq!(*field as usize, i, "{field:?}");
    }
}

#[test]
fn names_sound_alike_by_double_metaphone_not_soundex() {
    let alike = |a: &str, b: &str| Spoken::of(a).alike(&Spoken::of(b));
    for (a, b) in [
        ("reece", "rhys"),
        ("lewis", "louis"),
        ("stewart", "stuart"),
        ("sofie", "sophie"),
        ("geoffrey", "jeffrey"),
        ("aisha", "ayesha"),
    ] {
        assert!(alike(a, b), "{a} {b}");
    }
    // Soundex gives each pair one code (L500, J500, A500, C450).
    for (a, b) in [
        ("liam", "leon"),
        ("jamie", "john"),
        ("amy", "anna"),
        ("callum", "colin"),
    ] {
        assert_eq!(soundex(a), soundex(b));
        assert!(!alike(a, b), "{a} {b}");
    }
    // Letters outside ASCII, which the encoder would slice through, are spelt out or dropped.
    assert!(alike("łukasz", "lukasz"));
    for odd in [
        "",
        "-",
        " ",
        "x",
        "ß",
        "ñ",
        "мария",
        "محمد",
        "o'",
        "a-b c",
        "çç",
        "łł",
    ] {
        let _ = Spoken::of(odd);
    }
    assert!(
        !alike("мария", "محمد"),
        "names with no ASCII letters are never alike"
    );
}

#[test]
fn names_in_somali_spelling_sound_as_english_records_write_them() {
    let alike = |a: &str, b: &str| Spoken::of(a).alike(&Spoken::of(b));
    for (a, b) in [
        ("faarax", "farah"),
        ("xodan", "hodan"),
        ("cali", "ali"),
        ("jaamac", "jama"),
        ("xirsi", "hirsi"),
        ("cabdiraxmaan", "abdirahman"),
        ("ismaaciil", "ismail"),
        ("guuleed", "guled"),
        ("xasan", "xassan"),
    ] {
        assert!(alike(a, b), "{a} {b}");
    }
    // English names with a c or an x, and Albanian xh, are read as written.
    for (a, b) in [
        ("cian", "ian"),
        ("carl", "earl"),
        ("isaac", "isa"),
        ("cox", "oh"),
        ("alex", "aleh"),
        ("xhoni", "honi"),
    ] {
        assert!(!alike(a, b), "{a} {b}");
    }
    // Read as Hasan, Xasan still is not his brother Hussein, with or without their father's name.
    for (a, b) in [("xasan", "hussein"), ("xasan abdy", "hussain abdi")] {
        assert_eq!(
            compare_forename(a, b, &Spoken::of(a), &Spoken::of(b)),
            Level::Different,
            "{a} {b}"
        );
    }
    for english in [
        "cian", "carl", "isaac", "reece", "cox", "alex", "max", "xhoni", "isaacs",
    ] {
        assert_eq!(somali_reading(english), None, "{english}");
    }
    assert_eq!(
        somali_reading("maxamed cali").as_deref(),
        Some("mahamed ali")
    );
    assert_eq!(somali_reading("callum"), None);
}

#[test]
fn a_changed_surname_with_the_forename_and_a_real_birthday_is_left_to_the_probability() {
    let model = Model::prior();
    let record = |forename: &str, surname: &str, dob: (i32, u32, u32), postcode: &str| {
        let (y, m, d) = dob;
        Prepared::new(
            forename,
            surname,
            NaiveDate::from_ymd_opt(y, m, d),
            "",
            postcode,
            "",
        )
    };
    let married = compare(
        &model,
        &record("Caroline", "Connors", (1982, 11, 30), "SO40 3AB"),
        &record("Caroline", "Stokes", (1982, 11, 30), "SO50 7PW"),
    );
    assert_eq!(married.veto(), None, "{}", married.explain());
    // A marriage changes the surname and nothing else, so the disagreement counts for less here.
    let full = model.weight(Field::Surname, Level::Different);
    assert!(full < 0.0);
    assert!(
        (married.field_weight(Field::Surname) - full * NAME_CHANGE_SURNAME_SHARE).abs() < 1e-9,
        "{}",
        married.explain()
    );
    assert!(married.name_change > 0.0 && married.explain().contains("change of name"));
    // Her birthday keyed with day and month swapped, as anyone's may be: still left to the probability.
    let slipped = compare(
        &model,
        &record("Niamh", "Brennan", (1987, 2, 8), "L20 8DZ"),
        &record("Niamh", "Gallagher", (1987, 8, 2), "CH41 1JP"),
    );
    assert_eq!(slipped.veto(), None, "{}", slipped.explain());
    assert!(slipped.name_change > 0.0, "{}", slipped.explain());
    // On a 1 January, which may be a placeholder, the surnames still plainly disagree.
    let placeholder = compare(
        &model,
        &record("Caroline", "Connors", (1982, 1, 1), "SO40 3AB"),
        &record("Caroline", "Stokes", (1982, 1, 1), "SO50 7PW"),
    );
    assert_eq!(placeholder.veto(), Some("surnames plainly disagree"));
    assert_eq!(placeholder.name_change, 0.0);
    // A forename that only agrees as a familiar form is not enough at a new address.
    let familiar = compare(
        &model,
        &record("Caroline", "Connors", (1982, 11, 30), "SO40 3AB"),
        &record("Carrie", "Stokes", (1982, 11, 30), "SO50 7PW"),
    );
    assert_eq!(familiar.veto(), Some("surnames plainly disagree"));
    assert_eq!(familiar.name_change, 0.0);
}

#[test]
fn a_first_of_january_many_records_share_weighs_as_a_placeholder() {
    let new_year = NaiveDate::from_ymd_opt(1994, 1, 1);
    let with_dob = |records: &mut Vec<Prepared>, i: usize, dob: Option<NaiveDate>| {
        if let Some(r) = records.get_mut(i) {
            r.dob = dob;
        }
    };
    // 300 records; a pair of "Ada Quintrell" born 1 January 1994, and ten strangers born that day too.
    let mut records = file_of(300, 0, &[("ada", "quintrell"), ("ada", "quintrell")]);
    for i in [300, 301].into_iter().chain(0..10) {
        with_dob(&mut records, i, new_year);
    }
    let shared = weigh_in_file(&records, 300, 301);
    assert!(shared.placeholder_dob < 0.0, "{}", shared.explain());
    assert_eq!(shared.placeholder_dob_others, 10);
    assert!(shared.explain().contains("placeholder"));
    // The same pair alone on that date: their own two records do not make it common.
    for i in 0..10 {
        with_dob(&mut records, i, None);
    }
    let alone = weigh_in_file(&records, 300, 301);
    assert_eq!(alone.placeholder_dob, 0.0, "{}", alone.explain());
    assert!(shared.weight < alone.weight);
    // Any other shared date is weighed as the model has it.
    let midsummer = NaiveDate::from_ymd_opt(1994, 6, 21);
    for i in [300, 301].into_iter().chain(0..10) {
        with_dob(&mut records, i, midsummer);
    }
    assert_eq!(weigh_in_file(&records, 300, 301).placeholder_dob, 0.0);
}

#[test]
fn names_that_only_sound_alike_are_counted_apart() {
    // A family's ten "Jamie Holhill"s do not make the two "John Holhill"s a common name, though Jamie and
    // John share a Soundex code; a "Johnny Holhill" is counted with the Johns, as a form of John.
    let mut extra = vec![("jamie", "holhill"); 10];
    extra.extend([("john", "holhill"), ("john", "holhill")]);
    let records = file_of(2_000, 0, &extra);
    let johns = weigh_in_file(&records, 2_010, 2_011);
    assert_eq!(johns.common_name, 0.0, "{}", johns.explain());
    let jamies = weigh_in_file(&records, 2_000, 2_001);
    assert!(jamies.common_name < 0.0, "{}", jamies.explain());
    let mut extra = vec![("johnny", "holhill"); 10];
    extra.extend([("john", "holhill"), ("john", "holhill")]);
    let records = file_of(2_000, 0, &extra);
    let johns = weigh_in_file(&records, 2_010, 2_011);
    assert!(johns.common_name < 0.0, "{}", johns.explain());
}

#[test]
fn the_allocation_free_edit_distances_agree_with_strsim() {
    let names = [
        "tom", "otm", "otn", "tim", "to", "tomm", "kyle", "kye", "ian", "ivan", "isn", "roy",
        "rpy", "abc", "acb", "bac", "ab", "abcd", "abdc", "xyz", "leah", "lean", "",
    ];
    for a in names {
        for b in names {
            let expected = a != b && strsim::osa_distance(a, b) == 1;
            assert_eq!(one_keystroke_apart(a, b), expected, "{a} {b}");
        }
    }
    let dates = [
        "19830102", "19380201", "19380205", "19830103", "19831020", "20011231", "19990101",
        "10000000", "01000000", "00000000", "19830120", "98310201",
    ];
    for a in dates {
        for b in dates {
            let (Ok(x), Ok(y)) = (
                <[u8; 8]>::try_from(a.as_bytes()),
                <[u8; 8]>::try_from(b.as_bytes()),
            ) else {
                panic!("eight digits");
            };
            assert_eq!(digit_slips(&x, &y), strsim::osa_distance(a, b), "{a} {b}");
        }
    }
}

#[test]
fn the_byte_jaro_winkler_agrees_with_strsim_to_the_bit() {
    use rand::{Rng, SeedableRng};
    let mut names: Vec<String> = [
        "",
        "a",
        "ab",
        "ba",
        "martha",
        "marhta",
        "dwayne",
        "duane",
        "dixon",
        "dicksonx",
        "jones",
        "johnson",
        "mohammed",
        "muhammad",
        "mohamed",
        "semere mesfin",
        "mary-jane",
        "łukasz",
        "lukasz",
        "zoë",
        "zoe",
        "aaaa",
        "aaab",
        "abab",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Past the 64 letters the byte version holds in a word, it hands over to strsim.
    names.push("ab".repeat(32));
    names.push("ab".repeat(33));
    names.push("ba".repeat(40));
    // Short random words over a small alphabet, so that letters repeat and transpose.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    for _ in 0..400 {
        let len = rng.gen_range(1..12);
        names.push(
            (0..len)
                .map(|_| char::from(b"abcdeny -"[rng.gen_range(0..9)]))
                .collect(),
        );
    }
    for a in &names {
        for b in &names {
            assert_eq!(
                jaro_winkler(a, b).to_bits(),
                strsim::jaro_winkler(a, b).to_bits(),
                "{a:?} {b:?}"
            );
        }
    }
}

#[test]
fn dates_are_compared_as_the_full_edit_distance_would() {
    use rand::{Rng, SeedableRng};
    // The plain reading of the levels below a day: one or two digits, and two slips measured in full.
    let plain = |a: NaiveDate, b: NaiveDate| {
        let (da, db) = (date_digits(a), date_digits(b));
        let differing: Vec<usize> = (0..8).filter(|&i| da.get(i) != db.get(i)).collect();
        match differing.as_slice() {
            [_] => Level::OneDigit,
            [i, j] if *j == i + 1 && da.get(*i) == db.get(*j) && da.get(*j) == db.get(*i) => {
                Level::Transposed
            }
            _ if a.month() == b.month()
                && a.day() == b.day()
                && (a.year() - b.year()).abs() >= GENERATION_YEARS =>
            {
                Level::Different
            }
            _ if (digit_slips(&da, &db) <= 2 || digit_slips(&da, &day_month_swapped(db)) <= 1)
                && !generation_apart(a.year(), b.year()) =>
            {
                Level::Near
            }
            _ => Level::Different,
        }
    };
    // Dates near one another, so that every level turns up.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let mut date = || {
        NaiveDate::from_ymd_opt(
            rng.gen_range(1979..1994),
            rng.gen_range(1..=12),
            rng.gen_range(1..=28),
        )
    };
    let mut near = 0;
    for _ in 0..200_000 {
        let (Some(a), Some(b)) = (date(), date()) else {
            continue;
        };
        let level = compare_dob_as_written(a, b);
        near += usize::from(level == Level::Near);
        if !matches!(level, Level::Exact | Level::DayMonthSwapped | Level::OneDay) {
            assert_eq!(level, plain(a, b), "{a} {b}");
        }
        let (da, db) = (date_digits(a), date_digits(b));
        assert!(slips_at_least(&da, &db) <= digit_slips(&da, &db), "{a} {b}");
        assert!(
            slips_at_least(&da, &db) <= digit_slips(&da, &day_month_swapped(db)),
            "{a} {b}"
        );
    }
    assert!(
        near > 1_000,
        "too few dates two slips apart to test: {near}"
    );
}

#[test]
fn double_metaphone_codes_fit_the_word_they_are_held_in() {
    let encoder = rphonetic::DoubleMetaphone::default();
    for name in [
        "cabdiraxmaan",
        "wolfeschlegelsteinhausenbergerdorff",
        "chukwuemeka",
        "xiaoxiaoxiao",
        "schwarzenegger",
        "mary-jane semere mesfin",
    ] {
        let codes = encoder.double_metaphone(name);
        for code in [codes.primary(), codes.alternate()] {
            assert!(code.len() <= 8, "{name}: {code}");
            assert!(code.bytes().all(|b| b != 0), "{name}: {code}");
        }
    }
    // Equal codes make equal words and unequal ones unequal, the empty code included.
    assert_eq!(Code::of("JTN"), Code::of("JTN"));
    assert_ne!(Code::of("JTN"), Code::of("ATN"));
    assert_ne!(Code::of("A"), Code::of("AA"));
    assert!(Code::of("").is_empty() && !Code::of("A").is_empty());
}

/// Letters only (names are normalised to letters), distinct for distinct `i`.
fn soundex_free(mut i: usize) -> String {
    let mut out = String::new();
    loop {
        out.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            return out;
        }
    }
}

#[test]
fn m_is_learnt_from_pnc_pairs_and_a_slip_never_outweighs_agreement() {
    use super::Level::*;
    // 2,000 PNC-linked pairs whose dates of birth are mostly one digit apart, 100 unlinked pairs that say
    // nothing about m.
    let linked = ([Close, Exact, OneDigit, Exact, Different], false);
    let unlinked = ([Exact, Exact, Exact, Missing, Exact], false);
    let compared: Vec<_> = std::iter::repeat_n(linked, 2_000)
        .chain(std::iter::repeat_n(unlinked, 100))
        .collect();
    let prior = Model::prior();
    let model = prior.train_m_on_pnc_pairs(&compared);
    assert_eq!(model.m_pairs, 2_000);
    let m = |model: &Model, f, l| Model::get(&model.m, f, l);
    assert!(
        m(&model, Field::Dob, OneDigit) > 0.7,
        "{}",
        m(&model, Field::Dob, OneDigit)
    );
    assert!(m(&model, Field::Dob, Exact) < m(&prior, Field::Dob, Exact));
    // The PNC id's own m is not learnt from the pairs it selects.
    assert_eq!(
        m(&model, Field::PncId, Exact),
        m(&prior, Field::PncId, Exact)
    );
    for field in Field::ALL {
        for level in Model::possible(field).filter(|l| !matches!(l, Exact | Different)) {
            assert!(model.weight(field, level) <= model.weight(field, Exact) + 1e-12);
        }
    }
    assert!(model.weight(Field::Forename, Close) < model.weight(Field::Forename, Exact) + 1e-12);
}

#[test]
fn a_forename_few_records_hold_is_a_likely_typo_in_a_large_file_only() {
    let pair = [
        Prepared::new(
            "xq",
            "beech",
            NaiveDate::from_ymd_opt(2000, 1, 14),
            "",
            "",
            "1 elm road",
        ),
        Prepared::new(
            "keith",
            "beech",
            NaiveDate::from_ymd_opt(2000, 1, 14),
            "",
            "",
            "1 elm road",
        ),
    ];
    let judge = |others: usize| {
        let mut records: Vec<Prepared> = (0..others)
            .map(|i| {
                Prepared::new(
                    if i % 2 == 0 { "keith" } else { "amy" },
                    "smith",
                    None,
                    "",
                    "",
                    "",
                )
            })
            .collect();
        records.extend(pair.iter().cloned());
        let model = Model::prior();
        let mut comparison = compare(&model, &pair[0], &pair[1]);
        assert_eq!(comparison.level(Field::Forename), Level::Different);
        NameFrequencies::of(&records).adjust(&model, others, others + 1, &mut comparison);
        comparison
    };
    let large = judge(12_000);
    assert!(large.forename_unestablished, "{}", large.explain());
    assert!(large.is_match(0.8, -20.0), "{}", large.explain());
    // Twins or a typo cannot be told apart in a small file: the veto stands.
    let small = judge(100);
    assert!(!small.forename_unestablished);
    assert!(!small.is_match(0.8, -20.0));
}

#[test]
fn pairwise_counts_count_pairs() {
    let c = pairwise_counts(&[0, 0, 0, 1], &[Some("a"), Some("a"), Some("b"), Some("b")]);
    assert_eq!(
        c,
        PairwiseCounts {
            predicted_pairs: 3,
            true_pairs: 2,
            correct_pairs: 1
        }
    );
}

/// Candidate pairs among records of unlike names, no dates and no postcodes, one per address: only the
/// address can make any two of them a candidate pair.
fn candidate_pairs_among_addresses(addresses: &[&str]) -> usize {
    let names = [("Liam", "Ptatt"), ("Kyle", "Osei"), ("Anna", "Nowak")];
    let ids: Vec<NominalId> = (1..=addresses.len())
        .map(|n| NominalId::new(&format!("N{n}")))
        .collect();
    let records: Vec<Prepared> = names
        .iter()
        .zip(addresses)
        .map(|((forename, surname), address)| {
            Prepared::new(forename, surname, None, "", "", address)
        })
        .collect();
    resolve(&ids, &records, DEFAULT_THRESHOLD)
        .stats
        .candidate_pairs
}

#[test]
fn one_premises_written_with_and_without_its_town_is_a_candidate_and_one_street_in_two_towns_is_not()
 {
    // The first with each of the others (a town added); not the second with the third (one street, two towns).
    let addresses = [
        "8 Carrfield Drive",
        "8 Carrfield Dr, Selby",
        "8 Carrfield Drive, Leeds",
    ];
    assert_eq!(candidate_pairs_among_addresses(&addresses), 2);
}

#[test]
fn a_premises_written_with_its_postcode_keeps_its_street_key() {
    // The postcode's parts carry digits ("yo8", "4qt"), so the house number is not simply the last word that
    // holds one: taken so, the third record would have no street key and no candidate pair at all. The first
    // pairs with each of the others; Leeds does not pair with Selby.
    let addresses = [
        "8 Carrfield Drive",
        "8 Carrfield Drive, Leeds",
        "8 Carrfield Drive, Selby, YO8 4QT",
    ];
    assert_eq!(candidate_pairs_among_addresses(&addresses), 2);
}
