//! The proposals: per (from kind, to kind), the field to set, or why not.

use serde_json::{Value, json};

use super::placement::{move_into_namespace, pod_volume};
use super::{Action, EnvNamespaces, Refusal};
use crate::core::graph::{EdgeKind, Lookup};
use crate::core::model::{Form, Kind, Resource};
use crate::core::pointer;

/// A proposed connection, checked against the reference table by the caller.
pub(super) struct Plan {
    pub edge: Option<EdgeKind>,
    pub actions: Vec<Action>,
}

pub(super) fn plan_of(edge: EdgeKind, actions: Vec<Action>) -> Result<Plan, Refusal> {
    Ok(Plan { edge: Some(edge), actions })
}

fn set(r: &Resource, tokens: &[&str], v: impl Into<Value>) -> Action {
    Action::Set(r.spec_field(tokens), v.into())
}

pub(super) fn refuse(msg: String) -> Result<Plan, Refusal> {
    Err(Refusal(msg))
}

/// `a FlinkDeployment`, `an Environment`.
pub(super) fn a(r: &Resource) -> String {
    let k = kind_label(r);
    let article = if k.starts_with(['A', 'E', 'I', 'O', 'U']) { "an" } else { "a" };
    format!("{article} {k}")
}

fn kind_label(r: &Resource) -> &str {
    match r.kind_str() {
        "" => "resource",
        k => k,
    }
}

/// Kubernetes namespace the pods / objects of `r` live in.
fn home_namespace(r: &Resource, lookup: &EnvNamespaces) -> Option<String> {
    match r.kind {
        Kind::Application => r.environment().and_then(|e| lookup.environment_namespace(e)),
        _ => r.namespace().map(str::to_string),
    }
}

fn same_namespace(f: &Resource, t: &Resource, lookup: &EnvNamespaces) -> Result<(), Refusal> {
    let (fns, tns) = (home_namespace(f, lookup), t.namespace().unwrap_or("default"));
    match fns {
        Some(ns) if ns != tns => Err(Refusal(format!(
            "{} can only reference {} in its own namespace; `{}` is in `{ns}` and `{}` in \
             `{tns}` (move one of them first)",
            a(f),
            a(t),
            f.name(),
            t.name()
        ))),
        _ => Ok(()),
    }
}

/// Sets the environment of an environment-scoped resource, in its serialization.
fn environment_action(f: &Resource, env: &str) -> Action {
    if f.form == Form::CfkCr {
        set(f, &["flinkEnvironment"], env)
    } else {
        Action::AssignEnvironment(env.to_string())
    }
}

/// Points `f`'s address field at `t`'s own address (`t`'s spec field `key`).
fn address(
    f: &Resource,
    t: &Resource,
    edge: EdgeKind,
    field: &[&str],
    key: &str,
) -> Result<Plan, Refusal> {
    match t.spec_str(&[key]).map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => plan_of(edge, vec![set(f, field, v)]),
        None => refuse(format!("{} `{}` has no {key} to point `{}` at", a(t), t.name(), f.name())),
    }
}

