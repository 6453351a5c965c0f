//! dealscope: parse news articles about AI compute deals into a store of facts,
//! and browse or query that store from the terminal.

pub mod app;
pub mod cache;
pub mod cli;
pub mod corpus;
pub mod display;
pub mod extract;
pub mod model;
pub mod parallel;
pub mod search;
pub mod sorted;
pub mod tui;
pub mod ui;
