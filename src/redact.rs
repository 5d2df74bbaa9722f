//! Redaction: replace findings with numbered placeholders, and put the values back in a reply.
//!
//! Placeholders are `[LABEL n]` (e.g. `[NAMN 1]`), numbered per category label, and the same
//! value in the same category always gets the same placeholder within a conversation (the
//! mapping is carried over with [`redact_with`]). A placeholder that already occurs in the text is
//! never handed out, so [`restore`] of a redacted text gives back exactly the original.
//! [`restore`] works in one left-to-right pass: a restored value is never scanned again, and a
//! placeholder is only replaced as a whole (`[NAMN 1]` never matches inside `[NAMN 12]`).

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
/// `findings` should be sorted and non-overlapping (as [`crate::Scanner::scan`] returns them);
/// findings that overlap an earlier one or do not lie on char boundaries are skipped.
pub fn redact(text: &str, findings: &[Finding]) -> Redaction {
    redact_with(text, findings, Vec::new())
}

/// The label of a placeholder: `"NAMN"` for `"[NAMN 3]"`.
fn label_of(placeholder: &str) -> Option<(&str, usize)> {
    let inner = placeholder.strip_prefix('[')?.strip_suffix(']')?;
    let (label, n) = inner.rsplit_once(' ')?;
    Some((label, n.parse().ok()?))
}

/// Like [`redact`], but continues numbering from an earlier mapping of the same conversation.
pub fn redact_with(text: &str, findings: &[Finding], mut mapping: Vec<Placeholder>) -> Redaction {
    let mut by_value: HashMap<(String, String), String> = HashMap::new();
    let mut next: HashMap<String, usize> = HashMap::new();
    for p in &mapping {
        if let Some((label, n)) = label_of(&p.placeholder) {
            by_value.insert((label.to_string(), p.value.clone()), p.placeholder.clone());
            let e = next.entry(label.to_string()).or_insert(1);
            *e = (*e).max(n + 1);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for f in findings {
        if f.start < last
            || f.start >= f.end
            || f.end > text.len()
            || !text.is_char_boundary(f.start)
            || !text.is_char_boundary(f.end)
        {
            continue;
        }
        let value = &text[f.start..f.end];
        let label = f.category.placeholder_label();
        let key = (label.to_string(), value.to_string());
        let placeholder = match by_value.get(&key) {
            Some(p) => p.clone(),
            None => {
                let n = next.entry(label.to_string()).or_insert(1);
                let mut p = format!("[{label} {n}]");
                // Never hand out a placeholder the text itself contains.
                while text.contains(&p) {
                    *n += 1;
                    p = format!("[{label} {n}]");
                }
                *n += 1;
                mapping.push(Placeholder {
                    placeholder: p.clone(),
                    value: value.to_string(),
                });
                by_value.insert(key, p.clone());
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

/// Puts the real values back where a reply mentions placeholders, in one pass.
pub fn restore(reply: &str, mapping: &[Placeholder]) -> String {
    let values: HashMap<&str, &str> = mapping
        .iter()
        .map(|p| (p.placeholder.as_str(), p.value.as_str()))
        .collect();
    let mut out = String::with_capacity(reply.len());
    let mut rest = reply;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let candidate = &rest[open..];
        // A placeholder has exactly one `]`, at its end, so the first `]` decides.
        let hit = candidate
            .find(']')
            .map(|close| &candidate[..=close])
            .and_then(|p| values.get(p).map(|v| (p.len(), *v)));
        match hit {
            Some((len, value)) => {
                out.push_str(value);
                rest = &candidate[len..];
            }
            None => {
                out.push('[');
                rest = &candidate[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category;
    use crate::Scanner;
    use proptest::prelude::*;

    #[test]
    fn same_value_same_placeholder_and_back() {
        let text = "a@b.se och c@d.se, igen a@b.se";
        let found = Scanner::default().scan(text);
        let r = redact(text, &found);
        assert_eq!(r.text, "[KONTAKT 1] och [KONTAKT 2], igen [KONTAKT 1]");
        assert_eq!(restore(&r.text, &r.mapping), text);
    }

    #[test]
    fn restore_is_not_fooled() {
        let mapping = vec![
            Placeholder {
                placeholder: "[NAMN 1]".into(),
                value: "[NAMN 2]".into(),
            },
            Placeholder {
                placeholder: "[NAMN 2]".into(),
                value: "Anna".into(),
            },
        ];
        // The restored value "[NAMN 2]" is not replaced again; "[NAMN 12]" is left alone.
        assert_eq!(
            restore("[NAMN 1] [NAMN 12] [[NAMN 2]", &mapping),
            "[NAMN 2] [NAMN 12] [Anna"
        );
    }

    #[test]
    fn placeholders_already_in_text_are_skipped() {
        let text = "[KONTAKT 1] är a@b.se";
        let found = Scanner::default().scan(text);
        let r = redact(text, &found);
        assert_eq!(r.text, "[KONTAKT 1] är [KONTAKT 2]");
        assert_eq!(restore(&r.text, &r.mapping), text);
    }

    #[test]
    fn conversation_numbering_continues() {
        let first = redact("a@b.se", &Scanner::default().scan("a@b.se"));
        let text = "c@d.se och a@b.se";
        let second = redact_with(text, &Scanner::default().scan(text), first.mapping);
        assert_eq!(second.text, "[KONTAKT 2] och [KONTAKT 1]");
    }

    fn text_and_findings() -> impl Strategy<Value = (String, Vec<Finding>)> {
        (
            "[a-c\\[\\] 0-9KONTAMNå😀]{0,60}",
            proptest::collection::vec(
                (
                    any::<prop::sample::Index>(),
                    any::<prop::sample::Index>(),
                    0usize..9,
                ),
                0..8,
            ),
        )
            .prop_map(|(s, picks)| {
                let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
                let mut spans: Vec<(usize, usize, usize)> = picks
                    .iter()
                    .map(|(a, b, c)| {
                        let (x, y) = (bounds[a.index(bounds.len())], bounds[b.index(bounds.len())]);
                        (x.min(y), x.max(y), *c)
                    })
                    .filter(|(x, y, _)| x < y)
                    .collect();
                spans.sort();
                let mut findings = Vec::new();
                let mut last = 0;
                for (x, y, c) in spans {
                    if x >= last {
                        findings.push(Finding::new(Category::ALL[c], "test", x, y));
                        last = y;
                    }
                }
                (s, findings)
            })
    }

    proptest! {
        #[test]
        fn restore_inverts_redact((text, findings) in text_and_findings()) {
            let r = redact(&text, &findings);
            prop_assert_eq!(restore(&r.text, &r.mapping), text);
        }
    }
}
