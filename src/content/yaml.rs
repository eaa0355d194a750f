//! The one place that reads YAML.
//!
//! `serde_yaml` turns text into typed structs (unknown keys, wrong types and missing fields are
//! reported by serde with a position). For checks that happen after deserialising — a row naming
//! a column that does not exist, a duplicate key — [`YamlIndex`] re-reads the text with
//! `yaml-rust2`'s event parser and maps a path such as `rows[3].value` back to its line and
//! column. The same index gives the literal text of a scalar, so `10.0` keeps its printed
//! precision.
//!
//! Before serde_yaml sees a text, its nesting is measured with `yaml-rust2`'s event parser
//! (which stops as soon as it is too deep): lists and mappings nested deeper than [`MAX_DEPTH`]
//! are an error at the place they get too deep. serde_yaml would refuse them too, but only
//! after a parse that takes time quadratic in the depth (25 s for 100,000 levels).

use crate::base::diag::{Diagnostic, Pos};
use crate::base::source::Source;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::Path;
use yaml_rust2::parser::{Event, Parser};

/// The deepest nesting of lists and mappings folio reads (the bundled report needs 4).
pub const MAX_DEPTH: usize = 64;

/// Refuses `text` when its lists and mappings nest deeper than [`MAX_DEPTH`]; a text that does
/// not parse passes (serde_yaml reports its syntax error).
fn check_depth(path: &Path, text: &str, first_line: usize) -> Result<(), Diagnostic> {
    let too_deep = |line: usize, col: usize| {
        Diagnostic::error(
            path,
            Pos::new(line + first_line - 1, col + 1),
            format!("the YAML is nested deeper than {MAX_DEPTH} levels"),
            format!("at most {MAX_DEPTH} levels of lists and mappings inside each other"),
        )
    };
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => return Ok(()),
            Ok((Event::MappingStart(..) | Event::SequenceStart(..), mark)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(mark.line(), mark.col()));
                }
            }
            Ok((Event::MappingEnd | Event::SequenceEnd, _)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            // The scanner reads a flow collection (`[[[…`) ahead before its events: it stops at
            // 255 levels.
            Err(e) if e.info() == "recursion limit exceeded" => {
                return Err(too_deep(e.marker().line(), e.marker().col()));
            }
            Err(_) => return Ok(()),
        }
    }
}

/// The first character YAML does not allow in a text (a control character other than tab and
/// line breaks, a C1 control other than NEL, a surrogate, U+FFFE, U+FFFF), with its byte offset.
fn first_forbidden(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| {
        !matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    })
}

/// Deserialises `text` (which starts at `first_line` of `path`) into `T`.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            path,
            Pos::new(first_line, 1),
            "the YAML is empty",
            "a YAML mapping (`key: value` lines)",
        ));
    }
    check_depth(path, text, first_line)?;
    serde_yaml::from_str(text).map_err(|e| serde_error(path, text, &e, first_line))
}

/// Deserialises a whole YAML file.
pub fn parse_file<T: DeserializeOwned>(src: &Source) -> Result<T, Diagnostic> {
    parse(&src.path, &src.text, 1)
}

fn serde_error(path: &Path, text: &str, e: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    // libyaml's reader refuses control characters before it has a position: serde_yaml then
    // reports line 1, column 1 (the mark the reader never set) and the offset only in its
    // message. The character is found again here and reported where it is.
    if e.to_string()
        .starts_with("control characters are not allowed")
        && let Some((offset, c)) = first_forbidden(text)
    {
        let at = crate::base::source::LineIndex::new(text).pos(offset);
        return Diagnostic::error(
            path,
            Pos::new(at.line + first_line - 1, at.col),
            format!("a control character (U+{:04X}) in the YAML", c as u32),
            "text without control characters",
        );
    }
    let pos = e
        .location()
        .map(|l| Pos::new(l.line() + first_line - 1, l.column()))
        .unwrap_or(Pos::new(first_line, 1));
    // A tab in the indentation is the commonest cause of YAML's most cryptic message.
    if let Some(l) = e.location() {
        let line = text.lines().nth(l.line().saturating_sub(1)).unwrap_or("");
        let indent = &line[..line.len() - line.trim_start().len()];
        if let Some(tab) = indent.find('\t') {
            return Diagnostic::error(
                path,
                Pos::new(pos.line, indent[..tab].chars().count() + 1),
                "a tab in the indentation",
                "spaces (YAML does not allow tabs for indentation)",
            );
        }
    }
    let full = e.to_string();
    let text = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    let (message, expected) = split_expected(text);
    Diagnostic::error(path, pos, message, expected)
}

