//! Held-out check in styles the dev corpus has little of: lowercase chat, e-mails with signatures,
//! forms, CSV rows, English and mixed Swedish/English, translation requests, and clean look-alikes
//! (general health topics, laws, places that are surnames, months, street names after people).
//! `tests/fixtures/style_mix.jsonl` holds fictional persons only; spans are labelled like the dev
//! corpus (code point offsets) for the name, health and sensitive categories.
//!
//! A gold span is recalled when a finding of its category overlaps it; a finding is correct when it
//! overlaps a gold span of its category. A clean text has no gold span in these categories.
//!
//! The file grew in five batches (ids `sm-`, `smb-`, `smc-`, `smd-`, `sme-`), each written before the
//! rules were tuned on it, so the first measurement of a batch is the honest out-of-style figure.
//! The rules have since been tuned on all five, so the bars below guard against regressions; they
//! are not an estimate of recall on unseen text (batches measured before tuning on them: name
//! recall 0.83-0.93, health 0.71-0.94, sensitive 0.40-0.83, clean false alarms 0-7 %).

use promptvakt::detectors::health::HealthDetector;
use promptvakt::detectors::name::NameDetector;
use promptvakt::detectors::sensitive::SensitiveDetector;
use promptvakt::detectors::{Detector, Document};
use std::path::PathBuf;

struct Gold {
    start: usize,
    end: usize,
    category: String,
}

const CATEGORIES: [&str; 3] = ["name", "health", "sensitive"];

#[test]
fn style_mix_recall_and_precision() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/style_mix.jsonl");
    let src = std::fs::read_to_string(path).expect("fixture");
    let detectors: [&dyn Detector; 3] = [
        &NameDetector::new(),
        &HealthDetector::new(),
        &SensitiveDetector::new(),
    ];
    // Per category: gold, recalled, predicted, correct.
    let mut counts = [[0usize; 4]; 3];
    let (mut clean, mut alarms) = (0usize, 0usize);
    let mut misses: Vec<String> = Vec::new();
    for line in src.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let id = v["id"].as_str().unwrap_or("?").to_string();
        let text = v["text"].as_str().expect("text");
        // Code point offset → byte offset.
        let byte_at = |cp: usize| text.char_indices().nth(cp).map_or(text.len(), |(b, _)| b);
        let gold: Vec<Gold> = v["spans"]
            .as_array()
            .expect("spans")
            .iter()
            .map(|s| Gold {
                start: byte_at(s["start"].as_u64().unwrap() as usize),
                end: byte_at(s["end"].as_u64().unwrap() as usize),
                category: s["category"].as_str().unwrap().to_string(),
            })
            .collect();
        let doc = Document::new(text);
        let mut found = Vec::new();
        for d in detectors {
            d.detect(&doc, &mut found);
        }
        if gold.is_empty() {
            clean += 1;
            if !found.is_empty() {
                alarms += 1;
                misses.push(format!("{id}: false alarm"));
            }
        }
        for (c, cat) in CATEGORIES.iter().enumerate() {
            let preds: Vec<_> = found.iter().filter(|f| f.category.id() == *cat).collect();
            let golds: Vec<_> = gold.iter().filter(|g| g.category == *cat).collect();
            counts[c][0] += golds.len();
            counts[c][2] += preds.len();
            for g in &golds {
                if preds.iter().any(|f| f.start < g.end && g.start < f.end) {
                    counts[c][1] += 1;
                } else {
                    misses.push(format!("{id}: missed {cat}"));
                }
            }
            for f in &preds {
                if golds.iter().any(|g| f.start < g.end && g.start < f.end) {
                    counts[c][3] += 1;
                } else {
                    misses.push(format!("{id}: wrong {cat}"));
                }
            }
        }
    }
    // Ids and categories only: never the matched values.
    for m in &misses {
        println!("{m}");
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let false_alarm = ratio(alarms, clean);
    println!("clean texts with a finding: {alarms}/{clean} = {false_alarm:.3}");
    // Bars set after measuring (see the commit that added this test); they guard regressions.
    let bars = [
        ("name", 0.97, 0.97),
        ("health", 0.95, 0.95),
        ("sensitive", 0.95, 0.95),
    ];
    for (c, (cat, min_recall, min_precision)) in bars.iter().enumerate() {
        let [gold, recalled, predicted, correct] = counts[c];
        let recall = ratio(recalled, gold);
        let precision = ratio(correct, predicted);
        println!("{cat}: recall {recalled}/{gold} = {recall:.3}, precision {correct}/{predicted} = {precision:.3}");
        assert!(recall >= *min_recall, "{cat} recall {recall:.3}");
        assert!(
            precision >= *min_precision,
            "{cat} precision {precision:.3}"
        );
    }
    assert!(false_alarm <= 0.03, "clean false alarms {false_alarm:.3}");
}
