//! Numeric consistency, as `folio check` reports it:
//!
//! - `growth`: a stated growth rate against the two stated values it connects (bar-line charts);
//! - `shares`: the slices of a share chart against 100 %;
//! - `derived`: every `derived` formula recomputed against the value stored with it;
//! - `conversion`: money written in prose with a converted amount in parentheses
//!   (`1,412억 위안(약 194억 5,100만 달러)`, `CNY 141.2 billion (about USD 19.45 billion)`)
//!   recomputed at the site's exchange rates.
//!
//! Tolerances follow the printed precision: a figure written to one decimal may be off by half
//! a unit of that decimal, and the uncertainty of both figures of a comparison is allowed for.
//! A finding an editor has reviewed is acknowledged next to the data (`acknowledged:` in the
//! table) or in the chapter's front matter, with a reason; it is then reported as a note and does
//! not fail `--strict`.

use crate::amounts::{self, Amount};
use crate::content::{Chapter, Content};
use crate::data::{Cell, ChartKind, ColumnKind, NumberCell, Table};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::numbers::{Formatter, Rates, Unit, fixed};
use crate::source::LineIndex;
use rayon::prelude::*;

fn half_unit(decimals: u32) -> f64 {
    0.5 * 10f64.powi(-(decimals as i32))
}

fn emit(ds: &mut Diagnostics, mut d: Diagnostic, ack: Option<&str>) {
    if let Some(reason) = ack {
        d.severity = Severity::Note;
        d.message = format!("acknowledged ({reason}): {}", d.message);
    }
    ds.push(d);
}

fn plain(cell: &Cell) -> Option<&NumberCell> {
    match cell {
        Cell::Number(n) if n.derived.is_none() && n.quantity.bound.is_none() => Some(n),
        _ => None,
    }
}

