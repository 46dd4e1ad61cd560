//! What a CMF environment imposes on its jobs: its defaults blocks read exactly as the
//! merge engines read them (domain.md §3.2, §3.3), and the jobs it governs.

use std::collections::{BTreeMap, HashSet};

use super::fko::{self, Cluster};
use super::merge::Stack;
use super::{Layer, Source};
use crate::core::cluster::{ClusterSite, SiteKind, sites_of};
use crate::core::design::Design;
use crate::core::flink::version::FlinkVersion;
use crate::core::graph::{EdgeKind, Graph};
use crate::core::model::{Kind, Resource, ResourceId, ResourceRef};

/// One defaults block of an environment, in the order the studio shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DefaultsSection {
    /// `kubernetesNamespace`: where every job of the environment runs.
    Placement,
    /// `flinkApplicationDefaults.spec`: Flink configuration and spec fields of applications.
    ApplicationDefaults,
    /// `statementDefaults.detached.flinkConfiguration` (INSERT, statement sets, CTAS).
    DetachedStatementDefaults,
    /// `statementDefaults.interactive.flinkConfiguration` (SELECT, EXPLAIN, …).
    InteractiveStatementDefaults,
    /// `computePoolDefaults.clusterSpec`: the clusters compute pools start.
    ComputePoolDefaults,
}

impl DefaultsSection {
    /// Every section, in display order.
    pub const ALL: [DefaultsSection; 5] = [
        DefaultsSection::Placement,
        DefaultsSection::ApplicationDefaults,
        DefaultsSection::DetachedStatementDefaults,
        DefaultsSection::InteractiveStatementDefaults,
        DefaultsSection::ComputePoolDefaults,
    ];

    /// A title naming the field the section comes from.
    pub fn title(self) -> &'static str {
        match self {
            DefaultsSection::Placement => "Placement (kubernetesNamespace)",
            DefaultsSection::ApplicationDefaults => {
                "Application defaults (flinkApplicationDefaults)"
            }
            DefaultsSection::DetachedStatementDefaults => {
                "Detached statement defaults (statementDefaults.detached)"
            }
            DefaultsSection::InteractiveStatementDefaults => {
                "Interactive statement defaults (statementDefaults.interactive)"
            }
            DefaultsSection::ComputePoolDefaults => "Compute pool defaults (computePoolDefaults)",
        }
    }

    /// How the section's values meet the values the jobs set themselves, said plainly.
    pub fn precedence(self) -> &'static str {
        match self {
            DefaultsSection::Placement => {
                "Every application, compute pool and statement of the environment runs in this namespace."
            }
            DefaultsSection::ApplicationDefaults => {
                "Win over the application's own flinkConfiguration (CMF docs); spec fields \
                 such as image and resources are assumed to win too (undocumented)."
            }
            DefaultsSection::DetachedStatementDefaults => {
                "Win over the flinkConfiguration of every INSERT / statement-set statement (CMF docs)."
            }
            DefaultsSection::InteractiveStatementDefaults => {
                "Win over the flinkConfiguration of every SELECT statement (CMF docs)."
            }
            DefaultsSection::ComputePoolDefaults => {
                "Fill in what a compute pool's clusterSpec leaves unset: the pool's own value \
                 is assumed to win (undocumented)."
            }
        }
    }

    /// The layer these values take in a job's effective configuration.
    pub fn layer(self) -> Layer {
        match self {
            DefaultsSection::Placement => Layer::OperatorForced,
            DefaultsSection::ApplicationDefaults => Layer::EnvironmentApplicationDefaults,
            DefaultsSection::DetachedStatementDefaults
            | DefaultsSection::InteractiveStatementDefaults => Layer::EnvironmentStatementDefaults,
            DefaultsSection::ComputePoolDefaults => Layer::EnvironmentPoolDefaults,
        }
    }
}

/// The plain statement of who wins between an environment and its jobs.
pub const ENVIRONMENT_PRECEDENCE: &str = "An environment's defaults win over what its \
    applications and statements set themselves: a key set here replaces the job's own value. \
    Compute pool defaults only fill in what a pool leaves unset.";

/// One value an environment sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultValue {
    /// The value as Flink reads it.
    pub value: String,
    /// JSON Pointer of the field in the environment.
    pub path: String,
    /// True for a value derived from a spec field (`image`, resources, …) rather than
    /// written as a Flink configuration key.
    pub from_spec_field: bool,
}

/// The values of one defaults block, by canonical key (spec fields under their Flink key,
/// and `flinkVersion`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionDefaults {
    /// Which block.
    pub section: DefaultsSection,
    /// Values by key.
    pub entries: BTreeMap<String, DefaultValue>,
}

/// A resource an environment governs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Governed {
    /// Its id in the design.
    pub id: ResourceId,
    /// Its kind.
    pub kind: Kind,
    /// Its name.
    pub name: String,
}

/// What an environment imposes on its jobs, and which jobs those are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvironmentDefaults {
    /// The environment.
    pub environment: ResourceId,
    /// Its identity.
    pub reference: ResourceRef,
    /// Every section of [`DefaultsSection::ALL`], in order (possibly empty).
    pub sections: Vec<SectionDefaults>,
    /// Applications, compute pools and statements that name it, by kind then name.
    pub governs: Vec<Governed>,
}

