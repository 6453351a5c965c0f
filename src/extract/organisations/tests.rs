//! Table tests for organisation extraction: the data files, known names,
//! cue-found names, and what must not be taken for an organisation.

use super::*;
use crate::extract::SegmentRole::{Body, Title};

fn orgs(text: &str) -> Vec<String> {
    extract_organisations(&[Segment::new(Body, text)])
}

fn check(cases: &[(&str, &[&str])]) {
    for (text, expected) in cases {
        assert_eq!(orgs(text), *expected, "text {text:?}");
    }
}

#[test]
fn embedded_files_parse() {
    let lex = parse_lexicon(ORGANISATIONS_TSV).expect("organisations.tsv");
    assert!(lex.names.len() >= 60, "only {} organisations", lex.names.len());
    cues::Stoplist::embedded().expect("org_stopwords.txt");
}

#[test]
fn parsers_reject_bad_rows_naming_the_line() {
    let cases = [
        ("Nvidia\n\nAMD\tx\ty\tz\n", "line 3: too many fields"),
        ("Orange\t\tlowercase\n", "line 1: unknown flag \"lowercase\""),
        ("Alpha\tShared\nBeta\tshared\n", "line 2: alias \"shared\" already belongs to Alpha"),
        ("Nvidia\n\tNVIDIA\n", "line 2: empty name"),
        ("Nvidia\t\tcased|de=Nvidia\n", "line 1: unknown flag \"de=Nvidia\""),
        ("Nvidia\t\ten= \n", "line 1: empty name in flag"),
    ];
    for (text, expected) in cases {
        let err = parse_lexicon(text).expect_err(text);
        assert!(err.contains(expected), "{err:?} should contain {expected:?}");
    }
    let err = cues::Stoplist::parse("# x\nproducts\th20\n").expect_err("bad category");
    assert!(err.contains("line 2: unknown category"), "{err}");
}

#[test]
fn known_names_map_to_canonical_and_rank_by_mentions() {
    check(&[
        ("NVIDIA et Samsung Electronics, puis Nvidia Corp.", &["Nvidia", "Samsung"]),
        ("AWS loue des GPU à Amazon ; Microsoft aussi.", &["Amazon", "Microsoft"]),
        ("Le bureau du Bitcoin et le Bitcoin Office of El Salvador", &["Bitcoin Office"]),
        ("Intel, AMD, AMD and Intel, TSMC", &["Intel", "AMD", "TSMC"]),
        ("La Maison Blanche et the White House.", &["Maison Blanche"]),
        ("selon l'Agence France-Presse (AFP)", &["AFP"]),
    ]);
}

#[test]
fn longest_alias_wins_but_separate_short_mentions_count() {
    check(&[
        ("FPT Smart Cloud est une filiale. FPT Smart Cloud vend du cloud.", &["FPT Smart Cloud"]),
        ("FPT Smart Cloud appartient à FPT, et FPT grandit.", &["FPT", "FPT Smart Cloud"]),
        ("SK Group et SK Telecom ; SK hynix.", &["SK Group", "SK Telecom", "SK hynix"]),
    ]);
}

#[test]
fn names_that_are_ordinary_words_need_their_capitals() {
    check(&[
        ("Le contrat avec Orange couvre la fibre.", &["Orange"]),
        ("Une couleur orange. Orange vif partout.", &[]),
        ("Un projet humain, au service de l'humain.", &[]),
        ("Le saoudien Humain achète des puces.", &["Humain"]),
        ("She ate an apple; Apple sells phones.", &["Apple"]),
        ("Arm designs chips; an arm of the firm.", &[]),
        ("the company's Arm licence", &["Arm"]),
    ]);
}

