//! Headless flows through the browser's state machine: keys in, state out.

mod common;

use common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use dealscope::app::Focus;
use dealscope::app::state::{FacetKey, Overlay, ReaderSubject, View};
use dealscope::app::{Action, update};
use dealscope::corpus::Topic;
use dealscope::model::DealKind;
use dealscope::search::Sort;

const KOREA: &str = "004_caa39ef458abdd0a";
const VIETNAM: &str = "002_9c6bf0e2097b9d38";

#[test]
fn starts_with_every_article_newest_first() {
    let h = Harness::samples(120, 40);
    assert_eq!(h.counts(), "5/5");
    assert_eq!(h.state.focus, Focus::List);
    // The only dated sample comes first; undated ones keep load order.
    assert_eq!(h.listed_ids()[0], VIETNAM);
    assert_eq!(h.state.reader_subject, Some(ReaderSubject::Article(h.state.articles_view.hits[0])));
    assert!(!h.state.reader.lines.is_empty());
}

#[test]
fn typing_a_country_name_narrows_to_it_and_esc_clears() {
    let mut h = Harness::samples(120, 40);
    h.type_keys("/coree");
    assert_eq!(h.state.focus, Focus::Filter);
    assert_eq!(h.state.filter.text, "coree");
    assert_eq!(h.counts(), "1/5");
    assert_eq!(h.listed_ids(), [KOREA]);
    h.press(KeyCode::Esc);
    assert_eq!(h.state.focus, Focus::List);
    assert_eq!(h.state.filter.text, "");
    assert_eq!(h.counts(), "5/5");
}

#[test]
fn filter_box_editing_keys() {
    let mut h = Harness::samples(120, 40);
    h.type_keys("/etats");
    // "q" is a letter while typing, not quit.
    h.type_keys("q");
    assert!(!h.state.quit);
    assert_eq!(h.state.filter.text, "etatsq");
    h.press(KeyCode::Backspace);
    h.press(KeyCode::Left);
    h.press(KeyCode::Left);
    h.type_keys("X");
    assert_eq!(h.state.filter.text, "etaXts");
    h.press(KeyCode::Delete);
    assert_eq!(h.state.filter.text, "etaXs");
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(h.state.filter.text, "");
    h.type_keys("pays-bas");
    h.press(KeyCode::Enter);
    assert_eq!(h.state.focus, Focus::List);
    assert_eq!(h.state.filter.text, "pays-bas", "Enter keeps the filter");
    assert_eq!(h.listed_ids()[0], "003_c74945bba4f3859c");
}

#[test]
fn country_and_topic_terms_in_the_filter() {
    let mut h = Harness::samples(120, 40);
    h.type_keys("/@kr");
    assert_eq!(h.listed_ids(), [KOREA]);
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_keys("@corée");
    assert_eq!(h.listed_ids(), [KOREA]);
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_keys("#super");
    assert_eq!(h.counts(), "2/5");
    h.type_keys(" !@nl");
    assert_eq!(h.counts(), "1/5");
    assert_eq!(h.listed_ids(), ["000_e655c1c0e8eda950"]);
}

