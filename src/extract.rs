//! The extract as values: events, nominal records and how they link, after ingest has accepted them. These are
//! plain data, independent of file formats; every field has been checked (ids present and unique, dates
//! parsed, links pointing at accepted rows), so the engine never has to doubt them.
//!
//! Protected attributes (sex, ethnicity, postcode, address, force) are carried here because outputs and
//! nominal matching need some of them, but the fact builders in `classify` decide what a script may see.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::ids::{EventId, NominalId};

/// The values of events `source` the extract contract allows (ingest quarantines any other).
pub const SOURCES: &[&str] = &["crime", "intelligence", "missing_person", "custody"];
/// The values of links `role` the extract contract allows.
pub const LINK_ROLES: &[&str] = &[
    "suspect",
    "offender",
    "victim",
    "witness",
    "missing_person",
    "subject",
    "associate",
    "reporter",
];
/// The values of ocg `ocg_role` the extract contract allows, most senior first.
pub const OCG_ROLES: &[&str] = &["principal", "significant", "peripheral"];

#[derive(Clone, Debug, Default)]
pub struct Extract {
    pub events: Vec<Event>,
    pub nominals: Vec<Nominal>,
    pub links: Vec<Link>,
    pub markers: Vec<Marker>,
    pub ocg: Vec<OcgMembership>,
    pub objects: Vec<Object>,
}

#[derive(Clone, Debug)]
pub struct Event {
    pub id: EventId,
    /// One of `SOURCES`, lowercased.
    pub source: String,
    pub force: String,
    pub occurred_on: NaiveDate,
    pub offence: String,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Nominal {
    pub id: NominalId,
    pub forename: String,
    pub surname: String,
    pub dob: Option<NaiveDate>,
    pub sex: String,
    pub ethnicity: String,
    pub postcode: String,
    pub force: String,
    pub pnc_id: Option<String>,
    pub address: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Link {
    pub event: EventId,
    pub nominal: NominalId,
    /// One of `LINK_ROLES`, lowercased.
    pub role: String,
    /// Positions of the linked event and nominal in `Extract::events` and `Extract::nominals`, resolved once
    /// by ingest (which has already checked both exist) so the engine never looks ids up again.
    pub event_index: usize,
    pub nominal_index: usize,
}

#[derive(Clone, Debug)]
pub struct Marker {
    pub nominal: NominalId,
    pub marker: String,
    pub recorded_on: Option<NaiveDate>,
}

#[derive(Clone, Debug)]
pub struct OcgMembership {
    pub nominal: NominalId,
    pub ocg_id: String,
    /// One of `OCG_ROLES`, lowercased.
    pub role: String,
}

#[derive(Clone, Debug)]
pub struct Object {
    pub id: String,
    pub kind: String,
    pub identifier: String,
    pub event: EventId,
}

impl Extract {
    /// Nominal id -> index into `nominals`, for joining markers and OCG memberships to records.
    pub fn nominal_index(&self) -> FxHashMap<&NominalId, usize> {
        self.nominals
            .iter()
            .enumerate()
            .map(|(i, n)| (&n.id, i))
            .collect()
    }
}

/// How senior an OCG role is (principal over significant over peripheral), to keep a person's highest.
pub fn ocg_rank(role: &str) -> u8 {
    match role {
        "principal" => 3,
        "significant" => 2,
        "peripheral" => 1,
        _ => 0,
    }
}

/// Whole years from `born` to `on`; `None` if `on` is before `born`.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> Option<i64> {
    use chrono::Datelike;
    if on < born {
        return None;
    }
    let mut years = i64::from(on.year() - born.year());
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    Some(years)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_counts_birthdays() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(age_on(d("2010-06-15"), d("2026-06-14")), Some(15));
        assert_eq!(age_on(d("2010-06-15"), d("2026-06-15")), Some(16));
        assert_eq!(age_on(d("2010-02-28"), d("2009-01-01")), None);
    }
}
