//! Throughput of the scanner, all detectors and the language detectors alone, on the dev corpus
//! texts repeated to about 50 MB as separate documents:
//! `cargo run --release --example lang_throughput [CORPUS.jsonl]`.

use promptvakt::{Action, Category, Policy, Scanner};
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/dev.jsonl".to_string());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("no corpus at {path}");
        return;
    };
    let docs: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let one: usize = docs.iter().map(String::len).sum();
    let rounds = (50_000_000 / one.max(1)).max(1);

    let t = Instant::now();
    let all = Scanner::default();
    println!(
        "build, all detectors: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut lang_only = Policy::default();
    for c in Category::ALL {
        if !matches!(c, Category::Name | Category::Health | Category::Sensitive) {
            lang_only.set_action(c, Action::Off);
        }
    }
    let lang = Scanner::new(lang_only);
    // `-- only-lang` / `-- only-all`: one timed run, for measuring CPU time with /usr/bin/time.
    let only = std::env::args().nth(2);
    if only.is_none() {
        use promptvakt::detectors::{health::HealthDetector, sensitive::SensitiveDetector};
        use promptvakt::detectors::{Detector, Document};
        let mb = (one * rounds) as f64 / 1e6;
        let t = Instant::now();
        for _ in 0..rounds {
            for d in &docs {
                std::hint::black_box(promptvakt::lang::Analysis::new(d));
            }
        }
        println!(
            "  analysis only: {:.0} MB/s",
            mb / t.elapsed().as_secs_f64()
        );
        use promptvakt::lang::{context, names, tokens};
        let t = Instant::now();
        for _ in 0..rounds {
            for d in &docs {
                std::hint::black_box(tokens::lowercase_same_layout(d));
            }
        }
        println!("    lowercase: {:.0} MB/s", mb / t.elapsed().as_secs_f64());
        let t = Instant::now();
        for _ in 0..rounds {
            for d in &docs {
                std::hint::black_box(tokens::tokenize(d));
            }
        }
        println!("    tokenize: {:.0} MB/s", mb / t.elapsed().as_secs_f64());
        let pre: Vec<(String, Vec<tokens::Token>, Vec<u16>)> = docs
            .iter()
            .map(|d| {
                let (l, t) = (tokens::lowercase_same_layout(d), tokens::tokenize(d));
                let b = names::token_bits(&l, &t);
                (l, t, b)
            })
            .collect();
        let t = Instant::now();
        for _ in 0..rounds {
            for (d, (l, tk, b)) in docs.iter().zip(&pre) {
                std::hint::black_box(names::find_names(d, l, tk, b));
            }
        }
        println!("    names: {:.0} MB/s", mb / t.elapsed().as_secs_f64());
        let t = Instant::now();
        for _ in 0..rounds {
            for (d, (l, tk, b)) in docs.iter().zip(&pre) {
                std::hint::black_box(context::PersonContext::new(d, l, tk, b, &[]));
            }
        }
        println!("    context: {:.0} MB/s", mb / t.elapsed().as_secs_f64());
        let (h, s) = (HealthDetector::new(), SensitiveDetector::new());
        let docs_an: Vec<Document> = docs.iter().map(|d| Document::new(d)).collect();
        for d in &docs_an {
            d.lang();
        }
        for (name, det) in [("health", &h as &dyn Detector), ("sensitive", &s)] {
            let t = Instant::now();
            let mut out = Vec::new();
            for _ in 0..rounds {
                for d in &docs_an {
                    det.detect(d, &mut out);
                    out.clear();
                }
            }
            println!(
                "  {name} after analysis: {:.0} MB/s",
                mb / t.elapsed().as_secs_f64()
            );
        }
    }
    for (label, scanner) in [("all detectors", &all), ("name+health+sensitive", &lang)] {
        match only.as_deref() {
            Some("only-lang") if label == "all detectors" => continue,
            Some("only-all") if label != "all detectors" => continue,
            _ => {}
        }
        let t = Instant::now();
        let mut n = 0usize;
        for _ in 0..rounds {
            for d in &docs {
                n += scanner.scan(d).len();
            }
        }
        let secs = t.elapsed().as_secs_f64();
        let mb = (one * rounds) as f64 / 1e6;
        println!(
            "{label}: {mb:.0} MB in {secs:.2} s = {:.0} MB/s ({n} findings)",
            mb / secs
        );
    }
}
