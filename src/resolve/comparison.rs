//! One pair compared: every field's level, the total weight and how it reads, with names weighed by their
//! frequency in the file.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::dates::{DOB_CONFLICT, PNC_CONFLICT, compare_dob, is_first_of_january};
use super::model::{FIELDS, Field, Level, Model, prior_weight};
use super::names::{
    after_first_part, compare_forename, compare_pnc, compare_surname, distinct_names, first_part,
    jaro_winkler, note_surnames_and_birthday,
};
use super::prepare::{Prepared, same_premises};
use super::sound::Spoken;
use super::{nicknames, probability};

/// The levels of every field for one pair, the total weight and whether the names were swapped.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub levels: [(Field, Level); FIELDS],
    /// The weight each level contributed under the model used.
    pub weights: [f64; FIELDS],
    /// Bits taken off because the full name is common in this file (0 or negative).
    pub common_name: f64,
    /// Bits added (or taken off) because a swapped full name is rare (or common) crosswise in this file.
    pub crosswise_name: f64,
    /// One of two disagreeing forenames is held by fewer than [`ESTABLISHED_NAME`] records of a large file: more
    /// likely a mangled entry than a sibling's name, so the disagreement weighs against the pair but does not
    /// veto it.
    pub forename_unestablished: bool,
    /// Both records have a surname, one of them Singh, Kaur, Begum, Bibi or Khatun and the other a family name:
    /// the surname is no evidence either way (see `NOT_FAMILY_NAMES` in `names.rs`).
    pub surname_not_family_name: bool,
    /// One surname is Singh and the other Kaur: two names, the one Sikh men take and the one Sikh women take, and
    /// a Kaur keeps Kaur when she marries, so the disagreement is never a change of name.
    pub singh_and_kaur: bool,
    /// Bits the names' own frequencies in this file added to (or took from) the average exact-name weights;
    /// already inside `weights`.
    pub name_frequency: f64,
    /// Bits taken off an exact date of birth on 1 January that other records of this file share (0 or
    /// negative): see [`NameFrequencies::adjust`].
    pub placeholder_dob: f64,
    /// How many other records of the file hold that 1 January date.
    pub placeholder_dob_others: u32,
    /// The dates of birth agree on a 1 January, which may be a placeholder for a birthday not known.
    pub first_of_january_dob: bool,
    /// The dates of birth disagree, but one is a 1 January in the year before or after the other's: an age
    /// estimated to the year beside the birthday itself (see [`Comparison::veto`]).
    pub estimated_beside_real_dob: bool,
    /// Bits given back to a surname disagreement because the forename agrees as written and the birthday agrees
    /// or is one slip out (0 or positive): see [`NAME_CHANGE_SURNAME_SHARE`](super::names::NAME_CHANGE_SURNAME_SHARE).
    pub name_change: f64,
    pub swapped_names: bool,
    pub weight: f64,
}

impl Comparison {
    /// The weight `field` contributes (its slot in `weights`, in `Field::ALL` order).
    pub fn field_weight(&self, field: Field) -> f64 {
        self.weights.get(field as usize).copied().unwrap_or(0.0)
    }

    /// Replaces `field`'s weight with `bits` (a frequency adjustment), keeping the total in step; returns the
    /// change.
    pub(super) fn reweigh(&mut self, field: Field, bits: f64) -> f64 {
        let Some(weight) = self.weights.get_mut(field as usize) else {
            return 0.0;
        };
        let change = bits - *weight;
        *weight = bits;
        self.weight += change;
        change
    }

    pub fn level(&self, field: Field) -> Level {
        self.levels
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(Level::Missing, |(_, l)| *l)
    }

    /// The probability that the pair is one person, given the prior log2 odds that two records of this file
    /// drawn at random are one person.
    pub fn probability(&self, prior_log2_odds: f64) -> f64 {
        probability(self.weight, prior_log2_odds)
    }

