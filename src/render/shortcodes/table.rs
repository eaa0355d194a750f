//! `{{ table(id="ai-parks") }}`: a data table, numbered 표 N / Table N, with its unit line,
//! notes, source and a CSV download. Also the lookups every table-showing shortcode shares.

use super::{Definition, Expander, Numbered, close_div};
use crate::base::html::escape;
use crate::base::suggest::closest;
use crate::content::is_valid_id;
use crate::content::table::Table;
use crate::render::book::Caption;
use crate::render::data_files::{csv_path, svg_path};
use crate::render::markdown::shortcode::Shortcode;
use crate::render::markdown::{Problem, ShortcodeKind};
use crate::render::table_html::{self, Frame};

pub(super) const TABLE: Definition = Definition {
    name: "table",
    kind: ShortcodeKind::Block,
    numbered: Some(Numbered::Table),
    args: &["id"],
    expand,
    close: close_div,
};

fn expand(ex: &mut Expander, sc: &Shortcode, number: Option<usize>) -> Result<String, Problem> {
    let table = ex.show(sc)?;
    let n = number.unwrap_or_default();
    let t = ex.strings;
    let lang = ex.chapter.lang.as_str();
    ex.captions.push(Caption {
        id: format!("tbl:{}", table.id),
        label: t.get("table").into(),
        number: n,
        caption: table.title.text(lang).into(),
    });
    let after = ex.downloads(table, false);
    Ok(table_html::render(
        table,
        lang,
        t,
        Frame {
            kind: "tbl",
            label: (t.get("table"), n),
            before_table: String::new(),
            collapsible: None,
            after,
        },
    ))
}

impl<'a> Expander<'a> {
    /// The table a showing shortcode (`table`, `chart`) names, once per page; a translation
    /// that shows it must have its texts.
    pub(super) fn show(&mut self, sc: &Shortcode) -> Result<&'a Table, Problem> {
        let id = sc.str_arg("id").ok_or_else(|| {
            Problem::new(
                format!("shortcode `{}` has no `id`", sc.name),
                format!("`{}(id=\"<data file name>\")`", sc.name),
            )
        })?;
        let table = self.lookup(id)?;
        if self.used_tables.iter().any(|t| t == id) {
            return Err(Problem::new(
                format!("table `{id}` is shown twice on this page"),
                "each table once per chapter",
            ));
        }
        self.used_tables.push(id.to_string());
        if self.lang() != self.content.config.default_language() {
            self.extra.extend(table.missing_language(self.lang()));
        }
        Ok(table)
    }

    /// The table named `id`; an id that is a path (`../x`, `a/b`) is refused as such.
    pub(super) fn lookup(&self, id: &str) -> Result<&'a Table, Problem> {
        if !is_valid_id(id) {
            return Err(Problem::new(
                format!("`{id}` is not a table id"),
                "the name of a file in content/data/ without `.yaml`: lowercase ASCII letters, digits, `-` (no path)",
            ));
        }
        self.content.tables.get(id).ok_or_else(|| {
            Problem::new(
                format!("unknown table `{id}`"),
                format!(
                    "the name of a file in content/data/{}",
                    closest(id, self.content.tables.keys())
                ),
            )
        })
    }

    /// Download links under a table or chart: its CSV, and the chart's SVG.
    pub(super) fn downloads(&self, table: &Table, svg: bool) -> String {
        let t = self.strings;
        let mut links = vec![format!(
            "<a href=\"{}{}\" download>{}</a>",
            self.root,
            csv_path(
                &table.id,
                self.lang(),
                self.content.config.default_language()
            ),
            escape(t.get("download_csv"))
        )];
        if svg {
            links.push(format!(
                "<a href=\"{}{}\" download>{}</a>",
                self.root,
                svg_path(&table.id, self.lang()),
                escape(t.get("download_svg"))
            ));
        }
        format!(
            "<p class=\"downloads\" data-pagefind-ignore>{}</p>\n",
            links.join(" · ")
        )
    }
}
