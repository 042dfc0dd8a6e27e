//! The narrative engine: a tiny template language and the per-event context it fills in.
//!
//! Templates are plain text with `[a|b|c]` for "one of these" (nestable; an empty option makes a phrase
//! optional) and `{slot}` for a value from the [`Ctx`]. Generators compose several templates into one narrative
//! with [`Text`], which also decides how sentences are separated (spaces, line breaks) so that layout varies from
//! officer to officer as it does in real logs. Templates are expanded on the fly: the grammar is small enough
//! that scanning each template as it is used costs less than compiling them would save.

use super::lexicon::{self, Town};
use super::model::{Record, Sex};
use super::util::{self, Day, Rng8, chance, pick};
use rand::Rng;
use std::fmt::Write as _;

/// Everything a template may refer to for one event.
pub(crate) struct Ctx<'a> {
    pub day: Day,
    pub town: &'static Town,
    pub area: &'static str,
    pub street: String,
    /// People the narrative is about, in the order the generator linked them (`{p0}` .. `{p3}`).
    pub p: [Option<&'a Record>; 4],
    pub hub: &'static Town,
    pub hub_area: &'static str,
    pub dest: &'static Town,
    pub line: &'static str,
    pub num: u16,
    pub nick: &'static str,
    pub car: String,
    /// A registration that must match the objects table; random per mention when empty.
    pub reg: String,
    pub home: String,
    /// Which kind of school `{school}` is, fixed per event so a narrative names one school throughout.
    school: &'static str,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(rng: &mut Rng8, day: Day, town: &'static Town) -> Self {
        Ctx {
            day,
            town,
            area: pick(rng, town.areas),
            street: street(rng),
            p: [None; 4],
            hub: town,
            hub_area: pick(rng, town.areas),
            dest: town,
            line: "",
            num: 0,
            nick: "",
            car: String::new(),
            reg: String::new(),
            home: String::new(),
            school: pick(rng, &lexicon::SCHOOL_KIND),
        }
    }

    fn person(&self, i: usize) -> Option<&'a Record> {
        self.p.get(i).copied().flatten()
    }

    fn sex(&self, i: usize) -> Sex {
        self.person(i).map_or(Sex::M, |r| r.sex)
    }

    fn slot(&self, name: &str, rng: &mut Rng8, out: &mut String) {
        // `{p1|a male}`: the person if the event has one in that slot, otherwise the fallback words.
        if let Some((person, alt)) = name.split_once('|') {
            let idx = person
                .get(1..)
                .and_then(|d| d.parse::<usize>().ok())
                .unwrap_or(0);
            if self.person(idx).is_some() {
                self.person_slot(person, rng, out);
            } else {
                out.push_str(alt);
            }
            return;
        }
        match name {
            "town" => out.push_str(self.town.name),
            "area" => out.push_str(self.area),
            "street" => out.push_str(&self.street),
            "street2" => out.push_str(&street(rng)),
            "shop" => out.push_str(pick(rng, &lexicon::SHOPS)),
            "time" | "time2" => push_time(rng, out),
            // A date some weeks after the event, for investigation updates.
            "later" => {
                let later = (self.day + rng.gen_range(1..120)).min(util::last_day() + 60);
                push_date(rng, out, later);
            }
            "date" => push_date(rng, out, self.day),
            "day" => out.push_str(
                util::WEEKDAYS
                    .get(util::weekday(self.day))
                    .copied()
                    .unwrap_or(""),
            ),
            "pc" => push_officer(rng, out, "PC"),
            "dc" => push_officer(rng, out, "DC"),
            "ps" => push_officer(rng, out, "PS"),
            "pcso" => push_officer(rng, out, "PCSO"),
            "officer" => {
                let rank = pick(rng, &["PC", "PC", "PC", "PC", "DC", "PS", "PCSO"]);
                push_officer(rng, out, rank);
            }
            "money" => {
                let _ = write!(out, "£{}", rng.gen_range(3..180));
            }
            "price" => {
                let _ = write!(
                    out,
                    "£{}.{:02}",
                    rng.gen_range(2..120),
                    rng.gen_range(0..100)
                );
            }
            "cash" => push_money(
                out,
                rng.gen_range(6..120) * 20
                    + if chance(rng, 0.3) {
                        rng.gen_range(1..20)
                    } else {
                        0
                    },
            ),
            "debt" => push_money(out, rng.gen_range(3..40) * 100),
            "value" => push_money(out, rng.gen_range(2..300) * 10),
            "hub" => out.push_str(self.hub.name),
            "hubarea" => out.push_str(self.hub_area),
            "dest" => out.push_str(self.dest.name),
            "destarea" => out.push_str(pick(rng, self.dest.areas)),
            "miles" => {
                let _ = write!(out, "{}", lexicon::miles_between(self.hub, self.dest));
            }
            "far" => out.push_str(pick(rng, &lexicon::FAR_TOWNS)),
            "line" => out.push_str(self.line),
            "num" => push_line_number(rng, out, self.num),
            "phone" => push_other_number(rng, out),
            "nick" => out.push_str(self.nick),
            "car" => {
                if self.car.is_empty() {
                    out.push_str(&car(rng));
                } else {
                    out.push_str(&self.car);
                }
            }
            "vrm" => out.push_str(&vrm(rng)),
            "reg" => {
                if self.reg.is_empty() {
                    out.push_str(&vrm(rng));
                } else {
                    out.push_str(&self.reg);
                }
            }
            "drug" => out.push_str(pick(rng, &lexicon::CLASS_A)),
            "wraps" => {
                let _ = write!(out, "{}", rng.gen_range(4..46));
            }
            "n" => {
                let _ = write!(out, "{}", rng.gen_range(2..7));
            }
            "home" => out.push_str(&self.home),
            "carehome" => out.push_str(pick(rng, &lexicon::CARE_HOMES)),
            "school" => {
                let _ = write!(out, "{} {}", self.area, self.school);
            }
            "hotel" => out.push_str(pick(rng, &lexicon::HOTELS)),
            "crime" => {
                let _ = write!(
                    out,
                    "{}/{:05}/{:02}",
                    rng.gen_range(20..45),
                    rng.gen_range(1..99_999),
                    rng.gen_range(21..25)
                );
            }
            _ => self.person_slot(name, rng, out),
        }
    }

    /// `p0`..`p3` (full mention), `f0` (forename), `s0` (surname), `a0` (age), `dob0`, and pronouns of the
    /// first two people: `he he1 his his1 him him1` with capitalised forms.
    fn person_slot(&self, name: &str, rng: &mut Rng8, out: &mut String) {
        let (stem, idx) = match name.char_indices().last() {
            Some((i, c)) if c.is_ascii_digit() => {
                (name.get(..i).unwrap_or(""), c as usize - '0' as usize)
            }
            _ => (name, 0),
        };
        let rec = self.person(idx);
        match stem {
            "p" | "n" => match rec {
                // `n` is the bare name, for templates that give the age or date of birth themselves.
                Some(r) => push_mention(rng, out, r, self.day, stem == "p"),
                None => out.push_str(pick(rng, &["the subject", "unknown male", "the male"])),
            },
            "parent" | "Parent" => {
                let words: &[&'static str] = match self.sex(idx) {
                    Sex::F => &["mother", "mum", "mother", "nan", "aunt", "grandmother"],
                    _ => &["father", "dad", "step-father", "uncle", "grandad"],
                };
                let w = pick(rng, words);
                if stem == "Parent" {
                    let mut cs = w.chars();
                    if let Some(first) = cs.next() {
                        out.extend(first.to_uppercase());
                        out.push_str(cs.as_str());
                    }
                } else {
                    out.push_str(w);
                }
            }
            "carers" => out.push_str(if self.home.starts_with("home") || self.home.is_empty() {
                pick(rng, &["The family", "Family", "Parents", "Mum"])
            } else {
                pick(
                    rng,
                    &["Staff", "Carers", "Residential staff", "Staff at the home"],
                )
            }),
            "f" => out.push_str(rec.map_or("the male", |r| r.forename.as_str())),
            "s" => match rec {
                Some(r) => push_upper(out, &r.surname),
                None => out.push_str("UNKNOWN"),
            },
            "a" => {
                let age = rec
                    .and_then(|r| r.dob)
                    .map_or(15, |d| util::age_on(d, self.day));
                let _ = write!(out, "{age}");
            }
            "dob" => match rec.and_then(|r| r.dob) {
                Some(d) => util::push_uk_date(out, d),
                None => out.push_str("unknown"),
            },
            "he" | "He" | "his" | "His" | "him" => {
                let female = self.sex(idx) == Sex::F;
                let word = match (stem, female) {
                    ("he", false) => "he",
                    ("he", true) => "she",
                    ("He", false) => "He",
                    ("He", true) => "She",
                    ("his", false) => "his",
                    ("his", true) => "her",
                    ("His", false) => "His",
                    ("His", true) => "Her",
                    (_, false) => "him",
                    (_, true) => "her",
                };
                out.push_str(word);
            }
            "boy" => out.push_str(if self.sex(idx) == Sex::F {
                "girl"
            } else {
                "boy"
            }),
            "male" => out.push_str(if self.sex(idx) == Sex::F {
                "female"
            } else {
                "male"
            }),
            "son" => out.push_str(if self.sex(idx) == Sex::F {
                "daughter"
            } else {
                "son"
            }),
            _ => {}
        }
    }
}

