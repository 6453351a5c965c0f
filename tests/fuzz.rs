//! Fuzzing on stable Rust: a seeded fast RNG drives mutated articles through
//! decoding, parsing, every extractor and deal merging; random strings
//! through the filter-query parser and the search engine; and random action
//! sequences (keys, pastes, clicks, resizes, loader events and search
//! results out of order) through `update`, drawn into a `TestBackend` of up
//! to 400x200 after every step.
//!
//! The default run is CI-sized (tens of thousands of inputs, well under a
//! minute in release). A long run, with a seed of your own:
//!
//! ```sh
//! DEALSCOPE_FUZZ_SCALE=50 DEALSCOPE_FUZZ_SEED=7 cargo test --release --test fuzz -- --nocapture
//! ```
//!
//! A failure names the seed and the case; each case has its own RNG derived
//! from both, so `DEALSCOPE_FUZZ_SEED=S DEALSCOPE_FUZZ_CASE=N` reruns that
//! case alone.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dealscope::app::keymap::action_for;
use dealscope::app::{Action, AppState, update};
use dealscope::corpus::Corpus;
use dealscope::corpus::load::{LoadWarning, WarningKind, decode, embedded_sources};
use dealscope::corpus::parse::parse_article;
use dealscope::extract::text::is_control;
use dealscope::model::{Article, Deal};
use dealscope::search::{SearchDoc, SearchIndex, SearchResponse, Target, parse};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// The run's size and seed, from the environment.
struct Run {
    seed: u64,
    scale: f64,
    only_case: Option<u64>,
}

impl Run {
    fn from_env() -> Run {
        let number = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse::<f64>().ok());
        // Unoptimised builds (plain `cargo test`) run a tenth of the cases.
        let default_scale = if cfg!(debug_assertions) { 0.1 } else { 1.0 };
        Run {
            seed: number("DEALSCOPE_FUZZ_SEED").map_or(0x5eed_d1a1, |s| s as u64),
            scale: number("DEALSCOPE_FUZZ_SCALE").unwrap_or(default_scale).max(0.0),
            only_case: number("DEALSCOPE_FUZZ_CASE").map(|c| c as u64),
        }
    }

    fn cases(&self, base: u64) -> std::ops::Range<u64> {
        match self.only_case {
            Some(case) => case..case + 1,
            None => 0..((base as f64 * self.scale).ceil() as u64).max(1),
        }
    }

    fn rng(&self, stream: u64, case: u64) -> fastrand::Rng {
        fastrand::Rng::with_seed(
            self.seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ case.rotate_left(32),
        )
    }

    /// Runs `body` for each case, failing with the seed and case on a panic.
    fn each(&self, name: &str, stream: u64, base: u64, mut body: impl FnMut(&mut fastrand::Rng, u64)) {
        let cases = self.cases(base);
        let count = cases.end - cases.start;
        let started = std::time::Instant::now();
        for case in cases {
            let mut rng = self.rng(stream, case);
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| body(&mut rng, case))) {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panic!(
                    "{name}: case {case} failed (rerun: DEALSCOPE_FUZZ_SEED={} DEALSCOPE_FUZZ_CASE={case}): {message}",
                    self.seed
                );
            }
        }
        println!("{name}: {count} cases in {:.1} s (seed {})", started.elapsed().as_secs_f64(), self.seed);
    }
}

/// The seed articles mutations start from: the embedded samples and every
/// hand-written fixture.
fn seed_texts() -> Vec<Vec<u8>> {
    let mut texts: Vec<Vec<u8>> = embedded_sources().into_iter().map(|s| s.text.into_bytes()).collect();
    for dir in ["tests/fixtures/deals", "tests/fixtures/merge"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
            .collect();
        paths.sort();
        texts.extend(paths.iter().map(|p| std::fs::read(p).expect("fixture")));
    }
    texts
}

/// Pieces worth splicing into articles: every number format, currencies,
/// cue words, escapes, format characters and broken UTF-8.
const PIECES: &[&str] = &[
    "Nvidia",
    "Corée du Sud",
    "Kenya",
    " 5,5 milliards de dollars",
    "$1.5 billion",
    "260\u{a0}000 puces",
    "1 000 MW",
    "€80m",
    "¥1.2 trillion",
    "12.000",
    "1,2,3",
    "0,000001",
    "99999999999999999999999",
    "-5 %",
    "H100",
    "Blackwell",
    " signé ",
    " signed ",
    "a accordé",
    "protocole d'accord",
    "MoU",
    "export licence",
    "centre de données",
    "supercalculateur",
    "\n\n",
    "\r\n",
    "\t",
    "\u{1b}[2J",
    "\u{1b}]52;c;SGVsbG8=\u{7}",
    "\u{9b}31m",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "\u{2028}",
    "\u{0}",
    "\u{7f}",
    "Résumé :",
    "Lire aussi",
    "Publié le 3 mars 2025",
    "2024-12-31",
    "31/12/2024",
    "Q3 2025",
    "(AFP)",
    "« ",
    " »",
    "…",
    "’",
    "ﬁ",
    "e\u{301}",
    "𝔑𝔳𝔦𝔡𝔦𝔞",
    "中国",
    "السعودية",
    ".",
    "?",
    "!",
];

