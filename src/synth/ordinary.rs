//! Ordinary police business, the overwhelming majority of any extract: burglaries, shop thefts, assaults,
//! domestic incidents, fraud, drug possession, road traffic, missing adults and children who are simply late
//! home, routine intelligence and custody records.
//!
//! Some of these carry decoys, words that a naive keyword matcher would take for exploitation ("line manager",
//! "phone line", "loft trapdoor", "country park", "plug socket", "birthday party", "hotel reception", gifts in a
//! romance fraud, "there are no concerns about county lines"). Every event here is labelled `none` in truth.
//! Ordinary adult drug dealers are arrested with the same bland wording as exploited children, so that only the
//! people linked to an event, not its text, tell them apart.

use super::boiler;
use super::lexicon;
use super::model::{Event, Label, LinkRole, ObjKind, Sex, Source};
use super::network::supply_arrest_text;
use super::noise;
use super::people::town;
use super::text::{self, Ctx, Text};
use super::util::{self, Day, Rng8, chance, pick};
use super::world::World;
use rand::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Burglary,
    BusinessBurglary,
    Shoplifting,
    Theft,
    Vehicle,
    Damage,
    Assault,
    Domestic,
    PublicOrder,
    Asb,
    Fraud,
    Harassment,
    Possession,
    Supply,
    Traffic,
    Robbery,
    Weapon,
    SexualAdult,
    ElderAbuse,
    ChildAbuse,
    ReturnInterview,
    AdultWelfare,
    Intel,
    Welfare,
    MissingAdult,
    MissingChild,
    Custody,
}

const KINDS: [(Kind, u32); 27] = [
    (Kind::Burglary, 60),
    (Kind::BusinessBurglary, 15),
    (Kind::Shoplifting, 80),
    (Kind::Theft, 45),
    (Kind::Vehicle, 45),
    (Kind::Damage, 55),
    (Kind::Assault, 70),
    (Kind::Domestic, 70),
    (Kind::PublicOrder, 25),
    (Kind::Asb, 35),
    (Kind::Fraud, 35),
    (Kind::Harassment, 25),
    (Kind::Possession, 20),
    (Kind::Supply, 8),
    (Kind::Traffic, 25),
    (Kind::Robbery, 10),
    (Kind::Weapon, 7),
    (Kind::SexualAdult, 5),
    (Kind::ElderAbuse, 3),
    (Kind::ChildAbuse, 4),
    (Kind::ReturnInterview, 10),
    (Kind::AdultWelfare, 12),
    (Kind::Intel, 225),
    (Kind::Welfare, 15),
    (Kind::MissingAdult, 40),
    (Kind::MissingChild, 30),
    (Kind::Custody, 120),
];

/// Kinds whose narratives have a natural place for a decoy phrase.
const DECOY_KINDS: [(Kind, u32); 14] = [
    (Kind::Burglary, 3),
    (Kind::Theft, 3),
    (Kind::Vehicle, 2),
    (Kind::Damage, 2),
    (Kind::Assault, 3),
    (Kind::Domestic, 1),
    (Kind::Fraud, 3),
    (Kind::Asb, 1),
    (Kind::Harassment, 1),
    (Kind::MissingChild, 4),
    (Kind::Intel, 2),
    (Kind::Welfare, 2),
    (Kind::ReturnInterview, 2),
    (Kind::ElderAbuse, 1),
];

/// The event under construction: where it happened and who is linked to it.
struct B<'w> {
    w: &'w World,
    force: usize,
    at: usize,
    day: Day,
    links: Vec<(u32, LinkRole)>,
    /// Narrative slots `{p0}`..`{p3}`: fixed per event kind (victim, suspect, witness...) whoever is missing.
    people: [Option<u32>; 4],
    /// Persons already linked, so that a victim is not also drawn as their own assailant.
    used: Vec<u32>,
    objects: Vec<(ObjKind, String)>,
}

impl<'w> B<'w> {
    /// Links a person (by one of their records) and makes them the next `{pN}` of the narrative.
    fn link(&mut self, rng: &mut Rng8, person: Option<u32>, role: LinkRole, slot: usize) -> bool {
        let Some(p) = person else { return false };
        if self.used.contains(&p) {
            return false;
        }
        self.used.push(p);
        let rec = self.w.rec_of(rng, p);
        if self.links.iter().any(|(r, _)| *r == rec) {
            return false;
        }
        self.links.push((rec, role));
        if let Some(s) = self.people.get_mut(slot) {
            *s = Some(rec);
        }
        true
    }

    /// An adult of working age on the event's day, most of the time: the elderly enter narratives through
    /// their own pool (dementia, frauds), not as pub fighters or burglars.
    fn adult(&self, rng: &mut Rng8) -> Option<u32> {
        let mut last = None;
        for _ in 0..4 {
            last = self.w.adult(rng, self.force);
            let age = last
                .and_then(|p| self.w.person(p))
                .map(|p| util::age_on(p.dob, self.day));
            if age.is_some_and(|a| (18..66).contains(&a))
                && last.is_some_and(|p| !self.used.contains(&p))
            {
                break;
            }
        }
        last
    }

    /// A child aged 10 to 17 on the event's day (the pool is by birth year, so check the age itself).
    fn child(&self, rng: &mut Rng8) -> Option<u32> {
        let mut last = None;
        for _ in 0..6 {
            last = self.w.child(rng, self.force);
            let age = last
                .and_then(|p| self.w.person(p))
                .map(|p| util::age_on(p.dob, self.day));
            if age.is_some_and(|a| (10..18).contains(&a))
                && last.is_some_and(|p| !self.used.contains(&p))
            {
                break;
            }
        }
        last
    }

    /// An adult, preferably of sex `sex` (a few draws, then whoever came up): victims of domestic abuse and
    /// sexual assault are mostly women, and narratives of those kinds are written with that in mind.
    fn adult_of(&self, rng: &mut Rng8, sex: Sex) -> Option<u32> {
        let mut last = None;
        for _ in 0..6 {
            last = self.adult(rng);
            if last
                .and_then(|p| self.w.person(p))
                .is_some_and(|p| p.sex == sex)
                && last.is_some_and(|p| !self.used.contains(&p))
            {
                break;
            }
        }
        last
    }

    fn ctx(&self, rng: &mut Rng8) -> Ctx<'w> {
        let mut c = Ctx::new(rng, self.day, town(self.at));
        for (slot, pos) in c.p.iter_mut().zip(&self.people) {
            *slot = pos.and_then(|p| self.w.record(p));
        }
        c
    }
}

/// One ordinary event on `day`; with `decoy` its narrative contains a phrase that only looks like exploitation.
pub(crate) fn event(w: &World, rng: &mut Rng8, day: Day, decoy: bool) -> Event {
    let force = util::weighted(rng, &lexicon::FORCE_WEIGHTS)
        .copied()
        .unwrap_or(0);
    let at = super::world::event_town(rng, force);
    let kind = if decoy {
        util::weighted(rng, &DECOY_KINDS)
    } else {
        util::weighted(rng, &KINDS)
    }
    .copied()
    .unwrap_or(Kind::Intel);
    let mut b = B {
        w,
        force,
        at,
        day,
        links: Vec::new(),
        people: [None; 4],
        used: Vec::new(),
        objects: Vec::new(),
    };
    let (source, offence, mut t) = match kind {
        Kind::Burglary => burglary(&mut b, rng, decoy),
        Kind::BusinessBurglary => business_burglary(&mut b, rng),
        Kind::Shoplifting => shoplifting(&mut b, rng),
        Kind::Theft => theft(&mut b, rng, decoy),
        Kind::Vehicle => vehicle(&mut b, rng, decoy),
        Kind::Damage => damage(&mut b, rng, decoy),
        Kind::Assault => assault(&mut b, rng, decoy),
        Kind::Domestic => domestic(&mut b, rng, decoy),
        Kind::PublicOrder => public_order(&mut b, rng),
        Kind::Asb => asb(&mut b, rng, decoy),
        Kind::Fraud => fraud(&mut b, rng, decoy),
        Kind::Harassment => harassment(&mut b, rng, decoy),
        Kind::Possession => possession(&mut b, rng),
        Kind::Supply => supply(&mut b, rng),
        Kind::Traffic => traffic(&mut b, rng),
        Kind::Robbery => robbery(&mut b, rng),
        Kind::Weapon => weapon(&mut b, rng),
        Kind::SexualAdult => sexual_adult(&mut b, rng),
        Kind::ElderAbuse => elder_abuse(&mut b, rng),
        Kind::ChildAbuse => child_abuse(&mut b, rng),
        Kind::ReturnInterview => return_interview(&mut b, rng, decoy),
        Kind::AdultWelfare => adult_welfare(&mut b, rng),
        Kind::Intel => intel(&mut b, rng, decoy),
        Kind::Welfare => welfare(&mut b, rng, decoy),
        Kind::MissingAdult => missing_adult(&mut b, rng),
        Kind::MissingChild => missing_child(&mut b, rng, decoy),
        Kind::Custody => custody(&mut b, rng),
    };
    let c = Ctx::new(rng, day, town(b.at));
    boiler::pad(&mut t, &c, rng, source);
    let mut text = t.buf;
    noise::roughen(rng, &mut text);
    Event {
        day,
        source,
        force: town(b.at).force,
        offence,
        text,
        links: b.links,
        objects: b.objects,
        label: Label::None,
    }
}

