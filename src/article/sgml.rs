//! Reuters-21578 SGML files (`.sgm`): many `<REUTERS>` records in one file.
//!
//! The files are SGML, not XML: no root element, a `<!DOCTYPE>` line, and control characters
//! written as numeric entities (`&#2;`, `&#3;`, `&#5;`). A small scanner walks each file once,
//! front to back, finds every `<REUTERS …>` element and the `DATE`, `TEXT`, `TITLE` and `BODY`
//! elements inside it, and fills a [`RawArticle`]; [`build_article`] turns that into an
//! [`Article`]. A record that cannot be read (no closing tag, no `NEWID`) becomes a [`Problem`]
//! and the scan goes on. Date forms are left to [`super::date`], boilerplate and headline
//! derivation to [`super::record`]; `TOPICS`, `PLACES` and `DATELINE` are not read.

use std::path::Path;

use chrono::NaiveDate;

use super::Article;
use super::format::{Parsed, Problem};
use super::record::{RawArticle, build_article};

const OPEN: &str = "<REUTERS";
const CLOSE: &str = "</REUTERS>";
/// Longest entity read, `&` and `;` included (`&#65535;` is 8).
const MAX_ENTITY_LEN: usize = 10;

/// Reads a Reuters-21578 SGML file: one article per <REUTERS> element.
/// Articles take the id `reuters-{NEWID}`; `id` (the path's) is the fallback of
/// [`build_article`], which a record with a NEWID never needs. A record with neither title nor
/// text (NEWID 12793 is one) is still an article: the collection counts it, and its date can be
/// filtered on.
pub fn parse_sgml(id: &str, path: &Path, text: &str, today: NaiveDate) -> Parsed {
    let mut parsed = Parsed::default();
    for record in Records::new(text) {
        let record = match record {
            Ok(record) => record,
            Err(problem) => {
                parsed.problems.push(problem);
                continue;
            }
        };
        let (line, body_start) = (record.line, record.raw.body_line);
        let newid = record.raw.id.clone().unwrap_or_default();
        match build_article(record.raw, id, path, line, today) {
            Some(mut article) => {
                restore_lines(&mut article, body_start, &record.body_lines);
                parsed.articles.push(article);
            }
            None => {
                let reason = format!("{newid} has no title or text");
                parsed.problems.push(problem(line, &reason));
            }
        }
    }
    parsed
}

/// Puts each paragraph back on its own file line: the body was given to [`build_article`] as
/// starting on `body_start`, with blank lines inserted at paragraph starts, and `body_lines`
/// holds the file line of each of its lines.
fn restore_lines(article: &mut Article, body_start: Option<u64>, body_lines: &[u64]) {
    for paragraph in &mut article.body {
        let k = body_start.and_then(|s| paragraph.line.checked_sub(s));
        let k = k.and_then(|k| usize::try_from(k).ok());
        if let Some(&line) = k.and_then(|k| body_lines.get(k)) {
            paragraph.line = line;
        }
    }
}

/// One `<REUTERS>` element, read but not yet built into an article.
struct Record {
    /// Line of the file where `<REUTERS` starts.
    line: u64,
    raw: RawArticle,
    /// The file line of each line of `raw.body`, which has blank lines inserted before the
    /// indented lines that start paragraphs.
    body_lines: Vec<u64>,
}

