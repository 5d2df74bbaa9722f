//! Contact data: e-mail addresses, phone numbers, street addresses and postcode + town.
//!
//! Phone numbers are proposed loosely by regex (a `+`/`00` country prefix or a leading `0`, then
//! digit groups joined by single spaces or hyphens) and then judged in code: digit count, no glue
//! to a longer number (IBAN, OCR, account groups), not a date, and not a personnummer shape
//! unless a phone label ("tel", "mobil" ...) precedes it. Addresses need a Swedish street-name
//! suffix (-vägen, -gatan, -gränd ...) followed by a house number; postcode + town needs the
//! `NNN NN Town` shape. Internal e-mail domains are still personal and are reported like others.

use super::textutil::WindowRegex;
use super::textutil::{
    before_lower, contains_word, digit_count, glued_left, glued_right, next_char,
};
use super::{Detector, Document};
use crate::category::Category;
use crate::finding::Finding;

const PHONE_LABELS: &[&str] = &[
    "tel",
    "tfn",
    "telefon",
    "telefonnummer",
    "telefonnr",
    "mobil",
    "mobilnummer",
    "mobilnr",
    "mob",
    "ring",
    "ringa",
    "sms",
    "sms:a",
    "nås på",
    "växel",
    "direkt",
    "phone",
    "mobile",
    "call",
    "nummer",
];

/// Street-name suffixes: the address regex only runs around them.
const STREET_CUES: &[&str] = &[
    "vägen", "väg ", "gatan", "gata ", "gränd", "stigen", "backen", "allé", "torget", "torg ",
    "platsen", "leden", "slingan", "ringen", "kajen", "stråket",
];

/// Labels saying a number is something else (giro, invoice, case, OCR, organisation).
const NOT_PHONE_LABELS: &[&str] = &[
    "bg",
    "pg",
    "bankgiro",
    "plusgiro",
    "postgiro",
    "ocr",
    "org.nr",
    "orgnr",
    "fakturanr",
    "fakturanummer",
    "ordernr",
    "ordernummer",
    "dnr",
    "diarienr",
    "diarienummer",
    "konto",
    "kontonr",
    "clearing",
];

pub struct ContactDetector {
    street_cues: super::textutil::Cues,
    email: WindowRegex,
    phone: WindowRegex,
    address: WindowRegex,
    postcode: WindowRegex,
}

impl ContactDetector {
    pub fn new() -> ContactDetector {
        let street_suffix = "(?:vägen|väg|gatan|gata|gränden|gränd|stigen|backen|allén|allé|torget|torg|platsen|leden|slingan|ringen|kajen|stråket)";
        let town = "[A-ZÅÄÖ][a-zåäöéü]+(?:[ -][A-ZÅÄÖ][a-zåäöéü]+)?";
        ContactDetector {
            street_cues: super::textutil::folded_cue_automaton(STREET_CUES),
            email: WindowRegex::new(
                r"(?i)[a-z0-9._%+\-åäöé]{1,64}@[a-z0-9\-åäö]{1,63}(?:\.[a-z0-9\-åäö]{1,63}){0,8}\.[a-z]{2,24}",
            )
            .expect("static regex"),
            phone: WindowRegex::new(
                r"(?:(?:\+|00)[1-9][0-9]{0,2}(?:[ \x{a0}\-]?\(0\))?(?:[ \x{a0}\-]?[0-9]{1,4}){2,6}|\(?0[1-9][0-9]{0,3}(?:\)[ \x{a0}]?|[ \x{a0}]?[\-\x{2013}/][ \x{a0}]?|[ \x{a0}])?[0-9]{2,8}(?:[ \x{a0}\-][0-9]{2,4}){0,3})",
            )
            .expect("static regex"),
            address: WindowRegex::new(&format!(
                r"[A-ZÅÄÖa-zåäöéü][a-zåäöéü\-]{{0,40}}{street_suffix} [0-9]{{1,3}}(?: ?[A-Z])?(?:,? (?:lgh|lägenhet) ?[0-9]{{4}})?(?:, [0-9] ?tr)?(?:,? [1-9][0-9]{{2}} ?[0-9]{{2}} {town})?"
            ))
            .expect("static regex"),
            postcode: WindowRegex::new(&format!(r"[1-9][0-9]{{2}} [0-9]{{2}} {town}"))
                .expect("static regex"),
        }
    }

