//! `update`: the one place where the browser's state changes. No IO: a
//! search is requested by leaving a `SearchRequest` for the loop to send.
//! Each view's own arms live in its module (`deals` for the Deals view);
//! this file holds what both views share.

use super::action::Action;
use super::deals;
use super::layout::{inner_height, list_header_rows};
use super::reader::build_reader;
use super::results::{accept_results, refresh_facet_marks};
use super::state::{AppState, DealReader, FacetKey, Focus, Overlay, ReaderSubject, SearchRequest, View};
use crate::extract::text::is_control;
use crate::search::{Sort, parse};

/// Longest filter the box takes: a long paste would make every keystroke
/// re-scan articles for hundreds of words.
pub const MAX_FILTER_CHARS: usize = 512;

/// Mouse wheel steps per notch.
const WHEEL_STEP: usize = 3;
const PANE_ORDER: [Focus; 3] = [Focus::Facets, Focus::List, Focus::Reader];

/// Applies one action, then brings derived state (scroll positions, the
/// reader's layout) in line with it.
pub fn update(state: &mut AppState, action: Action) {
    apply(state, action);
    sync(state);
}

fn apply(state: &mut AppState, action: Action) {
    // A notice lasts until the next thing the user does.
    if !matches!(action, Action::SearchDone(_) | Action::ArticlesLoaded(_) | Action::DealsMerged { .. }) {
        state.notice = None;
    }
    match action {
        Action::Quit => state.quit = true,
        Action::Suspend => state.suspend = true,
        Action::Resize { width, height } => {
            state.width = width;
            state.height = height;
        }
        Action::ToggleHelp => state.overlay = toggled(state.overlay, Overlay::Help),
        Action::ToggleWarnings => state.overlay = toggled(state.overlay, Overlay::Warnings),
        Action::Back if state.overlay != Overlay::None => state.overlay = Overlay::None,
        Action::MoveDown | Action::MoveUp if state.overlay == Overlay::Warnings => {
            let down = matches!(action, Action::MoveDown);
            state.warnings_scroll =
                step(state.warnings_scroll, 1, down, state.warnings.len().saturating_sub(1));
        }
        Action::MoveUp => move_in(state, state.focus, 1, false),
        Action::MoveDown => move_in(state, state.focus, 1, true),
        Action::PageUp => move_in(state, state.focus, half_page(state), false),
        Action::PageDown => move_in(state, state.focus, half_page(state), true),
        Action::Top => move_in(state, state.focus, usize::MAX, false),
        Action::Bottom => move_in(state, state.focus, usize::MAX, true),
        Action::FocusNext => cycle_focus(state, 1),
        Action::FocusPrev => cycle_focus(state, PANE_ORDER.len() - 1),
        Action::FocusLeft => shift_focus(state, false),
        Action::FocusRight => shift_focus(state, true),
        Action::FocusCountries => focus_facet_section(state, 0),
        Action::FocusTopics => focus_facet_section(state, 3),
        Action::Open => match state.focus {
            Focus::Filter => state.focus = Focus::List,
            Focus::List if state.reader_target().is_some() => {
                state.deal_reader = DealReader::Card;
                state.focus = Focus::Reader;
            }
            Focus::Facets => toggle_facet(state),
            Focus::Reader if state.view == View::Deals => deals::open_evidence(state),
            _ => {}
        },
        Action::Back => match state.focus {
            Focus::Filter => {
                state.filter = Default::default();
                state.focus = Focus::List;
                filter_changed(state);
            }
            // In a deal's card, Esc first leaves an opened article.
            Focus::Reader if state.view == View::Deals && state.deal_reader != DealReader::Card => {
                state.deal_reader = DealReader::Card;
            }
            Focus::Reader | Focus::Facets => state.focus = Focus::List,
            Focus::List => {}
        },
        Action::FocusFilter => {
            state.focus = Focus::Filter;
            state.filter.cursor = state.filter.text.chars().count();
        }
        // Typed text is shown on screen: no control characters.
        Action::FilterInsert(c) if !is_control(c) => {
            if state.filter.text.chars().count() >= MAX_FILTER_CHARS {
                state.notice = Some(format!("the filter holds {MAX_FILTER_CHARS} characters at most"));
                return;
            }
            let at = byte_at(&state.filter.text, state.filter.cursor);
            state.filter.text.insert(at, c);
            state.filter.cursor += 1;
            filter_changed(state);
        }
        Action::FilterPaste(text) => paste(state, &text),
        Action::FilterBackspace if state.filter.cursor > 0 => {
            state.filter.cursor -= 1;
            let at = byte_at(&state.filter.text, state.filter.cursor);
            state.filter.text.remove(at);
            filter_changed(state);
        }
        Action::FilterDelete if state.filter.cursor < state.filter.text.chars().count() => {
            let at = byte_at(&state.filter.text, state.filter.cursor);
            state.filter.text.remove(at);
            filter_changed(state);
        }
        Action::FilterLeft => state.filter.cursor = state.filter.cursor.saturating_sub(1),
        Action::FilterRight => {
            state.filter.cursor = (state.filter.cursor + 1).min(state.filter.text.chars().count())
        }
        Action::FilterHome => state.filter.cursor = 0,
        Action::FilterEnd => state.filter.cursor = state.filter.text.chars().count(),
        Action::FilterClearLine if !state.filter.text.is_empty() => {
            state.filter = Default::default();
            filter_changed(state);
        }
        Action::FilterInsert(_)
        | Action::FilterBackspace
        | Action::FilterDelete
        | Action::FilterClearLine => {}
        Action::ToggleFacet => toggle_facet(state),
        Action::NextCountry => step_country(state, true),
        Action::PrevCountry => step_country(state, false),
        Action::ClearFacets => {
            if !state.current().selection.is_empty() {
                state.current_mut().selection = Default::default();
                selection_changed(state);
            }
        }
        Action::NextMatch => jump_to_match(state, true),
        Action::PrevMatch => jump_to_match(state, false),
        Action::ShowArticles => show_view(state, View::Articles),
        Action::ShowDeals => show_view(state, View::Deals),
        Action::CycleSort => cycle_sort(state),
        Action::ReverseSort => {
            let list = state.current_mut();
            list.reverse = !list.reverse;
            order_changed(state);
        }
        // The mouse acts on what is visible: nothing under an overlay.
        Action::ScrollAt { .. } | Action::ClickAt { .. } if state.overlay != Overlay::None => {}
        Action::ScrollAt { column, row, down } => {
            if let Some(pane) = state.areas().pane_at(column, row).filter(|p| *p != Focus::Filter) {
                move_in(state, pane, WHEEL_STEP, down);
            }
        }
        Action::ClickAt { column, row } => click(state, column, row),
        Action::LoadStarted { files } => {
            state.load.files = Some(files);
            // One file is at most one article: room for all of them now,
            // rather than copying a growing list while loading.
            state.articles.reserve(files);
            state.article_ids.reserve(files);
        }
        Action::ArticlesLoaded(articles) => {
            for article in articles {
                state.article_ids.insert(article.id.clone(), state.articles.len() as u32);
                state.articles.push(article);
            }
            // The worker re-runs its last search itself when documents
            // arrive: asking again per batch would search twice per batch.
            if state.articles_view.requested.is_none() {
                request_search(state, View::Articles);
            }
        }
        Action::DealsMerged { deals, complete } => deals::merged(state, deals, complete),
        Action::LoadWarned(warning) => state.warnings.push(warning),
        Action::LoadFinished => {
            state.load.done = true;
            // An empty corpus still gets a (empty) result, so the panes say so.
            if !state.articles_view.searched && state.pending_searches.is_empty() {
                request_search(state, View::Articles);
            }
        }
        Action::LoadFailed(message) => {
            state.load.done = true;
            state.load.error = Some(message);
        }
        Action::SearchDone(response) => accept_results(state, *response),
    }
}

