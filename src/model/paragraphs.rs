//! An article's body held compactly: every paragraph in one shared text, so
//! the store and the search index hold the same bytes once, with no
//! allocation per paragraph.

use super::article::{Paragraph, ParagraphKind};
use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// Body paragraphs and subheadings in order, the lead included.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Paragraphs {
    /// Every paragraph, in order, with a newline between two.
    text: Arc<str>,
    /// Where each paragraph ends in `text`, and what it is.
    ends: Box<[(u32, ParagraphKind)]>,
}

/// One paragraph, borrowed from its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ParagraphRef<'a> {
    pub kind: ParagraphKind,
    pub text: &'a str,
}

impl Paragraphs {
    /// The paragraphs as one text, a newline between two: the bytes the
    /// search index shares for exact terms.
    pub fn text(&self) -> &Arc<str> {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<ParagraphRef<'_>> {
        let &(end, kind) = self.ends.get(index)?;
        let start = match index {
            0 => 0,
            _ => self.ends[index - 1].0 as usize + 1,
        };
        Some(ParagraphRef { kind, text: &self.text[start..end as usize] })
    }

    pub fn first(&self) -> Option<ParagraphRef<'_>> {
        self.get(0)
    }

    pub fn last(&self) -> Option<ParagraphRef<'_>> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// The text and where each paragraph ends in it: what a cache record
    /// keeps, given back to [`Paragraphs::from_parts`].
    pub fn parts(&self) -> (&str, &[(u32, ParagraphKind)]) {
        (&self.text, &self.ends)
    }

    /// Paragraphs from their parts, checked (the parts come from a file):
    /// none unless every paragraph ends on a char boundary, after the
    /// newline that ends the one before, and the last ends the text.
    pub fn from_parts(text: &str, ends: Vec<(u32, ParagraphKind)>) -> Option<Paragraphs> {
        let mut start = 0;
        for (i, &(end, _)) in ends.iter().enumerate() {
            let end = end as usize;
            if i > 0 {
                if text.as_bytes().get(start) != Some(&b'\n') {
                    return None;
                }
                start += 1;
            }
            if end < start || !text.is_char_boundary(end) {
                return None;
            }
            start = end;
        }
        (start == text.len()).then(|| Paragraphs { text: text.into(), ends: ends.into() })
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = ParagraphRef<'_>> + ExactSizeIterator + '_ {
        self.ends.iter().enumerate().map(|(i, &(end, kind))| {
            let start = if i == 0 { 0 } else { self.ends[i - 1].0 as usize + 1 };
            ParagraphRef { kind, text: &self.text[start..end as usize] }
        })
    }
}

impl From<Vec<Paragraph>> for Paragraphs {
    fn from(paragraphs: Vec<Paragraph>) -> Paragraphs {
        let bytes: usize = paragraphs.iter().map(|p| p.text.len() + 1).sum();
        let mut body = Builder::with_capacity(bytes, paragraphs.len());
        for p in paragraphs {
            if !body.push(p.kind, &p.text) {
                break;
            }
        }
        body.finish()
    }
}

/// Paragraphs joined as they arrive, whether from a list of owned
/// paragraphs or straight from a deserialiser's borrowed text.
struct Builder {
    text: String,
    ends: Vec<(u32, ParagraphKind)>,
}

impl Builder {
    fn with_capacity(bytes: usize, paragraphs: usize) -> Builder {
        // An article is read whole from a file the loader caps far below
        // 4 GiB; a longer body keeps only the paragraphs that fit.
        Builder {
            text: String::with_capacity(bytes.min(u32::MAX as usize)),
            ends: Vec::with_capacity(paragraphs),
        }
    }

    /// Appends a paragraph; false (and nothing appended) when it would take
    /// the text past what a `u32` end can point to.
    fn push(&mut self, kind: ParagraphKind, paragraph: &str) -> bool {
        let separator = usize::from(!self.ends.is_empty());
        if self.text.len() + separator + paragraph.len() > u32::MAX as usize {
            return false;
        }
        if separator == 1 {
            self.text.push('\n');
        }
        self.text.push_str(paragraph);
        self.ends.push((self.text.len() as u32, kind));
        true
    }

    fn finish(self) -> Paragraphs {
        Paragraphs { text: self.text.into(), ends: self.ends.into() }
    }
}

