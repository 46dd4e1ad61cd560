//! The reference policy: how every rule reports a reference to something not in the input.
//!
//! Inputs are *open* by default: a folder of manifests is usually part of a bigger
//! repository or cluster, so a reference whose target is not in the input is a
//! **warning** that names exactly what must exist (kind, name, namespace / environment /
//! catalog, and where: the cluster or CMF). A design that declares itself complete
//! ([`Targets::complete`](crate::core::targets::Targets::complete): `spec.complete: true`
//! in the design file, `fstudio validate --complete`, the studio's "complete design"
//! toggle) turns the same finding into an **error**. Whether other objects of the target's
//! kind happen to be in the input never changes the severity; they are only offered as
//! candidates ("the input has: …").

use crate::core::finding::{Finding, Severity};
use crate::core::graph::{Dangling, EdgeKind, Reference};
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Sink};

/// Dangling references of the given edge kinds, with their source resource.
pub fn dangling<'a>(
    cx: &'a Context<'_>,
    edges: &'a [EdgeKind],
) -> impl Iterator<Item = (&'a Resource, &'a Dangling)> + 'a {
    cx.graph()
        .dangling
        .iter()
        .filter(move |d| edges.contains(&d.reference.edge))
        .filter_map(move |d| cx.get(d.from).map(|r| (r, d)))
}

/// At most this many candidate names are listed.
const MAX_CANDIDATES: usize = 4;

/// What a missing reference is about, for its message.
pub struct Missing<'t> {
    /// What the target is, e.g. "compute pool".
    pub what: &'t str,
    /// Where it was looked for, e.g. " in environment 'dev'" (may be empty).
    pub scope: &'t str,
    /// How to fix it (the policy adds "or add it to the design" for open inputs).
    pub hint: &'t str,
}

/// `" in namespace 'x'"` / `" in environment 'x'"` / `" in catalog 'x'"` for a reference.
pub fn scope_text(r: &Reference) -> String {
    match (&r.namespace, &r.environment, &r.catalog) {
        (Some(ns), _, _) => format!(" in namespace '{ns}'"),
        (_, Some(e), _) => format!(" in environment '{e}'"),
        (_, _, Some(c)) => format!(" in catalog '{c}'"),
        _ => String::new(),
    }
}

/// Where a target that is not in the input must already exist: CMF objects in CMF (a CFK
/// CR may stand for them, but CMF is where they must be), everything else in the cluster.
fn place(r: &Reference) -> &'static str {
    let in_cmf = r.targets.iter().all(|k| {
        matches!(
            k,
            Kind::Environment
                | Kind::Application
                | Kind::ComputePool
                | Kind::Statement
                | Kind::KafkaCatalog
                | Kind::KafkaDatabase
                | Kind::CmfSecret
                | Kind::SecretMapping
                | Kind::Savepoint
                | Kind::DetachedSavepoint
                | Kind::Artifact
        )
    });
    if in_cmf { "in CMF" } else { "in the cluster" }
}

/// Names of the input's objects that could have been meant: the target's kinds, in the
/// reference's scope, sorted.
pub fn candidates<'a>(cx: &Context<'a>, r: &Reference) -> Vec<&'a str> {
    let mut names: Vec<&str> = r
        .targets
        .iter()
        .flat_map(|k| cx.of_kind(*k))
        .filter(|t| {
            let ns =
                r.namespace.as_deref().is_none_or(|ns| t.namespace().unwrap_or("default") == ns);
            let env = r.environment.as_deref().is_none_or(|e| t.environment() == Some(e));
            let cat = r.catalog.as_deref().is_none_or(|c| t.catalog() == Some(c));
            ns && env && cat
        })
        .map(|t| t.name())
        .filter(|n| *n != r.name)
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

fn listed(names: &[&str]) -> String {
    let mut text = names.iter().take(MAX_CANDIDATES).map(|n| format!("'{n}'")).collect::<Vec<_>>();
    if names.len() > MAX_CANDIDATES {
        text.push(format!("and {} more", names.len() - MAX_CANDIDATES));
    }
    text.join(", ")
}

/// Reports the dangling reference `d` of `from` under the policy: a warning naming what
/// must exist, or an error when the design is complete. The message lists same-kind
/// candidates in scope, if any.
pub fn report_missing<'s>(
    cx: &Context<'_>,
    out: &'s mut Sink<'_>,
    from: &Resource,
    d: &Dangling,
    m: Missing<'_>,
) -> &'s mut Finding {
    report_reference(cx, out, from, &d.reference, m)
}

