//! Phrase vocabularies with Swedish inflection and compounds (see `data/health/terms.txt` for the
//! syntax), matched with Aho-Corasick over the lowercase text in one pass.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

#[derive(Debug, Clone, Copy)]
struct Term {
    kind: &'static str,
    /// Which source list (e.g. health or sensitive) the term came from.
    set: u8,
    /// Any continuation of the word is allowed ("diabet*").
    open: bool,
    /// The span goes on over the next few words.
    extend: bool,
    /// Single word long enough to be a compound tail.
    tail_ok: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermHit {
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    pub set: u8,
}

pub struct TermSet {
    /// The lowercase vocabulary as a DFA walked directly (see [`leftmost_matches`]).
    folded: aho_corasick::dfa::DFA,
    /// Bytes in no lowercase term: a text can be cut after one.
    breaks: [bool; 256],
    folded_terms: Vec<Term>,
    exact: AhoCorasick,
    exact_terms: Vec<Term>,
}

/// Hits of the health list (set 0) and the sensitive list (set 1), one automaton for both.
pub fn vocabulary() -> &'static TermSet {
    static SET: std::sync::OnceLock<TermSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        TermSet::parse_sets(&[
            (crate::dict::HEALTH_TERMS, SET_HEALTH),
            (crate::dict::SENSITIVE_TERMS, SET_SENSITIVE),
        ])
    })
}

pub const SET_HEALTH: u8 = 0;
pub const SET_SENSITIVE: u8 = 1;

/// Inflection endings accepted after a closed term: definite, plural, genitive, participles.
const ENDINGS: &[&str] = &[
    "n", "en", "et", "t", "er", "ern", "erna", "ar", "arna", "or", "orna", "s", "ns", "ens", "ets",
    "e", "a", "na", "ade", "at", "ad", "ande", "ats", "es", "ers", "ernas", "arnas", "ornas", "ts",
    "ats", "as", "ets", "erns", "ens", "ikern", "iker", "ikerna", "ad", "ade", "ades",
];