type Out = (Source, &'static str, Text);

const VICTIM_CARE: &[&str] = &[
    "[Victim|IP] provided with crime reference number [and victim care leaflet|and VCOP explained|].",
    "VCOP [explained|complied with]; [Victim Support referral offered|IP declined Victim Support|victim care letter to be sent].",
    "[IP|Victim] updated [by phone|in person] and [happy with police action|aware of the outcome].",
];

const FILED: &[&str] = &[
    "No further lines of enquiry. Crime filed pending further information.",
    "All lines of enquiry [exhausted|have been exhausted] - filed undetected.",
    "Enquiries ongoing, OIC {dc}.",
    "[Crime|Report] filed [as no suspect identified|pending any new information].",
    "Passed to CID for further investigation.",
    "[Allocated to|Passed to] the [Local Policing Team|Investigation Hub] for follow-up.",
    "[Filed|NFA] - [no CCTV and no witnesses|no forensic opportunities|victim does not support police action].",
];

fn burglary(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let who = b.adult(rng);
    b.link(rng, who, LinkRole::Victim, 0);
    let suspect = chance(rng, 0.3) && {
        let s = b.adult(rng);
        b.link(rng, s, LinkRole::Suspect, 1)
    };
    if chance(rng, 0.15) {
        let w = b.adult(rng);
        b.link(rng, w, LinkRole::Witness, 2);
    }
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 900);
    t.one(&c, rng, &[
        "Between {time} on {day} and {time2} the following [morning|day] [unknown offender(s)|offender(s)|unknown offenders] have [attended|approached] the [rear|front|side] of the [IP's|victim's] home address on {street}, {area}.",
        "[IP|Victim|Informant] {p0} reports that [whilst the address was left insecure|whilst the family were away on holiday|overnight|while {he} was at work] [offender(s)|unknown offenders|suspect(s)] have entered {his} home address on {street}[, {town}|].",
        "Report of a burglary at [a terraced|a semi-detached|a ground floor flat|an end terrace|a detached|a first floor maisonette] property on {street}, {area}[, {town}|].",
        "[Residential|Dwelling] burglary. [IP|Victim] {p0} [returned home at {time}|woke at {time}] to find [the back door open|the house had been broken into|the front door damaged].",
    ]);
    if decoy || chance(rng, 0.03) {
        t.one(&c, rng, &[
            "Entry [appears to have been|was] gained via the loft trapdoor from the adjoining [property|terrace], which is currently empty.",
            "Offenders have [tampered with|unplugged] the plug socket [for the CCTV camera|powering the doorbell camera], switching it off at the wall.",
            "Items stolen include an antique cuckoo clock [of sentimental value|valued at approx {value}].",
        ]);
    } else {
        t.one(&c, rng, &[
            "Entry [gained|was gained] by [forcing the rear patio door with an unknown implement|snapping the euro cylinder lock on the [front|rear|back] door|smashing a pane of glass in the kitchen window|climbing through an insecure [bathroom|kitchen] window|jemmying the rear door|removing the beading from a UPVC window].",
            "Point of entry [was|is] the [rear kitchen window|back door|ground floor bedroom window], which [has been forced|was left open].",
        ]);
    }
    t.one(&c, rng, &[
        "Offender(s) have conducted [an untidy|a tidy|a methodical] search of [the downstairs rooms|the master bedroom|all rooms|the ground floor] and removed [a laptop|a games console|a quantity of gold jewellery|cash from a drawer|two mobile phones|a TV|designer handbags|a pedal cycle from the hallway].",
        "Stolen: [jewellery|a laptop and an iPad|cash and bank cards|a PlayStation 5|watches|power tools from the garage][ and [car keys|a passport|a purse]|].",
    ]);
    t.maybe(&c, rng, 0.25, &["Car keys were taken and the [IP's|victim's] {car} [was taken from the drive|has also been stolen]."]);
    t.maybe(
        &c,
        rng,
        0.5,
        &[
            "Total loss estimated at {value}.",
            "Value of property stolen approx {value}.",
        ],
    );
    let n = rng.gen_range(1..=3);
    t.several(&c, rng, n, &[
        "CCTV enquiries [conducted|completed] - [negative|no cameras covering the rear|doorbell footage obtained from neighbour showing two males in dark clothing at {time}|footage to be viewed].",
        "House to house [conducted|completed] by {pc} [with negative result|, one neighbour heard banging at {time}| - no witnesses].",
        "[CSI|SOCO|Forensics] [attended|requested] and [recovered a footwear mark from the window sill|recovered a glove from the garden|obtained swabs from the point of entry|found no forensic opportunities].",
        "Crime prevention advice given [re window locks|re anti-snap locks|re lighting|about keeping keys away from the door].",
    ]);
    if suspect {
        t.one(&c, rng, &[
            "{p1} has been identified as a suspect [from CCTV|following a fingerprint identification|from information provided by a neighbour] and [will be arrested|was arrested on {date}|is circulated on PNC as wanted].",
            "[Neighbour|Witness] describes [a male|two males] [seen leaving the rear garden|climbing over the fence] at {time}; [believed to be|possibly] {p1}, who is known locally.",
        ]);
    }
    t.one(&c, rng, VICTIM_CARE);
    t.one(&c, rng, FILED);
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Burglary - Residential",
                "Burglary Dwelling",
                "Burglary - Residential",
                "Attempt Burglary - Residential",
            ],
        ),
        t,
    )
}

fn business_burglary(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let who = b.adult(rng);
    b.link(rng, who, LinkRole::Victim, 0);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 700);
    t.one(&c, rng, &[
        "Overnight [unknown offenders|offenders] have [forced the shutter|smashed the front window|cut the padlock] at [{shop} on {street}|a [dog grooming parlour|hair salon|takeaway|builders' yard|church hall|community centre|sports club] on {street}] and [stolen|removed] [cash from the till|cigarettes and alcohol|power tools|copper piping|the charity box|laptops].",
        "[Keyholder|Manager] {p0} [attended at {time}|reports] that the [premises|unit|shop] on {street}, {area} has been broken into [overnight|between {time} and {time2}].",
    ]);
    t.maybe(&c, rng, 0.7, &["[Alarm activated at {time} but no response|Alarm was not set|CCTV shows [two|three] offenders in balaclavas at {time}].", "Damage to [the door|the shutter|the rear fire exit] estimated at {value}."]);
    t.maybe(
        &c,
        rng,
        0.5,
        &["[SOCO|CSI] attended; [glove marks only|blood recovered from broken glass|negative]."],
    );
    t.one(&c, rng, FILED);
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Burglary - Business and Community",
                "Burglary Other Building",
            ],
        ),
        t,
    )
}

fn shoplifting(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let identified = chance(rng, 0.6);
    let mut suspect = false;
    if identified {
        let s = if chance(rng, 0.15) {
            b.child(rng)
        } else {
            b.adult(rng)
        };
        suspect = b.link(rng, s, LinkRole::Suspect, 0);
    }
    if chance(rng, 0.4) {
        let w = b.adult(rng);
        b.link(rng, w, LinkRole::Witness, 1);
    }
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 500);
    let (who, his) = if suspect {
        ("{p0}", "{his}")
    } else if chance(rng, 0.65) {
        (
            "[a male|an unknown male|a white male in a grey tracksuit|a male wearing a face covering]",
            "his",
        )
    } else {
        (
            "[a female|an unknown female|a female with a pushchair]",
            "her",
        )
    };
    let mut s = String::new();
    s.push_str("[At {time}|On {day} at {time}|] ");
    s.push_str(who);
    s.push_str(" [has entered|entered] [{shop}|the {shop} store] on {street} and [selected|concealed] [meat|alcohol|toiletries|cosmetics|coffee|washing powder|clothing|razor blades|baby milk] [to the value of {price}|worth {price}] [in a bag|down ");
    s.push_str(his);
    s.push_str(" coat|in a rucksack] before [leaving without making any attempt to pay|passing all points of sale without paying|running from the store].");
    t.add(&c, rng, &s);
    t.maybe(&c, rng, 0.6, &[
        "[Store detective|Security|A staff member] [detained|challenged|followed] [the suspect|the offender] [outside the store|in the car park]. [Property recovered in a saleable condition|Property not recovered].",
        "[Offence captured on store CCTV|CCTV available|CCTV stills circulated on the shop watch scheme].",
        "[Same offender|Offender] believed [responsible for|linked to] [several|{n}] [similar thefts|other thefts] from [the store|stores in the area] [this month|recently].",
    ]);
    if suspect {
        t.one(&c, rng, &[
            "{p0} [arrested|was arrested] [and admitted the offence|and interviewed|] - [dealt with by way of community resolution|charged to court|issued a fixed penalty notice|released under investigation|cautioned].",
            "{p0} identified [from CCTV|by store staff who know {him}] - [to be interviewed|voluntary interview arranged|to be summonsed].",
        ]);
    } else {
        t.one(&c, rng, FILED);
    }
    (
        Source::Crime,
        pick(rng, &["Theft from Shop", "Shoplifting", "Theft from Shop"]),
        t,
    )
}

