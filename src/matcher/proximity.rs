//! `near` terms: an anchor phrase counts only with one of its companion phrases a few words away in the same
//! sentence ("passport" near "kept by", "owes" near "goes up"). Officers describe one fact in many wordings; a
//! list of every wording of "her passport is kept by the boss" cannot be written, a pair of short lists can.
//! The matcher finds the anchor in its automaton as any phrase; this module then looks for a companion in the
//! few words around it, so a near term costs nothing in texts without its anchor.
//!
//! Words are compared as the matcher compares phrases: ASCII case folded, apostrophes left out ("wont" for
//! "won't"), any run of non-word characters between words (spaces, a hyphen, a comma) as one gap. A
//! companion does not count across the word "own": "holds her own passport" is the opposite of the sign.

use rustc_hash::FxHashMap;

use super::{SENTENCE_END, fold_quote};

/// The companions of one near term and how far from the anchor they may stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proximity {
    /// Each companion phrase as its words, folded.
    companions: Vec<Vec<String>>,
    /// The companions (indices) by their first word: a word beside the anchor is looked up once, instead of
    /// compared with every companion.
    by_first_word: FxHashMap<String, Vec<usize>>,
    /// Whether any companion's first word begins with this byte (ASCII folded): most words beside an anchor
    /// are turned away on their first letter, before any folding or lookup.
    first_bytes: [bool; 256],
    /// At most this many words between the anchor and a companion.
    within: usize,
    /// Words read on each side of the anchor: the reach plus the longest companion.
    reach: usize,
}

/// Default reach of a near term, in words between anchor and companion: a clause ("her passport and visa
/// documents are kept by").
pub const DEFAULT_WITHIN: usize = 6;
/// The longest reach a near term may ask for: beyond about a dozen words two phrases are in different clauses.
pub const MAX_WITHIN: usize = 12;

impl Proximity {
    /// `None` when no companion has a word in it (the policy loader reports that as a fault first).
    pub fn new(companions: &[String], within: usize) -> Option<Self> {
        let companions: Vec<Vec<String>> = companions
            .iter()
            .map(|c| {
                words_after(c, 0, usize::MAX)
                    .into_iter()
                    .filter_map(|(s, e)| c.get(s..e))
                    .map(fold)
                    .collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let longest = companions.iter().map(Vec::len).max()?;
        let mut by_first_word: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut first_bytes = [false; 256];
        for (index, words) in companions.iter().enumerate() {
            if let Some(first) = words.first() {
                by_first_word.entry(first.clone()).or_default().push(index);
                let byte = first.bytes().next().map_or(0, usize::from);
                if let Some(slot) = first_bytes.get_mut(byte) {
                    *slot = true;
                }
            }
        }
        Some(Self {
            companions,
            by_first_word,
            first_bytes,
            within,
            reach: within + longest,
        })
    }

    /// The span of the anchor at `start..end` joined with its nearest companion in the same sentence, and the
    /// bytes between the two (no part of the match), or `None` when no companion is within reach. Reads only
    /// the few words around the anchor: this runs for every anchor found.
    pub fn extend(&self, text: &str, start: usize, end: usize) -> Option<Joined> {
        let before = words_before(text, start, self.reach);
        let after = words_after(text, end, self.reach);
        let word = |span: &(usize, usize)| text.get(span.0..span.1).unwrap_or("");
        // "Holds her own passport", "keeps her own earnings": a person holding their own is the opposite of
        // the sign, so a companion does not count across the word "own".
        let is_own = |span: &(usize, usize)| same_word(word(span), "own");
        let mut best: Option<(usize, Joined)> = None;
        // A companion `gap` words away at `first..last`, on either side of the anchor.
        let mut consider = |gap: usize, (first, last): (usize, usize)| {
            let joined = if first >= end {
                Joined {
                    span: (start, last),
                    between: (end, first),
                }
            } else {
                Joined {
                    span: (first, end),
                    between: (last, start),
                }
            };
            if gap <= self.within && best.is_none_or(|(g, _)| gap < g) {
                best = Some((gap, joined));
            }
        };
        let mut folded = String::new();
        let mut each_companion_at =
            |words: &[(usize, usize)], at: usize, found: &mut dyn FnMut(usize, usize)| {
                let Some(span) = words.get(at) else {
                    return;
                };
                let text_word = word(span);
                // A word starting with an apostrophe or a non-ASCII letter folds to something else first.
                let first = text_word
                    .bytes()
                    .next()
                    .map_or(0, |b| b.to_ascii_lowercase());
                let plain = first.is_ascii_alphanumeric();
                if plain
                    && !self
                        .first_bytes
                        .get(usize::from(first))
                        .copied()
                        .unwrap_or(false)
                {
                    return;
                }
                fold_into(text_word, &mut folded);
                let Some(candidates) = self.by_first_word.get(folded.as_str()) else {
                    return;
                };
                for &index in candidates {
                    let Some(companion) = self.companions.get(index) else {
                        continue;
                    };
                    let n = companion.len();
                    let fits = words.get(at..at + n).is_some_and(|window| {
                        window
                            .iter()
                            .zip(companion)
                            .all(|(span, c)| same_word(word(span), c))
                    });
                    if fits {
                        found(at, n);
                    }
                }
            };
        for at in 0..after.len() {
            each_companion_at(&after, at, &mut |gap, n| {
                if !after.iter().take(gap).any(is_own) {
                    let first = after.get(gap).map_or(end, |w| w.0);
                    let last = after.get(gap + n - 1).map_or(end, |w| w.1);
                    consider(gap, (first, last));
                }
            });
        }
        for at in 0..before.len() {
            each_companion_at(&before, at, &mut |i, n| {
                if i + n <= before.len() && !before.iter().skip(i + n).any(is_own) {
                    let gap = before.len() - i - n;
                    let first = before.get(i).map_or(start, |w| w.0);
                    let last = before.get(i + n - 1).map_or(start, |w| w.1);
                    consider(gap, (first, last));
                }
            });
        }
        best.map(|(_, joined)| joined)
    }
}

/// An anchor joined with its companion: the span of both, and the bytes between them, which are not part of
/// the match (other terms found there are evidence of their own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Joined {
    pub span: (usize, usize),
    pub between: (usize, usize),
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_apostrophe(c)
}

fn is_apostrophe(c: char) -> bool {
    fold_quote(c) == '\''
}

/// A word's characters as companions are kept: ASCII lowercase, apostrophes left out.
fn folded_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .filter(|&c| !is_apostrophe(c))
        .map(|c| c.to_ascii_lowercase())
}

