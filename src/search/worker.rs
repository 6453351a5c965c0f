//! The background search thread. It owns two `SearchIndex`es, one of
//! articles and one of deals, applies added documents in order (the deal
//! index is replaced whole when deals are merged again) and re-runs an
//! index's last search when its documents change (at most every 100 ms
//! while they keep coming), runs only the
//! newest of any queued requests per index (stale ones are dropped unrun,
//! and a running search is abandoned as soon as a newer request is made),
//! reuses the previous matches as candidates when the new query refines the
//! previous one, and orders the hits by the requested column.
//!
//! Notification: responses go to the `Receiver` returned by `spawn`; the UI
//! either polls it (`try_recv` each frame) or passes a wake-up hook to
//! `spawn_with_wakeup`, called after each response is sent (e.g. to post an
//! event to the UI loop).

use super::document::SearchDoc;
use super::engine::{SearchIndex, SearchOutcome, Selection, Sort};
use super::query::{Query, parse};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Which index a search runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Target {
    #[default]
    Articles,
    Deals,
}

/// One search: the filter text, facets and order, for one index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchSpec {
    pub target: Target,
    pub text: String,
    pub selection: Selection,
    pub sort: Sort,
    pub reverse: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResponse {
    pub generation: u64,
    pub target: Target,
    pub outcome: SearchOutcome,
    /// Documents in the index when this search ran.
    pub total_docs: usize,
}

enum Command {
    AddDocs(Vec<SearchDoc>),
    SetDeals(Vec<SearchDoc>),
    Search { generation: u64, spec: SearchSpec, request: u64 },
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

    /// Replaces the deal documents (after deals were merged again). If a
    /// deal search has run before, it is re-run with its generation.
    pub fn set_deals(&self, docs: Vec<SearchDoc>) {
        self.send(Command::SetDeals(docs));
    }

    /// Asks for a search; only the newest request is run to the end.
    pub fn request(&self, generation: u64, spec: SearchSpec) {
        let request = self.requests.fetch_add(1, Ordering::SeqCst) + 1;
        self.send(Command::Search { generation, spec, request });
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

/// The previous run on one index, kept to reuse its matches for refinements.
struct Last {
    generation: u64,
    request: u64,
    spec: SearchSpec,
    query: Query,
    matched: Vec<u32>,
    docs: usize,
}

/// While documents keep arriving, an index's last search is re-run at most
/// this often: a loading corpus fills its list a few times a second rather
/// than once per batch. A request is run at once.
const RERUN_EVERY: Duration = Duration::from_millis(100);

/// One index and its last search.
#[derive(Default)]
struct Slot {
    index: SearchIndex,
    last: Option<Last>,
    /// Documents arrived since the last search ran.
    changed: bool,
    ran_at: Option<Instant>,
}

impl Slot {
    /// When the last search is to run again over new documents, if it is.
    fn rerun_due(&self) -> Option<Instant> {
        if !self.changed || self.last.is_none() {
            return None;
        }
        Some(self.ran_at.map_or_else(Instant::now, |at| at + RERUN_EVERY))
    }
}

fn run(
    inbox: &Receiver<Command>,
    outbox: &Sender<SearchResponse>,
    wake: Option<&(dyn Fn() + Send)>,
    requests: &AtomicU64,
) {
    let mut articles = Slot::default();
    let mut deals = Slot::default();
    loop {
        // A re-run held back (documents arriving fast) waits for its turn
        // or for the next command, whichever comes first.
        let held = [&articles, &deals].iter().filter_map(|slot| slot.rerun_due()).min();
        let first = match held {
            None => match inbox.recv() {
                Ok(command) => Some(command),
                Err(_) => return,
            },
            Some(due) => match inbox.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(command) => Some(command),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            },
        };
        // Drain everything queued: docs apply in order, searches collapse
        // to the newest one.
        let mut pending: Option<(u64, SearchSpec, u64)> = None;
        for command in first.into_iter().chain(inbox.try_iter()) {
            match command {
                Command::AddDocs(docs) => {
                    articles.changed |= !docs.is_empty();
                    docs.into_iter().for_each(|d| articles.index.push(d));
                }
                Command::SetDeals(docs) => {
                    deals.index = SearchIndex::of_docs(docs);
                    deals.changed = true;
                    if let Some(last) = deals.last.as_mut() {
                        // The old matches index other documents.
                        last.docs = usize::MAX;
                    }
                }
                Command::Search { generation, spec, request } => pending = Some((generation, spec, request)),
            }
        }
        let mut jobs: Vec<(u64, SearchSpec, u64)> = Vec::new();
        // Indexes whose documents changed re-run their last search, so the
        // lists fill in while loading: at most once per `RERUN_EVERY`.
        let now = Instant::now();
        for slot in [&mut articles, &mut deals] {
            if slot.rerun_due().is_some_and(|due| due <= now)
                && let Some(l) = &slot.last
            {
                slot.changed = false;
                jobs.push((l.generation, l.spec.clone(), l.request));
            }
        }
        if let Some(job) = pending {
            jobs.retain(|j| j.1.target != job.1.target);
            jobs.push(job);
        }
        for (generation, spec, request) in jobs {
            let slot = match spec.target {
                Target::Articles => &mut articles,
                Target::Deals => &mut deals,
            };
            let query = parse(&spec.text);
            // `matched` ignores the selection, so only the query and the doc
            // count decide whether it bounds the new result.
            let candidates = slot
                .last
                .as_ref()
                .filter(|l| l.docs == slot.index.len() && query.is_refinement_of(&l.query))
                .map(|l| l.matched.as_slice());
            // Give up as soon as a newer request exists: it is queued already.
            let stale = || requests.load(Ordering::SeqCst) != request;
            let Some(mut outcome) =
                slot.index.search_cancellable(&query, &spec.selection, candidates, &stale)
            else {
                continue;
            };
            outcome.hits = slot.index.order(std::mem::take(&mut outcome.hits), spec.sort, spec.reverse);
            let total_docs = slot.index.len();
            let target = spec.target;
            // The search covers every document so far: nothing left to re-run.
            slot.changed = false;
            slot.ran_at = Some(Instant::now());
            slot.last = Some(Last {
                generation,
                request,
                spec,
                query,
                matched: outcome.matched.clone(),
                docs: total_docs,
            });
            if outbox.send(SearchResponse { generation, target, outcome, total_docs }).is_err() {
                return;
            }
            if let Some(wake) = wake {
                wake();
            }
        }
    }
}
