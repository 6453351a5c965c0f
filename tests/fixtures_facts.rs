//! Facts extracted from the hand-written articles in `tests/fixtures/`,
//! checked against what a careful reader takes from each one. Every fixture
//! has its own test; a failing test lists every wrong fact of that fixture.

use dealscope::corpus::load::{DEFAULT_MAX_FILE_BYTES, file_stem, read_file};
use dealscope::corpus::parse::parse_article;
use dealscope::corpus::{Article, Language, ParagraphKind, Topic, Unit};
use std::path::{Path, PathBuf};

/// The unit a figure must carry (`Unit` holds a `String`, so not const).
#[derive(Debug, Clone, Copy)]
enum U {
    Cur(&'static str),
    Chips,
    Gpus,
    Pct,
    Mw,
    Other,
}

impl U {
    fn matches(self, unit: &Unit) -> bool {
        match (self, unit) {
            (U::Cur(code), Unit::Currency(got)) => got == code,
            (U::Chips, Unit::Chips)
            | (U::Gpus, Unit::Gpus)
            | (U::Pct, Unit::Percent)
            | (U::Mw, Unit::Megawatts)
            | (U::Other, Unit::Other) => true,
            _ => false,
        }
    }
}

#[derive(Clone, Copy)]
struct Expect {
    file: &'static str,
    title: &'static str,
    date: Option<&'static str>,
    language: Language,
    primary: Option<&'static str>,
    /// ISO codes that must be among the mentioned countries.
    countries: &'static [&'static str],
    /// ISO codes that must not be: traps ("machine", "indemnité", cities).
    not_countries: &'static [&'static str],
    /// Organisations that must be found; `A|B` accepts either spelling.
    orgs: &'static [&'static str],
    /// No organisation may contain this (people, places, products, events).
    not_orgs: &'static [&'static str],
    topics: &'static [&'static str],
    not_topics: &'static [&'static str],
    figures: &'static [(f64, U)],
    /// No figure of any unit may have this value (years, product numbers, tickers).
    not_figure_values: &'static [f64],
    /// `Some(prefix)`: the summary starts with it. `None`: no summary.
    summary: Option<&'static str>,
    /// All subheadings, in order.
    headings: &'static [&'static str],
    first_paragraph: &'static str,
    last_paragraph: &'static str,
}

const BASE: Expect = Expect {
    file: "",
    title: "",
    date: None,
    language: Language::Fr,
    primary: None,
    countries: &[],
    not_countries: &[],
    orgs: &[],
    not_orgs: &[],
    topics: &[],
    not_topics: &[],
    figures: &[],
    not_figure_values: &[],
    summary: None,
    headings: &[],
    first_paragraph: "",
    last_paragraph: "",
};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

fn load(file: &str) -> Article {
    let path = fixtures_dir().join(file);
    let decoded = read_file(&path, DEFAULT_MAX_FILE_BYTES).unwrap_or_else(|skip| panic!("{file}: {skip}"));
    assert!(!decoded.lossy, "{file}: decoded lossily");
    parse_article(&file_stem(&path), &path.display().to_string(), &decoded.text)
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-6 * a.abs().max(b.abs())
}

fn check(e: &Expect) {
    let a = load(e.file);
    let mut fails: Vec<String> = Vec::new();
    let mut fail = |field: &str, expected: String, got: String| {
        fails.push(format!("{field}: expected {expected}, got {got}"));
    };

    if a.title != e.title {
        fail("title", format!("{:?}", e.title), format!("{:?}", a.title));
    }
    if a.date.as_deref() != e.date {
        fail("date", format!("{:?}", e.date), format!("{:?}", a.date));
    }
    if a.language != e.language {
        fail("language", format!("{:?}", e.language), format!("{:?}", a.language));
    }

    let primary = a.primary_country.as_ref().map(|c| c.code.as_str());
    if primary != e.primary {
        fail("primary_country", format!("{:?}", e.primary), format!("{primary:?}"));
    }
    let codes: Vec<&str> = a.countries.iter().map(|c| c.code.as_str()).collect();
    for code in e.countries {
        if !codes.contains(code) {
            fail("countries", format!("{code} present"), format!("{codes:?}"));
        }
    }
    for code in e.not_countries {
        if codes.contains(code) {
            fail("countries", format!("{code} absent"), format!("{codes:?}"));
        }
    }

    for org in e.orgs {
        let found = org.split('|').any(|alt| a.organisations.iter().any(|o| o.eq_ignore_ascii_case(alt)));
        if !found {
            fail("organisations", format!("{org} present"), format!("{:?}", a.organisations));
        }
    }
    for bad in e.not_orgs {
        let bad_lower = bad.to_lowercase();
        if let Some(o) = a.organisations.iter().find(|o| o.to_lowercase().contains(&bad_lower)) {
            fail(
                "organisations",
                format!("nothing containing {bad:?}"),
                format!("{o:?} in {:?}", a.organisations),
            );
        }
    }

    let slugs: Vec<&str> = a.topics.iter().map(|t| t.slug()).collect();
    for slug in e.topics {
        let topic = Topic::from_slug(slug).unwrap_or_else(|| panic!("unknown topic slug {slug}"));
        if !a.topics.contains(&topic) {
            fail("topics", format!("{slug} present"), format!("{slugs:?}"));
        }
    }
    for slug in e.not_topics {
        let topic = Topic::from_slug(slug).unwrap_or_else(|| panic!("unknown topic slug {slug}"));
        if a.topics.contains(&topic) {
            fail("topics", format!("{slug} absent"), format!("{slugs:?}"));
        }
    }

    let figures: Vec<String> =
        a.figures.iter().map(|f| format!("{} = {} {}", f.text, f.value, f.unit)).collect();
    for &(value, unit) in e.figures {
        if !a.figures.iter().any(|f| close(f.value, value) && unit.matches(&f.unit)) {
            fail("figures", format!("{value} {unit:?}"), format!("{figures:?}"));
        }
    }
    for &value in e.not_figure_values {
        if let Some(f) = a.figures.iter().find(|f| close(f.value, value)) {
            fail(
                "figures",
                format!("no figure of value {value}"),
                format!("{:?} = {} {}", f.text, f.value, f.unit),
            );
        }
    }

    match (e.summary, a.summary.as_deref()) {
        (None, None) => {}
        (Some(prefix), Some(got)) if got.starts_with(prefix) => {}
        (expected, got) => fail("summary", format!("{expected:?}…"), format!("{got:?}")),
    }

    let headings: Vec<&str> =
        a.paragraphs.iter().filter(|p| p.kind == ParagraphKind::Heading).map(|p| p.text).collect();
    if headings != e.headings {
        fail("headings", format!("{:?}", e.headings), format!("{headings:?}"));
    }
    let first = a.paragraphs.first().map(|p| p.text).unwrap_or("");
    if !first.starts_with(e.first_paragraph) {
        fail("first paragraph", format!("starts with {:?}", e.first_paragraph), format!("{first:?}"));
    }
    let last = a.paragraphs.last().map(|p| p.text).unwrap_or("");
    if !last.starts_with(e.last_paragraph) {
        fail("last paragraph", format!("starts with {:?}", e.last_paragraph), format!("{last:?}"));
    }

    assert!(fails.is_empty(), "{}:\n  {}", e.file, fails.join("\n  "));
}

