//! Prints the sentence frames deal extraction reads from an article, and
//! the deals it builds: `cargo run --example frames -- FILE`. A tool for
//! working on the cue lists.

use dealscope::corpus::load::{DEFAULT_MAX_FILE_BYTES, file_stem, read_file};
use dealscope::corpus::parse::parse_article;
use std::path::Path;

fn main() {
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let decoded = match read_file(path, DEFAULT_MAX_FILE_BYTES) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{arg}: {e}");
                continue;
            }
        };
        let article = parse_article(&file_stem(path), &arg, &decoded.text);
        println!("== {arg}  [{}] {:?}", article.date.as_deref().unwrap_or("undated"), article.title);
        for (sentence, frame) in dealscope::corpus::parse::frames_of_text(&decoded.text) {
            if !frame.is_dealish() {
                continue;
            }
            println!(
                "  [{:?}] host={:?} pts={:?} gr={:?} spec={} ev={} agr={} ana={} also={} st={:?} early={:?} money={:?} chips={:?} mw={:?} orgs={:?}",
                frame.role,
                frame.host,
                frame.kind_points,
                frame.grounded.iter().map(|&g| u8::from(g)).collect::<Vec<_>>(),
                frame.specific,
                frame.event,
                frame.agreement,
                frame.anaphora,
                frame.also,
                frame.statuses,
                frame.earlier_statuses,
                frame.money.iter().map(|m| (&m.figure.text, m.deal_value)).collect::<Vec<_>>(),
                frame.chips.iter().map(|f| &f.text).collect::<Vec<_>>(),
                frame.power.iter().map(|f| &f.text).collect::<Vec<_>>(),
                frame.orgs.iter().map(|o| (&o.name, o.cue_role, o.source)).collect::<Vec<_>>(),
            );
            println!("      {sentence}");
        }
        for deal in &article.deals {
            println!(
                "  DEAL {} {:?} {} {} orgs={:?} amount={:?} chips={:?} mw={:?} date={:?} countries={:?}",
                deal.id,
                deal.country.as_ref().map(|c| &c.code),
                deal.kind,
                deal.status,
                deal.organisations
                    .iter()
                    .map(|o| format!("{}:{}", o.name, o.role.slug()))
                    .collect::<Vec<_>>(),
                deal.amount.as_ref().map(|a| &a.text),
                deal.chips.as_ref().map(|c| (c.count, &c.model)),
                deal.power_mw.as_ref().map(|p| p.value),
                deal.date,
                deal.countries
            );
            println!("       names={:?}", deal.evidence.names);
        }
    }
}
