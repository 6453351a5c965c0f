//! Where each region sits for a terminal size and focus. Shared by the
//! renderer and by `update` (mouse hit-testing, page sizes), so both always
//! agree.

use super::state::{Focus, View};
use ratatui::layout::{Position, Rect};

/// At this width and above, facets, list and reader are side by side.
pub const WIDE_COLUMNS: u16 = 100;
/// Below this width one pane is shown at a time.
pub const NARROW_COLUMNS: u16 = 60;
const FACETS_WIDTH: u16 = 26;

/// The screen regions; a pane that is folded away is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub filter: Rect,
    pub facets: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub status: Rect,
}

impl Areas {
    /// The pane under a screen position.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Focus> {
        let pos = Position { x: column, y: row };
        let inside = |r: Option<Rect>| r.is_some_and(|r| r.contains(pos));
        if inside(Some(self.filter)) {
            Some(Focus::Filter)
        } else if inside(self.facets) {
            Some(Focus::Facets)
        } else if inside(self.list) {
            Some(Focus::List)
        } else if inside(self.reader) {
            Some(Focus::Reader)
        } else {
            None
        }
    }
}

/// Inner height of a bordered pane (its rows of content).
pub fn inner_height(area: Option<Rect>) -> usize {
    area.map_or(0, |r| r.height.saturating_sub(2) as usize)
}

/// Percent of the room beside the facets that the list takes. The deal
/// table has the whole room while browsing, and shares it with the deal
/// card once a card is open (the reader has focus).
fn list_percent(view: View, focus: Focus) -> u16 {
    match (view, focus) {
        (View::Articles, _) => 45,
        (View::Deals, Focus::Reader) => 50,
        (View::Deals, _) => 100,
    }
}

/// `percent` % of `width`, computed wide: `width * percent` overflows a
/// `u16` from 1,483 columns on.
fn percent_of(width: u16, percent: u16) -> u16 {
    u16::try_from(u32::from(width) * u32::from(percent) / 100).unwrap_or(width)
}

/// Rows at the top of the list pane that are not records: the deal
/// table's column header.
pub fn list_header_rows(view: View) -> usize {
    match view {
        View::Articles => 0,
        View::Deals => 1,
    }
}

/// Computes the regions: filter box on the first row, status bar on the
/// last, panes in between.
pub fn compute(width: u16, height: u16, focus: Focus, view: View) -> Areas {
    let full = Rect { x: 0, y: 0, width, height };
    if height == 0 || width == 0 {
        return Areas { filter: full, status: full, ..Areas::default() };
    }
    let filter = Rect { height: 1, ..full };
    let status = Rect { y: height - 1, height: 1, ..full };
    let body_height = height.saturating_sub(2);
    let body = Rect { x: 0, y: 1.min(height), width, height: body_height };
    if body_height == 0 {
        return Areas { filter, status, ..Areas::default() };
    }

    let mut areas = Areas { filter, status, ..Areas::default() };
    if width >= WIDE_COLUMNS {
        let list_width = percent_of(width - FACETS_WIDTH, list_percent(view, focus));
        areas.facets = Some(Rect { width: FACETS_WIDTH, ..body });
        areas.list = Some(Rect { x: FACETS_WIDTH, width: list_width, ..body });
        let reader_x = FACETS_WIDTH + list_width;
        if reader_x < width {
            areas.reader = Some(Rect { x: reader_x, width: width - reader_x, ..body });
        }
    } else if width >= NARROW_COLUMNS {
        let left_width = percent_of(width, list_percent(view, focus));
        let left = Rect { width: left_width, ..body };
        if focus == Focus::Facets {
            // The facets take the list's place, the reader keeps its own.
            let facets_width = percent_of(width, list_percent(View::Articles, focus));
            areas.facets = Some(Rect { width: facets_width, ..body });
            if view == View::Articles {
                areas.reader = Some(Rect { x: facets_width, width: width - facets_width, ..body });
            } else {
                areas.list = Some(Rect { x: facets_width, width: width - facets_width, ..body });
            }
            return areas;
        }
        areas.list = Some(left);
        if left_width < width {
            areas.reader = Some(Rect { x: left_width, width: width - left_width, ..body });
        }
    } else {
        match focus {
            Focus::Facets => areas.facets = Some(body),
            Focus::Reader => areas.reader = Some(body),
            Focus::List | Focus::Filter => areas.list = Some(body),
        }
    }
    areas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_by_width() {
        let wide = compute(120, 40, Focus::List, View::Articles);
        assert!(wide.facets.is_some() && wide.list.is_some() && wide.reader.is_some());
        let medium = compute(80, 24, Focus::List, View::Articles);
        assert!(medium.facets.is_none() && medium.list.is_some() && medium.reader.is_some());
        let medium_facets = compute(80, 24, Focus::Facets, View::Articles);
        assert!(medium_facets.facets.is_some() && medium_facets.list.is_none());
        // The deal table has the room while browsing, and shares it with the card.
        let deals = compute(120, 40, Focus::List, View::Deals);
        assert!(deals.reader.is_none() && deals.list.unwrap().width == 94);
        let card = compute(120, 40, Focus::Reader, View::Deals);
        assert!(card.reader.is_some() && card.list.unwrap().width == 47);
        let medium_deals = compute(80, 24, Focus::List, View::Deals);
        assert!(medium_deals.list.unwrap().width == 80 && medium_deals.reader.is_none());
        let deal_facets = compute(80, 24, Focus::Facets, View::Deals);
        assert!(deal_facets.facets.is_some() && deal_facets.list.is_some() && deal_facets.reader.is_none());
        let narrow = compute(40, 20, Focus::Reader, View::Articles);
        assert!(narrow.list.is_none() && narrow.reader.is_some());
        assert_eq!(narrow.pane_at(5, 5), Some(Focus::Reader));
        assert_eq!(narrow.pane_at(5, 0), Some(Focus::Filter));
    }

    proptest::proptest! {
        /// Every pane lies inside the screen, for any size a terminal can say.
        #[test]
        fn panes_fit_any_size(w in 0u16..=u16::MAX, h in 0u16..=u16::MAX, f in 0usize..4, deals: bool) {
            let focus = [Focus::Facets, Focus::List, Focus::Reader, Focus::Filter][f];
            let view = if deals { View::Deals } else { View::Articles };
            let areas = compute(w, h, focus, view);
            for rect in [Some(areas.filter), areas.facets, areas.list, areas.reader, Some(areas.status)].into_iter().flatten() {
                proptest::prop_assert!(u32::from(rect.x) + u32::from(rect.width) <= u32::from(w.max(1)));
                proptest::prop_assert!(u32::from(rect.y) + u32::from(rect.height) <= u32::from(h.max(1)));
            }
            if w >= WIDE_COLUMNS && h > 4 && view == View::Articles {
                let list = areas.list.unwrap();
                proptest::prop_assert!(u32::from(list.width) >= u32::from(w - FACETS_WIDTH) * 4 / 10);
            }
        }
    }

    #[test]
    fn tiny_sizes_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (1, 2), (2, 1), (20, 6), (59, 3), (100, 2)] {
            for focus in [Focus::Facets, Focus::List, Focus::Reader, Focus::Filter] {
                let areas = compute(w, h, focus, View::Deals);
                for rect in [Some(areas.filter), areas.facets, areas.list, areas.reader, Some(areas.status)]
                    .into_iter()
                    .flatten()
                {
                    assert!(rect.right() <= w.max(1) && rect.bottom() <= h.max(1), "{w}x{h} {rect:?}");
                }
            }
        }
    }
}
