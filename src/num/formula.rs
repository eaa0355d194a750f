//! `derived` formulas: numbers (with `,` separators), references to cells of the same table,
//! `+ - * / ^` (or `× ÷`) and parentheses.
//!
//! `derived: "value[2024] / 1.262"` documents how a value was computed from figures the report
//! states: `value[2024]` is the `value` column of the row whose key is `2024`, a bare `growth` the
//! cell of that column in the formula's own row. Evaluating it lets checks confirm the stored
//! value; [`Formula::display`] writes it for readers with every reference in the edition's own
//! units (`CNY 269.7 billion ÷ 1.262`, not the table's `2697 ÷ 1.262`). A literal number is
//! shown as written, so a literal must be unit-free (a factor, a count, a percentage): an amount
//! in the table's scale belongs in a reference.

use std::ops::Range;

/// A reference to a table cell: `column[row]`, or `column` for the formula's own row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// The column id.
    pub column: String,
    /// The row key, or `None` for the formula's own row.
    pub row: Option<String>,
}

/// A parsed formula: its tokens with their place in the source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    src: String,
    tokens: Vec<(Tok, Range<usize>)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Op(char),
    Ref(Ref),
}

impl std::fmt::Display for Tok {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tok::Num(n) => write!(f, "{n}"),
            Tok::Op(c) => write!(f, "{c}"),
            Tok::Ref(r) => match &r.row {
                Some(row) => write!(f, "{}[{row}]", r.column),
                None => write!(f, "{}", r.column),
            },
        }
    }
}

impl Formula {
    /// Parses `src`, or says what is wrong with it (syntax only: references are resolved by
    /// the table that holds the formula).
    pub fn parse(src: &str) -> Result<Formula, String> {
        let f = Formula {
            src: src.to_string(),
            tokens: lex(src)?,
        };
        f.eval(&|_| Some(1.0)).map(|_| ()).or_else(|e| {
            // Every reference standing for 1 may divide by zero; only syntax matters here.
            if e == DIVISION_BY_ZERO {
                Ok(())
            } else {
                Err(e)
            }
        })?;
        Ok(f)
    }

    /// The formula as written.
    pub fn source(&self) -> &str {
        &self.src
    }

    /// The references, in the order written.
    pub fn refs(&self) -> impl Iterator<Item = &Ref> {
        self.tokens.iter().filter_map(|(t, _)| match t {
            Tok::Ref(r) => Some(r),
            _ => None,
        })
    }

    /// The literal numbers as written (`1.262`, `12,854`), in order.
    pub fn literals(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().filter_map(|(t, span)| match t {
            Tok::Num(_) => Some(&self.src[span.clone()]),
            _ => None,
        })
    }

    /// The value, with `value_of` giving each reference's (`None`: it cannot be resolved).
    pub fn eval(&self, value_of: &dyn Fn(&Ref) -> Option<f64>) -> Result<f64, String> {
        let mut p = Parser {
            tokens: &self.tokens,
            pos: 0,
            value_of,
        };
        let v = p.sum()?;
        match p.tokens.get(p.pos) {
            None => Ok(v),
            Some((t, _)) => Err(format!("unexpected `{t}`")),
        }
    }

    /// The formula for readers: `×`, `÷` and `−` for the operators, literals and spacing as
    /// written, each reference as `text_of` writes it.
    pub fn display(&self, text_of: &dyn Fn(&Ref) -> String) -> String {
        self.write(text_of, true)
    }

    /// The formula as written, each reference replaced by `text_of` (for data files).
    pub fn resolved(&self, text_of: &dyn Fn(&Ref) -> String) -> String {
        self.write(text_of, false)
    }

    fn write(&self, text_of: &dyn Fn(&Ref) -> String, typeset: bool) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (tok, span) in &self.tokens {
            out.push_str(&self.src[at..span.start]);
            match tok {
                Tok::Ref(r) => out.push_str(&text_of(r)),
                Tok::Op(c) if typeset => out.push(match c {
                    '*' => '×',
                    '/' => '÷',
                    '-' => '−',
                    other => *other,
                }),
                _ => out.push_str(&self.src[span.clone()]),
            }
            at = span.end;
        }
        out.push_str(&self.src[at..]);
        out
    }
}

/// Evaluates a formula without references, or says what is wrong.
pub fn eval(src: &str) -> Result<f64, String> {
    Formula::parse(src)?.eval(&|_| None)
}

const DIVISION_BY_ZERO: &str = "division by zero";

fn lex(src: &str) -> Result<Vec<(Tok, Range<usize>)>, String> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(src.len(), |(b, _)| *b);
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            while i < chars.len() && (chars[i].1.is_ascii_digit() || ".,".contains(chars[i].1)) {
                i += 1;
            }
            let text: String = src[start..end_of(i)]
                .chars()
                .filter(|c| *c != ',')
                .collect();
            let n = text
                .parse()
                .map_err(|_| format!("`{text}` is not a number"))?;
            out.push((Tok::Num(n), start..end_of(i)));
        } else if c.is_ascii_alphabetic() {
            while i < chars.len()
                && (chars[i].1.is_ascii_alphanumeric() || "-_".contains(chars[i].1))
            {
                i += 1;
            }
            let column = src[start..end_of(i)].to_string();
            let mut row = None;
            if chars.get(i).is_some_and(|(_, c)| *c == '[') {
                let open = i;
                while i < chars.len() && chars[i].1 != ']' {
                    i += 1;
                }
                if i == chars.len() {
                    return Err(format!("missing `]` after `{column}[`"));
                }
                let key = src[end_of(open + 1)..end_of(i)].trim();
                if key.is_empty() {
                    return Err(format!("`{column}[]` names no row"));
                }
                row = Some(key.to_string());
                i += 1;
            }
            out.push((Tok::Ref(Ref { column, row }), start..end_of(i)));
        } else if "+-*/^()×÷−".contains(c) {
            let op = match c {
                '×' => '*',
                '÷' => '/',
                '−' => '-',
                other => other,
            };
            out.push((Tok::Op(op), start..end_of(i + 1)));
            i += 1;
        } else {
            return Err(format!("unexpected `{c}`"));
        }
    }
    Ok(out)
}