/// The `<REUTERS>` records of a file, in order; each is read or reported as a [`Problem`].
struct Records<'a> {
    text: &'a str,
    /// Where the search for the next record starts.
    pos: usize,
    lines: LineCounter<'a>,
}

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Self {
        Records {
            text,
            pos: 0,
            lines: LineCounter {
                text,
                pos: 0,
                line: 1,
            },
        }
    }

    /// Reads the record at `start`, which ends before `end` (the next `<REUTERS` or the end of
    /// the file), so a missing close tag never makes the scan run ahead.
    fn read(&mut self, start: usize, end: usize) -> Result<Record, Problem> {
        let line = self.lines.line_at(start);
        let region = &self.text[start..end];
        let Some(close) = region.find(CLOSE) else {
            return Err(problem(line, "<REUTERS> without a closing </REUTERS>"));
        };
        let Some(gt) = region[..close].find('>') else {
            return Err(problem(line, "unterminated <REUTERS> tag"));
        };
        let attrs = &region[OPEN.len()..gt];
        let Some(newid) = attribute(attrs, "NEWID")
            .map(str::trim)
            .filter(|n| is_number(n))
        else {
            return Err(problem(line, "<REUTERS> without a numeric NEWID"));
        };
        let inner = &region[gt + 1..close];
        let inner_start = start + gt + 1;
        let mut raw = RawArticle {
            id: Some(format!("reuters-{newid}")),
            date: element(inner, "DATE").map(|d| d.content.to_string()),
            source: Some("Reuters".to_string()),
            ..RawArticle::default()
        };
        let mut body_lines = Vec::new();
        if let Some(text) = element(inner, "TEXT") {
            let unproc =
                attribute(text.attrs, "TYPE").is_some_and(|t| t.eq_ignore_ascii_case("UNPROC"));
            let body = if unproc {
                Some(text.clone())
            } else {
                raw.headline = element(text.content, "TITLE").map(|t| decode(t.content));
                element(text.content, "BODY").map(|b| b.offset_by(text.offset))
            };
            if let Some(body) = body {
                let first = self.lines.line_at(inner_start + body.offset);
                let (text, lines) = mark_paragraphs(&decode(body.content), first);
                raw.body = Some(text);
                raw.body_line = Some(first);
                body_lines = lines;
            }
        }
        Ok(Record {
            line,
            raw,
            body_lines,
        })
    }
}

impl Iterator for Records<'_> {
    type Item = Result<Record, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        let start = find_tag(self.text, self.pos, OPEN)?;
        let end = find_tag(self.text, start + OPEN.len(), OPEN).unwrap_or(self.text.len());
        self.pos = end;
        Some(self.read(start, end))
    }
}

/// Line numbers of byte offsets, counted incrementally so that a scan front to back stays
/// linear in the size of the file.
struct LineCounter<'a> {
    text: &'a str,
    pos: usize,
    line: u64,
}

impl LineCounter<'_> {
    /// The 1-based line of byte `offset`; cheap when offsets come in increasing order.
    fn line_at(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.text.len());
        let bytes = self.text.as_bytes();
        let newlines = |range: &[u8]| range.iter().filter(|&&b| b == b'\n').count() as u64;
        if offset >= self.pos {
            self.line += newlines(&bytes[self.pos..offset]);
        } else {
            self.line -= newlines(&bytes[offset..self.pos]);
        }
        self.pos = offset;
        self.line
    }
}

/// An element found in a text: its start tag's attributes and its content.
#[derive(Clone)]
struct Element<'a> {
    attrs: &'a str,
    content: &'a str,
    /// Byte offset of `content` in the searched text.
    offset: usize,
}

impl Element<'_> {
    /// The same element with its offset counted from `base` further back.
    fn offset_by(self, base: usize) -> Self {
        Element {
            offset: self.offset + base,
            ..self
        }
    }
}

/// The first `<name …>…</name>` element in `text`. A missing end tag runs to the end of `text`.
fn element<'a>(text: &'a str, name: &str) -> Option<Element<'a>> {
    let open = format!("<{name}");
    let start = find_tag(text, 0, &open)?;
    let gt = start + text[start..].find('>')?;
    let content = &text[gt + 1..];
    let end = content.find(&format!("</{name}>")).unwrap_or(content.len());
    Some(Element {
        attrs: &text[start + open.len()..gt],
        content: &content[..end],
        offset: gt + 1,
    })
}

