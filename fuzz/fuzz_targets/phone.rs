//! The UK phone-number scanner and normaliser on arbitrary text. Checks, for every input:
//! - no panic;
//! - every span is in bounds, on char boundaries, non-empty, in text order and not overlapping;
//! - every national form is `0` and ten digits, the second not `0`;
//! - the span as written normalises to that national form, and the national form to itself (idempotence),
//!   and each written format of it (`+44 (0)…`, `0044 …-…-…`, `(07700) …`, …) normalises to it too;
//! - `scan` and `normalise` agree exactly with the independent regex oracle in `ndas_fuzz`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ndas::phone;
use ndas_fuzz::{is_national, phone_format, phone_normalise, phone_scan};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();

    let found = phone::scan(text);
    let mut previous_end = 0;
    for (start, end, national) in &found {
        assert!(
            start < end && *end <= text.len(),
            "span {start}..{end} out of bounds in {text:?}"
        );
        assert!(
            *start >= previous_end,
            "spans overlap or are out of order in {text:?}: {found:?}"
        );
        previous_end = *end;
        let Some(written) = text.get(*start..*end) else {
            panic!("span {start}..{end} not on char boundaries in {text:?}");
        };
        assert!(
            is_national(national),
            "bad national form {national:?} for {written:?}"
        );
        assert_eq!(
            phone::normalise(written).as_deref(),
            Some(national.as_str()),
            "the span as written does not normalise to its national form"
        );
        assert_eq!(
            phone::normalise(national).as_deref(),
            Some(national.as_str()),
            "normalising a national form is not idempotent"
        );
        for style in 0..9 {
            let formatted = phone_format(national, style);
            assert_eq!(
                phone::normalise(&formatted).as_deref(),
                Some(national.as_str()),
                "format {style} ({formatted:?}) does not normalise"
            );
        }
    }
    assert_eq!(
        found,
        phone_scan(text),
        "scan disagrees with the oracle on {text:?}"
    );

    let normalised = phone::normalise(text);
    if let Some(national) = &normalised {
        assert!(is_national(national), "normalise gave {national:?}");
    }
    assert_eq!(
        normalised,
        phone_normalise(text),
        "normalise disagrees with the oracle on {text:?}"
    );
});
