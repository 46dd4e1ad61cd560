//! CMF REST payload ⇄ CFK custom resource: one concept, two serializations.
//!
//! Pure functions on documents; the export module decides when to call them. The
//! correspondence follows domain.md §1.b:
//!
//! | CMF REST payload | CFK CR (`platform.confluent.io/v1beta1`) |
//! |---|---|
//! | URL path `{envName}` | `spec.flinkEnvironment` |
//! | `Environment` flat body (`name`, `kubernetesNamespace`, …) | `FlinkEnvironment`: `metadata.name`, the other fields under `spec` |
//! | `FlinkApplication`, `ComputePool`, `Statement`, `KafkaCatalog` `spec.*` | `FlinkApplication`, `FlinkComputePool`, `FlinkStatement`, `FlinkKafkaCatalog` `spec.*` (inline) |
//! | `KafkaDatabase` path `{catName}` | `spec.catalogRef.name` |
//! | `KafkaDatabase` `spec.kafkaCluster.connectionSecretId` | `spec.connectionSecretRef.name` |
//! | `Secret` `spec.data` | Kubernetes `Secret` (`stringData`; `data` is base64) named by `FlinkSecret.spec.secretRef` |
//! | `EnvironmentSecretMapping` `spec.secretName` | `spec.secretRef.name` |
//! | (client configuration) | `spec.cmfRestClassRef{name, namespace}` on every CR |
//!
//! Decisions (the CFK docs are silent on them):
//! * The CR lives in the CFK namespace (the `CMFRestClass`'s namespace), never in the
//!   environment's `kubernetesNamespace`. A CMF payload's own `metadata.namespace` is not a
//!   CMF field and is replaced.
//! * Metadata: only `name`, `labels` and `annotations` cross over, both ways. Server-owned
//!   metadata (`uid`, timestamps) is dropped; Kubernetes-only metadata (`namespace`,
//!   `finalizers`, `ownerReferences`, …) does not reach CMF. A CMF environment gets a
//!   `metadata` block (CMF ≥ 2.3) only when the CR has labels or annotations.
//! * `status` (and an environment's `created_time`/`updated_time`) never crosses over.
//! * `KafkaCatalog` and `KafkaDatabase` are not environment-scoped in CMF; their CRs carry
//!   `flinkEnvironment` anyway, filled when the environment is known and dropped on the way
//!   back.
//! * A CMF `Secret` becomes two documents: a Kubernetes `Secret` of the same name holding
//!   the values in `stringData`, and a `FlinkSecret` pointing at it (`spec.secretRef` as a
//!   plain string, as in the CFK examples). Back, the Kubernetes `Secret`'s `data`
//!   (base64-decoded) and `stringData` (which wins) become `spec.data`.
//! * Unknown fields travel unchanged: other top-level keys and every `spec` key the table
//!   does not rename.

pub mod cfk34;

use serde_json::{Map, Value, json};

use super::model::{CFK_API, CMF_API, CMF_API_ALPHA, Form, Kind, kind_name};
use super::pointer;

/// Where converted CFK CRs go: the `CMFRestClass` they use, and its namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CfkTarget<'a> {
    /// The CFK namespace (the rest class's `metadata.namespace`); every CR goes there.
    pub namespace: &'a str,
    /// Name of the `CMFRestClass`.
    pub rest_class: &'a str,
}

/// The CMF scope of a REST payload (its URL path parameters).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CmfScope<'a> {
    /// `{envName}`.
    pub environment: Option<&'a str>,
    /// `{catName}` (databases).
    pub catalog: Option<&'a str>,
}

/// A CMF REST payload converted from a CR, with its URL path parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct CmfPayload {
    /// The body, as POSTed.
    pub body: Value,
    /// `{envName}` for environment-scoped concepts.
    pub environment: Option<String>,
    /// `{catName}` for databases.
    pub catalog: Option<String>,
    /// Things the conversion could not carry over, for the user.
    pub notes: Vec<String>,
}

/// Why a document could not be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConvertError {
    /// The concept has no counterpart in the other serialization.
    NoEquivalent(Kind),
    /// An environment-scoped payload whose environment is not known.
    MissingEnvironment,
    /// A database whose catalog is not known.
    MissingCatalog,
}

