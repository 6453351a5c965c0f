//! The terminal side of the browser: the guard that restores the terminal on
//! every exit path, the threads that feed events in, and the main loop.

pub mod browser;
pub mod events;
pub mod terminal;

pub use browser::run_browser;
