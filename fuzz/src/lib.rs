//! Shared pieces of the fuzz targets: independent oracles for the phone scanner and the phrase matcher, the
//! readable input format of the `matcher` target, and a minimal policy pack for the `policy_loader` target.
//!
//! The oracles restate the documented contract (src/matcher.rs, src/phone.rs) without reusing the crate's code:
//! a regex for the shape of a UK number, and a byte-by-byte, char-boundary-by-char-boundary search for phrases.
//! They are deliberately slow and simple; the targets keep their inputs small.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use ndas::policy::PolicyFiles;
use regex::Regex;

// ---------------------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------------------

/// The shape of one UK number, anchored at its first byte: trunk prefix (`+44`/`0044`, spaces, optional `(0)`,
/// or a bare `0`), then ten national digits (the first not `0`), each preceded by at most two separators.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:\+44|0044) *(?:\(0\))?|0)[ \-./()]{0,2}[1-9](?:[ \-./()]{0,2}[0-9]){9}")
        .expect("the oracle regex compiles")
});

/// The national form (`0` and ten digits) of a number written as `span` (a match of `NUMBER`).
fn national_of(span: &str) -> String {
    let rest = match span
        .strip_prefix("+44")
        .or_else(|| span.strip_prefix("0044"))
    {
        Some(rest) => {
            let rest = rest.trim_start_matches(' ');
            rest.strip_prefix("(0)").unwrap_or(rest)
        }
        None => span.get(1..).unwrap_or(""),
    };
    let mut national = String::from("0");
    national.extend(rest.chars().filter(char::is_ascii_digit));
    national
}

/// The oracle for `ndas::phone::scan`: numbers left to right, not overlapping, none glued to a letter, digit
/// (or `+`) before it or a letter or digit after it.
pub fn phone_scan(text: &str) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some(rest) = text.get(at..) else {
            at += 1; // not a char boundary
            continue;
        };
        let first = rest.chars().next();
        let before = text.get(..at).and_then(|b| b.chars().next_back());
        let glued_before = before.is_some_and(|c| c.is_alphanumeric() || c == '+');
        if matches!(first, Some('0' | '+'))
            && !glued_before
            && let Some(m) = NUMBER.find(rest)
        {
            let end = at + m.end();
            let after = text.get(end..).and_then(|a| a.chars().next());
            if !after.is_some_and(char::is_alphanumeric) {
                // A bracket opened just before the number is part of it when the number closes it (a bracketed
                // area code, "(07700) 900123"); a number merely written in brackets is the number without.
                let mut depth = 0i32;
                let closes_unopened = m.as_str().chars().any(|c| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth < 0
                });
                let start = if before == Some('(') && closes_unopened {
                    at - 1
                } else {
                    at
                };
                found.push((start, end, national_of(m.as_str())));
                at = end;
                continue;
            }
        }
        at += 1;
    }
    found
}

/// The oracle for `ndas::phone::normalise`: the whole (trimmed) text is exactly one number.
pub fn phone_normalise(written: &str) -> Option<String> {
    let trimmed = written.trim();
    match phone_scan(trimmed).as_slice() {
        [(0, end, national)] if *end == trimmed.len() => Some(national.clone()),
        _ => None,
    }
}

/// True for a national form: `0`, a digit other than `0`, nine more digits.
pub fn is_national(number: &str) -> bool {
    let bytes = number.as_bytes();
    bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes.first() == Some(&b'0')
        && bytes.get(1) != Some(&b'0')
}

/// The ways officers write `national` (the formats in src/phone.rs), chosen by `style`.
pub fn phone_format(national: &str, style: usize) -> String {
    let d = |range: std::ops::Range<usize>| national.get(range).unwrap_or("");
    match style % 9 {
        0 => national.to_string(),
        1 => format!("{} {}", d(0..5), d(5..11)),
        2 => format!("+44 {} {}", d(1..5), d(5..11)),
        3 => format!("0044 {}-{}-{}", d(1..5), d(5..8), d(8..11)),
        4 => format!("+44 (0){} {}", d(1..5), d(5..11)),
        5 => format!("{}.{}.{}", d(0..5), d(5..8), d(8..11)),
        6 => format!("({}) {}", d(0..5), d(5..11)),
        7 => format!("+44{}", d(1..11)),
        _ => format!("0044   (0) {}/{}", d(1..5), d(5..11)),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Phrases
// ---------------------------------------------------------------------------------------------------------

/// A word character as the matcher's contract defines it: regex's Unicode `\w` (letters, marks, decimal
/// digits, connector punctuation, joiners), asked of the regex crate rather than copied from the matcher's own
/// tables, so the two can disagree. Superscript `²` is a number but not a decimal digit, so not `\w`.
pub fn is_word_char(c: char) -> bool {
    static WORD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\w$").unwrap_or_else(|_| unreachable!("a valid pattern"))
    });
    let mut buffer = [0u8; 4];
    WORD.is_match(c.encode_utf8(&mut buffer))
}

