//! The browser's state machine: one `AppState`, one `Action` enum, an
//! `update` function with no IO, and the key map that turns keys into actions.

pub mod action;
pub mod deals;
pub mod keymap;
pub mod layout;
pub mod reader;
mod results;
pub mod state;
pub mod update;

pub use action::Action;
pub use state::{AppState, Focus};
pub use update::update;
