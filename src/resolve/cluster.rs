//! Merges, the review queue and the guards that keep clustering from joining two people through a third record.

use chrono::{Datelike, NaiveDate};

use super::comparison::Comparison;
use super::dates::{
    DOB_CONFLICT, FORENAME_CONFLICT, GENERATION_CONFLICT, INITIAL_BRIDGE_CONFLICT, PNC_CONFLICT,
    SHORT_FORM_BRIDGE_CONFLICT, SINGH_KAUR_CONFLICT, dobs_conflict, estimated_beside_real,
    is_first_of_january, one_slip,
};
use super::model::{Field, Level};
use super::names::{compare_forename, compare_pnc, first_part, names_apart};
use super::prepare::{Generation, Prepared};
use super::sound::Spoken;

/// A linked pair of records with its evidence.
#[derive(Clone, Debug)]
pub struct Merge {
    pub a: usize,
    pub b: usize,
    pub comparison: Comparison,
}

/// A pair of records left apart, with why: the clerical-review queue of record linkage.
#[derive(Clone, Debug)]
pub struct Review {
    pub merge: Merge,
    pub reason: ReviewReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewReason {
    /// Scored below the threshold.
    BelowThreshold,
    /// A plain disagreement vetoed it (see [`Comparison::veto`]).
    Vetoed(&'static str),
    /// Linked, but joining the two persons would give one person dates of birth that conflict with no date
    /// between them (a record without a date of birth bridging a father and his son), two PNC ids, a junior and
    /// a senior, or twins' two forenames: the conflict ([`DOB_CONFLICT`], [`PNC_CONFLICT`],
    /// [`GENERATION_CONFLICT`] or [`FORENAME_CONFLICT`]).
    HeldApart(&'static str),
}

impl ReviewReason {
    pub fn explain(self) -> String {
        match self {
            ReviewReason::BelowThreshold => "match probability below the threshold".into(),
            ReviewReason::Vetoed(why) => format!("not merged: {why}"),
            ReviewReason::HeldApart(DOB_CONFLICT) => format!(
                "linked, but not joined: the two persons' {DOB_CONFLICT}, and no date between them explains both"
            ),
            ReviewReason::HeldApart(why) => {
                format!("linked, but not joined: the two persons' {why}")
            }
        }
    }
}

/// Pairs scoring at least this (or the threshold, if lower) that are not merged go to review.
pub const REVIEW_FLOOR: f64 = 0.3;

/// Whether joining two persons with these dates of birth would hold two dates that conflict, with no date among
/// them one slip from both (a duplicate mistyped one way and another mistyped another way are explained by the
/// date both came from).
///
/// With [`JoinLink::estimated_age`] (the link is one full name at one premises, see
/// [`Comparison::same_name_and_premises_estimated_age`]) a 1 January a year from a birthday does not conflict.
///
/// With [`JoinLink::placeholder_at_premises`] a 1 January is explained by a date of its year that is itself one
/// slip from the other date: a birthday known only by its year beside the birthday and a slip of it
/// (1992-01-01 beside 1992-07-17 and 1991-07-17, one man's records at one flat). Only at one premises: between
/// addresses this bridged namesakes born a year apart (Mohammed Khan, 1990 and 1991) as often as one person.
/// Two real birthdays are never explained by a 1 January between them: a placeholder holds no day to agree on.
///
/// A person may already hold dates that conflict: its PNC id joined them (a false date of birth given once, with
/// a false name, and later tied to the person by fingerprints). Each of those dates is then the person's own, so
/// a record whose every date is one of them, or a slip from one, joins it. Without this the alias's date would
/// keep the person's own later records apart.
pub(super) fn dates_would_conflict(a: &[NaiveDate], b: &[NaiveDate], link: JoinLink) -> bool {
    let unexplained = a.iter().any(|&x| {
        b.iter().any(|&y| {
            dobs_conflict(Some(x), Some(y))
                && !(link.estimated_age && estimated_beside_real(x, y))
                && !a
                    .iter()
                    .chain(b)
                    .any(|&z| explained_through(x, z, y, link.placeholder_at_premises))
        })
    });
    let holds_every_date_of = |held: &[NaiveDate], other: &[NaiveDate]| {
        holds_conflicting_dates(held) && other.iter().all(|&y| held.iter().any(|&x| one_slip(x, y)))
    };
    unexplained && !holds_every_date_of(a, b) && !holds_every_date_of(b, a)
}

/// Whether `z` explains both `x` and `y`: one slip from each, or (with `placeholders`) one slip from one and
/// the year of the other where that other is a 1 January (a placeholder for a birthday known only by its year).
fn explained_through(x: NaiveDate, z: NaiveDate, y: NaiveDate, placeholders: bool) -> bool {
    let year_of = |placeholder: NaiveDate, real: NaiveDate| {
        placeholders && is_first_of_january(placeholder) && placeholder.year() == real.year()
    };
    match (one_slip(x, z), one_slip(z, y)) {
        (true, true) => true,
        (true, false) => year_of(y, z),
        (false, true) => year_of(x, z),
        (false, false) => false,
    }
}

/// Whether one person's dates of birth already conflict, which only a PNC id can have joined.
fn holds_conflicting_dates(dates: &[NaiveDate]) -> bool {
    dates.iter().enumerate().any(|(i, &x)| {
        dates
            .iter()
            .skip(i + 1)
            .any(|&y| dobs_conflict(Some(x), Some(y)))
    })
}

/// What the pair that links two persons says about their join.
#[derive(Clone, Copy)]
pub(super) struct JoinLink {
    /// The link is only an initial against a forename: two plainly different forenames conflict even when each
    /// is written once, since the initial is the whole of the evidence that they are one name.
    pub(super) via_initial: bool,
    /// The link is a short form against a forename it opens ("Jas" and "Jasmeet"): a short form that opens two
    /// names given to siblings (Jaspreet and Jasmeet) is the whole of the evidence that they are one name.
    pub(super) via_short_form: bool,
    /// The link is one full name at one premises with an age estimated to the year beside a birthday: dates
    /// that differ only as such an estimate does (a 1 January a year from the other) do not conflict; any other
    /// conflict still holds the persons apart.
    pub(super) estimated_age: bool,
    /// The link is at one premises with dates of birth that agree on the year only, one of them a 1 January:
    /// a 1 January may be explained by any date of its year the persons hold (see [`dates_would_conflict`]).
    pub(super) placeholder_at_premises: bool,
}

impl JoinLink {
    pub(super) fn of(comparison: &Comparison, a: Option<&Prepared>, b: Option<&Prepared>) -> Self {
        let short_form = match (a, b) {
            (Some(a), Some(b)) => opens_as_short_form(&a.forename, &b.forename),
            _ => false,
        };
        JoinLink {
            via_initial: comparison.level(Field::Forename) == Level::Initial
                && !comparison.swapped_names,
            via_short_form: short_form && !comparison.swapped_names,
            estimated_age: comparison.same_name_and_premises_estimated_age(),
            placeholder_at_premises: comparison.level(Field::Dob) == Level::YearOnly
                && comparison.level(Field::Residence) == Level::Exact,
        }
    }
}

/// The dates of birth, PNC ids, generations, forenames and surnames a person's records hold, distinct (forenames
/// with how many records hold each): what a join must not contradict.
#[derive(Default)]
pub(super) struct Identifiers<'a> {
    pub(super) dobs: Vec<NaiveDate>,
    pub(super) pncs: Vec<&'a str>,
    pub(super) generations: Vec<Generation>,
    pub(super) forenames: Vec<(&'a str, u32)>,
    /// Surnames as written, so that a forename one record gives as a surname (a name written in the other order)
    /// is not taken for a second forename.
    pub(super) surnames: Vec<&'a str>,
    /// Whether the records hold Singh ([`SINGH`]) or Kaur ([`KAUR`]), as surname or a part of the forename. The
    /// pair already refuses Singh against Kaur as surnames; beside a family name each says nothing either way
    /// ("Jaswinder Kaur" and "Jaswinder Johal"), so a brother and sister of one family name and birthday may each
    /// join a record without it, and this holds the two persons apart when those joins would meet.
    pub(super) sikh_names: u8,
}

/// Bits of [`Identifiers::sikh_names`].
pub(super) const SINGH: u8 = 1;
pub(super) const KAUR: u8 = 2;

/// The Singh and Kaur bits for one record: its surname, or any part of its forename ("Jaswinder Singh").
fn sikh_names_of(record: &Prepared) -> u8 {
    let mut bits = 0;
    for name in std::iter::once(record.surname.as_str()).chain(record.forename.split([' ', '-'])) {
        bits |= match name {
            "singh" => SINGH,
            "kaur" => KAUR,
            _ => 0,
        };
    }
    bits
}

impl<'a> Identifiers<'a> {
    pub(super) fn of(record: &'a Prepared) -> Self {
        Self {
            dobs: record.dob.into_iter().collect(),
            pncs: Some(record.pnc.as_str())
                .filter(|p| !p.is_empty())
                .into_iter()
                .collect(),
            generations: record.generation.into_iter().collect(),
            forenames: Some(record.forename.as_str())
                .filter(|f| !f.is_empty())
                .map(|f| (f, 1))
                .into_iter()
                .collect(),
            surnames: Some(record.surname.as_str())
                .filter(|s| !s.is_empty())
                .into_iter()
                .collect(),
            sikh_names: sikh_names_of(record),
        }
    }

    /// Why joining these two persons would make one person of two, if it would: dates of birth that conflict
    /// (see [`dates_would_conflict`]), two PNC ids that are not one mistyped as the other, a junior and a
    /// senior, or two forenames that are not one name, each recorded more than once (see [`twin_forenames`]).
    /// What the linking pair was (see [`JoinLink`]) changes what conflicts.
    pub(super) fn conflict(&self, other: &Self, link: JoinLink) -> Option<&'static str> {
        if dates_would_conflict(&self.dobs, &other.dobs, link) {
            return Some(DOB_CONFLICT);
        }
        // The pair vetoes a junior against a senior; this holds a person whose records link to each through a
        // third record without a suffix (Patrick Ward to Paddy Ward Jnr and to Pat Ward Snr).
        let generations_conflict = self
            .generations
            .iter()
            .any(|x| other.generations.iter().any(|y| x != y));
        if generations_conflict {
            return Some(GENERATION_CONFLICT);
        }
        let ids_conflict = self.pncs.iter().any(|x| {
            other
                .pncs
                .iter()
                .any(|y| compare_pnc(x, y) == Level::Different)
        });
        if ids_conflict {
            return Some(PNC_CONFLICT);
        }
        if twin_forenames(&self.forenames, &other.forenames) {
            return Some(FORENAME_CONFLICT);
        }
        // Only where each side holds one of the two: a person already holding both (joined by a PNC id, or a
        // record that gives both) says nothing of which is the slip.
        let one_of_the_two = |bits: u8| bits == SINGH || bits == KAUR;
        if one_of_the_two(self.sikh_names)
            && one_of_the_two(other.sikh_names)
            && self.sikh_names != other.sikh_names
        {
            return Some(SINGH_KAUR_CONFLICT);
        }
        let surnames = || self.surnames.iter().chain(&other.surnames);
        let forenames = |names: &[(&'a str, u32)]| -> Vec<(&'a str, u32)> {
            names
                .iter()
                .filter(|(n, _)| !surnames().any(|s| s == n))
                .copied()
                .collect()
        };
        let (own, others) = (forenames(&self.forenames), forenames(&other.forenames));
        if link.via_initial && plainly_different_forenames(&own, &others) {
            return Some(INITIAL_BRIDGE_CONFLICT);
        }
        (link.via_short_form && siblings_forenames(&own, &others))
            .then_some(SHORT_FORM_BRIDGE_CONFLICT)
    }

    pub(super) fn joined(mut self, other: Self) -> Self {
        self.sikh_names |= other.sikh_names;
        self.generations.extend(other.generations);
        self.generations.dedup();
        self.dobs.extend(other.dobs);
        self.dobs.sort_unstable();
        self.dobs.dedup();
        self.pncs.extend(other.pncs);
        self.pncs.sort_unstable();
        self.pncs.dedup();
        self.surnames.extend(other.surnames);
        self.surnames.sort_unstable();
        self.surnames.dedup();
        for (name, count) in other.forenames {
            match self.forenames.iter_mut().find(|(n, _)| *n == name) {
                Some((_, held)) => *held += count,
                None => self.forenames.push((name, count)),
            }
        }
        self
    }
}

/// Whether two persons look like twins with like names rather than one person: each holds a forename on at
/// least two of its records that the other holds on none, and the two forenames are not one name (not equal, not
/// a familiar form, not one with a middle name the other lacks). A slip in a forename is made once, by one
/// keyboard; a second record with the same spelling is a second sighting of that name. Twins share surname,
/// birthday and address, and parents give them names that sound alike, so a spelling level alone links them.
fn twin_forenames(a: &[(&str, u32)], b: &[(&str, u32)]) -> bool {
    fn established<'n>(names: &[(&'n str, u32)], other: &[(&str, u32)]) -> Vec<&'n str> {
        names
            .iter()
            .filter(|(n, count)| *count >= 2 && !other.iter().any(|(o, _)| o == n))
            .map(|(n, _)| *n)
            .collect()
    }
    let (own_a, own_b) = (established(a, b), established(b, a));
    own_a.iter().any(|x| {
        own_b.iter().any(|y| {
            let multi_part = x.contains([' ', '-']) || y.contains([' ', '-']);
            !multi_part
                && !one_name_spelt_two_ways(x, y)
                && matches!(
                    compare_forename(x, y, &Spoken::of(x), &Spoken::of(y)),
                    Level::Close | Level::Similar | Level::SoundsAlike | Level::Different
                )
        })
    })
}

