//! The tantivy index: where it lives, its schema and format version, and writing articles.
//!
//! [`open_index`] opens an existing index for searching and says clearly when there is none or
//! when it was written by an incompatible version; [`create_or_open`] is the indexer's entry.
//! The schema is in [`schema`], writing in [`writer`].

pub mod doctor;
pub mod lookup;
pub mod manifest;
pub mod schema;
pub mod stats;
pub mod stem_cache;
pub mod text_column;
pub mod word_tokenizer;
pub mod writer;

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexReader, IndexSettings, ReloadPolicy, Searcher};

pub use schema::Fields;
pub use writer::IndexSink;

/// Version of the on-disk layout: bump when the schema or the meaning of a field changes.
pub const FORMAT_VERSION: u32 = 11;
/// File beside tantivy's own that records [`FORMAT_VERSION`].
pub const FORMAT_FILE: &str = "news-search-format";

/// Failures to open an index that a user must act on.
#[derive(Debug)]
pub enum IndexError {
    /// No index at this path.
    Missing(PathBuf),
    /// Another process holds the index's writer lock.
    Busy(PathBuf),
    /// The index was written by another format version.
    Incompatible {
        /// Where the index is.
        path: PathBuf,
        /// The version found on disk (`None` when unreadable).
        found: Option<u32>,
    },
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::Missing(path) => write!(
                f,
                "no index at {}; create one with `news-search --index {} index <FOLDER>`",
                path.display(),
                path.display()
            ),
            IndexError::Busy(path) => write!(
                f,
                "another `news-search index` run is writing the index at {}; wait for it to finish",
                path.display()
            ),
            IndexError::Incompatible { path, found } => {
                let found =
                    found.map_or("an unknown version".to_string(), |v| format!("version {v}"));
                write!(
                    f,
                    "the index at {} has format {found}, this news-search reads version {FORMAT_VERSION}; \
                     run `news-search --index {} index --rebuild` to rebuild it",
                    path.display(),
                    path.display()
                )
            }
        }
    }
}

impl std::error::Error for IndexError {}

/// Decompressed blocks of stored text a kept reader caches per segment (32 KB each, so at most
/// 32 MB a segment): a server reads the same articles again and again (the feedback articles of
/// common words, the hits of a page asked for twice), where a one-shot command reads each once.
pub const SERVED_STORE_BLOCKS: usize = 1024;

/// An opened index with its fields resolved and the analyzer registered.
pub struct NewsIndex {
    /// The tantivy index.
    pub index: Index,
    /// Handles to the schema's fields.
    pub fields: Fields,
    /// The directory that holds it.
    pub path: PathBuf,
    /// A reader kept open by a long-running process ([`NewsIndex::follow_commits`]).
    reader: Option<IndexReader>,
}

impl NewsIndex {
    /// A searcher over the last commit: the kept reader's after [`NewsIndex::follow_commits`],
    /// else a new reader's. Each command reads one commit and exits, so that reader never
    /// reloads: tantivy's default policy starts a thread that watches for new commits, which a
    /// one-shot command does not need.
    pub fn searcher(&self) -> Result<Searcher> {
        if let Some(reader) = &self.reader {
            return Ok(reader.searcher());
        }
        let reader: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .context("opening an index reader")?;
        Ok(reader.searcher())
    }

    /// Keeps one reader open for every later [`NewsIndex::searcher`], reloaded by tantivy
    /// shortly after each new commit (`news-search serve`): an `index` run's commits are
    /// searched without a restart, and no search pays for opening the segments.
    pub fn follow_commits(&mut self) -> Result<()> {
        let reader: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .doc_store_cache_num_blocks(SERVED_STORE_BLOCKS)
            .try_into()
            .context("opening an index reader")?;
        self.reader = Some(reader);
        Ok(())
    }
}

/// Opens an existing index for reading.
pub fn open_index(path: &Path) -> Result<NewsIndex> {
    if !path.join("meta.json").is_file() {
        return Err(IndexError::Missing(path.to_path_buf()).into());
    }
    check_format(path)?;
    let index =
        Index::open_in_dir(path).with_context(|| format!("opening index {}", path.display()))?;
    finish_open(index, path)
}

