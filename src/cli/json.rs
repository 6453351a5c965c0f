//! `--json` output, written straight to the output as it is serialised.
//!
//! `list --json` and `show --json` used to print `serde_json::Value`s, whose
//! maps (a BTreeMap without serde_json's `preserve_order`) sort their keys:
//! every object they print has its keys in byte order, and that order is
//! part of the output (tests/golden). The model's derives write fields in
//! declaration order, so the model objects whose declaration order is not
//! sorted are written here field by field, in key order. The objects the
//! model already declares sorted (`CountryRef`, `ParagraphRef`) keep its
//! derives; the tests compare every fixture's output with the `Value` one.

use crate::model::{Article, CountryMention, Deal, Figure, Headline};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::io::{self, BufWriter, Write};
use std::sync::Arc;

/// Pretty-printed (two-space indent) and a newline, as `writeln!` of
/// `serde_json::to_string_pretty` printed it, without holding the whole text.
pub fn write_pretty(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    // serde_json writes a few bytes at a time; a buffer of our own keeps
    // those writes out of the dynamic dispatch behind `out`.
    let mut out = BufWriter::with_capacity(1 << 16, out);
    // The conversion hands back serde_json's own io::Error, so a closed pipe
    // is still a BrokenPipe to `main`.
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The articles as `list --json` prints them (what `write_pretty` of an
/// [`ArticleList`] prints), serialised by every core: a block of articles
/// at a time is cut between threads, each writes its part as a pretty array
/// (whose elements are indented as in the whole array), and the parts are
/// joined without their brackets.
pub fn write_article_list(out: &mut dyn Write, articles: &[&Article]) -> io::Result<()> {
    const BLOCK: usize = 1024;
    if articles.is_empty() {
        return write_pretty(out, &ArticleList(articles));
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let mut out = BufWriter::with_capacity(1 << 16, out);
    out.write_all(b"[\n")?;
    for (block_index, block) in articles.chunks(BLOCK).enumerate() {
        let parts: Vec<io::Result<Vec<u8>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = block
                .chunks(block.len().div_ceil(threads))
                .map(|part| {
                    scope.spawn(move || {
                        let mut bytes = Vec::new();
                        serde_json::to_writer_pretty(&mut bytes, &ArticleList(part))?;
                        Ok(bytes)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err(io::Error::other("a JSON writer failed"))))
                .collect()
        });
        for (part_index, part) in parts.into_iter().enumerate() {
            let part = part?;
            if block_index > 0 || part_index > 0 {
                out.write_all(b",\n")?;
            }
            // "[\n" + elements + "\n]": the elements alone.
            out.write_all(&part[2..part.len() - 2])?;
        }
    }
    out.write_all(b"\n]\n")?;
    out.flush()
}

/// An article as `list --json` prints it (its fields, deal ids and headline),
/// and, for `show --json`, with its paragraphs and normalised text.
#[derive(Clone, Copy)]
pub struct ArticleJson<'a> {
    pub article: &'a Article,
    pub body: bool,
}

/// The articles as `list --json` prints them.
pub struct ArticleList<'a>(pub &'a [&'a Article]);

impl Serialize for ArticleList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|&article| ArticleJson { article, body: false }))
    }
}

impl Serialize for ArticleJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // No `..`: a field added to the model fails to compile here until it
        // is given its place in the output.
        let Article {
            id,
            key,
            source,
            title,
            date,
            language,
            primary_country,
            countries,
            organisations,
            topics,
            figures,
            summary,
            deals,
            paragraphs,
        } = self.article;
        let headline = self.article.headline();
        let mut object = serializer.serialize_struct("Article", if self.body { 16 } else { 14 })?;
        object.serialize_field("countries", &SortedSeq(countries))?;
        object.serialize_field("date", date)?;
        object.serialize_field("deals", &DealIds(deals))?;
        object.serialize_field("figures", &SortedSeq(figures))?;
        object.serialize_field("headline", &headline.as_ref().map(Sorted))?;
        object.serialize_field("id", id)?;
        object.serialize_field("key", key)?;
        object.serialize_field("language", language)?;
        object.serialize_field("organisations", organisations)?;
        if self.body {
            object.serialize_field("paragraphs", paragraphs)?;
        }
        object.serialize_field("primary_country", primary_country)?;
        object.serialize_field("source", source)?;
        object.serialize_field("summary", summary)?;
        if self.body {
            // Figure offsets point into this text.
            object.serialize_field("text", &self.article.normalised_text())?;
        }
        object.serialize_field("title", title)?;
        object.serialize_field("topics", topics)?;
        object.end()
    }
}

/// A model value with its object's keys in byte order.
struct Sorted<'a, T>(&'a T);

/// A slice of model values, each with its keys in byte order.
struct SortedSeq<'a, T>(&'a [T]);

impl<T> Serialize for SortedSeq<'_, T>
where
    for<'b> Sorted<'b, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(Sorted))
    }
}

/// An article's deals as the model serialises them: their ids.
struct DealIds<'a>(&'a [Arc<Deal>]);

