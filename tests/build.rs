//! End-to-end: the `folio` binary on fixture sites.
//!
//! `tests/fixtures/basic/` is a small bilingual site (copied into a temporary folder together
//! with the repository's `templates/` and `static/`). Broken input is tested in `bad_input.rs`.

mod common;

use common::{Run, SiteTest, basic_site, folio, leftovers, snapshot};
use std::path::Path;
use std::process::Command;

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn basic_site_builds_every_page() {
    let site = basic_site();
    let run = folio(&["build"], site.path());
    assert!(run.ok, "{}", run.stderr);
    let public = site.path().join("public");
    for page in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "style.css",
        "ko/index.html",
        "en/index.html",
        "ko/intro/index.html",
        "ko/market/index.html",
        "en/intro/index.html",
        "en/market/index.html",
    ] {
        assert!(public.join(page).is_file(), "missing {page}");
    }
    let ko = read(&public, "ko/market/index.html");
    // Page furniture.
    assert!(ko.contains("<html lang=\"ko\">"));
    assert!(ko.contains("<title>1. 시장 규모와 전망 — 시험 보고서</title>"));
    assert!(ko.contains("<link rel=\"canonical\" href=\"https://example.org/report/ko/market/\">"));
    assert!(ko.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/report/en/market/\">"
    ));
    assert!(ko.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/report/ko/market/\">"));
    assert!(ko.contains("<meta property=\"og:locale\" content=\"ko_KR\">"));
    assert!(
        ko.contains("<a href=\"../../en/market/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "language switch lands on the same chapter"
    );
    assert!(ko.contains("<a class=\"prev\" rel=\"prev\" href=\"../intro/\">"));
    assert!(ko.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"));
    // Headings keep Hangul and stay unique.
    assert!(ko.contains("<h2 id=\"시장-규모\" data-alt-en=\"market-size\">시장 규모</h2>"));
    assert!(ko.contains("<h2 id=\"시장-규모-1\" data-alt-en=\"market-size-1\">시장 규모</h2>"));
    // Shortcodes.
    assert!(ko.contains("<span class=\"figure-value\">2,697억 위안(약 371억 5,300만 달러)</span>"));
    assert!(ko.contains("<span class=\"caption-label\">그림 1</span> 중국의 AI 산업 시장규모 및 추이(2022년~2025년E)"));
    assert!(ko.contains("<span class=\"caption-label\">표 1</span> 주요 기업"));
    assert!(
        ko.contains("<span class=\"caption-label\">그림 3</span> 산업체인 별 핵심 기업"),
        "lost figures are numbered too"
    );
    assert!(ko.contains("<th scope=\"row\" rowspan=\"2\">반도체</th>"));
    assert!(ko.contains("<div class=\"box box-note\" role=\"note\" aria-label=\"일러두기\">"));
    // Links between chapters resolve, anchors percent-encoded by the Markdown renderer.
    assert!(ko.contains("href=\"../../ko/intro/#%EA%B8%B0%EC%B4%88%EB%8B%A8%EA%B3%84\""));
    // Footnotes at the end, numbered through the report (the first chapter has note 1), ids
    // that cannot clash with headings.
    assert!(ko.contains("<a href=\"#fn:2\" id=\"fnref:2\" role=\"doc-noteref\">2</a>"));
    assert!(ko.contains(
        "<li id=\"fn:2\" value=\"2\"><p>중국시장조사기관 iResearch <a href=\"#fnref:2\""
    ));

    let en = read(&public, "en/market/index.html");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains(
        "<span class=\"figure-value\">CNY 269.7 billion (about USD 37.2 billion)</span>"
    ));
    assert!(
        en.contains("<td class=\"num\">269.7</td>"),
        "English tables use billions"
    );
    assert!(en.contains("<p class=\"unit\">Unit: CNY billion, %</p>"));
    assert!(en.contains("<a href=\"../../ko/market/\" hreflang=\"ko\" lang=\"ko\">한국어</a>"));

    // Sections map to their counterparts for the language switch.
    let intro = read(&public, "ko/intro/index.html");
    assert!(
        intro.contains("<h2 id=\"기초단계\" data-alt-en=\"foundation-layer\">"),
        "section-level language switch"
    );
    assert!(
        read(&public, "en/intro/index.html")
            .contains("<h2 id=\"foundation-layer\" data-alt-ko=\"기초단계\">")
    );
    assert!(ko.contains("<script src=\"../../folio.js\" defer></script>"));

    // The print edition: every chapter on one page, ids namespaced per chapter.
    let print = read(&public, "ko/print/index.html");
    assert!(print.contains("<section class=\"print-chapter chapter\" id=\"market\" aria-labelledby=\"print-title:market\">"));
    assert!(
        print.contains("<h3 id=\"market:시장-규모\">시장 규모</h3>"),
        "headings one level down"
    );
    assert!(
        print.contains("<li id=\"market:fn:2\" value=\"2\">")
            && print.contains("<li id=\"intro:fn:1\" value=\"1\">"),
        "footnotes in each chapter's section, numbered through the report"
    );
    assert!(
        print.contains("href=\"#intro:%EA%B8%B0%EC%B4%88%EB%8B%A8%EA%B3%84\""),
        "cross-chapter links stay on the page"
    );
    assert!(
        print.contains("<span class=\"caption-label\">그림 1</span>")
            && print.contains("<span class=\"caption-label\">표 1</span>")
    );
    assert!(
        read(&public, "en/print/index.html")
            .contains("<a href=\"../../ko/print/\" hreflang=\"ko\" lang=\"ko\">한국어</a>")
    );

    let contents = read(&public, "ko/index.html");
    assert!(contents.contains("<span class=\"part-title\">I. 중국의 AI 산업 현황</span>"));
    assert!(contents.contains("&lt;USD 1 = 1,427.15원, CNY 1 = 196.60원&gt;"));
    let sitemap = read(&public, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/report/en/intro/</loc>"));
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"ko\" href=\"https://example.org/report/ko/intro/\"/>"));
    assert!(
        read(&public, "robots.txt").contains("Sitemap: https://example.org/report/sitemap.xml")
    );
    let not_found = read(&public, "404.html");
    assert!(
        not_found.contains("href=\"/report/style.css\""),
        "404 works at any depth"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = basic_site();
    assert!(folio(&["build"], site.path()).ok);
    let first = snapshot(&site.path().join("public"));
    assert!(folio(&["build", "--out", "public2"], site.path()).ok);
    let second = snapshot(&site.path().join("public2"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(
            bytes == &second[path],
            "{} differs between builds",
            path.display()
        );
    }
}

#[test]
fn an_output_folder_folio_did_not_make_is_left_alone_and_the_content_still_checked() {
    let site = basic_site();
    let docs = site.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("thesis.tex"), "precious").unwrap();
    replace_in(
        site.path(),
        "content/chapters/02-market.en.md",
        "title:",
        "titel:",
    );
    let run = folio(&["build", "--out", "docs"], site.path());
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: the output folder exists and was not made by folio"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown field `titel`"),
        "{}",
        run.stderr
    );
    assert_eq!(read(site.path(), "docs/thesis.tex"), "precious");
    assert_eq!(std::fs::read_dir(&docs).unwrap().count(), 1);
    let left = leftovers(site.path(), "docs");
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn check_writes_nothing() {
    let site = SiteTest::basic().check().succeeds().printed_part("checked");
    assert!(!site.root().join("public").exists());
}

