//! `folio init [DIR] [--languages en,de]`: a small working report in an empty folder — the
//! configuration, one chapter per language (a heading, a footnote, a `value()`, a chart and a
//! table), one data table (a decimal figure, a money amount, a growth rate), and a GitHub
//! workflow that checks and publishes it. It builds with `--strict` at once: translations are
//! stamped with the version of the default language's chapter they were made from.
//!
//! Templates, static files and UI strings are folio's built-in theme; a site adds its own
//! `templates/`, `static/` or `content/i18n/` files to change them.

mod texts;

use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::base::source::Source;
use crate::content::config::Config;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct InitArgs {
    /// The folder to make the report in (it must be empty or not exist; default: this one).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The report's languages, the default first, as BCP 47 codes.
    #[arg(long, default_value = "en", value_delimiter = ',')]
    languages: Vec<String>,
}

pub(crate) fn run(args: InitArgs) -> ExitCode {
    match init(&args.dir, &args.languages) {
        Ok(written) => {
            for f in &written {
                eprintln!("  {}", f.display());
            }
            eprintln!(
                "folio: a new report in {}; next: cd {} && folio serve --open",
                args.dir.display(),
                args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(ds) => {
            for d in ds.sorted() {
                eprintln!("{d}");
            }
            eprintln!("folio: nothing was written");
            ExitCode::FAILURE
        }
    }
}

/// The folder's problem, if it cannot take a new site (not a folder, or not empty).
fn check_folder(dir: &Path) -> Option<Diagnostic> {
    let problem = match std::fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => format!("cannot use this folder: {e}"),
        Ok(mut entries) => match entries.next() {
            None => return None,
            Some(_) => "the folder is not empty".to_string(),
        },
    };
    Some(Diagnostic::error(
        dir,
        Pos::START,
        problem,
        "an empty or new folder (folio init never writes over a site)",
    ))
}

/// The files of a new report in `languages`, by path relative to its folder. The translations
/// are not stamped yet.
fn files(languages: &[String]) -> Vec<(String, String)> {
    let mut site = String::from(
        "# The report's configuration: every key is in folio's docs/configuration.md.\ntitle:\n",
    );
    for l in languages {
        site.push_str(&format!("  {l}: {}\n", yaml_str(texts::of(l).title)));
    }
    site.push_str("languages: [");
    site.push_str(&languages.join(", "));
    site.push_str(
        "]\n# base_url: https://example.org/report/   # where it is published (for the sitemap)\n",
    );
    let mut table = String::from("title:\n");
    let localized = |key: fn(&texts::Texts) -> &'static str, indent: &str| {
        languages
            .iter()
            .map(|l| format!("{indent}{l}: {}\n", yaml_str(key(texts::of(l)))))
            .collect::<String>()
    };
    table.push_str(&localized(|t| t.table, "  "));
    table.push_str("source:\n");
    table.push_str(&localized(|t| t.source, "  "));
    table.push_str("columns:\n  - id: year\n    type: year\n    label:\n");
    table.push_str(&localized(|t| t.year, "      "));
    table.push_str(
        "  - id: value\n    type: number\n    unit: { kind: money, currency: USD, scale: 1e9 }\n    label:\n",
    );
    table.push_str(&localized(|t| t.size, "      "));
    table.push_str("  - id: growth\n    type: number\n    unit: { kind: percent }\n    label:\n");
    table.push_str(&localized(|t| t.growth, "      "));
    table.push_str(
        "rows:\n  - { year: 2023, value: 12.5 }\n  - { year: 2024, value: 14.0, growth: 12.0 }\n  - { year: 2025, estimate: true, value: 15.75, growth: 12.5 }\nchart: { kind: bar-line, x: year, bars: value, line: growth }\n",
    );
    let mut steps = String::from("title:\n");
    steps.push_str(&localized(|t| t.steps, "  "));
    steps.push_str("columns:\n  - id: step\n    type: text\n    label:\n");
    steps.push_str(&localized(|t| t.step, "      "));
    steps.push_str("  - id: file\n    type: name\n    label:\n");
    steps.push_str(&localized(|t| t.file, "      "));
    steps.push_str("rows:\n");
    for (i, file) in ["content/site.yaml", "content/chapters/", "content/data/"]
        .iter()
        .enumerate()
    {
        steps.push_str("  - step:\n");
        for l in languages {
            steps.push_str(&format!(
                "      {l}: {}\n",
                yaml_str(texts::of(l).step_texts[i])
            ));
        }
        steps.push_str(&format!("    file: {file}\n"));
    }
    let mut out = vec![
        ("content/site.yaml".to_string(), site),
        ("content/data/market.yaml".to_string(), table),
        ("content/data/steps.yaml".to_string(), steps),
    ];
    for l in languages {
        let t = texts::of(l);
        out.push((
            format!("content/chapters/01-overview.{l}.md"),
            format!(
                "---\ntitle: {}\n---\n\n## {}\n\n{}\n\n- {} {{{{ value(id=\"market\", row=2024, col=\"value\") }}}}.[^1]\n\n{{{{ chart(id=\"market\") }}}}\n\n{{{{ table(id=\"steps\") }}}}\n\n[^1]: {}\n",
                yaml_str(t.chapter),
                t.section,
                t.intro,
                t.value,
                t.note
            ),
        ));
    }
    out.push((".gitignore".to_string(), "public/\n".to_string()));
    out.push((
        ".github/workflows/publish.yml".to_string(),
        WORKFLOW.replace("{version}", env!("CARGO_PKG_VERSION")),
    ));
    out
}