const SAUDI: Expect = Expect {
    file: "en_saudi_humain_chips.txt",
    title: "Nvidia to ship 18,000 AI chips to Saudi Arabia's Humain",
    date: Some("2025-05-13"),
    language: Language::En,
    primary: Some("SA"),
    countries: &["SA", "US", "AE"],
    not_countries: &["CN"],
    orgs: &["Nvidia", "Humain", "Public Investment Fund", "AMD", "Qualcomm"],
    not_orgs: &[
        "Jensen",
        "Huang",
        "Mohammed bin Salman",
        "Riyadh",
        "GB300",
        "Grace Blackwell",
        "Vision 2030",
    ],
    topics: &["sovereign-ai", "chip-supply", "data-centre", "export-controls", "investment"],
    figures: &[(18_000.0, U::Chips), (500.0, U::Mw), (1_900.0, U::Mw), (10e9, U::Cur("USD"))],
    not_figure_values: &[2023.0, 2030.0],
    summary: None,
    headings: &["A sovereign AI champion", "Export licences from Washington"],
    first_paragraph: "Nvidia will supply Saudi Arabia with 18,000 chips",
    last_paragraph: "The agreement makes Saudi Arabia one of the largest buyers",
    ..BASE
};

const EMIRATES: Expect = Expect {
    file: "fr_emirats_date_prefix_nbsp.txt",
    title: "Les Émirats arabes unis lancent un campus d’IA de 5 GW avec Nvidia",
    date: Some("2025-05"),
    language: Language::Fr,
    primary: Some("AE"),
    countries: &["AE", "US", "CN"],
    not_countries: &["SA"],
    orgs: &["G42", "OpenAI", "Oracle", "Cisco", "SoftBank", "MGX", "Nvidia"],
    not_orgs: &["Abou Dhabi", "Blackwell", "Washington"],
    topics: &["data-centre", "export-controls", "chip-supply"],
    figures: &[
        (5_000.0, U::Mw),
        (1_000.0, U::Mw),
        (500_000.0, U::Chips),
        (260_000.0, U::Chips),
        (15.0, U::Pct),
    ],
    not_figure_values: &[2023.0, 2026.0, 2027.0, 260.0, 500.0],
    summary: None,
    headings: &["Des licences d’exportation sous conditions", "Un pari à plusieurs milliards"],
    first_paragraph: "Les Émirats arabes unis ont dévoilé jeudi à Abou Dhabi",
    last_paragraph: "Le fonds MGX, qui participe au financement",
    ..BASE
};

const INDIA_CRLF: Expect = Expect {
    file: "fr_crlf_inde_supercalculateur.txt",
    title: "L’Inde commande des milliers de GPU Nvidia pour ses supercalculateurs",
    date: None,
    language: Language::Fr,
    primary: Some("IN"),
    countries: &["IN"],
    // "machines" contains "Chine".
    not_countries: &["CN", "US"],
    orgs: &["Nvidia", "Reliance Industries|Reliance", "Tata Communications", "Sarvam AI", "Krutrim"],
    not_orgs: &[
        "Jensen",
        "Mukesh Ambani",
        "Hopper",
        "Blackwell",
        "Jamnagar",
        "Gujarat",
        "Bombay",
        "Claire Fontaine",
    ],
    topics: &["supercomputer", "data-centre", "sovereign-ai", "public-funding", "cloud"],
    figures: &[(1.2e9, U::Cur("USD")), (16_000.0, U::Gpus), (1_000.0, U::Mw), (20.0, U::Pct)],
    not_figure_values: &[2030.0],
    summary: None,
    headings: &["Reliance et Tata en première ligne", "Une ambition régionale"],
    first_paragraph: "Le gouvernement indien a retenu Nvidia",
    last_paragraph: "Les start-up Sarvam AI et Krutrim",
    ..BASE
};

