//! Browser UI (Leptos, client-side rendered).
//!
//! The ground state is the [`crate::core::design::Design`] held by [`state::AppState`];
//! findings, configurations, exports and the canvas's nodes and edges are derived from it
//! by the pure functions of [`analysis`] inside `Memo`s. Resource edits and position
//! changes are announced separately, so moving a node never re-validates.

pub mod analysis;
mod app;
mod apply;
mod browser;
pub mod canvas;
mod configs;
mod edits;
pub mod examples;
mod export;
mod findings;
mod header;
mod imports;
mod inspector;
mod latest;
mod layers;
mod overlays;
mod palette;
mod persist;
mod placement;
mod preflight;
mod resize;
mod review;
mod secrets;
pub mod state;
mod storage;
mod trace;
mod validation;
pub mod viewport;
pub mod worker;

pub use app::App;