    /// Why the pair cannot be one person whatever its weight, if it cannot: a plain disagreement on a name, the
    /// date of birth or the PNC id. Fellegi-Sunter takes the fields for independent, and within a family they
    /// are not: twins share surname, birthday and address; a father and son may share every name and the
    /// address. So a plain disagreement is a veto, not a deduction. A pair whose PNC ids agree is never vetoed.
    pub fn veto(&self) -> Option<&'static str> {
        if self.level(Field::PncId) == Level::Exact {
            return None;
        }
        if self.level(Field::Forename) == Level::Different && !self.forename_unestablished {
            return Some(
                "forenames plainly disagree (twins and siblings share surname, birthday and address)",
            );
        }
        // A changed surname with every other identifier agreeing is a marriage, a change of name, or a Somali or
        // Arabic record that names the person by the father's or grandfather's name: not a relative, since
        // relatives differ in forename or date of birth. The forename may be spelt two ways and the date be one
        // slip apart (a day, two digits, day and month), as any other identifier may.
        let name_changed = matches!(
            self.level(Field::Forename),
            Level::Exact | Level::Nickname | Level::Close
        ) && self.birthday_within_one_slip()
            && (matches!(self.level(Field::Residence), Level::Exact | Level::Close)
                || self.same_forename_and_real_birthday());
        if self.level(Field::Surname) == Level::Different && (!name_changed || self.singh_and_kaur)
        {
            return Some("surnames plainly disagree");
        }
        // More than two slips of the keyboard apart: see `dobs_conflict`.
        // Not where one date is a 1 January a year from the other and the forename, surname (in either order)
        // and premises all agree exactly: a family names no two of its members alike, so the same full name of
        // the same age at one address is one person, recorded once with a birthday and once with an age
        // estimated to the year (Shannon Bexon of flat 8B, born 19 September 1990 and "1 January 1991"). The
        // weight still counts the dates against the pair.
        if self.level(Field::Dob) == Level::Different
            && !self.same_name_and_premises_estimated_age()
        {
            return Some(DOB_CONFLICT);
        }
        if self.level(Field::PncId) == Level::Different {
            return Some(PNC_CONFLICT);
        }
        None
    }

    /// The same forename as written and the same date of birth or one slip from it (a day out, two digits
    /// transposed, day and month swapped), not a 1 January placeholder: a woman's married surname (or any
    /// changed surname) at a new address, her birthday keyed as carelessly as anyone's. Whether that is enough is
    /// then the match probability's to say: the prior odds scale with the file, so in a small file the pair joins
    /// and in a large one, where strangers share a forename and a birthday, it does not.
    pub(super) fn same_forename_and_real_birthday(&self) -> bool {
        self.level(Field::Forename) == Level::Exact
            && self.birthday_within_one_slip()
            && !self.first_of_january_dob
    }

    /// One date of birth is a 1 January a year from the other, and the forename, surname (in either order) and
    /// premises agree exactly: the dates are no veto, for the pair or for the join it makes (see
    /// [`Comparison::veto`]).
    pub(super) fn same_name_and_premises_estimated_age(&self) -> bool {
        self.estimated_beside_real_dob
            && self.level(Field::Forename) == Level::Exact
            && self.level(Field::Surname) == Level::Exact
            && self.level(Field::Residence) == Level::Exact
    }

    /// The dates of birth agree or are one slip apart: a day out, two digits transposed, day and month swapped.
    fn birthday_within_one_slip(&self) -> bool {
        matches!(
            self.level(Field::Dob),
            Level::Exact | Level::OneDay | Level::Transposed | Level::DayMonthSwapped
        )
    }

    /// Whether the pair is one person: probability at least `threshold` and no veto, or the PNC ids agree.
    pub fn is_match(&self, threshold: f64, prior_log2_odds: f64) -> bool {
        if self.level(Field::PncId) == Level::Exact {
            return true;
        }
        self.probability(prior_log2_odds) >= threshold && self.veto().is_none()
    }

    /// "forename nickname (+5.3), surname exact (+8.1), dob transposed (+7.2) = 20.6 bits"
    pub fn explain(&self) -> String {
        let mut parts: Vec<String> = self
            .levels
            .iter()
            .zip(&self.weights)
            .filter(|((_, l), _)| *l != Level::Missing)
            .map(|((f, l), w)| format!("{} {} ({w:+.1})", f.as_str(), l.as_str()))
            .collect();
        if self.swapped_names {
            parts.push(format!("names swapped ({SWAP_PENALTY:+.1})"));
        }
        if self.common_name < 0.0 {
            parts.push(format!("common full name ({:+.1})", self.common_name));
        }
        if self.crosswise_name.abs() >= 0.05 {
            parts.push(format!(
                "full name {} the other way round in this file ({:+.1})",
                rare_or_common(self.crosswise_name),
                self.crosswise_name
            ));
        }
        if self.surname_not_family_name {
            parts.push(
                "surnames differ but one is Singh, Kaur, Begum, Bibi or Khatun, often used beside a family name (no evidence either way)"
                    .to_string(),
            );
        }
        if self.forename_unestablished {
            parts.push(format!(
                "a forename held by fewer than {ESTABLISHED_NAME} records (likely mistyped, so no veto)"
            ));
        }
        if self.placeholder_dob < 0.0 {
            parts.push(format!(
                "dob is a 1 January that {} other records of this file hold, often a placeholder for an unknown birthday ({:+.1})",
                self.placeholder_dob_others, self.placeholder_dob
            ));
        }
        if self.same_name_and_premises_estimated_age() {
            parts.push(
                "one dob is a 1 January a year from the other, an age estimated to the year, and the full name and premises agree (no veto)"
                    .to_string(),
            );
        }
        if self.name_change > 0.0 {
            parts.push(format!(
                "the surname weight above includes {:+.1} because the forename agrees as written and the birthday agrees or is one slip out, as after a marriage or a change of name",
                self.name_change
            ));
        }
        if self.name_frequency.abs() >= 0.05 {
            parts.push(format!(
                "the name weights above include {:+.1} because the names are {} in this file",
                self.name_frequency,
                rare_or_common(self.name_frequency)
            ));
        }
        format!("{} = {:.1} bits", parts.join(", "), self.weight)
    }
}

