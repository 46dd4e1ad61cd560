//! The Flink Kubernetes Operator installations of a design (the studio
//! `FlinkKubernetesOperator` node): which one governs a namespace, and the layers of
//! default configuration it hands every deployment there (domain.md §3.4 layers 1–3).

use serde_json::Value;

use crate::core::config::flatten_with_pointers;
use crate::core::model::Resource;
use crate::core::options::FlinkVersion;

/// Prefix of namespace-specific operator defaults.
pub const NAMESPACE_PREFIX: &str = "kubernetes.operator.default-configuration.namespace.";
/// Prefix of Flink-version-specific operator defaults.
pub const VERSION_PREFIX: &str = "kubernetes.operator.default-configuration.flink-version.";

/// The Helm chart's shipped `flink-conf.yaml` (the part that is Flink configuration).
pub const CHART_DEFAULTS: &[(&str, &str)] =
    &[("taskmanager.numberOfTaskSlots", "1"), ("parallelism.default", "1")];

/// One operator installation as modelled by the design: a typed view of the node.
#[derive(Debug, Clone, PartialEq)]
pub struct FkoInstall<'a> {
    /// The studio node.
    pub node: &'a Resource,
    /// Name of the job service account the chart creates (`jobServiceAccount`, default `flink`).
    pub job_service_account: String,
    /// Watched namespaces (trimmed; empty = all namespaces).
    pub watch: Vec<String>,
    /// Namespace the operator runs in.
    pub namespace: Option<String>,
}

impl<'a> FkoInstall<'a> {
    /// Reads an operator node.
    pub fn of(node: &'a Resource) -> Self {
        let spec = node.spec();
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

    /// True when the operator watches `ns` (an empty list watches every namespace).
    pub fn watches(&self, ns: &str) -> bool {
        self.watch.is_empty() || self.watch.iter().any(|w| w == ns)
    }

    /// True when the Helm chart creates the job service account (and its Role) in `ns`:
    /// every watched namespace, or the operator's namespace when it watches all.
    pub fn chart_creates_job_rbac(&self, ns: &str) -> bool {
        if self.watch.is_empty() {
            self.namespace.as_deref().is_none_or(|o| o == ns)
        } else {
            self.watch.iter().any(|w| w == ns)
        }
    }

    /// An option of the operator's own configuration (`defaultConfiguration`, flattened),
    /// e.g. `kubernetes.operator.user.artifacts.allowed-schemes`.
    pub fn option(&self, key: &str) -> Option<String> {
        let map = self.node.spec_get(&["defaultConfiguration"])?;
        crate::core::config::flatten(map).remove(key)
    }
}

/// True when operator `node` manages deployments in `namespace` (`None`: unknown, which
/// only an operator watching every namespace manages). `watchNamespaces` is read as
/// written, as FKO does.
pub fn governs(node: &Resource, namespace: Option<&str>) -> bool {
    let watched = node.spec_get(&["watchNamespaces"]).and_then(Value::as_array);
    match (watched, namespace) {
        (None, _) => true,
        (Some(list), _) if list.is_empty() => true,
        (Some(list), Some(ns)) => list.iter().any(|v| v.as_str() == Some(ns)),
        (Some(_), None) => false,
    }
}

/// The operator node that manages `namespace`: the first of `operators` that watches it.
pub fn operator_for<'a>(
    mut operators: impl Iterator<Item = &'a Resource>,
    namespace: Option<&str>,
) -> Option<&'a Resource> {
    operators.find(|n| governs(n, namespace))
}

/// Which of the operator's default layers a value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultsLayer {
    /// `defaultConfiguration` itself (layer 1).
    Base,
    /// `kubernetes.operator.default-configuration.namespace.<ns>.<key>` (layer 2).
    Namespace,
    /// `kubernetes.operator.default-configuration.flink-version.<vX_Y>[+].<key>` (layer 3).
    Version,
}

/// One value of an operator's default configuration that applies to a deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultValue {
    /// The layer.
    pub layer: DefaultsLayer,
    /// The key the deployment gets (scoping prefix removed).
    pub key: String,
    /// The value as Flink reads it.
    pub value: String,
    /// JSON Pointer of the value in the operator node.
    pub pointer: String,
}

