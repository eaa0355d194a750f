//! Tera templates from `templates/`: loaded once, rendered per page, errors with file and line.
//!
//! Tera 2 reports syntax and rendering errors with a span; folio turns them into
//! `templates/<name>:line:col` diagnostics and names the page that was being rendered. Every
//! render runs within the budgets of [`crate::site::budget`] (steps and bytes per page).

use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::base::source::Source;
use crate::base::walk::Boundary;
use crate::site::budget::{self, Shifts};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tera::{Context, ErrorKind, Tera};

/// The compiled templates.
pub struct Templates {
    tera: Tera,
    dir: PathBuf,
    /// What the loop budget inserted into each template, to report positions as written.
    shifts: HashMap<String, Shifts>,
}

/// Templates a site must provide.
pub const REQUIRED: &[&str] = &[
    "index.html",
    "contents.html",
    "chapter.html",
    "print.html",
    "404.html",
    "sitemap.xml",
    "robots.txt",
];

impl Templates {
    /// Loads the built-in theme's templates and every file under `dir` (names relative to it,
    /// `/`-separated), which replaces the built-in template of its name; `dir` may not exist.
    /// The site's files are read through its bounded walk: a link out of the site is an error,
    /// never read.
    pub fn load(dir: &Path, boundary: &Boundary) -> Result<Templates, Diagnostics> {
        let mut ds = Diagnostics::new();
        let mut sources = Vec::new();
        // A site without a `templates/` folder uses the built-in theme alone.
        if dir.is_dir() {
            let walked = boundary.walk(dir, &|name, is_dir| {
                !is_dir && (name.starts_with('.') || name.ends_with('~'))
            });
            ds.extend(walked.problems);
            for path in &walked.files {
                let rel = path.strip_prefix(dir).unwrap_or(path);
                let key = rel
                    .iter()
                    .map(|p| p.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                match Source::read(path) {
                    Ok(src) => sources.push((key, src.text)),
                    Err(d) => ds.push(d),
                }
            }
        }
        for (name, text) in crate::theme::TEMPLATES {
            if !sources.iter().any(|(k, _)| k == name) {
                sources.push((name.to_string(), text.to_string()));
            }
        }
        match Self::from_sources(dir, &sources) {
            Ok(t) if ds.is_empty() => Ok(t),
            Ok(_) => Err(ds),
            Err(e) => {
                ds.extend(e);
                Err(ds)
            }
        }
    }

    /// The templates of `sources` (name, text), as if read from `dir` (which names them in
    /// messages): every required one must be there.
    pub fn from_sources(
        dir: &Path,
        sources: &[(String, String)],
    ) -> Result<Templates, Diagnostics> {
        let mut ds = Diagnostics::new();
        for required in REQUIRED {
            if !sources.iter().any(|(k, _)| k == required) {
                ds.push(Diagnostic::error(
                    dir.join(required),
                    Pos::START,
                    format!("missing template `{required}`"),
                    "the file in templates/",
                ));
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.register_function("figure", figure);
        tera.register_function("range", budget::range);
        tera.register_function(budget::LOOP_FN, budget::loop_fn);
        // Add one by one to report every broken file (as written), then all together (with the
        // loops counted) for inheritance.
        for (name, text) in sources {
            let mut probe = Tera::new();
            if let Err(e) = probe.add_raw_template(name, text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                ds.push(template_error(dir, name, &e, &HashMap::new()));
            }
        }
        let mut shifts = HashMap::new();
        let counted: Vec<(&str, String)> = sources
            .iter()
            .map(|(name, text)| {
                let (text, inserted) = budget::rewrite(text);
                shifts.insert(name.clone(), inserted);
                (name.as_str(), text)
            })
            .collect();
        if ds.is_empty()
            && let Err(e) = tera.add_raw_templates(counted.iter().map(|(k, v)| (*k, v.as_str())))
        {
            ds.push(template_error(dir, "", &e, &shifts));
        }
        if ds.is_empty() {
            Ok(Templates {
                tera,
                dir: dir.to_path_buf(),
                shifts,
            })
        } else {
            Err(ds)
        }
    }

    /// Renders one page, as the bytes of its file. The error does not name the page: a
    /// template error usually breaks many pages at once, and the caller reports it once for
    /// all of them.
    ///
    /// Rendered into bytes rather than a `String`: Tera's `render` checks the whole output is
    /// UTF-8 once more, a measurable cost on a print edition of many megabytes of Hangul, and
    /// every piece it writes is already a `str`. `size_hint`: the bytes to allocate at first (at
    /// least 8 KiB).
    ///
    /// A render that goes over its budget ([`budget`]) stops with an error: at the loop or
    /// `range()` that took too many steps, or, for a page too large, at the page's template.
    pub fn render(
        &self,
        name: &str,
        ctx: &Context,
        size_hint: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let limit = if name == "print.html" {
            budget::MAX_PRINT_BYTES
        } else {
            budget::MAX_PAGE_BYTES
        };
        let mut out = Vec::with_capacity(size_hint.max(8192).min(limit));
        let mut writer = budget::Limited {
            out: &mut out,
            limit,
            exceeded: false,
        };
        budget::start_page();
        match self.tera.render_to(name, ctx, &mut writer) {
            Ok(()) => Ok(out),
            Err(_) if writer.exceeded => Err(Diagnostic::error(
                self.dir.join(name),
                Pos::START,
                format!(
                    "template error: the page is larger than {} MiB",
                    limit / 1024 / 1024
                ),
                "a template whose loops write less (a page may have 64 MiB, the print edition 256 MiB)",
            )),
            Err(e) => Err(template_error(&self.dir, name, &e, &self.shifts)),
        }
    }
}

/// Arguments of the `figure` template function.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureArgs {
    value: f64,
    lang: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    scale: Option<f64>,
    #[serde(default)]
    noun: Option<String>,
    #[serde(default)]
    decimals: Option<u32>,
}

/// `{{ figure(value=1427.15, unit="money", currency="KRW", decimals=2, lang=page.lang) }}`:
/// the formatter of table cells and prose, for templates.
fn figure(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    use crate::lang::Formatter;
    use crate::num::{Currency, Quantity, Unit};
    let a: FigureArgs = kwargs.deserialize()?;
    let currency = |c: Option<&str>| match c {
        Some("USD") => Ok(Currency::USD),
        Some("CNY") => Ok(Currency::CNY),
        Some("KRW") => Ok(Currency::KRW),
        other => Err(tera::Error::message(format!(
            "figure(): unknown currency {other:?}, expected \"USD\", \"CNY\" or \"KRW\""
        ))),
    };
    let scale = a.scale.unwrap_or(1.0);
    let unit = match a.unit.as_deref().unwrap_or("plain") {
        "money" => Unit::Money {
            currency: currency(a.currency.as_deref())?,
            scale,
        },
        "percent" => Unit::Percent,
        "count" => {
            let mut noun = std::collections::BTreeMap::new();
            noun.insert(a.lang.clone(), a.noun.clone().unwrap_or_default());
            Unit::Count {
                noun: crate::base::localized::Localized(noun),
                scale,
            }
        }
        "plain" => Unit::Plain,
        other => {
            return Err(tera::Error::message(format!(
                "figure(): unknown unit \"{other}\", expected money, percent, count or plain"
            )));
        }
    };
    let mut value = crate::num::decimal_of(a.value)
        .ok_or_else(|| tera::Error::message(format!("figure(): {} is not a figure", a.value)))?;
    if let Some(d) = a.decimals {
        if d < value.scale() {
            return Err(tera::Error::message(format!(
                "figure(): {value} has {} decimals, more than decimals={d} would print",
                value.scale()
            )));
        }
        value.rescale(d);
    }
    if crate::num::shift(value, unit.scale_exp()).is_none() {
        return Err(tera::Error::message(format!(
            "figure(): {value} × {scale} has more digits than folio keeps exactly"
        )));
    }
    Ok(Formatter::new(&a.lang).prose(Quantity::new(value), &unit))
}

fn template_error(
    dir: &Path,
    name: &str,
    e: &tera::Error,
    shifts: &HashMap<String, Shifts>,
) -> Diagnostic {
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let file = if r.filename().is_empty() {
                name
            } else {
                r.filename()
            };
            let span = r.span();
            let col = shifts.get(file).map_or(span.start_col, |s| {
                s.original_col(span.start_line, span.start_col)
            });
            let what = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            Diagnostic::error(
                dir.join(file),
                Pos::new(span.start_line.max(1), col + 1),
                format!("{what}: {}", r.message()),
                if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                    "valid Tera syntax"
                } else if r.message().starts_with(budget::STEPS_MESSAGE) {
                    "loops over what the page provides (see README: Safety, for the budgets)"
                } else {
                    "values the page provides (see README: template variables)"
                },
            )
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            dir.join(current),
            Pos::START,
            format!("template `{current}` extends `{parent}`, which does not exist"),
            "an existing template name",
        ),
        ErrorKind::CircularInclude { tpl, include_chain } => {
            let (first, cycle) = cycle(tpl, include_chain);
            Diagnostic::error(
                dir.join(&first),
                Pos::START,
                format!("template `{first}` includes itself ({cycle})"),
                "includes that end (no template including one that includes it)",
            )
        }
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => {
            let (first, cycle) = cycle(tpl, inheritance_chain);
            Diagnostic::error(
                dir.join(&first),
                Pos::START,
                format!("template `{first}` extends itself ({cycle})"),
                "a chain of `extends` that ends in a template extending none",
            )
        }
        ErrorKind::TemplateNotFound(t) => Diagnostic::error(
            dir.join(t),
            Pos::START,
            format!("template `{t}` not found"),
            "the file in templates/",
        ),
        other => Diagnostic::error(
            dir.join(name),
            Pos::START,
            format!("template error: {other}"),
            "a working template",
        ),
    }
}

