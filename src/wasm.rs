//! JavaScript bindings. Offsets crossing this boundary are UTF-16 code units, as JS counts.

use crate::category::{Action, Category};
use crate::finding::Finding;
use crate::policy::Policy;
use crate::redact::{self, Placeholder};
use crate::scanner::Scanner;
use crate::text::Utf16Mapper;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct JsFinding {
    category: &'static str,
    kind: &'static str,
    start: usize,
    end: usize,
    score: f32,
    explanation: &'static str,
    /// The policy's action for the category, so the caller needs no second lookup.
    action: &'static str,
}

fn action_id(a: Action) -> &'static str {
    match a {
        Action::Block => "block",
        Action::Warn => "warn",
        Action::Off => "off",
    }
}

fn to_js(text: &str, findings: &[Finding], policy: &Policy) -> Vec<JsFinding> {
    let mut map = Utf16Mapper::new(text);
    findings
        .iter()
        .map(|f| JsFinding {
            category: f.category.id(),
            kind: f.kind,
            start: map.to_utf16(f.start),
            end: map.to_utf16(f.end),
            score: f.score,
            explanation: f.explanation,
            action: action_id(policy.action(f.category)),
        })
        .collect()
}

fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::json_compatible()
}

/// A scanner built from a policy (a flat JSON object, see `deploy/schema.json`).
#[wasm_bindgen]
pub struct Engine {
    scanner: Scanner,
    issues: Vec<crate::policy::PolicyIssue>,
}

#[wasm_bindgen]
impl Engine {
    /// Builds an engine. Broken policy JSON falls back to the built-in defaults and is reported
    /// through `issues()`, so protection is never switched off by a typo.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: &str) -> Engine {
        let (policy, mut issues) = match Policy::from_json(policy_json) {
            Ok(r) => r,
            Err(message) => (
                Policy::default(),
                vec![crate::policy::PolicyIssue {
                    key: String::new(),
                    message,
                }],
            ),
        };
        let scanner = Scanner::new(policy);
        issues.extend(scanner.issues().iter().cloned());
        Engine { scanner, issues }
    }

    /// Findings for `text`: `[{category, kind, start, end, score, explanation}]`.
    pub fn scan(&self, text: &str) -> Result<JsValue, JsValue> {
        let found = self.scanner.scan(text);
        to_js(text, &found, self.scanner.policy())
            .serialize(&serializer())
            .map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// `{text, mapping: [{placeholder, value}], findings}`; `previous` is the conversation's
    /// mapping so far (or undefined), so numbering stays consistent.
    pub fn redact(&self, text: &str, previous: JsValue) -> Result<JsValue, JsValue> {
        let previous: Vec<Placeholder> = if previous.is_undefined() || previous.is_null() {
            Vec::new()
        } else {
            serde_wasm_bindgen::from_value(previous)?
        };
        let found = self.scanner.scan(text);
        let r = redact::redact_with(text, &found, previous);
        #[derive(Serialize)]
        struct Out<'a> {
            text: &'a str,
            mapping: &'a [Placeholder],
            findings: Vec<JsFinding>,
        }
        Out {
            text: &r.text,
            mapping: &r.mapping,
            findings: to_js(text, &found, self.scanner.policy()),
        }
        .serialize(&serializer())
        .map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// The policy as the UI needs it: `{actions: {category: "block"|"warn"|"off"}}`.
    pub fn policy(&self) -> Result<JsValue, JsValue> {
        let actions: std::collections::BTreeMap<&str, &str> = Category::ALL
            .iter()
            .map(|&c| (c.id(), action_id(self.scanner.policy().action(c))))
            .collect();
        #[derive(Serialize)]
        struct Out<'a> {
            actions: std::collections::BTreeMap<&'a str, &'a str>,
        }
        Out { actions }
            .serialize(&serializer())
            .map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// Problems with the policy: `[{key, message}]`.
    pub fn issues(&self) -> Result<JsValue, JsValue> {
        self.issues
            .serialize(&serializer())
            .map_err(|e| JsValue::from_str(&e.to_string()))
    }
}

/// Replaces placeholders in `reply` with the values in `mapping`.
#[wasm_bindgen]
pub fn restore(reply: &str, mapping: JsValue) -> Result<String, JsValue> {
    let mapping: Vec<Placeholder> = serde_wasm_bindgen::from_value(mapping)?;
    Ok(redact::restore(reply, &mapping))
}

/// Builds the policy-independent part of every engine (most of the cost of `new Engine`), so
/// the extension can do it while the policy is still being read.
#[wasm_bindgen(js_name = prepareCore)]
pub fn prepare_core() {
    crate::scanner::prepare();
}

/// The crate version, for the diagnostics view.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
