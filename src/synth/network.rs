//! Exploitation networks: who is in them (planning) and the trail of events they leave in police systems.
//!
//! County lines networks are run from a hub city by adults (management) with young adult drivers, property
//! holders and recruiters (facilitators), and use children and cuckooed vulnerable adults (workforce) to sell in
//! towns in other force areas. Child sexual exploitation networks are groups of older males who groom children
//! with gifts, alcohol, lifts and parties. Both are seen by the police mostly in fragments: a child reported
//! missing, found in a flat sixty miles away, arrested with wraps and cash, a return interview, an intelligence
//! log about a phone number. Narratives use jargon only some of the time; many describe the facts in plain words
//! or blandly, as real reports do, and a few early reports even record that there were "no concerns".

use super::boiler;
use super::lexicon::{self, TOWNS};
use super::model::{Event, Label, LinkRole, NetRole, ObjKind, Person, Sex, Source};
use super::noise;
use super::people::{self, town};
use super::text::{self, Ctx, Text};
use super::util::{self, Day, Rng8, chance, pick, tag};
use super::world::{Scale, World};
use rand::Rng;
use rayon::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NetKind {
    County,
    Cse,
}

#[derive(Clone, Debug)]
pub(crate) struct Line {
    pub name: &'static str,
    pub num: u16,
    pub dest: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FacKind {
    Driver,
    Property,
    Recruiter,
    Host,
}

#[derive(Clone, Debug)]
pub(crate) struct Fac {
    pub person: u32,
    pub kind: FacKind,
}

#[derive(Clone, Debug)]
pub(crate) struct Child {
    pub person: u32,
    /// Parent, relative or residential care worker who reports the child missing.
    pub guardian: u32,
    pub home: String,
    pub in_care: bool,
    pub episodes: u32,
    /// County lines: the day the child is arrested for supplying, if they are.
    pub arrested: Option<Day>,
}

#[derive(Clone, Debug)]
pub(crate) struct Cuckooed {
    pub person: u32,
    pub line: usize,
}

#[derive(Clone, Debug)]
pub(crate) struct Network {
    pub kind: NetKind,
    pub hub: usize,
    pub start: Day,
    pub end: Day,
    pub lines: Vec<Line>,
    pub management: Vec<u32>,
    pub nicks: Vec<&'static str>,
    pub facilitators: Vec<Fac>,
    pub children: Vec<Child>,
    pub cuckooed: Vec<Cuckooed>,
    pub car: String,
    pub vrm: String,
    /// The flat where parties are held (CSE) or the trap address (county lines).
    pub base_street: String,
}

fn push_person(persons: &mut Vec<Person>, mut p: Person, net: u32, role: NetRole) -> u32 {
    p.network = Some(net);
    p.role = role;
    persons.push(p);
    persons.len() as u32 - 1
}

fn non_hub_town(rng: &mut Rng8, hub: usize) -> usize {
    let hub_force = town(hub).force;
    let other_force = chance(rng, 0.75);
    let candidates: Vec<(usize, u32)> = TOWNS
        .iter()
        .enumerate()
        .filter(|(i, t)| *i != hub && !t.hub && ((t.force != hub_force) == other_force))
        // County lines favour smaller towns: flatten the population weighting.
        .map(|(i, t)| (i, 20 + t.weight / 4))
        .collect();
    util::weighted(rng, &candidates).copied().unwrap_or(hub)
}

/// Decides every network's membership and shape, adding its people to `persons`.
pub(crate) fn plan(rng: &mut Rng8, scale: &Scale, persons: &mut Vec<Person>) -> Vec<Network> {
    let total = scale.county_networks + scale.cse_networks;
    let mut kinds: Vec<NetKind> = (0..total)
        .map(|i| {
            if i < scale.county_networks {
                NetKind::County
            } else {
                NetKind::Cse
            }
        })
        .collect();
    if !scale.tiny {
        use rand::seq::SliceRandom;
        kinds.shuffle(rng);
    }
    let first = util::first_day();
    let last = util::last_day();
    let mut nets = Vec::with_capacity(total);
    for (idx, kind) in kinds.into_iter().enumerate() {
        let idx = idx as u32;
        let tiny = scale.tiny;
        let start = rng.gen_range(first..last - 200);
        let end = (start + rng.gen_range(180..720)).min(last);
        let hub = match kind {
            NetKind::County => people::pick_hub(rng),
            NetKind::Cse => people::pick_town(rng, None),
        };
        let hub_force = town(hub).force;
        let n_lines = if kind == NetKind::Cse {
            0
        } else if tiny {
            1
        } else {
            rng.gen_range(1..=3)
        };
        let lines: Vec<Line> = (0..n_lines)
            .map(|_| Line {
                name: pick(rng, &lexicon::LINE_NAMES),
                num: rng.gen_range(0..100),
                dest: non_hub_town(rng, hub),
            })
            .collect();

        let (n_mgmt, n_fac, n_child) = match (kind, tiny) {
            (NetKind::County, true) => (1, 1, 2),
            (NetKind::Cse, true) => (1, 1, 2),
            (NetKind::County, false) => (
                rng.gen_range(1..=3),
                rng.gen_range(1..=4),
                rng.gen_range(2..=6),
            ),
            (NetKind::Cse, false) => (
                rng.gen_range(1..=2),
                rng.gen_range(1..=4),
                rng.gen_range(2..=5),
            ),
        };
        let mut management = Vec::new();
        let mut nicks = Vec::new();
        for _ in 0..n_mgmt {
            let (lo, hi) = if kind == NetKind::County {
                (23, 40)
            } else {
                (25, 45)
            };
            // CSE groups in this world are adult men; county lines principals are occasionally women.
            let sex = if kind == NetKind::Cse || chance(rng, 0.92) {
                Sex::M
            } else {
                Sex::F
            };
            let dob = people::dob_for_age(rng, start, lo, hi);
            let p = people::make_person(rng, hub, sex, dob);
            let nick = match kind {
                NetKind::County => pick(rng, &lexicon::STREET_NAMES),
                NetKind::Cse => short_name(p.forename),
            };
            nicks.push(nick);
            management.push(push_person(persons, p, idx, NetRole::Management));
        }
        let mut facilitators = Vec::new();
        for k in 0..n_fac {
            let fk = match kind {
                NetKind::County => match (k + idx as usize) % 3 {
                    0 => FacKind::Driver,
                    1 => FacKind::Recruiter,
                    _ => FacKind::Property,
                },
                NetKind::Cse => match (k + idx as usize) % 3 {
                    0 => FacKind::Driver,
                    1 => FacKind::Host,
                    _ => FacKind::Recruiter,
                },
            };
            let (lo, hi) = if kind == NetKind::County || fk == FacKind::Recruiter {
                (18, 25)
            } else {
                (19, 35)
            };
            let sex = match (kind, fk) {
                (NetKind::Cse, FacKind::Recruiter) => people::random_sex(rng, 0.4),
                (NetKind::Cse, _) => Sex::M,
                _ => people::random_sex(rng, 0.8),
            };
            let dob = people::dob_for_age(rng, start, lo, hi);
            let home = if fk == FacKind::Property {
                lines.first().map_or(hub, |l| l.dest)
            } else {
                hub
            };
            let p = people::make_person(rng, home, sex, dob);
            facilitators.push(Fac {
                person: push_person(persons, p, idx, NetRole::Facilitator),
                kind: fk,
            });
        }
        let mut children = Vec::new();
        for k in 0..n_child {
            // Victims of the CSE groups modelled here are girls (boys are exploited too; not modelled yet).
            // Ages are fixed at the network's end so that every event involving the child happens before 18.
            let (lo, hi) = if kind == NetKind::County {
                (15, 17)
            } else {
                (14, 16)
            };
            let sex = if kind == NetKind::County {
                people::random_sex(rng, 0.8)
            } else {
                Sex::F
            };
            let dob = people::dob_for_age(rng, end, lo, hi);
            let in_care = chance(rng, 0.3);
            let (person, guardian, home) = if in_care {
                // Looked-after children are often placed outside their home city.
                let placed = if chance(rng, 0.35) {
                    people::pick_town(rng, None)
                } else {
                    people::pick_town(rng, Some(hub_force))
                };
                let mut c = people::make_person(rng, placed, sex, dob);
                let home_name = pick(rng, &lexicon::CARE_HOMES);
                let street = text::street(rng);
                c.address = format!(
                    "{home_name}, {} {}, {}",
                    rng.gen_range(1..80),
                    street,
                    town(placed).name
                );
                let home = format!("{home_name} children's home in {}", town(placed).name);
                let carer_dob = people::dob_for_age(rng, start, 24, 58);
                let carer_sex = people::random_sex(rng, 0.4);
                let mut carer = people::make_person(rng, placed, carer_sex, carer_dob);
                carer.postcode = c.postcode.clone();
                let child = push_person(persons, c, idx, NetRole::Workforce);
                persons.push(carer);
                (child, persons.len() as u32 - 1, home)
            } else {
                let c = people::make_person(rng, hub, sex, dob);
                let parent_dob = c.dob - rng.gen_range(19 * 365..42 * 365);
                let parent_sex = if chance(rng, 0.72) { Sex::F } else { Sex::M };
                let parent = people::make_relative(rng, &c, parent_sex, parent_dob);
                let child = push_person(persons, c, idx, NetRole::Workforce);
                persons.push(parent);
                (child, persons.len() as u32 - 1, "home address".to_string())
            };
            let episodes = if tiny {
                1
            } else if kind == NetKind::County {
                rng.gen_range(1..=3)
            } else {
                rng.gen_range(1..=4)
            };
            let arrested = (kind == NetKind::County
                && ((tiny && k == 0) || (!tiny && chance(rng, 0.45))))
            .then(|| rng.gen_range(start..=end));
            children.push(Child {
                person,
                guardian,
                home,
                in_care,
                episodes,
                arrested,
            });
        }
        let mut cuckooed = Vec::new();
        if kind == NetKind::County {
            let n = if tiny { 1 } else { rng.gen_range(0..=2) };
            for _ in 0..n {
                let line = rng.gen_range(0..lines.len().max(1));
                let dest = lines.get(line).map_or(hub, |l| l.dest);
                let sex = people::random_sex(rng, 0.65);
                let dob = people::dob_for_age(rng, start, 30, 62);
                let p = people::make_person(rng, dest, sex, dob);
                cuckooed.push(Cuckooed {
                    person: push_person(persons, p, idx, NetRole::Workforce),
                    line,
                });
            }
        }
        nets.push(Network {
            kind,
            hub,
            start,
            end,
            lines,
            management,
            nicks,
            facilitators,
            children,
            cuckooed,
            car: text::car(rng),
            vrm: text::vrm(rng),
            base_street: text::street(rng),
        });
    }
    nets
}

/// What friends and victims call a man in CSE reports: a shortened forename ("Maz", "Ash").
fn short_name(forename: &'static str) -> &'static str {
    match forename.char_indices().nth(3) {
        Some((i, _)) if forename.len() > 5 => forename.get(..i).unwrap_or(forename),
        _ => forename,
    }
}

/// Every network's events, generated in parallel, one stream per network.
pub(crate) fn events(w: &World, seed: u64) -> Vec<Event> {
    w.networks
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, net)| {
            let mut rng = util::stream(seed, tag::NETWORK, i as u64);
            let mut g = Gen {
                w,
                net,
                out: Vec::new(),
            };
            match net.kind {
                NetKind::County => g.county(&mut rng),
                NetKind::Cse => g.cse(&mut rng),
            }
            g.out
        })
        .collect()
}

