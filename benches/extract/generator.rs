//! A seeded generator of realistic news pages about AI compute: 2–5 KB of
//! French or English prose with page furniture (menus, share buttons,
//! bylines, "read also" links, tags, copyright lines), quotes, other
//! countries, known and unknown organisations, and numbers in many formats.
//! It is a workload for timing extraction, not an answer key.

const COUNTRIES_TSV: &str = include_str!("../../assets/countries.tsv");
const ORGANISATIONS_TSV: &str = include_str!("../../assets/organisations.tsv");

pub use crate::common::Rng;
use crate::common::{MOIS, MONTHS};

struct Country {
    en: String,
    fr: String,
}

pub struct Lexicon {
    countries: Vec<Country>,
    orgs: Vec<String>,
}

fn data_rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

impl Lexicon {
    pub fn load() -> Lexicon {
        let countries = data_rows(COUNTRIES_TSV)
            .filter(|r| r.len() >= 3)
            .map(|r| Country { en: r[1].trim().to_string(), fr: r[2].trim().to_string() })
            .collect();
        let orgs =
            data_rows(ORGANISATIONS_TSV).filter_map(|r| r.first().map(|s| s.trim().to_string())).collect();
        Lexicon { countries, orgs }
    }

    fn country(&self, rng: &mut Rng) -> &Country {
        &self.countries[rng.below(self.countries.len())]
    }

    fn org(&self, rng: &mut Rng) -> String {
        if rng.chance(30) {
            return "Nvidia".to_string();
        }
        if rng.chance(20) {
            // An organisation no list knows, introduced the way papers do.
            let stem = rng.pick(&["Quant", "Nova", "Hexa", "Terra", "Lumen", "Vector", "Orbit", "Kairo"]);
            let tail = rng.pick(&["line", "scale", "mind", "grid", "core", "wave", "forge"]);
            return format!("{stem}{tail}");
        }
        self.orgs[rng.below(self.orgs.len())].clone()
    }
}

fn money_fr(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => format!("{},{} milliards de dollars", 1 + rng.below(99), rng.below(10)),
        1 => format!("{} millions d'euros", 5 + rng.below(900)),
        2 => format!("{},{} Md€", 1 + rng.below(20), rng.below(10)),
        3 => format!("{} M$", 10 + rng.below(900)),
        4 => format!("{} {:03} milliards de wons", 1 + rng.below(9), rng.below(1000)),
        _ => format!("{} milliards de yens", 10 + rng.below(990)),
    }
}

fn money_en(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => format!("${}.{} billion", 1 + rng.below(99), rng.below(10)),
        1 => format!("€{}m", 5 + rng.below(900)),
        2 => format!("US$ {} million", 10 + rng.below(900)),
        3 => format!("£{}.{}bn", 1 + rng.below(20), rng.below(10)),
        4 => format!("{} billion yen", 10 + rng.below(990)),
        _ => format!("S${} million", 10 + rng.below(900)),
    }
}

fn chips(rng: &mut Rng, french: bool) -> String {
    let n = 1 + rng.below(300);
    let model = rng.pick(&["H100", "H200", "Blackwell", "GB200", "B200"]);
    if french {
        match rng.below(3) {
            0 => format!("{n} 000 puces {model}"),
            1 => format!("{n}\u{202f}000 GPU {model}"),
            _ => format!("quelque {n} 000 processeurs graphiques"),
        }
    } else {
        match rng.below(3) {
            0 => format!("{n},000 {model} chips"),
            1 => format!("{n},000 GPUs"),
            _ => format!("some {n},000 {model} processors"),
        }
    }
}

fn person(rng: &mut Rng) -> String {
    let first =
        rng.pick(&["Marie", "Jean", "Aiko", "Rahul", "Sofia", "Lars", "Amina", "Chen", "Lucas", "Nadia"]);
    let last =
        rng.pick(&["Dupont", "Tanaka", "Sharma", "Rossi", "Berg", "Haddad", "Wei", "Moreau", "Okafor"]);
    format!("{first} {last}")
}