impl std::fmt::Display for ConvertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConvertError::NoEquivalent(Kind::Artifact) => f.write_str(
                "CFK has no artifact CR (CFK 3.4 documentation): upload it through CMF \
                 (fstudio apply, or the Apply tab)",
            ),
            ConvertError::NoEquivalent(k) => write!(f, "{k:?} has no equivalent"),
            ConvertError::MissingEnvironment => f.write_str("its CMF environment is not known"),
            ConvertError::MissingCatalog => f.write_str("its Kafka catalog is not known"),
        }
    }
}

/// The payload with `apiVersion` `cmf.confluent.io/v1alpha1` normalised to `v1` and an
/// enveloped environment (`kind: Environment`, `spec`) flattened to the body CMF expects.
pub fn normalize_cmf(kind: Kind, doc: &Value) -> Value {
    let mut out = doc.clone();
    if kind == Kind::Environment && doc.get("spec").is_some_and(Value::is_object) {
        let name = pointer::get_str(doc, &["metadata", "name"]).unwrap_or_default();
        let mut flat = Map::new();
        flat.insert("name".into(), json!(name));
        if let Some(meta) = labels_and_annotations(doc, name) {
            flat.insert("metadata".into(), meta);
        }
        extend_except(&mut flat, doc.get("spec"), &[]);
        return Value::Object(flat);
    }
    if out.get("apiVersion").and_then(Value::as_str) == Some(CMF_API_ALPHA) {
        out["apiVersion"] = json!(CMF_API);
    }
    out
}

/// Converts a CMF REST payload of concept `kind` into its CFK CR(s).
pub fn to_cfk(
    kind: Kind,
    rest: &Value,
    scope: CmfScope<'_>,
    target: CfkTarget<'_>,
) -> Result<Vec<Value>, ConvertError> {
    let rest = normalize_cmf(kind, rest);
    let cr_kind = kind_name(kind, Form::CfkCr)
        .filter(|_| kind != Kind::CmfRestClass)
        .ok_or(ConvertError::NoEquivalent(kind))?;
    let env_scoped = matches!(
        kind,
        Kind::Application | Kind::ComputePool | Kind::Statement | Kind::SecretMapping
    );
    if env_scoped && scope.environment.is_none() {
        return Err(ConvertError::MissingEnvironment);
    }
    if kind == Kind::KafkaDatabase && scope.catalog.is_none() {
        return Err(ConvertError::MissingCatalog);
    }
    let rest_class = json!({"name": target.rest_class, "namespace": target.namespace});
    let name = if kind == Kind::Environment {
        rest.get("name").and_then(Value::as_str).or_else(|| meta_name(&rest))
    } else {
        meta_name(&rest)
    }
    .unwrap_or_default()
    .to_string();
    let mut metadata = Map::new();
    metadata.insert("name".into(), json!(name));
    metadata.insert("namespace".into(), json!(target.namespace));
    if let Some(Value::Object(m)) = labels_and_annotations(&rest, &name) {
        metadata.extend(m.into_iter().filter(|(k, _)| k != "name"));
    }
    let mut spec = Map::new();
    // Environments are the scope; CMF secrets are global and FlinkSecret has no
    // `flinkEnvironment` (CFK examples).
    let has_env_field = !matches!(kind, Kind::Environment | Kind::CmfSecret);
    if let Some(env) = scope.environment.filter(|_| has_env_field) {
        spec.insert("flinkEnvironment".into(), json!(env));
    }
    let mut extra = vec![];
    match kind {
        Kind::Environment => {
            let skip = ["name", "metadata", "created_time", "updated_time", "status"];
            extend_except(&mut spec, Some(&rest), &skip);
        }
        Kind::KafkaDatabase => {
            spec.insert("catalogRef".into(), json!({"name": scope.catalog}));
            for (k, v) in rest.get("spec").and_then(Value::as_object).into_iter().flatten() {
                if k == "kafkaCluster" {
                    let mut cluster = v.clone();
                    let id =
                        cluster.as_object_mut().and_then(|c| c.shift_remove("connectionSecretId"));
                    spec.insert(k.clone(), cluster);
                    if let Some(id) = id {
                        spec.insert("connectionSecretRef".into(), json!({"name": id}));
                    }
                } else if !is_cr_only(k) {
                    spec.insert(k.clone(), v.clone());
                }
            }
        }
        Kind::SecretMapping => {
            for (k, v) in rest.get("spec").and_then(Value::as_object).into_iter().flatten() {
                if k == "secretName" {
                    spec.insert("secretRef".into(), json!({"name": v}));
                } else if !is_cr_only(k) {
                    spec.insert(k.clone(), v.clone());
                }
            }
        }
        Kind::CmfSecret => {
            spec.insert("secretRef".into(), json!(name));
            let data = pointer::get(&rest, &["spec", "data"]).cloned().unwrap_or(json!({}));
            extend_except(&mut spec, rest.get("spec"), &["data", "secretRef"]);
            extra.push(json!({
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": {"name": name, "namespace": target.namespace},
                "type": "Opaque",
                "stringData": data,
            }));
        }
        _ => extend_except(&mut spec, rest.get("spec"), &["flinkEnvironment"]),
    }
    spec.shift_remove("cmfRestClassRef");
    spec.insert("cmfRestClassRef".into(), rest_class);
    let mut cr = Map::new();
    cr.insert("apiVersion".into(), json!(CFK_API));
    cr.insert("kind".into(), json!(cr_kind));
    cr.insert("metadata".into(), Value::Object(metadata));
    cr.insert("spec".into(), Value::Object(spec));
    if kind != Kind::Environment {
        let skip = ["apiVersion", "kind", "metadata", "spec", "status"];
        extend_except(&mut cr, Some(&rest), &skip);
    }
    extra.push(Value::Object(cr));
    Ok(extra)
}