fn theft(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let who = b.adult(rng);
    b.link(rng, who, LinkRole::Victim, 0);
    let suspect = chance(rng, 0.3) && {
        let s = b.adult(rng);
        b.link(rng, s, LinkRole::Suspect, 1)
    };
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 600);
    let offence = match (decoy || chance(rng, 0.05), rng.gen_range(0..3)) {
        (true, 0) => {
            t.add(&c, rng, "[IP|Victim] {p0} left {his} [laptop bag|handbag|suitcase] [unattended|by the desk] at the hotel reception of the {hotel} [for a few minutes|while checking in] and when {he} returned it had gone.");
            t.maybe(&c, rng, 0.7, &["Hotel [staff|manager] [have provided|are checking] CCTV of the reception area; [a male is seen picking up the bag at {time}|the camera does not cover the desk]."]);
            "Theft - Other"
        }
        (true, 1) => {
            t.add(&c, rng, "[IP|Victim] {p0} works at a [warehouse|call centre|care home|distribution centre] on {street} and reports that [cash|a purse|a phone] was stolen from {his} locker.");
            t.add(&c, rng, "{He} reported it to {his} line manager, who has [checked the staff rota|reviewed the CCTV|suspended a colleague pending enquiries].");
            "Theft by Employee"
        }
        (true, _) => {
            t.add(&c, rng, "[IP|Victim] {p0} reports that [clothing|bedding|a child's school uniform] [was stolen|has been taken] from the washing line in {his} rear garden [overnight|while at work].");
            "Theft - Other"
        }
        (false, 0) => {
            t.add(&c, rng, "[IP|Victim] {p0} [left|chained] {his} [pedal cycle|mountain bike|e-scooter] [outside {shop}|at the railway station|in the communal hallway] [at {time}|] and when {he} returned [it had gone|the lock had been cut].");
            t.maybe(&c, rng, 0.5, &["Bike [frame number|serial] [recorded|not known]; [registered on BikeRegister|not registered]."]);
            "Theft of Pedal Cycle"
        }
        (false, 1) => {
            t.add(&c, rng, "[IP|Victim] {p0} reports {his} [mobile phone|purse|wallet] was taken from {his} [handbag|back pocket|table] while [at {shop}|on the bus|in a bar on {street}].");
            t.maybe(&c, rng, 0.5, &["{He} did not see who took it [but recalls being jostled by a group of youths|and only noticed when [he|she] went to pay|].", "[Cards cancelled|Bank informed]; [a contactless payment of {price} has since been made at {shop}|no transactions since]."]);
            "Theft from the Person"
        }
        (false, _) => {
            t.add(&c, rng, "[IP|Victim] {p0} reports that a parcel [delivered at {time}|left on the doorstep] has been taken from outside {his} address on {street}.");
            t.maybe(&c, rng, 0.6, &["Doorbell footage shows [a male in a hi-vis jacket|a female|two youths on bikes] taking it [minutes after delivery|at {time}]."]);
            "Theft - Other"
        }
    };
    t.maybe(&c, rng, 0.6, &["Item(s) valued at {value}.", "[Phone|Device] [blocked|IMEI recorded] and [tracking shows it near {street2}|tracking not enabled]."]);
    if suspect {
        t.one(&c, rng, &["{p1} has been [identified|named] as a suspect [from CCTV|by a colleague|by the IP] and will be interviewed."]);
    }
    t.one(&c, rng, VICTIM_CARE);
    t.one(&c, rng, FILED);
    (Source::Crime, offence, t)
}

fn vehicle(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let who = b.adult(rng);
    b.link(rng, who, LinkRole::Victim, 0);
    let reg = text::vrm(rng);
    b.objects.push((ObjKind::Vehicle, reg.clone()));
    let mut c = b.ctx(rng);
    c.reg = reg;
    let mut t = Text::new(rng, 600);
    if decoy || chance(rng, 0.04) {
        t.one(&c, rng, &[
            "[IP|Victim] {p0} parked {his} {car} [VRM|reg] {reg} in the car park at [Cannock Chase|Clent Hills|Kingsbury Water Park|Hartshill Hayes|Sandwell Valley|Lickey Hills] country park [at {time}|] and returned from a walk to find the [window smashed|passenger window broken] and [a handbag|a rucksack|a laptop] stolen.",
            "Theft from vehicle at the country park car park off {street}. [IP's|Victim's] {car} ({reg}) [window smashed|door forced] and [sat nav|handbag|dog lead and wallet] taken.",
        ]);
    } else {
        t.one(&c, rng, &[
            "[Overnight|Between {time} and {time2}] [unknown offenders|offenders] have [smashed the rear window of|forced the door of|gained entry to] the [IP's|victim's] {car} [VRM|reg] {reg} parked [on the street outside|on the drive of] {his} address on {street} and stolen [tools|a sat nav|loose change|a handbag|the catalytic converter].",
            "[IP|Victim] {p0} reports {his} {car} [VRM|reg] {reg} [was stolen from|has been taken from] [outside {his} home address|the drive] [overnight|between {time} and {time2}]; [keys are still in the IP's possession|believed to be a relay attack|keys taken in an earlier burglary].",
            "Catalytic converter cut from [IP's|the victim's] {car} ({reg}) while parked on {street}. [Neighbour heard a grinder at {time}|No witnesses].",
        ]);
    }
    t.maybe(
        &c,
        rng,
        0.5,
        &[
            "Vehicle [circulated on PNC as stolen|placed on ANPR hotlist].",
            "[No CCTV|CCTV requested from nearby premises].",
        ],
    );
    t.one(&c, rng, FILED);
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Theft from Motor Vehicle",
                "Theft of Motor Vehicle",
                "Interfering with a Motor Vehicle",
                "Theft from Motor Vehicle",
            ],
        ),
        t,
    )
}

fn damage(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let who = b.adult(rng);
    b.link(rng, who, LinkRole::Victim, 0);
    let suspect = chance(rng, 0.35) && {
        let s = if chance(rng, 0.3) {
            b.child(rng)
        } else {
            b.adult(rng)
        };
        b.link(rng, s, LinkRole::Suspect, 1)
    };
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 500);
    if decoy || chance(rng, 0.04) {
        t.one(&c, rng, &[
            "[IP|Victim] {p0} reports that {his} [neighbour|ex-partner|lodger] has [deliberately cut|cut] the phone line [to the property|outside the house] [following an argument|during a dispute about parking].",
            "Fire service [attended|called] to a small fire at [a flat|an address] on {street}; fire investigation found it started at [a plug socket|an overloaded plug socket] in the [kitchen|bedroom] and is accidental. [Recorded as damage for completeness|No offences].",
        ]);
    } else {
        t.one(&c, rng, &[
            "[Unknown offenders|Offender(s)|Youths] have [smashed|thrown a brick through] the [front window|living room window|windscreen of the IP's {car}] at [the IP's home address|an address] on {street}, {area} [at {time}|overnight].",
            "[IP|Victim] {p0} reports that {his} [fence|front door|car] has been [kicked in|scratched with a key|sprayed with graffiti|damaged] [overnight|at {time}].",
            "Damage to [a bus shelter|a council play area|the community centre windows|a shop shutter] on {street} [reported by {p0}|reported by a member of the public].",
        ]);
    }
    t.maybe(
        &c,
        rng,
        0.5,
        &[
            "Damage estimated at {value}.",
            "Cost of repair approx {value}.",
        ],
    );
    if suspect {
        t.one(&c, rng, &["{p1} [admitted the damage|was identified on CCTV|was seen by a neighbour] and [has agreed to pay for the damage - community resolution|will be interviewed|was arrested]."]);
    } else {
        t.one(&c, rng, FILED);
    }
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Criminal Damage - Dwelling",
                "Criminal Damage - Vehicle",
                "Criminal Damage - Other",
                "Arson Not Endangering Life",
            ],
        ),
        t,
    )
}

