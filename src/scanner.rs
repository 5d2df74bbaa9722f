//! The scanner: builds the detectors a policy asks for, runs them, and merges their findings.

use crate::detectors::{
    contact::ContactDetector, personnummer::PersonnummerDetector, Detector, Document,
};
use crate::finding::Finding;
use crate::policy::{Policy, PolicyIssue};
use std::sync::{Arc, Mutex, OnceLock};

pub struct Scanner {
    policy: Policy,
    detectors: Vec<Arc<dyn Detector>>,
    issues: Vec<PolicyIssue>,
    /// Allow-list terms (case-insensitive); findings inside an occurrence are dropped.
    allow: Option<aho_corasick::AhoCorasick>,
}

impl Scanner {
    /// Builds a scanner for `policy`. Problems in the policy's own rules (a bad regex) are kept
    /// as issues; the rest of the scanner still works.
    pub fn new(policy: Policy) -> Scanner {
        let core = core_detectors();
        let all = core[..4]
            .iter()
            .cloned()
            .chain([classified_for(&policy.internal_hosts)])
            .chain(core[4..].iter().cloned());
        let mut detectors: Vec<Arc<dyn Detector>> = all
            .filter(|d| d.categories().iter().any(|&c| policy.is_enabled(c)))
            .collect();
        let (custom, issues) = crate::detectors::custom::CustomDetector::new(&policy);
        if !custom.is_empty() {
            detectors.push(Arc::new(custom));
        }
        let allow = allow_matcher(&policy.allow_terms);
        Scanner {
            policy,
            detectors,
            issues,
            allow,
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
        if let Some(allow) = &self.allow {
            let allowed: Vec<(usize, usize)> = allow
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            found.retain(|f| !allowed.iter().any(|&(s, e)| s <= f.start && f.end <= e));
        }
        resolve_overlaps(found)
    }
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new(Policy::default())
    }
}

/// The detectors that do not depend on the policy, built once per process (or wasm instance):
/// compiling their regexes and automata is most of the cost of a scanner.
fn core_detectors() -> &'static [Arc<dyn Detector>] {
    static CORE: OnceLock<Vec<Arc<dyn Detector>>> = OnceLock::new();
    CORE.get_or_init(|| {
        vec![
            Arc::new(ContactDetector::new()),
            Arc::new(PersonnummerDetector::new()),
            Arc::new(crate::detectors::financial::FinancialDetector::new()),
            Arc::new(crate::detectors::identifier::IdentifierDetector::new()),
            Arc::new(crate::detectors::secret::SecretDetector::new()),
            Arc::new(crate::detectors::name::NameDetector::new()),
            Arc::new(crate::detectors::health::HealthDetector::new()),
            Arc::new(crate::detectors::sensitive::SensitiveDetector::new()),
        ]
    })
}

/// The classified detector for a policy's internal hosts. The last one is kept: policies that
/// differ only in actions (a site's trust level) share it.
fn classified_for(hosts: &[String]) -> Arc<dyn Detector> {
    type Slot = Option<(Vec<String>, Arc<dyn Detector>)>;
    static LAST: Mutex<Slot> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    match &*last {
        Some((h, d)) if h.as_slice() == hosts => d.clone(),
        _ => {
            let d: Arc<dyn Detector> =
                Arc::new(crate::detectors::classified::ClassifiedDetector::new(hosts));
            *last = Some((hosts.to_vec(), d.clone()));
            d
        }
    }
}

/// Builds what every scanner shares, so that a later [`Scanner::new`] is cheap (the extension
/// calls this while the policy is still being read).
pub fn prepare() {
    core_detectors();
    classified_for(&[]);
}

/// Case variants of the allow terms in one automaton (aho-corasick folds ASCII case only).
fn allow_matcher(terms: &[String]) -> Option<aho_corasick::AhoCorasick> {
    let mut pats: Vec<String> = Vec::new();
    for t in terms.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        pats.extend(crate::detectors::custom::case_variants(t));
    }
    if pats.is_empty() {
        return None;
    }
    aho_corasick::AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&pats)
        .ok()
}

