//! CFG-RDB-001 — unusually large RocksDB block size.
//!
//! What it checks: `state.backend.rocksdb.block.blocksize` (or the mistaken
//! `state.backend.rocksdb.block-size`) larger than 1 MiB.
//! Why: RocksDB blocks are normally a few KiB (default 4 kb); a value like `1024m` makes
//! every read load a huge block — it was almost certainly meant as the block *cache* size.
//! How to fix: use `state.backend.rocksdb.block.cache-size` for the cache, keep the block
//! size in KiB.

use super::shared::maps;
use crate::core::finding::Severity;
use crate::core::flink::quantity::flink_memory_size;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct RocksdbBlockSize;

impl Rule for RocksdbBlockSize {
    fn id(&self) -> &'static str {
        "CFG-RDB-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "RocksDB block size above 1 MiB; block-cache-size was probably meant"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for m in maps(cx) {
            for i in m.items() {
                let block =
                    ["state.backend.rocksdb.block.blocksize", "state.backend.rocksdb.block-size"];
                if block.contains(&i.key.as_str())
                    && flink_memory_size(&i.value).is_some_and(|b| b > 1 << 20)
                {
                    out.report(m.owner, &i.pointer, format!("Unusual RocksDB block size {}='{}'", i.key, i.value))
                        .hint("did you mean state.backend.rocksdb.block.cache-size? Block sizes are usually a few KiB");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn doc(key: &str, value: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: a}}\n\
             spec:\n  flinkConfiguration:\n    {key}: {value}\n"
        )
    }

    #[test]
    fn fires_above_one_mebibyte() {
        let f = check(&RocksdbBlockSize, &doc("state.backend.rocksdb.block-size", "1024m"));
        assert_eq!(
            pointers(&f),
            [(
                "/spec/flinkConfiguration/state.backend.rocksdb.block-size".into(),
                Severity::Warning
            )]
        );
        assert_eq!(f[0].line, Some(6));
        assert!(
            check(&RocksdbBlockSize, &doc("state.backend.rocksdb.block.blocksize", "16kb"))
                .is_empty()
        );
    }
}
