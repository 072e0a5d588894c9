//! Reading what the user typed or pasted: any text → clauses, never refused.
//!
//! Plain words are the default reading of anything that is not deliberate query syntax. An
//! operator applies only where it is well formed, and otherwise its characters are read as
//! words (which the analyzer then splits or drops):
//! - `"an exact phrase"` between two quotes; a quote without its partner is a space. The
//!   typographic double quotes a pasted text quotes with ([`QUOTES`]: `“…”`, `„…“`, `«…»`) are
//!   quotes too; single ones (`’`) are apostrophes and stay in words;
//! - `( … )` groups when the brackets balance, at most [`MAX_DEPTH`] deep; an unbalanced or
//!   deeper bracket is a space;
//! - `-word`, `-"phrase"`, `-(group)` exclude, `+word` requires, when the sign starts a word
//!   and a letter, quote or bracket follows it (`-5 degrees` and ` - ` are words);
//! - `field:value` for the fields of [`Field`] only, the value glued to the colon; any other
//!   `name:` (`chair: "no rush"`, `https://…`) is words;
//! - `AND`, `OR`, `NOT` in capitals, between operands, in a query that is not all capitals (a
//!   pasted upper-case headline uses them as words). `OR` binds tighter than the implied "and"
//!   between clauses: `oil gas OR coal` is `oil` and either of the others.
//!
//! A sequence whose clauses would all exclude (`-foo`) reads its signs as words, and so does a
//! list bullet that starts a pasted line (`-Amazon to cut 14,000 jobs`). Reading is
//! one pass over the text plus one over its lexemes: linear in the text, with recursion bounded
//! by [`MAX_DEPTH`].

use std::borrow::Cow;
use std::fmt;

/// Typographic double quotes, read as `"`: word processors and news sites write `“…”`,
/// German `„…“`, French and others `«…»`, so a pasted quotation marks a phrase as typed quotes
/// do.
pub const QUOTES: [char; 6] = [
    '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{AB}', '\u{BB}',
];

/// Deepest bracket nesting read as groups; deeper brackets are spaces.
pub const MAX_DEPTH: usize = 8;

/// A field a clause can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The article's text, its own headline included (the default).
    Body,
    /// The source's own headline.
    Headline,
    /// The site or publication (a filter).
    Source,
    /// The author (a filter).
    Author,
    /// A folder (or file) the article was read from (a filter).
    Path,
}

impl Field {
    /// The field a `name:` prefix names; `None` for any other name.
    pub fn from_name(name: &str) -> Option<Field> {
        Some(match name.to_ascii_lowercase().as_str() {
            "body" | "text" => Field::Body,
            "headline" | "title" => Field::Headline,
            "source" | "site" => Field::Source,
            "author" | "by" => Field::Author,
            "path" | "folder" => Field::Path,
            _ => return None,
        })
    }

    /// The field's name, as a query writes it.
    pub fn name(self) -> &'static str {
        match self {
            Field::Body => "body",
            Field::Headline => "headline",
            Field::Source => "source",
            Field::Author => "author",
            Field::Path => "path",
        }
    }

    /// Whether the field filters (matches without scoring) rather than searches text.
    pub fn is_filter(self) -> bool {
        matches!(self, Field::Source | Field::Author | Field::Path)
    }
}

/// How a clause takes part in its sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// A plain word: one of the words of which an article needs a share.
    Plain,
    /// Must match (`+word`, a phrase, a field, a group, an `AND` operand).
    Required,
    /// Must not match (`-word`, `NOT word`).
    Excluded,
}

/// One clause as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word as written (the analyzer makes zero or more terms of it).
    Word(String),
    /// The text between two quotes.
    Phrase(String),
    /// A clause on one field.
    Field(Field, Box<Clause>),
    /// A bracketed sequence.
    Group(Vec<Item>),
    /// Clauses joined by `OR`: any of them.
    Any(Vec<Clause>),
}

/// A clause and how it takes part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Plain, required or excluded.
    pub occur: Occur,
    /// What to match.
    pub clause: Clause,
}

/// The whole query as read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reading {
    /// The top-level sequence.
    pub items: Vec<Item>,
}

impl Reading {
    /// Reads `text`: as query syntax where it is well formed, otherwise as words.
    pub fn of(text: &str) -> Reading {
        let text = plain_quotes(text);
        let text = without_bullet(&text);
        let lexemes = lex(text);
        let operators = text.chars().any(char::is_lowercase);
        let mut parser = Parser {
            lexemes: &lexemes,
            position: 0,
            operators,
        };
        Reading {
            items: parser.sequence(false),
        }
    }

