//! Secrets: API keys and tokens in known formats, private key blocks, connection strings and URLs
//! with passwords, passwords in configuration lines and in prose, door and PIN codes, and a
//! high-entropy fallback for long random values in `key=value` context.
//!
//! Values that are clearly not secrets are skipped: placeholders (`*****`, `<your-password>`,
//! `changeme`, `YOUR_API_KEY_HERE`), references (`$SecurePwd`, `${DB_PASS}`, `os.environ[...]`,
//! `DB_PASSWORD`), code, and hex-only strings such as commit ids and UUIDs (fallback only).
//! A finding covers the value (or the whole connection string / key block), not the key name.

use super::textutil::{is_word_char, next_char, prev_char};
use super::{Detector, Document};
use crate::category::Category;
use crate::finding::Finding;
use regex::Regex;

pub struct SecretDetector {
    token: Regex,
    connection: Regex,
    keyed: Regex,
    prose: Regex,
    entropy: Regex,
}

impl SecretDetector {
    pub fn new() -> SecretDetector {
        SecretDetector {
            token: Regex::new(concat!(
                r"(?P<pem>-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----(?s:.)*?-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----",
                r"|-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----(?:\r?\n[A-Za-z0-9+/=]+)+)",
                r"|(?P<jwt>eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,})",
                r"|(?P<github>(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}))",
                r"|(?P<gitlab>glpat-[A-Za-z0-9_\-]{20,})",
                r"|(?P<aws>(?:AKIA|ASIA)[A-Z0-9]{16})",
                r"|(?P<google>AIza[0-9A-Za-z_\-]{35})",
                r"|(?P<slack>xox[baprs]-[A-Za-z0-9\-]{10,})",
                r"|(?P<anthropic>sk-ant-[A-Za-z0-9_\-]{20,})",
                r"|(?P<openai>sk-(?:proj-)?[A-Za-z0-9_\-]{20,})",
                r"|(?P<stripe>(?:sk|rk)_live_[A-Za-z0-9]{16,})",
                r"|(?P<prefixed>[a-z]{2,8}_(?:live|prod|test)_[A-Za-z0-9]{16,})",
                r"|(?P<azure>(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{20,}={0,2})",
                r"|(?P<sas>[?&]sig=[A-Za-z0-9%+/]{20,}={0,2})",
                r"|(?P<bearer>(?i:bearer|basic)[ ][A-Za-z0-9\-._~+/]{20,}=*)",
            ))
            .expect("static regex"),
            connection: Regex::new(concat!(
                r"(?i)(?:server|host|data source|address|endpoint)=[^;\x22'\n]+;(?:[^;\x22'\n]*;)*?[ ]?(?:password|pwd)=[^;\x22'\n]+",
                r"|[a-z][a-z0-9+.\-]{1,20}://[^ \t\r\n:/@\x22']+:(?P<pass>[^ \t\r\n@/\x22']+)@[^ \t\r\n\x22'<>]+",
            ))
            .expect("static regex"),
            keyed: Regex::new(
                r#"(?i)(?P<key>[a-z0-9_.\-]*(?:passw(?:or)?d|passwd|passphrase|pwd|lösenord|secret|token|api[_\-]?key|apikey|access[_\-]?key|private[_\-]?key|authtok|credentials?|requirepass)[a-z0-9_.\-]*)(?P<sep>["']?[ \t]*(?:[:=]|=>)[ \t]*|["']?,[ \t]*)(?P<q>["']?)(?P<value>[^ \t\r\n"',;]+(?:[^ \t\r\n"']*[^ \t\r\n"',;])?)"#,
            )
            .expect("static regex"),
            prose: Regex::new(
                r"(?i)(?P<label>lösenord(?:et)?|password|pin-?kod(?:en)?|portkod(?:en)?|dörrkod(?:en)?|larmkod(?:en)?|kod(?:en)?)(?:[^.\n:=]{0,40}?)(?:[ ]är|:|=)[ ](?P<value>[^ \t\r\n\x22']{4,64})",
            )
            .expect("static regex"),
            entropy: Regex::new(
                r#"[A-Za-z_][A-Za-z0-9_.\-]*["']?[ \t]*[:=][ \t]*["']?(?P<value>[A-Za-z0-9+/=_\-.~]{24,})"#,
            )
            .expect("static regex"),
        }
    }
}

impl Default for SecretDetector {
    fn default() -> Self {
        Self::new()
    }
}

const PLACEHOLDER_WORDS: &[&str] = &[
    "your",
    "example",
    "exempel",
    "placeholder",
    "changeme",
    "dummy",
    "xxx",
    "***",
    "...",
    "<",
    "${",
    "{{",
    "%",
    "redacted",
    "hemligt",
    "secret",
    "password",
    "lösenord",
    "none",
    "null",
    "undefined",
    "true",
    "false",
    "todo",
    "test123",
];

