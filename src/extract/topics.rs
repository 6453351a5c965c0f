//! Topic tagging: which of the fixed [`Topic`]s an article is about.
//!
//! Owns `assets/topics.tsv` (keywords per topic, each marked strong, weak,
//! money, context or ignore) and the scoring rule documented in that file's
//! header: weak and context hits score 1, strong hits 3, hits in the title,
//! lead, summary or a heading score triple, and a topic is kept at 3 or more.
//! Context keywords count only once the topic has a strong or weak hit.
//! Money keywords ("gouvernement", "pledges") score as strong in a sentence
//! that states an amount of money, and as context elsewhere.

use super::figures::extract_figures;
use super::lexicon::{PhraseLayers, WordIds, alternatives, data_rows};
use super::text::Token;
use super::{Segment, SegmentRole};
use crate::model::{Topic, Unit};
use std::cell::OnceCell;
use std::sync::OnceLock;

const TOPICS_TSV: &str = include_str!("../../assets/topics.tsv");

/// Score a topic needs to be kept.
const THRESHOLD: u32 = 3;
/// Multiplier for hits in the title, lead, summary or headings: these are
/// where a writer states what the article is about.
const PROMINENT_FACTOR: u32 = 3;

/// How much one keyword says about its topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Strong,
    Weak,
    Context,
    /// Strong in a sentence that states an amount of money, else context:
    /// "le gouvernement" says public funding next to "2 MdGBP" only.
    Money,
    /// Matched only so that a longer phrase hides a misleading word.
    Ignore,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        match s {
            "strong" => Some(Kind::Strong),
            "weak" => Some(Kind::Weak),
            "context" => Some(Kind::Context),
            "money" => Some(Kind::Money),
            "ignore" => Some(Kind::Ignore),
            _ => None,
        }
    }

    fn points(self) -> u32 {
        match self {
            Kind::Strong => 3,
            Kind::Weak | Kind::Context | Kind::Money => 1,
            Kind::Ignore => 0,
        }
    }
}

/// One layer of phrases per topic, in [`Topic::ALL`] order. Topics are
/// separate so that a phrase of one ("cloud souverain") does not hide a word
/// of another ("cloud") under the longest-match rule.
type TopicIndex = PhraseLayers<Kind>;

/// Parses the topic file. Errors name the 1-based line and the problem.
fn parse_topics(text: &str) -> Result<TopicIndex, String> {
    let mut index: TopicIndex = PhraseLayers::new(Topic::ALL.len());
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        // data_rows handles comments and blanks; feed it one line at a time
        // to keep the line number for error messages.
        for row in data_rows(line) {
            let [slug, kind, keywords] = row.as_slice() else {
                return Err(format!("topics line {line_no}: expected slug<TAB>kind<TAB>keywords"));
            };
            let topic = Topic::from_slug(slug)
                .ok_or_else(|| format!("topics line {line_no}: unknown slug {slug:?}"))?;
            let kind =
                Kind::parse(kind).ok_or_else(|| format!("topics line {line_no}: unknown kind {kind:?}"))?;
            let layer = Topic::ALL.iter().position(|t| *t == topic).expect("every topic is in Topic::ALL");
            let mut any = false;
            for keyword in alternatives(keywords) {
                index.insert(layer, keyword, kind);
                any = true;
            }
            if !any {
                return Err(format!("topics line {line_no}: no keywords"));
            }
        }
    }
    Ok(index)
}

fn topic_index() -> &'static TopicIndex {
    static INDEX: OnceLock<TopicIndex> = OnceLock::new();
    // The file is embedded and covered by a unit test, so a parse error here
    // is a build defect, not a runtime condition.
    INDEX.get_or_init(|| parse_topics(TOPICS_TSV).expect("assets/topics.tsv is valid"))
}

fn is_prominent(role: SegmentRole) -> bool {
    matches!(role, SegmentRole::Title | SegmentRole::Lead | SegmentRole::Summary | SegmentRole::Heading)
}

/// One sentence of the article and whether it states an amount of money
/// (worked out only when a money keyword needs it).
struct Sentence<'a> {
    original: &'a str,
    money: OnceCell<bool>,
}

impl Sentence<'_> {
    fn states_money(&self) -> bool {
        *self.money.get_or_init(|| {
            extract_figures(self.original).iter().any(|f| matches!(f.unit, Unit::Currency(_)))
        })
    }
}

/// A money keyword found in a sentence: strong or context once it is known
/// whether the sentence states an amount, which takes reading its figures.
struct MoneyHit {
    layer: usize,
    factor: u32,
    /// Index of its sentence among those holding a money keyword.
    sentence: usize,
}