/// A paste goes into the filter box as one edit: line breaks and tabs
/// become spaces, control characters go, and the box stops at its cap.
fn paste(state: &mut AppState, text: &str) {
    state.focus = Focus::Filter;
    let room = MAX_FILTER_CHARS.saturating_sub(state.filter.text.chars().count());
    let clean: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
        .filter(|&c| !is_control(c))
        .collect();
    let kept: String = clean.chars().take(room).collect();
    if kept.chars().count() < clean.chars().count() {
        state.notice = Some(format!("paste cut: the filter holds {MAX_FILTER_CHARS} characters at most"));
    }
    if kept.is_empty() {
        return;
    }
    let at = byte_at(&state.filter.text, state.filter.cursor);
    state.filter.text.insert_str(at, &kept);
    state.filter.cursor += kept.chars().count();
    filter_changed(state);
}

fn toggled(current: Overlay, wanted: Overlay) -> Overlay {
    if current == wanted { Overlay::None } else { wanted }
}

fn byte_at(text: &str, char_index: usize) -> usize {
    text.char_indices().nth(char_index).map_or(text.len(), |(i, _)| i)
}

pub(super) fn step(value: usize, by: usize, down: bool, max: usize) -> usize {
    if down { value.saturating_add(by).min(max) } else { value.saturating_sub(by) }
}

