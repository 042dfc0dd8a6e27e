//! Date-of-birth comparison: slips of the keyboard, day and month swapped, placeholders, and the gaps that are
//! two people.

use chrono::{Datelike, NaiveDate};

use super::model::Level;

/// Years between a parent's birth and a child's, at the least.
pub(super) const GENERATION_YEARS: i32 = 15;

/// Dates of birth. A date of 1 January against another date in the same year that no slip explains is taken
/// for a placeholder that agrees on the year only ([`Level::YearOnly`]): systems record a birthday known only by
/// its year (an age estimated on arrival, a year from a relative) as 1 January.
pub(super) fn compare_dob(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Level {
    let (Some(a), Some(b)) = (a, b) else {
        return Level::Missing;
    };
    let level = compare_dob_as_written(a, b);
    if level == Level::Different
        && a.year() == b.year()
        && (is_first_of_january(a) || is_first_of_january(b))
    {
        return Level::YearOnly;
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

pub(super) fn is_first_of_january(date: NaiveDate) -> bool {
    date.month() == 1 && date.day() == 1
}

pub(super) fn compare_dob_as_written(a: NaiveDate, b: NaiveDate) -> Level {
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
pub(super) fn slips_at_least(a: &[u8; 8], b: &[u8; 8]) -> usize {
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
pub(super) fn generation_apart(a: i32, b: i32) -> bool {
    let transposed = |y: i32| y - y % 100 + (y % 10) * 10 + (y % 100) / 10;
    (a - b).abs() >= GENERATION_YEARS && transposed(a) != b
}

/// Damerau-Levenshtein (optimal string alignment) distance between two dates' digits, on the stack: this runs
/// for most candidate pairs.
pub(super) fn digit_slips(a: &[u8; 8], b: &[u8; 8]) -> usize {
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
pub(super) fn day_month_swapped(digits: [u8; 8]) -> [u8; 8] {
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
/// `twin_forenames` in `cluster.rs`).
pub const FORENAME_CONFLICT: &str = "forenames are two names, each written the same way on more than one record (twins given like names: Ella and Ellie)";

/// Why a join is refused when one person's records hold Singh and the other's Kaur (see [`Identifiers::sikh_names`](super::cluster::Identifiers::sikh_names)).
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
pub(super) fn estimated_beside_real(a: NaiveDate, b: NaiveDate) -> bool {
    (a.year() - b.year()).abs() == 1 && is_first_of_january(a) != is_first_of_january(b)
}

/// Whether two dates of birth are one slip apart or equal: one date could have been keyed as the other.
pub(super) fn one_slip(a: NaiveDate, b: NaiveDate) -> bool {
    matches!(
        compare_dob(Some(a), Some(b)),
        Level::Exact | Level::DayMonthSwapped | Level::Transposed | Level::OneDay | Level::OneDigit
    )
}

/// A date (year 0 to 9999) as the eight ASCII digits of `YYYYMMDD`, without formatting a string: this runs
/// for most of the millions of candidate pairs.
pub(super) fn date_digits(date: NaiveDate) -> [u8; 8] {
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
