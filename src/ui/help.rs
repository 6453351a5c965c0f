//! Overlays: the help generated from the key map, and the list of files
//! skipped while loading.

use super::theme;
use crate::app::AppState;
use crate::app::keymap::help_rows;
use crate::display::fit_width;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

fn overlay(frame: &mut Frame, area: Rect, title: &str, lines: Vec<String>) {
    let box_area = centered(area, 76, u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2));
    let block = Block::default().borders(Borders::ALL).title(title.to_string()).style(theme::OVERLAY);
    let inner = block.inner(box_area);
    let width = inner.width as usize;
    frame.render_widget(Clear, box_area);
    frame.render_widget(block, box_area);
    let lines: Vec<Line> = lines.iter().map(|l| Line::raw(fit_width(l, width))).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_help(frame: &mut Frame, area: Rect) {
    let rows = help_rows();
    let mut lines = Vec::new();
    // Sections in a fixed order, most used first; closing keys are in the title.
    for section in ["General", "Reader", "Facets", "Filter box"] {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("{section}:"));
        for (_, keys, help) in rows.iter().filter(|(s, _, _)| *s == section) {
            lines.push(format!("  {keys:<22} {help}"));
        }
    }
    overlay(frame, area, " Help: Esc or ? closes ", lines);
}

pub fn draw_warnings(frame: &mut Frame, area: Rect, state: &AppState) {
    let lines: Vec<String> = if state.warnings.is_empty() {
        vec!["no file was skipped".into()]
    } else {
        state
            .warnings
            .iter()
            .skip(state.warnings_scroll)
            .take(area.height as usize)
            .map(|w| w.to_string())
            .collect()
    };
    overlay(frame, area, " Skipped files: Esc or w closes ", lines);
}
