//! Numbers as text in outputs (CSV cells, GraphML attributes, drawings): fixed precision with trailing zeros
//! trimmed, so the same value is always the same bytes and snapshot diffs show only real changes.

/// A float as text: at most six decimals, trailing zeros trimmed ("0.25", "3", "-1.5"); NaN as empty.
pub fn format_float(value: f64) -> String {
    if value.is_nan() {
        return String::new();
    }
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_stable_text() {
        assert_eq!(format_float(0.25), "0.25");
        assert_eq!(format_float(3.0), "3");
        assert_eq!(format_float(-0.0000001), "0");
        assert_eq!(format_float(1.0 / 3.0), "0.333333");
        assert_eq!(format_float(f64::NAN), "");
    }
}
