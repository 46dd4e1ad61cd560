//! The deployment-like specs of a resource: every place a design describes a Flink cluster
//! (image, flinkVersion, flinkConfiguration, jobManager/taskManager, pod templates).
//!
//! | Resource | Spec site |
//! |---|---|
//! | FKO `FlinkDeployment` | `/spec` |
//! | FKO `FlinkBlueGreenDeployment` | `/spec/template/spec` |
//! | CMF / CFK `FlinkApplication` | `/spec` |
//! | CMF / CFK compute pool | `/spec/clusterSpec` |
//! | CMF / CFK environment | `flinkApplicationDefaults.spec`, `computePoolDefaults.clusterSpec` |
//! | a `Fragment` (or unknown kind) shaped like a deployment spec | `/spec` or the document |

use serde_json::Value;

use super::Templates;
use crate::core::model::{Kind, Resource};
use crate::core::pointer;

/// Which kind of spec a site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SiteKind {
    /// A FlinkDeployment's spec.
    FlinkDeployment,
    /// The FlinkDeployment template of a FlinkBlueGreenDeployment.
    BlueGreenTemplate,
    /// A CMF / CFK FlinkApplication's spec.
    Application,
    /// A compute pool's `clusterSpec`.
    ComputePool,
    /// An environment's `flinkApplicationDefaults.spec`.
    ApplicationDefaults,
    /// An environment's `computePoolDefaults.clusterSpec`.
    ComputePoolDefaults,
    /// A document without a known kind that looks like a deployment spec.
    Fragment,
}

/// One deployment-like spec inside a resource.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecSite<'a> {
    /// What it is.
    pub kind: SiteKind,
    /// JSON Pointer of the spec in the resource's document.
    pub pointer: String,
    /// The spec.
    pub spec: &'a Value,
}

impl<'a> SpecSite<'a> {
    /// A field of the spec.
    pub fn get(&self, tokens: &[&str]) -> Option<&'a Value> {
        pointer::get(self.spec, tokens)
    }

    /// A string field of the spec.
    pub fn str(&self, tokens: &[&str]) -> Option<&'a str> {
        self.get(tokens).and_then(Value::as_str)
    }

    /// JSON Pointer of a field of the spec.
    pub fn field(&self, tokens: &[&str]) -> String {
        tokens.iter().fold(self.pointer.clone(), |p, t| pointer::push(&p, t))
    }

    /// The pod templates of the spec.
    pub fn templates(&self) -> Templates<'a> {
        Templates::of(self.spec, &self.pointer)
    }

    /// True for defaults and fragments: a partial spec that something else completes, so a
    /// missing piece is not necessarily missing in the running cluster.
    pub fn is_partial(&self) -> bool {
        matches!(
            self.kind,
            SiteKind::ApplicationDefaults | SiteKind::ComputePoolDefaults | SiteKind::Fragment
        )
    }

    /// True when the resource's effective configuration (`Context::config`) describes this
    /// spec: the main spec of a FlinkDeployment, application or compute pool.
    pub fn has_effective_config(&self) -> bool {
        matches!(
            self.kind,
            SiteKind::FlinkDeployment | SiteKind::Application | SiteKind::ComputePool
        )
    }

    /// The spec's own `flinkConfiguration`, if any.
    pub fn flink_configuration(&self) -> Option<&'a Value> {
        self.get(&["flinkConfiguration"])
    }
}

/// Keys whose presence makes a fragment look like a deployment spec.
const SHAPE_KEYS: &[&str] =
    &["flinkConfiguration", "podTemplate", "jobManager", "taskManager", "flinkVersion"];

fn shaped_like_spec(v: &Value) -> bool {
    v.as_object().is_some_and(|m| SHAPE_KEYS.iter().any(|k| m.contains_key(*k)))
}

/// Every deployment-like spec of `r`, in document order.
pub fn spec_sites(r: &Resource) -> Vec<SpecSite<'_>> {
    let mut out = Vec::new();
    let mut add = |kind, tokens: &[&str]| {
        if let Some(spec) = r.spec_get(tokens).filter(|v| v.is_object()) {
            out.push(SpecSite { kind, pointer: r.spec_field(tokens), spec });
        }
    };
    match r.kind {
        Kind::FlinkDeployment => add(SiteKind::FlinkDeployment, &[]),
        Kind::FlinkBlueGreenDeployment => add(SiteKind::BlueGreenTemplate, &["template", "spec"]),
        Kind::Application => add(SiteKind::Application, &[]),
        Kind::ComputePool => add(SiteKind::ComputePool, &["clusterSpec"]),
        Kind::Environment => {
            add(SiteKind::ApplicationDefaults, &["flinkApplicationDefaults", "spec"]);
            add(SiteKind::ComputePoolDefaults, &["computePoolDefaults", "clusterSpec"]);
        }
        Kind::Fragment | Kind::Unknown => {
            if let Some(spec) = r.doc.get("spec").filter(|s| shaped_like_spec(s)) {
                out.push(SpecSite { kind: SiteKind::Fragment, pointer: "/spec".into(), spec });
            } else if r.kind == Kind::Fragment && shaped_like_spec(&r.doc) {
                out.push(SpecSite {
                    kind: SiteKind::Fragment,
                    pointer: String::new(),
                    spec: &r.doc,
                });
            }
        }
        _ => {}
    }
    out
}