/// A mutated copy of `seed`.
fn mutate(rng: &mut fastrand::Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..rng.usize(1..12) {
        let at = rng.usize(..=bytes.len());
        match rng.u8(..10) {
            0 => {
                if let Some(b) = bytes.get_mut(at) {
                    *b ^= 1 << rng.u8(..8);
                }
            }
            1 => bytes.insert(at, rng.u8(..)),
            2 | 3 => {
                let piece = PIECES[rng.usize(..PIECES.len())];
                bytes.splice(at..at, piece.bytes());
            }
            4 => {
                let end = (at + rng.usize(..400)).min(bytes.len());
                bytes.drain(at..end);
            }
            5 => {
                let end = (at + rng.usize(..400)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.usize(..=bytes.len());
                bytes.splice(to..to, copy);
            }
            6 => bytes.truncate(at),
            7 => {
                let c = char::from_u32(rng.u32(..0x11_0000)).unwrap_or('\u{fffd}');
                let mut buf = [0; 4];
                bytes.splice(at..at, c.encode_utf8(&mut buf).bytes());
            }
            8 => {
                // A run of digits and separators: numbers in every format.
                let alphabet: Vec<char> = "0123456789 .,\u{a0}'".chars().collect();
                let run: String =
                    (0..rng.usize(1..20)).map(|_| alphabet[rng.usize(..alphabet.len())]).collect();
                bytes.splice(at..at, run.bytes());
            }
            _ => {
                // Sometimes past the 16 KiB line limit, where lines are split.
                let line =
                    "x ".repeat(if rng.u8(..8) == 0 { rng.usize(..20_000) } else { rng.usize(..1500) });
                bytes.splice(at..at, line.bytes());
            }
        }
    }
    bytes
}

/// Fails when `text` holds a control character (`allowed` aside), showing
/// where.
fn assert_clean(what: &str, text: &str, allowed: &[char]) {
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| is_control(c) && !allowed.contains(&c)) {
        let from = (0..=at.saturating_sub(60)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let around: String = text[from..].chars().take(120).collect();
        panic!("{what} holds control character {c:?} at byte {at}: …{around:?}…");
    }
}

/// Every string in a JSON value, with its path.
fn strings_of(value: &serde_json::Value, path: String, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((path, s.clone())),
        serde_json::Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| strings_of(v, format!("{path}[{i}]"), out))
        }
        serde_json::Value::Object(map) => {
            map.iter().for_each(|(k, v)| strings_of(v, format!("{path}.{k}"), out))
        }
        _ => {}
    }
}

fn check_article(article: &Article) {
    let json = serde_json::to_value(article).expect("an article serialises");
    let mut strings = Vec::new();
    strings_of(&json, "article".into(), &mut strings);
    for (path, s) in &strings {
        let allowed: &[char] = if path == "article.summary" { &['\n'] } else { &[] };
        assert_clean(path, s, allowed);
    }
    assert!(!article.title.contains(['\n', '\t']), "title spans lines: {:?}", article.title);
    for p in article.paragraphs.iter() {
        assert_clean("paragraph", p.text, &[]);
    }
    let text = article.normalised_text();
    for f in &article.figures {
        assert!(
            f.start <= f.end
                && f.end <= text.len()
                && text.is_char_boundary(f.start)
                && text.is_char_boundary(f.end),
            "figure {:?} at {}..{} outside the text ({} bytes)",
            f.text,
            f.start,
            f.end,
            text.len()
        );
    }
    for deal in &article.deals {
        check_deal(deal);
    }
}

fn check_deal(deal: &Deal) {
    let json = serde_json::to_value(deal).expect("a deal serialises");
    let mut strings = Vec::new();
    strings_of(&json, format!("deal {}", deal.id), &mut strings);
    for (path, s) in &strings {
        assert_clean(path, s, &[]);
    }
    assert!(deal.amount.as_ref().is_none_or(|a| a.value.is_finite() && a.usd.is_none_or(f64::is_finite)));
}

