//! Finding people's names in running text.
//!
//! Three kinds of evidence, strongest first:
//! 1. a title or label: `Mrs Okafor`, `Dear Amara`, `Name: Siobhan Gallagher`, `Pupil: …`;
//! 2. dictionaries: a first name followed by a surname (`Zofia Kowalczyk`), or
//!    `Surname, Forename`, checked against lists of first names and surnames reflecting UK
//!    schools' diversity (sources and licences in docs/name-sources.md);
//! 3. the school's own roster, when IT has imported one ([`KnownNames`]).
//!
//! People studied in lessons (Florence Nightingale, Tom Kitten, Miss Trunchbull…) are
//! recognised and never count. Names that are also everyday words (Will, May, Grace…) need
//! a title, label or a known surname next to them.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The school's own people, for names no dictionary holds. Implemented by the roster.
pub trait KnownNames: Send + Sync {
    /// Is this normalised full name ("amara okafor") one of the school's people?
    fn contains(&self, normalised_full_name: &str) -> bool;
}

pub struct Names {
    /// Word (lower case) → the bundled lists it is in ([`FIRST`], [`LAST`], [`WORD`]), so
    /// that one look-up answers all three.
    lists: WordLists,
    figures: HashSet<String>,
    figure_words: HashSet<String>,
    /// Finds multi-word figures in text.
    figure_ac: super::starts::WordStarts,
}

/// Words of organisations' mailboxes that the everyday word list lacks.
const ORGANISATION_WORDS: &[&str] = &[
    "children",
    "family",
    "families",
    "youth",
    "early",
    "help",
    "customer",
    "service",
    "services",
    "visitor",
    "visits",
    "enquiries",
    "admissions",
    "safeguarding",
    "inclusion",
    "education",
    "learning",
    "support",
    "care",
    "health",
    "info",
    "sen",
    "send",
    "exams",
    "bookings",
    "events",
    "general",
    "schools",
    "office",
    "team",
    "uniform",
    "sport",
    "sports",
    "drama",
    "science",
    "maths",
    "english",
    "library",
    "lettings",
    "transport",
    "lunches",
    "meals",
    "clubs",
    "wraparound",
    "alumni",
    "news",
    "newsletter",
    "media",
    "communications",
    "marketing",
    "recruitment",
    "jobs",
    "vacancies",
    "premises",
    "site",
    "wellbeing",
    "attendance",
    "medical",
    "nurse",
    "sixthform",
    "transition",
    "form",
    "officer",
    "desk",
    "results",
    "experience",
    "trips",
    "nurture",
    "surgery",
    "work",
];

/// A parent-teacher association's initials, which count only as a part of their own
/// ("oakfield.pta@": "sudipta@" and "duttagupta@" are people's).
const GROUP_INITIALS: &[&str] = &["pta", "ptfa", "pfa"];

/// Parts of groups' addresses that say nothing of whose they are on their own
/// ("hollybrook.parents.association@"), though some are surnames too.
const GROUP_PARTS: &[&str] = &[
    "parent",
    "parents",
    "families",
    "year",
    "yr",
    "class",
    "friends",
    "council",
    "association",
    "committee",
    "society",
];

/// Words of groups' mailboxes, found anywhere in the first part of an address (lower
/// case).
const GROUP_MAILBOX_WORDS: &[&str] = &[
    "parentcouncil",
    "parentsassociation",
    "parents.association",
    "friendsof",
    "friends.of",
    "committee",
    "association",
    "society",
];

/// Mail providers whose addresses are people's own, whatever their local part
/// ("coolkid2009@gmail.com"): the first label of the domain.
const PERSONAL_MAIL: &[&str] = &[
    "gmail",
    "googlemail",
    "hotmail",
    "outlook",
    "live",
    "msn",
    "yahoo",
    "ymail",
    "icloud",
    "me",
    "mac",
    "aol",
    "btinternet",
    "btopenworld",
    "sky",
    "virginmedia",
    "talktalk",
    "tiscali",
    "ntlworld",
    "blueyonder",
    "plus",
    "protonmail",
    "proton",
    "gmx",
    "mail",
    "zoho",
];

/// Whether an address's domain is a personal mail provider's (gmail.com, hotmail.co.uk).
pub(super) fn personal_mail_provider(domain: &str) -> bool {
    let provider = domain.split('.').next().unwrap_or("");
    PERSONAL_MAIL
        .iter()
        .any(|p| p.eq_ignore_ascii_case(provider))
}

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "master",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
    "revd",
];

/// Labels after which a name follows.
const LABELS: &[&str] = &[
    "name",
    "pupil",
    "pupil name",
    "student",
    "student name",
    "child",
    "child's name",
    "childs name",
    "name of child",
    "name of pupil",
    "staff",
    "staff name",
    "teacher",
    "learner",
    "parent",
    "parent/carer",
    "carer",
    "emergency contact",
    "contact",
    "signed",
    "completed by",
    "reported by",
    "author",
    "from",
    "to",
    "cc",
    "candidate",
    "candidate name",
];

/// Words after "Dear" that address a group, not a person.
const DEAR_GROUPS: &[&str] = &[
    "parent",
    "parents",
    "carer",
    "carers",
    "parent/carer",
    "parents/carers",
    "all",
    "colleague",
    "colleagues",
    "sir",
    "madam",
    "sir/madam",
    "families",
    "family",
    "friends",
    "team",
    "everyone",
    "staff",
    "governors",
    "year",
    "class",
    "pupils",
    "students",
    "children",
    "head",
    "headteacher",
    "applicant",
    "candidate",
    "member",
    "members",
    "reader",
];

use super::word_table::{self, FIRST, LAST, WORD, lines};

fn load(list: &'static str) -> HashSet<&'static str> {
    let mut set = HashSet::with_capacity_and_hasher(list.len() / 7, Default::default());
    set.extend(lines(list));
    set
}

/// A word of running text with its byte span.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// Followed by ':' or a dash, as a label is ("Name:", "Pupil -").
    label_mark: bool,
}

fn tokens(s: &str) -> Vec<Token<'_>> {
    // About one word in six bytes of running text.
    let mut out = Vec::with_capacity(s.len() / 6 + 1);
    let b = s.as_bytes();
    // How many bytes from `i` on are of the classes `mask` names.
    let run = |i: usize, mask: u8| {
        b[i..]
            .iter()
            .take_while(|&&c| BYTE_CLASS[usize::from(c)] & mask != 0)
            .count()
    };
    let mut i = 0;
    loop {
        // Between words: ASCII (most text) skipped byte by byte, other characters decoded.
        i += b[i..]
            .iter()
            .position(|&c| BYTE_CLASS[usize::from(c)] & (ASCII_LETTER | OTHER_CHARACTER) != 0)
            .unwrap_or(b.len() - i);
        if i == b.len() {
            return out;
        }
        if !b[i].is_ascii() {
            let c = s[i..].chars().next().expect("at a character boundary");
            if !word_char(c, false) {
                i += c.len_utf8();
                continue;
            }
        }
        // A word: its ASCII letters, apostrophes and hyphens in a tight loop, then any
        // other character that continues it.
        let start = i;
        loop {
            i += run(i, ASCII_LETTER | JOINER);
            match s[i..].chars().next() {
                Some(c) if !c.is_ascii() && word_char(c, true) => i += c.len_utf8(),
                _ => break,
            }
        }
        push_word(&mut out, trimmed(s, start, i));
    }
}

/// What [`tokens`] and [`label_mark`] need to know of a byte, looked up in one table.
const ASCII_LETTER: u8 = 1;
/// An apostrophe or a hyphen, which join the letters of a word ("O'Brien", "Smith-Jones").
const JOINER: u8 = 2;
/// A byte of a character outside ASCII: the character is decoded.
const OTHER_CHARACTER: u8 = 4;
/// A byte after which a word is no label: a letter, a digit or common punctuation.
const NO_LABEL: u8 = 8;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c.is_ascii_alphabetic() {
            ASCII_LETTER | NO_LABEL
        } else if c == b'\'' {
            JOINER | NO_LABEL
        } else if c == b'-' {
            JOINER
        } else if !c.is_ascii() {
            OTHER_CHARACTER
        } else if c.is_ascii_digit() || matches!(c, b'.' | b',' | b';' | b'!' | b'?' | b')' | b'"')
        {
            NO_LABEL
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Adds a word unless trimming left nothing of it ("'-").
fn push_word<'a>(out: &mut Vec<Token<'a>>, t: Token<'a>) {
    if !t.text.is_empty() {
        out.push(t);
    }
}

/// Whether a figure touches `t` on either side ("DY" in "DY1", "C" in "9C").
fn glued_to_a_figure(text: &str, t: &Token<'_>) -> bool {
    let b = text.as_bytes();
    t.start
        .checked_sub(1)
        .is_some_and(|i| b[i].is_ascii_digit())
        || b.get(t.end).is_some_and(u8::is_ascii_digit)
        // "AST-07", a leaflet's reference.
        || (b.get(t.end) == Some(&b'-') && b.get(t.end + 1).is_some_and(u8::is_ascii_digit))
}

/// Whether a text is a list of three single words or more ("Paris, River, Summer, Hope"
/// under a guided reading group's `Pupils`): given names alone, no one's full name. Items
/// are split at semicolons when there are any: "OKAFOR, Amara; CLARKE, Jayden; BRENNAN,
/// Leo" is a list of full names.
pub fn list_of_single_words(text: &str) -> bool {
    // (Most values hold neither.)
    let (commas, semicolons) = text
        .bytes()
        .fold((false, false), |(c, s), b| (c || b == b',', s || b == b';'));
    if !commas && !semicolons {
        return false;
    }
    let sep = if semicolons { ';' } else { ',' };
    text.split(sep).count() >= 3 && text.split(sep).all(|p| p.split_whitespace().count() == 1)
}

/// Whether a word of two letters or more is written in capitals ("OKAFOR", "Ó BRIAIN").
fn in_capitals(w: &str) -> bool {
    w.chars().nth(1).is_some() && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// A day's name cut short, as timetables and menus write it ("Thu", "Weds").
fn day_cut_short(w: &str) -> bool {
    matches!(
        w,
        "Mon" | "Tue" | "Tues" | "Wed" | "Weds" | "Thu" | "Thur" | "Thurs" | "Fri" | "Sat" | "Sun"
    )
}

/// Whether `c` belongs to a word: a letter, or an apostrophe or hyphen inside one.
fn word_char(c: char, in_word: bool) -> bool {
    letter(c) || ((c == '\'' || c == '’' || c == '-') && in_word)
}

/// `char::is_alphabetic`, answered at once for the punctuation of running text (curly
/// quotes, dashes, ellipses: the General Punctuation block holds no letter), which the
/// standard library looks up in its tables.
fn letter(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphabetic()
}

/// Whether `s` holds a capital letter and two [`tokens`] or more (a token starts at a
/// letter that does not continue a word). One pass, ASCII byte by byte.
fn capital_and_two_words(s: &str) -> bool {
    let b = s.as_bytes();
    // Most table cells have no capital at all (dates, numbers, e-mail addresses): a quick
    // look first, for an ASCII capital or any other character (which may be one).
    if !b.iter().any(|&c| c.is_ascii_uppercase() || !c.is_ascii()) {
        return false;
    }
    let (mut capital, mut in_word, mut words) = (false, false, 0);
    let mut i = 0;
    while i < b.len() {
        let (upper, word, len) = if b[i].is_ascii() {
            let c = b[i];
            let word = c.is_ascii_alphabetic() || ((c == b'\'' || c == b'-') && in_word);
            (c.is_ascii_uppercase(), word, 1)
        } else {
            let c = s[i..].chars().next().expect("at a character boundary");
            (c.is_uppercase(), word_char(c, in_word), c.len_utf8())
        };
        capital |= upper;
        words += usize::from(word && !in_word);
        if capital && words >= 2 {
            return true;
        }
        in_word = word;
        i += len;
    }
    false
}

fn trimmed(s: &str, start: usize, end: usize) -> Token<'_> {
    let raw = &s.as_bytes()[start..end];
    // Most words end in a letter and are not possessives: nothing to trim.
    let plain = match raw.last() {
        Some(b's') => !(raw.ends_with(b"'s") || raw.ends_with("’s".as_bytes())),
        Some(b) => b.is_ascii_alphabetic(),
        None => false,
    };
    let t = if plain {
        &s[start..end]
    } else {
        let t = s[start..end].trim_end_matches(['\'', '’', '-']);
        t.strip_suffix("'s")
            .or_else(|| t.strip_suffix("’s"))
            .unwrap_or(t)
    };
    let end = start + t.len();
    Token {
        text: t,
        start,
        end,
        label_mark: label_mark(s, end),
    }
}

