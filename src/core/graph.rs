//! The design graph: resources as nodes, typed references as edges.
//!
//! A reference that resolves to no resource of the design becomes a [`Dangling`] entry
//! rather than an edge; rules report those, and the canvas draws them as broken edges.
//! Links no name field states (what an install acts on, what an address points at:
//! [`links`]) are edges too, but never dangle: external systems are optional.

mod artifacts;
mod links;
mod references;

use std::collections::HashMap;

use petgraph::stable_graph::{NodeIndex, StableDiGraph};

pub use links::{Address, Link, LinkTargets, links};
pub use references::{EdgeKind, Lookup, Reference, references};

use super::design::Design;
use super::hash::FastMap;
use super::model::{Kind, Resource, ResourceId};

/// An edge: which field made the reference, and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Meaning.
    pub kind: EdgeKind,
    /// JSON Pointer of the referencing field in the source resource.
    pub field: String,
}

/// A reference that points at nothing in the design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dangling {
    /// The referencing resource.
    pub from: ResourceId,
    /// The unresolved reference (how it is reported: `rules::missing`).
    pub reference: Reference,
}

/// The graph of a design.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Nodes carry resource ids; edges carry the referencing field.
    pub graph: StableDiGraph<ResourceId, Edge>,
    index: FastMap<ResourceId, NodeIndex>,
    /// References that resolved to nothing.
    pub dangling: Vec<Dangling>,
}

struct DesignLookup {
    namespaces: HashMap<String, String>,
}

impl Lookup for DesignLookup {
    fn environment_namespace(&self, env: &str) -> Option<String> {
        self.namespaces.get(env).cloned()
    }
}

/// Does `target` satisfy `reference`?
pub fn satisfies(target: &Resource, reference: &Reference) -> bool {
    reference.targets.contains(&target.kind)
        && target.name() == reference.name
        && in_scope(target, reference)
}

fn in_scope(target: &Resource, reference: &Reference) -> bool {
    let ns_ok = match (&reference.namespace, target.kind) {
        (_, Kind::Namespace) | (None, _) => true,
        (Some(ns), _) => target.namespace().unwrap_or("default") == ns,
    };
    let env_ok = reference.environment.as_deref().is_none_or(|e| target.environment() == Some(e));
    let cat_ok = reference.catalog.as_deref().is_none_or(|c| target.catalog() == Some(c));
    ns_ok && env_ok && cat_ok
}

impl Graph {
    /// True when both graphs have the same nodes, the same edges in the same order and the
    /// same dangling references: whatever is derived from one holds for the other (the
    /// incremental validator and the canvas keep their work across edits that leave the
    /// graph as it was). Compares in place, without allocating.
    pub fn same_as(&self, other: &Graph) -> bool {
        use petgraph::visit::{EdgeRef, IntoEdgeReferences};
        let (a, b) = (&self.graph, &other.graph);
        self.dangling == other.dangling
            && a.node_count() == b.node_count()
            && a.edge_count() == b.edge_count()
            && a.node_weights().eq(b.node_weights())
            && a.edge_references().zip(b.edge_references()).all(|(x, y)| {
                a[x.source()] == b[y.source()]
                    && a[x.target()] == b[y.target()]
                    && x.weight() == y.weight()
            })
    }

    /// Builds the graph of a design.
    pub fn build(design: &Design) -> Self {
        let mut g = Graph::default();
        for r in &design.resources {
            let n = g.graph.add_node(r.id);
            g.index.insert(r.id, n);
        }
        let mut namespaces = HashMap::new();
        for e in design.of_kind(Kind::Environment) {
            if let Some(ns) = e.spec_str(&["kubernetesNamespace"]) {
                namespaces.entry(e.name().to_string()).or_insert_with(|| ns.to_string());
            }
        }
        let lookup = DesignLookup { namespaces };
        // Candidates by (kind, name), so resolution is linear in the design.
        // Names repeat across namespaces (every namespace has its `flink` service
        // account), so namespaced references look up (kind, name, namespace).
        let mut by_name: FastMap<(Kind, &str), Vec<&Resource>> = FastMap::default();
        let mut by_name_ns: FastMap<(Kind, &str, &str), Vec<&Resource>> = FastMap::default();
        for t in &design.resources {
            by_name.entry((t.kind, t.name())).or_default().push(t);
            let ns = t.namespace().unwrap_or("default");
            by_name_ns.entry((t.kind, t.name(), ns)).or_default().push(t);
        }
        for r in &design.resources {
            for reference in references(r, &lookup) {
                let hits: Vec<ResourceId> = reference
                    .targets
                    .iter()
                    .flat_map(|k| match &reference.namespace {
                        Some(ns) if *k != Kind::Namespace => {
                            by_name_ns.get(&(*k, reference.name.as_str(), ns.as_str()))
                        }
                        _ => by_name.get(&(*k, reference.name.as_str())),
                    })
                    .flatten()
                    .filter(|t| t.id != r.id && satisfies(t, &reference))
                    .map(|t| t.id)
                    .collect();
                if hits.is_empty() {
                    g.dangling.push(Dangling { from: r.id, reference });
                    continue;
                }
                for t in hits {
                    let edge = Edge { kind: reference.edge, field: reference.field.clone() };
                    g.graph.add_edge(g.index[&r.id], g.index[&t], edge);
                }
            }
        }
        let targets = LinkTargets::of(&design.resources);
        for r in &design.resources {
            for link in links(r, &targets) {
                let edge = Edge { kind: link.edge, field: link.field };
                g.graph.add_edge(g.index[&r.id], g.index[&link.to], edge);
            }
        }
        g
    }