/// Whether each person holds a full single forename, absent from the other, that compares as plainly different
/// from one of the other's (not a slip, a spelling, a sound or a familiar form of it): Ryan and Ross, Ryan and
/// Rhys. Asked only of a join whose link is an initial, where nothing but the initial says the two are one.
fn plainly_different_forenames(a: &[(&str, u32)], b: &[(&str, u32)]) -> bool {
    let (own_a, own_b) = (own_single_forenames(a, b, 2), own_single_forenames(b, a, 2));
    own_a.iter().any(|x| {
        own_b
            .iter()
            .any(|y| compare_forename(x, y, &Spoken::of(x), &Spoken::of(y)) == Level::Different)
    })
}

/// Whether each person holds a full single forename, absent from the other, that is a name given to a sibling
/// of the other's ([`names_apart`]: Jaspreet and Jasmeet, Daniel and Daniela, Bhavik and Bhavin). Asked only of
/// a join whose link is a short form opening both, where nothing but the short form says the two are one.
fn siblings_forenames(a: &[(&str, u32)], b: &[(&str, u32)]) -> bool {
    let (own_a, own_b) = (own_single_forenames(a, b, 4), own_single_forenames(b, a, 4));
    own_a
        .iter()
        .any(|x| own_b.iter().any(|y| names_apart(x, y)))
}

