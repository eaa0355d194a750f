//! The `folio` command line: one file per subcommand, the arguments they share here.
//!
//! Owns argument parsing, exit codes and what is printed to the terminal; the work itself is
//! the library's ([`crate::build`], [`crate::serve`]). May use every other module.

mod build;
mod init;
pub mod pdf;
mod serve;
mod stamp;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "Builds a multilingual report website from Markdown chapters and YAML data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the site is: every subcommand takes it.
#[derive(Args, Clone)]
pub(crate) struct Site {
    /// Site root holding content/, templates/ and static/.
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
}

/// How findings are printed.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    Text,
    Json,
    Github,
}

#[derive(Subcommand)]
enum Command {
    /// Make a new report in an empty folder: configuration, a chapter per language, a data
    /// table and a publishing workflow, ready to build.
    Init(init::InitArgs),
    /// Build the site into the output folder (default: public/).
    Build(build::BuildArgs),
    /// Live preview: build in memory, serve on 127.0.0.1, rebuild and reload on every change.
    Serve(serve::ServeArgs),
    /// Record in translations which version of their source they were made from
    /// (`translated_from:`), after bringing them up to date.
    Stamp(stamp::StampArgs),
    /// Print one language's edition to PDF with a locally installed Chromium (never downloaded).
    Pdf(pdf::PdfArgs),
    /// Run every check and write nothing.
    Check(build::CheckArgs),
}

/// Parses the command line and runs the subcommand.
pub fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Init(args) => init::run(args),
        Command::Build(args) => build::build(args),
        Command::Check(args) => build::check(args),
        Command::Serve(args) => serve::run(args),
        Command::Stamp(args) => stamp::run(args),
        Command::Pdf(args) => pdf::run(args),
    }
}
