//! The deal table: country, date, kind, status, organisations, chips, MW,
//! value in USD and sources, under a header row. Columns are as wide as
//! their widest value on screen; when the pane is too narrow the least
//! important fold away first (organisations, then MW, then chips), never
//! the country, status or value.

use super::theme;
use crate::app::{AppState, Focus};
use crate::display::{deal_organisations, fit_width, pad_width, short_count, short_power, short_usd};
use crate::model::Deal;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The table's columns, in screen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Country,
    Date,
    Kind,
    Status,
    Orgs,
    Chips,
    Mw,
    Value,
    Sources,
}

const ORDER: [Column; 9] = [
    Column::Country,
    Column::Date,
    Column::Kind,
    Column::Status,
    Column::Orgs,
    Column::Chips,
    Column::Mw,
    Column::Value,
    Column::Sources,
];

/// Folded first when space runs short.
const FOLD_ORDER: [Column; 5] = [Column::Orgs, Column::Mw, Column::Chips, Column::Sources, Column::Date];

/// Organisations never get more than this many columns, nor fewer than this.
const ORGS_MAX: usize = 36;
const ORGS_MIN: usize = 10;

impl Column {
    fn header(self) -> &'static str {
        match self {
            Column::Country => "cc",
            Column::Date => "date",
            Column::Kind => "kind",
            Column::Status => "status",
            Column::Orgs => "organisations",
            Column::Chips => "chips",
            Column::Mw => "power",
            Column::Value => "value",
            Column::Sources => "src",
        }
    }

    fn right_aligned(self) -> bool {
        matches!(self, Column::Chips | Column::Mw | Column::Value | Column::Sources)
    }

    fn cell(self, deal: &Deal) -> String {
        match self {
            Column::Country => deal.country.as_ref().map_or("--".into(), |c| c.code.to_string()),
            Column::Date => deal.date.as_deref().unwrap_or_default().to_string(),
            Column::Kind => deal.kind.slug().into(),
            Column::Status => deal.status.slug().into(),
            Column::Orgs => deal_organisations(deal),
            Column::Chips => deal
                .chips
                .as_ref()
                .and_then(|c| c.count)
                .map(|n| short_count(n as f64, "chips"))
                .unwrap_or_default(),
            Column::Mw => deal.power_mw.as_ref().map(|p| short_power(p.value)).unwrap_or_default(),
            Column::Value => deal.usd().map(short_usd).unwrap_or_default(),
            Column::Sources => deal.articles.len().to_string(),
        }
    }
}

/// Which columns show and how wide, for the rows on screen.
fn layout(deals: &[&Deal], width: usize) -> Vec<(Column, usize)> {
    let mut widths: Vec<(Column, usize)> = ORDER
        .iter()
        .map(|&c| {
            let widest = deals.iter().map(|d| c.cell(d).width()).max().unwrap_or(0);
            let w = widest.max(c.header().width());
            (c, if c == Column::Orgs { w.min(ORGS_MAX) } else { w })
        })
        .collect();
    // Columns nobody has a value for take no room.
    widths.retain(|&(c, _)| {
        c == Column::Orgs || deals.iter().any(|d| !c.cell(d).is_empty()) || deals.is_empty()
    });
    let total = |w: &[(Column, usize)]| w.iter().map(|(_, n)| n + 1).sum::<usize>().saturating_sub(1);
    for fold in FOLD_ORDER {
        if total(&widths) <= width {
            break;
        }
        if fold == Column::Orgs {
            // Organisations shrink before they go.
            let others =
                total(&widths.iter().copied().filter(|(c, _)| *c != Column::Orgs).collect::<Vec<_>>());
            let room = width.saturating_sub(others + 1);
            if room >= ORGS_MIN {
                if let Some(slot) = widths.iter_mut().find(|(c, _)| *c == Column::Orgs) {
                    slot.1 = slot.1.min(room);
                }
                continue;
            }
        }
        widths.retain(|(c, _)| *c != fold);
    }
    // Any room left goes to the organisations.
    let spare = width.saturating_sub(total(&widths));
    if let Some(slot) = widths.iter_mut().find(|(c, _)| *c == Column::Orgs) {
        slot.1 += spare.min(ORGS_MAX.saturating_sub(slot.1));
    }
    widths
}

