//! A record prepared for comparison: names, dates, PNC ids and addresses normalised once, compared many times.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::extract::Nominal;

use super::comparison::Names;
use super::model::Level;
use super::names::is_vowel;
use super::sound::{Spoken, soundex};

/// One record prepared for comparison: normalised once, compared many times.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub forename: String,
    pub surname: String,
    /// Soundex codes of the names, computed once (blocking uses them many times).
    pub forename_sound: String,
    pub surname_sound: String,
    /// How the names are spoken (Double Metaphone), for the sounds-alike level of the comparison.
    pub forename_spoken: Spoken,
    pub surname_spoken: Spoken,
    pub dob: Option<NaiveDate>,
    pub pnc: String,
    pub postcode: String,
    /// How many leading characters of `postcode` are its outward code, the district ("B12" of "B12 9QR"), and
    /// whether the inward code follows in full: a record may hold the district alone ("NN17") or with its
    /// sector ("HD2 2"), which places a person in a district, not on one street.
    pub outward_len: u8,
    pub full_postcode: bool,
    pub address: String,
    /// The generation a suffix written after a name says ("Jnr", "Snr", "III"), set aside from the name itself.
    pub generation: Option<Generation>,
}

/// A generational suffix: a father and son of one name are told apart by it where a record carries it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generation {
    /// "Jr", "Jnr", "Junior", "II".
    Junior,
    /// "Sr", "Snr", "Senior".
    Senior,
    /// "III".
    Third,
}

impl Prepared {
    pub fn new(
        forename: &str,
        surname: &str,
        dob: Option<NaiveDate>,
        pnc: &str,
        postcode: &str,
        address: &str,
    ) -> Self {
        let (forename, surname) = (normalise_name(forename), normalise_name(surname));
        let surname = english_form_of_gaelic_surname(&surname).map_or(surname, str::to_string);
        let forename = with_maria_spelt_out(without_title(&forename));
        let forename = forename.as_ref();
        let (forename, forename_generation) = match generation_alone(forename) {
            Some(generation) => ("", Some(generation)),
            None => without_generation(forename),
        };
        let (surname, surname_generation) = without_generation(&surname);
        let (outward_len, full_postcode) = postcode_parts(postcode);
        let generation = surname_generation.or(forename_generation);
        let forename = without_own_surname(forename, surname);
        let (forename, surname) = (forename.to_string(), surname.to_string());
        Self {
            forename_sound: soundex(&forename),
            surname_sound: soundex(&surname),
            forename_spoken: Spoken::of(&forename),
            surname_spoken: Spoken::of(&surname),
            forename,
            surname,
            dob,
            pnc: normalise_pnc(pnc),
            postcode: postcode
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_uppercase())
                .collect(),
            outward_len,
            full_postcode,
            address: normalise_address(address),
            generation,
        }
    }

    pub(super) fn names(&self) -> Names<'_> {
        Names {
            forename: &self.forename,
            forename_spoken: self.forename_spoken,
            surname: &self.surname,
            surname_spoken: self.surname_spoken,
        }
    }

    pub fn of(nominal: &Nominal) -> Self {
        Self::new(
            &nominal.forename,
            &nominal.surname,
            nominal.dob,
            nominal.pnc_id.as_deref().unwrap_or(""),
            &nominal.postcode,
            nominal.address.as_deref().unwrap_or(""),
        )
    }
}

/// A forename field that holds the whole name ("Aamina Riaz" beside the surname "Riaz", "Raja Zulfiqar Khan"
/// beside "Khan"), as systems that take a name in one box record it, without the surname it repeats.
fn without_own_surname<'a>(forename: &'a str, surname: &str) -> &'a str {
    match forename.rsplit_once(' ') {
        Some((given, last)) if !surname.is_empty() && last == surname && !given.is_empty() => given,
        _ => forename,
    }
}

