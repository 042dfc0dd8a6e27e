//! Nominal matching (entity resolution): nominal records in, persons out, with the evidence for every merge.
//! Pure: no I/O. `ndas resolve` runs it on one nominals table and `ndas run` on the extract's.
//!
//! The method is Fellegi-Sunter, as Splink does it, with priors updated from the file itself:
//! 1. **Blocking** keeps the work linear: only records sharing a key are compared. Keys: the PNC id; the date of
//!    birth with day and month in either order and the initial of either name; the sounds of both names in either order (catches swapped names
//!    and mistyped dates); the surname's sound with the year of birth; either name's sound with the birthday but
//!    not the year, and with the postcode (catch one mistyped or nicknamed name with a mistyped or missing date);
//!    the forename with the year of birth and the surname's initial (a mistyped surname, a slipped day and a new
//!    address together); the address alone (a household: catches a pair with every name and the date mistyped);
//!    the house number and street alone, pairing only addresses that are one premises written with and without
//!    a town or district ("8 Carrfield Drive" and "8 Carrfield Dr, Selby"), or with a postcode after it.
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
//!    A date of birth of 1 January beside a real date of its year agrees on the year only: the placeholder
//!    systems write for an age known to the year. Residence runs from one address, through one postcode,
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
//!
//! The files follow the steps. `prepare` normalises a record once; `model` holds the levels, the fields and their
//! m and u; `names`, `dates` and `sound` compare names, dates of birth and how names sound, with `nicknames` the
//! familiar forms; `comparison` weighs one pair, its residence and its names' frequencies; `cluster` holds the
//! merges, the review queue and the guards on joining. Blocking, the decision, the priors and the union-find are
//! here, beside [`resolve`].

use std::collections::BTreeMap;

use chrono::Datelike;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::extract::Nominal;
use crate::ids::{NominalId, PersonId};

/// Blocks larger than this are skipped: comparing every pair of 5,000 "John Smith"s finds nothing the date-of-
/// birth and PNC blocks do not, and costs 12.5 million comparisons.
pub const MAX_BLOCK: usize = 1_000;
/// Probability at or above which two records are one person. On the synthetic extracts 0.5 gives the best
/// pairwise F1; 0.8 gives up a little recall for fewer false merges, which matter more here (a false merge can
/// put a victim's record in an exploiter's profile).
pub const DEFAULT_THRESHOLD: f64 = 0.8;

mod cluster;
mod comparison;
mod dates;
mod model;
mod names;
mod nicknames;
mod prepare;
mod sound;
#[cfg(test)]
mod tests;

pub use cluster::{Merge, REVIEW_FLOOR, Review, ReviewReason};
pub use comparison::{Comparison, NameFrequencies, compare, compare_levels, weigh};
pub use dates::{
    DOB_CONFLICT, FORENAME_CONFLICT, GENERATION_CONFLICT, INITIAL_BRIDGE_CONFLICT, PNC_CONFLICT,
    SHORT_FORM_BRIDGE_CONFLICT, SINGH_KAUR_CONFLICT, dobs_conflict,
};
pub use model::{Field, Level, Model, prior_weight};
use prepare::same_premises;
pub use prepare::{Generation, Prepared};
pub use sound::{Spoken, soundex};

use cluster::{Identifiers, JoinLink};
use comparison::{NameTable, levels_given_names};
use model::{FIELDS, U_SAMPLE_PAIRS};
use names::note_surnames_and_birthday;

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
        // The premises without the town or district that one system adds and another leaves out ("8 Carrfield
        // Drive" and "8 Carrfield Dr, Selby"): the house number and the two words after it. The house number is
        // the last number followed by two words without digits: after any flat or room number, and before a
        // postcode written into the address ("94 Carrfield Grove, Rochdale, OL11 3UB"), whose parts carry
        // digits themselves.
        let words: Vec<&str> = r.address.split(' ').collect();
        let has_digit = |w: &str| w.bytes().any(|c| c.is_ascii_digit());
        let street = words.windows(3).rev().find(|w| {
            matches!(w, [house, first, second] if has_digit(house) && !has_digit(first) && !has_digit(second))
        });
        if let Some(street) = street {
            keys.push(format!("{STREET_KEY}{}", street.join(" ")));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The prefix of the blocking key that holds a premises by its house number and street alone.
const STREET_KEY: &str = "s:";

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
    let address = |i: u32| records.get(i as usize).map_or("", |r| r.address.as_str());
    // Two addresses of as many words are one premises only if they hold the same words: one address, which the
    // address key already pairs, or the same words reordered, rare enough to leave. Counted once here, this
    // spares the street blocks' many same-length pairs the word check.
    let address_words: Vec<usize> = records
        .iter()
        .take(n)
        .map(|r| r.address.split(' ').count())
        .collect();
    let words = |i: u32| address_words.get(i as usize).copied().unwrap_or(0);
    for (key, members) in &blocks {
        if members.len() > MAX_BLOCK {
            stats.blocks_skipped += 1;
            continue;
        }
        // A street block pairs only addresses that are one premises written two ways (see the key): "12 High
        // Street" is in every town, and a pair that shares only that is no candidate.
        let premises_only = key.starts_with(STREET_KEY);
        for (x, &a) in members.iter().enumerate() {
            for &b in members.iter().skip(x + 1) {
                if premises_only
                    && (words(a) == words(b) || same_premises(address(a), address(b)).is_none())
                {
                    continue;
                }
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
    // Between links of equal weight, a record without a date of birth that says "Jnr" joins the younger of
    // two dated namesakes first, and one that says "Snr" the elder: at one address a son named after his father
    // links to each alike, and the suffix is the only thing on the record that tells which. Other links sort
    // after these, as they were.
    let generation_order = |m: &Merge| -> Option<i64> {
        let (a, b) = (records.get(m.a)?, records.get(m.b)?);
        let toward = |suffixed: &Prepared, dated: &Prepared| {
            let generation = suffixed.generation?;
            let days = i64::from(dated.dob?.num_days_from_ce());
            match (generation, suffixed.dob) {
                (Generation::Junior, None) => Some(-days),
                (Generation::Senior, None) => Some(days),
                _ => None,
            }
        };
        toward(a, b).or_else(|| toward(b, a))
    };
    // Weights summed in another order differ in the last bits; to a millionth of a bit they are equal.
    let weight_to_sort = |m: &Merge| (m.comparison.weight * 1e6).round() as i64;
    linked.sort_by(|(x, _), (y, _)| {
        pnc(y)
            .cmp(&pnc(x))
            .then_with(|| same_forename(y).cmp(&same_forename(x)))
            .then_with(|| weight_to_sort(y).cmp(&weight_to_sort(x)))
            .then_with(|| forename_as_written(y).cmp(&forename_as_written(x)))
            .then_with(|| match (generation_order(x), generation_order(y)) {
                (Some(p), Some(q)) => p.cmp(&q),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
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
