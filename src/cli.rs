//! Command-line types (clap derive) only: no I/O, no logic. [`crate::config`] validates them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Search a folder of news articles for ranked, highlighted passages.
#[derive(Debug, Parser)]
#[command(
    name = "news-search",
    version,
    subcommand_required = true,
    after_help = "Examples:\n  news-search index corpus/\n  news-search \"export controls\" --since 2025-01\n  news-search --json 'headline:deepseek -nvidia'\n  news-search --timeline oil\n  news-search 'date:2025-03..2025-05 export controls' --sort newest\n  news-search show c7b1dbcd6001"
)]
pub struct Cli {
    /// Index folder [default: $NEWS_SEARCH_INDEX, else the per-user data folder]
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// What to do; `search` may be left out (`news-search "export controls"`)
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index every article file under the given files and folders
    Index(IndexArgs),
    /// Search the index (the default command)
    Search(SearchArgs),
    /// Show how files are read (date, headline, body…) without indexing them
    Parse(ParseArgs),
    /// Show what the index holds: counts, dates, size, folders
    Stats(StatsArgs),
    /// Print one whole article, by the id every hit shows, as `parse` reads it from its file
    Show(ShowArgs),
}

/// Options of `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id, as shown by a search hit (`show ID` on the hit's date line)
    #[arg(value_name = "ID")]
    pub id: String,

    /// Print JSON Lines, one object per article (as `parse --json`)
    #[arg(long)]
    pub json: bool,
}

/// Options of `stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

/// Options of `parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files and folders to read (folders recursively)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print JSON Lines, one object per article
    #[arg(long)]
    pub json: bool,
}

/// Options of `index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and folders to index (folders recursively); none: re-sync every folder indexed before
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Start over: clear the index, then index
    #[arg(long)]
    pub rebuild: bool,

    /// List every skipped file and record with its reason
    #[arg(short, long)]
    pub verbose: bool,

    /// No progress bar
    #[arg(short, long)]
    pub quiet: bool,

    /// Index writer memory budget in MB
    #[arg(long, value_name = "MB", default_value_t = 128)]
    pub memory: usize,

    /// Commit at least every this many seconds (a crash loses at most that much work)
    #[arg(long, value_name = "SECS", default_value_t = 10, hide = true)]
    pub commit_every: u64,
}

/// Options of `search`.
#[derive(Debug, Args, Default)]
pub struct SearchArgs {
    /// The query: words, "exact phrases", AND/OR, -excluded, headline:word, source:name
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Read the query as plain words only: quotes, signs, brackets and `field:` are not syntax
    #[arg(short = 'F', long = "words")]
    pub words: bool,

    /// Only articles from this source (site or publication; any word of its name); repeat for any of several
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,

    /// Only articles by this author (any word of the name); repeat for any of several
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,

    /// Only articles read from files under this folder (or this file); repeat for any of several
    #[arg(long, value_name = "DIR")]
    pub path: Vec<PathBuf>,

    /// Only articles published on or after the start of this period (2025, 2025-05, May 2025, 7d, last month, 2025-03..2025-05)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles published on or before the end of this period (2025, 2025-05, May 2025, 7d, last month, 2025-03..2025-05)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Most articles to show
    #[arg(short = 'n', long, value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Most passages to show per article
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub per_article: usize,

    /// Show every copy of a story (by default copies and near-copies are folded into one hit)
    #[arg(long)]
    pub all: bool,

    /// Print JSON Lines, one object per hit
    #[arg(long)]
    pub json: bool,

    /// Order of the hits: by relevance, or by date (newest or oldest first; undated last)
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, value_name = "ORDER")]
    pub sort: SortArg,

    /// Instead of hits, count every matching article per day, week, month or year
    #[arg(long)]
    pub timeline: bool,

    /// Bucket size of --timeline [default: chosen from the span of the matches]
    #[arg(long, value_enum, value_name = "UNIT", requires = "timeline")]
    pub by: Option<ByArg>,

    /// Before the results, show the query as understood and the resolved date window
    #[arg(long)]
    pub explain: bool,

    /// Print only the number of matching articles (with --json: {"count": N})
    #[arg(long, conflicts_with_all = ["timeline", "explain"])]
    pub count: bool,

    /// Rank without a part (min-match, headline, proximity, feedback, folding), to measure it
    #[arg(long, value_name = "PART", hide = true)]
    pub ablate: Vec<String>,
}

/// `--sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SortArg {
    /// Best-matching articles first
    #[default]
    Relevance,
    /// Latest publication date first
    Newest,
    /// Earliest publication date first
    Oldest,
}

/// `--by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// One bar per day
    Day,
    /// One bar per ISO week (Monday to Sunday)
    Week,
    /// One bar per calendar month
    Month,
    /// One bar per year
    Year,
}

/// Colour choice, as in ripgrep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    #[default]
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}
