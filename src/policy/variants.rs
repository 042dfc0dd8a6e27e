//! Variants: several terms that are one sign. Matching has no stemming, so an SME lists `county line` beside
//! `county lines` and `trap house` beside `traphouse`; the rules count distinct terms, so a record holding two
//! wordings of one sign would count it twice. A term marked `variant_of: ID` counts as term ID's sign: a record
//! holding both counts one. Here the policy checks that the marks are sound (errors), and names the pairs that
//! differ only by a plural ending, a hyphen or a space and are not marked (warnings), since those are one sign
//! counted twice unless an SME says otherwise.

use std::collections::HashMap;

use super::{PolicyFault, PolicyFiles, Term, term_error_at, term_warning};
use crate::ids::TermId;
use crate::matcher::{self, TermKind};

/// Every `variant_of` must name a term of the use case that is not itself a variant (one level, so the sign a
/// term counts as is always the id written beside it), and of the same category and strength: a variant counts
/// as its sign, so it cannot count for something else. `ids` holds every id defined, valid or not, so a mark
/// naming a term that has an error of its own is not reported twice.
pub(super) fn check_marks(
    terms: &[Term],
    ids: &HashMap<String, (String, usize)>,
    files: &PolicyFiles,
    faults: &mut Vec<PolicyFault>,
) {
    let by_id: HashMap<&str, &Term> = terms.iter().map(|t| (t.id.as_str(), t)).collect();
    for term in terms {
        let Some(sign) = &term.variant_of else {
            continue;
        };
        let problem = match by_id.get(sign.as_str()) {
            _ if sign == &term.id => Some("a term cannot be a variant of itself".to_string()),
            None if ids.contains_key(sign.as_str()) => None,
            None => Some(format!(
                "`variant_of` names `{sign}`, which is not a term of this use case"
            )),
            Some(other) => match &other.variant_of {
                Some(root) => Some(format!(
                    "`{sign}` is itself a variant of `{root}`; name `{root}`, the sign they share"
                )),
                None if other.category != term.category || other.strength != term.strength => {
                    Some(format!(
                        "a variant counts as its sign, so it needs the sign's category and strength: `{sign}` is a {} {} term ({}:{}), this one {} {}",
                        other.strength.as_str(),
                        other.category,
                        other.file,
                        other.line,
                        term.strength.as_str(),
                        term.category
                    ))
                }
                None => None,
            },
        };
        if let Some(message) = problem {
            faults.push(
                term_error_at(term, files, "variant_of", message).with_help(
                    "`variant_of` takes the id of the term this one is another wording of",
                ),
            );
        }
    }
}

/// A term whose words differ from an earlier term's only by a plural ending (`money mule`, `money mules`;
/// `party`, `parties`), a hyphen or a space (`county lines`, `county-lines`; `trap house`, `traphouse`), with
/// the same category, strength, kind and companions, and not marked as one sign: a record holding both counts
/// the sign twice. The later term is reported, with the mark that would make the two one sign.
pub(super) fn check_unmarked(terms: &[Term], files: &PolicyFiles, faults: &mut Vec<PolicyFault>) {
    type Key = (String, String, TermKind, Vec<String>, String);
    let mut seen: HashMap<Key, &Term> = HashMap::new();
    // The sign each reported term should name, so a third wording ("lovebite" after "love bite" after "love
    // bites") is told the sign all three share, not a term that is to become a variant itself.
    let mut proposed: HashMap<&str, &TermId> = HashMap::new();
    for term in terms {
        if !term.active || !term.strength.counts() || term.kind == TermKind::Phone {
            continue;
        }
        let companions = term.companions();
        let key = |letters: String| -> Key {
            (
                term.category.clone(),
                term.strength.as_str().to_string(),
                term.kind,
                companions.clone(),
                letters,
            )
        };
        let letters = joined(&term.text);
        let earlier = singulars(&letters)
            .into_iter()
            .chain([letters.clone()])
            .chain(plurals(&letters))
            .find_map(|form| seen.get(&key(form)).copied());
        let sign = earlier.map(|other| {
            proposed
                .get(other.id.as_str())
                .copied()
                .unwrap_or(other.sign())
        });
        // The same words in another spelling ("the vans here" of "the van's here") are a repeat, for
        // `check_repeated_terms` to report.
        let repeats = |other: &Term| {
            let theirs = matcher::spellings(&other.text);
            matcher::spellings(&term.text)
                .iter()
                .any(|s| theirs.contains(s))
        };
        if let (Some(other), Some(sign)) = (earlier, sign)
            && sign != term.sign()
            && !repeats(other)
        {
            proposed.insert(term.id.as_str(), sign);
            faults.push(term_warning(
                term,
                files,
                format!(
                    "one sign counted twice: `{}` differs from `{}` (term `{}`, {}:{}) only by a plural, a hyphen or a space, so a record holding both counts two signs",
                    term.text, other.text, other.id, other.file, other.line
                ),
                &format!(
                    "add `variant_of: {sign}` to this term, so a record holding both counts one sign"
                ),
            ));
        }
        seen.entry(key(letters)).or_insert(term);
    }
}

/// A phrase's letters and digits, with the spaces, hyphens and apostrophes between them left out.
fn joined(phrase: &str) -> String {
    matcher::normalise_phrase(phrase)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The plural endings a phrase's last word may take.
fn plurals(letters: &str) -> Vec<String> {
    let mut forms = vec![format!("{letters}s"), format!("{letters}es")];
    if let Some(stem) = letters.strip_suffix('y') {
        forms.push(format!("{stem}ies"));
    }
    forms
}

/// The singulars a phrase ending in a plural ending may come from.
fn singulars(letters: &str) -> Vec<String> {
    let mut forms = Vec::new();
    if let Some(stem) = letters.strip_suffix("ies") {
        forms.push(format!("{stem}y"));
    }
    if let Some(stem) = letters.strip_suffix("es") {
        forms.push(stem.to_string());
    }
    if let Some(stem) = letters.strip_suffix('s') {
        forms.push(stem.to_string());
    }
    forms.retain(|f| !f.is_empty());
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_endings_pair_both_ways() {
        assert_eq!(joined("County-Lines"), "countylines");
        assert_eq!(joined("trap house"), joined("traphouse"));
        assert!(plurals(&joined("money mule")).contains(&joined("money mules")));
        assert!(plurals(&joined("party")).contains(&joined("parties")));
        assert!(singulars(&joined("parties")).contains(&joined("party")));
        assert!(singulars(&joined("boxes")).contains(&joined("box")));
        assert!(!singulars("s").contains(&String::new()));
    }
}
