//! Writing articles into the index as passage documents.
//!
//! [`IndexSink`] owns the tantivy writer. Re-indexing a file replaces its articles: every
//! document carrying the file's path is deleted and the new ones added in the same commit, so a
//! second run over the same files never duplicates anything. What to index and when to commit is
//! decided by the caller ([`crate::ingest`]).

use anyhow::{Context, Result};
use chrono::NaiveDate;
use tantivy::schema::Term;
use tantivy::{DateTime, IndexWriter, TantivyDocument};

use super::{Fields, NewsIndex};
use crate::article::{Article, Passage, split_passages};

/// Memory budget of the writer when the caller gives none: 128 MB.
pub const DEFAULT_MEMORY_BYTES: usize = 128 * 1024 * 1024;

/// Adds, replaces and deletes articles; commits on request.
pub struct IndexSink {
    writer: IndexWriter,
    fields: Fields,
}

impl IndexSink {
    /// Takes the index's writer with the given memory budget (bytes, for all threads).
    pub fn new(index: &NewsIndex, memory_bytes: usize) -> Result<IndexSink> {
        let writer = index
            .index
            .writer(memory_bytes)
            .with_context(|| format!("opening the index writer on {}", index.path.display()))?;
        Ok(IndexSink {
            writer,
            fields: index.fields,
        })
    }

    /// Replaces everything indexed from the file `path` by `articles`. Returns the number of
    /// passages written.
    pub fn replace_file(&mut self, path: &str, articles: &[Article]) -> Result<usize> {
        self.delete_file(path);
        let mut passages = 0;
        for article in articles {
            for passage in passages_of(article) {
                let doc = self.to_document(path, article, &passage);
                self.writer.add_document(doc).context("adding a document")?;
                passages += 1;
            }
        }
        Ok(passages)
    }

    /// Deletes every article read from the file `path`.
    pub fn delete_file(&mut self, path: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.path, path));
    }

    /// Makes everything written so far durable and visible to searches.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit().context("committing the index")?;
        Ok(())
    }

    /// Commits and waits for background merges, so the process can exit cleanly.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer
            .wait_merging_threads()
            .context("waiting for index merges")?;
        Ok(())
    }

    /// Builds one passage document.
    fn to_document(&self, path: &str, article: &Article, passage: &Passage) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &article.id);
        doc.add_text(f.path, path);
        doc.add_u64(f.line, passage.line);
        doc.add_u64(f.ordinal, u64::from(passage.ordinal));
        if let Some(date) = article.date {
            doc.add_date(f.date, to_datetime(date));
        }
        doc.add_text(f.headline, &article.headline);
        doc.add_text(f.body, &passage.text);
        for (field, value) in [
            (f.url, &article.url),
            (f.source, &article.source),
            (f.author, &article.author),
        ] {
            if let Some(value) = value {
                doc.add_text(field, value);
            }
        }
        doc
    }
}

/// The passages of an article; an article with a headline but no body (a brief) is one passage
/// made of its headline, so it can still be found.
pub fn passages_of(article: &Article) -> Vec<Passage> {
    let passages = split_passages(&article.body);
    if passages.is_empty() && !article.headline.is_empty() {
        return vec![Passage {
            ordinal: 0,
            line: article.line,
            text: article.headline.clone(),
        }];
    }
    passages
}

/// Midnight UTC of a calendar date, as stored in the date field.
pub fn to_datetime(date: NaiveDate) -> DateTime {
    let seconds = date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |dt| dt.and_utc().timestamp());
    DateTime::from_timestamp_secs(seconds)
}

/// The calendar date of a stored date value.
pub fn from_datetime(value: DateTime) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(value.into_timestamp_secs(), 0).map(|dt| dt.date_naive())
}
