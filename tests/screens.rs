//! Whole screens on ratatui's TestBackend at three sizes, as insta snapshots.

mod common;

use common::Harness;
use crossterm::event::KeyCode;

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (20, 6)];

fn check(name: &str, prepare: impl Fn(&mut Harness)) {
    for (width, height) in SIZES {
        let mut h = Harness::samples(width, height);
        prepare(&mut h);
        let screen = h.screen();
        assert_eq!(screen.lines().count(), height as usize);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
    }
}

#[test]
fn start() {
    check("start", |_| {});
}

#[test]
fn filtered() {
    check("filtered", |h| h.type_keys("/coree"));
}

#[test]
fn facet_selected() {
    check("facet_selected", |h| {
        h.type_keys("t");
        h.type_keys("jj ");
        h.press(KeyCode::Tab);
    });
}

#[test]
fn reader_scrolled() {
    check("reader_scrolled", |h| {
        h.press(KeyCode::Enter);
        h.type_keys("jjjjj");
    });
}

#[test]
fn help_open() {
    check("help_open", |h| h.type_keys("?"));
}

#[test]
fn status_bar_counts_come_first() {
    for (width, height) in SIZES {
        let mut h = Harness::samples(width, height);
        h.type_keys("/coree");
        let screen = h.screen();
        let status = screen.lines().last().unwrap();
        assert!(status.trim_start().starts_with("1/5"), "{width}x{height}: {status:?}");
    }
}

#[test]
fn deals_view() {
    check("deals_view", |h| h.type_keys("2"));
}

#[test]
fn deal_card() {
    check("deal_card", |h| {
        // The Dutch supercomputer, first by value, its card open.
        h.type_keys("2s");
        h.press(KeyCode::Enter);
    });
}

#[test]
fn articles_sorted_by_value() {
    check("articles_by_value", |h| h.type_keys("s"));
}

#[test]
fn huge_terminals_draw_in_proportion() {
    for (width, height) in [(4000u16, 50u16), (80, 4000), (1600, 40)] {
        let mut h = Harness::samples(width, height);
        for keys in ["", "2", "1/coree", "\n"] {
            if keys == "\n" {
                h.press(KeyCode::Enter);
            } else {
                h.type_keys(keys);
            }
            let screen = h.screen();
            assert_eq!(screen.lines().count(), height as usize);
        }
        if width >= 1600 {
            let list = h.state.areas().list.unwrap();
            assert!(list.width as usize * 100 / width as usize >= 40, "{width}x{height}: list {list:?}");
        }
    }
}
