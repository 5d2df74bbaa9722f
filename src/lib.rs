//! Promptvakt's detection core.
//!
//! The crate finds Swedish personal data and non-open information in text that is about to be
//! sent to a public AI chat service. It runs natively (the `promptvakt` CLI, tests, benchmarks)
//! and as WebAssembly inside the browser extension.
//!
//! Layout, one job per module:
//! - [`category`]: the stable taxonomy shared with the policy, the UI and the scorer.
//! - [`finding`]: what a detector reports.
//! - [`text`]: offset mapping (bytes ↔ UTF-16) and text helpers.
//! - [`detectors`]: one module per family, each a small pluggable [`detectors::Detector`].
//! - [`policy`]: the organisation's settings, normalised from managed storage or a file.
//! - [`scanner`]: builds the detectors a policy asks for and merges their findings.
//! - [`redact`]: placeholder text and its reverse.
//! - `wasm`: the JavaScript bindings (only on `wasm32`).

pub mod category;
pub mod detectors;
pub mod dict;
pub mod finding;
pub mod lang;
pub mod policy;
pub mod redact;
pub mod scanner;
pub mod text;
pub mod validators;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use category::{Action, Category};
pub use finding::Finding;
pub use policy::Policy;
pub use scanner::Scanner;
