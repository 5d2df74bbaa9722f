//! Byte offsets ↔ UTF-16 code units.
//!
//! Detectors work on `&str` byte offsets (what `regex` and `aho-corasick` report). JavaScript and
//! the scorer count UTF-16 code units, so every offset leaving the crate goes through here.

/// Converts ascending byte offsets into UTF-16 offsets in one forward pass over the text.
///
/// Offsets may be requested in any order, but ascending requests are O(total length); a request
/// before the last one restarts from the beginning.
pub struct Utf16Mapper<'a> {
    text: &'a str,
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Mapper<'a> {
    pub fn new(text: &'a str) -> Utf16Mapper<'a> {
        Utf16Mapper {
            text,
            byte: 0,
            unit: 0,
        }
    }

    /// UTF-16 offset of `byte_offset`, which must lie on a char boundary.
    pub fn to_utf16(&mut self, byte_offset: usize) -> usize {
        assert!(
            self.text.is_char_boundary(byte_offset),
            "offset is not on a char boundary"
        );
        if byte_offset < self.byte {
            self.byte = 0;
            self.unit = 0;
        }
        self.unit += utf16_len(&self.text[self.byte..byte_offset]);
        self.byte = byte_offset;
        self.unit
    }
}

/// Number of UTF-16 code units needed for `s`.
pub fn utf16_len(s: &str) -> usize {
    // ASCII-heavy text: count bytes that start a char, plus one more for 4-byte chars.
    s.as_bytes()
        .iter()
        .map(|&b| match b {
            0x00..=0x7F => 1,
            0x80..=0xBF => 0,
            0xC0..=0xEF => 1,
            _ => 2,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emoji_and_accents() {
        let s = "a😀é b";
        let mut m = Utf16Mapper::new(s);
        assert_eq!(m.to_utf16(0), 0);
        assert_eq!(m.to_utf16(1), 1);
        assert_eq!(m.to_utf16(5), 3);
        assert_eq!(m.to_utf16(7), 4);
        assert_eq!(m.to_utf16(s.len()), 6);
        assert_eq!(m.to_utf16(1), 1, "going back restarts");
    }

    proptest! {
        #[test]
        fn matches_std_encoding(s in "\\PC*", picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..8)) {
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let mut offs: Vec<usize> = picks.iter().map(|p| bounds[p.index(bounds.len())]).collect();
            offs.sort();
            let mut m = Utf16Mapper::new(&s);
            for o in offs {
                prop_assert_eq!(m.to_utf16(o), s[..o].encode_utf16().count());
            }
            prop_assert_eq!(utf16_len(&s), s.encode_utf16().count());
        }
    }
}
