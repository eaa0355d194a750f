//! End-to-end: the `folio` binary on fixture sites.
//!
//! `tests/fixtures/basic/` is a small bilingual site (copied into a temporary folder together
//! with the repository's `templates/` and `static/`). Every folder under `tests/fixtures/bad/`
//! is one kind of broken input: its files are laid over the basic site, `expected.txt` holds the
//! exact diagnostic, and optional `delete.txt` lists files to remove. Each must fail with that
//! message, exit non-zero, and leave the previously built `public/` byte for byte as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A fresh copy of the basic fixture with the real templates and static files.
fn basic_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/basic"), dir.path());
    copy_dir(&repo().join("templates"), &dir.path().join("templates"));
    copy_dir(&repo().join("static"), &dir.path().join("static"));
    dir
}

struct Run {
    ok: bool,
    code: Option<i32>,
    stderr: String,
}

fn folio(args: &[&str], root: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .arg("--root")
        .arg(root)
        .current_dir(root)
        .output()
        .unwrap();
    Run {
        ok: out.status.success(),
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

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
    // Footnotes at the end, numbered per chapter, ids that cannot clash with headings.
    assert!(ko.contains("<a href=\"#fn:1\" id=\"fnref:1\" role=\"doc-noteref\">1</a>"));
    assert!(ko.contains(
        "<li id=\"fn:1\" value=\"1\"><p>중국시장조사기관 iResearch <a href=\"#fnref:1\""
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
        print.contains("<li id=\"market:fn:1\" value=\"1\">")
            && print.contains("<li id=\"intro:fn:1\" value=\"1\">"),
        "footnotes per chapter"
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
fn check_writes_nothing() {
    let site = basic_site();
    let run = folio(&["check"], site.path());
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("checked"));
    assert!(!site.path().join("public").exists());
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
    let strict = folio(&["build", "--strict"], site.path());
    assert!(!strict.ok);
    assert!(
        strict
            .stderr
            .contains("(warnings are errors under --strict)"),
        "{}",
        strict.stderr
    );
}

#[test]
fn every_bad_fixture_fails_with_its_message_and_keeps_the_previous_site() {
    let bad_root = repo().join("tests/fixtures/bad");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&bad_root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 8,
        "expected the bad-input fixtures, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let site = basic_site();
        let good = folio(&["build"], site.path());
        assert!(
            good.ok,
            "{name}: the basic site must build first: {}",
            good.stderr
        );
        let public = site.path().join("public");
        let before = snapshot(&public);

        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        let expected = expected.trim_end();
        if let Ok(list) = std::fs::read_to_string(case.join("delete.txt")) {
            for rel in list.lines().filter(|l| !l.trim().is_empty()) {
                std::fs::remove_file(site.path().join(rel.trim())).unwrap();
            }
        }
        for entry in walkdir::WalkDir::new(case) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(case).unwrap();
            if entry.file_type().is_file()
                && rel != Path::new("expected.txt")
                && rel != Path::new("delete.txt")
            {
                let dest = site.path().join(rel);
                std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
                std::fs::copy(entry.path(), dest).unwrap();
            }
        }
        let run = folio(&["build"], site.path());
        if run.ok || run.code != Some(1) {
            failures.push(format!(
                "{name}: expected exit code 1, got {:?}\n{}",
                run.code, run.stderr
            ));
        }
        if !run.stderr.lines().any(|l| l == expected) {
            failures.push(format!(
                "{name}: expected the line\n  {expected}\ngot:\n{}",
                run.stderr
            ));
        }
        if run.stderr.contains("panicked") {
            failures.push(format!("{name}: panicked\n{}", run.stderr));
        }
        if snapshot(&public) != before {
            failures.push(format!("{name}: the previous public/ was changed"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Applies `edit` to a copy of the basic site, runs `folio check`, returns stderr.
fn check_after(edit: impl Fn(&Path)) -> Run {
    let site = basic_site();
    edit(site.path());
    folio(&["check"], site.path())
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
    let run = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["stamp", "--root"])
        .arg(site.path())
        .arg("content/chapters/02-market.en.md")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let check = folio(&["check", "--strict"], site.path());
    assert!(check.ok, "{}", check.stderr);
    let text = read(site.path(), "content/chapters/02-market.en.md");
    assert!(text.starts_with("---\ntitle: \"1. Market size and outlook\"\npart: \"I. China's AI industry\"\ntranslated_from: c51a29dd4435\n---\n"), "{text}");
    // Stamping a source-language chapter is refused.
    let bad = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["stamp", "--root"])
        .arg(site.path())
        .arg("content/chapters/02-market.ko.md")
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr)
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
            Box::new(|r| {
                replace_in(
                    r,
                    MARKET,
                    "value: 2137.1, derived",
                    "value: 2200.0, derived",
                )
            }),
            "content/data/market.yaml:15:26: warning: [derived] the value 2,200.0 does not match its formula `2697 / 1.262` = 2,137.084 — expected 2,137.1 (the formula's result at the printed precision)",
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
