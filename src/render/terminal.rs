//! Terminal output: headline, date and `path:line` (and, dimmed, `show ID` to read the whole
//! article), then the snippet with highlighted terms.
//!
//! The only place with colour codes (via `anstyle`); with colour off the output is plain text
//! that reads the same, so it pipes cleanly.

use std::io::{self, Write};
use std::path::Path;

use anstyle::{AnsiColor, Style};

use super::safe::line;
use super::{Hit, display_path, thousands, wrapped};
use crate::search::ScoreParts;
use crate::search::rerank::{FEEDBACK_WEIGHT, HEADLINE_WEIGHT, PROXIMITY_WEIGHT};

const HEADLINE: Style = Style::new().bold();
const PATH: Style = AnsiColor::Magenta.on_default();
const LINE: Style = AnsiColor::Green.on_default();
const DATE: Style = AnsiColor::Cyan.on_default();
const MATCH: Style = AnsiColor::Red.on_default().bold();
const HINT: Style = Style::new().dimmed();

/// Writes the file of each hit once, in the order of the hits, one per line (`-l`), as the
/// hits show it; folded copies' files are left out (as they are of the hits).
pub fn write_paths(out: &mut impl Write, hits: &[Hit], cwd: Option<&Path>) -> io::Result<()> {
    let mut seen = std::collections::HashSet::new();
    for hit in hits {
        if seen.insert(&hit.path) {
            writeln!(
                out,
                "{}",
                line(&display_path(&hit.path, cwd).to_string_lossy())
            )?;
        }
    }
    Ok(())
}

/// Writes hits for a person to read; `color` turns ANSI styles on; with `width`, snippets wrap
/// to it and keep their indent.
pub fn write_hits(
    out: &mut impl Write,
    hits: &[Hit],
    cwd: Option<&Path>,
    color: bool,
    width: Option<usize>,
) -> io::Result<()> {
    let paint = |style: Style, text: &str| -> String {
        if color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    };
    for (i, hit) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let headline = if hit.headline.is_empty() {
            "(no headline)"
        } else {
            &hit.headline
        };
        writeln!(out, "{}", paint(HEADLINE, &line(headline)))?;
        let date = hit.date.map_or_else(
            || "no date".to_string(),
            |d| d.format("%Y-%m-%d").to_string(),
        );
        let path = line(&display_path(&hit.path, cwd).to_string_lossy()).into_owned();
        let copies = match hit.also_in.len() {
            0 => String::new(),
            1 => "  +1 copy".to_string(),
            n => format!("  +{n} copies"),
        };
        let hint = if hit.id.is_empty() {
            String::new()
        } else {
            format!("  {}", paint(HINT, &format!("show {}", line(&hit.id))))
        };
        writeln!(
            out,
            "{}  {}:{}{}{}",
            paint(DATE, &date),
            paint(PATH, &path),
            paint(LINE, &hit.line.to_string()),
            copies,
            hint
        )?;
        let mut snippet = String::new();
        let mut pos = 0;
        for &(start, end) in &hit.highlights {
            let (Some(before), Some(matched)) =
                (hit.snippet.get(pos..start), hit.snippet.get(start..end))
            else {
                continue;
            };
            snippet.push_str(&line(before));
            snippet.push_str(&paint(MATCH, &line(matched)));
            pos = end;
        }
        snippet.push_str(&line(hit.snippet.get(pos..).unwrap_or_default()));
        writeln!(out, "{}", wrapped(&snippet, "    ", width))?;
        if let Some(parts) = &hit.explain {
            write_score_parts(out, hit.score, parts)?;
        }
    }
    Ok(())
}

/// The `--explain` line under a hit: the sum its score is (for plain words), and the shown
/// passage's own score.
fn write_score_parts(out: &mut impl Write, score: f32, parts: &ScoreParts) -> io::Result<()> {
    match &parts.article {
        Some(a) => writeln!(
            out,
            "    score {score:.3} = bm25 {:.3} + {HEADLINE_WEIGHT} × headline {:.3} + {PROXIMITY_WEIGHT} × proximity {:.3} + {FEEDBACK_WEIGHT} × feedback {:.3}",
            a.bm25, a.headline, a.proximity, a.feedback
        )?,
        None => writeln!(out, "    score {score:.3} = bm25")?,
    }
    writeln!(out, "    passage {:.3}", parts.passage)
}

/// The closing line of terminal results: how many articles are shown of how many match
/// (`10 of 1,841 articles`); nothing when none are shown.
pub fn write_total(out: &mut impl Write, hits: &[Hit], matched: usize) -> io::Result<()> {
    let mut shown = 0;
    for (i, hit) in hits.iter().enumerate() {
        let repeat = i > 0 && hits[i - 1].id == hit.id && hits[i - 1].path == hit.path;
        if !repeat {
            shown += 1;
        }
    }
    if shown == 0 {
        return Ok(());
    }
    let noun = if matched == 1 { "article" } else { "articles" };
    writeln!(
        out,
        "\n{} of {} {noun}",
        thousands(shown),
        thousands(matched)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::path::PathBuf;

    fn hit() -> Hit {
        Hit {
            id: "abc".into(),
            path: PathBuf::from("/news/corpus/a.txt"),
            line: 13,
            ordinal: 0,
            date: NaiveDate::from_ymd_opt(2025, 5, 14),
            headline: "DeepSeek rises".into(),
            snippet: "US export controls bite".into(),
            highlights: vec![(3, 18)],
            score: 1.0,
            url: None,
            source: None,
            also_in: Vec::new(),
            explain: None,
        }
    }

    #[test]
    fn plain_output_without_colour() {
        let mut out = Vec::new();
        write_hits(&mut out, &[hit()], Some(Path::new("/news")), false, None).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "DeepSeek rises\n2025-05-14  corpus/a.txt:13  show abc\n    US export controls bite\n"
        );
    }

    #[test]
    fn results_end_with_how_many_of_how_many() {
        let mut out = Vec::new();
        let second = Hit { line: 20, ..hit() };
        write_total(&mut out, &[hit(), second], 1841).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "\n1 of 1,841 articles\n"
        );
        let mut out = Vec::new();
        write_total(&mut out, &[], 0).expect("write");
        assert!(out.is_empty());
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn copies_are_counted() {
        let mut h = hit();
        h.also_in = vec![
            crate::search::Copy {
                id: "x".into(),
                path: PathBuf::from("/b.txt"),
                line: 1,
            };
            2
        ];
        let mut out = Vec::new();
        write_hits(&mut out, &[h], Some(Path::new("/news")), false, None).expect("write");
        assert!(
            String::from_utf8(out)
                .expect("utf8")
                .contains("corpus/a.txt:13  +2 copies  show abc\n")
        );
    }

    #[test]
    fn colour_wraps_highlights() {
        let mut out = Vec::new();
        write_hits(&mut out, &[hit()], None, true, None).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        let styled = format!("{}export controls{}", MATCH.render(), MATCH.render_reset());
        assert!(text.contains(&styled), "{text:?}");
    }
}