/// Converts a CFK CR of concept `kind` into the CMF REST payload CFK would send.
///
/// For a `FlinkSecret`, `k8s_secret` is the Kubernetes `Secret` its `spec.secretRef`
/// names (same namespace), if the design has it.
pub fn to_cmf(
    kind: Kind,
    cr: &Value,
    k8s_secret: Option<&Value>,
) -> Result<CmfPayload, ConvertError> {
    let rest_kind = kind_name(kind, Form::CmfRest)
        .filter(|_| !matches!(kind, Kind::Savepoint | Kind::DetachedSavepoint | Kind::Artifact))
        .ok_or(ConvertError::NoEquivalent(kind))?;
    let name = meta_name(cr).unwrap_or_default().to_string();
    let spec = cr.get("spec").and_then(Value::as_object).cloned().unwrap_or_default();
    let text = |k: &str| spec.get(k).and_then(Value::as_str).map(str::to_string);
    let mut notes = Vec::new();
    let environment = match kind {
        Kind::Application | Kind::ComputePool | Kind::Statement | Kind::SecretMapping => {
            text("flinkEnvironment")
        }
        _ => None,
    };
    let catalog = (kind == Kind::KafkaDatabase)
        .then(|| pointer::get_str(cr, &["spec", "catalogRef", "name"]).map(str::to_string))
        .flatten();
    if kind == Kind::Environment {
        let mut flat = Map::new();
        flat.insert("name".into(), json!(name));
        if let Some(meta) = labels_and_annotations(cr, &name) {
            flat.insert("metadata".into(), meta);
        }
        extend_except(&mut flat, cr.get("spec"), &["cmfRestClassRef", "name", "metadata"]);
        return Ok(CmfPayload { body: Value::Object(flat), environment, catalog, notes });
    }
    let mut out_spec = Map::new();
    match kind {
        Kind::KafkaDatabase => {
            let id = pointer::get(cr, &["spec", "connectionSecretRef", "name"]).cloned();
            for (k, v) in &spec {
                if matches!(k.as_str(), "catalogRef" | "connectionSecretRef") || is_cr_only(k) {
                    continue;
                }
                out_spec.insert(k.clone(), v.clone());
            }
            if let Some(id) = id {
                let cluster = out_spec.entry("kafkaCluster").or_insert_with(|| json!({}));
                if let Some(c) = cluster.as_object_mut() {
                    c.insert("connectionSecretId".into(), id);
                }
            }
        }
        Kind::SecretMapping => {
            for (k, v) in &spec {
                if k == "secretRef" {
                    let target = v.get("name").cloned().unwrap_or_else(|| v.clone());
                    out_spec.insert("secretName".into(), target);
                } else if !is_cr_only(k) {
                    out_spec.insert(k.clone(), v.clone());
                }
            }
        }
        Kind::CmfSecret => {
            let skip = ["secretRef", "cmfRestClassRef", "flinkEnvironment"];
            extend_except(&mut out_spec, cr.get("spec"), &skip);
            let data = match k8s_secret {
                Some(secret) => secret_values(secret, &mut notes),
                None => {
                    notes.push(format!(
                        "the Kubernetes Secret '{}' is not in the design; spec.data is empty",
                        secret_ref(cr).unwrap_or("?")
                    ));
                    Map::new()
                }
            };
            out_spec.insert("data".into(), Value::Object(data));
        }
        _ => {
            for (k, v) in &spec {
                if !is_cr_only(k) {
                    out_spec.insert(k.clone(), v.clone());
                }
            }
        }
    }
    let mut body = Map::new();
    body.insert("apiVersion".into(), json!(CMF_API));
    body.insert("kind".into(), json!(rest_kind));
    let mut meta = Map::new();
    meta.insert("name".into(), json!(name));
    if let Some(Value::Object(m)) = labels_and_annotations(cr, &name) {
        meta.extend(m.into_iter().filter(|(k, _)| k != "name"));
    }
    body.insert("metadata".into(), Value::Object(meta));
    body.insert("spec".into(), Value::Object(out_spec));
    extend_except(&mut body, Some(cr), &["apiVersion", "kind", "metadata", "spec", "status"]);
    Ok(CmfPayload { body: Value::Object(body), environment, catalog, notes })
}

