#!/usr/bin/env python3
"""Benchmark corpus generator for folio (standard library only).

Writes one corpus of N chapters in two languages (ko, en) as four sites under OUT:

    OUT/folio/          folio's format (content/site.yaml, content/chapters, content/i18n,
                        templates/ and static/ copied from the repository)
    OUT/folio-charts/   the same, plus one data table and one chart per chapter
    OUT/folio-nosearch/ OUT/folio-charts-nosearch/
                        the two folio sites with `search: false` in content/site.yaml (no
                        Pagefind index, no search box: the like-for-like comparison with Hugo
                        and Zola, which build no search index here)
    OUT/zola/           the same text as a Zola site (TOML front matter, minimal templates)
    OUT/hugo/           the same text as a Hugo site (content/<lang>/, minimal layouts; the
                        article is marked `data-pagefind-body`, as folio marks its own, for
                        the benchmark's Hugo + Pagefind variant)

Every chapter is ~2,000 words with ## and ### headings, bullet lists (some nested), one
Markdown table, 2-3 footnotes and one link to another chapter's heading (an explicit
`{#id}` anchor, which all three generators support, so the link resolves in each).

The text is generated from fixed word lists with a per-chapter seeded RNG: chapter i has the
same text in every corpus size (only its link target, chosen within 1..N, differs), and two
runs write byte-identical files (templates/ and static/ are copied as they are at the time).

English chapters carry `translated_from:` with folio's hash of the Korean chapter
(SHA-256 over "title\\npart\\nsummary\\nbody", 12 hex digits), so a strict folio build
of the corpus has no warnings.

Usage: corpus.py --n 1000 --out target/bench/n1000 [--seed 2025]
       [--sites folio,folio-charts,folio-nosearch,folio-charts-nosearch,zola,hugo]
"""

import argparse
import hashlib
import os
import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS_PER_CHAPTER = 1850  # prose words; with headings, lists and the table ~2,000 words

# --------------------------------------------------------------------------- word lists

KO_NOUNS = """
시장 산업 기업 정부 정책 기술 인공지능 반도체 데이터 플랫폼 서비스 제조 공장 자동화 로봇
의료 병원 진단 자율주행 차량 도시 지역 성장 투자 수출 수입 협력 경쟁 전략 생태계 인재
연구 개발 특허 표준 규제 지원 예산 자금 고객 소비자 수요 공급 가격 비용 품질 효율
생산 설비 부품 소재 배터리 전력 에너지 통신 네트워크 클라우드 서버 칩 모델 알고리즘 학습
추론 응용 솔루션 제품 브랜드 유통 물류 무역 관세 환율 규모 비중 점유율 순위 기관 대학
연구소 단지 거점 법인 파트너 계약 사업 프로젝트 사례 성과 과제 위험 기회 전망 추세 변화
혁신 전환 확대 도입 활용 보급 육성 강화 개선 구축 운영 관리 분석 평가 조사 보고서 통계
""".split()

KO_VERBS = [
    "확대되고 있다", "증가하였다", "감소하였다", "추진하고 있다", "강화하고 있다", "발표하였다",
    "도입하였다", "구축하였다", "나타났다", "예상된다", "전망된다", "필요하다", "중요하다",
    "요구된다", "주목된다", "평가된다",
]

KO_ADJ = """
주요 핵심 대표적 새로운 다양한 지속적 빠른 높은 낮은 전체 국내 해외 현지 글로벌 중국
한국 지방 중앙 첨단 전통 디지털 스마트 산업별 단계별 분야별
""".split()

KO_HEADINGS = [
    "시장 현황", "산업 구조", "정책 동향", "주요 기업", "기술 발전", "지역별 특징", "투자 동향",
    "협력 방안", "진출 전략", "위험 요인", "향후 전망", "공급망 분석", "수요 분석", "인재 육성",
    "규제 환경", "표준화 동향", "생태계 구축", "사례 연구", "시사점", "성장 요인",
]

