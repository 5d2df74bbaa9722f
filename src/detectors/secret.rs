//! Secrets: API keys and tokens in known formats, private key blocks, connection strings and URLs
//! with passwords, passwords in configuration lines and in prose, door and PIN codes, and a
//! high-entropy fallback for long random values in `key=value` context.
//!
//! Values that are clearly not secrets are skipped: placeholders (`*****`, `<your-password>`,
//! `changeme`, `YOUR_API_KEY_HERE`), references (`$SecurePwd`, `${DB_PASS}`, `os.environ[...]`,
//! `DB_PASSWORD`), code, and hex-only strings such as commit ids and UUIDs (fallback only).
//! A finding covers the value (or the whole connection string / key block), not the key name.

use super::textutil::WindowRegex;
use super::textutil::{
    captures_in, ceil_boundary, find_in, floor_boundary, is_word_char, next_char, prev_char,
};
use super::{Detector, Document};
use crate::category::Category;
use crate::finding::Finding;
use regex::Regex;

/// A key word of a password, token or secret, a separator, and the value (groups: see
/// [`KeyedGroups`]).
const KEYED: &str = r#"(?i)(?P<key>[a-z0-9_.\-]{0,40}(?:passw(?:or)?d|passwd|passphrase|pwd|lösenord|secret|token|api[_\-]?key|apikey|access[_\-]?key|private[_\-]?key|authtok|credentials?|requirepass)[a-z0-9_.\-]{0,40})(?P<sep>["']?[ \t]*(?:[:=]|=>)[ \t]*|["']?,[ \t]*)(?P<q>["']?)(?P<value>[^ \t\r\n"',;]{1,200}(?:[^ \t\r\n"']{0,200}[^ \t\r\n"',;])?)"#;

pub struct SecretDetector {
    token: Regex,
    connection: WindowRegex,
    keyed: WindowRegex,
    prose: Regex,
    /// Literals every match of token, connection, keyed and prose holds: each pattern runs
    /// only in windows around its own literals (see [`SecretDetector::windows`]). Literals
    /// shared by two patterns are spelled alike, so that one occurrence serves both.
    gates: super::textutil::GateSet,
}