fn assault(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let young = chance(rng, 0.15);
    let v = if young { b.child(rng) } else { b.adult(rng) };
    b.link(rng, v, LinkRole::Victim, 0);
    let s = if young { b.child(rng) } else { b.adult(rng) };
    let suspect = chance(rng, 0.7) && b.link(rng, s, LinkRole::Suspect, 1);
    let witness = chance(rng, 0.3) && {
        let w = b.adult(rng);
        b.link(rng, w, LinkRole::Witness, 2)
    };
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 800);
    if young {
        t.one(&c, rng, &[
            "[IP|Victim] {n0} [({a0})|] was [assaulted|punched|pushed over and kicked] by {p1|another pupil} [at {school}|on the way home from {school}|at the bus stop outside {school}|in the park off {street}] [following a falling out over social media|after an argument in class|over a girlfriend|for no apparent reason].",
            "The [mother|father|parent] of {n0} [({a0})|] reports that the {boy0} was [attacked|assaulted] by [a group of youths|{p1|a youth} and friends] [at the skate park|in the park off {street}|outside {shop}] and [the video has been shared on Snapchat|had {his} phone damaged].",
        ]);
        if decoy || chance(rng, 0.2) {
            t.one(&c, rng, &["{p0} [denies any involvement with gangs|is not known to police] and [the school believe this is a friendship dispute|parents have no wider concerns]. No evidence of exploitation."]);
        }
        t.maybe(&c, rng, 0.8, &["Injuries: [bruising to the face|a cut lip|sore ribs|no visible injury].", "[School|The school] [have|has] [dealt with it internally|excluded the other pupil for a day|been informed]."]);
        if suspect {
            t.one(&c, rng, &["{n1} [({a1})|] [spoken to with parents|interviewed with an appropriate adult] - [admitted|denied]; [dealt with by way of a youth restorative disposal|community resolution with apology|no further action]."]);
        }
        return (
            Source::Crime,
            pick(rng, &["Common Assault", "Assault Occasioning ABH"]),
            t,
        );
    }
    if decoy || chance(rng, 0.05) {
        t.one(&c, rng, &[
            "[IP|Victim] {p0} was attending a [family|friend's] birthday party at [a function room|a pub|a house] on {street} when [an argument broke out|a fight started] [over a spilt drink|over a former relationship] and {he} was [punched in the face|pushed to the floor|hit with a glass].",
            "[At|Around] {time} [outside|in] [a nightclub|a pub|the kebab shop] on {street} [IP|victim] {p0} [was punched|was headbutted|was assaulted] by {p1|a male} following a [dispute|minor argument]. [IP|Victim] denies any involvement with gangs and believes this was random.",
        ]);
    } else {
        t.one(&c, rng, &[
            "[At|Around] {time} [IP|victim] {p0} was [walking along|standing outside {shop} on|waiting for a bus on] {street} when {he} was [approached|confronted] by [a male|{p1|a male}|two males] [who punched {him} in the face|who pushed {him} to the ground|who kicked {him} repeatedly].",
            "[IP|Victim] {p0} reports that [during an argument|following a dispute] [over parking|over a debt|at work|in a pub on {street}] {he} was [punched|slapped|headbutted|struck with a bottle] by {p1|an unknown male}.",
            "[Fight|Disorder] [outside|in] [a pub|a nightclub|a takeaway] on {street} at {time}. [IP|Victim] {p0} [sustained|suffered] [a cut above the eye|a broken nose|bruising to the face|a suspected broken jaw].",
        ]);
    }
    t.maybe(&c, rng, 0.7, &[
        "Injuries: [bruising and swelling to the left eye|a laceration requiring stitches|redness to the cheek|a chipped tooth|no visible injury].",
        "[Ambulance attended|IP attended A&E] [and was discharged|- treated for a minor head injury|].",
    ]);
    let n = rng.gen_range(1..=2);
    t.several(&c, rng, n, &[
        "[BWV|Body worn video] [captured|shows] [the aftermath|the IP's injuries|the suspect's admissions].",
        "[Statement obtained from the IP|IP provided a statement|IP did not want to provide a statement].",
        "[CCTV from the premises|Town centre CCTV] [requested|seized|shows the incident].",
    ]);
    if witness {
        t.add(&c, rng, "[Witness|Independent witness] {p2} [provided a statement|saw the incident|gave a first account on BWV].");
    }
    if suspect {
        t.one(&c, rng, &[
            "{p1} [arrested and interviewed|was arrested at the scene|attended a voluntary interview] - [admitted|denied the assault|claimed self defence|made no comment].",
            "{p1} [is known to the IP|is the IP's neighbour|was not located] and [will be interviewed|has been circulated|has been arrested].",
        ]);
    }
    t.one(
        &c,
        rng,
        &[
            "[Outcome: |]charged to court.",
            "[Outcome: |]community resolution.",
            "Victim does not support [a prosecution|police action]; filed.",
            "[CPS advice|Charging decision] to be sought.",
            "Enquiries ongoing.",
        ],
    );
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Common Assault",
                "Assault Occasioning ABH",
                "Common Assault",
                "GBH - s20",
                "Assault Occasioning ABH",
                "Wounding with Intent - s18",
            ],
        ),
        t,
    )
}

fn domestic(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let (vs, ss) = if chance(rng, 0.75) {
        (Sex::F, Sex::M)
    } else {
        (Sex::M, Sex::F)
    };
    let who = b.adult_of(rng, vs);
    b.link(rng, who, LinkRole::Victim, 0);
    let sus = b.adult_of(rng, ss);
    b.link(rng, sus, LinkRole::Suspect, 1);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 900);
    t.one(&c, rng, &[
        "[Call from|999 call from] {p0} [stating|reporting] that {his} [partner|ex-partner|husband|boyfriend] {p1} [has assaulted {him}|is shouting and smashing items|will not leave the address|has turned up at the address drunk].",
        "Domestic incident at {street}, {area}. [Verbal argument|Argument|Dispute] between {p0} and {his} [partner|ex-partner|husband] {p1} [over money|over contact with the children|after a night out|regarding a new relationship].",
        "[Officers|Patrol] attended at {time} following a [neighbour's|third party] call reporting [screaming|shouting and banging] at an address on {street}.",
    ]);
    if decoy || chance(rng, 0.03) {
        t.add(&c, rng, "{n0} ([aged|] {a0}) has been with {his} older boyfriend {p1} for [three|five|several] years; {he} states the relationship has become controlling since he [lost his job|started drinking heavily].");
    }
    t.maybe(&c, rng, 0.8, &[
        "{p0} [states|stated] that {p1} [grabbed {him} by the throat|pushed {him} against the wall|slapped {him}|took {his} phone so {he} could not call police|threatened to kill {him}].",
        "{p0} has [redness to the neck|a bruise to the arm|no visible injuries] and [is|was] [very distressed|calm|reluctant to engage].",
    ]);
    t.maybe(&c, rng, 0.7, &[
        "DASH [completed|risk assessment completed] - [standard|medium|high] risk. [Referral to IDVA|MARAC referral|Referral to the DA team].",
        "[Children|Two children|A child] present at the address; [Operation Encompass|Children's Services] [notification|referral] completed.",
        "[Previous DA history between the couple|No previous DA history|Multiple previous incidents between the couple].",
    ]);
    t.maybe(&c, rng, 0.6, &["BWV recorded [throughout|on arrival]."]);
    t.one(&c, rng, &[
        "{p1} arrested for [assault|common assault|ABH|criminal damage] and conveyed to custody.",
        "{p1} had left prior to police arrival; [circulated|to be arrested when located].",
        "[Both parties|Parties] [separated for the night|advised]; [no offences disclosed|non-crime domestic incident recorded].",
        "{p0} [declined to support|did not support] a prosecution; evidence led prosecution [considered|not possible].",
    ]);
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Domestic Incident - Non Crime",
                "Assault Occasioning ABH - Domestic",
                "Common Assault - Domestic",
                "Controlling or Coercive Behaviour",
                "Domestic Incident - Non Crime",
            ],
        ),
        t,
    )
}

fn public_order(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let s = b.adult(rng);
    b.link(rng, s, LinkRole::Suspect, 0);
    if chance(rng, 0.6) {
        let v = b.adult(rng);
        b.link(rng, v, LinkRole::Victim, 1);
    }
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 400);
    t.one(&c, rng, &[
        "{p0} [was shouting and swearing|became abusive|was threatening] [at staff in {shop}|in the street on {street}|at bar staff|towards door staff] [at {time}|] [after being refused service|after being asked to leave|while heavily intoxicated].",
        "[Disturbance|Altercation] [on {street}|outside {shop}]; {p0} [threatened|squared up to] {p1|a member of the public} [causing|in a manner to cause] [harassment, alarm or distress|fear of violence].",
    ]);
    t.maybe(&c, rng, 0.6, &["[Warned|Given words of advice] but continued; arrested [for s5 public order|for s4A public order|for drunk and disorderly].", "[BWV|CCTV] [captured|recorded] the incident."]);
    t.one(&c, rng, &["[Fixed penalty notice issued|Charged|Community resolution|Released with no further action]."]);
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Public Order - Section 4A",
                "Public Order - Section 5",
                "Public Order - Section 4",
                "Drunk and Disorderly",
            ],
        ),
        t,
    )
}

fn asb(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let r = b.adult(rng);
    b.link(rng, r, LinkRole::Reporter, 0);
    if chance(rng, 0.4) {
        let s = if chance(rng, 0.5) {
            b.child(rng)
        } else {
            b.adult(rng)
        };
        b.link(rng, s, LinkRole::Subject, 1);
    }
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 450);
    if decoy || chance(rng, 0.05) {
        t.one(&c, rng, &[
            "[Noise complaint|Complaint] from {p0} about a [loud|late] birthday party at [a neighbouring address|number {n}] on {street} [going on past {time}|with music until the early hours]. [Words of advice given to the host|Party had finished on arrival].",
            "[Youths|Group of youths] riding [off-road bikes|quad bikes|e-scooters] [dangerously|on the footpaths] in the country park off {street} [most evenings|at weekends]. [Reported by {p0}|Regular complaints].",
        ]);
    } else {
        t.one(&c, rng, &[
            "[Group of youths|Youths|A group of [5|6|8|10] youths] [congregating|gathering] [outside {shop}|at the play area on {street}|in the alleyway behind {street}] [shouting|throwing stones|smoking cannabis|kicking a ball against cars] [at {time}|most evenings].",
            "[Neighbour dispute|Ongoing neighbour dispute] on {street}: {p0} reports [loud music|parking across the drive|dog fouling|rubbish in the garden] from [the neighbours|number {n}].",
            "[Report of|Complaint about] [an abandoned vehicle|fly-tipping|drinking in the street|begging] on {street}, {area}.",
        ]);
    }
    t.maybe(&c, rng, 0.5, &["[Patrol|PCSO] attended [and moved the group on|- no trace|and spoke to those involved].", "[Passed to the council ASB team|Warning letter to be issued|Community Protection Warning considered].", "[Patrol plan|Hotspot patrols] [in place|requested] by {pcso}."]);
    (
        Source::Crime,
        pick(
            rng,
            &[
                "ASB - Nuisance",
                "ASB - Personal",
                "ASB - Environmental",
                "ASB - Nuisance",
            ],
        ),
        t,
    )
}