#[test]
fn warnings_fail_only_under_strict() {
    let site = basic_site();
    std::fs::remove_file(site.path().join("content/chapters/01-intro.en.md")).unwrap();
    // The English market chapter links to the summary; point it elsewhere.
    let p = site.path().join("content/chapters/02-market.en.md");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("[summary](01-intro.md#foundation-layer)", "summary");
    std::fs::write(&p, text).unwrap();
    let run = folio(&["build"], site.path());
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains(
        "content/chapters/01-intro.ko.md:1:1: warning: chapter `01-intro` has no `en` translation — expected content/chapters/01-intro.en.md"
    ), "{}", run.stderr);
    let built = snapshot(&site.path().join("public"));
    // A change that would show on the page, so that a build which kept its pages would show.
    let text = std::fs::read_to_string(&p).unwrap() + "\nOne more paragraph.\n";
    std::fs::write(&p, text).unwrap();
    let strict = folio(&["build", "--strict"], site.path());
    assert!(!strict.ok);
    // Its pages were rendered and written before the warnings failed it: they are dropped.
    assert!(
        snapshot(&site.path().join("public")) == built,
        "public/ changed"
    );
    let left = leftovers(site.path(), "public");
    assert!(left.is_empty(), "{left:?}");
    assert!(
        strict
            .stderr
            .contains("(warnings are errors under --strict)"),
        "{}",
        strict.stderr
    );
}

/// Applies `edit` to a copy of the basic site, runs `folio check`, returns what it printed.
fn check_after(edit: impl Fn(&Path)) -> Run {
    let site = SiteTest::basic();
    edit(site.root());
    folio(&["check"], site.root())
}

