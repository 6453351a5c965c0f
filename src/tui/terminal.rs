//! Entering and leaving the full-screen mode: raw mode, alternate screen,
//! mouse capture and cursor, undone on drop, on panic and on signals.

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};
use std::sync::Once;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Restores the terminal before the previous panic hook prints, so the
/// message lands on a usable screen. Only for the main thread: a background
/// thread's panic is caught or reported to the loop, which then leaves
/// through the guard; restoring here would leave the browser drawing on a
/// cooked terminal.
pub fn install_panic_hook() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some("main") {
                restore();
            }
            previous(info);
        }));
    });
}

/// Owns the full-screen session; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: Term,
}

/// Raw mode, alternate screen, mouse and bracketed paste on.
fn enter_screen() -> io::Result<()> {
    enable_raw_mode()?;
    // A paste arrives as one event, not one key per character.
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)
}

impl TerminalGuard {
    pub fn enter() -> anyhow::Result<Self> {
        install_panic_hook();
        let entered = enter_screen()
            .map_err(anyhow::Error::from)
            .and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())).map_err(anyhow::Error::from));
        match entered {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl TerminalGuard {
    /// Ctrl-z or SIGTSTP: give the terminal back, stop, and when continued
    /// take it again; the caller redraws.
    pub fn suspend(&mut self) -> anyhow::Result<()> {
        restore();
        // Stops the process as the default SIGTSTP would; returns on SIGCONT.
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
        enter_screen()?;
        // A blank screen and a fresh terminal whose last frame is blank, so
        // the next draw paints everything. (`Terminal::clear` would ask the
        // terminal for the cursor position, an answer the input thread eats.)
        execute!(io::stdout(), crossterm::terminal::Clear(crossterm::terminal::ClearType::All))?;
        self.terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}