const JAPAN_EN: Expect = Expect {
    file: "en_japan_softbank_in_brief.txt",
    title: "SoftBank switches on Japan's largest AI supercomputer with Nvidia",
    date: None,
    language: Language::En,
    primary: Some("JP"),
    countries: &["JP"],
    not_countries: &["CN", "US"],
    orgs: &["SoftBank Corp|SoftBank", "Nvidia", "KDDI", "Sharp"],
    not_orgs: &["Jensen", "Blackwell", "RAN", "LCD", "Osaka", "Sakai", "Tokyo", "Kenji Watanabe"],
    topics: &["supercomputer", "telecom", "cloud", "data-centre", "public-funding"],
    figures: &[(10_000.0, U::Gpus), (15.0, U::Pct), (6.0, U::Other)],
    // "5G" is a network generation, not a figure.
    not_figure_values: &[2023.0, 5.0],
    summary: Some("SoftBank's new system gives Japan a domestic AI supercomputer"),
    headings: &["Telecom networks as AI platforms", "Tokyo's push for compute"],
    first_paragraph: "SoftBank Corp has brought online",
    last_paragraph: "Jensen Huang, who presented the project",
    ..BASE
};

const JAPAN_MD: Expect = Expect {
    file: "fr_japon_billion_yens.md",
    title: "Le Japon débloque 10 billions de yens pour les semi-conducteurs et l’IA",
    date: Some("2025-03-03"),
    language: Language::Fr,
    primary: Some("JP"),
    countries: &["JP", "TW"],
    not_countries: &["CN"],
    orgs: &["Nvidia", "Rapidus", "Toyota", "Sony", "NTT", "Sakura Internet", "KDDI", "AIST"],
    not_orgs: &["Shigeru Ishiba", "Hokkaido", "H200", "ABCI", "Chitose"],
    topics: &["chip-supply", "public-funding", "supercomputer"],
    // French "billion" is 10^12.
    figures: &[(1e13, U::Cur("JPY")), (65e9, U::Cur("USD")), (6_000.0, U::Gpus), (10.0, U::Pct)],
    not_figure_values: &[2030.0, 1980.0, 1e10],
    summary: None,
    headings: &["Rapidus au cœur du dispositif", "Des GPU pour les laboratoires publics"],
    first_paragraph: "Le gouvernement japonais a confirmé un plan",
    last_paragraph: "Selon les analystes, la part du Japon",
    ..BASE
};

const FRANCE: Expect = Expect {
    file: "fr_france_mistral_publie_le.txt",
    title: "Mistral AI et Nvidia construisent un campus de calcul de 1,4 GW en Essonne",
    date: Some("2025-06-11"),
    language: Language::Fr,
    primary: Some("FR"),
    countries: &["FR"],
    // "machine" contains "Chine", "indemnité" contains "Inde".
    not_countries: &["CN", "IN"],
    orgs: &["Mistral AI", "Nvidia", "MGX", "Bpifrance", "RTE"],
    not_orgs: &[
        "NVDA",
        "Macron",
        "Jensen",
        "Arthur Mensch",
        "VivaTech",
        "Grace Blackwell",
        "Essonne",
        "Julien Marchand",
    ],
    topics: &["sovereign-ai", "data-centre", "cloud", "public-funding"],
    figures: &[(18_000.0, U::Chips), (1_400.0, U::Mw), (204.5e6, U::Cur("EUR"))],
    // "France 2030" is a plan's name; "+2,4 %" is a stock ticker line.
    not_figure_values: &[2030.0, 2026.0, 2.4],
    summary: Some("Mistral AI, soutenue par Nvidia et l’État"),
    headings: &["Un cloud souverain pour les entreprises européennes", "Des aides publiques ciblées"],
    first_paragraph: "Mistral AI va déployer 18 000 puces",
    last_paragraph: "Les modèles d’apprentissage machine",
    ..BASE
};

const GERMANY: Expect = Expect {
    file: "fr_allemagne_baviere_18000_puces.txt",
    title: "Deutsche Telekom et Nvidia lancent un cloud industriel de 18.000 puces en Bavière",
    date: None,
    language: Language::Fr,
    primary: Some("DE"),
    countries: &["DE", "US"],
    not_countries: &["CN"],
    orgs: &["Deutsche Telekom", "Nvidia", "BMW", "Mercedes-Benz", "Siemens", "Agile Robots"],
    not_orgs: &["Friedrich Merz", "Jensen", "GTC", "VivaTech", "Blackwell", "Bavière", "Munich"],
    topics: &["cloud", "automotive", "robotics", "data-centre", "investment"],
    figures: &[(1e9, U::Cur("EUR")), (18_000.0, U::Chips), (20e9, U::Cur("EUR")), (30.0, U::Pct)],
    not_figure_values: &[2026.0, 18.0],
    summary: Some("Deutsche Telekom et Nvidia investissent 1 Md€"),
    headings: &["L’automobile et la robotique en tête", "Une gigafactory européenne en vue"],
    first_paragraph: "Deutsche Telekom et Nvidia vont construire à Munich",
    last_paragraph: "Berlin espère aussi accueillir",
    ..BASE
};

