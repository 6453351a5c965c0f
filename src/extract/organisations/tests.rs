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
