//! Policy bindings for the extension. They live here, next to the normaliser, rather than in
//! `src/wasm.rs`, so the policy code has one owner; wasm-bindgen exports them all the same.

use super::schema;
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

fn to_map(v: JsValue, what: &str) -> Result<Map<String, Value>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(Map::new());
    }
    match serde_wasm_bindgen::from_value::<Value>(v) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(JsValue::from_str(&format!("{what} must be an object"))),
        Err(e) => Err(JsValue::from_str(&format!("{what}: {e}"))),
    }
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// `normalizePolicy(obj)` → `{policy, issues}`: one layer checked against the schema; `policy`
/// holds only the valid keys that were given.
#[wasm_bindgen(js_name = normalizePolicy)]
pub fn normalize_policy(obj: JsValue) -> Result<JsValue, JsValue> {
    let (policy, issues) = schema::normalize(&to_map(obj, "policy")?);
    #[derive(Serialize)]
    struct Out {
        policy: Map<String, Value>,
        issues: Vec<super::PolicyIssue>,
    }
    to_js(&Out { policy, issues })
}

/// `resolvePolicy(managed, user)` → `{policy, managedKeys, userKeys, issues: [{source, key,
/// message}]}`: the effective policy, managed > user > defaults.
#[wasm_bindgen(js_name = resolvePolicy)]
pub fn resolve_policy(managed: JsValue, user: JsValue) -> Result<JsValue, JsValue> {
    to_js(&schema::resolve(
        &to_map(managed, "managed policy")?,
        &to_map(user, "user settings")?,
    ))
}

/// The built-in defaults for every schema key.
#[wasm_bindgen(js_name = policyDefaults)]
pub fn policy_defaults() -> Result<JsValue, JsValue> {
    to_js(&schema::defaults())
}
