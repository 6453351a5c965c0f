//! A headless browser for tests: the real state machine and search engine,
//! with the search run synchronously instead of on the worker thread.

#![allow(dead_code)]

pub mod deal_key;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dealscope::app::keymap::action_for;
use dealscope::app::state::SearchRequest;
use dealscope::app::{Action, AppState, update};
use dealscope::corpus::ingest::load_corpus;
use dealscope::search::{SearchDoc, SearchIndex, SearchResponse, Target, parse};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct Harness {
    pub state: AppState,
    index: SearchIndex,
    deal_index: SearchIndex,
    /// The last search answered on each index, re-run when its documents
    /// change, as the worker does.
    last: Vec<SearchRequest>,
}

impl Harness {
    /// A browser of the given size over the embedded samples, loaded and searched.
    pub fn samples(width: u16, height: u16) -> Harness {
        let (corpus, _) = load_corpus(&[], &Default::default()).unwrap();
        let mut harness = Harness {
            state: AppState::new(width, height),
            index: SearchIndex::new(),
            deal_index: SearchIndex::new(),
            last: Vec::new(),
        };
        harness.act(Action::LoadStarted { files: corpus.len() });
        harness.act(Action::ArticlesLoaded(corpus.articles().to_vec()));
        harness.act(Action::DealsMerged { deals: corpus.deals().to_vec(), complete: true });
        harness.act(Action::LoadFinished);
        harness
    }

    /// Applies an action, then answers the search it requested, as the
    /// worker would.
    pub fn act(&mut self, action: Action) {
        let mut changed: Option<Target> = None;
        if let Action::ArticlesLoaded(articles) = &action {
            for article in articles {
                self.index.push(SearchDoc::from_article(article));
            }
            changed = Some(Target::Articles);
        }
        if let Action::DealsMerged { deals, .. } = &action {
            self.deal_index = SearchIndex::new();
            for deal in deals {
                let titles: Vec<&str> = deal
                    .articles
                    .iter()
                    .filter_map(|id| self.state.articles.iter().find(|a| a.id == *id))
                    .map(|a| a.title.as_str())
                    .collect();
                self.deal_index.push(SearchDoc::from_deal(deal, &titles));
            }
            changed = Some(Target::Deals);
        }
        update(&mut self.state, action);
        let mut requests = std::mem::take(&mut self.state.pending_searches);
        if let Some(target) = changed
            && !requests.iter().any(|r| r.spec.target == target)
            && let Some(last) = self.last.iter().find(|r| r.spec.target == target)
        {
            requests.push(last.clone());
        }
        for request in requests {
            self.last.retain(|r| r.spec.target != request.spec.target);
            self.last.push(request.clone());
            let spec = request.spec;
            let index = match spec.target {
                Target::Articles => &self.index,
                Target::Deals => &self.deal_index,
            };
            let mut outcome = index.search(&parse(&spec.text), &spec.selection, None);
            outcome.hits = index.order(std::mem::take(&mut outcome.hits), spec.sort, spec.reverse);
            let response = SearchResponse {
                generation: request.generation,
                target: spec.target,
                outcome,
                total_docs: index.len(),
            };
            update(&mut self.state, Action::SearchDone(Box::new(response)));
        }
    }

    /// Presses a key through the real key map.
    pub fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        if let Some(action) = action_for(KeyEvent::new(code, modifiers), self.state.input_mode()) {
            self.act(action);
        }
    }

    /// Types each character as a key press (`/coree` focuses the filter and types).
    pub fn type_keys(&mut self, keys: &str) {
        for c in keys.chars() {
            self.key(KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    pub fn press(&mut self, code: KeyCode) {
        self.key(code, KeyModifiers::NONE);
    }

    /// Ids of the listed articles, in order.
    pub fn listed_ids(&self) -> Vec<String> {
        self.state
            .articles_view
            .hits
            .iter()
            .map(|&h| self.state.articles[h as usize].id.to_string())
            .collect()
    }

    /// Ids of the listed deals, in order.
    pub fn listed_deals(&self) -> Vec<String> {
        self.state.deals_view.hits.iter().map(|&h| self.state.deals[h as usize].id.to_string()).collect()
    }

    pub fn counts(&self) -> String {
        format!("{}/{}", self.state.current().hits.len(), self.state.total())
    }

    /// Draws the screen and returns it as text, one line per row.
    pub fn screen(&self) -> String {
        let backend = TestBackend::new(self.state.width, self.state.height);
        let mut terminal = Terminal::new(backend).unwrap();
        terminal.draw(|frame| dealscope::ui::draw(frame, &self.state)).unwrap();
        let buffer = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..buffer.area.width {
                // Wide characters occupy two cells; the second is blank.
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                line.push_str(symbol);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}