/// A PNC id as letters and digits only, upper case, with the serial number's leading zeros dropped and the year
/// as two digits: "05/0345127W", "05/345127w" and "2005/345127W" are one id (systems write the serial with and
/// without its zeros, and the year of the first arrest in full or short).
fn normalise_pnc(pnc: &str) -> String {
    let alphanumeric = |part: &str| -> String {
        part.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    match pnc
        .split_once('/')
        .map(|(year, serial)| (alphanumeric(year), alphanumeric(serial)))
    {
        Some((year, serial)) if !year.is_empty() && !serial.trim_start_matches('0').is_empty() => {
            let year = match year.as_bytes() {
                [b'1', b'9', ..] | [b'2', b'0', ..] if year.len() == 4 => {
                    year.get(2..).unwrap_or(&year)
                }
                _ => &year,
            };
            format!("{year}/{}", serial.trim_start_matches('0'))
        }
        _ => alphanumeric(pnc),
    }
}

/// Lower case letters, hyphens and single spaces: "O'Brien " and "obrien" compare equal. Empty for a
/// placeholder ("Unknown", "N/K").
fn normalise_name(name: &str) -> String {
    let normal = letters_of_name(name);
    if NO_NAME.contains(&normal.as_str()) {
        String::new()
    } else {
        without_inner_particles(normal)
    }
}

/// A name without the particles Spanish, Portuguese and Italian names carry inside them ("María del Carmen",
/// "Ferreira da Costa", "Silva e Santos"), which systems keep or drop: "maria carmen" and "ferreira costa". A
/// particle that opens the name ("De Souza", "Da Silva") is part of how it is filed and is kept.
fn without_inner_particles(name: String) -> String {
    const PARTICLES: &[&str] = &[
        "de", "del", "della", "da", "das", "do", "dos", "di", "e", "y",
    ];
    if !name.contains(' ') {
        return name;
    }
    let mut words = name.split(' ');
    let first = words.next().unwrap_or_default();
    let kept: Vec<&str> = std::iter::once(first)
        .chain(words.filter(|w| !PARTICLES.contains(w)))
        .collect();
    kept.join(" ")
}

/// A normalised forename without a title before it: systems that hold one name field, or take names as
/// written on a form, key "Mr Kehinde" and "MISS SARAH JANE". A title alone is left as it is.
fn without_title(forename: &str) -> &str {
    // Mosammat (written Mst, Most) is the Bangladeshi honorific before a woman's name, as Mrs is.
    const TITLES: &[&str] = &[
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "master",
        "dr",
        "mosammat",
        "mossammat",
        "mosamat",
        "mst",
    ];
    match forename.split_once(' ') {
        Some((first, rest)) if TITLES.contains(&first) && !rest.is_empty() => rest,
        _ => forename,
    }
}

/// A forename opening with "Ma", the abbreviation of María that Filipino documents write before a second name
/// ("Ma. Cristina", "Ma. Luisa"), with the María spelt out, as other records of the same woman hold it. "Ma"
/// alone is left as it is: it is a name of its own in several languages.
fn with_maria_spelt_out(forename: &str) -> std::borrow::Cow<'_, str> {
    match forename.strip_prefix("ma ") {
        Some(rest) if !rest.is_empty() => format!("maria {rest}").into(),
        _ => forename.into(),
    }
}

