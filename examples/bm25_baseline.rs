//! The plain BM25 baseline that `scripts/eval` measures news-search against.
//!
//! What Lucene, Elasticsearch and tantivy give out of the box: one document per article file,
//! tantivy's `default` analyzer (split on non-alphanumerics, drop tokens over 40 bytes, lower-case;
//! no stemming, no stop words), BM25 over the whole text, each topic an OR of its words, top 100.
//! Everything else news-search does (passages, headlines, boosts, stemming) is left out on purpose.
//!
//! Usage: `cargo run --release --example bm25_baseline -- DOCS_DIR TOPICS_TSV > run.tsv`
//!
//! `TOPICS_TSV` holds `NUMBER<TAB>TEXT` lines. Output is a TREC run, one line per hit:
//! `TOPIC Q0 DOCID RANK SCORE baseline`, where `DOCID` is the file stem (`0268` for `0268.txt`).

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, STRING, Schema, TEXT, Value};
use tantivy::{Index, IndexWriter, TantivyDocument, doc};

/// Hits kept per topic.
const DEPTH: usize = 100;
/// Index writer memory budget.
const WRITER_BYTES: usize = 64 * 1024 * 1024;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [docs, topics] = args.as_slice() else {
        bail!("usage: bm25_baseline DOCS_DIR TOPICS_TSV");
    };
    let topics = read_topics(Path::new(topics))?;
    let mut schema = Schema::builder();
    let id = schema.add_text_field("id", STRING | STORED);
    let text = schema.add_text_field("text", TEXT);
    let index = Index::create_in_ram(schema.build());

    let mut writer: IndexWriter = index.writer(WRITER_BYTES).context("opening the writer")?;
    for path in article_files(Path::new(docs))? {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .with_context(|| format!("file name of {}", path.display()))?
            .to_string();
        let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let whole = String::from_utf8_lossy(&bytes);
        // The first line is the issue date: not part of the article.
        let body = whole.split_once('\n').map_or(&*whole, |(_, rest)| rest);
        writer.add_document(doc!(id => stem, text => body))?;
    }
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
            writeln!(out, "{number} Q0 {docid} {} {score:.6} baseline", rank + 1)?;
        }
    }
    out.flush()?;
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

/// The `.txt` files directly in `dir`, sorted by name.
fn article_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
