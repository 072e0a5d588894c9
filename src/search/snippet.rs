//! Snippets: the excerpt of a passage that shows why it matched.
//!
//! tantivy's `SnippetGenerator` cuts fixed character windows and ignores sentences, phrases and
//! excluded terms, so the choice is made here. The passage is analyzed with the index's own
//! analyzer, so every inflection of a query term matches (`controls` for `control`). The snippet
//! is the run of whole sentences, at most [`MAX_SNIPPET_CHARS`] long, that holds the most
//! distinct query terms (weighted by rarity); a sentence too long to fit is cut at word
//! boundaries around its densest cluster of matches. `…` marks every cut. Highlights are byte
//! ranges into the returned text; adjacent highlighted words (a phrase) form one range.

use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;

use super::query::Highlight;
use crate::article::sentence::sentence_spans;

/// Longest snippet, in characters, before `…` marks.
pub const MAX_SNIPPET_CHARS: usize = 300;

/// An excerpt of a passage with the byte ranges to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// Plain text, white space collapsed, `…` where text was cut.
    pub text: String,
    /// Byte ranges of `text` to highlight, in order, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

/// A query term found in the passage.
#[derive(Debug, Clone)]
struct Match {
    range: Range<usize>,
    term: String,
    weight: f32,
}

/// Chooses and highlights the best excerpt of `text` for the query.
pub fn make_snippet(text: &str, analyzer: &mut TextAnalyzer, highlight: &Highlight) -> Snippet {
    let matches = find_matches(text, analyzer, highlight);
    let window = choose_window(text, &matches);
    render_window(text, window, &matches)
}

/// Byte ranges of the whole of `text` that the query highlights (every occurrence, as in a
/// snippet), in order; ranges with only white space between them (a phrase) form one.
pub fn mark_terms(
    text: &str,
    analyzer: &mut TextAnalyzer,
    highlight: &Highlight,
) -> Vec<(usize, usize)> {
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for m in find_matches(text, analyzer, highlight) {
        match marks.last_mut() {
            Some(last) if text[last.1..m.range.start].trim().is_empty() => last.1 = m.range.end,
            _ => marks.push((m.range.start, m.range.end)),
        }
    }
    marks
}

/// Every token of `text` that a query term or phrase highlights.
fn find_matches(text: &str, analyzer: &mut TextAnalyzer, highlight: &Highlight) -> Vec<Match> {
    let mut tokens: Vec<(Range<usize>, String)> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        tokens.push((token.offset_from..token.offset_to, token.text.clone()));
    }
    let mut marked = vec![false; tokens.len()];
    for (i, (_, word)) in tokens.iter().enumerate() {
        if highlight.single.contains(word) {
            marked[i] = true;
        }
    }
    for phrase in &highlight.phrases {
        if phrase.is_empty() || phrase.len() > tokens.len() {
            continue;
        }
        for start in 0..=tokens.len() - phrase.len() {
            let hit = phrase
                .iter()
                .zip(&tokens[start..])
                .all(|(want, (_, got))| want == got);
            if hit {
                marked[start..start + phrase.len()].fill(true);
            }
        }
    }
    tokens
        .into_iter()
        .zip(marked)
        .filter(|(_, m)| *m)
        .map(|((range, term), _)| {
            let weight = highlight.terms.get(&term).copied().unwrap_or(1.0);
            Match {
                range,
                term,
                weight,
            }
        })
        .collect()
}

/// The byte range of `text` to show: whole sentences when they fit, else a cut inside one.
fn choose_window(text: &str, matches: &[Match]) -> Range<usize> {
    let sentences = sentence_spans(text);
    if sentences.is_empty() {
        return 0..0;
    }
    let mut best: Option<(f32, Range<usize>)> = None;
    for i in 0..sentences.len() {
        let mut end = i;
        while end + 1 < sentences.len() && fits(text, sentences[i].start..sentences[end + 1].end) {
            end += 1;
        }
        let range = sentences[i].start..sentences[end].end;
        let score = coverage(matches, &range);
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, range));
        }
    }
    let Some((_, range)) = best else {
        return 0..0;
    };
    if fits(text, range.clone()) {
        return range;
    }
    cut_inside(text, range, matches)
}

/// The matches that start inside `range`, found by binary search: matches are in text order,
/// so scoring a window costs the matches in it, not all of the passage's (a passage of 4 MB
/// holds 300,000 matches of a common word).
fn inside<'m>(matches: &'m [Match], range: &Range<usize>) -> &'m [Match] {
    let from = matches.partition_point(|m| m.range.start < range.start);
    let to = matches.partition_point(|m| m.range.start < range.end);
    &matches[from..to.max(from)]
}

/// Distinct query terms this close (in bytes) count as sitting together.
const CLOSE_BYTES: usize = 40;