/// A surname written in Irish or Scottish Gaelic, in the English form UK records hold it in: "Ó Cuinn" and
/// "Quinn", "Ní Dhónaill" and "O'Donnell", "Mac Lochlainn" and "McLaughlin", "NicLeòid" and "MacLeod",
/// "Caimbeul" and "Campbell". A woman's form (Ní for Ó, Nic for Mac, Bean Uí or Mhic for a married woman, and
/// in Scotland the name alone) lenites the name after it (Ó Catháin, Ní Chatháin; Caimbeul, Chaimbeul), and Ó
/// puts an h before a vowel (Ó hAodha); both are undone before the name is looked up. Irish writes Mac apart
/// from the name and Scottish Gaelic joins them, which tells the two apart where one name has an Irish and a
/// Scottish English form (Mac Domhnaill is McDonnell, MacDhòmhnaill is MacDonald). Only names whose English
/// form is settled are listed, one form each: where a name has two forms in use (Ó Catháin is Kane and
/// O'Kane), the comparison of the English forms still finds them close. A Gaelic form is the same surname, so
/// it compares as the English form does, as a name copied in Cyrillic compares in Latin letters.
fn english_form_of_gaelic_surname(surname: &str) -> Option<&'static str> {
    let surname = surname.strip_prefix("bean ").unwrap_or(surname);
    let look_up = |table: &[(&str, &'static str)], name: &str| {
        table
            .iter()
            .find(|(gaelic, _)| gaelic.split('|').any(|form| form == name))
            .map(|(_, english)| *english)
    };
    let Some((prefix, name)) = surname.split_once(' ') else {
        return match ["mac", "nic", "mhic"]
            .iter()
            .find_map(|prefix| surname.strip_prefix(prefix))
        {
            Some(name) => {
                let name = without_lenition(name);
                look_up(SCOTTISH_MAC_SURNAMES, &name).or_else(|| look_up(IRISH_MAC_SURNAMES, &name))
            }
            None => look_up(SCOTTISH_SURNAMES, &without_lenition(surname)),
        };
    };
    let table = match prefix {
        "o" | "ua" | "ni" | "ui" => IRISH_O_SURNAMES,
        "mac" | "mag" | "nic" | "mhic" => IRISH_MAC_SURNAMES,
        _ => return None,
    };
    let name: Vec<String> = name.split(' ').map(without_lenition).collect();
    look_up(table, &name.join(" "))
}

/// A Gaelic name as it is written after Ó or Mac, or as a man's name: without the h that lenition puts after a
/// first consonant (Chatháin is Catháin), the h that Ó puts before a vowel (hAodha is Aodha) and the t before s
/// (tSaoir).
fn without_lenition(word: &str) -> String {
    let bytes = word.as_bytes();
    match bytes {
        [b'h', second, ..] if is_vowel(*second) => word.get(1..).unwrap_or(word).to_string(),
        [b't', b's', ..] => word.get(1..).unwrap_or(word).to_string(),
        [first, b'h', ..] if b"bcdfgmpst".contains(first) => {
            let mut plain = String::with_capacity(word.len());
            plain.push(char::from(*first));
            plain.push_str(word.get(2..).unwrap_or(""));
            plain
        }
        _ => word.to_string(),
    }
}

