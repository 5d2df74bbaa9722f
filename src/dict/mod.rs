//! The compiled dictionaries: `build.rs` turns the lists in `data/` (origin and licence in
//! `data/SOURCES.md`) into sorted newline-joined strings; this module indexes them once.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

#[allow(clippy::all)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/dicts.rs"));
}

pub use generated::{HEALTH_TERMS, SENSITIVE_TERMS};

/// FxHash: a fast non-cryptographic hash for short words (the keys are our own static lists).
#[derive(Default)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, v: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    /// Eight bytes at a time, then the rest as one four-, two- and one-byte step each.
    fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some((c, r)) = rest.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*c));
            rest = r;
        }
        if let Some((c, r)) = rest.split_first_chunk::<4>() {
            self.add(u64::from(u32::from_le_bytes(*c)));
            rest = r;
        }
        if let Some((c, r)) = rest.split_first_chunk::<2>() {
            self.add(u64::from(u16::from_le_bytes(*c)));
            rest = r;
        }
        if let Some(&b) = rest.first() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A word list from a newline-joined static string, looked up by hash; the words stay in the
/// static string. A bit filter on (length, first and last bytes) answers most misses without hashing.
pub struct Lexicon {
    words: HashSet<&'static str, BuildHasherDefault<FxHasher>>,
    filter: Vec<u64>,
}

/// Filter size: 2^18 bits (32 KB) per list keeps even the first-name list sparse (< 10 %).
const FILTER_BITS: u32 = 18;

/// Mixes the length, the first four and the last two bytes: cheap, and enough to tell most
/// ordinary words from the listed ones.
fn filter_key(w: &str) -> usize {
    let b = w.as_bytes();
    let n = b.len();
    let at = |i: usize| u64::from(b.get(i).copied().unwrap_or(0));
    let tail = if n >= 2 {
        (at(n - 2) << 8) | at(n - 1)
    } else {
        0
    };
    let v =
        at(0) | (at(1) << 8) | (at(2) << 16) | (at(3) << 24) | (tail << 32) | ((n as u64) << 48);
    (v.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_BITS)) as usize
}

impl Lexicon {
    pub fn new(text: &'static str) -> Lexicon {
        Lexicon::from_words(text.split('\n').filter(|w| !w.is_empty()))
    }

    pub fn from_words(words: impl IntoIterator<Item = &'static str>) -> Lexicon {
        let words: HashSet<&'static str, BuildHasherDefault<FxHasher>> =
            words.into_iter().collect();
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        for w in &words {
            let k = filter_key(w);
            filter[k >> 6] |= 1 << (k & 63);
        }
        Lexicon { words, filter }
    }

    /// False means certainly not in the list; true means "maybe" (check with `contains`).
    pub fn maybe_contains(&self, word: &str) -> bool {
        let k = filter_key(word);
        self.filter[k >> 6] & (1 << (k & 63)) != 0
    }

    /// `word` must be lowercase.
    pub fn contains(&self, word: &str) -> bool {
        let k = filter_key(word);
        self.filter[k >> 6] & (1 << (k & 63)) != 0 && self.words.contains(word)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A hash of the first and last (up to) eight bytes and the length: no loop, and enough for
/// telling short words apart (words that differ only in the middle just share a slot).
fn short_hash(b: &[u8]) -> u64 {
    let n = b.len();
    let (head, tail) = if n >= 8 {
        (read8(&b[..8]), read8(&b[n - 8..]))
    } else if n >= 4 {
        (read4(&b[..4]), read4(&b[n - 4..]))
    } else if n > 0 {
        let mid = u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16;
        (u64::from(b[0]) | mid, 0)
    } else {
        (0, 0)
    };
    (head ^ tail.rotate_left(32) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

fn read8(b: &[u8]) -> u64 {
    u64::from_le_bytes(<[u8; 8]>::try_from(b).unwrap_or_default())
}

fn read4(b: &[u8]) -> u64 {
    u64::from(u32::from_le_bytes(
        <[u8; 4]>::try_from(b).unwrap_or_default(),
    ))
}

/// A small fixed map from words to values: open addressing on a short hash of the word, at most a
/// quarter full, so a lookup is one hash and usually one comparison (misses included).
pub struct WordTable<V> {
    /// Empty slots hold `("", V::default())`, which is also the answer for a missing word.
    slots: Vec<(&'static str, V)>,
    mask: usize,
}

impl<V: Copy + Default> WordTable<V> {
    /// `entries` must not hold the empty word.
    pub fn new(entries: impl IntoIterator<Item = (&'static str, V)>) -> WordTable<V> {
        let entries: Vec<_> = entries.into_iter().collect();
        let size = (entries.len() * 4).next_power_of_two().max(16);
        let mut table = WordTable {
            slots: vec![("", V::default()); size],
            mask: size - 1,
        };
        for (w, v) in entries {
            let mut i = table.slot(w);
            while !table.slots[i].0.is_empty() {
                i = (i + 1) & table.mask;
            }
            table.slots[i] = (w, v);
        }
        table
    }

    fn slot(&self, w: &str) -> usize {
        // The high bits of the product are the well mixed ones.
        (short_hash(w.as_bytes()) >> 40) as usize & self.mask
    }

    #[inline]
    pub fn get(&self, w: &str) -> V {
        let mut i = self.slot(w);
        loop {
            let (k, v) = self.slots[i];
            if k == w || k.is_empty() {
                return v;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// All name and medicine lists, built on first use (a few milliseconds).
pub struct Dicts {
    pub first_names: Lexicon,
    /// First names common in Sweden and the Nordics (may stand alone at a sentence start).
    pub core_names: Lexicon,
    pub ambiguous_names: Lexicon,
    pub surnames: Lexicon,
    pub places: Lexicon,
    pub not_names: Lexicon,
    pub medicines: Lexicon,
}

pub fn dicts() -> &'static Dicts {
    static DICTS: OnceLock<Dicts> = OnceLock::new();
    DICTS.get_or_init(|| Dicts {
        first_names: Lexicon::new(generated::FIRST_NAMES),
        core_names: Lexicon::new(generated::CORE_NAMES),
        ambiguous_names: Lexicon::new(generated::AMBIGUOUS_NAMES),
        surnames: Lexicon::new(generated::SURNAMES),
        places: Lexicon::new(generated::PLACES),
        not_names: Lexicon::new(generated::NOT_NAMES),
        medicines: Lexicon::new(generated::MEDICINES),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_loaded_and_sorted() {
        let d = dicts();
        assert!(d.first_names.len() > 5000);
        assert!(d.first_names.contains("anna"));
        assert!(d.first_names.contains("mohammed"));
        assert!(!d.first_names.contains("kommunen"));
        assert!(d.surnames.contains("andersson"));
        assert!(d.places.contains("mora"));
        assert!(d.medicines.contains("escitalopram"));
        assert!(d.not_names.contains("måndag"));
    }

    #[test]
    fn word_table_lookup() {
        let t = WordTable::new([("alfa", 1u8), ("beta", 2), ("gamma", 3)]);
        assert_eq!((t.get("alfa"), t.get("beta"), t.get("gamma")), (1, 2, 3));
        assert_eq!((t.get("delta"), t.get(""), t.get("alf")), (0, 0, 0));
    }

    #[test]
    fn lexicon_lookup() {
        let l = Lexicon::new("alfa\nbeta\ngamma");
        assert!(l.contains("alfa") && l.contains("gamma") && !l.contains("delta"));
        assert!(!Lexicon::new("").contains(""));
    }
}
