//! `update`: the one place where the browser's state changes. No IO: a
//! search is requested by leaving a `SearchRequest` for the loop to send.

use super::action::Action;
use super::layout::inner_height;
use super::reader::build_reader;
use super::state::{AppState, FacetKey, FacetRow, Focus, Overlay, SearchRequest};
use crate::extract::countries::Gazetteer;
use crate::extract::text::is_control;
use crate::search::{SearchResponse, parse};

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
    match action {
        Action::Quit => state.quit = true,
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
        Action::FocusCountries => focus_facet_section(state, false),
        Action::FocusTopics => focus_facet_section(state, true),
        Action::Open => match state.focus {
            Focus::Filter => state.focus = Focus::List,
            Focus::List if state.selected_article().is_some() => state.focus = Focus::Reader,
            Focus::Facets => toggle_facet(state),
            _ => {}
        },
        Action::Back => match state.focus {
            Focus::Filter => {
                state.filter = Default::default();
                state.focus = Focus::List;
                filter_changed(state);
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
            let at = byte_at(&state.filter.text, state.filter.cursor);
            state.filter.text.insert(at, c);
            state.filter.cursor += 1;
            filter_changed(state);
        }
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
            if !state.selection.countries.is_empty() || !state.selection.topics.is_empty() {
                state.selection = Default::default();
                selection_changed(state);
            }
        }
        Action::NextMatch => jump_to_match(state, true),
        Action::PrevMatch => jump_to_match(state, false),
        // The mouse acts on what is visible: nothing under an overlay.
        Action::ScrollAt { .. } | Action::ClickAt { .. } if state.overlay != Overlay::None => {}
        Action::ScrollAt { column, row, down } => {
            if let Some(pane) = state.areas().pane_at(column, row).filter(|p| *p != Focus::Filter) {
                move_in(state, pane, WHEEL_STEP, down);
            }
        }
        Action::ClickAt { column, row } => click(state, column, row),
        Action::LoadStarted { files } => state.load.files = Some(files),
        Action::ArticlesLoaded(articles) => {
            state.articles.extend(articles);
            request_search(state);
        }
        Action::LoadWarned(warning) => state.warnings.push(warning),
        Action::LoadFinished => {
            state.load.done = true;
            // An empty corpus still gets a (empty) result, so the panes say so.
            if !state.searched && state.pending_search.is_none() {
                request_search(state);
            }
        }
        Action::LoadFailed(message) => {
            state.load.done = true;
            state.load.error = Some(message);
        }
        Action::SearchDone(response) => accept_results(state, *response),
    }
}

fn toggled(current: Overlay, wanted: Overlay) -> Overlay {
    if current == wanted { Overlay::None } else { wanted }
}

fn byte_at(text: &str, char_index: usize) -> usize {
    text.char_indices().nth(char_index).map_or(text.len(), |(i, _)| i)
}

fn step(value: usize, by: usize, down: bool, max: usize) -> usize {
    if down { value.saturating_add(by).min(max) } else { value.saturating_sub(by) }
}

fn half_page(state: &AppState) -> usize {
    let areas = state.areas();
    let area = match state.focus {
        Focus::Facets => areas.facets,
        Focus::Reader => areas.reader,
        Focus::List | Focus::Filter => areas.list,
    };
    (inner_height(area) / 2).max(1)
}

fn move_in(state: &mut AppState, pane: Focus, by: usize, down: bool) {
    match pane {
        Focus::List | Focus::Filter => {
            state.list_selected = step(state.list_selected, by, down, state.hits.len().saturating_sub(1));
        }
        Focus::Facets => {
            state.facet_cursor = step(state.facet_cursor, by, down, state.facet_rows.len().saturating_sub(1));
        }
        Focus::Reader => state.reader_scroll = step(state.reader_scroll, by, down, max_reader_scroll(state)),
    }
}