/// Every occurrence of phrase `term` in `text` as byte spans, overlapping ones included: the term's words (less
/// any quotation marks opening them) in order, ASCII case-insensitively, separated in the text by whitespace
/// followed by any whitespace and quotation marks; a term edge that is a word character must not have a word
/// character beside it in the text. A quotation mark that closes a quote reads as whitespace
/// ([`blank_closing_quotes`]).
pub fn phrase_spans(text: &str, term: &str) -> Vec<(usize, usize)> {
    // In the term as in the text: its closing quote (`"trap house"`) is no part of it.
    let (blanked_text, blanked_term) = (blank_closing_quotes(text), blank_closing_quotes(term));
    let (text, term) = (blanked_text.as_str(), blanked_term.as_str());
    let mut spans = spans_as_written(text, term);
    // The apostrophes between two letters or digits of the term may all be left out in the text.
    let chars: Vec<char> = term.chars().collect();
    let alnum = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphanumeric())
    };
    let stripped: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            !(matches!(c, '\'' | '\u{2018}' | '\u{2019}')
                && alnum(i.checked_sub(1))
                && alnum(Some(i + 1)))
        })
        .map(|(_, c)| *c)
        .collect();
    if stripped != term {
        spans.extend(spans_as_written(text, &stripped));
        spans.sort_unstable();
        spans.dedup();
    }
    spans
}

/// `text` with each quotation mark that closes a quote as spaces of its byte length (so spans keep their
/// offsets): a mark of one kind (single: `'` `‘` `’`; double: `"` `“` `”`) that does not itself open a word (at
/// the start, after whitespace, or right after a mark that does), where a mark of its kind opened a quote that no
/// mark has closed since, and no word character follows it.
fn blank_closing_quotes(text: &str) -> String {
    let kind = |c: char| match c {
        '\'' | '\u{2018}' | '\u{2019}' => Some(0),
        '"' | '\u{201c}' | '\u{201d}' => Some(1),
        _ => None,
    };
    let mut out = String::with_capacity(text.len());
    let mut open = [false, false];
    let mut previous: Option<char> = None;
    let mut previous_opened = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let opened = match kind(c) {
            Some(k) if previous.is_none_or(char::is_whitespace) || previous_opened => {
                open[k] = true;
                out.push(c);
                true
            }
            Some(k) if open[k] && !chars.peek().is_some_and(|&n| is_word_char(n)) => {
                open[k] = false;
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
                false
            }
            _ => {
                out.push(c);
                false
            }
        };
        previous = Some(c);
        previous_opened = opened;
    }
    out
}

/// The quotation marks the contract names: `'`, `"` and their typographic forms.
fn is_quotation_mark(c: char) -> bool {
    matches!(c, '\'' | '"' | '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}')
}

/// Bytes at the start of `text` that separate two words of a phrase: whitespace, then any whitespace and
/// quotation marks; 0 when `text` does not start with whitespace.
fn phrase_gap(text: &str) -> usize {
    if !text.starts_with(char::is_whitespace) {
        return 0;
    }
    text.chars()
        .take_while(|&c| c.is_whitespace() || is_quotation_mark(c))
        .map(char::len_utf8)
        .sum()
}

fn spans_as_written(text: &str, term: &str) -> Vec<(usize, usize)> {
    let words: Vec<&str> = term
        .split_whitespace()
        .map(|w| w.trim_start_matches(is_quotation_mark))
        .filter(|w| !w.is_empty())
        .collect();
    let (Some(first_word), Some(last_word)) = (words.first(), words.last()) else {
        return Vec::new();
    };
    let starts_with_word = first_word.chars().next().is_some_and(is_word_char);
    let ends_with_word = last_word.chars().next_back().is_some_and(is_word_char);
    let mut spans = Vec::new();
    'start: for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
        let mut at = start;
        for (k, word) in words.iter().enumerate() {
            if k > 0 {
                let gap = phrase_gap(text.get(at..).unwrap_or(""));
                if gap == 0 {
                    continue 'start;
                }
                at += gap;
            }
            match word_at(text, at, word) {
                Some(len) => at += len,
                None => continue 'start,
            }
        }
        let before = text.get(..start).and_then(|b| b.chars().next_back());
        let after = text.get(at..).and_then(|a| a.chars().next());
        if starts_with_word && before.is_some_and(is_word_char) {
            continue;
        }
        if ends_with_word && after.is_some_and(is_word_char) {
            continue;
        }
        spans.push((start, at));
    }
    spans
}

