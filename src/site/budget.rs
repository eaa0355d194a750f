//! Render budgets: Tera has no limit of its own, so a template with nested loops
//! (`{% for i in range(end=100000) %}{% for j in range(end=100000) %}…`) would render for hours
//! or fill the disk. Every page render gets two budgets:
//!
//! - **steps**: [`MAX_STEPS`] loop iterations and `range()` elements per page. Every `{% for %}`
//!   tag is compiled with its list wrapped in a call that counts the list's length when the loop
//!   starts ([`rewrite`]; positions in messages are mapped back to the template as written, see
//!   [`Shifts`]), and `range()` is replaced by a copy of Tera's that counts what it makes. Over
//!   budget is a template error at the `for` or `range()` that went over it.
//! - **output**: a page's bytes ([`MAX_PAGE_BYTES`], [`MAX_PRINT_BYTES`] for the print edition,
//!   which holds the whole report): the writer Tera renders into fails past it, which stops the
//!   render; the error names the page's template (Tera gives no position for it).
//!
//! Not covered: text captured with `{% set %}…{% endset %}` or `{% filter %}` and strings built
//! with `~` are held by Tera in memory, outside the writer (loops that build them still count as
//! steps).

use std::cell::Cell;
use tera::{Kwargs, State, TeraResult, Value};

/// Loop iterations and `range()` elements one page may take. The bundled report's largest page
/// (the sitemap) takes 121; a site of 1,000 chapters about 8,000.
pub const MAX_STEPS: u64 = 2_000_000;

/// Largest page, in bytes (the bundled report's largest chapter page has 70 kB).
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// Largest print edition, in bytes (the bundled report's has 300 kB).
pub const MAX_PRINT_BYTES: usize = 256 * 1024 * 1024;

/// How the message of a render over its step budget starts.
pub const STEPS_MESSAGE: &str = "the page's loops take more than";

/// The name templates' loops are wrapped in (see [`rewrite`]).
pub const LOOP_FN: &str = "__folio_loop";

thread_local! {
    /// Steps left for the page being rendered on this thread.
    static STEPS: Cell<u64> = const { Cell::new(MAX_STEPS) };
}

/// Starts the budget of one page render (on this thread).
pub fn start_page() {
    STEPS.with(|s| s.set(MAX_STEPS));
}

fn spend(n: u64) -> TeraResult<()> {
    STEPS.with(|s| match s.get().checked_sub(n) {
        Some(left) => {
            s.set(left);
            Ok(())
        }
        None => {
            s.set(0);
            Err(tera::Error::message(format!(
                "{STEPS_MESSAGE} {MAX_STEPS} steps (loop iterations and range() elements)"
            )))
        }
    })
}

/// `__folio_loop(v=<list>)`: the list, its length spent from the page's steps.
pub fn loop_fn(kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let v: Value = kwargs.must_get("v")?;
    spend(v.len().unwrap_or(0) as u64)?;
    Ok(v)
}

