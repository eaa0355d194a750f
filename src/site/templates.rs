//! Tera templates from `templates/`: loaded once, rendered per page, errors with file and line.
//!
//! Tera 2 reports syntax and rendering errors with a span; folio turns them into
//! `templates/<name>:line:col` diagnostics and names the page that was being rendered.

use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::base::source::Source;
use crate::base::walk::Boundary;
use std::path::{Path, PathBuf};
use tera::{Context, ErrorKind, Tera};

/// The compiled templates.
pub struct Templates {
    tera: Tera,
    dir: PathBuf,
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
    /// Loads every file under `dir` (names relative to it, `/`-separated), through the site's
    /// bounded walk: a link out of the site is an error, never read.
    pub fn load(dir: &Path, boundary: &Boundary) -> Result<Templates, Diagnostics> {
        let mut ds = Diagnostics::new();
        let mut sources = Vec::new();
        if !dir.is_dir() {
            ds.push(Diagnostic::error(
                dir,
                Pos::START,
                "no templates directory",
                "a `templates/` folder",
            ));
            return Err(ds);
        }
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
        // Add one by one to report every broken file, then all together for inheritance.
        for (name, text) in &sources {
            let mut probe = Tera::new();
            if let Err(e) = probe.add_raw_template(name, text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                ds.push(template_error(dir, name, &e));
            }
        }
        if ds.is_empty()
            && let Err(e) =
                tera.add_raw_templates(sources.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        {
            ds.push(template_error(dir, "", &e));
        }
        if ds.is_empty() {
            Ok(Templates {
                tera,
                dir: dir.to_path_buf(),
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
    pub fn render(
        &self,
        name: &str,
        ctx: &Context,
        size_hint: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(size_hint.max(8192));
        self.tera
            .render_to(name, ctx, &mut out)
            .map_err(|e| template_error(&self.dir, name, &e))?;
        Ok(out)
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
    let decimals = a
        .decimals
        .unwrap_or_else(|| Quantity::parse(&a.value.to_string()).map_or(0, |q| q.decimals));
    Ok(Formatter::new(&a.lang).prose(Quantity::new(a.value, decimals), &unit))
}

fn template_error(dir: &Path, name: &str, e: &tera::Error) -> Diagnostic {
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let file = if r.filename().is_empty() {
                name
            } else {
                r.filename()
            };
            let span = r.span();
            let what = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            Diagnostic::error(
                dir.join(file),
                Pos::new(span.start_line.max(1), span.start_col + 1),
                format!("{what}: {}", r.message()),
                if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                    "valid Tera syntax"
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
    fn missing_templates_are_listed() {
        let d = dir_with(&[("index.html", "x")]);
        let errs = load(d.path()).err().unwrap().sorted();
        assert_eq!(errs.len(), REQUIRED.len() - 1);
    }
}
