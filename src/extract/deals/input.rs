//! What deal extraction reads: the article's segments and the facts the
//! other extractors already found in them, with their positions.

use crate::extract::Segment;
use crate::extract::countries::SegmentCountry;
use crate::extract::organisations::OrgMention;
use crate::model::{CountryRef, Figure, Topic};

pub struct DealInput<'a> {
    pub article_id: &'a str,
    /// The article's stable key; deal ids derive from it.
    pub article_key: &'a str,
    /// The article's date, `YYYY-MM[-DD]`.
    pub date: Option<&'a str>,
    pub segments: &'a [Segment<'a>],
    /// Figures of each segment, offsets into that segment's text.
    pub figures: &'a [Vec<Figure>],
    pub countries: &'a [SegmentCountry],
    pub orgs: &'a [OrgMention],
    pub topics: &'a [Topic],
    /// The country the article is mostly about, by mentions: the host of a
    /// deal whose sentences name none.
    pub primary: Option<&'a CountryRef>,
}
