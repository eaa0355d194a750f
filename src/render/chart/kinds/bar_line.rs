//! `bar-line`: bars of a level with its growth rate as a line on a second axis.

use super::columns::{self, HEIGHT, Style};
use super::{Draw, Kind};
use crate::render::chart::Plot;
use crate::render::chart::canvas::Canvas;

/// Bars with a growth line.
pub const BAR_LINE: Kind = Kind {
    name: "bar-line",
    needs: &["line", "bars", "x"],
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
            bars: true,
            second_axis: true,
        },
    );
}
