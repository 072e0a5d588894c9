//! Writing articles into the index, one document each (see [`super::schema`]).
//!
//! [`IndexSink`] owns the tantivy writer. Re-indexing a file replaces its articles: every
//! article carrying the file's path and its file document are deleted and the new ones added in
//! the same commit, so a second run over the same files never duplicates anything and the
//! manifest ([`super::manifest`]) always matches the articles. What to index and when to commit
//! is decided by the caller ([`crate::ingest`]).

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rayon::prelude::*;
use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::Term;
use tantivy::{DateTime, Index, IndexWriter, Searcher, TantivyDocument};

use super::manifest::{FileRecord, add_payload_roots, legacy_roots};
use super::schema::{KIND_ARTICLE, KIND_FILE, KIND_ROOT};
use super::{Fields, IndexError, NewsIndex};
use crate::article::fingerprint::{fingerprints, fnv64};
use crate::article::{Article, Passage, split_passages};

/// Memory budget of the writer when the caller gives none: 128 MB.
pub const DEFAULT_MEMORY_BYTES: usize = 128 * 1024 * 1024;

/// When an index run ends, segments holding less than this fraction of the largest segment's
/// documents are merged into one (see [`IndexSink::finish`]).
pub const SMALL_SEGMENT_DIVISOR: u32 = 4;

/// Adds, replaces and deletes articles; commits on request.
pub struct IndexSink {
    writer: IndexWriter,
    fields: Fields,
    memory_bytes: usize,
    /// The indexed roots with the time of their last run (0 until a run over the root
    /// finishes), written into every commit's payload in `meta.json`
    /// ([`super::manifest::add_payload_roots`]): no document, so a run that changes no file adds no
    /// segment (a one-document segment made every later search about 4 ms slower at 1M
    /// articles), and a damaged segment dropped by `doctor` loses no root.
    roots: BTreeMap<String, u64>,
    /// The index as committed holds root documents of an earlier version: the next commit
    /// deletes them (the payload holds the roots from then on).
    legacy_roots: bool,
    /// The index as committed when the writer was taken: which files it holds, so replacing a
    /// file it never held deletes nothing ([`IndexSink::replace_file`]).
    committed: Option<Searcher>,
    /// Every document was deleted in this run (`--rebuild`): nothing committed before is held.
    cleared: bool,
}

impl IndexSink {
    /// Takes the index's writer with the given memory budget (bytes, for all threads). Fails
    /// with [`IndexError::Busy`] when another process is writing the index.
    pub fn new(index: &NewsIndex, memory_bytes: usize) -> Result<IndexSink> {
        let writer = match index.index.writer(memory_bytes) {
            Ok(writer) => writer,
            Err(tantivy::TantivyError::LockFailure(..)) => {
                return Err(IndexError::Busy(index.path.clone()).into());
            }
            Err(err) => {
                return Err(anyhow::Error::new(err).context(format!(
                    "opening the index writer on {}",
                    index.path.display()
                )));
            }
        };
        // A run killed mid-commit leaves files the last commit does not use (a `.del` file of
        // the opstamp this run will replay, half-written segments): delete them before writing,
        // or the replay collides with them (`FileAlreadyExists`).
        writer
            .garbage_collect_files()
            .wait()
            .context("removing the files a stopped run left in the index")?;
        let committed = index.searcher().ok();
        // Root documents that cannot be read are deleted anyway; the payload's roots are kept
        // whatever happens to the documents.
        let (mut roots, legacy) = match committed.as_ref().map(|s| legacy_roots(index, s)) {
            Some(Ok(found)) => {
                let any = !found.is_empty();
                (found, any)
            }
            Some(Err(_)) => (BTreeMap::new(), true),
            None => (BTreeMap::new(), false),
        };
        add_payload_roots(&mut roots, &index.index);
        Ok(IndexSink {
            writer,
            fields: index.fields,
            memory_bytes,
            roots,
            legacy_roots: legacy,
            committed,
            cleared: false,
        })
    }

