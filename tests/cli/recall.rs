//! Exact recall: a search returns exactly the articles that a brute-force scan finds.
//!
//! Each test writes its own corpus from a seeded generator (the same seed writes the same files),
//! indexes it once and runs many queries through the real binary. The expectation comes from
//! the articles as `news-search parse --json` reads them, with headline and body analysed by
//! the index's own analyzer: an article matches a word when its term set holds the word's term.
//! Ranking, snippets and limits are left to `search.rs`; here only *which* articles come back
//! counts, with `--all` so that copies are not folded and `-n` far above the corpus size.

use std::collections::{BTreeSet, HashSet};

use news_search::index::schema::news_analyzer;
use serde_json::Value;

use super::{Sandbox, stderr, stdout};

/// The words the generated articles are made of: common news words whose terms all differ, none
/// a stop word, a month name (a date line) or a boilerplate word. Earlier words are drawn more
/// often, so some occur in nearly every article and some in a handful.
const VOCABULARY: &[&str] = &[
    "harbour",
    "minister",
    "budget",
    "railway",
    "election",
    "strike",
    "council",
    "hospital",
    "river",
    "flood",
    "drought",
    "harvest",
    "factory",
    "pension",
    "inflation",
    "court",
    "judge",
    "police",
    "school",
    "teacher",
    "museum",
    "festival",
    "airport",
    "pilot",
    "tunnel",
    "bridge",
    "vaccine",
    "doctor",
    "nurse",
    "farmer",
    "wheat",
    "coffee",
    "copper",
    "steel",
    "pipeline",
    "solar",
    "battery",
    "satellite",
    "rocket",
    "ocean",
    "island",
    "border",
    "treaty",
    "senate",
    "protest",
    "wage",
    "rent",
    "mortgage",
    "tourism",
    "hotel",
    "football",
    "cricket",
    "marathon",
    "orchestra",
    "novel",
    "painter",
    "glacier",
    "volcano",
    "earthquake",
    "wildfire",
    "lottery",
    "bakery",
    "submarine",
    "vineyard",
];

/// Stop words sprinkled between the vocabulary words: the analyzer drops them.
const FILLER: &[&str] = &["the", "of", "and", "to", "in", "a", "was", "with"];

/// The word of the long-article corpus; not in [`VOCABULARY`].
const LONG_WORD: &str = "tariffs";
/// Paragraphs of the long article, each holding [`LONG_WORD`].
const LONG_PARAGRAPHS: usize = 20_000;
/// Other articles of that corpus mentioning [`LONG_WORD`] once.
const MENTIONS: usize = 20;

/// How many random queries of each kind a recall test runs.
const QUERIES: usize = 40;

/// A xorshift64* generator: tiny, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // xorshift's state must not be zero.
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Writes articles of random vocabulary words: each article favours two topic words of its own,
/// the rest follow a Zipf-like law over [`VOCABULARY`], so word pairs co-occur at varied rates.
struct Writer {
    rng: Rng,
    /// Cumulative weights of the vocabulary words (the word of rank r weighs about r^-1.5).
    cumulative: Vec<u64>,
}

impl Writer {
    fn new(seed: u64) -> Writer {
        let mut total = 0;
        let cumulative = (1..=VOCABULARY.len() as u64)
            .map(|rank| {
                total += 1_000_000 / (rank * rank.isqrt());
                total
            })
            .collect();
        Writer {
            rng: Rng::new(seed),
            cumulative,
        }
    }

