//! Health information about a person: diagnoses, symptoms, medicines, treatments, care,
//! disability, addiction, pregnancy and sick leave. A health word counts only where a person is
//! in view (see [`crate::lang::context`]).

use super::{Detector, Document};
use crate::category::Category;
use crate::dict::dicts;
use crate::finding::Finding;
use crate::lang::terms::{self, TermHit};
use crate::lang::Token;

/// The vocabulary lives in [`crate::lang::terms::vocabulary`], shared with the other language
/// detector so that one pass over the text serves both.
pub struct HealthDetector {
    _private: (),
}

impl HealthDetector {
    pub fn new() -> HealthDetector {
        dicts();
        terms::vocabulary();
        HealthDetector { _private: () }
    }
}

impl Default for HealthDetector {
    fn default() -> Self {
        Self::new()
    }
}

/// "Sertralin 50 mg", "Alvedon 500 mg x 2": widen a medicine over its dose.
fn dose_end(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches(' ');
    let digits = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(trimmed.len());
    if digits == 0 || digits > 6 {
        return end;
    }
    let after = trimmed[digits..].trim_start_matches(' ');
    for unit in ["mg", "mikrogram", "µg", "ml", "g", "ie", "E"] {
        if let Some(tail) = after.strip_prefix(unit) {
            if !tail.starts_with(|c: char| c.is_alphanumeric()) {
                return text.len() - tail.len();
            }
        }
    }
    end
}

impl Detector for HealthDetector {
    fn name(&self) -> &'static str {
        "health"
    }

    fn categories(&self) -> &'static [Category] {
        &[Category::Health]
    }

    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let a = doc.lang();
        if !a.persons.any() {
            return; // nobody in the text: skip the vocabulary pass
        }
        let mut hits: Vec<TermHit> = a
            .term_hits(doc.text)
            .iter()
            .filter(|h| !a.overlaps_name(h.start, h.end))
            .filter(|h| h.set == terms::SET_HEALTH)
            .copied()
            .collect();
        let meds = &dicts().medicines;
        for t in &a.tokens {
            if !t.has(Token::HAS_LETTER) || t.has(Token::ALL_UPPER) || t.end - t.start < 5 {
                continue;
            }
            if meds.contains(&a.lower[t.start..t.end]) {
                hits.push(TermHit {
                    start: t.start,
                    end: t.end,
                    kind: "medicine",
                    set: terms::SET_HEALTH,
                });
            }
        }
        for h in hits.iter_mut().filter(|h| h.kind == "medicine") {
            h.end = dose_end(doc.text, h.end);
        }
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        hits.dedup_by(|later, kept| later.start < kept.end);
        // "Diagnos: dyslexi": a form label is redundant when its value is a hit of its own.
        let text = doc.text;
        let label_with_value = |k: usize| {
            let h = &hits[k];
            text[h.end..]
                .trim_start_matches(['"', '\''])
                .starts_with(':')
                && hits
                    .get(k + 1)
                    .is_some_and(|n| n.start > h.end && !text[h.end..n.start].contains('\n'))
        };
        for (k, h) in hits.iter().enumerate() {
            if label_with_value(k) {
                continue;
            }
            if a.persons.about_person(h.start) && !a.persons.topic_of_request(&a.lower, h.start) {
                out.push(Finding::new(Category::Health, h.kind, h.start, h.end));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        HealthDetector::new().detect(&Document::new(text), &mut out);
        out.iter()
            .map(|f| (f.kind, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn about_a_person() {
        assert_eq!(
            found("Min brukare har demens."),
            vec![("diagnosis", "demens")]
        );
        assert_eq!(
            found("Hon medicinerar med Escitalopram 10 mg och är sjukskriven."),
            vec![
                ("medicine", "Escitalopram 10 mg"),
                ("sick_leave", "sjukskriven")
            ]
        );
        assert_eq!(
            found("Han har typ 2-diabetes."),
            vec![("diagnosis", "typ 2-diabetes")]
        );
        assert_eq!(
            found("Han har ett långvarigt alkoholberoende."),
            vec![("addiction", "alkoholberoende")]
        );
        assert_eq!(
            found("Hon är gravid i vecka 30."),
            vec![("pregnancy", "gravid i vecka 30")]
        );
    }

    #[test]
    fn english() {
        assert_eq!(
            found("He has asthma and takes antidepressants."),
            vec![("diagnosis", "asthma"), ("medicine", "antidepressants")]
        );
        assert!(found("Write a leaflet about asthma in schools.").is_empty());
    }

    #[test]
    fn general_topics_are_clean() {
        assert!(found("Skriv en text om demensvård i kommunen till vår webbsida.").is_empty());
        assert!(found("Vilka tecken på psykisk ohälsa ska lärare se hos tonåringar?").is_empty());
        assert!(
            found("Ge mig tips på hur man förebygger sjukskrivningar på grund av stress.")
                .is_empty()
        );
        assert!(found("Förklara skillnaden mellan personkrets 1, 2 och 3 i LSS.").is_empty());
    }

    #[test]
    fn adjective_forms() {
        for (text, word) in [
            ("min pappa är dement och bor ensam", "dement"),
            (
                "sonen är autistisk och har svårt med övergångar",
                "autistisk",
            ),
            ("hon är cancersjuk och orkar inte", "cancersjuk"),
            ("pappan är alkoholiserad", "alkoholiserad"),
            ("maken är epileptiker", "epileptiker"),
            ("eleven är diabetiker", "diabetiker"),
            ("hon är gravid i vecka 20", "gravid i vecka 20"),
            ("hennes bror är psykiskt sjuk", "psykiskt sjuk"),
            ("skriv till johan att han har fått tid hos bup", "bup"),
            ("Her daughter has been absent due to migraine.", "migraine"),
        ] {
            let f = found(text);
            assert!(f.iter().any(|(_, t)| *t == word), "{text}: {f:?}");
        }
    }

    #[test]
    fn form_label_with_value() {
        let f = found("Namn: Lisa Andersson\nDiagnos: dyslexi\n");
        assert_eq!(f, vec![("diagnosis", "dyslexi")]);
        let f = found("{\"namn\": \"Lina Ström\", \"diagnos\": \"astma\"}");
        assert_eq!(f, vec![("diagnosis", "astma")]);
    }

    #[test]
    fn adjective_topics_are_clean() {
        for text in [
            "skriv en text om demensvård",
            "Hur bemöter man en dement person? Ge tips.",
            "Write a leaflet about migraine for the school.",
            "Björnen sover i sitt ide.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