    /// The schema's fields, to build documents with ([`file_documents`]) on other threads.
    pub fn fields(&self) -> Fields {
        self.fields
    }

    /// Replaces everything indexed from the file `path` by its documents, and records the file
    /// in the manifest. Returns the number of passages written. Each file is replaced at most
    /// once a run, so a file the index held no document of when the writer was taken has
    /// nothing to delete: no delete is queued for it. (tantivy keeps every queued delete, about
    /// a kilobyte each, until the next commit: three per new file were most of the memory a
    /// first run spent beyond the writer's budget and the documents in flight.)
    pub fn replace_file(
        &mut self,
        path: &str,
        record: &FileRecord,
        documents: FileDocuments,
    ) -> Result<usize> {
        let held = self.held(Term::from_field_text(self.fields.path, path))
            || self.held(Term::from_field_text(self.fields.file, path));
        if held {
            self.delete_file(path);
        }
        for doc in documents.docs {
            self.writer
                .add_document(doc)
                .context("adding an article document")?;
        }
        self.add_file_record(path, record)?;
        Ok(documents.passages)
    }

    /// Whether the index as committed when the writer was taken holds a document with `term`
    /// (deleted ones counted too), unless this run cleared the index; `true` when that cannot
    /// be told.
    fn held(&self, term: Term) -> bool {
        match &self.committed {
            _ if self.cleared => false,
            Some(searcher) => !matches!(searcher.doc_freq(&term), Ok(0)),
            None => true,
        }
    }

    /// Updates only the manifest entry of a file whose content did not change.
    pub fn record_file(&mut self, path: &str, record: &FileRecord) -> Result<()> {
        self.writer
            .delete_term(Term::from_field_text(self.fields.file, path));
        self.add_file_record(path, record)
    }

    /// Adds the manifest entry of a file (whose earlier entry is deleted or never was).
    fn add_file_record(&mut self, path: &str, record: &FileRecord) -> Result<()> {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_FILE);
        doc.add_text(f.file, path);
        doc.add_u64(f.size, record.size);
        doc.add_u64(f.mtime, record.mtime);
        doc.add_text(f.hash, &record.hash);
        doc.add_u64(f.articles, record.articles);
        self.writer
            .add_document(doc)
            .context("adding a manifest entry")?;
        Ok(())
    }

    /// Records a folder (or file) the user indexed, with the time of this run (0 for a run
    /// stopped before it finished), for the next commit.
    pub fn record_root(&mut self, root: &str, seconds: u64) {
        self.roots.insert(root.to_string(), seconds);
    }

    /// Forgets an indexed folder from the next commit on (its files' articles are deleted
    /// apart).
    pub fn forget_root(&mut self, root: &str) {
        self.roots.remove(root);
    }

    /// Deletes every article read from the file `path`, and its manifest entry.
    pub fn delete_file(&mut self, path: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.path, path));
        self.writer
            .delete_term(Term::from_field_text(self.fields.file, path));
    }

    /// Deletes everything: `index --rebuild`.
    pub fn delete_all(&mut self) -> Result<()> {
        self.roots.clear();
        self.cleared = true;
        self.writer
            .delete_all_documents()
            .context("clearing the index")?;
        Ok(())
    }

    /// Makes everything written so far durable and visible to searches.
    pub fn commit(&mut self) -> Result<()> {
        if std::mem::take(&mut self.legacy_roots) {
            self.writer
                .delete_term(Term::from_field_text(self.fields.kind, KIND_ROOT));
        }
        let payload = serde_json::json!({ "roots": self.roots }).to_string();
        let mut prepared = self
            .writer
            .prepare_commit()
            .context("committing the index")?;
        prepared.set_payload(&payload);
        prepared.commit().context("committing the index")?;
        Ok(())
    }

    /// Commits and waits for background merges, so the process can exit cleanly. With `tidy`,
    /// then merges the small segments into one ([`small_segments`]): tantivy's merge policy
    /// leaves a tail of small segments (18 segments after indexing 1M generated articles), and
    /// every search pays for opening and looking up each one (p50 of the bench queries 18 ms
    /// with 18 segments, 12 ms once the 14 small ones were merged, which took 4 s).
    pub fn finish(mut self, tidy: bool) -> Result<()> {
        // The searcher of the first commit holds its segments' files open: let the merges
        // below delete them.
        self.committed = None;
        self.commit()?;
        let index = self.writer.index().clone();
        self.writer
            .wait_merging_threads()
            .context("waiting for index merges")?;
        if tidy {
            merge_small_segments(&index, self.memory_bytes)?;
        }
        Ok(())
    }
}

