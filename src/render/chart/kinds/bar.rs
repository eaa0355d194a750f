//! `bar`: vertical bars over years or categories.

use super::columns::{self, HEIGHT, Style};
use super::{Draw, Kind};
use crate::render::chart::Plot;
use crate::render::chart::canvas::Canvas;

/// Vertical bars.
pub const BAR: Kind = Kind {
    name: "bar",
    needs: &["bars", "x"],
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
            second_axis: false,
        },
    );
}
