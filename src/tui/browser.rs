//! The main loop: draw, sleep until an event, update, send searches.

use super::events::{LoopEvent, spawn_input, spawn_loader, spawn_search_forwarder, spawn_signals};
use super::terminal::TerminalGuard;
use crate::app::keymap::action_for;
use crate::app::{Action, AppState, update};
use crate::cli::UsageError;
use crate::corpus::ingest::LoadOptions;
use crate::corpus::load::MissingPath;
use crate::search::SearchWorker;
use crossterm::event::{Event, MouseButton, MouseEventKind};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Opens the browser over `paths` (the embedded samples when empty).
pub fn run_browser(paths: &[PathBuf], options: &LoadOptions) -> anyhow::Result<()> {
    // Fail on a bad path before touching the terminal.
    if let Some(missing) = paths.iter().find(|p| !Path::new(p).exists()) {
        return Err(MissingPath(missing.clone()).into());
    }
    // A dumb terminal would show escape sequences instead of a browser.
    let term = std::env::var("TERM").unwrap_or_default();
    if term.is_empty() || term == "dumb" {
        return Err(UsageError(format!(
            "this terminal (TERM={}) cannot show the browser; for plain output use `dealscope list`",
            if term.is_empty() { "unset" } else { "dumb" }
        ))
        .into());
    }
    if !std::io::stdin().is_terminal() {
        return Err(UsageError(
            "the browser reads keys from a terminal; for scripts use `dealscope list`".into(),
        )
        .into());
    }
    let (tx, rx) = mpsc::channel();
    // Signals first: one arriving while the terminal is being set up must
    // still end in an orderly restore.
    spawn_signals(tx.clone())?;
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    let mut state = AppState::new(size.width, size.height);

    let (worker, responses) = SearchWorker::spawn();
    spawn_search_forwarder(responses, tx.clone());
    spawn_input(tx.clone());
    spawn_loader(paths.to_vec(), options.clone(), tx);

    let mut changed = true;
    let mut signalled: Option<i32> = None;
    loop {
        // Redraw only when an action changed something: mouse motion and
        // unbound keys cost nothing.
        if changed {
            guard.terminal.draw(|frame| crate::ui::draw(frame, &state))?;
        }
        changed = false;
        // Sleep until something happens, then take everything queued before
        // drawing again, so bursts of events cost one frame.
        let Ok(first) = rx.recv() else { break };
        let mut next = Some(first);
        while let Some(event) = next {
            let action = match event {
                LoopEvent::Terminate => Some(Action::Quit),
                LoopEvent::Signalled(signal) => {
                    signalled = Some(signal);
                    Some(Action::Quit)
                }
                LoopEvent::Suspend => Some(Action::Suspend),
                LoopEvent::Input(input) => input_action(&state, input),
                LoopEvent::Action(action) => Some(action),
                LoopEvent::Loaded(articles, docs) => {
                    // The worker gets the documents before the search that
                    // `update` requests for them.
                    worker.add_docs(docs);
                    Some(Action::ArticlesLoaded(articles))
                }
                LoopEvent::DealsMerged(deals, docs, complete) => {
                    worker.set_deals(docs);
                    Some(Action::DealsMerged { deals, complete })
                }
            };
            if let Some(action) = action {
                update(&mut state, action);
                changed = true;
            }
            if state.quit {
                break;
            }
            next = rx.try_recv().ok();
        }
        if state.quit {
            break;
        }
        if std::mem::take(&mut state.suspend) {
            guard.suspend()?;
            changed = true;
        }
        for request in std::mem::take(&mut state.pending_searches) {
            worker.request(request.generation, request.spec);
        }
    }
    drop(guard);
    match signalled {
        Some(signal) => Err(Signalled(signal).into()),
        None => Ok(()),
    }
}

/// The browser ended on a signal: the process exits with 128 + its number,
/// so a supervisor can tell a kill from `q`.
#[derive(Debug)]
pub struct Signalled(pub i32);

impl std::fmt::Display for Signalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "stopped by signal {}", self.0)
    }
}

impl std::error::Error for Signalled {}

/// Turns a terminal event into an action, given what the user is doing.
fn input_action(state: &AppState, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for(key, state.input_mode()),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) if state.overlay == crate::app::state::Overlay::None => {
            Some(Action::FilterPaste(text))
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => {
                Some(Action::ScrollAt { column: mouse.column, row: mouse.row, down: true })
            }
            MouseEventKind::ScrollUp => {
                Some(Action::ScrollAt { column: mouse.column, row: mouse.row, down: false })
            }
            MouseEventKind::Down(MouseButton::Left) => {
                Some(Action::ClickAt { column: mouse.column, row: mouse.row })
            }
            _ => None,
        },
        _ => None,
    }
}