/// The Kubernetes Secret a `FlinkSecret` names: `spec.secretRef` as a string (CFK
/// examples) or as `{name}`.
pub fn secret_ref(cr: &Value) -> Option<&str> {
    let r = pointer::get(cr, &["spec", "secretRef"])?;
    r.as_str().or_else(|| r.get("name").and_then(Value::as_str))
}

/// Fields only CRs carry (dropped on the way to CMF).
fn is_cr_only(key: &str) -> bool {
    matches!(key, "flinkEnvironment" | "cmfRestClassRef")
}

fn meta_name(doc: &Value) -> Option<&str> {
    pointer::get_str(doc, &["metadata", "name"])
}

/// `{name, labels?, annotations?}` when the document has labels or annotations.
fn labels_and_annotations(doc: &Value, name: &str) -> Option<Value> {
    let meta = doc.get("metadata")?;
    let mut out = Map::new();
    out.insert("name".into(), json!(name));
    for key in ["labels", "annotations"] {
        if let Some(v) = meta.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    (out.len() > 1).then_some(Value::Object(out))
}

fn extend_except(into: &mut Map<String, Value>, from: Option<&Value>, skip: &[&str]) {
    for (k, v) in from.and_then(Value::as_object).into_iter().flatten() {
        if !skip.contains(&k.as_str()) {
            into.insert(k.clone(), v.clone());
        }
    }
}

/// `data` (base64-decoded) then `stringData` (which wins, as in Kubernetes).
fn secret_values(secret: &Value, notes: &mut Vec<String>) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in secret.get("data").and_then(Value::as_object).into_iter().flatten() {
        let text = v.as_str().and_then(decode_base64).and_then(|b| String::from_utf8(b).ok());
        match text {
            Some(t) => {
                out.insert(k.clone(), json!(t));
            }
            None => notes.push(format!("data.{k} is not base64-encoded UTF-8 text; left out")),
        }
    }
    for (k, v) in secret.get("stringData").and_then(Value::as_object).into_iter().flatten() {
        out.insert(k.clone(), v.clone());
    }
    out
}

