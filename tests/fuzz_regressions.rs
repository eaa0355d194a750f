//! Regression tests for the crashes found while fuzzing (see tests/fuzz/README.md).
//!
//! Each test feeds one saved input, `tests/fuzz/regressions/<name>.bin`, through what its fuzz
//! target does with it, and passes when that returns. Every case runs in a child process (this
//! test binary, filtered to that one test) under the limits the fuzz runs used — 2 GiB of memory
//! (`ulimit -v`), and a time limit — so a panic, an abort (a failed allocation), a stack
//! overflow or a hang fails that test alone, with the child's output, instead of taking every
//! test of this file (or the machine) down with it.

#[path = "fuzz/targets.rs"]
mod targets;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use targets::{markdown_target, shortcodes_target, table_target, templates_target};

/// Set in the child process that runs one case.
const CHILD: &str = "FOLIO_FUZZ_REGRESSION_CHILD";

/// How long one case may take. The fuzz runs allowed 10 s per input in an optimised build; this
/// is an unoptimised one, and every input here returns in well under a second once fixed.
const TIME_LIMIT: Duration = Duration::from_secs(10);

/// Memory one case may use, in KiB (the fuzz runs' `-rss_limit_mb=2048`).
const MEMORY_LIMIT_KIB: u64 = 2 * 1024 * 1024;

/// Runs `case` in a child process and fails unless it exits successfully within
/// [`TIME_LIMIT`] and [`MEMORY_LIMIT_KIB`]. `test` must be the name of the calling test.
fn isolated(test: &str, case: fn()) {
    if std::env::var_os(CHILD).is_some() {
        case();
        return;
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(exe)
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting the test binary again");
    // Read the pipes on threads so a chatty child cannot block on a full pipe.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for the child") {
            break Some(status);
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = format!(
        "--- stdout\n{}\n--- stderr\n{}",
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default()
    );
    match status {
        Some(s) if s.success() => {}
        Some(s) => panic!("`{test}` crashed ({s})\n{output}"),
        None => panic!("`{test}` did not return within {TIME_LIMIT:?} (killed)\n{output}"),
    }
}

/// `chart: { years: [2024, 2147483647] }` is accepted by `Table::load`, and `chart::slots`
/// makes one slot per year of the range: a 2-billion-element `Vec` (the allocation fails and
/// the process aborts; a span of 10⁶ years already takes 10 s, 10⁷ over 2 GB).
#[test]
fn table_chart_years_range() {
    isolated("table_chart_years_range", || {
        table_target(include_bytes!(
            "fuzz/regressions/table-chart-years-range.bin"
        ))
    });
}

/// A money cell written with 330 decimals: `Formatter::prose` computes a precision of
/// `1 × 10⁻³³⁰`, which is 0.0, so `myriad` asks `fixed` for `u32::MAX` decimals and
/// `format!` panics ("Formatting argument out of range", src/numbers.rs `fixed`). Reached from
/// the chart description (`chart::describe`), and from `value()` shortcodes in chapters.
#[test]
fn table_myriad_precision_underflow() {
    isolated("table_myriad_precision_underflow", || {
        table_target(include_bytes!(
            "fuzz/regressions/table-myriad-precision-underflow.bin"
        ))
    });
}

/// A percent cell written with 65,536 decimals: `fixed` formats with that precision and
/// `format!` panics past 65,535 ("Formatting argument out of range"), from
/// `tablehtml::render` (and `csv::csv`).
#[test]
fn table_fixed_precision_overflow() {
    isolated("table_fixed_precision_overflow", || {
        table_target(include_bytes!(
            "fuzz/regressions/table-fixed-precision-overflow.bin"
        ))
    });
}

/// 20,000 headings `## a`: `IdSet::claim` tries `a-1`, `a-2`, … from 1 for every repeat, so
/// ids cost n²/2 formats and lookups (in the fuzz build 5,000 headings take 8 s, 10,000 take
/// 35 s; this input takes 48 s unoptimised).
#[test]
fn markdown_duplicate_headings() {
    isolated("markdown_duplicate_headings", || {
        markdown_target(include_bytes!(
            "fuzz/regressions/markdown-duplicate-headings.bin"
        ))
    });
}

/// 20,000 block shortcodes: `OffsetMap::original` scans every edit for every event, and the
/// placeholders are put back with one `replacen` over the whole page per shortcode — both
/// quadratic (30 s in the fuzz build, 10 s with only the second fixed).
#[test]
fn markdown_many_block_shortcodes() {
    isolated("markdown_many_block_shortcodes", || {
        markdown_target(include_bytes!(
            "fuzz/regressions/markdown-many-block-shortcodes.bin"
        ))
    });
}

/// 130,000 inline shortcodes in one paragraph: one `replacen` over the whole page per
/// placeholder (30,000 take 20 s in the fuzz build; this input about 30 s unoptimised).
#[test]
fn markdown_many_inline_shortcodes() {
    isolated("markdown_many_inline_shortcodes", || {
        markdown_target(include_bytes!(
            "fuzz/regressions/markdown-many-inline-shortcodes.bin"
        ))
    });
}

/// `[^[^[^…[^]` (40,000 markers, 80 kB): `footnote_markers` takes every `[^` up to the one `]`
/// as a label, so each of the 40,000 "no definition" findings quotes a label of up to 80 kB —
/// quadratic time and memory (2.9 GB, out of memory in the fuzz build).
#[test]
fn markdown_footnote_marker_labels() {
    isolated("markdown_footnote_marker_labels", || {
        markdown_target(include_bytes!(
            "fuzz/regressions/markdown-footnote-marker-labels.bin"
        ))
    });
}

/// The `shortcodes` target (the real shortcode expansion in the basic fixture site, then every
/// check) on its seed, the fixture's own chapter: it must run here as in the fuzzer.
#[test]
fn shortcodes_target_runs_on_the_fixture_chapter() {
    isolated("shortcodes_target_runs_on_the_fixture_chapter", || {
        shortcodes_target(include_bytes!("fuzz/corpus/shortcodes/02-market.ko.md"));
        // The first byte picks the language: odd is `en`.
        shortcodes_target(b"# {{ value(id=\"market\", row=2024, col=\"value\", convert=\"USD\") }} [x](01-intro.md#nope) {{ chart(id=\"market\") }}\n");
        shortcodes_target(
            "{{ table(id=\"firms\") }}\n\n{% box(kind=\"case\", title=\"\u{E000}\") %}\n[y]({{ value() }})\n{% end %}\n"
                .as_bytes(),
        );
    });
}

/// The `templates` target on the template that hung builds (`range(end=100000)` loops nested):
/// the render budget stops it.
#[test]
fn templates_target_stops_nested_loops() {
    isolated("templates_target_stops_nested_loops", || {
        templates_target(include_bytes!("fuzz/corpus/templates/nested-loops.html"));
        templates_target(include_bytes!("fuzz/corpus/templates/include.html"));
    });
}