fn replace_in(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn translation_parity_is_checked() {
    const EN: &str = "content/chapters/02-market.en.md";
    const KO: &str = "content/chapters/02-market.ko.md";
    type Edit = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "a table shown in one language only",
            Box::new(|r| replace_in(r, EN, "{{ table(id=\"firms\") }}", "")),
            "content/chapters/02-market.en.md:1:1: warning: table `firms` is shown in `ko` but not in `en` — expected the same table or chart in 02-market.en.md",
        ),
        (
            "a different number of footnotes",
            Box::new(|r| replace_in(r, EN, "in 2024[^4]", "in 2024")),
            "content/chapters/02-market.en.md:1:1: warning: chapter `02-market` has 1 footnotes in `ko` but 0 in `en` — expected the footnotes of 02-market.ko.md",
        ),
        (
            "a different number of headings",
            Box::new(|r| replace_in(r, EN, "## Market size\n\nA second", "A second")),
            "content/chapters/02-market.en.md:1:1: warning: chapter `02-market` has 2 headings in `ko` but 1 in `en` — expected the same sections, at the same levels, as 02-market.ko.md",
        ),
        (
            "a source changed after its translation",
            Box::new(|r| replace_in(r, KO, "두 번째 같은 제목.", "두 번째 같은 제목이다.")),
            "content/chapters/02-market.en.md:4:18: warning: the translation is out of date: `02-market.ko.md` changed after it was translated (translated_from: ce2c9d6142c5, source now c51a29dd4435) — expected the translation brought up to date, then `folio stamp content/chapters/02-market.en.md`",
        ),
        (
            "a translation that does not say what it was made from",
            Box::new(|r| replace_in(r, EN, "translated_from: ce2c9d6142c5\n", "")),
            "content/chapters/02-market.en.md:1:1: warning: the translation does not record which version of `02-market.ko.md` it was made from — expected `translated_from: ce2c9d6142c5` in its front matter (run `folio stamp content/chapters/02-market.en.md`)",
        ),
    ];
    let mut failures = Vec::new();
    for (name, edit, expected) in cases {
        let run = check_after(edit);
        if !run.ok {
            failures.push(format!(
                "{name}: a warning must not fail a plain check\n{}",
                run.stderr
            ));
        }
        if !run.stderr.lines().any(|l| l == expected) {
            failures.push(format!(
                "{name}: expected\n  {expected}\ngot:\n{}",
                run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn stamp_records_the_source_version() {
    let site = basic_site();
    replace_in(
        site.path(),
        "content/chapters/02-market.ko.md",
        "두 번째 같은 제목.",
        "두 번째 같은 제목이다.",
    );
    assert!(
        !folio(&["check", "--strict"], site.path()).ok,
        "stale before stamping"
    );
    let run = folio(&["stamp", "content/chapters/02-market.en.md"], site.path());
    assert!(run.ok, "{}", run.stderr);
    let check = folio(&["check", "--strict"], site.path());
    assert!(check.ok, "{}", check.stderr);
    let text = read(site.path(), "content/chapters/02-market.en.md");
    assert!(text.starts_with("---\ntitle: \"1. Market size and outlook\"\npart: \"I. China's AI industry\"\ntranslated_from: c51a29dd4435\n---\n"), "{text}");
    // Written through a temporary file renamed over the chapter: nothing else is left.
    let mut names: Vec<String> = std::fs::read_dir(site.path().join("content/chapters"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "01-intro.en.md",
            "01-intro.ko.md",
            "02-market.en.md",
            "02-market.ko.md"
        ]
    );
    // Stamping a source-language chapter is refused.
    let bad = folio(&["stamp", "content/chapters/02-market.ko.md"], site.path());
    assert!(!bad.ok);
    assert!(
        bad.stderr
            .contains("is in the source language `ko` — expected a translation")
    );
}

#[test]
fn pdf_uses_the_local_chromium_or_says_how_to_get_one() {
    let site = basic_site();
    let out = site.path().join("report.pdf");
    let run = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["pdf", "--lang", "en", "--root"])
        .arg(site.path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    assert!(bytes.len() > 10_000);
    let missing = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["pdf", "--root"])
        .arg(site.path())
        .env("PATH", "/nonexistent")
        .env_remove("FOLIO_CHROMIUM")
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains(
        "error: no Chromium found on this machine (folio never downloads a browser) — expected `chromium` on the PATH (Debian/Ubuntu: apt-get install chromium)"
    ));
}

#[test]
fn numeric_findings_have_exact_messages_and_can_be_acknowledged() {
    const MARKET: &str = "content/data/market.yaml";
    const SHARES: &str = "content/data/functions.yaml";
    type Edit = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "growth",
            Box::new(|r| {
                replace_in(
                    r,
                    MARKET,
                    "value: 3522, growth: 30.6",
                    "value: 3522, growth: 35.0",
                )
            }),
            "content/data/market.yaml:17:56: warning: [growth] the 2025 growth rate is 35.0%, but the values give 30.6% (3,522 in 2025 against 2,697 in 2024) — expected a growth rate between 30.5% and 30.6%, or an acknowledgement",
        ),
        (
            "shares",
            Box::new(|r| replace_in(r, SHARES, "share: 24 }", "share: 20 }")),
            "content/data/functions.yaml:7:3: warning: [shares] the shares add up to 96.0%, not 100% — expected shares summing to 100% within ±2.50, the missing share as a row, or an acknowledgement",
        ),
        (
            "derived",
            Box::new(|r| replace_in(r, MARKET, "value: 2137, derived", "value: 2200, derived")),
            "content/data/market.yaml:15:26: warning: [derived] the value 2,200 does not match its formula `value[2024] / 1.262` = 2,137.08 — expected 2,137 (the formula's result at the printed precision)",
        ),
        (
            "derived, more precise than its column",
            Box::new(|r| replace_in(r, MARKET, "value: 2137, derived", "value: 2137.1, derived")),
            "content/data/market.yaml:15:26: warning: [derived] the value 2,137.1 has 1 decimal(s); the figures it stands beside have 0 — expected a derived value with the precision of the stated figures of its column",
        ),
        (
            "derived, a figure of the table written as a literal",
            Box::new(|r| replace_in(r, MARKET, "\"value[2024] / 1.262\"", "\"2697 / 1.262\"")),
            "content/data/market.yaml:15:26: warning: [derived] `2697` in `2697 / 1.262` is this table's `value[2024]`, and would be shown in the table's scale — expected `value[2024]` in the formula, shown in each edition's units",
        ),
        (
            "conversion in Korean",
            Box::new(|r| {
                replace_in(
                    r,
                    "content/chapters/02-market.ko.md",
                    "(약 194억 5,100만 달러)",
                    "(약 200억 달러)",
                )
            }),
            "content/chapters/02-market.ko.md:20:11: warning: [conversion] `1,412억 위안(약 200억 달러)`: at the site's rates 1,412억 위안 is 195억 달러 — expected a converted amount within ±6천만 달러 of it, or an acknowledgement",
        ),
        (
            "conversion in English",
            Box::new(|r| {
                replace_in(
                    r,
                    "content/chapters/02-market.en.md",
                    "(about USD 19.45 billion)",
                    "(about USD 25 billion)",
                )
            }),
            "content/chapters/02-market.en.md:21:19: warning: [conversion] `CNY 141.2 billion (about USD 25 billion)`: at the site's rates CNY 141.2 billion is USD 19 billion — expected a converted amount within ±USD 507 million of it, or an acknowledgement",
        ),
    ];
    let mut failures = Vec::new();
    for (name, edit, expected) in cases {
        let run = check_after(edit);
        if !run.stderr.lines().any(|l| l == expected) {
            failures.push(format!(
                "{name}: expected\n  {expected}\ngot:\n{}",
                run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));

    // Acknowledged findings are reported as notes and do not fail --strict.
    let site = basic_site();
    replace_in(
        site.path(),
        MARKET,
        "value: 3522, growth: 30.6",
        "value: 3522, growth: 35.0",
    );
    replace_in(
        site.path(),
        MARKET,
        "chart:",
        "acknowledged:\n  - { check: growth, row: \"2025\", reason: as printed in the report }\nchart:",
    );
    replace_in(
        site.path(),
        "content/chapters/02-market.en.md",
        "(about USD 19.45 billion)",
        "(about USD 25 billion)",
    );
    replace_in(
        site.path(),
        "content/chapters/02-market.en.md",
        "part: \"I. China's AI industry\"\n",
        "part: \"I. China's AI industry\"\nacknowledged:\n  - { text: \"(about USD 25 billion)\", reason: as printed }\n",
    );
    let run = folio(&["check", "--strict"], site.path());
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("content/data/market.yaml:17:56: note: acknowledged (as printed in the report): [growth] the 2025 growth rate is 35.0%"), "{}", run.stderr);
    assert!(run.stderr.contains("note: acknowledged (as printed): [conversion] `CNY 141.2 billion (about USD 25 billion)`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("(0 warning(s), 2 acknowledged)"),
        "{}",
        run.stderr
    );
}

#[test]
fn findings_as_json_and_github_annotations() {
    let site = basic_site();
    replace_in(
        site.path(),
        "content/data/market.yaml",
        "value: 3522, growth: 30.6",
        "value: 3522, growth: 35.0",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["check", "--format", "json", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(json[0]["path"], "content/data/market.yaml");
    assert_eq!(json[0]["line"], 17);
    assert_eq!(json[0]["severity"], "warning");
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["check", "--format", "github", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("::warning file=content/data/market.yaml,line=17,col=56::[growth] the 2025 growth rate is 35.0%"), "{stderr}");
}

#[test]
fn markup_in_titles_cells_and_chart_labels_is_inert() {
    let site = basic_site();
    let payload = r#"<script>alert(1)</script>\" onmouseover=\"alert(2)"#;
    // A table cell, a chart label (a share chart's slice), a chart legend (a column label) and
    // a chapter title.
    replace_in(
        site.path(),
        "content/data/firms.yaml",
        "name: Mindray",
        &format!("name: \"Mindray{payload}\""),
    );
    replace_in(
        site.path(),
        "content/data/functions.yaml",
        "function: { ko: 기타, en: Other }",
        &format!("function: {{ ko: \"기타{payload}\", en: \"Other{payload}\" }}"),
    );
    replace_in(
        site.path(),
        "content/data/market.yaml",
        "label: { ko: 시장규모, en: Market size }",
        &format!("label: {{ ko: \"시장규모{payload}\", en: \"Market size{payload}\" }}"),
    );
    replace_in(
        site.path(),
        "content/chapters/02-market.ko.md",
        "title: \"1. 시장 규모와 전망\"",
        &format!("title: \"1. 시장 규모와 전망{payload}\""),
    );
    let run = folio(&["build"], site.path());
    assert!(run.ok, "{}", run.stderr);
    let public = site.path().join("public");
    let mut escaped_in = Vec::new();
    for (path, bytes) in snapshot(&public) {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["html", "svg", "xml"].contains(&ext) {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let name = path.display().to_string();
        assert!(!text.contains("<script>alert"), "{name}: a live <script>");
        assert!(
            !text.contains("\" onmouseover="),
            "{name}: a live attribute"
        );
        assert!(
            !text.contains("onmouseover=\"alert"),
            "{name}: a live attribute"
        );
        if text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") {
            escaped_in.push(name);
        }
    }
    // The text itself is published, escaped, wherever it appears.
    for page in [
        "ko/market/index.html",
        "en/market/index.html",
        "ko/index.html",
        "ko/print/index.html",
        "charts/market.ko.svg",
        "charts/functions.en.svg",
    ] {
        assert!(
            escaped_in.iter().any(|p| p == page),
            "{page} does not show the escaped text; escaped in {escaped_in:?}"
        );
    }
}

#[test]
fn every_page_has_a_content_security_policy_that_its_markup_keeps() {
    let site = basic_site();
    assert!(folio(&["build"], site.path()).ok);
    let public = site.path().join("public");
    let mut pages = 0;
    for (path, bytes) in snapshot(&public) {
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        let name = path.display();
        let start = html
            .find("<meta http-equiv=\"Content-Security-Policy\" content=\"")
            .unwrap_or_else(|| panic!("{name}: no Content-Security-Policy"));
        let head_end = html.find("</head>").unwrap();
        assert!(start < head_end, "{name}: the policy must be in <head>");
        let policy = html[start..].split('"').nth(3).unwrap();
        assert!(
            policy.starts_with("default-src 'self';"),
            "{name}: {policy}"
        );
        // No other origin: no scheme, no host, no wildcard, no inline code.
        for banned in ["http", "*", "//", "'unsafe-inline'", "'unsafe-eval'"] {
            assert!(!policy.contains(banned), "{name}: {banned} in {policy}");
        }
        // What the policy forbids, the markup does not use.
        assert!(!html.contains("<script>"), "{name}: inline script");
        assert!(!html.contains(" style=\""), "{name}: inline style");
        assert!(!html.contains("<style"), "{name}: style element");
        assert!(!html.contains(" onclick="), "{name}: inline handler");
        for src in html.split("src=\"").skip(1) {
            assert!(
                !src.starts_with("http"),
                "{name}: external resource {src:.40}"
            );
        }
    }
    assert!(pages >= 8, "only {pages} pages");
}

#[test]
fn a_quick_chapter_rebuild_gives_the_page_a_full_build_gives() {
    use folio::build::{generate, generate_snapshot, rebuild_chapter};
    let site = basic_site();
    let root = site.path().canonicalize().unwrap();
    let (_, _, mut snapshot) =
        generate_snapshot(&root, &mut folio::base::timings::Timings::default(), true).unwrap();
    replace_in(
        &root,
        "content/chapters/02-market.ko.md",
        "두 번째 같은 제목.",
        "두 번째 같은 제목, 고쳐 씀.",
    );
    let path = root.join("content/chapters/02-market.ko.md");
    let quick = rebuild_chapter(&mut snapshot, &path)
        .expect("a chapter of the snapshot")
        .unwrap();
    let (full, _) = generate(&root).unwrap();
    let page = |files: &[folio::site::output::OutFile]| {
        files
            .iter()
            .find(|f| f.path == "ko/market/index.html")
            .map(|f| f.bytes.clone())
            .unwrap()
    };
    let quick_page = page(&quick);
    assert!(String::from_utf8_lossy(&quick_page).contains("고쳐 씀"));
    assert!(
        quick_page == page(&full),
        "the quick page differs from the full build's"
    );
    // Its charts and tables come along, as in the full build.
    for f in &quick {
        let same = full.iter().find(|g| g.path == f.path).unwrap();
        assert!(same.bytes == f.bytes, "{} differs", f.path);
    }
    assert!(quick.iter().any(|f| f.path.ends_with(".svg")));
    // A file that is not a chapter of the snapshot needs a full build.
    assert!(rebuild_chapter(&mut snapshot, &root.join("content/chapters/09-new.ko.md")).is_none());
}

#[test]
fn search_can_be_turned_off() {
    let site = SiteTest::basic()
        .build()
        .succeeds()
        .page_has("ko/market/index.html", "role=\"search\"");
    assert!(site.has_output("pagefind/pagefind.js"));

    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    let site = site
        .write("content/site.yaml", &format!("{yaml}search: false\n"))
        .build()
        .succeeds()
        // No search box, no search script.
        .page_lacks("ko/market/index.html", "role=\"search\"")
        .page_lacks("ko/market/index.html", "search.js");
    assert!(!site.has_output("pagefind"), "no index");
}

/// Figures f64 could not print exactly (a relative nudge before rounding printed 999,999,999 as
/// 1,000,000,000; 2^53 + 1 is not a double) are published with their digits, in both
/// languages, in prose, in the table and in the CSV.
#[test]
fn large_figures_keep_every_digit_on_pages_and_in_downloads() {
    let table = "title: { ko: 큰 수, en: Large figures }
columns:
  - { id: name, label: { ko: 항목, en: Item }, type: name }
  - { id: people, label: { ko: 인원, en: People }, type: number, unit: { kind: count, noun: { ko: 명, en: people } } }
  - { id: won, label: { ko: 금액, en: Amount }, type: number, unit: { kind: money, currency: KRW } }
rows:
  - { name: a, people: 999999999, won: 9876543210 }
  - { name: b, people: 1234567890, won: 9007199254740993 }
";
    let site = SiteTest::basic()
        .write("content/data/large.yaml", table)
        .replace(
            "content/chapters/02-market.ko.md",
            "2024년 규모는",
            "큰 수: {{ value(id=\"large\", row=\"a\", col=\"people\") }}, {{ value(id=\"large\", row=\"b\", col=\"people\") }}, {{ value(id=\"large\", row=\"a\", col=\"won\") }}, {{ value(id=\"large\", row=\"b\", col=\"won\") }}.\n\n{{ table(id=\"large\") }}\n\n2024년 규모는",
        )
        .replace(
            "content/chapters/02-market.en.md",
            "{{ chart(id=\"functions\") }}",
            "Large: {{ value(id=\"large\", row=\"a\", col=\"people\") }}, {{ value(id=\"large\", row=\"b\", col=\"people\") }}, {{ value(id=\"large\", row=\"a\", col=\"won\") }}, {{ value(id=\"large\", row=\"b\", col=\"won\") }}.\n\n{{ table(id=\"large\") }}\n\n{{ chart(id=\"functions\") }}",
        )
        .build()
        .succeeds()
        .page_has("ko/market/index.html", "9억 9,999만 9,999명")
        .page_has("ko/market/index.html", "12억 3,456만 7,890명")
        .page_has("ko/market/index.html", "98억 7,654만 3,210원")
        .page_has("ko/market/index.html", "9,007조 1,992억 5,474만 993원")
        .page_has("ko/market/index.html", "<td class=\"num\">1,234,567,890</td>")
        .page_has("en/market/index.html", "999,999,999 people")
        .page_has("en/market/index.html", "1,234,567,890 people")
        .page_has("en/market/index.html", "KRW 9,876,543,210")
        .page_has("en/market/index.html", "KRW 9,007,199,254,740,993")
        .page_has("en/market/index.html", "<td class=\"num\">9,007,199,254,740,993</td>");
    let csv = site.page("data/large.csv");
    assert!(csv.contains("a,999999999,9876543210"), "{csv}");
    assert!(csv.contains("b,1234567890,9007199254740993"), "{csv}");
}

/// A site with only `content/` builds with the built-in theme (templates, static files, UI
/// strings); a site's own template, static file or UI string replaces the built-in one alone.
#[test]
fn the_built_in_theme_fills_in_what_a_site_does_not_have() {
    let site = SiteTest::basic();
    for dir in ["templates", "static", "content/i18n"] {
        std::fs::remove_dir_all(site.root().join(dir)).unwrap();
    }
    let site = site
        .run(&["build", "--strict"])
        .succeeds()
        .page_has(
            "ko/market/index.html",
            "<a class=\"skip-link\" href=\"#content:main\">본문 바로가기</a>",
        )
        .page_has("en/market/index.html", "Skip to content")
        .page_has(
            "en/index.html",
            "(USD 1 = KRW 1,427.15, CNY 1 = KRW 196.60)",
        );
    assert!(site.has_output("style.css") && site.has_output("search.js"));
    let site = site
        .write("templates/partials/footer.html", "<footer>ours</footer>")
        .write("static/style.css", "body{}")
        .write(
            "content/i18n/en.yaml",
            "skip_to_content: Jump to the text\n",
        )
        .run(&["build", "--strict"])
        .succeeds()
        .page_has("en/market/index.html", "<footer>ours</footer>")
        .page_has("en/market/index.html", "Jump to the text")
        .page_has("en/market/index.html", "Previous chapter")
        .page_has("ko/market/index.html", "본문 바로가기");
    assert_eq!(site.page("style.css"), "body{}");
    assert!(
        site.has_output("folio.js"),
        "the other static files are built in"
    );
}

/// The smallest configuration: a title and one language, one chapter. A site of one language
/// has no language in its addresses and no language switch.
#[test]
fn two_lines_of_configuration_and_one_chapter_build_strictly() {
    let site = SiteTest::of(&[
        ("content/site.yaml", "title: My report\nlanguages: [en]\n"),
        (
            "content/chapters/01-intro.en.md",
            "---\ntitle: Introduction\n---\n\n## Scope\n\nA first chapter.[^1]\n\n[^1]: A note.\n",
        ),
    ])
    .run(&["build", "--strict"])
    .succeeds()
    .page_has("index.html", "<a href=\"intro/\">Introduction</a>")
    .page_has("intro/index.html", "<html lang=\"en\">")
    .page_has("intro/index.html", "<h2 id=\"scope\">Scope</h2>")
    .page_lacks("intro/index.html", "language-switch")
    .page_has("print/index.html", "Introduction");
    assert!(!site.has_output("en"), "no language folder");
    assert!(
        !site.has_output("sitemap.xml"),
        "no sitemap without a base_url"
    );
    assert!(!site.page("robots.txt").contains("Sitemap"));
}

/// Three languages, one of them (Japanese) with a myriad notation of its own, money in yen and
/// euros converted through the won: every page has the switch and hreflang for all three, a
/// chapter missing in one language is listed there in the default language, and written
/// conversions are checked at the site's rates.
#[test]
fn three_languages_with_yen_and_euro_tables() {
    let table = "title: { ko: 매출, en: Sales, ja: 売上 }
columns:
  - { id: year, label: { ko: 연도, en: Year, ja: 年 }, type: year }
  - { id: yen, label: { ko: 엔화, en: Yen, ja: 円 }, type: number, unit: { kind: money, currency: JPY, scale: 1e8 } }
  - { id: euro, label: { ko: 유로화, en: Euro, ja: ユーロ }, type: number, unit: { kind: money, currency: EUR, scale: 1e6 } }
rows:
  - { year: 2024, yen: 2697, euro: 12.5 }
";
    let chapter = |lang: &str, title: &str, text: &str| {
        (
            format!("content/chapters/01-sales.{lang}.md"),
            format!(
                "---\ntitle: {title}\n---\n\n## 1\n\n{text}\n\n{{{{ table(id=\"sales\") }}}}\n"
            ),
        )
    };
    let ko = chapter(
        "ko",
        "매출",
        "{{ value(id=\"sales\", row=2024, col=\"yen\", convert=\"EUR\") }}, 1,000억 엔(약 9억 3천만 유로)",
    );
    let en = chapter(
        "en",
        "Sales",
        "{{ value(id=\"sales\", row=2024, col=\"euro\", convert=\"JPY\") }}",
    );
    let ja = chapter(
        "ja",
        "売上",
        "{{ value(id=\"sales\", row=2024, col=\"yen\", convert=\"EUR\") }}",
    );
    SiteTest::of(&[
        (
            "content/site.yaml",
            "title: { ko: 보고서, en: Report, ja: レポート }
languages: [ko, en, ja]
base_url: https://example.org/r/
exchange_rates:
  base: KRW
  rates: { JPY: 9.5, EUR: 1500 }
",
        ),
        ("content/data/sales.yaml", table),
        (&ko.0, &ko.1),
        (&en.0, &en.1),
        (&ja.0, &ja.1),
        (
            "content/chapters/02-only.ko.md",
            "---\ntitle: 한국어만\n---\n\n한국어로만 쓴 장.\n",
        ),
    ])
    .check()
    .printed(
        "content/chapters/01-sales.ko.md:7:62: warning: [conversion] `1,000억 엔(약 9억 3천만 유로)`: at the site's rates 1천억 엔 is 6억 3천만 유로 — expected a converted amount within ±500만 유로 of it, or an acknowledgement",
    )
    .printed_part("chapter `02-only` has no `ja` translation")
    .build()
    .succeeds()
    // 2,697억 엔 at 9.5 won per yen and 1,500 won per euro: 17억 800만 유로.
    .page_has("ko/sales/index.html", "2,697억 엔(약 17억 800만 유로)")
    .page_has("ja/sales/index.html", "2,697億円（約17億800万ユーロ）")
    .page_has("en/sales/index.html", "EUR 12.5 million (about JPY 2 billion)")
    .page_has("ja/sales/index.html", "<td class=\"num\">2,697</td>")
    .page_has("ja/sales/index.html", "hreflang=\"en\"")
    .page_has("ja/sales/index.html", "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/r/ko/sales/\">")
    .page_has("en/sales/index.html", "lang=\"ja\">日本語</a>")
    .page_has(
        "ja/index.html",
        "<a href=\"../ko/only/\" hreflang=\"ko\" lang=\"ko\">한국어만</a> <span class=\"in-language\">(한국어)</span>",
    );
}

/// `folio init` makes a report that builds strictly in any languages, German numbers and all;
/// it never writes into a folder that is not empty, nor with a language code CLDR does not know.
#[test]
fn init_makes_a_report_that_builds_strictly_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let init = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let made = init(&["init", "r", "--languages", "en,de,ko"]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let root = dir.path().join("r");
    assert!(!root.join("templates").exists() && !root.join("static").exists());
    assert!(root.join(".github/workflows/publish.yml").is_file());
    let run = folio(&["build", "--strict"], &root);
    assert!(run.ok, "{}", run.stderr);
    let de = read(&root, "public/de/overview/index.html");
    assert!(de.contains("14,0 Milliarden USD"), "German figures");
    assert!(de.contains("<td class=\"num\">12,5</td>"), "German cells");
    let ko = read(&root, "public/ko/overview/index.html");
    assert!(ko.contains("140억 달러"), "Korean figures");
    // Into a folder that is not empty: refused, nothing written.
    let before = snapshot(&root);
    let again = init(&["init", "r"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("r:1:1: error: the folder is not empty"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(snapshot(&root) == before, "nothing changed");
    // An unknown language code: refused before anything is written.
    let bad = init(&["init", "s", "--languages", "en,qqq"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown language `qqq`"));
    assert!(!dir.path().join("s").exists());
}

#[test]
fn links_that_stay_inside_the_site_are_followed() {
    // A shared folder linked into static/, a chapter linked from another folder of the site,
    // and a partial template linked from static/: all inside the site root, so all read.
    let site = SiteTest::basic().write("shared/logo.svg", "<svg/>").write(
        "drafts/03-extra.ko.md",
        "---\ntitle: 덧붙임\n---\n\n연결된 장.\n",
    );
    let root = site.root();
    std::os::unix::fs::symlink("../shared", root.join("static/shared")).unwrap();
    std::os::unix::fs::symlink(
        "../../drafts/03-extra.ko.md",
        root.join("content/chapters/03-extra.ko.md"),
    )
    .unwrap();
    site.build()
        .succeeds()
        .page_has("shared/logo.svg", "<svg/>")
        .page_has("ko/extra/index.html", "연결된 장.");
}

#[test]
fn a_file_name_cannot_forge_a_ci_command_or_split_a_diagnostic() {
    let name = "content/chapters/03-x\n::error file=README.md,line=1::forged.ko.md";
    // (JSON goes to stdout, and its escaping is unit-tested in src/base/diag.rs.)
    for format in ["text", "github"] {
        let site = SiteTest::basic()
            .write(name, "---\ntitle: x\n---\n")
            .run(&["check", "--format", format]);
        let site = site.fails();
        let out = site.stderr();
        assert!(
            !out.lines().any(|l| l.starts_with("::error file=README.md")),
            "{format}: {out}"
        );
        assert!(
            !out.lines().any(|l| l.starts_with("::error::forged")),
            "{format}: {out}"
        );
        let line = out
            .lines()
            .find(|l| l.contains("forged"))
            .unwrap_or_else(|| panic!("{format}: {out}"));
        assert!(
            line.contains("03-x\\n::error") || line.contains("03-x\\n%3A%3Aerror"),
            "{line}"
        );
    }
}

#[test]
fn an_output_folder_inside_an_input_folder_or_the_root_is_refused_before_anything_is_written() {
    let site = basic_site();
    let root = site.path();
    let expected =
        "expected an output folder outside content/, templates/ and static/ (such as public/)";
    let root_arg = root.to_string_lossy().into_owned();
    let linked = root.join("linked-static");
    std::os::unix::fs::symlink("static", &linked).unwrap();
    let linked_out = linked.join("out").to_string_lossy().into_owned();
    for (out, line) in [
        (
            "static/out",
            format!(
                "static/out:1:1: error: the output folder is inside the input folder `static/` — {expected}"
            ),
        ),
        (
            "static",
            format!(
                "static:1:1: error: the output folder is inside the input folder `static/` — {expected}"
            ),
        ),
        (
            "content/x",
            format!(
                "content/x:1:1: error: the output folder is inside the input folder `content/` — {expected}"
            ),
        ),
        (
            "templates/partials/p",
            format!(
                "templates/partials/p:1:1: error: the output folder is inside the input folder `templates/` — {expected}"
            ),
        ),
        (
            "public/../static/o",
            format!(
                "public/../static/o:1:1: error: the output folder is inside the input folder `static/` — {expected}"
            ),
        ),
        (
            linked_out.as_str(),
            format!(
                "linked-static/out:1:1: error: the output folder is inside the input folder `static/` — {expected}"
            ),
        ),
        (
            ".",
            format!(".:1:1: error: the output folder is the site root itself — {expected}"),
        ),
        (
            root_arg.as_str(),
            format!(".:1:1: error: the output folder is the site root itself — {expected}"),
        ),
    ] {
        let before = snapshot(root);
        let run = folio(&["build", "--out", out], root);
        assert_eq!(run.code, Some(1), "{out}: {}", run.stderr);
        let errors: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains(": error: "))
            .collect();
        assert_eq!(errors, [line.as_str()], "{out}");
        assert_eq!(snapshot(root), before, "{out}: something was written");
        for dir in [".", "static", "content", "templates"] {
            assert!(leftovers(&root.join(dir), "out").is_empty(), "{out}");
        }
    }
    // An output next to the inputs is fine.
    let run = folio(&["build", "--out", "site-out"], root);
    assert!(run.ok, "{}", run.stderr);
}

#[test]
fn a_link_written_in_decomposed_hangul_finds_its_heading() {
    // `기초단계` typed as letters (NFD, as some systems save it) in the link, as syllables (NFC)
    // in the heading of 01-intro.
    let nfd = "\u{1100}\u{1175}\u{110E}\u{1169}\u{1103}\u{1161}\u{11AB}\u{1100}\u{1168}";
    SiteTest::basic()
        .replace(
            "content/chapters/02-market.ko.md",
            "(01-intro.md#기초단계)",
            &format!("(01-intro.md#{nfd}) [여기](#{nfd})"),
        )
        .replace(
            "content/chapters/02-market.ko.md",
            "## 시장 규모\n\n두 번째",
            &format!("## {nfd}\n\n두 번째"),
        )
        .build()
        .succeeds()
        .page_has(
            "ko/market/index.html",
            "href=\"../../ko/intro/#%EA%B8%B0%EC%B4%88%EB%8B%A8%EA%B3%84\"",
        )
        .page_has("ko/market/index.html", "<h2 id=\"기초단계\" ")
        .page_has(
            "ko/market/index.html",
            "href=\"#%EA%B8%B0%EC%B4%88%EB%8B%A8%EA%B3%84\"",
        );
}

#[test]
fn pdf_says_what_is_wrong_with_its_output_path_before_building() {
    let site = basic_site();
    std::fs::write(site.path().join("afile"), "x").unwrap();
    std::fs::create_dir(site.path().join("afolder")).unwrap();
    for (out, line) in [
        (
            "afile/x.pdf",
            "afile/x.pdf:1:1: error: `afile` is a file, not a folder — expected a PDF path in an existing folder",
        ),
        (
            "nowhere/x.pdf",
            "nowhere/x.pdf:1:1: error: the folder `nowhere` does not exist — expected a PDF path in an existing folder (make the folder first)",
        ),
        (
            "afolder",
            "afolder:1:1: error: the PDF's path is a folder — expected a file name, such as report.ko.pdf",
        ),
    ] {
        let run = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["pdf", "--out", out])
            .current_dir(site.path())
            // A Chromium that would fail: it is never reached.
            .env("FOLIO_CHROMIUM", "/bin/false")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        assert_eq!(stderr.lines().collect::<Vec<_>>(), [line], "{out}");
    }
}

/// Footnotes run through each language's report as printed reports number them (the second
/// chapter's first note is 2, in its page and in the print edition), or start at 1 in every
/// chapter with `footnotes: chapter`.
#[test]
fn footnotes_are_numbered_through_the_report_or_per_chapter() {
    let site = SiteTest::basic()
        .build()
        .succeeds()
        .page_has("ko/intro/index.html", "<li id=\"fn:1\" value=\"1\">")
        .page_has(
            "ko/market/index.html",
            "<a href=\"#fn:2\" id=\"fnref:2\" role=\"doc-noteref\">2</a>",
        )
        .page_has("en/market/index.html", "<li id=\"fn:2\" value=\"2\">")
        .page_lacks("en/market/index.html", "id=\"fn:1\"")
        .page_has("ko/print/index.html", "<li id=\"market:fn:2\" value=\"2\">");
    site.replace("content/site.yaml", "title:", "footnotes: chapter\ntitle:")
        .build()
        .succeeds()
        .page_has("ko/market/index.html", "<li id=\"fn:1\" value=\"1\">")
        .page_has("ko/print/index.html", "<li id=\"market:fn:1\" value=\"1\">");
}

/// A name cell is shown in every language, so the glossary check reads it as the translation
/// too: a Latin name the glossary spells otherwise is a warning at the cell, and a name written
/// per language (`{ ko: …, en: … }`) is shown in each edition in its own form.
#[test]
fn table_names_follow_the_glossary_or_are_written_per_language() {
    let glossary = "terms:\n  - { ko: Mindray, en: MindRay Medical, zh: 迈瑞 }\n";
    let site = SiteTest::basic()
        .write("content/glossary.yaml", glossary)
        .check();
    assert!(
        site.stderr().lines().any(|l| l == "content/data/firms.yaml:9:48: warning: `Mindray` is in the row's `ko` cells, but its glossary form `MindRay Medical` is not in its `en` cells (this name cell is shown in every language) — expected `MindRay Medical` in the `en` row: a name per language (`{ ko: …, en: … }`), or a glossary update"),
        "{}",
        site.stderr()
    );
    site.replace(
        "content/data/firms.yaml",
        "name: Mindray,",
        "name: { ko: Mindray, en: MindRay Medical },",
    )
    .run(&["build", "--strict"])
    .succeeds()
    .page_has("ko/market/index.html", "<td>Mindray</td>")
    .page_has("en/market/index.html", "<td>MindRay Medical</td>");
}

/// The site's own notes are labelled and styled apart from the report's: a table's
/// `editorial:` notes after its `notes:`, and `editor_note()` at a sentence.
#[test]
fn editorial_notes_are_told_apart_from_the_reports_notes() {
    SiteTest::basic()
        .replace(
            "content/data/market.yaml",
            "columns:",
            "editorial:\n  - { ko: 원문 그림은 유실됨, en: The original figure was lost }\ncolumns:",
        )
        .replace(
            "content/chapters/02-market.en.md",
            "in 2024[^4]",
            "in 2024[^4] {{ editor_note(text=\"As printed.\") }}",
        )
        .build()
        .succeeds()
        .page_has("ko/market/index.html", "<p class=\"note\">주: 2023년은 계산값</p>\n<p class=\"note editorial\"><span class=\"editorial-label\">편집자 주:</span> 원문 그림은 유실됨</p>")
        .page_has("en/market/index.html", "<p class=\"note editorial\"><span class=\"editorial-label\">Editor&#39;s note:</span> The original figure was lost</p>")
        .page_has("en/market/index.html", "<small class=\"editor-note\" role=\"note\">[<span class=\"editorial-label\">Editor&#39;s note:</span> As printed.]</small>");
}