#[test]
fn brackets_step_through_countries_in_facet_order() {
    let mut h = Harness::samples(120, 40);
    let countries: Vec<String> = h
        .state
        .articles_view
        .facet_rows
        .iter()
        .filter_map(|r| match &r.key {
            FacetKey::Country(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(countries.len(), 5);
    h.type_keys("]");
    assert_eq!(h.state.articles_view.selection.countries.iter().collect::<Vec<_>>(), [&countries[0]]);
    assert_eq!(h.counts(), "1/5");
    assert_eq!(h.state.breadcrumbs(), format!("@{}", countries[0]));
    h.type_keys("]]");
    assert_eq!(h.state.articles_view.selection.countries.iter().next(), Some(&countries[2]));
    h.type_keys("[");
    assert_eq!(h.state.articles_view.selection.countries.iter().next(), Some(&countries[1]));
    // From the reader too.
    h.press(KeyCode::Enter);
    assert_eq!(h.state.focus, Focus::Reader);
    h.type_keys("[");
    assert_eq!(h.state.articles_view.selection.countries.iter().next(), Some(&countries[0]));
    h.type_keys("x");
    assert_eq!(h.counts(), "5/5");
    assert_eq!(h.state.breadcrumbs(), "");
}

#[test]
fn facets_toggle_or_within_and_across() {
    let mut h = Harness::samples(120, 40);
    h.type_keys("t");
    assert_eq!(h.state.focus, Focus::Facets);
    let cursor_topic =
        |h: &Harness| match &h.state.articles_view.facet_rows[h.state.articles_view.facet_cursor].key {
            FacetKey::Topic(t) => *t,
            other => panic!("cursor on {other:?}"),
        };
    assert_eq!(cursor_topic(&h), Topic::SovereignAi);
    h.press(KeyCode::Enter);
    assert_eq!(h.counts(), "2/5");
    h.type_keys("jj");
    assert_eq!(cursor_topic(&h), Topic::ChipSupply);
    h.type_keys(" ");
    // sovereign-ai OR chip-supply.
    assert_eq!(h.state.articles_view.selection.topics.len(), 2);
    let or_count = h.state.articles_view.hits.len();
    assert!(or_count >= 2);
    // A country AND the topics.
    h.type_keys("c");
    let country_row = h.state.articles_view.facet_cursor;
    let FacetKey::Country(code) = h.state.articles_view.facet_rows[country_row].key.clone() else {
        panic!("not a country row")
    };
    h.press(KeyCode::Enter);
    assert!(h.state.articles_view.hits.len() <= 1);
    assert!(h.state.breadcrumbs().starts_with(&format!("@{code}")));
    assert!(h.state.breadcrumbs().contains("#sovereign-ai #chip-supply"));
    // Live counts: the country rows count with the topic selection applied.
    let total: usize = h
        .state
        .articles_view
        .facet_rows
        .iter()
        .filter(|r| matches!(r.key, FacetKey::Country(_)))
        .map(|r| r.count)
        .sum();
    assert_eq!(total, or_count);
    h.type_keys("x");
    assert!(
        h.state.articles_view.selection.countries.is_empty()
            && h.state.articles_view.selection.topics.is_empty()
    );
    assert_eq!(h.counts(), "5/5");
}

#[test]
fn reader_scrolls_and_jumps_between_matches() {
    let mut h = Harness::samples(120, 40);
    h.type_keys("/nvidia");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    assert_eq!(h.state.focus, Focus::Reader);
    assert!(h.state.reader.match_lines.len() > 2, "{:?}", h.state.reader.match_lines);
    h.type_keys("j");
    assert_eq!(h.state.reader_scroll, 1);
    h.key(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert!(h.state.reader_scroll > 1);
    h.type_keys("g");
    assert_eq!(h.state.reader_scroll, 0);
    h.type_keys("n");
    let first = h.state.reader_scroll;
    assert!(first > 0 && h.state.reader.match_lines.contains(&first));
    h.type_keys("n");
    assert!(h.state.reader_scroll > first);
    h.type_keys("N");
    assert_eq!(h.state.reader_scroll, first);
    h.type_keys("G");
    let bottom = h.state.reader_scroll;
    assert!(bottom > first);
    h.type_keys("j");
    assert_eq!(h.state.reader_scroll, bottom, "cannot scroll past the end");
    h.press(KeyCode::Esc);
    assert_eq!(h.state.focus, Focus::List);
}

#[test]
fn list_movement_and_focus_cycle() {
    let mut h = Harness::samples(120, 40);
    h.type_keys("jj");
    assert_eq!(h.state.articles_view.selected, 2);
    assert_eq!(h.state.reader_subject, Some(ReaderSubject::Article(h.state.articles_view.hits[2])));
    h.type_keys("G");
    assert_eq!(h.state.articles_view.selected, 4);
    h.type_keys("k");
    assert_eq!(h.state.articles_view.selected, 3);
    h.press(KeyCode::Home);
    assert_eq!(h.state.articles_view.selected, 0);
    h.press(KeyCode::Tab);
    assert_eq!(h.state.focus, Focus::Reader);
    h.press(KeyCode::Tab);
    assert_eq!(h.state.focus, Focus::Facets);
    h.key(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(h.state.focus, Focus::Reader);
    h.type_keys("h");
    assert_eq!(h.state.focus, Focus::List);
    h.type_keys("h");
    assert_eq!(h.state.focus, Focus::Facets);
}

#[test]
fn help_overlay_and_quit() {
    let mut h = Harness::samples(120, 40);
    h.type_keys("?");
    assert_eq!(h.state.overlay, Overlay::Help);
    h.type_keys("j");
    assert_eq!(h.state.articles_view.selected, 0, "keys do not reach the list under the help");
    h.press(KeyCode::Esc);
    assert_eq!(h.state.overlay, Overlay::None);
    h.type_keys("??");
    assert_eq!(h.state.overlay, Overlay::None);
    h.type_keys("/abc");
    h.key(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.state.quit, "Ctrl-c quits even while typing");
    let mut h = Harness::samples(120, 40);
    h.type_keys("q");
    assert!(h.state.quit);
}

#[test]
fn narrow_screens_show_one_pane_and_enter_esc_move_between() {
    let mut h = Harness::samples(50, 20);
    let areas = h.state.areas();
    assert!(areas.list.is_some() && areas.reader.is_none() && areas.facets.is_none());
    h.press(KeyCode::Enter);
    let areas = h.state.areas();
    assert!(areas.list.is_none() && areas.reader.is_some());
    assert!(!h.state.reader.lines.is_empty(), "the reader is laid out for the new width");
    h.press(KeyCode::Esc);
    assert!(h.state.areas().list.is_some());
}

#[test]
fn mouse_clicks_and_wheel() {
    let mut h = Harness::samples(120, 40);
    let list = h.state.areas().list.unwrap();
    // Third row of the list (below the border).
    h.act(Action::ClickAt { column: list.x + 3, row: list.y + 3 });
    assert_eq!(h.state.articles_view.selected, 2);
    let reader = h.state.areas().reader.unwrap();
    h.act(Action::ScrollAt { column: reader.x + 2, row: reader.y + 2, down: true });
    assert_eq!(h.state.reader_scroll, 3);
    // Clicking a facet value toggles it.
    let facets = h.state.areas().facets.unwrap();
    h.act(Action::ClickAt { column: facets.x + 2, row: facets.y + 2 });
    assert_eq!(h.state.articles_view.selection.countries.len(), 1);
    assert_eq!(h.counts(), "1/5");
}

#[test]
fn any_resize_sequence_renders() {
    let mut h = Harness::samples(120, 40);
    h.type_keys("/coree");
    for (w, h_) in
        [(20, 6), (1, 1), (0, 0), (2, 1), (59, 3), (60, 24), (99, 10), (100, 5), (300, 100), (120, 40)]
    {
        update(&mut h.state, Action::Resize { width: w, height: h_ });
        if w > 0 && h_ > 0 {
            let screen = h.screen();
            assert_eq!(screen.lines().count(), h_ as usize);
        }
    }
    assert_eq!(h.counts(), "1/5", "the filter survives resizes");
    assert!(h.screen().contains("1/5"));
}

#[test]
fn loading_in_batches_keeps_the_selection() {
    let (corpus, _) = dealscope::corpus::ingest::load_corpus(&[], &Default::default()).unwrap();
    let mut h = Harness::samples(120, 40);
    h.type_keys("j");
    let selected = h.state.selected_article();
    let mut more = corpus.articles().to_vec();
    for a in &mut more {
        a.id.push_str("-copy");
        a.date = None;
    }
    h.act(Action::ArticlesLoaded(more));
    assert_eq!(h.counts(), "10/10");
    assert_eq!(h.state.selected_article(), selected);
}

#[test]
fn n_wraps_around_after_the_last_reachable_match() {
    let mut h = Harness::samples(120, 14);
    h.type_keys("/nvidia");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    let first = h.state.reader.match_lines[0];
    let mut seen = Vec::new();
    for _ in 0..h.state.reader.match_lines.len() + 2 {
        h.type_keys("n");
        seen.push(h.state.reader_scroll);
    }
    assert!(seen.iter().filter(|&&s| s == first).count() >= 1, "never wrapped: {seen:?}");
    assert!(seen.windows(3).all(|w| !(w[0] == w[1] && w[1] == w[2])), "stuck: {seen:?}");
}

#[test]
fn clicks_on_borders_and_under_overlays_do_nothing() {
    let mut h = Harness::samples(120, 12);
    let facets = h.state.areas().facets.unwrap();
    h.act(Action::ClickAt { column: facets.x + 3, row: facets.y + facets.height - 1 });
    assert!(
        h.state.articles_view.selection.topics.is_empty()
            && h.state.articles_view.selection.countries.is_empty()
    );
    h.type_keys("?");
    h.act(Action::ClickAt { column: facets.x + 3, row: facets.y + 2 });
    assert!(h.state.articles_view.selection.countries.is_empty(), "a click under the help toggled a facet");
}

#[test]
fn an_empty_corpus_says_so() {
    let mut state = dealscope::app::AppState::new(80, 24);
    update(&mut state, Action::LoadStarted { files: 0 });
    update(&mut state, Action::LoadFinished);
    assert!(!state.pending_searches.is_empty(), "an empty corpus still asks for a search");
}

// --- Deals view (the deals issue, part 3) ---

#[test]
fn deals_view_country_sort_card_and_source_article() {
    let mut h = Harness::samples(120, 40);
    assert!(h.screen().contains("articles"), "the status bar names the view");
    h.type_keys("2");
    assert_eq!(h.state.view, View::Deals);
    assert_eq!(h.counts(), "7/7", "the samples' seven deals");
    assert!(h.screen().lines().last().unwrap().contains("deals"));

    // `]`: the first country with deals (Vietnam has three).
    h.type_keys("]");
    let country = h.state.deals_view.selection.countries.iter().next().cloned().unwrap();
    assert_eq!(country, "VN");
    assert_eq!(h.counts(), "3/7");
    h.type_keys("x");
    assert_eq!(h.counts(), "7/7");

    // Sort by value, biggest first, then reversed: deals without a value stay last.
    h.type_keys("s");
    assert_eq!(h.state.deals_view.sort, Sort::Value);
    let usd = |h: &Harness| -> Vec<Option<f64>> {
        h.state.deals_view.hits.iter().map(|&d| h.state.deals[d as usize].usd()).collect()
    };
    let by_value = usd(&h);
    assert!(by_value[0].unwrap() > 2.2e8 && by_value[1] == Some(2e8), "{by_value:?}");
    assert!(h.screen().contains("sort value↓"));
    h.type_keys("S");
    let reversed = usd(&h);
    assert_eq!(reversed[0], Some(2e8), "{reversed:?}");
    assert!(reversed[2..].iter().all(Option::is_none));
    assert!(h.screen().contains("sort value↑"));
    h.type_keys("S");

    // Enter opens the card of the Dutch supercomputer.
    h.press(KeyCode::Enter);
    assert_eq!(h.state.focus, Focus::Reader);
    let card = h.screen();
    assert!(card.contains("Netherlands (NL) · supercomputer · announced"), "{card}");
    assert!(card.contains("€204.5M") && card.contains("Stages") && card.contains("Evidence"), "{card}");
    // j selects the first evidence line; Enter opens its article.
    h.type_keys("j");
    h.press(KeyCode::Enter);
    let dutch = h.state.article_ids["003_c74945bba4f3859c"];
    assert_eq!(h.state.reader_subject, Some(ReaderSubject::Article(dutch)));
    assert!(h.screen().contains("Esc: the deal"));
    // Esc: back to the card, then to the table.
    h.press(KeyCode::Esc);
    assert!(matches!(h.state.reader_subject, Some(ReaderSubject::Deal(_))));
    assert_eq!(h.state.focus, Focus::Reader);
    h.press(KeyCode::Esc);
    assert_eq!(h.state.focus, Focus::List);

    // `1` back to the articles, as they were.
    h.type_keys("1");
    assert_eq!(h.state.view, View::Articles);
    assert_eq!(h.counts(), "5/5");
}

#[test]
fn deal_facets_and_typed_kind_and_status_terms() {
    let mut h = Harness::samples(120, 40);
    h.type_keys("2");
    let sections: Vec<usize> = h.state.deals_view.facet_rows.iter().map(|r| r.key.section()).collect();
    assert!(sections.windows(2).all(|w| w[0] <= w[1]), "countries, kinds, statuses, topics in order");
    let kind_count = |h: &Harness, kind: DealKind| {
        h.state.deals_view.facet_rows.iter().find(|r| r.key == FacetKey::Kind(kind)).map(|r| r.count)
    };
    assert_eq!(kind_count(&h, DealKind::DataCentre), Some(1));
    // A typed kind term narrows the list and shows in the breadcrumbs.
    h.type_keys("/kind:data");
    assert_eq!(h.counts(), "1/7");
    h.press(KeyCode::Enter);
    assert!(h.state.breadcrumbs().contains("kind:data"), "{}", h.state.breadcrumbs());
    h.type_keys("/");
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_keys("status:ann");
    h.press(KeyCode::Enter);
    assert_eq!(h.counts(), "4/7", "the four announced deals");
    // The fuzzy filter matches organisations and titles.
    h.type_keys("/");
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_keys("vinbrain");
    assert_eq!(h.counts(), "1/7");
    assert_eq!(h.state.deals[h.state.deals_view.hits[0] as usize].kind, DealKind::Acquisition);
}

#[test]
fn articles_sort_by_value_uses_the_headline_in_dollars() {
    let mut h = Harness::samples(120, 40);
    h.type_keys("s");
    assert_eq!(h.state.articles_view.sort, Sort::Value, "relevance is skipped with nothing typed");
    let first = h.listed_ids()[0].clone();
    assert_eq!(first, "003_c74945bba4f3859c", "the €204.5M supercomputer");
    h.type_keys("ss");
    assert_eq!(h.state.articles_view.sort, Sort::Title);
    h.type_keys("s");
    assert_eq!(h.state.articles_view.sort, Sort::Date);
}

#[test]
fn a_long_paste_is_one_capped_edit() {
    let mut h = Harness::samples(120, 40);
    let paste = "coree\tnvidia\n".repeat(2000); // 26 KB
    let started = std::time::Instant::now();
    h.act(Action::FilterPaste(paste));
    assert_eq!(h.state.focus, Focus::Filter);
    assert_eq!(h.state.filter.text.chars().count(), 512);
    assert!(!h.state.filter.text.contains(['\n', '\t']));
    assert!(h.screen().contains("paste cut"), "the status bar says the paste was cut");
    // Typing past the cap is refused with a notice, not silently.
    h.type_keys("x");
    assert_eq!(h.state.filter.text.chars().count(), 512);
    assert!(h.state.notice.as_deref().is_some_and(|n| n.contains("512")));
    h.press(KeyCode::Esc);
    assert!(h.state.filter.text.is_empty());
    assert_eq!(h.counts(), "5/5");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
}
