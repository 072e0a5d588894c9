//! What one request may ask and how many may run: bounds on the query string, the query, the
//! page size and depth, and a gate on concurrent searches.
//!
//! Searches are CPU work on blocking threads. [`Gate`] lets as many run as there are cores and
//! at most [`MAX_ADMITTED`] be admitted (running or waiting) at once; a request beyond that is
//! answered at once with 429 rather than queued without end. Checking parameters against the
//! bounds is [`super::params`]'s.

use tokio::sync::Semaphore;

use super::reply::ApiError;

/// Longest query string, in bytes (longer: 414).
pub const MAX_QUERY_STRING: usize = 8 * 1024;
/// Longest query text (`q`), in bytes: more than any pasted paragraph needs.
pub const MAX_QUERY_BYTES: usize = 2_000;
/// Longest value of any other parameter (a date, a source's name), in bytes.
pub const MAX_VALUE_BYTES: usize = 200;
/// Most values one query string may hold.
pub const MAX_PARAMETERS: usize = 32;
/// Most results one page may hold (`size`).
pub const MAX_PAGE_SIZE: usize = 100;
/// Deepest result a page may reach (`page × size`): deeper pages rank that many articles.
pub const MAX_DEPTH: usize = 10_000;
/// Most requests running or waiting for a search at once.
pub const MAX_ADMITTED: usize = 128;

/// Bounds the searches that run and wait at once.
pub struct Gate {
    running: Semaphore,
    admitted: Semaphore,
}

impl Gate {
    /// A gate that runs `workers` searches at once and admits [`MAX_ADMITTED`].
    pub fn new(workers: usize) -> Gate {
        Gate {
            running: Semaphore::new(workers.max(1)),
            admitted: Semaphore::new(MAX_ADMITTED.max(workers)),
        }
    }

    /// Runs `job` on a blocking thread once a worker is free; 429 when too many requests are
    /// already admitted, 500 when the job panicked (tantivy does on some damaged files).
    pub async fn run<T, F>(&self, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let _admitted = self.admitted.try_acquire().map_err(|_| ApiError::busy())?;
        let _running = self.running.acquire().await.map_err(|_| ApiError::busy())?;
        tokio::task::spawn_blocking(job).await.map_err(|_| {
            ApiError::internal(&anyhow::anyhow!(
                "reading the index failed unexpectedly; it may be damaged: run `news-search doctor` to check and repair it"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_gate_answers_busy_at_once() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let gate = Gate::new(1);
        let held: Vec<_> = (0..MAX_ADMITTED)
            .map(|_| gate.admitted.try_acquire().expect("a free place"))
            .collect();
        let refused = runtime.block_on(gate.run(|| 1));
        assert_eq!(refused, Err(ApiError::busy()));
        drop(held);
        assert_eq!(runtime.block_on(gate.run(|| 2)), Ok(2));
    }
}
