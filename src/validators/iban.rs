//! IBAN check (ISO 13616 mod 97), computed incrementally without big integers.

/// Expected IBAN length per country for the countries whose numbers are common in Swedish
/// text; other countries only need a plausible length (15–34).
fn expected_len(country: &[u8]) -> Option<usize> {
    Some(match country {
        b"SE" => 24,
        b"NO" => 15,
        b"DK" | b"FI" | b"NL" => 18,
        b"DE" => 22,
        b"GB" | b"IE" => 22,
        b"FR" | b"IT" => 27,
        b"ES" => 24,
        b"PL" => 28,
        b"EE" | b"AT" => 20,
        b"LT" | b"LV" => 20,
        b"CH" => 21,
        b"BE" => 16,
        _ => return None,
    })
}

/// True when `candidate` (spaces allowed, nothing else) is a valid IBAN.
pub fn is_valid(candidate: &str) -> bool {
    let mut buf = [0u8; 34];
    let mut n = 0;
    for b in candidate.bytes() {
        match b {
            b' ' | b'\xa0' => continue,
            b'0'..=b'9' | b'A'..=b'Z' if n < buf.len() => {
                buf[n] = b;
                n += 1;
            }
            _ => return false,
        }
    }
    let s = &buf[..n];
    if n < 15 || !s[0].is_ascii_uppercase() || !s[1].is_ascii_uppercase() {
        return false;
    }
    if !s[2].is_ascii_digit() || !s[3].is_ascii_digit() {
        return false;
    }
    if let Some(len) = expected_len(&s[..2]) {
        if len != n {
            return false;
        }
    }
    let mut rem: u32 = 0;
    for &b in s[4..].iter().chain(&s[..4]) {
        if b.is_ascii_digit() {
            rem = (rem * 10 + u32::from(b - b'0')) % 97;
        } else {
            let v = u32::from(b - b'A') + 10;
            rem = (rem * 100 + v) % 97;
        }
    }
    rem == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ibans() {
        assert!(is_valid("SE45 5000 0000 0583 9825 7466"));
        assert!(is_valid("GB82 WEST 1234 5698 7654 32"));
        assert!(is_valid("DE89370400440532013000"));
        assert!(!is_valid("SE45 5000 0000 0583 9825 7467"));
        assert!(!is_valid("SE45 5000"));
        assert!(!is_valid("se45 5000 0000 0583 9825 7466"));
    }
}
