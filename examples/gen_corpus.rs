//! A synthetic news corpus of any size, for the benchmark only (`scripts/bench --generate N`).
//!
//! Its statistics are taken at run time from the real collections in `../shared/corpora` (read with
//! news-search's own parsers): the word frequency list (a Zipf vocabulary, with surface forms as
//! they appear, so proper nouns keep their capital) with which word follows which (bigrams, so
//! collocations such as `prime minister` occur), the share of words seen only once (drawn
//! from a long synthetic Zipf tail, so the vocabulary keeps growing with the corpus as a real
//! one does), commas per word, and the observed distributions of words per sentence, sentences
//! per paragraph, paragraphs per article and words per headline. Without that folder a small
//! built-in profile is used, so the generator runs anywhere. Nothing derived is written to disk.
//!
//! Articles are reproducible from `--seed` alone: article `i` draws from its own splitmix64
//! stream. Dates are uniform over 2006-01-01..2025-12-31. Output, per block of 1,000 articles:
//! `jsonl/part-NNNNN.jsonl` (one `{"id","title","date","text","source"}` object a line) and/or
//! `txt/NNNNN/ID.txt` (headline, blank line, a date line in one of four forms, blank line,
//! paragraphs). `--format mixed` (the default) writes 5% of each block as `.txt`, the rest as
//! JSON Lines, which keeps 1M articles to about 51,000 files.
//!
//! Usage: `cargo run --release --example gen_corpus -- --articles N [--seed 42] --out DIR
//! [--format txt|jsonl|mixed] [--corpora DIR]`

use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::{Datelike, Duration, NaiveDate};
use news_search::article::Article;
use news_search::article::sentence::sentence_spans;
use news_search::ingest::FileOutcome;
use news_search::ingest::read::read_file;
use news_search::ingest::walk::{Found, walk_files};
use rayon::prelude::*;

/// Articles per output block (one JSONL file, one `.txt` folder).
const BLOCK: usize = 1_000;
/// Articles of each block written as `.txt` with `--format mixed`.
const MIXED_TXT_PER_BLOCK: usize = 50;
/// Size of the synthetic rare-word tail.
const TAIL_WORDS: f64 = 5_000_000.0;
/// Most observations kept per length distribution.
const MAX_SAMPLES: usize = 200_000;
/// Chance that a word follows its predecessor as in the real texts (a bigram) rather than being
/// drawn alone: keeps collocations such as `prime minister` or `oil prices`, so phrase queries
/// find what they would in real news.
const BIGRAM_SHARE: f64 = 0.7;

fn main() -> Result<()> {
    let opts = Options::parse(std::env::args().skip(1).collect())?;
    let stats = match Stats::from_corpora(&opts.corpora)? {
        Some(stats) => stats,
        None => {
            eprintln!(
                "gen_corpus: no articles under {}, using the built-in profile",
                opts.corpora.display()
            );
            Stats::fallback()
        }
    };
    eprintln!("gen_corpus: {}", stats.summary());
    fs::create_dir_all(&opts.out).with_context(|| format!("creating {}", opts.out.display()))?;
    let blocks = opts.articles.div_ceil(BLOCK);
    let bytes: u64 = (0..blocks)
        .into_par_iter()
        .map(|block| write_block(&opts, &stats, block))
        .collect::<Result<Vec<u64>>>()?
        .iter()
        .sum();
    eprintln!(
        "gen_corpus: wrote {} articles ({:.1} MB of text) to {}",
        opts.articles,
        bytes as f64 / 1e6,
        opts.out.display()
    );
    Ok(())
}

/// Output layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Txt,
    Jsonl,
    Mixed,
}

/// Command-line options.
struct Options {
    articles: usize,
    seed: u64,
    out: PathBuf,
    layout: Layout,
    corpora: PathBuf,
}

impl Options {
    fn parse(args: Vec<String>) -> Result<Options> {
        let mut opts = Options {
            articles: 0,
            seed: 42,
            out: PathBuf::new(),
            layout: Layout::Mixed,
            corpora: PathBuf::from("../shared/corpora"),
        };
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--articles" => opts.articles = value()?.parse().context("--articles")?,
                "--seed" => opts.seed = value()?.parse().context("--seed")?,
                "--out" => opts.out = PathBuf::from(value()?),
                "--corpora" => opts.corpora = PathBuf::from(value()?),
                "--format" => {
                    opts.layout = match value()?.as_str() {
                        "txt" => Layout::Txt,
                        "jsonl" => Layout::Jsonl,
                        "mixed" => Layout::Mixed,
                        other => bail!("unknown --format {other} (txt, jsonl or mixed)"),
                    }
                }
                other => bail!(
                    "unknown argument {other}\nusage: gen_corpus --articles N [--seed 42] --out DIR [--format txt|jsonl|mixed] [--corpora DIR]"
                ),
            }
        }
        if opts.articles == 0 || opts.out.as_os_str().is_empty() {
            bail!(
                "usage: gen_corpus --articles N [--seed 42] --out DIR [--format txt|jsonl|mixed]"
            );
        }
        Ok(opts)
    }
}