EN_WORDS = """
market industry company government policy technology intelligence semiconductor data platform
service manufacturing factory automation robot healthcare hospital diagnosis vehicle city region
growth investment export import cooperation competition strategy ecosystem talent research
development patent standard regulation support budget funding customer consumer demand supply
price cost quality efficiency production equipment component material battery power energy
network cloud server chip model algorithm training inference application solution product brand
distribution logistics trade tariff scale share ranking agency university institute park base
subsidiary partner contract business project case result challenge risk opportunity outlook
trend change innovation transition expansion adoption deployment rollout support reform
""".split()

EN_FILL = """
the the the of of of and and in in to to a a for with on by as from that which its their
this these across within between over under after before while
""".split()

EN_VERBS = [
    "is expanding", "has increased", "has declined", "is pursuing", "is strengthening",
    "was announced", "was adopted", "was built", "appears", "is expected", "is projected",
    "is needed", "matters", "is required", "stands out", "is rated",
]

EN_ADJ = """
major key leading new diverse sustained rapid high low overall domestic overseas local global
Chinese Korean provincial central advanced traditional digital smart sectoral staged
""".split()

EN_HEADINGS = [
    "Market overview", "Industry structure", "Policy trends", "Major companies",
    "Technology progress", "Regional features", "Investment trends", "Ways to cooperate",
    "Entry strategies", "Risk factors", "Outlook", "Supply chain analysis", "Demand analysis",
    "Talent development", "Regulatory environment", "Standards", "Building the ecosystem",
    "Case studies", "Implications", "Growth drivers",
]

TOPICS = [
    ("인공지능", "AI", "ai"), ("반도체", "semiconductor", "semiconductor"),
    ("자율주행", "autonomous driving", "autonomous"), ("의료 AI", "medical AI", "medical"),
    ("스마트 제조", "smart manufacturing", "manufacturing"), ("로봇", "robotics", "robotics"),
    ("클라우드", "cloud", "cloud"), ("배터리", "battery", "battery"),
    ("데이터센터", "data center", "datacenter"), ("통신장비", "telecom equipment", "telecom"),
    ("전기차", "electric vehicle", "ev"), ("물류", "logistics", "logistics"),
    ("핀테크", "fintech", "fintech"), ("에너지", "energy", "energy"),
    ("소재", "materials", "materials"), ("바이오", "biotech", "biotech"),
]

ASPECTS = [
    ("시장", "market", "market"), ("정책", "policy", "policy"), ("기업", "companies", "companies"),
    ("기술", "technology", "technology"), ("지역", "regions", "regions"),
    ("투자", "investment", "investment"), ("인재", "talent", "talent"),
    ("협력", "cooperation", "cooperation"), ("공급망", "supply chain", "supply-chain"),
    ("전망", "outlook", "outlook"),
]

PARTICLES = [("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로")]
PLAIN_PARTICLES = ["의", "에", "에서", "도", "만"]

# --------------------------------------------------------------------------- text


def final_consonant(word):
    """Index of the last syllable's final consonant (0: none, 8: ㄹ)."""
    c = word[-1]
    if "가" <= c <= "힣":
        return (ord(c) - 0xAC00) % 28
    return 0


def ko_word(rng):
    if rng.random() < 0.25:
        w = rng.choice(KO_ADJ) + " " + rng.choice(KO_NOUNS)
    else:
        w = rng.choice(KO_NOUNS)
    r = rng.random()
    if r < 0.55:
        with_b, without = rng.choice(PARTICLES)
        jong = final_consonant(w)
        # 으로/로: ㄹ takes 로 like an open syllable.
        closed = jong != 0 and not (with_b == "으로" and jong == 8)
        return w + (with_b if closed else without)
    if r < 0.75:
        return w + rng.choice(PLAIN_PARTICLES)
    return w


def ko_sentence(rng, words):
    """About `words` space-separated words, the verb included."""
    body = []
    verb = rng.choice(KO_VERBS)
    count = len(verb.split())
    while count < words:
        w = ko_word(rng)
        body.append(w)
        count += len(w.split())
    return " ".join(body + [verb + "."])


