//! Where the store's memory goes, by part of the model: the heap bytes each
//! part owns (string and vector capacities plus the structs themselves),
//! so work on the model's size (#10) can aim at the largest. Allocator
//! overhead is not counted: the resident figures of part 4 hold it.

use dealscope::corpus::Corpus;
use dealscope::model::{Article, CountryMention, Deal, Figure, Mention, Unit};
use std::mem::size_of;

/// Heap bytes of a string: an inline compact string has none.
trait HeapText {
    fn heap(&self) -> usize;
}

impl HeapText for String {
    fn heap(&self) -> usize {
        self.capacity()
    }
}

impl HeapText for compact_str::CompactString {
    fn heap(&self) -> usize {
        if self.is_heap_allocated() { self.capacity() } else { 0 }
    }
}

fn text(s: &impl HeapText) -> usize {
    s.heap()
}

/// A shared text: its bytes and the two reference counts beside them.
fn shared_text(s: &std::sync::Arc<str>) -> usize {
    s.len() + 2 * size_of::<usize>()
}

fn texts<'a, S: HeapText + 'a>(items: impl IntoIterator<Item = &'a S>) -> usize {
    items.into_iter().map(|s| size_of::<S>() + s.heap()).sum()
}

/// Heap bytes per part of the model, largest first.
pub fn breakdown(corpus: &Corpus) -> Vec<(&'static str, usize)> {
    let mut parts = [
        ("article structs", 0),
        ("ids, keys, sources, titles, dates, summaries", 0),
        ("paragraphs", 0),
        ("figures", 0),
        ("countries", 0),
        ("organisations", 0),
        ("deal structs", 0),
        ("deal mentions (evidence sentences)", 0),
        ("deal stages, parties, evidence and other fields", 0),
    ];
    for a in corpus.articles() {
        parts[0].1 += size_of::<Article>();
        parts[1].1 += text(&a.id)
            + text(&a.key)
            + text(&a.source)
            + text(&a.title)
            + a.date.as_ref().map_or(0, text)
            + a.summary.as_ref().map_or(0, text);
        parts[2].1 += a.paragraphs.text().len() + a.paragraphs.len() * 8;
        parts[3].1 += a.figures.capacity() * size_of::<Figure>()
            + a.figures
                .iter()
                .map(|f| text(&f.text) + if let Unit::Currency(c) = &f.unit { text(c) } else { 0 })
                .sum::<usize>();
        parts[4].1 += a.countries.capacity() * size_of::<CountryMention>()
            + a.countries.iter().map(|c| text(&c.code) + text(&c.name)).sum::<usize>()
            + a.primary_country.as_ref().map_or(0, |c| text(&c.code) + text(&c.name));
        parts[5].1 += texts(&a.organisations);
        for d in &a.deals {
            parts[6].1 += size_of::<Deal>() + 2 * size_of::<usize>();
            parts[7].1 += d.mentions.capacity() * size_of::<Mention>()
                + d.mentions.iter().map(|m| text(&m.article) + shared_text(&m.text)).sum::<usize>();
            parts[8].1 += text(&d.id)
                + texts(&d.countries)
                + texts(&d.articles)
                + texts(&d.evidence.names)
                + texts(&d.evidence.article_keys)
                + d.stages
                    .iter()
                    .map(|s| size_of_val(s) + text(&s.article) + s.date.as_ref().map_or(0, text))
                    .sum::<usize>()
                + d.organisations.iter().map(|o| size_of_val(o) + text(&o.name)).sum::<usize>()
                + d.amount.as_ref().map_or(0, |x| text(&x.text) + text(&x.currency))
                + d.chips.as_ref().map_or(0, |x| text(&x.text) + x.model.as_ref().map_or(0, text))
                + d.power_mw.as_ref().map_or(0, |x| text(&x.text));
        }
    }
    let mut parts = parts.to_vec();
    parts.sort_by_key(|&(_, bytes)| std::cmp::Reverse(bytes));
    parts
}