/// splitmix64: tiny, fast, good enough for text statistics.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// What the generator imitates.
struct Stats {
    /// Surface forms, most frequent first.
    words: Vec<String>,
    /// Cumulative counts of `words`.
    cumulative: Vec<u64>,
    /// Successors of word `w`: `next[next_start[w]..next_start[w + 1]]`, with cumulative counts
    /// in `next_cumulative` (the same slots).
    next_start: Vec<usize>,
    next: Vec<u32>,
    next_cumulative: Vec<u64>,
    /// Share of running words drawn from the rare tail.
    rare_share: f64,
    /// Commas per word.
    comma_rate: f64,
    sentence_words: Vec<u32>,
    paragraph_sentences: Vec<u32>,
    article_paragraphs: Vec<u32>,
    headline_words: Vec<u32>,
    /// How many real articles the figures come from (0: built-in).
    source_articles: usize,
}

impl Stats {
    /// Statistics of every article news-search reads under `dir`; `None` when there is none.
    fn from_corpora(dir: &Path) -> Result<Option<Stats>> {
        if !dir.is_dir() {
            return Ok(None);
        }
        let today = chrono::Local::now().date_naive();
        let files: Vec<PathBuf> = walk_files(&[dir.to_path_buf()], false)
            .into_iter()
            .filter_map(|found| match found {
                Found::File(path) => Some(path),
                Found::Error(..) | Found::Skipped(..) => None,
            })
            .collect();
        let articles: Vec<Article> = files
            .par_iter()
            .flat_map_iter(|path| match read_file(path, None, &[], today) {
                FileOutcome::Read { parsed, .. } => parsed.articles,
                _ => Vec::new(),
            })
            .collect();
        if articles.len() < 100 {
            return Ok(None);
        }
        let mut counts: HashMap<String, (u64, HashMap<String, u64>)> = HashMap::new();
        let (mut running, mut commas) = (0u64, 0u64);
        let mut stats = Stats::empty();
        stats.source_articles = articles.len();
        for article in &articles {
            let headline = words_of(&article.headline).count();
            if headline > 0 {
                push_sample(&mut stats.headline_words, headline);
            }
            if !article.body.is_empty() {
                push_sample(&mut stats.article_paragraphs, article.body.len());
            }
            for paragraph in &article.body {
                let spans = sentence_spans(&paragraph.text);
                push_sample(&mut stats.paragraph_sentences, spans.len().max(1));
                for span in spans {
                    let sentence = &paragraph.text[span];
                    commas += sentence.matches(',').count() as u64;
                    let mut n = 0;
                    for word in words_of(sentence) {
                        let entry = counts.entry(word.to_lowercase()).or_default();
                        entry.0 += 1;
                        *entry.1.entry(word.to_string()).or_default() += 1;
                        n += 1;
                    }
                    running += n as u64;
                    if n > 0 {
                        push_sample(&mut stats.sentence_words, n);
                    }
                }
            }
        }
        let mut vocab: Vec<(u64, String)> = Vec::new();
        let mut hapax = 0u64;
        for (_, (count, forms)) in counts {
            if count < 2 {
                hapax += 1;
                continue;
            }
            let form = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(form, _)| form)
                .unwrap_or_default();
            vocab.push((count, form));
        }
        vocab.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let rank: HashMap<String, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, (_, form))| (form.to_lowercase(), i as u32))
            .collect();
        let mut pairs: HashMap<(u32, u32), u64> = HashMap::new();
        for paragraph in articles.iter().flat_map(|a| &a.body) {
            for span in sentence_spans(&paragraph.text) {
                let mut prev = None;
                for word in words_of(&paragraph.text[span]) {
                    let this = rank.get(&word.to_lowercase()).copied();
                    if let (Some(p), Some(t)) = (prev, this) {
                        *pairs.entry((p, t)).or_default() += 1;
                    }
                    prev = this;
                }
            }
        }
        stats.rare_share = hapax as f64 / running.max(1) as f64;
        stats.comma_rate = commas as f64 / running.max(1) as f64;
        stats.set_vocabulary(vocab);
        stats.set_bigrams(pairs);
        Ok(Some(stats))
    }

    fn empty() -> Stats {
        Stats {
            words: Vec::new(),
            cumulative: Vec::new(),
            next_start: Vec::new(),
            next: Vec::new(),
            next_cumulative: Vec::new(),
            rare_share: 0.0,
            comma_rate: 0.0,
            sentence_words: Vec::new(),
            paragraph_sentences: Vec::new(),
            article_paragraphs: Vec::new(),
            headline_words: Vec::new(),
            source_articles: 0,
        }
    }

    /// A small profile of English news prose, for machines without the real collections.
    fn fallback() -> Stats {
        const WORDS: &str = "the of to and a in said for on that is was with it by at as from \
            he has be his have are an will its but were year not which had percent also who they \
            government would been new company their more president after this one two million \
            market minister people first last over up than billion police about market shares \
            court officials state week told could into other bank prices years election party \
            trade country economy oil growth rates report security talks workers city health \
            students energy climate policy deal Monday Tuesday Wednesday Thursday Friday China \
            Europe London Washington investors analysts according group chief minister public";
        let vocab = WORDS
            .split_whitespace()
            .enumerate()
            .map(|(rank, w)| (1_000_000 / (rank as u64 + 1), w.to_string()))
            .collect();
        let mut stats = Stats::empty();
        stats.rare_share = 0.02;
        stats.comma_rate = 0.05;
        stats.sentence_words = (8..=38).collect();
        stats.paragraph_sentences = vec![1, 1, 1, 2, 2, 2, 3, 4];
        stats.article_paragraphs = (2..=14).collect();
        stats.headline_words = (4..=12).collect();
        stats.set_vocabulary(vocab);
        stats.set_bigrams(HashMap::new());
        stats
    }

    fn set_vocabulary(&mut self, vocab: Vec<(u64, String)>) {
        let mut total = 0;
        for (count, word) in vocab {
            total += count;
            self.cumulative.push(total);
            self.words.push(word);
        }
    }

    fn set_bigrams(&mut self, pairs: HashMap<(u32, u32), u64>) {
        let mut pairs: Vec<((u32, u32), u64)> = pairs.into_iter().collect();
        pairs.sort_unstable();
        let mut at = 0;
        for word in 0..self.words.len() {
            self.next_start.push(self.next.len());
            let mut total = 0;
            while at < pairs.len() && pairs[at].0.0 as usize == word {
                total += pairs[at].1;
                self.next.push(pairs[at].0.1);
                self.next_cumulative.push(total);
                at += 1;
            }
        }
        self.next_start.push(self.next.len());
    }

    fn summary(&self) -> String {
        let mean = |v: &[u32]| v.iter().map(|&x| f64::from(x)).sum::<f64>() / v.len() as f64;
        let from = if self.source_articles > 0 {
            format!("{} real articles", self.source_articles)
        } else {
            "the built-in profile".to_string()
        };
        format!(
            "statistics from {from}: {} words in the vocabulary, {} bigrams, {:.1}% rare words, \
             mean {:.1} words/sentence, {:.1} sentences/paragraph, {:.1} paragraphs/article, \
             {:.1} words/headline",
            self.words.len(),
            self.next.len(),
            self.rare_share * 100.0,
            mean(&self.sentence_words),
            mean(&self.paragraph_sentences),
            mean(&self.article_paragraphs),
            mean(&self.headline_words),
        )
    }

    /// One running word after `prev` (the vocabulary rank of the word before, if any), and its
    /// own rank (`None` for a rare word).
    fn word(&self, rng: &mut Rng, prev: Option<u32>) -> (&str, Option<u32>) {
        if rng.unit() < self.rare_share {
            return ("", None);
        }
        if let Some(prev) = prev
            && rng.unit() < BIGRAM_SHARE
        {
            let (from, to) = (
                self.next_start[prev as usize],
                self.next_start[prev as usize + 1],
            );
            if from < to {
                let slots = &self.next_cumulative[from..to];
                let target = rng.next() % slots[slots.len() - 1];
                let at = self.next[from + slots.partition_point(|&c| c <= target)];
                return (&self.words[at as usize], Some(at));
            }
        }
        let total = *self
            .cumulative
            .last()
            .expect("the vocabulary is never empty");
        let target = rng.next() % total;
        let at = self.cumulative.partition_point(|&c| c <= target);
        (&self.words[at], Some(at as u32))
    }

    /// `len` running words, the first capitalised, commas as often as in the real texts.
    fn words(&self, rng: &mut Rng, len: u32, commas: bool) -> String {
        let mut text = String::new();
        let mut prev = None;
        for i in 0..len {
            let (word, rank) = self.word(rng, prev);
            let word = if rank.is_none() {
                rare_word(rng)
            } else {
                word.to_string()
            };
            if i == 0 {
                text.push_str(&capitalise(&word));
            } else {
                text.push(' ');
                text.push_str(&word);
            }
            if commas && i + 1 < len && rng.unit() < self.comma_rate {
                text.push(',');
                prev = None;
            } else {
                prev = rank;
            }
        }
        text
    }
}