fn half_page(state: &AppState) -> usize {
    let areas = state.areas();
    let height = match state.focus {
        Focus::Facets => inner_height(areas.facets),
        Focus::Reader => inner_height(areas.reader),
        Focus::List | Focus::Filter => list_rows(state),
    };
    (height / 2).max(1)
}

/// Rows of records the list pane shows.
fn list_rows(state: &AppState) -> usize {
    inner_height(state.areas().list).saturating_sub(list_header_rows(state.view))
}

fn move_in(state: &mut AppState, pane: Focus, by: usize, down: bool) {
    match pane {
        Focus::List | Focus::Filter => {
            let list = state.current_mut();
            list.selected = step(list.selected, by, down, list.hits.len().saturating_sub(1));
        }
        Focus::Facets => {
            let list = state.current_mut();
            list.facet_cursor = step(list.facet_cursor, by, down, list.facet_rows.len().saturating_sub(1));
        }
        // A deal card moves between its evidence lines; anything else scrolls.
        Focus::Reader if deals::card_is_open(state) => deals::move_evidence(state, by, down),
        Focus::Reader => state.reader_scroll = step(state.reader_scroll, by, down, max_reader_scroll(state)),
    }
}

pub(super) fn max_reader_scroll(state: &AppState) -> usize {
    state.reader.lines.len().saturating_sub(inner_height(state.areas().reader).max(1))
}

fn cycle_focus(state: &mut AppState, by: usize) {
    let current = PANE_ORDER.iter().position(|p| *p == state.focus).unwrap_or(1);
    state.focus = PANE_ORDER[(current + by) % PANE_ORDER.len()];
}

fn shift_focus(state: &mut AppState, right: bool) {
    let current = PANE_ORDER.iter().position(|p| *p == state.focus).unwrap_or(1);
    let next = if right { (current + 1).min(PANE_ORDER.len() - 1) } else { current.saturating_sub(1) };
    state.focus = PANE_ORDER[next];
}

/// `c`, `t`: the facets pane at a section (the first one that exists at or
/// after it).
fn focus_facet_section(state: &mut AppState, section: usize) {
    state.focus = Focus::Facets;
    let list = state.current_mut();
    let first = list.facet_rows.iter().position(|r| r.key.section() >= section);
    list.facet_cursor = first.unwrap_or(0);
}

fn show_view(state: &mut AppState, view: View) {
    if state.view == view {
        return;
    }
    state.view = view;
    state.deal_reader = DealReader::Card;
    // The other view's list ran with the filter it had then.
    if state.current().requested.as_ref() != Some(&state.search_spec(view)) {
        request_search(state, view);
    }
}

fn cycle_sort(state: &mut AppState) {
    let typed = !state.query.is_empty();
    let sorts: Vec<Sort> =
        state.view.sorts().iter().copied().filter(|s| *s != Sort::Relevance || typed).collect();
    let list = state.current_mut();
    let at = sorts.iter().position(|s| *s == list.sort);
    // With nothing typed, relevance is date order: the next one is value.
    let at = at.or_else(|| {
        (list.sort == Sort::Relevance).then(|| sorts.iter().position(|s| *s == Sort::Date)).flatten()
    });
    list.sort = sorts[at.map_or(0, |i| (i + 1) % sorts.len())];
    order_changed(state);
}

