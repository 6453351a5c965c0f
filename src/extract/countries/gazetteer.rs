//! The country list: parsing `assets/countries.tsv`, finding its names in
//! article text, and resolving what a user types to one country.

use crate::extract::lexicon::{PhraseIndex, WordIds, alternatives};
use crate::extract::text::normalize_phrase;
use aho_corasick::AhoCorasick;
use anyhow::{Result, anyhow, bail};
use std::collections::HashMap;
use std::sync::OnceLock;

const EMBEDDED: &str = include_str!("../../../assets/countries.tsv");

/// Code column value of the rows listing phrases that are not countries.
const NOT_A_COUNTRY: &str = "--";
/// Prefix of a name used for lookups only, never searched for in text.
const LOOKUP_ONLY: char = '!';
const COLUMNS: usize = 6;

/// One country of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryInfo {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    pub name_en: String,
    pub name_fr: String,
    /// Every name, alias and adjective as written in the file, lookup-only
    /// and case-sensitive ones included.
    pub names: Vec<String>,
}

/// One country name found in a text. Offsets count chars of the original
/// text, so a caller can highlight the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryHit<'g> {
    pub country: &'g CountryInfo,
    pub start: usize,
    pub end: usize,
    /// A nationality adjective ("vietnamien", "American") rather than the
    /// country's name: it qualifies something, it rarely makes a party.
    pub adjective: bool,
}

/// [`CountryHit`] with offsets in bytes of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountrySpan<'g> {
    pub country: &'g CountryInfo,
    pub bytes: std::ops::Range<usize>,
    pub adjective: bool,
}

/// What a phrase matched in text stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    Country(usize),
    /// A nationality adjective of the country.
    Adjective(usize),
    /// A longer phrase that hides a country word ("océan Indien").
    NotACountry,
}

/// The parsed country list with its matching indexes.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    countries: Vec<CountryInfo>,
    by_code: HashMap<String, usize>,
    phrases: PhraseIndex<Meaning>,
    /// Aliases matched only exactly as written ("US", "EAU").
    exact: Vec<(String, usize)>,
    /// Every `exact` alias (pattern `i` is `exact[i]`), found in one pass.
    exact_finder: AhoCorasick,
    /// Normalised name, country index, and whether it is the English or
    /// French name (preferred when a prefix is ambiguous).
    lookup_names: Vec<(String, usize, bool)>,
}

