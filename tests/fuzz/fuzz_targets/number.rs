//! Fuzz target `number`: a figure's text read exactly and written in every unit and language;
//! a table cell must read back to the same value, and nothing may panic or overflow.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::number_target(data));
