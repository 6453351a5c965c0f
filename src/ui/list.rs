//! The article list: country, date, title with matched characters marked,
//! headline figure.

use super::theme;
use crate::app::{AppState, Focus};
use crate::display::{fit_width, pad_width, short_headline};
use crate::search::highlight_title;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

const FIGURE_COLUMNS: usize = 12;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border(state.focus == Focus::List || state.focus == Focus::Filter))
        .title(" Articles ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let rows = inner.height as usize;
    let list = &state.articles_view;
    let lines: Vec<Line> = list
        .hits
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(rows)
        .filter_map(|(position, &doc)| {
            let article = state.article(doc)?;
            Some(row(state, article, width, position == list.selected))
        })
        .collect();
    let empty = list.hits.is_empty() && list.searched;
    let content =
        if empty { vec![Line::styled(fit_width("no article matches", width), theme::DIM)] } else { lines };
    frame.render_widget(Paragraph::new(content), inner);
}

fn row<'a>(state: &AppState, article: &'a crate::corpus::Article, width: usize, selected: bool) -> Line<'a> {
    let code = article.primary_country.as_ref().map_or("--", |c| c.code.as_str());
    let date = article.date.as_deref().unwrap_or("");
    let figure = article.headline().as_ref().map(short_headline).unwrap_or_default();
    // Narrow lists drop the figure, then the date, before the title.
    let show_figure = width >= 50 && !figure.is_empty();
    let show_date = width >= 30;
    let fixed = 3 + if show_date { 11 } else { 0 } + if show_figure { FIGURE_COLUMNS + 1 } else { 0 };
    let title_width = width.saturating_sub(fixed);

    let mut spans = vec![Span::styled(fit_width(&format!("{code} "), width), theme::COUNTRY_CODE)];
    if show_date {
        spans.push(Span::styled(format!("{} ", pad_width(date, 10)), theme::DIM));
    }
    spans.extend(title_spans(state, &article.title, title_width));
    if show_figure {
        let figure = fit_width(&figure, FIGURE_COLUMNS);
        let pad = " ".repeat(FIGURE_COLUMNS.saturating_sub(figure.width()) + 1);
        spans.push(Span::styled(format!("{pad}{figure}"), theme::FIGURE));
    }
    let line = Line::from(spans);
    if selected { line.style(theme::SELECTED_ROW) } else { line }
}

/// The title fitted to `width` and padded, matched characters marked.
pub fn title_spans<'a>(state: &AppState, title: &str, width: usize) -> Vec<Span<'a>> {
    let fitted = pad_width(title, width);
    let marked = highlight_title(&state.query, title);
    let mut spans: Vec<Span> = Vec::new();
    for (i, c) in fitted.chars().enumerate() {
        let style = if marked.contains(&i) { theme::MATCHED_CHAR } else { ratatui::style::Style::new() };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    spans
}
