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
    // tantivy panics on some damaged index files (garbage in a fast column): report that as an
    // error that names the fix, never as a crash. The default hook's message is kept for
    // RUST_BACKTRACE, else left out.
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli)));
    let Ok(outcome) = outcome else {
        let _ = writeln!(
            io::stderr(),
            "news-search: error: reading the index failed unexpectedly; it may be damaged: run \
             `news-search doctor` to check and repair it (or `news-search index --rebuild FOLDER`)"
        );
        return ExitCode::from(2);
    };
    match outcome {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Ok(Outcome::PartlyFailed) => ExitCode::from(2),
        Ok(Outcome::Interrupted) => ExitCode::from(130),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let mut message = format!("{err:#}");
            if damage_hint(&err) {
                message.push_str(
                    "; the index may be damaged: run `news-search doctor` to check and repair it",
                );
            }
            let _ = writeln!(io::stderr(), "news-search: error: {}", line(&message));
            ExitCode::from(2)
        }
    }
}

/// Whether an error comes from reading the index's files (tantivy's own error, not a lock or
/// a full disk, which have their own advice): then `doctor` is the next step.
fn damage_hint(err: &anyhow::Error) -> bool {
    let message = format!("{err:#}");
    !message.contains("news-search doctor")
        && err.chain().any(|e| {
            e.downcast_ref::<tantivy::TantivyError>()
                .is_some_and(|t| !matches!(t, tantivy::TantivyError::LockFailure(..)))
        })
}

/// Whether the error is stdout closing early (`news-search x | head`): not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
