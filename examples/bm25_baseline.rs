//! The BM25 baselines that `scripts/eval` measures news-search against.
//!
//! What Lucene, Elasticsearch and tantivy give out of the box: one document per article (its
//! headline and body as one text), BM25 over that text, each topic an OR of its words, top 100.
//! Two analyzers:
//! - plain (the default): tantivy's `default` analyzer: split on non-alphanumerics, drop tokens
//!   over 40 bytes, lower-case; no stemming, no stop words;
//! - `--stem`: Lucene `EnglishAnalyzer`-like: the same, then Lucene's English stop words and the
//!   Snowball English stemmer.
//!
//! Everything else news-search does (passages, headline boosts, proximity) is left out on purpose.
//!
//! Usage: `cargo run --release --example bm25_baseline -- [--stem] ARTICLES_NDJSON TOPICS_TSV`
//!
//! `ARTICLES_NDJSON` holds one JSON object per line: `id`, `title` (or `headline`) and `body`,
//! the last two optional; `scripts/eval` writes it from `news-search parse --json`, so both
//! systems read the same articles. `TOPICS_TSV` holds `NUMBER<TAB>TEXT` lines. Output is a TREC
//! run, one line per hit: `TOPIC Q0 ID RANK SCORE RUN`, where `RUN` is `bm25` or `bm25-stem`.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, IndexWriter, TantivyDocument, doc};

/// Hits kept per topic.
const DEPTH: usize = 100;
/// Index writer memory budget: enough to keep the dev collections in one segment.
const WRITER_BYTES: usize = 256 * 1024 * 1024;
/// Name the stemming analyzer is registered under.
const STEM_ANALYZER: &str = "en_lucene";

/// One line of the articles file.
#[derive(Deserialize)]
struct ArticleLine {
    id: String,
    #[serde(default, alias = "headline")]
    title: Option<String>,
    #[serde(default)]
    body: Option<String>,
}

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let stem = args.first().is_some_and(|a| a == "--stem");
    if stem {
        args.remove(0);
    }
    let [articles, topics] = args.as_slice() else {
        bail!("usage: bm25_baseline [--stem] ARTICLES_NDJSON TOPICS_TSV");
    };
    let topics = read_topics(Path::new(topics))?;
    let analyzer = if stem { STEM_ANALYZER } else { "default" };
    let run = if stem { "bm25-stem" } else { "bm25" };

    let mut schema = Schema::builder();
    let id = schema.add_text_field("id", STRING | STORED);
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer)
        .set_index_option(IndexRecordOption::WithFreqs);
    let options = TextOptions::default().set_indexing_options(indexing);
    let text = schema.add_text_field("text", options);
    let index = Index::create_in_ram(schema.build());
    let stemming = english_analyzer()?;
    index.tokenizers().register(STEM_ANALYZER, stemming);

    // One indexing thread: documents keep the file's order, so hits with equal scores (copies of
    // a story) rank the same way in every run.
    let mut writer: IndexWriter = index
        .writer_with_num_threads(1, WRITER_BYTES)
        .context("opening the writer")?;
    add_articles(&mut writer, Path::new(articles), id, text)?;
    writer.commit().context("committing the index")?;
    writer.wait_merging_threads()?;

    let searcher = index.reader().context("opening a reader")?.searcher();
    let parser = QueryParser::for_index(&index, vec![text]);
    let mut out = BufWriter::new(io::stdout().lock());
    for (number, topic) in &topics {
        let query = parser
            .parse_query(&plain_words(topic))
            .with_context(|| format!("parsing topic {number}"))?;
        let top = searcher.search(&query, &TopDocs::with_limit(DEPTH).order_by_score())?;
        for (rank, (score, address)) in top.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(address)?;
            let docid = doc.get_first(id).and_then(|v| v.as_str()).unwrap_or("");
            writeln!(out, "{number} Q0 {docid} {} {score:.6} {run}", rank + 1)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// SimpleTokenizer, RemoveLongFilter(40), LowerCaser, English stop words (Lucene's list),
/// Snowball English stemmer: Lucene's `EnglishAnalyzer` without its possessive filter, and
/// with Snowball in place of Porter.
fn english_analyzer() -> Result<TextAnalyzer> {
    let stop_words = StopWordFilter::new(Language::English).context("no English stop words")?;
    Ok(TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(stop_words)
        .filter(Stemmer::new(Language::English))
        .build())
}

/// Adds one document per line of `path`: its id, and its title and body as one text.
fn add_articles(writer: &mut IndexWriter, path: &Path, id: Field, text: Field) -> Result<()> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let article: ArticleLine = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not an article object", path.display(), i + 1))?;
        let whole = [article.title, article.body]
            .into_iter()
            .flatten()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        writer.add_document(doc!(id => article.id, text => whole))?;
    }
    Ok(())
}

/// The topic as plain lower-case words: every character that is not a letter or digit becomes
/// a space, so the query parser sees no syntax (no `-`, quotes, brackets, and no `AND`/`OR`/`IN`
/// operators) and reads one optional term per word. The analyzer lower-cases anyway.
fn plain_words(topic: &str) -> String {
    let words: String = topic
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    words.to_lowercase()
}

/// `NUMBER<TAB>TEXT` lines; blank lines are skipped.
fn read_topics(path: &Path) -> Result<Vec<(String, String)>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let (number, topic) = line
                .split_once('\t')
                .with_context(|| format!("{}:{}: no tab", path.display(), i + 1))?;
            Ok((number.trim().to_string(), topic.to_string()))
        })
        .collect()
}
