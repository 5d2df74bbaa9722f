//! Contact data: e-mail addresses (more to come: phone numbers, street addresses, postcodes).

use super::{Detector, Document};
use crate::category::Category;
use crate::finding::Finding;
use regex::Regex;

pub struct ContactDetector {
    email: Regex,
}

impl ContactDetector {
    pub fn new() -> ContactDetector {
        ContactDetector {
            email: Regex::new(
                r"(?i)[a-z0-9._%+\-åäöé]+@[a-z0-9\-åäö]+(?:\.[a-z0-9\-åäö]+)*\.[a-z]{2,}",
            )
            .expect("static regex"),
        }
    }
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
        for m in self.email.find_iter(doc.text) {
            out.push(Finding::new(Category::Contact, "email", m.start(), m.end()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        ContactDetector::new().detect(&Document::new(text), &mut out);
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
    }
}