/// The default configuration operator `node` applies to a deployment in `namespace`
/// running Flink `version`, lowest precedence first: its plain defaults, then its
/// namespace defaults, then its version defaults (`vX_Y+` entries oldest first, an
/// exact-version entry last). Scoped entries for other namespaces or versions are left
/// out.
pub fn default_layers(
    node: &Resource,
    namespace: Option<&str>,
    version: Option<FlinkVersion>,
) -> Vec<DefaultValue> {
    let Some(map) = node.spec_get(&["defaultConfiguration"]) else { return Vec::new() };
    let all = flatten_with_pointers(map, &node.spec_field(&["defaultConfiguration"]));
    let mut base = Vec::new();
    let mut by_namespace = Vec::new();
    let mut by_version = Vec::new();
    let value = |layer, key: &str, value: &String, pointer: &String| DefaultValue {
        layer,
        key: key.to_string(),
        value: value.clone(),
        pointer: pointer.clone(),
    };
    for (key, v, path) in &all {
        if let Some(rest) = key.strip_prefix(NAMESPACE_PREFIX) {
            if let Some((ns, k)) = rest.split_once('.')
                && Some(ns) == namespace
            {
                by_namespace.push(value(DefaultsLayer::Namespace, k, v, path));
            }
        } else if let Some(rest) = key.strip_prefix(VERSION_PREFIX) {
            let Some((at, k)) = rest.split_once('.') else { continue };
            let plus = at.ends_with('+');
            let (Some(at), Some(mine)) = (FlinkVersion::parse(at.trim_end_matches('+')), version)
            else {
                continue;
            };
            if (plus && at <= mine) || (!plus && at == mine) {
                by_version.push(((at, !plus), value(DefaultsLayer::Version, k, v, path)));
            }
        } else {
            base.push(value(DefaultsLayer::Base, key, v, path));
        }
    }
    crate::core::sort::sort_by_key(&mut by_version, |(order, _)| *order);
    base.into_iter().chain(by_namespace).chain(by_version.into_iter().map(|(_, v)| v)).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::core::model::ResourceId;

    fn node(spec: Value) -> Resource {
        Resource::new(
            ResourceId(0),
            json!({"apiVersion": "studio.flinkstudio.dev/v1", "kind": "FlinkKubernetesOperator",
                   "metadata": {"name": "fko"}, "spec": spec}),
        )
    }

    #[test]
    fn the_operator_watching_the_namespace_governs_it() {
        let team = node(json!({"watchNamespaces": ["team-a"]}));
        let all = node(json!({"watchNamespaces": []}));
        let ops = [&team, &all];
        assert!(std::ptr::eq(operator_for(ops.into_iter(), Some("team-a")).unwrap(), &team));
        assert!(std::ptr::eq(operator_for(ops.into_iter(), Some("team-b")).unwrap(), &all));
        assert!(std::ptr::eq(operator_for(ops.into_iter(), None).unwrap(), &all));
        assert!(operator_for([&team].into_iter(), Some("team-b")).is_none());
    }

    #[test]
    fn version_ranges_and_namespaces_scope_the_defaults() {
        let op = node(json!({"defaultConfiguration": {
            "a": "base",
            "kubernetes.operator.default-configuration.namespace.jobs.a": "ns",
            "kubernetes.operator.default-configuration.namespace.other.b": "other",
            "kubernetes.operator.default-configuration.flink-version.v1_18+.c": "from 1.18",
            "kubernetes.operator.default-configuration.flink-version.v1_20.c": "exactly 1.20",
            "kubernetes.operator.default-configuration.flink-version.v2_0+.d": "from 2.0",
        }}));
        let v = FlinkVersion::parse("v1_20");
        let got: Vec<(DefaultsLayer, String, String)> = default_layers(&op, Some("jobs"), v)
            .into_iter()
            .map(|d| (d.layer, d.key, d.value))
            .collect();
        let want = [
            (DefaultsLayer::Base, "a", "base"),
            (DefaultsLayer::Namespace, "a", "ns"),
            (DefaultsLayer::Version, "c", "from 1.18"),
            (DefaultsLayer::Version, "c", "exactly 1.20"),
        ];
        let want: Vec<_> =
            want.iter().map(|(l, k, v)| (*l, k.to_string(), v.to_string())).collect();
        assert_eq!(got, want);
        let install = FkoInstall::of(&op);
        assert_eq!(install.option("a").as_deref(), Some("base"));
        assert_eq!(install.job_service_account, "flink");
        assert!(install.watches("anything"));
    }
}
