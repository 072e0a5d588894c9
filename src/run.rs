//! The commands, end to end: each wires config → ingest/index/search → render.
//!
//! `run` returns whether a search found something; turning that or an error into an exit
//! status is left to `main.rs`.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use chrono::Local;

use crate::cli::{
    Cli, Command, IndexArgs, ParseArgs, SearchArgs, ServeArgs, ShowArgs, StatsArgs, command,
};
use crate::config::{resolve_index_path, search_request, timeline_unit, use_color};
use crate::index::lookup::paths_of_id;
use crate::index::manifest::{Manifest, load_manifest, roots_of};
use crate::index::stats::index_stats;
use crate::index::{
    FORMAT_FILE, FORMAT_VERSION, IndexError, IndexSink, NewsIndex, create_or_open, doctor,
    open_index, remove_index_files,
};
use crate::ingest::walk::{Found, walk_files};
use crate::ingest::{FileOutcome, IndexOptions, Silent, file_key, forget, index_paths, read_file};
use crate::render;
use crate::render::progress::Bar;
use crate::render::safe::line;
use crate::search::explain::explain;
use crate::search::query::NoWords;
use crate::search::{count, search, search_counted, search_timeline};

/// How a successful command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found or done.
    Found,
    /// A search matched nothing.
    NothingFound,
    /// The command finished but some inputs failed (reported on stderr).
    PartlyFailed,
    /// Stopped by Ctrl-C after committing what was done.
    Interrupted,
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<Outcome> {
    let index_path = resolve_index_path(cli.index)?;
    let color = use_color(cli.color);
    match cli.command {
        Command::Index(args) => run_index(&index_path, &args),
        Command::Search(args) => run_search(&index_path, &args, color),
        Command::Parse(args) => run_parse(&index_path, &args),
        Command::Stats(args) => run_stats(&index_path, &args),
        Command::Show(args) => run_show(&index_path, &args),
        Command::Doctor(args) => run_doctor(&index_path, args.check),
        Command::Serve(args) => run_serve(&index_path, &args),
        Command::Completions(args) => {
            // Into memory first: the generator panics when its output closes early.
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command(), "news-search", &mut script);
            io::stdout()
                .lock()
                .write_all(&script)
                .context("writing the completion script")?;
            Ok(Outcome::Found)
        }
        Command::Man => {
            let mut stdout = io::stdout().lock();
            clap_mangen::Man::new(command())
                .render(&mut stdout)
                .context("writing the man page")?;
            Ok(Outcome::Found)
        }
    }
}

/// Set by Ctrl-C: the index run commits what it has done and stops.
static STOP: AtomicBool = AtomicBool::new(false);

/// `index`: bring the index in line with the given paths (or every folder indexed before);
/// progress and summary on stderr.
fn run_index(index_path: &Path, args: &IndexArgs) -> Result<Outcome> {
    if !args.forget.is_empty() {
        return run_forget(index_path, args);
    }
    let index = if args.rebuild {
        clear_index(index_path, args.paths.is_empty())?
    } else {
        create_or_open(index_path)?
    };
    let mut sink = IndexSink::new(&index, args.memory.max(16) * 1024 * 1024)?;
    let mut manifest = load_manifest(&index)?;
    let roots: Vec<PathBuf> = if args.paths.is_empty() {
        if manifest.roots.is_empty() {
            bail!(
                "nothing indexed yet at {}; give the folders to index: `news-search index FOLDER`",
                index_path.display()
            );
        }
        manifest.roots.keys().map(PathBuf::from).collect()
    } else {
        args.paths.clone()
    };
    if args.rebuild {
        sink.delete_all()?;
        manifest = Manifest::default();
    }
    let _ = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let options = IndexOptions {
        today: Local::now().date_naive(),
        commit_interval: Duration::from_secs(args.commit_every),
        named: !args.paths.is_empty(),
        follow_links: args.follow_links,
    };
    let bar = Bar::for_stderr(args.quiet);
    let written =
        index_paths(&mut sink, &manifest, &roots, &options, &bar, &STOP).and_then(|report| {
            // A run that changed no article leaves only its tiny record of the run: merging the
            // small segments then would rewrite them for nothing (1.3 s on 250k articles).
            sink.finish(!report.interrupted && !report.changed_nothing())?;
            Ok(report)
        });
    let report = written.map_err(|err| write_failure(err, index_path))?;
    let mut stderr = io::stderr().lock();
    render::summary::write_report(&mut stderr, &report, args.verbose)?;
    Ok(if report.interrupted {
        Outcome::Interrupted
    } else if report.errors.is_empty() {
        Outcome::Found
    } else {
        Outcome::PartlyFailed
    })
}

