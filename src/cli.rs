//! The command line: clap definitions, and the `list`, `show`, `facets` and
//! `deals` commands (one module each) over the same store the browser uses.

mod cache;
mod deals;
mod facets;
mod json;
mod list;
mod show;

pub use deals::DealsArgs;

use crate::cache::session::CacheChoice;
use crate::corpus::ingest::{LoadOptions, load_corpus};
use crate::corpus::load::{DEFAULT_MAX_FILE_BYTES, LoadSummary, LoadWarning};
use crate::corpus::{Corpus, SortKey, Topic};
use crate::extract::countries::Gazetteer;
use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use std::fmt;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

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
    /// Neither read nor write the cache of extracted facts: parse every file.
    #[arg(long, global = true)]
    pub no_cache: bool,
}

impl Cli {
    /// How this command loads articles.
    pub fn load_options(&self) -> LoadOptions {
        let cache = if self.no_cache { CacheChoice::Off } else { CacheChoice::default_location() };
        LoadOptions { max_bytes: self.max_file_size, cache }
    }
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
    /// One line per deal: country, date, kind, status, organisations, chips, MW, value, sources.
    Deals(DealsArgs),
    /// The cache of extracted facts: where it is, how large, or delete it.
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum CacheAction {
    /// Where the cache is, its size and how many files it holds.
    Info,
    /// Delete the cache (it is rebuilt on the next load).
    Clear,
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

/// Each warning on a line of its own, then, when there were any, the four
/// counts: loaded, loaded with warnings, skipped, unreadable.
fn print_warnings(warnings: &[LoadWarning], loaded: usize) {
    if warnings.is_empty() {
        return;
    }
    // A closed stderr must not turn warnings into a crash.
    let mut stderr = std::io::stderr().lock();
    let mut summary = LoadSummary { loaded, ..LoadSummary::default() };
    for warning in warnings {
        let _ = writeln!(stderr, "warning: {warning}");
        summary.count(warning);
    }
    let _ = writeln!(stderr, "dealscope: {summary}");
}

/// The corpus a command reads, kept until the process exits: freeing its
/// millions of small allocations one by one, only to exit, cost a tenth of
/// a cached `list`.
fn load(paths: &[PathBuf], options: &LoadOptions) -> Result<&'static Corpus> {
    let (corpus, warnings) = load_corpus(paths, options)?;
    print_warnings(&warnings, corpus.len());
    Ok(Box::leak(Box::new(corpus)))
}

/// Terminal width for fitting lines: the terminal's when stdout is one,
/// else `$COLUMNS`, else 100.
fn output_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((cols, _)) = crossterm::terminal::size()
        && cols > 0
    {
        return clamp_width(cols as usize);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&c| c > 0)
        .map_or(100, clamp_width)
}

/// Widest line the CLI fits text to: `COLUMNS` can say anything.
pub const MAX_OUTPUT_WIDTH: usize = 1000;
const MIN_OUTPUT_WIDTH: usize = 20;

fn clamp_width(width: usize) -> usize {
    width.clamp(MIN_OUTPUT_WIDTH, MAX_OUTPUT_WIDTH)
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
pub fn run_command(command: Command, options: &LoadOptions, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::List { paths, countries, topics, query, sort, json } => {
            list::run(&paths, &countries, &topics, query.as_deref(), sort, json, options, out)
        }
        Command::Show { article, paths, json } => show::run(&article, &paths, json, options, out),
        Command::Facets { paths, json } => facets::run(&paths, json, options, out),
        Command::Deals(args) => deals::run(&args, options, out),
        Command::Cache { action } => cache::run(action, out),
    }
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
