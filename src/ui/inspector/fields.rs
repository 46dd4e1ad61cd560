//! The fields the inspector's form shows for each kind, with their input types.

use serde_json::Value;

use crate::core::model::{Form, Kind, Resource};

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Free text.
    Text,
    /// Several lines of text (SQL).
    Long,
    /// A number.
    Number,
    /// True or false.
    Bool,
    /// One of these values.
    Choice(&'static [&'static str]),
}

/// A field of the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// JSON Pointer into the document.
    pub pointer: String,
    /// Label shown.
    pub label: &'static str,
    /// Input type.
    pub input: Input,
}

const VERSIONS: &[&str] = &["v1_16", "v1_17", "v1_18", "v1_19", "v1_20", "v2_0", "v2_1", "v2_2"];
const UPGRADE: &[&str] = &["stateless", "last-state", "savepoint"];
const STATE: &[&str] = &["running", "suspended"];
const RES: &[(&[&str], &str, Input)] = &[
    (&["jobManager", "resource", "cpu"], "JobManager CPU", Input::Number),
    (&["jobManager", "resource", "memory"], "JobManager memory", Input::Text),
    (&["taskManager", "resource", "cpu"], "TaskManager CPU", Input::Number),
    (&["taskManager", "resource", "memory"], "TaskManager memory", Input::Text),
];
const JOB: &[(&[&str], &str, Input)] = &[
    (&["job", "jarURI"], "Job jar URI", Input::Text),
    (&["job", "parallelism"], "Parallelism", Input::Number),
    (&["job", "upgradeMode"], "Upgrade mode", Input::Choice(UPGRADE)),
    (&["job", "state"], "Job state", Input::Choice(STATE)),
];
const CLUSTER: &[(&[&str], &str, Input)] = &[
    (&["image"], "Image", Input::Text),
    (&["flinkVersion"], "Flink version", Input::Choice(VERSIONS)),
    (&["serviceAccount"], "Service account", Input::Text),
];

/// Spec fields (tokens under the spec) per kind.
fn spec_fields(kind: Kind) -> Vec<(&'static [&'static str], &'static str, Input)> {
    let mut out: Vec<(&'static [&'static str], &'static str, Input)> = Vec::new();
    match kind {
        Kind::FlinkDeployment | Kind::Application => {
            out.extend(CLUSTER);
            out.push((&["mode"], "Mode", Input::Choice(&["native", "standalone"])));
            out.extend(JOB);
            out.extend(RES);
        }
        Kind::FlinkSessionJob => {
            out.push((&["deploymentName"], "Session cluster", Input::Text));
            out.extend(JOB);
        }
        Kind::Environment => {
            out.push((&["kubernetesNamespace"], "Kubernetes namespace", Input::Text))
        }
        Kind::ComputePool => {
            out.push((&["type"], "Type", Input::Choice(&["DEDICATED", "SHARED"])));
            out.push((&["clusterSpec", "image"], "Image", Input::Text));
            out.push((&["clusterSpec", "flinkVersion"], "Flink version", Input::Choice(VERSIONS)));
        }
        Kind::Statement => {
            out.push((&["statement"], "SQL", Input::Long));
            out.push((&["computePoolName"], "Compute pool", Input::Text));
            out.push((&["parallelism"], "Parallelism", Input::Number));
            out.push((&["stopped"], "Stopped", Input::Bool));
        }
        Kind::KafkaCatalog => {
            out.push((&["srInstance", "connectionSecretId"], "Connection secret id", Input::Text))
        }
        Kind::KafkaDatabase => {
            out.push((&["kafkaCluster", "connectionSecretId"], "Connection secret id", Input::Text))
        }
        Kind::SecretMapping => out.push((&["secretName"], "Secret", Input::Text)),
        Kind::FkoInstall | Kind::CfkInstall => out.push((&["version"], "Version", Input::Text)),
        Kind::CmfInstall => {
            out.push((&["version"], "Version", Input::Text));
            out.push((&["url"], "URL", Input::Text));
            out.push((
                &["authentication"],
                "Authentication",
                Input::Choice(&["none", "mtls", "oauth"]),
            ));
        }
        Kind::KafkaCluster => out.push((&["bootstrapServers"], "Bootstrap servers", Input::Text)),
        Kind::SchemaRegistry => out.push((&["url"], "URL", Input::Text)),
        Kind::ObjectStore => {
            out.push((&["type"], "Type", Input::Choice(&["s3", "minio", "gcs", "azure"])));
            out.push((&["endpoint"], "Endpoint", Input::Text));
        }
        _ => {}
    }
    out
}

/// The form's fields for a resource: name, namespace, CMF environment of a CFK CR, then
/// the kind's own fields.
pub fn fields(r: &Resource) -> Vec<Field> {
    let mut out = Vec::new();
    let flat = r.spec_pointer().is_empty();
    out.push(Field {
        pointer: if flat { "/name".into() } else { "/metadata/name".into() },
        label: "Name",
        input: Input::Text,
    });
    if matches!(r.form, Form::Kubernetes | Form::FkoCr | Form::CfkCr) && r.kind != Kind::Namespace {
        out.push(Field {
            pointer: "/metadata/namespace".into(),
            label: "Namespace",
            input: Input::Text,
        });
    }
    if r.form == Form::CfkCr && r.is_environment_scoped() {
        out.push(Field {
            pointer: r.spec_field(&["flinkEnvironment"]),
            label: "CMF environment",
            input: Input::Text,
        });
    }
    for (tokens, label, input) in spec_fields(r.kind) {
        out.push(Field { pointer: r.spec_field(tokens), label, input });
    }
    out
}

/// Where the resource keeps its Flink configuration map, if it has one, and the title
/// of its table.
pub fn flink_configuration(r: &Resource) -> Option<(String, &'static str)> {
    const OWN: &str = "Flink configuration";
    match r.kind {
        Kind::FlinkDeployment | Kind::Application | Kind::Statement | Kind::FlinkSessionJob => {
            Some((r.spec_field(&["flinkConfiguration"]), OWN))
        }
        Kind::ComputePool => Some((r.spec_field(&["clusterSpec", "flinkConfiguration"]), OWN)),
        Kind::FkoInstall => Some((r.spec_field(&["defaultConfiguration"]), OWN)),
        Kind::Environment => Some((
            r.spec_field(&["flinkApplicationDefaults", "spec", "flinkConfiguration"]),
            "Application defaults: Flink configuration (wins over each application's own)",
        )),
        _ => None,
    }
}

/// The value at `pointer` as the form shows it.
pub fn text_of(doc: &Value, pointer: &str) -> String {
    match doc.pointer(pointer) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

/// The value an input's text stands for (`None` clears the field).
pub fn parse_input(input: Input, text: &str) -> Option<Value> {
    let t = text.trim();
    match input {
        _ if t.is_empty() => None,
        Input::Number => t
            .parse::<i64>()
            .map(Value::from)
            .ok()
            .or_else(|| {
                t.parse::<f64>()
                    .ok()
                    .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
            })
            .or_else(|| Some(Value::String(t.to_string()))),
        Input::Bool => Some(Value::Bool(t == "true")),
        Input::Long => Some(Value::String(text.to_string())),
        Input::Text | Input::Choice(_) => Some(Value::String(t.to_string())),
    }
}
