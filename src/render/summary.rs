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
    write!(
        out,
        "indexed {} articles ({} passages) from {} files",
        report.articles, report.passages, report.files_read
    )?;
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
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