/// How a frequency adjustment of `bits` reads: a name rarer than average adds weight, a commoner one takes it.
fn rare_or_common(bits: f64) -> &'static str {
    if bits > 0.0 { "rare" } else { "common" }
}

/// Swapped forename and surname are a common recording error, but slightly weaker evidence than names in place.
pub(super) const SWAP_PENALTY: f64 = -1.0;

/// The levels of a pair only, for training: (levels in `Field::ALL` order, names swapped).
pub fn compare_levels(a: &Prepared, b: &Prepared) -> ([Level; FIELDS], bool) {
    levels_given_names(a, b, a.names(), b.names())
}

/// A record's two names and how each is spoken: what the name comparisons read, taken from the record or from
/// a [`NameTable`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Names<'a> {
    pub(super) forename: &'a str,
    pub(super) forename_spoken: Spoken,
    pub(super) surname: &'a str,
    pub(super) surname_spoken: Spoken,
}

/// A file's names, each distinct forename or surname held once. Matching compares names for millions of
/// candidate pairs, whose records lie all over memory; their names, a few tens of thousands, stay in cache.
pub(super) struct NameTable<'a> {
    /// Each record's forename and surname as ids of `names`.
    ids: Vec<[u32; 2]>,
    /// Each distinct name and how it is spoken.
    names: Vec<(&'a str, Spoken)>,
}

