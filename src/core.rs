//! The rules core: pure Rust, no browser crates, no I/O.
//!
//! Data flows one way: texts are imported ([`import`]) into a [`design::Design`] (the
//! ground state); the [`graph`], effective configurations ([`config`]) and findings
//! ([`rules`]) are derived from it by pure functions, and so are the exports.

pub mod autosave;
pub mod cluster;
pub mod cmf;
pub mod cmf_features;
pub mod config;
pub mod connect;
pub mod convert;
pub mod credentials;
pub mod design;
pub mod design_file;
pub mod diagram;
pub mod edit;
pub mod export;
pub mod finding;
pub mod flink;
pub mod forms;
pub mod generate;
pub mod graph;
pub mod hash;
pub mod import;
pub mod layout;
pub mod model;
pub mod options;
pub mod palette;
pub mod placeholder;
pub mod podtemplate;
pub mod pointer;
#[cfg(test)]
pub(crate) mod random_edits;
pub mod replica;
pub mod review;
pub mod rules;
pub mod schedule;
pub mod schema;
pub mod share;
#[cfg(not(target_arch = "wasm32"))]
pub mod shared_material;
pub mod sort;
pub mod targets;
pub mod templates;
pub mod units;
pub mod yaml;
