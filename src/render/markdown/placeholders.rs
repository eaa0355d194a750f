//! Placeholders for shortcodes while the Markdown is parsed: private-use characters Markdown
//! leaves alone, swapped back for the shortcodes' HTML afterwards, and the map from offsets in
//! the text with placeholders back to the author's text.

/// Placeholder for shortcode `n`: private-use characters Markdown leaves alone.
pub(super) fn placeholder(n: usize) -> String {
    let digits: String = n
        .to_string()
        .chars()
        .map(|d| char::from_u32(0xE010 + d.to_digit(10).unwrap_or(0)).unwrap_or('\u{E010}'))
        .collect();
    format!("\u{E000}{digits}\u{E001}")
}

/// Replaces the first occurrence of each placeholder in `html` by its expansion, in one pass
/// (one `replacen` per shortcode rescans the whole page each time: quadratic). A block's
/// paragraph, `<p>…</p>\n`, is replaced with it.
pub(super) fn substitute(html: &str, expansions: &[(String, bool)]) -> String {
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    let mut out = String::with_capacity(html.len());
    let mut used = vec![false; expansions.len()];
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len_utf8()..];
        let digits: usize = after
            .chars()
            .take_while(|c| ('\u{E010}'..='\u{E019}').contains(c))
            .map(char::len_utf8)
            .sum();
        let index = after[..digits].chars().try_fold(0usize, |n, c| {
            n.checked_mul(10)?.checked_add(c as usize - 0xE010)
        });
        match index {
            Some(i)
                if digits > 0
                    && after[digits..].starts_with(CLOSE)
                    && i < expansions.len()
                    && !used[i] =>
            {
                used[i] = true;
                let (expansion, block) = &expansions[i];
                let before = &rest[..start];
                let tail = &after[digits + CLOSE.len_utf8()..];
                let wrapped = before.strip_suffix("<p>").zip(tail.strip_prefix("</p>\n"));
                let (before, tail) = match wrapped {
                    Some(inside) if *block => inside,
                    _ => (before, tail),
                };
                out.push_str(before);
                out.push_str(expansion);
                rest = tail;
            }
            _ => {
                out.push_str(&rest[..start + OPEN.len_utf8()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Maps offsets in the substituted text back to the original body.
pub(super) struct OffsetMap {
    /// (start in substituted, start in original, length in substituted, length in original)
    pub(super) edits: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMap {
    pub(super) fn original(&self, sub: usize) -> usize {
        // Edits are in text order and do not overlap: the last one starting at or before `sub`
        // decides (a binary search: a linear scan per event is quadratic in shortcodes).
        let i = self.edits.partition_point(|&(s, ..)| s <= sub);
        let Some(&(s, o, sl, ol)) = i.checked_sub(1).map(|i| &self.edits[i]) else {
            return sub;
        };
        if sub < s + sl {
            return o;
        }
        let delta = (o + ol) as isize - (s + sl) as isize;
        (sub as isize + delta).max(0) as usize
    }
}

/// `s` without placeholders.
pub(super) fn strip(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        match c {
            '\u{E000}' => inside = true,
            '\u{E001}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}