impl SecretDetector {
    pub fn new() -> SecretDetector {
        SecretDetector {
            gates: super::textutil::GateSet::new(&[
                &[
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
                    "key",
                    "sig=",
                    "bearer",
                    "basic",
                ],
                &["server=", "host=", "data source=", "address=", "endpoint="],
                &[
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
                ],
                &["lösenord", "passw", "kod"],
            ]),
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
            connection: WindowRegex::new(r"(?i)(?:server|host|data source|address|endpoint)=")
                .expect("static regex"),
            keyed: WindowRegex::new(
                KEYED,
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
        for i in memchr::memchr2_iter(b'=', b':', b) {
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

/// Bytes a key name can hold around its key word (ASCII, plus any non-ASCII byte: `(?i)`
/// lets the Kelvin sign and long s stand for `k` and `s`).
fn key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"_.-".contains(&b) || b >= 0x80
}

/// Bytes of the token formats' values (and of a bearer token after its word).
fn token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"_-.~+/=%".contains(&b)
}

/// How far the `keyed` pattern can reach around a key word found at `s..e`, or `None` when
/// no separator follows the key name (`Lösenord: ...`, `password=...`, `"token", "..."`).
/// A superset of what the pattern needs: 40 key characters each side (up to three bytes
/// each), then a quote, blanks and `:`, `=` or `,`, then the value up to a blank or quote.
fn keyed_reach(b: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    const KEY: usize = 150;
    let mut lo = s;
    while lo > 0 && s - lo < KEY && key_byte(b[lo - 1]) {
        lo -= 1;
    }
    let mut i = e;
    while i < b.len() && i - e < KEY && key_byte(b[i]) {
        i += 1;
    }
    if i < b.len() && matches!(b[i], b'"' | b'\'') {
        i += 1;
    }
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    if i == b.len() || !matches!(b[i], b':' | b'=' | b',') {
        return None;
    }
    i += 1;
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'>' | b'"' | b'\'') {
        i += 1;
    }
    let from = i;
    while i < b.len()
        && i - from < 1610
        && !matches!(b[i], b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'')
    {
        i += 1;
    }
    Some((lo, i))
}

/// Whether the `prose` pattern can use a label ending at `e`: before a full stop or line
/// break, within 42 characters, ` är ` or `: ` / `= ` follows (the first `:` or `=` ends the
/// search, as the pattern's gap cannot hold one).
fn prose_sep_follows(b: &[u8], e: usize) -> bool {
    let end = (e + 180).min(b.len());
    let mut i = e;
    while i < end {
        match b[i] {
            b'.' | b'\n' => return false,
            b':' | b'=' => return b.get(i + 1) == Some(&b' '),
            b' ' if b.len() > i + 4
                && b[i + 1] == 0xc3
                && matches!(b[i + 2], 0xa4 | 0x84)
                && matches!(b[i + 3], b'r' | b'R')
                && b[i + 4] == b' ' =>
            {
                return true
            }
            _ => i += 1,
        }
    }
    false
}

/// End of the token that may start at or after `from`: a run of token bytes after an optional
/// space, and at least the length of a private key's `BEGIN` line.
fn token_reach(b: &[u8], from: usize) -> usize {
    let mut i = from;
    if b.get(i) == Some(&b' ') {
        i += 1;
    }
    while i < b.len() && i - from < 6100 && token_byte(b[i]) {
        i += 1;
    }
    i.max(from + 64).min(b.len())
}

impl SecretDetector {
    /// The windows each pattern runs in: around each of its literals, as far as a match can
    /// reach (see the `*_reach` helpers). A wide hit (a literal may hide near it) gets the
    /// widest window of its pattern.
    fn windows(&self, text: &str, folded: &[u8]) -> [Vec<(usize, usize)>; 4] {
        use super::textutil::Windows;
        let b = text.as_bytes();
        let mut w = [(); 4].map(|_| Windows::new(text));
        self.gates.for_each(folded, |g, s, e, exact| match g {
            0 => w[0].add(s.saturating_sub(16), token_reach(b, e)),
            1 => w[1].add(s.saturating_sub(12), e),
            2 if exact => {
                if let Some((lo, hi)) = keyed_reach(b, s, e) {
                    w[2].add(lo, hi);
                }
            }
            2 => w[2].add(s.saturating_sub(150), e + 2000),
            _ if !exact || prose_sep_follows(b, e) => w[3].add(s.saturating_sub(8), e + 600),
            _ => {}
        });
        w.map(Windows::into_vec)
    }
}

/// The groups of a `keyed` match (key, separator, opening quote, value), read from the match
/// itself: a capture search costs about 25 times the match search, and the groups follow from
/// the characters. No key or keyword holds a quote, blank, `:`, `=` or `,`, so the key ends at
/// the first of them; the separator and quote then take what the pattern's first alternatives
/// take (leftmost-first, as the match was found), and the value is the rest.
#[derive(Debug, PartialEq, Eq)]
struct KeyedGroups {
    sep: std::ops::Range<usize>,
    quote: Option<u8>,
    value: std::ops::Range<usize>,
}

impl KeyedGroups {
    fn of(m: &str) -> Option<KeyedGroups> {
        let b = m.as_bytes();
        let blanks = |mut i: usize| {
            while matches!(b.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
            i
        };
        let key_end = b
            .iter()
            .position(|c| matches!(c, b'"' | b'\'' | b' ' | b'\t' | b':' | b'=' | b','))?;
        let after_quote = key_end + usize::from(matches!(b[key_end], b'"' | b'\''));
        let colon = blanks(after_quote);
        let sep_end = if matches!(b.get(colon), Some(b':' | b'=')) {
            blanks(colon + 1)
        } else if b.get(after_quote) == Some(&b',') {
            blanks(after_quote + 1)
        } else {
            return None;
        };
        let quote = b
            .get(sep_end)
            .copied()
            .filter(|c| matches!(c, b'"' | b'\''));
        let value = sep_end + usize::from(quote.is_some())..b.len();
        (!value.is_empty()).then_some(KeyedGroups {
            sep: key_end..sep_end,
            quote,
            value,
        })
    }
}

impl Detector for SecretDetector {
    fn name(&self) -> &'static str {
        "secret"
    }

    fn categories(&self) -> &'static [Category] {
        &[Category::Secret]
    }

    fn detect(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let windows = self.windows(doc.text, doc.ascii_lower());
        self.detect_in(doc.text, windows, out);
    }
}

impl SecretDetector {
    /// The patterns run in `windows` (token, connection, keyed, prose), then the checks.
    fn detect_in(&self, text: &str, windows: [Vec<(usize, usize)>; 4], out: &mut Vec<Finding>) {
        let push = |out: &mut Vec<Finding>, kind, s, e| {
            out.push(Finding::new(Category::Secret, kind, s, e));
        };
        let [token_in, connection_in, keyed_in, prose_in] = windows;
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
        for m in find_in(&self.connection, text, &connection_in) {
            if let Some(e) = connection_string_end(text, m.end()) {
                push(out, "connection_string", m.start(), e);
            }
        }
        for at in memchr::memmem::find_iter(text.as_bytes(), "://") {
            if let Some((s, e)) = credential_url(text, at) {
                push(out, "connection_string", s, e);
            }
        }
        for m in find_in(&self.keyed, text, &keyed_in) {
            let Some(g) = KeyedGroups::of(m.as_str()) else {
                continue;
            };
            let at = m.start();
            if prev_char(text, at).is_some_and(is_word_char) {
                continue;
            }
            let sep = &m.as_str()[g.sep.clone()];
            // `"--requirepass", "value"` style argument lists need a quote before the comma.
            if sep.trim_start().starts_with(',') && !sep.starts_with(['"', '\'']) {
                continue;
            }
            let v = at + g.value.start..at + g.value.end;
            let mut end = v.end;
            if let Some(q) = g.quote {
                // Quoted values may contain spaces, commas and semicolons: run to the closing quote.
                let window = &text[v.start..super::textutil::ceil_boundary(text, v.start + 256)];
                if let Some(p) = memchr::memchr(q, window.as_bytes()) {
                    if !text[v.start..v.start + p].contains('\n') {
                        end = v.start + p;
                    }
                }
            }
            let quoted = g.quote.is_some();
            let key = &m.as_str()[..g.sep.start];
            let value = &text[v.start..end];
            // `Lösenord: skickas separat` is prose; after a colon an unquoted value must look
            // like a password. `key=value` and quoted values are configuration.
            let prose_like = sep.contains(':') && !quoted && !password_like(value);
            let same_as_key = value.eq_ignore_ascii_case(key);
            if real_value(value) && !value.contains("://") && !prose_like && !same_as_key {
                push(out, "password", v.start, end);
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

    proptest::proptest! {
        /// The windows lose nothing: the same findings as running every pattern on the whole
        /// text.
        #[test]
        fn windows_find_what_the_whole_text_finds(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "password", "PASSWORD", "Lösenord", "lösenordet är ", "LÖSENORD: ", "pinkod: ",
                "dörrkoden är ", "kod", "1234", "DB_PASSWORD=", "api_key = \"", "\"token\", \"",
                "secret", "requirepass", "authtoken:", "Bearer ", "eyJhbGciOiJIUzI1NiJ9",
                ".eyJzdWIiOiIxMjMifQ", ".abcdefghijklmnop", "ghp_", "sk-proj-", "sk_live_",
                "AccountKey=", "?sig=", "abcdefghij0123456789ABCD", "Hemligt1!", "Vinter2024!kn",
                "Server=db01;", "Password=Sommar#77;", "postgres://app:", "p4ssW0rd!@db/x",
                "-----BEGIN RSA PRIVATE KEY-----\n", "MIIEow\n", "ſ", "\u{212a}", "é", " ",
                "  ", "\t", "\n", ".", ",", ":", "=", "=>", "'", "\"", "x", "é".repeat(30).leak(),
                "a".repeat(70).leak(),
            ]),
            0..30,
        )) {
            let text = parts.concat();
            let (windowed, whole) = crate::detectors::testing::windowed_and_whole(
                &SecretDetector::new(), &text, SecretDetector::detect_in);
            proptest::prop_assert_eq!(windowed, whole);
        }

        /// The groups read from a `keyed` match are the ones a capture search reports.
        #[test]
        fn keyed_groups_are_the_captured_groups(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "password", "Passwd", "LÖSENORD", "lösenord", "pwd", "api-key", "secret",
                "token", "requirepass", "credentials", "db_", "x", "9", "-", ".", "ſ", "\u{212a}",
                "ö", " ", "\t", "\n", ":", "=", "=>", ",", ";", "'", "\"", ">", "/", "v4lue",
                "a".repeat(45).leak(), "b".repeat(210).leak(),
            ]),
            0..24,
        )) {
            let text = parts.concat();
            for caps in regex::Regex::new(KEYED).unwrap().captures_iter(&text) {
                let m = caps.get(0).unwrap();
                let s = m.start();
                let want = KeyedGroups {
                    sep: caps.name("sep").unwrap().start() - s
                        ..caps.name("sep").unwrap().end() - s,
                    quote: caps["q"].bytes().next(),
                    value: caps.name("value").unwrap().start() - s
                        ..caps.name("value").unwrap().end() - s,
                };
                proptest::prop_assert_eq!(caps.name("key").unwrap().end() - s, want.sep.start);
                proptest::prop_assert_eq!(KeyedGroups::of(m.as_str()), Some(want));
            }
        }
    }
}