    /// Reads `text` as plain words only (`--words`): no character is an operator.
    pub fn words(text: &str) -> Reading {
        Reading {
            items: text
                .split_whitespace()
                .map(|word| Item {
                    occur: Occur::Plain,
                    clause: Clause::Word(word.to_string()),
                })
                .collect(),
        }
    }

    /// Whether every clause is a plain word (no operator applied).
    pub fn is_plain(&self) -> bool {
        self.items
            .iter()
            .all(|item| item.occur == Occur::Plain && matches!(item.clause, Clause::Word(_)))
    }

    /// The plain words, joined by spaces, in order.
    pub fn plain_text(&self) -> String {
        plain_text(&self.items)
    }
}

/// The plain words of a sequence, joined by spaces, in order.
pub fn plain_text(items: &[Item]) -> String {
    let words: Vec<&str> = items
        .iter()
        .filter(|item| item.occur == Occur::Plain)
        .filter_map(|item| match &item.clause {
            Clause::Word(word) => Some(word.as_str()),
            _ => None,
        })
        .collect();
    words.join(" ")
}

impl fmt::Display for Reading {
    /// The reading in canonical query syntax: what `--explain` shows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_items(f, &self.items)
    }
}

/// Words a text of at least this many words must have for a dash before its first capital to
/// be a bullet.
const BULLET_WORDS: usize = 4;

/// The text without a list bullet: a dash glued to the capital that starts a pasted line of
/// [`BULLET_WORDS`] or more words (`-Amazon to cut 14,000 jobs`) marks a list item, not an
/// exclusion; a short query keeps it (`-Trump tariffs`).
fn without_bullet(text: &str) -> &str {
    let trimmed = text.trim_start();
    match trimmed.strip_prefix('-') {
        Some(rest)
            if rest.starts_with(char::is_uppercase)
                && trimmed.split_whitespace().count() >= BULLET_WORDS =>
        {
            rest
        }
        _ => text,
    }
}

/// Writes a sequence in canonical syntax.
fn write_items(f: &mut fmt::Formatter<'_>, items: &[Item]) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(" ")?;
        }
        match item.occur {
            Occur::Plain => {}
            Occur::Required if !matches!(item.clause, Clause::Word(_)) => {}
            Occur::Required => f.write_str("+")?,
            Occur::Excluded => f.write_str("-")?,
        }
        write_clause(f, &item.clause)?;
    }
    Ok(())
}

/// Writes one clause in canonical syntax.
fn write_clause(f: &mut fmt::Formatter<'_>, clause: &Clause) -> fmt::Result {
    match clause {
        Clause::Word(word) => f.write_str(word),
        Clause::Phrase(phrase) => write!(f, "\"{phrase}\""),
        Clause::Field(field, inner) => {
            write!(f, "{}:", field.name())?;
            write_clause(f, inner)
        }
        Clause::Group(items) => {
            f.write_str("(")?;
            write_items(f, items)?;
            f.write_str(")")
        }
        Clause::Any(clauses) => {
            for (i, clause) in clauses.iter().enumerate() {
                if i > 0 {
                    f.write_str(" OR ")?;
                }
                write_clause(f, clause)?;
            }
            Ok(())
        }
    }
}

/// One unit of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex<'a> {
    /// A run of characters without space, quote or bracket.
    Text(&'a str),
    /// The text between two matching quotes.
    Phrase(&'a str),
    /// A bracket that opens a group.
    Open,
    /// The bracket that closes it.
    Close,
}

/// A lexeme and whether it follows the previous one with no space between.
#[derive(Debug, Clone, Copy)]
struct Lexeme<'a> {
    lex: Lex<'a>,
    glued: bool,
}

/// What a structural byte of the text turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// A quote opening a phrase that ends at the given byte.
    PhraseTo(usize),
    /// A bracket that opens or closes a group.
    Open,
    Close,
    /// A quote or bracket with no partner (or too deep): read as a space.
    Space,
}

