//! The managed-storage schema (`deploy/schema.json`, compiled in) and the one normaliser every
//! policy source goes through: managed storage, user settings, policy files for the CLI.
//!
//! Chrome validates managed values against the schema itself, but Firefox passes its `3rdparty`
//! policies through untyped (registry `REG_DWORD` 0/1, `REG_SZ` strings, lists as numbered
//! subkeys), and user settings are ours to check. So every value is coerced to its schema type
//! here; what cannot be coerced is reported and left out, and the default applies.

use super::PolicyIssue;
use crate::category::Category;
use regex::{Regex, RegexBuilder};
use serde_json::{Map, Value};
use std::sync::OnceLock;

/// The schema text, as shipped in the extension and used by IT's templates.
pub const SCHEMA_JSON: &str = include_str!("../../deploy/schema.json");

/// A host name, or `*.` and a domain (all its subdomains); the schema's `HostPattern` items.
pub const HOST_PATTERN: &str =
    r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

/// Compiled size limit for IT's custom patterns: a pathological pattern is rejected, not run.
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug)]
pub enum Kind {
    Bool,
    Int {
        min: Option<i64>,
        max: Option<i64>,
    },
    Str {
        one_of: Option<Vec<String>>,
        pattern: Option<Regex>,
    },
    List {
        item_pattern: Option<Regex>,
    },
}

#[derive(Debug)]
pub struct Property {
    pub key: String,
    pub kind: Kind,
    pub sensitive: bool,
}

/// The schema's properties, parsed once. The schema is part of the build, so a broken schema is a
/// programming error caught by the tests, not a run-time condition.
pub fn properties() -> &'static [Property] {
    static PROPS: OnceLock<Vec<Property>> = OnceLock::new();
    PROPS.get_or_init(|| parse_schema(SCHEMA_JSON).expect("deploy/schema.json is valid"))
}

pub fn property(key: &str) -> Option<&'static Property> {
    properties().iter().find(|p| p.key == key)
}

fn compile_schema_pattern(p: &str) -> Result<Regex, String> {
    Regex::new(p).map_err(|e| format!("schema pattern {p:?} does not compile: {e}"))
}

pub fn parse_schema(text: &str) -> Result<Vec<Property>, String> {
    let schema: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let props = schema
        .get("properties")
        .and_then(Value::as_object)
        .ok_or("schema has no properties")?;
    let mut out = Vec::new();
    for (key, p) in props {
        let pattern = |v: &Value| -> Result<Option<Regex>, String> {
            v.get("pattern")
                .and_then(Value::as_str)
                .map(compile_schema_pattern)
                .transpose()
        };
        let kind = match p.get("type").and_then(Value::as_str) {
            Some("boolean") => Kind::Bool,
            Some("integer") => Kind::Int {
                min: p.get("minimum").and_then(Value::as_i64),
                max: p.get("maximum").and_then(Value::as_i64),
            },
            Some("string") => Kind::Str {
                one_of: p.get("enum").and_then(Value::as_array).map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                }),
                pattern: pattern(p)?,
            },
            Some("array") => {
                let items = p.get("items").ok_or("array without items")?;
                let named = items
                    .get("id")
                    .or(items.get("$ref"))
                    .and_then(Value::as_str);
                Kind::List {
                    item_pattern: match named {
                        // Checked here rather than by a schema `pattern`: Chrome rejects a whole
                        // list for one bad item, which would silently drop IT's sites.
                        Some("HostPattern") => Some(compile_schema_pattern(HOST_PATTERN)?),
                        _ => pattern(items)?,
                    },
                }
            }
            other => return Err(format!("{key}: unsupported type {other:?}")),
        };
        out.push(Property {
            key: key.clone(),
            kind,
            sensitive: p.get("sensitiveValue") == Some(&Value::Bool(true)),
        });
    }
    Ok(out)
}

/// `actionName`, `approvedActionName`, ... for a category.
pub fn action_key(prefix: &str, category: Category) -> String {
    let id = category.id();
    format!("{prefix}{}{}", id[..1].to_uppercase(), &id[1..])
}

