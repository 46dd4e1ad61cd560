//! What the Flink Kubernetes Operator's Helm chart writes into the operator's own
//! configuration before the user's `defaultConfiguration` overrides.
//!
//! Source: `helm/flink-kubernetes-operator/conf/flink-conf.yaml` (identical at the
//! release-1.13.0 … release-1.15.0 tags and main @6e9caeb4), appended when
//! `defaultConfiguration.append` is true (the default), and the chart's ConfigMap template
//! (`templates/controller/configmap.yaml`), which adds the watched namespaces. From FKO
//! 1.16 the rendered file is always mounted as `config.yaml` (FLINK-39791), read by
//! Flink's strict YAML parser: a flat dotted override of one of these keys repeats it.

/// The keys of the chart's `conf/flink-conf.yaml`, written flat.
pub const SHIPPED_KEYS: &[&str] = &[
    "taskmanager.numberOfTaskSlots",
    "parallelism.default",
    "kubernetes.operator.default-configuration.flink-version.v1_18.env.java.opts.all",
    "kubernetes.operator.default-configuration.flink-version.v1_19+.env.java.default-opts.all",
];

/// The key the chart writes, flat, when `watchNamespaces` is not empty.
pub const WATCHED_NAMESPACES: &str = "kubernetes.operator.watched.namespaces";

/// The keys the chart renders flat for an installation that watches `namespaces`.
pub fn rendered_keys(namespaces: &[&str]) -> Vec<&'static str> {
    let mut keys = SHIPPED_KEYS.to_vec();
    if !namespaces.is_empty() {
        keys.push(WATCHED_NAMESPACES);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watched_namespaces_line_comes_with_a_list() {
        assert_eq!(rendered_keys(&[]).len(), SHIPPED_KEYS.len());
        assert_eq!(rendered_keys(&["team-a"]).last(), Some(&WATCHED_NAMESPACES));
        assert!(SHIPPED_KEYS.contains(&"parallelism.default"));
    }
}
