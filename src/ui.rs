//! Drawing: a pure function of `AppState`, one file per screen region.

pub mod deals;
pub mod facets;
pub mod filter_box;
pub mod help;
pub mod list;
pub mod reader;
pub mod status;
pub mod theme;

use crate::app::AppState;
use crate::app::state::{Overlay, View};
use ratatui::Frame;

/// Draws the whole screen from the state. Reads only.
pub fn draw(frame: &mut Frame, state: &AppState) {
    let areas = state.areas();
    let buffer_area = frame.area();
    // The state's size and the frame's agree except between a resize and
    // its event; never draw outside the frame.
    let clip = |r: ratatui::layout::Rect| r.intersection(buffer_area);
    filter_box::draw(frame, clip(areas.filter), state);
    if let Some(area) = areas.facets {
        facets::draw(frame, clip(area), state);
    }
    if let Some(area) = areas.list {
        match state.view {
            View::Articles => list::draw(frame, clip(area), state),
            View::Deals => deals::draw(frame, clip(area), state),
        }
    }
    if let Some(area) = areas.reader {
        reader::draw(frame, clip(area), state);
    }
    status::draw(frame, clip(areas.status), state);
    match state.overlay {
        Overlay::Help => help::draw_help(frame, buffer_area),
        Overlay::Warnings => help::draw_warnings(frame, buffer_area, state),
        Overlay::None => {}
    }
}