fn fold(word: &str) -> String {
    folded_chars(word).collect()
}

/// `word` folded into `out` (cleared first), reusing its buffer.
fn fold_into(word: &str, out: &mut String) {
    out.clear();
    out.extend(folded_chars(word));
}

/// Whether a word of the text, folded, is `folded`, without building the folded copy.
fn same_word(word: &str, folded: &str) -> bool {
    // Most words are plain ASCII with no apostrophe: compare them in place.
    if word.bytes().all(|b| b.is_ascii() && b != b'\'') {
        return word.eq_ignore_ascii_case(folded);
    }
    folded_chars(word).eq(folded.chars())
}

/// Up to `limit` words (byte spans) after `from`, stopping at the end of the sentence. Apostrophes alone are
/// no word.
fn words_after(text: &str, from: usize, limit: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    let rest = text.get(from..).unwrap_or("");
    for (offset, c) in rest.char_indices() {
        let at = from + offset;
        if is_word_char(c) {
            current.get_or_insert(at);
            continue;
        }
        if let Some(s) = current.take() {
            push_word(text, &mut out, (s, at));
            if out.len() >= limit {
                return out;
            }
        }
        if SENTENCE_END.contains(&c) {
            return out;
        }
    }
    if let Some(s) = current {
        push_word(text, &mut out, (s, text.len()));
    }
    out.truncate(limit);
    out
}

/// Up to `limit` words (byte spans, in text order) before `to`, stopping at the start of the sentence.
fn words_before(text: &str, to: usize, limit: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    let head = text.get(..to).unwrap_or("");
    for (at, c) in head.char_indices().rev() {
        if is_word_char(c) {
            current.get_or_insert(at + c.len_utf8());
            continue;
        }
        if let Some(e) = current.take() {
            push_word(text, &mut out, (at + c.len_utf8(), e));
            if out.len() >= limit {
                break;
            }
        }
        if SENTENCE_END.contains(&c) {
            break;
        }
    }
    if let Some(e) = current.filter(|_| out.len() < limit) {
        push_word(text, &mut out, (0, e));
    }
    out.reverse();
    out
}

