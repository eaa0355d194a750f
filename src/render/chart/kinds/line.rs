//! `line`: one series as a line over years or categories.

use super::columns::{self, HEIGHT, Style};
use super::{Draw, Kind};
use crate::render::chart::Plot;
use crate::render::chart::canvas::Canvas;

/// A line.
pub const LINE: Kind = Kind {
    name: "line",
    needs: &["line", "x"],
    whole: false,
    draw: Some(Draw {
        height: |_| HEIGHT,
        paint,
    }),
};

fn paint(c: &mut Canvas, plot: &Plot) {
    columns::draw(
        c,
        plot,
        Style {
            bars: false,
            second_axis: false,
        },
    );
}
