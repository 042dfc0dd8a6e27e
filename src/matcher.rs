//! Term matching: every occurrence of every term in a text, with its byte span. One automaton is built when
//! the policy loads and shared by `ndas match`, `ndas check` (examples) and `ndas run`.
//!
//! Semantics (the SME-facing contract in TARGET.md):
//! - `phrase` terms are ASCII case-insensitive; a run of whitespace in the text (spaces, tabs, line breaks,
//!   no-break spaces) matches the single space between a term's words; a match starts and ends on a word
//!   boundary (as regex `\b`: a term that begins or ends with a word character needs a non-word character or
//!   the edge of the text beside it).
//! - every occurrence is reported, also where terms overlap (`county lines` and `lines`).
//! - `phone` terms match UK numbers whatever their formatting (see `phone`).
//!
//! Whitespace runs are handled by searching a copy of the text with each run collapsed to one space, and mapping
//! spans back; the copy is only made for texts that need it, so the common case searches the text in place.
//!
//! Negation: a hit is marked `negated` when a cue such as "no concerns about" precedes it in the same sentence
//! (within a window) with no terminator such as "but" in between, the NegEx approach. Negated hits are still
//! reported, as evidence that the engine saw the words and set them aside; scripts see only counts of the rest.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::phone;

/// Index of a term in the policy's term table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermIndex(pub usize);

/// How a term is matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    #[default]
    Phrase,
    Phone,
}

/// A term as the matcher needs it.
pub struct Pattern<'a> {
    pub term: TermIndex,
    pub kind: TermKind,
    /// The term as written; normalised here.
    pub text: &'a str,
}

/// One occurrence of a term in a text. `start..end` are byte offsets into the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub term: TermIndex,
    pub negated: bool,
}

/// Negation cues and the words that end their reach.
#[derive(Clone, Debug, Default)]
pub struct Negation {
    pub cues: Vec<String>,
    pub terminators: Vec<String>,
    /// How far back from a hit (in bytes, within its sentence) a cue still applies.
    pub window: usize,
    /// At most this many words may stand between a cue and the hit (NegEx uses about five).
    pub window_words: usize,
}

/// The compiled matcher for one policy.
pub struct Matcher {
    phrases: Option<AhoCorasick>,
    phrase_terms: Vec<Vec<TermIndex>>,
    phones: HashMap<String, Vec<TermIndex>>,
    cues: Option<AhoCorasick>,
    cue_is_terminator: Vec<bool>,
    window: usize,
    window_words: usize,
}

/// A phrase as it is searched for: lowercase, trimmed, whitespace runs as one space.
pub fn normalise_phrase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

#[derive(Debug, thiserror::Error)]
#[error("cannot build the term automaton: {0}")]
pub struct BuildError(String);

