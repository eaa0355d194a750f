//! Charts: snapshots of the SVG of four fixture charts in both languages, every chart of the
//! bundled report checked for labels inside the canvas (measured with the same glyph metrics
//! the layout uses), and the drawing conventions asserted on the SVG itself.
//!
//! Snapshots live in `tests/snapshots/`. After an intended change, review the `.new` files a
//! failing run writes next to them, or run with `UPDATE_SNAPSHOTS=1` to accept.

use folio::base::source::Source;
use folio::content::i18n::Strings;
use folio::content::table::Table;
use folio::render::chart::{self, Rendered};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn strings(lang: &str) -> Strings {
    let src = Source::read(&repo().join(format!("tests/fixtures/basic/content/i18n/{lang}.yaml")))
        .unwrap();
    folio::content::i18n::load(&src).unwrap()
}

fn fixture(name: &str) -> Table {
    let path = repo().join(format!("tests/fixtures/charts/{name}.yaml"));
    let src = Source::read(&path).unwrap();
    Table::load(&src, name, &["ko".into(), "en".into()])
        .unwrap_or_else(|e| panic!("{:?}", e.sorted()))
}

fn render(t: &Table, lang: &str) -> Rendered {
    chart::render(t, lang, &strings(lang), &format!("fig:{}", t.id)).expect("a drawable chart")
}

fn assert_inside(r: &Rendered, what: &str) {
    let (w, h) = (r.size.0 as f64, r.size.1 as f64);
    assert!(!r.texts.is_empty(), "{what}: no text drawn");
    for t in &r.texts {
        let (l, right) = t.span();
        let (top, bottom) = t.vertical();
        assert!(
            l >= -0.5 && right <= w + 0.5,
            "{what}: `{}` spans {l:.1}..{right:.1}, canvas 0..{w}",
            t.text
        );
        assert!(
            top >= -0.5 && bottom <= h + 0.5,
            "{what}: `{}` spans {top:.1}..{bottom:.1} vertically, canvas 0..{h}",
            t.text
        );
    }
}

fn snapshot(name: &str, svg: &str) -> Option<String> {
    let path = repo().join("tests/snapshots").join(format!("{name}.svg"));
    let new = path.with_extension("svg.new");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, svg).unwrap();
        let _ = std::fs::remove_file(&new);
        return None;
    }
    match std::fs::read_to_string(&path) {
        Ok(old) if old == svg => {
            let _ = std::fs::remove_file(&new);
            None
        }
        Ok(_) => {
            std::fs::write(&new, svg).unwrap();
            Some(format!(
                "{name}: differs from {} (new output in {})",
                path.display(),
                new.display()
            ))
        }
        Err(_) => {
            std::fs::write(&new, svg).unwrap();
            Some(format!(
                "{name}: no snapshot yet (output in {})",
                new.display()
            ))
        }
    }
}

#[test]
fn snapshots_of_four_kinds_in_both_languages() {
    let mut failures = Vec::new();
    for name in ["bar-line", "hbar", "share", "bounds"] {
        let t = fixture(name);
        for lang in ["ko", "en"] {
            let r = render(&t, lang);
            assert_inside(&r, &format!("{name}.{lang}"));
            failures.extend(snapshot(&format!("{name}.{lang}"), &r.svg));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn drawing_conventions_are_in_the_svg() {
    let t = fixture("bar-line");
    let ko = render(&t, "ko");
    // Accessible: role, title and a description written from the data.
    assert!(
        ko.svg
            .contains("role=\"img\" aria-labelledby=\"fig:bar-line:title fig:bar-line:desc\"")
    );
    assert!(ko.svg.contains(
        "<title id=\"fig:bar-line:title\">중국의 AI 산업 시장규모 및 추이(2022년~2025년E)</title>"
    ));
    let desc = desc_of(&ko.svg);
    assert!(desc.contains("2024년 2,697억 위안"), "{desc}");
    assert!(desc.contains("2025년(추정) 3,522억 위안"), "{desc}");
    assert!(
        desc.contains("2023년 2,137억 1천만 위안 (보고서 수치로 계산한 값)"),
        "{desc}"
    );
    assert!(
        desc.contains("증가율: 2024년 26.2%, 2025년(추정) 30.6%"),
        "{desc}"
    );
    assert!(desc.contains("2022년은 보고서에 수치가 없다"), "{desc}");
    let en = render(&t, "en");
    let desc = desc_of(&en.svg);
    assert!(desc.contains("2025 (estimate) CNY 352.2 billion"), "{desc}");
    assert!(
        desc.contains("The report gives no figures for 2022."),
        "{desc}"
    );
    // Estimates translucent with an outline; derived values hatched and marked †.
    assert!(
        ko.svg.contains("opacity=\"0.35\" fill=\"#0072B2\""),
        "estimate bar"
    );
    assert!(ko.texts.iter().any(|t| t.text == "2,137.1†"));
    assert!(ko.texts.iter().any(|t| t.text == "2025E" && t.bold));
    assert!(
        en.texts.iter().any(|t| t.text == "269.7"),
        "English in billions"
    );
    // A missing year is a gap: the 2022 slot has its label but no value.
    assert!(ko.texts.iter().any(|t| t.text == "2022"));
    // Thresholds are marked.
    let b = render(&fixture("bounds"), "ko");
    assert!(b.texts.iter().any(|t| t.text == ">30,000"));
    // Dark mode: text and rules carry the classes the stylesheet recolours.
    assert!(ko.svg.contains("class=\"f-ink\""));
    assert!(ko.svg.contains("class=\"s-rule\""));
}

#[test]
fn rendering_is_deterministic() {
    for name in ["bar-line", "hbar", "share", "bounds"] {
        let t = fixture(name);
        assert_eq!(render(&t, "ko").svg, render(&t, "ko").svg, "{name}");
    }
}

#[test]
fn every_chart_of_the_report_keeps_its_text_on_the_canvas() {
    let content =
        folio::content::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("bundled content loads");
    let mut drawn = 0;
    let mut not_drawable = Vec::new();
    for t in content.tables.values() {
        let Some(spec) = &t.chart else { continue };
        for lang in content.config.codes() {
            if t.title.get(&lang).is_none() || !content.strings.contains_key(&lang) {
                continue;
            }
            match chart::render(t, &lang, &content.strings[&lang], "x") {
                Some(r) => {
                    assert_inside(&r, &format!("{}.{lang}", t.id));
                    drawn += 1;
                }
                None => {
                    assert!(spec.reason.is_some(), "{}: not drawn and no reason", t.id);
                    not_drawable.push(t.id.clone());
                }
            }
        }
    }
    not_drawable.sort();
    not_drawable.dedup();
    // 26 captions: 21 with at least two stated points are drawn; maps without numbers, the
    // ASIC series, the Shanghai infographic and the one-city ranking cannot be.
    assert_eq!(
        not_drawable,
        [
            "ai-medical-devices-by-region",
            "asic-market",
            "autonomous-driving-solution-map",
            "new-ai-companies-by-city",
            "shanghai-ai-companies"
        ]
    );
    assert!(drawn >= 21, "{drawn} charts drawn");
}

/// The text of an SVG's `<desc>` element (with its attributes' tail).
fn desc_of(svg: &str) -> &str {
    svg.split("<desc")
        .nth(1)
        .and_then(|d| d.split("</desc>").next())
        .expect("the SVG has a <desc>")
}