/// Words that end an extended span ("dömd för rån och …").
const STOP_WORDS: &[&str] = &[
    "och",
    "men",
    "eller",
    "som",
    "samt",
    "att",
    "sedan",
    "efter",
    "när",
    "då",
    "eftersom",
    "vilket",
    "from",
    "and",
    "but",
    "since",
    "in",
    "on",
    "at",
    "for",
    "with",
    "to",
    "after",
    "men",
    "sen",
    "så",
    "vid",
    "med",
    "hos",
    "utan",
    "förra",
    "igår",
    "last",
    "this",
    "twice",
    "again",
    "yesterday",
    "ago",
    "today",
    "because",
    "who",
    "which",
    "when",
    "while",
    "so",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl TermSet {
    /// Parses a term list (`@kind` headers, one term per line, markers `* ~ > =`).
    pub fn parse(src: &'static str) -> TermSet {
        TermSet::parse_sets(&[(src, 0)])
    }

    /// Several lists in one automaton (one pass over the text for all of them); each hit
    /// carries the number given with its list.
    pub fn parse_sets(sources: &[(&'static str, u8)]) -> TermSet {
        let mut folded_pats: Vec<String> = Vec::new();
        let mut folded_terms = Vec::new();
        let mut exact_pats: Vec<&'static str> = Vec::new();
        let mut exact_terms = Vec::new();
        for &(src, set) in sources {
            let mut kind: &'static str = "term";
            for line in src.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some(k) = line.strip_prefix('@') {
                    kind = k.trim();
                    continue;
                }
                let mut p = line;
                let exact = p.starts_with('=');
                p = p.trim_start_matches('=');
                let head_only = p.starts_with('~');
                p = p.trim_start_matches('~');
                let extend = p.ends_with('>');
                p = p.trim_end_matches('>');
                let open = p.ends_with('*');
                p = p.trim_end_matches('*').trim();
                if p.is_empty() {
                    continue;
                }
                let term = Term {
                    kind,
                    set,
                    open,
                    extend,
                    tail_ok: !p.contains(' ') && p.chars().count() >= 6 && !head_only,
                };
                if exact {
                    exact_pats.push(p);
                    exact_terms.push(term);
                } else {
                    folded_pats.push(p.to_string());
                    folded_terms.push(term);
                }
            }
        }
        let build = |pats: &[&str]| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(pats)
                .expect("term patterns build")
        };
        let folded = aho_corasick::dfa::DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(&folded_pats)
            .expect("term patterns build");
        TermSet {
            breaks: absent_bytes(&folded_pats),
            folded,
            folded_terms,
            exact: build(&exact_pats),
            exact_terms,
        }
    }

    /// Finds terms in `text` (with `lower`, its same-layout lowercase copy).
    pub fn find(&self, text: &str, lower: &str, out: &mut Vec<TermHit>) {
        let mut found = Vec::new();
        leftmost_matches(&self.folded, &self.breaks, lower.as_bytes(), &mut found);
        for m in found {
            let t = self.folded_terms[m.pattern().as_usize()];
            if let Some(hit) = accept(lower, m.start(), m.end(), t) {
                out.push(hit);
            }
        }
        for m in self.exact.find_iter(text) {
            let t = self.exact_terms[m.pattern().as_usize()];
            let t = Term {
                tail_ok: false,
                ..t
            };
            // Abbreviations: whole word, or the head of a hyphen compound ("LVM-anmälan").
            let after = &text[m.end()..];
            let end = if let Some(tail) = after.strip_prefix('-') {
                m.end() + 1 + tail.find(|c: char| !is_word_char(c)).unwrap_or(tail.len())
            } else {
                m.end()
            };
            if let Some(hit) = accept(text, m.start(), end, t) {
                out.push(hit);
            }
        }
        out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        out.dedup_by(|b, a| b.start < a.end); // drop hits inside an earlier one
    }
}

/// Bytes that occur in none of `patterns`.
fn absent_bytes<S: AsRef<str>>(patterns: &[S]) -> [bool; 256] {
    let mut absent = [true; 256];
    for p in patterns {
        for &b in p.as_ref().as_bytes() {
            absent[usize::from(b)] = false;
        }
    }
    absent
}

/// The non-overlapping leftmost-longest matches of `dfa` in `hay`, as `find_iter` gives them.
/// The vocabulary's DFA is megabytes, so one walk waits on a cache miss at almost every byte;
/// the text is cut after a byte near the middle that no pattern holds (`breaks`: a line break,
/// a full stop ...), so no match crosses the cut and a walk is back at its start state there,
/// and both halves are walked in the same loop, so that their misses overlap.
fn leftmost_matches(
    dfa: &aho_corasick::dfa::DFA,
    breaks: &[bool; 256],
    hay: &[u8],
    out: &mut Vec<aho_corasick::Match>,
) {
    let mid = hay.len() / 2;
    let cut = hay[mid..]
        .iter()
        .position(|&b| breaks[usize::from(b)])
        .map_or(hay.len(), |p| mid + p + 1);
    let (mut a, mut b) = (Walk::new(dfa, 0, cut), Walk::new(dfa, cut, hay.len()));
    let mut second = Vec::new();
    while !(a.done && b.done) {
        a.step(dfa, hay, out);
        b.step(dfa, hay, &mut second);
    }
    out.append(&mut second);
}

/// One unanchored leftmost search loop over `at..end`, a byte per step, restarting after each
/// match (the loop of aho-corasick's own forward search, without a prefilter).
struct Walk {
    at: usize,
    end: usize,
    sid: aho_corasick::automaton::StateID,
    start: aho_corasick::automaton::StateID,
    pending: Option<aho_corasick::Match>,
    done: bool,
}

impl Walk {
    fn new(dfa: &aho_corasick::dfa::DFA, at: usize, end: usize) -> Walk {
        use aho_corasick::automaton::Automaton;
        let start = dfa
            .start_state(aho_corasick::Anchored::No)
            .expect("unanchored start state");
        Walk {
            at,
            end,
            sid: start,
            start,
            pending: None,
            done: at >= end,
        }
    }

    #[inline(always)]
    fn step(
        &mut self,
        dfa: &aho_corasick::dfa::DFA,
        hay: &[u8],
        out: &mut Vec<aho_corasick::Match>,
    ) {
        use aho_corasick::automaton::Automaton;
        if self.done {
            return;
        }
        if self.at == self.end {
            self.finish(out);
            return;
        }
        self.sid = dfa.next_state(aho_corasick::Anchored::No, self.sid, hay[self.at]);
        self.at += 1;
        if dfa.is_special(self.sid) {
            if dfa.is_dead(self.sid) {
                self.finish(out);
            } else if dfa.is_match(self.sid) {
                let pid = dfa.match_pattern(self.sid, 0);
                let len = dfa.pattern_len(pid);
                self.pending = Some(aho_corasick::Match::new(pid, self.at - len..self.at));
            }
        }
    }

    /// Reports the pending match and searches again from its end, or stops.
    fn finish(&mut self, out: &mut Vec<aho_corasick::Match>) {
        match self.pending.take() {
            Some(m) => {
                out.push(m);
                self.at = m.end();
                self.sid = self.start;
                self.done = self.at >= self.end;
            }
            None => self.done = true,
        }
    }
}

/// Checks word boundaries and inflection, then widens the span to whole words.
fn accept(text: &str, start: usize, end: usize, t: Term) -> Option<TermHit> {
    let mut start = start;
    let before = text[..start].chars().next_back();
    if before.is_some_and(is_word_char) {
        if !t.tail_ok {
            return None;
        }
        // Compound tail: widen to the start of the word.
        start = text[..start]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c) || c == '-')
            .last()
            .map_or(start, |(i, _)| i);
        if text[start..].starts_with('-') {
            start += 1;
        }
    }
    let rest = &text[end..];
    let run = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
    let mut end = end;
    if run > 0 {
        if t.open || ENDINGS.contains(&&rest[..run]) {
            end += run;
        } else {
            return None;
        }
    }
    if t.extend {
        end = extend_words(text, end, 3);
    }
    Some(TermHit {
        start,
        end,
        kind: t.kind,
        set: t.set,
    })
}

