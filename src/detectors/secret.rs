//! Secrets: API keys and tokens in known formats, private key blocks, connection strings and URLs
//! with passwords, passwords in configuration lines and in prose, door and PIN codes, and a
//! high-entropy fallback for long random values in `key=value` context.
//!
//! Values that are clearly not secrets are skipped: placeholders (`*****`, `<your-password>`,
//! `changeme`, `YOUR_API_KEY_HERE`), references (`$SecurePwd`, `${DB_PASS}`, `os.environ[...]`,
//! `DB_PASSWORD`), code, and hex-only strings such as commit ids and UUIDs (fallback only).
//! A finding covers the value (or the whole connection string / key block), not the key name.

use super::textutil::{
    captures_in, ceil_boundary, cue_regions, floor_boundary, is_word_char, next_char, prev_char,
};
use super::{Detector, Document};
use crate::category::Category;
use crate::finding::Finding;
use regex::Regex;

const CUES: &[&str] = &[
    "pass",
    "pwd",
    "lösenord",
    "LÖSENORD",
    "secret",
    "token",
    "key",
    "authtok",
    "credential",
    "kod",
    "KOD",
    "://",
    "server=",
    "host=",
    "data source",
    "address=",
    "endpoint=",
    "-----begin",
    "eyj",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "akia",
    "asia",
    "aiza",
    "xox",
    "sk-",
    "sk_",
    "rk_",
    "_live_",
    "_prod_",
    "_test_",
    "sig=",
    "bearer",
    "basic",
];
/// Window around a cue in which the regexes run (bytes before, after).
const WINDOW: (usize, usize) = (48, 420);

pub struct SecretDetector {
    /// Literal cues (key words, token prefixes): the regexes only run in windows around them.
    cues: super::textutil::Cues,
    token: Regex,
    connection: Regex,
    keyed: Regex,
    prose: Regex,
    /// Literals every match of the pattern holds: windows without them are not searched.
    gates: [super::textutil::Gate; 4],
}

