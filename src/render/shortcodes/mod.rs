//! The shortcodes a chapter may use, as a registry: one file per shortcode, each declaring its
//! [`Definition`] — name, form, what it numbers, its arguments, its expansion.
//!
//! | shortcode | form | result |
//! |---|---|---|
//! | `{{ chart(id="…") }}` | block | the chart figure with its data, numbered 그림 N ([`chart`]) |
//! | `{{ table(id="…") }}` | block | the data table, numbered 표 N ([`table`]) |
//! | `{{ value(id, row, col, convert) }}` | inline | one figure in words ([`value`]) |
//! | `{% figure(caption, source) %}…{% end %}` | paired | a lost figure ([`figure`]) |
//! | `{% box(kind, title) %}…{% end %}` | paired | a note, case study or interview ([`boxes`]) |
//! | `{{ editor_note(text="…") }}` | inline | the site's own note at a sentence ([`editor_note`]) |
//!
//! [`Expander`] is the Markdown renderer's [`Context`] for one chapter page: it runs the
//! definitions and collects what they produce (captions, tables shown, charts drawn, values
//! resolved) for the later stages. Chapter links are resolved in [`links`].
//!
//! May use: [`crate::base`], [`crate::num`], [`crate::lang`], [`crate::content`], the rest of
//! [`crate::render`].

mod boxes;
mod chart;
mod editor_note;
mod figure;
mod links;
mod numbering;
mod table;
mod value;

pub use numbering::Numbering;

use super::book::{Caption, DrawnChart, ResolvedValue};
use super::markdown::shortcode::Shortcode;
use super::markdown::{Context, Link, Problem, ShortcodeKind};
use crate::base::diag::Diagnostic;
use crate::content::i18n::Strings;
use crate::content::{Chapter, Content};

/// What a shortcode numbers through the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbered {
    /// 그림 N / Figure N.
    Figure,
    /// 표 N / Table N.
    Table,
}

/// One shortcode.
pub struct Definition {
    /// Its name (`chart`).
    pub name: &'static str,
    /// How it is written.
    pub kind: ShortcodeKind,
    /// What it numbers, if anything: each use takes the next number.
    pub numbered: Option<Numbered>,
    /// The arguments it takes; any other is an error.
    pub args: &'static [&'static str],
    /// Its HTML (for a paired shortcode, the opening), given its number if it is numbered.
    pub expand: fn(&mut Expander, &Shortcode, Option<usize>) -> Result<String, Problem>,
    /// The HTML closing a paired shortcode.
    pub close: fn(&Expander, &Shortcode) -> String,
}

/// Every shortcode, in the order messages list them.
pub const REGISTRY: &[&Definition] = &[
    &chart::CHART,
    &table::TABLE,
    &value::VALUE,
    &figure::FIGURE,
    &boxes::BOX,
    &editor_note::EDITOR_NOTE,
];

/// The shortcode named `name`.
pub fn find(name: &str) -> Option<&'static Definition> {
    REGISTRY.iter().copied().find(|d| d.name == name)
}

/// Closes a block shortcode that has no closing HTML of its own: `</div>`.
fn close_div(_: &Expander, _: &Shortcode) -> String {
    "</div>\n".to_string()
}

/// The expansion context of one chapter page.
pub struct Expander<'a> {
    content: &'a Content,
    chapter: &'a Chapter,
    strings: &'a Strings,
    /// Path prefix from this page to the site root (`../../`).
    root: String,
    next: Numbering,
    /// Tables shown on this page (for the unused-table warning and the data files).
    pub used_tables: Vec<String>,
    /// Problems found outside the chapter file (e.g. a table lacking this language).
    pub extra: Vec<Diagnostic>,
    /// Figures and tables on the page, for its contents.
    pub captions: Vec<Caption>,
    /// Charts drawn on the page, also written as files of their own.
    pub charts: Vec<DrawnChart>,
    /// Figures `value()` wrote, for the numeric checks.
    pub values: Vec<ResolvedValue>,
    /// Time spent drawing charts.
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
            values: Vec::new(),
            chart_time: std::time::Duration::ZERO,
        }
    }

    fn lang(&self) -> &str {
        &self.chapter.lang
    }

    /// Runs `def` on `sc`: its arguments checked, its number taken.
    fn run(&mut self, def: &Definition, sc: &Shortcode) -> Result<String, Problem> {
        if let Some((k, _)) = sc
            .args
            .iter()
            .find(|(k, _)| !def.args.contains(&k.as_str()))
        {
            let expected = match def.args {
                [a, b] => format!("`{a}` and `{b}`"),
                args => format!("one of {}", crate::base::suggest::quoted(args)),
            };
            return Err(Problem::new(
                format!("unknown argument `{k}` of `{}`", def.name),
                expected,
            ));
        }
        let number = def.numbered.map(|n| self.next.take(n));
        (def.expand)(self, sc, number)
    }
}

impl Context for Expander<'_> {
    fn kind(&self, name: &str) -> Option<ShortcodeKind> {
        find(name).map(|d| d.kind)
    }

    fn unknown(&self, name: &str) -> Problem {
        let names: Vec<&str> = REGISTRY.iter().map(|d| d.name).collect();
        Problem::new(
            format!("unknown shortcode `{name}`"),
            format!("one of {}", crate::base::suggest::quoted(&names)),
        )
    }

    fn block(&mut self, sc: &Shortcode) -> Result<String, Problem> {
        match find(&sc.name) {
            Some(def) if def.kind != ShortcodeKind::Inline => self.run(def, sc),
            _ => Err(self.unknown(&sc.name)),
        }
    }

    fn close(&mut self, open: &Shortcode) -> String {
        match find(&open.name) {
            Some(def) => (def.close)(self, open),
            None => close_div(self, open),
        }
    }

    fn inline(&mut self, sc: &Shortcode) -> Result<String, Problem> {
        match find(&sc.name) {
            Some(def) if def.kind == ShortcodeKind::Inline => self.run(def, sc),
            _ => Err(self.unknown(&sc.name)),
        }
    }

    fn link(&self, dest: &str) -> Result<Link, Problem> {
        links::resolve(self, dest)
    }

    fn page_key(&self) -> String {
        format!("{}/{}", self.chapter.lang, self.chapter.slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_arguments_declared() {
        for (i, d) in REGISTRY.iter().enumerate() {
            assert!(
                REGISTRY[i + 1..].iter().all(|o| o.name != d.name),
                "`{}` is registered twice",
                d.name
            );
            assert!(!d.args.is_empty(), "`{}` declares no arguments", d.name);
        }
    }

    /// The `markdown` fuzz target finds shortcodes through its dictionary: a shortcode added to
    /// the registry must be added there too (`tests/fuzz/markdown.dict`), with its arguments.
    #[test]
    fn the_fuzz_dictionary_names_every_shortcode_and_argument() {
        let dict = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/markdown.dict"),
        )
        .unwrap();
        for d in REGISTRY {
            assert!(
                dict.contains(&format!("\"{}(\"", d.name)),
                "tests/fuzz/markdown.dict lacks \"{}(\"",
                d.name
            );
            for a in d.args {
                assert!(
                    dict.contains(&format!("\"{a}=")),
                    "tests/fuzz/markdown.dict lacks \"{a}=\" (argument of `{}`)",
                    d.name
                );
            }
        }
    }
}
