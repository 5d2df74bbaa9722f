//! Text helpers shared by detectors and bindings.

mod offsets;

pub use offsets::{utf16_len, Utf16Mapper};
