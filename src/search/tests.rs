//! Engine, highlighting and worker tests over a small realistic corpus.

use super::*;
use crate::model::Topic;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::time::Duration;

fn corpus() -> Vec<SearchDoc> {
    let kr: &[&str] = &["South Korea", "Corée du Sud"];
    let us: &[&str] = &["United States", "États-Unis"];
    let nl: &[&str] = &["Netherlands", "Pays-Bas"];
    let vn: &[&str] = &["Vietnam", "Viêt Nam"];
    vec![
        SearchDoc::new(
            "Nvidia renforce la puissance technologique sud-coréenne avec 260 000 puces d’IA",
            Some(("KR", kr)),
            &["United States"],
            &["Nvidia", "Samsung"],
            &[Topic::ChipSupply, Topic::SovereignAi],
            &["Samsung et SK Hynix recevront des GPU Blackwell."],
        ),
        SearchDoc::new(
            "Les États-Unis durcissent les contrôles à l’exportation des puces",
            Some(("US", us)),
            &["China"],
            &["Nvidia"],
            &[Topic::ExportControls, Topic::ChipSupply],
            &["Le cœur du dispositif vise les puces H20."],
        ),
        SearchDoc::new(
            "Les Pays-Bas misent sur un supercalculateur IA avec Nvidia",
            Some(("NL", nl)),
            &[],
            &["Nvidia", "SURF"],
            &[Topic::Supercomputer, Topic::PublicFunding],
            &["Le supercalculateur sera installé à Amsterdam."],
        ),
        SearchDoc::new(
            "Le Vietnam pourrait concrétiser son projet de devenir un pôle technologique régional",
            Some(("VN", vn)),
            &["South Korea"],
            &["FPT"],
            &[Topic::Investment, Topic::DataCentre],
            &["Hanoï veut attirer des centres de données."],
        ),
        SearchDoc::new(
            "Nvidia and SK Telecom build a sovereign AI cloud in Korea",
            Some(("KR", kr)),
            &[],
            &["SK Telecom"],
            &[Topic::Cloud, Topic::SovereignAi, Topic::Telecom],
            &["The cloud will host GPUs."],
        ),
        SearchDoc::new("Sans pays", None, &[], &[], &[], &["Texte sans pays."]),
    ]
}

fn index() -> SearchIndex {
    let mut index = SearchIndex::new();
    corpus().into_iter().for_each(|d| index.push(d));
    index
}

fn sel(countries: &[&str], topics: &[Topic]) -> Selection {
    Selection {
        countries: countries.iter().map(|c| c.to_string()).collect(),
        topics: topics.iter().copied().collect(),
        ..Selection::default()
    }
}

fn spec(text: &str, selection: Selection) -> SearchSpec {
    SearchSpec { text: text.to_string(), selection, ..SearchSpec::default() }
}

fn hits(q: &str, s: &Selection) -> Vec<u32> {
    index().search(&parse(q), s, None).hits
}

#[test]
fn query_table() {
    let none = Selection::default();
    let cases: &[(&str, &[u32])] = &[
        ("", &[0, 1, 2, 3, 4, 5]),
        ("coree", &[0, 4]),
        ("korea", &[4, 0, 3]),
        ("etats", &[1]),
        ("supercalc", &[2]),
        ("nvidia", &[0, 2, 4, 1]),
        ("nvidia !coree", &[2, 1]),
        ("@kr", &[0, 4]),
        ("@corée", &[0, 4]),
        ("@korea", &[0, 4]),
        ("@cor", &[0, 4]),
        ("!@us", &[0, 2, 3, 4, 5]),
        ("#super", &[2]),
        ("#chip", &[0, 1]),
        ("#centre", &[3]),
        ("!#cloud nvidia", &[0, 2, 1]),
        ("'hanoi", &[3]),
        ("'coeur", &[1]),
        ("hanoi", &[]),
        ("'h20 #export", &[1]),
        ("@", &[0, 1, 2, 3, 4, 5]),
    ];
    for (q, expected) in cases {
        assert_eq!(hits(q, &none), *expected, "query {q:?}");
    }
}

