//! Small text helpers shared by the pattern detectors: word boundaries (the regex build has no
//! Unicode `\b`), line bounds and label look-behind. All work on byte offsets of a `&str`.

/// The char ending at byte `i` (None at the start).
pub fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// The char starting at byte `i` (None at the end).
pub fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when `start..end` is not glued to letters or digits on either side.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    !prev_char(text, start).is_some_and(is_word_char)
        && !next_char(text, end).is_some_and(is_word_char)
}

/// True when a number at `start..end` continues a longer number on the left, e.g. `12-` or
/// `12 ` + digit glued by a single separator that belongs to grouped digits.
pub fn glued_left(text: &str, start: usize, seps: &[char]) -> bool {
    match prev_char(text, start) {
        Some(c) if is_word_char(c) => true,
        Some(c) if seps.contains(&c) => {
            prev_char(text, start - c.len_utf8()).is_some_and(|d| d.is_ascii_digit())
        }
        _ => false,
    }
}

/// Mirror of [`glued_left`] on the right side.
pub fn glued_right(text: &str, end: usize, seps: &[char]) -> bool {
    match next_char(text, end) {
        Some(c) if is_word_char(c) => true,
        Some(c) if seps.contains(&c) => {
            next_char(text, end + c.len_utf8()).is_some_and(|d| d.is_ascii_digit())
        }
        _ => false,
    }
}

/// Largest char boundary `<= i`.
pub fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary `>= i`.
pub fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Longest stretch searched on each side by [`line_bounds`]: keeps per-match work bounded, so
/// a huge single-line input stays linear.
pub const MAX_LINE_SEARCH: usize = 2000;

/// The line (without its newline) containing byte `i`: `(start, end)`, clipped to
/// [`MAX_LINE_SEARCH`] bytes on each side.
pub fn line_bounds(text: &str, i: usize) -> (usize, usize) {
    let lo = floor_boundary(text, i.saturating_sub(MAX_LINE_SEARCH));
    let hi = ceil_boundary(text, i + MAX_LINE_SEARCH);
    // memchr's searchers: lines in pasted text run to thousands of bytes.
    let b = text.as_bytes();
    let start = memchr::memrchr(b'\n', &b[lo..i]).map_or(lo, |p| lo + p + 1);
    let end = memchr::memchr(b'\n', &b[i..hi]).map_or(hi, |p| i + p);
    (start, end)
}

/// Up to `window` bytes before `i`, on the same line, lowercased (ASCII and Swedish letters).
pub fn before_lower(text: &str, i: usize, window: usize) -> String {
    let from = floor_boundary(text, i.saturating_sub(window));
    let s = &text[from..i];
    let s = memchr::memrchr(b'\n', s.as_bytes()).map_or(s, |p| &s[p + 1..]);
    s.to_lowercase()
}

/// Up to `window` bytes after `i`, lowercased (crosses lines).
pub fn after_lower(text: &str, i: usize, window: usize) -> String {
    let to = ceil_boundary(text, i + window);
    text[i..to].to_lowercase()
}

/// True when `hay` contains any of `needles` (the same answer as `str::contains` per needle).
/// A byte loop: the haystacks are short, where building a `str::find` searcher per needle costs
/// more than the search.
pub fn contains_any(hay: &str, needles: &[&str]) -> bool {
    let h = hay.as_bytes();
    needles.iter().any(|n| {
        let n = n.as_bytes();
        match n.split_first() {
            None => true,
            Some((&first, _)) => h
                .iter()
                .enumerate()
                .any(|(p, &c)| c == first && h[p..].starts_with(n)),
        }
    })
}