/// The offset of the first `open` (such as `<TEXT`) at or after `from` that is a whole tag
/// name, followed by `>`, white space or the end of the text.
fn find_tag(text: &str, from: usize, open: &str) -> Option<usize> {
    let mut from = from;
    loop {
        let at = from + text.get(from..)?.find(open)?;
        let after = at + open.len();
        match text.as_bytes().get(after) {
            None | Some(b'>') => return Some(at),
            Some(b) if b.is_ascii_whitespace() => return Some(at),
            Some(_) => from = after,
        }
    }
}

/// The value of attribute `name` (matched without regard to case) in a start tag's attribute
/// text such as ` TOPICS="YES" NEWID="1"`. Quotes are optional; a bare name gives `""`.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return None;
        }
        let key_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let key = &rest[..key_end];
        rest = rest[key_end..].trim_start();
        let mut value = "";
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let quoted = &after[1..];
                let end = quoted.find(quote).unwrap_or(quoted.len());
                value = &quoted[..end];
                rest = quoted.get(end + 1..).unwrap_or("");
            } else {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                value = &after[..end];
                rest = &after[end..];
            }
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value);
        }
    }
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Decodes `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and numeric entities; entities of control
/// characters (`&#2;`, `&#3;`, `&#31;`) are removed. Anything else that starts with `&` is kept
/// as written. Line breaks are never added or removed.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match read_entity(rest) {
            Some((decoded, len)) => {
                out.extend(decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads the entity at the start of `text` (which starts with `&`): what it stands for (`None`
/// for a control character) and its length in bytes. `None` when it is not an entity.
fn read_entity(text: &str) -> Option<(Option<char>, usize)> {
    let semi = text.bytes().take(MAX_ENTITY_LEN).position(|b| b == b';')?;
    let name = &text[1..semi];
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None if is_number(number) => number.parse().ok()?,
                None => return None,
            };
            char::from_u32(code)?
        }
    };
    Some(((!c.is_control()).then_some(c), semi + 1))
}

/// Prepares a decoded body that starts on file line `first`: drops the closing `Reuter`
/// signature, and since Reuters paragraphs start with an indented line rather than after a
/// blank one, inserts a blank line before every indented line. Returns the text and the file
/// line of each of its lines.
fn mark_paragraphs(body: &str, first: u64) -> (String, Vec<u64>) {
    let mut lines: Vec<&str> = body.lines().collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    // Some bodies are signed twice (`Inc. reuter` then ` Reuter`).
    while let Some(last) = lines.pop() {
        let kept = strip_signature(last);
        if kept.len() == last.len() {
            lines.push(last);
            break;
        }
        if !kept.trim().is_empty() {
            lines.push(kept);
        }
    }
    let mut text = String::with_capacity(body.len());
    let mut map = Vec::with_capacity(lines.len());
    for (k, line) in lines.iter().enumerate() {
        let file_line = first + k as u64;
        let indented = line.starts_with([' ', '\t']) && !line.trim().is_empty();
        if k > 0 && indented {
            text.push('\n');
            map.push(file_line);
        }
        text.push_str(line);
        text.push('\n');
        map.push(file_line);
    }
    (text, map)
}

/// The last line of a body without its `Reuter` signature: the whole line when it is the
/// signature alone (` Reuter`, `REUTER...`), or the signature word after a closing sentence or
/// in capitals (`... 0.56 (0.361) REUTER`).
fn strip_signature(line: &str) -> &str {
    let is_signature = |word: &str| {
        let word = word.trim().trim_end_matches('.').to_ascii_lowercase();
        word == "reuter" || word == "reuters"
    };
    if is_signature(line) {
        return "";
    }
    match line.trim_end().rsplit_once(char::is_whitespace) {
        Some((before, word))
            if is_signature(word)
                && (word.starts_with("REUTER") || before.trim_end().ends_with(['.', '"'])) =>
        {
            before.trim_end()
        }
        _ => line,
    }
}

