//! Financial data: bank accounts (clearing + account), IBAN, payment cards, a person's bankgiro
//! and plusgiro.
//!
//! Strong shapes stand alone: an IBAN passing mod 97, a grouped card number passing Luhn, a
//! clearing number in a used range (1100–9999 except 2000–2299, which also keeps years out)
//! followed by grouped account digits. Weaker shapes need a label before them ("konto",
//! "clearing", "IBAN", "kortnummer"): a labelled IBAN or card is reported even when its check
//! digits are wrong, since a mistyped account is still someone's account. Bankgiro and plusgiro
//! usually belong to organisations, so they are reported only with evidence that the payee is a
//! person (sole trader, freelancer, personal account).

use super::textutil::{
    before_lower, contains_word, glued_left, glued_right, is_whole_word, line_bounds,
};
use super::{Detector, Document};

/// Digit runs, as `(start, end)` byte spans.
type Runs<'a> = &'a [(usize, usize)];
use super::textutil::WindowRegex;
use crate::category::Category;
use crate::finding::Finding;
use crate::validators::{iban, luhn};

const CARD_LABELS: &[&str] = &[
    "kort",
    "kortnummer",
    "kortnr",
    "kreditkort",
    "betalkort",
    "bankkort",
    "visa",
    "mastercard",
    "card",
    "amex",
];
const BANK_WORDS: &[&str] = &[
    "konto",
    "kontot",
    "kontonr",
    "kontonummer",
    "bankkonto",
    "swedbank",
    "nordea",
    "handelsbanken",
    "seb",
    "danske",
    "bank",
    "banken",
    "sparbank",
    "sparbanken",
    "länsförsäkringar",
    "skandia",
    "icabanken",
    "lönekonto",
    "personkonto",
];
/// Markers strong enough to count anywhere in the document (no bare "privat": "privata nät").
const DOC_PERSON_MARKERS: &[&str] = &[
    "enskild firma",
    "enskild näringsidkare",
    "egen firma",
    "frilans",
    "personkonto",
    "privatperson",
    "privatkonto",
];
const PERSON_MARKERS: &[&str] = &[
    "enskild firma",
    "enskild näringsidkare",
    "egen firma",
    "frilans",
    "privat",
    "personkonto",
    "privatperson",
    "privatkonto",
];
const COMPANY_MARKERS: &[&str] = &[
    "ab",
    "aktiebolag",
    "hb",
    "kb",
    "kommun",
    "kommunens",
    "region",
    "regionens",
    "förening",
    "föreningens",
    "stiftelse",
    "förvaltning",
    "förvaltningen",
    "myndighet",
];

/// Literal cues for the labelled shapes (labelled accounts, giro numbers).
/// Literals every match of labelled_account and of giro holds. `bg` and `pg` go with what the
/// pattern lets follow them (`.`, `:`, a blank, `nr`); right before a digit they are found
/// apart (see `label_windows`). Two-byte literals would flood the literal search with
/// candidates, and over 32 literals it takes a slower form.
const LABEL_GATES: [&[&str]; 2] = [
    &["konto", "clearing"],
    &[
        "bankgiro", "plusgiro", "postgiro", "bg.", "bg:", "bg ", "bg\u{a0}", "bgn", "pg.", "pg:",
        "pg ", "pg\u{a0}", "pgn",
    ],
];

pub struct FinancialDetector {
    /// Each labelled pattern runs only around its own literals (see `label_windows`).
    label_gates: super::textutil::GateSet,
    person_markers: aho_corasick::AhoCorasick,
    iban: WindowRegex,
    card: WindowRegex,
    account: WindowRegex,
    labelled_account: WindowRegex,
    giro: WindowRegex,
}

