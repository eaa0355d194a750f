//! What folio's shortcodes expand to on a chapter page, and how chapter links resolve.
//!
//! | shortcode | form | result |
//! |---|---|---|
//! | `{{ table(id="…") }}` | block | the data table ([`crate::tablehtml`]), numbered 표 N |
//! | `{{ chart(id="…") }}` | block | the chart figure with its data, numbered 그림 N |
//! | `{{ value(id, row, col, convert) }}` | inline | one figure in words, optionally converted |
//! | `{% figure(caption, source) %}…{% end %}` | paired | a lost figure: caption, note, source |
//! | `{% box(kind, title) %}…{% end %}` | paired | 일러두기 / case-study / interview box |

use crate::chart;
use crate::content::{Chapter, Content, parse_chapter_name};
use crate::data::{Cell, Table};
use crate::diag::Diagnostic;
use crate::i18n::Strings;
use crate::markdown::{self, Context, Link, LinkTarget, Problem, ShortcodeKind, escape};
use crate::numbers::{Currency, Formatter, Unit};
use crate::shortcode::Shortcode;
use crate::tablehtml::{self, Frame};

/// Figure and table numbers a chapter starts from (numbering runs through the whole report).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Numbering {
    /// Next figure number.
    pub figure: usize,
    /// Next table number.
    pub table: usize,
}

impl Numbering {
    /// Numbers for each chapter of `chapters` (one language, in order), starting at 1.
    pub fn plan<'a>(chapters: impl Iterator<Item = &'a Chapter>) -> Vec<Numbering> {
        use rayon::prelude::*;
        let chapters: Vec<&Chapter> = chapters.collect();
        // Count each chapter's figures and tables in parallel, then number through them in order.
        let counts: Vec<(usize, usize)> = chapters
            .par_iter()
            .map(|c| {
                let (found, _) = crate::shortcode::scan(c.body());
                let figures = found
                    .iter()
                    .filter(|sc| matches!(sc.name.as_str(), "chart" | "figure"))
                    .count();
                let tables = found.iter().filter(|sc| sc.name == "table").count();
                (figures, tables)
            })
            .collect();
        let mut next = Numbering {
            figure: 1,
            table: 1,
        };
        counts
            .into_iter()
            .map(|(figures, tables)| {
                let start = next;
                next.figure += figures;
                next.table += tables;
                start
            })
            .collect()
    }
}

/// The expansion context of one chapter page.
pub struct Expander<'a> {
    content: &'a Content,
    chapter: &'a Chapter,
    strings: &'a Strings,
    /// Path prefix from this page to the site root (`../../`).
    root: String,
    next: Numbering,
    /// Tables shown on this page (for the unused-table warning).
    pub used_tables: Vec<String>,
    /// Problems found outside the chapter file (e.g. a table lacking this language).
    pub extra: Vec<Diagnostic>,
    /// Figures and tables on the page: (id, label, number, caption), for the page contents.
    pub captions: Vec<(String, String, usize, String)>,
    /// Charts drawn on the page: (table id, SVG), also written as files of their own.
    pub charts: Vec<(String, String)>,
    /// Time spent drawing them.
    pub chart_time: std::time::Duration,
}

impl<'a> Expander<'a> {
    /// A context for `chapter`, numbering from `start`.
    pub fn new(content: &'a Content, chapter: &'a Chapter, root: &str, start: Numbering) -> Self {
        Expander {
            content,
            chapter,
            strings: &content.strings[&chapter.lang],
            root: root.to_string(),
            next: start,
            used_tables: Vec::new(),
            extra: Vec::new(),
            captions: Vec::new(),
            charts: Vec::new(),
            chart_time: std::time::Duration::ZERO,
        }
    }

    fn lang(&self) -> &str {
        &self.chapter.lang
    }