fn fraud(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let old = chance(rng, 0.4);
    let v = if old {
        b.w.elderly(rng, b.force)
    } else {
        b.adult(rng)
    };
    b.link(rng, v, LinkRole::Victim, 0);
    if chance(rng, 0.3) {
        b.objects.push((ObjKind::Phone, text::other_number(rng)));
    }
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 800);
    if decoy || chance(rng, 0.05) {
        t.one(&c, rng, &[
            "[IP|Victim] {p0} received a call on {his} [landline|phone line] from a male claiming to be from [the bank's fraud department|BT|the police] who [persuaded|convinced] {him} to transfer {debt} to a 'safe account'.",
            "Romance fraud. [IP|Victim] {p0} met a male [online|on a dating site|on Facebook] calling himself ['David'|'Mark'|'James'] who [claimed to be working on an oil rig|said he was a soldier abroad]; over [several months|six weeks] {he} sent [him|] gifts and money totalling {debt}.",
            "[IP|Victim] {p0} [bought|ordered] gifts online for [a family birthday|Christmas] from [a website|a social media seller] that [never arrived|turned out to be fake]; loss {value}.",
        ]);
    } else {
        t.one(&c, rng, &[
            "[IP|Victim] {p0} [received a text|received an email] [claiming to be from Royal Mail|claiming to be from HMRC|about an unpaid parcel fee] and [entered|gave] {his} bank details; [{value}|{debt}] [was taken|was then taken] from {his} account.",
            "[IP|Victim] {p0} [paid|transferred] {value} [for a car|for a puppy|for concert tickets|for a PlayStation] advertised on [Facebook Marketplace|Gumtree|social media] which [never arrived|did not exist].",
            "[Courier fraud|Bank impersonation fraud]: [IP|victim] {p0} was [told|persuaded] to [withdraw {debt} and hand it to a courier|buy gift cards] [by a caller claiming to be a police officer|by someone claiming to be from the bank].",
        ]);
    }
    t.maybe(&c, rng, 0.7, &["[Action Fraud reference obtained|Report passed to Action Fraud|Bank informed and account frozen].", "[Bank|The bank] [has refunded|is investigating|will not refund] the loss."]);
    if old {
        t.maybe(&c, rng, 0.6, &["[IP|Victim] [is elderly and lives alone|lives alone and is hard of hearing|has early-stage dementia]; [Economic Crime Unit|Protect officer] [referral|visit] completed."]);
    } else {
        t.maybe(&c, rng, 0.3, &["[IP|Victim] [was kept on the phone for over an hour|was told not to tell the bank staff|was embarrassed to report it]; [Protect officer|Economic Crime Unit] advice given."]);
    }
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Fraud by False Representation",
                "Romance Fraud",
                "Courier Fraud",
                "Fraud by False Representation",
                "Online Shopping Fraud",
            ],
        ),
        t,
    )
}

fn harassment(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let who = b.adult(rng);
    b.link(rng, who, LinkRole::Victim, 0);
    let s = b.adult(rng);
    b.link(rng, s, LinkRole::Suspect, 1);
    if chance(rng, 0.4) {
        b.objects.push((ObjKind::Phone, text::other_number(rng)));
    }
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 600);
    t.one(&c, rng, &[
        "[IP|Victim] {p0} reports that {his} ex-partner {p1} [has been sending abusive messages|keeps turning up at {his} workplace|has created fake social media accounts to contact {him}] [since they separated|for the past [two|three] weeks].",
        "[IP|Victim] {p0} has received [{n}|numerous|over 50] [abusive|threatening] [messages|calls|voicemails] from {p1} [regarding a debt|after a falling out|about a business dispute].",
    ]);
    if decoy || chance(rng, 0.04) {
        t.add(&c, rng, "The parties are [currently in|involved in] [a dispute at the County Court|County Court proceedings] [over a boundary wall|about unpaid rent|about child contact] and the messages refer to this.");
    }
    t.maybe(
        &c,
        rng,
        0.6,
        &[
            "[Screenshots obtained|Messages screenshotted and exhibited|Call log reviewed].",
            "[PIN notice considered|Harassment warning|Words of advice given to suspect].",
        ],
    );
    t.one(
        &c,
        rng,
        &[
            "{p1} to be interviewed.",
            "{p1} arrested and charged.",
            "[IP|Victim] does not wish to pursue; [words of advice given|filed].",
        ],
    );
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Harassment",
                "Malicious Communications",
                "Stalking",
                "Harassment",
            ],
        ),
        t,
    )
}

fn possession(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let young = chance(rng, 0.2);
    let s = if young { b.child(rng) } else { b.adult(rng) };
    b.link(rng, s, LinkRole::Suspect, 0);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 500);
    if young {
        t.one(&c, rng, &[
            "[School staff at {school}|A teacher] found {p0} in possession of a small amount of cannabis [in {his} bag|in the toilets]. {He} said {he} [bought it from a friend|found it]. Dealt with by way of [community resolution|youth restorative disposal] and [parents informed|referral to the young people's drug service]. No safeguarding concerns identified.",
            "{n0} [({a0})|] stopped in the park on {street} with friends; [small bag of cannabis|a cannabis joint] found. [Parents|Mother] collected {him}. [Outcome 22 - referral to youth diversion|Words of advice].",
        ]);
    } else {
        t.one(&c, rng, &[
            "{p0} [stopped and searched|searched] [on {street}|in a vehicle on {street}|outside {shop}] [at {time}|] [due to a strong smell of cannabis|after being seen smoking|following information from a member of the public].",
            "[During a search of|Officers attending] [an address on {street}|a vehicle] [for an unrelated matter|] [found|recovered] [a small amount of cannabis|a grinder and cannabis|a wrap of cocaine|two ecstasy tablets] [belonging to {p0}|in {n0}'s possession].",
        ]);
        t.add(&c, rng, "[Found in possession of|Recovered:] [a small bag of cannabis (approx [2|3|5] g)|[1|2] wrap(s) of suspected cocaine|a cannabis joint|a small quantity of ketamine] [consistent with personal use|which {he} admitted was for personal use].");
        t.one(&c, rng, &["[Cannabis warning issued|Community resolution|Drug Diversion scheme referral|Reported for summons|Charged - possession]."]);
    }
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Possession of Controlled Drug - Class B",
                "Possession of Controlled Drug - Class A",
                "Possession of Controlled Drug - Class B",
                "Stop and Search",
            ],
        ),
        t,
    )
}

/// An adult dealer arrested the same way exploited children are: identical wording, label none.
fn supply(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let s = b.adult(rng);
    b.link(rng, s, LinkRole::Suspect, 0);
    b.objects.push((ObjKind::Phone, text::other_number(rng)));
    let c = b.ctx(rng);
    let text = supply_arrest_text(&c, rng, false);
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Possession with Intent to Supply - Class A",
                "Possession with Intent to Supply - Class B",
                "PWITS Class A",
            ],
        ),
        text,
    )
}

fn traffic(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let d = b.adult(rng);
    b.link(rng, d, LinkRole::Suspect, 0);
    let reg = text::vrm(rng);
    b.objects.push((ObjKind::Vehicle, reg.clone()));
    let mut c = b.ctx(rng);
    c.reg = reg;
    let mut t = Text::new(rng, 500);
    let offence = match rng.gen_range(0..4) {
        0 => {
            t.add(&c, rng, "{car} [VRM|reg] {reg} stopped on {street} at {time} [as it was swerving|after leaving a pub car park|for a defective light]. Driver {p0} [smelt of intoxicants|failed a roadside breath test|provided a positive roadside test] ([{n}6|4{n}|6{n}] mcg).");
            t.add(&c, rng, "[Arrested for drink driving|Arrested and conveyed to custody]; evidential [reading|breath test] [6{n}|5{n}|4{n}] mcg. [Charged and bailed to court|Charged].");
            "Drink Driving"
        }
        1 => {
            t.add(&c, rng, "Road traffic collision at the junction of {street} and {street2} at {time}. [{car} ({reg}) driven by {p0}|Vehicle {reg}, driver {p0},] [collided with|rear-ended|pulled out in front of] [a parked car|a cyclist|another vehicle].");
            t.add(&c, rng, "[No injuries|Minor injuries, not requiring hospital|Passenger taken to hospital with whiplash]. [Details exchanged|Vehicle recovered|Driver reported for careless driving].");
            "Road Traffic Collision"
        }
        2 => {
            t.add(&c, rng, "ANPR [activation|hit] on {car} [VRM|reg] {reg} [for no insurance|for no MOT|as owner disqualified]. Stopped on {street}; driver {p0} [confirmed no insurance|is disqualified|had no licence].");
            t.add(&c, rng, "[Vehicle seized under s165|Reported for summons|Arrested for driving whilst disqualified].");
            "Driving Without Insurance"
        }
        _ => {
            t.add(&c, rng, "Failing to stop: {car} ({reg}) [made off from officers|failed to stop for police] on {street} at {time}; [pursuit not authorised|lost sight|vehicle later found abandoned on {street2}]. Registered keeper {p0} [to be interviewed|denies being the driver].");
            "Failing to Stop"
        }
    };
    (Source::Crime, offence, t)
}

