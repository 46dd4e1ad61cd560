//! OPS-FKO-006 — flat overrides of keys the operator's Helm chart already writes.
//!
//! What it checks: on a `FlinkKubernetesOperator` node of FKO 1.16 or newer (its
//! `spec.version`, else the design's target), a `defaultConfiguration` key written flat
//! (one dotted key) that the chart itself renders flat into the operator's configuration
//! (`core::flink::helm`: `taskmanager.numberOfTaskSlots`, `parallelism.default`, the
//! per-version Java options, and `kubernetes.operator.watched.namespaces` when
//! `watchNamespaces` is set).
//! Why: from FKO 1.16 the chart renders one `config.yaml` and always mounts it under that
//! name (FLINK-39791), so Flink's strict YAML parser reads it: the chart's line and the
//! override are the same key twice, and the operator fails at startup. Up to 1.15 the file
//! was read as `flink-conf.yaml`, where the last line won. This assumes the chart's default
//! `defaultConfiguration.append: true`, which the node does not model: a warning.
//! How to fix: write the override nested (`taskmanager: {numberOfTaskSlots: 2}`), or set
//! the namespaces only through `watchNamespaces`.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::flink::helm::{WATCHED_NAMESPACES, rendered_keys};
use crate::core::flink::version::{FkoFeature, Version};
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct OperatorConfigYaml;

impl Rule for OperatorConfigYaml {
    fn id(&self) -> &'static str {
        "OPS-FKO-006"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Flat defaultConfiguration override of a key the Helm chart writes (duplicate key in config.yaml from FKO 1.16)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let feature = FkoFeature::OperatorConfigYaml;
        for r in cx.subjects_of_kind(Kind::FkoInstall) {
            let release =
                r.spec_str(&["version"]).and_then(Version::parse).unwrap_or(cx.targets.fko);
            if !feature.in_release(release) {
                continue;
            }
            let Some(Value::Object(conf)) = r.spec_get(&["defaultConfiguration"]) else {
                continue;
            };
            let namespaces: Vec<&str> = r
                .spec_get(&["watchNamespaces"])
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let rendered = rendered_keys(&namespaces);
            for key in conf.keys().filter(|k| rendered.contains(&k.as_str())) {
                let nested = if key == WATCHED_NAMESPACES {
                    "remove it and list the namespaces in watchNamespaces only".to_string()
                } else {
                    let (head, rest) = key.split_once('.').unwrap_or((key, ""));
                    format!(
                        "write it nested ({head}: {{{rest}: …}}) so it is no second '{key}' line"
                    )
                };
                out.report(
                    r,
                    &r.spec_field(&["defaultConfiguration", key]),
                    format!(
                        "'{key}' is written flat and the Helm chart already writes it: from FKO {} the operator's config.yaml then has the key twice and the operator fails at startup",
                        feature.since().minor_text()
                    ),
                )
                .hint(nested);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::Targets;

    fn node(version: &str, conf: &str) -> String {
        format!(
            "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\nmetadata: {{name: fko}}\n\
             spec:\n  version: {version}\n  watchNamespaces: [team-a]\n  defaultConfiguration:\n{conf}"
        )
    }

    #[test]
    fn fires_on_flat_overrides_of_chart_keys_from_1_16() {
        let conf = "    taskmanager.numberOfTaskSlots: '4'\n    kubernetes.operator.watched.namespaces: team-a\n    \
                    kubernetes.operator.reconcile.interval: 15 s\n";
        let f = check(&OperatorConfigYaml, &node("1.16.0", conf));
        assert_eq!(
            pointers(&f),
            [
                (
                    "/spec/defaultConfiguration/taskmanager.numberOfTaskSlots".into(),
                    Severity::Warning
                ),
                (
                    "/spec/defaultConfiguration/kubernetes.operator.watched.namespaces".into(),
                    Severity::Warning
                ),
            ]
        );
        assert_eq!(f[0].line, Some(8));
        assert_eq!(
            f[0].hint,
            "write it nested (taskmanager: {numberOfTaskSlots: …}) so it is no second 'taskmanager.numberOfTaskSlots' line"
        );
    }

    #[test]
    fn silent_on_1_15_and_on_nested_overrides() {
        let flat = "    parallelism.default: '2'\n";
        assert!(check(&OperatorConfigYaml, &node("1.15.0", flat)).is_empty());
        let t = Targets { fko: Version::new(1, 15, 0), ..Targets::default() };
        let unversioned = "apiVersion: studio.flinkstudio.dev/v1\nkind: FlinkKubernetesOperator\n\
                           metadata: {name: fko}\nspec:\n  defaultConfiguration:\n    parallelism.default: '2'\n";
        assert!(check_with(&OperatorConfigYaml, unversioned, t).is_empty());
        let nested = "    parallelism:\n      default: '2'\n";
        assert!(check(&OperatorConfigYaml, &node("1.16.0", nested)).is_empty());
    }
}