/// Words of a text: whitespace-separated, stripped of surrounding punctuation.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

fn push_sample(samples: &mut Vec<u32>, value: usize) {
    if samples.len() < MAX_SAMPLES {
        samples.push(u32::try_from(value).unwrap_or(u32::MAX));
    }
}

/// A word of the rare tail: Zipf-distributed ranks spelled as syllables, names capitalised.
fn rare_word(rng: &mut Rng) -> String {
    const SYLLABLES: [&str; 32] = [
        "ka", "lo", "ri", "men", "tas", "vor", "shi", "dun", "pel", "gra", "bo", "zen", "mar",
        "tel", "qui", "sor", "na", "bel", "dri", "fo", "lan", "kir", "po", "vash", "ul", "hem",
        "cor", "tri", "jo", "wen", "sa", "gel",
    ];
    let rank = TAIL_WORDS.powf(rng.unit()) as u64 + 1024;
    let mut word = String::new();
    let mut n = rank;
    while n > 0 {
        word.push_str(SYLLABLES[(n % 32) as usize]);
        n /= 32;
    }
    if rank.is_multiple_of(2) {
        capitalise(&word)
    } else {
        word
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One synthetic article.
struct Synthetic {
    id: String,
    date: NaiveDate,
    headline: String,
    paragraphs: Vec<String>,
}

fn make_article(stats: &Stats, seed: u64, index: usize) -> Synthetic {
    let mut rng = Rng::new(seed, index as u64);
    let first = NaiveDate::from_ymd_opt(2006, 1, 1).expect("a valid date");
    let days = (NaiveDate::from_ymd_opt(2025, 12, 31).expect("a valid date") - first).num_days();
    let date = first + Duration::days(rng.below(days as usize + 1) as i64);
    let headline_len = rng.pick(&stats.headline_words).clamp(2, 30);
    let headline = stats.words(&mut rng, headline_len, false);
    let paragraphs = (0..rng.pick(&stats.article_paragraphs).clamp(1, 60))
        .map(|_| {
            let sentences: Vec<String> = (0..rng.pick(&stats.paragraph_sentences).clamp(1, 20))
                .map(|_| make_sentence(stats, &mut rng))
                .collect();
            sentences.join(" ")
        })
        .collect();
    Synthetic {
        id: format!("gen-{index:07}"),
        date,
        headline,
        paragraphs,
    }
}

fn make_sentence(stats: &Stats, rng: &mut Rng) -> String {
    let len = rng.pick(&stats.sentence_words).clamp(1, 120);
    let mut sentence = stats.words(rng, len, true);
    sentence.push('.');
    sentence
}

/// The date line of a `.txt` article, in one of the forms news-search reads.
fn date_line(date: NaiveDate, form: usize) -> String {
    match form % 4 {
        0 => date.format("%B %-d, %Y").to_string(),
        1 => date.format("%-d %B %Y").to_string(),
        2 => date.format("%Y-%m-%d").to_string(),
        _ => format!(
            "{}, {} 09:30:00 GMT",
            date.weekday(),
            date.format("%-d %b %Y")
        ),
    }
}

/// Writes block `block`; returns the bytes written.
fn write_block(opts: &Options, stats: &Stats, block: usize) -> Result<u64> {
    let start = block * BLOCK;
    let end = (start + BLOCK).min(opts.articles);
    let as_txt = match opts.layout {
        Layout::Txt => BLOCK,
        Layout::Jsonl => 0,
        Layout::Mixed => MIXED_TXT_PER_BLOCK,
    };
    let mut bytes = 0u64;
    let mut jsonl: Option<BufWriter<fs::File>> = None;
    for index in start..end {
        let article = make_article(stats, opts.seed, index);
        if index - start < as_txt {
            let dir = opts.out.join("txt").join(format!("{block:05}"));
            fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            let text = format!(
                "{}\n\n{}\n\n{}\n",
                article.headline,
                date_line(article.date, index),
                article.paragraphs.join("\n\n")
            );
            let path = dir.join(format!("{}.txt", article.id));
            fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
            bytes += text.len() as u64;
        } else {
            if jsonl.is_none() {
                let dir = opts.out.join("jsonl");
                fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
                let path = dir.join(format!("part-{block:05}.jsonl"));
                let file = fs::File::create(&path)
                    .with_context(|| format!("creating {}", path.display()))?;
                jsonl = Some(BufWriter::new(file));
            }
            let line = serde_json::json!({
                "id": article.id,
                "title": article.headline,
                "date": article.date.format("%Y-%m-%d").to_string(),
                "text": article.paragraphs.join("\n\n"),
                "source": "synthetic",
            })
            .to_string();
            if let Some(out) = jsonl.as_mut() {
                writeln!(out, "{line}").context("writing JSON Lines")?;
            }
            bytes += line.len() as u64 + 1;
        }
    }
    if let Some(mut out) = jsonl {
        out.flush().context("writing JSON Lines")?;
    }
    Ok(bytes)
}