impl SecretDetector {
    pub fn new() -> SecretDetector {
        use super::textutil::Gate;
        SecretDetector {
            gates: [
                Gate::new(&[
                    "-----begin",
                    "eyj",
                    "ghp_",
                    "gho_",
                    "ghu_",
                    "ghs_",
                    "ghr_",
                    "github_pat_",
                    "glpat-",
                    "akia",
                    "asia",
                    "aiza",
                    "xox",
                    "sk-",
                    "_live_",
                    "_prod_",
                    "_test_",
                    "key=",
                    "sig=",
                    "bearer",
                    "basic",
                ]),
                Gate::new(&["server=", "host=", "data source=", "address=", "endpoint="]),
                Gate::new(&[
                    "passw",
                    "passphrase",
                    "pwd",
                    "lösenord",
                    "secret",
                    "token",
                    "key",
                    "authtok",
                    "credential",
                    "requirepass",
                ]),
                Gate::new(&["lösenord", "password", "kod"]),
            ],
            cues: super::textutil::folded_cue_automaton(CUES),
            token: Regex::new(concat!(
                r"(?P<pem>-----BEGIN [A-Z ]{0,30}PRIVATE KEY(?: BLOCK)?-----)",
                r"|(?P<jwt>eyJ[A-Za-z0-9_\-]{8,2000}\.eyJ[A-Za-z0-9_\-]{8,2000}\.[A-Za-z0-9_\-]{8,2000})",
                r"|(?P<github>(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{40,255}))",
                r"|(?P<gitlab>glpat-[A-Za-z0-9_\-]{20,255})",
                r"|(?P<aws>(?:AKIA|ASIA)[A-Z0-9]{16})",
                r"|(?P<google>AIza[0-9A-Za-z_\-]{35})",
                r"|(?P<slack>xox[baprs]-[A-Za-z0-9\-]{10,255})",
                r"|(?P<anthropic>sk-ant-[A-Za-z0-9_\-]{20,255})",
                r"|(?P<openai>sk-(?:proj-)?[A-Za-z0-9_\-]{20,255})",
                r"|(?P<stripe>(?:sk|rk)_live_[A-Za-z0-9]{16,255})",
                r"|(?P<prefixed>[a-z]{2,8}_(?:live|prod|test)_[A-Za-z0-9]{16,255})",
                r"|(?P<azure>(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{20,255}={0,2})",
                r"|(?P<sas>[?&]sig=[A-Za-z0-9%+/]{20,255}={0,2})",
                r"|(?P<bearer>(?i:bearer|basic)[ ][A-Za-z0-9\-._~+/]{20,255}=*)",
            ))
            .expect("static regex"),
            connection: Regex::new(r"(?i)(?:server|host|data source|address|endpoint)=")
                .expect("static regex"),
            keyed: Regex::new(
                r#"(?i)(?P<key>[a-z0-9_.\-]{0,40}(?:passw(?:or)?d|passwd|passphrase|pwd|lösenord|secret|token|api[_\-]?key|apikey|access[_\-]?key|private[_\-]?key|authtok|credentials?|requirepass)[a-z0-9_.\-]{0,40})(?P<sep>["']?[ \t]*(?:[:=]|=>)[ \t]*|["']?,[ \t]*)(?P<q>["']?)(?P<value>[^ \t\r\n"',;]{1,200}(?:[^ \t\r\n"']{0,200}[^ \t\r\n"',;])?)"#,
            )
            .expect("static regex"),
            prose: Regex::new(
                r"(?i)(?P<label>lösenord(?:et)?|password|pin-?kod(?:en)?|portkod(?:en)?|dörrkod(?:en)?|larmkod(?:en)?|kod(?:en)?)(?:[^.\n:=]{0,40}?)(?:[ ]är|:|=)[ ](?P<value>[^ \t\r\n\x22']{4,64})",
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
    if super::textutil::contains_any(&lower, PLACEHOLDER_WORDS) {
        return false;
    }
    let first = v.chars().next().unwrap_or(' ');
    // Variables and parameters (`$pwd`, `@pwd`, `:pwd`, `{0}`), calls and indexing are code.
    if v.chars().all(|c| c == first)
        || matches!(first, '$' | '@' | ':' | '?' | '{' | '%')
        || v.contains(['(', ')', '[', ']'])
    {
        return false;
    }
    // A dotted identifier path (`form.password.data`, `req.headers.token`) is a reference.
    let ident = |p: &str| {
        p.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if v.contains('.') && v.split('.').all(ident) && !v.chars().any(|c| c.is_ascii_digit()) {
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

/// End of a private key block whose `BEGIN` line ends at `from`: the `END` line if it follows
/// within a bounded distance, else the base64 lines that follow.
fn pem_end(text: &str, from: usize) -> usize {
    let window = &text[from..super::textutil::ceil_boundary(text, from + 20_000)];
    if let Some(p) = window.find("-----END ") {
        if let Some(q) = window[p + 9..].find("-----") {
            return from + p + 9 + q + 5;
        }
    }
    let mut lines = text[from..].split_inclusive('\n');
    let mut offset = from + lines.next().map_or(0, str::len);
    let mut end = from;
    for line in lines {
        let body = line.trim_end();
        if body.is_empty()
            || !body
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        {
            break;
        }
        end = offset + body.len();
        offset += line.len();
    }
    end
}

/// End of an ADO/ODBC-style connection string (`Server=...;...;Password=...`) whose first key
/// ends at `from`, if it carries a real password. Bounded scan, no regex.
fn connection_string_end(text: &str, from: usize) -> Option<usize> {
    let hi = ceil_boundary(text, from + 1000);
    let rest = &text[from..hi];
    let stop = rest.find(['"', '\'', '\n', '`']).unwrap_or(rest.len());
    let body = &rest[..stop];
    let lower = body.to_ascii_lowercase();
    let key = ["password=", "pwd="]
        .iter()
        .filter_map(|k| lower.find(k).map(|p| p + k.len()))
        .min()?;
    let value_end = body[key..].find(';').map_or(body.len(), |p| key + p);
    real_value(&body[key..value_end]).then_some(from + value_end)
}

/// A URL with a password in its user info (`scheme://user:pass@host/...`) around the `://` at
/// `at`: the whole URL, if the password is real.
fn credential_url(text: &str, at: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut s = at;
    while s > 0 && at - s < 20 && (b[s - 1].is_ascii_alphanumeric() || b"+.-".contains(&b[s - 1])) {
        s -= 1;
    }
    if s == at || !b[s].is_ascii_alphabetic() {
        return None;
    }
    let stop = |c: u8| c.is_ascii_whitespace() || b"\"'<>`".contains(&c);
    let mut e = at + 3;
    while e < b.len() && e - at < 600 && !stop(b[e]) {
        e += 1;
    }
    let e = floor_boundary(text, e);
    let url = &text[at + 3..e];
    let authority = &url[..url.find('/').unwrap_or(url.len())];
    let userinfo = &authority[..authority.rfind('@')?];
    let (_, pass) = userinfo.split_once(':')?;
    if pass.is_empty() || !real_value(pass) {
        return None;
    }
    let url_end = at + 3 + url.trim_end_matches(['.', ',', ')', ';']).len();
    Some((s, url_end))
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

impl SecretDetector {
    /// Fallback: a long random value after `key=` or `key:` (hex-only values such as commit ids
    /// and UUIDs excluded). Scans the `=`/`:` bytes directly: linear, no regex.
    fn high_entropy(&self, text: &str, out: &mut Vec<Finding>) {
        let b = text.as_bytes();
        let value_byte = |c: u8| c.is_ascii_alphanumeric() || b"+/=_-.~".contains(&c);
        for i in memchr_iter(b) {
            // Key: word characters right before (optionally a closing quote and blanks).
            let mut k = i;
            while k > 0 && matches!(b[k - 1], b' ' | b'\t') {
                k -= 1;
            }
            if k > 0 && matches!(b[k - 1], b'"' | b'\'') {
                k -= 1;
            }
            if k == 0 || !(b[k - 1].is_ascii_alphanumeric() || b"_.-".contains(&b[k - 1])) {
                continue;
            }
            let mut v = i + 1;
            while v < b.len() && matches!(b[v], b' ' | b'\t') {
                v += 1;
            }
            if v < b.len() && matches!(b[v], b'"' | b'\'') {
                v += 1;
            }
            let mut e = v;
            while e < b.len() && e - v <= 300 && value_byte(b[e]) {
                e += 1;
            }
            let len = e - v;
            if !(24..=300).contains(&len) || next_char(text, e).is_some_and(is_word_char) {
                continue;
            }
            let value = &text[v..e];
            let hex_only = value.bytes().all(|c| c.is_ascii_hexdigit() || c == b'-');
            let classes = [
                value.bytes().any(|c| c.is_ascii_uppercase()),
                value.bytes().any(|c| c.is_ascii_lowercase()),
                value.bytes().any(|c| c.is_ascii_digit()),
            ]
            .iter()
            .filter(|&&x| x)
            .count();
            if !hex_only
                && classes == 3
                && !value.contains('/')
                && shannon_entropy(value) >= 4.0
                && real_value(value)
            {
                out.push(Finding::new(Category::Secret, "high_entropy", v, e));
            }
        }
    }
}

/// Positions of `=` and `:`.
fn memchr_iter(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    b.iter()
        .enumerate()
        .filter(|(_, &c)| c == b'=' || c == b':')
        .map(|(i, _)| i)
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
        let folded = doc.ascii_lower();
        let regions = cue_regions(&self.cues, text, folded, WINDOW.0, WINDOW.1);
        let [token_in, connection_in, keyed_in, prose_in] =
            self.gates.each_ref().map(|g| g.filter(folded, &regions));
        for caps in captures_in(&self.token, text, &token_in) {
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
            let e = if kind == "pem" { pem_end(text, e) } else { e };
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
        let mut connection_in = connection_in.iter().peekable();
        for (lo, hi) in &regions {
            let connection = connection_in.next_if(|w| *w == &(*lo, *hi)).is_some();
            for m in connection
                .then(|| self.connection.find_iter(&text[*lo..*hi]))
                .into_iter()
                .flatten()
            {
                if let Some(e) = connection_string_end(text, lo + m.end()) {
                    push(out, "connection_string", lo + m.start(), e);
                }
            }
            let mut from = *lo;
            while let Some(p) = text[from..*hi].find("://") {
                let at = from + p;
                from = at + 3;
                if let Some((s, e)) = credential_url(text, at) {
                    push(out, "connection_string", s, e);
                }
            }
        }
        for caps in captures_in(&self.keyed, text, &keyed_in) {
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
                let window =
                    &text[v.start()..super::textutil::ceil_boundary(text, v.start() + 256)];
                if let Some(p) = window.find(q) {
                    if !text[v.start()..v.start() + p].contains('\n') {
                        end = v.start() + p;
                    }
                }
            }
            let value = &text[v.start()..end];
            // `Lösenord: skickas separat` is prose; after a colon an unquoted value must look
            // like a password. `key=value` and quoted values are configuration.
            let prose_like = sep.contains(':') && !quoted && !password_like(value);
            let same_as_key = value.eq_ignore_ascii_case(key.as_str());
            if real_value(value) && !value.contains("://") && !prose_like && !same_as_key {
                push(out, "password", v.start(), end);
            }
        }
        for caps in captures_in(&self.prose, text, &prose_in) {
            let (Some(label), Some(v)) = (caps.name("label"), caps.name("value")) else {
                continue;
            };
            if prev_char(text, label.start()).is_some_and(is_word_char) {
                continue;
            }
            let value = v.as_str().trim_end_matches(['.', ',', ';', '?', ')']);
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
        self.high_entropy(text, out);
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
        let cut = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nb3BlbnNzaC1r";
        assert_eq!(found(&format!("{cut}\n\nResten saknas.")), [cut]);
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
        assert_eq!(
            found("Lösenordet är Sommar2024! och användarnamnet är anna."),
            ["Sommar2024!"]
        );
        assert!(found("Lösenordet genereras med Get-Random och är 10 tecken långt.").is_empty());
    }

    #[test]
    fn not_secrets() {
        for t in [
            "Lösenord: skickas separat via SMS.",
            "Token: se bifogad fil",
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
            "SELECT * FROM users WHERE pwd = @pwd",
            "token = req.headers.token",
            "password=form.password.data",
            "apiKey = apiKey;",
            "function login(password: string) {",
            "const secret = '{0}';",
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