impl Gazetteer {
    /// The list shipped with the program, parsed on first use.
    pub fn embedded() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(|| Gazetteer::parse(EMBEDDED).expect("assets/countries.tsv is valid"))
    }

    /// Parses the tab-separated list described at the top of
    /// `assets/countries.tsv`. Errors name the offending line.
    pub fn parse(text: &str) -> Result<Gazetteer> {
        let mut builder = Builder::default();
        for (number, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            builder.line = number + 1;
            builder.row(&fields).map_err(|e| anyhow!("countries data, line {}: {e}", number + 1))?;
        }
        builder.finish()
    }

    /// The country with this ISO code, in any case.
    pub fn get(&self, code: &str) -> Option<&CountryInfo> {
        self.by_code.get(&code.trim().to_ascii_uppercase()).map(|&i| &self.countries[i])
    }

    pub fn countries(&self) -> impl Iterator<Item = &CountryInfo> {
        self.countries.iter()
    }

    /// Resolves user input: an ISO code, or any name, alias or adjective in
    /// any case, with or without accents; failing an exact match, a prefix
    /// that only one country's English or French name (or else only one
    /// country's names) starts with.
    pub fn lookup(&self, query: &str) -> Option<&CountryInfo> {
        let q = normalize_phrase(query);
        if q.is_empty() {
            return None;
        }
        if let Some(country) = self.get(&q).filter(|_| q.len() == 2) {
            return Some(country);
        }
        // From strict to loose; the first tier with any match decides, so an
        // ambiguous prefix gives nothing rather than a guess.
        self.decide(|name, _| name == q)
            .or_else(|| self.decide(|name, primary| primary && name.starts_with(&q)))
            .or_else(|| self.decide(|name, _| name.starts_with(&q)))
            .flatten()
    }

    /// `None` when no name satisfies `matches`, otherwise the country they
    /// all belong to, if there is just one.
    fn decide(&self, matches: impl Fn(&str, bool) -> bool) -> Option<Option<&CountryInfo>> {
        let mut found =
            self.lookup_names.iter().filter(|(name, _, primary)| matches(name, *primary)).map(|e| e.1);
        let first = found.next()?;
        Some(found.all(|i| i == first).then(|| &self.countries[first]))
    }

    /// Countries whose names are near `query`, nearest first, for "did you
    /// mean" messages.
    pub fn suggest(&self, query: &str, max: usize) -> Vec<&CountryInfo> {
        let q: Vec<char> = normalize_phrase(query).chars().collect();
        if q.is_empty() || max == 0 {
            return Vec::new();
        }
        // Allow about one typo per three letters, at least one.
        let limit = (q.len() / 3).max(1);
        let mut best: HashMap<usize, usize> = HashMap::new();
        for (name, index, _) in &self.lookup_names {
            let name: Vec<char> = name.chars().collect();
            let whole = levenshtein(&q, &name);
            // A short query is compared with the start of longer names too
            // ("germ" -> "germany"), one step dearer than a whole match.
            let prefix = levenshtein(&q, &name[..q.len().min(name.len())]) + 1;
            let distance = whole.min(prefix);
            if distance <= limit {
                let entry = best.entry(*index).or_insert(distance);
                *entry = (*entry).min(distance);
            }
        }
        let mut ranked: Vec<(usize, usize)> = best.into_iter().collect();
        ranked.sort_by(|a, b| {
            a.1.cmp(&b.1).then_with(|| self.countries[a.0].name_en.cmp(&self.countries[b.0].name_en))
        });
        ranked.into_iter().take(max).map(|(i, _)| &self.countries[i]).collect()
    }

    /// Every country name in `text`, in order: phrases compared folded on
    /// whole words (longest wins), then case-sensitive aliases wherever they
    /// do not overlap a phrase. Phrases listed as not countries hide the
    /// country words inside them and are not reported.
    pub fn scan(&self, text: &str) -> Vec<CountryHit<'_>> {
        let spans = self.scan_spans(text, &mut WordIds::default());
        // Spans are sorted and disjoint: chars are counted once, on the way.
        let (mut byte, mut chars) = (0, 0);
        let mut char_at = |to: usize| {
            chars += text[byte..to].chars().count();
            byte = to;
            chars
        };
        spans
            .into_iter()
            .map(|span| {
                let start = char_at(span.bytes.start);
                let end = char_at(span.bytes.end);
                CountryHit { country: span.country, start, end, adjective: span.adjective }
            })
            .collect()
    }

    /// [`Gazetteer::scan`] with byte offsets; `words` is a buffer reused
    /// across calls.
    pub fn scan_spans(&self, text: &str, words: &mut WordIds) -> Vec<CountrySpan<'_>> {
        self.phrases.read_words(text, words);
        let mut spans: Vec<(usize, usize, Meaning)> = self
            .phrases
            .find_in_ids(&words.ids)
            .into_iter()
            .map(|m| (words.spans[m.first_token].start, words.spans[m.end_token - 1].end, *m.value))
            .collect();
        let exact = self.exact_spans(text, &spans);
        spans.extend(exact);
        spans.sort_by_key(|s| s.0);
        spans
            .into_iter()
            .filter_map(|(start, end, meaning)| {
                let (country, adjective) = match meaning {
                    Meaning::Country(i) => (i, false),
                    Meaning::Adjective(i) => (i, true),
                    Meaning::NotACountry => return None,
                };
                Some(CountrySpan { country: &self.countries[country], bytes: start..end, adjective })
            })
            .collect()
    }

    /// Case-sensitive aliases found in `text` on word boundaries, as byte
    /// spans, skipping any that overlap `taken` (sorted, disjoint) or an
    /// earlier, longer alias.
    fn exact_spans(&self, text: &str, taken: &[(usize, usize, Meaning)]) -> Vec<(usize, usize, Meaning)> {
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        // Per alias, where its previous occurrence ends: occurrences of one
        // alias do not overlap (as `str::match_indices` finds them), those
        // of different aliases may.
        let mut alias_end = vec![0usize; self.exact.len()];
        for found in self.exact_finder.find_overlapping_iter(text) {
            let alias = found.pattern().as_usize();
            let (start, end) = (found.start(), found.end());
            if start < alias_end[alias] {
                continue;
            }
            alias_end[alias] = end;
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
                candidates.push((start, end, self.exact[alias].1));
            }
        }
        if candidates.is_empty() {
            return Vec::new();
        }
        candidates.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        let mut out = Vec::new();
        let mut last_end = 0;
        for (start, end, index) in candidates {
            let next_taken = taken.partition_point(|t| t.1 <= start);
            let overlaps_phrase = taken.get(next_taken).is_some_and(|t| t.0 < end);
            if start < last_end || overlaps_phrase {
                continue;
            }
            last_end = end;
            out.push((start, end, Meaning::Country(index)));
        }
        out
    }
}

