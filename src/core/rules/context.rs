//! What every rule sees: the design, its graph, targets and effective configurations,
//! computed once per validation, plus indexes shared by all rules.
//!
//! Rules read only through these methods, so that a tracking context (used by the
//! incremental [`Validator`](super::Validator)) can record what each rule depends on.

mod walk;

pub use walk::Subjects;

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use super::reads::{Deps, Recorder, RuleReads, record};
use crate::core::cluster::{self, ClusterSite, ConfMap, FkoInstall, SiteConf, SiteKind};
use crate::core::config::{self, EffectiveConfig, Scope};
use crate::core::design::Design;
use crate::core::graph::{EdgeKind, Graph};
use crate::core::hash::FastMap;
use crate::core::model::{Kind, Resource, ResourceId};
use crate::core::podtemplate::{ArrayMerge, Merged, Role};
use crate::core::targets::Targets;

/// Values derived once per context, by (tag, resource).
type Memo = HashMap<(&'static str, ResourceId), Rc<dyn Any>>;

/// The merged pod templates of a site, per role ([`ClusterSite::role_templates`]); roles
/// whose templates merge alike (no role-specific template) share one.
pub type RoleTemplates = Rc<Vec<(Role, Rc<Merged>)>>;

/// What a site's merged pod templates are derived from: the owner and site, the array
/// merge mode, and the environment whose defaults are merged in (`None`: the site's own).
type TemplatesKey = (ResourceId, SiteKind, ArrayMerge, Option<ResourceId>);

/// The shared, precomputed view of a design that rules read.
pub struct Context<'a> {
    design: &'a Design,
    graph: Arc<Graph>,
    /// Versions the design targets.
    pub targets: Targets,
    configs: Vec<Arc<EffectiveConfig>>,
    by_id: FastMap<ResourceId, usize>,
    by_kind: FastMap<Kind, Vec<usize>>,
    by_name: FastMap<Kind, FastMap<&'a str, Vec<usize>>>,
    /// By kind and Kubernetes namespace (`default` when a resource names none).
    by_namespace: FastMap<Kind, FastMap<&'a str, Vec<usize>>>,
    /// By kind and CMF environment, for resources that belong to one.
    by_environment: FastMap<Kind, FastMap<&'a str, Vec<usize>>>,
    config_index: FastMap<(ResourceId, Scope), usize>,
    recorder: Option<RefCell<Recorder>>,
    subject: Rc<Cell<Option<ResourceId>>>,
    memo: RefCell<Memo>,
    /// Values derived from the design as a whole, by tag ([`Context::once`]).
    once: RefCell<HashMap<&'static str, Rc<dyn Any>>>,
    templates: RefCell<FastMap<TemplatesKey, RoleTemplates>>,
    /// The cluster sites of every resource, by index in the design, derived once by
    /// [`Context::new`] (empty in other contexts; see [`Context::sites_of`]).
    sites: Vec<Box<[ClusterSite<'a>]>>,
    focus: Option<Vec<ResourceId>>,
    /// The subject walk visits only the resources at these design positions
    /// ([`Context::walk_only`]; chunked runs).
    window: Option<std::ops::Range<usize>>,
    /// Subject walks started since the last [`Context::take_walks`].
    walks: Cell<usize>,
}

impl<'a> Context<'a> {
    /// Derives graph and configurations of `design`.
    pub fn new(design: &'a Design, targets: Targets) -> Self {
        let graph = Graph::build(design);
        let configs = config::effective_configs(design, &graph, &targets);
        let configs = configs.into_iter().map(Arc::new).collect();
        let mut cx = Self::from_parts(design, targets, Arc::new(graph), configs);
        // Dozens of rules ask for every resource's cluster sites: derived once here.
        cx.sites = design.resources.iter().map(|r| cx.derive_sites(r).into()).collect();
        cx
    }

    /// A context over an already derived graph and configurations (they must be those
    /// of `design`).
    pub fn from_parts(
        design: &'a Design,
        targets: Targets,
        graph: Arc<Graph>,
        configs: Vec<Arc<EffectiveConfig>>,
    ) -> Self {
        let mut by_id = FastMap::default();
        by_id.reserve(design.resources.len());
        let mut by_kind: FastMap<Kind, Vec<usize>> = FastMap::default();
        let mut by_name: FastMap<Kind, FastMap<&str, Vec<usize>>> = FastMap::default();
        let mut by_namespace: FastMap<Kind, FastMap<&str, Vec<usize>>> = FastMap::default();
        let mut by_environment: FastMap<Kind, FastMap<&str, Vec<usize>>> = FastMap::default();
        for (i, r) in design.resources.iter().enumerate() {
            by_id.insert(r.id, i);
            by_kind.entry(r.kind).or_default().push(i);
            by_name.entry(r.kind).or_default().entry(r.name()).or_default().push(i);
            let ns = r.namespace().unwrap_or("default");
            by_namespace.entry(r.kind).or_default().entry(ns).or_default().push(i);
            if let Some(env) = r.environment() {
                by_environment.entry(r.kind).or_default().entry(env).or_default().push(i);
            }
        }
        let config_index =
            configs.iter().enumerate().map(|(i, c)| ((c.resource, c.scope), i)).collect();
        Self {
            design,
            graph,
            targets,
            configs,
            by_id,
            by_kind,
            by_name,
            by_namespace,
            by_environment,
            config_index,
            recorder: None,
            subject: Rc::default(),
            memo: RefCell::default(),
            once: RefCell::default(),
            templates: RefCell::default(),
            sites: Vec::new(),
            focus: None,
            window: None,
            walks: Cell::new(0),
        }
    }

    /// Turns on read tracking (see [`RuleReads`]); `focus` restricts the subject walk
    /// to these resources.
    pub(crate) fn track(&mut self, focus: Option<Vec<ResourceId>>) {
        self.recorder = Some(RefCell::new(Recorder::default()));
        self.focus = focus;
        self.sites = Vec::new();
    }

    /// The reads recorded since the last call (tracking contexts only).
    pub(crate) fn take_reads(&self) -> RuleReads {
        self.recorder.as_ref().map(|r| r.borrow_mut().take()).unwrap_or_default()
    }

    /// A value derived from resource `r` alone, computed once per context and shared by
    /// every rule that asks for it under the same `tag` (e.g. the schema violations of a
    /// resource, which four rules report on). `derive` must read nothing but `r`: the
    /// caller's own read of `r` is what the incremental validator tracks.
    pub fn memo<T: Any>(
        &self,
        tag: &'static str,
        r: &Resource,
        derive: impl FnOnce() -> T,
    ) -> Rc<T> {
        let key = (tag, r.id);
        if let Some(v) = self.memo.borrow().get(&key).cloned().and_then(|v| v.downcast::<T>().ok())
        {
            return v;
        }
        let v = Rc::new(derive());
        self.memo.borrow_mut().insert(key, v.clone());
        v
    }

    /// Like [`memo`](Self::memo) for a value that depends on more than `r` (other
    /// resources, configurations): shared between rules only when no rule's reads are
    /// being tracked, so that each rule still records what the value was derived from.
    pub fn memo_untracked<T: Any>(
        &self,
        tag: &'static str,
        r: &Resource,
        derive: impl FnOnce() -> T,
    ) -> Rc<T> {
        if self.recorder.is_some() {
            return Rc::new(derive());
        }
        self.memo(tag, r, derive)
    }

    /// A lookup a rule derives from the design as a whole before walking its subjects
    /// (e.g. the names of every environment), computed once per context under `tag` (the
    /// rule's id) and reused when the rule runs again over the next window of subjects
    /// ([`walk_only`](Self::walk_only)). When reads are tracked it is derived on every
    /// call, so that each run records what it read.
    pub fn once<T: Any>(&self, tag: &'static str, derive: impl FnOnce() -> T) -> Rc<T> {
        if self.recorder.is_some() {
            return Rc::new(derive());
        }
        if let Some(v) = self.once.borrow().get(tag).cloned().and_then(|v| v.downcast::<T>().ok()) {
            return v;
        }
        let v = Rc::new(derive());
        self.once.borrow_mut().insert(tag, v.clone());
        v
    }

    /// The subject being visited, shared with an attributing sink.
    pub(crate) fn subject_handle(&self) -> Rc<Cell<Option<ResourceId>>> {
        self.subject.clone()
    }

    fn note(&self, f: impl FnOnce(&mut Deps)) {
        record(&self.recorder, f);
    }

    fn at<'s>(&'s self, indexes: &'s [usize]) -> impl Iterator<Item = &'a Resource> + 's {
        let resources: &'a [Resource] = &self.design.resources;
        indexes.iter().map(move |i| &resources[*i])
    }

    /// The whole design (a rule that reads it depends on everything).
    pub fn design(&self) -> &'a Design {
        self.note(|d| d.all = true);
        self.design
    }

    /// The reference graph.
    pub fn graph(&self) -> &Graph {
        self.note(|d| d.graph = true);
        &self.graph
    }

    /// Every effective configuration.
    pub fn configs(&self) -> &[Arc<EffectiveConfig>] {
        self.note(|d| d.all_configs = true);
        &self.configs
    }

    /// All resources.
    pub fn resources(&self) -> impl Iterator<Item = &'a Resource> + use<'a, '_> {
        self.note(|d| d.all = true);
        self.design.resources.iter()
    }

    /// Resources of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &'a Resource> + '_ {
        self.note(|d| d.kinds.insert(kind));
        self.at(self.by_kind.get(&kind).map_or(&[], Vec::as_slice))
    }

    /// Resources of one kind, in design order, narrowed to those in `namespace` (a
    /// resource naming none is in `default`) or else in CMF environment `environment`
    /// when given: the same reads as [`of_kind`](Self::of_kind), without a scan.
    pub fn of_kind_in<'s>(
        &'s self,
        kind: Kind,
        namespace: Option<&str>,
        environment: Option<&str>,
    ) -> impl Iterator<Item = &'a Resource> + use<'a, 's> {
        self.note(|d| d.kinds.insert(kind));
        let indexes: &'s [usize] = match (namespace, environment) {
            (Some(ns), _) => scoped(&self.by_namespace, kind, ns),
            (None, Some(env)) => scoped(&self.by_environment, kind, env),
            (None, None) => self.by_kind.get(&kind).map_or(&[], Vec::as_slice),
        };
        self.at(indexes)
    }

    /// Resources of one kind with this name, in design order.
    pub fn named<'s>(
        &'s self,
        kind: Kind,
        name: &str,
    ) -> impl Iterator<Item = &'a Resource> + use<'a, 's> {
        self.note(|d| d.kinds.insert(kind));
        let indexes = self.by_name.get(&kind).and_then(|m| m.get(name));
        self.at(indexes.map_or(&[], Vec::as_slice))
    }

    /// A resource by id.
    pub fn get(&self, id: ResourceId) -> Option<&'a Resource> {
        self.note(|d| d.ids.push(id));
        self.by_id.get(&id).map(|i| &self.design.resources[*i])
    }

    /// The effective configuration of a resource in one scope.
    pub fn config(&self, id: ResourceId, scope: Scope) -> Option<&EffectiveConfig> {
        self.note(|d| d.configs.push((id, scope)));
        self.config_index.get(&(id, scope)).map(|i| &*self.configs[*i])
    }

    /// Resolved targets of one kind of reference from `r`.
    pub fn targets_of(&self, r: &Resource, edge: EdgeKind) -> Vec<&'a Resource> {
        self.note(|d| d.edges_of.push(r.id));
        self.graph.targets(r.id, edge).into_iter().filter_map(|id| self.get(id)).collect()
    }

    /// The environment resource a CMF resource belongs to, if it resolves.
    pub fn environment_of(&self, r: &Resource) -> Option<&'a Resource> {
        self.targets_of(r, EdgeKind::Environment).into_iter().next()
    }

    /// Every cluster site of the design ([`cluster::site`]), walked as subjects
    /// ([`subjects`](Self::subjects)): one resource's sites at a time.
    pub fn sites(&self) -> impl Iterator<Item = ClusterSite<'a>> + '_ {
        self.subjects().flat_map(move |r| self.sites_of(r))
    }

    /// The cluster sites of one resource, with the environment defaults they inherit
    /// (applications and pools read their environment through the graph).
    ///
    /// [`Context::new`] derives them once for every resource; other contexts (the
    /// incremental validator's, which track reads) derive them on every call, so that
    /// each call records its reads.
    pub fn sites_of(&self, r: &'a Resource) -> Vec<ClusterSite<'a>> {
        if let Some(&i) = self.by_id.get(&r.id)
            && let Some(sites) = self.sites.get(i)
            && std::ptr::eq(&self.design.resources[i], r)
        {
            return sites.to_vec();
        }
        self.derive_sites(r)
    }

    fn derive_sites(&self, r: &'a Resource) -> Vec<ClusterSite<'a>> {
        let env = if cluster::site::inherits(r) { self.environment_of(r) } else { None };
        cluster::sites_of(r, env)
    }

    /// The configuration a cluster site runs with ([`SiteConf`]): its owner's effective
    /// configuration when it describes the site, else the site's own map.
    pub fn site_conf(&self, site: &ClusterSite<'a>) -> SiteConf<'_> {
        let effective = if site.has_effective_config() {
            self.config(site.owner.id, Scope::Cluster)
        } else {
            None
        };
        SiteConf::of_site(site, effective, Box::new(move |id| self.get(id)))
    }

    /// The cluster configuration of a job-bearing resource that is no cluster site (a
    /// FlinkSessionJob: operator defaults, its session cluster's map, its own map).
    pub fn resource_conf(&self, r: &'a Resource) -> SiteConf<'_> {
        let effective = self.config(r.id, Scope::Cluster);
        let map = r.spec_get(&["flinkConfiguration"]);
        let home = r.spec_field(&["flinkConfiguration"]);
        SiteConf::new(r, effective, map, home, Box::new(move |id| self.get(id)))
    }

    /// The pod template FKO builds for each role from `site`'s own templates
    /// ([`ClusterSite::role_templates`]), merged once per context: it is derived from
    /// the site alone, whose reads the caller made when it got the site.
    pub fn role_templates(&self, site: &ClusterSite<'a>, mode: ArrayMerge) -> RoleTemplates {
        self.templates_of((site.owner.id, site.kind, mode, None), || site.role_templates(mode))
    }

    /// The pod template each role's pods get once the environment's defaults are merged
    /// in ([`ClusterSite::deployed_role_templates`]), merged once per context.
    pub fn deployed_role_templates(
        &self,
        site: &ClusterSite<'a>,
        mode: ArrayMerge,
    ) -> RoleTemplates {
        let Some((env, ..)) = site.defaults() else { return self.role_templates(site, mode) };
        self.templates_of((site.owner.id, site.kind, mode, Some(env.id)), || {
            site.deployed_role_templates(mode)
        })
    }

    /// Drops the merged pod templates kept so far (they are derived again on demand).
    pub fn forget_templates(&self) {
        self.templates.borrow_mut().clear();
    }

    fn templates_of(
        &self,
        key: TemplatesKey,
        derive: impl FnOnce() -> Vec<(Role, Merged)>,
    ) -> RoleTemplates {
        if let Some(t) = self.templates.borrow().get(&key) {
            return t.clone();
        }
        // The JobManager's and the TaskManager's templates are alike unless a role has a
        // template of its own: they are kept once (the templates of every site are kept
        // while the pod rules run).
        let mut kept: Vec<(Role, Rc<Merged>)> = Vec::new();
        for (role, m) in derive() {
            let same = kept.iter().find(|(_, k)| **k == m).map(|(_, k)| Rc::clone(k));
            kept.push((role, same.unwrap_or_else(|| Rc::new(m))));
        }
        let t = Rc::new(kept);
        self.templates.borrow_mut().insert(key, t.clone());
        t
    }

    /// Every Flink configuration map of the design ([`cluster::conf_maps`]), walked as
    /// subjects: one resource's maps at a time.
    pub fn conf_maps(&self) -> impl Iterator<Item = ConfMap<'a>> + '_ {
        self.subjects().flat_map(move |r| self.conf_maps_of(r))
    }

    /// The Flink configuration maps of one resource, each with the Flink version its
    /// keys are read for (the version of the resource's effective configuration first).
    pub fn conf_maps_of(&self, r: &'a Resource) -> Vec<ConfMap<'a>> {
        let version = if config::is_job_bearing(r) {
            [Scope::Cluster, Scope::Job]
                .into_iter()
                .find_map(|s| self.config(r.id, s).and_then(|c| c.flink_version))
        } else {
            None
        };
        cluster::conf_maps(r, version)
    }

    /// Every operator installation of the design, in design order.
    pub fn operators(&self) -> Vec<FkoInstall<'a>> {
        self.of_kind(Kind::FkoInstall).map(FkoInstall::of).collect()
    }

    /// The operator installation that manages deployments in `namespace` (the first
    /// one watching it), if the design has one.
    pub fn operator_for(&self, namespace: Option<&str>) -> Option<FkoInstall<'a>> {
        cluster::operator_for(self.of_kind(Kind::FkoInstall), namespace).map(FkoInstall::of)
    }
}

/// The indexes under (`kind`, `scope`) of a scoped index.
fn scoped<'m>(
    map: &'m FastMap<Kind, FastMap<&str, Vec<usize>>>,
    kind: Kind,
    scope: &str,
) -> &'m [usize] {
    map.get(&kind).and_then(|m| m.get(scope)).map_or(&[], Vec::as_slice)
}
