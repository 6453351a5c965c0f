//! Everything that can change the browser's state, as named actions.

use crate::corpus::load::LoadWarning;
use crate::model::{Article, Deal};
use crate::search::SearchResponse;
use std::sync::Arc;

/// One change request: from a key, the mouse, the loader or the search worker.
#[derive(Debug, Clone)]
pub enum Action {
    // Movement in the focused pane (list rows, facet values, reader lines).
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    Top,
    Bottom,
    // Focus.
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    FocusCountries,
    FocusTopics,
    /// Enter: open the selected article, toggle a facet value, or accept the filter.
    Open,
    /// Esc: close an overlay, leave the reader on narrow screens, or cancel the filter.
    Back,
    // Filter box.
    FocusFilter,
    FilterInsert(char),
    FilterBackspace,
    FilterDelete,
    FilterLeft,
    FilterRight,
    FilterHome,
    FilterEnd,
    FilterClearLine,
    /// A bracketed paste: inserted into the filter box as one edit.
    FilterPaste(String),
    // Facets.
    ToggleFacet,
    NextCountry,
    PrevCountry,
    ClearFacets,
    // Reader.
    NextMatch,
    PrevMatch,
    // Views and order.
    ShowArticles,
    ShowDeals,
    CycleSort,
    ReverseSort,
    // Overlays and lifetime.
    ToggleHelp,
    ToggleWarnings,
    Quit,
    /// Ctrl-z: give the terminal back and stop, as in a shell.
    Suspend,
    Resize {
        width: u16,
        height: u16,
    },
    ScrollAt {
        column: u16,
        row: u16,
        down: bool,
    },
    ClickAt {
        column: u16,
        row: u16,
    },
    // From background threads.
    LoadStarted {
        files: usize,
    },
    ArticlesLoaded(Vec<Article>),
    /// Deals merged across every article loaded so far; `complete` once
    /// the whole corpus is in.
    DealsMerged {
        deals: Vec<Arc<Deal>>,
        complete: bool,
    },
    LoadWarned(LoadWarning),
    LoadFinished,
    LoadFailed(String),
    SearchDone(Box<SearchResponse>),
}
