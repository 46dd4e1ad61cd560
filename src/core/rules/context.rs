//! What every rule sees: the design, its graph, targets and effective configurations,
//! computed once per validation.

use std::collections::HashMap;

use crate::core::config::{self, EffectiveConfig, Scope};
use crate::core::design::Design;
use crate::core::graph::{EdgeKind, Graph};
use crate::core::model::{Kind, Resource, ResourceId};
use crate::core::targets::Targets;

/// The shared, precomputed view of a design that rules read.
pub struct Context<'a> {
    /// The design under validation.
    pub design: &'a Design,
    /// Its reference graph.
    pub graph: Graph,
    /// Versions the design targets.
    pub targets: Targets,
    /// Effective configuration of every job-bearing resource.
    pub configs: Vec<EffectiveConfig>,
    by_id: HashMap<ResourceId, usize>,
    config_index: HashMap<(ResourceId, Scope), usize>,
}

impl<'a> Context<'a> {
    /// Derives graph and configurations of `design`.
    pub fn new(design: &'a Design, targets: Targets) -> Self {
        let graph = Graph::build(design);
        let configs = config::effective_configs(design, &graph, &targets);
        let by_id = design.resources.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let config_index =
            configs.iter().enumerate().map(|(i, c)| ((c.resource, c.scope), i)).collect();
        Self { design, graph, targets, configs, by_id, config_index }
    }

    /// All resources.
    pub fn resources(&self) -> impl Iterator<Item = &'a Resource> {
        self.design.resources.iter()
    }

    /// Resources of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &'a Resource> {
        self.design.of_kind(kind)
    }

    /// A resource by id.
    pub fn get(&self, id: ResourceId) -> Option<&'a Resource> {
        self.by_id.get(&id).map(|i| &self.design.resources[*i])
    }

    /// The effective configuration of a resource in one scope.
    pub fn config(&self, id: ResourceId, scope: Scope) -> Option<&EffectiveConfig> {
        self.config_index.get(&(id, scope)).map(|i| &self.configs[*i])
    }

    /// Resolved targets of one kind of reference from `r`.
    pub fn targets_of(&self, r: &Resource, edge: EdgeKind) -> Vec<&'a Resource> {
        self.graph.targets(r.id, edge).into_iter().filter_map(|id| self.get(id)).collect()
    }

    /// The environment resource a CMF resource belongs to, if it resolves.
    pub fn environment_of(&self, r: &Resource) -> Option<&'a Resource> {
        self.targets_of(r, EdgeKind::Environment).into_iter().next()
    }
}
