//! Nominal matching (entity resolution): nominal records in, persons out, with the evidence for every merge.
//! Pure: no I/O. `ndas resolve` runs it on one nominals table and `ndas run` on the extract's.
//!
//! The method is Fellegi-Sunter, as Splink does it, with priors updated from the file itself:
//! 1. **Blocking** keeps the work linear: only records sharing a key are compared. Keys: the PNC id; the date of
//!    birth with day and month in either order and the initial of either name; the sounds of both names in either order (catches swapped names
//!    and mistyped dates); the surname's sound with the year of birth; either name's sound with the birthday but
//!    not the year, and with the postcode (catch one mistyped or nicknamed name with a mistyped or missing date);
//!    the forename with the year of birth and the surname's initial (a mistyped surname, a slipped day and a new
//!    address together); the address alone (a household: catches a pair with every name and the date mistyped).
//!    A key shared by more than [`MAX_BLOCK`] records (a very common name) is not used, and the count says so.
//! 2. **Comparison levels** per field (forename, surname, date of birth, PNC id, residence), each with a match
//!    weight `log2(m/u)`: how much likelier the agreement is between two records of one person (m) than between
//!    two records of different people (u). A missing value weighs nothing either way.
//!    `u` is re-estimated from random pairs of the file itself and `m` from the pairs whose PNC ids agree; an
//!    exact name agreement is weighed by that name's frequency in the file, a full name common in the file
//!    (its forename counted by its name group, so Mohammed and Muhammad Khan are one name) weighs less than its
//!    parts, and so does a spelling or familiar form of it ("Jon Smith" among "John Smith"s), and a swapped
//!    full name weighs by how often the file holds it the other way round. Names are compared as lower-case
//!    letters without accents, and a name copied in Cyrillic is read in Latin letters. A forename recorded by
//!    its initial ("J" for "Jude"), or by two initials run together ("TJ" for "Thomas Joseph"), is weak
//!    agreement, not a disagreement, as is a surname so recorded ("K" for
//!    "Kanagaratnam"); a forename lacking a middle or second forename ("John" for "John Paul"), or holding
//!    only the second, the name in use ("Zubair" for "Mohammed Zubair", "Ka Ming" for "Alan Ka-Ming"),
//!    is close, as is that second name spelt another way ("Zishan"), and its familiar form ("Harry" for
//!    "William Henry") is a nickname. A forename field that repeats the surname at its end ("Aamina Riaz" /
//!    "Riaz") holds the forename before it. A father's name recorded as one record's surname and the other's
//!    second forename (given name, father's name, grandfather's name) makes the surnames close. Hasan and
//!    Husayn, alike in sound and spelling, are two names (brothers' names) in each transliteration, and
//!    forenames one consonant apart where no finger slips and no romanisation swaps are two (Amin, Amir), as are a
//!    name's masculine and feminine forms (Daniel, Daniela; Andrei, Andreea) and the listed forms of two names one
//!    vowel apart (Tim and Tom, Timmy and Tommy). Names
//!    "sound alike" by Double Metaphone, not Soundex, which blocking uses for its coarseness: Soundex lumps M
//!    with N, so twins Liam and Leon would sound alike. A name in Somali's own spelling is also heard as English
//!    records spell it (x as h, c as the unwritten ain, long vowels once: "Faarax" is Farah, "Cali" Ali).
//!    A Gujarati given name is read with and without the bhai or ben it is called by ("Yusufbhai", "Fatimaben").
//!    Residence runs from one address, through one postcode,
//!    district or postcode area, to different.
//! 3. **Decision**: the total weight plus the prior odds that two random records of this file are one person (first
//!    from pairs that pass deterministic rules, as Splink does, then re-estimated from the candidates' own match
//!    probabilities) gives a match probability; a pair merges at 0.8 by default, unless a plain disagreement vetoes
//!    it: forenames that disagree (twins and siblings share surname, birthday and address), surnames that disagree
//!    (unless forename, date of birth and address all agree, or the forename as written and a birthday that is no 1
//!    January placeholder: a change of name, such as a married surname, whose disagreement then weighs 0.3 of its
//!    usual weight because a marriage changes the surname and nothing else, though Singh and Kaur are never one),
//!    or dates of birth more than two slips apart (a father and son may share every name and the address; two 1
//!    January placeholders more than two years apart), unless a 1 January a year from a birthday is the only
//!    difference of one full name at one premises (an age estimated to the year). Fellegi-Sunter takes fields for
//!    independent and within a family they are not, so these are vetoes, not deductions. Agreeing PNC ids merge
//!    whatever else differs. In a large file a forename held by fewer than three records is taken for a mistyped
//!    one: it weighs against the pair but does not veto it. A bigger file needs more evidence per pair, because
//!    each record has more strangers to be confused with. Placeholder names and addresses ("Unknown", "NFA") are
//!    missing values, a title before a forename ("Mrs") is no part of it, and a generational suffix after a name
//!    ("Jnr", "Snr", "II") is set aside from it: a junior and a senior of one name plainly disagree; particles
//!    inside Spanish, Portuguese and Italian names ("María del Carmen", "Ferreira da Costa") are dropped, as
//!    systems drop them. Sex, ethnicity and force are never compared: records are merged on identity, not on
//!    protected attributes. Postcode and address only ever add evidence here; they are never a scoring input.
//! 4. **Clustering**: merged pairs are joined transitively (union-find), surest first (at equal weight, a forename
//!    written the same way before a familiar form of it), but never into a person
//!    holding two dates of birth that conflict unless a third date is one slip from both (a record without a
//!    date of birth must not bridge a father and his son), or the person's PNC id already tied both dates to it (an
//!    alias's false date of birth) and the joining record's date is one of them; nor into a person holding two
//!    forenames that are not one name, each written the same way on two records or more (twins given like
//!    names; a letter written once or twice, as in Ayan and Ayaan, is one name); nor, where the link is only an
//!    initial against a forename, into a person holding two plainly different forenames at all (brothers Ryan and
//!    Ross joined through a record of "R"). A person's id is its smallest nominal id, so ids are stable across
//!    runs on the same data.
//! 5. **Review**: pairs left apart that a person should look at (scored at least [`REVIEW_FLOOR`], vetoed, or
//!    held apart) are kept with their evidence and the reason, the clerical-review queue of record linkage.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::extract::Nominal;
use crate::ids::{NominalId, PersonId};

/// Blocks larger than this are skipped: comparing every pair of 5,000 "John Smith"s finds nothing the date-of-
/// birth and PNC blocks do not, and costs 12.5 million comparisons.
pub const MAX_BLOCK: usize = 1_000;
/// Probability at or above which two records are one person. On the synthetic extracts 0.5 gives the best
/// pairwise F1; 0.8 gives up a little recall for fewer false merges, which matter more here (a false merge can
/// put a victim's record in an exploiter's profile).
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// How two values of one field compare, from strongest agreement to plain disagreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// One or both values missing: no evidence either way.
    Missing,
    Exact,
    /// Forenames known to be the same name (William and Bill).
    Nickname,
    /// A forename recorded by its initial only, agreeing with the other's first letter ("J" and "Jude").
    Initial,
    /// Jaro-Winkler at least 0.92: a typo or spelling variant (Mohammed, Muhammad).
    Close,
    /// Jaro-Winkler at least 0.80, or a forename one keystroke from the other (Damerau-Levenshtein 1, as in
    /// Splink's name comparisons): in a name of three letters one keystroke ("Tom", "Otm") puts Jaro-Winkler
    /// below every threshold.
    Similar,
    /// Names that sound alike (the same Double Metaphone code) but are spelt apart: Rhys and Reese, Lewis and
    /// Louis, Geoffrey and Jeffrey.
    SoundsAlike,
    /// Dates of birth with day and month swapped.
    DayMonthSwapped,
    /// Dates of birth with two adjacent digits transposed.
    Transposed,
    /// Dates of birth on consecutive days. A birthday keyed a day out, and the classic migration fault: a date
    /// stored as local midnight, converted to UTC in summer time, becomes the day before. Across a digit
    /// boundary (19th and 20th, 31 July and 1 August) no digit-based level sees it.
    OneDay,
    /// Dates of birth one digit apart.
    OneDigit,
    /// Postcodes in the same district (outward code); dates of birth two slips apart (two digits mistyped,
    /// a transposition and a mistyped digit: Splink's Damerau-Levenshtein at most 2; or a day and month swap
    /// and one more slip).
    Near,
    /// Postcodes in the same postcode area (its letters: "B" of "B12 9QR"), a move within one city or county.
    Area,
    Different,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Missing => "missing",
            Level::Exact => "exact",
            Level::Nickname => "nickname",
            Level::Initial => "initial",
            Level::Close => "close",
            Level::Similar => "similar",
            Level::SoundsAlike => "sounds_alike",
            Level::DayMonthSwapped => "day_month_swapped",
            Level::Transposed => "transposed",
            Level::OneDay => "one_day",
            Level::OneDigit => "one_digit",
            Level::Near => "near",
            Level::Area => "same_area",
            Level::Different => "different",
        }
    }
}

/// The fields compared, in the order evidence is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Forename,
    Surname,
    Dob,
    PncId,
    Residence,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Forename,
        Field::Surname,
        Field::Dob,
        Field::PncId,
        Field::Residence,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Forename => "forename",
            Field::Surname => "surname",
            Field::Dob => "dob",
            Field::PncId => "pnc_id",
            Field::Residence => "residence",
        }
    }
}

/// `(m, u)` for a field at a level: the probability of that level among pairs of one person's records, and
/// among pairs of different people's. Priors from the record-linkage literature and UK name and birth-date
/// frequencies (about 1 in 100 people share a forename, 1 in 300 a surname, 1 in 22,000 a date of birth).
fn probabilities(field: Field, level: Level) -> Option<(f64, f64)> {
    use Field::*;
    use Level::*;
    // m: police records are messy (typed from speech, re-keyed between systems), so the disagreeing levels
    // keep real mass among true matches. u: defaults for a UK population; `Model::train` replaces them with
    // the frequencies in the data.
    let p = match (field, level) {
        (Forename, Exact) => (0.75, 0.010),
        (Forename, Nickname) => (0.05, 0.001),
        // About 1 record in 100 holds an initial only; strangers share a first letter about 1 time in 14.
        (Forename, Initial) => (0.01, 0.000_7),
        (Forename, Close) => (0.08, 0.002),
        (Forename, SoundsAlike) => (0.03, 0.004),
        (Forename, Similar) => (0.05, 0.010),
        (Forename, Different) => (0.03, 0.972_3),
        (Surname, Exact) => (0.82, 0.003),
        // A surname written by its initial ("Kanagaratnam" as "K", as Tamil and some South Indian names are
        // recorded): rarer than a forename initial, and strangers share a first letter about 1 time in 14.
        (Surname, Initial) => (0.005, 0.000_35),
        (Surname, Close) => (0.08, 0.001),
        (Surname, SoundsAlike) => (0.03, 0.002),
        (Surname, Similar) => (0.03, 0.006),
        (Surname, Different) => (0.04, 0.988),
        (Dob, Exact) => (0.80, 0.000_05),
        (Dob, DayMonthSwapped) => (0.03, 0.000_02),
        (Dob, Transposed) => (0.05, 0.000_1),
        // Strangers born a day apart: about 2 in 22,000.
        (Dob, OneDay) => (0.03, 0.000_1),
        (Dob, OneDigit) => (0.06, 0.001_5),
        (Dob, Near) => (0.03, 0.01),
        (Dob, Different) => (0.03, 0.988_3),
        (PncId, Exact) => (0.97, 0.000_01),
        // One character apart: a mistyped id. Strangers' ids rarely are (the check letter differs with the
        // serial), but ids issued in sequence by one force on one day can be.
        (PncId, Close) => (0.01, 0.000_1),
        (PncId, Different) => (0.02, 0.999_89),
        // Address and postcode together: a household shares both, so counting them apart would count one fact
        // twice.
        (Residence, Exact) => (0.45, 0.000_2),
        (Residence, Close) => (0.10, 0.000_5),
        (Residence, Near) => (0.10, 0.01),
        (Residence, Area) => (0.10, 0.05),
        (Residence, Different) => (0.25, 0.939_3),
        _ => return None,
    };
    Some(p)
}

/// The prior match weight in bits of a field at a level (0 when missing), before training on the data.
pub fn prior_weight(field: Field, level: Level) -> f64 {
    probabilities(field, level).map_or(0.0, |(m, u)| (m / u).log2())
}

const LEVELS: usize = Level::Different as usize + 1;
const FIELDS: usize = Field::ALL.len();

/// `m` and `u` for every field and level: the priors above, updated from the data.
///
/// As Splink does, `u` is estimated from record pairs drawn at random (almost all of them different people),
/// and `m` from candidate pairs a deterministic rule says are one person (their PNC ids agree), both smoothed
/// towards the prior so a small file cannot push a weight to an extreme. Expectation-maximisation over all
/// candidate pairs was tried for `m` and collapses on small files (every pair a match).
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    m: [[f64; LEVELS]; FIELDS],
    u: [[f64; LEVELS]; FIELDS],
    /// Whether `u` was estimated from the data (false: the priors).
    pub trained: bool,
    /// How many candidate pairs with agreeing PNC ids `m` was estimated from (0: the priors).
    pub m_pairs: usize,
}

/// Pseudo-counts the priors are worth: `u` as if seen in this many random pairs, `m` in this many matches.
const U_PRIOR_PAIRS: f64 = 2_000.0;
const U_SAMPLE_PAIRS: usize = 200_000;
const M_PRIOR_PAIRS: f64 = 500.0;

impl Model {
    pub fn prior() -> Self {
        let mut m = [[0.0; LEVELS]; FIELDS];
        let mut u = [[0.0; LEVELS]; FIELDS];
        for (fi, field) in Field::ALL.iter().enumerate() {
            for li in 0..LEVELS {
                if let Some((pm, pu)) = LEVEL_BY_INDEX
                    .get(li)
                    .and_then(|level| probabilities(*field, *level))
                    && let (Some(sm), Some(su)) = (
                        m.get_mut(fi).and_then(|r| r.get_mut(li)),
                        u.get_mut(fi).and_then(|r| r.get_mut(li)),
                    )
                {
                    *sm = pm;
                    *su = pu;
                }
            }
        }
        Self {
            m,
            u,
            trained: false,
            m_pairs: 0,
        }
    }

    fn get(table: &[[f64; LEVELS]; FIELDS], field: Field, level: Level) -> f64 {
        table
            .get(field as usize)
            .and_then(|r| r.get(level as usize))
            .copied()
            .unwrap_or(0.0)
    }

    /// The match weight in bits of a field at a level (0 when missing or never possible for the field).
    pub fn weight(&self, field: Field, level: Level) -> f64 {
        let (m, u) = (
            Self::get(&self.m, field, level),
            Self::get(&self.u, field, level),
        );
        if level == Level::Missing || m <= 0.0 || u <= 0.0 {
            return 0.0;
        }
        let weight = (m / u).log2();
        // A slip never weighs more than exact agreement, whatever the estimates say: a typo that is rarer
        // among strangers than the name itself is not better evidence of one person to a reader.
        if level == Level::Exact || level == Level::Different {
            weight
        } else {
            weight.min(self.weight(field, Level::Exact))
        }
    }

    /// The levels a field can take (those with a prior).
    fn possible(field: Field) -> impl Iterator<Item = Level> {
        LEVEL_BY_INDEX
            .iter()
            .copied()
            .filter(move |l| probabilities(field, *l).is_some())
    }

    /// Updates `u` from `sample`, the levels of record pairs drawn at random (almost all different people).
    pub fn train(&self, sample: &[[Level; FIELDS]]) -> Self {
        let mut model = self.clone();
        let pairs: Vec<&[Level; FIELDS]> = sample.iter().collect();
        smooth_into(&mut model.u, &self.u, &pairs, &Field::ALL, U_PRIOR_PAIRS);
        model.trained = true;
        model
    }

    /// Updates `m` for every field but the PNC id from candidate pairs whose PNC ids agree: pairs that are
    /// almost surely one person, found without the other fields, so how often those fields agree, slip or go
    /// missing among them is how this file's duplicates look (Splink estimates `m` from a deterministic rule
    /// the same way). Smoothed towards the prior.
    pub fn train_m_on_pnc_pairs(&self, compared: &[([Level; FIELDS], bool)]) -> Self {
        let mut model = self.clone();
        let linked: Vec<&[Level; FIELDS]> = compared
            .iter()
            .filter(|(levels, _)| levels.get(Field::PncId as usize) == Some(&Level::Exact))
            .map(|(levels, _)| levels)
            .collect();
        model.m_pairs = linked.len();
        let fields = [
            Field::Forename,
            Field::Surname,
            Field::Dob,
            Field::Residence,
        ];
        smooth_into(&mut model.m, &self.m, &linked, &fields, M_PRIOR_PAIRS);
        model
    }

    /// Every (field, level, m, u, weight), for resolve.json and the docs.
    pub fn table(&self) -> Vec<(Field, Level, f64, f64, f64)> {
        Field::ALL
            .iter()
            .flat_map(|&f| {
                Self::possible(f).map(move |l| {
                    (
                        f,
                        l,
                        Self::get(&self.m, f, l),
                        Self::get(&self.u, f, l),
                        self.weight(f, l),
                    )
                })
            })
            .collect()
    }
}

/// Sets `table` for `fields` to each level's share among `pairs` (of those where the field is not missing),
/// smoothed towards `prior` as if the prior had been seen in `pseudo_pairs` more pairs.
fn smooth_into(
    table: &mut [[f64; LEVELS]; FIELDS],
    prior: &[[f64; LEVELS]; FIELDS],
    pairs: &[&[Level; FIELDS]],
    fields: &[Field],
    pseudo_pairs: f64,
) {
    for &field in fields {
        let seen = pairs
            .iter()
            .filter(|v| v.get(field as usize).is_some_and(|l| *l != Level::Missing))
            .count() as f64;
        for level in Model::possible(field) {
            let count = pairs
                .iter()
                .filter(|v| v.get(field as usize) == Some(&level))
                .count() as f64;
            let value =
                (count + pseudo_pairs * Model::get(prior, field, level)) / (seen + pseudo_pairs);
            if let Some(slot) = table
                .get_mut(field as usize)
                .and_then(|r| r.get_mut(level as usize))
            {
                *slot = value;
            }
        }
    }
}

