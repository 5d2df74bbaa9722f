//! Conformance against the shared test vectors of the `personnummer` and `organisationsnummer`
//! projects and Skatteverket's official test numbers (read at test time from `../shared/data`,
//! never copied here). Every valid number, in every written form, embedded in Swedish sentences,
//! must be found with exact offsets; every invalid number and organisation number must not be.
//!
//! One documented deviation: the upstream vectors call `19090527 1474` (a space instead of `-`)
//! invalid because those libraries do not parse spaces. Promptvakt treats a space as a separator,
//! so invalid cases whose digits are a valid number are skipped.

use promptvakt::validators::date::{self, Date};
use promptvakt::{Category, Scanner};
use serde_json::Value;
use std::path::PathBuf;

fn data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conformance");
    if dir.join("personnummer/allPins.json").exists() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "conformance data missing: expected ../shared/data/conformance next to the repository"
        );
    }
    eprintln!("skipping: conformance data not found at ../shared/data/conformance");
    None
}

fn load(dir: &std::path::Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(name)).expect("readable json");
    serde_json::from_str(&text).expect("valid json")
}

const TEMPLATES: &[(&str, &str)] = &[
    ("Personnumret är ", " enligt ansökan."),
    ("Sökande: Testperson, ", "\n"),
    ("Kan du kolla om ", " stämmer?"),
    ("(", ") har ansökt om bistånd."),
    ("personnr:", ";ensam;6 830"),
    ("Eleven med nummer ", ", född i Sverige, har flyttat."),
];

/// Scans many sentences at once and returns, per expected number, whether it was found with
/// exact offsets, plus the number of personnummer findings that match nothing expected.
fn check(scanner: &Scanner, items: &[(String, bool)]) -> (Vec<String>, Vec<String>) {
    let mut missed = Vec::new();
    let mut wrong = Vec::new();
    for chunk in items.chunks(500) {
        let mut text = String::new();
        let mut spans = Vec::new();
        for (i, (number, _)) in chunk.iter().enumerate() {
            let (pre, post) = TEMPLATES[i % TEMPLATES.len()];
            text.push_str(pre);
            spans.push((text.len(), text.len() + number.len()));
            text.push_str(number);
            text.push_str(post);
            text.push(' ');
        }
        let found: Vec<(usize, usize)> = scanner
            .scan(&text)
            .into_iter()
            .filter(|f| f.category == Category::Personnummer)
            .map(|f| (f.start, f.end))
            .collect();
        for ((number, should), span) in chunk.iter().zip(&spans) {
            let hit = found.contains(span);
            if *should && !hit {
                missed.push(number.clone());
            }
            if !*should && found.iter().any(|f| f.0 < span.1 && span.0 < f.1) {
                wrong.push(number.clone());
            }
        }
        for f in &found {
            let expected = chunk.iter().zip(&spans).any(|((_, s), sp)| *s && sp == f);
            if !expected && !spans.iter().any(|sp| sp.0 < f.1 && f.0 < sp.1) {
                wrong.push(text[f.0..f.1].to_string());
            }
        }
    }
    (missed, wrong)
}

/// All written forms of a 12-digit number, given today's date.
fn forms(p: &str, today: Date) -> Vec<String> {
    let y: u32 = p[..4].parse().unwrap();
    let m: u32 = p[4..6].parse::<u32>().unwrap().max(1);
    let d: u32 = (p[6..8].parse::<u32>().unwrap() % 60).max(1);
    let centenarian = Date::new(y + 100, m, d) <= today;
    let sep10 = if centenarian { "+" } else { "-" };
    let (long, short) = (&p[..8], &p[2..8]);
    let tail = &p[8..];
    let mut v = vec![
        p.to_string(),
        format!("{long}-{tail}"),
        format!("{long} {tail}"),
        format!("{short}{sep10}{tail}"),
    ];
    if centenarian {
        v.push(format!("{long}+{tail}"));
    } else {
        v.push(format!("{short}{tail}"));
        v.push(format!("{short} {tail}"));
    }
    v
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn official_test_numbers_in_every_form() {
    let Some(dir) = data_dir() else { return };
    let today = date::today();
    let scanner = Scanner::default();
    let mut items = Vec::new();
    for file in ["personnummer/allPins.json", "personnummer/allCoords.json"] {
        let list = load(&dir, file);
        let list = list.as_array().expect("array");
        assert!(list.len() > 2000, "{file} looks truncated");
        for p in list {
            for f in forms(p.as_str().expect("string"), today) {
                items.push((f, true));
            }
        }
    }
    let total = items.len();
    let (missed, wrong) = check(&scanner, &items);
    assert!(
        missed.is_empty() && wrong.is_empty(),
        "{} of {total} missed (first: {:?}); {} wrong (first: {:?})",
        missed.len(),
        missed.first(),
        wrong.len(),
        wrong.first()
    );
}

#[test]
fn upstream_valid_and_invalid_cases() {
    let Some(dir) = data_dir() else { return };
    let scanner = Scanner::default();
    let mut valid_digits = std::collections::HashSet::new();
    let mut items = Vec::new();
    let formats = [
        "long_format",
        "short_format",
        "separated_format",
        "separated_long",
    ];
    for file in ["personnummer/list.json", "personnummer/interim.json"] {
        for case in load(&dir, file).as_array().expect("array") {
            let valid = case["valid"].as_bool().expect("bool");
            for key in formats {
                let s = case[key].as_str().expect("string").to_string();
                if valid {
                    valid_digits.insert(digits(&s));
                }
                items.push((s, valid));
            }
        }
    }
    let structured = load(&dir, "personnummer/structured.json");
    for kind in ["ssn", "con"] {
        for (key, valid) in [("valid", true), ("invalid", false)] {
            for s in structured[kind]["string"][key].as_array().expect("array") {
                items.push((s.as_str().expect("string").to_string(), valid));
            }
        }
    }
    for case in load(&dir, "personnummer/orgnumber.json")
        .as_array()
        .expect("array")
    {
        for key in ["short_format", "separated_format"] {
            items.push((case[key].as_str().expect("string").to_string(), false));
        }
    }
    for case in load(&dir, "organisationsnummer/list.json")
        .as_array()
        .expect("array")
    {
        // A sole trader's organisation number is the owner's personnummer.
        let personal = case["type"] == "Enskild firma" && case["valid"] == true;
        for key in ["input", "long_format", "short_format"] {
            items.push((case[key].as_str().expect("string").to_string(), personal));
        }
    }
    items.retain(|(s, valid)| *valid || !valid_digits.contains(&digits(s)));
    let (missed, wrong) = check(&scanner, &items);
    assert!(missed.is_empty(), "missed: {missed:?}");
    assert!(wrong.is_empty(), "false positives: {wrong:?}");
}
