//! The names folio gives meaning to: ids (tables, slugs, columns), chapter file names, and the
//! editor files a content walk skips.

/// A chapter file name split into its parts.
#[derive(Debug, PartialEq, Eq)]
pub struct ChapterName<'a> {
    /// `NN`
    pub order: u32,
    /// `slug`
    pub slug: &'a str,
    /// `lang`, if written.
    pub lang: Option<&'a str>,
}

/// Parses `NN-slug.lang.md` (or `NN-slug.md` in links).
pub fn parse_chapter_name(name: &str) -> Option<ChapterName<'_>> {
    let stem = name.strip_suffix(".md")?;
    let (stem, lang) = match stem.rsplit_once('.') {
        Some((s, l)) => (s, Some(l)),
        None => (stem, None),
    };
    let (digits, slug) = stem.split_once('-')?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 4 {
        return None;
    }
    if !is_valid_id(slug) {
        return None;
    }
    if let Some(l) = lang
        && (l.is_empty() || !l.chars().all(|c| c.is_ascii_lowercase()))
    {
        return None;
    }
    Some(ChapterName {
        order: digits.parse().ok()?,
        slug,
        lang,
    })
}

/// Editor backups and temporary files, which the content walk skips.
pub fn ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// True for ids made of lowercase ASCII letters, digits, `-` and `_`, starting with a letter or
/// digit: safe as a file name, a URL segment and an HTML id.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !id.starts_with(['-', '_'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_names() {
        assert_eq!(
            parse_chapter_name("02-market-size.ko.md"),
            Some(ChapterName {
                order: 2,
                slug: "market-size",
                lang: Some("ko")
            })
        );
        assert_eq!(
            parse_chapter_name("02-market-size.md"),
            Some(ChapterName {
                order: 2,
                slug: "market-size",
                lang: None
            })
        );
        for bad in [
            "market.ko.md",
            "02-Market.ko.md",
            "02-.ko.md",
            "x2-a.ko.md",
            "02-a.KO.md",
            "02-a.ko.txt",
            "02-../x.ko.md",
            "02-a/b.ko.md",
        ] {
            assert_eq!(parse_chapter_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("china-ai-market"));
        assert!(!is_valid_id("../x"));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id("Upper"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("-x"));
    }
}