fn push_word(text: &str, out: &mut Vec<(usize, usize)>, span: (usize, usize)) {
    if text
        .get(span.0..span.1)
        .is_some_and(|w| w.chars().any(|c| !is_apostrophe(c)))
    {
        out.push(span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (what the case shows, companions, reach, text, anchor, the matched span expected).
    type Case = (
        &'static str,
        &'static [&'static str],
        usize,
        &'static str,
        &'static str,
        Option<&'static str>,
    );

    const CASES: &[Case] = &[
        (
            "a companion after the anchor joins the span",
            &["kept by", "holds"],
            6,
            "Her passport and visa documents are kept by her mother-in-law.",
            "passport",
            Some("passport and visa documents are kept by"),
        ),
        (
            "a companion before the anchor joins the span, case folded",
            &["kept by", "holds"],
            6,
            "The boss HOLDS everyone's passport.",
            "passport",
            Some("HOLDS everyone's passport"),
        ),
        (
            "the nearest companion wins",
            &["kept", "taken"],
            8,
            "taken to the office where the passport was kept",
            "passport",
            Some("passport was kept"),
        ),
        (
            "one word beyond reach",
            &["kept by"],
            3,
            "passport one two three four kept by him",
            "passport",
            None,
        ),
        (
            "just within reach",
            &["kept by"],
            3,
            "passport one two three kept by him",
            "passport",
            Some("passport one two three kept by"),
        ),
        (
            "a companion in the next sentence",
            &["kept by"],
            3,
            "She showed her passport. It is kept by the bank",
            "passport",
            None,
        ),
        (
            "a companion in the sentence before",
            &["kept by"],
            3,
            "kept by the bank; passport shown",
            "passport",
            None,
        ),
        (
            "words are whole: held is not withheld",
            &["won't give back", "held"],
            4,
            "passport withheld",
            "passport",
            None,
        ),
        (
            "apostrophes are optional and any gap between words is one",
            &["won't give back", "held"],
            4,
            "passport - he WONT give\t back",
            "passport",
            Some("passport - he WONT give\t back"),
        ),
        (
            "punctuation between anchor and companion",
            &["won't give back", "held"],
            4,
            "passport, held",
            "passport",
            Some("passport, held"),
        ),
        (
            "a companion does not count across own",
            &["holds", "kept by"],
            6,
            "She holds her own passport and bank card.",
            "passport",
            None,
        ),
        (
            "own before the anchor is not between it and the companion",
            &["holds", "kept by"],
            6,
            "Her own passport is kept by the boss.",
            "passport",
            Some("passport is kept by"),
        ),
    ];

    #[test]
    fn the_words_between_anchor_and_companion_are_not_part_of_the_match() {
        let rule = Proximity::new(&["flat".to_string()], 8).unwrap();
        let gap = |text: &str, anchor: &str| {
            let start = text.find(anchor).unwrap();
            let joined = rule.extend(text, start, start + anchor.len()).unwrap();
            (
                text.get(joined.span.0..joined.span.1).unwrap().to_string(),
                text.get(joined.between.0..joined.between.1)
                    .unwrap()
                    .to_string(),
            )
        };
        assert_eq!(
            gap(
                "The flat of Edna (81) is being used by two men.",
                "being used by"
            ),
            (
                "flat of Edna (81) is being used by".to_string(),
                " of Edna (81) is ".to_string()
            )
        );
        assert_eq!(
            gap(
                "Being used by dealers, the flat was raided.",
                "Being used by"
            ),
            (
                "Being used by dealers, the flat".to_string(),
                " dealers, the ".to_string()
            )
        );
    }

    #[test]
    fn cases() {
        for &(what, companions, within, text, anchor, expected) in CASES {
            let companions: Vec<String> = companions.iter().map(|c| c.to_string()).collect();
            let rule = Proximity::new(&companions, within).unwrap();
            let start = text.to_ascii_lowercase().find(anchor).unwrap();
            let got = rule
                .extend(text, start, start + anchor.len())
                .and_then(|joined| text.get(joined.span.0..joined.span.1));
            assert_eq!(got, expected, "{what}: {text:?}");
        }
    }

    #[test]
    fn companions_without_words_are_dropped() {
        assert!(Proximity::new(&["--".to_string(), " ".to_string()], 4).is_none());
    }
}
