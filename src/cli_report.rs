//! The human-readable scan report of the CLI: each finding with category, kind, line:column and
//! the matched text highlighted in its context, then a summary by category. ANSI colour only when
//! stdout is a terminal (and `NO_COLOR` is unset). This report is the one place where matched
//! text is printed, and only to the user's own terminal or pipe.

use promptvakt::{Action, Category, Finding, Policy};
use std::io::{self, Write};

/// Characters of context shown on each side of a match.
const CONTEXT: usize = 40;

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, text[line_start..at].chars().count() + 1)
}

/// Up to `n` chars before / after, on one line, with control characters made visible.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\t' => ' ',
            c if c.is_control() => '·',
            c => c,
        })
        .collect()
}

fn context(text: &str, f: &Finding) -> (String, String, String) {
    let before: String = {
        let v: Vec<char> = text[..f.start].chars().rev().take(CONTEXT).collect();
        v.into_iter().rev().collect()
    };
    let after: String = text[f.end..].chars().take(CONTEXT).collect();
    let matched = &text[f.start..f.end];
    let matched = if matched.chars().count() > 120 {
        let head: String = matched.chars().take(60).collect();
        let tail: Vec<char> = matched.chars().rev().take(40).collect();
        format!("{head} … {}", tail.into_iter().rev().collect::<String>())
    } else {
        matched.to_string()
    };
    (clean(&before), clean(&matched), clean(&after))
}

/// Writes the report; `name` is how the input is called in the header.
pub fn write(
    out: &mut dyn Write,
    name: &str,
    text: &str,
    found: &[Finding],
    policy: &Policy,
    colour: bool,
) -> io::Result<()> {
    let st = Style { on: colour };
    if found.is_empty() {
        writeln!(out, "{}: {}", name, st.paint("32", "nothing found"))?;
        return Ok(());
    }
    writeln!(
        out,
        "{}: {} finding{}",
        name,
        found.len(),
        if found.len() == 1 { "" } else { "s" }
    )?;
    writeln!(out)?;
    for f in found {
        let (line, col) = line_col(text, f.start);
        let (before, matched, after) = context(text, f);
        let action = policy.action(f.category);
        let code = match action {
            Action::Block => "1;97;41",
            _ => "1;30;43",
        };
        writeln!(
            out,
            "  {:>4}:{:<3} {:<13} {:<20} {}{}{}",
            line,
            col,
            st.paint(
                if action == Action::Block {
                    "1;31"
                } else {
                    "1;33"
                },
                f.category.id()
            ),
            f.kind,
            st.paint("2", &format!("…{before}")),
            if colour {
                st.paint(code, &matched)
            } else {
                format!("[{matched}]")
            },
            st.paint("2", &format!("{after}…")),
        )?;
    }
    writeln!(out)?;
    write!(out, "Summary:")?;
    for c in Category::ALL {
        let n = found.iter().filter(|f| f.category == c).count();
        if n > 0 {
            let action = match policy.action(c) {
                Action::Block => "block",
                Action::Warn => "warn",
                Action::Off => "off",
            };
            write!(out, "  {} {} ({})", c.id(), n, action)?;
        }
    }
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use promptvakt::Scanner;

    #[test]
    fn plain_report_has_position_kind_and_summary() {
        let text = "Hej!\nMejla anna.berg@example.se eller ring 070-123 45 67.";
        let scanner = Scanner::default();
        let found = scanner.scan(text);
        let mut buf = Vec::new();
        write(&mut buf, "-", text, &found, scanner.policy(), false).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.contains("2:7"), "{s}");
        assert!(s.contains("[anna.berg@example.se]"), "{s}");
        assert!(s.contains("Summary:  contact 2 (warn)"), "{s}");
        assert!(!s.contains('\x1b'));
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_col("åäö x", 7), (1, 5));
        assert_eq!(line_col("a\n😀b", 6), (2, 2));
    }
}
