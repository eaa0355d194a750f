//! The `folio` command line: `build` and `check`.

use clap::{Parser, Subcommand};
use folio::build::{self, Options};
use folio::diag::{Format, Severity};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "Builds a bilingual report website from Markdown chapters and YAML data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OutputFormat {
    Text,
    Json,
    Github,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/).
    Build {
        /// Site root holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
    },
    /// Live preview: build in memory, serve on 127.0.0.1, rebuild and reload on every change.
    Serve {
        /// Site root holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Record in translations which version of their source they were made from
    /// (`translated_from:`), after bringing them up to date.
    Stamp {
        /// Site root holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Translated chapter files, e.g. content/chapters/02-market-size.en.md.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print one language's edition to PDF with a locally installed Chromium (never downloaded).
    Pdf {
        /// Site root holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Language of the edition (default: the site's default language).
        #[arg(long)]
        lang: Option<String>,
        /// The PDF to write (default: report.<lang>.pdf).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Run every check and write nothing.
    Check {
        /// Site root holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings as errors (for CI).
        #[arg(long)]
        strict: bool,
        /// How to print findings: text, json, or github (workflow annotations).
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

fn stamp(root: &std::path::Path, files: &[PathBuf]) -> ExitCode {
    let content = match folio::content::load(root) {
        Ok(c) => c,
        Err(ds) => {
            for d in ds.sorted() {
                eprintln!("{}", d.relative_to(root));
            }
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for f in files {
        let path = if f.is_absolute() {
            f.clone()
        } else {
            root.join(f)
        };
        match folio::translation::stamp(&content, &path) {
            Ok(hash) => eprintln!("{}: translated_from: {hash}", f.display()),
            Err(d) => {
                eprintln!("{}", d.relative_to(root));
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Builds allocate and free millions of small strings (Markdown events, template values, the
/// search index); mimalloc does that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    if let Command::Serve { root, port, open } = &cli.command {
        return match folio::serve::serve(root, *port, *open) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("folio: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if let Command::Stamp { root, files } = &cli.command {
        return stamp(root, files);
    }
    if let Command::Pdf { root, lang, out } = &cli.command {
        return match folio::pdf::print(root, lang.as_deref(), out.as_deref()) {
            Ok(path) => {
                eprintln!("folio: wrote {}", path.display());
                ExitCode::SUCCESS
            }
            Err(ds) => {
                for d in ds {
                    eprintln!("{}", d.relative_to(root));
                }
                ExitCode::FAILURE
            }
        };
    }
    let (opts, write, format, timings) = match cli.command {
        Command::Stamp { .. } | Command::Pdf { .. } | Command::Serve { .. } => {
            unreachable!("handled above")
        }
        Command::Build {
            root,
            out,
            strict,
            format,
            timings,
        } => (Options { root, out, strict }, true, format, timings),
        Command::Check {
            root,
            strict,
            format,
        } => (
            Options {
                root,
                out: None,
                strict,
            },
            false,
            format,
            false,
        ),
    };
    let report = build::run(&opts, write);
    let format = match format {
        OutputFormat::Text => Format::Text,
        OutputFormat::Json => Format::Json,
        OutputFormat::Github => Format::Github,
    };
    if timings {
        eprint!("{}", report.timings.render());
    }
    let rendered = folio::diag::render(&report.diagnostics, format);
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
