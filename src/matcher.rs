//! Term matching: every occurrence of every term in a text, with its byte span. One automaton is built when
//! the policy loads and shared by `ndas match`, `ndas check` (examples) and `ndas run`.
//!
//! Semantics (the SME-facing contract in TARGET.md):
//! - `phrase` terms are ASCII case-insensitive; a run of whitespace in the text (spaces, tabs, line breaks,
//!   no-break spaces), with any quotation marks that open the next word (`goes 'OT'`, `the “tick”`), matches
//!   the single space between a term's words, as does a mark that closes a quote so opened (`'paid' in`), and a
//!   term's own opening quotes and the marks closing them are dropped; a match starts and
//!   ends on a word boundary (as regex `\b`: a term that begins or ends with a word character needs a non-word
//!   character or the edge of the text beside it); the apostrophes between two letters of a term may be left
//!   out in the text, all of them, as officers often type ("won't let me leave" matches "wont let me leave").
//! - every occurrence is reported, also where terms overlap (`county lines` and `lines`).
//! - `phone` terms match UK numbers whatever their formatting (see `phone`).
//! - `near` terms are phrases that count only with a companion phrase close by in the sentence (see
//!   `proximity`); the hit spans both.
//!
//! Whitespace runs: aho-corasick builds the DFA, which is then copied into a table of our own (`Phrases`) in
//! which ASCII whitespace reads as a space and a space after a space changes nothing, so ASCII text is searched
//! as it lies. Only a text with Unicode spaces (a no-break space) is searched in a copy with each run replaced
//! by one space, and anchors map spans back to the original. Four texts are walked in lockstep.
//!
//! Negation: a hit is marked `negated` when a cue such as "no concerns about" precedes it in the same sentence
//! (within a window) with no terminator such as "but" in between, or when a post cue such as "no concerns
//! identified" follows it the same way ("CSE considered, no concerns identified"), the NegEx approach with
//! its post-negation triggers. Cues are `Phrases` tables as terms are, walked over the hit's window in place,
//! so they read the text exactly as terms do. Negated hits are still
//! reported, as evidence that the engine saw the words and set them aside; scripts see only counts of the rest.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{Anchored, MatchKind, dfa};

use crate::phone;

pub mod proximity;
use proximity::Proximity;

/// Index of a term in the policy's term table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermIndex(pub usize);

/// How a term is matched.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    #[default]
    Phrase,
    Phone,
    /// A phrase that counts only with one of its companion phrases a few words away (see `proximity`).
    Near,
}

/// A term as the matcher needs it.
pub struct Pattern<'a> {
    pub term: TermIndex,
    pub kind: TermKind,
    /// The term as written; normalised here.
    pub text: &'a str,
    /// For a `Near` term: its companion phrases and how many words may stand between (empty otherwise).
    pub near: &'a [String],
    pub within: usize,
}

/// One occurrence of a term in a text. `start..end` are byte offsets into the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub term: TermIndex,
    pub negated: bool,
    /// For a near term, the bytes between its anchor and its companion: inside the span but no part of the
    /// match, so a term found there is evidence of its own. An empty range at `end` for a phrase or number.
    pub between: (usize, usize),
    /// The term's own words: the whole span for a phrase or number, the anchor without its companion for a
    /// near term. Two near terms joined to one anchor found once (a companion on each side of it) are one
    /// piece of evidence.
    pub anchor: (usize, usize),
}

/// Negation cues and the words that end their reach.
#[derive(Clone, Debug, Default)]
pub struct Negation {
    pub cues: Vec<String>,
    /// Cues that negate a hit they follow in its sentence ("CSE considered, no concerns identified"): NegEx's
    /// post-negation triggers.
    pub post_cues: Vec<String>,
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
    /// The companions of each `Near` term by term index (a vector, not a map: it is read for every hit),
    /// whose anchors are in `phrases`. Empty when the policy has no near terms.
    near: Vec<Option<Proximity>>,
    cues: Option<Phrases>,
    cue_is_terminator: Vec<bool>,
    /// Post-negation cues and the terminators, searched after a hit.
    post_cues: Option<Phrases>,
    post_cue_is_terminator: Vec<bool>,
    window: usize,
    window_words: usize,
}

/// A phrase as it is searched for: lowercase, trimmed, whitespace runs as one space, typographic quotes as their
/// ASCII forms, no opening quotes nor the marks closing them (texts are read the same way).
pub fn normalise_phrase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // A term is read as a text is (`Folded`): quotation marks opening a word, and those closing a quote so
    // opened, are no part of it, so `"trap house"` is the phrase trap house while `girls'` keeps its apostrophe.
    // The folds replace whole characters with ASCII bytes, so the folded bytes are still UTF-8.
    let folded = Folded::new(text);
    let words = std::str::from_utf8(&folded.bytes)
        .unwrap_or(text)
        .split(char::is_whitespace)
        .map(|word| word.trim_start_matches(is_quotation_mark))
        .filter(|w| !w.is_empty());
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| fold_quote(c).to_ascii_lowercase()));
    }
    out
}

/// A quotation mark as texts read it: `'` and `"` and their typographic forms.
fn is_quotation_mark(c: char) -> bool {
    matches!(
        c,
        '\'' | '"' | '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}'
    )
}

