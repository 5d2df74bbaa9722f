//! The compiled dictionaries: `build.rs` turns the lists in `data/` (origin and licence in
//! `data/SOURCES.md`) into sorted newline-joined strings; this module indexes them once.

use std::sync::OnceLock;

#[allow(clippy::all)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/dicts.rs"));
}

pub use generated::{HEALTH_TERMS, SENSITIVE_TERMS};

/// A sorted word list looked up by binary search; the words stay in the static string.
pub struct Lexicon {
    text: &'static str,
    spans: Vec<(u32, u32)>,
}

impl Lexicon {
    pub fn new(text: &'static str) -> Lexicon {
        let mut spans = Vec::with_capacity(text.len() / 6);
        let mut start = 0usize;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                spans.push((start as u32, i as u32));
                start = i + 1;
            }
        }
        if start < text.len() {
            spans.push((start as u32, text.len() as u32));
        }
        debug_assert!(spans.windows(2).all(
            |w| text[w[0].0 as usize..w[0].1 as usize] < text[w[1].0 as usize..w[1].1 as usize]
        ));
        Lexicon { text, spans }
    }

    /// `word` must be lowercase.
    pub fn contains(&self, word: &str) -> bool {
        self.spans
            .binary_search_by(|&(s, e)| self.text[s as usize..e as usize].cmp(word))
            .is_ok()
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// All name and medicine lists, built on first use (a few milliseconds).
pub struct Dicts {
    pub first_names: Lexicon,
    /// First names common in Sweden and the Nordics (may stand alone at a sentence start).
    pub core_names: Lexicon,
    pub ambiguous_names: Lexicon,
    pub surnames: Lexicon,
    pub places: Lexicon,
    pub not_names: Lexicon,
    pub medicines: Lexicon,
}

pub fn dicts() -> &'static Dicts {
    static DICTS: OnceLock<Dicts> = OnceLock::new();
    DICTS.get_or_init(|| Dicts {
        first_names: Lexicon::new(generated::FIRST_NAMES),
        core_names: Lexicon::new(generated::CORE_NAMES),
        ambiguous_names: Lexicon::new(generated::AMBIGUOUS_NAMES),
        surnames: Lexicon::new(generated::SURNAMES),
        places: Lexicon::new(generated::PLACES),
        not_names: Lexicon::new(generated::NOT_NAMES),
        medicines: Lexicon::new(generated::MEDICINES),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_loaded_and_sorted() {
        let d = dicts();
        assert!(d.first_names.len() > 5000);
        assert!(d.first_names.contains("anna"));
        assert!(d.first_names.contains("mohammed"));
        assert!(!d.first_names.contains("kommunen"));
        assert!(d.surnames.contains("andersson"));
        assert!(d.places.contains("mora"));
        assert!(d.medicines.contains("escitalopram"));
        assert!(d.not_names.contains("måndag"));
    }

    #[test]
    fn lexicon_lookup() {
        let l = Lexicon::new("alfa\nbeta\ngamma");
        assert!(l.contains("alfa") && l.contains("gamma") && !l.contains("delta"));
        assert!(!Lexicon::new("").contains(""));
    }
}