fn filter_changed(state: &mut AppState) {
    state.query = parse(&state.filter.text);
    request_search(state, state.view);
    let generation = state.search_generation;
    state.current_mut().reset_from = generation;
}

fn selection_changed(state: &mut AppState) {
    refresh_facet_marks(state);
    order_changed(state);
}

fn order_changed(state: &mut AppState) {
    request_search(state, state.view);
    let generation = state.search_generation;
    state.current_mut().reset_from = generation;
}

pub(super) fn request_search(state: &mut AppState, view: View) {
    state.search_generation += 1;
    state.query = parse(&state.filter.text);
    let spec = state.search_spec(view);
    match view {
        View::Articles => state.articles_view.requested = Some(spec.clone()),
        View::Deals => state.deals_view.requested = Some(spec.clone()),
    }
    state.pending_searches.retain(|r| r.spec.target != spec.target);
    state.pending_searches.push(SearchRequest { generation: state.search_generation, spec });
}

fn toggle_facet(state: &mut AppState) {
    let list = state.current_mut();
    let Some(row) = list.facet_rows.get(list.facet_cursor) else { return };
    let selection = &mut list.selection;
    match row.key.clone() {
        FacetKey::Country(code) => {
            if !selection.countries.remove(&code) {
                selection.countries.insert(code);
            }
        }
        FacetKey::Topic(topic) => {
            if !selection.topics.remove(&topic) {
                selection.topics.insert(topic);
            }
        }
        FacetKey::Kind(kind) => {
            if !selection.kinds.remove(&kind) {
                selection.kinds.insert(kind);
            }
        }
        FacetKey::Status(status) => {
            if !selection.statuses.remove(&status) {
                selection.statuses.insert(status);
            }
        }
    }
    selection_changed(state);
}

/// `]` and `[`: make the next or previous country with rows (in facet
/// order) the only country filter.
fn step_country(state: &mut AppState, forward: bool) {
    let list = state.current();
    let countries: Vec<String> = list
        .facet_rows
        .iter()
        .filter_map(|r| match &r.key {
            FacetKey::Country(code) if r.count > 0 || r.selected => Some(code.clone()),
            _ => None,
        })
        .collect();
    if countries.is_empty() {
        return;
    }
    let current = countries.iter().rposition(|c| list.selection.countries.contains(c));
    let next = match (current, forward) {
        (None, true) => 0,
        (None, false) => countries.len() - 1,
        (Some(i), true) => (i + 1) % countries.len(),
        (Some(i), false) => (i + countries.len() - 1) % countries.len(),
    };
    state.current_mut().selection.countries = [countries[next].clone()].into_iter().collect();
    selection_changed(state);
}

fn jump_to_match(state: &mut AppState, forward: bool) {
    let lines = &state.reader.match_lines;
    let target = if forward {
        lines.iter().find(|&&l| l > state.reader_scroll).or(lines.first())
    } else {
        lines.iter().rev().find(|&&l| l < state.reader_scroll).or(lines.last())
    };
    let max = max_reader_scroll(state);
    let Some(&line) = target else { return };
    // Near the end the target may not scroll to the top of the pane; when
    // that leaves the view where it is, wrap around.
    let wrapped = if forward { lines.first() } else { lines.last() };
    state.reader_scroll = match line.min(max) {
        same if same == state.reader_scroll => wrapped.map_or(same, |&w| w.min(max)),
        moved => moved,
    };
}

fn click(state: &mut AppState, column: u16, row: u16) {
    let areas = state.areas();
    // The first and last rows of a pane are its borders.
    let content_row = |area: Option<ratatui::layout::Rect>| {
        area.filter(|a| row > a.y && u32::from(row) + 1 < u32::from(a.y) + u32::from(a.height))
            .map(|a| (row - a.y - 1) as usize)
    };
    let Some(pane) = areas.pane_at(column, row) else { return };
    if pane == Focus::Filter {
        apply(state, Action::FocusFilter);
        return;
    }
    state.focus = pane;
    match pane {
        Focus::List => {
            let header = list_header_rows(state.view);
            if let Some(offset) = content_row(areas.list).and_then(|r| r.checked_sub(header)) {
                let list = state.current_mut();
                let index = list.offset + offset;
                if index < list.hits.len() {
                    list.selected = index;
                }
            }
        }
        Focus::Facets => {
            if let Some(offset) = content_row(areas.facets)
                && let Some(Ok(index)) =
                    state.facet_lines().get(state.current().facet_offset + offset).copied()
            {
                state.current_mut().facet_cursor = index;
                toggle_facet(state);
            }
        }
        Focus::Reader | Focus::Filter => {}
    }
}