/// Expands one template into `out`.
pub(crate) fn expand(tpl: &str, ctx: &Ctx<'_>, rng: &mut Rng8, out: &mut String) {
    let mut rest = tpl;
    while let Some(pos) = rest.bytes().position(|b| b == b'[' || b == b'{') {
        out.push_str(rest.get(..pos).unwrap_or(""));
        let tail = rest.get(pos..).unwrap_or("");
        if tail.starts_with('{') {
            let end = tail.find('}').unwrap_or(tail.len());
            ctx.slot(tail.get(1..end).unwrap_or(""), rng, out);
            rest = tail.get(end + 1..).unwrap_or("");
        } else {
            // One scan records where each top-level option ends (on the stack); choices with more options than
            // fit fall back to counting first and then finding the chosen one.
            let mut seps = [0usize; 32];
            let (options, close) = scan_choice(tail, None, &mut seps);
            let k = rng.gen_range(0..options.max(1));
            let (start, end) = if options <= seps.len() {
                let start = if k == 0 {
                    1
                } else {
                    seps.get(k - 1).map_or(1, |s| s + 1)
                };
                (start, seps.get(k).copied().unwrap_or(start))
            } else {
                scan_choice(tail, Some(k), &mut []).1
            };
            expand(tail.get(start..end).unwrap_or(""), ctx, rng, out);
            rest = tail.get(close.0 + 1..).unwrap_or("");
        }
    }
    out.push_str(rest);
}

