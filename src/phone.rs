//! UK telephone numbers in free text. Officers write the same line number many ways (`07700 900123`,
//! `07700900123`, `+44 7700 900123`, `0044 7700-900-123`, `+44 (0)7700 900123`), so phone terms are not
//! matched as strings: numbers are found in the text, reduced to one national form (`07700900123`), and looked
//! up. The span reported is the number as written.
//!
//! A UK number is the trunk prefix (`0`, `+44`, `0044`, optionally followed by `(0)`) and ten national digits,
//! with single separators (space, hyphen, dot, slash or brackets) allowed between digits. A number must not be
//! glued to letters or further digits on either side, so `07700900123456` is not a hit.

/// The national form of a UK number (`0` and ten digits) or `None` if `written` is not one.
/// Used for phone terms in the policy; a term that does not normalise is a policy error.
pub fn normalise(written: &str) -> Option<String> {
    let found = scan(written.trim());
    match found.as_slice() {
        [(start, end, national)] if *start == 0 && *end == written.trim().len() => {
            Some(national.clone())
        }
        _ => None,
    }
}

/// Every UK number in `text` as `(start, end, national form)`, byte offsets into `text`, in text order.
pub fn scan(text: &str) -> Vec<(usize, usize, String)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut resume = 0;
    // Every number starts with `+` (+44) or `0` (0044, 07...), so jump between those bytes.
    for at in memchr::memchr2_iter(b'0', b'+', bytes) {
        // Most zeros are inside other numbers (years, times, amounts): rejected on the bytes beside them before
        // anything is decoded. A number goes on with a digit or a separator ("07...", "+44", "0 7700").
        let before = at.checked_sub(1).and_then(|b| bytes.get(b)).copied();
        let glued_ascii = before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'+');
        let goes_on = bytes
            .get(at + 1)
            .is_some_and(|&b| b.is_ascii_digit() || is_separator(b));
        if at < resume
            || glued_ascii
            || !goes_on
            || (before.is_some_and(|b| !b.is_ascii()) && glued_before(text, at))
        {
            continue;
        }
        if let Some((end, national)) = number_at(bytes, at) {
            // A bracket opened just before the number belongs to it when the number closes it: a bracketed area
            // code, "(07700) 900123". A number merely written in brackets, "(07700 900123)", is the number
            // without them.
            let opened = at > 0 && bytes.get(at - 1) == Some(&b'(');
            let start = if opened && closes_unopened(bytes.get(at..end).unwrap_or(&[])) {
                at - 1
            } else {
                at
            };
            found.push((start, end, national));
            resume = end;
        }
    }
    found
}

/// Whether `written` closes a bracket it did not open ("07700) 900123", not "+44 (0)7700 900123").
fn closes_unopened(written: &[u8]) -> bool {
    let mut depth = 0usize;
    for &b in written {
        match b {
            b'(' => depth += 1,
            b')' if depth == 0 => return true,
            b')' => depth -= 1,
            _ => {}
        }
    }
    false
}

/// True when the character before `at` is a letter or digit, so a number cannot start here.
fn glued_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|before| before.chars().next_back())
        .is_some_and(|c| c.is_alphanumeric() || c == '+')
}

fn is_separator(byte: u8) -> bool {
    matches!(byte, b' ' | b'-' | b'.' | b'/' | b'(' | b')')
}

/// Digits in a number's national form: the trunk zero and ten more.
const NATIONAL_DIGITS: usize = 11;