fn robbery(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let young = chance(rng, 0.35);
    let v = if young { b.child(rng) } else { b.adult(rng) };
    b.link(rng, v, LinkRole::Victim, 0);
    let suspect = chance(rng, 0.35) && {
        let s = if young { b.child(rng) } else { b.adult(rng) };
        b.link(rng, s, LinkRole::Suspect, 1)
    };
    if chance(rng, 0.3) {
        b.objects.push((ObjKind::Phone, text::other_number(rng)));
    }
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 700);
    t.one(&c, rng, &[
        "[IP|Victim] {p0} was walking [home|along {street}|through the park off {street}] at {time} when {he} was approached by [two|three] [males|youths] [wearing face coverings|in dark clothing] who [demanded|took] {his} [phone|bag|bike|wallet] [and threatened {him} with a knife|after pushing {him} to the ground|and punched {him}].",
        "Street robbery on {street}: [IP|victim] {p0} [had|reports] {his} [mobile phone|AirPods|jacket|cash] [snatched|taken by force] by [a male on a bike|a group of youths|two males].",
    ]);
    t.maybe(&c, rng, 0.6, &["[Area search conducted with negative result|Area search - no trace|Dog unit deployed, no trace].", "[CCTV trawl|Bus CCTV] requested.", "[Phone tracking shows the device at {street2}|IMEI circulated]."]);
    if suspect {
        t.one(
            &c,
            rng,
            &["{p1} identified [from CCTV|by the IP] and [arrested|to be arrested]."],
        );
    }
    t.one(&c, rng, FILED);
    (
        Source::Crime,
        pick(rng, &["Robbery - Personal", "Robbery of Personal Property"]),
        t,
    )
}

fn weapon(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let s = b.adult(rng);
    b.link(rng, s, LinkRole::Suspect, 0);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 400);
    t.add(&c, rng, "{p0} [stopped and searched|searched] [on {street}|in the town centre|outside {shop}] [at {time}|] [following reports of a male with a knife|under s1 PACE|under s60] and found [in possession of|to have] [a lock knife|a kitchen knife|a knuckle duster|a machete in {his} waistband].");
    t.add(&c, rng, "{He} stated [it was for work|it was for protection|he had forgotten it was there]. [Arrested|Arrested for possession of a bladed article]; [charged|released under investigation|cautioned].");
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Possession of Bladed Article",
                "Possession of Offensive Weapon",
            ],
        ),
        t,
    )
}

fn sexual_adult(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let who = b.adult_of(rng, Sex::F);
    b.link(rng, who, LinkRole::Victim, 0);
    let suspect = chance(rng, 0.5) && {
        let s = b.adult(rng);
        b.link(rng, s, LinkRole::Suspect, 1)
    };
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 600);
    t.one(&c, rng, &[
        "[IP|Victim] {p0} reports that [while in a nightclub on {street}|on a crowded bus|at a work social event] [an unknown male|a male] [touched {his} bottom|groped {him}|touched {him} over {his} clothing] [without consent|and laughed when challenged].",
        "[IP|Victim] {p0} reports [indecent exposure|a male exposing himself] [on the canal towpath|in the park off {street}] at {time}.",
    ]);
    t.maybe(
        &c,
        rng,
        0.6,
        &[
            "[CCTV requested|Description circulated|Statement obtained].",
            "[IP|Victim] [given details of support services|referred to ISVA].",
        ],
    );
    if suspect {
        t.one(
            &c,
            rng,
            &["{p1} [identified|named by a witness] and [interviewed - denies|to be interviewed]."],
        );
    } else {
        t.one(&c, rng, FILED);
    }
    (
        Source::Crime,
        pick(
            rng,
            &["Sexual Assault on a Female Aged 13 and Over", "Exposure"],
        ),
        t,
    )
}

fn elder_abuse(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let v = b.w.elderly(rng, b.force).or_else(|| b.adult(rng));
    b.link(rng, v, LinkRole::Victim, 0);
    let s = b.adult(rng);
    b.link(rng, s, LinkRole::Suspect, 1);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 600);
    t.add(&c, rng, "[Adult Social Care|The bank|A care worker] [report|reports|raised] concerns of financial exploitation of {n0} ([aged|] {a0}), who [has dementia|lives alone|has carers four times a day], by {his} [grandson|nephew|neighbour|lodger] {p1}.");
    t.add(&c, rng, "{p1} [is believed to have used|has been using] {n0}'s bank card to withdraw [{debt}|over {debt}] [over several months|since January].");
    t.maybe(
        &c,
        rng,
        0.6,
        &[
            "[Adult safeguarding referral|Section 42 enquiry] [in place|opened].",
            "[Bank statements requested|Production order to be applied for].",
        ],
    );
    (
        Source::Crime,
        pick(rng, &["Fraud by Abuse of Position", "Theft - Other"]),
        t,
    )
}

/// Sexual abuse of a child inside the family or between peers: serious, recorded with the same offence titles
/// as exploitation, but not organised exploitation, so labelled `none`. It keeps offence titles from giving the
/// label away.
fn child_abuse(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let v = b.child(rng);
    b.link(rng, v, LinkRole::Victim, 0);
    let peer = chance(rng, 0.4);
    let s = if peer { b.child(rng) } else { b.adult(rng) };
    b.link(rng, s, LinkRole::Suspect, 1);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 600);
    let offence = if peer {
        t.add(&c, rng, "[School|The DSL at {school}] [report|reports] that an [indecent|intimate] image of {n0} ({a0}) [has been shared around|was circulated among pupils at] {school} after {he} sent it to {p1|a pupil in the same year}[ when they were in a relationship|].");
        t.maybe(
            &c,
            rng,
            0.7,
            &[
                "[Devices|Phones] of the pupils involved [seized|checked]; images deleted.",
                "[Both|All] children [spoken to with parents|given education input by the school].",
            ],
        );
        t.one(&c, rng, &["Outcome 21 - not in the public interest to prosecute; [school managing|education provided].", "Referral to Children's Services for both children; no further police action."]);
        pick(
            rng,
            &[
                "Indecent Images of Children",
                "Sharing Sexual Images - Under 18",
            ],
        )
    } else {
        t.add(&c, rng, "{n0} ({a0}) disclosed to [a teacher|{his} mother|a school nurse|{his} social worker] that {p1|a family member}[, {his} [step-father|mother's partner|uncle],|] [had touched {him} inappropriately|had been coming into {his} room at night|had sexually assaulted {him}] [over the past year|when {he} was younger|on several occasions].");
        t.maybe(&c, rng, 0.8, &["[Strategy meeting held|Joint investigation with Children's Services|Section 47 enquiry opened]; [ABE interview arranged|ABE interview completed|{he} did not want to be interviewed].", "Safety plan: {p1|the suspect} [to leave the family home|bailed not to contact the child|not to have unsupervised contact]."]);
        t.maybe(&c, rng, 0.6, &["{p1|The suspect} [arrested and interviewed - denies|to be arrested|interviewed - no comment]; [released under investigation|file to CPS]."]);
        pick(
            rng,
            &[
                "Sexual Assault on a Child Under 13",
                "Sexual Activity with a Child",
                "Sexual Activity with a Child Family Member",
                "Sexual Assault on a Female Aged 13 and Over",
            ],
        )
    };
    (Source::Crime, offence, t)
}

/// The return interview every missing child is offered, here after an ordinary episode: same vocabulary as
/// the interviews of exploited children (missing, RHI, friends, phone), no exploitation.
fn return_interview(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let child = b.child(rng);
    b.link(rng, child, LinkRole::Subject, 0);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 450);
    t.add(&c, rng, "[Return home interview|RHI|Return interview] [completed|conducted] with {n0} [({a0})|] by [the missing team|Children's Services|a Barnardo's worker|the school nurse].");
    t.one(&c, rng, &[
        "{He} said {he} [stayed at a friend's house|went to {his} dad's|slept at {his} nan's] after [an argument with {his} mum about {his} phone|being grounded|a falling out over chores] and [switched {his} phone off|did not think anyone would worry].",
        "{He} said {he} [was at the cinema|was at the park with friends from school|was at a sleepover] and [lost track of time|{his} phone died].",
        "{He} [was embarrassed|apologised] and said {he} [was upset about exams|misses {his} old school|has been falling out with friends].",
    ]);
    t.maybe(&c, rng, 0.6, &["{He} [agreed to|will] [keep {his} phone charged|tell {his} parents where {he} is going|speak to the school counsellor]."]);
    if decoy || chance(rng, 0.5) {
        t.one(
            &c,
            rng,
            &[
                "No concerns of exploitation identified.",
                "No concerns about CSE or county lines; no older associates.",
                "No evidence of exploitation; no further action.",
            ],
        );
    }
    (
        Source::Intelligence,
        pick(
            rng,
            &[
                "Return Home Interview",
                "Missing Person",
                "Safeguarding",
                "Return Home Interview",
                "Missing Person",
                "Safeguarding",
                "Child Exploitation",
            ],
        ),
        t,
    )
}

