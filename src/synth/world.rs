//! Builds the synthetic world before any event is written: the population, the exploitation networks planted in
//! it, every person's nominal records (with duplicates), markers and OCG nominals, and the pools that ordinary
//! events draw their people from.
//!
//! Record and person numbering is shuffled with a seeded permutation, so neither nominal ids nor person keys
//! reveal who belongs to a network.

use super::Size;
use super::lexicon;
use super::model::{OcgRole, Person, Record};
use super::network::{self, NetKind, Network};
use super::people;
use super::util::{self, Day, Rng8, chance, tag};
use rand::Rng;
use rand::seq::SliceRandom;

/// How big each part of the world is for one `Size`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scale {
    pub events: usize,
    /// People (not records); duplicates bring records to roughly the target nominal count.
    pub persons: usize,
    pub county_networks: usize,
    pub cse_networks: usize,
    /// OCGs that have nothing to do with exploitation (burglary teams, vehicle crime, fraud).
    pub other_ocgs: usize,
    pub tiny: bool,
}

impl Scale {
    pub(crate) fn of(size: Size) -> Scale {
        match size {
            Size::Tiny => Scale {
                events: 300,
                persons: 172,
                county_networks: 1,
                cse_networks: 1,
                other_ocgs: 1,
                tiny: true,
            },
            Size::Small => Scale {
                events: 20_000,
                persons: 3_900,
                county_networks: 18,
                cse_networks: 7,
                other_ocgs: 12,
                tiny: false,
            },
            Size::Force => Scale {
                events: 2_000_000,
                persons: 345_000,
                county_networks: 1_080,
                cse_networks: 420,
                other_ocgs: 700,
                tiny: false,
            },
        }
    }
}

pub(crate) struct World {
    pub scale: Scale,
    pub persons: Vec<Person>,
    /// Nominal records in output order (`N0000001` is `records[0]`).
    pub records: Vec<Record>,
    /// `person_keys[i]` numbers person `i` in `truth/people.csv`.
    pub person_keys: Vec<u32>,
    pub networks: Vec<Network>,
    /// Ordinary-event pools per force: adults, children outside any network, and the elderly.
    pub adults: Vec<Vec<u32>>,
    pub children: Vec<Vec<u32>>,
    pub elderly: Vec<Vec<u32>>,
    /// (record, marker, recorded on), sorted.
    pub markers: Vec<(u32, &'static str, Day)>,
    /// (record, OCG number, role), sorted.
    pub ocg: Vec<(u32, u32, OcgRole)>,
}

impl World {
    pub(crate) fn record(&self, pos: u32) -> Option<&Record> {
        self.records.get(pos as usize)
    }

    /// One of the person's records, usually the main one: each duplicate gets some events of its own.
    pub(crate) fn rec_of(&self, rng: &mut Rng8, person: u32) -> u32 {
        let recs = self
            .persons
            .get(person as usize)
            .map(|p| p.records.as_slice())
            .unwrap_or(&[]);
        let i = if recs.len() > 1 && chance(rng, 0.45) {
            rng.gen_range(1..recs.len())
        } else {
            0
        };
        recs.get(i).copied().unwrap_or(0)
    }

    pub(crate) fn person(&self, i: u32) -> Option<&Person> {
        self.persons.get(i as usize)
    }

    fn pool_pick(rng: &mut Rng8, pools: &[Vec<u32>], force: usize) -> Option<u32> {
        // Mostly locals; one in ten from elsewhere, as travelling offenders and visitors are.
        let f = if chance(rng, 0.9) {
            force
        } else {
            rng.gen_range(0..pools.len())
        };
        let pool = pools
            .get(f)
            .filter(|p| !p.is_empty())
            .or_else(|| pools.iter().find(|p| !p.is_empty()))?;
        pool.get(util::skewed_index(rng, pool.len())).copied()
    }