/// True when `v` looks like a real secret value rather than a placeholder, reference or code.
fn real_value(v: &str) -> bool {
    let v = v.trim_matches(['"', '\'']);
    if v.chars().count() < 4 {
        return false;
    }
    let lower = v.to_lowercase();
    if PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w)) {
        return false;
    }
    let first = v.chars().next().unwrap_or(' ');
    if v.chars().all(|c| c == first) || first == '$' || v.contains(['(', ')', '[', ']']) {
        return false;
    }
    // Environment-variable names (`DB_PASSWORD`) and URLs without credentials are references.
    if v.chars()
        .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        && v.contains('_')
    {
        return false;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("file:") {
        return false;
    }
    true
}

/// A password typed in prose: mixes letters with digits or symbols, no plain word.
fn password_like(v: &str) -> bool {
    let letters = v.chars().filter(|c| c.is_alphabetic()).count();
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let symbols = v.chars().filter(|c| !c.is_alphanumeric()).count();
    v.chars().count() >= 6 && letters > 0 && (digits > 0 || symbols > 0)
}

fn shannon_entropy(v: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in v.bytes() {
        counts[b as usize] += 1;
    }
    let n = v.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

impl Detector for SecretDetector {
    fn name(&self) -> &'static str {
        "secret"
    }

    fn categories(&self) -> &'static [Category] {
        &[Category::Secret]
    }

    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text;
        let push = |out: &mut Vec<Finding>, kind, s, e| {
            out.push(Finding::new(Category::Secret, kind, s, e));
        };
        for caps in self.token.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            let (mut s, e) = (m.start(), m.end());
            let glued = prev_char(text, s).is_some_and(is_word_char)
                || next_char(text, e).is_some_and(is_word_char);
            if glued && caps.name("sas").is_none() {
                continue;
            }
            let kind = [
                "pem",
                "jwt",
                "github",
                "gitlab",
                "aws",
                "google",
                "slack",
                "anthropic",
                "openai",
                "stripe",
                "prefixed",
                "azure",
                "sas",
                "bearer",
            ]
            .into_iter()
            .find(|k| caps.name(k).is_some())
            .unwrap_or("token");
            let kind = match kind {
                "pem" => "private_key",
                "bearer" | "jwt" => "token",
                "sas" => {
                    s += 1;
                    "sas_token"
                }
                _ => "api_key",
            };
            if kind == "token" && caps.name("bearer").is_some() {
                let value = m.as_str().split(' ').nth(1).unwrap_or("");
                if !real_value(value) {
                    continue;
                }
            }
            push(out, kind, s, e);
        }
        for caps in self.connection.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            let pass = caps
                .name("pass")
                .map_or("xxxxxx-placeholder-free", |p| p.as_str());
            let password_part = m.as_str().to_lowercase();
            let pw = password_part.rsplit(['=', ':']).next().unwrap_or("");
            if caps.name("pass").is_some() && !real_value(pass) {
                continue;
            }
            if caps.name("pass").is_none() && !real_value(pw) {
                continue;
            }
            let trimmed = m.as_str().trim_end_matches(['.', ',', ')']);
            push(
                out,
                "connection_string",
                m.start(),
                m.start() + trimmed.len(),
            );
        }
        for caps in self.keyed.captures_iter(text) {
            let (Some(key), Some(v)) = (caps.name("key"), caps.name("value")) else {
                continue;
            };
            if prev_char(text, key.start()).is_some_and(is_word_char) {
                continue;
            }
            let sep = caps.name("sep").map_or("", |m| m.as_str());
            // `"--requirepass", "value"` style argument lists need a quote before the comma.
            if sep.trim_start().starts_with(',') && !sep.starts_with(['"', '\'']) {
                continue;
            }
            let quoted = caps.name("q").is_some_and(|q| !q.as_str().is_empty());
            let mut end = v.end();
            if quoted {
                // Quoted values may contain spaces, commas and semicolons: run to the closing quote.
                let q = caps["q"].chars().next().unwrap_or('"');
                if let Some(p) = text[v.start()..].find(q) {
                    if !text[v.start()..v.start() + p].contains('\n') {
                        end = v.start() + p;
                    }
                }
            }
            let value = &text[v.start()..end];
            if real_value(value) && !value.contains("://") {
                push(out, "password", v.start(), end);
            }
        }
        for caps in self.prose.captures_iter(text) {
            let (Some(label), Some(v)) = (caps.name("label"), caps.name("value")) else {
                continue;
            };
            if prev_char(text, label.start()).is_some_and(is_word_char) {
                continue;
            }
            let value = v.as_str().trim_end_matches(['.', ',', ';', '!', '?', ')']);
            let code_label = label.as_str().to_lowercase().contains("kod");
            let ok = if code_label {
                (4..=8).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit())
            } else {
                password_like(value) && real_value(value)
            };
            if ok {
                push(
                    out,
                    if code_label { "code" } else { "password" },
                    v.start(),
                    v.start() + value.len(),
                );
            }
        }
        for caps in self.entropy.captures_iter(text) {
            let Some(v) = caps.name("value") else {
                continue;
            };
            let value = v.as_str();
            if next_char(text, v.end()).is_some_and(is_word_char) || value.contains("://") {
                continue;
            }
            let hex_only = value.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
            let classes = [
                value.bytes().any(|b| b.is_ascii_uppercase()),
                value.bytes().any(|b| b.is_ascii_lowercase()),
                value.bytes().any(|b| b.is_ascii_digit()),
            ]
            .iter()
            .filter(|&&x| x)
            .count();
            if !hex_only
                && classes == 3
                && shannon_entropy(value) >= 4.0
                && real_value(value)
                && !value.contains('/')
            {
                push(out, "high_entropy", v.start(), v.end());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        SecretDetector::new().detect(&Document::new(text), &mut out);
        out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        // Overlaps are resolved by the scanner; keep the outermost here.
        let mut v: Vec<String> = Vec::new();
        let mut last_end = 0;
        for f in &out {
            if f.start >= last_end {
                v.push(text[f.start..f.end].to_string());
                last_end = f.end;
            }
        }
        v
    }

    #[test]
    fn token_formats() {
        for t in [
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789AB",
            "glpat-abcdefghij0123456789",
            "AKIAIOSFODNN7EXAMPLE",
            "AIzaSyA1234567890abcdefghijklmnopqrstuv",
            "xoxb-1234567890-abcdefghij",
            "sk-proj-abcdefghij0123456789ABCD",
            "sk-ant-api03-abcdefghij0123456789",
            "sk_live_abcdefghij0123456789",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcdefghijklmnop",
        ] {
            assert_eq!(found(&format!("nyckel {t} här")), [t], "{t}");
        }
        let pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
        assert_eq!(found(&format!("Nyckel:\n{pem}\nTack")), [pem]);
    }

    #[test]
    fn config_values() {
        assert_eq!(found("POSTGRES_PASSWORD=hG7!pQ2#vLx9\n"), ["hG7!pQ2#vLx9"]);
        assert_eq!(
            found("ldap_default_authtok = Sommar!2023-ldap"),
            ["Sommar!2023-ldap"]
        );
        assert_eq!(
            found("  AZURE_CLIENT_SECRET: Qx8~R2m.vT0wLk9_ZpE4sN\n"),
            ["Qx8~R2m.vT0wLk9_ZpE4sN"]
        );
        assert_eq!(found(r#"{"Password": "Hemlis 12;3"}"#), ["Hemlis 12;3"]);
        assert_eq!(
            found(r#"["redis-server", "--requirepass", "uvSwMFLZDe1f8rESQ"]"#),
            ["uvSwMFLZDe1f8rESQ"]
        );
        assert_eq!(
            found("-H \"X-Api-Key: kmn_prod_9f3e1a7c2b8d4e6f0a5b\""),
            ["kmn_prod_9f3e1a7c2b8d4e6f0a5b"]
        );
        let cs = "Server=sql01;Database=App;User Id=svc;Password=Vinter2024!kn";
        assert_eq!(found(&format!("\"Db\": \"{cs}\"")), [cs]);
        let url = "postgres://app:Tr0ll3r_77@db01.kommun.se:5432/app";
        assert_eq!(found(&format!("DATABASE_URL={url}\n"))[0], url);
    }

    #[test]
    fn prose() {
        assert_eq!(
            found("Har fått nytt lösenord via SMS: Kaffe#Bulle82 men"),
            ["Kaffe#Bulle82"]
        );
        assert_eq!(found("Hennes kod till personalingången är 7734."), ["7734"]);
        assert!(found("Lösenordet genereras med Get-Random och är 10 tecken långt.").is_empty());
    }

    #[test]
    fn not_secrets() {
        for t in [
            "password = os.environ.get(\"DB_PASSWORD\")",
            "if password is None:",
            "X-Api-Key: YOUR_API_KEY_HERE.",
            "password=*****",
            "password: <your-password>",
            "New-ADUser -AccountPassword $SecurePwd",
            "commit: 3f9a1c227b4e4f0e9d2b5e8a7c6d1f03aa11bb22",
            "AZURE_TENANT_ID: 8c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f",
            "TOKEN_URL=https://login.kommun.se/token",
            "byter lösenord i Office 365",
            "DB_HOST, DB_PORT och DB_PASSWORD.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn entropy_fallback() {
        assert_eq!(
            found("SESSION_X=IBXuDL7DxtpYlSXpfKtHF4vUCsMehGAkWvj7FAc9\n"),
            ["IBXuDL7DxtpYlSXpfKtHF4vUCsMehGAkWvj7FAc9"]
        );
    }
}
