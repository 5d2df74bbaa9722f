//! The organisation's policy as the scanner needs it.
//!
//! Policy arrives as a flat JSON object whose keys are defined by `deploy/schema.json` (the managed
//! storage schema, the single source of truth). Values are normalised here, in one place: managed
//! storage on Windows may give `0`/`1` for booleans and strings for everything else. A bad value is
//! reported as a [`PolicyIssue`] and replaced by the default; it never disables protection.

use crate::category::{Action, Category};
use serde_json::{Map, Value};

pub mod schema;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use schema::{compile_custom_pattern, normalize};

/// A custom term or pattern and the category it reports.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomRule {
    pub category: Category,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    actions: [Action; 9],
    pub custom_terms: Vec<CustomRule>,
    pub custom_patterns: Vec<CustomRule>,
    pub allow_terms: Vec<String>,
    pub internal_domains: Vec<String>,
    pub internal_hosts: Vec<String>,
}

/// A problem with one policy value. Messages name the key and the problem, never a scanned text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PolicyIssue {
    pub key: String,
    pub message: String,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            actions: Category::ALL.map(Category::default_action),
            custom_terms: Vec::new(),
            custom_patterns: Vec::new(),
            allow_terms: Vec::new(),
            internal_domains: Vec::new(),
            internal_hosts: Vec::new(),
        }
    }
}

impl Policy {
    pub fn action(&self, category: Category) -> Action {
        self.actions[category as usize]
    }

    pub fn set_action(&mut self, category: Category, action: Action) {
        self.actions[category as usize] = action;
    }

    pub fn is_enabled(&self, category: Category) -> bool {
        self.action(category) != Action::Off
    }

    /// Parses a policy JSON text. Broken JSON is an error; bad values are issues.
    pub fn from_json(text: &str) -> Result<(Policy, Vec<PolicyIssue>), String> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("policy is not valid JSON: {e}"))?;
        // Managed-policy files (Chromium, Firefox) are accepted too: the first extension's object.
        let objects = schema::policy_objects(&value)?;
        match objects.into_iter().next() {
            Some((_, map)) => Ok(Policy::from_map(&map)),
            None => Err("the policy file holds no extension policy".to_string()),
        }
    }

    /// Builds a policy from a flat key/value map, collecting issues for bad values. The map is
    /// normalised against `deploy/schema.json` first, so every source is read the same way.
    pub fn from_map(map: &Map<String, Value>) -> (Policy, Vec<PolicyIssue>) {
        let (values, issues) = schema::normalize(map);
        let mut policy = Policy::default();
        for category in Category::ALL {
            if let Some(a) = values
                .get(&schema::action_key("action", category))
                .and_then(Value::as_str)
                .and_then(Action::from_id)
            {
                policy.set_action(category, a);
            }
        }
        let list = |key: &str| schema::string_list(&values, key);
        let rules = |key: &str| -> Vec<CustomRule> {
            list(key)
                .iter()
                .map(|entry| {
                    let (category, value) = schema::split_rule(entry);
                    CustomRule {
                        category,
                        value: value.to_string(),
                    }
                })
                .filter(|r| !r.value.is_empty())
                .collect()
        };
        policy.custom_terms = rules("customTerms");
        policy.custom_patterns = rules("customPatterns");
        policy.allow_terms = list("allowTerms");
        policy.internal_domains = list("internalDomains");
        policy.internal_hosts = list("internalHosts");
        (policy, issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_and_rules() {
        let (p, issues) = Policy::from_json(
            r#"{"actionName":"off","actionContact":"block","customTerms":["identifier:Projekt Falken","Hemlig plan"]}"#,
        )
        .unwrap();
        assert!(issues.is_empty());
        assert!(!p.is_enabled(Category::Name));
        assert_eq!(p.action(Category::Contact), Action::Block);
        assert_eq!(p.custom_terms[0].category, Category::Identifier);
        assert_eq!(p.custom_terms[1].category, Category::Classified);
    }

    #[test]
    fn bad_values_are_issues_not_errors() {
        let (p, issues) = Policy::from_json(r#"{"actionHealth":"maybe","allowTerms":5}"#).unwrap();
        assert_eq!(issues.len(), 2);
        assert_eq!(p.action(Category::Health), Action::Block);
        assert!(Policy::from_json("{nope").is_err());
    }

    #[test]
    fn managed_files_work_as_policy_files() {
        let chromium = r#"{"3rdparty":{"extensions":{"epmpnjjkfennohajhojfphmldmpmagmi":{"actionName":"off","allowOverride":1}}}}"#;
        let (p, issues) = Policy::from_json(chromium).unwrap();
        assert!(issues.is_empty(), "{issues:?}");
        assert!(!p.is_enabled(Category::Name));
        let firefox = r#"{"policies":{"3rdparty":{"Extensions":{"promptvakt@promptvakt":{"customTerms":{"1":"classified:Falken"}}}}}}"#;
        let (p, _) = Policy::from_json(firefox).unwrap();
        assert_eq!(p.custom_terms[0].value, "Falken");
    }
}
