//! `news-search serve`: a web page and a JSON API over the same index, search and JSON rows
//! as the command line.
//!
//! The server keeps the index open with one reader that tantivy reloads after each commit
//! ([`crate::index::NewsIndex::follow_commits`]), so a running `news-search index` shows up
//! without a restart. Every search runs on a blocking thread behind [`limits::Gate`]; the
//! routes are:
//!
//! - `/`, `/app.js`, `/style.css`, `/favicon.svg`: the page, embedded in the binary
//!   ([`assets`]); no other file is ever served, and article text comes from the index only.
//! - `/api/search`, `/api/timeline`, `/api/facets`, `/api/article/{id}`, `/healthz`: JSON
//!   ([`api`]), whose rows are the `--json` rows of the command line; the query string is read
//!   by [`params`].
//!
//! [`guard`] adds the security headers to every response and, on loopback, refuses requests
//! for another host name (DNS rebinding); [`reply`] turns failures into `{"error": …}`.

pub mod api;
pub mod assets;
pub mod guard;
pub mod limits;
pub mod params;
pub mod reply;

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use axum::Router;
use axum::routing::get;

use crate::index::NewsIndex;
use crate::render::safe::line;
use limits::Gate;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where to listen (port 0: any free port; the one taken is printed).
    pub addr: SocketAddr,
    /// Whether an address beyond loopback was allowed (`--public`): then any `Host` is taken.
    pub public: bool,
    /// The folder paths are shown relative to, as the command line shows them from it.
    pub cwd: Option<PathBuf>,
}

/// What every request handler shares.
pub struct App {
    /// The open index.
    pub index: NewsIndex,
    /// Paths are shown relative to this folder.
    pub cwd: Option<PathBuf>,
    /// Bounds the searches that run and wait at once.
    pub gate: Gate,
    /// Whether requests for any host name are taken.
    pub public: bool,
}

/// Serves the index until Ctrl-C; the address is printed on stderr once listening.
pub fn serve(index: NewsIndex, settings: &Settings) -> Result<()> {
    let workers = std::thread::available_parallelism().map_or(2, usize::from);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers.min(4))
        .thread_name("news-search-serve")
        .enable_all()
        .build()
        .context("starting the server")?;
    let shown = index.path.to_string_lossy().into_owned();
    let app = Arc::new(App {
        index,
        cwd: settings.cwd.clone(),
        gate: Gate::new(workers),
        public: settings.public,
    });
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(settings.addr)
            .await
            .with_context(|| format!("listening on {}", settings.addr))?;
        let local = listener
            .local_addr()
            .context("reading the address listened on")?;
        writeln!(
            io::stderr(),
            "news-search: serving the index at {} on http://{local}/ (Ctrl-C stops)",
            line(&shown)
        )?;
        axum::serve(listener, router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("serving")
    })
}

/// Every route, with the guard around them.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(assets::page))
        .route("/app.js", get(assets::script))
        .route("/style.css", get(assets::style))
        .route("/favicon.svg", get(assets::icon))
        .route("/healthz", get(api::health))
        .route("/api/search", get(api::search))
        .route("/api/timeline", get(api::timeline))
        .route("/api/facets", get(api::facets))
        .route("/api/article/{id}", get(api::article))
        .fallback(reply::not_found)
        .method_not_allowed_fallback(reply::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::guard,
        ))
        .with_state(app)
}
