//! Shortcodes in Markdown: `{{ name(arg="…", n=3) }}` and `{% name(…) %} … {% end %}`.
//!
//! This module only finds and parses them (outside code blocks and code spans); what a shortcode
//! expands to is decided by the site (`crate::render::shortcodes`).

use std::ops::Range;

/// A value passed to a shortcode.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// `"text"`
    Str(String),
    /// `3`, `-1`, `2.5`
    Num(f64),
    /// `true` / `false`
    Bool(bool),
}

/// Which delimiters a shortcode used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `{{ name(…) }}`
    Inline,
    /// `{% name(…) %}`, opening a block.
    Open,
    /// `{% end %}`
    End,
}

/// One shortcode found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    /// The name (`end` for block ends).
    pub name: String,
    /// Arguments in the order written.
    pub args: Vec<(String, Arg)>,
    /// Delimiters.
    pub form: Form,
    /// Byte range of the whole `{{ … }}` in the text.
    pub range: Range<usize>,
    /// True when nothing but whitespace shares its line.
    pub alone_on_line: bool,
    /// True when it starts at the first column.
    pub at_line_start: bool,
}

impl Shortcode {
    /// The argument `name`.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The string argument `name`.
    pub fn str_arg(&self, name: &str) -> Option<&str> {
        match self.arg(name) {
            Some(Arg::Str(s)) => Some(s),
            _ => None,
        }
    }

    /// The argument `name` as text, whatever its type (`row=2024` and `row="2024"` agree).
    pub fn text_arg(&self, name: &str) -> Option<String> {
        match self.arg(name)? {
            Arg::Str(s) => Some(s.clone()),
            Arg::Num(n) => Some(n.to_string()),
            Arg::Bool(b) => Some(b.to_string()),
        }
    }
}

/// A malformed shortcode.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanError {
    /// Byte offset in the text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// What was expected.
    pub expected: String,
}

/// Finds every shortcode of `text`, skipping fenced code blocks and inline code spans.
pub fn scan(text: &str) -> (Vec<Shortcode>, Vec<ScanError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let fence_char = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        if indent <= 3
            && let Some(c) = fence_char
        {
            let run = trimmed.chars().take_while(|x| *x == c).count();
            if run >= 3 {
                match fence {
                    None => fence = Some((c, run)),
                    Some((fc, fr)) if fc == c && run >= fr => fence = None,
                    _ => {}
                }
                line_start += line.len();
                continue;
            }
        }
        if fence.is_none() {
            scan_line(line, line_start, &mut found, &mut errors);
        }
        line_start += line.len();
    }
    (found, errors)
}

fn scan_line(line: &str, base: usize, found: &mut Vec<Shortcode>, errors: &mut Vec<ScanError>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            // Skip a code span: a run of n backticks up to the next run of exactly n.
            let n = bytes[i..].iter().take_while(|b| **b == b'`').count();
            let ticks = "`".repeat(n);
            match line[i + n..].find(&ticks) {
                Some(j) => i += n + j + n,
                None => i += n,
            }
            continue;
        }
        if bytes[i] != b'{' {
            i += 1;
            continue;
        }
        let open = &line[i..];
        let (close, form_guess) = if open.starts_with("{{") {
            ("}}", Form::Inline)
        } else if open.starts_with("{%") {
            ("%}", Form::Open)
        } else {
            i += 1;
            continue;
        };
        let Some(end_rel) = find_close(&open[2..], close) else {
            errors.push(ScanError {
                offset: base + i,
                message: format!("unclosed shortcode `{}`", open.trim_end()),
                expected: format!("`{close}` on the same line"),
            });
            return;
        };
        let inner = &open[2..2 + end_rel];
        let range = base + i..base + i + 2 + end_rel + 2;
        let before = &line[..i];
        let after = &line[i + 2 + end_rel + 2..];
        let end = range.end;
        match parse_inner(inner.trim(), form_guess) {
            Ok((name, args, form)) => found.push(Shortcode {
                name,
                args,
                form,
                range,
                alone_on_line: before.trim().is_empty() && after.trim().is_empty(),
                at_line_start: i == 0,
            }),
            Err((message, expected)) => errors.push(ScanError {
                offset: base + i,
                message,
                expected,
            }),
        }
        i = end - base;
    }
}

/// Finds the closing delimiter, ignoring delimiters inside quoted strings.
fn find_close(s: &str, close: &str) -> Option<usize> {
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
        } else if c == '"' {
            in_str = true;
        } else if s[i..].starts_with(close) {
            return Some(i);
        }
    }
    None
}

type Parsed = (String, Vec<(String, Arg)>, Form);

