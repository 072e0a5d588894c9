//! The index schema: every field name in one place, and the English analyzer.
//!
//! One tantivy document is one article. Its `body` field indexes and stores the article's whole
//! text, one value per passage, the source's own headline first when there is one, so each word
//! is analysed and posted once and BM25 sees whole articles; `line` holds the line where each
//! passage starts (one value fewer than `body` when the headline leads), so passages come back
//! apart and are scored at query time for the articles shown ([`crate::search::passages`]). The source's own headline is also indexed in `headline`, to
//! weigh headline matches up. Besides articles the index holds one *file* document per ingested
//! file (its size, modification time and content hash: the manifest of incremental runs) and one
//! *root* document per indexed folder; the `kind` field tells them apart. They have no text
//! fields, so they change no text statistic but the document count, which the search corrects
//! ([`crate::search::statistics`]). Keeping them in the index means they commit atomically with
//! the articles they describe. The analyzer must be registered each time an index is opened
//! ([`register_analyzer`]); the index stores only its name.

use anyhow::{Context, Result};
use tantivy::Index;

use super::stem_cache::CachedStemmer;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, STORED, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer};

use super::word_tokenizer::WordTokenizer;

/// Name under which the English analyzer is registered.
pub const ANALYZER: &str = "news_en";
/// Name under which the analyzer of names (sources, authors) is registered.
pub const NAMES_ANALYZER: &str = "news_names";

/// Handles to the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Article id (stored, fast, not indexed): what `show` looks up ([`super::lookup`]).
    pub id: Field,
    /// Absolute path of the source file (untokenized): replaces a file's articles on re-index;
    /// `path:` and `--path` match it, or a range of paths for a folder.
    pub path: Field,
    /// Line of the file where each passage starts: one value per passage, in order.
    pub line: Field,
    /// Publication date (midnight UTC of the calendar date); absent when unknown.
    pub date: Field,
    /// Headline text (analyzed, not stored); only the source's own headlines are indexed.
    pub headline: Field,
    /// Headline as shown (stored only): the own or derived headline.
    pub title: Field,
    /// The article's whole text, one value per passage, its own headline first (analyzed with
    /// positions, stored): what words match and BM25 scores, and the passages shown.
    pub body: Field,
    /// Canonical URL (stored only).
    pub url: Field,
    /// Site or publication name (stored; indexed as lower-case words without stemming, for
    /// `source:`; fast as written, for `stats`).
    pub source: Field,
    /// Author (stored; indexed as lower-case words, for `author:`).
    pub author: Field,
    /// Document kind: [`KIND_ARTICLE`], [`KIND_FILE`] or [`KIND_ROOT`].
    pub kind: Field,
    /// Exact-content fingerprint of the article (fast): collapses copies.
    pub exact: Field,
    /// SimHash of the article's words (fast): groups near-copies.
    pub simhash: Field,
    /// Hash of the article's path and id (fast only: nothing looks it up, and indexed it was a
    /// term of its own for every article): tells articles apart without reading
    /// stored text.
    pub key: Field,
    /// Article documents: how many passages the body holds (fast; `stats` sums it).
    pub passages: Field,
    /// File documents: size in bytes.
    pub size: Field,
    /// File documents: modification time (nanoseconds since the epoch); root documents: time
    /// of the last run (seconds).
    pub mtime: Field,
    /// File documents: content hash (hex), indexed to find copies.
    pub hash: Field,
    /// File documents: number of articles read from the file.
    pub articles: Field,
    /// File documents: absolute path of the file (their key, apart from passages' `path`).
    pub file: Field,
    /// Root documents: absolute path of an indexed folder or file named by the user.
    pub root: Field,
}

/// `kind` of an article document.
pub const KIND_ARTICLE: &str = "article";
/// `kind` of a file (manifest) document.
pub const KIND_FILE: &str = "file";
/// `kind` of an indexed-folder document.
pub const KIND_ROOT: &str = "root";

