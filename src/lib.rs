//! news-search: a search engine for folders of news articles.
//!
//! Data flows one way, and each stage owns one module:
//!
//! - [`article`]: the domain (`Article`, `Paragraph`, `Passage`) and how a file becomes articles:
//!   dates, headlines, boilerplate removal, passage splitting.
//! - [`ingest`]: walks the folders a user names, reads files and reports the ones it skips.
//! - [`index`]: the tantivy schema, the analyzer, and writing one document per article.
//! - [`search`]: turns a query and a date window into ranked hits, one passage each, with snippets.
//! - [`render`]: prints hits for a terminal or as JSON Lines.
//! - [`serve`]: the web page and JSON API over the same search and JSON rows (`serve`).
//!
//! [`cli`] holds the command-line types, [`arguments`] prepares the words clap parses, [`config`]
//! turns them into validated settings, and [`run`]
//! ties the stages together for the binary.

pub mod arguments;
pub mod article;
pub mod cli;
pub mod config;
pub mod index;
pub mod ingest;
pub mod render;
pub mod run;
pub mod search;
pub mod serve;
