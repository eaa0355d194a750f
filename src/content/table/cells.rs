//! A table's cells: years, names, text per language (a string or nested bullets), and numbers
//! with the decimals they were printed with, a formula if derived, a bound, a unit.

use super::load::Loader;
use super::{Cell, Column, ColumnKind, Item, NumberCell, Text};
use crate::base::localized::Localized;
use crate::content::yaml::{self, Tree};

/// What a `derived` formula may hold.
pub(super) const FORMULA_SYNTAX: &str = "numbers, cells of this table (`value[2024]`, or `growth` for the formula's own row), + - * / ^ and parentheses";
use crate::num::formula::Formula;
use crate::num::{Bound, MAX_DECIMALS, NotAFigure, Quantity, Unit, power_of_ten, shift};

impl Loader<'_> {
    pub(super) fn cell(&mut self, p: &str, v: &Tree, col: &Column) -> Cell {
        match (&col.kind, v) {
            (_, Tree::Null) => Cell::Missing,
            (ColumnKind::Year, Tree::Number(n))
                if n.fract() == 0.0 && (1000.0..=9999.0).contains(n) =>
            {
                Cell::Year(*n as i32)
            }
            (ColumnKind::Year, _) => {
                self.err(
                    p,
                    format!("`{}` is not a year", self.literal(p, v)),
                    "a four-digit year such as 2024",
                );
                Cell::Missing
            }
            (ColumnKind::Name | ColumnKind::Url, Tree::String(s)) => Cell::Name(s.clone()),
            // A name whose form differs by language (`{ ko: Hisilicon(海思), en: HiSilicon (海思) }`).
            (ColumnKind::Name, Tree::Map(entries)) => {
                let mut names = Localized::default();
                let mut all_strings = true;
                for (lang, t) in entries {
                    match t {
                        Tree::String(s) => {
                            names.0.insert(lang.clone(), Text::Plain(s.clone()));
                        }
                        other => {
                            all_strings = false;
                            self.err(
                                &format!("{p}.{lang}"),
                                format!("a name is {}", other.kind()),
                                "a string",
                            )
                        }
                    }
                }
                if all_strings {
                    self.check_localized(&names, p);
                }
                Cell::Text(names)
            }
            (ColumnKind::Name | ColumnKind::Url, _) => {
                self.err(
                    p,
                    format!("a name cell is {}", v.kind()),
                    "a string (quote numbers: \"2025\"), or a name per language (`{ ko: …, en: … }`)",
                );
                Cell::Missing
            }
            (ColumnKind::Text, Tree::Map(entries)) => {
                let mut texts = Localized::default();
                for (lang, t) in entries {
                    let lp = format!("{p}.{lang}");
                    if let Some(text) = self.text(&lp, t) {
                        texts.0.insert(lang.clone(), text);
                    }
                }
                self.check_localized(&texts, p);
                Cell::Text(texts)
            }
            (ColumnKind::Text, _) => {
                let first = self.languages.first().map(String::as_str).unwrap_or("en");
                self.err(
                    p,
                    format!("a text cell is {}", v.kind()),
                    format!("text per language, e.g. `{{ {first}: … }}` (use `type: name` for language-neutral text)"),
                );
                Cell::Missing
            }
            (ColumnKind::Number(unit), _) => match self.number(p, v) {
                Some(n) => {
                    let unit = n.unit.as_ref().unwrap_or(unit);
                    if shift(n.quantity.value, unit.scale_exp()).is_none() {
                        self.err(
                            p,
                            format!(
                                "{} in units of {} has more digits than folio keeps exactly",
                                n.quantity.value,
                                power_of_ten(unit.scale_exp())
                            ),
                            format!("an amount of at most {MAX_DECIMALS} significant digits in base units"),
                        );
                        Cell::Missing
                    } else {
                        Cell::Number(n)
                    }
                }
                None => Cell::Missing,
            },
        }
    }

    /// The literal text of a scalar node, for messages.
    pub(super) fn literal(&self, p: &str, v: &Tree) -> String {
        match self.index.node(p).and_then(|n| n.scalar.clone()) {
            Some(s) => s,
            None => v.kind().to_string(),
        }
    }

    fn text(&mut self, p: &str, t: &Tree) -> Option<Text> {
        match t {
            Tree::String(s) => Some(Text::Plain(s.clone())),
            Tree::Seq(items) => {
                let items = items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, it)| self.item(&format!("{p}[{i}]"), it))
                    .collect();
                Some(Text::List(items))
            }
            other => {
                self.err(
                    p,
                    format!("cell text is {}", other.kind()),
                    "a string or a list of bullets",
                );
                None
            }
        }
    }

    fn item(&mut self, p: &str, t: &Tree) -> Option<Item> {
        match t {
            Tree::String(s) => Some(Item {
                text: s.clone(),
                items: vec![],
            }),
            Tree::Number(_) | Tree::Bool(_) => Some(Item {
                text: self.literal(p, t),
                items: vec![],
            }),
            Tree::Map(entries) => {
                let mut item = Item {
                    text: String::new(),
                    items: vec![],
                };
                for (k, v) in entries {
                    let kp = format!("{p}.{k}");
                    match (k.as_str(), v) {
                        ("text", Tree::String(s)) => item.text = s.clone(),
                        ("items", Tree::Seq(sub)) => {
                            item.items = sub
                                .iter()
                                .enumerate()
                                .filter_map(|(i, it)| self.item(&format!("{kp}[{i}]"), it))
                                .collect()
                        }
                        _ => {
                            let pos = self.index.key_pos(&kp);
                            self.err_at(
                                pos,
                                format!("unexpected `{k}` in a bullet"),
                                "`text: …` and optional `items: [ … ]`",
                            );
                        }
                    }
                }
                Some(item)
            }
            other => {
                self.err(
                    p,
                    format!("a bullet is {}", other.kind()),
                    "a string or `{ text: …, items: [ … ] }`",
                );
                None
            }
        }
    }

    fn number(&mut self, p: &str, v: &Tree) -> Option<NumberCell> {
        match v {
            Tree::Number(_) | Tree::String(_) => {
                let q = self.quantity(p, v)?;
                Some(NumberCell {
                    quantity: q,
                    derived: None,
                    unit: None,
                })
            }
            Tree::Map(entries) => {
                let mut cell = NumberCell {
                    quantity: Quantity::new(Default::default()),
                    derived: None,
                    unit: None,
                };
                let mut has_value = false;
                let mut bound = None;
                for (k, val) in entries {
                    let kp = format!("{p}.{k}");
                    match k.as_str() {
                        "value" => {
                            if let Some(q) = self.quantity(&kp, val) {
                                cell.quantity = q;
                                has_value = true;
                            }
                        }
                        "derived" => match val {
                            Tree::String(f) if !f.trim().is_empty() => match Formula::parse(f) {
                                Ok(f) => cell.derived = Some(f),
                                Err(e) => self.err(
                                    &kp,
                                    format!("the formula `{f}` cannot be read: {e}"),
                                    FORMULA_SYNTAX,
                                ),
                            },
                            _ => self.err(
                                &kp,
                                "`derived` is not a formula",
                                "the formula as a string, e.g. \"value[2024] / 1.262\"",
                            ),
                        },
                        "bound" => {
                            bound = match val {
                                Tree::String(s) => match s.as_str() {
                                    "over" => Some(Bound::Over),
                                    "about" => Some(Bound::About),
                                    "nearly" => Some(Bound::Nearly),
                                    "plus" => Some(Bound::Plus),
                                    _ => None,
                                },
                                _ => None,
                            };
                            if bound.is_none() {
                                self.err(
                                    &kp,
                                    format!("unknown bound `{}`", self.literal(&kp, val)),
                                    "`over`, `about`, `nearly` or `plus`",
                                );
                            }
                        }
                        "unit" => match yaml::from_tree::<Unit>(val) {
                            Ok(u) => {
                                self.check_unit(&u, &kp);
                                cell.unit = Some(u);
                            }
                            Err(e) => self.err(
                                &kp,
                                format!("invalid unit: {e}"),
                                "`{ kind: money|percent|count|plain, … }`",
                            ),
                        },
                        _ => {
                            let pos = self.index.key_pos(&kp);
                            self.err_at(
                                pos,
                                format!("unexpected `{k}` in a number cell"),
                                "`value`, and optionally `derived`, `bound`, `unit`",
                            );
                        }
                    }
                }
                if !has_value {
                    self.err(p, "a number cell has no `value`", "`value: <number>`");
                    return None;
                }
                cell.quantity.bound = bound;
                Some(cell)
            }
            other => {
                self.err(
                    p,
                    format!("a number cell is {}", other.kind()),
                    "a number, or `{ value: …, derived: …, bound: … }`",
                );
                None
            }
        }
    }

    /// A number with the decimals it was written with.
    fn quantity(&mut self, p: &str, v: &Tree) -> Option<Quantity> {
        let literal = match (v, self.index.node(p).and_then(|n| n.scalar.clone())) {
            (Tree::Number(_) | Tree::String(_), Some(lit)) => lit,
            (Tree::Number(n), None) => n.to_string(),
            (Tree::String(s), None) => s.clone(),
            _ => String::new(),
        };
        // Every digit is kept exactly; what cannot be is refused, never rounded.
        match Quantity::read(&literal) {
            Ok(q) => Some(q),
            Err(NotAFigure::TooManyDecimals(n)) => {
                self.err(
                    p,
                    format!("a number with {n} decimals"),
                    format!("a number as printed, with at most {MAX_DECIMALS} decimals"),
                );
                None
            }
            Err(NotAFigure::TooManyDigits(n)) => {
                self.err(
                    p,
                    format!("a number with {n} significant digits, more than folio keeps exactly"),
                    format!("a number as printed, with at most {MAX_DECIMALS} significant digits"),
                );
                None
            }
            Err(NotAFigure::NotANumber) => {
                self.err(
                    p,
                    format!("`{literal}` is not a number"),
                    "a number as printed, e.g. 2697 or \"10.0\"",
                );
                None
            }
        }
    }
}
