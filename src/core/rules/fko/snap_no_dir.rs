//! FKO-SNAP-007 — a savepoint snapshot needs somewhere to go.
//!
//! What it checks: a savepoint FlinkStateSnapshot without `savepoint.path` whose target job
//! has no savepoint directory in its effective configuration.
//! Why: the snapshot defaults to the job's savepoint directory; without one the savepoint fails.
//! How to fix: set `savepoint.path`, or `execution.checkpointing.savepoint-dir` on the job.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SnapNoDir;

impl Rule for SnapNoDir {
    fn id(&self) -> &'static str {
        "FKO-SNAP-007"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Savepoint snapshot without path and target without savepoint directory"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        use crate::core::graph::EdgeKind;
        const SAVEPOINT_DIR: &str = "execution.checkpointing.savepoint-dir";
        for r in cx.subjects_of_kind(Kind::FlinkStateSnapshot) {
            let sp = r.spec_get(&["savepoint"]).filter(|v| v.is_object());
            if sp.is_none()
                || r.spec_str(&["savepoint", "path"]).is_some_and(|p| !p.trim().is_empty())
            {
                continue;
            }
            for t in cx.targets_of(r, EdgeKind::SnapshotTarget) {
                // The target's own spec (or session job) configuration, computed for it alone.
                let has_dir = cx
                    .sites_of(t)
                    .into_iter()
                    .next()
                    .map(|s| cx.site_conf(&s).has(SAVEPOINT_DIR))
                    .or_else(|| {
                        (t.kind == Kind::FlinkSessionJob)
                            .then(|| cx.resource_conf(t).has(SAVEPOINT_DIR))
                    });
                if has_dir == Some(false) {
                    out.report(r, &r.spec_field(&["savepoint"]), format!("Savepoint has no target directory: no path here and '{}' has no savepoint directory", t.name()))
                        .hint("set savepoint.path, or execution.checkpointing.savepoint-dir on the job");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_without_any_directory() {
        let y = |c: &str, p: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {{name: c}}\nspec: {{flinkConfiguration: {{{c}}}, job: {{}}}}\n---\napiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {{name: s}}\nspec: {{savepoint: {{{p}}}, jobReference: {{kind: FlinkDeployment, name: c}}}}\n"
            )
        };
        assert_eq!(
            pointers(&check(&SnapNoDir, &y("", ""))),
            [("/spec/savepoint".into(), Severity::Warning)]
        );
        assert!(check(&SnapNoDir, &y("state.savepoints.dir: x", "")).is_empty());
        assert!(check(&SnapNoDir, &y("", "path: x")).is_empty());
    }
}
