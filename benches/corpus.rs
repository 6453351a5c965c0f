//! Figures for the browser at corpus scale, on a seeded synthetic corpus of
//! French and English deal articles: parse throughput, memory per 100k
//! parsed articles, search latency per keystroke (100k and 1M docs) and the
//! time to render one frame. Prints figures; no harness.
//!
//! `cargo bench --bench corpus` (release). Environment knobs:
//! `DEALSCOPE_BENCH_SKIP_1M=1` skips the 1M-doc search part;
//! `DEALSCOPE_BENCH_PARSE_ONLY=1` stops after parsing 10k articles;
//! `DEALSCOPE_BENCH_SEARCH_ONLY=1` runs only search, on direct docs;
//! `DEALSCOPE_BENCH_DUMP=DIR` writes a digest of every search outcome;
//! `DEALSCOPE_BENCH_VERIFY=1` checks every keystroke's outcome against a
//! straightforward reference search (frizbee on every haystack, full sort),
//! at 100k docs, and at 1M too with `DEALSCOPE_BENCH_VERIFY=all`;
//! `DEALSCOPE_BENCH_PROFILE=TEXT` times one keystroke (TEXT after its
//! prefix) at 1M docs, 30 times, wall and CPU: for a profiler.

use dealscope::app::{Action, AppState, update};
use dealscope::corpus::Topic;
use dealscope::corpus::merge::merge_deals;
use dealscope::corpus::parse::{parse_article, parse_article_with};
use dealscope::extract::text::fold;
use dealscope::model::{Article, DealKind, DealStatus};
use dealscope::search::engine::topic_matches;
use dealscope::search::matcher::{MATCH_SCORE, fuzzy_scores};
use dealscope::search::query::slug_matches;
use dealscope::search::{
    Query, SearchDoc, SearchIndex, SearchOutcome, SearchResponse, Selection, Target, Term, parse,
};
use std::collections::{BTreeMap, BTreeSet};

#[path = "common/mod.rs"]
mod common;
use common::{MOIS, MONTHS, Rng};
use std::time::{Duration, Instant};

const COUNTRIES_TSV: &str = include_str!("../assets/countries.tsv");
const ORGANISATIONS_TSV: &str = include_str!("../assets/organisations.tsv");

/// The queries typed one char at a time.
const TYPED: [&str; 5] = ["supercalc", "coree", "@kr", "etats unis", "#chip nvidia"];

// ---------------------------------------------------------------------------
// Synthetic corpus

struct Country {
    code: String,
    en: String,
    fr: String,
}

struct Lexicon {
    countries: Vec<Country>,
    /// Indices into `countries` of the ones deal news names most.
    hot: Vec<usize>,
    orgs: Vec<String>,
}

fn data_rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

impl Lexicon {
    fn load() -> Lexicon {
        let countries: Vec<Country> = data_rows(COUNTRIES_TSV)
            .filter(|r| r.len() >= 3)
            .map(|r| Country { code: r[0].to_string(), en: r[1].to_string(), fr: r[2].to_string() })
            .collect();
        let hot_codes = [
            "US", "CN", "KR", "JP", "FR", "DE", "GB", "IN", "SA", "AE", "TW", "NL", "VN", "ID", "BR", "CA",
            "SG", "MY", "ES", "IT",
        ];
        let hot = hot_codes.iter().filter_map(|c| countries.iter().position(|k| k.code == *c)).collect();
        let orgs = data_rows(ORGANISATIONS_TSV).filter_map(|r| r.first().map(|s| s.to_string())).collect();
        Lexicon { countries, hot, orgs }
    }

    fn country(&self, rng: &mut Rng) -> &Country {
        if rng.chance(70) {
            &self.countries[self.hot[rng.below(self.hot.len())]]
        } else {
            &self.countries[rng.below(self.countries.len())]
        }
    }

    fn org(&self, rng: &mut Rng) -> &str {
        // Nvidia is in most of these articles.
        if rng.chance(35) { "Nvidia" } else { &self.orgs[rng.below(self.orgs.len())] }
    }
}

/// What the generator knows about one article, besides its text.
struct Generated {
    title: String,
    text: String,
    country: usize,
    others: Vec<usize>,
    orgs: Vec<String>,
    topics: Vec<Topic>,
    date: String,
    lead: String,
}

