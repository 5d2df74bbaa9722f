//! Secrecy and classification markings, and the organisation's internal host names.
//!
//! A marking is a statement about the document, not a topic: "Sekretess enligt 26 kap. 1 § OSL"
//! in a header is one, "förklara reglerna om sekretess" is not. So:
//! - OSL references count when they assert secrecy ("Sekretess enligt 26 kap. 1 § OSL",
//!   "omfattas av sekretess enligt 25 kap. ..."), with a chapter number, and not inside a
//!   question or an explanation request ("Förklara vad ... innebär").
//! - Marking words ("Konfidentiellt", "Internt", "Arbetsmaterial", "Utkast", "Preliminär
//!   bedömning" ...) count only where markings stand: alone on a line, at the start of a line
//!   followed by `:` or a dash, or at the end of a heading after a dash. "Skriv ett utkast" is
//!   not a marking; "Utkast – ej för publicering" is.
//! - Unambiguous phrases ("får ej spridas", "ej för publicering", "Do not distribute", "Begränsat
//!   hemlig") count anywhere.
//! - KLASSA / confidentiality levels 2–4 ("Konfidentialitet: 3", "KLASSA K3").
//! - Host names IT lists in the policy (`internalHosts`), with subdomains and URLs on them.

use super::textutil::WindowRegex;
use super::textutil::{
    ceil_boundary, contains_word, floor_boundary, is_whole_word, is_word_char, line_bounds,
    next_char, prev_char,
};
use super::{Detector, Document};
use crate::category::Category;
use crate::finding::Finding;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

const STRONG: &[&str] = &[
    "får ej spridas",
    "ej för publicering",
    "får ej lämnas ut",
    "ej för spridning",
    "endast för internt bruk",
    "ej allmän handling",
    "protokoll från internt möte",
    "begränsat hemlig",
    "kvalificerat hemlig",
    "do not distribute",
    "internal use only",
    "internal only",
    "strictly confidential",
    "not for publication",
    "ej offentlig",
    "inte för spridning",
];

const QUESTION_WORDS: &[&str] = &[
    "förklara",
    "vad",
    "hur",
    "varför",
    "beskriv",
    "innebär",
    "betyder",
    "explain",
    "what",
];

pub struct ClassifiedDetector {
    osl: WindowRegex,
    marking: WindowRegex,
    level: WindowRegex,
    hosts: Option<AhoCorasick>,
    /// Literals every match of osl, marking and level holds: each pattern runs only in
    /// windows around its own literals.
    gates: super::textutil::GateSet,
}

/// How far a match of osl, marking and level reaches before and after its literal (bytes,
/// with room for the wide Kelvin and long-s forms of k and s). The OSL reference can start
/// with a long "sekretessbelagda uppgifter enligt"; markings are a few words and a tail.
const REACH: [(usize, usize); 3] = [(160, 120), (24, 60), (20, 40)];

