//! The organisation's own rules: custom terms (whole words, case-insensitive, aho-corasick) and
//! custom regex patterns (compiled with size limits and a length cap). A pattern that does not
//! compile is reported as a [`PolicyIssue`] and skipped; it never stops the scan.

use super::textutil::is_whole_word;
use super::{Detector, Document};
use crate::category::Category;
use crate::finding::Finding;
use crate::policy::{Policy, PolicyIssue};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder};

/// Longest custom pattern accepted, in bytes.
pub const MAX_PATTERN_LEN: usize = 1000;
/// Compiled-size limits per custom pattern (protects the extension's memory).
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;

pub struct CustomDetector {
    terms: Option<AhoCorasick>,
    term_categories: Vec<Category>,
    patterns: Vec<(Regex, Category)>,
}

/// Case variants of a term (as written, lower, UPPER, Capitalised): aho-corasick folds ASCII
/// only, so Å/Ä/Ö need their own variants. Also used for the allow list.
pub fn case_variants(term: &str) -> Vec<String> {
    let lower = term.to_lowercase();
    let upper = term.to_uppercase();
    let mut cap = String::new();
    let mut chars = lower.chars();
    if let Some(c) = chars.next() {
        cap.extend(c.to_uppercase());
        cap.push_str(chars.as_str());
    }
    let mut v = vec![term.to_string(), lower, upper, cap];
    v.sort();
    v.dedup();
    v
}

impl CustomDetector {
    /// Builds the detector from the policy's rules; problems are returned as issues.
    pub fn new(policy: &Policy) -> (CustomDetector, Vec<PolicyIssue>) {
        let mut issues = Vec::new();
        let mut pats = Vec::new();
        let mut term_categories = Vec::new();
        for rule in &policy.custom_terms {
            for v in case_variants(&rule.value) {
                pats.push(v);
                term_categories.push(rule.category);
            }
        }
        let terms = if pats.is_empty() {
            None
        } else {
            match AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&pats)
            {
                Ok(ac) => Some(ac),
                Err(_) => {
                    issues.push(PolicyIssue {
                        key: "customTerms".to_string(),
                        message: "the custom terms could not be compiled".to_string(),
                    });
                    None
                }
            }
        };
        let mut patterns = Vec::new();
        for (i, rule) in policy.custom_patterns.iter().enumerate() {
            if rule.value.len() > MAX_PATTERN_LEN {
                issues.push(PolicyIssue {
                    key: "customPatterns".to_string(),
                    message: format!(
                        "pattern {} is longer than {MAX_PATTERN_LEN} characters; skipped",
                        i + 1
                    ),
                });
                continue;
            }
            match RegexBuilder::new(&rule.value)
                .size_limit(PATTERN_SIZE_LIMIT)
                .dfa_size_limit(PATTERN_SIZE_LIMIT)
                .build()
            {
                Ok(re) => patterns.push((re, rule.category)),
                Err(e) => {
                    let why = match e {
                        regex::Error::CompiledTooBig(_) => "is too large".to_string(),
                        _ => "is not a valid regular expression".to_string(),
                    };
                    issues.push(PolicyIssue {
                        key: "customPatterns".to_string(),
                        message: format!("pattern {} {why}; skipped", i + 1),
                    });
                }
            }
        }
        (
            CustomDetector {
                terms,
                term_categories,
                patterns,
            },
            issues,
        )
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_none() && self.patterns.is_empty()
    }
}

impl Detector for CustomDetector {
    fn name(&self) -> &'static str {
        "custom"
    }

    fn categories(&self) -> &'static [Category] {
        &Category::ALL
    }

    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text;
        if let Some(ac) = &self.terms {
            for m in ac.find_iter(text) {
                if is_whole_word(text, m.start(), m.end()) {
                    let c = self.term_categories[m.pattern().as_usize()];
                    out.push(Finding::new(c, "custom_term", m.start(), m.end()));
                }
            }
        }
        for (re, c) in &self.patterns {
            for m in re.find_iter(text) {
                if !m.is_empty() {
                    out.push(Finding::new(*c, "custom_pattern", m.start(), m.end()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(json: &str) -> Policy {
        Policy::from_json(json).unwrap().0
    }

    #[test]
    fn terms_whole_word_any_case() {
        let (d, issues) = CustomDetector::new(&policy(
            r#"{"customTerms":["identifier:Projekt Älgen","Falken"]}"#,
        ));
        assert!(issues.is_empty());
        let text = "Om PROJEKT ÄLGEN och projekt älgen, inte Falkenberg men falken.";
        let mut out = Vec::new();
        d.detect(&Document::new(text), &mut out);
        let got: Vec<&str> = out.iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(got, ["PROJEKT ÄLGEN", "projekt älgen", "falken"]);
        assert_eq!(out[0].category, Category::Identifier);
        assert_eq!(out[2].category, Category::Classified);
    }

    #[test]
    fn bad_patterns_are_issues() {
        let mut p = Policy::default();
        let rule = |category, value: &str| crate::policy::CustomRule {
            category,
            value: value.to_string(),
        };
        p.custom_patterns = vec![
            rule(Category::Secret, "KOD-[0-9]{4}"),
            rule(Category::Classified, "(unclosed"),
            rule(Category::Classified, "(a{1000}){1000}"),
            rule(Category::Classified, &"a".repeat(MAX_PATTERN_LEN + 1)),
        ];
        let (d, issues) = CustomDetector::new(&p);
        assert_eq!(issues.len(), 3, "{issues:?}");
        let mut out = Vec::new();
        d.detect(&Document::new("KOD-1234"), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].category, Category::Secret);
    }
}
