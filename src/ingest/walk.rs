//! Finding the files under the paths a user names.
//!
//! Folders are walked recursively in a stable order (by name); hidden files and folders (names
//! starting with `.`) are skipped unless named directly, and so are news-search index folders. Files that are collection documentation
//! (`README`, `LICENSE`, `PROVENANCE`) are not articles. Whether a file's *format* is read is
//! decided later, by [`crate::article::format`].

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::index::FORMAT_FILE;

/// A file found, or a path that could not be walked.
#[derive(Debug)]
pub enum Found {
    /// A regular file to consider.
    File(PathBuf),
    /// A path that is not walked, and why: a FIFO, socket or device (reading one could block
    /// for ever), or a symbolic link out of the indexed folder.
    Skipped(PathBuf, String),
    /// A path that could not be read (missing, permission denied), with the reason.
    Error(PathBuf, String),
}

/// Lists every file under `roots`, recursively, in name order. Symbolic links are followed
/// only to files and folders inside the root they are found in (those are walked anyway, so
/// such a link adds nothing) unless `follow_links`; a link out of the root is skipped with a
/// reason, so a `corpus/passwd.txt -> /etc/passwd` is never read.
pub fn walk_files(roots: &[PathBuf], follow_links: bool) -> Vec<Found> {
    let mut found = Vec::new();
    for root in roots {
        if !root.exists() {
            found.push(Found::Error(
                root.clone(),
                "no such file or folder".to_string(),
            ));
            continue;
        }
        let inside = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        let walker = WalkDir::new(root)
            .follow_links(follow_links)
            .follow_root_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| (e.depth() == 0 || !is_hidden(e.file_name())) && !is_news_index(e));
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    found.push(Found::File(entry.into_path()));
                }
                Ok(entry) if entry.file_type().is_dir() => {}
                Ok(entry) if entry.path_is_symlink() && entry.depth() > 0 => {
                    if let Some(skip) = outside_link(entry.path(), &inside) {
                        found.push(skip);
                    }
                }
                Ok(entry) => found.push(Found::Skipped(
                    entry.path().to_path_buf(),
                    format!("not a regular file ({})", special_kind(&entry.file_type())),
                )),
                Err(err) => {
                    let path = err.path().map_or_else(|| root.clone(), Path::to_path_buf);
                    let reason = err
                        .io_error()
                        .map_or_else(|| err.to_string(), |e| e.to_string().to_lowercase());
                    found.push(Found::Error(path, reason));
                }
            }
        }
    }
    found
}

/// What to report of a symbolic link that is not followed: nothing when it points inside
/// the root (its target is walked itself), a skip when it points out of it, an error when it
/// points nowhere.
fn outside_link(link: &Path, inside: &Path) -> Option<Found> {
    match std::fs::canonicalize(link) {
        Ok(target) if target.starts_with(inside) => None,
        Ok(target) => Some(Found::Skipped(
            link.to_path_buf(),
            format!(
                "symbolic link out of the indexed folder (to {}); index that folder, or use --follow-links",
                target.display()
            ),
        )),
        Err(_) => Some(Found::Error(
            link.to_path_buf(),
            "broken symbolic link".to_string(),
        )),
    }
}

/// What kind of special file a file type is.
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    let _ = file_type;
    "not a file or folder"
}

/// Whether a file is a collection's own documentation rather than an article.
pub fn is_documentation(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_ascii_uppercase();
    [
        "README",
        "LICENSE",
        "LICENCE",
        "PROVENANCE",
        "CHANGELOG",
        "COPYING",
    ]
    .iter()
    .any(|name| stem == *name)
}

/// Whether an entry is a news-search index folder (it holds [`FORMAT_FILE`], or tantivy's
/// `meta.json` and `.managed.json`): an index kept inside the folder it indexes must not index
/// its own files.
fn is_news_index(entry: &walkdir::DirEntry) -> bool {
    let dir = entry.path();
    entry.file_type().is_dir()
        && (dir.join(FORMAT_FILE).is_file()
            || (dir.join("meta.json").is_file() && dir.join(".managed.json").is_file()))
}

/// Names starting with a dot.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_recursively_in_order_skipping_hidden() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("b/.git")).expect("mkdir");
        fs::write(dir.path().join("b/2.txt"), "x").expect("write");
        fs::write(dir.path().join("b/.git/config"), "x").expect("write");
        fs::write(dir.path().join("a.txt"), "x").expect("write");
        fs::write(dir.path().join(".hidden.txt"), "x").expect("write");
        let files: Vec<PathBuf> = walk_files(&[dir.path().to_path_buf()], false)
            .into_iter()
            .filter_map(|f| match f {
                Found::File(p) => Some(
                    p.strip_prefix(dir.path())
                        .expect("under root")
                        .to_path_buf(),
                ),
                Found::Error(..) | Found::Skipped(..) => None,
            })
            .collect();
        assert_eq!(
            files,
            vec![PathBuf::from("a.txt"), PathBuf::from("b/2.txt")]
        );
    }

    #[test]
    fn index_folders_are_not_walked() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("index")).expect("mkdir");
        fs::write(dir.path().join("index").join(FORMAT_FILE), "8").expect("write");
        fs::write(dir.path().join("index/meta.json"), "{}").expect("write");
        fs::write(dir.path().join("a.txt"), "x").expect("write");
        let found = walk_files(&[dir.path().to_path_buf()], false);
        assert!(
            matches!(&found[..], [Found::File(p)] if p.ends_with("a.txt")),
            "{found:?}"
        );
    }

    #[test]
    fn missing_root_is_an_error() {
        let found = walk_files(&[PathBuf::from("/no/such/news/folder")], false);
        assert!(matches!(&found[..], [Found::Error(_, reason)] if reason.contains("no such")));
    }

    #[test]
    fn documentation_files() {
        assert!(is_documentation(Path::new("bbc/README.TXT")));
        assert!(is_documentation(Path::new("x/PROVENANCE.md")));
        assert!(!is_documentation(Path::new("x/001.txt")));
    }
}