struct Gen<'w> {
    w: &'w World,
    net: &'w Network,
    out: Vec<Event>,
}

const GRADES: &[&str] = &[
    "Grading: B/2/P.",
    "Graded B2.",
    "3x5x2: B / 2 / P",
    "Grading C/3/P.",
    "Source eval B, intel 2, handling P.",
    "5x5x5: B24",
    "Grading: C/2/P",
    "Graded C3.",
    "",
];

impl<'w> Gen<'w> {
    fn label(&self) -> Label {
        match self.net.kind {
            NetKind::County => Label::Criminal,
            NetKind::Cse => Label::Sexual,
        }
    }

    fn day(&self, rng: &mut Rng8) -> Day {
        rng.gen_range(self.net.start..=self.net.end)
    }

    fn rec(&self, rng: &mut Rng8, person: u32) -> u32 {
        self.w.rec_of(rng, person)
    }

    fn ctx(&self, rng: &mut Rng8, day: Day, at: usize, people: &[u32]) -> Ctx<'w> {
        let net = self.net;
        let mut c = Ctx::new(rng, day, town(at));
        for (slot, pos) in c.p.iter_mut().zip(people) {
            *slot = self.w.record(*pos);
        }
        c.hub = town(net.hub);
        c.hub_area = self
            .w
            .person(net.management.first().copied().unwrap_or(0))
            .map_or(c.hub_area, |p| p.area);
        let line = net.lines.get(rng.gen_range(0..net.lines.len().max(1)));
        if let Some(l) = line {
            c.line = l.name;
            c.num = l.num;
            c.dest = town(l.dest);
        }
        c.nick = net.nicks.first().copied().unwrap_or("");
        c.car = net.car.clone();
        c
    }

    // An event has this many independent parts; bundling them in a struct would only rename them.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rng: &mut Rng8,
        day: Day,
        at: usize,
        source: Source,
        offence: &'static str,
        mut t: Text,
        links: Vec<(u32, LinkRole)>,
        objects: Vec<(ObjKind, String)>,
    ) {
        let c = Ctx::new(rng, day, town(at));
        boiler::pad(&mut t, &c, rng, source);
        let mut text = t.buf;
        noise::roughen(rng, &mut text);
        self.out.push(Event {
            day,
            source,
            force: town(at).force,
            offence,
            text,
            links,
            objects,
            label: self.label(),
        });
    }

    fn line_phone(&self, rng: &mut Rng8, line: &Line) -> (ObjKind, String) {
        (ObjKind::Phone, text::line_number(rng, line.num))
    }

    fn county(&mut self, rng: &mut Rng8) {
        let net = self.net;
        let tiny = self.w.scale.tiny;
        for (li, line) in net.lines.iter().enumerate() {
            let n = if tiny { 1 } else { rng.gen_range(1..=3) };
            for _ in 0..n {
                self.line_intel(rng, li, line);
            }
        }
        for (mi, &m) in net.management.iter().enumerate() {
            let n = if tiny {
                1
            } else {
                rng.gen_range(0..=2) + usize::from(mi == 0)
            };
            for _ in 0..n {
                self.management_intel(rng, m, mi);
            }
        }
        for f in &net.facilitators {
            match f.kind {
                FacKind::Driver => self.vehicle_stop(rng, f.person),
                FacKind::Recruiter => self.recruitment(rng, f.person),
                _ => self.trap_intel(rng, f.person),
            }
        }
        for (ci, c) in net.children.iter().enumerate() {
            for ep in 0..c.episodes {
                self.county_missing(rng, c, ep, ci);
            }
            if let Some(day) = c.arrested {
                self.child_arrest(rng, c, day);
            }
            if !tiny && chance(rng, 0.2) {
                self.debt_violence(rng, c);
            }
        }
        for v in &net.cuckooed {
            let n = if tiny { 1 } else { rng.gen_range(1..=3) };
            for k in 0..n {
                self.cuckooing(rng, v, k);
            }
        }
        if !tiny && chance(rng, 0.3) {
            self.warrant(rng);
        }
        if !tiny && chance(rng, 0.2) {
            self.management_arrest(rng);
        }
        if !tiny && chance(rng, 0.1) {
            self.firearm_intel(rng);
        }
    }

    fn cse(&mut self, rng: &mut Rng8) {
        let net = self.net;
        let tiny = self.w.scale.tiny;
        for (ci, c) in net.children.iter().enumerate() {
            for ep in 0..c.episodes {
                self.cse_missing(rng, c, ep);
            }
            if !tiny && chance(rng, 0.35) {
                self.school_concern(rng, c);
            }
            if (tiny && ci == 0) || (!tiny && chance(rng, 0.35)) {
                self.sexual_offence(rng, c);
            }
            if !tiny && chance(rng, 0.2) {
                self.online_contact(rng, c);
            }
        }
        for f in &net.facilitators {
            match f.kind {
                FacKind::Driver => self.taxi_intel(rng, f.person),
                FacKind::Host => self.party_intel(rng, f.person),
                _ => self.peer_recruiter(rng, f.person),
            }
        }
        if let Some(&m) = net.management.first() {
            self.party_intel(rng, m);
        }
        if !tiny && chance(rng, 0.5) {
            self.hotel(rng);
        }
        if !tiny && chance(rng, 0.35) {
            self.cawn(rng);
        }
        if !tiny && chance(rng, 0.3) {
            self.perpetrator_custody(rng);
        }
    }

    // ----- county lines -------------------------------------------------------------------------------------

    fn line_intel(&mut self, rng: &mut Rng8, li: usize, line: &Line) {
        let net = self.net;
        let day = self.day(rng);
        let boss = net
            .management
            .get(rng.gen_range(0..net.management.len().max(1)))
            .copied()
            .unwrap_or(0);
        let boss_rec = self.rec(rng, boss);
        let mut c = self.ctx(rng, day, line.dest, &[boss_rec]);
        c.line = line.name;
        c.num = line.num;
        c.dest = town(line.dest);
        c.nick = net
            .nicks
            .get(li % net.nicks.len().max(1))
            .copied()
            .unwrap_or(c.nick);
        let mut t = Text::new(rng, 500);
        match rng.gen_range(0..4) {
            0 => {
                t.add(&c, rng, "[Intelligence|Information|Intel] [suggests|indicates|has been received] that the [line known as|drugs line known as|deal line] '{line}' [({num})|on {num}|using the number {num}] is [supplying|selling|running] {drug} in [the {destarea} area of |]{dest}.");
                t.add(&c, rng, "[The line is believed to be controlled by|The line holder is believed to be|The line is run by] {p0}[, known as '{nick}',|] from [the {hubarea} area of |]{hub}.");
                t.maybe(&c, rng, 0.7, &[
                    "Young people from {hub} are being sent to {dest} to deal and are staying at addresses of local users.",
                    "Juveniles are believed to be used to hold and deliver the drugs.",
                    "[Runners|Youths] are [staying at|operating from] a vulnerable user's flat in {dest}.",
                    "This is a county line [operating|running] out of {hub}.",
                ]);
            }
            1 => {
                t.add(&c, rng, "[Bulk|Group] text messages [have been|are being] sent from {num} to [drug users|known users] in {dest} [advertising|offering] '[white and dark|B and W|shots|2 for 15]'[, saying 'new line, open all night'| with the tag '{line}'|].");
                t.maybe(&c, rng, 0.6, &[
                    "The phone is believed to be [held|run] from {hub}.",
                    "Users refer to the number as '{line}'.",
                    "Deliveries are [made|being made] by [young lads|teenage boys|boys who do not appear to be local] on [pushbikes|foot] within twenty minutes of ordering.",
                ]);
            }
            2 => {
                t.add(&c, rng, "Users in {dest} are [buying|obtaining] [heroin and crack|brown and white|crack] by [ringing|texting] {num}.");
                t.add(&c, rng, "[The drugs|Deals] are [dropped off|handed over] by [boys aged about 14 to 16|young teenagers|a young lad] [with [Birmingham|Brummie|city] accents|who are not from the area] who [stay at|are staying at] [an address on {street}|a flat in {destarea}|the home of a local user] for [days|a week] at a time.");
                t.maybe(&c, rng, 0.5, &["The person organising it is said to be [an older male|a man] called '{nick}' [from {hub}|who never comes down {him}self]."]);
            }
            _ => {
                t.add(&c, rng, "[It is believed that|Information received that] {p0} [is|remains] [the controller of|running] the '{line}' [line|number] ({num}) [supplying|into] {dest}.");
                t.maybe(&c, rng, 0.6, &[
                    "[{He}|The subject] does not travel [{him}self|to {dest}] and uses [children|young people|juveniles] to [run|transport] the drugs.",
                    "The line is [reported to be|said to be] making [£1,000|£2,000|£3,000] a day.",
                    "The phone is [switched|changed] [every few weeks|regularly] but keeps the same [branding|name].",
                ]);
            }
        }
        t.maybe(&c, rng, 0.5, &["Officer comment: [line checked on [PNC|Niche|intelligence systems]|number not previously known|number previously linked to {dest} supply|further research required]."]);
        t.one(&c, rng, GRADES);
        let mut objects = vec![self.line_phone(rng, line)];
        if chance(rng, 0.2) {
            objects.push((ObjKind::Phone, text::other_number(rng)));
        }
        let offence = pick(
            rng,
            &[
                "Drugs - Supply",
                "County Lines",
                "Drugs - Supply",
                "Drugs - Supply",
            ],
        );
        let links = vec![(boss_rec, LinkRole::Subject)];
        self.push(
            rng,
            day,
            line.dest,
            Source::Intelligence,
            offence,
            t,
            links,
            objects,
        );
    }

    fn management_intel(&mut self, rng: &mut Rng8, m: u32, mi: usize) {
        let net = self.net;
        let day = self.day(rng);
        let mrec = self.rec(rng, m);
        let mut links = vec![(mrec, LinkRole::Subject)];
        let mut people = vec![mrec];
        if let Some(c) = net
            .children
            .get(rng.gen_range(0..net.children.len().max(1)))
            && chance(rng, 0.5)
        {
            let crec = self.rec(rng, c.person);
            links.push((crec, LinkRole::Associate));
            people.push(crec);
        }
        let mut c = self.ctx(rng, day, net.hub, &people);
        c.nick = net.nicks.get(mi).copied().unwrap_or(c.nick);
        let mut t = Text::new(rng, 400);
        t.add(&c, rng, "[It is [believed|reported] that|Intelligence suggests that|Information indicates that] {p0} [is [organising|running|controlling] the supply of {drug} [to|in] {dest}|is running a drugs line [into|in] {dest}|is [heavily|] involved in [the supply of class A|county lines drug supply] [from|out of] {hub}].");
        t.maybe(&c, rng, 0.8, &[
            "[{He}|The subject] [is using|uses] [children|young people|kids] from [the {hubarea} area|{hub}] to [travel to {dest} and sell|deliver the drugs|hold the phone and the drugs].",
            "[{He}|The subject] pays [teenagers|local lads|young boys] {money} a day to [go to|stay in] {dest} and sell for {him}.",
            "[{He}|The subject] [has been seen|was seen] [dropping off|collecting] [boys|young lads] [at {hub} New Street|at the coach station|in a {car}].",
        ]);
        if people.len() > 1 {
            t.maybe(&c, rng, 0.8, &[
                "One of the young people [working for {him}|used] is [believed to be|] {p1}.",
                "{p1} [has been seen|is regularly seen] in [{his}|the] company.",
                "{p1} is [believed to be|said to be] [holding the line|one of {his} runners|staying in {dest} for {him}].",
            ]);
        }
        t.maybe(&c, rng, 0.5, &[
            "[{He}|The subject] is known [on the street|locally] as '{nick}'.",
            "[{He}|The subject] [drives|uses] a {car} and [is|has been] [flagged on ANPR travelling|seen travelling] to {dest}.",
            "[{He}|The subject] [is|was] [believed to|said to] [carry|have access to] a [knife|machete|firearm].",
            "[{He}|The subject] lives at an address in {hubarea} with {his} partner.",
        ]);
        t.one(&c, rng, GRADES);
        let offence = pick(
            rng,
            &[
                "Drugs - Supply",
                "County Lines",
                "Organised Crime",
                "Child Exploitation",
                "Drugs - Supply",
            ],
        );
        self.push(
            rng,
            day,
            net.hub,
            Source::Intelligence,
            offence,
            t,
            links,
            Vec::new(),
        );
    }

    fn recruitment(&mut self, rng: &mut Rng8, f: u32) {
        let net = self.net;
        let day = self.day(rng);
        let frec = self.rec(rng, f);
        let mut people = vec![frec];
        let mut links = vec![(frec, LinkRole::Subject)];
        if let Some(c) = net.children.first() {
            let crec = self.rec(rng, c.person);
            people.push(crec);
            links.push((crec, LinkRole::Associate));
        }
        let c = self.ctx(rng, day, net.hub, &people);
        let mut t = Text::new(rng, 400);
        t.add(&c, rng, "[Information received that|Intelligence suggests|It is reported that] {p0} is [approaching|befriending|hanging around with] [pupils|young boys|children aged 13 to 15|year 9 and 10 boys] [outside {school}|at the skate park in {area}|at the chicken shop on {street}|near {school}].");
        t.add(&c, rng, "[{He}|The subject] [offers them|is offering them] [money, trainers and food|cash and new clothes|free cannabis|lifts in {his} car] [to 'do runs'|if they go 'out of town' for a few days|and then tells them they owe {him}|to carry bags for {him}].");
        t.maybe(&c, rng, 0.6, &[
            "[The school|Staff at {school}] [have raised concerns|report] that {p1} [has been seen with {him}|has been getting into {his} car after school|has new expensive clothes].",
            "{n1} ({a1}) [has been seen with {him} on several occasions|was seen getting into a {car} with {him}].",
        ]);
        t.maybe(&c, rng, 0.4, &["This is believed to be [grooming|recruitment] of children for [county lines|drug supply|a {hub} line]."]);
        t.one(&c, rng, GRADES);
        let offence = pick(
            rng,
            &[
                "Child Exploitation",
                "Drugs - Supply",
                "Safeguarding",
                "CCE",
            ],
        );
        self.push(
            rng,
            day,
            net.hub,
            Source::Intelligence,
            offence,
            t,
            links,
            Vec::new(),
        );
    }

    fn vehicle_stop(&mut self, rng: &mut Rng8, f: u32) {
        let net = self.net;
        let day = self.day(rng);
        let dest = net.lines.first().map_or(net.hub, |l| l.dest);
        let frec = self.rec(rng, f);
        let mut people = vec![frec];
        let mut links = vec![(frec, LinkRole::Subject)];
        for ch in net.children.iter().take(2) {
            if chance(rng, 0.7) {
                let r = self.rec(rng, ch.person);
                people.push(r);
                links.push((r, LinkRole::Associate));
            }
        }
        let mut c = self.ctx(rng, day, dest, &people);
        c.reg = net.vrm.clone();
        let mut c2 = Text::new(rng, 500);
        c2.add(&c, rng, "[Vehicle|{car}|A {car}] [VRM|reg|index] {reg} [stopped|was stopped|checked] on the [M54|M6|M5|A5|A49|A38|A41|A449|M1|M62] [near {dest}|heading towards {dest}|at {time}] [following an ANPR [activation|hit]|as it was driving erratically|after being seen [leaving|outside] a known drug address].");
        if people.len() > 1 {
            c2.add(
                &c,
                rng,
                "Driver {n0} ({a0}) [with|had] [juvenile passengers|passengers] {p1}[ and {p2|another youth}|].",
            );
            c2.add(&c, rng, "[The juveniles|The passengers] [are from|gave addresses in] {hub} and [could not explain|gave different accounts of|would not say] why they were [travelling to|going to] {dest}[ on a school day| at that time of night|].");
        } else {
            c2.add(&c, rng, "Driver {n0} ({a0}) [from {hub}|of {hub}] [stated {he} was visiting a friend|could not give the address {he} was going to|was evasive about {his} journey].");
        }
        c2.maybe(&c, rng, 0.7, &[
            "[Vehicle searched|Search under s23 MDA] - [{cash} cash found in the glovebox|three mobile phones and {cash} in cash recovered|nothing found|strong smell of cannabis, small bag of cannabis recovered].",
            "[Driver|The driver] [was not insured|had no licence] and the vehicle was seized.",
        ]);
        c2.maybe(&c, rng, 0.5, &[
            "[Intelligence submitted|Submitted for intelligence purposes]; vehicle [previously linked to {dest} drug supply|not known].",
            "[Concerns|Safeguarding concerns] that the juveniles [are being|may be] [exploited|used to run drugs].",
            "Juveniles returned home by officers.",
        ]);
        let objects = vec![(ObjKind::Vehicle, net.vrm.clone())];
        let (source, offence) = if chance(rng, 0.5) {
            (
                Source::Intelligence,
                pick(rng, &["Vehicle", "Drugs - Supply", "Stop/Check"]),
            )
        } else {
            (
                Source::Crime,
                pick(
                    rng,
                    &[
                        "Driving Without Insurance",
                        "Possession of Controlled Drug - Class B",
                        "Stop and Search",
                    ],
                ),
            )
        };
        self.push(rng, day, dest, source, offence, c2, links, objects);
    }

    fn trap_intel(&mut self, rng: &mut Rng8, f: u32) {
        let net = self.net;
        let day = self.day(rng);
        let dest = net.lines.first().map_or(net.hub, |l| l.dest);
        let frec = self.rec(rng, f);
        let mut c = self.ctx(rng, day, dest, &[frec]);
        c.street = net.base_street.clone();
        let mut t = Text::new(rng, 400);
        t.add(&c, rng, "[Information received that|Intelligence suggests|It is believed that] {p0} [is renting|holds the tenancy of|lets others use] [a flat|an address] on {street} in {dest} [which is being used|used] [as a base|to store drugs|as a trap house|by dealers from {hub}].");
        t.maybe(&c, rng, 0.7, &[
            "[Young males|Teenage boys] [are seen coming and going|stay there for days at a time] and [users|drug users] [visit|call] [throughout the night|at all hours].",
            "[{He}|The subject] is paid in [cash|drugs] for the use of the address.",
        ]);
        t.one(&c, rng, GRADES);
        let offence = pick(rng, &["Drugs - Supply", "County Lines"]);
        self.push(
            rng,
            day,
            dest,
            Source::Intelligence,
            offence,
            t,
            vec![(frec, LinkRole::Subject)],
            Vec::new(),
        );
    }

    fn county_missing(&mut self, rng: &mut Rng8, ch: &Child, ep: u32, ci: usize) {
        let net = self.net;
        let day = self.day(rng);
        let child = self.rec(rng, ch.person);
        let guardian = self.rec(rng, ch.guardian);
        let home_town = self.w.person(ch.person).map_or(net.hub, |p| p.town);
        let dest = net
            .lines
            .get(ci % net.lines.len().max(1))
            .map_or(net.hub, |l| l.dest);
        let mut c = self.ctx(rng, day, home_town, &[child, guardian]);
        c.dest = town(dest);
        c.hub = town(home_town);
        c.home = ch.home.clone();
        let explicit = chance(rng, 0.3);
        let mut t = Text::new(rng, 700);
        if ch.in_care {
            t.add(&c, rng, "[MFH|MISPER|Missing person|Missing] {p0} [is a looked after child placed at|resides at|lives at] {home}.");
            t.add(&c, rng, "Staff [report|reported] that [{he}|{f0}] [left the home at {time} and has not returned|failed to return by [{his}|the] curfew of {time}|was last seen getting into a {car} outside the home|walked out after being challenged about [{his}|a] phone].");
        } else {
            t.add(&c, rng, "[MFH|MISPER|Missing from home|Missing person] {n0} [aged {a0}|] [has been|was] reported missing by [{his}|] {parent1} {p1} [at {time}|on {date}|].");
            t.add(&c, rng, "[{He}|{f0}] [left home|went out] [after school|at {time}|on {day} afternoon] saying {he} was going to [a friend's house|the shop|the park|see friends in town] and [has not returned|did not come home|has not been in contact since].");
        }
        t.maybe(&c, rng, 0.6, &[
            "[{His}|{f0}'s] phone is [going straight to voicemail|switched off].",
            "[{He}|{f0}] has been missing [{n} times|several times|a number of times] in the last [month|two months|few weeks].",
            "[{He}|{f0}] has [{n}|several|numerous] previous missing episodes.",
        ]);
        t.maybe(&c, rng, 0.7, &[
            "{carers} [state|report|say] [{he}|{f0}] has recently [had new trainers and a designer jacket [nobody|she] bought {him}|had large amounts of cash|been receiving calls at all hours on a phone [she does not recognise|that is not {his}]|stopped going to school|become withdrawn and aggressive].",
            "[{He}|{f0}] has [been seen|been hanging around] with older [males|lads] [in a {car}|in the {hubarea} area|who are not known to the family].",
            "{carers} found [a second phone|a large amount of cash|a set of scales|a train ticket to {dest}] in {his} room.",
        ]);
        if ep > 0 || chance(rng, 0.5) {
            t.maybe(&c, rng, 0.75, &[
                "[{He}|{f0}] has [previously been found|been located before|previously been located] in {dest}[ and {far}|], [over {miles} miles from home|a long way from home|{miles} miles away], and would not say how [{he}] got there.",
                "[On previous occasions|Previously] [{he}|{f0}] has been found in {dest} [in a flat with adults {he} did not know|at the address of a known drug user|with cash and no explanation].",
            ]);
        }
        if explicit {
            t.one(&c, rng, &[
                "[{He}|{f0}] is believed to be [involved in county lines|going country|running drugs for an older male known as '{nick}'|linked to the '{line}' line].",
                "[There are|Police and social care have] [concerns|significant concerns] [{he}|{f0}] is being [criminally exploited|exploited by a county line|used to run drugs] ([CCE|county lines]).",
                "Known to the [Exploitation Hub|CCE team|MACE panel] as [at risk of|a victim of] criminal exploitation.",
            ]);
        } else if ep == 0 && chance(rng, 0.15) {
            // The first report often predates anyone recognising the exploitation.
            t.one(&c, rng, &["No [concerns|known concerns] [of exploitation|about county lines|of CCE] [at this time|identified at this stage]."]);
        }
        t.one(&c, rng, &[
            "Risk assessed as [HIGH|MEDIUM|medium|high] [due to age and previous episodes|due to [{his}] vulnerability|due to concerns for [{his}] safety|given previous locations].",
            "[Risk|Graded] [medium|high|HIGH]. [Inspector|Insp] [informed|aware].",
            "[Medium|High] risk [missing|misper].",
        ]);
        t.maybe(&c, rng, 0.6, &[
            "[Enquiries with friends and school|Enquiries with known associates|Checks of hospitals and custody suites] [negative|- nothing known].",
            "[Circulated on PNC as missing.|PNC circulation completed.|Cell site requested.|Social care EDT informed.|Bus and train station CCTV requested.|Social media checked - no recent activity.]",
        ]);
        // Outcome: usually found somewhere that makes no sense for a child of that age.
        if chance(rng, 0.65) {
            t.para(&c, rng, &[
                "[Located|Found|Traced] [on {date}|at {time}|the following day|{n} days later] [by officers in {dest}|by {dest} officers|in {dest}] [at an address on {street2}|in a flat in {destarea}|at {dest} railway station|in a car park in {dest}|at the home address of an adult male] [in company with older males|with an adult known to use drugs|with another boy from {hub}|alone].",
                "Found in a [flat|house] in {dest}, [about|around|] {miles} miles from home, with [{cash}|{cash} and {wraps} wraps|two phones and {cash}], and would not say how [{he}] got there.",
                "[{He}|{f0}] was [found|stopped] by [BTP|British Transport Police] at {dest} station [without a ticket|with {cash} in cash] and returned to {hub}.",
            ]);
            t.maybe(&c, rng, 0.6, &[
                "[{He}|{f0}] [refused to say|would not say|could not explain] [where {he} had been|who {he} was with|how {he} travelled there|why {he} was there].",
                "[{He}|{f0}] [appeared tired and hungry|had not eaten for a day|had a fresh cut to {his} hand {he} would not explain|was wearing clothes that were not {his}].",
                "[{He}|{f0}] [said {he} was 'just chilling' with mates|stated {he} 'got a lift'|said {he} had been staying with 'a friend of a friend'].",
            ]);
            t.maybe(&c, rng, 0.6, &[
                "[Safe and well|Prevention interview] [completed|conducted] by {pc}; [{he}|{f0}] [was uncooperative|engaged minimally|would not engage].",
                "[Return home interview|RHI] to be [arranged|completed] by [Children's Services|the missing team].",
                "[Referral to MASH|Safeguarding referral|Strategy meeting requested|Intelligence submitted].",
            ]);
        } else {
            t.para(&c, rng, &[
                "[Returned|Came back|Returned home] [of {his} own accord|by {him}self] at {time} [the following day|after {n} days]. [Would not say where {he} had been|Stated {he} had been 'at a mate's'|Had {cash} in {his} pocket {he} could not account for].",
                "[{He}|{f0}] [returned|was returned by a taxi] at {time}. [Refused to engage with officers|Said {he} had been in {hub} with friends]. [RHI to be offered|Safe and well check completed].",
            ]);
        }
        let links = vec![
            (child, LinkRole::MissingPerson),
            (guardian, LinkRole::Reporter),
        ];
        self.push(
            rng,
            day,
            home_town,
            Source::MissingPerson,
            "Missing Person",
            t,
            links,
            Vec::new(),
        );

        // Separate records that the episode leaves behind in other systems.
        if chance(rng, 0.35) {
            self.found_check(rng, ch, day, dest);
        }
        if chance(rng, if self.w.scale.tiny { 0.0 } else { 0.35 }) {
            let later = day + rng.gen_range(2..10);
            self.county_rhi(rng, ch, later);
        }
    }

    fn found_check(&mut self, rng: &mut Rng8, ch: &Child, day: Day, dest: usize) {
        let net = self.net;
        let child = self.rec(rng, ch.person);
        let mut people = vec![child];
        let mut links = vec![(child, LinkRole::Subject)];
        if let Some(v) = net.cuckooed.first()
            && chance(rng, 0.5)
        {
            let r = self.rec(rng, v.person);
            people.push(r);
            links.push((r, LinkRole::Associate));
        }
        let mut c = self.ctx(rng, day, dest, &people);
        c.dest = town(dest);
        let mut t = Text::new(rng, 350);
        t.add(&c, rng, "[Stop/check|Stop check|Stop search|Person check]: {n0} ({a0}) [stopped|checked|spoken to] at {time} [on {street}|in {destarea}|outside {shop}|near {dest} station] in {dest}.");
        t.add(&c, rng, "[Checks revealed|PNC shows] [{he}|{f0}] is [currently|] [reported missing|missing] from {hub}.");
        if people.len() > 1 {
            t.maybe(&c, rng, 0.8, &["[{He}|{f0}] [was with|had just left the address of] {p1}, [a local drug user|who is known to police|an adult who lives on {street}]."]);
        }
        t.maybe(&c, rng, 0.6, &[
            "[Found in possession of|In possession of] [{cash} cash|two mobile phones|{cash} and a phone that kept ringing|a knife] [and no explanation|which {he} said was 'for food'].",
            "[Nothing found on search|Search negative].",
        ]);
        t.maybe(&c, rng, 0.7, &["[{He}|{f0}] was [returned to|conveyed back to] {hub} [by officers|by a {dest} unit|in a taxi arranged by social care]."]);
        t.maybe(&c, rng, 0.3, &["Concerns [{he}|{f0}] is being [exploited|used to deal drugs|used by a county line]."]);
        let offence = pick(rng, &["Missing Person", "Stop/Check", "Safeguarding"]);
        self.push(
            rng,
            day,
            dest,
            Source::Intelligence,
            offence,
            t,
            links,
            Vec::new(),
        );
    }

    fn county_rhi(&mut self, rng: &mut Rng8, ch: &Child, day: Day) {
        let net = self.net;
        let day = day.min(util::last_day());
        let child = self.rec(rng, ch.person);
        let home_town = self.w.person(ch.person).map_or(net.hub, |p| p.town);
        let c = self.ctx(rng, day, home_town, &[child]);
        let mut t = Text::new(rng, 600);
        t.add(&c, rng, "[Return home interview|RHI|Independent return interview] [completed|conducted] with {n0} [({a0})|] by [Children's Services|the missing person coordinator|Barnardo's|the Missing Team|an independent worker].");
        match rng.gen_range(0..3) {
            0 => {
                t.add(&c, rng, "[{He}|{f0}] disclosed [{he}|] had been '[working|grafting|doing a few days]' and stayed in a [house|flat] in {dest} [where an older man lived|with other boys from {hub}|with a woman who used drugs].");
                t.maybe(&c, rng, 0.7, &[
                    "[{He}|{f0}] said [{he}] was given [food and £50 a day|a phone and told to keep it on|a bag to look after|new trainers].",
                    "[{He}|{f0}] said {he} had to [answer the phone and take things to people|stay in the flat and not go out|hide things inside {his} body when police were around].",
                ]);
                t.maybe(&c, rng, 0.6, &[
                    "[{He}|{f0}] said [{he} owes money|{he} was robbed and now has to pay it back|{he} is scared of what will happen if {he} stops].",
                    "[{He}|{f0}] would not name anyone but referred to '{nick}'.",
                ]);
            }
            1 => {
                t.add(&c, rng, "[{He}|{f0}] [would not discuss|refused to say] where [{he}] had been [but said|and said] [{he} was 'fine'|it was 'none of your business'|{he} 'can look after {him}self'].");
                t.add(&c, rng, "[Worker|The worker] noted [{he}|{f0}] had [a new phone|new designer clothes|a large amount of cash|a cut to {his} hand] and [appeared anxious when {his} phone rang|kept checking {his} phone].");
            }
            _ => {
                t.add(&c, rng, "[{He}|{f0}] said [{he}] was [taken|driven] to {dest} by [an older lad|two men|someone {he} only knows as '{nick}'] and [had to stay|was made to stay] [until|till] 'the work was done'.");
                t.maybe(&c, rng, 0.6, &["[{He}|{f0}] [said|described] [sleeping on the floor|not being allowed to leave|being threatened with a knife] [in the flat|there]."]);
            }
        }
        t.one(&c, rng, &[
            "Concerns shared with [MASH|social care|the Exploitation Hub|the allocated social worker].",
            "[Referral made to|Information passed to] the [CCE team|exploitation team|Child Exploitation team].",
            "[NRM referral to be considered|Strategy meeting requested].",
            "",
        ]);
        let offence = pick(
            rng,
            &[
                "Missing Person",
                "Safeguarding",
                "Child Exploitation",
                "Return Home Interview",
            ],
        );
        self.push(
            rng,
            day,
            home_town,
            Source::Intelligence,
            offence,
            t,
            vec![(child, LinkRole::Subject)],
            Vec::new(),
        );
    }

    /// The "nominal characteristics" case: a child arrested for supply, recorded like any other supply arrest.
    fn child_arrest(&mut self, rng: &mut Rng8, ch: &Child, day: Day) {
        let net = self.net;
        let dest_line = net.lines.get(rng.gen_range(0..net.lines.len().max(1)));
        let dest = dest_line.map_or(net.hub, |l| l.dest);
        // The tiny extract's planted case must be recognisable by age, so it uses the child's main record.
        let child = if self.w.scale.tiny {
            self.w
                .person(ch.person)
                .and_then(|p| p.records.first().copied())
                .unwrap_or(0)
        } else {
            self.rec(rng, ch.person)
        };
        let mut people = vec![child];
        let mut links = vec![(child, LinkRole::Suspect)];
        if let Some(v) = net.cuckooed.first()
            && chance(rng, 0.3)
        {
            let r = self.rec(rng, v.person);
            people.push(r);
            links.push((r, LinkRole::Witness));
        }
        let c = self.ctx(rng, day, dest, &people);
        let explicit = chance(rng, 0.3);
        let text = supply_arrest_text(&c, rng, explicit);
        let mut objects = vec![(ObjKind::Phone, text::other_number(rng))];
        if let Some(l) = dest_line
            && chance(rng, 0.4)
        {
            objects.push(self.line_phone(rng, l));
        }
        let offence = pick(
            rng,
            &[
                "Possession with Intent to Supply - Class A",
                "Possession with Intent to Supply - Class A",
                "PWITS Class A",
            ],
        );
        self.push(
            rng,
            day,
            dest,
            Source::Crime,
            offence,
            text,
            links.clone(),
            objects,
        );
        if chance(rng, 0.6) {
            let c = self.ctx(rng, day, dest, &people);
            let mut t = Text::new(rng, 350);
            t.add(&c, rng, "DP {n0} [({a0})|aged {a0}|] arrested [in {town}|at {street}, {town}|] [for|on suspicion of] [PWITS class A|possession with intent to supply class A|possession with intent to supply].");
            t.add(&c, rng, "[Appropriate adult|AA] [requested|present - [mother|social worker|volunteer AA]|arranged].");
            t.maybe(&c, rng, 0.7, &[
                "DP [gives|gave] home address in {hub} [and could not explain why {he} was in {town}|and would not say how {he} travelled to {town}|].",
                "DP [appeared frightened|was tearful] and asked [whether 'they' would find out|what would happen to the drugs].",
                "DP [denies any involvement with gangs|states the drugs were for personal use|made no comment].",
            ]);
            t.maybe(&c, rng, 0.6, &[
                "[Strip search authorised by Insp|Further search in custody] - [{wraps} wraps recovered|nothing further found|package recovered from underwear].",
                "[Phones|Two phones] seized for download.",
            ]);
            t.one(&c, rng, &[
                "[Referral to Children's Services|Safeguarding referral submitted|NRM referral submitted|MASH referral completed].",
                "[Released under investigation|RUI|Bailed] into care of [mother|social worker|carer].",
                "[Remanded to local authority accommodation|Charged and remanded to youth court].",
            ]);
            self.push(
                rng,
                day,
                dest,
                Source::Custody,
                offence,
                t,
                vec![(child, LinkRole::Offender)],
                Vec::new(),
            );
        }
    }

    fn debt_violence(&mut self, rng: &mut Rng8, ch: &Child) {
        let net = self.net;
        let day = self.day(rng);
        let child = self.rec(rng, ch.person);
        let at = if chance(rng, 0.5) {
            net.hub
        } else {
            net.lines.first().map_or(net.hub, |l| l.dest)
        };
        let c = self.ctx(rng, day, at, &[child]);
        let mut t = Text::new(rng, 600);
        t.add(&c, rng, "IP {n0} [({a0})|aged {a0}|] [attended|presented at] [A&E|hospital|the walk-in centre] [at {time}|] with [a stab wound to the leg|a slash wound to the buttock|facial injuries|a broken jaw|burns to {his} arm].");
        t.add(&c, rng, "[{He}|{f0}] [stated {he} fell over|refuses to say how it happened|says {he} was jumped by [two|three|masked] males {he} does not know].");
        match rng.gen_range(0..3) {
            0 => t.add(&c, rng, "[Information suggests|It is believed] the [injury|assault] relates to [a drug debt|money {he} owes after being robbed of drugs|a debt of {debt}]."),
            1 => t.add(&c, rng, "[{He}|{f0}] [later told|told] [{his} mother|a nurse] that [{he} 'owes' {debt}|the men took a bag {he} was carrying for someone and now {he} has to pay for it|{he} will be 'dead' if {he} does not pay]."),
            _ => t.add(&c, rng, "Believed to be [a debt bondage situation|debt bondage] linked to [county lines|the '{line}' line|drug supply in {dest}]."),
        }
        t.maybe(&c, rng, 0.7, &["IP [refused to provide a statement|does not support police action|is not engaging]. [Evidence led prosecution not possible|Filed pending further information].", "[Safeguarding referral completed|Strategy meeting held|Referral to Children's Services]."]);
        let offence = pick(
            rng,
            &[
                "Wounding with Intent - s18",
                "Assault Occasioning ABH",
                "Robbery - Personal",
                "GBH - s20",
            ],
        );
        self.push(
            rng,
            day,
            at,
            Source::Crime,
            offence,
            t,
            vec![(child, LinkRole::Victim)],
            Vec::new(),
        );
    }

    fn cuckooing(&mut self, rng: &mut Rng8, v: &Cuckooed, k: u32) {
        let net = self.net;
        let day = self.day(rng);
        let dest = net.lines.get(v.line).map_or(net.hub, |l| l.dest);
        let vrec = self.rec(rng, v.person);
        let mut people = vec![vrec];
        let mut links = vec![(vrec, LinkRole::Victim)];
        if let Some(n) = self.w.adult(rng, town(dest).force) {
            let r = self.rec(rng, n);
            people.push(r);
        }
        if let Some(ch) = net
            .children
            .get(rng.gen_range(0..net.children.len().max(1)))
            && chance(rng, 0.4)
        {
            let r = self.rec(rng, ch.person);
            people.push(r);
            links.push((r, LinkRole::Suspect));
        }
        let mut c = self.ctx(rng, day, dest, &people);
        c.street = net.base_street.clone();
        c.dest = town(dest);
        let mut t = Text::new(rng, 600);
        let (source, offence) = match (k + rng.gen_range(0..3)) % 3 {
            0 => {
                if let Some(n) = people.get(1) {
                    links.push((*n, LinkRole::Reporter));
                }
                t.add(&c, rng, "[Neighbours|A neighbour|Residents] at {street}, {town} [report|are reporting|have complained about] [a lot of|increased|constant] [comings and goings|people coming and going|visitors|footfall] at [flat {n}|number {n}|the ground floor flat] [at all hours|late at night|throughout the night].");
                t.add(&c, rng, "[Visitors are|They are] [mostly young males who do not live there|teenagers with [Birmingham|Brummie|city|Leeds] accents|young lads on pushbikes] and [known drug users|people who stay for a few minutes].");
                t.add(&c, rng, "The occupant {p0} is [a known heroin user|vulnerable with learning difficulties|an older man with mental health problems|a vulnerable female who lives alone] and [has not been seen for days|appears frightened|told a neighbour {he} 'can't get rid of them'|has lost a lot of weight].");
                t.maybe(&c, rng, 0.4, &["[Suspected cuckooing.|Possible cuckooing of a vulnerable adult.|Concerns the address has been taken over by dealers.]"]);
                (
                    Source::Crime,
                    pick(
                        rng,
                        &["ASB - Nuisance", "ASB - Personal", "Concern for Welfare"],
                    ),
                )
            }
            1 => {
                t.add(&c, rng, "Welfare [check|visit] [conducted|completed] at the home of {p0} on {street}, {town} [following concerns from [the housing officer|their support worker|a neighbour]|].");
                t.add(&c, rng, "[Door answered by a young male who gave [a false name|{his} name as 'Tom'] and said {he} was 'a friend'|Two boys aged about 15 found in the lounge with a set of digital scales|Officers found [several|{n}] mobile phones and a large amount of snap bags in the kitchen].");
                t.add(&c, rng, "{p0} [appeared scared to speak in front of them|said [they|the boys] [are|were] 'just staying for a bit'|said {he} gets 'a bit of gear' for letting them stay].");
                t.maybe(&c, rng, 0.5, &["[Referral to Adult Social Care|Adult safeguarding referral submitted|Housing informed, closure order to be considered]."]);
                (
                    Source::Crime,
                    pick(
                        rng,
                        &[
                            "Concern for Welfare",
                            "Vulnerable Adult",
                            "Adult Safeguarding",
                        ],
                    ),
                )
            }
            _ => {
                t.add(&c, rng, "[Intelligence suggests|It is believed that] the [home|flat] of {p0} on {street} in {town} [is being used as a base|has been taken over|is being used] by [dealers|people|a drugs line] from {hub} [running the '{line}' number|supplying {drug}|].");
                t.maybe(&c, rng, 0.7, &["{p0} [is dependent on heroin|has a learning disability|is a vulnerable adult] and is [given drugs|paid in drugs|threatened] [in return for|for] the use of the address.", "This is believed to be [cuckooing|a cuckooed address]."]);
                t.one(&c, rng, GRADES);
                (
                    Source::Intelligence,
                    pick(rng, &["Drugs - Supply", "County Lines", "Cuckooing"]),
                )
            }
        };
        self.push(rng, day, dest, source, offence, t, links, Vec::new());
    }

    fn warrant(&mut self, rng: &mut Rng8) {
        let net = self.net;
        let day = self.day(rng);
        let dest = net.lines.first().map_or(net.hub, |l| l.dest);
        // Fixed narrative slots: p0 the occupant (a cuckooed adult if there is one), p1 a child, p2 a facilitator.
        let mut links = Vec::new();
        let mut slots: [Option<u32>; 3] = [None; 3];
        if let Some(v) = net.cuckooed.first() {
            let r = self.rec(rng, v.person);
            slots[0] = Some(r);
            links.push((r, LinkRole::Witness));
        }
        if let Some(ch) = net
            .children
            .get(rng.gen_range(0..net.children.len().max(1)))
        {
            let r = self.rec(rng, ch.person);
            slots[1] = Some(r);
            links.push((r, LinkRole::Suspect));
        }
        if let Some(f) = net.facilitators.first() {
            let r = self.rec(rng, f.person);
            slots[2] = Some(r);
            links.push((r, LinkRole::Suspect));
        }
        let mut c = self.ctx(rng, day, dest, &[]);
        for (slot, rec) in c.p.iter_mut().zip(slots) {
            *slot = rec.and_then(|r| self.w.record(r));
        }
        c.street = net.base_street.clone();
        let mut t = Text::new(rng, 700);
        t.add(&c, rng, "[Misuse of Drugs Act|s23 MDA|Drugs] warrant executed at [{n} |flat {n}, |]{street}, {town} at {time}[ by the [Neighbourhood team|Proactive team|TSG]|].");
        t.add(&c, rng, "[Present at the address|Occupants]: [{p0|a female occupant}|{p0|an older male} (occupant)], {p1}[ and {p2|a male who ran from the rear}|].");
        t.add(&c, rng, "[Recovered|Seized]: [{wraps} wraps of {drug}|a quantity of {drug}], [digital scales|snap bags|a machete under the sofa|{cash} in cash], [{n} mobile phones|several phones].");
        t.maybe(&c, rng, 0.6, &["{p1} [attempted to flush drugs down the toilet|was found hiding in the loft|tried to climb out of a rear window]."]);
        t.maybe(&c, rng, 0.6, &["[Juvenile|{p1}] [arrested and safeguarding referral submitted|arrested, AA requested|arrested; NRM referral to be considered]. [The occupant|{p0|The occupant}] [is a vulnerable adult and was not arrested|was spoken to as a witness]."]);
        t.maybe(&c, rng, 0.4, &["Operation [Kestrel|Falcon|Orchid|Lantern|Cobalt|Granite|Harbour|Juniper|Tundra|Sentinel|Marble|Sapphire]."]);
        let mut objects = vec![(ObjKind::Phone, text::other_number(rng))];
        if let Some(l) = net.lines.first() {
            objects.push(self.line_phone(rng, l));
        }
        self.push(
            rng,
            day,
            dest,
            Source::Crime,
            "Possession with Intent to Supply - Class A",
            t,
            links,
            objects,
        );
    }

    fn management_arrest(&mut self, rng: &mut Rng8) {
        let net = self.net;
        let day = self.day(rng);
        let Some(&m) = net.management.first() else {
            return;
        };
        let mrec = self.rec(rng, m);
        let c = self.ctx(rng, day, net.hub, &[mrec]);
        let mut t = Text::new(rng, 400);
        t.add(&c, rng, "DP {p0} arrested at [home address|an address] in {hubarea} [following an investigation into|as part of an investigation into|for] [the supply of class A in {dest}|conspiracy to supply class A|offences under the Modern Slavery Act|arranging travel of a child with a view to exploitation].");
        t.maybe(&c, rng, 0.7, &["[Interviewed - no comment|Prepared statement denying all offences|Legal advice: no comment]."]);
        t.one(&c, rng, &["[Remanded to court|Charged and remanded|Bailed with conditions not to enter {dest}|Released under investigation]."]);
        let offence = pick(
            rng,
            &[
                "Conspiracy to Supply Class A",
                "Modern Slavery - Arranging Travel",
                "Possession with Intent to Supply - Class A",
            ],
        );
        self.push(
            rng,
            day,
            net.hub,
            Source::Custody,
            offence,
            t,
            vec![(mrec, LinkRole::Offender)],
            vec![(ObjKind::Vehicle, net.vrm.clone())],
        );
    }

    fn firearm_intel(&mut self, rng: &mut Rng8) {
        let net = self.net;
        let day = self.day(rng);
        let Some(&m) = net.management.first() else {
            return;
        };
        let mrec = self.rec(rng, m);
        let c = self.ctx(rng, day, net.hub, &[mrec]);
        let mut t = Text::new(rng, 300);
        t.add(&c, rng, "{p0} is [believed|reported] to have access to a [handgun|converted blank-firing pistol|sawn-off shotgun|firearm] [kept at an address in {hubarea}|held by a younger associate|which {he} uses to threaten runners who lose drugs].");
        t.one(&c, rng, GRADES);
        let gun = pick(
            rng,
            &[
                "Converted Baikal IZH-79 pistol (serial unknown)",
                "Sawn-off shotgun (no serial)",
                "Handgun, make unknown",
                "Converted Zoraki blank-firer",
            ],
        );
        self.push(
            rng,
            day,
            net.hub,
            Source::Intelligence,
            "Firearms",
            t,
            vec![(mrec, LinkRole::Subject)],
            vec![(ObjKind::Firearm, gun.to_string())],
        );
    }

    // ----- child sexual exploitation ------------------------------------------------------------------------

    fn perpetrator(&self, rng: &mut Rng8) -> u32 {
        let net = self.net;
        let all: Vec<u32> = net
            .management
            .iter()
            .copied()
            .chain(
                net.facilitators
                    .iter()
                    .filter(|f| f.kind != FacKind::Recruiter)
                    .map(|f| f.person),
            )
            .collect();
        all.get(rng.gen_range(0..all.len().max(1)))
            .copied()
            .unwrap_or(0)
    }

    fn cse_missing(&mut self, rng: &mut Rng8, ch: &Child, ep: u32) {
        let net = self.net;
        let day = self.day(rng);
        let child = self.rec(rng, ch.person);
        let guardian = self.rec(rng, ch.guardian);
        let perp = self.perpetrator(rng);
        let prec = self.rec(rng, perp);
        let home_town = self.w.person(ch.person).map_or(net.hub, |p| p.town);
        let mut c = self.ctx(rng, day, home_town, &[child, guardian, prec]);
        c.home = ch.home.clone();
        c.hub = town(net.hub);
        c.nick = net.nicks.first().copied().unwrap_or("");
        let mut t = Text::new(rng, 700);
        if ch.in_care {
            t.add(&c, rng, "[MFH|MISPER|Missing person|Missing] {p0} [is a looked after child at|resides at] {home}.");
            t.add(&c, rng, "Staff [report|reported] [she|{f0}] [left at {time} and has not returned|did not return for [her|] curfew at {time}|was seen getting into a {car} at the end of the road|climbed out of [her|a] bedroom window].");
        } else {
            t.add(&c, rng, "[MFH|MISPER|Missing from home|Missing person] {n0} [aged {a0}|] [has been|was] reported missing by [her|] {parent1} {p1}.");
            t.add(&c, rng, "[She|{f0}] went out [at {time}|after tea|after school] [saying she was going to a friend's|to meet friends in town|without saying where] and [has not come home|has not returned|is not answering her phone].");
        }
        let n = rng.gen_range(1..=3);
        t.several(&c, rng, n, &[
            "[She|{f0}] was [seen|last seen] getting into [a taxi|a {car}|a car] [driven by an older male|with two older men|outside the chip shop on {street}].",
            "{carers} [report|state|say] [she|{f0}] has [a new phone|new clothes|had her nails done|vapes and alcohol] [she cannot afford|and will not say where they came from|which nobody at home bought].",
            "[She|{f0}] has been [talking to|messaging] older [males|men] on [Snapchat|Instagram|WhatsApp|TikTok] [late at night|and is secretive about her phone].",
            "[She|{f0}] [has mentioned|talks about] [a male called '{nick}'|a 'boyfriend' called {nick}] who is [believed to be|thought to be] in his [20s|30s|late 20s].",
            "On previous occasions [she|{f0}] has returned [intoxicated|smelling of alcohol|with [love bites|bruising] on her neck|in clothes nobody recognised].",
            "[She|{f0}] has been [staying out|missing] [overnight|until the early hours] [several times|repeatedly] [recently|in the last month].",
        ]);
        if chance(rng, 0.3) {
            t.one(&c, rng, &[
                "[Known to be at risk of|Open to the CSE team for|Assessed as at high risk of] [CSE|child sexual exploitation|sexual exploitation].",
                "[There are|Significant] concerns [she|{f0}] is being [groomed|sexually exploited] by [older males|an older boyfriend|a group of adult men].",
                "[She|{f0}] is [believed to be|thought to be] in a relationship with an older boyfriend [aged about 25|in his 20s]; [CSE|child sexual exploitation] concerns.",
            ]);
        } else if ep == 0 && chance(rng, 0.15) {
            t.one(&c, rng, &["[No CSE concerns identified at this time.|No concerns of exploitation at this stage.|Not believed to be at risk of CSE.]"]);
        }
        t.one(&c, rng, &[
            "Risk assessed as [HIGH|MEDIUM|medium|high] [due to age|due to her age and vulnerability|given concerns about who she is with|due to previous episodes].",
            "[Medium|High] risk. [Duty Inspector informed.|Inspector aware.|]",
        ]);
        if chance(rng, 0.7) {
            t.para(&c, rng, &[
                "[Located|Found|Traced] at {time} [at a flat above a takeaway on {street2}|at an address in {area}|at the {hotel} in {town}|in a car parked on {street2}|at a house party in {area}] [with two adult males|in the company of an older male who gave false details|with {p2}|with other girls].",
                "[She|{f0}] [returned|was dropped off] [at {time}|in the early hours] by [a taxi|a car she would not describe|an older male in a {car}] [appearing intoxicated|smelling strongly of alcohol|and went straight to her room|with no shoes on].",
                "[Found|Located] [walking|sat] [on {street2}|near the retail park|at the bus station] at {time} [crying|drunk|with no phone] and [would not say where she had been|said she had been 'at a mate's'|said she had been at a party].",
            ]);
            t.maybe(&c, rng, 0.6, &[
                "[She|{f0}] [refused to say|would not say|could not say] [who she had been with|where she had been|who gave her the alcohol].",
                "[She|{f0}] [had a new phone|had {money} in cash|was wearing a necklace] [she said a 'friend' gave her|she would not explain].",
                "[Safe and well|Prevention interview] [completed|conducted] by {pc}; [she|{f0}] [was very guarded|became upset and would not continue|said 'nothing happened'].",
            ]);
        }
        t.maybe(&c, rng, 0.5, &["[RHI to be arranged|Referral to MASH|Strategy meeting requested|CSE risk assessment to be reviewed|Intelligence submitted re males]."]);
        let mut links = vec![
            (child, LinkRole::MissingPerson),
            (guardian, LinkRole::Reporter),
        ];
        if chance(rng, 0.4) {
            links.push((prec, LinkRole::Associate));
        }
        self.push(
            rng,
            day,
            home_town,
            Source::MissingPerson,
            "Missing Person",
            t,
            links,
            Vec::new(),
        );
        if !self.w.scale.tiny && chance(rng, 0.35) {
            let later = (day + rng.gen_range(2..10)).min(util::last_day());
            self.cse_rhi(rng, ch, later);
        }
    }

    fn cse_rhi(&mut self, rng: &mut Rng8, ch: &Child, day: Day) {
        let net = self.net;
        let child = self.rec(rng, ch.person);
        let perp = self.perpetrator(rng);
        let prec = self.rec(rng, perp);
        let home_town = self.w.person(ch.person).map_or(net.hub, |p| p.town);
        let c = self.ctx(rng, day, home_town, &[child, prec]);
        let mut t = Text::new(rng, 600);
        t.add(&c, rng, "[Return home interview|RHI] [completed|conducted] with {n0} [({a0})|] by [the missing team|Children's Services|a Barnardo's worker|the independent RHI worker].");
        match rng.gen_range(0..3) {
            0 => {
                t.add(&c, rng, "[She|{f0}] disclosed [she] had been [at a party at a flat in {area}|staying with her 'boyfriend' {p1}|at a hotel in {town} with two men|driven around by men in a {car}].");
                t.maybe(&c, rng, 0.8, &["[She|{f0}] said [they|he] [gave her vodka and weed|bought her a new phone|paid for her nails and hair|gave her money for taxis] and [she 'owed' them|she had to 'be nice' to his friends|it was 'just a laugh']."]);
            }
            1 => {
                t.add(&c, rng, "[She|{f0}] said she was with [friends|'a mate'] but [became upset|went quiet] when asked about {p1}.");
                t.add(&c, rng, "[She|{f0}] [has|had] [a new phone|an expensive coat|money] and [said an older friend bought it|would not say where it came from].");
            }
            _ => {
                t.add(&c, rng, "[She|{f0}] described {p1} as her boyfriend and said he is [24|26|in his 20s|'about 30'] and [picks her up from school|lets her stay at his flat|takes her to parties with his friends].");
                t.maybe(&c, rng, 0.6, &["[She|{f0}] does not see herself as a victim and says she 'loves him'.", "[She|{f0}] said [some of his friends|other men] [were there|came round] and [she did not want to talk about it|she felt scared]."]);
            }
        }
        t.one(
            &c,
            rng,
            &[
                "[She|{f0}] did not want to make a complaint.",
                "Information shared with the [CSE team|social worker|MASH].",
                "[ABE|Achieving Best Evidence] interview to be considered.",
                "",
            ],
        );
        let offence = pick(
            rng,
            &[
                "Missing Person",
                "CSE",
                "Safeguarding",
                "Return Home Interview",
            ],
        );
        self.push(
            rng,
            day,
            home_town,
            Source::Intelligence,
            offence,
            t,
            vec![(child, LinkRole::Subject), (prec, LinkRole::Associate)],
            Vec::new(),
        );
    }

    fn party_intel(&mut self, rng: &mut Rng8, host: u32) {
        let net = self.net;
        let day = self.day(rng);
        let hrec = self.rec(rng, host);
        let mut people = vec![hrec];
        let mut links = vec![(hrec, LinkRole::Subject)];
        if let Some(ch) = net
            .children
            .get(rng.gen_range(0..net.children.len().max(1)))
            && chance(rng, 0.5)
        {
            let r = self.rec(rng, ch.person);
            people.push(r);
            links.push((r, LinkRole::Associate));
        }
        let mut c = self.ctx(rng, day, net.hub, &people);
        c.street = net.base_street.clone();
        let mut t = Text::new(rng, 500);
        t.add(&c, rng, "[Information|Intelligence|Community information] [received|suggests] that [adult males|men in their 20s and 30s|a group of older males] are [hosting parties|having gatherings|holding parties] at [a flat|an address|{n0}'s flat] on {street}, {area} [most weekends|late at night|on Friday and Saturday nights].");
        t.add(&c, rng, "[Girls|Young girls|Teenage girls] [believed to be under 16|who look about 13 or 14|in school uniform] are [seen arriving|being dropped off and picked up|seen leaving in the early hours] and are [given alcohol and cannabis|supplied with vodka|given vapes and weed].");
        if people.len() > 1 {
            t.maybe(
                &c,
                rng,
                0.8,
                &[
                    "One of the girls is believed to be {n1} ({a1}).",
                    "{p1} has been [seen|identified] at the address.",
                ],
            );
        }
        t.maybe(&c, rng, 0.4, &["[CSE concerns|Concerns of child sexual exploitation|Possible grooming of children]."]);
        t.one(&c, rng, GRADES);
        let offence = pick(
            rng,
            &[
                "CSE",
                "Safeguarding",
                "Public Protection",
                "Child Exploitation",
            ],
        );
        self.push(
            rng,
            day,
            net.hub,
            Source::Intelligence,
            offence,
            t,
            links,
            Vec::new(),
        );
    }

    fn taxi_intel(&mut self, rng: &mut Rng8, driver: u32) {
        let net = self.net;
        let day = self.day(rng);
        let drec = self.rec(rng, driver);
        let mut c = self.ctx(rng, day, net.hub, &[drec]);
        c.reg = net.vrm.clone();
        let mut t = Text::new(rng, 400);
        t.add(&c, rng, "{p0}[, a [private hire|taxi] driver [licensed by the council|working for a local firm],|] is [picking up|giving free lifts to|driving around with] [girls aged 13 to 15|young girls|school girls] [from outside {school}|from the retail park|from {carehome}] and [taking them to addresses in {area}|buying them vapes and alcohol|taking them to meet older men].");
        t.maybe(
            &c,
            rng,
            0.6,
            &["[He|The subject] drives a {car} [VRM {reg}|]."],
        );
        t.maybe(
            &c,
            rng,
            0.3,
            &["[Concerns of CSE|CSE risk|Possible facilitation of CSE]."],
        );
        t.one(&c, rng, GRADES);
        let objects = vec![(ObjKind::Vehicle, net.vrm.clone())];
        let offence = pick(rng, &["CSE", "Safeguarding", "Vehicle"]);
        self.push(
            rng,
            day,
            net.hub,
            Source::Intelligence,
            offence,
            t,
            vec![(drec, LinkRole::Subject)],
            objects,
        );
    }

    fn peer_recruiter(&mut self, rng: &mut Rng8, f: u32) {
        let net = self.net;
        let day = self.day(rng);
        let frec = self.rec(rng, f);
        let mut people = vec![frec];
        let mut links = vec![(frec, LinkRole::Subject)];
        if let Some(ch) = net.children.first() {
            let r = self.rec(rng, ch.person);
            people.push(r);
            links.push((r, LinkRole::Associate));
        }
        let c = self.ctx(rng, day, net.hub, &people);
        let mut t = Text::new(rng, 400);
        t.add(&c, rng, "[It is reported that|Information suggests] {n0} [({a0})|] is [introducing|bringing] [younger girls|girls from {school}|girls from {carehome}] to [older men|{his} 'friends'|men at a flat on {street}] [in return for money and drugs|and is paid for doing so|and takes them to parties].");
        if people.len() > 1 {
            t.maybe(&c, rng, 0.8, &["{p1} [is one of the girls|has been seen with {him}|is believed to be one of them]."]);
        }
        t.one(&c, rng, GRADES);
        let offence = pick(rng, &["CSE", "Safeguarding"]);
        self.push(
            rng,
            day,
            net.hub,
            Source::Intelligence,
            offence,
            t,
            links,
            Vec::new(),
        );
    }

    fn hotel(&mut self, rng: &mut Rng8) {
        let net = self.net;
        let day = self.day(rng);
        let Some(ch) = net
            .children
            .get(rng.gen_range(0..net.children.len().max(1)))
        else {
            return;
        };
        let child = self.rec(rng, ch.person);
        let perp = self.perpetrator(rng);
        let prec = self.rec(rng, perp);
        let c = self.ctx(rng, day, net.hub, &[child, prec]);
        let mut t = Text::new(rng, 600);
        t.add(&c, rng, "[Staff at|The night manager at|Reception staff at] the {hotel} in {town} [reported concerns about|called police about] a male [in his 30s|aged about 40|in his 20s] who [booked a room for one night paying cash|booked a room using a false name|had booked several rooms over recent weeks] and was seen taking [a girl who looked about 14|a young girl|two young girls] up to the room.");
        t.add(&c, rng, "Officers attended at {time}; {p1} [was found in the room with|was with] {n0} ({a0})[, who [gave false details|said she was 18|was later identified as a missing child]|].");
        t.maybe(&c, rng, 0.7, &["[Alcohol and cannabis were in the room|There was an empty vodka bottle in the room|Condoms were found in the bin]. {p1} [was arrested|was arrested on suspicion of sexual activity with a child|was issued with a CAWN]."]);
        t.maybe(&c, rng, 0.4, &["[Hotel staff have been given CSE awareness material|Hotel watch information shared]."]);
        let (source, offence) = if chance(rng, 0.6) {
            (
                Source::Crime,
                pick(
                    rng,
                    &[
                        "Sexual Activity with a Child",
                        "Child Abduction",
                        "Concern for Welfare",
                    ],
                ),
            )
        } else {
            (Source::Intelligence, "CSE")
        };
        self.push(
            rng,
            day,
            net.hub,
            source,
            offence,
            t,
            vec![(child, LinkRole::Victim), (prec, LinkRole::Suspect)],
            Vec::new(),
        );
    }

    fn school_concern(&mut self, rng: &mut Rng8, ch: &Child) {
        let net = self.net;
        let day = self.day(rng);
        let child = self.rec(rng, ch.person);
        let home_town = self.w.person(ch.person).map_or(net.hub, |p| p.town);
        let c = self.ctx(rng, day, home_town, &[child]);
        let mut t = Text::new(rng, 400);
        t.add(&c, rng, "[The DSL at|Staff at|A teacher at] {school} [report|reports|have raised concerns] that {n0} ({a0}) [has been collected from school by an older male in a {car}|has a new iPhone and says her 'boyfriend' bought it|has been late and tired with bruising to her arms|has been truanting and seen in town with older men].");
        t.maybe(&c, rng, 0.6, &["[Her|{f0}'s] attendance has dropped to [40|55|60|62] percent.", "[She|{f0}] [told a friend|has told friends] she [goes to parties with older men|has a boyfriend who is 22|gets free vodka]."]);
        t.maybe(
            &c,
            rng,
            0.3,
            &["[CSE screening tool completed|Referral to the CSE team|CSE risk: medium]."],
        );
        let offence = pick(rng, &["Safeguarding", "Partner Agency Information", "CSE"]);
        self.push(
            rng,
            day,
            home_town,
            Source::Intelligence,
            offence,
            t,
            vec![(child, LinkRole::Subject)],
            Vec::new(),
        );
    }

    fn sexual_offence(&mut self, rng: &mut Rng8, ch: &Child) {
        let net = self.net;
        let day = self.day(rng);
        let child = self.rec(rng, ch.person);
        let perp = self.perpetrator(rng);
        let prec = self.rec(rng, perp);
        let c = self.ctx(rng, day, net.hub, &[child, prec]);
        let mut t = Text::new(rng, 900);
        t.add(&c, rng, "IP {n0} ({a0}) [disclosed to|has told] [her teacher|her social worker|her mother|a support worker|school staff] that [she had sex with|she was made to have sex with|she was sexually assaulted by] {p1} [at a flat in {area}|in a car|at a party|at a hotel in {town}] [after being given vodka|after being given cannabis|on several occasions|in {date}].");
        t.maybe(&c, rng, 0.8, &[
            "[She|{f0}] [describes|described] {p1} as her boyfriend and said he [bought her a phone|gives her lifts|buys her vapes and clothes].",
            "[She|{f0}] said he [told her she owed him|said she had to 'pay him back'|shared images of her with his friends].",
            "[She|{f0}] said other men [were present|came to the flat] and she was 'passed around'.",
        ]);
        t.maybe(&c, rng, 0.8, &[
            "[ABE interview|Achieving Best Evidence interview] [arranged|completed|to be arranged].",
            "[Forensic medical examination at SARC|SARC referral] [completed|declined].",
            "[Her|Her mother's] [phone|phones] seized for download; [messages from {p1}|Snapchat messages] [recovered|to be reviewed].",
        ]);
        t.maybe(&c, rng, 0.6, &["[Suspect to be arrested|{p1} arrested and interviewed - denies knowing her age|Strategy meeting held|Joint investigation with Children's Services]."]);
        let offence = pick(
            rng,
            &[
                "Sexual Activity with a Child",
                "Rape of a Female Child Under 16",
                "Causing or Inciting a Child to Engage in Sexual Activity",
                "Sexual Activity with a Child",
            ],
        );
        self.push(
            rng,
            day,
            net.hub,
            Source::Crime,
            offence,
            t,
            vec![(child, LinkRole::Victim), (prec, LinkRole::Suspect)],
            Vec::new(),
        );
    }

    fn online_contact(&mut self, rng: &mut Rng8, ch: &Child) {
        let net = self.net;
        let day = self.day(rng);
        let child = self.rec(rng, ch.person);
        let perp = self.perpetrator(rng);
        let prec = self.rec(rng, perp);
        let c = self.ctx(rng, day, net.hub, &[child, prec]);
        let mut t = Text::new(rng, 500);
        t.add(&c, rng, "[Mother|Mum|The IP's mother] found [messages|sexual messages|explicit images] on {n0}'s phone [from|exchanged with] a male on [Snapchat|Instagram|WhatsApp] [who claims to be 17|who is believed to be in his 20s|using the name '{nick}'].");
        t.maybe(&c, rng, 0.8, &["[He|The male] [asked her to send images|has arranged to meet her|sent her money for a taxi|told her not to tell anyone]."]);
        t.maybe(
            &c,
            rng,
            0.5,
            &[
                "[Account|Number] linked to {p1}.",
                "[Phone|Handset] seized.",
            ],
        );
        let offence = pick(
            rng,
            &[
                "Sexual Communication with a Child",
                "Causing or Inciting a Child to Engage in Sexual Activity",
                "Indecent Images of Children",
            ],
        );
        let number = text::other_number(rng);
        self.push(
            rng,
            day,
            net.hub,
            Source::Crime,
            offence,
            t,
            vec![(child, LinkRole::Victim), (prec, LinkRole::Suspect)],
            vec![(ObjKind::Phone, number)],
        );
    }

    fn cawn(&mut self, rng: &mut Rng8) {
        let net = self.net;
        let day = self.day(rng);
        let perp = self.perpetrator(rng);
        let prec = self.rec(rng, perp);
        let Some(ch) = net
            .children
            .get(rng.gen_range(0..net.children.len().max(1)))
        else {
            return;
        };
        let child = self.rec(rng, ch.person);
        let c = self.ctx(rng, day, net.hub, &[prec, child]);
        let mut t = Text::new(rng, 300);
        t.add(&c, rng, "[Child Abduction Warning Notice|CAWN] served on {p0} [in respect of|regarding] {n1} ({a1}) [after she was found in his car at {time}|following repeated missing episodes where she was located at his address|after she was found at his flat].");
        t.maybe(
            &c,
            rng,
            0.6,
            &["{p0} [signed the notice|refused to sign|said he 'didn't know her age']."],
        );
        let offence = pick(rng, &["CAWN", "Safeguarding", "CSE"]);
        self.push(
            rng,
            day,
            net.hub,
            Source::Intelligence,
            offence,
            t,
            vec![(prec, LinkRole::Subject), (child, LinkRole::Associate)],
            Vec::new(),
        );
    }

    fn perpetrator_custody(&mut self, rng: &mut Rng8) {
        let net = self.net;
        let day = self.day(rng);
        let perp = self.perpetrator(rng);
        let prec = self.rec(rng, perp);
        let c = self.ctx(rng, day, net.hub, &[prec]);
        let mut t = Text::new(rng, 350);
        t.add(&c, rng, "DP {p0} arrested [at home address|at work|in {town}] [on suspicion of|for] [sexual activity with a child|rape of a child under 16|breach of CAWN|supplying alcohol to a child and sexual activity with a child].");
        t.maybe(&c, rng, 0.7, &["[Interviewed - no comment|Denies knowing the girls' ages|Prepared statement: 'they told me they were 18']."]);
        t.one(&c, rng, &["[Released on bail with conditions not to contact children under 18|Released under investigation|Charged and remanded]."]);
        let offence = pick(
            rng,
            &[
                "Sexual Activity with a Child",
                "Rape of a Female Child Under 16",
                "Breach of CAWN",
            ],
        );
        self.push(
            rng,
            day,
            net.hub,
            Source::Custody,
            offence,
            t,
            vec![(prec, LinkRole::Offender)],
            Vec::new(),
        );
    }
}

