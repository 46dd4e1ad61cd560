//! FKO-SNAP-008 — restoring from a checkpoint snapshot.
//!
//! What it checks: a `job.initialSavepointPath` equal to the path (`status.path`) of a
//! checkpoint-type FlinkStateSnapshot.
//! Why: Flink may delete checkpoint data at any time (retention), and the operator never
//! disposes or protects it; the restore may find nothing.
//! How to fix: restore from a savepoint snapshot instead.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SnapCheckpointRestore;

impl Rule for SnapCheckpointRestore {
    fn id(&self) -> &'static str {
        "FKO-SNAP-008"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "initialSavepointPath points at a checkpoint-type snapshot"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        use crate::core::pointer;
        let checkpoints = cx.once(self.id(), || {
            cx.of_kind(Kind::FlinkStateSnapshot)
                .filter(|s| s.spec_get(&["checkpoint"]).is_some_and(|v| !v.is_null()))
                .filter_map(|s| {
                    let path = pointer::get_str(&s.doc, &["status", "path"])?;
                    Some((path.trim_end_matches('/').to_string(), s.name().to_string()))
                })
                .collect::<Vec<(String, String)>>()
        });
        for r in cx.subjects().filter(|r| {
            matches!(r.kind, Kind::FlinkDeployment | Kind::FlinkSessionJob | Kind::Application)
        }) {
            let Some(p) = r.spec_str(&["job", "initialSavepointPath"]) else { continue };
            if let Some((_, name)) =
                checkpoints.iter().find(|(cp, _)| cp == p.trim_end_matches('/'))
            {
                out.report(r, &r.spec_field(&["job", "initialSavepointPath"]), format!("initialSavepointPath is the checkpoint of snapshot '{name}'; Flink may delete checkpoint data at any time"))
                    .hint("restore from a savepoint snapshot instead");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_checkpoint_paths() {
        let y = |p: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {{name: s}}\nspec: {{checkpoint: {{}}}}\nstatus: {{path: 's3://b/chk-1'}}\n---\napiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: c}}\nspec: {{job: {{initialSavepointPath: '{p}'}}}}\n"
            )
        };
        assert_eq!(
            pointers(&check(&SnapCheckpointRestore, &y("s3://b/chk-1"))),
            [("/spec/job/initialSavepointPath".into(), Severity::Info)]
        );
        assert!(check(&SnapCheckpointRestore, &y("s3://b/sp-1")).is_empty());
    }
}
