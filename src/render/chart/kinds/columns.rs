//! The vertical layout the column kinds share (`bar`, `bar-line`, `line`): value axis (and for
//! `bar-line` a second one for the line), bars with their labels, a line through consecutive
//! slots only (a missing year stays a gap), and category labels under the slots.

use super::layout::{
    LEGEND, LINE_H, PAD, TICK, Taken, VALUE, bar_shape, legend_entry, text_box, ticks,
};
use crate::render::chart::canvas::{Align, Canvas, colour};
use crate::render::chart::metrics::width;
use crate::render::chart::{Plot, Point, Slot};

/// Height of every column chart.
pub const HEIGHT: u32 = 300;

/// What a column kind draws.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Bars (otherwise the line is the primary series).
    pub bars: bool,
    /// The line on a second axis, with a legend naming both series.
    pub second_axis: bool,
}

/// Where things go: the plot area, the value scales and the slots.
struct Frame {
    top: f64,
    bottom: f64,
    left: f64,
    /// The primary axis's first and last tick.
    primary: (f64, f64),
    /// The second axis's first and last tick.
    secondary: Option<(f64, f64)>,
    /// Width of one slot.
    slot: f64,
}

impl Frame {
    fn y_on(&self, (a, b): (f64, f64), v: f64) -> f64 {
        self.bottom - (v - a) / (b - a).max(1e-9) * (self.bottom - self.top)
    }
    fn py(&self, v: f64) -> f64 {
        self.y_on(self.primary, v)
    }
    fn line_y(&self, v: f64) -> f64 {
        match self.secondary {
            Some(s) => self.y_on(s, v),
            None => self.py(v),
        }
    }
    fn cx(&self, i: usize) -> f64 {
        self.left + self.slot * (i as f64 + 0.5)
    }
}

/// Draws `plot` in `style`.
pub fn draw(c: &mut Canvas, plot: &Plot, style: Style) {
    let frame = axes(c, plot, style);
    // `taken`: bars and labels (bar labels avoid both); `labels`: labels and dots only (line
    // labels may sit over a bar on a backing of the paper colour).
    let mut taken = Taken::default();
    let mut labels = Taken::default();
    // Where the line's dots will be: bar labels keep clear of them.
    for (i, s) in plot.slots.iter().enumerate() {
        if let Some(p) = &s.line {
            let (x, y) = (frame.cx(i), frame.line_y(p.value));
            taken.take((x - 6.0, y - 6.0, x + 6.0, y + 6.0));
        }
    }
    if style.bars {
        bars(c, plot, &frame, &mut taken, &mut labels);
    }
    line(c, plot, &frame, style, &mut labels);
    category_labels(c, plot, &frame);
}

