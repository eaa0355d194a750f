//! What the fuzz targets do with one input, shared by the fuzz binaries
//! (`fuzz_targets/*.rs`) and by `tests/fuzz_regressions.rs`, so that a regression test replays
//! exactly what the fuzzer ran. Nothing here may panic, overflow, hang or blow up memory.
#![allow(dead_code)] // each fuzz binary uses one of the targets

use folio::base::source::Source;
use folio::content::i18n::{REQUIRED, Strings};
use folio::content::table::Table;
use folio::render::markdown::shortcode::{self, Shortcode};
use folio::render::markdown::{self, Context, Labels, Link, LinkTarget, Problem, ShortcodeKind};
use folio::render::table_html::{self, Frame};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The shortcodes of the `markdown` fuzz target (the pattern of the tests in src/markdown.rs).
struct Ctx;

impl Context for Ctx {
    fn kind(&self, name: &str) -> Option<ShortcodeKind> {
        match name {
            "table" => Some(ShortcodeKind::Block),
            "box" => Some(ShortcodeKind::Paired),
            "value" => Some(ShortcodeKind::Inline),
            _ => None,
        }
    }
    fn block(&mut self, sc: &Shortcode) -> Result<String, Problem> {
        match sc.str_arg("id") {
            Some("missing") => Err(Problem::new("unknown table `missing`", "a table id")),
            Some(id) => Ok(format!(
                "<table data-id=\"{}\"></table>\n",
                folio::base::html::escape_attr(id)
            )),
            None if sc.name == "box" => Ok("<aside>\n".into()),
            None => Err(Problem::new("no id", "id")),
        }
    }
    fn close(&mut self, _: &Shortcode) -> String {
        "</aside>\n".into()
    }
    fn inline(&mut self, sc: &Shortcode) -> Result<String, Problem> {
        let _ = (sc.text_arg("row"), sc.str_arg("col"), sc.arg("convert"));
        Ok("2,697억 위안".into())
    }
    fn link(&self, dest: &str) -> Result<Link, Problem> {
        match dest.split_once('#') {
            Some(("02-b.md", a)) => Ok(Link {
                href: format!("../b/#{a}"),
                target: Some(LinkTarget {
                    page: "b".into(),
                    anchor: Some(a.into()),
                }),
            }),
            _ if dest == "02-b.md" => Ok(Link {
                href: "../b/".into(),
                target: Some(LinkTarget {
                    page: "b".into(),
                    anchor: None,
                }),
            }),
            _ => Err(Problem::new(
                format!("link to missing chapter `{dest}`"),
                "a chapter file name",
            )),
        }
    }
    fn page_key(&self) -> String {
        "a".into()
    }
}

/// Target `markdown`: a chapter file, front matter to HTML. Input without front matter is
/// rendered whole, so the Markdown side is reached either way.
pub fn markdown_target(bytes: &[u8]) {
    let Ok(src) = Source::from_bytes(Path::new("01-fuzz.ko.md"), bytes.to_vec()) else {
        return;
    };
    let body = match folio::content::yaml::split_front_matter(&src) {
        Ok(fm) => {
            let _ = folio::content::yaml::parse::<folio::content::Front>(
                &src.path,
                fm.yaml,
                fm.yaml_line,
            );
            fm.body
        }
        Err(_) => src.text.as_str(),
    };
    // `en` is a superset of `ko`: it also runs the pass that marks emphasised Hangul.
    let labels = Labels {
        footnotes: "각주".into(),
        back_to_text: "본문으로".into(),
        quoted_script: folio::lang::Lang::of("en").quoted_script,
        first_footnote: 1,
    };
    markdown::render(body, &mut Ctx, &labels);
    shortcode::scan(body);
}

/// UI strings for the `table` target: every required key, its value the key itself.
static STRINGS: LazyLock<Strings> = LazyLock::new(|| {
    Strings(
        REQUIRED
            .iter()
            .map(|k| (k.to_string(), format!("<{k}>")))
            .collect(),
    )
});