/// Whether the text at `at` is, after any spaces, ':' or a dash.
fn label_mark(s: &str, at: usize) -> bool {
    let rest = &s.as_bytes()[at..];
    // Nearly always a word is followed by punctuation, or by a space and another word.
    match rest {
        [b' ', b, ..] | [b, ..] if BYTE_CLASS[usize::from(*b)] & NO_LABEL != 0 => {
            return false;
        }
        _ => {}
    }
    label_mark_after_spaces(s, at)
}

/// [`label_mark`] without its quick answers.
fn label_mark_after_spaces(s: &str, at: usize) -> bool {
    let rest = &s.as_bytes()[at..];
    // ASCII spaces skipped byte by byte; anything else read as characters.
    let spaces = rest
        .iter()
        .take_while(|b| b.is_ascii_whitespace() || **b == 0x0b)
        .count();
    match rest.get(spaces) {
        Some(b':' | b'-') => true,
        Some(b) if b.is_ascii() => false,
        None => false,
        Some(_) => matches!(
            s[at + spaces..].trim_start().chars().next(),
            Some(':' | '-' | '–')
        ),
    }
}

fn capitalised(t: &str) -> bool {
    // ASCII (most words): a capital and at least one more character; every other ASCII
    // letter is either lower case or a capital, which the general rule below accepts.
    match t.as_bytes().first() {
        Some(b) if b.is_ascii() && !b.is_ascii_uppercase() => return false,
        _ if t.is_ascii() => return t.len() >= 2,
        _ => {}
    }
    let mut c = t.chars();
    match c.next() {
        Some(f) if f.is_uppercase() => {
            // "Okafor", "O'Brien", "McDonald", or ALL CAPS ("OKAFOR").
            let (mut any, mut lower, mut caps_only) = (false, false, true);
            for ch in c {
                any = true;
                if ch.is_lowercase() {
                    lower = true;
                    caps_only = false;
                } else if ch.is_alphabetic() && !ch.is_uppercase() {
                    caps_only = false;
                }
            }
            any && (lower || caps_only)
        }
        _ => false,
    }
}

/// Words → bits: the table laid out when safecarry was built (see
/// [`word_table`]), and the few words too long for it.
struct WordLists {
    /// Words longer than [`word_table::SHORT`] bytes.
    long: HashMap<&'static str, u8>,
}

/// The table's keys, 16 bytes a slot, and each slot's bits.
static TABLE_KEYS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/name_keys.bin"));
static TABLE_BITS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/name_bits.bin"));
/// The longer words: `word<TAB>bits` lines.
static LONG_WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/name_long.txt"));

impl WordLists {
    fn bundled() -> WordLists {
        let long = LONG_WORDS
            .lines()
            .filter_map(|l| {
                let (w, bits) = l.split_once('\t')?;
                Some((w, bits.parse().ok()?))
            })
            .collect();
        WordLists { long }
    }

    /// The bits of the word with this key (0: in no list).
    fn short(key: u128) -> u8 {
        let mut s = word_table::slot(key);
        loop {
            let at = &TABLE_KEYS[s * 16..s * 16 + 16];
            let k = u128::from_le_bytes(at.try_into().expect("16 bytes a slot"));
            if k == key {
                return TABLE_BITS[s];
            }
            // Every look-up ends: the table always has empty slots.
            if k == 0 {
                return 0;
            }
            s = (s + 1) % word_table::SLOTS;
        }
    }

    /// The bits of `word`, as written.
    fn get(&self, word: &str) -> u8 {
        match word_table::key(word.as_bytes(), |b| b) {
            Some(k) => Self::short(k),
            None => self.long.get(word).copied().unwrap_or(0),
        }
    }

    /// The bits of an ASCII `word` in lower case, without copying it; `None` for other
    /// words.
    fn get_ascii_lowercase(&self, word: &str) -> Option<u8> {
        if !word.is_ascii() {
            return None;
        }
        Some(
            match word_table::key(word.as_bytes(), |b| b.to_ascii_lowercase()) {
                Some(k) => Self::short(k),
                None => self.get(&word.to_ascii_lowercase()),
            },
        )
    }
}

/// The lists a word is in: looked up in lower case without allocating for ordinary ASCII
/// words; other words are lower-cased and also tried folded ("Zoë" → "zoe").
fn lookup(lists: &WordLists, w: &str) -> u8 {
    let get = |l: &str| lists.get(l);
    if let Some(kinds) = lists.get_ascii_lowercase(w) {
        return kinds;
    }
    let mut buf = [0u8; 64];
    // Other words lower-cased, and also folded ("Zoë" → "zoe").
    let kinds = match lower_into(w, false, &mut buf) {
        Some(l) => get(l),
        None => get(&w.to_lowercase()),
    };
    if kinds == FIRST | LAST | WORD {
        return kinds;
    }
    kinds
        | match lower_into(w, true, &mut buf) {
            Some(f) => get(f),
            None => get(&fold(&w.to_lowercase())),
        }
}

/// A name found in text: its span and normalised form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundName {
    pub start: usize,
    pub end: usize,
    pub normalised: String,
    /// Found by dictionary alone (weaker than a title or label).
    pub dictionary_only: bool,
    /// For a title and one surname ("Mrs Fox"): that surname, so a file that also mentions
    /// a public figure or character of that surname ("Fantastic Mr Fox") can set it aside.
    pub title_surname: Option<String>,
    /// For a title and a full name whose surname the lists do not hold ("Mrs Rebeccah
    /// Puddle-Duck"): the surname, so a file about a character of that surname (Jemima
    /// Puddle-Duck) can set it aside too.
    pub titled_surname: Option<String>,
}

/// What [`Names::find`] saw in a piece of text.
#[derive(Debug, Default)]
pub struct Found {
    pub names: Vec<FoundName>,
    /// Last words of the public figures and characters mentioned ("fox", "wormwood").
    pub figure_surnames: Vec<String>,
    /// The text calls someone by one of the given names it was read with (see
    /// [`Names::find_mentioning`]).
    pub mentions_given: bool,
}

pub fn normalise(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('.').to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// ASCII-folds common Latin diacritics so "Zoë" also matches "zoe".
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// [`fold`] of one character.
fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' | 'ă' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => 'o',
        'ś' | 'š' | 'ș' | 'ş' => 's',
        'ț' | 'ţ' | 'ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ğ' => 'g',
        'đ' => 'd',
        '’' => '\'',
        other => other,
    }
}

/// Whether `w` in lower case is one of the [`TITLES`]. They are ASCII: an ASCII word is
/// compared as it is, in any case, with no copy.
pub(super) fn is_title(w: &str) -> bool {
    if w.is_ascii() {
        TITLES.iter().any(|t| t.eq_ignore_ascii_case(w))
    } else {
        with_lower(w, |l| TITLES.contains(&l))
    }
}

/// `f` of `w` in lower case (lower-cased on the stack when it fits).
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0; 64];
    match lower_into(w, false, &mut buf) {
        Some(l) => f(l),
        None => f(&w.to_lowercase()),
    }
}

/// `s` lower-cased as `str::to_lowercase` does (then [`fold`]ed, with `folded`), written
/// into `buf`: no allocation. `None` when it does not fit, or holds a capital sigma (whose
/// lower case depends on where it stands in the word, which `str::to_lowercase` sees).
pub(super) fn lower_into<'b>(s: &str, folded: bool, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    if s.is_ascii() {
        // Folding changes no ASCII letter.
        return super::ascii_lowercase(s, buf);
    }
    let mut n = 0;
    for c in s.chars() {
        if c.is_ascii() {
            *buf.get_mut(n)? = (c as u8).to_ascii_lowercase();
            n += 1;
            continue;
        }
        if c == 'Σ' {
            return None;
        }
        for l in c.to_lowercase() {
            let l = if folded { fold_char(l) } else { l };
            let end = n + l.len_utf8();
            l.encode_utf8(buf.get_mut(n..end)?);
            n = end;
        }
    }
    std::str::from_utf8(&buf[..n]).ok()
}

impl Names {
    pub fn bundled() -> Names {
        let map = WordLists::bundled();
        let figures: HashSet<String> = load(include_str!("data/public_figures.txt"))
            .iter()
            .map(|f| fold(&normalise(f)))
            .collect();
        let figure_words = figures
            .iter()
            .filter(|f| !f.contains(' '))
            .cloned()
            .collect();
        let multi: Vec<String> = figures
            .iter()
            .filter(|f| f.contains(' '))
            .cloned()
            .collect();
        // (Names are found only where capitalised: so are the figures that set them aside.)
        let figure_ac = super::starts::WordStarts::at_capitals(&multi);
        Names {
            lists: map,
            figures,
            figure_words,
            figure_ac,
        }
    }

    /// The lists `w` is in ([`FIRST`], [`LAST`], [`WORD`]).
    fn kinds(&self, w: &str) -> u8 {
        let kinds = lookup(&self.lists, w);
        if kinds != 0 || !w.contains('-') {
            return kinds;
        }
        // A hyphenated name the lists do not hold as a whole ("Ellie-Mae", "Lily-Rose",
        // "Smith-Jones") is a given name or surname when every part is one.
        // An everyday word among the parts keeps the whole one ("Sing-Song", "Jack-Russell"
        // need a title or a strong surname, as "Will" does).
        let (mut all, mut word) = (FIRST | LAST, 0);
        for part in w.split('-') {
            let kinds = lookup(&self.lists, part);
            all &= kinds;
            word |= kinds & WORD;
            if all & (FIRST | LAST) == 0 {
                return 0;
            }
        }
        (all & (FIRST | LAST)) | word
    }

    /// Whether `w`, after a name that starts with `first`, is an everyday word that no
    /// list holds and that does not make the words a place or an organisation ("Seen",
    /// "Yes" where a table's cells run together; not "Hospice", "Road", "Zoo", "Primary").
    fn filler_after_name(&self, first: &str, w: &str) -> bool {
        // (In any case: "ELLIS WHITWORTH ROAD" is a street.)
        let place = |list: &[&str]| list.iter().any(|p| p.eq_ignore_ascii_case(w));
        !ends_no_name(first, w)
            && !place(STREET_WORDS)
            && !place(PLACE_WORDS)
            && !place(PLACE_OR_SURNAME_WORDS)
            && self.kinds(w) == 0
            && with_lower(w, |l| !organisation_word(l) && everyday_form(l))
    }

    /// Whether a word is a given name or a surname of the lists.
    pub fn listed_name(&self, w: &str) -> bool {
        self.kinds(w) & (FIRST | LAST) != 0
    }

    fn is_first(&self, w: &str) -> bool {
        self.kinds(w) & FIRST != 0
    }

