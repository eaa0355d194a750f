//! Diagnostics: every problem folio finds, with the file, line and column it concerns.
//!
//! A [`Diagnostic`] prints as `path:line:col: error: what is wrong — expected what`, the shape
//! compilers use, so editors and CI annotate the right line. Stages never stop at the first
//! problem: they push into a [`Diagnostics`] list and the build fails at the end if it holds an
//! error (or, under `--strict`, a warning).
//!
//! Every format prints control characters visibly (`\n`, `\u{1b}`), in paths as in messages:
//! a file named `x\n::error::…` can neither break a diagnostic into two lines nor forge a
//! GitHub Actions command or a terminal escape sequence in a CI log.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A finding an editor reviewed and acknowledged: reported, never failing.
    Note,
    /// Worth fixing; fails the build only under `--strict`.
    Warning,
    /// The build cannot produce a correct site.
    Error,
}

/// A position in a source file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

impl Pos {
    /// The start of a file.
    pub const START: Pos = Pos { line: 1, col: 1 };

    /// A position from 1-based line and column.
    pub fn new(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file concerned, relative to the site root where possible.
    pub path: PathBuf,
    /// Where in the file.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
    /// What was expected instead (empty when nothing useful can be said).
    pub expected: String,
}

impl Diagnostic {
    /// An error at `path:pos`.
    pub fn error(
        path: impl Into<PathBuf>,
        pos: Pos,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            pos,
            message: message.into(),
            expected: expected.into(),
        }
    }

    /// A warning at `path:pos`.
    pub fn warning(
        path: impl Into<PathBuf>,
        pos: Pos,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message, expected)
        }
    }

    /// The same finding reported relative to `root` (paths inside it lose the prefix; the root
    /// itself is `.`).
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.path.strip_prefix(root) {
            self.path = if rel.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                rel.to_path_buf()
            };
        }
        self
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `path:line:col: error: … — expected …`
    #[default]
    Text,
    /// One JSON array of objects.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`).
    Github,
}

impl Severity {
    /// The word printed for this severity.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// `s` with every control character written visibly: `\n`, `\r`, `\t`, and `\u{…}` for the
/// others — C0 and C1 controls, DEL, the line and paragraph separators and the bidirectional
/// overrides (which reorder what a terminal shows).
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Escapes a GitHub workflow-command value (`%`, CR, LF; and `:` `,` in properties).
fn github_escape(s: &str, property: bool) -> String {
    let mut out = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

/// Renders `items` in `format` (text and GitHub: one per line; JSON: one array).
pub fn render(items: &[Diagnostic], format: Format) -> String {
    match format {
        Format::Text => items.iter().map(|d| format!("{d}\n")).collect(),
        Format::Github => items
            .iter()
            .map(|d| {
                let level = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "notice",
                };
                let text = if d.expected.is_empty() {
                    printable(&d.message).into_owned()
                } else {
                    format!(
                        "{} — expected {}",
                        printable(&d.message),
                        printable(&d.expected)
                    )
                };
                format!(
                    "::{level} file={},line={},col={}::{}\n",
                    github_escape(&printable(&d.path.to_string_lossy()), true),
                    d.pos.line,
                    d.pos.col,
                    github_escape(&text, false)
                )
            })
            .collect(),
        Format::Json => {
            let v: Vec<serde_json::Value> = items
                .iter()
                .map(|d| {
                    serde_json::json!({
                        "severity": d.severity.word(),
                        "path": printable(&d.path.to_string_lossy()),
                        "line": d.pos.line,
                        "column": d.pos.col,
                        "message": printable(&d.message),
                        "expected": printable(&d.expected),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&v).unwrap_or_else(|_| "[]".into()) + "\n"
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = self.severity.word();
        write!(
            f,
            "{}:{}:{}: {level}: {}",
            printable(&self.path.to_string_lossy()),
            self.pos.line,
            self.pos.col,
            printable(&self.message)
        )?;
        if !self.expected.is_empty() {
            write!(f, " — expected {}", printable(&self.expected))?;
        }
        Ok(())
    }
}

/// The findings of one build, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one finding.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds all findings of another list.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Keeps the value of a result, recording its error.
    pub fn take<T>(&mut self, r: Result<T, Diagnostic>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(d) => {
                self.push(d);
                None
            }
        }
    }

    /// True when there is at least one error, or a warning and `strict` is set.
    pub fn fails(&self, strict: bool) -> bool {
        self.items
            .iter()
            .any(|d| d.severity == Severity::Error || (strict && d.severity == Severity::Warning))
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == s).count()
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The findings sorted by file, position and message, duplicates removed, so output is
    /// stable whatever order parallel stages finished in.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.pos, &a.message, a.severity).cmp(&(&b.path, b.pos, &b.message, b.severity))
        });
        self.items.dedup();
        self.items
    }

