//! The Luhn (mod 10) check used by personnummer, payment cards, bankgiro and plusgiro.

/// Luhn sum of the ASCII digits in `s` (other bytes ignored), doubling every second digit from
/// the right starting with the rightmost when `double_last` is set; also returns the digit count.
fn sum(s: &str, double_last: bool) -> (u32, usize) {
    let mut total = 0u32;
    let mut n = 0usize;
    for b in s.bytes().rev().filter(u8::is_ascii_digit) {
        let mut d = u32::from(b - b'0');
        if (n % 2 == 0) == double_last {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        total += d;
        n += 1;
    }
    (total, n)
}

/// True when the ASCII digits in `digits` (other bytes are ignored) pass the Luhn check.
/// Fewer than two digits never pass.
pub fn is_valid(digits: &str) -> bool {
    let (total, n) = sum(digits, false);
    n >= 2 && total % 10 == 0
}

/// The check digit that makes `payload` (ASCII digits, others ignored) Luhn-valid.
pub fn check_digit(payload: &str) -> u8 {
    ((10 - sum(payload, true).0 % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert!(is_valid("8112189876"));
        assert!(is_valid("4111 1111 1111 1111"));
        assert!(!is_valid("8112189875"));
        assert!(!is_valid("0"));
        assert_eq!(check_digit("811218987"), 6);
    }

    proptest! {
        #[test]
        fn generated_numbers_validate(payload in "[0-9]{1,18}") {
            let full = format!("{payload}{}", check_digit(&payload));
            prop_assert!(is_valid(&full));
        }

        #[test]
        fn one_digit_changed_breaks(payload in "[0-9]{1,18}", pos in any::<prop::sample::Index>(), delta in 1u8..10) {
            let full = format!("{payload}{}", check_digit(&payload));
            let mut bytes = full.into_bytes();
            let i = pos.index(bytes.len());
            bytes[i] = b'0' + (bytes[i] - b'0' + delta) % 10;
            prop_assert!(!is_valid(std::str::from_utf8(&bytes).unwrap()));
        }
    }
}