/// Files with more articles than this have their documents built in parallel.
const PARALLEL_ARTICLES: usize = 64;

/// An article file's documents, built away from the writer (in parallel with other files).
#[derive(Default)]
pub struct FileDocuments {
    docs: Vec<TantivyDocument>,
    articles: usize,
    passages: usize,
}

impl FileDocuments {
    /// The articles read from the file (those without a passage included).
    pub fn articles(&self) -> usize {
        self.articles
    }
}

/// Builds the documents of a file's articles (those with at least one passage), in file order,
/// dropping each article once its document is built; a file of many articles (a CSV or JSON
/// Lines export) is built on all cores.
pub fn file_documents(fields: &Fields, path: &str, articles: Vec<Article>) -> FileDocuments {
    let count = articles.len();
    let build = |article: Article| -> Option<(TantivyDocument, usize)> {
        let passages = passages_of(&article);
        (!passages.is_empty()).then(|| {
            let doc = article_document(fields, path, &article, &passages);
            (doc, passages.len())
        })
    };
    let built: Vec<(TantivyDocument, usize)> = if count > PARALLEL_ARTICLES {
        articles.into_par_iter().filter_map(build).collect()
    } else {
        articles.into_iter().filter_map(build).collect()
    };
    FileDocuments {
        articles: count,
        passages: built.iter().map(|(_, n)| n).sum(),
        docs: built.into_iter().map(|(doc, _)| doc).collect(),
    }
}

/// Builds an article's document: its id, path, date, fingerprints and key; its headline
/// (shown, and indexed when it is the source's own, in `headline` and as the first `body`
/// value); each passage a `body` value, with its line; its URL, source and author.
fn article_document(
    f: &Fields,
    path: &str,
    article: &Article,
    passages: &[Passage],
) -> TantivyDocument {
    let (exact, simhash) = fingerprints(article);
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_ARTICLE);
    doc.add_text(f.id, &article.id);
    doc.add_text(f.path, path);
    if let Some(date) = article.date.and_then(to_datetime) {
        doc.add_date(f.date, date);
    }
    doc.add_u64(f.exact, exact);
    doc.add_u64(f.simhash, simhash);
    doc.add_u64(f.key, article_key(path, &article.id));
    doc.add_text(f.title, &article.headline);
    // A brief (a headline and no body) is one passage made of its headline: index it once.
    let brief = matches!(passages, [only] if only.text == article.headline);
    if article.has_own_headline() && !brief {
        doc.add_text(f.headline, &article.headline);
        doc.add_text(f.body, &article.headline);
    }
    doc.add_u64(f.passages, passages.len() as u64);
    for passage in passages {
        doc.add_text(f.body, &passage.text);
        doc.add_u64(f.line, passage.line);
    }
    for (field, value) in [
        (f.url, &article.url),
        (f.source, &article.source),
        (f.author, &article.author),
    ] {
        if let Some(value) = value {
            doc.add_text(field, value);
        }
    }
    // Grown by doubling, the document's buffer has up to as much room again as it holds, and
    // it waits in tantivy's queue of up to 10,000 documents with it.
    doc.shrink_to_fit();
    doc
}

