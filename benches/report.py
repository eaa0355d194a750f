#!/usr/bin/env python3
"""Writes benches/BENCHMARKS.md from the results benches/run.sh leaves in target/bench/results.

Usage: report.py RESULTS_DIR OUTPUT_MD

Per size (RESULTS_DIR/n<N>/): meta.txt, round-*.json (hyperfine), rss-<tool>.txt (peak RSS
of each timed run, kB), outputs.tsv, busy*.txt, round-cpu.txt, timings-<variant>.txt
(`folio build --timings`), once-<tool>.txt (`/usr/bin/time -v` of a single run) and
serve.json (benches/serve.py).
"""

import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
from pathlib import Path

ORDER = ["folio", "folio-charts", "folio-nosearch", "folio-charts-nosearch", "hugo", "hugo-pagefind", "zola"]

NAMES = {
    "folio": "folio",
    "folio-charts": "folio + charts",
    "folio-nosearch": "folio, no search",
    "folio-charts-nosearch": "folio + charts, no search",
    "hugo": "Hugo",
    "hugo-pagefind": "Hugo + Pagefind",
    "zola": "Zola",
}

FOLIO_VARIANTS = ["folio", "folio-charts", "folio-nosearch", "folio-charts-nosearch"]

# The project's targets.
TARGET_N = 1000  # the size the issue states the speed and chart targets at
TARGET_SPEED = 0.40  # folio without search ÷ the fastest other tool
# Tools that build a search index, as folio's default does: compared with folio (search on),
# not counted as "the fastest other tool" of the like-for-like build without search.
WITH_SEARCH = {"hugo-pagefind"}
TARGET_CHARTS = 1.30  # folio with charts ÷ folio without
TARGET_FLAT = 1.20  # per chapter page cost: largest ÷ smallest over the sizes
TARGET_SERVE_MS = 100.0  # one chapter edited at N = 1,000: its pages re-rendered, in process

SINGLE = "¹"  # marks a single run (`ONCE`)

STAGE_LINE = re.compile(r"^(\w+)\s+([\d.]+) ms\s+([\d.]+) %$")
CHARTS_LINE = re.compile(r"^\s+charts\s+([\d.]+) ms CPU")
TOTAL_LINE = re.compile(r"^total\s+([\d.]+) ms$")
BUILT_LINE = re.compile(r"built (\d+) pages in (\d+) ms \((\d+) warning")


def read_kv(path):
    out = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line:
                k, v = line.split("=", 1)
                out[k] = v
    return out


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                kb = int(line.split()[1])
                mem = f"{kb / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "nproc": subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(),
        "cpu": cpu,
        "memory": mem,
        "kernel": platform.release(),
    }


def ordered(tools):
    return sorted(tools, key=lambda t: ORDER.index(t) if t in ORDER else len(ORDER))


def parse_time_v(path):
    """Wall, CPU (s) and peak RSS (kB) from `/usr/bin/time -v`."""
    out = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        k, _, v = line.rpartition(": ")
        if k.startswith("Elapsed (wall clock) time"):
            parts = [float(x) for x in v.split(":")]
            secs_ = 0.0
            for x in parts:
                secs_ = secs_ * 60 + x
            out["wall"] = secs_
        elif k == "User time (seconds)":
            out["user"] = float(v)
        elif k == "System time (seconds)":
            out["sys"] = float(v)
        elif k == "Maximum resident set size (kbytes)":
            out["rss"] = int(v)
        elif k == "Exit status":
            out["exit"] = int(v)
    return out


def parse_timings(path):
    """The stage table of `folio build --timings` (and folio's summary line)."""
    stages, charts, total, built = [], None, None, None
    for line in path.read_text().splitlines():
        m = STAGE_LINE.match(line)
        if m and m.group(1) != "stage":
            stages.append((m.group(1), float(m.group(2)), float(m.group(3))))
            continue
        m = CHARTS_LINE.match(line)
        if m:
            charts = float(m.group(1))
            continue
        m = TOTAL_LINE.match(line)
        if m:
            total = float(m.group(1))
            continue
        m = BUILT_LINE.search(line)
        if m:
            built = {"pages": int(m.group(1)), "ms": int(m.group(2)), "warnings": int(m.group(3))}
    if not stages:
        return None
    return {"stages": stages, "charts": charts, "total": total, "built": built}