/// `s` as a YAML scalar (quoted: titles hold `:` and `#`).
fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Makes a new report in `dir`; the files written.
fn init(dir: &Path, languages: &[String]) -> Result<Vec<PathBuf>, Diagnostics> {
    let languages: Vec<String> = languages
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if languages.is_empty() {
        return Err(Diagnostics::from(Diagnostic::error(
            "--languages",
            Pos::START,
            "no languages",
            "`--languages en` or `--languages ko,en` (the default first)",
        )));
    }
    let files = files(&languages);
    // The configuration is checked before anything is written: an unknown code is refused.
    let site = &files[0].1;
    Config::load(&Source::new("--languages", site.as_str())).map_err(|ds| {
        let mut out = Diagnostics::new();
        out.extend(ds.into_iter().map(|mut d| {
            d.pos = Pos::START;
            d
        }));
        out
    })?;
    if let Some(d) = check_folder(dir) {
        return Err(Diagnostics::from(d));
    }
    let mut written = Vec::new();
    for (rel, text) in &files {
        let path = dir.join(rel);
        write(&path, text)?;
        written.push(path);
    }
    stamp_translations(dir, &languages)?;
    Ok(written)
}

fn write(path: &Path, text: &str) -> Result<(), Diagnostics> {
    let io = |e: std::io::Error| {
        Diagnostics::from(Diagnostic::error(
            path,
            Pos::START,
            format!("cannot write: {e}"),
            "a folder folio may write in",
        ))
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, text).map_err(io)
}

/// Records in each translation the version of the default language's chapter it was made
/// from, as `folio stamp` does.
fn stamp_translations(dir: &Path, languages: &[String]) -> Result<(), Diagnostics> {
    let default = dir.join(format!("content/chapters/01-overview.{}.md", languages[0]));
    let source = crate::content::read_chapter(&default)?.hash();
    for l in &languages[1..] {
        let path = dir.join(format!("content/chapters/01-overview.{l}.md"));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let stamped = text.replacen("\n---\n", &format!("\ntranslated_from: {source}\n---\n"), 1);
        write(&path, &stamped)?;
    }
    Ok(())
}

/// The publishing workflow: check with annotations, build strictly, publish to GitHub Pages.
const WORKFLOW: &str = r#"# Checks the report on every commit (findings become annotations on the changed lines) and
# publishes public/ to GitHub Pages from main. Set `base_url` in content/site.yaml to the Pages
# address (https://<user>.github.io/<repo>/) and choose "GitHub Actions" as the Pages source.
name: Publish

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages-${{ github.ref }}
  cancel-in-progress: true

env:
  # Where folio is installed from (made with folio {version}).
  FOLIO_GIT: https://github.com/folio-reports/folio

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
      - name: Install folio
        run: cargo install --locked --git "$FOLIO_GIT" folio
      - name: Check
        run: folio check --strict --format github
      - name: Build
        run: folio build --strict
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    if: github.event_name == 'push' && github.ref == 'refs/heads/main'
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;