/// Accumulates rows, checking each as it comes.
#[derive(Default)]
struct Builder {
    countries: Vec<CountryInfo>,
    by_code: HashMap<String, usize>,
    /// Normalised phrase searched in text -> its meaning.
    phrases: HashMap<String, Meaning>,
    exact: Vec<(String, usize)>,
    /// Line of each `exact` alias, for errors found once all rows are in.
    exact_lines: Vec<usize>,
    lookup_names: Vec<(String, usize, bool)>,
    /// Line being read.
    line: usize,
}

impl Builder {
    fn row(&mut self, fields: &[&str]) -> Result<()> {
        if fields.len() > COLUMNS {
            bail!("{} columns, at most {COLUMNS} expected", fields.len());
        }
        let field = |i: usize| fields.get(i).copied().filter(|f| *f != "-").unwrap_or("");
        let code = field(0);
        if code == NOT_A_COUNTRY {
            let list: Vec<&str> = alternatives(field(1)).collect();
            if list.is_empty() {
                bail!("a `{NOT_A_COUNTRY}` row needs phrases in its second column");
            }
            return list.into_iter().try_for_each(|p| self.add_phrase(p, Meaning::NotACountry));
        }
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            bail!("country code {code:?} is not two upper-case letters");
        }
        if self.by_code.contains_key(code) {
            bail!("country code {code} appears twice");
        }
        let index = self.countries.len();
        let mut names: Vec<String> = Vec::new();
        let mut display = [String::new(), String::new()];
        for (column, label) in [(1, "English"), (2, "French")] {
            let name = field(column);
            if name.is_empty() || name.contains('|') {
                bail!("{code} needs exactly one {label} name in column {}", column + 1);
            }
            display[column - 1] = self.add_name(name, index, Meaning::Country(index), true, &mut names)?;
        }
        for (column, meaning) in [(3, Meaning::Country(index)), (4, Meaning::Adjective(index))] {
            for name in alternatives(field(column)) {
                self.add_name(name, index, meaning, false, &mut names)?;
            }
        }
        for alias in alternatives(field(5)) {
            let normalised = normalize_phrase(alias);
            if normalised.is_empty() {
                bail!("case-sensitive alias {alias:?} has no letters");
            }
            self.exact.push((alias.to_string(), index));
            self.exact_lines.push(self.line);
            self.lookup_names.push((normalised, index, false));
            push_unique(&mut names, alias);
        }
        let [name_en, name_fr] = display;
        self.by_code.insert(code.to_string(), index);
        self.countries.push(CountryInfo { code: code.to_string(), name_en, name_fr, names });
        Ok(())
    }

    /// Registers one name and returns it without its lookup-only marker.
    fn add_name(
        &mut self,
        raw: &str,
        index: usize,
        meaning: Meaning,
        primary: bool,
        names: &mut Vec<String>,
    ) -> Result<String> {
        let (name, searched) = match raw.strip_prefix(LOOKUP_ONLY) {
            Some(rest) => (rest.trim(), false),
            None => (raw, true),
        };
        let normalised = normalize_phrase(name);
        if normalised.is_empty() {
            bail!("name {raw:?} has no letters");
        }
        if searched {
            self.add_phrase(name, meaning)?;
        }
        self.lookup_names.push((normalised, index, primary));
        push_unique(names, name);
        Ok(name.to_string())
    }

    fn add_phrase(&mut self, phrase: &str, meaning: Meaning) -> Result<()> {
        let normalised = normalize_phrase(phrase);
        if normalised.is_empty() {
            bail!("phrase {phrase:?} has no letters");
        }
        match self.phrases.get(&normalised) {
            Some(&existing) if existing != meaning => {
                bail!("{phrase:?} already stands for {}", self.describe(existing))
            }
            _ => {
                self.phrases.insert(normalised, meaning);
                Ok(())
            }
        }
    }

    fn describe(&self, meaning: Meaning) -> String {
        match meaning {
            Meaning::Country(i) | Meaning::Adjective(i) => {
                self.countries.get(i).map_or("this row", |c| c.code.as_str()).to_string()
            }
            Meaning::NotACountry => "a not-a-country phrase".to_string(),
        }
    }

    fn finish(self) -> Result<Gazetteer> {
        // A case-sensitive alias that is also a folded phrase would be
        // counted twice, and the point of the column is lost.
        for ((alias, _), line) in self.exact.iter().zip(&self.exact_lines) {
            if let Some(&meaning) = self.phrases.get(&normalize_phrase(alias)) {
                let owner = self.describe(meaning);
                bail!(
                    "countries data, line {line}: case-sensitive alias {alias:?} is also matched in any case ({owner})"
                );
            }
        }
        let mut phrases = PhraseIndex::new();
        for (phrase, meaning) in self.phrases {
            phrases.insert(&phrase, meaning);
        }
        let exact_finder = AhoCorasick::new(self.exact.iter().map(|(alias, _)| alias))
            .map_err(|e| anyhow!("countries data: case-sensitive aliases: {e}"))?;
        Ok(Gazetteer {
            countries: self.countries,
            by_code: self.by_code,
            phrases,
            exact: self.exact,
            exact_finder,
            lookup_names: self.lookup_names,
        })
    }
}