/// Irish surnames of the Ó family (after Ó, Ní or Uí, accents dropped and lenition undone; spellings of one
/// name separated by `|`) and the English form records hold: surnames common in Ireland and Northern Ireland,
/// in standard Irish spelling. A name missing here is compared as written, as before.
const IRISH_O_SURNAMES: &[(&str, &str)] = &[
    ("cuinn", "quinn"),
    ("cathain", "okane"),
    ("domhnaill|donaill", "odonnell"),
    ("neill", "oneill"),
    ("briain", "obrien"),
    ("suilleabhain", "osullivan"),
    ("conchuir|conchobhair", "oconnor"),
    ("ceallaigh", "kelly"),
    ("murchu|murchadha", "murphy"),
    ("dochartaigh", "doherty"),
    ("gallchobhair|gallchoir", "gallagher"),
    ("dalaigh", "daly"),
    ("conaill", "oconnell"),
    ("raghallaigh", "oreilly"),
    ("ruairc", "orourke"),
    ("floinn", "flynn"),
    ("cearbhaill", "carroll"),
    ("cinneide", "kennedy"),
    ("maille", "omalley"),
    ("baoill|baoighill", "boyle"),
    ("dubhghaill", "doyle"),
    ("tuathail", "otoole"),
    ("coileain", "collins"),
    ("riain", "ryan"),
    ("duinn", "dunne"),
    ("loingsigh", "lynch"),
    ("mathuna", "omahony"),
    ("ceallachain", "callaghan"),
    ("flannagain", "flanagan"),
    ("aodha", "hughes"),
    ("eadhra", "ohara"),
    ("dubhthaigh", "duffy"),
    ("meallain", "mallon"),
    ("maolain", "mullan"),
    ("muineachain", "monaghan"),
    ("cuilinn", "cullen"),
    ("donnchadha", "donohoe"),
    ("fearghail", "farrell"),
    ("conghaile", "connolly"),
    ("searcaigh", "sharkey"),
    ("gormain", "gorman"),
    ("corcrain", "corcoran"),
    ("cathasaigh", "casey"),
    ("caoimh", "okeeffe"),
    ("laoghaire", "oleary"),
    ("se", "oshea"),
    ("allmhurain", "halloran"),
    ("grada", "grady"),
    ("maolmhuaidh", "molloy"),
    ("duibhir", "dwyer"),
    ("broin", "byrne"),
    ("cleirigh", "cleary"),
    ("diomasaigh", "dempsey"),
    ("nuallain", "nolan"),
    ("donnabhain", "odonovan"),
    ("cearnaigh", "kearney"),
    ("hanluain|anluain", "hanlon"),
    ("mordha", "moore"),
    ("donnghaile|donaile", "donnelly"),
    ("doibhilin|doibhlin", "devlin"),
    ("again", "hagan"),
    ("caiside", "cassidy"),
    ("braonain", "brennan"),
    ("cianain", "keenan"),
    ("gormghaile", "gormley"),
    ("maolagain", "mulligan"),
    ("muiri|muirigh", "murray"),
    ("tomhrair", "toner"),
    ("raifeartaigh|raithbheartaigh", "rafferty"),
    ("maolchallann", "mulholland"),
    ("brolchain", "bradley"),
    ("morain", "moran"),
];

/// Irish surnames of the Mac family (after Mac, Mag, Nic or Mhic), as [`IRISH_O_SURNAMES`].
const IRISH_MAC_SURNAMES: &[(&str, &str)] = &[
    ("lochlainn", "mclaughlin"),
    ("carthaigh", "mccarthy"),
    ("mathuna", "mcmahon"),
    ("diarmada", "mcdermott"),
    ("suibhne", "mcsweeney"),
    ("aonghusa", "mcguinness"),
    ("giolla padraig", "fitzpatrick"),
    ("giolla bride", "mcbride"),
    ("con mara", "mcnamara"),
    ("gabhann", "mcgowan"),
    ("cionaoith", "mckenna"),
    ("domhnaill", "mcdonnell"),
    ("an saoir", "mcateer"),
    ("eoin", "mckeown"),
    ("ruairi", "mcrory"),
    ("cana", "mccann"),
    ("cormaic", "mccormack"),
    ("maghnais", "mcmanus"),
    ("uidhir", "maguire"),
    ("fionnlaoich", "mcginley"),
    ("craith", "mcgrath"),
    ("neill", "mcneill"),
    ("aoidh", "mckee"),
    ("uiginn", "mcguigan"),
    ("cafraigh", "mccaffrey"),
    ("giolla rua", "mcelroy"),
    ("laifeartaigh", "mclafferty"),
];

/// Scottish Gaelic surnames written with Mac joined to them (after Mac, Nic or Mhic), as [`IRISH_O_SURNAMES`].
const SCOTTISH_MAC_SURNAMES: &[(&str, &str)] = &[
    ("domhnaill", "macdonald"),
    ("leoid", "macleod"),
    ("coinnich", "mackenzie"),
    ("aoidh", "mackay"),
    ("illeathain", "maclean"),
    ("amhlaigh", "macaulay"),
    ("iomhair", "maciver"),
    ("aonghais", "macinnes"),
    ("griogair", "macgregor"),
    ("dughaill", "macdougall"),
    ("fionghain", "mackinnon"),
    ("neacail", "nicolson"),
    ("illemhoire|gillemhoire", "morrison"),
    ("mathain", "matheson"),
];

