//! The filter box on the top row.

use super::theme;
use crate::app::{AppState, Focus};
use crate::display::fit_width;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

const PROMPT: &str = "/ ";
const PLACEHOLDER: &str = "filter: words, @country, #topic, !exclude, 'exact";

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState) {
    let width = area.width as usize;
    let typing = state.focus == Focus::Filter;
    let text = &state.filter.text;
    let room = width.saturating_sub(PROMPT.len() + 1);
    // Keep the cursor in view: drop leading characters until the text up to
    // the cursor fits.
    let before_cursor: String = text.chars().take(state.filter.cursor).collect();
    let to_skip = before_cursor.width().saturating_sub(room);
    let mut skipped = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if skipped >= to_skip {
            break;
        }
        skipped += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        start = i + c.len_utf8();
    }
    let visible = &text[start..];
    let line = if text.is_empty() && !typing {
        Line::from(vec![Span::styled(PROMPT, theme::DIM), Span::styled(PLACEHOLDER, theme::DIM)])
    } else {
        Line::from(vec![Span::styled(PROMPT, theme::FILTER_PROMPT), Span::raw(fit_width(visible, room))])
    };
    frame.render_widget(Paragraph::new(line), area);
    if typing && area.width > 0 && area.height > 0 {
        let x = area.x as usize + PROMPT.len() + before_cursor.width().saturating_sub(skipped);
        let x = x.min(area.right().saturating_sub(1) as usize) as u16;
        frame.set_cursor_position(Position { x, y: area.y });
    }
}