/// Finds which quotes and brackets are well formed: quotes pair in order (a last odd one is a
/// space); brackets outside phrases pair by nesting, unpaired or too-deep ones are spaces.
fn marks(text: &str) -> Vec<(usize, Mark)> {
    let bytes = text.as_bytes();
    let quotes: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b'"').collect();
    let mut marks: Vec<(usize, Mark)> = Vec::new();
    let mut pairs = quotes.chunks_exact(2);
    let mut phrases: Vec<(usize, usize)> = Vec::new();
    for pair in pairs.by_ref() {
        phrases.push((pair[0], pair[1]));
    }
    let odd = pairs.remainder().first().copied();
    // Brackets outside phrases, each with its final mark.
    let mut stack: Vec<usize> = Vec::new();
    let mut bracket_marks: Vec<(usize, Mark)> = Vec::new();
    let mut phrase = phrases.iter().peekable();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(&&(start, end)) = phrase.peek()
            && i == start
        {
            i = end + 1;
            phrase.next();
            continue;
        }
        match bytes[i] {
            b'(' => {
                stack.push(bracket_marks.len());
                bracket_marks.push((i, Mark::Space));
            }
            b')' => match stack.pop() {
                Some(open) => {
                    if stack.len() < MAX_DEPTH {
                        bracket_marks[open].1 = Mark::Open;
                        bracket_marks.push((i, Mark::Close));
                    } else {
                        bracket_marks.push((i, Mark::Space));
                    }
                }
                None => bracket_marks.push((i, Mark::Space)),
            },
            _ => {}
        }
        i += 1;
    }
    marks.extend(
        phrases
            .iter()
            .map(|&(start, end)| (start, Mark::PhraseTo(end))),
    );
    marks.extend(odd.map(|q| (q, Mark::Space)));
    marks.extend(bracket_marks);
    marks.sort_unstable_by_key(|&(at, _)| at);
    marks
}

/// Splits the text into lexemes.
fn lex<'a>(text: &'a str) -> Vec<Lexeme<'a>> {
    let marks = marks(text);
    let mut lexemes = Vec::new();
    let mut glued = false;
    let mut start: Option<usize> = None;
    let mut next_mark = marks.iter().peekable();
    let mut skip_to = 0;
    let flush = |start: &mut Option<usize>, end: usize, glued: &mut bool, out: &mut Vec<_>| {
        if let Some(s) = start.take() {
            out.push(Lexeme {
                lex: Lex::Text(&text[s..end]),
                glued: *glued,
            });
            *glued = true;
        }
    };
    for (i, c) in text.char_indices() {
        if i < skip_to {
            continue;
        }
        let mark = match next_mark.peek() {
            Some(&&(at, mark)) if at == i => {
                next_mark.next();
                Some(mark)
            }
            _ => None,
        };
        match mark {
            Some(Mark::PhraseTo(end)) => {
                flush(&mut start, i, &mut glued, &mut lexemes);
                lexemes.push(Lexeme {
                    lex: Lex::Phrase(&text[i + 1..end]),
                    glued,
                });
                glued = true;
                skip_to = end + 1;
            }
            Some(Mark::Open) | Some(Mark::Close) => {
                flush(&mut start, i, &mut glued, &mut lexemes);
                lexemes.push(Lexeme {
                    lex: if mark == Some(Mark::Open) {
                        Lex::Open
                    } else {
                        Lex::Close
                    },
                    glued,
                });
                glued = true;
            }
            Some(Mark::Space) => {
                flush(&mut start, i, &mut glued, &mut lexemes);
                glued = false;
            }
            None if c.is_whitespace() => {
                flush(&mut start, i, &mut glued, &mut lexemes);
                glued = false;
            }
            None => {
                start.get_or_insert(i);
            }
        }
    }
    flush(&mut start, text.len(), &mut glued, &mut lexemes);
    lexemes
}

/// Reads lexemes into sequences.
struct Parser<'l, 'a> {
    lexemes: &'l [Lexeme<'a>],
    position: usize,
    /// Whether `AND`/`OR`/`NOT` are operators (the text is not all capitals).
    operators: bool,
}

