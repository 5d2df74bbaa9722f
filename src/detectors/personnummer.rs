//! Personnummer, samordningsnummer and interim numbers in every written form.
//!
//! One regex proposes digit runs shaped `YYMMDD` or `YYYYMMDD`, an optional separator (`-`, `+`,
//! space, no-break space) and four serial digits (or a letter and three digits for interim
//! numbers). Each candidate must then be a real date (leap years; day + 60 for samordningsnummer,
//! whose day or month may be 00 and whose day only needs to be ≤ 31), have a serial other than
//! 000, and pass Luhn. The century of a 10-digit form comes from today's
//! date and the sign (`+` means 100 years or older). A 12-digit form starting with `16` is an
//! organisation number; it is reported only when the rest is a personnummer (a sole trader).
//! Organisation numbers proper have month ≥ 20 and fail the date check by construction.
//! Candidates glued to longer digit runs (phone, IBAN, OCR numbers) are skipped.

use super::textutil::WindowRegex;
use super::textutil::{
    before_lower, digit_windows_where, find_in, glued_left, glued_right, run_digits,
};
use super::{Detector, Document};
use crate::category::Category;
use crate::finding::Finding;
use crate::validators::date::{self, days_in_month, Date};
use crate::validators::luhn;

pub const KIND_PERSONNUMMER: &str = "personnummer";
pub const KIND_SAMORDNINGSNUMMER: &str = "samordningsnummer";
pub const KIND_INTERIM: &str = "interim";

const INTERIM_LETTERS: &[u8] = b"TRSUWXJKLMN";
/// Labels that say the number is something else (order, invoice, case, OCR reference).
const OTHER_NUMBER_LABELS: &[&str] = &[
    "ocr",
    "ordernr",
    "ordernummer",
    "fakturanr",
    "fakturanummer",
    "diarienr",
    "diarienummer",
    "dnr",
    "ärendenr",
    "ärendenummer",
    "referensnr",
    "referensnummer",
    "artikelnr",
];

const PHONE_LABELS: &[&str] = &["tel", "tfn", "mobil", "ring", "sms", "phone"];

pub struct PersonnummerDetector {
    candidate: WindowRegex,
    today: Option<Date>,
}

/// A parsed, validated number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub kind: &'static str,
    pub birth: Date,
}

impl PersonnummerDetector {
    pub fn new() -> PersonnummerDetector {
        PersonnummerDetector {
            candidate: WindowRegex::new(
                r"[0-9]{6}(?:[0-9]{2})?[-+ \x{a0}]?(?:[0-9]{4}|[TRSUWXJKLMN][0-9]{3})",
            )
            .expect("static regex"),
            today: None,
        }
    }

    /// A detector whose "today" is fixed (tests; callers that know the date).
    pub fn with_today(today: Date) -> PersonnummerDetector {
        PersonnummerDetector {
            today: Some(today),
            ..PersonnummerDetector::new()
        }
    }
}

impl Default for PersonnummerDetector {
    fn default() -> Self {
        Self::new()
    }
}

