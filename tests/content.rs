//! The bundled report against its source text: nothing invented, nothing lost.

use folio::content::{self, Content};
use folio::data::{Cell, ColumnKind};
use folio::numbers::{Unit, fixed, myriad, round_to};
use std::path::Path;

fn bundled() -> Content {
    content::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("bundled content loads")
}

fn source() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/source/report.ko.txt"),
    )
    .unwrap()
}

/// Ways the report may print `value` (in its column's scale).
fn spellings(value: f64, decimals: u32, unit: &Unit) -> Vec<String> {
    let scale = unit.scale();
    let precision = scale * 10f64.powi(-(decimals as i32));
    let mut out = vec![
        fixed(value, decimals),
        fixed(value, decimals).replace(',', ""),
    ];
    if scale > 1.0 || value >= 10_000.0 {
        out.push(myriad(value * scale, precision));
    }
    // `4천 5백억`: the report sometimes spells a myriad part out by place.
    if scale == 1e8 && value.fract() == 0.0 && value < 10_000.0 {
        let n = value as u64;
        let places: Vec<String> = [(1000, "천"), (100, "백"), (10, "십")]
            .iter()
            .filter(|(p, _)| !(n / p).is_multiple_of(10))
            .map(|(p, name)| format!("{}{name}", (n / p) % 10))
            .collect();
        out.push(format!("{}억", places.join(" ")));
    }
    if let Unit::Percent = unit {
        out.push(format!("{}%", fixed(value, decimals)));
    }
    out
}

#[test]
fn every_figure_in_the_data_is_printed_in_the_report_or_derived() {
    let c = bundled();
    let text = source();
    let mut unexplained = Vec::new();
    let mut checked = 0;
    for t in c.tables.values() {
        for row in &t.rows {
            for (col, cell) in t.columns.iter().zip(&row.cells) {
                let Cell::Number(n) = cell else { continue };
                let unit = t.unit_of(col, n).cloned().unwrap_or(Unit::Plain);
                let q = n.quantity;
                if let Some(formula) = &n.derived {
                    let computed = folio::formula::eval(formula)
                        .unwrap_or_else(|e| panic!("{}: bad formula `{formula}`: {e}", t.id));
                    assert_eq!(
                        round_to(computed, q.decimals),
                        round_to(q.value, q.decimals),
                        "{}: `{formula}` = {computed}, stored {}",
                        t.id,
                        q.value
                    );
                    continue;
                }
                checked += 1;
                let candidates = spellings(q.value, q.decimals, &unit);
                if !candidates.iter().any(|s| text.contains(s.as_str())) {
                    unexplained.push(format!(
                        "{} {}.{}: {} (looked for {candidates:?})",
                        t.id,
                        row.key.clone().unwrap_or_default(),
                        col.id,
                        q.value
                    ));
                }
            }
        }
    }
    assert!(checked >= 90, "only {checked} figures checked");
    assert!(
        unexplained.is_empty(),
        "figures not found in the report:\n{}",
        unexplained.join("\n")
    );
}

#[test]
fn all_twenty_tables_and_twenty_six_charts_are_published() {
    let c = bundled();
    let tables = [
        "ai-policies",
        "ai-parks",
        "ai-chip-companies",
        "smart-factory-grades",
        "smart-factory-process-ai",
        "lighthouse-categories",
        "catl-lighthouses",
        "haier-midea-lighthouses",
        "autonomous-driving-cities",
        "robotaxi-companies",
        "ai-healthcare-fields",
        "bat-healthcare",
        "surgical-robot-companies",
        "orbbec-profile",
        "rokae-profile",
        "trade-shows",
        "smart-factory-company-list",
        "autonomous-driving-company-list",
        "ai-healthcare-company-list",
        "colophon",
    ];
    let charts = [
        "global-ai-market",
        "ai-companies-by-country",
        "china-ai-market",
        "ai-chip-market",
        "ai-chip-composition",
        "gpu-market",
        "fpga-market",
        "asic-market",
        "ai-server-market",
        "llm-market",
        "industry-llm-market",
        "ai-company-count",
        "top50-ai-companies-map",
        "shanghai-ai-companies",
        "new-ai-companies-by-city",
        "ai-patents-by-city",
        "smart-factory-market",
        "lighthouses-by-sector",
        "lighthouses-by-region",
        "autonomous-driving-market",
        "autonomous-driving-solution-map",
        "ai-healthcare-market",
        "medical-ai-models-by-function",
        "ai-medical-device-market",
        "ai-medical-device-firms-by-field",
        "ai-medical-devices-by-region",
    ];
    let bodies: String = c
        .chapters_in("ko")
        .map(|ch| ch.body().to_string())
        .collect();
    for id in tables {
        assert!(c.tables.contains_key(id), "missing table {id}");
        assert!(
            bodies.contains(&format!("{{{{ table(id=\"{id}\") }}}}")),
            "table {id} is not shown"
        );
    }
    for id in charts {
        let t = c
            .tables
            .get(id)
            .unwrap_or_else(|| panic!("missing chart data {id}"));
        assert!(t.chart.is_some(), "{id} has no chart block");
        assert!(
            bodies.contains(&format!("{{{{ chart(id=\"{id}\") }}}}")),
            "chart {id} is not shown"
        );
    }
    assert_eq!(
        c.tables.len(),
        tables.len() + charts.len(),
        "unexpected extra data files"
    );
    // The three appendix company lists, row for row.
    for (id, rows) in [
        ("smart-factory-company-list", 55),
        ("autonomous-driving-company-list", 19),
        ("ai-healthcare-company-list", 73),
    ] {
        assert_eq!(c.tables[id].rows.len(), rows, "{id}");
    }
}

#[test]
fn all_nineteen_footnotes_with_their_texts() {
    let c = bundled();
    let mut found = Vec::new();
    for ch in c.chapters_in("ko") {
        for line in ch.body().lines() {
            if let Some(rest) = line.strip_prefix("[^") {
                let (label, text) = rest.split_once("]:").expect("definition");
                assert!(!text.trim().is_empty(), "footnote {label} has no text");
                found.push(label.parse::<u32>().expect("numeric label"));
            }
        }
    }
    found.sort();
    assert_eq!(found, (1..=19).collect::<Vec<_>>());
    let fn18 = c
        .chapters_in("ko")
        .flat_map(|ch| ch.body().lines())
        .find(|l| l.starts_with("[^18]:"))
        .unwrap();
    assert!(
        fn18.contains("원문") && fn18.contains("없음"),
        "footnote 18 must say its text is missing: {fn18}"
    );
}

#[test]
fn every_chart_point_is_in_its_columns_unit() {
    // Year charts: every year lies inside the caption's range.
    let c = bundled();
    for t in c.tables.values() {
        let Some(spec) = &t.chart else { continue };
        let Some([first, last]) = spec.years else {
            continue;
        };
        for row in &t.rows {
            if let Some(Cell::Year(y)) = row.cells.first() {
                assert!(
                    (first..=last).contains(y),
                    "{}: year {y} outside {first}–{last}",
                    t.id
                );
            }
        }
        assert!(
            matches!(t.columns[0].kind, ColumnKind::Year),
            "{}: years need a year column first",
            t.id
        );
    }
}