/// Merges the [`small_segments`] of the last commit, and the [`stale_segments`], into one
/// segment, when there are two or more, or a stale one (merging purges its deleted
/// documents). Another process that took the writer in the meantime is left to it.
fn merge_small_segments(index: &Index, memory_bytes: usize) -> Result<()> {
    let metas = index
        .searchable_segment_metas()
        .context("listing the index segments")?;
    let stale = stale_segments(&metas);
    let mut small = small_segments(&metas);
    for id in &stale {
        if !small.contains(id) {
            small.push(*id);
        }
    }
    if small.len() < 2 && stale.is_empty() {
        return Ok(());
    }
    // The lock of the writer just closed may take a moment to be free; another process that
    // holds it longer is left to do its own merging.
    let mut attempts = 0;
    let mut writer: IndexWriter = loop {
        match index.writer(memory_bytes) {
            Ok(writer) => break writer,
            Err(tantivy::TantivyError::LockFailure(..)) if attempts < 10 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(tantivy::TantivyError::LockFailure(..)) => return Ok(()),
            Err(err) => return Err(anyhow::Error::new(err).context("reopening the index writer")),
        }
    };
    writer.set_merge_policy(Box::new(NoMergePolicy));
    writer
        .merge(&small)
        .wait()
        .context("merging small segments")?;
    // The merged segments' files go now, not at the next run.
    writer
        .garbage_collect_files()
        .wait()
        .context("removing merged segments' files")?;
    writer
        .wait_merging_threads()
        .context("waiting for index merges")?;
    Ok(())
}

/// A segment where more than 1 document in this many is deleted is merged at the end of a run
/// ([`stale_segments`]).
pub const STALE_DIVISOR: u32 = 10;

/// The segments where more than 1 document in [`STALE_DIVISOR`] is deleted. BM25 counts a
/// deleted document until its segment is merged, so after edits the scores of an updated index
/// differ from a fresh one's; merging such segments at the end of a run bounds that difference
/// by a tenth of any segment's documents.
pub fn stale_segments(metas: &[SegmentMeta]) -> Vec<SegmentId> {
    metas
        .iter()
        .filter(|meta| meta.num_deleted_docs() * STALE_DIVISOR > meta.max_doc())
        .map(SegmentMeta::id)
        .collect()
}

/// The segments holding fewer than 1/[`SMALL_SEGMENT_DIVISOR`] of the largest segment's
/// documents (deleted ones included: they still cost space until merged).
pub fn small_segments(metas: &[SegmentMeta]) -> Vec<SegmentId> {
    let largest = metas.iter().map(SegmentMeta::max_doc).max().unwrap_or(0);
    metas
        .iter()
        .filter(|meta| meta.max_doc() < largest / SMALL_SEGMENT_DIVISOR)
        .map(SegmentMeta::id)
        .collect()
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

/// The fast-field key of an article: a hash of its file's key and its id (ids are unique
/// within a file; sources' own ids may repeat across files).
pub fn article_key(path: &str, id: &str) -> u64 {
    let mut bytes = Vec::with_capacity(path.len() + id.len() + 1);
    bytes.extend_from_slice(path.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(id.as_bytes());
    fnv64(&bytes)
}

/// The first and last calendar years a date field can hold: tantivy stores dates as
/// nanoseconds since 1970 in 64 bits (1677-09-21 to 2262-04-11), so whole years 1678–2261.
pub const DATE_YEARS: (i32, i32) = (1678, 2261);

/// Midnight UTC of a calendar date, as stored in the date field; `None` for a date outside
/// [`DATE_YEARS`], which the field cannot hold (such an article is indexed as undated).
pub fn to_datetime(date: NaiveDate) -> Option<DateTime> {
    use chrono::Datelike;
    if !(DATE_YEARS.0..=DATE_YEARS.1).contains(&date.year()) {
        return None;
    }
    let seconds = date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |dt| dt.and_utc().timestamp());
    Some(DateTime::from_timestamp_secs(seconds))
}

/// The calendar date of a stored date value.
pub fn from_datetime(value: DateTime) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(value.into_timestamp_secs(), 0).map(|dt| dt.date_naive())
}
