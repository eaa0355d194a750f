//! `hbar`: horizontal ranking bars, the value at the end of each bar, grouped under headings
//! when the table has a grouped column.

use super::layout::{LINE_H, PAD, TICK, VALUE, bar_shape};
use super::{Draw, Kind};
use crate::render::chart::Plot;
use crate::render::chart::canvas::{Align, Canvas, colour};
use crate::render::chart::metrics::{width, wrap};

/// Horizontal ranking bars.
pub const HBAR: Kind = Kind {
    name: "hbar",
    needs: &["bars", "x"],
    whole: false,
    draw: Some(Draw {
        height: hbar_height,
        paint: hbar,
    }),
};

/// Extra height of a group heading in a ranking.
fn group_gap(plot: &Plot, i: usize) -> f64 {
    match (
        &plot.slots[i].group,
        i.checked_sub(1).map(|j| &plot.slots[j].group),
    ) {
        (Some(g), Some(Some(prev))) if g == prev => 0.0,
        (Some(_), _) => TICK * LINE_H + 10.0,
        (None, _) => 0.0,
    }
}

fn hbar_rows(plot: &Plot) -> (f64, Vec<Vec<String>>) {
    let max_label = crate::render::chart::WIDTH as f64 * 0.34;
    let rows: Vec<Vec<String>> = plot
        .slots
        .iter()
        .map(|s| wrap(&s.label, TICK, max_label))
        .collect();
    let label_w = rows
        .iter()
        .flatten()
        .map(|l| width(l, TICK, false))
        .fold(0.0, f64::max)
        .min(max_label.max(0.0));
    (label_w, rows)
}

fn hbar_row_height(lines: usize) -> f64 {
    (lines.max(1) as f64 * TICK * LINE_H + 12.0).max(28.0)
}

fn hbar_height(plot: &Plot) -> u32 {
    let (_, rows) = hbar_rows(plot);
    let body: f64 = rows.iter().map(|r| hbar_row_height(r.len())).sum::<f64>()
        + (0..plot.slots.len())
            .map(|i| group_gap(plot, i))
            .sum::<f64>();
    (PAD + TICK * LINE_H + 10.0 + body + PAD).ceil() as u32
}

/// Horizontal ranking bars with the value at the end of each bar.
fn hbar(c: &mut Canvas, plot: &Plot) {
    let (label_w, rows) = hbar_rows(plot);
    c.text(
        &plot.bar_unit,
        c.w - PAD,
        PAD,
        TICK,
        Align::End,
        colour::SOFT,
        false,
    );
    let value_w = plot
        .slots
        .iter()
        .filter_map(|s| s.bar.as_ref())
        .map(|p| width(&p.label, VALUE, false))
        .fold(0.0, f64::max);
    let x0 = PAD + label_w + 10.0;
    let x1 = c.w - PAD - value_w - 6.0;
    let max = plot
        .slots
        .iter()
        .filter_map(|s| s.bar.as_ref())
        .map(|p| p.value)
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let mut y = PAD + TICK * LINE_H + 10.0;
    c.line(&[(x0, y - 4.0), (x0, c.h - PAD)], colour::SOFT, 1);
    for (i, (s, lines)) in plot.slots.iter().zip(&rows).enumerate() {
        let gap = group_gap(plot, i);
        if gap > 0.0 {
            if let Some(g) = &s.group {
                c.text(g, PAD, y + 6.0, TICK, Align::Start, colour::INK, true);
            }
            y += gap;
        }
        let h = hbar_row_height(lines.len());
        let mid = y + h / 2.0;
        let block = lines.len() as f64 * TICK * LINE_H;
        for (k, line) in lines.iter().enumerate() {
            c.text(
                line,
                x0 - 8.0,
                mid - block / 2.0 + k as f64 * TICK * LINE_H,
                TICK,
                Align::End,
                colour::INK,
                false,
            );
        }
        match &s.bar {
            Some(p) => {
                let end = x0 + (x1 - x0) * (p.value / max).max(0.0);
                bar_shape(
                    c,
                    (x0, mid - 8.0, end.max(x0 + 1.0), mid + 8.0),
                    p,
                    s.estimate,
                    colour::SERIES[0],
                );
                c.text(
                    &p.label,
                    end + 5.0,
                    mid - VALUE * LINE_H / 2.0,
                    VALUE,
                    Align::Start,
                    colour::SOFT,
                    false,
                );
            }
            None => c.text(
                "–",
                x0 + 5.0,
                mid - VALUE * LINE_H / 2.0,
                VALUE,
                Align::Start,
                colour::SOFT,
                false,
            ),
        }
        y += h;
    }
}