/// True when `hay` contains any of `needles`, each as a whole word (ASCII boundaries are enough:
/// the needles are plain Swedish or English words).
pub fn contains_word(hay: &str, needles: &[&str]) -> bool {
    // A whole word starts where the char before is not a word char: only those positions are
    // tried (a few per haystack), each against the needles with its first byte.
    let h = hay.as_bytes();
    let mut prev_word = false;
    hay.char_indices().any(|(p, c)| {
        let start = !prev_word;
        prev_word = is_word_char(c);
        start
            && needles.iter().any(|n| {
                let n = n.as_bytes();
                n.first() == Some(&h[p])
                    && h[p..].starts_with(n)
                    && !next_char(hay, p + n.len()).is_some_and(is_word_char)
            })
    })
}

/// Disjoint, sorted regions `[cue - before, cue + after]` around every cue match. Detectors run
/// their regexes only inside these windows, which keeps them fast on text without cues. The cues
/// are matched against `folded`, the ASCII-lowercased text (same byte offsets, see
/// [`super::Document::ascii_lower`]), so `cues` must come from [`folded_cue_automaton`].
pub fn cue_regions(
    cues: &Cues,
    text: &str,
    folded: &[u8],
    before: usize,
    after: usize,
) -> Vec<(usize, usize)> {
    let mut regions = Regions::new(text, before, after);
    cues.for_each(folded, |start, end| regions.add(start, end));
    regions.into_vec()
}

/// Builds disjoint, sorted windows `[start - before, end + after]` (on char boundaries) around
/// spans added in ascending order, merging windows that touch.
pub struct Regions<'t> {
    text: &'t str,
    before: usize,
    after: usize,
    spans: Vec<(usize, usize)>,
}

impl<'t> Regions<'t> {
    pub fn new(text: &'t str, before: usize, after: usize) -> Regions<'t> {
        Regions {
            text,
            before,
            after,
            spans: Vec::new(),
        }
    }

    pub fn add(&mut self, start: usize, end: usize) {
        let lo = floor_boundary(self.text, start.saturating_sub(self.before));
        let hi = ceil_boundary(self.text, end + self.after);
        match self.spans.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => self.spans.push((lo, hi)),
        }
    }

    pub fn into_vec(self) -> Vec<(usize, usize)> {
        self.spans
    }
}

/// Eight bytes at a time (SWAR): the high bit of each byte of the result is set where the byte
/// of `x` lies in `lo..=hi` (ASCII bounds).
#[inline]
fn bytes_in_range(x: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Adding `0x80 - bound` to the low seven bits sets the high bit exactly where they are
    // `>= bound`, with no carry between bytes; bytes with the high bit set are never ASCII.
    let low7 = x & !HIGH;
    let ge_lo = low7 + ONES * u64::from(0x80 - lo);
    let gt_hi = low7 + ONES * u64::from(0x80 - hi - 1);
    ge_lo & !gt_hi & !x & HIGH
}

/// `bytes` with ASCII capitals lowercased, eight at a time (a byte loop is about five times
/// slower on a megabyte of text).
pub fn ascii_lowercase(text: &str) -> Vec<u8> {
    let mut out = text.as_bytes().to_vec();
    let mut words = out.chunks_exact_mut(8);
    for w in &mut words {
        let x = u64::from_le_bytes((&*w).try_into().expect("eight bytes"));
        // 0x20 is the case bit: the range test's high bit shifted down to it.
        w.copy_from_slice(&(x | (bytes_in_range(x, b'A', b'Z') >> 2)).to_le_bytes());
    }
    words.into_remainder().make_ascii_lowercase();
    out
}

