//! "Is this text about a person?": per-sentence person evidence. Health and special-category
//! words are findings only where a person is in view; "skriv en text om demensvård" is not.

use super::names::{bits, NameSpan};
use super::tokens::Token;

/// Third-person pronouns (Swedish and English) that point at a specific person.
pub(crate) const PRONOUNS: &[&str] = &[
    "dennes", "han", "hans", "he", "hen", "henne", "hennes", "hens", "her", "him", "his", "hon",
    "honom", "she",
];

/// Definite role and kin words: "brukaren har demens", "mamma uppger".
pub(crate) const ROLES: &[&str] = &[
    "anhörige",
    "arbetstagaren",
    "barnet",
    "brukaren",
    "client",
    "den",
    "dottern",
    "eleven",
    "employee",
    "fadern",
    "familjen",
    "flickan",
    "frun",
    "föräldrarna",
    "hushållet",
    "hustrun",
    "huvudmannen",
    "hyresgästen",
    "klienten",
    "kollegan",
    "kunden",
    "maken",
    "mamma",
    "mamman",
    "medarbetaren",
    "modern",
    "pappa",
    "pappan",
    "pat",
    "patient",
    "patienten",
    "pojken",
    "pt",
    "pupil",
    "sambon",
    "sonen",
    "sökande",
    "sökanden",
    "the",
    "ungdomen",
    "vårdnadshavaren",
];

/// Nouns that make "min/mitt/mina X" about a specific person.
pub(crate) const OWN: &[&str] = &[
    "barn",
    "bror",
    "brukare",
    "dotter",
    "elev",
    "far",
    "farfar",
    "farmor",
    "flicka",
    "fru",
    "granne",
    "klient",
    "kollega",
    "maka",
    "make",
    "mamma",
    "man",
    "medarbetare",
    "mor",
    "morfar",
    "mormor",
    "my",
    "pappa",
    "patient",
    "pojke",
    "sambo",
    "son",
    "syster",
];

/// Verbs after "jag" that describe the writer's own state ("jag har svår depression").
pub(crate) const OWN_STATE: &[&str] = &[
    "am",
    "behandlas",
    "blev",
    "fick",
    "got",
    "går",
    "hade",
    "har",
    "has",
    "have",
    "känner",
    "lider",
    "medicinerar",
    "mår",
    "sjukskrevs",
    "själv",
    "suffer",
    "take",
    "tar",
    "var",
    "was",
    "är",
    "äter",
];

/// "min son", "vår brukare": possessives that make the next role word specific.
pub(crate) const POSSESSIVES: &[&str] = &["min", "mina", "mitt", "my", "vår", "vårt"];

/// The writer: "jag har …", English "I have …".
pub(crate) const SELF: &[&str] = &["i", "jag"];

/// Unnamed persons made specific by a birth year or an age ("en flicka född 2010").
pub(crate) const UNNAMED: &[&str] = &[
    "barn", "brukare", "elev", "flicka", "flickan", "kille", "klient", "kvinna", "man", "patient",
    "person", "pojke", "pojken", "tjej", "ungdom",
];

pub struct PersonContext {
    /// Per sentence: a person is in view.
    sentence: Vec<bool>,
    /// Per sentence: the first line of the sentence starts with a "Label:".
    label_line: Vec<bool>,
    /// Per sentence: paragraph number (blank lines separate paragraphs).
    paragraph: Vec<u32>,
    token_starts: Vec<usize>,
    token_sent: Vec<u32>,
    any_name: bool,
}