impl<'a> Parser<'_, 'a> {
    /// The lexeme `ahead` places on, if any.
    fn peek(&self, ahead: usize) -> Option<Lexeme<'a>> {
        self.lexemes.get(self.position + ahead).copied()
    }

    /// Whether the lexeme `ahead` places on is the operator `name`.
    fn is_operator(&self, ahead: usize, name: &str) -> bool {
        self.operators && self.peek(ahead).is_some_and(|l| l.lex == Lex::Text(name))
    }

    /// Whether a clause can start `ahead` places on (not the end, a closing bracket or an
    /// operator).
    fn operand_at(&self, ahead: usize) -> bool {
        match self.peek(ahead).map(|l| l.lex) {
            None | Some(Lex::Close) => false,
            Some(Lex::Text(t)) => !(self.operators && matches!(t, "AND" | "OR" | "NOT")),
            Some(_) => true,
        }
    }

    /// Reads clauses up to the end, or (in a group) up to and including its closing bracket.
    fn sequence(&mut self, in_group: bool) -> Vec<Item> {
        let mut items: Vec<Item> = Vec::new();
        let mut and_pending = false;
        while let Some(lexeme) = self.peek(0) {
            if lexeme.lex == Lex::Close {
                self.position += 1;
                if in_group {
                    break;
                }
                continue;
            }
            if self.is_operator(0, "AND") && !items.is_empty() && self.operand_at(1) {
                if let Some(last) = items.last_mut()
                    && last.occur == Occur::Plain
                {
                    last.occur = Occur::Required;
                }
                and_pending = true;
                self.position += 1;
                continue;
            }
            let negated = self.is_operator(0, "NOT") && self.operand_at(1);
            if negated {
                self.position += 1;
            }
            let Some(mut item) = self.unit() else {
                continue;
            };
            if negated {
                item.occur = Occur::Excluded;
            }
            let mut any = Vec::new();
            while self.is_operator(0, "OR") && self.operand_at(1) {
                self.position += 1;
                if let Some(next) = self.unit() {
                    any.push(next.clause);
                }
            }
            if !any.is_empty() {
                any.insert(0, item.clause);
                item = Item {
                    occur: if item.occur == Occur::Excluded {
                        Occur::Excluded
                    } else {
                        Occur::Required
                    },
                    clause: Clause::Any(any),
                };
            }
            if and_pending && item.occur == Occur::Plain {
                item.occur = Occur::Required;
            }
            and_pending = false;
            items.push(item);
        }
        if !items.is_empty() && items.iter().all(|i| i.occur == Occur::Excluded) {
            // Nothing to find, only things to avoid: the signs were dashes in the text.
            for item in &mut items {
                item.occur = match item.clause {
                    Clause::Word(_) => Occur::Plain,
                    _ => Occur::Required,
                };
            }
        }
        items
    }

    /// Reads one clause with its sign or field prefix; `None` when the lexeme reads as nothing.
    fn unit(&mut self) -> Option<Item> {
        let lexeme = self.peek(0)?;
        self.position += 1;
        match lexeme.lex {
            Lex::Open => Some(self.group(Occur::Required)),
            Lex::Close => None,
            Lex::Phrase(phrase) => Some(Item {
                occur: Occur::Required,
                clause: Clause::Phrase(phrase.to_string()),
            }),
            Lex::Text(text) => Some(self.text_unit(text)),
        }
    }

    /// Reads a group after its opening bracket.
    fn group(&mut self, occur: Occur) -> Item {
        Item {
            occur,
            clause: Clause::Group(self.sequence(true)),
        }
    }

    /// Reads a run of text: a word, or a sign or field prefix of it or of the phrase or group
    /// glued after it.
    fn text_unit(&mut self, text: &'a str) -> Item {
        let (occur, rest) = match text.as_bytes().first() {
            Some(b'-') => (Occur::Excluded, &text[1..]),
            Some(b'+') => (Occur::Required, &text[1..]),
            _ => (Occur::Plain, text),
        };
        let glued_next = self
            .peek(0)
            .filter(|l| l.glued && matches!(l.lex, Lex::Phrase(_) | Lex::Open));
        if occur != Occur::Plain {
            if rest.is_empty() {
                if let Some(next) = glued_next {
                    self.position += 1;
                    return match next.lex {
                        Lex::Phrase(phrase) => Item {
                            occur,
                            clause: Clause::Phrase(phrase.to_string()),
                        },
                        _ => self.group(occur),
                    };
                }
            } else if rest.starts_with(char::is_alphabetic) {
                let inner = self.text_unit(rest);
                if inner.occur == Occur::Plain || inner.occur == Occur::Required {
                    return Item {
                        occur,
                        clause: inner.clause,
                    };
                }
            }
            return word(text);
        }
        if let Some((name, value)) = text.split_once(':')
            && let Some(field) = Field::from_name(name)
        {
            if value.is_empty() {
                if let Some(next) = glued_next {
                    self.position += 1;
                    let inner = match next.lex {
                        Lex::Phrase(phrase) => Clause::Phrase(phrase.to_string()),
                        _ => self.group(Occur::Required).clause,
                    };
                    return Item {
                        occur: Occur::Required,
                        clause: Clause::Field(field, Box::new(inner)),
                    };
                }
            } else if !value.starts_with("//") {
                return Item {
                    occur: Occur::Required,
                    clause: Clause::Field(field, Box::new(Clause::Word(value.to_string()))),
                };
            }
        }
        word(text)
    }
}