/// A person's single-part forenames longer than `longer_than` letters that the other person never holds: the
/// names a join through an initial or a short form would make one.
fn own_single_forenames<'n>(
    names: &[(&'n str, u32)],
    other: &[(&str, u32)],
    longer_than: usize,
) -> Vec<&'n str> {
    names
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| n.chars().count() > longer_than && !n.contains([' ', '-']))
        .filter(|n| !other.iter().any(|(o, _)| o == n))
        .collect()
}

/// Whether one forename's first part is a short form that opens the other's first part, two to four letters
/// against a longer name: "Jas" (of "Jas Kaur") and "Jasmeet", "Mo" and "Mohammed".
pub(super) fn opens_as_short_form(a: &str, b: &str) -> bool {
    let (a, b) = (first_part(a), first_part(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    (2..=4).contains(&short.len()) && long.len() > short.len() + 1 && long.starts_with(short)
}

/// Whether two names are one name spelt two ways, however often each spelling recurs: they differ only in
/// letters written once or doubled (Ayan and Ayaan, Faduma and Faaduma, as Somali writes a long vowel twice;
/// Philip and Phillip), or in a b written for a v (Pabitra and Pavitra, Bikash and Vikash: Bengali and Nepali
/// write one letter that English spelling renders either way). Parents of twins do not tell them apart so.
fn one_name_spelt_two_ways(a: &str, b: &str) -> bool {
    fn spelling(name: &str) -> impl Iterator<Item = char> + '_ {
        let mut previous = None;
        name.chars()
            .map(|c| if c == 'v' { 'b' } else { c })
            .filter(move |&c| {
                let repeat = previous == Some(c);
                previous = Some(c);
                !repeat
            })
    }
    a != b && spelling(a).eq(spelling(b))
}
