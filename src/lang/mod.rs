//! The shared linguistic layer: tokens, a lowercase view, person names and "is this about a
//! person?" context, computed once per document and used by the name, health and sensitive
//! detectors.

pub mod context;
pub mod names;
pub mod terms;
pub mod tokens;

pub use names::{NameKind, NameSpan};
pub use tokens::Token;

/// Everything the language detectors share about one text.
pub struct Analysis {
    /// Same byte layout as the text, lowercased.
    pub lower: String,
    pub tokens: Vec<Token>,
    pub names: Vec<NameSpan>,
    pub persons: context::PersonContext,
    terms: std::cell::OnceCell<Vec<terms::TermHit>>,
}

impl Analysis {
    pub fn new(text: &str) -> Analysis {
        let lower = tokens::lowercase_same_layout(text);
        let tokens = tokens::tokenize(text);
        let bits = names::token_bits(&lower, &tokens);
        let names = names::find_names(text, &lower, &tokens, &bits);
        let persons = context::PersonContext::new(text, &lower, &tokens, &bits, &names);
        Analysis {
            lower,
            tokens,
            names,
            persons,
            terms: std::cell::OnceCell::new(),
        }
    }

    /// A name was found over `start..end` ("Kristen Berg" is a person, not a religion).
    pub fn overlaps_name(&self, start: usize, end: usize) -> bool {
        let k = self.names.partition_point(|n| n.end <= start);
        self.names.get(k).is_some_and(|n| n.start < end)
    }

    /// Health and sensitive vocabulary hits (one pass for both), sorted, not overlapping.
    pub fn term_hits(&self, text: &str) -> &[terms::TermHit] {
        self.terms.get_or_init(|| {
            let mut out = Vec::new();
            terms::vocabulary().find(text, &self.lower, &mut out);
            out
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::detectors::{
        health::HealthDetector, name::NameDetector, sensitive::SensitiveDetector, Detector,
        Document,
    };
    use proptest::prelude::*;

    fn words() -> impl Strategy<Value = String> {
        let w = prop::sample::select(vec![
            "Anna",
            "hej",
            "Hans",
            "har",
            "diabetes",
            "dömd för",
            "Mora",
            "\n",
            ". ",
            ": ",
            "\"",
            "ÅSA",
            "Öberg",
            "😀",
            "typ 2-",
            "om",
            "skriv",
            "en text",
            "LVU",
            "hon",
            "/",
            "(12 år)",
            "İ",
            "ẞ",
            "Ǆ",
            "-",
            "’s",
            "min son",
            "1977",
            "Åkesson",
        ]);
        prop::collection::vec(w, 0..40).prop_map(|v| v.join(" "))
    }

    fn check(text: &str) {
        let doc = Document::new(text);
        let mut out = Vec::new();
        NameDetector::new().detect(&doc, &mut out);
        HealthDetector::new().detect(&doc, &mut out);
        SensitiveDetector::new().detect(&doc, &mut out);
        for f in &out {
            assert!(f.start < f.end && f.end <= text.len());
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
    }

    proptest! {
        #[test]
        fn any_text_gives_valid_spans(s in "\\PC*") {
            check(&s);
        }

        #[test]
        fn swedish_like_text_gives_valid_spans(s in words()) {
            check(&s);
        }
    }
}
