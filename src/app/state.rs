//! `AppState`: everything the browser shows, and nothing it does not need.

use super::keymap::InputMode;
use super::layout::{self, Areas};
use super::reader::ReaderDoc;
use crate::corpus::load::LoadWarning;
use crate::model::{Article, Deal, DealKind, DealStatus, Topic};
use crate::search::{Query, SearchSpec, Selection, Sort, Target};
use std::sync::Arc;

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

/// The two lists the browser can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Articles,
    Deals,
}

impl View {
    pub fn label(self) -> &'static str {
        match self {
            View::Articles => "Articles",
            View::Deals => "Deals",
        }
    }

    pub fn target(self) -> Target {
        match self {
            View::Articles => Target::Articles,
            View::Deals => Target::Deals,
        }
    }

    /// The columns `s` cycles through, in order.
    pub fn sorts(self) -> &'static [Sort] {
        match self {
            View::Articles => &[Sort::Relevance, Sort::Date, Sort::Value, Sort::Country, Sort::Title],
            View::Deals => &[Sort::Date, Sort::Value, Sort::Country, Sort::Status],
        }
    }
}

/// One row of the facets pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetKey {
    Country(String),
    Topic(Topic),
    Kind(DealKind),
    Status(DealStatus),
}

impl FacetKey {
    /// The section a row belongs to, in pane order.
    pub fn section(&self) -> usize {
        match self {
            FacetKey::Country(_) => 0,
            FacetKey::Kind(_) => 1,
            FacetKey::Status(_) => 2,
            FacetKey::Topic(_) => 3,
        }
    }

    pub fn section_title(section: usize) -> &'static str {
        match section {
            0 => "Countries",
            1 => "Kinds",
            2 => "Statuses",
            _ => "Topics",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetRow {
    pub key: FacetKey,
    pub label: String,
    /// How many rows the current filter would show with this value.
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
    pub spec: SearchSpec,
}

/// One view's result list: hits, cursor, facets and order.
#[derive(Debug, Clone, Default)]
pub struct ListView {
    /// Ranked hits of the latest search result (indexes into the view's records).
    pub hits: Vec<u32>,
    /// Set once a search result has arrived.
    pub searched: bool,
    pub selection: Selection,
    pub facet_rows: Vec<FacetRow>,
    pub facet_cursor: usize,
    pub facet_offset: usize,
    pub selected: usize,
    pub offset: usize,
    pub sort: Sort,
    pub reverse: bool,
    /// The search generation from which the list goes back to its top row
    /// (set when the filter, facets or order change), and the last one that did.
    pub reset_from: u64,
    pub reset_done: u64,
    pub shown_generation: u64,
    /// The last search asked for this list.
    pub requested: Option<SearchSpec>,
}

/// What the reader shows in the Deals view: the selected deal's card, or
/// an article opened from one of its evidence lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DealReader {
    #[default]
    Card,
    Article(u32),
}

/// What the reader pane holds, for its layout cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderSubject {
    Article(u32),
    Deal(u32),
}

#[derive(Debug, Default)]
pub struct AppState {
    /// Articles in arrival order; an article hit is an index into this.
    pub articles: Vec<Article>,
    /// Article index by id, for a deal's evidence lines.
    pub article_ids: rustc_hash::FxHashMap<compact_str::CompactString, u32>,
    /// Deals merged across the loaded articles; a deal hit is an index into this.
    pub deals: Vec<Arc<Deal>>,
    /// Set once deals were merged from the whole corpus.
    pub deals_ready: bool,
    pub load: LoadStatus,
    pub warnings: Vec<LoadWarning>,

    pub view: View,
    pub articles_view: ListView,
    pub deals_view: ListView,

    pub focus: Focus,
    pub overlay: Overlay,
    pub width: u16,
    pub height: u16,

    /// One filter box for both views.
    pub filter: LineInput,
    /// The parsed filter, for highlighting.
    pub query: Query,

    /// The reader's subject, its layout, and the layout's key.
    pub reader_subject: Option<ReaderSubject>,
    pub reader: ReaderDoc,
    pub reader_layout_key: Option<(ReaderSubject, usize, String, usize)>,
    pub reader_scroll: usize,
    pub deal_reader: DealReader,
    /// The evidence line selected in a deal card.
    pub card_cursor: usize,
    /// The card scrolls to follow the evidence cursor (once it was moved).
    pub card_follow: bool,
    /// A sentence the reader scrolls to once its article is laid out (an
    /// evidence line opened from a deal card).
    pub scroll_to_text: Option<String>,
    pub warnings_scroll: usize,

