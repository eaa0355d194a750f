//! "Did you mean" suggestions for names that do not exist, by edit distance.

/// ` (did you mean `x`?)` for the nearest candidate by edit distance, or nothing.
pub fn closest<'b>(wanted: &str, candidates: impl Iterator<Item = &'b String>) -> String {
    candidates
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, c)| *d <= c.len().max(wanted.len()) / 3 + 1)
        .min()
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// `items` quoted and joined for a message: `` `a`, `b`, `c` ``.
pub fn quoted<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|i| format!("`{}`", i.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let names = ["china-ai-market".to_string(), "ai-parks".to_string()];
        assert_eq!(
            closest("china-ai-markt", names.iter()),
            " (did you mean `china-ai-market`?)"
        );
        assert_eq!(closest("zzz", names.iter()), "");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(quoted(&["a", "b"]), "`a`, `b`");
    }
}
