//! Compiles the word lists in `data/` into compact, sorted, lowercase newline-joined strings in
//! `OUT_DIR/dicts.rs`, so the crate needs no files or network at run time.

use std::collections::BTreeSet;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn read_list(path: &str) -> Vec<String> {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Sorted, deduplicated, lowercase, joined by `\n` (looked up by binary search at run time).
fn packed(lines: &[String]) -> String {
    let set: BTreeSet<String> = lines.iter().map(|l| l.to_lowercase()).collect();
    set.into_iter().collect::<Vec<_>>().join("\n")
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut out = String::new();
    for (name, files) in [
        (
            "FIRST_NAMES",
            &[
                "data/names/first_names.txt",
                "data/names/first_names_extra.txt",
            ][..],
        ),
        (
            "CORE_NAMES",
            &[
                "data/names/first_names_core.txt",
                "data/names/first_names_extra.txt",
            ],
        ),
        (
            "AMBIGUOUS_NAMES",
            &[
                "data/names/first_names_ambiguous.txt",
                "data/names/ambiguous_extra.txt",
            ],
        ),
        ("SURNAMES", &["data/names/surnames.txt"]),
        ("PLACES", &["data/names/places.txt"]),
        ("NOT_NAMES", &["data/names/not_names.txt"]),
        ("MEDICINES", &["data/health/medicines_registry.txt"]),
    ] {
        let mut lines = Vec::new();
        for f in files {
            lines.extend(read_list(f));
        }
        writeln!(out, "pub static {name}: &str = {:?};", packed(&lines)).unwrap();
    }
    // Term lists keep their order and markers; the matcher parses them once.
    for (name, file) in [
        ("HEALTH_TERMS", "data/health/terms.txt"),
        ("SENSITIVE_TERMS", "data/sensitive/terms.txt"),
    ] {
        let lines = read_list(file);
        for l in &lines {
            assert!(
                l.starts_with('@') || !l.chars().any(|c| c.is_uppercase()) || l.starts_with('='),
                "{file}: terms are lowercase unless marked with '=': {l}"
            );
        }
        writeln!(out, "pub static {name}: &str = {:?};", lines.join("\n")).unwrap();
    }
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("dicts.rs");
    fs::write(dest, out).unwrap();
}
