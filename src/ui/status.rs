//! The status bar: `{shown}/{total}` first, then active facets, loading
//! progress, skipped files and key hints.

use super::theme;
use crate::app::AppState;
use crate::app::keymap::hints;
use crate::app::state::View;
use crate::corpus::load::{LoadSummary, WarningKind};
use crate::display::fit_width;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The status bar's text parts, in order: counts, breadcrumbs, loading,
/// warnings, hints.
pub fn status_parts(state: &AppState) -> (String, Option<String>, String) {
    let mut main = format!(
        "{}/{} {} · sort {}",
        state.current().hits.len(),
        state.total(),
        state.view.label().to_lowercase(),
        state.sort_label()
    );
    let crumbs = state.breadcrumbs();
    if !crumbs.is_empty() {
        main.push_str(&format!("  {crumbs}"));
    }
    if let Some(error) = &state.load.error {
        main.push_str(&format!("  load failed: {error}"));
    } else if !state.load.done {
        match state.load.files {
            Some(files) => main.push_str(&format!("  loading {}/{files}…", state.articles.len())),
            None => main.push_str("  loading…"),
        }
    } else if state.view == View::Deals && !state.deals_ready {
        main.push_str("  merging deals…");
    }
    if let Some(notice) = &state.notice {
        main.push_str(&format!("  {notice}"));
    }
    let warning = (!state.warnings.is_empty()).then(|| {
        let mut summary = LoadSummary::default();
        state.warnings.iter().for_each(|w| summary.count(w));
        let mut parts = Vec::new();
        if summary.skipped > 0 {
            parts.push(format!("{} skipped", summary.skipped));
        }
        if summary.unreadable > 0 {
            parts.push(format!("{} unreadable", summary.unreadable));
        }
        if summary.with_warnings > 0 {
            parts.push(format!("{} with warnings", summary.with_warnings));
        }
        if state.warnings.iter().any(|w| w.kind == WarningKind::Cache) {
            parts.push("cache problem".into());
        }
        format!(" {} (w) ", parts.join(", "))
    });
    let hint_text =
        hints().iter().map(|(key, label)| format!("{key} {label}")).collect::<Vec<_>>().join("  ");
    (main, warning, hint_text)
}

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState) {
    let width = area.width as usize;
    let (main, warning, hint_text) = status_parts(state);
    let main = format!(" {main} ");
    let mut spans = vec![Span::styled(fit_width(&main, width), theme::STATUS)];
    let mut used = main.width().min(width);
    if let Some(warning) = warning {
        let fitted = fit_width(&warning, width - used);
        used += fitted.width();
        spans.push(Span::styled(fitted, theme::STATUS_WARNING));
    }
    let room = width.saturating_sub(used);
    let hints = if hint_text.width() + 2 <= room {
        format!("{:>room$}", format!("{hint_text} "))
    } else {
        " ".repeat(room)
    };
    spans.push(Span::styled(hints, theme::STATUS));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