fn render_cells(cells: &[(Column, usize, String)]) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, (column, width, text)) in cells.iter().enumerate() {
        let fitted = fit_width(text, *width);
        let padded = if column.right_aligned() {
            format!("{}{fitted}", " ".repeat(width - fitted.width()))
        } else {
            pad_width(&fitted, *width)
        };
        let style = match column {
            Column::Country => theme::COUNTRY_CODE,
            Column::Date => theme::DIM,
            Column::Value | Column::Chips | Column::Mw => theme::FIGURE,
            _ => Style::new(),
        };
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(padded, style));
    }
    spans
}

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border(state.focus == Focus::List || state.focus == Focus::Filter))
        .title(" Deals ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let list = &state.deals_view;
    let rows = (inner.height as usize).saturating_sub(1);
    let shown: Vec<(usize, &Deal)> = list
        .hits
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(rows)
        .filter_map(|(position, &d)| state.deal(d).map(|deal| (position, deal)))
        .collect();
    let columns = layout(&shown.iter().map(|(_, d)| *d).collect::<Vec<_>>(), width);
    let header: Vec<(Column, usize, String)> =
        columns.iter().map(|&(c, w)| (c, w, c.header().to_string())).collect();
    let mut lines = vec![Line::from(render_cells(&header)).style(theme::FACET_HEADER)];
    for (position, deal) in &shown {
        let cells: Vec<(Column, usize, String)> =
            columns.iter().map(|&(c, w)| (c, w, c.cell(deal))).collect();
        let line = Line::from(render_cells(&cells));
        lines.push(if *position == list.selected { line.style(theme::SELECTED_ROW) } else { line });
    }
    if shown.is_empty() {
        let message = if !state.deals_ready && state.deals.is_empty() {
            "merging deals…"
        } else if list.searched {
            "no deal matches"
        } else {
            ""
        };
        lines.push(Line::styled(fit_width(message, width), theme::DIM));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, Chips, CountryRef, DealKind, DealStatus, Power};

    fn deal() -> Deal {
        let mut d = Deal::new("d-1", "a", DealKind::DataCentre, DealStatus::UnderConstruction);
        d.country = Some(CountryRef { code: "AE".into(), name: "United Arab Emirates".into() });
        d.date = Some("2025-05-13".into());
        d.amount = Some(Amount {
            value: 1e9,
            currency: "USD".into(),
            usd: Some(1e9),
            text: "$1bn".into(),
            mention: 0,
        });
        d.chips = Some(Chips { count: Some(18_000), model: None, text: "18,000 chips".into(), mention: 0 });
        d.power_mw = Some(Power { value: 500.0, text: "500 MW".into(), mention: 0 });
        d
    }

    #[test]
    fn folds_organisations_then_power_then_chips_never_the_essentials() {
        let d = deal();
        let columns = |w: usize| layout(&[&d], w).into_iter().map(|(c, _)| c).collect::<Vec<_>>();
        let wide = columns(120);
        assert!(wide.contains(&Column::Orgs) && wide.contains(&Column::Chips) && wide.contains(&Column::Mw));
        let narrow = columns(80);
        assert!(!narrow.contains(&Column::Orgs) && narrow.contains(&Column::Mw), "{narrow:?}");
        let narrower = columns(66);
        assert!(!narrower.contains(&Column::Mw) && narrower.contains(&Column::Chips), "{narrower:?}");
        for w in [20, 40, 52] {
            let c = columns(w);
            for essential in [Column::Country, Column::Status, Column::Value] {
                assert!(c.contains(&essential), "{w}: {c:?}");
            }
        }
    }
}
