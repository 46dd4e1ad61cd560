//! The references each resource makes (domain.md §1.0, edges E1–E28).

use serde_json::Value;

use crate::core::model::{Form, Kind, Resource};
use crate::core::pointer;

/// What a reference means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum EdgeKind {
    /// Resource → its CMF environment (E3, E6, E14).
    Environment,
    /// Environment → its Kubernetes namespace (E1).
    Namespace,
    /// Statement → compute pool (E7).
    ComputePool,
    /// Statement → catalog (E8), database → catalog (E10).
    Catalog,
    /// Statement → database (E9).
    Database,
    /// Database → environments allowed to run DDL (E11).
    DdlEnvironment,
    /// Catalog/database connection secret id → secret mapping (E12).
    SecretMapping,
    /// Mapping → CMF secret (E13).
    CmfSecret,
    /// CFK CR → CMFRestClass (E18).
    RestClass,
    /// FlinkSecret / CMFRestClass / pod template → Kubernetes Secret (E19, E20, E5).
    Secret,
    /// Pod template → ConfigMap (E5).
    ConfigMap,
    /// Pod template → PersistentVolumeClaim (E5).
    Volume,
    /// Deployment/application → ServiceAccount (E4, E21).
    ServiceAccount,
    /// Session job → session cluster (E22).
    SessionCluster,
    /// Snapshot → job (E23).
    SnapshotTarget,
    /// RoleBinding → Role/ClusterRole (E25).
    RoleRef,
    /// RoleBinding → ServiceAccount subject (E25).
    Subject,
    /// Operator installation → watched namespace (E27, E28).
    Watches,
    /// Application / statement / compute pool → CMF artifact of a `cmf://` URI (CMF ≥ 2.4;
    /// `graph/artifacts.rs`).
    Artifact,
}

/// One reference made by a resource, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Meaning of the edge.
    pub edge: EdgeKind,
    /// JSON Pointer of the field holding the reference.
    pub field: String,
    /// Kinds that can satisfy it.
    pub targets: &'static [Kind],
    /// Name of the target.
    pub name: String,
    /// Kubernetes namespace the target must be in (namespaced kinds).
    pub namespace: Option<String>,
    /// CMF environment the target must be in (environment-scoped kinds).
    pub environment: Option<String>,
    /// Kafka catalog the target must be in (databases).
    pub catalog: Option<String>,
}

impl Reference {
    fn new(edge: EdgeKind, field: String, targets: &'static [Kind], name: &str) -> Self {
        Self {
            edge,
            field,
            targets,
            name: name.to_string(),
            namespace: None,
            environment: None,
            catalog: None,
        }
    }

    fn in_namespace(mut self, ns: Option<&str>) -> Self {
        self.namespace = ns.map(str::to_string);
        self
    }

    fn in_environment(mut self, env: Option<&str>) -> Self {
        self.environment = env.map(str::to_string);
        self
    }
}

/// Facts about other resources that reference extraction needs.
pub trait Lookup {
    /// The Kubernetes namespace of CMF environment `env`, if known.
    fn environment_namespace(&self, env: &str) -> Option<String>;
}