impl Matcher {
    /// Builds the automaton. Phrases that normalise to nothing and phone terms that are not UK numbers are
    /// skipped here; the policy loader reports them as faults before a matcher is ever built.
    pub fn new(patterns: &[Pattern<'_>], negation: &Negation) -> Result<Self, BuildError> {
        let mut phrase_index: HashMap<String, usize> = HashMap::new();
        let mut phrase_texts: Vec<String> = Vec::new();
        let mut phrase_terms: Vec<Vec<TermIndex>> = Vec::new();
        let mut phones: HashMap<String, Vec<TermIndex>> = HashMap::new();
        for pattern in patterns {
            match pattern.kind {
                TermKind::Phrase => {
                    let text = normalise_phrase(pattern.text);
                    if text.is_empty() {
                        continue;
                    }
                    let slot = *phrase_index.entry(text.clone()).or_insert_with(|| {
                        phrase_texts.push(text);
                        phrase_terms.push(Vec::new());
                        phrase_terms.len() - 1
                    });
                    if let Some(terms) = phrase_terms.get_mut(slot) {
                        terms.push(pattern.term);
                    }
                }
                TermKind::Phone => {
                    if let Some(national) = phone::normalise(pattern.text) {
                        phones.entry(national).or_default().push(pattern.term);
                    }
                }
            }
        }
        let phrases = if phrase_texts.is_empty() {
            None
        } else {
            Some(build_automaton(&phrase_texts)?)
        };
        let mut cue_texts: Vec<String> = Vec::new();
        let mut cue_is_terminator = Vec::new();
        for (list, terminator) in [(&negation.cues, false), (&negation.terminators, true)] {
            for cue in list {
                let cue = normalise_phrase(cue);
                if !cue.is_empty() {
                    cue_texts.push(cue);
                    cue_is_terminator.push(terminator);
                }
            }
        }
        let cues = if cue_texts.is_empty() {
            None
        } else {
            Some(build_automaton(&cue_texts)?)
        };
        Ok(Self {
            phrases,
            phrase_terms,
            phones,
            cues,
            cue_is_terminator,
            window: negation.window,
            window_words: negation.window_words,
        })
    }

    /// Every hit in `text`, sorted by start, end, term.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        if let Some(automaton) = &self.phrases {
            let collapsed = Collapsed::new(text);
            let haystack = collapsed.text(text);
            for found in automaton.find_overlapping_iter(haystack) {
                let (start, end) = (found.start(), found.end());
                if !on_word_boundaries(haystack, start, end) {
                    continue;
                }
                let (start, end) = (collapsed.original(start), collapsed.original(end));
                if let Some(terms) = self.phrase_terms.get(found.pattern().as_usize()) {
                    for &term in terms {
                        hits.push(Hit {
                            start,
                            end,
                            term,
                            negated: false,
                        });
                    }
                }
            }
        }
        if !self.phones.is_empty() && text.bytes().any(|b| b.is_ascii_digit()) {
            for (start, end, national) in phone::scan(text) {
                if let Some(terms) = self.phones.get(&national) {
                    for &term in terms {
                        hits.push(Hit {
                            start,
                            end,
                            term,
                            negated: false,
                        });
                    }
                }
            }
        }
        if self.cues.is_some() {
            for hit in &mut hits {
                hit.negated = self.is_negated(text, hit.start);
            }
        }
        hits.sort_unstable();
        hits
    }

    /// NegEx-style: is there a cue before `start`, in the same sentence and window, not cut off by a terminator?
    fn is_negated(&self, text: &str, start: usize) -> bool {
        let Some(cues) = &self.cues else {
            return false;
        };
        let mut from = start.saturating_sub(self.window);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let Some(before) = text.get(from..start) else {
            return false;
        };
        let sentence_start = before
            .rfind(['.', '!', '?', ';', '\n'])
            .map(|at| at + 1)
            .unwrap_or(0);
        let Some(sentence) = before.get(sentence_start..) else {
            return false;
        };
        let collapsed = Collapsed::new(sentence);
        let haystack = collapsed.text(sentence);
        let mut last: Option<(bool, usize)> = None;
        for found in cues.find_overlapping_iter(haystack) {
            if !on_word_boundaries(haystack, found.start(), found.end()) {
                continue;
            }
            let terminator = self
                .cue_is_terminator
                .get(found.pattern().as_usize())
                .copied()
                .unwrap_or(false);
            // Matches arrive in order of their end, so the last cue or terminator before the hit wins.
            last = Some((terminator, found.end()));
        }
        match last {
            Some((false, cue_end)) => {
                let between = haystack.get(cue_end..).unwrap_or("");
                between.split_whitespace().count() <= self.window_words
            }
            _ => false,
        }
    }
}

fn build_automaton(patterns: &[String]) -> Result<AhoCorasick, BuildError> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .or_else(|_| {
            // Very large term lists can exceed the DFA's size limit; the NFA is slower but has none.
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(patterns)
        })
        .map_err(|err| BuildError(err.to_string()))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True if `haystack[start..end]` begins and ends on word boundaries, as regex `\b` would judge it.
fn on_word_boundaries(haystack: &str, start: usize, end: usize) -> bool {
    let Some(matched) = haystack.get(start..end) else {
        return false; // not on char boundaries: a case-folded byte inside a multi-byte char
    };
    let first = matched.chars().next();
    let last = matched.chars().next_back();
    let before = haystack.get(..start).and_then(|s| s.chars().next_back());
    let after = haystack.get(end..).and_then(|s| s.chars().next());
    let boundary = |inside: Option<char>, outside: Option<char>| {
        inside.is_some_and(is_word_char) != outside.is_some_and(is_word_char)
            || !inside.is_some_and(is_word_char)
    };
    boundary(first, before) && boundary(last, after)
}

/// A text with whitespace runs collapsed to one space, and the way back to original offsets.
struct Collapsed {
    /// `None` when the text has no run to collapse: search it as it is.
    text: Option<String>,
    /// (offset in collapsed text, offset in original) at the start of each stretch copied verbatim.
    anchors: Vec<(usize, usize)>,
}

