//! `conversion`: money written with a converted amount in parentheses —
//! `1,412억 위안(약 194억 5,100만 달러)`, `CNY 141.2 billion (about USD 19.45 billion)`, and a
//! `value()` followed by its written conversion — recomputed at the site's exchange rates, in
//! the chapters' prose and in table cells. The language's rules say how a conversion is written
//! and how its amounts read ([`crate::lang::Lang::read_amount`]).

use super::emit;
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::base::source::LineIndex;
use crate::content::Chapter;
use crate::content::table::{Cell, Table, Text};
use crate::lang::amounts::Amount;
use crate::lang::{Formatter, Lang};
use crate::num::Rates;
use crate::render::Book;
use crate::render::book::ResolvedValue;
use rayon::prelude::*;

/// One conversion found: where it is (`start..end`) and its two amounts.
struct Found {
    start: usize,
    end: usize,
    left: Amount,
    right: Amount,
}

/// Conversion findings of the chapters (in parallel) and of the tables' text cells.
pub(super) fn check(book: &Book, ds: &mut Diagnostics) {
    let content = book.content;
    // Without exchange rates there is nothing to recompute.
    let Some(rates) = content.config.rates() else {
        return;
    };
    // Each chapter's prose on its own, in parallel; findings kept in chapter order.
    let found: Vec<Diagnostics> = book
        .iter()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|(c, r)| {
            let mut found = Diagnostics::new();
            in_chapter(c, &r.values, rates, &mut found);
            found
        })
        .collect();
    for f in found {
        ds.extend(f);
    }
    for t in content.tables.values() {
        in_cells(t, rates, ds);
    }
}

/// Every converted amount written in the chapters' prose: (file, text), for reports and tests.
pub fn found(book: &Book) -> Vec<(std::path::PathBuf, String)> {
    book.iter()
        .flat_map(|(c, r)| {
            in_text(c, &r.values).into_iter().map(move |f| {
                (
                    c.source.path.clone(),
                    c.source.text[f.start..f.end].to_string(),
                )
            })
        })
        .collect()
}

/// Whether `right` is `left` converted at the site's rates, to the printed precision; if not,
/// the expected amount and the tolerance.
fn recompute(rates: &Rates, left: Amount, right: Amount) -> Option<(f64, f64)> {
    let expected = rates.convert(left.value, left.currency, right.currency)?;
    let factor = rates
        .convert(1.0, left.currency, right.currency)
        .unwrap_or(1.0);
    let tolerance = right.precision / 2.0 + left.precision / 2.0 * factor + 1e-6;
    ((right.value - expected).abs() > tolerance).then_some((expected, tolerance))
}

/// The finding's message and expectation.
fn message(
    fmt: &Formatter,
    snippet: &str,
    f: &Found,
    expected: f64,
    tolerance: f64,
) -> (String, String) {
    (
        format!(
            "[conversion] `{snippet}`: at the site's rates {} is {}",
            fmt.money(f.left.value, f.left.precision, f.left.currency),
            fmt.money(expected, f.right.precision, f.right.currency)
        ),
        format!(
            "a converted amount within ±{} of it, or an acknowledgement",
            fmt.money(tolerance, f.right.precision / 10.0, f.right.currency)
        ),
    )
}

/// Every `A(약 B)` / `A (about B)` in `text` from `from`; `values` are the figures `value()`
/// wrote there (an amount written by one is read from it, not from the text).
fn scan(lang: &Lang, text: &str, from: usize, values: &[ResolvedValue]) -> Vec<Found> {
    let mut out = Vec::new();
    let marker = lang.conversion_marker();
    let mut pos = from;
    while let Some(rel) = text[pos..].find(&marker) {
        let at = pos + rel;
        pos = at + marker.len();
        let Some(close) = text[pos..].find(')').map(|e| pos + e) else {
            continue;
        };
        let Some(right) = lang.read_amount(&text[pos..close]) else {
            continue;
        };
        let left = match values.iter().find(|v| v.range.end == at) {
            Some(v) => v.amount.map(|a| (at - v.range.start, a)),
            None => lang.amount_before(&text[from..at]),
        };
        if let Some((len, left)) = left {
            out.push(Found {
                start: at - len,
                end: close + 1,
                left,
                right,
            });
        }
    }
    out
}

fn in_text(c: &Chapter, values: &[ResolvedValue]) -> Vec<Found> {
    scan(Lang::of(&c.lang), &c.source.text, c.body_offset, values)
}

fn in_chapter(c: &Chapter, values: &[ResolvedValue], rates: &Rates, ds: &mut Diagnostics) {
    let index = LineIndex::new(&c.source.text);
    let fmt = Formatter::new(&c.lang);
    for f in in_text(c, values) {
        let Some((expected, tolerance)) = recompute(rates, f.left, f.right) else {
            continue;
        };
        let snippet = &c.source.text[f.start..f.end];
        let (message, expected_text) = message(&fmt, snippet, &f, expected, tolerance);
        let d = Diagnostic::warning(&c.source.path, index.pos(f.start), message, expected_text);
        let ack = c
            .front
            .acknowledged
            .iter()
            .find(|a| snippet.contains(a.text.as_str()))
            .map(|a| a.reason.as_str());
        emit(ds, d, ack);
    }
}

/// Conversions written inside table cells (`5억 6,400만 위안(약 7,770만 달러)`).
fn in_cells(t: &Table, rates: &Rates, ds: &mut Diagnostics) {
    for row in &t.rows {
        for (col, cell) in t.columns.iter().zip(&row.cells) {
            let Cell::Text(l) = cell else { continue };
            for (lang, text) in &l.0 {
                let flat = match text {
                    Text::Plain(s) => s.clone(),
                    Text::List(items) => items
                        .iter()
                        .map(|i| i.text.clone())
                        .collect::<Vec<_>>()
                        .join("\n"),
                };
                for f in scan(Lang::of(lang), &flat, 0, &[]) {
                    let Some((expected, tolerance)) = recompute(rates, f.left, f.right) else {
                        continue;
                    };
                    let (message, expected_text) = message(
                        &Formatter::new(lang),
                        &flat[f.start..f.end],
                        &f,
                        expected,
                        tolerance,
                    );
                    let d = Diagnostic::warning(
                        &t.path,
                        t.index.pos(&format!("{}.{}.{lang}", row.yaml_path, col.id)),
                        message,
                        expected_text,
                    );
                    emit(ds, d, t.acknowledgement("conversion", row.key.as_deref()));
                }
            }
        }
    }
}