/// The legend (two series), the unit lines, the grid and the tick labels.
fn axes(c: &mut Canvas, plot: &Plot, style: Style) -> Frame {
    let slots = &plot.slots;
    let bar_pts: Vec<&Point> = slots.iter().filter_map(|s| s.bar.as_ref()).collect();
    let line_pts: Vec<&Point> = slots.iter().filter_map(|s| s.line.as_ref()).collect();
    let mut top = PAD;
    if style.second_axis {
        let x = legend_entry(c, PAD, top, &plot.bar_name, false);
        legend_entry(c, x, top, &plot.line_name, true);
        top += LEGEND * LINE_H + 8.0;
    }
    let (left_unit, primary) = if style.bars {
        (&plot.bar_unit, &bar_pts)
    } else {
        (&plot.line_unit, &line_pts)
    };
    c.text(left_unit, PAD, top, TICK, Align::Start, colour::SOFT, false);
    if style.second_axis {
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

    let (pt, pdec) = scale_of(primary);
    let plabels: Vec<String> = pt.iter().map(|t| plot.fmt.number_f64(*t, pdec)).collect();
    let left = PAD + widest(&plabels) + 8.0;
    let secondary = (style.second_axis && !line_pts.is_empty()).then(|| {
        let (st, sdec) = scale_of(&line_pts);
        let labels: Vec<String> = st.iter().map(|t| plot.fmt.percent_f64(*t, sdec)).collect();
        (st, labels)
    });
    let right = match &secondary {
        Some((_, labels)) => c.w - PAD - widest(labels) - 8.0,
        None => c.w - PAD,
    };
    let bottom = c.h - PAD - TICK * LINE_H - 6.0;
    let ends = |t: &[f64]| (t[0], *t.last().unwrap_or(&1.0));
    let frame = Frame {
        top,
        bottom,
        left,
        primary: ends(&pt),
        secondary: secondary.as_ref().map(|(st, _)| ends(st)),
        slot: (right - left) / slots.len().max(1) as f64,
    };
    for (t, label) in pt.iter().zip(&plabels) {
        let y = frame.py(*t);
        let rule = if *t == 0.0 {
            colour::SOFT
        } else {
            colour::RULE
        };
        c.line(&[(left, y), (right, y)], rule, 1);
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
    if let (Some((st, labels)), Some(s)) = (&secondary, frame.secondary) {
        for (t, label) in st.iter().zip(labels) {
            let y = frame.y_on(s, *t);
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
    }
    frame
}

/// Ticks from 0 (or the lowest value) to a tenth above the highest value.
fn scale_of(points: &[&Point]) -> (Vec<f64>, u32) {
    let min = points.iter().map(|p| p.value).fold(0.0f64, f64::min);
    let max = points
        .iter()
        .map(|p| p.value)
        .fold(0.0f64, f64::max)
        .max(1e-9);
    ticks(min, max * 1.1, 5)
}

fn widest(labels: &[String]) -> f64 {
    labels
        .iter()
        .map(|l| width(l, TICK, false))
        .fold(0.0, f64::max)
}

/// The bars, then their value labels where they fit above them.
fn bars(c: &mut Canvas, plot: &Plot, f: &Frame, taken: &mut Taken, labels: &mut Taken) {
    let bw = (f.slot * 0.62).min(44.0);
    for (i, s) in plot.slots.iter().enumerate() {
        let Some(p) = &s.bar else { continue };
        let (x0, x1) = (f.cx(i) - bw / 2.0, f.cx(i) + bw / 2.0);
        let (yv, y0) = (f.py(p.value), f.py(0.0));
        bar_shape(c, (x0, yv, x1, y0), p, s.estimate, colour::SERIES[0]);
        taken.take((x0, yv.min(y0), x1, yv.max(y0)));
    }
    for (i, s) in plot.slots.iter().enumerate() {
        let Some(p) = &s.bar else { continue };
        for lift in [0.0, VALUE * LINE_H, 2.0 * VALUE * LINE_H] {
            let top_label = f.py(p.value) - VALUE * LINE_H - 2.0 - lift;
            let b = text_box(&p.label, f.cx(i), top_label, VALUE, Align::Middle);
            if taken.fits(b) && b.0 >= 0.0 && b.2 <= c.w && b.1 >= f.top - 6.0 {
                c.text(
                    &p.label,
                    f.cx(i),
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

/// The line through consecutive slots, its dots (hollow for estimates and derived values) and
/// its value labels.
fn line(c: &mut Canvas, plot: &Plot, f: &Frame, style: Style, labels: &mut Taken) {
    let slots = &plot.slots;
    if !slots.iter().any(|s| s.line.is_some()) {
        return;
    }
    let line_colour = if style.bars {
        colour::LINE
    } else {
        colour::SERIES[0]
    };
    for i in 1..slots.len() {
        if let (Some(a), Some(b)) = (&slots[i - 1].line, &slots[i].line) {
            c.line(
                &[
                    (f.cx(i - 1), f.line_y(a.value)),
                    (f.cx(i), f.line_y(b.value)),
                ],
                line_colour,
                2,
            );
        }
    }
    for (i, s) in slots.iter().enumerate() {
        let Some(p) = &s.line else { continue };
        let (x, y) = (f.cx(i), f.line_y(p.value));
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
        let (x, y) = (f.cx(i), f.line_y(p.value));
        for top_label in [
            y - 7.0 - VALUE * LINE_H,
            y + 7.0,
            y - 7.0 - 2.0 * VALUE * LINE_H,
        ] {
            let b = text_box(&p.label, x, top_label, VALUE, Align::Middle);
            if labels.fits(b) && b.0 >= 0.0 && b.2 <= c.w && b.1 >= f.top - 4.0 && b.3 <= f.bottom {
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

/// Category labels. Every slot with data gets its label (the font shrinks to 10 px to make
/// room); empty slots are labelled where space is left.
fn category_labels(c: &mut Canvas, plot: &Plot, f: &Frame) {
    let slots = &plot.slots;
    let has_data = |s: &Slot| s.bar.is_some() || s.line.is_some();
    let fits_at = |size: f64| {
        let data: Vec<usize> = (0..slots.len()).filter(|&i| has_data(&slots[i])).collect();
        data.windows(2).all(|w| {
            let a = width(&slots[w[0]].label, size, slots[w[0]].estimate);
            let b = width(&slots[w[1]].label, size, slots[w[1]].estimate);
            f.cx(w[1]) - f.cx(w[0]) >= (a + b) / 2.0 + 4.0
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
        let b = (f.cx(i) - w / 2.0 - 2.0, 0.0, f.cx(i) + w / 2.0 + 2.0, 1.0);
        if placed.fits(b) || has_data(s) {
            c.text(
                &s.label,
                f.cx(i),
                f.bottom + 6.0,
                size,
                Align::Middle,
                colour::INK,
                s.estimate,
            );
            placed.take(b);
        }
    }
}