const LEVEL_BY_INDEX: [Level; LEVELS] = [
    Level::Missing,
    Level::Exact,
    Level::Nickname,
    Level::Initial,
    Level::Close,
    Level::Similar,
    Level::SoundsAlike,
    Level::DayMonthSwapped,
    Level::Transposed,
    Level::OneDay,
    Level::OneDigit,
    Level::Near,
    Level::Area,
    Level::Different,
];

/// One record prepared for comparison: normalised once, compared many times.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub forename: String,
    pub surname: String,
    /// Soundex codes of the names, computed once (blocking uses them many times).
    pub forename_sound: String,
    pub surname_sound: String,
    /// How the names are spoken (Double Metaphone), for the sounds-alike level of the comparison.
    pub forename_spoken: Spoken,
    pub surname_spoken: Spoken,
    pub dob: Option<NaiveDate>,
    pub pnc: String,
    pub postcode: String,
    pub address: String,
    /// The generation a suffix written after a name says ("Jnr", "Snr", "III"), set aside from the name itself.
    pub generation: Option<Generation>,
}

/// A generational suffix: a father and son of one name are told apart by it where a record carries it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generation {
    /// "Jr", "Jnr", "Junior", "II".
    Junior,
    /// "Sr", "Snr", "Senior".
    Senior,
    /// "III".
    Third,
}

impl Prepared {
    pub fn new(
        forename: &str,
        surname: &str,
        dob: Option<NaiveDate>,
        pnc: &str,
        postcode: &str,
        address: &str,
    ) -> Self {
        let (forename, surname) = (normalise_name(forename), normalise_name(surname));
        let surname = english_form_of_gaelic_surname(&surname).map_or(surname, str::to_string);
        let forename = with_maria_spelt_out(without_title(&forename));
        let forename = forename.as_ref();
        let (forename, forename_generation) = match generation_alone(forename) {
            Some(generation) => ("", Some(generation)),
            None => without_generation(forename),
        };
        let (surname, surname_generation) = without_generation(&surname);
        let generation = surname_generation.or(forename_generation);
        let forename = without_own_surname(forename, surname);
        let (forename, surname) = (forename.to_string(), surname.to_string());
        Self {
            forename_sound: soundex(&forename),
            surname_sound: soundex(&surname),
            forename_spoken: Spoken::of(&forename),
            surname_spoken: Spoken::of(&surname),
            forename,
            surname,
            dob,
            pnc: normalise_pnc(pnc),
            postcode: postcode
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_uppercase())
                .collect(),
            address: normalise_address(address),
            generation,
        }
    }

    fn names(&self) -> Names<'_> {
        Names {
            forename: &self.forename,
            forename_spoken: self.forename_spoken,
            surname: &self.surname,
            surname_spoken: self.surname_spoken,
        }
    }

    pub fn of(nominal: &Nominal) -> Self {
        Self::new(
            &nominal.forename,
            &nominal.surname,
            nominal.dob,
            nominal.pnc_id.as_deref().unwrap_or(""),
            &nominal.postcode,
            nominal.address.as_deref().unwrap_or(""),
        )
    }
}

/// A forename field that holds the whole name ("Aamina Riaz" beside the surname "Riaz", "Raja Zulfiqar Khan"
/// beside "Khan"), as systems that take a name in one box record it, without the surname it repeats.
fn without_own_surname<'a>(forename: &'a str, surname: &str) -> &'a str {
    match forename.rsplit_once(' ') {
        Some((given, last)) if !surname.is_empty() && last == surname && !given.is_empty() => given,
        _ => forename,
    }
}

/// A PNC id as letters and digits only, upper case, with the serial number's leading zeros dropped and the year
/// as two digits: "05/0345127W", "05/345127w" and "2005/345127W" are one id (systems write the serial with and
/// without its zeros, and the year of the first arrest in full or short).
fn normalise_pnc(pnc: &str) -> String {
    let alphanumeric = |part: &str| -> String {
        part.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    match pnc
        .split_once('/')
        .map(|(year, serial)| (alphanumeric(year), alphanumeric(serial)))
    {
        Some((year, serial)) if !year.is_empty() && !serial.trim_start_matches('0').is_empty() => {
            let year = match year.as_bytes() {
                [b'1', b'9', ..] | [b'2', b'0', ..] if year.len() == 4 => {
                    year.get(2..).unwrap_or(&year)
                }
                _ => &year,
            };
            format!("{year}/{}", serial.trim_start_matches('0'))
        }
        _ => alphanumeric(pnc),
    }
}

/// Lower case letters, hyphens and single spaces: "O'Brien " and "obrien" compare equal. Empty for a
/// placeholder ("Unknown", "N/K").
fn normalise_name(name: &str) -> String {
    let normal = letters_of_name(name);
    if NO_NAME.contains(&normal.as_str()) {
        String::new()
    } else {
        without_inner_particles(normal)
    }
}

/// A name without the particles Spanish, Portuguese and Italian names carry inside them ("María del Carmen",
/// "Ferreira da Costa", "Silva e Santos"), which systems keep or drop: "maria carmen" and "ferreira costa". A
/// particle that opens the name ("De Souza", "Da Silva") is part of how it is filed and is kept.
fn without_inner_particles(name: String) -> String {
    const PARTICLES: &[&str] = &[
        "de", "del", "della", "da", "das", "do", "dos", "di", "e", "y",
    ];
    if !name.contains(' ') {
        return name;
    }
    let mut words = name.split(' ');
    let first = words.next().unwrap_or_default();
    let kept: Vec<&str> = std::iter::once(first)
        .chain(words.filter(|w| !PARTICLES.contains(w)))
        .collect();
    kept.join(" ")
}

/// A normalised forename without a title before it: systems that hold one name field, or take names as
/// written on a form, key "Mr Kehinde" and "MISS SARAH JANE". A title alone is left as it is.
fn without_title(forename: &str) -> &str {
    // Mosammat (written Mst, Most) is the Bangladeshi honorific before a woman's name, as Mrs is.
    const TITLES: &[&str] = &[
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "master",
        "dr",
        "mosammat",
        "mossammat",
        "mosamat",
        "mst",
    ];
    match forename.split_once(' ') {
        Some((first, rest)) if TITLES.contains(&first) && !rest.is_empty() => rest,
        _ => forename,
    }
}

/// A forename opening with "Ma", the abbreviation of María that Filipino documents write before a second name
/// ("Ma. Cristina", "Ma. Luisa"), with the María spelt out, as other records of the same woman hold it. "Ma"
/// alone is left as it is: it is a name of its own in several languages.
fn with_maria_spelt_out(forename: &str) -> std::borrow::Cow<'_, str> {
    match forename.strip_prefix("ma ") {
        Some(rest) if !rest.is_empty() => format!("maria {rest}").into(),
        _ => forename.into(),
    }
}

/// A surname written in Irish or Scottish Gaelic, in the English form UK records hold it in: "Ó Cuinn" and
/// "Quinn", "Ní Dhónaill" and "O'Donnell", "Mac Lochlainn" and "McLaughlin", "NicLeòid" and "MacLeod",
/// "Caimbeul" and "Campbell". A woman's form (Ní for Ó, Nic for Mac, Bean Uí or Mhic for a married woman, and
/// in Scotland the name alone) lenites the name after it (Ó Catháin, Ní Chatháin; Caimbeul, Chaimbeul), and Ó
/// puts an h before a vowel (Ó hAodha); both are undone before the name is looked up. Irish writes Mac apart
/// from the name and Scottish Gaelic joins them, which tells the two apart where one name has an Irish and a
/// Scottish English form (Mac Domhnaill is McDonnell, MacDhòmhnaill is MacDonald). Only names whose English
/// form is settled are listed, one form each: where a name has two forms in use (Ó Catháin is Kane and
/// O'Kane), the comparison of the English forms still finds them close. A Gaelic form is the same surname, so
/// it compares as the English form does, as a name copied in Cyrillic compares in Latin letters.
fn english_form_of_gaelic_surname(surname: &str) -> Option<&'static str> {
    let surname = surname.strip_prefix("bean ").unwrap_or(surname);
    let look_up = |table: &[(&str, &'static str)], name: &str| {
        table
            .iter()
            .find(|(gaelic, _)| gaelic.split('|').any(|form| form == name))
            .map(|(_, english)| *english)
    };
    let Some((prefix, name)) = surname.split_once(' ') else {
        return match ["mac", "nic", "mhic"]
            .iter()
            .find_map(|prefix| surname.strip_prefix(prefix))
        {
            Some(name) => {
                let name = without_lenition(name);
                look_up(SCOTTISH_MAC_SURNAMES, &name).or_else(|| look_up(IRISH_MAC_SURNAMES, &name))
            }
            None => look_up(SCOTTISH_SURNAMES, &without_lenition(surname)),
        };
    };
    let table = match prefix {
        "o" | "ua" | "ni" | "ui" => IRISH_O_SURNAMES,
        "mac" | "mag" | "nic" | "mhic" => IRISH_MAC_SURNAMES,
        _ => return None,
    };
    let name: Vec<String> = name.split(' ').map(without_lenition).collect();
    look_up(table, &name.join(" "))
}

/// A Gaelic name as it is written after Ó or Mac, or as a man's name: without the h that lenition puts after a
/// first consonant (Chatháin is Catháin), the h that Ó puts before a vowel (hAodha is Aodha) and the t before s
/// (tSaoir).
fn without_lenition(word: &str) -> String {
    let bytes = word.as_bytes();
    match bytes {
        [b'h', second, ..] if is_vowel(*second) => word.get(1..).unwrap_or(word).to_string(),
        [b't', b's', ..] => word.get(1..).unwrap_or(word).to_string(),
        [first, b'h', ..] if b"bcdfgmpst".contains(first) => {
            let mut plain = String::with_capacity(word.len());
            plain.push(char::from(*first));
            plain.push_str(word.get(2..).unwrap_or(""));
            plain
        }
        _ => word.to_string(),
    }
}

/// Irish surnames of the Ó family (after Ó, Ní or Uí, accents dropped and lenition undone; spellings of one
/// name separated by `|`) and the English form records hold: surnames common in Ireland and Northern Ireland,
/// in standard Irish spelling. A name missing here is compared as written, as before.
const IRISH_O_SURNAMES: &[(&str, &str)] = &[
    ("cuinn", "quinn"),
    ("cathain", "okane"),
    ("domhnaill|donaill", "odonnell"),
    ("neill", "oneill"),
    ("briain", "obrien"),
    ("suilleabhain", "osullivan"),
    ("conchuir|conchobhair", "oconnor"),
    ("ceallaigh", "kelly"),
    ("murchu|murchadha", "murphy"),
    ("dochartaigh", "doherty"),
    ("gallchobhair|gallchoir", "gallagher"),
    ("dalaigh", "daly"),
    ("conaill", "oconnell"),
    ("raghallaigh", "oreilly"),
    ("ruairc", "orourke"),
    ("floinn", "flynn"),
    ("cearbhaill", "carroll"),
    ("cinneide", "kennedy"),
    ("maille", "omalley"),
    ("baoill|baoighill", "boyle"),
    ("dubhghaill", "doyle"),
    ("tuathail", "otoole"),
    ("coileain", "collins"),
    ("riain", "ryan"),
    ("duinn", "dunne"),
    ("loingsigh", "lynch"),
    ("mathuna", "omahony"),
    ("ceallachain", "callaghan"),
    ("flannagain", "flanagan"),
    ("aodha", "hughes"),
    ("eadhra", "ohara"),
    ("dubhthaigh", "duffy"),
    ("meallain", "mallon"),
    ("maolain", "mullan"),
    ("muineachain", "monaghan"),
    ("cuilinn", "cullen"),
    ("donnchadha", "donohoe"),
    ("fearghail", "farrell"),
    ("conghaile", "connolly"),
    ("searcaigh", "sharkey"),
    ("gormain", "gorman"),
    ("corcrain", "corcoran"),
    ("cathasaigh", "casey"),
    ("caoimh", "okeeffe"),
    ("laoghaire", "oleary"),
    ("se", "oshea"),
    ("allmhurain", "halloran"),
    ("grada", "grady"),
    ("maolmhuaidh", "molloy"),
    ("duibhir", "dwyer"),
    ("broin", "byrne"),
    ("cleirigh", "cleary"),
    ("diomasaigh", "dempsey"),
    ("nuallain", "nolan"),
    ("donnabhain", "odonovan"),
    ("cearnaigh", "kearney"),
    ("hanluain|anluain", "hanlon"),
    ("mordha", "moore"),
    ("donnghaile|donaile", "donnelly"),
    ("doibhilin|doibhlin", "devlin"),
    ("again", "hagan"),
    ("caiside", "cassidy"),
    ("braonain", "brennan"),
    ("cianain", "keenan"),
    ("gormghaile", "gormley"),
    ("maolagain", "mulligan"),
    ("muiri|muirigh", "murray"),
    ("tomhrair", "toner"),
    ("raifeartaigh|raithbheartaigh", "rafferty"),
    ("maolchallann", "mulholland"),
    ("brolchain", "bradley"),
    ("morain", "moran"),
];

/// Irish surnames of the Mac family (after Mac, Mag, Nic or Mhic), as [`IRISH_O_SURNAMES`].
const IRISH_MAC_SURNAMES: &[(&str, &str)] = &[
    ("lochlainn", "mclaughlin"),
    ("carthaigh", "mccarthy"),
    ("mathuna", "mcmahon"),
    ("diarmada", "mcdermott"),
    ("suibhne", "mcsweeney"),
    ("aonghusa", "mcguinness"),
    ("giolla padraig", "fitzpatrick"),
    ("giolla bride", "mcbride"),
    ("con mara", "mcnamara"),
    ("gabhann", "mcgowan"),
    ("cionaoith", "mckenna"),
    ("domhnaill", "mcdonnell"),
    ("an saoir", "mcateer"),
    ("eoin", "mckeown"),
    ("ruairi", "mcrory"),
    ("cana", "mccann"),
    ("cormaic", "mccormack"),
    ("maghnais", "mcmanus"),
    ("uidhir", "maguire"),
    ("fionnlaoich", "mcginley"),
    ("craith", "mcgrath"),
    ("neill", "mcneill"),
    ("aoidh", "mckee"),
    ("uiginn", "mcguigan"),
    ("cafraigh", "mccaffrey"),
    ("giolla rua", "mcelroy"),
    ("laifeartaigh", "mclafferty"),
];

/// Scottish Gaelic surnames written with Mac joined to them (after Mac, Nic or Mhic), as [`IRISH_O_SURNAMES`].
const SCOTTISH_MAC_SURNAMES: &[(&str, &str)] = &[
    ("domhnaill", "macdonald"),
    ("leoid", "macleod"),
    ("coinnich", "mackenzie"),
    ("aoidh", "mackay"),
    ("illeathain", "maclean"),
    ("amhlaigh", "macaulay"),
    ("iomhair", "maciver"),
    ("aonghais", "macinnes"),
    ("griogair", "macgregor"),
    ("dughaill", "macdougall"),
    ("fionghain", "mackinnon"),
    ("neacail", "nicolson"),
    ("illemhoire|gillemhoire", "morrison"),
    ("mathain", "matheson"),
];

/// Scottish Gaelic surnames written without Mac, as a man's name (a woman's is lenited), as
/// [`IRISH_O_SURNAMES`].
const SCOTTISH_SURNAMES: &[(&str, &str)] = &[
    ("caimbeul", "campbell"),
    ("friseal", "fraser"),
    ("moireach", "murray"),
    ("stiubhart", "stewart"),
    ("domhnallach", "macdonald"),
    ("grannd", "grant"),
    ("rothach", "munro"),
    ("siosalach", "chisholm"),
    ("moireasdan", "morrison"),
    ("camshron", "cameron"),
    ("greum", "graham"),
    ("dubhghlas", "douglas"),
];

/// A normalised name without a generational suffix after it ("afolabi jnr", "campbell ii"), and the
/// generation the suffix says. A suffix alone is left as it is.
fn without_generation(name: &str) -> (&str, Option<Generation>) {
    let Some((rest, last)) = name.rsplit_once(' ') else {
        return (name, None);
    };
    let generation = match last {
        "jr" | "jnr" | "junior" | "ii" => Generation::Junior,
        "sr" | "snr" | "senior" => Generation::Senior,
        "iii" => Generation::Third,
        _ => return (name, None),
    };
    (rest, Some(generation))
}

/// The generation a forename gives when it is nothing else: a son named after his father is known as
/// "Junior", and a record may hold that alone in the forename. His given name is then not written, so the
/// forename is missing, and the generation still keeps him apart from his father. Surnames are left as they
/// are: Junior is a family name too.
fn generation_alone(forename: &str) -> Option<Generation> {
    match forename {
        "jr" | "jnr" | "junior" => Some(Generation::Junior),
        "sr" | "snr" | "senior" => Some(Generation::Senior),
        _ => None,
    }
}

fn letters_of_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    // Accents are often dropped between systems ("Wiśniewska", "Wisniewska"; "Nguyễn", "Nguyen"): decompose and
    // keep the base letters.
    let bases = name
        .trim()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c));
    for c in bases.flat_map(char::to_lowercase) {
        if let Some(spelt) = ascii_spelling(c) {
            out.push_str(spelt);
        } else if c.is_alphabetic() || c == '-' {
            out.push(c);
        } else if c.is_whitespace() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// How a letter with no ASCII base letter to decompose into is written by systems without it: "Michał" is
/// keyed as "Michal" and "Małgorzata" as "Malgorzata", so both spellings are one name and the familiar-form
/// table (Gosia) finds it. A name copied in Cyrillic from a Ukrainian or Russian document ("Олена Бондаренко")
/// is read in the Latin letters a UK record of the same person holds ("Olena Bondarenko"), by Ukraine's
/// passport transliteration (г as h, и as y), which most Cyrillic names now reaching UK records are written
/// in; Russian forms still come out close (Yekaterina, Kateryna). Letters arrive lower case and decomposed, so
/// й is и and ё is е by now.
fn ascii_spelling(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' | 'Ł' => "l",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ı' => "i",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ы' => "y",
        'і' | 'ї' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "yu",
        'я' => "ya",
        'ь' | 'ъ' => "",
        _ => return None,
    })
}