/// For `tail` starting at `[`: the number of top-level options and the index of the matching `]` (first
/// element of the pair), recording in `seps` the index of the `|` or `]` that ends each option while it has room.
/// With `want = Some(k)`, instead returns as soon as option `k` is complete, with its byte range.
fn scan_choice(tail: &str, want: Option<usize>, seps: &mut [usize]) -> (usize, (usize, usize)) {
    let mut depth = 0usize;
    let mut option = 0usize;
    let mut start = 1usize;
    let mut in_slot = false;
    for (i, b) in tail.bytes().enumerate() {
        // A `|` inside `{p1|fallback}` belongs to the slot, not to the choice.
        if in_slot {
            in_slot = b != b'}';
            continue;
        }
        match b {
            b'{' => in_slot = true,
            b'[' => depth += 1,
            b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some(s) = seps.get_mut(option) {
                        *s = i;
                    }
                    if want == Some(option) {
                        return (option + 1, (start, i));
                    }
                    return (option + 1, (i, i));
                }
            }
            b'|' if depth == 1 => {
                if let Some(s) = seps.get_mut(option) {
                    *s = i;
                }
                if want == Some(option) {
                    return (option + 1, (start, i));
                }
                option += 1;
                start = i + 1;
            }
            _ => {}
        }
    }
    (
        option + 1,
        (tail.len().saturating_sub(1), tail.len().saturating_sub(1)),
    )
}