#[test]
fn selection_or_within_and_across() {
    assert_eq!(hits("", &sel(&["KR", "NL"], &[])), [0, 2, 4]);
    assert_eq!(hits("", &sel(&[], &[Topic::Cloud, Topic::Supercomputer])), [2, 4]);
    assert_eq!(hits("", &sel(&["KR", "NL"], &[Topic::Cloud, Topic::ChipSupply])), [0, 4]);
    assert_eq!(hits("nvidia", &sel(&["KR"], &[Topic::ChipSupply])), [0]);
}

#[test]
fn facet_counts_ignore_own_facet() {
    let out = index().search(&parse("nvidia"), &sel(&["KR"], &[Topic::ChipSupply]), None);
    // Countries: query + topic selection (chip-supply): docs 0 (KR), 1 (US).
    assert_eq!(
        out.country_counts,
        [("KR".to_string(), 1), ("US".into(), 1), ("NL".into(), 0), ("VN".into(), 0)]
    );
    // Topics: query + country selection (KR): docs 0 and 4.
    let topics: Vec<(Topic, usize)> = out.topic_counts.iter().copied().filter(|(_, n)| *n > 0).collect();
    assert_eq!(
        topics,
        [(Topic::SovereignAi, 2), (Topic::ChipSupply, 1), (Topic::Telecom, 1), (Topic::Cloud, 1)]
    );
    assert_eq!(out.topic_counts.len(), Topic::ALL.len());
    assert_eq!(out.matched, [0, 1, 2, 4]);
}

#[test]
fn highlight_maps_back_through_folding() {
    let q = parse("coree");
    let title = "Nvidia renforce la puissance sud-coréenne";
    let chars: Vec<char> = title.chars().collect();
    let got: String = highlight_title(&q, title).iter().map(|&i| chars[i]).collect();
    assert_eq!(got, "corée");
    // "œ" folds to two chars; both map back to the one original char.
    let title = "Le cœur du projet";
    assert_eq!(highlight_title(&parse("'coeur"), title), [3, 4, 5, 6]);
    assert_eq!(highlight_title(&parse("coeur"), title), [3, 4, 5, 6]);
    assert_eq!(highlight_title(&parse("!coeur #cloud"), title), Vec::<usize>::new());
}

#[test]
fn occurrences_are_original_byte_ranges() {
    let text = "La Corée du Sud et la CORÉE; le cœur.";
    let ranges = find_occurrences(&parse("coree 'sud-x coeur"), text);
    let words: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(words, ["Corée", "Sud", "CORÉE", "cœur"]);
}

#[test]
fn highlighting_scans_each_distinct_word_once_up_to_a_cap() {
    // A pasted filter: hundreds of words, mostly repeats. Each distinct
    // word is one scan of the reader's text, so repeats are dropped and
    // only the first MAX_HIGHLIGHT_WORDS count.
    let pasted = "coree nvidia ".repeat(200);
    assert_eq!(highlight::highlight_words(&parse(&pasted)), ["coree", "nvidia"]);
    // Two-letter words "aa", "ab"...: none contains another.
    let many: Vec<String> =
        (0..250u8).map(|n| format!("{}{}", (b'a' + n / 26) as char, (b'a' + n % 26) as char)).collect();
    let query = parse(&many.join(" "));
    let words = highlight::highlight_words(&query);
    assert_eq!(words.len(), highlight::MAX_HIGHLIGHT_WORDS);
    assert_eq!(words[0], "aa");
    let text = "ab af ja";
    let found: Vec<&str> = find_occurrences(&query, text).iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(found, ["ab", "af"], "words past the cap are not highlighted");
    assert!(
        find_occurrences(&parse("!nvidia @kr"), "Nvidia").is_empty(),
        "nothing to highlight, nothing scanned"
    );
}

