//! A finding: where something was found, what it is and why it matters.

use crate::category::Category;
use serde::Serialize;

/// One detected span. Offsets are byte offsets into the scanned `&str`; the CLI and the
/// WebAssembly bindings convert them to UTF-16 code units at the boundary (see [`crate::text`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub category: Category,
    /// Finer kind within the category, e.g. `"samordningsnummer"`, `"surname"`, `"medicine"`.
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
    /// Confidence in 0..=1.
    pub score: f32,
    /// Id of the plain-language explanation shown to the user (a `_locales` message key).
    pub explanation: &'static str,
}

impl Finding {
    pub fn new(category: Category, kind: &'static str, start: usize, end: usize) -> Finding {
        Finding {
            category,
            kind,
            start,
            end,
            score: 1.0,
            explanation: default_explanation(category),
        }
    }

    pub fn with_score(mut self, score: f32) -> Finding {
        self.score = score;
        self
    }

    pub fn with_explanation(mut self, explanation: &'static str) -> Finding {
        self.explanation = explanation;
        self
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, other: &Finding) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The explanation id used when a detector gives none: one per category.
pub fn default_explanation(category: Category) -> &'static str {
    match category {
        Category::Personnummer => "why_personnummer",
        Category::Name => "why_name",
        Category::Health => "why_health",
        Category::Sensitive => "why_sensitive",
        Category::Contact => "why_contact",
        Category::Financial => "why_financial",
        Category::Identifier => "why_identifier",
        Category::Classified => "why_classified",
        Category::Secret => "why_secret",
    }
}
