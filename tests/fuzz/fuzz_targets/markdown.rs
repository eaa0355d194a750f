//! Fuzz target `markdown`: a chapter file, front matter to HTML.
//!
//! Bytes → (if UTF-8) a `Source` → `yaml::split_front_matter` → `yaml::parse::<content::Front>`
//! → `markdown::render` of the body with a small shortcode context (the pattern of the unit
//! tests in src/markdown.rs: `table` block, `box` paired, `value` inline) → `shortcode::scan`.
//! Input without front matter is rendered whole, so the Markdown side is reached either way.
//! Nothing here may panic, overflow, hang or blow up memory for any input.
#![no_main]

use folio::markdown::{self, Context, Labels, Link, LinkTarget, Problem, ShortcodeKind};
use folio::shortcode::{self, Shortcode};
use folio::source::Source;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

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
                markdown::escape_attr(id)
            )),
            None if sc.name == "box" => Ok("<aside>\n".into()),
            None => Err(Problem::new("no id", "id")),
        }
    }
    fn close(&mut self, _: &Shortcode) -> String {
        "</aside>\n".into()
    }
    fn inline(&mut self, sc: &Shortcode) -> Result<String, Problem> {
        // Reads every argument form the real `value()` reads.
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

fuzz_target!(|data: &[u8]| {
    let Ok(src) = Source::from_bytes(Path::new("01-fuzz.ko.md"), data.to_vec()) else {
        return;
    };
    let body = match folio::yaml::split_front_matter(&src) {
        Ok(fm) => {
            let _ = folio::yaml::parse::<folio::content::Front>(&src.path, fm.yaml, fm.yaml_line);
            fm.body
        }
        Err(_) => src.text.as_str(),
    };
    // `en` is a superset of `ko`: it also runs the pass that marks emphasised Hangul.
    let labels = Labels {
        footnotes: "각주".into(),
        back_to_text: "본문으로".into(),
        lang: "en".into(),
    };
    let _ = markdown::render(body, &mut Ctx, &labels);
    let _ = shortcode::scan(body);
});
