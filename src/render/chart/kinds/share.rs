//! `share`: shares of a whole as a donut, with a legend of labels and values; a remainder the
//! report does not state is drawn grey.

use super::layout::{LEGEND, LINE_H, PAD};
use super::{Draw, Kind};
use crate::render::chart::canvas::{Align, Canvas, colour};
use crate::render::chart::metrics::{width, wrap};
use crate::render::chart::{Plot, Point, Slot};

/// Shares of a whole.
pub const SHARE: Kind = Kind {
    name: "share",
    needs: &["bars", "x"],
    whole: true,
    draw: Some(Draw {
        height: share_height,
        paint: share,
    }),
};

/// Slices of a share chart: (label, value label, share of the circle, colour, derived).
type Slice = (String, String, f64, plotters::style::RGBColor);

fn slices(plot: &Plot) -> Vec<Slice> {
    let mut out: Vec<Slice> = Vec::new();
    let stated: Vec<(&Slot, &Point)> = plot
        .slots
        .iter()
        .filter_map(|s| s.bar.as_ref().map(|p| (s, p)))
        .collect();
    let total: f64 = stated.iter().map(|(_, p)| p.value).sum();
    let whole = total.max(100.0);
    for (i, (s, p)) in stated.iter().enumerate() {
        out.push((
            s.label.clone(),
            p.label.clone(),
            p.value / whole,
            colour::SERIES[i % 6],
        ));
    }
    if total < 99.95 {
        let rest = 100.0 - total;
        out.push((
            plot.t.get("not_stated").to_string(),
            plot.fmt.percent_f64(rest, 1),
            rest / whole,
            colour::MISSING,
        ));
    }
    out
}

const R_OUT: f64 = 80.0;
const R_IN: f64 = 48.0;

fn legend_x() -> f64 {
    PAD + 2.0 * R_OUT + 28.0
}

fn legend_rows(plot: &Plot) -> Vec<(Vec<String>, Slice)> {
    let slices = slices(plot);
    let value_w = slices
        .iter()
        .map(|s| width(&s.1, LEGEND, true))
        .fold(0.0, f64::max);
    let avail = crate::render::chart::WIDTH as f64 - PAD - legend_x() - 18.0 - value_w - 10.0;
    slices
        .into_iter()
        .map(|s| (wrap(&s.0, LEGEND, avail), s))
        .collect()
}

fn legend_row_height(lines: usize) -> f64 {
    lines.max(1) as f64 * LEGEND * LINE_H + 8.0
}

fn share_height(plot: &Plot) -> u32 {
    let legend: f64 = legend_rows(plot)
        .iter()
        .map(|(l, _)| legend_row_height(l.len()))
        .sum();
    (2.0 * R_OUT + 2.0 * PAD).max(legend + 2.0 * PAD).ceil() as u32
}

/// A donut of shares with a legend of labels and values; an unstated remainder is grey.
fn share(c: &mut Canvas, plot: &Plot) {
    let rows = legend_rows(plot);
    let (cx, cy) = (PAD + R_OUT, c.h / 2.0);
    let mut a0 = -std::f64::consts::FRAC_PI_2;
    for (_, (_, _, frac, col)) in &rows {
        let a1 = a0 + frac * std::f64::consts::TAU;
        let steps = ((a1 - a0).abs() / 0.03).ceil().max(1.0) as usize;
        let mut pts: Vec<(f64, f64)> = (0..=steps)
            .map(|k| {
                let a = a0 + (a1 - a0) * k as f64 / steps as f64;
                (cx + R_OUT * a.cos(), cy + R_OUT * a.sin())
            })
            .collect();
        pts.extend((0..=steps).rev().map(|k| {
            let a = a0 + (a1 - a0) * k as f64 / steps as f64;
            (cx + R_IN * a.cos(), cy + R_IN * a.sin())
        }));
        c.polygon(&pts, *col);
        // A thin gap between slices.
        c.line(
            &[
                (cx + R_IN * a0.cos(), cy + R_IN * a0.sin()),
                (cx + R_OUT * a0.cos(), cy + R_OUT * a0.sin()),
            ],
            colour::PAPER,
            2,
        );
        a0 = a1;
    }
    let total: f64 = rows.iter().map(|(l, _)| legend_row_height(l.len())).sum();
    let mut y = (c.h - total) / 2.0;
    let x = legend_x();
    for (lines, (_, value, _, col)) in &rows {
        c.rect(x, y + 3.0, x + 11.0, y + 14.0, *col, 1.0);
        for (k, line) in lines.iter().enumerate() {
            c.text(
                line,
                x + 18.0,
                y + k as f64 * LEGEND * LINE_H,
                LEGEND,
                Align::Start,
                colour::INK,
                false,
            );
        }
        c.text(value, c.w - PAD, y, LEGEND, Align::End, colour::INK, true);
        y += legend_row_height(lines.len());
    }
}