    /// Whether an e-mail address is an organisation's own mailbox rather than a person's:
    /// on an organisation's domain (not a personal mail provider such as gmail.com), with a
    /// local part that holds no name, initial or number ("eos@aqa.org.uk",
    /// "quarrybank@nationaltrust.org.uk", "childrens.services@leeds.gov.uk"), or, at any
    /// provider, a parents' group's ("parentcouncil.meadowbank@gmail.com"). A person's
    /// address names them ("amara.okafor@", "jsmith@", "smithj@", "okafor@") or numbers
    /// them ("20417@").
    pub fn organisation_mailbox(&self, email: &str) -> bool {
        // (Byte by byte: a short address, looked at for every e-mail of every row.)
        let Some(at) = email.bytes().rposition(|b| b == b'@') else {
            return false;
        };
        let (local, domain) = (&email[..at], &email[at + 1..]);
        if local.is_empty() {
            return false;
        }
        // A group's own address, even at a personal mail provider: a parents' association
        // or council, a school's friends, a club ("parentcouncil.meadowbank@gmail.com",
        // "friendsofstmarys@gmail.com", "oakfield.pta@hotmail.co.uk").
        // (Looked at only once no part of it is a name: most addresses are people's.)
        // (The group words looked for in one pass, in any case: most of the addresses
        // that get this far are people's, so this runs often.)
        static GROUP_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
            std::sync::LazyLock::new(|| {
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(GROUP_MAILBOX_WORDS)
                    .expect("a few short words")
            });
        let grouped = || {
            GROUP_WORDS.is_match(local)
                || local.split(['.', '_', '-', '+']).any(|part| {
                    let part = part.trim_matches(|c: char| c.is_ascii_digit());
                    GROUP_INITIALS.iter().any(|g| g.eq_ignore_ascii_case(part))
                })
        };
        // Most addresses name someone in their first part ("amara.okafor@"): looked at
        // before the domain.
        let several = local.contains(['.', '_', '-', '+']);
        for part in local.split(['.', '_', '-', '+']) {
            // A year group ("y6.families@").
            let year = match part.as_bytes() {
                [y, digits @ ..] => {
                    y.eq_ignore_ascii_case(&b'y')
                        && !digits.is_empty()
                        && digits.iter().all(u8::is_ascii_digit)
                }
                [] => false,
            };
            if year {
                continue;
            }
            let part = part.trim_matches(|c: char| c.is_ascii_digit());
            // (A group's words, though "Parent" and "Council" are surnames too.)
            if GROUP_INITIALS
                .iter()
                .chain(GROUP_PARTS)
                .any(|g| g.eq_ignore_ascii_case(part))
            {
                continue;
            }
            if part.len() <= 2 || !part.is_ascii() {
                // A number, initials ("j.k.smith"), or a name in another script.
                return false;
            }
            let surname = |w: &str| self.kinds(w) & LAST != 0;
            if self.kinds(part) & (FIRST | LAST) != 0
                || surname(&part[1..])
                || surname(&part[..part.len() - 1])
                || (part.len() > 4 && surname(&part[2..]))
            {
                return false;
            }
            let word = |w: &str| {
                with_lower(w, |l| {
                    word_kinds(l) & (EVERYDAY | ORGANISATION | MAILBOX) != 0
                })
            };
            // A full name run together ("amaraokafor@", "okaforamara@"), unless the part
            // is a word ("nurture@", "surgery@"); the longer half at least four letters.
            if !word(part)
                && (3..part.len().saturating_sub(2)).any(|k| {
                    let (a, b) = part.split_at(k);
                    let (ka, kb) = (self.kinds(a), self.kinds(b));
                    a.len().max(b.len()) >= 4
                        && (ka | kb) & WORD == 0
                        && ((ka & FIRST != 0 && kb & LAST != 0)
                            || (ka & LAST != 0 && kb & FIRST != 0))
                })
            {
                return false;
            }
            // Parts that are not words ("tendai.chikwanha@"): a name the lists do not hold,
            // where an organisation's would be words ("childrens.services@").
            if several && !word(part) && !part.strip_suffix('s').is_some_and(word) && !grouped() {
                return false;
            }
        }
        !personal_mail_provider(domain) || grouped()
    }

    /// Whether `text` calls someone by a given name ("Aisha will keep a spare inhaler"):
    /// a capitalised word that is a given name and not also an everyday word ("Grace",
    /// "May" are both), not after a title, "St", "in" or "near" (a place: "in London"), and
    /// not part of a figure's name ("the Florence Nightingale Museum").
    pub fn mentions_given_name(&self, text: &str) -> bool {
        let toks = tokens(text);
        let figures = if text.len() >= self.figure_ac.min_len() && text.contains(' ') {
            self.figure_ac.whole_words(text)
        } else {
            Vec::new()
        };
        let in_figure = |at: usize| figures.iter().any(|&(s, e)| (s..e).contains(&at));
        // Within a name after a title ("Mrs Joanne Evans (SENCo) reported…", "Mr Ka Wai
        // Zhang said…"): an adult named in full, not someone spoken of by first name.
        let mut after_title = false;
        toks.iter().enumerate().any(|(i, t)| {
            let joined = i > 0 && {
                let between = &text[toks[i - 1].end..t.start];
                between.bytes().all(|b| b == b' ')
                    || (between.trim_end() == "."
                        && (is_title(toks[i - 1].text) || toks[i - 1].text.chars().count() == 1))
            };
            // (A saint is a church, a school or a hospital: "St Thomas' Hospital".)
            if is_title(t.text) || matches!(t.text, "St" | "Saint") {
                after_title = true;
                return false;
            }
            after_title &= joined && capitalised_or_initial(t.text);
            !after_title
                && capitalised(t.text)
                && t.text.chars().count() > 1
                && self.kinds(t.text) & (FIRST | WORD) == FIRST
                && !with_lower(t.text, everyday_word)
                && !in_figure(t.start)
                // "in London", "near Florence": a place.
                && !(i > 0 && matches!(toks[i - 1].text, "in" | "near"))
        })
    }

    /// Whether `text` calls someone by one of `given`, the given names (lower case,
    /// folded) of people the file has named in full: "Rukhsana explained that she…" after
    /// "Employee name: Rukhsana Hussain". A capitalised word, not after a title, and not
    /// also an everyday word ("Will", "May").
    pub fn mentions_one_of(&self, text: &str, given: &HashSet<String>) -> bool {
        if given.is_empty() {
            return false;
        }
        self.mentions_in(&tokens(text), given)
    }

    /// [`Names::mentions_one_of`] on the words of a text.
    fn mentions_in(&self, toks: &[Token<'_>], given: &HashSet<String>) -> bool {
        // (Cheapest tests first: most words start with a small letter, and few capitalised
        // ones are among the given names; folding changes no ASCII letter.)
        toks.iter().enumerate().any(|(i, t)| {
            !t.text
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_lowercase)
                && capitalised(t.text)
                && t.text.chars().count() > 1
                && with_lower(t.text, |lower| {
                    (if lower.is_ascii() {
                        given.contains(lower)
                    } else {
                        given.contains(&fold(lower))
                    }) && !everyday_word(lower)
                })
                && !(i > 0 && is_title(toks[i - 1].text))
                && self.kinds(t.text) & WORD == 0
        })
    }

    /// Is this (normalised) name a public figure or fictional character, or part of one?
    /// Whether `text` names a public figure or character of two words or more ("Anne
    /// Frank was born on 12 June 1929"), as a whole word.
    pub fn mentions_figure(&self, text: &str) -> bool {
        text.len() >= self.figure_ac.min_len() && !self.figure_ac.whole_words(text).is_empty()
    }

    pub fn is_figure(&self, normalised: &str) -> bool {
        let f = fold(normalised);
        if self.figures.contains(&f) {
            return true;
        }
        // "Sir Winston Churchill", "Mr Fox", "Florence Nightingale's"
        let parts: Vec<&str> = f.split(' ').collect();
        for i in 0..parts.len() {
            for j in i + 1..=parts.len() {
                if j - i >= 2 && self.figures.contains(&parts[i..j].join(" ")) {
                    return true;
                }
            }
        }
        parts.len() == 1 && self.figure_words.contains(&f)
    }

    /// Does this look like a person's name, for a value in a name column? In a name column
    /// every value is a name, so mostly shape is checked: words start with a capital (bar
    /// particles such as "van", "bin"), and a short single word must be a known name (so
    /// staff-initial codes like "MHa" and form labels like "Date of birth" do not count).
    pub fn plausible_column_value(&self, v: &str) -> bool {
        self.plausible_one_word(v)
            .unwrap_or_else(|| self.plausible_any_value(v))
    }

