//! The chart kinds: vertical bars (with an optional growth line on a second axis), lines,
//! horizontal ranking bars and shares (donut). Layout is computed with real text widths.

use super::canvas::{Align, Canvas, PlacedText, colour};
use super::metrics::{width, wrap};
use super::{Plot, Point, Slot};
use crate::data::ChartKind;
use crate::numbers::fixed;

const PAD: f64 = 12.0;
const TICK: f64 = 12.0;
const VALUE: f64 = 11.0;
const LEGEND: f64 = 12.0;
const LINE_H: f64 = 1.2;
const COLUMNS_HEIGHT: u32 = 300;

/// Draws `plot` as `kind` into `buf`; returns the placed texts and the canvas size.
pub fn draw(buf: &mut String, kind: ChartKind, plot: &Plot) -> (Vec<PlacedText>, (u32, u32)) {
    let w = super::WIDTH;
    let h = match kind {
        ChartKind::Hbar => hbar_height(plot),
        ChartKind::Share => share_height(plot),
        _ => COLUMNS_HEIGHT,
    };
    let mut c = Canvas::new(buf, w, h);
    match kind {
        ChartKind::Hbar => hbar(&mut c, plot),
        ChartKind::Share => share(&mut c, plot),
        _ => columns(&mut c, plot, kind),
    }
    (c.finish(), (w, h))
}

/// "Nice" ticks covering `min..=max`: steps of 1, 2, 2.5 or 5 × 10ⁿ, and the decimals the
/// step needs.
pub fn ticks(min: f64, max: f64, target: usize) -> (Vec<f64>, u32) {
    let span = (max - min).max(1e-9);
    let raw = span / target as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag);
    let mut decimals = 0;
    while decimals < 6
        && ((step * 10f64.powi(decimals as i32)).round() - step * 10f64.powi(decimals as i32)).abs()
            > 1e-6
    {
        decimals += 1;
    }
    let start = (min / step).floor() * step;
    let mut v = Vec::new();
    let mut k = 0.0;
    loop {
        let t = start + step * k;
        v.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        if t >= max - step * 1e-9 || v.len() > 50 {
            break;
        }
        k += 1.0;
    }
    (v, decimals)
}

/// Boxes already taken by labels, to keep labels from overlapping.
#[derive(Default)]
struct Taken(Vec<(f64, f64, f64, f64)>);

impl Taken {
    fn fits(&self, b: (f64, f64, f64, f64)) -> bool {
        self.0
            .iter()
            .all(|o| b.2 <= o.0 || b.0 >= o.2 || b.3 <= o.1 || b.1 >= o.3)
    }
    fn take(&mut self, b: (f64, f64, f64, f64)) {
        self.0.push(b);
    }
}

fn text_box(s: &str, x: f64, top: f64, size: f64, align: Align) -> (f64, f64, f64, f64) {
    let w = width(s, size, false);
    let l = match align {
        Align::Start => x,
        Align::Middle => x - w / 2.0,
        Align::End => x - w,
    };
    (l, top, l + w, top + size * LINE_H)
}

/// A bar in the conventions shared by every kind.
fn bar_shape(
    c: &mut Canvas,
    (x0, y0, x1, y1): (f64, f64, f64, f64),
    p: &Point,
    estimate: bool,
    col: plotters::style::RGBColor,
) {
    if estimate {
        c.rect(x0, y0, x1, y1, col, 0.35);
        c.outline(x0, y0, x1, y1, col, 1);
    } else {
        c.rect(x0, y0, x1, y1, col, 1.0);
    }
    if p.derived {
        c.hatch(x0, y0, x1, y1, colour::PAPER);
    }
}

fn legend_entry(c: &mut Canvas, x: f64, top: f64, text: &str, line: bool) -> f64 {
    let mid = top + LEGEND * LINE_H / 2.0;
    if line {
        c.line(&[(x, mid), (x + 16.0, mid)], colour::LINE, 2);
        c.dot(x + 8.0, mid, 3, colour::PAPER, colour::LINE);
    } else {
        c.rect(
            x + 2.0,
            mid - 5.0,
            x + 14.0,
            mid + 5.0,
            colour::SERIES[0],
            1.0,
        );
    }
    c.text(
        text,
        x + 21.0,
        top,
        LEGEND,
        Align::Start,
        colour::INK,
        false,
    );
    x + 21.0 + width(text, LEGEND, false) + 16.0
}

