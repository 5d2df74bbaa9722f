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
}

impl Analysis {
    pub fn new(text: &str) -> Analysis {
        let lower = tokens::lowercase_same_layout(text);
        let tokens = tokens::tokenize(text);
        let names = names::find_names(text, &lower, &tokens);
        let persons = context::PersonContext::new(text, &lower, &tokens, &names);
        Analysis {
            lower,
            tokens,
            names,
            persons,
        }
    }
}