    fn phones(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text;
        // A phone number starts at a digit or right before one (`+`, `(`), its digit runs are
        // at most 7 bytes apart (` – `) and it has 8 or more digits: windows from 1 byte before
        // to 8 after each run hold every match whole, and windows with fewer digits hold none
        // that is reported. The same findings as a search of the whole text, with less text.
        let windows = super::textutil::digit_windows_where(text, doc.digit_runs(), 1, 8, |runs| {
            super::textutil::run_digits(runs) >= 8
        });
        for m in super::textutil::find_in(&self.phone, text, &windows) {
            let start = m.start();
            if glued_left(text, start, &['-', '.', ',', '/', ' ', ':', '+']) {
                continue;
            }
            // Drop trailing groups until the digit count is plausible.
            let mut s = m.as_str();
            let international = s.starts_with('+') || s.starts_with("00");
            let max = if international { 15 } else { 10 };
            while digit_count(s) > max {
                match s.rfind([' ', '-', '\u{a0}']) {
                    Some(p) => s = s[..p].trim_end_matches([' ', '-', '\u{a0}']),
                    None => break,
                }
            }
            let end = start + s.len();
            let n = digit_count(s);
            if glued_right(text, end, &['-', '.', ',', '/']) || n > max {
                continue;
            }
            if !international && s.starts_with('(') != s.contains(')') {
                continue;
            }
            let label = before_lower(text, start, 24);
            let labelled = contains_word(&label, PHONE_LABELS);
            if !labelled && contains_word(&label, NOT_PHONE_LABELS) {
                continue;
            }
            let ok = if international {
                (9..=15).contains(&n) && s.contains([' ', '-', '\u{a0}']) || (11..=15).contains(&n)
            } else {
                let separated = s.contains([' ', '-', '\u{2013}', '/', '\u{a0}']);
                (8..=10).contains(&n)
                    && (separated || labelled || (n == 10 && s.starts_with("07")))
                    && !is_date_like(s)
                    && (labelled || !is_pnr_shape(s))
            };
            if ok {
                out.push(Finding::new(Category::Contact, "phone", start, end));
            }
        }
    }
}

/// Windows holding every postcode match whole: a match starts at a digit run and after its
/// last digits has a space and a town of one or two words (`Västerås`, `Upplands Väsby`), so
/// each run's window reaches past at most that. The two runs of a postcode are a space apart
/// and their windows merge.
fn postcode_windows(doc: &Document<'_>) -> Vec<(usize, usize)> {
    let b = doc.text.as_bytes();
    let word = |from: usize| {
        from + b[from..]
            .iter()
            .take_while(|&&c| c.is_ascii_alphabetic() || c >= 0x80)
            .count()
    };
    // (window, digits in it): a postcode has five digits, so windows with fewer are dropped.
    let mut windows: Vec<((usize, usize), usize)> = Vec::new();
    for &(s, e) in doc.digit_runs() {
        let mut end = e;
        if b.get(end) == Some(&b' ') {
            end = word(end + 1);
            if matches!(b.get(end), Some(b' ' | b'-')) {
                end = word(end + 1);
            }
        }
        match windows.last_mut() {
            Some(((_, hi), digits)) if s <= *hi => {
                *hi = end.max(*hi);
                *digits += e - s;
            }
            _ => windows.push(((s, end), e - s)),
        }
    }
    windows
        .into_iter()
        .filter(|&(_, digits)| digits >= 5)
        .map(|(w, _)| w)
        .collect()
}

/// Windows holding every e-mail match whole: around each `@`, the bytes a local part (64
/// characters) and a domain (nine labels of 63) can be made of. Any non-ASCII byte counts,
/// as `(?i)` lets the Kelvin sign and long s stand for `k` and `s`.
fn email_windows(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c) || c >= 0x80;
    let domain = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'.' || c >= 0x80;
    let mut windows = super::textutil::Windows::new(text);
    for at in memchr::memchr_iter(b'@', b) {
        let mut lo = at;
        while lo > 0 && at - lo < 64 * 3 && local(b[lo - 1]) {
            lo -= 1;
        }
        let mut hi = at + 1;
        while hi < b.len() && hi - at < 9 * 64 * 3 && domain(b[hi]) {
            hi += 1;
        }
        windows.add(lo, hi);
    }
    windows.into_vec()
}

/// `01-02-2024`, `03/04/24`: groups 2-2-(2|4) with one kind of separator.
fn is_date_like(s: &str) -> bool {
    let groups: Vec<&str> = s.split(['-', '/', ' ']).collect();
    groups.len() == 3
        && groups[0].len() <= 2
        && groups[1].len() <= 2
        && (groups[2].len() == 2 || groups[2].len() == 4)
}

/// Six digits that could be YYMMDD, an optional separator, four digits: a personnummer shape.
fn is_pnr_shape(s: &str) -> bool {
    let d: Vec<u8> = s
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    let seps = s.len() - d.len();
    let shape =
        d.len() == 10 && (seps == 0 || s.as_bytes().get(6).is_some_and(|b| !b.is_ascii_digit()));
    if !shape {
        return false;
    }
    let mm = d[2] * 10 + d[3];
    let dd = d[4] * 10 + d[5];
    (1..=12).contains(&mm) && ((1..=31).contains(&dd) || (61..=91).contains(&dd))
}

impl Default for ContactDetector {
    fn default() -> Self {
        Self::new()
    }
}

