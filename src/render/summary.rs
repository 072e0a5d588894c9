//! The one-line summary of an `index` run, and its warnings, for stderr.

use std::io::{self, Write};

use crate::ingest::IndexReport;

/// Writes warnings, errors, skipped files (with `verbose`) and the summary line.
pub fn write_report(out: &mut impl Write, report: &IndexReport, verbose: bool) -> io::Result<()> {
    for warning in &report.warnings {
        writeln!(out, "news-search: warning: {warning}")?;
    }
    for error in &report.errors {
        writeln!(out, "news-search: error: {error}")?;
    }
    if verbose {
        for (place, reason) in &report.skipped {
            writeln!(out, "news-search: skipped {place}: {reason}")?;
        }
    }
    let mut parts = Vec::new();
    if report.changed_nothing() {
        parts.push(format!(
            "nothing changed: {} files unchanged",
            report.unchanged_files
        ));
    } else {
        let mut read = format!(
            "indexed {} articles ({} passages) from {} files",
            report.articles, report.passages, report.files_read
        );
        if report.changed_files > 0 {
            read.push_str(&format!(
                " ({} new, {} changed)",
                report.new_files, report.changed_files
            ));
        }
        parts.push(read);
        if report.removed_files > 0 {
            parts.push(format!(
                "removed {} vanished files ({} articles)",
                report.removed_files, report.removed_articles
            ));
        }
        if report.unchanged_files > 0 {
            parts.push(format!("{} files unchanged", report.unchanged_files));
        }
    }
    write!(out, "{}", parts.join("; "))?;
    let skipped = report.skipped_count();
    if skipped > 0 {
        let reasons: Vec<String> = report
            .skipped_by_reason
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect();
        write!(out, "; skipped {skipped}: {}", reasons.join(", "))?;
    }
    if !report.errors.is_empty() {
        write!(out, "; {} unreadable", report.errors.len())?;
    }
    writeln!(out)?;
    if report.interrupted {
        writeln!(
            out,
            "news-search: interrupted; what was indexed is committed, run `news-search index` again to finish"
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rerun_with_no_change_says_so() {
        let report = IndexReport {
            unchanged_files: 13,
            ..IndexReport::default()
        };
        let mut out = Vec::new();
        write_report(&mut out, &report, false).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "nothing changed: 13 files unchanged\n"
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
        let mut out = Vec::new();
        write_report(&mut out, &report, false).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "indexed 2 articles (5 passages) from 2 files (1 new, 1 changed); removed 1 vanished files (1 articles); 10 files unchanged\n"
        );
    }

    #[test]
    fn summary_line_counts_and_reasons() {
        let mut report = IndexReport {
            files_read: 3,
            articles: 2,
            passages: 7,
            ..IndexReport::default()
        };
        report.skipped_by_reason.insert("empty file".into(), 1);
        report.skipped.push(("a.txt".into(), "empty file".into()));
        let mut out = Vec::new();
        write_report(&mut out, &report, false).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "indexed 2 articles (7 passages) from 3 files; skipped 1: 1 empty file\n"
        );
    }
}
