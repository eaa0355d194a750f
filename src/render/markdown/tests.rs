//! The Markdown renderer on small bodies, with a context that knows three shortcodes.

use super::shortcode::Shortcode;
use super::*;
use crate::lang::Lang;

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
            Some(id) => Ok(format!("<table data-id=\"{id}\"></table>\n")),
            None if sc.name == "box" => Ok("<aside>\n".into()),
            None => Err(Problem::new("no id", "id")),
        }
    }
    fn close(&mut self, _: &Shortcode) -> String {
        "</aside>\n".into()
    }
    fn inline(&mut self, _: &Shortcode) -> Result<String, Problem> {
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

fn labels() -> Labels {
    Labels {
        footnotes: "각주".into(),
        back_to_text: "본문으로".into(),
        quoted_script: None,
        first_footnote: 1,
    }
}

#[test]
fn korean_quotes_on_other_pages_are_marked() {
    let labels = Labels {
        quoted_script: Lang::of("en").quoted_script,
        ..labels()
    };
    let r = render(
        "The report writes *빅데크* for *Big Tech*.\n",
        &mut Ctx,
        &labels,
    );
    assert!(
        r.html
            .contains("<em lang=\"ko\">빅데크</em> for <em>Big Tech</em>"),
        "{}",
        r.html
    );
}

fn run(md: &str) -> Rendered {
    render(md, &mut Ctx, &labels())
}

#[test]
fn headings_get_unique_hangul_ids() {
    let r = run("## 1) 기초단계\n\ntext\n\n## 1) 기초단계\n\n### Sub {#custom}\n");
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["기초단계", "기초단계-1", "custom"]);
    assert!(r.html.contains("<h2 id=\"기초단계\">1) 기초단계</h2>"));
    assert_eq!(r.headings[2].level, 3);
}

#[test]
fn footnotes_are_numbered_by_first_reference_and_listed_at_the_end() {
    let r = run("b[^9] a[^2] again[^9]\n\n[^2]: Two\n[^9]: Nine\n\nafter\n");
    assert!(
        r.html
            .contains("<a href=\"#fn:1\" id=\"fnref:1\" role=\"doc-noteref\">1</a>")
    );
    assert!(r.html.contains("id=\"fnref:1-2\""));
    assert!(r.html.contains("<a href=\"#fn:2\" id=\"fnref:2\""));
    let notes = &r.html[r.html.find("<section class=\"footnotes\"").unwrap()..];
    assert!(notes.find("Nine").unwrap() < notes.find("Two").unwrap());
    assert!(notes.contains("<li id=\"fn:1\" value=\"1\"><p>Nine <a href=\"#fnref:1\""));
    assert!(notes.contains("<a href=\"#fnref:1-2\""));
    assert!(r.html.find("after").unwrap() < r.html.find("footnotes").unwrap());
    assert_eq!(r.footnote_count, 2);
    assert!(r.ids.contains(&"fn:2".to_string()));
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn footnotes_may_start_where_the_chapter_before_ended_and_are_counted_before_rendering() {
    let text =
        "b[^9] a[^2] again[^9] `[^x]` y[^3]\n\n[^2]: Two, citing [^9]\n[^9]: Nine\n[^u]: unused\n";
    let labels = Labels {
        first_footnote: 18,
        ..labels()
    };
    let r = render(text, &mut Ctx, &labels);
    assert!(
        r.html
            .contains("<a href=\"#fn:18\" id=\"fnref:18\" role=\"doc-noteref\">18</a>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<li id=\"fn:19\" value=\"19\"><p>Two"));
    assert!(r.ids.contains(&"fn:19".to_string()) && !r.ids.contains(&"fn:1".to_string()));
    // Two footnotes shown: `[^3]` is not defined, `[^x]` is code, `[^u]` never referenced.
    assert_eq!(r.footnote_count, 2);
    assert_eq!(super::footnote_count(text), 2);
    assert_eq!(super::footnote_count("no notes [^a]\n"), 0);
}

#[test]
fn footnote_problems() {
    let r = run("x[^1] y[^3]\n\n[^1]: one\n[^2]: two\n");
    let msgs: Vec<_> = r
        .findings
        .iter()
        .map(|f| (f.problem.message.as_str(), f.error))
        .collect();
    assert!(
        msgs.contains(&("footnote `[^3]` has no definition", true)),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&("footnote `[^2]` is never referenced", false)),
        "{msgs:?}"
    );
}