impl Detector for ContactDetector {
    fn name(&self) -> &'static str {
        "contact"
    }

    fn categories(&self) -> &'static [Category] {
        &[Category::Contact]
    }

    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text;
        for m in super::textutil::find_in(&self.email, text, &email_windows(text)) {
            // Message ids (`<20240416075811.4411@host>`) have no letters before the `@`.
            let local = m.as_str().split('@').next().unwrap_or("");
            if !local.chars().any(char::is_alphabetic) {
                continue;
            }
            out.push(Finding::new(Category::Contact, "email", m.start(), m.end()));
        }
        if doc.has_digits() {
            self.phones(doc, out);
            let addresses_from = out.len();
            let street_regions =
                super::textutil::cue_regions(&self.street_cues, text, doc.ascii_lower(), 48, 100);
            for m in super::textutil::find_in(&self.address, text, &street_regions) {
                let s = m.as_str();
                // A lowercase street needs one of the unmistakable suffixes.
                let capital = s.chars().next().is_some_and(char::is_uppercase);
                if !capital
                    && !["vägen ", "gatan ", "gränd ", "stigen ", "backen "]
                        .iter()
                        .any(|x| s.contains(x))
                {
                    continue;
                }
                if glued_left(text, m.start(), &[])
                    || next_char(text, m.end()).is_some_and(|c| c.is_alphanumeric())
                {
                    continue;
                }
                out.push(Finding::new(
                    Category::Contact,
                    "address",
                    m.start(),
                    m.end(),
                ));
            }
            let addresses = out.len();
            // Addresses are sorted and disjoint, postcodes come in order: the last address
            // starting at or before a postcode is the only one that can hold it.
            let mut k = addresses_from;
            for m in super::textutil::find_in(&self.postcode, text, &postcode_windows(doc)) {
                while k + 1 < addresses && out[k + 1].start <= m.start() {
                    k += 1;
                }
                if k < addresses && out[k].start <= m.start() && m.end() <= out[k].end {
                    continue;
                }
                if glued_left(text, m.start(), &[' ', '-', '.', ','])
                    || glued_right(text, m.end(), &[])
                {
                    continue;
                }
                out.push(Finding::new(
                    Category::Contact,
                    "postcode",
                    m.start(),
                    m.end(),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        ContactDetector::new().detect(&Document::new(text), &mut out);
        out.sort_by_key(|f| f.start);
        out.iter()
            .map(|f| (f.kind, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn finds_email() {
        assert_eq!(
            kinds("Skriv till anna.berg@kommun.se idag."),
            vec![("email", "anna.berg@kommun.se")]
        );
    }

    #[test]
    fn ignores_at_in_prose() {
        assert!(kinds("Vi ses @ kontoret").is_empty());
        assert!(kinds("message-id=<20240416075811.4411@region.se>").is_empty());
    }

    #[test]
    fn phone_forms() {
        for p in [
            "070-123 45 67",
            "070 123 45 67",
            "0701234567",
            "070-1234567",
            "08-123 456 78",
            "08-706 81 22",
            "0241-102 38",
            "0768 214 905",
            "+46 70 123 45 67",
            "+46 (0)70-123 45 67",
            "0046 70 123 45 67",
            "+47 912 34 567",
            "+358 40 123 4567",
            "(08) 123 45 67",
            "+46701234567",
        ] {
            let t = format!("Ring mig på {p}, tack.");
            assert_eq!(kinds(&t), vec![("phone", p)], "{p}");
        }
    }

    #[test]
    fn phone_look_alikes() {
        for t in [
            "Beslut 2024-02-14 i KS 2024/123.",
            "Datum 01-02-2024 gäller.",
            "IBAN SE27 3000 0000 0780 2194 6780",
            "Personnummer 020503 2386 är fel.",
            "Belopp 1 240,00 kr, org.nr 556781-2234.",
            "Klockan 08.30 i rum 0412.",
            "OCR 012345678901234",
            "Betala till BG 0123-4567 senast fredag.",
        ] {
            assert!(
                kinds(t).iter().all(|k| k.0 != "phone"),
                "{t}: {:?}",
                kinds(t)
            );
        }
    }

    #[test]
    fn addresses() {
        assert_eq!(
            kinds("Bor på Björkvägen 7 B, 722 41 Västerås sedan maj."),
            vec![("address", "Björkvägen 7 B, 722 41 Västerås")]
        );
        assert_eq!(kinds("hos karin på tallvägen 4, idag")[0].1, "tallvägen 4");
        assert_eq!(
            kinds("Ämne: Lövängsgatan 12, lgh 1003")[0].1,
            "Lövängsgatan 12, lgh 1003"
        );
        assert_eq!(
            kinds("Solängsvägen 14, 1 tr, 582 48 Linköping")[0].1,
            "Solängsvägen 14, 1 tr, 582 48 Linköping"
        );
        assert_eq!(
            kinds("Post: 722 41 Västerås")[0],
            ("postcode", "722 41 Västerås")
        );
        assert!(kinds("Enligt detaljplan 12 och på vägen 3 gånger").is_empty());
    }
}