#[test]
fn cues_find_unlisted_organisations() {
    check(&[
        ("Nvidia a racheté la start-up Qubitline. Qubitline emploie 40 personnes.", &["Qubitline", "Nvidia"]),
        ("Le groupe Brightwave investit dans le cloud.", &["Brightwave"]),
        ("Zephyr Holdings signed with Nvidia.", &["Zephyr Holdings", "Nvidia"]),
        ("Acme Robotics Inc. and Borealis Ltd announced a deal.", &["Acme Robotics Inc", "Borealis Ltd"]),
        ("la start-up de robotique médicale Medibot lève des fonds", &["Medibot"]),
        ("l'opérateur Telkomsel et le fonds Tamarind Capital", &["Telkomsel", "Tamarind Capital"]),
        ("Le ministère de l'Économie soutient le projet.", &["ministère de l'Économie"]),
        ("Ministère de la Mer : le ministère de la Mer paie.", &["ministère de la Mer"]),
        ("The Ministry of Digital Affairs agreed.", &["Ministry of Digital Affairs"]),
        ("le magazine The Diplomat", &["The Diplomat"]),
        ("Le CNRS et le laboratoire KAIST", &["CNRS", "KAIST"]),
    ]);
}

#[test]
fn people_products_events_and_common_acronyms_are_excluded() {
    check(&[
        ("Le PDG de Nvidia, Jensen Huang, a parlé au président Donald Trump.", &["Nvidia"]),
        ("Les puces H20 et MI308, la plate-forme DGX et CUDA.", &[]),
        ("Présenté au CES puis au GTC et à Computex.", &[]),
        ("L'IA aux USA, dans l'UE et aux EAU : le PIB et les GPU.", &[]),
        ("Une Lettre d'intention (LOI) sur l'Intelligence artificielle.", &[]),
        ("M. Martin Holdings a parlé.", &[]),
        ("La société californienne, célèbre pour ses cartes.", &[]),
        ("L'entreprise consolide ainsi son rôle en Asie.", &[]),
        ("LA FRANCE INVESTIT DANS UN CAMPUS IA GÉANT", &[]),
    ]);
}

#[test]
fn display_names_follow_the_article_language() {
    check(&[
        ("The Commerce Department has tightened controls on the chips.", &["Commerce Department"]),
        ("Le département américain du Commerce a durci les contrôles.", &["Département du Commerce"]),
        ("The Department of Commerce and the White House agreed.", &["Commerce Department", "White House"]),
        ("La Maison Blanche et the White House.", &["Maison Blanche"]),
    ]);
}

#[test]
fn a_known_name_with_a_business_word_is_another_organisation() {
    check(&[
        ("Investors include Intel Capital and Pitango.", &["Intel Capital"]),
        ("Intel and Intel Capital", &["Intel", "Intel Capital"]),
        ("Nvidia Corp and Samsung Electronics", &["Nvidia", "Samsung"]),
        (
            "Tata Communications et Tata Consultancy Services",
            &["Tata Communications", "Tata Consultancy Services"],
        ),
    ]);
}

#[test]
fn institutions_are_found_from_their_nouns() {
    check(&[
        ("It was launched by the kingdom's Public Investment Fund.", &["Public Investment Fund"]),
        (
            "through the National Science and Technology Council, will",
            &["National Science and Technology Council"],
        ),
        (
            "on the campus of the Polytechnic University of Catalonia, one of",
            &["Polytechnic University of Catalonia"],
        ),
        ("The Lisbon Computing Centre will spend", &["Lisbon Computing Centre"]),
        (
            "the Korea Development Bank and the University of Tokyo",
            &["Korea Development Bank", "University of Tokyo"],
        ),
        (
            "avec l'université Gadjah Mada et l'Université de Tokyo",
            &["université Gadjah Mada", "Université de Tokyo"],
        ),
        ("le centre CINES et le centre de Montpellier", &["centre CINES"]),
        // A noun alone, a lowercase one, or headline capitals say nothing.
        ("The Fund said. The fund and the Authority of the port.", &[]),
        ("at the Nvidia AI Technology Center in Taipei", &["Nvidia"]),
    ]);
    let headline = [Segment::new(Title, "New AI Data Center Opens Near Madrid This Week")];
    assert!(extract_organisations(&headline).is_empty());
}

