//! Fuzz target `markdown`: a chapter file, front matter to HTML.
//!
//! Bytes → (if UTF-8) a `Source` → `yaml::split_front_matter` → `yaml::parse::<content::Front>`
//! → `markdown::render` of the body with a small shortcode context (the pattern of the unit
//! tests in src/markdown.rs: `table` block, `box` paired, `value` inline) → `shortcode::scan`.
//! Input without front matter is rendered whole, so the Markdown side is reached either way.
//! Nothing here may panic, overflow, hang or blow up memory for any input.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::markdown_target(data));