fn push_unique(names: &mut Vec<String>, name: &str) {
    if !names.iter().any(|n| n == name) {
        names.push(name.to_string());
    }
}

/// Edit distance (insertions, deletions, substitutions) between two words.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn embedded_list_is_complete_and_well_formed() {
        let g = Gazetteer::embedded();
        let codes: HashSet<&str> = g.countries().map(|c| c.code.as_str()).collect();
        assert_eq!(codes.len(), g.countries().count(), "codes are unique");
        // 193 UN members, 2 observers, and Taiwan, Hong Kong, Macau, Kosovo.
        assert_eq!(codes.len(), 199);
        for c in g.countries() {
            assert!(c.code.len() == 2 && c.code.bytes().all(|b| b.is_ascii_uppercase()), "{c:?}");
            assert!(!c.name_en.is_empty() && !c.name_fr.is_empty(), "{c:?}");
            assert!(c.names.iter().all(|n| !n.starts_with(LOOKUP_ONLY)), "{c:?}");
        }
        for code in ["US", "CN", "KR", "KP", "NL", "SV", "VN", "TW", "HK", "MO", "PS", "XK", "VA", "SS"] {
            assert!(codes.contains(code), "{code} missing");
        }
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let cases = [
            ("# c\nkr\tKorea\tCorée\n", "line 2", "two upper-case letters"),
            ("KR\tKorea\tCorée\nKR\tKorea\tCorée\n", "line 2", "appears twice"),
            ("KR\tKorea\n", "line 1", "French name"),
            ("KR\t\tCorée\n", "line 1", "English name"),
            ("KR\tKorea|Corea\tCorée\n", "line 1", "English name"),
            ("KR\tKorea\tCorée\t\t\t\t\n", "line 1", "columns"),
            ("KR\tKorea\tCorée\nKP\tNorth Korea\tCorée\n", "line 2", "already stands for KR"),
            ("--\t\n", "line 1", "needs phrases"),
            ("--\tKorea\nKR\tKorea\tCorée\n", "line 2", "not-a-country"),
            ("KR\tKorea\tCorée\t-\t-\tKOREA\n", "line 1", "also matched in any case (KR)"),
            ("KR\tKorea\tCorée\nUS\tUnited States\tÉtats-Unis\t-\t-\tUS|Korea\n", "line 2", "(KR)"),
        ];
        for (text, line, problem) in cases {
            let message = Gazetteer::parse(text).expect_err(text).to_string();
            assert!(message.contains(line) && message.contains(problem), "{text:?}: {message}");
        }
        assert!(Gazetteer::parse("# only comments\n\n").is_ok());
    }

    #[test]
    fn lookups_resolve_codes_names_and_prefixes() {
        let g = Gazetteer::embedded();
        let cases = [
            ("kr", Some("KR")),
            ("KR", Some("KR")),
            (" Corée du Sud ", Some("KR")),
            ("coree", Some("KR")),
            ("South Korea", Some("KR")),
            ("south korea", Some("KR")),
            ("korea", Some("KR")),
            ("corée du nord", Some("KP")),
            ("états-unis", Some("US")),
            ("etats", Some("US")),
            ("usa", Some("US")),
            ("us", Some("US")),
            ("United States", Some("US")),
            ("uk", Some("GB")),
            ("georgia", Some("GE")),
            ("hollande", Some("NL")),
            ("sud-coréenne", Some("KR")),
            ("salvador", Some("SV")),
            ("pays", Some("NL")),
            ("ind", None),
            ("atlantis", None),
            ("", None),
            ("--", None),
        ];
        for (query, expected) in cases {
            assert_eq!(g.lookup(query).map(|c| c.code.as_str()), expected, "query {query:?}");
        }
    }

    #[test]
    fn suggestions_for_misspellings() {
        let g = Gazetteer::embedded();
        let suggest = |q: &str| g.suggest(q, 3).into_iter().map(|c| c.code.as_str()).collect::<Vec<_>>();
        assert_eq!(suggest("corea"), ["KR"]);
        assert_eq!(suggest("coree du nor").first(), Some(&"KP"));
        assert_eq!(suggest("germny"), ["DE"]);
        assert_eq!(suggest("Frence").first(), Some(&"FR"));
        assert_eq!(suggest("swizerland"), ["CH", "SZ"]);
        assert!(suggest("xqzwv").is_empty());
        assert!(suggest("").is_empty());
        assert!(g.suggest("corea", 0).is_empty());
        assert_eq!(g.suggest("a", 5).len(), 5);
    }

    #[test]
    fn levenshtein_counts_edits() {
        let d =
            |a: &str, b: &str| levenshtein(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>());
        assert_eq!(
            [d("", ""), d("abc", ""), d("", "ab"), d("kitten", "sitting"), d("corea", "coree")],
            [0, 3, 2, 3, 1]
        );
    }
}
