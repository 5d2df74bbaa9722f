//! Scan throughput and scanner construction time.
//!
//! The text is generated deterministically from template sentences written for this benchmark
//! (not the shared corpus): everyday municipal Swedish with personal data, look-alikes (dates,
//! amounts, case numbers), code and logs. Run: `cargo bench --bench scan`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use promptvakt::detectors::{
    classified::ClassifiedDetector, contact::ContactDetector, financial::FinancialDetector,
    identifier::IdentifierDetector, personnummer::PersonnummerDetector, secret::SecretDetector,
    Detector, Document,
};
use promptvakt::{Policy, Scanner};
use std::hint::black_box;

#[path = "mixed_text.rs"]
mod mixed_text;
use mixed_text::mixed_text;

fn bench(c: &mut Criterion) {
    let text = mixed_text(1 << 20);
    let scanner = Scanner::default();

    let mut g = c.benchmark_group("scan");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("full_1MiB", |b| {
        b.iter(|| black_box(scanner.scan(black_box(&text))))
    });
    let detectors: Vec<Box<dyn Detector>> = vec![
        Box::new(PersonnummerDetector::new()),
        Box::new(ContactDetector::new()),
        Box::new(FinancialDetector::new()),
        Box::new(IdentifierDetector::new()),
        Box::new(ClassifiedDetector::new(&["intranat.kommun.se".to_string()])),
        Box::new(SecretDetector::new()),
    ];
    for d in &detectors {
        g.bench_function(d.name(), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                d.detect(&Document::new(black_box(&text)), &mut out);
                black_box(out)
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("scanner_default_policy", |b| {
        b.iter(|| black_box(Scanner::new(Policy::default())))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