impl PersonContext {
    pub fn new(
        text: &str,
        lower: &str,
        tokens: &[Token],
        token_bits: &[u16],
        names: &[NameSpan],
    ) -> PersonContext {
        let n_sent = tokens.last().map_or(0, |t| t.sent as usize + 1);
        let mut sentence = vec![false; n_sent];
        let mut label_line = vec![false; n_sent];
        let mut paragraph = vec![0u32; n_sent];
        let word = |i: usize| &lower[tokens[i].start..tokens[i].end];
        let mut para = 0u32;
        // Per line: it starts with a "Label:".
        let mut is_label = vec![false; tokens.last().map_or(0, |t| t.line as usize + 1)];
        let mut sent_line = vec![u32::MAX; n_sent];
        let mut prev_end = None;
        for (i, t) in tokens.iter().enumerate() {
            let s = t.sent as usize;
            if let Some(end) = prev_end.replace(t.end) {
                let gap = &text.as_bytes()[end..t.start];
                if gap.len() >= 2 && gap.iter().filter(|&&b| b == b'\n').count() >= 2 {
                    para += 1;
                }
            }
            paragraph[s] = para;
            let b = token_bits[i];
            if b != 0 {
                let w = word(i);
                let wordlike =
                    t.is_lower_word() || (t.has(Token::SENT_START) && t.is_capitalised());
                if wordlike && b & (bits::PRONOUN | bits::CTX_ROLE) != 0 {
                    // "den" only as "den sökande"/"den enskilde"; "the" only as "the client".
                    if w == "den" || w == "the" {
                        if let Some(next) = tokens.get(i + 1) {
                            let nw = &lower[next.start..next.end];
                            if matches!(
                                nw,
                                "sökande"
                                    | "enskilde"
                                    | "anställde"
                                    | "client"
                                    | "patient"
                                    | "boy"
                                    | "girl"
                                    | "applicant"
                                    | "tenant"
                                    | "student"
                                    | "employee"
                            ) {
                                sentence[s] = true;
                            }
                        }
                    } else {
                        sentence[s] = true;
                    }
                }
                if b & bits::POSSESSIVE != 0
                    && token_bits.get(i + 1).is_some_and(|n| n & bits::OWN != 0)
                {
                    sentence[s] = true;
                }
                if b & bits::SELF != 0 && (w == "jag" || t.has(Token::UPPER_INITIAL)) {
                    let end = (i + 5).min(tokens.len());
                    if (i + 1..end)
                        .any(|k| tokens[k].sent == t.sent && token_bits[k] & bits::OWN_STATE != 0)
                    {
                        sentence[s] = true;
                    }
                }
                // "en flicka född 2010", "en man, 45 år": an unnamed but specific person.
                if b & bits::UNNAMED != 0 {
                    let rest = text[t.end..].trim_start_matches([' ', ',', '(']);
                    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                    if rest.starts_with("född")
                        || ((1..=3).contains(&digits)
                            && rest[digits..].trim_start().starts_with("år"))
                    {
                        sentence[s] = true;
                    }
                }
            }
            // A personnummer-shaped number: 6 or 8 digits, optional - or +, 4 more.
            if t.has(Token::HAS_DIGIT) && !t.has(Token::HAS_LETTER) {
                let digits = t.end - t.start;
                let sep_four = || {
                    let tail = &text.as_bytes()[t.end..];
                    let sep_tail = tail.strip_prefix(b"-").or(tail.strip_prefix(b"+"));
                    sep_tail.is_some_and(|s| s.len() >= 4 && s[..4].iter().all(u8::is_ascii_digit))
                };
                if digits == 10 || digits == 12 || ((digits == 6 || digits == 8) && sep_four()) {
                    sentence[s] = true;
                }
            }
            // A "Label:" line (colon within the first three words) marks all its sentences.
            if t.has(Token::LINE_START) {
                let line_end = memchr::memchr(b'\n', &text.as_bytes()[t.start..])
                    .map_or(text.len(), |p| t.start + p);
                let line = &text[t.start..line_end];
                if let Some(colon) = memchr::memchr(b':', line.as_bytes()) {
                    // At most three words: count no further (the colon may be far along the line).
                    if line[..colon].split_whitespace().take(4).count() <= 3 {
                        is_label[t.line as usize] = true;
                    }
                }
            }
            sent_line[s] = sent_line[s].min(t.line);
        }
        for (s, &l) in sent_line.iter().enumerate() {
            label_line[s] = is_label.get(l as usize).copied().unwrap_or(false);
        }
        let token_starts: Vec<usize> = tokens.iter().map(|t| t.start).collect();
        let token_sent: Vec<u32> = tokens.iter().map(|t| t.sent).collect();
        for n in names {
            let k = token_starts.partition_point(|&s| s <= n.start);
            if k > 0 {
                sentence[token_sent[k - 1] as usize] = true;
            }
        }
        PersonContext {
            sentence,
            label_line,
            paragraph,
            token_starts,
            token_sent,
            any_name: !names.is_empty(),
        }
    }

    fn sentence_of(&self, pos: usize) -> Option<usize> {
        let k = self.token_starts.partition_point(|&s| s <= pos);
        (k > 0).then(|| self.token_sent[k - 1] as usize)
    }

    /// A person is in view at byte `pos`: in the same sentence, in one of the two sentences
    /// before or the one after it in the same paragraph, or on a form line ("Hälsa: …") of a
    /// text that names someone.
    pub fn about_person(&self, pos: usize) -> bool {
        let Some(s) = self.sentence_of(pos) else {
            return false;
        };
        let near = s.saturating_sub(2)..(s + 2).min(self.sentence.len());
        if near
            .into_iter()
            .any(|k| self.sentence[k] && self.paragraph[k] == self.paragraph[s])
        {
            return true;
        }
        self.any_name && self.label_line[s]
    }