/// A failed write explained: what failed, that the index is as its last commit left it, and
/// what to do (a full disk is the usual cause; tantivy reports it as a killed writer).
fn write_failure(err: anyhow::Error, index_path: &Path) -> anyhow::Error {
    if matches!(err.downcast_ref::<IndexError>(), Some(IndexError::Busy(_))) {
        return err;
    }
    let full = err.chain().any(|e| {
        let text = e.to_string().to_lowercase();
        text.contains("no space left") || text.contains("writer was killed")
    });
    let cause = if full {
        "the disk holding the index may be full; "
    } else {
        ""
    };
    err.context(format!(
        "writing the index at {} failed; {cause}it is as its last commit left it: free space if \
         needed and run `news-search index` again (`news-search doctor` checks the index)",
        index_path.display()
    ))
}

/// `index --forget`: remove indexed folders and their articles, in one commit. A path that is
/// no indexed folder (nor holds one) is an error that lists the indexed folders, and nothing
/// is removed.
fn run_forget(index_path: &Path, args: &IndexArgs) -> Result<Outcome> {
    let index = open_index(index_path)?;
    let manifest = load_manifest(&index)?;
    let mut sink = IndexSink::new(&index, args.memory.max(16) * 1024 * 1024)?;
    let mut done = Vec::new();
    for folder in &args.forget {
        let key = file_key(folder);
        match forget(&mut sink, &manifest, &key) {
            Some(forgotten) => done.push(forgotten),
            None => {
                let known: Vec<&str> = manifest.roots.keys().map(String::as_str).collect();
                bail!(
                    "{} is not an indexed folder; the index holds: {}",
                    folder.display(),
                    if known.is_empty() {
                        "nothing".to_string()
                    } else {
                        known.join(", ")
                    }
                );
            }
        }
    }
    sink.finish(true)?;
    let mut stderr = io::stderr().lock();
    for forgotten in done {
        writeln!(
            stderr,
            "forgot {}: removed {} ({})",
            forgotten.roots.join(", "),
            render::plural(forgotten.files, "file", "files"),
            render::plural(forgotten.articles as usize, "article", "articles")
        )?;
    }
    Ok(Outcome::Found)
}

/// `doctor`: check the index, and unless `check_only`, repair it: damaged segments dropped, the
/// files whose articles they held indexed again, leftovers removed. Findings on stdout.
fn run_doctor(index_path: &Path, check_only: bool) -> Result<Outcome> {
    if !index_path.join("meta.json").is_file() && !index_path.join(FORMAT_FILE).is_file() {
        return Err(IndexError::Missing(index_path.to_path_buf()).into());
    }
    let checkup = doctor::check(index_path)?;
    let mut out = io::stdout().lock();
    writeln!(out, "index:     {}", line(&index_path.to_string_lossy()))?;
    let format = match checkup.format_problem {
        None => "ok".to_string(),
        Some(None) => "missing".to_string(),
        Some(Some(v)) => format!("version {v}, this news-search reads {FORMAT_VERSION}"),
    };
    writeln!(out, "format:    {format}")?;
    writeln!(
        out,
        "meta.json: {}",
        checkup
            .meta_problem
            .as_deref()
            .map_or("ok".to_string(), |p| format!("unreadable ({})", line(p)))
    )?;
    writeln!(
        out,
        "segments:  {} ({} damaged)",
        checkup.segments,
        checkup.damaged.len()
    )?;
    for damaged in &checkup.damaged {
        writeln!(
            out,
            "  {}: {} ({})",
            damaged.id,
            line(&damaged.reason),
            render::plural(damaged.docs as usize, "document", "documents")
        )?;
    }
    writeln!(
        out,
        "leftovers: {}{}",
        render::plural(checkup.leftovers, "file", "files"),
        if checkup.leftovers > 0 {
            " no commit uses (harmless; the next run removes them)"
        } else {
            ""
        }
    )?;
    if checkup.healthy() {
        writeln!(out, "the index is sound")?;
        return Ok(Outcome::Found);
    }
    if check_only {
        writeln!(
            out,
            "run `news-search doctor` (without --check) to repair it"
        )?;
        return Ok(Outcome::PartlyFailed);
    }
    let repair = doctor::repair(index_path, &checkup)?;
    if repair.format_written {
        writeln!(out, "repaired:  format file written")?;
    }
    if repair.dropped > 0 {
        writeln!(
            out,
            "repaired:  dropped {} ({}); their files are indexed again",
            render::plural(repair.dropped, "damaged segment", "damaged segments"),
            render::plural(repair.dropped_docs as usize, "document", "documents")
        )?;
    }
    drop(out);
    // The writer removes leftovers when it opens; files whose articles were in a dropped
    // segment are forgotten, so the re-sync reads them again.
    let index = open_index(index_path)?;
    let mut sink = IndexSink::new(&index, 128 * 1024 * 1024)?;
    let manifest = load_manifest(&index)?;
    let lost = files_missing_articles(&index, &manifest)?;
    for key in &lost {
        sink.delete_file(key);
    }
    let mut manifest = manifest;
    manifest.files.retain(|key, _| !lost.contains(key));
    // The roots are in the commit's payload: a dropped segment loses none of them.
    let roots: Vec<PathBuf> = manifest.roots.keys().map(PathBuf::from).collect();
    let options = IndexOptions {
        today: Local::now().date_naive(),
        commit_interval: Duration::from_secs(10),
        named: false,
        follow_links: false,
    };
    let report = index_paths(&mut sink, &manifest, &roots, &options, &Silent, &STOP)?;
    sink.finish(true)?;
    // A writer opened once more removes whatever the repair and the re-sync left unused.
    drop(IndexSink::new(&open_index(index_path)?, 16 * 1024 * 1024)?);
    let mut stderr = io::stderr().lock();
    render::summary::write_report(&mut stderr, &report, false)?;
    writeln!(io::stdout(), "the index is repaired")?;
    Ok(Outcome::Found)
}