/// Every spelling of a phrase the matcher looks for: the phrase normalised and, where it has apostrophes between
/// two letters or digits, the same words without them. Empty for a phrase with no words.
pub fn spellings(phrase: &str) -> Vec<String> {
    let text = normalise_phrase(phrase);
    if text.is_empty() {
        return Vec::new();
    }
    let unapostrophed = without_inner_apostrophes(&text);
    std::iter::once(text).chain(unapostrophed).collect()
}

/// A normalised phrase with each apostrophe between two letters or digits left out ("wont" for "won't",
/// "childrens home" for "children's home"), or `None` when it has none: typed logs often drop them, and a
/// term list should not need every spelling twice. Only inner ones: "girls'" keeps its edge as written.
fn without_inner_apostrophes(phrase: &str) -> Option<String> {
    let chars: Vec<char> = phrase.chars().collect();
    let inner = |i: usize| {
        let side = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        chars.get(i) == Some(&'\'') && side(i.checked_sub(1)) && side(i.checked_add(1))
    };
    let kept: String = (0..chars.len())
        .filter(|&i| !inner(i))
        .filter_map(|i| chars.get(i))
        .collect();
    (kept.len() != phrase.len()).then_some(kept)
}

/// Where a sentence ends, for negation cues and near terms' companions, which reach no further.
const SENTENCE_END: [char; 5] = ['.', '!', '?', ';', '\n'];

/// Whether `byte` is one of [`SENTENCE_END`]. All are ASCII, and an ASCII byte in UTF-8 is always a whole
/// character, so a sentence end can be found by bytes, without decoding (a byte of a longer character reads
/// as a Latin-1 character here, never as one of them).
fn ends_sentence(byte: u8) -> bool {
    SENTENCE_END.contains(&char::from(byte))
}

