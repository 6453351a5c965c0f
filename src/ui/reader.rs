//! The reader pane: the laid-out article and the scroll position.

use super::theme;
use crate::app::state::{ReaderSubject, View};
use crate::app::{AppState, Focus};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState) {
    let total = state.reader.lines.len();
    let height = area.height.saturating_sub(2) as usize;
    let position = if total == 0 {
        String::new()
    } else {
        let last = (state.reader_scroll + height).min(total);
        let percent = if total <= height { 100 } else { last * 100 / total };
        format!(" {}-{last}/{total} {percent}% ", state.reader_scroll + 1)
    };
    let title = match state.reader_subject {
        Some(ReaderSubject::Deal(_)) => " Deal ",
        Some(ReaderSubject::Article(_)) if state.view == View::Deals => " Article · Esc: the deal ",
        _ => " Reader ",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border(state.focus == Focus::Reader))
        .title(title)
        .title_bottom(Line::from(position).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = state
        .reader
        .lines
        .iter()
        .skip(state.reader_scroll)
        .take(inner.height as usize)
        .map(|line| {
            Line::from(
                line.spans
                    .iter()
                    .map(|(text, kind)| Span::styled(text.as_str(), theme::reader_span(*kind)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let content = match (state.reader_subject, state.view) {
        (None, View::Articles) => vec![Line::styled("no article selected", theme::DIM)],
        (None, View::Deals) => vec![Line::styled("no deal selected", theme::DIM)],
        _ => lines,
    };
    frame.render_widget(Paragraph::new(content), inner);
}
