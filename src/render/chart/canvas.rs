//! A thin drawing surface over plotters' SVG backend, in pixels, that remembers every text it
//! places so tests can check that no label leaves the canvas.

use super::metrics;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_svg::SVGBackend;

/// Colours. Text, rules and paper use fixed sentinel values that the page's CSS (and the
/// standalone SVG's own style) recolour in dark mode; series use the Okabe–Ito palette, which
/// colour-blind readers can tell apart.
pub mod colour {
    use plotters::style::RGBColor;
    /// Text.
    pub const INK: RGBColor = RGBColor(0x1C, 0x23, 0x30);
    /// Secondary text (ticks, value labels).
    pub const SOFT: RGBColor = RGBColor(0x4A, 0x54, 0x66);
    /// Grid lines.
    pub const RULE: RGBColor = RGBColor(0xD9, 0xDD, 0xE4);
    /// Background (hatching, separators).
    pub const PAPER: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
    /// Series colours, in order.
    pub const SERIES: [RGBColor; 7] = [
        RGBColor(0x00, 0x72, 0xB2), // blue
        RGBColor(0xE6, 0x9F, 0x00), // orange
        RGBColor(0x00, 0x9E, 0x73), // bluish green
        RGBColor(0xCC, 0x79, 0xA7), // reddish purple
        RGBColor(0x56, 0xB4, 0xE9), // sky blue
        RGBColor(0xD5, 0x5E, 0x00), // vermillion
        RGBColor(0x99, 0x99, 0x99), // grey
    ];
    /// The growth-rate line.
    pub const LINE: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    /// "Not stated" remainder of a share chart.
    pub const MISSING: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);
}

/// Horizontal alignment of a text at its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text starts at x.
    Start,
    /// Text is centred on x.
    Middle,
    /// Text ends at x.
    End,
}

/// A text as placed, for layout checks.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedText {
    /// The string.
    pub text: String,
    /// Anchor x.
    pub x: f64,
    /// Top of the text box.
    pub top: f64,
    /// CSS font size in px.
    pub size: f64,
    /// Alignment at x.
    pub align: Align,
    /// Bold.
    pub bold: bool,
}

impl PlacedText {
    /// Left and right edges, measured with the bundled metrics.
    pub fn span(&self) -> (f64, f64) {
        let w = metrics::width(&self.text, self.size, self.bold);
        match self.align {
            Align::Start => (self.x, self.x + w),
            Align::Middle => (self.x - w / 2.0, self.x + w / 2.0),
            Align::End => (self.x - w, self.x),
        }
    }

    /// Top and bottom edges (one line box of 1.2 em).
    pub fn vertical(&self) -> (f64, f64) {
        (self.top, self.top + self.size * 1.2)
    }
}

/// The drawing surface.
pub struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, plotters::coord::Shift>,
    /// Width in px.
    pub w: f64,
    /// Height in px.
    pub h: f64,
    /// Every text drawn, in order.
    pub texts: Vec<PlacedText>,
}

fn p(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

impl<'a> Canvas<'a> {
    /// A canvas writing SVG into `buf`.
    pub fn new(buf: &'a mut String, w: u32, h: u32) -> Self {
        metrics::register();
        let area = SVGBackend::with_string(buf, (w, h)).into_drawing_area();
        Canvas {
            area,
            w: w as f64,
            h: h as f64,
            texts: Vec::new(),
        }
    }

    /// A filled rectangle; `opacity` below 1 lets the background through.
    pub fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, c: RGBColor, opacity: f64) {
        let style = c.mix(opacity).filled();
        let _ = self.area.draw(&Rectangle::new(
            [p(x0.min(x1), y0.min(y1)), p(x0.max(x1), y0.max(y1))],
            style,
        ));
    }

    /// A rectangle outline.
    pub fn outline(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, c: RGBColor, width: u32) {
        let style = ShapeStyle::from(c).stroke_width(width);
        let _ = self.area.draw(&Rectangle::new(
            [p(x0.min(x1), y0.min(y1)), p(x0.max(x1), y0.max(y1))],
            style,
        ));
    }

    /// A polyline.
    pub fn line(&mut self, points: &[(f64, f64)], c: RGBColor, width: u32) {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| p(x, y)).collect();
        let _ = self.area.draw(&PathElement::new(
            pts,
            ShapeStyle::from(c).stroke_width(width),
        ));
    }

    /// A filled circle with an outline.
    pub fn dot(&mut self, x: f64, y: f64, r: u32, fill: RGBColor, stroke: RGBColor) {
        let _ = self.area.draw(&Circle::new(p(x, y), r, fill.filled()));
        let _ = self.area.draw(&Circle::new(
            p(x, y),
            r,
            ShapeStyle::from(stroke).stroke_width(2),
        ));
    }

    /// A filled polygon.
    pub fn polygon(&mut self, points: &[(f64, f64)], c: RGBColor) {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| p(x, y)).collect();
        let _ = self.area.draw(&Polygon::new(pts, c.filled()));
    }

    /// Diagonal hatching inside a rectangle (marks derived values).
    pub fn hatch(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, c: RGBColor) {
        let (l, r, t, b) = (x0.min(x1), x0.max(x1), y0.min(y1), y0.max(y1));
        let step = 6.0;
        let mut k = l - (b - t);
        while k < r {
            // The line x = k + (b - y), clipped to the rectangle.
            let (mut xa, mut ya) = (k, b);
            let (mut xb, mut yb) = (k + (b - t), t);
            if xa < l {
                ya -= l - xa;
                xa = l;
            }
            if xb > r {
                yb += xb - r;
                xb = r;
            }
            if ya > yb && xb > xa {
                self.line(&[(xa, ya), (xb, yb)], c, 1);
            }
            k += step;
        }
    }

    /// A line of text whose box starts at `top`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        s: &str,
        x: f64,
        top: f64,
        size: f64,
        align: Align,
        c: RGBColor,
        bold: bool,
    ) {
        if s.is_empty() {
            return;
        }
        let h = match align {
            Align::Start => HPos::Left,
            Align::Middle => HPos::Center,
            Align::End => HPos::Right,
        };
        let font = FontDesc::new(
            FontFamily::Name(metrics::FAMILY),
            size * 1.24, // plotters writes font-size = size / 1.24
            if bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            },
        );
        let style = TextStyle::from(font).color(&c).pos(Pos::new(h, VPos::Top));
        // plotters places a top-anchored text with dy=0.76em; centre the 1.2em line box.
        let _ = self
            .area
            .draw(&Text::new(s.to_string(), p(x, top + size * 0.1), style));
        self.texts.push(PlacedText {
            text: s.to_string(),
            x,
            top,
            size,
            align,
            bold,
        });
    }

    /// Flushes the drawing into the buffer.
    pub fn finish(self) -> Vec<PlacedText> {
        let _ = self.area.present();
        self.texts
    }
}