/// Whether `c` is a double quote as a query reads it: `"` or one of [`QUOTES`] (the `date:`
/// clause reader asks too).
pub fn is_quote(c: char) -> bool {
    c == '"' || QUOTES.contains(&c)
}

/// The text with each of [`QUOTES`] written as `"` (borrowed when it has none).
fn plain_quotes(text: &str) -> Cow<'_, str> {
    if text.contains(QUOTES) {
        Cow::Owned(text.replace(QUOTES, "\""))
    } else {
        Cow::Borrowed(text)
    }
}

/// A plain word.
fn word(text: &str) -> Item {
    Item {
        occur: Occur::Plain,
        clause: Clause::Word(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        Reading::of(text).to_string()
    }

    #[test]
    fn plain_text_stays_words() {
        for text in [
            "export controls",
            "KENNEDY ADMINISTRATION PRESSURE ON NGO DINH DIEM AND WEST GERMANY",
            "it's 5:30 now",
            "see https://example.com/x",
            "U.S. export-controls",
            "temperatures fell to -5 degrees",
            "a - b -- c",
        ] {
            let reading = Reading::of(text);
            assert!(reading.is_plain(), "{text}: {reading}");
        }
    }

    #[test]
    fn well_formed_operators_apply() {
        assert_eq!(read("oil -prices"), "oil -prices");
        assert_eq!(read("\"interest rates\" fed"), "\"interest rates\" fed");
        assert_eq!(read("headline:flood"), "headline:flood");
        assert_eq!(read("title:\"a b\""), "headline:\"a b\"");
        assert_eq!(read("oil gas OR coal"), "oil gas OR coal");
        assert_eq!(read("oil AND gas"), "+oil +gas");
        assert_eq!(read("oil NOT gas"), "oil -gas");
        assert_eq!(read("body:(chip AND export)"), "body:(+chip +export)");
        assert_eq!(read("-(a b) c"), "-(a b) c");
        assert_eq!(read("+chip"), "+chip");
        assert_eq!(read("-\"a b\" c"), "-\"a b\" c");
    }

    #[test]
    fn malformed_syntax_reads_as_words() {
        assert_eq!(
            read("Fed chair: \"no rush\" to raise"),
            "Fed chair: \"no rush\" to raise"
        );
        assert!(Reading::of("Fed chair: rates").is_plain());
        assert_eq!(read("\"Trump's travel ban"), "Trump's travel ban");
        assert_eq!(read("(export controls"), "export controls");
        assert_eq!(read("controls) and (more"), "controls and more");
        assert_eq!(read("unknown:field here"), "unknown:field here");
        assert_eq!(read("AND oil OR"), "AND oil OR");
        assert_eq!(read("headline: flood"), "headline: flood");
        assert_eq!(read("-foo -bar"), "foo bar");
        assert_eq!(read("-Amazon to cut jobs"), "Amazon to cut jobs");
        assert_eq!(read("-Trump tariffs"), "-Trump tariffs");
        assert_eq!(read("\"\""), "\"\"");
    }

    #[test]
    fn typographic_double_quotes_mark_phrases_and_single_ones_stay_apostrophes() {
        assert_eq!(read("“interest rates” fed"), "\"interest rates\" fed");
        assert_eq!(read("„Zinsen steigen“ EZB"), "\"Zinsen steigen\" EZB");
        assert_eq!(read("«taux d’intérêt» BCE"), "\"taux d’intérêt\" BCE");
        assert_eq!(read("oil -“price war”"), "oil -\"price war\"");
        assert!(Reading::of("Trump’s ‘travel ban’").is_plain());
        // An unpaired one is a space, as an unpaired `"` is.
        assert_eq!(read("“Trump’s travel ban"), "Trump’s travel ban");
    }

    #[test]
    fn phrases_hide_brackets_and_deep_brackets_are_spaces() {
        assert_eq!(read("\"a (b\" c)"), "\"a (b\" c");
        let deep = format!("{}x{}", "(".repeat(9000), ")".repeat(9000));
        let reading = Reading::of(&deep);
        let mut depth = 0;
        let mut items = &reading.items;
        while let [
            Item {
                clause: Clause::Group(inner),
                ..
            },
        ] = items.as_slice()
        {
            depth += 1;
            items = inner;
        }
        assert_eq!(depth, MAX_DEPTH);
    }

    #[test]
    fn words_mode_reads_every_character_as_words() {
        let reading = Reading::words("oil -prices \"a b\"");
        assert!(reading.is_plain());
        assert_eq!(reading.plain_text(), "oil -prices \"a b\"");
    }
}
