//! Command-line types (clap derive), and the full command with its help ([`command`]); no I/O,
//! no logic. [`crate::config`] validates them.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

/// Search a folder of news articles for ranked, highlighted passages.
#[derive(Debug, Parser)]
#[command(name = "news-search", version, subcommand_required = true)]
pub struct Cli {
    /// Index folder [default: $NEWS_SEARCH_INDEX, else the per-user data folder]
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to colour output
    #[arg(long, global = true, help_heading = PRINT, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
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
    /// Serve a web page and a JSON API over the index (loopback only unless --public)
    Serve(ServeArgs),
    /// Check the index's files and repair what can be repaired (damaged segments are dropped and their files indexed again)
    Doctor(DoctorArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `news-search man > ~/.local/share/man/man1/news-search.1`
    Man,
}

/// Options of `serve`.
#[derive(Debug, Args)]
#[command(
    after_help = "Open the address it prints in a browser. The API: /api/search, /api/timeline, /api/facets,\n/api/article/ID and /healthz (see the README). Searches see each new commit of a running\n`news-search index` within a second or so."
)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0: any free port, printed at start)
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,

    /// Allow an address other than loopback: anyone who reaches it can search the index
    #[arg(long)]
    pub public: bool,
}

/// Options of `doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Only check and report; change nothing (exit 0 when the index is sound, 2 when not)
    #[arg(long)]
    pub check: bool,
}

/// Options of `completions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Install, for example:\n  news-search completions bash > ~/.local/share/bash-completion/completions/news-search\n  news-search completions zsh > ~/.zfunc/_news-search\n  news-search completions fish > ~/.config/fish/completions/news-search.fish"
)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
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

    /// Print straight to stdout, never through $PAGER (a terminal's output is paged otherwise)
    #[arg(long)]
    pub no_pager: bool,
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

    /// Follow symbolic links out of the named folders too, as `index --follow-links` does
    #[arg(long)]
    pub follow_links: bool,

    /// Print JSON Lines, one object per article
    #[arg(long)]
    pub json: bool,
}

/// Options of `index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and folders to index (folders recursively); none: re-sync every folder indexed before (and finish an interrupted run)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Start over: clear the index, then index
    #[arg(long)]
    pub rebuild: bool,

    /// Follow symbolic links out of the indexed folders too (by default a link is followed only
    /// to a file or folder inside the folder it is in)
    #[arg(long)]
    pub follow_links: bool,

    /// Remove an indexed folder (or file) and every article read from it; repeat for several
    #[arg(long, value_name = "PATH", conflicts_with_all = ["paths", "rebuild"])]
    pub forget: Vec<PathBuf>,

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

/// Help heading of the options that say what to find.
const FIND: &str = "What to find";
/// Help heading of the date options.
const WHEN: &str = "When";
/// Help heading of the output options.
const PRINT: &str = "How to print";

/// Options of `search`.
#[derive(Debug, Args, Default, Clone)]
#[command(after_help = SEARCH_EXAMPLES)]
pub struct SearchArgs {
    /// The query: words (a pasted sentence is fine), "exact phrase", -excluded, +required, a OR b, (groups), headline:, source:, author:, path:, date:. `-` reads it from stdin
    #[arg(value_name = "QUERY", help_heading = FIND)]
    pub query: Vec<String>,

    /// Read the query as plain words only: quotes, signs, brackets and `field:` are not syntax
    #[arg(short = 'F', long = "words", help_heading = FIND)]
    pub words: bool,

    /// Read the query from stdin (as `-` for the query does), after any query words
    #[arg(long, help_heading = FIND)]
    pub stdin: bool,

    /// Only articles from this source (site or publication; any word of its name); repeat for any of several
    #[arg(long, value_name = "NAME", help_heading = FIND)]
    pub source: Vec<String>,

    /// Only articles by this author (any word of the name); repeat for any of several
    #[arg(long, value_name = "NAME", help_heading = FIND)]
    pub author: Vec<String>,

    /// Only articles read from files under this folder (or this file); repeat for any of several
    #[arg(long, value_name = "DIR", help_heading = FIND)]
    pub path: Vec<PathBuf>,

    /// Show every copy of a story (by default copies and near-copies are folded into one hit)
    #[arg(long, help_heading = FIND)]
    pub all: bool,

