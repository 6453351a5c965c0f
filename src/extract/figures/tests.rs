//! Table tests for the figure grammar, plus a property test that no input
//! panics and every figure's text is a substring of its paragraph.

use super::*;
use proptest::prelude::*;

fn usd() -> Unit {
    Unit::Currency("USD".into())
}

fn cur(code: &str) -> Unit {
    Unit::Currency(code.into())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= b.abs().max(1.0) * 1e-9
}

/// The expected (text, value, unit) of one figure.
type Expected<'a> = (&'a str, f64, Unit);

/// Each case: input, then the expected figures in order.
fn check(cases: &[(&str, &[Expected<'_>])]) {
    for (input, expected) in cases {
        let got = extract_figures(input);
        assert_eq!(got.len(), expected.len(), "input {input:?}: got {got:?}");
        for (figure, (text, value, unit)) in got.iter().zip(expected.iter()) {
            assert_eq!(figure.text, *text, "input {input:?}");
            assert!(close(figure.value, *value), "input {input:?}: value {} != {value}", figure.value);
            assert_eq!(figure.unit, *unit, "input {input:?}");
        }
    }
}

#[test]
fn money() {
    check(&[
        ("une perte de 5,5 milliards de dollars", &[("5,5 milliards de dollars", 5.5e9, usd())]),
        ("200 millions d'USD", &[("200 millions d'USD", 2e8, usd())]),
        ("cela valait 263 milliards d'USD en 2023", &[("263 milliards d'USD", 2.63e11, usd())]),
        ("204,5 millions d’euros", &[("204,5 millions d’euros", 2.045e8, cur("EUR"))]),
        ("$5.5 billion", &[("$5.5 billion", 5.5e9, usd())]),
        ("US$300 billion", &[("US$300 billion", 3e11, usd())]),
        ("2 MdGBP", &[("2 MdGBP", 2e9, cur("GBP"))]),
        ("1 Md€", &[("1 Md€", 1e9, cur("EUR"))]),
        ("€80 million", &[("€80 million", 8e7, cur("EUR"))]),
        ("80 millions €", &[("80 millions €", 8e7, cur("EUR"))]),
        ("£2bn", &[("£2bn", 2e9, cur("GBP"))]),
        ("¥300", &[("¥300", 300.0, cur("JPY"))]),
        ("CHF 3 millions", &[("CHF 3 millions", 3e6, cur("CHF"))]),
        ("un milliard de dollars", &[("un milliard de dollars", 1e9, usd())]),
        ("deux billions de dollars", &[("deux billions de dollars", 2e12, usd())]),
        ("a billion dollars", &[("a billion dollars", 1e9, usd())]),
        ("$1 trillion", &[("$1 trillion", 1e12, usd())]),
        ("5 milliards de dollars de Singapour", &[("5 milliards de dollars de Singapour", 5e9, cur("SGD"))]),
        ("3 millions de dollars australiens", &[("3 millions de dollars australiens", 3e6, cur("AUD"))]),
        ("10 millions de livres sterling", &[("10 millions de livres sterling", 1e7, cur("GBP"))]),
        ("500 milliards de wons", &[("500 milliards de wons", 5e11, cur("KRW"))]),
        ("1,528 milliard d'euros", &[("1,528 milliard d'euros", 1.528e9, cur("EUR"))]),
        ("HK$5m", &[("HK$5m", 5e6, cur("HKD"))]),
        ("a $10bn deal", &[("$10bn", 1e10, usd())]),
        (
            "entre 2 et 3 milliards de dollars",
            &[("2 et 3 milliards de dollars", 2e9, usd()), ("3 milliards de dollars", 3e9, usd())],
        ),
        ("$2-3 billion", &[("$2-3 billion", 2e9, usd()), ("3 billion", 3e9, usd())]),
        ("2–3 GW", &[("2–3 GW", 2000.0, Unit::Megawatts), ("3 GW", 3000.0, Unit::Megawatts)]),
        ("en 2023 et 263 milliards d'USD", &[("263 milliards d'USD", 2.63e11, usd())]),
        ("de 5 à 4 %", &[("4 %", 4.0, Unit::Percent)]),
        ("deux millions", &[("deux millions", 2e6, Unit::Other)]),
        ("il y a deux millions de dollars", &[("deux millions de dollars", 2e6, usd())]),
        ("il y a un million de dollars", &[("un million de dollars", 1e6, usd())]),
        ("5 000,50 €", &[("5 000,50 €", 5000.5, cur("EUR"))]),
        ("1 000 milliards de dollars", &[("1 000 milliards de dollars", 1e12, usd())]),
        ("USD 5 billion", &[("USD 5 billion", 5e9, usd())]),
        ("5 milliards USD", &[("5 milliards USD", 5e9, usd())]),
        ("€5M", &[("€5M", 5e6, cur("EUR"))]),
        ("5M€", &[("5M€", 5e6, cur("EUR"))]),
    ]);
}

#[test]
fn counts_percent_and_power() {
    check(&[
        ("un saut de 174% en douze mois", &[("174%", 174.0, Unit::Percent)]),
        ("174 %", &[("174 %", 174.0, Unit::Percent)]),
        ("174 pour cent", &[("174 pour cent", 174.0, Unit::Percent)]),
        ("15 percent", &[("15 percent", 15.0, Unit::Percent)]),
        ("15 per cent", &[("15 per cent", 15.0, Unit::Percent)]),
        (
            "191 nœuds et 1528 GPU, ce qui",
            &[("191 nœuds", 191.0, Unit::Other), ("1528 GPU", 1528.0, Unit::Gpus)],
        ),
        (
            "plus de 260 000 de ses puces de dernière génération",
            &[("260 000 de ses puces", 260_000.0, Unit::Chips)],
        ),
        ("260\u{a0}000 puces", &[("260\u{a0}000 puces", 260_000.0, Unit::Chips)]),
        ("260\u{202f}000 puces d’IA", &[("260\u{202f}000 puces", 260_000.0, Unit::Chips)]),
        ("1,528 GPUs", &[("1,528 GPUs", 1528.0, Unit::Gpus)]),
        ("18.000 puces", &[("18.000 puces", 18_000.0, Unit::Chips)]),
        ("18,000 of its chips", &[("18,000 of its chips", 18_000.0, Unit::Chips)]),
        ("10 000 GPU H100", &[("10 000 GPU", 10_000.0, Unit::Gpus)]),
        ("10,000 Nvidia H100 GPUs", &[("10,000 Nvidia H100 GPUs", 10_000.0, Unit::Gpus)]),
        ("10k GPUs", &[("10k GPUs", 10_000.0, Unit::Gpus)]),
        ("l’un des 20 supercalculateurs", &[("20 supercalculateurs", 20.0, Unit::Other)]),
        ("six puces", &[("six puces", 6.0, Unit::Chips)]),
        ("Nvidia a 5 usines", &[("5 usines", 5.0, Unit::Other)]),
        ("two Nvidia GPUs", &[("two Nvidia GPUs", 2.0, Unit::Gpus)]),
        ("deux millions de puces", &[("deux millions de puces", 2e6, Unit::Chips)]),
        ("dix pour cent", &[("dix pour cent", 10.0, Unit::Percent)]),
        ("2,5 GW", &[("2,5 GW", 2500.0, Unit::Megawatts)]),
        ("dix centres de données", &[("dix centres de données", 10.0, Unit::Other)]),
        ("a hundred accelerators", &[("a hundred accelerators", 100.0, Unit::Gpus)]),
        ("12 semi-conducteurs", &[("12 semi-conducteurs", 12.0, Unit::Chips)]),
        ("1.2 GW", &[("1.2 GW", 1200.0, Unit::Megawatts)]),
        ("500 kW", &[("500 kW", 0.5, Unit::Megawatts)]),
        ("100 mégawatts", &[("100 mégawatts", 100.0, Unit::Megawatts)]),
        ("a 500-MW plant", &[("500-MW", 500.0, Unit::Megawatts)]),
        ("100MW", &[("100MW", 100.0, Unit::Megawatts)]),
        ("six national AI computing centres", &[("six national AI computing centres", 6.0, Unit::Other)]),
        ("trois nouveaux supercalculateurs", &[("trois nouveaux supercalculateurs", 3.0, Unit::Other)]),
        ("twenty-one new chips", &[("twenty-one new chips", 21.0, Unit::Chips)]),
        ("one hundred servers", &[("one hundred servers", 100.0, Unit::Other)]),
    ]);
}

#[test]
fn dirhams_follow_the_language() {
    check(&[
        (
            "porter ses exportations à 40 milliards de dirhams",
            &[("40 milliards de dirhams", 4e10, cur("MAD"))],
        ),
        ("a budget of 40 billion dirhams", &[("40 billion dirhams", 4e10, cur("AED"))]),
        (
            "un fonds de 5 milliards de dirhams émiratis",
            &[("5 milliards de dirhams émiratis", 5e9, cur("AED"))],
        ),
        ("a 3 billion Moroccan dirham plan", &[("3 billion Moroccan dirham", 3e9, cur("MAD"))]),
        ("MAD 40 millions", &[("MAD 40 millions", 4e7, cur("MAD"))]),
    ]);
}

#[test]
fn traps_give_nothing() {
    let traps = [
        "en 2024",
        "L’année 2024 n’a pas été facile",
        "H20",
        "H100",
        "les puces MI308 d’AMD",
        "le 19/09/2025 à 16:30",
        "2025-08-25",
        "2024-12",
        "GPT-4 et 3",
        "le 12-05 à 10-12",
        "l’un des principaux",
        "un accord",
        "a deal",
        "une puce",
        "COVID-19",
        "G42",
        "5G",
        "le 1er janvier",
        "In 2023 Nvidia GPUs sold well",
        "version 2.0",
        "24/7",
        "5 m",
        "5m",
        "douze mois",
        "one of the chips",
        "one national AI centre",
        "one new chip",
        "deux des puces",
        "in 2030 new data centres",
        "il y a un an",
        "",
    ];
    for trap in traps {
        assert_eq!(extract_figures(trap), vec![], "trap {trap:?}");
    }
}

#[test]
fn language_hint_overrides_guess() {
    let en = extract_figures_in("2 billion", Some(Language::En));
    let fr = extract_figures_in("2 billion", Some(Language::Fr));
    assert!(close(en[0].value, 2e9) && close(fr[0].value, 2e12));
    let en = extract_figures_in("1,500 million dollars", Some(Language::En));
    assert!(close(en[0].value, 1.5e9));
}

#[test]
fn sample_articles() {
    let text = include_str!("../../../assets/articles/000_e655c1c0e8eda950.txt");
    let all: Vec<Figure> = text.lines().flat_map(extract_figures).collect();
    let texts: Vec<&str> = all.iter().map(|f| f.text.as_str()).collect();
    assert!(texts.contains(&"174%"), "{texts:?}");
    assert!(texts.contains(&"5,5 milliards de dollars"), "{texts:?}");
}

proptest! {
    #[test]
    fn never_panics_and_text_is_a_substring(s in "\\PC{0,60}") {
        for f in extract_figures(&s) {
            prop_assert!(s.contains(f.text.as_str()));
        }
    }

    #[test]
    fn numeric_soup(s in "[0-9 ,.\u{a0}\u{202f}$€%a-zA-Z'’/:-]{0,40}") {
        for f in extract_figures(&s) {
            prop_assert!(s.contains(f.text.as_str()));
            prop_assert!(f.value.is_finite());
        }
    }
}
