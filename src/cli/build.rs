//! `folio build` and `folio check`: one build ([`crate::build::run`]), writing the site or
//! not, and the findings printed as text, JSON or GitHub annotations.

use super::{OutputFormat, Site};
use crate::base::diag::{self, Format, Severity};
use crate::build::{self, Options};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    site: Site,
    /// Output folder (default: <root>/public).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Treat warnings as errors (for CI).
    #[arg(long)]
    strict: bool,
    /// How to print findings: text, json, or github (workflow annotations).
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Print the time of each stage (load, markdown, checks, templates, data, search, write).
    #[arg(long)]
    timings: bool,
}

#[derive(clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    site: Site,
    /// Treat warnings as errors (for CI).
    #[arg(long)]
    strict: bool,
    /// How to print findings: text, json, or github (workflow annotations).
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

pub(crate) fn build(a: BuildArgs) -> ExitCode {
    let opts = Options {
        root: a.site.root,
        out: a.out,
        strict: a.strict,
    };
    run(&opts, true, a.format, a.timings)
}

pub(crate) fn check(a: CheckArgs) -> ExitCode {
    let opts = Options {
        root: a.site.root,
        out: None,
        strict: a.strict,
    };
    run(&opts, false, a.format, false)
}

fn run(opts: &Options, write: bool, format: OutputFormat, timings: bool) -> ExitCode {
    let started = Instant::now();
    let report = build::run(opts, write);
    let format = match format {
        OutputFormat::Text => Format::Text,
        OutputFormat::Json => Format::Json,
        OutputFormat::Github => Format::Github,
    };
    if timings {
        eprint!("{}", report.timings.render());
    }
    let rendered = diag::render(&report.diagnostics, format);
    if format == Format::Json {
        print!("{rendered}");
    } else {
        eprint!("{rendered}");
    }
    let count = |s: Severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    let acknowledged = if notes > 0 {
        format!(", {notes} acknowledged")
    } else {
        String::new()
    };
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    if report.failed {
        let why = if errors == 0 {
            " (warnings are errors under --strict)"
        } else {
            ""
        };
        eprintln!(
            "folio: failed with {errors} error(s) and {warnings} warning(s){acknowledged}{why}; nothing was written"
        );
        ExitCode::FAILURE
    } else {
        let verb = if write { "built" } else { "checked" };
        eprintln!(
            "folio: {verb} {} pages in {elapsed:.0} ms ({warnings} warning(s){acknowledged})",
            report.pages
        );
        ExitCode::SUCCESS
    }
}
