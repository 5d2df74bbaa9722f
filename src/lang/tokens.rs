//! Word tokens with byte offsets, and a lowercase copy of the text with the same byte layout.

/// A word: letters and digits, with inner hyphens and apostrophes ("Ann-Katrin", "1-diabetes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Sentence number: a new one starts after `.`, `!`, `?`, a line break or a short quote.
    pub sent: u32,
    /// Line number.
    pub line: u32,
    pub flags: u8,
}

impl Token {
    pub const UPPER_INITIAL: u8 = 1;
    pub const ALL_UPPER: u8 = 2;
    pub const HAS_DIGIT: u8 = 4;
    /// First word of a sentence, a line, or after `:` or an opening quote.
    pub const SENT_START: u8 = 8;
    pub const LINE_START: u8 = 16;
    /// Inside a short quotation (a title such as "Hans och Greta").
    pub const IN_TITLE: u8 = 32;
    pub const HAS_LETTER: u8 = 64;

    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Capitalised like a name: upper initial, not all capitals, no digits.
    pub fn is_capitalised(&self) -> bool {
        self.has(Self::UPPER_INITIAL) && !self.has(Self::ALL_UPPER) && !self.has(Self::HAS_DIGIT)
    }

    pub fn is_lower_word(&self) -> bool {
        self.has(Self::HAS_LETTER) && !self.has(Self::UPPER_INITIAL) && !self.has(Self::HAS_DIGIT)
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

/// Lowercase copy where every char keeps its UTF-8 length (chars whose lowercase form is longer
/// or shorter stay as they are), so byte offsets are shared with the original.
pub fn lowercase_same_layout(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = text.to_owned();
    let mut buf = [0u8; 4];
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time: the ASCII ones before the first non-ASCII byte, mostly
        // lowercase already.
        let b = bytes[i];
        if let Some(chunk) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0x80; 8]));
            if w & 0x8080_8080_8080_8080 == 0 {
                if has_ascii_upper(w) {
                    out[i..i + 8].make_ascii_lowercase();
                }
                i += 8;
                continue;
            }
            let ascii = ((w & 0x8080_8080_8080_8080).trailing_zeros() / 8) as usize;
            let prefix = w & ((1 << (8 * ascii)) - 1);
            if has_ascii_upper(prefix) {
                out[i..i + ascii].make_ascii_lowercase();
            }
            i += ascii;
            if ascii > 0 {
                continue;
            }
        } else if b < 0x80 {
            out[i..i + 1].make_ascii_lowercase();
            i += 1;
            continue;
        }
        // Latin-1 letters (lead byte 0xC3) without the Unicode table: only À..Þ (not ×) change.
        let (c, n) = match (b, bytes.get(i + 1)) {
            (0xC3, Some(&c)) if !(0x80..=0x9E).contains(&c) || c == 0x97 => {
                i += 2;
                continue;
            }
            _ => match text[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            },
        };
        let mut low = c.to_lowercase();
        if let (Some(l), None) = (low.next(), low.next()) {
            if l != c && l.len_utf8() == n {
                out.replace_range(i..i + n, l.encode_utf8(&mut buf));
            }
        }
        i += n;
    }
    out
}

/// Some byte of eight ASCII bytes is in `A..=Z`.
fn has_ascii_upper(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Bytes are below 0x80, so the sums stay within their byte; bit 7 then says "at least".
    let ge_a = w + ONES * (0x80 - u64::from(b'A'));
    let gt_z = w + ONES * (0x80 - u64::from(b'Z') - 1);
    ge_a & !gt_z & 0x8080_8080_8080_8080 != 0
}

/// Letters and digits; Latin-1 and Latin Extended letters (å, ä, ö, é, ü, ć, ś ...) without
/// the Unicode table lookup.
#[inline]
fn is_word_char(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
        '\u{0}'..='\u{7f}' | '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// A non-ASCII letter; Latin-1 and Latin Extended without the table lookup.
#[inline]
fn is_letter(c: char) -> bool {
    match c {
        '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' => true,
        _ => c.is_alphabetic(),
    }
}

#[inline]
fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' => true,
        '\u{0}'..='\u{7f}' => false,
        '\u{c0}'..='\u{de}' => c != '\u{d7}',
        '\u{df}'..='\u{ff}' => false,
        _ => c.is_uppercase(),
    }
}