impl<'a> NameTable<'a> {
    pub(super) fn of(records: &'a [Prepared]) -> Self {
        let mut table: FxHashMap<&str, u32> = FxHashMap::default();
        let mut names = Vec::new();
        let ids = records
            .iter()
            .map(|record| {
                let mut id_of = |name: &'a str, spoken: Spoken| {
                    let next = names.len() as u32;
                    let id = *table.entry(name).or_insert(next);
                    if id == next {
                        names.push((name, spoken));
                    }
                    id
                };
                [
                    id_of(&record.forename, record.forename_spoken),
                    id_of(&record.surname, record.surname_spoken),
                ]
            })
            .collect();
        Self { ids, names }
    }

    /// Record `i`'s names, as [`Prepared::names`] gives them.
    pub(super) fn names(&self, i: usize) -> Option<Names<'a>> {
        let [forename, surname] = *self.ids.get(i)?;
        let (forename, forename_spoken) = *self.names.get(forename as usize)?;
        let (surname, surname_spoken) = *self.names.get(surname as usize)?;
        Some(Names {
            forename,
            forename_spoken,
            surname,
            surname_spoken,
        })
    }
}

/// [`compare_levels`] of records `a` and `b`, whose names are `x` and `y`.
pub(super) fn levels_given_names(
    a: &Prepared,
    b: &Prepared,
    x: Names<'_>,
    y: Names<'_>,
) -> ([Level; FIELDS], bool) {
    let straight = (
        compare_forename(
            x.forename,
            y.forename,
            &x.forename_spoken,
            &y.forename_spoken,
        ),
        compare_surname(x.surname, y.surname, &x.surname_spoken, &y.surname_spoken),
    );
    // Names in place that agree exactly cannot be beaten crosswise: skip the swapped comparison. A swap needs
    // both crosswise names alike, so the cheaper surname comparison goes first and most pairs, whose crosswise
    // surnames differ, never pay for the forename's.
    let swapped = if straight == (Level::Exact, Level::Exact) {
        (Level::Different, Level::Different)
    } else {
        // A forename of several parts read crosswise is read by its first part, as a forename: "Jones" / "Marc"
        // against "Mark Lee" / "Jones", whose middle name the other record never held; but not "Limbu" / "Gita"
        // against "Sita Kumari" / "Limbu", twins, nor a name only alike in its letters.
        // A whole forename only alike to the surname is read by its first part too: "Singh" / "Harjeet" is
        // not "Harpreet Singh", his twin, though "harjeet" and "harpreet singh" are alike in their letters.
        let crosswise =
            match compare_surname(x.surname, y.forename, &x.surname_spoken, &y.forename_spoken) {
                Level::Different | Level::Similar if y.forename.contains(' ') => {
                    let first = first_part(y.forename);
                    match compare_forename(x.surname, first, &x.surname_spoken, &Spoken::of(first))
                    {
                        Level::Similar | Level::Initial => Level::Different,
                        level => level,
                    }
                }
                level => level,
            };
        // The crosswise names are a given name in one record and, if the names were swapped, the same given name
        // in the other: the names listed as two names alike (Hasan and Husayn) stay apart read crosswise too
        // ("Hassan" / "Warsame" and "Warsame" / "Hussein" are twins, not one man with his names swapped). Only
        // the listed ones: holding names one consonant apart crosswise as well lost 18 true pairs in the
        // synthetic force file, whose typos make such names, for none gained.
        let crosswise = match crosswise {
            Level::Different | Level::Missing | Level::Exact => crosswise,
            _ if distinct_names(x.surname, first_part(y.forename)) => Level::Different,
            level => level,
        };
        match crosswise {
            // A given name in its familiar form on one record and swapped into the surname field on the other
            // ("Purcell" / "Patrick" against "Paddy" / "Purcell", one date of birth, one address): the
            // crosswise given names are compared as forenames are, with the familiar forms a surname comparison
            // does not know, and the family names as surnames. Only a familiar form: the tables are curated,
            // where a likeness of letters is not. The family names go first, as above: a swap needs them alike,
            // and most pairs, whose crosswise family names differ, never pay for the forename comparison.
            Level::Different => {
                let family =
                    compare_surname(x.forename, y.surname, &x.forename_spoken, &y.surname_spoken);
                let familiar = || {
                    compare_forename(x.surname, y.forename, &x.surname_spoken, &y.forename_spoken)
                        == Level::Nickname
                };
                if family != Level::Different && familiar() {
                    (Level::Nickname, family)
                } else {
                    (Level::Different, Level::Different)
                }
            }
            surname => (
                compare_forename(x.forename, y.surname, &x.forename_spoken, &y.surname_spoken),
                surname,
            ),
        }
    };
    let name_weight =
        |(f, s): (Level, Level)| prior_weight(Field::Forename, f) + prior_weight(Field::Surname, s);
    // A swap is read only where a name agrees crosswise: not where both crosswise names say nothing (Singh
    // or Kaur alone against a family name).
    let use_swap = name_weight(swapped) + SWAP_PENALTY > name_weight(straight)
        && swapped.0 != Level::Different
        && swapped.1 != Level::Different
        && swapped != (Level::Missing, Level::Missing);
    let (forename, mut surname) = if use_swap { swapped } else { straight };
    // A name recorded as given name, father's name and grandfather's name (Eritrean, Ethiopian, Somali, Kurdish
    // and Arabic naming) is written down in the forms a system's two fields allow: "Semere" / "Mesfin" in one
    // record, "Semere Mesfin" / "Kidane" in another. The father's name is then one record's surname and the
    // other's second forename, and the surnames are no evidence against the pair.
    if !use_swap
        && surname > Level::Close
        && (surname_is_later_forename(&x, &y) || surname_is_later_forename(&y, &x))
    {
        surname = Level::Close;
    }
    // A junior and a senior of one name are a son and his father, whatever else agrees: their surnames plainly
    // disagree, which vetoes the pair.
    let surname = match (a.generation, b.generation) {
        (Some(x), Some(y)) if x != y => Level::Different,
        _ => surname,
    };
    (
        [
            forename,
            surname,
            compare_dob(a.dob, b.dob),
            compare_pnc(&a.pnc, &b.pnc),
            compare_residence(a, b),
        ],
        use_swap,
    )
}