/// Files the manifest records with more articles than the index holds from them (their
/// articles were in a dropped segment).
fn files_missing_articles(index: &NewsIndex, manifest: &Manifest) -> Result<Vec<String>> {
    let searcher = index.searcher()?;
    let mut lost = Vec::new();
    for (key, record) in &manifest.files {
        if record.articles == 0 {
            continue;
        }
        let query = tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(index.fields.path, key),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let held = searcher
            .search(&query, &tantivy::collector::Count)
            .context("counting a file's articles")?;
        if (held as u64) < record.articles {
            lost.push(key.clone());
        }
    }
    Ok(lost)
}

/// Opens the index for `--rebuild`. An index that cannot be opened (another format version,
/// damaged files, a stopped creation) is deleted and made anew, when the folder is a
/// news-search index; its folders cannot be read back then, so the paths must be given.
/// Another run holding the index is still an error.
fn clear_index(index_path: &Path, no_paths: bool) -> Result<NewsIndex> {
    match create_or_open(index_path) {
        Ok(index) => Ok(index),
        Err(err) if matches!(err.downcast_ref::<IndexError>(), Some(IndexError::Busy(_))) => {
            Err(err)
        }
        Err(err) => {
            if no_paths {
                bail!("{err:#}; give the folders to index: `news-search index --rebuild FOLDER`");
            }
            remove_index_files(index_path)?;
            create_or_open(index_path)
        }
    }
}

/// `search`: run the query and print hits (or, with `--timeline`, counts over time) on stdout.
/// A query of stop words only finds nothing, and says why on stderr.
fn run_search(index_path: &Path, args: &SearchArgs, color: bool) -> Result<Outcome> {
    match search_and_print(index_path, args, color) {
        Err(err) if err.downcast_ref::<NoWords>().is_some() => {
            writeln!(io::stderr(), "news-search: {err}")?;
            if args.count {
                let mut stdout = io::stdout().lock();
                if args.json {
                    render::json::write_count(&mut stdout, 0)?;
                } else {
                    writeln!(stdout, "0")?;
                }
            }
            Ok(Outcome::NothingFound)
        }
        outcome => outcome,
    }
}

/// The search's arguments with the query read from stdin when asked (`--stdin`, or `-` as the
/// query), after any query words.
fn with_stdin_query(args: &SearchArgs) -> Result<SearchArgs> {
    let mut args = args.clone();
    let dash = args.query.iter().any(|w| w == "-");
    if args.stdin || dash {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .context("reading the query from stdin")?;
        args.query.retain(|w| w != "-");
        args.query.push(text);
    }
    Ok(args)
}