/// Precedence when overlapping findings are otherwise equal: the more specific, validated or
/// harmful category first.
fn precedence(c: crate::category::Category) -> u8 {
    use crate::category::Category::*;
    match c {
        Personnummer => 9,
        Secret => 8,
        Financial => 7,
        Identifier => 6,
        Contact => 5,
        Classified => 4,
        Health => 3,
        Sensitive => 2,
        Name => 1,
    }
}

/// Resolves overlaps greedily. A validated personnummer wins over anything it overlaps (a
/// personnummer-shaped phone or account number is reported as the personnummer); otherwise the
/// longest span wins (an e-mail over a name inside it, a connection string over the password in
/// it, an account over a personnummer-shaped part that fails validation), then the category
/// precedence above, then the score. The result is sorted by start and has no overlaps.
///
/// A finding's fate depends only on the findings it overlaps, so the greedy choice runs per
/// cluster of overlapping findings; most findings overlap nothing and are kept as they are.
fn resolve_overlaps(mut found: Vec<Finding>) -> Vec<Finding> {
    // Stable sort: each detector's findings come mostly in order, runs it merges cheaply.
    found.sort_by_key(|f| (f.start, f.end));
    let mut out = Vec::with_capacity(found.len());
    let mut cluster: Vec<Finding> = Vec::new();
    let mut cluster_end = 0;
    for f in found {
        if !cluster.is_empty() && f.start >= cluster_end {
            resolve_cluster(&mut cluster, &mut out);
        }
        cluster_end = if cluster.is_empty() {
            f.end
        } else {
            cluster_end.max(f.end)
        };
        cluster.push(f);
    }
    resolve_cluster(&mut cluster, &mut out);
    out
}

/// The greedy choice within one cluster (emptied), appended to `out` in start order.
fn resolve_cluster(cluster: &mut Vec<Finding>, out: &mut Vec<Finding>) {
    use crate::category::Category;
    if cluster.len() <= 1 {
        out.append(cluster);
        return;
    }
    cluster.sort_by(|a, b| {
        let pa = a.category == Category::Personnummer;
        let pb = b.category == Category::Personnummer;
        pb.cmp(&pa)
            .then(b.len().cmp(&a.len()))
            .then(precedence(b.category).cmp(&precedence(a.category)))
            .then(b.score.total_cmp(&a.score))
            .then(a.start.cmp(&b.start))
    });
    // Kept spans never overlap, so the kept span starting last before `f.end` is the only one
    // that can overlap `f`: O(n log n) even for huge clusters.
    let mut kept: std::collections::BTreeMap<usize, Finding> = std::collections::BTreeMap::new();
    for f in cluster.drain(..) {
        let clash = kept
            .range(..f.end)
            .next_back()
            .is_some_and(|(_, k)| k.end > f.start);
        if !clash {
            kept.insert(f.start, f);
        }
    }
    out.extend(kept.into_values());
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

    /// The greedy choice over all findings at once (the definition `resolve_overlaps` keeps).
    fn greedy_reference(mut found: Vec<Finding>) -> Vec<Finding> {
        let mut all = Vec::new();
        resolve_cluster(&mut found, &mut all);
        all.sort_by_key(|f| f.start);
        all
    }

    proptest::proptest! {
        #[test]
        fn clusters_choose_as_the_whole_set_does(spans in proptest::collection::vec(
            (0usize..200, 1usize..30, 0usize..9, 0u8..4), 0..60,
        )) {
            let found: Vec<Finding> = spans
                .iter()
                .map(|&(s, len, c, score)| {
                    let mut f = Finding::new(Category::ALL[c], "x", s, s + len);
                    f.score = f32::from(score) / 4.0;
                    f
                })
                .collect();
            let key = |v: Vec<Finding>| -> Vec<(usize, usize, &str)> {
                v.iter().map(|f| (f.start, f.end, f.category.id())).collect()
            };
            proptest::prop_assert_eq!(key(resolve_overlaps(found.clone())), key(greedy_reference(found)));
        }
    }
}