/// Whether `other`'s surname is a later part of `with_parts`' forename ("mesfin" of "semere mesfin"), as written
/// or with a spelling slip (Jaro-Winkler at least 0.92, in parts of four letters or more).
fn surname_is_later_forename(with_parts: &Names<'_>, other: &Names<'_>) -> bool {
    let later = after_first_part(with_parts.forename);
    let surname = other.surname;
    !later.is_empty()
        && !surname.is_empty()
        && later.split([' ', '-']).any(|part| {
            part == surname
                || (part.len() >= 4 && surname.len() >= 4 && jaro_winkler(part, surname) >= 0.92)
        })
}

/// Weighs a pair's levels under `model`.
pub fn weigh(model: &Model, levels: [Level; FIELDS], swapped_names: bool) -> Comparison {
    let weights = std::array::from_fn(|i| {
        Field::ALL
            .get(i)
            .zip(levels.get(i))
            .map_or(0.0, |(f, l)| model.weight(*f, *l))
    });
    let mut total: f64 = weights.iter().sum();
    if swapped_names {
        total += SWAP_PENALTY;
    }
    Comparison {
        common_name: 0.0,
        crosswise_name: 0.0,
        name_frequency: 0.0,
        placeholder_dob: 0.0,
        placeholder_dob_others: 0,
        first_of_january_dob: false,
        estimated_beside_real_dob: false,
        name_change: 0.0,
        forename_unestablished: false,
        surname_not_family_name: false,
        singh_and_kaur: false,
        levels: std::array::from_fn(|i| {
            (
                Field::ALL.get(i).copied().unwrap_or(Field::Forename),
                levels.get(i).copied().unwrap_or(Level::Missing),
            )
        }),
        weights,
        swapped_names,
        weight: total,
    }
}

