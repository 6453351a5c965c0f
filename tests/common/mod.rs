//! A headless browser for tests: the real state machine and search engine,
//! with the search run synchronously instead of on the worker thread.

#![allow(dead_code)]

pub mod deal_key;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dealscope::app::keymap::action_for;
use dealscope::app::{Action, AppState, update};
use dealscope::corpus::ingest::load_corpus;
use dealscope::corpus::load::DEFAULT_MAX_FILE_BYTES;
use dealscope::search::{SearchDoc, SearchIndex, SearchResponse, parse};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct Harness {
    pub state: AppState,
    index: SearchIndex,
}

impl Harness {
    /// A browser of the given size over the embedded samples, loaded and searched.
    pub fn samples(width: u16, height: u16) -> Harness {
        let (corpus, _) = load_corpus(&[], DEFAULT_MAX_FILE_BYTES).unwrap();
        let mut harness = Harness { state: AppState::new(width, height), index: SearchIndex::new() };
        harness.act(Action::LoadStarted { files: corpus.len() });
        harness.act(Action::ArticlesLoaded(corpus.articles().to_vec()));
        harness.act(Action::LoadFinished);
        harness
    }

    /// Applies an action, then answers the search it requested, as the
    /// worker would.
    pub fn act(&mut self, action: Action) {
        if let Action::ArticlesLoaded(articles) = &action {
            for article in articles {
                self.index.push(SearchDoc::from_article(article));
            }
        }
        update(&mut self.state, action);
        if let Some(request) = self.state.pending_search.take() {
            let outcome = self.index.search(&parse(&request.query), &request.selection, None);
            let response =
                SearchResponse { generation: request.generation, outcome, total_docs: self.index.len() };
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
        self.state.hits.iter().map(|&h| self.state.articles[h as usize].id.clone()).collect()
    }

    pub fn counts(&self) -> String {
        format!("{}/{}", self.state.hits.len(), self.state.total())
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
