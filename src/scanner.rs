//! The scanner: builds the detectors a policy asks for, runs them, and merges their findings.

use crate::detectors::{
    contact::ContactDetector, personnummer::PersonnummerDetector, Detector, Document,
};
use crate::finding::Finding;
use crate::policy::{Policy, PolicyIssue};

pub struct Scanner {
    policy: Policy,
    detectors: Vec<Box<dyn Detector>>,
    issues: Vec<PolicyIssue>,
}

impl Scanner {
    /// Builds a scanner for `policy`. Problems in the policy's own rules (a bad regex) are kept
    /// as issues; the rest of the scanner still works.
    pub fn new(policy: Policy) -> Scanner {
        let all: Vec<Box<dyn Detector>> = vec![
            Box::new(ContactDetector::new()),
            Box::new(PersonnummerDetector::new()),
        ];
        let detectors = all
            .into_iter()
            .filter(|d| d.categories().iter().any(|&c| policy.is_enabled(c)))
            .collect();
        Scanner {
            policy,
            detectors,
            issues: Vec::new(),
        }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Issues found while building the scanner (e.g. a custom pattern that does not compile).
    pub fn issues(&self) -> &[PolicyIssue] {
        &self.issues
    }

    /// Scans `text`; findings are sorted by start and never overlap.
    pub fn scan(&self, text: &str) -> Vec<Finding> {
        let doc = Document::new(text);
        let mut found = Vec::new();
        for d in &self.detectors {
            d.detect(&doc, &mut found);
        }
        found.retain(|f| self.policy.is_enabled(f.category) && !f.is_empty());
        resolve_overlaps(found)
    }
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new(Policy::default())
    }
}

/// Keeps, among overlapping findings, the longest (then the highest score); the result is sorted.
fn resolve_overlaps(mut found: Vec<Finding>) -> Vec<Finding> {
    found.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(b.score.total_cmp(&a.score))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Finding> = Vec::with_capacity(found.len());
    for f in found {
        if !kept.iter().any(|k| k.overlaps(&f)) {
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| f.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category;

    #[test]
    fn policy_off_removes_category() {
        let text = "Mejla anna@example.se";
        assert_eq!(Scanner::default().scan(text).len(), 1);
        let mut p = Policy::default();
        p.set_action(Category::Contact, crate::Action::Off);
        assert!(Scanner::new(p).scan(text).is_empty());
    }
}