    fn plausible_any_value(&self, v: &str) -> bool {
        if !Self::shape_ok(v) {
            return false;
        }
        // "Riverside County Council LADO Team" under Name: an organisation. ("Church" is a
        // surname too often to say so; a remark after the name, "Tendai Chikwanha
        // (Nursery)", "… - Library", is not looked at.)
        // (A value of one word, most of them, has no name part of two.)
        let organisation = || {
            let end = v.find(['(', ',', '–']).unwrap_or(v.len());
            let part = &v[..end];
            let part = part.find(" - ").map_or(part, |dash| &part[..dash]);
            part.contains(' ')
                && part.split_whitespace().any(|w| {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    w.len() > 2
                        && !w.eq_ignore_ascii_case("church")
                        && with_lower(w, organisation_word)
                })
        };
        if v.contains(' ') && organisation() {
            return false;
        }
        const PARTICLES: &[&str] = &[
            "van", "von", "de", "der", "den", "la", "le", "da", "di", "du", "bin", "bint", "al",
            "el", "ibn", "dos", "das", "del", "y", "ter", "ten", "mac", "ap",
        ];
        let all_lower = || {
            v.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_lowercase)
        };
        for w in v.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_empty() {
                continue;
            }
            let starts_upper = w.chars().next().is_some_and(char::is_uppercase);
            // A lower-case word passes as a particle ("van", "bin") or, when the whole
            // value is lower case, as a known name.
            let passes = starts_upper
                || with_lower(w, |l| PARTICLES.contains(&l))
                || (all_lower() && self.kinds(w) & (FIRST | LAST) != 0);
            if !passes {
                return false;
            }
        }
        let mut words = v.split_whitespace();
        if let (Some(word), None) = (words.next(), words.next()) {
            let w = word.trim_matches(|c: char| !c.is_alphanumeric());
            // Staff codes such as "MHa", "JIl", "KZh": two capitals then lower case.
            let len = w.chars().count();
            let mut c = w.chars();
            if (3..=4).contains(&len)
                && c.next().is_some_and(char::is_uppercase)
                && c.next().is_some_and(char::is_uppercase)
                && c.all(char::is_lowercase)
            {
                return false;
            }
            let known = self.kinds(w) & (FIRST | LAST) != 0;
            if len <= 3 && !known {
                return false;
            }
            if !known && with_lower(w, everyday_word) {
                return false;
            }
        }
        true
    }

    /// [`Names::plausible_column_value`] for most values, in one pass over the bytes: one
    /// ASCII word of letters, apostrophes and hyphens that starts with a capital and ends
    /// with a letter ("Niamh", "O'Connor", "Smith-Jones"). `None` for any other value.
    fn plausible_one_word(&self, v: &str) -> Option<bool> {
        let b = v.as_bytes();
        let (&first, &last) = (b.first()?, b.last()?);
        if !first.is_ascii_uppercase()
            || !last.is_ascii_alphabetic()
            || b.len() > 80
            || !b
                .iter()
                .all(|&c| c.is_ascii_alphabetic() || c == b'\'' || c == b'-')
        {
            return None;
        }
        // The placeholders that such a value can be ("None", "TBC", "Unknown", "Name"…).
        const PLACEHOLDERS: &[&str] = &["na", "none", "tbc", "tba", "unknown", "name", "yes", "no"];
        if PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(v)) {
            return Some(false);
        }
        // Staff codes such as "MHa", "JIl", "KZh": two capitals then lower case.
        if (3..=4).contains(&b.len())
            && b[1].is_ascii_uppercase()
            && b[2..].iter().all(u8::is_ascii_lowercase)
        {
            return Some(false);
        }
        let known = self.kinds(v) & (FIRST | LAST) != 0;
        Some(known || (b.len() > 3 && !with_lower(v, everyday_word)))
    }

    fn shape_ok(v: &str) -> bool {
        let v = v.trim();
        // Not empty, at most 80 characters, a letter and no digit.
        if v.is_ascii() {
            // ASCII (most values): byte by byte.
            let b = v.as_bytes();
            if b.len() > 80
                || b.iter().any(u8::is_ascii_digit)
                || !b.iter().any(u8::is_ascii_alphabetic)
            {
                return false;
            }
        } else {
            let (mut chars, mut letters) = (0, 0);
            for c in v.chars() {
                if c.is_ascii_digit() {
                    return false;
                }
                chars += 1;
                letters += usize::from(c.is_alphabetic());
            }
            if chars > 80 || letters == 0 {
                return false;
            }
        }
        // The placeholders below are short; lower-casing can shrink a character to a third
        // of its bytes at most, so longer values cannot be one of them.
        if v.len() > 3 * "unknown".len() {
            return true;
        }
        const PLACEHOLDERS: &[&str] = &[
            "n/a", "na", "none", "tbc", "tba", "unknown", "-", "name", "yes", "no",
        ];
        if v.is_ascii() {
            // No copy: ASCII lower-cases byte for byte.
            return !PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(v));
        }
        !with_lower(v, |l| PLACEHOLDERS.contains(&l))
    }

    /// Finds names in `text`.
    pub fn find(&self, text: &str, known: Option<&dyn KnownNames>) -> Found {
        self.find_mentioning(text, known, &HashSet::default())
    }

    /// [`Names::find`], and whether the text calls someone by one of `given` (see
    /// [`Names::mentions_one_of`]), read from the same words.
    pub fn find_mentioning(
        &self,
        text: &str,
        known: Option<&dyn KnownNames>,
        given: &HashSet<String>,
    ) -> Found {
        // Every rule below reads two words or more ("Mrs Okafor", "Dear Amara", "Name:
        // Zofia", "Amara Nwosu") with a capital somewhere, and so does every figure ("Tom
        // Kitten"). Most table cells are one word or none: tell without listing the words.
        if !capital_and_two_words(text) {
            return Found {
                mentions_given: self.mentions_one_of(text, given),
                ..Found::default()
            };
        }
        let mut toks = tokens(text);
        let mentions_given = !given.is_empty() && self.mentions_in(&toks, given);
        // Capital letters glued to figures are part of a code, not a word: a postcode's
        // ("Dudley DY1 4SQ" is a town, not Dudley Dy), an NI number's, a class's ("9C").
        // (A word in small letters glued to one is still a word: "Amara Osei2", a PDF's
        // "1043Amara Osei".)
        toks.retain(|t| {
            !(glued_to_a_figure(text, t) && t.text.bytes().all(|b| b.is_ascii_uppercase()))
        });
        let mut out = Found {
            mentions_given,
            ..Found::default()
        };
        let mut i = 0;
        while i < toks.len() {
            // Only a capitalised word, "Dear" or a label ("name:") starts a name: skip the
            // other words of running text quickly.
            let t = toks[i].text;
            // (A word starting with an ASCII small letter, most of them, is not capitalised.)
            let small = t.as_bytes().first().is_some_and(u8::is_ascii_lowercase);
            if (small || !capitalised(t))
                && !t.eq_ignore_ascii_case("dear")
                && !toks[i..toks.len().min(i + 3)].iter().any(|t| t.label_mark)
            {
                i += 1;
                continue;
            }
            if let Some((name, next)) = self.at(text, &toks, i, known) {
                if self.is_figure(&name.normalised) {
                    if let Some(last) = name.normalised.rsplit(' ').next() {
                        out.figure_surnames.push(fold(last));
                    }
                } else {
                    out.names.push(name);
                }
                i = next;
            } else {
                // A figure the name rules did not pick up ("Fantastic Mr Fox" as a title).
                i += 1;
            }
        }
        // Multi-word figures anywhere in the text ("The Tale of Tom Kitten").
        // Case-insensitive matching on the text as it is; "Mr. Fox" is also tried without
        // its full stops.
        // Every such figure is two words or more: a text without a space holds none.
        if !text.as_bytes().contains(&b' ') {
            return out;
        }
        let without_stops = has_abbreviation(text).then(|| text.replace('.', ""));
        for (pass, t) in std::iter::once(text)
            .chain(without_stops.as_deref())
            .enumerate()
        {
            // Text shorter than every figure holds none ("LS1 4AB").
            if t.len() < self.figure_ac.min_len() {
                continue;
            }
            for (start, end) in self.figure_ac.whole_words(t) {
                if let Some(last) = t[start..end].rsplit(' ').next() {
                    out.figure_surnames.push(fold(&last.to_lowercase()));
                }
                // Part of a figure's name is the figure ("Kingdom Brunel" in "Isambard
                // Kingdom Brunel"), not a person. (Positions are the text's own only in
                // the first pass.)
                if pass == 0 {
                    out.names.retain(|n| n.end <= start || end <= n.start);
                }
            }
        }
        out
    }

    /// Tries to read a name starting at token `i`; returns it and the next token index.
    fn at(
        &self,
        text: &str,
        toks: &[Token<'_>],
        i: usize,
        known: Option<&dyn KnownNames>,
    ) -> Option<(FoundName, usize)> {
        let t = toks[i];
        let caps = capitalised(t.text);
        // Looked up once: several rules below ask.
        let t_kinds = if caps { self.kinds(t.text) } else { 0 };
        let t_first = t_kinds & FIRST != 0;
        // "the Norman Conquest", "a Grace Darling": an article before it makes it a thing.
        let after_article = i > 0 && matches!(toks[i - 1].text, "the" | "a" | "an" | "The");
        // Words of one name: a space between them, or the full stop of an initial or a
        // title ("J. K. Rowling", "Mr. Fox"), not the end of a sentence ("Evans. She").
        let gap_ok = |a: &Token<'_>, b: &Token<'_>| {
            let between = &text[a.end..b.start];
            let abbreviation = || a.text.chars().count() == 1 || is_title(a.text);
            between.len() <= 3
                && between
                    .chars()
                    .all(|c| c == ' ' || c == '\u{a0}' || (c == '.' && abbreviation()))
        };
        // The run of capitalised words (and initials) following position `from`.
        let run = |from: usize, max: usize| -> usize {
            let mut j = from;
            while j < toks.len() && j - from < max && capitalised_or_initial(toks[j].text) {
                if j > from && !gap_ok(&toks[j - 1], &toks[j]) {
                    break;
                }
                j += 1;
            }
            j
        };
        let make = |from: usize, to: usize, dictionary_only: bool| FoundName {
            start: toks[from].start,
            end: toks[to - 1].end,
            normalised: normalise(&text[toks[from].start..toks[to - 1].end]),
            dictionary_only,
            title_surname: None,
            titled_surname: None,
        };

        // 1. Title + name: "Mrs Okafor", "Mr D. Whitfield", "Dr Amara Nwosu".
        if caps && is_title(t.text) && i + 1 < toks.len() && gap_ok(&t, &toks[i + 1]) {
            let end = run(i + 1, 3);
            // The last word must be a real word, not just an initial.
            if end > i + 1
                && capitalised(toks[end - 1].text)
                && toks[end - 1].text.chars().count() > 1
            {
                if organisation(&toks[i + 1..end]) {
                    return None;
                }
                // "Mr Sir" (in *Holes*): a title before another title is a character.
                // (Not before any everyday word: "Mrs Head", "Mr Salt" are real surnames
                // the lists lack.)
                if end == i + 2 && is_title(toks[i + 1].text) {
                    return None;
                }
                let mut name = make(i, end, false);
                let surname = fold(&toks[end - 1].text.to_lowercase());
                if end == i + 2 {
                    name.title_surname = Some(surname);
                } else if self.kinds(toks[end - 1].text) & LAST == 0 {
                    // Only a surname the lists do not hold: "Mr David King" beside
                    // Martin Luther King is a person, "Mrs Rebeccah Puddle-Duck" beside
                    // Jemima Puddle-Duck a character.
                    name.titled_surname = Some(surname);
                }
                return Some((name, end));
            }
        }

        // 2. "Dear Amara", "Dear Mr and Mrs Okafor" (handled by the title rule next time).
        if t.text.eq_ignore_ascii_case("dear") && i + 1 < toks.len() {
            let n = toks[i + 1].text;
            let nl = n.to_lowercase();
            if capitalised(n)
                && !DEAR_GROUPS.contains(&nl.as_str())
                && !TITLES.contains(&nl.as_str())
            {
                let end = run(i + 1, 3);
                if end > i + 1 && (end - (i + 1) >= 2 || self.is_first(n)) {
                    return Some((make(i + 1, end, false), end));
                }
            }
        }

        // 3. Labels: "Name: Siobhan Gallagher", "Pupil - Zofia K".
        if let Some(after) = label_end(text, toks, i)
            && after < toks.len()
            && capitalised_or_initial(toks[after].text)
        {
            let end = run(after, 4);
            let words = end - after;
            if organisation(&toks[after..end]) {
                return None;
            }
            // "Deliver to: Main Reception": everyday words that no list holds ("Name: Grace
            // Hill" and "Pupil: Jared Walkers" hold names).
            let everyday = toks[after..end]
                .iter()
                .all(|t| self.kinds(t.text) == 0 && with_lower(t.text, everyday_form));
            if everyday {
                return None;
            }
            if words >= 2
                || (words == 1
                    && self.is_first(toks[after].text)
                    && !school_acronym(toks[after].text))
            {
                return Some((make(after, end, false), end));
            }
        }

        // 4. Roster: exact full names of the school's people.
        if let Some(k) = known
            && caps
        {
            let end = run(i, 4);
            for stop in (i + 2..=end).rev() {
                let cand = make(i, stop, false);
                if k.contains(&fold(&cand.normalised)) {
                    return Some((cand, stop));
                }
            }
        }

        // 5. Dictionary: First [Middle] Surname.
        if t_first && !after_article {
            let mut end = run(i, 4);
            // "Amara Osei Monday 8.55" in a late log: the day is not part of the name
            // (but "Easter Bank Holiday Monday" is a day).
            if end >= i + 3
                && is_weekday(toks[end - 1].text)
                && !is_calendar_word(toks[end - 2].text)
            {
                end -= 1;
            }
            // Nor are everyday words after it that no list holds ("Ellis Whitworth Seen
            // Yes", where a table's cells run together on a PDF line), unless they make
            // it a place ("Naomi House Hospice", "Chester Zoo").
            // (Not after a first word that is a word too: "North Manchester General".)
            while end > i + 2
                && t_kinds & WORD == 0
                && self.filler_after_name(t.text, toks[end - 1].text)
            {
                end -= 1;
            }
            if end >= i + 2 {
                let last = toks[end - 1].text;
                // (A day cut short is a word too: "Thu Fish fingers & chips" on a menu;
                // "Thu Nguyen" is a person.)
                // (So is a month after a day's number: "Tue 3 Jun AM AQA GCSE Maths" in
                // a timetable; "3 Jun Wang" is still a person.)
                let first_is_word =
                    t_kinds & WORD != 0 || day_cut_short(t.text) || month_after_a_day(text, &t);
                let last_kinds = self.kinds(last);
                let last_is_word = last_kinds & WORD != 0;
                let last_known = last_kinds & LAST != 0;
                let strong_last = last_known && !last_is_word;
                // An unknown last word may be a surname the lists lack, but not an
                // everyday word ("Henry Supreme Head of the Church").
                let ok = if first_is_word {
                    strong_last
                } else {
                    last_known
                        || (!last_is_word
                            && surname_shaped(last)
                            && t_first
                            && last_kinds & FIRST == 0
                            && !with_lower(last, everyday_form)
                            && !with_lower(last, organisation_word))
                };
                if ok
                    && capitalised(last)
                    && last.chars().count() > 1
                    && !street_after_number(text, &t, last)
                    && !visited_place(text, &t, last)
                    && !of_a_place(text, &t)
                    && !ends_no_name(t.text, last)
                    && !christian_body(text, &t, last)
                    && !month_of_a_date(text, &toks[end - 1])
                    && !place_follows(text, &t, &toks[end - 1])
                {
                    return Some((make(i, end, true), end));
                }
            }
        }

        // 5b. An unknown given name before a known surname ("Abdirahman Farah"): the first
        //     word must not be an everyday word, a month or a day.
        if caps
            && !t_first
            && !after_article
            && !t.text.contains('-')
            && i + 1 < toks.len()
            && gap_ok(&t, &toks[i + 1])
            // Exactly two words: "Role-play Tom Kitten" is not "Role-play Tom" (but an
            // everyday word that no list holds may follow: "Rahim Rahman Seen Yes", where a
            // table's cells run together on a PDF line).
            // (Only after a first word the lists hold as a surname: "AQA English
            // Literature", "Braunstone Frith Primary" stay no one.)
            && !(i + 2 < toks.len()
                && gap_ok(&toks[i + 1], &toks[i + 2])
                && capitalised(toks[i + 2].text)
                && !(t_kinds & LAST != 0 && self.filler_after_name(t.text, toks[i + 2].text)))
        {
            let next = toks[i + 1].text;
            if t.text.chars().count() >= 3
                && capitalised(next)
                && self.kinds(next) & (LAST | WORD) == LAST
                && !street_after_number(text, &t, next)
                && !visited_place(text, &t, next)
                && !ends_no_name(t.text, next)
                // "Remembrance Sunday", "INSET Monday": an unknown word before a day.
                && !is_weekday(next)
                && !month_of_a_date(text, &toks[i + 1])
                && !place_follows(text, &t, &toks[i + 1])
                // "Identifying SEN": a heading, with a school's acronym.
                && !school_acronym(next)
                && t_kinds & WORD == 0
                && !with_lower(t.text, |lower| lower.split('-').any(everyday_form))
            {
                return Some((make(i, i + 2, true), i + 2));
            }
        }

        // 6. "Okafor, Chidera" / "OKAFOR: CHIDERA" (register and exam-entry style).
        if caps && t_kinds & (LAST | WORD) == LAST && i + 1 < toks.len() {
            let between = &text[t.end..toks[i + 1].start];
            let caps = in_capitals(t.text);
            let sep_ok = match between.trim() {
                "," => true,
                ":" => caps, // "BURNS: EMMA" (exam entries) but not "English: Matilda"
                _ => false,
            };
            // (Not in a list of given names alone: "Jun, Tegan, Marcel, Saoirse", also
            // after a label: "December : Lily-Rose, Daniel, Chidi"; but "Absent: Okafor,
            // Amara, Brennan, Leo" holds surnames no one is called by.)
            // (The list runs from its label to the end, or between wide gaps where a
            // table's cells run together on a line: "Play: Dev, Marta, Jo    First aid:".)
            // (Read only for a surname and a comma or colon: most words are not.)
            let given_names_alone = || {
                let before = &text[..t.start];
                let from = [before.rfind(':'), before.rfind("  "), before.rfind('\t')]
                    .into_iter()
                    .flatten()
                    .max()
                    .map_or(0, |k| k + 1);
                let after = &text[t.end..];
                let to = [after.find("  "), after.find('\t')]
                    .into_iter()
                    .flatten()
                    .min()
                    .map_or(text.len(), |k| t.end + k);
                let list = &text[from..to];
                list_of_single_words(list)
                    && !list
                        .split([',', ';'])
                        .any(|w| self.kinds(w.trim()) & (FIRST | LAST) == LAST)
            };
            if sep_ok && between.len() <= 3 && !given_names_alone() {
                let n = toks[i + 1].text;
                if capitalised(n) && self.kinds(n) & (FIRST | WORD) == FIRST {
                    return Some((make(i, i + 2, true), i + 2));
                }
            }
        }

        // 7. A given name and the initial of a surname, as seating plans and group lists
        //    write pupils ("Amara O.", "Tyrese C. (E – ASD)"): not a given name that is an
        //    everyday word too ("Grace A.", "Will B."), nor initials run on ("Amara O.K.").
        if t_first && t_kinds & WORD == 0 && !after_article && i + 1 < toks.len() {
            let n = &toks[i + 1];
            let tail = &text[n.end..];
            if &text[t.end..n.start] == " "
                && n.text.len() == 1
                && n.text.as_bytes()[0].is_ascii_uppercase()
                && tail.starts_with('.')
                && !tail[1..].starts_with(|c: char| c.is_alphanumeric())
            {
                return Some((make(i, i + 2, true), i + 2));
            }
        }

        // 8. A surname and the initial of a given name, as registers and exam seating
        //    plans write candidates ("BALOGUN T", "Okafor C.", "Brennan, A"): a surname the
        //    lists hold that is not a word too (not "BLOCK C", "WARD B", "KING C", signs of
        //    a site plan, though "SMITH J" is missed), in capitals, or with a full stop
        //    after the initial or a comma before it ("Tudor A" alone is not enough); and
        //    the initial ends its item: not "I" or "A" going on with a word ("Preston, I
        //    saw", "Lancaster, A day to remember", "CAMBRIDGE A LEVEL"), nor a reference's
        //    author ("Dweck, C. (2006)").
        if t_kinds & LAST != 0 && t_kinds & WORD == 0 && !after_article && i + 1 < toks.len() {
            let n = &toks[i + 1];
            let between = &text[t.end..n.start];
            let tail = &text[n.end..];
            let stop = tail.starts_with('.');
            let rest = tail[usize::from(stop)..].trim_start_matches([' ', '\u{a0}']);
            let mut initial = n.text.chars();
            let ends_item = rest.is_empty()
                || rest.starts_with([',', ';', ')', '\n', '\r', '\t', '|', '/'])
                || (rest.starts_with('(') && !rest[1..].starts_with(|c: char| c.is_ascii_digit()));
            if initial.next().is_some_and(char::is_uppercase)
                && initial.next().is_none()
                && !tail[usize::from(stop)..].starts_with(|c: char| c.is_alphanumeric())
                && ends_item
                && ((between == " " && (in_capitals(t.text) || stop)) || between == ", ")
                && !with_lower(t.text, everyday_word)
            {
                return Some((make(i, i + 2, true), i + 2));
            }
        }
        None
    }
}