/// A narrative under construction: sentences joined the way this officer joins them.
pub(crate) struct Text {
    pub buf: String,
    /// 0: single spaces; 1: a line break between paragraphs; 2: line breaks everywhere; 3: CRLF breaks.
    layout: u8,
}

impl Text {
    pub(crate) fn new(rng: &mut Rng8, capacity: usize) -> Self {
        let layout = match rng.gen_range(0..100) {
            0..=69 => 0,
            70..=87 => 1,
            88..=96 => 2,
            _ => 3,
        };
        Text {
            buf: String::with_capacity(capacity),
            layout,
        }
    }

    fn separate(&mut self, rng: &mut Rng8, paragraph: bool) {
        if self.buf.is_empty() {
            return;
        }
        match self.layout {
            1 if paragraph => self.buf.push('\n'),
            2 => self.buf.push('\n'),
            3 if paragraph || chance(rng, 0.3) => self.buf.push_str("\r\n"),
            _ => self.buf.push(' '),
        }
    }

    /// Adds one sentence from `tpl`.
    pub(crate) fn add(&mut self, ctx: &Ctx<'_>, rng: &mut Rng8, tpl: &str) {
        self.separate(rng, false);
        let start = self.buf.len();
        expand(tpl, ctx, rng, &mut self.buf);
        tidy_from(&mut self.buf, start);
    }

    /// Puts an already expanded line before everything written so far.
    pub(crate) fn prepend(&mut self, rng: &mut Rng8, line: &str) {
        if self.buf.is_empty() {
            self.buf.push_str(line);
            return;
        }
        let sep = match self.layout {
            0 if chance(rng, 0.5) => " ",
            0..=2 => "\n",
            _ => "\r\n",
        };
        let mut s = String::with_capacity(line.len() + sep.len() + self.buf.len());
        s.push_str(line);
        s.push_str(sep);
        s.push_str(&self.buf);
        self.buf = s;
    }

    /// Adds one of `tpls`.
    pub(crate) fn one(&mut self, ctx: &Ctx<'_>, rng: &mut Rng8, tpls: &[&'static str]) {
        let t = pick(rng, tpls);
        self.add(ctx, rng, t);
    }

    /// Adds one of `tpls` with probability `p`.
    pub(crate) fn maybe(&mut self, ctx: &Ctx<'_>, rng: &mut Rng8, p: f64, tpls: &[&'static str]) {
        if chance(rng, p) {
            self.one(ctx, rng, tpls);
        }
    }

    /// Starts a new paragraph with one of `tpls`.
    pub(crate) fn para(&mut self, ctx: &Ctx<'_>, rng: &mut Rng8, tpls: &[&'static str]) {
        self.separate(rng, true);
        let t = pick(rng, tpls);
        let start = self.buf.len();
        expand(t, ctx, rng, &mut self.buf);
        tidy_from(&mut self.buf, start);
    }

    /// Adds `n` distinct sentences from `tpls` (fewer if the list is shorter), in list order, which keeps a
    /// narrative's internal chronology.
    pub(crate) fn several(
        &mut self,
        ctx: &Ctx<'_>,
        rng: &mut Rng8,
        n: usize,
        tpls: &[&'static str],
    ) {
        let mut left = n.min(tpls.len());
        let mut remaining = tpls.len();
        for t in tpls {
            if left == 0 {
                break;
            }
            if rng.gen_range(0..remaining) < left {
                self.add(ctx, rng, t);
                left -= 1;
            }
            remaining -= 1;
        }
    }
}

/// Removes the doubled spaces and space-before-punctuation that empty optional phrases leave behind, in the part
/// of `buf` from `start`. (Deliberate doubled spaces are added later, by `noise`.)
fn tidy_from(buf: &mut String, start: usize) {
    let Some(seg) = buf.get(start..) else { return };
    if !seg.contains("  ")
        && !seg.contains(" .")
        && !seg.contains(" ,")
        && !seg.starts_with(' ')
        && !seg.ends_with(' ')
    {
        capitalise_at(buf, start);
        return;
    }
    let mut out = String::with_capacity(seg.len());
    let mut prev_space = false;
    let mut chars = seg.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            if prev_space || matches!(chars.peek(), Some('.' | ',' | ';')) {
                continue;
            }
            prev_space = true;
        } else {
            prev_space = false;
        }
        out.push(c);
    }
    buf.truncate(start);
    buf.push_str(&out);
    capitalise_at(buf, start);
}

