//! Fuzz target `table`: a data-table YAML file, loaded and rendered.
//!
//! Bytes → `Source::from_bytes` → `data::Table::load` (languages `ko`, `en`); a table that loads
//! is rendered in both languages as HTML (`tablehtml::render`), as CSV (`csv::csv`) and, when it
//! has a `chart:`, as an SVG chart (`chart::render`, then `chart::standalone`). Nothing here may
//! panic, overflow, hang or blow up memory for any input.
#![no_main]

use folio::data::Table;
use folio::i18n::{REQUIRED, Strings};
use folio::source::Source;
use folio::tablehtml::{self, Frame};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

static STRINGS: LazyLock<Strings> = LazyLock::new(|| {
    Strings(
        REQUIRED
            .iter()
            .map(|k| (k.to_string(), format!("<{k}>")))
            .collect::<BTreeMap<_, _>>(),
    )
});

fuzz_target!(|data: &[u8]| {
    let Ok(src) = Source::from_bytes(Path::new("t.yaml"), data.to_vec()) else {
        return;
    };
    let Ok(table) = Table::load(&src, "t", &["ko".into(), "en".into()]) else {
        return;
    };
    for lang in ["ko", "en"] {
        let frame = Frame {
            kind: "tbl",
            label: (STRINGS.get("table"), 1),
            before_table: String::new(),
            collapsible: None,
            after: String::new(),
        };
        let _ = tablehtml::render(&table, lang, &STRINGS, frame);
        let _ = folio::csv::csv(&table, lang, &STRINGS);
        if table.chart.is_some()
            && let Some(chart) = folio::chart::render(&table, lang, &STRINGS, "fig:t")
        {
            let _ = folio::chart::standalone(&chart.svg);
        }
    }
});