    /// Node index of a resource.
    pub fn node(&self, id: ResourceId) -> Option<NodeIndex> {
        self.index.get(&id).copied()
    }

    /// Targets of `id`'s outgoing edges of one kind.
    pub fn targets(&self, id: ResourceId, kind: EdgeKind) -> Vec<ResourceId> {
        let Some(n) = self.node(id) else { return Vec::new() };
        self.graph
            .edges(n)
            .filter(|e| e.weight().kind == kind)
            .map(|e| self.graph[petgraph::visit::EdgeRef::target(&e)])
            .collect()
    }

    /// Sources of `id`'s incoming edges of one kind.
    pub fn sources(&self, id: ResourceId, kind: EdgeKind) -> Vec<ResourceId> {
        let Some(n) = self.node(id) else { return Vec::new() };
        self.graph
            .edges_directed(n, petgraph::Direction::Incoming)
            .filter(|e| e.weight().kind == kind)
            .map(|e| self.graph[petgraph::visit::EdgeRef::source(&e)])
            .collect()
    }

    /// The resources whose references resolve differently in `other`: their outgoing
    /// edges (kind, field, target, in order) or their dangling references differ, or they
    /// are in one graph only. What a reader of one resource's targets
    /// ([`targets`](Self::targets)) saw holds in `other` unless that resource is listed.
    pub fn changed_sources(&self, other: &Graph) -> Vec<ResourceId> {
        use petgraph::visit::EdgeRef;
        // Compared in place: this runs on every edit that changes the graph.
        fn out(g: &Graph, n: NodeIndex) -> impl Iterator<Item = (ResourceId, &Edge)> {
            g.graph.edges(n).map(move |e| (g.graph[e.target()], e.weight()))
        }
        let mut changed: Vec<ResourceId> = Vec::new();
        for (id, n) in &self.index {
            match other.index.get(id) {
                Some(m) if out(self, *n).eq(out(other, *m)) => {}
                _ => changed.push(*id),
            }
        }
        changed.extend(other.index.keys().filter(|id| !self.index.contains_key(id)));
        // Dangling references, per source, in order.
        fn dangling(g: &Graph) -> FastMap<ResourceId, Vec<&Dangling>> {
            let mut by: FastMap<ResourceId, Vec<&Dangling>> = FastMap::default();
            for d in &g.dangling {
                by.entry(d.from).or_default().push(d);
            }
            by
        }
        let (a, b) = (dangling(self), dangling(other));
        changed.extend(a.keys().chain(b.keys()).filter(|id| a.get(id) != b.get(id)));
        changed.sort_unstable();
        changed.dedup();
        changed
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn design(docs: Vec<serde_json::Value>) -> Design {
        let mut d = Design::new();
        for doc in docs {
            d.add(doc);
        }
        d.assign_scopes(None, None);
        d
    }

    #[test]
    fn session_job_resolves_in_same_namespace_only() {
        let d = design(vec![
            json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
                   "metadata": {"name": "s", "namespace": "a"}, "spec": {}}),
            json!({"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkSessionJob",
                   "metadata": {"name": "j", "namespace": "b"}, "spec": {"deploymentName": "s"}}),
        ]);
        let g = Graph::build(&d);
        assert_eq!(g.edge_count(), 0);
        assert_eq!(g.dangling.len(), 1);
        assert_eq!(g.dangling[0].reference.field, "/spec/deploymentName");
    }

    #[test]
    fn cmf_chain_resolves() {
        let d = design(vec![
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "flink"}}),
            json!({"name": "dev", "kubernetesNamespace": "flink"}),
            json!({"apiVersion": "cmf.confluent.io/v1", "kind": "ComputePool",
                   "metadata": {"name": "pool"}, "spec": {"type": "DEDICATED"}}),
            json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Statement",
                   "metadata": {"name": "st"}, "spec": {"computePoolName": "pool"}}),
        ]);
        let g = Graph::build(&d);
        assert!(g.dangling.is_empty(), "{:?}", g.dangling);
        let st = d.resources[3].id;
        assert_eq!(g.targets(st, EdgeKind::ComputePool), vec![d.resources[2].id]);
        assert_eq!(g.targets(st, EdgeKind::Environment), vec![d.resources[1].id]);
        assert_eq!(g.targets(d.resources[1].id, EdgeKind::Namespace), vec![d.resources[0].id]);
    }
}
