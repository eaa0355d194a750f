//! Fuzz target `table`: a data-table YAML file, loaded and rendered.
//!
//! Bytes → `Source::from_bytes` → `data::Table::load` (languages `ko`, `en`); a table that loads
//! is rendered in both languages as HTML (`tablehtml::render`), as CSV (`csv::csv`) and, when it
//! has a `chart:`, as an SVG chart (`chart::render`, then `chart::standalone`). Nothing here may
//! panic, overflow, hang or blow up memory for any input.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::table_target(data));