/// Target `table`: a data-table YAML file, loaded and rendered in both languages as HTML, CSV
/// and, when it has a `chart:`, as an SVG chart.
pub fn table_target(bytes: &[u8]) {
    let strings = &*STRINGS;
    let Ok(src) = Source::from_bytes(Path::new("t.yaml"), bytes.to_vec()) else {
        return;
    };
    let Ok(table) = Table::load(&src, "t", &["ko".into(), "en".into()]) else {
        return;
    };
    for lang in ["ko", "en"] {
        let frame = Frame {
            kind: "tbl",
            label: (strings.get("table"), 1),
            before_table: String::new(),
            collapsible: None,
            after: String::new(),
        };
        table_html::render(&table, lang, strings, frame);
        folio::render::csv::csv(&table, lang, strings);
        // A chart the build would refuse (an unknown kind, a field its kind needs missing) is
        // never drawn.
        if table.chart.is_some()
            && folio::render::chart::check_spec(&table).is_empty()
            && let Some(chart) = folio::render::chart::render(&table, lang, strings, "fig:t")
        {
            folio::render::chart::standalone(&chart.svg);
        }
    }
}

/// Target `number`: a figure as an author writes it (a YAML scalar's text), read and written in
/// every unit and language. A figure that reads must be written with exactly its digits: a
/// table cell reads back to the same value (in the language's table scale), and no sentence may
/// panic or overflow.
pub fn number_target(bytes: &[u8]) {
    use folio::base::localized::Localized;
    use folio::lang::Formatter;
    use folio::num::{Currency, Decimal, Quantity, Unit, shift};
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(q) = Quantity::read(text) else {
        return;
    };
    let noun = Localized(
        [("ko", "개사"), ("en", "companies")]
            .iter()
            .map(|(l, n)| (l.to_string(), n.to_string()))
            .collect(),
    );
    let units = [
        Unit::Plain,
        Unit::Percent,
        Unit::Money {
            currency: Currency::CNY,
            scale: 1e8,
        },
        Unit::Money {
            currency: Currency::KRW,
            scale: 1.0,
        },
        Unit::Count {
            noun: noun.clone(),
            scale: 1e4,
        },
        Unit::Count { noun, scale: 1.0 },
    ];
    for unit in &units {
        if shift(q.value, unit.scale_exp()).is_none() {
            continue; // refused when a table is loaded
        }
        for lang in ["ko", "en"] {
            let f = Formatter::new(lang);
            let cell = f.cell(q, unit);
            let digits: String = cell
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
                .collect();
            let read: Decimal = digits
                .parse()
                .unwrap_or_else(|_| panic!("{lang} cell {cell:?} of {text:?}"));
            assert_eq!(
                read,
                f.in_table_scale(q, unit),
                "{lang} cell {cell:?} of {text:?}"
            );
            f.prose(q, unit);
        }
    }
}

/// `tests/fixtures/basic`, from the main crate (`tests/fuzz_regressions.rs`) or the fuzz crate.
fn basic_fixture() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        here.join("tests/fixtures/basic"),
        here.join("../fixtures/basic"),
    ]
    .into_iter()
    .find(|p| p.join("content/site.yaml").is_file())
    .expect("tests/fixtures/basic")
}

/// The basic fixture site, loaded as a build loads it, and its chapters rendered.
struct Site {
    content: folio::content::Content,
    rendered: Vec<folio::render::RenderedChapter>,
}

static SITE: LazyLock<Site> = LazyLock::new(|| {
    let root = basic_fixture();
    let content = folio::content::load_with(&root, &folio::render::chart::check_spec)
        .unwrap_or_else(|e| panic!("the basic fixture loads: {:?}", e.sorted()));
    let starts = folio::render::numbering(&content);
    let rendered = folio::render::all(&content, &starts)
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    Site { content, rendered }
});

