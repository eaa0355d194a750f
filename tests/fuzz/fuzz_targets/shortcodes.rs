//! Fuzz target `shortcodes`: a chapter body through the real shortcode expansion.
//!
//! Bytes → (if UTF-8) the body of `02-market` in the basic fixture site (`tests/fixtures/basic`,
//! loaded once) → `render::chapter::render` with the real `Expander` (`value()`, `table()`,
//! `chart()`, `figure`, `box`, chapter links) → every check of the build over the whole site
//! (`check::all`) → the findings printed. Nothing here may panic, overflow, hang or blow up
//! memory for any input.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::shortcodes_target(data));
