//! Any policy text, then a scan with it: bad policies give issues, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promptvakt::{Policy, Scanner};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first line is the policy, the rest the text to scan with it.
    let (policy_text, sample) = text.split_once('\n').unwrap_or((text, "Anna 19121212-1212"));
    if let Ok((policy, _issues)) = Policy::from_json(policy_text) {
        let scanner = Scanner::new(policy);
        let _ = scanner.issues();
        let _ = scanner.scan(sample);
    }
});
