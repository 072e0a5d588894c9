//! Raw arguments → validated settings: the index location resolved, dates parsed, colour decided.
//!
//! Nothing here reads the index; errors name the argument that is wrong. `date:` clauses are
//! taken out of the query here and combined with `--since`/`--until`.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::cli::{ByArg, ColorChoice, SearchArgs, SortArg};
use crate::search::period::{DateWindow, extract_date_clause};
use crate::search::query::Filters;
use crate::search::rerank::Ranking;
use crate::search::timeline::Unit;
use crate::search::{SearchRequest, Sort};

/// Most articles `-n` may ask for: more than any archive this tool is for would return, and
/// small enough that every buffer sized by it stays bounded.
pub const MAX_LIMIT: usize = 1_000_000;
/// Most passages `--per-article` may ask for.
pub const MAX_PER_ARTICLE: usize = 10_000;

/// Environment variable naming the index folder.
pub const INDEX_ENV: &str = "NEWS_SEARCH_INDEX";

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

/// Checks search arguments and turns them into a request, with today's date for relative dates.
pub fn search_request(args: &SearchArgs) -> Result<SearchRequest> {
    search_request_on(args, chrono::Local::now().date_naive())
}

/// [`search_request`] with `today` given. `date:` clauses are taken out of the query and their
/// window intersected with `--since`/`--until`. A query left without words lists every article
/// in its date window, newest first unless `--sort` says otherwise; with no date restriction
/// that is allowed only for `--timeline` (the whole index over time).
pub fn search_request_on(args: &SearchArgs, today: NaiveDate) -> Result<SearchRequest> {
    let (query, clause) = extract_date_clause(&args.query.join(" "), today)?;
    if !(1..=MAX_LIMIT).contains(&args.limit) {
        bail!(
            "-n takes 1 to {MAX_LIMIT} articles, not {}; `--count` says how many match",
            args.limit
        );
    }
    if !(1..=MAX_PER_ARTICLE).contains(&args.per_article) {
        bail!(
            "--per-article takes 1 to {MAX_PER_ARTICLE} passages, not {}",
            args.per_article
        );
    }
    let flags = DateWindow::from_args(args.since.as_deref(), args.until.as_deref(), today)?;
    let window = clause.map_or(flags, |c| flags.intersect(c));
    if window.is_empty() {
        bail!(
            "the query's date: clause ({}) and --since/--until ({}) have no day in common",
            clause.unwrap_or_default(),
            flags
        );
    }
    let sort = match args.sort {
        SortArg::Relevance if query.is_empty() => Sort::Newest,
        SortArg::Relevance => Sort::Relevance,
        SortArg::Newest => Sort::Newest,
        SortArg::Oldest => Sort::Oldest,
    };
    let mut ranking = Ranking::default();
    let mut all = args.all;
    for part in &args.ablate {
        if part == "folding" {
            all = true;
        } else if !ranking.switch_off(part) {
            bail!(
                "--ablate takes min-match, headline, proximity, feedback or folding, not `{part}`"
            );
        }
    }
    let filters = Filters {
        sources: args.source.clone(),
        authors: args.author.clone(),
        paths: args
            .path
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
    };
    if query.is_empty() && window.is_open() && !args.timeline && filters.is_empty() {
        bail!("no query given; try `news-search \"export controls\"` or `news-search --help`");
    }
    Ok(SearchRequest {
        query,
        words_only: args.words,
        filters,
        window,
        limit: args.limit,
        offset: 0,
        per_article: args.per_article,
        all,
        sort,
        explain: args.explain,
        ranking,
    })
}

/// The bucket size `--by` asks for (`None`: chosen from the matches).
pub fn timeline_unit(by: Option<ByArg>) -> Option<Unit> {
    by.map(|by| match by {
        ByArg::Day => Unit::Day,
        ByArg::Week => Unit::Week,
        ByArg::Month => Unit::Month,
        ByArg::Year => Unit::Year,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
    }

    fn args(query: &str) -> SearchArgs {
        SearchArgs {
            query: vec![query.to_string()],
            limit: 10,
            per_article: 1,
            ..SearchArgs::default()
        }
    }

    fn request(args: &SearchArgs) -> SearchRequest {
        search_request_on(args, today()).unwrap_or_else(|e| panic!("{e:#}"))
    }

    fn error(args: &SearchArgs) -> String {
        match search_request_on(args, today()) {
            Ok(r) => panic!("should fail, got {r:?}"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn date_clause_leaves_the_query_and_narrows_the_flags() {
        let mut a = args("date:2025-03..2025-05 export controls");
        a.since = Some("2025-04-15".into());
        let r = request(&a);
        assert_eq!(r.query, "export controls");
        assert_eq!(r.window.since, d(2025, 4, 15));
        assert_eq!(r.window.until, d(2025, 5, 31));
        assert_eq!(r.sort, Sort::Relevance);
    }

    #[test]
    fn date_only_query_browses_newest_first() {
        let r = request(&args("date:2025-05"));
        assert_eq!(r.query, "");
        assert_eq!(
            (r.window.since, r.window.until),
            (d(2025, 5, 1), d(2025, 5, 31))
        );
        assert_eq!(r.sort, Sort::Newest);
        let mut oldest = args("date:\"last month\"");
        oldest.sort = SortArg::Oldest;
        let r = request(&oldest);
        assert_eq!((r.window.since, r.sort), (d(2026, 10, 1), Sort::Oldest));
    }

    #[test]
    fn nothing_to_search_is_an_error_unless_a_timeline() {
        assert!(error(&args("  ")).contains("no query given"));
        let mut timeline = args("");
        timeline.timeline = true;
        assert!(request(&timeline).window.is_open());
    }

    #[test]
    fn disjoint_clause_and_flags_are_an_error() {
        let mut a = args("oil date:1987");
        a.since = Some("2025".into());
        let message = error(&a);
        assert!(message.contains("no day in common"), "{message}");
        assert!(error(&args("oil date:2025-13")).contains("`date:2025-13`"));
    }
}