/// The months cut short, as timetables and dates write them, in lower case (not May).
const MONTHS_CUT_SHORT: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The days of the week and the months (not May, a given name too), in lower case.
const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Everyday English words (the EFF word list used for passphrases, plus calendar words and
/// common school nouns), which are not given names.
fn everyday_word(lower: &str) -> bool {
    word_kinds(lower) & EVERYDAY != 0
}

/// The words of a place's name (a street, a town, a venue: "12 Whitehall Road, Ossett")
/// that someone who knows the files would try in a passphrase, lower case: three letters
/// or more, letters only, and not an everyday word or a form of one ("road", "market").
pub fn place_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|l| !everyday_form(l))
}

/// Whether a word (in lower case) is an everyday word, a common English word, or a form
/// of one: "visit", "reception", "changed", "stopped", "making" ("People Who Changed
/// Britain", "London Study Visit", "Deliver to: Main Reception" name no one). Only for
/// words the name lists do not hold: "Jared" is a given name whatever "jar" is, and
/// "Grace" is one though it is a word too.
fn everyday_form(lower: &str) -> bool {
    const ENDINGS: &[&str] = &["s", "es", "d", "ed", "ing", "ly", "er", "ers"];
    let word = |w: &str| everyday_word(w) || common_word(w);
    word(lower)
        || ENDINGS.iter().any(|e| {
            lower.strip_suffix(e).is_some_and(|stem| {
                let b = stem.as_bytes();
                if b.len() < 3 {
                    return false;
                }
                // "stopped" → "stop", "making" → "make". (Only an ASCII letter doubles:
                // the last two bytes of another character may be equal too.)
                let last = b[b.len() - 1];
                let undoubled = (last.is_ascii_alphabetic() && last == b[b.len() - 2])
                    .then(|| &stem[..stem.len() - 1]);
                let mut with_e = [0u8; 64];
                let silent_e = (stem.len() < with_e.len()).then(|| {
                    with_e[..stem.len()].copy_from_slice(b);
                    with_e[stem.len()] = b'e';
                    std::str::from_utf8(&with_e[..=stem.len()]).ok()
                });
                word(stem) || undoubled.is_some_and(word) || silent_e.flatten().is_some_and(word)
            })
        })
}

/// Whether a word (in lower case) is one of the [`ORG`] words.
fn organisation_word(lower: &str) -> bool {
    word_kinds(lower) & ORGANISATION != 0
}

/// An everyday word: see [`everyday_word`].
const EVERYDAY: u8 = 1;

/// A word of organisations' names: see [`ORG`].
const ORGANISATION: u8 = 2;
/// A word of organisations' mailboxes: see [`ORGANISATION_WORDS`].
const MAILBOX: u8 = 4;

/// Whether a word (in lower case) is one of the common English words that are no name
/// (`data/common_words.txt`): see [`everyday_form`]. A table of its own, read only for
/// words the name lists do not hold, so that the table of [`word_kinds`], read for many
/// table cells, stays small.
fn common_word(lower: &str) -> bool {
    use std::sync::OnceLock;
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| include_str!("data/common_words.txt").lines().collect())
        .contains(lower)
}

/// Which of the word lists above hold a word (in lower case), as bits: one look-up in one
/// table for all of them.
fn word_kinds(lower: &str) -> u8 {
    use std::sync::OnceLock;
    static WORDS: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    const EXTRA: &[&str] = &[
        "year",
        "class",
        "school",
        "primary",
        "academy",
        "college",
        "dear",
        "the",
        "and",
        "for",
        "with",
        "from",
        "miss",
        "mrs",
        "team",
        "head",
        "deputy",
        "teacher",
        "pupil",
        "student",
        "child",
        "mother",
        "father",
        "parent",
        "carer",
        "great",
        "new",
        "old",
        "north",
        "south",
        "east",
        "west",
        "saint",
        "church",
        "hall",
        "house",
        "room",
        "road",
        "street",
        "lane",
        "science",
        "maths",
        "english",
        "history",
        "geography",
        "music",
        "art",
        "computing",
        "french",
        "spanish",
        "german",
        "reception",
        "nursery",
        // Words that start sentences and are not given names ("Our SEN governor").
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "this",
        "that",
        "these",
        "those",
        "some",
        "each",
        "every",
        "other",
        "when",
        "where",
        "while",
        "what",
        "which",
        "who",
        "how",
        "why",
        "also",
        "please",
        "thank",
        "thanks",
        "well",
        "done",
        "all",
        "any",
        "both",
        "many",
        "most",
    ];
    let words = WORDS.get_or_init(|| {
        let everyday = crate::passphrase::generate::words()
            .chain(DAYS.iter().chain(MONTHS).chain(EXTRA).copied())
            .map(|w| (w, EVERYDAY));
        let organisation = ORG.iter().map(|&w| (w, ORGANISATION));
        let mailbox = ORGANISATION_WORDS.iter().map(|&w| (w, MAILBOX));
        let mut words = HashMap::default();
        for (w, kind) in everyday.chain(organisation).chain(mailbox) {
            *words.entry(w).or_insert(0) |= kind;
        }
        words
    });
    words.get(lower).copied().unwrap_or(0)
}

/// Words that make a capitalised run an organisation, not a person.
fn organisation(toks: &[Token<'_>]) -> bool {
    toks.iter().any(|t| with_lower(t.text, organisation_word))
}

/// Words of organisations' names ("Riverside County Council", "Oakfield Primary").
const ORG: &[&str] = &[
    "school",
    "primary",
    "academy",
    "college",
    "university",
    "council",
    "trust",
    "ltd",
    "limited",
    "plc",
    "services",
    "company",
    "church",
    "centre",
    "center",
    "department",
    "nhs",
    "hospital",
    "surgery",
    "federation",
    "nursery",
    "infants",
    "juniors",
    "office",
    "team",
    "group",
    "association",
    "society",
    "club",
    "library",
    "museum",
    "foundation",
    "schoolwear",
    "sportswear",
    "outfitters",
];

/// Does the text hold a capitalised word of one to four letters with a full stop after it
/// ("Mr.", "Mrs.", "Dr.", "St.", "J.")? Only then can reading it without full stops find a
/// figure ("Mr. Fox", "J. K. Rowling") that reading it as it is did not.
fn has_abbreviation(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'.', b).any(|dot| {
        let word = b[..dot]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        (1..=4).contains(&word) && b[dot - word].is_ascii_uppercase()
    })
}

/// The words that end a street's name ("Terrace", "Road"): those of the street address
/// rule (a test checks they agree).
const STREET_WORDS: &[&str] = &[
    "Road", "Rd", "Street", "St", "Avenue", "Ave", "Lane", "Close", "Drive", "Way", "Crescent",
    "Court", "Gardens", "Place", "Grove", "Terrace", "Hill", "Rise", "Mews", "Walk", "View",
    "Park", "Square", "Row", "Green", "Vale", "Parade", "Fold", "Croft", "Meadow", "Meadows",
    "Chase", "Brow", "Gate",
];

/// The last words of streets' names that are not surnames ("Road", "Avenue"; unlike
/// "Lane", "Hill" or "Terrace").
const NOT_SURNAME_STREETS: &[&str] = &[
    "Road", "Rd", "Street", "Avenue", "Ave", "Drive", "Crescent", "Gardens", "Mews", "Square",
    "Parade",
];

/// Whether a name read from the lists, from the word `first` to the word `last`, is
/// something else: a street or a building ("Ashby Road", "Lister Avenue", "Naomi House
/// Hospice": words that are not surnames, unlike "Lane", "Hill" or "Terrace"), or a day
/// ("Easter Monday", "Spring Monday 6 January", "Nov Friday" where a term-dates table's
/// cells run together). A weekday after a given name is a surname ("Esther Sunday",
/// "Chidi Monday": common West African surnames).
fn ends_no_name(first: &str, last: &str) -> bool {
    const NOT_SURNAMES: &[&str] = &["Hospital", "Hospice", "Infirmary", "Surgery", "Clinic"];
    NOT_SURNAME_STREETS.contains(&last)
        || NOT_SURNAMES.contains(&last)
        || (is_weekday(last) && is_calendar_word(first))
}

