//! Helpers of the capacity rules (sizes and CPU amounts are read by
//! `core::flink::quantity`; slots and pod sizes by `core::cluster::conf`).

use serde_json::Value;

/// An integer written as a number or a numeric string.
pub fn int(v: Option<&Value>) -> Option<u64> {
    v.and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok())))
}