/// Lower-case words joined by single spaces, street types written out ("Rd" as "road"); empty for an address
/// that says there is none ("No fixed abode", "NFA", "unknown"): two people of no fixed abode do not share a
/// residence.
fn normalise_address(address: &str) -> String {
    let normal = address
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            match STREET_TYPES.iter().find(|(short, _)| *short == lower) {
                Some((_, full)) => (*full).to_string(),
                None => lower,
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    if NO_ADDRESS.contains(&normal.as_str()) {
        String::new()
    } else {
        normal
    }
}

/// Street types as Royal Mail's and councils' abbreviations write them, with the word each stands for: one
/// officer writes "46 Langlands Rd", another "46 Langlands Road".
const STREET_TYPES: &[(&str, &str)] = &[
    ("rd", "road"),
    ("st", "street"),
    ("ave", "avenue"),
    ("av", "avenue"),
    ("cres", "crescent"),
    ("dr", "drive"),
    ("ln", "lane"),
    ("gdns", "gardens"),
    ("ct", "court"),
    ("pl", "place"),
    ("sq", "square"),
    ("terr", "terrace"),
    ("tce", "terrace"),
    ("cl", "close"),
    ("gr", "grove"),
    ("pk", "park"),
];

/// Whether two written addresses are one premises though not written alike: every word of the shorter is in
/// the longer, and it holds a house number and at least two other words ("71 Balgrayhill Road, Glasgow" and
/// "71 Balgrayhill Road, Springburn, Glasgow"), so a town or a district added or left out does not part them.
/// Where the longer adds a number of its own (a flat, "Flat 3, 10 Summer Lane" against "10 Summer Lane") the
/// building is the same but the household may not be, which is the postcode's level, not the address's.
/// Asked of every candidate pair whose addresses differ, so the shorter's house number is looked for first:
/// most such pairs differ there and go no further.
fn same_premises(a: &str, b: &str) -> Option<Level> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let has_digit = |w: &str| w.bytes().any(|c| c.is_ascii_digit());
    let number = short.split(' ').find(|w| has_digit(w))?;
    if !long.split(' ').any(|w| w == number) {
        return None;
    }
    let words = short.split(' ').filter(|w| !has_digit(w)).count();
    if words < 2 || !short.split(' ').all(|w| long.split(' ').any(|l| l == w)) {
        return None;
    }
    let adds_a_number = long
        .split(' ')
        .any(|w| has_digit(w) && !short.split(' ').any(|s| s == w));
    Some(if adds_a_number {
        Level::Close
    } else {
        Level::Exact
    })
}

/// Placeholder addresses as police systems record them (normalised).
const NO_ADDRESS: &[&str] = &[
    "no fixed abode",
    "nfa",
    "no fixed address",
    "of no fixed abode",
    "homeless",
    "unknown",
    "not known",
    "address unknown",
    "refused",
    "none",
    "n a",
    "na",
    "address not known",
    "no known address",
    "nka",
    "not given",
    "withheld",
    "no address",
    "no address given",
];