/// Compares two prepared records field by field under `model` (without the common-name adjustment, which
/// needs the whole file).
pub fn compare(model: &Model, a: &Prepared, b: &Prepared) -> Comparison {
    let (levels, swapped) = compare_levels(a, b);
    let mut comparison = weigh(model, levels, swapped);
    note_surnames_and_birthday(&mut comparison, a, b);
    comparison
}

/// How often each forename, surname and full name occurs in the file: Splink's term-frequency adjustment.
///
/// The field weights say how much an exact name agreement is worth on average. Agreeing on a name one record
/// in 50,000 carries is stronger evidence than agreeing on one in 300 ("Smith"), so an exact name's `u` is the
/// name's own frequency in the file, smoothed towards the average with [`TF_PSEUDO_RECORDS`] so that a small
/// file's counts cannot swing it far.
///
/// The parts are then checked against the whole: in any population some full names are far commoner than
/// their parts suggest, so two records agreeing on a full name shared by twelve people in the file weigh no
/// more than that full name's frequency supports.
pub struct NameFrequencies {
    /// Per record, in input order: the counts its names have in the file, looked up once here so that the
    /// millions of candidate pairs only index them.
    per_record: Vec<NameCounts>,
    records: f64,
}

/// How many records of the file hold one record's names.
#[derive(Clone, Copy, Debug, Default)]
struct NameCounts {
    /// Its forename as a forename.
    forename: u32,
    /// Its forename, and its surname, in either name field.
    forename_anywhere: u32,
    surname_anywhere: u32,
    /// Its forename and surname together, the forename counted as its name (see
    /// [`nicknames::counted_as`]): spellings and familiar forms of one name (Mohammed, Muhammad, Mohammad Khan;
    /// John and Johnny Smith) count as one name, so each form does not look rare. Not by sound: Jamie, John and
    /// Joanne share a Soundex code, and a family of Jamies does not make John a common name.
    full_name: u32,
    /// Its names the other way round: records whose forename is its surname and surname its forename.
    full_name_crosswise: u32,
    /// Records holding its date of birth, if that is a 1 January (0 otherwise).
    first_of_january_dob: u32,
}

/// A forename held by at least this many records of a file is taken to be a real name; fewer, in a file of at
/// least [`LARGE_FILE`] records (where real names recur), more likely a mistyped one ("Krrely").
const ESTABLISHED_NAME: u32 = 3;
const LARGE_FILE: f64 = 10_000.0;

/// How many records' worth of weight the average frequency keeps against a name's own count.
const TF_PSEUDO_RECORDS: f64 = 1_000.0;
/// The same for a full name's count (see [`NameFrequencies::adjust`]).
const FULL_NAME_PSEUDO_RECORDS: f64 = 100.0;

impl NameFrequencies {
    pub fn of(records: &[Prepared]) -> Self {
        let mut forename: FxHashMap<&str, u32> = FxHashMap::default();
        let mut surname: FxHashMap<&str, u32> = FxHashMap::default();
        let mut full_name: FxHashMap<(&str, &str), u32> = FxHashMap::default();
        let mut full_name_as_written: FxHashMap<(&str, &str), u32> = FxHashMap::default();
        let mut first_of_january: FxHashMap<NaiveDate, u32> = FxHashMap::default();
        for r in records {
            if let Some(dob) = r.dob.filter(|d| is_first_of_january(*d)) {
                *first_of_january.entry(dob).or_default() += 1;
            }
            if !r.forename.is_empty() {
                *forename.entry(&r.forename).or_default() += 1;
            }
            if !r.surname.is_empty() {
                *surname.entry(&r.surname).or_default() += 1;
            }
            if !r.forename.is_empty() && !r.surname.is_empty() {
                *full_name
                    .entry((nicknames::counted_as(&r.forename), &r.surname))
                    .or_default() += 1;
                *full_name_as_written
                    .entry((&r.forename, &r.surname))
                    .or_default() += 1;
            }
        }
        let held = |map: &FxHashMap<&str, u32>, name: &str| map.get(name).copied().unwrap_or(0);
        // A name's count is over both name fields: forename and surname are often recorded the wrong way
        // round, and a surname's count among forenames alone would make it look rare.
        let anywhere = |name: &str| held(&forename, name) + held(&surname, name);
        let per_record = records
            .iter()
            .map(|r| NameCounts {
                forename: held(&forename, &r.forename),
                forename_anywhere: anywhere(&r.forename),
                surname_anywhere: anywhere(&r.surname),
                full_name: full_name
                    .get(&(nicknames::counted_as(&r.forename), r.surname.as_str()))
                    .copied()
                    .unwrap_or(0),
                full_name_crosswise: full_name_as_written
                    .get(&(r.surname.as_str(), r.forename.as_str()))
                    .copied()
                    .unwrap_or(0),
                first_of_january_dob: r
                    .dob
                    .and_then(|d| first_of_january.get(&d))
                    .copied()
                    .unwrap_or(0),
            })
            .collect();
        Self {
            per_record,
            records: records.len() as f64,
        }
    }

