//! Detectors: one module per family, each a small pluggable unit with its own tests.
//!
//! A detector looks at a [`Document`] and pushes [`Finding`]s. It does not filter by policy or
//! resolve overlaps with other detectors: the [`crate::scanner::Scanner`] does that once for all.
//! To add one: write a module with a type implementing [`Detector`], give it unit tests, and
//! register it in [`crate::scanner::Scanner::new`].

pub mod classified;
pub mod contact;
pub mod custom;
pub mod financial;
pub mod health;
pub mod identifier;
pub mod name;
pub mod personnummer;
pub mod secret;
pub mod sensitive;
pub mod textutil;

use crate::category::Category;
use crate::finding::Finding;

/// The text being scanned. Shared, lazily computed views of the text (tokens, lowercase form,
/// digit runs) belong here so that several detectors do not compute them again: each is one
/// pass over the whole text, which would otherwise be paid once per detector.
pub struct Document<'a> {
    pub text: &'a str,
    lang: std::cell::OnceCell<crate::lang::Analysis>,
    ascii_lower: std::cell::OnceCell<Vec<u8>>,
    digit_runs: std::cell::OnceCell<Vec<(usize, usize)>>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str) -> Document<'a> {
        Document {
            text,
            lang: std::cell::OnceCell::new(),
            ascii_lower: std::cell::OnceCell::new(),
            digit_runs: std::cell::OnceCell::new(),
        }
    }

    /// The text's bytes with ASCII letters lowercased: same length and byte offsets as `text`,
    /// for case-insensitive literal searches (computed once, shared by detectors). Bytes, not a
    /// `str`: the searches are byte searches, and proving the copy UTF-8 again would cost more
    /// than making it.
    pub fn ascii_lower(&self) -> &[u8] {
        self.ascii_lower
            .get_or_init(|| textutil::ascii_lowercase(self.text))
    }

    /// The runs of ASCII digits, sorted (computed once): every number-shaped pattern of the
    /// pattern detectors runs only in windows around them, and one pass over the text serves
    /// all of them.
    pub fn digit_runs(&self) -> &[(usize, usize)] {
        self.digit_runs
            .get_or_init(|| textutil::digit_runs(self.text))
    }

    /// Whether the text has any ASCII digit.
    pub fn has_digits(&self) -> bool {
        !self.digit_runs().is_empty()
    }

    /// Tokens, lowercase view, names and person context, computed on first use.
    pub fn lang(&self) -> &crate::lang::Analysis {
        self.lang
            .get_or_init(|| crate::lang::Analysis::new(self.text))
    }
}

/// A pluggable detector.
pub trait Detector: Send + Sync {
    /// Short stable name, used in diagnostics and benchmarks.
    fn name(&self) -> &'static str;
    /// The categories this detector can report; the scanner skips a detector whose categories
    /// are all switched off.
    fn categories(&self) -> &'static [Category];
    /// Appends findings for `doc` to `out`. Must never panic and must run in linear time.
    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>);
}

/// Helpers for the detectors' window properties: a windowed search must find what the same
/// patterns find on the whole text.
#[cfg(test)]
pub(crate) mod testing {
    use crate::finding::Finding;

    /// Every pattern's windows: the whole text.
    pub fn whole<const N: usize>(text: &str) -> [Vec<(usize, usize)>; N] {
        [(); N].map(|_| vec![(0, text.len())])
    }

    /// The findings of `d` on `text` through its windows, and with every pattern run on the
    /// whole text (`detect_in` takes the windows), as keys to compare.
    pub fn windowed_and_whole<D: super::Detector, const N: usize>(
        d: &D,
        text: &str,
        detect_in: impl Fn(&D, &str, [Vec<(usize, usize)>; N], &mut Vec<Finding>),
    ) -> (Vec<String>, Vec<String>) {
        let mut windowed = Vec::new();
        d.detect(&super::Document::new(text), &mut windowed);
        let mut all = Vec::new();
        detect_in(d, text, whole(text), &mut all);
        (keys(windowed), keys(all))
    }

    /// Findings as sorted `kind:start:end` keys, to compare two runs.
    pub fn keys(mut out: Vec<Finding>) -> Vec<String> {
        out.sort_by_key(|f| (f.start, f.end, f.kind));
        out.iter()
            .map(|f| format!("{}:{}:{}", f.kind, f.start, f.end))
            .collect()
    }
}