/// Vertical bars over years or categories, with an optional line (second axis for bar-line).
fn columns(c: &mut Canvas, plot: &Plot, kind: ChartKind) {
    let slots = &plot.slots;
    let n = slots.len().max(1) as f64;
    let line_only = kind == ChartKind::Line;
    let dual = kind == ChartKind::BarLine;
    let bar_pts: Vec<&Point> = slots.iter().filter_map(|s| s.bar.as_ref()).collect();
    let line_pts: Vec<&Point> = slots.iter().filter_map(|s| s.line.as_ref()).collect();

    let mut top = PAD;
    if dual {
        let x = legend_entry(c, PAD, top, &plot.bar_name, false);
        legend_entry(c, x, top, &plot.line_name, true);
        top += LEGEND * LINE_H + 8.0;
    }
    let (left_unit, primary) = if line_only {
        (&plot.line_unit, &line_pts)
    } else {
        (&plot.bar_unit, &bar_pts)
    };
    c.text(left_unit, PAD, top, TICK, Align::Start, colour::SOFT, false);
    if dual {
        c.text(
            &plot.line_unit,
            c.w - PAD,
            top,
            TICK,
            Align::End,
            colour::SOFT,
            false,
        );
    }
    top += TICK * LINE_H + 10.0;

    let pmin = primary.iter().map(|p| p.value).fold(0.0f64, f64::min);
    let pmax = primary
        .iter()
        .map(|p| p.value)
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let (pt, pdec) = ticks(pmin, pmax * 1.1, 5);
    let plabels: Vec<String> = pt.iter().map(|t| fixed(*t, pdec)).collect();
    let left = PAD
        + plabels
            .iter()
            .map(|l| width(l, TICK, false))
            .fold(0.0, f64::max)
        + 8.0;
    let secondary = if dual && !line_pts.is_empty() {
        let smin = line_pts.iter().map(|p| p.value).fold(0.0f64, f64::min);
        let smax = line_pts
            .iter()
            .map(|p| p.value)
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let (st, sdec) = ticks(smin, smax * 1.1, 5);
        let labels: Vec<String> = st.iter().map(|t| format!("{}%", fixed(*t, sdec))).collect();
        Some((st, labels))
    } else {
        None
    };
    let right = match &secondary {
        Some((_, labels)) => {
            c.w - PAD
                - labels
                    .iter()
                    .map(|l| width(l, TICK, false))
                    .fold(0.0, f64::max)
                - 8.0
        }
        None => c.w - PAD,
    };
    let bottom = c.h - PAD - TICK * LINE_H - 6.0;
    let (p0, p1) = (pt[0], *pt.last().unwrap_or(&1.0));
    let py = |v: f64| bottom - (v - p0) / (p1 - p0).max(1e-9) * (bottom - top);

    // Grid and axes.
    for (t, label) in pt.iter().zip(&plabels) {
        let y = py(*t);
        c.line(
            &[(left, y), (right, y)],
            if *t == 0.0 {
                colour::SOFT
            } else {
                colour::RULE
            },
            1,
        );
        c.text(
            label,
            left - 6.0,
            y - TICK * LINE_H / 2.0,
            TICK,
            Align::End,
            colour::SOFT,
            false,
        );
    }
    let sy = secondary.as_ref().map(|(st, labels)| {
        let (s0, s1) = (st[0], *st.last().unwrap_or(&1.0));
        for (t, label) in st.iter().zip(labels) {
            let y = bottom - (t - s0) / (s1 - s0).max(1e-9) * (bottom - top);
            c.text(
                label,
                right + 6.0,
                y - TICK * LINE_H / 2.0,
                TICK,
                Align::Start,
                colour::LINE,
                false,
            );
        }
        (s0, s1)
    });
    let line_y = |v: f64| match sy {
        Some((s0, s1)) => bottom - (v - s0) / (s1 - s0).max(1e-9) * (bottom - top),
        None => py(v),
    };

    let sw = (right - left) / n;
    let bw = (sw * 0.62).min(44.0);
    let cx = |i: usize| left + sw * (i as f64 + 0.5);
    // `taken`: bars and labels (bar labels avoid both); `labels`: labels and dots only (line
    // labels may sit over a bar on a backing of the paper colour).
    let mut taken = Taken::default();
    let mut labels = Taken::default();

    // Where the line's dots will be: bar labels keep clear of them.
    for (i, s) in slots.iter().enumerate() {
        if let Some(p) = &s.line {
            let (x, y) = (cx(i), line_y(p.value));
            taken.take((x - 6.0, y - 6.0, x + 6.0, y + 6.0));
        }
    }

    // Bars and their labels.
    if !line_only {
        for (i, s) in slots.iter().enumerate() {
            let Some(p) = &s.bar else { continue };
            let (x0, x1) = (cx(i) - bw / 2.0, cx(i) + bw / 2.0);
            let (yv, y0) = (py(p.value), py(0.0));
            bar_shape(c, (x0, yv, x1, y0), p, s.estimate, colour::SERIES[0]);
            taken.take((x0, yv.min(y0), x1, yv.max(y0)));
        }
        for (i, s) in slots.iter().enumerate() {
            let Some(p) = &s.bar else { continue };
            for lift in [0.0, VALUE * LINE_H, 2.0 * VALUE * LINE_H] {
                let top_label = py(p.value) - VALUE * LINE_H - 2.0 - lift;
                let b = text_box(&p.label, cx(i), top_label, VALUE, Align::Middle);
                if taken.fits(b) && b.0 >= 0.0 && b.2 <= c.w && b.1 >= top - 6.0 {
                    c.text(
                        &p.label,
                        cx(i),
                        top_label,
                        VALUE,
                        Align::Middle,
                        colour::SOFT,
                        false,
                    );
                    labels.take(b);
                    taken.take(b);
                    break;
                }
            }
        }
    }

    // The line: consecutive slots only, so a missing year stays a gap.
    let line_colour = if line_only {
        colour::SERIES[0]
    } else {
        colour::LINE
    };
    if !line_pts.is_empty() {
        for i in 1..slots.len() {
            if let (Some(a), Some(b)) = (&slots[i - 1].line, &slots[i].line) {
                c.line(
                    &[(cx(i - 1), line_y(a.value)), (cx(i), line_y(b.value))],
                    line_colour,
                    2,
                );
            }
        }
        for (i, s) in slots.iter().enumerate() {
            let Some(p) = &s.line else { continue };
            let (x, y) = (cx(i), line_y(p.value));
            let fill = if s.estimate || p.derived {
                colour::PAPER
            } else {
                line_colour
            };
            c.dot(x, y, 4, fill, line_colour);
            labels.take((x - 5.0, y - 5.0, x + 5.0, y + 5.0));
        }
        for (i, s) in slots.iter().enumerate() {
            let Some(p) = &s.line else { continue };
            let (x, y) = (cx(i), line_y(p.value));
            for top_label in [
                y - 7.0 - VALUE * LINE_H,
                y + 7.0,
                y - 7.0 - 2.0 * VALUE * LINE_H,
            ] {
                let b = text_box(&p.label, x, top_label, VALUE, Align::Middle);
                if labels.fits(b) && b.0 >= 0.0 && b.2 <= c.w && b.1 >= top - 4.0 && b.3 <= bottom {
                    c.rect(b.0 - 2.0, b.1, b.2 + 2.0, b.3, colour::PAPER, 0.85);
                    c.text(
                        &p.label,
                        x,
                        top_label,
                        VALUE,
                        Align::Middle,
                        line_colour,
                        false,
                    );
                    labels.take(b);
                    break;
                }
            }
        }
    }

    // Category labels. Every slot with data gets its label (the font shrinks to 10 px to make
    // room); empty slots are labelled where space is left.
    let has_data = |s: &Slot| s.bar.is_some() || s.line.is_some();
    let fits_at = |size: f64| {
        let data: Vec<usize> = (0..slots.len()).filter(|&i| has_data(&slots[i])).collect();
        data.windows(2).all(|w| {
            let a = width(&slots[w[0]].label, size, slots[w[0]].estimate);
            let b = width(&slots[w[1]].label, size, slots[w[1]].estimate);
            cx(w[1]) - cx(w[0]) >= (a + b) / 2.0 + 4.0
        })
    };
    let size = [TICK, 11.0, 10.0]
        .into_iter()
        .find(|s| fits_at(*s))
        .unwrap_or(10.0);
    let mut placed = Taken::default();
    let order = (0..slots.len())
        .filter(|&i| has_data(&slots[i]))
        .chain((0..slots.len()).filter(|&i| !has_data(&slots[i])));
    for i in order {
        let s = &slots[i];
        let w = width(&s.label, size, s.estimate);
        let b = (cx(i) - w / 2.0 - 2.0, 0.0, cx(i) + w / 2.0 + 2.0, 1.0);
        if placed.fits(b) || has_data(s) {
            c.text(
                &s.label,
                cx(i),
                bottom + 6.0,
                size,
                Align::Middle,
                colour::INK,
                s.estimate,
            );
            placed.take(b);
        }
    }
}

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
    let max_label = super::WIDTH as f64 * 0.34;
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
            format!("{}%", fixed(rest, 1)),
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
    let avail = super::WIDTH as f64 - PAD - legend_x() - 18.0 - value_w - 10.0;
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

#[cfg(test)]
mod tests {
    use super::ticks;

    #[test]
    fn nice_ticks() {
        assert_eq!(
            ticks(0.0, 2967.0, 5),
            (vec![0.0, 1000.0, 2000.0, 3000.0], 0)
        );
        assert_eq!(ticks(0.0, 9.5, 5), (vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0], 0));
        let (t, d) = ticks(0.0, 0.9, 4);
        assert_eq!(d, 2);
        assert_eq!(t.len(), 5);
        assert_eq!(ticks(-12.0, 30.0, 5).0.first(), Some(&-20.0));
        assert_eq!(
            ticks(0.0, 33000.0, 5).0,
            vec![0.0, 10000.0, 20000.0, 30000.0, 40000.0]
        );
    }
}