/// Sentences start with a capital even when their template began with an optional phrase that was left out.
fn capitalise_at(buf: &mut String, start: usize) {
    if let Some(c) = buf.get(start..).and_then(|s| s.chars().next())
        && c.is_ascii_lowercase()
    {
        let upper = c.to_ascii_uppercase().to_string();
        buf.replace_range(start..start + 1, &upper);
    }
}

fn push_upper(out: &mut String, s: &str) {
    for c in s.chars() {
        out.extend(c.to_uppercase());
    }
}

/// A person as an officer names them in a narrative, in one of the styles seen in real logs.
pub(crate) fn push_mention(rng: &mut Rng8, out: &mut String, r: &Record, day: Day, suffix: bool) {
    match rng.gen_range(0..10) {
        0..=3 => {
            push_upper(out, &r.surname);
            out.push(' ');
            out.push_str(&r.forename);
        }
        4..=5 => {
            out.push_str(&r.forename);
            out.push(' ');
            push_upper(out, &r.surname);
        }
        6..=7 => {
            out.push_str(&r.forename);
            out.push(' ');
            out.push_str(&r.surname);
        }
        _ => {
            push_upper(out, &r.surname);
            out.push_str(", ");
            out.push_str(&r.forename);
        }
    }
    if !suffix {
        return;
    }
    match (rng.gen_range(0..10), r.dob) {
        (0..=2, Some(d)) => {
            out.push_str(if chance(rng, 0.5) { " (DOB " } else { " (" });
            util::push_uk_date(out, d);
            out.push(')');
        }
        (3..=4, Some(d)) => {
            let _ = write!(
                out,
                " ({}{})",
                util::age_on(d, day),
                pick(rng, &["", " yrs", " years", "yrs"])
            );
        }
        _ => {}
    }
}

fn push_time(rng: &mut Rng8, out: &mut String) {
    let h = rng.gen_range(0..24u32);
    let m = rng.gen_range(0..12u32) * 5;
    let _ = match rng.gen_range(0..8) {
        0..=2 => write!(out, "{h:02}{m:02}hrs"),
        3 => write!(out, "{h:02}{m:02} hrs"),
        4 => write!(out, "{h:02}:{m:02}"),
        5 => write!(out, "{h:02}{m:02}"),
        6 => write!(
            out,
            "{}.{m:02}{}",
            if h % 12 == 0 { 12 } else { h % 12 },
            if h < 12 { "am" } else { "pm" }
        ),
        _ => write!(out, "approx {h:02}{m:02}"),
    };
}

fn push_date(rng: &mut Rng8, out: &mut String, day: Day) {
    let (y, m, d) = util::civil(day);
    let _ = match rng.gen_range(0..6) {
        0..=2 => write!(out, "{d:02}/{m:02}/{y}"),
        3 => write!(out, "{d:02}/{m:02}/{:02}", y % 100),
        4 => write!(
            out,
            "{d}{} {}",
            ordinal(d),
            util::MONTHS.get(m as usize - 1).copied().unwrap_or("")
        ),
        _ => write!(out, "{d:02}.{m:02}.{:02}", y % 100),
    };
}

fn ordinal(d: u32) -> &'static str {
    match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn push_officer(rng: &mut Rng8, out: &mut String, rank: &str) {
    let n = match rank {
        "PCSO" => rng.gen_range(5000..9999),
        "PS" => rng.gen_range(100..3000),
        _ => rng.gen_range(1000..9999),
    };
    let _ = if chance(rng, 0.2) {
        write!(out, "{rank}{n}")
    } else {
        write!(out, "{rank} {n}")
    };
}

fn push_money(out: &mut String, pounds: u32) {
    if pounds >= 1000 {
        let _ = write!(out, "£{},{:03}", pounds / 1000, pounds % 1000);
    } else {
        let _ = write!(out, "£{pounds}");
    }
}