/// The proposal for dropping `f` on `t`.
pub(super) fn plan(f: &Resource, t: &Resource, lookup: &EnvNamespaces) -> Result<Plan, Refusal> {
    use Kind as K;
    let name = t.name();
    match (f.kind, t.kind) {
        (_, K::Environment) if f.is_environment_scoped() => {
            plan_of(EdgeKind::Environment, vec![environment_action(f, name)])
        }
        (K::KafkaDatabase, K::Environment) => {
            let key = if f.spec_get(&["ddlEnvironments"]).is_none()
                && f.spec_get(&["alterEnvironments"]).is_some()
            {
                "alterEnvironments"
            } else {
                "ddlEnvironments"
            };
            let listed = f.spec_get(&[key]).and_then(Value::as_array).into_iter().flatten();
            let actions = if listed.clone().any(|v| v.as_str() == Some(name)) {
                Vec::new()
            } else {
                vec![Action::Append(f.spec_field(&[key]), json!(name))]
            };
            plan_of(EdgeKind::DdlEnvironment, actions)
        }
        (K::KafkaCatalog, K::Environment) => refuse(format!(
            "a Kafka catalog is global in CMF: `{}` becomes visible in environment `{name}` \
             through an environment secret mapping there named after its connectionSecretId",
            f.name()
        )),
        (K::Environment, K::Namespace) => {
            plan_of(EdgeKind::Namespace, vec![set(f, &["kubernetesNamespace"], name)])
        }
        (K::FkoInstall | K::CfkInstall, K::Namespace) => {
            let key = if f.kind == K::FkoInstall { "watchNamespaces" } else { "namespaceList" };
            let listed = f.spec_get(&[key]).and_then(Value::as_array).into_iter().flatten();
            let actions = if listed.clone().any(|v| v.as_str().map(str::trim) == Some(name)) {
                Vec::new()
            } else {
                vec![Action::Append(f.spec_field(&[key]), json!(name))]
            };
            plan_of(EdgeKind::Watches, actions)
        }
        (_, K::Namespace) => move_into_namespace(f, name),
        (K::Statement, K::ComputePool) => {
            let mut actions = vec![set(f, &["computePoolName"], name)];
            match (f.environment(), t.environment()) {
                (Some(fe), Some(te)) if fe != te => {
                    return refuse(format!(
                        "a statement can only use a compute pool of its own environment; \
                         `{}` is in `{fe}` and `{name}` in `{te}`",
                        f.name()
                    ));
                }
                (None, Some(te)) => actions.push(environment_action(f, te)),
                _ => {}
            }
            plan_of(EdgeKind::ComputePool, actions)
        }
        (K::Statement, K::KafkaCatalog) => {
            plan_of(EdgeKind::Catalog, vec![set(f, &["properties", "sql.current-catalog"], name)])
        }
        (K::Statement, K::KafkaDatabase) => {
            let mut actions = vec![set(f, &["properties", "sql.current-database"], name)];
            if let Some(c) = t.catalog() {
                actions.push(set(f, &["properties", "sql.current-catalog"], c));
            }
            plan_of(EdgeKind::Database, actions)
        }
        (K::KafkaDatabase, K::KafkaCatalog) => {
            let action = if f.form == Form::CfkCr {
                set(f, &["catalogRef", "name"], name)
            } else {
                Action::AssignCatalog(name.to_string())
            };
            plan_of(EdgeKind::Catalog, vec![action])
        }
        (K::KafkaDatabase, K::SecretMapping) => {
            let tokens: &[&str] = if f.form == Form::CfkCr {
                &["connectionSecretRef", "name"]
            } else {
                &["kafkaCluster", "connectionSecretId"]
            };
            plan_of(EdgeKind::SecretMapping, vec![set(f, tokens, name)])
        }
        (K::KafkaCatalog, K::SecretMapping) => plan_of(
            EdgeKind::SecretMapping,
            vec![set(f, &["srInstance", "connectionSecretId"], name)],
        ),
        (K::KafkaCatalog | K::KafkaDatabase, K::CmfSecret | K::Secret) => refuse(format!(
            "{} reaches its credentials through an environment secret mapping: connect `{}` \
             to a mapping, and the mapping to the secret",
            a(f),
            f.name()
        )),
        (K::SecretMapping, K::CmfSecret) => {
            let tokens: &[&str] =
                if f.form == Form::CfkCr { &["secretRef", "name"] } else { &["secretName"] };
            plan_of(EdgeKind::CmfSecret, vec![set(f, tokens, name)])
        }
        (K::CmfSecret, K::Secret) if f.form == Form::CfkCr => {
            same_namespace(f, t, lookup)?;
            let tokens: &[&str] = if f.spec_get(&["secretRef"]).is_some_and(Value::is_object) {
                &["secretRef", "name"]
            } else {
                &["secretRef"]
            };
            plan_of(EdgeKind::Secret, vec![set(f, tokens, name)])
        }
        (K::CmfRestClass, K::Secret) => {
            same_namespace(f, t, lookup)?;
            let oauth = f.spec_get(&["cmfRest", "authentication", "oauth"]);
            let tokens: &[&str] = if oauth.is_some_and(|o| o.get("secretRef").is_none()) {
                &["cmfRest", "authentication", "oauth", "secretRef"]
            } else {
                &["cmfRest", "tls", "secretRef"]
            };
            plan_of(EdgeKind::Secret, vec![set(f, tokens, name)])
        }
        (
            K::FlinkDeployment | K::Application,
            K::Secret | K::ConfigMap | K::PersistentVolumeClaim,
        ) => {
            same_namespace(f, t, lookup)?;
            pod_volume(f, t)
        }
        (K::FlinkDeployment | K::Application, K::ServiceAccount) => {
            same_namespace(f, t, lookup)?;
            plan_of(EdgeKind::ServiceAccount, vec![set(f, &["serviceAccount"], name)])
        }
        (K::RoleBinding | K::ClusterRoleBinding, K::ServiceAccount) => {
            let subject = json!({"kind": "ServiceAccount", "name": name,
                                 "namespace": t.namespace().unwrap_or("default")});
            let listed = pointer::get(&f.doc, &["subjects"]).and_then(Value::as_array);
            let present = listed.into_iter().flatten().any(|s| {
                s.get("kind") == subject.get("kind")
                    && s.get("name") == subject.get("name")
                    && s.get("namespace").or(f.doc.pointer("/metadata/namespace"))
                        == subject.get("namespace")
            });
            let actions = if present {
                Vec::new()
            } else {
                vec![Action::Append("/subjects".into(), subject)]
            };
            plan_of(EdgeKind::Subject, actions)
        }
        (K::ClusterRoleBinding, K::Role) => refuse(format!(
            "a ClusterRoleBinding can only bind a ClusterRole; `{name}` is a namespaced Role \
             (use a RoleBinding in `{}`)",
            t.namespace().unwrap_or("default")
        )),
        (K::RoleBinding | K::ClusterRoleBinding, K::Role | K::ClusterRole) => {
            if t.kind == K::Role {
                same_namespace(f, t, lookup)?;
            }
            let role = json!({"apiGroup": "rbac.authorization.k8s.io", "kind": t.kind_str(),
                              "name": name});
            plan_of(EdgeKind::RoleRef, vec![Action::Set("/roleRef".into(), role)])
        }
        (K::FlinkSessionJob, K::FlinkDeployment) => {
            if t.spec_get(&["job"]).is_some() {
                return refuse(format!(
                    "a FlinkSessionJob can only run on a FlinkDeployment without a job (a \
                     session cluster); `{name}` runs a job"
                ));
            }
            same_namespace(f, t, lookup)?;
            plan_of(EdgeKind::SessionCluster, vec![set(f, &["deploymentName"], name)])
        }
        (K::FlinkStateSnapshot, K::FlinkDeployment | K::FlinkSessionJob) => {
            same_namespace(f, t, lookup)?;
            let reference = json!({"kind": t.kind_str(), "name": name});
            plan_of(EdgeKind::SnapshotTarget, vec![set(f, &["jobReference"], reference)])
        }
        (K::KafkaDatabase, K::KafkaCluster) => address(
            f,
            t,
            EdgeKind::Kafka,
            &["kafkaCluster", "connectionConfig", "bootstrap.servers"],
            "bootstrapServers",
        ),
        (K::KafkaCatalog, K::SchemaRegistry) => address(
            f,
            t,
            EdgeKind::SchemaRegistry,
            &["srInstance", "connectionConfig", "schema.registry.url"],
            "url",
        ),
        (K::CmfRestClass, K::CmfInstall) => {
            address(f, t, EdgeKind::Endpoint, &["cmfRest", "endpoint"], "url")
        }
        (_, K::ObjectStore) => refuse(format!(
            "{} uses an object store through the locations it names: write an \
             `s3://<bucket>/…` path (a bucket `{name}` lists) in its checkpoint or savepoint \
             directory or jar URI",
            a(f)
        )),
        (_, K::CmfRestClass) if f.form == Form::CfkCr => {
            let ns = f.namespace().unwrap_or("default");
            let tns = t.namespace().unwrap_or("default");
            let mut actions = vec![set(f, &["cmfRestClassRef", "name"], name)];
            actions.push(if ns == tns {
                Action::Remove(f.spec_field(&["cmfRestClassRef", "namespace"]))
            } else {
                set(f, &["cmfRestClassRef", "namespace"], tns)
            });
            plan_of(EdgeKind::RestClass, actions)
        }
        (_, K::CmfRestClass) => refuse(format!(
            "only Confluent for Kubernetes custom resources use a CMFRestClass; `{}` is {}",
            f.name(),
            a(f)
        )),
        _ => refuse(format!("{} has no field that can reference {}", a(f), a(t))),
    }
}
