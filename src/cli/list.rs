//! `dealscope list`: one line per article, or the articles as JSON.

use super::json::write_article_list;
use super::{SortArg, load, output_width, resolve_country, resolve_topic};
use crate::corpus::ingest::LoadOptions;
use crate::corpus::{Article, FacetFilter};
use crate::display::{pad_width, short_headline};
use crate::search::filter_articles;
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

#[allow(clippy::too_many_arguments)]
pub fn run(
    paths: &[PathBuf],
    countries: &[String],
    topics: &[String],
    query: Option<&str>,
    sort: SortArg,
    json: bool,
    options: &LoadOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let filter = FacetFilter {
        countries: countries.iter().map(|c| resolve_country(c)).collect::<Result<_, _>>()?,
        topics: topics.iter().map(|t| resolve_topic(t)).collect::<Result<_, _>>()?,
        ..FacetFilter::default()
    };
    let corpus = load(paths, options)?;
    let mut selected = corpus.select(&filter);
    corpus.sort(&mut selected, sort.into());
    if let Some(query) = query.filter(|q| !q.trim().is_empty()) {
        // The query ranks by match quality; the sort order breaks ties.
        selected = filter_articles(corpus.articles(), &selected, query);
    }
    let articles: Vec<&Article> = selected.iter().filter_map(|&i| corpus.article(i)).collect();
    if json {
        write_article_list(out, &articles)?;
    } else {
        write_list(&articles, output_width(), out)?;
    }
    Ok(())
}

fn write_list(articles: &[&Article], width: usize, out: &mut dyn Write) -> Result<()> {
    // Ids are never cut: a listed id must paste into `show`.
    let id_width = articles.iter().map(|a| a.id.width()).max().unwrap_or(0);
    let figures: Vec<String> =
        articles.iter().map(|a| a.headline().as_ref().map(short_headline).unwrap_or_default()).collect();
    let figure_width = figures.iter().map(|f| f.width()).max().unwrap_or(0);
    // id, date (10), country (2), title, figure, with single spaces between.
    let fixed = id_width + 1 + 10 + 1 + 2 + 1 + if figure_width > 0 { figure_width + 1 } else { 0 };
    let title_width = width.saturating_sub(fixed).max(10);
    for (article, figure) in articles.iter().zip(&figures) {
        let country = article.primary_country.as_ref().map_or("--", |c| c.code.as_str());
        let line = format!(
            "{} {} {} {} {}",
            pad_width(&article.id, id_width),
            pad_width(article.date.as_deref().unwrap_or(""), 10),
            country,
            pad_width(&article.title, title_width),
            figure
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