/// Keeps cursors in range and visible, and lays out the reader.
fn sync(state: &mut AppState) {
    let areas = state.areas();
    let list_height = list_rows(state);
    let facets_height = inner_height(areas.facets);
    let lines = state.facet_lines();
    let list = state.current_mut();
    list.selected = list.selected.min(list.hits.len().saturating_sub(1));
    list.offset = visible_offset(list.offset, list.selected, list_height);
    list.facet_cursor = list.facet_cursor.min(list.facet_rows.len().saturating_sub(1));
    let facet_line = lines.iter().position(|l| *l == Ok(list.facet_cursor)).unwrap_or(0);
    // Show the section header above the first value of a section.
    let wanted = if facet_line > 0 && lines[facet_line - 1].is_err() { facet_line - 1 } else { facet_line };
    list.facet_offset = visible_offset(list.facet_offset.min(wanted), facet_line, facets_height);

    let subject = state.reader_target();
    if subject != state.reader_subject {
        // A new deal's card starts on its first evidence line.
        if matches!(subject, Some(ReaderSubject::Deal(_)))
            && !matches!(state.reader_subject, Some(ReaderSubject::Article(_)))
        {
            state.card_cursor = 0;
            state.card_follow = false;
        }
        state.reader_subject = subject;
        state.reader_scroll = 0;
    }
    let width = areas.reader.map_or(0, |r| r.width.saturating_sub(2) as usize);
    match subject {
        Some(subject) if width > 0 => {
            let key = (subject, width, state.filter.text.clone(), state.card_cursor);
            if state.reader_layout_key.as_ref() != Some(&key) {
                let doc = match subject {
                    ReaderSubject::Article(a) => {
                        state.article(a).map(|found| build_reader(found, &state.query, width))
                    }
                    ReaderSubject::Deal(d) => state.deal(d).map(|deal| deals::build_card(state, deal, width)),
                };
                if let Some(doc) = doc {
                    state.reader = doc;
                    state.reader_layout_key = Some(key);
                }
            }
        }
        Some(_) => {}
        None => {
            state.reader = Default::default();
            state.reader_layout_key = None;
        }
    }
    if deals::card_is_open(state) {
        deals::keep_evidence_visible(state);
    }
    if let Some(sentence) = state.scroll_to_text.take() {
        state.reader_scroll = line_of(&state.reader, &sentence).unwrap_or(0);
    }
    state.reader_scroll = state.reader_scroll.min(max_reader_scroll(state));
    if state.focus == Focus::Reader && subject.is_none() {
        state.focus = Focus::List;
    }
}

/// The reader line where `sentence` starts, wherever wrapping cut it.
fn line_of(doc: &super::reader::ReaderDoc, sentence: &str) -> Option<usize> {
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let wanted: Vec<String> = words(sentence).into_iter().take(6).collect();
    if wanted.is_empty() {
        return None;
    }
    // Every word of the laid-out text, with the line it is on.
    let mut all: Vec<(String, usize)> = Vec::new();
    for (n, line) in doc.lines.iter().enumerate() {
        let text: String = line.spans.iter().map(|(t, _)| t.as_str()).collect();
        all.extend(words(&text).into_iter().map(|w| (w, n)));
    }
    all.windows(wanted.len()).find(|w| w.iter().map(|(word, _)| word).eq(wanted.iter())).map(|w| w[0].1)
}

/// The first visible row so that `cursor` is on screen.
fn visible_offset(offset: usize, cursor: usize, height: usize) -> usize {
    if height == 0 {
        return offset.min(cursor);
    }
    if cursor < offset {
        cursor
    } else if cursor >= offset + height {
        cursor + 1 - height
    } else {
        offset
    }
}
