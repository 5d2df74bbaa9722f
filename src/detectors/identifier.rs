//! Other personal identifiers: employee, journal, customer, student and similar numbers after a
//! label; values in table columns with such a header; passport and LMA numbers; vehicle
//! registrations; a sole trader's VAT number; IP addresses.
//!
//! Bare numbers carry no meaning, so nearly everything here needs a label. Vehicle registrations
//! (`ABC 123`, `ABC 12A`, letters without I, Q, V) also need a vehicle word nearby, because
//! acronym + number ("SKR 100") is common in public-sector prose. IP addresses need an
//! "IP"-label: server addresses in logs and configs are infrastructure, not personal data.

use super::textutil::WindowRegex;
use super::textutil::{
    before_lower, captures_in, contains_word, digit_windows, find_in, floor_boundary,
    is_whole_word, is_word_char, prev_char,
};
use super::{Detector, Document};
use crate::category::Category;
use crate::finding::Finding;
use regex::Regex;

/// Column-header and label stems (lowercase, punctuation removed) and the kind they give.
const LABELS: &[(&str, &str)] = &[
    ("anstnr", "employee_number"),
    ("anställningsnummer", "employee_number"),
    ("anställningsnr", "employee_number"),
    ("personalnummer", "employee_number"),
    ("personalnr", "employee_number"),
    ("employeeid", "employee_number"),
    ("journalnummer", "journal_number"),
    ("journalnr", "journal_number"),
    ("patientnummer", "journal_number"),
    ("patientnr", "journal_number"),
    ("kundnummer", "customer_number"),
    ("kundnr", "customer_number"),
    ("elevnummer", "student_number"),
    ("elevnr", "student_number"),
    ("elevid", "student_number"),
    ("medlemsnummer", "member_number"),
    ("medlemsnr", "member_number"),
    ("klientnummer", "client_number"),
    ("klientnr", "client_number"),
    ("brukarnummer", "client_number"),
    ("lånekortsnummer", "card_number"),
    ("bibliotekskortsnummer", "card_number"),
    ("dossiernummer", "lma"),
    ("dossiernr", "lma"),
    ("lmakortnummer", "lma"),
    ("lmanummer", "lma"),
    ("lmanr", "lma"),
    ("passnummer", "passport"),
    ("passnr", "passport"),
    ("körkortsnummer", "driving_licence"),
    ("idkortsnummer", "id_card"),
    ("patientid", "journal_number"),
    ("kundid", "customer_number"),
    ("idkortnr", "id_card"),
    ("idkortnummer", "id_card"),
];

const VEHICLE_WORDS: &[&str] = &[
    "regnummer",
    "registreringsskylt",
    "bil",
    "bilen",
    "bilar",
    "fordon",
    "fordonet",
    "regnr",
    "reg.nr",
    "reg nr",
    "registreringsnummer",
    "registreringsnumret",
    "parkerad",
    "parkerade",
    "parkering",
    "parkeringstillstånd",
    "körde",
    "kör",
    "taxi",
    "släp",
    "släpvagn",
    "mc",
    "moped",
    "lastbil",
    "husbil",
    "registrerad",
];

pub struct IdentifierDetector {
    labelled: Regex,
    passport: Regex,
    lma: Regex,
    vehicle: WindowRegex,
    vat: WindowRegex,
    ip: Regex,
    /// Literals every match of labelled, passport, lma and ip holds: each pattern runs only
    /// around its own literals (see `label_windows`).
    gates: super::textutil::GateSet,
}

/// `ip` and what the ip pattern lets follow it: a label tail, a blank, `:`, `=`, `är` or the
/// value's first (hex) digit. Three bytes, not two: a two-byte literal would flood the
/// literal search with candidates in ordinary words.
const IP_LABELS: &[&str] = &[
    "ip-", "ip ", "ip\u{a0}", "ip:", "ip=", "ipä", "ip0", "ip1", "ip2", "ip3", "ip4", "ip5", "ip6",
    "ip7", "ip8", "ip9", "ipa", "ipb", "ipc", "ipd", "ipe", "ipf",
];

/// Label stems: every labelled match starts with one.
const LABEL_STEMS: &[&str] = &[
    "anst",
    "personal",
    "journal",
    "patient",
    "kund",
    "elev",
    "medlem",
    "klient",
    "brukar",
    "lånekort",
    "bibliotekskort",
    "dossier",
    "körkort",
    "id-kort",
];

