//! Text measurement with real glyph metrics, independent of the fonts on the machine.
//!
//! folio ships a subset of Noto Sans CJK KR (Hangul, Latin, punctuation; OFL, see
//! `fonts/LICENSE-OFL.txt`) and measures advance widths in em, so Korean labels get their true
//! width instead of one byte-counted guess. Characters outside the subset (Hanja) fall back to
//! the font's `.notdef`, which is one em wide — the width of every CJK ideograph in this font.

use ab_glyph::{Font, FontRef};
use std::sync::OnceLock;

/// The bundled metrics font.
pub const FONT_BYTES: &[u8] = include_bytes!("fonts/FolioMetricsKR-Regular.otf");

/// Family name under which the font is registered with plotters.
pub const FAMILY: &str = "folio-sans";

/// Bold text is drawn by the browser with synthetic or real bold; allow for the extra width.
const BOLD_FACTOR: f64 = 1.06;

fn font() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).expect("bundled font parses"))
}

/// Registers the font with plotters (once per process).
pub fn register() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        for style in [
            plotters::style::FontStyle::Normal,
            plotters::style::FontStyle::Bold,
        ] {
            // The bytes are valid (tested); plotters only needs the family to exist.
            let _ = plotters::style::register_font(FAMILY, style, FONT_BYTES);
        }
    });
}

/// Width in pixels of `text` set at `size` px (CSS font-size).
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let f = font();
    let per_em = f.units_per_em().unwrap_or(1000.0) as f64;
    let mut units = 0.0f64;
    let mut prev = None;
    for c in text.chars() {
        let id = f.glyph_id(c);
        units += f.h_advance_unscaled(id) as f64;
        if let Some(p) = prev {
            units += f.kern_unscaled(p, id) as f64;
        }
        prev = Some(id);
    }
    let w = units / per_em * size;
    if bold { w * BOLD_FACTOR } else { w }
}

/// Splits `text` into lines no wider than `max` px, breaking at spaces (a single word wider than
/// `max` stays on its own line).
pub fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate, size, false) <= max || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_is_measured_by_glyph_not_by_byte() {
        // A Hangul syllable of Noto Sans CJK KR advances 0.92 em (three UTF-8 bytes would give
        // three times a Latin letter); a space 0.224 em.
        assert!((width("억", 10.0, false) - 9.2).abs() < 0.01);
        assert!((width("억 위안", 10.0, false) - (3.0 * 9.2 + 2.24)).abs() < 0.01);
        let digits = width("2024", 10.0, false);
        assert!(digits > 18.0 && digits < 24.0, "{digits}");
        // Hanja outside the subset fall back to one em.
        assert!((width("京津冀", 10.0, false) - 30.0).abs() < 0.01);
        assert!(width("AB", 10.0, true) > width("AB", 10.0, false));
    }

    #[test]
    fn wrapping() {
        let lines = wrap("Records and medical report generation", 12.0, 120.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| width(l, 12.0, false) <= 120.0 || !l.contains(' '))
        );
        assert_eq!(wrap("", 12.0, 50.0), Vec::<String>::new());
    }
}