/// Reads one number starting at `start`; returns its end (exclusive) and national form.
fn number_at(bytes: &[u8], start: usize) -> Option<(usize, String)> {
    let rest = bytes.get(start..)?;
    // The international prefix, then an optional bracketed trunk zero: "+44 (0)7700 ...".
    let mut at = if rest.starts_with(b"+44") {
        start + 3
    } else if rest.starts_with(b"0044") {
        start + 4
    } else if rest.first() == Some(&b'0') {
        start + 1
    } else {
        return None;
    };
    let international = at - start > 1;
    if international {
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        if bytes.get(at..at + 3) == Some(b"(0)") {
            at += 3;
        }
    }
    // The digits gather on the stack: most candidates are times and dates ("09:30", "05/06") that fail within
    // a few bytes, and a heap string for each would cost more than the rest of the scan.
    let mut national = [b'0'; NATIONAL_DIGITS];
    let mut filled = 1;
    let mut end = at;
    while let Some(slot) = national.get_mut(filled) {
        let next = skip_separators(bytes, end);
        // At most one separator between digits, except a bracket beside a space: "(07700) 900123".
        if next - end > 2 {
            return None;
        }
        match bytes.get(next) {
            Some(digit) if digit.is_ascii_digit() => {
                if filled == 1 && *digit == b'0' {
                    return None; // "00..." that is not 0044
                }
                *slot = *digit;
                filled += 1;
                end = next + 1;
            }
            _ => return None,
        }
    }
    let glued_after = bytes
        .get(end..)
        .and_then(|rest| {
            std::str::from_utf8(rest.get(..4.min(rest.len()))?)
                .ok()
                .or_else(|| {
                    // The four bytes may cut a character short; decode what is whole.
                    let whole = std::str::from_utf8(rest.get(..4.min(rest.len()))?)
                        .err()?
                        .valid_up_to();
                    std::str::from_utf8(rest.get(..whole)?).ok()
                })
        })
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric);
    if glued_after {
        return None;
    }
    Some((
        end,
        national.iter().map(|&digit| char::from(digit)).collect(),
    ))
}

fn skip_separators(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).copied().is_some_and(is_separator) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[(&str, &str)]) {
        let found: Vec<(String, String)> = scan(text)
            .into_iter()
            .map(|(s, e, n)| (text[s..e].to_string(), n))
            .collect();
        let expect: Vec<(String, String)> = expect
            .iter()
            .map(|(w, n)| (w.to_string(), n.to_string()))
            .collect();
        assert_eq!(found, expect, "in {text:?}");
    }

    #[test]
    fn formats_officers_use() {
        let n = "07700900123";
        check("call 07700 900123 now", &[("07700 900123", n)]);
        check("07700900123", &[("07700900123", n)]);
        check("on +44 7700 900123.", &[("+44 7700 900123", n)]);
        check("0044 7700-900-123", &[("0044 7700-900-123", n)]);
        check("+44 (0)7700 900123", &[("+44 (0)7700 900123", n)]);
        check("tel 07700.900.123,", &[("07700.900.123", n)]);
        // Brackets opened before the number belong to it (a fuzzing finding: "(07700) 900123" did not
        // normalise as a policy term).
        check("ring (07700) 900123 today", &[("(07700) 900123", n)]);
        check("(07700 900123)", &[("07700 900123", n)]);
        check("(+44 (0)7700 900123)", &[("+44 (0)7700 900123", n)]);
        check(
            "07700 900 123 and 07700 900124",
            &[("07700 900 123", n), ("07700 900124", "07700900124")],
        );
    }

    #[test]
    fn not_numbers() {
        check("ref 0770090012345", &[]);
        check("a07700900123", &[]);
        check("07700 9001", &[]);
        check("crime 12345678901", &[]);
        check("07700 900123x", &[]);
        check("07700 900123é", &[]);
        check("07700 900123\u{a0}next", &[("07700 900123", "07700900123")]);
        check("", &[]);
        check("+", &[]);
    }

    #[test]
    fn normalise_terms() {
        assert_eq!(normalise("07700 900123").as_deref(), Some("07700900123"));
        assert_eq!(
            normalise(" +44 7700 900123 ").as_deref(),
            Some("07700900123")
        );
        assert_eq!(normalise("(07700) 900123").as_deref(), Some("07700900123"));
        assert_eq!(normalise("0770 090"), None);
        assert_eq!(normalise("07700 900123 extra"), None);
        assert_eq!(normalise("phone"), None);
    }
}
