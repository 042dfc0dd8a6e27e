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
//! Whitespace runs are handled without copying the text: the phrase DFA is stepped by hand over the bytes as
//! they lie, each whitespace run fed to it as one space, and a small ring of recent offsets maps a match back
//! to its span in the original text.
//!
//! Negation: a hit is marked `negated` when a cue such as "no concerns about" precedes it in the same sentence
//! (within a window) with no terminator such as "but" in between, the NegEx approach. Negated hits are still
//! reported, as evidence that the engine saw the words and set them aside; scripts see only counts of the rest.

use std::collections::HashMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, MatchKind, dfa};

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
    phrases: Option<Phrases>,
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
            Some(Phrases::new(&phrase_texts)?)
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
        if let Some(phrases) = &self.phrases {
            self.find_phrases(phrases, text, &mut hits);
        }
        if !self.phones.is_empty() {
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

    /// Phrase hits in one pass: the DFA is stepped byte by byte over the text as it lies, with each whitespace
    /// run fed to it as a single space, so no copy of the text is made. A ring of the original offsets of the
    /// last few fed bytes turns a match's end and length (in the folded stream) back into a span of the text.
    fn find_phrases(&self, phrases: &Phrases, text: &str, hits: &mut Vec<Hit>) {
        let dfa = &phrases.dfa;
        let bytes = text.as_bytes();
        let mask = phrases.ring_mask;
        let mut ring = vec![0_usize; mask + 1];
        let mut state = phrases.start;
        let mut fed = 0_usize;
        let mut at = 0;
        let mut previous_was_space = false;
        while let Some(&byte) = bytes.get(at) {
            let width = if may_start_whitespace(byte) {
                whitespace_width(bytes, at)
            } else {
                0
            };
            let (feed, next) = if width > 0 {
                if previous_was_space {
                    at += width;
                    continue;
                }
                previous_was_space = true;
                (b' ', at + width)
            } else {
                previous_was_space = false;
                (byte, at + 1)
            };
            if let Some(slot) = ring.get_mut(fed & mask) {
                *slot = at;
            }
            fed += 1;
            state = dfa.next_state(Anchored::No, state, feed);
            if dfa.is_special(state) && dfa.is_match(state) {
                for index in 0..dfa.match_len(state) {
                    let pattern = dfa.match_pattern(state, index);
                    let length = dfa.pattern_len(pattern);
                    let start = ring
                        .get(fed.wrapping_sub(length) & mask)
                        .copied()
                        .unwrap_or(0);
                    self.push_phrase(text, start, next, pattern.as_usize(), hits);
                }
            }
            at = next;
        }
    }

    fn push_phrase(
        &self,
        text: &str,
        start: usize,
        end: usize,
        pattern: usize,
        hits: &mut Vec<Hit>,
    ) {
        if !on_word_boundaries(text, start, end) {
            return;
        }
        if let Some(terms) = self.phrase_terms.get(pattern) {
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
        let folded = fold(sentence);
        let haystack = folded.as_str();
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

/// The phrase automaton: a DFA stepped by hand (so whitespace runs can be fed as one space) and its start.
struct Phrases {
    dfa: dfa::DFA,
    start: StateID,
    /// The ring of recent offsets holds at least the longest phrase; its size is a power of two.
    ring_mask: usize,
}

impl Phrases {
    fn new(patterns: &[String]) -> Result<Self, BuildError> {
        let dfa = dfa::Builder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .map_err(|err| BuildError(err.to_string()))?;
        let start = dfa
            .start_state(Anchored::No)
            .map_err(|err| BuildError(err.to_string()))?;
        let longest = patterns.iter().map(String::len).max().unwrap_or(1);
        Ok(Self {
            dfa,
            start,
            ring_mask: (longest + 1).next_power_of_two() - 1,
        })
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

/// `text` with every whitespace run collapsed to one space, for the negation window (short: a sentence start).
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

/// Bytes that can begin a whitespace character: ASCII whitespace and the lead bytes of Unicode spaces.
const fn may_start_whitespace(byte: u8) -> bool {
    matches!(
        byte,
        b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0xc2 | 0xe1 | 0xe2 | 0xe3
    )
}

/// Length in bytes of the whitespace character starting at `at` (as `char::is_whitespace`), or 0.
#[inline]
fn whitespace_width(bytes: &[u8], at: usize) -> usize {
    let Some(&first) = bytes.get(at) else {
        return 0;
    };
    match first {
        b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => 1,
        0xc2 | 0xe1 | 0xe2 | 0xe3 => {
            let Some(rest) = bytes.get(at..(at + 3).min(bytes.len())) else {
                return 0;
            };
            match rest {
                [0xc2, 0x85 | 0xa0, ..] => 2,
                [0xe1, 0x9a, 0x80] => 3,
                [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf] => 3,
                [0xe2, 0x81, 0x9f] => 3,
                [0xe3, 0x80, 0x80] => 3,
                _ => 0,
            }
        }
        _ => 0,
    }
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
    fn whitespace_width_agrees_with_char_is_whitespace() {
        for code in 0..0x3100_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = format!("{c}x");
            let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(
                whitespace_width(text.as_bytes(), 0),
                expected,
                "U+{code:04X}"
            );
        }
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