/// Opens the index at `path`, creating the folder and an empty index when there is none.
pub fn create_or_open(path: &Path) -> Result<NewsIndex> {
    if path.join("meta.json").is_file() {
        return open_index(path);
    }
    fs::create_dir_all(path)
        .with_context(|| format!("creating index folder {}", path.display()))?;
    // The format file first, so a run killed at any moment leaves no `meta.json` without it.
    write_format_file(path)?;
    let index = Index::builder()
        .schema(schema::build_schema())
        .settings(store_settings())
        .create_in_dir(path)
        .with_context(|| format!("creating index in {}", path.display()))?;
    finish_open(index, path)
}

/// Deletes an index's files (for `--rebuild` of an index that cannot be opened). Refuses a
/// folder that does not look like a news-search index (no format file, no `meta.json`), so a
/// wrong `--index` never deletes a user's files.
pub fn remove_index_files(path: &Path) -> Result<()> {
    if !path.join("meta.json").is_file() && !path.join(FORMAT_FILE).is_file() {
        anyhow::bail!(
            "{} does not look like a news-search index; not deleting it",
            path.display()
        );
    }
    fs::remove_dir_all(path)
        .with_context(|| format!("removing the old index at {}", path.display()))
}

/// How stored text is kept: zstd (level 1) in 32 KB blocks, which compress news text far
/// better than the default lz4. A search decompresses the block of each article it reads (the
/// feedback articles and those it shows): 32 KB blocks instead of 128 KB cut that from about
/// 3.8 to 2.2 ms per search at 250k articles, for an index 3% larger.
/// Level 1 instead of 5: on the real collections (128 KB blocks) the index grew from 0.61 to 0.64
/// of the source, and compression fell from a tenth of indexing CPU samples to about 3% (`perf`).
fn store_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        }),
        docstore_blocksize: 32 * 1024,
        ..IndexSettings::default()
    }
}

/// Whether the index at `path` has our schema and no document.
fn is_empty_news_index(path: &Path) -> bool {
    let Ok(index) = Index::open_in_dir(path) else {
        return false;
    };
    let ours = Fields::from_schema(&index.schema()).is_ok()
        && index.schema().num_fields() == schema::build_schema().num_fields();
    ours && index
        .searchable_segment_metas()
        .is_ok_and(|metas| metas.iter().all(|m| m.max_doc() == 0))
}

/// Registers the analyzer and resolves fields.
fn finish_open(index: Index, path: &Path) -> Result<NewsIndex> {
    schema::register_analyzer(&index);
    let fields = Fields::from_schema(&index.schema()).map_err(|_| IndexError::Incompatible {
        path: path.to_path_buf(),
        found: None,
    })?;
    Ok(NewsIndex {
        index,
        fields,
        path: path.to_path_buf(),
        reader: None,
    })
}

/// Writes the format file atomically (a temporary file renamed over it).
fn write_format_file(path: &Path) -> Result<()> {
    let file = path.join(FORMAT_FILE);
    let temporary = path.join(format!("{FORMAT_FILE}.tmp"));
    fs::write(&temporary, FORMAT_VERSION.to_string())
        .and_then(|()| fs::rename(&temporary, &file))
        .with_context(|| format!("writing {}", file.display()))
}

/// Fails with [`IndexError::Incompatible`] unless the index records our format version. An
/// index without a format file whose schema is ours and that holds no document is one whose
/// creation was stopped (by an older news-search, which wrote the file after `meta.json`): the
/// file is written and the index used.
fn check_format(path: &Path) -> Result<()> {
    let found = fs::read_to_string(path.join(FORMAT_FILE))
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok());
    if found.is_none() && !path.join(FORMAT_FILE).exists() && is_empty_news_index(path) {
        return write_format_file(path);
    }
    if found == Some(FORMAT_VERSION) {
        Ok(())
    } else {
        Err(IndexError::Incompatible {
            path: path.to_path_buf(),
            found,
        }
        .into())
    }
}
