//! People and their nominal records: who lives where, what they are called, and how police systems come to hold
//! two or three slightly different records of one person (spelling variants, nicknames, swapped names, a
//! mistyped date of birth, a record made by another force without the PNC number).
//!
//! Sex, ethnicity and postcode are drawn the same way for everyone; network generation only constrains age, sex
//! and home town, so protected characteristics carry no planted signal about exploitation.

use super::lexicon::{self, NamePool, TOWNS};
use super::model::{NetRole, Person, Record, Sex};
use super::util::{self, Day, Rng8, chance, pick, weighted};
use rand::Rng;
use rayon::prelude::*;
use std::borrow::Cow;
use std::fmt::Write as _;

/// How many ordinary people one parallel chunk creates.
const PERSON_CHUNK: usize = 4096;

/// A town chosen by population, optionally within one force.
pub(crate) fn pick_town(rng: &mut Rng8, force: Option<usize>) -> usize {
    let force =
        force.unwrap_or_else(|| weighted(rng, &lexicon::FORCE_WEIGHTS).copied().unwrap_or(0));
    let total: u32 = TOWNS
        .iter()
        .filter(|t| t.force == force)
        .map(|t| t.weight)
        .sum();
    let mut r = rng.gen_range(0..total.max(1));
    for (i, t) in TOWNS.iter().enumerate() {
        if t.force != force {
            continue;
        }
        if r < t.weight {
            return i;
        }
        r -= t.weight;
    }
    0
}

/// A hub city (where lines are run from), chosen by population.
pub(crate) fn pick_hub(rng: &mut Rng8) -> usize {
    let hubs: Vec<(usize, u32)> = TOWNS
        .iter()
        .enumerate()
        .filter(|(_, t)| t.hub)
        .map(|(i, t)| (i, t.weight))
        .collect();
    weighted(rng, &hubs).copied().unwrap_or(0)
}

pub(crate) fn town(i: usize) -> &'static lexicon::Town {
    TOWNS.get(i).unwrap_or(&lexicon::FALLBACK_TOWN)
}

pub(crate) fn random_sex(rng: &mut Rng8, p_male: f64) -> Sex {
    if chance(rng, 0.006) {
        Sex::U
    } else if chance(rng, p_male) {
        Sex::M
    } else {
        Sex::F
    }
}

/// A date of birth giving an age in `lo..=hi` years on `on`.
pub(crate) fn dob_for_age(rng: &mut Rng8, on: Day, lo: u32, hi: u32) -> Day {
    let lo_days = (lo as i32) * 365 + 1;
    let hi_days = (hi as i32 + 1) * 365 - 1;
    on - rng.gen_range(lo_days..=hi_days.max(lo_days))
}

/// Ages of ordinary nominals as of mid-extract: police systems skew young adult, with children and the elderly
/// present as victims, witnesses and missing people.
fn ordinary_dob(rng: &mut Rng8) -> Day {
    let on = util::day_of(2023, 1, 1);
    let (lo, hi) = *weighted(
        rng,
        &[
            ((10, 17), 13),
            ((18, 24), 17),
            ((25, 34), 24),
            ((35, 44), 18),
            ((45, 54), 13),
            ((55, 64), 8),
            ((65, 79), 5),
            ((80, 95), 2),
        ],
    )
    .unwrap_or(&(25, 34));
    dob_for_age(rng, on, lo, hi)
}

fn names(rng: &mut Rng8, ethnicity: &str, sex: Sex) -> (&'static str, Cow<'static, str>) {
    let options = lexicon::pools_for(ethnicity);
    let total: u32 = options.iter().map(|o| o.2).sum();
    let mut r = rng.gen_range(0..total.max(1));
    let mut chosen: (&NamePool, &NamePool) = (&lexicon::BRITISH, &lexicon::BRITISH);
    for &(f, s, w) in options {
        if r < w {
            chosen = (f, s);
            break;
        }
        r -= w;
    }
    let (fpool, spool) = chosen;
    let male = match sex {
        Sex::M => true,
        Sex::F => false,
        Sex::U => chance(rng, 0.5),
    };
    let forename = pick(rng, if male { fpool.male } else { fpool.female });
    let mut surname = draw_surname(rng, spool);
    if surname == forename {
        // "Martin Martin" exists but reads as a generator bug; draw again once.
        surname = draw_surname(rng, spool);
    }
    (forename, surname)
}