impl Collapsed {
    fn new(text: &str) -> Self {
        if !needs_collapsing(text) {
            return Self {
                text: None,
                anchors: Vec::new(),
            };
        }
        let mut out = String::with_capacity(text.len());
        let mut anchors = vec![(0, 0)];
        let mut in_run = false;
        for (at, c) in text.char_indices() {
            if c.is_whitespace() {
                if !in_run {
                    out.push(' ');
                    in_run = true;
                }
            } else {
                if in_run {
                    anchors.push((out.len(), at));
                    in_run = false;
                }
                out.push(c);
            }
        }
        Self {
            text: Some(out),
            anchors,
        }
    }

    fn text<'a>(&'a self, original: &'a str) -> &'a str {
        self.text.as_deref().unwrap_or(original)
    }

    fn original(&self, offset: usize) -> usize {
        if self.text.is_none() {
            return offset;
        }
        let slot = self
            .anchors
            .partition_point(|&(collapsed, _)| collapsed <= offset);
        match slot.checked_sub(1).and_then(|i| self.anchors.get(i)) {
            Some(&(collapsed, original)) => original + (offset - collapsed),
            None => offset,
        }
    }
}

/// Any whitespace other than single ASCII spaces? Non-ASCII bytes send us the slow way, to catch no-break spaces.
fn needs_collapsing(text: &str) -> bool {
    let mut previous_space = false;
    for &b in text.as_bytes() {
        match b {
            b' ' => {
                if previous_space {
                    return true;
                }
                previous_space = true;
            }
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x80..=0xff => return true,
            _ => previous_space = false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (term index, kind, text) table, then (text, expected spans as (term, matched, negated)).
    fn check(terms: &[(TermKind, &str)], text: &str, expect: &[(usize, &str, bool)]) {
        let patterns: Vec<Pattern> = terms
            .iter()
            .enumerate()
            .map(|(i, (kind, t))| Pattern {
                term: TermIndex(i),
                kind: *kind,
                text: t,
            })
            .collect();
        let negation = Negation {
            cues: vec!["no concerns about".into(), "no evidence of".into()],
            terminators: vec!["but".into()],
            window: 80,
            window_words: 5,
        };
        let matcher = Matcher::new(&patterns, &negation).unwrap();
        let got: Vec<(usize, &str, bool)> = matcher
            .find(text)
            .iter()
            .map(|h| (h.term.0, &text[h.start..h.end], h.negated))
            .collect();
        assert_eq!(got, expect, "text {text:?}");
    }

    use TermKind::{Phone, Phrase};

    #[test]
    fn phrase_semantics() {
        let terms = [
            (Phrase, "trap house"),
            (Phrase, "County Lines"),
            (Phrase, "lines"),
        ];
        check(
            &terms,
            "seen at the TRAP  HOUSE",
            &[(0, "TRAP  HOUSE", false)],
        );
        check(&terms, "the trapdoor", &[]);
        check(&terms, "trap housed", &[]);
        check(
            &terms,
            "county\n\tlines work",
            &[(1, "county\n\tlines", false), (2, "lines", false)],
        );
        check(&terms, "online lines_x", &[]);
        check(&terms, "“trap house”", &[(0, "trap house", false)]);
        check(
            &terms,
            "café trap\u{a0}house",
            &[(0, "trap\u{a0}house", false)],
        );
    }

    #[test]
    fn negation_within_sentence_only() {
        let terms = [(Phrase, "county lines")];
        check(
            &terms,
            "There are no concerns about county lines.",
            &[(0, "county lines", true)],
        );
        check(
            &terms,
            "No concerns about her. County lines suspected.",
            &[(0, "County lines", false)],
        );
        check(
            &terms,
            "no evidence of drugs but county lines suspected",
            &[(0, "county lines", false)],
        );
    }

    #[test]
    fn phones_any_format_and_duplicates() {
        let terms = [
            (Phone, "07700 900123"),
            (Phone, "+44 7700 900123"),
            (Phrase, "deal line"),
        ];
        check(
            &terms,
            "deal line on 0044 7700-900-123",
            &[
                (2, "deal line", false),
                (0, "0044 7700-900-123", false),
                (1, "0044 7700-900-123", false),
            ],
        );
    }
}