fn parse_inner(inner: &str, form: Form) -> Result<Parsed, (String, String)> {
    if form == Form::Open && inner == "end" {
        return Ok(("end".into(), vec![], Form::End));
    }
    let name_len = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    let name = &inner[..name_len];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err((
            format!("`{inner}` is not a shortcode call"),
            "`name(arg=\"value\")`".into(),
        ));
    }
    let rest = inner[name_len..].trim_start();
    let Some(args_src) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
        return Err((
            format!("shortcode `{name}` has no argument list"),
            format!("`{name}(…)` with parentheses"),
        ));
    };
    let args = parse_args(args_src).map_err(|m| {
        (
            format!("in shortcode `{name}`: {m}"),
            "arguments written `key=\"text\"`, `key=3` or `key=true`, separated by commas"
                .to_string(),
        )
    })?;
    Ok((name.to_string(), args, form))
}

fn parse_args(src: &str) -> Result<Vec<(String, Arg)>, String> {
    let mut args: Vec<(String, Arg)> = Vec::new();
    let mut rest = src.trim();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("`{rest}` has no `=`"))?;
        let key = rest[..eq].trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("invalid argument name `{key}`"));
        }
        if args.iter().any(|(k, _)| k == key) {
            return Err(format!("argument `{key}` is given twice"));
        }
        rest = rest[eq + 1..].trim_start();
        let (value, used) = if let Some(body) = rest.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = body.char_indices();
            let mut end = None;
            while let Some((j, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, e)) => out.push(e),
                        None => break,
                    },
                    '"' => {
                        end = Some(j);
                        break;
                    }
                    _ => out.push(c),
                }
            }
            let end = end.ok_or_else(|| format!("the string of `{key}` is not closed"))?;
            (Arg::Str(out), end + 2)
        } else {
            let len = rest.find(',').unwrap_or(rest.len());
            let word = rest[..len].trim();
            let v = match word {
                "true" => Arg::Bool(true),
                "false" => Arg::Bool(false),
                _ => Arg::Num(word.parse::<f64>().map_err(|_| {
                    format!("`{word}` is not a value (quote text: `{key}=\"{word}\"`)")
                })?),
            };
            (v, len)
        };
        args.push((key.to_string(), value));
        rest = rest[used..].trim_start();
        if let Some(r) = rest.strip_prefix(',') {
            rest = r.trim_start();
        } else if !rest.is_empty() {
            return Err(format!("expected `,` before `{rest}`"));
        }
    }
    Ok(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_and_block_shortcodes() {
        let text = "a {{ value(id=\"m\", row=2024) }} b\n{{ chart(id=\"x\") }}\n{% box(kind=\"note\", title=\"일러두기\") %}\nhi\n{% end %}\n";
        let (found, errors) = scan(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(found.len(), 4);
        assert_eq!(found[0].name, "value");
        assert_eq!(found[0].form, Form::Inline);
        assert!(!found[0].alone_on_line);
        assert_eq!(found[0].arg("row"), Some(&Arg::Num(2024.0)));
        assert_eq!(found[0].text_arg("row").as_deref(), Some("2024"));
        assert_eq!(&text[found[1].range.clone()], "{{ chart(id=\"x\") }}");
        assert!(found[1].alone_on_line && found[1].at_line_start);
        assert_eq!(found[2].form, Form::Open);
        assert_eq!(found[2].str_arg("title"), Some("일러두기"));
        assert_eq!(found[3].form, Form::End);
    }

    #[test]
    fn skips_code() {
        let text = "`{{ not(a=1) }}` and ``{{ x() }}``\n```\n{{ chart(id=\"x\") }}\n```\n";
        let (found, errors) = scan(text);
        assert!(found.is_empty() && errors.is_empty());
    }

    #[test]
    fn strings_may_hold_quotes_and_delimiters() {
        let (found, _) = scan(r#"{{ figure(caption="a \"b\" }} c", n=-2.5, ok=false) }}"#);
        assert_eq!(found[0].str_arg("caption"), Some("a \"b\" }} c"));
        assert_eq!(found[0].arg("n"), Some(&Arg::Num(-2.5)));
        assert_eq!(found[0].arg("ok"), Some(&Arg::Bool(false)));
    }

    #[test]
    fn malformed_shortcodes_are_reported_with_offsets() {
        let cases = [
            ("x {{ table(id=\"a\") }", 2, "unclosed shortcode"),
            ("{{ table }}", 0, "has no argument list"),
            ("{{ table(id=a) }}", 0, "`a` is not a value"),
            ("{{ table(id=\"a\" x=1) }}", 0, "expected `,`"),
            ("{{ table(id=\"a\", id=\"b\") }}", 0, "given twice"),
            ("{{ table(id=\"a) }}", 0, "unclosed shortcode"),
            ("{{ 3d() }}", 0, "is not a shortcode call"),
        ];
        for (text, offset, msg) in cases {
            let (found, errors) = scan(text);
            assert!(found.is_empty(), "{text}");
            assert_eq!(errors.len(), 1, "{text}");
            assert_eq!(errors[0].offset, offset, "{text}");
            assert!(
                errors[0].message.contains(msg),
                "{text}: {}",
                errors[0].message
            );
        }
    }
}