/// A typographic apostrophe (`’`, `‘`) as the ASCII one, and a typographic double quotation mark (`“`, `”`) as
/// `"`, as texts are read; any other character as it is.
fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        c => c,
    }
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
        let mut near: Vec<Option<Proximity>> = Vec::new();
        for pattern in patterns {
            if pattern.kind == TermKind::Near {
                let Some(proximity) = Proximity::new(pattern.near, pattern.within) else {
                    continue;
                };
                let TermIndex(index) = pattern.term;
                if near.len() <= index {
                    near.resize(index + 1, None);
                }
                if let Some(slot) = near.get_mut(index) {
                    *slot = Some(proximity);
                }
            }
            match pattern.kind {
                TermKind::Phrase | TermKind::Near => {
                    for text in spellings(pattern.text) {
                        let slot = *phrase_index.entry(text.clone()).or_insert_with(|| {
                            phrase_texts.push(text);
                            phrase_terms.push(Vec::new());
                            phrase_terms.len() - 1
                        });
                        if let Some(terms) = phrase_terms.get_mut(slot) {
                            terms.push(pattern.term);
                        }
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
        let (cues, cue_is_terminator) = cue_set(&negation.cues, &negation.terminators)?;
        let (post_cues, post_cue_is_terminator) =
            cue_set(&negation.post_cues, &negation.terminators)?;
        Ok(Self {
            phrases,
            phrase_terms,
            phones,
            near,
            cues,
            cue_is_terminator,
            post_cues,
            post_cue_is_terminator,
            window: negation.window,
            window_words: negation.window_words,
        })
    }

    /// Every hit in `text`, sorted by start, end, term.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.find_batch(&[text]).pop().unwrap_or_default()
    }

    /// Every hit in each of `texts`, in order; the same as `find` on each. Texts go through the phrase DFA four
    /// at a time, interleaved: each DFA step waits on the previous one (a dependent load from a table too big
    /// for the first-level cache), so four independent walks keep a core busy while any one waits. This is
    /// what `run` and the benchmark use.
    pub fn find_batch(&self, texts: &[&str]) -> Vec<Vec<Hit>> {
        let mut results: Vec<Vec<Hit>> = vec![Vec::new(); texts.len()];
        // Walk texts of similar length together, so the lockstep part covers most of each; sort only within
        // small groups so the texts walked together stay close in memory.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        for group in order.chunks_mut(256) {
            group.sort_by_key(|&i| texts.get(i).map_or(0, |t| t.len()));
        }
        let text = |i: usize| texts.get(i).copied().unwrap_or("");
        for quad in order.chunks(4) {
            match (quad, &self.phrases) {
                (&[i0, i1, i2, i3], Some(phrases)) => {
                    let indices = [i0, i1, i2, i3];
                    let folded = indices.map(|i| Folded::new(text(i)));
                    let [f0, f1, f2, f3] = &folded;
                    let sides = [
                        Side {
                            text: text(i0),
                            folded: f0,
                        },
                        Side {
                            text: text(i1),
                            folded: f1,
                        },
                        Side {
                            text: text(i2),
                            folded: f2,
                        },
                        Side {
                            text: text(i3),
                            folded: f3,
                        },
                    ];
                    let mut hits: [Vec<Hit>; 4] = Default::default();
                    self.walk_four(phrases, &sides, &mut hits);
                    for (index, hits) in indices.into_iter().zip(hits) {
                        if let Some(slot) = results.get_mut(index) {
                            *slot = self.finish(text(index), hits);
                        }
                    }
                }
                _ => {
                    for &index in quad {
                        let mut hits = Vec::new();
                        if let Some(phrases) = &self.phrases {
                            let folded = Folded::new(text(index));
                            let side = Side {
                                text: text(index),
                                folded: &folded,
                            };
                            self.walk(phrases, &side, phrases.start, 0, &mut hits);
                        }
                        if let Some(slot) = results.get_mut(index) {
                            *slot = self.finish(text(index), hits);
                        }
                    }
                }
            }
        }
        results
    }

    /// Four texts stepped through the DFA in lockstep over their common length, then each tail alone. The four
    /// transition-table loads of a step do not depend on each other, so their latencies overlap.
    fn walk_four(&self, phrases: &Phrases, sides: &[Side<'_>; 4], hits: &mut [Vec<Hit>; 4]) {
        let [s0, s1, s2, s3] = sides;
        let common = sides
            .iter()
            .map(|s| s.folded.bytes.len())
            .min()
            .unwrap_or(0);
        let h0 = s0.folded.bytes.get(..common).unwrap_or(&[]);
        let h1 = s1.folded.bytes.get(..common).unwrap_or(&[]);
        let h2 = s2.folded.bytes.get(..common).unwrap_or(&[]);
        let h3 = s3.folded.bytes.get(..common).unwrap_or(&[]);
        let mut states = [phrases.start; 4];
        let lanes = h0.iter().zip(h1).zip(h2).zip(h3);
        for (at, (((&b0, &b1), &b2), &b3)) in lanes.enumerate() {
            let [x0, x1, x2, x3] = states;
            let next = [
                phrases.next(x0, b0),
                phrases.next(x1, b1),
                phrases.next(x2, b2),
                phrases.next(x3, b3),
            ];
            states = next;
            if next.iter().any(|&state| phrases.is_match(state)) {
                for ((side, found), &state) in sides.iter().zip(hits.iter_mut()).zip(&next) {
                    phrases.report(side.folded, state, at, &mut |pattern, start, end| {
                        self.push_phrase(side.text, start, end, pattern, found);
                    });
                }
            }
        }
        for ((side, found), state) in sides.iter().zip(hits.iter_mut()).zip(states) {
            self.walk(phrases, side, state, common, found);
        }
    }

    /// Steps one text through the DFA from folded offset `from` in state `state`, keeping each phrase found
    /// on word boundaries as a hit of its terms.
    fn walk(
        &self,
        phrases: &Phrases,
        side: &Side<'_>,
        state: State,
        from: usize,
        hits: &mut Vec<Hit>,
    ) {
        phrases.walk(side.folded, state, from, &mut |pattern, start, end| {
            self.push_phrase(side.text, start, end, pattern, hits);
        });
    }

    /// Phone hits, near terms' companions, negation and ordering for one text whose phrase hits are in.
    fn finish(&self, text: &str, mut hits: Vec<Hit>) -> Vec<Hit> {
        if !self.near.is_empty() {
            // An anchor without a companion in reach is no hit; with one, the hit spans both.
            hits.retain_mut(
                |hit| match self.near.get(hit.term.0).and_then(Option::as_ref) {
                    None => true,
                    Some(proximity) => match proximity.extend(text, hit.start, hit.end) {
                        Some(joined) => {
                            hit.anchor = (hit.start, hit.end);
                            (hit.start, hit.end) = joined.span;
                            hit.between = joined.between;
                            true
                        }
                        None => false,
                    },
                },
            );
        }
        if !self.phones.is_empty() {
            for (start, end, national) in phone::scan(text) {
                if let Some(terms) = self.phones.get(&national) {
                    push_hits(&mut hits, start, end, terms);
                }
            }
        }
        if self.cues.is_some() || self.post_cues.is_some() {
            for hit in &mut hits {
                hit.negated = self.is_negated(text, hit.start, hit.end)
                    || self.is_post_negated(text, hit.end);
            }
        }
        hits.sort_unstable();
        hits
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
            push_hits(hits, start, end, terms);
        }
    }

    /// NegEx-style: is there a cue before the hit `start..end`, in the same sentence and window, not cut off by a
    /// terminator? A cue that begins before the hit and ends inside it counts too: "not being" sets aside
    /// "being exploited" in "she is not being exploited", and "doesn't owe" sets aside "owe them", though cue
    /// and hit share a word.
    fn is_negated(&self, text: &str, start: usize, end: usize) -> bool {
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
            .bytes()
            .rposition(ends_sentence)
            .map_or(0, |at| at + 1);
        let Some(sentence) = text.get(from + sentence_start..end) else {
            return false;
        };
        let hit_start = start - from - sentence_start;
        let mut last: Option<(bool, usize)> = None;
        for (pattern, cue_start, cue_end) in cues.find_all(sentence) {
            if cue_start >= hit_start || !on_word_boundaries(sentence, cue_start, cue_end) {
                continue;
            }
            let terminator = self
                .cue_is_terminator
                .get(pattern)
                .copied()
                .unwrap_or(false);
            // A terminator cuts a cue off from the hit only from between them: "no money" ends a clause in "no
            // money, no food", but in "no money laundering" it is the cue "no" and the hit.
            if terminator && cue_end > hit_start {
                continue;
            }
            // Matches arrive in order of their end, so the last cue or terminator before the hit wins.
            last = Some((terminator, cue_end));
        }
        match last {
            Some((false, cue_end)) => {
                let between = sentence
                    .get(cue_end.min(hit_start)..hit_start)
                    .unwrap_or("");
                between.split_whitespace().count() <= self.window_words
            }
            _ => false,
        }
    }
}

