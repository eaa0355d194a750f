//! Placeholders for shortcodes while the Markdown is parsed: private-use characters Markdown
//! leaves alone, swapped back for the shortcodes' HTML afterwards, and the map from offsets in
//! the text with placeholders back to the author's text.
//!
//! The author's text may hold the same characters (text converted from HWP or PDF often carries
//! private-use characters): every character of the range placeholders draw from, U+E000–U+E01F,
//! is escaped in the author's text and in the shortcodes' HTML before the Markdown is parsed
//! ([`escape`]: U+E002 then the character moved to U+E020–U+E03F) and restored in what the page
//! is made of afterwards ([`unescape`]). While the page is being made, a bare U+E000 is always a
//! placeholder.

/// Starts an escaped character of the author's.
const ESCAPE: char = '\u{E002}';

/// Whether `c` is in the range placeholders draw from (and so is escaped in the author's text).
fn reserved(c: char) -> bool {
    ('\u{E000}'..='\u{E01F}').contains(&c)
}

/// `s` with every character placeholders could use escaped (see the module documentation).
pub(super) fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(reserved) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 6);
    escape_into(&mut out, s, 0, &mut Vec::new());
    std::borrow::Cow::Owned(out)
}

/// Appends `s`, which starts at byte `at` of the author's text, escaped to `out`, recording each
/// escape as an edit of the [`OffsetMap`].
pub(super) fn escape_into(
    out: &mut String,
    s: &str,
    at: usize,
    edits: &mut Vec<(usize, usize, usize, usize)>,
) {
    let mut last = 0;
    for (i, c) in s.char_indices().filter(|&(_, c)| reserved(c)) {
        out.push_str(&s[last..i]);
        let moved = char::from_u32(c as u32 + 0x20).unwrap_or(ESCAPE);
        edits.push((
            out.len(),
            at + i,
            ESCAPE.len_utf8() + moved.len_utf8(),
            c.len_utf8(),
        ));
        out.push(ESCAPE);
        out.push(moved);
        last = i + c.len_utf8();
    }
    out.push_str(&s[last..]);
}

/// `s` with the author's characters that [`escape`] hid restored.
pub(super) fn unescape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(ESCAPE) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == ESCAPE && ('\u{E020}'..='\u{E03F}').contains(&next) => {
                chars.next();
                out.push(char::from_u32(next as u32 - 0x20).unwrap_or(next));
            }
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

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

/// Whether `s` holds a placeholder (the author's own characters are escaped, so one there is a
/// shortcode's).
pub(super) fn has_placeholder(s: &str) -> bool {
    s.contains('\u{E000}')
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