    /// A short message for the status bar (a capped paste...), cleared by
    /// the next key.
    pub notice: Option<String>,
    pub search_generation: u64,
    /// Set by `update`, taken by the loop and sent to the search worker.
    pub pending_searches: Vec<SearchRequest>,
    pub quit: bool,
    /// Set by `update` on Ctrl-z; the loop suspends and redraws.
    pub suspend: bool,
}

impl AppState {
    pub fn new(width: u16, height: u16) -> Self {
        let mut state = AppState { width, height, ..AppState::default() };
        state.deals_view.sort = Sort::Date;
        state
    }

    pub fn areas(&self) -> Areas {
        layout::compute(self.width, self.height, self.focus, self.view)
    }

    /// The active view's list.
    pub fn current(&self) -> &ListView {
        match self.view {
            View::Articles => &self.articles_view,
            View::Deals => &self.deals_view,
        }
    }

    pub fn current_mut(&mut self) -> &mut ListView {
        match self.view {
            View::Articles => &mut self.articles_view,
            View::Deals => &mut self.deals_view,
        }
    }

    /// How many records the active view has in all.
    pub fn total(&self) -> usize {
        match self.view {
            View::Articles => self.articles.len(),
            View::Deals => self.deals.len(),
        }
    }

    /// The article under the list cursor (Articles view).
    pub fn selected_article(&self) -> Option<u32> {
        self.articles_view.hits.get(self.articles_view.selected).copied()
    }

    /// The deal under the list cursor (Deals view).
    pub fn selected_deal(&self) -> Option<u32> {
        self.deals_view.hits.get(self.deals_view.selected).copied()
    }

    /// What the reader shows now, if anything.
    pub fn reader_target(&self) -> Option<ReaderSubject> {
        match self.view {
            View::Articles => self.selected_article().map(ReaderSubject::Article),
            View::Deals => match self.deal_reader {
                DealReader::Article(a) => Some(ReaderSubject::Article(a)),
                DealReader::Card => self.selected_deal().map(ReaderSubject::Deal),
            },
        }
    }

    pub fn article(&self, index: u32) -> Option<&Article> {
        self.articles.get(index as usize)
    }

    pub fn deal(&self, index: u32) -> Option<&Deal> {
        self.deals.get(index as usize).map(Arc::as_ref)
    }

    /// The facets pane line by line: `Err(section)` for a section header
    /// ("Countries", "Kinds", "Statuses", "Topics"), else `Ok` with the
    /// index of a facet row. Countries always have a header.
    pub fn facet_lines(&self) -> Vec<Result<usize, usize>> {
        let rows = &self.current().facet_rows;
        let mut lines = vec![Err(0)];
        let mut section = 0;
        for (i, row) in rows.iter().enumerate() {
            if row.key.section() != section {
                section = row.key.section();
                lines.push(Err(section));
            }
            lines.push(Ok(i));
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

    /// The active facets and typed deal terms as breadcrumbs:
    /// `@KR #chip-supply kind:data-centre status:signed`.
    pub fn breadcrumbs(&self) -> String {
        let selection = &self.current().selection;
        let mut crumbs: Vec<String> = selection.countries.iter().map(|c| format!("@{c}")).collect();
        crumbs.extend(selection.topics.iter().map(|t| format!("#{}", t.slug())));
        crumbs.extend(selection.kinds.iter().map(|k| format!("kind:{}", k.slug())));
        crumbs.extend(selection.statuses.iter().map(|s| format!("status:{}", s.slug())));
        for clause in &self.query.clauses {
            let negated = if clause.negated { "!" } else { "" };
            match &clause.term {
                crate::search::Term::Kind(v) => crumbs.push(format!("{negated}kind:{v}")),
                crate::search::Term::Status(v) => crumbs.push(format!("{negated}status:{v}")),
                _ => {}
            }
        }
        crumbs.join(" ")
    }

    /// The active order as the status bar names it: relevance with nothing
    /// typed is by date.
    pub fn sort_label(&self) -> String {
        let list = self.current();
        let sort = if list.sort == Sort::Relevance && self.query.is_empty() { Sort::Date } else { list.sort };
        let arrow = if list.reverse { "↑" } else { "↓" };
        format!("{}{arrow}", sort.label())
    }

    /// The search the active view needs for its current filter, facets and order.
    pub fn search_spec(&self, view: View) -> SearchSpec {
        let list = match view {
            View::Articles => &self.articles_view,
            View::Deals => &self.deals_view,
        };
        SearchSpec {
            target: view.target(),
            text: self.filter.text.clone(),
            selection: list.selection.clone(),
            sort: list.sort,
            reverse: list.reverse,
        }
    }
}