#[test]
fn shortcodes_expand_in_place_with_correct_offsets() {
    let md = "- item\n{{ table(id=\"t1\") }}\n\nIt was {{ value(id=\"m\") }} in 2024.\n\n{% box() %}\ninside\n{% end %}\n";
    let r = run(md);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert!(
        r.html.contains("</ul>\n<table data-id=\"t1\"></table>\n"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<p>It was 2,697억 위안 in 2024.</p>"));
    assert!(
        r.html.contains("<aside>\n<p>inside</p>\n</aside>\n"),
        "{}",
        r.html
    );
    let r = run("para\n\nok\n{{ table(id=\"missing\") }}\n");
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].offset, "para\n\nok\n".len());
    assert_eq!(r.findings[0].problem.message, "unknown table `missing`");
}

#[test]
fn misplaced_or_unknown_shortcodes() {
    let cases = [
        ("text {{ table(id=\"a\") }}\n", "must stand alone"),
        ("  {{ table(id=\"a\") }}\n", "must stand alone"),
        ("{{ tabel(id=\"a\") }}\n", "unknown shortcode `tabel`"),
        ("{% table(id=\"a\") %}\n", "wrong delimiters"),
        ("{% box() %}\ntext\n", "is never closed"),
        ("{% end %}\n", "closes nothing"),
    ];
    for (md, msg) in cases {
        let r = run(md);
        assert!(
            r.findings
                .iter()
                .any(|f| f.problem.message.contains(msg) && f.error),
            "{md}: {:?}",
            r.findings
        );
    }
}

