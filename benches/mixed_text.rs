//! The benchmark text, shared by `benches/scan.rs` and `examples/scan_profile.rs`: generated
//! deterministically from template sentences written for this benchmark (not the shared corpus):
//! everyday municipal Swedish with personal data, look-alikes (dates, amounts, case numbers),
//! code and logs.

const TEMPLATES: &[&str] = &[
    "Hej! Jag behöver hjälp att formulera ett svar till {N} som har ringt om sin ansökan om bostadsanpassning. ",
    "Klienten {N}, {P}, bor på {S} {H}, {Z} och nås på {T}. ",
    "Nämnden beslutade den 2024-0{D}-1{D} att bevilja bygglov i ärende BN 2024/{K} för fastigheten Eken {D}:{D}. ",
    "Fakturan på {A} kr ska betalas till bankgiro 5050-1055 senast den 30 april, ange OCR {O}. ",
    "Kan du skriva om det här så att det blir lättare att läsa för en elev i årskurs {D}? ",
    "Mejla gärna till {E} eller ring växeln på 08-123 456 {D}{D} om du har frågor. ",
    "Sekretess enligt 26 kap. 1 § OSL\nJournalanteckning, vuxenenheten.\n",
    "Utbetalning till konto 8327-9 123 456 78{D}-{D} enligt beslut. ",
    "Förklara skillnaden mellan sekretess och tystnadsplikt för nyanställda, max 200 ord. ",
    "Loggen visar: 2024-03-18 08:14:06 ERROR [api] POST /api/v2/items 500 (correlationId=7c2e91aa{D}). ",
    "DB_HOST=db01\nDB_USER=app\nDB_PASSWORD=Vinter{D}{D}!kn\n",
    "Mötet hålls i sammanträdesrum Åsen kl. 13.{D}0, och protokollet justeras senast fredag. ",
    "Eleven har haft hög frånvaro under hösten och mentor har kontaktat vårdnadshavare. ",
    "Översätt till engelska: \"Välkommen till medborgarkontoret! Vi har öppet vardagar 9–16.\" ",
];
const NAMES: &[&str] = &[
    "Anna Berg",
    "Mohammed Ali",
    "Sven Ek",
    "Leila Haddad",
    "Piotr Nowak",
];
const PNRS: &[&str] = &["19121212-1212", "811218-9876", "197302889931"];
const STREETS: &[&str] = &["Storgatan", "Björkvägen", "Lingonstigen", "Kyrkbacken"];

/// Deterministic mixed text of at least `bytes` bytes (a small LCG picks templates and values).
pub fn mixed_text(bytes: usize) -> String {
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut out = String::with_capacity(bytes + 256);
    while out.len() < bytes {
        let t = TEMPLATES[next(TEMPLATES.len())];
        let mut s = String::with_capacity(t.len() + 32);
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '{' {
                let key: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let v = match key.as_str() {
                    "N" => NAMES[next(NAMES.len())].to_string(),
                    "P" => PNRS[next(PNRS.len())].to_string(),
                    "S" => STREETS[next(STREETS.len())].to_string(),
                    "H" => (1 + next(60)).to_string(),
                    "Z" => format!("{} {:02} Västerås", 700 + next(99), next(99)),
                    "T" => format!("070-{:03} {:02} {:02}", next(1000), next(100), next(100)),
                    "E" => format!("handlaggare{}@kommun.se", next(100)),
                    "A" => format!("{} {:03}", 1 + next(99), next(1000)),
                    "O" => format!("{:012}", next(1_000_000_000)),
                    "K" => format!("{:04}", next(10_000)),
                    _ => next(10).to_string(),
                };
                s.push_str(&v);
            } else {
                s.push(c);
            }
        }
        out.push_str(&s);
    }
    out
}
