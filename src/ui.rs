//! Browser UI (Leptos, client-side rendered).
//!
//! The ground state is the list of manifest texts ([`state::AppState::files`]); the
//! design, findings, effective configurations and export are derived from it by the
//! pure functions of [`analysis`] inside `Memo`s, so one edit validates once.

pub mod analysis;
mod app;
mod apply;
mod browser;
mod configs;
mod editor;
pub mod examples;
mod export;
mod findings;
mod header;
mod resources;
pub mod state;
mod storage;

pub use app::App;
