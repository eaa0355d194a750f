//! What every chart kind shares: sizes of text and margins, "nice" axis ticks, boxes that keep
//! labels from overlapping, and the conventions of a bar (estimates outlined, derived values
//! hatched) and of a legend entry.

use crate::render::chart::Point;
use crate::render::chart::canvas::{Align, Canvas, colour};
use crate::render::chart::metrics::width;

/// Margin around the plot.
pub const PAD: f64 = 12.0;
/// Axis and category labels.
pub const TICK: f64 = 12.0;
/// Value labels.
pub const VALUE: f64 = 11.0;
/// Legend text.
pub const LEGEND: f64 = 12.0;
/// Line height, in font sizes.
pub const LINE_H: f64 = 1.2;

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
pub struct Taken(Vec<(f64, f64, f64, f64)>);

impl Taken {
    /// Whether box `b` (left, top, right, bottom) overlaps none taken.
    pub fn fits(&self, b: (f64, f64, f64, f64)) -> bool {
        self.0
            .iter()
            .all(|o| b.2 <= o.0 || b.0 >= o.2 || b.3 <= o.1 || b.1 >= o.3)
    }
    /// Takes box `b`.
    pub fn take(&mut self, b: (f64, f64, f64, f64)) {
        self.0.push(b);
    }
}

/// The box a text takes at `x` (by `align`) from `top`.
pub fn text_box(s: &str, x: f64, top: f64, size: f64, align: Align) -> (f64, f64, f64, f64) {
    let w = width(s, size, false);
    let l = match align {
        Align::Start => x,
        Align::Middle => x - w / 2.0,
        Align::End => x - w,
    };
    (l, top, l + w, top + size * LINE_H)
}

/// A bar in the conventions shared by every kind.
pub fn bar_shape(
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

/// One legend entry (a bar swatch or a line with its dot) and its text; the x after it.
pub fn legend_entry(c: &mut Canvas, x: f64, top: f64, text: &str, line: bool) -> f64 {
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
