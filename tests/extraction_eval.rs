//! The extraction harness: every article listed in a `labels.json` under
//! `tests/fixtures/extraction/` is parsed as the loader parses it and
//! compared with its gold labels, field by field. Prints precision and
//! recall per field (`cargo test --release --test extraction_eval --
//! --nocapture`; `DEALSCOPE_EVAL_MISSES=1` also lists every miss) and fails
//! when a field falls below its floor in `floors.json`: a change that helps
//! one class of articles and hurts another shows up here.

use dealscope::corpus::Article;
use dealscope::corpus::load::{DEFAULT_MAX_FILE_BYTES, file_stem, read_file};
use dealscope::corpus::parse::parse_article;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct LabelsFile {
    articles: Vec<Labels>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    file: String,
    title: String,
    date: Option<String>,
    language: String,
    primary_country: Option<String>,
    countries: Vec<String>,
    /// `A|B`: either spelling.
    organisations: Vec<String>,
    topics: Vec<String>,
    figures: Vec<GoldFigure>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldFigure {
    value: f64,
    unit: String,
}

/// Units the labels give; other counted things are not measured.
const MEASURED_UNITS: [&str; 4] = ["chips", "GPUs", "MW", "percent"];

fn measured(unit: &str) -> bool {
    MEASURED_UNITS.contains(&unit) || is_currency_code(unit)
}

fn is_currency_code(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// Counts for one field: true positives, predictions, gold items.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    hits: usize,
    predicted: usize,
    gold: usize,
}

impl Tally {
    fn precision(self) -> f64 {
        if self.predicted == 0 { 1.0 } else { self.hits as f64 / self.predicted as f64 }
    }
    fn recall(self) -> f64 {
        if self.gold == 0 { 1.0 } else { self.hits as f64 / self.gold as f64 }
    }
    fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn add(&mut self, hits: usize, predicted: usize, gold: usize) {
        self.hits += hits;
        self.predicted += predicted;
        self.gold += gold;
    }
}

fn labels_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            labels_files(&path, out);
        } else if path.file_name().is_some_and(|n| n == "labels.json") {
            out.push(path);
        }
    }
}

fn parse_fixture(path: &Path) -> Article {
    let decoded =
        read_file(path, DEFAULT_MAX_FILE_BYTES).unwrap_or_else(|skip| panic!("{}: {skip}", path.display()));
    parse_article(&file_stem(path), &path.display().to_string(), &decoded.text)
}

