//! `dealscope deals`: one line per deal, or the deals as JSON.

use super::json::write_pretty;
use super::{UsageError, load, output_width, resolve_country};
use crate::corpus::deals::{DealFilter, DealSort, sort_deals};
use crate::corpus::ingest::LoadOptions;
use crate::corpus::{Corpus, merge};
use crate::display::{deal_organisations, fit_width, pad_width, short_count, short_power, short_usd};
use crate::model::{Deal, DealKind, DealStatus};
use crate::search::filter_deals;
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Args)]
pub struct DealsArgs {
    pub paths: Vec<PathBuf>,
    /// Host country: ISO code or English/French name; repeat for any of several.
    #[arg(long = "country", short = 'c', value_name = "C")]
    pub countries: Vec<String>,
    /// Deal kind (chip-supply, data-centre, supercomputer, r-and-d, investment,
    /// partnership, acquisition, export-control) or a unique prefix of one of
    /// its words; repeat for any of several.
    #[arg(long = "kind", short = 'k', value_name = "K")]
    pub kinds: Vec<String>,
    /// Deal status (rumoured, in-talks, announced, mou, signed, approved,
    /// under-construction, operational, delayed, cancelled, blocked) or a
    /// unique prefix; repeat for any of several.
    #[arg(long = "status", short = 's', value_name = "S")]
    pub statuses: Vec<String>,
    /// Filter in the browser's filter language, over organisations, country
    /// names, kind and the reporting articles' titles.
    #[arg(long, short = 'q', value_name = "Q")]
    pub query: Option<String>,
    #[arg(long, value_enum, default_value_t = DealSortArg::Date)]
    pub sort: DealSortArg,
    /// Reverse the sort order.
    #[arg(long)]
    pub reverse: bool,
    #[arg(long)]
    pub json: bool,
    /// Print the merge decisions behind one deal (an id or a unique prefix).
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DealSortArg {
    /// Largest value in US dollars first.
    Value,
    /// Newest first.
    Date,
    Country,
    /// Lifecycle order: rumoured first, exits last.
    Status,
}

impl From<DealSortArg> for DealSort {
    fn from(arg: DealSortArg) -> Self {
        match arg {
            DealSortArg::Value => DealSort::Value,
            DealSortArg::Date => DealSort::Date,
            DealSortArg::Country => DealSort::Country,
            DealSortArg::Status => DealSort::Status,
        }
    }
}

/// A slug, a unique prefix of it, or a unique prefix of one of its
/// hyphenated words ("supply" is chip-supply, "under" under-construction).
pub fn resolve_slug<T: Copy>(what: &str, query: &str, all: &[(T, &'static str)]) -> Result<T, UsageError> {
    let wanted = query.trim().to_lowercase();
    if let Some((value, _)) = all.iter().find(|(_, slug)| *slug == wanted) {
        return Ok(*value);
    }
    let matches: Vec<&(T, &str)> = all
        .iter()
        .filter(|(_, slug)| {
            !wanted.is_empty()
                && slug
                    .split('-')
                    .enumerate()
                    .any(|(i, w)| w.starts_with(&wanted) || i == 0 && slug.starts_with(&wanted))
        })
        .collect();
    match matches.as_slice() {
        [(value, _)] => Ok(*value),
        _ => {
            let slugs: Vec<&str> = all.iter().map(|(_, s)| *s).collect();
            Err(UsageError(format!("unknown {what} {query:?}; {what}s are: {}", slugs.join(", "))))
        }
    }
}

pub fn resolve_kind(query: &str) -> Result<DealKind, UsageError> {
    let all: Vec<(DealKind, &str)> = DealKind::ALL.iter().map(|&k| (k, k.slug())).collect();
    resolve_slug("kind", query, &all)
}

pub fn resolve_status(query: &str) -> Result<DealStatus, UsageError> {
    let all: Vec<(DealStatus, &str)> = DealStatus::ALL.iter().map(|&s| (s, s.slug())).collect();
    resolve_slug("status", query, &all)
}

pub fn run(args: &DealsArgs, options: &LoadOptions, out: &mut dyn Write) -> Result<()> {
    let filter = DealFilter {
        countries: args.countries.iter().map(|c| resolve_country(c)).collect::<Result<_, _>>()?,
        kinds: args.kinds.iter().map(|k| resolve_kind(k)).collect::<Result<_, _>>()?,
        statuses: args.statuses.iter().map(|s| resolve_status(s)).collect::<Result<_, _>>()?,
    };
    let corpus = load(&args.paths, options)?;
    let deals = corpus.deals();
    if let Some(id) = &args.explain {
        let deal = find_deal(deals, id)?;
        return write_explanation(corpus, deal, output_width(), out);
    }
    let mut selected: Vec<usize> = (0..deals.len()).filter(|&i| filter.matches(&deals[i])).collect();
    sort_deals(deals, &mut selected, args.sort.into(), args.reverse);
    if let Some(query) = args.query.as_deref().filter(|q| !q.trim().is_empty()) {
        selected = filter_deals(corpus, &selected, query);
    }
    let chosen: Vec<&Deal> = selected.iter().map(|&i| deals[i].as_ref()).collect();
    if args.json {
        // Deals never went through a `Value`: their keys keep the model's
        // declaration order.
        write_pretty(out, &chosen)?;
    } else {
        write_table(&chosen, output_width(), out)?;
    }
    Ok(())
}

/// A deal by exact id, else by unique id prefix.
fn find_deal<'d>(deals: &'d [Arc<Deal>], id: &str) -> Result<&'d Deal, UsageError> {
    if let Some(deal) = deals.iter().find(|d| d.id == id) {
        return Ok(deal);
    }
    let candidates: Vec<&Deal> = deals.iter().filter(|d| d.id.starts_with(id)).map(Arc::as_ref).collect();
    match candidates.as_slice() {
        [one] => Ok(one),
        [] => Err(UsageError(format!("no deal with id {id:?}"))),
        many => {
            let ids: Vec<&str> = many.iter().take(8).map(|d| d.id.as_str()).collect();
            Err(UsageError(format!("deal id {id:?} is ambiguous: {}", ids.join(", "))))
        }
    }
}

/// `--explain`: the deal, the articles that report it with what each said,
/// and every merge decision taken for it, with its evidence and score.
fn write_explanation(corpus: &Corpus, deal: &Deal, width: usize, out: &mut dyn Write) -> Result<()> {
    let width = width.clamp(40, 120);
    let country = deal.country.as_ref().map_or("no host".into(), |c| format!("{} ({})", c.name, c.code));
    writeln!(out, "{}  {}  {}  {}", deal.id, country, deal.kind, deal.status)?;
    writeln!(out, "Reported by {} article(s):", deal.articles.len())?;
    for stage in &deal.stages {
        let title = corpus.by_id(&stage.article).map_or("", |a| a.title.as_str());
        let line = format!(
            "  {:<18} {:<10} {}  {}",
            stage.status.slug(),
            stage.date.as_deref().unwrap_or("undated"),
            stage.article,
            title
        );
        writeln!(out, "{}", fit_width(&line, width))?;
    }
    for article in deal.articles.iter().filter(|a| !deal.stages.iter().any(|s| s.article == **a)) {
        writeln!(out, "  {:<18} {:<10} {article}", "(same stage)", "")?;
    }
    let decisions = corpus.merge_decisions(&deal.id);
    if decisions.is_empty() {
        writeln!(out, "No merge: no other report scored as this deal (threshold {}).", merge::THRESHOLD)?;
    }
    for d in decisions {
        let verdict = if d.joined { "joined" } else { "kept apart" };
        writeln!(
            out,
            "{} from {}: {verdict}, score {} (threshold {})",
            d.deal,
            d.article,
            d.score,
            merge::THRESHOLD
        )?;
        for reason in &d.reasons {
            writeln!(out, "    {reason}")?;
        }
    }
    Ok(())
}

/// The columns of a deal line, in order.
fn cells(deal: &Deal) -> [String; 9] {
    [
        deal.id.to_string(),
        deal.country.as_ref().map_or("--".into(), |c| c.code.to_string()),
        deal.date.as_deref().unwrap_or_default().to_string(),
        deal.kind.slug().to_string(),
        deal.status.slug().to_string(),
        deal.chips.as_ref().and_then(|c| c.count).map(|n| short_count(n as f64, "chips")).unwrap_or_default(),
        deal.power_mw.as_ref().map(|p| short_power(p.value)).unwrap_or_default(),
        deal.usd().map(short_usd).unwrap_or_default(),
        format!("{} src", deal.articles.len()),
    ]
}

/// One line per deal: the fixed columns padded to their widest value, the
/// organisations in whatever width remains. Ids are never cut.
fn write_table(deals: &[&Deal], width: usize, out: &mut dyn Write) -> Result<()> {
    let rows: Vec<[String; 9]> = deals.iter().map(|d| cells(d)).collect();
    let mut widths = [0usize; 9];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let fixed: usize = widths.iter().filter(|&&w| w > 0).map(|w| w + 1).sum();
    let orgs_width = width.saturating_sub(fixed).max(10);
    for (deal, row) in deals.iter().zip(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i == 5 {
                line.push_str(&pad_width(&deal_organisations(deal), orgs_width));
                line.push(' ');
            }
            if widths[i] == 0 {
                continue;
            }
            // Numbers right-aligned, words left-aligned.
            if i >= 5 {
                line.push_str(&" ".repeat(widths[i] - cell.width()));
                line.push_str(cell);
            } else {
                line.push_str(&pad_width(cell, widths[i]));
            }
            line.push(' ');
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_kinds_and_statuses_by_word_prefix() {
        assert_eq!(resolve_kind("supply").unwrap(), DealKind::ChipSupply);
        assert_eq!(resolve_kind("data").unwrap(), DealKind::DataCentre);
        assert_eq!(resolve_kind("Export-Control").unwrap(), DealKind::ExportControl);
        assert!(resolve_kind("c").is_err(), "chip-supply, data-centre, export-control");
        assert!(resolve_kind("").is_err());
        assert_eq!(resolve_status("under").unwrap(), DealStatus::UnderConstruction);
        assert_eq!(resolve_status("mou").unwrap(), DealStatus::Mou);
        assert_eq!(resolve_status("op").unwrap(), DealStatus::Operational);
        assert_eq!(resolve_status("s").unwrap(), DealStatus::Signed);
        assert!(resolve_status("c").unwrap_err().0.contains("signed"), "cancelled, under-construction");
    }
}