def en_sentence(rng, words):
    out = []
    for k in range(words - 1):
        r = rng.random()
        if r < 0.35:
            out.append(rng.choice(EN_FILL))
        elif r < 0.5:
            out.append(rng.choice(EN_ADJ))
        else:
            out.append(rng.choice(EN_WORDS))
        if k == 0:
            out[0] = out[0][:1].upper() + out[0][1:]
    verb = rng.choice(EN_VERBS)
    out = out[: max(1, words - len(verb.split()))]
    out.append(verb)
    return " ".join(out) + "."


class Writer:
    """Text of one language for one chapter, counting words."""

    def __init__(self, lang, rng):
        self.lang = lang
        self.rng = rng
        self.words = 0

    def sentence(self, words):
        self.words += words
        if self.lang == "ko":
            return ko_sentence(self.rng, words)
        return en_sentence(self.rng, words)

    def paragraph(self, words):
        out = []
        left = words
        while left > 0:
            n = min(left, self.rng.randint(7, 14))
            if n < 3:
                n = 3
            out.append(self.sentence(n))
            left -= n
        return " ".join(out)

    def phrase(self, words):
        """A short phrase without the final period (list items, table cells, titles)."""
        return self.sentence(words).rstrip(".")


# --------------------------------------------------------------------------- chapter plan


