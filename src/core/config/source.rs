//! Computing configurations one resource at a time, recording what each computation
//! read (for the incremental validator's cache).

use std::cell::RefCell;
use std::collections::HashMap;

use super::{EffectiveConfig, Scope, cmf, fko, is_job_bearing};
use crate::core::design::Design;
use crate::core::graph::{EdgeKind, Graph};
use crate::core::model::{Kind, Resource, ResourceId};

/// What the configurations of one resource were computed from (see [`ConfigSource`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigInputs {
    /// Resources read (besides the resource itself), through the graph.
    pub resources: Vec<ResourceId>,
    /// Every operator installation node was read.
    pub operators: bool,
}

/// Computes configurations one resource at a time and says what each read, so that a
/// cache can recompute only those whose inputs changed (the graph must be unchanged
/// for a cached result to hold).
pub struct ConfigSource<'a> {
    env: Env<'a>,
}

impl<'a> ConfigSource<'a> {
    /// A source over `design` and its graph.
    pub fn new(design: &'a Design, graph: &'a Graph) -> Self {
        Self { env: Env::new(design, graph) }
    }

    /// The configurations of `r` (none unless it is job-bearing, two for a statement)
    /// in the order [`effective_configs`] lists them, and what they were computed from.
    pub fn configs_of(&self, r: &Resource) -> (Vec<EffectiveConfig>, ConfigInputs) {
        self.env.reads.replace(ConfigInputs::default());
        let configs = configs_of(&self.env, r);
        let mut inputs = self.env.reads.take();
        inputs.resources.sort_unstable();
        inputs.resources.dedup();
        (configs, inputs)
    }
}

/// The effective configurations of the resources `ids` only (in that order; ids that
/// are not job-bearing resources of the design give none): the entries of
/// [`effective_configs`](super::effective_configs) for those resources, without
/// computing the others.
pub fn effective_configs_of(
    design: &Design,
    graph: &Graph,
    _targets: &crate::core::targets::Targets,
    ids: &[ResourceId],
) -> Vec<EffectiveConfig> {
    let env = Env::new(design, graph);
    ids.iter()
        .filter_map(|id| env.resource(*id))
        .filter(|r| is_job_bearing(r))
        .flat_map(|r| configs_of(&env, r))
        .collect()
}

/// The configurations a resource has, without computing them: none, the cluster's, or
/// (statements that run a Flink job) the cluster's and the job's.
pub fn scopes_of(r: &Resource) -> &'static [Scope] {
    match r.kind {
        Kind::Statement => match cmf::job_branch(r.spec_str(&["statement"]).unwrap_or("")) {
            None => &[],
            Some(_) => &[Scope::Cluster, Scope::Job],
        },
        _ if is_job_bearing(r) => &[Scope::Cluster],
        _ => &[],
    }
}

pub(super) fn configs_of(env: &Env<'_>, r: &Resource) -> Vec<EffectiveConfig> {
    match r.kind {
        Kind::FlinkDeployment => vec![fko::deployment(env, r)],
        Kind::FlinkBlueGreenDeployment => vec![fko::blue_green(env, r)],
        Kind::FlinkSessionJob => vec![fko::session_job(env, r)],
        Kind::Application => vec![cmf::application(env, r)],
        Kind::ComputePool => vec![cmf::pool(env, r)],
        Kind::Statement => cmf::statement(env, r),
        _ => Vec::new(),
    }
}

/// What the engines read: the design and its reference graph.
pub(crate) struct Env<'a> {
    design: &'a Design,
    graph: &'a Graph,
    by_id: HashMap<ResourceId, usize>,
    reads: RefCell<ConfigInputs>,
}

impl<'a> Env<'a> {
    pub(super) fn new(design: &'a Design, graph: &'a Graph) -> Self {
        let by_id = design.resources.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        Self { design, graph, by_id, reads: RefCell::default() }
    }

    /// The resource with this id (not recorded as read).
    fn resource(&self, id: ResourceId) -> Option<&'a Resource> {
        self.by_id.get(&id).map(|i| &self.design.resources[*i])
    }

    /// The first resolved target of `r`'s references of one kind.
    pub(super) fn target(&self, r: &Resource, edge: EdgeKind) -> Option<&'a Resource> {
        let found = self
            .graph
            .targets(r.id, edge)
            .into_iter()
            .find_map(|id| self.by_id.get(&id).map(|i| &self.design.resources[*i]));
        if let Some(t) = found {
            self.reads.borrow_mut().resources.push(t.id);
        }
        found
    }

    /// The operator installation nodes.
    pub(super) fn operators(&self) -> impl Iterator<Item = &'a Resource> + use<'a> {
        self.reads.borrow_mut().operators = true;
        self.design.of_kind(Kind::FkoInstall)
    }
}
