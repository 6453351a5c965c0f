//! The embedded samples' facts, as the corpus issue states them.

use dealscope::corpus::ingest::load_corpus;
use dealscope::corpus::{Article, Corpus, ParagraphKind, Topic, Unit};

fn samples() -> Corpus {
    let (corpus, warnings) = load_corpus(&[], &Default::default()).unwrap();
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
    assert!(salvador.paragraphs.first().unwrap().text.starts_with("Le Salvador fait un pas décisif"));
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
    let headings: Vec<&str> =
        salvador.paragraphs.iter().filter(|p| p.kind == ParagraphKind::Heading).map(|p| p.text).collect();
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

// --- Deals (the deals issue's done-means on the samples) ---

use dealscope::model::{Deal, DealKind, DealStatus, OrgRole};

fn deals_of<'c>(corpus: &'c Corpus, prefix: &str) -> &'c [std::sync::Arc<Deal>] {
    &article(corpus, prefix).deals
}

fn amounts(deals: &[std::sync::Arc<Deal>]) -> Vec<f64> {
    deals.iter().filter_map(|d| d.amount.as_ref().map(|a| a.value)).collect()
}

fn has_org(deal: &Deal, name: &str, role: OrgRole) -> bool {
    deal.organisations.iter().any(|o| o.name.to_lowercase().contains(&name.to_lowercase()) && o.role == role)
}

#[test]
fn el_salvador_one_partnership_under_a_letter_of_intent() {
    let corpus = samples();
    let deals = deals_of(&corpus, "000");
    assert_eq!(deals.len(), 1, "{deals:#?}");
    let deal = &deals[0];
    assert_eq!(deal.kind, DealKind::Partnership);
    assert_eq!(deal.status, DealStatus::Mou);
    assert_eq!(deal.country.as_ref().unwrap().code, "SV");
    assert!(has_org(deal, "Bitcoin Office", OrgRole::Host), "{:?}", deal.organisations);
    assert!(deal.amount.is_none(), "the $5.5B is a loss, the 174 % a stock move");
}

#[test]
fn china_export_licence_for_h20_approved() {
    let corpus = samples();
    let deals = deals_of(&corpus, "001");
    assert_eq!(deals.len(), 1, "{deals:#?}");
    let deal = &deals[0];
    assert_eq!(deal.kind, DealKind::ExportControl);
    assert_eq!(deal.status, DealStatus::Approved);
    assert_eq!(deal.country.as_ref().unwrap().code, "CN");
    assert_eq!(deal.chips.as_ref().and_then(|c| c.model.as_deref()), Some("H20"));
    assert!(deal.amount.is_none(), "the $5.5B is what the ban could have cost");
}

#[test]
fn vietnam_research_centre_acquisition_and_ai_factory() {
    let corpus = samples();
    let deals = deals_of(&corpus, "002");
    let kinds: Vec<DealKind> = deals.iter().map(|d| d.kind).collect();
    assert_eq!(deals[0].kind, DealKind::RAndD, "the lead's deal is the main one: {kinds:?}");
    let acquisition = deals.iter().find(|d| d.kind == DealKind::Acquisition).expect("VinBrain");
    assert!(has_org(acquisition, "VinBrain", OrgRole::Host), "{:?}", acquisition.organisations);
    let factory = deals.iter().find(|d| d.kind == DealKind::DataCentre).expect("FPT's AI factory");
    assert!(factory.organisations.iter().any(|o| o.name.starts_with("FPT")));
    assert_eq!(factory.status, DealStatus::Announced);
    let amount = factory.amount.as_ref().expect("$200M");
    assert_eq!((amount.value, amount.currency.as_str()), (2e8, "USD"));
    assert_eq!(amount.usd, Some(2e8));
    for value in amounts(deals) {
        assert!(value != 263e9 && value != 31e9, "a market size taken as a deal amount");
    }
    assert!(deals.iter().all(|d| d.country.as_ref().is_some_and(|c| c.code == "VN")));
}

#[test]
fn netherlands_supercomputer_funded_with_204_5_million_euros() {
    let corpus = samples();
    let deals = deals_of(&corpus, "003");
    assert_eq!(deals.len(), 1, "{deals:#?}");
    let deal = &deals[0];
    assert_eq!(deal.kind, DealKind::Supercomputer);
    let amount = deal.amount.as_ref().unwrap();
    assert_eq!((amount.value, amount.currency.as_str()), (204.5e6, "EUR"));
    assert!(amount.usd.is_some_and(|usd| usd > 2e8 && usd < 2.5e8), "{amount:?}");
    assert!(deal.chips.is_none(), "the 1,528 GPUs are Denmark's Gefion");
}

#[test]
fn south_korea_260000_chips_for_samsung_hyundai_and_sk() {
    let corpus = samples();
    let deals = deals_of(&corpus, "004");
    assert_eq!(deals.len(), 1, "{deals:#?}");
    let deal = &deals[0];
    assert_eq!(deal.kind, DealKind::ChipSupply);
    assert_eq!(deal.status, DealStatus::Announced);
    assert_eq!(deal.chips.as_ref().and_then(|c| c.count), Some(260_000));
    for host in ["Samsung", "Hyundai", "SK Group"] {
        assert!(has_org(deal, host, OrgRole::Host), "{host}: {:?}", deal.organisations);
    }
    assert!(has_org(deal, "Nvidia", OrgRole::Supplier));
}

#[test]
fn headlines_are_deal_figures_never_markets_or_losses() {
    let corpus = samples();
    let headline = |prefix: &str| article(&corpus, prefix).headline().map(|h| (h.value, h.unit.to_string()));
    assert_eq!(headline("003"), Some((204.5e6, "EUR".to_string())));
    assert_eq!(headline("004"), Some((260_000.0, "chips".to_string())));
    assert_eq!(headline("000"), None);
    assert_eq!(headline("001"), None);
    // Vietnam's main deal (the R&D centre) has no figure; its $263B market stays an article figure.
    assert_eq!(headline("002"), None);
    assert!(has_figure(article(&corpus, "002"), 263e9, &Unit::Currency("USD".into())));
}

#[test]
fn primary_country_is_the_main_deals_host() {
    let corpus = samples();
    for a in corpus.articles() {
        let host = a.deals.first().and_then(|d| d.country.as_ref()).map(|c| &c.code);
        assert_eq!(a.primary_country.as_ref().map(|c| &c.code), host, "{}", a.id);
    }
}