/// The lighter action on approved sites (the organisation's contracted AI) when IT sets none:
/// secrets never leave, other data asks first, low-risk contact details pass.
fn approved_default(c: Category) -> &'static str {
    match c {
        Category::Secret => "block",
        Category::Name | Category::Contact | Category::Identifier => "off",
        _ => "warn",
    }
}

/// Built-in defaults for every schema key (the lowest layer of the merge).
pub fn defaults() -> Map<String, Value> {
    let mut m = Map::new();
    let mut set = |k: &str, v: Value| {
        m.insert(k.to_string(), v);
    };
    set("organizationName", "".into());
    set("policyUrl", "".into());
    set("language", "auto".into());
    for c in Category::ALL {
        let a = match c.default_action() {
            crate::Action::Block => "block",
            crate::Action::Warn => "warn",
            crate::Action::Off => "off",
        };
        set(&action_key("action", c), a.into());
    }
    for c in Category::ALL {
        set(&action_key("approvedAction", c), approved_default(c).into());
    }
    set("allowOverride", false.into());
    set("requireOverrideReason", true.into());
    for k in [
        "sites",
        "approvedSites",
        "blockedSites",
        "customTerms",
        "customPatterns",
        "allowTerms",
        "internalDomains",
        "internalHosts",
    ] {
        set(k, Value::Array(Vec::new()));
    }
    set("incidentChannel", "none".into());
    set("incidentUrlTemplate", "".into());
    set("incidentMailto", "".into());
    set("incidentWebhookUrl", "".into());
    set("incidentInstructionsUrl", "".into());
    set("failMode", "block".into());
    set("showStatusWhileTyping", true.into());
    set("typingDelayMs", 300.into());
    m
}

fn issue(key: &str, message: impl Into<String>) -> PolicyIssue {
    PolicyIssue {
        key: key.to_string(),
        message: message.into(),
    }
}

/// Compiles one custom pattern the way the scanner must: case-insensitive, size-limited.
pub fn compile_custom_pattern(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|e| {
            // The crate's message repeats the pattern over several lines; keep the reason only.
            let text = e.to_string();
            let reason = text
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .trim_start_matches("error: ")
                .to_string();
            format!("does not compile ({reason})")
        })
}

/// Validates and coerces every value in `input` against the schema. The result holds only the
/// keys that were given and valid; callers merge it over lower layers.
pub fn normalize(input: &Map<String, Value>) -> (Map<String, Value>, Vec<PolicyIssue>) {
    let mut out = Map::new();
    let mut issues = Vec::new();
    for (key, value) in input {
        let Some(prop) = property(key) else {
            let hint = properties()
                .iter()
                .find(|p| p.key.eq_ignore_ascii_case(key))
                .map(|p| format!(" (did you mean {}?)", p.key))
                .unwrap_or_default();
            issues.push(issue(key, format!("unknown setting, ignored{hint}")));
            continue;
        };
        if value.is_null() {
            continue;
        }
        if let Some(v) = coerce(prop, value, &mut issues) {
            out.insert(key.clone(), v);
        }
    }
    if let Some(Value::Array(items)) = out.get_mut("customPatterns") {
        let mut n = 0;
        items.retain(|item| {
            n += 1;
            let entry = item.as_str().unwrap_or("");
            let (_, pattern) = split_rule(entry);
            match compile_custom_pattern(pattern) {
                Ok(_) => true,
                Err(e) => {
                    issues.push(issue("customPatterns", format!("pattern {n} {e}; skipped")));
                    false
                }
            }
        });
    }
    (out, issues)
}