/// What [`run_search`] does.
fn search_and_print(index_path: &Path, args: &SearchArgs, color: bool) -> Result<Outcome> {
    let args = &with_stdin_query(args)?;
    let request = search_request(args)?;
    let index = open_index(index_path)?;
    let mut stdout = io::stdout().lock();
    if args.explain {
        let explanation = explain(&request);
        if args.json {
            render::explain::write_json(&mut stdout, &explanation)
        } else {
            render::explain::write_text(&mut stdout, &explanation)
        }
        .context("writing results")?;
    }
    let found = if args.quiet {
        count(&index, &request)? > 0
    } else if args.files {
        let hits = search(&index, &request)?;
        let cwd = std::env::current_dir().ok();
        render::terminal::write_paths(&mut stdout, &hits, cwd.as_deref())
            .context("writing results")?;
        !hits.is_empty()
    } else if args.count {
        let matched = count(&index, &request)?;
        if args.json {
            render::json::write_count(&mut stdout, matched)
        } else {
            writeln!(stdout, "{matched}")
        }
        .context("writing results")?;
        matched > 0
    } else if args.timeline {
        let timeline = search_timeline(&index, &request, timeline_unit(args.by))?;
        if args.json {
            render::timeline::write_json(&mut stdout, &timeline)
        } else {
            render::timeline::write_text(&mut stdout, &timeline, bar_width(), color)
        }
        .context("writing results")?;
        timeline.total() > 0
    } else {
        let cwd = std::env::current_dir().ok();
        let hits = if args.json {
            let hits = search(&index, &request)?;
            render::json::write_hits(&mut stdout, &hits, cwd.as_deref())
                .context("writing results")?;
            hits
        } else {
            let (hits, matched) = search_counted(&index, &request)?;
            render::terminal::write_hits(&mut stdout, &hits, cwd.as_deref(), color, text_width())
                .and_then(|()| render::terminal::write_total(&mut stdout, &hits, matched))
                .context("writing results")?;
            hits
        };
        !hits.is_empty()
    };
    stdout.flush().context("writing results")?;
    Ok(if found {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// Columns to wrap text to: the terminal's width when stdout is one, else none (pipes get
/// one line per paragraph).
fn text_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    console::Term::stdout()
        .size_checked()
        .map(|(_, columns)| usize::from(columns))
}

/// Columns for the longest timeline bar: the terminal's width less room for the label, count
/// and peak mark, or 50 when stdout is not a terminal.
fn bar_width() -> usize {
    const DEFAULT: usize = 50;
    const ROOM: usize = 30;
    if !io::stdout().is_terminal() {
        return DEFAULT;
    }
    console::Term::stdout()
        .size_checked()
        .map_or(DEFAULT, |(_, columns)| {
            usize::from(columns).saturating_sub(ROOM).max(10)
        })
}

/// `show`: print every indexed article with this id, re-read from its file as `parse` reads it.
fn run_show(index_path: &Path, args: &ShowArgs) -> Result<Outcome> {
    let index = open_index(index_path)?;
    let id = args.id.trim();
    let paths = paths_of_id(&index, id)?;
    let roots: Vec<String> = roots_of(&index, &index.searcher()?)?.into_keys().collect();
    if paths.is_empty() {
        bail!(
            "no article with id `{id}` in the index at {}; ids are shown by each search hit",
            index_path.display()
        );
    }
    let today = Local::now().date_naive();
    let cwd = std::env::current_dir().ok();
    // Text for a terminal is wrapped to it and paged; JSON and pipes get it as it is.
    let width = if args.json { None } else { text_width() };
    let paged = width.is_some() && !args.no_pager;
    let mut text: Vec<u8> = Vec::new();
    let mut stderr = io::stderr();
    let mut shown = 0usize;
    for path in &paths {
        let articles = match read_file(path, None, &roots, today) {
            FileOutcome::Read { parsed, .. } => parsed.articles,
            FileOutcome::Failed { shown, reason } => {
                report(&mut stderr, "error:", &shown, &reason)?;
                continue;
            }
            _ => Vec::new(),
        };
        let mut found = false;
        for article in articles.iter().filter(|a| a.id == id) {
            if args.json {
                render::article::write_json(&mut text, article, cwd.as_deref())?;
            } else {
                if shown > 0 {
                    writeln!(text, "\n---\n")?;
                }
                render::article::write_text(&mut text, article, cwd.as_deref(), width)?;
            }
            shown += 1;
            found = true;
        }
        if !found {
            writeln!(
                stderr,
                "news-search: warning: {} no longer holds article `{}`; run `news-search index` to update the index",
                line(&path.to_string_lossy()),
                line(id)
            )?;
        }
    }
    if paged {
        render::pager::page(&text).context("paging the article")?;
    } else {
        let mut stdout = io::stdout().lock();
        stdout.write_all(&text)?;
        stdout.flush()?;
    }
    if shown == 0 {
        bail!("article `{id}` is in the index but could not be read back from its file");
    }
    Ok(Outcome::Found)
}

/// Writes `news-search: KIND PLACE: REASON` (a file's problem) with no control character of
/// the file's name or text ([`line`]).
fn report(out: &mut impl Write, kind: &str, place: &str, reason: &str) -> io::Result<()> {
    writeln!(out, "news-search: {kind} {}: {}", line(place), line(reason))
}

/// `parse`: read files as `index` would and print each article; skips and errors on stderr.
/// Ids are the ones the index gives (or would give): made below the indexed folder a file is
/// in, else below the path named.
fn run_parse(index_path: &Path, args: &ParseArgs) -> Result<Outcome> {
    let today = Local::now().date_naive();
    let cwd = std::env::current_dir().ok();
    let indexed: Vec<String> = open_index(index_path)
        .and_then(|index| roots_of(&index, &index.searcher()?))
        .map(|roots| roots.into_keys().collect())
        .unwrap_or_default();
    let named: Vec<String> = args.paths.iter().map(|p| file_key(p)).collect();
    let mut stdout = io::stdout().lock();
    let mut stderr = io::stderr();
    let (mut articles, mut failures) = (0usize, 0usize);
    for found in walk_files(&args.paths, args.follow_links) {
        let outcome = match found {
            Found::File(path) => {
                let key = file_key(&path);
                let in_index = indexed.iter().any(|root| Path::new(&key).starts_with(root));
                let roots = if in_index { &indexed } else { &named };
                read_file(&path, None, roots, today)
            }
            Found::Skipped(path, reason) => FileOutcome::Skipped {
                shown: path.display().to_string(),
                reason,
                record: None,
            },
            Found::Error(path, reason) => FileOutcome::Failed {
                shown: path.display().to_string(),
                reason,
            },
        };
        match outcome {
            FileOutcome::Read {
                shown,
                parsed,
                warning,
                ..
            } => {
                if let Some(warning) = warning {
                    report(&mut stderr, "warning:", &shown, &warning)?;
                }
                for problem in &parsed.problems {
                    let at = problem.line.map(|l| format!(":{l}")).unwrap_or_default();
                    writeln!(
                        stderr,
                        "news-search: skipped {}{at}: {}",
                        line(&shown),
                        line(&problem.reason)
                    )?;
                }
                for article in &parsed.articles {
                    if args.json {
                        render::article::write_json(&mut stdout, article, cwd.as_deref())?;
                    } else {
                        if articles > 0 {
                            writeln!(stdout, "\n---\n")?;
                        }
                        render::article::write_text(&mut stdout, article, cwd.as_deref(), None)?;
                    }
                    articles += 1;
                }
            }
            FileOutcome::Unchanged { .. } => {}
            FileOutcome::Skipped { shown, reason, .. } => {
                report(&mut stderr, "skipped", &shown, &reason)?;
            }
            FileOutcome::Failed { shown, reason } => {
                report(&mut stderr, "error:", &shown, &reason)?;
                failures += 1;
            }
        }
    }
    stdout.flush()?;
    Ok(if failures > 0 {
        Outcome::PartlyFailed
    } else if articles > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// `serve`: the web page and JSON API over the index until Ctrl-C. An address other than
/// loopback needs `--public`, and is warned about.
fn run_serve(index_path: &Path, args: &ServeArgs) -> Result<Outcome> {
    if !args.addr.ip().is_loopback() {
        if !args.public {
            bail!(
                "{} is not a loopback address: anyone who reaches it could search the index; \
                 add --public to serve it anyway, or use 127.0.0.1",
                args.addr
            );
        }
        writeln!(
            io::stderr(),
            "news-search: warning: serving {} beyond this machine (--public): anyone who \
             reaches it can search the index, without a password or encryption",
            args.addr
        )?;
    }
    let mut index = open_index(index_path)?;
    index.follow_commits()?;
    let settings = crate::serve::Settings {
        addr: args.addr,
        public: args.public,
        cwd: std::env::current_dir().ok(),
    };
    crate::serve::serve(index, &settings)?;
    Ok(Outcome::Found)
}

/// `stats`: what the index holds.
fn run_stats(index_path: &Path, args: &StatsArgs) -> Result<Outcome> {
    let index = open_index(index_path)?;
    let stats = index_stats(&index)?;
    let mut stdout = io::stdout().lock();
    if args.json {
        render::stats::write_json(&mut stdout, &stats)?;
    } else {
        render::stats::write_text(&mut stdout, &stats)?;
    }
    Ok(Outcome::Found)
}
