//! Data-entry noise applied to finished narratives: typing errors in a few words, shouting or lowercase logs,
//! doubled spaces. Applied with the same probabilities to every event whatever its label, so noise is never a
//! clue to the truth, only an obstacle to exact matching.

use super::util::{Rng8, chance};
use rand::Rng;

/// Keys adjacent on a UK QWERTY keyboard, for slip-of-the-finger substitutions.
fn neighbour(c: char) -> Option<char> {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let lower = c.to_ascii_lowercase();
    for row in ROWS {
        if let Some(i) = row.find(lower) {
            let alt = if i + 1 < row.len() {
                row.get(i + 1..i + 2)
            } else {
                row.get(i - 1..i)
            };
            let n = alt.and_then(|s| s.chars().next())?;
            return Some(if c.is_ascii_uppercase() {
                n.to_ascii_uppercase()
            } else {
                n
            });
        }
    }
    None
}

/// One typing error in `word`: adjacent letters swapped, a letter dropped or doubled, or a neighbouring key hit.
pub(crate) fn typo_word(rng: &mut Rng8, word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 3 {
        return word.to_string();
    }
    // Never the first letter: people rarely mistype it, and a changed initial would make names unmatchable.
    let i = rng.gen_range(1..chars.len());
    let mut out: Vec<char> = chars.clone();
    match rng.gen_range(0..4) {
        0 if i + 1 < chars.len() => out.swap(i, i + 1),
        1 => {
            out.remove(i);
        }
        2 => {
            if let Some(c) = chars.get(i) {
                out.insert(i, *c);
            }
        }
        _ => {
            if let (Some(c), Some(slot)) =
                (chars.get(i).copied().and_then(neighbour), out.get_mut(i))
            {
                *slot = c;
            } else if i + 1 < chars.len() {
                out.swap(i, i + 1);
            }
        }
    }
    out.into_iter().collect()
}

/// Roughens a finished narrative in place.
pub(crate) fn roughen(rng: &mut Rng8, text: &mut String) {
    // Typos: a fifth of officers type fast and do not proof-read; they misspell a few percent of words.
    if chance(rng, 0.2) {
        let rate = rng.gen_range(0.01..0.06);
        let mut out = String::with_capacity(text.len() + 8);
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if word.len() > 3 && word.bytes().all(|b| b.is_ascii_alphabetic()) && chance(rng, rate)
            {
                out.push_str(&typo_word(rng, word));
            } else {
                out.push_str(word);
            }
        }
        *text = out;
    }
    if chance(rng, 0.08) {
        let mut out = String::with_capacity(text.len() + 8);
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
                if chance(rng, 0.05) {
                    out.push(' ');
                }
            }
            out.push_str(word);
        }
        *text = out;
    }
    match rng.gen_range(0..100) {
        // Some legacy systems and some officers record everything in capitals.
        0..=5 => *text = text.to_uppercase(),
        6..=7 => *text = text.to_lowercase(),
        _ => {}
    }
    if chance(rng, 0.03) {
        text.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::util::stream;

    #[test]
    fn typos_change_but_keep_the_initial() {
        let mut rng = stream(3, 99, 0);
        for _ in 0..100 {
            let t = typo_word(&mut rng, "Shrewsbury");
            assert!(t.starts_with('S'));
            assert!(t.len() >= 8 && t.len() <= 12, "{t}");
        }
    }
}
