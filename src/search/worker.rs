//! The background search thread. It owns the `SearchIndex`, applies added
//! documents in order, runs only the newest of any queued requests (stale
//! ones are dropped unrun, and a running search is abandoned as soon as a
//! newer request is made), and reuses the previous matches as candidates
//! when the new query refines the previous one.
//!
//! Notification: responses go to the `Receiver` returned by `spawn`; the UI
//! either polls it (`try_recv` each frame) or passes a wake-up hook to
//! `spawn_with_wakeup`, called after each response is sent (e.g. to post an
//! event to the UI loop).

use super::document::SearchDoc;
use super::engine::{SearchIndex, SearchOutcome, Selection};
use super::query::{Query, parse};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResponse {
    pub generation: u64,
    pub outcome: SearchOutcome,
    /// Documents in the index when this search ran.
    pub total_docs: usize,
}

enum Command {
    AddDocs(Vec<SearchDoc>),
    Search { generation: u64, text: String, selection: Selection, request: u64 },
}

pub type WakeHook = Box<dyn Fn() + Send>;

pub struct SearchWorker {
    commands: Option<Sender<Command>>,
    thread: Option<JoinHandle<()>>,
    /// How many searches were requested: a running search whose number is
    /// below it is stale.
    requests: Arc<AtomicU64>,
}

impl SearchWorker {
    /// Starts the thread; the UI polls the returned receiver.
    pub fn spawn() -> (SearchWorker, Receiver<SearchResponse>) {
        Self::spawn_with_wakeup(None)
    }

    /// Starts the thread; `wake`, if given, runs after each response is sent.
    pub fn spawn_with_wakeup(wake: Option<WakeHook>) -> (SearchWorker, Receiver<SearchResponse>) {
        let (commands, inbox) = mpsc::channel();
        let (outbox, responses) = mpsc::channel();
        let requests = Arc::new(AtomicU64::new(0));
        let latest = requests.clone();
        let thread = std::thread::Builder::new()
            .name("dealscope-search".into())
            .spawn(move || run(&inbox, &outbox, wake.as_deref(), &latest))
            .expect("spawn search thread");
        (SearchWorker { commands: Some(commands), thread: Some(thread), requests }, responses)
    }

    /// Appends documents (in doc-index order). If a query has run before,
    /// it is re-run with its generation so the list fills in while loading.
    pub fn add_docs(&self, docs: Vec<SearchDoc>) {
        self.send(Command::AddDocs(docs));
    }

    /// Asks for a search; only the newest request is run to the end.
    pub fn request(&self, generation: u64, query_text: String, selection: Selection) {
        let request = self.requests.fetch_add(1, Ordering::SeqCst) + 1;
        self.send(Command::Search { generation, text: query_text, selection, request });
    }

    fn send(&self, command: Command) {
        if let Some(tx) = &self.commands {
            // The thread only stops when we drop the sender; a send error
            // means it panicked, and there is nobody left to tell.
            let _ = tx.send(command);
        }
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        // Closing the channel ends the loop after the current search.
        self.commands.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The previous run, kept to reuse its matches for refinements.
struct Last {
    generation: u64,
    request: u64,
    query: Query,
    selection: Selection,
    matched: Vec<u32>,
    docs: usize,
}

fn run(
    inbox: &Receiver<Command>,
    outbox: &Sender<SearchResponse>,
    wake: Option<&(dyn Fn() + Send)>,
    requests: &AtomicU64,
) {
    let mut index = SearchIndex::new();
    let mut last: Option<Last> = None;
    while let Ok(first) = inbox.recv() {
        // Drain everything queued: docs apply in order, searches collapse
        // to the newest one.
        let mut pending = None;
        let mut added = false;
        for command in std::iter::once(first).chain(inbox.try_iter()) {
            match command {
                Command::AddDocs(docs) => {
                    added |= !docs.is_empty();
                    docs.into_iter().for_each(|d| index.push(d));
                }
                Command::Search { generation, text, selection, request } => {
                    pending = Some((generation, parse(&text), selection, request));
                }
            }
        }
        let job = match (pending, &last) {
            (Some(job), _) => job,
            (None, Some(l)) if added => (l.generation, l.query.clone(), l.selection.clone(), l.request),
            _ => continue,
        };
        let (generation, query, selection, request) = job;
        // `matched` ignores the selection, so only the query and the doc
        // count decide whether it bounds the new result.
        let candidates = last
            .as_ref()
            .filter(|l| l.docs == index.len() && query.is_refinement_of(&l.query))
            .map(|l| l.matched.as_slice());
        // Give up as soon as a newer request exists: it is queued already.
        let stale = || requests.load(Ordering::SeqCst) != request;
        let Some(outcome) = index.search_cancellable(&query, &selection, candidates, &stale) else {
            continue;
        };
        last = Some(Last {
            generation,
            request,
            query,
            selection,
            matched: outcome.matched.clone(),
            docs: index.len(),
        });
        if outbox.send(SearchResponse { generation, outcome, total_docs: index.len() }).is_err() {
            return;
        }
        if let Some(wake) = wake {
            wake();
        }
    }
}