/// Quotes of two to this many words are treated as titles (one quoted word is data).
const TITLE_WORDS: usize = 5;

/// The char at byte `pos` and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(pos)?;
    if b < 0x80 {
        Some((b as char, 1))
    } else {
        text[pos..].chars().next().map(|c| (c, c.len_utf8()))
    }
}

/// Letter and digit classes of a word's chars, OR-ed together while scanning it.
const UP: u8 = 1;
const LO: u8 = 2;
const DIGIT: u8 = 4;

/// The class of each byte that is an ASCII letter or digit (0 for all others).
const ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'A'..=b'Z' => UP,
            b'a'..=b'z' => LO,
            b'0'..=b'9' => DIGIT,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The class of a word char: a letter is upper or lower, anything else is numeric.
fn class(c: char) -> u8 {
    if c.is_ascii() {
        ASCII_CLASS[c as usize]
    } else if !is_letter(c) {
        DIGIT
    } else if is_upper(c) {
        UP
    } else {
        LO
    }
}

/// The word starting at `start` (a word char): its end and its case and digit flags.
fn scan_word(text: &str, start: usize) -> (usize, u8) {
    let bytes = text.as_bytes();
    let mut pos = start;
    let mut seen = 0u8;
    loop {
        // ASCII letters and digits: the common case, no decoding.
        let mut n = 0;
        for &b in &bytes[pos..] {
            let k = ASCII_CLASS[usize::from(b)];
            if k == 0 {
                break;
            }
            seen |= k;
            n += 1;
        }
        pos += n;
        // Most words end at an ASCII space or punctuation: no decoding needed to see that.
        if bytes
            .get(pos)
            .map_or(true, |&b| b < 0x80 && b != b'-' && b != b'\'')
        {
            break;
        }
        match char_at(text, pos) {
            Some((d, dl)) if !d.is_ascii() && is_word_char(d) => {
                seen |= class(d);
                pos += dl;
            }
            // A joiner only when a letter or digit follows.
            Some(('-' | '\'' | '’', dl))
                if char_at(text, pos + dl).is_some_and(|(a, _)| is_word_char(a)) =>
            {
                pos += dl;
            }
            _ => break,
        }
    }
    let mut flags = 0u8;
    let first = match bytes[start] {
        b @ 0..=0x7F => ASCII_CLASS[usize::from(b)],
        _ => char_at(text, start).map_or(0, |(c, _)| class(c)),
    };
    if first == UP {
        flags |= Token::UPPER_INITIAL;
    }
    if seen & DIGIT != 0 {
        flags |= Token::HAS_DIGIT;
    }
    if seen & (UP | LO) != 0 {
        flags |= Token::HAS_LETTER;
    }
    // Capitals and no lowercase: count the letters only then (all capitals needs two).
    if seen & (UP | LO) == UP
        && text[start..pos]
            .chars()
            .filter(|&c| class(c) == UP)
            .nth(1)
            .is_some()
    {
        flags |= Token::ALL_UPPER;
    }
    (pos, flags)
}

/// Sentence, line and quotation state between words: the rules of [`tokenize`], which its
/// char-by-char reference in the tests shares.
struct Boundaries {
    sent: u32,
    line: u32,
    /// The next word starts a sentence.
    boundary: bool,
    line_start: bool,
    /// Index of the first token inside an open quote.
    quote_open: Option<usize>,
}

impl Boundaries {
    fn new() -> Boundaries {
        Boundaries {
            sent: 0,
            line: 0,
            boundary: true,
            line_start: true,
            quote_open: None,
        }
    }

