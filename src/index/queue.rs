//! Documents on their way to tantivy's indexing threads, bounded by their size.
//!
//! tantivy queues up to 10,000 documents for its indexing threads, whatever their size. The
//! parser is faster than the indexers and keeps that queue full: about 25 MB at 250,000
//! generated articles of 1.2 KB, and it would be 200 MB for articles of 20 KB. The writer
//! wraps each document it adds in a [`Queued`], whose ticket counts the document's bytes until
//! tantivy has indexed and dropped it, and [`InFlight::admit`] holds the writer back while
//! the queued bytes are over a bound.

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use tantivy::TantivyDocument;
use tantivy::schema::Document;

/// Bytes of documents queued for the indexing threads at most (one document alone may be
/// larger): some 6,000 generated articles, enough to keep the indexing threads busy while the
/// writer takes the next parsed batch.
pub const MAX_QUEUED_BYTES: usize = 8 * 1024 * 1024;
/// How long the writer waits for room at most before it adds a document anyway: only an
/// indexer that stopped taking documents makes it wait that long, and tantivy's own queue
/// still bounds the count then.
const MAX_WAIT: Duration = Duration::from_secs(10);

/// The bytes of the documents handed to tantivy and not yet indexed.
#[derive(Debug)]
pub struct InFlight {
    bytes: Mutex<usize>,
    drained: Condvar,
    limit: usize,
}

impl InFlight {
    /// A counter that admits documents while fewer than `limit` bytes are queued.
    pub fn new(limit: usize) -> Arc<InFlight> {
        Arc::new(InFlight {
            bytes: Mutex::new(0),
            drained: Condvar::new(),
            limit,
        })
    }

    /// Wraps `doc`, of about `bytes`, for the writer, first waiting (at most [`MAX_WAIT`])
    /// while the documents queued before it hold so many bytes that it would go over the
    /// limit; into an empty queue a document goes at once, however large.
    pub fn admit(self: &Arc<Self>, doc: TantivyDocument, bytes: usize) -> Queued {
        let started = Instant::now();
        let mut queued = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        while *queued > 0 && *queued + bytes > self.limit {
            let Some(left) = MAX_WAIT.checked_sub(started.elapsed()) else {
                break;
            };
            queued = match self.drained.wait_timeout(queued, left) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        *queued += bytes;
        Queued {
            doc,
            _ticket: Ticket {
                flight: Arc::clone(self),
                bytes,
            },
        }
    }

    /// The bytes queued now.
    pub fn queued(&self) -> usize {
        *self.bytes.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A document's place in the count: given back when the document is dropped.
#[derive(Debug)]
struct Ticket {
    flight: Arc<InFlight>,
    bytes: usize,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut queued = self.flight.bytes.lock().unwrap_or_else(|e| e.into_inner());
        *queued = queued.saturating_sub(self.bytes);
        self.flight.drained.notify_all();
    }
}

/// A document counted in an [`InFlight`] until tantivy drops it, once indexed.
#[derive(Debug)]
pub struct Queued {
    doc: TantivyDocument,
    _ticket: Ticket,
}

impl Document for Queued {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_count_until_the_document_is_dropped() {
        let flight = InFlight::new(100);
        let first = flight.admit(TantivyDocument::default(), 60);
        let second = flight.admit(TantivyDocument::default(), 30);
        assert_eq!(flight.queued(), 90);
        drop(first);
        assert_eq!(flight.queued(), 30);
        drop(second);
        assert_eq!(flight.queued(), 0);
        // Into an empty queue, a document larger than the limit goes at once.
        let large = flight.admit(TantivyDocument::default(), 500);
        assert_eq!(flight.queued(), 500);
        drop(large);
    }

    #[test]
    fn a_full_queue_holds_the_writer_until_a_document_is_indexed() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let flight = InFlight::new(100);
        let first = flight.admit(TantivyDocument::default(), 80);
        let indexed = Arc::new(AtomicBool::new(false));
        let indexer = {
            let indexed = Arc::clone(&indexed);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(50));
                indexed.store(true, Ordering::SeqCst);
                drop(first);
            })
        };
        let second = flight.admit(TantivyDocument::default(), 80);
        assert!(
            indexed.load(Ordering::SeqCst),
            "admitted before the first was dropped"
        );
        assert_eq!(flight.queued(), 80);
        drop(second);
        indexer.join().expect("the indexer thread");
    }
}