/// Splits serde's "…, expected …" into what is wrong and what was expected, and says what to
/// write for the messages that carry no expectation.
fn split_expected(text: &str) -> (String, String) {
    if let Some(i) = text.find(", expected ") {
        let (what, exp) = text.split_at(i);
        return (what.to_string(), exp[", expected ".len()..].to_string());
    }
    if let Some(rest) = text.split("missing field ").nth(1) {
        return (text.to_string(), format!("the key {rest}"));
    }
    (
        format!("invalid YAML: {text}"),
        "valid YAML (look for an unclosed quote or bracket, or a wrong indentation, here or on the line before)".to_string(),
    )
}

/// A YAML value as a plain tree, for data whose shape depends on other data (a row's cells
/// depend on the table's columns). Mapping keys keep their order.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    /// `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// Any number (its literal text is in the [`YamlIndex`]).
    Number(f64),
    /// A string.
    String(String),
    /// A list.
    Seq(Vec<Tree>),
    /// A mapping with string keys (other keys are turned into their text).
    Map(Vec<(String, Tree)>),
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

/// Builds a [`Tree`] from whatever serde_yaml reads, integers of any size included (their
/// literal digits are read from the [`YamlIndex`]; here they only need to be numbers).
struct TreeVisitor;

impl<'de> serde::de::Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_none<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        Tree::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Tree, E> {
        Ok(Tree::Number(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Tree, E> {
        Ok(Tree::Number(n as f64))
    }
    fn visit_i128<E>(self, n: i128) -> Result<Tree, E> {
        Ok(Tree::Number(n as f64))
    }
    fn visit_u128<E>(self, n: u128) -> Result<Tree, E> {
        Ok(Tree::Number(n as f64))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Tree, E> {
        Ok(Tree::Number(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Tree, E> {
        Ok(Tree::String(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Tree, E> {
        Ok(Tree::String(s))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(t) = seq.next_element::<Tree>()? {
            items.push(t);
        }
        Ok(Tree::Seq(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(k) = map.next_key::<Tree>()? {
            let key = match k {
                Tree::String(s) => s,
                Tree::Number(n) => n.to_string(),
                Tree::Bool(b) => b.to_string(),
                Tree::Null => "~".to_string(),
                other => other.kind().to_string(),
            };
            entries.push((key, map.next_value::<Tree>()?));
        }
        Ok(Tree::Map(entries))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Tree, A::Error> {
        // A tagged value (`!tag value`): the value.
        use serde::de::VariantAccess;
        let (_, variant): (serde::de::IgnoredAny, _) = data.variant()?;
        variant.newtype_variant::<Tree>()
    }
}

/// Deserialises a [`Tree`] into `T` (for values inside data whose shape is only known late).
pub fn from_tree<T: DeserializeOwned>(t: &Tree) -> Result<T, String> {
    fn to_value(t: &Tree) -> serde_yaml::Value {
        use serde_yaml::Value as V;
        match t {
            Tree::Null => V::Null,
            Tree::Bool(b) => V::Bool(*b),
            Tree::Number(n) => V::Number(serde_yaml::Number::from(*n)),
            Tree::String(s) => V::String(s.clone()),
            Tree::Seq(items) => V::Sequence(items.iter().map(to_value).collect()),
            Tree::Map(entries) => V::Mapping(
                entries
                    .iter()
                    .map(|(k, v)| (V::String(k.clone()), to_value(v)))
                    .collect(),
            ),
        }
    }
    serde_yaml::from_value(to_value(t)).map_err(|e| e.to_string())
}

impl Tree {
    /// A short name of the value's kind, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Tree::Null => "nothing",
            Tree::Bool(_) => "a boolean",
            Tree::Number(_) => "a number",
            Tree::String(_) => "a string",
            Tree::Seq(_) => "a list",
            Tree::Map(_) => "a mapping",
        }
    }
}

/// Front matter and body of a Markdown file.
#[derive(Debug, Clone, Copy)]
pub struct FrontMatter<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// Line of the file where the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing `---` line.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`.
pub fn split_front_matter(src: &Source) -> Result<FrontMatter<'_>, Diagnostic> {
    let text = src.text.as_str();
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(Diagnostic::error(
            &src.path,
            Pos::START,
            "the file does not start with front matter",
            "a first line `---`, then YAML such as `title: …`, then a line `---`",
        ));
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = offset + line.len();
            return Ok(FrontMatter {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        &src.path,
        Pos::START,
        "the front matter is not closed",
        "a line `---` after the front-matter YAML",
    ))
}

/// One node of a YAML document: where it starts and, for scalars, its literal text.
#[derive(Debug, Clone)]
pub struct Node {
    /// Where the node starts.
    pub pos: Pos,
    /// The scalar as written (without quotes), `None` for mappings and sequences.
    pub scalar: Option<String>,
    /// True when the scalar was quoted (`'10.0'`, `"10.0"`).
    pub quoted: bool,
}

/// Positions of every node of a YAML text, by path (`rows[3].value`).
#[derive(Debug, Clone, Default)]
pub struct YamlIndex {
    nodes: HashMap<String, Node>,
    keys: HashMap<String, Pos>,
    /// Keys written twice in one mapping: (path, first, second), in text order.
    duplicates: Vec<(String, Pos, Pos)>,
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, next: usize },
}

impl YamlIndex {
    /// Indexes `text`, whose first line is line `first_line` of its file. Text that does not
    /// parse gives an empty index (serde reports the syntax error itself).
    pub fn build(text: &str, first_line: usize) -> YamlIndex {
        let mut index = YamlIndex::default();
        let mut parser = Parser::new_from_str(text);
        let mut stack: Vec<Frame> = Vec::new();
        while let Ok((event, mark)) = parser.next_token() {
            let pos = Pos::new(mark.line() + first_line - 1, mark.col() + 1);
            match event {
                Event::StreamEnd => break,
                Event::Scalar(value, style, _, _) => {
                    // A scalar is either a mapping key or a value.
                    if let Some(Frame::Map { path, key }) = stack.last_mut()
                        && key.is_none()
                    {
                        let child = join(path, &value);
                        if let Some(first) = index.keys.insert(child.clone(), pos) {
                            index.duplicates.push((child, first, pos));
                        }
                        *key = Some(value);
                        continue;
                    }
                    let path = Self::child_path(&mut stack);
                    let quoted = !matches!(style, yaml_rust2::scanner::TScalarStyle::Plain);
                    index.nodes.insert(
                        path,
                        Node {
                            pos,
                            scalar: Some(value),
                            quoted,
                        },
                    );
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let path = Self::child_path(&mut stack);
                    index.nodes.insert(
                        path.clone(),
                        Node {
                            pos,
                            scalar: None,
                            quoted: false,
                        },
                    );
                    stack.push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Map { path, key: None }
                    } else {
                        Frame::Seq { path, next: 0 }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        index
    }

    /// The path of the value that starts now, advancing the parent frame.
    fn child_path(stack: &mut [Frame]) -> String {
        match stack.last_mut() {
            None => String::new(),
            Some(Frame::Map { path, key }) => join(path, &key.take().unwrap_or_default()),
            Some(Frame::Seq { path, next }) => {
                *next += 1;
                format!("{path}[{}]", *next - 1)
            }
        }
    }

    /// The node at `path`.
    pub fn node(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    /// Where the value at `path` starts; for a missing path, the nearest existing parent.
    pub fn pos(&self, path: &str) -> Pos {
        let mut p = path;
        loop {
            if let Some(n) = self.nodes.get(p) {
                return n.pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.nodes.get("").map(|n| n.pos).unwrap_or(Pos::START),
            }
        }
    }

    /// Keys written twice in one mapping: (path, where first, where again), in text order.
    pub fn duplicates(&self) -> &[(String, Pos, Pos)] {
        &self.duplicates
    }

    /// Where the key of `path` is written (`rows[3].valeu` points at `valeu`).
    pub fn key_pos(&self, path: &str) -> Pos {
        self.keys
            .get(path)
            .copied()
            .unwrap_or_else(|| self.pos(path))
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        part: Option<String>,
    }

    #[test]
    fn unknown_key_names_the_line_and_the_allowed_keys() {
        let e = parse::<Fm>(Path::new("a.md"), "title: x\ntitel: y\n", 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:3:1: error: unknown field `titel` — expected `title` or `part`"
        );
    }

    #[test]
    fn missing_field_says_which_key_to_add() {
        let e = parse::<Fm>(Path::new("a.md"), "part: x\n", 2).unwrap_err();
        assert_eq!(e.message, "missing field `title`");
        assert_eq!(e.expected, "the key `title`");
    }

    #[test]
    fn empty_yaml_is_an_error() {
        let e = parse::<Fm>(Path::new("a.md"), "\n \n", 2).unwrap_err();
        assert_eq!(e.message, "the YAML is empty");
        assert_eq!(e.pos, Pos::new(2, 1));
    }

    #[test]
    fn deep_nesting_is_refused_at_once_where_it_gets_too_deep() {
        let started = std::time::Instant::now();
        let flow = format!("title: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let e = parse::<Fm>(Path::new("a.md"), &flow, 2).unwrap_err();
        assert_eq!(e.message, "the YAML is nested deeper than 64 levels");
        assert_eq!(e.pos.line, 2);
        let mappings = format!(
            "title: {}x{}\n",
            "{a: ".repeat(100_000),
            "}".repeat(100_000)
        );
        let e = parse::<Fm>(Path::new("a.md"), &mappings, 2).unwrap_err();
        assert_eq!(e.message, "the YAML is nested deeper than 64 levels");
        let block = format!("title:\n  {}x\n", "- ".repeat(100_000));
        let e = parse::<Fm>(Path::new("a.md"), &block, 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:3:129: error: the YAML is nested deeper than 64 levels — expected at most 64 levels of lists and mappings inside each other"
        );
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        // 64 levels are fine (for nesting; the type is then wrong).
        let ok = format!("part: {}{}\n", "[".repeat(63), "]".repeat(63));
        let e = parse::<Fm>(Path::new("a.md"), &ok, 2).unwrap_err();
        assert!(e.message.contains("invalid type"), "{e}");
    }

    #[test]
    fn control_characters_are_reported_where_they_are() {
        let e = parse::<Fm>(Path::new("a.md"), "title: x\npart: 가나\u{1}다\n", 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:3:9: error: a control character (U+0001) in the YAML — expected text without control characters"
        );
        let e = parse::<Fm>(Path::new("a.md"), "title: \"x\u{0}\"\n", 1).unwrap_err();
        assert_eq!(e.pos, Pos::new(1, 10));
        assert_eq!(e.message, "a control character (U+0000) in the YAML");
    }

    #[test]
    fn front_matter_split() {
        let src = Source::new("a.md", "---\ntitle: x\n---\n# Body\n");
        let fm = split_front_matter(&src).unwrap();
        assert_eq!(fm.yaml, "title: x\n");
        assert_eq!(fm.body, "# Body\n");
        assert_eq!(fm.body_offset, 17);
    }

    #[test]
    fn front_matter_must_open_and_close() {
        let e = split_front_matter(&Source::new("a.md", "title: x\n")).unwrap_err();
        assert_eq!(e.message, "the file does not start with front matter");
        let e = split_front_matter(&Source::new("a.md", "---\ntitle: x\n")).unwrap_err();
        assert_eq!(e.message, "the front matter is not closed");
    }

    #[test]
    fn index_maps_paths_to_positions_and_literals() {
        let text =
            "title: x\nrows:\n  - year: 2024\n    value: 10.0\n  - { year: 2025, value: '3' }\n";
        let idx = YamlIndex::build(text, 1);
        assert_eq!(idx.pos("rows[0].value"), Pos::new(4, 12));
        assert_eq!(
            idx.node("rows[0].value").unwrap().scalar.as_deref(),
            Some("10.0")
        );
        assert_eq!(idx.key_pos("rows[0].value"), Pos::new(4, 5));
        let n = idx.node("rows[1].value").unwrap();
        assert!(n.quoted);
        assert_eq!(n.scalar.as_deref(), Some("3"));
        // A missing path falls back to its nearest parent.
        assert_eq!(idx.pos("rows[1].growth"), idx.pos("rows[1]"));
        assert!(idx.duplicates().is_empty());
    }

    #[test]
    fn keys_written_twice_are_found_with_both_places() {
        let idx = YamlIndex::build(
            "a: 1\nb:\n  c: 2\n  c: 3\na: 4\nl: [{ c: 1 }, { c: 2 }]\n",
            1,
        );
        assert_eq!(
            idx.duplicates(),
            [
                ("b.c".to_string(), Pos::new(3, 3), Pos::new(4, 3)),
                ("a".to_string(), Pos::new(1, 1), Pos::new(5, 1)),
            ]
        );
    }
}