/// Welfare checks on adults: the everyday counterpart of a cuckooing report (a vulnerable person, a flat,
/// visitors), with an innocent explanation.
fn adult_welfare(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let v = if chance(rng, 0.4) {
        b.w.elderly(rng, b.force)
    } else {
        b.adult(rng)
    };
    b.link(rng, v, LinkRole::Subject, 0);
    let r = b.adult(rng);
    b.link(rng, r, LinkRole::Reporter, 1);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 500);
    t.add(&c, rng, "Concern for welfare: [a neighbour|{his} daughter|{his} GP surgery|a housing officer|{p1|a neighbour}] [reports|is concerned] that {n0} ({a0}) [has not been seen for several days|is not answering the door|sounded confused on the phone|has not collected {his} prescription|has had a lot of visitors recently].");
    t.one(&c, rng, &[
        "Officers attended {street}, {town} at {time} [and forced entry|and gained entry with a key from a neighbour|and spoke to {him} through the letterbox]; {n0} was [found safe and well|found on the floor after a fall and taken to hospital|intoxicated but safe|in a low mood but safe].",
        "Officers attended at {time}. The visitors are [carers from an agency|{his} grandchildren|the district nurse and a support worker] and {n0} was [safe and well|happy with the arrangement]. No concerns of anyone else staying at the address.",
        "{n0} [was located at {his} sister's address|had been in hospital since {day}|had gone away for a few days without telling anyone] and is safe and well.",
    ]);
    t.maybe(&c, rng, 0.6, &["[Referral to Adult Social Care|Adult safeguarding referral submitted|GP and mental health team informed|No further police action]."]);
    (
        Source::Crime,
        pick(
            rng,
            &[
                "Concern for Welfare",
                "Concern for Welfare",
                "Vulnerable Adult",
                "Adult Safeguarding",
            ],
        ),
        t,
    )
}

fn intel(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let s = b.adult(rng);
    b.link(rng, s, LinkRole::Subject, 0);
    if chance(rng, 0.25) {
        let a = b.adult(rng);
        b.link(rng, a, LinkRole::Associate, 1);
    }
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 450);
    let offence = match rng.gen_range(0..11) {
        0 | 1 => {
            t.add(&c, rng, "[It is believed that|Intelligence suggests that|Information received that] {p0} [is dealing|is selling|is supplying] [cannabis|cocaine|cannabis and cocaine] [from {his} home address on {street}|from {his} car|to friends and work colleagues|in pubs in {town} at weekends].");
            t.maybe(&c, rng, 0.6, &["{He} [is believed to|is said to] [buy|get] [a few ounces at a time|his supply] from [a male in {town}|contacts in {area}].", "[Users|Visitors] [call at the address|attend] [in the evenings|at weekends] and stay for a few minutes."]);
            if decoy || chance(rng, 0.05) {
                t.add(&c, rng, "Officer comment: [there are no concerns about county lines|no indication of county lines activity|no children or vulnerable people are believed to be involved]; appears to be [social supply|local supply between adults].");
            }
            // Officers sometimes file local adult dealing under the county lines category.
            if chance(rng, 0.04) {
                "County Lines"
            } else {
                "Drugs - Supply"
            }
        }
        2 => {
            t.add(&c, rng, "{p0} is [believed to be|suspected of] [growing cannabis|running a cannabis grow] at [an address on {street}|a rented house in {area}|a unit on the industrial estate]; [strong smell reported by neighbours|windows always covered|electricity bypass suspected].");
            "Drugs - Cultivation"
        }
        3 => {
            t.add(&c, rng, "{p0} is [selling|handling] [stolen power tools|stolen bikes|shoplifted meat and alcohol|stolen catalytic converters] [from {his} garage|through Facebook Marketplace|in pubs on {street}].");
            if chance(rng, 0.2) {
                "Organised Crime"
            } else {
                "Acquisitive Crime"
            }
        }
        4 => {
            t.add(&c, rng, "{car} [VRM|reg] {vrm} [is believed to be used by {p0}|is linked to {p0} and is believed to be used] [in burglaries in the {area} area|on false plates|for fuel thefts (drive-offs)|without insurance].");
            pick(rng, &["Vehicle", "Vehicle", "Stop/Check"])
        }
        5 => {
            t.add(&c, rng, "{p0} [is believed to carry|has been seen with|boasts about having] a [knife|lock knife|machete] [when out in {town}|in {his} car] [following a dispute with|since falling out with] [a neighbour|former friends].");
            if chance(rng, 0.15) {
                // Shotguns and air weapons turn up in ordinary intelligence as well as in network reporting.
                t.add(&c, rng, "{He} is also [believed|said] to keep a [shotgun|air rifle|deactivated pistol that may have been reactivated] [at {his} home address|in a lock-up on {street2}].");
                b.objects.push((
                    ObjKind::Firearm,
                    pick(
                        rng,
                        &[
                            "Shotgun, make unknown",
                            "Air rifle",
                            "Pistol (possibly reactivated)",
                        ],
                    )
                    .to_string(),
                ));
                "Firearms"
            } else {
                "Weapons"
            }
        }
        6 => {
            t.add(&c, rng, "{p0} [has a new partner|has moved in with a new partner] [at an address on {street}|in {area}]; [previous DA perpetrator|history of domestic abuse against previous partners]. [Clare's Law disclosure to be considered|Information shared with the DA team].");
            pick(
                rng,
                &["Domestic Abuse", "Domestic Abuse", "Public Protection"],
            )
        }
        7 => {
            t.add(&c, rng, "{p0} [is believed to be responsible for|is linked to] [a spate of|recent] [burglaries|thefts from vehicles|shed breaks] in [{area}|the {area} area] and [is seen out late at night|has been selling [tools|bikes]].");
            "Acquisitive Crime"
        }
        8 => {
            t.add(&c, rng, "{p0} is [believed to be [running|involved in]|suspected of [running|being involved in]] [a benefit fraud|a fake invoice scam|selling counterfeit goods|unlicensed money lending] [from an address on {street}|online].");
            "Fraud"
        }
        9 => {
            t.add(&c, rng, "[Football|Risk] supporter {p0} [is expected to|is believed to be planning to] [travel to the away fixture|attend the derby] and [is|was] involved in [previous disorder|disorder last season].");
            "Public Order"
        }
        _ => {
            t.add(&c, rng, "{p0} [is driving|drives] [a {car}|vehicles] [while disqualified|without insurance] [in the {area} area|to and from work] [most days|daily].");
            "Vehicle"
        }
    };
    t.maybe(&c, rng, 0.7, &[
        "{He} is [often|regularly|usually] seen [in company with {p1|known local criminals}|at {street2}|in the {area} area|at the bookmakers on {street2}] [in the evenings|during the day|at weekends].",
        "{He} [drives|has use of] a {car} [VRM {vrm}|which is often parked on {street2}|registered to a relative].",
        "{He} [lives with|is living with] [{his} partner and two children|{his} mother|a friend] at an address on {street}.",
        "[Information|This] [comes from|was passed on by] [a neighbour|a local shopkeeper|a family member who does not want to be identified|a housing officer].",
    ]);
    t.maybe(&c, rng, 0.4, &[
        "{He} [is|was] [currently on bail|subject to a suspended sentence|on licence] for [an unrelated matter|theft|a driving offence].",
        "{He} [works|is employed] as a [delivery driver|scaffolder|warehouse operative|chef] and [is believed to|may] [use work premises for this|do this around shifts].",
        "Previous intelligence [on|about] {him} [is similar|dates back to {date}|is limited].",
    ]);
    if decoy && !t.buf.contains("county lines") && !t.buf.contains("no children") {
        t.add(&c, rng, "[No evidence of exploitation.|There is no evidence of exploitation or of any gang involvement.|No safeguarding concerns identified.]");
    }
    t.one(
        &c,
        rng,
        &[
            "Grading: B/2/P.",
            "Graded C3.",
            "3x5x2: C / 3 / P",
            "Grading: B/3/P",
            "5x5x5: C34",
            "",
        ],
    );
    (Source::Intelligence, offence, t)
}

/// Child welfare information shared through the MASH: the ordinary business of safeguarding, with the words
/// "concerns", "school", "referral" and sometimes "exploitation" (negated) but no exploitation.
fn welfare(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let child = b.child(rng);
    b.link(rng, child, LinkRole::Subject, 0);
    let parent = b.adult(rng);
    b.link(rng, parent, LinkRole::Associate, 1);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 450);
    t.one(&c, rng, &[
        "[School|The DSL at {school}|A teacher at {school}] [report|reports] that {n0} ({a0}) has been [arriving hungry|wearing the same clothes for days|very anxious|falling asleep in class] and [{his} parents are separating|{his} mother has been unwell|the family were recently evicted].",
        "[Health visitor|School nurse|Early Help worker] [reports|raised] concerns [about|regarding] {n0} ({a0}): [poor attendance|head lice and dental neglect|caring for a younger sibling|low mood and self harm].",
        "[Neighbour|Anonymous caller] [concerned about|reported] [children left alone|shouting and a child crying|the state of the garden and children out late] at an address on {street} where {n0} lives with {p1|a parent}.",
    ]);
    t.maybe(&c, rng, 0.6, &[
        "[Referral to Early Help|MASH referral completed|Information shared with Children's Services|School to monitor].",
        "[Home visit|Welfare visit] by {pc}: [house clean and tidy, children well presented|parent engaged well|no one home, card left].",
    ]);
    if decoy || chance(rng, 0.5) {
        t.one(
            &c,
            rng,
            &[
                "No concerns of exploitation.",
                "There is no evidence of exploitation; this is a family support matter.",
                "No concerns about CSE, CCE or county lines identified.",
                "[He|She|{He}] is not believed to be at risk outside the home.",
            ],
        );
    }
    (
        Source::Intelligence,
        pick(
            rng,
            &[
                "Safeguarding",
                "Partner Agency Information",
                "Child Concern",
                "Safeguarding",
                "Partner Agency Information",
                "Child Concern",
                "Child Exploitation",
            ],
        ),
        t,
    )
}