#[test]
fn mutated_articles_through_decode_parse_extractors_and_merge() {
    let run = Run::from_env();
    let seeds = seed_texts();
    let mut batch = Corpus::new();
    run.each("articles", 1, 20_000, |rng, case| {
        let seed = &seeds[rng.usize(..seeds.len())];
        let bytes = mutate(rng, seed);
        let Ok(decoded) = decode(&bytes) else { return };
        assert_clean("decoded text", &decoded.text, &['\n', '\t']);
        let article = parse_article(&format!("fuzz{case}"), "fuzz", &decoded.text);
        check_article(&article);
        // Deals merge across batches of articles, mutated twins included.
        batch.add(article);
        if batch.len() >= 50 {
            for deal in batch.deals() {
                check_deal(deal);
                assert!(!deal.articles.is_empty(), "deal {} has no article", deal.id);
            }
            batch = Corpus::new();
        }
    });
}

/// Characters and words the filter language gives meaning to, and others.
const QUERY_PIECES: &[&str] = &[
    "@",
    "#",
    "!",
    "-",
    "|",
    "\"",
    "'",
    ":",
    " ",
    "  ",
    "kind:",
    "status:",
    "@kr",
    "@corée",
    "#super",
    "kind:chip",
    "status:signed",
    "nvidia",
    "coree",
    "pays-bas",
    "é",
    "\u{301}",
    "\u{1b}",
    "\u{0}",
    "𝔑",
    "中",
    "*",
    "(",
    ")",
    "\\",
    "5,5",
    "$",
    "€",
    "OR",
    "AND",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
];

fn random_query(rng: &mut fastrand::Rng) -> String {
    (0..rng.usize(0..16))
        .map(|_| match rng.u8(..8) {
            0 => char::from_u32(rng.u32(..0x11_0000)).unwrap_or('?').to_string(),
            _ => QUERY_PIECES[rng.usize(..QUERY_PIECES.len())].to_string(),
        })
        .collect()
}

/// The embedded corpus with its article and deal indexes.
struct Indexed {
    corpus: Corpus,
    articles: SearchIndex,
    deals: SearchIndex,
}

fn indexed_samples() -> Indexed {
    let mut corpus = Corpus::new();
    for source in embedded_sources() {
        corpus.add(dealscope::corpus::parse::parse_source(&source));
    }
    let mut articles = SearchIndex::new();
    for article in corpus.articles() {
        articles.push(SearchDoc::from_article(article));
    }
    let mut deals = SearchIndex::new();
    for deal in corpus.deals() {
        deals.push(SearchDoc::from_deal(deal, &[]));
    }
    Indexed { corpus, articles, deals }
}

#[test]
fn random_queries_through_the_parser_and_both_indexes() {
    let run = Run::from_env();
    let indexed = indexed_samples();
    run.each("queries", 2, 20_000, |rng, _| {
        let text = random_query(rng);
        let query = parse(&text);
        for index in [&indexed.articles, &indexed.deals] {
            let outcome = index.search(&query, &Default::default(), None);
            assert!(
                outcome.hits.iter().all(|&h| (h as usize) < index.len()),
                "hit out of range for {text:?}"
            );
            // A refinement searches only the previous hits.
            let refined = parse(&format!("{text} {}", random_query(rng)));
            let again = index.search(&refined, &Default::default(), Some(&outcome.hits));
            assert!(again.hits.iter().all(|h| outcome.hits.contains(h) || !refined.is_refinement_of(&query)));
        }
        for article in indexed.corpus.articles() {
            let found = dealscope::search::highlight::find_occurrences(&query, &article.normalised_text());
            assert!(found.iter().all(|r| r.start <= r.end));
        }
    });
}

const KEY_CHARS: &str = "qjkJKgGhl/?!wx[]{}nNsSrR12@#ué0 \u{1b}\u{0}";

