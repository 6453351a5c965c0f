//! The fuzzy matcher: the only file that knows about `frizbee`, so the engine
//! could be swapped. Owns the scoring configuration and the acceptance
//! threshold ("letters close together, not scattered over a title").
//!
//! Both needles and haystacks are expected to be folded already (lower case,
//! no accents), so matching is case-sensitive byte matching.

use frizbee::{CaseMatching, Config, Matcher, Matching, Scoring, UnicodeMatching};

/// Score of one matched character.
pub const MATCH_SCORE: u16 = 12;

/// Total gap penalty a term may pay, whatever its length. With frizbee's
/// affine gaps (open 5, extend 1) this allows exactly one gap of up to five
/// skipped chars ("vietnm", "supcalc", "paysbas" over "pays-bas"); two gaps
/// cost at least 10, so "nvda" (n-v-_-d-_-a) and scattered letters fail.
///
/// Why a constant rather than a budget growing with the term: matching must
/// be monotone under appending characters (if "vietnm" matches, "vietn"
/// must too) so the worker can reuse the previous hits as candidates while
/// the user types. Dropping the last needle char removes exactly
/// `MATCH_SCORE` plus that char's gap, so `score >= MATCH_SCORE * len - B`
/// is prefix-closed only when B does not grow with the length and no
/// per-char bonuses exist. The minimum score is still relative to length.
pub const GAP_BUDGET: u16 = 9;

fn config() -> Config {
    Config {
        max_typos: Some(0),
        casing: CaseMatching::Respect,
        unicode: UnicodeMatching::Smart,
        matching: Matching::Fuzzy,
        sort: frizbee::SortStrategy::IndexAsc,
        // No bonuses: see GAP_BUDGET. Word starts are rewarded by the
        // engine's ranking instead.
        scoring: Scoring {
            match_score: MATCH_SCORE,
            mismatch_penalty: 6,
            gap_open_penalty: 5,
            gap_extend_penalty: 1,
            prefix_bonus: 0,
            capitalization_bonus: 0,
            matching_case_bonus: 0,
            exact_match_bonus: 0,
            delimiter_bonus: 0,
        },
    }
}

/// The lowest score a term of `term_chars` chars must reach to match.
pub fn min_score(term_chars: usize) -> u16 {
    let full = (term_chars.min(u16::MAX as usize / MATCH_SCORE as usize) as u16) * MATCH_SCORE;
    full.saturating_sub(GAP_BUDGET).max(1)
}

/// Scores `term` against every haystack: `Some(score)` where it matches
/// closely enough, `None` elsewhere. An empty term matches everything with 0.
pub fn fuzzy_scores(term: &str, haystacks: &[&str]) -> Vec<Option<u16>> {
    if term.is_empty() {
        return vec![Some(0); haystacks.len()];
    }
    let min = min_score(term.chars().count());
    let mut out = vec![None; haystacks.len()];
    let mut matcher = Matcher::new(term, &config());
    for m in matcher.match_list(haystacks) {
        if m.score >= min {
            out[m.index as usize] = Some(m.score);
        }
    }
    out
}

/// Char indices in `haystack` of the letters `term` matched, ascending, or
/// `None` when it does not match closely enough.
pub fn match_positions(term: &str, haystack: &str) -> Option<Vec<usize>> {
    if term.is_empty() {
        return Some(Vec::new());
    }
    let mut matcher = Matcher::new(term, &config());
    let m = matcher.match_list_indices(&[haystack]).pop()?;
    if m.score < min_score(term.chars().count()) {
        return None;
    }
    // frizbee reports byte offsets; the caller maps char indices.
    let mut bytes: Vec<usize> = m.indices.iter().map(|&i| i as usize).collect();
    bytes.sort_unstable();
    let chars = haystack
        .char_indices()
        .enumerate()
        .filter(|(_, (b, _))| bytes.binary_search(b).is_ok())
        .map(|(ci, _)| ci)
        .collect();
    Some(chars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::fold;

    #[test]
    fn probe() {
        let titles = [
            "Le Salvador fait un pas décisif vers l’avenir technologique, annonçant un historique Collaboration avec Nvidia",
            "Nvidia renforce la puissance technologique sud-coréenne avec 260 000 puces d’IA",
            "Corée du Sud",
            "Le Vietnam pourrait concrétiser son projet de devenir un pôle technologique régional",
            "Les Pays-Bas misent sur un supercalculateur IA avec Nvidia",
            "États-Unis",
        ];
        let folded: Vec<String> = titles.iter().map(|t| fold(t)).collect();
        let refs: Vec<&str> = folded.iter().map(|s| s.as_str()).collect();
        for term in ["coree", "vietnm", "vietnam", "supercalc", "etats", "paysbas", "nvda", "co"] {
            let mut m = Matcher::new(term, &config());
            let res = m.match_list(&refs);
            eprintln!(
                "{term} min={} {:?}",
                min_score(term.len()),
                res.iter().map(|r| (r.index, r.score)).collect::<Vec<_>>()
            );
        }
    }
}
