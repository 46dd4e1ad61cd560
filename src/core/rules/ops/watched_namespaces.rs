//! OPS-FKO-001 — the operator watches the namespaces that hold Flink work.
//!
//! What it checks: with a `FlinkKubernetesOperator` node whose `watchNamespaces` is not
//! empty, every FKO CR's namespace (default `default`) and every CMF environment's
//! `kubernetesNamespace` (where CMF creates FlinkDeployments) is in the list.
//! Why: the operator ignores CRs in other namespaces; they are never deployed, and CMF
//! applications and statements of that environment never start.
//! How to fix: add the namespace to `watchNamespaces` (Helm) and restart the operator.

use crate::core::finding::Severity;
use crate::core::model::{Form, Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

use crate::core::cluster::FkoInstall;

/// See the module documentation.
pub struct WatchedNamespaces;

fn report(out: &mut Sink<'_>, r: &Resource, at: &str, ns: &str, ops: &[FkoInstall<'_>]) {
    let lists: Vec<String> = ops.iter().map(|o| format!("[{}]", o.watch.join(", "))).collect();
    let who = if ops.len() == 1 { "the Flink operator does not" } else { "no Flink operator does" };
    out.report(
        r,
        at,
        format!("{who} watch namespace '{ns}' (watchNamespaces: {})", lists.join("; ")),
    )
    .hint(format!(
        "add '{ns}' to watchNamespaces of the operator's Helm values and restart the operator"
    ));
}

impl Rule for WatchedNamespaces {
    fn id(&self) -> &'static str {
        "OPS-FKO-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "FKO watchNamespaces must contain every namespace holding FKO CRs or CMF environments"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        // Several installations may split the namespaces between them.
        let ops = cx.operators();
        let watches = |ns: &str| ops.iter().any(|o| o.watches(ns));
        if ops.is_empty() || ops.iter().any(|o| o.watch.is_empty()) {
            return;
        }
        // One walk: the operator's resources, and the environments' namespaces.
        for r in cx.subjects() {
            if r.form == Form::FkoCr {
                let ns = r.namespace().unwrap_or("default");
                if !watches(ns) {
                    let at =
                        if r.namespace().is_some() { "/metadata/namespace" } else { "/metadata" };
                    report(out, r, at, ns, &ops);
                }
            } else if r.kind == Kind::Environment
                && let Some(ns) = r.spec_str(&["kubernetesNamespace"]).filter(|ns| !watches(ns))
            {
                report(out, r, &r.spec_field(&["kubernetesNamespace"]), ns, &ops);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const FKO: &str = "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {name: fko}\nspec: {watchNamespaces: [flink]}\n---\n";

    #[test]
    fn fires_on_unwatched_namespaces() {
        let f = check(
            &WatchedNamespaces,
            &format!("{FKO}name: dev-env\nkubernetesNamespace: team-a\n"),
        );
        assert_eq!(pointers(&f), [("/kubernetesNamespace".into(), Severity::Error)]);
        assert_eq!(f[0].line, Some(7));
    }

    #[test]
    fn silent_when_watched_or_watching_all() {
        let dep = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: d, namespace: flink}\n";
        assert!(check(&WatchedNamespaces, &format!("{FKO}{dep}")).is_empty());
        let all = FKO.replace("[flink]", "[]");
        assert!(
            check(&WatchedNamespaces, &format!("{all}{}", dep.replace("flink}", "x}"))).is_empty()
        );
    }

    #[test]
    fn a_namespace_watched_by_another_operator_is_watched() {
        let second = FKO.replace("name: fko", "name: fko2").replace("[flink]", "[team-a]");
        let env = "name: dev-env\nkubernetesNamespace: team-a\n";
        assert!(check(&WatchedNamespaces, &format!("{FKO}{second}{env}")).is_empty());
        let f =
            check(&WatchedNamespaces, &format!("{FKO}{second}{}", env.replace("team-a", "team-b")));
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("no Flink operator does watch namespace 'team-b' (watchNamespaces: [flink]; [team-a])"), "{}", f[0].message);
    }
}
