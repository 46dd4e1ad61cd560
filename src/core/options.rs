//! The catalog of real Flink configuration options per Flink version (and the
//! operator's own options), for unknown-key checks, did-you-mean and completion.
//!
//! STUB: to be implemented (data file `data/flink-options.json`).

/// Flink minor versions the catalog knows, oldest first.
pub const FLINK_VERSIONS: &[&str] = &["1.18", "1.19", "1.20", "2.0", "2.1", "2.2"];
