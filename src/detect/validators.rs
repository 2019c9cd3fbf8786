//! Check-digit and format validators for UK identifiers, so look-alikes are not flagged.
//! Each function takes the candidate as matched (any case, spaces allowed where the format
//! allows them) and says whether it is a valid identifier of that kind. The rules and their
//! sources are in docs/detection.md.

/// The UPN letter table: I, O and S are never used.
const UPN_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

/// A candidate with some characters taken out and letters in upper case, held on the
/// stack (validators run on every candidate of every table cell).
struct Compact {
    buf: [u8; Compact::MAX],
    len: usize,
}

impl Compact {
    /// No identifier checked here is longer (an IBAN is 22).
    const MAX: usize = 32;

    /// `s` without the characters `drop` picks, upper-cased; `None` when what is left is
    /// longer than [`Compact::MAX`] or not ASCII: no identifier is either.
    fn new(s: &str, drop: impl Fn(char) -> bool) -> Option<Compact> {
        let mut c = Compact {
            buf: [0; Self::MAX],
            len: 0,
        };
        // Candidates are ASCII (the patterns match ASCII): byte by byte.
        // (The length is counted in a local: kept in a register, not written back to
        // the buffer's struct for every byte.)
        if s.is_ascii() {
            let mut len = 0;
            for &b in s.as_bytes() {
                if drop(char::from(b)) {
                    continue;
                }
                if len == Self::MAX {
                    return None;
                }
                c.buf[len] = b.to_ascii_uppercase();
                len += 1;
            }
            c.len = len;
            return Some(c);
        }
        for ch in s.chars().filter(|&ch| !drop(ch)) {
            if !ch.is_ascii() || c.len == Self::MAX {
                return None;
            }
            c.buf[c.len] = (ch as u8).to_ascii_uppercase();
            c.len += 1;
        }
        Some(c)
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// Spaces and dashes taken out, upper case.
fn compact(s: &str) -> Option<Compact> {
    Compact::new(s, |c| c.is_whitespace() || c == '-')
}

/// Unique Pupil Number: check letter + 12 digits, or + 11 digits + letter (temporary UPN).
pub fn upn(s: &str) -> bool {
    let Some(s) = compact(s) else { return false };
    let b = s.as_bytes();
    if b.len() != 13 || !b[1..12].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let last = if b[12].is_ascii_digit() {
        u32::from(b[12] - b'0')
    } else {
        match UPN_LETTERS.iter().position(|&c| c == b[12]) {
            Some(v) => v as u32,
            None => return false,
        }
    };
    let mut total: u32 = (1..12)
        .map(|i| (i as u32 + 1) * u32::from(b[i] - b'0'))
        .sum();
    total += 13 * last;
    UPN_LETTERS[(total % 23) as usize] == b[0]
}

/// The ten digits of `s` (spaces and dashes ignored), if it holds exactly those.
fn ten_digits(s: &str) -> Option<[u32; 10]> {
    let mut d = [0; 10];
    let mut n = 0;
    // Candidates are ASCII (the patterns match ASCII): byte by byte.
    if s.is_ascii() {
        for &b in s.as_bytes() {
            match b {
                b'0'..=b'9' => {
                    *d.get_mut(n)? = u32::from(b - b'0');
                    n += 1;
                }
                b'-' => {}
                _ if char::from(b).is_whitespace() => {}
                _ => return None,
            }
        }
        return (n == 10).then_some(d);
    }
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        *d.get_mut(n)? = c.to_digit(10)?;
        n += 1;
    }
    (n == 10).then_some(d)
}

/// Unique Learner Number: 10 digits, first not 0, weighted sum (10…1) ≡ 10 mod 11.
pub fn uln(s: &str) -> bool {
    let Some(d) = ten_digits(s) else { return false };
    if d[0] == 0 {
        return false;
    }
    let total: u32 = d.iter().enumerate().map(|(i, v)| (10 - i as u32) * v).sum();
    total % 11 == 10
}

/// NHS number (also Scottish CHI and NI H&C numbers, which share the mod 11 check).
pub fn nhs(s: &str) -> bool {
    let Some(d) = ten_digits(s) else { return false };
    let total: u32 = d[..9]
        .iter()
        .enumerate()
        .map(|(i, v)| (10 - i as u32) * v)
        .sum();
    let check = 11 - total % 11;
    let check = if check == 11 { 0 } else { check };
    check != 10 && check == d[9]
}

/// Unique Candidate Identifier (JCQ): 12 characters + check letter (mod 17).
pub fn uci(s: &str) -> bool {
    const TABLE: &[u8; 17] = b"ABCDEFGHKLMRTVWXY";
    let Some(s) = compact(s) else { return false };
    let b = s.as_bytes();
    if b.len() != 13
        || !b[..5].iter().all(u8::is_ascii_digit)
        || !b[6..12].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    // A letter in position 6 (non-UK centres) has no agreed value: accept the format only.
    if !b[5].is_ascii_digit() {
        return b[5].is_ascii_uppercase() && TABLE.contains(&b[12]) && &b[8..12] != b"0000";
    }
    if &b[8..12] == b"0000" {
        return false;
    }
    let total: u32 = (0..12)
        .map(|i| (16 - i as u32) * u32::from(b[i] - b'0'))
        .sum();
    TABLE[(total % 17) as usize] == b[12]
}

/// National Insurance number: prefix rules, 6 digits, suffix A–D.
pub fn nino(s: &str) -> bool {
    let Some(s) = compact(s) else { return false };
    let b = s.as_bytes();
    if b.len() != 9 || !b[2..8].iter().all(u8::is_ascii_digit) || !(b'A'..=b'D').contains(&b[8]) {
        return false;
    }
    let (p1, p2) = (b[0], b[1]);
    if !p1.is_ascii_uppercase() || !p2.is_ascii_uppercase() {
        return false;
    }
    // The digits of the examples printed on forms and guidance ("e.g. AB 12 34 56 C"),
    // and of placeholders ("AB 00 00 00 A"): an example, not someone's number.
    let digits = &b[2..8];
    if digits == b"123456" || digits.iter().all(|&d| d == digits[0]) {
        return false;
    }
    if b"DFIQUV".contains(&p1) || b"DFIQUVO".contains(&p2) {
        return false;
    }
    let prefix = &b[..2];
    !matches!(
        prefix,
        b"BG"
            | b"GB"
            | b"KN"
            | b"NK"
            | b"NT"
            | b"TN"
            | b"ZZ"
            | b"OO"
            | b"CR"
            | b"FY"
            | b"MW"
            | b"NC"
            | b"PP"
            | b"PY"
            | b"PZ"
    )
}

/// GB IBAN, ISO 7064 MOD 97-10.
pub fn iban(s: &str) -> bool {
    let Some(s) = compact(s) else { return false };
    let b = s.as_bytes();
    if b.len() != 22 || !b.starts_with(b"GB") {
        return false;
    }
    if !b[2..4].iter().all(u8::is_ascii_digit)
        || !b[4..8].iter().all(u8::is_ascii_uppercase)
        || !b[8..].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let mut rem: u32 = 0;
    for &c in b[4..].iter().chain(&b[..4]) {
        let v = char::from(c).to_digit(36).expect("alphanumeric");
        if v >= 10 {
            rem = (rem * 100 + v) % 97;
        } else {
            rem = (rem * 10 + v) % 97;
        }
    }
    rem == 1
}

/// UK postcode (Royal Mail positional letter rules, plus GIR 0AA and BFPO).
pub fn postcode(s: &str) -> bool {
    let Some(s) = Compact::new(s, char::is_whitespace) else {
        return false;
    };
    let b = s.as_bytes();
    if b == b"GIR0AA" {
        return true;
    }
    if let Some(rest) = b.strip_prefix(b"BFPO") {
        return (1..=4).contains(&rest.len()) && rest.iter().all(u8::is_ascii_digit);
    }
    if !(5..=7).contains(&b.len()) {
        return false;
    }
    let (out, inw) = b.split_at(b.len() - 3);
    if !inw[0].is_ascii_digit()
        || !inw[1..]
            .iter()
            .all(|c| c.is_ascii_uppercase() && !b"CIKMOV".contains(c))
    {
        return false;
    }
    let l1 = |c: u8| c.is_ascii_uppercase() && !b"QVX".contains(&c);
    let l2 = |c: u8| c.is_ascii_uppercase() && !b"IJZ".contains(&c);
    let d = |c: u8| c.is_ascii_digit();
    match out {
        [a, b1] => l1(*a) && d(*b1),
        [a, b1, c] if d(*b1) => l1(*a) && (d(*c) || b"ABCDEFGHJKPSTUW".contains(c)),
        [a, b1, c] => l1(*a) && l2(*b1) && d(*c),
        [a, b1, c, e] => l1(*a) && l2(*b1) && d(*c) && (d(*e) || b"ABEHMNPRVWXY".contains(e)),
        _ => false,
    }
}

/// What kind of UK phone number this is, if any (after normalising +44 / 0044 / (0)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phone {
    Mobile,
    Landline,
    NonGeographic,
}