const UK_BOM: Expect = Expect {
    file: "fr_royaume_uni_bom.txt",
    title: "Le Royaume-Uni mise 2 MdGBP sur le calcul souverain avec Nvidia",
    date: Some("2025-09-16"),
    language: Language::Fr,
    primary: Some("GB"),
    countries: &["GB"],
    not_countries: &["CN"],
    orgs: &["Nvidia", "Nscale", "Microsoft", "OpenAI", "DeepMind", "Google"],
    not_orgs: &["Keir Starmer", "Jensen", "Peter Kyle", "Isambard", "Loughton", "Londres"],
    topics: &["sovereign-ai", "data-centre", "public-funding", "investment"],
    figures: &[
        (2e9, U::Cur("GBP")),
        (120_000.0, U::Gpus),
        (50.0, U::Mw),
        (31e9, U::Cur("GBP")),
        (15.0, U::Pct),
    ],
    not_figure_values: &[2026.0],
    summary: None,
    headings: &["Le nord de l’Angleterre privilégié", "Des capitaux venus d’outre-Atlantique"],
    first_paragraph: "Le gouvernement britannique a annoncé",
    last_paragraph: "Cette annonce accompagne un accord technologique",
    ..BASE
};

const TAIWAN: Expect = Expect {
    file: "en_taiwan_foxconn_computex.txt",
    title: "Foxconn and Nvidia to build Taiwan AI supercomputer with 10,000 Blackwell GPUs",
    date: Some("2025-05-19"),
    language: Language::En,
    primary: Some("TW"),
    countries: &["TW", "US"],
    not_countries: &["CN"],
    orgs: &["Foxconn", "Nvidia", "TSMC", "National Science and Technology Council"],
    not_orgs: &[
        "Jensen",
        "Computex",
        "Silicon Valley",
        "Santa Clara",
        "Omniverse",
        "Isaac",
        "Blackwell",
        "Kaohsiung",
        "Taipei",
    ],
    topics: &["supercomputer", "robotics"],
    figures: &[(10_000.0, U::Gpus), (100.0, U::Mw), (60.0, U::Pct), (15.0, U::Pct)],
    // "4 min read" is page furniture in the dateline.
    not_figure_values: &[2025.0, 4.0],
    summary: None,
    headings: &["Robots on the factory floor", "Supply chain concentration"],
    first_paragraph: "Foxconn, the world's largest contract electronics maker",
    last_paragraph: "Taiwan manufactures the vast majority",
    ..BASE
};

const INDONESIA: Expect = Expect {
    file: "fr_indonesie_lead_menu.txt",
    title: "L’Indonésie et Nvidia ont signé un accord pour bâtir une infrastructure nationale d’IA à Surakarta, sur l’île de Java",
    date: None,
    language: Language::Fr,
    primary: Some("ID"),
    countries: &["ID", "SG"],
    // Hanoï and Kuala Lumpur are cities; Asie du Sud-Est is a region.
    not_countries: &["VN", "MY"],
    orgs: &["Indosat Ooredoo Hutchison|Indosat", "Nvidia"],
    not_orgs: &["Budi Arie", "Surakarta", "Java", "Hanoï", "Asie du Sud-Est", "Kuala Lumpur"],
    topics: &["sovereign-ai", "data-centre", "telecom", "cloud", "investment"],
    figures: &[(200e6, U::Cur("USD")), (20.0, U::Mw), (100.0, U::Mw), (10.0, U::Pct)],
    not_figure_values: &[2026.0, 2027.0, 2030.0],
    summary: None,
    headings: &["Un marché jeune et connecté"],
    first_paragraph: "L’Indonésie et Nvidia ont signé un accord",
    last_paragraph: "L’opérateur télécom compte aussi former",
    ..BASE
};

const MOROCCO: Expect = Expect {
    file: "fr_maroc_datacentre_dateline.txt",
    title: "Le Maroc accueillera un centre de données d’IA de 500 MW à Dakhla",
    date: Some("2025-09-19"),
    language: Language::Fr,
    primary: Some("MA"),
    countries: &["MA", "GB", "ES"],
    // "indemnité" contains "Inde"; Kenya and Nigeria are only in a "read also" link.
    not_countries: &["IN", "KE", "NG"],
    orgs: &["Nvidia", "Iozera"],
    not_orgs: &["Amal El Fallah", "Dakhla", "DGX"],
    topics: &["data-centre", "investment"],
    // Dirhams in a Moroccan article are Moroccan dirhams.
    figures: &[(500.0, U::Mw), (5.5e9, U::Cur("USD")), (100.0, U::Mw), (40e9, U::Cur("MAD"))],
    not_figure_values: &[2026.0, 2030.0, 16.0, 30.0],
    summary: Some("Nvidia et Iozera construiront à Dakhla"),
    headings: &["Un câble vers l’Europe", "Une ambition continentale"],
    first_paragraph: "Le Maroc a signé un protocole d’accord",
    last_paragraph: "Le royaume, qui a lancé la stratégie",
    ..BASE
};

