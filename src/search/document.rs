//! What search is given about one article or deal: its folded title, the
//! short fields fuzzy terms look at, the primary country and topics facets
//! filter on, and the body exact terms search (shared with the article, not
//! copied: it is folded when an exact term reads it).

use super::engine::PairSet;
use crate::extract::countries::Gazetteer;
use crate::extract::text::{fold, tokens};
use crate::model::{Article, Deal, DealKind, DealStatus, Topic};
use std::sync::Arc;

/// The primary country of an article: ISO code plus folded names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountryKey {
    /// Upper-case ISO code, e.g. "KR".
    pub code: String,
    /// Folded English and French names, e.g. "south korea", "coree du sud".
    pub names: Vec<String>,
}

impl CountryKey {
    /// `@x`: `x` (folded) equals the code, or starts a word of one of the
    /// names ("korea", "coree", "cor" and "kr" all select South Korea).
    pub fn matches(&self, value: &str) -> bool {
        value.eq_ignore_ascii_case(&self.code)
            || self.names.iter().any(|name| tokens(name).iter().any(|t| name[t.start..].starts_with(value)))
    }
}

/// What exact terms read of a document: an article's paragraphs (the text
/// the article holds, shared), or a deal's evidence sentences (each shared
/// with the deal, not joined into a copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyText {
    Whole(Arc<str>),
    Sentences(Arc<[Arc<str>]>),
}

impl BodyText {
    /// Its lines: no term spans two.
    pub fn lines(&self) -> Lines<'_> {
        match self {
            BodyText::Whole(text) => Lines { current: Some(text.split('\n')), rest: [].iter() },
            BodyText::Sentences(sentences) => Lines { current: None, rest: sentences.iter() },
        }
    }
}

/// The lines of a [`BodyText`], with no allocation (an exact term reads
/// them for every candidate document).
pub struct Lines<'a> {
    current: Option<std::str::Split<'a, char>>,
    rest: std::slice::Iter<'a, Arc<str>>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            if let Some(line) = self.current.as_mut().and_then(Iterator::next) {
                return Some(line);
            }
            self.current = Some(self.rest.next()?.split('\n'));
        }
    }
}

/// A document's body with the letter pairs it holds once folded, taken
/// where the document is built (on the loading threads) rather than where
/// it is indexed: one always goes with the other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    text: BodyText,
    pairs: PairSet,
}

impl Body {
    pub fn new(text: Arc<str>) -> Body {
        let pairs = PairSet::of_body(&text);
        Body { text: BodyText::Whole(text), pairs }
    }

    /// A body whose pairs were found before (kept in the facts cache).
    pub fn with_pairs(text: Arc<str>, pairs: PairSet) -> Body {
        Body { text: BodyText::Whole(text), pairs }
    }

    /// A body of sentences, one or more lines each.
    pub fn of_sentences(sentences: Arc<[Arc<str>]>) -> Body {
        let pairs = PairSet::of_lines(sentences.iter().map(|s| &**s));
        Body { text: BodyText::Sentences(sentences), pairs }
    }

    pub fn text(&self) -> &BodyText {
        &self.text
    }

    pub(crate) fn into_parts(self) -> (BodyText, PairSet) {
        (self.text, self.pairs)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// Folded.
    pub title: String,
    /// Folded: country names EN+FR (primary and others), organisations,
    /// topic slugs. Each is matched on its own, never joined.
    pub fields: Vec<String>,
    /// The PRIMARY country: the facet and `@x` match on this only.
    pub country: Option<CountryKey>,
    pub topics: Vec<Topic>,
    /// Paragraphs as written (not folded), newline separated, for `'exact`
    /// terms; an article's is its own paragraphs' text, shared.
    pub body: Body,
    /// `YYYY-MM[-DD]`: equal scores rank newest first.
    pub date: Option<compact_str::CompactString>,
    /// Deal kinds and statuses: a deal's own, or those of an article's deals.
    pub kinds: Vec<DealKind>,
    pub statuses: Vec<DealStatus>,
    /// The value in whole US dollars (a deal's amount, an article's
    /// headline), for sorting by value.
    pub value: Option<u64>,
}

impl SearchDoc {
    /// Builds a document, folding everything. `country` is the primary
    /// country's code and names.
    pub fn new(
        title: &str,
        country: Option<(&str, &[&str])>,
        other_country_names: &[&str],
        organisations: &[&str],
        topics: &[Topic],
        body_paragraphs: &[&str],
    ) -> SearchDoc {
        let body = Body::new(body_paragraphs.join("\n").into());
        SearchDoc::with_body(title, country, other_country_names, organisations, topics, body)
    }

