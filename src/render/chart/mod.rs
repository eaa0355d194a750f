//! Charts: a data table's `chart:` drawn as SVG at build time with plotters — no JavaScript.
//!
//! [`render`] is a pure function of (table, language): it picks the rows, lays out text with
//! the bundled glyph metrics ([`metrics`]), draws through [`canvas::Canvas`] and finishes the
//! SVG for the page: `role="img"`, a `<title>` and a `<desc>` written from the data
//! ([`describe`]), colour classes the stylesheet switches for dark mode.
//!
//! Conventions, the same in every kind: estimates (2025E) are drawn translucent with a solid
//! outline and labelled `E`; derived values are hatched and labelled `†`; thresholds print
//! `>`/`≈`; years the report gives no figure for stay empty — nothing is interpolated.

pub mod canvas;
pub mod describe;
mod finish;
pub mod kinds;
pub mod metrics;

pub use finish::standalone;

use crate::base::diag::Diagnostic;
use crate::content::i18n::Strings;
use crate::content::table::{Cell, ChartSpec, ColumnKind, NumberCell, Table, Text};
use crate::lang::Formatter;
use crate::num::{Bound, Unit};
use canvas::PlacedText;

/// Width of every chart, in px (scaled down to the column on phones).
pub const WIDTH: u32 = 480;

/// One value to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Value in the language's display scale (`269.7` for 2,697억 in English).
    pub value: f64,
    /// The label printed at the point (`2,697`, `>10,000`, `2,137.1†`, `26.2%`).
    pub label: String,
    /// Computed from stated figures.
    pub derived: bool,
    /// A threshold or approximation.
    pub bound: Option<Bound>,
}

/// One category or year.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Axis label (`2024`, `2025E`, `미국`).
    pub label: String,
    /// The year, for year axes.
    pub year: Option<i32>,
    /// An estimate or forecast.
    pub estimate: bool,
    /// The bar (or slice, or horizontal bar) value.
    pub bar: Option<Point>,
    /// The line value.
    pub line: Option<Point>,
    /// The group the slot belongs to (a grouped column other than `x`), for ranked panels.
    pub group: Option<String>,
}

/// A drawn chart.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The finished inline SVG.
    pub svg: String,
    /// Width and height in px.
    pub size: (u32, u32),
    /// Every text placed, for layout checks.
    pub texts: Vec<PlacedText>,
}

/// Everything a kind needs to draw.
pub struct Plot<'a> {
    /// The slots in order.
    pub slots: Vec<Slot>,
    /// Unit line of the bar values (`억 위안`).
    pub bar_unit: String,
    /// Unit line of the line values (`%`).
    pub line_unit: String,
    /// Legend label of the bars.
    pub bar_name: String,
    /// Legend label of the line.
    pub line_name: String,
    /// UI strings.
    pub t: &'a Strings,
    /// Numbers in the chart's language.
    pub fmt: Formatter<'a>,
}

fn column_unit(table: &Table, id: &Option<String>) -> Option<(usize, Unit, String)> {
    let id = id.as_ref()?;
    let (i, c) = table.column(id)?;
    match &c.kind {
        ColumnKind::Number(u) => Some((i, u.clone(), c.id.clone())),
        _ => None,
    }
}

/// The compact label of a value on a chart.
pub fn point_label(cell: &NumberCell, unit: &Unit, fmt: &Formatter) -> String {
    let mut q = cell.quantity;
    let bound = q.bound.take();
    let mut s = fmt.cell(q, unit);
    if matches!(unit, Unit::Percent) {
        s.push('%');
    }
    let prefix = match bound {
        Some(Bound::Over | Bound::Plus) => ">",
        Some(Bound::About | Bound::Nearly) => "≈",
        None => "",
    };
    let mut out = format!("{prefix}{s}");
    if cell.derived.is_some() {
        out.push('†');
    }
    out
}

fn point(cell: &Cell, unit: &Unit, fmt: &Formatter) -> Option<Point> {
    let Cell::Number(n) = cell else { return None };
    Some(Point {
        value: crate::num::to_f64(fmt.in_table_scale(n.quantity, unit)),
        label: point_label(n, unit, fmt),
        derived: n.derived.is_some(),
        bound: n.quantity.bound,
    })
}

fn x_label(cell: &Cell, estimate: bool, lang: &str) -> (String, Option<i32>) {
    match cell {
        Cell::Year(y) => (
            if estimate {
                format!("{y}E")
            } else {
                y.to_string()
            },
            Some(*y),
        ),
        Cell::Name(s) => (s.clone(), None),
        Cell::Text(l) => match l.get(lang) {
            Some(Text::Plain(s)) => (s.clone(), None),
            Some(Text::List(items)) => (
                items.first().map(|i| i.text.clone()).unwrap_or_default(),
                None,
            ),
            None => (String::new(), None),
        },
        Cell::Number(n) => (n.quantity.value.to_string(), None),
        Cell::Missing => (String::new(), None),
    }
}

