//! `dealscope facets`: article counts by primary country and by topic.

use super::load;
use crate::corpus::ingest::LoadOptions;
use crate::display::pad_width;
use anyhow::Result;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;

pub fn run(paths: &[PathBuf], json: bool, options: &LoadOptions, out: &mut dyn Write) -> Result<()> {
    let corpus = load(paths, options)?;
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
    Ok(())
}
