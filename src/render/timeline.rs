//! `--timeline` output: a bar per bucket for a terminal, or one JSON object per bucket.
//!
//! Terminal: the bucket's label (`2025-05-14`, `2025-W20`, `2025-05`, `2025`), its count, a bar
//! scaled so the peak fills the width given, and `◀ peak` beside the largest bucket(s); then a
//! line with the undated articles, if any, and the total. JSON Lines: `{"start", "end", "label",
//! "count"}` per bucket in date order, then, only when some matching articles have no date,
//! one last object `{"start": null, "end": null, "label": "undated", "count": N}`.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use super::json_line;
use crate::search::timeline::Timeline;

const BAR: Style = AnsiColor::Cyan.on_default();
const PEAK: Style = AnsiColor::Yellow.on_default().bold();
const DIM: Style = Style::new().dimmed();

/// Eighths of a block, for the end of a bar.
const PARTIAL: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// Writes the histogram; the peak's bar is `width` columns long.
pub fn write_text(
    out: &mut impl Write,
    timeline: &Timeline,
    width: usize,
    color: bool,
) -> io::Result<()> {
    let paint = |style: Style, text: &str| -> String {
        if color && !text.is_empty() {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    };
    let peak = timeline.peak();
    let count_width = timeline
        .buckets
        .iter()
        .map(|b| b.count)
        .chain([timeline.undated])
        .max()
        .unwrap_or(0)
        .to_string()
        .len();
    let label_width = timeline
        .buckets
        .first()
        .map_or(0, |b| timeline.unit.label(b.start).len());
    for bucket in &timeline.buckets {
        let bar = bar(bucket.count, peak, width.max(1));
        let mark = if bucket.count == peak && peak > 0 {
            format!(" {}", paint(PEAK, "◀ peak"))
        } else {
            String::new()
        };
        let line = format!(
            "{:<label_width$}  {:>count_width$}  {}{mark}",
            timeline.unit.label(bucket.start),
            bucket.count,
            paint(BAR, &bar),
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    if timeline.undated > 0 {
        writeln!(
            out,
            "{:<label_width$}  {:>count_width$}  {}",
            "",
            timeline.undated,
            paint(DIM, "undated")
        )?;
    }
    let total = timeline.total();
    let noun = if total == 1 { "article" } else { "articles" };
    writeln!(
        out,
        "{}",
        paint(
            DIM,
            &format!(
                "{total} matching {noun}, by {}, peak {peak}",
                timeline.unit.name()
            )
        )
    )
}

/// A bar of `count` against `peak` drawn `width` columns at most, in eighths of a column; a
/// non-zero count always shows at least a sliver.
fn bar(count: usize, peak: usize, width: usize) -> String {
    if count == 0 || peak == 0 {
        return String::new();
    }
    let eighths = ((count * width * 8 + peak / 2) / peak).max(1);
    let mut bar = "█".repeat(eighths / 8);
    bar.push_str(PARTIAL[eighths % 8]);
    bar
}

/// The serialized form of a bucket.
#[derive(Serialize)]
struct JsonBucket {
    start: Option<String>,
    end: Option<String>,
    label: String,
    count: usize,
}

/// Writes one JSON object per bucket, then the undated count when there is one.
pub fn write_json(out: &mut impl Write, timeline: &Timeline) -> io::Result<()> {
    let day = |d: chrono::NaiveDate| Some(d.format("%Y-%m-%d").to_string());
    let mut rows: Vec<JsonBucket> = timeline
        .buckets
        .iter()
        .map(|b| JsonBucket {
            start: day(b.start),
            end: day(b.end),
            label: timeline.unit.label(b.start),
            count: b.count,
        })
        .collect();
    if timeline.undated > 0 {
        rows.push(JsonBucket {
            start: None,
            end: None,
            label: "undated".to_string(),
            count: timeline.undated,
        });
    }
    for row in rows {
        json_line(out, &row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::timeline::{Unit, bucket_dates};
    use chrono::NaiveDate;

    fn sample() -> Timeline {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let mut dates = vec![d(2025, 3, 2); 4];
        dates.extend([d(2025, 5, 14), d(2025, 5, 15), None]);
        bucket_dates(&dates, Some(Unit::Month))
    }

    #[test]
    fn bars_scale_to_the_peak_and_the_peak_is_marked() {
        let mut out = Vec::new();
        write_text(&mut out, &sample(), 8, false).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "2025-03  4  ████████ ◀ peak\n\
             2025-04  0\n\
             2025-05  2  ████\n\
             \x20        1  undated\n\
             7 matching articles, by month, peak 4\n"
        );
    }

    #[test]
    fn small_counts_show_a_sliver() {
        assert_eq!(bar(1, 1000, 50), "▏");
        assert_eq!(bar(1, 2, 3), "█▌");
        assert_eq!(bar(0, 5, 50), "");
    }

    #[test]
    fn colour_only_when_asked() {
        let mut out = Vec::new();
        write_text(&mut out, &sample(), 8, true).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        assert!(text.contains(&PEAK.render().to_string()), "{text:?}");
        let mut plain = Vec::new();
        write_text(&mut plain, &sample(), 8, false).expect("write");
        assert!(!String::from_utf8(plain).expect("utf8").contains('\x1b'));
    }

    #[test]
    fn json_buckets_then_undated() {
        let mut out = Vec::new();
        write_json(&mut out, &sample()).expect("write");
        let rows: Vec<serde_json::Value> = String::from_utf8(out)
            .expect("utf8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0]["start"], "2025-03-01");
        assert_eq!(rows[0]["end"], "2025-03-31");
        assert_eq!(rows[0]["label"], "2025-03");
        assert_eq!(rows[0]["count"], 4);
        assert_eq!(rows[1]["count"], 0);
        assert_eq!(rows[3]["label"], "undated");
        assert_eq!(rows[3]["start"], serde_json::Value::Null);
        assert_eq!(rows[3]["count"], 1);
    }
}
