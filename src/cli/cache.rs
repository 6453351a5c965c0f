//! `dealscope cache info` and `dealscope cache clear`: the facts cache seen
//! and removed from the command line.

use super::CacheAction;
use crate::cache::db::{FactsDb, cache_files, delete_cache_files};
use crate::cache::session::CacheChoice;
use crate::extract::text::single_line;
use anyhow::{Result, bail};
use std::io::Write;
use std::path::Path;

pub fn run(action: CacheAction, out: &mut dyn Write) -> Result<()> {
    let file = match CacheChoice::default_location() {
        CacheChoice::At(file) => file,
        CacheChoice::Unavailable(why) => bail!("{why}"),
        CacheChoice::Off => bail!("the cache is off"),
    };
    let shown = single_line(&file.display().to_string());
    match action {
        CacheAction::Info => info(&file, &shown, out),
        CacheAction::Clear => {
            let freed =
                delete_cache_files(&file).map_err(|e| anyhow::anyhow!("cannot delete {shown}: {e}"))?;
            if freed == 0 {
                writeln!(out, "no cache at {shown}")?;
            } else {
                writeln!(out, "deleted {shown} ({})", size_text(freed))?;
            }
            Ok(())
        }
    }
}

fn info(file: &Path, shown: &str, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "location: {shown}")?;
    if !file.exists() {
        writeln!(out, "not created yet: it is filled by the next load of a directory or file")?;
        return Ok(());
    }
    let bytes: u64 =
        cache_files(file).iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    writeln!(out, "size: {}", size_text(bytes))?;
    let (files, roots) = FactsDb::open(file)
        .and_then(|db| db.counts())
        .map_err(|e| anyhow::anyhow!("cannot read {shown}: {e}; `dealscope cache clear` deletes it"))?;
    writeln!(out, "entries: {files} files under {roots} corpus roots")?;
    Ok(())
}

fn size_text(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MB {
        format!("{:.1} MiB ({bytes} bytes)", bytes as f64 / MB)
    } else {
        format!("{bytes} bytes")
    }
}