/// Score of a window: weight of the distinct terms it holds, a little per extra occurrence,
/// and a bonus for each pair of different terms that sit close together, so that a region
/// where the query's words meet beats one where they are scattered.
fn coverage(matches: &[Match], range: &Range<usize>) -> f32 {
    let inside: Vec<&Match> = inside(matches, range)
        .iter()
        .filter(|m| m.range.end <= range.end)
        .collect();
    let mut seen: Vec<&str> = Vec::new();
    let mut score = 0.0;
    for m in &inside {
        if seen.contains(&m.term.as_str()) {
            score += 0.1 * m.weight;
        } else {
            seen.push(&m.term);
            score += m.weight;
        }
    }
    for pair in inside.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.term != b.term && b.range.start.saturating_sub(a.range.end) <= CLOSE_BYTES {
            score += 0.3 * a.weight.min(b.weight);
        }
    }
    score
}

/// A window of at most [`MAX_SNIPPET_CHARS`] inside `range`, around its densest matches, with
/// both ends on word boundaries.
fn cut_inside(text: &str, range: Range<usize>, matches: &[Match]) -> Range<usize> {
    let lead_chars = MAX_SNIPPET_CHARS / 5;
    let mut anchors: Vec<usize> = inside(matches, &range)
        .iter()
        .filter(|m| m.range.end <= range.end)
        .map(|m| m.range.start)
        .collect();
    if anchors.is_empty() {
        anchors.push(range.start);
    }
    let mut best: Option<(f32, Range<usize>)> = None;
    for anchor in anchors {
        let start = back_chars(text, anchor, lead_chars).max(range.start);
        let end = forward_chars(text, start, MAX_SNIPPET_CHARS).min(range.end);
        let candidate = snap_to_words(text, start..end, &range);
        let score = coverage(matches, &candidate);
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, candidate));
        }
    }
    best.map_or(range, |(_, r)| r)
}

/// Moves a window's start forward and end backward to word boundaries, unless they already sit
/// on the edges of `outer`.
fn snap_to_words(text: &str, window: Range<usize>, outer: &Range<usize>) -> Range<usize> {
    let mut start = window.start;
    if start > outer.start && !is_boundary(text, start) {
        start = text[start..window.end]
            .find(char::is_whitespace)
            .map_or(start, |i| start + i);
    }
    while start < window.end && text[start..].starts_with(char::is_whitespace) {
        start += text[start..].chars().next().map_or(1, char::len_utf8);
    }
    let mut end = window.end;
    if end < outer.end && !is_boundary(text, end) {
        end = text[start..end]
            .rfind(char::is_whitespace)
            .map_or(end, |i| start + i);
    }
    let trimmed = text[start..end].trim_end();
    start..start + trimmed.len()
}

/// Whether a byte position falls between a word and white space (or at the text's ends).
fn is_boundary(text: &str, pos: usize) -> bool {
    let before = text[..pos].chars().next_back();
    let after = text[pos..].chars().next();
    match (before, after) {
        (None, _) | (_, None) => true,
        (Some(b), Some(a)) => b.is_whitespace() || a.is_whitespace(),
    }
}

/// Whether a byte range holds at most [`MAX_SNIPPET_CHARS`] characters, without counting the
/// characters of a range too many bytes long to fit (a character is at most 4 bytes).
fn fits(text: &str, range: Range<usize>) -> bool {
    range.len() <= MAX_SNIPPET_CHARS
        || (range.len() <= 4 * MAX_SNIPPET_CHARS && chars_in(text, range) <= MAX_SNIPPET_CHARS)
}

/// Number of characters in a byte range.
fn chars_in(text: &str, range: Range<usize>) -> usize {
    text[range].chars().count()
}