/// Encodes `bytes` as standard base64 with padding (the inverse of [`decode_base64`]).
pub fn encode_base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = u32::from_be_bytes([0, b[0], b[1], b[2]]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 (with or without padding, whitespace ignored).
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut bits = 0u32;
    let mut count = 0u8;
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => continue,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(v);
        count += 1;
        if count == 4 {
            out.extend_from_slice(&bits.to_be_bytes()[1..]);
            bits = 0;
            count = 0;
        }
    }
    match count {
        0 => {}
        2 => out.push((bits >> 4) as u8),
        3 => out.extend_from_slice(&((bits >> 2) as u16).to_be_bytes()),
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: CfkTarget<'static> = CfkTarget { namespace: "operator", rest_class: "default" };
    const DEV: CmfScope<'static> = CmfScope { environment: Some("dev"), catalog: Some("cat") };

    fn back(kind: Kind, docs: &[Value]) -> CmfPayload {
        let cr = docs.last().expect("a CR");
        to_cmf(kind, cr, docs.first().filter(|_| docs.len() == 2)).expect("converts back")
    }

    #[test]
    fn database_secret_id_becomes_connection_secret_ref_and_back() {
        let rest = json!({"apiVersion": CMF_API, "kind": "KafkaDatabase",
            "metadata": {"name": "db", "labels": {"a": "b"}, "uid": "x"},
            "spec": {"kafkaCluster": {"connectionConfig": {"bootstrap.servers": "k:9092"},
                                      "connectionSecretId": "kafka-id"},
                     "ddlEnvironments": ["dev"]}});
        let crs = to_cfk(Kind::KafkaDatabase, &rest, DEV, T).unwrap();
        let cr = &crs[0];
        assert_eq!(cr["kind"], "FlinkKafkaDatabase");
        assert_eq!(
            cr["metadata"],
            json!({"name": "db", "namespace": "operator", "labels": {"a": "b"}})
        );
        assert_eq!(cr["spec"]["catalogRef"], json!({"name": "cat"}));
        assert_eq!(cr["spec"]["connectionSecretRef"], json!({"name": "kafka-id"}));
        assert_eq!(cr["spec"]["kafkaCluster"].get("connectionSecretId"), None);
        assert_eq!(
            cr["spec"]["cmfRestClassRef"],
            json!({"name": "default", "namespace": "operator"})
        );
        let p = back(Kind::KafkaDatabase, &crs);
        assert_eq!(p.catalog.as_deref(), Some("cat"));
        let mut expected = rest.clone();
        expected["metadata"].as_object_mut().unwrap().remove("uid");
        assert_eq!(p.body, expected);
    }

    #[test]
    fn environment_flat_body_maps_to_spec_and_back() {
        let rest = json!({"name": "dev", "kubernetesNamespace": "flink",
            "flinkApplicationDefaults": {"spec": {"flinkConfiguration": {"a": "1"}}},
            "created_time": "2025-01-01T00:00:00Z", "status": {}});
        let crs = to_cfk(Kind::Environment, &rest, CmfScope::default(), T).unwrap();
        assert_eq!(crs.len(), 1);
        assert_eq!(crs[0]["metadata"]["name"], "dev");
        assert_eq!(crs[0]["spec"]["kubernetesNamespace"], "flink");
        assert_eq!(crs[0]["spec"].get("created_time"), None);
        assert_eq!(crs[0]["spec"].get("flinkEnvironment"), None);
        let p = back(Kind::Environment, &crs);
        assert_eq!(
            p.body,
            json!({"name": "dev", "kubernetesNamespace": "flink",
            "flinkApplicationDefaults": {"spec": {"flinkConfiguration": {"a": "1"}}}})
        );
    }

    #[test]
    fn cmf_secret_becomes_kubernetes_secret_and_flink_secret() {
        let rest = json!({"apiVersion": CMF_API, "kind": "Secret", "metadata": {"name": "kafka"},
                          "spec": {"data": {"sasl.jaas.config": "x y"}}});
        let docs = to_cfk(Kind::CmfSecret, &rest, CmfScope::default(), T).unwrap();
        assert_eq!(docs[0]["kind"], "Secret");
        assert_eq!(docs[0]["stringData"], json!({"sasl.jaas.config": "x y"}));
        assert_eq!(docs[1]["kind"], "FlinkSecret");
        assert_eq!(docs[1]["spec"]["secretRef"], "kafka");
        assert_eq!(back(Kind::CmfSecret, &docs).body, rest);
        // base64 data and stringData (which wins) are both read.
        let k8s = json!({"data": {"a": "aGVsbG8=", "b": "eA=="}, "stringData": {"b": "y"}});
        let p = to_cmf(Kind::CmfSecret, &docs[1], Some(&k8s)).unwrap();
        assert_eq!(p.body["spec"]["data"], json!({"a": "hello", "b": "y"}));
        let missing = to_cmf(Kind::CmfSecret, &docs[1], None).unwrap();
        assert_eq!(missing.notes.len(), 1);
    }

    #[test]
    fn scoped_kinds_round_trip_and_need_their_environment() {
        let cases = [
            (
                Kind::Application,
                json!({"apiVersion": CMF_API_ALPHA, "kind": "FlinkApplication",
                "metadata": {"name": "app"}, "spec": {"image": "i", "job": {"jarURI": "local:///a"}}}),
            ),
            (
                Kind::ComputePool,
                json!({"apiVersion": CMF_API, "kind": "ComputePool",
                "metadata": {"name": "pool"}, "spec": {"type": "SHARED", "clusterSpec": {}}}),
            ),
            (
                Kind::Statement,
                json!({"apiVersion": CMF_API, "kind": "Statement",
                "metadata": {"name": "st"}, "spec": {"statement": "SELECT 1", "computePoolName": "pool"}}),
            ),
            (
                Kind::SecretMapping,
                json!({"apiVersion": CMF_API, "kind": "EnvironmentSecretMapping",
                "metadata": {"name": "kafka-id"}, "spec": {"secretName": "kafka"}}),
            ),
            (
                Kind::KafkaCatalog,
                json!({"apiVersion": CMF_API, "kind": "KafkaCatalog",
                "metadata": {"name": "cat"}, "spec": {"srInstance": {"connectionConfig": {}}}}),
            ),
        ];
        for (kind, rest) in cases {
            let crs = to_cfk(kind, &rest, DEV, T).unwrap();
            assert_eq!(crs[0]["spec"]["flinkEnvironment"], "dev", "{kind:?}");
            assert_eq!(crs[0]["metadata"]["namespace"], "operator");
            let p = back(kind, &crs);
            assert_eq!(p.body, normalize_cmf(kind, &rest), "{kind:?}");
            if kind != Kind::KafkaCatalog {
                assert_eq!(p.environment.as_deref(), Some("dev"));
                let none = CmfScope { environment: None, catalog: None };
                assert_eq!(to_cfk(kind, &rest, none, T), Err(ConvertError::MissingEnvironment));
            }
        }
        let mapping = to_cfk(
            Kind::SecretMapping,
            &json!({"metadata": {"name": "m"},
            "spec": {"secretName": "s"}}),
            DEV,
            T,
        )
        .unwrap();
        assert_eq!(mapping[0]["spec"]["secretRef"], json!({"name": "s"}));
    }

    #[test]
    fn savepoints_and_rest_classes_have_no_counterpart() {
        let sp = json!({"apiVersion": CMF_API, "kind": "Savepoint", "metadata": {"name": "s"}});
        assert_eq!(
            to_cfk(Kind::Savepoint, &sp, DEV, T),
            Err(ConvertError::NoEquivalent(Kind::Savepoint))
        );
        assert!(to_cmf(Kind::CmfRestClass, &sp, None).is_err());
    }

    #[test]
    fn base64_encodes_what_it_decodes() {
        for text in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", &[0, 255, 128, 7]]
        {
            assert_eq!(decode_base64(&encode_base64(text)).as_deref(), Some(text));
        }
        assert_eq!(encode_base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode_base64(b"fooba"), "Zm9vYmE=");
        assert_eq!(encode_base64(b"foob"), "Zm9vYg==");
    }

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(decode_base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode_base64("aGVsbG8").unwrap(), b"hello");
        assert_eq!(decode_base64("aGV\nsbG8h").unwrap(), b"hello!");
        assert_eq!(decode_base64("a"), None);
        assert_eq!(decode_base64("a*=="), None);
    }
}