/// Bit `i` set where `chunk[i]` is an ASCII digit.
#[inline]
fn digit_mask(chunk: &[u8; 64]) -> u64 {
    let mut mask = 0u64;
    for (k, w) in chunk.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        // Gathers the high bit of each byte into the top byte, in byte order.
        let bits = ((bytes_in_range(x, b'0', b'9') >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
        mask |= bits << (k * 8);
    }
    mask
}

/// The runs of ASCII digits in `text`, as sorted `(start, end)` byte spans. Sixty-four bytes
/// at a time: a digit mask, then one step per run edge (prose with numbers has a run every
/// twenty bytes or so, where a byte loop with a branch per byte is slow).
pub fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut runs = Vec::new();
    let mut open: Option<usize> = None;
    let mut edges = |mask: u64, base: usize, open: &mut Option<usize>| {
        // An edge wherever a byte's digit state differs from the byte before it.
        let mut changes = mask ^ ((mask << 1) | u64::from(open.is_some()));
        while changes != 0 {
            let at = base + changes.trailing_zeros() as usize;
            changes &= changes - 1;
            match open.take() {
                Some(start) => runs.push((start, at)),
                None => *open = Some(at),
            }
        }
    };
    let mut chunks = b.chunks_exact(64);
    let mut base = 0;
    for c in &mut chunks {
        edges(digit_mask(c.try_into().expect("64 bytes")), base, &mut open);
        base += 64;
    }
    let rest = chunks.remainder();
    let mut last = [0u8; 64];
    last[..rest.len()].copy_from_slice(rest);
    // Padding is zero bytes (not digits): a run open at the end closes at `b.len()`.
    edges(digit_mask(&last), base, &mut open);
    runs
}

/// Disjoint, sorted regions around spans (`before` / `after` bytes of context).
pub fn regions_around(
    text: &str,
    spans: &[(usize, usize)],
    before: usize,
    after: usize,
) -> Vec<(usize, usize)> {
    let mut regions = Regions::new(text, before, after);
    for &(s, e) in spans {
        regions.add(s, e);
    }
    regions.into_vec()
}

/// Disjoint, sorted windows around digit runs (`before` / `after` bytes of context, merged
/// where they touch), as [`regions_around`] builds them; calls `visit(window_runs, window)` for
/// each. A pattern searched window by window pays a fixed cost per search, so detectors keep
/// only windows whose digits could make their shape (enough of them, a long enough run); the
/// windows kept are searched exactly as before, so the matches do not change.
pub fn digit_windows(
    text: &str,
    runs: &[(usize, usize)],
    before: usize,
    after: usize,
    mut visit: impl FnMut(&[(usize, usize)], (usize, usize)),
) {
    let mut i = 0;
    while i < runs.len() {
        let lo = floor_boundary(text, runs[i].0.saturating_sub(before));
        let mut hi = ceil_boundary(text, runs[i].1 + after);
        let mut j = i + 1;
        while j < runs.len() && floor_boundary(text, runs[j].0.saturating_sub(before)) <= hi {
            hi = hi.max(ceil_boundary(text, runs[j].1 + after));
            j += 1;
        }
        visit(&runs[i..j], (lo, hi));
        i = j;
    }
}

/// The windows of [`digit_windows`] for which `keep(window_runs)` holds.
pub fn digit_windows_where(
    text: &str,
    runs: &[(usize, usize)],
    before: usize,
    after: usize,
    keep: impl Fn(&[(usize, usize)]) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    digit_windows(text, runs, before, after, |r, w| {
        if keep(r) {
            out.push(w);
        }
    });
    out
}

/// Number of digits in `runs`.
pub fn run_digits(runs: &[(usize, usize)]) -> usize {
    runs.iter().map(|&(s, e)| e - s).sum()
}

/// Disjoint, sorted regions around every run of ASCII digits (`before` / `after` bytes of
/// context). Number-shaped patterns only run inside them: most prose has few digits. Detectors
/// use [`super::Document::digit_runs`], which finds the runs once for all of them.
pub fn digit_regions(text: &str, before: usize, after: usize) -> Vec<(usize, usize)> {
    regions_around(text, &digit_runs(text), before, after)
}

/// A pattern searched only inside windows placed at its literals. The regex crate runs a literal
/// prefilter at the start of every search; on windows of a few dozen bytes that costs more than
/// the search itself, so this one has none.
pub struct WindowRegex(regex_automata::meta::Regex);