/// Whether "Christian Church", "Christian Aid"… from `first` to `last` is a church or a
/// charity: after an article or another capitalised word ("members of an Eastern Christian
/// Church", "the Christian Union"), or before its week or appeal ("Christian Aid Week").
/// "Christian Church (Year 5) has asthma" is a boy.
fn christian_body(text: &str, first: &Token<'_>, last: &str) -> bool {
    if first.text != "Christian" || !matches!(last, "Church" | "Churches" | "Aid" | "Union") {
        return false;
    }
    let before = text[..first.start].split_whitespace().next_back();
    let after = words_after(text, first, last).next();
    // (Not after a label: "Pupil: Christian Church".)
    before.is_some_and(|w| {
        matches!(w, "a" | "an" | "the" | "The")
            || (w.starts_with(|c: char| c.is_uppercase())
                && w.ends_with(|c: char| c.is_alphabetic()))
    }) || after.is_some_and(|w| {
        ["week", "appeal", "collection"].iter().any(|a| {
            w.trim_end_matches(|c: char| !c.is_alphanumeric())
                .eq_ignore_ascii_case(a)
        })
    })
}

/// A school's acronyms in capitals, though Sen, Ta, Mat and Mash are names too: after a
/// word the lists do not know as a given name ("Identifying SEN", a policy's heading) or
/// alone after a label ("Teacher: MAT" in a seating plan's key) they are the acronym.
/// After a given name ("Priya SEN", "Minh Anh TA") they are a surname in capitals.
fn school_acronym(w: &str) -> bool {
    matches!(w, "SEN" | "TA" | "MAT" | "MASH")
}

fn is_weekday(w: &str) -> bool {
    DAYS.iter().any(|d| d.eq_ignore_ascii_case(w))
}

/// Seasons, feasts, months (in full or cut short) and school-calendar words that come
/// before a day's name, in any case.
fn is_calendar_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "easter",
        "spring",
        "summer",
        "autumn",
        "winter",
        "good",
        "ash",
        "holy",
        "whit",
        "shrove",
        "maundy",
        "palm",
        "boxing",
        "black",
        "cyber",
        "plough",
        "christmas",
        "eve",
        "remembrance",
        "mothering",
        "pentecost",
        "advent",
        "trinity",
        "term",
        "inset",
        "holiday",
        "day",
        "need",
        "uniform",
        "nose",
        "may",
    ];
    WORDS
        .iter()
        .chain(MONTHS)
        .chain(MONTHS_CUT_SHORT)
        .any(|c| c.eq_ignore_ascii_case(w))
}

/// Words that end the name of a place a class visits ("Chester Zoo", "Eden Camp",
/// "Alton Towers", "Whitby Abbey"), though the word before is a given name and the word
/// itself may be found as a surname. Only words rare as surnames: "Hall", "Wood" or "Park"
/// end people's names too often ("Jenny Hall").
///
/// No one has these as a surname: after a given name they always end a place.
const PLACE_WORDS: &[&str] = &[
    "Museum",
    "Project",
    "Zoo",
    "Centre",
    "Center",
    "Academy",
    "School",
    "College",
    "Library",
    "Theatre",
    "Theater",
    "Stadium",
    "Arena",
    "Cathedral",
    "Aquarium",
    "Priory",
    "Minster",
    "Gallery",
    "Pavilion",
    "Observatory",
];

/// These are surnames too ("Tom Castle"), so they end a place only after a word that says
/// where to (see [`visited_place`]).
const PLACE_OR_SURNAME_WORDS: &[&str] = &["Camp", "Castle", "Farm", "Abbey", "Towers"];

/// Whether a value as a whole is the name of a place ("Eden Camp", "Chester Zoo"): its
/// last word is a place word, even one that is a surname too.
pub fn names_a_place(value: &str) -> bool {
    value
        .split_whitespace()
        .next_back()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .is_some_and(|w| PLACE_WORDS.contains(&w) || PLACE_OR_SURNAME_WORDS.contains(&w))
}

/// Whether the words from `first` to the word `last` are a place ("Chester Zoo"; "a visit
/// to Eden Camp"), not a person.
fn visited_place(text: &str, first: &Token<'_>, last: &str) -> bool {
    const TO: &[&str] = &[
        "to", "at", "visit", "visits", "visited", "visiting", "around",
    ];
    if PLACE_WORDS.contains(&last) {
        return true;
    }
    // "Eden Camp Modern History Museum": a place's name goes on to a place word.
    let after: Vec<&str> = words_after(text, first, last).take(3).collect();
    if after
        .iter()
        .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
        .any(|w| PLACE_WORDS.contains(w))
    {
        return true;
    }
    // ("Eden Camp visit", "Whitby Abbey trip": the visit after it.)
    const VISIT: &[&str] = &["visit", "trip", "residential", "outing", "excursion"];
    PLACE_OR_SURNAME_WORDS.contains(&last)
        && (text[..first.start]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| TO.iter().any(|t| w.eq_ignore_ascii_case(t)))
            || after
                .first()
                .is_some_and(|w| VISIT.iter().any(|v| w.eq_ignore_ascii_case(v))))
}

/// The words after the name from `first` to the word `last`, without the punctuation
/// that follows them.
fn words_after<'a>(
    text: &'a str,
    first: &Token<'_>,
    last: &'a str,
) -> impl Iterator<Item = &'a str> {
    text[first.end..]
        .split_whitespace()
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        .skip_while(move |w| *w != last)
        .skip(1)
}

/// Whether the words around the name from `first` to `last` make it a place: "Melton
/// Mowbray town centre", "Sutton Coldfield railway station" (two words, as written:
/// "Jayden Clarke town visit" is a boy), or an address's town before its postcode (see
/// [`town_before_postcode`]).
fn place_follows(text: &str, first: &Token<'_>, last: &Token<'_>) -> bool {
    const PLACES: &[[&str; 2]] = &[
        ["town", "centre"],
        ["town", "center"],
        ["city", "centre"],
        ["city", "center"],
        ["town", "hall"],
        ["village", "hall"],
        ["village", "green"],
        ["railway", "station"],
        ["train", "station"],
        ["bus", "station"],
        ["coach", "station"],
    ];
    // "Martin House hospice": a building that is a hospice or a surgery.
    const BUILDINGS: &[&str] = &["House", "Lodge", "Manor", "Grange"];
    const CARE: &[&str] = &["hospice", "hospital", "surgery", "clinic"];
    let mut words = text[last.end..]
        .split_whitespace()
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()));
    let pair = [words.next().unwrap_or(""), words.next().unwrap_or("")];
    PLACES.contains(&pair)
        || (BUILDINGS.contains(&last.text) && {
            // ("Martin House children's hospice".)
            let children = ["children's", "childrens", "children’s"]
                .iter()
                .any(|c| pair[0].eq_ignore_ascii_case(c));
            let care = pair[usize::from(children)];
            CARE.iter().any(|c| care.eq_ignore_ascii_case(c))
        })
        || town_before_postcode(text, first, last)
        || town_of_a_school(text, first, last)
        || street_of_an_address(text, first, last)
}

/// Whether the words from `first` to `last`, ending in a street's last word that is a
/// surname too ("Grove", "Lane", "Close"), are a street: the town and postcode of an
/// address follow it after a comma ("Harrowden Academy, Lincoln Grove, Leeds LS14 8TJ"),
/// or it stands in a list of streets that holds a street no one is called ("Preston
/// Avenue, Lincoln Grove, Ashton Lane, Morley Street") or a word seldom a surname ("Harrison
/// Close, Kendal Walk, Stanley Terrace and Beverley View", where a PDF's line starts).
/// Pupils with such surnames stay pupils: "Ella Grove, Leeds LS14 8TJ" at the start of a
/// line, "Ella Grove, Sophie Lane and Leo Close meet at the corner of Ashby Road".
fn street_of_an_address(text: &str, first: &Token<'_>, last: &Token<'_>) -> bool {
    if !STREET_WORDS.contains(&last.text) {
        return false;
    }
    fn last_word(item: &str) -> Option<&str> {
        item.split_whitespace()
            .next_back()
            .map(|w| w.trim_end_matches(['.', ';', ':']))
    }
    // An address: a comma before (after a building or a house), the town and the
    // postcode after.
    let after_comma = text[..first.start].trim_end().ends_with(',');
    let rest = &text[last.end..];
    let next: Vec<&str> = rest
        .trim_start_matches([',', ' ', '\u{a0}'])
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ';', ')']))
        .take(4)
        .collect();
    let postcode_near = (0..next.len()).any(|k| {
        super::validators::postcode(next[k])
            || next
                .get(k + 1)
                .is_some_and(|b| super::validators::postcode(&format!("{} {b}", next[k])))
    });
    if after_comma && postcode_near && rest.starts_with(',') {
        return true;
    }
    // A list: its items, short and capitalised, each ending in a street's word.
    let items: Vec<&str> = text
        .split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| {
            p.split_whitespace().count() <= 3
                && p.starts_with(|c: char| c.is_uppercase())
                && last_word(p).is_some_and(|w| STREET_WORDS.contains(&w))
        })
        .collect();
    let ours = &text[first.start..last.end];
    items.len() >= 2
        && items.contains(&ours)
        && items.iter().any(|p| {
            last_word(p).is_some_and(|w| {
                NOT_SURNAME_STREETS.contains(&w) || RARE_SURNAME_STREETS.contains(&w)
            })
        })
}

/// The last words of streets' names that are seldom surnames.
const RARE_SURNAME_STREETS: &[&str] = &[
    "Terrace", "Walk", "View", "Rise", "Place", "Way", "Row", "Fold", "Brow",
];

/// Whether the words from `first` to `last` are the town of an address: a comma before
/// them (after the street) and a postcode after them, past a space ("Thurlby Lane, Melton
/// Harcourt LE13 4QT"). A name at the start of a line before a postcode ("Dudley Fraser
/// DY1 4SQ", a row of a list run together) is a person's; so is one before a comma and
/// a postcode ("Zofia Kowalczyk, LS6 2AB").
fn town_before_postcode(text: &str, first: &Token<'_>, last: &Token<'_>) -> bool {
    if !text[..first.start]
        .trim_end_matches([' ', '\u{a0}'])
        .ends_with(',')
    {
        return false;
    }
    let rest = &text[last.end..];
    let Some(rest) = rest.strip_prefix([' ', '\u{a0}']) else {
        return false;
    };
    let mut words = rest
        .split_whitespace()
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()));
    let (a, b) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    a.starts_with(|c: char| c.is_ascii_uppercase())
        && (super::validators::postcode(a) || super::validators::postcode(&format!("{a} {b}")))
}

/// Whether the words from `first` to `last` are the town after a school's name, as a
/// letter's or an e-mail's footer gives it: "Hollins Park Primary & Nursery, Hemel
/// Hempstead." (the school's name just before, then a comma; nothing after the town but
/// the end of its sentence or line). "Signed by Oakfield Primary's head, Amara Okafor,
/// today" names a person: more words follow.
fn town_of_a_school(text: &str, first: &Token<'_>, last: &Token<'_>) -> bool {
    const SCHOOLS: &[&str] = &[
        "school",
        "primary",
        "academy",
        "nursery",
        "college",
        "infants",
        "juniors",
        "infant",
        "junior",
        "federation",
    ];
    let Some(before) = text[..first.start]
        .trim_end_matches([' ', '\u{a0}'])
        .strip_suffix(',')
    else {
        return false;
    };
    // The school's name stands alone: from the start of its line or sentence, every
    // word capitalised ("Hollins Park Primary & Nursery"), not the end of a sentence
    // about someone ("the prize winner from Hollins Park Primary, Tyrese Campbell.").
    let name = before
        .rsplit(['.', '!', '?', ':', '\n'])
        .next()
        .unwrap_or(before);
    let school = name
        .split_whitespace()
        .next_back()
        .is_some_and(|w| SCHOOLS.iter().any(|s| w.eq_ignore_ascii_case(s)))
        && name.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase()) || matches!(w, "&" | "and" | "of" | "the")
        });
    let rest = text[last.end..].trim_matches([' ', '\u{a0}']);
    school && matches!(rest, "" | ".")
}