    /// Iterates the findings in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        let mut ds = Diagnostics::new();
        ds.push(d);
        ds
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_path_line_col_and_expectation() {
        let d = Diagnostic::error(
            "content/chapters/01-a.ko.md",
            Pos::new(3, 7),
            "unknown front-matter key `titel`",
            "one of `title`, `part`, `summary`",
        );
        assert_eq!(
            d.to_string(),
            "content/chapters/01-a.ko.md:3:7: error: unknown front-matter key `titel` — expected one of `title`, `part`, `summary`"
        );
    }

    #[test]
    fn the_root_itself_is_dot() {
        let d = Diagnostic::error("/site", Pos::START, "x", "").relative_to(Path::new("/site"));
        assert_eq!(d.to_string(), ".:1:1: error: x");
        let d = Diagnostic::error("/site/a", Pos::START, "x", "").relative_to(Path::new("/site"));
        assert_eq!(d.path, Path::new("a"));
    }

    #[test]
    fn json_and_github_formats() {
        let d = Diagnostic::warning("content/a, b.md", Pos::new(3, 7), "50% off: x", "y");
        let gh = render(std::slice::from_ref(&d), Format::Github);
        assert_eq!(
            gh,
            "::warning file=content/a%2C b.md,line=3,col=7::50%25 off: x — expected y\n"
        );
        let json: serde_json::Value = serde_json::from_str(&render(&[d], Format::Json)).unwrap();
        assert_eq!(json[0]["line"], 3);
        assert_eq!(json[0]["severity"], "warning");
        assert_eq!(json[0]["expected"], "y");
    }

    #[test]
    fn control_characters_are_printed_visibly_in_every_format() {
        let d = Diagnostic::error(
            "content/chapters/03-x\n::error file=a.md::forged.ko.md",
            Pos::new(1, 1),
            "`x\n::error::forged` \u{1b}[2J\r\u{202e}",
            "a\tb\u{85}",
        );
        let text = render(std::slice::from_ref(&d), Format::Text);
        assert_eq!(
            text,
            "content/chapters/03-x\\n::error file=a.md::forged.ko.md:1:1: error: `x\\n::error::forged` \\u{1b}[2J\\r\\u{202e} — expected a\\tb\\u{85}\n"
        );
        let gh = render(std::slice::from_ref(&d), Format::Github);
        assert_eq!(gh.lines().count(), 1, "{gh}");
        assert!(gh.starts_with("::error file=content/chapters/03-x\\n%3A%3Aerror file=a.md%3A%3Aforged.ko.md,line=1,col=1::"), "{gh}");
        let json = render(std::slice::from_ref(&d), Format::Json);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            v[0]["path"],
            "content/chapters/03-x\\n::error file=a.md::forged.ko.md"
        );
        assert_eq!(v[0]["expected"], "a\\tb\\u{85}");
        assert!(!v[0]["message"].as_str().unwrap().contains('\u{1b}'));
        // Ordinary text is left as it is.
        assert!(matches!(
            printable("가나 — `x`"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn warnings_fail_only_when_strict() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::warning("a", Pos::START, "w", ""));
        assert!(!ds.fails(false));
        assert!(ds.fails(true));
        ds.push(Diagnostic::error("a", Pos::START, "e", ""));
        assert!(ds.fails(false));
        let mut notes = Diagnostics::new();
        notes.push(Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::warning("a", Pos::START, "n", "")
        });
        assert!(!notes.fails(true), "acknowledged findings never fail");
    }

    #[test]
    fn sorted_is_stable_and_deduplicated() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("b", Pos::new(1, 1), "x", ""));
        ds.push(Diagnostic::error("a", Pos::new(2, 1), "y", ""));
        ds.push(Diagnostic::error("a", Pos::new(1, 5), "z", ""));
        ds.push(Diagnostic::error("b", Pos::new(1, 1), "x", ""));
        let order: Vec<_> = ds.sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(order, ["z", "y", "x"]);
    }
}
