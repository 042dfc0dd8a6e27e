//! Comparison levels, fields and the Fellegi-Sunter model: each level's match weight, with priors re-estimated
//! from the file.

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
    /// A date of birth of 1 January (an age recorded as a year, the placeholder of asylum, custody and
    /// missing-person systems) beside a real date in the same year: the year agrees, the day says nothing.
    YearOnly,
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
            Level::YearOnly => "year_only",
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
        // One date a 1 January placeholder in the other's year: strangers share a year of birth about 1 time in
        // 40, and about 1 record in 100 holds a placeholder.
        (Dob, YearOnly) => (0.01, 0.000_5),
        (Dob, Near) => (0.03, 0.01),
        (Dob, Different) => (0.03, 0.987_8),
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
pub(super) const FIELDS: usize = Field::ALL.len();

/// `m` and `u` for every field and level: the priors above, updated from the data.
///
/// As Splink does, `u` is estimated from record pairs drawn at random (almost all of them different people),
/// and `m` from candidate pairs a deterministic rule says are one person (their PNC ids agree), both smoothed
/// towards the prior so a small file cannot push a weight to an extreme. Expectation-maximisation over all
/// candidate pairs was tried for `m` and collapses on small files (every pair a match).
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub(super) m: [[f64; LEVELS]; FIELDS],
    pub(super) u: [[f64; LEVELS]; FIELDS],
    /// Whether `u` was estimated from the data (false: the priors).
    pub trained: bool,
    /// How many candidate pairs with agreeing PNC ids `m` was estimated from (0: the priors).
    pub m_pairs: usize,
}

/// Pseudo-counts the priors are worth: `u` as if seen in this many random pairs, `m` in this many matches.
const U_PRIOR_PAIRS: f64 = 2_000.0;
pub(super) const U_SAMPLE_PAIRS: usize = 200_000;
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

    pub(super) fn get(table: &[[f64; LEVELS]; FIELDS], field: Field, level: Level) -> f64 {
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
    pub(super) fn possible(field: Field) -> impl Iterator<Item = Level> {
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
    Level::YearOnly,
    Level::Near,
    Level::Area,
    Level::Different,
];