fn max_reader_scroll(state: &AppState) -> usize {
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

fn focus_facet_section(state: &mut AppState, topics: bool) {
    state.focus = Focus::Facets;
    let first = state.facet_rows.iter().position(|r| matches!(r.key, FacetKey::Topic(_)) == topics);
    state.facet_cursor = first.unwrap_or(0);
}

fn filter_changed(state: &mut AppState) {
    request_search(state);
    state.reset_list_from = state.search_generation;
}

fn selection_changed(state: &mut AppState) {
    refresh_facet_marks(state);
    request_search(state);
    state.reset_list_from = state.search_generation;
}

fn request_search(state: &mut AppState) {
    state.search_generation += 1;
    state.query = parse(&state.filter.text);
    state.pending_search = Some(SearchRequest {
        generation: state.search_generation,
        query: state.filter.text.clone(),
        selection: state.selection.clone(),
    });
}

fn toggle_facet(state: &mut AppState) {
    let Some(row) = state.facet_rows.get(state.facet_cursor) else { return };
    match &row.key {
        FacetKey::Country(code) => {
            if !state.selection.countries.remove(code) {
                state.selection.countries.insert(code.clone());
            }
        }
        FacetKey::Topic(topic) => {
            if !state.selection.topics.remove(topic) {
                state.selection.topics.insert(*topic);
            }
        }
    }
    selection_changed(state);
}

/// `]` and `[`: make the next or previous country with articles (in facet
/// order) the only country filter.
fn step_country(state: &mut AppState, forward: bool) {
    let countries: Vec<&str> = state
        .facet_rows
        .iter()
        .filter_map(|r| match &r.key {
            FacetKey::Country(code) if r.count > 0 || r.selected => Some(code.as_str()),
            _ => None,
        })
        .collect();
    if countries.is_empty() {
        return;
    }
    let current = countries.iter().rposition(|c| state.selection.countries.contains(*c));
    let next = match (current, forward) {
        (None, true) => 0,
        (None, false) => countries.len() - 1,
        (Some(i), true) => (i + 1) % countries.len(),
        (Some(i), false) => (i + countries.len() - 1) % countries.len(),
    };
    state.selection.countries = [countries[next].to_string()].into_iter().collect();
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
        area.filter(|a| row > a.y && row + 1 < a.y + a.height).map(|a| (row - a.y - 1) as usize)
    };
    let Some(pane) = areas.pane_at(column, row) else { return };
    if pane == Focus::Filter {
        apply(state, Action::FocusFilter);
        return;
    }
    state.focus = pane;
    match pane {
        Focus::List => {
            if let Some(offset) = content_row(areas.list) {
                let index = state.list_offset + offset;
                if index < state.hits.len() {
                    state.list_selected = index;
                }
            }
        }
        Focus::Facets => {
            if let Some(offset) = content_row(areas.facets)
                && let Some(Some(index)) = state.facet_lines().get(state.facet_offset + offset)
            {
                state.facet_cursor = *index;
                toggle_facet(state);
            }
        }
        Focus::Reader | Focus::Filter => {}
    }
}

fn accept_results(state: &mut AppState, response: SearchResponse) {
    if response.generation < state.shown_generation {
        return;
    }
    let previous = state.selected_article();
    state.shown_generation = response.generation;
    state.searched = true;
    state.hits = response.outcome.hits;
    if response.generation >= state.reset_list_from && state.reset_list_from > state.list_reset_done {
        // A new filter or facet: start from the best match.
        state.list_selected = 0;
        state.list_reset_done = state.reset_list_from;
    } else if let Some(doc) = previous
        && let Some(position) = state.hits.iter().position(|&h| h == doc)
    {
        // More articles loaded: stay on the one being read.
        state.list_selected = position;
    }
    let cursor_key = state.facet_rows.get(state.facet_cursor).map(|r| r.key.clone());
    let gazetteer = Gazetteer::embedded();
    let mut rows: Vec<FacetRow> = response
        .outcome
        .country_counts
        .into_iter()
        .map(|(code, count)| {
            let name = gazetteer.get(&code).map_or_else(|| code.clone(), |c| c.name_en.clone());
            FacetRow { label: format!("{code} {name}"), key: FacetKey::Country(code), count, selected: false }
        })
        .collect();
    rows.extend(response.outcome.topic_counts.into_iter().map(|(topic, count)| FacetRow {
        label: topic.slug().to_string(),
        key: FacetKey::Topic(topic),
        count,
        selected: false,
    }));
    state.facet_rows = rows;
    refresh_facet_marks(state);
    if let Some(key) = cursor_key
        && let Some(position) = state.facet_rows.iter().position(|r| r.key == key)
    {
        state.facet_cursor = position;
    }
}

fn refresh_facet_marks(state: &mut AppState) {
    for row in &mut state.facet_rows {
        row.selected = match &row.key {
            FacetKey::Country(code) => state.selection.countries.contains(code),
            FacetKey::Topic(topic) => state.selection.topics.contains(topic),
        };
    }
}

/// Keeps cursors in range and visible, and lays out the reader's article.
fn sync(state: &mut AppState) {
    let areas = state.areas();
    state.list_selected = state.list_selected.min(state.hits.len().saturating_sub(1));
    state.list_offset = visible_offset(state.list_offset, state.list_selected, inner_height(areas.list));
    state.facet_cursor = state.facet_cursor.min(state.facet_rows.len().saturating_sub(1));
    let facet_line = state.facet_lines().iter().position(|l| *l == Some(state.facet_cursor)).unwrap_or(0);
    // Show the section header above the first value of a section.
    let wanted = if facet_line > 0 && state.facet_lines()[facet_line - 1].is_none() {
        facet_line - 1
    } else {
        facet_line
    };
    state.facet_offset =
        visible_offset(state.facet_offset.min(wanted), facet_line, inner_height(areas.facets));

    let article = state.selected_article();
    if article != state.reader_article {
        state.reader_article = article;
        state.reader_scroll = 0;
    }
    let width = areas.reader.map_or(0, |r| r.width.saturating_sub(2) as usize);
    match article {
        Some(doc) if width > 0 => {
            let key = (doc, width, state.filter.text.clone());
            if state.reader_layout_key.as_ref() != Some(&key)
                && let Some(found) = state.articles.get(doc as usize)
            {
                state.reader = build_reader(found, &state.query, width);
                state.reader_layout_key = Some(key);
            }
        }
        Some(_) => {}
        None => {
            state.reader = Default::default();
            state.reader_layout_key = None;
        }
    }
    state.reader_scroll = state.reader_scroll.min(max_reader_scroll(state));
    if state.focus == Focus::Reader && article.is_none() {
        state.focus = Focus::List;
    }
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