fn refinement_pair() -> impl Strategy<Value = (String, String)> {
    let atom = prop_oneof![
        "[a-z]{0,4}",
        "[a-z]{1,3}".prop_map(|s| format!("'{s}")),
        "[a-z]{1,3}".prop_map(|s| format!("!{s}")),
        prop_oneof![Just("@k"), Just("@kr"), Just("@cor"), Just("@us"), Just("@e")].prop_map(String::from),
        prop_oneof![Just("#s"), Just("#sup"), Just("#cl")].prop_map(String::from),
    ];
    (proptest::collection::vec(atom, 0..3), "[a-z]{0,3}", "[a-z ]{0,4}").prop_map(|(atoms, grow, tail)| {
        let old = atoms.join(" ");
        (old.clone(), format!("{old}{grow}{tail}"))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn refinement_reuse_matches_fresh_search((old, new) in refinement_pair()) {
        let index = index();
        let (old_q, new_q) = (parse(&old), parse(&new));
        let s = Selection::default();
        let prev = index.search(&old_q, &s, None);
        let fresh = index.search(&new_q, &s, None);
        if new_q.is_refinement_of(&old_q) {
            let reused = index.search(&new_q, &s, Some(&prev.matched));
            prop_assert_eq!(reused, fresh.clone());
        }
        // Appending letters only ever narrows plain fuzzy terms.
        if !old.contains(['!', '\'', '@', '#', ' ']) && !new.contains(' ') {
            let fresh_set: BTreeSet<u32> = fresh.matched.iter().copied().collect();
            prop_assert!(fresh_set.is_subset(&prev.matched.iter().copied().collect()));
        }
    }
}

/// The ranking the engine computed before the key scan existed: frizbee on
/// every haystack, then the word-start and title bonuses.
fn reference_best(index: &SearchIndex, term: &str) -> Vec<Option<u32>> {
    (0..index.len() as u32)
        .map(|d| {
            let (title, fields) = index.haystacks(d).unwrap();
            let hay: Vec<&str> = std::iter::once(title).chain(fields).collect();
            let mut best: Option<u32> = None;
            for (i, score) in matcher::fuzzy_scores(term, &hay).into_iter().enumerate() {
                let Some(score) = score else { continue };
                let mut rank = u32::from(score);
                if engine::starts_a_word(hay[i], term) {
                    rank += u32::from(matcher::MATCH_SCORE);
                }
                if i == 0 {
                    rank += 2;
                }
                best = Some(best.map_or(rank, |b| b.max(rank)));
            }
            best
        })
        .collect()
}

fn scan_docs() -> impl Strategy<Value = Vec<(String, Vec<String>, bool)>> {
    // Long runs of few letters: repeated chars inside gaps, matches on
    // both sides of frizbee's SIMD lane boundaries.
    let title = prop_oneof!["[abcé ж'-]{0,30}", "[ab x-]{20,140}"];
    let field = "[abc ж-]{0,12}";
    proptest::collection::vec(
        (title, proptest::collection::vec(field, 0..4), proptest::bool::weighted(0.05)),
        1..12,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    /// The key scan plus frizbee on gapped haystacks ranks exactly as
    /// frizbee on every haystack did.
    #[test]
    fn key_scan_ranks_like_frizbee_everywhere(docs in scan_docs(), term in "[abc]{1,6}|[abcж-]{1,4}|a-?b|[ab-]{2,6}") {
        let mut index = SearchIndex::new();
        for (title, fields, long) in &docs {
            // Some titles past frizbee's exact-alignment limit.
            let title = if *long { title.repeat(1100 / title.len().max(1) + 1) } else { title.clone() };
            let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
            index.push(SearchDoc::new(&title, None, &fields, &[], &[], &[]));
        }
        let term = crate::extract::text::fold(&term);
        let alive: Vec<(u32, u32)> = (0..index.len() as u32).map(|d| (d, 0)).collect();
        let got = index.best_fuzzy(&term, &alive, &|| false).unwrap();
        prop_assert_eq!(got, reference_best(&index, &term), "term {:?}", term);
    }
}

#[test]
fn cancelled_search_gives_up() {
    let index = index();
    let q = parse("nvidia #chip");
    assert_eq!(index.search_cancellable(&q, &Selection::default(), None, &|| true), None);
    let done = index.search_cancellable(&q, &Selection::default(), None, &|| false);
    assert_eq!(done, Some(index.search(&q, &Selection::default(), None)));
}

#[test]
fn key_scan_edge_cases() {
    let mut index = SearchIndex::new();
    let titles = [
        "xa-a-a",        // leftmost non-overlapping: the word start at 3 is hidden
        "nvidia, coree", // word start after punctuation
        "étatsunis",     // folded, word start at 0
        "abcdefg",       // gap of 5 ("ag" needs a gap of 5: accepted)
        "abcdefgh",      // "ah": gap of 6, rejected
        "de l'etat",     // word start after an apostrophe
        "coréen",        // non-ascii origin, folded
        "a--xxb",        // frizbee scores "a-b" here as if gapped twice
        "",
    ];
    for t in titles {
        index.push(SearchDoc::new(t, None, &["la coree du sud", "x"], &["a"], &[], &[]));
    }
    let alive: Vec<(u32, u32)> = (0..index.len() as u32).map(|d| (d, 0)).collect();
    for term in ["a-a", "coree", "etats", "ag", "ah", "etat", "a", "x", "sud", "cd", "ae", "éé", "a-b", "ab"]
    {
        let term = crate::extract::text::fold(term);
        let got = index.best_fuzzy(&term, &alive, &|| false).unwrap();
        assert_eq!(got, reference_best(&index, &term), "term {term:?}");
    }
}

#[test]
fn find_byte_agrees_with_position() {
    let hay: Vec<u8> = (0..100u8).map(|i| i.wrapping_mul(37) ^ 0x55).collect();
    for start in 0..hay.len() {
        for b in [0u8, 0x55, 0xFF, 0x80, hay[start]] {
            let slice = &hay[start..];
            assert_eq!(matcher::find_byte(slice, b), slice.iter().position(|&x| x == b), "{start} {b}");
        }
    }
}

fn recv(rx: &std::sync::mpsc::Receiver<SearchResponse>) -> SearchResponse {
    rx.recv_timeout(Duration::from_secs(10)).expect("response")
}

#[test]
fn worker_runs_the_newest_request() {
    let (worker, rx) = SearchWorker::spawn();
    worker.add_docs(corpus());
    for (generation, text) in ["c", "co", "cor", "core", "coree"].iter().enumerate() {
        worker.request(generation as u64, spec(text, Selection::default()));
    }
    let mut last = recv(&rx);
    while last.generation != 4 {
        last = recv(&rx);
    }
    assert_eq!(last.outcome.hits, [0, 4]);
    assert_eq!(last.total_docs, 6);
    // A refinement after the fact reuses candidates and agrees with a fresh run.
    worker.request(5, spec("coree #cloud", Selection::default()));
    assert_eq!(recv(&rx).outcome.hits, [4]);
    drop(worker);
    // The thread has ended and closed its side of the channel.
    assert!(rx.recv().is_err());
}

#[test]
fn worker_reruns_last_query_when_docs_arrive_and_wakes() {
    let woken = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = woken.clone();
    let hook: Box<dyn Fn() + Send> = Box::new(move || {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });
    let (worker, rx) = SearchWorker::spawn_with_wakeup(Some(hook));
    let mut docs = corpus();
    let tail = docs.split_off(3);
    worker.add_docs(docs);
    worker.request(7, spec("nvidia", sel(&["KR"], &[])));
    assert_eq!(recv(&rx).outcome.hits, [0]);
    worker.add_docs(tail);
    let again = recv(&rx);
    assert_eq!((again.generation, again.total_docs, again.outcome.hits), (7, 6, vec![0, 4]));
    drop(worker);
    assert_eq!(woken.load(std::sync::atomic::Ordering::SeqCst), 2);
}

/// Documents arriving in many quick batches re-run the last search a few
/// times, not once per batch, and the last answer covers every document.
#[test]
fn worker_reruns_at_most_every_so_often_while_docs_keep_coming() {
    let (worker, rx) = SearchWorker::spawn();
    let docs = corpus();
    worker.add_docs(docs[..1].to_vec());
    worker.request(3, spec("", Selection::default()));
    assert_eq!(recv(&rx).total_docs, 1);
    let batches = 50;
    for _ in 0..batches {
        worker.add_docs(docs.clone());
    }
    let all = 1 + batches * docs.len();
    let mut answers = 0;
    loop {
        let answer = recv(&rx);
        answers += 1;
        assert_eq!(answer.generation, 3);
        if answer.total_docs == all {
            assert_eq!(answer.outcome.hits.len(), all);
            break;
        }
    }
    assert!(answers <= 10, "{answers} re-runs for {batches} batches");
}

/// Per-keystroke timing on a seeded synthetic corpus of 100k docs. Ignored:
/// run with `cargo test --release --lib search::tests::timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing_100k_docs() {
    let words = [
        "nvidia",
        "coree",
        "supercalculateur",
        "puces",
        "souverain",
        "cloud",
        "vietnam",
        "pays-bas",
        "investit",
        "milliards",
        "centre",
        "donnees",
        "technologique",
        "gpu",
        "telecom",
        "inde",
        "etats-unis",
    ];
    let countries: [(&str, &[&str]); 4] = [
        ("KR", &["South Korea", "Corée du Sud"]),
        ("US", &["United States", "États-Unis"]),
        ("NL", &["Netherlands", "Pays-Bas"]),
        ("IN", &["India", "Inde"]),
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    let mut index = SearchIndex::new();
    for _ in 0..100_000 {
        let title: Vec<&str> = (0..10).map(|_| words[next() % words.len()]).collect();
        let title = title.join(" ");
        let country = countries[next() % countries.len()];
        let topics = [Topic::ALL[next() % 14], Topic::ALL[next() % 14]];
        index.push(SearchDoc::new(&title, Some(country), &["China"], &["Nvidia"], &topics, &[&title]));
    }
    let hay: Vec<String> = (0..index.len() as u32)
        .flat_map(|d| {
            let (title, fields) = index.haystacks(d).unwrap();
            std::iter::once(title.to_string()).chain(fields.into_iter().map(String::from)).collect::<Vec<_>>()
        })
        .collect();
    let refs: Vec<&str> = hay.iter().map(String::as_str).collect();
    let t = std::time::Instant::now();
    let n = matcher::fuzzy_scores("supercalc", &refs).iter().flatten().count();
    eprintln!("frizbee alone: {} haystacks, {n} matches, {:?}", refs.len(), t.elapsed());
    let mut times = Vec::new();
    let typed = "supercalc";
    let mut previous: Option<(Query, Vec<u32>)> = None;
    for end in 1..=typed.len() {
        let q = parse(&typed[..end]);
        let start = std::time::Instant::now();
        let cands = previous.as_ref().filter(|(p, _)| q.is_refinement_of(p)).map(|(_, m)| m.as_slice());
        let out = index.search(&q, &Selection::default(), cands);
        times.push(start.elapsed());
        previous = Some((q, out.matched));
    }
    let fresh = std::time::Instant::now();
    index.search(&parse("coree #chip !@us"), &Selection::default(), None);
    let fresh = fresh.elapsed();
    let mut sorted = times.clone();
    sorted.sort();
    eprintln!(
        "per keystroke {times:?}\nmedian {:?} worst {:?}; fresh 3-clause {fresh:?}",
        sorted[sorted.len() / 2],
        sorted[sorted.len() - 1]
    );
}