/// Every reference `r` makes.
pub fn references(r: &Resource, lookup: &dyn Lookup) -> Vec<Reference> {
    let mut out = Vec::new();
    let ns = r.namespace();
    match r.kind {
        Kind::Environment => {
            if let Some(n) = r.spec_str(&["kubernetesNamespace"]) {
                out.push(Reference::new(
                    EdgeKind::Namespace,
                    r.spec_field(&["kubernetesNamespace"]),
                    &[Kind::Namespace],
                    n,
                ));
            }
        }
        Kind::Application => {
            let env_ns = r.environment().and_then(|e| lookup.environment_namespace(e));
            if let Some(sa) = r.spec_str(&["serviceAccount"]) {
                out.push(
                    Reference::new(
                        EdgeKind::ServiceAccount,
                        r.spec_field(&["serviceAccount"]),
                        &[Kind::ServiceAccount],
                        sa,
                    )
                    .in_namespace(env_ns.as_deref()),
                );
            }
            if let Some(spec) = r.spec() {
                pod_template_refs(spec, r.spec_pointer(), env_ns.as_deref(), &mut out);
            }
        }
        Kind::FlinkDeployment => {
            if let Some(sa) = r.spec_str(&["serviceAccount"]) {
                out.push(
                    Reference::new(
                        EdgeKind::ServiceAccount,
                        r.spec_field(&["serviceAccount"]),
                        &[Kind::ServiceAccount],
                        sa,
                    )
                    .in_namespace(ns),
                );
            }
            if let Some(spec) = r.spec() {
                pod_template_refs(spec, "/spec", ns, &mut out);
            }
        }
        Kind::FlinkSessionJob => {
            if let Some(d) = r.spec_str(&["deploymentName"]) {
                out.push(
                    Reference::new(
                        EdgeKind::SessionCluster,
                        r.spec_field(&["deploymentName"]),
                        &[Kind::FlinkDeployment],
                        d,
                    )
                    .in_namespace(ns),
                );
            }
        }
        Kind::FlinkStateSnapshot => {
            if let Some(name) = r.spec_str(&["jobReference", "name"]) {
                let targets: &'static [Kind] = match r.spec_str(&["jobReference", "kind"]) {
                    Some("FlinkSessionJob") => &[Kind::FlinkSessionJob],
                    _ => &[Kind::FlinkDeployment],
                };
                out.push(
                    Reference::new(
                        EdgeKind::SnapshotTarget,
                        r.spec_field(&["jobReference", "name"]),
                        targets,
                        name,
                    )
                    .in_namespace(ns),
                );
            }
        }
        Kind::Statement => {
            let env = r.environment();
            if let Some(p) = r.spec_str(&["computePoolName"]) {
                out.push(
                    Reference::new(
                        EdgeKind::ComputePool,
                        r.spec_field(&["computePoolName"]),
                        &[Kind::ComputePool],
                        p,
                    )
                    .in_environment(env),
                );
            }
            let cat = r.spec_str(&["properties", "sql.current-catalog"]);
            if let Some(c) = cat {
                out.push(Reference::new(
                    EdgeKind::Catalog,
                    r.spec_field(&["properties", "sql.current-catalog"]),
                    &[Kind::KafkaCatalog],
                    c,
                ));
            }
            if let Some(db) = r.spec_str(&["properties", "sql.current-database"]) {
                let mut reference = Reference::new(
                    EdgeKind::Database,
                    r.spec_field(&["properties", "sql.current-database"]),
                    &[Kind::KafkaDatabase],
                    db,
                );
                reference.catalog = cat.map(str::to_string);
                out.push(reference);
            }
        }
        Kind::KafkaDatabase => {
            if let Some(c) = r.catalog() {
                let field = if r.form == Form::CfkCr {
                    r.spec_field(&["catalogRef", "name"])
                } else {
                    String::new()
                };
                out.push(Reference::new(EdgeKind::Catalog, field, &[Kind::KafkaCatalog], c));
            }
            // `alterEnvironments` is the CMF 2.1–2.2 name of the same list.
            for key in ["ddlEnvironments", "alterEnvironments"] {
                for (i, e) in strings_at(r.spec_get(&[key])) {
                    out.push(Reference::new(
                        EdgeKind::DdlEnvironment,
                        r.spec_field(&[key, &i.to_string()]),
                        &[Kind::Environment],
                        e,
                    ));
                }
            }
            let (tokens, value): (&[&str], _) = if r.form == Form::CfkCr {
                (&["connectionSecretRef", "name"], r.spec_str(&["connectionSecretRef", "name"]))
            } else {
                (
                    &["kafkaCluster", "connectionSecretId"],
                    r.spec_str(&["kafkaCluster", "connectionSecretId"]),
                )
            };
            if let Some(id) = value {
                out.push(Reference::new(
                    EdgeKind::SecretMapping,
                    r.spec_field(tokens),
                    &[Kind::SecretMapping],
                    id,
                ));
            }
        }
        Kind::KafkaCatalog => {
            if let Some(id) = r.spec_str(&["srInstance", "connectionSecretId"]) {
                out.push(Reference::new(
                    EdgeKind::SecretMapping,
                    r.spec_field(&["srInstance", "connectionSecretId"]),
                    &[Kind::SecretMapping],
                    id,
                ));
            }
        }
        Kind::SecretMapping => {
            let (tokens, value): (&[&str], _) = if r.form == Form::CfkCr {
                (&["secretRef", "name"], r.spec_str(&["secretRef", "name"]))
            } else {
                (&["secretName"], r.spec_str(&["secretName"]))
            };
            if let Some(s) = value {
                out.push(Reference::new(
                    EdgeKind::CmfSecret,
                    r.spec_field(tokens),
                    &[Kind::CmfSecret],
                    s,
                ));
            }
        }
        Kind::CmfSecret if r.form == Form::CfkCr => {
            let name = r.spec_str(&["secretRef"]).or_else(|| r.spec_str(&["secretRef", "name"]));
            if let Some(s) = name {
                let field = if r.spec_str(&["secretRef"]).is_some() {
                    r.spec_field(&["secretRef"])
                } else {
                    r.spec_field(&["secretRef", "name"])
                };
                out.push(
                    Reference::new(EdgeKind::Secret, field, &[Kind::Secret], s).in_namespace(ns),
                );
            }
        }
        Kind::CmfRestClass => {
            for path in [
                &["cmfRest", "tls", "secretRef"][..],
                &["cmfRest", "authentication", "oauth", "secretRef"],
            ] {
                let (field, name) = match r.spec_get(path) {
                    Some(Value::String(s)) => (r.spec_field(path), s.as_str()),
                    Some(v) => match v.get("name").and_then(Value::as_str) {
                        Some(s) => {
                            let mut p = path.to_vec();
                            p.push("name");
                            (r.spec_field(&p), s)
                        }
                        None => continue,
                    },
                    None => continue,
                };
                out.push(
                    Reference::new(EdgeKind::Secret, field, &[Kind::Secret], name).in_namespace(ns),
                );
            }
        }
        Kind::RoleBinding | Kind::ClusterRoleBinding => {
            if let Some(name) = pointer::get_str(&r.doc, &["roleRef", "name"]) {
                let targets: &'static [Kind] = match pointer::get_str(&r.doc, &["roleRef", "kind"])
                {
                    Some("ClusterRole") => &[Kind::ClusterRole],
                    _ => &[Kind::Role],
                };
                let role_ns = if targets == [Kind::Role] { ns } else { None };
                out.push(
                    Reference::new(EdgeKind::RoleRef, "/roleRef/name".into(), targets, name)
                        .in_namespace(role_ns),
                );
            }
            if let Some(Value::Array(subjects)) = r.doc.get("subjects") {
                for (i, s) in subjects.iter().enumerate() {
                    if s.get("kind").and_then(Value::as_str) != Some("ServiceAccount") {
                        continue;
                    }
                    let Some(name) = s.get("name").and_then(Value::as_str) else { continue };
                    let sns = s.get("namespace").and_then(Value::as_str).or(ns);
                    out.push(
                        Reference::new(
                            EdgeKind::Subject,
                            format!("/subjects/{i}/name"),
                            &[Kind::ServiceAccount],
                            name,
                        )
                        .in_namespace(sns),
                    );
                }
            }
        }
        Kind::FkoInstall | Kind::CfkInstall => {
            let key = if r.kind == Kind::FkoInstall { "watchNamespaces" } else { "namespaceList" };
            for (i, n) in strings_at(r.spec_get(&[key])) {
                out.push(Reference::new(
                    EdgeKind::Watches,
                    r.spec_field(&[key, &i.to_string()]),
                    &[Kind::Namespace],
                    n.trim(),
                ));
            }
        }
        _ => {}
    }
    if r.is_environment_scoped()
        && let Some(e) = r.environment()
    {
        let field =
            if r.form == Form::CfkCr { r.spec_field(&["flinkEnvironment"]) } else { String::new() };
        out.push(Reference::new(EdgeKind::Environment, field, &[Kind::Environment], e));
    }
    out.extend(super::artifacts::artifact_references(r));
    if r.form == Form::CfkCr
        && let Some(name) = r.spec_str(&["cmfRestClassRef", "name"])
    {
        let rns = r.spec_str(&["cmfRestClassRef", "namespace"]).or(ns);
        out.push(
            Reference::new(
                EdgeKind::RestClass,
                r.spec_field(&["cmfRestClassRef", "name"]),
                &[Kind::CmfRestClass],
                name,
            )
            .in_namespace(rns),
        );
    }
    out
}

