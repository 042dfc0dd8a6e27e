//! The one place that parses YAML. Policy files are edited by hand, so a parse failure must come back with the
//! line and column a person can jump to; and since serde gives no positions for values that parse fine but are
//! wrong (a duplicate id, a bad date), this module also finds where a given `key: value` sits in the source.
//!
//! serde_yaml is archived upstream; the crate is the maintained fork `yaml_serde`, imported under the old name.
//! Keeping it behind this module means a change of YAML library touches one file.

use serde::de::DeserializeOwned;

/// A 1-based line and column in a source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// A YAML document that could not be read into the expected shape.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub message: String,
    pub location: Location,
}

/// Parses `source` into `T`. Unknown fields are rejected by the target types (`deny_unknown_fields`), so a
/// misspelt key is an error here, with its position.
pub fn parse<T: DeserializeOwned>(source: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(source).map_err(|err| {
        let location = err
            .location()
            .map(|l| Location {
                line: l.line(),
                column: l.column(),
            })
            .unwrap_or(Location { line: 1, column: 1 });
        YamlError {
            message: tidy_message(&err.to_string()),
            location,
        }
    })
}

/// serde messages end with "at line X column Y"; we report the position separately, so drop it.
fn tidy_message(message: &str) -> String {
    let trimmed = match message.rfind(" at line ") {
        Some(at) if message.get(at..).is_some_and(|tail| !tail.contains(',')) => {
            message.get(..at).unwrap_or(message)
        }
        _ => message,
    };
    trimmed.trim().trim_end_matches('.').to_string()
}

/// Where `key: value` first appears (the value may be quoted). Used to point at a term by its id.
pub fn locate(source: &str, key: &str, value: &str) -> Option<Location> {
    locate_nth(source, key, value, 0)
}

/// As [`locate`], for the `nth` (0-based) occurrence: a duplicated id is reported at its second appearance.
pub fn locate_nth(source: &str, key: &str, value: &str, nth: usize) -> Option<Location> {
    let mut seen = 0;
    for (index, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        let body = trimmed
            .strip_prefix("- ")
            .map(str::trim_start)
            .unwrap_or(trimmed);
        let Some(rest) = body.strip_prefix(key) else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let found = rest.trim();
        let found = found.split(" #").next().unwrap_or(found).trim();
        let unquoted = found.trim_matches(|c| c == '"' || c == '\'');
        if unquoted == value {
            if seen == nth {
                let column = line.len() - body.len() + 1;
                return Some(Location {
                    line: index + 1,
                    column,
                });
            }
            seen += 1;
        }
    }
    None
}

/// Where a key appears within the lines that follow `after` (e.g. a term's `review_by` after its `id`),
/// stopping at the next list item at the same or lower indentation.
pub fn locate_key_after(source: &str, after: Location, key: &str) -> Option<Location> {
    for (index, line) in source.lines().enumerate().skip(after.line) {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        if trimmed.starts_with("- ") && indent < after.column {
            return None;
        }
        let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        if body
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
        {
            return Some(Location {
                line: index + 1,
                column: line.len() - body.len() + 1,
            });
        }
    }
    None
}

/// Where the `index`-th (0-based) item of the top-level list `key` sits (block style, one item per `- ` line,
/// comments and blank lines between items allowed). Used to point at one of the manifest's plain phrases, which
/// carry no id of their own; `None` for a flow list (`[a, b]`) or an index past the end.
pub fn locate_list_item(source: &str, key: &str, index: usize) -> Option<Location> {
    let mut lines = source.lines().enumerate();
    lines.find(|(_, line)| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_end() == ":")
    })?;
    let mut seen = 0;
    for (number, line) in lines {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let item = trimmed.starts_with("- ") || trimmed == "-";
        if !item && trimmed.len() == line.len() {
            return None; // the next top-level key: the list has ended
        }
        if !item {
            continue;
        }
        if seen == index {
            return Some(Location {
                line: number + 1,
                column: line.len() - trimmed.len() + 3,
            });
        }
        seen += 1;
    }
    None
}

/// Byte offset of a location, for pointing a diagnostic at the source text.
pub fn offset_of(source: &str, location: Location) -> usize {
    let mut offset = 0;
    for (index, line) in source.split_inclusive('\n').enumerate() {
        if index + 1 == location.line {
            return (offset + location.column.saturating_sub(1)).min(source.len());
        }
        offset += line.len();
    }
    source.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_list_items_and_quoted_values() {
        let src = "terms:\n  - id: A-1\n    term: x\n  - id: \"A-2\"\n";
        assert_eq!(
            locate(src, "id", "A-1"),
            Some(Location { line: 2, column: 5 })
        );
        assert_eq!(
            locate(src, "id", "A-2"),
            Some(Location { line: 4, column: 5 })
        );
        assert_eq!(locate(src, "id", "A-3"), None);
        let term = locate(src, "id", "A-1").unwrap();
        assert_eq!(
            locate_key_after(src, term, "term"),
            Some(Location { line: 3, column: 5 })
        );
    }

    #[test]
    fn locate_list_item_counts_items_of_one_list_only() {
        let src = "cues:\n  - no\nruled_out:\n  # a comment\n  - no concerns\n\n  - \"nfa\"\nlater: 1\n  - x\n";
        assert_eq!(
            locate_list_item(src, "ruled_out", 0),
            Some(Location { line: 5, column: 5 })
        );
        assert_eq!(
            locate_list_item(src, "ruled_out", 1),
            Some(Location { line: 7, column: 5 })
        );
        assert_eq!(locate_list_item(src, "ruled_out", 2), None);
        assert_eq!(
            locate_list_item("ruled_out: [a, b]\n", "ruled_out", 0),
            None
        );
    }

    #[test]
    fn parse_errors_carry_position() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            a: u32,
        }
        let err = parse::<T>("a: 1\nb: 2\n").unwrap_err();
        assert_eq!(err.location.line, 2);
        assert!(err.message.contains("unknown field `b`"), "{}", err.message);
    }
}