/// Shown as the list of paragraphs it holds, as a `Vec<Paragraph>` is (the
/// extraction bench's digest of every fact reads this).
impl fmt::Debug for Paragraphs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|p| Paragraph { kind: p.kind, text: p.text.to_string() }))
            .finish()
    }
}

impl Serialize for Paragraphs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Reads the list [`Serialize`] writes. Each paragraph's text is borrowed
/// from the input when the format allows (postcard does) and copied once,
/// into the shared text: no allocation per paragraph.
impl<'de> Deserialize<'de> for Paragraphs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Paragraphs, D::Error> {
        deserializer.deserialize_seq(ParagraphList)
    }
}

struct ParagraphList;

#[derive(Deserialize)]
struct ParagraphIn<'a> {
    kind: ParagraphKind,
    #[serde(borrow)]
    text: Cow<'a, str>,
}

impl<'de> Visitor<'de> for ParagraphList {
    type Value = Paragraphs;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of paragraphs")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut list: A) -> Result<Paragraphs, A::Error> {
        // The hint counts paragraphs, not bytes, and comes from the input:
        // capped, so a forged length cannot reserve much.
        let mut body = Builder::with_capacity(0, list.size_hint().unwrap_or(0).min(1 << 16));
        let mut full = false;
        while let Some(p) = list.next_element::<ParagraphIn<'de>>()? {
            // Past the first paragraph that does not fit, the rest is read
            // (a positional format must consume it) and dropped, as `From` drops it.
            if !full {
                full = !body.push(p.kind, &p.text);
            }
        }
        Ok(body.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_round_trip_and_bad_parts_are_refused() {
        use ParagraphKind::{Heading, Text};
        let body = Paragraphs::from(vec![
            Paragraph { kind: Text, text: "Été".into() },
            Paragraph { kind: Heading, text: String::new() },
            Paragraph { kind: Text, text: "fin\n".into() },
        ]);
        let (text, ends) = body.parts();
        assert_eq!(Paragraphs::from_parts(text, ends.to_vec()), Some(body.clone()));
        assert_eq!(Paragraphs::from_parts("", Vec::new()), Some(Paragraphs::default()));
        for (text, ends) in [
            ("abc", vec![(4, Text)]),              // past the end
            ("é", vec![(1, Text)]),                // inside a char
            ("ab", vec![(1, Text)]),               // text left after the last
            ("a b", vec![(1, Text), (3, Text)]),   // no newline between two
            ("ab\nc", vec![(2, Text), (1, Text)]), // ends going back
            ("x", Vec::new()),                     // text with no paragraph
        ] {
            assert_eq!(Paragraphs::from_parts(text, ends.clone()), None, "{text:?} {ends:?}");
        }
    }

    fn paragraph(kind: ParagraphKind, text: &str) -> Paragraph {
        Paragraph { kind, text: text.into() }
    }

    #[test]
    fn round_trips_paragraphs_including_empty_ones() {
        let input = vec![
            paragraph(ParagraphKind::Text, "Le lead."),
            paragraph(ParagraphKind::Heading, "Un intertitre"),
            paragraph(ParagraphKind::Text, ""),
            paragraph(ParagraphKind::Text, "Fin, avec é."),
        ];
        let body = Paragraphs::from(input.clone());
        let back: Vec<Paragraph> =
            body.iter().map(|p| Paragraph { kind: p.kind, text: p.text.to_string() }).collect();
        assert_eq!(back, input);
        assert_eq!(&**body.text(), "Le lead.\nUn intertitre\n\nFin, avec é.");
        assert_eq!(body.last().map(|p| p.text), Some("Fin, avec é."));
        assert_eq!(body.iter().next_back().map(|p| p.kind), Some(ParagraphKind::Text));
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json[1], serde_json::json!({"kind": "heading", "text": "Un intertitre"}));
    }

    #[test]
    fn an_empty_body_has_no_paragraph() {
        let body = Paragraphs::from(Vec::new());
        assert!(body.is_empty());
        assert_eq!(body.first(), None);
        assert_eq!(body.last(), None);
        let body = Paragraphs::from(vec![paragraph(ParagraphKind::Text, "")]);
        assert_eq!(body.len(), 1);
        assert_eq!(body.first().map(|p| p.text), Some(""));
    }
}
