//! CFG-HA-002 — high availability without a storage directory.
//!
//! What it checks: in the merged cluster configuration of each job, HA is active
//! (`high-availability.type` not `NONE`) but `high-availability.storageDir` is unset.
//! Why: the storage dir holds the JobManager recovery metadata; Flink refuses to start
//! HA services without it.
//! How to fix: set `high-availability.storageDir` to durable storage (s3://, gs://, a PVC).

use crate::core::config::Scope;
use crate::core::finding::Severity;
use crate::core::rules::Seen;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct HaStorageDir;

impl Rule for HaStorageDir {
    fn id(&self) -> &'static str {
        "CFG-HA-002"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "HA needs high-availability.storageDir"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut seen = Seen::default();
        for c in cx.configs().iter().filter(|c| c.scope == Scope::Cluster) {
            let Some(ha) = c.get("high-availability.type") else { continue };
            let t = ha.value.trim().to_ascii_lowercase();
            if t.is_empty() || t == "none" || c.get("high-availability.storageDir").is_some() {
                continue;
            }
            let at = ha.source.resource_id.and_then(|id| cx.get(id));
            let (r, pointer) = match at {
                Some(r) => (r, ha.source.path.clone()),
                None => match cx.get(c.resource) {
                    Some(r) => (r, r.spec_field(&["flinkConfiguration"])),
                    None => continue,
                },
            };
            if seen.first(r, &pointer) {
                out.report(r, &pointer, format!("HA ({}) needs high-availability.storageDir", ha.value))
                    .hint("set high-availability.storageDir to durable storage (s3://…, a mounted volume)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const DOC: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\n\
                       spec:\n  flinkConfiguration:\n    high-availability.type: kubernetes\n";

    #[test]
    fn fires_without_storage_dir() {
        let f = check(&HaStorageDir, DOC);
        assert_eq!(
            pointers(&f),
            [("/spec/flinkConfiguration/high-availability.type".into(), Severity::Error)]
        );
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_with_storage_dir_or_without_ha() {
        let with = format!("{DOC}    high-availability.storageDir: s3://b/ha\n");
        assert!(check(&HaStorageDir, &with).is_empty());
        assert!(check(&HaStorageDir, &DOC.replace("kubernetes", "NONE")).is_empty());
    }
}