impl EnvironmentDefaults {
    /// The values of one section.
    pub fn section(&self, section: DefaultsSection) -> &BTreeMap<String, DefaultValue> {
        static EMPTY: BTreeMap<String, DefaultValue> = BTreeMap::new();
        self.sections.iter().find(|s| s.section == section).map_or(&EMPTY, |s| &s.entries)
    }

    /// Names of the governed resources of one kind.
    pub fn governed(&self, kind: Kind) -> Vec<&str> {
        self.governs.iter().filter(|g| g.kind == kind).map(|g| g.name.as_str()).collect()
    }

    /// True when the environment sets no default at all.
    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(|s| s.entries.is_empty())
    }
}

/// The kinds an environment governs, in display order.
pub const GOVERNED_KINDS: [Kind; 3] = [Kind::Application, Kind::ComputePool, Kind::Statement];

/// What `environment` imposes on its jobs (`None` unless it is an environment).
pub fn environment_defaults(
    design: &Design,
    graph: &Graph,
    environment: &Resource,
) -> Option<EnvironmentDefaults> {
    if environment.kind != Kind::Environment {
        return None;
    }
    let e = environment;
    let sections = DefaultsSection::ALL
        .into_iter()
        .map(|section| SectionDefaults { section, entries: read(e, section) })
        .collect();
    Some(EnvironmentDefaults {
        environment: e.id,
        reference: e.reference(),
        sections,
        governs: governed(design, graph, e.id),
    })
}

/// The environment's defaults fragment of one kind, as a cluster site.
fn defaults_site(e: &Resource, kind: SiteKind) -> Option<ClusterSite<'_>> {
    sites_of(e, None).into_iter().find(|s| s.kind == kind)
}

/// The values of one section, read with the merge engines' own readers.
fn read(e: &Resource, section: DefaultsSection) -> BTreeMap<String, DefaultValue> {
    let pool_view = defaults_site(e, SiteKind::ComputePoolDefaults);
    let sql_version =
        pool_view.as_ref().and_then(fko::version_of).unwrap_or(FlinkVersion::CMF_SQL_DEFAULT);
    let (view, version, map, application) = match section {
        DefaultsSection::Placement => {
            let mut out = BTreeMap::new();
            if let Some((ns, source)) = super::cmf::namespace_of(Some(e)) {
                out.insert("kubernetes.namespace".into(), value(ns, &source, false));
            }
            return out;
        }
        DefaultsSection::ApplicationDefaults => {
            let view = defaults_site(e, SiteKind::ApplicationDefaults);
            let version = view.as_ref().and_then(fko::version_of).unwrap_or(FlinkVersion::LATEST);
            (view, version, &["flinkApplicationDefaults", "spec", "flinkConfiguration"][..], true)
        }
        DefaultsSection::DetachedStatementDefaults => {
            (None, sql_version, &["statementDefaults", "detached", "flinkConfiguration"][..], false)
        }
        DefaultsSection::InteractiveStatementDefaults => (
            None,
            sql_version,
            &["statementDefaults", "interactive", "flinkConfiguration"][..],
            false,
        ),
        DefaultsSection::ComputePoolDefaults => (
            pool_view,
            sql_version,
            &["computePoolDefaults", "clusterSpec", "flinkConfiguration"][..],
            false,
        ),
    };
    let mut stack = Stack::new(version);
    stack.set_map(e, map, section.layer(), false);
    let mut out = BTreeMap::new();
    let Some(view) = view else {
        for entry in stack.finish() {
            out.insert(entry.key, value(entry.value, &entry.source, false));
        }
        return out;
    };
    if let Some(found) = view.locate(&["flinkVersion"]) {
        let text = super::scalar_text(found.value);
        let source = fko::source_of(&found, Layer::SpecField);
        out.insert("flinkVersion".into(), value(text, &source, true));
    }
    // Spec fields as the FKO engine turns them into keys; keys it derives from nothing
    // the environment wrote (the execution target, …) are not the environment's.
    let name = (e.name().to_string(), Source::builtin(Layer::OperatorForced));
    let cluster = Cluster { view, name, namespace: None, application };
    fko::derived(&mut stack, &cluster);
    for entry in stack.finish() {
        let s = &entry.source;
        let scalar = e.doc.pointer(&s.path).is_some_and(|v| !v.is_object());
        if s.resource_id == Some(e.id) && scalar {
            let from_spec_field = s.layer == Layer::SpecField;
            out.insert(entry.key, value(entry.value, s, from_spec_field));
        }
    }
    out
}

fn value(value: String, source: &Source, from_spec_field: bool) -> DefaultValue {
    DefaultValue { value, path: source.path.clone(), from_spec_field }
}

/// Applications, compute pools and statements whose environment is `id`.
fn governed(design: &Design, graph: &Graph, id: ResourceId) -> Vec<Governed> {
    let ids: HashSet<ResourceId> = graph.sources(id, EdgeKind::Environment).into_iter().collect();
    let mut out: Vec<Governed> = design
        .resources
        .iter()
        .filter(|r| ids.contains(&r.id) && GOVERNED_KINDS.contains(&r.kind))
        .map(|r| Governed { id: r.id, kind: r.kind, name: r.name().to_string() })
        .collect();
    let rank = |k: Kind| GOVERNED_KINDS.iter().position(|g| *g == k);
    crate::core::sort::sort_by(&mut out, |a, b| {
        rank(a.kind).cmp(&rank(b.kind)).then_with(|| a.name.cmp(&b.name))
    });
    out
}