#[test]
fn links_are_resolved_and_collected() {
    let r =
        run("See [b](02-b.md#시장) and [here](#top) and [x](https://x.org) and [bad](99-x.md).\n");
    // pulldown-cmark percent-encodes non-ASCII in hrefs; browsers decode it to match the id.
    assert!(
        r.html.contains("href=\"../b/#%EC%8B%9C%EC%9E%A5\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"https://x.org\""));
    assert_eq!(r.anchors.len(), 2);
    assert_eq!(
        r.anchors[0].target,
        LinkTarget {
            page: "b".into(),
            anchor: Some("시장".into())
        }
    );
    assert_eq!(r.anchors[1].target.page, "a");
    assert_eq!(r.findings.len(), 1);
    assert_eq!(
        r.findings[0].problem.message,
        "link to missing chapter `99-x.md`"
    );
    assert_eq!(
        r.findings[0].offset,
        "See [b](02-b.md#시장) and [here](#top) and [x](https://x.org) and ".len()
    );
}

#[test]
fn raw_html_is_escaped_with_a_warning() {
    let r = run("a <script>alert(1)</script> b\n");
    assert!(!r.html.contains("<script>"));
    assert!(r.html.contains("&lt;script&gt;"));
    assert!(r.findings.iter().all(|f| !f.error));
    assert!(!r.findings.is_empty());
}

#[test]
fn footnotes_get_the_same_link_html_and_image_rules_as_the_text() {
    let md = "x[^1]\n\n[^1]: See [b](02-b.md#시장), <img src=x onerror=alert(1)> and ![i](i.png) or [bad](99-x.md).\n";
    let r = run(md);
    assert!(
        r.html
            .contains("<a href=\"../b/#%EC%8B%9C%EC%9E%A5\">b</a>"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("<img"), "{}", r.html);
    assert!(r.html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let errors: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.error)
        .map(|f| (f.problem.message.as_str(), &md[f.offset..f.offset + 4]))
        .collect();
    assert_eq!(
        errors,
        [
            ("image `i.png` in Markdown", "![i]"),
            ("link to missing chapter `99-x.md`", "[bad")
        ]
    );
    assert_eq!(r.anchors.len(), 1, "the footnote's link is checked");
}

#[test]
fn summary_is_plain_text() {
    let r = run("## Head\n\n- 2024년 시장은 **2,697억** 위안[^1]\n\n[^1]: x\n");
    assert_eq!(r.summary, "2024년 시장은 2,697억 위안");
}

/// Every character placeholders draw from, alone and as a whole placeholder (`{{ … }}` number 0).
fn private_use() -> Vec<String> {
    let mut v: Vec<String> = ('\u{E000}'..='\u{E019}').map(String::from).collect();
    v.push("\u{E000}\u{E010}\u{E001}".into());
    v.push("\u{E002}\u{E020}".into());
    v
}

#[test]
fn private_use_characters_of_the_author_are_published_unchanged() {
    for pua in private_use() {
        let md = format!(
            "## 제목 {pua}끝\n\n본문 {pua} [x](https://e.org \"제목{pua}\") {{{{ value() }}}} `{pua}`\n\n{{{{ table(id=\"t\") }}}}\n\n각주[^1]\n\n[^1]: 설명 {pua}\n"
        );
        let r = run(&md);
        assert!(r.findings.is_empty(), "{pua:?}: {:?}", r.findings);
        assert_eq!(r.headings[0].text, format!("제목 {pua}끝"), "{pua:?}");
        for want in [
            format!("본문 {pua} "),
            format!("title=\"제목{pua}\""),
            format!("<code>{pua}</code>"),
            format!("설명 {pua}"),
        ] {
            assert!(r.html.contains(&want), "{pua:?}: {want:?} in {}", r.html);
        }
        assert_eq!(r.html.matches("2,697억 위안").count(), 1, "{}", r.html);
        assert_eq!(r.html.matches("<table data-id=\"t\">").count(), 1);
        assert!(
            !r.html.contains('\u{E002}') || pua.contains('\u{E002}'),
            "{}",
            r.html
        );
        assert!(r.summary.contains(&format!("본문 {pua}")), "{}", r.summary);
    }
}

#[test]
fn positions_after_private_use_characters_are_the_authors() {
    let md = "\u{E000}\u{E001}\u{E010} [x](nope.md) {{ tabel() }}\n";
    let r = run(md);
    let mut offsets: Vec<usize> = r.findings.iter().map(|f| f.offset).collect();
    offsets.sort();
    assert_eq!(offsets, [md.find("[x]").unwrap(), md.find("{{").unwrap()]);
}

#[test]
fn a_shortcode_as_a_link_address_or_title_is_said_in_the_authors_terms() {
    let r = run("[x]({{ value(id=\"m\") }}) and [y](https://e.org \"{{ value() }}\")\n");
    let messages: Vec<&str> = r
        .findings
        .iter()
        .map(|f| f.problem.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "a shortcode as a link's address, as in `[text]({{ value(…) }})`",
            "a shortcode in a link's title, as in `[text](address \"{{ value(…) }}\")`",
        ]
    );
    assert!(
        r.findings
            .iter()
            .all(|f| !f.problem.expected.contains('\u{E000}'))
    );
}

#[test]
fn decomposed_hangul_anchors_find_their_composed_headings() {
    use unicode_normalization::UnicodeNormalization;
    let composed = "장강삼각주";
    let decomposed: String = composed.nfd().collect();
    assert_ne!(composed, decomposed);
    let md = format!(
        "## {composed}\n\n## {decomposed} 둘\n\n## 셋 {{#{decomposed}-셋}}\n\n[a](#{decomposed}) [b](02-b.md#{decomposed})\n"
    );
    let r = run(&md);
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            composed.to_string(),
            format!("{composed}-둘"),
            format!("{composed}-셋")
        ]
    );
    let anchors: Vec<Option<&str>> = r
        .anchors
        .iter()
        .map(|a| a.target.anchor.as_deref())
        .collect();
    assert_eq!(anchors, [Some(composed), Some(composed)]);
    assert!(r.ids.iter().any(|i| i == composed));
}