def load_size(d):
    meta = read_kv(d / "meta.txt")
    if not meta:
        return None
    tools = meta["tools"].split()
    once_tools = meta.get("once", "").split()
    times = {t: [] for t in tools}
    cpu = {t: [] for t in tools}
    user = {t: [] for t in tools}
    system = {t: [] for t in tools}
    for f in sorted(d.glob("round-*.json")):
        for r in json.loads(f.read_text())["results"]:
            times[r["command"]].extend(r["times"])
            cpu[r["command"]].append(r["user"] + r["system"])
            user[r["command"]].append(r["user"])
            system[r["command"]].append(r["system"])
    rss = {}
    for t in tools:
        p = d / f"rss-{t}.txt"
        rss[t] = [int(x) for x in p.read_text().split()] if p.exists() else []
    stats = {}
    for t in tools:
        if not times[t]:
            continue
        stats[t] = {
            "wall": statistics.median(times[t]),
            "min": min(times[t]),
            "max": max(times[t]),
            "cpu": statistics.median(cpu[t]),
            "user": statistics.median(user[t]),
            "sys": statistics.median(system[t]),
            "rss": statistics.median(rss[t]) if rss[t] else None,
            "rss_min": min(rss[t]) if rss[t] else None,
            "rss_max": max(rss[t]) if rss[t] else None,
            "runs": len(times[t]),
            "once": False,
        }
    for t in once_tools:
        p = d / f"once-{t}.txt"
        if not p.exists() or t in stats:
            continue
        v = parse_time_v(p)
        if "wall" not in v:
            continue
        stats[t] = {
            "wall": v["wall"], "min": v["wall"], "max": v["wall"],
            "cpu": v.get("user", 0) + v.get("sys", 0),
            "user": v.get("user", 0),
            "sys": v.get("sys", 0),
            "rss": v.get("rss"), "rss_min": v.get("rss"), "rss_max": v.get("rss"),
            "runs": 1, "once": True,
        }
    outputs = {}
    p = d / "outputs.tsv"
    if p.exists():
        for line in p.read_text().splitlines():
            t, pages, size = line.split("\t")
            outputs[t] = (int(pages), int(size))
    timings = {}
    for t in FOLIO_VARIANTS:
        p = d / f"timings-{t}.txt"
        if p.exists():
            parsed = parse_timings(p)
            if parsed:
                parsed["once"] = t in once_tools and t not in tools
                timings[t] = parsed
    others = 0.0
    wall = 0.0
    if (d / "round-cpu.txt").exists():
        tool_cpu = sum(sum(v) for v in cpu.values())
        rounds = [line.split() for line in (d / "round-cpu.txt").read_text().splitlines() if line.strip()]
        machine_cpu = sum(float(a) for a, _ in rounds)
        wall = sum(float(b) for _, b in rounds)
        others = max(0.0, machine_cpu - tool_cpu)

    def ints(name):
        p = d / name
        return [int(x) for x in p.read_text().split()] if p.exists() else []

    corpus = (d / "corpus.txt").read_text() if (d / "corpus.txt").exists() else ""
    m = re.search(r"(\d+) words \((\d+) per chapter\)", corpus)
    serve = None
    if (d / "serve.json").exists():
        serve = json.loads((d / "serve.json").read_text())
    return {
        "n": int(meta["n"]),
        "runs": int(meta["runs"]),
        "date": meta.get("date", "?"),
        "folio": meta.get("folio", "?"),
        # Runs made before run.sh moved outputs aside recorded no `prepare`: they deleted them.
        "prepare": meta.get("prepare", "delete"),
        "tools": tools,
        "once": [t for t in once_tools if t in stats and stats[t]["once"]],
        "stats": stats,
        "outputs": outputs,
        "timings": timings,
        "serve": serve,
        "busy": ints("busy.txt"),
        "busy_extra": ints("busy-extra.txt"),
        "others_cpu": others,
        "rounds_wall": wall,
        "words": int(m.group(1)) if m else None,
        "words_per_chapter": int(m.group(2)) if m else None,
    }


def secs(x):
    if x >= 10:
        return f"{x:.1f} s"
    if x >= 1:
        return f"{x:.2f} s"
    return f"{x * 1000:.0f} ms"


def ms(x):
    return f"{x * 1000:.2f} ms" if x < 0.1 else f"{x * 1000:.1f} ms"


def mib(kb):
    return f"{kb / 1024:.0f} MiB"


def size_text(b):
    return f"{b / 1024 / 1024:.1f} MiB"


def ratio_text(r, target=None):
    text = f"{r:.2f}×"
    return f"**{text}**" if target is not None and r <= target else text


def met(ok):
    return "met" if ok else "**not met**"


def busy_share(s):
    if not s["rounds_wall"]:
        return 0.0
    return 100 * s["others_cpu"] / (s["rounds_wall"] * (os.cpu_count() or 1))


def busy_note(s):
    busy = s["busy"]
    text = ""
    if busy:
        text += (f" CPU use by other processes just before each round: median "
                 f"{statistics.median(busy):.0f} %, max {max(busy)} %.")
    share = busy_share(s)
    if s["rounds_wall"]:
        text += (f" During the rounds, CPU time not used by the timed tools: {s['others_cpu']:.1f} s over "
                 f"{s['rounds_wall']:.0f} s of wall time ({share:.0f} % of the machine; includes "
                 f"hyperfine, the --prepare step and other processes).")
    if s["busy_extra"]:
        text += (f" Before the stage-timing, single and serve runs: median "
                 f"{statistics.median(s['busy_extra']):.0f} %, max {max(s['busy_extra'])} %.")
    if (busy and max(busy) > 10) or share > 10 or (s["busy_extra"] and max(s["busy_extra"]) > 10):
        text += (" **The machine was shared while measuring: wall times are noisy; CPU times and "
                 "the ratios less so.**")
    return text


def cell(st, key="wall"):
    if st is None:
        return "–"
    return secs(st[key]) + (SINGLE if st["once"] else "")


def fastest_other(s):
    others = {t: v["wall"] for t, v in s["stats"].items()
              if not t.startswith("folio") and t not in WITH_SEARCH}
    if not others:
        return None
    return min(others, key=others.get)


