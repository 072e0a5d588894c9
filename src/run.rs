//! The commands, end to end: each wires config → ingest/index/search → render.
//!
//! `run` returns whether a search found something; turning that or an error into an exit
//! status is left to `main.rs`.

use std::io::{self, Write};

use anyhow::{Context, Result};
use chrono::Local;

use crate::cli::{Cli, Command, IndexArgs, SearchArgs};
use crate::config::{resolve_index_path, search_request, use_color};
use crate::index::{IndexSink, create_or_open, open_index};
use crate::ingest::index_paths;
use crate::render;
use crate::search::search;

/// How a successful command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found or done.
    Found,
    /// A search matched nothing.
    NothingFound,
    /// The command finished but some inputs failed (reported on stderr).
    PartlyFailed,
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<Outcome> {
    let index_path = resolve_index_path(cli.index)?;
    let color = use_color(cli.color);
    match cli.command {
        Command::Index(args) => run_index(&index_path, &args),
        Command::Search(args) => run_search(&index_path, &args, color),
    }
}

/// `index`: parse and write every article under the given paths; summary on stderr.
fn run_index(index_path: &std::path::Path, args: &IndexArgs) -> Result<Outcome> {
    let index = create_or_open(index_path)?;
    let mut sink = IndexSink::new(&index, args.memory.max(16) * 1024 * 1024)?;
    let today = Local::now().date_naive();
    let report = index_paths(&mut sink, &args.paths, today)?;
    sink.finish()?;
    let mut stderr = io::stderr().lock();
    render::summary::write_report(&mut stderr, &report, args.verbose)?;
    Ok(if report.errors.is_empty() {
        Outcome::Found
    } else {
        Outcome::PartlyFailed
    })
}

/// `search`: run the query and print hits on stdout.
fn run_search(index_path: &std::path::Path, args: &SearchArgs, color: bool) -> Result<Outcome> {
    let request = search_request(args)?;
    let index = open_index(index_path)?;
    let hits = search(&index, &request)?;
    let cwd = std::env::current_dir().ok();
    let mut stdout = io::stdout().lock();
    if args.json {
        render::json::write_hits(&mut stdout, &hits, cwd.as_deref())
    } else {
        render::terminal::write_hits(&mut stdout, &hits, cwd.as_deref(), color)
    }
    .context("writing results")?;
    stdout.flush().context("writing results")?;
    Ok(if hits.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