    fn zipf_word(&mut self) -> &'static str {
        let total = *self.cumulative.last().expect("a vocabulary");
        let r = self.rng.next() % total;
        let rank = self.cumulative.partition_point(|&c| c <= r);
        VOCABULARY[rank]
    }

    /// One word as written: sometimes a topic word, sometimes plural or capitalised, sometimes
    /// after a stop word.
    fn word(&mut self, topics: &[&str]) -> String {
        let base = if self.rng.chance(30) {
            self.rng.pick(topics)
        } else {
            self.zipf_word()
        };
        let mut word = base.to_string();
        if self.rng.chance(15) {
            word.push('s');
        }
        if self.rng.chance(10) {
            word = capitalise(&word);
        }
        if self.rng.chance(25) {
            word = format!("{} {word}", self.rng.pick(FILLER));
        }
        word
    }

    fn words(&mut self, topics: &[&str], count: usize) -> Vec<String> {
        (0..count).map(|_| self.word(topics)).collect()
    }

    fn sentence(&mut self, topics: &[&str]) -> String {
        let count = self.rng.between(4, 14);
        format!("{}.", capitalise(&self.words(topics, count).join(" ")))
    }

    /// A paragraph of one to four sentences: short ones are merged into one passage with the
    /// next, long ones are passages of their own.
    fn paragraph(&mut self, topics: &[&str]) -> String {
        let count = self.rng.between(1, 4);
        let sentences: Vec<String> = (0..count).map(|_| self.sentence(topics)).collect();
        sentences.join(" ")
    }

    fn topics(&mut self) -> [&'static str; 2] {
        [self.rng.pick(VOCABULARY), self.rng.pick(VOCABULARY)]
    }

    fn headline(&mut self, topics: &[&str]) -> String {
        let count = self.rng.between(3, 7);
        capitalise(&self.words(topics, count).join(" "))
    }

    fn date(&mut self) -> String {
        format!(
            "2024-{:02}-{:02}",
            self.rng.between(1, 12),
            self.rng.between(1, 28)
        )
    }

    /// The paragraphs of an article of `min..=max` paragraphs.
    fn body(&mut self, topics: &[&str], min: usize, max: usize) -> Vec<String> {
        let count = self.rng.between(min, max);
        (0..count).map(|_| self.paragraph(topics)).collect()
    }

    /// A whole article: headline line, date line, paragraphs, separated by blank lines.
    fn article(&mut self, min: usize, max: usize) -> String {
        let topics = self.topics();
        let headline = self.headline(&topics);
        let body = self.body(&topics, min, max);
        self.layout(&headline, &body)
    }

    fn layout(&mut self, headline: &str, body: &[String]) -> String {
        format!("{headline}\n\n{}\n\n{}\n", self.date(), body.join("\n\n"))
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The analysed terms of a text, as the index sees it.
fn terms(text: &str) -> HashSet<String> {
    let mut analyzer = news_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = HashSet::new();
    while stream.advance() {
        out.insert(stream.token().text.clone());
    }
    out
}

/// The one term a query word analyses to.
fn term(word: &str) -> String {
    let all = terms(word);
    assert_eq!(all.len(), 1, "`{word}` should be one term: {all:?}");
    all.into_iter().next().expect("one term")
}

/// An article's identity in search output: its id and path.
type Key = (String, String);

/// One parsed article: who it is and every term of its headline and body.
struct Scanned {
    key: Key,
    terms: HashSet<String>,
    body: String,
}

/// A query and the rule the brute-force scan applies for it.
#[derive(Debug, Clone)]
enum Query {
    /// `a`: articles holding `a`.
    One(String),
    /// `a b`: articles holding both, anywhere in headline or body.
    Both(String, String),
    /// `a -b`: articles holding `a` and not holding `b` anywhere.
    Without(String, String),
    /// `a b c` (three to six words): articles holding at least two of them, the documented
    /// minimum for queries of that length.
    TwoOf(Vec<String>),
}

impl Query {
    fn text(&self) -> String {
        match self {
            Query::One(a) => a.clone(),
            Query::Both(a, b) => format!("{a} {b}"),
            Query::Without(a, b) => format!("{a} -{b}"),
            Query::TwoOf(words) => words.join(" "),
        }
    }

    fn words(&self) -> Vec<&str> {
        match self {
            Query::One(a) => vec![a],
            Query::Both(a, b) | Query::Without(a, b) => vec![a, b],
            Query::TwoOf(words) => words.iter().map(String::as_str).collect(),
        }
    }

    fn matches(&self, terms: &HashSet<String>) -> bool {
        let has = |word: &str| terms.contains(&term(word));
        match self {
            Query::One(a) => has(a),
            Query::Both(a, b) => has(a) && has(b),
            Query::Without(a, b) => has(a) && !has(b),
            Query::TwoOf(words) => words.iter().filter(|w| has(w)).count() >= 2,
        }
    }
}

/// A sandbox with an indexed corpus and the brute-force view of its articles.
struct Corpus {
    sb: Sandbox,
    articles: Vec<Scanned>,
}

impl Corpus {
    /// Writes `files` (name, contents) under `news/`, indexes them and parses them for the scan.
    fn build(files: &[(String, String)]) -> Corpus {
        let sb = Sandbox::new();
        for (name, contents) in files {
            sb.write(&format!("news/{name}"), contents.as_bytes());
        }
        sb.index(&["-q", "news"]);
        let parsed = sb.run(&["parse", "--json", "news"]);
        assert_eq!(parsed.status.code(), Some(0), "parse: {}", stderr(&parsed));
        let articles: Vec<Scanned> = stdout(&parsed)
            .lines()
            .map(|line| {
                let article: Value = serde_json::from_str(line).expect("a JSON article");
                let text = |key: &str| article[key].as_str().expect(key).to_string();
                let body = text("body");
                let mut all = terms(&text("headline"));
                all.extend(terms(&body));
                Scanned {
                    key: (text("id"), text("path")),
                    terms: all,
                    body,
                }
            })
            .collect();
        assert_eq!(articles.len(), files.len(), "one article per file");
        Corpus { sb, articles }
    }

    fn expected(&self, query: &Query) -> BTreeSet<Key> {
        self.articles
            .iter()
            .filter(|a| query.matches(&a.terms))
            .map(|a| a.key.clone())
            .collect()
    }

    /// The distinct articles a search returns (hits and any copies folded into them).
    fn returned(&self, query: &str) -> Result<BTreeSet<Key>, String> {
        let out = self
            .sb
            .run(&["--json", "--all", "-n", "100000", "--", query]);
        let key = |v: &Value| -> Key {
            let text = |k: &str| v[k].as_str().expect(k).to_string();
            (text("id"), text("path"))
        };
        let mut found = BTreeSet::new();
        for line in stdout(&out).lines() {
            let hit: Value = serde_json::from_str(line).expect("a JSON hit");
            found.insert(key(&hit));
            for copy in hit["also_in"].as_array().expect("also_in") {
                found.insert(key(copy));
            }
        }
        let status = if found.is_empty() { 1 } else { 0 };
        if out.status.code() == Some(status) {
            Ok(found)
        } else {
            Err(format!(
                "exit status {:?} with {} articles: {}",
                out.status.code(),
                found.len(),
                stderr(&out).trim()
            ))
        }
    }

    /// Runs every query; one line per query whose articles, or whose `--count`, differ from the
    /// scan's.
    fn mismatches(&self, queries: &[Query]) -> Vec<String> {
        let mut failures = Vec::new();
        for query in queries {
            let text = query.text();
            let expected = self.expected(query);
            match self.returned(&text) {
                Err(problem) => failures.push(format!("`{text}`: {problem}")),
                Ok(got) if got != expected => {
                    let missing: Vec<&Key> = expected.difference(&got).collect();
                    let extra: Vec<&Key> = got.difference(&expected).collect();
                    failures.push(format!(
                        "`{text}`: {} returned, {} expected; missing {}; extra {}",
                        got.len(),
                        expected.len(),
                        self.list(&missing, query),
                        self.list(&extra, query)
                    ));
                }
                Ok(_) => {}
            }
            match self.counted(&text) {
                Err(problem) => failures.push(format!("`{text}` --count: {problem}")),
                Ok(count) if count != expected.len() => failures.push(format!(
                    "`{text}` --count: {count}, {} expected",
                    expected.len()
                )),
                Ok(_) => {}
            }
        }
        failures
    }

    /// What `--count` says for the query: the number of articles it matches, copies apart.
    fn counted(&self, query: &str) -> Result<usize, String> {
        let out = self.sb.run(&["--count", "--", query]);
        let count: usize = stdout(&out)
            .trim()
            .parse()
            .map_err(|_| format!("not a number: {:?}", stdout(&out)))?;
        let status = if count == 0 { 1 } else { 0 };
        if out.status.code() == Some(status) {
            Ok(count)
        } else {
            Err(format!("exit status {:?} with {count}", out.status.code()))
        }
    }

    /// Up to eight articles as `path (id: the query's words it holds)`, then how many more.
    fn list(&self, keys: &[&Key], query: &Query) -> String {
        if keys.is_empty() {
            return "none".to_string();
        }
        let shown: Vec<String> = keys
            .iter()
            .take(8)
            .map(|key| {
                let article = self.articles.iter().find(|a| &a.key == *key);
                let held: Vec<&str> = query
                    .words()
                    .into_iter()
                    .filter(|w| article.is_some_and(|a| a.terms.contains(&term(w))))
                    .collect();
                format!("{} ({}: holds {})", key.1, key.0, held.join(", "))
            })
            .collect();
        let more = keys.len().saturating_sub(8);
        if more > 0 {
            format!("[{}; … {more} more]", shown.join("; "))
        } else {
            format!("[{}]", shown.join("; "))
        }
    }

    /// The number of articles holding every term of `words`.
    fn holding(&self, words: &[&str]) -> usize {
        self.articles
            .iter()
            .filter(|a| words.iter().all(|w| a.terms.contains(&term(w))))
            .count()
    }
}

fn assert_all_match(corpus: &Corpus, queries: &[Query]) {
    let failures = corpus.mismatches(queries);
    assert!(
        failures.is_empty(),
        "{} of {} queries returned other articles than the brute-force scan:\n{}",
        failures.len(),
        queries.len(),
        failures.join("\n")
    );
}

/// 200 articles of one to eight paragraphs.
fn random_corpus() -> Corpus {
    let mut writer = Writer::new(0x5eed_0001);
    let files: Vec<(String, String)> = (0..200)
        .map(|i| (format!("a{i:03}.txt"), writer.article(1, 8)))
        .collect();
    Corpus::build(&files)
}

/// Distinct random vocabulary words, as many as asked.
fn random_words(rng: &mut Rng, count: usize) -> Vec<String> {
    let mut words: Vec<&str> = VOCABULARY.to_vec();
    for i in (1..words.len()).rev() {
        words.swap(i, rng.below(i + 1));
    }
    words.iter().take(count).map(|w| w.to_string()).collect()
}

/// Distinct random pairs of two different vocabulary words.
fn random_pairs(rng: &mut Rng, count: usize) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    while pairs.len() < count {
        let two = random_words(rng, 2);
        let pair = (two[0].clone(), two[1].clone());
        if !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    pairs
}

#[test]
fn vocabulary_words_are_distinct_terms() {
    let all: HashSet<String> = VOCABULARY.iter().map(|w| term(w)).collect();
    assert_eq!(all.len(), VOCABULARY.len());
    assert!(!all.contains(&term(LONG_WORD)));
}

#[test]
fn one_word_queries_return_every_article_holding_the_word() {
    let corpus = random_corpus();
    let mut rng = Rng::new(11);
    let queries: Vec<Query> = random_words(&mut rng, QUERIES)
        .into_iter()
        .map(Query::One)
        .collect();
    // The words range from rare to common, so recall is tested at several result sizes.
    let sizes: BTreeSet<usize> = queries.iter().map(|q| corpus.expected(q).len()).collect();
    assert!(
        sizes.len() >= 10,
        "too few distinct result sizes: {sizes:?}"
    );
    assert_all_match(&corpus, &queries);
}

#[test]
fn two_word_queries_return_every_article_holding_both_words() {
    let corpus = random_corpus();
    let mut rng = Rng::new(12);
    let queries: Vec<Query> = random_pairs(&mut rng, QUERIES)
        .into_iter()
        .map(|(a, b)| Query::Both(a, b))
        .collect();
    let matching = queries
        .iter()
        .filter(|q| !corpus.expected(q).is_empty())
        .count();
    assert!(
        matching >= QUERIES / 2,
        "only {matching} pairs co-occur at all"
    );
    assert_all_match(&corpus, &queries);
}

#[test]
fn queries_of_three_to_six_words_return_every_article_holding_two_of_them() {
    let corpus = random_corpus();
    let mut rng = Rng::new(14);
    let queries: Vec<Query> = (0..QUERIES)
        .map(|i| Query::TwoOf(random_words(&mut rng, 3 + i % 4)))
        .collect();
    // Two of the words, not all: most queries match articles that lack one of their words.
    let partial = queries
        .iter()
        .filter(|q| {
            let words = q.words();
            corpus.expected(q).len() > corpus.holding(&words)
        })
        .count();
    assert!(
        partial >= QUERIES / 2,
        "only {partial} queries match beyond their all-words articles"
    );
    assert_all_match(&corpus, &queries);
}

#[test]
fn excluded_word_queries_drop_every_article_holding_it_anywhere() {
    let corpus = random_corpus();
    let mut rng = Rng::new(13);
    let queries: Vec<Query> = random_pairs(&mut rng, QUERIES)
        .into_iter()
        .map(|(a, b)| Query::Without(a, b))
        .collect();
    // The exclusion must bite: most pairs share articles that the query has to drop.
    let biting = queries
        .iter()
        .filter(|q| match q {
            Query::Without(a, b) => corpus.holding(&[a, b]) > 0,
            _ => false,
        })
        .count();
    assert!(
        biting >= QUERIES / 2,
        "only {biting} exclusions drop anything"
    );
    assert_all_match(&corpus, &queries);
}

/// One article of [`LONG_PARAGRAPHS`] paragraphs (each a passage of its own) that all hold
/// [`LONG_WORD`], [`MENTIONS`] articles that mention it once (one in its headline only), and 30
/// articles without it.
fn long_article_corpus() -> Corpus {
    let mut writer = Writer::new(0x5eed_0002);
    let topics = writer.topics();
    let forms = ["tariffs", "tariff", "Tariffs"];
    let paragraphs: Vec<String> = (0..LONG_PARAGRAPHS)
        .map(|i| {
            let mut text = format!("{} {}", forms[i % forms.len()], writer.sentence(&topics));
            // Over the 280 bytes under which a paragraph is merged with the next.
            while text.len() < 300 {
                text.push(' ');
                text.push_str(&writer.sentence(&topics));
            }
            text
        })
        .collect();
    let mut files = vec![(
        "long.txt".to_string(),
        writer.layout("Customs ledger of a long year", &paragraphs),
    )];
    for i in 0..MENTIONS {
        let topics = writer.topics();
        let mut headline = writer.headline(&topics);
        let mut body = writer.body(&topics, 1, 6);
        if i == 0 {
            headline = format!("{headline} {LONG_WORD}");
        } else {
            let at = writer.rng.below(body.len());
            body[at] = format!("{} {} again.", body[at], forms[i % forms.len()]);
        }
        files.push((format!("m{i:02}.txt"), writer.layout(&headline, &body)));
    }
    for i in 0..30 {
        files.push((format!("o{i:02}.txt"), writer.article(1, 6)));
    }
    Corpus::build(&files)
}

#[test]
fn one_long_article_does_not_hide_the_others() {
    let corpus = long_article_corpus();
    let long_term = term(LONG_WORD);
    let long = corpus
        .articles
        .iter()
        .find(|a| a.key.1.ends_with("long.txt"))
        .expect("the long article");
    let matching = long
        .body
        .split("\n\n")
        .filter(|p| terms(p).contains(&long_term))
        .count();
    assert_eq!(matching, LONG_PARAGRAPHS, "matching paragraphs of long.txt");
    assert_eq!(corpus.holding(&[LONG_WORD]), MENTIONS + 1);

    // The long word alone, then each kind of query with and without it: the long article holds
    // most vocabulary words too, in passages with and without each of them.
    let long_word = || LONG_WORD.to_string();
    let mut queries = vec![Query::One(long_word())];
    let mut rng = Rng::new(14);
    let kinds: [fn(String) -> Query; 4] = [
        Query::One,
        |w| Query::Both(LONG_WORD.to_string(), w),
        |w| Query::Without(LONG_WORD.to_string(), w),
        |w| Query::Without(w, LONG_WORD.to_string()),
    ];
    for kind in kinds {
        queries.extend(random_words(&mut rng, QUERIES / 4).into_iter().map(kind));
    }
    assert_all_match(&corpus, &queries);
}

#[test]
fn count_prints_the_number_of_matching_articles() {
    let corpus = random_corpus();
    let queries = [
        Query::One("harbour".to_string()),
        Query::One("vineyard".to_string()),
        Query::Both("river".to_string(), "flood".to_string()),
        Query::Without("minister".to_string(), "budget".to_string()),
        Query::One("xylophonist".to_string()),
    ];
    let expected: Vec<usize> = queries.iter().map(|q| corpus.expected(q).len()).collect();
    assert!(expected.contains(&0), "a query that matches nothing");
    assert!(
        expected.iter().any(|&n| n > 10),
        "a query above -n's default"
    );
    for (query, n) in queries.iter().zip(expected) {
        let text = query.text();
        let status = Some(if n > 0 { 0 } else { 1 });
        let plain = corpus.sb.run(&["--count", "--", &text]);
        assert_eq!(
            (plain.status.code(), stdout(&plain)),
            (status, format!("{n}\n")),
            "`--count {text}`: {}",
            stderr(&plain)
        );
        let json = corpus.sb.run(&["--json", "--count", "--", &text]);
        assert_eq!(json.status.code(), status, "`--json --count {text}`");
        let value: Value = serde_json::from_str(stdout(&json).trim()).unwrap_or_else(|err| {
            panic!(
                "`--json --count {text}` printed {:?} ({err}): {}",
                stdout(&json),
                stderr(&json)
            )
        });
        assert_eq!(value, serde_json::json!({ "v": 1, "count": n }), "`{text}`");
    }
}

/// `n` with commas between thousands: 1841 → `1,841`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[test]
fn thousands_are_separated_by_commas() {
    assert_eq!(thousands(7), "7");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1_841), "1,841");
    assert_eq!(thousands(1_234_567), "1,234,567");
}

#[test]
fn terminal_output_ends_with_shown_of_total() {
    // Over a thousand short articles, so that the total needs a thousands separator; seven of
    // them also mention `lighthouse`.
    let mut writer = Writer::new(0x5eed_0003);
    let files: Vec<(String, String)> = (0..1_050)
        .map(|i| {
            let mut text = writer.article(1, 2);
            if i % 150 == 7 {
                text.push_str("\nThe lighthouse keeper spoke.\n");
            }
            (format!("s{i:04}.txt"), text)
        })
        .collect();
    let corpus = Corpus::build(&files);
    let common = corpus.holding(&["harbour"]);
    assert!(common > 999, "`harbour` in only {common} articles");
    assert_eq!(corpus.holding(&["lighthouse"]), 7);
    for (args, expected) in [
        (
            vec!["harbour"],
            format!("10 of {} articles", thousands(common)),
        ),
        (
            vec!["harbour", "-n", "3"],
            format!("3 of {} articles", thousands(common)),
        ),
        (vec!["lighthouse"], "7 of 7 articles".to_string()),
    ] {
        let out = corpus.sb.run(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert_eq!(
            text.lines().last(),
            Some(expected.as_str()),
            "{args:?} printed:\n{text}"
        );
    }
}