impl ClassifiedDetector {
    pub fn new(internal_hosts: &[String]) -> ClassifiedDetector {
        let hosts: Vec<String> = internal_hosts
            .iter()
            .map(|h| h.trim().trim_start_matches("*.").to_lowercase())
            .filter(|h| h.len() >= 3)
            .collect();
        let hosts = if hosts.is_empty() {
            None
        } else {
            // Case-sensitive over the ASCII-lowercased text: the same matches as ASCII case
            // folding, and it keeps aho-corasick on its fast literal searchers.
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&hosts)
                .ok()
        };
        let dash = r"[ \x{a0}]?[–—\-][ \x{a0}]?";
        let tail = format!(r"(?:{dash}(?:får ej lämnas ut|får ej spridas|ej för publicering))?");
        ClassifiedDetector {
            gates: super::textutil::GateSet::new(&[
                &["kap"],
                &[
                    "hemlig",
                    "konfidentiell",
                    "sekretess",
                    "intern",
                    "arbetsmaterial",
                    "arbetsdokument",
                    "utkast",
                    "preliminär",
                    "ej för",
                    "får ej",
                    "ej allmän",
                    "confidential",
                    "do not",
                    "not for",
                    "ej offentlig",
                    "inte för",
                    "restricted",
                    "draft",
                ],
                &["klass", "konfidentialitet"],
            ]),
            osl: WindowRegex::new(&format!(
                r"(?i)(?:(?:omfattas av |är |)sekretess(?:belagd[a-zåäö]*)?|sekretessbelagd[a-zåäö]*(?: uppgifter)?|)[ \x{{a0}}]{{0,3}}(?:enligt|jfr|jämlikt)[ \x{{a0}}]{{1,3}}(?:[0-9]+[ \x{{a0}}]?kap\.?[ \x{{a0}}]?(?:[0-9]+[ \x{{a0}}]?[a-z]?[ \x{{a0}}]?§[ \x{{a0}}]?)?(?:(?:första|andra|tredje) stycket[ \x{{a0}}])?(?:OSL|offentlighets- och sekretesslagen(?: \(2009:400\))?)|(?:OSL|offentlighets- och sekretesslagen)(?: \(2009:400\))?,? [0-9]+ kap\.?(?: [0-9]+ ?§)?){tail}"
            ))
            .expect("static regex"),
            marking: WindowRegex::new(&format!(
                r"(?i)(?:begränsat hemlig[at]?|kvalificerat hemlig[at]?|hemlig[at]?(?: handling)?|konfidentiell[at]?|sekretessbelagd[at]?|omfattas av sekretess|sekretess|internt?(?: material| dokument)?|endast för internt bruk|arbetsmaterial|arbetsdokument|utkast|preliminär bedömning|preliminärt|protokoll från internt möte|ej för publicering|får ej spridas|får ej lämnas ut|ej för spridning|ej allmän handling|strictly confidential|confidential|internal use only|internal only|internal|do not distribute|not for publication|ej offentlig(?: handling)?|inte för spridning|restricted|draft){tail}"
            ))
            .expect("static regex"),
            level: WindowRegex::new(
                r"(?i)(?:konfidentialitet(?:snivå)?|klassa|informationsklass(?:ning)?|säkerhetsklass)[ \x{a0}]?[:=]?[ \x{a0}]?(?:nivå[ \x{a0}])?K?[2-4]",
            )
            .expect("static regex"),
            hosts,
        }
    }

    fn internal_hosts(&self, text: &str, folded: &[u8], out: &mut Vec<Finding>) {
        let Some(ac) = &self.hosts else { return };
        let host_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
        for m in ac.find_iter(folded) {
            let (mut s, mut e) = (m.start(), m.end());
            if next_char(text, e).is_some_and(|c| c.is_ascii_alphanumeric() || c == '-') {
                continue;
            }
            if let Some(c) = prev_char(text, s) {
                if c.is_ascii_alphanumeric() || c == '-' {
                    continue;
                }
                // Subdomains and a scheme belong to the finding.
                if c == '.' {
                    while prev_char(text, s).is_some_and(host_char) {
                        s -= 1;
                    }
                }
            }
            if text[..s].ends_with("://") {
                let scheme_start = text[..s - 3]
                    .rfind(|c: char| !c.is_ascii_alphanumeric())
                    .map_or(0, |p| p + 1);
                s = scheme_start;
            }
            while let Some(c) = next_char(text, e) {
                if c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')' | ']' | '`') {
                    break;
                }
                e += c.len_utf8();
            }
            let trimmed = text[s..e].trim_end_matches(['.', ',', ';', ':']);
            out.push(Finding::new(
                Category::Classified,
                "internal_host",
                s,
                s + trimmed.len(),
            ));
        }
    }
}

/// The sentence around `s..e`, lowercased: from the last `.`/`?`/`!`/newline before to the next one after.
fn sentence_lower(text: &str, s: usize, e: usize) -> String {
    // Bounded windows keep the work per match constant on huge inputs.
    let lo = floor_boundary(text, s.saturating_sub(300));
    let hi = ceil_boundary(text, e + 300);
    let from = text[lo..s]
        .rfind(['.', '?', '!', '\n'])
        .map_or(lo, |p| lo + p + 1);
    let to = text[e..hi].find(['?', '!', '\n']).map_or(hi, |p| e + p + 1);
    let mut s = text[from..s].to_lowercase();
    s.push(' ');
    s.push_str(&text[e..to].to_lowercase());
    s
}

