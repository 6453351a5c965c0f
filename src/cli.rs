//! The command line: clap definitions and the `list`, `show` and `facets`
//! commands over the same store the browser uses.

use crate::corpus::ingest::load_corpus;
use crate::corpus::load::{DEFAULT_MAX_FILE_BYTES, LoadWarning};
use crate::corpus::{Article, Corpus, FacetFilter, SortKey, Topic};
use crate::display::{country_and_entity_facts, pad_width, short_figure, wrap};
use crate::extract::countries::Gazetteer;
use crate::search::filter_articles;
use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use std::fmt;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Parser)]
#[command(name = "dealscope", version, about = "Browse and slice news articles about AI compute deals")]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Article files or directories (.txt, .md); none means the embedded samples.
    pub paths: Vec<PathBuf>,
    /// Skip files larger than this many bytes.
    #[arg(long, global = true, default_value_t = DEFAULT_MAX_FILE_BYTES, value_name = "BYTES")]
    pub max_file_size: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per article: id, date, country, title, headline figure.
    List {
        paths: Vec<PathBuf>,
        /// ISO code or English/French name; repeat for any of several.
        #[arg(long = "country", short = 'c', value_name = "C")]
        countries: Vec<String>,
        /// Topic slug (or a unique prefix); repeat for any of several.
        #[arg(long = "topic", short = 't', value_name = "T")]
        topics: Vec<String>,
        /// Filter in the browser's filter language (`coree`, `@kr`, `#chip`, `!us`, `'exact`).
        #[arg(long, short = 'q', value_name = "Q")]
        query: Option<String>,
        #[arg(long, value_enum, default_value_t = SortArg::Date)]
        sort: SortArg,
        #[arg(long)]
        json: bool,
    },
    /// One article with its facts and paragraphs.
    Show {
        /// An article id (or unique id prefix), or an article file.
        article: String,
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Article counts by primary country and by topic.
    Facets {
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Date,
    Title,
    Country,
    Value,
}

impl From<SortArg> for SortKey {
    fn from(arg: SortArg) -> Self {
        match arg {
            SortArg::Date => SortKey::Date,
            SortArg::Title => SortKey::Title,
            SortArg::Country => SortKey::Country,
            SortArg::Value => SortKey::Value,
        }
    }
}

/// Bad usage: an unknown country, topic or id. Exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn print_warnings(warnings: &[LoadWarning]) {
    // A closed stderr must not turn warnings into a crash.
    let mut stderr = std::io::stderr().lock();
    for warning in warnings {
        let _ = writeln!(stderr, "warning: {warning}");
    }
}

fn load(paths: &[PathBuf], max_bytes: u64) -> Result<Corpus> {
    let (corpus, warnings) = load_corpus(paths, max_bytes)?;
    print_warnings(&warnings);
    Ok(corpus)
}

/// Terminal width for fitting lines: the terminal's when stdout is one,
/// else `$COLUMNS`, else 100.
fn output_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((cols, _)) = crossterm::terminal::size()
    {
        return cols as usize;
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|&c| c > 0).unwrap_or(100)
}

/// Resolves a `--country` value to an ISO code, suggesting near names.
pub fn resolve_country(query: &str) -> Result<String, UsageError> {
    let gazetteer = Gazetteer::embedded();
    if let Some(info) = gazetteer.lookup(query) {
        return Ok(info.code.clone());
    }
    let suggestions: Vec<String> =
        gazetteer.suggest(query, 5).iter().map(|c| format!("{} ({})", c.name_en, c.code)).collect();
    let hint = if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    };
    Err(UsageError(format!("unknown country {query:?}{hint}")))
}

/// Resolves a `--topic` value: a slug or a unique slug prefix.
pub fn resolve_topic(query: &str) -> Result<Topic, UsageError> {
    let wanted = query.trim().to_lowercase();
    if let Some(topic) = Topic::from_slug(&wanted) {
        return Ok(topic);
    }
    let matches: Vec<Topic> = Topic::ALL.into_iter().filter(|t| t.slug().starts_with(&wanted)).collect();
    match matches.as_slice() {
        [one] if !wanted.is_empty() => Ok(*one),
        _ => {
            let all: Vec<&str> = Topic::ALL.iter().map(|t| t.slug()).collect();
            Err(UsageError(format!("unknown topic {query:?}; topics are: {}", all.join(", "))))
        }
    }
}

