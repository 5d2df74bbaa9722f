//! Person names (full names, first names, surnames, possessives) from the shared linguistic layer.

use super::{Detector, Document};
use crate::category::Category;
use crate::finding::Finding;

#[derive(Default)]
pub struct NameDetector;

impl NameDetector {
    pub fn new() -> NameDetector {
        // Index the dictionaries now so the first scan is not slower.
        crate::dict::dicts();
        NameDetector
    }
}

impl Detector for NameDetector {
    fn name(&self) -> &'static str {
        "name"
    }

    fn categories(&self) -> &'static [Category] {
        &[Category::Name]
    }

    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        for n in &doc.lang().names {
            out.push(Finding::new(Category::Name, n.kind.id(), n.start, n.end).with_score(n.score));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        NameDetector::new().detect(&Document::new(text), &mut out);
        out.iter()
            .map(|f| (f.kind, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn finds_names() {
        assert_eq!(
            found("Klient: Tomas Lindqvist. Tomas kom i tid, hans mamma Shirin också."),
            vec![
                ("full_name", "Tomas Lindqvist"),
                ("first_name", "Tomas"),
                ("first_name", "Shirin")
            ]
        );
    }

    #[test]
    fn clean_text() {
        assert!(found("Hans mamma ringde igen i dag och var arg.").is_empty());
        assert!(found("Skriv en text om demensvård i Mora kommun.").is_empty());
    }
}