/// Validates one written number (`19121212-1212`, `121212+1212`, `1212121212`, `000101-T220` ...)
/// as of `today`. Returns the kind and the resolved date of birth (day 0 / month 0 for
/// samordningsnummer with unknown day or month).
pub fn parse(s: &str, today: Date) -> Option<Parsed> {
    let b = s.as_bytes();
    let mut digits = [0u8; 12];
    let mut n = 0;
    let mut sep = None;
    let mut letter = None;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' if n < 12 => {
                digits[n] = c - b'0';
                n += 1;
            }
            b'-' | b'+' | b' ' if sep.is_none() && (n == 6 || n == 8) => sep = Some(c),
            0xc2 if sep.is_none() && (n == 6 || n == 8) && b.get(i + 1) == Some(&0xa0) => {
                sep = Some(b' ')
            }
            0xa0 if sep == Some(b' ') => {}
            _ if INTERIM_LETTERS.contains(&c) && letter.is_none() && (n == 6 || n == 8) => {
                letter = Some(c);
                digits[n] = 1; // Skatteverket's rule: the letter counts as 1 in the check.
                n += 1;
            }
            _ => return None,
        }
    }
    let (century, ten) = match n {
        10 => (None, &digits[..10]),
        12 => {
            let c = u32::from(digits[0]) * 10 + u32::from(digits[1]);
            match c {
                18..=20 => (Some(c), &digits[2..12]),
                16 => (None, &digits[2..12]),
                _ => return None,
            }
        }
        _ => return None,
    };
    let num = |i: usize| u32::from(ten[i]) * 10 + u32::from(ten[i + 1]);
    let (yy, mm, dd) = (num(0), num(2), num(4));
    let year = match century {
        Some(c) => c * 100 + yy,
        None => {
            let base = if sep == Some(b'+') {
                today.year.saturating_sub(100)
            } else {
                today.year
            };
            base - (base + 100 - yy) % 100
        }
    };
    let coord = dd > 60;
    let coord_unknown_day = dd == 60;
    let day = if dd >= 60 { dd - 60 } else { dd };
    let is_coord = coord || coord_unknown_day;
    // Samordningsnummer only need a day of 0–31 in any month (Skatteverket's own test numbers
    // include 31 April and 30 February + 60).
    let valid_date = if is_coord {
        mm <= 12 && day <= 31
    } else {
        (1..=12).contains(&mm) && day <= days_in_month(year, mm) && (day >= 1 || is_coord)
    };
    if !valid_date {
        return None;
    }
    let mut birth = Date::new(year, mm, day);
    if birth > today {
        if century.is_some() {
            return None;
        }
        // A 10-digit number is never from the future: born 100 years earlier.
        birth.year -= 100;
        if !(is_coord || day <= days_in_month(birth.year, mm)) {
            return None;
        }
    }
    let mut ascii = [0u8; 10];
    for (a, d) in ascii.iter_mut().zip(ten) {
        *a = b'0' + d;
    }
    // Serial 000 is never issued.
    if letter.is_none() && ten[6..9] == [0, 0, 0] {
        return None;
    }
    if !luhn::is_valid(std::str::from_utf8(&ascii).unwrap_or("")) {
        return None;
    }
    let kind = if letter.is_some() {
        KIND_INTERIM
    } else if is_coord {
        KIND_SAMORDNINGSNUMMER
    } else {
        KIND_PERSONNUMMER
    };
    Some(Parsed { kind, birth })
}