    /// The word at `pos` is the topic of a writing or explaining request: "skriv en text om
    /// demens", "information om försörjningsstöd till Anna": not about the person named.
    pub fn topic_of_request(&self, lower: &str, pos: usize) -> bool {
        const TOPIC: &[&str] = &[" om ", " kring ", " about ", " on "];
        const REQUEST: [&str; 18] = [
            "skriv",
            "förklara",
            "beskriv",
            "informera",
            "information",
            "text",
            "artikel",
            "broschyr",
            "föreläsning",
            "utbildning",
            "presentation",
            "fakta",
            "tips",
            "write",
            "explain",
            "describe",
            "leaflet",
            "article",
        ];
        let before = &lower[..pos];
        let mut from = before.len().saturating_sub(24);
        while !before.is_char_boundary(from) {
            from -= 1;
        }
        let near = &before[from..];
        let Some(om) = TOPIC.iter().filter_map(|t| near.rfind(t)).max() else {
            return false;
        };
        // Only determiners and adjectives may stand between "om" and the word.
        let between = &near[om..];
        if between.contains([',', '.', ':', ';']) || between.split_whitespace().count() > 3 {
            return false;
        }
        // "om att hennes bistånd avslagits": a clause about a person, not a topic.
        if between.split_whitespace().any(|w| {
            matches!(
                w,
                "att"
                    | "hans"
                    | "hennes"
                    | "hens"
                    | "deras"
                    | "sin"
                    | "sitt"
                    | "sina"
                    | "his"
                    | "her"
                    | "their"
                    | "that"
            )
        }) {
            return false;
        }
        let s = self.sentence_of(pos).unwrap_or(0);
        let k = self.token_sent.partition_point(|&t| (t as usize) < s);
        let start = self.token_starts.get(k).copied().unwrap_or(0);
        // One pass for all the request words, not one substring search each.
        static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
        WORDS
            .get_or_init(|| aho_corasick::AhoCorasick::new(REQUEST).expect("static automaton"))
            .is_match(&lower[start..pos])
    }

    /// Some person is in view somewhere in the text (else no health word can be about anyone).
    pub fn any(&self) -> bool {
        self.sentence.iter().any(|&p| p) || (self.any_name && self.label_line.iter().any(|&l| l))
    }

    /// A person is in view in the same sentence.
    pub fn in_sentence(&self, pos: usize) -> bool {
        self.sentence_of(pos).is_some_and(|s| self.sentence[s])
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Analysis;

    fn about(text: &str, word: &str) -> bool {
        let a = Analysis::new(text);
        a.persons.about_person(text.find(word).unwrap())
    }

    #[test]
    fn person_evidence() {
        assert!(about("Min brukare har demens.", "demens"));
        assert!(about("Hon har diabetes.", "diabetes"));
        assert!(about("Tomas har ett alkoholberoende.", "alkohol"));
        assert!(about(
            "Jag har svår depression som blir värre.",
            "depression"
        ));
        assert!(about(
            "Sökande: Anna Berg, 19800101-1234\n\nHälsa: demens",
            "demens"
        ));
        assert!(about(
            "Klienten kom i tid. Misstanke om ätstörning.",
            "ätstörning"
        ));
    }

    #[test]
    fn unnamed_specific_person() {
        assert!(about(
            "Vi har ett LVU-ärende gällande en flicka född 2010.",
            "LVU"
        ));
        assert!(about("Pat. med känd epilepsi, anfall i natt.", "epilepsi"));
        assert!(!about("Barn med epilepsi kan delta i idrott.", "epilepsi"));
    }

    #[test]
    fn topic_of_a_request() {
        let text = "Hej Anna, kan du skriva en text om demens till webben?";
        let a = Analysis::new(text);
        assert!(a
            .persons
            .topic_of_request(&a.lower, text.find("demens").unwrap()));
        let text = "Anna har demens sedan två år.";
        let a = Analysis::new(text);
        assert!(!a
            .persons
            .topic_of_request(&a.lower, text.find("demens").unwrap()));
    }

    #[test]
    fn general_topics() {
        assert!(!about("Skriv en text om demensvård i kommunen.", "demens"));
        assert!(!about("Vad säger LVU om omhändertagande?", "LVU"));
        assert!(!about(
            "Ge mig tips om hur man förebygger sjukskrivningar.",
            "sjukskriv"
        ));
        assert!(!about(
            "Om du lämnar in din ansökan om försörjningsstöd sent.",
            "försörjning"
        ));
    }
}
