//! The benchmark's 1 MiB text scanned a few times, for profilers (callgrind counts instructions,
//! which stay repeatable on a loaded machine): `cargo build --release --example scan_profile`.
//! Argument: rounds (default 3), `dump` to print every finding (to compare two builds), or
//! `text` to print the text.

#[path = "../benches/mixed_text.rs"]
mod mixed_text;

use promptvakt::Scanner;

fn main() {
    let arg = std::env::args().nth(1);
    let text = mixed_text::mixed_text(1 << 20);
    let t = std::time::Instant::now();
    let scanner = Scanner::default();
    // The first build in a process is the real cost (later ones share the detectors).
    eprintln!("scanner build: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    if arg.as_deref() == Some("text") {
        print!("{text}");
        return;
    }
    if arg.as_deref() == Some("dump") {
        for f in scanner.scan(&text) {
            println!("{} {} {} {}", f.start, f.end, f.category.id(), f.kind);
        }
        return;
    }
    let rounds: usize = arg.and_then(|a| a.parse().ok()).unwrap_or(3);
    let mut counts = std::collections::BTreeMap::new();
    for _ in 0..rounds {
        counts.clear();
        for f in scanner.scan(&text) {
            *counts.entry(f.category.id()).or_insert(0usize) += 1;
        }
    }
    println!("{counts:?}");
}