const USA: Expect = Expect {
    file: "en_us_gtc_manufacturing.txt",
    title: "Nvidia pledges US$300 billion of American-made AI infrastructure",
    date: Some("2025-03-18"),
    language: Language::En,
    primary: Some("US"),
    countries: &["US", "TW", "MX"],
    not_countries: &["CN"],
    orgs: &["Nvidia", "TSMC", "Foxconn", "Wistron", "Amkor", "SPIL"],
    not_orgs: &[
        "NVDA",
        "Jensen",
        "GTC",
        "Blackwell",
        "Trump",
        "Wall Street",
        "Santa Clara",
        "San Jose",
        "Arizona",
        "Texas",
    ],
    topics: &["chip-supply", "supercomputer", "investment"],
    figures: &[(300e9, U::Cur("USD")), (40.0, U::Pct), (3.1, U::Pct)],
    not_figure_values: &[2024.0, 2025.0],
    summary: Some("Nvidia will build up to US$300 billion of AI supercomputers"),
    headings: &["Chips from Arizona, servers from Texas", "Jobs and data centres"],
    first_paragraph: "Nvidia said it would produce up to US$300 billion",
    last_paragraph: "Shares of the Santa Clara company",
    ..BASE
};

const ISRAEL: Expect = Expect {
    file: "en_israel_acquisition_dateline.txt",
    title: "Nvidia to buy Israeli AI networking start-up Nexora for $5.5 billion",
    date: Some("2025-08-25"),
    language: Language::En,
    primary: Some("IL"),
    countries: &["IL", "US", "CN"],
    orgs: &["Nvidia", "Nexora", "Mellanox", "Intel Capital", "Pitango"],
    not_orgs: &["Jensen", "Yokneam", "Kiryat Tivon", "Tel Aviv", "Run:ai"],
    topics: &["acquisition", "r-and-d"],
    figures: &[(5.5e9, U::Cur("USD")), (80e6, U::Cur("USD")), (5_000.0, U::Other)],
    not_figure_values: &[2020.0, 2023.0],
    summary: None,
    headings: &["Nvidia's biggest research base abroad"],
    first_paragraph: "Nvidia has agreed to acquire Nexora",
    last_paragraph: "Israeli officials welcomed the deal",
    ..BASE
};

const SPAIN: Expect = Expect {
    file: "en_spain_bsc_eur80m.txt",
    title: "Spain's MareNostrum 5 gets €80 million AI upgrade with Nvidia",
    date: None,
    language: Language::En,
    primary: Some("ES"),
    countries: &["ES", "FI", "DE", "IT", "LU", "US", "CN"],
    orgs: &[
        "Barcelona Supercomputing Center",
        "Nvidia",
        "EuroHPC Joint Undertaking|EuroHPC",
        "Polytechnic University of Catalonia",
    ],
    not_orgs: &["MareNostrum", "Hopper", "ALIA", "Brussels"],
    topics: &["supercomputer", "public-funding", "r-and-d"],
    figures: &[(80e6, U::Cur("EUR")), (1_528.0, U::Gpus), (40.0, U::Pct), (20.0, U::Mw)],
    // The 5 of "MareNostrum 5" names a machine.
    not_figure_values: &[5.0, 1.528],
    summary: None,
    headings: &["Models in Catalan and Basque", "Part of a European network"],
    first_paragraph: "The Barcelona Supercomputing Center will spend",
    last_paragraph: "The science ministry said the upgrade",
    ..BASE
};

const SINGAPORE: Expect = Expect {
    file: "en_singapore_singtel_cloud.txt",
    title: "Singtel opens Nvidia-powered GPU cloud for Southeast Asia",
    date: Some("2025-02-03"),
    language: Language::En,
    primary: Some("SG"),
    countries: &["SG", "MY", "ID"],
    not_countries: &["CN", "US"],
    orgs: &["Singtel", "Nvidia", "Nxera", "Infocomm Media Development Authority"],
    not_orgs: &["Tuas", "Johor", "Batam", "H100", "Blackwell", "Southeast Asia"],
    topics: &["cloud", "telecom", "data-centre", "public-funding"],
    figures: &[(2_048.0, U::Gpus), (200.0, U::Mw), (500e6, U::Cur("SGD")), (18.0, U::Pct)],
    not_figure_values: &[2028.0, 100.0],
    summary: None,
    headings: &["A regional network of AI factories"],
    first_paragraph: "Singtel has launched a GPU-as-a-service platform",
    last_paragraph: "Nvidia generated about 18 percent",
    ..BASE
};

const BRAZIL: Expect = Expect {
    file: "fr_bresil_supercalculateur_lncc.txt",
    title: "Le Brésil mise sur Nvidia pour un réseau national de calcul en IA",
    date: Some("2025-07-30"),
    language: Language::Fr,
    primary: Some("BR"),
    countries: &["BR", "AR", "CL", "CN"],
    not_countries: &["US"],
    orgs: &["Nvidia", "Petrobras", "Embraer", "TIM Brasil"],
    not_orgs: &["Lula", "Petrópolis", "Fortaleza", "Nordeste", "Rio de Janeiro", "Californie"],
    topics: &["supercomputer", "data-centre", "public-funding"],
    figures: &[(1e9, U::Cur("USD")), (1_200.0, U::Mw), (85.0, U::Pct)],
    not_figure_values: &[1.2],
    summary: None,
    headings: &["Petrobras et Embraer parmi les utilisateurs", "Une énergie verte abondante"],
    first_paragraph: "Le Brésil va investir un milliard de dollars",
    last_paragraph: "Nvidia, dont le siège se trouve en Californie",
    ..BASE
};