    /// Re-weighs exact name agreements by the names' frequencies in this file, then lowers the total where
    /// both names agree (exactly, or as a spelling, nickname or slip) on a full name common in this file.
    /// `record` and `other` are the pair's records, by index in the slice the frequencies were counted from.
    pub fn adjust(&self, model: &Model, record: usize, other: usize, comparison: &mut Comparison) {
        let (Some(counts), Some(other_counts)) =
            (self.per_record.get(record), self.per_record.get(other))
        else {
            return;
        };
        if comparison.level(Field::Forename) == Level::Different
            && !comparison.swapped_names
            && self.records >= LARGE_FILE
        {
            comparison.forename_unestablished =
                counts.forename.min(other_counts.forename) < ESTABLISHED_NAME;
        }
        // 1 January is where systems put a birthday they do not know (an age estimated on arrival is commonly
        // recorded as 1 January of the estimated year), so in some communities many unrelated people share one. An
        // exact agreement on a 1 January date that other records of the file also hold weighs by how many do, as a
        // name does by its frequency; the pair's own two records are not counted, so one person's records in a
        // small file do not make their own date look common.
        if comparison.level(Field::Dob) == Level::Exact {
            let others = counts.first_of_january_dob.saturating_sub(2);
            let m = Model::get(&model.m, Field::Dob, Level::Exact);
            if others > 0 && m > 0.0 {
                let u = f64::from(others) / self.records.max(1.0);
                let adjusted = (m / u).log2();
                if adjusted < comparison.field_weight(Field::Dob) {
                    comparison.placeholder_dob = comparison.reweigh(Field::Dob, adjusted);
                    comparison.placeholder_dob_others = others;
                }
            }
        }
        // Swapped pairs keep the average weights (which record holds which name where is unknown).
        let fields = [
            (Field::Forename, counts.forename_anywhere),
            (Field::Surname, counts.surname_anywhere),
        ];
        for (field, count) in fields {
            if comparison.swapped_names || comparison.level(field) != Level::Exact {
                continue;
            }
            let average = Model::get(&model.u, field, Level::Exact);
            let u = (f64::from(count) + TF_PSEUDO_RECORDS * average)
                / (self.records + TF_PSEUDO_RECORDS);
            let m = Model::get(&model.m, field, Level::Exact);
            if u > 0.0 && m > 0.0 {
                comparison.name_frequency += comparison.reweigh(field, (m / u).log2());
            }
        }
        let exact = |f: Field| comparison.level(f) == Level::Exact;
        let both_exact = exact(Field::Forename) && exact(Field::Surname);
        // Names that agree but not letter for letter ("Jon Smith", "John Smith").
        let agree = |f: Field| !matches!(comparison.level(f), Level::Different | Level::Missing);
        if !(both_exact || (agree(Field::Forename) && agree(Field::Surname))) {
            return;
        }
        let m = Model::get(&model.m, Field::Forename, Level::Exact)
            * Model::get(&model.m, Field::Surname, Level::Exact);
        if comparison.swapped_names {
            if !both_exact {
                return;
            }
            // Two strangers hold one full name crosswise only if the file holds that name both ways round,
            // which is rarer than either name: weigh the pair by how many other records hold it the other way
            // round (the pair's own record aside; the larger of the two records' views, so the weight does not
            // depend on which comes first), smoothed towards the parts' average so a small file's counts
            // cannot swing it.
            let average = Model::get(&model.u, Field::Forename, Level::Exact)
                * Model::get(&model.u, Field::Surname, Level::Exact);
            let crosswise = counts
                .full_name_crosswise
                .max(other_counts.full_name_crosswise)
                .saturating_sub(1);
            let u = (f64::from(crosswise) + TF_PSEUDO_RECORDS * average)
                / (self.records + TF_PSEUDO_RECORDS);
            let given: f64 = comparison.weights.iter().take(2).sum();
            if u > 0.0 && m > 0.0 {
                comparison.crosswise_name = (m / u).log2() - given;
                comparison.weight += comparison.crosswise_name;
            }
            return;
        }
        // The commoner of the two full names as counted: a variant of a name many records hold ("Jon
        // Smith" beside seven "John Smith"s) is no better evidence than that name itself, as a slip never weighs
        // more than exact agreement.
        let count = f64::from(counts.full_name.max(other_counts.full_name));
        // A full name seen once or twice is as its parts say.
        if count <= 2.0 {
            return;
        }
        // Smoothed towards the parts' average, so that in a tiny file one person's three records do not make
        // their name look common; more lightly than the parts, because a full name held by five records of a
        // few hundred is already plain evidence that it is common there.
        let average = Model::get(&model.u, Field::Forename, Level::Exact)
            * Model::get(&model.u, Field::Surname, Level::Exact);
        let u = (count + FULL_NAME_PSEUDO_RECORDS * average)
            / (self.records + FULL_NAME_PSEUDO_RECORDS);
        let supported = (m / u).log2();
        let given: f64 = comparison.weights.iter().take(2).sum();
        if supported < given {
            comparison.common_name = supported - given;
            comparison.weight += comparison.common_name;
        }
    }
}