def prepare_note(s):
    if s["prepare"] == "move":
        return ""
    return (
        " Measured with the earlier method: each run's previous output was deleted "
        "(`rm -rf`) just before it, which on this machine adds kernel time to the file creation "
        "of the run itself (see *Method*)."
    )


def size_section(s):
    n, chapters = s["n"], 2 * s["n"]
    timed = ordered([t for t in s["tools"] if t in s["stats"]])
    lines = [
        f"### N = {n:,} ({chapters:,} chapter pages, {s['runs']} timed run{'s' if s['runs'] != 1 else ''} per tool)",
        "",
        f"Measured {s['date']} with `{s['folio']}`." + busy_note(s) + prepare_note(s),
        "",
        "| tool | wall median | min – max | CPU user+sys (median) | user / sys (medians) | "
        "peak RSS (median, min – max) | per chapter page | HTML files written | output size |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in timed + ordered(s["once"]):
        st = s["stats"][t]
        rss_text = mib(st["rss"]) if st["rss"] else "–"
        if st["runs"] > 1 and st["rss"]:
            rss_text += f" ({mib(st['rss_min'])} – {mib(st['rss_max'])})"
        pages, size = s["outputs"].get(t, (None, None))
        name = NAMES.get(t, t) + (f" {SINGLE} single run" if st["once"] else "")
        spread = "–" if st["once"] else f"{secs(st['min'])} – {secs(st['max'])}"
        lines.append(
            f"| {name} | **{secs(st['wall'])}** | {spread} | {secs(st['cpu'])} | "
            f"{secs(st['user'])} / {secs(st['sys'])} | {rss_text} | "
            f"{ms(st['wall'] / chapters)} | {pages if pages is not None else '–'} | "
            f"{size_text(size) if size else '–'} |"
        )
    lines.append("")
    heavy = [t for t in timed + ordered(s["once"]) if s["stats"][t]["sys"] > s["stats"][t]["user"]]
    if heavy:
        lines.append(
            "Kernel (sys) time exceeds user time for " + ", ".join(f"*{NAMES.get(t, t)}*" for t in heavy)
            + " at this size: the wall times are dominated by the kernel's cost of creating the "
            "output files and backing memory on this machine, not by the tools' own work; "
            "user time is the figure to compare across sizes (see *Cost per chapter page*)."
        )
        lines.append("")
    if s["once"]:
        lines.append(
            f"{SINGLE} Built once after the rounds, alone, under `/usr/bin/time -v` (wall, "
            "user+sys and *Maximum resident set size* from its report; with `--timings`), "
            "without a warm-up run: a single measurement, not a median."
        )
        lines.append("")
    return lines


def summary(sizes):
    tools = ordered({t for s in sizes for t in s["stats"]})
    head = "| N (chapters per language) | " + " | ".join(f"{NAMES.get(t, t)}" for t in tools) + " |"
    lines = [head, "|---:|" + "---:|" * len(tools)]
    for s in sizes:
        cells = []
        for t in tools:
            st = s["stats"].get(t)
            cells.append("–" if st is None else f"{cell(st)} ({cell(st, 'cpu')})")
        lines.append(f"| {s['n']:,} | " + " | ".join(cells) + " |")
    return lines


def targets(sizes):
    """The targets' tables and a verdict per target."""
    lines, verdicts = [], []

    # (a) speed
    lines += [
        "### Speed against the fastest other tool",
        "",
        f"Target: folio without search (the like-for-like build: Hugo and Zola build no search "
        f"index here) ≤ {TARGET_SPEED:.2f}× the fastest other tool. folio with search (its "
        "default) is shown for reference. Ratios of medians: wall (CPU).",
        "",
        "| N | fastest other tool | folio, no search ÷ it | folio + charts, no search ÷ it | "
        "folio ÷ it | folio + charts ÷ it |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    speed_ok = []
    for s in sizes:
        f = fastest_other(s)
        if f is None:
            continue
        ref = s["stats"][f]
        cells = []
        for t in ["folio-nosearch", "folio-charts-nosearch", "folio", "folio-charts"]:
            st = s["stats"].get(t)
            if st is None:
                cells.append("–")
                continue
            rw, rc = st["wall"] / ref["wall"], st["cpu"] / ref["cpu"]
            target = TARGET_SPEED if t == "folio-nosearch" else None
            cells.append(f"{ratio_text(rw, target)} ({rc:.2f}×)" + (SINGLE if st["once"] else ""))
            if t == "folio-nosearch":
                speed_ok.append((s["n"], rw, rc, st["user"] / ref["user"]))
        lines.append(f"| {s['n']:,} | {NAMES[f]} | " + " | ".join(cells) + " |")
    lines.append("")
    if speed_ok:
        parts = "; ".join(f"N={n:,}: {rw:.2f}× wall, {rc:.2f}× CPU, {ru:.2f}× user CPU"
                          for n, rw, rc, ru in speed_ok)
        # The issue states this target at N = 1,000; the other sizes are shown for scaling.
        at = [x for x in speed_ok if x[0] == TARGET_N]
        if at:
            verdicts.append(f"- N = {TARGET_N:,}, folio without search ≤ {TARGET_SPEED:.2f}× the "
                            f"fastest other tool (wall): {met(at[0][1] <= TARGET_SPEED)} "
                            f"(all sizes: {parts}).")
        else:
            verdicts.append(f"- N = {TARGET_N:,} not measured ({parts}).")

    # (a') the default build, with its search index, against Hugo followed by Pagefind's CLI
    searched = [s for s in sizes if "hugo-pagefind" in s["stats"]]
    if searched:
        lines += [
            "### With search: folio's default build against Hugo + Pagefind",
            "",
            "folio builds its search index by default; a Hugo site gets one by running Pagefind's "
            "command-line indexer over Hugo's output (*Hugo + Pagefind*: `hugo` then `pagefind "
            "--site <out>`, the same Pagefind version folio links, indexing the same article "
            "element). Ratios of medians: wall (CPU), and peak memory.",
            "",
            "| N | Hugo + Pagefind | folio ÷ it | folio + charts ÷ it | peak memory: folio ÷ it |",
            "|---:|---:|---:|---:|---:|",
        ]
        with_search = []
        for s in searched:
            ref = s["stats"]["hugo-pagefind"]
            cells = []
            for t in ("folio", "folio-charts"):
                st = s["stats"].get(t)
                if st is None:
                    cells.append("–")
                    continue
                rw, rc = st["wall"] / ref["wall"], st["cpu"] / ref["cpu"]
                single = st["once"] or ref["once"]
                cells.append(f"{rw:.2f}× ({rc:.2f}×)" + (SINGLE if single else ""))
                if t == "folio":
                    with_search.append((s["n"], rw, rc, single))
            st = s["stats"].get("folio")
            mem_cell = (f"{st['rss'] / ref['rss']:.2f}×" + (SINGLE if st["once"] or ref["once"] else "")
                        if st and st["rss"] and ref["rss"] else "–")
            lines.append(f"| {s['n']:,} | {cell(ref)} ({cell(ref, 'cpu')}) | "
                         + " | ".join(cells) + f" | {mem_cell} |")
        lines.append("")
        if with_search:
            verdicts.append(
                "- folio's default build (with its search index) against Hugo + Pagefind: "
                + "; ".join(f"N={n:,}: {rw:.2f}× wall, {rc:.2f}× CPU" + (SINGLE if single else "")
                            for n, rw, rc, single in with_search)
                + f" (for reference: the issue's {TARGET_SPEED:.2f}× target is stated for the "
                "build without search, above)."
            )

    # (b) charts
    lines += [
        "### Chart overhead",
        "",
        f"Target: folio with charts ÷ folio without ≤ {TARGET_CHARTS:.2f}× (one data table per "
        "chapter and two charts per table: one per language). Ratios of medians: wall (CPU).",
        "",
        "| N | with search: folio + charts ÷ folio | without search: folio + charts ÷ folio |",
        "|---:|---:|---:|",
    ]
    chart_ok = []
    for s in sizes:
        cells = []
        for a, b in (("folio-charts", "folio"), ("folio-charts-nosearch", "folio-nosearch")):
            sa, sb = s["stats"].get(a), s["stats"].get(b)
            if sa is None or sb is None:
                cells.append("–")
                continue
            rw, rc = sa["wall"] / sb["wall"], sa["cpu"] / sb["cpu"]
            mark = SINGLE if sa["once"] or sb["once"] else ""
            cells.append(f"{ratio_text(rw, TARGET_CHARTS)} ({rc:.2f}×){mark} "
                         f"(+{secs(max(0, sa['wall'] - sb['wall']))})")
            chart_ok.append((s["n"], "with search" if a == "folio-charts" else "without search", rw))
        if any(c != "–" for c in cells):
            lines.append(f"| {s['n']:,} | " + " | ".join(cells) + " |")
    lines.append("")
    if chart_ok:
        # The issue states this target at N = 1,000, for the build (folio's default builds the
        # search index); the build without search is reported next to it.
        at = {k: r for n, k, r in chart_ok if n == TARGET_N}
        others = ", ".join(f"N={n:,} {k} {r:.2f}×" for n, k, r in chart_ok if n != TARGET_N)
        if "with search" in at:
            verdicts.append(
                f"- N = {TARGET_N:,}, chart overhead ≤ {TARGET_CHARTS:.2f}× (wall) for the default "
                f"build (with search): {met(at['with search'] <= TARGET_CHARTS)} "
                f"({at['with search']:.2f}×); without search: "
                + (f"{met(at['without search'] <= TARGET_CHARTS)} ({at['without search']:.2f}×)"
                   if "without search" in at else "not measured")
                + (f"; other sizes: {others}" if others else "") + "."
            )

    # (c) flatness, from N = 100 up
    flat_sizes = [s for s in sizes if s["n"] >= 100]
    ns = [s["n"] for s in flat_sizes]
    lines += [
        "### Cost per chapter page",
        "",
        f"Median wall time ÷ 2N. Target: flat from N = 100 up, the largest within "
        f"{TARGET_FLAT:.2f}× of the smallest.",
        "",
        "| tool | " + " | ".join(f"N = {n:,}" for n in ns) + " | largest ÷ smallest |",
        "|---|" + "---:|" * (len(ns) + 1),
    ]
    all_tools = ordered({t for s in sizes for t in s["stats"]})
    flat = []
    for t in ordered({t for s in flat_sizes for t in s["stats"]}):
        vals = []
        cells = []
        for s in flat_sizes:
            st = s["stats"].get(t)
            if st is None:
                cells.append("–")
                continue
            v = st["wall"] / (2 * s["n"])
            vals.append(v)
            cells.append(ms(v) + (SINGLE if st["once"] else ""))
        r = max(vals) / min(vals) if len(vals) > 1 else None
        lines.append(f"| {NAMES.get(t, t)} | " + " | ".join(cells) + f" | {r:.2f}× |" if r else
                     f"| {NAMES.get(t, t)} | " + " | ".join(cells) + " | – |")
        if r and t.startswith("folio"):
            flat.append((t, r, len(vals)))
    lines.append("")
    lines += [
        "User CPU time ÷ 2N (median), the tool's own work without the kernel's share, which on "
        "this machine varies much more than the work does (see each size's *user / sys*):",
        "",
        "| tool | " + " | ".join(f"N = {n:,}" for n in ns) + " | largest ÷ smallest |",
        "|---|" + "---:|" * (len(ns) + 1),
    ]
    flat_user = {}
    for t in ordered({t for s in flat_sizes for t in s["stats"]}):
        vals, cells = [], []
        for s in flat_sizes:
            st = s["stats"].get(t)
            if st is None:
                cells.append("–")
                continue
            v = st["user"] / (2 * s["n"])
            vals.append(v)
            cells.append(ms(v) + (SINGLE if st["once"] else ""))
        r = max(vals) / min(vals) if len(vals) > 1 else None
        flat_user[t] = r
        lines.append(f"| {NAMES.get(t, t)} | " + " | ".join(cells) + (f" | {r:.2f}× |" if r else " | – |"))
    lines.append("")
    if flat:
        bad = [(t, r) for t, r, _ in flat if r > TARGET_FLAT]
        verdicts.append(
            f"- per chapter page cost within {TARGET_FLAT:.2f}× over N = "
            + ", ".join(f"{n:,}" for n in ns) + f" (wall): {met(not bad)} ("
            + ", ".join(f"{NAMES[t]} {r:.2f}×" for t, r, _ in flat) + "); in user CPU time: "
            + ", ".join(f"{NAMES[t]} {flat_user[t]:.2f}×" for t, _, _ in flat if flat_user.get(t)) + "."
        )

    # (d) memory
    lines += [
        "### Peak memory",
        "",
        "Peak RSS (median of the timed runs). The project's target compares folio's peak memory "
        "with Zola's; Zola cannot be measured here (not installed, see *Tool versions*), so the "
        "comparison below is with Hugo's.",
        "",
        "| N | " + " | ".join(NAMES.get(t, t) for t in all_tools)
        + " | folio, no search ÷ Hugo | folio ÷ Hugo |",
        "|---:|" + "---:|" * (len(all_tools) + 2),
    ]
    mem = []
    for s in sizes:
        st = s["stats"]
        cells = [(mib(st[t]["rss"]) + (SINGLE if st[t]["once"] else "")) if t in st and st[t]["rss"] else "–"
                 for t in all_tools]
        rs = []
        for t in ("folio-nosearch", "folio"):
            if t in st and "hugo" in st and st[t]["rss"] and st["hugo"]["rss"]:
                r = st[t]["rss"] / st["hugo"]["rss"]
                rs.append(f"{r:.2f}×" + (SINGLE if st[t]["once"] else ""))
                mem.append((s["n"], t, r))
            else:
                rs.append("–")
        lines.append(f"| {s['n']:,} | " + " | ".join(cells + rs) + " |")
    lines.append("")
    if mem:
        verdicts.append(
            "- peak memory against Zola's: **not measurable here** (no Zola); against Hugo's: "
            + ", ".join(f"{NAMES[t]} {r:.2f}× at N={n:,}" for n, t, r in mem) + "."
        )

    # (e) serve
    served = [s for s in sizes if s["serve"]]
    lines += [
        "### Live preview: one chapter edited",
        "",
        f"`folio serve --root <folio site> --port 0` (the site with search, an editor's default) "
        f"on a copy of the corpus: after its first build, five edits, each appending a line to "
        f"one chapter (chapters N/10, 3N/10, …, 9N/10, Korean and English in turn: 100, 300, "
        f"500, 700, 900 at N = 1,000), waiting "
        f"for serve's `re-rendered in X ms` line and then for the full build that follows before "
        f"the next edit. Target: the edited chapter's pages re-rendered within "
        f"{TARGET_SERVE_MS:.0f} ms at N = 1,000, measured inside the process (X).",
        "",
    ]
    if served:
        lines += [
            "| N | edits | re-rendered in (in process): median / max | write → `re-rendered` line "
            "seen outside: median / max | full build after the edit: median / max | first build | "
            "peak RSS of serve |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for s in served:
            v = s["serve"]
            edits = v.get("edits", [])

            def mm(key, unit="ms", v=v):
                if f"{key}_median" not in v:
                    return "–"
                a, b = v[f"{key}_median"], v[f"{key}_max"]
                if key == "rebuild_ms":
                    return f"{secs(a / 1000)} / {secs(b / 1000)}"
                return f"{a:.1f} {unit} / {b:.1f} {unit}"

            first = secs(v["first_build_ms"] / 1000) if "first_build_ms" in v else "–"
            peak = mib(v["peak_rss_kb"]) if v.get("peak_rss_kb") else "–"
            lines.append(f"| {s['n']:,} | {len(edits)} | {mm('rerender_ms')} | {mm('outside_ms')} | "
                         f"{mm('rebuild_ms')} | {first} | {peak} |")
        lines.append("")
        for s in served:
            v = s["serve"]
            edits = v.get("edits", [])
            if edits:
                lines.append(f"Edits at N = {s['n']:,}: " + "; ".join(
                    f"`{e['file']}` → {e['pages']} {e['rerender_ms']:.1f} ms "
                    f"(outside {e['outside_ms']:.0f} ms, full build {secs(e['rebuild_ms'] / 1000)})"
                    for e in edits) + ".")
            if v.get("errors"):
                lines.append(f"Errors at N = {s['n']:,}: " + "; ".join(f"`{e}`" for e in v["errors"]) + ".")
            lines.append("")
        lines.append(
            "The outside figure runs from the moment the edited file is closed to the moment "
            "benches/serve.py reads serve's line: it includes serve's 60 ms debounce (serve waits "
            "for 60 ms without further events before acting) and the file-watch latency. The "
            "full build runs on its own thread after the quick re-render; the peak RSS is serve's "
            "`VmHWM` when it is stopped."
        )
        lines.append("")
        at = [s for s in served if s["n"] == 1000 and "rerender_ms_max" in s["serve"]]
        if at:
            v = at[0]["serve"]
            complete = v.get("complete", False)
            verdicts.append(
                f"- edit → pages re-rendered ≤ {TARGET_SERVE_MS:.0f} ms at N = 1,000 (in process): "
                f"{met(complete and v['rerender_ms_max'] <= TARGET_SERVE_MS)} (median "
                f"{v['rerender_ms_median']:.1f} ms, max {v['rerender_ms_max']:.1f} ms over "
                f"{len(v['edits'])} edits; seen from outside median {v['outside_ms_median']:.0f} ms, "
                f"max {v['outside_ms_max']:.0f} ms)."
            )
    else:
        lines += ["Not measured in these results (`SERVE_AT` sizes only).", ""]
    return lines, verdicts


def stages_section(sizes):
    lines = [
        "## Stages",
        "",
        "`folio build --timings`, one clean build per folio variant after the timed rounds (or, "
        f"marked {SINGLE}, the single run itself). Wall time of each stage in ms (share of the "
        "stages' total). *charts* is CPU time summed over threads, spent inside *markdown*. "
        "*total* is the sum of the stages; folio's own *built in* figure and the process's wall "
        "time include a little more (start-up, exit).",
        "",
    ]
    any_ = False
    for s in sizes:
        variants = [t for t in FOLIO_VARIANTS if t in s["timings"]]
        if not variants:
            continue
        any_ = True
        names = []
        for t in variants:
            names.append(NAMES[t] + (f" {SINGLE}" if s["timings"][t]["once"] else ""))
        stage_names = []
        for t in variants:
            for name, _, _ in s["timings"][t]["stages"]:
                if name not in stage_names:
                    stage_names.append(name)
        lines += [
            f"### N = {s['n']:,}",
            "",
            "| stage | " + " | ".join(names) + " |",
            "|---|" + "---:|" * len(variants),
        ]
        for name in stage_names:
            cells = []
            for t in variants:
                row = next((x for x in s["timings"][t]["stages"] if x[0] == name), None)
                cells.append(f"{row[1]:,.1f} ({row[2]:.1f} %)" if row else "–")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
            if name == "markdown" and any(s["timings"][t]["charts"] for t in variants):
                cells = [f"{s['timings'][t]['charts']:,.1f} CPU" if s["timings"][t]["charts"] else "–"
                         for t in variants]
                lines.append("| ↳ charts | " + " | ".join(cells) + " |")
        cells = [f"**{s['timings'][t]['total']:,.1f}**" if s["timings"][t]["total"] is not None else "–"
                 for t in variants]
        lines.append("| total | " + " | ".join(cells) + " |")
        cells = [f"{s['timings'][t]['built']['ms']:,} ({s['timings'][t]['built']['warnings']} warnings)"
                 if s["timings"][t]["built"] else "–" for t in variants]
        lines.append("| folio's *built in* | " + " | ".join(cells) + " |")
        lines.append("")
    if not any_:
        lines += ["No stage timings in these results.", ""]
    return lines


def main():
    results, out = Path(sys.argv[1]), Path(sys.argv[2])
    sizes = []
    for d in sorted(results.glob("n*"), key=lambda p: int(p.name[1:]) if p.name[1:].isdigit() else 0):
        s = load_size(d)
        if s:
            sizes.append(s)
    tools = read_kv(results / "tools.txt")
    mach = machine()

    body = []
    for s in sizes:
        body.extend(size_section(s))
    target_lines, verdicts = targets(sizes)
    bundled_lines = []
    if (results / "bundled.json").exists():
        r = json.loads((results / "bundled.json").read_text())["results"][0]
        med = r["median"]
        verdicts.append(
            f"- the bundled report (both languages, all charts, search index) ≤ 150 ms median: "
            f"{met(med <= 0.150)} (median {med * 1000:.0f} ms, min {r['min'] * 1000:.0f} ms, "
            f"max {r['max'] * 1000:.0f} ms over {len(r['times'])} builds)."
        )
        stages = (results / "bundled-timings.txt")
        bundled_lines = [
            "### The bundled report",
            "",
            f"`folio build` of this repository's content (13 chapters × 2 languages, 21 charts per "
            f"language, the search index), rebuilding over the previous output: median "
            f"{med * 1000:.0f} ms (min {r['min'] * 1000:.0f}, max {r['max'] * 1000:.0f}; "
            f"{len(r['times'])} runs after 3 warm-ups). One `--timings` run:",
            "",
            "```text",
            *[l for l in (stages.read_text().splitlines() if stages.exists() else [])
              if not l.startswith(("content/", "folio:"))],
            "```",
            "",
        ]
    target_lines = target_lines + bundled_lines

    zola = tools.get("zola") or ""
    runs_note = ", ".join(
        f"N={s['n']:,}: {s['runs']}" + (f" ({', '.join(NAMES[t] for t in s['once'])}: 1, single run)"
                                        if s["once"] else "")
        for s in sizes)
    every_tool = {t for s in sizes for t in s["stats"]}
    subsets = [s for s in sizes if set(s["stats"]) != every_tool]
    words = next((s["words_per_chapter"] for s in sizes if s["words_per_chapter"]), None)
    any_single = any(s["once"] for s in sizes)
    doc = [
        "# folio benchmarks",
        "",
        f"Generated by `benches/run.sh` on {datetime.date.today().isoformat()}; re-run it to refresh "
        "this file. Lower is better everywhere.",
        "",
        "## Summary (median of clean builds: wall time, and CPU time user+sys in parentheses)",
        "",
        "*folio* and *folio + charts* build the Pagefind search index (folio's default); the "
        "*no search* variants are the same sites with `search: false`, the like-for-like "
        "comparison with Hugo (and Zola), which build no search index here. *Hugo + Pagefind* is "
        "Hugo followed by Pagefind's indexer, the like-for-like comparison for folio's default.",
        "",
        *summary(sizes),
        "",
        *([f"{SINGLE} A single run (too long to repeat), not a median; see its size's section.", ""]
          if any_single else []),
        *([] if any(s["n"] == 5000 for s in sizes) else [
            "N = 5,000 (the third size of a default run) is not in these results; "
            "`benches/run.sh 5000` adds it to this file.",
            "",
        ]),
        *(["Sizes measured with fewer tools: " + "; ".join(
            f"N = {s['n']:,}: " + ", ".join(f"*{NAMES.get(t, t)}*" for t in ordered(s["tools"]))
            + (" in the rounds, " + ", ".join(f"*{NAMES.get(t, t)}*" for t in s["once"]) + " once"
               if s["once"] else "")
            for s in subsets) + ".", ""] if subsets else []),
        "A ratio above 1× means folio is slower by that factor. CPU time is the steadier figure "
        "when the machine is shared; wall time is what a user waits (with 2 cores, CPU above "
        "wall means parallel work).",
        "",
        "## Targets",
        "",
        *verdicts,
        "",
        *target_lines,
        "## Method",
        "",
        f"- **Corpus** (`benches/corpus.py`, deterministic, seeded): N chapters per language in "
        f"Korean and English, ~{words or 2000:,} words each (generated from fixed word lists), with "
        "`##`/`###` headings, bullet lists (some nested), one Markdown table, 2–3 footnotes and one "
        "link to another chapter's heading anchor. The same text is written as a folio site, a Zola "
        "site and a Hugo site; only the link syntax differs (`NNNN-slug.md#id`, "
        "`@/chapters/NNNN-slug.md#id`, `{{< relref \"/chapters/NNNN-slug.md#id\" >}}`). The anchor "
        "is an explicit `{#id}`, which all three support. English chapters carry folio's "
        "`translated_from:` hash, so folio builds without warnings.",
        "- **Chart variant** (folio only): the same corpus plus one YAML data table per chapter "
        "(the shape of `tests/fixtures/basic/content/data/market.yaml`, different numbers per "
        "chapter, consistent growth rates and a `derived` value) and `{{ chart(id=\"<slug>\") }}` in "
        "both languages.",
        "- **Search variants**: *folio* and *folio + charts* use folio's default (`search: true`: a "
        "Pagefind index and a search box); *folio, no search* and *folio + charts, no search* are "
        "byte-identical copies with `search: false` appended to `content/site.yaml`.",
        "- **Templates**: folio uses the project's own `templates/` and `static/`; Zola and Hugo use "
        "minimal templates showing the same elements (title, table of contents, body, footnotes, "
        "previous/next links) plus a contents list per language.",
        "- **Commands** (clean builds: before every run, `--prepare` moves the previous output "
        "aside, out of the way, into `target/bench/trash/`, deleted when the script ends; not "
        "`rm -rf`, because deleting thousands of files just before a build slows that build's own "
        "file creation here (ext4 without a journal passes over inodes freed in the last minutes, "
        "one inode-table read each), so the timing would include the deletion's after-effects, "
        "for every tool):",
        "  - folio: `target/bench/bin/folio build --root <corpus> --out <out>` (a copy of "
        "`target/release/folio` taken when the run starts; non-strict; the warm-up run checks that "
        "it reports 0 warnings)",
        "  - Hugo: `hugo --source <dir> --destination <out> --quiet`",
        "  - Hugo + Pagefind: the Hugo command, then `pagefind --site <out> --quiet` (Pagefind's "
        "CLI, the version in folio's `Cargo.lock`: the native `pagefind_extended` binary that npm's "
        "`pagefind` package ships, run directly, so that the start-up of npm's Node launcher is "
        "not counted; the extended build differs only in segmenting Chinese, Japanese and Thai; "
        "one wrapper script, `target/bench/bin/hugo-pagefind`, runs both; its peak RSS is the "
        "larger of the two steps). Hugo's article element carries "
        "`data-pagefind-body`, so Pagefind indexes the chapter text as folio's index does. folio "
        "also marks Korean stems for its index (particles split off), which Pagefind alone does not.",
        "  - Zola: `zola --root <dir> build --output-dir <out> --force`",
        f"- **Runs**: one warm-up build per tool (which also validates the corpus), then timed "
        f"runs ({runs_note}). Each round is one `hyperfine --runs 1` call over all tools, with the "
        "order rotated every round, so the tools alternate; a single `hyperfine --warmup 1 "
        "--runs 5` call would run all runs of one tool before starting the next.",
        "- **Wall time**: hyperfine's measurement. **CPU**: user + system time (with 2 cores, "
        "CPU above wall means parallel work); *user / sys* splits it into the process's own work "
        "and the kernel's (file creation and writes, page faults). **Peak RSS**: each timed command runs under "
        "`/usr/bin/time -f %M` (the figure `time -v` prints as *Maximum resident set size*); the "
        "median of all timed runs is shown. The wrapper adds ~1 ms per run to the wall time.",
        "- **Single runs** (`ONCE`, marked ¹): a build too long to repeat, run once after the "
        "rounds under `/usr/bin/time -v` with `--timings`, without a warm-up; its wall, "
        "user+sys and peak RSS come from `time -v`.",
        "- **Stages**: after the rounds, `folio build --timings` once per folio variant into a "
        "clean output folder (see *Stages*). Before these builds too, and before the warm-ups, "
        "the previous output is moved aside, not deleted.",
        "- **Live preview** (at N = 1,000 only): `benches/serve.py` starts `folio serve` on a copy "
        "of the *folio* site and edits five chapters in turn (see *Targets*); serve is stopped "
        "at the end, and by run.sh's exit trap if anything fails.",
        "- **Per chapter page**: median wall time ÷ 2N (chapter pages in both languages). The "
        "tools write different extra pages (folio: cover, contents, print edition, 404; Hugo: "
        "list pages, sitemap), counted under *HTML files written*.",
        "- **Not the same work**: folio also validates links, anchors, translations and numbers, "
        "and with charts draws SVG charts and writes CSV files; *folio* and *folio + charts* also "
        "build a Pagefind search index. Hugo and Zola here build no search index (Zola's "
        "`build_search_index` is off by default); *Hugo + Pagefind* does.",
        "- **Noise**: before each round run.sh waits (up to 3 min) for other processes to use "
        "less than 10 % of the CPUs, and records the load it saw; each size's section reports it. "
        "Other processes are not the only noise: the kernel (sys) time of the same build varies "
        "with the state of the file system and memory (each size's *user / sys* column); user "
        "time is the steadiest measure of the tools' own work.",
        "",
        "## Machine",
        "",
        f"- CPU: {mach['cpu']} — `nproc` = {mach['nproc']}",
        f"- Memory: {mach['memory']}",
        f"- Kernel: Linux {mach['kernel']}",
        "",
        "## Tool versions",
        "",
        f"- folio: `{tools.get('folio', '?')}` (release profile), built with `{tools.get('rustc', '?')}`",
        f"- Hugo: `{tools.get('hugo', '?')}` (Debian package `hugo`)",
        f"- Zola: " + (f"`{zola}`" if zola else "**not measured** — not installed: crates.io has no "
                       "`zola` crate (`cargo install zola` finds nothing) and Debian has no `zola` "
                       "package. `benches/corpus.py` still writes a Zola site (`--sites zola`), and "
                       "`run.sh` generates and measures it wherever a `zola` binary is on the PATH."),
        f"- Pagefind (CLI, for *Hugo + Pagefind*): " + (f"`{tools['pagefind']}`" if tools.get("pagefind")
                                                         else "not measured (no npm)"),
        f"- hyperfine: `{tools.get('hyperfine', '?')}`; time: `{tools.get('time', '?')}`; "
        f"{tools.get('python', 'python')}",
        "",
        "## Results",
        "",
        *body,
        *stages_section(sizes),
        "## Reproduce",
        "",
        "```sh",
        "benches/run.sh              # N = 100, 1000, 5000 (installs hugo, hyperfine, time, and pagefind from npm, if missing)",
        "benches/run.sh 100 1000     # chosen sizes only (serve is measured at N = 1000)",
        "RUNS=10 benches/run.sh 100  # more timed runs (RUNS_LARGE applies from N = 5000)",
        "# N = 5000 without the searches in the rounds, folio with search built once:",
        "TOOLS=\"folio-nosearch folio-charts-nosearch hugo\" ONCE=\"folio hugo-pagefind\" RUNS_LARGE=3 benches/run.sh 5000",
        "python3 benches/corpus.py --n 1000 --out /tmp/corpus   # a corpus alone",
        "```",
        "",
        "Corpora, outputs and raw results (hyperfine JSON per round, RSS per run, warm-up logs, "
        "stage timings, `time -v` reports, serve's log and JSON) are under `target/bench/`.",
        "",
    ]
    out.write_text("\n".join(doc))


if __name__ == "__main__":
    main()
