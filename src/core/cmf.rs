//! Applying a design to Confluent Manager for Apache Flink (CMF) over its REST API.
//!
//! Sans-IO: every request goes through a [`Transport`] the caller provides (the CLI a
//! blocking HTTP client, the browser `gloo-net`, the tests an in-memory fake). The steps:
//!
//! 1. [`state::read`] lists what the server has (environments, then per environment
//!    applications, compute pools, statements and secret mappings; secrets; Kafka catalogs
//!    and their databases), following pagination.
//! 2. [`plan::plan`] compares it with the design's CMF payloads ([`crate::core::export::cmf`])
//!    and decides, per object, create / update / unchanged (with a field-level diff) and,
//!    when asked, deletes what the design does not have — in dependency order, with the
//!    right verb per kind (domain.md §2.4).
//! 3. [`apply::apply`] executes the steps in order and stops at the first failure;
//!    running plan + apply again picks up where it stopped.
//! 4. [`status::read`] reads back application and statement status.
//!
//! [`script::render`] writes a plan as a reviewable shell script of `confluent flink …`
//! commands. Every failure is a [`CmfError`] with a message that says what and where.

pub mod apply;
pub mod client;
pub mod endpoints;
pub mod error;
pub mod plan;
pub mod savepoints;
pub mod script;
pub mod state;
pub mod status;
pub mod transport;

pub(crate) mod diff;

#[cfg(test)]
mod fake;
#[cfg(test)]
mod tests;

pub use client::Client;
pub use error::{CmfError, ErrorKind};
pub use transport::{Method, Request, Response, Transport, TransportError, Upload};