/// A surname of the pool's group: a listed one, or one of its long tail (see [`lexicon::SurnameTail`]).
fn draw_surname(rng: &mut Rng8, pool: &NamePool) -> Cow<'static, str> {
    let Some(tail) = pool.tail else {
        return Cow::Borrowed(pick(rng, pool.surnames));
    };
    let composed = tail.first.len() * tail.second.len();
    if composed == 0 || !chance(rng, f64::from(tail.tail_per_mille) / 1000.0) {
        let i = if tail.ranked {
            ranked_index(rng, pool.surnames.len(), RANK_OFFSET)
        } else {
            rng.gen_range(0..pool.surnames.len().max(1))
        };
        return Cow::Borrowed(pool.surnames.get(i).copied().unwrap_or(""));
    }
    let i = if tail.ranked {
        // The tail continues the listed names' profile: its first name is rank `listed + 1`.
        ranked_index(rng, composed, pool.surnames.len() as f64 + RANK_OFFSET)
    } else {
        rng.gen_range(0..composed)
    };
    // A fixed stride through the products, coprime with their count, so neighbouring ranks do not all share
    // one first element.
    let j = (i * TAIL_STRIDE) % composed;
    let first = tail.first.get(j % tail.first.len()).copied().unwrap_or("");
    let second = tail.second.get(j / tail.first.len()).copied().unwrap_or("");
    Cow::Owned(format!("{first}{second}"))
}

/// Surname frequency falls with rank about as `1 / (rank + 10)`: with 35% of British people in the 234 listed
/// names this gives Smith 1.0%, the 100th name 0.1% and the 234th 0.05%, near the published 1.2%, 0.13% and
/// 0.05%.
const RANK_OFFSET: f64 = 10.0;
/// A prime larger than any tail, so `i * TAIL_STRIDE` runs through every product once.
const TAIL_STRIDE: usize = 7919;

/// An index in `0..n` drawn with probability about proportional to `1 / (index + offset)`: the inverse of the
/// continuous distribution, so one draw costs one `powf`.
fn ranked_index(rng: &mut Rng8, n: usize, offset: f64) -> usize {
    let u: f64 = rng.r#gen();
    let x = offset * ((n as f64 + offset) / offset).powf(u) - offset;
    (x.max(0.0) as usize).min(n.saturating_sub(1))
}

pub(crate) fn ethnicity(rng: &mut Rng8) -> &'static str {
    weighted(rng, &lexicon::ETHNICITIES)
        .copied()
        .unwrap_or("White British")
}

/// A plausible postcode in the town: a real outward code and a made-up inward code.
pub(crate) fn postcode(rng: &mut Rng8, town: usize) -> String {
    const INWARD: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let t = self::town(town);
    let mut s = String::with_capacity(8);
    s.push_str(pick(rng, t.outward));
    let _ = write!(s, " {}", rng.gen_range(1..10));
    for _ in 0..2 {
        s.push(char::from(
            *INWARD.get(rng.gen_range(0..INWARD.len())).unwrap_or(&b'A'),
        ));
    }
    s
}

pub(crate) fn address(rng: &mut Rng8, town: usize, area: &str) -> String {
    let t = self::town(town);
    let street = super::text::street(rng);
    match rng.gen_range(0..100) {
        0 => "No fixed abode".to_string(),
        1..=22 => format!(
            "Flat {}, {}, {}, {}",
            rng.gen_range(1..60),
            pick(rng, &lexicon::BLOCK_NAMES),
            street,
            t.name
        ),
        23..=60 => format!("{} {}, {}, {}", rng.gen_range(1..220), street, area, t.name),
        _ => format!("{} {}, {}", rng.gen_range(1..220), street, t.name),
    }
}