    pub(crate) fn adult(&self, rng: &mut Rng8, force: usize) -> Option<u32> {
        Self::pool_pick(rng, &self.adults, force)
    }

    pub(crate) fn child(&self, rng: &mut Rng8, force: usize) -> Option<u32> {
        Self::pool_pick(rng, &self.children, force)
    }

    pub(crate) fn elderly(&self, rng: &mut Rng8, force: usize) -> Option<u32> {
        Self::pool_pick(rng, &self.elderly, force)
    }
}

pub(crate) fn build(seed: u64, size: Size) -> World {
    let scale = Scale::of(size);
    let mut persons: Vec<Person> = Vec::with_capacity(scale.persons + 1024);

    let mut plan_rng = util::stream(seed, tag::NETWORK_PLAN, 0);
    let networks = network::plan(&mut plan_rng, &scale, &mut persons);
    let planted = persons.len();
    persons.extend(people::ordinary_persons(
        seed,
        scale.persons.saturating_sub(planted),
    ));

    // Records: about one person in eight has two or three.
    let mut rec_rng = util::stream(seed, tag::RECORDS, 0);
    let mut records: Vec<Record> = Vec::with_capacity(persons.len() * 6 / 5);
    let network_children: Vec<u32> = networks
        .iter()
        .flat_map(|n| n.children.iter().map(|c| c.person))
        .collect();
    for (i, p) in persons.iter().enumerate() {
        // The first exploited child of the first network always has a duplicate, so even the tiny extract
        // exercises resolution across records for a person who matters.
        let forced = network_children.first() == Some(&(i as u32));
        let copies = if forced || chance(&mut rec_rng, 0.125) {
            if chance(&mut rec_rng, 0.7) { 2 } else { 3 }
        } else {
            1
        };
        let mut recs = people::records_for(&mut rec_rng, i as u32, p, copies);
        if forced && let Some(main) = recs.first_mut() {
            // ...and its main record carries the date of birth that shows the child's age.
            main.dob = Some(p.dob);
        }
        records.extend(recs);
    }

    let mut shuffle_rng = util::stream(seed, tag::SHUFFLE, 0);
    records.shuffle(&mut shuffle_rng);
    for (pos, r) in records.iter().enumerate() {
        if let Some(p) = persons.get_mut(r.person as usize) {
            p.records.push(pos as u32);
        }
    }
    // A person's main record is the oldest one, which with shuffled numbering is simply any of them; keep the
    // one that carries the true details first so `rec_of` favours it.
    for p in &mut persons {
        let recs = std::mem::take(&mut p.records);
        let (main, rest): (Vec<u32>, Vec<u32>) = recs.iter().partition(|&&pos| {
            records.get(pos as usize).is_some_and(|r| {
                r.forename == p.forename && r.surname == p.surname && r.dob == Some(p.dob)
            })
        });
        p.records = main.into_iter().chain(rest).collect();
    }
    let mut person_keys: Vec<u32> = (1..=persons.len() as u32).collect();
    person_keys.shuffle(&mut shuffle_rng);

    let (adults, children, elderly) = pools(&persons);
    let markers = markers(seed, &persons, &networks);
    let ocg = ocgs(seed, &scale, &persons, &networks, &adults);

    World {
        scale,
        persons,
        records,
        person_keys,
        networks,
        adults,
        children,
        elderly,
        markers,
        ocg,
    }
}

type Pools = (Vec<Vec<u32>>, Vec<Vec<u32>>, Vec<Vec<u32>>);

fn pools(persons: &[Person]) -> Pools {
    let n = lexicon::FORCES.len();
    let (mut adults, mut children, mut elderly) = (
        vec![Vec::new(); n],
        vec![Vec::new(); n],
        vec![Vec::new(); n],
    );
    let adult_by = util::day_of(2003, 1, 1);
    let child_from = util::day_of(2006, 6, 1);
    let elderly_by = util::day_of(1950, 1, 1);
    for (i, p) in persons.iter().enumerate() {
        let force = people::town(p.town).force;
        let i = i as u32;
        if p.dob <= adult_by {
            if let Some(v) = adults.get_mut(force) {
                v.push(i);
            }
            if p.dob <= elderly_by
                && let Some(v) = elderly.get_mut(force)
            {
                v.push(i);
            }
        } else if p.dob >= child_from
            && p.network.is_none()
            && let Some(v) = children.get_mut(force)
        {
            v.push(i);
        }
    }
    (adults, children, elderly)
}

fn marker_day(rng: &mut Rng8, lo: Day, hi: Day) -> Day {
    rng.gen_range(lo.min(hi)..=hi.max(lo))
}

fn markers(seed: u64, persons: &[Person], networks: &[Network]) -> Vec<(u32, &'static str, Day)> {
    let mut rng = util::stream(seed, tag::RECORDS, 1);
    let mut out: Vec<(u32, &'static str, Day)> = Vec::new();
    let mut add = |rng: &mut Rng8, person: u32, marker: &'static str, day: Day| {
        if let Some(p) = persons.get(person as usize) {
            let recs = &p.records;
            let i = if recs.len() > 1 && chance(rng, 0.35) {
                rng.gen_range(1..recs.len())
            } else {
                0
            };
            if let Some(pos) = recs.get(i) {
                out.push((*pos, marker, day));
            }
        }
    };
    let early = util::day_of(2014, 1, 1);
    let end = util::last_day();
    for net in networks {
        let mid = net.start + (net.end - net.start) / 2;
        for &m in &net.management {
            for (mk, p) in [
                ("PWITS", 0.7),
                ("WEAPONS", 0.35),
                ("VIOLENT", 0.3),
                ("DRUGS", 0.15),
            ] {
                if chance(&mut rng, p) {
                    let d = marker_day(&mut rng, early, net.start);
                    add(&mut rng, m, mk, d);
                }
            }
        }
        for f in &net.facilitators {
            for (mk, p) in [("PWITS", 0.3), ("DRUGS", 0.3), ("WEAPONS", 0.1)] {
                if chance(&mut rng, p) {
                    let d = marker_day(&mut rng, early, mid);
                    add(&mut rng, f.person, mk, d);
                }
            }
        }
        for c in &net.children {
            let list: &[(&'static str, f64)] = match net.kind {
                NetKind::County => &[
                    ("MISSING", 0.55),
                    ("VULNERABLE", 0.45),
                    ("CCE_RISK", 0.45),
                    ("DRUGS", 0.15),
                ],
                NetKind::Cse => &[
                    ("MISSING", 0.55),
                    ("VULNERABLE", 0.5),
                    ("CSE_RISK", 0.5),
                    ("SELF_HARM", 0.15),
                    ("MENTAL_HEALTH", 0.1),
                ],
            };
            for (mk, p) in list {
                if chance(&mut rng, *p) {
                    let d = marker_day(&mut rng, net.start, end);
                    add(&mut rng, c.person, mk, d);
                }
            }
            if let Some(day) = c.arrested
                && chance(&mut rng, 0.45)
            {
                let d = marker_day(&mut rng, day, end);
                add(&mut rng, c.person, "PWITS", d);
            }
        }
        for v in &net.cuckooed {
            for (mk, p) in [("VULNERABLE", 0.5), ("DRUGS", 0.6), ("MENTAL_HEALTH", 0.3)] {
                if chance(&mut rng, p) {
                    let d = marker_day(&mut rng, early, end);
                    add(&mut rng, v.person, mk, d);
                }
            }
        }
    }
    // The general population: markers for drug use, violence and vulnerability, a few on children who are at
    // risk but in no planted network, and ordinary adult dealers with PWITS markers.
    let adult_by = util::day_of(2003, 1, 1);
    for (i, p) in persons.iter().enumerate() {
        if p.network.is_some() || !chance(&mut rng, 0.12) {
            continue;
        }
        let child = p.dob > adult_by;
        let list: &[(&'static str, u32)] = if child {
            &[
                ("MISSING", 40),
                ("VULNERABLE", 25),
                ("CSE_RISK", 8),
                ("CCE_RISK", 8),
                ("SELF_HARM", 10),
                ("VIOLENT", 9),
            ]
        } else {
            &[
                ("DRUGS", 30),
                ("VIOLENT", 22),
                ("MENTAL_HEALTH", 20),
                ("WEAPONS", 9),
                ("VULNERABLE", 12),
                ("PWITS", 6),
                ("MISSING", 5),
                ("SELF_HARM", 6),
            ]
        };
        let n = if chance(&mut rng, 0.25) { 2 } else { 1 };
        for _ in 0..n {
            if let Some(mk) = util::weighted(&mut rng, list).copied() {
                let d = marker_day(&mut rng, early, end);
                add(&mut rng, i as u32, mk, d);
            }
        }
    }
    out.sort_unstable();
    out.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    out
}

fn ocgs(
    seed: u64,
    scale: &Scale,
    persons: &[Person],
    networks: &[Network],
    adults: &[Vec<u32>],
) -> Vec<(u32, u32, OcgRole)> {
    let mut rng = util::stream(seed, tag::OCG, 0);
    // Groups as (members with roles); exploitation networks mapped as OCGs and ordinary acquisitive groups.
    let mut groups: Vec<Vec<(u32, OcgRole)>> = Vec::new();
    for net in networks {
        let p_mapped = match net.kind {
            NetKind::County => 0.55,
            NetKind::Cse => 0.35,
        };
        // In the tiny extract the county network is always mapped, so OCG-based rules have something to find.
        let mapped = (scale.tiny && net.kind == NetKind::County) || chance(&mut rng, p_mapped);
        if !mapped {
            continue;
        }
        let mut g = Vec::new();
        for (i, &m) in net.management.iter().enumerate() {
            g.push((
                m,
                if i == 0 {
                    OcgRole::Principal
                } else {
                    OcgRole::Significant
                },
            ));
        }
        for f in &net.facilitators {
            if chance(&mut rng, 0.6) {
                g.push((
                    f.person,
                    if chance(&mut rng, 0.4) {
                        OcgRole::Significant
                    } else {
                        OcgRole::Peripheral
                    },
                ));
            }
        }
        // Children are occasionally mapped as peripheral members, as happens when exploitation is not recognised.
        for c in &net.children {
            if net.kind == NetKind::County && chance(&mut rng, 0.08) {
                g.push((c.person, OcgRole::Peripheral));
            }
        }
        groups.push(g);
    }
    for _ in 0..scale.other_ocgs {
        let force = rng.gen_range(0..adults.len().max(1));
        let Some(pool) = adults.get(force).filter(|p| !p.is_empty()) else {
            continue;
        };
        let size = rng.gen_range(3..9);
        let mut g = Vec::new();
        for k in 0..size {
            if let Some(&p) = pool.choose(&mut rng)
                && persons.get(p as usize).is_some_and(|x| x.network.is_none())
                && !g.iter().any(|(q, _)| *q == p)
            {
                let role = match k {
                    0 => OcgRole::Principal,
                    1 | 2 => OcgRole::Significant,
                    _ => OcgRole::Peripheral,
                };
                g.push((p, role));
            }
        }
        groups.push(g);
    }
    groups.shuffle(&mut rng);
    let mut out = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        for &(p, role) in g {
            if let Some(pos) = persons.get(p as usize).and_then(|x| x.records.first()) {
                out.push((*pos, i as u32 + 1, role));
            }
        }
    }
    out.sort_unstable_by_key(|&(pos, ocg, _)| (ocg, pos));
    out
}

/// Where an ordinary event of this force happens: a town of that force chosen by population.
pub(crate) fn event_town(rng: &mut Rng8, force: usize) -> usize {
    people::pick_town(rng, Some(force))
}