fn normalise(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Organisations: each gold entry (`A|B`) matched by at most one predicted
/// name; a second spelling of a name already matched counts neither way.
fn compare_organisations(gold: &[String], predicted: &[String]) -> (usize, usize, Vec<String>, Vec<String>) {
    let gold_names: Vec<Vec<String>> = gold.iter().map(|g| g.split('|').map(normalise).collect()).collect();
    let mut matched = vec![false; gold.len()];
    let (mut hits, mut counted) = (0, 0);
    let mut extra = Vec::new();
    for name in predicted {
        let name_n = normalise(name);
        match gold_names.iter().position(|names| names.contains(&name_n)) {
            Some(i) if !matched[i] => {
                matched[i] = true;
                hits += 1;
                counted += 1;
            }
            Some(_) => {}
            None => {
                counted += 1;
                extra.push(name.clone());
            }
        }
    }
    let missed = gold.iter().zip(&matched).filter(|(_, m)| !**m).map(|(g, _)| g.clone()).collect();
    (hits, counted, missed, extra)
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// Figures as a multiset of (value, unit): each gold mention matched once.
fn compare_figures(gold: &[GoldFigure], predicted: &[GoldFigure]) -> (usize, Vec<String>, Vec<String>) {
    let mut used = vec![false; gold.len()];
    let mut hits = 0;
    let mut extra = Vec::new();
    for figure in predicted {
        let found = gold
            .iter()
            .enumerate()
            .position(|(i, g)| !used[i] && g.unit == figure.unit && same_value(g.value, figure.value));
        match found {
            Some(i) => {
                used[i] = true;
                hits += 1;
            }
            None => extra.push(format!("{} {}", figure.value, figure.unit)),
        }
    }
    let missed = gold
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| format!("{} {}", g.value, g.unit))
        .collect();
    (hits, missed, extra)
}

fn compare_sets(gold: &[String], predicted: &[String]) -> (usize, Vec<String>, Vec<String>) {
    let hits = predicted.iter().filter(|p| gold.contains(p)).count();
    let missed = gold.iter().filter(|g| !predicted.contains(g)).cloned().collect();
    let extra = predicted.iter().filter(|p| !gold.contains(p)).cloned().collect();
    (hits, missed, extra)
}

#[test]
fn extraction_meets_its_floors_on_the_labelled_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extraction");
    let mut files = Vec::new();
    labels_files(&root, &mut files);
    let show_misses = std::env::var_os("DEALSCOPE_EVAL_MISSES").is_some();
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut articles = 0;
    let mut misses = Vec::new();
    for labels_path in &files {
        let text = std::fs::read_to_string(labels_path).expect("read labels");
        let labels: LabelsFile =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", labels_path.display()));
        let folder = labels_path.parent().expect("labels in a folder");
        for gold in labels.articles {
            articles += 1;
            let path = folder.join(&gold.file);
            let article = parse_fixture(&path);
            let name = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
            let mut note = |field: &str, what: String| misses.push(format!("{name}: {field}: {what}"));

            let mut exact = |field: &'static str,
                             want: Option<&str>,
                             got: Option<&str>,
                             note: &mut dyn FnMut(&str, String)| {
                let ok = want == got;
                tallies.entry(field).or_default().add(usize::from(ok), 1, 1);
                if !ok {
                    note(field, format!("want {want:?}, got {got:?}"));
                }
            };
            exact("title", Some(gold.title.as_str()), Some(article.title.as_str()), &mut note);
            exact("date", gold.date.as_deref(), article.date.as_deref(), &mut note);
            exact("language", Some(gold.language.as_str()), Some(article.language.code()), &mut note);
            exact(
                "primary country",
                gold.primary_country.as_deref(),
                article.primary_country.as_ref().map(|c| c.code.as_str()),
                &mut note,
            );

            let countries: Vec<String> = article.countries.iter().map(|c| c.code.to_string()).collect();
            let (hits, missed, extra) = compare_sets(&gold.countries, &countries);
            tallies.entry("countries").or_default().add(hits, countries.len(), gold.countries.len());
            if !missed.is_empty() || !extra.is_empty() {
                note("countries", format!("missed {missed:?}, extra {extra:?}"));
            }

            let topics: Vec<String> = article.topics.iter().map(|t| t.slug().to_string()).collect();
            let (hits, missed, extra) = compare_sets(&gold.topics, &topics);
            tallies.entry("topics").or_default().add(hits, topics.len(), gold.topics.len());
            if !missed.is_empty() || !extra.is_empty() {
                note("topics", format!("missed {missed:?}, extra {extra:?}"));
            }

            let organisations: Vec<String> = article.organisations.iter().map(|o| o.to_string()).collect();
            let (hits, counted, missed, extra) = compare_organisations(&gold.organisations, &organisations);
            tallies.entry("organisations").or_default().add(hits, counted, gold.organisations.len());
            if !missed.is_empty() || !extra.is_empty() {
                note("organisations", format!("missed {missed:?}, extra {extra:?}"));
            }

            let gold_figures: Vec<GoldFigure> =
                gold.figures.iter().filter(|f| measured(&f.unit)).cloned().collect();
            assert_eq!(
                gold_figures.len(),
                gold.figures.len(),
                "{name}: a figure's unit is not one the README lists"
            );
            let figures: Vec<GoldFigure> = article
                .figures
                .iter()
                .map(|f| GoldFigure { value: f.value, unit: f.unit.as_str().to_string() })
                .filter(|f| measured(&f.unit))
                .collect();
            let (hits, missed, extra) = compare_figures(&gold_figures, &figures);
            tallies.entry("figures").or_default().add(hits, figures.len(), gold_figures.len());
            if !missed.is_empty() || !extra.is_empty() {
                note("figures", format!("missed {missed:?}, extra {extra:?}"));
            }
        }
    }
    assert!(articles > 0, "no labelled articles under {}", root.display());

    println!("extraction over {articles} labelled articles ({} labels files)", files.len());
    println!("  {:<16} {:>9} {:>9} {:>9}   (hits / predicted / gold)", "field", "precision", "recall", "F1");
    for (field, t) in &tallies {
        println!(
            "  {:<16} {:>9.3} {:>9.3} {:>9.3}   ({} / {} / {})",
            field,
            t.precision(),
            t.recall(),
            t.f1(),
            t.hits,
            t.predicted,
            t.gold
        );
    }
    if show_misses {
        misses.iter().for_each(|m| println!("  miss: {m}"));
    }

    let floors: BTreeMap<String, Floor> =
        serde_json::from_str(&std::fs::read_to_string(root.join("floors.json")).expect("read floors.json"))
            .expect("floors.json parses");
    let mut below = Vec::new();
    for (field, floor) in &floors {
        let tally = tallies
            .get(field.as_str())
            .unwrap_or_else(|| panic!("floors.json names an unknown field {field}"));
        for (what, got, min) in
            [("precision", tally.precision(), floor.precision), ("recall", tally.recall(), floor.recall)]
        {
            if got + 1e-9 < min {
                below.push(format!("{field} {what} {got:.3} < floor {min:.3}"));
            }
        }
    }
    assert!(below.is_empty(), "below the floors: {below:#?} (DEALSCOPE_EVAL_MISSES=1 lists the misses)");
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Floor {
    precision: f64,
    recall: f64,
}
