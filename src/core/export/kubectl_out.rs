//! The kubectl export (see [`super::kubectl`] for the contract).

use serde_json::Value;

use super::ExportOptions;
use super::clean::{self, PLACEHOLDER};
use super::emit::to_yaml;
use crate::core::convert::{self, CfkTarget, CmfScope};
use crate::core::design::Design;
use crate::core::model::{CMF_API, CMF_API_ALPHA, Form, Kind, Resource};
use crate::core::pointer;

/// Apply rank of a document: lower first (domain.md EXP-006, §1.b).
pub(crate) fn rank(kind: Kind, kind_str: &str) -> u8 {
    match kind {
        Kind::Namespace => 1,
        Kind::ServiceAccount => 2,
        Kind::Role | Kind::ClusterRole => 3,
        Kind::RoleBinding | Kind::ClusterRoleBinding => 4,
        Kind::Secret | Kind::ConfigMap | Kind::PersistentVolumeClaim => 5,
        Kind::CmfRestClass => 7,
        Kind::Environment => 8,
        Kind::CmfSecret => 9,
        Kind::SecretMapping => 10,
        Kind::KafkaCatalog => 11,
        Kind::KafkaDatabase => 12,
        Kind::ComputePool => 13,
        Kind::Statement => 14,
        Kind::Application => 15,
        Kind::FlinkDeployment | Kind::FlinkBlueGreenDeployment => 16,
        Kind::FlinkSessionJob => 17,
        Kind::FlinkStateSnapshot => 18,
        _ => match kind_str {
            "CustomResourceDefinition" => 0,
            "StorageClass" | "PersistentVolume" => 5,
            _ => 6,
        },
    }
}

struct Entry {
    rank: u8,
    doc: Value,
    comments: Vec<String>,
    converted: bool,
}

fn identity(doc: &Value) -> [&str; 4] {
    let s = |t: &[&str]| pointer::get_str(doc, t).unwrap_or("");
    [s(&["apiVersion"]), s(&["kind"]), s(&["metadata", "namespace"]), s(&["metadata", "name"])]
}

fn describe(r: &Resource) -> String {
    let kind = if r.kind_str().is_empty() { "document" } else { r.kind_str() };
    let name = if r.name().is_empty() { String::new() } else { format!(" {}", r.name()) };
    let origin = r
        .origin
        .as_ref()
        .map(|o| format!(" ({}, document {})", o.file, o.document + 1))
        .unwrap_or_default();
    format!("{kind}{name}{origin}")
}

/// The rest class a converted payload goes through: the one the environment's CR uses,
/// else the design's first.
fn rest_class_for(design: &Design, env: Option<&str>) -> Option<(String, String)> {
    let from_env = design
        .of_kind(Kind::Environment)
        .filter(|e| e.form == Form::CfkCr && Some(e.name()) == env)
        .find_map(|e| {
            let name = e.spec_str(&["cmfRestClassRef", "name"])?;
            let ns = e.spec_str(&["cmfRestClassRef", "namespace"]).or(e.namespace());
            Some((name.to_string(), ns.unwrap_or("default").to_string()))
        });
    from_env.or_else(|| {
        design
            .of_kind(Kind::CmfRestClass)
            .next()
            .map(|r| (r.name().to_string(), r.namespace().unwrap_or("default").to_string()))
    })
}

fn only_environment(design: &Design) -> Option<&str> {
    let mut names: Vec<&str> = design.of_kind(Kind::Environment).map(Resource::name).collect();
    names.sort_unstable();
    names.dedup();
    (names.len() == 1).then(|| names[0])
}