pub fn phone(s: &str) -> Option<Phone> {
    let digits = Compact::new(s, |c| " -.()".contains(c))?;
    let mut t = digits.as_bytes();
    let mut national = [0u8; Compact::MAX];
    for intl in [&b"+440"[..], b"+44", b"00440", b"0044"] {
        if let Some(rest) = t.strip_prefix(intl) {
            // "+44 7700…" is "07700…"
            national[0] = b'0';
            national[1..=rest.len()].copy_from_slice(rest);
            t = &national[..=rest.len()];
            break;
        }
    }
    if !t.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = t.len();
    if t.starts_with(b"07624") && n == 11 {
        return Some(Phone::Mobile);
    }
    let b = t;
    if n == 11 && t.starts_with(b"07") && b"1234579".contains(&b[2]) {
        return Some(Phone::Mobile);
    }
    if t.starts_with(b"01") && (n == 10 || n == 11) {
        return Some(Phone::Landline);
    }
    if n == 11 && t.starts_with(b"02") && b"03489".contains(&b[2]) {
        return Some(Phone::Landline);
    }
    if n == 11 && t.starts_with(b"03") && b"0347".contains(&b[2]) {
        return Some(Phone::NonGeographic);
    }
    None
}

/// A real calendar date (day, month, four-digit year).
pub fn real_date(day: u32, month: u32, year: i32) -> bool {
    chrono::NaiveDate::from_ymd_opt(year, month, day).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upn() {
        for v in [
            "B801200005001",
            "X00180001701A",
            "Z209288906286",
            "D894610409223",
            "Q881209624207",
            "M38052671217Q",
            "D83167341721J",
            "P207000016049",
        ] {
            assert!(super::upn(v), "{v}");
        }
        for v in [
            "V209288906286",
            "W392535525442",
            "I209288906286",
            "Q207000016049",
            "L88930430195O",
            "B80120000500",
        ] {
            assert!(!super::upn(v), "{v}");
        }
    }

    #[test]
    fn uln() {
        for v in ["9276308686", "3694642071", "6831333086", "6781305262"] {
            assert!(super::uln(v), "{v}");
        }
        for v in [
            "3694642021",
            "6837333086",
            "6799930728",
            "9999999999",
            "0276308686",
        ] {
            assert!(!super::uln(v), "{v}");
        }
    }

    #[test]
    fn nhs() {
        for v in ["943 476 5919", "999 992 7874", "0101011237", "323 812 0107"] {
            assert!(super::nhs(v), "{v}");
        }
        for v in ["987 654 4321", "489 106 4349", "0101201234", "943 476 5918"] {
            assert!(!super::nhs(v), "{v}");
        }
        // No number is both a valid ULN and a valid NHS number.
        assert!(!super::nhs("9276308686"));
        assert!(!super::uln("9434765919"));
    }

    #[test]
    fn uci() {
        for v in [
            "681990012058G",
            "689990980001D",
            "549420105489D",
            "822730152868G",
        ] {
            assert!(super::uci(v), "{v}");
        }
        for v in ["549420105489F", "681990012058I", "123450190000B"] {
            assert!(!super::uci(v), "{v}");
        }
    }

    #[test]
    fn nino() {
        for v in [
            "WY896339D",
            "LE 99 76 26 A",
            "HT450916 B",
            "YZ 564182 D",
            "SP924744C",
        ] {
            assert!(super::nino(v), "{v}");
        }
        for v in [
            "QQ 12 34 56 A",
            "AO123456B",
            "GB123456A",
            "TN 31 08 55 M",
            "AB123456E",
            "TN310855A",
            // Examples and placeholders on forms.
            "AB 12 34 56 C",
            "JT000000A",
        ] {
            assert!(!super::nino(v), "{v}");
        }
    }

    #[test]
    fn iban() {
        assert!(super::iban("GB82 WEST 1234 5698 7654 32"));
        assert!(super::iban("GB46NAIA60354200095416"));
        assert!(!super::iban("GB83 WEST 1234 5698 7654 32"));
    }

    #[test]
    fn postcode() {
        for v in [
            "SW1A 1AA", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT",
            "N1P 2BD", "GIR 0AA", "BFPO 61", "SW1A1AA",
        ] {
            assert!(super::postcode(v), "{v}");
        }
        for v in [
            "QA1 1AA", "AI1 1AA", "W1I 1AA", "EC1C 1BB", "SW1A 1CA", "SW1A 11A",
        ] {
            assert!(!super::postcode(v), "{v}");
        }
    }

    #[test]
    fn candidates_are_compacted_on_the_stack() {
        // Unicode spaces are taken out like ASCII ones; other non-ASCII text and text
        // longer than any identifier are simply not identifiers.
        assert!(super::upn("B801\u{a0}2000\u{2009}05001"));
        assert!(super::postcode("sw1a\u{a0}1aa"));
        assert!(!super::upn("B80120000500１"));
        assert!(!super::iban(&"GB82 WEST 1234 5698 7654 32".repeat(2)));
        assert_eq!(super::phone(&"0".repeat(40)), None);
        assert_eq!(super::phone("+44 (0) 1632 960 123"), Some(Phone::Landline));
    }

    #[test]
    fn phone() {
        assert_eq!(super::phone("07700 900123"), Some(Phone::Mobile));
        assert_eq!(super::phone("+44 (0)7700 900123"), Some(Phone::Mobile));
        assert_eq!(super::phone("0044 7700 900123"), Some(Phone::Mobile));
        assert_eq!(super::phone("020 7946 0123"), Some(Phone::Landline));
        assert_eq!(super::phone("0113 496 0123"), Some(Phone::Landline));
        assert_eq!(super::phone("0800 123 4567"), None);
        assert_eq!(super::phone("07700 90012"), None);
    }
}