/// All numeric findings of the site.
pub fn check(content: &Content, ds: &mut Diagnostics) {
    for t in content.tables.values() {
        growth(t, ds);
        shares(t, ds);
        derived(t, ds);
    }
    let rates = content.config.rates();
    // Each chapter's prose on its own, in parallel; findings kept in chapter order.
    let found: Vec<Diagnostics> = content
        .chapters
        .par_iter()
        .map(|c| {
            let mut found = Diagnostics::new();
            conversions(content, c, &rates, &mut found);
            found
        })
        .collect();
    for f in found {
        ds.extend(f);
    }
    for t in content.tables.values() {
        cell_conversions(content, t, &rates, ds);
    }
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

fn conversion_message(
    fmt: &Formatter,
    snippet: &str,
    left: Amount,
    right: Amount,
    expected: f64,
    tolerance: f64,
) -> (String, String) {
    (
        format!(
            "[conversion] `{snippet}`: at the site's rates {} is {}",
            fmt.money(left.value, left.precision, left.currency),
            fmt.money(expected, right.precision, right.currency)
        ),
        format!(
            "a converted amount within ±{} of it, or an acknowledgement",
            fmt.money(tolerance, right.precision / 10.0, right.currency)
        ),
    )
}

/// Conversions written inside table cells (`5억 6,400만 위안(약 7,770만 달러)`).
fn cell_conversions(content: &Content, t: &Table, rates: &Rates, ds: &mut Diagnostics) {
    for row in &t.rows {
        for (col, cell) in t.columns.iter().zip(&row.cells) {
            let Cell::Text(l) = cell else { continue };
            for (lang, text) in &l.0 {
                let flat = match text {
                    crate::data::Text::Plain(s) => s.clone(),
                    crate::data::Text::List(items) => items
                        .iter()
                        .map(|i| i.text.clone())
                        .collect::<Vec<_>>()
                        .join("\n"),
                };
                for (s, e, left, right) in scan(content, &flat, 0, lang == "ko") {
                    let Some((expected, tolerance)) = recompute(rates, left, right) else {
                        continue;
                    };
                    let (message, expected_text) = conversion_message(
                        &Formatter::new(lang),
                        &flat[s..e],
                        left,
                        right,
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

fn growth(t: &Table, ds: &mut Diagnostics) {
    let Some(spec) = &t.chart else { return };
    if spec.kind != ChartKind::BarLine {
        return;
    }
    let (Some((bi, _)), Some((gi, gcol))) = (
        spec.bars.as_deref().and_then(|b| t.column(b)),
        spec.line.as_deref().and_then(|l| t.column(l)),
    ) else {
        return;
    };
    if gcol.kind != ColumnKind::Number(Unit::Percent) {
        return;
    }
    let year = |r: &crate::data::Row| match r.cells.first() {
        Some(Cell::Year(y)) => Some(*y),
        _ => None,
    };
    for row in &t.rows {
        let (Some(y), Some(g)) = (year(row), plain(&row.cells[gi])) else {
            continue;
        };
        let Some(cur) = plain(&row.cells[bi]) else {
            continue;
        };
        let Some(prev) = t
            .rows
            .iter()
            .find(|r| year(r) == Some(y - 1))
            .and_then(|r| plain(&r.cells[bi]))
        else {
            continue;
        };
        let (c, p) = (cur.quantity, prev.quantity);
        let (dc, dp) = (half_unit(c.decimals), half_unit(p.decimals));
        if p.value - dp <= 0.0 {
            continue;
        }
        let lo = ((c.value - dc) / (p.value + dp) - 1.0) * 100.0;
        let hi = ((c.value + dc) / (p.value - dp) - 1.0) * 100.0;
        let dg = half_unit(g.quantity.decimals);
        let stated = g.quantity.value;
        if stated + dg < lo - 1e-9 || stated - dg > hi + 1e-9 {
            let computed = (c.value / p.value - 1.0) * 100.0;
            let col = &t.columns[gi].id;
            let d = Diagnostic::warning(
                &t.path,
                t.index.pos(&format!("{}.{col}", row.yaml_path)),
                format!(
                    "[growth] the {y} growth rate is {}%, but the values give {}% ({} in {y} against {} in {})",
                    fixed(stated, g.quantity.decimals),
                    fixed(computed, g.quantity.decimals.max(1)),
                    fixed(c.value, c.decimals),
                    fixed(p.value, p.decimals),
                    y - 1
                ),
                format!(
                    "a growth rate between {}% and {}%, or an acknowledgement",
                    fixed(lo, 1),
                    fixed(hi, 1)
                ),
            );
            emit(ds, d, t.acknowledgement("growth", row.key.as_deref()));
        }
    }
}

fn shares(t: &Table, ds: &mut Diagnostics) {
    let Some(spec) = &t.chart else { return };
    if spec.kind != ChartKind::Share {
        return;
    }
    let Some((bi, _)) = spec.bars.as_deref().and_then(|b| t.column(b)) else {
        return;
    };
    let cells: Vec<&NumberCell> = t
        .rows
        .iter()
        .filter_map(|r| match &r.cells[bi] {
            Cell::Number(n) => Some(n),
            _ => None,
        })
        .collect();
    let sum: f64 = cells.iter().map(|n| n.quantity.value).sum();
    let tolerance: f64 = cells
        .iter()
        .map(|n| half_unit(n.quantity.decimals))
        .sum::<f64>()
        + 1e-9;
    if (sum - 100.0).abs() > tolerance {
        let d = Diagnostic::warning(
            &t.path,
            t.index.pos("rows"),
            format!("[shares] the shares add up to {}%, not 100%", fixed(sum, 1)),
            format!(
                "shares summing to 100% within ±{}, the missing share as a row, or an acknowledgement",
                fixed(tolerance, 2)
            ),
        );
        emit(ds, d, t.acknowledgement("shares", None));
    }
}

fn derived(t: &Table, ds: &mut Diagnostics) {
    for row in &t.rows {
        for (col, cell) in t.columns.iter().zip(&row.cells) {
            let Cell::Number(n) = cell else { continue };
            let Some(formula) = &n.derived else { continue };
            let path = format!("{}.{}", row.yaml_path, col.id);
            let q = n.quantity;
            let d = match crate::formula::eval(formula) {
                // Not a finding to acknowledge: the input is malformed.
                Err(e) => {
                    ds.push(Diagnostic::error(
                        &t.path,
                        t.index.pos(&path),
                        format!("the formula `{formula}` cannot be computed: {e}"),
                        "arithmetic on stated figures: numbers, + - * / ^ and parentheses",
                    ));
                    continue;
                }
                Ok(v) if (v - q.value).abs() > half_unit(q.decimals) + 1e-9 => {
                    Some(Diagnostic::warning(
                        &t.path,
                        t.index.pos(&path),
                        format!(
                            "[derived] the value {} does not match its formula `{formula}` = {}",
                            fixed(q.value, q.decimals),
                            fixed(v, q.decimals + 2)
                        ),
                        format!(
                            "{} (the formula's result at the printed precision)",
                            fixed(v, q.decimals)
                        ),
                    ))
                }
                Ok(_) => None,
            };
            if let Some(d) = d {
                emit(ds, d, t.acknowledgement("derived", row.key.as_deref()));
            }
        }
    }
}

/// `(start, end, left amount, right amount)` of every `A(약 B)` / `A (about B)` in `text`,
/// searching from `from`.
fn scan(
    content: &Content,
    text: &str,
    from: usize,
    korean: bool,
) -> Vec<(usize, usize, Amount, Amount)> {
    let mut out = Vec::new();
    let marker = if korean { "(약 " } else { " (about " };
    let mut pos = from;
    while let Some(rel) = text[pos..].find(marker) {
        let at = pos + rel;
        pos = at + marker.len();
        let Some(close) = text[pos..].find(')').map(|e| pos + e) else {
            continue;
        };
        let inner = &text[pos..close];
        let right = if korean {
            amounts::parse_korean(inner)
        } else {
            amounts::parse_english(inner)
        };
        let Some(right) = right else { continue };
        let before = &text[from..at];
        let left = if korean {
            korean_before(before)
        } else {
            english_before(content, before)
        };
        if let Some((len, left)) = left {
            out.push((at - len, close + 1, left, right));
        }
    }
    out
}

fn conversions_in(content: &Content, c: &Chapter) -> Vec<(usize, usize, Amount, Amount)> {
    scan(content, &c.source.text, c.body_offset, c.lang == "ko")
}

fn korean_before(before: &str) -> Option<(usize, Amount)> {
    let allowed = |ch: char| ch.is_ascii_digit() || ",. 천백십조억만위안달러원".contains(ch);
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, ch)| allowed(*ch))
        .last()
        .map(|(i, _)| i)?;
    let candidate = before[start..].trim_start();
    amounts::parse_korean(candidate).map(|a| (candidate.len(), a))
}

fn english_before(content: &Content, before: &str) -> Option<(usize, Amount)> {
    if before.ends_with("}}") {
        let open = before.rfind("{{")?;
        let (found, _) = crate::shortcode::scan(&before[open..]);
        let sc = found.first()?;
        let table = content.tables.get(sc.str_arg("id")?)?;
        let row = table.row(&sc.text_arg("row")?)?;
        let (ci, col) = table.column(sc.str_arg("col")?)?;
        let Cell::Number(n) = &row.cells[ci] else {
            return None;
        };
        let Some(Unit::Money { currency, scale }) = table.unit_of(col, n) else {
            return None;
        };
        let q = n.quantity;
        return Some((
            before.len() - open,
            Amount {
                value: q.value * scale,
                precision: scale * 10f64.powi(-(q.decimals as i32)),
                currency: *currency,
            },
        ));
    }
    let words: Vec<&str> = before.split_whitespace().collect();
    for take in [3, 2] {
        if words.len() >= take {
            let candidate = words[words.len() - take..].join(" ");
            if let Some(a) = amounts::parse_english(&candidate) {
                let start = before.rfind(words[words.len() - take])?;
                return Some((before.len() - start, a));
            }
        }
    }
    None
}

/// Every converted amount written in the chapters' prose: (file, text), for reports and tests.
pub fn conversions_found(content: &Content) -> Vec<(std::path::PathBuf, String)> {
    content
        .chapters
        .iter()
        .flat_map(|c| {
            conversions_in(content, c)
                .into_iter()
                .map(move |(s, e, _, _)| (c.source.path.clone(), c.source.text[s..e].to_string()))
        })
        .collect()
}

fn conversions(content: &Content, c: &Chapter, rates: &Rates, ds: &mut Diagnostics) {
    let index = LineIndex::new(&c.source.text);
    let fmt = Formatter::new(&c.lang);
    for (start, end, left, right) in conversions_in(content, c) {
        let Some((expected, tolerance)) = recompute(rates, left, right) else {
            continue;
        };
        let snippet = &c.source.text[start..end];
        let (message, expected_text) =
            conversion_message(&fmt, snippet, left, right, expected, tolerance);
        let d = Diagnostic::warning(&c.source.path, index.pos(start), message, expected_text);
        let ack = c
            .front
            .acknowledged
            .iter()
            .find(|a| snippet.contains(a.text.as_str()))
            .map(|a| a.reason.as_str());
        emit(ds, d, ack);
    }
}

#[cfg(test)]
mod tests {
    use super::half_unit;

    #[test]
    fn half_units() {
        assert_eq!(half_unit(0), 0.5);
        assert_eq!(half_unit(1), 0.05);
    }
}