/// Scottish Gaelic surnames written without Mac, as a man's name (a woman's is lenited), as
/// [`IRISH_O_SURNAMES`].
const SCOTTISH_SURNAMES: &[(&str, &str)] = &[
    ("caimbeul", "campbell"),
    ("friseal", "fraser"),
    ("moireach", "murray"),
    ("stiubhart", "stewart"),
    ("domhnallach", "macdonald"),
    ("grannd", "grant"),
    ("rothach", "munro"),
    ("siosalach", "chisholm"),
    ("moireasdan", "morrison"),
    ("camshron", "cameron"),
    ("greum", "graham"),
    ("dubhghlas", "douglas"),
];

/// A normalised name without a generational suffix after it ("afolabi jnr", "campbell ii"), and the
/// generation the suffix says. A suffix alone is left as it is.
fn without_generation(name: &str) -> (&str, Option<Generation>) {
    let Some((rest, last)) = name.rsplit_once(' ') else {
        return (name, None);
    };
    let generation = match last {
        "jr" | "jnr" | "junior" | "ii" => Generation::Junior,
        "sr" | "snr" | "senior" => Generation::Senior,
        "iii" => Generation::Third,
        _ => return (name, None),
    };
    (rest, Some(generation))
}

/// The generation a forename gives when it is nothing else: a son named after his father is known as
/// "Junior", and a record may hold that alone in the forename. His given name is then not written, so the
/// forename is missing, and the generation still keeps him apart from his father. Surnames are left as they
/// are: Junior is a family name too.
fn generation_alone(forename: &str) -> Option<Generation> {
    match forename {
        "jr" | "jnr" | "junior" => Some(Generation::Junior),
        "sr" | "snr" | "senior" => Some(Generation::Senior),
        _ => None,
    }
}

fn letters_of_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    // Accents are often dropped between systems ("Wiśniewska", "Wisniewska"; "Nguyễn", "Nguyen"): decompose and
    // keep the base letters.
    let bases = name
        .trim()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c));
    for c in bases.flat_map(char::to_lowercase) {
        if let Some(spelt) = ascii_spelling(c) {
            out.push_str(spelt);
        } else if c.is_alphabetic() || c == '-' {
            out.push(c);
        } else if c.is_whitespace() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// How a letter with no ASCII base letter to decompose into is written by systems without it: "Michał" is
/// keyed as "Michal" and "Małgorzata" as "Malgorzata", so both spellings are one name and the familiar-form
/// table (Gosia) finds it. A name copied in Cyrillic from a Ukrainian or Russian document ("Олена Бондаренко")
/// is read in the Latin letters a UK record of the same person holds ("Olena Bondarenko"), by Ukraine's
/// passport transliteration (г as h, и as y), which most Cyrillic names now reaching UK records are written
/// in; Russian forms still come out close (Yekaterina, Kateryna). Letters arrive lower case and decomposed, so
/// й is и and ё is е by now.
pub(super) fn ascii_spelling(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' | 'Ł' => "l",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ı' => "i",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ы' => "y",
        'і' | 'ї' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "yu",
        'я' => "ya",
        'ь' | 'ъ' => "",
        _ => return None,
    })
}