struct Parser<'a> {
    tokens: &'a [(Tok, Range<usize>)],
    pos: usize,
    value_of: &'a dyn Fn(&Ref) -> Option<f64>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn eat(&mut self, op: char) -> bool {
        if self.peek() == Some(&Tok::Op(op)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn sum(&mut self) -> Result<f64, String> {
        let mut v = self.product()?;
        loop {
            if self.eat('+') {
                v += self.product()?;
            } else if self.eat('-') {
                v -= self.product()?;
            } else {
                return Ok(v);
            }
        }
    }

    fn product(&mut self) -> Result<f64, String> {
        let mut v = self.power()?;
        loop {
            if self.eat('*') {
                v *= self.power()?;
            } else if self.eat('/') {
                let d = self.power()?;
                if d == 0.0 {
                    return Err(DIVISION_BY_ZERO.into());
                }
                v /= d;
            } else {
                return Ok(v);
            }
        }
    }

    fn power(&mut self) -> Result<f64, String> {
        let base = self.unary()?;
        if self.eat('^') {
            let exp = self.power()?;
            return Ok(base.powf(exp));
        }
        Ok(base)
    }

    fn unary(&mut self) -> Result<f64, String> {
        if self.eat('-') {
            return Ok(-self.unary()?);
        }
        if self.eat('(') {
            let v = self.sum()?;
            if !self.eat(')') {
                return Err("missing `)`".into());
            }
            return Ok(v);
        }
        match self.peek().cloned() {
            Some(Tok::Num(n)) => {
                self.pos += 1;
                Ok(n)
            }
            Some(Tok::Ref(r)) => {
                self.pos += 1;
                (self.value_of)(&r).ok_or_else(|| format!("`{}` has no value", Tok::Ref(r)))
            }
            Some(t) => Err(format!("unexpected `{t}`")),
            None => Err("the formula ends too early".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic() {
        assert!((eval("2697 / 1.262").unwrap() - 2137.08).abs() < 0.01);
        assert_eq!(eval("(1,530 / 1,412 - 1) * 100").unwrap().round(), 8.0);
        assert_eq!(eval("2 ^ 3 ^ 2").unwrap(), 512.0);
        assert_eq!(eval("-2 * (3 + 4)").unwrap(), -14.0);
        assert_eq!(eval("100 - 48 - 24 - 14 - 5").unwrap(), 9.0);
        assert_eq!(eval("13 × 2 ÷ 4").unwrap(), 6.5);
        assert_eq!(eval("13 − 4").unwrap(), 9.0);
    }

    #[test]
    fn errors() {
        assert_eq!(eval("1 +").unwrap_err(), "the formula ends too early");
        assert_eq!(eval("(1 + 2").unwrap_err(), "missing `)`");
        assert_eq!(eval("1 / 0").unwrap_err(), "division by zero");
        assert_eq!(eval("2 x 3").unwrap_err(), "unexpected `x`");
        assert_eq!(eval("1 2").unwrap_err(), "unexpected `2`");
        assert_eq!(eval("2 & 3").unwrap_err(), "unexpected `&`");
        assert_eq!(
            Formula::parse("value[2024 / 2").unwrap_err(),
            "missing `]` after `value[`"
        );
        assert_eq!(
            Formula::parse("value[] / 2").unwrap_err(),
            "`value[]` names no row"
        );
        assert_eq!(
            eval("value[2024] / 2").unwrap_err(),
            "`value[2024]` has no value"
        );
        // A reference may stand for zero: only the syntax is checked when parsing.
        assert!(Formula::parse("a / b").is_ok());
    }

    #[test]
    fn references_resolve_and_display_in_the_readers_units() {
        let f = Formula::parse("(count[2022] / count[2021] - 1) * 100").unwrap();
        assert_eq!(
            f.refs().cloned().collect::<Vec<_>>(),
            [
                Ref {
                    column: "count".into(),
                    row: Some("2022".into())
                },
                Ref {
                    column: "count".into(),
                    row: Some("2021".into())
                },
            ]
        );
        let value = |r: &Ref| match r.row.as_deref() {
            Some("2022") => Some(42.82),
            Some("2021") => Some(36.5),
            _ => None,
        };
        assert!((f.eval(&value).unwrap() - 17.315).abs() < 0.001);
        let text = |r: &Ref| match r.row.as_deref() {
            Some("2022") => "428,200 companies".to_string(),
            _ => "365,000 companies".to_string(),
        };
        assert_eq!(
            f.display(&text),
            "(428,200 companies ÷ 365,000 companies − 1) × 100"
        );
        // A bare column is the formula's own row; literals are kept as written.
        let g = Formula::parse("national-total*1,000").unwrap();
        assert_eq!(
            g.refs().next().unwrap(),
            &Ref {
                column: "national-total".into(),
                row: None
            }
        );
        assert_eq!(g.literals().collect::<Vec<_>>(), ["1,000"]);
        assert_eq!(g.display(&|_| "x".into()), "x×1,000");
    }
}