/// Placeholder names as police systems record them when a person will not or cannot give one (normalised):
/// two "Unknown Unknown" records are two unknown people, not one person's name agreeing.
const NO_NAME: &[&str] = &[
    "unknown",
    "not known",
    "nk",
    "n k",
    "unk",
    "refused",
    "no name",
    "not given",
    "withheld",
    "person unknown",
    "xx",
    "xxx",
    "zz",
    "zzz",
];

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
    /// the surname is no evidence either way (see [`NOT_FAMILY_NAMES`]).
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
    /// or is one slip out (0 or positive): see [`NAME_CHANGE_SURNAME_SHARE`].
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
    fn reweigh(&mut self, field: Field, bits: f64) -> f64 {
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
    fn same_forename_and_real_birthday(&self) -> bool {
        self.level(Field::Forename) == Level::Exact
            && self.birthday_within_one_slip()
            && !self.first_of_january_dob
    }

    /// One date of birth is a 1 January a year from the other, and the forename, surname (in either order) and
    /// premises agree exactly: the dates are no veto, for the pair or for the join it makes (see
    /// [`Comparison::veto`]).
    fn same_name_and_premises_estimated_age(&self) -> bool {
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
const SWAP_PENALTY: f64 = -1.0;

/// The levels of a pair only, for training: (levels in `Field::ALL` order, names swapped).
pub fn compare_levels(a: &Prepared, b: &Prepared) -> ([Level; FIELDS], bool) {
    levels_given_names(a, b, a.names(), b.names())
}

/// A record's two names and how each is spoken: what the name comparisons read, taken from the record or from
/// a [`NameTable`].
#[derive(Clone, Copy, Debug)]
struct Names<'a> {
    forename: &'a str,
    forename_spoken: Spoken,
    surname: &'a str,
    surname_spoken: Spoken,
}

/// A file's names, each distinct forename or surname held once. Matching compares names for millions of
/// candidate pairs, whose records lie all over memory; their names, a few tens of thousands, stay in cache.
struct NameTable<'a> {
    /// Each record's forename and surname as ids of `names`.
    ids: Vec<[u32; 2]>,
    /// Each distinct name and how it is spoken.
    names: Vec<(&'a str, Spoken)>,
}

impl<'a> NameTable<'a> {
    fn of(records: &'a [Prepared]) -> Self {
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
    fn names(&self, i: usize) -> Option<Names<'a>> {
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
fn levels_given_names(
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
            Level::Different => (Level::Different, Level::Different),
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

/// Whether one forename is a familiar or short form of the other: a nickname group's ("Bill", "William"), or a
/// Yoruba, Igbo or devotional name without its opening or closing part ("Emeka", "Chukwuemeka").
fn familiar_form(a: &str, b: &str) -> bool {
    nicknames::same_name(a, b)
        || yoruba_short_form(a, b)
        || yoruba_short_form(b, a)
        || igbo_short_form(a, b)
        || igbo_short_form(b, a)
        || devotional_short_form(a, b)
        || devotional_short_form(b, a)
        || punjabi_short_form(a, b)
        || punjabi_short_form(b, a)
}

fn compare_forename(a: &str, b: &str, sound_a: &Spoken, sound_b: &Spoken) -> Level {
    let as_written = compare_forename_as_written(a, b, sound_a, sound_b);
    // A first name closing with bhai or ben ("Yusufbhai", "Manishaben") is read without it too, and that reading
    // counts where it finds the names closer. Only as a second reading: a typo may end a name in the letters
    // ("Kwwaben" for Kwabena), and the name as written still finds its own.
    if matches!(as_written, Level::Exact | Level::Nickname) {
        return as_written;
    }
    let (stem_a, stem_b) = (without_closing_particle(a), without_closing_particle(b));
    if stem_a == a && stem_b == b {
        return as_written;
    }
    let (sound_a, sound_b) = (Spoken::of(&stem_a), Spoken::of(&stem_b));
    match (
        as_written,
        compare_forename_as_written(&stem_a, &stem_b, &sound_a, &sound_b),
    ) {
        (_, level @ (Level::Exact | Level::Nickname | Level::Close)) => level,
        (Level::Different, level @ (Level::Similar | Level::SoundsAlike)) => level,
        _ => as_written,
    }
}

fn compare_forename_as_written(a: &str, b: &str, sound_a: &Spoken, sound_b: &Spoken) -> Level {
    if a.is_empty() || b.is_empty() {
        return Level::Missing;
    }
    if a == b {
        return Level::Exact;
    }
    // Singh, Kaur or Begum alone in the forename field (a record with its names swapped, or a woman recorded by
    // the word alone) says no more than an empty field: "Singh" is not "Harpreet Singh", whose twin is "Harjeet
    // Singh".
    if NOT_FAMILY_NAMES.contains(&a) || NOT_FAMILY_NAMES.contains(&b) {
        return Level::Missing;
    }
    if familiar_form(a, b) {
        return Level::Nickname;
    }
    // Initials only: one letter, or single letters ("D L" for Daniel Lee).
    let is_initial = |s: &str| {
        s.split([' ', '-'])
            .all(|part| part.chars().nth(1).is_none())
    };
    if is_initial(a) || is_initial(b) {
        return if a.chars().next() == b.chars().next() {
            Level::Initial
        } else {
            Level::Different
        };
    }
    // One record holds a middle or second forename the other lacks ("John Paul", "John"; "Mary-Jane", "Mary").
    if a.contains([' ', '-']) || b.contains([' ', '-']) {
        // The same parts in another order: a Vietnamese middle name before or after the given name ("Hoa Thi",
        // "Thi Hoa"), a middle name recorded first. Siblings share parts but not all of them. Not where the
        // first names are two names (Ahmed Mohamed and Mohamed Ahmed: a given name and a father's name, so
        // cousins, or a father and son).
        let (first_a, first_b) = (first_part(a), first_part(b));
        if same_parts_reordered(a, b) && !names_apart(first_a, first_b) {
            return Level::Close;
        }
        // "Daniel Lee" and "Danny"; "Muhammad Rizwan" and "Mohamed"; "Emeka Daniel" and "Chukwuemeka".
        let same_first = first_a == first_b || familiar_form(first_a, first_b);
        // A name written by its initial ("Jose A", "M Imran") agrees with one it begins.
        let initial_of =
            |initial: &str, name: &str| initial.chars().count() == 1 && name.starts_with(initial);
        if same_first {
            // Both records hold a further part and the parts plainly differ: brothers named Muhammad first
            // ("Mohammed Zubair", "Mohammed Imran"), or siblings sharing a middle name ("Van Minh", "Van Hung").
            // A Gujarati or Hindi particle in the middle ("Bhavin Kumar", "Hetal Ben") names no one, and a
            // father's name is his name with or without it ("Bhavin Rameshbhai", "Bhavin Ramesh").
            let (rest_a, rest_b) = (after_first_part(a), after_first_part(b));
            let (rest_a, rest_b) = (without_particles(rest_a), without_particles(rest_b));
            if !rest_a.is_empty()
                && !rest_b.is_empty()
                && !initial_of(&rest_a, &rest_b)
                && !initial_of(&rest_b, &rest_a)
                && !nicknames::same_name(&rest_a, &rest_b)
                && (similarity(&rest_a, &rest_b, &Spoken::of(&rest_a), &Spoken::of(&rest_b))
                    == Level::Different
                    // Twins' names one consonant apart after the Prophet's name (Mohammed Rumel and
                    // Mohammed Ruhel) are two names, as they are alone.
                    || names_apart(&rest_a, &rest_b))
            {
                return Level::Different;
            }
            return if first_a == first_b {
                Level::Close
            } else {
                Level::Nickname
            };
        }
        // The same further part after first names that plainly differ: siblings given their father's name after
        // their own (Gujarati "Hina Bharat" and "Meena Bharat"; Somali, Eritrean and Bulgarian patronymics),
        // which Jaro-Winkler over the whole names finds alike. A first name mistyped by one keystroke, or written
        // by its initial, is the same name.
        let (rest_a, rest_b) = (after_first_part(a), after_first_part(b));
        if !rest_a.is_empty()
            && without_particles(rest_a) == without_particles(rest_b)
            && !initial_of(first_a, first_b)
            && !initial_of(first_b, first_a)
            && (names_apart(first_a, first_b)
                || (!one_keystroke_apart(first_a, first_b)
                    && similarity(first_a, first_b, &Spoken::of(first_a), &Spoken::of(first_b))
                        == Level::Different))
        {
            return Level::Different;
        }
        // First names spelt or sounding alike where at most one record holds a further part: "Jama" and
        // "Jaamac Ahmed" (Somali spelling), "Mark Lee" and "Marc". Not names alike only by Jaro-Winkler
        // (Rakesh, Rajesh Jayant), nor one that opens the other (Juanma, Juan Carlos); and twins' and siblings'
        // names stay apart as they do for single names below.
        let (rest_a, rest_b) = (after_first_part(a), after_first_part(b));
        if (rest_a.is_empty() || rest_b.is_empty())
            && !first_a.starts_with(first_b)
            && !first_b.starts_with(first_a)
        {
            let level = similarity(first_a, first_b, &Spoken::of(first_a), &Spoken::of(first_b));
            if matches!(level, Level::Close | Level::SoundsAlike) && !names_apart(first_a, first_b)
            {
                return level;
            }
        }
        // The first name written by its initial before the name in use, which agrees: "M Imran" and "Mohammed
        // Imran", "J Paul" and "John Paul". Brothers named Muhammad first differ in the second name, not here.
        if initial_of(first_a, first_b) || initial_of(first_b, first_a) {
            let (rest_a, rest_b) = (after_first_part(a), after_first_part(b));
            if !rest_a.is_empty() && (rest_a == rest_b || nicknames::same_name(rest_a, rest_b)) {
                return Level::Close;
            }
        }
        // One record holds only the name the person goes by, the other's second part: "Zubair" of "Mohammed
        // Zubair" (Muhammad as a first name before the name in use), "Michael" of "James Michael".
        if has_part(a, b) || has_part(b, a) {
            return Level::Close;
        }
        // Or that second part spelt another way ("Zishan" of "Mohammed Zeeshan", "Tariq" of "Muhammad Tarik"),
        // or its familiar form ("Geoff" of "Thomas Geoffrey", "Harry" of "William Henry").
        let later_part_as = |whole: &str, single: &str, same: &dyn Fn(&str, &str) -> bool| {
            !single.contains([' ', '-'])
                && after_first_part(whole)
                    .split([' ', '-'])
                    .any(|part| same(part, single))
        };
        // Five letters at least: among short names one keystroke or one sound is often another name (Vietnamese
        // Minh and Manh, Anh and Ann).
        let spelt_alike = |part: &str, single: &str| {
            part.len() >= 5
                && single.len() >= 5
                && !names_apart(part, single)
                && (jaro_winkler(part, single) >= 0.92
                    || one_keystroke_apart(part, single)
                    || Spoken::of(part).alike(&Spoken::of(single)))
        };
        // An English name before the name the other record holds in full ("Alan Ka-Ming", "Ka Ming"); a
        // hyphen and a space between a name's parts are one.
        let rest_is = |whole: &str, other: &str| {
            let rest = after_first_part(whole);
            rest.len() == other.len()
                && rest
                    .bytes()
                    .zip(other.bytes())
                    .all(|(x, y)| x == y || (x == b'-' && y == b' ') || (x == b' ' && y == b'-'))
        };
        if rest_is(a, b) || rest_is(b, a) {
            return Level::Close;
        }
        if later_part_as(a, b, &nicknames::same_name) || later_part_as(b, a, &nicknames::same_name)
        {
            return Level::Nickname;
        }
        if later_part_as(a, b, &spelt_alike) || later_part_as(b, a, &spelt_alike) {
            return Level::Close;
        }
        // Two initials run together as the name used ("TJ" for Thomas Joseph, "PJ" for Patrick John).
        if initials_of(b, a) || initials_of(a, b) {
            return Level::Initial;
        }
    }
    let level = match similarity(a, b, sound_a, sound_b) {
        // One keystroke in a short name ("Tom" keyed "Otm", "Roy" as "Rpy") moves Jaro-Winkler below every
        // threshold; Splink's name comparisons keep a Damerau-Levenshtein level for it.
        Level::Different if a.len() >= 3 && b.len() >= 3 && one_keystroke_apart(a, b) => {
            Level::Similar
        }
        level => level,
    };
    // Asked only of names found alike, not of every candidate pair: this runs for millions of them.
    // First parts: a whole single name is its own first part, and brothers Hasan and Hussein stay apart
    // before a father's name ("Xasan Abdy", "Hussain Abdi").
    // A single name is its own first part: asked once.
    let (first_a, first_b) = (first_part(a), first_part(b));
    if level != Level::Different
        && (names_apart(first_a, first_b) || ((first_a, first_b) != (a, b) && names_apart(a, b)))
    {
        return Level::Different;
    }
    level
}

/// Whether two names of more than one part hold the same parts, in another order.
fn same_parts_reordered(a: &str, b: &str) -> bool {
    fn parts(name: &str) -> Vec<&str> {
        let mut parts: Vec<&str> = name.split([' ', '-']).filter(|p| !p.is_empty()).collect();
        parts.sort_unstable();
        parts
    }
    let (parts_a, parts_b) = (parts(a), parts(b));
    parts_a.len() > 1 && parts_a == parts_b
}

/// Whether two names found alike are nonetheless two names, as twins and siblings are given: one consonant
/// apart (Bhavik and Bhavin), a masculine and a feminine form, or listed names one vowel apart. Asked only of
/// names found alike, not of every candidate pair: this runs for millions of them.
fn names_apart(a: &str, b: &str) -> bool {
    // "Abdul", "Abdur" and "Abdus" are one word, 'Abd al- ("servant of the"), its article written as it sounds
    // before the name that follows (Abdur Rahman, Abdus Salam): one consonant apart, but not two names.
    const SERVANT_OF: &[&str] = &[
        "abdul", "abdur", "abdus", "abdun", "abdel", "abdal", "abdool", "abdoul", "abdil",
    ];
    let (first_a, first_b) = (first_part(a), first_part(b));
    if SERVANT_OF.contains(&first_a)
        && SERVANT_OF.contains(&first_b)
        && after_first_part(a) == after_first_part(b)
    {
        return false;
    }
    distinct_names(a, b)
        || one_consonant_apart(a, b)
        || masculine_and_feminine(a, b)
        || listed_names_one_vowel_apart(a, b)
        || devotional_stems_differ(a, b)
        || punjabi_closings_differ(a, b)
        || ahmed_and_muhammad(a, b)
}

/// Whether the two whole names are Ahmed and Muhammad, each in any of its spellings: two names of one root,
/// often given to brothers and twins. Only whole names: "Mohammed Ahmed" is Ahmed with the Prophet's name
/// before it, as many Muslim men's records hold it.
fn ahmed_and_muhammad(a: &str, b: &str) -> bool {
    const AHMED: &[&str] = &["ahmed", "ahmad", "ahmet", "axmed", "axmad", "ahmedou"];
    const MUHAMMAD: &[&str] = &[
        "muhammad", "mohammed", "mohammad", "mohamed", "muhammed", "mohamad", "mehmet", "maxamed",
        "mohamud", "mahamed",
    ];
    (AHMED.contains(&a) && MUHAMMAD.contains(&b)) || (AHMED.contains(&b) && MUHAMMAD.contains(&a))
}

/// The closing elements of Punjabi given names, each with the spellings it is recorded in: -preet or -prit,
/// -deep or -dip, -jeet or -jit, -meet or -mit, -vinder or -winder, and others. A name is an opening (Jas-,
/// Gur-, Sukh-) and one of these.
const PUNJABI_CLOSINGS: &[&[&str]] = &[
    &["preet", "prit", "preit"],
    &["deep", "dip", "deip"],
    &["jeet", "jit", "jeit"],
    &["meet", "mit"],
    &["jinder", "jindar"],
    &["vinder", "winder", "vindar", "windar"],
    &["minder", "mindar"],
    &["pinder", "pindar"],
    &["inder", "indar"],
    &["pal", "paal"],
    &["bir", "vir", "veer"],
    &["jot", "jyot"],
    &["want", "vant"],
];

/// The opening of a Punjabi given name and which of [`PUNJABI_CLOSINGS`] closes it, the longest closing first
/// ("harjinder" is har and jinder, not harj and inder). The opening has at least two letters, so English
/// names that end alike (Smit, Opal) are not read as such.
fn punjabi_parts(name: &str) -> Option<(&str, usize)> {
    let mut best: Option<(&str, usize, usize)> = None;
    for (group, spellings) in PUNJABI_CLOSINGS.iter().enumerate() {
        for closing in spellings.iter() {
            if let Some(opening) = name.strip_suffix(closing)
                && opening.len() >= 2
                && best.is_none_or(|(_, _, len)| closing.len() > len)
            {
                best = Some((opening, group, closing.len()));
            }
        }
    }
    best.map(|(opening, group, _)| (opening, group))
}

/// Whether two Punjabi given names share their opening but close with two different elements: Jaspreet and
/// Jasmeet, Gurpreet and Gurdeep, Sukhdeep and Sukhvinder are two names, given to twins and siblings, however
/// alike their letters. Spellings of one closing (Jaspreet and Jasprit) are one name, and so are two names one
/// keystroke apart: a dropped letter turns Parminder into "Parinder", which reads as another closing.
fn punjabi_closings_differ(a: &str, b: &str) -> bool {
    match (punjabi_parts(a), punjabi_parts(b)) {
        (Some((opening_a, closing_a)), Some((opening_b, closing_b))) => {
            opening_a == opening_b && closing_a != closing_b && !one_keystroke_apart(a, b)
        }
        _ => false,
    }
}

/// Whether two names close with the same name of God or the faith but open with plainly different names
/// (Zabihullah and Hamidullah, Salahuddin and Nasiruddin): the shared closing makes them look alike, as
/// brothers' names often do, but the opening is the name.
fn devotional_stems_differ(a: &str, b: &str) -> bool {
    DEVOTIONAL_CLOSINGS.iter().any(|closing| {
        match (a.strip_suffix(closing), b.strip_suffix(closing)) {
            (Some(x), Some(y)) if x.len() >= 2 && y.len() >= 2 && x != y => {
                jaro_winkler(x, y) < 0.8 && !Spoken::of(x).alike(&Spoken::of(y))
            }
            _ => false,
        }
    })
}

/// A forename's later parts without Gujarati and Hindi particles: Kumar and Kumari (written "Kr" too), and bhai
/// and ben, standing alone or closing a father's or husband's name ("Rameshbhai" is Ramesh). One record of a
/// person may hold the particle, another the father's name, a third neither; a father's name, with or without
/// its particle, still tells two men of one given name apart.
fn without_particles(rest: &str) -> std::borrow::Cow<'_, str> {
    const PARTICLES: &[&str] = &["kumar", "kumari", "kr", "bhai", "ben", "behn"];
    if !rest
        .split([' ', '-'])
        .any(|part| PARTICLES.contains(&part) || stem_before_particle(part).is_some())
    {
        return std::borrow::Cow::Borrowed(rest);
    }
    let kept: Vec<&str> = rest
        .split([' ', '-'])
        .filter(|part| !PARTICLES.contains(part))
        .map(|part| stem_before_particle(part).unwrap_or(part))
        .collect();
    std::borrow::Cow::Owned(kept.join(" "))
}

/// A name closing with the Gujarati particle bhai or ben, without it: "rameshbhai" is "ramesh". A man is called
/// by his name and bhai ("brother"), a woman by hers and ben ("sister"), and records hold either form of the
/// given name as of the father's name after it. At least four letters must stay, so that a name merely ending
/// in the letters (Reuben) is left whole.
fn stem_before_particle(part: &str) -> Option<&str> {
    const CLOSINGS: &[&str] = &["bhai", "ben", "behn"];
    CLOSINGS
        .iter()
        .find_map(|closing| part.strip_suffix(closing).filter(|stem| stem.len() >= 4))
}

/// A forename whose first part closes with bhai or ben, with the particle dropped from that part ("Yusufbhai"
/// is Yusuf, "Manishaben Dinesh" is Manisha Dinesh). Later parts are read the same way (`without_particles`).
fn without_closing_particle(forename: &str) -> std::borrow::Cow<'_, str> {
    let (first, rest) = forename.split_once(' ').unwrap_or((forename, ""));
    match stem_before_particle(first) {
        Some(stem) if rest.is_empty() => stem.into(),
        Some(stem) => format!("{stem} {rest}").into(),
        None => forename.into(),
    }
}

/// Whether `short`, two letters, is the run-together initials of the two parts of `full` ("tj" of "thomas
/// joseph"), as a name used in place of both.
fn initials_of(short: &str, full: &str) -> bool {
    // Asked of many candidate pairs: most forenames are longer than two letters.
    if short.len() != 2 {
        return false;
    }
    let mut parts = full.split([' ', '-']).filter(|part| !part.is_empty());
    let (Some(first), Some(second), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    short.as_bytes().first() == first.as_bytes().first()
        && short.as_bytes().get(1) == second.as_bytes().first()
}

/// Whether two forenames are the masculine and feminine forms of one name, given to a brother and sister or to
/// twins: Daniel and Daniela or Danielle, Adrian and Adriana, Jan and Jana, Andrei and Andreea, Louis and
/// Louise. A feminine -a after a consonant, -e after -is, -le after -iel, and Romanian -ea for -i. Not a final -o
/// against -a (Somali writes Sahro and Sahra for one name) nor -le after any -l (Chantel and Chantelle are one
/// name); and Ann and Anna, Joan and Joana are one English name written two ways.
fn masculine_and_feminine(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 3 || short.contains([' ', '-']) || long.contains([' ', '-']) {
        return false;
    }
    // Romanian -i and -ea (Andrei and Andreea).
    if let Some(stem) = short.strip_suffix('i')
        && long.strip_prefix(stem) == Some("ea")
    {
        return true;
    }
    let ends_in_consonant = short.bytes().last().is_some_and(is_consonant);
    match long.strip_prefix(short) {
        Some("a") => ends_in_consonant && !["ann", "joan", "hann"].contains(&short),
        Some("e") => short.ends_with("is"),
        Some("le") => short.ends_with("iel"),
        _ => false,
    }
}

/// Whether two forenames differ in one consonant, a slip no finger makes and no spelling convention explains:
/// two names (Amin and Amir, Zaid and Zain, Sakib and Rakib, Harley and Harvey), not one mistyped. A slip hits
/// a neighbouring key ("Amim"); transliteration swaps letters that one sound is written with (Somali x for h,
/// Polish w for v, k and q, c and k, d and t).
fn one_consonant_apart(a: &str, b: &str) -> bool {
    let Some((_, x, y)) = one_letter_apart(a, b) else {
        return false;
    };
    is_consonant(x) && is_consonant(y) && !neighbouring_keys(x, y) && !spelt_for_one_sound(x, y)
}

/// Where two names of one length differ, if in exactly one byte: its position and the two bytes.
fn one_letter_apart(a: &str, b: &str) -> Option<(usize, u8, u8)> {
    if a.len() != b.len() {
        return None;
    }
    let mut differing = a
        .bytes()
        .zip(b.bytes())
        .enumerate()
        .filter(|(_, (x, y))| x != y);
    match (differing.next(), differing.next()) {
        (Some((at, (x, y))), None) => Some((at, x, y)),
        _ => None,
    }
}

/// Whether two forenames one vowel apart are each a listed form of a different name: Tim and Tom, Timmy and
/// Tommy, Dan and Don, Jan and Jon, brothers' and twins' names. A vowel slip in an unlisted name stays a
/// spelling ("Mohamed", "Muhamed"), and so do two spellings listed as one name; a final vowel is how languages
/// write one name (Natalia and Natalie, Maria and Marie), not a second name.
fn listed_names_one_vowel_apart(a: &str, b: &str) -> bool {
    let Some((at, x, y)) = one_letter_apart(a, b) else {
        return false;
    };
    at + 1 != a.len() && is_vowel(x) && is_vowel(y) && nicknames::different_listed_names(a, b)
}

/// Whether a byte of a folded name is one of the five written vowels.
fn is_vowel(c: u8) -> bool {
    b"aeiou".contains(&c)
}

/// Whether a byte of a folded name is a consonant (y counted as a vowel, as names use it).
fn is_consonant(c: u8) -> bool {
    c.is_ascii_lowercase() && !b"aeiouy".contains(&c)
}

/// Whether two letters are neighbouring keys on a QWERTY keyboard (rows staggered, each half a key right of
/// the one above).
fn neighbouring_keys(x: u8, y: u8) -> bool {
    const ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    let place = |c: u8| {
        ROWS.iter()
            .enumerate()
            .find_map(|(row, keys)| keys.iter().position(|&k| k == c).map(|at| (row, at)))
    };
    let (Some((row_x, at_x)), Some((row_y, at_y))) = (place(x), place(y)) else {
        return false;
    };
    match row_x.abs_diff(row_y) {
        0 => at_x.abs_diff(at_y) == 1,
        // A key touches the two keys above it: its own column and the next.
        1 => {
            let (upper, lower) = if row_x < row_y {
                (at_x, at_y)
            } else {
                (at_y, at_x)
            };
            upper == lower || upper == lower + 1
        }
        _ => false,
    }
}

/// Whether two consonants write one sound in some romanisation or spelling of names: Somali x and h (Xasan,
/// Hassan), Polish and German w and v, k, q, c and g, d and t (Tamil and Amharic), b and p, s and z, j and y, f
/// and v, j and g.
fn spelt_for_one_sound(x: u8, y: u8) -> bool {
    const ONE_SOUND: &[&[u8]] = &[b"xh", b"vwf", b"kqcg", b"dt", b"bpv", b"szc", b"jyg"];
    ONE_SOUND
        .iter()
        .any(|letters| letters.contains(&x) && letters.contains(&y))
}

/// Whether `short` is the short form of the Yoruba name `long`: the name without the first of its compounded
/// parts ("Wale" of "Adewale", "Seyi" of "Oluwaseyi", "Tunde" of "Babatunde", "Sade" of "Folasade"). Yoruba
/// names are compounds and are commonly used, and recorded, without the opening part (God, crown, joy).
fn yoruba_short_form(long: &str, short: &str) -> bool {
    const OPENING_PARTS: &[&str] = &[
        "oluwa", "olu", "ade", "ayo", "fola", "oye", "ola", "ife", "baba", "temi", "oyin", "tolu",
        "omo",
    ];
    short.len() >= 3
        && long
            .strip_suffix(short)
            .is_some_and(|opening| OPENING_PARTS.contains(&opening))
}

/// The closings of Arabic, Pashto and Urdu names that end with God's name or the faith's ("-ullah", "-uddin"), in
/// their common spellings.
const DEVOTIONAL_CLOSINGS: &[&str] = &["ullah", "ulla", "allah", "uddin", "uddeen", "udin"];

/// Whether `short` is the short form of the Arabic, Pashto or Urdu name `long` that closes with God's name or
/// the faith's: the name without it ("Noor" of "Noorullah", "Zabi" of "Zabihullah", "Sami" of "Samiullah",
/// "Salah" of "Salahuddin"), as such names are commonly used, and recorded.
fn devotional_short_form(long: &str, short: &str) -> bool {
    short.len() >= 3
        && DEVOTIONAL_CLOSINGS.iter().any(|closing| {
            long.strip_suffix(closing)
                .is_some_and(|stem| stem == short || stem.strip_suffix('h') == Some(short))
        })
}

/// Whether `short` is the short form of the Punjabi name `long` by its closing part, as Sikh given names are
/// commonly used: "Preet" of "Harpreet" or "Manpreet", "Deep" of "Amandeep", "Jeet" of "Manjeet", "Inder" of
/// "Harinder". The name's opening (Har-, Man-, Gur-) is what tells such names apart, so each short form agrees
/// with every name it closes, as "Jas" does in the familiar-form table.
fn punjabi_short_form(long: &str, short: &str) -> bool {
    const CLOSINGS: &[&str] = &["preet", "deep", "dip", "jeet", "jit", "inder", "pal"];
    CLOSINGS.contains(&short)
        && long
            .strip_suffix(short)
            .is_some_and(|opening| opening.len() >= 2)
}

/// Whether `short` is the short form of the Igbo name `long`: the name without God's name that opens or closes
/// it ("Emeka" of "Chukwuemeka", "Nedu" of "Chinedu", "Ifeanyi" of "Ifeanyichukwu", "Ike" of "Ikechukwu"), as
/// Igbo names are commonly used and recorded.
fn igbo_short_form(long: &str, short: &str) -> bool {
    const GOD: &[&str] = &["chukwu", "chi"];
    short.len() >= 3
        && GOD.iter().any(|god| {
            long.strip_prefix(god) == Some(short) || long.strip_suffix(god) == Some(short)
        })
}

/// Forenames that sound alike and are spelt alike but are two names, often given to brothers, sisters or
/// twins: Hasan and Husayn, the Prophet's grandsons, in each of their transliterations (Arabic, Somali, Persian,
/// Turkish Hüseyin, Albanian Hysen), and others below.
const DISTINCT_ALIKE: &[(&[&str], &[&str])] = &[
    (
        &["hasan", "hassan", "hasen", "hassen", "xasan", "xassan"],
        &[
            "husain", "hussain", "hussein", "husein", "hossein", "hosein", "husayn", "hussayn",
            "xuseen", "xusseen", "xuseyn", "huseyin", "husseyin", "huseyn", "hysen",
        ],
    ),
    // Kelly and the Kayleigh names share their sound code and their first letters; sisters carry both.
    (
        &["kelly", "kelley", "kellie"],
        &["kayleigh", "kayley", "kaylee", "kayla", "kailey", "kaleigh"],
    ),
    // Polish names that begin alike: Marcin is Martin, Mariusz is Marius, Marek is Mark.
    (&["marcin"], &["mariusz", "marek"]),
    (&["mariusz"], &["marek"]),
    // Brothers' names that open with Ty (Tyrone, Tyrese, Tyrell), common among Caribbean families and given to
    // twins, share their first letters and sound code.
    (
        &["tyrone"],
        &[
            "tyrese", "tyreese", "tyreece", "tyrell", "tyrel", "tyreke", "tyrique",
        ],
    ),
    (
        &["tyrese", "tyreese", "tyreece"],
        &["tyrell", "tyrel", "tyreke", "tyrique"],
    ),
    // Mario is Marius, not Mark: Slovak and Czech families give Mário and Marek to brothers.
    (
        &["mario"],
        &["marek", "mark", "marc", "marco", "marko", "marcin"],
    ),
];

/// Whether `a` and `b` are the two names of a [`DISTINCT_ALIKE`] pair.
fn distinct_names(a: &str, b: &str) -> bool {
    DISTINCT_ALIKE.iter().any(|(one, other)| {
        (one.contains(&a) && other.contains(&b)) || (one.contains(&b) && other.contains(&a))
    })
}

/// Whether two different strings are one keystroke apart: one character substituted, inserted or deleted, or
/// two adjacent characters swapped (optimal string alignment distance 1). Byte by byte and without
/// allocating, since it runs for most candidate pairs; a slip in a multi-byte letter counts as more than one.
fn one_keystroke_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    let (short_rest, long_rest) = (short.get(prefix..), long.get(prefix..));
    let (Some(short_rest), Some(long_rest)) = (short_rest, long_rest) else {
        return false;
    };
    if short.len() < long.len() {
        // One insertion: the rest of the longer string, less its first character, is the rest of the shorter.
        return long_rest.get(1..) == Some(short_rest);
    }
    // Equal lengths: one substitution, or an adjacent transposition.
    let substituted = short_rest.get(1..) == long_rest.get(1..);
    let transposed = short_rest.len() >= 2
        && short_rest.first() == long_rest.get(1)
        && short_rest.get(1) == long_rest.first()
        && short_rest.get(2..) == long_rest.get(2..);
    !short_rest.is_empty() && (substituted || transposed)
}

/// The first of a name's parts: "john" of "john paul", "mary" of "mary-jane".
fn first_part(name: &str) -> &str {
    name.split([' ', '-']).next().unwrap_or(name)
}

/// What follows a name's first part: "paul" of "john paul", "" of "john".
fn after_first_part(name: &str) -> &str {
    name.split_once([' ', '-']).map_or("", |(_, rest)| rest)
}

/// Whether `name` has several parts and `part` is one of them ("jones" of "smith-jones"). Split in place, not
/// into owned parts: this runs for every candidate pair.
fn has_part(name: &str, part: &str) -> bool {
    name.contains([' ', '-']) && name.split([' ', '-']).any(|p| p == part)
}

/// Names recorded in the surname field that are not family names: Sikh men and women take Singh and Kaur, and
/// many Muslim women of South Asian families Begum, Bibi or Khatun, beside or instead of a family name. Against
/// a family name they say nothing either way ("Gurpreet Singh" and "Gurpreet Sandhu" may be one man); against
/// each other they differ as any two surnames do.
const NOT_FAMILY_NAMES: &[&str] = &["singh", "kaur", "begum", "bibi", "khatun"];

/// Whether exactly one of two surnames is in [`NOT_FAMILY_NAMES`]: Singh against Kaur is two such names, as a
/// brother and sister would hold them.
fn one_not_family_name(a: &str, b: &str) -> bool {
    NOT_FAMILY_NAMES.contains(&a) != NOT_FAMILY_NAMES.contains(&b)
}

/// Marks a comparison whose surnames were set aside because one is not a family name, so its evidence says why,
/// and one whose surnames are Singh and Kaur, which no change of name explains; and one whose dates of birth
/// agree on a 1 January, which may be a placeholder (see [`Comparison::veto`]). A surname disagreement between
/// records that agree on forename and birthday weighs less (see [`NAME_CHANGE_SURNAME_SHARE`]).
fn note_surnames_and_birthday(comparison: &mut Comparison, a: &Prepared, b: &Prepared) {
    comparison.first_of_january_dob =
        comparison.level(Field::Dob) == Level::Exact && a.dob.is_some_and(is_first_of_january);
    comparison.estimated_beside_real_dob = comparison.level(Field::Dob) == Level::Different
        && a.dob
            .zip(b.dob)
            .is_some_and(|(x, y)| estimated_beside_real(x, y));
    comparison.surname_not_family_name = comparison.level(Field::Surname) == Level::Missing
        && !comparison.swapped_names
        && !a.surname.is_empty()
        && !b.surname.is_empty()
        && one_not_family_name(&a.surname, &b.surname);
    comparison.singh_and_kaur = !comparison.swapped_names
        && matches!(
            (a.surname.as_str(), b.surname.as_str()),
            ("singh", "kaur") | ("kaur", "singh")
        );
    if comparison.level(Field::Surname) == Level::Different
        && comparison.same_forename_and_real_birthday()
        && !comparison.singh_and_kaur
    {
        let surname = comparison.field_weight(Field::Surname);
        comparison.name_change =
            comparison.reweigh(Field::Surname, surname * NAME_CHANGE_SURNAME_SHARE);
    }
}

/// The share of a surname disagreement's weight that counts when the forename as written and a real birthday
/// (no 1 January placeholder; the same date or one slip apart) agree. Fellegi-Sunter takes the fields for
/// independent, and a change of name is where they are not: a marriage changes the surname and nothing else, so
/// among the pairs of one person that agree on forename and birthday a different surname is far commoner than
/// across all pairs of one person, most of whose surname disagreements come with a mistyped forename or date as
/// well. Across the hand-written nominal files a share of 0.3 (0 and 0.5 do as well) raised pooled recall from
/// 0.914 to 0.921 at the same precision (46 files); counting a birthday one slip apart as agreeing here too
/// raised it from 0.920 to 0.921 over the 50 files held later, again at the same precision. On the synthetic
/// force file, where strangers share forenames and birthdays and nobody changes name, neither changed the F1
/// (0.938), and a share of 0 cost precision there.
const NAME_CHANGE_SURNAME_SHARE: f64 = 0.3;

fn compare_surname(a: &str, b: &str, sound_a: &Spoken, sound_b: &Spoken) -> Level {
    if a.is_empty() || b.is_empty() {
        return Level::Missing;
    }
    if a == b {
        return Level::Exact;
    }

    // A double-barrelled surname recorded by one half ("Smith-Jones", "Jones") is a close match.
    if has_part(a, b) || has_part(b, a) {
        return Level::Close;
    }
    // A surname recorded by its initial: weak agreement where the letter is the other's first.
    let is_initial = |s: &str| s.chars().nth(1).is_none();
    if is_initial(a) || is_initial(b) {
        return if a.chars().next() == b.chars().next() {
            Level::Initial
        } else {
            Level::Different
        };
    }
    match similarity(a, b, sound_a, sound_b) {
        Level::Different if one_not_family_name(a, b) => Level::Missing,
        level => level,
    }
}

fn similarity(a: &str, b: &str, sound_a: &Spoken, sound_b: &Spoken) -> Level {
    let jw = jaro_winkler(a, b);
    if jw >= 0.92 {
        Level::Close
    } else if sound_a.alike(sound_b) {
        Level::SoundsAlike
    } else if jw >= 0.80 {
        Level::Similar
    } else {
        Level::Different
    }
}

/// Jaro-Winkler similarity, as `strsim::jaro_winkler` computes it and to the same bit. Names are almost always
/// ASCII and short, and for those it works on bytes with each string's matched letters held as bits of one
/// word: `strsim` walks `char`s and allocates its flags on the heap, and this runs several times for each of
/// millions of candidate pairs. Anything else goes to `strsim`.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if !(a.is_ascii() && b.is_ascii() && x.len() <= 64 && y.len() <= 64) {
        return strsim::jaro_winkler(a, b);
    }
    if x.is_empty() || y.is_empty() {
        return if x.is_empty() && y.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let search_range = (x.len().max(y.len()) / 2).saturating_sub(1);
    // Bit i of each is set where letter i of that string has been matched.
    let (mut x_matched, mut y_matched) = (0u64, 0u64);
    let mut matches = 0usize;
    for (i, &letter) in x.iter().enumerate() {
        let window = i.saturating_sub(search_range)..y.len().min(i + search_range + 1);
        let found = window
            .into_iter()
            .find(|&j| y.get(j) == Some(&letter) && y_matched & (1 << j) == 0);
        if let Some(j) = found {
            x_matched |= 1 << i;
            y_matched |= 1 << j;
            matches += 1;
        }
    }
    if matches == 0 {
        return 0.0;
    }
    // Matched letters of each string in order; half of the places where they disagree are transpositions.
    fn in_order(word: &[u8], matched: u64) -> impl Iterator<Item = u8> + '_ {
        word.iter()
            .enumerate()
            .filter(move |(i, _)| matched & (1 << i) != 0)
            .map(|(_, &letter)| letter)
    }
    let transpositions = in_order(x, x_matched)
        .zip(in_order(y, y_matched))
        .filter(|(p, q)| p != q)
        .count()
        / 2;
    let sim = ((matches as f64 / x.len() as f64)
        + (matches as f64 / y.len() as f64)
        + ((matches - transpositions) as f64 / matches as f64))
        / 3.0;
    if sim > 0.7 {
        let prefix = x.iter().take(4).zip(y).take_while(|(p, q)| p == q).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

fn compare_exact(a: &str, b: &str) -> Level {
    if a.is_empty() || b.is_empty() {
        Level::Missing
    } else if a == b {
        Level::Exact
    } else {
        Level::Different
    }
}

/// PNC ids: equal, one keystroke apart (a mistyped id), or different people's.
fn compare_pnc(a: &str, b: &str) -> Level {
    match compare_exact(a, b) {
        Level::Different if one_keystroke_apart(a, b) => Level::Close,
        level => level,
    }
}

/// Years between a parent's birth and a child's, at the least.
const GENERATION_YEARS: i32 = 15;

/// Dates of birth. A date of 1 January against another date in the same year that no slip explains is taken
/// for a placeholder, and is no evidence either way: systems record a birthday known only by its year (an
/// age estimated on arrival, a year from a relative) as 1 January.
fn compare_dob(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Level {
    let (Some(a), Some(b)) = (a, b) else {
        return Level::Missing;
    };
    let level = compare_dob_as_written(a, b);
    if level == Level::Different
        && a.year() == b.year()
        && (is_first_of_january(a) || is_first_of_january(b))
    {
        return Level::Missing;
    }
    // Two placeholders in different years are two estimates of an age, not a date keyed with a slip. Up to
    // [`AGE_ESTIMATE_YEARS`] apart they say nothing either way: cousins given estimated ages share them as
    // often as one person does, and an age estimated by eye is revised by a year or two when it is assessed
    // (an unaccompanied child recorded at 16 on arrival and at 18 after an age assessment). Further apart they
    // are two people (1976 and 1986 are one digit apart, but no one estimates an age ten years out twice);
    // at three years apart the hand-written files held namesakes as often as one person.
    if a != b && is_first_of_january(a) && is_first_of_january(b) {
        return if (a.year() - b.year()).abs() <= AGE_ESTIMATE_YEARS {
            Level::Missing
        } else {
            Level::Different
        };
    }
    level
}

/// How far apart, in years, two estimated ages (dates of birth of 1 January) of one person may be.
const AGE_ESTIMATE_YEARS: i32 = 2;

fn is_first_of_january(date: NaiveDate) -> bool {
    date.month() == 1 && date.day() == 1
}

fn compare_dob_as_written(a: NaiveDate, b: NaiveDate) -> Level {
    if a == b {
        return Level::Exact;
    }
    if a.year() == b.year() && a.month() == b.day() && a.day() == b.month() {
        return Level::DayMonthSwapped;
    }
    if (a - b).num_days().abs() == 1 {
        return Level::OneDay;
    }
    let four_digit_year = |d: NaiveDate| (0..=9999).contains(&d.year());
    if !(four_digit_year(a) && four_digit_year(b)) {
        return Level::Different;
    }
    let (da, db) = (date_digits(a), date_digits(b));
    let mut differing = (0..da.len()).filter(|&i| da.get(i) != db.get(i));
    let (first, second, third) = (differing.next(), differing.next(), differing.next());
    match (first, second, third) {
        (Some(_), None, _) => Level::OneDigit,
        (Some(i), Some(j), None)
            if j == i + 1 && da.get(i) == db.get(j) && da.get(j) == db.get(i) =>
        {
            Level::Transposed
        }
        // Two slips, unless only the year differs and by a generation: the same birthday a generation apart
        // at one address is a parent and child named alike (David Hughes senior and junior), not two slips.
        _ if a.month() == b.month()
            && a.day() == b.day()
            && (a.year() - b.year()).abs() >= GENERATION_YEARS =>
        {
            Level::Different
        }
        // Two slips: two digits, or a day and month swap and one digit (1938-02-01 for 1983-01-02). Not where the
        // slips put the years a generation apart and no transposition of the year's last two digits explains it
        // (1962-03-03 and 1992-09-03): a mother and daughter named alike are likelier than two slips, one of
        // them in the decade.
        _ if !generation_apart(a.year(), b.year())
            && (third.is_none() || two_slips_at_most(&da, &db)) =>
        {
            Level::Near
        }
        _ => Level::Different,
    }
}

/// Whether two dates' digits, differing in more than two places, are two slips apart at most: two digits, or a
/// day and month swap and one digit. The full distance is measured only where the digits the dates hold do not
/// already need more slips than that.
fn two_slips_at_most(a: &[u8; 8], b: &[u8; 8]) -> bool {
    let floor = slips_at_least(a, b);
    floor <= 2
        && (digit_slips(a, b) <= 2 || (floor <= 1 && digit_slips(a, &day_month_swapped(*b)) <= 1))
}

/// A lower bound on [`digit_slips`] from the digits alone, whatever their order: a substitution changes the
/// count of two digits by one each, an insertion or deletion one count, a transposition none. It is the same
/// for a date with its day and month exchanged. Most candidate pairs' dates differ in several digits, and
/// this spares them the full distance.
fn slips_at_least(a: &[u8; 8], b: &[u8; 8]) -> usize {
    let mut counts = [0i32; 10];
    for (&x, &y) in a.iter().zip(b) {
        if let Some(count) = counts.get_mut(usize::from(x.wrapping_sub(b'0'))) {
            *count += 1;
        }
        if let Some(count) = counts.get_mut(usize::from(y.wrapping_sub(b'0'))) {
            *count -= 1;
        }
    }
    let unmatched: i32 = counts.iter().map(|c| c.abs()).sum();
    (unmatched as usize).div_ceil(2)
}

/// Years a generation apart that no transposition of their last two digits explains (1962 and 1992, but not
/// 1938 and 1983).
fn generation_apart(a: i32, b: i32) -> bool {
    let transposed = |y: i32| y - y % 100 + (y % 10) * 10 + (y % 100) / 10;
    (a - b).abs() >= GENERATION_YEARS && transposed(a) != b
}

/// Damerau-Levenshtein (optimal string alignment) distance between two dates' digits, on the stack: this runs
/// for most candidate pairs.
fn digit_slips(a: &[u8; 8], b: &[u8; 8]) -> usize {
    let at = |row: &[usize; 9], k: usize| row.get(k).copied().unwrap_or(usize::MAX / 2);
    // Rows i - 2 and i - 1 of the distance table; row 0 is the distance from the empty prefix.
    let mut two_back = [0usize; 9];
    let mut one_back: [usize; 9] = std::array::from_fn(|j| j);
    for i in 1..=8 {
        let mut row = [i; 9];
        for j in 1..=8 {
            let cost = usize::from(a.get(i - 1) != b.get(j - 1));
            let mut best = (at(&one_back, j) + 1)
                .min(at(&row, j - 1) + 1)
                .min(at(&one_back, j - 1) + cost);
            if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                best = best.min(at(&two_back, j - 2) + 1);
            }
            if let Some(cell) = row.get_mut(j) {
                *cell = best;
            }
        }
        two_back = one_back;
        one_back = row;
    }
    at(&one_back, 8)
}

/// A date's `YYYYMMDD` digits with the month's and the day's pairs exchanged.
fn day_month_swapped(digits: [u8; 8]) -> [u8; 8] {
    let [y1, y2, y3, y4, m1, m2, d1, d2] = digits;
    [y1, y2, y3, y4, d1, d2, m1, m2]
}

/// Why a pair is vetoed, or a join refused, when dates of birth conflict.
pub const DOB_CONFLICT: &str = "dates of birth are further apart than two slips of the keyboard (relatives and namesakes share name and address)";

/// Why a pair is vetoed, or a join refused, when PNC ids conflict.
pub const PNC_CONFLICT: &str = "PNC ids differ: the police's own identifier says two people (twins and brothers share name, birthday and address)";

/// Why a join is refused when one person's records say junior and the other's senior.
pub const GENERATION_CONFLICT: &str = "generations differ: one is written Jnr, the other Snr (a son and the father he is named after)";

/// Why a join is refused when each person holds its own forename on more than one record (see
/// [`twin_forenames`]).
pub const FORENAME_CONFLICT: &str = "forenames are two names, each written the same way on more than one record (twins given like names: Ella and Ellie)";

/// Why a join is refused when one person's records hold Singh and the other's Kaur (see [`Identifiers::sikh_names`]).
pub const SINGH_KAUR_CONFLICT: &str = "records hold Singh on one side and Kaur on the other: the names Sikh men and Sikh women take, which no change of name explains";

/// Why a join through a record holding only an initial is refused.
pub const INITIAL_BRIDGE_CONFLICT: &str = "an initial alone would join two plainly different forenames (Ryan and Ross through \"R\"): brothers share an initial, surname and address";

/// Why a join through a record holding only a short form is refused.
pub const SHORT_FORM_BRIDGE_CONFLICT: &str = "a short form alone would join two names given to siblings (Jaspreet and Jasmeet through \"Jas\"): twins share a short form, surname and birthday";

/// Whether two dates of birth cannot both be one person's as recorded: more than two slips of the keyboard
/// apart (Damerau-Levenshtein over the digits, a day and month swap counting as one). A missing date conflicts
/// with nothing.
pub fn dobs_conflict(a: Option<NaiveDate>, b: Option<NaiveDate>) -> bool {
    compare_dob(a, b) == Level::Different
}

/// One date is a 1 January in the year before or after the other, and the other is not a 1 January: an age
/// estimated to the year beside the birthday itself.
fn estimated_beside_real(a: NaiveDate, b: NaiveDate) -> bool {
    (a.year() - b.year()).abs() == 1 && is_first_of_january(a) != is_first_of_january(b)
}

/// Whether two dates of birth are one slip apart or equal: one date could have been keyed as the other.
fn one_slip(a: NaiveDate, b: NaiveDate) -> bool {
    matches!(
        compare_dob(Some(a), Some(b)),
        Level::Exact | Level::DayMonthSwapped | Level::Transposed | Level::OneDay | Level::OneDigit
    )
}

/// A date (year 0 to 9999) as the eight ASCII digits of `YYYYMMDD`, without formatting a string: this runs
/// for most of the millions of candidate pairs.
fn date_digits(date: NaiveDate) -> [u8; 8] {
    let year = date.year().rem_euclid(10_000) as u32;
    let mut digits = [0u8; 8];
    for (slot, (value, place)) in digits.iter_mut().zip([
        (year, 1000),
        (year, 100),
        (year, 10),
        (year, 1),
        (date.month(), 10),
        (date.month(), 1),
        (date.day(), 10),
        (date.day(), 1),
    ]) {
        *slot = b'0' + (value / place % 10) as u8;
    }
    digits
}

fn compare_residence<'a>(a: &'a Prepared, b: &'a Prepared) -> Level {
    if !a.address.is_empty() && a.address == b.address {
        return Level::Exact;
    }
    // Outward code: everything but the last three characters of a UK postcode ("B12" of "B12 9QR").
    let outward = |p: &'a str| p.get(..p.len().saturating_sub(3)).unwrap_or("");
    let (oa, ob) = (outward(&a.postcode), outward(&b.postcode));
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
    if !a.postcode.is_empty() && a.postcode == b.postcode {
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

/// How a name is spoken, as Double Metaphone's primary and alternate codes ("Jaiden": JTN, ATN). Soundex, which
/// blocking uses for its coarseness, drops every vowel and lumps M with N: Liam and Leon, Jamie and John, Amy
/// and Anna share a code, so as a comparison level it would call different names, and twins, alike. Double
/// Metaphone keeps those consonants apart and still hears Rhys and Reece, Stewart and Stuart, Sophie and Sofie
/// as one name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Spoken {
    primary: Code,
    alternate: Code,
    /// The primary code of the name read as Somali's own spelling writes it, where it is so written (see
    /// [`somali_reading`]); empty otherwise.
    somali: Code,
}

/// A Double Metaphone code held in one word rather than a `String`: codes are compared for millions of
/// candidate pairs, and a word compares at once, where strings are followed to the heap. The encoder's codes
/// are at most four letters (its default maximum); up to eight fit, and the bytes are ASCII letters, never
/// zero, so two codes are equal exactly when their words are. 0 is the empty code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Code(u64);

impl Code {
    fn of(code: &str) -> Self {
        Self(
            code.bytes()
                .take(8)
                .fold(0, |word, byte| (word << 8) | u64::from(byte)),
        )
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl Spoken {
    /// `name` as normalised for comparison (lower case, accents already dropped). The encoder slices its
    /// input by bytes and works on English letters, so letters without an ASCII base are spelt out ("ł" as
    /// "l") or dropped before it sees them.
    pub fn of(name: &str) -> Self {
        let mut ascii = String::with_capacity(name.len());
        for c in name.chars() {
            match c {
                'a'..='z' | 'A'..='Z' | ' ' | '-' => ascii.push(c),
                _ => {
                    if let Some(spelt) = ascii_spelling(c) {
                        ascii.push_str(spelt);
                    }
                }
            }
        }
        let encoder = rphonetic::DoubleMetaphone::default();
        let codes = encoder.double_metaphone(&ascii);
        Self {
            primary: Code::of(&codes.primary()),
            alternate: Code::of(&codes.alternate()),
            somali: somali_reading(&ascii)
                .map(|read| Code::of(&encoder.double_metaphone(&read).primary()))
                .unwrap_or_default(),
        }
    }

    /// Whether two names are spoken alike: their primary codes agree, or one's primary is the other's
    /// alternate (a name heard in two ways: "Sian" as "Shan" or "Sean"), or a name in Somali spelling is read
    /// as the other is spoken ("Faarax" and "Farah", "Cali" and "Ali").
    pub fn alike(&self, other: &Self) -> bool {
        let somali = |x: &Self, y: &Self| {
            !x.somali.is_empty() && (x.somali == y.primary || x.somali == y.somali)
        };
        !self.primary.is_empty()
            && (self.primary == other.primary
                || self.primary == other.alternate
                || self.alternate == other.primary
                || somali(self, other)
                || somali(other, self))
    }
}

/// A name written in Somali's own Latin spelling, read as English records write it: Somali writes the Arabic
/// h as x, the Arabic ain (which English spellings leave out) as c, and long vowels doubled, so "Faarax" is
/// Farah, "Xasan" Hassan, "Cali" Ali, "Jaamac" Jama and "Cabdiraxmaan" Abdirahman. `None` for a name none of
/// whose words shows those marks. The marks looked for are x not in Albanian xh nor ending a short word (Alex,
/// Cox); a word opening with c before a doubled vowel or as the commonest Somali names built on ain open
/// (Cabdi-, Cali, Cumar, Cismaan, Cilmi, Cawo); and c after a doubled a, i or u before a vowel (Ismaaciil), or
/// after a vowel ending a word of six letters or more with such a doubled vowel (Jaamac). The c marks are drawn
/// narrowly because English opens names with c (Cian, Carl) and Isaac doubles a vowel before its c. An x
/// inside an English name is read as h too ("Alexander" as "Alehander", "Dixon" as "Dihon"); such a reading
/// seldom sounds like another name, and across the hand-written nominal files it changed no pair.
fn somali_reading(name: &str) -> Option<String> {
    const AIN_OPENINGS: &[&str] = &["cabd", "cism", "cumar", "cilm", "cawo", "caa", "cii", "cuu"];
    let mut read = String::with_capacity(name.len());
    let mut marked = false;
    for (i, word) in name.split([' ', '-']).enumerate() {
        if i > 0 {
            read.push(' ');
        }
        let letters = word.as_bytes();
        let opening_ain = word == "cali" || AIN_OPENINGS.iter().any(|o| word.starts_with(o));
        // English doubles e before a c (Reece, Greece); Somali's long vowels marked here are a, i and u.
        let long_vowel = ["aa", "ii", "uu"].iter().any(|v| word.contains(v));
        let mut previous: Option<u8> = None;
        // The two letters before this one, as written.
        let (mut before, mut two_before) = (None::<u8>, None::<u8>);
        for (at, &c) in letters.iter().enumerate() {
            let next = letters.get(at + 1).copied();
            let last = at + 1 == letters.len();
            let after_vowel = before.is_some_and(is_vowel);
            let after_long_vowel =
                before.is_some_and(|v| b"aiu".contains(&v)) && before == two_before;
            (two_before, before) = (before, Some(c));
            let spoken = match c {
                b'x' if next != Some(b'h') && !(last && letters.len() < 5) => {
                    marked = true;
                    Some(b'h')
                }
                b'c' if at == 0 && opening_ain => {
                    marked = true;
                    None
                }
                b'c' if (after_long_vowel && next.is_some_and(is_vowel))
                    || (after_vowel && last && letters.len() >= 6 && long_vowel) =>
                {
                    marked = true;
                    None
                }
                _ => Some(c),
            };
            if let Some(c) = spoken {
                // A doubled vowel is one long vowel.
                if !(is_vowel(c) && previous == Some(c)) {
                    read.push(char::from(c));
                }
                previous = Some(c);
            }
        }
    }
    marked.then_some(read)
}

/// American Soundex of the letters of a name ("Robert" and "Rupert" are R163); empty for no letters.
pub fn soundex(name: &str) -> String {
    let code = |c: char| match c {
        'b' | 'f' | 'p' | 'v' => Some('1'),
        'c' | 'g' | 'j' | 'k' | 'q' | 's' | 'x' | 'z' => Some('2'),
        'd' | 't' => Some('3'),
        'l' => Some('4'),
        'm' | 'n' => Some('5'),
        'r' => Some('6'),
        _ => None,
    };
    let mut letters = name
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_alphabetic());
    let Some(first) = letters.next() else {
        return String::new();
    };
    let mut out = String::with_capacity(4);
    out.push(first.to_ascii_uppercase());
    let mut last = code(first);
    for c in letters {
        let digit = code(c);
        if digit.is_some() && digit != last {
            if let Some(d) = digit {
                out.push(d);
            }
            if out.len() == 4 {
                break;
            }
        }
        // 'h' and 'w' do not separate equal codes; vowels do.
        if c != 'h' && c != 'w' {
            last = digit;
        }
    }
    while out.len() < 4 {
        out.push('0');
    }
    out
}

fn blocking_keys(r: &Prepared) -> Vec<String> {
    let mut keys = Vec::with_capacity(8);
    if !r.pnc.is_empty() {
        keys.push(format!("p:{}", r.pnc));
    }
    // Day and month in either order, so a swapped pair shares its keys.
    let birthday = r.dob.map(|d| {
        if d.month() <= d.day() {
            (d.month(), d.day())
        } else {
            (d.day(), d.month())
        }
    });
    if let (Some(d), Some((lo, hi))) = (r.dob, birthday) {
        // With the initial of either name: a block per birthday would hold every stranger born that day.
        for name in [&r.forename, &r.surname] {
            if let Some(initial) = name.chars().next() {
                keys.push(format!("d:{}-{lo}-{hi}{initial}", d.year()));
            }
        }
    }
    let (fs, ss) = (&r.forename_sound, &r.surname_sound);
    if !fs.is_empty() && !ss.is_empty() {
        let (x, y) = if fs <= ss { (fs, ss) } else { (ss, fs) };
        keys.push(format!("n:{x}{y}"));
    }
    // The surname's sound with the year of birth catches a changed forename with a mistyped day or month;
    // either name's sound with the postcode catches one mistyped name (or both swapped) with the date of birth
    // mistyped or missing. (Forename sound with year would make blocks of thousands: J500 is John, Jane, Jon.)
    if let (false, Some(d)) = (ss.is_empty(), r.dob) {
        keys.push(format!("y:{}{ss}", d.year()));
    }
    // The forename as written with the year of birth and the surname's initial: catches a mistyped surname
    // ("Hutchison") with a day slipped and a new address, which no key above shares. Small blocks: a forename
    // is shared by one record in a hundred, a year by one in eighty, an initial by one in fifteen.
    if let (Some(d), Some(initial)) = (r.dob, r.surname.chars().next())
        && !r.forename.is_empty()
    {
        keys.push(format!("f:{}{}{initial}", r.forename, d.year()));
    }
    // Either name's sound with the birthday but not the year: catches a mistyped year ("1983" keyed as
    // "1938") with a mistyped name, which no key above shares.
    if let Some((lo, hi)) = birthday {
        for sound in [fs, ss] {
            if !sound.is_empty() {
                keys.push(format!("b:{lo}-{hi}{sound}"));
            }
        }
    }
    if !r.postcode.is_empty() {
        for sound in [fs, ss] {
            if !sound.is_empty() {
                keys.push(format!("h:{}{sound}", r.postcode));
            }
        }
    }
    // Each part of a double surname, with the birthday and with the postcode: "Becky Clegg" and "Rebecca
    // Priestley-Clegg", one woman under a short form and half her surname, share no key above.
    if r.surname.contains([' ', '-']) {
        for part in r.surname.split([' ', '-']).filter(|part| part.len() >= 2) {
            if let (Some(d), Some((lo, hi)), Some(initial)) = (r.dob, birthday, part.chars().next())
            {
                keys.push(format!("d:{}-{lo}-{hi}{initial}", d.year()));
            }
            if !r.postcode.is_empty() {
                keys.push(format!("h:{}{}", r.postcode, soundex(part)));
            }
        }
    }
    // The address alone: a household is a small block, and a shared address with every name and date
    // mistyped ("Jon Baykiss" and "Jonathan Bayliss") shares no other key. Placeholders are already empty.
    if !r.address.is_empty() {
        keys.push(format!("a:{}", r.address));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

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
/// With `estimated_age` (the link is one full name at one premises, see
/// [`Comparison::same_name_and_premises_estimated_age`]) a 1 January a year from a birthday does not conflict.
///
/// A person may already hold dates that conflict: its PNC id joined them (a false date of birth given once, with
/// a false name, and later tied to the person by fingerprints). Each of those dates is then the person's own, so
/// a record whose every date is one of them, or a slip from one, joins it. Without this the alias's date would
/// keep the person's own later records apart.
fn dates_would_conflict(a: &[NaiveDate], b: &[NaiveDate], estimated_age: bool) -> bool {
    let unexplained = a.iter().any(|&x| {
        b.iter().any(|&y| {
            dobs_conflict(Some(x), Some(y))
                && !(estimated_age && estimated_beside_real(x, y))
                && !a.iter().chain(b).any(|&z| one_slip(x, z) && one_slip(z, y))
        })
    });
    let holds_every_date_of = |held: &[NaiveDate], other: &[NaiveDate]| {
        holds_conflicting_dates(held) && other.iter().all(|&y| held.iter().any(|&x| one_slip(x, y)))
    };
    unexplained && !holds_every_date_of(a, b) && !holds_every_date_of(b, a)
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
struct JoinLink {
    /// The link is only an initial against a forename: two plainly different forenames conflict even when each
    /// is written once, since the initial is the whole of the evidence that they are one name.
    via_initial: bool,
    /// The link is a short form against a forename it opens ("Jas" and "Jasmeet"): a short form that opens two
    /// names given to siblings (Jaspreet and Jasmeet) is the whole of the evidence that they are one name.
    via_short_form: bool,
    /// The link is one full name at one premises with an age estimated to the year beside a birthday: dates
    /// that differ only as such an estimate does (a 1 January a year from the other) do not conflict; any other
    /// conflict still holds the persons apart.
    estimated_age: bool,
}

impl JoinLink {
    fn of(comparison: &Comparison, a: Option<&Prepared>, b: Option<&Prepared>) -> Self {
        let short_form = match (a, b) {
            (Some(a), Some(b)) => opens_as_short_form(&a.forename, &b.forename),
            _ => false,
        };
        JoinLink {
            via_initial: comparison.level(Field::Forename) == Level::Initial
                && !comparison.swapped_names,
            via_short_form: short_form && !comparison.swapped_names,
            estimated_age: comparison.same_name_and_premises_estimated_age(),
        }
    }
}

/// The dates of birth, PNC ids, generations, forenames and surnames a person's records hold, distinct (forenames
/// with how many records hold each): what a join must not contradict.
#[derive(Default)]
struct Identifiers<'a> {
    dobs: Vec<NaiveDate>,
    pncs: Vec<&'a str>,
    generations: Vec<Generation>,
    forenames: Vec<(&'a str, u32)>,
    /// Surnames as written, so that a forename one record gives as a surname (a name written in the other order)
    /// is not taken for a second forename.
    surnames: Vec<&'a str>,
    /// Whether the records hold Singh ([`SINGH`]) or Kaur ([`KAUR`]), as surname or a part of the forename. The
    /// pair already refuses Singh against Kaur as surnames; beside a family name each says nothing either way
    /// ("Jaswinder Kaur" and "Jaswinder Johal"), so a brother and sister of one family name and birthday may each
    /// join a record without it, and this holds the two persons apart when those joins would meet.
    sikh_names: u8,
}

/// Bits of [`Identifiers::sikh_names`].
const SINGH: u8 = 1;
const KAUR: u8 = 2;

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
    fn of(record: &'a Prepared) -> Self {
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
    fn conflict(&self, other: &Self, link: JoinLink) -> Option<&'static str> {
        if dates_would_conflict(&self.dobs, &other.dobs, link.estimated_age) {
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

    fn joined(mut self, other: Self) -> Self {
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
                && !same_but_doubled_letters(x, y)
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
fn opens_as_short_form(a: &str, b: &str) -> bool {
    let (a, b) = (first_part(a), first_part(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    (2..=4).contains(&short.len()) && long.len() > short.len() + 1 && long.starts_with(short)
}

/// Whether two names differ only in letters written once or doubled: Ayan and Ayaan, Faduma and Faaduma (Somali
/// writes a long vowel twice), Philip and Phillip, Hana and Hanna. That is one name spelt two ways, however
/// often each spelling recurs; parents of twins do not tell them apart by a doubled letter.
fn same_but_doubled_letters(a: &str, b: &str) -> bool {
    fn single(name: &str) -> impl Iterator<Item = char> + '_ {
        let mut previous = None;
        name.chars().filter(move |&c| {
            let repeat = previous == Some(c);
            previous = Some(c);
            !repeat
        })
    }
    a != b && single(a).eq(single(b))
}

/// Counts that say how much work matching did and what it left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResolveStats {
    pub records: usize,
    pub blocks: usize,
    pub blocks_skipped: usize,
    pub candidate_pairs: usize,
    pub matched_pairs: usize,
    /// Linked pairs whose persons were not joined: one would hold dates of birth, PNC ids or forenames that conflict.
    pub held_apart: usize,
    pub persons: usize,
    /// log2 of the prior odds that two records drawn at random are one person, as used.
    pub prior_log2_odds: f64,
    /// The same from the deterministic rules alone, where [`refine_prior`] started.
    pub prior_log2_odds_from_rules: f64,
}

/// The persons found among a slice of nominal records.
#[derive(Clone, Debug)]
pub struct Resolution {
    /// Person index for each record, in input order.
    pub person_of: Vec<usize>,
    pub persons: Vec<ResolvedPerson>,
    pub merges: Vec<Merge>,
    /// Pairs not linked that a person should look at: scored at least [`REVIEW_FLOOR`] but below the
    /// threshold, vetoed by a plain disagreement, or held apart because joining them would give one person
    /// conflicting dates of birth, PNC ids, generations (Jnr and Snr) or forenames.
    pub reviews: Vec<Review>,
    pub stats: ResolveStats,
    /// The weights used, after training on these records.
    pub model: Model,
}

#[derive(Clone, Debug)]
pub struct ResolvedPerson {
    pub id: PersonId,
    /// Record indices, in input order.
    pub records: Vec<usize>,
}

/// The person id for a cluster: its smallest nominal id, so the same data gives the same ids.
pub fn person_id(smallest: &NominalId) -> PersonId {
    PersonId::new(&format!("P-{smallest}"))
}

/// Resolves records (prepared, with their nominal ids) into persons: pairs whose match probability reaches
/// `threshold` are joined.
pub fn resolve(ids: &[NominalId], records: &[Prepared], threshold: f64) -> Resolution {
    let n = records.len().min(ids.len());
    let mut blocks: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (i, r) in records.iter().take(n).enumerate() {
        for key in blocking_keys(r) {
            blocks.entry(key).or_default().push(i as u32);
        }
    }
    let mut stats = ResolveStats {
        records: n,
        blocks: blocks.len(),
        ..ResolveStats::default()
    };
    let mut pairs: Vec<u64> = Vec::new();
    for members in blocks.values() {
        if members.len() > MAX_BLOCK {
            stats.blocks_skipped += 1;
            continue;
        }
        for (x, &a) in members.iter().enumerate() {
            for &b in members.iter().skip(x + 1) {
                let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                if lo != hi {
                    pairs.push((u64::from(lo) << 32) | u64::from(hi));
                }
            }
        }
    }
    drop(blocks);
    pairs.par_sort_unstable();
    pairs.dedup();
    stats.candidate_pairs = pairs.len();

    let split = |pair: u64| ((pair >> 32) as usize, (pair & 0xffff_ffff) as usize);
    let names = NameTable::of(records);
    let compared: Vec<([Level; FIELDS], bool)> = pairs
        .par_iter()
        .map(|&pair| {
            let (a, b) = split(pair);
            let (Some(x), Some(y)) = (records.get(a), records.get(b)) else {
                return ([Level::Missing; FIELDS], false);
            };
            match (names.names(a), names.names(b)) {
                (Some(names_a), Some(names_b)) => levels_given_names(x, y, names_a, names_b),
                _ => compare_levels(x, y),
            }
        })
        .collect();
    drop(names);
    let sample = random_pair_levels(records, U_SAMPLE_PAIRS);
    let model = Model::prior()
        .train(&sample)
        .train_m_on_pnc_pairs(&compared);
    let frequencies = NameFrequencies::of(records);
    let compare = |pair: u64, levels: [Level; FIELDS], swapped: bool| {
        let (a, b) = split(pair);
        let mut comparison = weigh(&model, levels, swapped);
        frequencies.adjust(&model, a, b, &mut comparison);
        if let (Some(x), Some(y)) = (records.get(a), records.get(b)) {
            note_surnames_and_birthday(&mut comparison, x, y);
        }
        Merge { a, b, comparison }
    };
    // Every candidate is weighed once here, kept as a weight and what overrides it; the full comparison is
    // rebuilt below only for the few pairs that link or go to review.
    let candidates: Vec<Candidate> = pairs
        .par_iter()
        .zip(compared.par_iter())
        .map(|(&pair, &(levels, swapped))| {
            Candidate::of(&compare(pair, levels, swapped).comparison)
        })
        .collect();
    let rules_bits = prior_log2_odds(n, &compared);
    let prior_bits = refine_prior(n, rules_bits, &candidates);
    stats.prior_log2_odds_from_rules = rules_bits;
    stats.prior_log2_odds = prior_bits;
    let review_floor = REVIEW_FLOOR.min(threshold);
    let scored: Vec<(Merge, bool)> = pairs
        .par_iter()
        .zip(compared.par_iter())
        .zip(candidates.par_iter())
        .filter(|(_, candidate)| {
            candidate.pnc_agrees
                || probability(f64::from(candidate.weight), prior_bits) >= review_floor
        })
        .map(|((&pair, &(levels, swapped)), _)| {
            let merge = compare(pair, levels, swapped);
            let linked = merge.comparison.is_match(threshold, prior_bits);
            (merge, linked)
        })
        .collect();
    let (mut linked, unlinked): (Vec<_>, Vec<_>) = scored.into_iter().partition(|(_, l)| *l);
    let mut reviews: Vec<Review> = unlinked
        .into_iter()
        .map(|(merge, _)| {
            let reason = match merge.comparison.veto() {
                Some(veto) => ReviewReason::Vetoed(veto),
                None => ReviewReason::BelowThreshold,
            };
            Review { merge, reason }
        })
        .collect();
    // Strongest links first, so a person forms around its surest pairs before a weaker one can bridge two. Links
    // between two single forenames that are merely alike (a keystroke apart, alike in spelling or in sound) come
    // after the rest, so each twin's own records have joined before a link between "Harley" and "Harvey" asks
    // whether they are one person. A forename with a middle name the other lacks is not merely alike.
    let pnc = |m: &Merge| m.comparison.level(Field::PncId) == Level::Exact;
    let same_forename = |m: &Merge| match m.comparison.level(Field::Forename) {
        Level::Similar | Level::SoundsAlike => false,
        Level::Close => [m.a, m.b].iter().any(|&i| {
            records
                .get(i)
                .is_some_and(|r| r.forename.contains([' ', '-']))
        }),
        _ => true,
    };
    // Between links of equal weight (a common full name caps both), a forename written the same way is surer
    // than a familiar form of it: a son recorded as Ionuț joins his own Ionuț records before his father John.
    let forename_as_written = |m: &Merge| m.comparison.level(Field::Forename) == Level::Exact;
    // Weights summed in another order differ in the last bits; to a millionth of a bit they are equal.
    let weight_to_sort = |m: &Merge| (m.comparison.weight * 1e6).round() as i64;
    linked.sort_by(|(x, _), (y, _)| {
        pnc(y)
            .cmp(&pnc(x))
            .then(same_forename(y).cmp(&same_forename(x)))
            .then(weight_to_sort(y).cmp(&weight_to_sort(x)))
            .then(forename_as_written(y).cmp(&forename_as_written(x)))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let mut sets = DisjointSets::new(n);
    // Each person's distinct dates of birth, PNC ids and forenames, kept at its root.
    let mut held: Vec<Identifiers<'_>> = records.iter().take(n).map(Identifiers::of).collect();
    let mut merges: Vec<Merge> = Vec::with_capacity(linked.len());
    for (merge, _) in linked {
        let (ra, rb) = (sets.find(merge.a), sets.find(merge.b));
        if ra != rb {
            let ia = held.get_mut(ra).map(std::mem::take).unwrap_or_default();
            let ib = held.get_mut(rb).map(std::mem::take).unwrap_or_default();
            // A PNC id is the police's own identifier: it joins whatever the dates say.
            let conflict = if pnc(&merge) {
                None
            } else {
                ia.conflict(
                    &ib,
                    JoinLink::of(
                        &merge.comparison,
                        records.get(merge.a),
                        records.get(merge.b),
                    ),
                )
            };
            if let Some(why) = conflict {
                for (root, kept) in [(ra, ia), (rb, ib)] {
                    if let Some(slot) = held.get_mut(root) {
                        *slot = kept;
                    }
                }
                reviews.push(Review {
                    merge,
                    reason: ReviewReason::HeldApart(why),
                });
                continue;
            }
            sets.union(ra, rb);
            if let Some(slot) = held.get_mut(sets.find(ra)) {
                *slot = ia.joined(ib);
            }
        }
        merges.push(merge);
    }
    merges.sort_by_key(|m| (m.a, m.b));
    reviews.sort_by_key(|r| (r.merge.a, r.merge.b));
    stats.matched_pairs = merges.len();
    stats.held_apart = reviews
        .iter()
        .filter(|r| matches!(r.reason, ReviewReason::HeldApart(_)))
        .count();

    // Group by root, then name each group by its smallest nominal id.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    let mut persons: Vec<ResolvedPerson> = groups
        .into_values()
        .filter_map(|records| {
            let smallest = records.iter().filter_map(|&i| ids.get(i)).min()?;
            Some(ResolvedPerson {
                id: person_id(smallest),
                records,
            })
        })
        .collect();
    persons.sort_by(|a, b| a.id.cmp(&b.id));
    let mut person_of = vec![0; n];
    for (p, person) in persons.iter().enumerate() {
        for &r in &person.records {
            if let Some(slot) = person_of.get_mut(r) {
                *slot = p;
            }
        }
    }
    stats.persons = persons.len();
    Resolution {
        person_of,
        persons,
        merges,
        reviews,
        stats,
        model,
    }
}

/// Share of record pairs that would pass deterministic rules if they were all compared, over an assumed recall
/// of those rules: how likely two records drawn at random are one person (Splink's
/// `probability_two_random_records_match`). The rules: PNC ids agree, or both names agree (exactly, as a
/// nickname or a close spelling) and so does the date of birth.
const DETERMINISTIC_RECALL: f64 = 0.6;
const MIN_PRIOR_PAIRS: f64 = 10_000.0;

fn prior_log2_odds(records: usize, compared: &[([Level; FIELDS], bool)]) -> f64 {
    let strong_name = |l: Level| matches!(l, Level::Exact | Level::Nickname | Level::Close);
    let strong = compared
        .iter()
        .filter(|(levels, _)| {
            let get = |f: Field| levels.get(f as usize).copied().unwrap_or(Level::Missing);
            get(Field::PncId) == Level::Exact
                || (strong_name(get(Field::Forename))
                    && strong_name(get(Field::Surname))
                    && get(Field::Dob) == Level::Exact)
        })
        .count() as f64;
    odds_of_expected_matches(strong / DETERMINISTIC_RECALL, records)
}

/// log2 of the prior odds that two records of a file of `records` are one person, when `expected` of its pairs
/// are matches. A file of a handful of records says almost nothing about how many of its pairs are
/// duplicates; below `MIN_PRIOR_PAIRS` pairs (about 140 records) the odds are held where one expected match in
/// that many pairs puts them, so that a shared name alone never merges two records of a tiny file.
fn odds_of_expected_matches(expected: f64, records: usize) -> f64 {
    let n = records as f64;
    let pairs = (n * (n - 1.0) / 2.0).max(MIN_PRIOR_PAIRS);
    let lambda = (expected.max(1.0) / pairs).min(0.5);
    (lambda / (1.0 - lambda)).log2()
}

/// One candidate pair as the prior's estimate needs it: its weight (as `f32`: millions are held at once) and
/// what overrides the weight.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    weight: f32,
    pnc_agrees: bool,
    vetoed: bool,
}

impl Candidate {
    fn of(comparison: &Comparison) -> Self {
        Self {
            weight: comparison.weight as f32,
            pnc_agrees: comparison.level(Field::PncId) == Level::Exact,
            vetoed: comparison.veto().is_some(),
        }
    }

    /// The pair's match probability under `prior_bits`: certain when the PNC ids agree, nil when vetoed.
    fn probability(&self, prior_bits: f64) -> f64 {
        if self.pnc_agrees {
            1.0
        } else if self.vetoed {
            0.0
        } else {
            probability(f64::from(self.weight), prior_bits)
        }
    }
}

/// Match probability from a weight and prior log-odds, both in bits.
fn probability(weight: f64, prior_bits: f64) -> f64 {
    1.0 / (1.0 + (-(weight + prior_bits)).exp2())
}

/// Rounds of [`refine_prior`] at most; it settles in three or four.
const PRIOR_ROUNDS: usize = 25;

/// The prior odds re-estimated from the candidates themselves: the expected number of matches among them (the
/// sum of their match probabilities) over all record pairs, repeated until it settles. This is the
/// expectation-maximisation step of Fellegi-Sunter for the prior alone, with `m` and `u` held as trained
/// (Splink's `estimate_parameters_using_expectation_maximisation` does the same step along with `m`). The
/// deterministic rules' estimate starts it: their assumed recall is a guess, and a file whose duplicates rarely
/// agree exactly (re-keyed records, each with a slip) leaves them finding half the matches or fewer. Pairs
/// outside the blocks are strangers and add nothing.
fn refine_prior(records: usize, start_bits: f64, candidates: &[Candidate]) -> f64 {
    let mut bits = start_bits;
    for _ in 0..PRIOR_ROUNDS {
        let expected: f64 = candidates.par_iter().map(|c| c.probability(bits)).sum();
        let next = odds_of_expected_matches(expected, records);
        let settled = (next - bits).abs() < 0.01;
        bits = next;
        if settled {
            break;
        }
    }
    bits
}

/// Levels of up to `count` record pairs drawn at random (deterministically: the same records give the same
/// sample), for estimating `u`. Every pair when there are fewer.
fn random_pair_levels(records: &[Prepared], count: usize) -> Vec<[Level; FIELDS]> {
    use rand::{Rng, SeedableRng};
    let n = records.len();
    if n < 2 {
        return Vec::new();
    }
    let all_pairs = n.saturating_mul(n - 1) / 2;
    let pairs: Vec<(usize, usize)> = if all_pairs <= count {
        (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect()
    } else {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x6e64_6173);
        (0..count)
            .map(|_| {
                let a = rng.gen_range(0..n);
                let b = (a + rng.gen_range(1..n)) % n;
                (a, b)
            })
            .collect()
    };
    pairs
        .par_iter()
        .filter_map(|&(a, b)| Some(compare_levels(records.get(a)?, records.get(b)?).0))
        .collect()
}

/// Resolves the nominals of an extract.
pub fn resolve_nominals(nominals: &[Nominal], threshold: f64) -> Resolution {
    let ids: Vec<NominalId> = nominals.iter().map(|n| n.id.clone()).collect();
    let prepared: Vec<Prepared> = nominals.par_iter().map(Prepared::of).collect();
    resolve(&ids, &prepared, threshold)
}

/// Union-find with path halving and union by size.
struct DisjointSets {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        Self {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while let Some(&p) = self.parent.get(x) {
            if p == x {
                break;
            }
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(x) {
                *slot = grand;
            }
            x = grand;
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let size = |s: &Self, r: usize| s.size.get(r).copied().unwrap_or(1);
        let (big, small) = if size(self, ra) >= size(self, rb) {
            (ra, rb)
        } else {
            (rb, ra)
        };
        let total = size(self, big) + size(self, small);
        if let Some(slot) = self.parent.get_mut(small) {
            *slot = big;
        }
        if let Some(slot) = self.size.get_mut(big) {
            *slot = total;
        }
    }
}

/// Pairwise quality of a resolution against true person keys (one per record, `None` if unknown): pairs of
/// records put together that truly belong together, out of all pairs put together (precision) and out of all
/// true pairs (recall).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PairwiseCounts {
    pub predicted_pairs: u64,
    pub true_pairs: u64,
    pub correct_pairs: u64,
}

pub fn pairwise_counts(person_of: &[usize], truth: &[Option<&str>]) -> PairwiseCounts {
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let mut predicted: FxHashMap<usize, u64> = FxHashMap::default();
    let mut actual: FxHashMap<&str, u64> = FxHashMap::default();
    let mut both: FxHashMap<(usize, &str), u64> = FxHashMap::default();
    for (p, t) in person_of.iter().zip(truth) {
        let Some(t) = t else { continue };
        *predicted.entry(*p).or_default() += 1;
        *actual.entry(t).or_default() += 1;
        *both.entry((*p, t)).or_default() += 1;
    }
    PairwiseCounts {
        predicted_pairs: predicted.values().map(|&n| pairs(n)).sum(),
        true_pairs: actual.values().map(|&n| pairs(n)).sum(),
        correct_pairs: both.values().map(|&n| pairs(n)).sum(),
    }
}

mod nicknames {
    //! Forenames that are the same name: formal forms and their familiar ones, from public lists of given-name
    //! diminutives (English, Scots, Welsh, Irish, Scottish Gaelic, Punjabi, Somali, West African with the Akan day
    //! names, Spanish, Portuguese, Greek, Albanian, Polish, Slovak, Romanian, Russian and Ukrainian, with
    //! Ukrainian and Russian transliterations), John, Joseph and George in the languages of people who settled
    //! here beside the English name a holder may give, and spellings of one name in two scripts' conventions. A
    //! name may belong to several groups (Alex: Alexander, Alexandra). Yoruba short forms follow a rule rather
    //! than a list (`yoruba_short_form`).

    use std::sync::OnceLock;

    use rustc_hash::FxHashMap;

    const GROUPS: &[&[&str]] = &[
        &[
            "william", "bill", "billy", "will", "willie", "liam", "wills",
        ],
        &[
            "robert", "bob", "bobby", "rob", "robbie", "bert", "bertie", "rab", "rabbie",
        ],
        &["richard", "rick", "ricky", "dick", "rich", "richie"],
        // Seumas is James in Scottish Gaelic (Seamus in Irish); Hamish is its anglicised form.
        &[
            "james", "jim", "jimmy", "jamie", "jimmie", "seumas", "seamus", "hamish",
        ],
        &["john", "jack", "johnny", "jon", "jonny"],
        &["jonathan", "jon", "jonny", "johnny", "nathan"],
        &["michael", "mike", "mikey", "mick", "micky", "mickey"],
        &["thomas", "tom", "tommy"],
        &["michelle", "shelley", "shelly", "chelle"],
        &[
            "christopher",
            "chris",
            "kit",
            "topher",
            "krzysztof",
            "christoph",
            "cristobal",
        ],
        &["christian", "chris", "kris", "kristian"],
        &["daniel", "dan", "danny"],
        &["matthew", "matt", "matty"],
        &["anthony", "tony", "ant", "antonio", "toni", "to"],
        &["joseph", "joe", "joey"],
        &["edward", "ed", "eddie", "eddy", "ted", "teddy", "ned"],
        &["charles", "charlie", "chas", "chuck", "chucky"],
        &[
            "alexander",
            "alex",
            "alec",
            "sandy",
            "xander",
            "lex",
            "alexandru",
            "aleksander",
            "alasdair",
            "alastair",
            "alistair",
            "alisdair",
        ],
        &["alfred", "alfie", "alf", "fred"],
        &["gabriel", "gabe"],
        &["lee", "leigh"],
        &["ciaran", "kieran", "kieron", "ciaron"],
        &["sean", "shaun", "shawn"],
        &["conor", "connor"],
        &["samuel", "sam", "sammy"],
        &["benjamin", "ben", "benny", "benji"],
        &["nicholas", "nick", "nicky", "nico"],
        // Stefan and Stephan are the name in Slavic, German and Scandinavian languages.
        &["stephen", "steve", "stevie", "steven", "stefan", "stephan"],
        &["david", "dave", "davey", "davie"],
        &["andrew", "andy", "drew"],
        &["peter", "pete"],
        &["patrick", "pat", "paddy"],
        &["darren", "daz", "dazza"],
        &["imran", "immy"],
        &["joshua", "josh"],
        &["nathaniel", "nathan", "nate", "nat", "natty"],
        &["zachary", "zach", "zack", "zak"],
        &["kenneth", "ken", "kenny"],
        // Kehinde (the second-born of Yoruba twins) is often known as Kenny.
        &["kehinde", "kenny"],
        &["ronald", "ron", "ronnie"],
        &["donald", "don", "donnie", "domhnall"],
        &["gerald", "gerry", "jerry"],
        &["gerard", "ger", "gerry", "gearoid"],
        &["lawrence", "laurence", "larry", "laurie"],
        &["leonard", "len", "lenny", "leo"],
        &["frederick", "fred", "freddie", "freddy"],
        &["henry", "harry", "hal", "hank"],
        &["geoffrey", "jeffrey", "geoff", "jeff"],
        &["harold", "harry", "hal"],
        // Del: Derek in England, Delroy in Caribbean families.
        &["derek", "del"],
        &["delroy", "del"],
        &["timothy", "tim", "timmy"],
        &["jacob", "jake"],
        &["oliver", "ollie", "olly"],
        &["theodore", "theo", "ted", "teddy"],
        &["gregory", "greg"],
        &["raymond", "ray"],
        &["terence", "terry"],
        &["theresa", "teresa", "tess", "tessa", "tessie"],
        &["philip", "phillip", "phil"],
        &["douglas", "doug", "dougie"],
        &["cameron", "cam"],
        &["callum", "cal"],
        // Written short inside a forename: Nepali Bahadur ("Ram Bdr Gurung"), Indian and Nepali Kumar ("Ajay Kr")
        // and Prasad ("Ram Pd").
        &["bahadur", "bdr"],
        &["kumar", "kr"],
        &["prasad", "pd"],
        // "Mohd" and "Muhd" are the written short forms (Malaysia, Singapore, South Asia), "Md" the Bangladeshi
        // one.
        &[
            "mohammed", "muhammad", "mohammad", "mohamed", "muhammed", "mohamad", "mohd", "muhd",
            "md", "mo", "moe", "maxamed", "maxammed",
        ],
        // Turkish: Memo is the familiar form of Mehmet.
        &["mehmet", "memo", "mehmed"],
        &["emma", "em", "emmy"],
        &["abdullah", "abdul"],
        &[
            "margaret", "maggie", "maggy", "mags", "meg", "peggy", "margie", "marge", "peigi",
            "rita",
        ],
        &["bethany", "beth"],
        &["beverley", "beverly", "bev"],
        // Greek and Greek Cypriot names, their familiar forms and the English names used for them.
        &[
            "konstantinos",
            "constantinos",
            "kostas",
            "costas",
            "kostakis",
            "dinos",
            "dino",
        ],
        &[
            "panayiotis",
            "panagiotis",
            "panayotis",
            "panos",
            "takis",
            "peter",
        ],
        &["ioannis", "yiannis", "giannis", "yianni", "john"],
        &["georgios", "giorgos", "yiorgos", "george"],
        &[
            "demetris",
            "dimitris",
            "demetrios",
            "dimitrios",
            "mimis",
            "jimmy",
        ],
        &["christodoulos", "christos", "chris"],
        // Albanian: Arben is Ben at work.
        &["arben", "ben"],
        &["bethan", "beth"],
        &["rhodri", "roddy", "rhod"],
        &["priscilla", "cilla", "prissy"],
        // West African names are often recorded by their short form (Yoruba; Igbo names without God's name
        // are found by `igbo_short_form`).
        &["oluwaseun", "seun"],
        &["oluwafemi", "femi"],
        &["temitope", "tope", "temi"],
        &["adebayo", "bayo"],
        // Spanish and Portuguese familiar forms, of single and compound given names.
        &["jose", "pepe", "ze", "zeca"],
        &["juan manuel", "juanma"],
        &["jose maria", "chema", "josema"],
        &["francisco", "paco", "curro", "chico", "xico"],
        &["manuel", "manolo", "manu"],
        // Ricardo is Richard in Spanish and Portuguese; Ricky is what Caribbean and British Ricardos go by.
        &["ricardo", "ricky", "rick", "rico"],
        &["ignacio", "nacho"],
        &["enrique", "quique"],
        &["dolores", "lola"],
        &["concepcion", "concha", "conchita"],
        &["fernando", "nando"],
        // Akan day names (Ghana): the name of the day of birth in its Twi and Fante forms and familiar ones.
        // Twins share one, told apart by Panyin (elder) and Kakra (younger).
        &["kwasi", "akwasi", "kwesi"],
        &["kwadwo", "kojo", "kodjo", "kwadjo"],
        &["kwabena", "kobina", "kobena", "kobby"],
        &["kwaku", "kweku"],
        &["yaw", "ekow"],
        &["kofi", "fiifi"],
        &["kwame", "kwamena", "kwamina"],
        &["akosua", "esi"],
        &["adwoa", "adjoa", "ajoa"],
        &["abena", "abenaa", "araba"],
        &["akua", "ekua"],
        &["afua", "efua", "afia"],
        &["ama", "amma"],
        // Somali: Abdi is short for the Abd- names. Somali's own spelling writes the Arabic h as X, the
        // Arabic ain as C and long vowels doubled (Maxamed, Cabdiraxmaan, Xasan, Faadumo), and records hold
        // either spelling.
        &[
            "abdirahman",
            "abdulrahman",
            "abdurahman",
            "abdirahmaan",
            "cabdiraxmaan",
            "cabdiraxman",
            "abdi",
        ],
        &["hassan", "hasan", "xasan", "xassan"],
        &[
            "hussein", "husein", "hussain", "husain", "xuseen", "xusseen",
        ],
        &["ahmed", "ahmad", "axmed", "axmad"],
        &["omar", "umar", "cumar"],
        &["ali", "cali"],
        &["yusuf", "yousuf", "yuusuf"],
        &["ibrahim", "ibraahim"],
        &["ismail", "ismaaciil", "ismaacil"],
        &["fadumo", "faadumo", "faduma", "fatuma", "fatima"],
        &["hawa", "xawa"],
        &["halima", "halimo", "xaliimo", "xalimo"],
        &["abdullahi", "abdi"],
        &[
            "elizabeth",
            "liz",
            "lizzie",
            "beth",
            "betty",
            "eliza",
            "libby",
            "lisa",
            "elsie",
        ],
        &[
            "katherine",
            "catherine",
            "kathryn",
            "kate",
            "katie",
            "cathy",
            "kath",
            "cath",
            "kat",
            "kitty",
        ],
        &["jennifer", "jen", "jenny"],
        &["rebecca", "becky", "becca", "bex"],
        &["victoria", "vicky", "vicki", "tori"],
        &["alexandra", "alex", "lexi", "sandra", "sasha"],
        &["samantha", "sam", "sammie", "sammy"],
        &["jessica", "jess", "jessie"],
        &["abigail", "abby", "abbie", "abi", "gail"],
        &["natalie", "nat", "natty", "tally"],
        &["deborah", "debbie", "deb", "debra"],
        &["susan", "sue", "susie", "suzy"],
        &["patricia", "pat", "trish", "patsy", "tricia"],
        &[
            "christine",
            "christina",
            "cristina",
            "kristina",
            "chris",
            "tina",
            "chrissie",
        ],
        &["stephanie", "steph"],
        &["jacqueline", "jackie", "jacqui"],
        &["amanda", "mandy"],
        &["rachel", "rach"],
        &["charlotte", "charlie", "lottie", "lotte"],
        &["olivia", "oliwia", "liv", "livvy"],
        &["isabella", "isabelle", "isobel", "izzy", "bella", "issy"],
        &["eleanor", "ellie", "nell", "nellie", "elle"],
        &["emily", "em", "emmy", "millie"],
        &["amelia", "millie", "amy"],
        &["gabrielle", "gabriella", "gabby"],
        &["georgina", "georgia", "george"],
        &["danielle", "dani"],
        &["kimberley", "kimberly", "kim"],
        &["nicola", "nicole", "nikki", "nicky"],
        &["louise", "lou", "louisa"],
        &["sophie", "sophia", "soph"],
        &["megan", "meg"],
        &["josephine", "jo", "josie"],
        &["joanne", "joanna", "jo"],
        // Polish diminutives, as often given to officers as the name itself.
        &["aleksandra", "alexandra", "ola", "ala"],
        &["katarzyna", "kasia", "kate"],
        &["malgorzata", "gosia", "margaret"],
        // Mikołaj is Nicholas in Polish, and goes by Nick in English.
        &["mikolaj", "nick", "nicholas", "mikolajek"],
        &["agnieszka", "aga", "aggie"],
        &["joanna", "asia"],
        &["grzegorz", "grzesiek", "greg"],
        // Przemek is said "Pshemek", and records taken from speech write it so.
        &["przemyslaw", "przemek", "pshemek", "shemek"],
        &["magdalena", "magda"],
        &["tomasz", "tomek", "thomas"],
        &["wojciech", "wojtek", "voytek"],
        &["bartlomiej", "bartek"],
        &["krzysztof", "krzys", "krzysiek", "kris"],
        &["jakub", "kuba", "jacob"],
        &["piotr", "piotrek", "peter"],
        &["pawel", "pawelek", "paul"],
        &["michal", "michael", "misiek"],
        &["marcin", "martin"],
        &["dariusz", "darek"],
        &["andrzej", "andrew", "jedrek"],
        &["zbigniew", "zbyszek"],
        &["slawomir", "slawek"],
        &["mateusz", "matthew", "mati"],
        &["jan", "janek"],
        &["zofia", "zosia", "sophie"],
        &["anna", "ania", "anya"],
        &["barbara", "basia", "barbra"],
        &["elzbieta", "ela", "elizabeth"],
        &["krystyna", "krysia", "christina"],
        &["aleksander", "alexander", "olek", "sasha", "alex"],
        // Scottish Gaelic forms and the English names they are recorded as (Peigi, Seumas, Alasdair and
        // Domhnall are in the groups above).
        &["mary", "mairi", "maire", "maree"],
        &["helen", "eilidh"],
        &["catherine", "catriona"],
        &["kirsty", "kirstie", "ciorstaidh", "kirsteen"],
        &[
            "roderick", "roddy", "rory", "ruairidh", "ruaridh", "ruaraidh",
        ],
        &["william", "uilleam"],
        // Iain is Ian, and Seonaidh is Johnny: Ian and John are two names in English records.
        &["ian", "iain"],
        &["john", "johnny", "seonaidh"],
        &["malcolm", "calum", "callum"],
        &["kenneth", "coinneach"],
        &["george", "seoras"],
        &["elizabeth", "ealasaid"],
        &["murdo", "murdoch", "murchadh", "murdie"],
        &["hector", "eachann", "eachainn"],
        &["williamina", "mina", "wilma"],
        &["hugh", "uisdean"],
        // Scots familiar forms: Shug and Shuggie are Hugh, Wullie William, Tam Thomas, Eck Alexander, Jock
        // John, Dod George; Senga (Agnes turned about), Aggie and Nessie are Agnes.
        &["hugh", "shug", "shuggie"],
        &["william", "wullie"],
        &["thomas", "tam"],
        &["alexander", "eck", "ecky"],
        &["john", "jock"],
        &["george", "dod", "doddie"],
        &["agnes", "aggie", "nessie", "senga"],
        &["norman", "tormod"],
        &["angus", "aonghas", "aonghus"],
        &["alan", "allan", "ailean"],
        &["joan", "seonag"],
        &["rachel", "raonaid"],
        &["lachlan", "lachie", "lachy"],
        &["archibald", "archie"],
        // Punjabi (Sikh) given names and the short forms used for them; each short form is in a group of its
        // own per name, as Alex is, so Jaswinder and Jaspreet stay two names.
        &["jaswinder", "jasvinder", "jas", "jass"],
        &["jaspreet", "jas", "jass"],
        &["jasbir", "jas", "jass"],
        &["harjit", "harjeet", "harj"],
        &["harjinder", "harj"],
        &["sukhwinder", "sukhvinder", "sukh", "sukhi"],
        &["sukhjit", "sukhjeet", "sukh", "sukhi"],
        &["balwinder", "balvinder", "bal"],
        &["baljit", "baljeet", "bal"],
        &["ravinder", "ravindra", "rav"],
        &["kamaljit", "kamaljeet", "kam"],
        &["manjit", "manjeet", "manj", "manny"],
        // English names British Sikhs go by, recorded beside the Punjabi one: Harry for the names in Har-, Gary
        // for those in Gur-, each its own group so Harpreet and Harjit stay two names.
        &["harpreet", "harry", "harps"],
        &["harjit", "harry"],
        &["harvinder", "harry"],
        &["hardeep", "harry"],
        &["gurpreet", "gary", "guri"],
        &["gurdeep", "gary"],
        &["gurjit", "gurjeet", "gary"],
        &["kuldip", "kuldeep", "kully"],
        &["kulwinder", "kulvinder", "kully"],
        &["navdeep", "nav"],
        &["navjot", "nav"],
        &["maninder", "manny"],
        &["lakhvir", "lakhbir", "lucky"],
        &["lakhwinder", "lakhvinder", "lucky"],
        // Slovak and Czech familiar forms.
        &["ladislav", "laco", "lado", "laci"],
        &["frantisek", "fero", "franta"],
        &["miroslav", "miro", "mirek"],
        &["jaroslav", "jaro"],
        &["stanislav", "stano", "standa"],
        // Pišta is the Hungarian familiar form of István, used by Hungarian-speaking Slovak Roma for Štefan.
        &["stefan", "pista", "pisti", "istvan", "stevo"],
        &["jozef", "jozko", "jozo"],
        // Romanian familiar forms and English equivalents.
        &["constantin", "costel", "costi", "costica"],
        &["nicolae", "nicu", "nicusor"],
        &["gheorghe", "george", "gica"],
        // Welsh forms and their short ones.
        &["dafydd", "dai", "dewi", "david"],
        &["ieuan", "ifan", "iwan", "evan"],
        &["gwilym", "gwil", "wil", "will", "william"],
        &["llywelyn", "llewelyn", "llewellyn", "llew"],
        &["tomos", "twm", "thomas", "tom"],
        &["elen", "helen"],
        &["huw", "hugh"],
        &["iestyn", "justin"],
        // Ceri is said as Kerry, and an officer who hears it writes it so.
        &["ceri", "kerry"],
        &["gareth", "gaz"],
        // Russian and Ukrainian names and their familiar forms.
        &["dmitri", "dmitry", "dimitri", "dmytro", "dima"],
        &[
            "aleksandr",
            "alexandr",
            "alexander",
            "oleksandr",
            "olexandr",
            "sasha",
            "sanya",
        ],
        &[
            "aleksei", "alexei", "alexey", "aleksey", "oleksii", "oleksiy", "olexiy", "lyosha",
        ],
        &["andrii", "andriy", "andrei", "andrey", "andrew"],
        &["yuliia", "yulia", "yuliya", "julia"],
        &["mikhail", "mykhailo", "misha", "michael"],
        &["sergei", "sergey", "serhiy", "seryozha"],
        &["vladimir", "volodymyr", "volodya", "vova", "vlad"],
        &["yevgeny", "evgeny", "yevhen", "zhenya"],
        &["ivan", "vanya"],
        &["nikolai", "mykola", "kolya", "nicholas"],
        &["natalia", "natalya", "natasha"],
        &["tatiana", "tatyana", "tanya"],
        &["anastasia", "nastya"],
        &["yekaterina", "ekaterina", "kateryna", "katerina", "katya"],
        // Irish names and the spellings they are heard as.
        &["niamh", "neve", "neave", "nieve"],
        &["siobhan", "shevaun", "shivaun", "shivon", "chevonne"],
        &["roisin", "rosheen"],
        &["sinead", "shinead", "shanade"],
        &["aoife", "eefa"],
        &["caoimhe", "keeva", "keva"],
        &["saoirse", "seersha", "searsha"],
        &["padraig", "patrick", "paddy", "pat", "patsy"],
        &["oisin", "osheen", "ossian"],
        &["tadhg", "teague", "teige"],
        &["eamonn", "eamon", "edmund"],
        &["aoibheann", "aoibhinn", "eavan", "eve"],
        &["fionnuala", "finola", "nuala", "fenella"],
        &["ruairi", "ruari", "rory"],
        &["diarmuid", "diarmaid", "dermot"],
        &["domhnall", "donal", "donall"],
        // Dónal was made Daniel in English: a record may hold either. After Domhnall's group, which Donal is
        // counted under (`counted_as`).
        &["daniel", "donal"],
        &["cathal", "cahal"],
        &["grainne", "grania"],
        &["mairead", "margaret"],
        &["eibhlin", "eileen", "aileen"],
        &["peadar", "peter"],
        // Shay is Seamus's familiar form in Ireland, not a form of James.
        &["seamus", "shay"],
        // Familiar forms common among Irish families and Irish Travellers.
        &["bernard", "bernie", "barney"],
        &["honora", "nora", "norah", "nonie"],
        &["kathleen", "cathleen", "kathy", "kath", "katie"],
        &["cornelius", "con", "connie"],
        &["jeremiah", "jerry"],
        &["eoin", "owen"],
        &["bridget", "brigid", "biddy", "bridie", "breda"],
        // Maureen is Máirín, little Máire. Listed after Muhammad's group: a name is counted under its first
        // group (`counted_as`), and Mo is counted as Muhammad.
        &["maureen", "mo", "moreen"],
        // One name, spelled as parents chose.
        &["jayden", "jaden", "jaiden", "jaydon", "jadon"],
        // John in the languages of people who settled here, each beside the English name its holder may give
        // (a Portuguese João, a Latvian Jānis, an Irish Seán, a Romanian Ionuț, "Johnny", recorded as John): a
        // group each, so João and Juan stay two names.
        &["john", "joao"],
        &["john", "sean"],
        &["john", "juan"],
        &["john", "jan"],
        &["john", "janis"],
        &["john", "jonas"],
        // Ionuț is little Ion, Johnny: in a family a son may be Ionuț beside his father Ion.
        &["john", "ion", "ioan"],
        &["john", "johnny", "ionut"],
        &["john", "giovanni", "gianni"],
        &["john", "johann", "johannes"],
        // Joseph in Slovak, Czech and Polish spelling.
        &["joseph", "jozef", "josef"],
        // George in Czech (Jiří), Polish (Jerzy) and Slovak (Juraj), each beside the English name.
        &["george", "jiri"],
        &["george", "jerzy"],
        &["george", "juraj"],
        // Siân is Welsh for Jane, and Shân another spelling of it; Shan is also short for Shannon, so each
        // pairing is a group of its own.
        &["sian", "jane"],
        &["sian", "shan"],
        &["shannon", "shan"],
        // Gruffudd and its Welsh familiar forms.
        &["gruffudd", "gruffydd", "guto", "griff"],
        // Seonaid is Scottish Gaelic for Jane, anglicised as Shona.
        &["seonaid", "shona"],
        // Portuguese spells Tiago both ways (Brazil keeps the older Thiago).
        &["tiago", "thiago"],
    ];

    /// Name to the groups it is in. Asked for most candidate pairs, so hashed with the fast non-keyed hasher
    /// the rest of matching uses (the keys are the fixed lists above, not input).
    fn index() -> &'static FxHashMap<&'static str, Vec<usize>> {
        static INDEX: OnceLock<FxHashMap<&'static str, Vec<usize>>> = OnceLock::new();
        INDEX.get_or_init(|| {
            let mut map: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
            for (g, names) in GROUPS.iter().enumerate() {
                for name in *names {
                    map.entry(name).or_default().push(g);
                }
            }
            map
        })
    }

    /// The form a lower-case forename is counted under: the first name of the first group holding it, so
    /// that spellings and familiar forms of one name count together; a name in no group is its own form.
    pub fn counted_as(name: &str) -> &str {
        index()
            .get(name)
            .and_then(|groups| groups.first())
            .and_then(|g| GROUPS.get(*g))
            .and_then(|names| names.first())
            .copied()
            .unwrap_or(name)
    }

    /// Whether two lower-case forenames are both listed and share no group: forms of two different names.
    pub fn different_listed_names(a: &str, b: &str) -> bool {
        let index = index();
        index.contains_key(a) && index.contains_key(b) && !same_name(a, b)
    }

    /// Whether two lower-case forenames are forms of one name.
    pub fn same_name(a: &str, b: &str) -> bool {
        let index = index();
        match (index.get(a), index.get(b)) {
            (Some(ga), Some(gb)) => ga.iter().any(|g| gb.contains(g)),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A join through an ordinary pair, and through an initial against a forename.
    const PLAIN: JoinLink = JoinLink {
        via_initial: false,
        via_short_form: false,
        estimated_age: false,
    };
    const VIA_INITIAL: JoinLink = JoinLink {
        via_initial: true,
        via_short_form: false,
        estimated_age: false,
    };
    const VIA_SHORT_FORM: JoinLink = JoinLink {
        via_initial: false,
        via_short_form: true,
        estimated_age: false,
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
            assert!(dates_would_conflict(&birthday, &[estimate], false));
            assert_eq!(
                dates_would_conflict(&birthday, &[estimate], true),
                !explained,
                "{estimate}"
            );
        }
        // The link explains the estimate, not another date the person holds.
        assert!(dates_would_conflict(
            &birthday,
            &[date(1991, 1, 1), date(1975, 3, 3)],
            true
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
                _ if (digit_slips(&da, &db) <= 2
                    || digit_slips(&da, &day_month_swapped(db)) <= 1)
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
        use Level::*;
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
        assert!(
            model.weight(Field::Forename, Close) < model.weight(Field::Forename, Exact) + 1e-12
        );
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
}
