//! Facts about Flink and its operators, independent of any design: which Flink versions
//! exist and which FKO and CMF releases accept, support or deprecate them
//! ([`version`]); how Flink, the operator and Kubernetes read sizes and CPU amounts
//! ([`quantity`]); what an image reference or artifact name says about its Flink
//! version ([`image`]); what kind of statement a piece of Flink SQL is ([`sql`]); which
//! names Kubernetes, the operator and CMF accept ([`names`]); which filesystem plugin
//! serves an object-storage scheme ([`filesystem`]); what the operator's Helm chart
//! writes into its configuration ([`helm`]).
//!
//! Each fact has its home here; rules, the configuration engines, the palette and the UI
//! read it from here and only judge. Nothing here reads a design or imports `core::rules`.

pub mod filesystem;
pub mod helm;
pub mod image;
pub mod names;
pub mod quantity;
pub mod sql;
pub mod version;
