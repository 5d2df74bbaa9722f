//! Calendar dates without a date library: leap years, month lengths, and "today".
//!
//! "Today" is needed to resolve the century of a 10-digit personnummer. Natively it comes from
//! `SystemTime`; on `wasm32` std has no clock, so it comes from JavaScript's `Date`. Detectors take
//! an optional injected date so tests are independent of the clock.

/// A civil (proleptic Gregorian) date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub const fn new(year: u32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    /// True when the date exists in the calendar.
    pub fn is_valid(self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
    }
}

pub fn is_leap_year(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for a month that does not exist.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The civil date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
pub fn from_unix_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(year.max(0) as u32, month as u32, day as u32)
}

/// Today's date (UTC natively, local time in the browser).
#[cfg(not(target_arch = "wasm32"))]
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    from_unix_days((secs / 86_400) as i64)
}

/// Today's date (UTC natively, local time in the browser).
#[cfg(target_arch = "wasm32")]
pub fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year(), d.get_month() + 1, d.get_date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn calendar() {
        assert!(Date::new(2000, 2, 29).is_valid());
        assert!(!Date::new(1900, 2, 29).is_valid());
        assert!(Date::new(2024, 2, 29).is_valid());
        assert!(!Date::new(2023, 2, 29).is_valid());
        assert!(!Date::new(2024, 2, 30).is_valid());
        assert!(!Date::new(2024, 4, 31).is_valid());
        assert!(!Date::new(2024, 13, 1).is_valid());
        assert!(!Date::new(2024, 0, 1).is_valid());
        assert_eq!(from_unix_days(0), Date::new(1970, 1, 1));
        assert_eq!(from_unix_days(11_016), Date::new(2000, 2, 29));
        assert!(today().year >= 2024);
    }

    /// Reference: count days forward one by one from 1970-01-01.
    fn step(mut d: Date) -> Date {
        d.day += 1;
        if d.day > days_in_month(d.year, d.month) {
            d.day = 1;
            d.month += 1;
            if d.month > 12 {
                d.month = 1;
                d.year += 1;
            }
        }
        d
    }

    #[test]
    fn unix_days_match_stepping() {
        let mut d = Date::new(1970, 1, 1);
        for n in 0..80_000 {
            assert_eq!(from_unix_days(n), d);
            d = step(d);
        }
    }

    proptest! {
        #[test]
        fn validity_matches_reference(y in 1800u32..2200, m in 0u32..14, day in 0u32..33) {
            // Reference: a date is valid iff it is reached by stepping from the 1st of its month.
            let expected = (1..=12).contains(&m) && {
                let mut d = Date::new(y, m, 1);
                let mut ok = day == 1;
                while !ok && d.month == m && d.day < day { d = step(d); ok = d.month == m && d.day == day; }
                ok
            };
            prop_assert_eq!(Date::new(y, m, day).is_valid(), expected);
        }
    }
}
