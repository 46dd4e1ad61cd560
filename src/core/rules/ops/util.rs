//! What the studio knows about the Flink Kubernetes Operator installation (the studio
//! `FlinkKubernetesOperator` node), shared by the operator-scope and reference rules.

use serde_json::Value;

use crate::core::model::{Kind, Resource};
use crate::core::rules::Context;

/// The FKO installation as modelled (or not) by the design.
pub struct FkoInstall<'a> {
    /// The studio node, if the design has one.
    pub node: Option<&'a Resource>,
    /// Name of the job service account the chart creates (`jobServiceAccount`, default `flink`).
    pub job_service_account: String,
    /// Watched namespaces (trimmed; empty = all namespaces).
    pub watch: Vec<String>,
    /// Namespace the operator runs in.
    pub namespace: Option<String>,
}

impl<'a> FkoInstall<'a> {
    /// Reads the first `FlinkKubernetesOperator` node of the design.
    pub fn of(cx: &Context<'a>) -> Self {
        let node = cx.of_kind(Kind::FkoInstall).next();
        let spec = node.and_then(|n| n.spec());
        let job_service_account = spec
            .and_then(|s| s.get("jobServiceAccount"))
            .and_then(|v| v.as_str().or_else(|| v.get("name").and_then(Value::as_str)))
            .unwrap_or("flink")
            .to_string();
        let watch = spec
            .and_then(|s| s.get("watchNamespaces"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        let namespace =
            spec.and_then(|s| s.get("namespace")).and_then(Value::as_str).map(str::to_string);
        Self { node, job_service_account, watch, namespace }
    }

    /// True when the operator watches `ns` (always true without a node: unknown).
    pub fn watches(&self, ns: &str) -> bool {
        self.node.is_none() || self.watch.is_empty() || self.watch.iter().any(|w| w == ns)
    }

    /// True when the Helm chart creates the job service account (and its Role) in `ns`:
    /// every watched namespace, or the operator's namespace when it watches all.
    pub fn chart_creates_job_rbac(&self, ns: &str) -> bool {
        if self.node.is_none() {
            return false;
        }
        if self.watch.is_empty() {
            self.namespace.as_deref().is_none_or(|o| o == ns)
        } else {
            self.watch.iter().any(|w| w == ns)
        }
    }
}