fn strings_at(v: Option<&Value>) -> impl Iterator<Item = (usize, &str)> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, v)| v.as_str().map(|s| (i, s)))
}

/// References from the pod templates of a deployment-like spec (E5).
fn pod_template_refs(spec: &Value, base: &str, ns: Option<&str>, out: &mut Vec<Reference>) {
    let templates: [(&[&str], String); 3] = [
        (&["podTemplate"], format!("{base}/podTemplate")),
        (&["jobManager", "podTemplate"], format!("{base}/jobManager/podTemplate")),
        (&["taskManager", "podTemplate"], format!("{base}/taskManager/podTemplate")),
    ];
    for (tokens, at) in templates {
        let Some(pod_spec) = pointer::get(spec, tokens).and_then(|t| t.get("spec")) else {
            continue;
        };
        let at = format!("{at}/spec");
        let mut add = |edge, field: String, targets: &'static [Kind], name: &str| {
            out.push(Reference::new(edge, field, targets, name).in_namespace(ns));
        };
        for (i, v) in array(pod_spec.get("volumes")) {
            let checks: [(&str, &str, EdgeKind, &'static [Kind]); 3] = [
                ("configMap", "name", EdgeKind::ConfigMap, &[Kind::ConfigMap]),
                ("secret", "secretName", EdgeKind::Secret, &[Kind::Secret]),
                (
                    "persistentVolumeClaim",
                    "claimName",
                    EdgeKind::Volume,
                    &[Kind::PersistentVolumeClaim],
                ),
            ];
            for (src, key, edge, targets) in checks {
                if let Some(name) = v.get(src).and_then(|s| s.get(key)).and_then(Value::as_str) {
                    add(edge, format!("{at}/volumes/{i}/{src}/{key}"), targets, name);
                }
            }
        }
        for (i, s) in array(pod_spec.get("imagePullSecrets")) {
            if let Some(name) = s.get("name").and_then(Value::as_str) {
                add(
                    EdgeKind::Secret,
                    format!("{at}/imagePullSecrets/{i}/name"),
                    &[Kind::Secret],
                    name,
                );
            }
        }
        for list in ["containers", "initContainers"] {
            for (ci, c) in array(pod_spec.get(list)) {
                let cat = format!("{at}/{list}/{ci}");
                for (i, e) in array(c.get("envFrom")) {
                    for (src, edge) in
                        [("configMapRef", EdgeKind::ConfigMap), ("secretRef", EdgeKind::Secret)]
                    {
                        if let Some(name) =
                            e.get(src).and_then(|s| s.get("name")).and_then(Value::as_str)
                        {
                            add(
                                edge,
                                format!("{cat}/envFrom/{i}/{src}/name"),
                                targets_for(edge),
                                name,
                            );
                        }
                    }
                }
                for (i, e) in array(c.get("env")) {
                    let vf = e.get("valueFrom");
                    for (src, edge) in [
                        ("secretKeyRef", EdgeKind::Secret),
                        ("configMapKeyRef", EdgeKind::ConfigMap),
                    ] {
                        if let Some(name) = vf
                            .and_then(|v| v.get(src))
                            .and_then(|s| s.get("name"))
                            .and_then(Value::as_str)
                        {
                            add(
                                edge,
                                format!("{cat}/env/{i}/valueFrom/{src}/name"),
                                targets_for(edge),
                                name,
                            );
                        }
                    }
                }
            }
        }
    }
}

fn targets_for(edge: EdgeKind) -> &'static [Kind] {
    match edge {
        EdgeKind::Secret => &[Kind::Secret],
        EdgeKind::ConfigMap => &[Kind::ConfigMap],
        _ => &[],
    }
}

fn array(v: Option<&Value>) -> impl Iterator<Item = (usize, &Value)> {
    v.and_then(Value::as_array).into_iter().flatten().enumerate()
}
