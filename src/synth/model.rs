//! The generator's in-memory world: people, their nominal records, networks and events, before they are
//! rendered to the extract's CSV tables. Kept separate from rendering so that truth and extract are two views
//! of one set of facts and cannot drift apart.

use super::util::Day;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sex {
    M,
    F,
    U,
}

impl Sex {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Sex::M => "M",
            Sex::F => "F",
            Sex::U => "U",
        }
    }
}

/// A person's role in an exploitation network, as recorded in `truth/people.csv`. Exploited people (children
/// running lines, cuckooed adults, sexually exploited children) are the network's `Workforce`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NetRole {
    Management,
    Facilitator,
    Workforce,
    None,
}

impl NetRole {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            NetRole::Management => "management",
            NetRole::Facilitator => "facilitator",
            NetRole::Workforce => "workforce",
            NetRole::None => "none",
        }
    }
}

/// One real (synthetic) human being. Several nominal records may describe the same person.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub sex: Sex,
    pub dob: Day,
    pub forename: &'static str,
    /// Listed surnames are borrowed; composed ones (see `lexicon::SurnameTail`) are owned.
    pub surname: Cow<'static, str>,
    pub ethnicity: &'static str,
    /// Index into `lexicon::TOWNS` of where the person lives.
    pub town: usize,
    pub area: &'static str,
    pub postcode: String,
    pub address: String,
    pub network: Option<u32>,
    pub role: NetRole,
    /// Output positions of this person's nominal records (filled once records are shuffled).
    pub records: Vec<u32>,
}

/// One row of `nominals.csv`: a person as one force's system recorded them, spelling, mistakes and all.
#[derive(Clone, Debug)]
pub(crate) struct Record {
    pub person: u32,
    pub forename: String,
    pub surname: String,
    pub dob: Option<Day>,
    pub sex: Sex,
    pub ethnicity: &'static str,
    pub postcode: String,
    pub force: usize,
    pub pnc: String,
    pub address: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Crime,
    Intelligence,
    MissingPerson,
    Custody,
}

impl Source {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Source::Crime => "crime",
            Source::Intelligence => "intelligence",
            Source::MissingPerson => "missing_person",
            Source::Custody => "custody",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    Sexual,
    Criminal,
    None,
}

impl Label {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Label::Sexual => "sexual_exploitation",
            Label::Criminal => "criminal_exploitation",
            Label::None => "none",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LinkRole {
    Suspect,
    Offender,
    Victim,
    Witness,
    MissingPerson,
    Subject,
    Associate,
    Reporter,
}

impl LinkRole {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            LinkRole::Suspect => "suspect",
            LinkRole::Offender => "offender",
            LinkRole::Victim => "victim",
            LinkRole::Witness => "witness",
            LinkRole::MissingPerson => "missing_person",
            LinkRole::Subject => "subject",
            LinkRole::Associate => "associate",
            LinkRole::Reporter => "reporter",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ObjKind {
    Phone,
    Vehicle,
    Firearm,
}

impl ObjKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ObjKind::Phone => "phone",
            ObjKind::Vehicle => "vehicle",
            ObjKind::Firearm => "firearm",
        }
    }
}

/// One row of `events.csv` with everything hanging off it.
#[derive(Clone, Debug)]
pub(crate) struct Event {
    pub day: Day,
    pub source: Source,
    pub force: usize,
    pub offence: &'static str,
    pub text: String,
    /// Record positions (nominal output order) and how each is linked.
    pub links: Vec<(u32, LinkRole)>,
    pub objects: Vec<(ObjKind, String)>,
    pub label: Label,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OcgRole {
    Principal,
    Significant,
    Peripheral,
}

impl OcgRole {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            OcgRole::Principal => "principal",
            OcgRole::Significant => "significant",
            OcgRole::Peripheral => "peripheral",
        }
    }
}