def chapter_meta(i):
    """Slug and titles of chapter i (1-based): the same in every corpus size."""
    t = TOPICS[(i - 1) % len(TOPICS)]
    a = ASPECTS[((i - 1) // len(TOPICS)) % len(ASPECTS)]
    slug = f"{t[2]}-{a[2]}-{i}"
    return {
        "num": i,
        "slug": slug,
        "stem": f"{i:04d}-{slug}",
        "title_ko": f"{i}. {t[0]} {a[0]} 동향",
        "title_en": f"{i}. {t[1].capitalize() if t[1] != 'AI' else 'AI'} {a[1]} trends",
        "topic_ko": t[0],
        "topic_en": t[1],
        "anchor": f"findings-{i}",
    }


def link_target(i, n):
    """Another chapter of the corpus, spread over the whole range."""
    if n < 2:
        return i
    j = (i * 7919 + 13) % n + 1
    if j == i:
        j = i % n + 1
    return j


def chapter_plan(i, n, seed):
    """The structure shared by both languages: section count, lists, where the table, the
    footnotes and the link go."""
    rng = random.Random(f"{seed}:plan:{i}")
    sections = rng.randint(5, 6)
    plan = {"sections": []}
    footnotes = rng.randint(2, 3)
    slots = []
    for s in range(sections):
        subs = rng.randint(1, 2)
        sec = {"heading": rng.randrange(len(KO_HEADINGS)), "subs": []}
        for u in range(subs):
            sub = {
                "heading": rng.randrange(len(KO_HEADINGS)),
                "paras": rng.randint(2, 3),
                "list": rng.random() < 0.7,
                "items": rng.randint(3, 6),
                "nested": rng.random() < 0.4,
            }
            sec["subs"].append(sub)
            slots.append((s, u))
        plan["sections"].append(sec)
    # Which subsection gets the table, the link, the anchored heading, the footnote refs.
    plan["table_at"] = slots[rng.randrange(len(slots))]
    plan["link_at"] = slots[rng.randrange(len(slots))]
    plan["anchor_at"] = slots[rng.randrange(len(slots))]
    plan["footnotes_at"] = sorted(rng.sample(range(len(slots)), footnotes))
    plan["slots"] = slots
    plan["link_to"] = link_target(i, n)
    plan["table_rows"] = rng.randint(4, 6)
    return plan


def paragraph_budget(plan):
    paras = sum(sub["paras"] for sec in plan["sections"] for sub in sec["subs"])
    return paras


def table_md(w, plan, lang, rng):
    years = [2021, 2022, 2023, 2024]
    if lang == "ko":
        head = "| 구분 | " + " | ".join(f"{y}년" for y in years) + " |"
    else:
        head = "| Item | " + " | ".join(str(y) for y in years) + " |"
    lines = [head, "|---|" + "---:|" * len(years)]
    for r in range(plan["table_rows"]):
        label = w.phrase(2)
        vals = [f"{rng.randint(100, 99999):,}" for _ in years]
        lines.append(f"| {label} | " + " | ".join(vals) + " |")
    return "\n".join(lines)


def render_body(meta, plan, lang, seed, flavour, target_meta, chart):
    """Markdown body of one chapter. `flavour` is folio, zola or hugo: only the link and the
    chart shortcode differ between them."""
    rng = random.Random(f"{seed}:{lang}:{meta['num']}")
    # Table numbers and footnote sources are the same in both languages.
    nums = random.Random(f"{seed}:nums:{meta['num']}")
    w = Writer(lang, rng)
    paras = paragraph_budget(plan)
    lists = sum(
        sub["items"] * (2 if sub["nested"] else 1)
        for sec in plan["sections"]
        for sub in sec["subs"]
        if sub["list"]
    )
    # Words: intro + paragraphs + list items (~8 words each) + table (~2 per row).
    per_para = max(40, (WORDS_PER_CHAPTER - 80 - lists * 8 - plan["table_rows"] * 2) // (paras + 1))
    heads = KO_HEADINGS if lang == "ko" else EN_HEADINGS
    out = []
    out.append(w.paragraph(per_para))
    if chart:
        out.append(chart_shortcode(meta["slug"], flavour))
    fn = 0
    slot = 0
    for s, sec in enumerate(plan["sections"]):
        out.append(f"## {s + 1}) {heads[sec['heading']]}")
        for u, sub in enumerate(sec["subs"]):
            title = f"### ({u + 1}) {heads[sub['heading']]} {w.phrase(2)}"
            if (s, u) == plan["anchor_at"]:
                title += f" {{#{meta['anchor']}}}"
            out.append(title)
            for p in range(sub["paras"]):
                text = w.paragraph(per_para)
                if p == 0 and slot in plan["footnotes_at"]:
                    fn += 1
                    text = text[:-1] + f"[^{fn}]."
                if p == 0 and (s, u) == plan["link_at"]:
                    text += " " + link_sentence(lang, flavour, target_meta)
                out.append(text)
            if sub["list"]:
                items = []
                for _ in range(sub["items"]):
                    items.append("- " + w.phrase(rng.randint(6, 10)))
                    if sub["nested"]:
                        items.append("  - " + w.phrase(rng.randint(6, 10)))
                out.append("\n".join(items))
            if (s, u) == plan["table_at"]:
                caption = "표: " + w.phrase(4) if lang == "ko" else "Table: " + w.phrase(4)
                out.append(caption)
                out.append(table_md(w, plan, lang, nums))
            slot += 1
    notes = []
    for k in range(1, fn + 1):
        src = nums.randint(1, 999)
        if lang == "ko":
            notes.append(f"[^{k}]: 자료: {meta['topic_ko']} 산업 조사 제{src}호, 연구기관 발표 자료")
        else:
            notes.append(f"[^{k}]: Source: {meta['topic_en']} industry survey no. {src}, research institute release")
    out.append("\n".join(notes))
    return "\n\n".join(out) + "\n"


def link_sentence(lang, flavour, t):
    if flavour == "folio":
        href = f"{t['stem']}.md#{t['anchor']}"
    elif flavour == "zola":
        suffix = "" if lang == "ko" else f".{lang}"
        href = f"@/chapters/{t['stem']}{suffix}.md#{t['anchor']}"
    else:  # hugo
        href = f'{{{{< relref "/chapters/{t["stem"]}.md#{t["anchor"]}" >}}}}'
    if lang == "ko":
        return f"자세한 내용은 [{t['title_ko']}]({href})을 참고한다."
    return f"See [{t['title_en']}]({href}) for details."


def chart_shortcode(slug, flavour):
    assert flavour == "folio"
    return f'{{{{ chart(id="{slug}") }}}}'


def part_of(i):
    k = (i - 1) // 50 + 1
    return (f"제{k}부 산업 분석", f"Part {k}: Industry analysis")


# --------------------------------------------------------------------------- folio


def folio_hash(title, part, summary, body):
    text = f"{title}\n{part or ''}\n{summary or ''}\n{body}".replace("\r\n", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def yaml_str(s):
    assert '"' not in s and "\\" not in s, s
    return f'"{s}"'


SITE_YAML = """\
# Benchmark corpus ({n} chapters per language). Generated by benches/corpus.py.
base_url: https://bench.example/
languages:
  - {{ code: ko, name: 한국어, locale: ko_KR }}
  - {{ code: en, name: English, locale: en_US }}
title:
  ko: 벤치마크 보고서 ({n}장)
  en: Benchmark report ({n} chapters)
description:
  ko: folio 성능 측정을 위한 생성 보고서
  en: A generated report for measuring folio
report:
  series: Benchmark Series {n}
  publisher: {{ ko: 발행처, en: Publisher }}
  published: {{ ko: 2025년 10월, en: October 2025 }}
  author: {{ ko: 작성자, en: Author }}
  isbn: 000-0
exchange_rates:
  note: {{ ko: 환율 안내, en: Exchange rates note }}
  base: KRW
  rates: {{ USD: 1427.15, CNY: 196.60 }}
"""


def data_yaml(meta, seed):
    """One data table in the shape of tests/fixtures/basic/content/data/market.yaml, with this
    chapter's numbers: consistent growth rates and a derived 2023 value."""
    rng = random.Random(f"{seed}:data:{meta['num']}")
    v24 = rng.randint(500, 9000)
    g24 = rng.randint(50, 400) / 10  # 5.0 .. 40.0 %
    factor = round(1 + g24 / 100, 3)
    v23 = round(v24 / factor, 1)
    v23s = f"{v23:.1f}"
    if v23s.endswith(".0"):
        v23s = v23s[:-2]
    g25_target = rng.randint(50, 400) / 10
    v25 = round(v24 * (1 + g25_target / 100))
    g25 = round((v25 / v24 - 1) * 100, 1)
    g24s = f"{(factor - 1) * 100:.1f}"
    g25s = f"{g25:.1f}"
    return f"""\
title:
  ko: {meta['topic_ko']} 시장규모 및 추이(2023년~2025년E) {meta['num']}
  en: "{meta['topic_en']} market size (2023–2025E) {meta['num']}"
source: {{ ko: 시장조사기관 {meta['num']}, en: Market research firm {meta['num']} }}
notes:
  - {{ ko: 2023년은 계산값, en: 2023 is computed }}
columns:
  - {{ id: year, label: {{ ko: 연도, en: Year }}, type: year }}
  - id: value
    label: {{ ko: 시장규모, en: Market size }}
    type: number
    unit: {{ kind: money, currency: CNY, scale: 1e8 }}
  - {{ id: growth, label: {{ ko: 증가율, en: Growth }}, type: number, unit: {{ kind: percent }} }}
rows:
  - {{ year: 2023, value: {{ value: {v23s}, derived: "{v24} / {factor}" }} }}
  - {{ year: 2024, value: {v24}, growth: "{g24s}" }}
  - {{ year: 2025, estimate: true, value: {v25}, growth: "{g25s}" }}
chart: {{ kind: bar-line, x: year, bars: value, line: growth, years: [2022, 2025] }}
"""


def copy_without_search(src, dst, n):
    """A folio site written already, copied with `search: false` in its site.yaml (the same
    bytes as writing it anew, in a fraction of the time)."""
    copy_tree(src, dst)
    write(dst / "content" / "site.yaml", site_yaml(n, search=False))


def copy_tree(src, dst):
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


NO_SEARCH = "search: false\n"


def site_yaml(n, search):
    return SITE_YAML.format(n=n) + ("" if search else NO_SEARCH)


def write_folio(out, n, seed, chart, search=True):
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    write(content / "site.yaml", site_yaml(n, search))
    (content / "i18n").mkdir(parents=True, exist_ok=True)
    for lang in ("ko", "en"):
        shutil.copy(REPO / "content" / "i18n" / f"{lang}.yaml", content / "i18n" / f"{lang}.yaml")
    copy_tree(REPO / "templates", out / "templates")
    copy_tree(REPO / "static", out / "static")
    words = 0
    for i in range(1, n + 1):
        meta = chapter_meta(i)
        plan = chapter_plan(i, n, seed)
        target = chapter_meta(plan["link_to"])
        part_ko, part_en = part_of(i)
        body_ko = render_body(meta, plan, "ko", seed, "folio", target, chart)
        body_en = render_body(meta, plan, "en", seed, "folio", target, chart)
        words += len(body_ko.split()) + len(body_en.split())
        h = folio_hash(meta["title_ko"], part_ko, None, body_ko)
        write(
            content / "chapters" / f"{meta['stem']}.ko.md",
            f"---\ntitle: {yaml_str(meta['title_ko'])}\npart: {yaml_str(part_ko)}\n---\n{body_ko}",
        )
        write(
            content / "chapters" / f"{meta['stem']}.en.md",
            f"---\ntitle: {yaml_str(meta['title_en'])}\npart: {yaml_str(part_en)}\ntranslated_from: {h}\n---\n{body_en}",
        )
        if chart:
            write(content / "data" / f"{meta['slug']}.yaml", data_yaml(meta, seed))
    return words


# --------------------------------------------------------------------------- zola

ZOLA_CONFIG = """\
base_url = "https://bench.example"
title = "벤치마크 보고서 ({n}장)"
default_language = "ko"

[languages.en]
title = "Benchmark report ({n} chapters)"
"""

ZOLA_BASE = """\
<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
</head>
<body>
<header><a href="{{ get_url(path='/', lang=lang) }}">{{ config.title }}</a></header>
<main>{% block main %}{% endblock main %}</main>
</body>
</html>
"""

ZOLA_PAGE = """\
{% extends "base.html" %}
{% block title %}{{ page.title }}{% endblock title %}
{% block main %}
<nav class="toc"><ol>
{% for h in page.toc %}<li><a href="#{{ h.id }}">{{ h.title }}</a>{% if h.children %}<ol>
{% for c in h.children %}<li><a href="#{{ c.id }}">{{ c.title }}</a></li>
{% endfor %}</ol>{% endif %}</li>
{% endfor %}</ol></nav>
<article>
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
</article>
<nav class="pager">
{% if page.lower %}<a rel="prev" href="{{ page.lower.permalink | safe }}">{{ page.lower.title }}</a>{% endif %}
{% if page.higher %}<a rel="next" href="{{ page.higher.permalink | safe }}">{{ page.higher.title }}</a>{% endif %}
</nav>
{% endblock main %}
"""

ZOLA_SECTION = """\
{% extends "base.html" %}
{% block title %}{{ section.title }}{% endblock title %}
{% block main %}
<h1>{{ section.title }}</h1>
<ol>
{% for p in section.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>
{% endfor %}</ol>
{% endblock main %}
"""

ZOLA_INDEX = """\
{% extends "base.html" %}
{% block main %}
<h1>{{ config.title }}</h1>
<ul>
{% for s in section.subsections %}{% set sub = get_section(path=s) %}<li><a href="{{ sub.permalink | safe }}">{{ sub.title }}</a></li>
{% endfor %}</ul>
{% endblock main %}
"""


def toml_str(s):
    assert '"' not in s and "\\" not in s, s
    return f'"{s}"'


def write_zola(out, n, seed):
    if out.exists():
        shutil.rmtree(out)
    write(out / "config.toml", ZOLA_CONFIG.format(n=n))
    write(out / "templates" / "base.html", ZOLA_BASE)
    write(out / "templates" / "page.html", ZOLA_PAGE)
    write(out / "templates" / "section.html", ZOLA_SECTION)
    write(out / "templates" / "index.html", ZOLA_INDEX)
    write(out / "content" / "_index.md", '+++\ntitle = "벤치마크 보고서"\n+++\n')
    write(out / "content" / "_index.en.md", '+++\ntitle = "Benchmark report"\n+++\n')
    write(out / "content" / "chapters" / "_index.md", '+++\ntitle = "목차"\nsort_by = "weight"\n+++\n')
    write(out / "content" / "chapters" / "_index.en.md", '+++\ntitle = "Contents"\nsort_by = "weight"\n+++\n')
    for i in range(1, n + 1):
        meta = chapter_meta(i)
        plan = chapter_plan(i, n, seed)
        target = chapter_meta(plan["link_to"])
        for lang in ("ko", "en"):
            body = render_body(meta, plan, lang, seed, "zola", target, False)
            title = meta["title_ko"] if lang == "ko" else meta["title_en"]
            suffix = "" if lang == "ko" else f".{lang}"
            write(
                out / "content" / "chapters" / f"{meta['stem']}{suffix}.md",
                f"+++\ntitle = {toml_str(title)}\nweight = {i}\n+++\n{body}",
            )


# --------------------------------------------------------------------------- hugo

HUGO_CONFIG = """\
baseURL = "https://bench.example/"
title = "Benchmark report ({n} chapters)"
defaultContentLanguage = "ko"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = false

[languages.ko]
contentDir = "content/ko"
languageName = "한국어"
title = "벤치마크 보고서 ({n}장)"
weight = 1

[languages.en]
contentDir = "content/en"
languageName = "English"
title = "Benchmark report ({n} chapters)"
weight = 2

[markup.tableOfContents]
startLevel = 2
endLevel = 3
ordered = true
"""

HUGO_BASEOF = """\
<!doctype html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title>
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

HUGO_SINGLE = """\
{{ define "main" }}
{{ .TableOfContents }}
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
<nav class="pager">
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{ end }}
"""

HUGO_LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ol>
{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ol>
{{ end }}
"""


def write_hugo(out, n, seed):
    if out.exists():
        shutil.rmtree(out)
    write(out / "config.toml", HUGO_CONFIG.format(n=n))
    write(out / "layouts" / "_default" / "baseof.html", HUGO_BASEOF)
    write(out / "layouts" / "_default" / "single.html", HUGO_SINGLE)
    write(out / "layouts" / "_default" / "list.html", HUGO_LIST)
    write(out / "layouts" / "index.html", HUGO_LIST)
    for lang, title in (("ko", "목차"), ("en", "Contents")):
        write(out / "content" / lang / "chapters" / "_index.md", f'+++\ntitle = "{title}"\n+++\n')
    for i in range(1, n + 1):
        meta = chapter_meta(i)
        plan = chapter_plan(i, n, seed)
        target = chapter_meta(plan["link_to"])
        for lang in ("ko", "en"):
            body = render_body(meta, plan, lang, seed, "hugo", target, False)
            title = meta["title_ko"] if lang == "ko" else meta["title_en"]
            write(
                out / "content" / lang / "chapters" / f"{meta['stem']}.md",
                f"+++\ntitle = {toml_str(title)}\nweight = {i}\n+++\n{body}",
            )


# --------------------------------------------------------------------------- main


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True, help="chapters per language (1..9999)")
    ap.add_argument("--out", type=Path, required=True, help="output folder (one subfolder per site)")
    ap.add_argument("--seed", default="2025")
    ap.add_argument("--sites", default="folio,folio-charts,folio-nosearch,folio-charts-nosearch,zola,hugo")
    args = ap.parse_args(argv)
    if not 1 <= args.n <= 9999:
        ap.error("--n must be 1..9999 (folio chapter numbers have up to 4 digits)")
    sites = args.sites.split(",")
    args.out.mkdir(parents=True, exist_ok=True)
    for site in sites:
        d = args.out / site
        if site == "folio":
            words = write_folio(d, args.n, args.seed, chart=False)
            print(f"{d}: {2 * args.n} chapters, {words} words ({words // (2 * args.n)} per chapter)")
        elif site == "folio-charts":
            write_folio(d, args.n, args.seed, chart=True)
            print(f"{d}: {2 * args.n} chapters, {args.n} data tables, {2 * args.n} charts")
        elif site in ("folio-nosearch", "folio-charts-nosearch"):
            base = site[: -len("-nosearch")]
            chart = base == "folio-charts"
            if base in sites[: sites.index(site)]:
                copy_without_search(args.out / base, d, args.n)
            else:
                write_folio(d, args.n, args.seed, chart=chart, search=False)
            print(f"{d}: the {base} site with `search: false`")
        elif site == "zola":
            write_zola(d, args.n, args.seed)
            print(f"{d}: {2 * args.n} chapters")
        elif site == "hugo":
            write_hugo(d, args.n, args.seed)
            print(f"{d}: {2 * args.n} chapters")
        else:
            ap.error(f"unknown site `{site}`")


if __name__ == "__main__":
    sys.exit(main())
