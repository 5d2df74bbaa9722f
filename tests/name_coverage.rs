//! Population coverage of the name detector, measured against Statistics Sweden's name statistics
//! (../shared/data/reference/scb-names, CC BY 4.0, "Källa: SCB"; read at run time, never copied).
//!
//! First names: share of people whose first name (tilltalsnamn) is found on its own in
//! "Jag pratade med Förnamn igår." Surnames: share of people whose surname is found in
//! "Jag pratade med Anna Efternamn igår." (the spec's plain sentence), and, for information,
//! with only a role word as evidence ("… med handläggare Efternamn igår": dictionary + endings).

use promptvakt::lang::Analysis;
use std::path::PathBuf;

fn data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/reference/scb-names");
    if dir.join("name_lastname.csv").exists() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("CI is set but {} is missing", dir.display());
    }
    eprintln!("skipping name coverage: {} not found", dir.display());
    None
}

fn read(dir: &std::path::Path, file: &str) -> Vec<(String, u64)> {
    let text = std::fs::read_to_string(dir.join(file)).expect("read SCB file");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let (name, n) = l.rsplit_once(',')?;
            Some((name.trim_matches('"').to_string(), n.trim().parse().ok()?))
        })
        .collect()
}

/// Population-weighted share of names found as a name span covering them in `template`.
fn coverage(names: &[(String, u64)], template: &str) -> f64 {
    let (mut hit, mut total) = (0u64, 0u64);
    let mut missed: Vec<(u64, &str)> = Vec::new();
    for (name, n) in names {
        let text = template.replace("{}", name);
        let start = template.find("{}").unwrap();
        let end = start + name.len();
        total += n;
        let a = Analysis::new(&text);
        if a.names.iter().any(|s| s.start <= start && s.end >= end) {
            hit += n;
        } else {
            missed.push((*n, name));
        }
    }
    missed.sort_unstable_by(|a, b| b.cmp(a));
    let top: Vec<&str> = missed.iter().take(15).map(|m| m.1).collect();
    println!("{template}: most common misses: {}", top.join(", "));
    hit as f64 / total as f64
}

#[test]
fn population_coverage() {
    let Some(dir) = data_dir() else { return };
    let mut first = read(&dir, "name_women_tilltalsnamn.csv");
    first.extend(read(&dir, "name_men_tilltalsnamn.csv"));
    let surnames = read(&dir, "name_lastname.csv");

    let first_alone = coverage(&first, "Jag pratade med {} igår.");
    let surname_full = coverage(&surnames, "Jag pratade med Anna {} igår.");
    let surname_role = coverage(&surnames, "Jag pratade med handläggare {} igår.");
    println!("first names (alone):            {:.3}", first_alone);
    println!("surnames (after a first name):  {:.3}", surname_full);
    println!("surnames (after a role word):   {:.3}", surname_role);
    assert!(
        first_alone >= 0.90,
        "first-name coverage {first_alone:.3} < 0.90"
    );
    assert!(
        surname_full >= 0.75,
        "surname coverage {surname_full:.3} < 0.75"
    );
}