fn random_key(rng: &mut fastrand::Rng) -> KeyEvent {
    let code = match rng.u8(..20) {
        0 => KeyCode::Enter,
        1 => KeyCode::Esc,
        2 => KeyCode::Tab,
        3 => KeyCode::BackTab,
        4 => KeyCode::Up,
        5 => KeyCode::Down,
        6 => KeyCode::Left,
        7 => KeyCode::Right,
        8 => KeyCode::PageUp,
        9 => KeyCode::PageDown,
        10 => KeyCode::Home,
        11 => KeyCode::End,
        12 => KeyCode::Backspace,
        13 => KeyCode::Delete,
        14 => KeyCode::F(rng.u8(1..13)),
        15 => KeyCode::Char(char::from_u32(rng.u32(..0x11_0000)).unwrap_or('x')),
        _ => KeyCode::Char(KEY_CHARS.chars().nth(rng.usize(..KEY_CHARS.chars().count())).unwrap_or('j')),
    };
    let modifiers = match rng.u8(..8) {
        0 => KeyModifiers::CONTROL,
        1 => KeyModifiers::SHIFT,
        2 => KeyModifiers::ALT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(code, modifiers)
}

/// The browser's state with a search engine that answers late, out of
/// order, or never, as the real worker may.
struct Browser {
    state: AppState,
    articles: SearchIndex,
    deals: SearchIndex,
    answers: Vec<SearchResponse>,
}

impl Browser {
    fn act(&mut self, action: Action) {
        match &action {
            Action::ArticlesLoaded(loaded) => {
                loaded.iter().for_each(|a| self.articles.push(SearchDoc::from_article(a)))
            }
            Action::DealsMerged { deals, .. } => {
                self.deals = SearchIndex::new();
                deals.iter().for_each(|d| self.deals.push(SearchDoc::from_deal(d, &[])));
            }
            _ => {}
        }
        update(&mut self.state, action);
        for request in std::mem::take(&mut self.state.pending_searches) {
            let index = match request.spec.target {
                Target::Articles => &self.articles,
                Target::Deals => &self.deals,
            };
            let mut outcome = index.search(&parse(&request.spec.text), &request.spec.selection, None);
            outcome.hits =
                index.order(std::mem::take(&mut outcome.hits), request.spec.sort, request.spec.reverse);
            self.answers.push(SearchResponse {
                generation: request.generation,
                target: request.spec.target,
                outcome,
                total_docs: index.len(),
            });
        }
    }

    fn draw(&self, terminal: &mut Terminal<TestBackend>) {
        let (width, height) = (self.state.width.min(400), self.state.height.min(200));
        terminal.backend_mut().resize(width, height);
        terminal.draw(|frame| dealscope::ui::draw(frame, &self.state)).expect("draw");
        let buffer = terminal.backend().buffer();
        for cell in &buffer.content {
            assert_clean("a drawn cell", cell.symbol(), &[]);
        }
        let view = self.state.current();
        assert!(view.hits.is_empty() || view.selected < view.hits.len(), "cursor past the list");
    }
}

#[test]
fn random_action_sequences_through_update_and_drawing() {
    let run = Run::from_env();
    let seeds = seed_texts();
    let articles: Vec<Article> = seeds
        .iter()
        .enumerate()
        .filter_map(|(i, bytes)| decode(bytes).ok().map(|d| parse_article(&format!("a{i}"), "fuzz", &d.text)))
        .collect();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    run.each("browser", 3, 1_500, |rng, _| {
        let mut browser = Browser {
            state: AppState::new(rng.u16(1..400), rng.u16(1..200)),
            articles: SearchIndex::new(),
            deals: SearchIndex::new(),
            answers: Vec::new(),
        };
        let mut loaded: Vec<Article> = Vec::new();
        for _ in 0..rng.usize(1..40) {
            let action = match rng.u8(..24) {
                0 => Action::Resize { width: rng.u16(..=400), height: rng.u16(..=200) },
                1 => Action::Resize { width: rng.u16(..), height: rng.u16(..4) },
                2 => Action::ClickAt { column: rng.u16(..420), row: rng.u16(..210) },
                3 => Action::ScrollAt { column: rng.u16(..420), row: rng.u16(..210), down: rng.bool() },
                4 => Action::FilterPaste(random_query(rng).repeat(rng.usize(1..40))),
                5 => Action::LoadStarted { files: rng.usize(..100) },
                6 | 7 => {
                    let batch: Vec<Article> =
                        (0..rng.usize(..6)).map(|_| articles[rng.usize(..articles.len())].clone()).collect();
                    loaded.extend(batch.iter().cloned());
                    Action::ArticlesLoaded(batch)
                }
                8 => {
                    let mut corpus = Corpus::new();
                    for article in &loaded {
                        corpus.add(article.clone());
                    }
                    Action::DealsMerged { deals: corpus.deals().to_vec(), complete: rng.bool() }
                }
                9 => Action::LoadWarned(LoadWarning {
                    path: random_query(rng),
                    message: random_query(rng),
                    kind: [WarningKind::Loaded, WarningKind::Skipped, WarningKind::Unreadable]
                        [rng.usize(..3)],
                }),
                10 => Action::LoadFinished,
                11 => Action::LoadFailed(random_query(rng)),
                12..=14 if !browser.answers.is_empty() => {
                    // A search result, not necessarily the latest one.
                    let answer = browser.answers.remove(rng.usize(..browser.answers.len()));
                    Action::SearchDone(Box::new(answer))
                }
                15 => {
                    browser.answers.clear();
                    continue;
                }
                _ => match action_for(random_key(rng), browser.state.input_mode()) {
                    Some(Action::Suspend) | None => continue,
                    Some(action) => action,
                },
            };
            browser.act(action);
            browser.draw(&mut terminal);
        }
    });
}