/// A line number from the Ofcom drama range 07700 900100..900199, written the several ways officers write
/// phone numbers: with or without spaces, hyphens and international prefixes.
pub(crate) fn push_line_number(rng: &mut Rng8, out: &mut String, num: u16) {
    let n = 900_100 + u32::from(num % 100);
    let _ = match rng.gen_range(0..10) {
        0..=3 => write!(out, "07700 {n}"),
        4..=5 => write!(out, "07700{n}"),
        6 => write!(out, "+44 7700 {n}"),
        7 => write!(out, "0044 7700-{}-{}", n / 1000, n % 1000),
        8 => write!(out, "07700-{n}"),
        _ => write!(out, "07700 {} {}", n / 1000, n % 1000),
    };
}

/// A number as typed into an objects table: mostly the standard spaced form, sometimes run together or
/// international, as different systems and officers record it.
fn object_number(rng: &mut Rng8, n: u32) -> String {
    match rng.gen_range(0..20) {
        0..=11 => format!("07700 {n}"),
        12..=16 => format!("07700{n}"),
        _ => format!("+447700{n}"),
    }
}

/// A line phone for the objects table.
pub(crate) fn line_number(rng: &mut Rng8, num: u16) -> String {
    object_number(rng, 900_100 + u32::from(num % 100))
}

/// An ordinary mobile from the rest of the Ofcom drama range, never the part reserved for line phones.
pub(crate) fn other_number(rng: &mut Rng8) -> String {
    let n = if chance(rng, 0.1) {
        rng.gen_range(900_000..900_100)
    } else {
        rng.gen_range(900_200..901_000)
    };
    object_number(rng, n)
}

fn push_other_number(rng: &mut Rng8, out: &mut String) {
    out.push_str(&other_number(rng));
}

/// A UK-format registration mark (two letters, age identifier, three letters).
pub(crate) fn vrm(rng: &mut Rng8) -> String {
    const L: &[u8] = b"ABCDEFGHJKLMNOPRSTUVWXY";
    let mut s = String::with_capacity(8);
    for _ in 0..2 {
        s.push(char::from(
            *L.get(rng.gen_range(0..L.len())).unwrap_or(&b'A'),
        ));
    }
    let year = rng.gen_range(2..24u32);
    let _ = write!(s, "{:02} ", if chance(rng, 0.5) { year } else { year + 50 });
    for _ in 0..3 {
        s.push(char::from(
            *L.get(rng.gen_range(0..L.len())).unwrap_or(&b'A'),
        ));
    }
    s
}

/// "a black Audi A3" style description.
pub(crate) fn car(rng: &mut Rng8) -> String {
    format!(
        "{} {}",
        pick(rng, &lexicon::COLOURS),
        pick(rng, &lexicon::CAR_MAKES)
    )
}

pub(crate) fn street(rng: &mut Rng8) -> String {
    format!(
        "{} {}",
        pick(rng, &lexicon::STREET_FIRST),
        pick(rng, &lexicon::STREET_KIND)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::util::stream;

    #[test]
    fn expands_choices_and_slots() {
        let mut rng = stream(1, 99, 0);
        let town = &lexicon::TOWNS[0];
        let ctx = Ctx::new(&mut rng, util::day_of(2023, 3, 14), town);
        for _ in 0..200 {
            let mut out = String::new();
            expand("A [b|c [d|e]|] {town} [x|y].", &ctx, &mut rng, &mut out);
            assert!(out.starts_with("A "), "{out}");
            assert!(out.contains("Birmingham"), "{out}");
            assert!(
                !out.contains('[') && !out.contains('|') && !out.contains('{'),
                "{out}"
            );
        }
    }

    #[test]
    fn line_numbers_stay_in_the_drama_range() {
        let mut rng = stream(1, 99, 1);
        for num in 0..100u16 {
            let mut out = String::new();
            push_line_number(&mut rng, &mut out, num);
            let digits: String = out.chars().filter(char::is_ascii_digit).collect();
            let tail = &digits[digits.len() - 6..];
            let n: u32 = tail.parse().unwrap();
            assert!((900_100..=900_199).contains(&n), "{out}");
        }
    }
}