fn problem(line: u64, reason: &str) -> Problem {
    Problem {
        line: Some(line),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date")
    }

    fn parse(text: &str) -> Parsed {
        parse_sgml("f", Path::new("f.sgm"), text, today())
    }

    /// One record in the Reuters layout; `text` is everything from `<TEXT` to `</TEXT>`.
    fn record(newid: u32, date: &str, text: &str) -> String {
        format!(
            "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" OLDID=\"5544\" NEWID=\"{newid}\">\n\
             <DATE>{date}</DATE>\n\
             <TOPICS><D>cocoa</D></TOPICS>\n\
             <UNKNOWN> \n&#5;&#5;&#5;C T\n&#22;&#22;&#1;f0704&#31;reute\n</UNKNOWN>\n\
             {text}\n</REUTERS>\n"
        )
    }

    fn story(title: &str, body: &str) -> String {
        format!(
            "<TEXT>&#2;\n<TITLE>{title}</TITLE>\n\
             <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>{body}\n Reuter\n&#3;</BODY></TEXT>"
        )
    }

    /// Three stories after a DOCTYPE line, starting on lines 2, 19 and 34.
    fn three_stories() -> String {
        let mut text = String::from("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n");
        text += &record(
            1,
            "26-FEB-1987 15:01:01.79",
            &story(
                "BAHIA COCOA REVIEW",
                "Showers continued throughout the week in\nthe Bahia cocoa zone.\n    \
                 The dry period means the temporao will\nbe late this year.\n   \
                 Arrivals were 155,221 bags.",
            ),
        );
        text += &record(
            2,
            "26-FEB-1987 15:02:20.00",
            &story(
                "STANDARD OIL &lt;SRD> TO FORM &amp; RUN &quot;UNIT&quot;",
                "BP North America is a unit of\nBritish Petroleum Co Plc &lt;BP>.\n",
            ),
        );
        text += &record(3, "26-FEB-1987 15:03:27.51", &story("THIRD", "Third body."));
        text
    }

    #[test]
    fn reads_stories_with_their_lines() {
        let parsed = parse(&three_stories());
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let a = &parsed.articles;
        assert_eq!(a.len(), 3);
        let ids: Vec<&str> = a.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["reuters-1", "reuters-2", "reuters-3"]);
        assert_eq!((a[0].line, a[1].line, a[2].line), (2, 19, 34));
        assert_eq!(a[0].headline, "BAHIA COCOA REVIEW");
        assert_eq!(a[0].date, NaiveDate::from_ymd_opt(1987, 2, 26));
        assert_eq!(a[0].source.as_deref(), Some("Reuters"));
        let texts: Vec<&str> = a[0].body.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Showers continued throughout the week in the Bahia cocoa zone.",
                "The dry period means the temporao will be late this year.",
                "Arrivals were 155,221 bags.",
            ]
        );
        let lines: Vec<u64> = a[0].body.iter().map(|p| p.line).collect();
        assert_eq!(lines, [11, 13, 15]);
        assert_eq!(a[1].headline, "STANDARD OIL <SRD> TO FORM & RUN \"UNIT\"");
        assert_eq!(
            a[1].body_text(),
            "BP North America is a unit of British Petroleum Co Plc <BP>."
        );
        assert_eq!(a[1].body[0].line, 28);
        assert_eq!(a[2].body_text(), "Third body.");
        assert!(a.iter().all(|x| !x.body_text().contains("Reuter")));
        assert!(a.iter().all(|x| !x.body_text().contains("SALVADOR")));
    }

    #[test]
    fn brief_has_headline_only() {
        let brief = "<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>ASSETS OF MONEY MARKET FUNDS ROSE\n\
                     </TITLE>Blah blah blah.\n&#3;\n\n</TEXT>";
        let parsed = parse(&record(30, "26-FEB-1987 15:43:14.36", brief));
        let a = &parsed.articles[0];
        assert_eq!(a.headline, "ASSETS OF MONEY MARKET FUNDS ROSE");
        assert!(a.body.is_empty());
        assert_eq!(a.id, "reuters-30");
    }

    #[test]
    fn unproc_text_is_the_body() {
        let unproc = "<TEXT TYPE=\"UNPROC\">&#2;\nFEDERAL RESERVE WEEKLY REPORT 1 - FEB 26\n    \
                      Two weeks ended Feb 25      daily avgs-mlns\n \
                      Net free reserves.............644 vs.....1,337\n Reuter\n&#3;</TEXT>";
        let parsed = parse(&record(80, "26-FEB-1987 16:20:01.00", unproc));
        let a = &parsed.articles[0];
        assert_eq!(a.headline, "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26");
        let lines: Vec<u64> = a.body.iter().map(|p| p.line).collect();
        assert_eq!(lines, [9, 10, 11]);
        assert!(a.body[2].text.starts_with("Net free reserves"));
        assert!(!a.body_text().contains("Reuter"));
    }

    #[test]
    fn malformed_dates_are_read() {
        let dates = [
            ("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM", (3, 27)),
            ("3-MAR-1987  09:15:05.40", (3, 3)),
            (" 7-APR-1987 16:22:00.0", (4, 7)),
            ("31-MAR-1987 605:12:19.12", (3, 31)),
        ];
        for (raw, (month, day)) in dates {
            let parsed = parse(&record(1, raw, &story("T", "B.")));
            assert_eq!(
                parsed.articles[0].date,
                NaiveDate::from_ymd_opt(1987, month, day),
                "{raw}"
            );
        }
    }

    #[test]
    fn missing_close_is_reported_and_the_rest_read() {
        let text = three_stories().replacen("</REUTERS>\n<REUTERS", "\n<REUTERS", 1);
        let parsed = parse(&text);
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].line, Some(2));
        let ids: Vec<&str> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["reuters-2", "reuters-3"]);
        assert_eq!(parsed.articles[0].line, 19);
    }

    #[test]
    fn record_without_newid_is_reported() {
        let text = three_stories().replace("NEWID=\"2\"", "OLDID2=\"x\"");
        let parsed = parse(&text);
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].line, Some(19));
        assert_eq!(parsed.articles.len(), 2);
    }

    #[test]
    fn entities_decode_and_controls_go() {
        assert_eq!(
            decode("a &lt;b&gt; &amp;&quot;&#2;&#31;c&#233;"),
            "a <b> &\"cé"
        );
        assert_eq!(
            decode("AT&T &amp &#; &#99999999; &"),
            "AT&T &amp &#; &#99999999; &"
        );
        assert_eq!(decode("x&#10;y"), "xy");
    }

    #[test]
    fn attributes_in_any_form() {
        let attrs = " TOPICS=YES  newid = '7' CGISPLIT=\"TRAINING-SET\" BARE";
        assert_eq!(attribute(attrs, "NEWID"), Some("7"));
        assert_eq!(attribute(attrs, "topics"), Some("YES"));
        assert_eq!(attribute(attrs, "BARE"), Some(""));
        assert_eq!(attribute(attrs, "OLDID"), None);
        assert_eq!(attribute(" =\"x\" NEWID=\"", "NEWID"), Some(""));
    }

    #[test]
    fn signature_forms() {
        assert_eq!(strip_signature(" Reuter"), "");
        assert_eq!(strip_signature("REUTER..."), "");
        assert_eq!(strip_signature("year ago. REUTER"), "year ago.");
        assert_eq!(strip_signature("0.56 (0.361) REUTER"), "0.56 (0.361)");
        assert_eq!(
            strip_signature("according to Reuter"),
            "according to Reuter"
        );
        let (text, lines) = mark_paragraphs("Gilbey Canada Inc. reuter\n Reuter\n\n", 5);
        assert_eq!(
            (text.as_str(), lines.as_slice()),
            ("Gilbey Canada Inc.\n", &[5][..])
        );
    }

    #[test]
    fn never_panics_on_cut_or_mangled_input() {
        let text = three_stories().replace("Third", "Trëize 日本");
        for (cut, _) in text.char_indices() {
            let parsed = parse(&text[..cut]);
            assert!(parsed.articles.len() <= 3);
        }
        let chars: Vec<char> = text.chars().collect();
        for (i, junk) in ["<", ">", "&", "&#", "\"", "</REUTERS>", "<REUTERS", "é"]
            .iter()
            .enumerate()
        {
            for at in (i..chars.len()).step_by(7) {
                let mut mangled: String = chars[..at].iter().collect();
                mangled.push_str(junk);
                mangled.extend(&chars[at + 1..]);
                let parsed = parse(&mangled);
                assert!(parsed.articles.len() + parsed.problems.len() <= 5);
            }
        }
        let huge = format!("<REUTERS NEWID=\"1\" X=\"{}\">", "a".repeat(100_000));
        assert_eq!(parse(&huge).problems.len(), 1);
    }

    /// The whole collection, when `../shared/corpora/reuters21578` is there: run with
    /// `cargo test --release --lib article::sgml -- --ignored`.
    #[test]
    #[ignore = "reads the 27 MB Reuters-21578 collection"]
    fn reads_the_whole_collection() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/reuters21578");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "sgm"))
            .collect();
        paths.sort();
        let (mut articles, mut titled, mut problems) = (Vec::new(), 0, Vec::new());
        let mut ids = std::collections::BTreeSet::new();
        for path in &paths {
            let bytes = std::fs::read(path).expect("readable corpus file");
            let text = String::from_utf8_lossy(&bytes);
            let titles: Vec<(String, Option<String>)> = Records::new(&text)
                .filter_map(Result::ok)
                .map(|r| (r.raw.id.unwrap_or_default(), r.raw.headline))
                .collect();
            titled += titles.iter().filter(|(_, t)| t.is_some()).count();
            let numbers = titles.iter().map(|(id, _)| id.strip_prefix("reuters-"));
            ids.extend(numbers.filter_map(|n| n?.parse::<u32>().ok()));
            let parsed = parse_sgml("c", path, &text, today());
            problems.extend(parsed.problems.into_iter().map(|p| (path.clone(), p)));
            let file_lines: Vec<&str> = text.lines().collect();
            for article in parsed.articles {
                for p in &article.body {
                    let first_word = p.text.split(' ').next().unwrap_or_default();
                    let at = usize::try_from(p.line - 1).expect("small line number");
                    let on_line = decode(file_lines[at]);
                    assert!(on_line.contains(first_word), "{} {}", article.id, p.line);
                }
                let ends = article.body.last().map(|p| p.text.to_lowercase());
                let signed = ends.is_some_and(|t| t.ends_with("reuter") || t.ends_with("blah."));
                assert!(!signed, "{} keeps its signature", article.id);
                let title = titles.iter().find(|(id, _)| *id == article.id);
                if let Some((_, Some(title))) = title {
                    assert_eq!(
                        article.headline,
                        super::super::clean::normalise_space(title)
                    );
                }
                articles.push(article);
            }
        }
        let dated = articles.iter().filter(|a| a.has_date()).count();
        let paragraphs: usize = articles.iter().map(|a| a.body.len()).sum();
        eprintln!(
            "files {} articles {} unique ids {} dated {dated} titled {titled} problems {problems:?} \
             paragraphs {paragraphs}",
            paths.len(),
            articles.len(),
            ids.len()
        );
        assert_eq!(paths.len(), 22);
        // NEWID 12793 is an empty UNPROC record: still an article, with no text.
        assert_eq!(articles.len(), 21_578);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(ids.iter().copied().eq(1..=21_578));
        assert_eq!(dated, articles.len());
        assert_eq!(titled, 20_841);
        let first = &articles[0];
        assert_eq!(first.id, "reuters-1");
        assert_eq!(first.headline, "BAHIA COCOA REVIEW");
        assert_eq!(first.date, NaiveDate::from_ymd_opt(1987, 2, 26));
    }
}