/// The slots of a chart: one per row, or one per year of `years` (years without a row are
/// empty slots — gaps).
pub fn slots(table: &Table, spec: &ChartSpec, lang: &str) -> Vec<Slot> {
    let fmt = Formatter::new(lang);
    let x = spec
        .x
        .as_ref()
        .and_then(|id| table.column(id))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let bars = column_unit(table, &spec.bars);
    let line = column_unit(table, &spec.line);
    let group = table
        .columns
        .iter()
        .position(|c| c.group)
        .filter(|g| *g != x);
    let from_rows: Vec<Slot> = table
        .rows
        .iter()
        .map(|r| {
            let (label, year) = x_label(&r.cells[x], r.estimate, lang);
            Slot {
                label,
                year,
                estimate: r.estimate,
                bar: bars
                    .as_ref()
                    .and_then(|(i, u, _)| point(&r.cells[*i], u, &fmt)),
                line: line
                    .as_ref()
                    .and_then(|(i, u, _)| point(&r.cells[*i], u, &fmt)),
                group: group.map(|g| x_label(&r.cells[g], false, lang).0),
            }
        })
        .collect();
    match spec.years {
        Some([first, last]) => (first..=last)
            .map(|y| {
                from_rows
                    .iter()
                    .find(|s| s.year == Some(y))
                    .cloned()
                    .unwrap_or(Slot {
                        label: y.to_string(),
                        year: Some(y),
                        estimate: false,
                        bar: None,
                        line: None,
                        group: None,
                    })
            })
            .collect(),
        None => from_rows,
    }
}

/// Draws `table`'s chart in `lang`; `None` for tables whose chart cannot be drawn (`kind:
/// none`) or that have no `chart:`. `id` must be unique on the page (it prefixes the SVG's
/// `title`/`desc` ids).
pub fn render(table: &Table, lang: &str, t: &Strings, id: &str) -> Option<Rendered> {
    let spec = table.chart.as_ref()?;
    let draw = kinds::find(&spec.kind)?.draw.as_ref()?;
    let fmt = Formatter::new(lang);
    let unit_of = |c: &Option<String>| {
        column_unit(table, c)
            .map(|(_, u, _)| fmt.unit_label(&u))
            .unwrap_or_default()
    };
    let name_of = |c: &Option<String>| {
        c.as_ref()
            .and_then(|id| table.column(id))
            .map(|(_, col)| col.label.text(lang).to_string())
            .unwrap_or_default()
    };
    let plot = Plot {
        slots: slots(table, spec, lang),
        bar_unit: unit_of(&spec.bars),
        line_unit: unit_of(&spec.line),
        bar_name: name_of(&spec.bars),
        line_name: name_of(&spec.line),
        t,
        fmt,
    };
    let size = (WIDTH, (draw.height)(&plot));
    let mut buf = String::new();
    let mut c = canvas::Canvas::new(&mut buf, size.0, size.1);
    (draw.paint)(&mut c, &plot);
    let texts = c.finish();
    let desc = describe::describe(table, spec, &plot.slots, lang, t);
    let svg = finish::finish(&buf, id, table.title.text(lang), &desc);
    Some(Rendered { svg, size, texts })
}

/// What is wrong with `table`'s `chart:` for its kind: an unknown kind, or a field the kind
/// needs missing. Passed to [`crate::content::load_with`], so that these are found with every
/// other problem of the content.
pub fn check_spec(table: &Table) -> Vec<Diagnostic> {
    let Some(spec) = &table.chart else {
        return Vec::new();
    };
    let error = |path: &str, message: String, expected: String| {
        vec![Diagnostic::error(
            &table.path,
            table.index.pos(path),
            message,
            expected,
        )]
    };
    let Some(kind) = kinds::find(&spec.kind) else {
        return error(
            "chart.kind",
            format!("chart.kind: unknown variant `{}`", spec.kind),
            format!("one of {}", kinds::names()),
        );
    };
    let has = |field: &str| match field {
        "x" => spec.x.is_some(),
        "bars" => spec.bars.is_some(),
        "line" => spec.line.is_some(),
        "reason" => spec.reason.is_some(),
        _ => true,
    };
    match kind.needs.iter().find(|f| !has(f)) {
        Some(field) => error(
            "chart",
            format!("the chart has no `{field}`"),
            format!("`{field}:` for a `{}` chart", kind.name),
        ),
        None => Vec::new(),
    }
}