/// [`report_missing`] for a reference the caller resolved itself (not a graph edge).
pub fn report_reference<'s>(
    cx: &Context<'_>,
    out: &'s mut Sink<'_>,
    from: &Resource,
    r: &Reference,
    m: Missing<'_>,
) -> &'s mut Finding {
    let name = &r.name;
    let near = candidates(cx, r);
    let has =
        if near.is_empty() { String::new() } else { format!(" (the input has {})", listed(&near)) };
    if cx.targets.complete {
        let f =
            out.report(from, &r.field, format!("{} '{name}' not found{}{has}", m.what, m.scope));
        f.severity(Severity::Error).hint(format!(
            "{}; this design is marked complete, so everything it references must be in it",
            m.hint
        ));
        f
    } else {
        let f = out.report(
            from,
            &r.field,
            format!(
                "{} '{name}'{} is not in the input{has}; it must already exist {}",
                m.what,
                m.scope,
                place(r)
            ),
        );
        f.severity(Severity::Warning).hint(format!("{} (or add it to the design)", m.hint));
        f
    }
}

#[cfg(test)]
mod tests {
    use crate::core::finding::Severity;
    use crate::core::graph::EdgeKind;
    use crate::core::import::import_text;
    use crate::core::{design::Design, rules, targets::Targets};

