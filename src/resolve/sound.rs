//! How names sound: Double Metaphone for comparison and Soundex for blocking.

use super::names::is_vowel;
use super::prepare::ascii_spelling;

/// How a name is spoken, as Double Metaphone's primary and alternate codes ("Jaiden": JTN, ATN). Soundex, which
/// blocking uses for its coarseness, drops every vowel and lumps M with N: Liam and Leon, Jamie and John, Amy
/// and Anna share a code, so as a comparison level it would call different names, and twins, alike. Double
/// Metaphone keeps those consonants apart and still hears Rhys and Reece, Stewart and Stuart, Sophie and Sofie
/// as one name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Spoken {
    primary: Code,
    alternate: Code,
    /// The primary code of the name read as Somali's own spelling writes it, where it is so written (see
    /// [`somali_reading`]); empty otherwise.
    somali: Code,
}

/// A Double Metaphone code held in one word rather than a `String`: codes are compared for millions of
/// candidate pairs, and a word compares at once, where strings are followed to the heap. The encoder's codes
/// are at most four letters (its default maximum); up to eight fit, and the bytes are ASCII letters, never
/// zero, so two codes are equal exactly when their words are. 0 is the empty code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Code(u64);

impl Code {
    pub(super) fn of(code: &str) -> Self {
        Self(
            code.bytes()
                .take(8)
                .fold(0, |word, byte| (word << 8) | u64::from(byte)),
        )
    }

    pub(super) fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl Spoken {
    /// `name` as normalised for comparison (lower case, accents already dropped). The encoder slices its
    /// input by bytes and works on English letters, so letters without an ASCII base are spelt out ("ł" as
    /// "l") or dropped before it sees them.
    pub fn of(name: &str) -> Self {
        let mut ascii = String::with_capacity(name.len());
        for c in name.chars() {
            match c {
                'a'..='z' | 'A'..='Z' | ' ' | '-' => ascii.push(c),
                _ => {
                    if let Some(spelt) = ascii_spelling(c) {
                        ascii.push_str(spelt);
                    }
                }
            }
        }
        let encoder = rphonetic::DoubleMetaphone::default();
        let codes = encoder.double_metaphone(&ascii);
        Self {
            primary: Code::of(&codes.primary()),
            alternate: Code::of(&codes.alternate()),
            somali: somali_reading(&ascii)
                .map(|read| Code::of(&encoder.double_metaphone(&read).primary()))
                .unwrap_or_default(),
        }
    }

    /// Whether two names are spoken alike: their primary codes agree, or one's primary is the other's
    /// alternate (a name heard in two ways: "Sian" as "Shan" or "Sean"), or a name in Somali spelling is read
    /// as the other is spoken ("Faarax" and "Farah", "Cali" and "Ali").
    pub fn alike(&self, other: &Self) -> bool {
        let somali = |x: &Self, y: &Self| {
            !x.somali.is_empty() && (x.somali == y.primary || x.somali == y.somali)
        };
        !self.primary.is_empty()
            && (self.primary == other.primary
                || self.primary == other.alternate
                || self.alternate == other.primary
                || somali(self, other)
                || somali(other, self))
    }
}

/// A name written in Somali's own Latin spelling, read as English records write it: Somali writes the Arabic
/// h as x, the Arabic ain (which English spellings leave out) as c, and long vowels doubled, so "Faarax" is
/// Farah, "Xasan" Hassan, "Cali" Ali, "Jaamac" Jama and "Cabdiraxmaan" Abdirahman. `None` for a name none of
/// whose words shows those marks. The marks looked for are x not in Albanian xh nor ending a short word (Alex,
/// Cox); a word opening with c before a doubled vowel or as the commonest Somali names built on ain open
/// (Cabdi-, Cali, Cumar, Cismaan, Cilmi, Cawo); and c after a doubled a, i or u before a vowel (Ismaaciil), or
/// after a vowel ending a word of six letters or more with such a doubled vowel (Jaamac). The c marks are drawn
/// narrowly because English opens names with c (Cian, Carl) and Isaac doubles a vowel before its c. An x
/// inside an English name is read as h too ("Alexander" as "Alehander", "Dixon" as "Dihon"); such a reading
/// seldom sounds like another name, and across the hand-written nominal files it changed no pair.
pub(super) fn somali_reading(name: &str) -> Option<String> {
    const AIN_OPENINGS: &[&str] = &["cabd", "cism", "cumar", "cilm", "cawo", "caa", "cii", "cuu"];
    let mut read = String::with_capacity(name.len());
    let mut marked = false;
    for (i, word) in name.split([' ', '-']).enumerate() {
        if i > 0 {
            read.push(' ');
        }
        let letters = word.as_bytes();
        let opening_ain = word == "cali" || AIN_OPENINGS.iter().any(|o| word.starts_with(o));
        // English doubles e before a c (Reece, Greece); Somali's long vowels marked here are a, i and u.
        let long_vowel = ["aa", "ii", "uu"].iter().any(|v| word.contains(v));
        let mut previous: Option<u8> = None;
        // The two letters before this one, as written.
        let (mut before, mut two_before) = (None::<u8>, None::<u8>);
        for (at, &c) in letters.iter().enumerate() {
            let next = letters.get(at + 1).copied();
            let last = at + 1 == letters.len();
            let after_vowel = before.is_some_and(is_vowel);
            let after_long_vowel =
                before.is_some_and(|v| b"aiu".contains(&v)) && before == two_before;
            (two_before, before) = (before, Some(c));
            let spoken = match c {
                b'x' if next != Some(b'h') && !(last && letters.len() < 5) => {
                    marked = true;
                    Some(b'h')
                }
                b'c' if at == 0 && opening_ain => {
                    marked = true;
                    None
                }
                b'c' if (after_long_vowel && next.is_some_and(is_vowel))
                    || (after_vowel && last && letters.len() >= 6 && long_vowel) =>
                {
                    marked = true;
                    None
                }
                _ => Some(c),
            };
            if let Some(c) = spoken {
                // A doubled vowel is one long vowel.
                if !(is_vowel(c) && previous == Some(c)) {
                    read.push(char::from(c));
                }
                previous = Some(c);
            }
        }
    }
    marked.then_some(read)
}

/// American Soundex of the letters of a name ("Robert" and "Rupert" are R163); empty for no letters.
pub fn soundex(name: &str) -> String {
    let code = |c: char| match c {
        'b' | 'f' | 'p' | 'v' => Some('1'),
        'c' | 'g' | 'j' | 'k' | 'q' | 's' | 'x' | 'z' => Some('2'),
        'd' | 't' => Some('3'),
        'l' => Some('4'),
        'm' | 'n' => Some('5'),
        'r' => Some('6'),
        _ => None,
    };
    let mut letters = name
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_alphabetic());
    let Some(first) = letters.next() else {
        return String::new();
    };
    let mut out = String::with_capacity(4);
    out.push(first.to_ascii_uppercase());
    let mut last = code(first);
    for c in letters {
        let digit = code(c);
        if digit.is_some() && digit != last {
            if let Some(d) = digit {
                out.push(d);
            }
            if out.len() == 4 {
                break;
            }
        }
        // 'h' and 'w' do not separate equal codes; vowels do.
        if c != 'h' && c != 'w' {
            last = digit;
        }
    }
    while out.len() < 4 {
        out.push('0');
    }
    out
}