    /// Download links under a table or chart: its CSV, and the chart's SVG.
    fn downloads(&self, table: &Table, svg: bool) -> String {
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

    fn table(&mut self, sc: &Shortcode) -> Result<&'a Table, Problem> {
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

    fn value(&mut self, sc: &Shortcode) -> Result<String, Problem> {
        let table = self.table_for_value(sc)?;
        let row_key = sc
            .text_arg("row")
            .ok_or_else(|| Problem::new("`value` has no `row`", "`row=\"<row key or year>\"`"))?;
        let row = table.row(&row_key).ok_or_else(|| {
            Problem::new(
                format!("table `{}` has no row `{row_key}`", table.id),
                format!(
                    "one of {}",
                    table
                        .row_keys()
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        let number_columns: Vec<&str> = table
            .columns
            .iter()
            .filter(|c| matches!(c.kind, crate::data::ColumnKind::Number(_)))
            .map(|c| c.id.as_str())
            .collect();
        let col_id = match sc.str_arg("col") {
            Some(c) => c.to_string(),
            None if number_columns.len() == 1 => number_columns[0].to_string(),
            None => {
                return Err(Problem::new(
                    "`value` has no `col`",
                    format!("`col=` one of {}", quoted(&number_columns)),
                ));
            }
        };
        let (ci, col) = table.column(&col_id).ok_or_else(|| {
            Problem::new(
                format!("table `{}` has no column `{col_id}`", table.id),
                format!("one of {}", quoted(&number_columns)),
            )
        })?;
        let Cell::Number(cell) = &row.cells[ci] else {
            return Err(Problem::new(
                format!(
                    "row `{row_key}`, column `{col_id}` of table `{}` holds no number",
                    table.id
                ),
                "a row and column the report gives a figure for",
            ));
        };
        let unit = table.unit_of(col, cell).cloned().unwrap_or(Unit::Plain);
        let fmt = Formatter::new(self.lang());
        let mut text = fmt.prose(cell.quantity, &unit);
        if let Some(to) = sc.str_arg("convert") {
            let to = match to {
                "USD" => Currency::USD,
                "CNY" => Currency::CNY,
                "KRW" => Currency::KRW,
                other => {
                    return Err(Problem::new(
                        format!("unknown currency `{other}`"),
                        "`USD`, `CNY` or `KRW`",
                    ));
                }
            };
            let Unit::Money { currency, scale } = unit else {
                return Err(Problem::new(
                    format!("column `{col_id}` is not money and cannot be converted"),
                    "a money column",
                ));
            };
            let rates = self.content.config.rates();
            let amount = rates
                .convert(cell.quantity.value * scale, currency, to)
                .ok_or_else(|| {
                    Problem::new(
                        format!("no exchange rate for {} or {}", currency.code(), to.code()),
                        "a rate in site.yaml `exchange_rates.krw_per`",
                    )
                })?;
            let converted = fmt.converted(amount, to);
            text = if self.lang() == "ko" {
                format!("{text}({converted})")
            } else {
                format!("{text} ({converted})")
            };
        }
        Ok(format!(
            "<span class=\"figure-value\">{}</span>",
            escape(&text)
        ))
    }

    fn table_for_value(&mut self, sc: &Shortcode) -> Result<&'a Table, Problem> {
        let id = sc.str_arg("id").ok_or_else(|| {
            Problem::new(
                "`value` has no `id`",
                "`value(id=\"<data file name>\", row=…, col=…)`",
            )
        })?;
        self.lookup(id)
    }

    /// The table named `id`; an id that is a path (`../x`, `a/b`) is refused as such.
    fn lookup(&self, id: &str) -> Result<&'a Table, Problem> {
        if !crate::data::is_valid_id(id) {
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
}

fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// ` (did you mean `x`?)` for the nearest candidate by edit distance, or nothing.
fn closest<'b>(wanted: &str, candidates: impl Iterator<Item = &'b String>) -> String {
    candidates
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, c)| *d <= c.len().max(wanted.len()) / 3 + 1)
        .min()
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

impl Context for Expander<'_> {
    fn kind(&self, name: &str) -> Option<ShortcodeKind> {
        match name {
            "table" | "chart" => Some(ShortcodeKind::Block),
            "figure" | "box" => Some(ShortcodeKind::Paired),
            "value" => Some(ShortcodeKind::Inline),
            _ => None,
        }
    }

    fn block(&mut self, sc: &Shortcode) -> Result<String, Problem> {
        let lang = self.chapter.lang.clone();
        let t = self.strings;
        match sc.name.as_str() {
            "table" => {
                let table = self.table(sc)?;
                let n = self.next.table;
                self.next.table += 1;
                self.captions.push((
                    format!("tbl:{}", table.id),
                    t.get("table").into(),
                    n,
                    table.title.text(&lang).into(),
                ));
                let after = self.downloads(table, false);
                Ok(tablehtml::render(
                    table,
                    &lang,
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
            "chart" => {
                let table = self.table(sc)?;
                let Some(spec) = &table.chart else {
                    return Err(Problem::new(
                        format!("table `{}` has no `chart:` block", table.id),
                        format!(
                            "`{{{{ table(id=\"{}\") }}}}`, or a `chart:` block in its YAML",
                            table.id
                        ),
                    ));
                };
                let n = self.next.figure;
                self.next.figure += 1;
                self.captions.push((
                    format!("fig:{}", table.id),
                    t.get("figure").into(),
                    n,
                    table.title.text(&lang).into(),
                ));
                let started = std::time::Instant::now();
                let drawn = chart::render(table, &lang, t, &format!("fig:{}", table.id));
                self.chart_time += started.elapsed();
                let (before, collapsible) = match (&drawn, &spec.reason) {
                    (Some(r), _) => (
                        format!(
                            "<div class=\"chart-canvas\" data-pagefind-ignore>\n{}</div>\n",
                            r.svg
                        ),
                        Some(t.get("data_table").to_string()),
                    ),
                    (None, reason) => (
                        format!(
                            "<p class=\"chart-unavailable\"><strong>{}</strong> {}</p>\n",
                            escape(t.get("chart_unavailable")),
                            escape(reason.as_ref().map(|r| r.text(&lang)).unwrap_or(""))
                        ),
                        None,
                    ),
                };
                let has_svg = drawn.is_some();
                if let Some(r) = drawn {
                    self.charts.push((table.id.clone(), r.svg));
                }
                let after = self.downloads(table, has_svg);
                Ok(tablehtml::render(
                    table,
                    &lang,
                    t,
                    Frame {
                        kind: "fig",
                        label: (t.get("figure"), n),
                        before_table: before,
                        collapsible,
                        after,
                    },
                ))
            }
            "figure" => {
                let caption = sc
                    .str_arg("caption")
                    .filter(|c| !c.trim().is_empty())
                    .ok_or_else(|| {
                        Problem::new(
                            "`figure` has no `caption`",
                            "`{% figure(caption=\"…\", source=\"…\") %}`",
                        )
                    })?;
                if let Some((k, _)) = sc
                    .args
                    .iter()
                    .find(|(k, _)| k != "caption" && k != "source")
                {
                    return Err(Problem::new(
                        format!("unknown argument `{k}` of `figure`"),
                        "`caption` and `source`",
                    ));
                }
                let n = self.next.figure;
                self.next.figure += 1;
                let id = format!("fig:lost-{n}");
                self.captions
                    .push((id.clone(), t.get("figure").into(), n, caption.to_string()));
                Ok(format!(
                    "<figure class=\"lost-figure\" id=\"{id}\">\n<figcaption><span class=\"caption-label\">{} {n}</span> {}</figcaption>\n<p class=\"lost-note\">{}</p>\n<div class=\"data-notes\">\n",
                    escape(t.get("figure")),
                    escape(caption),
                    escape(t.get("lost_figure")),
                ))
            }
            "box" => {
                let kind = sc.str_arg("kind").unwrap_or("note");
                let default_title = match kind {
                    "note" => t.get("note_box"),
                    "case" => t.get("case_box"),
                    "interview" => t.get("interview_box"),
                    other => {
                        return Err(Problem::new(
                            format!("unknown box kind `{other}`"),
                            "`note`, `case` or `interview`",
                        ));
                    }
                };
                if let Some((k, _)) = sc.args.iter().find(|(k, _)| k != "kind" && k != "title") {
                    return Err(Problem::new(
                        format!("unknown argument `{k}` of `box`"),
                        "`kind` and `title`",
                    ));
                }
                let title = sc.str_arg("title");
                let label = title.unwrap_or(default_title);
                let heading = title
                    .map(|t| {
                        // A case study is a section of its own (the report prints its title as a
                        // heading above the ○ sub-heads); other boxes are labelled notes.
                        let tag = if kind == "case" { "h2" } else { "p" };
                        format!("<{tag} class=\"box-title\">{}</{tag}>\n", escape(t))
                    })
                    .unwrap_or_default();
                // Notes and interviews are `role="note"`; a case study is introduced by its own
                // heading. Neither is a landmark, so several per page never clash.
                Ok(if kind == "case" {
                    format!("<div class=\"box box-case\">\n{heading}")
                } else {
                    format!(
                        "<div class=\"box box-{kind}\" role=\"note\" aria-label=\"{}\">\n{heading}",
                        escape(label)
                    )
                })
            }
            other => Err(Problem::new(
                format!("unknown shortcode `{other}`"),
                "`table` or `chart`",
            )),
        }
    }

    fn close(&mut self, open: &Shortcode) -> String {
        match open.name.as_str() {
            "figure" => {
                let source = open
                    .str_arg("source")
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| {
                        format!(
                            "<p class=\"source\">{}: {}</p>\n",
                            escape(self.strings.get("source")),
                            escape(s)
                        )
                    })
                    .unwrap_or_default();
                format!("{source}</div>\n</figure>\n")
            }
            _ => "</div>\n".to_string(),
        }
    }

    fn inline(&mut self, sc: &Shortcode) -> Result<String, Problem> {
        self.value(sc)
    }

    fn link(&self, dest: &str) -> Result<Link, Problem> {
        let (file, anchor) = match dest.split_once('#') {
            Some((f, a)) => (f, Some(a.to_string())),
            None => (dest, None),
        };
        let file = file.strip_prefix("./").unwrap_or(file);
        let Some(name) = parse_chapter_name(file) else {
            return Err(Problem::new(
                format!("link to `{dest}` is not a chapter file or a web address"),
                "`NN-slug.md`, `NN-slug.md#anchor`, `#anchor` or `https://…`",
            ));
        };
        let lang = name.lang.unwrap_or(&self.chapter.lang);
        let exists = self
            .content
            .chapters
            .iter()
            .any(|c| c.slug == name.slug && c.order == name.order);
        let target = self.content.chapter(name.slug, lang);
        match target {
            Some(_) => {
                let mut href = format!("{}{lang}/{}/", self.root, name.slug);
                if let Some(a) = &anchor {
                    href.push('#');
                    href.push_str(a);
                }
                Ok(Link {
                    href,
                    target: Some(LinkTarget {
                        page: format!("{lang}/{}", name.slug),
                        anchor,
                    }),
                })
            }
            None => {
                let known: Vec<String> = self
                    .content
                    .chapters_in(lang)
                    .map(|c| format!("{}.md", c.stem()))
                    .collect();
                let hint = if exists {
                    format!("a chapter that exists in `{lang}`")
                } else {
                    format!(
                        "a chapter file name{}",
                        closest(&format!("{:02}-{}.md", name.order, name.slug), known.iter())
                    )
                };
                Err(Problem::new(
                    format!("link to missing chapter `{file}`"),
                    hint,
                ))
            }
        }
    }

    fn page_key(&self) -> String {
        format!("{}/{}", self.chapter.lang, self.chapter.slug)
    }
}

/// Where a table's CSV is written: `data/<id>.csv` in the default language, else
/// `data/<id>.<lang>.csv`.
pub fn csv_path(id: &str, lang: &str, default: &str) -> String {
    if lang == default {
        format!("data/{id}.csv")
    } else {
        format!("data/{id}.{lang}.csv")
    }
}

/// Where a chart's standalone SVG is written.
pub fn svg_path(id: &str, lang: &str) -> String {
    format!("charts/{id}.{lang}.svg")
}

/// The labels the Markdown renderer writes, in the chapter's language.
pub fn labels(strings: &Strings, lang: &str) -> markdown::Labels {
    markdown::Labels {
        footnotes: strings.get("footnotes").to_string(),
        back_to_text: strings.get("back_to_text").to_string(),
        lang: lang.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let names = ["china-ai-market".to_string(), "ai-parks".to_string()];
        assert_eq!(
            closest("china-ai-markt", names.iter()),
            " (did you mean `china-ai-market`?)"
        );
        assert_eq!(closest("zzz", names.iter()), "");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
