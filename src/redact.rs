//! Redaction: replace findings with numbered placeholders, and put the values back in a reply.

use crate::finding::Finding;
use serde::{Deserialize, Serialize};

/// One placeholder and the value it stands for. Kept in memory only by the caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placeholder {
    pub placeholder: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Redaction {
    pub text: String,
    pub mapping: Vec<Placeholder>,
}

/// Replaces each finding with `[LABEL n]`; the same value gets the same placeholder.
/// `findings` must be sorted and non-overlapping (as [`crate::Scanner::scan`] returns them).
pub fn redact(text: &str, findings: &[Finding]) -> Redaction {
    redact_with(text, findings, Vec::new())
}

/// Like [`redact`], but continues numbering from an earlier mapping of the same conversation.
pub fn redact_with(text: &str, findings: &[Finding], mut mapping: Vec<Placeholder>) -> Redaction {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for f in findings {
        let value = &text[f.start..f.end];
        let label = f.category.placeholder_label();
        let placeholder = match mapping
            .iter()
            .find(|p| p.value == value && p.placeholder.starts_with(&format!("[{label} ")))
        {
            Some(p) => p.placeholder.clone(),
            None => {
                let n = mapping
                    .iter()
                    .filter(|p| p.placeholder.starts_with(&format!("[{label} ")))
                    .count()
                    + 1;
                let p = format!("[{label} {n}]");
                mapping.push(Placeholder {
                    placeholder: p.clone(),
                    value: value.to_string(),
                });
                p
            }
        };
        out.push_str(&text[last..f.start]);
        out.push_str(&placeholder);
        last = f.end;
    }
    out.push_str(&text[last..]);
    Redaction { text: out, mapping }
}

/// Puts the real values back where a reply mentions placeholders.
pub fn restore(reply: &str, mapping: &[Placeholder]) -> String {
    let mut out = reply.to_string();
    // Longest first so "[NAMN 12]" is not cut by "[NAMN 1]" (brackets make that moot, but cheap).
    let mut sorted: Vec<&Placeholder> = mapping.iter().collect();
    sorted.sort_by_key(|p| std::cmp::Reverse(p.placeholder.len()));
    for p in sorted {
        out = out.replace(&p.placeholder, &p.value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scanner;

    #[test]
    fn same_value_same_placeholder_and_back() {
        let text = "a@b.se och c@d.se, igen a@b.se";
        let found = Scanner::default().scan(text);
        let r = redact(text, &found);
        assert_eq!(r.text, "[KONTAKT 1] och [KONTAKT 2], igen [KONTAKT 1]");
        assert_eq!(restore(&r.text, &r.mapping), text);
    }
}
