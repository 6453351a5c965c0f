//! Table tests for page furniture, kickers and summary markers.

use super::*;

#[test]
fn recognises_junk_lines() {
    let junk = [
        "Laisser un commentaire",
        "Leave a comment",
        "À lire aussi : Nvidia dépasse les 4 000 milliards",
        "Read more: Nvidia's next chip",
        "Publicité",
        "Logo",
        "Partager sur Facebook",
        "Share this article",
        "***",
        "https://example.com/article",
        "NVDA +3,2 %",
        "NVDA +3.1%",
        "NVDA −0,8 %",
        "Nasdaq: NVDA 135.40 $",
        "Abonnez-vous à notre newsletter",
        "Tags : Nvidia, IA, Corée",
        "Accueil > Tech > IA",
        "Home › Business › Technology",
        "Temps de lecture : 4 min",
        "4 min read",
        "Reading time: 5 minutes",
        "Updated 2 hours ago",
        "Il y a 3 heures",
        "Mis à jour il y a 5 min",
        "Photo : AFP",
        "Crédit : Shutterstock",
        "Image: Nvidia",
        "(Reporting by Kentaro Sugiyama; Editing by Jacqueline Wong)",
        "(Reportage Elvira Pollina, version française Claude Chendjou, édité par Blandine Hénault)",
        "(Avec AFP)",
        "© 2025 TechActu – Tous droits réservés",
        "Tweet",
        "Email",
        "Je m'inscris",
    ];
    for line in junk {
        assert!(is_junk_line(line), "{line:?} should be junk");
    }
    let text = [
        "Nvidia va livrer 260 000 puces à la Corée du Sud.",
        "Source de revenus majeure, le cloud progresse de 20 % cette année selon les analystes du secteur, qui y voient un relais de croissance durable pour le groupe.",
        "Une coopération stratégique avec les champions sud-coréens",
        "Le titre NVDA a progressé de 3 % après l'annonce.",
        "Photo de famille à Séoul",
        "Lecture : Nvidia face à la Chine",
        "Les ventes ont bondi de 5 % en 2 heures.",
        "Trois minutes pour tout comprendre",
        "(Nvidia a refusé de commenter.)",
        "(Avec la participation de l'État, le projet coûtera 2 milliards d'euros.)",
        "Crédit d'impôt : ce que prévoit le budget 2025 pour les centres de données de la région parisienne.",
        "Washington > Pékin ? Le rapport de force évolue",
        "",
    ];
    for line in text {
        assert!(!is_junk_line(line), "{line:?} should be text");
    }
}

#[test]
fn menus_are_furniture_and_table_rows_are_not() {
    for line in [
        "Politique | Économie | Culture | Sport",
        "Sign in | Register",
        "Home / Technology / Telecoms",
        "Menu   Search   Subscribe",
        "Newsletter · Recevez l'essentiel chaque lundi",
    ] {
        assert!(is_junk_line(line), "{line:?} should be furniture");
    }
    for line in [
        "Cloud | 45 % | 12",
        "Opinion | Nvidia wins",
        "Nvidia & SoftBank sign a deal",
        "Par Karim Mansour · Le Monde",
    ] {
        assert!(!is_junk_line(line), "{line:?} should be text");
    }
}

#[test]
fn kickers() {
    for line in ["ANALYSIS", "EXCLUSIVE", "Exclusif", "ANALYSE :", "BREAKING NEWS"] {
        assert!(is_kicker(line), "{line:?} should be a kicker");
    }
    for line in ["Nvidia", "Le Maroc", "NVIDIA AU MAROC ET AU SÉNÉGAL", "AI", "G42"] {
        assert!(!is_kicker(line), "{line:?} should not be a kicker");
    }
    assert_eq!(strip_kicker_prefix("EXCLUSIVE-Nvidia to ship chips"), "Nvidia to ship chips");
    // A kicker the outlet wrote on its headline line is part of it.
    for title in ["ANALYSE : Nvidia et la Chine", "Opinion | Europe needs chips", "LIVE: Nvidia's keynote"] {
        assert_eq!(strip_kicker_prefix(title), title);
    }
    assert_eq!(strip_kicker_prefix("REFILE-Nvidia to ship chips"), "Nvidia to ship chips");
    assert_eq!(strip_kicker_prefix("US-China chip war"), "US-China chip war");
    assert_eq!(strip_kicker_prefix("Nvidia: the deal"), "Nvidia: the deal");
    assert_eq!(strip_kicker_prefix("UPDATE 2-Nvidia beats forecasts"), "Nvidia beats forecasts");
}

#[test]
fn recognises_summary_markers() {
    let cases = [
        (
            "Résumé: L’accord marque une étape.",
            Some(SummaryMarker::Inline("L’accord marque une étape.".into())),
        ),
        ("Résumé : texte", Some(SummaryMarker::Inline("texte".into()))),
        ("En bref, Nvidia signe.", Some(SummaryMarker::Inline("Nvidia signe.".into()))),
        ("Summary: Nvidia signs.", Some(SummaryMarker::Inline("Nvidia signs.".into()))),
        ("In brief", Some(SummaryMarker::Alone)),
        ("Summary", Some(SummaryMarker::Alone)),
        ("Summary statistics show growth.", None),
        ("Résumer la situation est difficile.", None),
    ];
    for (line, expected) in cases {
        assert_eq!(summary_marker(line), expected, "line {line:?}");
    }
}

#[test]
fn deeply_bracketed_lines_are_cheap() {
    let line = format!("{}credit{}", "(".repeat(20_000), ")".repeat(20_000));
    assert!(!is_junk_line(&line));
}
