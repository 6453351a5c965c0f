//! The in-memory store: articles with unique ids, indexes by primary
//! country and topic, facet counts for any selection, and sort orders.

use super::merge::{Decision, Merged, merge_deals, merge_deals_explained};
use crate::extract::text::fold;
use crate::model::{Article, CountryRef, Deal, DealKind, DealStatus, Topic};
use compact_str::CompactString;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};

/// Facet selection: several values inside a facet are OR-ed, facets are
/// AND-ed. Countries are matched on the article's primary country (a deal's
/// host); kinds and statuses on an article's deals (a deal's own).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetFilter {
    pub countries: BTreeSet<String>,
    pub topics: BTreeSet<Topic>,
    pub kinds: BTreeSet<DealKind>,
    pub statuses: BTreeSet<DealStatus>,
}

impl FacetFilter {
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
            && self.topics.is_empty()
            && self.kinds.is_empty()
            && self.statuses.is_empty()
    }

    pub fn matches_country(&self, article: &Article) -> bool {
        self.countries.is_empty()
            || article.primary_country.as_ref().is_some_and(|c| self.countries.contains(c.code.as_str()))
    }

    pub fn matches_topics(&self, article: &Article) -> bool {
        self.topics.is_empty() || article.topics.iter().any(|t| self.topics.contains(t))
    }
}

/// Counts by primary country and by topic for a set of articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Most articles first, then by code.
    pub countries: Vec<(CountryRef, usize)>,
    /// In taxonomy order, topics with no article left out.
    pub topics: Vec<(Topic, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Newest first, undated last.
    #[default]
    Date,
    Title,
    Country,
    /// Largest headline value in US dollars first; no value last.
    Value,
}

#[derive(Debug, Default)]
pub struct Corpus {
    articles: Vec<Article>,
    ids: HashMap<CompactString, usize>,
    by_country: BTreeMap<CompactString, Vec<usize>>,
    by_topic: BTreeMap<Topic, Vec<usize>>,
    /// The articles' deals merged across articles, worked out when first
    /// asked for and again after articles are added.
    merged: OnceLock<Merged>,
    /// The same merge with its decisions, worked out when first asked for.
    explained: OnceLock<Merged>,
}

impl Corpus {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an article; a later article whose id is taken gets its source
    /// path (without extension) as id, numbered if even that is taken.
    pub fn add(&mut self, mut article: Article) -> usize {
        if self.ids.contains_key(&article.id) {
            let qualified = std::path::Path::new(&article.source).with_extension("").display().to_string();
            let qualified = qualified.trim_start_matches("./").to_string();
            let mut candidate = CompactString::from(qualified.as_str());
            let mut n = 2;
            while self.ids.contains_key(&candidate) {
                candidate = compact_str::format_compact!("{qualified}~{n}");
                n += 1;
            }
            article.id = candidate;
        }
        let index = self.articles.len();
        self.ids.insert(article.id.clone(), index);
        if let Some(country) = &article.primary_country {
            self.by_country.entry(country.code.clone()).or_default().push(index);
        }
        for topic in &article.topics {
            self.by_topic.entry(*topic).or_default().push(index);
        }
        self.articles.push(article);
        self.merged = OnceLock::new();
        self.explained = OnceLock::new();
        index
    }

    /// One deal per real-world deal, merged across the articles.
    pub fn deals(&self) -> &[Arc<Deal>] {
        &self.merged().deals
    }

    /// The merge decisions behind a merged deal.
    pub fn merge_decisions(&self, deal_id: &str) -> &[Decision] {
        let explained =
            self.explained.get_or_init(|| merge_deals_explained(self.articles.iter().flat_map(|a| &a.deals)));
        explained.decisions.get(deal_id).map_or(&[], Vec::as_slice)
    }

