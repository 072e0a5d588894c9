//! `news-search doctor`: checking an index's files and repairing what can be repaired.
//!
//! An index can be damaged outside news-search's control: a disk that fills, a bad sector, a
//! file edited or truncated by hand. [`check`] reads the format file, `meta.json` and every
//! segment: each file's checksum (tantivy writes a CRC in each file's footer) and whether the
//! segment opens. [`repair`] writes the format file when our schema lacks it, removes files no
//! commit uses (a stopped run's leftovers) and drops damaged segments from `meta.json`, so the
//! rest of the index opens again; the articles they held are indexed anew from their files by
//! the caller. Nothing here re-reads article files.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tantivy::directory::Directory;
use tantivy::index::SegmentMeta;
use tantivy::{Index, SegmentReader};

use super::{FORMAT_FILE, FORMAT_VERSION, Fields, schema};

/// A segment that cannot be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedSegment {
    /// Its id (the stem of its files).
    pub id: String,
    /// Documents it held (articles and bookkeeping).
    pub docs: u32,
    /// What is wrong.
    pub reason: String,
}

/// What [`check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checkup {
    /// The format file is missing or names another version (`Some(found)`; `None` inside
    /// when unreadable).
    pub format_problem: Option<Option<u32>>,
    /// `meta.json` cannot be read: nothing can be repaired, only rebuilt.
    pub meta_problem: Option<String>,
    /// Segments that cannot be read.
    pub damaged: Vec<DamagedSegment>,
    /// Segments in all, and documents in the readable ones.
    pub segments: usize,
    /// Files in the folder that no commit uses.
    pub leftovers: usize,
}

impl Checkup {
    /// Whether the index is sound. Leftover files do not count: they harm nothing, and the
    /// next writer removes them (a file a reader still had open when a run ended stays until
    /// then).
    pub fn healthy(&self) -> bool {
        self.format_problem.is_none() && self.meta_problem.is_none() && self.damaged.is_empty()
    }
}

/// Checks the index at `path` without writing anything.
pub fn check(path: &Path) -> Result<Checkup> {
    let mut checkup = Checkup::default();
    let found = std::fs::read_to_string(path.join(FORMAT_FILE))
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok());
    if found != Some(FORMAT_VERSION) {
        checkup.format_problem = Some(found);
    }
    let index = match Index::open_in_dir(path) {
        Ok(index) => index,
        Err(err) => {
            checkup.meta_problem = Some(err.to_string());
            return Ok(checkup);
        }
    };
    let metas = match index.load_metas() {
        Ok(metas) => metas,
        Err(err) => {
            checkup.meta_problem = Some(err.to_string());
            return Ok(checkup);
        }
    };
    checkup.segments = metas.segments.len();
    let bad_checksums: HashSet<PathBuf> = index.validate_checksum().unwrap_or_default();
    let mut bad_by_segment: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &bad_checksums {
        let name = file.to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap_or_default().to_string();
        bad_by_segment.entry(stem).or_default().push(name);
    }
    for meta in &metas.segments {
        let id = meta.id().uuid_string();
        let reason = match bad_by_segment.get(&id) {
            Some(files) => Some(format!("checksum mismatch in {}", files.join(", "))),
            None => opens(&index, meta).err(),
        };
        if let Some(reason) = reason {
            checkup.damaged.push(DamagedSegment {
                id,
                docs: meta.max_doc(),
                reason,
            });
        }
    }
    let live: HashSet<String> = metas
        .segments
        .iter()
        .map(|m| m.id().uuid_string())
        .collect();
    checkup.leftovers = index
        .directory()
        .list_managed_files()
        .iter()
        .filter(|file| {
            let name = file.to_string_lossy();
            let stem = name.split('.').next().unwrap_or_default();
            stem.len() == 32 && !live.contains(stem)
        })
        .count();
    Ok(checkup)
}

/// Whether a segment opens, with the reason when it does not (a missing or truncated file);
/// a panic inside tantivy counts as damage.
fn opens(index: &Index, meta: &SegmentMeta) -> Result<(), String> {
    let segment = index.segment(meta.clone());
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        SegmentReader::open(&segment).map(|_| ())
    })) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(err)) => Err(err.to_string()),
        Err(_) => Err("its files cannot be read".to_string()),
    }
}

/// What [`repair`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repair {
    /// The format file was written.
    pub format_written: bool,
    /// Segments dropped from `meta.json`, and the documents they held.
    pub dropped: usize,
    /// Documents in the dropped segments.
    pub dropped_docs: u64,
}

/// Repairs what [`check`] found: the format file (when the schema is ours), damaged segments
/// dropped from `meta.json`. Leftover files are removed by the next writer
/// ([`super::IndexSink::new`]). Fails when `meta.json` cannot be read.
pub fn repair(path: &Path, checkup: &Checkup) -> Result<Repair> {
    let mut done = Repair::default();
    if let Some(problem) = &checkup.meta_problem {
        anyhow::bail!(
            "meta.json of the index at {} cannot be read ({problem}): only a rebuild helps: \
             `news-search --index {} index --rebuild FOLDER`",
            path.display(),
            path.display()
        );
    }
    let index = Index::open_in_dir(path).context("opening the index to repair it")?;
    if checkup.format_problem.is_some() {
        let ours = Fields::from_schema(&index.schema()).is_ok()
            && index.schema().num_fields() == schema::build_schema().num_fields();
        if ours {
            std::fs::write(path.join(FORMAT_FILE), FORMAT_VERSION.to_string())
                .context("writing the format file")?;
            done.format_written = true;
        }
    }
    if !checkup.damaged.is_empty() {
        let damaged: HashSet<&str> = checkup.damaged.iter().map(|d| d.id.as_str()).collect();
        let mut metas = index.load_metas().context("reading meta.json")?;
        let before = metas.segments.len();
        metas.segments.retain(|meta| {
            let drop = damaged.contains(meta.id().uuid_string().as_str());
            if drop {
                done.dropped_docs += u64::from(meta.max_doc());
            }
            !drop
        });
        done.dropped = before - metas.segments.len();
        let bytes = serde_json::to_vec_pretty(&metas).context("writing meta.json")?;
        index
            .directory()
            .atomic_write(Path::new("meta.json"), &bytes)
            .context("writing meta.json")?;
    }
    Ok(done)
}