/// The loop of a chain of templates that comes back to `tpl`, told the same way wherever Tera
/// started following it: from its first name in name order (`` `a.html` → `b.html` →
/// `a.html` ``), and that name.
fn cycle(tpl: &str, chain: &[String]) -> (String, String) {
    let from = chain.iter().position(|n| n == tpl).unwrap_or(0);
    let mut names: Vec<&str> = chain[from..].iter().map(String::as_str).collect();
    if names.len() > 1 && names.first() == names.last() {
        names.pop();
    }
    if let Some(min) = (0..names.len()).min_by_key(|&i| names[i]) {
        names.rotate_left(min);
    }
    let first = names.first().copied().unwrap_or(tpl).to_string();
    names.push(&first);
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    (first.clone(), quoted.join(" → "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(dir: &Path) -> Result<Templates, Diagnostics> {
        Templates::load(dir, &Boundary::new(dir).unwrap())
    }

    fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let p = d.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        d
    }

    /// A templates folder with every required template (`ok`), `extra` added or replacing one.
    fn all_with(extra: (&str, &str)) -> tempfile::TempDir {
        let mut files: Vec<(&str, &str)> = REQUIRED
            .iter()
            .filter(|r| **r != extra.0)
            .map(|r| (*r, "ok"))
            .collect();
        files.push(extra);
        dir_with(&files)
    }

    #[test]
    fn syntax_errors_name_file_and_line() {
        let d = all_with(("chapter.html", "line1\n{% if x %}\nno end"));
        let errs = load(d.path()).err().unwrap().sorted();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].path, d.path().join("chapter.html"));
        assert!(
            errs[0].message.starts_with("template syntax error"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn render_errors_point_into_the_template() {
        let d = all_with(("chapter.html", "a\n{{ missing.field }}"));
        let t = load(d.path()).ok().unwrap();
        let e = t.render("chapter.html", &Context::new(), 0).unwrap_err();
        assert_eq!((e.pos.line, e.pos.col), (2, 4));
        assert!(e.path.ends_with("chapter.html"), "{e}");
        assert!(e.message.contains("`missing`"), "{e}");
    }

    #[test]
    fn figure_function_uses_the_shared_formatter() {
        let d = all_with((
            "index.html",
            "{{ figure(value=1427.15, unit=\"money\", currency=\"KRW\", decimals=2, lang=\"ko\") }}|{{ figure(value=196.6, unit=\"money\", currency=\"KRW\", decimals=2, lang=\"en\") }}|{{ figure(value=2697, unit=\"money\", currency=\"CNY\", scale=100000000, lang=\"en\") }}|{{ figure(value=26.2, unit=\"percent\", lang=\"ko\") }}",
        ));
        let t = load(d.path()).ok().unwrap();
        let out = t.render("index.html", &Context::new(), 0).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "1,427.15원|KRW 196.60|CNY 269.7 billion|26.2%"
        );
        let d = all_with((
            "index.html",
            "{{ figure(value=1, unit=\"money\", currency=\"EUR\", lang=\"ko\") }}",
        ));
        let t = load(d.path()).ok().unwrap();
        let e = t.render("index.html", &Context::new(), 0).unwrap_err();
        assert!(e.message.contains("unknown currency"), "{e}");
    }

    #[test]
    fn a_site_template_replaces_the_built_in_one_and_the_rest_are_built_in() {
        let d = dir_with(&[("robots.txt", "mine")]);
        let t = load(d.path()).ok().unwrap();
        let out = t.render("robots.txt", &Context::new(), 0).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "mine");
        let names: Vec<&str> = t.tera.get_template_names().collect();
        for required in REQUIRED {
            assert!(names.contains(required), "{required}");
        }
        let none = Templates::load(
            &d.path().join("nothing-here"),
            &Boundary::new(d.path()).unwrap(),
        )
        .ok()
        .unwrap();
        assert!(none.tera.get_template_names().any(|n| n == "chapter.html"));
    }

    #[test]
    fn nested_loops_stop_at_the_step_budget_where_they_go_over_it() {
        let started = std::time::Instant::now();
        // Loops that write, loops over a list made once that write nothing, a comprehension.
        for (text, at) in [
            (
                "x\n{% for i in range(end=100000) %}{% for j in range(end=100000) %}{{ j }}{% endfor %}{% endfor %}",
                (2, 45),
            ),
            (
                "{% set r = range(end=100000) %}\n{% for i in r %}  {% for j in r %}{% endfor %}{% endfor %}",
                (2, 31),
            ),
        ] {
            let d = all_with(("chapter.html", text));
            let t = load(d.path()).ok().unwrap();
            let e = t.render("chapter.html", &Context::new(), 0).unwrap_err();
            assert_eq!(
                e.message,
                "template error: the page's loops take more than 2000000 steps (loop iterations and range() elements)"
            );
            assert_eq!((e.pos.line, e.pos.col), at, "{text}");
            assert!(e.expected.contains("Safety"), "{e}");
        }
        // The next page has a budget of its own.
        let d = all_with((
            "chapter.html",
            "{% for i in range(end=100000) %}{% endfor %}",
        ));
        let t = load(d.path()).ok().unwrap();
        for _ in 0..30 {
            t.render("chapter.html", &Context::new(), 0).unwrap();
        }
        assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    }

    #[test]
    fn a_page_larger_than_its_limit_stops_the_render() {
        let mut ctx = Context::new();
        ctx.insert("big", &"가".repeat(1 << 20));
        let d = all_with((
            "chapter.html",
            "{% for i in range(end=100) %}{{ big }}{% endfor %}",
        ));
        let t = load(d.path()).ok().unwrap();
        let e = t.render("chapter.html", &ctx, 0).unwrap_err();
        assert_eq!(e.message, "template error: the page is larger than 64 MiB");
        assert!(e.path.ends_with("chapter.html"));
        // The print edition may be larger.
        let d = all_with((
            "print.html",
            "{% for i in range(end=30) %}{{ big }}{% endfor %}",
        ));
        let t = load(d.path()).ok().unwrap();
        assert_eq!(t.render("print.html", &ctx, 0).unwrap().len(), 90 << 20);
    }

    #[test]
    fn positions_inside_counted_loops_are_as_written() {
        // Tera on the template as written, without the budget, says where each error is.
        for text in [
            "{% for a in [1] %}{{ a.b }} {% for c in nope %}{% endfor %}{% endfor %}",
            "{% for a in [1] %}{% for c in nope %}{% endfor %}{% endfor %}",
            "가{%- for a in\n  [1] -%}\n{{ a }}{{ a | nope_filter }}{% endfor %}",
            "{% for a in 5 %}{% endfor %}",
        ] {
            let mut plain = Tera::new();
            let written = plain
                .add_raw_template("chapter.html", text)
                .and_then(|_| plain.render("chapter.html", &Context::new()))
                .unwrap_err();
            let want = template_error(Path::new(""), "chapter.html", &written, &HashMap::new());
            let d = all_with(("chapter.html", text));
            let got = match load(d.path()) {
                Ok(t) => t.render("chapter.html", &Context::new(), 0).unwrap_err(),
                Err(ds) => ds.sorted().remove(0),
            };
            assert_eq!((got.pos, &got.message), (want.pos, &want.message), "{text}");
        }
        // A loop's list that Tera cannot iterate is pointed at where it starts (Tera itself
        // points at its last filter, here `reverse`, column 40).
        let d = all_with((
            "chapter.html",
            "{% for a in [1] %}{% for k, v in [2] | reverse %}{{ v.x }}{% endfor %}{% endfor %}",
        ));
        let e = load(d.path())
            .ok()
            .unwrap()
            .render("chapter.html", &Context::new(), 0)
            .unwrap_err();
        assert_eq!((e.pos.line, e.pos.col), (1, 34), "{e}");
    }

    #[test]
    fn a_circular_include_names_its_templates() {
        let d = all_with(("chapter.html", "{% include \"partials/a.html\" %}"));
        std::fs::create_dir_all(d.path().join("partials")).unwrap();
        std::fs::write(
            d.path().join("partials/a.html"),
            "{% include \"partials/b.html\" %}",
        )
        .unwrap();
        std::fs::write(
            d.path().join("partials/b.html"),
            "{% include \"partials/a.html\" %}",
        )
        .unwrap();
        let errs = load(d.path()).err().unwrap().sorted();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].path, d.path().join("partials/a.html"));
        assert_eq!(
            errs[0].message,
            "template `partials/a.html` includes itself (`partials/a.html` → `partials/b.html` → `partials/a.html`)"
        );
    }

    #[test]
    fn a_cycle_is_told_the_same_way_wherever_it_was_entered() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let want = (
            "a.html".to_string(),
            "`a.html` → `b.html` → `a.html`".to_string(),
        );
        assert_eq!(
            cycle("a.html", &names(&["x.html", "a.html", "b.html", "a.html"])),
            want
        );
        assert_eq!(
            cycle("b.html", &names(&["b.html", "a.html", "b.html"])),
            want
        );
        assert_eq!(
            cycle("a.html", &names(&["a.html", "a.html"])),
            ("a.html".to_string(), "`a.html` → `a.html`".to_string())
        );
    }
}