/// One article: its text, ready to be parsed or written to a file.
pub fn article(lex: &Lexicon, rng: &mut Rng) -> String {
    let french = rng.chance(55);
    let (c, other, third) = (lex.country(rng), lex.country(rng), lex.country(rng));
    let (org, org2, org3) = (lex.org(rng), lex.org(rng), lex.org(rng));
    let (year, month, day) = (2023 + rng.below(4), rng.below(12), 1 + rng.below(28));
    let mut lines: Vec<String> = Vec::new();
    let furniture = rng.chance(70);
    if french {
        let (cn, on, tn) = (&c.fr, &other.fr, &third.fr);
        if furniture {
            lines.push(
                rng.pick(&["Accueil | Économie | Tech | Monde | Opinions", "Menu", "Se connecter"]).into(),
            );
            lines.push(format!("Accueil > Tech > Intelligence artificielle > {cn}"));
        }
        lines.push(match rng.below(5) {
            0 => format!("{cn} : {org} investit {} dans un supercalculateur", money_fr(rng)),
            1 => format!("{org} va livrer {} à {cn}", chips(rng, true)),
            2 => format!("{org} et {org2} lancent un centre de données souverain en {cn}"),
            3 => format!("{cn} durcit ses contrôles à l'exportation de puces vers {on}"),
            _ => format!("Intelligence artificielle : {cn} mise sur {org}"),
        });
        lines.push(format!(
            "Par {}, publié le {day} {} {year} à {}h{:02}",
            person(rng),
            MOIS[month],
            7 + rng.below(14),
            rng.below(60)
        ));
        if furniture {
            lines.push("Partager sur Facebook Partager sur X Copier le lien".into());
        }
        let pool: Vec<String> = vec![
            format!(
                "{org} a annoncé {} un partenariat stratégique avec le gouvernement de {cn} pour \
                 développer une infrastructure nationale de calcul. Le montant de l'accord est estimé à \
                 {}, selon un communiqué publié dans la matinée.",
                rng.pick(&["lundi", "mardi", "mercredi", "jeudi", "vendredi"]),
                money_fr(rng)
            ),
            format!(
                "Le projet prévoit la livraison de {} et la construction d'un centre de données de {} \
                 mégawatts près de la capitale. {org2} fournira les serveurs, tandis que les autorités \
                 de {on} suivent le dossier de près.",
                chips(rng, true),
                10 + rng.below(490)
            ),
            format!(
                "« C'est une étape décisive pour notre souveraineté numérique », a déclaré {}, ministre \
                 du Numérique, lors d'une conférence de presse. Le gouvernement souhaite réduire sa \
                 dépendance aux fournisseurs étrangers et attirer des chercheurs.",
                person(rng)
            ),
            format!(
                "La start-up {org3}, fondée en {}, a levé {} l'an dernier auprès de fonds de capital-risque. \
                 Elle compte {} salariés et revendique une croissance de {} % de son chiffre d'affaires.",
                2015 + rng.below(9),
                money_fr(rng),
                20 + rng.below(800),
                5 + rng.below(300)
            ),
            format!(
                "Les restrictions américaines à l'exportation des puces les plus avancées pèsent \
                 toutefois sur le calendrier. Washington a renforcé en {} les contrôles visant {tn}, et \
                 plusieurs livraisons ont été retardées de {} mois.",
                2022 + rng.below(4),
                2 + rng.below(10)
            ),
            format!(
                "Selon le cabinet {}, les dépenses mondiales en infrastructures d'IA devraient atteindre \
                 {} d'ici {}, contre {} en {}. {cn} représenterait environ {},{} % de ce marché.",
                person(rng),
                money_fr(rng),
                2027 + rng.below(4),
                money_fr(rng),
                2023 + rng.below(2),
                1 + rng.below(9),
                rng.below(10)
            ),
            format!(
                "Le supercalculateur, baptisé « {} », doit entrer en service le {} {} {}. Il offrira une \
                 puissance de {} exaflops et sera ouvert aux universités, aux hôpitaux et aux entreprises \
                 du pays.",
                rng.pick(&["Aurore", "Mistral", "Sirocco", "Borée", "Zéphyr"]),
                1 + rng.below(28),
                MOIS[rng.below(12)],
                year + 1,
                1 + rng.below(20)
            ),
            format!(
                "Ce n'est pas la première fois que {org} s'engage dans la région : en {}, le groupe avait \
                 signé un protocole d'accord avec {on} portant sur {} et la formation de {} ingénieurs.",
                2019 + rng.below(5),
                chips(rng, true),
                100 + rng.below(5000)
            ),
            format!(
                "Pour les analystes, l'enjeu dépasse la seule question technologique. « Le calcul est \
                 devenu une ressource stratégique, comme l'énergie », estime {}, chercheur associé. La \
                 consommation électrique du site atteindrait {} GWh par an.",
                person(rng),
                50 + rng.below(2000)
            ),
            format!(
                "L'opérateur {org2} exploitera la plateforme sous la forme d'un cloud souverain, avec des \
                 données hébergées sur le territoire de {cn}. Les premiers clients seront des \
                 administrations, des banques et des laboratoires de recherche."
            ),
        ];
        push_paragraphs(&mut lines, pool, rng);
        if furniture {
            lines.push(format!("Lire aussi : {on} accélère sur l'intelligence artificielle"));
            lines.push(format!("Lire aussi : {org} publie des résultats record"));
            lines.push("Mots-clés : IA, semi-conducteurs, cloud, souveraineté".into());
            lines.push("Abonnez-vous à notre newsletter".into());
            lines.push(format!("© {year} Le Quotidien Numérique. Tous droits réservés."));
        }
    } else {
        let (cn, on, tn) = (&c.en, &other.en, &third.en);
        if furniture {
            lines.push(rng.pick(&["Home | Business | Tech | World | Opinion", "Menu", "Sign in"]).into());
            lines.push(format!("Home > Technology > Artificial intelligence > {cn}"));
        }
        lines.push(match rng.below(5) {
            0 => format!("{org} to supply {} for {cn} AI push", chips(rng, false)),
            1 => format!("{cn} unveils {} plan for sovereign AI cloud", money_en(rng)),
            2 => format!("{org} and {org2} build AI supercomputer in {cn}"),
            3 => format!("{cn} tightens export controls on AI chips to {on}"),
            _ => format!("{org} opens {} data centre in {cn}", money_en(rng)),
        });
        lines.push(format!(
            "By {} | {} {day}, {year} {}:{:02} AM",
            person(rng),
            MONTHS[month],
            1 + rng.below(12),
            rng.below(60)
        ));
        if furniture {
            lines.push("Share on Facebook Share on X Copy link".into());
        }
        let pool: Vec<String> = vec![
            format!(
                "{org} said on {} it had signed a strategic agreement with the government of {cn} to \
                 build a national artificial intelligence infrastructure worth {}, according to a \
                 statement.",
                rng.pick(&["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
                money_en(rng)
            ),
            format!(
                "The deal covers the delivery of {} and a {} megawatt data center outside the capital. \
                 {org2} will supply the servers, while officials in {on} are watching closely.",
                chips(rng, false),
                10 + rng.below(490)
            ),
            format!(
                "\"This is a decisive step for our digital sovereignty,\" said {}, the digital minister, \
                 at a press conference. The government wants to reduce its reliance on foreign suppliers \
                 and attract researchers.",
                person(rng)
            ),
            format!(
                "Startup {org3}, founded in {}, raised {} last year from venture capital funds. It employs \
                 {} people and reports revenue growth of {}%.",
                2015 + rng.below(9),
                money_en(rng),
                20 + rng.below(800),
                5 + rng.below(300)
            ),
            format!(
                "US export restrictions on the most advanced chips could still delay the project. \
                 Washington tightened controls on {tn} in {}, and several shipments were held up for {} \
                 months.",
                2022 + rng.below(4),
                2 + rng.below(10)
            ),
            format!(
                "Research firm analysts expect global spending on AI infrastructure to reach {} by {}, up \
                 from {} in {}. {cn} would account for about {}.{}% of that market.",
                money_en(rng),
                2027 + rng.below(4),
                money_en(rng),
                2023 + rng.below(2),
                1 + rng.below(9),
                rng.below(10)
            ),
            format!(
                "The supercomputer, named {}, is due to come online on {} {}, {}. It will deliver {} \
                 exaflops and be open to universities, hospitals and companies across the country.",
                rng.pick(&["Aurora", "Zephyr", "Borealis", "Monsoon", "Sirocco"]),
                MONTHS[rng.below(12)],
                1 + rng.below(28),
                year + 1,
                1 + rng.below(20)
            ),
            format!(
                "It is not the first time {org} has committed to the region: in {}, the group signed a \
                 memorandum of understanding with {on} covering {} and the training of {} engineers.",
                2019 + rng.below(5),
                chips(rng, false),
                100 + rng.below(5000)
            ),
            format!(
                "For analysts, the stakes go beyond technology. \"Compute has become a strategic resource, \
                 like energy,\" said {}, a senior fellow. The site would draw {} GWh of electricity a year.",
                person(rng),
                50 + rng.below(2000)
            ),
            format!(
                "Operator {org2} will run the platform as a sovereign cloud, with data hosted in {cn}. The \
                 first customers will be government agencies, banks and research labs."
            ),
        ];
        push_paragraphs(&mut lines, pool, rng);
        if furniture {
            lines.push(format!("Read more: {on} speeds up on artificial intelligence"));
            lines.push(format!("Related: {org} posts record results"));
            lines.push("Topics: AI, semiconductors, cloud, sovereignty".into());
            lines.push("Sign up for our newsletter".into());
            lines.push(format!("© {year} The Daily Compute. All rights reserved."));
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// Six to ten paragraphs from the pool, the deal paragraphs first, each
/// sometimes followed by a second pool entry (longer paragraphs).
fn push_paragraphs(lines: &mut Vec<String>, pool: Vec<String>, rng: &mut Rng) {
    let count = 6 + rng.below(5);
    let mut order: Vec<usize> = (0..pool.len()).collect();
    // Keep the lead first, shuffle the rest.
    for i in (2..order.len()).rev() {
        let j = 1 + rng.below(i);
        order.swap(i, j);
    }
    for &i in order.iter().take(count) {
        let mut paragraph = pool[i].clone();
        if rng.chance(30) {
            paragraph.push(' ');
            paragraph.push_str(&pool[rng.below(pool.len())]);
        }
        lines.push(paragraph);
    }
}
