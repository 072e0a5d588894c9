//! The one-line summary of an `index` run, and its warnings, for stderr.
//!
//! The file counts add up: every file the run looked at was indexed, unchanged, skipped or
//! unreadable, and the line says how many of all were indexed (`from 28 of 31 files`).
//! Records skipped inside files that were read (CSV rows without text) are counted apart.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::safe::line;
use super::{plural, thousands};
use crate::ingest::IndexReport;

/// Writes warnings, errors, skipped files (with `verbose`) and the summary line.
pub fn write_report(out: &mut impl Write, report: &IndexReport, verbose: bool) -> io::Result<()> {
    for warning in &report.warnings {
        writeln!(out, "news-search: warning: {}", line(warning))?;
    }
    for (root, articles) in &report.vanished_roots {
        writeln!(
            out,
            "news-search: warning: {root} is gone; its {} searchable until `news-search index --forget {root}`",
            plural(*articles as usize, "article stays", "articles stay"),
            root = line(root)
        )?;
    }
    for error in &report.errors {
        writeln!(out, "news-search: error: {}", line(error))?;
    }
    if verbose {
        for (place, reason) in &report.skipped {
            writeln!(
                out,
                "news-search: skipped {}: {}",
                line(place),
                line(reason)
            )?;
        }
    }
    let seen = report.files_seen();
    let mut parts = Vec::new();
    if report.files_read == 0 {
        let prefix = if report.changed_nothing() {
            "nothing changed: "
        } else {
            ""
        };
        parts.push(format!(
            "{prefix}{} of {} unchanged",
            thousands(report.unchanged_files),
            plural(seen, "file", "files")
        ));
    } else {
        let mut read = format!(
            "indexed {} ({}) from {} of {}",
            plural(report.articles, "article", "articles"),
            plural(report.passages, "passage", "passages"),
            thousands(report.files_read),
            plural(seen, "file", "files"),
        );
        if report.changed_files > 0 {
            let mut kinds = Vec::new();
            if report.new_files > 0 {
                kinds.push(format!("{} new", thousands(report.new_files)));
            }
            kinds.push(format!("{} changed", thousands(report.changed_files)));
            read.push_str(&format!(" ({})", kinds.join(", ")));
        }
        parts.push(read);
        if report.unchanged_files > 0 {
            parts.push(format!("{} unchanged", thousands(report.unchanged_files)));
        }
    }
    let skipped = report.skipped_file_count();
    if skipped > 0 {
        parts.push(format!(
            "skipped {}: {}",
            thousands(skipped),
            reasons(&report.skipped_files)
        ));
    }
    if report.unreadable_files > 0 {
        parts.push(format!("{} unreadable", thousands(report.unreadable_files)));
    }
    let records = report.skipped_record_count();
    if records > 0 {
        parts.push(format!(
            "skipped {} in files read: {}",
            plural(records, "record", "records"),
            reasons(&report.skipped_records)
        ));
    }
    if report.removed_files > 0 {
        parts.push(format!(
            "removed {} ({})",
            plural(report.removed_files, "vanished file", "vanished files"),
            plural(report.removed_articles as usize, "article", "articles")
        ));
    }
    writeln!(out, "{}", parts.join("; "))?;
    if report.interrupted {
        writeln!(
            out,
            "news-search: interrupted; what was indexed is committed, run `news-search index` again to finish"
        )?;
    }
    Ok(())
}

/// Counts by reason: `2 empty file, 1 collection documentation`.
fn reasons(by_reason: &BTreeMap<String, usize>) -> String {
    let reasons: Vec<String> = by_reason
        .iter()
        .map(|(reason, n)| format!("{} {reason}", thousands(*n)))
        .collect();
    reasons.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(report: &IndexReport) -> String {
        let mut out = Vec::new();
        write_report(&mut out, report, false).expect("write");
        String::from_utf8(out).expect("utf8")
    }

    #[test]
    fn rerun_with_no_change_says_so() {
        let mut report = IndexReport {
            unchanged_files: 13,
            ..IndexReport::default()
        };
        report.skipped_files.insert("not an article".into(), 3);
        assert_eq!(
            written(&report),
            "nothing changed: 13 of 16 files unchanged; skipped 3: 3 not an article\n"
        );
    }

    #[test]
    fn incremental_run_lists_changes() {
        let report = IndexReport {
            files_read: 2,
            new_files: 1,
            changed_files: 1,
            articles: 2,
            passages: 5,
            removed_files: 1,
            removed_articles: 1,
            unchanged_files: 10,
            ..IndexReport::default()
        };
        assert_eq!(
            written(&report),
            "indexed 2 articles (5 passages) from 2 of 12 files (1 new, 1 changed); 10 unchanged; removed 1 vanished file (1 article)\n"
        );
    }

    #[test]
    fn file_counts_add_up_and_records_are_apart() {
        let mut report = IndexReport {
            files_read: 28,
            new_files: 28,
            articles: 1,
            passages: 1,
            unreadable_files: 1,
            ..IndexReport::default()
        };
        report.skipped_files.insert("empty file".into(), 2);
        report.skipped_records.insert("no text".into(), 9);
        assert_eq!(
            written(&report),
            "indexed 1 article (1 passage) from 28 of 31 files; skipped 2: 2 empty file; 1 unreadable; skipped 9 records in files read: 9 no text\n"
        );
    }

    #[test]
    fn a_vanished_folder_is_a_warning_that_says_how_to_forget_it() {
        let report = IndexReport {
            unchanged_files: 1,
            vanished_roots: vec![("/news/old".into(), 1200)],
            ..IndexReport::default()
        };
        let text = written(&report);
        assert!(
            text.starts_with("news-search: warning: /news/old is gone; its 1,200 articles stay searchable until `news-search index --forget /news/old`\n"),
            "{text}"
        );
    }
}