/// Widens a span over up to `max` following words on the same clause.
pub fn extend_words(text: &str, mut end: usize, max: usize) -> usize {
    for _ in 0..max {
        let rest = &text[end..];
        let lead = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
        if lead == 0 && !rest.is_empty() && end > 0 {
            // Not followed by a space: stop (punctuation or end of line).
            if !rest.starts_with(|c: char| is_word_char(c)) {
                break;
            }
        }
        let word_start = end + lead;
        let w = &text[word_start..];
        let len = w
            .find(|c: char| !(is_word_char(c) || c == '-' || c == '§'))
            .unwrap_or(w.len());
        if len == 0 {
            break;
        }
        let word = &w[..len];
        if STOP_WORDS.contains(&word.to_lowercase().as_str()) {
            break;
        }
        end = word_start + len;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::tokens::lowercase_same_layout;

    const SRC: &str = "@diagnosis\ndiabet*\ndepression\nalkoholberoende\ndiagnosen>\nkol\n=KOL\n@social\n=LVM\ndömd för>\n";

    fn hits(text: &str) -> Vec<(&'static str, &str)> {
        let set = TermSet::parse(SRC);
        let lower = lowercase_same_layout(text);
        let mut out = Vec::new();
        set.find(text, &lower, &mut out);
        out.iter()
            .map(|h| (h.kind, &text[h.start..h.end]))
            .collect()
    }

    #[test]
    fn inflection_and_compounds() {
        assert_eq!(
            hits("Diabetikern har depressionen."),
            vec![("diagnosis", "Diabetikern"), ("diagnosis", "depressionen")]
        );
        assert_eq!(
            hits("graviditetsdiabetes"),
            vec![("diagnosis", "graviditetsdiabetes")]
        );
        assert_eq!(
            hits("förlossningsdepression"),
            vec![("diagnosis", "förlossningsdepression")]
        );
        assert_eq!(hits("typ 2-diabetes"), vec![("diagnosis", "diabetes")]);
    }

    #[test]
    fn boundaries() {
        assert!(
            hits("depressionsvård").is_empty(),
            "a head compound needs '*'"
        );
        assert!(hits("kolla koldioxid").is_empty());
        assert_eq!(hits("Han har KOL."), vec![("diagnosis", "KOL")]);
        assert_eq!(hits("en LVM-anmälan"), vec![("social", "LVM-anmälan")]);
        assert!(hits("XLVM").is_empty());
    }

    #[test]
    fn extension() {
        assert_eq!(
            hits("Han är dömd för grovt rån och stöld."),
            vec![("social", "dömd för grovt rån")]
        );
        assert_eq!(
            hits("fått diagnosen epilepsi, och"),
            vec![("diagnosis", "diagnosen epilepsi")]
        );
    }

    proptest::proptest! {
        /// The two-half walk finds what aho-corasick's own iterator finds.
        #[test]
        fn walk_finds_what_find_iter_finds(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "diabetes", "diabet", "depression", "alkohol", "alkoholberoende", "dömd för",
                "dömd", "kol", "diagnosen", " ", "\n", "x", "e", "-", "typ 2-", "ö", "ab", "abc",
                "abcd", "bcd", ".", ", ",
            ]),
            0..40,
        )) {
            let text = parts.concat();
            let pats = ["diabet", "diabetes", "depression", "alkohol", "alkoholberoende",
                "dömd för", "kol", "diagnosen", "abcd", "bc", "b"];
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(pats)
                .unwrap();
            let dfa = aho_corasick::dfa::DFA::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .prefilter(false)
                .build(pats)
                .unwrap();
            let want: Vec<_> = ac.find_iter(&text).map(|m| (m.pattern(), m.span())).collect();
            let mut got = Vec::new();
            leftmost_matches(&dfa, &absent_bytes(&pats), text.as_bytes(), &mut got);
            let got: Vec<_> = got.iter().map(|m| (m.pattern(), m.span())).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