impl WindowRegex {
    pub fn new(pattern: &str) -> Result<WindowRegex, Box<regex_automata::meta::BuildError>> {
        regex_automata::meta::Regex::builder()
            .configure(regex_automata::meta::Config::new().auto_prefilter(false))
            .build(pattern)
            .map(WindowRegex)
            .map_err(Box::new)
    }
}

/// A pattern that [`find_in`] can search: the leftmost-first match at or after `pos` in `hay`.
pub trait FindAt {
    fn find_at(&self, hay: &str, pos: usize) -> Option<(usize, usize)>;
}

impl FindAt for regex::Regex {
    fn find_at(&self, hay: &str, pos: usize) -> Option<(usize, usize)> {
        regex::Regex::find_at(self, hay, pos).map(|m| (m.start(), m.end()))
    }
}

impl FindAt for WindowRegex {
    fn find_at(&self, hay: &str, pos: usize) -> Option<(usize, usize)> {
        let input = regex_automata::Input::new(hay).span(pos..hay.len());
        self.0.find(input).map(|m| (m.start(), m.end()))
    }
}

/// A match found by [`find_in`] (absolute byte offsets).
#[derive(Debug, Clone, Copy)]
pub struct Found<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Found<'t> {
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// All matches of `re` inside disjoint, sorted regions (absolute offsets).
pub fn find_in<'t>(re: &impl FindAt, text: &'t str, regions: &[(usize, usize)]) -> Vec<Found<'t>> {
    search_in(text, regions, |hay, pos| {
        let (start, end) = re.find_at(hay, pos)?;
        Some(((start, end), Found { text, start, end }))
    })
}

/// All captures of `re` inside disjoint, sorted regions (absolute offsets).
pub fn captures_in<'t>(
    re: &regex::Regex,
    text: &'t str,
    regions: &[(usize, usize)],
) -> Vec<regex::Captures<'t>> {
    search_in(text, regions, |hay, pos| {
        let c = re.captures_at(hay, pos)?;
        let span = c
            .get(0)
            .map_or((hay.len(), hay.len()), |m| (m.start(), m.end()));
        Some((span, c))
    })
}

/// Runs `search(haystack, from)` repeatedly inside each region (the haystack ends at the region's
/// end, offsets stay absolute), stepping past empty matches.
fn search_in<'t, T>(
    text: &'t str,
    regions: &[(usize, usize)],
    mut search: impl FnMut(&'t str, usize) -> Option<((usize, usize), T)>,
) -> Vec<T> {
    let mut all = Vec::new();
    for &(lo, hi) in regions {
        let hay = &text[..hi];
        let mut pos = lo;
        while pos <= hi {
            let Some(((s, e), item)) = search(hay, pos) else {
                break;
            };
            pos = if e > s {
                e
            } else {
                e + next_char(text, e).map_or(1, char::len_utf8)
            };
            all.push(item);
        }
    }
    all
}