impl Serialize for DealIds<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|d| d.id.as_str()))
    }
}

impl Serialize for Sorted<'_, CountryMention> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let CountryMention { code, name, mentions } = self.0;
        let mut object = serializer.serialize_struct("CountryMention", 3)?;
        object.serialize_field("code", code)?;
        object.serialize_field("mentions", mentions)?;
        object.serialize_field("name", name)?;
        object.end()
    }
}

impl Serialize for Sorted<'_, Figure> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Figure { text, value, unit, start, end } = self.0;
        let mut object = serializer.serialize_struct("Figure", 5)?;
        object.serialize_field("end", end)?;
        object.serialize_field("start", start)?;
        object.serialize_field("text", text)?;
        object.serialize_field("unit", unit)?;
        object.serialize_field("value", value)?;
        object.end()
    }
}

impl Serialize for Sorted<'_, Headline> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Headline { text, value, unit, usd } = self.0;
        let mut object = serializer.serialize_struct("Headline", 4)?;
        object.serialize_field("text", text)?;
        object.serialize_field("unit", unit)?;
        object.serialize_field("usd", usd)?;
        object.serialize_field("value", value)?;
        object.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::ingest::{LoadOptions, load_corpus};
    use crate::model::{DealKind, DealStatus, Unit};
    use std::path::PathBuf;

    /// How `list --json` and `show --json` built each article before: the
    /// model's derive through `serde_json::Value`, which sorts keys.
    fn as_value(article: &Article, body: bool) -> serde_json::Value {
        let mut value = serde_json::to_value(article).unwrap();
        value["headline"] = serde_json::to_value(article.headline()).unwrap();
        if body {
            value["paragraphs"] = serde_json::to_value(&article.paragraphs).unwrap();
            value["text"] = serde_json::Value::String(article.normalised_text());
        }
        value
    }

    fn written(value: &impl Serialize) -> String {
        let mut out = Vec::new();
        write_pretty(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn assert_same_bytes(articles: &[&Article]) {
        for &article in articles {
            for body in [false, true] {
                let expected = serde_json::to_string_pretty(&as_value(article, body)).unwrap() + "\n";
                assert_eq!(
                    written(&ArticleJson { article, body }),
                    expected,
                    "{} (body: {body})",
                    article.id
                );
            }
        }
        let values: Vec<serde_json::Value> = articles.iter().map(|a| as_value(a, false)).collect();
        assert_eq!(written(&ArticleList(articles)), serde_json::to_string_pretty(&values).unwrap() + "\n");
    }

    #[test]
    fn the_list_written_in_parallel_is_the_list_written_at_once() {
        let paths = [PathBuf::from("tests/fixtures")];
        let (corpus, _) = load_corpus(&paths, &LoadOptions::without_cache(u64::MAX)).unwrap();
        let all: Vec<&Article> = corpus.articles().iter().cycle().take(2600).collect();
        // Empty, one, a part per thread, and across blocks of 1,024.
        for n in [0, 1, 2, 3, 1023, 1024, 1025, 2600] {
            let mut parallel = Vec::new();
            write_article_list(&mut parallel, &all[..n]).unwrap();
            assert!(String::from_utf8(parallel).unwrap() == written(&ArticleList(&all[..n])), "{n} articles");
        }
    }

    #[test]
    fn every_fixture_prints_as_the_value_tree_did() {
        let paths = [PathBuf::from("tests/fixtures"), PathBuf::from("assets/articles")];
        let (corpus, _) = load_corpus(&paths, &LoadOptions::without_cache(u64::MAX)).unwrap();
        let articles: Vec<&Article> = corpus.articles().iter().collect();
        assert!(articles.len() > 50, "{} articles", articles.len());
        assert_same_bytes(&articles);
        assert_same_bytes(&[]);
    }

    /// What the fixtures may not hold: a chips headline, figures that are
    /// not finite, an empty body.
    #[test]
    fn edge_values_print_as_the_value_tree_did() {
        let mut deal = Deal::new("d-1", "a", DealKind::ChipSupply, DealStatus::Signed);
        deal.chips = Some(crate::model::Chips {
            count: Some(u64::MAX),
            model: None,
            text: "many \"chips\"".into(),
            mention: 0,
        });
        let figure = |value: f64| Figure {
            text: "x\u{7}é".into(),
            value,
            unit: Unit::Gpus,
            start: 0,
            end: usize::MAX,
        };
        let article = Article {
            id: "a".into(),
            key: Default::default(),
            source: "embedded:a".into(),
            title: "T\n\t".into(),
            date: None,
            language: crate::model::Language::Fr,
            primary_country: None,
            countries: vec![CountryMention { code: "FR".into(), name: "France".into(), mentions: u32::MAX }],
            organisations: Vec::new(),
            topics: Vec::new(),
            figures: vec![figure(f64::NAN), figure(f64::INFINITY), figure(-0.0), figure(1e300), figure(0.1)],
            summary: Some(String::new()),
            deals: vec![Arc::new(deal)],
            paragraphs: Default::default(),
        };
        assert_same_bytes(&[&article, &article]);
    }
}
