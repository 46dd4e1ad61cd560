//! Flink Studio: design, validate and export Flink-on-Kubernetes deployments.
//!
//! [`core`] is the pure-Rust rules core shared by the browser app ([`ui`], feature `ui`)
//! and the native command line tool `fstudio` (feature `cli`).

pub mod core;
#[cfg(feature = "ui")]
pub mod ui;
