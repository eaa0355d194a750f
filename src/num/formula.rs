//! Arithmetic for `derived` formulas: numbers (with `,` separators), `+ - * / ^`, parentheses.
//!
//! `derived: "2697 / 1.262"` documents how a value was computed from figures the report states;
//! evaluating it lets checks confirm the stored value.

/// Evaluates `src`, or says what is wrong.
pub fn eval(src: &str) -> Result<f64, String> {
    let tokens = lex(src)?;
    let mut p = Parser { tokens, pos: 0 };
    let v = p.sum()?;
    match p.tokens.get(p.pos) {
        None => Ok(v),
        Some(t) => Err(format!("unexpected `{t}`")),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Op(char),
}

impl std::fmt::Display for Tok {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tok::Num(n) => write!(f, "{n}"),
            Tok::Op(c) => write!(f, "{c}"),
        }
    }
}

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',')
            {
                i += 1;
            }
            let text: String = chars[start..i].iter().filter(|c| **c != ',').collect();
            out.push(Tok::Num(
                text.parse()
                    .map_err(|_| format!("`{text}` is not a number"))?,
            ));
        } else if "+-*/^()×÷".contains(c) {
            let op = match c {
                '×' => '*',
                '÷' => '/',
                other => other,
            };
            out.push(Tok::Op(op));
            i += 1;
        } else {
            return Err(format!("unexpected `{c}`"));
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos)
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
                    return Err("division by zero".into());
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
            Some(t) => Err(format!("unexpected `{t}`")),
            None => Err("the formula ends too early".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::eval;

    #[test]
    fn arithmetic() {
        assert!((eval("2697 / 1.262").unwrap() - 2137.08).abs() < 0.01);
        assert_eq!(eval("(1,530 / 1,412 - 1) * 100").unwrap().round(), 8.0);
        assert_eq!(eval("2 ^ 3 ^ 2").unwrap(), 512.0);
        assert_eq!(eval("-2 * (3 + 4)").unwrap(), -14.0);
        assert_eq!(eval("100 - 48 - 24 - 14 - 5").unwrap(), 9.0);
        assert_eq!(eval("13 × 2 ÷ 4").unwrap(), 6.5);
    }

    #[test]
    fn errors() {
        assert_eq!(eval("1 +").unwrap_err(), "the formula ends too early");
        assert_eq!(eval("(1 + 2").unwrap_err(), "missing `)`");
        assert_eq!(eval("1 / 0").unwrap_err(), "division by zero");
        assert_eq!(eval("2 x 3").unwrap_err(), "unexpected `x`");
        assert_eq!(eval("1 2").unwrap_err(), "unexpected `2`");
    }
}