    /// One dangling reference of every edge kind, each in a design of its own with no
    /// other object of the target kind.
    /// `(edge, fixture)`; every edge's finding is a warning for open inputs and an error
    /// for complete designs, except the ones in `NEVER_ERRORS`.
    const DANGLING: &[(EdgeKind, &str)] = &[
        (
            EdgeKind::Environment,
            "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkApplication\nmetadata: {name: app, namespace: confluent}\nspec:\n  flinkEnvironment: env1\n  cmfRestClassRef: {name: default, namespace: confluent}\n  image: confluentinc/cp-flink:1.19.1-cp1\n  serviceAccount: flink\n  jobManager: {resource: {memory: 1024m, cpu: 1}}\n  taskManager: {resource: {memory: 1024m, cpu: 1}}\n  job: {jarURI: 'local:///opt/flink/examples/streaming/StateMachineExample.jar', parallelism: 1, upgradeMode: stateless}\n---\napiVersion: platform.confluent.io/v1beta1\nkind: CMFRestClass\nmetadata: {name: default, namespace: confluent}\nspec: {cmfRest: {endpoint: 'http://cmf-service.confluent.svc.cluster.local'}}\n",
        ),
        (EdgeKind::Namespace, "name: env1\nkubernetesNamespace: team-a\n"),
        (
            EdgeKind::ComputePool,
            "name: env1\nkubernetesNamespace: default\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  computePoolName: pool1\n  statement: SELECT 1\n",
        ),
        (
            EdgeKind::Catalog,
            "name: env1\nkubernetesNamespace: default\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  statement: SELECT 1\n  properties: {sql.current-catalog: cat1}\n",
        ),
        (
            EdgeKind::Database,
            "name: env1\nkubernetesNamespace: default\n---\napiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: cat1}\nspec: {srInstance: {connectionConfig: {schema.registry.url: 'http://sr:8081'}}}\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  statement: SELECT 1\n  properties: {sql.current-catalog: cat1, sql.current-database: db1}\n",
        ),
        (
            EdgeKind::SecretMapping,
            "name: env1\nkubernetesNamespace: default\n---\napiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: cat1}\nspec: {srInstance: {connectionConfig: {schema.registry.url: 'http://sr:8081'}, connectionSecretId: sr-creds}}\n",
        ),
        (
            EdgeKind::RestClass,
            "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkEnvironment\nmetadata: {name: env1, namespace: confluent}\nspec:\n  kubernetesNamespace: default\n  cmfRestClassRef: {name: default, namespace: confluent}\n",
        ),
        (
            EdgeKind::ServiceAccount,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: basic, namespace: team}\nspec:\n  image: flink:1.20\n  serviceAccount: job-runner\n  jobManager: {resource: {memory: 2048m, cpu: 1}}\n  taskManager: {resource: {memory: 2048m, cpu: 1}}\n",
        ),
        (
            EdgeKind::SessionCluster,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata: {name: job1, namespace: team}\nspec:\n  deploymentName: session1\n  job: {jarURI: 'https://repo/x.jar', parallelism: 1, upgradeMode: stateless}\n",
        ),
        (
            EdgeKind::SnapshotTarget,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {name: snap1, namespace: team}\nspec:\n  savepoint: {path: 's3://b/sp'}\n  jobReference: {kind: FlinkDeployment, name: job1}\n",
        ),
        (
            EdgeKind::RoleRef,
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb, namespace: team}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: flink-role}\nsubjects: []\n",
        ),
        (
            EdgeKind::Subject,
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: rb}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: runner, namespace: team}]\n",
        ),
        (
            EdgeKind::Volume,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: basic, namespace: team}\nspec:\n  image: flink:1.20\n  jobManager: {resource: {memory: 2048m, cpu: 1}}\n  taskManager: {resource: {memory: 2048m, cpu: 1}}\n  podTemplate:\n    spec:\n      containers: [{name: flink-main-container, volumeMounts: [{name: data, mountPath: /data}]}]\n      volumes: [{name: data, persistentVolumeClaim: {claimName: flink-data}}]\n",
        ),
        (
            EdgeKind::ConfigMap,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: basic, namespace: team}\nspec:\n  image: flink:1.20\n  jobManager: {resource: {memory: 2048m, cpu: 1}}\n  taskManager: {resource: {memory: 2048m, cpu: 1}}\n  podTemplate:\n    spec:\n      containers: [{name: flink-main-container, envFrom: [{configMapRef: {name: settings}}]}]\n",
        ),
        (
            EdgeKind::Secret,
            "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkSecret\nmetadata: {name: creds, namespace: confluent}\nspec:\n  secretRef: kafka-creds\n  cmfRestClassRef: {name: default, namespace: confluent}\n---\napiVersion: platform.confluent.io/v1beta1\nkind: CMFRestClass\nmetadata: {name: default, namespace: confluent}\nspec: {cmfRest: {endpoint: 'http://cmf-service.confluent.svc.cluster.local'}}\n",
        ),
        (
            EdgeKind::CmfSecret,
            "apiVersion: cmf.confluent.io/v1\nkind: EnvironmentSecretMapping\nmetadata: {name: kafka-conn}\nspec: {secretName: kafka-secret}\n",
        ),
        (
            EdgeKind::Artifact,
            "name: env1\nkubernetesNamespace: default\n---\napiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: app}\nspec:\n  job: {jarURI: 'cmf://env1/job.jar'}\n",
        ),
        (
            EdgeKind::DdlEnvironment,
            "apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: cat}\nspec: {srInstance: {connectionConfig: {schema.registry.url: 'http://sr:8081'}}}\n---\napiVersion: cmf.confluent.io/v1\nkind: KafkaDatabase\nmetadata: {name: db1}\nspec:\n  kafkaCluster: {connectionConfig: {bootstrap.servers: 'kafka:9092'}}\n  alterEnvironments: [prod]\n",
        ),
    ];

    /// Accepted as written, so a warning even for complete designs: an environment in a
    /// database's DDL list that does not exist, and a catalog whose connection secret has
    /// no mapping (CMF hides it; a statement that uses it gets the error).
    const NEVER_ERRORS: &[EdgeKind] = &[EdgeKind::DdlEnvironment, EdgeKind::SecretMapping];

    fn findings_of(yaml: &str, complete: bool) -> Vec<crate::core::finding::Finding> {
        let mut design = Design::new();
        import_text(&mut design, "test.yaml", yaml);
        design.assign_scopes(None, None);
        rules::validate(&design, Targets { complete, ..Targets::default() })
    }

    #[test]
    fn every_reference_kind_gets_a_warning_when_open_and_an_error_when_complete() {
        for (edge, yaml) in DANGLING {
            let mut design = Design::new();
            import_text(&mut design, "test.yaml", yaml);
            design.assign_scopes(None, None);
            let graph = crate::core::graph::Graph::build(&design);
            let d = graph
                .dangling
                .iter()
                .find(|d| d.reference.edge == *edge)
                .unwrap_or_else(|| panic!("fixture of {edge:?} has no dangling {edge:?}"));
            let at = d.reference.field.clone();
            let name = d.reference.name.clone();
            for complete in [false, true] {
                let f = findings_of(yaml, complete);
                let here: Vec<_> =
                    f.iter().filter(|f| f.pointer == at && f.message.contains(&name)).collect();
                assert!(
                    !here.is_empty(),
                    "{edge:?} (complete: {complete}): no finding at {at}: {f:#?}"
                );
                let worst = here.iter().map(|f| f.severity).max().unwrap();
                let want = if complete && !NEVER_ERRORS.contains(edge) {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                assert_eq!(worst, want, "{edge:?} (complete: {complete}): {here:#?}");
            }
        }
    }
}
