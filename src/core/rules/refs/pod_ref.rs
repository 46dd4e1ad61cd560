//! REF-POD-001 — objects named in pod templates exist in the pods' namespace.
//!
//! What it checks: `envFrom`, `env[].valueFrom`, `volumes[].configMap/secret/
//! persistentVolumeClaim` and `imagePullSecrets` of a FlinkDeployment's or CMF
//! FlinkApplication's pod templates name ConfigMaps, Secrets and PVCs of the pods'
//! namespace (for CMF: the environment's). Reference policy `rules::missing`:
//! a warning naming what must exist, an error for complete designs.
//! Why: the pods stay in `CreateContainerConfigError` / `ContainerCreating`.
//! How to fix: create the object in that namespace or fix the name.

use crate::core::finding::Severity;
use crate::core::graph::EdgeKind;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

use crate::core::rules::missing::{Missing, dangling, report_missing, scope_text};

/// See the module documentation.
pub struct PodRef;

impl Rule for PodRef {
    fn id(&self) -> &'static str {
        "REF-POD-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "ConfigMaps, Secrets and PVCs used by pod templates must exist in the namespace"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for (r, d) in dangling(cx, &[EdgeKind::Secret, EdgeKind::ConfigMap, EdgeKind::Volume]) {
            if !matches!(r.kind, Kind::FlinkDeployment | Kind::Application) {
                continue;
            }
            let what = match d.reference.edge {
                EdgeKind::Secret => "Secret",
                EdgeKind::ConfigMap => "ConfigMap",
                _ => "PersistentVolumeClaim",
            };
            report_missing(
                cx,
                out,
                r,
                d,
                Missing {
                    what,
                    scope: &scope_text(&d.reference),
                    hint: "create it in the pods' namespace or fix the name",
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const DEP: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d, namespace: a}\nspec:\n  podTemplate:\n    spec:\n      volumes:\n      - {name: v, persistentVolumeClaim: {claimName: data}}\n";

    #[test]
    fn a_claim_not_in_the_input_must_exist() {
        let pvc = "---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: other, namespace: a}\n";
        let f = check(&PodRef, &format!("{DEP}{pvc}"));
        assert_eq!(
            pointers(&f),
            [(
                "/spec/podTemplate/spec/volumes/0/persistentVolumeClaim/claimName".into(),
                Severity::Warning
            )]
        );
        assert!(f[0].message.contains("(the input has 'other')"), "{}", f[0].message);
        assert_eq!(f[0].line, Some(8));
        assert_eq!(pointers(&check(&PodRef, DEP))[0].1, Severity::Warning);
        assert_eq!(pointers(&check_complete(&PodRef, DEP))[0].1, Severity::Error);
    }

    #[test]
    fn silent_when_resolved() {
        let pvc = "---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: a}\n";
        assert!(check(&PodRef, &format!("{DEP}{pvc}")).is_empty());
    }
}