impl Matcher {
    /// NegEx post-negation: is the first cue or terminator after `end`, in the same sentence and window, a post
    /// cue with at most `window_words` words before it?
    fn is_post_negated(&self, text: &str, end: usize) -> bool {
        let Some(cues) = &self.post_cues else {
            return false;
        };
        let mut to = end.saturating_add(self.window).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let Some(after) = text.get(end..to) else {
            return false;
        };
        let sentence = after
            .bytes()
            .position(ends_sentence)
            .and_then(|at| after.get(..at))
            .unwrap_or(after);
        let first = cues
            .find_all(sentence)
            .into_iter()
            .filter(|&(_, start, end)| on_word_boundaries(sentence, start, end))
            .min_by_key(|&(_, start, _)| start);
        let Some((pattern, cue_start, _)) = first else {
            return false;
        };
        let terminator = self
            .post_cue_is_terminator
            .get(pattern)
            .copied()
            .unwrap_or(false);
        let between = sentence.get(..cue_start).unwrap_or("");
        !terminator && between.split_whitespace().count() <= self.window_words
    }
}

/// The phrase automaton: aho-corasick's DFA copied into a table of our own, so that ASCII whitespace is
/// folded by the automaton itself. Tab, line feed, vertical tab, form feed and carriage return read as a space,
/// and a space after a space leaves the state as it is (every state entered on a space loops on it), so a
/// whitespace run reads as the single space between a phrase's words without copying the text.
struct Phrases {
    /// Byte to column.
    classes: [u8; 256],
    /// Row-major transitions: the next state for `state + class`. States are premultiplied by the row width.
    transitions: Vec<State>,
    start: State,
    /// States below this are match states (they are numbered first).
    match_limit: State,
    /// For each match state (by row), the phrases that end there: (pattern, length in bytes).
    matches: Vec<Vec<(usize, usize)>>,
    stride: usize,
}

/// A state of `Phrases`: its row's offset in the transition table.
type State = u32;

impl Phrases {
    fn new(patterns: &[String]) -> Result<Self, BuildError> {
        // No prefilter: the DFA is only read here, state by state.
        let dfa = dfa::Builder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)
            .map_err(|err| BuildError(err.to_string()))?;
        let start = dfa
            .start_state(Anchored::No)
            .map_err(|err| BuildError(err.to_string()))?;
        // Every reachable state, breadth first from the start.
        let mut order: Vec<StateID> = vec![start];
        let mut seen: HashSet<StateID> = HashSet::from([start]);
        let mut at = 0;
        while let Some(&state) = order.get(at) {
            for byte in 0..=u8::MAX {
                let next = dfa.next_state(Anchored::No, state, byte);
                if seen.insert(next) {
                    order.push(next);
                }
            }
            at += 1;
        }
        // Match states first, so "is a match" is one comparison.
        order.sort_by_key(|&state| !dfa.is_match(state));
        let row: HashMap<StateID, usize> = order.iter().enumerate().map(|(i, &s)| (s, i)).collect();
        let row_of = |state: StateID| row.get(&state).copied().unwrap_or(0);
        // Per byte, the column of next rows; whitespace bytes take the space column, in which a state
        // entered on a space stays put.
        let entered_on_space: Vec<bool> = {
            let mut entered = vec![false; order.len()];
            for &state in &order {
                if let Some(flag) =
                    entered.get_mut(row_of(dfa.next_state(Anchored::No, state, b' ')))
                {
                    *flag = true;
                }
            }
            entered
        };
        let column = |byte: u8| -> Vec<usize> {
            let byte = if is_ascii_space(byte) { b' ' } else { byte };
            order
                .iter()
                .enumerate()
                .map(|(i, &state)| {
                    let next = row_of(dfa.next_state(Anchored::No, state, byte));
                    if byte == b' ' && entered_on_space.get(i).copied().unwrap_or(false) {
                        i
                    } else {
                        next
                    }
                })
                .collect()
        };
        let mut columns: Vec<Vec<usize>> = Vec::new();
        let mut column_index: HashMap<Vec<usize>, u8> = HashMap::new();
        let mut classes = [0u8; 256];
        for (byte, class) in (0..=u8::MAX).zip(classes.iter_mut()) {
            let next = column(byte);
            *class = match column_index.get(&next) {
                Some(&index) => index,
                None => {
                    let index = u8::try_from(columns.len())
                        .map_err(|_| BuildError("more than 256 byte classes".to_string()))?;
                    column_index.insert(next.clone(), index);
                    columns.push(next);
                    index
                }
            };
        }
        let stride = columns.len();
        let premultiply = |row: usize| {
            State::try_from(row * stride)
                .map_err(|_| BuildError("the phrase automaton is too large".to_string()))
        };
        let mut transitions = vec![0; order.len() * stride];
        for (class, next_rows) in columns.iter().enumerate() {
            for (row, &next) in next_rows.iter().enumerate() {
                if let Some(slot) = transitions.get_mut(row * stride + class) {
                    *slot = premultiply(next)?;
                }
            }
        }
        let match_rows = order.iter().take_while(|&&s| dfa.is_match(s)).count();
        let matches = order
            .iter()
            .take(match_rows)
            .map(|&state| {
                (0..dfa.match_len(state))
                    .map(|index| {
                        let pattern = dfa.match_pattern(state, index);
                        (pattern.as_usize(), dfa.pattern_len(pattern))
                    })
                    .collect()
            })
            .collect();
        Ok(Self {
            classes,
            transitions,
            start: premultiply(row_of(start))?,
            match_limit: premultiply(match_rows)?,
            matches,
            stride,
        })
    }

    #[inline(always)]
    fn next(&self, state: State, byte: u8) -> State {
        // A u8 always indexes the 256-entry class table, and every state plus a class is a table index:
        // both `get`s compile to plain loads, the fallbacks never happen.
        let class = self.classes.get(usize::from(byte)).copied().unwrap_or(0);
        let at = state as usize + usize::from(class);
        self.transitions.get(at).copied().unwrap_or(self.start)
    }

    #[inline(always)]
    fn is_match(&self, state: State) -> bool {
        state < self.match_limit
    }

    /// Steps `folded` through the DFA from byte `from` in `state`, calling `found(pattern, start, end)` for
    /// every phrase that ends on the way, overlapping, in order of end (offsets into the original text).
    #[inline(always)]
    fn walk(
        &self,
        folded: &Folded<'_>,
        mut state: State,
        from: usize,
        found: &mut impl FnMut(usize, usize, usize),
    ) {
        let rest = folded.bytes.get(from..).unwrap_or(&[]);
        for (offset, &byte) in rest.iter().enumerate() {
            state = self.next(state, byte);
            if self.is_match(state) {
                self.report(folded, state, from + offset, found);
            }
        }
    }

    /// Calls `found(pattern, start, end)` for every phrase ending at folded offset `at` (inclusive) in `state`,
    /// if it is a match state. A phrase's start is found by counting its length back over the text, a
    /// whitespace run counting as the one space the phrase has there; offsets are mapped back to the original.
    // Kept out of line: matches are rare, and inlined into the walk's loop this code slowed the walk by a tenth.
    #[inline(never)]
    fn report(
        &self,
        folded: &Folded<'_>,
        state: State,
        at: usize,
        found: &mut impl FnMut(usize, usize, usize),
    ) {
        let bytes: &[u8] = &folded.bytes;
        let end = at + 1;
        for &(pattern, len) in self.matches(state) {
            let start = start_of_phrase(bytes, end, len);
            found(pattern, folded.original(start), folded.original(end));
        }
    }

    /// Every phrase in `text`, as `walk` finds them: how negation cues are searched in a hit's window, so they
    /// read the text exactly as terms do (case, whitespace runs and typographic apostrophes folded), without a
    /// copy.
    fn find_all(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        self.walk(
            &Folded::new(text),
            self.start,
            0,
            &mut |pattern, start, end| {
                found.push((pattern, start, end));
            },
        );
        found
    }

    fn matches(&self, state: State) -> &[(usize, usize)] {
        if !self.is_match(state) {
            return &[];
        }
        let row = state as usize / self.stride.max(1);
        self.matches.get(row).map_or(&[], Vec::as_slice)
    }
}