/// A supply arrest as recorded after a stop search: used for exploited children and ordinary adult dealers
/// alike, so the text alone cannot tell them apart and only the people linked to it can.
pub(crate) fn supply_arrest_text(c: &Ctx<'_>, rng: &mut Rng8, explicit: bool) -> Text {
    let mut t = Text::new(rng, 700);
    t.add(c, rng, "[Officers|Officers on mobile patrol|{pc} and {pc} on foot patrol|Proactive officers] [in the {area} area of {town}|on {street}, {town}|near {shop} on {street}] [at {time}|] [stopped|observed] [{p0}|a male|a youth|a young male] [acting suspiciously|who appeared to be involved in a hand-to-hand exchange|who ran off on seeing police|loitering outside a known drug address].");
    t.add(c, rng, "[Search conducted under s23 MDA|Stop and search under s23 Misuse of Drugs Act|Searched under s23] [and|which] [recovered|found] {wraps} [wraps|deals|cling film wraps] of suspected {drug} [in {his} sock|in {his} waistband|concealed in {his} underwear|in a Kinder egg|in a bag|in {his} jacket pocket], {cash} in cash and [two mobile phones|three mobile phones|a mobile phone].");
    t.maybe(c, rng, 0.5, &[
        "[The phone|One phone] [rang repeatedly|received several messages] while [{he}|{p0}] was detained.",
        "[{He}|The male] [gave a false name initially|would not give {his} details|was identified via [PNC|fingerprints]].",
        "[{He}|{p0}] stated the drugs were for [personal use|{his} own use] [despite the quantity|].",
    ]);
    if explicit {
        t.one(c, rng, &[
            "[{He}|{p0}] is believed to be [a runner for the '{line}' line|working a county line|linked to a {hub} line] and had [plugged|been plugging] the drugs.",
            "[{He}|{p0}] is from {hub} and is believed to have been sent to {town} to deal. [Safeguarding referral submitted.|NRM referral made.|Section 45 Modern Slavery Act defence may apply.]",
            "Officers believe [{he}|{p0}] is a victim of county lines exploitation; [NRM referral submitted|referral made to the CCE team].",
        ]);
    }
    t.add(c, rng, "[{He}|{p0}] was arrested on suspicion of possession with intent to supply [class A|a class A drug][ and conveyed to custody|].");
    t.one(c, rng, &[
        "[Drugs sent for analysis.|Phones seized for download.|Interviewed - no comment.|Released under investigation pending lab results.|Charged and remanded.|Bailed pending forensic results.]",
        "[Drugs|Exhibits] booked into store [under {crime}|]. [RUI|Released under investigation].",
    ]);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(short_name("Mohammed"), "Moh");
        assert_eq!(short_name("Ali"), "Ali");
        assert_eq!(short_name("Tariq"), "Tariq");
    }
}
