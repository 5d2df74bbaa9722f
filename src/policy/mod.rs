//! The organisation's policy as the scanner needs it.
//!
//! Policy arrives as a flat JSON object whose keys are defined by `deploy/schema.json` (the managed
//! storage schema, the single source of truth). Values are normalised here, in one place: managed
//! storage on Windows may give `0`/`1` for booleans and strings for everything else. A bad value is
//! reported as a [`PolicyIssue`] and replaced by the default; it never disables protection.

use crate::category::{Action, Category};
use serde_json::{Map, Value};

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
        match value {
            Value::Object(map) => Ok(Policy::from_map(&map)),
            _ => Err("policy must be a JSON object".to_string()),
        }
    }

    /// Builds a policy from a flat key/value map, collecting issues for bad values.
    pub fn from_map(map: &Map<String, Value>) -> (Policy, Vec<PolicyIssue>) {
        let mut policy = Policy::default();
        let mut issues = Vec::new();
        for (key, value) in map {
            if let Some(category) = key
                .strip_prefix("action")
                .and_then(|c| Category::from_id(&c.to_lowercase()))
            {
                match value.as_str().and_then(Action::from_id) {
                    Some(a) => policy.set_action(category, a),
                    None => issues.push(issue(key, "expected \"block\", \"warn\" or \"off\"")),
                }
                continue;
            }
            match key.as_str() {
                "customTerms" => policy.custom_terms = rules(key, value, &mut issues),
                "customPatterns" => policy.custom_patterns = rules(key, value, &mut issues),
                "allowTerms" => policy.allow_terms = strings(key, value, &mut issues),
                "internalDomains" => policy.internal_domains = strings(key, value, &mut issues),
                "internalHosts" => policy.internal_hosts = strings(key, value, &mut issues),
                _ => {}
            }
        }
        (policy, issues)
    }
}

fn issue(key: &str, message: &str) -> PolicyIssue {
    PolicyIssue {
        key: key.to_string(),
        message: message.to_string(),
    }
}

/// A list of strings; a single string is split on newlines (registry multi-line values).
fn strings(key: &str, value: &Value, issues: &mut Vec<PolicyIssue>) -> Vec<String> {
    let items: Vec<String> = match value {
        Value::Array(a) => a
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                _ => {
                    issues.push(issue(key, "list items must be strings"));
                    None
                }
            })
            .collect(),
        Value::String(s) => s.lines().map(str::to_string).collect(),
        _ => {
            issues.push(issue(key, "expected a list of strings"));
            Vec::new()
        }
    };
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Entries written `category:value`; without a known category prefix the rule is `classified`.
fn rules(key: &str, value: &Value, issues: &mut Vec<PolicyIssue>) -> Vec<CustomRule> {
    strings(key, value, issues)
        .into_iter()
        .map(|entry| match entry.split_once(':') {
            Some((c, v)) if Category::from_id(c.trim()).is_some() => CustomRule {
                category: Category::from_id(c.trim()).unwrap_or(Category::Classified),
                value: v.trim().to_string(),
            },
            _ => CustomRule {
                category: Category::Classified,
                value: entry,
            },
        })
        .filter(|r| !r.value.is_empty())
        .collect()
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
}
