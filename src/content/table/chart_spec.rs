//! A table's `chart:`: which columns it draws and over which years. What each kind needs is
//! `render::chart`'s business (it checks the kind and its columns once the site is loaded);
//! here, that the columns named exist and have the right types.

use super::load::Loader;
use super::{Column, ColumnKind};
use crate::base::localized::Localized;
use serde::Deserialize;

/// How a table is drawn.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// The kind of chart: the name of one of `render::chart`'s kinds (`bar-line`), checked
    /// there.
    pub kind: String,
    /// Category / year column.
    #[serde(default)]
    pub x: Option<String>,
    /// Value column drawn as bars (or slices).
    #[serde(default)]
    pub bars: Option<String>,
    /// Column drawn as a line (second axis for bar-line).
    #[serde(default)]
    pub line: Option<String>,
    /// Full year range of the caption; years without data are gaps.
    #[serde(default)]
    pub years: Option<[i32; 2]>,
    /// Why a `none` chart cannot be drawn.
    #[serde(default)]
    pub reason: Option<Localized<String>>,
}

impl Loader<'_> {
    pub(super) fn chart(&mut self, spec: &ChartSpec, columns: &[Column]) {
        let find = |id: &Option<String>| {
            id.as_ref()
                .map(|id| (id.clone(), columns.iter().find(|c| &c.id == id)))
        };
        let check = |this: &mut Self, field: &str, want_number: bool| {
            let id = match field {
                "x" => &spec.x,
                "bars" => &spec.bars,
                _ => &spec.line,
            };
            match find(id) {
                None => {}
                Some((id, None)) => {
                    let ids: Vec<String> = columns.iter().map(|c| format!("`{}`", c.id)).collect();
                    this.err(
                        &format!("chart.{field}"),
                        format!("chart names the missing column `{id}`"),
                        format!("one of {}", ids.join(", ")),
                    );
                }
                Some((id, Some(c))) => {
                    let numeric = matches!(c.kind, ColumnKind::Number(_));
                    if numeric != want_number {
                        let what = if want_number {
                            "a number column"
                        } else {
                            "a year, text or name column"
                        };
                        this.err(
                            &format!("chart.{field}"),
                            format!("chart.{field} `{id}` is not {what}"),
                            what,
                        );
                    }
                }
            }
        };
        check(self, "x", false);
        check(self, "bars", true);
        check(self, "line", true);
        if let Some(r) = &spec.reason {
            self.check_localized(r, "chart.reason");
        }
        if let Some([a, b]) = spec.years {
            if a > b {
                self.err(
                    "chart.years",
                    format!("year range {a}–{b} runs backwards"),
                    "[first, last]",
                );
            } else if !(1000..=9999).contains(&a) || !(1000..=9999).contains(&b) {
                // Charts draw one slot per year of the range: an unbounded range is an
                // unbounded allocation.
                self.err(
                    "chart.years",
                    format!("year range {a}–{b} is not two four-digit years"),
                    "[first, last] with years such as 2022",
                );
            }
            let x_is_year = find(&spec.x)
                .and_then(|(_, c)| c)
                .map(|c| c.kind == ColumnKind::Year);
            if x_is_year != Some(true) {
                self.err(
                    "chart.years",
                    "`years` needs a year column as `x`",
                    "`x: <year column>`",
                );
            }
        }
    }
}