// Wire copy: the "TOKYO, March 3 (Reuters) -" dateline is taken off the
// first paragraph; without a year it gives no date. The agency credit and
// the "(Reporting by ...)" line are furniture.
const WIRE_TOKYO: Expect = Expect {
    file: "en_wire_tokyo_kddi_yen.txt",
    title: "KDDI to spend ¥1 trillion on AI data centres with Nvidia",
    date: None,
    language: Language::En,
    primary: Some("JP"),
    countries: &["JP", "US"],
    not_countries: &["CN"],
    // The wire credit names the agency: an organisation of the article (#13).
    orgs: &["KDDI", "Nvidia", "Sharp", "Sakura Internet", "Amazon", "Microsoft", "Reuters"],
    not_orgs: &["Kentaro", "Jacqueline", "Sakai", "Osaka", "Tokyo", "Blackwell"],
    topics: &["data-centre", "cloud", "telecom", "public-funding", "investment"],
    figures: &[
        (1e12, U::Cur("JPY")),
        (6.7e9, U::Cur("USD")),
        (10_000.0, U::Gpus),
        (150.0, U::Mw),
        (2.1, U::Pct),
    ],
    not_figure_values: &[2026.0, 3.0],
    summary: None,
    headings: &[],
    first_paragraph: "Japanese telecom operator KDDI said on Monday",
    last_paragraph: "The government has earmarked subsidies",
    ..BASE
};

// French wire copy with a year in the dateline: that is the article's date.
const WIRE_ITALY: Expect = Expect {
    file: "fr_wire_italie_fastweb_fourchette.txt",
    title: "Italie : Fastweb et Nvidia vont bâtir une « usine d'IA » près de Milan",
    date: Some("2025-03-12"),
    language: Language::Fr,
    primary: Some("IT"),
    countries: &["IT", "CH"],
    orgs: &["Fastweb", "Nvidia", "Swisscom", "CINECA", "Reuters"],
    not_orgs: &["Elvira", "Blandine", "Claude Chendjou", "Leonardo", "Lombardie", "Milan", "Bologne"],
    topics: &["data-centre", "investment"],
    not_topics: &["export-controls"],
    figures: &[(300.0, U::Mw), (1e9, U::Cur("EUR")), (2e9, U::Cur("EUR")), (12.5, U::Pct)],
    not_figure_values: &[2025.0, 12.0],
    summary: None,
    headings: &[],
    first_paragraph: "L'opérateur italien Fastweb a annoncé mercredi",
    last_paragraph: "Rome a fait de l'intelligence artificielle",
    ..BASE
};

// A blog page: breadcrumb, reading time, "Par X, le DATE" byline, photo
// credits inside the body, related links, newsletter box and copyright.
const BLOG_POLAND: Expect = Expect {
    file: "fr_blog_pologne_fil_ariane.txt",
    title: "La Pologne s'offre 50 000 puces H100 pour son cloud souverain",
    date: Some("2025-02-04"),
    language: Language::Fr,
    primary: Some("PL"),
    countries: &["PL", "DE", "CZ"],
    orgs: &["Nvidia", "Cyfronet"],
    not_orgs: &["Marie Dupont", "AFP", "Shutterstock", "TechActu", "Varsovie", "Cracovie", "H100"],
    topics: &["sovereign-ai", "cloud", "chip-supply", "public-funding"],
    figures: &[(50_000.0, U::Chips), (1.2e9, U::Cur("PLN"))],
    not_figure_values: &[4.0, 2025.0, 9.0, 12.0],
    summary: None,
    headings: &["Un pari sur les modèles en polonais"],
    first_paragraph: "Varsovie a signé avec Nvidia",
    last_paragraph: "L'Allemagne et la République tchèque suivent",
    ..BASE
};

// Kicker above the headline, a standfirst (kept as the first paragraph),
// "Updated 2 hours ago", share buttons and an ad slot mid-body.
const CANADA: Expect = Expect {
    file: "en_analysis_canada_kicker_share.txt",
    title: "Canada bets C$2 billion that homegrown AI compute can keep its talent at home",
    date: None,
    language: Language::En,
    primary: Some("CA"),
    countries: &["CA", "GB", "US"],
    orgs: &["Nvidia", "Cohere", "Hydro-Québec"],
    not_orgs: &["Ottawa", "Toronto", "Montreal", "Ontario", "G7", "London", "ANALYSIS"],
    topics: &["sovereign-ai", "supercomputer", "data-centre", "public-funding"],
    figures: &[(2e9, U::Cur("CAD")), (700e6, U::Cur("CAD")), (500e6, U::Cur("GBP")), (2_000.0, U::Mw)],
    not_figure_values: &[2.0, 7.0],
    summary: None,
    headings: &["A race with London"],
    first_paragraph: "Ottawa wants Canadian researchers to stop renting American GPUs.",
    last_paragraph: "Industry groups welcomed the money",
    ..BASE
};

