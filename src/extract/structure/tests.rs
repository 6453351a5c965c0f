//! Table tests for the structure pass: titles, datelines, furniture, paragraphs.

use super::*;

fn kinds(s: &ArticleStructure) -> Vec<(ParagraphKind, &str)> {
    s.paragraphs.iter().map(|p| (p.kind, p.text.as_str())).collect()
}

#[test]
fn headline_then_paragraphs_and_subheadings() {
    let s = parse_structure(
        "Logo\n\nNvidia signe avec le Japon\nPublié le 20 juin 2025\nPar Jeanne Martin\n\nPremier paragraphe. Il dit des choses.\nUn intertitre court\nDeuxième paragraphe.\n\nLaisser un commentaire\n\n",
    );
    assert_eq!(s.title, "Nvidia signe avec le Japon");
    assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2025-06-20"));
    assert_eq!(
        kinds(&s),
        vec![
            (ParagraphKind::Text, "Premier paragraphe. Il dit des choses."),
            (ParagraphKind::Heading, "Un intertitre court"),
            (ParagraphKind::Text, "Deuxième paragraphe."),
        ]
    );
    assert_eq!(s.lead(), Some("Premier paragraphe. Il dit des choses."));
}

#[test]
fn date_prefix_gives_date_and_headline() {
    let s = parse_structure(" date 2024-12 Le Vietnam signe\n\nTexte du corps.\n");
    assert_eq!(s.title, "Le Vietnam signe");
    assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2024-12"));
    assert_eq!(s.paragraphs.len(), 1);
}

#[test]
fn long_lead_gives_derived_title_and_stays_in_body() {
    let lead = "Nvidia and the kingdom signed a broad agreement on Tuesday to build several very large data centres across the country over the coming decade, officials said. The deal is worth billions.";
    let s = parse_structure(&format!("{lead}\nSecond paragraph here.\n"));
    assert!(s.title.ends_with('…'), "{}", s.title);
    assert!(s.title.chars().count() <= MAX_TITLE_CHARS);
    assert!(s.title.starts_with("Nvidia and the kingdom signed"));
    assert_eq!(s.lead(), Some(lead));

    let abbreviated = "The U.S. Commerce Department said on Monday that it would allow the sale of advanced chips to the Gulf state under strict conditions. More text follows here.";
    assert!(parse_structure(abbreviated).title.starts_with("The U.S. Commerce Department said on Monday"));
    let short = "Nvidia signe un accord historique. Le pays investit.";
    assert_eq!(parse_structure(short).title, "Nvidia signe un accord historique");
}

#[test]
fn summary_is_set_apart_and_trailing_junk_dropped() {
    let s = parse_structure(
        "Titre\nCorps du texte.\nRésumé : Tout va bien.\n\n\n\nÀ lire aussi\nUn autre article sans rapport\nPartager sur X\n",
    );
    assert_eq!(s.summary.as_deref(), Some("Tout va bien."));
    assert_eq!(kinds(&s), vec![(ParagraphKind::Text, "Corps du texte.")]);
}

#[test]
fn degenerate_inputs() {
    assert_eq!(parse_structure(""), ArticleStructure::default());
    assert_eq!(parse_structure("\n\n  \n").title, "");
    let only_title = parse_structure("Juste un titre");
    assert_eq!(only_title.title, "Juste un titre");
    assert!(only_title.paragraphs.is_empty());
    let dateline_first = parse_structure("19/09/2025 à 16:30\nNvidia au Maroc\nTexte.");
    assert_eq!(dateline_first.title, "Nvidia au Maroc");
    assert_eq!(dateline_first.date.map(|d| d.to_string()).as_deref(), Some("2025-09-19"));
}

#[test]
fn markdown_headings() {
    let s = parse_structure("# Le titre\n\nTexte un.\n\n## Une partie ?\n\nTexte deux.\n#hashtag final.\n");
    assert_eq!(s.title, "Le titre");
    assert_eq!(
        kinds(&s),
        vec![
            (ParagraphKind::Text, "Texte un."),
            (ParagraphKind::Heading, "Une partie ?"),
            (ParagraphKind::Text, "Texte deux."),
            (ParagraphKind::Text, "#hashtag final."),
        ]
    );
}

#[test]
fn wire_dateline_is_cut_and_dates_only_with_a_year() {
    let s = parse_structure(
        "Titre\n\nTOKYO, March 3 (Reuters) - KDDI said on Monday it would invest.\nSecond.\n(Reporting by A; Editing by B)\n",
    );
    assert_eq!(s.date, None);
    assert_eq!(s.lead(), Some("KDDI said on Monday it would invest."));
    assert_eq!(s.credit.as_deref(), Some("Reuters"), "the credit is kept, for the organisations");
    assert_eq!(kinds(&s).last(), Some(&(ParagraphKind::Text, "Second.")));

    let s = parse_structure("Titre\nPARIS, 12 mars 2025 (Reuters) - Le groupe a signé un accord.\n");
    assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2025-03-12"));
    assert_eq!(s.lead(), Some("Le groupe a signé un accord."));

    let s = parse_structure("Titre\nParis (AFP) – Le groupe a signé un accord.\n");
    assert_eq!(s.lead(), Some("Le groupe a signé un accord."));

    // A dash in an ordinary first sentence is text.
    for lead in [
        "Nvidia - the chipmaker - said on Monday it would invest.",
        "Le Maroc, partenaire de Nvidia - Le royaume signe.",
        "Le groupe a signé un accord de 2 à 3 milliards - une première.",
    ] {
        let s = parse_structure(&format!("Titre\n{lead}\n"));
        assert_eq!(s.lead(), Some(lead));
    }
}

