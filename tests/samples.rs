//! The embedded samples' facts, as the corpus issue states them.

use dealscope::corpus::ingest::load_corpus;
use dealscope::corpus::{Article, Corpus, ParagraphKind, Topic, Unit};

fn samples() -> Corpus {
    let (corpus, warnings) = load_corpus(&[], dealscope::corpus::load::DEFAULT_MAX_FILE_BYTES).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(corpus.len(), 5);
    corpus
}

fn article<'c>(corpus: &'c Corpus, prefix: &str) -> &'c Article {
    corpus
        .articles()
        .iter()
        .find(|a| a.id.starts_with(prefix))
        .unwrap_or_else(|| panic!("no sample {prefix}"))
}

fn has_figure(article: &Article, value: f64, unit: &Unit) -> bool {
    article.figures.iter().any(|f| &f.unit == unit && (f.value - value).abs() <= value.abs() * 1e-9)
}

#[test]
fn ids_are_file_stems() {
    let corpus = samples();
    let ids: Vec<&str> = corpus.articles().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "000_e655c1c0e8eda950",
            "001_e48b0203d2728b9f",
            "002_9c6bf0e2097b9d38",
            "003_c74945bba4f3859c",
            "004_caa39ef458abdd0a"
        ]
    );
    assert!(corpus.articles().iter().all(|a| a.source.starts_with("embedded:")));
}

#[test]
fn primary_countries() {
    let corpus = samples();
    for (prefix, code) in [("000", "SV"), ("001", "CN"), ("002", "VN"), ("003", "NL"), ("004", "KR")] {
        let found = article(&corpus, prefix).primary_country.as_ref().map(|c| c.code.as_str());
        assert_eq!(found, Some(code), "sample {prefix}");
    }
}

#[test]
fn titles_and_dates() {
    let corpus = samples();
    let vietnam = article(&corpus, "002");
    assert_eq!(
        vietnam.title,
        "Le Vietnam pourrait concrétiser son projet de devenir un pôle technologique régional"
    );
    assert_eq!(vietnam.date.as_deref(), Some("2024-12"));
    for prefix in ["000", "001", "003", "004"] {
        assert_eq!(article(&corpus, prefix).date, None, "sample {prefix}");
    }
    assert_eq!(
        article(&corpus, "004").title,
        "Nvidia renforce la puissance technologique sud-coréenne avec 260 000 puces d’IA"
    );
    // A long lead as first line: the title is its first sentence, and the lead stays in the body.
    let salvador = article(&corpus, "000");
    assert!(salvador.title.starts_with("Le Salvador fait un pas décisif"), "{}", salvador.title);
    assert!(salvador.title.chars().count() <= 121);
    assert!(salvador.paragraphs[0].text.starts_with("Le Salvador fait un pas décisif"));
    assert!(corpus.articles().iter().all(|a| a.language.code() == "fr"));
}

#[test]
fn figures() {
    let corpus = samples();
    let usd = Unit::Currency("USD".into());
    let cases: [(&str, f64, Unit); 8] = [
        ("000", 5.5e9, usd.clone()),
        ("000", 174.0, Unit::Percent),
        ("001", 5.5e9, usd.clone()),
        ("002", 2e8, usd.clone()),
        ("002", 2.63e11, usd.clone()),
        ("003", 2.045e8, Unit::Currency("EUR".into())),
        ("003", 1528.0, Unit::Gpus),
        ("004", 260_000.0, Unit::Chips),
    ];
    for (prefix, value, unit) in cases {
        let a = article(&corpus, prefix);
        assert!(has_figure(a, value, &unit), "sample {prefix}: {value} {unit} not in {:?}", a.figures);
    }
    let years =
        article(&corpus, "002").figures.iter().filter(|f| f.value == 2023.0 || f.value == 2015.0).count();
    assert_eq!(years, 0, "years are not figures");
}

#[test]
fn topics() {
    let corpus = samples();
    let cases: [(&str, &[Topic]); 5] = [
        ("000", &[Topic::SovereignAi]),
        ("001", &[Topic::ExportControls]),
        ("002", &[Topic::RAndD]),
        ("003", &[Topic::Supercomputer, Topic::PublicFunding]),
        ("004", &[Topic::ChipSupply]),
    ];
    for (prefix, expected) in cases {
        let a = article(&corpus, prefix);
        for topic in expected {
            assert!(a.topics.contains(topic), "sample {prefix}: {topic} not in {:?}", a.topics);
        }
    }
}

#[test]
fn organisations() {
    let corpus = samples();
    let cases: [(&str, &[&str], &[&str]); 5] = [
        ("000", &["Nvidia", "Bitcoin Office"], &["Lettre", "Intelligence"]),
        ("001", &["Nvidia", "AMD"], &["Jensen Huang", "Donald Trump", "H20", "MI308"]),
        ("002", &["Viettel", "FPT Smart Cloud", "FPT", "VinBrain", "Vingroup"], &["Jensen Huang"]),
        ("003", &["Nvidia"], &["CES", "DGX", "Dirk Beljaarts"]),
        ("004", &["Samsung", "Hyundai", "SK Group", "AFP"], &[]),
    ];
    for (prefix, present, absent) in cases {
        let orgs = &article(&corpus, prefix).organisations;
        for name in present {
            assert!(orgs.iter().any(|o| o == name), "sample {prefix}: {name} not in {orgs:?}");
        }
        for name in absent {
            assert!(!orgs.iter().any(|o| o == name), "sample {prefix}: {name} wrongly in {orgs:?}");
        }
    }
}

#[test]
fn structure_of_the_salvador_and_netherlands_samples() {
    let corpus = samples();
    let salvador = article(&corpus, "000");
    let summary = salvador.summary.as_deref().expect("El Salvador summary");
    assert!(summary.starts_with("L’accord entre El Salvador et Nvidia"), "{summary}");
    assert!(!salvador.paragraphs.iter().any(|p| p.text.starts_with("Résumé")));
    let headings: Vec<&str> = salvador
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Heading)
        .map(|p| p.text.as_str())
        .collect();
    for expected in [
        "Nvidia regarde au-delà des tensions de l’USA-China",
        "Une vision prospective",
        "Une alliance visant loin",
    ] {
        assert!(headings.contains(&expected), "{expected} not in {headings:?}");
    }
    let netherlands = article(&corpus, "003");
    let last = netherlands.paragraphs.last().unwrap();
    assert!(!last.text.contains("Laisser un commentaire"));
    assert!(last.text.starts_with("Cette alliance avec Nvidia"), "{}", last.text);
}