// Export controls: the US acts, the deal's country is China.
const CHINA_CONTROLS: Expect = Expect {
    file: "en_export_controls_china_actor_us.txt",
    title: "US tightens curbs on Nvidia AI chip sales to China",
    date: Some("2025-04-16"),
    language: Language::En,
    primary: Some("CN"),
    countries: &["CN", "US", "MY", "SG"],
    orgs: &[
        "Nvidia",
        "Commerce Department|Department of Commerce|Département du Commerce",
        "Alibaba",
        "Tencent",
        "ByteDance",
        "Huawei",
        "SMIC",
    ],
    not_orgs: &["Washington", "Beijing", "H20"],
    topics: &["export-controls"],
    // "purchase commitments" next to an amount is an accounting charge.
    not_topics: &["sovereign-ai", "investment"],
    figures: &[(5.5e9, U::Cur("USD")), (6.9, U::Pct)],
    not_figure_values: &[20.0, 2025.0],
    summary: None,
    headings: &["Smuggling routes under scrutiny"],
    first_paragraph: "The United States has told Nvidia",
    last_paragraph: "Shares in Nvidia fell",
    ..BASE
};

// Two countries on both sides of a deal: the campus is in France, which the
// title names first.
const FRANCE_UAE: Expect = Expect {
    file: "fr_france_emirats_deux_pays.txt",
    title: "La France et les Émirats arabes unis s'allient pour un campus d'IA de 1 GW",
    date: Some("2025-02-07"),
    language: Language::Fr,
    primary: Some("FR"),
    countries: &["FR", "AE", "US"],
    orgs: &["MGX", "Bpifrance", "Nvidia"],
    not_orgs: &["Abou Dhabi", "Paris"],
    topics: &["data-centre", "sovereign-ai", "investment"],
    figures: &[(1_000.0, U::Mw), (30e9, U::Cur("EUR")), (50e9, U::Cur("EUR")), (500_000.0, U::Chips)],
    not_figure_values: &[2025.0, 7.0],
    summary: None,
    headings: &["Une alliance de souveraineté"],
    first_paragraph: "La France et les Émirats arabes unis ont signé",
    last_paragraph: "Le campus pourrait accueillir",
    ..BASE
};

// Title and one paragraph.
const KENYA_SHORT: Expect = Expect {
    file: "en_short_kenya_safaricom.txt",
    title: "Safaricom to open Kenya's first Nvidia-powered AI cloud",
    date: None,
    language: Language::En,
    primary: Some("KE"),
    countries: &["KE"],
    not_countries: &["US"],
    orgs: &["Safaricom", "Nvidia"],
    // "KES" is the currency code.
    not_orgs: &["Nairobi", "East Africa", "KES"],
    topics: &["cloud", "telecom", "data-centre", "investment"],
    // Government agencies are customers here, not funders.
    not_topics: &["public-funding"],
    figures: &[(13e9, U::Cur("KES")), (100e6, U::Cur("USD"))],
    summary: None,
    headings: &[],
    first_paragraph: "Kenyan telecom operator Safaricom will invest",
    last_paragraph: "Kenyan telecom operator Safaricom will invest",
    ..BASE
};

// A headline and a subheading that end with a question mark.
const KAZAKHSTAN: Expect = Expect {
    file: "fr_question_kazakhstan_hub.txt",
    title: "Le Kazakhstan peut-il devenir le hub de l'IA en Asie centrale ?",
    date: Some("2025-06-10"),
    language: Language::Fr,
    primary: Some("KZ"),
    countries: &["KZ", "TR", "CN", "US", "RU"],
    orgs: &["Nvidia", "Kazakhtelecom", "Samruk-Kazyna"],
    not_orgs: &["Astana", "Blackwell", "Golfe", "Washington", "Asie centrale"],
    topics: &["data-centre", "supercomputer", "public-funding", "export-controls"],
    not_topics: &["sovereign-ai"],
    figures: &[(3.6e9, U::Cur("USD")), (2_300.0, U::Mw), (10_000.0, U::Gpus)],
    not_figure_values: &[2025.0],
    summary: None,
    headings: &["Qui paiera la facture ?"],
    first_paragraph: "Le Kazakhstan a annoncé un programme",
    last_paragraph: "Le pays mise sur son électricité",
    ..BASE
};

const SWITZERLAND: Expect = Expect {
    file: "fr_suisse_chf_cscs.txt",
    title: "La Suisse investit CHF 100 millions dans un supercalculateur d'IA à Lugano",
    date: Some("2025-05-22"),
    language: Language::Fr,
    primary: Some("CH"),
    countries: &["CH", "SE", "NO", "FI"],
    orgs: &["CSCS|Centre suisse de calcul scientifique", "Nvidia", "EPFL", "ETH Zurich"],
    not_orgs: &["Lugano", "Alps", "Grace Hopper", "Confédération"],
    topics: &["supercomputer", "public-funding"],
    figures: &[(100e6, U::Cur("CHF")), (10_000.0, U::Gpus), (20.0, U::Mw)],
    not_figure_values: &[2025.0],
    summary: None,
    headings: &["Une coopération nordique"],
    first_paragraph: "La Confédération débloque CHF 100 millions",
    last_paragraph: "Les chercheurs suisses",
    ..BASE
};