/// Runs a subcommand, writing data to `out`.
pub fn run_command(command: Command, max_bytes: u64, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::List { paths, countries, topics, query, sort, json } => {
            let filter = FacetFilter {
                countries: countries.iter().map(|c| resolve_country(c)).collect::<Result<_, _>>()?,
                topics: topics.iter().map(|t| resolve_topic(t)).collect::<Result<_, _>>()?,
            };
            let corpus = load(&paths, max_bytes)?;
            let mut selected = corpus.select(&filter);
            corpus.sort(&mut selected, sort.into());
            if let Some(query) = query.as_deref().filter(|q| !q.trim().is_empty()) {
                // The query ranks by match quality; the sort order breaks ties.
                selected = filter_articles(corpus.articles(), &selected, query);
            }
            let articles: Vec<&Article> = selected.iter().filter_map(|&i| corpus.article(i)).collect();
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&articles)?)?;
            } else {
                write_list(&articles, output_width(), out)?;
            }
        }
        Command::Show { article, paths, json } => {
            let corpus;
            let file = PathBuf::from(&article);
            let found = if file.is_file() {
                corpus = load(std::slice::from_ref(&file), max_bytes)?;
                corpus.article(0).ok_or_else(|| UsageError(format!("{article}: no article could be read")))?
            } else {
                corpus = load(&paths, max_bytes)?;
                find_article(&corpus, &article)?
            };
            if json {
                let mut value = serde_json::to_value(found)?;
                value["paragraphs"] = serde_json::to_value(&found.paragraphs)?;
                writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
            } else {
                write_article(found, output_width(), out)?;
            }
        }
        Command::Facets { paths, json } => {
            let corpus = load(&paths, max_bytes)?;
            let all: Vec<usize> = (0..corpus.len()).collect();
            let counts = corpus.facet_counts(&all);
            if json {
                let value = json!({
                    "total": corpus.len(),
                    "countries": counts.countries.iter().map(|(c, n)| json!({"code": c.code, "name": c.name, "count": n})).collect::<Vec<_>>(),
                    "topics": counts.topics.iter().map(|(t, n)| json!({"topic": t.slug(), "count": n})).collect::<Vec<_>>(),
                });
                writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
            } else {
                writeln!(out, "{} articles", corpus.len())?;
                writeln!(out, "\nCountries (primary)")?;
                for (country, n) in &counts.countries {
                    writeln!(out, "  {}  {} {n:>5}", country.code, pad_width(&country.name, 28))?;
                }
                writeln!(out, "\nTopics")?;
                for (topic, n) in &counts.topics {
                    writeln!(out, "  {} {n:>5}", pad_width(topic.slug(), 32))?;
                }
            }
        }
    }
    Ok(())
}

/// An exact id, else a unique id prefix.
fn find_article<'c>(corpus: &'c Corpus, id: &str) -> Result<&'c Article, UsageError> {
    if let Some(article) = corpus.by_id(id) {
        return Ok(article);
    }
    let candidates: Vec<&Article> = corpus.articles().iter().filter(|a| a.id.starts_with(id)).collect();
    match candidates.as_slice() {
        [one] => Ok(one),
        [] => Err(UsageError(format!("no article with id {id:?} (and no such file)"))),
        many => {
            let ids: Vec<&str> = many.iter().take(8).map(|a| a.id.as_str()).collect();
            Err(UsageError(format!("id {id:?} is ambiguous: {}", ids.join(", "))))
        }
    }
}

fn write_list(articles: &[&Article], width: usize, out: &mut dyn Write) -> Result<()> {
    // Ids are never cut: a listed id must paste into `show`.
    let id_width = articles.iter().map(|a| a.id.width()).max().unwrap_or(0);
    let figures: Vec<String> =
        articles.iter().map(|a| a.headline_figure().map(short_figure).unwrap_or_default()).collect();
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

fn write_article(article: &Article, width: usize, out: &mut dyn Write) -> Result<()> {
    let width = width.clamp(20, 100);
    for line in wrap(&article.title, width) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "{}", "=".repeat(article.title.width().min(width)))?;
    let mut facts: Vec<(&str, String)> = vec![
        ("Id", article.id.clone()),
        ("Source", article.source.clone()),
        ("Date", article.date.clone().unwrap_or_else(|| "unknown".into())),
        ("Language", article.language.code().into()),
    ];
    facts.extend(country_and_entity_facts(article));
    for figure in &article.figures {
        facts.push((
            "Figure",
            format!("{} ({} {}) «{}»", short_figure(figure), figure.value, figure.unit, figure.text),
        ));
    }
    for (label, value) in facts {
        let prefix = format!("{label:<14}");
        for (i, line) in wrap(&value, width.saturating_sub(14)).iter().enumerate() {
            writeln!(out, "{}{line}", if i == 0 { prefix.as_str() } else { "              " })?;
        }
    }
    if let Some(summary) = &article.summary {
        writeln!(out, "\nSummary:")?;
        for line in wrap(summary, width.saturating_sub(2)) {
            writeln!(out, "  {line}")?;
        }
    }
    for paragraph in &article.paragraphs {
        writeln!(out)?;
        let text = match paragraph.kind {
            crate::corpus::ParagraphKind::Heading => format!("## {}", paragraph.text),
            crate::corpus::ParagraphKind::Text => paragraph.text.clone(),
        };
        for line in wrap(&text, width) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_topics() {
        assert_eq!(resolve_topic("chip-supply").unwrap(), Topic::ChipSupply);
        assert_eq!(resolve_topic("Super").unwrap(), Topic::Supercomputer);
        assert!(resolve_topic("c").is_err());
        assert!(resolve_topic("").is_err());
        assert!(resolve_topic("weather").unwrap_err().0.contains("sovereign-ai"));
    }
}
