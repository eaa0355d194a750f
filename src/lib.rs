//! folio: a static report site generator.
//!
//! Markdown chapters and YAML data tables in `content/`, Tera templates in `templates/` and
//! assets in `static/` become a bilingual static website. See README.md for the content format;
//! [`build`] is the entry point.

#![deny(missing_docs)]

pub mod amounts;
pub mod build;
pub mod chart;
pub mod config;
pub mod content;
pub mod csv;
pub mod data;
pub mod diag;
pub mod expand;
pub mod formula;
pub mod glossary;
pub mod i18n;
pub mod korean;
pub mod localized;
pub mod markdown;
pub mod numbers;
pub mod numeric;
pub mod output;
pub mod pages;
pub mod pdf;
pub mod print;
pub mod search;
pub mod serve;
pub mod shortcode;
pub mod slug;
pub mod source;
pub mod tablehtml;
pub mod templates;
pub mod timings;
pub mod translation;
pub mod yaml;
