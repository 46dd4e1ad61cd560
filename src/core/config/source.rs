//! Computing configurations one resource at a time, recording what each computation
//! read (for the incremental validator's cache).

use std::cell::RefCell;
use std::collections::HashMap;

use super::{EffectiveConfig, cmf, fko};
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

pub(super) fn configs_of(env: &Env<'_>, r: &Resource) -> Vec<EffectiveConfig> {
    match r.kind {
        Kind::FlinkDeployment => vec![fko::deployment(env, r)],
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
