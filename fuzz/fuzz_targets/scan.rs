//! Any UTF-8 text: the scan never panics, findings are sorted, disjoint and on char boundaries,
//! UTF-16 conversion works, and redaction round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promptvakt::text::Utf16Mapper;
use promptvakt::{redact, Scanner};
use std::sync::OnceLock;

fn scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(Scanner::default)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let found = scanner().scan(text);
    let mut last = 0;
    let mut map = Utf16Mapper::new(text);
    for f in &found {
        assert!(f.start >= last && f.start < f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        map.to_utf16(f.start);
        map.to_utf16(f.end);
        last = f.end;
    }
    let r = redact::redact(text, &found);
    assert_eq!(redact::restore(&r.text, &r.mapping), text);
});