/// Lower-case words joined by single spaces, street types written out ("Rd" as "road"); empty for an address
/// that says there is none ("No fixed abode", "NFA", "unknown"): two people of no fixed abode do not share a
/// residence.
fn normalise_address(address: &str) -> String {
    let normal = address
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            match STREET_TYPES.iter().find(|(short, _)| *short == lower) {
                Some((_, full)) => (*full).to_string(),
                None => lower,
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    if NO_ADDRESS.contains(&normal.as_str()) {
        String::new()
    } else {
        normal
    }
}

/// Street types as Royal Mail's and councils' abbreviations write them, with the word each stands for: one
/// officer writes "46 Langlands Rd", another "46 Langlands Road".
const STREET_TYPES: &[(&str, &str)] = &[
    ("rd", "road"),
    ("st", "street"),
    ("ave", "avenue"),
    ("av", "avenue"),
    ("cres", "crescent"),
    ("dr", "drive"),
    ("ln", "lane"),
    ("gdns", "gardens"),
    ("ct", "court"),
    ("pl", "place"),
    ("sq", "square"),
    ("terr", "terrace"),
    ("tce", "terrace"),
    ("cl", "close"),
    ("gr", "grove"),
    ("pk", "park"),
];

/// Whether two written addresses are one premises though not written alike: every word of the shorter is in
/// the longer, and it holds a house number and at least two other words ("71 Balgrayhill Road, Glasgow" and
/// "71 Balgrayhill Road, Springburn, Glasgow"), so a town or a district added or left out does not part them.
/// Where the longer adds a number of its own (a flat, "Flat 3, 10 Summer Lane" against "10 Summer Lane") the
/// building is the same but the household may not be, which is the postcode's level, not the address's.
/// Asked of every candidate pair whose addresses differ, so the shorter's house number is looked for first:
/// most such pairs differ there and go no further.
pub(super) fn same_premises(a: &str, b: &str) -> Option<Level> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let has_digit = |w: &str| w.bytes().any(|c| c.is_ascii_digit());
    let number = short.split(' ').find(|w| has_digit(w))?;
    if !long.split(' ').any(|w| w == number) {
        return None;
    }
    let words = short.split(' ').filter(|w| !has_digit(w)).count();
    if words < 2 || !short.split(' ').all(|w| long.split(' ').any(|l| l == w)) {
        return None;
    }
    let adds_a_number = long
        .split(' ')
        .any(|w| has_digit(w) && !short.split(' ').any(|s| s == w));
    Some(if adds_a_number {
        Level::Close
    } else {
        Level::Exact
    })
}

/// Placeholder addresses as police systems record them (normalised).
const NO_ADDRESS: &[&str] = &[
    "no fixed abode",
    "nfa",
    "no fixed address",
    "of no fixed abode",
    "homeless",
    "unknown",
    "not known",
    "address unknown",
    "refused",
    "none",
    "n a",
    "na",
    "address not known",
    "no known address",
    "nka",
    "not given",
    "withheld",
    "no address",
    "no address given",
];

/// Placeholder names as police systems record them when a person will not or cannot give one (normalised):
/// two "Unknown Unknown" records are two unknown people, not one person's name agreeing.
const NO_NAME: &[&str] = &[
    "unknown",
    "not known",
    "nk",
    "n k",
    "unk",
    "refused",
    "no name",
    "not given",
    "withheld",
    "person unknown",
    "xx",
    "xxx",
    "zz",
    "zzz",
];

/// A UK postcode's outward code length and whether its inward code is there in full, read from the postcode as
/// written: the outward code is two to four characters and the inward code always three (a digit and two
/// letters), so a space parts them where one is written, and without one a postcode of four characters or
/// fewer is the outward code alone. "HD2 2" is a district and its sector; "LE54NX" is LE5 and 4NX.
fn postcode_parts(postcode: &str) -> (u8, bool) {
    let alphanumeric = |part: &str| part.chars().filter(char::is_ascii_alphanumeric).count();
    let mut parts = postcode
        .split_whitespace()
        .filter(|part| alphanumeric(part) > 0);
    let first = parts.next().map_or(0, alphanumeric);
    let rest: usize = parts.map(alphanumeric).sum();
    let (outward, full) = if rest > 0 {
        (first, rest >= 3)
    } else if first <= 4 {
        (first, false)
    } else {
        (first - 3, true)
    };
    (u8::try_from(outward).unwrap_or(u8::MAX), full)
}
