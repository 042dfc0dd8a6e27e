//! Small shared helpers for the generator: per-stream random number generators, calendar arithmetic on day
//! numbers, and choosing from static lists without panicking.
//!
//! Every random draw in the generator goes through a `ChaCha8Rng` obtained from [`stream`], keyed by the run
//! seed, a table tag and a chunk index. ChaCha's output is specified, so the same key gives the same bytes on any
//! platform, and because chunks never share a stream the output does not depend on how rayon schedules them.

use rand::{Rng, SeedableRng, seq::SliceRandom};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write as _;

/// The generator's random number generator.
pub(crate) type Rng8 = ChaCha8Rng;

/// Stream tags: one per independent part of the world, so adding draws to one part never shifts another.
pub(crate) mod tag {
    pub const PERSONS: u64 = 1;
    pub const NETWORK_PLAN: u64 = 2;
    pub const NETWORK: u64 = 3;
    pub const EVENTS: u64 = 4;
    pub const RECORDS: u64 = 5;
    pub const SHUFFLE: u64 = 6;
    pub const OCG: u64 = 7;
}

/// A generator for one (table, chunk) pair of the run `seed`. ChaCha's 64-bit stream id carries the pair, so
/// streams are independent by construction rather than by luck of hashing.
pub(crate) fn stream(seed: u64, table: u64, chunk: u64) -> Rng8 {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream((table << 40) ^ chunk);
    rng
}

/// A uniformly chosen element of a static list (empty string for an empty list, which no caller passes).
pub(crate) fn pick(rng: &mut Rng8, xs: &[&'static str]) -> &'static str {
    xs.choose(rng).copied().unwrap_or("")
}

/// An element chosen with probability proportional to its weight.
pub(crate) fn weighted<'a, T>(rng: &mut Rng8, xs: &'a [(T, u32)]) -> Option<&'a T> {
    let total: u32 = xs.iter().map(|(_, w)| *w).sum();
    if total == 0 {
        return None;
    }
    let mut r = rng.gen_range(0..total);
    for (x, w) in xs {
        if r < *w {
            return Some(x);
        }
        r -= *w;
    }
    None
}

/// True with probability `p`.
pub(crate) fn chance(rng: &mut Rng8, p: f64) -> bool {
    rng.gen_bool(p.clamp(0.0, 1.0))
}

/// An index into a pool of `n` that favours the front of the pool, so a few people recur in many events (as
/// prolific offenders and repeat victims do) while most appear once or twice.
pub(crate) fn skewed_index(rng: &mut Rng8, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let u: f64 = rng.r#gen();
    let i = (u * u * u * n as f64) as usize;
    i.min(n - 1)
}

/// Days since 1970-01-01.
pub(crate) type Day = i32;

/// Day number of a civil date (proleptic Gregorian), after Howard Hinnant's `days_from_civil`.
pub(crate) fn day_of(y: i32, m: u32, d: u32) -> Day {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date (year, month, day) of a day number.
pub(crate) fn civil(z: Day) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `YYYY-MM-DD`, the extract's date format.
pub(crate) fn iso(day: Day) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Appends `DD/MM/YYYY`, the way dates are written inside narratives.
pub(crate) fn push_uk_date(out: &mut String, day: Day) {
    let (y, m, d) = civil(day);
    let _ = write!(out, "{d:02}/{m:02}/{y:04}");
}

/// Whole years of age on `on` for someone born on `dob`.
pub(crate) fn age_on(dob: Day, on: Day) -> u32 {
    let (by, bm, bd) = civil(dob);
    let (y, m, d) = civil(on);
    let mut age = y - by;
    if (m, d) < (bm, bd) {
        age -= 1;
    }
    age.max(0) as u32
}

/// 0 = Sunday.
pub(crate) fn weekday(day: Day) -> usize {
    (day + 4).rem_euclid(7) as usize
}

pub(crate) const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// First and last day covered by every extract: four years, long enough for networks to form and dissolve.
pub(crate) fn first_day() -> Day {
    day_of(2021, 1, 1)
}
pub(crate) fn last_day() -> Day {
    day_of(2024, 12, 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trips() {
        for z in day_of(1930, 1, 1)..day_of(2030, 12, 31) {
            let (y, m, d) = civil(z);
            assert_eq!(day_of(y, m, d), z);
        }
        assert_eq!(iso(day_of(2024, 2, 29)), "2024-02-29");
        assert_eq!(WEEKDAYS[weekday(day_of(2024, 3, 14))], "Thursday");
        assert_eq!(age_on(day_of(2008, 5, 3), day_of(2024, 5, 2)), 15);
        assert_eq!(age_on(day_of(2008, 5, 3), day_of(2024, 5, 3)), 16);
    }
}
