//! The whole look in one place.

use crate::app::reader::SpanKind;
use ratatui::style::{Color, Modifier, Style};

pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const BORDER_FOCUSED: Style = Style::new().fg(Color::Cyan);
pub const SELECTED_ROW: Style = Style::new().bg(Color::DarkGray).add_modifier(Modifier::BOLD);
pub const MATCHED_CHAR: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const COUNTRY_CODE: Style = Style::new().fg(Color::Cyan);
pub const FIGURE: Style = Style::new().fg(Color::Green);
pub const FACET_HEADER: Style = Style::new().add_modifier(Modifier::BOLD).add_modifier(Modifier::UNDERLINED);
pub const FACET_SELECTED: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const STATUS: Style = Style::new().bg(Color::Blue).fg(Color::White);
pub const STATUS_WARNING: Style = Style::new().bg(Color::Red).fg(Color::White).add_modifier(Modifier::BOLD);
pub const FILTER_PROMPT: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const OVERLAY: Style = Style::new().bg(Color::Black).fg(Color::White);

/// How each kind of reader text looks.
pub fn reader_span(kind: SpanKind) -> Style {
    match kind {
        SpanKind::Plain => Style::new(),
        SpanKind::Title => Style::new().add_modifier(Modifier::BOLD).fg(Color::White),
        SpanKind::Label => Style::new().fg(Color::DarkGray),
        SpanKind::Heading => Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan),
        SpanKind::Summary => Style::new().add_modifier(Modifier::ITALIC),
        SpanKind::Figure => Style::new().fg(Color::Green),
        SpanKind::Country => Style::new().fg(Color::Magenta),
        SpanKind::Match => Style::new().bg(Color::Yellow).fg(Color::Black),
    }
}

/// A pane's border style, brighter when it has focus.
pub fn border(focused: bool) -> Style {
    if focused { BORDER_FOCUSED } else { BORDER }
}