/// `category:value` → (category, value); without a known category the rule is `classified`.
pub fn split_rule(entry: &str) -> (Category, &str) {
    match entry.split_once(':') {
        Some((c, v)) => match Category::from_id(c.trim()) {
            Some(cat) => (cat, v.trim()),
            None => (Category::Classified, entry.trim()),
        },
        None => (Category::Classified, entry.trim()),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn coerce(prop: &Property, value: &Value, issues: &mut Vec<PolicyIssue>) -> Option<Value> {
    let key = prop.key.as_str();
    match &prop.kind {
        Kind::Bool => {
            let b = match value {
                Value::Bool(b) => Some(*b),
                Value::Number(n) => match n.as_i64() {
                    Some(0) => Some(false),
                    Some(1) => Some(true),
                    _ => None,
                },
                Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                    "true" | "1" | "yes" | "on" => Some(true),
                    "false" | "0" | "no" | "off" => Some(false),
                    _ => None,
                },
                _ => None,
            };
            if b.is_none() {
                issues.push(issue(
                    key,
                    format!(
                        "expected true/false (or 1/0), got {}; default used",
                        type_name(value)
                    ),
                ));
            }
            b.map(Value::Bool)
        }
        Kind::Int { min, max } => {
            let n = match value {
                Value::Number(n) => n
                    .as_i64()
                    .or_else(|| n.as_f64().filter(|x| x.fract() == 0.0).map(|x| x as i64)),
                Value::String(s) => s.trim().parse::<i64>().ok(),
                _ => None,
            };
            let Some(n) = n else {
                issues.push(issue(
                    key,
                    format!(
                        "expected a whole number, got {}; default used",
                        type_name(value)
                    ),
                ));
                return None;
            };
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                issues.push(issue(
                    key,
                    format!(
                        "{n} is outside {}..{}; default used",
                        min.map_or(String::new(), |m| m.to_string()),
                        max.map_or(String::new(), |m| m.to_string())
                    ),
                ));
                return None;
            }
            Some(Value::from(n))
        }
        Kind::Str { one_of, pattern } => {
            let Value::String(s) = value else {
                issues.push(issue(
                    key,
                    format!("expected text, got {}; default used", type_name(value)),
                ));
                return None;
            };
            let s = s.trim();
            if let Some(allowed) = one_of {
                // Hand-typed registry values are often capitalised: accept any case.
                return match allowed.iter().find(|a| a.eq_ignore_ascii_case(s)) {
                    Some(a) => Some(Value::String(a.clone())),
                    None => {
                        issues.push(issue(
                            key,
                            format!("expected one of {}; default used", allowed.join(", ")),
                        ));
                        None
                    }
                };
            }
            if let Some(re) = pattern {
                if !s.is_empty() && !re.is_match(s) {
                    // A sensitive value (webhook URL) is never echoed.
                    issues.push(issue(key, "value has the wrong format; default used"));
                    return None;
                }
            }
            Some(Value::String(s.to_string()))
        }
        Kind::List { item_pattern } => {
            let items = list_items(key, value, issues)?;
            let mut out = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                let item = item.trim();
                if item.is_empty() {
                    continue;
                }
                if let Some(re) = item_pattern {
                    let lowered = item.to_ascii_lowercase();
                    if !re.is_match(&lowered) {
                        issues.push(issue(
                            key,
                            format!("item {} has the wrong format; skipped", i + 1),
                        ));
                        continue;
                    }
                    out.push(Value::String(lowered));
                } else {
                    out.push(Value::String(item.to_string()));
                }
            }
            Some(Value::Array(out))
        }
    }
}

/// The strings of a list value in any of the shapes browsers deliver: a JSON array, a multi-line
/// string, a string holding a JSON array (a registry `REG_SZ`), or an object with numbered keys
/// (a registry subkey with values "1", "2", ...).
fn list_items(key: &str, value: &Value, issues: &mut Vec<PolicyIssue>) -> Option<Vec<String>> {
    let scalar = |v: &Value, issues: &mut Vec<PolicyIssue>| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        other => {
            issues.push(issue(
                key,
                format!("list items must be text, got {}; skipped", type_name(other)),
            ));
            None
        }
    };
    match value {
        Value::Array(a) => Some(a.iter().filter_map(|v| scalar(v, issues)).collect()),
        Value::String(s) => {
            if s.trim_start().starts_with('[') {
                if let Ok(Value::Array(a)) = serde_json::from_str::<Value>(s) {
                    return Some(a.iter().filter_map(|v| scalar(v, issues)).collect());
                }
            }
            Some(s.lines().map(str::to_string).collect())
        }
        Value::Object(o) => {
            let mut entries: Vec<(u64, &Value)> = Vec::new();
            for (k, v) in o {
                match k.trim().parse::<u64>() {
                    Ok(n) => entries.push((n, v)),
                    Err(_) => issues.push(issue(key, "list subkey names must be numbers; skipped")),
                }
            }
            entries.sort_by_key(|(n, _)| *n);
            Some(
                entries
                    .into_iter()
                    .filter_map(|(_, v)| scalar(v, issues))
                    .collect(),
            )
        }
        other => {
            issues.push(issue(
                key,
                format!(
                    "expected a list of text, got {}; default used",
                    type_name(other)
                ),
            ));
            None
        }
    }
}

