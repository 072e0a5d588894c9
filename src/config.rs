//! Raw arguments → validated settings: the index location resolved, dates parsed, colour decided.
//!
//! Nothing here reads the index; errors name the argument that is wrong.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::CommandFactory;

use crate::cli::{Cli, ColorChoice, SearchArgs};
use crate::search::SearchRequest;
use crate::search::period::DateWindow;

/// Environment variable naming the index folder.
pub const INDEX_ENV: &str = "NEWS_SEARCH_INDEX";

/// Makes `search` the default command: when the first word that is neither an option nor an
/// option's value is not a command name, `search` is inserted so that
/// `news-search --json "export controls"` means `news-search search --json "export controls"`.
pub fn with_default_command(args: Vec<OsString>) -> Vec<OsString> {
    let command = Cli::command();
    let names: Vec<String> = command
        .get_subcommands()
        .flat_map(|c| {
            std::iter::once(c.get_name().to_string()).chain(c.get_all_aliases().map(str::to_string))
        })
        .chain(["help".to_string()])
        .collect();
    let search = command.find_subcommand("search");
    let takes_value = |flag: &str| {
        let all = command
            .get_arguments()
            .chain(search.into_iter().flat_map(|s| s.get_arguments()));
        all.filter(|a| a.get_action().takes_values()).any(|a| {
            flag.strip_prefix("--")
                .is_some_and(|long| a.get_long() == Some(long))
                || flag
                    .strip_prefix('-')
                    .and_then(|s| s.chars().next())
                    .is_some_and(|c| flag.len() == 2 && a.get_short() == Some(c))
        })
    };
    let mut i = 1;
    while i < args.len() {
        let word = args[i].to_string_lossy();
        if word == "--" || !word.starts_with('-') || word == "-" {
            let is_command = names.iter().any(|n| *n == word);
            if is_command {
                return args;
            }
            let mut rewritten = args;
            rewritten.insert(1, OsString::from("search"));
            return rewritten;
        }
        i += if !word.contains('=') && takes_value(&word) {
            2
        } else {
            1
        };
    }
    // Options only: a search without a query (reported as such) unless help or version is asked.
    let asks_help = args.iter().skip(1).any(|a| {
        let a = a.to_string_lossy();
        matches!(a.as_ref(), "-h" | "--help" | "-V" | "--version")
    });
    if args.len() > 1 && !asks_help {
        let mut rewritten = args;
        rewritten.insert(1, OsString::from("search"));
        return rewritten;
    }
    args
}

/// Where the index lives: `--index`, else `$NEWS_SEARCH_INDEX`, else the platform's per-user data
/// folder (`~/.local/share/news-search/index` on Linux).
pub fn resolve_index_path(flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path);
    }
    if let Some(value) = std::env::var_os(INDEX_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(value));
    }
    match dirs::data_dir() {
        Some(dir) => Ok(dir.join("news-search").join("index")),
        None => bail!(
            "no per-user data folder on this system; give the index folder with --index DIR or ${INDEX_ENV}"
        ),
    }
}

/// Whether to colour output on stdout.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Checks search arguments and turns them into a request.
pub fn search_request(args: &SearchArgs) -> Result<SearchRequest> {
    let query = args.query.join(" ");
    if query.trim().is_empty() {
        bail!("no query given; try `news-search \"export controls\"` or `news-search --help`");
    }
    if args.per_article == 0 {
        bail!("--per-article must be at least 1");
    }
    let window = DateWindow::from_args(
        args.since.as_deref(),
        args.until.as_deref(),
        chrono::Local::now().date_naive(),
    )?;
    Ok(SearchRequest {
        query,
        window,
        limit: args.limit,
        per_article: args.per_article,
        all: args.all,
    })
}
