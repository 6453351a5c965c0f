//! `AppState`: everything the browser shows, and nothing it does not need.

use super::keymap::InputMode;
use super::layout::{self, Areas};
use super::reader::ReaderDoc;
use crate::corpus::load::LoadWarning;
use crate::model::{Article, Topic};
use crate::search::{Query, Selection};

/// Which region receives keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    Facets,
    #[default]
    List,
    Reader,
    Filter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    Warnings,
}

/// One row of the facets pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetKey {
    Country(String),
    Topic(Topic),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetRow {
    pub key: FacetKey,
    pub label: String,
    /// How many articles the current filter would show with this value.
    pub count: usize,
    pub selected: bool,
}

/// The filter box's text and cursor (a char index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    pub cursor: usize,
}

/// Loading progress of the corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadStatus {
    /// Files found, once the paths are walked.
    pub files: Option<usize>,
    pub done: bool,
    pub error: Option<String>,
}

/// A search the loop must hand to the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    pub selection: Selection,
}

#[derive(Debug, Default)]
pub struct AppState {
    /// Articles in arrival order; a search hit is an index into this.
    pub articles: Vec<Article>,
    pub load: LoadStatus,
    pub warnings: Vec<LoadWarning>,

    pub focus: Focus,
    pub overlay: Overlay,
    pub width: u16,
    pub height: u16,

    pub filter: LineInput,
    /// The parsed filter, for highlighting.
    pub query: Query,
    pub selection: Selection,

    /// Ranked hits of the latest search result.
    pub hits: Vec<u32>,
    /// Set once a search result has arrived.
    pub searched: bool,
    pub facet_rows: Vec<FacetRow>,
    pub facet_cursor: usize,
    pub facet_offset: usize,

    pub list_selected: usize,
    pub list_offset: usize,

    /// The article shown in the reader, its layout, and the layout's key.
    pub reader_article: Option<u32>,
    pub reader: ReaderDoc,
    pub reader_layout_key: Option<(u32, usize, String)>,
    pub reader_scroll: usize,
    pub warnings_scroll: usize,

    pub search_generation: u64,
    /// The search generation from which the list goes back to its top row
    /// (set when the filter or facets change), and the last one that did.
    pub reset_list_from: u64,
    pub list_reset_done: u64,
    pub shown_generation: u64,
    /// Set by `update`, taken by the loop and sent to the search worker.
    pub pending_search: Option<SearchRequest>,
    pub quit: bool,
}

impl AppState {
    pub fn new(width: u16, height: u16) -> Self {
        AppState { width, height, ..AppState::default() }
    }

    pub fn areas(&self) -> Areas {
        layout::compute(self.width, self.height, self.focus)
    }

    pub fn total(&self) -> usize {
        self.articles.len()
    }

    /// The article under the list cursor.
    pub fn selected_article(&self) -> Option<u32> {
        self.hits.get(self.list_selected).copied()
    }

    pub fn article(&self, index: u32) -> Option<&Article> {
        self.articles.get(index as usize)
    }

    /// The facets pane line by line: `None` for a section header
    /// ("Countries", "Topics"), else the index of a facet row.
    pub fn facet_lines(&self) -> Vec<Option<usize>> {
        let mut lines = vec![None];
        let mut in_topics = false;
        for (i, row) in self.facet_rows.iter().enumerate() {
            if !in_topics && matches!(row.key, FacetKey::Topic(_)) {
                in_topics = true;
                lines.push(None);
            }
            lines.push(Some(i));
        }
        if !in_topics {
            lines.push(None);
        }
        lines
    }

    /// Which key bindings apply now.
    pub fn input_mode(&self) -> InputMode {
        InputMode {
            typing_filter: self.focus == Focus::Filter,
            help_open: self.overlay == Overlay::Help,
            in_reader: self.focus == Focus::Reader,
            in_facets: self.focus == Focus::Facets,
        }
    }

    /// The active facets as breadcrumbs: `@KR #chip-supply`.
    pub fn breadcrumbs(&self) -> String {
        let countries = self.selection.countries.iter().map(|c| format!("@{c}"));
        let topics = self.selection.topics.iter().map(|t| format!("#{}", t.slug()));
        countries.chain(topics).collect::<Vec<_>>().join(" ")
    }
}
