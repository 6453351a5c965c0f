//! The words that open or close a cue, and the table saying which cues a
//! word may start. Most words start none: one hash lookup of the folded
//! word passes them over, where comparing each with every list cost more
//! than the rest of the cue search.

use super::Word;
use crate::extract::text::fold;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Nouns that introduce an organisation's name, as folded word sequences.
/// Lowercase words and adjectives may sit in between: "le fabricant de
/// puces américain Nvidia", "la start-up de soins de santé VinBrain".
pub const INTRODUCERS: &[&[&str]] = &[
    &["societe"],
    &["groupe"],
    &["entreprise"],
    &["start", "up"],
    &["startup"],
    &["jeune", "pousse"],
    &["fonds"],
    &["agence"],
    &["operateur"],
    &["fabricant"],
    &["constructeur"],
    &["conglomerat"],
    &["firme"],
    &["editeur"],
    &["magazine"],
    &["journal"],
    &["quotidien"],
    &["company"],
    &["firm"],
    &["operator"],
    &["fund"],
    &["compagnie"],
    &["fondeur"],
    &["fonderie"],
    &["avionneur"],
    &["investisseur"],
    &["chipmaker"],
    &["foundry"],
    &["telco"],
    &["investor"],
    // Plurals: a list of names may follow ("les start-up X et Y").
    &["societes"],
    &["groupes"],
    &["entreprises"],
    &["startups"],
    &["start", "ups"],
    &["jeunes", "pousses"],
    &["operateurs"],
    &["fabricants"],
    &["constructeurs"],
    &["fondeurs"],
    &["firmes"],
    &["companies"],
    &["firms"],
    &["operators"],
    &["funds"],
    &["chipmakers"],
    &["telcos"],
];

/// Capitalised nouns that end the name of an institution, compared as
/// written: "Public Investment Fund", "National Science and Technology
/// Council", "Barcelona Supercomputing Center", "University of Catalonia".
pub const INSTITUTIONS: &[&str] = &[
    "Fund",
    "Authority",
    "Council",
    "Center",
    "Centre",
    "University",
    "Institute",
    "Agency",
    "Commission",
    "Foundation",
    "Bank",
    "Laboratory",
    "Laboratories",
    "Academy",
    "Association",
    "Organisation",
    "Organization",
    "Consortium",
];

/// French nouns that start an institution's name and stay part of it:
/// "l'université Gadjah Mada", "Université de Tokyo", "l'institut Pasteur".
/// The bool: whether "de X" may follow ("le centre de Surakarta" is a
/// place, so "centre" only takes a name right after it: "le centre CINES").
pub const FRENCH_INSTITUTIONS: &[(&str, bool)] =
    &[("universite", true), ("institut", true), ("ecole", true), ("centre", false)];

/// Capitalised words that close a company name, compared as written.
pub const SUFFIXES: &[&str] = &[
    "Group",
    "Groupe",
    "Inc",
    "Ltd",
    "Limited",
    "Corp",
    "Corporation",
    "Holdings",
    "Holding",
    "Technologies",
    "Labs",
    "Ministry",
    "Systems",
    "Ventures",
    "Partners",
    "Capital",
    "AG",
    "SA",
    "SAS",
    "GmbH",
    "plc",
    "PLC",
    "LLC",
    "Networks",
    "Semiconductor",
    "Electronics",
    "Communications",
    "Telecom",
    "Internet",
];

/// Which cues word `i` may start, judged from its folded form alone. The
/// cue itself still checks its list (as written where capitals matter:
/// "Fund" ends an institution, "fund" does not).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Triggers {
    /// The first word of an introducer: "societe", "start" (of "start up").
    pub introducer: bool,
    /// "ministere", "ministry".
    pub ministry: bool,
    /// A French institution noun: "universite".
    pub french_institution: bool,
    /// Folds like an institution noun ("fund").
    pub institution: bool,
    /// Folds like a company suffix ("holdings", "plc").
    pub suffix: bool,
}

impl Triggers {
    /// The triggers of one word.
    pub fn of(word: &Word<'_>) -> Triggers {
        table().get(word.folded).copied().unwrap_or_default()
    }

    /// Whether the word may start any cue other than a bare acronym.
    pub fn any(self) -> bool {
        self != Triggers::default()
    }
}

/// Folded word -> its triggers, built once from the lists above.
fn table() -> &'static HashMap<String, Triggers> {
    static TABLE: OnceLock<HashMap<String, Triggers>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<String, Triggers> = HashMap::default();
        let mut mark = |word: &str, set: fn(&mut Triggers)| set(table.entry(fold(word)).or_default());
        for intro in INTRODUCERS {
            mark(intro[0], |t| t.introducer = true);
        }
        for noun in ["ministere", "ministry"] {
            mark(noun, |t| t.ministry = true);
        }
        for (noun, _) in FRENCH_INSTITUTIONS {
            mark(noun, |t| t.french_institution = true);
        }
        for noun in INSTITUTIONS {
            mark(noun, |t| t.institution = true);
        }
        for suffix in SUFFIXES {
            mark(suffix, |t| t.suffix = true);
        }
        table
    })
}
