//! Newtype identifiers. Every id that crosses a module boundary has its own type, so a term id can never be
//! passed where an event id is expected, and output columns are named by what they hold.
//!
//! Ids come from input files (events, nominals) or from the policy (terms, rules); they are kept as shared
//! strings because the same id is copied into many evidence rows.

use std::fmt;
use std::sync::Arc;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl $name {
            pub fn new(id: &str) -> Self {
                Self(Arc::from(id))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self::new(id)
            }
        }
    };
}

string_id!(
    /// A term in a reference file, e.g. `LINE-0001`; unique within a use case and never reused.
    TermId
);
string_id!(
    /// A named rule fired by a Rhai script, e.g. `OE-CE-01`.
    RuleId
);
string_id!(
    /// An event (crime report, intelligence log, missing-person report, custody record) from the extract.
    EventId
);
string_id!(
    /// One nominal record as held by a source system; several may describe the same person.
    NominalId
);
string_id!(
    /// A person after nominal matching: one or more nominal records.
    PersonId
);
string_id!(
    /// A reference list (file stem), e.g. `line`.
    ListId
);
