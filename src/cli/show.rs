//! `dealscope show`: one article with its facts and paragraphs.

use super::json::{ArticleJson, write_pretty};
use super::{UsageError, load, output_width};
use crate::corpus::ingest::LoadOptions;
use crate::corpus::{Article, Corpus, ParagraphKind};
use crate::display::{country_and_entity_facts, short_figure, wrap};
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

pub fn run(
    article: &str,
    paths: &[PathBuf],
    json: bool,
    options: &LoadOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let corpus;
    let file = PathBuf::from(article);
    // A path that exists but is no article file says so, not "no such id".
    if file.exists() && !file.is_file() && !file.is_dir() {
        let name = crate::extract::text::single_line(article);
        return Err(UsageError(format!("{name}: not a regular file (a device, pipe or socket)")).into());
    }
    let found = if file.is_file() {
        corpus = load(std::slice::from_ref(&file), options)?;
        corpus.article(0).ok_or_else(|| UsageError(format!("{article}: no article could be read")))?
    } else {
        corpus = load(paths, options)?;
        find_article(corpus, article)?
    };
    if json {
        write_pretty(out, &ArticleJson { article: found, body: true })?;
    } else {
        write_article(found, output_width(), out)?;
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

fn write_article(article: &Article, width: usize, out: &mut dyn Write) -> Result<()> {
    let width = width.clamp(20, 100);
    for line in wrap(&article.title, width) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "{}", "=".repeat(article.title.width().min(width)))?;
    let mut facts: Vec<(&str, String)> = vec![
        ("Id", article.id.to_string()),
        ("Source", article.source.to_string()),
        ("Date", article.date.as_deref().unwrap_or("unknown").to_string()),
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
    for paragraph in article.paragraphs.iter() {
        writeln!(out)?;
        let text = match paragraph.kind {
            ParagraphKind::Heading => format!("## {}", paragraph.text),
            ParagraphKind::Text => paragraph.text.to_string(),
        };
        for line in wrap(&text, width) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
