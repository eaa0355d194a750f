//! The chart kinds, as a registry: one file per kind, each declaring its [`Kind`] — the name a
//! table's `chart: { kind: … }` uses, the fields it needs, how it is drawn. The column kinds
//! share their layout ([`columns`]); every kind shares the conventions of [`layout`].

mod bar;
mod bar_line;
pub mod columns;
mod hbar;
pub mod layout;
mod line;
mod share;

use crate::render::chart::Plot;
use crate::render::chart::canvas::Canvas;

/// How a kind is drawn.
pub struct Draw {
    /// The canvas height it needs for a plot (the width is [`super::WIDTH`]).
    pub height: fn(&Plot) -> u32,
    /// Draws the plot.
    pub paint: fn(&mut Canvas, &Plot),
}

/// A chart kind.
pub struct Kind {
    /// Its name in a table's `chart:` (`bar-line`).
    pub name: &'static str,
    /// The `chart:` fields it needs, in the order a missing one is reported.
    pub needs: &'static [&'static str],
    /// Its bars are shares of a whole: they should add up to 100 %, and an unstated remainder
    /// is drawn and described.
    pub whole: bool,
    /// How it is drawn; `None` for a table that cannot be drawn (its `reason` says why).
    pub draw: Option<Draw>,
}

/// A table that cannot be drawn as a chart.
pub const NONE: Kind = Kind {
    name: "none",
    needs: &["reason"],
    whole: false,
    draw: None,
};

/// Every kind, in the order messages list them.
pub const REGISTRY: &[&Kind] = &[
    &bar::BAR,
    &bar_line::BAR_LINE,
    &line::LINE,
    &hbar::HBAR,
    &share::SHARE,
    &NONE,
];

/// The kind named `name`.
pub fn find(name: &str) -> Option<&'static Kind> {
    REGISTRY.iter().copied().find(|k| k.name == name)
}

/// The names of every kind, quoted for a message.
pub fn names() -> String {
    let names: Vec<&str> = REGISTRY.iter().map(|k| k.name).collect();
    crate::base::suggest::quoted(&names)
}