impl IdentifierDetector {
    pub fn new() -> IdentifierDetector {
        let sp = r"[ \x{a0}]";
        IdentifierDetector {
            gates: super::textutil::GateSet::new(&[
                LABEL_STEMS,
                &[
                    "passnummer",
                    "passnr",
                    "passet",
                    "pass ",
                    "pass\u{a0}",
                    "pass,",
                    "passport",
                ],
                &["lma"],
                IP_LABELS,
            ]),
            labelled: Regex::new(&format!(
                r"(?i)(?P<label>anst\.?{sp}?nr\.?|anst_nr|anställningsnummer|anställningsnr|personalnummer|personalnr|journalnummer|journalnr|patientnummer|patientnr|kundnummer|kundnr|elevnummer|elevnr|medlemsnummer|medlemsnr|klientnummer|klientnr|brukarnummer|lånekortsnummer|bibliotekskortsnummer|dossiernummer|dossiernr|körkortsnummer|id-kortsnummer|id-kort{sp}(?:nr\.?|nummer)|patient-?id|elev-?id|kund-?id)(?:{sp}?:|{sp}är|{sp}nr\.?|{sp}nummer)?{sp}?:?{sp}?(?P<value>[A-Z]{{0,3}}-?[0-9][0-9\-]{{2,12}}[0-9]|[0-9]{{3,12}})"
            ))
            .expect("static regex"),
            passport: Regex::new(&format!(
                r"(?i)(?:passnummer|passnr\.?|pass(?:et)?,?{sp}(?:nr\.?|nummer)|passport(?:{sp}(?:no\.?|number|nr))?)(?:{sp}?:)?{sp}?(?:är{sp})?(?P<value>[A-Z]{{0,2}}[0-9]{{6,9}})"
            ))
            .expect("static regex"),
            lma: Regex::new(&format!(
                r"(?i)lma(?:-kort(?:et)?|-nummer|-nr|{sp}kort)?(?:{sp}?(?:nummer|nr\.?))?(?:{sp}?:)?{sp}?(?:är{sp})?(?P<value>[0-9]{{2}}-?[0-9]{{6}}|[0-9]{{6,10}})"
            ))
            .expect("static regex"),
            vehicle: WindowRegex::new(r"[A-HJ-PR-UW-Z]{3}[ \x{a0}]?[0-9]{2}[0-9A-HJ-PR-UW-Z]")
                .expect("static regex"),
            vat: WindowRegex::new(r"SE[0-9]{10}01").expect("static regex"),
            ip: Regex::new(
                r"(?i)(?:ip(?:-adress(?:en)?|-address|[ \x{a0}]address|[ \x{a0}]adress)?)[ \x{a0}]?[:=]?[ \x{a0}]?(?:är[ \x{a0}])?(?P<value>(?:[0-9]{1,3}\.){3}[0-9]{1,3}|[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7})",
            )
            .expect("static regex"),
        }
    }

    fn push_value(
        text: &str,
        caps: &regex::Captures<'_>,
        kind: &'static str,
        out: &mut Vec<Finding>,
    ) {
        let (Some(label), Some(v)) = (caps.get(0), caps.name("value")) else {
            return;
        };
        if !prev_char(text, label.start()).is_some_and(is_word_char)
            && is_whole_word(text, v.start(), v.end())
        {
            out.push(Finding::new(Category::Identifier, kind, v.start(), v.end()));
        }
    }

    /// Values under an identifier column header in delimited tables (CSV, `;`, tab, `|`).
    fn table_columns(text: &str, out: &mut Vec<Finding>) {
        let mut offset = 0;
        let mut column: Option<(char, usize, usize, &'static str)> = None; // (delim, index, fields, kind)
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let body = line.trim_end_matches(['\n', '\r']);
            if body.trim().is_empty() {
                column = None;
                continue;
            }
            if let Some((delim, idx, fields, kind)) = column {
                let cells: Vec<&str> = body.split(delim).collect();
                if cells.len() + 1 < fields {
                    column = None;
                } else if let Some(cell) = cells.get(idx) {
                    let cell_start = start
                        + cells[..idx]
                            .iter()
                            .map(|c| c.len() + delim.len_utf8())
                            .sum::<usize>();
                    let trimmed = cell.trim();
                    if trimmed.bytes().filter(u8::is_ascii_digit).count() >= 3
                        && trimmed.len() <= 20
                    {
                        let s = cell_start + (cell.len() - cell.trim_start().len());
                        out.push(Finding::new(
                            Category::Identifier,
                            kind,
                            s,
                            s + trimmed.len(),
                        ));
                    }
                    continue;
                }
            }
            // Cheap gates before splitting: delimiters, then a header that names a number column.
            let delimiters = memchr::memchr3_iter(b';', b',', b'\t', body.as_bytes())
                .chain(memchr::memchr_iter(b'|', body.as_bytes()));
            if body.len() > 400 || delimiters.take(2).count() < 2 {
                continue;
            }
            let has = |n: &[u8]| {
                body.as_bytes()
                    .windows(n.len())
                    .any(|w| w.eq_ignore_ascii_case(n))
            };
            if !(has(b"nr") || has(b"nummer") || has(b"id")) {
                continue;
            }
            for delim in [';', ',', '\t', '|'] {
                let cells: Vec<&str> = body.split(delim).collect();
                if cells.len() < 3 {
                    continue;
                }
                let hit = cells.iter().enumerate().find_map(|(i, c)| {
                    let key: String = c
                        .trim()
                        .to_lowercase()
                        .chars()
                        .filter(|ch| ch.is_alphanumeric())
                        .collect();
                    LABELS.iter().find(|(l, _)| *l == key).map(|(_, k)| (i, *k))
                });
                if let Some((i, kind)) = hit {
                    column = Some((delim, i, cells.len(), kind));
                    break;
                }
            }
        }
    }
}

