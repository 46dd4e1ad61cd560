//! The CMF REST export (see [`super::cmf`] for the contract).

use serde_json::Value;

use super::clean;
use super::{ExportFile, ExportOptions};
use crate::core::convert::{self, CmfPayload};
use crate::core::design::Design;
use crate::core::model::{Form, Kind, Resource};

/// CMF concepts in apply order (domain.md §2.4), with their file-name slug.
const ORDER: &[(Kind, &str)] = &[
    (Kind::Environment, "environment"),
    (Kind::Artifact, "artifact"),
    (Kind::CmfSecret, "secret"),
    (Kind::SecretMapping, "secret-mapping"),
    (Kind::KafkaCatalog, "kafka-catalog"),
    (Kind::KafkaDatabase, "kafka-database"),
    (Kind::ComputePool, "compute-pool"),
    (Kind::Statement, "statement"),
    (Kind::Application, "application"),
];

struct Item {
    kind: Kind,
    payload: CmfPayload,
    native: bool,
}

fn object_name(kind: Kind, body: &Value) -> String {
    let meta = body.pointer("/metadata/name").and_then(Value::as_str);
    let flat = body.get("name").and_then(Value::as_str);
    let name = if kind == Kind::Environment { flat.or(meta) } else { meta };
    name.unwrap_or_default().to_string()
}

/// The Kubernetes Secret a FlinkSecret CR names (same namespace).
fn k8s_secret<'a>(design: &'a Design, cr: &Resource) -> Option<&'a Value> {
    let name = convert::secret_ref(&cr.doc)?;
    design
        .of_kind(Kind::Secret)
        .find(|s| s.name() == name && s.namespace() == cr.namespace())
        .map(|s| &s.doc)
}

fn payload_of(design: &Design, r: &Resource) -> Option<Item> {
    ORDER.iter().find(|(k, _)| *k == r.kind)?;
    match r.form {
        Form::CmfRest => Some(Item {
            kind: r.kind,
            payload: CmfPayload {
                body: convert::normalize_cmf(r.kind, &r.doc),
                environment: r
                    .is_environment_scoped()
                    .then(|| r.environment().map(str::to_string))
                    .flatten(),
                catalog: r.catalog().map(str::to_string),
                notes: Vec::new(),
            },
            native: true,
        }),
        Form::CfkCr => {
            let secret = (r.kind == Kind::CmfSecret).then(|| k8s_secret(design, r)).flatten();
            let payload = convert::to_cmf(r.kind, &r.doc, secret).ok()?;
            Some(Item { kind: r.kind, payload, native: false })
        }
        _ => None,
    }
}

fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '-' })
        .collect();
    if s.is_empty() { "unnamed".to_string() } else { s }
}

pub(crate) fn render(design: &Design, options: ExportOptions) -> Vec<ExportFile> {
    let mut items: Vec<Item> =
        design.resources.iter().filter_map(|r| payload_of(design, r)).collect();
    let identity = |i: &Item| {
        (
            i.kind,
            object_name(i.kind, &i.payload.body),
            i.payload.environment.clone(),
            i.payload.catalog.clone(),
        )
    };
    let natives: Vec<_> = items.iter().filter(|i| i.native).map(identity).collect();
    items.retain(|i| i.native || !natives.contains(&identity(i)));
    let rank = |k: Kind| ORDER.iter().position(|(o, _)| *o == k).unwrap_or(usize::MAX);
    crate::core::sort::sort_by_key(&mut items, |i| rank(i.kind));
    let width = items.len().to_string().len().max(2);
    items
        .into_iter()
        .enumerate()
        .map(|(index, mut item)| {
            let body = &mut item.payload.body;
            clean::strip_server_fields(body, item.kind == Kind::Environment);
            clean::strip_studio_data(body);
            let replaced =
                if options.include_secrets { Vec::new() } else { clean::redact_secrets(body) };
            if item.kind == Kind::CmfSecret && !replaced.is_empty() {
                item.payload.notes.push(format!(
                    "secret values replaced by \"{}\"; export with --include-secrets to keep them",
                    clean::PLACEHOLDER
                ));
            } else if !replaced.is_empty() {
                item.payload.notes.push(format!(
                    "literal credentials replaced by \"{}\" ({}); export with --include-secrets \
                     to keep them",
                    clean::PLACEHOLDER,
                    replaced.join(", ")
                ));
            }
            let object = object_name(item.kind, body);
            let slug = ORDER.iter().find(|(k, _)| *k == item.kind).map_or("object", |o| o.1);
            let mut content = serde_json::to_string_pretty(body).unwrap_or_default();
            content.push('\n');
            ExportFile {
                name: format!("{:0width$}-{slug}-{}.json", index + 1, sanitize(&object)),
                content,
                kind: Some(item.kind),
                object,
                environment: item.payload.environment,
                catalog: item.payload.catalog,
                notes: item.payload.notes,
            }
        })
        .collect()
}