/// True when `s..e` stands where markings stand (see the module docs).
fn marking_position(text: &str, s: usize, e: usize) -> bool {
    let (ls, le) = line_bounds(text, s);
    let before = text[ls..s].trim_end();
    let before = before.trim_start_matches(|c: char| c.is_whitespace() || "#*>[(_".contains(c));
    let before_ok =
        before.is_empty() || before.ends_with(['–', '—', '|', ':']) || before.ends_with(" -");
    let after = text[e..le.max(e)].trim_start_matches(['*', '_', ']', ')']);
    let after_t = after.trim_start();
    let after_ok = after_t.is_empty()
        || after_t.starts_with([':', '.', ',', '|', ';'])
        || ["– ", "— ", "- "].iter().any(|d| after_t.starts_with(d))
        || after_t == "–"
        || after_t == "-";
    before_ok && after_ok
}

impl Detector for ClassifiedDetector {
    fn name(&self) -> &'static str {
        "classified"
    }

    fn categories(&self) -> &'static [Category] {
        &[Category::Classified]
    }

    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text;
        let mut windows = [(); 3].map(|_| super::textutil::Windows::new(text));
        self.gates.for_each(doc.ascii_lower(), |g, s, e, _| {
            windows[g].add(s.saturating_sub(REACH[g].0), e + REACH[g].1);
        });
        self.detect_in(text, windows.map(super::textutil::Windows::into_vec), out);
        self.internal_hosts(text, doc.ascii_lower(), out);
    }
}