/// Whether `first` is a month, or one cut short ("Jun", "Sept"), after the number of a
/// day ("3 Jun", "21st January").
fn month_after_a_day(text: &str, first: &Token<'_>) -> bool {
    let month = |m: &&str| m.eq_ignore_ascii_case(first.text);
    let before = text[..first.start].trim_end_matches([' ', '\u{a0}']);
    let day = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| before.strip_suffix(s))
        .unwrap_or(before);
    (MONTHS_CUT_SHORT.iter().any(month) || MONTHS.iter().any(month))
        && before.len() < first.start
        && day.ends_with(|c: char| c.is_ascii_digit())
}

/// Whether the word `last` is a month followed by a day or a year: a date ("Began January
/// 1940", "Starts September 2025"), not a surname.
fn month_of_a_date(text: &str, last: &Token<'_>) -> bool {
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(last.text))
        && text[last.end..]
            .trim_start_matches([' ', ','])
            .starts_with(|c: char| c.is_ascii_digit())
}

/// Whether the words from `first` on follow a place or an institution and "of": "the
/// Museum of London Docklands", "the University of Bradford", "the Isle of Wight".
fn of_a_place(text: &str, first: &Token<'_>) -> bool {
    const INSTITUTIONS: &[&str] = &[
        "University",
        "Bank",
        "Isle",
        "Duke",
        "Duchess",
        "Earl",
        "Battle",
        "Siege",
        "Treaty",
        "Port",
        "City",
        "Tower",
        "Mayor",
        "Archbishop",
        "Bishop",
        "Palace",
        "Kingdom",
        "Institute",
        "Hospital",
        "Borough",
        "County",
        "Friends",
    ];
    let mut before = text[..first.start].split_whitespace().rev();
    before.next() == Some("of")
        && before.next().is_some_and(|w| {
            PLACE_WORDS.contains(&w)
                || PLACE_OR_SURNAME_WORDS.contains(&w)
                || INSTITUTIONS.contains(&w)
        })
}

/// Whether words from `first` to the word `last` are a street after a house number ("50
/// Victoria Terrace", "12a Grace Road"): an address, not a person, though "Victoria" is a
/// given name and "Terrace" could be a surname. ("Sarah Hill" with no number before it is
/// still a person.)
fn street_after_number(text: &str, first: &Token<'_>, last: &str) -> bool {
    if !STREET_WORDS.contains(&last) {
        return false;
    }
    // Before the street: spaces, then a house number of 1 to 4 digits with an optional
    // letter ("12a") and comma, standing on its own.
    let before = text[..first.start].trim_end_matches(' ').as_bytes();
    let before = before.strip_suffix(b",").unwrap_or(before);
    let before = match before.last() {
        Some(c) if c.is_ascii_alphabetic() => &before[..before.len() - 1],
        _ => before,
    };
    let digits = before
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let rest = &before[..before.len() - digits];
    (1..=4).contains(&digits) && rest.last().is_none_or(|c| !c.is_ascii_alphanumeric())
}

fn capitalised_or_initial(t: &str) -> bool {
    capitalised(t) || (t.chars().count() == 1 && t.chars().all(char::is_uppercase))
}

/// A plausible surname shape for a word not in the dictionary: capitalised, 3+ letters.
fn surname_shaped(t: &str) -> bool {
    t.chars().filter(|c| c.is_alphabetic()).count() >= 3 && capitalised(t)
}