impl FinancialDetector {
    pub fn new() -> FinancialDetector {
        let sp = r"[ \x{a0}]";
        FinancialDetector {
            label_gates: super::textutil::GateSet::new(&LABEL_GATES),
            // Searched in the ASCII-lowercased text: the same matches as ASCII case folding, and
            // few case-sensitive literals keep aho-corasick on its SIMD prefilter.
            // (leftmost-first: only that match kind has the packed searcher).
            person_markers: aho_corasick::AhoCorasickBuilder::new()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(DOC_PERSON_MARKERS)
                .expect("static automaton"),
            iban: WindowRegex::new(&format!(
                r"[A-Z]{{2}}[0-9]{{2}}(?:{sp}?[0-9A-Z]{{4}}){{2,7}}(?:{sp}?[0-9A-Z]{{1,3}})?"
            ))
            .expect("static regex"),
            card: WindowRegex::new(&format!(
                r"[0-9]{{4}}(?:[{sp}\-]?[0-9]{{4}}){{3}}(?:[{sp}\-]?[0-9]{{1,3}})?|[0-9]{{4}}[ \-][0-9]{{6}}[ \-][0-9]{{4,5}}|[0-9]{{13,19}}",
                sp = r" \x{a0}"
            ))
            .expect("static regex"),
            // Clearing (4 digits, Swedbank's 5th after a hyphen) + grouped account digits.
            account: WindowRegex::new(&format!(
                r"(?P<clearing>[1-9][0-9]{{3}})(?:-[0-9]{{7,10}}|-[0-9]{{2,3}}(?:{sp}[0-9]{{2,3}}){{1,4}}|-[0-9](?:,?{sp}[0-9]{{1,3}}(?:{sp}[0-9]{{2,3}}){{1,4}}(?:-[0-9])?)?|,?{sp}[0-9]{{6}}{sp}?[0-9]{{4}})"
            ))
            .expect("static regex"),
            labelled_account: WindowRegex::new(&format!(
                r"(?i)(?:clearing(?:nummer|nr)?\.?:?{sp}?[1-9][0-9]{{3}}(?:-[0-9])?(?:,?{sp}(?:och{sp})?)?)?(?:bank)?konto(?:nummer|nr)?\.?:?{sp}(?:[A-ZÅÄÖ][a-zåäö]+{sp})?[0-9][0-9 \x{{a0}}\-]{{5,18}}[0-9]|clearing(?:nummer|nr)?\.?:?{sp}?[1-9][0-9]{{3}}(?:-[0-9])?"
            ))
            .expect("static regex"),
            giro: WindowRegex::new(&format!(
                r"(?i)(?:bankgiro(?:nummer|nr)?|plusgiro(?:nummer|nr)?|postgiro|bg|pg)\.?:?{sp}?(?:nr\.?{sp}?)?(?:[0-9]{{3,4}}-[0-9]{{4}}|[0-9]{{1,7}}-[0-9])"
            ))
            .expect("static regex"),
        }
    }
}

impl Default for FinancialDetector {
    fn default() -> Self {
        Self::new()
    }
}

fn valid_clearing(c: &str) -> bool {
    let n: u32 = c.parse().unwrap_or(0);
    (1100..=9999).contains(&n) && !(2000..2300).contains(&n)
}