/// Builds the schema of a new index.
pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    // Fields matched only as whole values (ids, paths, kinds, keys, dates) need no field norms:
    // those are one byte per document per field, for every document, and only BM25 reads them.
    let keyword = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let date = DateOptions::default()
        .set_indexed()
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    builder.add_text_field("id", STORED | FAST);
    builder.add_text_field("path", keyword.clone() | STORED);
    builder.add_u64_field("line", STORED);
    builder.add_date_field("date", date);
    let indexed_only = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    builder.add_text_field("headline", indexed_only.clone());
    builder.add_text_field("title", STORED);
    builder.add_text_field("body", indexed_only | STORED);
    builder.add_text_field("url", STORED);
    let names = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(NAMES_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions)
            .set_fieldnorms(false),
    );
    builder.add_text_field("source", names.clone() | STORED | FAST);
    builder.add_text_field("author", names | STORED);
    builder.add_text_field("kind", keyword.clone());
    // Read from fast columns only: stored, these incompressible hashes cost 16 bytes an article.
    builder.add_u64_field("exact", FAST);
    builder.add_u64_field("simhash", FAST);
    builder.add_u64_field("key", FAST);
    builder.add_u64_field("passages", FAST);
    // The manifest is read from fast columns: reading it from stored documents would decompress
    // the blocks of passages they sit among (most of the doc store on a large index).
    builder.add_u64_field("size", STORED | FAST);
    builder.add_u64_field("mtime", STORED | FAST);
    builder.add_text_field("hash", keyword.clone() | STORED | FAST);
    builder.add_u64_field("articles", STORED | FAST);
    builder.add_text_field("file", keyword.clone() | STORED | FAST);
    builder.add_text_field("root", keyword | STORED | FAST);
    builder.build()
}

impl Fields {
    /// Looks up every field in a schema, failing when the index was built with another schema.
    pub fn from_schema(schema: &Schema) -> Result<Fields> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .with_context(|| format!("index has no field `{name}`"))
        };
        Ok(Fields {
            id: get("id")?,
            path: get("path")?,
            line: get("line")?,
            date: get("date")?,
            headline: get("headline")?,
            title: get("title")?,
            body: get("body")?,
            url: get("url")?,
            source: get("source")?,
            author: get("author")?,
            kind: get("kind")?,
            exact: get("exact")?,
            simhash: get("simhash")?,
            key: get("key")?,
            passages: get("passages")?,
            size: get("size")?,
            mtime: get("mtime")?,
            hash: get("hash")?,
            articles: get("articles")?,
            file: get("file")?,
            root: get("root")?,
        })
    }
}

/// The English analyzer: split into words at non-alphanumerics, apostrophes kept inside words
/// and possessives dropped ([`WordTokenizer`]), drop over-long tokens, lower-case, fold accents
/// and other diacritics to ASCII (`Zürich` = `zurich`, `café` = `cafe`), drop English stop
/// words and stem (Porter/Snowball English), one remembered lookup per word ([`CachedStemmer`]).
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

/// The analyzer of names (sources, authors): words as [`news_analyzer`] splits them,
/// lower-cased and folded to ASCII, with no stop words dropped and no stemming, so
/// `source:bbc` finds "BBC News" and `author:"de la cruz"` finds its name.
pub fn names_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers the analyzers on an opened or created index.
pub fn register_analyzer(index: &Index) {
    index.tokenizers().register(ANALYZER, news_analyzer());
    index
        .tokenizers()
        .register(NAMES_ANALYZER, names_analyzer());
}

/// A new index in memory with our schema and analyzers, its fields and a one-thread writer:
/// for unit tests that need a real index.
#[cfg(test)]
pub fn index_in_ram() -> (Index, Fields, tantivy::IndexWriter) {
    let index = Index::create_in_ram(build_schema());
    register_analyzer(&index);
    let fields = Fields::from_schema(&index.schema()).expect("our schema");
    let writer = index
        .writer_with_num_threads(1, 15_000_000)
        .expect("writer");
    (index, fields, writer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut analyzer = news_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn stems_and_lowercases() {
        assert_eq!(tokens("Export Controls"), tokens("export control"));
        assert_eq!(tokens("exporting"), tokens("exports"));
    }

    #[test]
    fn drops_stop_words() {
        assert_eq!(tokens("the bank of england"), tokens("bank england"));
    }

    #[test]
    fn folds_accents_and_keeps_possessives_whole() {
        assert_eq!(
            tokens("Zürich Müller café Erdoğan"),
            tokens("zurich muller cafe erdogan")
        );
        assert_eq!(tokens("Trump's tariffs"), tokens("trump tariffs"));
        assert_eq!(tokens("Trump’s"), ["trump"]);
    }

    #[test]
    fn schema_fields_resolve() {
        assert!(Fields::from_schema(&build_schema()).is_ok());
    }
}
