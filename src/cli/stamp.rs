//! `folio stamp`: records in a translation which version of its source chapter it was made
//! from (`translated_from:` in its front matter), once the translation has been brought up to
//! date. The freshness check ([`crate::check`]) compares it with the source's hash.

use super::Site;
use crate::base::diag::{Diagnostic, Pos};
use crate::content::{self, Content, yaml};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct StampArgs {
    #[command(flatten)]
    site: Site,
    /// Translated chapter files, e.g. content/chapters/02-market-size.en.md.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

pub(crate) fn run(args: StampArgs) -> ExitCode {
    let root = &args.site.root;
    let content = match content::load(root) {
        Ok(c) => c,
        Err(ds) => {
            for d in ds.sorted() {
                eprintln!("{}", d.relative_to(root));
            }
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for f in &args.files {
        let path = if f.is_absolute() {
            f.clone()
        } else {
            root.join(f)
        };
        match stamp(&content, &path) {
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

/// Sets `translated_from:` in `path` (a translation) to the current hash of its source.
/// Returns the hash written.
fn stamp(content: &Content, path: &std::path::Path) -> Result<String, Diagnostic> {
    let source_lang = content.config.default_language();
    let tr = content
        .chapters
        .iter()
        .find(|c| c.source.path == path || c.source.path.ends_with(path))
        .ok_or_else(|| {
            Diagnostic::error(
                path,
                Pos::START,
                "not a chapter of this site",
                "a file content/chapters/<NN>-<slug>.<lang>.md",
            )
        })?;
    if tr.lang == source_lang {
        return Err(Diagnostic::error(
            path,
            Pos::START,
            format!("`{}` is in the source language `{source_lang}`", tr.stem()),
            "a translation",
        ));
    }
    let src = content.chapter(&tr.slug, source_lang).ok_or_else(|| {
        Diagnostic::error(
            path,
            Pos::START,
            format!("`{}` has no `{source_lang}` source chapter", tr.stem()),
            "the source chapter",
        )
    })?;
    let hash = src.hash();
    let fm = yaml::split_front_matter(&tr.source)?;
    let mut yaml_lines: Vec<String> = fm
        .yaml
        .lines()
        .filter(|l| !l.starts_with("translated_from:"))
        .map(str::to_string)
        .collect();
    yaml_lines.push(format!("translated_from: {hash}"));
    let text = format!("---\n{}\n---\n{}", yaml_lines.join("\n"), fm.body);
    // Never truncated in place: a full disk leaves the translation as it was.
    crate::base::write::replace_file(&tr.source.path, text.as_bytes()).map_err(|e| {
        Diagnostic::error(
            &tr.source.path,
            Pos::START,
            format!("cannot write: {e}"),
            "a writable file",
        )
    })?;
    Ok(hash)
}
