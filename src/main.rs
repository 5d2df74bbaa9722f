//! The `promptvakt` command line: the scorer's JSON Lines contract, a readable report for people,
//! and redaction.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use promptvakt::text::Utf16Mapper;
use promptvakt::{redact, Policy, Scanner};
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;

mod cli_policy;
mod cli_report;

#[derive(Parser)]
#[command(
    name = "promptvakt",
    version,
    about = "Finds Swedish personal data and non-open information in text"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan text: a readable report, or JSON Lines with --jsonl.
    Scan {
        /// Read `{"id","text"}` lines on stdin, write `{"id","findings"}` lines (UTF-16 offsets).
        #[arg(long)]
        jsonl: bool,
        /// Policy file (flat JSON, see deploy/schema.json).
        #[arg(long)]
        policy: Option<PathBuf>,
        /// File to scan, or - for stdin.
        input: Option<PathBuf>,
    },
    /// Print the text with findings replaced by placeholders.
    Redact {
        /// Policy file (flat JSON, see deploy/schema.json).
        #[arg(long)]
        policy: Option<PathBuf>,
        /// Also print the placeholder → value mapping (JSON): to FILE, or to stderr without one.
        #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "-")]
        mapping: Option<PathBuf>,
        /// File to redact, or - for stdin.
        input: Option<PathBuf>,
    },
    /// IT's policy tools: check a policy file, print the schema or the defaults.
    Policy {
        #[command(subcommand)]
        command: cli_policy::PolicyCommand,
    },
}

fn main() {
    if let Err(e) = run() {
        eprintln!("promptvakt: {e:#}");
        std::process::exit(2);
    }
}

fn run() -> Result<()> {
    match Cli::parse().command {
        Command::Policy { command } => cli_policy::run(command),
        Command::Scan {
            jsonl,
            policy,
            input,
        } => {
            let scanner = scanner(policy)?;
            if jsonl {
                scan_jsonl(&scanner)
            } else {
                let name = input
                    .as_ref()
                    .map_or("-".to_string(), |p| p.display().to_string());
                let text = read_input(input)?;
                let found = scanner.scan(&text);
                let stdout = io::stdout();
                let colour = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
                let mut out = io::BufWriter::new(stdout.lock());
                cli_report::write(&mut out, &name, &text, &found, scanner.policy(), colour)?;
                out.flush()?;
                Ok(())
            }
        }
        Command::Redact {
            policy,
            mapping,
            input,
        } => {
            let scanner = scanner(policy)?;
            let text = read_input(input)?;
            let r = redact::redact(&text, &scanner.scan(&text));
            let mut out = io::stdout().lock();
            out.write_all(r.text.as_bytes())?;
            out.flush()?;
            if let Some(path) = mapping {
                let json = serde_json::to_string_pretty(&r.mapping)?;
                if path.as_os_str() == "-" {
                    eprintln!("{json}");
                } else {
                    std::fs::write(&path, json + "\n")
                        .with_context(|| format!("cannot write {}", path.display()))?;
                }
            }
            Ok(())
        }
    }
}

fn scanner(policy: Option<PathBuf>) -> Result<Scanner> {
    let policy = match policy {
        None => Policy::default(),
        Some(path) => {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read policy {}", path.display()))?;
            let (policy, issues) = Policy::from_json(&text).map_err(anyhow::Error::msg)?;
            for i in issues {
                eprintln!("promptvakt: policy {}: {}", i.key, i.message);
            }
            policy
        }
    };
    let scanner = Scanner::new(policy);
    for i in scanner.issues() {
        eprintln!("promptvakt: policy {}: {}", i.key, i.message);
    }
    Ok(scanner)
}

fn read_input(input: Option<PathBuf>) -> Result<String> {
    let mut bytes = Vec::new();
    match input {
        None => io::stdin().lock().read_to_end(&mut bytes)?,
        Some(p) if p.as_os_str() == "-" => io::stdin().lock().read_to_end(&mut bytes)?,
        Some(p) => {
            bytes = std::fs::read(&p).with_context(|| format!("cannot read {}", p.display()))?;
            bytes.len()
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "input is not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

#[derive(serde::Deserialize)]
struct InLine {
    id: serde_json::Value,
    text: String,
}

fn scan_jsonl(scanner: &Scanner) -> Result<()> {
    let stdin = io::stdin().lock();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (n, line) in stdin.lines().enumerate() {
        let line = line.context("stdin is not valid UTF-8")?;
        if line.trim().is_empty() {
            continue;
        }
        // serde's message can quote the input; report the line and column only.
        let doc: InLine = serde_json::from_str(&line).map_err(|e| {
            anyhow::anyhow!(
                "line {}: expected {{\"id\",\"text\"}} (column {})",
                n + 1,
                e.column()
            )
        })?;
        let found = scanner.scan(&doc.text);
        let mut map = Utf16Mapper::new(&doc.text);
        let findings: Vec<serde_json::Value> = found
            .iter()
            .map(|f| {
                serde_json::json!({
                    "category": f.category.id(),
                    "kind": f.kind,
                    "start": map.to_utf16(f.start),
                    "end": map.to_utf16(f.end),
                    "score": f.score,
                })
            })
            .collect();
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"id": doc.id, "findings": findings}),
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