/// Target `shortcodes`: a chapter body rendered by the REAL shortcode expansion (the
/// `Expander` of `render::shortcodes`) in the basic fixture site (tables `market`, `firms`,
/// `functions`; chapters `01-intro`, `02-market` in `ko` and `en`): `value()` with conversions,
/// `table()`, `chart()` drawing SVG, `figure` and `box` blocks, chapter links and anchors,
/// numbering. The body takes the place of `02-market` (the first byte's lowest bit picks `ko`
/// or `en`), and every check of the build then runs over the whole site: anchors across pages,
/// the numeric checks on what `value()` wrote, translation parity, usage, the glossary.
pub fn shortcodes_target(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let site = &*SITE;
    let lang = if bytes.first().is_some_and(|b| b & 1 == 1) {
        "en"
    } else {
        "ko"
    };
    let Some(index) = site
        .content
        .chapters
        .iter()
        .position(|c| c.slug == "market" && c.lang == lang)
    else {
        return;
    };
    let mut content = site.content.clone();
    let old = &content.chapters[index];
    content.chapters[index] = folio::content::Chapter {
        source: Source::new(old.source.path.clone(), text),
        body_offset: 0,
        ..old.clone()
    };
    let starts = folio::render::numbering(&content);
    let chapter = &content.chapters[index];
    let (mine, _) = folio::render::chapter::render(
        &content,
        chapter,
        starts[&(chapter.lang.clone(), chapter.slug.clone())],
    );
    let mut rendered = site.rendered.clone();
    rendered[index] = mine;
    let book = folio::render::Book {
        content: &content,
        chapters: &rendered,
    };
    let mut ds = folio::base::diag::Diagnostics::new();
    folio::check::all(
        &book,
        &mut folio::base::timings::Timings::default(),
        &mut ds,
    );
    // Every finding prints (positions inside the text, control characters escaped).
    let _ = folio::base::diag::render(&ds.sorted(), folio::base::diag::Format::Text);
}

/// The context of the `templates` target: a page, its chapters and the site, the shapes the
/// bundled templates read.
static TEMPLATE_CONTEXT: LazyLock<tera::Context> = LazyLock::new(|| {
    let value = serde_json::json!({
        "page": { "title": "시장 <규모>", "lang": "ko", "url": "/ko/market/", "root": "../../",
                  "languages": [{ "code": "ko", "name": "한국어", "current": true, "href": "./" },
                                { "code": "en", "name": "English", "current": false, "href": "../../en/market/" }] },
        "chapter": { "title": "1. 시장", "body": "<p>본문 &amp; 표</p>",
                     "toc": [{ "level": 2, "id": "시장-규모", "text": "시장 규모" }],
                     "figures": [{ "id": "fig:1", "label": "그림", "number": 1, "caption": "시장" }] },
        "chapters": [{ "slug": "intro", "title": "요약", "part": null }, { "slug": "market", "title": "시장", "part": "I" }],
        "site": { "title": "보고서", "rates": [{ "currency": "USD", "krw": 1427.15 }], "rates_note": "환율" },
        "numbers": [1, 2, 3],
    });
    tera::Context::from_serialize(&value).expect("a context")
});

/// Target `templates`: template text compiled and rendered as folio renders pages, within the
/// render budget (`site::budget`: steps and bytes per page). The input is `chapter.html`; a NUL
/// byte splits off a second template, `partials/p.html`, that the first may include or extend.
/// The other required templates are `ok`.
pub fn templates_target(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let (chapter, partial) = text.split_once('\0').unwrap_or((text, ""));
    let mut sources: Vec<(String, String)> = folio::site::templates::REQUIRED
        .iter()
        .filter(|r| **r != "chapter.html")
        .map(|r| (r.to_string(), "ok".to_string()))
        .collect();
    sources.push(("chapter.html".into(), chapter.into()));
    sources.push(("partials/p.html".into(), partial.into()));
    let Ok(templates) =
        folio::site::templates::Templates::from_sources(Path::new("templates"), &sources)
    else {
        return;
    };
    for name in ["chapter.html", "partials/p.html"] {
        let _ = templates.render(name, &TEMPLATE_CONTEXT, 0);
    }
}
