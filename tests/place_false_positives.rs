//! Place names must not be taken for person names without person evidence. Measured on the 290
//! municipalities and the post towns (../shared/data/reference/places, CC0; read at run time).

use promptvakt::lang::Analysis;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn column(path: &PathBuf, col: usize) -> Option<BTreeSet<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .skip(1)
            .filter_map(|l| l.split(',').nth(col).map(|s| s.trim().to_string()))
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

fn flagged(template: &str, place: &str) -> bool {
    let text = template.replace("{}", place);
    !Analysis::new(&text).names.is_empty()
}

#[test]
fn places_are_not_names() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/reference/places");
    let (Some(munis), Some(towns)) = (
        column(&dir.join("municipalities.csv"), 2),
        column(&dir.join("postal_to_municipality.csv"), 1),
    ) else {
        if std::env::var_os("CI").is_some() {
            panic!("CI is set but {} is missing", dir.display());
        }
        eprintln!("skipping place test: {} not found", dir.display());
        return;
    };
    for (label, places) in [("municipalities", &munis), ("post towns", &towns)] {
        let templates = [
            "Vi åkte till {} i helgen.",
            "Mötet hålls i {} den 4 maj.",
            "{} kommun har beslutat om ny taxa.",
        ];
        let mut bad = 0usize;
        let mut examples = Vec::new();
        for p in places.iter() {
            // Post towns are written in capitals in the source: "STOCKHOLM" → "Stockholm".
            let mut chars = p.chars();
            let p: String = match chars.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => continue,
            };
            if templates.iter().any(|t| flagged(t, &p)) {
                bad += 1;
                if examples.len() < 10 {
                    examples.push(p);
                }
            }
        }
        let rate = bad as f64 / places.len() as f64;
        println!(
            "{label}: {bad}/{} flagged as names ({rate:.3}), e.g. {examples:?}",
            places.len()
        );
        assert!(
            rate <= 0.05,
            "{label}: {rate:.3} of place names flagged as person names"
        );
    }
}