/// Where a phrase of `len` bytes that ends at `end` begins in `bytes`: its length counted back, a whitespace
/// run counting as one space (phrases never begin or end with one).
fn start_of_phrase(bytes: &[u8], end: usize, len: usize) -> usize {
    let mut at = end;
    for _ in 0..len {
        at = at.saturating_sub(1);
        if bytes.get(at).is_some_and(|b| is_ascii_space(*b)) {
            while at > 0 && bytes.get(at - 1).is_some_and(|b| is_ascii_space(*b)) {
                at -= 1;
            }
        }
    }
    at
}

/// The ASCII bytes `char::is_whitespace` accepts: space, tab, line feed, vertical tab, form feed, return.
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t'..=b'\r')
}

/// One text and its folded form, as the walk reports matches against them.
struct Side<'t> {
    text: &'t str,
    folded: &'t Folded<'t>,
}

/// A text as the phrase DFA reads it. Borrowed, not copied, when it is ASCII or holds nothing to fold (the DFA
/// folds ASCII whitespace itself); otherwise each Unicode space (a no-break space, an em space) is replaced by
/// one space and each typographic apostrophe (`’` and `‘`, as word processors type them) by `'`, so
/// "wouldn’t say where" pasted from a document matches the term "wouldn't say where".
struct Folded<'t> {
    bytes: Cow<'t, [u8]>,
    /// (offset in folded, offset in original) after each replaced run; between anchors offsets move together.
    anchors: Vec<(usize, usize)>,
}

