//! Overlap resolution across detectors (documented on `resolve_overlaps` in the scanner).

use promptvakt::{Category, Scanner};

fn cats(text: &str) -> Vec<(Category, String)> {
    Scanner::default()
        .scan(text)
        .into_iter()
        .map(|f| (f.category, text[f.start..f.end].to_string()))
        .collect()
}

#[test]
fn validated_personnummer_beats_a_phone_shape() {
    // 0701234569 is both a plausible mobile number and a valid personnummer (2007-01-23).
    let got = cats("Pnr 0701234569 enligt ansökan.");
    assert_eq!(got, [(Category::Personnummer, "0701234569".to_string())]);
}

#[test]
fn the_longer_span_wins() {
    // The e-mail covers a name-like local part; the connection string covers its password.
    let got = cats("Mejla anna.berg@example.se i dag.");
    assert_eq!(
        got,
        [(Category::Contact, "anna.berg@example.se".to_string())]
    );
    let cs = "Server=sql01;Database=App;User Id=svc;Password=Vinter2024!kn";
    let text = format!("\"Db\": \"{cs}\"");
    let got = cats(&text);
    assert_eq!(got, [(Category::Secret, cs.to_string())]);
}

#[test]
fn allow_terms_suppress_only_what_they_cover() {
    let (policy, _) =
        promptvakt::Policy::from_json(r#"{"allowTerms":["Växeln 08-123 456 78"]}"#).unwrap();
    let scanner = Scanner::new(policy);
    let text = "Växeln 08-123 456 78, direkt 070-123 45 67.";
    let got: Vec<&str> = scanner
        .scan(text)
        .iter()
        .map(|f| &text[f.start..f.end])
        .collect();
    assert_eq!(got, ["070-123 45 67"]);
}
