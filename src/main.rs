//! Entry point: parse the command line, run a subcommand or the browser,
//! and map errors to exit codes (2 for bad usage, 1 for anything else).

use clap::Parser;
use dealscope::cli::{Cli, Command, SortArg, UsageError, run_command};
use dealscope::corpus::load::MissingPath;
use std::io::IsTerminal;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Without a terminal to draw on, the bare command prints the list, so
    // `dealscope DIR | head` does something useful.
    let command = match cli.command {
        None if !std::io::stdout().is_terminal() => Some(Command::List {
            paths: cli.paths.clone(),
            countries: vec![],
            topics: vec![],
            query: None,
            sort: SortArg::Date,
            json: false,
        }),
        other => other,
    };
    let result = match command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            run_command(command, cli.max_file_size, &mut out).and_then(|()| out.flush().map_err(Into::into))
        }
        None => dealscope::tui::run_browser(&cli.paths, cli.max_file_size),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`dealscope list | head`) is not a failure.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dealscope: {e:#}");
            let usage = e.downcast_ref::<UsageError>().is_some() || e.downcast_ref::<MissingPath>().is_some();
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}