impl Detector for FinancialDetector {
    fn name(&self) -> &'static str {
        "financial"
    }

    fn categories(&self) -> &'static [Category] {
        &[Category::Financial]
    }

    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text;
        if !doc.has_digits() {
            return;
        }
        let push = |out: &mut Vec<Finding>, kind, s, e| {
            out.push(Finding::new(Category::Financial, kind, s, e));
        };
        // Number shapes only near digits, and only in windows whose digits could make the
        // shape (see `digit_windows`): an IBAN's digits follow two capitals, a card has 13 or
        // more digits, an account a clearing run of 4 and 5 or more digits in all.
        let b = text.as_bytes();
        let (mut iban_windows, mut card_windows, mut account_windows) = (vec![], vec![], vec![]);
        super::textutil::digit_windows(text, doc.digit_runs(), 8, 8, |runs: Runs<'_>, w| {
            let digits = super::textutil::run_digits(runs);
            if runs.iter().any(|&(s, e)| {
                e - s >= 2 && s >= 2 && b[s - 2..s].iter().all(u8::is_ascii_uppercase)
            }) {
                iban_windows.push(w);
            }
            if digits >= 13 {
                card_windows.push(w);
            }
            if digits >= 5 && runs.iter().any(|&(s, e)| e - s >= 4) {
                account_windows.push(w);
            }
        });
        for m in super::textutil::find_in(&self.iban, text, &iban_windows) {
            let (s, e) = (m.start(), m.end());
            if !is_whole_word(text, s, e) {
                continue;
            }
            let labelled = || before_lower(text, s, 16).contains("iban");
            let plausible = m
                .as_str()
                .bytes()
                .filter(|b| !b.is_ascii_whitespace() && *b != 0xa0)
                .count()
                >= 15;
            if iban::is_valid(m.as_str()) || (plausible && labelled()) {
                push(out, "iban", s, e);
            }
        }
        for m in super::textutil::find_in(&self.card, text, &card_windows) {
            let (s, e) = (m.start(), m.end());
            if glued_left(text, s, &['-', '.', ',', ' ']) || glued_right(text, e, &['-', '.', ','])
            {
                continue;
            }
            let d = super::textutil::digit_count(m.as_str());
            let grouped = m.as_str().contains([' ', '-', '\u{a0}']);
            let labelled = || contains_word(&before_lower(text, s, 30), CARD_LABELS);
            let prefix_ok = matches!(m.as_str().as_bytes()[0], b'2'..=b'6');
            if (13..=19).contains(&d)
                && ((grouped && prefix_ok && luhn::is_valid(m.as_str())) || labelled())
            {
                push(out, "card", s, e);
            }
        }
        for m in super::textutil::find_in(&self.account, text, &account_windows) {
            let (s, e) = (m.start(), m.end());
            let clearing = &m.as_str()[..4];
            if !valid_clearing(clearing)
                || glued_left(text, s, &['-', '.', ',', ' ', '/'])
                || glued_right(text, e, &['-', '.', ',', '/'])
            {
                continue;
            }
            let total = super::textutil::digit_count(m.as_str());
            let bare_swedbank = total == 5;
            if bare_swedbank && !before_lower(text, s, 20).contains("clearing") {
                continue;
            }
            if !bare_swedbank && total < 9 {
                continue;
            }
            // `6000-123456789`: contiguous digits after the hyphen look like many other
            // numbers, so a bank or account word must come first.
            let contiguous = m.as_str()[5..].bytes().all(|b| b.is_ascii_digit());
            if contiguous && !contains_word(&before_lower(text, s, 40), BANK_WORDS) {
                continue;
            }
            push(out, "bank_account", s, e);
        }
        let windows = self.label_windows(text, doc.ascii_lower());
        self.labelled(doc, windows, out);
    }
}

impl FinancialDetector {
    /// Accounts after an account or clearing label, and giro numbers, searched in `windows`.
    fn labelled(
        &self,
        doc: &Document<'_>,
        windows: [Vec<(usize, usize)>; 2],
        out: &mut Vec<Finding>,
    ) {
        let text = doc.text;
        let push = |out: &mut Vec<Finding>, kind, s, e| {
            out.push(Finding::new(Category::Financial, kind, s, e));
        };
        let [labelled_in, giro_in] = windows;
        for m in super::textutil::find_in(&self.labelled_account, text, &labelled_in) {
            let (s, e) = (m.start(), m.end());
            if !is_whole_word(text, s, e) || glued_right(text, e, &['-', '.', ',']) {
                continue;
            }
            let account_digits = super::textutil::digit_count(m.as_str());
            if account_digits < 7 && !m.as_str().to_lowercase().starts_with("clearing") {
                continue;
            }
            push(out, "bank_account", s, e);
        }
        // Whether the document as a whole speaks of a person payee and names no company.
        let mut doc_person: Option<bool> = None;
        for m in super::textutil::find_in(&self.giro, text, &giro_in) {
            let (s, e) = (m.start(), m.end());
            if !is_whole_word(text, s, e) {
                continue;
            }
            if belongs_to_person(doc, s, &mut doc_person, &self.person_markers) {
                let kind = if m.as_str().to_lowercase().starts_with(['p']) {
                    "plusgiro"
                } else {
                    "bankgiro"
                };
                push(out, kind, s, e);
            }
        }
    }
}