/// The strings of a list value in a normalised policy (empty when absent).
pub fn string_list(policy: &Map<String, Value>, key: &str) -> Vec<String> {
    policy
        .get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Checks on the effective policy that no single value can show: a channel without its address,
/// a host in two trust lists.
pub fn cross_check(policy: &Map<String, Value>) -> Vec<PolicyIssue> {
    let mut issues = Vec::new();
    let text = |k: &str| policy.get(k).and_then(Value::as_str).unwrap_or("");
    let needs = match text("incidentChannel") {
        "url" => Some("incidentUrlTemplate"),
        "mailto" => Some("incidentMailto"),
        "webhook" => Some("incidentWebhookUrl"),
        _ => None,
    };
    if let Some(k) = needs {
        if text(k).is_empty() {
            issues.push(issue(
                "incidentChannel",
                format!(
                    "channel {} needs {k}; reports cannot be sent",
                    text("incidentChannel")
                ),
            ));
        }
    }
    let lists = ["blockedSites", "approvedSites", "sites"];
    for (i, a) in lists.iter().enumerate() {
        for b in &lists[i + 1..] {
            let later = string_list(policy, b);
            for h in string_list(policy, a).iter().filter(|h| later.contains(h)) {
                issues.push(issue(b, format!("{h} is also in {a}; {a} wins")));
            }
        }
    }
    issues
}

/// A policy issue with the layer it came from (`managed` or `user`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourcedIssue {
    pub source: &'static str,
    pub key: String,
    pub message: String,
}

/// The effective policy: managed beats user beats defaults, key by key.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolved {
    pub policy: Map<String, Value>,
    pub managed_keys: Vec<String>,
    pub user_keys: Vec<String>,
    pub issues: Vec<SourcedIssue>,
}

pub fn resolve(managed: &Map<String, Value>, user: &Map<String, Value>) -> Resolved {
    let (m, m_issues) = normalize(managed);
    let (u, u_issues) = normalize(user);
    let mut policy = defaults();
    let user_keys: Vec<String> = u.keys().filter(|k| !m.contains_key(*k)).cloned().collect();
    for (k, v) in u.into_iter().chain(m.clone()) {
        policy.insert(k, v);
    }
    let sourced = |source: &'static str, list: Vec<PolicyIssue>| {
        list.into_iter().map(move |i| SourcedIssue {
            source,
            key: i.key,
            message: i.message,
        })
    };
    let mut issues: Vec<SourcedIssue> = sourced("managed", m_issues)
        .chain(sourced("user", u_issues))
        .collect();
    issues.extend(sourced("effective", cross_check(&policy)));
    Resolved {
        policy,
        managed_keys: m.keys().cloned().collect(),
        user_keys,
        issues,
    }
}

/// A policy object and where in the file it was found.
pub type Labelled = (String, Map<String, Value>);

