//! `promptvakt policy …`: lets IT check a policy file against `deploy/schema.json` before it is
//! rolled out, with the same normaliser the extension uses.

use anyhow::{Context, Result};
use clap::Subcommand;
use promptvakt::policy::schema;
use promptvakt::{Policy, Scanner};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum PolicyCommand {
    /// Validate a policy file: a flat object, Chromium's managed file or Firefox's policies.json.
    /// Exit status 0 when clean, 1 when there are problems.
    Check {
        file: PathBuf,
        /// Print {"objects":[{"label","issues","policy"}]} instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the managed-storage schema.
    Schema,
    /// Print the built-in defaults.
    Defaults,
}

pub fn run(command: PolicyCommand) -> Result<()> {
    match command {
        PolicyCommand::Schema => print!("{}", schema::SCHEMA_JSON),
        PolicyCommand::Defaults => {
            println!("{}", serde_json::to_string_pretty(&schema::defaults())?)
        }
        PolicyCommand::Check { file, json } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let (report, problems) = check(&text);
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", render(&report));
            }
            if problems > 0 {
                std::process::exit(1);
            }
        }
    }
    Ok(())
}

/// The report as JSON and the number of problems found.
pub fn check(text: &str) -> (serde_json::Value, usize) {
    let file: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let msg = format!("not valid JSON: {e}");
            return (serde_json::json!({"error": msg}), 1);
        }
    };
    let objects = match schema::policy_objects(&file) {
        Ok(o) => o,
        Err(e) => return (serde_json::json!({"error": e}), 1),
    };
    let mut problems = 0;
    let mut out = Vec::new();
    for (label, map) in objects {
        let resolved = schema::resolve(&map, &serde_json::Map::new());
        let mut issues: Vec<serde_json::Value> = resolved
            .issues
            .iter()
            .map(|i| serde_json::json!({"key": i.key, "message": i.message}))
            .collect();
        // The scanner's own issues (e.g. a custom rule it cannot use).
        let (policy, _) = Policy::from_map(&map);
        for i in Scanner::new(policy).issues() {
            issues.push(serde_json::json!({"key": i.key, "message": i.message}));
        }
        problems += issues.len();
        let mut shown = resolved.policy.clone();
        for p in schema::properties().iter().filter(|p| p.sensitive) {
            if let Some(v) = shown.get_mut(&p.key) {
                if v.as_str().is_some_and(|s| !s.is_empty()) {
                    *v = "********".into();
                }
            }
        }
        out.push(serde_json::json!({
            "label": label,
            "settings": resolved.managed_keys.len(),
            "issues": issues,
            "policy": shown,
        }));
    }
    (serde_json::json!({ "objects": out }), problems)
}

fn render(report: &serde_json::Value) -> String {
    if let Some(e) = report.get("error").and_then(|e| e.as_str()) {
        return format!("error: {e}\n");
    }
    let mut s = String::new();
    for o in report["objects"].as_array().into_iter().flatten() {
        let issues = o["issues"].as_array().cloned().unwrap_or_default();
        let label = o["label"].as_str().unwrap_or("");
        if issues.is_empty() {
            s += &format!("{label}: OK ({} settings valid)\n", o["settings"]);
        } else {
            s += &format!("{label}: {} problem(s)\n", issues.len());
            for i in issues {
                s += &format!(
                    "  {}: {}\n",
                    i["key"].as_str().unwrap_or(""),
                    i["message"].as_str().unwrap_or("")
                );
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_file_has_no_problems() {
        let (r, n) = check(
            r#"{"3rdparty":{"extensions":{"id":{"actionName":"off","sites":["ai.kommun.example"]}}}}"#,
        );
        assert_eq!(n, 0, "{r}");
        assert!(render(&r).contains("OK (2 settings valid)"));
    }

    #[test]
    fn problems_are_listed_by_key() {
        let (r, n) = check(
            r#"{"actionName":"sometimes","allowOverride":"maybe","Sites":[],"customPatterns":["(x"],
                "incidentChannel":"webhook","incidentWebhookUrl":"https://hooks.example/T0KEN"}"#,
        );
        assert_eq!(n, 4, "{r}");
        let text = render(&r);
        for key in ["actionName:", "allowOverride:", "Sites:", "customPatterns:"] {
            assert!(text.contains(key), "{text}");
        }
        assert!(
            !r.to_string().contains("T0KEN"),
            "webhook URL must be masked"
        );
    }

    #[test]
    fn broken_json_is_one_problem() {
        let (r, n) = check("{nope");
        assert_eq!(n, 1);
        assert!(render(&r).starts_with("error: not valid JSON"));
    }
}
