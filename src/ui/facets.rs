//! The facets pane: countries, then (in the Deals view) kinds and statuses,
//! then topics, each value with its live count.

use super::theme;
use crate::app::state::FacetKey;
use crate::app::{AppState, Focus};
use crate::display::{fit_width, pad_width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState) {
    let focused = state.focus == Focus::Facets;
    let block = Block::default().borders(Borders::ALL).border_style(theme::border(focused)).title(" Facets ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let list = state.current();
    let lines: Vec<Line> = state
        .facet_lines()
        .into_iter()
        .map(|line| match line {
            Err(section) => {
                Line::styled(fit_width(FacetKey::section_title(section), width), theme::FACET_HEADER)
            }
            Ok(index) => {
                let row = &list.facet_rows[index];
                let count = row.count.to_string();
                let marker = if row.selected { "● " } else { "  " };
                let label_width = width.saturating_sub(marker.width() + count.len() + 1);
                let text = format!("{marker}{} {count}", pad_width(&row.label, label_width));
                let mut style =
                    if row.selected { theme::FACET_SELECTED } else { ratatui::style::Style::new() };
                if row.count == 0 && !row.selected {
                    style = theme::DIM;
                }
                if focused && index == list.facet_cursor {
                    style = style.patch(theme::SELECTED_ROW);
                }
                Line::from(Span::styled(fit_width(&text, width), style))
            }
        })
        .skip(list.facet_offset)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
