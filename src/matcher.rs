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
    /// Length in bytes of the longest phrase: how far around a whitespace run a match may reach.
    longest_phrase: usize,
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
        let longest_phrase = phrase_texts.iter().map(String::len).max().unwrap_or(0);
        Ok(Self {
            phrases,
            phrase_terms,
            longest_phrase,
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
            self.find_phrases(automaton, text, &mut hits);
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

    /// Phrase hits. The text is searched where it lies (the automaton is ASCII case-insensitive), which finds
    /// every occurrence whose inner whitespace is a single space. Occurrences that span other whitespace (a line
    /// break, two spaces, a tab) are found by folding only the windows around such runs and keeping the matches
    /// that cross one; most texts have few such runs, so the common case never copies the text.
    fn find_phrases(&self, automaton: &AhoCorasick, text: &str, hits: &mut Vec<Hit>) {
        for found in automaton.find_overlapping_iter(text) {
            self.push_phrase(
                text,
                found.start(),
                found.end(),
                found.pattern().as_usize(),
                hits,
            );
        }
        let runs = unusual_whitespace_runs(text);
        if runs.is_empty() {
            return;
        }
        let reach = self.longest_phrase;
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for &(run_start, run_end) in &runs {
            let start = floor_char_boundary(text, run_start.saturating_sub(reach));
            let end = ceil_char_boundary(text, (run_end + reach).min(text.len()));
            match windows.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => windows.push((start, end)),
            }
        }
        for (window_start, window_end) in windows {
            let Some(window) = text.get(window_start..window_end) else {
                continue;
            };
            let folded = Folded::new(window);
            for found in automaton.find_overlapping_iter(folded.text.as_str()) {
                let start = window_start + folded.original(found.start());
                let end = window_start + folded.original(found.end());
                let crosses_run = runs.iter().any(|&(s, e)| start <= s && e <= end);
                if crosses_run {
                    self.push_phrase(text, start, end, found.pattern().as_usize(), hits);
                }
            }
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
        let folded = Folded::new(sentence);
        let haystack = folded.text.as_str();
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

/// Whitespace runs that are not a single ASCII space, as byte ranges: where a phrase in the text may differ
/// from the phrase as written. Found with fast byte searches; usually there are none or a few line breaks.
fn unusual_whitespace_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut starts: Vec<usize> = memchr::memchr3_iter(b'\n', b'\t', b'\r', bytes)
        .chain(memchr::memchr2_iter(0x0b, 0x0c, bytes))
        .chain(memchr::memmem::find_iter(bytes, b"  "))
        .chain(
            memchr::memchr3_iter(0xc2, 0xe1, 0xe2, bytes)
                .filter(|&at| whitespace_width(bytes, at) > 0),
        )
        .chain(memchr::memchr_iter(0xe3, bytes).filter(|&at| whitespace_width(bytes, at) > 0))
        .collect();
    if starts.is_empty() {
        return Vec::new();
    }
    starts.sort_unstable();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for at in starts {
        if runs.last().is_some_and(|&(_, end)| at < end) {
            continue;
        }
        // Widen to the whole run, both ways: "a \n b" is one run from the space to the space.
        let mut start = at;
        while start > 0 && bytes.get(start - 1) == Some(&b' ') {
            start -= 1;
        }
        let mut end = at;
        loop {
            let width = whitespace_width(bytes, end);
            if width == 0 {
                break;
            }
            end += width;
        }
        match runs.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => runs.push((start, end)),
        }
    }
    runs
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
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

/// A text as the automaton sees it: ASCII letters lowercased and every whitespace run collapsed to one space,
/// with the way back to offsets in the original. Built in one pass over the bytes; lowercasing here lets the
/// automaton be case-sensitive, and replacing whole whitespace characters by a space keeps the text valid UTF-8.
struct Folded {
    text: String,
    /// (offset in folded text, offset in original) wherever the two stop being aligned, i.e. after each
    /// whitespace run that was not already one byte long. Between anchors offsets move together.
    anchors: Vec<(usize, usize)>,
}

impl Folded {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
        let mut anchors = vec![(0, 0)];
        // Copy verbatim stretches in one go; only whitespace that is not a lone space needs work.
        let mut copied_to = 0;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            if !may_start_whitespace(byte) {
                at += 1;
                continue;
            }
            let width = whitespace_width(bytes, at);
            let lone_space = byte == b' ' && whitespace_width(bytes, at + 1) == 0;
            if width == 0 || lone_space {
                at += 1;
                continue;
            }
            let mut end = at + width;
            loop {
                let next = whitespace_width(bytes, end);
                if next == 0 {
                    break;
                }
                end += next;
            }
            out.extend_from_slice(bytes.get(copied_to..at).unwrap_or(&[]));
            out.push(b' ');
            if end - at != 1 {
                anchors.push((out.len(), end));
            }
            copied_to = end;
            at = end;
        }
        out.extend_from_slice(bytes.get(copied_to..).unwrap_or(&[]));
        out.make_ascii_lowercase();
        // Only whole whitespace characters were replaced and only ASCII bytes lowercased, so this cannot fail;
        // the fallback keeps the library free of panics all the same.
        let text = String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Self { text, anchors }
    }

    fn original(&self, offset: usize) -> usize {
        let slot = self
            .anchors
            .partition_point(|&(folded, _)| folded <= offset);
        match slot.checked_sub(1).and_then(|i| self.anchors.get(i)) {
            Some(&(folded, original)) => original + (offset - folded),
            None => offset,
        }
    }
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