/// Splits text after a full stop, question or exclamation mark followed by
/// a space, and at line breaks. "U.S." or "M." may split a sentence in
/// two; that only loses a money keyword's link to an amount.
fn sentences(text: &str) -> Vec<&str> {
    const ELLIPSIS: &[u8] = "…".as_bytes();
    let bytes = text.as_bytes();
    let next_is_space = |at: usize| text[at..].chars().next().is_some_and(char::is_whitespace);
    let mut out = Vec::new();
    let mut start = 0;
    // Every mark is ASCII or starts with the ellipsis's lead byte: a byte
    // scan finds them without decoding the chars in between.
    for (i, &byte) in bytes.iter().enumerate() {
        let end = match byte {
            b'\n' => Some(i),
            b'.' | b'!' | b'?' => next_is_space(i + 1).then_some(i + 1),
            0xe2 if bytes[i..].starts_with(ELLIPSIS) => {
                next_is_space(i + ELLIPSIS.len()).then_some(i + ELLIPSIS.len())
            }
            _ => None,
        };
        if let Some(end) = end {
            if !text[start..end].trim().is_empty() {
                out.push(&text[start..end]);
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(&text[start..]);
    }
    out
}

/// Whether a topic with these points is kept.
fn is_kept((main, context): (u32, u32)) -> bool {
    // Context words only back up evidence; alone they say nothing.
    main > 0 && main + context >= THRESHOLD
}

/// The topics the article is about, in [`Topic::ALL`] order, each once.
pub fn extract_topics(segments: &[Segment<'_>]) -> Vec<Topic> {
    let index = topic_index();
    // (main, context) points per topic, money keywords aside. One
    // sentence's words are read at a time, into buffers reused for the next.
    let mut points = [(0u32, 0u32); Topic::ALL.len()];
    let mut money_sentences: Vec<Sentence<'_>> = Vec::new();
    let mut money_hits: Vec<MoneyHit> = Vec::new();
    let mut words = WordIds::default();
    for seg in segments {
        let factor = if is_prominent(seg.role) { PROMINENT_FACTOR } else { 1 };
        for original in sentences(seg.text) {
            index.read_words(original, &mut words);
            let mut sentence = None;
            index.find_each_in_ids(&words.ids, |layer, hit| {
                let (main, context) = &mut points[layer];
                match *hit.value {
                    Kind::Money => {
                        let sentence = *sentence.get_or_insert_with(|| {
                            money_sentences.push(Sentence { original, money: OnceCell::new() });
                            money_sentences.len() - 1
                        });
                        money_hits.push(MoneyHit { layer, factor, sentence });
                    }
                    Kind::Context => *context += Kind::Context.points() * factor,
                    kind => *main += kind.points() * factor,
                }
            });
        }
    }
    // A money hit scores at least as context: a topic kept with all its
    // money hits as context is kept whatever its sentences state, and
    // their figures need not be read.
    for (layer, points) in points.iter_mut().enumerate() {
        let pending = money_hits.iter().filter(|hit| hit.layer == layer);
        let mut unresolved: u32 = pending.clone().map(|hit| Kind::Context.points() * hit.factor).sum();
        for hit in pending {
            if is_kept((points.0, points.1 + unresolved)) {
                break;
            }
            unresolved -= Kind::Context.points() * hit.factor;
            if money_sentences[hit.sentence].states_money() {
                points.0 += Kind::Strong.points() * hit.factor;
            } else {
                points.1 += Kind::Context.points() * hit.factor;
            }
        }
        points.1 += unresolved;
    }
    Topic::ALL.iter().zip(points).filter(|(_, points)| is_kept(*points)).map(|(topic, _)| *topic).collect()
}

/// The topics whose strong or weak keywords appear in already folded
/// tokens, unscored: what one passage (a deal's sentences) names.
pub fn topics_named(toks: &[Token<'_>]) -> Vec<Topic> {
    let mut named = [false; Topic::ALL.len()];
    topic_index().find_each(toks, |layer, hit| {
        if matches!(hit.value, Kind::Strong | Kind::Weak | Kind::Money) {
            named[layer] = true;
        }
    });
    Topic::ALL.iter().zip(named).filter(|(_, named)| *named).map(|(topic, _)| *topic).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use SegmentRole::{Body, Title};

    fn slugs(segments: &[Segment<'_>]) -> Vec<&'static str> {
        extract_topics(segments).into_iter().map(Topic::slug).collect()
    }

    fn body(text: &str) -> Vec<&'static str> {
        slugs(&[Segment::new(Body, text)])
    }

    #[test]
    fn embedded_file_parses_and_covers_every_topic() {
        let index = parse_topics(TOPICS_TSV).expect("valid");
        for (layer, topic) in Topic::ALL.iter().enumerate() {
            assert!(!index.layer_is_empty(layer), "no keywords for {topic}");
        }
    }

    #[test]
    fn parser_rejects_bad_rows_naming_the_line() {
        let cases = [
            ("# c\ncloud\tstrong\tcloud\nclouds\tstrong\tx\n", "line 3: unknown slug \"clouds\""),
            ("cloud\tmaybe\tcloud\n", "line 1: unknown kind \"maybe\""),
            ("cloud\tstrong\n", "line 1: expected"),
            ("\ncloud\tstrong\t | \n", "line 2: no keywords"),
        ];
        for (text, expected) in cases {
            let err = parse_topics(text).expect_err(text);
            assert!(err.contains(expected), "{err:?} should contain {expected:?}");
        }
    }

    #[test]
    fn one_strong_keyword_in_the_body_is_enough() {
        let cases: [(&str, &[&str]); 14] = [
            ("Le pays mise sur une IA souveraine.", &["sovereign-ai"]),
            ("Washington tightens export controls on China.", &["export-controls"]),
            ("Les tensions pèsent sur la chaîne d'approvisionnement.", &["chip-supply"]),
            ("Le nouveau supercalculateur sera installé à Grenoble.", &["supercomputer"]),
            ("A new data center will open near Dublin.", &["data-centre"]),
            ("Un centre de recherche ouvrira à Paris.", &["r-and-d"]),
            ("Le groupe annonce le rachat de son concurrent.", &["acquisition"]),
            ("La jeune pousse boucle une levée de fonds.", &["investment"]),
            ("Le projet reçoit une subvention de Bruxelles.", &["public-funding"]),
            ("L'opérateur déploie la 5G dans la région.", &["telecom"]),
            ("The startup works on medical imaging.", &["healthcare"]),
            ("Des véhicules autonomes circuleront en 2027.", &["automotive"]),
            ("Une usine de robots humanoïdes ouvre.", &["robotics"]),
            ("The deal expands its cloud business.", &["cloud"]),
        ];
        for (text, expected) in cases {
            assert_eq!(body(text), expected, "text {text:?}");
        }
    }

    #[test]
    fn weak_keywords_need_repetition_or_a_prominent_place() {
        let once = "Le groupe veut investir en Europe.";
        assert_eq!(body(once), Vec::<&str>::new());
        assert_eq!(slugs(&[Segment::new(Title, once)]), ["investment"]);
        let thrice = "Investir, encore investir : les investisseurs suivent.";
        assert_eq!(body(thrice), ["investment"]);
    }

    #[test]
    fn context_keywords_alone_do_not_count() {
        let cases: [(&str, &[&str]); 4] = [
            // Exporting goods is not export control without a restriction.
            ("La France va exporter du fromage et des exportations de vin.", &[]),
            (
                "Les exportations de puces sont soumises à des restrictions et des licences.",
                &["export-controls"],
            ),
            ("Nvidia vend des puces, des puces et encore des puces.", &[]),
            ("Nvidia va livrer des puces à Séoul et leurs processeurs.", &["chip-supply"]),
        ];
        for (text, expected) in cases {
            assert_eq!(body(text), expected, "text {text:?}");
        }
        assert_eq!(slugs(&[Segment::new(Title, "Exporter des puces")]), Vec::<&str>::new());
    }

    #[test]
    fn money_keywords_need_an_amount_in_the_same_sentence() {
        let cases: [(&str, &[&str]); 5] = [
            ("Le gouvernement britannique a annoncé un programme de 2 MdGBP.", &["public-funding"]),
            ("The government has set aside S$500 million for AI compute.", &["public-funding"]),
            // The government and the amount in different sentences.
            ("Le gouvernement y voit un pilier. Indosat investira 200 millions de dollars.", &[]),
            // A ministry quoted as a source is not a funder.
            ("Un projet de 5,5 milliards de dollars, selon le ministère de la Transition numérique.", &[]),
            ("Nvidia pledges US$300 billion of American-made AI infrastructure.", &["investment"]),
        ];
        for (text, expected) in cases {
            assert_eq!(body(text), expected, "text {text:?}");
        }
        assert_eq!(sentences("A. B\nC! D.5"), ["A.", " B", "\nC!", " D.5"]);
        assert_eq!(
            sentences("Hé… oui…non. Été?\u{a0}Puis ! é.\u{2009}x…"),
            ["Hé…", " oui…non.", " Été?", "\u{a0}Puis !", " é.", "\u{2009}x…"]
        );
    }

    #[test]
    fn words_are_matched_whole_and_misleading_phrases_ignored() {
        let cases: [(&str, &[&str]); 4] = [
            ("Un ciel nuageux sur Paris.", &[]),
            ("Le robotisme et la cloudification.", &[]),
            // A sovereign wealth fund is an investor, not sovereign AI.
            ("Le fonds souverain norvégien et un autre fonds souverain.", &["investment"]),
            ("CLOUD, Cloud et cloud", &["cloud"]),
        ];
        for (text, expected) in cases {
            assert_eq!(body(text), expected, "text {text:?}");
        }
    }

    #[test]
    fn results_are_sorted_and_deduplicated() {
        let text = "Cloud et santé numérique, puis un data centre, un cloud et un supercalculateur.";
        assert_eq!(body(text), ["supercomputer", "data-centre", "healthcare", "cloud"]);
    }

    #[test]
    fn empty_and_garbage_input_do_not_panic() {
        assert!(extract_topics(&[]).is_empty());
        for text in ["", "   ", "\u{0}\u{1b}[31m", "’’--||\t\n", "ǅ\u{301}\u{301}", "🙂🙂🙂"] {
            assert!(body(text).is_empty(), "text {text:?}");
        }
    }
}
