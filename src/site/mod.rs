//! The site made from the rendered book: its pages ([`pages`], one function per page kind)
//! with the views templates receive ([`views`]), rendered by Tera ([`templates`]) within a
//! budget ([`budget`]); the print
//! edition's HTML ([`print`]); the search index ([`search`]); and writing it all ([`output`]).
//!
//! May use: [`crate::base`], [`crate::lang`], [`crate::content`], [`crate::render`].

pub mod budget;
pub mod output;
pub mod pages;
pub mod print;
pub mod search;
pub mod templates;
pub mod views;
