//! The matcher against an independent oracle: one regex per phrase term (`\b`, `\s+` between words, `(?i)`)
//! and one regex per phone term (any prefix and separators), run from every start position so overlapping
//! occurrences count. Texts are generated from the shipped terms, decoys, random whitespace, case and phone
//! formats, so the two implementations meet the awkward cases thousands of times.

use std::collections::BTreeSet;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use regex::Regex;

use ndas::matcher::TermKind;

use super::common;

/// The regexes for a phrase term: as written and, when it has any, with the apostrophes between two letters
/// left out (the contract lets the text drop all of them).
fn phrase_regexes(term: &str) -> Vec<Regex> {
    // A term's closing quote (`"trap house"`) is no part of it, as in the text.
    let blanked = blank_closing_quotes(term);
    let term = blanked.as_str();
    let chars: Vec<char> = term.chars().collect();
    let alnum = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphanumeric())
    };
    let stripped: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| !(*c == '\'' && alnum(i.checked_sub(1)) && alnum(Some(i + 1))))
        .map(|(_, c)| *c)
        .collect();
    let mut regexes = vec![phrase_regex(term)];
    if stripped != term {
        regexes.push(phrase_regex(&stripped));
    }
    regexes
}

const QUOTES: &[char] = &['\'', '"', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}'];

fn phrase_regex(term: &str) -> Regex {
    // A typographic apostrophe in the text stands for the ASCII one in the term. Quotation marks opening a
    // word are no part of it: between words the text may hold them after its whitespace.
    let words: Vec<String> = term
        .split_whitespace()
        .map(|w| w.trim_start_matches(QUOTES))
        .filter(|w| !w.is_empty())
        .map(|w| {
            regex::escape(w)
                .replace(['\'', '\u{2018}', '\u{2019}'], "['\u{2018}\u{2019}]")
                .replace(['"', '\u{201c}', '\u{201d}'], "[\"\u{201c}\u{201d}]")
        })
        .collect();
    let body = words.join(r#"\s[\s'"\u{2018}\u{2019}\u{201c}\u{201d}]*"#);
    let trimmed: Vec<&str> = term
        .split_whitespace()
        .map(|w| w.trim_start_matches(QUOTES))
        .filter(|w| !w.is_empty())
        .collect();
    let first_word = trimmed
        .first()
        .and_then(|w| w.chars().next())
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    let last_word = trimmed
        .last()
        .and_then(|w| w.chars().next_back())
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    Regex::new(&format!(
        "(?i){}{}{}",
        if first_word { r"\b" } else { "" },
        body,
        if last_word { r"\b" } else { "" }
    ))
    .unwrap()
}

fn phone_regex(term: &str) -> Regex {
    let national: String = term.chars().filter(char::is_ascii_digit).collect();
    let national = national
        .strip_prefix("44")
        .map(|n| format!("0{n}"))
        .unwrap_or(national);
    let digits: Vec<String> = national
        .chars()
        .skip(1)
        .map(|d| format!(r"[ \-./()]{{0,2}}{d}"))
        .collect();
    Regex::new(&format!(
        r"(?:\+44 *(?:\(0\))?|0044 *(?:\(0\))?|0){}",
        digits.join("")
    ))
    .unwrap()
}

/// `text` with each quotation mark that closes a quote as spaces of its byte length, as the contract reads it: a
/// mark of one kind (single: `'` `‘` `’`; double: `"` `“` `”`) that does not itself open a word (at the start,
/// after whitespace, or right after a mark that does), where a mark of its kind opened a quote that no mark has
/// closed since, and no word character follows it.
fn blank_closing_quotes(text: &str) -> String {
    let kind = |c: char| match c {
        '\'' | '\u{2018}' | '\u{2019}' => Some(0),
        '"' | '\u{201c}' | '\u{201d}' => Some(1),
        _ => None,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut open = [false, false];
    let mut previous_opened = false;
    for (i, &c) in chars.iter().enumerate() {
        let Some(k) = kind(c) else {
            out.push(c);
            previous_opened = false;
            continue;
        };
        let after_space = i == 0 || chars[i - 1].is_whitespace();
        let word_follows = chars
            .get(i + 1)
            .is_some_and(|n| n.is_alphanumeric() || *n == '_');
        if after_space || previous_opened {
            open[k] = true;
            previous_opened = true;
            out.push(c);
        } else if open[k] && !word_follows {
            open[k] = false;
            previous_opened = false;
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            previous_opened = false;
            out.push(c);
        }
    }
    out
}

/// All (start, end) of `re` in `text`, trying every start, keeping only matches not glued to letters/digits.
fn oracle_spans(re: &Regex, text: &str, phone: bool) -> Vec<(usize, usize)> {
    let mut spans = BTreeSet::new();
    for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
        if let Some(m) = re.find_at(text, start) {
            if m.start() != start {
                continue;
            }
            if phone {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '+')
                    || after.is_some_and(|c| c.is_alphanumeric())
                {
                    continue;
                }
            }
            spans.insert((m.start(), m.end()));
        }
    }
    let spans: Vec<(usize, usize)> = spans.into_iter().collect();
    // A number is one occurrence however it is written: "+44 (0)7700 ..." also contains "0)7700 ...".
    spans
        .iter()
        .copied()
        .filter(|&(s, e)| {
            !spans
                .iter()
                .any(|&(s2, e2)| (s2, e2) != (s, e) && s2 <= s && e <= e2)
        })
        .collect()
}