/// End of what labelled_account can match after `konto` ending at `e`: a label tail
/// (`nummer`, `nr`, `.`, `:`), a blank, maybe a bank name and a blank, then up to twenty
/// digits, blanks and hyphens. `None` when no digit can follow.
fn konto_reach(folded: &[u8], e: usize) -> Option<usize> {
    let b = folded;
    let blank = |i: usize| b.get(i) == Some(&b' ') || b.get(i..i + 2) == Some(&[0xc2, 0xa0][..]);
    let blank_len = |i: usize| if b.get(i) == Some(&b' ') { 1 } else { 2 };
    let mut i = e;
    while i < b.len() && i - e < 6 && b[i].is_ascii_lowercase() {
        i += 1;
    }
    for c in [b'.', b':'] {
        if b.get(i) == Some(&c) {
            i += 1;
        }
    }
    if !blank(i) {
        return None;
    }
    i += blank_len(i);
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        // A bank name: letters (a long one gets the widest reach), then a blank and a digit.
        let from = i;
        while i < b.len() && !blank(i) && (b[i].is_ascii_lowercase() || b[i] >= 0x80) {
            if i - from > 64 {
                return Some(e + 160);
            }
            i += 1;
        }
        if i == from || !blank(i) {
            return None;
        }
        i += blank_len(i);
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
    }
    Some(i + 42)
}

impl FinancialDetector {
    /// Windows for labelled_account and giro around their literals, as far as a match can
    /// reach: a clearing number and "bank" before `konto`, then a label tail, a bank name and
    /// the digits; a giro label's digits start within a few bytes (`nr.:` and blanks).
    fn label_windows(&self, text: &str, folded: &[u8]) -> [Vec<(usize, usize)>; 2] {
        use super::textutil::Windows;
        let mut w = [Windows::new(text), Windows::new(text)];
        self.label_gates.for_each(folded, |g, s, e, exact| {
            let digit_soon = || {
                folded[e..(e + 16).min(folded.len())]
                    .iter()
                    .any(u8::is_ascii_digit)
            };
            match g {
                0 if !exact => w[0].add(s.saturating_sub(48), e + 160),
                0 if folded[s] == b'c' => w[0].add(s, e + 40),
                0 => {
                    if let Some(hi) = konto_reach(folded, e) {
                        // A clearing number can only lead if its word is close before.
                        let from = s.saturating_sub(48);
                        let lead = memchr::memmem::find(&folded[from..s], b"clearing").is_some();
                        w[0].add(if lead { from } else { s.saturating_sub(4) }, hi);
                    }
                }
                _ if !exact || digit_soon() => w[1].add(s, e + 40),
                _ => {}
            }
        });
        for label in [b"bg", b"pg"] {
            for s in memchr::memmem::find_iter(folded, label) {
                if folded.get(s + 2).is_some_and(u8::is_ascii_digit) {
                    w[1].add(s, s + 42);
                }
            }
        }
        w.map(Windows::into_vec)
    }
}

