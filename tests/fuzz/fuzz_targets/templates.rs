//! Fuzz target `templates`: template text compiled and rendered within the render budget.
//!
//! Bytes → (if UTF-8) `chapter.html` (and, after a NUL byte, `partials/p.html`) → folio's
//! `Templates::from_sources` (the loop budget's rewrite of `{% for %}` tags, Tera's compiler) →
//! `Templates::render` with a small context of page, chapter and site, under the step and byte
//! budgets of `site::budget`. Nothing here may panic, overflow, hang or blow up memory for any
//! input.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::templates_target(data));