#[test]
fn kicker_and_page_furniture_around_the_headline() {
    let s = parse_structure(
        "ANALYSIS\nCanada bets on compute\nA standfirst sentence.\nUpdated 2 hours ago\nShare\nTweet\nEmail\n\nBody one.\nAdvertisement\nA subheading\nBody two.\n",
    );
    assert_eq!(s.title, "Canada bets on compute");
    assert_eq!(
        kinds(&s),
        vec![
            (ParagraphKind::Text, "A standfirst sentence."),
            (ParagraphKind::Text, "Body one."),
            (ParagraphKind::Heading, "A subheading"),
            (ParagraphKind::Text, "Body two."),
        ]
    );
    assert_eq!(parse_structure("EXCLUSIVE-Nvidia to ship chips\nText.").title, "Nvidia to ship chips");
    // An all-capitals headline is not a kicker when text follows it.
    assert_eq!(parse_structure("NVIDIA AU MAROC\nLe Maroc signe.\n").title, "NVIDIA AU MAROC");
    assert_eq!(parse_structure("IA SOUVERAINE\nPar Jean Dupont\nTexte.\n").title, "IA SOUVERAINE");

    let s = parse_structure(
        "Accueil > Tech > IA\nLe titre\nTemps de lecture : 4 min\nPar Marie Dupont, le 04/02/2025 à 09h12\nUn.\nPhoto : AFP\nDeux.\nCrédit : Shutterstock\nTrois, juste avant les liens.\n\nSur le même sujet\nUn autre titre\nNewsletter\nJe m'inscris\n© 2025 Média – Tous droits réservés\n",
    );
    assert_eq!(s.title, "Le titre");
    assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2025-02-04"));
    let texts: Vec<&str> = s.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, vec!["Un.", "Deux.", "Trois, juste avant les liens."]);
}

#[test]
fn the_title_is_the_first_line_that_reads_like_a_headline() {
    let cases = [
        (
            "Logged-out icon\nAll your news, one place.\nMenu\nKenya signs a compute deal with Nvidia\nBody text.\n",
            "Kenya signs a compute deal with Nvidia",
        ),
        (
            "Tech & Médias\n\nLe Chili signe un accord avec Nvidia\nPar A. B.\nTexte.\n",
            "Le Chili signe un accord avec Nvidia",
        ),
        (
            "Politique | Économie | Culture | Sport\nLe Pérou signe avec Nvidia cette semaine\nTexte.\n",
            "Le Pérou signe avec Nvidia cette semaine",
        ),
        (
            "Energy & Tech | Data Centers\nTexas campus wins its power deal\nText.\n",
            "Texas campus wins its power deal",
        ),
        (
            "Read faster, offline too. Open\nEXCLUSIVE\nNorway hosts a new GPU cloud\nText.\n",
            "Norway hosts a new GPU cloud",
        ),
        ("Opinion | Europe needs its own AI chips\nText.\n", "Opinion | Europe needs its own AI chips"),
        ("LIVE: Qatar opens its AI forum\nText.\n", "LIVE: Qatar opens its AI forum"),
        // Short headlines stay when nothing reads more like one.
        ("Nvidia au Maroc\nLe Maroc signe.\n", "Nvidia au Maroc"),
    ];
    for (text, title) in cases {
        assert_eq!(parse_structure(text).title, title, "{text:?}");
    }
}

#[test]
fn press_release_and_brief_datelines() {
    let date = |text: &str| parse_structure(text).date.map(|d| d.to_string());
    let s = parse_structure("Titre\nHANOI, Vietnam – Oct. 28, 2025 – Viettel said it would buy chips.\n");
    assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2025-10-28"));
    assert_eq!(s.lead(), Some("Viettel said it would buy chips."));
    assert_eq!(
        date("Titre\nSANTIAGO, Chile, March 4, 2025 /PRNewswire/ -- Entel today announced a cloud.\n")
            .as_deref(),
        Some("2025-03-04")
    );
    // A standfirst may come between the headline and the dateline.
    assert_eq!(
        date("Titre\nA standfirst without a final stop\nJAKARTA, Indonesia – Sept. 16, 2025 – Indosat today announced a factory.\n")
            .as_deref(),
        Some("2025-09-16")
    );
    let s = parse_structure("Titre\n29/12/2025 — Séoul a signé un accord pour des puces.\n");
    assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2025-12-29"));
    assert_eq!(s.lead(), Some("Séoul a signé un accord pour des puces."));
    assert_eq!(
        date("2025-09-22 · Viettel picks Nvidia for a cluster near Hanoi. More text follows here.\n")
            .as_deref(),
        Some("2025-09-22")
    );
    // A place before a colon is no date, even behind a date prefix.
    let s = parse_structure(" date 2025-08 Indonésie : Garuda en négociations\nTexte.\n");
    assert_eq!(s.title, "Indonésie : Garuda en négociations");
}

#[test]
fn body_dates_do_not_count() {
    let s = parse_structure(
        "Titre\nPremier paragraphe sans date, assez long pour être du texte.\nDeuxième.\nTroisième.\nLe 20 juin 2025, Nvidia a signé.\n",
    );
    assert_eq!(s.date, None);
}
