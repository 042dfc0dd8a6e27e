//! The term matcher against an independent oracle (`ndas_fuzz::phrase_spans`, `phone_scan`, `negated`): terms,
//! negation cues and texts come from the fuzz input (see `ndas_fuzz::MatcherInput` for the readable format).
//! For every text, the hits of `Matcher::find` must be exactly the oracle's (span and term), each negated flag
//! must be the oracle's (where the contract decides it), and `find_batch` over all texts must return the same
//! as `find` on each.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ndas::matcher::{Matcher, Negation, Pattern, TermIndex, TermKind};
use ndas_fuzz::{
    MatcherInput, negated, phone_normalise, phone_scan, phrase_is_searchable, phrase_spans,
};

fuzz_target!(|data: &[u8]| {
    let input = MatcherInput::parse(&String::from_utf8_lossy(data));
    let patterns: Vec<Pattern<'_>> = input
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| Pattern {
            term: TermIndex(i),
            kind: if t.phone {
                TermKind::Phone
            } else {
                TermKind::Phrase
            },
            text: &t.text,
            near: &[],
            within: 0,
        })
        .collect();
    let negation = Negation {
        cues: input.cues.clone(),
        post_cues: Vec::new(),
        terminators: input.terminators.clone(),
        window: input.window,
        window_words: input.window_words,
    };
    let matcher = match Matcher::new(&patterns, &negation) {
        Ok(matcher) => matcher,
        Err(err) => panic!("a small term set failed to build: {err}"),
    };
    let any_cue = input
        .cues
        .iter()
        .chain(&input.terminators)
        .any(|c| phrase_is_searchable(c));

    let texts: Vec<&str> = input.texts.iter().map(String::as_str).collect();
    let batch = matcher.find_batch(&texts);
    assert_eq!(
        batch.len(),
        texts.len(),
        "find_batch returned the wrong number of results"
    );
    for (text, from_batch) in texts.iter().copied().zip(&batch) {
        let hits = matcher.find(text);
        assert_eq!(
            &hits, from_batch,
            "find and find_batch disagree on {text:?}"
        );

        let mut expected: Vec<(usize, usize, usize)> = Vec::new();
        let numbers = phone_scan(text);
        for (index, term) in input.terms.iter().enumerate() {
            if term.phone {
                if let Some(national) = phone_normalise(&term.text) {
                    for (start, end, found) in &numbers {
                        if *found == national {
                            expected.push((*start, *end, index));
                        }
                    }
                }
            } else {
                for (start, end) in phrase_spans(text, &term.text) {
                    expected.push((start, end, index));
                }
            }
        }
        expected.sort_unstable();
        let got: Vec<(usize, usize, usize)> =
            hits.iter().map(|h| (h.start, h.end, h.term.0)).collect();
        assert_eq!(
            got, expected,
            "hits differ from the oracle on {text:?} with terms {:?}",
            input.terms
        );

        for hit in &hits {
            let expect = if any_cue {
                negated(
                    text,
                    hit.start,
                    &input.cues,
                    &input.terminators,
                    input.window,
                    input.window_words,
                )
            } else {
                Some(false)
            };
            if let Some(expect) = expect {
                assert_eq!(
                    hit.negated,
                    expect,
                    "negation of {hit:?} ({:?}) differs from the oracle in {text:?}; cues {:?}, terminators {:?}",
                    text.get(hit.start..hit.end),
                    input.cues,
                    input.terminators
                );
            }
        }
    }
});
