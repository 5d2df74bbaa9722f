//! Other special categories and social-services secrecy about a person: offences, LVU/LVM/SoL/LSS
//! interventions, orosanmälan, försörjningsstöd, protected identity, religion, politics, union
//! membership, sexuality and ethnicity. Like health words, only where a person is in view.

use super::{Detector, Document};
use crate::category::Category;
use crate::finding::Finding;
use crate::lang::terms::{self, TermHit};

/// The vocabulary lives in [`crate::lang::terms::vocabulary`], shared with the other language
/// detector so that one pass over the text serves both.
pub struct SensitiveDetector {
    _private: (),
}

impl SensitiveDetector {
    pub fn new() -> SensitiveDetector {
        terms::vocabulary();
        SensitiveDetector { _private: () }
    }
}

impl Default for SensitiveDetector {
    fn default() -> Self {
        Self::new()
    }
}

/// Words that point at a concrete, pasted case.
const DEIXIS: [&str; 8] = [
    "den här",
    "denna",
    "detta",
    "följande",
    "bifogade",
    "nedanstående",
    "vår",
    "en ny",
];

/// "den här orosanmälan", "bifogade ansökan om ekonomiskt bistånd": a concrete case is pasted.
fn concrete_case(lower: &str, start: usize) -> bool {
    let before = lower[..start].trim_end();
    DEIXIS.iter().any(|d| before.ends_with(d))
}

impl Detector for SensitiveDetector {
    fn name(&self) -> &'static str {
        "sensitive"
    }

    fn categories(&self) -> &'static [Category] {
        &[Category::Sensitive]
    }

    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let a = doc.lang();
        if !a.persons.any() && !DEIXIS.iter().any(|d| a.lower.contains(d)) {
            return; // nobody in the text and no pasted case: skip the vocabulary pass
        }
        let mut hits: Vec<TermHit> = a
            .term_hits(doc.text)
            .iter()
            .filter(|h| !a.overlaps_name(h.start, h.end))
            .filter(|h| h.set == terms::SET_SENSITIVE)
            .copied()
            .collect();
        hits.retain(|h| {
            (a.persons.about_person(h.start) || concrete_case(&a.lower, h.start))
                && !a.persons.topic_of_request(&a.lower, h.start)
        });
        // "misstänkt för snatteri och skadegörelse" is one span.
        let mut merged: Vec<TermHit> = Vec::with_capacity(hits.len());
        for h in hits {
            if let Some(last) = merged.last_mut() {
                let gap = doc.text.get(last.end..h.start).unwrap_or("x");
                if last.kind == h.kind && matches!(gap, " och " | ", " | " eller ") {
                    last.end = h.end;
                    continue;
                }
            }
            merged.push(h);
        }
        for h in merged {
            out.push(Finding::new(Category::Sensitive, h.kind, h.start, h.end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        SensitiveDetector::new().detect(&Document::new(text), &mut out);
        out.iter()
            .map(|f| (f.kind, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn about_a_person() {
        assert_eq!(
            found("Han är placerad enligt LVU."),
            vec![("social_services", "placerad enligt LVU")]
        );
        assert_eq!(
            found("Tomas är dömd för rattfylleri 2022."),
            vec![("offence", "dömd för rattfylleri 2022")]
        );
        assert_eq!(
            found("Hon har försörjningsstöd sedan maj."),
            vec![("social_services", "försörjningsstöd")]
        );
        assert_eq!(
            found("Mirela Hodžić har skyddad identitet."),
            vec![("protected_identity", "skyddad identitet")]
        );
        assert_eq!(
            found("Jag är muslim och bär slöja."),
            vec![("religion", "muslim och bär slöja")]
        );
        assert_eq!(
            found("Sammanfatta den här orosanmälan kort."),
            vec![("social_services", "orosanmälan")]
        );
    }

    #[test]
    fn names_are_not_terms() {
        assert!(found("Kristen Berg har ringt om tiden.").is_empty());
        assert_eq!(
            found("She was convicted of fraud in 2021."),
            vec![("offence", "convicted of fraud")]
        );
    }

    #[test]
    fn general_questions_are_clean() {
        assert!(found(
            "Vad säger LVU om när socialnämnden får besluta om omedelbart omhändertagande?"
        )
        .is_empty());
        assert!(found(
            "Vad är skillnaden mellan SoL och LVM? Nämn tidsgränser för vård enligt LVM."
        )
        .is_empty());
        assert!(found("Kostnaderna för försörjningsstöd ökade med 11 % under 2023.").is_empty());
    }

    #[test]
    fn english_offences_and_interventions() {
        for (text, word) in [
            (
                "Maria is on probation and meets her officer.",
                "on probation",
            ),
            (
                "Our client Sofia receives social welfare.",
                "social welfare",
            ),
            (
                "He was convicted of assault last year.",
                "convicted of assault",
            ),
            ("The boy was placed in foster care.", "foster care"),
            ("The applicant has a criminal record.", "criminal record"),
        ] {
            let f = found(text);
            assert!(f.iter().any(|(_, t)| t.starts_with(word)), "{text}: {f:?}");
        }
        assert_eq!(
            found("He was convicted of assault last year."),
            vec![("offence", "convicted of assault")]
        );
        assert!(found("Explain how probation works in Sweden.").is_empty());
        assert!(found("Write an article about foster care.").is_empty());
    }

    #[test]
    fn a_clause_about_a_person_is_no_topic() {
        let f = found("skriv ett brev till Stina om att hennes bistånd avslagits");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(found("skriv en text om bistånd").is_empty());
    }
}