/// Number of ASCII digits in `s`.
pub fn digit_count(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

/// A case-sensitive automaton for [`cue_regions`] over lowercase `cues` as they look after ASCII
/// lowercasing: the cue itself, and for cues with non-ASCII letters also the form those letters
/// take in UPPERCASE text (`preliminÄr`). Few, case-sensitive literals keep aho-corasick on its
/// SIMD prefilter, which ASCII case folding over many patterns loses.
pub fn folded_cue_automaton(cues: &[&str]) -> Cues {
    Cues::new(folded_forms(cues))
}

/// `cues` lowercased, plus for cues with non-ASCII letters the form those letters take in
/// UPPERCASE text, as they appear in the ASCII-lowercased text.
fn folded_forms(cues: &[&str]) -> Vec<String> {
    let mut pats: Vec<String> = Vec::new();
    for c in cues {
        let c = c.to_lowercase();
        let upper_non_ascii: String = c
            .chars()
            .flat_map(|ch| {
                let v: Vec<char> = if ch.is_ascii() {
                    vec![ch]
                } else {
                    ch.to_uppercase().collect()
                };
                v
            })
            .collect();
        pats.push(upper_non_ascii);
        pats.push(c);
    }
    pats.sort();
    pats.dedup();
    pats
}

/// Literals of several patterns (one gate per pattern), found in one pass over the whole text,
/// so that each pattern runs only in small windows around its own literals instead of in every
/// cue window. Exactness: a match of a pattern holds one of its gate's literals, and a
/// leftmost-first search reports every occurrence of a literal or a match that starts at or
/// before it and overlaps it. Such a match also reports, as a wide hit, the gates whose
/// literals it can hide, around `[start - longest, end + longest]`. Unicode case folding also
/// maps `s`, `k` and `å` to the long s, Kelvin sign and Ångström sign, which the
/// ASCII-lowercased text keeps as they are: those signs are wide hits for every gate.
pub struct GateSet {
    cues: Cues,
    /// Per pattern: the gates it is a literal of, and the gates with a literal it can hide.
    exact: Vec<u32>,
    wide: Vec<u32>,
    longest: usize,
    /// The ſ, Kelvin and Ångström signs, searched apart: two- and three-byte literals among
    /// the cues would cut the SIMD searcher's fingerprint and flood it with candidates.
    signs: [memchr::memmem::Finder<'static>; 3],
    all: u32,
}

impl GateSet {
    pub fn new(gates: &[&[&str]]) -> GateSet {
        assert!(gates.len() <= 32);
        let mut pats: Vec<(String, u32)> = Vec::new();
        for (g, literals) in gates.iter().enumerate() {
            for form in folded_forms(literals) {
                match pats.iter_mut().find(|(p, _)| *p == form) {
                    Some((_, mask)) => *mask |= 1 << g,
                    None => pats.push((form, 1 << g)),
                }
            }
        }
        let all = (1u32 << gates.len()) - 1;
        let wide = pats
            .iter()
            .enumerate()
            .map(|(i, (p, _))| {
                pats.iter()
                    .enumerate()
                    .filter(|&(j, (q, _))| can_overlap(p.as_bytes(), q.as_bytes(), i == j))
                    .fold(0, |m, (_, (_, g))| m | g)
            })
            .collect::<Vec<u32>>();
        let longest = pats.iter().map(|(p, _)| p.len()).max().unwrap_or(0);
        let exact = pats.iter().map(|(_, g)| *g).collect::<Vec<u32>>();
        GateSet {
            cues: Cues::new(pats.into_iter().map(|(p, _)| p).collect()),
            exact,
            wide,
            longest: longest.max(3),
            signs: ["\u{17f}", "\u{212a}", "\u{212b}"].map(memchr::memmem::Finder::new),
            all,
        }
    }

    /// Calls `hit(gate, start, end, exact)` for the literal occurrences in `folded` (see
    /// [`super::Document::ascii_lower`]): `exact` when a literal of `gate` is at `start..end`,
    /// otherwise one may be anywhere inside `start..end`.
    pub fn for_each(&self, folded: &[u8], mut hit: impl FnMut(usize, usize, usize, bool)) {
        let n = folded.len();
        for sign in &self.signs {
            for s in sign.find_iter(folded) {
                self.wide_hits(self.all, s, s + sign.needle().len(), n, &mut hit);
            }
        }
        self.cues.for_each_pattern(folded, |p, s, e| {
            let mut exact = self.exact[p];
            while exact != 0 {
                hit(exact.trailing_zeros() as usize, s, e, true);
                exact &= exact - 1;
            }
            self.wide_hits(self.wide[p], s, e, n, &mut hit);
        });
    }

    fn wide_hits(
        &self,
        mut gates: u32,
        s: usize,
        e: usize,
        n: usize,
        hit: &mut impl FnMut(usize, usize, usize, bool),
    ) {
        let (lo, hi) = (s.saturating_sub(self.longest), (e + self.longest).min(n));
        while gates != 0 {
            hit(gates.trailing_zeros() as usize, lo, hi, false);
            gates &= gates - 1;
        }
    }
}

/// Whether an occurrence of `q` can start inside one of `p` (other than `p` itself when
/// `same`): the occurrences a leftmost-first match of `p` can hide.
fn can_overlap(p: &[u8], q: &[u8], same: bool) -> bool {
    (usize::from(same)..p.len()).any(|d| {
        let n = (p.len() - d).min(q.len());
        p[d..d + n] == q[..n]
    })
}

/// Windows collected in any order, merged where they touch (on char boundaries).
pub struct Windows<'t> {
    text: &'t str,
    spans: Vec<(usize, usize)>,
}

impl<'t> Windows<'t> {
    pub fn new(text: &'t str) -> Windows<'t> {
        Windows {
            text,
            spans: Vec::new(),
        }
    }

    pub fn add(&mut self, lo: usize, hi: usize) {
        let lo = floor_boundary(self.text, lo);
        let hi = ceil_boundary(self.text, hi.max(lo));
        self.spans.push((lo, hi));
    }

    /// Sorted, disjoint windows.
    pub fn into_vec(mut self) -> Vec<(usize, usize)> {
        self.spans.sort_unstable();
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(self.spans.len());
        for (lo, hi) in self.spans {
            match out.last_mut() {
                Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                _ => out.push((lo, hi)),
            }
        }
        out
    }
}

/// Literal cues: aho-corasick's SIMD "packed" searcher (Teddy, up to 128 literals) where the
/// platform has it, which the general automaton only uses for 16 literals or fewer; otherwise
/// (e.g. wasm32) the automaton.
pub struct Cues {
    packed: Option<aho_corasick::packed::Searcher>,
    automaton: aho_corasick::AhoCorasick,
}

impl Cues {
    fn new(pats: Vec<String>) -> Cues {
        // Leftmost-first like the packed searcher, so that both report the same matches
        // (which `GateSet` relies on).
        let automaton = aho_corasick::AhoCorasickBuilder::new()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(&pats)
            .expect("static automaton");
        Cues {
            packed: aho_corasick::packed::Searcher::new(&pats),
            automaton,
        }
    }

    /// Calls `f(pattern, start, end)` for each non-overlapping cue match in `hay`.
    pub fn for_each_pattern(&self, hay: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        match &self.packed {
            Some(p) => p
                .find_iter(hay)
                .for_each(|m| f(m.pattern().as_usize(), m.start(), m.end())),
            None => self
                .automaton
                .find_iter(hay)
                .for_each(|m| f(m.pattern().as_usize(), m.start(), m.end())),
        }
    }

    /// Calls `f(start, end)` for each non-overlapping cue match in `hay`.
    pub fn for_each(&self, hay: &[u8], mut f: impl FnMut(usize, usize)) {
        match &self.packed {
            Some(p) => p.find_iter(hay).for_each(|m| f(m.start(), m.end())),
            None => self
                .automaton
                .find_iter(hay)
                .for_each(|m| f(m.start(), m.end())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let t = "ab 123-45 6";
        assert!(is_whole_word(t, 3, 6));
        assert!(!is_whole_word(t, 4, 6));
        assert!(glued_right(t, 6, &['-']));
        assert!(glued_left(t, 7, &['-']));
        assert!(!glued_left(t, 3, &['-']));
        assert_eq!(line_bounds("a\nbc\nd", 3), (2, 4));
        assert_eq!(before_lower("X\nKonto: ", 9, 40), "konto: ");
        assert!(contains_word("mitt konto är", &["konto"]));
        assert!(contains_any("ett lösenord", &["x", "senord"]));
        assert!(!contains_any("lösen", &["lösenord", "ö s"]));
        assert!(!contains_word("kontot", &["konto"]));
        assert_eq!(floor_boundary("é", 1), 0);
        assert_eq!(ceil_boundary("é", 1), 2);
        let long = format!("{}7{}89{}", "x".repeat(40), "é".repeat(20), "y".repeat(15));
        assert_eq!(digit_runs(&long), vec![(40, 41), (81, 83)]);
        assert_eq!(
            digit_regions("ab 12 cd 3 efghijklmn 45", 1, 1),
            vec![(2, 6), (8, 11), (21, 24)]
        );
        let re = regex::Regex::new("[0-9]+").unwrap();
        let t = "é1 xxxxxxxx 22";
        let got: Vec<&str> = find_in(&re, t, &digit_regions(t, 1, 1))
            .iter()
            .map(|m| m.as_str())
            .collect();
        assert_eq!(got, ["1", "22"]);
    }

    #[test]
    fn overlaps_a_match_can_hide() {
        assert!(can_overlap(b"requirepass", b"passw", false));
        assert!(!can_overlap(b"passw", b"requirepass", false));
        assert!(can_overlap(b"xox", b"xox", true) && !can_overlap(b"key", b"key", true));
        assert!(can_overlap(b"key", b"key=", false) && can_overlap(b"key", b"eyj", false));
    }

    /// The runs as a byte-by-byte loop finds them.
    fn naive_digit_runs(text: &str) -> Vec<(usize, usize)> {
        let mut runs = Vec::new();
        let mut start = None;
        for (i, c) in text.bytes().chain([b' ']).enumerate() {
            match (c.is_ascii_digit(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    runs.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        runs
    }

    /// Every occurrence of every needle, checked as a whole word.
    fn naive_contains_word(hay: &str, needles: &[&str]) -> bool {
        needles.iter().filter(|n| !n.is_empty()).any(|n| {
            hay.match_indices(n)
                .chain((1..hay.len()).filter_map(|p| hay.get(p..)?.find(n).map(|q| (p + q, *n))))
                .any(|(p, n)| is_whole_word(hay, p, p + n.len()))
        })
    }

    proptest::proptest! {
        #[test]
        fn contains_word_matches_a_search_of_every_occurrence(
            hay in "[a-cé .,\\-_1]{0,24}",
            needles in proptest::collection::vec("[a-cé]{1,3}( [ab])?", 0..4),
        ) {
            let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(contains_word(&hay, &needles), naive_contains_word(&hay, &needles));
        }

        #[test]
        fn digit_runs_match_a_byte_loop(s in "[0-9a-zA-Z é/:\\x{7f}\\x{80}\\x{ff}]{0,300}") {
            proptest::prop_assert_eq!(digit_runs(&s), naive_digit_runs(&s));
        }

        /// Without the prefilter the window regex finds what the regex crate finds, from any
        /// position (look-behind, case folding, empty matches, non-ASCII).
        #[test]
        fn window_regex_finds_what_regex_finds(
            hay in "[a-cA-CåÅ0-9 :=\\-]{0,40}",
            pos in 0usize..44,
            k in 0usize..5,
        ) {
            let pattern = [
                r"(?i)(?:ab|åc)[0-9]{1,3}",
                r"(?-u:\b)[0-9]+(?-u:\b)",
                r"[0-9]*",
                r"^a|c$",
                r"(?:bb|b)(?:-[0-9])?",
            ][k];
            let (window, re) = (WindowRegex::new(pattern).unwrap(), regex::Regex::new(pattern).unwrap());
            let pos = floor_boundary(&hay, pos);
            proptest::prop_assert_eq!(
                FindAt::find_at(&window, &hay, pos),
                re.find_at(&hay, pos).map(|m| (m.start(), m.end()))
            );
        }

        #[test]
        fn ascii_lowercase_matches_std(s in "\\PC{0,300}") {
            proptest::prop_assert_eq!(ascii_lowercase(&s), s.to_ascii_lowercase().into_bytes());
        }
    }
}