fn phone_formats(national: &str, rng: &mut ChaCha8Rng) -> String {
    let rest = &national[1..];
    match rng.gen_range(0..6) {
        0 => national.to_string(),
        1 => format!("{} {}", &national[..5], &national[5..]),
        2 => format!("+44 {} {}", &rest[..4], &rest[4..]),
        3 => format!("0044 {}-{}-{}", &rest[..4], &rest[4..7], &rest[7..]),
        4 => format!("+44 (0){} {}", &rest[..4], &rest[4..]),
        _ => format!("{}.{}.{}", &national[..5], &national[5..8], &national[8..]),
    }
}

fn generate(rng: &mut ChaCha8Rng, words: &[String], phones: &[String]) -> String {
    let fillers = [
        "the",
        "trapdoor",
        "line",
        "manager",
        "Phone",
        "lines",
        "online",
        "party",
        "x",
        "07700",
        "90012",
        "£20",
        "“quoted”",
        "café",
        "no",
        "concerns",
        "about",
    ];
    let separators = [
        " ",
        " ",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        " \u{b}\u{c} ",
        ", ",
        ". ",
        " (",
        ") ",
        "-",
        "\u{a0}",
        " \u{2003}\t",
        "\u{3000}",
    ];
    let mut text = String::new();
    for _ in 0..rng.gen_range(5..40) {
        let piece = match rng.gen_range(0..10) {
            0..=4 => words[rng.gen_range(0..words.len())].clone(),
            5 => phone_formats(&phones[rng.gen_range(0..phones.len())], rng),
            _ => fillers[rng.gen_range(0..fillers.len())].to_string(),
        };
        // Terms with an apostrophe ("children's home") sometimes arrive as a word processor types them, and
        // sometimes typed without.
        let piece = match rng.gen_range(0..3) {
            0 => piece.replace('\'', "\u{2019}"),
            1 => piece.replace('\'', ""),
            _ => piece,
        };
        // Officers quote the words people use: a word sometimes arrives in quotation marks of either kind.
        // Not the parts of a phone number, whose own separators the phone oracle models.
        let quotable = !piece.chars().any(|c| c.is_ascii_digit());
        let piece: String = piece
            .split(' ')
            .map(|w| {
                let w = match rng.gen_range(0..4) {
                    0 => w.to_uppercase(),
                    1 => w.to_lowercase(),
                    _ => w.to_string(),
                };
                match if quotable { rng.gen_range(0..8) } else { 8 } {
                    0 => format!("'{w}'"),
                    1 => format!("\u{201c}{w}\u{201d}"),
                    2 => format!("\"{w}"),
                    _ => w,
                }
            })
            .collect::<Vec<_>>()
            .join(separators[rng.gen_range(0..3)]);
        text.push_str(&piece);
        text.push_str(separators[rng.gen_range(0..separators.len())]);
    }
    text
}

#[test]
fn matcher_agrees_with_regex_oracle() {
    let policy = common::shipped_policy().policy;
    let active: Vec<_> = policy
        .terms
        .iter()
        .enumerate()
        .filter(|(_, t)| t.active)
        .collect();
    // A near term's hit depends on its companions, which no regex here models: its own tests are in
    // `proximity` and its examples run through `ndas check`. Its anchor is searched like any phrase, so the
    // phrase terms sharing that anchor are still compared.
    let oracles: Vec<(usize, Vec<Regex>, bool)> = active
        .iter()
        .filter_map(|(i, t)| match t.kind {
            TermKind::Phrase => Some((*i, phrase_regexes(&t.text), false)),
            TermKind::Phone => Some((*i, vec![phone_regex(&t.text)], true)),
            TermKind::Near => None,
        })
        .collect();
    let near: std::collections::HashSet<usize> = active
        .iter()
        .filter(|(_, t)| t.kind == TermKind::Near)
        .map(|(i, _)| *i)
        .collect();
    let words: Vec<String> = active
        .iter()
        .filter(|(_, t)| t.kind == TermKind::Phrase)
        .map(|(_, t)| t.text.clone())
        .collect();
    let phones: Vec<String> = active
        .iter()
        .filter(|(_, t)| t.kind == TermKind::Phone)
        .map(|(_, t)| ndas::phone::normalise(&t.text).unwrap())
        .chain(["07700900999".to_string()])
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let texts: Vec<String> = (0..400)
        .map(|_| generate(&mut rng, &words, &phones))
        .collect();
    // The batch path walks texts in interleaved pairs; it must agree with the oracle too.
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let batch = policy.find_batch(&refs);
    let mut compared = 0;
    for (text, batch_hits) in texts.iter().zip(&batch) {
        let text = text.as_str();
        // Phrases read closing quotation marks as spaces; phone numbers are found in the text as written.
        let phrase_text = blank_closing_quotes(text);
        let mut expected: Vec<(usize, usize, usize)> = Vec::new();
        for (index, regexes, phone) in &oracles {
            let searched = if *phone { text } else { phrase_text.as_str() };
            for re in regexes {
                for (s, e) in oracle_spans(re, searched, *phone) {
                    expected.push((s, e, *index));
                }
            }
        }
        expected.sort();
        expected.dedup();
        let got: Vec<(usize, usize, usize)> = policy
            .find(text)
            .iter()
            .filter(|h| !near.contains(&h.term.0))
            .map(|h| (h.start, h.end, h.term.0))
            .collect();
        assert_eq!(got, expected, "text {text:?}");
        let from_batch: Vec<(usize, usize, usize)> = batch_hits
            .iter()
            .filter(|h| !near.contains(&h.term.0))
            .map(|h| (h.start, h.end, h.term.0))
            .collect();
        assert_eq!(from_batch, expected, "batch, text {text:?}");
        compared += got.len();
    }
    assert!(
        compared > 2000,
        "too few hits compared ({compared}); the generator is not exercising the matcher"
    );
}