pub(crate) fn render(design: &Design, options: ExportOptions) -> String {
    let mut entries: Vec<Entry> = Vec::new();
    let mut cmf_left_out: Vec<String> = Vec::new();
    let mut not_objects: Vec<String> = Vec::new();
    let has_rest_class = design.of_kind(Kind::CmfRestClass).next().is_some();
    for r in &design.resources {
        let api = r.api_version();
        match r.form {
            Form::Studio => continue,
            Form::CmfRest => {
                let env = if r.kind == Kind::Environment {
                    Some(r.name())
                } else {
                    r.environment().or_else(|| only_environment(design))
                };
                let scope_env = if r.is_environment_scoped() { r.environment() } else { env };
                let scope = CmfScope { environment: scope_env, catalog: r.catalog() };
                let converted = rest_class_for(design, env).ok_or(None).and_then(|(rc, ns)| {
                    let target = CfkTarget { namespace: &ns, rest_class: &rc };
                    convert::to_cfk(r.kind, &r.doc, scope, target).map_err(Some)
                });
                match converted {
                    Ok(docs) => {
                        for doc in docs {
                            let kind = crate::core::model::classify(&doc).0;
                            let rank = rank(kind, "");
                            let mut comments = vec![format!(
                                "Converted from the CMF REST payload {}",
                                describe(r)
                            )];
                            let cr_kind = doc.get("kind").and_then(Value::as_str).unwrap_or("");
                            let fields = convert::cfk34::unconfirmed(r.kind, &r.doc);
                            comments.extend(convert::cfk34::warning(cr_kind, &fields));
                            entries.push(Entry { rank, doc, comments, converted: true });
                        }
                    }
                    Err(why) => {
                        let why = why.map(|e| format!(": not converted, {e}")).unwrap_or_default();
                        cmf_left_out.push(format!("{}{why}", describe(r)));
                    }
                }
            }
            Form::Opaque
                if r.kind == Kind::Fragment
                    || api.is_empty()
                    || r.kind_str().is_empty()
                    || api == CMF_API
                    || api == CMF_API_ALPHA =>
            {
                not_objects.push(describe(r));
            }
            _ => entries.push(Entry {
                rank: rank(r.kind, r.kind_str()),
                doc: r.doc.clone(),
                comments: Vec::new(),
                converted: false,
            }),
        }
    }
    // A converted CR never shadows one the user wrote.
    let natives: Vec<[String; 4]> = entries
        .iter()
        .filter(|e| !e.converted)
        .map(|e| identity(&e.doc).map(str::to_string))
        .collect();
    let mut shadowed = Vec::new();
    entries.retain(|e| {
        let id = identity(&e.doc).map(str::to_string);
        let keep = !e.converted || !natives.contains(&id);
        if !keep {
            shadowed.push(format!("{} {}/{}", id[1], id[2], id[3]));
        }
        keep
    });
    crate::core::sort::sort_by_key(&mut entries, |e| e.rank);
    for e in &mut entries {
        clean::strip_server_fields(&mut e.doc, false);
        clean::strip_studio_data(&mut e.doc);
        let is_secret = e.doc.get("apiVersion").and_then(Value::as_str) == Some("v1")
            && e.doc.get("kind").and_then(Value::as_str) == Some("Secret");
        if !options.include_secrets {
            let replaced = clean::redact_secrets(&mut e.doc);
            if is_secret && !replaced.is_empty() {
                e.comments.push(format!(
                    "Secret values replaced by \"{PLACEHOLDER}\": fill them in, or export with \
                     --include-secrets."
                ));
            } else if !replaced.is_empty() {
                e.comments.push(format!(
                    "Literal credentials replaced by \"{PLACEHOLDER}\" ({}): fill them in, or \
                     export with --include-secrets.",
                    replaced.join(", ")
                ));
            }
        }
    }
    let mut out = header(entries.len(), has_rest_class, &cmf_left_out, &not_objects, &shadowed);
    for e in &entries {
        for c in &e.comments {
            out.push_str(&format!("# {c}\n"));
        }
        out.push_str("---\n");
        out.push_str(&to_yaml(&e.doc));
    }
    out
}

fn header(
    count: usize,
    has_rest_class: bool,
    cmf_left_out: &[String],
    not_objects: &[String],
    shadowed: &[String],
) -> String {
    let mut out = format!(
        "# Flink Studio export: {count} document(s) for `kubectl apply -f`, in dependency order.\n"
    );
    if !cmf_left_out.is_empty() {
        out.push_str(
            "# Left out: CMF REST payloads are not Kubernetes objects. Apply them with \
             `fstudio export --to cmf` (CMF REST API)",
        );
        out.push_str(if has_rest_class {
            ".\n"
        } else {
            ",\n# or add a CMFRestClass to the design to export them as CFK custom resources.\n"
        });
        for item in cmf_left_out {
            out.push_str(&format!("#   - {item}\n"));
        }
    }
    if !not_objects.is_empty() {
        out.push_str(
            "# Left out: not Kubernetes objects (no apiVersion/kind, or a CMF REST kind):\n",
        );
        for item in not_objects {
            out.push_str(&format!("#   - {item}\n"));
        }
    }
    if !shadowed.is_empty() {
        out.push_str("# Not converted (the design already has this custom resource):\n");
        for item in shadowed {
            out.push_str(&format!("#   - {item}\n"));
        }
    }
    out
}