/// The byte position `n` characters before `pos` (or 0).
fn back_chars(text: &str, pos: usize, n: usize) -> usize {
    text[..pos]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte position `n` characters after `pos` (or the end).
fn forward_chars(text: &str, pos: usize, n: usize) -> usize {
    text[pos..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| pos + i)
}

/// Builds the snippet text for a window: white space collapsed, `…` at cuts, highlights mapped
/// into the new text and merged when only white space separates them.
fn render_window(text: &str, window: Range<usize>, matches: &[Match]) -> Snippet {
    let mut out = String::new();
    let mut highlights: Vec<(usize, usize)> = Vec::new();
    if window.start > 0 && !text[..window.start].trim().is_empty() {
        out.push('…');
    }
    let inside: Vec<&Match> = matches
        .iter()
        .filter(|m| m.range.start >= window.start && m.range.end <= window.end)
        .collect();
    let mut next_match = 0;
    let mut pending_space = false;
    let mut pos = window.start;
    while pos < window.end {
        if let Some(m) = inside.get(next_match)
            && m.range.start == pos
        {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            let start = out.len();
            out.push_str(&text[m.range.clone()]);
            match highlights.last_mut() {
                Some(last) if last.1 + 1 == start && out.as_bytes()[last.1] == b' ' => {
                    last.1 = out.len()
                }
                Some(last) if last.1 == start => last.1 = out.len(),
                _ => highlights.push((start, out.len())),
            }
            pos = m.range.end;
            next_match += 1;
            continue;
        }
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty() && !out.ends_with('…');
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
        pos += c.len_utf8();
    }
    if window.end < text.len() && !text[window.end..].trim().is_empty() {
        out.push('…');
    }
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::news_analyzer;

    fn highlight(words: &[&str]) -> Highlight {
        let mut analyzer = news_analyzer();
        let mut h = Highlight::default();
        for word in words {
            let mut stream = analyzer.token_stream(word);
            while stream.advance() {
                let term = stream.token().text.clone();
                h.terms.insert(term.clone(), 1.0);
                h.single.insert(term);
            }
        }
        h
    }

    fn snippet(text: &str, words: &[&str]) -> Snippet {
        make_snippet(text, &mut news_analyzer(), &highlight(words))
    }

    fn highlighted(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect()
    }

    #[test]
    fn whole_text_marks_every_occurrence_and_joins_neighbours() {
        let text = "Export controls widened.  Controls on exports of chips, and more exports.";
        let marks = mark_terms(
            text,
            &mut news_analyzer(),
            &highlight(&["export", "control"]),
        );
        let marked: Vec<&str> = marks.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(
            marked,
            ["Export controls", "Controls", "exports", "exports"]
        );
    }

    #[test]
    fn short_passage_is_shown_whole_with_inflections_highlighted() {
        let s = snippet(
            "The US tightened export controls.\nChina exported more.",
            &["export", "control"],
        );
        assert_eq!(
            s.text,
            "The US tightened export controls. China exported more."
        );
        assert_eq!(highlighted(&s), vec!["export controls", "exported"]);
    }

    #[test]
    fn picks_the_sentences_with_most_distinct_terms() {
        let filler = "Nothing of note happened in the long afternoon session at all. ".repeat(6);
        let text = format!(
            "{filler}Officials defended export rules. {filler}The export controls were widened. {filler}"
        );
        let s = snippet(&text, &["export", "controls"]);
        assert!(
            s.text.contains("The export controls were widened."),
            "{}",
            s.text
        );
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert!(s.text.chars().count() <= MAX_SNIPPET_CHARS + 2);
    }

    #[test]
    fn prefers_the_region_where_distinct_terms_sit_together() {
        let filler = "Nothing of note happened in the long afternoon session at all. ".repeat(5);
        let text = format!(
            "{filler}The export figures rose sharply in the third quarter. Officials met to discuss \
             the matter at length. The controls were debated. {filler}\
             Yesterday the new export controls took effect. {filler}"
        );
        let s = snippet(&text, &["export", "controls"]);
        assert!(
            s.text.contains("the new export controls took effect"),
            "{}",
            s.text
        );
    }

    #[test]
    fn long_sentence_is_cut_at_word_boundaries() {
        let words = "alpha beta gamma delta ".repeat(40);
        let text = format!("{words} semiconductor {words}");
        let s = snippet(&text, &["semiconductor"]);
        assert_eq!(highlighted(&s), vec!["semiconductor"]);
        let inner = s.text.trim_matches('…');
        for word in inner.split(' ') {
            assert!(
                ["alpha", "beta", "gamma", "delta", "semiconductor"].contains(&word),
                "cut word {word:?}"
            );
        }
        assert!(s.text.chars().count() <= MAX_SNIPPET_CHARS + 2);
    }

    #[test]
    fn highlights_are_byte_ranges_into_multibyte_text() {
        let s = snippet(
            "DeepSeek’s “export” ban — €5bn of chips.",
            &["export", "chips"],
        );
        assert_eq!(highlighted(&s), vec!["export", "chips"]);
    }

    #[test]
    fn phrase_highlights_only_the_phrase() {
        let mut h = highlight(&[]);
        h.phrases.push(vec!["export".into(), "control".into()]);
        h.terms.insert("export".into(), 1.0);
        h.terms.insert("control".into(), 1.0);
        let s = make_snippet(
            "Export figures rose. New export controls came. Control was lost.",
            &mut news_analyzer(),
            &h,
        );
        assert_eq!(highlighted(&s), vec!["export controls"]);
    }

    #[test]
    fn no_terms_gives_lead_without_highlights() {
        let s = snippet("First sentence here. Second one.", &[]);
        assert_eq!(s.text, "First sentence here. Second one.");
        assert!(s.highlights.is_empty());
    }
}