/// If tokens at `i…` are a label followed by ':' or '-', the index of the first token after it.
fn label_end(text: &str, toks: &[Token<'_>], i: usize) -> Option<usize> {
    for words in (1..=3).rev() {
        if i + words > toks.len() {
            continue;
        }
        let last = toks[i + words - 1];
        // Cheap test first: a label is followed by ':' or a dash.
        if !last.label_mark {
            continue;
        }
        if is_label(&text[toks[i].start..last.end]) {
            return Some(i + words);
        }
    }
    None
}

/// Whether `phrase`, [`normalise`]d, is one of the [`LABELS`]. Running text has many
/// words before a dash; an ASCII phrase is normalised into a buffer on the stack, and one
/// longer than it is no label.
fn is_label(phrase: &str) -> bool {
    if !phrase.is_ascii() {
        return LABELS.contains(&normalise(phrase).as_str());
    }
    let mut buf = [0u8; 32];
    let mut n = 0;
    let words = phrase
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('.'));
    for w in words {
        let sep = usize::from(n > 0);
        let Some(dest) = buf.get_mut(n..n + sep + w.len()) else {
            return false;
        };
        dest[..sep].copy_from_slice(&b" "[..sep]);
        dest[sep..].copy_from_slice(w.as_bytes());
        n += sep + w.len();
    }
    buf[..n].make_ascii_lowercase();
    LABELS.iter().any(|l| l.as_bytes() == &buf[..n])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names `names` finds in `t`, normalised.
    fn found_names(names: &Names, t: &str) -> Vec<String> {
        names
            .find(t, None)
            .names
            .into_iter()
            .map(|n| n.normalised)
            .collect()
    }

    #[test]
    fn everyday_words_and_their_forms_are_told_apart_from_names() {
        for w in [
            "visit",
            "visits",
            "visited",
            "changed",
            "stopped",
            "making",
            "reception",
            "main",
            "yes",
            "seen",
        ] {
            assert!(everyday_form(w), "{w}");
        }
        for w in [
            "abdirahman",
            "okafor",
            "tendai",
            "zofia",
            "siobhan",
            "whitworth",
        ] {
            assert!(!everyday_form(w), "{w}");
        }
        // Other scripts: characters whose last two bytes are equal, before an ending.
        for w in [
            "a\u{924}s",
            "x\u{4e38}s",
            "ab\u{4e38}ing",
            "\u{4e38}\u{4e38}ed",
            "zo\u{eb}s",
            "",
        ] {
            assert!(!everyday_form(w), "{w}");
        }
    }

    #[test]
    fn a_parents_groups_address_is_no_ones_even_at_gmail() {
        let names = Names::bundled();
        for a in [
            "parentcouncil.meadowbank@gmail.com",
            "friendsofstmarys@gmail.com",
            "oakfield.pta@hotmail.co.uk",
            "Oakfield.PTA@hotmail.co.uk",
            "FriendsOfStMarys@gmail.com",
            "pta2024.oakfield@gmail.com",
            "hollybrook.parents.association@gmail.com",
            // A year group's or a class's parents, at the school's own domain.
            "year3-parents@ashgrove-pri.sch.uk",
            "y6.families@oakfield.sch.uk",
        ] {
            assert!(names.organisation_mailbox(a), "{a}");
        }
        for a in [
            // (A first part starting with a letter of several bytes is read safely.)
            "é6.okafor@oakfield.sch.uk",
            "ý.amara.okafor@gmail.com",
            "amara.okafor@gmail.com",
            "sudipta@gmail.com",
            "duttagupta@gmail.com",
            "captain.jones@gmail.com",
            "coolkid2009@gmail.com",
        ] {
            assert!(!names.organisation_mailbox(a), "{a}");
        }
    }

    #[test]
    fn labelled_values_of_everyday_words_are_no_names() {
        let names = Names::bundled();
        let found = |t: &str| found_names(&names, t);
        assert_eq!(
            found("Deliver to: Main Reception, Goods In"),
            Vec::<String>::new()
        );
        assert_eq!(found("Name: Grace Hill"), ["grace hill"]);
        assert_eq!(found("Pupil: Jared Walkers"), ["jared walkers"]);
        assert_eq!(found("Name: Miles Archers"), ["miles archers"]);
        // Everyday words after a name are not part of it; a street's word is.
        assert_eq!(found("Ellis Whitworth Seen Yes"), ["ellis whitworth"]);
        assert_eq!(found("ELLIS WHITWORTH ROAD"), Vec::<String>::new());
        assert_eq!(found("Naomi House Hospice"), Vec::<String>::new());
        // Given names that are words too (common in Zimbabwean and Nigerian families).
        for t in [
            "Goodness Okafor was absent today.",
            "Privilege Moyo was absent today.",
            "Blessed Phiri was absent today.",
            "Knowledge Banda was absent today.",
        ] {
            assert_eq!(found(t).len(), 1, "{t}");
        }
    }

    #[test]
    fn names_from_the_backgrounds_of_uk_pupils_are_found_in_running_text() {
        let names = Names::bundled();
        for (text, name) in [
            ("Tendai Moyo was absent today.", "tendai moyo"),
            ("I spoke to Tatenda Phiri after lunch.", "tatenda phiri"),
            ("Chipo Banda and her brother", "chipo banda"),
            ("Thabo Mokoena has moved to Year 5.", "thabo mokoena"),
            ("Harpreet Kaur was absent today.", "harpreet kaur"),
            ("Oluwaseun Adeyemi was absent today.", "oluwaseun adeyemi"),
            ("Zofia Kowalczyk was absent today.", "zofia kowalczyk"),
            ("Siobhan O'Sullivan was absent today.", "siobhan o'sullivan"),
        ] {
            assert!(
                found_names(&names, text).contains(&name.to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn one_word_column_values_are_judged_as_any_value_is() {
        let names = Names::bundled();
        let lists = [
            include_str!("data/first_names.txt"),
            include_str!("data/surnames.txt"),
        ];
        let mut values: Vec<String> = lists
            .iter()
            .flat_map(|l| l.lines().step_by(7))
            .flat_map(|w| {
                let mut c = w.chars();
                let cap: String = c
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .chain(c)
                    .collect();
                [cap, w.to_uppercase(), w.to_string()]
            })
            .collect();
        for v in [
            "None",
            "TBC",
            "Unknown",
            "Name",
            "Yes",
            "No",
            "NA",
            "MHa",
            "JIl",
            "KZh",
            "LEE",
            "Lee",
            "Ng",
            "Wu",
            "Ox",
            "Table",
            "Monday",
            "Pupil",
            "O'Connor",
            "Smith-Jones",
            "Zo",
            "X",
            "Q",
            "Mc",
            "De'Ath",
            "A-Z",
            "Ab-",
            "It's",
            "Camp",
            "Towers",
            "Reading",
        ] {
            values.push(v.to_string());
        }
        let mut fast = 0;
        for v in &values {
            if let Some(quick) = names.plausible_one_word(v) {
                fast += 1;
                assert_eq!(quick, names.plausible_any_value(v), "{v}");
            }
        }
        assert!(fast * 2 > values.len(), "most values take the quick way");
    }

    #[test]
    fn given_names_within_a_titled_name_are_no_mention_by_first_name() {
        let names = Names::bundled();
        for t in [
            "Mr Ka Wai Zhang said that the budget is balanced.",
            "Mrs Joanne Evans (SENCo) reported on reviews.",
            "Mr D. Amara Whitfield reported.",
        ] {
            assert!(!names.mentions_given_name(t), "{t}");
        }
        for t in [
            "Aisha will keep a spare inhaler in the office.",
            "Dear Mrs Khan, Aisha will need her inhaler.",
            "Mrs Evans. Aisha will need her inhaler.",
        ] {
            assert!(names.mentions_given_name(t), "{t}");
        }
    }

    #[test]
    fn a_street_after_a_house_number_is_not_a_person() {
        let names = Names::bundled();
        let found = |t: &str| found_names(&names, t);
        for t in [
            "The coach leaves from 50 Victoria Terrace, Wakefield at 9am.",
            "Drop-off: 12a Grace Road",
            "Meet at 7, Victoria Park",
            "148 Abdirahman Street, York",
        ] {
            assert_eq!(found(t), Vec::<String>::new(), "{t}");
        }
        for t in [
            // ("Terrace" is in no list of surnames, and is a common word: "Victoria
            // Terrace" alone reads as a street now, an accepted loss. "Lane" is a surname.)
            "Victoria Lane joined Year 4.",
            "Sarah Hill, 7 years old",
            "Sarah Hill",
            "Year 12: Sarah Hill",
        ] {
            assert_eq!(found(t).len(), 1, "{t}: {:?}", found(t));
        }
        // The street words are those the street address rule ends with.
        let rule = super::super::rules::parse()
            .identifier
            .into_iter()
            .find(|r| r.id == "street_address")
            .expect("the street address rule");
        let re = regex::Regex::new(&rule.pattern).unwrap();
        for w in STREET_WORDS {
            assert!(re.is_match(&format!("12 Elm {w}")), "{w}");
        }
        let alternatives = rule.pattern.rsplit("(?:").next().unwrap();
        assert_eq!(alternatives.matches('|').count() + 1, STREET_WORDS.len());
    }

    #[test]
    fn towns_are_no_people_and_given_names_that_are_titles_are_names() {
        let names = Names::bundled();
        let found = |t: &str| found_names(&names, t);
        for t in [
            "Human fieldwork: Melton Mowbray town centre",
            "We met outside Sutton Coldfield railway station.",
            "Hollins Park Primary & Nursery, Hemel Hempstead.",
        ] {
            assert_eq!(found(t), Vec::<String>::new(), "{t}");
        }
        for t in [
            "Amara King joined Year 4.",
            "Queen Adeyemi has sickle cell anaemia.",
            "King Johnson has asthma.",
            "Sarah Hill came to town on Saturday.",
            "Jayden Clarke town visit cancelled: he has epilepsy.",
            "Melton Mowbray was late.",
            "Signed by the head of Oakfield Primary, Amara Okafor, today.",
            "The prize winner from Hollins Park Primary, Tyrese Campbell.",
        ] {
            assert_eq!(found(t).len(), 1, "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn a_name_ends_at_the_end_of_its_sentence() {
        let names = Names::bundled();
        let found = |t: &str| found_names(&names, t);
        assert_eq!(
            found("Our SENCo is Mrs Joanne Evans. She can be contacted."),
            ["mrs joanne evans"]
        );
        assert_eq!(
            found("Contact Amara Okafor. The office is open."),
            ["amara okafor"]
        );
        // Full stops of initials and titles stay inside the name.
        assert_eq!(found("Signed: Mr. D. Whitfield"), ["mr d whitfield"]);
        assert_eq!(
            found("Mrs J. Evans met Dr. Amara Nwosu."),
            ["mrs j evans", "dr amara nwosu"]
        );
        // Words that start sentences are not given names ("Our" before the surname Sen).
        assert_eq!(found("Our SEN governor is Paul."), Vec::<String>::new());
        assert_eq!(found("This Patel family lives here."), Vec::<String>::new());
    }

    #[test]
    fn label_marks_are_seen_as_without_the_quick_answers() {
        let pieces = [
            " ", "  ", "a", "Z", "7", ":", "-", "–", ".", ",", "'", "\"", ")", "\t", "\u{a0}", "é",
            "\u{2003}", "x:",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("Name{a}{b}{c}");
                    assert_eq!(label_mark(&s, 4), label_mark_after_spaces(&s, 4), "{s:?}");
                    checked += usize::from(label_mark(&s, 4));
                }
            }
        }
        assert!(checked > 100, "some are label marks ({checked})");
        assert!(label_mark("Name:", 4) && label_mark("Name \u{a0}– x", 4));
        assert!(!label_mark("Name", 4) && !label_mark("Name x:", 4));
    }

    #[test]
    fn letters_as_the_standard_library_says() {
        for c in (0..=0x3000).filter_map(char::from_u32) {
            assert_eq!(letter(c), c.is_alphabetic(), "{c:?} (U+{:04X})", c as u32);
        }
    }

    #[test]
    fn tokens_agree_with_their_specification() {
        let pieces = [
            "a",
            "Zoë",
            " ",
            "O'Brien's",
            "-",
            "’",
            "'",
            "mum",
            "–",
            "Mrs.",
            ": ",
            "Smith-Jones",
            "\u{a0}",
            "7",
            "é",
            "ŁÓDŹ",
            ",",
            "\n",
            "’s",
            "…",
            "Σ",
            "x-",
            "日本",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let got: Vec<(String, usize, usize, bool)> = tokens(&text)
                .iter()
                .map(|k| (k.text.to_string(), k.start, k.end, k.label_mark))
                .collect();
            assert_eq!(got, tokens_as_specified(&text), "{text:?}");
        }
    }

    #[test]
    fn labels_are_recognised_without_copying() {
        assert!(
            LABELS.iter().all(|l| l.len() <= 32),
            "a label too long for is_label"
        );
        for phrase in [
            "Name",
            "NAME",
            "name.",
            "Pupil  name",
            "Pupil, name",
            "Parent/Carer",
            "Mr. Name",
            "Name .",
            "Date of birth",
            "Candidate Name",
            "Reported by",
            "reported  by.",
            "Naïve",
            "Signed",
            "Emergency\tcontact",
            "a much longer phrase than any label could be",
        ] {
            assert_eq!(
                is_label(phrase),
                LABELS.contains(&normalise(phrase).as_str()),
                "{phrase:?}"
            );
        }
        assert!(is_label("Emergency Contact") && is_label("Pupil") && !is_label("Policy"));
    }

    #[test]
    fn tokens_split_words_and_drop_possessives() {
        let t: Vec<&str> = tokens("Zoë O'Brien's mum - Mrs. Smith-Jones")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(t, ["Zoë", "O'Brien", "mum", "Mrs", "Smith-Jones"]);
    }

    /// The word-start search finds the figures a leftmost-longest automaton over the
    /// whole text finds, kept when they stand as whole words and start with a capital
    /// (names are found only where capitalised).
    #[test]
    fn figures_found_as_a_whole_text_search_would() {
        let names = Names::bundled();
        let multi: Vec<&String> = names.figures.iter().filter(|f| f.contains(' ')).collect();
        let ac = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&multi)
            .unwrap();
        let mut text = multi
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(" and ")
            .to_uppercase();
        text.push_str(" the tale of Tom Kitten; Where's Wally? Mr Fox and Mr. Fox (Anne Frank)");
        text.push_str(" in small letters: the tale of tom kitten, anne frank");
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let want: Vec<(usize, usize)> = ac
            .find_iter(&text)
            .map(|m| (m.start(), m.end()))
            .filter(|&(s, e)| !word(text[..s].chars().last()) && !word(text[e..].chars().next()))
            .filter(|&(s, _)| !text.as_bytes()[s].is_ascii_lowercase())
            .collect();
        assert!(want.len() > 100);
        assert!(
            ac.find_iter(&text).count() > want.len() + 1,
            "some in small letters"
        );
        assert_eq!(names.figure_ac.whole_words(&text), want);
    }

    /// The word splitting, written plainly: what `tokens` must give.
    fn tokens_as_specified(s: &str) -> Vec<(String, usize, usize, bool)> {
        let mut out = Vec::new();
        let mut start = None;
        let mut push = |st: usize, en: usize| {
            let t = s[st..en].trim_end_matches(['\'', '’', '-']);
            let t = t
                .strip_suffix("'s")
                .or_else(|| t.strip_suffix("’s"))
                .unwrap_or(t);
            let end = st + t.len();
            let mark = matches!(s[end..].trim_start().chars().next(), Some(':' | '-' | '–'));
            if !t.is_empty() {
                out.push((t.to_string(), st, end, mark));
            }
        };
        for (i, c) in s.char_indices() {
            let word =
                c.is_alphabetic() || ((c == '\'' || c == '’' || c == '-') && start.is_some());
            match (word, start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    push(st, i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(st) = start {
            push(st, s.len());
        }
        out
    }

    #[test]
    fn tokens_split_as_specified() {
        for t in [
            "",
            "Zoë O'Brien's mum - Mrs. Smith-Jones",
            "Name:\tAmara",
            "Pupil \u{a0}– Zofia",
            "Pupil\u{2003}: Zofia",
            "James’s book",
            "rock-'n'-roll's",
            "x\x0b- y",
            "Dear   Amara,",
            "a's b’s c'",
            "ÉLODIE Ñ ß 7A LS12 3AB",
            "end-",
            "Name :",
            "word\n\n:",
        ] {
            let got: Vec<(String, usize, usize, bool)> = tokens(t)
                .iter()
                .map(|k| (k.text.to_string(), k.start, k.end, k.label_mark))
                .collect();
            assert_eq!(got, tokens_as_specified(t), "{t:?}");
        }
    }

    #[test]
    fn capital_and_two_words_counts_as_tokens_does() {
        for t in [
            "",
            "A",
            "A123456789012",
            "Zoë",
            "O'Brien's",
            "Smith-Jones",
            "7A",
            "N/A",
            "LS12 3AB",
            "12 Elm Road",
            "Mrs Okafor",
            "a-b c",
            "'x y",
            "x - y",
            "ÉÉ ÉÉ",
            "1 2 3",
            "Y7 Y8",
            "mrs okafor",
            "ÉCOLE élève",
            "école élève",
            "x Y",
            "7 O'Neil",
        ] {
            let want = t.chars().any(char::is_uppercase) && tokens(t).len() >= 2;
            assert_eq!(capital_and_two_words(t), want, "{t:?}");
        }
    }

    #[test]
    fn every_multi_word_figure_is_two_tokens_or_more() {
        // `Names::find` stops early on text of fewer than two words: that is only right
        // while no figure of several words reads as a single word.
        let names = Names::bundled();
        for f in names.figures.iter().filter(|f| f.contains(' ')) {
            assert!(tokens(f).len() >= 2, "figure {f:?}");
        }
    }

    #[test]
    fn capitalised_as_specified() {
        // The rule as written for any text: a capital first, then more characters, with
        // some lower case or no letter that is neither case.
        let spec = |t: &str| {
            let mut c = t.chars();
            c.next().is_some_and(char::is_uppercase) && {
                let rest: Vec<char> = c.collect();
                !rest.is_empty()
                    && (rest.iter().any(|c| c.is_lowercase())
                        || rest.iter().all(|c| !c.is_alphabetic() || c.is_uppercase()))
            }
        };
        for t in [
            "", "A", "Ab", "AB", "A1", "a", "aB", "O'Brien", "McDonald", "OKAFOR", "Zoë", "ZOË",
            "Éva", "É", "É1", "Ab-", "A 漢", "漢字", "Ǆa",
        ] {
            assert_eq!(capitalised(t), spec(t), "{t:?}");
        }
    }

    #[test]
    fn word_lists_answer_as_a_plain_map_does() {
        // The lists as the build script reads them, into a plain map.
        let mut plain: std::collections::HashMap<String, u8> = Default::default();
        for (file, kind) in word_table::LISTS {
            let path = format!("{}/src/detect/data/{file}", env!("CARGO_MANIFEST_DIR"));
            let list = std::fs::read_to_string(&path).expect("a bundled list");
            for w in word_table::lines(&list) {
                *plain.entry(w.to_string()).or_default() |= kind;
            }
        }
        let table = WordLists::bundled();
        let mut long = 0;
        for (w, bits) in &plain {
            assert_eq!(table.get(w), *bits, "{w}");
            if w.is_ascii() {
                assert_eq!(lookup(&table, &w.to_uppercase()), *bits, "{w}");
            }
            long += usize::from(w.len() > word_table::SHORT);
        }
        assert!(
            plain.len() > 80_000 && long > 100,
            "{} words, {long} long",
            plain.len()
        );
        assert!(plain.contains_key("ann"), "a listed name");
        assert_eq!(table.get("ann") & FIRST, FIRST);
        for absent in [
            "",
            "zzzzqx",
            "ann\0",
            "a\0nn",
            "okafo",
            "okaforr",
            "abcdefghijklmnopqrstuvwxy",
        ] {
            assert_eq!(lookup(&table, absent), 0, "{absent:?}");
        }
    }

    #[test]
    fn lower_into_lowers_as_the_standard_library_does() {
        for w in [
            "Okafor",
            "ZOË",
            "Łukasz",
            "ŚWIĄTEK",
            "İlkay",
            "Nguyễn",
            "O’Brien",
            "ΟΔΥΣΣΕΥΣ",
            "ß",
            "",
        ] {
            let mut buf = [0; 64];
            match lower_into(w, false, &mut buf) {
                Some(l) => assert_eq!(l, w.to_lowercase(), "{w}"),
                None => assert!(w.contains('Σ'), "{w}"),
            }
            match lower_into(w, true, &mut buf) {
                Some(l) => assert_eq!(l, fold(&w.to_lowercase()), "{w}"),
                None => assert!(w.contains('Σ'), "{w}"),
            }
        }
        let long = "Ä".repeat(40);
        assert_eq!(lower_into(&long, false, &mut [0; 64]), None, "does not fit");
    }

    #[test]
    fn normalise_and_fold() {
        assert_eq!(normalise("Mr  D. Whitfield"), "mr d whitfield");
        assert_eq!(fold("zoë łukasz"), "zoe lukasz");
    }
}
