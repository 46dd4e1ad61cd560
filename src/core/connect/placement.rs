//! Connections that place a resource: into a namespace (containment, not a reference)
//! or a volume of a pod template.

use serde_json::{Value, json};

use super::Action;
use super::Refusal;
use super::plan::{Plan, a, plan_of, refuse};
use crate::core::graph::EdgeKind;
use crate::core::model::{Form, Kind, Resource};

pub(super) fn move_into_namespace(f: &Resource, ns: &str) -> Result<Plan, Refusal> {
    let cluster_scoped = f.kind.is_cluster_scoped() || f.kind == Kind::Fragment;
    if f.form == Form::CmfRest {
        return refuse(format!(
            "CMF objects are not Kubernetes objects: an environment places `{}` in a namespace; \
             drop it on an environment instead",
            f.name()
        ));
    }
    if cluster_scoped || f.form == Form::Opaque {
        return refuse(format!("{} is not namespaced, so it cannot move into `{ns}`", a(f)));
    }
    Ok(Plan { edge: None, actions: vec![Action::Set("/metadata/namespace".into(), json!(ns))] })
}

pub(super) fn pod_volume(f: &Resource, t: &Resource) -> Result<Plan, Refusal> {
    let name = t.name();
    let (edge, source) = match t.kind {
        Kind::Secret => (EdgeKind::Secret, json!({"secret": {"secretName": name}})),
        Kind::ConfigMap => (EdgeKind::ConfigMap, json!({"configMap": {"name": name}})),
        _ => (EdgeKind::Volume, json!({"persistentVolumeClaim": {"claimName": name}})),
    };
    let volumes = f.spec_get(&["podTemplate", "spec", "volumes"]).and_then(Value::as_array);
    let used: Vec<&str> = volumes
        .into_iter()
        .flatten()
        .filter_map(|v| v.get("name").and_then(Value::as_str))
        .collect();
    let already = volumes.into_iter().flatten().any(|v| {
        source.as_object().is_some_and(|src| src.iter().all(|(k, s)| v.get(k) == Some(s)))
    });
    if already {
        return plan_of(edge, Vec::new());
    }
    let mut volume_name = name.to_string();
    let mut n = 2;
    while used.contains(&volume_name.as_str()) {
        volume_name = format!("{name}-{n}");
        n += 1;
    }
    let mut volume = json!({"name": volume_name});
    if let (Some(v), Value::Object(src)) = (volume.as_object_mut(), source) {
        v.extend(src);
    }
    let field = f.spec_field(&["podTemplate", "spec", "volumes"]);
    plan_of(edge, vec![Action::Append(field, volume)])
}