fn money_fr(rng: &mut Rng) -> String {
    let unit = *rng.pick(&[&"millions", &"milliards"]);
    let cur = *rng.pick(&[&"dollars", &"euros", &"wons", &"yens"]);
    if rng.chance(50) {
        format!("{},{} {unit} de {cur}", 1 + rng.below(99), rng.below(10))
    } else {
        format!("{} {unit} de {cur}", 1 + rng.below(500))
    }
}

fn money_en(rng: &mut Rng) -> String {
    let sym = *rng.pick(&[&"$", &"€", &"£"]);
    let unit = *rng.pick(&[&"million", &"billion"]);
    format!("{sym}{}.{} {unit}", 1 + rng.below(99), rng.below(10))
}

fn chips_fr(rng: &mut Rng) -> String {
    format!("{} 000 puces", 1 + rng.below(300))
}

fn chips_en(rng: &mut Rng) -> String {
    format!("{},000 {}", 1 + rng.below(300), rng.pick(&["chips", "GPUs", "Blackwell GPUs"]))
}

fn generate(lex: &Lexicon, rng: &mut Rng) -> Generated {
    let c = lex.country(rng);
    let country = lex.countries.iter().position(|k| std::ptr::eq(k, c)).unwrap_or(0);
    let other = lex.country(rng);
    let others = vec![lex.countries.iter().position(|k| std::ptr::eq(k, other)).unwrap_or(0)];
    let (org, org2) = (lex.org(rng).to_string(), lex.org(rng).to_string());
    let french = rng.chance(60);
    let (year, month, day) = (2023 + rng.below(3), rng.below(12), 1 + rng.below(28));
    let date = format!("{year}-{:02}-{day:02}", month + 1);
    let topic_pool = [
        Topic::ChipSupply,
        Topic::Supercomputer,
        Topic::DataCentre,
        Topic::SovereignAi,
        Topic::Investment,
        Topic::ExportControls,
        Topic::Cloud,
        Topic::PublicFunding,
    ];
    let mut topics = vec![topic_pool[rng.below(topic_pool.len())]];
    let second = topic_pool[rng.below(topic_pool.len())];
    if !topics.contains(&second) {
        topics.push(second);
    }
    let (title, dateline, mut paragraphs) = if french {
        let (cfr, oth) = (&c.fr, &other.fr);
        let title = match rng.below(6) {
            0 => format!("{cfr} : {org} investit {} dans un supercalculateur IA", money_fr(rng)),
            1 => format!("{org} va livrer {} d'IA à {cfr}", chips_fr(rng)),
            2 => format!("{org} et {org2} lancent un centre de données souverain en {cfr}"),
            3 => format!("{cfr} durcit les contrôles à l'exportation des puces vers {oth}"),
            4 => format!("{cfr} mise sur l'IA souveraine avec {org} pour {}", money_fr(rng)),
            _ => format!("{org} ouvre un centre de recherche en IA en {cfr}"),
        };
        let dateline = format!("Publié le {day} {} {year}", MOIS[month]);
        let paras = vec![
            format!(
                "{org} a annoncé un partenariat stratégique avec {cfr} pour développer une infrastructure \
                 de calcul d'intelligence artificielle. Le montant de l'accord est estimé à {}, selon un \
                 communiqué publié {} {}.",
                money_fr(rng),
                rng.pick(&["lundi", "mardi", "mercredi", "jeudi", "vendredi"]),
                rng.pick(&["matin", "soir"])
            ),
            format!(
                "Le projet prévoit la livraison de {} et la construction d'un centre de données de {} \
                 mégawatts. {org2} fournira les serveurs, tandis que les autorités de {oth} suivent le \
                 dossier de près.",
                chips_fr(rng),
                10 + rng.below(490)
            ),
            format!(
                "Cette annonce s'inscrit dans une stratégie de souveraineté numérique. Le gouvernement \
                 souhaite réduire sa dépendance aux fournisseurs étrangers et attirer des chercheurs, \
                 avec un budget public de {}.",
                money_fr(rng)
            ),
            "Les restrictions américaines à l'exportation des puces les plus avancées pèsent toutefois \
             sur le calendrier du projet, prévu pour s'achever d'ici deux ans."
                .to_string(),
        ];
        (title, dateline, paras)
    } else {
        let (cen, oth) = (&c.en, &other.en);
        let title = match rng.below(6) {
            0 => format!("{org} to buy {} for {cen} AI push", chips_en(rng)),
            1 => format!("{cen} unveils {} plan for sovereign AI cloud", money_en(rng)),
            2 => format!("{org} and {org2} build AI supercomputer in {cen}"),
            3 => format!("{cen} tightens export controls on AI chips to {oth}"),
            4 => format!("{org} opens {} data centre in {cen}", money_en(rng)),
            _ => format!("{org2} invests in {cen} research lab with {org}"),
        };
        let dateline = format!("{} {day}, {year}", MONTHS[month]);
        let paras = vec![
            format!(
                "{org} said on {} it had signed a strategic agreement with the government of {cen} to \
                 build artificial intelligence infrastructure worth {}.",
                rng.pick(&["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
                money_en(rng)
            ),
            format!(
                "The deal covers the delivery of {} and a {} megawatt data center. {org2} will supply \
                 the servers, while officials in {oth} are watching closely.",
                chips_en(rng),
                10 + rng.below(490)
            ),
            format!(
                "The announcement is part of a push for digital sovereignty, with {} in public funding \
                 to attract researchers and reduce reliance on foreign suppliers.",
                money_en(rng)
            ),
            "US export restrictions on the most advanced chips could still delay the project, which \
             is due to be completed within two years."
                .to_string(),
        ];
        (title, dateline, paras)
    };
    // Vary the length a little.
    let keep = 2 + rng.below(3);
    paragraphs.truncate(keep);
    let lead = paragraphs[0].clone();
    let text = format!("{title}\n{dateline}\n{}\n", paragraphs.join("\n"));
    let orgs = if org == org2 { vec![org] } else { vec![org, org2] };
    Generated { title, text, country, others, orgs, topics, date, lead }
}

/// A search document built straight from what the generator knows, without
/// parsing: for the 1M-doc part. The body is title and lead only.
/// An index of `n` direct docs, with the docs themselves when `keep` (for
/// checking outcomes against the reference search).
fn direct_index(lex: &Lexicon, rng: &mut Rng, n: usize, keep: bool) -> (SearchIndex, Option<Vec<SearchDoc>>) {
    let mut index = SearchIndex::new();
    let mut docs = Vec::new();
    for _ in 0..n {
        let doc = direct_doc(lex, &generate(lex, rng));
        if keep {
            docs.push(doc.clone());
        }
        index.push(doc);
    }
    (index, keep.then_some(docs))
}

fn direct_doc(lex: &Lexicon, g: &Generated) -> SearchDoc {
    let c = &lex.countries[g.country];
    let names = [c.en.as_str(), c.fr.as_str()];
    let other_names: Vec<&str> =
        g.others.iter().flat_map(|&o| [lex.countries[o].en.as_str(), lex.countries[o].fr.as_str()]).collect();
    let orgs: Vec<&str> = g.orgs.iter().map(String::as_str).collect();
    let doc =
        SearchDoc::new(&g.title, Some((&c.code, &names)), &other_names, &orgs, &g.topics, &[g.lead.as_str()]);
    SearchDoc { date: Some(g.date.as_str().into()), ..doc }
}

// ---------------------------------------------------------------------------
// Measuring helpers

fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let resident: u64 = statm.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    resident * 4096
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Types each of `TYPED` one char at a time, reusing the previous matches
/// as the worker does. Returns every keystroke's time, per query.
fn type_queries(
    index: &SearchIndex,
    dump: &mut Vec<String>,
    reference: Option<&[SearchDoc]>,
) -> Vec<(&'static str, Vec<Duration>, usize)> {
    let selection = Selection::default();
    let mut out = Vec::new();
    for typed in TYPED {
        let mut last: Option<(Query, Vec<u32>)> = None;
        let mut times = Vec::new();
        let mut hits = 0;
        let ends: Vec<usize> = typed.char_indices().map(|(b, c)| b + c.len_utf8()).collect();
        for end in ends {
            let query = parse(&typed[..end]);
            let start = Instant::now();
            let candidates =
                last.as_ref().filter(|(q, _)| query.is_refinement_of(q)).map(|(_, m)| m.as_slice());
            let outcome = index.search(&query, &selection, candidates);
            times.push(start.elapsed());
            hits = outcome.hits.len();
            dump.push(format!("{:?} {:016x}", &typed[..end], digest(&outcome)));
            if let Some(docs) = reference {
                let expected = reference_search(docs, &query, &selection);
                assert!(outcome == expected, "outcome differs from the reference for {:?}", &typed[..end]);
            }
            last = Some((query, outcome.matched));
        }
        out.push((typed, times, hits));
    }
    out
}

/// Times typed queries over `index`; with `reference` (the docs `index`
/// was built from, in order), checks every outcome against the reference
/// search.
fn report_search(label: &str, index: &SearchIndex, reference: Option<&[SearchDoc]>) {
    // The app runs the empty query as soon as articles arrive.
    let t = Instant::now();
    let all = index.search(&parse(""), &Selection::default(), None);
    println!("initial empty search over {} docs (at load): {:.1} ms", all.hits.len(), ms(t.elapsed()));
    let t = Instant::now();
    let mut dump = Vec::new();
    let runs = type_queries(index, &mut dump, reference);
    // DEALSCOPE_BENCH_DUMP=DIR writes a digest of each outcome, to compare
    // results before and after a change to the search code.
    if let Some(dir) = std::env::var_os("DEALSCOPE_BENCH_DUMP") {
        let path = std::path::Path::new(&dir).join(format!("{}.txt", label.replace(' ', "_")));
        std::fs::write(&path, dump.join("\n")).expect("write dump");
        println!("  digests written to {}", path.display());
    }
    let wall = t.elapsed();
    let mut all: Vec<Duration> = Vec::new();
    println!("search per keystroke, {label} ({} docs):", index.len());
    for (typed, times, hits) in &runs {
        let per: Vec<String> = times.iter().map(|d| format!("{:.1}", ms(*d))).collect();
        println!("  {typed:<14} final hits {hits:>8}  ms/key [{}]", per.join(" "));
        all.extend(times);
    }
    let worst = *all.iter().max().unwrap();
    let med = median(&mut all);
    println!(
        "  => median {:.2} ms, worst {:.2} ms over {} keystrokes ({:.2} s total{})",
        ms(med),
        ms(worst),
        all.len(),
        wall.as_secs_f64(),
        if reference.is_some() { ", every outcome checked against the reference" } else { "" }
    );
}

// ---------------------------------------------------------------------------
// Reference search: the engine as first written, on the public API only.

fn reference_search(docs: &[SearchDoc], query: &Query, selection: &Selection) -> SearchOutcome {
    let mut alive: Vec<(u32, u32)> = (0..docs.len() as u32).map(|d| (d, 0)).collect();
    let mut clauses: Vec<_> = query.clauses.iter().collect();
    clauses.sort_by_key(|c| matches!(c.term, Term::Fuzzy(_)));
    for clause in clauses {
        let keep = |ok: bool| ok != clause.negated;
        alive = match &clause.term {
            Term::Country(v) => alive
                .into_iter()
                .filter(|&(d, _)| keep(docs[d as usize].country.as_ref().is_some_and(|c| c.matches(v))))
                .collect(),
            Term::Topic(v) => alive
                .into_iter()
                .filter(|&(d, _)| keep(docs[d as usize].topics.iter().any(|t| topic_matches(*t, v))))
                .collect(),
            Term::Kind(v) => alive
                .into_iter()
                .filter(|&(d, _)| keep(docs[d as usize].kinds.iter().any(|k| slug_matches(k.slug(), v))))
                .collect(),
            Term::Status(v) => alive
                .into_iter()
                .filter(|&(d, _)| keep(docs[d as usize].statuses.iter().any(|st| slug_matches(st.slug(), v))))
                .collect(),
            Term::Exact(v) => alive
                .into_iter()
                .filter(|&(d, _)| {
                    let doc = &docs[d as usize];
                    let body = std::iter::once(doc.title.clone()).chain(doc.body.text().lines().map(fold));
                    keep(body.chain(doc.fields.iter().cloned()).any(|f| f.contains(v.as_str())))
                })
                .map(|(d, s)| (d, if clause.negated { s } else { s + u32::from(MATCH_SCORE) * 2 }))
                .collect(),
            Term::Fuzzy(v) => {
                let mut haystacks: Vec<&str> = Vec::new();
                let mut owner: Vec<(usize, bool)> = Vec::new();
                for (slot, &(d, _)) in alive.iter().enumerate() {
                    let doc = &docs[d as usize];
                    haystacks.push(&doc.title);
                    owner.push((slot, true));
                    for f in &doc.fields {
                        haystacks.push(f);
                        owner.push((slot, false));
                    }
                }
                let mut best: Vec<Option<u32>> = vec![None; alive.len()];
                for (i, score) in fuzzy_scores(v, &haystacks).into_iter().enumerate() {
                    let Some(score) = score else { continue };
                    let (slot, is_title) = owner[i];
                    let word_start = haystacks[i].match_indices(v.as_str()).any(|(at, _)| {
                        haystacks[i][..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                    });
                    let rank = u32::from(score)
                        + if word_start { u32::from(MATCH_SCORE) } else { 0 }
                        + if is_title { 2 } else { 0 };
                    best[slot] = Some(best[slot].map_or(rank, |old| old.max(rank)));
                }
                alive
                    .into_iter()
                    .zip(best)
                    .filter(|(_, b)| keep(b.is_some()))
                    .map(|((d, s), b)| (d, s + b.unwrap_or(0)))
                    .collect()
            }
        };
    }
    let countries: BTreeSet<&str> =
        docs.iter().filter_map(|d| d.country.as_ref().map(|c| c.code.as_str())).collect();
    let mut country_counts: BTreeMap<&str, usize> = countries.iter().map(|c| (*c, 0)).collect();
    let mut topic_counts = [0usize; Topic::ALL.len()];
    let mut kind_counts = [0usize; DealKind::ALL.len()];
    let mut status_counts = [0usize; DealStatus::ALL.len()];
    let mut hits = Vec::new();
    let mut matched = Vec::new();
    for (d, score) in alive {
        matched.push(d);
        let doc = &docs[d as usize];
        let code = doc.country.as_ref().map(|c| c.code.as_str());
        let country_ok =
            selection.countries.is_empty() || code.is_some_and(|c| selection.countries.contains(c));
        let topic_ok = selection.topics.is_empty() || doc.topics.iter().any(|t| selection.topics.contains(t));
        if topic_ok && let Some(count) = code.and_then(|c| country_counts.get_mut(c)) {
            *count += 1;
        }
        if country_ok {
            for (i, t) in Topic::ALL.iter().enumerate() {
                if doc.topics.contains(t) {
                    topic_counts[i] += 1;
                }
            }
        }
        // The bench selects no kind or status: their counts take the
        // country and topic selections only.
        if country_ok && topic_ok {
            for (i, k) in DealKind::ALL.iter().enumerate() {
                kind_counts[i] += usize::from(doc.kinds.contains(k));
            }
            for (i, st) in DealStatus::ALL.iter().enumerate() {
                status_counts[i] += usize::from(doc.statuses.contains(st));
            }
            hits.push((score, d));
        }
    }
    let date = |d: u32| docs[d as usize].date.as_deref();
    hits.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| match (date(a.1), date(b.1)) {
                (Some(x), Some(y)) => y.cmp(x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then(a.1.cmp(&b.1))
    });
    let mut country_counts: Vec<(String, usize)> =
        country_counts.into_iter().map(|(c, n)| (c.to_string(), n)).collect();
    country_counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    SearchOutcome {
        hits: hits.into_iter().map(|(_, d)| d).collect(),
        matched,
        country_counts,
        topic_counts: Topic::ALL.iter().copied().zip(topic_counts).collect(),
        kind_counts: DealKind::ALL.iter().copied().zip(kind_counts).collect(),
        status_counts: DealStatus::ALL.iter().copied().zip(status_counts).collect(),
    }
}

/// FNV-1a over everything an outcome holds.
fn digest(outcome: &dealscope::search::SearchOutcome) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    };
    for d in outcome.hits.iter().chain([&u32::MAX]).chain(&outcome.matched) {
        eat(&d.to_le_bytes());
    }
    for (code, n) in &outcome.country_counts {
        eat(code.as_bytes());
        eat(&n.to_le_bytes());
    }
    for (topic, n) in &outcome.topic_counts {
        eat(topic.slug().as_bytes());
        eat(&n.to_le_bytes());
    }
    for (kind, n) in &outcome.kind_counts {
        eat(kind.slug().as_bytes());
        eat(&n.to_le_bytes());
    }
    for (status, n) in &outcome.status_counts {
        eat(status.slug().as_bytes());
        eat(&n.to_le_bytes());
    }
    h
}

fn verify_at(docs: usize) -> bool {
    match std::env::var("DEALSCOPE_BENCH_VERIFY").as_deref() {
        Ok("all") => true,
        Ok(_) => docs <= 100_000,
        Err(_) => false,
    }
}

// ---------------------------------------------------------------------------

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this
    // binary without it: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let started = Instant::now();
    let lex = Lexicon::load();
    println!("dealscope corpus bench ({} countries, {} organisations)", lex.countries.len(), lex.orgs.len());
    if let Ok(text) = std::env::var("DEALSCOPE_BENCH_PROFILE") {
        // For a profiler: one keystroke (`text` refining its prefix) at 1M docs, repeated.
        let mut rng = Rng(0x0dd_b1a5_e5ca_1ab1);
        let mut index = SearchIndex::new();
        for _ in 0..1_000_000 {
            index.push(direct_doc(&lex, &generate(&lex, &mut rng)));
        }
        let all = index.search(&parse(""), &Selection::default(), None);
        println!("mean key {} bytes", index.key_bytes() / index.len());
        let prefix: String = text.chars().take(text.chars().count().saturating_sub(1)).collect();
        let prev = index.search(&parse(&prefix), &Selection::default(), None);
        let query = parse(&text);
        let cpu = || {
            let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
            let fields: Vec<u64> = stat
                .rsplit(')')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .map(|f| f.parse().unwrap_or(0))
                .collect();
            // utime + stime, in clock ticks (100 Hz), fields 14 and 15.
            fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0)
        };
        let (t, c) = (Instant::now(), cpu());
        let mut hits = 0;
        for _ in 0..30 {
            hits = index.search(&query, &Selection::default(), Some(&prev.matched)).hits.len();
        }
        println!(
            "{text:?} after {prefix:?}: {hits} hits ({} docs), {:.1} ms wall, {:.1} ms cpu each",
            all.hits.len(),
            ms(t.elapsed()) / 30.0,
            (cpu() - c) as f64 * 10.0 / 30.0
        );
        return;
    }
    if std::env::var_os("DEALSCOPE_BENCH_SEARCH_ONLY").is_some() {
        // Quick loop for search work: direct docs at 100k and 1M only.
        for (n, label) in [(100_000, "100k direct"), (1_000_000, "1M direct")] {
            let mut rng = Rng(0x0dd_b1a5_e5ca_1ab1);
            let (index, docs) = direct_index(&lex, &mut rng, n, verify_at(n));
            report_search(label, &index, docs.as_deref());
        }
        return;
    }

    // (a) Parse throughput on 10k articles.
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let texts: Vec<Generated> = (0..10_000).map(|_| generate(&lex, &mut rng)).collect();
    let bytes: usize = texts.iter().map(|g| g.text.len()).sum();
    // Warm the lexicons (gazetteer, organisations, topics) outside the timing.
    let _ = parse_article("warm", "bench", &texts[0].text);
    let t = Instant::now();
    let parsed: Vec<Article> =
        texts.iter().enumerate().map(|(i, g)| parse_article(&format!("a{i}"), "bench", &g.text)).collect();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "parse: {} articles, {:.1} MB in {:.2} s => {:.0} articles/s, {:.2} MB/s",
        parsed.len(),
        bytes as f64 / 1e6,
        secs,
        parsed.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    // (a') What deal extraction costs: the same articles parsed without it.
    let t = Instant::now();
    let without: usize = texts
        .iter()
        .enumerate()
        .map(|(i, g)| parse_article_with(&format!("a{i}"), "bench", &g.text, false).figures.len())
        .sum();
    let secs_without = t.elapsed().as_secs_f64();
    let deals: usize = parsed.iter().map(|a| a.deals.len()).sum();
    println!(
        "deals: {deals} deals from {} articles; extraction {:.1} µs/article ({:.0} % of parsing; \
         {:.0} articles/s without it, {without} figures)",
        parsed.len(),
        (secs - secs_without).max(0.0) * 1e6 / parsed.len() as f64,
        (secs - secs_without).max(0.0) / secs * 100.0,
        parsed.len() as f64 / secs_without
    );
    let with_country = parsed.iter().filter(|a| a.primary_country.is_some()).count();
    let with_date = parsed.iter().filter(|a| a.date.is_some()).count();
    println!(
        "  sanity: {with_country} with a primary country, {with_date} dated; e.g. {:?}",
        parsed[0].title
    );
    if std::env::var_os("DEALSCOPE_BENCH_PARSE_ONLY").is_some() {
        let t = Instant::now();
        let merged = merge_deals(parsed.iter().flat_map(|a| &a.deals));
        println!("merge: {} deals -> {} in {:.0} ms", deals, merged.deals.len(), ms(t.elapsed()));
        return;
    }
    drop(parsed);
    drop(texts);

    // (b) Memory per 100k parsed articles (texts generated and dropped one
    // at a time, so only the articles stay).
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let before = rss_bytes();
    let t = Instant::now();
    let articles: Vec<Article> = (0..100_000)
        .map(|i| {
            let g = generate(&lex, &mut rng);
            parse_article(&format!("a{i:06}"), "bench", &g.text)
        })
        .collect();
    let parse_100k = t.elapsed();
    let after = rss_bytes();
    println!(
        "memory: RSS +{:.1} MB for {} parsed articles ({:.0} bytes/article); generated+parsed in {:.1} s",
        (after.saturating_sub(before)) as f64 / 1e6,
        articles.len(),
        after.saturating_sub(before) as f64 / articles.len() as f64,
        parse_100k.as_secs_f64()
    );

    // (b') Merging the deals of 10k, 50k and 100k articles: it should grow
    // about linearly (blocking by host country and anchors).
    for n in [10_000, 50_000, 100_000] {
        let t = Instant::now();
        let merged = merge_deals(articles[..n].iter().flat_map(|a| &a.deals));
        let took = t.elapsed();
        let input: usize = articles[..n].iter().map(|a| a.deals.len()).sum();
        println!(
            "merge: {n} articles, {input} deals -> {} merged in {:.0} ms ({:.2} µs per deal)",
            merged.deals.len(),
            ms(took),
            took.as_secs_f64() * 1e6 / input.max(1) as f64
        );
    }

    // (c) Search per keystroke at 100k, on docs from the parsed articles.
    let before = rss_bytes();
    let t = Instant::now();
    let verify = verify_at(articles.len());
    let mut index = SearchIndex::new();
    let mut kept = Vec::new();
    for a in &articles {
        let doc = SearchDoc::from_article(a);
        if verify {
            kept.push(doc.clone());
        }
        index.push(doc);
    }
    println!(
        "index: {} docs built in {:.2} s, RSS +{:.1} MB",
        index.len(),
        t.elapsed().as_secs_f64(),
        (rss_bytes().saturating_sub(before)) as f64 / 1e6
    );
    report_search("100k parsed", &index, verify.then_some(kept.as_slice()));

    // (d) One frame: 100k articles loaded, a search result shown.
    let query_text = "coree";
    let outcome = index.search(&parse(query_text), &Selection::default(), None);
    let total_docs = index.len();
    drop(index);
    let mut state = AppState::new(120, 40);
    update(&mut state, Action::ArticlesLoaded(articles));
    update(&mut state, Action::FocusFilter);
    for c in query_text.chars() {
        update(&mut state, Action::FilterInsert(c));
    }
    let generation = state.search_generation;
    let hits = outcome.hits.len();
    let response = SearchResponse { generation, target: Target::Articles, outcome, total_docs };
    update(&mut state, Action::SearchDone(Box::new(response)));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
    let mut frames = Vec::with_capacity(100);
    for _ in 0..100 {
        let t = Instant::now();
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
        terminal.draw(|f| dealscope::ui::draw(f, &state)).expect("draw");
        frames.push(t.elapsed());
    }
    let mut reused = Vec::with_capacity(100);
    for _ in 0..100 {
        let t = Instant::now();
        terminal.draw(|f| dealscope::ui::draw(f, &state)).expect("draw");
        reused.push(t.elapsed());
    }
    println!(
        "frame: 120x40, {} articles, {hits} hits for {query_text:?}: median {:.3} ms (new terminal each), \
         {:.3} ms (reused terminal)",
        state.articles.len(),
        ms(median(&mut frames)),
        ms(median(&mut reused))
    );
    drop(state);

    // (c') Search per keystroke at 1M docs built directly.
    if std::env::var_os("DEALSCOPE_BENCH_SKIP_1M").is_none() {
        let mut rng = Rng(0x0dd_b1a5_e5ca_1ab1);
        let before = rss_bytes();
        let t = Instant::now();
        let (index, docs) = direct_index(&lex, &mut rng, 1_000_000, verify_at(1_000_000));
        println!(
            "index: {} direct docs built in {:.1} s, RSS +{:.0} MB",
            index.len(),
            t.elapsed().as_secs_f64(),
            (rss_bytes().saturating_sub(before)) as f64 / 1e6
        );
        report_search("1M direct", &index, docs.as_deref());
    }
    println!("bench total {:.1} s", started.elapsed().as_secs_f64());
}