fn compare_residence<'a>(a: &'a Prepared, b: &'a Prepared) -> Level {
    if !a.address.is_empty() && a.address == b.address {
        return Level::Exact;
    }
    // Outward code: the district ("B12" of "B12 9QR"); a record may hold it alone ("NN17").
    let outward = |p: &'a Prepared| p.postcode.get(..usize::from(p.outward_len)).unwrap_or("");
    let (oa, ob) = (outward(a), outward(b));
    // "12 High Street" written without its town is one premises with "12 High Street, Leeds" only where the
    // postcodes do not place them in two districts.
    let districts_differ = !oa.is_empty() && !ob.is_empty() && oa != ob;
    if !a.address.is_empty()
        && !b.address.is_empty()
        && !districts_differ
        && let Some(level) = same_premises(&a.address, &b.address)
    {
        return level;
    }
    // One full postcode is one street or part of one; a district, or a district and sector, is not.
    if a.full_postcode && a.postcode == b.postcode {
        return Level::Close;
    }
    if !oa.is_empty() && oa == ob {
        return Level::Near;
    }
    // Area: the leading letters ("B" of "B12 9QR", "LS" of "LS6 3LW").
    let area = |p: &'a str| {
        let letters = p.bytes().take_while(u8::is_ascii_alphabetic).count();
        p.get(..letters).unwrap_or("")
    };
    let (aa, ab) = (area(&a.postcode), area(&b.postcode));
    if !aa.is_empty() && aa == ab {
        return Level::Area;
    }
    if a.postcode.is_empty() || b.postcode.is_empty() {
        return Level::Missing;
    }
    Level::Different
}