impl Default for IdentifierDetector {
    fn default() -> Self {
        Self::new()
    }
}

impl Detector for IdentifierDetector {
    fn name(&self) -> &'static str {
        "identifier"
    }

    fn categories(&self) -> &'static [Category] {
        &[Category::Identifier]
    }

    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text;
        if !doc.has_digits() {
            return;
        }
        let windows = self.label_windows(text, doc.ascii_lower());
        self.labelled_values(text, windows, out);
        Self::table_columns(text, out);
        // Only windows whose digits could start the shape (see `digit_windows`): a plate's
        // two digits follow a capital (and maybe a space), a VAT number's ten follow `SE`.
        let b = text.as_bytes();
        let (mut plates, mut vats) = (vec![], vec![]);
        digit_windows(text, doc.digit_runs(), 8, 4, |runs, w| {
            if runs.iter().any(|&(s, e)| {
                e - s >= 2 && s >= 3 && b[s - 3..s].iter().any(u8::is_ascii_uppercase)
            }) {
                plates.push(w);
            }
            if runs
                .iter()
                .any(|&(s, e)| e - s >= 12 && s >= 2 && &b[s - 2..s] == b"SE")
            {
                vats.push(w);
            }
        });
        for m in find_in(&self.vehicle, text, &plates) {
            let (s, e) = (m.start(), m.end());
            if !is_whole_word(text, s, e) {
                continue;
            }
            let from = floor_boundary(text, s.saturating_sub(80));
            let around = text[from..s].to_lowercase();
            if contains_word(&around, VEHICLE_WORDS) {
                out.push(Finding::new(
                    Category::Identifier,
                    "vehicle_registration",
                    s,
                    e,
                ));
            }
        }
        for m in find_in(&self.vat, text, &vats) {
            let (s, e) = (m.start(), m.end());
            // Organisation numbers have a third digit ≥ 2; below that the number is a person's.
            let b = m.as_str().as_bytes();
            let mm = (b[4] - b'0') * 10 + (b[5] - b'0');
            let dd = (b[6] - b'0') * 10 + (b[7] - b'0');
            if is_whole_word(text, s, e) && (1..=12).contains(&mm) && (1..=31).contains(&(dd % 60))
            {
                out.push(Finding::new(Category::Identifier, "vat_number", s, e));
            }
        }
    }
}

impl IdentifierDetector {
    /// Windows for labelled, passport, lma and ip around their literals, as far as a match
    /// can reach (label tail, separators, value). A label stem needs `nr`, `nummer` or `id`
    /// soon after it, and an IP label a digit or `:` in its value.
    fn label_windows(&self, text: &str, folded: &[u8]) -> [Vec<(usize, usize)>; 4] {
        use super::textutil::Windows;
        let near = |e: usize, n: usize, any: &dyn Fn(&[u8]) -> bool| {
            any(&folded[e..(e + n).min(folded.len())])
        };
        let number_word = |w: &[u8]| {
            w.windows(2).any(|p| p == b"nr" || p == b"id") || w.windows(4).any(|p| p == b"numm")
        };
        let ip_value = |w: &[u8]| w.iter().any(|&c| c.is_ascii_digit() || c == b':');
        let mut w = [(); 4].map(|_| Windows::new(text));
        self.gates.for_each(folded, |g, s, e, exact| match g {
            0 if !exact || near(e, 20, &number_word) => w[0].add(s, e + 80),
            1 => w[1].add(s, e + 48),
            2 => w[2].add(s, e + 50),
            3 if !exact || near(e, 70, &ip_value) => w[3].add(s, e + 70),
            _ => {}
        });
        w.map(Windows::into_vec)
    }

