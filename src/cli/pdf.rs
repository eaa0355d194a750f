//! `folio pdf`: the print edition of one language saved as PDF by a Chromium already installed
//! on the machine. folio never downloads a browser; without one it says how to get one.

use super::Site;
use crate::base::diag::{Diagnostic, Pos};
use crate::build;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

#[derive(clap::Args)]
pub(crate) struct PdfArgs {
    #[command(flatten)]
    site: Site,
    /// Language of the edition (default: the site's default language).
    #[arg(long)]
    lang: Option<String>,
    /// The PDF to write (default: report.<lang>.pdf).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub(crate) fn run(args: PdfArgs) -> ExitCode {
    let root = &args.site.root;
    match print(root, args.lang.as_deref(), args.out.as_deref()) {
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
    }
}

/// Browser executables tried, in order (after `$FOLIO_CHROMIUM`).
const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// Finds a Chromium on `$FOLIO_CHROMIUM` or the `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("FOLIO_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| CANDIDATES.iter().map(move |c| dir.join(c)))
        .find(|p| p.is_file())
}

/// Whether a PDF can be written at `out` (as given, for messages): checked before anything is
/// built, so that a wrong path is not taken for Chromium failing.
fn check_out(out: &Path) -> Result<(), Diagnostic> {
    let refuse = |message: String, expected: &str| {
        Err(Diagnostic::error(out, Pos::START, message, expected))
    };
    if out.is_dir() {
        return refuse(
            "the PDF's path is a folder".into(),
            "a file name, such as report.ko.pdf",
        );
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match std::fs::metadata(parent) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => refuse(
            format!("`{}` is a file, not a folder", parent.display()),
            "a PDF path in an existing folder",
        ),
        Err(_) => refuse(
            format!("the folder `{}` does not exist", parent.display()),
            "a PDF path in an existing folder (make the folder first)",
        ),
    }
}

/// Builds the site into a temporary folder and prints `<lang>/print/` to `out`.
pub fn print(
    root: &Path,
    lang: Option<&str>,
    out: Option<&Path>,
) -> Result<PathBuf, Vec<Diagnostic>> {
    if let Some(out) = out {
        check_out(out).map_err(|d| vec![d])?;
    }
    let (files, _) = build::generate(root).map_err(|ds| ds.sorted())?;
    let content = crate::content::load(root).map_err(|ds| ds.sorted())?;
    let lang = lang
        .unwrap_or(content.config.default_language())
        .to_string();
    let page = format!("{}print/index.html", content.config.edition(&lang));
    if !files.iter().any(|f| f.path == page) {
        return Err(vec![Diagnostic::error(
            root.join("content"),
            Pos::START,
            format!("there is no `{lang}` edition to print"),
            format!("one of {}", content.published_languages().join(", ")),
        )]);
    }
    let chromium = find_chromium().ok_or_else(|| {
        vec![Diagnostic::error(
            "chromium",
            Pos::START,
            "no Chromium found on this machine (folio never downloads a browser)",
            "`chromium` on the PATH (Debian/Ubuntu: apt-get install chromium), or FOLIO_CHROMIUM=/path/to/chrome",
        )]
    })?;
    let dir = std::env::temp_dir().join(format!("folio-pdf-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    crate::site::output::write_site(&dir, &files, &root.join("static")).map_err(|d| vec![d])?;
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(format!("report.{lang}.pdf")));
    let out = if out.is_absolute() {
        out
    } else {
        std::env::current_dir().unwrap_or_default().join(out)
    };
    let status = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", dir.join(&page).display()))
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    match status {
        Ok(o) if o.status.success() && out.is_file() => Ok(out),
        Ok(o) => Err(vec![Diagnostic::error(
            &chromium,
            Pos::START,
            format!(
                "Chromium could not print the page: {}",
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            ),
            "a working Chromium",
        )]),
        Err(e) => Err(vec![Diagnostic::error(
            &chromium,
            Pos::START,
            format!("cannot run Chromium: {e}"),
            "a working Chromium",
        )]),
    }
}