    /// [`SearchDoc::new`] with its body built already.
    fn with_body(
        title: &str,
        country: Option<(&str, &[&str])>,
        other_country_names: &[&str],
        organisations: &[&str],
        topics: &[Topic],
        body: Body,
    ) -> SearchDoc {
        let country = country.map(|(code, names)| CountryKey {
            code: code.to_ascii_uppercase(),
            names: names.iter().map(|n| fold(n)).collect(),
        });
        let names = country.iter().flat_map(|c| c.names.iter().cloned());
        let others = other_country_names.iter().chain(organisations).map(|s| fold(s));
        let slugs = topics.iter().map(|t| t.slug().to_string());
        let fields = distinct(names.chain(others).chain(slugs).filter(|f| !f.is_empty()).collect());
        SearchDoc {
            title: fold(title),
            fields,
            country,
            topics: topics.to_vec(),
            body,
            date: None,
            kinds: Vec::new(),
            statuses: Vec::new(),
            value: None,
        }
    }

    /// Builds a document from a parsed article. The model only carries
    /// English country names; the French ones come from the country list.
    pub fn from_article(article: &Article) -> SearchDoc {
        SearchDoc::from_loaded(article, None)
    }

    /// [`SearchDoc::from_article`], given the pairs of the article's body
    /// when loading read them from the cache.
    pub fn from_loaded(article: &Article, body_pairs: Option<PairSet>) -> SearchDoc {
        let french_name = |code: &str| Gazetteer::embedded().get(code).map(|c| c.name_fr.as_str());
        let primary = article.primary_country.as_ref();
        let mut primary_names: Vec<&str> = Vec::new();
        if let Some(c) = primary {
            primary_names.push(&c.name);
            primary_names.extend(french_name(&c.code));
        }
        let mut others: Vec<&str> = Vec::new();
        for m in &article.countries {
            if primary.is_some_and(|p| p.code == m.code) {
                continue;
            }
            others.push(&m.name);
            others.extend(french_name(&m.code));
        }
        let orgs: Vec<&str> = article.organisations.iter().map(|o| o.as_str()).collect();
        let body = match body_pairs {
            Some(pairs) => Body::with_pairs(Arc::clone(article.paragraphs.text()), pairs),
            None => Body::new(Arc::clone(article.paragraphs.text())),
        };
        let doc = SearchDoc::with_body(
            &article.title,
            primary.map(|c| (c.code.as_str(), primary_names.as_slice())),
            &others,
            &orgs,
            &article.topics,
            body,
        );
        SearchDoc {
            date: article.date.clone(),
            kinds: article.deals.iter().map(|d| d.kind).collect(),
            statuses: article.deals.iter().map(|d| d.status).collect(),
            value: article.headline().and_then(|h| h.usd).map(whole_dollars),
            ..doc
        }
    }
}

fn whole_dollars(usd: f64) -> u64 {
    usd.max(0.0).round() as u64
}

impl SearchDoc {
    /// Builds a document for a deal: its first article's title as title;
    /// as fields its host and party countries (English and French names),
    /// organisations, kind, topics and its other articles' titles; its
    /// evidence sentences as body, for exact terms.
    pub fn from_deal(deal: &Deal, titles: &[&str]) -> SearchDoc {
        let gazetteer = Gazetteer::embedded();
        let names = |code: &str| -> Vec<&str> {
            gazetteer.get(code).map(|c| vec![c.name_en.as_str(), c.name_fr.as_str()]).unwrap_or_default()
        };
        let host = deal.country.as_ref();
        let host_names: Vec<&str> = host.map(|c| names(&c.code)).unwrap_or_default();
        let mut others: Vec<&str> = deal
            .countries
            .iter()
            .filter(|c| host.is_none_or(|h| h.code != **c))
            .flat_map(|c| names(c))
            .collect();
        others.extend(titles.iter().skip(1));
        let mut orgs: Vec<&str> = deal.organisations.iter().map(|o| o.name.as_str()).collect();
        orgs.push(deal.kind.slug());
        let doc = SearchDoc::with_body(
            titles.first().copied().unwrap_or(""),
            host.map(|c| (c.code.as_str(), host_names.as_slice())),
            &others,
            &orgs,
            &deal.topics,
            Body::of_sentences(deal.mentions.iter().map(|m| Arc::clone(&m.text)).collect()),
        );
        SearchDoc {
            date: deal.date.clone(),
            kinds: vec![deal.kind],
            statuses: vec![deal.status],
            value: deal.usd().map(whole_dollars),
            ..doc
        }
    }
}

/// Each field once, in first-seen order. A merged deal's fields hold the
/// titles of all its articles, thousands for the largest: no quadratic scan.
fn distinct(fields: Vec<String>) -> Vec<String> {
    const SCAN_UP_TO: usize = 16;
    let keep: Vec<bool> = if fields.len() <= SCAN_UP_TO {
        (0..fields.len()).map(|i| !fields[..i].contains(&fields[i])).collect()
    } else {
        let mut seen = rustc_hash::FxHashSet::default();
        fields.iter().map(|f| seen.insert(f.as_str())).collect()
    };
    fields.into_iter().zip(keep).filter_map(|(field, keep)| keep.then_some(field)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_reads_as_lines_whole_or_in_sentences() {
        let lines = |body: BodyText| body.lines().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(lines(BodyText::Whole("a\nb".into())), ["a", "b"]);
        assert_eq!(lines(BodyText::Whole("".into())), [""]);
        let sentences: Arc<[Arc<str>]> = ["x\ny", "", "z"].into_iter().map(Arc::from).collect();
        assert_eq!(lines(BodyText::Sentences(sentences)), ["x", "y", "", "z"]);
        assert!(lines(BodyText::Sentences(Arc::new([]))).is_empty());
    }

    #[test]
    fn distinct_keeps_first_seen_order_at_every_size() {
        for n in [0, 1, 16, 17, 200] {
            let fields: Vec<String> = (0..n).map(|i| format!("f{}", (i * 7) % 23)).collect();
            let mut expected: Vec<String> = Vec::new();
            for f in &fields {
                if !expected.contains(f) {
                    expected.push(f.clone());
                }
            }
            assert_eq!(distinct(fields), expected, "{n} fields");
        }
    }

    #[test]
    fn folds_and_dedups_fields() {
        let doc = SearchDoc::new(
            "Nvidia renforce la Corée",
            Some(("kr", &["South Korea", "Corée du Sud"])),
            &["États-Unis", "South Korea"],
            &["Nvidia", "SK Hynix"],
            &[Topic::ChipSupply],
            &["Un paragraphe."],
        );
        assert_eq!(
            doc.fields,
            ["south korea", "coree du sud", "etats-unis", "nvidia", "sk hynix", "chip-supply"]
        );
        assert_eq!(doc.title, "nvidia renforce la coree");
        assert_eq!(doc.body.text(), &BodyText::Whole("Un paragraphe.".into()));
        let key = doc.country.unwrap();
        assert_eq!(key.code, "KR");
        for (value, expected) in [
            ("kr", true),
            ("korea", true),
            ("coree", true),
            ("cor", true),
            ("sud", true),
            ("orea", false),
            ("k", true),
            ("x", false),
        ] {
            assert_eq!(key.matches(value), expected, "@{value}");
        }
    }
}