impl ClassifiedDetector {
    /// The patterns run in `windows` (osl, marking, level), then the checks.
    fn detect_in(&self, text: &str, windows: [Vec<(usize, usize)>; 3], out: &mut Vec<Finding>) {
        let first = out.len();
        let [osl_in, marking_in, level_in] = windows;
        for m in super::textutil::find_in(&self.osl, text, &osl_in) {
            let (s, e) = (m.start(), m.end());
            if !is_whole_word(text, s, e) || !m.as_str().to_lowercase().contains("kap") {
                continue;
            }
            // A reference standing where markings stand needs no further evidence.
            if !marking_position(text, s, e) {
                let asserts = m.as_str().to_lowercase().contains("sekretess");
                let sentence = sentence_lower(text, s, e);
                if contains_word(&sentence, QUESTION_WORDS)
                    || (!asserts && !sentence.contains("sekretess"))
                {
                    continue;
                }
            }
            out.push(Finding::new(Category::Classified, "osl_reference", s, e));
        }
        // OSL findings are sorted and disjoint, and so are markings (matches in order): one
        // forward pointer finds the only OSL finding a marking can overlap.
        let osl_end = out.len();
        let mut k = first;
        for m in super::textutil::find_in(&self.marking, text, &marking_in) {
            let (s, e) = (m.start(), m.end());
            if !is_whole_word(text, s, e) || prev_char(text, s).is_some_and(|c| c == '-') {
                continue;
            }
            while k < osl_end && out[k].end <= s {
                k += 1;
            }
            if k < osl_end && out[k].start < e {
                continue;
            }
            let lower = m.as_str().to_lowercase();
            let strong = STRONG.iter().any(|p| lower.contains(p));
            if strong || marking_position(text, s, e) {
                out.push(Finding::new(Category::Classified, "marking", s, e));
            }
        }
        for m in super::textutil::find_in(&self.level, text, &level_in) {
            if !prev_char(text, m.start()).is_some_and(is_word_char)
                && !next_char(text, m.end()).is_some_and(is_word_char)
            {
                out.push(Finding::new(
                    Category::Classified,
                    "classification_level",
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

    fn found_with(text: &str, hosts: &[&str]) -> Vec<(&'static str, String)> {
        let hosts: Vec<String> = hosts.iter().map(|h| h.to_string()).collect();
        let mut out = Vec::new();
        ClassifiedDetector::new(&hosts).detect(&Document::new(text), &mut out);
        out.sort_by_key(|f| f.start);
        out.iter()
            .map(|f| (f.kind, text[f.start..f.end].to_string()))
            .collect()
    }

    fn found(text: &str) -> Vec<String> {
        found_with(text, &[]).into_iter().map(|x| x.1).collect()
    }

    #[test]
    fn osl_markings() {
        assert_eq!(
            found("Journal\nSekretess enligt 26 kap. 1 § OSL\n\nDatum"),
            ["Sekretess enligt 26 kap. 1 § OSL"]
        );
        assert_eq!(
            found("Sekretess enligt 26 kap. 1 § OSL – får ej lämnas ut\n"),
            ["Sekretess enligt 26 kap. 1 § OSL – får ej lämnas ut"]
        );
        assert_eq!(
            found("Uppgifterna omfattas av sekretess enligt 21 kap. 7 § OSL.").len(),
            1
        );
        assert_eq!(
            found("enligt offentlighets- och sekretesslagen (2009:400) 25 kap.").len(),
            1
        );
    }

    #[test]
    fn topics_are_not_markings() {
        for t in [
            "Förklara vad 26 kap. 1 § OSL innebär.",
            "Förklara reglerna om sekretess i skolan.",
            "Skriv ett utkast till ett pressmeddelande om badhuset.",
            "Mitt utkast till svar (kan du förbättra det?)",
            "Ge förslag på en intern utbildning för nya chefer.",
            "uppgifter som omfattas av sekretess enligt offentlighets- och sekretesslagen,",
            "Skriv en kort text om vad Hemlig-stämpeln betyder.",
            "Sekretess och tystnadsplikt i skolan",
            "Elevantal ht 2024 preliminärt 3 412 elever.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn heading_markings() {
        for (t, want) in [
            (
                "Rehabiliteringsplan – Konfidentiellt\n\nText",
                "Konfidentiellt",
            ),
            (
                "Anteckningar från lönesamtal 2024 – Internt\nMedarbetare",
                "Internt",
            ),
            (
                "AVVIKELSERAPPORT\nInternt – får ej spridas\n",
                "Internt – får ej spridas",
            ),
            (
                "Utkast – ej för publicering\nAnmälan",
                "Utkast – ej för publicering",
            ),
            (
                "Preliminär bedömning: Barnen bedöms",
                "Preliminär bedömning",
            ),
            (
                "Utredning enligt 11 kap. 1 § SoL – Arbetsmaterial\n",
                "Arbetsmaterial",
            ),
            (
                "Minnesanteckningar – Protokoll från internt möte, ledningsgruppen",
                "Protokoll från internt möte",
            ),
            (
                "Export – Internt – får ej spridas. Kan du hitta dubbletter?",
                "Internt – får ej spridas",
            ),
            ("CONFIDENTIAL\nQuarterly notes", "CONFIDENTIAL"),
            ("Informationsklass: K3", "Informationsklass: K3"),
            (
                "Omfattas av sekretess\nTill rektor",
                "Omfattas av sekretess",
            ),
            ("HEMLIG\nPlan för", "HEMLIG"),
            (
                "Sekretessbelagd – får ej lämnas ut\n",
                "Sekretessbelagd – får ej lämnas ut",
            ),
        ] {
            assert_eq!(found(t), [want], "{t}");
        }
    }

    #[test]
    fn internal_hosts() {
        let f = found_with(
            "Se https://wiki.intranat.kommun.se/rutiner/x. och intranat.kommun.se samt notintranat.kommun.se",
            &["intranat.kommun.se"],
        );
        assert_eq!(
            f.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
            [
                "https://wiki.intranat.kommun.se/rutiner/x",
                "intranat.kommun.se"
            ]
        );
    }

    proptest::proptest! {
        /// The windows lose nothing: the same findings as running every pattern on the whole
        /// text.
        #[test]
        fn windows_find_what_the_whole_text_finds(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "Sekretess", "SEKRETESS", "sekretessbelagda uppgifter", "omfattas av ", " enligt ",
                "26 kap. 1 § OSL", "OSL", " 21 kap. 7 §", "offentlighets- och sekretesslagen",
                " (2009:400)", ", 26 kap.", "Internt", "INTERNT", "internt material", "Utkast",
                "UTKAST", "Arbetsmaterial", "Preliminär bedömning", "PRELIMINÄR", "Konfidentiellt",
                "Kvalificerat hemlig", "HEMLIG", "får ej spridas", "FÅR EJ LÄMNAS UT",
                "Ej för publicering", "Protokoll från internt möte", "endast för internt bruk",
                "Do not distribute", "Strictly confidential", "Draft", "KLASSA", "Konfidentialitet",
                "informationsklassning: ", "K3", "nivå 2", " – ", " - ", "—", "ſ", "\u{212a}",
                "\u{212b}", ":", "\n", "\n\n", ". ", "Förklara vad ", " innebär?", "Rubrik",
                "é".repeat(40).leak(), "a".repeat(90).leak(), " ", "x",
            ]),
            0..30,
        )) {
            let text = parts.concat();
            let (windowed, whole) = crate::detectors::testing::windowed_and_whole(
                &ClassifiedDetector::new(&[]), &text, ClassifiedDetector::detect_in);
            proptest::prop_assert_eq!(windowed, whole);
        }
    }
}