/// The length in `text` of `word` written at byte `at`: ASCII case-insensitively, a typographic apostrophe
/// (`’`, `‘`) on either side standing for `'` and a typographic double quote (`“`, `”`) for `"`.
fn word_at(text: &str, at: usize, word: &str) -> Option<usize> {
    let fold = |c: char| match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        c => c.to_ascii_lowercase(),
    };
    let mut chars = text.get(at..)?.chars();
    let mut len = 0;
    for expected in word.chars() {
        let found = chars.next()?;
        if fold(found) != fold(expected) {
            return None;
        }
        len += found.len_utf8();
    }
    Some(len)
}

/// True if `term` has something to match: at least one non-whitespace character.
pub fn phrase_is_searchable(term: &str) -> bool {
    term.split_whitespace().next().is_some()
}

/// Every whitespace run collapsed to one space (written here, not borrowed from the crate).
fn collapse(text: &str) -> String {
    let mut out = String::new();
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// The negation contract for a hit starting at `start`: the last cue or terminator occurrence (by end) in the
/// hit's sentence within `window` bytes decides; a cue negates when at most `window_words` words stand between
/// it and the hit. `None` when a cue and a terminator end at the same place (the contract does not say which
/// wins), so the target does not judge that hit.
pub fn negated(
    text: &str,
    start: usize,
    cues: &[String],
    terminators: &[String],
    window: usize,
    window_words: usize,
) -> Option<bool> {
    let mut from = start.saturating_sub(window);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..start)?;
    let sentence_start = before
        .char_indices()
        .filter(|&(_, c)| matches!(c, '.' | '!' | '?' | ';' | '\n'))
        .map(|(at, c)| at + c.len_utf8())
        .next_back()
        .unwrap_or(0);
    let haystack = collapse(before.get(sentence_start..)?);
    let last_end = |list: &[String]| {
        list.iter()
            .flat_map(|phrase| phrase_spans(&haystack, phrase))
            .map(|(_, end)| end)
            .max()
    };
    match (last_end(cues), last_end(terminators)) {
        (None, _) => Some(false),
        (Some(cue), Some(stop)) if stop == cue => None,
        (Some(cue), Some(stop)) if stop > cue => Some(false),
        (Some(cue), _) => {
            let between = haystack.get(cue..).unwrap_or("");
            Some(between.split_whitespace().count() <= window_words)
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// The `matcher` target's input: readable, so seeds are plain text files
// ---------------------------------------------------------------------------------------------------------

/// A term of the `matcher` target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuzzTerm {
    pub phone: bool,
    pub text: String,
}

/// The `matcher` target's input, parsed from text:
///
/// ```text
/// county lines            one term per line until `===`; `tel:` makes a phone term,
/// tel:07700 900123        `cue:` a negation cue, `stop:` a terminator, `window:N words:M` the window
/// cue:no concerns about
/// stop:but
/// ===
/// a text with {0:3} and {1:2} in it      texts separated by `===` lines; `{T:S}` writes term T in style S
/// ===
/// another text
/// ```
#[derive(Clone, Debug, Default)]
pub struct MatcherInput {
    pub terms: Vec<FuzzTerm>,
    pub cues: Vec<String>,
    pub terminators: Vec<String>,
    pub window: usize,
    pub window_words: usize,
    pub texts: Vec<String>,
}

pub const MAX_TERMS: usize = 24;
pub const MAX_CUES: usize = 8;
pub const MAX_TEXTS: usize = 11;
pub const MAX_TEXT_BYTES: usize = 2048;

/// Whitespace the text may use between a term's words.
const GAPS: &[&str] = &[
    " ", "  ", "\t", "\n", "\r\n", " \u{a0}", "\u{a0}", "\u{3000}", "\u{2028}", "\u{85}", " \n\t ",
];

impl MatcherInput {
    pub fn parse(input: &str) -> Self {
        let mut parsed = MatcherInput {
            window: 80,
            window_words: 5,
            ..Default::default()
        };
        let mut sections = input.split("\n===\n");
        for line in sections.next().unwrap_or("").lines() {
            if let Some(phone) = line.strip_prefix("tel:") {
                parsed.terms.push(FuzzTerm {
                    phone: true,
                    text: phone.to_string(),
                });
            } else if let Some(cue) = line.strip_prefix("cue:") {
                parsed.cues.push(cue.to_string());
            } else if let Some(stop) = line.strip_prefix("stop:") {
                parsed.terminators.push(stop.to_string());
            } else if let Some(numbers) = line.strip_prefix("window:") {
                let mut parts = numbers.split(" words:");
                if let Some(window) = parts.next().and_then(|w| w.trim().parse::<usize>().ok()) {
                    parsed.window = window.min(4096);
                }
                if let Some(words) = parts.next().and_then(|w| w.trim().parse::<usize>().ok()) {
                    parsed.window_words = words.min(64);
                }
            } else {
                parsed.terms.push(FuzzTerm {
                    phone: false,
                    text: line.to_string(),
                });
            }
        }
        parsed.terms.truncate(MAX_TERMS);
        parsed.cues.truncate(MAX_CUES);
        parsed.terminators.truncate(MAX_CUES);
        for raw in sections.take(MAX_TEXTS) {
            let mut text = parsed.expand(raw);
            let mut cut = text.len().min(MAX_TEXT_BYTES);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            parsed.texts.push(text);
        }
        parsed
    }

    /// `raw` with each `{T:S}` replaced by term `T` (modulo the number of terms) written in style `S`.
    fn expand(&self, raw: &str) -> String {
        let mut out = String::new();
        let mut rest = raw;
        while let Some(open) = rest.find('{') {
            out.push_str(rest.get(..open).unwrap_or(""));
            let after = rest.get(open + 1..).unwrap_or("");
            let placeholder = after.find('}').and_then(|close| {
                let inner = after.get(..close)?;
                let (t, s) = inner.split_once(':').unwrap_or((inner, "0"));
                Some((t.parse::<usize>().ok()?, s.parse::<usize>().ok()?, close))
            });
            match (placeholder, self.terms.is_empty()) {
                (Some((t, s, close)), false) => {
                    if let Some(term) = self.terms.get(t % self.terms.len()) {
                        out.push_str(&render(term, s));
                    }
                    rest = after.get(close + 1..).unwrap_or("");
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
            if out.len() > MAX_TEXT_BYTES {
                return out;
            }
        }
        out.push_str(rest);
        out
    }
}

/// A term as a text might contain it: a phone number in one of the written formats; a phrase with its words
/// in upper, lower or mixed case and any whitespace between them.
pub fn render(term: &FuzzTerm, style: usize) -> String {
    if term.phone {
        return match phone_normalise(&term.text) {
            Some(national) => phone_format(&national, style),
            None => term.text.clone(),
        };
    }
    let gap = GAPS.get((style / 4) % GAPS.len()).copied().unwrap_or(" ");
    let words: Vec<String> = term
        .text
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| match (style + i) % 4 {
            0 => w.to_ascii_uppercase(),
            1 => w.to_ascii_lowercase(),
            2 => w.to_string(),
            _ => w
                .chars()
                .enumerate()
                .map(|(j, c)| {
                    if j % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect(),
        })
        .collect();
    words.join(gap)
}

// ---------------------------------------------------------------------------------------------------------
// The `policy_loader` target's base pack
// ---------------------------------------------------------------------------------------------------------

pub const MINIMAL_USE_CASE: &str = "fz";

pub const MINIMAL_MANIFEST: &str = r#"name: fz
description: minimal use case for fuzzing the policy loader
categories: [line, csae]
labels: [criminal_exploitation, sexual_exploitation]
classify:
  script: classify.rhai
  threshold: 2
  evaluate: events_with_hits
negation:
  window: 40
  window_words: 3
  cues: ["no", no concerns about]
  terminators: [but]
stale_intelligence: skip
permitted_attributes:
  - attribute: age
    reason: children cannot consent
scores:
  involvement:
    script: score.rhai
    min: 0
    max: 10
people:
  involvement_split: 4
  match_probability: 0.8
  subject_roles: [suspect, victim]
networks:
  tie_roles: [suspect, victim]
  hops: 1
  hop_roles: [suspect]
  max_event_size: 10
  min_size: 3
  exact_betweenness_up_to: 100
  betweenness_samples: 10
  entities:
    - category: line
      source: intelligence
  harm:
    script: network.rhai
    min: 0
    max: 15
"#;

pub const MINIMAL_SCRIPT: &str = r#"// minimal classify script
fn classify(event) {
    if event.hits.len() > 0 {
        fire("FZ-01", 2, `hits: ${event.hits.len()}`, "criminal_exploitation");
    }
}
"#;

pub const MINIMAL_SCORE: &str = "fn score(person) { fire(\"FZ-S1\", 1, \"seen\"); }\n";

pub const MINIMAL_NETWORK: &str =
    "fn score(n) { if n.size > 3 { fire(\"FZ-N1\", n.size / 2, `size ${n.size}`); } }\n";

pub const MINIMAL_LIST: &str = r#"list: line
category: line
description: "two terms"
terms:
  - id: FZ-0001
    term: "trap  house"
    match: phrase
    strength: strong
    source: sme
    added: 2026-01-01
    added_by: fuzz
    rationale: "a phrase with a double space"
    examples:
      match: ["seen at the TRAP HOUSE today"]
      no_match: ["the trapdoor", "no concerns about a trap house"]
  - id: FZ-0002
    term: "+44 (0)7700 900123"
    match: phone
    source: intelligence
    added: 2026-01-01
    added_by: fuzz
    rationale: "a deal line"
    review_by: 2026-06-01
"#;

/// The minimal pack: manifest, classify, score and network scripts, one term list.
pub fn minimal_pack() -> PolicyFiles {
    let files: BTreeMap<String, Arc<str>> = [
        ("rules/fz/usecase.yaml", MINIMAL_MANIFEST),
        ("rules/fz/classify.rhai", MINIMAL_SCRIPT),
        ("rules/fz/score.rhai", MINIMAL_SCORE),
        ("rules/fz/network.rhai", MINIMAL_NETWORK),
        ("reference_files/fz/line.yaml", MINIMAL_LIST),
    ]
    .into_iter()
    .map(|(path, text)| (path.to_string(), Arc::from(text)))
    .collect();
    PolicyFiles {
        use_case: MINIMAL_USE_CASE.to_string(),
        files,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_oracle_agrees_on_documented_formats() {
        for written in [
            "07700 900123",
            "07700900123",
            "+44 7700 900123",
            "0044 7700-900-123",
            "+44 (0)7700 900123",
            "07700.900.123",
        ] {
            assert_eq!(
                phone_normalise(written).as_deref(),
                Some("07700900123"),
                "{written}"
            );
        }
        assert_eq!(phone_scan("ref 0770090012345"), vec![]);
        assert_eq!(phone_scan("a07700900123"), vec![]);
        for style in 0..9 {
            assert_eq!(
                phone_normalise(&phone_format("07700900123", style)).as_deref(),
                Some("07700900123")
            );
        }
        // A bracketed area code belongs to the number (findings/); a number in brackets does not take them.
        assert_eq!(
            phone_scan("(07700) 900123"),
            vec![(0, 14, "07700900123".to_string())]
        );
        assert_eq!(
            phone_scan("(07700 900123)"),
            vec![(1, 13, "07700900123".to_string())]
        );
    }

    #[test]
    fn phrase_oracle() {
        assert_eq!(
            phrase_spans("the TRAP \n HOUSE", "trap house"),
            vec![(4, 16)]
        );
        assert_eq!(phrase_spans("trapdoor", "trap"), vec![]);
        assert_eq!(phrase_spans("county lines", "lines"), vec![(7, 12)]);
        assert_eq!(phrase_spans("x-- y", "--"), vec![(1, 3)]);
        assert_eq!(phrase_spans("won\u{2019}t go", "won't go"), vec![(0, 10)]);
        assert_eq!(phrase_spans("they wont go", "won't go"), vec![(5, 12)]);
        assert_eq!(phrase_spans("the girls home", "girls'"), vec![]);
    }

    #[test]
    fn minimal_pack_compiles() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let compiled = ndas::policy::compile(&minimal_pack(), as_of);
        assert!(compiled.is_ok(), "{:?}", compiled.err());
    }

    #[test]
    fn matcher_input_parses() {
        let input = MatcherInput::parse(
            "trap house\ntel:07700 900123\ncue:no\n===\nat the {0:5} on {1:4}\n===\nx",
        );
        assert_eq!(input.terms.len(), 2);
        assert_eq!(input.texts.len(), 2);
        assert_eq!(input.texts[0], "at the trap  house on +44 (0)7700 900123");
    }
}