    /// Only articles published on or after the start of this period (2025, 2025-05, May 2025, 7d, last month, 2025-03..2025-05)
    #[arg(long, value_name = "DATE", help_heading = WHEN)]
    pub since: Option<String>,

    /// Only articles published on or before the end of this period (same forms as --since)
    #[arg(long, value_name = "DATE", help_heading = WHEN)]
    pub until: Option<String>,

    /// Most articles to show
    #[arg(short = 'n', long, value_name = "N", default_value_t = 10, help_heading = PRINT)]
    pub limit: usize,

    /// Most passages to show per article
    #[arg(long, value_name = "N", default_value_t = 1, help_heading = PRINT)]
    pub per_article: usize,

    /// Order of the hits: by relevance, or by date (newest or oldest first; undated last)
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, value_name = "ORDER", help_heading = PRINT)]
    pub sort: SortArg,

    /// Print JSON Lines, one object per hit
    #[arg(long, help_heading = PRINT)]
    pub json: bool,

    /// Print only the paths of the files with matching articles, best first, one per line
    #[arg(short = 'l', long = "files", conflicts_with_all = ["timeline", "count", "json"], help_heading = PRINT)]
    pub files: bool,

    /// Print nothing: the exit status says whether anything matched (0) or not (1)
    #[arg(short, long, conflicts_with_all = ["timeline", "count", "json", "files", "explain"], help_heading = PRINT)]
    pub quiet: bool,

    /// Print only the number of matching articles (with --json: {"count": N})
    #[arg(long, conflicts_with_all = ["timeline", "explain"], help_heading = PRINT)]
    pub count: bool,

    /// Instead of hits, count every matching article per day, week, month or year
    #[arg(long, help_heading = PRINT)]
    pub timeline: bool,

    /// Bucket size of --timeline [default: chosen from the span of the matches]
    #[arg(long, value_enum, value_name = "UNIT", requires = "timeline", help_heading = PRINT)]
    pub by: Option<ByArg>,

    /// Before the results, show how the query was read, the date window, and each hit's score
    #[arg(long, help_heading = PRINT)]
    pub explain: bool,

    /// Rank without a part (min-match, headline, proximity, feedback, folding), to measure it
    #[arg(long, value_name = "PART", hide = true)]
    pub ablate: Vec<String>,
}

/// The examples under the top-level help.
const TOP_EXAMPLES: &str = "Examples:
  news-search index ~/news                          index a folder (again: only what changed)
  news-search \"export controls\" --since 2025-01      search
  news-search 'oil -prices source:reuters'          exclude a word, one source
  news-search --timeline tariffs                    matches over time
  news-search show c7b1dbcd6001                     a whole article, by the id a hit shows
  news-search stats                                 what the index holds
  news-search serve                                 a web page at http://127.0.0.1:8080
  news-search completions bash                      shell completions (also zsh, fish)";

/// The examples under `search --help`.
const SEARCH_EXAMPLES: &str = "Examples:
  news-search \"export controls\" --since 2025-01      both words, from January 2025 on
  news-search 'Fed chair: \"no rush\" to raise rates'  a pasted headline
  news-search 'oil -prices source:reuters'          exclude a word, one source
  news-search --path ~/news/bbc -n 20 election      one folder, 20 hits
  news-search --timeline --by month tariffs         matches per month
  news-search -l drought | xargs ls -l              the files, for other tools
  pbpaste | news-search -                           the query from stdin
  news-search -- index                              search for a command's name";

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

/// The whole command line as clap sees it: the derived one, with the search options and
/// examples shown under the top-level help too, since a bare query searches.
pub fn command() -> clap::Command {
    let mut command = Cli::command();
    let search_options = command
        .find_subcommand_mut("search")
        .map(|search| {
            let mut search = search
                .clone()
                .disable_help_flag(true)
                .help_template("{all-args}");
            search.render_help()
        })
        .unwrap_or_default();
    let mut after = clap::builder::StyledStr::new();
    after.push_str(
        "Search (the default command: `news-search QUERY` is `news-search search QUERY`):\n\n",
    );
    after.push_str(&search_options.ansi().to_string());
    after.push_str("\n\n");
    after.push_str(TOP_EXAMPLES);
    command = command
        .override_usage("news-search [OPTIONS] <QUERY>...\n       news-search [OPTIONS] <COMMAND>")
        .after_help(after);
    command
}
