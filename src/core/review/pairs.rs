//! Which resource of the new design is which resource of the baseline: the same concept
//! (a CMF REST payload and its CFK CR are one), scope and name. A resource whose namespace
//! (or environment) one side leaves out pairs with the only same-named one of the other.

use std::collections::BTreeMap;

use crate::core::design::Design;
use crate::core::model::{Kind, Resource, ResourceId};

/// The identity of a resource across designs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Identity {
    /// The concept.
    pub kind: Kind,
    /// Kubernetes namespace, CMF environment or Kafka catalog (`None`: not written).
    pub scope: Option<String>,
    /// The name.
    pub name: String,
}

impl Identity {
    /// The identity of `r`.
    pub fn of(r: &Resource) -> Self {
        let scope = if r.is_environment_scoped() {
            r.environment().map(str::to_string)
        } else if r.kind == Kind::KafkaDatabase {
            r.catalog().map(str::to_string)
        } else if r.kind.is_cluster_scoped() {
            None
        } else {
            r.namespace().map(str::to_string)
        };
        Self { kind: r.kind, scope, name: r.name().to_string() }
    }
}

/// One resource in the baseline, the new design or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// The baseline's resource (`None`: added).
    pub before: Option<ResourceId>,
    /// The new design's resource (`None`: removed).
    pub after: Option<ResourceId>,
}

/// Pairs the resources of `before` and `after`: the new design's order first (added or
/// kept), then what only the baseline has (removed), in its order.
pub fn pair(before: &Design, after: &Design) -> Vec<Pair> {
    let mut exact: BTreeMap<Identity, Vec<ResourceId>> = BTreeMap::new();
    for r in &before.resources {
        exact.entry(Identity::of(r)).or_default().push(r.id);
    }
    let mut taken = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let mut pending = Vec::new();
    for r in &after.resources {
        let id = Identity::of(r);
        match exact.get_mut(&id).and_then(|ids| (!ids.is_empty()).then(|| ids.remove(0))) {
            Some(b) => {
                taken.insert(b);
                out.push(Pair { before: Some(b), after: Some(r.id) });
            }
            None => {
                pending.push(out.len());
                out.push(Pair { before: None, after: Some(r.id) });
            }
        }
    }
    // A scope written on one side only: the only same-named resource of the other.
    for i in pending {
        let Some(r) = out[i].after.and_then(|id| after.get(id)) else { continue };
        let id = Identity::of(r);
        let loose = |b: &&Resource| {
            let other = Identity::of(b);
            !taken.contains(&b.id)
                && other.kind == id.kind
                && other.name == id.name
                && (other.scope.is_none() || id.scope.is_none())
        };
        let candidates: Vec<&Resource> = before.resources.iter().filter(loose).collect();
        if let [only] = candidates.as_slice() {
            taken.insert(only.id);
            out[i].before = Some(only.id);
        }
    }
    for r in before.resources.iter().filter(|r| !taken.contains(&r.id)) {
        out.push(Pair { before: Some(r.id), after: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::import_text;

    fn design(yaml: &str) -> Design {
        let mut d = Design::new();
        import_text(&mut d, "x.yaml", yaml);
        d.assign_scopes(None, None);
        d
    }

    #[test]
    fn pairs_by_concept_scope_and_name() {
        let before = design(
            "{apiVersion: flink.apache.org/v1beta1, kind: FlinkDeployment, metadata: {name: a, namespace: f}}\n---\n\
             {apiVersion: flink.apache.org/v1beta1, kind: FlinkDeployment, metadata: {name: gone, namespace: f}}\n---\n\
             {apiVersion: platform.confluent.io/v1beta1, kind: FlinkApplication, metadata: {name: app, namespace: c}, spec: {flinkEnvironment: dev}}\n",
        );
        let after = design(
            "{apiVersion: cmf.confluent.io/v1, kind: FlinkApplication, metadata: {name: app}}\n---\n\
             {name: dev, kubernetesNamespace: apps}\n---\n\
             {apiVersion: flink.apache.org/v1beta1, kind: FlinkDeployment, metadata: {name: a}}\n---\n\
             {apiVersion: flink.apache.org/v1beta1, kind: FlinkDeployment, metadata: {name: new, namespace: f}}\n",
        );
        let pairs = pair(&before, &after);
        let shape: Vec<(Option<u32>, Option<u32>)> =
            pairs.iter().map(|p| (p.before.map(|i| i.0), p.after.map(|i| i.0))).collect();
        // The CFK application pairs with the REST payload (same environment), the
        // namespace-less deployment with the only 'a', 'new' is added, 'gone' removed.
        assert_eq!(
            shape,
            [
                (Some(2), Some(0)),
                (None, Some(1)),
                (Some(0), Some(2)),
                (None, Some(3)),
                (Some(1), None)
            ]
        );
    }
}