impl Detector for PersonnummerDetector {
    fn name(&self) -> &'static str {
        "personnummer"
    }

    fn categories(&self) -> &'static [Category] {
        &[Category::Personnummer]
    }

    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text;
        let mut today = None;
        // A candidate is digit runs at most three bytes apart (a no-break space, or a separator
        // and an interim letter) with 9 or more digits: only windows reaching 4 bytes past each
        // run with that many digits can hold one, and they hold it whole.
        let windows =
            digit_windows_where(text, doc.digit_runs(), 0, 4, |runs| run_digits(runs) >= 9);
        for m in find_in(&self.candidate, text, &windows) {
            let (start, end) = (m.start(), m.end());
            if glued_left(text, start, &['-', '.', ',', '/', '+'])
                || glued_right(text, end, &['-', '.', ',', '/'])
            {
                continue;
            }
            let today = *today.get_or_insert_with(|| self.today.unwrap_or_else(date::today));
            let Some(p) = parse(m.as_str(), today) else {
                continue;
            };
            let label = before_lower(text, start, 24);
            if super::textutil::contains_any(&label, OTHER_NUMBER_LABELS) {
                continue;
            }
            // `Tel: 0701234567`: a 10-digit number starting with 0 after a phone label, and no
            // personnummer label, is the phone number it says it is.
            if m.as_str().starts_with('0')
                && super::textutil::contains_any(&label, PHONE_LABELS)
                && !["pnr", "personn", "samordn", "född"]
                    .iter()
                    .any(|l| label.contains(l))
            {
                continue;
            }
            out.push(Finding::new(Category::Personnummer, p.kind, start, end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TODAY: Date = Date::new(2026, 6, 1);

    fn found(text: &str) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        PersonnummerDetector::with_today(TODAY).detect(&Document::new(text), &mut out);
        out.iter()
            .map(|f| (f.kind, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn written_forms() {
        for form in [
            "19121212-1212",
            "191212121212",
            "121212+1212",
            "19121212+1212",
            "8112189876",
            "811218-9876",
            "811218 9876",
            "19811218 9876",
            "19811218\u{a0}9876",
        ] {
            let text = format!("Personnummer {form}, tack.");
            assert_eq!(found(&text), vec![("personnummer", form)], "{form}");
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(found("nr 197302889931")[0].0, "samordningsnummer");
        assert_eq!(found("nr 000101-T220")[0].0, "interim");
        assert!(found("nr 000101-E221").is_empty());
    }

    #[test]
    fn century_from_sign_and_today() {
        assert_eq!(
            parse("000229-2399", TODAY).unwrap().birth,
            Date::new(2000, 2, 29)
        );
        // With `+` the same digits mean 1900, which had no 29 February.
        assert!(parse("000229+2399", TODAY).is_none());
        assert_eq!(parse("121212+1212", TODAY).unwrap().birth.year, 1912);
        assert_eq!(parse("121212-1212", TODAY).unwrap().birth.year, 2012);
    }

    #[test]
    fn rejects_look_alikes() {
        assert!(found("Fel kontrollsiffra 811218-9875.").is_empty());
        assert!(found("Datum 19470012-4206 finns inte.").is_empty());
        assert!(found("Org.nr 556016-0680 och AP-fond 802005-1952.").is_empty());
        assert!(found("Telefon 0046811218987612").is_empty());
        assert!(found("IBAN SE4550000000811218987600").is_empty());
        assert!(found("OCR-nummer 8112189876").is_empty());
        assert!(found("12-8112189876").is_empty());
        assert!(found("8112189876-1").is_empty());
        assert!(found("Född 20301218-9876 (framtiden)").is_empty());
        // 0701234569 is a valid personnummer shape (2007-01-23) and a mobile number.
        assert!(found("Tel: 0701234569").is_empty());
        assert_eq!(found("Pnr 0701234569")[0].1, "0701234569");
        assert_eq!(
            found("Mobil 070-123 45 67, pnr 0001011238")[0].1,
            "0001011238"
        );
    }

    #[test]
    fn sole_trader_org_number() {
        assert_eq!(found("Org.nr 165102179974")[0].1, "165102179974");
        assert!(found("Org.nr 165560160680").is_empty());
    }

    fn date10() -> impl Strategy<Value = (u32, u32, u32)> {
        (0u32..100, 1u32..13, 1u32..29)
    }

    proptest! {
        #[test]
        fn generated_numbers_round_trip((yy, mm, dd) in date10(), serial in 1u32..1000, coord in any::<bool>(), sep in prop::sample::select(vec!["", "-", " "])) {
            let dd = if coord { dd + 60 } else { dd };
            let nine = format!("{yy:02}{mm:02}{dd:02}{serial:03}");
            let ten = format!("{nine}{}", luhn::check_digit(&nine));
            let written = format!("{}{sep}{}", &ten[..6], &ten[6..]);
            let p = parse(&written, TODAY);
            prop_assert!(p.is_some(), "{}", written);
            let p = p.unwrap();
            prop_assert_eq!(p.kind, if coord { KIND_SAMORDNINGSNUMMER } else { KIND_PERSONNUMMER });
            // The 12-digit form of the resolved year is equivalent.
            let long = format!("{}{}", p.birth.year / 100, ten);
            prop_assert_eq!(parse(&long, TODAY).map(|q| q.kind), Some(p.kind));
        }

        #[test]
        fn one_changed_digit_breaks((yy, mm, dd) in date10(), serial in 0u32..1000, pos in 0usize..10, delta in 1u8..10) {
            let nine = format!("{yy:02}{mm:02}{dd:02}{serial:03}");
            let mut ten = format!("{nine}{}", luhn::check_digit(&nine)).into_bytes();
            ten[pos] = b'0' + (ten[pos] - b'0' + delta) % 10;
            let s = String::from_utf8(ten).unwrap();
            prop_assert!(parse(&s, TODAY).is_none(), "{}", s);
        }

        #[test]
        fn offsets_on_char_boundaries(s in "[0-9åäö😀 +\\-]{0,40}") {
            let mut out = Vec::new();
            PersonnummerDetector::with_today(TODAY).detect(&Document::new(&s), &mut out);
            for f in out {
                prop_assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
            }
        }
    }
}