const MALAYSIA: Expect = Expect {
    file: "en_malaysia_johor_usd_bn.txt",
    title: "YTL Power and Nvidia to build USD 2.4bn AI hub in Malaysia's Johor",
    date: Some("2024-12-08"),
    language: Language::En,
    primary: Some("MY"),
    countries: &["MY", "TH", "VN"],
    not_countries: &["CN"],
    orgs: &["YTL Power International|YTL Power", "Nvidia", "Microsoft", "Google", "ByteDance"],
    not_orgs: &["Johor", "Kuala Lumpur", "Blackwell", "Siti Rahman", "Southeast Asia"],
    topics: &["data-centre", "supercomputer", "investment"],
    figures: &[(2.4e9, U::Cur("USD")), (200.0, U::Mw), (12.5, U::Pct), (25.5, U::Pct)],
    not_figure_values: &[2024.0, 2025.0, 2026.0],
    summary: None,
    headings: &["Southeast Asia's data centre boom"],
    first_paragraph: "YTL Power International will spend USD 2.4bn",
    last_paragraph: "Malaysia's government expects",
    ..BASE
};

const ALL: [&Expect; 26] = [
    &SAUDI,
    &EMIRATES,
    &INDIA_CRLF,
    &JAPAN_EN,
    &JAPAN_MD,
    &FRANCE,
    &GERMANY,
    &UK_BOM,
    &TAIWAN,
    &INDONESIA,
    &MOROCCO,
    &USA,
    &ISRAEL,
    &SPAIN,
    &SINGAPORE,
    &BRAZIL,
    &WIRE_TOKYO,
    &WIRE_ITALY,
    &BLOG_POLAND,
    &CANADA,
    &CHINA_CONTROLS,
    &FRANCE_UAE,
    &KENYA_SHORT,
    &KAZAKHSTAN,
    &SWITZERLAND,
    &MALAYSIA,
];

#[test]
fn every_fixture_has_expectations() {
    let mut files: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") || n.ends_with(".md"))
        .collect();
    files.sort();
    let mut covered: Vec<String> = ALL.iter().map(|e| e.file.to_string()).collect();
    covered.sort();
    assert_eq!(files, covered);
}

#[test]
fn fixture_bytes_are_as_described() {
    let read = |f: &str| std::fs::read(fixtures_dir().join(f)).unwrap();
    assert!(read(UK_BOM.file).starts_with(b"\xEF\xBB\xBF"), "BOM fixture lost its BOM");
    let crlf = read(INDIA_CRLF.file);
    assert!(crlf.windows(2).filter(|w| w == b"\r\n").count() > 5, "CRLF fixture lost its CRLFs");
    let nbsp = String::from_utf8(read(EMIRATES.file)).unwrap();
    assert!(nbsp.contains("260\u{a0}000") && nbsp.contains("500\u{202f}000"), "no-break spaces missing");
}

#[test]
fn saudi_humain_chips() {
    check(&SAUDI);
}

#[test]
fn emirates_date_prefix_nbsp() {
    check(&EMIRATES);
}

#[test]
fn india_crlf_supercomputers() {
    check(&INDIA_CRLF);
}

#[test]
fn japan_softbank_in_brief() {
    check(&JAPAN_EN);
}

#[test]
fn japan_markdown_billion_yen() {
    check(&JAPAN_MD);
}

#[test]
fn france_mistral_dateline() {
    check(&FRANCE);
}

#[test]
fn germany_bavaria_dotted_thousands() {
    check(&GERMANY);
}

#[test]
fn uk_bom_mdgbp() {
    check(&UK_BOM);
}

#[test]
fn taiwan_foxconn_computex() {
    check(&TAIWAN);
}

#[test]
fn indonesia_lead_first_line() {
    check(&INDONESIA);
}

#[test]
fn morocco_dateline_summary_alone() {
    check(&MOROCCO);
}

#[test]
fn usa_primary_manufacturing() {
    check(&USA);
}

#[test]
fn israel_acquisition_iso_dateline() {
    check(&ISRAEL);
}

#[test]
fn spain_eur_million_gpus() {
    check(&SPAIN);
}

#[test]
fn singapore_singtel_cloud() {
    check(&SINGAPORE);
}

#[test]
fn brazil_milliard_gigawatt() {
    check(&BRAZIL);
}

#[test]
fn wire_tokyo_no_year() {
    check(&WIRE_TOKYO);
}

#[test]
fn wire_italy_year_range() {
    check(&WIRE_ITALY);
}

#[test]
fn blog_poland_breadcrumb_credits() {
    check(&BLOG_POLAND);
}

#[test]
fn canada_kicker_share_buttons() {
    check(&CANADA);
}

#[test]
fn china_export_controls_us_actor() {
    check(&CHINA_CONTROLS);
}

#[test]
fn france_uae_two_countries() {
    check(&FRANCE_UAE);
}

#[test]
fn kenya_very_short() {
    check(&KENYA_SHORT);
}

#[test]
fn kazakhstan_question_title() {
    check(&KAZAKHSTAN);
}

#[test]
fn switzerland_chf() {
    check(&SWITZERLAND);
}

#[test]
fn malaysia_usd_bn() {
    check(&MALAYSIA);
}