/// Evidence that a giro number at `at` is a person's. The context is the table row, or in prose
/// the sentence before the number. An organisation named right before it ("kommunens bankgiro")
/// rules it out; a person marker in the context rules it in; otherwise, outside tables, a person
/// marker anywhere in a document that names no company is enough (a freelancer's invoice).
fn belongs_to_person(
    doc: &Document<'_>,
    at: usize,
    doc_person: &mut Option<bool>,
    person_markers: &aho_corasick::AhoCorasick,
) -> bool {
    let text = doc.text;
    let (ls, le) = line_bounds(text, at);
    let line = &text[ls..le];
    // Byte searches: the lines can be long, and ASCII delimiters need no char decoding.
    let table_row = memchr::memchr3(b';', b'\t', b'|', line.as_bytes()).is_some();
    let context = if table_row {
        line.to_lowercase()
    } else {
        let from = text.as_bytes()[ls..at]
            .iter()
            .rposition(|b| matches!(b, b'.' | b'!' | b'?'))
            .map_or(ls, |p| ls + p + 1);
        text[from..at].to_lowercase()
    };
    if contains_word(&before_lower(text, at, 25), COMPANY_MARKERS) {
        return false;
    }
    if PERSON_MARKERS.iter().any(|p| context.contains(p)) {
        return true;
    }
    if table_row || contains_word(&context, COMPANY_MARKERS) {
        return false;
    }
    *doc_person.get_or_insert_with(|| {
        let folded = doc.ascii_lower();
        person_markers.is_match(folded)
            && !memchr::memmem::find_iter(text.as_bytes(), "AB")
                .any(|p| is_whole_word(text, p, p + 2))
            && memchr::memmem::find(folded, b"aktiebolag").is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        FinancialDetector::new().detect(&Document::new(text), &mut out);
        out.sort_by_key(|f| f.start);
        out.iter()
            .map(|f| (f.kind, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn accounts() {
        for (t, want) in [
            ("konto 6123-861 204 557.", "6123-861 204 557"),
            (
                "till Swedbank 8480-6 984 215 003-9\n",
                "8480-6 984 215 003-9",
            ),
            (";6 830;8214-9 403 775 912-4\n", "8214-9 403 775 912-4"),
            (";5000-224 558 11\n", "5000-224 558 11"),
            (
                "konto Nordea 3300 780219 4678 (personkonto)",
                "konto Nordea 3300 780219 4678",
            ),
            ("Handelsbanken 6000-123456789.", "6000-123456789"),
        ] {
            let f = found(t);
            assert!(
                f.iter().any(|(_, s)| s.contains(want) || want.contains(s)),
                "{t}: {f:?}"
            );
        }
        let f = found("Swedbank, clearing 8327-9, konto 904 118 337-2. Tack");
        assert!(!f.is_empty());
        assert!(!found("Utbetalning till: Clearingnr 3300, kontonr 760 412 88 91").is_empty());
    }

    #[test]
    fn iban_and_cards() {
        assert_eq!(found("IBAN SE45 5000 0000 0583 9825 7466.")[0].0, "iban");
        assert_eq!(found("Konto DE89370400440532013000")[0].0, "iban");
        assert!(found("Ref SE45 5000 0000 0583 9825 7467").is_empty());
        assert_eq!(found("IBAN: SE27 3000 0000 0780 2194 6780")[0].0, "iban");
        assert_eq!(found("Betala med 4111 1111 1111 1111 i dag")[0].0, "card");
        assert_eq!(found("kortnummer 4581 1100 2334 7719")[0].0, "card");
        assert!(found("OCR 4111111111111111").is_empty());
    }

    #[test]
    fn look_alikes() {
        for t in [
            "Beslut 2024-03-04, ärende 2024-123 45.",
            "Bygglovsärende BN 2024/0412, faktura 2024-0417",
            "Totalt 1 412 beslut och 212 avslag 2023.",
            "Bankgiro: 5050-1055 (Nordiska Kontorsmaterial AB)",
            "Påminnelse till en privatperson. Betalning till kommunens bankgiro 5432-1098.",
            "20114;Ramirent AB;887102;12 450,00;BG 5791-3320",
            "Telefon 070-123 45 67",
            "Avgift per termin, betala till bankgiro 5050-1055.\nIP-adresserna är privata.",
            "Ärende 1995-1234567 avslutat",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn giro_of_a_person() {
        assert_eq!(
            found("31887;Mattias (enskild firma);BG 891-2207")[0].0,
            "bankgiro"
        );
        assert_eq!(
            found("Faktura från frilanstolk\nBankgiro 5781-2290\n")[0].0,
            "bankgiro"
        );
    }

    fn labelled_findings(text: &str, whole: bool) -> Vec<String> {
        let d = FinancialDetector::new();
        let doc = Document::new(text);
        let windows = if whole {
            crate::detectors::testing::whole(text)
        } else {
            d.label_windows(text, doc.ascii_lower())
        };
        let mut out = Vec::new();
        d.labelled(&doc, windows, &mut out);
        crate::detectors::testing::keys(out)
    }

    proptest::proptest! {
        /// The label windows lose nothing: the same findings as searching the whole text.
        #[test]
        fn label_windows_find_what_the_whole_text_finds(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "konto 8327-9 123 456 78", "bankkonto: Swedbank 1234 5678 90",
                "Clearingnummer: 8327-9, och kontonummer 123 456 789", "BG 5050-1055",
                "bankgironr. 123-4567", "KONTONR.\u{a0}12345678901",
                "konto", "Konto", "KONTO", "bankkonto", "kontonummer", "kontonr.", ":", " ",
                "\u{a0}", "Swedbank ", "Handelsbanken", "clearing", "Clearingnummer: ",
                "clearingnr ", "8327", "-9", ", och ", "1234567", " 123 456 78", "-", "9",
                "bankgiro", "Bankgironr. ", "BG", "pg", "plusgiro ", "postgiro: ", "nr. ",
                "5050-1055", "123456-7", "min ", "brukaren ", "AB", ". ", "\n", "x",
                "å".repeat(40).leak(), "ſ", "\u{212a}",
            ]),
            0..30,
        )) {
            let text = parts.concat();
            proptest::prop_assert_eq!(labelled_findings(&text, false), labelled_findings(&text, true));
        }
    }
}
