//! The threads that feed the main loop: terminal input, signals, the corpus
//! loader and the search worker's answers, all into one channel so the loop
//! sleeps until something happens.

use crate::app::Action;
use crate::corpus::ingest::{LoadEvent, LoadOptions, ingest_with};
use crate::corpus::load::LoadWarning;
use crate::corpus::merge::merge_deals;
use crate::model::{Article, Deal};
use crate::search::{SearchDoc, SearchResponse};
use crossterm::event::Event;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

/// Articles are handed to the UI in batches, so a large corpus fills the
/// list without a redraw per file.
const BATCH_SIZE: usize = 2000;
const BATCH_INTERVAL: Duration = Duration::from_millis(100);

/// Everything the main loop reacts to.
#[derive(Debug)]
pub enum LoopEvent {
    Input(Event),
    /// Parsed articles with their search documents, built off the UI thread.
    Loaded(Vec<Article>, Vec<SearchDoc>),
    /// Deals merged across the articles loaded so far, with their search
    /// documents; `complete` once the whole corpus is in.
    DealsMerged(Vec<Arc<Deal>>, Vec<SearchDoc>, bool),
    Action(Action),
    /// Keys can no longer be read: leave as on `q`.
    Terminate,
    /// SIGINT, SIGQUIT, SIGTERM or SIGHUP: restore the terminal and exit
    /// with 128 + the signal's number.
    Signalled(i32),
    /// SIGTSTP from outside: suspend as Ctrl-z does.
    Suspend,
}

/// Reads terminal events until the loop is gone.
pub fn spawn_input(tx: Sender<LoopEvent>) {
    thread::spawn(move || {
        while let Ok(event) = crossterm::event::read() {
            if tx.send(LoopEvent::Input(event)).is_err() {
                return;
            }
        }
        // No more keys can arrive: leave rather than hang.
        let _ = tx.send(LoopEvent::Terminate);
    });
}

/// Turns INT, QUIT, TERM and HUP into an orderly exit, and TSTP into a
/// suspension the loop carries out (the terminal restored first).
pub fn spawn_signals(tx: Sender<LoopEvent>) -> anyhow::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            let event = if signal == SIGTSTP { LoopEvent::Suspend } else { LoopEvent::Signalled(signal) };
            if tx.send(event).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Loads the corpus in the background, in batches.
pub fn spawn_loader(paths: Vec<PathBuf>, options: LoadOptions, tx: Sender<LoopEvent>) {
    let loader = thread::Builder::new().name("dealscope-load".into());
    let spawned = loader.spawn(move || {
        let send = |action: Action| tx.send(LoopEvent::Action(action)).is_ok();
        let mut deals = DealCollector::default();
        let mut send_batch = |articles: Vec<Article>, docs: Vec<SearchDoc>| {
            deals.add(&articles);
            let sent = tx.send(LoopEvent::Loaded(articles, docs)).is_ok();
            if deals.worth_merging() {
                let (merged, docs) = deals.merge();
                let _ = tx.send(LoopEvent::DealsMerged(merged, docs, false));
            }
            sent
        };
        // Each batch gets its full size at once: grown one article at a
        // time, it would be copied, and its memory touched anew, at each doubling.
        let (mut batch, mut docs): (Vec<Article>, Vec<SearchDoc>) =
            (Vec::with_capacity(BATCH_SIZE), Vec::with_capacity(BATCH_SIZE));
        let mut last_sent = Instant::now();
        let result = ingest_with(&paths, &options, SearchDoc::from_loaded, |event| match event {
            LoadEvent::Started { files } => {
                send(Action::LoadStarted { files });
            }
            LoadEvent::Warning(warning) => {
                send(Action::LoadWarned(warning));
            }
            LoadEvent::CacheWarning(message) => {
                send(Action::LoadWarned(LoadWarning::cache(message)));
            }
            LoadEvent::Article(article, doc) => {
                batch.push(*article);
                docs.push(doc);
                if batch.len() >= BATCH_SIZE || last_sent.elapsed() >= BATCH_INTERVAL {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_SIZE));
                    let full_docs = std::mem::replace(&mut docs, Vec::with_capacity(BATCH_SIZE));
                    send_batch(full, full_docs);
                    last_sent = Instant::now();
                }
            }
        });
        if !batch.is_empty() {
            send_batch(batch, docs);
        }
        let (merged, docs) = deals.merge();
        let _ = tx.send(LoopEvent::DealsMerged(merged, docs, true));
        send(match result {
            Ok(()) => Action::LoadFinished,
            Err(e) => Action::LoadFailed(e.to_string()),
        });
    });
    // As `thread::spawn` would: no thread, no browser.
    spawned.expect("spawn the loader thread");
}

/// A load shorter than this (a reopen from the cache) merges its deals once,
/// at the end.
const FIRST_MERGE_AFTER: Duration = Duration::from_secs(3);

/// The deals of the articles loaded so far, merged now and then: once the
/// load has run for [`FIRST_MERGE_AFTER`], then whenever their number has
/// doubled, and at the end, so merging costs at most about twice one final
/// merge however large the corpus, and a quick load merges once.
struct DealCollector {
    deals: Vec<Arc<Deal>>,
    titles: rustc_hash::FxHashMap<compact_str::CompactString, String>,
    merged_at: usize,
    started: Instant,
}

impl Default for DealCollector {
    fn default() -> Self {
        DealCollector { deals: Vec::new(), titles: Default::default(), merged_at: 0, started: Instant::now() }
    }
}

impl DealCollector {
    fn add(&mut self, articles: &[Article]) {
        for article in articles {
            self.titles.insert(article.id.clone(), article.title.clone());
            self.deals.extend(article.deals.iter().cloned());
        }
    }

    fn worth_merging(&self) -> bool {
        self.started.elapsed() >= FIRST_MERGE_AFTER
            && (self.merged_at == 0 && !self.deals.is_empty() || self.deals.len() >= self.merged_at * 2)
    }

    fn merge(&mut self) -> (Vec<Arc<Deal>>, Vec<SearchDoc>) {
        self.merged_at = self.deals.len().max(1);
        let merged = merge_deals(&self.deals).deals;
        let docs = crate::parallel::map(&merged, |deal| {
            let titles: Vec<&str> =
                deal.articles.iter().filter_map(|id| self.titles.get(id)).map(String::as_str).collect();
            SearchDoc::from_deal(deal, &titles)
        });
        (merged, docs)
    }
}

/// Moves the search worker's answers into the loop's channel.
pub fn spawn_search_forwarder(responses: Receiver<SearchResponse>, tx: Sender<LoopEvent>) {
    thread::spawn(move || {
        for response in responses {
            if tx.send(LoopEvent::Action(Action::SearchDone(Box::new(response)))).is_err() {
                return;
            }
        }
        // The worker is gone (it panicked): searching is over, so leave
        // cleanly rather than show a list that no longer follows the filter.
        let _ = tx.send(LoopEvent::Terminate);
    });
}