/// One person living in `town`, with the given sex and date of birth.
pub(crate) fn make_person(rng: &mut Rng8, town: usize, sex: Sex, dob: Day) -> Person {
    let ethnicity = ethnicity(rng);
    let (forename, surname) = names(rng, ethnicity, sex);
    let area = pick(rng, self::town(town).areas);
    Person {
        sex,
        dob,
        forename,
        surname,
        ethnicity,
        town,
        area,
        postcode: postcode(rng, town),
        address: address(rng, town, area),
        network: None,
        role: NetRole::None,
        records: Vec::new(),
    }
}

/// A relative of `other` living with them: same address, usually the same surname.
pub(crate) fn make_relative(rng: &mut Rng8, other: &Person, sex: Sex, dob: Day) -> Person {
    let mut p = make_person(rng, other.town, sex, dob);
    if chance(rng, 0.75) {
        p.surname = other.surname.clone();
        p.ethnicity = other.ethnicity;
        let (forename, _) = names(rng, other.ethnicity, sex);
        p.forename = forename;
    }
    p.area = other.area;
    p.postcode = other.postcode.clone();
    p.address = other.address.clone();
    p
}

/// The general population, generated in parallel chunks each with its own stream.
pub(crate) fn ordinary_persons(seed: u64, n: usize) -> Vec<Person> {
    let chunks = n.div_ceil(PERSON_CHUNK);
    (0..chunks)
        .into_par_iter()
        .flat_map_iter(|c| {
            let mut rng = util::stream(seed, util::tag::PERSONS, c as u64);
            let len = PERSON_CHUNK.min(n - c * PERSON_CHUNK);
            (0..len)
                .map(|_| {
                    let town = pick_town(&mut rng, None);
                    let dob = ordinary_dob(&mut rng);
                    let sex = random_sex(&mut rng, 0.56);
                    make_person(&mut rng, town, sex, dob)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn pnc(rng: &mut Rng8, dob: Day) -> String {
    const CHECK: &[u8] = b"ABCDEFGHJKLMNPQRTUVWXYZ";
    let (by, _, _) = util::civil(dob);
    let first = (by + rng.gen_range(12..30)).min(2024);
    format!(
        "{:02}/{:07}{}",
        first % 100,
        rng.gen_range(1..9_999_999),
        char::from(*CHECK.get(rng.gen_range(0..CHECK.len())).unwrap_or(&b'A'))
    )
}

/// The records systems hold for one person: the first faithful, any duplicates each carrying one or more of the
/// discrepancies that defeat exact matching.
pub(crate) fn records_for(rng: &mut Rng8, pidx: u32, p: &Person, copies: usize) -> Vec<Record> {
    let force = self::town(p.town).force;
    // Duplicates usually lack the PNC id, so the first record carries it a little more often than the 40%
    // overall share.
    let has_pnc = chance(rng, 0.44);
    let pnc_id = if has_pnc {
        pnc(rng, p.dob)
    } else {
        String::new()
    };
    let first = Record {
        person: pidx,
        forename: p.forename.to_string(),
        surname: p.surname.to_string(),
        dob: if chance(rng, 0.03) { None } else { Some(p.dob) },
        sex: p.sex,
        ethnicity: if chance(rng, 0.04) {
            lexicon::NOT_STATED
        } else {
            p.ethnicity
        },
        postcode: p.postcode.clone(),
        force,
        pnc: pnc_id,
        address: p.address.clone(),
    };
    let mut out = Vec::with_capacity(copies);
    for _ in 1..copies {
        out.push(duplicate(rng, &first, p));
    }
    out.insert(0, first);
    out
}

fn duplicate(rng: &mut Rng8, base: &Record, p: &Person) -> Record {
    let mut r = base.clone();
    r.dob = Some(p.dob);
    // Each duplicate differs in at least one identifying field and often in the administrative ones too.
    let changes = rng.gen_range(1..=3);
    for _ in 0..changes {
        match rng.gen_range(0..10) {
            0..=2 => r.forename = forename_variant(rng, &r.forename),
            3 => r.surname = surname_variant(rng, &r.surname),
            4 => std::mem::swap(&mut r.forename, &mut r.surname),
            5..=7 => r.dob = r.dob.map(|d| dob_typo(rng, d)),
            8 => r.dob = None,
            _ => {
                r.forename = forename_variant(rng, &r.forename);
                r.dob = r.dob.map(|d| dob_typo(rng, d));
            }
        }
    }
    if chance(rng, 0.4) {
        // Recorded by a neighbouring force that did not find the existing record.
        let other = (r.force + rng.gen_range(1..lexicon::FORCES.len())) % lexicon::FORCES.len();
        r.force = other;
    }
    if chance(rng, 0.7) {
        r.pnc = String::new();
    }
    if chance(rng, 0.3) {
        let town = if chance(rng, 0.5) {
            p.town
        } else {
            pick_town(rng, Some(r.force))
        };
        let area = pick(rng, self::town(town).areas);
        r.postcode = postcode(rng, town);
        r.address = address(rng, town, area);
    }
    if chance(rng, 0.1) {
        r.ethnicity = lexicon::NOT_STATED;
    }
    if chance(rng, 0.03) {
        r.sex = Sex::U;
    }
    r
}

fn forename_variant(rng: &mut Rng8, name: &str) -> String {
    for group in lexicon::SPELLINGS {
        if group.contains(&name) {
            let others: Vec<&str> = group.iter().copied().filter(|n| *n != name).collect();
            if let Some(n) = others.get(rng.gen_range(0..others.len().max(1))) {
                return (*n).to_string();
            }
        }
    }
    for (formal, short) in lexicon::NICKNAMES {
        if *formal == name {
            return pick(rng, short).to_string();
        }
        if short.contains(&name) {
            return (*formal).to_string();
        }
    }
    super::noise::typo_word(rng, name)
}

fn surname_variant(rng: &mut Rng8, name: &str) -> String {
    for group in lexicon::SPELLINGS {
        if group.contains(&name) {
            let others: Vec<&str> = group.iter().copied().filter(|n| *n != name).collect();
            if let Some(n) = others.get(rng.gen_range(0..others.len().max(1))) {
                return (*n).to_string();
            }
        }
    }
    if let Some((a, b)) = name.split_once('-') {
        return (if chance(rng, 0.5) { a } else { b }).to_string();
    }
    super::noise::typo_word(rng, name)
}

/// A date of birth as mistyped: two digits transposed, or day and month swapped.
pub(crate) fn dob_typo(rng: &mut Rng8, dob: Day) -> Day {
    let (y, m, d) = util::civil(dob);
    let valid = |y: i32, m: u32, d: u32| -> Option<Day> {
        let z = util::day_of(y, m, d);
        (util::civil(z) == (y, m, d) && z != dob && y > 1915 && z < util::day_of(2024, 1, 1))
            .then_some(z)
    };
    let tries: [Option<Day>; 4] = [
        if d <= 12 { valid(y, d, m) } else { None },
        valid(y - y % 100 + (y % 10) * 10 + (y % 100) / 10, m, d),
        valid(y, m, (d % 10) * 10 + d / 10),
        valid(y, m, if d > 1 { d - 1 } else { d + 1 }),
    ];
    let start = rng.gen_range(0..tries.len());
    (0..tries.len())
        .filter_map(|i| tries.get((start + i) % tries.len()).copied().flatten())
        .next()
        .unwrap_or(dob)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dob_typos_are_near_misses() {
        let mut rng = util::stream(7, 99, 0);
        let dob = util::day_of(2008, 5, 3);
        for _ in 0..50 {
            let t = dob_typo(&mut rng, dob);
            assert_ne!(t, dob);
            let (y, _, _) = util::civil(t);
            assert!((2000..2090).contains(&y));
        }
    }
}
