//! folio: a static report site generator.
//!
//! Markdown chapters and YAML data tables in `content/`, Tera templates in `templates/` and
//! assets in `static/` become a multilingual static website. See README.md for the content
//! format; [`build`] is the entry point.

#![deny(missing_docs)]

pub mod base;
pub mod build;
pub mod check;
pub mod cli;
pub mod content;
pub mod lang;
pub mod num;
pub mod render;
pub mod serve;
pub mod site;
pub mod theme;
