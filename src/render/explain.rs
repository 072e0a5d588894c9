//! `--explain` output, printed before the results: the query as understood, the resolved date
//! window and the order of the hits.
//!
//! For a terminal, three `label: value` lines and a blank line. With `--json`, one first line
//! `{"explain": {"query", "mode", "words", "required", "read", "since", "until", "sort"}}`,
//! where `mode` is `words`, `syntax` or `browse`, `words`/`required` are null unless `mode` is
//! `words`, `read` (each clause described) is null unless it is `syntax`, and `since`/`until`
//! are `YYYY-MM-DD` or null for an open side.

use std::io::{self, Write};

use serde::Serialize;

use super::json_line;
use super::safe::line;
use crate::search::Sort;
use crate::search::explain::{Explanation, Understood};

/// Writes the explanation for a person.
pub fn write_text(out: &mut impl Write, explanation: &Explanation) -> io::Result<()> {
    let query = match &explanation.understood {
        Understood::Words { words, required } => {
            let need = if *required == words.len() {
                format!("all {required} required in an article")
            } else {
                format!("{required} of {} required in an article", words.len())
            };
            format!("words {} ({need})", words.join(", "))
        }
        Understood::Syntax(parts) => format!("{} (query syntax)", parts.join("; ")),
        Understood::Browse => "no words: every article in the date window".to_string(),
    };
    writeln!(out, "query: {}", line(&query))?;
    writeln!(out, "dates: {}", explanation.window)?;
    let order = match explanation.sort {
        Sort::Relevance => "relevance",
        Sort::Newest => "newest first",
        Sort::Oldest => "oldest first",
    };
    writeln!(out, "order: {order}")?;
    writeln!(out)
}

/// The line's one key.
#[derive(Serialize)]
struct JsonLine<'a> {
    explain: JsonExplanation<'a>,
}

/// The serialized explanation.
#[derive(Serialize)]
struct JsonExplanation<'a> {
    query: &'a str,
    mode: &'static str,
    words: Option<&'a [String]>,
    required: Option<usize>,
    read: Option<&'a [String]>,
    since: Option<String>,
    until: Option<String>,
    sort: &'static str,
}

/// Writes the explanation as one JSON line.
pub fn write_json(out: &mut impl Write, explanation: &Explanation) -> io::Result<()> {
    let (mode, words, required, read) = match &explanation.understood {
        Understood::Words { words, required } => {
            ("words", Some(words.as_slice()), Some(*required), None)
        }
        Understood::Syntax(parts) => ("syntax", None, None, Some(parts.as_slice())),
        Understood::Browse => ("browse", None, None, None),
    };
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let json = JsonExplanation {
        query: &explanation.text,
        mode,
        words,
        required,
        read,
        since: day(explanation.window.since),
        until: day(explanation.window.until),
        sort: explanation.sort.name(),
    };
    json_line(out, &JsonLine { explain: json })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::period::DateWindow;
    use chrono::NaiveDate;

    fn explanation(understood: Understood) -> Explanation {
        Explanation {
            text: "export controls".into(),
            understood,
            window: DateWindow {
                since: NaiveDate::from_ymd_opt(2025, 3, 1),
                until: NaiveDate::from_ymd_opt(2025, 5, 31),
            },
            sort: Sort::Newest,
        }
    }

    #[test]
    fn text_lists_words_window_and_order() {
        let mut out = Vec::new();
        let words = Understood::Words {
            words: vec!["export".into(), "control".into()],
            required: 2,
        };
        write_text(&mut out, &explanation(words)).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "query: words export, control (all 2 required in an article)\n\
             dates: 2025-03-01 ..= 2025-05-31\n\
             order: newest first\n\n"
        );
    }

    #[test]
    fn open_windows() {
        let d = NaiveDate::from_ymd_opt(2025, 5, 31);
        assert_eq!(DateWindow::default().to_string(), "any date");
        let until = DateWindow {
            since: None,
            until: d,
        };
        assert_eq!(until.to_string(), "..= 2025-05-31");
        let since = DateWindow {
            since: d,
            until: None,
        };
        assert_eq!(since.to_string(), "2025-05-31 ..");
    }

    #[test]
    fn json_is_one_object() {
        let mut out = Vec::new();
        write_json(&mut out, &explanation(Understood::Browse)).expect("write");
        let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(v["explain"]["mode"], "browse");
        assert_eq!(v["explain"]["since"], "2025-03-01");
        assert_eq!(v["explain"]["words"], serde_json::Value::Null);
        assert_eq!(v["explain"]["sort"], "newest");
    }
}