/// The policy objects inside a file: a flat policy, Chromium's managed file
/// (`{"3rdparty":{"extensions":{ID:{...}}}}`) or Firefox's `policies.json`
/// (`{"policies":{"3rdparty":{"Extensions":{ID:{...}}}}}`). Returns (label, object) pairs.
pub fn policy_objects(file: &Value) -> Result<Vec<Labelled>, String> {
    let obj = file.as_object().ok_or("the file must hold a JSON object")?;
    let wrapped = |third: &Value, ext_key: &str, label: &str| -> Result<Vec<_>, String> {
        let exts = third
            .get(ext_key)
            .and_then(Value::as_object)
            .ok_or(format!("{label}: \"3rdparty\" has no \"{ext_key}\" object"))?;
        exts.iter()
            .map(|(id, v)| {
                v.as_object()
                    .map(|m| (format!("{label} {id}"), m.clone()))
                    .ok_or(format!("{label} {id}: the policy must be an object"))
            })
            .collect()
    };
    if let Some(third) = obj.get("3rdparty") {
        return wrapped(third, "extensions", "Chromium managed policy, extension");
    }
    if let Some(third) = obj.get("policies").and_then(|p| p.get("3rdparty")) {
        return wrapped(third, "Extensions", "Firefox policies.json, extension");
    }
    // The deploy kit's organisation file keeps the policy under "policy".
    if let (Some(Value::Object(p)), true) = (obj.get("policy"), obj.contains_key("organization")) {
        return Ok(vec![("organisation file, policy".to_string(), p.clone())]);
    }
    Ok(vec![("policy".to_string(), obj.clone())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn norm(v: Value) -> (Map<String, Value>, Vec<PolicyIssue>) {
        normalize(v.as_object().unwrap())
    }

    #[test]
    fn schema_and_defaults_agree() {
        let d = defaults();
        for p in properties() {
            assert!(d.contains_key(&p.key), "no default for {}", p.key);
        }
        assert_eq!(
            d.len(),
            properties().len(),
            "a default without a schema key"
        );
        // Every default is itself valid (patterns allow empty strings as "not set").
        let (values, issues) = normalize(&d);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(values, d);
        for k in [
            "sites",
            "approvedSites",
            "blockedSites",
            "internalDomains",
            "internalHosts",
        ] {
            let kind = &property(k).unwrap().kind;
            assert!(
                matches!(
                    kind,
                    Kind::List {
                        item_pattern: Some(_)
                    }
                ),
                "{k} is a host list"
            );
        }
        for c in Category::ALL {
            assert!(property(&action_key("action", c)).is_some());
            assert!(property(&action_key("approvedAction", c)).is_some());
        }
    }

    #[test]
    fn registry_booleans_and_numbers() {
        let (v, issues) = norm(json!({
            "allowOverride": 1, "requireOverrideReason": "false", "showStatusWhileTyping": "TRUE",
            "typingDelayMs": "450"
        }));
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(v["allowOverride"], json!(true));
        assert_eq!(v["requireOverrideReason"], json!(false));
        assert_eq!(v["showStatusWhileTyping"], json!(true));
        assert_eq!(v["typingDelayMs"], json!(450));
    }

    #[test]
    fn wrong_types_are_reported_and_left_out() {
        let (v, issues) = norm(json!({
            "allowOverride": 2, "typingDelayMs": 5, "language": "de", "failMode": ["block"],
            "organizationName": 7
        }));
        assert!(v.is_empty(), "{v:?}");
        let keys: Vec<_> = issues.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "allowOverride",
                "failMode",
                "language",
                "organizationName",
                "typingDelayMs"
            ]
        );
        assert!(issues[4].message.contains("50..2000"));
    }

    #[test]
    fn lists_in_every_shape() {
        let (v, issues) = norm(json!({
            "sites": {"2": "B.example.com", "1": "a.example.com", "10": "*.c.example"},
            "allowTerms": "Kommunen\n\n  Nämnden \n",
            "customTerms": "[\"classified:Projekt Falken\", \"Hemlig plan\"]",
            "internalHosts": ["intra.kommun.se"]
        }));
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(
            v["sites"],
            json!(["a.example.com", "b.example.com", "*.c.example"])
        );
        assert_eq!(v["allowTerms"], json!(["Kommunen", "Nämnden"]));
        assert_eq!(
            v["customTerms"],
            json!(["classified:Projekt Falken", "Hemlig plan"])
        );
        assert_eq!(v["internalHosts"], json!(["intra.kommun.se"]));
    }

    #[test]
    fn bad_list_items_are_skipped_not_the_list() {
        let (v, issues) = norm(json!({"sites": ["ok.example.com", "https://bad/path", 3, true]}));
        // 3 becomes "3", a valid single-label host; `true` is not text; the URL is not a host.
        assert_eq!(v["sites"], json!(["ok.example.com", "3"]));
        assert_eq!(issues.len(), 2, "{issues:?}");
    }

    #[test]
    fn enums_accept_any_case() {
        let (v, issues) = norm(json!({"actionName": "OFF", "incidentChannel": "Webhook"}));
        assert!(issues.is_empty());
        assert_eq!(v["actionName"], json!("off"));
        assert_eq!(v["incidentChannel"], json!("webhook"));
    }

    #[test]
    fn unknown_keys_with_a_hint() {
        let (v, issues) = norm(json!({"OrganizationName": "X", "mode": "warn"}));
        assert!(v.is_empty());
        assert!(issues[0].message.contains("did you mean organizationName"));
        assert_eq!(issues[1].key, "mode");
    }

    #[test]
    fn broken_patterns_are_skipped_and_never_echo_the_webhook() {
        let (v, issues) = norm(json!({
            "customPatterns": ["identifier:ÄR-[0-9]{4}", "classified:(unclosed", "x{99999999}"],
            "incidentWebhookUrl": "http://hooks.example/secret-token"
        }));
        assert_eq!(v["customPatterns"], json!(["identifier:ÄR-[0-9]{4}"]));
        assert_eq!(issues.len(), 3, "{issues:?}");
        let msgs: Vec<_> = issues.iter().map(|i| i.message.as_str()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("pattern 2 does not compile")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("pattern 3 does not compile")),
            "{msgs:?}"
        );
        assert!(msgs.iter().all(|m| !m.contains("secret-token")));
        assert!(v.get("incidentWebhookUrl").is_none());
        assert!(property("incidentWebhookUrl").unwrap().sensitive);
    }

    #[test]
    fn file_wrappers() {
        let flat = json!({"actionName": "off"});
        assert_eq!(policy_objects(&flat).unwrap().len(), 1);
        let chromium = json!({"3rdparty": {"extensions": {"abc": {"actionName": "off"}}}});
        let objs = policy_objects(&chromium).unwrap();
        assert_eq!(objs[0].1["actionName"], json!("off"));
        assert!(objs[0].0.contains("abc"));
        let firefox = json!({"policies": {"3rdparty": {"Extensions": {"a@b": {"x": 1}}}}});
        assert_eq!(policy_objects(&firefox).unwrap()[0].1["x"], json!(1));
        let org = json!({"organization": {}, "policy": {"actionName": "off"}});
        assert_eq!(
            policy_objects(&org).unwrap()[0].1["actionName"],
            json!("off")
        );
        assert!(policy_objects(&json!({"3rdparty": {}})).is_err());
        assert!(policy_objects(&json!([1])).is_err());
    }

    #[test]
    fn managed_beats_user_beats_defaults() {
        let managed = json!({"actionName": "off", "allowOverride": "1", "bogus": 1});
        let user = json!({"actionName": "block", "actionContact": "block", "allowOverride": false});
        let r = resolve(managed.as_object().unwrap(), user.as_object().unwrap());
        assert_eq!(r.policy["actionName"], json!("off"));
        assert_eq!(r.policy["allowOverride"], json!(true));
        assert_eq!(r.policy["actionContact"], json!("block"));
        assert_eq!(r.policy["actionHealth"], json!("block"));
        assert_eq!(r.managed_keys, ["actionName", "allowOverride"]);
        assert_eq!(r.user_keys, ["actionContact"]);
        assert_eq!(r.issues.len(), 1);
        assert_eq!(
            (r.issues[0].source, r.issues[0].key.as_str()),
            ("managed", "bogus")
        );
    }

    #[test]
    fn cross_checks() {
        let p = json!({"incidentChannel": "url", "sites": ["a.example"], "blockedSites": ["a.example"]});
        let r = resolve(p.as_object().unwrap(), &Map::new());
        let keys: Vec<_> = r
            .issues
            .iter()
            .map(|i| (i.source, i.key.as_str()))
            .collect();
        assert_eq!(
            keys,
            [("effective", "incidentChannel"), ("effective", "sites")]
        );
    }
}
