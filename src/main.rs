//! The `news-search` binary: parse arguments, run, map the result to an exit status
//! (0 found, 1 nothing found, 2 error), like grep and ripgrep.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::FromArgMatches;
use news_search::arguments::prepare;
use news_search::cli::{Cli, command};
use news_search::render::safe::line;
use news_search::run::{Outcome, run};

/// mimalloc instead of the system allocator: indexing allocates many short-lived strings on
/// several threads, where glibc's per-thread arenas kept about 100 MB more resident on 250k
/// articles and allocation was ~10% of the CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match prepare(std::env::args_os().collect()) {
        Ok(args) => args,
        Err(mistyped) => {
            let _ = writeln!(io::stderr(), "news-search: error: {mistyped}");
            return ExitCode::from(2);
        }
    };
    let cli = match Cli::from_arg_matches(&command().get_matches_from(args)) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    match run(cli) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Ok(Outcome::PartlyFailed) => ExitCode::from(2),
        Ok(Outcome::Interrupted) => ExitCode::from(130),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let message = format!("{err:#}");
            let _ = writeln!(io::stderr(), "news-search: error: {}", line(&message));
            ExitCode::from(2)
        }
    }
}

/// Whether the error is stdout closing early (`news-search x | head`): not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