    /// Values after a label, searched in `windows` (labelled, passport, lma, ip).
    fn labelled_values(
        &self,
        text: &str,
        windows: [Vec<(usize, usize)>; 4],
        out: &mut Vec<Finding>,
    ) {
        let [labelled_in, passport_in, lma_in, ip_in] = windows;
        for caps in captures_in(&self.labelled, text, &labelled_in) {
            let label: String = caps["label"]
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            let kind = LABELS
                .iter()
                .find(|(l, _)| *l == label)
                .map_or("employee_number", |(_, k)| k);
            Self::push_value(text, &caps, kind, out);
        }
        for caps in captures_in(&self.passport, text, &passport_in) {
            Self::push_value(text, &caps, "passport", out);
        }
        for caps in captures_in(&self.lma, text, &lma_in) {
            Self::push_value(text, &caps, "lma", out);
        }
        for caps in captures_in(&self.ip, text, &ip_in) {
            let Some(v) = caps.name("value") else {
                continue;
            };
            let whole = caps.get(0).map_or(0, |m| m.start());
            let ok_octets = !v.as_str().contains('.')
                || v.as_str()
                    .split('.')
                    .all(|o| o.parse::<u16>().is_ok_and(|n| n <= 255));
            if !prev_char(text, whole).is_some_and(is_word_char)
                && ok_octets
                && !before_lower(text, whole, 10).contains("version")
            {
                out.push(Finding::new(
                    Category::Identifier,
                    "ip_address",
                    v.start(),
                    v.end(),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        IdentifierDetector::new().detect(&Document::new(text), &mut out);
        out.sort_by_key(|f| f.start);
        out.iter()
            .map(|f| (f.kind, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn labelled_numbers() {
        assert_eq!(
            found("Anette (anst.nr 40117) på torsdag"),
            vec![("employee_number", "40117")]
        );
        assert_eq!(
            found("Anställningsnummer: E-20931\n"),
            vec![("employee_number", "E-20931")]
        );
        assert_eq!(
            found("Hennes anställningsnummer är 104532."),
            vec![("employee_number", "104532")]
        );
        assert_eq!(found("journalnr 2023-4411 gäller")[0].0, "journal_number");
        assert_eq!(
            found("Patient-ID: 4471209")[0],
            ("journal_number", "4471209")
        );
        assert_eq!(
            found("kopia av sitt pass, nr 91845273, som")[0],
            ("passport", "91845273")
        );
        assert_eq!(
            found("och LMA-kort nummer 23-104587. Han")[0],
            ("lma", "23-104587")
        );
    }

    #[test]
    fn table_column() {
        let t = "Internt\nanst_nr,namn,enhet,dagar\n30412,Agneta,Öst,7\n30588,Besim,Öst,2\n\nSumma 12345";
        let f = found(t);
        assert_eq!(
            f,
            vec![("employee_number", "30412"), ("employee_number", "30588")]
        );
    }

    #[test]
    fn vehicles_vat_ip() {
        assert_eq!(
            found("Bilen med reg.nr ABC 123 stod kvar")[0],
            ("vehicle_registration", "ABC 123")
        );
        assert_eq!(found("parkeringstillstånd för MLB 45K")[0].1, "MLB 45K");
        assert!(found("Enligt SKR 100 och SFI 200 kurser").is_empty());
        assert_eq!(found("Momsreg.nr: SE780219467801\n")[0].0, "vat_number");
        assert!(found("Momsreg.nr: SE556016068001").is_empty());
        assert_eq!(found("Min IP-adress är 192.168.1.20.")[0].1, "192.168.1.20");
        assert!(found("connect from mail-gw[194.17.44.10]").is_empty());
        assert!(found("version 1.2.3.4").is_empty());
    }

    fn labelled_findings(text: &str, whole: bool) -> Vec<String> {
        let d = IdentifierDetector::new();
        let windows = if whole {
            crate::detectors::testing::whole(text)
        } else {
            d.label_windows(text, Document::new(text).ascii_lower())
        };
        let mut out = Vec::new();
        d.labelled_values(text, windows, &mut out);
        crate::detectors::testing::keys(out)
    }

    proptest::proptest! {
        /// The label windows lose nothing: the same findings as searching the whole text.
        #[test]
        fn label_windows_find_what_the_whole_text_finds(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "Anst.nr: 123456", "anställningsnummer 4711-22", "Elev-ID: AB-12345",
                "Journalnummer är 2024-0001", "KUNDNR\u{a0}99887766", "bibliotekskortsnummer: 1234567890",
                "id-kort nr. 1234 5678", "passnummer: AA1234567", "Passet, nr 12345678",
                "passport no. XY123456", "LMA-kortet nummer: 23-104587", "lma 1234567890",
                "IP-adressen är 192.168.1.20", "ip: fe80::1ff:fe23:4567:890a", "IP 10.0.0.1",
                "anst", "elev", "klient", "nr", "id", "nummer", ": ", " ", "\u{a0}", "är ", "-",
                "12345", "AB", "ip", "lma", "pass ", "\n", ". ", "x", "é".repeat(30).leak(),
                "ſ", "\u{212a}",
            ]),
            0..25,
        )) {
            let text = parts.concat();
            proptest::prop_assert_eq!(labelled_findings(&text, false), labelled_findings(&text, true));
        }
    }
}