impl<'t> Folded<'t> {
    fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        // The automaton folds ASCII whitespace itself; only Unicode spaces, typographic quotes and quotation
        // marks opening a word need a copy.
        let mut runs = if text.is_ascii() {
            Vec::new()
        } else {
            unicode_folds(text)
        };
        quotes_after_spaces(text, &mut runs);
        if runs.is_empty() {
            return Self {
                bytes: Cow::Borrowed(bytes),
                anchors: Vec::new(),
            };
        }
        let mut out = Vec::with_capacity(bytes.len());
        let mut anchors = vec![(0, 0)];
        let mut copied = 0;
        for (start, end, replacement) in runs {
            out.extend_from_slice(bytes.get(copied..start).unwrap_or(&[]));
            out.push(replacement);
            anchors.push((out.len(), end));
            copied = end;
        }
        out.extend_from_slice(bytes.get(copied..).unwrap_or(&[]));
        Self {
            bytes: Cow::Owned(out),
            anchors,
        }
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

/// Each Unicode space (not ASCII: the automaton folds those) and typographic apostrophe as a byte range with
/// the ASCII byte it reads as, in order. Found with vectorised searches for the lead bytes these have.
fn unicode_folds(text: &str) -> Vec<(usize, usize, u8)> {
    let bytes = text.as_bytes();
    let mut folds: Vec<(usize, usize, u8)> = memchr::memchr3_iter(0xc2, 0xe1, 0xe2, bytes)
        .chain(memchr::memchr_iter(0xe3, bytes))
        .filter_map(
            |at| match (whitespace_width(bytes, at), bytes.get(at..at + 3)) {
                (0, Some([0xe2, 0x80, 0x98 | 0x99])) => Some((at, at + 3, b'\'')),
                (0, Some([0xe2, 0x80, 0x9c | 0x9d])) => Some((at, at + 3, b'"')),
                (0, _) => None,
                (width, _) => Some((at, at + width, b' ')),
            },
        )
        .collect();
    folds.sort_unstable();
    folds
}

/// Each run of quotation marks (`'`, `"`, and their typographic forms) that opens a word, after whitespace or at
/// the start of the text, as spaces: officers quote the words people use (`goes 'OT'`, `clear the "tick"`), and
/// an opening quote is no part of the word, so the run joins the whitespace before it. A mark after a letter is
/// untouched (an apostrophe in "didn't", a possessive a term was written with, "girls'") unless it closes a quote
/// of its kind (single or double) that such a run opened and no word character follows it: then it is a space
/// too, so `'paid' in cider` reads as "paid in cider". `folds` (sorted, from `unicode_folds`) gains each such
/// mark as a space, in place of a typographic mark's own fold; it stays sorted.
fn quotes_after_spaces(text: &str, folds: &mut Vec<(usize, usize, u8)>) {
    let bytes = text.as_bytes();
    // One pass over the marks in text order: ASCII ones and the lead byte of typographic ones (`‘ ’ “ ”` are
    // E2 80 98, 99, 9C, 9D). Most marks are apostrophes inside words and are passed over without allocating.
    let mut spaced: Vec<(usize, usize, u8)> = Vec::new();
    let mut run_end = None;
    // Whether a quote of each kind (single, double) is open: an opening mark of its kind was seen and no closing
    // one since.
    let mut open = [false; 2];
    for at in memchr::memchr3_iter(b'\'', b'"', 0xe2, bytes) {
        let (end, kind) = match bytes.get(at..(at + 3).min(bytes.len())) {
            Some([b'\'', ..]) => (at + 1, 0),
            Some([b'"', ..]) => (at + 1, 1),
            Some([0xe2, 0x80, 0x98 | 0x99]) => (at + 3, 0),
            Some([0xe2, 0x80, 0x9c | 0x9d]) => (at + 3, 1),
            _ => continue,
        };
        let after_space = at == 0
            || (1..=3).any(|width| at >= width && whitespace_width(bytes, at - width) == width);
        let Some(is_open) = open.get_mut(kind) else {
            continue;
        };
        if after_space || run_end == Some(at) {
            spaced.push((at, end, b' '));
            run_end = Some(end);
            *is_open = true;
        } else if *is_open
            && !text
                .get(end..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(is_word_char)
        {
            spaced.push((at, end, b' '));
            *is_open = false;
        }
    }
    if spaced.is_empty() {
        return;
    }
    // A typographic mark already has its fold (to `'` or `"`); it becomes a space instead.
    folds.retain(|fold| spaced.binary_search_by_key(&fold.0, |q| q.0).is_err());
    folds.extend(spaced);
    folds.sort_unstable();
}

/// Negation cues and the terminators that end their reach, in one automaton, with whether each pattern is a
/// terminator; `None` when there is no cue (terminators alone negate nothing).
fn cue_set(
    cues: &[String],
    terminators: &[String],
) -> Result<(Option<Phrases>, Vec<bool>), BuildError> {
    let mut texts: Vec<String> = Vec::new();
    let mut is_terminator = Vec::new();
    for (list, terminator) in [(cues, false), (terminators, true)] {
        for cue in list {
            for cue in spellings(cue) {
                texts.push(cue);
                is_terminator.push(terminator);
            }
        }
    }
    if is_terminator.iter().all(|&t| t) {
        return Ok((None, is_terminator));
    }
    Ok((Some(Phrases::new(&texts)?), is_terminator))
}

/// One hit per term for a span: several terms may share a pattern or a phone number.
fn push_hits(hits: &mut Vec<Hit>, start: usize, end: usize, terms: &[TermIndex]) {
    hits.extend(terms.iter().map(|&term| Hit {
        start,
        end,
        term,
        negated: false,
        between: (end, end),
        anchor: (start, end),
    }));
}

/// A word character exactly as regex `\w` has it: letters, marks (a decomposed "café" is one word: a fuzzing
/// finding), decimal digits of every script, connector punctuation and the zero-width joiners; other numerals
/// (superscript `²`) are not. ASCII is decided here; the rest by regex-syntax's Unicode tables.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    regex_syntax::try_is_word_character(c).unwrap_or_else(|_| c.is_alphanumeric())
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

/// `text` with every whitespace run collapsed to one space: for the negation window here, and for showing a
/// hit in its context in `explain`.
pub fn collapse_whitespace(text: &str) -> String {
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

/// Whether a quotation opens inside `span` after its first character: a quotation mark with whitespace
/// before it and a word character after it (`works "alone`, `is 'his work phone`). An apostrophe inside a word
/// ("didn't") or closing one ("girls' ") is no such mark.
pub fn opens_quotation(span: &str) -> bool {
    let mut previous: Option<char> = None;
    let mut chars = span.chars().peekable();
    while let Some(c) = chars.next() {
        let opens = is_quotation_mark(c)
            && previous.is_some_and(char::is_whitespace)
            && chars.peek().is_some_and(|next| next.is_alphanumeric());
        if opens {
            return true;
        }
        previous = Some(c);
    }
    false
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
                near: &[],
                within: 0,
            })
            .collect();
        let negation = Negation {
            cues: vec![
                "no".into(),
                "no concerns about".into(),
                "no evidence of".into(),
                "not being".into(),
            ],
            post_cues: vec!["no concerns identified".into(), "ruled out".into()],
            terminators: vec!["but".into(), "no money".into()],
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
        // Runs mixing ASCII and Unicode spaces, at the edges of a text and between repeated phrases.
        check(
            &terms,
            "  trap \r\n\u{b}house\u{2003} \u{a0}trap\u{3000}\thouse ",
            &[
                (0, "trap \r\n\u{b}house", false),
                (0, "trap\u{3000}\thouse", false),
            ],
        );
        check(&terms, "trap\r\n", &[]);
    }

    #[test]
    fn typographic_apostrophes_read_as_the_ascii_one() {
        let terms = [
            (Phrase, "wouldn't say where"),
            (Phrase, "children\u{2019}s home"),
        ];
        // Text typed in a word processor, a term typed on a keyboard, and the other way round; the span is the
        // text's own, and a space folded in the same text keeps both offsets right.
        check(
            &terms,
            "He wouldn\u{2019}t\u{a0}say where he had been.",
            &[(0, "wouldn\u{2019}t\u{a0}say where", false)],
        );
        check(
            &terms,
            "Placed at a children's home; she wouldn\u{2018}t say where.",
            &[
                (1, "children's home", false),
                (0, "wouldn\u{2018}t say where", false),
            ],
        );
        // Other quotation marks are not apostrophes.
        check(&terms, "wouldn\u{201d}t say where", &[]);
        // Negation cues are read the same way.
        let negated = Negation {
            cues: vec!["didn't see".into()],
            post_cues: Vec::new(),
            terminators: Vec::new(),
            window: 80,
            window_words: 5,
        };
        let pattern = [Pattern {
            term: TermIndex(0),
            kind: Phrase,
            text: "trap house",
            near: &[],
            within: 0,
        }];
        let matcher = Matcher::new(&pattern, &negated).unwrap();
        let hits = matcher.find("Officers didn\u{2019}t see a trap house there.");
        assert_eq!(hits.len(), 1);
        assert!(hits.iter().all(|h| h.negated));
    }

    #[test]
    fn a_quotation_mark_opening_a_word_is_no_part_of_it() {
        let terms = [
            (Phrase, "goes OT"),
            (Phrase, "clear the tick"),
            (Phrase, "users' flats"),
            (Phrase, "girls'"),
            (Phrase, "'trap house"),
        ];
        // The closing ” after "trap" closes the “ before it, so it reads as a space and "trap house" is there.
        check(
            &terms,
            "he goes 'OT' and has to clear the \"tick\"; at the \u{201c}trap\u{201d} house",
            &[
                (0, "goes 'OT", false),
                (1, "clear the \"tick", false),
                (4, "trap\u{201d} house", false),
            ],
        );
        // Quotes after a space, however many and of whatever kind, join the space; a typographic one too.
        check(
            &terms,
            "goes \u{2003}'\u{201c} OT",
            &[(0, "goes \u{2003}'\u{201c} OT", false)],
        );
        // A mark after a letter that closes a quote opened after a space is a space too, so a quoted word inside
        // a phrase does not break it; one that closes nothing is untouched: an apostrophe a term was written
        // with, a possessive.
        check(
            &terms,
            "'goes' OT, the users' flats",
            &[(0, "goes' OT", false), (2, "users' flats", false)],
        );
        check(&terms, "the girls' home", &[(3, "girls'", false)]);
        check(&terms, "the 'girls' home", &[]);
        check(
            &terms,
            "he \u{2018}goes\u{2019} OT",
            &[(0, "goes\u{2019} OT", false)],
        );
        // A mark with a word character after it closes nothing ("'didn't'" keeps its apostrophe), and a quote
        // closes only one of its own kind: a single mark does not close a double quote.
        check(&terms, "\"goes' OT", &[]);
        check(&terms, "'goes'OT", &[]);
        // A term written with an opening quote is the word without it.
        check(&terms, "the 'trap house", &[(4, "trap house", false)]);
        // Typographic quotes read as their ASCII forms, in a term as in the text (a fuzzing finding: a term's
        // closing “ was kept while the text's was folded). A term's closing quote closes its opening one, so the
        // term is the words between them.
        let quoted = [(Phrase, "\u{201c}trap house\u{201d}")];
        check(
            &quoted,
            "at the \u{201c}trap house\u{201d} again; the \"trap house\" too",
            &[(0, "trap house", false), (0, "trap house", false)],
        );
        // Between two letters a mark is no opening quote.
        check(&terms, "goes'OT", &[]);
    }

    #[test]
    fn an_inner_apostrophe_may_be_left_out() {
        let terms = [
            (Phrase, "won't let me leave"),
            (Phrase, "children\u{2019}s home"),
            (Phrase, "girls'"),
        ];
        check(
            &terms,
            "she said they wont let me leave the childrens home",
            &[
                (0, "wont let me leave", false),
                (1, "childrens home", false),
            ],
        );
        // An apostrophe at a term's edge is part of what the SME wrote; a space is not a dropped apostrophe.
        check(&terms, "the girls home; they won t let me leave", &[]);
        check(&terms, "the girls' home", &[(2, "girls'", false)]);
        let negation = Negation {
            cues: vec!["didn't see".into()],
            window: 80,
            window_words: 5,
            ..Negation::default()
        };
        let pattern = [Pattern {
            term: TermIndex(0),
            kind: Phrase,
            text: "trap house",
            near: &[],
            within: 0,
        }];
        let matcher = Matcher::new(&pattern, &negation).unwrap();
        let hits = matcher.find("Officers didnt see a trap house there.");
        assert_eq!(hits.len(), 1);
        assert!(hits.iter().all(|h| h.negated));
    }

    #[test]
    fn word_characters_are_regex_word_characters() {
        // A decimal digit of any script is a word character (NKo seven, a fuzzing finding); superscript two is
        // a number but not a decimal digit, so not one.
        let terms = [(Phrase, "e\u{301}"), (Phrase, "x²")];
        check(&terms, "e\u{301}\u{7c7}", &[]);
        check(&terms, "e\u{301}\u{966} x²y", &[(1, "x²", false)]);
        check(&terms, "e\u{301}=", &[(0, "e\u{301}", false)]);
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

    /// Each case is a text holding the term "county lines" once: the hit as written, and whether it is negated
    /// under `check`'s cues ("no concerns about", "no evidence of"; post: "no concerns identified", "ruled out";
    /// terminator: "but").
    fn check_county_lines(cases: &[(&str, &str, bool)]) {
        for &(text, hit, negated) in cases {
            check(&[(Phrase, "county lines")], text, &[(0, hit, negated)]);
        }
    }

    #[test]
    fn negation_within_sentence_only() {
        check_county_lines(&[
            (
                "There are no concerns about county lines.",
                "county lines",
                true,
            ),
            (
                "No concerns about her. County lines suspected.",
                "County lines",
                false,
            ),
            (
                "no evidence of drugs but county lines suspected",
                "county lines",
                false,
            ),
        ]);
    }

    #[test]
    fn a_cue_may_end_inside_the_hit_a_terminator_may_not() {
        // (term, text, whether its one hit is negated) under `check`'s cues ("no", "not being") and terminators
        // ("but", "no money").
        let cases = [
            // The cue shares the hit's first word.
            ("being exploited", "She is not being exploited.", true),
            ("being exploited", "She is being exploited.", false),
            // A terminator cuts a cue off only from between it and the hit: "no money" ends a clause in "no money,
            // no food", but in "no money laundering" it holds the cue "no".
            ("money laundering", "Assessed - no money laundering.", true),
            ("kept in the flat", "No money, kept in the flat.", false),
            // A cue that begins where the hit begins is the term's own words, not a negation of it.
            (
                "no evidence of exploitation",
                "Officers found no evidence of exploitation.",
                false,
            ),
        ];
        for (term, text, negated) in cases {
            let at = text.to_lowercase().find(term).unwrap();
            let hit = &text[at..at + term.len()];
            check(&[(Phrase, term)], text, &[(0, hit, negated)]);
        }
    }

    #[test]
    fn cues_are_read_as_terms_are() {
        check_county_lines(&[
            // Whitespace runs, a tab, a no-break space, an em space and capitals inside a cue; the hit's offsets
            // stay the text's.
            ("NO  Concerns about county lines.", "county lines", true),
            (
                "no\tconcerns\u{a0}about county lines.",
                "county lines",
                true,
            ),
            (
                "No concerns \u{2003} about county lines.",
                "county lines",
                true,
            ),
            (
                "county lines – screening done, no\u{a0}concerns  identified.",
                "county lines",
                true,
            ),
            // A cue glued to a word is not a cue, wherever the glue comes from.
            ("Xno concerns about county lines.", "county lines", false),
            // A line break still ends the sentence, though it is whitespace to a cue.
            ("no concerns about\ncounty lines", "county lines", false),
        ]);
    }

    #[test]
    fn post_negation_within_sentence_and_words() {
        check_county_lines(&[
            (
                "County lines considered - screening completed, no concerns identified.",
                "County lines",
                true,
            ),
            ("County lines was ruled out.", "County lines", true),
            // A cue in the next sentence, past a terminator, or too many words on does not reach back.
            (
                "County lines suspected. No concerns identified at school.",
                "County lines",
                false,
            ),
            (
                "County lines suspected but no concerns identified at home.",
                "County lines",
                false,
            ),
            (
                "County lines suspected by the school and the youth worker, no concerns identified by mum.",
                "County lines",
                false,
            ),
        ]);
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

    #[test]
    fn a_quotation_opens_inside_a_span() {
        let cases = [
            ("works \"alone", true),
            ("is 'his work phone", true),
            ("works \u{201c}alone", true),
            ("works alone", false),
            // a quotation the span begins in, or closes inside it, is not one opening there
            ("\"no concerns identified", false),
            ("no new friends\" said", false),
            // apostrophes inside and after words
            ("didn't work alone", false),
            ("the girls' flat", false),
            ("a ' stray mark", false),
        ];
        for (span, expected) in cases {
            assert_eq!(opens_quotation(span), expected, "{span}");
        }
    }
}