fn missing_adult(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let elderly = chance(rng, 0.3);
    let m = if elderly {
        b.w.elderly(rng, b.force)
    } else {
        b.adult(rng)
    };
    b.link(rng, m, LinkRole::MissingPerson, 0);
    let r = b.adult(rng);
    b.link(rng, r, LinkRole::Reporter, 1);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 650);
    if elderly {
        t.add(&c, rng, "[MISPER|Missing person] {n0} [aged {a0}|({a0})] [has dementia|suffers from Alzheimer's|is in the early stages of dementia] and [left {his} home address|walked out of {his} care home] [at {time}|this afternoon] [wearing [slippers|a dressing gown|a blue coat]|]. Reported by {his} [son|daughter|carer] {p1}.");
        t.maybe(&c, rng, 0.6, &["{He} [has gone missing before and was found|often walks towards] [at the bus station|near {his} old house on {street2}|at the church]."]);
        t.one(&c, rng, &["Risk [HIGH|high] due to age and [cold weather|medical needs|vulnerability]. [Drone and dog unit deployed.|Search of the local area commenced.|]"]);
        t.para(&c, rng, &["[Found|Located] [safe and well|cold but unharmed|confused] [on {street2}|in a neighbour's garden|at the bus station] at {time} and returned home.", "[Found|Located] [by a member of the public|by officers] [at {time}|] and taken to hospital as a precaution."]);
    } else {
        t.add(&c, rng, "[MISPER|Missing person] {n0} [({a0})|aged {a0}|] reported missing by {his} [partner|flatmate|{parent1}] {p1} [after failing to return from work|after an argument|after not returning from a night out|after leaving a note].");
        t.maybe(&c, rng, 0.8, &[
            "{He} [has a history of|suffers from] [depression|anxiety|self harm] and [has recently lost {his} job|has been struggling since a relationship breakdown|sent a concerning text message at {time}].",
            "{He} [was last seen|left] [in a bar on {street}|at {time}] [with friends|alone] and {his} phone [is switched off|is going to voicemail].",
            "{He} [has not taken {his} medication|has no history of going missing|has gone missing twice before when drinking].",
        ]);
        t.one(&c, rng, &["Risk assessed as [medium|low|high] [due to mental health concerns|as there are no concerns|due to the concerning message]."]);
        t.para(&c, rng, &[
            "[Returned home|Returned] [at {time}|the following morning] [having stayed at a friend's|after sleeping in {his} car|having gone for a drive to clear {his} head]. [Safe and well check completed|Words of advice].",
            "[Located|Found] [at a friend's address|in {town} town centre|on {street2}] [at {time}|] [safe and well|intoxicated but safe]. [Mental health triage contacted|No further concerns].",
            "[Found|Located] by officers [near the canal|at a local beauty spot] [in distress|and detained under s136 for their own safety]; [taken to a place of safety|assessed by the mental health team].",
        ]);
    }
    (Source::MissingPerson, "Missing Person", t)
}

fn missing_child(b: &mut B<'_>, rng: &mut Rng8, decoy: bool) -> Out {
    let m = b.child(rng);
    b.link(rng, m, LinkRole::MissingPerson, 0);
    let r = b.adult(rng);
    b.link(rng, r, LinkRole::Reporter, 1);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 650);
    t.add(&c, rng, "[MFH|MISPER|Missing from home|Missing person] {n0} [aged {a0}|({a0})|] reported missing by [{his}|] {parent1} {p1} [after failing to return home by {his} curfew of {time}|after an argument about {his} phone|after not coming home from school|after going to a friend's and not returning].");
    t.maybe(&c, rng, 0.7, &[
        "{He} [has|had] [fallen out with {his} parents|been grounded] [over {his} school report|over screen time|over a new boyfriend {his} own age].",
        "{He} [has no previous missing episodes|has gone missing once before and was at a friend's|is not known to social care].",
        "{His} friends [are believed to be|were] [at the cinema|at the retail park|at a sleepover] and {his} phone [is out of charge|has been switched off].",
    ]);
    if decoy || chance(rng, 0.25) {
        t.one(&c, rng, &[
            "There are no concerns about county lines or exploitation.",
            "No evidence of exploitation; no concerns about CSE or CCE.",
            "[Mother|Parents] state there are no concerns {he} is being groomed or exploited.",
            "Not believed to be at risk of [CSE|county lines|exploitation]; no older associates.",
        ]);
    }
    t.maybe(&c, rng, 0.7, &[
        "[Enquiries|Calls] made to [friends|{his} best friend's parents|school friends] - [negative|one friend said {he} was at the park earlier].",
        "[Social media|Snapchat map] [checked|shows {him} last active near {street2} at {time}].",
        "{He} took [{his} bike|{his} phone charger|a bag with clothes|nothing with {him}] and has [{money}|no money] on {him}.",
    ]);
    t.one(&c, rng, &["Risk assessed as [low|medium|LOW] [given age and circumstances|as there are no concerns].", "[Low|Medium] risk."]);
    t.para(&c, rng, &[
        "[Returned home|Came home] [at {time}|later that evening|the next morning] [having been at a friend's house|after staying at {his} girlfriend's|after going to the cinema with friends|after sleeping at {his} nan's]. [Safe and well completed by {pc}|Words of advice given|No concerns].",
        "[Located|Found] at a friend's address on {street2} at {time} [playing computer games|watching films] and returned home. {He} [apologised|said {he} had lost track of time].",
        "[Returned|Back home] [at {time}|before officers attended]; [prevention interview completed|{he} was at the park with school friends]. [No concerns identified|Closed].",
    ]);
    t.maybe(
        &c,
        rng,
        0.3,
        &["[Return home interview offered|RHI offered and declined|School informed]."],
    );
    (Source::MissingPerson, "Missing Person", t)
}

fn custody(b: &mut B<'_>, rng: &mut Rng8) -> Out {
    let young = chance(rng, 0.08);
    let d = if young { b.child(rng) } else { b.adult(rng) };
    b.link(rng, d, LinkRole::Offender, 0);
    let c = b.ctx(rng);
    let mut t = Text::new(rng, 300);
    let (reason, offence) = CUSTODY_REASONS
        .get(rng.gen_range(0..CUSTODY_REASONS.len()))
        .copied()
        .unwrap_or(("shoplifting", "Theft from Shop"));
    let mut tpl = String::from("DP {p0} [arrested|brought into custody] [at {time}|] for ");
    tpl.push_str(reason);
    tpl.push('.');
    t.add(&c, rng, &tpl);
    if young {
        t.add(
            &c,
            rng,
            "[Appropriate adult|AA] [requested|present - [mother|father]].",
        );
    }
    t.maybe(&c, rng, 0.6, &[
        "[Booked in by|Detention authorised by] {ps}. [Risk assessment completed - no issues|DP intoxicated, 30 min rousing checks|DP disclosed [depression|anxiety], seen by HCP].",
        "[Solicitor requested|Declined a solicitor|Duty solicitor requested].",
    ]);
    t.one(&c, rng, &[
        "[Interviewed - admitted|Interviewed - denied|No comment interview]. [Charged and bailed to {town} Magistrates|Released under investigation|Cautioned|NFA|Charged and remanded].",
        "[Released|Released on bail] [with conditions|] [pending enquiries|to return on {date}].",
        "Dealt with by way of [a caution|a community resolution|a fixed penalty notice].",
    ]);
    (Source::Custody, offence, t)
}

const CUSTODY_REASONS: [(&str, &str); 13] = [
    (
        "possession with intent to supply [cannabis|cocaine|class A] following a warrant at {his} home address",
        "Possession with Intent to Supply - Class A",
    ),
    (
        "conspiracy to supply class A following a proactive operation",
        "Conspiracy to Supply Class A",
    ),
    (
        "[GBH|wounding] following a fight outside a pub on {street}",
        "GBH - s20",
    ),
    ("[shoplifting|theft from shop] at {shop}", "Theft from Shop"),
    (
        "[assault|common assault] [on {his} partner|- domestic]",
        "Common Assault - Domestic",
    ),
    ("drink driving on {street}", "Drink Driving"),
    (
        "[a warrant for failing to appear|a breach of bail|a recall to prison]",
        "Warrant",
    ),
    (
        "[s4A public order|drunk and disorderly] in {town} town centre",
        "Public Order - Section 4A",
    ),
    (
        "[ABH|assault occasioning ABH] outside a pub on {street}",
        "Assault Occasioning ABH",
    ),
    (
        "possession of [cannabis|cocaine]",
        "Possession of Controlled Drug - Class B",
    ),
    (
        "[burglary|attempt burglary] at an address on {street}",
        "Burglary - Residential",
    ),
    (
        "[criminal damage|damage to a police vehicle]",
        "Criminal Damage - Other",
    ),
    (
        "[breach of a non-molestation order|harassment of {his} ex-partner]",
        "Breach of Non-Molestation Order",
    ),
];