/// Tera's `range(start=0, end, step_by=1)`, word for word, with its elements spent from the
/// page's steps.
pub fn range(kwargs: Kwargs, _: &State) -> TeraResult<Vec<i128>> {
    use tera::Error;
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step_by = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if start > end && step_by > 0 {
        return Err(Error::message(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    if step_by == 0 {
        return Err(Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    let overflow =
        || Error::message("Function `range` was called with arguments that overflow i128");
    let len = if step_by > 0 {
        let span = end.checked_sub(start).ok_or_else(overflow)?;
        span.checked_add(step_by - 1).ok_or_else(overflow)? / step_by
    } else if start <= end {
        0
    } else {
        let step = step_by.checked_neg().ok_or_else(overflow)?;
        let span = start.checked_sub(end).ok_or_else(overflow)?;
        span.checked_add(step - 1).ok_or_else(overflow)? / step
    };
    const MAX_RANGE_LEN: i128 = 100_000;
    if len > MAX_RANGE_LEN {
        return Err(Error::message(format!(
            "Function `range` would produce {len} elements, which exceeds the limit of {MAX_RANGE_LEN}"
        )));
    }
    spend(len as u64)?;
    Ok((0..len).map(|i| start + i * step_by).collect())
}

/// The writer a page is rendered into: it fails once the page would exceed `limit` bytes,
/// which stops Tera's render.
pub struct Limited<'a> {
    /// The page so far.
    pub out: &'a mut Vec<u8>,
    /// Its largest size.
    pub limit: usize,
    /// Set when the limit stopped the render.
    pub exceeded: bool,
}

impl std::io::Write for Limited<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.out.len() + buf.len() > self.limit {
            self.exceeded = true;
            return Err(std::io::Error::other("the page is too large"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Text inserted into a template, by the position it was inserted at in the template as written:
/// (1-based line, 0-based character column, characters inserted), in text order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shifts(Vec<(usize, usize, usize)>);

impl Shifts {
    /// The column in the template as written of column `col` of `line` in the rewritten one.
    pub fn original_col(&self, line: usize, col: usize) -> usize {
        let mut delta = 0;
        for &(l, c, len) in self.0.iter().filter(|(l, ..)| *l == line) {
            debug_assert_eq!(l, line);
            let at = c + delta;
            if col < at {
                break;
            }
            if col < at + len {
                return c;
            }
            delta += len;
        }
        col - delta
    }
}

/// `text` with the list of every `{% for … in <list> %}` wrapped as `__folio_loop(v=<list>)`,
/// and where the insertions are. Comments, `{% raw %}` blocks and strings are left alone; a tag
/// that does not read as a `for` loop is left as it is (Tera reports its syntax error).
pub fn rewrite(text: &str) -> (String, Shifts) {
    let mut out = String::with_capacity(text.len() + 64);
    let mut shifts = Vec::new();
    let mut done = 0; // bytes of `text` copied to `out`
    let mut i = 0;
    let b = text.as_bytes();
    while let Some(found) = text[i..].find('{') {
        let start = i + found;
        match b.get(start + 1) {
            Some(b'#') => i = text[start..].find("#}").map_or(b.len(), |e| start + e + 2),
            Some(b'{') => i = skip_code(text, start + 2, "}}"),
            Some(b'%') => {
                let end = skip_code(text, start + 2, "%}");
                let inner_end = end.saturating_sub(2).max(start + 2);
                let inner = &text[start + 2..inner_end];
                if is_tag(inner, "raw") {
                    i = raw_end(text, end);
                    continue;
                }
                if let Some((from, to)) = loop_list(inner) {
                    let (from, to) = (start + 2 + from, start + 2 + to);
                    for (at, insert) in [(from, format!("{LOOP_FN}(v=")), (to, ")".into())] {
                        out.push_str(&text[done..at]);
                        shifts.push((line_of(text, at), col_of(text, at), insert.len()));
                        out.push_str(&insert);
                        done = at;
                    }
                }
                i = end;
            }
            _ => i = start + 1,
        }
        if i >= b.len() {
            break;
        }
    }
    out.push_str(&text[done..]);
    (out, Shifts(shifts))
}

/// The end (after `close`) of an expression or tag starting at `from`, strings skipped.
fn skip_code(text: &str, from: usize, close: &str) -> usize {
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() {
        match b[i] {
            q @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            _ if text[i..].starts_with(close) => return i + close.len(),
            _ => i += 1,
        }
    }
    b.len()
}

/// Whether a tag's inside (between `{%` and `%}`) is the tag `name` alone (`- raw -`).
fn is_tag(inner: &str, name: &str) -> bool {
    inner.trim_matches('-').trim() == name
}

/// Where the `{% endraw %}` closing a raw block whose opening tag ends at `from` ends.
fn raw_end(text: &str, from: usize) -> usize {
    let mut i = from;
    while let Some(found) = text[i..].find("{%") {
        let start = i + found;
        let end = text[start..]
            .find("%}")
            .map_or(text.len(), |e| start + e + 2);
        if is_tag(
            &text[start + 2..end.saturating_sub(2).max(start + 2)],
            "endraw",
        ) {
            return end;
        }
        i = start + 2;
    }
    text.len()
}

/// In the inside of a tag, the byte range of the list of a `for` loop:
/// `- for k, v in <list> -` → the range of `<list>`.
fn loop_list(inner: &str) -> Option<(usize, usize)> {
    let ident = |s: &str| {
        s.char_indices()
            .find(|&(i, c)| !(c == '_' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())))
            .map_or(s.len(), |(i, _)| i)
    };
    let body = inner.strip_prefix('-').unwrap_or(inner);
    let mut rest = body.trim_start();
    rest = rest.strip_prefix("for")?;
    if !rest.starts_with(|c: char| c.is_ascii_whitespace()) {
        return None;
    }
    rest = rest.trim_start();
    let n = ident(rest);
    if n == 0 {
        return None;
    }
    rest = rest[n..].trim_start();
    if let Some(after) = rest.strip_prefix(',') {
        let after = after.trim_start();
        let n = ident(after);
        if n == 0 {
            return None;
        }
        rest = after[n..].trim_start();
    }
    rest = rest.strip_prefix("in")?;
    if rest.starts_with(|c: char| c == '_' || c.is_ascii_alphanumeric()) {
        return None;
    }
    let list = rest.trim_start();
    let from = inner.len() - list.len();
    let trimmed = list.trim_end();
    let trimmed = trimmed.strip_suffix('-').unwrap_or(trimmed).trim_end();
    (!trimmed.is_empty()).then_some((from, from + trimmed.len()))
}

/// The 1-based line of byte `at`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// The 0-based character column of byte `at`.
fn col_of(text: &str, at: usize) -> usize {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..at].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_are_wrapped_and_nothing_else() {
        let (out, shifts) = rewrite(
            "{# {% for c in x %} #}{% for a in page.list | reverse %}{{ a }}{% endfor %}\n\
             {{ \"{% for s in t %}\" }}{%- for k, v in m -%}{% raw %}{% for r in q %}{% endraw %}\n\
             가{% for x in [1, \"%}\"] %}{% endfor %}{% fork in x %}{% for in x %}",
        );
        assert_eq!(
            out,
            "{# {% for c in x %} #}{% for a in __folio_loop(v=page.list | reverse) %}{{ a }}{% endfor %}\n\
             {{ \"{% for s in t %}\" }}{%- for k, v in __folio_loop(v=m) -%}{% raw %}{% for r in q %}{% endraw %}\n\
             가{% for x in __folio_loop(v=[1, \"%}\"]) %}{% endfor %}{% fork in x %}{% for in x %}"
        );
        assert_eq!(
            shifts,
            Shifts(vec![
                (1, 34, 15),
                (1, 53, 1),
                (2, 40, 15),
                (2, 41, 1),
                (3, 13, 15),
                (3, 22, 1)
            ])
        );
    }

    #[test]
    fn columns_map_back_to_the_template_as_written() {
        let (_, shifts) = rewrite("{% for a in xs %}{{ a.b }}{% endfor %}");
        // `xs` is at 12 as written, 27 once wrapped; `a.b` at 20, 36.
        assert_eq!(shifts.original_col(1, 12), 12, "the wrapper itself");
        assert_eq!(shifts.original_col(1, 27), 12);
        assert_eq!(shifts.original_col(1, 36), 20);
        assert_eq!(shifts.original_col(1, 5), 5);
        assert_eq!(shifts.original_col(2, 36), 36, "another line");
    }

    #[test]
    fn range_and_loops_spend_one_budget() {
        start_page();
        spend(MAX_STEPS - 1).unwrap();
        spend(1).unwrap();
        assert!(spend(1).is_err());
        start_page();
        spend(MAX_STEPS).unwrap();
    }

    #[test]
    fn the_writer_stops_at_its_limit() {
        use std::io::Write;
        let mut out = Vec::new();
        let mut w = Limited {
            out: &mut out,
            limit: 5,
            exceeded: false,
        };
        w.write_all(b"abc").unwrap();
        assert!(w.write_all(b"def").is_err());
        assert!(w.exceeded);
        assert_eq!(out, b"abc");
    }
}