    /// The token for the word at `start..end` with its own `flags`; the state moves past it.
    #[inline]
    fn token(&mut self, start: usize, end: usize, mut flags: u8) -> Token {
        if self.boundary {
            flags |= Token::SENT_START;
        }
        if self.line_start {
            flags |= Token::LINE_START;
        }
        self.boundary = false;
        self.line_start = false;
        Token {
            start,
            end,
            sent: self.sent,
            line: self.line,
            flags,
        }
    }

    /// A char `c` between words, ending at byte `pos` of `text`; `tokens` so far.
    #[inline]
    fn between(&mut self, c: char, text: &str, pos: usize, tokens: &mut [Token]) {
        match c {
            ' ' | ',' => {}
            '\n' => {
                self.line += 1;
                self.sent += 1;
                self.boundary = true;
                self.line_start = true;
                self.quote_open = None;
            }
            '.' | '!' | '?' => {
                // "kl. 9", "t.ex." and "3.5" do not end a sentence; a following space and capital does.
                let next = char_at(text, pos).map(|(n, _)| n);
                if next.map_or(true, |n| n.is_whitespace() || is_quote(n) || n == ')') {
                    self.sent += 1;
                    self.boundary = true;
                }
            }
            ':' | '•' => self.boundary = true,
            c if is_quote(c) => {
                if let Some(first) = self.quote_open.take() {
                    let n = tokens.len() - first;
                    if (2..=TITLE_WORDS).contains(&n) {
                        for t in &mut tokens[first..] {
                            t.flags |= Token::IN_TITLE;
                        }
                    }
                } else {
                    self.quote_open = Some(tokens.len());
                    self.boundary = true;
                }
            }
            _ => {}
        }
    }
}

pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut state = Boundaries::new();
    let mut pos = 0usize;
    while let Some(&b) = bytes.get(pos) {
        let (c, clen) = if b < 0x80 {
            (char::from(b), 1)
        } else {
            match char_at(text, pos) {
                Some(cl) => cl,
                None => break,
            }
        };
        let word = if b < 0x80 {
            ASCII_CLASS[usize::from(b)] != 0
        } else {
            is_word_char(c)
        };
        if word {
            let (end, flags) = scan_word(text, pos);
            tokens.push(state.token(pos, end, flags));
            pos = end;
            continue;
        }
        pos += clen;
        state.between(c, text, pos, &mut tokens);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn splits_words_and_keeps_joiners() {
        assert_eq!(
            words("Ann-Katrin har typ 1-diabetes, ja!"),
            vec!["Ann-Katrin", "har", "typ", "1-diabetes", "ja"]
        );
        assert_eq!(
            words("Rut- och ROT-avdrag"),
            vec!["Rut", "och", "ROT-avdrag"]
        );
    }

    #[test]
    fn flags() {
        let text = "Hej Anna. hon sa \"Hans och Greta\" i dag\nEVA";
        let t = tokenize(text);
        assert!(t[0].has(Token::SENT_START) && t[0].is_capitalised());
        assert!(!t[1].has(Token::SENT_START));
        assert!(t[2].has(Token::SENT_START) && t[2].is_lower_word());
        assert!(t[4].has(Token::IN_TITLE) && t[6].has(Token::IN_TITLE));
        assert!(!t[7].has(Token::IN_TITLE));
        let eva = t.last().unwrap();
        assert!(eva.has(Token::ALL_UPPER) && eva.has(Token::LINE_START) && eva.line == 1);
    }

    #[test]
    fn fast_char_classes_agree_with_unicode() {
        for c in (0u32..0x600).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            if c.is_alphabetic() || is_letter(c) {
                assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            }
            if !c.is_ascii() {
                assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            }
        }
    }

    #[test]
    fn lowercase_keeps_layout() {
        let s = "ÅSA Öberg İz ẞ";
        let l = lowercase_same_layout(s);
        assert_eq!(l.len(), s.len());
        assert!(l.starts_with("åsa öberg"));
    }

    /// The straightforward lowercase the fast one must match.
    fn reference_lowercase(text: &str) -> String {
        let mut out = text.to_ascii_lowercase();
        let mut buf = [0u8; 4];
        for (i, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
            let mut low = c.to_lowercase();
            if let (Some(l), None) = (low.next(), low.next()) {
                if l != c && l.len_utf8() == c.len_utf8() {
                    out.replace_range(i..i + c.len_utf8(), l.encode_utf8(&mut buf));
                }
            }
        }
        out
    }

    /// The char-by-char tokenizer the fast one must match.
    fn reference_tokenize(text: &str) -> Vec<Token> {
        let bytes = text.as_bytes();
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
        let mut state = Boundaries::new();
        let mut pos = 0usize;
        while let Some((c, clen)) = char_at(text, pos) {
            let i = pos;
            pos += clen;
            if is_word_char(c) {
                let start = i;
                let mut flags = 0u8;
                let mut all_upper = true;
                let mut letters = 0usize;
                let mut note = |ch: char, first: bool, flags: &mut u8| {
                    if ch.is_ascii_digit() {
                        *flags |= Token::HAS_DIGIT;
                    } else if ch.is_ascii_alphabetic() || (!ch.is_ascii() && is_letter(ch)) {
                        letters += 1;
                        *flags |= Token::HAS_LETTER;
                        let upper = is_upper(ch);
                        if first && upper {
                            *flags |= Token::UPPER_INITIAL;
                        }
                        all_upper &= upper;
                    } else if ch.is_numeric() {
                        *flags |= Token::HAS_DIGIT;
                    }
                };
                note(c, true, &mut flags);
                loop {
                    // ASCII letters and digits: the common case, no decoding.
                    while pos < bytes.len() && bytes[pos].is_ascii_alphanumeric() {
                        note(bytes[pos] as char, false, &mut flags);
                        pos += 1;
                    }
                    match char_at(text, pos) {
                        Some((d, dl)) if is_word_char(d) => {
                            note(d, false, &mut flags);
                            pos += dl;
                        }
                        // A joiner only when a letter or digit follows.
                        Some(('-' | '\'' | '’', dl)) => {
                            if char_at(text, pos + dl).is_some_and(|(a, _)| is_word_char(a)) {
                                pos += dl;
                            } else {
                                break;
                            }
                        }
                        _ => break,
                    }
                }
                if all_upper && letters >= 2 {
                    flags |= Token::ALL_UPPER;
                }
                tokens.push(state.token(start, pos, flags));
                continue;
            }
            state.between(c, text, pos, &mut tokens);
        }
        tokens
    }

    #[test]
    fn lowercase_matches_reference_for_every_char() {
        let all: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        assert_eq!(lowercase_same_layout(&all), reference_lowercase(&all));
        for c in (0..0x800).filter_map(char::from_u32) {
            let s = format!("AbCdEfGh{c}XyZ");
            assert_eq!(lowercase_same_layout(&s), reference_lowercase(&s), "{c:?}");
        }
    }

    proptest! {
        #[test]
        fn lowercase_matches_reference(s in "\\PC*", t in "[A-Za-z@\\[`{ÀÅÖ×Þßåäöİẞ]{0,40}") {
            prop_assert_eq!(lowercase_same_layout(&s), reference_lowercase(&s));
            prop_assert_eq!(lowercase_same_layout(&t), reference_lowercase(&t));
        }

        #[test]
        fn tokenize_matches_reference(s in "\\PC*", t in "[a-zA-Z0-9 .:!?\n\"“”«»„•'’\\-åÅÖé²İẞǅ_ ]{0,60}") {
            prop_assert_eq!(tokenize(&s), reference_tokenize(&s));
            prop_assert_eq!(tokenize(&t), reference_tokenize(&t));
        }

        #[test]
        fn offsets_on_char_boundaries(s in "\\PC*") {
            let l = lowercase_same_layout(&s);
            prop_assert_eq!(l.len(), s.len());
            let mut last = 0;
            for t in tokenize(&s) {
                prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
                prop_assert!(l.is_char_boundary(t.start) && l.is_char_boundary(t.end));
                prop_assert!(t.start >= last && t.end > t.start);
                last = t.end;
            }
        }
    }
}