#[test]
fn plural_nouns_introduce_lists_of_names() {
    check(&[
        ("Les start-up Sarvam AI et Krutrim développeront des modèles.", &["Sarvam AI", "Krutrim"]),
        ("les sociétés Zorblax, Quintara et Velmora signent", &["Zorblax", "Quintara", "Velmora"]),
        ("la start-up Zorblax et Paris", &["Zorblax"]),
        // After a plural, "de X" says where the companies are.
        ("les meilleures entreprises technologiques du Vietnam", &[]),
        ("des entreprises américaines opérant sur place", &[]),
    ]);
}

#[test]
fn products_projects_and_tickers_are_not_organisations() {
    check(&[
        ("L'institut AIST va agrandir son supercalculateur QXRT.", &["AIST"]),
        ("capacity is reserved for the ZORA project, which trains models", &[]),
        ("The ZORA project uses the machine; ZORA trains models.", &[]),
        ("Shares rose. NVDA +3.1% XQZT -2,4 %", &[]),
        ("listed on the Nasdaq: QRTY since 2020", &[]),
        ("a former Sharp LCD panel factory, AI-RAN and OLED screens", &["Sharp"]),
    ]);
}

#[test]
fn capitals_and_countries_decide_between_people_places_and_companies() {
    check(&[
        ("L'opérateur TIM Brasil proposera l'accès.", &["TIM Brasil"]),
        ("le président Tim Cook et la société Tim Hortons", &[]),
        ("la société Vietnam et le groupe Japon", &[]),
    ]);
}

#[test]
fn title_and_body_mentions_add_up() {
    let segments = [
        Segment::new(Title, "Samsung et Nvidia"),
        Segment::new(Body, "Nvidia livre Samsung. Nvidia encore."),
    ];
    assert_eq!(extract_organisations(&segments), ["Nvidia", "Samsung"]);
}

#[test]
fn empty_and_garbage_input_do_not_panic() {
    assert!(extract_organisations(&[]).is_empty());
    for text in [
        "",
        "   ",
        "\u{1b}[31m",
        "’’--||\t\n",
        "É\u{301}\u{301} ǅ",
        "🙂 la société",
        "Inc",
        "ministère de",
        "A B C D E F G Group",
    ] {
        let _ = orgs(text);
    }
    assert!(orgs("la société").is_empty());
}

#[test]
fn spelling_clues_are_in_every_accepted_spelling() {
    assert_eq!(spelling_clue("Qubitline"), Some("ubitline"));
    assert_eq!(spelling_clue("ministère de l'Économie"), Some("Économie"));
    assert_eq!(spelling_clue("X"), None);
    assert_eq!(spelling_clue("X Y"), Some("Y"));
    let text = "qubitline et Qubitline";
    let mut folds = String::new();
    let ws = words(text, &mut folds);
    assert!(same_spelling(&ws[2..], "Qubitline") && same_spelling(&ws[0..1], "Qubitline"));
    assert!(text.contains(spelling_clue("Qubitline").unwrap_or_default()));
}

#[test]
fn names_recur_in_segments_without_the_cue() {
    let segments = [
        Segment::new(Title, "Qubitline lève des fonds"),
        Segment::new(Body, "La start-up Qubitline construit un centre."),
        Segment::new(Body, "Rien ici."),
        Segment::new(Body, "QUBITLINE et qubitline, puis Qubitline."),
    ];
    let facts = find_organisations(&segments);
    assert_eq!(facts.ranked, ["Qubitline"]);
    let at: Vec<_> = facts.mentions.iter().map(|m| (m.segment, m.start)).collect();
    assert_eq!(at, [(0, 0), (1, 12), (3, 13), (3, 29)]);
}
