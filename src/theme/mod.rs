//! folio's built-in theme, compiled into the binary: the templates (the repository's
//! `templates/`), the static files (`static/`) and the UI strings of the languages it speaks
//! (`src/theme/i18n/`: ko, en, ja, zh, vi, de, fr, es). A site's own `templates/`, `static/`
//! and `content/i18n/` files override them file by file and key by key, so a site with only
//! `content/` builds.
//!
//! May use: nothing else in folio.

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("404.html", include_str!("../../templates/404.html")),
    ("base.html", include_str!("../../templates/base.html")),
    ("chapter.html", include_str!("../../templates/chapter.html")),
    (
        "contents.html",
        include_str!("../../templates/contents.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("print.html", include_str!("../../templates/print.html")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    (
        "partials/contents-link.html",
        include_str!("../../templates/partials/contents-link.html"),
    ),
    (
        "partials/cover.html",
        include_str!("../../templates/partials/cover.html"),
    ),
    (
        "partials/footer.html",
        include_str!("../../templates/partials/footer.html"),
    ),
    (
        "partials/header.html",
        include_str!("../../templates/partials/header.html"),
    ),
    (
        "partials/rates.html",
        include_str!("../../templates/partials/rates.html"),
    ),
];

/// The built-in static files, by path.
pub const STATIC: &[(&str, &[u8])] = &[
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
    ("folio.js", include_bytes!("../../static/folio.js")),
    ("search.js", include_bytes!("../../static/search.js")),
    ("style.css", include_bytes!("../../static/style.css")),
];

/// The built-in UI strings, by language code (YAML, as `content/i18n/<lang>.yaml`).
pub const STRINGS: &[(&str, &str)] = &[
    ("ko", include_str!("i18n/ko.yaml")),
    ("en", include_str!("i18n/en.yaml")),
    ("ja", include_str!("i18n/ja.yaml")),
    ("zh", include_str!("i18n/zh.yaml")),
    ("vi", include_str!("i18n/vi.yaml")),
    ("de", include_str!("i18n/de.yaml")),
    ("fr", include_str!("i18n/fr.yaml")),
    ("es", include_str!("i18n/es.yaml")),
];

/// The built-in UI strings of `lang`, if the theme speaks it.
pub fn strings(lang: &str) -> Option<&'static str> {
    STRINGS.iter().find(|(l, _)| *l == lang).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every file of `templates/` and `static/` is in the theme (a file added there and not
    /// here would silently be missing from sites without their own copy), and nothing else.
    #[test]
    fn the_theme_holds_every_template_and_static_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let files = |dir: &str| -> Vec<String> {
            let base = root.join(dir);
            let mut out: Vec<String> = walkdir::WalkDir::new(&base)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    e.path()
                        .strip_prefix(&base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/")
                })
                .collect();
            out.sort();
            out
        };
        let mut templates: Vec<String> = TEMPLATES.iter().map(|(n, _)| n.to_string()).collect();
        templates.sort();
        assert_eq!(templates, files("templates"));
        let mut statics: Vec<String> = STATIC.iter().map(|(n, _)| n.to_string()).collect();
        statics.sort();
        assert_eq!(statics, files("static"));
    }

    /// The languages of the theme have the same keys as English, and no more.
    #[test]
    fn every_language_of_the_theme_has_every_string() {
        let keys = |text: &str| -> Vec<String> {
            let mut k: Vec<String> = text
                .lines()
                .filter(|l| !l.starts_with('#') && l.contains(':'))
                .map(|l| l.split(':').next().unwrap().to_string())
                .collect();
            k.sort();
            k
        };
        let en = keys(strings("en").unwrap());
        for (lang, text) in STRINGS {
            assert_eq!(keys(text), en, "{lang}");
        }
    }
}