    fn merged(&self) -> &Merged {
        self.merged.get_or_init(|| merge_deals(self.articles.iter().flat_map(|a| &a.deals)))
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn article(&self, index: usize) -> Option<&Article> {
        self.articles.get(index)
    }

    pub fn by_id(&self, id: &str) -> Option<&Article> {
        self.ids.get(id).map(|&i| &self.articles[i])
    }

    /// Indexes of the articles whose primary country is `code`.
    pub fn with_country(&self, code: &str) -> &[usize] {
        self.by_country.get(code).map_or(&[], Vec::as_slice)
    }

    pub fn with_topic(&self, topic: Topic) -> &[usize] {
        self.by_topic.get(&topic).map_or(&[], Vec::as_slice)
    }

    /// Indexes of the articles that pass the facet filter, in store order.
    pub fn select(&self, filter: &FacetFilter) -> Vec<usize> {
        let mut candidates: Vec<usize> = if filter.countries.is_empty() {
            (0..self.articles.len()).collect()
        } else {
            let mut v: Vec<usize> =
                filter.countries.iter().flat_map(|c| self.with_country(c)).copied().collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        candidates.retain(|&i| filter.matches_topics(&self.articles[i]));
        candidates
    }

    /// Facet counts over a selection of articles.
    pub fn facet_counts(&self, indices: &[usize]) -> FacetCounts {
        let mut countries: HashMap<&CountryRef, usize> = HashMap::new();
        let mut topics: BTreeMap<Topic, usize> = BTreeMap::new();
        for article in indices.iter().filter_map(|&i| self.articles.get(i)) {
            if let Some(country) = &article.primary_country {
                *countries.entry(country).or_default() += 1;
            }
            for topic in &article.topics {
                *topics.entry(*topic).or_default() += 1;
            }
        }
        let mut countries: Vec<(CountryRef, usize)> =
            countries.into_iter().map(|(c, n)| (c.clone(), n)).collect();
        countries.sort_by(|(a, na), (b, nb)| nb.cmp(na).then_with(|| a.code.cmp(&b.code)));
        FacetCounts { countries, topics: topics.into_iter().collect() }
    }

    /// Sorts article indexes; ties keep their order.
    pub fn sort(&self, indices: &mut [usize], key: SortKey) {
        let articles = &self.articles;
        match key {
            SortKey::Date => indices.sort_by(|&a, &b| compare_dates(&articles[a].date, &articles[b].date)),
            SortKey::Title => indices.sort_by_cached_key(|&i| fold(&articles[i].title)),
            SortKey::Country => indices.sort_by(|&a, &b| {
                let code = |i: usize| articles[i].primary_country.as_ref().map(|c| c.code.clone());
                none_last(code(a), code(b), |x, y| x.cmp(y))
            }),
            SortKey::Value => indices.sort_by(|&a, &b| {
                let value = |i: usize| articles[i].headline().and_then(|h| h.usd);
                none_last(value(a), value(b), |x, y| y.total_cmp(x))
            }),
        }
    }
}

/// Newest first; "2024-12" sorts after "2024-12-05" of the same month.
fn compare_dates(a: &Option<CompactString>, b: &Option<CompactString>) -> Ordering {
    none_last(a.as_deref(), b.as_deref(), |x, y| y.cmp(x))
}

/// Orders two optional values with `cmp`, missing ones last.
pub(super) fn none_last<T>(a: Option<T>, b: Option<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => cmp(&x, &y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, DealKind, DealStatus, Figure, Language, Unit};

    fn article(
        id: &str,
        date: Option<&str>,
        country: Option<&str>,
        topics: &[Topic],
        value: Option<f64>,
    ) -> Article {
        let deal = |v: f64| {
            let mut deal = Deal::new(&format!("{id}-1"), id, DealKind::Investment, DealStatus::Announced);
            deal.amount = Some(Amount {
                value: v,
                currency: "USD".into(),
                usd: Some(v),
                text: compact_str::format_compact!("{v}"),
                mention: 0,
            });
            deal
        };
        Article {
            id: id.into(),
            key: compact_str::format_compact!("key-{id}"),
            source: compact_str::format_compact!("dir/{id}.txt"),
            title: format!("Title {id}"),
            date: date.map(CompactString::from),
            language: Language::Fr,
            primary_country: country.map(|c| CountryRef { code: c.into(), name: c.into() }),
            countries: vec![],
            organisations: vec![],
            topics: topics.to_vec(),
            figures: value
                .map(|v| {
                    let text = compact_str::format_compact!("{v}");
                    vec![Figure {
                        end: text.len(),
                        text,
                        value: v,
                        unit: Unit::Currency("USD".into()),
                        start: 0,
                    }]
                })
                .unwrap_or_default(),
            summary: None,
            deals: value.map(deal).map(Arc::new).into_iter().collect(),
            paragraphs: Default::default(),
        }
    }

    fn sample() -> Corpus {
        let mut c = Corpus::new();
        c.add(article("a", Some("2024-12"), Some("VN"), &[Topic::RAndD], Some(2e8)));
        c.add(article("b", None, Some("KR"), &[Topic::ChipSupply, Topic::Cloud], None));
        c.add(article("c", Some("2025-01-15"), Some("KR"), &[Topic::Cloud], Some(5e9)));
        c.add(article("d", Some("2024-12-05"), None, &[], Some(1.0)));
        c
    }

    #[test]
    fn duplicate_ids_get_path_qualified() {
        let mut c = sample();
        let i = c.add(article("a", None, None, &[], None));
        assert_eq!(c.article(i).unwrap().id, "dir/a");
        let j = c.add(article("a", None, None, &[], None));
        assert_eq!(c.article(j).unwrap().id, "dir/a~2");
        assert_eq!(c.by_id("a").unwrap().date.as_deref(), Some("2024-12"));
    }

    #[test]
    fn selects_with_or_inside_and_across_facets() {
        let c = sample();
        let f = |countries: &[&str], topics: &[Topic]| FacetFilter {
            countries: countries.iter().map(|s| s.to_string()).collect(),
            topics: topics.iter().copied().collect(),
            ..FacetFilter::default()
        };
        assert_eq!(c.select(&f(&[], &[])), vec![0, 1, 2, 3]);
        assert_eq!(c.select(&f(&["KR"], &[])), vec![1, 2]);
        assert_eq!(c.select(&f(&["KR", "VN"], &[])), vec![0, 1, 2]);
        assert_eq!(c.select(&f(&["KR"], &[Topic::ChipSupply])), vec![1]);
        assert_eq!(c.select(&f(&[], &[Topic::ChipSupply, Topic::RAndD])), vec![0, 1]);
        assert_eq!(c.select(&f(&["FR"], &[])), Vec::<usize>::new());
    }

    #[test]
    fn facet_counts_and_sorting() {
        let c = sample();
        let counts = c.facet_counts(&[0, 1, 2, 3]);
        let countries: Vec<(&str, usize)> =
            counts.countries.iter().map(|(c, n)| (c.code.as_str(), *n)).collect();
        assert_eq!(countries, vec![("KR", 2), ("VN", 1)]);
        assert_eq!(counts.topics, vec![(Topic::ChipSupply, 1), (Topic::RAndD, 1), (Topic::Cloud, 2)]);

        let sorted = |key| {
            let mut v = vec![0, 1, 2, 3];
            c.sort(&mut v, key);
            v
        };
        assert_eq!(sorted(SortKey::Date), vec![2, 3, 0, 1]);
        assert_eq!(sorted(SortKey::Country), vec![1, 2, 0, 3]);
        assert_eq!(sorted(SortKey::Value), vec![2, 0, 3, 1]);
        assert_eq!(sorted(SortKey::Title), vec![0, 1, 2, 3]);
    }
}
