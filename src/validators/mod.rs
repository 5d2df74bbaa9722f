//! Check-digit and calendar validators shared by the detectors. Pure functions on ASCII digits,
//! no allocation, so they can run on every candidate a regex proposes.

pub mod date;
pub mod iban;
pub mod luhn;
