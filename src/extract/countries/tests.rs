use super::*;

fn gazetteer() -> &'static Gazetteer {
    Gazetteer::embedded()
}

/// Codes found in `text`, in order of appearance.
fn codes_in(text: &str) -> Vec<&'static str> {
    gazetteer().scan(text).into_iter().map(|h| h.country.code.as_str()).collect()
}

/// First line as title, other non-empty lines as body: how the samples read.
fn titled(text: &str) -> Vec<Segment<'_>> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().map(|l| Segment::new(SegmentRole::Title, l));
    title.into_iter().chain(lines.map(|l| Segment::new(SegmentRole::Body, l))).collect()
}

fn primary_of(segments: &[Segment<'_>]) -> Option<String> {
    extract_countries(gazetteer(), segments).primary.map(|p| p.code.to_string())
}

#[test]
fn traps_and_aliases_in_text() {
    let cases: [(&str, &[&str]); 34] = [
        ("l’Asie du Sud-Est, l'Amérique latine et l'Amérique centrale", &[]),
        ("en visite à Hanoï puis à Pékin, en Californie et en Europe", &[]),
        ("une machine à indemnité", &[]),
        ("Chinese chips", &["CN"]),
        ("l’Inde et d’Israël", &["IN", "IL"]),
        ("les EAU", &["AE"]),
        ("un verre d'eau, de l'EAUX", &[]),
        ("UK rules", &["GB"]),
        ("aux États-Unis", &["US"]),
        ("US export rules", &["US"]),
        ("a USB key for us, in the U.S.A. and the U.S.", &["US", "US"]),
        ("l’USA-China", &["US", "CN"]),
        ("la Guinée équatoriale, la Guinée et la Papouasie-Nouvelle-Guinée", &["GQ", "GN", "PG"]),
        ("Equatorial Guinea and Guinea, not a guinea pig", &["GQ", "GN"]),
        ("Papua New Guinea", &["PG"]),
        ("le Niger et le Nigeria, nigérien et nigérian", &["NE", "NG", "NE", "NG"]),
        ("la Corée, la Corée du Nord et la Corée du Sud", &["KR", "KP", "KR"]),
        ("le champion sud-coréen et le régime nord-coréen", &["KR", "KP"]),
        ("le Congo-Brazzaville et la RDC, la République démocratique du Congo", &["CG", "CD", "CD"]),
        ("Atlanta, Georgia and a Georgian house; la Géorgie", &["GE"]),
        ("Chad said; le Tchad", &["TD"]),
        ("François Hollande a visité les Pays-Bas et la Hollande", &["NL"]),
        ("un chili con carne au Chili", &["CL"]),
        ("sous l'équateur, en Équateur", &["EC"]),
        ("Thanksgiving turkey in Turkey", &["TR"]),
        ("la Colombie-Britannique et la Colombie", &["CO"]),
        ("des clients latino-américains et l'océan Indien", &[]),
        ("in New Mexico, not Mexico", &["MX"]),
        ("San Salvador, le Salvador, El Salvador, salvadorien", &["SV", "SV", "SV"]),
        ("Saudi Arabia's Humain", &["SA"]),
        ("la Grande-Bretagne, britannique", &["GB", "GB"]),
        ("les Émirats arabes unis, émirien, Emirati", &["AE", "AE", "AE"]),
        ("la multinationale américaine et les Américains", &["US", "US"]),
        ("Taïwan, Hong Kong, Macao, Palestine, Kosovo", &["TW", "HK", "MO", "PS", "XK"]),
    ];
    for (text, expected) in cases {
        assert_eq!(codes_in(text), expected, "text {text:?}");
    }
}

#[test]
fn hits_point_at_the_original_text() {
    let text = "Les États-Unis, la Corée du Sud et les EAU";
    let chars: Vec<char> = text.chars().collect();
    let spans: Vec<String> =
        gazetteer().scan(text).iter().map(|h| chars[h.start..h.end].iter().collect()).collect();
    assert_eq!(spans, ["États-Unis", "Corée du Sud", "EAU"]);
}

#[test]
fn primary_country_on_the_samples() {
    let cases = [
        (include_str!("../../../assets/articles/000_e655c1c0e8eda950.txt"), "SV"),
        (include_str!("../../../assets/articles/001_e48b0203d2728b9f.txt"), "CN"),
        (include_str!("../../../assets/articles/002_9c6bf0e2097b9d38.txt"), "VN"),
        (include_str!("../../../assets/articles/003_c74945bba4f3859c.txt"), "NL"),
        (include_str!("../../../assets/articles/004_caa39ef458abdd0a.txt"), "KR"),
    ];
    for (text, expected) in cases {
        let facts = extract_countries(gazetteer(), &titled(text));
        assert_eq!(facts.primary.as_ref().map(|p| p.code.as_str()), Some(expected), "{facts:?}");
        assert_eq!(facts.countries[0].code, expected, "primary comes first");
    }
}

#[test]
fn sample_mentions_are_counted() {
    let text = include_str!("../../../assets/articles/003_c74945bba4f3859c.txt");
    let facts = extract_countries(gazetteer(), &titled(text));
    let found: Vec<(&str, u32)> = facts.countries.iter().map(|c| (c.code.as_str(), c.mentions)).collect();
    // Pays-Bas ×5 and "néerlandais"; the rest once each, in order of appearance.
    assert_eq!(found, [("NL", 6), ("DK", 1), ("US", 1), ("CN", 1)]);
    assert_eq!(facts.countries[0].name, "Netherlands");
}

#[test]
fn primary_country_on_snippets() {
    type Case<'a> = (&'a [(SegmentRole, &'a str)], Option<&'a str>);
    let cases: [Case<'_>; 9] = [
        (
            &[
                (SegmentRole::Title, "Nvidia to supply 18,000 chips to Saudi Arabia's Humain"),
                (
                    SegmentRole::Body,
                    "The US company said the deal follows a visit by the American president.",
                ),
                (SegmentRole::Body, "US export rules still apply, the United States said."),
            ],
            Some("SA"),
        ),
        (&[(SegmentRole::Title, "US tightens export rules on Nvidia chips to China")], Some("CN")),
        (
            &[
                (SegmentRole::Title, "Nvidia va construire des supercalculateurs aux États-Unis"),
                (SegmentRole::Lead, "Le groupe américain investit 500 milliards aux États-Unis."),
                (SegmentRole::Body, "Une partie des puces était fabriquée à Taïwan."),
            ],
            Some("US"),
        ),
        (
            &[
                (SegmentRole::Lead, "L'Inde signe avec Nvidia."),
                (SegmentRole::Body, "Le groupe américain, déjà présent aux États-Unis et aux EAU..."),
            ],
            Some("IN"),
        ),
        (&[(SegmentRole::Body, "Le fabricant américain Nvidia annonce ses résultats.")], Some("US")),
        (
            &[
                (SegmentRole::Title, "Nvidia et le Japon"),
                (SegmentRole::Body, "La Chine, la Chine, la Chine et encore la Chine."),
            ],
            Some("JP"),
        ),
        (&[(SegmentRole::Body, "La France puis l'Allemagne.")], Some("FR")),
        (&[(SegmentRole::Title, "Nvidia en Asie du Sud-Est")], None),
        (&[], None),
    ];
    for (parts, expected) in cases {
        let segments: Vec<Segment<'_>> = parts.iter().map(|&(role, text)| Segment::new(role, text)).collect();
        assert_eq!(primary_of(&segments).as_deref(), expected, "segments {parts:?}");
    }
}

#[test]
fn weird_input_does_not_panic() {
    let repeated = "États-Unis, US, Chine; l’Inde — EAU. ".repeat(20_000);
    let inputs = [
        "",
        " ",
        "…!?;:«»—",
        "\u{0}\u{1b}[31m",
        "'''---|||",
        "é\u{301}\u{301}",
        "US",
        "U.S.",
        repeated.as_str(),
    ];
    for text in inputs {
        let segments = [Segment::new(SegmentRole::Title, text), Segment::new(SegmentRole::Body, text)];
        let facts = extract_countries(gazetteer(), &segments);
        assert!(facts.countries.len() <= 4, "{text:?}");
    }
    let facts = extract_countries(gazetteer(), &[Segment::new(SegmentRole::Body, &repeated)]);
    let counts: Vec<u32> = facts.countries.iter().map(|c| c.mentions).collect();
    assert_eq!(counts, [20_000, 40_000, 20_000, 20_000], "{facts:?}");
}
